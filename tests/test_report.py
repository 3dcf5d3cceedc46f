"""Charts and the report: what is drawn equals the result, the report is whole and bilingual."""

from __future__ import annotations

import json
import os
import re
import string
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex
from typer.testing import CliRunner

from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import LANGUAGES, MESSAGES
from motorisasi.report import charts
from motorisasi.report.document import (
    Headline,
    assumptions,
    build,
    headline,
    headline_text,
    scenario_hash,
    write,
)
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario


def _e(text: str) -> str:
    import html

    return html.escape(text, quote=True)


SRC = Path(__file__).resolve().parents[1] / "src" / "motorisasi"


@pytest.fixture(scope="module")
def base():
    return run("baseline", by_age=True)


@pytest.fixture(scope="module")
def target():
    return run("target-150", by_age=True)


def _lines(fig) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {
        line.get_gid(): (np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float))
        for ax in fig.axes
        for line in ax.get_lines()
        if line.get_gid()
    }


def _projection(ds) -> np.ndarray:
    return ds["year"].values[ds["year"].values > int(ds.attrs["base_year"])]


# --- charts show the result ----------------------------------------------------------------


def test_ownership_line_is_registered_four_wheelers_over_population(base):
    levels = {"JPN": (2021, 600.0), "THA": (2021, 250.0)}
    lines = _lines(charts.ownership(base, "en", target=150, comparison=levels))
    x, y = lines["four_wheel_per_1000"]
    reg = base["registered_stock"]
    expected = 1000 * (reg.sel(segment="cars") + reg.sel(segment="commercial")) / base["population"]
    np.testing.assert_array_equal(x, base["year"].values)
    np.testing.assert_allclose(y, expected.values, rtol=1e-12)
    # In the base year that is the observed count over the observed population.
    assert y[list(x).index(2024)] == pytest.approx(
        base["ownership_per_1000"].sel(year=2024, segment=["cars", "commercial"]).sum().item(), rel=1e-12
    )
    assert set(lines["target"][1]) == {150}
    assert set(lines["comparison:JPN"][1]) == {600} and set(lines["comparison:THA"][1]) == {250}


def test_comparison_levels_are_the_other_countries_latest_registered_ratio():
    from motorisasi.data.store import series_values

    levels = charts.comparison_levels(("JPN",))
    year, level = levels["JPN"]
    total = series_values("total_motor_vehicles_registered_ato", "JPN").at(year)
    two = series_values("motorcycles_registered_ato", "JPN").at(year)
    pop = series_values("population_worldbank", "JPN").at(year)
    assert level == pytest.approx(1000 * (total - two) / pop, rel=1e-3)  # three-wheelers: none or few
    assert 400 < level < 800


@pytest.mark.parametrize("variable", ["stock", "sales"])
@pytest.mark.parametrize("segment", ["cars", "motorcycles"])
def test_stacked_layers_add_up_to_the_result(base, segment, variable):
    lines = _lines(charts.by_powertrain(base, "en", segment, variable))
    years = _projection(base)
    running = np.zeros(len(years))
    shown = 0
    for p in base["powertrain"].values:
        layer = base[variable].sel(segment=segment, powertrain=p, year=years).values / 1e6
        if np.nansum(layer) <= 0:
            assert f"top:{p}" not in lines
            continue
        running = running + layer
        shown += 1
        x, y = lines[f"top:{p}"]
        np.testing.assert_array_equal(x, years)
        np.testing.assert_allclose(y, running, rtol=1e-12)
    assert shown >= 2
    total = base[variable].sel(segment=segment, year=years).sum("powertrain").values / 1e6
    np.testing.assert_allclose(running, total, rtol=1e-12)


def test_energy_stack_tops_at_total_energy(base):
    lines = _lines(charts.energy_by_fuel(base, "id"))
    top = lines["top:electricity"][1]
    years = _projection(base)
    np.testing.assert_allclose(
        top, base["energy"].sel(year=years).sum(["segment", "fuel"]).values, rtol=1e-12
    )


def test_battery_stack_tops_at_all_battery_capacity(target):
    lines = _lines(charts.batteries(target, "en"))
    last = [gid for gid in lines if gid.startswith("top:")][-1]
    years = _projection(target)
    total = target["battery_gwh"].sel(year=years).sum(["segment", "powertrain"]).values
    np.testing.assert_allclose(lines[last][1], total, rtol=1e-12)


def test_age_structure_is_the_fleet_by_age_and_sums_to_the_fleet(base):
    lines = _lines(charts.age_structure(base, "en", "cars", [2030, 2050]))
    for year in (2030, 2050):
        ages, thousands = lines[f"age:{year}"]
        np.testing.assert_array_equal(ages, base["age"].values)
        fleet = base["stock"].sel(segment="cars", year=year).sum().item()
        assert thousands.sum() * 1e3 == pytest.approx(fleet, rel=1e-9)


def test_trade_co2_and_jobs_lines_are_the_variables(base):
    lines = _lines(charts.trade(base, "en", "four_wheel"))
    for name in ("production", "exports", "imports"):
        np.testing.assert_allclose(
            lines[name][1],
            base[name].sel(industry_group="four_wheel").values / 1e6,
            rtol=1e-12,
            equal_nan=True,
        )
    lines = _lines(charts.co2(base, "en"))
    np.testing.assert_allclose(
        lines["co2_ttw"][1], base["co2_ttw"].sum("segment", min_count=1).values, equal_nan=True
    )
    np.testing.assert_allclose(
        lines["co2_wtw"][1], base["co2_wtw"].sum("segment", min_count=1).values, equal_nan=True
    )
    lines = _lines(charts.jobs(base, "en"))
    np.testing.assert_allclose(
        lines["jobs:motorcycles"][1], base["jobs"].sel(industry_group="motorcycles") / 1e3, equal_nan=True
    )


def test_compare_has_one_panel_per_indicator_and_one_line_per_scenario(base, target):
    fig = charts.compare([base, target], "en")
    lines = _lines(fig)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == len(charts.INDICATORS)
    for key in charts.INDICATORS:
        assert {f"{key}:baseline", f"{key}:target-150"} <= set(lines)
    # target-150 reaches 150 per 1,000 by its target year; the baseline does not.
    years, own = lines["ownership:target-150"]
    assert own[list(years).index(2030)] == pytest.approx(150, abs=0.1)
    assert lines["ownership:baseline"][1].max() < 150
    np.testing.assert_allclose(lines["sales:baseline"][1], base["sales_total"].sum("segment").values / 1e6)


def test_every_chart_has_units_a_source_line_and_safe_colours(base):
    allowed = {
        c.lower() for c in (*charts.PALETTE, *charts.POWERTRAIN_COLOURS.values(), "#777777", "#ffffff")
    }
    for lang in LANGUAGES:
        figures = charts.all_charts(base, lang, 150, {"JPN": (2021, 600.0)})
        assert {"ownership", "energy", "co2", "jobs", "batteries", "age_cars", "trade_four_wheel"} <= set(
            figures
        )
        for name, fig in figures.items():
            ax = fig.axes[0]
            assert ax.get_ylabel() and ax.get_xlabel(), name
            texts = [t.get_text() for t in fig.texts]
            assert any(t.startswith("Source:" if lang == "en" else "Sumber:") for t in texts), name
            assert any("BPS" in t and "GAIKINDO" in t for t in texts), name
            for line in ax.get_lines():
                assert to_hex(line.get_color()) in allowed, name
            if lang == "en" and name in ("ownership", "batteries"):
                png = charts.png_bytes(fig)
                assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def _tick_labels(axis) -> list[str]:
    formatter = axis.get_major_formatter()
    return [formatter(v, i) for i, v in enumerate(axis.get_majorticklocs())]


def test_tick_labels_follow_the_language_and_years_have_no_separator(base):
    for lang, decimal, thousands in (("en", ".", ","), ("id", ",", ".")):
        ax = charts.by_powertrain(base, lang, "cars", "sales").axes[0]  # 0 to about 0.7 million
        values = _tick_labels(ax.yaxis)
        assert any(decimal in v for v in values) and not any(thousands in v for v in values), values
        assert "2030" in _tick_labels(ax.xaxis)
        ax = charts.energy_by_fuel(base, lang).axes[0]  # about 1,300 PJ
        assert any(thousands in v for v in _tick_labels(ax.yaxis))
    # each label reads back as its tick exactly (a step of 0.025 must not show as 0.03)
    ax = charts.by_powertrain(base, "en", "commercial", "sales").axes[0]
    ax.set_ylim(0, 0.13)
    locs = ax.yaxis.get_majorticklocs()
    assert [float(v) for v in _tick_labels(ax.yaxis)] == pytest.approx(list(locs), abs=1e-12)
    assert charts._decimals(0.025) == 3 and charts._decimals(2.5) == 1 and charts._decimals(200) == 0


def test_indonesian_charts_have_indonesian_text(base):
    fig = charts.by_powertrain(base, "id", "motorcycles", "sales")
    assert (
        fig.axes[0].get_title(loc="left") == "Penjualan kendaraan baru menurut jenis penggerak: sepeda motor"
    )
    assert fig.axes[0].get_ylabel() == "juta kendaraan per tahun"
    fig = charts.ownership(base, "id", target=150)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert "target 150" in labels and fig.axes[0].get_xlabel() == "tahun"


# --- the message catalogue covers the code ---------------------------------------------------


def test_every_literal_message_key_in_the_code_is_in_the_catalogue():
    used = set()
    for path in SRC.rglob("*.py"):
        if path.name == "messages.py":
            continue
        used |= set(re.findall(r'"((?:gap|run|compare|report|chart|name)\.[a-z0-9_.]+)"', path.read_text()))
    used = {k for k in used if not k.endswith((".html", ".pdf"))}
    assert len(used) > 100
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing


def test_the_report_keys_exist_in_both_languages_with_the_same_placeholders():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    report_keys = [k for k in MESSAGES if k.split(".")[0] in ("report", "chart", "name")]
    assert len(report_keys) > 80
    for key in report_keys:
        assert set(MESSAGES[key]) == set(LANGUAGES), key
        assert fields(MESSAGES[key]["en"]) == fields(MESSAGES[key]["id"]), key


# --- headline, assumptions, hash ---------------------------------------------------------


def _four_wheel_sales(ds, year: int) -> float:
    return float(ds["sales_total"].sel(segment=["cars", "commercial"], year=year).sum())


def test_headline_of_a_run_that_reaches_the_target_quotes_its_own_sales(target):
    h = headline(target, load_scenario("target-150"), 150, 2030)
    reg = target["registered_stock"].sel(segment=["cars", "commercial"]).sum("segment")
    own = (1000 * reg / target["population"]).values
    years = target["year"].values
    assert own[years == h.year_reached][0] >= 150 > own[years == h.year_reached - 1][0]
    assert h.year_reached <= 2030
    en = headline_text(h, "en")
    ratio = _four_wheel_sales(target, 2030) / _four_wheel_sales(target, 2025)
    assert f"{_four_wheel_sales(target, 2030) / 1e6:.2f} million four-wheel sales in 2030" in en[1]
    assert f"{ratio:.1f} times the {_four_wheel_sales(target, 2025) / 1e6:.2f} million of 2025" in en[1]
    assert np.isnan(h.needed_growth)  # the gap analysis is not needed


def test_headline_of_a_run_that_falls_short_asks_the_gap_analysis(base):
    from motorisasi.scenario.gap import ownership_gap

    sc = load_scenario("baseline")
    h = headline(base, sc, 150, 2030)
    assert h.year_reached is None and h.ownership_end == pytest.approx(
        1000
        * base["registered_stock"].sel(segment=["cars", "commercial"], year=2060).sum().item()
        / base["population"].sel(year=2060).item()
    )
    gap = ownership_gap(
        150,
        2030,
        lifetime=sc.segments["cars"].lifetime.mean_years,
        lifetime_std=sc.segments["cars"].lifetime.std_years,
    )
    assert h.needed_growth == pytest.approx(gap.needed_growth) and not h.feasible
    # the needed path starts from the latest observed sales and grows at the stated rate
    assert h.needed_sales == pytest.approx(
        h.gap_sales * (1 + h.needed_growth) ** (2030 - h.gap_year), rel=1e-6
    )
    en = " ".join(headline_text(h, "en"))
    assert f"grow {100 * h.needed_growth:.1f} % a year" in en and "faster than the 25 %" in en


def test_headline_for_a_target_already_passed_and_one_out_of_reach(base):
    h = headline(base, load_scenario("baseline"), 50, 2030)
    assert h.year_reached < 2025 and h.ownership_base > 50
    assert headline_text(h, "en") == [
        f"Four-wheel ownership was already {h.ownership_base:.0f} per 1,000 in 2025, at or above 50."
    ]


def test_headline_sentences_in_both_languages():
    h = Headline(
        150, 2030, 2060, 2024, 95.3, None, 88.2, 866_000, 866_000, 8_209_350, 0.592, 2025, 803_687, False, 25
    )
    en = " ".join(headline_text(h, "en"))
    assert "does not reach 150 per 1,000 by 2060" in en and "88 per 1,000 in 2060" in en
    assert "grow 59.2 % a year to 8.21 million in 2030, 10.2 times the 0.80 million sold in 2025" in en
    assert "faster than the 25 %" in en
    id_ = " ".join(headline_text(h, "id"))
    assert (
        "tidak mencapai 150 per 1.000" in id_ and "8,21 juta" in id_ and "10,2 kali" in id_ and "59,2%" in id_
    )
    reached = Headline(150, 2040, 2060, 2024, 95.3, 2038, 160, 1e6, 2.5e6)
    text = headline_text(reached, "en")
    assert text == [
        "Four-wheel ownership reaches 150 per 1,000 in 2038 under this scenario.",
        "It gets there with 2.50 million four-wheel sales in 2040, 2.5 times the 1.00 million of 2024.",
    ]
    failed = Headline(150, 2026, 2060, 2024, 95.3, None, 88, 1e6, 1e6, gap_reason="no path")
    assert "could not be computed: no path" in headline_text(failed, "en")[1]


def test_assumptions_list_every_setting_with_its_reason():
    sc = load_scenario("baseline")
    rows = {r[0]: r for r in assumptions(sc)}
    km = rows["segments.cars.km_per_year"]
    assert km[1] == "10,600" and km[3] == sc.segments["cars"].km_reason
    assert {r[0]: r for r in assumptions(sc, "id")}["segments.cars.km_per_year"][1] == "10.600"
    assert rows["segments.cars.lifetime.mean_years"][3] == sc.segments["cars"].lifetime.reason
    assert rows["drivers.income_growth_pct"][3] == sc.drivers.income_growth_reason
    bev = rows["segments.cars.powertrains.BEV.share"]
    assert "2025: 0.1689" in bev[1] and "gaikindo" in bev[3]
    bev_id = {r[0]: r for r in assumptions(sc, "id")}["segments.cars.powertrains.BEV.share"]
    assert "2025: 0,1689" in bev_id[1]

    # every number in the scenario appears in the table
    def numbers(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from numbers(v)
        elif isinstance(value, list):
            for v in value:
                yield from numbers(v)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield float(value)

    text = " ".join(r[1] for r in rows.values()).replace(",", "")
    shown = {float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?", text)}
    for value in numbers(sc.model_dump()):
        assert any(abs(value - x) <= 1e-9 * max(1.0, abs(value)) for x in shown), value


def test_scenario_hash_changes_with_the_scenario_only(base):
    same = run("baseline")
    assert scenario_hash(same) == scenario_hash(base)
    other = base.copy()
    scenario = json.loads(base.attrs["scenario"])
    scenario["segments"]["cars"]["km_per_year"] += 1
    other.attrs["scenario"] = json.dumps(scenario)
    assert scenario_hash(other) != scenario_hash(base)


# --- the document --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    report = build(["baseline", "target-150"], "id")
    out = tmp_path_factory.mktemp("report") / "r.html"
    paths = write(report, "id", out, pdf=True)
    yield report, paths
    report.close()


def test_html_is_self_contained_and_complete(two):
    report, (html_path, _) = two
    text = html_path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="id">' in text
    assert not re.search(r"""src=["'](?!data:)""", text)  # nothing loaded from anywhere
    assert "<link" not in text and "<script" not in text
    # The only addresses are the sources' own, as links to follow (never loaded, never javascript:).
    hrefs = re.findall(r"""<(\w+)[^>]*\shref=["']([^"']*)""", text)
    assert hrefs and all(tag == "a" and url.startswith(("http://", "https://")) for tag, url in hrefs)
    outside = re.sub(r"<a [^>]*>[^<]*</a>", "", text)
    assert "http://" not in re.sub(r"<td>[^<]*</td>", "", outside).replace("https://", "")
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', text)
    # the comparison, the provinces' maps and the backtest
    n = sum(len(p.charts) for p in report.scenarios) + 1 + len(report.province_maps) + 1
    assert len(report.province_maps) == 2
    assert len(images) == n
    assert MESSAGES["report.backtest"]["id"] in text and "register terkalibrasi" in text
    for key in ("report.sources", "report.conventions", "report.reproduce", "report.key_figures"):
        assert MESSAGES[key]["id"] in text
    for part in report.scenarios:
        assert scenario_hash(part.result) in text
    assert "Kepemilikan kendaraan roda empat mencapai 150 per 1.000 penduduk pada" in text  # target-150
    assert "gaikindo-48" in text and "BPS-Statistics Indonesia" in text
    # the run's own notes (target-150 produces more than the four-wheel capacity) are in the report
    assert "catatan: roda empat+: produksi melebihi kapasitas pada 2028-2060" in text
    assert len(scenario_hash(report.scenarios[0].result)) == 64
    for name in ("baseline", "target-150"):
        sc = load_scenario(name)
        assert _e(sc.description_id) in text and _e(sc.description) not in text


def test_pdf_has_a_page_per_chart(two):
    report, (_, pdf_path) = two
    data = pdf_path.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    # title page, a key-figures page per scenario, every chart, the comparison, the backtest, then
    # at least one page of assumptions per scenario and one of sources
    charts_and_before = 1 + len(report.scenarios) + sum(len(p.charts) for p in report.scenarios) + 2
    assert charts_and_before + len(report.scenarios) + 1 <= pages <= charts_and_before + 20


@pytest.fixture(scope="module")
def cli_en(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    args = ["report", "--lang", "en", "--pdf", "--out", str(folder / "r.html"), "--charts", str(folder / "c")]
    result = CliRunner().invoke(app, args)
    return folder, result


def test_cli_report_writes_html_pdf_and_charts(cli_en):
    folder, result = cli_en
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    text = (folder / "r.html").read_text()
    assert '<html lang="en">' in text
    assert "Four-wheel ownership does not reach 150 per 1,000 by 2060" in text
    assert _e(load_scenario("baseline").description) in text
    assert (folder / "r.pdf").read_bytes().startswith(b"%PDF")
    pngs = sorted((folder / "c").glob("*.png"))
    svgs = sorted((folder / "c").glob("*.svg"))
    assert len(pngs) == len(svgs) == len(re.findall("<img ", text)) > 10
    assert (folder / "c" / "baseline_ownership.svg").read_text().lstrip().startswith("<?xml")
    assert not list(folder.rglob("*.tmp"))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lang", "fr"], "--lang"),
        (["no-such-scenario"], "no-such-scenario"),
        (["--target", "-5"], "--target"),
        (["--target", "inf"], "--target"),
        (["--by", "1990"], "--by: 1990 is outside the projection 2026-2060"),
        (["--by", "2200"], "--by: 2200"),
        (["--by", "2200", "--lang", "id"], "--by: 2200 berada di luar rentang proyeksi 2026-2060"),
        (["--out", "{tmp}", "--lang", "id"], "adalah folder"),
        (["--out", "{tmp}"], "is a folder"),
        (["--out", "{tmp}/r.pdf", "--pdf"], "does not end in .html"),
        (["--out", "{tmp}/file/r.html"], "is a file, not a folder"),
        (["--charts", "{tmp}/file"], "--charts"),
    ],
)
def test_cli_report_errors_are_one_line_and_write_nothing(tmp_path, args, words):
    (tmp_path / "file").write_text("x")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = [] if "--out" in args else ["--out", str(tmp_path / "r.html")]
    result = CliRunner().invoke(app, ["report", *args, *out])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and words in lines[0], result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_an_unwritable_output_is_one_line(tmp_path, monkeypatch):
    from motorisasi.report import document

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "r.html"))

    monkeypatch.setattr(document, "write", refuse)
    monkeypatch.setattr(document, "build", lambda *a, **k: None)
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'r.html'}: Permission denied"


# --- the acceptance check: the report opens in a real browser, offline -----------------------


def _chromium() -> str | None:
    import shutil

    return next(
        (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
    )


@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("MOTORISASI_BROWSER_TESTS"),
    reason="no Chromium on this machine (set MOTORISASI_BROWSER_TESTS=1 to make this a failure)",
)
def test_reports_open_in_headless_chromium_offline(two, cli_en, tmp_path):
    from playwright.sync_api import sync_playwright

    browser_path = _chromium()
    assert browser_path, "MOTORISASI_BROWSER_TESTS is set but no Chromium was found"
    files = {"id": two[1][0], "en": cli_en[0] / "r.html"}
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, headless=True, args=flags)
        try:
            for lang, path in files.items():
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                errors, requests = [], []
                page.on(
                    "console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None
                )
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("request", lambda r, requests=requests: requests.append(r.url))
                page.goto(path.resolve().as_uri(), wait_until="load")
                assert page.evaluate("document.documentElement.lang") == lang
                images = page.evaluate(
                    "Array.from(document.images)"
                    ".map(i => [i.complete, i.naturalWidth, i.naturalHeight, i.alt])"
                )
                expected = len(re.findall("<img ", path.read_text(encoding="utf-8")))
                assert len(images) == expected > 10
                for complete, width, height, alt in images:
                    assert complete and width > 300 and height > 200, alt
                shot = tmp_path / f"{lang}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 50_000
                assert not errors, errors
                outside = [u for u in requests if not u.startswith(("file:", "data:"))]
                assert not outside, outside
                page.close()
        finally:
            browser.close()


def test_citation_links_are_http_only_and_escaped():
    from motorisasi.report.document import _linked

    text = 'BPS https://bps.go.id/a?b=1&c=2. "javascript:alert(1)" <script>x</script> (http://old.example/p).'
    html_text = _linked(text)
    assert '<a href="https://bps.go.id/a?b=1&amp;c=2" rel="noopener noreferrer">' in html_text
    assert '<a href="http://old.example/p"' in html_text and "</a>)." in html_text  # the bracket stays text
    assert "javascript:" not in re.sub(r"&quot;javascript:alert\(1\)&quot;", "", html_text)
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
