"""The inputs step: the scenario resolved against the data (base year, series and their units), and
the data lookups every other step uses, with the sources they cite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from motorisasi.errors import MotorisasiError, Said
from motorisasi.model.adoption import interpolate_path
from motorisasi.model.checks import shown
from motorisasi.scenario.history import passenger_share
from motorisasi.scenario.schema import (
    Scenario,
    ScenarioError,
)
from motorisasi.scenario.steps.batch import path_values


@dataclass
class _Sources:
    """The data series a run used and the citations of their sources."""

    series: set[str] = field(default_factory=set)
    citations: dict[str, str] = field(default_factory=dict)

    def add(self, values) -> None:
        self.series.add(values.series)
        self.citations.update(values.sources)

    def add_ids(self, series, ids, data_dir) -> None:
        """Series read directly from the store, and their source ids."""
        from motorisasi.data.store import merged

        known = merged(data_dir).sources
        self.series.update(series)
        self.citations.update({i: known[i]["citation"] for i in ids if i in known})


def _values(name: str, country: str, sources: _Sources, data_dir, **kw):
    from motorisasi.data.store import DataRowError, series_values

    try:
        values = series_values(name, country, data_dir=data_dir, **kw)
    except DataRowError:
        raise  # it names the data row at fault, not the scenario
    except MotorisasiError as exc:
        raise ScenarioError(code="at", where="data", problem=exc) from None
    sources.add(values)
    return values


def _constant(
    name: str, country: str, sources: _Sources, data_dir, default_country: str | None = None
) -> float:
    from motorisasi.data.store import constant_value

    try:
        values = constant_value(name, country, data_dir, default_country)
    except MotorisasiError as exc:
        raise ScenarioError(code="at", where="data", problem=exc) from None
    sources.add(values)
    return float(values.values[0])


def _span(values, start: int, end: int, what: str) -> np.ndarray:
    try:
        i, j = values.index_of(start), values.index_of(end)
    except KeyError as exc:
        raise ScenarioError(
            code="scenario.inputs.no_value",
            series=values.series,
            what=Said(f"scenario.inputs.what.{what.replace(' ', '_')}", {}, what),
            year=exc.args[0],
            first=values.years.min(),
            last=values.years.max(),
        ) from None
    if j - i != end - start:
        raise ScenarioError(code="scenario.inputs.gaps", series=values.series, start=start, end=end)
    return values.values[i : j + 1]


def _passenger_share(country: str, data_dir) -> float:
    try:
        return passenger_share(country, data_dir)[0]
    except MotorisasiError as exc:
        raise ScenarioError(code="at", where="data", problem=exc) from None


def resolve_base(sc: Scenario, data_dir=None) -> Scenario:
    """The scenario with ``years.base: latest`` replaced by the latest year of data.

    That is the latest year in which every segment's registered-fleet and sales series have a
    value, so a new year of data moves the base year without editing the scenario. The
    scenario is validated again with that year (paths must lie after it).
    """
    if sc.years.base != "latest":
        return sc
    from pydantic import ValidationError

    from motorisasi.data.store import DataRowError, merged, series_values
    from motorisasi.scenario.schema import validation_said

    # A scenario run again on the same data resolves to the same year: kept on the object, with
    # the object's id, since a copy (model_copy, with other segments) carries the private field.
    store = merged(data_dir)
    if sc._resolved is not None and sc._resolved[0] is store and sc._resolved[1] == id(sc):
        return sc._resolved[2]

    _check_series(sc, data_dir)
    latest = []
    for name, seg in sc.segments.items():
        for series in [*seg.stock_series, seg.sales_series]:
            try:
                latest.append(int(series_values(series, sc.country, data_dir=data_dir).years.max()))
            except DataRowError:
                raise
            except MotorisasiError as exc:
                raise ScenarioError(code="scenario.segment_data", segment=name, problem=exc) from None
    if sc.years.end <= min(latest):
        raise ScenarioError(code="scenario.end_before_base", end=sc.years.end, base=min(latest))
    content = sc.model_dump()
    content["years"]["base"] = min(latest)
    content["uncertainty"] = {}  # checked when read; none of it depends on the base year
    try:
        resolved = Scenario.model_validate(content).model_copy(update={"uncertainty": sc.uncertainty})
    except ValidationError as exc:
        raise ScenarioError(
            code="scenario.invalid_at_base", problem=validation_said(exc), base=min(latest)
        ) from None
    resolved._source = sc.source
    sc._resolved = (store, id(sc), resolved)
    return resolved


def _data_folder(data_dir) -> dict[str, object]:
    """``folder``, a parameter of an error: the user's data folder the run used, said, or ""."""
    from motorisasi.data.store import merged

    folder = merged(data_dir).user_dir
    return {"folder": Said("error.with_folder", {"folder": str(folder)}) if folder is not None else ""}


def _where(sc: Scenario) -> str:
    return str(sc.source) if sc.source is not None else f"scenario {sc.name!r}"


#: The units a scenario's series fields accept (the model reads each in that unit).
SERIES_UNITS = {
    "population_series": ("persons",),
    "income_series": ("constant 2021 international $",),
    "stock_series": ("vehicles",),
    "sales_series": ("vehicles", "vehicles per year"),
    "history_sales_series": ("vehicles", "vehicles per year"),
    "grid_series": ("gCO2 per kWh",),
    "production_series": ("vehicles", "vehicles per year"),
    "exports_series": ("vehicles", "vehicles per year"),
    "imports_series": ("vehicles", "vehicles per year"),
    "origin_series": ("percent",),
    "references": ("PJ",),
    "biodiesel_observed": ("PJ",),
}


def series_references(sc: Scenario) -> list[tuple[str, str, str]]:
    """Every data series the scenario names, as (where in the scenario, field, ``series[/category]``).

    The walk follows the schema's fields, so a user's key that happens to be spelt like a field
    (a group called ``exports_series``) is not taken for one.
    """
    from pydantic import BaseModel

    found: list[tuple[str, str, str]] = []

    def walk(model: BaseModel, where: str) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            path = f"{where}.{name}" if where else name
            if name in SERIES_UNITS:
                items = (
                    value.items()
                    if isinstance(value, dict)
                    else enumerate(value)
                    if isinstance(value, list)
                    else [(None, value)]
                )
                for key, reference in items:
                    where_ = path if key is None else f"{path}.{key}"
                    for one in reference if isinstance(reference, list) else [reference]:
                        if isinstance(one, str):
                            found.append((where_, name, one))
            elif isinstance(value, BaseModel):
                walk(value, path)
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, BaseModel):
                        walk(item, f"{path}.{key}")

    walk(sc, "")
    return found


def _check_series(sc: Scenario, data_dir) -> None:
    """Every data series the scenario names exists, in the unit its field needs, for its country.

    A ``series/category`` reference needs that category in the data. The error names the
    field that names the series.
    """
    from motorisasi.data.store import _unknown, merged

    data = merged(data_dir)
    known = data.series
    for where, field_name, reference in series_references(sc):
        series, slash, category = reference.partition("/")
        if series not in known:
            raise ScenarioError(code="at", where=where, problem=_unknown(series, list(known), "series"))
        unit, expected = known[series]["unit"], SERIES_UNITS[field_name]
        if unit not in expected:
            raise ScenarioError(
                code="scenario.inputs.unit",
                where=where,
                series=series,
                unit=unit,
                needs=[repr(u) for u in expected],
            )
        if slash:
            categories = {
                str(r["category"]) for r in data.by_series.get(series, []) if r["country"] == sc.country
            }
            if category not in categories - {""}:
                has = ", ".join(sorted(categories - {""})) or Said("scenario.inputs.none", {}, "none")
                raise ScenarioError(
                    code="scenario.inputs.no_category",
                    where=where,
                    series=series,
                    category=category,
                    country=sc.country,
                    has=has,
                )


def _path(points: dict[int, float], years: np.ndarray, default: float) -> np.ndarray:
    if not points:
        return np.full(len(years), default)
    xs = sorted(points)
    return interpolate_path(years, xs, path_values(points, xs))


def _history(name: str | None, country: str, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    """A national series on ``years``: NaN where it has no value; the first report where it has several."""
    from motorisasi.data.store import merged

    out = np.full(len(years), np.nan)
    if name is None:
        return out
    data = merged(data_dir)
    if name not in data.series:
        raise ScenarioError(code="scenario.inputs.unknown_series", series=name)
    index = {int(y): i for i, y in enumerate(years)}
    for r in data.by_series.get(name, []):
        if (
            r["country"] == country
            and r["region"] == ""
            and r["category"] == ""
            and r["year"] is not None
            and int(r["year"]) in index
            and np.isnan(out[index[int(r["year"])]])
        ):
            out[index[int(r["year"])]] = float(r["value"])
            sources.citations.update({i: data.sources[i]["citation"] for i in str(r["source_id"]).split(";")})
    sources.series.add(name)
    return out


def _category_history(series: str, country: str, sources: _Sources, data_dir) -> dict[str, dict[int, float]]:
    """A series given in percent by category (e.g. sales shares by maker origin), as shares by year."""
    from motorisasi.data.store import merged

    data = merged(data_dir)
    if series not in data.series:
        raise ScenarioError(code="scenario.inputs.unknown_series", series=series)
    out: dict[str, dict[int, float]] = {}
    for r in data.by_series.get(series, []):
        if r["country"] == country and r["year"] is not None:
            if not 0 <= float(r["value"]) <= 100:
                from motorisasi.data.store import DataRowError, located

                raise DataRowError(
                    code="scenario.inputs.not_percent", where=located(r), value=shown(r["value"])
                )
            out.setdefault(str(r["category"]), {})[int(r["year"])] = float(r["value"]) / 100.0
            sources.citations.update({i: data.sources[i]["citation"] for i in str(r["source_id"]).split(";")})
    sources.series.add(series)
    return out


def _on(values: np.ndarray, first: int, years: np.ndarray) -> np.ndarray:
    """Values for years ``first ..`` placed on ``years`` (NaN before ``first``)."""
    out = np.full(values.shape[:-1] + (len(years),), np.nan)
    inside = years >= first
    out[..., inside] = values[..., years[inside] - first]
    return out
