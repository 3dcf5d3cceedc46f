"""A synthetic country with known parameters, built through the country kit, recovered by a run.

Country XSY has three segments named as in the shipped baseline (cars, commercial,
motorcycles), a known normal lifetime per segment and a known register-removal rate per
segment. Its history is generated here, by a plain cohort loop that does not call the
package's stock, survival or register code:

- survival of a cohort at the end of its a-th year after sale: ``norm.sf(a + 1/2, mean, std) /
  norm.sf(0, mean, std)`` (the package's documented convention: vehicles enter mid-year, the
  lifetime is a normal conditioned on being positive; :mod:`motorisasi.model.survival`);
- before 1990 sales were steady, and the register was purged at the end of 1989 (nothing out
  of use was still registered then), which is the state a run starts its history from;
- every year a share ``r`` of the vehicles out of use but still registered (including those
  that left use that year) is removed from the register.

The data folder is started with ``data template`` for the synthetic scenario, filled with
these numbers and checked with ``data check``; then ``calibrate`` and ``run`` must give the
known rates, registers, population and ownership back.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm
from typer.testing import CliRunner

import motorisasi as m
from motorisasi.outputs.cli import app

COUNTRY = "XSY"
SOURCE = "xsy-synthetic"
FIRST, BASE, END = 1990, 2025, 2040  # sales history, base year (last observed), end of the run
PRE_AGES = 100  # ages of the steady fleet before the sales history (as many as a run gives it)

#: segment: (lifetime mean, std in years, removal rate per year, stock series and their
#: shares of the register, sales series, share of the sales series)
SEGMENTS = {
    "cars": (18.0, 6.0, 0.0837, {"passenger_cars_registered": 1.0}, "car_sales", 0.75),
    "commercial": (25.0, 8.0, 0.0512, {"buses_registered": 0.2, "trucks_registered": 0.8}, "car_sales", 0.25),
    "motorcycles": (12.0, 4.0, 0.1466, {"motorcycles_registered": 1.0}, "motorcycle_sales", 1.0),
}


def population(year: int) -> float:
    """Persons: 100 million in 1990, growth slowing from 1.5 %/yr (known path, 1990-2060)."""
    t = year - FIRST
    return 100e6 * float(np.exp(0.015 * t - 0.0002 * t * t))


def income(year: int) -> float:
    """GDP per capita, constant 2021 international $ (known path, 1990-2025)."""
    return 4_000.0 * 1.03 ** (year - FIRST)


def total_sales(series: str, year: int) -> float:
    """Vehicles sold in a year: growth with a crisis in 1998-1999 and a dip in 2020."""
    t = year - FIRST
    base = {"car_sales": 150_000.0 * 1.05**t, "motorcycle_sales": 400_000.0 * 1.06**t}[series]
    shock = {1998: 0.45, 1999: 0.7, 2020: 0.75}.get(year, 1.0)
    return base * shock


def survival(mean: float, std: float, ages: int) -> np.ndarray:
    a = np.arange(ages)
    return norm.sf(a + 0.5, mean, std) / norm.sf(0.0, mean, std)


def synthetic_register(segment: str, rate: float | None = None, until: int = BASE) -> dict[str, np.ndarray]:
    """The segment's sales (1990-``until``), fleet in use and register (1989-``until``), cohort by
    cohort; after the base year sales stay at their base-year level (the scenario's demand).

    ``rate`` replaces the segment's known removal rate (to show what a wrong one gives)."""
    mean, std, known, _, series, share = SEGMENTS[segment]
    rate = known if rate is None else rate
    years = np.arange(FIRST - 1, until + 1)
    sales = np.array([total_sales(series, min(int(y), BASE)) * share for y in years[1:]])
    s = survival(mean, std, 400)
    steady = 0.8 * sales[0]  # sales of every year before 1990
    # Cohorts: 1989 - k for k = 0 .. PRE_AGES - 1 at the steady level, then the sales history.
    cohorts = {FIRST - 1 - k: steady for k in range(PRE_AGES)}
    cohorts.update({int(y): v for y, v in zip(years[1:], sales, strict=True)})
    in_use = np.array([sum(n * s[y - c] for c, n in cohorts.items() if c <= y) for y in years])
    register = np.empty(len(years))
    unremoved = 0.0  # the register was purged at the end of 1989
    register[0] = in_use[0]
    for i in range(1, len(years)):
        left_use = in_use[i - 1] + sales[i - 1] - in_use[i]
        unremoved = (1.0 - rate) * (unremoved + left_use)
        register[i] = in_use[i] + unremoved
    return {"years": years, "sales": sales, "in_use": in_use, "register": register}


def scenario_file(folder: Path) -> Path:
    """A minimal scenario for XSY: drivers, the three segments, no energy calibration."""
    lines = [
        "name: synthetic-xsy",
        f"country: {COUNTRY}",
        f"years: {{history_start: 1995, base: latest, end: {END}}}",
        "drivers: {population_series: population, income_series: gdp_per_capita_ppp}",
        "segments:",
    ]
    for name, (mean, std, _, stocks, sales, share) in SEGMENTS.items():
        lines += [
            f"  {name}:",
            f"    label: {name}",
            f"    stock_series: [{', '.join(stocks)}]",
            f"    sales_series: {sales}",
            f"    sales_share: {share}",
            f"    lifetime: {{distribution: normal, mean_years: {mean}, std_years: {std}}}",
            "    register_removal: {model: calibrated}",
            "    demand: {type: sales_growth, growth_pct: 0}",
            "    km_per_year: 10000",
            "    residual_powertrain: ICE",
            "    energy: {ICE: {fuel: gasoline, intensity_mj_per_km: 2.0}}",
        ]
    lines += ["energy: {calibration: {model: none}, biodiesel_observed: []}"]
    path = folder / "synthetic-xsy.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(series: str, year: int | str, value: float, unit: str) -> dict[str, object]:
    return {
        "country": COUNTRY,
        "region": "",
        "series": series,
        "category": "",
        "year": year,
        "value": value,
        "unit": unit,
        "source_id": SOURCE,
        "flag": "observed",
        "note": "",
    }


def synthetic_rows(rates: dict[str, float] | None = None, drop: str = "") -> list[dict[str, object]]:
    """The folder's values: the known paths and registers (``rates`` replaces some removal
    rates; ``drop`` leaves one series out)."""
    rates = rates or {}
    rows = [_row("population", y, population(y), "persons") for y in range(FIRST, 2061)]
    rows += [
        _row("gdp_per_capita_ppp", y, income(y), "constant 2021 international $")
        for y in range(FIRST, BASE + 1)
    ]
    # Optional in the kit's terms, but the scenario names it (energy.grid_series, by default).
    rows += [_row("electricity_carbon_intensity_ember", y, 500.0, "gCO2 per kWh") for y in range(2000, BASE)]
    # No IPCC factors: a country without its own takes the IPCC 2006 defaults the data hold once.
    for series in ("car_sales", "motorcycle_sales"):
        rows += [_row(series, y, total_sales(series, y), "vehicles") for y in range(FIRST, BASE + 1)]
    for name, (_, _, _, stocks, _, _) in SEGMENTS.items():
        history = synthetic_register(name, rates.get(name))
        for stock, part in stocks.items():
            rows += [
                _row(stock, int(y), float(v * part), "vehicles")
                for y, v in zip(history["years"], history["register"], strict=True)
            ]
    return [r for r in rows if r["series"] != drop]


runner = CliRunner()


def country_folder(root: Path, scenario: Path, rates: dict[str, float] | None = None, drop: str = "") -> Path:
    """The data folder of XSY the kit's way: ``data template`` for the scenario, then filled in."""
    folder = root / "xsy-data"
    made = runner.invoke(
        app, ["data", "template", "--country", COUNTRY, "--out", str(folder), "--scenario", str(scenario)]
    )
    assert made.exit_code == 0, made.output
    assert {p.name for p in folder.iterdir()} == {"values.csv", "sources.csv", "needs.md"}
    with (folder / "values.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, held = reader.fieldnames, list(reader)
    assert held == []  # the data hold nothing of XSY yet
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(synthetic_rows(rates, drop))  # floats written as repr: exact
    with (folder / "sources.csv").open(newline="", encoding="utf-8") as handle:
        source_columns = csv.DictReader(handle).fieldnames
    cited = {
        "source_id": SOURCE,
        "publisher": "test",
        "citation": "synthetic country XSY",
        "accessed": "2026-01-01",
    }
    with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=source_columns)
        writer.writeheader()
        writer.writerow({c: "" for c in source_columns} | cited)
    return folder


def check(folder: Path, scenario: Path):
    return runner.invoke(
        app,
        ["data", "check", str(folder), "--country", COUNTRY, "--scenario", str(scenario), "--lang", "en"],
        terminal_width=200,
    )


def calibrated_rates(folder: Path, scenario: Path) -> dict[str, float]:
    out = runner.invoke(app, ["calibrate", str(scenario), "--json", "--data", str(folder), "--lang", "en"])
    assert out.exit_code == 0, out.output
    found = json.loads(out.output)["segments"]
    return {name: found[name]["fitted_rate_per_year"] for name in SEGMENTS}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    return scenario_file(tmp_path_factory.mktemp("scenario"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory, scenario) -> Path:
    return country_folder(tmp_path_factory.mktemp("xsy"), scenario)


@pytest.fixture(scope="module")
def ds(folder, scenario):
    return m.run(scenario, data_dir=folder)


#: Noise-free data that follow the model's own assumptions: the least-squares rate is found by
#: nested grids to about 1e-11 and the residuals are float rounding (about 1e-9 vehicles on
#: registers of millions). A rate off by 1e-6 would move the removals by about one vehicle a
#: year, a billion times the rounding: 1e-6 is tight and still safe.
RATE_TOLERANCE = 1e-6
#: Relative agreement of fleets rebuilt by the run with the ones generated here: float rounding
#: of sums over about 130 cohorts (1e-16) and, after the base year, the fitted rate's last digits
#: (1e-12); a removal rate off by 1e-4 moves the registers by 1e-5 and more.
FLEET_RTOL = 1e-9


def test_the_filled_template_passes_the_check(folder, scenario):
    out = check(folder, scenario)
    assert out.exit_code == 0, out.output
    assert "(required)" not in out.output
    # The checklist the template wrote named every required series as missing then.
    rows = (folder / "needs.md").read_text(encoding="utf-8").splitlines()
    for where in ("drivers.population_series", "segments.commercial.stock_series.1"):
        (row,) = [r for r in rows if r.startswith(f"| {where} |")]
        assert "| required | no values for this country |" in row


def test_the_calibration_recovers_the_known_removal_rates(folder, scenario, ds):
    rates = calibrated_rates(folder, scenario)
    register = json.loads(ds.attrs["register"])
    for name, (_, _, known, _, _, _) in SEGMENTS.items():
        assert rates[name] == pytest.approx(known, abs=RATE_TOLERANCE), name
        assert register[name]["removal_rate_per_year"] == rates[name]  # the run uses the same fit
        # Nothing is left to a basis level: the two layers explain the whole register.
        assert abs(register[name]["basis_level"]) < FLEET_RTOL * register[name]["registered"]


def test_a_different_rate_in_the_data_is_found_and_fails_the_tolerance(tmp_path, scenario):
    # The same country with motorcycles removed 0.2 percentage points faster: the fit follows
    # the data, so an assertion against the known 0.1466 would fail by 2,000 times its tolerance.
    wrong = {"motorcycles": 0.1486}
    rates = calibrated_rates(country_folder(tmp_path, scenario, rates=wrong), scenario)
    assert rates["motorcycles"] == pytest.approx(0.1486, abs=RATE_TOLERANCE)
    assert abs(rates["motorcycles"] - SEGMENTS["motorcycles"][2]) > 1000 * RATE_TOLERANCE
    assert rates["cars"] == pytest.approx(SEGMENTS["cars"][2], abs=RATE_TOLERANCE)


def test_a_run_reproduces_the_registers_population_and_ownership(ds):
    years = ds.year.values
    assert years[0] == 1995 and years[-1] == END and ds.attrs["base_year"] == BASE
    people = np.array([population(int(y)) for y in years])
    np.testing.assert_allclose(ds["population"].values, people, rtol=1e-12)
    observed = years <= BASE
    incomes = np.array([income(int(y)) for y in years[observed]])
    np.testing.assert_allclose(ds["gdp_per_capita"].values[observed], incomes, rtol=1e-12)
    for name in SEGMENTS:
        mine = synthetic_register(name, until=END)
        at = years - (FIRST - 1)  # index of each run year in the synthetic arrays
        register, in_use = mine["register"][at], mine["in_use"][at]
        seg = ds.sel(segment=name)
        # The registered fleet: the data to the base year, the model after it.
        np.testing.assert_allclose(seg["registered_stock"].values, register, rtol=FLEET_RTOL, err_msg=name)
        # In the observed years the run's two layers, rebuilt from sales alone, add up to it.
        layers = seg["in_use_stock"].values + seg["unremoved_registrations"].values
        np.testing.assert_allclose(layers[observed], register[observed], rtol=FLEET_RTOL, err_msg=name)
        np.testing.assert_allclose(seg["in_use_stock"].values, in_use, rtol=FLEET_RTOL, err_msg=name)
        # Ownership per 1,000 in the observed years from this file's own numbers.
        per_1000 = register[observed] / people[observed] * 1000
        np.testing.assert_allclose(
            seg["ownership_per_1000"].values[observed], per_1000, rtol=1e-12, err_msg=name
        )
        # A wrong removal rate gives registers this tolerance tells apart.
        off = synthetic_register(name, rate=SEGMENTS[name][2] + 1e-4, until=END)["register"][at]
        assert np.max(np.abs(off / register - 1)) > 100 * FLEET_RTOL, name


def test_a_folder_without_one_required_series_is_refused_naming_it_in_one_line(tmp_path, scenario):
    # (test_kit.py checks one line for each of several missing series; here the one series a
    # complete folder lacks: one of the two registers summed into the commercial fleet.)
    folder = country_folder(tmp_path, scenario, drop="trucks_registered")
    out = check(folder, scenario)
    assert out.exit_code == 1, out.output
    lines = [line for line in out.output.splitlines() if line.endswith("(required)")]
    assert lines == [
        "segments.commercial.stock_series.1: series 'trucks_registered' for XSY: no values for this country"
        " (required)"
    ]
