"""The ``motorisasi`` command line.

Heavy libraries (numpy, scipy) are imported inside the commands so that ``--help`` and
``--version`` answer at once. A user mistake ends with a one-line ``error:`` message and
exit status 2, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from motorisasi import __version__
from motorisasi.outputs.cli_backtest import backtest, calibrate
from motorisasi.outputs.cli_dashboard import dashboard
from motorisasi.outputs.cli_data import data_app
from motorisasi.outputs.cli_ensemble import sensitivity
from motorisasi.outputs.cli_gap import gap
from motorisasi.outputs.cli_ownership import ownership_app
from motorisasi.outputs.cli_report import report
from motorisasi.outputs.cli_run import compare, run
from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import Lang


def _flags_without_type_label() -> None:
    """Help shows ``--json`` rather than ``--json <bool>``: a flag takes no value to describe.

    Typer 0.2x labels every option with its type; a flag's label is dropped here (kept for
    every option that takes a value). Without that method (another typer), nothing changes.
    """
    try:
        from typer.core import TyperOption
    except ImportError:  # pragma: no cover
        return
    labelled = getattr(TyperOption, "display_type_rich", None)
    if labelled is None or getattr(labelled, "_flags_unlabelled", False):
        return

    def display_type_rich(self, ctx):
        return None if getattr(self, "is_flag", False) else labelled(self, ctx)

    display_type_rich._flags_unlabelled = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


def _paragraphs_reflowed() -> None:
    """Help paragraphs are reflowed to the terminal's width, as click does; a paragraph that
    starts with ``\\b`` (the examples) keeps its lines.

    Typer 0.2x keeps the docstring's line breaks in every paragraph after the first, so help
    text broke mid-sentence. Without that function (another typer), nothing changes.
    """
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover
        return
    if not hasattr(rich_utils, "_fix_linebreaks") or getattr(rich_utils._fix_linebreaks, "_reflowed", False):
        return

    def _fix_linebreaks(paragraphs: list[str], markup_mode: str) -> str:
        kept = (
            p.removeprefix("\b").strip("\n") if p.startswith("\b") else " ".join(p.split())
            for p in paragraphs
        )
        return "\n\n".join(kept)

    _fix_linebreaks._reflowed = True  # type: ignore[attr-defined]
    rich_utils._fix_linebreaks = _fix_linebreaks  # type: ignore[assignment]


_flags_without_type_label()
_paragraphs_reflowed()

#: Examples shown at the end of each command's help (a test parses every one of them).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "demo": ("motorisasi demo --years 30 --lifetime 18 --distribution weibull",),
    "run": (
        "motorisasi run",
        "motorisasi run ev-roadmap --out results/ev --by-age",
        "motorisasi run my-scenario.yaml --draws 10000 --seed 1",
        "motorisasi run baseline --regions provinces --lang id",
    ),
    "compare": (
        'motorisasi compare baseline ev-roadmap target-150 --indicators "per 1,000,CO2" --years 2030,2045',
        'motorisasi compare baseline target-150 --region "Jawa Timur" --format csv > jatim.csv',
    ),
    "gap": (
        "motorisasi gap --target 150 --by 2030",
        "motorisasi gap --target 150 --by 2035 --income --lang id",
        "motorisasi gap --target 150 --by 2030 --draws 1000 --json",
        'motorisasi gap --regions provinces --region "Jawa Barat"',
    ),
    "report": (
        "motorisasi report baseline ev-roadmap --out report.html",
        "motorisasi report --lang id --charts grafik --pdf",
    ),
    "calibrate": ("motorisasi calibrate", "motorisasi calibrate --energy --json"),
    "backtest": (
        "motorisasi backtest --format csv",
        "motorisasi backtest --country THA",
        "motorisasi backtest --energy",
        "motorisasi backtest --regions provinces-34 --format json",
    ),
    "sensitivity": ("motorisasi sensitivity baseline --output co2_wtw --year 2040 --chart sobol.png",),
    "dashboard": ("motorisasi dashboard", "motorisasi dashboard --port 8600"),
    "data list": ("motorisasi data list --search cars --format csv | grep registered",),
    "data show": (
        "motorisasi data show four_wheel_registered",
        "motorisasi data show passenger_cars_registered_bps --region Bali",
    ),
    "data sources": ("motorisasi data sources --publisher BPS --format json",),
    "data check": (
        "motorisasi data check my-data",
        "motorisasi data check thailand-data --country THA --lang id",
    ),
    "data template": ("motorisasi data template --country THA --out thailand-data",),
    "data ownership": ("motorisasi data ownership --year 2023",),
    "ownership fit": ("motorisasi ownership fit", "motorisasi ownership fit --cv --format csv"),
    "ownership project": ("motorisasi ownership project --country THA --to 2040 --growth 3",),
}


def _with_examples(typer_app: typer.Typer, prefix: str = "") -> None:
    """Each command's help ends with its examples (verbatim lines)."""
    import inspect

    for info in typer_app.registered_commands:
        name = prefix + (info.name or info.callback.__name__.replace("_", "-"))
        examples = EXAMPLES.get(name)
        if examples and info.callback is not None:
            text = info.help or inspect.cleandoc(info.callback.__doc__ or "")
            if "Examples:" not in text:
                info.help = text + "\n\n\b\nExamples:\n" + "\n".join(f"  {line}" for line in examples)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _with_examples(group.typer_instance, prefix + (group.name or "") + " ")


app = typer.Typer(
    name="motorisasi",
    help="Scenario model of a country's road-vehicle market and fleet (Indonesia first).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"motorisasi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_show_version, is_eager=True),
    ] = False,
) -> None:
    """Scenario model of a country's road-vehicle market and fleet (Indonesia first)."""


@app.command()
@user_errors_as_one_line
def demo(
    years: Annotated[int, typer.Option(min=1, max=200, help="Years to simulate.")] = 40,
    sales: Annotated[float, typer.Option(min=0, help="Sales in the first year, vehicles/yr.")] = 1_000_000,
    growth: Annotated[float, typer.Option(help="Annual growth of sales, fraction per year.")] = 0.04,
    distribution: Annotated[
        str, typer.Option(help="Lifetime distribution: normal, lognormal, weibull, gamma or fixed.")
    ] = "normal",
    lifetime: Annotated[float, typer.Option(help="Mean vehicle lifetime, years.")] = 15.0,
    std: Annotated[
        float, typer.Option(help="Standard deviation of the lifetime, years (not used by 'fixed').")
    ] = 5.0,
    entry: Annotated[
        str, typer.Option(help="When in their sales year vehicles enter: end, middle, start or uniform.")
    ] = "middle",
    every: Annotated[int, typer.Option(min=1, help="Print one row every this many years.")] = 5,
    lang: Lang = None,
) -> None:
    """Run the stock-turnover engine on an illustrative example and print a table.

    The inputs are illustrative (not data): sales that grow at a constant rate and one
    lifetime distribution. The table shows the resulting fleet, retirements and average
    fleet age, and the sales that a stock-driven run needs for the same fleet.
    """
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.demo import run_demo
    from motorisasi.outputs.messages import language, message, number

    lang = language(lang)
    result = run_demo(
        years=years,
        sales=sales,
        growth=growth,
        distribution=distribution,
        lifetime=lifetime,
        std=std,
        entry=entry,
        lang=lang,
    )
    console = Console()
    assumptions = Table(title=message("demo.inputs.title", lang), title_justify="left")
    for column in ("name", "value", "unit", "why"):
        assumptions.add_column(message(f"demo.col.{column}", lang))
    for row in result.assumptions:
        assumptions.add_row(*row)
    console.print(assumptions)

    table = Table(title=message("demo.turnover.title", lang), title_justify="left")
    for column in ("year", "sales", "retirements", "fleet", "average_age", "sales_back"):
        table.add_column(message(f"demo.col.{column}", lang), justify="right")
    for t in range(0, years, every) if years > 1 else [0]:
        table.add_row(
            str(t + 1),
            number(result.sales[t], lang),
            number(result.retirements[t], lang),
            number(result.fleet[t], lang),
            number(result.average_age[t], lang, 1),
            number(result.sales_back[t], lang),
        )
    console.print(table)

    def exponent(value: float) -> str:
        text = f"{value:.1e}"
        return text.replace(".", ",") if lang == "id" else text

    console.print(
        message(
            "demo.residuals",
            lang,
            balance=exponent(result.balance_residual),
            round_trip=exponent(result.round_trip_error),
        ),
        markup=False,
    )


app.add_typer(data_app, name="data")
app.command("run")(run)
app.command("compare")(compare)
app.command("gap")(gap)
app.command("report")(report)
app.command("calibrate")(calibrate)
app.command("backtest")(backtest)
app.command("sensitivity")(sensitivity)
app.command("dashboard")(dashboard)
app.add_typer(ownership_app, name="ownership")
_with_examples(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``motorisasi`` script; exits with the command's status.

    A mistake on the command line (an unknown option, a value of the wrong type) is one
    ``error:`` line naming the option and the value, with the command whose help to read.
    """
    import sys

    from motorisasi.outputs.errors import _print, _said

    # A terminal or pipe that cannot show every character (say ASCII) gets escapes, not a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")

    try:  # typer vendors its own copy of click since 0.2x
        from typer._click import exceptions as cli_errors
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions as cli_errors
    no_args = getattr(cli_errors, "NoArgsIsHelpError", ())

    try:
        status = app(args=argv, prog_name="motorisasi", standalone_mode=False)
    except no_args as exc:  # a group called bare: its help, as before
        typer.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
        status = 0
    except cli_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "motorisasi"
        _print(f"{exc.format_message()} (see '{command} --help')")
        status = 2
    except typer.Abort:
        _print(_said("cli.interrupted"))
        status = 130
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
