"""``motorisasi ownership fit``: estimate the ownership-income model from the data.

The table speaks English or Bahasa Indonesia (``--lang``, default from the locale); ``--json``
stays the same in both (English field names).
"""

from __future__ import annotations

import json
import math
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.listing import Format, check_format
from motorisasi.outputs.options import DataDir, Lang

ownership_app = typer.Typer(
    help="The ownership-income model (Gompertz with partial adjustment): estimate it from the data.",
    no_args_is_help=True,
)


@ownership_app.command("fit")
@user_errors_as_one_line
def fit(
    countries: Annotated[
        str, typer.Option(help="Comma-separated ISO3 codes of the panel.")
    ] = "IDN,JPN,THA,MYS,KOR,PHL,IND,VNM",
    definition: Annotated[str, typer.Option(help="four_wheel, passenger_cars or two_wheel.")] = "four_wheel",
    static: Annotated[bool, typer.Option(help="Fit the static curve instead of partial adjustment.")] = False,
    asymmetric: Annotated[bool, typer.Option(help="Separate speeds for rising and falling income.")] = False,
    saturation: Annotated[
        float | None,
        typer.Option(help="Fix the saturation level (vehicles per 1,000) instead of estimating it."),
    ] = None,
    shared_beta: Annotated[bool, typer.Option(help="One income response for all countries.")] = False,
    substitution: Annotated[
        bool,
        typer.Option(
            "--substitution",
            help="With --definition two_wheel: estimate the motorcycles given up per four-wheeler.",
        ),
    ] = False,
    with_characteristics: Annotated[
        str,
        typer.Option(
            "--characteristics",
            help="Comma-separated country characteristics that shift the saturation level: density "
            "(ln of persons per km2 / 100) and urban ((urban share % - 50) / 100), World Bank, 2023.",
        ),
    ] = "",
    cv: Annotated[
        bool,
        typer.Option(
            "--cv", help="Cross-validate: rolling origin and leave one country out, against naive benchmarks."
        ),
    ] = False,
    horizons: Annotated[int, typer.Option(help="Longest horizon scored by --cv, years (1-30).")] = 8,
    ex_ante: Annotated[
        bool,
        typer.Option(
            "--ex-ante",
            help="With --cv: forecast without the actual income after the origin (its last three years' "
            "growth carried on) instead of with it.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    fmt: Format = "table",
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Estimate V* = saturation * exp(alpha * exp(beta * income)) and the adjustment speed.

    Bounded nonlinear least squares on the countries' histories (income in thousand constant
    2021 $ PPP per person, ownership per 1,000 people); standard errors from the Jacobian and
    95 % intervals. The published Dargay-Gately-Sommer (2007) estimates are not used: they
    could not be confirmed from the paper.
    """
    from motorisasi.outputs.messages import language
    from motorisasi.outputs.options import check_data

    lang = language(lang)
    check_format(fmt)
    check_data(data)
    from motorisasi.model.ownership_fit import fit_ownership
    from motorisasi.scenario.ownership_cv import multi_step_errors, panel_incomes, validate_histories
    from motorisasi.scenario.ownership_histories import panel_histories

    codes = tuple(dict.fromkeys(c.strip().upper() for c in countries.split(",") if c.strip()))
    if not codes:
        from motorisasi.errors import ParameterError

        raise ParameterError(code="cli.countries_none")
    options = {
        "dynamic": not static,
        "asymmetric": asymmetric,
        "saturation": saturation,
        "country_beta": not shared_beta,
    }
    if substitution:
        options["substitution"] = True
    names = tuple(dict.fromkeys(n.strip().lower() for n in with_characteristics.split(",") if n.strip()))
    if names:
        from motorisasi.scenario.ownership_histories import characteristics

        options["covariates"] = characteristics(codes, names, data_dir=data)
    from motorisasi.data.store import register_definition

    histories, used = panel_histories(codes, definition, data)
    result = fit_ownership(histories, **options)
    incomes = panel_incomes(codes, data)
    validation = (
        validate_histories(
            histories,
            incomes,
            definition,
            horizons,
            "extrapolated" if ex_ante else "actual",
            full=result,
            **options,
        )
        if cv
        else None
    )
    steps = validation.multi_step if validation is not None else multi_step_errors(result, histories, incomes)
    if fmt == "csv":  # the parameters, a row each
        import pandas as pd

        from motorisasi.outputs.listing import emit

        rows = [
            {
                "parameter": name,
                "estimate": value,
                "stderr": result.stderr.get(name),
                "low95": result.interval.get(name, (None, None))[0],
                "high95": result.interval.get(name, (None, None))[1],
                "fixed": False,
            }
            for name, value in result.params.items()
        ] + [{"parameter": name, "estimate": value, "fixed": True} for name, value in result.fixed.items()]
        emit(pd.DataFrame(rows), "csv", lambda: None)
        return
    if as_json or fmt == "json":
        out = {
            "definition": definition,
            "countries": list(codes),
            "dynamic": result.dynamic,
            "params": result.params,
            "stderr": result.stderr,
            "interval95": {k: list(v) for k, v in result.interval.items()},
            "fixed": result.fixed,
            "n_obs": result.n_obs,
            "rmse": result.rmse,
            "r_squared": result.r_squared,
            "multi_step": steps,
            "series": used,
            "characteristics": result.covariates,
            "register_definitions": {c: register_definition(c, data)["definition"] for c in codes},
            "saturation_by_country": {c: result.saturation(c) for c in codes},
        }
        if validation is not None:
            out["cross_validation"] = validation.to_dict()
        typer.echo(json.dumps(out, indent=2))
        return
    _print(result, used, definition, codes, lang, steps)
    from motorisasi.outputs.messages import message

    kinds = ", ".join(f"{c} {register_definition(c, data)['definition']}" for c in codes)
    typer.echo(message("ownership.registers", lang, kinds=kinds))
    if validation is not None:
        _print_cv(validation, lang)


def _print_cv(cv, lang: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.cli_backtest import horizon_table
    from motorisasi.outputs.messages import display_name, message, number
    from motorisasi.scenario.ownership_cv import EVALUATIONS

    console = Console(highlight=False)
    console.print(message(f"ownership.cv.income.{cv.income}", lang), markup=False)
    for evaluation in EVALUATIONS:
        name = message(f"ownership.cv.{evaluation}", lang)
        scores = cv.scores(evaluation)
        title = message("ownership.cv.title", lang, evaluation=name)
        table = horizon_table(title, scores, "ownership_model", "mae", 1, lang, box=box.SIMPLE_HEAD)
        console.print(table)
        table = Table(box=box.SIMPLE_HEAD)
        table.add_column(message("ownership.cv.country", lang))
        for model in scores:
            table.add_column(display_name("backtest_model", model, lang), justify="right")
        for country in (*cv.countries, None):
            head = cv.headline(evaluation, country)
            table.add_row(
                country or message("ownership.cv.all", lang),
                *[number(head["mae"][m], lang, 1) for m in scores],
            )
        console.print(table)
        head = cv.headline(evaluation)
        if math.isnan(head["mae"]["ownership_model"]):
            console.print(message("ownership.cv.none", lang, evaluation=name), markup=False)
            continue
        console.print(
            message(
                "ownership.cv.sentence" if head["model_at_least_as_good"] else "ownership.cv.sentence_loses",
                lang,
                evaluation=name,
                model=number(head["mae"]["ownership_model"], lang, 1),
                horizons=head["horizons"],
                benchmark=display_name("backtest_model", head["best_benchmark"], lang),
                value=number(head["mae"][head["best_benchmark"]], lang, 1),
            ),
            markup=False,
        )
    rolling = [k for k in cv.skipped if k.startswith("rolling:")]
    if rolling:
        console.print(message("ownership.cv.skipped", lang, n=len(rolling)), markup=False)
    for key, reason in cv.skipped.items():
        if key.startswith("loco:"):
            console.print(
                message("ownership.cv.loco_skipped", lang, country=key.split(":")[1], reason=reason),
                markup=False,
            )


def _print(
    result, used: dict[str, list[str]], definition: str, codes: tuple[str, ...], lang: str, steps: dict
) -> None:
    """The estimates as a table, then the fit overall and per country, in ``lang``."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.cli_data import significant
    from motorisasi.outputs.messages import message, message_or, number

    def parameter(name: str) -> str:
        # saturation, alpha, beta[IDN], theta_rise: the base name may have a name in the language.
        base, bracket, rest = name.partition("[")
        return message_or(f"ownership.param.{base}", lang, base) + bracket + rest

    def unit(name: str) -> str:
        return message_or(f"ownership.unit.{name.split('[')[0].split('_')[0]}", lang, "")

    console = Console(highlight=False)
    form = message("ownership.form.dynamic" if result.dynamic else "ownership.form.static", lang)
    table = Table(
        title=message("ownership.title", lang, form=form, definition=definition, countries=", ".join(codes)),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column in ("parameter", "estimate", "stderr", "interval", "unit"):
        table.add_column(
            message(f"ownership.col.{column}", lang),
            justify="left" if column in ("parameter", "unit") else "right",
        )
    for name, value in result.params.items():
        lo, hi = result.interval[name]
        table.add_row(
            parameter(name),
            significant(value, lang),
            significant(result.stderr[name], lang, 2),
            message("ownership.interval", lang, low=significant(lo, lang), high=significant(hi, lang)),
            unit(name),
        )
    for name, value in result.fixed.items():
        table.add_row(
            parameter(name), significant(value, lang), message("ownership.fixed", lang), "", unit(name)
        )
    console.print(table)
    if result.covariates:
        levels = ", ".join(f"{c} {number(result.saturation(c), lang)}" for c in codes)
        console.print(message("ownership.saturation_by_country", lang, levels=levels), markup=False)
    console.print(
        message(
            "ownership.summary",
            lang,
            n=number(result.n_obs, lang),
            rmse=number(result.rmse, lang, 2),
            r2=number(result.r_squared, lang, 4),
        ),
        markup=False,
    )
    for country, residuals in result.residuals.items():
        line = message(
            "ownership.country",
            lang,
            country=country,
            rmse=number(float((residuals**2).mean() ** 0.5), lang, 2),
            first=steps[country]["first"],
            last=steps[country]["last"],
            mae=number(steps[country]["mae"], lang, 2),
            bias=number(steps[country]["bias"], lang, 2),
            series=", ".join(used[country]),
        )
        console.print(f"  {line}", markup=False)
    console.print(message("ownership.note.excluded", lang), markup=False)


@ownership_app.command("project")
@user_errors_as_one_line
def project(
    country: Annotated[str, typer.Option("--country", "-c", help="ISO 3166 alpha-3 country code.")] = "IDN",
    to: Annotated[int, typer.Option(help="Last year of the projection.")] = 2040,
    growth: Annotated[
        float | None,
        typer.Option(
            help="GDP per capita growth after the data, %/yr (default: its mean over the last 10 years)."
        ),
    ] = None,
    definition: Annotated[str, typer.Option(help="four_wheel or passenger_cars.")] = "four_wheel",
    countries: Annotated[
        str, typer.Option(help="Comma-separated ISO3 codes of the panel the model is fitted to.")
    ] = "IDN,JPN,THA,MYS,KOR,PHL,IND,VNM",
    with_characteristics: Annotated[
        str,
        typer.Option(
            "--characteristics",
            help="Characteristics that shift the saturation level (as in ownership fit).",
        ),
    ] = "",
    draws: Annotated[int, typer.Option(help="Parameter draws for the 90 % range (100-100,000).")] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Project ownership per 1,000 for any country with GDP per capita in the data.

    A panel country keeps its fitted parameters; any other takes the panel's saturation level
    (shifted by its characteristics if asked) and an income response fitted to its own observed
    years, or the panel's median without them. The path starts from its latest observed
    ownership (without any: the long-run curve). The range covers parameter uncertainty, not income.
    """
    from motorisasi.errors import ParameterError
    from motorisasi.outputs.messages import language
    from motorisasi.outputs.options import check_data
    from motorisasi.scenario.ownership_projection import project_ownership

    lang = language(lang)
    check_data(data)
    if not 100 <= draws <= 100_000:
        raise ParameterError(code="cli.ownership_draws", draws=draws)
    panel = tuple(c.strip().upper() for c in countries.split(",") if c.strip())
    names = tuple(n.strip().lower() for n in with_characteristics.split(",") if n.strip())
    result = project_ownership(
        country.strip().upper(),
        to,
        growth=None if growth is None else growth / 100.0,
        definition=definition,
        panel=panel,
        with_characteristics=names,
        draws=draws,
        data_dir=data,
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    _print_projection(result, lang)


def _print_projection(p, lang: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.messages import message, number

    console = Console(highlight=False)
    console.print(
        message(
            "ownership.project.title", lang, country=p.country, definition=p.definition, to=int(p.years[-1])
        ),
        markup=False,
    )
    if p.start is None:
        console.print(message("ownership.project.no_history", lang), markup=False)
    else:
        console.print(
            message("ownership.project.start", lang, year=p.start[0], value=number(p.start[1], lang, 1)),
            markup=False,
        )
    console.print(
        message(
            f"ownership.project.saturation.{p.saturation_source}",
            lang,
            value=number(p.saturation, lang),
            panel=", ".join(p.panel),
        ),
        markup=False,
    )
    console.print(
        message(
            f"ownership.project.beta.{p.beta_source}",
            lang,
            value=f"{p.beta:.4f}",
            low=f"{p.beta_range[0]:.4f}",
            high=f"{p.beta_range[1]:.4f}",
        ),
        markup=False,
    )
    console.print(
        message(
            f"ownership.project.income.{p.growth_source}",
            lang,
            last=p.income_observed_to,
            growth=number(100 * p.growth, lang, 1),
        ),
        markup=False,
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("year", "income", "ownership", "range"):
        table.add_column(message(f"ownership.project.col.{key}", lang), justify="right")
    for year, g, v, lo, hi in zip(p.years, p.income, p.central, p.low, p.high, strict=True):
        table.add_row(
            str(int(year)),
            number(1000 * g, lang),
            number(v, lang, 1),
            message("ownership.interval", lang, low=number(lo, lang, 1), high=number(hi, lang, 1)),
        )
    console.print(table)
    console.print(message("ownership.project.note", lang, draws=number(p.draws, lang)), markup=False)
