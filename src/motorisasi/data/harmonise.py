"""Build one consistent series from several raw ones, with a flag per year.

Published series have breaks (a statistics office changes its method), gaps (years nobody
published) and conflicting reports (two press figures for one year). The functions here
turn raw series into one harmonised series by explicit steps, each of which records what it
did to each year:

- :func:`pick_reports`: one value per year when several reports exist;
- :func:`from_reports`: a raw series as a :class:`Harmonised` (flag ``observed``);
- :func:`overlay`: take a lower-priority series where a higher-priority one has no value;
- :func:`ratio_splice`: move another series onto the base's level by the mean ratio over
  overlapping years (flag ``adjusted``), the usual way to link a statistical series across a
  break in method (e.g. OECD, *Handbook on Constructing Composite Indicators*, and the
  "ratio splicing" of national accounts back-casting);
- :func:`fill_gaps`: interior gaps by log-linear (constant growth) or linear interpolation
  (flag ``filled``);
- :func:`extend_with_growth`: continue a series with the growth rates of another, e.g. an
  observed population with a projection's growth (flag ``projected``);
- :func:`add`: the sum of series (e.g. cars + buses + trucks), flagged with the weakest flag
  of its parts.

A :class:`Harmonised` carries, per year, the value, the flag, the source ids it rests on and
a note saying how it was obtained, so the result can be written to a data file and traced.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from motorisasi.errors import MotorisasiError

#: From strongest to weakest; a sum takes the weakest flag of its parts.
FLAG_ORDER = ("observed", "derived", "adjusted", "filled", "projected")


class HarmonisationError(MotorisasiError):
    """A harmonisation step cannot be carried out with the series given."""


@dataclass(frozen=True)
class Harmonised:
    """A series indexed by year with, per year, its flag, source ids and a note."""

    value: pd.Series
    flag: pd.Series
    source_id: pd.Series
    note: pd.Series

    def __post_init__(self) -> None:
        index = self.value.index
        for part in (self.flag, self.source_id, self.note):
            if not part.index.equals(index):
                raise HarmonisationError(code="harmonise.index")
        if not index.is_monotonic_increasing or index.has_duplicates:
            raise HarmonisationError(code="harmonise.years")

    @property
    def years(self) -> pd.Index:
        return self.value.index

    def to_frame(self) -> pd.DataFrame:
        """The series as a table with columns year, value, flag, source_id, note."""
        frame = pd.DataFrame(
            {"value": self.value, "flag": self.flag, "source_id": self.source_id, "note": self.note}
        )
        frame.index.name = "year"
        return frame.reset_index()

    def _select(self, years: Iterable[int]) -> Harmonised:
        years = list(years)
        return Harmonised(
            self.value.loc[years], self.flag.loc[years], self.source_id.loc[years], self.note.loc[years]
        )


def _make(values: dict[int, float], flags: dict, sources: dict, notes: dict) -> Harmonised:
    years = sorted(values)
    index = pd.Index(years, name="year", dtype="int64")
    return Harmonised(
        pd.Series([float(values[y]) for y in years], index=index, dtype="float64"),
        pd.Series([flags[y] for y in years], index=index, dtype="object"),
        pd.Series([sources[y] for y in years], index=index, dtype="object"),
        pd.Series([notes[y] for y in years], index=index, dtype="object"),
    )


def _parts(h: Harmonised) -> tuple[dict, dict, dict, dict]:
    return (h.value.to_dict(), h.flag.to_dict(), h.source_id.to_dict(), h.note.to_dict())


def _join_ids(*ids: str) -> str:
    out: list[str] = []
    for group in ids:
        for sid in str(group).split(";"):
            if sid and sid not in out:
                out.append(sid)
    return ";".join(out)


def _is_round(value: float) -> bool:
    return value != 0 and value % 1000 == 0


def pick_reports(reports: pd.DataFrame, exclude: Sequence[tuple[int, str]] = ()) -> pd.DataFrame:
    """Keep one report per year.

    ``reports`` has columns year, value, source_id (and any others), in order of preference
    for ties. Where a year has several reports, the kept one is the medoid: the report with
    the smallest total absolute difference to the other reports of that year, so that one
    outlying report cannot win. Ties go to an exact figure over a round one (a multiple of
    1,000), then to the earlier row. ``exclude`` lists (year, source_id) reports to drop
    first, for reports known to be wrong.
    """
    dropped = set(exclude)
    rows = reports[
        [(int(y), s) not in dropped for y, s in zip(reports["year"], reports["source_id"], strict=True)]
    ]
    keep = []
    for _, group in rows.groupby("year", sort=True):
        values = group["value"].to_numpy(dtype=float)
        spread = np.abs(values[:, None] - values[None, :]).sum(axis=1)
        rounded = np.array([_is_round(v) for v in values])
        order = np.lexsort((np.arange(len(values)), rounded, spread))
        keep.append(group.index[order[0]])
    return rows.loc[keep]


def from_reports(reports: pd.DataFrame, flag: str = "observed", note: str = "") -> Harmonised:
    """A harmonised series from reports with unique years (columns year, value, source_id).

    ``note`` describes the reports; where a year had rivals (see :func:`pick_reports`), say so
    there.
    """
    if reports["year"].duplicated().any():
        years = sorted(set(reports.loc[reports["year"].duplicated(), "year"]))
        raise HarmonisationError(code="harmonise.several_reports", years=str(years))
    values = {int(y): float(v) for y, v in zip(reports["year"], reports["value"], strict=True)}
    sources = {int(y): str(s) for y, s in zip(reports["year"], reports["source_id"], strict=True)}
    return _make(values, dict.fromkeys(values, flag), sources, dict.fromkeys(values, note))


def overlay(base: Harmonised, other: Harmonised, years: Iterable[int] | None = None) -> Harmonised:
    """Fill the years ``base`` lacks with ``other`` as is (both must be on the same basis).

    ``years`` restricts which of ``other``'s years may be used.
    """
    values, flags, sources, notes = _parts(base)
    allowed = set(other.years if years is None else years)
    for year in other.years:
        if year not in values and year in allowed:
            values[year] = other.value[year]
            flags[year] = other.flag[year]
            sources[year] = other.source_id[year]
            notes[year] = other.note[year]
    return _make(values, flags, sources, notes)


def ratio_splice(
    base: Harmonised,
    other: Harmonised,
    overlap: Sequence[int],
    years: Iterable[int] | None = None,
    label: str = "",
) -> tuple[Harmonised, float]:
    """Bring ``other`` onto ``base``'s level across a break and use it where ``base`` has no value.

    The factor is the mean of base/other over the ``overlap`` years (both must have them);
    ``other``'s values for ``years`` (default: all years ``base`` lacks) are multiplied by it
    and flagged ``adjusted``. If the two series differ only by a constant factor, the splice
    restores the base series exactly. Returns the spliced series and the factor.
    """
    overlap = list(overlap)
    missing = [y for y in overlap if y not in base.years or y not in other.years]
    if not overlap or missing:
        if missing:
            raise HarmonisationError(code="harmonise.splice_missing", missing=str(missing))
        raise HarmonisationError(code="harmonise.splice_no_overlap")
    ratios = base.value.loc[overlap].to_numpy() / other.value.loc[overlap].to_numpy()
    if not np.all(np.isfinite(ratios)) or np.any(ratios <= 0):
        raise HarmonisationError(code="harmonise.splice_not_positive", overlap=str(overlap))
    factor = float(ratios.mean())
    values, flags, sources, notes = _parts(base)
    wanted = [y for y in other.years if y not in values] if years is None else list(years)
    span = f"{overlap[0]}-{overlap[-1]}" if len(overlap) > 1 else str(overlap[0])
    what = f"{label} " if label else ""
    for year in wanted:
        if year in values or year not in other.years:
            continue
        values[year] = other.value[year] * factor
        flags[year] = "adjusted"
        sources[year] = _join_ids(other.source_id[year], *(base.source_id[y] for y in overlap))
        notes[year] = (
            f"adjusted: {what}value {other.value[year]:,.0f} x {factor:.4f} "
            f"(mean ratio of the base series to it over {span})"
        )
    return _make(values, flags, sources, notes), factor


def fill_gaps(h: Harmonised, method: str = "log-linear") -> Harmonised:
    """Fill the missing years between the first and last year of ``h`` (flag ``filled``).

    ``log-linear`` assumes constant growth between the neighbouring values (needs positive
    values); ``linear`` a constant change. Years before the first or after the last value are
    not touched.
    """
    if method not in ("log-linear", "linear"):
        raise HarmonisationError(code="harmonise.fill_method", method=repr(method))
    values, flags, sources, notes = _parts(h)
    years = sorted(values)
    for lo, hi in itertools.pairwise(years):
        if hi - lo < 2:
            continue
        a, b = values[lo], values[hi]
        if method == "log-linear" and (a <= 0 or b <= 0):
            raise HarmonisationError(code="harmonise.fill_not_positive", low=lo, high=hi)
        for year in range(lo + 1, hi):
            w = (year - lo) / (hi - lo)
            values[year] = a * (b / a) ** w if method == "log-linear" else a + (b - a) * w
            flags[year] = "filled"
            sources[year] = _join_ids(sources[lo], sources[hi])
            notes[year] = f"filled: {method} interpolation between {lo} and {hi}"
    return _make(values, flags, sources, notes)


def extend_with_growth(h: Harmonised, proxy: Harmonised, years: Iterable[int] | None = None) -> Harmonised:
    """Continue ``h`` after its last year with the growth of ``proxy``.

    value[t] = value[t0] * proxy[t] / proxy[t0], with t0 the last year of ``h`` (``proxy`` must
    have it). The flag is ``projected`` where the proxy's is, ``adjusted`` otherwise.
    """
    t0 = int(h.years[-1])
    if t0 not in proxy.years:
        raise HarmonisationError(code="harmonise.proxy_year", year=t0)
    values, flags, sources, notes = _parts(h)
    base, anchor = values[t0], proxy.value[t0]
    wanted = [y for y in proxy.years if y > t0] if years is None else [y for y in years if y > t0]
    for year in wanted:
        values[year] = base * proxy.value[year] / anchor
        flags[year] = "projected" if proxy.flag[year] == "projected" else "adjusted"
        sources[year] = _join_ids(sources[t0], proxy.source_id[year], proxy.source_id[t0])
        notes[year] = (
            f"{flags[year]}: {t0} value x growth of the proxy series since {t0} (ratio {base / anchor:.5f})"
        )
    return _make(values, flags, sources, notes)


def add(parts: Sequence[Harmonised], label: str = "") -> Harmonised:
    """The sum of series over the years all of them have.

    A sum is at best ``derived``; a year with a weaker flag in any part (``adjusted``,
    ``filled``, ``projected``) takes the weakest.
    """
    if not parts:
        raise HarmonisationError(code="harmonise.nothing_to_add")
    common = sorted(set.intersection(*(set(p.years) for p in parts)))
    values = {y: float(sum(p.value[y] for p in parts)) for y in common}
    flags = {y: max(("derived", *(p.flag[y] for p in parts)), key=FLAG_ORDER.index) for y in common}
    sources = {y: _join_ids(*(p.source_id[y] for p in parts)) for y in common}
    notes = {y: f"derived: sum of {label}" if label else "derived: sum of parts" for y in common}
    return _make(values, flags, sources, notes)
