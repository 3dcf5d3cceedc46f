"""Open the embedded data, optionally with a user's folder laid over it, and query it.

A user folder (``--data DIR`` or the ``MOTORISASI_DATA`` environment variable) has the
format of :mod:`motorisasi.data.schema`. It is validated first; then, for every
(country, series) pair it contains, its rows replace the embedded rows of that pair. So a
folder can replace one series (e.g. a newer population projection), or add a country.
Sources and catalogue entries in the folder are added to the embedded ones (same id:
the folder's wins).

Two layers: :func:`merged` and :func:`series_values` use only the standard library and
numpy (fast to import, for the command line's calculations); :func:`open_data`,
:func:`catalog`, :func:`load` and :func:`sources` give pandas tables.
"""

from __future__ import annotations

import difflib
import functools
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from motorisasi.data import schema
from motorisasi.data.validate import DataError, Folder, check_folder
from motorisasi.errors import Said

if TYPE_CHECKING:
    import pandas as pd

EMBEDDED = Path(__file__).with_name("embedded")
ENV_VAR = "MOTORISASI_DATA"


@dataclass(frozen=True)
class Merged:
    """The rows, sources, series and brands in use (embedded data with any user folder laid over)."""

    rows: list[dict[str, object]]
    sources: dict[str, dict[str, str]]
    series: dict[str, dict[str, str]]
    brands: dict[str, str]
    user_dir: Path | None
    registers: dict[str, dict[str, str]] = field(default_factory=dict)

    @functools.cached_property
    def by_series(self) -> dict[str, list[dict[str, object]]]:
        """The rows of each series (built once: a run looks up about a hundred series)."""
        index: dict[str, list[dict[str, object]]] = {}
        for r in self.rows:
            index.setdefault(str(r["series"]), []).append(r)
        return index


@dataclass(frozen=True)
class SeriesValues:
    """One series for one country, region and category, sorted by year (numpy arrays)."""

    series: str
    country: str
    unit: str
    years: np.ndarray
    values: np.ndarray
    flags: list[str]
    source_ids: list[str]
    sources: dict[str, str]

    def at(self, year: int) -> float:
        """The value of ``year`` (KeyError if there is none)."""
        hit = np.nonzero(self.years == year)[0]
        if not len(hit):
            raise KeyError(year)
        return float(self.values[hit[0]])

    def index_of(self, year: int) -> int:
        hit = np.nonzero(self.years == year)[0]
        if not len(hit):
            raise KeyError(year)
        return int(hit[0])


@functools.lru_cache(maxsize=1)
def _embedded() -> Folder:
    return check_folder(EMBEDDED)


@functools.lru_cache(maxsize=8)
def _merged(user_dir: str | None) -> Merged:
    base = _embedded()
    rows = base.values
    sources = dict(base.sources)
    series = dict(base.series)
    brands = dict(base.brands)
    registers = dict(base.registers)
    if user_dir is not None:
        user = check_folder(user_dir, reference=base)
        for r in user.values:
            r["_folder"] = user.path  # errors about a value name the user's own file
        replaced = {(r["country"], r["series"]) for r in user.values}
        rows = [r for r in rows if (r["country"], r["series"]) not in replaced] + user.values
        sources.update(user.sources)
        series.update(user.series)
        brands.update(user.brands)
        registers.update(user.registers)
    return Merged(rows, sources, series, brands, Path(user_dir) if user_dir else None, registers)


def register_definition(country: str, data_dir: str | Path | None = None) -> dict[str, str]:
    """What ``country``'s registered-vehicle count means (``register_definitions.csv``): its
    ``definition`` (active, mixed, cumulative or unknown), ``mechanism``, ``breaks`` and ``source_id``.
    A country without a row is ``unknown``."""
    row = _merged(_chosen(data_dir)).registers.get(country)
    empty = {"country": country, "definition": "unknown", "mechanism": "", "breaks": "", "break_years": ""}
    return {**empty, "source_id": "", **(row or {})}


def break_years(country: str, data_dir: str | Path | None = None) -> set[int]:
    """Years whose registered count changed source or was purged (``register_definitions.csv``)."""
    text = register_definition(country, data_dir).get("break_years", "")
    return {int(y) for y in text.split(";") if y.strip()}


def _chosen(data_dir: str | Path | None) -> str | None:
    chosen = data_dir if data_dir is not None else os.environ.get(ENV_VAR) or None
    if chosen is None:
        return None
    source = "--data" if data_dir is not None else f"${ENV_VAR}"
    try:
        path = Path(chosen).expanduser()
        is_folder = path.is_dir()
        resolved = str(path.resolve())
    except (RuntimeError, OSError, ValueError) as exc:  # ~nobody, a name too long, a NUL character
        raise DataError(
            code="store.unusable_folder", source=source, path=repr(str(chosen)), why=str(exc)
        ) from None
    if not is_folder:
        raise DataError(code="store.not_folder", source=source, path=repr(str(chosen)))
    return resolved


def merged(data_dir: str | Path | None = None) -> Merged:
    """The data in use without pandas: the embedded data with ``data_dir`` (or ``$MOTORISASI_DATA``)."""
    return _merged(_chosen(data_dir))


_REMEMBER_LOCK = threading.Lock()


def remember(cache, data_dir, key, make, kept: int):
    """``make()``, kept in ``cache`` (an OrderedDict, the ``kept`` most recent) for ``key`` and the
    data in use: the same key on the same data gives the value kept before. A key that cannot be
    hashed (arrays of draws in it) is made afresh. Treat the value as read-only."""
    store = merged(data_dir)
    try:
        full = (id(store), key)
        hash(full)
    except TypeError:
        return make()
    with _REMEMBER_LOCK:  # ensembles run chunks on threads
        hit = cache.get(full)
        if hit is not None and hit[0] is store:  # the id of a store still alive: the same data
            cache.move_to_end(full)
            return hit[1]
    value = make()
    with _REMEMBER_LOCK:
        cache[full] = (store, value)
        while len(cache) > kept:
            cache.popitem(last=False)
    return value


def series_values(
    series: str,
    country: str = "IDN",
    *,
    region: str = "",
    category: str = "",
    data_dir: str | Path | None = None,
) -> SeriesValues:
    """A series with one value per year (a harmonised series, or a raw one without rival reports).

    Raises :class:`DataError` for an unknown series or country, or when two sources report
    different values for one year (use :func:`load` to see them side by side).
    """
    data = merged(data_dir)
    if series not in data.series:
        raise _unknown(series, list(data.series), "series")
    rows = data.by_series.get(series, [])
    countries = sorted({str(r["country"]) for r in rows})
    if country not in countries:
        raise _no_country(series, country, countries)
    rows = [
        r
        for r in rows
        if r["country"] == country
        and r["region"] == region
        and r["category"] == category
        and r["year"] is not None
    ]
    rows.sort(key=lambda r: int(r["year"]))  # type: ignore[arg-type]
    years = np.array([int(r["year"]) for r in rows], dtype=np.int64)  # type: ignore[arg-type]
    if len(np.unique(years)) != len(years):
        year = int(next(y for i, y in enumerate(years) if y in years[:i]))
        first, second = [r for r in rows if r["year"] == year][:2]
        raise DataRowError(
            code="store.another_value",
            where=_located(second),
            series=series,
            country=country,
            year=year,
            first=_located(first),
            source_id=str(first["source_id"]),
        )
    ids = sorted({i for r in rows for i in str(r["source_id"]).split(";")})
    return SeriesValues(
        series=series,
        country=country,
        unit=data.series[series]["unit"],
        years=years,
        values=np.array([float(r["value"]) for r in rows]),  # type: ignore[arg-type]
        flags=[str(r["flag"]) for r in rows],
        source_ids=[str(r["source_id"]) for r in rows],
        sources={i: data.sources[i]["citation"] for i in ids},
    )


def constant_value(
    series: str, country: str = "IDN", data_dir: str | Path | None = None, default_country: str | None = None
) -> SeriesValues:
    """A parameter given by one value (dated or not), as a one-element :class:`SeriesValues`.

    The year is 0 when the value is undated. ``default_country``: whose value to take when
    ``country`` has none (for defaults that hold everywhere, stored once).
    """
    data = merged(data_dir)
    if series not in data.series:
        raise _unknown(series, list(data.series), "series")
    rows = [r for r in data.by_series.get(series, []) if r["country"] == country]
    if not rows and default_country is not None:
        rows = [r for r in data.by_series.get(series, []) if r["country"] == default_country]
    if len(rows) != 1:
        raise DataError(code="store.not_constant", series=series, country=country, n=len(rows))
    row = rows[0]
    ids = str(row["source_id"]).split(";")
    return SeriesValues(
        series=series,
        country=country,
        unit=data.series[series]["unit"],
        years=np.array([int(row["year"]) if row["year"] is not None else 0]),  # type: ignore[arg-type]
        values=np.array([float(row["value"])]),  # type: ignore[arg-type]
        flags=[str(row["flag"])],
        source_ids=[str(row["source_id"])],
        sources={i: data.sources[i]["citation"] for i in ids},
    )


class DataRowError(DataError):
    """A value in the data cannot be used; the message names its file and row."""


def located(row: dict[str, object]) -> str:
    """``FILE, row N, column 'value'`` of a data row: the user's own file, or the embedded one."""
    folder = row.get("_folder")
    where = str(Path(str(folder)) / str(row["_file"])) if folder is not None else f"embedded {row['_file']}"
    return f"{where}, row {row['_row']}, column 'value'"


def _located(row: dict[str, object]) -> Said:
    """:func:`located`, said in the reader's language (a parameter of an error)."""
    folder = row.get("_folder")
    if folder is not None:
        file: Said | str = str(Path(str(folder)) / str(row["_file"]))
    else:
        file = Said("store.embedded", {"file": str(row["_file"])}, f"embedded {row['_file']}")
    return Said("store.at_value", {"file": file, "row": row["_row"]}, located(row))


def _no_country(series: str, country: str, countries: list[str]) -> DataError:
    if countries:
        return DataError(
            code="store.no_country_has",
            series=series,
            country=country,
            countries=", ".join(countries),
        )
    return DataError(code="store.no_country", series=series, country=country)


@dataclass(frozen=True)
class DataStore:
    """All values, sources and series of the data in use."""

    values: pd.DataFrame
    sources: pd.DataFrame
    series: pd.DataFrame
    brands: dict[str, str]
    user_dir: Path | None
    registers: dict[str, dict[str, str]] = field(default_factory=dict)  # register_definitions.csv


@functools.lru_cache(maxsize=8)
def _open(user_dir: str | None) -> DataStore:
    import pandas as pd

    data = _merged(user_dir)
    sources, series = data.sources, data.series
    values = pd.DataFrame(data.rows, columns=[*schema.VALUE_COLUMNS, "_file", "_row"])
    values["year"] = values["year"].astype("Int64")
    values["value"] = values["value"].astype("float64")
    return DataStore(
        values=values,
        sources=pd.DataFrame(list(sources.values()), columns=schema.SOURCE_COLUMNS).set_index("source_id"),
        series=pd.DataFrame(list(series.values()), columns=schema.SERIES_COLUMNS).set_index("series"),
        brands=dict(data.brands),
        user_dir=data.user_dir,
        registers=dict(data.registers),
    )


def open_data(data_dir: str | Path | None = None) -> DataStore:
    """The data in use: the embedded data, with ``data_dir`` (or ``$MOTORISASI_DATA``) laid over it."""
    return _open(_chosen(data_dir))


def catalog(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every series and country in the data, with unit, kind, coverage and sources.

    Columns: series, country, kind, unit, start, end, values, regions, categories,
    sources (ids joined by ';'), description.
    """
    store = open_data(data_dir)
    v = store.values
    grouped = v.groupby(["series", "country"], sort=True)
    out = grouped.agg(
        start=("year", "min"),
        end=("year", "max"),
        values=("value", "size"),
        regions=("region", lambda r: int((r != "").any() and r[r != ""].nunique())),
        categories=("category", lambda c: int((c != "").any() and c[c != ""].nunique())),
        sources=("source_id", lambda s: ";".join(sorted({i for ids in s for i in ids.split(";")}))),
    ).reset_index()
    meta = store.series.reindex(out["series"])
    out.insert(2, "kind", meta["kind"].to_numpy())
    out.insert(3, "unit", meta["unit"].to_numpy())
    out["description"] = meta["description"].to_numpy()
    return out


def _unknown(name: str, known: list[str], what: str, series: str | None = None) -> DataError:
    """``unknown WHAT 'name'`` with a guess: ``what`` is ``series``, ``source id``, or a ``region`` or
    ``category`` of ``series``."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = (
        Said("store.did_you_mean", {"names": names}, f"; did you mean {names}?")
        if (names := ", ".join(repr(c) for c in close))
        else Said("store.see_list", {}, "; 'motorisasi data list' shows them")
    )
    if what == "series":
        return DataError(code="store.unknown_series", name=repr(name), hint=hint)
    if what == "source id":
        return DataError(code="store.unknown_source_id", name=repr(name), hint=hint)
    if what == "region":
        return DataError(code="store.unknown_region", name=repr(name), hint=hint, series=repr(series))
    return DataError(code="store.unknown_category", name=repr(name), hint=hint, series=repr(series))


def load(
    series: str,
    country: str = "IDN",
    *,
    region: str | None = None,
    category: str | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """The values of one series for one country, with flags, sources and metadata.

    Returns a table indexed by ``year`` (preceded by ``region`` and ``category`` levels when
    the series has them, and followed by ``source_id`` when sources disagree on a value) with
    columns ``value``, ``flag``, ``source_id`` and ``note``. ``attrs`` holds ``series``,
    ``country``, ``unit``, ``kind``, ``description`` and ``sources`` (source id -> citation).
    ``region``/``category`` select one region or category ("" for the national total).

    >>> pop = load("population", "IDN")
    >>> pop.attrs["unit"], int(pop.loc[2020, "value"]) > 250_000_000
    ('persons', True)
    """
    store = open_data(data_dir)
    if series not in store.series.index:
        raise _unknown(series, list(store.series.index), "series")
    v = store.values
    rows = v[v["series"] == series]
    countries = sorted(set(rows["country"]))
    if country not in countries:
        raise _no_country(series, country, countries)
    rows = rows[rows["country"] == country]
    for column, wanted in (("region", region), ("category", category)):
        if wanted is not None:
            if wanted not in set(rows[column]):
                raise _unknown(wanted, sorted(set(rows[column]) - {""}), column, series)
            rows = rows[rows[column] == wanted]
    levels = [c for c in ("region", "category") if (rows[c] != "").any()]
    levels.append("year")
    if rows.duplicated(levels).any():
        levels.append("source_id")
    columns = [c for c in ("value", "flag", "source_id", "note") if c not in levels]
    table = rows[[*levels, *columns]].sort_values(levels, kind="stable")
    table = table.set_index(levels)
    meta = store.series.loc[series]
    ids = sorted({i for s in rows["source_id"] for i in s.split(";")})
    table.attrs = {
        "series": series,
        "country": country,
        "unit": meta["unit"],
        "kind": meta["kind"],
        "description": meta["description"],
        "sources": {i: store.sources.loc[i, "citation"] for i in ids},
    }
    return table


def sources(ids: list[str] | None = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The sources table (all, or the given ids), indexed by source id."""
    table = open_data(data_dir).sources
    if ids is None:
        return table
    unknown = [i for i in ids if i not in table.index]
    if unknown:
        raise _unknown(unknown[0], list(table.index), "source id")
    return table.loc[ids]
