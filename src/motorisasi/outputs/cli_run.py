"""``motorisasi run``: run a scenario, write its results, print the headline numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line

MILESTONES = (2030, 2040, 2050)


@user_errors_as_one_line
def run(
    scenario: Annotated[
        str, typer.Argument(help="Scenario file, or the name of a shipped scenario (baseline, ...).")
    ] = "baseline",
    out: Annotated[Path, typer.Option(help="Folder for the result files.")] = Path("motorisasi-results"),
    files: Annotated[bool, typer.Option(help="Write the CSV, Excel, NetCDF and IAMC files.")] = True,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Folder of your own CSV files laid over the embedded data.", show_default=False
        ),
    ] = None,
) -> None:
    """Run a scenario and write tidy CSV, Excel, NetCDF and IAMC files; print the headline numbers.

    With no argument it runs the shipped baseline for Indonesia from the embedded data.
    """
    from rich.console import Console

    console = Console(highlight=False)
    with console.status("Running the scenario...", spinner="dots"):
        from motorisasi.scenario.run import run as run_scenario

        ds = run_scenario(scenario, data_dir=data)
    if files:
        with console.status("Writing the result files...", spinner="dots"):
            from motorisasi.outputs.export import write_all

            paths = write_all(ds, out)
    headline(ds, console)
    if files:
        console.print("Wrote: " + ", ".join(str(p) for p in paths.values()), soft_wrap=True, markup=False)


def headline(ds, console) -> None:
    """The scenario at the base year and milestone years."""
    import numpy as np
    from rich import box
    from rich.table import Table

    base = int(ds.attrs["base_year"])
    end = int(ds["year"].values[-1])
    years = [base, *[y for y in MILESTONES if base < y < end], end]
    sel = ds.sel(year=years)
    four_wheel = [s for s in ds["segment"].values if s != "motorcycles"]
    table = Table(
        title=f"{ds.attrs['title']} ({ds.attrs['country']})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("")
    for y in years:
        table.add_column(str(y), justify="right")

    def row(label: str, values, fmt: str = "{:,.1f}") -> None:
        table.add_row(
            label, *[("-" if not np.isfinite(v) else fmt.format(v)) for v in np.asarray(values, dtype=float)]
        )

    pop = sel["population"].values
    reg = sel["registered_stock"]
    row("4-wheel+ vehicles per 1,000 (registered)", 1000 * reg.sel(segment=four_wheel).sum("segment") / pop)
    if "motorcycles" in ds["segment"].values:
        row("motorcycles per 1,000 (registered)", 1000 * reg.sel(segment="motorcycles") / pop)
    row("registered fleet, million", reg.sum("segment") / 1e6)
    row("sales, million per year", sel["sales_total"].sum("segment") / 1e6, "{:,.2f}")
    ev = [p for p in ("BEV", "PHEV") if p in ds["powertrain"].values]
    for seg in ds["segment"].values:
        sales = sel["sales"].sel(segment=seg)
        stock = sel["stock"].sel(segment=seg)
        if float(sales.sel(powertrain=ev).sum()) > 0:
            row(
                f"plug-in share of {seg} sales, %",
                100
                * sales.sel(powertrain=ev).sum("powertrain", min_count=1)
                / sales.sum("powertrain", min_count=1),
            )
            row(
                f"plug-in share of {seg} in use, %",
                100
                * stock.sel(powertrain=ev).sum("powertrain", min_count=1)
                / stock.sum("powertrain", min_count=1),
            )
    energy = sel["energy"].sum("segment", min_count=1)
    for fuel in ds["fuel"].values:
        row(f"{fuel}, PJ", energy.sel(fuel=fuel))
    row("CO2 tank-to-wheel, Mt", sel["co2_ttw"].sum("segment", min_count=1))
    row("CO2 incl. electricity, Mt", sel["co2_wtw"].sum("segment", min_count=1))
    console.print(table)
    console.print(
        f"{base}: observed registered fleet and sales; energy and CO2 are modelled from {base + 1}. "
        "Units and sources are in the files ('sources' sheet, NetCDF attributes).",
        markup=False,
    )
