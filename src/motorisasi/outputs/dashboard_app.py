"""The dashboard page (Streamlit): ``motorisasi dashboard`` runs it.

Everything it shows comes from :mod:`motorisasi.outputs.dashboard`; this file only lays it out.
A run is kept for the same scenario and levers, so moving a lever back costs nothing and a new
position costs one scenario run (tens of milliseconds).
"""

from __future__ import annotations

import os

from motorisasi.errors import MotorisasiError
from motorisasi.outputs import dashboard as d
from motorisasi.outputs.messages import LANGUAGES, message, number
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
            st.sidebar.caption(m("dash.uploaded", name=upload.name))
        else:
            sc = d.scenario(name)
    except MotorisasiError as exc:
        st.error(m("dash.error", error=str(exc)))
        sc = d.scenario(name)
    values = levers_for(sc)
    st.sidebar.header(m("dash.levers"))
    chosen = {}
    for key, value in values.items():
        lever = BY_KEY[key]
        chosen[key] = st.sidebar.slider(
            m(f"lever.{key}"),
            min_value=lever.low,
            max_value=lever.high,
            value=float(value),
            step=lever.step,
            help=m(f"lever.{key}.why"),
            key=f"lever-{sc.name}-{key}",
        )
    st.sidebar.header(m("dash.target"))
    target = st.sidebar.number_input(m("dash.target_per_1000"), 50.0, 1000.0, 150.0, 5.0, key="target")
    by = st.sidebar.number_input(m("dash.target_by"), 2026, 2060, 2030, 1, key="by")
    moved = {k: v for k, v in chosen.items() if v != values[k]}
    try:
        sc_run, ds = d.run_with(sc, moved, DATA)
    except MotorisasiError as exc:
        st.error(m("dash.error", error=str(exc)))
        return
    st.metric(m("dash.ownership_2030", year=d.FIRST_FIGURE_YEAR), number(d.ownership_at(ds), lang, 1))
    st.subheader(m("dash.headline"))
    for sentence in d.headline(ds, sc_run, float(target), int(by), lang, DATA):
        st.markdown(sentence)
    st.subheader(m("dash.key_figures"))
    st.dataframe(d.key_figures(ds, lang), width="stretch")
    left, right = st.columns(2)
    left.caption(m("dash.chart.ownership"))
    left.line_chart(d.ownership_chart(ds, float(target), lang))
    right.caption(m("dash.chart.sales"))
    right.area_chart(d.sales_chart(ds, lang))
    st.caption(m("dash.chart.co2"))
    st.area_chart(d.co2_chart(ds, lang))
    st.subheader(m("dash.downloads"))
    one, two = st.columns(2)
    stem = sc_run.name
    # Made when asked for (the CSV of a run takes longer than the run itself).
    one.download_button(
        m("dash.download.csv"), lambda: d.results_csv(ds), f"{stem}.csv", "text/csv", key="csv"
    )
    two.download_button(
        m("dash.download.yaml"),
        lambda: d.scenario_yaml(sc_run, ds),
        f"{stem}.yaml",
        "application/yaml",
        key="yaml",
    )


if __name__ == "__main__":  # as Streamlit runs it
    main()
