"""``motorisasi run`` and ``motorisasi compare``: run scenarios, write results, print the headline numbers.

Both speak English or Bahasa Indonesia (``--lang``, default from the locale): every label comes
from the message catalogue and numbers use the language's separators (1,234.5 or 1.234,5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.listing import Format, check_format
from motorisasi.outputs.messages import display_name
from motorisasi.outputs.options import DataDir, Lang, check_output_folder
from motorisasi.outputs.summary import (
    _cells,
    countries,
    country_notes,
    indicators,
    milestones,
    notes,
    unique_names,
)


@user_errors_as_one_line
def run(
    scenario: Annotated[
        str, typer.Argument(help="Scenario file, or the name of a shipped scenario (baseline, ...).")
    ] = "baseline",
    out: Annotated[Path, typer.Option(help="Folder for the result files.")] = Path("motorisasi-results"),
    files: Annotated[bool, typer.Option(help="Write the CSV, Excel, NetCDF and IAMC files.")] = True,
    by_age: Annotated[bool, typer.Option(help="Also give the fleet by age (an 'age' dimension).")] = False,
    draws: Annotated[
        int,
        typer.Option(
            help="Run this many draws of the scenario's 'uncertainty' section and give medians and "
            "90 % ranges (0: one run with the numbers as written)."
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the draws (the same seed gives the same results).")] = 0,
    sampler: Annotated[str, typer.Option(help="How the draws are spread: sobol, lhs or random.")] = "sobol",
    keep_draws: Annotated[bool, typer.Option(help="Write every draw, not only the quantiles.")] = False,
    chunk: Annotated[int, typer.Option(help="Draws computed in one vectorised pass (memory).")] = 500,
    threads: Annotated[
        int | None,
        typer.Option(help="Threads running chunks of draws in this process (default: every core)."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Run the draws on a local Dask cluster of this many processes.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Run the draws on an existing Dask cluster (its scheduler address).")
    ] = None,
    regions: Annotated[
        str | None,
        typer.Option(
            help="Share the results out to provinces: 'provinces' (38) or 'provinces-34' "
            "(the scenario's 'regions' section sets the ceilings and weights).",
            show_default=False,
        ),
    ] = None,
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Run a scenario and write tidy CSV, Excel, NetCDF and IAMC files; print the headline numbers.

    With no argument it runs the shipped baseline for Indonesia from the embedded data. With
    --draws N it runs N draws of the scenario's uncertain inputs at once and gives each number
    with its 90 % range.
    """
    from contextlib import nullcontext

    from rich.console import Console

    from motorisasi.outputs.files import OutputSet, safe_stem
    from motorisasi.outputs.messages import language, message

    lang = language(lang)
    console = Console(highlight=False)
    sc = _inputs(scenario, data)
    if regions is not None:
        from motorisasi.scenario.schema import with_regions

        sc = with_regions(sc, regions)
    if draws:
        from motorisasi.errors import MotorisasiError
        from motorisasi.outputs.cli_ensemble import run_ensemble

        if by_age:
            raise MotorisasiError(code="cli.by_age_draws")

        return run_ensemble(
            sc,
            draws=draws,
            seed=seed,
            sampler=sampler,
            keep_draws=keep_draws,
            chunk=chunk,
            threads=threads,
            workers=workers,
            scheduler=scheduler,
            out=out,
            files=files,
            lang=lang,
            data=data,
            console=console,
        )
    check_output_folder(out, data)
    # The output folder is checked and locked before the work, so a bad --out fails at once.
    if files:  # the exports (and pandas) are imported only when files are written
        from motorisasi.outputs.export import file_names

        outset = OutputSet(out, file_names(safe_stem(sc.name)).values(), lang)
    else:
        outset = nullcontext()
    with outset:
        with console.status(message("run.status", lang), spinner="dots"):
            from motorisasi.scenario.run import run as run_scenario

            ds = run_scenario(sc, data_dir=data, by_age=by_age)
        if isinstance(outset, OutputSet):
            with console.status(message("run.status.files", lang), spinner="dots"):
                from motorisasi.outputs.export import write_all

                write_all(ds, outset)
                paths = outset.commit()
    headline(ds, console, lang)
    if "region" in ds.dims:
        provinces_line(ds, console, lang)
    warnings(ds, console, lang)
    if files:
        console.print(
            message("run.wrote", lang, paths=", ".join(str(p) for p in paths)),
            soft_wrap=True,
            markup=False,
        )


def provinces_line(ds, console, lang: str = "en") -> None:
    """The spread of the first segment's ownership over the provinces at the first milestone."""
    from motorisasi.outputs.messages import message, number

    years = milestones(ds)
    year = years[1] if len(years) > 1 else int(ds.attrs["base_year"])
    segment = str(ds["segment"].values[0])
    own = ds["region_ownership_per_1000"].sel(segment=segment, year=year).to_series().dropna()
    console.print(
        message(
            "run.regions",
            lang,
            count=len(own),
            segment=display_name("segment", segment, lang),
            year=year,
            low=number(float(own.min()), lang, 1),
            low_name=own.idxmin(),
            high=number(float(own.max()), lang, 1),
            high_name=own.idxmax(),
        ),
        markup=False,
        soft_wrap=True,
    )


def _inputs(scenario: str, data):
    """Check the data folder, then read the scenario: each error names its own file."""
    from motorisasi.outputs.options import check_data
    from motorisasi.scenario.schema import load_scenario

    check_data(data)
    return load_scenario(scenario)


def warnings(ds, console, lang: str = "en") -> None:
    """Say where a scenario's powertrain targets did not fit into total sales, or production into capacity."""
    for line in notes(ds, lang):
        console.print(line, markup=False)


def year_table(title: str, years: list[int]):
    """The headline table: a label column, then one right-aligned column per year."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("")
    for y in years:
        table.add_column(str(y), justify="right")
    return table


def headline(ds, console, lang: str = "en") -> None:
    """The scenario at the base year and milestone years."""

    from motorisasi.outputs.messages import message

    years = milestones(ds)
    table = year_table(
        message("run.title", lang, name=ds.attrs["scenario_name"], country=ds.attrs["country"]), years
    )
    for label, (decimals, values) in indicators(ds, years, lang).items():
        table.add_row(label, *_cells(decimals, values, lang))
    console.print(table)
    base = years[0]
    console.print(message("run.read", lang, base=base, next=base + 1), markup=False)


@user_errors_as_one_line
def compare(
    scenarios: Annotated[
        list[str], typer.Argument(help="Two or more scenario files or shipped scenario names.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            help="Also write the comparison as a CSV file here (indicator names in the --lang language).",
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="Compare one province (e.g. 'Jawa Barat'; a name of the 34-province layout runs on 34).",
            show_default=False,
        ),
    ] = None,
    indicators_asked: Annotated[
        str | None,
        typer.Option(
            "--indicators",
            help="Only the indicators whose names contain one of these words, comma-separated "
            "(e.g. 'per 1,000,CO2').",
            show_default=False,
        ),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(help="Only these years, comma-separated (default: the milestones).", show_default=False),
    ] = None,
    fmt: Format = "table",
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Compare scenarios at milestone years: each indicator, and its difference from the first scenario.

    With --region NAME the indicators are the province's (its share of the national results).
    """
    from rich.console import Console

    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.messages import language, message
    from motorisasi.scenario.run import run as run_scenario

    lang = language(lang)
    check_format(fmt)
    if len(scenarios) < 2:
        raise MotorisasiError(message("compare.too_few", lang))
    wanted = [w.strip() for w in indicators_asked.split(",") if w.strip()] if indicators_asked else None
    try:
        years_asked = [int(y) for y in years.split(",") if y.strip()] if years else None
    except ValueError:
        raise MotorisasiError(code="cli.years_list", value=years) from None
    console = Console(highlight=False)
    loaded = [_inputs(s, data) for s in scenarios]
    place = None
    if region is not None:
        from motorisasi.scenario.regions import province_named
        from motorisasi.scenario.schema import with_regions

        place, region_set = province_named(region)
        loaded = [with_regions(sc, region_set) for sc in loaded]
    if out is not None:
        check_output_folder(out.parent, data)
    with _output_file(out, lang) as outset:
        with console.status(message("compare.status", lang), spinner="dots"):
            results = [run_scenario(sc, data_dir=data) for sc in loaded]
        if place is not None:
            from motorisasi.scenario.steps.regions import province_view

            if fmt == "table":
                console.print(message("compare.region", lang, name=place), style="bold", markup=False)
            results = [province_view(r, place) for r in results]
        _compare_tables(results, console, lang, outset, out, fmt, wanted, years_asked, data)


def _output_file(out: Path | None, lang: str):
    """The :class:`OutputSet` of one output file (checked and locked now), or nothing."""
    from contextlib import nullcontext

    from motorisasi.outputs.files import OutputSet

    return nullcontext() if out is None else OutputSet(out.parent, [out.name], lang)


def _compare_tables(
    results,
    console,
    lang: str,
    outset,
    out: Path | None,
    fmt: str = "table",
    wanted: list[str] | None = None,
    years_asked: list[int] | None = None,
    data_dir=None,
) -> None:
    import numpy as np
    import pandas as pd
    from rich import box
    from rich.table import Table

    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.messages import message

    names = unique_names(results)
    years = sorted({y for r in results for y in milestones(r)})
    if years_asked:
        known = sorted({int(y) for r in results for y in r["year"].values})
        outside = [y for y in years_asked if y not in known]
        if outside:
            raise MotorisasiError(code="cli.years_outside", year=outside[0], first=known[0], last=known[-1])
        years = sorted(set(years_asked))
    several = len(countries(results)) > 1
    tables = [indicators(r, [y for y in years if y in r["year"].values], lang, several) for r in results]
    labels = list(dict.fromkeys(label for t in tables for label in t))
    if wanted:
        chosen = [label for label in labels if any(w.lower() in label.lower() for w in wanted)]
        if not chosen:
            raise MotorisasiError(
                code="cli.indicators_none", wanted=", ".join(wanted), known="; ".join(labels)
            )
        labels = chosen
    rows = []
    for label in labels:
        table = Table(title=label, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(message("compare.col.scenario", lang))
        for y in years:
            table.add_column(str(y), justify="right")
        series = []
        for r, t in zip(results, tables, strict=True):
            present = [y for y in years if y in r["year"].values]
            values = (
                dict(zip(present, np.asarray(t[label][1], dtype=float), strict=True)) if label in t else {}
            )
            series.append(np.array([values.get(y, np.nan) for y in years]))
        decimals = next(t[label][0] for t in tables if label in t)
        for scenario_name, values in zip(names, series, strict=True):
            table.add_row(scenario_name, *_cells(decimals, values, lang))
            if scenario_name != names[0]:
                table.add_row(
                    f"  {scenario_name} - {names[0]}",
                    *_cells(decimals, values - series[0], lang, signed=True),
                )
            for year, value, first in zip(years, values, series[0], strict=True):
                rows.append((label, year, scenario_name, value, value - first))
        if fmt == "table":
            console.print(table)
    if fmt == "table":
        for line in country_notes(results, lang, data_dir):
            console.print(line, markup=False)
    frame = pd.DataFrame(rows, columns=["indicator", "year", "scenario", "value", "difference_from_first"])
    if fmt != "table":
        from motorisasi.outputs.listing import emit

        emit(frame, fmt, lambda: None)
    if out is not None:
        from motorisasi.outputs.export import csv_bytes

        outset.write(out.name, csv_bytes(frame))
        (path,) = outset.commit()
        if fmt == "table":
            console.print(message("run.wrote", lang, paths=str(path)), markup=False)
