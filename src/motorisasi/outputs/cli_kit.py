"""The country kit on the command line: what a country's data hold of what a run needs
(``data check FOLDER --country XXX``) and the start of its data folder (``data template``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import DataDir, Lang

#: Files ``data template`` writes: the values the data hold already, a sources file to cite new
#: values in (its header; the embedded sources stay known), and the checklist.
TEMPLATE_NAMES = ("values.csv", "sources.csv", "needs.md")
#: Columns of the terminal's table and of the checklist (needs.md).
TABLE = ("where", "series", "required", "status", "years")
CHECKLIST = ("where", "series", "units", "required", "status", "years", "without")


def _cells(c, lang: str) -> dict[str, str]:
    """A need and what the data hold of it, as the texts of its table cells."""
    from motorisasi.outputs.messages import message

    return {
        "where": c.need.where,
        "series": c.need.series + (f"/{c.need.category}" if c.need.category else ""),
        "units": ", ".join(c.need.units),
        "required": message("kit.required" if c.need.required else "kit.optional", lang),
        "status": status_text(c, lang),
        "years": f"{c.first}-{c.last}" if c.count else "",
        "without": message(f"kit.without.{c.need.without}", lang),
    }


def coverage_table(found, country: str, lang: str):
    """The needs of a run and their status as a rich table."""
    from rich.table import Table

    from motorisasi.outputs.messages import message, number

    table = Table(title=message("kit.title", lang, country=country), title_justify="left")
    for key in TABLE:
        table.add_column(message(f"kit.col.{key}", lang), overflow="fold")
    for c in found:
        cells = _cells(c, lang)
        cells["years"] = f"{cells['years']} ({number(c.count, lang)})" if c.count else "-"
        table.add_row(*(cells[key] for key in TABLE))
    return table


def status_text(c, lang: str) -> str:
    """A need's status in ``lang``, with what the check found."""
    from motorisasi.outputs.messages import message

    values = {
        "unit": c.unit,
        "units": ", ".join(c.need.units),
        "category": c.need.category,
        "year": c.detail.get("year", ""),
        "stock": c.detail.get("stock", 0.0),
        "sales": c.detail.get("sales", 0.0),
    }
    return message(f"kit.status.{c.status}", lang, **values)


def failing(found) -> list:
    """The required needs the data do not cover (a run would stop at the first of them)."""
    return [c for c in found if c.need.required and c.status not in ("present", "inconsistent")]


def print_coverage(found, country: str, lang: str, console) -> bool:
    """Print the table and one line per required need that is not covered; True if all are."""
    from motorisasi.outputs.messages import message

    console.print(coverage_table(found, country, lang))
    missing = failing(found)
    for c in missing:
        line = message(
            "kit.line",
            lang,
            where=c.need.where,
            series=c.need.series,
            country=country,
            why=status_text(c, lang),
        )
        console.print(line, soft_wrap=True, markup=False, style="red")
    key = "kit.ready" if not missing else "kit.not_ready"
    series = len({c.need.series for c in missing})
    console.print(message(key, lang, country=country, n=series), soft_wrap=True, markup=False)
    return not missing


def template(
    country: Annotated[str, typer.Option("--country", "-c", help="ISO 3166 alpha-3 code of the country.")],
    out: Annotated[Path, typer.Option(help="Folder to write the template into.")],
    scenario: Annotated[
        str | None,
        typer.Option(
            help="Scenario whose needs the template lists (file or shipped name; default: the country's "
            "shipped baseline, else 'baseline').",
            show_default=False,
        ),
    ] = None,
    data: DataDir = None,
    lang: Lang = None,
) -> None:
    """Start a country's data folder: the values the data hold already for what a run needs, and a
    checklist of every series with its unit, whether it is required, and what is missing.

    Fill in values.csv (one value per row; cite each source in sources.csv), then check the folder
    with 'data check FOLDER --country XXX' and run with '--data FOLDER'.
    """
    from rich.console import Console

    from motorisasi.outputs.export import csv_bytes
    from motorisasi.outputs.files import writing
    from motorisasi.outputs.messages import language, message, number
    from motorisasi.scenario.kit import coverage, template_rows
    from motorisasi.scenario.schema import load_scenario, needs_scenario

    lang = language(lang)
    country = _country(country)
    scenario = needs_scenario(country, scenario)
    sc = load_scenario(scenario)
    found = coverage(sc, country, data)
    rows = template_rows(sc, country, data)
    import pandas as pd

    from motorisasi.data.schema import SOURCE_COLUMNS, VALUE_COLUMNS

    frame = pd.DataFrame(rows, columns=list(VALUE_COLUMNS))
    with writing(out, TEMPLATE_NAMES, lang) as files:
        files.write("values.csv", csv_bytes(frame))
        files.write("sources.csv", csv_bytes(pd.DataFrame(columns=list(SOURCE_COLUMNS))))
        files.write("needs.md", checklist(found, country, sc.name, lang).encode("utf-8"))
    console = Console(highlight=False)
    print_coverage(found, country, lang, console)
    console.print(
        message("kit.template.wrote", lang, folder=out, n=number(len(rows), lang)),
        soft_wrap=True,
        markup=False,
    )


def checklist(found, country: str, scenario: str, lang: str) -> str:
    """The needs as a Markdown table (the template's needs.md)."""
    from motorisasi.outputs.messages import message

    head = [message(f"kit.col.{k}", lang) for k in CHECKLIST]
    lines = [
        f"# {message('kit.title', lang, country=country)} ({scenario})",
        "",
        message("kit.template.how", lang),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for c in found:
        cells = _cells(c, lang)
        lines.append("| " + " | ".join(cells[key].replace("|", "/") for key in CHECKLIST) + " |")
    return "\n".join(lines) + "\n"


def _country(code: str) -> str:
    from motorisasi.errors import MotorisasiError

    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha() or not code.isascii():
        raise MotorisasiError(code="kit.country", value=code)
    return code


template = user_errors_as_one_line(template)
