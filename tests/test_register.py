"""The register beside the fleet in use: accounting, calibration, breaks, backtest, 2025 base year."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from motorisasi.data import schema as data_schema
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.model.register import (
    fit_removal_rate,
    register_inflow,
    register_survival,
    unremoved_pool,
)
from motorisasi.outputs.cli import app
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import Scenario, load_scenario

runner = CliRunner()


# --- the two layers against a hand calculation ---------------------------------------------------


def test_two_layers_match_a_hand_calculation():
    """Every car leaves use after exactly two years; half of those out of use are removed each year.

    year            0     1     2     3     4
    sales         100   200     0     0     0
    in use        100   300   200     0     0     (each year's sales count for two years)
    left use        0     0   100   200     0
    held            0     0   100   250   125     (unremoved last year + left use this year)
    removals        0     0    50   125  62.5
    unremoved       0     0    50   125  62.5
    registered    100   300   250   125  62.5     (changes by sales - removals)
    """
    s = survival_curve("fixed", 10, entry="end", lifetime=2)
    fleet = inflow_driven([100.0, 200, 0, 0, 0], s)
    assert fleet.stock.tolist() == [100, 300, 200, 0, 0]
    assert fleet.outflow.tolist() == [0, 0, 100, 200, 0]
    pool, removals = unremoved_pool(fleet.outflow, 0.5)
    assert removals.tolist() == [0, 0, 50, 125, 62.5]
    assert (fleet.stock + pool).tolist() == [100, 300, 250, 125, 62.5]
    # The same register from the cohorts' register survival, in one stock-model run.
    q = register_survival(s, 0.5)
    assert q[:5].tolist() == [1, 1, 0.5, 0.25, 0.125]
    np.testing.assert_allclose(inflow_driven([100.0, 200, 0, 0, 0], q).stock, fleet.stock + pool)


@settings(max_examples=40, deadline=None)
@given(
    sales=st.lists(st.floats(0, 1e6), min_size=2, max_size=40),
    mean=st.floats(2, 40),
    rate=st.floats(0, 1),
)
def test_register_survival_and_the_pool_are_one_model(sales, mean, rate):
    """Two ways to the register agree: cohorts with Q, or the fleet in use plus the unremoved pool."""
    n = len(sales)
    s = survival_curve("normal", n + 5, mean=mean, std=mean / 3)
    q = register_survival(s, rate)
    assert np.all(np.diff(q) <= 1e-12) and np.all(q >= s - 1e-12) and np.all(q <= 1 + 1e-12)
    fleet = inflow_driven(sales, s)
    pool, removals = unremoved_pool(fleet.outflow, rate)
    registered = inflow_driven(sales, q).stock
    scale = max(1.0, max(sales))
    np.testing.assert_allclose(registered, fleet.stock + pool, atol=1e-9 * scale * n)
    # Mass balance of the register: it changes by sales minus removals.
    previous = np.concatenate([[0.0], registered[:-1]])
    np.testing.assert_allclose(registered - previous, np.asarray(sales) - removals, atol=1e-9 * scale * n)
    assert np.all(removals >= -1e-9)


def test_the_two_ends_of_the_removal_rate():
    s = survival_curve("normal", 30, mean=10, std=3)
    np.testing.assert_allclose(register_survival(s, 1.0), s)
    np.testing.assert_allclose(register_survival(s, 0.0), 1.0)
    with pytest.raises(Exception, match="between 0 and 1"):
        register_survival(s, 1.5)


@settings(max_examples=30, deadline=None)
@given(
    path=st.lists(st.floats(0, 1e6), min_size=2, max_size=30),
    rate=st.floats(0, 1),
)
def test_register_inflow_reaches_every_target_it_can(path, rate):
    """Sales that make the register of new cohorts follow a path; never negative."""
    target = np.cumsum(path)  # a rising path can always be followed
    s = survival_curve("normal", len(path) + 5, mean=12, std=4)
    q = register_survival(s, rate)
    sales, clipped = register_inflow(target, q)
    assert np.all(sales >= 0) and np.all(clipped <= 1e-9 * max(1.0, target.max()))
    np.testing.assert_allclose(
        inflow_driven(sales, q).stock, target, rtol=1e-9, atol=1e-6 * max(1.0, target.max())
    )


# --- calibration: a synthetic history with a known removal rate ---------------------------------

TRUE_RATE = 0.05
BREAKS = {1989: 0.0, 2005: 300_000.0, 2015: -200_000.0}  # first year of each basis: its level shift


def _basis_of(year: int) -> int:
    return max(b for b in BREAKS if b <= year)


def synthetic_history(
    growth: float = 0.05, start: float = 100_000.0, mean: float = 12.0, noise: float = 0.002
):
    """Sales 1990-2025, a normal lifetime, removals at TRUE_RATE, a level shift at each break.

    Built year by year with plain loops (not with the package's stock engine): cohorts survive
    by the lifetime, vehicles out of use are removed at TRUE_RATE a year, and each statistical
    basis adds its own level. A little noise (``noise`` x the year's sales) is added.
    """
    years = np.arange(1989, 2026)
    sales = np.array([0.0] + [start * (1 + growth) ** (y - 1990) for y in years[1:]])
    s = survival_curve("normal", 80, mean=mean, std=mean / 3)
    in_use = np.array([sum(sales[c] * s[t - c] for c in range(1, t + 1)) for t in range(len(years))])
    left = np.concatenate([[0.0], in_use[:-1]]) + sales - in_use
    pool = np.zeros(len(years))
    for t in range(1, len(years)):
        pool[t] = (1 - TRUE_RATE) * (pool[t - 1] + left[t])
    rng = np.random.default_rng(12)
    level = np.array([BREAKS[_basis_of(int(y))] for y in years])
    observed = in_use + pool + level + noise * sales * rng.standard_normal(len(years))
    basis = np.array([float(_basis_of(int(y))) for y in years])
    return years, sales, observed, basis, left, s


def test_the_fit_recovers_a_known_removal_rate():
    years, sales, observed, basis, left, _ = synthetic_history()
    fit = fit_removal_rate(observed, basis, sales, left, years=years)
    assert fit.rate == pytest.approx(TRUE_RATE, abs=0.005)
    assert fit.low <= TRUE_RATE <= fit.high
    assert 1989 not in fit.years and 2005 not in fit.years and 2015 not in fit.years  # no break is a flow


def test_a_level_shift_does_not_become_sales_or_removals():
    years, sales, observed, basis, left, _ = synthetic_history(noise=0.0)
    fit = fit_removal_rate(observed, basis, sales, left, years=years)
    assert fit.rate == pytest.approx(TRUE_RATE, abs=1e-3)
    # The same history without the breaks gives the same fit: the shifts were never used as flows ...
    flat = observed - np.array([BREAKS[_basis_of(int(y))] for y in years])
    assert fit_removal_rate(flat, basis, sales, left, years=years).rate == pytest.approx(fit.rate, abs=1e-6)
    # ... while reading the whole history as one basis turns the shifts into flows and biases it.
    one_basis = np.zeros(len(years))
    assert abs(fit_removal_rate(observed, one_basis, sales, left, years=years).rate - TRUE_RATE) > 0.005


def _value_row(series, year, value, unit, category=""):
    return {
        "country": "SYN",
        "region": "",
        "series": series,
        "category": category,
        "year": year,
        "value": value,
        "unit": unit,
        "source_id": "syn-1",
        "flag": "derived" if series == "register_basis" else "observed",
        "note": "",
    }


SEGMENTS = {  # segment: (stock series, sales series)
    "cars": ("passenger_cars_registered", "car_sales"),
    "commercial": ("trucks_registered", "wholesales_gaikindo"),
    "motorcycles": ("motorcycles_registered", "motorcycle_sales"),
}


def synthetic_country(root: Path) -> Path:
    """Country SYN: three segments with the synthetic history (different sizes), population 100 million."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=data_schema.SOURCE_COLUMNS)
        writer.writeheader()
        writer.writerow(
            {
                "source_id": "syn-1",
                "publisher": "test",
                "citation": "synthetic history with a known removal rate",
                "url": "",
                "table": "",
                "accessed": "2026-01-01",
                "licence": "",
            }
        )
    rows = []
    for year in range(1989, 2061):
        rows.append(_value_row("population", year, 1e8, "persons"))
    for year in range(1989, 2026):
        rows.append(_value_row("gdp_per_capita_ppp", year, 10_000.0, "constant 2021 international $"))
    for k, (stock, sales_series) in enumerate(SEGMENTS.values()):
        years, sales, observed, basis, _, _ = synthetic_history(start=100_000.0 * (k + 1), mean=10.0 + 4 * k)
        for y, s, r, b in zip(years, sales, observed, basis, strict=True):
            rows.append(_value_row(stock, int(y), float(r), "vehicles"))
            rows.append(_value_row("register_basis", int(y), float(b), "year", category=stock))
            if y >= 1990:
                rows.append(_value_row(sales_series, int(y), float(s), "vehicles"))
    for series, value, unit in (
        ("ipcc_fuel__co2_ef_motor_gasoline", 69_300, "kg CO2 per TJ"),
        ("ipcc_fuel__co2_ef_gas_diesel_oil", 74_100, "kg CO2 per TJ"),
        ("ipcc_fuel__ncv_motor_gasoline", 44.3, "MJ per kg"),
        ("ipcc_fuel__ncv_gas_diesel_oil", 43.0, "MJ per kg"),
    ):
        rows.append(_value_row(series, "", value, unit))
    for year in range(2000, 2024):
        rows.append(_value_row("electricity_carbon_intensity_ember", year, 500.0, "gCO2 per kWh"))
    with (root / "values.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=data_schema.VALUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return root


def synthetic_scenario() -> Scenario:
    segments = {}
    for k, (name, (stock, sales)) in enumerate(SEGMENTS.items()):
        segments[name] = {
            "label": name,
            "stock_series": [stock],
            "sales_series": sales,
            "lifetime": {
                "distribution": "normal",
                "mean_years": 10.0 + 4 * k,
                "std_years": (10.0 + 4 * k) / 3,
            },
            "demand": {"type": "sales_growth", "growth_pct": 0},
            "km_per_year": 10_000,
            "residual_powertrain": "ICE",
            "energy": {"ICE": {"fuel": "gasoline", "intensity_mj_per_km": 2.0}},
        }
    return Scenario.model_validate(
        {
            "name": "synthetic",
            "country": "SYN",
            "years": {"history_start": 1995, "end": 2040},
            "segments": segments,
        }
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return synthetic_country(tmp_path_factory.mktemp("syn"))


def test_a_run_calibrates_every_segment_and_follows_its_register(synthetic):
    ds = run(synthetic_scenario(), data_dir=synthetic)
    assert ds.attrs["base_year"] == 2025
    register = json.loads(ds.attrs["register"])
    for name in SEGMENTS:
        assert register[name]["removal_rate_per_year"] == pytest.approx(TRUE_RATE, abs=0.005), name
        low, high = register[name]["interval"]
        assert low <= TRUE_RATE <= high
    # In the projection the register changes by sales minus removals, and removals are never negative.
    proj = ds.sel(year=slice(2026, None))
    previous = ds["registered_stock"].shift(year=1).sel(year=slice(2026, None))
    np.testing.assert_allclose(
        proj["registered_stock"] - previous, proj["sales_total"] - proj["register_removals"], rtol=1e-9
    )
    assert float(proj["register_removals"].min()) >= 0


def test_the_backtest_recovers_the_rate_and_ranks_the_true_model_first(synthetic):
    from motorisasi.scenario.backtest import MODELS, backtest

    bt = backtest(synthetic_scenario(), horizons=10, data_dir=synthetic)
    for segment, by_origin in bt.rates.items():
        rate, low, high = by_origin[2024]
        assert rate == pytest.approx(TRUE_RATE, abs=0.005), segment
        assert low <= TRUE_RATE <= high
    for target in ("cars", "four_wheel", "motorcycles"):
        head = bt.headline(target)
        best = min(MODELS, key=lambda m: head["mape"][m])
        assert best == "calibrated", (target, head["mape"])
        assert head["calibrated_at_least_as_good"]
    # No forecast crosses a break: every scored pair lies on one basis.
    assert all(_basis_of(f.origin) == _basis_of(f.origin + f.horizon) for f in bt.forecasts)


# --- Indonesia: base year 2025, observations reproduced ----------------------------------------


def _observed(series, year, category=""):
    from motorisasi.data.store import series_values

    return series_values(series, "IDN", category=category).at(year)


@pytest.mark.parametrize("name", ["baseline", "ev-roadmap", "target-150"])
def test_every_shipped_scenario_reproduces_the_2025_observations(name):
    from motorisasi.scenario.history import passenger_share

    ds = run(name)
    assert ds.attrs["base_year"] == 2025
    at = ds.sel(year=2025)
    share = passenger_share("IDN")[0]
    cars = _observed("car_sales", 2025)
    sales = at["sales_total"]
    assert float(sales.sel(segment="cars")) == pytest.approx(cars * share, rel=1e-9)
    assert float(sales.sel(segment="commercial")) == pytest.approx(cars * (1 - share), rel=1e-9)
    assert float(sales.sel(segment="motorcycles")) == pytest.approx(
        _observed("motorcycle_sales", 2025), rel=1e-9
    )
    bev = at["sales"].sel(powertrain="BEV")
    assert float(bev.sel(segment="cars")) == pytest.approx(
        _observed("wholesales_by_powertrain_reported", 2025, "BEV")
    )
    assert float(bev.sel(segment="motorcycles")) == pytest.approx(_observed("e_motorcycle_sales", 2025))
    registered = at["registered_stock"]
    assert float(registered.sel(segment="cars")) == _observed("passenger_cars_registered", 2025)
    assert float(registered.sel(segment="commercial")) == pytest.approx(
        _observed("buses_registered", 2025) + _observed("trucks_registered", 2025)
    )
    assert float(registered.sel(segment="motorcycles")) == _observed("motorcycles_registered", 2025)
    notes = json.loads(ds.attrs["notes"])
    assert all(not notes[s]["departs_from_observations"] for s in ("cars", "commercial", "motorcycles"))


def test_a_scenario_that_starts_before_the_latest_data_is_told_where_it_departs(tmp_path):
    path = tmp_path / "old.yaml"
    base = Path(load_scenario("baseline").source)
    path.write_text(f"extends: {base}\nname: old\nyears: {{base: 2024}}\n", encoding="utf-8")
    ds = run(load_scenario(path))
    found = json.loads(ds.attrs["notes"])["motorcycles"]["departs_from_observations"]
    hit = next(d for d in found if d["variable"] == "sales_total")
    assert hit["year"] == 2025 and hit["observed"] == _observed("motorcycle_sales", 2025)
    assert hit["scenario"] == pytest.approx(_observed("motorcycle_sales", 2024))
    result = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "segments.motorcycles.demand: sales_total in 2025" in " ".join(result.output.split())


@pytest.mark.parametrize("after", ["hold_ownership", "hold_sales", "sales_growth", "ownership_model"])
def test_a_target_names_what_happens_after_it(after):
    content = load_scenario("target-150").model_dump(mode="python")
    content["uncertainty"] = {}  # its draws of the model after the target apply to one 'after' only
    demand = content["segments"]["cars"]["demand"]
    demand["after"] = after
    if after == "sales_growth":
        demand["after_growth_pct"] = 2.0
    ds = run(Scenario.model_validate(content))
    cars = ds.sel(segment="cars")
    assert float(cars["ownership_per_1000"].sel(year=2030)) == pytest.approx(demand["per_1000"], rel=1e-9)
    later = cars.sel(year=slice(2031, None))
    if after == "hold_ownership":
        # Held where sales can do it; where they cannot fall below zero the register stays above.
        assert float(later["ownership_per_1000"].min()) >= demand["per_1000"] - 1e-6
    elif after == "hold_sales":
        np.testing.assert_allclose(later["sales_total"], float(cars["sales_total"].sel(year=2030)))
    elif after == "sales_growth":
        ratio = later["sales_total"].values[1:] / later["sales_total"].values[:-1]
        np.testing.assert_allclose(ratio, 1.02)
    else:  # the fitted ownership model from the level reached: not an accident of the target year
        assert float(later["sales_total"].max()) < float(cars["sales_total"].sel(year=2030))


# --- commands ---------------------------------------------------------------------------------


def test_calibrate_reports_rates_intervals_and_the_lifetime_it_rests_on():
    result = runner.invoke(app, ["calibrate", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["base_year"] == 2025
    for name, entry in out["segments"].items():
        low, high = entry["interval"]
        assert low <= entry["removal_rate_per_year"] <= high, name
        assert min(entry["years_fitted"]) >= 2016  # the revised method only (fit_from 2015)
        assert 2022 not in entry["years_fitted"] or name == "motorcycles"
        assert len(entry["lifetime_sensitivity"]) == 2
        assert entry["in_use"] + entry["unremoved"] + entry["basis_level"] == pytest.approx(
            entry["registered"]
        )
    table = runner.invoke(app, ["calibrate", "--lang", "id"])
    assert table.exit_code == 0 and "laju penghapusan" in table.output


def test_backtest_command_writes_its_table_csv_and_chart(tmp_path):
    import time

    start = time.perf_counter()
    result = runner.invoke(app, ["backtest", "--out", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 60
    for name in ("backtest.csv", "backtest_scores.csv", "backtest.png", "backtest.svg"):
        assert (tmp_path / name).stat().st_size > 100, name
    assert "calibrated register" in result.output and "random walk with drift" in result.output
    rows = list(csv.DictReader((tmp_path / "backtest.csv").open(encoding="utf-8")))
    models = {r["model"] for r in rows}
    assert models == {"calibrated", "no_removals", "in_use", "random_walk_drift", "log_linear_trend"}
    for r in rows:  # the error column is what its forecast and observation say
        assert float(r["error_pct"]) == pytest.approx(
            100 * (float(r["forecast"]) / float(r["observed"]) - 1), rel=1e-6, abs=1e-6
        )
    scored = json.loads(runner.invoke(app, ["backtest", "--json", "--horizons", "3"]).output)
    head = scored["headline_current_method"]["four_wheel"]
    assert head["calibrated_at_least_as_good"], head  # the README's claim


def test_gap_says_which_register_it_used_and_lets_the_user_choose():
    from motorisasi.scenario.gap import ownership_gap

    calibrated = ownership_gap(150, 2035)
    none = ownership_gap(150, 2035, register="none")
    in_use = ownership_gap(150, 2035, register="in_use")
    # Fewer removals: less to sell for the same register.
    assert none.needed_growth < calibrated.needed_growth < in_use.needed_growth
    assert calibrated.register["model"] == "calibrated" and calibrated.register["backtest"]["forecasts"] > 0
    # Nothing ever removed: the register is today's plus the sales since, year by year.
    np.testing.assert_allclose(none.removals, 0.0, atol=1e-6)
    np.testing.assert_allclose(none.stock, none.latest_stock + np.cumsum(none.sales), rtol=1e-12)
    # Calibrated: removals are a share (the rate) of what is out of use, so below rate x the register.
    rate = calibrated.register["removal_rate_per_year"]
    previous = np.concatenate([[calibrated.latest_stock], calibrated.stock[:-1]])
    removed = np.array(calibrated.removals)
    assert np.all(removed > 0) and np.all(removed <= rate * (previous + np.array(calibrated.sales)))
    result = runner.invoke(app, ["gap", "--by", "2035", "--register", "none"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "never removed" in result.output
    result = runner.invoke(app, ["gap", "--by", "2035"], env={"COLUMNS": "200"})
    text = " ".join(result.output.split())
    assert (
        "calibrated (the default)" in text and "in backtests from 2017" in text and "at least as good" in text
    )
    bad = runner.invoke(app, ["gap", "--register", "sometimes"])
    assert bad.exit_code == 2 and "register: unknown 'sometimes'" in bad.output


def test_ev_roadmap_puts_about_13_million_e_motorcycles_on_the_road_in_2030():
    """The adoption target the scenario's share path is set for (esdm-17), from the 2025 observation."""
    ds = run("ev-roadmap")
    in_use = float(ds["stock"].sel(segment="motorcycles", powertrain="BEV", year=2030))
    assert 12.5e6 < in_use < 13.5e6


# --- review: no look-ahead, no silent fallbacks ---------------------------------------------------


def test_no_forecast_uses_what_happened_after_its_origin(tmp_path):
    """Changing the register after 2018 changes no forecast, and no fitted rate, from an earlier origin."""
    from motorisasi.scenario.backtest import backtest

    plain = synthetic_country(tmp_path / "plain")
    bent = synthetic_country(tmp_path / "bent")
    rows = list(csv.DictReader((bent / "values.csv").open(encoding="utf-8")))
    for r in rows:
        if r["series"].endswith("_registered") and r["year"] and int(r["year"]) > 2018:
            r["value"] = str(float(r["value"]) * 1.07)
    with (bent / "values.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=data_schema.VALUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    before = backtest(synthetic_scenario(), data_dir=plain)
    after = backtest(synthetic_scenario(), data_dir=bent)

    def early(bt):
        return {
            (f.target, f.measure, f.model, f.origin, f.horizon): f.forecast
            for f in bt.forecasts
            if f.origin <= 2018
        }

    assert early(before) == early(after) and len(early(before)) > 100
    for segment in SEGMENTS:
        assert {o: r for o, r in before.rates[segment].items() if o <= 2018} == {
            o: r for o, r in after.rates[segment].items() if o <= 2018
        }
    # ... while the later ones do move (the perturbation reached the backtest at all).
    assert {f.forecast for f in before.forecasts if f.origin > 2018} != {
        f.forecast for f in after.forecasts if f.origin > 2018
    }


def test_a_calibration_window_with_too_few_changes_is_an_error(tmp_path):
    path = tmp_path / "late.yaml"
    base = Path(load_scenario("baseline").source)
    path.write_text(
        f"extends: {base}\nname: late\nsegments:\n  cars:\n    register_removal: {{fit_from: 2025}}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(path), "--no-files"])
    assert result.exit_code == 2
    line = " ".join(result.output.split())
    assert "segments.cars.register_removal: fit_from 2025: 0 single-basis year-on-year change(s)" in line


def test_without_basis_rows_every_change_of_source_is_a_break(synthetic, tmp_path):
    from motorisasi.scenario.register import basis_by_year
    from motorisasi.scenario.steps.fleet import segment_history
    from motorisasi.scenario.steps.inputs import _Sources

    folder = tmp_path / "nobasis"
    folder.mkdir()
    (folder / "sources.csv").write_bytes((synthetic / "sources.csv").read_bytes())
    rows = [r for r in csv.DictReader((synthetic / "values.csv").open(encoding="utf-8"))]
    for r in rows:  # two sources for the cars register: 2010 is where one hands over to the other
        if r["series"] == "passenger_cars_registered" and int(r["year"]) >= 2010:
            r["source_id"] = "syn-2"
    rows = [r for r in rows if r["series"] != "register_basis"]
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=data_schema.VALUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with (folder / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("syn-2,test,second synthetic source,,,2026-01-01,\n")
    from motorisasi.data.store import series_values

    part = series_values("passenger_cars_registered", "SYN", data_dir=folder)
    labels, how = basis_by_year([part], "SYN", folder)
    assert how == "sources"
    assert labels[2009] != labels[2010] and labels[2010] == labels[2025] and labels[1990] == labels[2009]
    sc = synthetic_scenario()
    past = segment_history("cars", sc.segments["cars"], run_resolved(sc, folder), _Sources(), folder)
    assert past.layers.basis_source == "sources" and 2010 not in past.layers.fit.years


def run_resolved(sc, folder):
    from motorisasi.scenario.steps.inputs import resolve_base

    return resolve_base(sc, folder)


def test_the_default_afterlife_is_for_passenger_cars_only():
    content = load_scenario("baseline").model_dump(mode="python")
    content["segments"]["motorcycles"]["demand"] = {"type": "ownership_target", "per_1000": 560, "by": 2030}
    with pytest.raises(
        Exception, match=r"segments\.motorcycles\.demand\.after_model: the default ownership model"
    ):
        run(Scenario.model_validate(content))
    content["segments"]["motorcycles"]["demand"]["after"] = "hold_ownership"
    ds = run(Scenario.model_validate(content))
    later = ds["ownership_per_1000"].sel(segment="motorcycles", year=slice(2031, None))
    assert float(later.min()) >= 560 - 1e-6
    with pytest.raises(Exception, match="after_growth_pct is only used with after: sales_growth"):
        Scenario.model_validate(
            {
                **content,
                "segments": {
                    **content["segments"],
                    "motorcycles": {
                        **content["segments"]["motorcycles"],
                        "demand": {
                            "type": "ownership_target",
                            "per_1000": 560,
                            "by": 2030,
                            "after_growth_pct": 3,
                        },
                    },
                },
            }
        )


def test_shipped_scenarios_start_their_paths_from_the_2025_observations():
    """The scenario's own assumptions at the base year are the observed shares (not a copy of history)."""
    ds = run("baseline")
    observed = {pt: _observed("wholesales_by_powertrain_reported", 2025, pt) for pt in ("BEV", "HEV", "PHEV")}
    cars_2025 = float(ds["sales_total"].sel(segment="cars", year=2025))
    for pt, units in observed.items():  # the baseline holds the mix: 2026 = the observed 2025 share
        share = float(ds["sales_share"].sel(segment="cars", powertrain=pt, year=2026))
        assert share == pytest.approx(units / cars_2025, abs=5e-4), pt
    e_share = float(ds["sales_share"].sel(segment="motorcycles", powertrain="BEV", year=2026))
    assert e_share == pytest.approx(
        _observed("e_motorcycle_sales", 2025) / _observed("motorcycle_sales", 2025), abs=5e-5
    )


def test_a_path_point_that_contradicts_an_observation_is_noted():
    content = load_scenario("baseline").model_dump(mode="python")
    content["segments"]["cars"]["powertrains"]["BEV"]["share"] = {2025: 0.5}
    ds = run(Scenario.model_validate(content))
    found = json.loads(ds.attrs["notes"])["cars"]["departs_from_observations"]
    assert [(d["field"], d["year"], d["scenario"]) for d in found] == [
        ("segments.cars.powertrains.BEV.share", 2025, 0.5)
    ]


# --- fuel use and CO2 against the reference series -------------------------------------------------


def test_fuel_reconciliation_converts_and_adds_up_the_reference(synthetic, tmp_path):
    from motorisasi.scenario.reconcile import fuel_reconciliation

    folder = tmp_path / "fuel"
    folder.mkdir()
    (folder / "sources.csv").write_bytes((synthetic / "sources.csv").read_bytes())
    with (folder / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("syn-2,test,a second synthetic report,,,2026-01-01,\n")
        f.write("syn-3,test,a third synthetic report,,,2026-01-01,\n")
    rows = list(csv.DictReader((synthetic / "values.csv").open(encoding="utf-8")))
    rows += [
        _value_row("fuel_density_unsd__motor_gasoline", "", 750.0, "kg per m3"),
        _value_row("pertalite_national_consumption_esdm", 2020, 10.0, "million kL"),
        _value_row("jbkp_premium_realised_volume_bphmigas", 2020, 2.0, "million kL"),
        _value_row("pertalite_national_consumption_esdm", 2021, 8.0, "million kL"),  # Premium missing
        _value_row("pertalite_national_consumption_esdm", 2022, 8.0, "million kL"),  # three reports:
        {**_value_row("pertalite_national_consumption_esdm", 2022, 9.5, "million kL"), "source_id": "syn-2"},
        {**_value_row("pertalite_national_consumption_esdm", 2022, 9.0, "million kL"), "source_id": "syn-3"},
        {**_value_row("pertalite_national_consumption_esdm", 2023, 50.0, "million kL"), "flag": "projected"},
        _value_row("transport_co2_climatewatch", 2018, 0.0, "Mt CO2"),  # nothing to compare with
        _value_row("transport_co2_climatewatch", 2019, 100.0, "Mt CO2"),
    ]
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=data_schema.VALUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    ds = run(synthetic_scenario(), data_dir=folder)
    found = {(c.quantity, c.year): c for c in fuel_reconciliation(ds, folder)}
    # 2021 lacks Premium, still sold then; 2023 has only a projection; 2018's reference is zero.
    assert {k for k in found if not k[0].startswith("road_")} == {
        ("gasoline", 2020),
        ("gasoline", 2022),
        ("co2", 2019),
    }
    # Volume from energy: PJ x 1e9 MJ / 44.3 MJ/kg / 750 kg/m3 = m3; / 1e6 = million kL.
    for year, reference in ((2020, 12.0), (2022, 9.0)):  # 2022: the report nearest the median
        pj = float(ds["energy"].sel(fuel="gasoline", year=year).sum())
        assert found[("gasoline", year)].modelled == pytest.approx(pj * 1e9 / 44.3 / 750.0 / 1e6, rel=1e-9)
        assert found[("gasoline", year)].reference == reference
    assert found[("gasoline", 2022)].series == ("pertalite_national_consumption_esdm",)
    co2 = found[("co2", 2019)]
    assert (
        co2.modelled == pytest.approx(float(ds["co2_ttw"].sel(year=2019).sum()))
        and co2.ratio == co2.modelled / 100
    )
    result = runner.invoke(app, ["calibrate", "--energy", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)["comparisons"]
    assert {r["quantity"] for r in rows} == {
        "gasoline",
        "diesel",
        "co2",
        "road_gasoline",
        "road_diesel",
        "road_co2",
    }


def test_history_energy_joins_the_projection_and_counts_the_electric_cars_sold():
    ds = run("baseline")
    for fuel in ("gasoline", "diesel"):
        past, next_year = (float(ds["energy"].sel(fuel=fuel, year=y).sum()) for y in (2025, 2026))
        assert abs(next_year / past - 1) < 0.03, fuel  # one year of flat sales moves little
    # Electric cars sold 2021-2025 (about 175,000) use electricity in the history years.
    bev = float(ds["energy"].sel(segment="cars", fuel="electricity", year=2025))
    assert bev > 0 and float(ds["energy"].sel(segment="cars", fuel="electricity", year=2020)) < bev / 10
