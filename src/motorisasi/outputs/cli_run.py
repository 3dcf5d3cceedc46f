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
    by_age: Annotated[bool, typer.Option(help="Also give the fleet by age (an 'age' dimension).")] = False,
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

        ds = run_scenario(scenario, data_dir=data, by_age=by_age)
    if files:
        with console.status("Writing the result files...", spinner="dots"):
            from motorisasi.outputs.export import write_all

            paths = write_all(ds, out)
    headline(ds, console)
    warnings(ds, console)
    if files:
        console.print("Wrote: " + ", ".join(str(p) for p in paths.values()), soft_wrap=True, markup=False)


def warnings(ds, console) -> None:
    """Say where a scenario's powertrain targets did not fit into total sales."""
    import json

    notes_all = json.loads(ds.attrs.get("notes", "{}"))
    for group, years in notes_all.pop("over_capacity", {}).items():
        if years:
            span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
            console.print(f"note: {group}: production exceeds capacity in {span}", markup=False)
    for segment, notes in notes_all.items():
        for key, text in (
            ("units_target_above_sales", "absolute targets exceed total sales (capped at all sales)"),
            ("shares_scaled_down", "powertrain shares add up to more than one (scaled down)"),
        ):
            years = notes.get(key) or []
            if years:
                span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
                console.print(f"note: {segment}: {text} in {span}", markup=False)


def milestones(ds) -> list[int]:
    """The base year, the milestone years inside the horizon, and the last year."""
    base = int(ds.attrs["base_year"])
    end = int(ds["year"].values[-1])
    return [base, *[y for y in MILESTONES if base < y < end], end]


def indicators(ds, years: list[int]) -> dict[str, tuple[str, object]]:
    """Headline indicators at ``years``: label -> (format, values)."""
    sel = ds.sel(year=years)
    four_wheel = [s for s in ds["segment"].values if s != "motorcycles"]
    pop = sel["population"].values
    reg = sel["registered_stock"]
    out: dict[str, tuple[str, object]] = {
        "4-wheel+ vehicles per 1,000 (registered)": (
            "{:,.1f}",
            1000 * reg.sel(segment=four_wheel).sum("segment") / pop,
        )
    }
    if "motorcycles" in ds["segment"].values:
        out["motorcycles per 1,000 (registered)"] = ("{:,.1f}", 1000 * reg.sel(segment="motorcycles") / pop)
    out["registered fleet, million"] = ("{:,.1f}", reg.sum("segment") / 1e6)
    out["sales, million per year"] = ("{:,.2f}", sel["sales_total"].sum("segment") / 1e6)
    ev = [p for p in ("BEV", "PHEV") if p in ds["powertrain"].values]
    for seg in ds["segment"].values:
        sales = sel["sales"].sel(segment=seg)
        stock = sel["stock"].sel(segment=seg)
        if float(sales.sel(powertrain=ev).sum()) > 0:
            out[f"plug-in share of {seg} sales, %"] = (
                "{:,.1f}",
                100
                * sales.sel(powertrain=ev).sum("powertrain", min_count=1)
                / sales.sum("powertrain", min_count=1),
            )
            out[f"plug-in share of {seg} in use, %"] = (
                "{:,.1f}",
                100
                * stock.sel(powertrain=ev).sum("powertrain", min_count=1)
                / stock.sum("powertrain", min_count=1),
            )
    energy = sel["energy"].sum("segment", min_count=1)
    for fuel in ds["fuel"].values:
        out[f"{fuel}, PJ"] = ("{:,.1f}", energy.sel(fuel=fuel))
    out["CO2 tank-to-wheel, Mt"] = ("{:,.1f}", sel["co2_ttw"].sum("segment", min_count=1))
    out["CO2 incl. electricity, Mt"] = ("{:,.1f}", sel["co2_wtw"].sum("segment", min_count=1))
    if "production" in ds:
        for group in ds["industry_group"].values:
            part = sel.sel(industry_group=group)
            out[f"{group}: production, million"] = ("{:,.2f}", part["production"] / 1e6)
            out[f"{group}: exports, million"] = ("{:,.2f}", part["exports"] / 1e6)
            out[f"{group}: direct jobs, thousand"] = ("{:,.1f}", part["jobs"] / 1e3)
    if "local_content_value" in ds:
        out["local content, IDR trillion"] = (
            "{:,.1f}",
            sel["local_content_value"].sum("industry_group", min_count=1),
        )
    if "fuel_subsidy" in ds:
        out["fuel subsidy, IDR trillion"] = ("{:,.1f}", sel["fuel_subsidy"].sum("fuel", min_count=1))
    if "tax_forgone" in ds:
        out["tax incentives, IDR trillion"] = ("{:,.1f}", sel["tax_forgone"].sum("segment", min_count=1))
    if "battery_gwh" in ds:
        out["battery packs sold, GWh"] = (
            "{:,.1f}",
            sel["battery_gwh"].sum(["segment", "powertrain"], min_count=1),
        )
        out["nickel in new batteries, kt"] = ("{:,.1f}", sel["nickel"] / 1e3)
    return out


def _cells(fmt: str, values) -> list[str]:
    import numpy as np

    return [("-" if not np.isfinite(v) else fmt.format(v)) for v in np.asarray(values, dtype=float)]


def headline(ds, console) -> None:
    """The scenario at the base year and milestone years."""
    from rich import box
    from rich.table import Table

    years = milestones(ds)
    table = Table(
        title=f"{ds.attrs['title']} ({ds.attrs['country']})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("")
    for y in years:
        table.add_column(str(y), justify="right")
    for label, (fmt, values) in indicators(ds, years).items():
        table.add_row(label, *_cells(fmt, values))
    console.print(table)
    base = years[0]
    console.print(
        f"{base}: observed registered fleet and sales; energy and CO2 are modelled from {base + 1}. "
        "Units and sources are in the files ('sources' sheet, NetCDF attributes).",
        markup=False,
    )


@user_errors_as_one_line
def compare(
    scenarios: Annotated[
        list[str], typer.Argument(help="Two or more scenario files or shipped scenario names.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Also write the comparison as a CSV file here.", show_default=False)
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Folder of your own CSV files laid over the embedded data.", show_default=False
        ),
    ] = None,
) -> None:
    """Compare scenarios at milestone years: each indicator, and its difference from the first scenario."""
    import numpy as np
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.errors import MotorisasiError
    from motorisasi.scenario.run import run as run_scenario

    if len(scenarios) < 2:
        raise MotorisasiError("compare: give at least two scenarios")
    console = Console(highlight=False)
    with console.status("Running the scenarios...", spinner="dots"):
        results = [run_scenario(s, data_dir=data) for s in scenarios]
    names = [r.attrs["scenario_name"] for r in results]
    if len(set(names)) < len(names):
        names = [f"{n} ({i + 1})" for i, n in enumerate(names)]
    years = sorted({y for r in results for y in milestones(r)})
    tables = [indicators(r, [y for y in years if y in r["year"].values]) for r in results]
    labels = list(dict.fromkeys(label for t in tables for label in t))
    rows = []
    for label in labels:
        table = Table(title=label, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("scenario")
        for y in years:
            table.add_column(str(y), justify="right")
        series = []
        for r, t in zip(results, tables, strict=True):
            present = [y for y in years if y in r["year"].values]
            values = (
                dict(zip(present, np.asarray(t[label][1], dtype=float), strict=True)) if label in t else {}
            )
            series.append(np.array([values.get(y, np.nan) for y in years]))
        fmt = next(t[label][0] for t in tables if label in t)
        diff_fmt = "{:+,." + fmt.split(".")[-1]
        for name, values in zip(names, series, strict=True):
            table.add_row(name, *_cells(fmt, values))
            if name != names[0]:
                table.add_row(f"  {name} - {names[0]}", *_cells(diff_fmt, values - series[0]))
            for year, value, first in zip(years, values, series[0], strict=True):
                rows.append((label, year, name, value, value - first))
        console.print(table)
    if out is not None:
        import pandas as pd

        from motorisasi.outputs.export import _csv_bytes, _write_bytes, atomic_write

        frame = pd.DataFrame(
            rows, columns=["indicator", "year", "scenario", "value", "difference_from_first"]
        )
        path = atomic_write(Path(out), _write_bytes(_csv_bytes(frame)))
        console.print(f"Wrote {path}", markup=False)
