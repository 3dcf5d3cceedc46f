"""Uncertain inputs, ensembles and Sobol sensitivity: the batched run equals single runs to the
bit, the indices reproduce an analytic case, and bad uncertainty sections fail in one line."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from typer.testing import CliRunner

from motorisasi.outputs.cli import app
from motorisasi.scenario.ensemble import ensemble
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import ScenarioError, load_scenario
from motorisasi.scenario.sensitivity import scenario_sensitivity, sobol_indices
from motorisasi.scenario.uncertainty import sample, value_at

runner = CliRunner()

UNCERTAIN = """
uncertainty:
  segments.cars.lifetime.mean_years: {distribution: normal, mean: 20, sd: 3, reason: test}
  segments.cars.lifetime.std_years: {distribution: uniform, low: 4, high: 8, reason: test}
  segments.motorcycles.lifetime.mean_years:
    {distribution: triangular, low: 12, mode: 15, high: 20, reason: test}
  drivers.income_growth_pct: {distribution: triangular, low: 2, mode: 3.6, high: 5, reason: test}
  segments.cars.km_per_year: {distribution: lognormal, mean: 10600, sd: 1500, reason: test}
"""


def scenario_file(tmp_path, parent: str, extra: str = UNCERTAIN, name: str | None = None):
    """``parent`` without its uncertain inputs (``uncertainty: {}``), then with ``extra``'s."""
    name = name or parent
    clean = tmp_path / f"{name}-certain.yaml"
    clean.write_text(f"extends: {parent}\nname: {name}-certain\nuncertainty: {{}}\n", encoding="utf-8")
    path = tmp_path / f"{name}-u.yaml"
    path.write_text(f"extends: {clean.name}\nname: {name}-u\n{extra}", encoding="utf-8")
    return path


def assert_draws_equal_single(single, batched, n):
    checked = 0
    for name in batched.data_vars:
        if "draw" not in batched[name].dims:
            assert np.array_equal(single[name].values, batched[name].values, equal_nan=True), name
            continue
        for i in range(n):
            # Bit for bit: the batch adds up every draw as a run alone would.
            assert np.array_equal(single[name].values, batched[name].isel(draw=i).values, equal_nan=True), (
                name,
                i,
            )
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("parent", ["baseline", "target-150", "ev-roadmap"])
def test_identical_draws_equal_single_runs_bit_for_bit(tmp_path, parent):
    sc = load_scenario(scenario_file(tmp_path, parent))
    single = run(sc)
    for n in (1, 3):
        at_written = {p: np.full(n, float(value_at(sc, p))) for p in sc.uncertainty}
        batched = run(sc, draws=at_written)
        assert batched.sizes["draw"] == n
        assert_draws_equal_single(single, batched, n)


def test_each_draw_equals_a_single_run_with_its_values(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    draws = sample(sc.uncertainty, 4, seed=7, sampler="random")
    batched = run(sc, draws=draws)
    for i in (0, 3):
        alone = run(sc, draws={p: v[i : i + 1] for p, v in draws.items()})
        for name in ("registered_stock", "sales", "energy", "co2_wtw", "km_factor"):
            assert np.array_equal(
                alone[name].isel(draw=0).values, batched[name].isel(draw=i).values, equal_nan=True
            )


def test_ensemble_is_the_same_for_any_chunk_size_and_seed_reproducible(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    a = ensemble(sc, 9, seed=3, chunk=4, threads=1)
    b = ensemble(sc, 9, seed=3, chunk=9)
    c = ensemble(sc, 9, seed=4, chunk=9)
    # Chunks of 2 on three threads: chunks finish out of order, the draws must not.
    d = ensemble(sc, 9, seed=3, chunk=2, threads=3, keep_draws=True)
    e = ensemble(sc, 9, seed=3, chunk=9, threads=1, keep_draws=True)
    for name in ("ownership_per_1000", "co2_ttw", "energy"):
        assert np.array_equal(a[name].values, b[name].values, equal_nan=True)
        assert np.array_equal(d[name].values, e[name].values, equal_nan=True)
    assert not np.array_equal(a["co2_ttw"].values, c["co2_ttw"].values, equal_nan=True)
    assert list(a["quantile"].values) == [0.05, 0.25, 0.5, 0.75, 0.95]
    q = a["ownership_per_1000"].sel(segment="cars", year=2050).values
    assert np.all(np.diff(q) >= 0) and q[-1] > q[0]  # ordered quantiles with a spread


def test_quantiles_are_those_of_the_kept_draws(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    kept = ensemble(sc, 16, seed=1, keep_draws=True)
    summary = ensemble(sc, 16, seed=1)
    values = kept["co2_ttw"].sel(segment="cars", year=2040).values
    expected = np.quantile(values, [0.05, 0.25, 0.5, 0.75, 0.95])
    assert np.allclose(summary["co2_ttw"].sel(segment="cars", year=2040).values, expected, rtol=1e-12)
    inputs = kept["input__segments.cars.lifetime.mean_years"].values
    assert inputs.shape == (16,) and inputs.std() > 1  # the draws of the input are kept beside


def test_longer_lifetimes_keep_more_cars_in_use_and_income_raises_modelled_ownership(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    fixed = {p: np.full(3, float(value_at(sc, p))) for p in sc.uncertainty}
    longer = dict(fixed, **{"segments.cars.lifetime.mean_years": np.array([14.0, 20.0, 26.0])})
    ds = run(sc, draws=longer)
    in_use = ds["in_use_stock"].sel(segment="cars", year=2040).values
    assert in_use[0] < in_use[1] < in_use[2]
    target = load_scenario(scenario_file(tmp_path, "target-150"))
    fixed = {p: np.full(3, float(value_at(target, p))) for p in target.uncertainty}
    richer = dict(fixed, **{"drivers.income_growth_pct": np.array([2.0, 3.6, 5.0])})
    own = run(target, draws=richer)["ownership_per_1000"].sel(segment="cars", year=2060).values
    assert own[0] < own[1] < own[2]  # after the target, ownership follows the income model


def test_sobol_indices_reproduce_the_ishigami_function():
    # Analytic values for a = 7, b = 0.1 (Ishigami and Homma 1990; Sobol' and Levitan 1999).
    from SALib.test_functions import Ishigami

    dists = [stats.uniform(-np.pi, 2 * np.pi)] * 3
    found = sobol_indices(Ishigami.evaluate, dists, ["x1", "x2", "x3"], n_base=4096, seed=1)
    assert np.allclose(found.first, [0.3139, 0.4424, 0.0], atol=0.03)
    assert np.allclose(found.total, [0.5576, 0.4424, 0.2437], atol=0.03)
    assert found.runs == 4096 * 5
    assert found.ranked()[0] == 0


def test_sensitivity_ranks_the_dominant_input_first(tmp_path):
    extra = """
uncertainty:
  segments.cars.demand.growth_pct: {distribution: uniform, low: -3, high: 5, reason: test}
  segments.cars.lifetime.std_years: {distribution: uniform, low: 5.9, high: 6.1, reason: test}
  segments.motorcycles.km_per_year: {distribution: uniform, low: 5000, high: 6000, reason: test}
"""
    sc = load_scenario(scenario_file(tmp_path, "baseline", extra))
    found = scenario_sensitivity(sc, "sales_total", 2040, {"segment": "cars"}, n_base=64, seed=2)
    assert found.names[found.ranked()[0]] == "segments.cars.demand.growth_pct"
    assert found.total[0] > 0.9
    assert found.total[2] == pytest.approx(0.0, abs=1e-12)  # motorcycle distance cannot move car sales


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("segments.cars.lifetime.mean_years: {distribution: normal, mean: 20, reason: x}", "sd is missing"),
        (
            "segments.cars.lifetime.mean_years: {distribution: normal, mean: 20, sd: 10, reason: x}",
            "lowest draws",
        ),
        ("segments.cars.nothing: {distribution: uniform, low: 1, high: 2, reason: x}", "cannot vary"),
        ("segments.bikes.km_per_year: {distribution: uniform, low: 1, high: 2, reason: x}", "no 'bikes'"),
        ("segments.cars.label: {distribution: uniform, low: 1, high: 2, reason: x}", "cannot vary"),
        ("drivers.income_growth_pct: {distribution: uniform, low: 3, high: 2, reason: x}", "must be below"),
        ("drivers.income_growth_pct: {distribution: uniform, low: 1, high: 2}", "reason"),
        (
            "drivers.income_growth_pct: {distribution: uniform, low: 1, high: 2, mean: 1, reason: x}",
            "not used",
        ),
    ],
)
def test_a_bad_uncertainty_entry_is_one_line_naming_it(tmp_path, entry, says):
    path = scenario_file(tmp_path, "baseline", f"uncertainty:\n  {entry}\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    text = str(err.value)
    assert says in text and "\n" not in text and path.name in text
    result = runner.invoke(app, ["run", str(path), "--draws", "4", "--out", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert says in result.output and "Traceback" not in result.output


def test_run_draws_without_an_uncertainty_section_says_so(tmp_path):
    path = scenario_file(tmp_path, "baseline", "")
    result = runner.invoke(app, ["run", str(path), "--draws", "4", "--out", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "no 'uncertainty' section" in result.output
    assert not (tmp_path / "o").exists()


def test_run_draws_writes_quantiles_and_prints_ranges(tmp_path):
    path = scenario_file(tmp_path, "baseline")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(path), "--draws", "8", "--seed", "2", "--out", str(out), "--lang", "id"]
    )
    assert result.exit_code == 0, result.output
    assert "undian" in result.output and "rentang 90 %" in result.output
    table = pd.read_csv(out / "baseline-u_ensemble.csv")
    assert set(table["quantile"].dropna()) == {0.05, 0.25, 0.5, 0.75, 0.95}
    mid = table.query(
        "variable == 'ownership_per_1000' and segment == 'cars' and year == 2040 and quantile == 0.5"
    )
    assert len(mid) == 1
    import xarray as xr

    for chart in ("ownership", "co2"):
        assert (out / f"baseline-u_ensemble_{chart}.png").read_bytes()[:4] == b"\x89PNG"
    with xr.open_dataset(out / "baseline-u_ensemble.nc") as ds:
        assert ds.attrs["draws"] == 8 and ds.attrs["seed"] == 2
        assert float(ds["ownership_per_1000"].sel(segment="cars", year=2040, quantile=0.5)) == pytest.approx(
            float(mid["value"].iloc[0]), rel=1e-9
        )


def test_sensitivity_command_prints_json_and_a_chart(tmp_path):
    path = scenario_file(tmp_path, "baseline")
    chart = tmp_path / "s.png"
    args = ["sensitivity", str(path), "--output", "co2_ttw", "--year", "2035", "--base-samples", "16"]
    result = runner.invoke(app, [*args, "--json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["runs"] == 16 * 7 and len(found["inputs"]) == 5
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = runner.invoke(app, [*args, "--segment", "trucks"])
    assert bad.exit_code != 0 and "'trucks' is not one of" in bad.output
    bad = runner.invoke(app, [*args[:-1], "3000"])
    assert bad.exit_code != 0 and "--base-samples" in bad.output


@settings(max_examples=8, deadline=None)
@given(
    mean=st.lists(st.floats(8, 40), min_size=2, max_size=2),
    growth=st.lists(st.floats(-10, 8), min_size=2, max_size=2),
    bev=st.lists(st.floats(0.0, 0.8), min_size=2, max_size=2),
)
def test_invariants_hold_in_every_draw(mean, growth, bev):
    draws = {
        "segments.cars.lifetime.mean_years": np.array(mean),
        "segments.cars.demand.growth_pct": np.array(growth),
        "segments.cars.powertrains.BEV.share.2025": np.array(bev),
    }
    ds = run(load_scenario("baseline"), draws=draws)  # the run checks mass balance and share sums
    future = ds["year"] > ds.attrs["base_year"]
    shares = ds["sales_share"].sel(segment="cars").where(future).sum("powertrain", min_count=1)
    assert np.allclose(shares.dropna("year").values, 1.0)
    assert float(ds["stock"].min()) >= -1e-6
    assert float(ds["registered_stock"].min()) >= 0
    assert np.all(np.isfinite(ds["co2_ttw"].sel(year=2050).values))
    bev_share = ds["sales_share"].sel(segment="cars", powertrain="BEV", year=2030).values
    assert np.allclose(bev_share, bev, rtol=0, atol=1e-12)  # the path is held after its last year


def test_ensemble_output_csv_has_no_live_formula(tmp_path):
    path = scenario_file(tmp_path, "baseline")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(path), "--draws", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "baseline-u_ensemble.csv").read_text(encoding="utf-8")
    frame = pd.read_csv(io.StringIO(text))
    assert (
        not frame.select_dtypes(["object", "string"])
        .apply(lambda c: c.astype(str).str.startswith("="))
        .any()
        .any()
    )


def test_a_dask_cluster_gives_the_same_results_as_one_process(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    alone = ensemble(sc, 12, seed=5, chunk=5)
    cluster = distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        spread = ensemble(sc, 12, seed=5, chunk=5, client=client)
    for name in ("ownership_per_1000", "co2_wtw", "energy", "sales_share"):
        assert np.array_equal(alone[name].values, spread[name].values, equal_nan=True)


def test_workers_and_scheduler_options_fail_in_one_line(tmp_path):
    path = scenario_file(tmp_path, "baseline")
    both = runner.invoke(
        app, ["run", str(path), "--draws", "4", "--workers", "1", "--scheduler", "tcp://x:1"]
    )
    assert both.exit_code != 0 and "not both" in both.output
    gone = runner.invoke(
        app,
        ["run", str(path), "--draws", "4", "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "o")],
    )
    assert (
        gone.exit_code != 0 and "--scheduler: cannot reach" in gone.output and "Traceback" not in gone.output
    )


def test_an_extending_scenario_adds_replaces_and_drops_uncertain_entries(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text(
        "extends: baseline\nname: child\nuncertainty:\n"
        "  segments.cars.lifetime.mean_years: {distribution: uniform, low: 15, high: 25, reason: mine}\n"
        "  drivers.income_growth_pct: null\n"
        "  segments.cars.km_per_year: {distribution: uniform, low: 9000, high: 12000, reason: mine}\n",
        encoding="utf-8",
    )
    sc = load_scenario(child)
    base = load_scenario("baseline")
    assert "drivers.income_growth_pct" in base.uncertainty
    assert "drivers.income_growth_pct" not in sc.uncertainty
    replaced = sc.uncertainty["segments.cars.lifetime.mean_years"]
    assert replaced.distribution == "uniform" and replaced.mode is None  # replaced whole, not merged
    assert (
        sc.uncertainty["segments.motorcycles.lifetime.mean_years"]
        == base.uncertainty["segments.motorcycles.lifetime.mean_years"]
    )
    assert "segments.cars.km_per_year" in sc.uncertainty


def test_gap_over_draws_agrees_with_single_runs_at_the_written_values(tmp_path):
    from motorisasi.scenario.gap_draws import gap_draws

    extra = """
uncertainty:
  segments.cars.lifetime.std_years: {distribution: uniform, low: 5.999999, high: 6.000001, reason: test}
"""
    sc = load_scenario(scenario_file(tmp_path, "baseline", extra))
    found = gap_draws(sc, 120.0, 2030, 4, seed=1)
    single = run(load_scenario("baseline"))
    segments = [s for s in single["segment"].values if s != "motorcycles"]
    own = 1000 * single["registered_stock"].sel(segment=segments).sum("segment") / single["population"]
    later = own.where(own["year"] > 2025, drop=True)
    first = int(later["year"][(later >= 120).values][0])
    assert found["year_reached"]["p50"] == first and found["share_not_reached"] == 0
    # Reaching 150 by 2030: the shipped target-150 scenario asks the same of cars (124.31 per 1,000).
    found = gap_draws(sc, 150.0, 2030, 4, seed=1)
    target = run(load_scenario("target-150"))["sales_total"].sel(segment="cars")
    growth = 100 * ((float(target.sel(year=2030)) / float(target.sel(year=2025))) ** 0.2 - 1)
    assert found["needed_growth_pct"]["p50"] == pytest.approx(growth, abs=0.01)
    assert found["share_not_reached"] == 1.0  # held sales do not get there by 2060


def test_gap_draws_command_gives_ranges_in_both_languages_and_json(tmp_path):
    en = runner.invoke(app, ["gap", "--draws", "8", "--target", "120", "--by", "2035"])
    assert en.exit_code == 0, en.output
    text = " ".join(en.output.split())  # the console wraps long lines
    assert "90 % range" in text and "sales of cars growing" in text
    assert "is reached in 2043" in text  # a year, not a number with separators
    ind = runner.invoke(app, ["gap", "--draws", "8", "--lang", "id"])
    assert ind.exit_code == 0 and "rentang 90 %" in " ".join(ind.output.split())
    js = runner.invoke(app, ["gap", "--draws", "8", "--json"])
    found = json.loads(js.stdout)
    assert found["draws"] == 8 and set(found["needed_growth_pct"]) == {"p5", "p50", "p95"}
    bad = runner.invoke(app, ["gap", "--draws", "8", "--by", "2020"])
    assert bad.exit_code != 0 and "--by: 2020" in bad.output


def test_fitted_ownership_parameters_are_drawn_jointly_and_equal_the_fit_at_its_values(tmp_path):
    from motorisasi.scenario.steps.demand import _ownership_fit
    from motorisasi.scenario.uncertainty import ownership_model_at

    extra = """
uncertainty:
  segments.cars.demand.after_model: {distribution: fitted, reason: test}
"""
    sc = load_scenario(scenario_file(tmp_path, "target-150", extra))
    fit = _ownership_fit(ownership_model_at(sc, "segments.cars.demand.after_model"), sc, None)
    names = [*fit.params, *fit.fixed]
    at_fit = {"segments.cars.demand.after_model": {k: np.full(3, fit.value(k)) for k in names}}
    single, batched = run(sc), run(sc, draws=at_fit)
    assert_draws_equal_single(single, batched, 3)
    kept = ensemble(sc, 400, seed=2, keep_draws=True)
    drawn = {k: kept[f"input__segments.cars.demand.after_model.{k}"].values for k in fit.params}
    for k in fit.params:  # Krinsky-Robb: centred on the estimate, spread by its standard error
        assert abs(drawn[k].mean() - fit.value(k)) < 0.25 * fit.stderr[k] + 1e-12
    keys = list(fit.params)
    i, j = 0, 1
    expected = fit.covariance[i, j] / np.sqrt(fit.covariance[i, i] * fit.covariance[j, j])
    found = np.corrcoef(drawn[keys[i]], drawn[keys[j]])[0, 1]
    assert abs(found - expected) < 0.2  # the correlation of the estimates is kept
    own = kept["ownership_per_1000"].sel(segment="cars", year=2050).values
    assert own.std() > 1.0  # the fit's uncertainty reaches the path after the target


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("segments.cars.demand: {distribution: fitted, reason: x}", "is 'sales_growth'"),
        ("segments.cars.demand.after_model: {distribution: fitted, reason: x}", "no ownership model after"),
        (
            "segments.cars.demand: {distribution: uniform, low: 1, high: 2, reason: x}",
            "takes distribution 'fitted'",
        ),
        ("segments.cars.km_per_year: {distribution: fitted, reason: x}", "is for segments.NAME.demand"),
    ],
)
def test_a_misplaced_fitted_entry_is_one_line(tmp_path, entry, says):
    path = scenario_file(tmp_path, "baseline", f"uncertainty:\n  {entry}\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_sensitivity_takes_a_fitted_model_as_one_input(tmp_path):
    extra = """
uncertainty:
  segments.cars.demand.after_model: {distribution: fitted, reason: test}
  segments.cars.lifetime.std_years: {distribution: uniform, low: 5.5, high: 6.5, reason: test}
"""
    sc = load_scenario(scenario_file(tmp_path, "target-150", extra))
    found = scenario_sensitivity(sc, "ownership_per_1000", 2050, {"segment": "cars"}, n_base=16, seed=1)
    assert found.names == ("segments.cars.demand.after_model", "segments.cars.lifetime.std_years")
    assert found.runs == 16 * 4  # two inputs: the model's parameters count as one
    assert found.total[0] > 0.9 and found.total[1] < 0.01  # after 2030 the model sets ownership


def test_parameters_from_normals_keep_the_fits_mean_and_covariance():
    from motorisasi.model.ownership_fit import parameters_from_normals
    from motorisasi.scenario.steps.demand import _ownership_fit
    from motorisasi.scenario.uncertainty import ownership_model_at

    sc = load_scenario("target-150")
    fit = _ownership_fit(ownership_model_at(sc, "segments.cars.demand.after_model"), sc, None)
    z = np.random.default_rng(0).standard_normal((20_000, len(fit.params)))
    drawn = parameters_from_normals(fit, z)
    values = np.column_stack([drawn[k] for k in fit.params])
    assert np.allclose(
        values.mean(axis=0),
        [fit.params[k] for k in fit.params],
        atol=0.1 * np.sqrt(np.diag(fit.covariance)).max(),
    )
    cov = np.cov(values, rowvar=False)
    scale = np.sqrt(np.outer(np.diag(fit.covariance), np.diag(fit.covariance)))
    assert np.allclose(cov / scale, fit.covariance / scale, atol=0.1)  # correlations kept


def test_a_fan_chart_draws_the_median_and_the_two_ranges():
    import xarray as xr

    from motorisasi.report.charts import fan

    years = np.arange(2020, 2031)
    q = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
    values = (100 + (years - 2020)[None, :] * (1 + q[:, None])).astype(float)
    ds = xr.Dataset(
        {"x": (("quantile", "year"), values)},
        coords={"quantile": q, "year": years},
        attrs={"scenario_name": "s", "data_series": "[]", "motorisasi_version": "0"},
    )
    fig = fan(ds, "x", "title", "unit")
    ax = fig.axes[0]
    median = next(line for line in ax.get_lines() if line.get_gid() == "median")
    assert np.allclose(median.get_ydata(), values[2])
    bands = {c.get_gid(): c for c in ax.collections}
    assert set(bands) == {"q05-q95", "q25-q75"}
    outer = bands["q05-q95"].get_paths()[0].vertices
    assert np.isclose(outer[:, 1].max(), values[4].max()) and np.isclose(outer[:, 1].min(), values[0].min())


def test_a_second_run_reuses_the_segments_past_and_gives_the_same_result():
    from motorisasi.scenario.steps import fleet

    fleet._HISTORIES.clear()
    first = run("ev-roadmap")
    kept = len(fleet._HISTORIES)
    again = run("ev-roadmap")
    assert kept == 3 and len(fleet._HISTORIES) == 3  # one per segment, reused
    assert first.attrs == again.attrs  # the sources of the reused past are still cited
    for name in first.data_vars:
        assert np.array_equal(first[name].values, again[name].values, equal_nan=True)


def _one_line(result) -> str:
    assert result.exit_code not in (0, 3), result.output  # 3 would be an internal error
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        (
            "drivers.income_growth_pct: {distribution: uniform, low: -10, high: 20, reason: x}",
            "drivers.income_growth_pct: GDP per capita ($) reaches",
        ),
        (
            "segments.motorcycles.km_per_year: {distribution: uniform, low: 3000, high: 12000, reason: x}",
            "km in the draws",
        ),
    ],
)
def test_draws_that_break_a_run_give_one_line(tmp_path, entry, says):
    path = scenario_file(tmp_path, "baseline", f"uncertainty:\n  {entry}\n")
    line = _one_line(runner.invoke(app, ["run", str(path), "--draws", "8", "--out", str(tmp_path / "o")]))
    assert says in line and str(path) in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["run", "baseline", "--draws", "4", "--seed", "-1", "--no-files"],
        ["run", "baseline", "--draws", "4", "--seed", "99999999999999999999", "--no-files"],
        ["run", "baseline", "--draws", "4", "--seed", "2147483648", "--no-files"],
        ["gap", "--draws", "4", "--seed", "-1"],
        ["sensitivity", "baseline", "--base-samples", "16", "--seed", "-1"],
        ["run", "baseline", "--draws", "1000000000", "--no-files"],
        ["sensitivity", "baseline", "--base-samples", str(2**30)],
        ["run", "baseline", "--draws", "4", "--by-age", "--no-files"],
        ["gap", "--draws", "4", "--country", "THA"],
        ["gap", "--draws", "4", "--lifetime", "5", "--register", "none"],
        ["gap", "--draws", "4", "--target", "nan"],
        ["gap", "--draws", "4", "--target", "3000"],
        ["gap", "--draws", "4", "--target", "50"],
        ["sensitivity", "baseline", "--base-samples", "16", "--output", "population"],
        ["sensitivity", "baseline", "--base-samples", "16", "--output", "sales_total", "--year", "2040"],
    ],
)
def test_hostile_ensemble_options_give_one_line(args):
    line = _one_line(runner.invoke(app, args))
    assert line.startswith("error: ")


def test_sensitivity_is_reproducible_with_the_default_seed():
    args = [
        "sensitivity",
        "baseline",
        "--base-samples",
        "16",
        "--output",
        "co2_ttw",
        "--year",
        "2035",
        "--json",
    ]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout == second.stdout  # the bootstrap intervals too


ENTRY = "{distribution: uniform, low: 9000, high: 12000, reason: x}"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            "segments.cars.powertrains.BEV.share.2025: {distribution: uniform, low: 0, high: 0.3, reason: x}",
            "not after the base year 2025",
        ),
        ('"segments.cars.km_per_year\\e[31m": ' + ENTRY, "\\x1b"),
        ("segments.nosuch.x: null", "has none there"),
        (
            "segments.cars.km_per_year: {distribution: normal, mean: 1e308, sd: 1e308, reason: x}",
            "not finite",
        ),
        (
            'segments.cars.km_per_year: {distribution: uniform, low: 9000, high: 12000, reason: "  "}',
            "reason",
        ),
    ],
)
def test_uncertain_entries_the_run_cannot_honour_are_refused_in_one_line(tmp_path, body, says):
    path = tmp_path / "x.yaml"
    path.write_text(f"extends: baseline\nname: x\nuncertainty:\n  {body}\n", encoding="utf-8")
    line = _one_line(runner.invoke(app, ["run", str(path), "--draws", "4", "--no-files"]))
    assert says in line and "\x1b" not in line


def test_the_crude_price_drives_the_fuel_compensation(tmp_path):
    extra = """
industry:
  fiscal:
    crude_usd_per_bbl: {2025: 82, 2030: 82}
    idr_per_usd: {2025: 16000, 2030: 16000}
uncertainty:
  industry.fiscal.crude_usd_per_bbl.2030: {distribution: uniform, low: 50, high: 110, reason: test}
  industry.fiscal.idr_per_usd.2030: {distribution: uniform, low: 15900, high: 16100, reason: test}
  segments.cars.lifetime.std_years: {distribution: uniform, low: 5.5, high: 6.5, reason: test}
"""
    sc = load_scenario(scenario_file(tmp_path, "baseline", extra))
    found = scenario_sensitivity(sc, "fuel_compensation", 2035, n_base=64, seed=3)
    assert found.names[found.ranked()[0]] == "industry.fiscal.crude_usd_per_bbl.2030"
    assert found.total[0] > 0.8
    kept = ensemble(sc, 16, seed=1, keep_draws=True)
    crude = kept["input__industry.fiscal.crude_usd_per_bbl.2030"].values
    paid = kept["fuel_compensation"].sel(fuel="gasoline", year=2035).values
    assert np.corrcoef(crude, paid)[0, 1] > 0.9  # dearer crude, more compensation
    assert kept["crude_price"].sel(year=2030).values.tolist() == pytest.approx(crude.tolist())


def test_draws_kept_only_where_they_differ_give_back_every_draw_and_quantile():
    from motorisasi.scenario.ensemble import _Kept

    rng = np.random.default_rng(0)
    a = rng.random((30, 4, 5))
    a[:, 0, :] = 7.0  # the same in every draw (an observed year)
    a[:, 1, 2] = np.nan
    a[:12, 2, 3] = 1.0  # the same in the first chunk only: kept from the second on
    kept = _Kept(30, a[:10], np.float64)
    kept.add(a[10:20])
    kept.add(a[20:])
    q = np.array([0.05, 0.5, 0.95])
    assert np.array_equal(kept.draws(), a, equal_nan=True)
    assert np.array_equal(kept.quantiles(q), np.quantile(a, q, axis=0), equal_nan=True)
    assert len(kept.cols) == 14  # 5 + 1 columns were one number throughout


def test_a_report_with_draws_shows_the_fan_charts(tmp_path):
    from motorisasi.report.document import build, to_html

    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    report = build([sc], "id", draws=8, seed=1)
    part = report.scenarios[0]
    assert {"fan_ownership", "fan_co2"} <= set(part.charts)
    assert part.charts["fan_ownership"][:4] == b"\x89PNG"
    html = to_html(report, "id")
    assert "Kepemilikan roda empat atas undian" in html
    report.close()
    plain = build([load_scenario(scenario_file(tmp_path, "baseline", ""))], "en", draws=8)
    assert "fan_ownership" not in plain.scenarios[0].charts  # nothing uncertain, no fans
    plain.close()


def test_a_packed_chunk_unpacks_to_the_same_dataset(tmp_path):
    from motorisasi.scenario.ensemble import draws_for, run_chunk, run_chunk_packed, unpack

    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    draws = draws_for(sc, 7, seed=2)
    payload = run_chunk_packed(sc, draws)
    packed = payload["packed"]["registered_stock"]
    assert 0 < packed[-1].size < np.prod(packed[2])  # observed years do not travel
    assert unpack(payload).identical(run_chunk(sc, draws))


def test_a_dask_cluster_sends_single_precision_when_the_draws_are_kept_in_it(tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    import motorisasi.scenario.ensemble as ens

    sc = load_scenario(scenario_file(tmp_path, "baseline"))
    monkeypatch.setattr(ens, "DOUBLE_LIMIT", 1000)  # every ensemble keeps its draws in single precision
    monkeypatch.setattr(ens, "DEFAULT_CHUNK", 4)
    payload = ens.run_chunk_packed(sc, ens.draws_for(sc, 4, seed=5), single=True)
    assert all(p[-1].dtype == np.float32 and p[3].dtype == np.float64 for p in payload["packed"].values())
    received = []
    unpack = ens.unpack
    monkeypatch.setattr(
        ens, "unpack", lambda p: received.extend(v[-1].dtype for v in p["packed"].values()) or unpack(p)
    )
    alone = ensemble(sc, 12, seed=5, chunk=4)
    cluster = distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        spread = ensemble(sc, 12, seed=5, chunk=4, client=client)
    assert alone.attrs["precision"].startswith("single") and set(received) == {np.dtype(np.float32)}
    for name in ("ownership_per_1000", "co2_wtw", "energy", "sales_share"):
        assert np.array_equal(alone[name].values, spread[name].values, equal_nan=True)
