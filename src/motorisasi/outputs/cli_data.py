"""``motorisasi data ...``: list, show, cite and check the data, and compare ownership definitions.

pandas and the data package are imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer

from motorisasi.outputs.errors import user_errors_as_one_line

data_app = typer.Typer(
    help="Show the embedded data, their sources and definitions, and check a folder of your own.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder of your own CSV files laid over the embedded data (default: $MOTORISASI_DATA).",
        show_default=False,
    ),
]
Country = Annotated[str, typer.Option("--country", "-c", help="ISO 3166 alpha-3 country code.")]


def fmt(value: Any) -> str:
    """A number for a table: thousands separators for large values, four significant digits otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if abs(value) >= 1000 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.4g}"


def _span(start: Any, end: Any) -> str:
    """'2000-2024', '2024', or 'undated' (a series of parameters without a year)."""
    import pandas as pd

    if pd.isna(start):
        return "undated"
    return f"{start}" if start == end else f"{start}-{end}"


def _console():
    from rich.console import Console

    return Console(highlight=False)


def _bar(value: float, top: float, width: int = 12) -> str:
    if not top or value is None or math.isnan(value) or value <= 0:
        return ""
    eighths = round(width * 8 * value / top)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


@data_app.command("list")
@user_errors_as_one_line
def list_series(
    country: Annotated[str | None, typer.Option("--country", "-c", help="Only this country (ISO3).")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Only this kind: raw, derived, harmonised, statement, target, regulation."),
    ] = None,
    search: Annotated[
        str | None, typer.Option(help="Only series whose name or description contains this.")
    ] = None,
    data: DataDir = None,
) -> None:
    """List every series with its unit, coverage and kind ('data show SERIES' gives the full description)."""
    from rich.table import Table

    from motorisasi.data import catalog

    table = catalog(data)
    if country:
        table = table[table["country"] == country.upper()]
    if kind:
        table = table[table["kind"] == kind]
    if search:
        needle = search.lower()
        table = table[
            table["series"].str.lower().str.contains(needle, regex=False)
            | table["description"].str.lower().str.contains(needle, regex=False)
        ]
    out = Table(title=f"{len(table)} series", title_justify="left")
    for column in ("series", "country", "kind", "unit", "years", "values", "description"):
        out.add_column(column, overflow="fold")
    for r in table.itertuples():
        years = _span(r.start, r.end)
        out.add_row(r.series, r.country, r.kind, r.unit, years, str(r.values), r.description.split(". ")[0])
    _console().print(out)


@data_app.command("show")
@user_errors_as_one_line
def show(
    series: Annotated[str, typer.Argument(help="Series name (see 'motorisasi data list').")],
    country: Country = "IDN",
    region: Annotated[str | None, typer.Option(help="Only this region (province).")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category (brand, powertrain, ...).")] = None,
    data: DataDir = None,
) -> None:
    """Show the values of a series, with flags, sources and a small bar chart."""
    from rich import box
    from rich.table import Table

    from motorisasi.data import load

    frame = load(series, country.upper(), region=region, category=category, data_dir=data)
    attrs = frame.attrs
    levels = [name for name in frame.index.names if name]
    frame = frame.reset_index()
    top = float(frame["value"].abs().max()) if len(frame) else 0.0
    out = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        title=f"{series} ({attrs['country']}), {attrs['unit']} — {attrs['kind']}",
        caption=attrs["description"],
        title_justify="left",
        caption_justify="left",
    )
    for column in levels:
        out.add_column(column, justify="right" if column == "year" else "left")
    out.add_column("value", justify="right")
    out.add_column("", no_wrap=True)
    out.add_column("flag")
    if "source_id" not in levels:
        out.add_column("source")
    out.add_column("note", overflow="fold", min_width=20, max_width=60)
    for r in frame.to_dict("records"):
        cells = [("" if r[c] is None else str(r[c])) for c in levels]
        cells += [fmt(r["value"]), _bar(r["value"], top), r["flag"]]
        if "source_id" not in levels:
            cells.append(r["source_id"])
        cells.append(r["note"])
        out.add_row(*cells)
    console = _console()
    console.print(out)
    console.print("Sources:")
    for sid, citation in attrs["sources"].items():
        console.print(f"  {sid}: {citation}", soft_wrap=True)


@data_app.command("sources")
@user_errors_as_one_line
def show_sources(
    ids: Annotated[list[str] | None, typer.Argument(help="Source ids to show (default: all).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Only sources whose publisher contains this.")] = None,
    data: DataDir = None,
) -> None:
    """List the sources: publisher, citation, URL, access date and licence."""
    from rich.table import Table

    from motorisasi.data import sources

    table = sources(ids or None, data_dir=data)
    if publisher:
        table = table[table["publisher"].str.lower().str.contains(publisher.lower(), regex=False)]
    out = Table(title=f"{len(table)} sources", title_justify="left")
    for column in ("id", "publisher", "citation", "url", "accessed", "licence"):
        out.add_column(column, overflow="fold")
    for sid, r in table.iterrows():
        out.add_row(str(sid), r["publisher"], r["citation"], r["url"], r["accessed"], r["licence"])
    _console().print(out)


@data_app.command("check")
@user_errors_as_one_line
def check(
    folder: Annotated[Path, typer.Argument(help="Folder of CSV files in the motorisasi data format.")],
    standalone: Annotated[
        bool,
        typer.Option(help="Check the folder on its own (it must have its own sources.csv and series.csv)."),
    ] = False,
) -> None:
    """Validate a data folder; every problem is printed with its file, row and column.

    By default the folder is checked as it would be used with --data: laid over the
    embedded data, so its source ids and series may refer to the embedded ones.
    """
    from motorisasi.data.store import _embedded
    from motorisasi.data.validate import read_folder

    reference = None if standalone else _embedded()
    content, problems = read_folder(folder, reference)
    console = _console()
    if problems:
        for problem in problems:
            console.print(problem.located(folder), soft_wrap=True, markup=False)
        console.print(f"[bold red]{len(problems)} problem{'s' if len(problems) > 1 else ''}[/] in {folder}")
        raise typer.Exit(1)
    console.print(
        f"{folder}: ok ({len(content.files)} files, {len(content.values)} values, "
        f"{len(content.sources)} sources, {len(content.series)} series)"
    )


@data_app.command("ownership")
@user_errors_as_one_line
def ownership(
    year: Annotated[int, typer.Option(help="Year to compare.")] = 2024,
    country: Country = "IDN",
    data: DataDir = None,
) -> None:
    """Vehicles per 1,000 people in one year under every definition and source in the data."""
    from rich import box
    from rich.table import Table

    from motorisasi.data.definitions import BASES, MAX_DISTANCE, ownership_by_definition

    table = ownership_by_definition(year, country.upper(), data_dir=data)
    console = _console()
    if table.empty:
        console.print(
            f"No fleet or population data for {country.upper()} within {MAX_DISTANCE} years of {year}."
        )
        raise typer.Exit(1)
    out = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        title=f"Vehicles per 1,000 people, {country.upper()}, {year}",
        caption=(
            "Counts are divided by the harmonised population of the same year. A source without a "
            f"figure for {year} shows its nearest year (within {MAX_DISTANCE} years). M = million."
        ),
        title_justify="left",
        caption_justify="left",
    )
    for column, justify, wrap in (
        ("#", "right", False),
        ("what is counted", "left", True),
        ("source", "left", False),
        ("year", "right", False),
        ("vehicles M", "right", False),
        ("per 1,000", "right", False),
        ("flag", "left", True),
    ):
        out.add_column(column, justify=justify, no_wrap=not wrap, min_width=8 if wrap else None)  # type: ignore[arg-type]
    rows = table.to_dict("records")
    for i, r in enumerate(rows, start=1):
        vehicles = (
            "" if r["vehicles"] is None or r["vehicles"] != r["vehicles"] else f"{r['vehicles'] / 1e6:,.1f}"
        )
        out.add_row(
            str(i), r["definition"], r["basis"], str(r["year"]), vehicles, f"{r['per_1000']:.1f}", r["flag"]
        )
    console.print(out)
    console.print("Rows: series, population and sources (cite with 'motorisasi data sources ID ...'):")
    for i, r in enumerate(rows, start=1):
        people = (
            ""
            if r["population"] is None or r["population"] != r["population"]
            else (f", population {r['population'] / 1e6:,.2f} M")
        )
        console.print(
            f"  {i}. {r['series']}{people} [{r['sources'].replace(';', ', ')}]", soft_wrap=True, markup=False
        )
    console.print("Sources:")
    for label, meaning in [
        *BASES.values(),
        ("statement", "an official's figure for 'car ownership'; definition and population base not stated"),
    ]:
        if label in set(table["basis"]):
            console.print(f"  {label}: {meaning}", soft_wrap=True)
