"""``motorisasi ownership fit``: estimate the ownership-income model from the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line

ownership_app = typer.Typer(
    help="The ownership-income model (Gompertz with partial adjustment): estimate it from the data.",
    no_args_is_help=True,
)


@ownership_app.command("fit")
@user_errors_as_one_line
def fit(
    countries: Annotated[
        str, typer.Option(help="Comma-separated ISO3 codes of the panel.")
    ] = "IDN,JPN,THA,MYS",
    definition: Annotated[str, typer.Option(help="four_wheel or passenger_cars.")] = "four_wheel",
    static: Annotated[bool, typer.Option(help="Fit the static curve instead of partial adjustment.")] = False,
    asymmetric: Annotated[bool, typer.Option(help="Separate speeds for rising and falling income.")] = False,
    saturation: Annotated[
        float | None,
        typer.Option(help="Fix the saturation level (vehicles per 1,000) instead of estimating it."),
    ] = None,
    shared_beta: Annotated[bool, typer.Option(help="One income response for all countries.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Folder of your own CSV files laid over the embedded data.", show_default=False
        ),
    ] = None,
) -> None:
    """Estimate V* = saturation * exp(alpha * exp(beta * income)) and the adjustment speed.

    Bounded nonlinear least squares on the countries' histories (income in thousand constant
    2021 $ PPP per person, ownership per 1,000 people); standard errors from the Jacobian and
    95 % intervals. The published Dargay-Gately-Sommer (2007) estimates are not used: they
    could not be confirmed from the paper.
    """
    from motorisasi.scenario.ownership import fit_panel

    codes = tuple(c.strip().upper() for c in countries.split(",") if c.strip())
    result, used = fit_panel(
        codes,
        definition,
        data_dir=data,
        dynamic=not static,
        asymmetric=asymmetric,
        saturation=saturation,
        country_beta=not shared_beta,
    )
    if as_json:
        out = {
            "definition": definition,
            "countries": list(codes),
            "dynamic": result.dynamic,
            "params": result.params,
            "stderr": result.stderr,
            "interval95": {k: list(v) for k, v in result.interval.items()},
            "fixed": result.fixed,
            "n_obs": result.n_obs,
            "rmse": result.rmse,
            "r_squared": result.r_squared,
            "series": used,
        }
        typer.echo(json.dumps(out, indent=2))
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    form = "partial adjustment" if result.dynamic else "static curve"
    table = Table(
        title=f"Ownership model ({form}), {definition}, {', '.join(codes)}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column in ("parameter", "estimate", "std. error", "95 % interval", "unit"):
        table.add_column(column, justify="left" if column in ("parameter", "unit") else "right")
    units = {"saturation": "vehicles per 1,000", "alpha": "-", "beta": "per thousand $", "theta": "per year"}
    for name, value in result.params.items():
        lo, hi = result.interval[name]
        table.add_row(
            name,
            f"{value:.4g}",
            f"{result.stderr[name]:.2g}",
            f"{lo:.4g} to {hi:.4g}",
            units.get(name.split("[")[0].split("_")[0], ""),
        )
    for name, value in result.fixed.items():
        table.add_row(name, f"{value:.4g}", "fixed", "", units.get(name, ""))
    console.print(table)
    console.print(f"{result.n_obs} observations, RMSE {result.rmse:.2f} per 1,000, R² {result.r_squared:.4f}")
    for country, residuals in result.residuals.items():
        console.print(
            f"  {country}: RMSE {float((residuals**2).mean() ** 0.5):.2f} per 1,000, "
            f"{result.years[country][0]}-{result.years[country][-1]}; series: {', '.join(used[country])}"
        )
