"""Road energy calibrated to the energy balance, the unexplained line, the energy backtest and CO2."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from motorisasi.errors import ParameterError
from motorisasi.model.fuel_balance import common_bounds, fit_scale
from motorisasi.outputs.cli import app
from motorisasi.scenario.fuel_calibration import calibrate_fuel_use, factor_bounds, split_factor
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import Scenario, load_scenario

runner = CliRunner()
positive = st.floats(1.0, 1e4, allow_nan=False)


# --- the estimator --------------------------------------------------------------------------------


@given(st.lists(positive, min_size=2, max_size=12), st.floats(0.2, 5.0))
def test_fit_scale_recovers_a_known_factor(modelled, k):
    m = np.array(modelled)
    fit = fit_scale(m, k * m, range(2000, 2000 + len(m)))
    assert fit.factor == pytest.approx(k, rel=1e-12) and fit.bound is None
    assert np.allclose(fit.unexplained, 0.0, atol=1e-9 * k * m.max())


@given(
    st.lists(positive, min_size=2, max_size=12),
    st.lists(st.floats(0.5, 2.0), min_size=12, max_size=12),
    st.floats(0.1, 3.0),
    st.floats(0.0, 3.0),
)
def test_fit_scale_stays_in_bounds_and_balances_the_log_errors(modelled, noise, low, width):
    m = np.array(modelled)
    r = m * np.array(noise[: len(m)])
    high = low + width
    fit = fit_scale(m, r, range(len(m)), low, high)
    assert low <= fit.factor <= high
    # Inside the bounds, the log errors average to zero (the least-squares condition in logs).
    if fit.bound is None:
        assert abs(np.mean(np.log(np.array(fit.ratio)))) < 1e-9
    # The reference is always the scaled model plus the unexplained remainder.
    np.testing.assert_allclose(fit.factor * m + np.array(fit.unexplained), r, rtol=1e-9)


def test_a_binding_bound_leaves_fuel_unexplained_by_hand():
    # Reference 3x the model; the published distance allows at most 2x: one third is unexplained.
    fit = fit_scale([100.0, 200.0], [300.0, 600.0], [2019, 2020], 0.5, 2.0)
    assert fit.factor == 2.0
    assert fit.bound == "high" and fit.unbounded == pytest.approx(3.0)
    assert fit.unexplained == pytest.approx((100.0, 200.0))
    with pytest.raises(ParameterError, match="positive"):
        fit_scale([1.0, 0.0], [1.0, 1.0], [1, 2])


def test_bounds_and_the_split_into_distance_and_energy_per_km():
    # Cars assumed at 10,600 km in a published 10,600-21,347 km range.
    assert common_bounds([10_600], [10_600], [21_347]) == pytest.approx((1.0, 21_347 / 10_600))
    # Commercial: 20,000 km assumed in 10,600-50,000, energy per km 0.7-4.2 x the assumed.
    assert factor_bounds(20_000, (10_600, 50_000), (0.7, 4.2)) == pytest.approx((0.53 * 0.7, 2.5 * 4.2))
    assert factor_bounds(20_000, None, (0.7, 4.2)) is None
    # A factor of 3.2: distance takes 2.5 (the top of its range), energy per km the rest.
    distance, intensity = split_factor(3.2, 20_000, (10_600, 50_000))
    assert distance == pytest.approx(2.5) and distance * intensity == pytest.approx(3.2)
    assert split_factor(1.4, 10_600, (10_600, 21_347)) == pytest.approx((1.4, 1.0))
    with pytest.raises(ParameterError, match="no common factor"):
        common_bounds([10.0, 10.0], [10.0, 40.0], [20.0, 50.0])


def test_two_fuels_burnt_across_segments_are_untangled():
    """Segment A burns gasoline and some diesel, B diesel only; both factors are recovered."""
    years = np.arange(2010, 2020)
    grow = 1.03 ** np.arange(len(years))
    energy = np.zeros((2, 3, len(years)))  # (segment, fuel, year) PJ
    energy[0, 0] = 500 * grow
    energy[0, 1] = 60 * grow**1.5  # diesel cars in a gasoline segment
    energy[1, 1] = 300 * grow**0.5
    k_a, k_b = 1.3, 2.4
    reference = {
        "gasoline": k_a * energy[0, 0],
        "diesel": k_a * energy[0, 1] + k_b * energy[1, 1],
    }
    cal = calibrate_fuel_use(
        energy,
        ["a", "b"],
        {"a": "gasoline", "b": "diesel"},
        years,
        reference,
        {},
        {"a": None, "b": None},
        "calibrated",
        2010,
        2019,
    )
    assert cal.segment_factor["a"] == pytest.approx(k_a, rel=1e-9)
    assert cal.segment_factor["b"] == pytest.approx(k_b, rel=1e-9)
    assert cal.fuels["diesel"].status == "calibrated"
    np.testing.assert_allclose(cal.unexplained["diesel"][years <= 2019], 0.0, atol=1e-6)


# --- the shipped baseline ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline():
    return run("baseline")


def _fits(ds) -> dict:
    return json.loads(ds.attrs["energy_calibration"])["fuels"]


def test_gasoline_matches_the_energy_balance_within_5_percent_in_every_calibration_year(baseline):
    fit = _fits(baseline)["gasoline"]
    assert fit["status"] == "calibrated" and fit["years"] == [2015, 2016, 2017, 2018, 2019, 2022]
    for year in fit["years"]:
        road = float(baseline["energy"].sel(fuel="gasoline", year=year).sum())
        reference = float(baseline["energy_reference"].sel(fuel="gasoline", year=year))
        assert abs(road / reference - 1) < 0.05, year
    # Within the published distances: cars 10,600-21,347 km, motorcycles 9,510-27,092 km.
    for seg, (low, high) in {"cars": (10_600, 21_347), "motorcycles": (9_510, 27_092)}.items():
        km = load_scenario("baseline").segments[seg].km_per_year * float(
            baseline["km_factor"].sel(segment=seg)
        )
        assert low <= km <= high


def test_diesel_misses_are_shown_as_unexplained_energy(baseline):
    """Diesel cannot match every year within 5 %: the reference jumps (a 13 % fall in 2016 while the
    fleet grew); the remainder is its own line, and road + unexplained = the energy balance."""
    fit = _fits(baseline)["diesel"]
    assert fit["status"] == "calibrated"
    errors = {y: r - 1 for y, r in zip(fit["years"], fit["ratio"], strict=True)}
    assert max(abs(e) for e in errors.values()) < 0.125
    assert sum(abs(e) <= 0.05 for e in errors.values()) >= 2  # 2018 and 2019
    for year, error in errors.items():
        unexplained = float(baseline["energy_unexplained"].sel(fuel="diesel", year=year))
        reference = float(baseline["energy_reference"].sel(fuel="diesel", year=year))
        assert unexplained == pytest.approx(-error * reference, rel=1e-9, abs=1e-9)
    # The reference itself shows the jump that no fleet explains.
    ref = baseline["energy_reference"].sel(fuel="diesel")
    assert float(ref.sel(year=2016)) / float(ref.sel(year=2015)) < 0.9
    # No published distance is exceeded: 50,000 km a year at most (Aptrindo's truck average).
    assert 20_000 * float(baseline["km_factor"].sel(segment="commercial")) <= 50_000 + 1e-6
    # In the projection, a calibrated fuel carries no unexplained energy.
    assert float(np.abs(baseline["energy_unexplained"].sel(year=2030)).max()) == 0.0


def test_road_co2_against_an_independent_inventory(baseline):
    """Road CO2 inventories (EDGAR 2024, Climate TRACE, CEDS) in 2015-2019, the fitted years before
    the pandemic: the tool's road CO2 (the fleet's plus the unexplained line's, i.e. the energy
    balance's fuel) is within 10 %; the fleet's alone 2-14 % above, where its diesel misses."""
    from motorisasi.data.store import series_values

    years = range(2015, 2020)
    fleet = np.array([float(baseline["co2_ttw"].sel(year=y).sum()) for y in years])
    unexplained = np.array([float(baseline["co2_unexplained"].sel(year=y)) for y in years])
    for name in (
        "road_transport_co2_ceds",
        "road_transport_co2_edgar2024",
        "road_transport_co2_climatetrace",
    ):
        inventory = np.array([series_values(name, "IDN").at(y) for y in years])
        assert np.all(np.abs((fleet + unexplained) / inventory - 1) < 0.10), name
        assert np.all(np.abs(fleet / inventory - 1) < 0.14), name
    # The inventories agree with each other (all IEA-based): EDGAR 2024 and CEDS within 1.2 %.
    edgar, ceds = (
        series_values(n, "IDN") for n in ("road_transport_co2_edgar2024", "road_transport_co2_ceds")
    )
    assert all(abs(edgar.at(y) / ceds.at(y) - 1) < 0.012 for y in years)
    # Independent arithmetic of the same CO2: the energy balance's fuel x IPCC factors (69.3 and
    # 74.1 t/TJ), biodiesel counted as zero, equals the model's CO2 plus the unexplained line's.
    for y in years:
        ref = baseline["energy_reference"].sel(year=y)
        bio = series_values("road_biodiesel_consumption_esto", "IDN").at(y)
        fossil_diesel = float(ref.sel(fuel="diesel")) - bio
        by_hand = float(ref.sel(fuel="gasoline")) * 69.3e-3 + fossil_diesel * 74.1e-3
        total = float(baseline["co2_ttw"].sel(year=y).sum() + baseline["co2_unexplained"].sel(year=y))
        assert total == pytest.approx(by_hand, rel=1e-9), y
    # In history the biodiesel share is the observed one (15 % in 2017 under the B20 mandate).
    assert float(baseline["biodiesel_share"].sel(year=2017)) == pytest.approx(121.069433 / 794.296, rel=1e-4)
    assert float(baseline["biodiesel_share"].sel(year=2030)) == 0.4  # the B40 mandate in the projection


def test_the_energy_backtest_scores_the_fleet_out_of_sample():
    from motorisasi.scenario.energy_backtest import energy_backtest

    bt = energy_backtest("baseline", horizons=5)
    assert bt.current_from == 2016
    # Each origin's factor uses only data up to it: the 2016 factor differs from the final one.
    assert bt.factors["gasoline"][2016] != pytest.approx(bt.factors["gasoline"][2021])
    diesel = bt.headline("road_diesel", since=bt.current_from)
    gasoline = bt.headline("road_gasoline", since=bt.current_from)
    # Diesel: the fleet beats both trend benchmarks clearly; gasoline about ties with the best.
    assert (
        diesel["fleet_at_least_as_good"]
        and diesel["mape"]["fleet"] < 0.6 * diesel["mape"]["log_linear_trend"]
    )
    assert gasoline["mape"]["fleet"] < 10.0
    # CO2 against CEDS: the fleet loses to a trend (the energy balance sits above CEDS); said, not hidden.
    assert not bt.headline("road_co2", since=bt.current_from)["fleet_at_least_as_good"]
    result = runner.invoke(app, ["backtest", "--energy", "--json", "--horizons", "3"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["headline"]) == {"road_gasoline", "road_diesel", "road_co2"}


def test_calibrate_energy_prints_the_factors_and_the_reference():
    result = runner.invoke(app, ["calibrate", "--energy", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["calibration"]["fuels"]["gasoline"]["status"] == "calibrated"
    quantities = {c["quantity"] for c in payload["comparisons"]}
    assert {"road_gasoline", "road_diesel", "road_co2", "gasoline", "diesel", "co2"} <= quantities
    text = runner.invoke(app, ["calibrate", "--energy", "--lang", "id"])
    assert text.exit_code == 0 and "terkalibrasi" in text.output


# --- a synthetic country with a known answer ---------------------------------------------------------


def test_calibration_off_keeps_the_assumed_distances(baseline):
    content = load_scenario("baseline").model_dump(mode="python")
    content["energy"]["calibration"]["model"] = "none"
    ds = run(Scenario.model_validate(content))
    assert np.allclose(ds["km_factor"].values, 1.0) and np.allclose(ds["intensity_factor"].values, 1.0)
    # Energy is linear in distance: the calibrated run is the plain one times its factors.
    for seg in ds["segment"].values:
        factor = float(baseline["km_factor"].sel(segment=seg) * baseline["intensity_factor"].sel(segment=seg))
        np.testing.assert_allclose(
            baseline["energy"].sel(segment=seg).values,
            ds["energy"].sel(segment=seg).values * factor,
            rtol=1e-12,
        )


@settings(max_examples=8, deadline=None)
@given(st.floats(0.5, 1.5), st.floats(0.5, 3.0))
def test_a_scaled_copy_of_the_model_is_recovered_from_the_data(k_gasoline, k_diesel):
    """References made as k x the uncalibrated model: the run finds k and explains all fuel."""
    import csv
    import tempfile
    from pathlib import Path

    content = load_scenario("baseline").model_dump(mode="python")
    content["energy"]["calibration"]["model"] = "none"
    plain = run(Scenario.model_validate(content))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources.csv").write_text(
            "source_id,publisher,citation,url,table,accessed,licence\nsyn-e,test,synthetic,,,2026-01-01,\n",
            encoding="utf-8",
        )
        (folder / "series.csv").write_text(
            "series,kind,unit,vehicle_type,basis,description\n"
            "syn_road_gasoline,raw,PJ,,,synthetic\nsyn_road_diesel,raw,PJ,,,synthetic\n",
            encoding="utf-8",
        )
        with (folder / "values.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(
                [
                    "country",
                    "region",
                    "series",
                    "category",
                    "year",
                    "value",
                    "unit",
                    "source_id",
                    "flag",
                    "note",
                ]
            )
            for fuel, k in (("gasoline", k_gasoline), ("diesel", k_diesel)):
                for y in range(2012, 2023):
                    value = k * float(plain["energy"].sel(fuel=fuel, year=y).sum())
                    writer.writerow(
                        ["IDN", "", f"syn_road_{fuel}", "", y, repr(value), "PJ", "syn-e", "observed", ""]
                    )
        content["energy"]["calibration"].update(
            {
                "model": "calibrated",
                "references": {"gasoline": ["syn_road_gasoline"], "diesel": ["syn_road_diesel"]},
            }
        )
        ds = run(Scenario.model_validate(content), data_dir=folder)
    fits = _fits(ds)
    # Inside the bounds (gasoline 1-2.01; diesel 0.37-10.5) the factor is k; below, the bound.
    assert fits["diesel"]["factor"] == pytest.approx(k_diesel, rel=1e-9)
    assert fits["gasoline"]["factor"] == pytest.approx(max(k_gasoline, 1.0), rel=1e-9)
    if k_gasoline < 1.0:  # the fleet would burn more than was sold: negative unexplained, said so
        assert fits["gasoline"]["status"] == "bound"
        assert float(ds["energy_unexplained"].sel(fuel="gasoline", year=2019)) < 0
    else:
        assert abs(float(ds["energy_unexplained"].sel(fuel="gasoline", year=2019))) < 1e-6


def test_baseline_fuel_support_by_hand(baseline):
    """2026 at the 2025 budget's US$82/bbl and Rp 16,000/US$, from the formulas in baseline.yaml."""
    per_barrel = 16_000 / (42 * 3.785411784)  # rupiah per litre for each US$ per barrel
    pertalite = (0.9921 * 1.10 * (82 + 7.5) * per_barrel + 1_980 + 90) * 1.16
    solar = ((82 + 18.2) * per_barrel + 868) * 1.16
    at = {"year": 2026}
    assert float(baseline["fuel_economic_price"].sel(fuel="gasoline", **at)) == pytest.approx(
        pertalite, rel=2e-4
    )
    assert float(baseline["fuel_economic_price"].sel(fuel="diesel", **at)) == pytest.approx(solar, rel=1e-9)
    # Litres: road energy / (IPCC net calorific value x density) x the subsidised share.
    diesel_l = float(baseline["energy"].sel(fuel="diesel", **at).sum()) * 1e9 / (43.0 * 0.8703) * 0.548
    assert float(baseline["fuel_subsidy"].sel(fuel="diesel", **at)) == pytest.approx(diesel_l * 1_000 / 1e12)
    assert float(baseline["fuel_compensation"].sel(fuel="diesel", **at)) == pytest.approx(
        diesel_l * (solar - 6_800 - 1_000) / 1e12
    )
    gasoline_l = float(baseline["energy"].sel(fuel="gasoline", **at).sum()) * 1e9 / (44.3 * 0.7425) * 0.786
    assert float(baseline["fuel_compensation"].sel(fuel="gasoline", **at)) == pytest.approx(
        gasoline_l * (pertalite - 10_000) / 1e12, rel=1e-9
    )
    assert float(baseline["fuel_subsidy"].sel(fuel="gasoline", **at)) == 0.0  # compensation only
    total = float((baseline["fuel_subsidy"] + baseline["fuel_compensation"]).sel(**at).sum())
    assert float(baseline["fuel_support_usd"].sel(**at).sum()) == pytest.approx(total * 1e12 / 16_000 / 1e9)


# --- hostile input ------------------------------------------------------------------------------------


def _edited(tmp_path, name: str, edit) -> str:
    import yaml

    content = load_scenario("baseline").model_dump(mode="python")
    content["name"] = name
    edit(content)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return str(path)


def _set(path: str, value):
    def edit(content):
        *parents, last = path.split(".")
        node = content
        for key in parents:
            node = node[key]
        node[last] = value

    return edit


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("energy.calibration.fit_from", 2030, "energy.calibration: the window 2030-2025"),
        ("segments.cars.km_range", [5, 5], "segments.cars.km_range [5.0, 5.0]"),
        (
            "industry.fiscal.fuels.gasoline.price_formula.constant_idr_per_l",
            -100000,
            "constant_idr_per_l: -100000",
        ),
        ("industry.fiscal.fuels.diesel.price_formula.spread_usd_per_bbl", -200, "spread_usd_per_bbl: -200"),
        ("industry.fiscal.fuels.gasoline.retail_idr_per_l", {}, "retail_idr_per_l"),
        ("segments.motorcycles.on_road_gap_range", [1, 2], "on_road_gap_range: give km_range too"),
        (
            "energy.calibration.references",
            {
                "gasoline": ["road_motor_gasoline_consumption_esto"],
                "diesel": ["road_motor_gasoline_consumption_esto"],
            },
            "is listed under",
        ),
    ],
)
def test_bad_energy_and_fiscal_settings_are_one_line_naming_the_field(tmp_path, field, value, expected):
    edit = _set(field, value)
    if field == "segments.motorcycles.on_road_gap_range":
        edit = lambda c: c["segments"]["motorcycles"].update(km_range=None, on_road_gap_range=value)  # noqa: E731
    result = runner.invoke(app, ["run", _edited(tmp_path, "bad", edit), "--no-files"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and expected in lines[0], result.output


def test_a_fuel_without_reference_has_no_unexplained_line_and_is_noted(tmp_path):
    path = _edited(
        tmp_path,
        "part",
        _set("energy.calibration.references", {"gasoline": ["road_motor_gasoline_consumption_esto"]}),
    )
    ds = run(path)
    assert _fits(ds)["diesel"]["status"] == "no_reference"
    assert np.isnan(ds["energy_unexplained"].sel(fuel="diesel")).all()
    assert np.isnan(ds["energy_reference"].sel(fuel="diesel")).all()
    assert float(ds["co2_unexplained"].sel(year=2019)) == pytest.approx(
        float(ds["energy_unexplained"].sel(fuel="gasoline", year=2019)) * 69.3e-3, rel=1e-9
    )
    result = runner.invoke(app, ["run", path, "--no-files"])
    assert "diesel: no road energy reference in the data" in " ".join(result.output.split())


def test_a_binding_bound_carries_the_unexplained_fuel_into_headline_and_subsidy(tmp_path, baseline):
    def edit(content):
        content["segments"]["commercial"].update(km_range=[10_600, 20_000], on_road_gap_range=None)

    path = _edited(tmp_path, "bind", edit)
    ds = run(path)
    fit = _fits(ds)["diesel"]
    assert fit["status"] == "bound" and fit["factor"] == pytest.approx(1.0)
    held = float(np.mean(fit["unexplained"]))
    assert float(ds["energy_unexplained"].sel(fuel="diesel", year=2040)) == pytest.approx(held)
    assert float(ds["energy_unexplained"].sel(fuel="diesel", year=2024)) == pytest.approx(
        held
    )  # after the data
    # The subsidised share applies to road diesel as the energy balance counts it: fleet + unexplained.
    at = {"fuel": "diesel", "year": 2030}
    road = float(ds["energy"].sel(**at).sum()) + held
    litres = road * 1e9 / (43.0 * 0.8703) * 0.548
    assert float(ds["fuel_subsidy"].sel(**at)) == pytest.approx(litres * 1_000 / 1e12, rel=1e-9)
    output = " ".join(runner.invoke(app, ["run", path, "--no-files"]).output.split())
    assert "diesel the fleet does not" in output and "stops at a published bound" in output


def test_a_zero_in_a_reference_is_a_missing_year_not_a_crash(tmp_path):
    import csv

    from motorisasi.data.store import EMBEDDED

    folder = tmp_path / "data"
    folder.mkdir()
    # A user's series replaces the embedded one whole: copy both, with one year set to zero.
    zeroed = {("road_transport_co2_ceds", "2019"), ("road_motor_gasoline_consumption_esto", "2016")}
    with (EMBEDDED / "fuel.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["series"] in {s for s, _ in zeroed}]
    for r in rows:
        if (r["series"], r["year"]) in zeroed:
            r["value"] = "0"
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, ["backtest", "--energy", "--json", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    ds = run("baseline", data_dir=folder)
    assert np.isnan(float(ds["energy_reference"].sel(fuel="gasoline", year=2016)))
    assert abs(float(ds["energy_unexplained"].sel(fuel="gasoline", year=2016))) < 1e-9  # no negative fleet


def test_the_reference_agrees_with_the_energy_ministrys_sales_by_grade():
    """The balance's road gasoline (in litres at the UNSD density) is 0-6 % above the HEESI sales of
    Premium + Pertalite + Pertamax in 2019-2020 (RON 95/98 and other retailers come on top): the
    national sales support the balance, not the 6-12 % lower IEA-based inventories."""
    from motorisasi.data.store import series_values

    esto = series_values("road_motor_gasoline_consumption_esto", "IDN")
    grades = [
        series_values(f"gasoline_{g}_sales_heesi", "IDN")
        for g in ("ron88_premium", "ron90_pertalite", "ron92_pertamax")
    ]
    for year in (2019, 2020):
        sold = grades[0].at(year) / 1e6 + grades[1].at(year) + grades[2].at(year)  # million kL
        balance = esto.at(year) * 1e9 / 44.3 / 740.2 / 1e6  # PJ -> MJ -> kg -> m3 -> million kL
        assert 1.0 <= balance / sold <= 1.06, year


def test_road_co2_against_indonesias_own_inventory(baseline):
    """Indonesia's BTR1 inventory (transport CO2 less EDGAR's non-road modes): the tool's road CO2
    (fleet + unexplained) is within 10 % in 2011-2014 and 2017-2022; 2015-2016 miss (+11.8 and
    +10.6 %), where the national inventory's transport CO2 dips 10 % below 2014 while the energy
    balance's road fuel does not. The inventories themselves differ by up to 12 % (2017)."""
    from motorisasi.data.store import series_values

    national = series_values("road_transport_co2_national_inventory_derived", "IDN")
    transport = series_values("transport_co2_national_inventory", "IDN")
    parts = [
        series_values(n, "IDN")
        for n in (
            "domestic_aviation_co2_edgar2024",
            "railways_co2_edgar2024",
            "domestic_navigation_co2_edgar2024",
        )
    ]
    for y in national.years:
        # The derived road series is the national transport CO2 less the three non-road modes.
        by_hand = transport.at(int(y)) - sum(p.at(int(y)) for p in parts)
        assert national.at(int(y)) == pytest.approx(by_hand, abs=1e-3), y
        # Road is the bulk of transport: 87-91 % of it.
        assert 0.86 < national.at(int(y)) / transport.at(int(y)) < 0.92, y

    def tool(y: int) -> float:
        return float(baseline["co2_ttw"].sel(year=y).sum() + baseline["co2_unexplained"].sel(year=y))

    ratio = {y: tool(y) / national.at(y) - 1 for y in range(2011, 2023)}
    assert all(abs(ratio[y]) < 0.10 for y in (*range(2011, 2015), *range(2017, 2023))), ratio
    assert 0.10 < ratio[2015] < 0.13 and 0.10 < ratio[2016] < 0.12, ratio
    # Where EDGAR 2024 misses (2020-2022, +10.6 to +12.4 %), the national inventory is within 7 %.
    edgar = series_values("road_transport_co2_edgar2024", "IDN")
    for y in (2020, 2021, 2022):
        assert tool(y) / edgar.at(y) - 1 > 0.10
        assert abs(ratio[y]) < 0.07
    assert national.at(2017) / edgar.at(2017) - 1 > 0.10
