"""Thailand, the second country: its data, its shipped baseline, its backtest and the comparison
with Indonesia."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from motorisasi.data.recipes import RECIPES, _raw_store, to_rows
from motorisasi.data.store import open_data, series_values
from motorisasi.outputs.cli import app
from motorisasi.scenario.schema import ScenarioError, baseline_for, load_scenario, needs_scenario

runner = CliRunner()
THA = "THA"


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    v = open_data().values
    return v[(v["country"] == THA) & (v["region"] == "")]


@pytest.fixture(scope="module")
def run():
    from motorisasi import run as run_scenario

    return run_scenario("thailand-baseline")


def _raw(values, series: str, category: str = "") -> pd.Series:
    rows = values[(values["series"] == series) & (values["category"] == category)]
    return rows.set_index(rows["year"].astype(int))["value"].astype(float)


def _classes(values, year: int) -> dict[str, float]:
    rows = values[(values["series"] == "new_registrations_by_class_tha_dlt") & (values["year"] == year)]
    return dict(zip(rows["category"], rows["value"].astype(float), strict=True))


def test_stored_thai_series_equal_a_fresh_build():
    recipe, name = RECIPES[THA]
    store = _raw_store()
    fresh = to_rows(recipe(store), store, THA).set_index(["series", "year"]).sort_index()
    stored = open_data().values
    stored = (
        stored[stored["_file"] == name].astype({"year": "int64"}).set_index(["series", "year"]).sort_index()
    )
    assert list(fresh.index) == list(stored.index)
    np.testing.assert_allclose(fresh["value"].astype(float), stored["value"], rtol=1e-9, atol=0.5)
    assert (fresh["flag"] == stored["flag"]).all()


def test_published_thai_figures():
    """Figures as their publishers print them (DLT/MOT open data, Toyota Motor Thailand, UN WPP)."""
    for series, year, published in (
        ("motorcycles_registered", 2025, 23_275_643),  # MOT open data, RY12 + RY17
        ("light_vehicles_registered", 2025, 12_977_455 + 6_980_358),  # cars RY1+RY2 + pick-ups RY3
        ("car_sales", 2019, 1_007_552),  # TMT, 2019 market result
        ("car_sales", 2025, 621_166),  # FTI
        ("motorcycle_sales", 2025, 1_928_973 + 1_161),  # DLT first registrations RY12 + RY17
    ):
        assert series_values(series, THA).at(year) == published, (series, year)
    un = series_values("population_un_wpp2024", THA)
    assert un.at(2024) == 71_668_010 and un.at(2060) == 61_977_024


def test_the_dlt_sums_are_the_sums_of_their_classes(values):
    for year in (2022, 2023, 2024, 2025):
        by_class = _classes(values, year)
        assert len(by_class) == 21  # RY1-RY17 without RY5, and the Land Transport Act's five
        assert _raw(values, "new_registrations_total_tha_dlt")[year] == sum(by_class.values())
        ry = {k.split(" ")[0]: v for k, v in by_class.items() if k.startswith("RY")}
        assert _raw(values, "motorcycle_new_registrations_tha_dlt")[year] == ry["RY12"] + ry["RY17"]
        assert (
            _raw(values, "light_vehicle_new_registrations_tha_dlt")[year] == ry["RY1"] + ry["RY2"] + ry["RY3"]
        )
    light = _raw(values, "light_vehicles_registered_tha_dlt")
    parts = _raw(values, "passenger_cars_registered_tha_dlt") + _raw(values, "pickups_registered_tha_dlt")
    pd.testing.assert_series_equal(light, parts.loc[light.index], check_names=False)


def test_ato_copies_the_dlt_motorcycles_except_its_2016_figure(values):
    dlt = _raw(values, "motorcycles_registered_tha_dlt")
    ato = _raw(values, "motorcycles_registered_ato")
    years = range(2017, 2022)
    assert (dlt.loc[years] == ato.loc[years]).all()
    assert ato[2016] - dlt[2016] == 1_786_200  # the copy's 2016 figure, left out of the harmonised series
    assert series_values("motorcycles_registered", THA).at(2016) == dlt[2016]


def test_the_scenario_numbers_follow_from_the_data(values):
    """The shares and rates the scenario writes down, recomputed here from the embedded rows."""
    sc = load_scenario("thailand-baseline")
    four_wheel, light = [], []
    for year in (2022, 2023, 2024, 2025):
        by_class = _classes(values, year)
        ry = {k.split(" ")[0]: v for k, v in by_class.items() if k.startswith("RY")}
        lta = sum(v for k, v in by_class.items() if k.startswith("LTA"))
        four_wheel.append(
            sum(ry[k] for k in ("RY1", "RY2", "RY3", "RY6", "RY7", "RY9", "RY10", "RY11")) + lta
        )
        light.append(ry["RY1"] + ry["RY2"] + ry["RY3"])
    assert sc.segments["cars"].sales_share == pytest.approx(np.mean(np.array(light) / four_wheel), abs=5e-4)
    # Powertrain shares are of the segment's sales: its share of the industry's four-wheel sales.
    segment_sales = sc.segments["cars"].sales_share * series_values("car_sales", THA).at(2025)
    for powertrain in ("HEV", "PHEV", "BEV"):
        registered = _raw(values, f"{powertrain.lower()}_car_new_registrations_tha_evat")[2025]
        share = sc.segments["cars"].powertrains[powertrain].share[2025]
        assert share == pytest.approx(registered / segment_sales, abs=5e-5), powertrain
    income = series_values("gdp_per_capita_ppp", THA)
    growth = 100 * ((income.at(2024) / income.at(2010)) ** (1 / 14) - 1)
    assert sc.drivers.income_growth_pct == pytest.approx(growth, abs=0.05)
    made, exported = (
        _raw(values, "vehicle_production_tha_fti")[2025],
        _raw(values, "vehicle_exports_cbu_tha_fti")[2025],
    )
    sold = series_values("car_sales", THA).at(2025)
    share = sc.industry.groups["four_wheel"].import_share[2025]
    assert share == pytest.approx((sold - (made - exported)) / sold, abs=5e-4)


def test_the_run_reproduces_the_observed_years(run):
    assert run.attrs["country"] == THA
    base = int(run.attrs["base_year"])
    assert base == 2025
    for segment, series in (("cars", "light_vehicles_registered"), ("motorcycles", "motorcycles_registered")):
        observed = series_values(series, THA)
        years = [int(y) for y in run["year"].values if y <= base]
        modelled = run["registered_stock"].sel(segment=segment, year=years).values
        np.testing.assert_allclose(modelled, [observed.at(y) for y in years], rtol=1e-9)
    cars = series_values("car_sales", THA)
    years = list(range(2012, base + 1))
    np.testing.assert_allclose(
        run["sales_total"].sel(segment="cars", year=years).values,
        [0.907 * cars.at(y) for y in years],
        rtol=1e-9,
    )
    motorcycles = series_values("motorcycle_sales", THA)
    years = list(range(2019, base + 1))
    np.testing.assert_allclose(
        run["sales_total"].sel(segment="motorcycles", year=years).values,
        [motorcycles.at(y) for y in years],
        rtol=1e-9,
    )
    people = series_values("population", THA)
    np.testing.assert_allclose(run["population"].sel(year=2040), people.at(2040), rtol=1e-12)
    # Observed production and exports stay as published in the base year.
    group = run.sel(industry_group="four_wheel", year=base)
    assert float(group["production"]) == 1_455_569 and float(group["exports"]) == 956_230


def test_the_register_calibration_fits_thailand(run):
    register = json.loads(run.attrs["register"])
    # Cars: removals as the register's changes 2013-2025 show them, a few percent a year.
    assert 0.03 < register["cars"]["removal_rate_per_year"] < 0.05
    # Motorcycles: registrations lapse after three unpaid years, so out-of-use motorcycles go fast.
    assert register["motorcycles"]["removal_rate_per_year"] > 0.4


def test_baseline_for_a_country():
    assert baseline_for("THA") == "thailand-baseline"
    assert baseline_for("idn") == "baseline"
    assert needs_scenario("THA", None) == "thailand-baseline"
    assert needs_scenario("XXA", None) == "baseline"
    assert needs_scenario("THA", "ev-roadmap") == "ev-roadmap"
    with pytest.raises(ScenarioError, match="no shipped baseline scenario for country 'VNM'"):
        baseline_for("VNM")


def test_backtest_country_scores_thailand_like_indonesia():
    out = runner.invoke(app, ["backtest", "--country", "THA", "--json"], terminal_width=200)
    assert out.exit_code == 0, out.output
    scores = json.loads(out.output)
    assert scores["scenario"] == "thailand-baseline"
    assert set(scores["headline"]) == {"four_wheel", "motorcycles"}  # Thailand has no separate 'cars'
    for target in ("four_wheel", "motorcycles"):
        head = scores["headline"][target]
        assert head["forecasts"] > 0
        assert np.isfinite(head["mape"]["calibrated"]) and np.isfinite(head["mape"]["random_walk_drift"])
    bad = runner.invoke(app, ["backtest", "--country", "VNM"])
    assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1


def test_compare_states_how_the_countries_differ():
    out = runner.invoke(
        app,
        [
            "compare",
            "baseline",
            "thailand-baseline",
            "--indicators",
            "in use per 1,000,per person",
            "--years",
            "2030",
        ],
        env={"COLUMNS": "250"},
    )
    assert out.exit_code == 0, out.output
    text = out.output
    assert "baseline (IDN)" in text and "thailand-baseline (THA)" in text
    assert "4-wheel+ vehicles in use per 1,000 (modelled)" in text
    assert "CO2 incl. electricity per person, t" in text
    assert "whose registers count vehicles differently" in text
    assert "- THA: cars, pick-ups and vans (DLT classes RY1-RY3)" in text
    assert "THA, observed: road CO2 in 2022 was 0.99 t per person (71 Mt)" in text
    assert "IDN, observed: road CO2 in 2022 was 0.53 t per person (148 Mt)" in text
    one = runner.invoke(app, ["compare", "baseline", "ev-roadmap", "--years", "2030"], env={"COLUMNS": "250"})
    assert one.exit_code == 0
    assert "per person" not in one.output and "registers count vehicles differently" not in one.output
    csv = runner.invoke(
        app,
        ["compare", "baseline", "thailand-baseline", "--years", "2030", "--format", "csv", "--lang", "id"],
    )
    assert csv.exit_code == 0, csv.output
    assert "emisi CO2 termasuk listrik per orang, ton" in csv.output


def test_observed_road_co2_on_one_definition():
    """The APEC balance's 2022 road fuels (19THA rows, PJ) times the IPCC 2006 defaults (kg/TJ)."""
    from motorisasi.scenario.fuel_calibration import observed_road_co2

    year, mt = observed_road_co2(THA)
    expected = (315.451285 * 69_300 + 631.874489 * 74_100 + 45.175572 * 56_100) * 1e3 / 1e9  # PJ x kg/TJ
    assert year == 2022 and mt == pytest.approx(expected, rel=1e-12)
    assert observed_road_co2("JPN") is None  # no road fuels in the data: no figure
