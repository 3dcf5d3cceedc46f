"""``motorisasi ownership fit``: estimate the ownership-income model from the data.

The table speaks English or Bahasa Indonesia (``--lang``, default from the locale); ``--json``
stays the same in both (English field names).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
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
    ] = "IDN,JPN,THA,MYS",
    definition: Annotated[str, typer.Option(help="four_wheel or passenger_cars.")] = "four_wheel",
    static: Annotated[bool, typer.Option(help="Fit the static curve instead of partial adjustment.")] = False,
    asymmetric: Annotated[bool, typer.Option(help="Separate speeds for rising and falling income.")] = False,
    saturation: Annotated[
        float | None,
        typer.Option(help="Fix the saturation level (vehicles per 1,000) instead of estimating it."),
    ] = None,
    shared_beta: Annotated[bool, typer.Option(help="One income response for all countries.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
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
    from motorisasi.scenario.ownership import fit_panel

    lang = language(lang)
    check_data(data)
    codes = tuple(c.strip().upper() for c in countries.split(",") if c.strip())
    result, used = fit_panel(
        codes,
        definition,
        data_dir=data,
        dynamic=not static,
        asymmetric=asymmetric,
        saturation=saturation,
        country_beta=not shared_beta,
    )
    if as_json:
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
            "series": used,
        }
        typer.echo(json.dumps(out, indent=2))
        return
    _print(result, used, definition, codes, lang)


def _print(result, used: dict[str, list[str]], definition: str, codes: tuple[str, ...], lang: str) -> None:
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
            first=result.years[country][0],
            last=result.years[country][-1],
            series=", ".join(used[country]),
        )
        console.print(f"  {line}", markup=False)
