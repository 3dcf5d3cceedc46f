"""Provinces: the allocation model against hand calculations and invariants, and regional runs
against the embedded observations and the national run."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motorisasi.model.regions import books, ceilings, centred_log, headroom, logistic, shares_of
from motorisasi.scenario.schema import ScenarioError, load_scenario, with_regions


def test_three_provinces_by_hand():
    # Three provinces: population 1, 2 and 1 (millions), income 10, 20, 40 and density 100,
    # 1,000 and 10 people per km2; ownership 50, 100 and 80 per 1,000 in the base year.
    pop = np.array([1.0, 2.0, 1.0])
    income, density = np.array([10.0, 20.0, 40.0]), np.array([100.0, 1000.0, 10.0])
    w = pop / pop.sum()
    # Geometric means weighted by population: income 10^.25 20^.5 40^.25 = 20, density
    # 100^.25 1000^.5 10^.25 = 1000^.75 = 177.83
    assert math.isclose(np.exp(np.sum(w * np.log(income))), 20.0)
    inc_log = centred_log(income, pop)
    dens_log = centred_log(density, pop)
    assert np.allclose(inc_log, [math.log(0.5), 0.0, math.log(2.0)])
    assert np.allclose(
        dens_log, [math.log(100 / 1000**0.75), math.log(1000 / 1000**0.75), math.log(10 / 1000**0.75)]
    )
    gamma = ceilings(400.0, inc_log, dens_log, 0.2, 0.1)
    by_hand = [
        400 * (1 + 0.2 * math.log(0.5) - 0.1 * math.log(100 / 177.827941)),
        400 * (1 + 0.0 - 0.1 * math.log(1000 / 177.827941)),
        400 * (1 + 0.2 * math.log(2.0) - 0.1 * math.log(10 / 177.827941)),
    ]
    assert np.allclose(gamma, by_hand)  # 367.5, 330.9, 570.5
    base = np.array([50.0, 100.0, 80.0])
    national_base = float(np.sum(w * base))  # 82.5
    assert national_base == 82.5
    # The nation goes to 120 per 1,000: every province closes the same fraction of its headroom.
    own, h = headroom([national_base, 120.0], np.stack([w, w], axis=-1), base, gamma)
    room = np.sum(w * (np.array(by_hand) - base))
    h_hand = (np.sum(w * np.array(by_hand)) - 120.0) / room
    assert math.isclose(h[1], h_hand) and h[0] == pytest.approx(1.0)
    assert np.allclose(own[:, 1], np.array(by_hand) - (np.array(by_hand) - base) * h_hand)
    assert math.isclose(float(np.sum(w * own[:, 1])), 120.0)
    # The province with the most headroom (the rich, sparse third) gains the most per person.
    gains = own[:, 1] - base
    assert gains.argmax() == 2 and gains.argmin() == 1


def test_a_province_like_the_nation_follows_the_national_path():
    # Province 0 has the nation's income and density (the weighted geometric means) and
    # ownership; the others differ in both and in ownership; population shares constant.
    pop = np.array([2.0, 1.0, 1.0])
    income = np.array([20.0, 10.0, 40.0])  # geometric mean 20
    density = np.array([300.0, 3000.0, 30.0])  # geometric mean 300
    w = pop / pop.sum()
    assert np.allclose(centred_log(income, pop)[0], 0.0) and np.allclose(centred_log(density, pop)[0], 0.0)
    gamma = ceilings(500.0, centred_log(income, pop), centred_log(density, pop), 0.3, 0.1)
    assert gamma[0] == pytest.approx(500.0)
    others = np.array([40.0, 160.0])  # the weighted mean of the others is 100 too
    base = np.array([100.0, *others])
    national = np.array([100.0, 130.0, 180.0, 260.0, 330.0])
    shares = np.repeat(w[:, None], len(national), axis=1)
    own, _ = headroom(national, shares, base, gamma)
    np.testing.assert_allclose(own[0], national, rtol=1e-12)
    assert not np.allclose(own[1], national)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 8),
    seed=st.integers(0, 10_000),
    growth=st.floats(0.0, 0.8),
)
def test_provinces_add_up_to_the_nation(n, seed, growth):
    rng = np.random.default_rng(seed)
    # Each region's population grows smoothly at its own rate.
    pop = rng.uniform(0.5, 5.0, (n, 1)) * np.linspace(1.0, rng.uniform(1.0, 1.3, (n, 1)), 6, axis=1)[..., 0]
    shares = shares_of(pop)
    base = rng.uniform(5.0, 200.0, n)
    gamma = base * rng.uniform(1.5, 5.0, n)
    national0 = float(np.sum(shares[:, 0] * base))
    national = national0 * np.linspace(1.0, 1.0 + growth, 6)
    own, h = headroom(national, shares, base, gamma)
    np.testing.assert_allclose(np.sum(shares * own, axis=0), national, rtol=1e-12)
    assert h[0] == pytest.approx(1.0)  # the base year is where every province starts
    # The books: the register shared out, regional sales and fleets in use add up.
    registered = shares_of(pop * own) * (national * pop.sum(axis=0))
    in_use0 = registered[:, 0] * rng.uniform(0.5, 0.9)
    removals = np.full(6, registered[:, 0].sum() * 0.01)
    retire = np.full(6, in_use0.sum() * 0.03)
    sales = np.concatenate([[np.nan], np.diff(registered.sum(axis=0)) + removals[1:]])
    share, used, removed = books(registered, in_use0, sales, removals, retire)
    np.testing.assert_allclose(np.sum(share[:, 1:], axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.sum(removed[:, 1:], axis=0), 1.0, rtol=1e-12)
    nat_in_use = in_use0.sum() + np.concatenate([[0.0], np.cumsum(sales[1:] - retire[1:])])
    np.testing.assert_allclose(used.sum(axis=0), nat_in_use, rtol=1e-12)


def test_logistic_by_hand_and_when_the_nation_falls():
    # One step s moves every region up its own curve: v = g / (1 + (g / v_b - 1) e^-s).
    pop = np.array([[0.25], [0.75]])
    base, gamma = np.array([20.0, 200.0]), np.array([400.0, 500.0])
    national0 = float(0.25 * 20 + 0.75 * 200)  # 155
    s_known = 0.7
    v_known = gamma / (1 + (gamma / base - 1) * math.exp(-s_known))
    national1 = float(0.25 * v_known[0] + 0.75 * v_known[1])
    v, s = logistic([national0, national1], np.hstack([pop, pop]), base, gamma)
    assert s[0] == pytest.approx(0.0, abs=1e-12) and s[1] == pytest.approx(s_known, rel=1e-10)
    np.testing.assert_allclose(v[:, 1], v_known, rtol=1e-10)
    # Far below its ceiling a region grows almost in proportion (e^0.7 = 2.01 for the first).
    assert v_known[0] / 20 == pytest.approx(2.0, rel=0.05) and v_known[1] / 200 < 1.5
    # A nation at a tenth of its level takes every region down its curve, none below zero.
    v, s = logistic([national0, national0 / 10], np.hstack([pop, pop]), base, gamma)
    assert s[1] < 0 and (v > 0).all()
    assert float(np.sum(pop[:, 0] * v[:, 1])) == pytest.approx(national0 / 10, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 8), seed=st.integers(0, 10_000), change=st.floats(0.05, 0.95))
def test_logistic_adds_up_and_keeps_every_region_between_zero_and_its_ceiling(n, seed, change):
    rng = np.random.default_rng(seed)
    shares = shares_of(
        rng.uniform(0.5, 5.0, (n, 1)) * np.linspace(1.0, rng.uniform(0.9, 1.3, (n, 1)), 5, axis=1)[..., 0]
    )
    base = rng.uniform(1.0, 300.0, n)
    gamma = base * rng.uniform(1.2, 30.0, n)
    top = np.sum(shares * gamma[:, None], axis=0)
    national = np.sum(shares[:, :1] * base[:, None], axis=0) * np.linspace(1.0, 1.0, 5)
    national = np.minimum(national * np.array([1.0, 0.5, 1.5, 3.0, 10.0]), change * top)
    own, _ = logistic(national, shares, base, gamma)
    np.testing.assert_allclose(np.sum(shares * own, axis=0), national, rtol=1e-10)
    assert (own > 0).all() and (own < gamma[:, None]).all()


@pytest.fixture(scope="module")
def provinces_run():
    from motorisasi.scenario.run import run

    return run(with_regions(load_scenario("baseline"), "provinces"))


def test_observed_year_reproduces_the_embedded_register_and_population_shares(provinces_run):
    from motorisasi.data.store import load

    ds = provinces_run
    segments = {
        "cars": ["passenger_cars_registered_bps"],
        "commercial": ["buses_registered_bps", "trucks_registered_bps"],
        "motorcycles": ["motorcycles_registered_bps"],
    }
    for segment, series in segments.items():
        observed = sum(load(s, "IDN").xs(2025, level="year")["value"] for s in series)
        modelled = ds.region_registered_stock.sel(segment=segment, year=2025).to_series()
        observed = observed.reindex(modelled.index)
        np.testing.assert_allclose(modelled.values, observed.values, rtol=1e-12)
    pop = load("population_bps_projection", "IDN").xs(2025, level="year")["value"]
    shares = ds.region_population.sel(year=2025).to_series()
    shares = shares / shares.sum()
    pop = pop.reindex(shares.index)
    np.testing.assert_allclose(shares.values, (pop / pop.sum()).values, rtol=1e-12)


@pytest.mark.parametrize("name", ["baseline", "target-150", "ev-roadmap"])
@pytest.mark.parametrize("region_set", ["provinces", "provinces-34"])
def test_every_shipped_scenario_adds_up(name, region_set):
    from motorisasi.scenario.run import run
    from motorisasi.scenario.steps.regions import ADDS_UP

    ds = run(with_regions(load_scenario(name), region_set))
    assert ds.sizes["region"] == (38 if region_set == "provinces" else 34)
    for regional, national in ADDS_UP.items():
        total = ds[regional].sum("region", min_count=1)
        known = np.isfinite(total.values)
        nat = ds[national].transpose(*total.dims).values
        # Every province has a value in the last year wherever the nation has one.
        assert (known[..., -1] == np.isfinite(nat[..., -1])).all(), regional
        np.testing.assert_allclose(total.values[known], nat[known], rtol=1e-10, atol=1e-6, err_msg=regional)
    assert (ds.region_registered_stock.fillna(0) >= 0).all()
    assert (ds.region_in_use_stock.fillna(0) >= 0).all()
    assert (ds.region_sales_total.fillna(0) >= 0).all()
    # Each province keeps its register's books in the projection.
    future = ds.year.values[ds.year.values > int(ds.attrs["base_year"])]
    change = ds.region_registered_stock.diff("year").sel(year=future)
    flows = (ds.region_sales_total - ds.region_register_removals).sel(year=future)
    np.testing.assert_allclose(change.values, flows.values, rtol=1e-9, atol=1e-3)
    # ... and the books of its fleet in use.
    used = ds.region_in_use_stock.diff("year").sel(year=future)
    net = (ds.region_sales.sum("powertrain") - ds.region_retirements.sum("powertrain")).sel(year=future)
    np.testing.assert_allclose(used.values, net.transpose(*used.dims).values, rtol=1e-9, atol=1e-3)


def test_34_and_38_agree_in_the_observed_year():
    from motorisasi.scenario.run import run

    sc = load_scenario("baseline")
    a = run(with_regions(sc, "provinces")).region_registered_stock.sel(year=2025)
    b = run(with_regions(sc, "provinces-34")).region_registered_stock.sel(year=2025)
    papua = ["Papua", "Papua Selatan", "Papua Tengah", "Papua Pegunungan"]
    np.testing.assert_allclose(
        a.sel(region=papua).sum("region").values, b.sel(region="Papua (34-province basis)").values, rtol=1e-12
    )
    np.testing.assert_allclose(a.sel(region="Aceh").values, b.sel(region="Aceh").values, rtol=1e-12)


def test_a_ceiling_below_a_province_is_refused_in_one_line():
    from motorisasi.scenario.run import run

    sc = with_regions(load_scenario("baseline"), "provinces")
    low = sc.model_copy(
        update={"regions": sc.regions.model_copy(update={"saturation_per_1000": {"cars": 150.0}})}
    )
    with pytest.raises(
        ScenarioError, match=r"regions\.saturation_per_1000\.cars: DKI Jakarta already has 218"
    ):
        run(low)
    with pytest.raises(ScenarioError, match="not a region set"):
        with_regions(sc, "kabupaten")


def test_a_base_year_before_the_provincial_register_is_refused():
    from motorisasi.scenario.run import run

    sc = load_scenario("baseline")
    early = sc.model_copy(update={"years": sc.years.model_copy(update={"base": 2020})})
    with pytest.raises(ScenarioError, match="provincial register covers 2023-2025"):
        run(with_regions(early, "provinces"))


def test_cli_and_iamc_name_the_provinces(provinces_run):
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app
    from motorisasi.outputs.export import iamc

    result = CliRunner().invoke(app, ["run", "baseline", "--regions", "provinces", "--no-files"])
    assert result.exit_code == 0, result.output
    assert "38 provinces" in result.output
    table = iamc(provinces_run)
    assert {"IDN", "Aceh", "Papua Pegunungan"} <= set(table["region"])
    aceh = table[(table.region == "Aceh") & (table.variable == "Registered Stock|Passenger cars")]
    assert len(aceh) == 1 and np.isnan(aceh[2022].iloc[0]) and aceh[2025].iloc[0] > 0
    provinces = table[(table.region != "IDN") & (table.variable == "Registered Stock|Motorcycles")][
        2040
    ].sum()
    nation = table[(table.region == "IDN") & (table.variable == "Registered Stock|Motorcycles")][2040].iloc[0]
    assert provinces == pytest.approx(nation, rel=1e-9)
    bad = CliRunner().invoke(app, ["run", "baseline", "--regions", "kabupaten", "--no-files"])
    assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1
    draws = CliRunner().invoke(
        app, ["run", "baseline", "--regions", "provinces", "--draws", "10", "--no-files"]
    )
    assert draws.exit_code == 0, draws.output


def test_gap_by_province_is_the_national_path_shared_out():
    import json

    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app
    from motorisasi.scenario.gap import ownership_gap
    from motorisasi.scenario.gap_regions import regional_gap

    result = ownership_gap(150.0, 2030)
    g = regional_gap(result, "provinces")
    registered = np.array(g.registered)
    np.testing.assert_allclose(registered.sum(axis=0), [result.latest_stock, *result.stock], rtol=1e-12)
    assert sum(g.additional) == pytest.approx(result.extra_vehicles, rel=1e-9)
    own = np.array(g.ownership)
    for i, year in enumerate(g.reached):  # the first year at the target, or none by 2030
        if year is None:
            assert own[i].max() < 150.0
        else:
            j = g.years.index(year)
            assert own[i, j] >= 150.0 and (j == 0 or own[i, j - 1] < 150.0)
    # Observed base year: the provinces' 2025 four-wheel registers (cars, buses and trucks).
    from motorisasi.data.store import load

    four = sum(
        load(s, "IDN").xs(2025, level="year")["value"]
        for s in ("passenger_cars_registered_bps", "buses_registered_bps", "trucks_registered_bps")
    )
    np.testing.assert_allclose(registered[:, 0], four.reindex(g.names).values, rtol=1e-12)
    out = CliRunner().invoke(app, ["gap", "--regions", "provinces", "--json"])
    assert out.exit_code == 0
    parsed = json.loads(out.output)
    assert len(parsed["regions"]["names"]) == 38
    one = CliRunner().invoke(app, ["gap", "--region", "jawa barat"])
    assert one.exit_code == 0 and "Jawa Barat" in one.output
    bad = CliRunner().invoke(app, ["gap", "--region", "Atlantis"])
    assert bad.exit_code != 0 and "unknown province 'Atlantis'" in bad.output


@pytest.mark.parametrize("lang", ["id"])
def test_the_report_maps_the_provinces_and_ranks_the_additional_vehicles(lang):
    from motorisasi.report.document import build, to_html
    from motorisasi.scenario.gap import ownership_gap
    from motorisasi.scenario.gap_regions import regional_gap

    report = build(["baseline"], lang)
    html = to_html(report, lang)
    assert "<h2>Provinsi</h2>" in html and "<h2>Provinces</h2>" in to_html(report, "en")
    assert len(report.province_maps) == 2 and len(report.province_rows) == 38
    g = regional_gap(ownership_gap(150.0, 2030), "provinces")
    first = int(np.argmax(g.additional))
    assert report.province_rows[0][0] == g.names[first]
    # Each province is one tile of the map, coloured by its own value.
    fig = report.province_figures["provinces_level"]
    tiles = [p for p in fig.axes[0].patches if str(p.get_gid()).startswith("tile:")]
    assert len(tiles) == 38
    report.close()


def test_the_tile_map_puts_every_province_on_its_own_square():
    from motorisasi.scenario.regions import ISO_CODES, PROVINCES, TILES

    assert len({TILES[p] for p in PROVINCES}) == 38
    assert len({ISO_CODES[p] for p in PROVINCES}) == 38


def test_the_regional_backtest_scores_against_a_direct_calculation():
    import json

    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app
    from motorisasi.scenario.regions import region_data
    from motorisasi.scenario.regions_backtest import regions_backtest

    bt = regions_backtest("baseline", "provinces-34")
    assert bt.origins == [2023, 2024] and bt.n == {1: 2, 2: 1}
    # 'same shares' from 2023 to 2025, computed here from the data directly.
    data = region_data("provinces-34")
    cars = data.register["passenger_cars_registered_bps"]  # (34, 2023-2025)
    forecast = cars[:, 0] / cars[:, 0].sum() * cars[:, 2].sum()
    expected = 100 * np.mean(np.abs(forecast - cars[:, 2]) / cars[:, 2])
    assert bt.mape["same_shares"]["cars"][2] == pytest.approx(expected, rel=1e-12)
    for segment in bt.segments:
        for horizon in bt.n:
            best = bt.best(segment, horizon)
            assert all(bt.mape[best][segment][horizon] <= bt.mape[m][segment][horizon] for m in bt.models)
    out = CliRunner().invoke(app, ["backtest", "--regions", "provinces-34", "--json"])
    assert out.exit_code == 0 and json.loads(out.output)["models"] == bt.models
    table = CliRunner().invoke(app, ["backtest", "--regions", "provinces-34"])
    assert table.exit_code == 0 and "same shares" in table.output


def test_the_allocation_is_chosen_by_the_scenario():
    from motorisasi.scenario.run import run

    sc = with_regions(load_scenario("baseline"), "provinces")
    shares = {}
    for model in ("logistic", "headroom", "same_ownership", "same_shares"):
        ds = run(sc.model_copy(update={"regions": sc.regions.model_copy(update={"model": model})}))
        share = ds.region_registered_stock.sel(segment="cars") / ds.registered_stock.sel(segment="cars")
        shares[model] = share.sel(year=[2025, 2060]).values
    np.testing.assert_allclose(shares["same_shares"][:, 1], shares["same_shares"][:, 0], rtol=1e-12)
    for model in shares:  # every allocation starts from the observed base year
        np.testing.assert_allclose(shares[model][:, 0], shares["headroom"][:, 0], rtol=1e-12)
    assert not np.allclose(shares["headroom"][:, 1], shares["same_ownership"][:, 1])
    assert not np.allclose(shares["logistic"][:, 1], shares["headroom"][:, 1])


def test_compare_by_province():
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app
    from motorisasi.outputs.messages import number
    from motorisasi.scenario.run import run
    from motorisasi.scenario.steps.regions import province_view

    out = CliRunner().invoke(app, ["compare", "baseline", "target-150", "--region", "jawa barat"])
    assert out.exit_code == 0, out.output
    ds = province_view(run(with_regions(load_scenario("target-150"), "provinces")), "Jawa Barat")
    four = [s for s in ds["segment"].values if s != "motorcycles"]
    per_1000 = (
        1000 * ds["registered_stock"].sel(segment=four, year=2030).sum() / ds["population"].sel(year=2030)
    )
    assert "Jawa Barat" in out.output and number(float(per_1000), "en", 1) in out.output
    papua = CliRunner().invoke(
        app, ["compare", "baseline", "target-150", "--region", "Papua (34-province basis)"]
    )
    assert papua.exit_code == 0
    bad = CliRunner().invoke(app, ["compare", "baseline", "target-150", "--region", "Atlantis"])
    assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1


def test_provinces_in_an_ensemble_equal_single_runs_and_add_up_in_every_draw():
    from motorisasi.scenario.run import run
    from motorisasi.scenario.uncertainty import sample, value_at

    sc = with_regions(load_scenario("baseline"), "provinces")
    single = run(sc)
    at_written = {p: np.full(3, float(value_at(sc, p))) for p in sc.uncertainty}
    batched = run(sc, draws=at_written)
    for name in (
        "region_registered_stock",
        "region_ownership_per_1000",
        "region_sales_total",
        "region_co2_ttw",
    ):
        for i in range(3):
            np.testing.assert_allclose(
                batched[name].isel(draw=i).values, single[name].values, rtol=1e-12, equal_nan=True
            )
    # Draws that differ: every draw's provinces add up to that draw's nation.
    draws = sample(sc.uncertainty, 6, seed=3, sampler="random")
    ds = run(sc, draws=draws)
    total = ds["region_registered_stock"].sum("region", min_count=1)
    known = np.isfinite(total.values)
    nat = ds["registered_stock"].transpose(*total.dims).values
    np.testing.assert_allclose(total.values[known], nat[known], rtol=1e-10)
    assert not np.allclose(
        ds["region_registered_stock"].isel(draw=0).sel(year=2060).values,
        ds["region_registered_stock"].isel(draw=1).sel(year=2060).values,
    )
    assert "region_stock" not in ds  # by powertrain: single runs only


def test_bottom_up_the_provinces_drive_the_nation():
    import json

    from motorisasi.scenario.run import run

    sc = with_regions(load_scenario("baseline"), "provinces")
    up = sc.model_copy(update={"regions": sc.regions.model_copy(update={"drive": "bottom_up"})})
    ds = run(up)
    notes = json.loads(ds.attrs["regions"])
    assert notes["drive"] == "bottom_up" and set(notes["fitted"]) == {"cars", "commercial", "motorcycles"}
    # Each province moves up its S-curve as income grows: v = g / (1 + (g / v_b - 1) (y / y_b)^-lambda).
    lam = notes["income_response"]["cars"]
    ceiling = ds["region_ceiling"].sel(segment="cars")
    own = ds["region_ownership_per_1000"].sel(segment="cars")
    y = ds["gdp_per_capita"]
    odds = (y.sel(year=2045) / y.sel(year=2025)) ** -lam
    expected = ceiling / (1 + (ceiling / own.sel(year=2025) - 1) * odds)
    np.testing.assert_allclose(own.sel(year=2045).values, expected.values, rtol=1e-6)
    # The response is the least-squares fit through the origin of the nation's log-odds step
    # since 2010 on log income: its residuals are orthogonal to log income.
    years = np.arange(2010, 2026)
    national = ds["ownership_per_1000"].sel(segment="cars", year=years).values
    pop25 = ds["region_population"].sel(year=2025)
    gamma = float((ceiling * pop25).sum() / pop25.sum())
    x = np.log(y.sel(year=years).values / y.sel(year=2025).item())
    z = np.log(national / (gamma - national)) - np.log(national[-1] / (gamma - national[-1]))
    assert abs(np.sum(x * (z - lam * x))) < 1e-9
    # A given response is used as given.
    given = up.model_copy(
        update={"regions": up.regions.model_copy(update={"income_response": {"cars": 3.0}})}
    )
    faster = run(given)
    assert json.loads(faster.attrs["regions"])["income_response"]["cars"] == 3.0
    assert faster["ownership_per_1000"].sel(segment="cars", year=2060) > ds["ownership_per_1000"].sel(
        segment="cars", year=2060
    )


@pytest.mark.parametrize(
    "case, says",
    [
        ("area", "land_area_bps: no year has a value for every province (Aceh has none in 2023"),
        ("cars", "passenger_cars_registered_bps: no value for Aceh in 2023 (38-province layout)"),
        ("zero_split", "buses_registered_bps for Papua Barat in 2025 is 0"),
        ("zero_population", "population_projection_sp2020_province for Aceh in 2020 is 0"),
    ],
)
def test_a_data_folder_short_of_provincial_data_is_one_line_naming_it(tmp_path, case, says):
    import shutil

    import pandas as pd
    from typer.testing import CliRunner

    from motorisasi.data.store import EMBEDDED
    from motorisasi.outputs.cli import app

    folder = tmp_path / "data"
    shutil.copytree(EMBEDDED, folder)
    d = pd.read_csv(folder / "provinces.csv", dtype=str, keep_default_na=False)
    if case == "area":
        d = d[~((d.series == "land_area_bps") & (d.region == "Aceh"))]
    elif case == "cars":
        d = d[~((d.series == "passenger_cars_registered_bps") & (d.region == "Aceh"))]
    elif case == "zero_split":
        papua = (
            (d.series == "buses_registered_bps") & (d.year == "2025") & d.region.str.startswith("Papua Barat")
        )
        d.loc[papua, "value"] = "0"
    else:
        d.loc[(d.series == "population_projection_sp2020_province") & (d.region == "Aceh"), "value"] = "0"
    d.to_csv(folder / "provinces.csv", index=False, lineterminator="\n")
    result = CliRunner().invoke(app, ["run", "--regions", "provinces", "--data", str(folder), "--no-files"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and says in lines[0], result.output
    # The national run does not read the provincial data.
    assert CliRunner().invoke(app, ["run", "--data", str(folder), "--no-files"]).exit_code == 0


def test_a_regions_key_that_is_not_a_segment_is_refused(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(
        "extends: baseline\nname: typo\nregions:\n  saturation_per_1000: {car: 500}\n", encoding="utf-8"
    )
    with pytest.raises(ScenarioError, match=r"regions\.saturation_per_1000: 'car' is not a segment"):
        load_scenario(path)


def test_the_check_catches_a_province_without_values_or_off_its_books(provinces_run):
    from motorisasi.scenario.steps.checks import RunCheckError, check

    lost = provinces_run.copy(deep=True)
    lost["region_sales_total"].loc[dict(region="Aceh", year=2030)] = np.nan
    with pytest.raises(RunCheckError, match="a province has no sales_total"):
        check(lost)
    moved = provinces_run.copy(deep=True)
    removals = moved["region_register_removals"]
    at = dict(segment="cars", year=2040)
    shift = 0.5 * float(removals.sel(region="Bali", **at))
    removals.loc[dict(region="Bali", **at)] -= shift
    removals.loc[dict(region="Aceh", **at)] += shift  # still adds up, but off both provinces' books
    with pytest.raises(RunCheckError, match="does not keep its books"):
        check(moved)


def test_gap_region_names_layouts_ceilings_and_json():
    import json

    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    runner = CliRunner()
    spaced = runner.invoke(app, ["gap", "--region", "  jawa barat  "])
    assert spaced.exit_code == 0 and "Jawa Barat" in spaced.output
    old = runner.invoke(app, ["gap", "--region", "Papua (34-province basis)", "--json"])
    assert old.exit_code == 0
    one = json.loads(old.output)["regions"]
    assert one["name"] == "Papua (34-province basis)" and one["region_set"] == "provinces-34"
    assert isinstance(one["ownership"], list) and len(one["ownership"]) == len(one["years"])
    high = runner.invoke(app, ["gap", "--target", "700", "--by", "2060", "--regions", "provinces"])
    assert high.exit_code == 2 and "--saturation: in " in high.output
    raised = runner.invoke(
        app, ["gap", "--target", "700", "--by", "2060", "--regions", "provinces", "--saturation", "1200"]
    )
    assert raised.exit_code == 0, raised.output
    bad = runner.invoke(app, ["gap", "--regions", "provinces", "--saturation", "-3"])
    assert bad.exit_code == 2 and "--saturation: -3" in bad.output


def test_the_workbook_keeps_the_ceilings(provinces_run):
    import io

    import pandas as pd

    from motorisasi.outputs.export import _excel_bytes

    book = pd.read_excel(io.BytesIO(_excel_bytes(provinces_run)), sheet_name=None)
    ceilings = book["region_ceilings"]
    assert len(ceilings) == 38 * 3 and set(ceilings["variable"]) == {"region_ceiling"}
    aceh = ceilings[(ceilings.region == "Aceh") & (ceilings.segment == "cars")]["value"].item()
    assert aceh == pytest.approx(provinces_run["region_ceiling"].sel(region="Aceh", segment="cars").item())
    wide = book["regions"]
    assert 2060 in wide.columns and "region_ceiling" not in set(wide["variable"])


def test_an_extending_scenario_marks_only_the_reason_of_what_it_changes(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "extends: baseline\nname: p\nregions:\n  saturation_reason: mine\n  weights_reason: ours\n",
        encoding="utf-8",
    )
    (tmp_path / "c.yaml").write_text(
        "extends: p.yaml\nname: c\nregions: {set: provinces-34}\n", encoding="utf-8"
    )
    (tmp_path / "d.yaml").write_text(
        "extends: p.yaml\nname: d\nregions: {income_weight: 0.3}\n", encoding="utf-8"
    )
    c = load_scenario(tmp_path / "c.yaml").regions
    assert (c.saturation_reason, c.weights_reason) == ("mine", "ours")
    d = load_scenario(tmp_path / "d.yaml").regions
    assert d.saturation_reason == "mine" and d.weights_reason.startswith(
        "changed by the extending scenario (income_weight)"
    )


def test_with_the_bps_national_population_the_provinces_are_bps_to_the_person(tmp_path):
    """The provinces' populations are the national series split by BPS's shares: where the national
    series is BPS's own total, they are BPS's provincial figures themselves."""
    import shutil

    from motorisasi.data.store import EMBEDDED, load
    from motorisasi.scenario.run import run

    bps = load("population_bps_projection", "IDN").xs(2025, level="year")["value"]
    folder = tmp_path / "data"
    shutil.copytree(EMBEDDED, folder)
    path = folder / "harmonised.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("IDN,,population,,2025,"))
    fields = lines[at].split(",")
    fields[5] = str(int(bps.sum()))
    lines[at] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = run(with_regions(load_scenario("baseline"), "provinces"), data_dir=folder)
    modelled = ds["region_population"].sel(year=2025).to_series()
    np.testing.assert_allclose(modelled.values, bps.reindex(modelled.index).values, rtol=1e-12)
