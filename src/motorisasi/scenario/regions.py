"""The provinces' data, on the region set a scenario asks for.

The embedded provincial data come on two layouts: 34 provinces until 2023 (Papua and Papua Barat
on their boundaries before the 2022 split, named "... (34-province basis)") and 38 from 2023
(income), 2024 (population) or 2025 (the register). This module puts them on one layout:

* **38 provinces**: a 34-layout value of Papua or Papua Barat is split among the provinces
  carved out of it in proportion to their values in the latest year the same series has them
  separately (2025 for the register, 2025 for population); the assumption is stated in the
  result's notes (``papua_split``);
* **34 provinces**: the new provinces' values are added to their parent's (income per person:
  population-weighted).

The provincial register is read from 2023 (``REGISTER_FROM``): until 2022 BPS counted the Polda
Metro Jaya area (Jakarta with Depok, Bekasi and parts of Tangerang) under DKI Jakarta, so the
shares of Jakarta, Jawa Barat and Banten break between 2022 and 2023 (by 9 points of the car
fleet); the earlier years stay in the data for reference.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from motorisasi.data.validate import DataError
from motorisasi.errors import Said

#: The 38 provinces, west to east (BPS order).
PROVINCES: tuple[str, ...] = (
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Jambi",
    "Sumatera Selatan",
    "Bengkulu",
    "Lampung",
    "Kepulauan Bangka Belitung",
    "Kepulauan Riau",
    "DKI Jakarta",
    "Jawa Barat",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Banten",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Sulawesi Tengah",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Gorontalo",
    "Sulawesi Barat",
    "Maluku",
    "Maluku Utara",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua",
    "Papua Selatan",
    "Papua Tengah",
    "Papua Pegunungan",
)

#: ISO 3166-2:ID codes of the provinces (without "ID-").
ISO_CODES: dict[str, str] = dict(
    zip(
        PROVINCES,
        [
            "AC",
            "SU",
            "SB",
            "RI",
            "JA",
            "SS",
            "BE",
            "LA",
            "BB",
            "KR",
            "JK",
            "JB",
            "JT",
            "YO",
            "JI",
            "BT",
            "BA",
            "NB",
            "NT",
            "KB",
            "KT",
            "KS",
            "KI",
            "KU",
            "SA",
            "ST",
            "SN",
            "SG",
            "GO",
            "SR",
            "MA",
            "MU",
            "PB",
            "PD",
            "PA",
            "PS",
            "PT",
            "PE",
        ],
        strict=True,
    )
)

#: A tile-grid map: (row, column) of each province, west to east and north to south.
TILES: dict[str, tuple[int, int]] = {
    "Aceh": (0, 0),
    "Kalimantan Utara": (0, 5),
    "Gorontalo": (0, 7),
    "Sulawesi Utara": (0, 8),
    "Maluku Utara": (0, 9),
    "Sumatera Utara": (1, 1),
    "Riau": (1, 2),
    "Kepulauan Riau": (1, 3),
    "Kalimantan Barat": (1, 4),
    "Kalimantan Timur": (1, 5),
    "Sulawesi Tengah": (1, 7),
    "Papua Barat Daya": (1, 9),
    "Papua Barat": (1, 10),
    "Sumatera Barat": (2, 1),
    "Jambi": (2, 2),
    "Kepulauan Bangka Belitung": (2, 3),
    "Kalimantan Tengah": (2, 4),
    "Kalimantan Selatan": (2, 5),
    "Sulawesi Barat": (2, 6),
    "Sulawesi Selatan": (2, 7),
    "Sulawesi Tenggara": (2, 8),
    "Maluku": (2, 9),
    "Papua Tengah": (2, 10),
    "Papua": (2, 11),
    "Bengkulu": (3, 1),
    "Sumatera Selatan": (3, 2),
    "DKI Jakarta": (3, 4),
    "Papua Pegunungan": (3, 10),
    "Papua Selatan": (3, 11),
    "Lampung": (4, 2),
    "Banten": (4, 3),
    "Jawa Barat": (4, 4),
    "Jawa Tengah": (4, 5),
    "Jawa Timur": (4, 6),
    "Bali": (4, 7),
    "Nusa Tenggara Barat": (4, 8),
    "Nusa Tenggara Timur": (4, 9),
    "DI Yogyakarta": (5, 5),
    "Papua Barat (34-province basis)": (1, 10),
    "Papua (34-province basis)": (2, 11),
}
ISO_CODES.update({"Papua Barat (34-province basis)": "PB*", "Papua (34-province basis)": "PA*"})

#: The provinces of before the 2022 split, and the provinces of today each holds.
PARENTS: dict[str, tuple[str, ...]] = {
    "Papua Barat (34-province basis)": ("Papua Barat", "Papua Barat Daya"),
    "Papua (34-province basis)": ("Papua", "Papua Selatan", "Papua Tengah", "Papua Pegunungan"),
}
_PARENT_OF = {child: parent for parent, children in PARENTS.items() for child in children}

#: The 34 provinces of before the split.
PROVINCES_34: tuple[str, ...] = tuple(
    dict.fromkeys(_PARENT_OF.get(name, name) for name in PROVINCES)  # keeps the order
)

REGION_SETS: dict[str, tuple[str, ...]] = {"provinces": PROVINCES, "provinces-34": PROVINCES_34}

#: First year of the provincial register on today's boundaries (see the module's note).
REGISTER_FROM = 2023

#: Provincial register series by national register series.
REGISTER_SERIES = {
    "passenger_cars_registered": "passenger_cars_registered_bps",
    "buses_registered": "buses_registered_bps",
    "trucks_registered": "trucks_registered_bps",
    "motorcycles_registered": "motorcycles_registered_bps",
}

#: Default national ceilings (vehicles per 1,000 people) by a segment's register series, and why.
CEILINGS: dict[tuple[str, ...], tuple[float, str]] = {
    ("passenger_cars_registered",): (
        490.0,
        "Japan's registered passenger cars per 1,000 people in 2020 (61,917,112 cars, ato-02; "
        "126,261,000 people, worldbank-01), the richest peer in the data",
    ),
    ("buses_registered", "trucks_registered"): (
        115.0,
        "Japan's commercial vehicles in use per 1,000 people in 2020 (14,508,518, oica-03; "
        "126,261,000 people, worldbank-01)",
    ),
    ("passenger_cars_registered", "buses_registered", "trucks_registered"): (
        605.0,
        "the defaults of passenger cars (490) and commercial vehicles (115) added",
    ),
    ("motorcycles_registered",): (
        1300.0,
        "assumed: the register keeps motorcycles no longer in use, so no peer's fleet in use is "
        "comparable; the highest provincial register is Bali's, about 1,060 per 1,000 in 2025, and "
        "this ceiling leaves it some room",
    ),
}

POPULATION_OBSERVED = "population_bps_projection"
POPULATION_PROJECTED = "population_projection_sp2020_province"
INCOME = "grdp_per_capita_const2010_bps"
AREA = "land_area_bps"


def province_named(name: str) -> tuple[str, str]:
    """A province's name as the data spell it (any case) and the region set it belongs to."""
    from motorisasi.scenario.schema import ScenarioError

    for region_set, names in REGION_SETS.items():
        for known in names:
            if known.lower() == name.strip().lower():
                return known, region_set
    raise ScenarioError(code="scenario.regions.unknown_province", name=name, known=", ".join(PROVINCES))


class RegionDataError(DataError):
    """The provincial data do not cover what a regional run needs (the message names the series,
    the province, the year and the data folder)."""


@dataclass(frozen=True)
class RegionData:
    """The provinces' inputs on one layout (regions on the first axis)."""

    names: tuple[str, ...]
    #: Years of the register table: REGISTER_FROM to its last year.
    register_years: np.ndarray
    #: Provincial register series -> (R, len(register_years)) vehicles.
    register: dict[str, np.ndarray]
    #: Years of the population shares: REGISTER_FROM to the projection's last year.
    population_years: np.ndarray
    #: (R, len(population_years)) shares of the population.
    population_shares: np.ndarray
    #: Persons per km2 in the latest observed population year, and that year.
    density: np.ndarray
    density_year: int
    #: GRDP per capita (thousand IDR of 2010) in its latest year with every region, and that year.
    income: np.ndarray
    income_year: int
    #: Series read and their source ids.
    series: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = field(default=())

    def population_shares_for(self, years: np.ndarray) -> np.ndarray:
        """(R, len(years)) population shares: NaN before the first year, held after the last."""
        idx = np.clip(np.asarray(years) - self.population_years[0], 0, len(self.population_years) - 1)
        out = self.population_shares[:, idx]
        out[:, np.asarray(years) < self.population_years[0]] = np.nan
        return out


def _folder(data_dir) -> Said:
    """Which data an error speaks of, said: `` (data folder DIR)`` or `` (embedded data)``."""
    if data_dir is not None:
        return Said("scenario.regions.data_folder", {"folder": str(data_dir)}, f" (data folder {data_dir})")
    return Said("scenario.regions.embedded_data", {}, " (embedded data)")


def _table(series: str, country: str, data_dir) -> dict[tuple[str, int], tuple[float, str]]:
    """A provincial series by (province, year): (value, source ids); every value positive."""
    from motorisasi.data.store import DataRowError, located, merged

    table = {}
    for r in merged(data_dir).by_series.get(series, []):
        if r["country"] != country or not r["region"] or r["year"] is None:
            continue
        value = float(r["value"])  # type: ignore[arg-type]
        if not value > 0:
            raise DataRowError(
                code="scenario.regions.not_positive",
                where=located(r),
                series=series,
                region=r["region"],
                year=r["year"],
                value=r["value"],
            )
        table[(str(r["region"]), int(r["year"]))] = (value, str(r["source_id"]))  # type: ignore[arg-type]
    return table


def _on_layout(
    names: tuple[str, ...], table: dict, year: int, split_year: int | None, weighted_by: dict | None = None
) -> np.ndarray | str:
    """The values of ``year`` on the layout ``names``, or the name of a region that has none.

    A 34-layout parent's value is split by its children's values in ``split_year``; children are
    added up into their parent (averaged with ``weighted_by`` values as weights, for a value per
    person)."""
    out = np.empty(len(names))
    for i, name in enumerate(names):
        if (name, year) in table:
            out[i] = table[(name, year)][0]
        elif name in _PARENT_OF and (_PARENT_OF[name], year) in table and split_year is not None:
            parent = _PARENT_OF[name]
            parts = [table.get((c, split_year), (np.nan,))[0] for c in PARENTS[parent]]
            mine = table.get((name, split_year), (np.nan,))[0]
            if weighted_by is not None:  # a value per person is the parent's in every part
                out[i] = table[(parent, year)][0]
            else:
                out[i] = table[(parent, year)][0] * mine / sum(parts)  # all positive (_table)
        elif name in PARENTS and all((c, year) in table for c in PARENTS[name]):
            parts = np.array([table[(c, year)][0] for c in PARENTS[name]])
            if weighted_by is not None:
                w = np.array([weighted_by.get((c, year), (np.nan,))[0] for c in PARENTS[name]])
                out[i] = float(np.sum(parts * w) / np.sum(w))
            else:
                out[i] = float(parts.sum())
        else:
            return name
        if not np.isfinite(out[i]):
            return name
    return out


def _latest(
    series, names, table, years, data_dir, split_year=None, weighted_by=None
) -> tuple[int, np.ndarray]:
    missing = None
    for year in sorted(years, reverse=True):
        values = _on_layout(names, table, year, split_year, weighted_by)
        if not isinstance(values, str):
            return year, values
        missing = missing or (values, year)
    where = (
        Said(
            "scenario.regions.none_in_latest",
            {"name": missing[0], "year": missing[1]},
            f"{missing[0]} has none in {missing[1]}, the latest year",
        )
        if missing
        else Said("scenario.regions.no_years", {}, "it has no years")
    )
    raise RegionDataError(
        code="scenario.regions.no_complete_year", series=series, where=where, folder=_folder(data_dir)
    )


def _split_year(table: dict) -> int | None:
    """The latest year with the new provinces separately."""
    years = [y for (name, y) in table if name in _PARENT_OF]
    return max(years) if years else None


def region_data(region_set: str, country: str = "IDN", data_dir: str | Path | None = None) -> RegionData:
    """The provinces' inputs for ``region_set`` ('provinces' or 'provinces-34'), read once per data."""
    from motorisasi.data.store import remember

    return remember(_KEPT, data_dir, (region_set, country), lambda: _read(region_set, country, data_dir), 4)


#: Region data read, by data and layout (see data.store.remember).
_KEPT: OrderedDict = OrderedDict()


def _read(region_set: str, country: str, data_dir) -> RegionData:
    names = REGION_SETS[region_set]
    used: set[str] = set()
    ids: set[str] = set()

    def table(series: str) -> dict:
        t = _table(series, country, data_dir)
        if not t:
            raise RegionDataError(
                code="scenario.regions.no_values", series=series, country=country, folder=_folder(data_dir)
            )
        used.add(series)
        ids.update(i for _, sid in t.values() for i in sid.split(";"))
        return t

    register: dict[str, np.ndarray] = {}
    last = None
    for provincial in REGISTER_SERIES.values():
        t = table(provincial)
        split = _split_year(t)
        years = sorted({y for (_, y) in t if y >= REGISTER_FROM})
        rows = []
        if not years:
            raise RegionDataError(
                code="scenario.regions.no_values_from",
                series=provincial,
                year=REGISTER_FROM,
                folder=_folder(data_dir),
            )
        for year in years:
            values = _on_layout(names, t, year, split)
            if isinstance(values, str):
                raise RegionDataError(
                    code="scenario.regions.no_value_layout",
                    series=provincial,
                    name=values,
                    year=year,
                    n=len(names),
                    folder=_folder(data_dir),
                )
            rows.append(values)
        register[provincial] = np.stack(rows, axis=1)
        if last is not None and years[-1] != last:
            raise RegionDataError(
                code="scenario.regions.ends_apart",
                series=provincial,
                end=years[-1],
                last=last,
                folder=_folder(data_dir),
            )
        last = years[-1]
        if years != list(range(REGISTER_FROM, last + 1)):
            raise RegionDataError(
                code="scenario.regions.year_missing",
                series=provincial,
                first=REGISTER_FROM,
                last=last,
                folder=_folder(data_dir),
            )
    register_years = np.arange(REGISTER_FROM, last + 1)

    observed, projected = table(POPULATION_OBSERVED), table(POPULATION_PROJECTED)
    split = _split_year(observed)
    obs_years = sorted({y for (_, y) in observed if y >= REGISTER_FROM})
    proj_last = max(y for (_, y) in projected)
    pop_years = np.arange(REGISTER_FROM, proj_last + 1)
    shares = np.empty((len(names), len(pop_years)))
    # The projection is on the 34 layout: on 38, its Papua parents split as the observed latest year.
    mixed = {**projected, **{k: v for k, v in observed.items() if k[0] in _PARENT_OF}}
    for j, year in enumerate(pop_years):
        values = _on_layout(names, observed, int(year), split) if year in obs_years else None
        if values is None or isinstance(values, str):
            base = _on_layout(names, projected, int(year), None)
            if isinstance(base, str):
                base = _on_layout(names, mixed, int(year), split)
            if isinstance(base, str):
                raise RegionDataError(
                    code="scenario.regions.no_value",
                    series=POPULATION_PROJECTED,
                    name=base,
                    year=year,
                    folder=_folder(data_dir),
                )
            values = base
        shares[:, j] = values / values.sum()
    density_year, people = _latest(POPULATION_OBSERVED, names, observed, obs_years, data_dir, split)
    area = table(AREA)
    _, km2 = _latest(AREA, names, area, sorted({y for (_, y) in area}), data_dir)
    income_table = table(INCOME)
    income_year, income = _latest(
        INCOME,
        names,
        income_table,
        sorted({y for (_, y) in income_table}),
        data_dir,
        None,
        weighted_by=observed,
    )
    return RegionData(
        names=names,
        register_years=register_years,
        register=register,
        population_years=pop_years,
        population_shares=shares,
        density=people / km2,
        density_year=density_year,
        income=income,
        income_year=income_year,
        series=tuple(sorted(used)),
        source_ids=tuple(sorted(ids)),
    )
