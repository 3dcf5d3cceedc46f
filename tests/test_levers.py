"""Levers: a scenario's few movable numbers, set and validated as a scenario file is."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motorisasi.scenario.levers import BY_KEY, LEVERS, apply_levers, levers_for
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import ScenarioError, load_scenario


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline")


def test_the_levers_of_each_shipped_scenario_are_its_own_numbers(baseline):
    found = levers_for(baseline)
    assert found["cars_sales_growth"] == baseline.segments["cars"].demand.growth_pct
    assert found["income_growth"] == baseline.drivers.income_growth_pct
    assert found["cars_lifetime"] == baseline.segments["cars"].lifetime.mean_years
    assert found["crude_price"] == baseline.industry.fiscal.crude_usd_per_bbl[2025]
    assert "cars_target" not in found  # the baseline's car demand is a growth rate, not a target
    target = levers_for(load_scenario("target-150"))
    assert "cars_target" in target and "cars_sales_growth" not in target


def test_a_sales_growth_lever_grows_sales_as_compound_interest(baseline):
    moved = apply_levers(baseline, {"cars_sales_growth": 5.0})
    ds = run(moved)
    base = int(ds.attrs["base_year"])
    sales = ds["sales_total"].sel(segment="cars")
    expected = float(sales.sel(year=base)) * 1.05 ** (2030 - base)
    assert float(sales.sel(year=2030)) == pytest.approx(expected, rel=1e-12)
    # Everything else is the scenario as it was: the motorcycles do not move.
    before = run(baseline)["sales_total"].sel(segment="motorcycles").values
    np.testing.assert_array_equal(ds["sales_total"].sel(segment="motorcycles").values, before)


def test_a_moved_lever_carries_its_own_reason(baseline):
    moved = apply_levers(baseline, {"crude_price": 100.0, "cars_lifetime": 18.0})
    assert moved.industry.fiscal.crude_usd_per_bbl == {2025: 100.0}
    assert "100 US$/bbl" in moved.industry.fiscal.crude_reason and "82" in moved.industry.fiscal.crude_reason
    assert "18 years" in moved.segments["cars"].lifetime.reason
    unmoved = apply_levers(baseline, {"crude_price": 82.0})
    assert unmoved.industry.fiscal.crude_reason == baseline.industry.fiscal.crude_reason


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"cars_sales_growth": 31.0}, "outside -10-30"),
        ({"cars_sales_growth": math.nan}, "outside"),
        ({"cars_target": 150.0}, "does not apply"),
        ({"no_such_lever": 1.0}, "unknown"),
    ],
)
def test_a_bad_lever_value_is_refused_in_one_line(baseline, values, words):
    with pytest.raises(ScenarioError) as caught:
        apply_levers(baseline, values)
    assert words in str(caught.value) and "\n" not in str(caught.value)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_every_lever_reads_back_what_it_was_set_to(baseline, data):
    key = data.draw(st.sampled_from([k for k in levers_for(baseline)]))
    lever = BY_KEY[key]
    steps = round((lever.high - lever.low) / lever.step)
    value = lever.low + lever.step * data.draw(st.integers(0, steps))
    moved = apply_levers(baseline, {key: value})
    assert levers_for(moved)[key] == pytest.approx(value, rel=1e-12, abs=1e-12)
    others = {k: v for k, v in levers_for(moved).items() if k != key}
    assert others == {k: v for k, v in levers_for(baseline).items() if k != key}


def test_every_lever_has_a_range_that_holds_its_shipped_values():
    for name in ("baseline", "target-150", "ev-roadmap"):
        for key, value in levers_for(load_scenario(name)).items():
            lever = BY_KEY[key]
            assert lever.low <= value <= lever.high, (name, key, value)
            assert lever.step > 0 and lever.low < lever.high
    assert len({lever.key for lever in LEVERS}) == len(LEVERS)


def test_the_grid_lever_starts_from_the_data_and_draws_a_straight_line(baseline):
    ds = run(baseline)
    assert "grid_co2_end" not in levers_for(baseline)  # its value comes from the data: a run is needed
    start = levers_for(baseline, ds)["grid_co2_end"]
    assert start == float(ds["grid_intensity"].sel(year=2060))
    moved = run(apply_levers(baseline, {"grid_co2_end": 300.0}))
    grid = moved["grid_intensity"]
    observed = grid.sel(year=slice(None, int(ds.attrs["base_year"]))).dropna("year")
    last = int(observed["year"].values[-1])
    held = float(observed.isel(year=-1))
    expected_2040 = held + (300.0 - held) * (2040 - last) / (2060 - last)
    assert float(grid.sel(year=2060)) == 300.0
    assert float(grid.sel(year=2040)) == pytest.approx(expected_2040, rel=1e-12)


def test_the_removal_rate_lever_replaces_the_fitted_rate(baseline):
    import json

    ds = run(baseline)
    fitted = json.loads(ds.attrs["register"])["cars"]["removal_rate_per_year"]
    assert levers_for(baseline, ds)["cars_removal_rate"] == pytest.approx(100 * fitted)
    moved = run(apply_levers(baseline, {"cars_removal_rate": 1.0}))
    register = json.loads(moved.attrs["register"])["cars"]
    assert register["model"] == "rate" and register["removal_rate_per_year"] == 0.01
    # Fewer removals than the fitted 2.6 %/yr keep more cars registered.
    assert moved["registered_stock"].sel(segment="cars", year=2040) > ds["registered_stock"].sel(
        segment="cars", year=2040
    )


def test_a_target_and_its_year_move_together_and_both_say_so():
    sc = load_scenario("target-150")
    moved = apply_levers(sc, {"cars_target": 150.0, "cars_target_by": 2035.0})
    demand = moved.segments["cars"].demand
    assert (demand.per_1000, demand.by) == (150.0, 2035)
    assert "150 per 1,000" in demand.reason and "2035 year" in demand.reason
    ds = run(moved)
    per_1000 = 1000 * ds["registered_stock"].sel(segment="cars", year=2035) / ds["population"].sel(year=2035)
    assert float(per_1000) == pytest.approx(150.0, rel=1e-9)  # the stock model inverted for it


def test_a_target_in_the_last_year_is_reached_then(baseline):
    sc = load_scenario("target-150")
    ds = run(apply_levers(sc, {"cars_target_by": 2060.0}))
    per_1000 = 1000 * ds["registered_stock"].sel(segment="cars", year=2060) / ds["population"].sel(year=2060)
    assert float(per_1000) == pytest.approx(sc.segments["cars"].demand.per_1000, rel=1e-9)


def test_a_moved_lever_drops_the_draws_of_its_number(baseline):
    moved = apply_levers(baseline, {"cars_lifetime": 30.0, "income_growth": 5.0})
    assert "segments.cars.lifetime.mean_years" in baseline.uncertainty
    assert "segments.cars.lifetime.mean_years" not in moved.uncertainty
    assert "drivers.income_growth_pct" not in moved.uncertainty
    assert "segments.cars.lifetime.std_years" in moved.uncertainty  # not a lever: its draws stay


@pytest.mark.parametrize("value", [True, "5", None, [1.0]])
def test_a_lever_value_must_be_a_number(baseline, value):
    with pytest.raises(ScenarioError, match="a number is needed"):
        apply_levers(baseline, {"income_growth": value})
