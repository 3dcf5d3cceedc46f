"""``motorisasi data ...``: list, show, cite and check the data, and compare ownership definitions.

Every subcommand speaks English or Bahasa Indonesia (``--lang``, default from the locale): titles,
column headers, notes and status lines come from the message catalogue, numbers use the
language's separators, and kinds and flags are named in the language. What the data files hold
(series and source ids, units, descriptions, citations, notes) is printed as it is. pandas and
the data package are imported inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer

from motorisasi.errors import MotorisasiError
from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.listing import Format, check_format, emit
from motorisasi.outputs.messages import day, language, message, message_or, number
from motorisasi.outputs.options import DataDir, Lang

data_app = typer.Typer(
    help="Show the embedded data, their sources and definitions, and check a folder of your own.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

Country = Annotated[str, typer.Option("--country", "-c", help="ISO 3166 alpha-3 country code.")]


def significant(value: float, lang: str = "en", digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits with the language's decimal sign: 0.2942 or 0,2942."""
    text = f"{value:.{digits}g}"
    return text.replace(".", ",") if lang == "id" else text


def fmt(value: Any, lang: str = "en") -> str:
    """A number for a table: thousands separators for large values, four significant digits otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if abs(value) >= 1000 or value == int(value):
        return number(value, lang)
    return significant(value, lang)


def kind_name(kind: str, lang: str) -> str:
    """A series kind (raw, derived, harmonised, ...) in ``lang``."""
    return message_or(f"data.kind.{kind}", lang, str(kind))


def flag_name(flag: str, lang: str) -> str:
    """A data flag (observed, filled, ...) in ``lang``; flags the catalogue does not know as written."""
    return message_or(f"flag.{flag}", lang, message_or(f"data.flag.{flag}", lang, str(flag)))


def _span(start: Any, end: Any, lang: str = "en") -> str:
    """'2000-2024', '2024', or 'undated' (a series of parameters without a year)."""
    import pandas as pd

    if pd.isna(start):
        return message("data.undated", lang)
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
    fmt: Format = "table",
    data: DataDir = None,
    lang: Lang = None,
) -> None:
    """List every series with its unit, coverage and kind ('data show SERIES' gives the full description)."""
    from rich.table import Table

    from motorisasi.data import catalog

    lang = language(lang)
    check_format(fmt)
    table = catalog(data)
    if country:
        table = table[table["country"] == country.upper()]
    if kind:
        # The kind as stored (raw, derived, ...) or as the table names it in the language.
        wanted = kind.lower()
        kinds = sorted(set(map(str, catalog(data)["kind"])))
        if not any(wanted in (k.lower(), kind_name(k, lang).lower()) for k in kinds):
            from motorisasi.errors import MotorisasiError

            raise MotorisasiError(code="cli.kind", value=kind, known=", ".join(kinds))
        table = table[
            table["kind"].map(lambda k: wanted in (str(k).lower(), kind_name(k, lang).lower())).astype(bool)
        ]
    if search:
        needle = search.lower()
        table = table[
            table["series"].str.lower().str.contains(needle, regex=False)
            | table["description"].str.lower().str.contains(needle, regex=False)
        ]

    def terminal() -> Table:
        title = message(
            "data.list.title", lang, n=number(table["series"].nunique(), lang), rows=number(len(table), lang)
        )
        out = Table(title=title, title_justify="left")
        for column in ("series", "country", "kind", "unit", "years", "values", "description"):
            out.add_column(message(f"data.col.{column}", lang), overflow="fold")
        for r in table.itertuples():
            out.add_row(
                r.series,
                r.country,
                kind_name(r.kind, lang),
                r.unit,
                _span(r.start, r.end, lang),
                number(r.values, lang),
                r.description.split(". ")[0],
            )
        return out

    columns = ["series", "country", "kind", "unit", "start", "end", "values", "description"]
    emit(table[columns].reset_index(drop=True), fmt, terminal)


@data_app.command("show")
@user_errors_as_one_line
def show(
    series: Annotated[str, typer.Argument(help="Series name (see 'motorisasi data list').")],
    country: Country = "IDN",
    region: Annotated[str | None, typer.Option(help="Only this region (province).")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category (brand, powertrain, ...).")] = None,
    data: DataDir = None,
    lang: Lang = None,
) -> None:
    """Show the values of a series, with flags, sources and a small bar chart."""
    from rich import box
    from rich.table import Table

    from motorisasi.data import load

    lang = language(lang)
    frame = load(series, country.upper(), region=region, category=category, data_dir=data)
    attrs = frame.attrs
    levels = [name for name in frame.index.names if name]
    frame = frame.reset_index()
    top = float(frame["value"].abs().max()) if len(frame) else 0.0
    out = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        title=message(
            "data.show.title",
            lang,
            series=series,
            country=attrs["country"],
            unit=attrs["unit"],
            kind=kind_name(attrs["kind"], lang),
        ),
        caption=attrs["description"],
        title_justify="left",
        caption_justify="left",
    )
    for column in levels:
        out.add_column(
            message_or(f"data.col.{column}", lang, column), justify="right" if column == "year" else "left"
        )
    out.add_column(message("data.col.value", lang), justify="right")
    out.add_column("", no_wrap=True)
    out.add_column(message("data.col.flag", lang))
    if "source_id" not in levels:
        out.add_column(message("data.col.source", lang))
    out.add_column(message("data.col.note", lang), overflow="fold", min_width=20, max_width=60)
    for r in frame.to_dict("records"):
        cells = [("" if r[c] is None else str(r[c])) for c in levels]
        cells += [fmt(r["value"], lang), _bar(r["value"], top), flag_name(r["flag"], lang)]
        if "source_id" not in levels:
            cells.append(r["source_id"])
        cells.append(r["note"])
        out.add_row(*cells)
    console = _console()
    console.print(out)
    console.print(message("data.sources.heading", lang))
    for sid, citation in attrs["sources"].items():
        console.print(f"  {sid}: {citation}", soft_wrap=True)


@data_app.command("sources")
@user_errors_as_one_line
def show_sources(
    ids: Annotated[list[str] | None, typer.Argument(help="Source ids to show (default: all).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Only sources whose publisher contains this.")] = None,
    fmt: Format = "table",
    data: DataDir = None,
    lang: Lang = None,
) -> None:
    """List the sources: publisher, citation, URL, access date and licence."""
    from rich.table import Table

    from motorisasi.data import sources

    lang = language(lang)
    check_format(fmt)
    table = sources(ids or None, data_dir=data)
    if publisher:
        table = table[table["publisher"].str.lower().str.contains(publisher.lower(), regex=False)]

    def terminal() -> Table:
        out = Table(
            title=message("data.sources.title", lang, n=number(len(table), lang)), title_justify="left"
        )
        for column in ("id", "publisher", "citation", "url", "accessed", "licence"):
            out.add_column(message(f"data.col.{column}", lang), overflow="fold")
        for sid, r in table.iterrows():
            out.add_row(
                str(sid), r["publisher"], r["citation"], r["url"], day(r["accessed"], lang), r["licence"]
            )
        return out

    columns = ["publisher", "citation", "url", "table", "accessed", "licence"]
    frame = table[[c for c in columns if c in table.columns]].rename_axis("source_id").reset_index()
    emit(frame, fmt, terminal)


@data_app.command("check")
@user_errors_as_one_line
def check(
    folder: Annotated[Path, typer.Argument(help="Folder of CSV files in the motorisasi data format.")],
    standalone: Annotated[
        bool,
        typer.Option(help="Check the folder on its own (it must have its own sources.csv and series.csv)."),
    ] = False,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            help="Also check that the data hold what a run for this country needs (ISO alpha-3).",
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            help="With --country: the scenario whose needs are checked (file or shipped name; default: the "
            "country's shipped baseline, else 'baseline').",
            show_default=False,
        ),
    ] = None,
    lang: Lang = None,
) -> None:
    """Validate a data folder; every problem is printed with its file, row and column.

    By default the folder is checked as it would be used with --data: laid over the
    embedded data, so its source ids and series may refer to the embedded ones. With --country
    it then lists every series a run needs, what the data hold of each, and one line for each
    required series that is missing (exit status 1 if any is).
    """
    from motorisasi.data.store import _embedded
    from motorisasi.data.validate import read_folder

    lang = language(lang)
    reference = None if standalone else _embedded()
    content, problems = read_folder(folder, reference)
    console = _console()
    if problems:
        for problem in problems:
            console.print(problem.located(folder, lang), soft_wrap=True, markup=False)
        key = "data.check.problems" if len(problems) > 1 else "data.check.problem"
        console.print(
            message(key, lang, n=number(len(problems), lang), folder=folder),
            style="bold red",
            soft_wrap=True,
            markup=False,
        )
        raise typer.Exit(1)
    console.print(
        message(
            "data.check.ok",
            lang,
            folder=folder,
            files=number(len(content.files), lang),
            values=number(len(content.values), lang),
            sources=number(len(content.sources), lang),
            series=number(len(content.series), lang),
        ),
        soft_wrap=True,
        markup=False,
    )
    if country is not None:
        from motorisasi.outputs.cli_kit import _country, print_coverage
        from motorisasi.scenario.kit import coverage
        from motorisasi.scenario.schema import load_scenario, needs_scenario

        country = _country(country)
        found = coverage(
            load_scenario(needs_scenario(country, scenario)), country, None if standalone else folder
        )
        if not print_coverage(found, country, lang, console):
            raise typer.Exit(1)


from motorisasi.outputs.cli_kit import template  # noqa: E402

data_app.command("template")(template)


@data_app.command("ownership")
@user_errors_as_one_line
def ownership(
    year: Annotated[int, typer.Option(help="Year to compare.")] = 2024,
    country: Country = "IDN",
    data: DataDir = None,
    lang: Lang = None,
) -> None:
    """Vehicles per 1,000 people in one year under every definition and source in the data."""
    from rich import box
    from rich.table import Table

    from motorisasi.data.definitions import BASES, DEFINITIONS, MAX_DISTANCE, ownership_by_definition

    lang = language(lang)
    country = country.upper()
    table = ownership_by_definition(year, country, data_dir=data)
    console = _console()
    if table.empty:
        raise MotorisasiError(
            message("data.ownership.none", lang, country=country, distance=MAX_DISTANCE, year=year)
        )
    # The table names definitions and counts by their short English labels; the catalogue has
    # them in both languages under the keys of DEFINITIONS and BASES.
    definition_keys = {text: key for key, text in DEFINITIONS.items()} | {"not stated": "not_stated"}
    basis_keys = {text: key for key, (text, _) in BASES.items()} | {"statement": "statement"}

    def definition_name(text: str) -> str:
        return message_or(f"data.definition.{definition_keys.get(text)}", lang, text)

    def basis_name(text: str) -> str:
        return message_or(f"data.basis.{basis_keys.get(text)}", lang, text)

    out = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        title=message("data.ownership.title", lang, country=country, year=year),
        caption=message("data.ownership.caption", lang, year=year, distance=MAX_DISTANCE),
        title_justify="left",
        caption_justify="left",
    )
    for column, justify, wrap in (
        ("number", "right", False),
        ("counted", "left", True),
        ("source", "left", False),
        ("year", "right", False),
        ("vehicles", "right", False),
        ("per_1000", "right", False),
        ("flag", "left", True),
    ):
        out.add_column(
            message(f"data.ownership.col.{column}", lang),
            justify=justify,  # type: ignore[arg-type]
            no_wrap=not wrap,
            min_width=8 if wrap else None,
        )
    rows = table.to_dict("records")
    for i, r in enumerate(rows, start=1):
        missing = r["vehicles"] is None or r["vehicles"] != r["vehicles"]
        vehicles = "" if missing else number(r["vehicles"] / 1e6, lang, 1)
        out.add_row(
            str(i),
            definition_name(r["definition"]),
            basis_name(r["basis"]),
            str(r["year"]),
            vehicles,
            number(r["per_1000"], lang, 1),
            flag_name(r["flag"], lang),
        )
    console.print(out)
    console.print(message("data.ownership.rows", lang), soft_wrap=True, markup=False)
    for i, r in enumerate(rows, start=1):
        sources = r["sources"].replace(";", ", ")
        if r["population"] is None or r["population"] != r["population"]:
            line = message("data.ownership.row", lang, i=i, series=r["series"], sources=sources)
        else:
            population = number(r["population"] / 1e6, lang, 2)
            line = message(
                "data.ownership.row.population",
                lang,
                i=i,
                series=r["series"],
                population=population,
                sources=sources,
            )
        console.print(f"  {line}", soft_wrap=True, markup=False)
    console.print(message("data.sources.heading", lang))
    used = set(table["basis"])
    for text, key in basis_keys.items():
        if text in used:
            meaning = message_or(f"data.basis.{key}.meaning", lang, BASES.get(key, ("", ""))[1])
            console.print(f"  {basis_name(text)}: {meaning}", soft_wrap=True, markup=False)
