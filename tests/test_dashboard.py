"""The dashboard: its content without a page, the page driven headless (Streamlit's AppTest),
the command, and (with MOTORISASI_BROWSER_TESTS) the page served and used in Chromium."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest

from motorisasi.outputs import dashboard as d
from motorisasi.outputs.messages import number
from motorisasi.scenario.levers import apply_levers
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import ScenarioError, load_scenario, scenario_from_text
from tests.test_report import _chromium


def _direct_ownership_2030(levers: dict[str, float]) -> float:
    """Four-wheel ownership per 1,000 in 2030 from a direct run, summed here from the Dataset."""
    ds = run(apply_levers(load_scenario("baseline"), levers))
    four = [s for s in ds["segment"].values if s != "motorcycles"]
    registered = ds["registered_stock"].sel(segment=four, year=2030).sum().item()
    return 1000 * registered / ds["population"].sel(year=2030).item()


# --- the content, without a page ------------------------------------------------------------------


def test_a_lever_moves_the_figure_to_what_a_direct_run_gives():
    _, ds = d.run_with(load_scenario("baseline"), {"cars_sales_growth": 5.0})
    assert d.ownership_at(ds) == pytest.approx(_direct_ownership_2030({"cars_sales_growth": 5.0}), rel=1e-12)
    assert d.ownership_at(ds) > d.ownership_at(d.run_with(load_scenario("baseline"), {})[1])


def test_the_scenario_file_offered_reproduces_the_run(tmp_path):
    sc, ds = d.run_with(load_scenario("baseline"), {"cars_sales_growth": 3.0, "crude_price": 95.0})
    path = tmp_path / "as-run.yaml"
    path.write_bytes(d.scenario_yaml(sc, ds))
    assert run(load_scenario(path)).identical(ds)


def test_the_results_offered_are_the_tidy_csv():
    _, ds = d.run_with(load_scenario("baseline"), {})
    rows = list(csv.DictReader(io.StringIO(d.results_csv(ds).decode("utf-8"))))
    assert {"variable", "year", "value"} <= set(rows[0])
    own = [r for r in rows if r["variable"] == "registered_stock" and r["year"] == "2030"]
    assert own


def test_the_headline_speaks_the_language_asked():
    sc, ds = d.run_with(load_scenario("baseline"), {})
    en, id_ = d.headline(ds, sc, 150, 2030, "en"), d.headline(ds, sc, 150, 2030, "id")
    assert "per 1,000" in en[0] and "per 1.000" in id_[0]
    assert "%" in en[1] and "," in id_[1]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("extends: ../../../etc/passwd\nname: x\n", "not a shipped scenario"),
        ("extends: /etc/hosts.yaml\nname: x\n", "not a shipped scenario"),
        ("name: [unclosed\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
        ("x: " + "9" * 250_000, "more than 200,000"),
        ("extends: baseline\nname: mine\nsegments: {cars: {lifetime: {mean_years: -3}}}\n", "mean_years"),
    ],
)
def test_an_uploaded_file_is_refused_in_one_line_naming_it(text, words):
    with pytest.raises(ScenarioError) as caught:
        scenario_from_text(text, "mine.yaml")
    message = str(caught.value)
    assert message.startswith("mine.yaml") and words in message and "\n" not in message


def test_an_uploaded_scenario_may_extend_a_shipped_one():
    sc = scenario_from_text(b"extends: baseline\nname: mine\ndrivers: {income_growth_pct: 4.5}\n", "m.yaml")
    assert sc.name == "mine" and sc.drivers.income_growth_pct == 4.5
    assert sc.segments.keys() == load_scenario("baseline").segments.keys()


def test_the_further_charts_add_up_to_the_run():
    _, ds = d.run_with(load_scenario("baseline"), {})
    energy = d.by_year(ds, "energy", "fuel", "id")
    np.testing.assert_allclose(
        energy.sum(axis=1).loc[2040], ds["energy"].sel(year=2040).sum().item(), rtol=1e-12
    )
    for name, (variable, series) in d.MORE_CHARTS.items():
        table = d.by_year(ds, variable, series, "en")
        assert table is not None and not table.empty, name
        assert len(table.columns) == ds.sizes[series]
    assert d.by_year(ds, "no_such_variable", "fuel", "en") is None


def test_the_downloads_are_the_files_run_writes(tmp_path):
    import openpyxl
    import xarray as xr

    _, ds = d.run_with(load_scenario("baseline"), {"income_growth": 4.0})
    (tmp_path / "r.xlsx").write_bytes(d.excel(ds))
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert len(book.sheetnames) > 3
    (tmp_path / "r.nc").write_bytes(d.netcdf(ds))
    with xr.open_dataset(tmp_path / "r.nc", engine="scipy") as back:
        np.testing.assert_allclose(back["registered_stock"].values, ds["registered_stock"].values)
    header = d.iamc_csv(ds).decode("utf-8").splitlines()[0].split(",")
    assert [h.lower() for h in header[:5]] == ["model", "scenario", "region", "variable", "unit"]


@pytest.mark.slow
def test_the_report_offered_is_the_report_of_what_is_on_screen():
    sc, _ = d.run_with(load_scenario("baseline"), {"cars_sales_growth": 5.0})
    html = d.report_html(sc, 150.0, 2030, "id").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="id"' in html
    assert "set with a lever to 5 %/yr" in html  # the moved value's reason, among the assumptions


def test_the_ranges_are_quantiles_of_each_draws_ownership():
    from motorisasi.scenario.ensemble import ensemble

    sc = load_scenario("baseline")
    fan = d.fan(sc, draws=64, seed=3)
    kept = ensemble(sc, 64, seed=3, keep_draws=True)
    four = [s for s in kept["segment"].values if s != "motorcycles"]
    per_draw = 1000 * kept["registered_stock"].sel(segment=four).sum("segment") / kept["population"]
    expected = np.quantile(per_draw.sel(year=2040).values, [0.05, 0.5, 0.95])
    np.testing.assert_allclose(fan.loc[2040, ["p5", "p50", "p95"]].values, expected, rtol=1e-12)
    assert d.fan(sc.model_copy(update={"uncertainty": {}})) is None


def test_the_peers_are_named_in_the_language_asked():
    from motorisasi.scenario.ownership_histories import ownership_history

    history, _ = ownership_history("JPN", "four_wheel")
    japan = f"Japan {number(history.ownership[-1], 'en')} ({history.years[-1]})"
    assert japan in d.peers("en")
    assert "Jepang" in d.peers("id") and "per 1.000" in d.peers("id")


def test_another_file_of_the_same_name_gets_levers_of_its_own():
    one = scenario_from_text(b"extends: baseline\nname: mine\n", "mine.yaml")
    two = scenario_from_text(
        b"extends: baseline\nname: mine\nsegments: {cars: {demand: {type: sales_growth, growth_pct: 8}}}\n",
        "mine.yaml",
    )
    assert d.lever_key(one, "cars_sales_growth") != d.lever_key(two, "cars_sales_growth")
    assert d.lever_key(one, "cars_sales_growth") == d.lever_key(one.model_copy(), "cars_sales_growth")


def test_runs_without_cars_or_2030_still_have_a_first_figure_and_a_sales_chart():
    _, ds = d.run_with(load_scenario("baseline"), {})
    renamed = ds.assign_coords(segment=["auto", "commercial", "motorcycles"])
    assert d.car_segment(ds) == "cars" and d.car_segment(renamed) == "auto"
    assert not d.sales_chart(renamed, "en", "auto").empty
    assert d.first_year(ds) == 2030 and d.first_year(ds.sel(year=slice(None, 2028))) == 2028


def test_page_text_is_shown_as_written_not_as_markdown():
    from motorisasi.outputs.dashboard_app import _plain

    assert _plain("see [x](http://e.com/a.png) *now*") == r"see \[x\]\(http://e\.com/a\.png\) \*now\*"


@pytest.mark.parametrize("label", ["./x.yaml", "dir/x.yaml", "x\n.yaml"])
def test_an_upload_is_named_by_its_file_name_alone_on_one_line(label):
    with pytest.raises(ScenarioError) as caught:
        scenario_from_text("a: [", label)
    assert str(caught.value).split(":")[0] == "x.yaml"


# --- the command ------------------------------------------------------------------------------------


def test_the_command_says_what_to_install_without_streamlit():
    code = (
        "import sys; sys.modules['streamlit'] = None\n"
        "from motorisasi.outputs.cli import main\n"
        "sys.argv = ['motorisasi', 'dashboard']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        'error: dashboard: needs Streamlit, which is not installed: pip install "motorisasi[app]"'
    ]


def test_the_command_refuses_an_empty_host():
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    result = CliRunner().invoke(app, ["dashboard", "--host", " "])
    assert result.exit_code == 2 and "--host" in result.output


def test_the_command_help_says_how_to_reach_it_safely():
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    result = CliRunner().invoke(app, ["dashboard", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "ssh -L" in result.output and "no login" in result.output


# --- the page, headless ---------------------------------------------------------------------------


@pytest.fixture
def page():
    testing = pytest.importorskip("streamlit.testing.v1")
    from motorisasi.outputs.cli_dashboard import APP

    return testing.AppTest.from_file(str(APP), default_timeout=120).run()


def test_the_page_opens_on_the_baseline_and_a_lever_gives_the_direct_run(page):
    assert not page.exception
    assert page.metric[0].value == number(_direct_ownership_2030({}), "en", 1)
    assert any("150 per 1,000" in m.value for m in page.markdown)
    # A fitted start (2.638 %/yr) sits on the slider's grid; left there, the fit is kept.
    baseline = load_scenario("baseline")
    assert page.slider(key=d.lever_key(baseline, "cars_removal_rate")).value == 2.6
    page.slider(key=d.lever_key(load_scenario("baseline"), "cars_sales_growth")).set_value(5.0).run()
    assert not page.exception
    assert page.metric[0].value == number(_direct_ownership_2030({"cars_sales_growth": 5.0}), "en", 1)


def test_the_page_compares_with_a_shipped_scenario(page):
    page.selectbox(key="compare").set_value("target-150").run()
    assert not page.exception
    assert any("target-150" in c.value for c in page.caption)
    other = run(load_scenario("target-150"))
    four = [s for s in other["segment"].values if s != "motorcycles"]
    expected = 1000 * other["registered_stock"].sel(segment=four, year=2030).sum().item()
    expected /= other["population"].sel(year=2030).item()
    side = [m for m in page.metric if m.label.startswith("target-150")]
    assert len(side) == 1 and side[0].value == number(expected, "en", 1)


def test_the_page_shows_ranges_when_asked(page):
    def fans() -> int:
        return sum("p95" in chart.proto.spec for chart in page.get("vega_lite_chart"))

    assert fans() == 0
    page.checkbox(key="ranges").check().run()
    assert not page.exception
    assert fans() == 1


def test_the_page_switches_to_bahasa_indonesia(page):
    english = page.metric[0].label
    page.radio(key="lang").set_value("id").run()
    assert page.metric[0].label != english and "per 1.000" in page.metric[0].label
    assert "," in page.metric[0].value and "." not in page.metric[0].value


# --- the page served, in a real browser -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("MOTORISASI_BROWSER_TESTS"),
    reason="no Chromium on this machine (set MOTORISASI_BROWSER_TESTS=1 to make this a failure)",
)
def test_the_dashboard_in_chromium(tmp_path):
    pytest.importorskip("streamlit")
    from playwright.sync_api import expect, sync_playwright

    browser_path = _chromium()
    assert browser_path, "MOTORISASI_BROWSER_TESTS is set but no Chromium was found"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "motorisasi", "dashboard", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    shots = tmp_path / "screenshots"
    shots.mkdir()
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=browser_path, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.goto(url)
            metric = page.get_by_test_id("stMetricValue").first
            expect(metric).to_have_text(number(_direct_ownership_2030({}), "en", 1), timeout=60_000)
            expect(page.get_by_text("150 per 1,000", exact=False).first).to_be_visible()
            page.screenshot(path=str(shots / "1-baseline.png"), full_page=True)

            # The car sales growth lever, ten steps of 0.5 to the right: 5 %/yr.
            thumb = page.get_by_role("slider").first
            thumb.focus()
            for _ in range(10):
                thumb.press("ArrowRight")
            expected = number(_direct_ownership_2030({"cars_sales_growth": 5.0}), "en", 1)
            expect(metric).to_have_text(expected, timeout=30_000)
            page.screenshot(path=str(shots / "2-lever.png"), full_page=True)

            page.get_by_text("Bahasa Indonesia").click()
            expect(page.get_by_text("Kepemilikan roda empat pada 2030", exact=False)).to_be_visible(
                timeout=30_000
            )
            expect(metric).to_have_text(expected.replace(".", ","), timeout=30_000)
            page.screenshot(path=str(shots / "3-bahasa.png"), full_page=True)

            bad = tmp_path / "bad.yaml"
            bad.write_text("extends: ../../etc/passwd\nname: x\n", encoding="utf-8")
            page.locator("input[type=file]").set_input_files(str(bad))
            alert = page.get_by_test_id("stAlert").first
            expect(alert).to_contain_text("bad.yaml: extends", timeout=30_000)
            assert "\n" not in alert.inner_text().strip()
            expect(metric).to_have_text(expected.replace(".", ","))  # still working, on the scenario chosen
            page.screenshot(path=str(shots / "4-bad-upload.png"), full_page=True)

            expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)  # the page has run
            with page.expect_download(timeout=90_000) as caught:
                page.get_by_role("button", name="Hasil (CSV)").click()
            with open(caught.value.path(), encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            values = [float(r["value"]) for r in rows if r["value"]]
            assert len(rows) > 1000 and np.isfinite(values).all()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    # The server was the command's own process: stopping it stopped the server.
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/_stcore/health", timeout=2)
    assert len(list(shots.glob("*.png"))) == 4


def test_the_page_maps_the_provinces_when_asked(page):
    from motorisasi.scenario.schema import with_regions

    def tiles():
        return [c for c in page.get("vega_lite_chart") if '"rect"' in c.proto.spec]

    assert not tiles()
    page.checkbox(key="provinces").check().run()
    assert not page.exception
    assert len(tiles()) == 1 and '"per_1000"' in tiles()[0].proto.spec
    table = page.dataframe[-1].value
    assert len(table) == 38
    ds = run(with_regions(load_scenario("baseline"), "provinces"))
    four = [s for s in ds["segment"].values if s != "motorcycles"]
    fleet = ds["region_registered_stock"].sel(segment=four).sum("segment")
    added = (fleet.sel(year=2030) - fleet.sel(year=2025)).to_series().sort_values(ascending=False)
    assert table.iloc[0, 0] == added.index[0] and table.iloc[0, 3] == pytest.approx(round(added.iloc[0]))
    page.radio(key="provinces_show").set_value("change").run()
    assert not page.exception and '"change"' in tiles()[0].proto.spec
