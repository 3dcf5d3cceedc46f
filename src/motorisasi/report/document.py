"""A report of one or more scenario runs: a self-contained HTML file, and optionally a PDF.

The HTML embeds its charts as PNG data URIs and its style inline, so it opens anywhere with
no network. It holds a headline written from the run's own numbers, the key figures, the
charts, every assumption of the scenario with its reason, the data sources with citations,
the model's conventions, and the version and scenario hash that reproduce it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from motorisasi.outputs.messages import day, display_name, error_text, message, message_or, number, plain

CONVENTIONS = (
    "report.convention.ownership",
    "report.convention.registered",
    "report.convention.years",
    "report.convention.energy",
    "report.convention.co2",
    "report.convention.money",
    "report.convention.data",
    "report.convention.gap",
)


@dataclass
class Headline:
    """The numbers behind a scenario's headline sentences (sales are four-wheel-plus, vehicles/yr)."""

    target: float
    by: int
    end: int
    base_year: int
    ownership_base: float
    year_reached: int | None  # first year at or above the target, None if never within the horizon
    ownership_end: float
    base_sales: float  # the run's sales in the base year
    run_sales_by: float  # the run's sales in ``by``
    # The gap analysis, used when the run does not reach the target by ``by``:
    needed_sales: float = float("nan")  # sales in ``by`` on the constant-growth path that reaches it
    needed_growth: float = float("nan")  # that path's growth, fraction per year
    gap_year: int = 0  # the latest year of observed sales the path starts from
    gap_sales: float = float("nan")  # observed sales that year
    feasible: bool = True  # growth within the bound
    bound_pct: float = 100 * 0.25
    gap_reason: object = ""  # why the gap analysis could not answer (its error), when it could not


@dataclass
class ScenarioReport:
    result: Any  # xarray.Dataset
    scenario: Any  # motorisasi.scenario.schema.Scenario
    headline: Headline
    charts: dict[str, bytes] = field(default_factory=dict)  # name -> PNG
    figures: dict[str, Any] = field(default_factory=dict)  # name -> matplotlib Figure


@dataclass
class Report:
    scenarios: list[ScenarioReport]
    comparison: bytes | None = None  # PNG of the comparison panels
    comparison_figure: Any = None
    data_dir: Any = None  # the user's data folder the runs used (its sources are cited too)
    backtest: bytes | None = None  # PNG of the register model's hindcasts
    backtest_figure: Any = None
    backtest_text: list[str] = field(default_factory=list)
    #: Provinces: maps (name -> PNG), their figures, the ranked table's rows and the sentences.
    province_maps: dict[str, bytes] = field(default_factory=dict)
    province_figures: dict[str, Any] = field(default_factory=dict)
    province_rows: list[list[str]] = field(default_factory=list)
    province_text: list[str] = field(default_factory=list)
    province_target: float = 150.0
    province_by: int = 2030
    #: Which scenario the provinces are of (its index in ``scenarios``; the backtest is the first's).
    province_scenario: int = 0

    @property
    def countries(self) -> list[str]:
        """The scenarios' countries, in order of first appearance."""
        from motorisasi.outputs.summary import countries

        return countries([p.result for p in self.scenarios])

    @property
    def several_countries(self) -> bool:
        """Whether the scenarios are for more than one country (compared per person, with the
        definitions that differ stated)."""
        return len(self.countries) > 1

    @property
    def figures(self) -> list:
        """Every figure in reading order: the comparison first, then each scenario's charts, the
        provinces' maps, the backtest."""
        first = [self.comparison_figure] if self.comparison_figure is not None else []
        last = [self.backtest_figure] if self.backtest_figure is not None else []
        scenarios = [fig for part in self.scenarios for fig in part.figures.values()]
        return first + scenarios + list(self.province_figures.values()) + last

    def close(self) -> None:
        """Drop the figures (they live outside pyplot, so this frees them)."""
        self.comparison_figure = None
        self.backtest_figure = None
        self.province_figures = {}
        for part in self.scenarios:
            part.figures = {}


def scenario_hash(ds) -> str:
    """SHA-256 of the scenario as run (canonical JSON), in hex."""
    canonical = json.dumps(json.loads(ds.attrs["scenario"]), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


MAX_GROWTH = 0.25  # bound on year-on-year sales growth for the gap analysis (its default)


def headline(ds, sc, target: float, by: int, data_dir=None, gap=None) -> Headline:
    """Where the scenario's four-wheel ownership meets ``target``, and what reaching it by ``by`` takes.

    When the run itself reaches the target by ``by``, its own sales answer the second question.
    Otherwise the gap analysis (:func:`motorisasi.scenario.gap.ownership_gap`, with the
    scenario's car lifetime) gives the constant sales growth from the latest observed sales
    that reaches the target in ``by`` (``gap``: that function, or one that keeps its answers).
    """
    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.summary import four_wheel_segments
    from motorisasi.report.charts import four_wheel_per_1000
    from motorisasi.scenario.gap import ownership_gap

    gap_of = ownership_gap if gap is None else gap

    years = [int(y) for y in ds["year"].values]
    per_1000 = four_wheel_per_1000(ds)
    base = int(ds.attrs["base_year"])
    four = four_wheel_segments(ds)
    sales = ds["sales_total"].sel(segment=four).sum("segment")
    above = np.flatnonzero(per_1000 >= target)
    h = Headline(
        target=target,
        by=by,
        end=years[-1],
        base_year=base,
        ownership_base=float(per_1000[years.index(base)]),
        year_reached=years[above[0]] if above.size else None,
        ownership_end=float(per_1000[-1]),
        base_sales=float(sales.sel(year=base)),
        run_sales_by=float(sales.sel(year=by)) if by in years else float("nan"),
        bound_pct=100 * MAX_GROWTH,
    )
    if h.ownership_base >= target or (h.year_reached is not None and h.year_reached <= by):
        return h
    segment = sc.segments["cars"] if "cars" in sc.segments else next(iter(sc.segments.values()))
    try:
        found = gap_of(
            target,
            by,
            country=sc.country,
            lifetime=segment.lifetime.mean_years,
            lifetime_std=segment.lifetime.std_years,
            max_growth=MAX_GROWTH,
            data_dir=data_dir,
        )
    except MotorisasiError as exc:
        h.gap_reason = exc  # worded in the report's language when shown
        return h
    h.needed_sales = float(found.sales[-1])
    h.needed_growth = float(found.needed_growth)
    h.gap_year = int(found.base_year)
    h.gap_sales = float(found.baseline_sales)
    h.feasible = bool(found.feasible)
    return h


def headline_text(h: Headline, lang: str) -> list[str]:
    """The headline as sentences in ``lang``."""
    target = number(h.target, lang)
    if h.ownership_base >= h.target:
        return [
            message(
                "report.headline.already",
                lang,
                target=target,
                year=h.base_year,
                ownership=number(h.ownership_base, lang),
            )
        ]
    if h.year_reached is not None:
        first = message("report.headline.reached", lang, target=target, year=h.year_reached)
    else:
        first = message(
            "report.headline.never", lang, target=target, end=h.end, ownership=number(h.ownership_end, lang)
        )
    if h.year_reached is not None and h.year_reached <= h.by:
        second = message(
            "report.headline.run_sales",
            lang,
            by=h.by,
            sales=_million(h.run_sales_by, lang),
            times=number(h.run_sales_by / h.base_sales, lang, 1),
            base=_million(h.base_sales, lang),
            year=h.base_year,
        )
        return [first, second]
    if h.gap_reason:
        why = error_text(h.gap_reason, lang)
        return [first, message("report.headline.gap_error", lang, by=h.by, reason=why)]
    second = message(
        "report.headline.needed",
        lang,
        by=h.by,
        growth=number(100 * h.needed_growth, lang, 1),
        sales=_million(h.needed_sales, lang),
        times=number(h.needed_sales / h.gap_sales, lang, 1),
        today=_million(h.gap_sales, lang),
        year=h.gap_year,
    )
    if not h.feasible:
        second += " " + message("report.headline.bound", lang, bound=plain(h.bound_pct, lang))
    return [first, second]


def _million(value: float, lang: str) -> str:
    return message("report.million", lang, value=number(value / 1e6, lang, 2))


def build(
    scenarios: list,
    lang: str = "en",
    target: float = 150.0,
    by: int = 2030,
    data_dir=None,
    progress=None,
    draws: int = 0,
    seed: int = 0,
) -> Report:
    """Run the scenarios and draw their charts (``progress(step)`` is called after each step).

    With ``draws``, each scenario with an ``uncertainty`` section also gets fan charts of that
    many draws (four-wheel ownership and road CO2; see :mod:`motorisasi.scenario.ensemble`).
    """
    from motorisasi.report import charts
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import Scenario, load_scenario

    comparison = charts.comparison_levels(data_dir=data_dir)
    parts = []
    for name in scenarios:
        sc = name if isinstance(name, Scenario) else load_scenario(name)
        ds = run(sc, data_dir=data_dir, by_age=True)
        # Other countries' levels: never the scenario's own country as if it were another.
        others = {k: v for k, v in comparison.items() if k != sc.country}
        figs = charts.all_charts(ds, lang, target, others)
        if draws and sc.uncertainty:
            figs.update(_fans(sc, draws, seed, lang, data_dir))
        pngs = {k: charts.png_bytes(f) for k, f in figs.items()}
        parts.append(ScenarioReport(ds, sc, headline(ds, sc, target, by, data_dir), pngs, figs))
        if progress:
            progress(name)
    if len(parts) < 2:
        report = Report(parts, data_dir=data_dir)
    else:
        fig = charts.compare([p.result for p in parts], lang, scenario_names(parts))
        report = Report(parts, charts.png_bytes(fig), fig, data_dir=data_dir)
    _add_provinces(report, parts[0], target, by, lang, data_dir)
    if not report.province_maps and report.several_countries:
        # The provinces are one country's: of the first scenario of a country that has them
        # (else the first scenario's reason stands).
        why, tried = report.province_text, {parts[0].scenario.country}
        for i, part in enumerate(parts[1:], start=1):
            if part.scenario.country in tried:
                continue
            tried.add(part.scenario.country)
            _add_provinces(report, part, target, by, lang, data_dir)
            if report.province_maps:
                report.province_scenario = i
                break
        else:
            report.province_text = why
    _add_backtest(report, parts[0].scenario, lang, data_dir)
    return report


def _add_provinces(report: Report, part: ScenarioReport, target: float, by: int, lang: str, data_dir) -> None:
    """The first scenario by province: maps of ownership and its change, and where the vehicles of
    the target would be (skipped, with the reason, where the provincial data do not reach)."""
    from motorisasi.errors import MotorisasiError
    from motorisasi.report import charts
    from motorisasi.scenario.gap import ownership_gap
    from motorisasi.scenario.gap_regions import regional_gap
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import with_regions
    from motorisasi.scenario.steps.checks import RunCheckError

    sc = part.scenario if part.scenario.regions is not None else with_regions(part.scenario, "provinces")
    try:
        ds = run(sc, data_dir=data_dir)
    except (MotorisasiError, RunCheckError) as exc:
        report.province_text = [message("report.provinces.unavailable", lang, reason=error_text(exc, lang))]
        return
    from motorisasi.outputs.summary import four_wheel_segments

    if not four_wheel_segments(ds):
        report.province_text = [message("report.provinces.none", lang)]
        return
    spec = sc.regions
    assert spec is not None
    base = int(ds.attrs["base_year"])
    later = min(by, int(ds["year"].values[-1]))
    own = charts.region_four_wheel_per_1000(ds)
    level = own.sel(year=base).to_series().to_dict()
    change = (own.sel(year=later) - own.sel(year=base)).to_series().to_dict()
    unit = message("chart.per_1000", lang)
    figs = {
        "provinces_level": charts.tile_map(
            level, message("report.provinces.map", lang, year=base), unit, lang
        ),
        "provinces_change": charts.tile_map(
            change,
            message("report.provinces.change", lang, start=base, end=later),
            unit,
            lang,
            diverging=True,
        ),
    }
    for fig in figs.values():
        charts._source(fig, [ds], lang)
    report.province_figures = figs
    report.province_maps = {k: charts.png_bytes(f) for k, f in figs.items()}
    top = max(level, key=level.get)
    bottom = min(level, key=level.get)
    report.province_text = [
        message(
            "report.provinces.spread",
            lang,
            year=base,
            high=number(level[top], lang, 1),
            high_name=top,
            low=number(level[bottom], lang, 1),
            low_name=bottom,
            how=_lower_first(message(f"regions.model.{spec.model}", lang)),
        )
    ]
    try:
        gap = regional_gap(
            ownership_gap(target, by, country=sc.country, data_dir=data_dir),
            spec.set,
            income_weight=spec.income_weight,
            density_weight=spec.density_weight,
            model=spec.model,
            data_dir=data_dir,
        )
    except MotorisasiError as exc:
        why = error_text(exc, lang)
        report.province_text.append(message("report.provinces.unavailable", lang, reason=why))
        return
    from motorisasi.outputs.summary import ranked_rows

    report.province_target, report.province_by = float(target), int(by)
    total = sum(gap.additional)
    order = sorted(range(len(gap.names)), key=lambda i: -gap.additional[i])
    report.province_rows = ranked_rows(gap, lang)
    java = [i for i, name in enumerate(gap.names) if name.startswith(("Jawa", "DKI", "Banten", "DI Y"))]
    report.province_text.append(
        message(
            "report.provinces.gap",
            lang,
            target=number(target, lang),
            by=by,
            first=gap.names[order[0]],
            first_share=number(100 * gap.additional[order[0]] / total, lang, 1),
            java=number(100 * sum(gap.additional[i] for i in java) / total, lang, 1),
            reached=sum(1 for r in gap.reached if r is not None),
            count=len(gap.names),
        )
    )


def _fans(sc, draws: int, seed: int, lang: str, data_dir) -> dict:
    """Fan charts of a scenario's ensemble: name -> Figure."""
    from motorisasi.outputs.summary import FANS, fan_series
    from motorisasi.report import charts
    from motorisasi.scenario.ensemble import ensemble

    found = ensemble(sc, draws, seed=seed, data_dir=data_dir, derived=fan_series)
    shown = number(draws, lang)
    return {
        key: charts.fan(found, key, message(title, lang, draws=shown), message(unit, lang), lang)
        for key, (title, unit) in FANS.items()
    }


def _add_backtest(report: Report, sc, lang: str, data_dir) -> None:
    """The first scenario's register model against history (skipped when it lacks the segments)."""
    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.summary import backtest_sentences, forecast_rows
    from motorisasi.report import charts
    from motorisasi.scenario.backtest import backtest

    try:
        bt = backtest(sc, horizons=10, data_dir=data_dir)
    except MotorisasiError:
        return
    fig = charts.backtest_fans({**bt.to_dict(), "forecasts": forecast_rows(bt)}, lang)
    report.backtest_figure = fig
    report.backtest = charts.png_bytes(fig)
    report.backtest_text = backtest_sentences(bt, lang) + (
        backtest_sentences(bt, lang, since=None) if bt.current_from is not None else []
    )
    if sc.energy.calibration.model != "none":
        from motorisasi.outputs.summary import energy_backtest_sentences
        from motorisasi.scenario.energy_backtest import energy_backtest

        try:
            ebt = energy_backtest(sc, horizons=5, data_dir=data_dir)
        except MotorisasiError:
            return
        report.backtest_text += energy_backtest_sentences(ebt, lang, ebt.current_from)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def scenario_names(parts: list[ScenarioReport]) -> list[str]:
    """The scenarios' names, distinct; with their country, ``baseline (IDN)``, when the
    scenarios are for more than one country."""
    from motorisasi.outputs.summary import unique_names

    return unique_names([p.result for p in parts])


def country_lines(report: Report, lang: str) -> list[str]:
    """What differs between the countries' registers and segments, and how the report reconciles
    them (:func:`motorisasi.outputs.summary.country_notes`); empty for one country."""
    from motorisasi.outputs.summary import country_notes

    return country_notes([p.result for p in report.scenarios], lang, report.data_dir)


def report_title(report: Report, lang: str) -> str:
    """The report's title: its country (or countries) and scenarios."""
    names = ", ".join(scenario_names(report.scenarios))
    shown = [display_name("country", c, lang) for c in report.countries]
    if len(shown) < 2:
        return message("report.title", lang, scenarios=names, country=shown[0])
    joined = message("report.title.and", lang, first=", ".join(shown[:-1]), last=shown[-1])
    return message("report.title.countries", lang, scenarios=names, countries=joined)


def _section(heading: str, report: Report, index: int = 0) -> str:
    """A heading of a section about one scenario only (``index``): with its name when the
    report has scenarios of more than one country."""
    if not report.several_countries:
        return heading
    return f"{heading}: {scenario_names(report.scenarios)[index]}"


# --- assumptions -------------------------------------------------------------------------


def assumptions(sc, lang: str = "en") -> list[tuple[str, str, str, str]]:
    """Every setting of a scenario as (field, value, unit or meaning, reason) rows.

    A field's reason is the ``X_reason`` next to it whose ``X`` starts its name (``km_reason``
    for ``km_per_year``), else the ``reason`` of its block. Numbers use the language's format;
    meanings and reasons are the scenario's own words.
    """
    rows: list[tuple[str, str, str, str]] = []
    _walk(sc, "", rows, lang)
    return rows


def fitted(ds, lang: str = "en") -> list[tuple[str, str, str, str]]:
    """The parameters a run fitted to data, as assumption rows: the distance factor of each fuel."""
    import json

    from motorisasi.outputs.summary import year_ranges

    rows: list[tuple[str, str, str, str]] = []
    calibration = json.loads(ds.attrs.get("energy_calibration", "{}"))
    segments = json.loads(ds.attrs["scenario"])["segments"]
    for fuel, fit in calibration.get("fuels", {}).items():
        if fit.get("status") not in ("calibrated", "bound"):
            continue
        split = "; ".join(
            message(
                "report.fitted.segment",
                lang,
                segment=seg,
                km=number(segments[seg]["km_per_year"] * float(ds["km_factor"].sel(segment=seg)), lang, 0),
                intensity=_value(round(float(ds["intensity_factor"].sel(segment=seg)), 3), lang),
            )
            for seg in fit["segments"]
        )
        ratios = fit.get("ratio") or [1.0]
        rows.append(
            (
                f"energy.calibration.{fuel} ({message('report.fitted', lang)})",
                f"{_value(round(fit['factor'], 3), lang)} ({split})",
                message("report.fitted.meaning", lang),
                message(
                    "report.fitted.reason",
                    lang,
                    series=" + ".join(fit["series"]),
                    years=year_ranges(fit.get("years") or []),
                    low=number(100 * (min(ratios) - 1), lang, 1),
                    high=number(100 * (max(ratios) - 1), lang, 1),
                ),
            )
        )
    return rows


def _walk(model, path: str, rows: list, lang: str) -> None:
    from pydantic import BaseModel

    fields = type(model).model_fields
    reasons = {
        name[: -len("reason")].rstrip("_"): getattr(model, name) for name in fields if name.endswith("reason")
    }
    for name, info in fields.items():
        if name.endswith("reason") or name in ("name", "description", "description_id", "label"):
            continue
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            _walk(value, where, rows, lang)
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            for key, item in value.items():
                _walk(item, f"{where}.{key}", rows, lang)
        else:
            prefixes = [p for p in reasons if p and name.startswith(p)]
            reason = reasons[max(prefixes, key=len)] if prefixes else reasons.get("", "")
            for sub, leaf in _leaves(value, where, lang):
                meaning = message_or(f"field.{type(model).__name__}.{name}", lang, info.description or "")
                rows.append((sub, leaf, meaning, str(reason)))


def _leaves(value, where: str, lang: str):
    """A value as (field, text) rows: a year -> number mapping is one row, deeper mappings split."""
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        for key, item in value.items():
            yield from _leaves(item, f"{where}.{key}", lang)
    elif isinstance(value, dict):
        yield where, "; ".join(f"{k}: {_value(v, lang)}" for k, v in value.items()) if value else "-"
    elif isinstance(value, list):
        yield where, "; ".join(_value(v, lang) for v in value) if value else "-"
    else:
        yield where, _value(value, lang)


def _value(value, lang: str) -> str:
    """A setting as written, numbers in the language's format (10,600 and 0.1689, or 10.600 and 0,1689)."""
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if abs(value) >= 10_000:
        return number(value, lang, 0 if float(value).is_integer() else 2)
    text = f"{value:.6g}"
    return text.replace(".", ",") if lang == "id" else text


# --- HTML --------------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:1100px;
margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}
h2{margin-top:2.2rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem}
.meta{color:#555;font-size:.9rem}.headline{font-size:1.15rem;background:#f2f7fb;border-left:4px solid #0072B2;
padding:.6rem 1rem;margin:1rem 0}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
table.sources{table-layout:fixed}table.sources td{overflow-wrap:anywhere}
.notes{color:#8a4b00}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:1.2rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.8rem;color:#555}details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
code{font-size:.85em}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}">'
        f"<figcaption>{_e(alt)}</figcaption></figure>"
    )


#: A web address in text: http or https only, up to a space, quote or angle bracket.
_URL = re.compile(r"https?://[^\s<>\"']+")


def _linked(text: str) -> str:
    """``text`` escaped for HTML, its web addresses as links (a trailing full stop, comma,
    semicolon or bracket stays text)."""
    out, at = [], 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;)")
        out.append(_e(text[at : match.start()]))
        out.append(f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>')
        at = match.start() + len(url)
    out.append(_e(text[at:]))
    return "".join(out)


def _table(
    header: list[str],
    rows: list[list[str]],
    numeric_from: int | None = None,
    widths: tuple[int, ...] = (),
    links: bool = False,
) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        cls = ' class="num"' if numeric_from is not None and i >= numeric_from else ""
        body = _linked(text) if links and tag == "td" else _e(text)
        return f"<{tag}{cls}>{body}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    if not widths:
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    table = f'<table class="sources"><colgroup>{cols}</colgroup>'
    return f"{table}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _key_figure_rows(ds, lang: str, per_person: bool = False) -> tuple[list[int], list[list[str]]]:
    """The milestone years, and one row of formatted values per headline indicator (with the
    rows per person, for comparing countries, when ``per_person``)."""
    from motorisasi.outputs.summary import indicators, milestones

    years = milestones(ds)
    rows = [
        [label, *(number(float(v), lang, spec) for v in np.asarray(values, dtype=float))]
        for label, (spec, values) in indicators(ds, years, lang, per_person).items()
    ]
    return years, rows


def _key_figures(ds, lang: str, per_person: bool = False) -> str:
    years, rows = _key_figure_rows(ds, lang, per_person)
    return _table([message("report.indicator", lang), *map(str, years)], rows, numeric_from=1)


def _description(sc, lang: str) -> str:
    """The scenario's description, in Bahasa Indonesia when asked and the file gives one."""
    return (lang == "id" and sc.description_id) or sc.description


def _source_rows(results: list, data_dir=None) -> list[list[str]]:
    """(id, publisher, citation, table, accessed, licence) of every source the runs used.

    ``data_dir`` is the user's data folder the runs used: its sources are described from it.
    """
    from motorisasi.data.store import merged

    known = merged(data_dir).sources
    ids = sorted({i for ds in results for i in json.loads(ds.attrs.get("sources", "{}"))})
    keys = ("publisher", "citation", "table", "accessed", "licence")
    return [[i, *(str(known.get(i, {}).get(k, "")) for k in keys)] for i in ids]


def _sources(results: list, lang: str, data_dir=None) -> str:
    rows = [[*row[:4], day(row[4], lang), row[5]] for row in _source_rows(results, data_dir)]
    header = [
        message(f"report.sources.{k}", lang)
        for k in ("id", "publisher", "citation", "table", "accessed", "licence")
    ]
    return _table(header, rows, widths=(10, 16, 44, 12, 9, 9), links=True)


def to_html(report: Report, lang: str) -> str:
    """The report as one self-contained HTML document."""
    from motorisasi import __version__
    from motorisasi.outputs.summary import notes

    names = scenario_names(report.scenarios)
    several = report.several_countries
    heading = report_title(report, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        f"<title>{_e(heading)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="meta">{_e(message("report.meta", lang, version=__version__))}</p>',
    ]
    if report.comparison is not None:
        out.append(f"<h2>{_e(message('report.comparison', lang))}</h2>")
        key = "report.comparison.countries" if several else "report.comparison"
        out.append(_img(report.comparison, message(key, lang)))
    lines = country_lines(report, lang)
    if lines:
        out.append(f'<h2 id="countries">{_e(message("report.countries", lang))}</h2>')
        items = [line.removeprefix("- ") for line in lines if line.startswith("- ")]
        out.append(f"<p>{_e(lines[0])}</p>")
        out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in items) + "</ul>")
        out.extend(f"<p>{_e(t)}</p>" for t in lines[1:] if not t.startswith("- "))
    for part, label in zip(report.scenarios, names, strict=True):
        ds = part.result
        out.append(f"<h2>{_e(message('report.scenario', lang, name=label))}</h2>")
        description = _description(part.scenario, lang)
        if description:
            out.append(f"<p>{_e(description)}</p>")
        out.append(f'<p class="meta">{_e(message("report.hash", lang, hash=scenario_hash(ds)))}</p>')
        out.append(
            '<div class="headline">' + " ".join(_e(s) for s in headline_text(part.headline, lang)) + "</div>"
        )
        warned = notes(ds, lang, names=True)
        if warned:
            out.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in warned) + "</ul>")
        out.append(f"<h3>{_e(message('report.key_figures', lang))}</h3>")
        out.append(_key_figures(ds, lang, several))
        out.append(f"<h3>{_e(message('report.charts', lang))}</h3>")
        for key, png in part.charts.items():
            out.append(_img(png, _caption(key, lang, part.scenario if several else None)))
        rows = [list(r) for r in assumptions(part.scenario, lang) + fitted(ds, lang)]
        out.append(f"<details><summary>{_e(message('report.assumptions', lang, n=len(rows)))}</summary>")
        out.append(
            _table(
                [message(f"report.assumptions.{k}", lang) for k in ("field", "value", "meaning", "reason")],
                rows,
            )
        )
        out.append("</details>")
    if report.province_text:
        out.append(
            f"<h2>{_e(_section(message('report.provinces', lang), report, report.province_scenario))}</h2>"
        )
        out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in report.province_text) + "</ul>")
        for key, png in report.province_maps.items():
            out.append(_img(png, message(f"report.caption.{key}", lang)))
        if report.province_rows:
            goal = number(report.province_target, lang)
            heading = message("report.provinces.table", lang, target=goal, by=report.province_by)
            out.append(f"<h3>{_e(heading)}</h3>")
            out.append(
                _table(
                    [
                        message("gap.regions.col.province", lang),
                        message(
                            "gap.regions.col.now",
                            lang,
                            year=report.scenarios[report.province_scenario].result.attrs["base_year"],
                        ),
                        message("gap.regions.col.then", lang, year=report.province_by),
                        message("gap.regions.col.additional", lang),
                        message("gap.regions.col.share", lang),
                        message("gap.regions.col.reached", lang, target=goal),
                    ],
                    report.province_rows,
                )
            )
    if report.backtest is not None:
        out.append(f"<h2>{_e(_section(message('report.backtest', lang), report))}</h2>")
        out.append(f"<p>{_e(message('report.backtest.intro', lang))}</p>")
        out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in report.backtest_text) + "</ul>")
        out.append(_img(report.backtest, message("report.backtest", lang)))
    out.append(f"<h2>{_e(message('report.sources', lang))}</h2>")
    out.append(f"<p>{_e(message('report.sources.intro', lang))}</p>")
    out.append(_sources([p.result for p in report.scenarios], lang, report.data_dir))
    out.append(f"<h2>{_e(message('report.conventions', lang))}</h2><ul>")
    out.extend(f"<li>{_e(message(key, lang))}</li>" for key in CONVENTIONS)
    if several:
        out.append(f"<li>{_e(message('report.convention.countries', lang))}</li>")
    out.append("</ul>")
    out.append(f"<h2>{_e(message('report.reproduce', lang))}</h2>")
    out.append(f"<p>{_e(message('report.reproduce.text', lang, version=__version__))}</p>")
    out.append(
        _table(
            [message("report.scenario.col", lang), message("report.hash.col", lang)],
            [[n, scenario_hash(p.result)] for n, p in zip(names, report.scenarios, strict=True)],
        )
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _caption(key: str, lang: str, sc=None) -> str:
    """A chart's caption. With ``sc`` (a report of more than one country), a segment is named
    by the scenario's own label when it has one (what "cars" covers differs), and the ownership
    chart says that each country's register counts on its own definition."""
    kind, _, rest = key.partition("_")
    if kind in ("sales", "fleet", "age", "trade") and rest:
        name = display_name("group" if kind == "trade" else "segment", rest, lang)
        segment = sc.segments.get(rest) if sc is not None and kind != "trade" else None
        label = getattr(segment, "label", None) if segment is not None else None
        if label:
            name = label
        return message(f"report.caption.{kind}", lang, name=name)
    if key == "ownership" and sc is not None:
        return message("report.caption.ownership.countries", lang)
    return message(f"report.caption.{key}", lang)


def pdf_path(out: str | Path) -> Path:
    """Where the PDF goes: next to the HTML file, with the suffix .pdf."""
    return Path(out).with_suffix(".pdf")


def file_names(out: str | Path, pdf: bool = False) -> list[str]:
    """The names of the report's files: the HTML, and the PDF beside it when asked for."""
    return [Path(out).name, *([pdf_path(out).name] if pdf else [])]


def check_paths(out: str | Path, pdf: bool = False, lang: str = "en") -> None:
    """Refuse output paths that would fail or clash, before any work is done."""
    from motorisasi.errors import MotorisasiError

    out = Path(out)
    if out.is_dir():
        raise MotorisasiError(message("report.error.out_folder", lang, path=str(out)))
    if out.suffix.lower() not in (".html", ".htm"):
        raise MotorisasiError(message("report.error.out_html", lang, path=str(out)))
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise MotorisasiError(message("report.error.out_parent", lang, path=str(parent)))
            break


def write(report: Report, lang: str, out: str | Path, pdf: bool = False, outset=None) -> list[Path]:
    """Write the HTML (and the PDF next to it) as one set: both new, or both as before.

    ``outset`` is an open :class:`~motorisasi.outputs.files.OutputSet` of the HTML file's folder
    that the caller commits; without it the files are committed here.
    """
    from motorisasi.outputs.files import writing

    check_paths(out, pdf, lang)
    out = Path(out)
    with writing(out.parent, file_names(out, pdf), lang, outset) as files:
        paths = [files.write(out.name, to_html(report, lang).encode("utf-8"))]
        if pdf:
            paths.append(files.write(pdf_path(out).name, lambda path: _pdf(report, lang, path)))
    return paths


def _pdf(report: Report, lang: str, path: Path) -> None:
    """The report on A4 pages: headlines and conventions, key figures, charts, assumptions, sources."""
    import textwrap

    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from motorisasi import __version__
    from motorisasi.outputs.summary import notes

    def wrapped(text: str, width: int = 100) -> list[str]:
        return textwrap.wrap(text, width) or [""]

    names = scenario_names(report.scenarios)
    with PdfPages(path, metadata={"Title": "motorisasi report", "CreationDate": None}) as pdf:
        page = Figure(figsize=(8.27, 11.69))
        several = report.several_countries
        lines = [
            *wrapped(report_title(report, lang), 80),
            "",
            *wrapped(message("report.meta", lang, version=__version__)),
            "",
        ]
        for part, label in zip(report.scenarios, names, strict=True):
            lines.append(message("report.scenario", lang, name=label))
            lines.append(message("report.hash", lang, hash=scenario_hash(part.result)))
            description = _description(part.scenario, lang)
            lines.extend(wrapped(description) if description else [])
            for sentence in headline_text(part.headline, lang):
                lines.extend(wrapped(sentence))
            for line in notes(part.result, lang, names=True):
                lines.extend(wrapped(line))
            lines.append("")
        countries = country_lines(report, lang)
        if countries:
            lines.append(message("report.countries", lang))
            for line in countries:
                lines.extend(wrapped(line))
            lines.append("")
        lines.append(message("report.conventions", lang))
        for key in CONVENTIONS:
            lines.extend(wrapped("- " + message(key, lang)))
        if several:
            lines.extend(wrapped("- " + message("report.convention.countries", lang)))
        page.text(0.06, 0.96, "\n".join(lines), va="top", ha="left", fontsize=8.5, family="sans-serif")
        pdf.savefig(page)
        for part, label in zip(report.scenarios, names, strict=True):
            pdf.savefig(_figures_page(part.result, label, lang, several))
        for fig in report.figures:
            pdf.savefig(fig, bbox_inches="tight")
        for part, label in zip(report.scenarios, names, strict=True):
            rows = assumptions(part.scenario, lang) + fitted(part.result, lang)
            lines = []
            for field_, value, meaning, reason in rows:
                lines.extend(wrapped(f"{field_} = {value}" + (f"  [{meaning}]" if meaning else ""), 120))
                if reason:
                    lines.extend("    " + line for line in wrapped(reason, 116))
            heading = message("report.assumptions", lang, n=len(rows))
            title = f"{message('report.scenario', lang, name=label)}: {heading}"
            for page in _text_pages(title, lines):
                pdf.savefig(page)
        lines = []
        for source_id, publisher, citation, table, accessed, _licence in _source_rows(
            [p.result for p in report.scenarios], report.data_dir
        ):
            text = f"{source_id}: {publisher}. {citation}" + (f" ({table})" if table else "")
            accessed = day(accessed, lang)
            lines.extend(wrapped(f"{text}; {message('report.sources.accessed', lang)} {accessed}", 120))
        for page in _text_pages(message("report.sources", lang), lines):
            pdf.savefig(page)


def _text_pages(title: str, lines: list[str], per_page: int = 95):
    """A4 pages of small text under a title, as many as the lines need."""
    from matplotlib.figure import Figure

    for start in range(0, max(len(lines), 1), per_page):
        page = Figure(figsize=(8.27, 11.69))
        page.text(0.05, 0.97, title, va="top", ha="left", fontsize=10, fontweight="bold")
        page.text(0.05, 0.945, "\n".join(lines[start : start + per_page]), va="top", ha="left", fontsize=6.5)
        yield page


def _figures_page(ds, label: str, lang: str, per_person: bool = False):
    """The key figures of one scenario as a table on an A4 page."""
    from matplotlib.figure import Figure

    years, rows = _key_figure_rows(ds, lang, per_person)
    page = Figure(figsize=(8.27, 11.69))
    ax = page.add_axes((0.04, 0.05, 0.92, 0.88))
    ax.axis("off")
    ax.set_title(
        f"{message('report.scenario', lang, name=label)}: {message('report.key_figures', lang)}", loc="left"
    )
    table = ax.table(
        cellText=rows,
        colLabels=[message("report.indicator", lang), *map(str, years)],
        colWidths=[0.5, *[0.5 / len(years)] * len(years)],
        loc="upper left",
        cellLoc="right",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    for (row, col), cell in table.get_celld().items():
        cell.set_edgecolor("#dddddd")
        if col == 0:
            cell.get_text().set_horizontalalignment("left")
        if row == 0:
            cell.get_text().set_fontweight("bold")
    return page
