"""Command-line options that several commands share, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LANG_HELP = "Language of the labels: en or id (default: from the locale)."

#: ``--data DIR``: a user folder laid over the embedded data (the store also reads $MOTORISASI_DATA).
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder of your own CSV files laid over the embedded data (default: $MOTORISASI_DATA).",
        show_default=False,
    ),
]
#: ``--lang en|id``; None means "from the locale" (see :func:`motorisasi.outputs.messages.language`).
Lang = Annotated[str | None, typer.Option(help=LANG_HELP)]


def check_data(data: Path | None) -> None:
    """Read and validate the data folder in use first, so that its errors name its own files."""
    from motorisasi.data.store import merged

    merged(data)


def check_output_folder(folder: Path, data: Path | None, option: str = "--out") -> None:
    """Refuse to write results into the data folder in use: they would be read as data next time."""
    from motorisasi.data.store import EMBEDDED, merged
    from motorisasi.errors import MotorisasiError

    chosen = merged(data).user_dir
    target = Path(folder).resolve()
    for data_folder in (chosen, EMBEDDED):
        if data_folder is not None and target == Path(data_folder).resolve():
            raise MotorisasiError(code="cli.data_folder", option=option, folder=str(folder))
