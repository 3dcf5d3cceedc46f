"""What a run needs from a country's data, and how much of it the data hold.

A scenario names the series it reads (every ``*_series`` field, the energy references, the
industry groups' series). For one country, :func:`coverage` says of each whether the data in
use (the embedded data, with a data folder laid over them) hold it: present with its years,
missing, in a unit the field cannot use, without the category the scenario asks for, or
inconsistent with the others (a registered fleet smaller than the last ten years of sales,
which no register that keeps its vehicles can be). The statuses are codes; the outputs word
them.

The drivers (population, income), the registered fleet and the sales of each segment, and the
grid's CO2 intensity are required: no run starts without them. The other series are optional:
a run goes on without their values, or without their field (:data:`WITHOUT` says how for each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from motorisasi.scenario.schema import Scenario

#: Fields whose series every run needs (the rest may be left out of a scenario).
REQUIRED_FIELDS = ("population_series", "income_series", "stock_series", "sales_series", "grid_series")
#: What a run does when the data lack an optional series (a code; the outputs word it):
#: ``leave_out`` when a series the scenario names must be in the data, so the field is to be
#: left out instead; the others when the run goes on without the values.
WITHOUT = {
    "history_sales_series": "leave_out",  # then past sales all count as the residual powertrain
    "references": "not_calibrated",  # the distances and intensities as given, for that fuel
    "biodiesel_observed": "mandates",  # the blending mandates alone
    "production_series": "no_history",  # no production before the base year; projected after
    "exports_series": "no_exports",  # no exports in the past; held at zero
    "imports_series": "import_share",  # the scenario's import_share, else none
    "origin_series": "origin_shares",  # the scenario's origin_shares, else no sales by origin
}
#: Statuses of a need, in the order a table lists them.
STATUSES = ("missing", "no_series", "unit", "category", "inconsistent", "present")
#: Years of sales a registered fleet must at least hold (see the module docs).
DECADE = 10


@dataclass(frozen=True)
class Need:
    """One series a scenario reads: where it names it, the field, and the units that field takes."""

    where: str
    field: str
    series: str
    category: str
    units: tuple[str, ...]

    @property
    def required(self) -> bool:
        return self.field in REQUIRED_FIELDS

    @property
    def without(self) -> str:
        """What a run does when the data lack this series: ``stops`` or a :data:`WITHOUT` code."""
        return "stops" if self.required else WITHOUT[self.field]


@dataclass(frozen=True)
class Covered:
    """How the data cover a need for one country: a status code, the years and the unit found."""

    need: Need
    status: str
    first: int | None = None
    last: int | None = None
    count: int = 0
    unit: str = ""
    detail: dict[str, object] = field(default_factory=dict)


def needs(sc: Scenario) -> list[Need]:
    """The series ``sc`` reads, each once per place that names it."""
    from motorisasi.scenario.steps.inputs import SERIES_UNITS, series_references

    out = []
    for where, field_name, reference in series_references(sc):
        series, _, category = reference.partition("/")
        out.append(Need(where, field_name, series, category, tuple(SERIES_UNITS[field_name])))
    return out


def coverage(sc: Scenario, country: str | None = None, data_dir: str | Path | None = None) -> list[Covered]:
    """Each need of ``sc`` for ``country`` (default: the scenario's) in the data in use."""
    from motorisasi.data.store import merged

    country = (country or sc.country).upper()
    data = merged(data_dir)
    found: list[Covered] = []
    for need in needs(sc):
        meta = data.series.get(need.series)
        if meta is None:
            found.append(Covered(need, "no_series"))
            continue
        rows = _national(data, need.series, country)
        if need.category:
            rows = [r for r in rows if str(r["category"]) == need.category]
        years = sorted({int(r["year"]) for r in rows})  # type: ignore[call-overload]
        span = {"first": years[0], "last": years[-1], "count": len(years)} if years else {}
        if meta["unit"] not in need.units:
            status = "unit"
        elif not rows:
            status = "category" if need.category and _national(data, need.series, country) else "missing"
        else:
            status = "present"
        found.append(Covered(need, status, unit=meta["unit"], **span))  # type: ignore[arg-type]
    return _consistent(sc, country, data, found)


def _national(data, series: str, country: str) -> list[dict]:
    """The rows of a series for a country as a run reads them: national (provincial rows do not
    cover a need)."""
    return [r for r in data.by_series.get(series, []) if r["country"] == country and not r.get("region")]


def _yearly(data, reference: str, country: str) -> dict[int, float]:
    """National values of ``series[/category]`` by year (the first report of a year): the named
    category, else the values without a category."""
    series, _, category = reference.partition("/")
    out: dict[int, float] = {}
    for r in _national(data, series, country):
        if str(r["category"] or "") == category:
            out.setdefault(int(r["year"]), float(r["value"]))
    return out


def _summed(references: list[str], data, country: str) -> dict[int, float]:
    """The sum of several series by year, in the years where every one has a value."""
    parts = [_yearly(data, r, country) for r in references]
    years = set.intersection(*(set(p) for p in parts)) if parts else set()
    return {y: sum(p[y] for p in parts) for y in sorted(years)}


def _consistent(sc: Scenario, country: str, data, found: list[Covered]) -> list[Covered]:
    """Mark a registered fleet inconsistent where it is smaller than the last decade of the sales
    that feed it. Segments that share a sales series (cars and commercial vehicles split one
    total) are judged together: their fleets summed against the shared sales."""
    by_sales: dict[str, list[str]] = {}
    for name, seg in sc.segments.items():
        by_sales.setdefault(seg.sales_series, []).append(name)
    verdict: dict[str, dict[str, object]] = {}
    for sales, segments in by_sales.items():
        stocks = [s for name in segments for s in sc.segments[name].stock_series]
        stock, sold = _summed(stocks, data, country), _yearly(data, sales, country)
        latest = max(set(stock) & set(sold), default=None)
        if latest is None:
            continue
        decade = [sold.get(y, np.nan) for y in range(latest - DECADE + 1, latest + 1)]
        if not np.isnan(decade).any() and stock[latest] < sum(decade):
            for name in segments:
                verdict[name] = {"year": latest, "stock": stock[latest], "sales": float(sum(decade))}
    out = []
    for c in found:
        segment = c.need.where.split(".")[1] if c.need.where.startswith("segments.") else None
        if c.status == "present" and c.need.field == "stock_series" and segment in verdict:
            c = Covered(c.need, "inconsistent", c.first, c.last, c.count, c.unit, verdict[segment])
        out.append(c)
    return out


def template_rows(sc: Scenario, country: str, data_dir: str | Path | None = None) -> list[dict[str, object]]:
    """The values the data already hold for the series ``sc`` needs, for ``country``, as rows of
    the data format (the start of a country's data folder)."""
    from motorisasi.data.schema import VALUE_COLUMNS
    from motorisasi.data.store import merged

    data = merged(data_dir)
    wanted = dict.fromkeys(n.series for n in needs(sc))
    rows = [r for series in wanted for r in _national(data, series, country.upper())]
    return [{c: r.get(c, "") for c in VALUE_COLUMNS} for r in rows]
