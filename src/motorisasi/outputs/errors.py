"""How the command line reports a user's mistake: one ``error:`` line and exit status 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from motorisasi.errors import MotorisasiError

F = TypeVar("F", bound=Callable[..., Any])


def user_errors_as_one_line(func: F) -> F:
    """Turn a :class:`MotorisasiError` (or a file that cannot be written) into one line on stderr, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MotorisasiError as exc:
            _print(str(exc))
            raise typer.Exit(2) from None
        except OSError as exc:  # an output path that is a folder, read-only, or under a file
            where = exc.filename if exc.filename is not None else ""
            _print(f"{where}: {exc.strerror or exc}" if where else str(exc.strerror or exc))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _print(text: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    # The message may quote user input, which must not be read as markup.
    Console(stderr=True, highlight=False).print(
        f"[bold red]error:[/] {escape(text)}", soft_wrap=True, markup=True, emoji=False
    )
