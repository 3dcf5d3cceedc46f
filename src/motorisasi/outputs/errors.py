"""How the command line reports a problem: one ``error:`` line on stderr, a non-zero exit, no traceback.

- A user's mistake (:class:`~motorisasi.errors.MotorisasiError`) or a file that cannot be
  read or written (:class:`OSError`): exit status 2.
- A floating-point warning (overflow, division by zero, an invalid operation) is an error, not
  noise: it means an input outside what the model can handle. Exit status 2.
- Ctrl-C: exit status 130.
- Anything else is a defect of the program: one line naming the exception, exit status 3;
  with ``MOTORISASI_DEBUG=1`` in the environment the traceback is shown instead.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from motorisasi.errors import MotorisasiError

F = TypeVar("F", bound=Callable[..., Any])
DEBUG_VAR = "MOTORISASI_DEBUG"


def user_errors_as_one_line(func: F) -> F:
    """Run a command so that every failure ends as one ``error:`` line and a non-zero exit status."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)
                return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except MotorisasiError as exc:
            from motorisasi.outputs.messages import error_text

            _print(error_text(exc))
            raise typer.Exit(2) from None
        except OSError as exc:  # an output path that is a folder, read-only, or under a file
            where = exc.filename if exc.filename is not None else ""
            _print(f"{where}: {exc.strerror or exc}" if where else str(exc.strerror or exc))
            raise typer.Exit(2) from None
        except (FloatingPointError, RuntimeWarning) as exc:
            _print(_said("cli.numerical", problem=str(exc)))
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            _print(_said("cli.interrupted"))
            raise typer.Exit(130) from None
        except Exception as exc:
            if os.environ.get(DEBUG_VAR):
                raise
            _print(_said("cli.internal", kind=type(exc).__name__, problem=str(exc), variable=DEBUG_VAR))
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def _said(code: str, **params: object) -> str:
    """``error.CODE`` in the language in use (the code and its parameters if the catalogue itself
    cannot be read)."""
    try:
        from motorisasi.outputs.messages import error_text

        return error_text(MotorisasiError(code=code, **params))
    except Exception:
        return f"{code} {params}"


def _print(text: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    # One line, whatever the message quotes; user input must not be read as markup.
    line = " ".join(str(text).split())
    Console(stderr=True, highlight=False).print(
        f"[bold red]error:[/] {escape(line)}", soft_wrap=True, markup=True, emoji=False
    )
