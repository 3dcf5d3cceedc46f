"""The report of scenarios for different countries: names carry their country, the key figures
add the rows per person, a section states the definitions that differ, and the comparison chart
and the ownership charts do not treat the two countries' registers as one."""

from __future__ import annotations

import html
import re

import pytest

from motorisasi.outputs.messages import MESSAGES, display_name
from motorisasi.outputs.summary import country_notes
from motorisasi.report import document
from motorisasi.report.document import Report, build, to_html

pytestmark = pytest.mark.slow

PER_PERSON = ("run.ind.four_wheel_in_use_per_1000", "run.ind.sales_per_1000", "run.ind.co2_per_person")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _text(key: str, lang: str) -> str:
    return MESSAGES[key][lang]


@pytest.fixture(scope="module")
def report():
    # Provinces and the backtest are about the first scenario only and are tested elsewhere:
    # left out here to keep the build short (the scenarios' runs and charts are what matter).
    patch = pytest.MonkeyPatch()
    patch.setattr(document, "_add_provinces", lambda *args, **kwargs: None)
    patch.setattr(document, "_add_backtest", lambda *args, **kwargs: None)
    try:
        built = build(["baseline", "thailand-baseline"], "en")
    finally:
        patch.undo()
    yield built
    built.close()


@pytest.fixture(scope="module")
def pages(report):
    return {lang: to_html(report, lang) for lang in ("en", "id")}


def _h1(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page)
    assert found is not None
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_names_and_title_carry_both_countries(pages, lang):
    page = pages[lang]
    title = _h1(page)
    assert "baseline (IDN)" in title and "thailand-baseline (THA)" in title
    for code in ("IDN", "THA"):
        assert display_name("country", code, lang) in title
    scenario = _text("report.scenario", lang)
    for name in ("baseline (IDN)", "thailand-baseline (THA)"):
        assert f"<h2>{_e(scenario.format(name=name))}</h2>" in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_definitions_that_differ_are_stated_in_the_language(report, pages, lang):
    page = pages[lang]
    heading = f'<h2 id="countries">{_e(_text("report.countries", lang))}</h2>'
    assert page.count(heading) == 1
    # Before the scenarios' own sections, after the comparison.
    first_scenario = page.index(_e(_text("report.scenario", lang).format(name="baseline (IDN)")))
    assert page.index(_e(_text("report.comparison", lang))) < page.index(heading) < first_scenario
    lines = country_notes([p.result for p in report.scenarios], lang)
    assert len(lines) >= 4  # the intro, one line per country, how they are reconciled
    section = page[page.index(heading) : first_scenario]
    for line in lines:
        assert _e(line.removeprefix("- ")) in section
    for code in ("IDN", "THA"):
        assert f"<li>{code}: " in section
    other = "id" if lang == "en" else "en"
    assert _e(_text("compare.countries", other)) not in page
    assert _e(_text("report.convention.countries", lang)) in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_key_figures_have_the_rows_per_person(pages, lang):
    page = pages[lang]
    for key in PER_PERSON:
        label = _e(_text(key, lang))
        assert page.count(f"<td>{label}</td>") == 2, key  # once in each scenario's table


def test_one_country_has_no_definitions_section_nor_rows_per_person(report):
    alone = Report(report.scenarios[:1], data_dir=report.data_dir)
    assert not alone.several_countries and report.several_countries
    page = to_html(alone, "en")
    assert 'id="countries"' not in page
    assert _e(_text("report.countries", "en")) not in page
    assert _e(_text("report.convention.countries", "en")) not in page
    for key in PER_PERSON:
        assert _e(_text(key, "en")) not in page
    title = _h1(page)
    assert "(IDN)" not in title and display_name("country", "IDN", "en") in title
    assert display_name("country", "THA", "en") not in title


def _gids(fig) -> set[str]:
    return {line.get_gid() for ax in fig.axes for line in ax.get_lines() if line.get_gid()}


def test_comparison_is_per_person_on_shared_definitions(report):
    gids = _gids(report.comparison_figure)
    for key in ("in_use", "ownership", "sales_per_1000", "plug_in_four_wheel", "co2_per_person", "exports"):
        for name in ("baseline (IDN)", "thailand-baseline (THA)"):
            assert f"{key}:{name}" in gids
    # Totals that add up countries of different sizes, and "cars" of different coverage, are not drawn.
    assert not any(g.startswith(("bev_cars:", "registered:", "sales:", "co2:")) for g in gids)


def test_ownership_charts_never_show_a_country_as_its_own_neighbour(report):
    by_country = {p.scenario.country: _gids(p.figures["ownership"]) for p in report.scenarios}
    assert "comparison:THA" not in by_country["THA"]
    assert "comparison:THA" in by_country["IDN"]  # Indonesia's chart keeps Thailand beside it


def test_segment_captions_use_the_scenarios_labels(pages):
    label = "cars, pick-ups and vans (DLT classes RY1-RY3)"
    caption = _text("report.caption.sales", "en").format(name=label)
    assert f"<figcaption>{_e(caption)}</figcaption>" in pages["en"]
