"""Listings in the form a person or a pipe needs: ``--format table|csv|json``.

A table is for the terminal; CSV and JSON write every row whole (no wrapping at the terminal's
width), so ``motorisasi data list --format csv | grep cars`` or ``pandas.read_csv`` work. Text
cells in CSV are defused (:func:`motorisasi.outputs.export.defused`) as in every exported file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated

import typer

from motorisasi.errors import MotorisasiError

FORMATS = ("table", "csv", "json")

Format = Annotated[
    str,
    typer.Option(
        "--format",
        help="table (for the terminal), csv or json (whole rows, for pipes and other programs).",
    ),
]


def check_format(fmt: str) -> str:
    """``fmt`` if it is a known format, else one line naming the choices."""
    if fmt not in FORMATS:
        raise MotorisasiError(code="cli.format", value=fmt, known=", ".join(FORMATS))
    return fmt


def emit(frame, fmt: str, table: Callable[[], object]) -> None:
    """Print ``frame`` as CSV or JSON records, or the rich ``table()`` for the terminal."""
    if check_format(fmt) == "table":
        from rich.console import Console

        Console(highlight=False).print(table())
    elif fmt == "csv":
        from motorisasi.outputs.export import csv_bytes

        sys.stdout.write(csv_bytes(frame).decode("utf-8"))
    else:
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
