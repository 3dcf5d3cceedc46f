"""Harmonisation builders on small synthetic series with known breaks, gaps and conflicts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from motorisasi.data import harmonise as hz


def series(values: dict[int, float], source: str = "a", flag: str = "observed") -> hz.Harmonised:
    reports = pd.DataFrame({"year": list(values), "value": list(values.values()), "source_id": source})
    return hz.from_reports(reports, flag=flag, note=f"from {source}")


positive = st.floats(min_value=1.0, max_value=1e8, allow_nan=False)


@given(
    truth=st.lists(positive, min_size=6, max_size=30),
    factor=st.floats(min_value=0.05, max_value=20.0),
    data=st.data(),
)
def test_ratio_splice_undoes_a_constant_factor_break(truth, factor, data):
    """The new method counts `factor` times less; the old series is restored on the new basis."""
    n = len(truth)
    years = list(range(1990, 1990 + n))
    split = data.draw(st.integers(min_value=2, max_value=n - 2), label="first year of the new method")
    overlap = data.draw(st.integers(min_value=1, max_value=min(split, n - split)), label="overlap years")
    new = series({y: v for y, v in zip(years, truth, strict=True) if y >= years[split] - overlap}, "new")
    old = series({y: v / factor for y, v in zip(years, truth, strict=True) if y < years[split]}, "old")
    spliced, estimated = hz.ratio_splice(new, old, overlap=years[split - overlap : split])
    assert estimated == pytest.approx(factor, rel=1e-12)
    assert list(spliced.years) == years
    np.testing.assert_allclose(spliced.value.to_numpy(), truth, rtol=1e-12)
    before = spliced.flag.loc[: years[split] - overlap - 1]
    assert (before == "adjusted").all()
    assert (spliced.flag.loc[years[split] - overlap :] == "observed").all()
    assert all("old" in s and "new" in s for s in spliced.source_id[before.index])


def test_ratio_splice_uses_the_mean_ratio_of_the_overlap():
    base = series({2015: 110.0, 2016: 120.0, 2017: 130.0})
    other = series({2013: 50.0, 2014: 60.0, 2015: 100.0, 2016: 100.0})
    spliced, factor = hz.ratio_splice(base, other, overlap=[2015, 2016])
    assert factor == pytest.approx(1.15)
    assert spliced.value[2013] == pytest.approx(57.5)
    assert "x 1.1500" in spliced.note[2013]


def test_ratio_splice_refuses_without_overlap():
    with pytest.raises(hz.HarmonisationError, match="overlap"):
        hz.ratio_splice(series({2015: 1.0}), series({2014: 1.0}), overlap=[2015])


@given(
    start=positive,
    growth=st.floats(min_value=-0.5, max_value=1.0),
    gaps=st.sets(st.integers(min_value=1, max_value=18), max_size=10),
)
def test_log_linear_fill_is_exact_for_constant_growth(start, growth, gaps):
    years = range(2000, 2020)
    truth = {y: start * (1 + growth) ** (y - 2000) for y in years}
    holed = series({y: v for y, v in truth.items() if y - 2000 not in gaps})
    filled = hz.fill_gaps(holed, "log-linear")
    assert list(filled.years) == list(years)
    np.testing.assert_allclose(filled.value.to_numpy(), list(truth.values()), rtol=1e-9)
    assert {y - 2000 for y in filled.years[filled.flag == "filled"]} == gaps


def test_linear_fill_is_exact_for_constant_change():
    holed = series({2000: 10.0, 2004: 30.0, 2005: 35.0})
    filled = hz.fill_gaps(holed, "linear")
    assert filled.value.to_dict() == {2000: 10.0, 2001: 15.0, 2002: 20.0, 2003: 25.0, 2004: 30.0, 2005: 35.0}
    assert filled.note[2002] == "filled: linear interpolation between 2000 and 2004"


def test_fill_does_not_extrapolate_and_needs_positive_values_for_logs():
    filled = hz.fill_gaps(series({2001: 1.0, 2003: 4.0}))
    assert list(filled.years) == [2001, 2002, 2003]
    assert filled.value[2002] == pytest.approx(2.0)
    with pytest.raises(hz.HarmonisationError, match="positive"):
        hz.fill_gaps(series({2001: 0.0, 2003: 4.0}))


def test_extend_with_growth_follows_the_proxy():
    observed = series({2022: 100.0, 2023: 110.0}, "obs")
    proxy = series({2023: 200.0, 2024: 220.0, 2025: 231.0}, "proj", flag="projected")
    out = hz.extend_with_growth(observed, proxy)
    assert out.value.to_dict() == pytest.approx({2022: 100.0, 2023: 110.0, 2024: 121.0, 2025: 127.05})
    assert list(out.flag) == ["observed", "observed", "projected", "projected"]
    assert out.source_id[2025] == "obs;proj"


def test_extend_needs_the_proxy_in_the_last_year():
    with pytest.raises(hz.HarmonisationError, match="no value for 2023"):
        hz.extend_with_growth(series({2023: 1.0}), series({2024: 1.0}))


def test_add_sums_and_keeps_the_weakest_flag():
    a = series({2000: 1.0, 2001: 2.0, 2002: 3.0}, "a")
    b = hz.fill_gaps(series({2000: 10.0, 2002: 30.0}, "b"), "linear")
    total = hz.add([a, b], label="a and b")
    assert total.value.to_dict() == {2000: 11.0, 2001: 22.0, 2002: 33.0}
    assert total.flag.to_dict() == {2000: "derived", 2001: "filled", 2002: "derived"}
    assert total.source_id[2000] == "a;b"


def test_overlay_fills_only_missing_years():
    base = series({2000: 1.0, 2002: 3.0}, "base")
    other = series({2000: 9.0, 2001: 2.0, 2003: 4.0}, "other")
    out = hz.overlay(base, other, years=range(2000, 2003))
    assert out.value.to_dict() == {2000: 1.0, 2001: 2.0, 2002: 3.0}
    assert out.source_id.to_dict() == {2000: "base", 2001: "other", 2002: "base"}


def _reports(rows):
    return pd.DataFrame(rows, columns=["year", "value", "source_id"])


def test_pick_reports_keeps_the_medoid_so_an_outlier_cannot_win():
    reports = _reports(
        [(2015, 6_480_155, "a"), (2015, 4_218_089, "b"), (2015, 6_480_200, "c"), (2016, 7.0, "d")]
    )
    picked = hz.pick_reports(reports)
    assert picked.set_index("year")["source_id"].to_dict() == {2015: "a", 2016: "d"}


def test_pick_reports_prefers_an_exact_figure_then_the_first_row():
    exact_second = _reports([(2010, 764_000, "round"), (2010, 763_751, "exact")])
    assert list(hz.pick_reports(exact_second)["source_id"]) == ["exact"]
    two_exact = _reports([(2010, 764_710, "first"), (2010, 763_751, "second")])
    assert list(hz.pick_reports(two_exact)["source_id"]) == ["first"]


def test_pick_reports_drops_excluded_reports():
    reports = _reports([(2015, 1.0, "wrong"), (2015, 2.0, "right")])
    assert list(hz.pick_reports(reports, exclude=[(2015, "wrong")])["source_id"]) == ["right"]


def test_from_reports_refuses_duplicate_years():
    with pytest.raises(hz.HarmonisationError, match="pick_reports"):
        hz.from_reports(_reports([(2015, 1.0, "a"), (2015, 2.0, "b")]))
