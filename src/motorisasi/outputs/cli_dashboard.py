"""``motorisasi dashboard``: the web page with levers, for people who do not use a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import DataDir

#: The page file Streamlit runs.
APP = Path(__file__).with_name("dashboard_app.py")
LOCAL = ("127.0.0.1", "localhost", "::1")


def streamlit_command(port: int, host: str) -> list[str]:
    """The command that serves the page: Streamlit without its usage statistics, its browser
    tab, its file watcher, its developer menu or uploads over 1 MB."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--server.maxUploadSize",
        "1",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
    ]


@user_errors_as_one_line
def dashboard(
    port: Annotated[int, typer.Option(help="Port of the page.")] = 8501,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on: 127.0.0.1 (the default) lets only this computer in; see above "
            "before giving another."
        ),
    ] = "127.0.0.1",
    data: DataDir = None,
) -> None:
    """Open the dashboard: move a lever, see the consequence; English or Bahasa Indonesia.

    It serves a page at http://127.0.0.1:8501 (this computer only) on the baseline for
    Indonesia. From another computer, keep it so and forward the port over SSH:
    ssh -L 8501:127.0.0.1:8501 you@this-computer, then open http://127.0.0.1:8501 there.
    --host 0.0.0.0 would let anyone on the network use it (the page has no login).
    Needs Streamlit: pip install "motorisasi[app]".
    """
    from motorisasi.errors import MotorisasiError

    if not 1 <= port <= 65535:
        raise MotorisasiError(code="cli.port", port=port)
    if not host.strip():
        raise MotorisasiError(code="cli.host")
    try:
        import streamlit  # noqa: F401
    except ImportError:
        raise MotorisasiError(code="cli.streamlit_missing") from None
    from motorisasi.outputs.options import check_data

    check_data(data)
    env = dict(os.environ)
    if data is not None:
        env["MOTORISASI_DATA"] = str(Path(data).resolve())
    if host not in LOCAL:
        typer.echo(f"warning: listening on {host}: anyone who can reach it can use the page", err=True)
    typer.echo(f"motorisasi dashboard: http://{host}:{port} (Ctrl+C stops it)")
    sys.stdout.flush()
    # The server takes this process's place, so stopping this process (Ctrl+C, a signal from a
    # service manager or a test) stops the server: no server is left running on its own.
    command = streamlit_command(port, host)
    os.execve(command[0], command, env)
