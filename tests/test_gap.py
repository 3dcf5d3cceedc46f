"""`motorisasi gap`: the pipeline's arithmetic, its JSON, both languages, and its one-line errors."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from motorisasi.data import load
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import LANGUAGES, MESSAGES, language, number
from motorisasi.scenario.gap import GapError, ownership_gap

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def by_2035():
    return ownership_gap(150, 2035)


def test_latest_ownership_is_registered_fleet_over_population(by_2035):
    r = by_2035
    stock = load("four_wheel_registered").loc[r.base_year, "value"]
    population = load("population").loc[r.base_year, "value"]
    assert r.latest_ownership == pytest.approx(1000 * stock / population, rel=1e-12)
    assert r.stock_needed == pytest.approx(0.150 * load("population").loc[2035, "value"], rel=1e-12)
    assert r.latest_stock == pytest.approx(r.modelled_fleet + r.unremoved_registrations, rel=1e-12)


def test_gap_answers_what_a_scenario_run_of_one_segment_computes():
    """The gap is a query over the run: a scenario whose one segment is the four-wheel fleet (the
    gap's lifetime and register model) gives the same register with sales held, and with the
    ownership target as its demand the same sales path and register."""
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import Lifetime, OwnershipTarget, SalesGrowth, load_scenario

    r = ownership_gap(130, 2035)
    sc = load_scenario("baseline")
    cars = sc.segments["cars"]
    four_wheel = cars.model_copy(
        update={
            "stock_series": ["four_wheel_registered"],
            "sales_share": 1.0,
            "lifetime": Lifetime(distribution="normal", mean_years=20, std_years=6),
            "demand": SalesGrowth(type="sales_growth", growth_pct=0.0),
        }
    )
    group = sc.industry.groups["four_wheel"].model_copy(update={"segments": ["four_wheel"]})
    batteries = sc.industry.batteries.model_copy(
        update={"pack_kwh": {"four_wheel": sc.industry.batteries.pack_kwh["cars"]}}
    )
    fiscal = sc.industry.fiscal.model_copy(
        update={"tax_forgone_idr": {"four_wheel": sc.industry.fiscal.tax_forgone_idr["cars"]}}
    )
    industry = sc.industry.model_copy(
        update={"groups": {"four_wheel": group}, "batteries": batteries, "fiscal": fiscal}
    )
    held = sc.model_copy(
        update={"segments": {"four_wheel": four_wheel}, "industry": industry, "uncertainty": {}}
    )
    ds = run(held)
    assert int(ds.attrs["base_year"]) == r.base_year
    per_1000 = ds["ownership_per_1000"].sel(segment="four_wheel", year=2035).item()
    assert per_1000 == pytest.approx(r.baseline_ownership_at_target, rel=1e-9)

    target = OwnershipTarget(type="ownership_target", per_1000=130, by=2035, after="hold_sales")
    asked = held.model_copy(
        update={"segments": {"four_wheel": four_wheel.model_copy(update={"demand": target})}}
    )
    ds = run(asked)
    years = list(range(r.base_year + 1, 2036))
    sales = ds["sales_total"].sel(segment="four_wheel", year=years).values
    registered = ds["registered_stock"].sel(segment="four_wheel", year=years).values
    np.testing.assert_allclose(sales, r.sales, rtol=1e-9)
    np.testing.assert_allclose(registered, r.stock, rtol=1e-9)
    assert registered[-1] == pytest.approx(r.stock_needed, rel=1e-9)


def test_the_path_reaches_the_target_and_balances(by_2035):
    r = by_2035
    assert r.feasible
    assert r.ownership[-1] == pytest.approx(150.0, rel=1e-6)
    assert r.stock[-1] == pytest.approx(r.stock_needed, rel=1e-6)
    previous = np.concatenate([[r.latest_stock], r.stock[:-1]])
    np.testing.assert_allclose(
        np.array(r.stock), previous + np.array(r.sales) - np.array(r.removals), rtol=1e-12
    )
    growth = np.array(r.sales) / np.concatenate([[r.baseline_sales], r.sales[:-1]]) - 1
    np.testing.assert_allclose(growth, r.needed_growth, rtol=1e-9)
    assert r.needed_growth <= 0.25


def test_the_modelled_fleet_is_an_independent_spin_up_of_the_sales_history(by_2035):
    """Rebuild the modelled fleet with the engine directly from the data series."""
    sales = load("car_sales")["value"]
    stock = load("four_wheel_registered")["value"]
    first, base = int(sales.index.min()), by_2035.base_year
    sf = survival_curve("normal", 400, mean=20.0, std=6.0)
    profile = sf[:100]  # steady past sales: survivors at age a at the start
    run = inflow_driven(
        sales.loc[first:base].to_numpy(), sf, initial=stock[first - 1] * profile / profile.sum()
    )
    assert run.stock[-1] == pytest.approx(by_2035.modelled_fleet, rel=1e-9)


def test_infeasible_target_explains_and_still_shows_the_needed_path():
    r = ownership_gap(150, 2030)
    assert not r.feasible
    assert r.reason == "growth_bound" and r.reason_params["growth"] == pytest.approx(100 * r.needed_growth)
    assert r.reason_params["upper"] == 25.0
    assert r.needed_growth > 0.25
    assert r.ownership[-1] == pytest.approx(150.0, rel=1e-6)


def test_baseline_reaches_a_low_target_in_the_reported_year():
    r = ownership_gap(97.5, 2030, baseline_growth=0.03)
    assert r.baseline_year_reached >= r.base_year + 1
    assert r.baseline_ownership_at_target > 0


def test_gap_does_not_import_pandas():
    code = (
        "import sys; from motorisasi.scenario.gap import ownership_gap; ownership_gap(); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_cli_table_and_json_give_the_same_numbers():
    text = runner.invoke(app, ["gap", "--target", "150", "--by", "2035"], env=WIDE)
    assert text.exit_code == 0, text.output
    raw = runner.invoke(app, ["gap", "--target", "150", "--by", "2035", "--json"])
    assert raw.exit_code == 0, raw.output
    data = json.loads(raw.output)
    assert f"{data['latest_ownership']:.1f} per 1,000 in {data['base_year']}" in text.output
    assert f"growing {100 * data['needed_growth']:.1f} %/yr" in text.output
    for year, sales, own in zip(data["years"], data["sales"], data["ownership"], strict=True):
        row = next(line for line in text.output.splitlines() if line.strip().startswith(str(year)))
        assert f"{sales:,.0f}" in row and f"{own:.1f}" in row
    assert "four-wheel-plus" in text.output and "bps-03" in text.output
    assert {a["name"] for a in data["assumptions"]} >= {"lifetime_mean", "register_removal_rate"}
    assert all(isinstance(v, str) for v in data["sources"].values())


def test_cli_in_bahasa_indonesia():
    result = runner.invoke(app, ["gap", "--target", "150", "--by", "2035", "--lang", "id"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Mencapai 150 kendaraan roda empat" in result.output
    assert "Saat ini" in result.output and "per 1.000" in result.output
    assert re.search(r"\d{1,3}(\.\d{3})+", result.output)  # 1.234.567
    assert "no Indonesian survival data" not in result.output  # assumptions are translated too


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--country", "XYZ"], "country XYZ"),
        (["--target", "50"], "not above today's"),
        (["--by", "2020"], "is not after the latest year"),
        (["--by", "2100"], "population projection"),
        (["--definition", "bicycles"], "unknown 'bicycles'"),
        (["--lang", "fr"], "unknown language 'fr'"),
        (["--path", "zigzag"], "unknown shape"),
        (["--lifetime", "-3"], "lifetime"),
        (["--lifetime", "0.1", "--lifetime-std", "0.01"], "must be 1-200 years, got 0.1"),
        (["--lifetime", "1e9"], "must be 1-200 years"),
        (["--lifetime-std", "1e9"], "must be 0.1 to 50 years, got 1000000000"),
        (["--target", "1e9"], "must be 1 to 2,000 vehicles per 1,000 people, got 1000000000"),
        (["--target", "1e-300"], "must be 1 to 2,000 vehicles per 1,000 people, got 1e-300"),
        (["--baseline-growth", "500"], "carries baseline sales past 1e+09 a year"),
        (["--baseline-growth", "-200"], "baseline-growth"),
        (["--max-growth", "1000"], "at most 500 %/yr, got 1000"),
        (["--definition", "[/x]"], "unknown '[/x]'"),  # not read as markup
    ],
)
def test_cli_errors_are_one_line(args, words):
    result = runner.invoke(app, ["gap", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert words in lines[0]


def test_passenger_car_definition_uses_a_derived_sales_share():
    r = ownership_gap(100, 2040, definition="passenger_cars")
    share = next(a for a in r.assumptions if a.name == "passenger_share_of_sales")
    assert 60 < share.value < 90
    assert r.latest_ownership == pytest.approx(
        1000
        * load("passenger_cars_registered").loc[r.base_year, "value"]
        / load("population").loc[r.base_year, "value"]
    )
    with pytest.raises(GapError):
        ownership_gap(150, 2030, definition="all_motor_vehicles")


# --- the message catalogue ------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        assert _fields(texts["en"]) == _fields(texts["id"]), key


def test_every_assumption_and_unit_of_gap_is_in_the_catalogue():
    for definition in ("four_wheel", "passenger_cars"):
        for a in ownership_gap(160, 2045, definition=definition).assumptions:
            assert f"assumption.{a.name}" in MESSAGES, a.name
            assert not a.unit or f"unit.{a.unit}" in MESSAGES, a.unit
            if isinstance(a.value, str):
                assert f"assumption.{a.name}.value" in MESSAGES, a.name


def test_numbers_follow_the_language():
    assert number(1234567.891, "en", 1) == "1,234,567.9"
    assert number(1234567.891, "id", 1) == "1.234.567,9"
    assert number(float("nan"), "id") == "-"


def test_language_defaults_from_the_locale(monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert language(None) == "en"
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert language(None) == "id"
    assert language("en") == "en"


# --- the ownership model on the embedded data -----------------------------------------------


def test_panel_fit_on_the_embedded_data_is_identified_and_close():
    from motorisasi.scenario.ownership_histories import fit_panel

    fit, used = fit_panel()
    assert fit.r_squared > 0.99
    assert 0 < fit.params["theta"] <= 1
    low, high = fit.interval["saturation"]
    japan = max(fit.fitted["JPN"])
    assert low < fit.params["saturation"] < high
    assert fit.params["saturation"] > japan  # saturation lies above the most motorised country in the panel
    assert "four_wheel_registered" in used["IDN"]


def test_indonesia_alone_cannot_identify_saturation_and_the_cli_says_so():
    result = runner.invoke(app, ["ownership", "fit", "--countries", "IDN"])
    assert result.exit_code == 2
    assert "cannot identify a saturation level" in result.output
    fixed = runner.invoke(
        app, ["ownership", "fit", "--countries", "IDN", "--saturation", "700", "--static", "--json"]
    )
    assert fixed.exit_code == 0, fixed.output
    data = json.loads(fixed.output)
    assert data["fixed"] == {"saturation": 700.0}
    assert data["params"]["alpha"] < 0 and data["params"]["beta[IDN]"] < 0


def test_ownership_history_is_registered_fleet_over_population():
    from motorisasi.scenario.ownership_histories import ownership_history

    history, _ = ownership_history("IDN")
    i = list(history.years).index(2024)
    assert history.ownership[i] == pytest.approx(
        1000 * load("four_wheel_registered").loc[2024, "value"] / load("population").loc[2024, "value"]
    )
    assert history.income[i] == pytest.approx(load("gdp_per_capita_ppp_worldbank").loc[2024, "value"] / 1000)


def test_income_needed_reaches_the_target_through_the_fitted_model():
    from motorisasi.model.ownership import gompertz, partial_adjustment

    r = ownership_gap(150, 2035, income=True)
    block = r.income
    assert block["available"] and block["feasible"]
    model = block["model"]
    n = 2035 - block["base_year"]
    income = block["base_income"] / 1000 * (1 + block["growth"]) ** np.arange(1, n + 1)
    star = gompertz(income, model["saturation"], model["alpha"], model["beta"])
    path = partial_adjustment(star, block["base_ownership"], model["theta"])
    assert path[-1] == pytest.approx(150.0, rel=1e-6)
    text = runner.invoke(app, ["gap", "--by", "2035", "--income"], env=WIDE)
    assert f"grows {100 * block['growth']:.1f} %/yr" in text.output
    # The assumptions table names the panel, the definition and the cross-validated skill.
    named = {a.name: a for a in r.assumptions}
    from motorisasi.scenario.ownership_histories import DEFAULT_PANEL

    assert named["ownership_panel"].value == ", ".join(DEFAULT_PANEL)
    assert named["ownership_definition"].value == "four_wheel"
    skill = named["ownership_cv_mae"]
    assert skill.value == pytest.approx(block["skill"]["rolling"]["mae"]["ownership_model"])
    assert 0 < skill.params["roll"] < skill.params["roll_best"]  # the rolling origin beats the trends
    for name in ("ownership_panel", "ownership_definition", "ownership_cv_mae"):
        assert name in text.output
    assert "ownership_panel" not in {a.name for a in ownership_gap(150, 2035).assumptions}


def test_today_line_keeps_its_flag_and_sources_in_brackets():
    result = runner.invoke(app, ["gap"], env=WIDE)
    line = next(x for x in result.output.splitlines() if x.startswith("Today"))
    assert "[derived; bps-03]" in line


def test_a_target_next_year_reports_the_growth_it_needs():
    r = ownership_gap(150, 2026)
    assert r.needed_growth > 10  # more than 1,000 %/yr, but computed
    assert r.ownership[-1] == pytest.approx(150.0, rel=1e-6)


def test_the_json_names_the_path_shape_actually_shown():
    assert ownership_gap(150, 2030, shape="smooth").path_shape == "growth"  # smooth breaks the bound
    assert ownership_gap(150, 2045, shape="smooth").path_shape == "smooth"


def test_fractional_targets_are_printed_as_given():
    result = runner.invoke(app, ["gap", "--target", "97.2", "--by", "2027"], env=WIDE)
    assert "Reaching 97.2 " in result.output and "97.2 is reached in 2026" in result.output


def test_gap_says_what_the_target_means_for_industry():
    r = ownership_gap(150, 2035)
    block = r.industry
    a = block["assumptions"]
    imports = load("imports_cbu_gaikindo").loc[2025, "value"]
    sales = load("wholesales_gaikindo", category="").loc[2025, "value"]
    assert a["import_share"] == pytest.approx(imports / sales)
    then = block["target_year"]
    assert then["sales"] == pytest.approx(r.sales[-1])
    assert then["production"] == pytest.approx(r.sales[-1] * (1 - a["import_share"]) + a["exports"])
    assert then["jobs"] == pytest.approx(then["production"] * a["jobs_per_1000"] / 1000)
    assert then["battery_gwh"] == pytest.approx(
        r.sales[-1] * a["electric_share_of_car_sales"] * a["pack_kwh"] / 1e6
    )
    # Today's production from the identity is close to GAIKINDO's reported 2025 production.
    reported = load("production_gaikindo", category="").loc[2025, "value"]
    assert block["today"]["production"] == pytest.approx(reported, rel=0.02)
    text = runner.invoke(app, ["gap", "--by", "2035"], env=WIDE).output
    assert "Industry" in text and "Japanese-brand sales" in text
