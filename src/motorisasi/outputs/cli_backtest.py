"""``motorisasi calibrate`` and ``motorisasi backtest``: the register fitted to its history, and proven.

Tables speak English or Bahasa Indonesia (``--lang``); ``--json`` keeps English field names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.listing import Format, check_format
from motorisasi.outputs.options import DataDir, Lang
from motorisasi.outputs.summary import (
    backtest_sentences,
    energy_backtest_sentences,
    forecast_rows,
    year_ranges,
)

Scenario = Annotated[
    str, typer.Argument(help="Shipped scenario name or YAML file whose segments and lifetimes are used.")
]


#: Output columns of the percentage measures (output name -> scores table key).
PERCENT_COLUMNS = {"n": "n", "mape_pct": "mape", "bias_pct": "bias"}


def table_rows(table: dict, columns: dict[str, str], **fixed) -> list[dict]:
    """One row per horizon of a scores table: the ``fixed`` fields, the horizon, then ``columns``
    (output name -> the table's key), in that order."""
    return [
        {**fixed, "horizon": h, **{out: table[key][i] for out, key in columns.items()}}
        for i, h in enumerate(table["horizon"])
    ]


def score_rows(bt) -> list[dict]:
    """Scores per target, measure, origins (all, or on the current method), model and horizon."""
    from motorisasi.scenario.backtest import MEASURES

    rows = []
    for origins, since in (("all", None), ("current_method", bt.current_from)):
        if origins == "current_method" and since is None:
            continue
        for target in bt.targets:
            for measure in MEASURES:
                for model, table in bt.scores(target, measure, since).items():
                    rows += table_rows(
                        table,
                        {**PERCENT_COLUMNS, "mae": "mae", "coverage": "coverage"},
                        origins=origins,
                        origins_from=since,
                        target=target,
                        measure=measure,
                        model=model,
                    )
    return rows


@user_errors_as_one_line
def backtest(
    scenario: Scenario = "baseline",
    horizons: Annotated[
        int | None, typer.Option(help="Longest horizon scored, years (1-30; default 10, with --energy 5).")
    ] = None,
    measure: Annotated[str, typer.Option(help="Table of: registered (fleet) or per_1000.")] = "registered",
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for backtest.csv, backtest_scores.csv and the chart (PNG and SVG)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    energy: Annotated[
        bool,
        typer.Option(
            "--energy",
            help="Score road energy by fuel and road CO2 instead (distance factor fitted up to each origin).",
        ),
    ] = False,
    regions: Annotated[
        str | None,
        typer.Option(
            help="Score the provincial allocations instead (provinces-34 or provinces), against holding "
            "shares or ownership per person, on the observed national register.",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            help="Backtest this country's shipped baseline (e.g. THA) instead of the scenario named."
        ),
    ] = None,
    fmt: Format = "table",
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Rolling-origin hindcasts of the registered fleet against naive benchmarks.

    From every year on a statistical basis, each model forecasts 1-HORIZONS years ahead on the
    same basis with the actual sales: the calibrated register (removal rate fitted only to
    data up to the origin), last register + cumulative sales, register = fleet in use, random
    walk with drift, log-linear trend. Scores: MAPE and bias by horizon, and the coverage of
    the calibrated model's interval. Scores are given for all origins and for the origins on
    the statistical method the projection continues. With --energy: road energy by fuel and
    road CO2, from the fleet with the distance factor fitted up to each origin.
    """
    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.messages import language
    from motorisasi.outputs.options import check_data, check_output_folder
    from motorisasi.scenario.backtest import backtest as run_backtest

    lang = language(lang)
    check_format(fmt)
    check_data(data)
    if country is not None:
        from motorisasi.scenario.schema import baseline_for

        scenario = baseline_for(country)
    if measure not in ("registered", "per_1000"):
        raise MotorisasiError(code="cli.measure", value=measure)
    if regions is not None:
        _regions_backtest(scenario, regions, as_json or fmt == "json", lang, data, fmt == "csv")
        return
    if energy:
        _energy_backtest(scenario, 5 if horizons is None else horizons, out, as_json, lang, data)
        return
    horizons = 10 if horizons is None else horizons
    if out is None:
        _report(run_backtest(scenario, horizons=horizons, data_dir=data), measure, as_json, lang, fmt)
        return
    from motorisasi.outputs.files import writing

    check_output_folder(out, data)
    # The folder is checked and locked before the work, and the files land together at the end.
    with writing(out, NAMES, lang) as files:
        bt = run_backtest(scenario, horizons=horizons, data_dir=data)
        _report(bt, measure, as_json, lang, fmt)
        paths = _write(bt, files, lang)
    if not as_json:
        from rich.console import Console

        Console().print("Wrote: " + ", ".join(str(p) for p in paths), markup=False, soft_wrap=True)


NAMES = ["backtest.csv", "backtest_scores.csv", "backtest.png", "backtest.svg"]
ENERGY_NAMES = ["backtest_energy.csv", "backtest_energy_scores.csv"]


def energy_score_rows(bt) -> list[dict]:
    """Energy backtest scores per origins (all, or on the current window), target, model and horizon."""
    from motorisasi.scenario.energy_backtest import TARGETS, UNITS

    rows = []
    for origins, since in (("all", None), ("current_method", bt.current_from)):
        if origins == "current_method" and since is None:
            continue
        for target in TARGETS:
            for model, table in bt.scores(target, since).items():
                rows += table_rows(
                    table,
                    PERCENT_COLUMNS,
                    origins=origins,
                    origins_from=since,
                    target=target,
                    unit=UNITS[target],
                    model=model,
                )
    return rows


def _energy_backtest(scenario, horizons: int, out, as_json: bool, lang: str, data) -> None:
    from motorisasi.outputs.options import check_output_folder
    from motorisasi.scenario.energy_backtest import energy_backtest

    if out is None:
        bt = energy_backtest(scenario, horizons=horizons, data_dir=data)
        paths = []
    else:
        import pandas as pd

        from motorisasi.outputs.export import csv_bytes
        from motorisasi.outputs.files import writing

        check_output_folder(out, data)
        with writing(out, ENERGY_NAMES, lang) as files:
            bt = energy_backtest(scenario, horizons=horizons, data_dir=data)
            forecasts = forecast_rows(bt)
            paths = [
                files.write("backtest_energy.csv", csv_bytes(pd.DataFrame(forecasts))),
                files.write("backtest_energy_scores.csv", csv_bytes(pd.DataFrame(energy_score_rows(bt)))),
            ]
    if as_json:
        typer.echo(json.dumps(bt.to_dict(), indent=2, ensure_ascii=False))
        return
    _print_energy_tables(bt, lang)
    if paths:
        from rich.console import Console

        Console().print("Wrote: " + ", ".join(str(p) for p in paths), markup=False, soft_wrap=True)


def horizon_table(
    title: str, scores: dict, model: str, error: str, decimals: int, lang: str, **table_options
):
    """Errors by horizon per model (rows), bias averaged over horizons 1-5, and the forecasts of
    ``model`` per horizon: the table the backtests and the ownership cross-validation share."""
    from rich.table import Table

    from motorisasi.outputs.messages import display_name, message, number

    table = Table(title=title, title_justify="left", **table_options)
    table.add_column(message("backtest.model", lang))
    for h in scores[model]["horizon"]:
        table.add_column(f"h={h}", justify="right")
    table.add_column("bias 1-5", justify="right")
    for name, tab in scores.items():
        early = [b for h, b in zip(tab["horizon"], tab["bias"], strict=True) if h <= 5]
        table.add_row(
            display_name("backtest_model", name, lang),
            *[number(v, lang, decimals) for v in tab[error]],
            number(sum(early) / len(early), lang, decimals) if early else "",
        )
    table.add_row(message("backtest.forecasts", lang), *[str(n) for n in scores[model]["n"]], "")
    return table


def _regions_backtest(
    scenario, region_set: str, as_json: bool, lang: str, data, as_csv: bool = False
) -> None:
    """The provincial allocations scored on the provincial register (one table)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.messages import message, number
    from motorisasi.scenario.regions_backtest import regions_backtest

    bt = regions_backtest(scenario, region_set, data_dir=data)
    if as_csv:
        import pandas as pd

        from motorisasi.outputs.listing import emit

        rows = [
            {
                "model": model,
                "segment": segment,
                "horizon": horizon,
                "n": n,
                "mape_pct": bt.mape[model][segment][horizon],
                "share_error_pp": bt.share_error[model][segment][horizon],
            }
            for model in bt.models
            for segment in bt.segments
            for horizon, n in bt.n.items()
        ]
        emit(pd.DataFrame(rows), "csv", lambda: None)
        return
    if as_json:
        typer.echo(json.dumps(bt.to_dict(), indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    console.print(
        message(
            "backtest.regions.title", lang, count=len(bt.origins), first=bt.origins[0], last=bt.origins[-1]
        ),
        style="bold",
        markup=False,
    )
    for scores, key, decimals in ((bt.mape, "mape", 2), (bt.share_error, "share", 3)):
        table = Table(
            box=box.SIMPLE, title=message(f"backtest.regions.table.{key}", lang), title_justify="left"
        )
        table.add_column(message("backtest.regions.col.segment", lang), no_wrap=True)
        table.add_column(message("backtest.regions.col.horizon", lang), justify="right", no_wrap=True)
        table.add_column("n", justify="right", no_wrap=True)
        for model in bt.models:
            table.add_column(message(f"backtest.regions.model.{model}", lang), justify="right")
        if key == "mape":
            table.add_column(message("backtest.regions.col.best", lang), no_wrap=True)
        for segment in bt.segments:
            for horizon, n in bt.n.items():
                cells = [number(scores[m][segment][horizon], lang, decimals) for m in bt.models]
                best = (
                    [message(f"backtest.regions.model.{bt.best(segment, horizon)}", lang)]
                    if key == "mape"
                    else []
                )
                table.add_row(segment, str(horizon), str(n), *cells, *best)
        console.print(table)
    console.print(message("backtest.regions.how", lang, set=bt.region_set), markup=False, soft_wrap=True)


def _print_energy_tables(bt, lang: str) -> None:
    from rich.console import Console

    from motorisasi.outputs.messages import message
    from motorisasi.scenario.energy_backtest import TARGETS, UNITS

    console = Console()
    for since in [None, bt.current_from] if bt.current_from is not None else [None]:
        suffix = message("backtest.since", lang, year=since) if since is not None else ""
        for target in TARGETS:
            scores = bt.scores(target, since)
            if not scores["fleet"]["horizon"]:
                continue
            title = message(f"energy_backtest.{target}", lang, unit=UNITS[target], since=suffix)
            console.print(horizon_table(title, scores, "fleet", "mape", 1, lang))
        for line in energy_backtest_sentences(bt, lang, since):
            console.print(line, markup=False)


def _report(bt, measure: str, as_json: bool, lang: str, fmt: str = "table") -> None:
    if fmt == "csv":  # the scores, a row per model, horizon and set of origins
        import pandas as pd

        from motorisasi.outputs.listing import emit

        emit(pd.DataFrame(score_rows(bt)), "csv", lambda: None)
    elif as_json or fmt == "json":
        typer.echo(json.dumps(bt.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_tables(bt, measure, lang)


def _write(bt, files, lang: str) -> list:
    import io

    import pandas as pd

    from motorisasi.outputs.export import csv_bytes
    from motorisasi.report.charts import _savefig, backtest_fans

    fig = backtest_fans({**bt.to_dict(), "forecasts": forecast_rows(bt)}, lang)
    paths = [
        files.write("backtest.csv", csv_bytes(pd.DataFrame(forecast_rows(bt)))),
        files.write("backtest_scores.csv", csv_bytes(pd.DataFrame(score_rows(bt)))),
    ]
    for fmt in ("png", "svg"):
        buffer = io.BytesIO()
        _savefig(fig, buffer, fmt)
        paths.append(files.write(f"backtest.{fmt}", buffer.getvalue()))
    return paths


def _print_tables(bt, measure: str, lang: str) -> None:
    from rich.console import Console

    from motorisasi.outputs.messages import display_name, message, number

    console = Console()
    for since in [None, bt.current_from] if bt.current_from is not None else [None]:
        suffix = message("backtest.since", lang, year=since) if since is not None else ""
        for target in bt.targets:
            scores = bt.scores(target, measure, since)
            title = message(
                "backtest.title",
                lang,
                target=display_name("backtest_target", target, lang),
                measure=message(f"backtest.measure.{measure}", lang),
                since=suffix,
            )
            table = horizon_table(title, scores, "calibrated", "mape", 2, lang)
            table.add_row(
                message("backtest.coverage", lang),
                *[number(100 * c, lang, 0) + " %" for c in scores["calibrated"]["coverage"]],
                "",
            )
            console.print(table)
        for line in backtest_sentences(bt, lang, measure, since):
            console.print(line, markup=False)


def calibration(scenario="baseline", data_dir=None) -> dict:
    """The register calibration of every segment, with the lifetime's sensitivity (plain numbers)."""
    from motorisasi.scenario.schema import Scenario, ScenarioError, load_scenario
    from motorisasi.scenario.steps.inputs import _where, resolve_base

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    try:
        return _calibration(resolve_base(sc, data_dir), data_dir)
    except ScenarioError as exc:
        raise ScenarioError(code="cli.where", where=_where(sc), problem=exc) from None


def _calibration(sc, data_dir) -> dict:
    from motorisasi.scenario.register import calibrate
    from motorisasi.scenario.steps.fleet import segment_history
    from motorisasi.scenario.steps.inputs import _Sources

    out: dict[str, object] = {"scenario": sc.name, "base_year": sc.years.base, "segments": {}}
    for name, seg in sc.segments.items():
        past = segment_history(name, seg, sc, _Sources(), data_dir)
        entry = past.layers.summary()
        entry["lifetime_mean_years"] = seg.lifetime.mean_years
        entry["fit_from"] = seg.register_removal.fit_from
        entry["reason"] = seg.register_removal.reason
        if past.layers.fit is not None:
            entry["mean_years_to_removal"] = past.layers.fit.mean_lag_years
            # How much one year moves the estimate: the fit without each year's change in turn.
            spec = seg.register_removal
            without = {
                year: calibrate(
                    past.history,
                    past.spun.in_use,
                    past.spun.left_use,
                    fit_from=spec.fit_from,
                    exclude=(year,),
                ).rate
                for year in past.layers.fit.years
            }
            entry["rate_without_each_year"] = without
            sensitivity = []
            for factor in (0.75, 1.25):
                lifetime = seg.lifetime.model_copy(
                    update={
                        "mean_years": seg.lifetime.mean_years * factor,
                        "std_years": seg.lifetime.std_years * factor,
                    }
                )
                other = segment_history(
                    name, seg.model_copy(update={"lifetime": lifetime}), sc, _Sources(), data_dir
                )
                fit = other.layers.fit
                assert fit is not None
                sensitivity.append(
                    {
                        "lifetime_mean_years": lifetime.mean_years,
                        "rate": fit.rate,
                        "rmse": (fit.rss / len(fit.years)) ** 0.5,
                    }
                )
            entry["lifetime_sensitivity"] = sensitivity
        out["segments"][name] = entry  # type: ignore[index]
    return out


@user_errors_as_one_line
def calibrate(
    scenario: Scenario = "baseline",
    energy: Annotated[
        bool,
        typer.Option(
            "--energy",
            help="Compare the modelled road fuel use and CO2 with fuel sold and inventoried instead.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the calibration as JSON.")] = False,
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Fit each segment's register-removal rate to the register history, with its interval.

    The registered fleet is modelled as the fleet in use (sales through the lifetime) plus
    vehicles out of use that are still registered, removed at a yearly rate. The rate is the
    least-squares fit to the register's year-on-year changes within one statistical basis
    (never across a documented break), with a 90 % profile-likelihood interval.
    """
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.messages import display_name, language, message, number
    from motorisasi.outputs.options import check_data

    lang = language(lang)
    check_data(data)
    if energy:
        _energy_table(scenario, data, as_json, lang)
        return
    result = calibration(scenario, data)
    if as_json:
        from motorisasi.scenario.gap import json_ready

        typer.echo(json.dumps(json_ready(result), indent=2, ensure_ascii=False))
        return
    console = Console()
    table = Table(
        title=message("calibrate.title", lang, scenario=result["scenario"], base=result["base_year"]),
        title_justify="left",
    )
    segments = result["segments"]
    table.add_column("")
    for name in segments:
        table.add_column(display_name("segment", name, lang), justify="right")

    def row(key: str, shown) -> None:
        table.add_row(message(f"calibrate.{key}", lang), *[shown(e) for e in segments.values()])

    def interval(e) -> str:
        low, high = e.get("interval") or (None, None)
        return "" if low is None else f"{number(100 * low, lang, 2)}-{number(100 * high, lang, 2)}"

    def lag(e) -> str:
        value = e.get("mean_years_to_removal")
        return "" if value is None else ("∞" if value == float("inf") else number(value, lang, 0))

    def years(e) -> str:
        fitted = e.get("years_fitted") or []
        return f"{len(fitted)} ({fitted[0]}-{fitted[-1]})" if fitted else ""

    row("model", lambda e: str(e["model"]))
    row("rate", lambda e: number(100 * e["removal_rate_per_year"], lang, 2))
    row("interval", interval)
    row("lag", lag)
    row("years", years)
    row("rmse", lambda e: number(e["rmse"], lang, 0) if "rmse" in e else "")

    def loo(e) -> str:
        rates = (e.get("rate_without_each_year") or {}).values()
        return f"{number(100 * min(rates), lang, 2)}-{number(100 * max(rates), lang, 2)}" if rates else ""

    row("loo", loo)
    row("in_use", lambda e: number(e["in_use"] / 1e6, lang, 2))
    row("unremoved", lambda e: number(e["unremoved"] / 1e6, lang, 2))
    row("level", lambda e: number(e["basis_level"] / 1e6, lang, 2))
    console.print(table)
    for name, e in result["segments"].items():
        if e.get("basis_from") == "sources":
            console.print(
                message("calibrate.by_source", lang, segment=display_name("segment", name, lang)),
                markup=False,
            )
    for name, e in result["segments"].items():
        sens = e.get("lifetime_sensitivity")
        if not sens:
            continue
        console.print(
            message(
                "calibrate.lifetime",
                lang,
                segment=display_name("segment", name, lang),
                mean=e["lifetime_mean_years"],
                low=sens[0]["lifetime_mean_years"],
                high=sens[1]["lifetime_mean_years"],
                rate_low=number(100 * sens[0]["rate"], lang, 2),
                rate_high=number(100 * sens[1]["rate"], lang, 2),
                rmse_low=number(sens[0]["rmse"], lang, 0),
                rmse_high=number(sens[1]["rmse"], lang, 0),
            ),
            markup=False,
        )


def energy_calibration_summary(ds) -> dict:
    """The run's energy calibration per fuel, with the distance and intensity split per segment."""
    summary = json.loads(ds.attrs["energy_calibration"])
    for fit in summary["fuels"].values():
        fit["segment_factors"] = {
            seg: {
                "distance": float(ds["km_factor"].sel(segment=seg)),
                "intensity": float(ds["intensity_factor"].sel(segment=seg)),
            }
            for seg in fit["segments"]
        }
    return summary


def _energy_table(scenario, data, as_json: bool, lang: str) -> None:
    """The distance factors fitted to the energy balance, then modelled road energy, fuel volumes
    and CO2 next to the reference series, year by year."""
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.messages import display_name, message, number
    from motorisasi.scenario.reconcile import fuel_reconciliation
    from motorisasi.scenario.run import run

    ds = run(scenario, data_dir=data)
    summary = energy_calibration_summary(ds)
    rows = fuel_reconciliation(ds, data)
    if as_json:
        from dataclasses import asdict

        from motorisasi.scenario.gap import json_ready

        payload = {
            "calibration": summary,
            "comparisons": [{**asdict(r), "ratio": r.ratio} for r in rows],
        }
        typer.echo(json.dumps(json_ready(payload), indent=2, ensure_ascii=False))
        return
    console = Console()
    table = Table(
        title=message("energy_cal.title", lang, scenario=str(ds.attrs["scenario_name"])), title_justify="left"
    )
    for key in ("fuel", "status", "factor", "bounds", "years", "error"):
        table.add_column(
            message(f"energy_cal.col.{key}", lang), justify="left" if key in ("fuel", "status") else "right"
        )
    for fuel, fit in summary["fuels"].items():
        high = fit.get("high")
        ratios = fit.get("ratio") or []
        table.add_row(
            display_name("fuel", fuel, lang),
            message(f"energy_cal.status.{fit['status']}", lang),
            number(fit["factor"], lang, 3),
            f"{number(fit['low'], lang, 2)}-{'∞' if high is None else number(high, lang, 2)}"
            if "low" in fit
            else "",
            year_ranges(fit.get("years") or []),
            f"{number(100 * (min(ratios) - 1), lang, 1)}..{number(100 * (max(ratios) - 1), lang, 1)}"
            if ratios
            else "",
        )
    console.print(table)
    assumed = {name: seg["km_per_year"] for name, seg in json.loads(ds.attrs["scenario"])["segments"].items()}
    table = Table(title=message("energy_cal.split_title", lang), title_justify="left")
    for key in ("segment", "km_factor", "km", "intensity_factor"):
        table.add_column(
            message(f"energy_cal.col.{key}", lang), justify="left" if key == "segment" else "right"
        )
    for fit in summary["fuels"].values():
        for seg, f in fit["segment_factors"].items():
            table.add_row(
                display_name("segment", seg, lang),
                number(f["distance"], lang, 2),
                number(assumed[seg] * f["distance"], lang, 0),
                number(f["intensity"], lang, 2),
            )
    console.print(table)
    console.print(message("energy_cal.note", lang), markup=False)
    groups: dict[tuple, list] = {}
    for r in rows:
        groups.setdefault((r.quantity, r.series), []).append(r)
    for (quantity, series), mine in groups.items():
        table = Table(
            title=message(f"energy_check.{quantity}", lang, unit=mine[0].unit, series=" + ".join(series)),
            title_justify="left",
        )
        for key in ("year", "modelled", "reference", "ratio", "fitted"):
            table.add_column(message(f"energy_check.col.{key}", lang), justify="right")
        for r in mine:
            table.add_row(
                str(r.year),
                number(r.modelled, lang, 2 if r.unit == "million kL" else 1),
                number(r.reference, lang, 2 if r.unit == "million kL" else 1),
                number(r.ratio, lang, 3),
                "*" if r.in_fit else "",
            )
        console.print(table)
        console.print(message(f"energy_check.coverage.{mine[0].coverage}", lang), markup=False)
