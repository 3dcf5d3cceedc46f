"""Scenario files and runs: schema errors, hand calculations, invariants, outputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from motorisasi.data import schema as data_schema
from motorisasi.outputs.cli import app
from motorisasi.outputs.export import IAMC_COLUMNS, iamc, write_all
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import LIBRARY, Scenario, ScenarioError, load_scenario
from motorisasi.scenario.steps.checks import RunCheckError, check

runner = CliRunner()


@pytest.fixture(scope="module")
def baseline():
    return run("baseline")


def test_baseline_has_the_promised_dimensions_variables_and_metadata(baseline):
    ds = baseline
    assert set(ds.dims) >= {"year", "segment", "powertrain", "fuel"}
    for name in (
        "population",
        "gdp_per_capita",
        "ownership_per_1000",
        "stock",
        "sales",
        "retirements",
        "average_fleet_age",
        "sales_share",
        "vkt",
        "energy",
        "co2_ttw",
        "co2_wtw",
    ):
        assert name in ds, name
    for name, da in ds.data_vars.items():
        assert da.attrs.get("units") and da.attrs.get("long_name"), name
    scenario = json.loads(ds.attrs["scenario"])
    assert scenario["name"] == "baseline"
    sources = json.loads(ds.attrs["sources"])
    assert "ipcc-01" in sources and "bps-02" in sources
    assert set(json.loads(ds.attrs["data_series"])) >= {
        "population",
        "car_sales",
        "passenger_cars_registered",
    }


def test_history_is_the_data_and_the_base_year_links_to_the_projection(baseline):
    from motorisasi.data import load

    assert baseline.attrs["base_year"] == 2025  # the latest year of data
    cars = baseline["registered_stock"].sel(segment="cars")
    assert float(cars.sel(year=2024)) == load("passenger_cars_registered").loc[2024, "value"]
    motos = baseline["sales_total"].sel(segment="motorcycles")
    assert float(motos.sel(year=2025)) == load("motorcycle_sales").loc[2025, "value"]
    # In the baseline, sales stay at their 2025 level.
    np.testing.assert_allclose(motos.sel(year=slice(2026, 2060)), float(motos.sel(year=2025)))


def test_run_checks_catch_a_broken_balance(baseline):
    broken = baseline.copy(deep=True)
    broken["retirements"].loc[{"segment": "cars", "powertrain": "ICE", "year": 2030}] += 1000.0
    with pytest.raises(RunCheckError, match="mass balance"):
        check(broken)
    shares = baseline.copy(deep=True)
    shares["sales_share"].loc[{"segment": "cars", "powertrain": "BEV", "year": 2040}] += 0.1
    with pytest.raises(RunCheckError, match="shares"):
        check(shares)


@pytest.mark.parametrize(
    ("variable", "where", "change", "words"),
    [
        ("register_removals", {"segment": "commercial", "year": 2031}, 50.0, "mass balance of the register"),
        ("stock", {"segment": "motorcycles", "powertrain": "BEV", "year": 2040}, 10.0, "does not add up"),
        ("energy_unexplained", {"fuel": "diesel", "year": 2017}, 1.0, "unexplained energy"),
        ("local_assembly", {"year": 2033}, 100.0, "domestic sales differ"),
        ("exports", {"year": 2033}, 100.0, "production differs"),
    ],
)
def test_every_run_check_catches_its_own_breakage(baseline, variable, where, change, words):
    broken = baseline.copy(deep=True)
    where = {
        **where,
        **(
            {"industry_group": broken["industry_group"].values[0]}
            if variable in ("local_assembly", "exports")
            else {}
        ),
    }
    broken[variable].loc[where] += change
    with pytest.raises(RunCheckError, match=words):
        check(broken)
    check(baseline)  # the untouched run passes


def test_negative_removals_and_stock_are_caught(baseline):
    removals = baseline.copy(deep=True)
    # A negative removal balanced by the register so that only the sign check fails.
    cut = float(removals["register_removals"].sel(segment="cars", year=2045)) + 1e4
    removals["register_removals"].loc[{"segment": "cars", "year": 2045}] = -1e4
    removals["registered_stock"].loc[{"segment": "cars", "year": slice(2045, None)}] += cut
    with pytest.raises(RunCheckError, match="negative removals"):
        check(removals)
    stock = baseline.copy(deep=True)
    # Negative stock of one powertrain, balanced by another, so that only the sign check fails.
    stock["stock"].loc[{"segment": "cars", "powertrain": "BEV", "year": 2050}] = -5e3
    other = float(baseline["stock"].sel(segment="cars", powertrain="BEV", year=2050)) + 5e3
    stock["stock"].loc[{"segment": "cars", "powertrain": "ICE", "year": 2050}] += other
    with pytest.raises(RunCheckError, match="negative stock"):
        check(stock)


# --- a tiny country for hand calculations ------------------------------------------------------


def _write(path: Path, rows: list[dict], columns) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def tiny_country(root: Path, fleet: float = 1000.0, sales: float = 0.0, grid: float = 500.0) -> Path:
    """Country XYZ: a constant registered fleet, constant sales, population 1 million."""
    root.mkdir(parents=True, exist_ok=True)
    _write(
        root / "sources.csv",
        [
            {
                "source_id": "test-1",
                "publisher": "test",
                "citation": "synthetic data for tests",
                "url": "",
                "table": "",
                "accessed": "2026-01-01",
                "licence": "",
            }
        ],
        data_schema.SOURCE_COLUMNS,
    )
    rows = []

    def add(series, year, value, unit):
        rows.append(
            {
                "country": "XYZ",
                "region": "",
                "series": series,
                "category": "",
                "year": year,
                "value": value,
                "unit": unit,
                "source_id": "test-1",
                "flag": "observed",
                "note": "",
            }
        )

    for year in range(1990, 2061):
        add("population", year, 1e6, "persons")
    for year in range(1990, 2025):
        add("gdp_per_capita_ppp", year, 10_000, "constant 2021 international $")
        add("passenger_cars_registered", year, fleet, "vehicles")
    for year in range(2000, 2025):
        add("car_sales", year, sales, "vehicles")
    for year in range(2000, 2024):
        add("electricity_carbon_intensity_ember", year, grid, "gCO2 per kWh")
    add("ipcc_fuel__co2_ef_motor_gasoline", "", 69_300, "kg CO2 per TJ")
    add("ipcc_fuel__co2_ef_gas_diesel_oil", "", 74_100, "kg CO2 per TJ")
    add("ipcc_fuel__ncv_motor_gasoline", "", 44.3, "MJ per kg")
    add("ipcc_fuel__ncv_gas_diesel_oil", "", 43.0, "MJ per kg")
    _write(root / "values.csv", rows, data_schema.VALUE_COLUMNS)
    return root


def tiny_scenario(fuel: str = "gasoline", intensity: float = 2.0, km: float = 10_000.0, **energy) -> Scenario:
    return Scenario.model_validate(
        {
            "name": "tiny",
            "country": "XYZ",
            "years": {"history_start": 2020, "base": 2024, "end": 2030},
            "segments": {
                "cars": {
                    "label": "cars",
                    "stock_series": ["passenger_cars_registered"],
                    "sales_series": "car_sales",
                    "lifetime": {"distribution": "fixed", "mean_years": 190, "std_years": 1},
                    "demand": {"type": "sales_growth", "growth_pct": 0},
                    "km_per_year": km,
                    "residual_powertrain": "ICE",
                    "energy": {"ICE": {"fuel": fuel, "intensity_mj_per_km": intensity}},
                }
            },
            "energy": energy,
        }
    )


def test_energy_and_co2_of_a_constant_fleet_match_a_hand_calculation(tmp_path):
    """1,000 cars x 10,000 km x 2 MJ/km = 20 TJ of gasoline a year = 1.386 kt CO2; 0.4515 kt of fuel."""
    ds = run(tiny_scenario(), data_dir=tiny_country(tmp_path / "xyz"))
    future = ds.sel(year=slice(2025, 2030), segment="cars")
    np.testing.assert_allclose(future["stock"].sum("powertrain"), 1000.0, rtol=1e-12)
    np.testing.assert_allclose(future["energy"].sel(fuel="gasoline"), 20e6 / 1e9, rtol=1e-12)  # PJ
    np.testing.assert_allclose(future["co2_ttw"], 20 * 69_300 / 1e9, rtol=1e-12)  # Mt
    np.testing.assert_allclose(future["co2_wtw"], future["co2_ttw"], rtol=1e-12)
    np.testing.assert_allclose(future["fuel_mass"].sel(fuel="gasoline"), 20e6 / 44.3 / 1e6, rtol=1e-12)  # kt
    np.testing.assert_allclose(future["vkt"].sum("powertrain"), 1000 * 10_000 / 1e9, rtol=1e-12)
    np.testing.assert_allclose(future["unremoved_registrations"], 0.0, atol=1e-6)
    # The history years too: the fleet rebuilt from sales drives the same 20 TJ a year.
    past = ds.sel(year=slice(2020, 2024), segment="cars")
    np.testing.assert_allclose(past["energy"].sel(fuel="gasoline"), 20e6 / 1e9, rtol=1e-12)
    np.testing.assert_allclose(past["co2_ttw"], 20 * 69_300 / 1e9, rtol=1e-12)


def test_electric_fleet_counts_grid_co2_with_charging_losses(tmp_path):
    sc = tiny_scenario(fuel="electricity", intensity=0.54, charging_loss=0.1)
    ds = run(sc, data_dir=tiny_country(tmp_path / "xyz", grid=500.0))
    kwh = 1000 * 10_000 * 0.54 / 3.6 / 0.9
    future = ds.sel(year=slice(2025, 2030), segment="cars")
    np.testing.assert_allclose(future["electricity"], kwh / 1e6, rtol=1e-12)  # GWh
    np.testing.assert_allclose(future["co2_ttw"], 0.0)
    np.testing.assert_allclose(future["co2_wtw"], kwh * 0.5 / 1e9, rtol=1e-12)  # 500 g/kWh


def test_biodiesel_share_does_not_count_as_co2(tmp_path):
    sc = tiny_scenario(fuel="diesel", biodiesel_blend_pct={2020: 30})
    ds = run(sc, data_dir=tiny_country(tmp_path / "xyz"))
    np.testing.assert_allclose(
        ds["co2_ttw"].sel(segment="cars", year=2026), 20 * 74_100 * 0.7 / 1e9, rtol=1e-12
    )


# --- invariants on random variants of the baseline ---------------------------------------------


@settings(max_examples=15, deadline=None)
@given(
    # 10 %/yr for 36 years keeps ownership below the 2,000 per 1,000 a run accepts.
    growth=st.floats(-10, 10),
    mean=st.floats(8, 30),
    bev_2040=st.floats(0, 1),
    hev_2040=st.floats(0, 1),
    demand=st.sampled_from(["sales_growth", "ownership_path"]),
)
def test_every_run_keeps_mass_balance_and_share_sums(growth, mean, bev_2040, hev_2040, demand):
    content = load_scenario("baseline").model_dump(mode="python")
    cars = content["segments"]["cars"]
    cars["lifetime"] = {"distribution": "normal", "mean_years": mean, "std_years": mean / 3}
    cars["demand"] = (
        {"type": "sales_growth", "growth_pct": growth}
        if demand == "sales_growth"
        else {"type": "ownership_path", "per_1000": {2040: 75 + abs(growth), 2060: 150}}
    )
    cars["powertrains"]["BEV"] = {"type": "path", "share": {2025: 0.17, 2040: bev_2040}}
    cars["powertrains"]["HEV"] = {
        "type": "logistic",
        "midpoint_year": 2035,
        "steepness_per_year": 0.3,
        "ceiling": hev_2040,
    }
    ds = run(Scenario.model_validate(content))  # run() calls check(), which raises on a violation
    shares = ds["sales_share"].sel(year=slice(2025, None)).sum("powertrain")
    np.testing.assert_allclose(shares, 1.0, atol=1e-12)
    assert float(ds["stock"].min()) >= -1e-6


# --- scenario files ---------------------------------------------------------------------------


def _scenario_file(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BASE = (LIBRARY / "baseline.yaml").as_posix()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name: [unclosed", "not valid YAML"),
        (f"extends: {BASE}\nname: x\ncolour: red\n", "colour: Extra inputs are not permitted"),
        (
            f"extends: {BASE}\nname: x\nsegments: {{cars: {{powertrains: "
            "{BEV: {type: path, share: {2030: 1.5}}}}}\n",
            "segments.cars.powertrains.BEV.path.share.2030",
        ),
        (
            f"extends: {BASE}\nname: x\nsegments: {{cars: {{lifetime: {{mean_years: 0}}}}}}\n",
            "segments.cars.lifetime.mean_years",
        ),
        (
            f"extends: {BASE}\nname: x\nsegments: {{cars: {{demand: "
            "{type: ownership_path, per_1000: {2070: 150}}}}\n",
            "outside the projection",
        ),
        ("extends: nowhere.yaml\nname: x\n", "does not exist"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_malformed_scenarios_give_one_line_errors_naming_file_field_and_value(tmp_path, text, words):
    path = _scenario_file(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    assert words in message
    result = runner.invoke(app, ["run", str(path), "--no-files"])
    assert result.exit_code == 2
    assert result.output.startswith("error: ")


def test_values_are_shown_in_errors(tmp_path):
    path = _scenario_file(tmp_path, f"extends: {BASE}\nname: x\ncountry: indonesia\n")
    with pytest.raises(ScenarioError, match=r"country: .*\(got 'indonesia'\)"):
        load_scenario(path)


def test_extends_overrides_only_what_changes(tmp_path):
    path = _scenario_file(
        tmp_path,
        f"extends: {BASE}\nname: faster\nsegments: {{cars: {{demand: "
        f"{{type: sales_growth, growth_pct: 5}}}}}}\n",
    )
    child, parent = load_scenario(path), load_scenario("baseline")
    assert child.name == "faster"
    assert child.segments["cars"].demand.growth_pct == 5
    assert child.segments["cars"].energy == parent.segments["cars"].energy
    assert child.segments["motorcycles"] == parent.segments["motorcycles"]


# --- outputs ----------------------------------------------------------------------------------


def test_outputs_are_written_and_identical_across_runs(tmp_path, baseline):
    first = write_all(baseline, tmp_path / "a")
    second = write_all(run("baseline"), tmp_path / "b")
    for key, path in first.items():
        assert path.stat().st_size > 0
        assert path.read_bytes() == second[key].read_bytes(), key
    assert not list((tmp_path / "a").glob(".*tmp"))


def test_iamc_file_follows_the_format(tmp_path, baseline):
    table = iamc(baseline)
    assert tuple(table.columns[:5]) == IAMC_COLUMNS
    years = [int(c) for c in table.columns[5:]]
    assert years == sorted(years) and years[0] == 2000 and years[-1] == 2060
    assert not table.duplicated(list(IAMC_COLUMNS[:4])).any()
    assert set(table["model"]) == {"motorisasi"} and set(table["region"]) == {"IDN"}
    assert all(v.count("|") >= 0 and v.strip() == v for v in table["variable"])
    assert table.iloc[:, 5:].apply(lambda col: col.dropna().map(lambda x: isinstance(x, float)).all()).all()
    assert "Stocks|Transportation|Passenger cars|Battery-Electric" in set(table["variable"])


def test_netcdf_and_excel_read_back(tmp_path, baseline):
    import openpyxl
    import xarray as xr

    paths = write_all(baseline, tmp_path)
    back = xr.open_dataset(paths["netcdf"], engine="scipy")
    np.testing.assert_allclose(back["co2_wtw"].values, baseline["co2_wtw"].values, equal_nan=True)
    assert back.attrs["scenario_name"] == "baseline"
    book = openpyxl.load_workbook(paths["xlsx"], read_only=True)
    assert {"fleet", "sales", "energy", "emissions", "assumptions", "sources"} <= set(book.sheetnames)
    rows = book["fleet"].iter_rows(values_only=True)
    header = next(rows)
    years = {row[header.index("year")] for row in rows}
    assert 2030 in years and all(isinstance(y, int) or y is None for y in years)


def test_cli_run_with_no_arguments_writes_everything(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "motorisasi-results").iterdir()}
    assert written == {"baseline.csv", "baseline_iamc.csv", "baseline.xlsx", "baseline.nc"}
    assert "CO2 tank-to-wheel, Mt" in result.output


def test_scenario_yaml_in_library_is_plain_yaml():
    for path in LIBRARY.glob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


# --- shipped scenarios ------------------------------------------------------------------------


def test_library_has_the_three_scenarios():
    from motorisasi.scenario.schema import library

    assert {"baseline", "target-150", "ev-roadmap"} <= set(library())


def test_target_150_reaches_150_four_wheelers_per_1000_in_2030():
    ds = run("target-150")
    four_wheel = ds["ownership_per_1000"].sel(segment=["cars", "commercial"], year=2030).sum()
    assert float(four_wheel) == pytest.approx(150.0, abs=0.1)
    assert float(ds["ownership_per_1000"].sel(segment=["cars", "commercial"], year=2029).sum()) < 150


def test_ev_roadmap_meets_its_targets_and_flags_what_does_not_fit():
    ds = run("ev-roadmap")
    e2w = float(ds["stock"].sel(segment="motorcycles", powertrain="BEV", year=2030))
    assert e2w == pytest.approx(13e6, rel=0.1)
    notes = json.loads(ds.attrs["notes"])
    assert 2035 in notes["cars"]["units_target_above_sales"]
    result = runner.invoke(app, ["run", "ev-roadmap", "--no-files"], env={"COLUMNS": "160"})
    assert "note: cars: absolute targets exceed total sales" in result.output


def test_ownership_model_demand_follows_income(tmp_path):
    text = (
        f"extends: {BASE}\nname: income\nsegments:\n  cars:\n    demand:\n"
        "      type: ownership_model\n      definition: passenger_cars\n"
    )
    path = _scenario_file(tmp_path, text)
    ds = run(load_scenario(path))
    cars = ds["ownership_per_1000"].sel(segment="cars", year=slice(2025, 2060)).values
    assert np.all(np.diff(cars) > 0)  # income grows 4 %/yr, so ownership rises
    assert cars[-1] < 1500


def test_ownership_model_draws_for_ensembles(tmp_path):
    """The hand-off to ensembles: draws of the ownership path from the fit's parameter
    distribution; each draw is the path of its own parameters, and they spread around the fit."""
    from dataclasses import replace

    from motorisasi.model.ownership_fit import parameter_draws
    from motorisasi.scenario.schema import OwnershipModel
    from motorisasi.scenario.steps.demand import _modelled_ownership, _ownership_fit, modelled_ownership_draws

    sc = load_scenario("baseline")
    demand = OwnershipModel(type="ownership_model", definition="passenger_cars")
    income = 14_470.0 * 1.04 ** np.arange(1, 16)
    paths = modelled_ownership_draws(demand, sc, 72.0, income, 400, seed=3)
    assert paths.shape == (400, 15)
    central = _modelled_ownership(demand, sc, 72.0, income, None)
    assert np.median(paths[:, -1]) == pytest.approx(central[-1], rel=0.05)
    assert np.percentile(paths[:, -1], 5) < central[-1] < np.percentile(paths[:, -1], 95)
    fit = _ownership_fit(demand, sc, None)
    d = parameter_draws(fit, 400, seed=3)
    one = replace(fit, params={**fit.params, **{k: float(v[7]) for k, v in d.items() if k in fit.params}})
    from unittest import mock

    with mock.patch("motorisasi.scenario.steps.demand._ownership_fit", return_value=one):
        np.testing.assert_allclose(paths[7], _modelled_ownership(demand, sc, 72.0, income, None), rtol=1e-10)


def test_compare_prints_differences_and_writes_a_csv(tmp_path):
    out = tmp_path / "cmp.csv"
    result = runner.invoke(
        app, ["compare", "baseline", "target-150", "--out", str(out)], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    assert "target-150 - baseline" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    hit = next(
        r
        for r in rows
        if r["scenario"] == "target-150" and r["year"] == "2030" and r["indicator"].startswith("4-wheel+")
    )
    assert float(hit["value"]) == pytest.approx(150.0, abs=0.1)
    single = runner.invoke(app, ["compare", "baseline"])
    assert single.exit_code == 2


def test_fleet_by_age_adds_up_to_the_fleet_and_its_mean_age():
    ds = run("baseline", by_age=True)
    future = {"year": slice(2026, None)}
    np.testing.assert_allclose(
        ds["stock_by_age"].sum("age").sel(future), ds["stock"].sel(future), rtol=1e-9, atol=1e-3
    )
    assert bool(ds["stock_by_age"].sel(year=2025).isnull().all())
    by_age = ds["stock_by_age"].sum("powertrain").sel(year=slice(2026, None))
    mean_age = (by_age * ds["age"]).sum("age") / by_age.sum("age")
    np.testing.assert_allclose(mean_age, ds["average_fleet_age"].sel(year=slice(2026, None)), rtol=1e-6)


def test_sales_path_and_driver_paths_are_followed(tmp_path):
    text = (
        f"extends: {BASE}\nname: paths\n"
        "drivers:\n  income_path: {2030: 20000, 2060: 40000}\n  population_path: {2060: 300000000}\n"
        "segments:\n  cars:\n    demand:\n      type: sales_path\n      sales: {2030: 1000000}\n"
    )
    ds = run(load_scenario(_scenario_file(tmp_path, text)))
    assert float(ds["gdp_per_capita"].sel(year=2030)) == pytest.approx(20000)
    assert float(ds["gdp_per_capita"].sel(year=2045)) == pytest.approx(30000)
    assert float(ds["population"].sel(year=2060)) == pytest.approx(3e8)
    assert float(ds["sales_total"].sel(segment="cars", year=2030)) == pytest.approx(1e6)
    assert float(ds["sales_total"].sel(segment="cars", year=2050)) == pytest.approx(1e6)


# --- industry -----------------------------------------------------------------------------------


def test_baseline_industry_history_matches_the_data(baseline):
    from motorisasi.data import load

    four = baseline.sel(industry_group="four_wheel")
    production = load("production_gaikindo", category="")
    exports = load("exports_cbu_gaikindo")
    assert float(four["production"].sel(year=2024)) == production.loc[2024, "value"]
    assert float(four["exports"].sel(year=2024)) == exports.loc[2024, "value"]
    shares = four["sales_by_origin"].sel(year=2030) / four["sales_by_origin"].sel(year=2030).sum()
    assert float(shares.sel(origin="Japan")) == pytest.approx(0.8113, abs=1e-4)


def test_industry_by_hand(tmp_path):
    """100 sales a year, 20 % imported, 100 exported, 10 jobs per 1,000, 50 kWh packs."""
    content = tiny_scenario(fuel="electricity", intensity=0.5).model_dump(mode="python")
    content["segments"]["cars"]["residual_powertrain"] = "BEV"
    content["segments"]["cars"]["energy"] = {"BEV": content["segments"]["cars"]["energy"]["ICE"]}
    content["industry"] = {
        "groups": {"all": {"segments": ["cars"], "import_share": {2025: 0.2}, "workers_per_1000": 10}},
        "batteries": {
            "pack_kwh": {"cars": {"BEV": {2025: 50}}},
            "nickel_based_share": {2025: 0.5},
            "nickel_kg_per_kwh": 0.48,
        },
        "workforce": {"attrition_pct": 5, "training_share": 0.5},
        "fiscal": {"fuels": {}, "tax_forgone_idr": {"cars": {"BEV": {2025: 1e7}}}, "idr_per_usd": 16_000},
    }
    content["industry"]["groups"]["all"]["local_content"] = {
        "vehicle_value_idr": {"BEV": 3e8},
        "share": {"BEV": {2025: 0.5}},
        "sme_share": 0.1,
    }
    root = tiny_country(tmp_path / "xyz", sales=100.0)
    ds = run(Scenario.model_validate(content), data_dir=root)
    part = ds.sel(industry_group="all", year=2027)
    assert float(part["imports"]) == pytest.approx(20.0)
    assert float(part["local_assembly"]) == pytest.approx(80.0)
    assert float(part["production"]) == pytest.approx(80.0)  # no exports in the data: none projected
    assert float(part["jobs"]) == pytest.approx(0.8)
    assert float(part["new_workers"]) == pytest.approx(0.8 * 0.05)  # constant jobs: replace leavers
    assert float(part["workers_to_train"]) == pytest.approx(0.02)
    assert float(ds["battery_gwh"].sel(segment="cars", powertrain="BEV", year=2027)) == pytest.approx(
        100 * 50 / 1e6
    )
    assert float(ds["nickel"].sel(year=2027)) == pytest.approx(100 * 50 * 0.5 * 0.48 / 1000)  # tonnes
    value = 80 * 3e8 * 0.5  # local assembly x value x local content
    assert float(part["local_content_value"]) == pytest.approx(value / 1e12)
    assert float(part["local_content_value_usd"]) == pytest.approx(value / 16_000 / 1e9)
    assert float(part["local_content_sme"]) == pytest.approx(0.1 * value / 1e12)
    assert float(ds["tax_forgone"].sel(segment="cars", year=2027)) == pytest.approx(100 * 1e7 / 1e12)
    # Every vehicle in the fleet carries a 50 kWh pack (old cohorts take the earliest pack size).
    fleet = float(ds["stock"].sel(segment="cars", powertrain="BEV", year=2027))
    assert float(ds["battery_fleet_gwh"].sel(segment="cars", year=2027)) == pytest.approx(fleet * 50 / 1e6)


def test_fuel_subsidy_by_hand(tmp_path):
    """20 TJ of gasoline a year = 20e6 MJ / (44.3 MJ/kg x 0.74 kg/L) litres; 80 % subsidised at Rp 3,000/L."""
    content = tiny_scenario().model_dump(mode="python")
    content["industry"] = {
        "fiscal": {
            "fuels": {
                "gasoline": {
                    "retail_idr_per_l": {2025: 10_000},
                    "market_idr_per_l": {2025: 13_000},
                    "density_kg_per_l": 0.74,
                    "subsidised_share": 0.8,
                }
            }
        }
    }
    ds = run(Scenario.model_validate(content), data_dir=tiny_country(tmp_path / "xyz"))
    litres = 20e6 / (44.3 * 0.74)
    expected = litres * 0.8 * 3_000 / 1e12
    assert float(ds["fuel_compensation"].sel(fuel="gasoline", year=2026)) == pytest.approx(
        expected, rel=1e-12
    )
    assert float(ds["fuel_subsidy"].sel(fuel="gasoline", year=2026)) == 0.0  # no fixed subsidy given


def test_fuel_support_from_the_oil_price_by_hand(tmp_path):
    """The economic price from the crude price and the exchange rate, with a fixed subsidy.

    20 TJ of gasoline a year, all subsidised: 20e6 MJ / (44.3 MJ/kg x 0.74 kg/L) = 610,086.6 L.
    At 80 $/bbl + 10 $/bbl spread, 99.21 % of the quotation, Rp 15,000/$, Rp 800/L and 16 % tax:
    (0.9921 x 90 x 15,000 / 158.987294928 + 800) x 1.16 = 10,700.03 Rp/L. Retail 6,800 and a
    subsidy of Rp 1,000/L leave 2,900.03 Rp/L of compensation: 1.77 billion rupiah.
    """
    content = tiny_scenario().model_dump(mode="python")
    formula = {"spread_usd_per_bbl": 10, "index_share": 0.9921, "constant_idr_per_l": 800, "tax_pct": 16}
    fiscal = {
        "fuels": {
            "gasoline": {
                "retail_idr_per_l": {2025: 6_800},
                "price_formula": formula,
                "fixed_subsidy_idr_per_l": {2025: 1_000},
                "density_kg_per_l": 0.74,
                "subsidised_share": 1.0,
            }
        },
        "crude_usd_per_bbl": {2025: 80},
        "idr_per_usd": {2025: 15_000},
    }
    content["industry"] = {"fiscal": fiscal}
    data = tiny_country(tmp_path / "xyz")
    ds = run(Scenario.model_validate(content), data_dir=data)
    litres = 20e6 / (44.3 * 0.74)
    price = (0.9921 * 90 * 15_000 / (42 * 3.785411784) + 800) * 1.16
    assert price == pytest.approx(10_700.03, abs=0.005)
    at = {"fuel": "gasoline", "year": 2026}
    assert float(ds["fuel_economic_price"].sel(at)) == pytest.approx(price, rel=1e-12)
    assert float(ds["fuel_subsidy"].sel(at)) == pytest.approx(litres * 1_000 / 1e12, rel=1e-12)
    assert float(ds["fuel_compensation"].sel(at)) == pytest.approx(litres * (price - 7_800) / 1e12, rel=1e-12)
    total = (litres * (price - 6_800)) / 15_000 / 1e9
    assert float(ds["fuel_support_usd"].sel(at)) == pytest.approx(total, rel=1e-12)

    def support(crude, fx):
        changed = {**fiscal, "crude_usd_per_bbl": {2025: crude}, "idr_per_usd": {2025: fx}}
        sc = Scenario.model_validate({**content, "industry": {"fiscal": changed}})
        out = run(sc, data_dir=data)
        return float((out["fuel_subsidy"] + out["fuel_compensation"]).sel(at).sum())

    # Dearer oil and a weaker rupiah each raise the bill; cheap oil leaves only the fixed subsidy.
    assert support(100, 15_000) > support(80, 15_000)
    assert support(80, 16_500) > support(80, 15_000)
    assert support(40, 15_000) == pytest.approx(litres * 1_000 / 1e12, rel=1e-12)


@settings(max_examples=10, deadline=None)
# Exports growing 15 %/yr for 36 years stay below the 1e9 a year a run accepts.
@given(share=st.floats(0, 1), growth=st.floats(-20, 15), workers=st.floats(0, 100))
def test_supply_balance_holds_in_every_run(share, growth, workers):
    content = load_scenario("baseline").model_dump(mode="python")
    group = content["industry"]["groups"]["four_wheel"]
    group.update(import_share={2030: share}, exports_growth_pct=growth, workers_per_1000=workers)
    ds = run(Scenario.model_validate(content))  # check() verifies the identities
    assert float(ds["production"].sel(industry_group="four_wheel").sel(year=slice(2025, None)).min()) >= 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("industry:\n  groups:\n    g: {segments: [cars], import_share: {2030: 1.5}}\n", "import_share.2030"),
        ("industry:\n  groups:\n    g: {segments: [cars], capacity_vehicles: -5}\n", "capacity_vehicles"),
        ("industry:\n  groups:\n    g: {segments: [trains]}\n", "'trains' is not a segment"),
        ("industry:\n  batteries: {nickel_based_share: {2030: 2}}\n", "nickel_based_share.2030"),
        (
            "industry:\n  groups:\n    g: {segments: [cars], origin_shares: {Mars: {2030: 0.1}}}\n",
            "unknown origin 'Mars'",
        ),
    ],
)
def test_bad_industry_parameters_are_named(tmp_path, text, words):
    path = _scenario_file(tmp_path, f"extends: {BASE}\nname: x\n{text}")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_over_capacity_is_flagged():
    result = runner.invoke(app, ["run", "target-150", "--no-files"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "note: four_wheel: production exceeds capacity in" in result.output


# --- checks added after review --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "segments:\n  commercial:\n    powertrains: {ICE: {type: path, share: {2030: 0.5}}}\n",
            "is the residual powertrain",
        ),
        ("segments:\n  cars:\n    history_sales_series: {EV: car_sales}\n", "'EV' is not one of"),
        ("segments:\n  cars:\n    powertrains: {BEV: {type: units, units: {}}}\n", "units"),
        ("segments:\n  cars:\n    base_fleet_powertrain: FCEV\n", "base_fleet_powertrain"),
    ],
)
def test_inconsistent_segments_are_refused(tmp_path, text, words):
    path = _scenario_file(tmp_path, f"extends: {BASE}\nname: x\n{text}")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert words in str(info.value)


def test_extending_needs_a_name_and_flags_stale_reasons(tmp_path):
    nameless = _scenario_file(
        tmp_path, f"extends: {BASE}\nsegments: {{cars: {{demand: {{growth_pct: 3}}}}}}\n"
    )
    with pytest.raises(ScenarioError, match="needs its own name"):
        load_scenario(nameless)
    named = _scenario_file(
        tmp_path, f"extends: {BASE}\nname: y\nsegments: {{cars: {{demand: {{growth_pct: 3}}}}}}\n", "y.yaml"
    )
    reason = load_scenario(named).segments["cars"].demand.reason
    assert reason.startswith("changed by the extending scenario (growth_pct)")


def test_a_missing_path_does_not_fall_back_to_a_shipped_scenario(tmp_path):
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenario(tmp_path / "nowhere" / "ev-roadmap.yaml")


def test_run_time_errors_name_the_scenario_and_field(tmp_path):
    text = (
        f"extends: {BASE}\nname: x\nindustry:\n  fiscal:\n"
        "    tax_forgone_idr: {commercial: {BEV: {2030: 1}}}\n"
    )
    with pytest.raises(ScenarioError) as info:
        run(_scenario_file(tmp_path, text))
    message = str(info.value)
    assert "x.yaml" in message or "s.yaml" in message
    assert "tax_forgone_idr.commercial: 'BEV' is not a powertrain of this segment" in message


def test_a_falling_ownership_path_is_reported():
    content = load_scenario("baseline").model_dump(mode="python")
    content["segments"]["cars"]["demand"] = {"type": "ownership_path", "per_1000": {2030: 50, 2060: 60}}
    ds = run(Scenario.model_validate(content))
    assert json.loads(ds.attrs["notes"])["cars"]["sales_clipped_to_zero"][0] == 2026


def test_compare_handles_different_horizons(tmp_path):
    short = _scenario_file(tmp_path, f"extends: {BASE}\nname: short\nyears: {{end: 2045}}\n")
    result = runner.invoke(app, ["compare", "baseline", str(short)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.strip().startswith("short") and "," not in x[:7])
    assert line.rstrip().endswith("-")  # no value in 2060


def test_every_variable_reaches_the_workbook(tmp_path):
    import openpyxl

    paths = write_all(run("baseline", by_age=True), tmp_path)
    book = openpyxl.load_workbook(paths["xlsx"], read_only=True)
    assert {"industry", "fiscal", "other"} <= set(book.sheetnames)


def test_a_new_description_drops_the_inherited_translation(tmp_path):
    base = load_scenario("baseline")
    assert base.description_id.startswith("Tren saat ini")
    same = tmp_path / "same.yaml"
    same.write_text("extends: baseline\nname: same\n")
    assert load_scenario(same).description_id == base.description_id
    other = tmp_path / "other.yaml"
    other.write_text("extends: baseline\nname: other\ndescription: something else\n")
    assert load_scenario(other).description_id == ""
    both = tmp_path / "both.yaml"
    both.write_text("extends: baseline\nname: both\ndescription: x\ndescription_id: y\n")
    assert load_scenario(both).description_id == "y"


def test_a_misspelt_scenario_name_lists_the_shipped_ones():
    with pytest.raises(ScenarioError, match=r"shipped scenarios: baseline, .*did you mean 'target-150'\?"):
        load_scenario("target150")


def test_motorcycles_give_way_to_four_wheelers_in_a_scenario(tmp_path):
    """A motorcycle segment with substitution: its long-run level loses sigma motorcycles per
    four-wheeler per 1,000, the four-wheelers being the other segments' registered fleet."""
    from unittest import mock

    from motorisasi.model.ownership import gompertz, partial_adjustment
    from motorisasi.scenario.steps import demand as run_module

    text = (
        f"extends: {BASE}\nname: moto\nsegments:\n  motorcycles:\n    demand:\n"
        "      type: ownership_model\n      definition: two_wheel\n      substitution: true\n"
        "      countries: [IDN, THA, MYS, VNM, LAO, IND]\n      saturation: 700\n"
    )
    sc = load_scenario(_scenario_file(tmp_path, text))
    # The data do not identify the substitution (the fit refuses, one line naming the demand) ...
    with pytest.raises(ScenarioError, match=r"demand \(ownership_model\): the data do not identify"):
        run(sc)
    # ... so the plumbing is checked with a fit given its parameters.
    from motorisasi.model.ownership_fit import OwnershipFit

    params = {"alpha": -3.0, "beta[IDN]": -0.15, "theta": 0.2, "substitution": 0.5}
    fit = OwnershipFit(
        params,
        {},
        {},
        {"saturation": 700.0},
        ("IDN",),
        True,
        False,
        {},
        {},
        {},
        0,
        0.0,
        0.0,
        np.zeros((1, 1)),
    )
    with mock.patch.object(run_module, "_ownership_fit", return_value=fit):
        ds = run(sc)
    years = ds["year"].values
    future = years > ds.attrs["base_year"]
    registered = ds["registered_stock"]
    four = (registered.sel(segment=["cars", "commercial"]).sum("segment") / ds["population"] * 1000).values
    income = ds["gdp_per_capita"].values / 1000.0
    star = np.maximum(
        gompertz(income[future], fit.value("saturation"), fit.value("alpha"), fit.beta("IDN"))
        - 0.5 * four[future],
        0.0,
    )
    moto = (registered.sel(segment="motorcycles") / ds["population"] * 1000).values
    start = moto[~future][-1]
    target = partial_adjustment(star, start, fit.value("theta"))
    # Where the target falls faster than vehicles leave, sales stop at zero and the fleet stays above it.
    sold = ds["sales_total"].sel(segment="motorcycles").values[future] > 0
    assert (~sold).sum() < sold.sum()
    np.testing.assert_allclose(moto[future][sold], target[sold], rtol=1e-6)
    assert np.all(moto[future][~sold] >= target[~sold])
