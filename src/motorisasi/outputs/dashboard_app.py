"""The dashboard page (Streamlit): ``motorisasi dashboard`` runs it.

Everything it shows comes from :mod:`motorisasi.outputs.dashboard`; this file only lays it out.
A run is kept for the same scenario and levers, so moving a lever back costs nothing and a new
position costs one scenario run (tens of milliseconds).
"""

from __future__ import annotations

import os

from motorisasi.errors import MotorisasiError
from motorisasi.outputs import dashboard as d
from motorisasi.outputs.messages import LANGUAGES, error_text, message, number
from motorisasi.scenario.levers import BY_KEY, levers_for
from motorisasi.scenario.schema import library

DATA = os.environ.get("MOTORISASI_DATA") or None
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}


def main() -> None:
    import streamlit as st

    st.set_page_config(page_title="motorisasi", layout="wide")
    lang = st.sidebar.radio(
        "Language / Bahasa", LANGUAGES, format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang"
    )
    m = lambda key, **values: message(key, lang, **values)  # noqa: E731
    st.title(m("dash.title"))
    shipped = library()
    name = st.sidebar.selectbox(m("dash.scenario"), shipped, index=shipped.index("baseline"), key="scenario")
    upload = st.sidebar.file_uploader(m("dash.upload"), type=["yaml", "yml"], key="upload")
    try:
        if upload is not None:
            sc = d.scenario(upload=upload.getvalue(), label=upload.name)
            st.sidebar.caption(_plain(m("dash.uploaded", name=upload.name)))
        else:
            sc = d.scenario(name)
    except MotorisasiError as exc:
        st.error(_plain(m("dash.error", error=error_text(exc, lang))))
        sc = d.scenario(name)
    try:
        _page(st, m, lang, sc, shipped)
    except MotorisasiError as exc:
        st.error(_plain(m("dash.error", error=error_text(exc, lang))))
    except Exception as exc:  # a fault of the model, not of the input: one line, as on the command line
        st.error(_plain(m("dash.error", error=f"internal error ({type(exc).__name__}: {exc})")))


def _page(st, m, lang: str, sc, shipped: list[str]) -> None:
    """The page for a scenario: levers, the figure, the answer, tables, charts and downloads."""
    _, as_is = d.run_with(sc, {}, DATA)  # the levers start from its values and the data it follows
    values = levers_for(sc, as_is)
    st.sidebar.header(m("dash.levers"))
    chosen, starts = {}, {}
    for key, value in values.items():
        lever = BY_KEY[key]
        # The slider starts on its grid; left there, the scenario keeps its own value (16.89, say).
        starts[key] = round(lever.low + round((value - lever.low) / lever.step) * lever.step, 10)
        chosen[key] = st.sidebar.slider(
            m(f"lever.{key}"),
            min_value=lever.low,
            max_value=lever.high,
            value=starts[key],
            step=lever.step,
            format="%d" if lever.step >= 1 else "%.1f",
            help=m(f"lever.{key}.why"),
            # Keyed by the scenario's content: another file (even of the same name) starts afresh.
            key=d.lever_key(sc, key),
        )
    st.sidebar.header(m("dash.target"))
    target = st.sidebar.number_input(m("dash.target_per_1000"), 50.0, 1000.0, 150.0, 5.0, key="target")
    by = st.sidebar.number_input(m("dash.target_by"), 2026, 2060, 2030, 1, key="by")
    moved = {k: v for k, v in chosen.items() if v != starts[k]}
    sc_run, ds = d.run_with(sc, moved, DATA)
    year = d.first_year(ds)
    st.metric(m("dash.ownership_2030", year=year), number(d.ownership_at(ds, year), lang, 1))
    st.subheader(m("dash.headline"))
    for sentence in d.headline(ds, sc_run, float(target), int(by), lang, DATA):
        st.markdown(_plain(sentence))
    st.subheader(m("dash.key_figures"))
    st.dataframe(d.key_figures(ds, lang), width="stretch")
    left, right = st.columns(2)
    left.caption(m("dash.chart.ownership"))
    ranges = sc_run.uncertainty and st.sidebar.checkbox(
        m("dash.ranges", draws=number(d.FAN_DRAWS, lang)), key="ranges", help=m("dash.ranges.why")
    )
    if ranges:
        left.altair_chart(_fan_chart(d.fan(sc_run, data_dir=DATA), float(target)), width="stretch")
    else:
        _chart(left, d.ownership_chart(ds, float(target), lang))
    left.caption(d.peers(lang, DATA))
    segment = d.car_segment(ds)
    if segment is not None:
        right.caption(m("dash.chart.sales"))
        _chart(right, d.sales_chart(ds, lang, segment), "area")
    st.caption(m("dash.chart.co2"))
    _chart(st, d.co2_chart(ds, lang), "area")
    # One further chart at a time: each chart drawn costs the page about 50 ms.
    shown = [n for n, (v, _) in d.MORE_CHARTS.items() if v in ds]
    if shown:
        name = st.selectbox(m("dash.more"), shown, format_func=lambda n: m(f"dash.chart.{n}"), key="more")
        variable, series = d.MORE_CHARTS[name]
        _chart(st, d.by_year(ds, variable, series, lang))
    if st.sidebar.checkbox(m("dash.provinces"), key="provinces", help=m("dash.provinces.why")):
        _provinces(st, m, lang, sc, moved, int(by))
    _comparison(st, m, lang, shipped, ds)
    _downloads(st, m, sc_run, ds, float(target), int(by), lang)


def _provinces(st, m, lang: str, sc, moved: dict, year: int) -> None:
    """The provinces on the national path of the levers: a tile-grid map (level or change) and
    where the additional vehicles would be."""
    from motorisasi.scenario.schema import with_regions

    _, ds = d.run_with(with_regions(sc, "provinces"), moved, DATA)
    year = min(year, int(ds["year"].values[-1]))
    base = int(ds.attrs["base_year"])
    frame = d.provinces(ds, year, lang)
    change = st.radio(
        m("dash.provinces.show"),
        ["per_1000", "change"],
        format_func=lambda k: m(f"dash.provinces.show.{k}", year=year, base=base),
        key="provinces_show",
        horizontal=True,
    )
    st.subheader(m(f"dash.provinces.title.{change}", year=year, base=base))
    st.vega_lite_chart(frame, d.tile_spec(frame, "", change), width="stretch")
    st.caption(m("dash.provinces.table", year=year, base=base))
    shown = frame[["province", "base", "per_1000", "additional"]].rename(
        columns={
            "province": m("dash.provinces.col.province"),
            "base": m("dash.provinces.col.per_1000_in", year=base),
            "per_1000": m("dash.provinces.col.per_1000_in", year=year),
            "additional": m("dash.provinces.col.additional"),
        }
    )
    st.dataframe(shown, width="stretch", hide_index=True)


def _plain(text: str) -> str:
    """Text shown as written, not read as Markdown (a value from a file could be a link)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|$~" else ch for ch in text)


def _chart(where, frame, mark: str = "line") -> None:
    data, spec = d.vega_lite(frame, mark)
    where.vega_lite_chart(data, spec, width="stretch")


def _fan_chart(quantiles, target: float):
    """Median, 25-75 % and 5-95 % of four-wheel ownership over the draws, and the target."""
    import altair as alt

    frame = quantiles.rename_axis("year").reset_index()
    base = alt.Chart(frame).encode(x=alt.X("year:Q", axis=alt.Axis(format="d")))
    outer = base.mark_area(opacity=0.2).encode(y=alt.Y("p5:Q", title=None), y2="p95:Q")
    inner = base.mark_area(opacity=0.4).encode(y="p25:Q", y2="p75:Q")
    median = base.mark_line().encode(y="p50:Q", tooltip=["year:Q", "p5:Q", "p50:Q", "p95:Q"])
    line = alt.Chart(frame.assign(target=target)).mark_rule(strokeDash=[4, 4]).encode(y="target:Q")
    return outer + inner + median + line


def _comparison(st, m, lang: str, shipped: list[str], ds) -> None:
    """Four-wheel ownership beside a shipped scenario's as shipped (the same one shows what the
    levers changed)."""
    none = m("dash.compare.none")
    other = st.sidebar.selectbox(m("dash.compare"), [none, *shipped], key="compare")
    if other == none:
        return
    _, other_ds = d.run_with(d.scenario(other), {}, DATA)
    here = m("dash.series.ownership")  # the run on screen, levers and all
    for column, name, run in zip(st.columns(2), (here, other), (ds, other_ds), strict=True):
        year = d.first_year(run)
        column.metric(
            f"{name}: " + m("dash.ownership_2030", year=year), number(d.ownership_at(run, year), lang, 1)
        )
        column.dataframe(d.key_figures(run, lang), width="stretch")
    st.caption(m("dash.compare.chart", a=here, b=other))
    _chart(st, d.comparison({here: ds, other: other_ds}))


def _downloads(st, m, sc_run, ds, target: float, by: int, lang: str) -> None:
    """The run in every format ``motorisasi run`` writes, the scenario as run and the report;
    each made when its button is clicked (the CSV of a run takes longer than the run)."""
    from motorisasi.outputs.export import file_names
    from motorisasi.outputs.files import safe_stem

    st.subheader(m("dash.downloads"))
    stem = safe_stem(sc_run.name)
    names = file_names(stem)  # as motorisasi run names its files
    files = [
        ("csv", lambda: d.results_csv(ds), names["csv"], "text/csv"),
        (
            "xlsx",
            lambda: d.excel(ds),
            names["xlsx"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("netcdf", lambda: d.netcdf(ds), names["netcdf"], "application/x-netcdf"),
        ("iamc", lambda: d.iamc_csv(ds), names["iamc"], "text/csv"),
        ("yaml", lambda: d.scenario_yaml(sc_run, ds), f"{stem}.yaml", "application/yaml"),
        ("report", lambda: d.report_html(sc_run, target, by, lang, DATA), f"{stem}.html", "text/html"),
    ]
    columns = st.columns(3)
    for i, (kind, make, name, mime) in enumerate(files):
        columns[i % 3].download_button(m(f"dash.download.{kind}"), make, name, mime, key=f"download-{kind}")


if __name__ == "__main__":  # as Streamlit runs it
    main()
