"""Vehicle ownership per 1,000 people under every definition and source the data allow.

"Car ownership" is quoted for Indonesia as about 60, 72, 87, 95 or 99 per 1,000 people in
the same years. The figures differ in what they count (passenger cars only, all vehicles
with four or more wheels, or all motor vehicles including motorcycles), in the count
(registrations in BPS statistics, police registrations, an estimate of vehicles actually in
use) and in the population they divide by. :func:`ownership_by_definition` lays them side by
side for one year, each with its definition and sources.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from motorisasi.data.harmonise import FLAG_ORDER
from motorisasi.data.store import DataStore, open_data

#: What is counted (short label used in tables; the long form is in the docs).
DEFINITIONS = {
    "passenger_cars": "passenger cars",
    "four_wheel_plus": "cars+buses+trucks",
    "all_motor_vehicles": "all incl. motorcycles",
}
#: Which count: short label -> what it is.
BASES = {
    "harmonised": ("harmonised", "registered, motorisasi's harmonised series on the BPS revised basis"),
    "registered_bps": ("BPS", "registered, BPS revised method (compiled from police records)"),
    "registered_bps_press": ("BPS (press)", "registered, BPS figures as quoted in the press"),
    "registered_bps_old": ("BPS old", "registered, BPS old method (before 2017)"),
    "registered_police": (
        "police",
        "registered, Korlantas police records (snapshot dates in the data notes)",
    ),
    "registered_national": (
        "ATO",
        "registered, national statistics as compiled by the Asian Transport Outlook",
    ),
    "in_use_oica": ("OICA in use", "OICA estimate of vehicles in use"),
    "registered_who": ("WHO", "registered, WHO Global Health Observatory (published as a rate)"),
}
#: How many years away from the requested year a source's nearest figure may be.
MAX_DISTANCE = 5
_COUNT_UNITS = {"vehicles": 1.0, "thousand vehicles": 1000.0}


def _national(store: DataStore, country: str) -> pd.DataFrame:
    v = store.values
    rows = v[(v["country"] == country) & (v["region"] == "") & (v["category"] == "") & v["year"].notna()]
    meta = store.series
    rows = rows.assign(
        vehicle_type=rows["series"].map(meta["vehicle_type"]),
        basis=rows["series"].map(meta["basis"]),
        kind=rows["series"].map(meta["kind"]),
    )
    return rows[rows["basis"].isin(list(BASES)) | (rows["kind"] == "statement")]


def _by_year(rows: pd.DataFrame) -> dict[int, dict[str, object]]:
    """One row per year (the first report where several exist)."""
    return {
        int(r["year"]): r
        for r in rows.sort_values("year", kind="stable").drop_duplicates("year").to_dict("records")
    }


def _nearest(years: list[int], year: int) -> int | None:
    near = [y for y in years if abs(y - year) <= MAX_DISTANCE]
    return min(near, key=lambda y: (abs(y - year), -y)) if near else None


def ownership_by_definition(
    year: int, country: str = "IDN", data_dir: str | Path | None = None
) -> pd.DataFrame:
    """Ownership per 1,000 people in ``year`` for each definition and source.

    Each source contributes its figure for ``year`` or, failing that, for the nearest year
    within :data:`MAX_DISTANCE` years (the ``year`` column says which). Counts are divided by
    the harmonised population of the same year; figures published as a rate are shown as
    published. Four-wheel-plus is the source's own total where it has one, otherwise the sum
    of its passenger cars, buses and trucks for the same year; all motor vehicles likewise
    adds motorcycles. Official statements of "car ownership" for that year are listed last,
    with their definition marked as not stated.

    Columns: definition, basis, year, vehicles, population, per_1000, flag, series, sources, note.
    """
    store = open_data(data_dir)
    rows = _national(store, country)
    population = store.values[
        (store.values["series"] == "population")
        & (store.values["country"] == country)
        & (store.values["region"] == "")
    ].set_index("year")
    out: list[dict[str, object]] = []
    for basis, (label, _) in BASES.items():
        group = rows[rows["basis"] == basis]
        if group.empty:
            continue
        counts = {
            vt: _by_year(g[g["unit"].isin(list(_COUNT_UNITS))]) for vt, g in group.groupby("vehicle_type")
        }
        rates = {
            vt: _by_year(g[g["unit"] == "vehicles per 1000 persons"])
            for vt, g in group.groupby("vehicle_type")
        }
        for definition, parts_options in (
            ("passenger_cars", [["passenger_cars"]]),
            (
                "four_wheel_plus",
                [
                    ["four_wheel_plus"],
                    ["passenger_cars", "buses", "trucks"],
                    ["passenger_cars", "commercial_vehicles"],
                ],
            ),
            (
                "all_motor_vehicles",
                [
                    ["all_motor_vehicles"],
                    ["four_wheel_plus", "motorcycles"],
                    ["passenger_cars", "buses", "trucks", "motorcycles"],
                ],
            ),
        ):
            row = _count_row(counts, parts_options, year, population)
            if row is None and rates.get(definition):
                row = _rate_row(rates[definition], year)
            if row is not None:
                out.append({"definition": DEFINITIONS[definition], "basis": label, **row})
    statements = rows[rows["series"] == "car_ownership_per_1000_official_statement"]
    said = statements[statements["year"] == year]
    for value, st in said.groupby("value", sort=True):
        out.append(
            {
                "definition": "not stated",
                "basis": "statement",
                "year": year,
                "vehicles": None,
                "population": None,
                "per_1000": float(value),
                "flag": "statement",
                "series": "car_ownership_per_1000_official_statement",
                "sources": ";".join(st["source_id"]),
                "note": "; ".join(n for n in st["note"] if n),
            }
        )
    columns = [
        "definition",
        "basis",
        "year",
        "vehicles",
        "population",
        "per_1000",
        "flag",
        "series",
        "sources",
        "note",
    ]
    return pd.DataFrame(out, columns=columns)


def _count_row(counts, parts_options, year, population) -> dict[str, object] | None:
    for parts in parts_options:
        if not all(counts.get(p) for p in parts):
            continue
        common = sorted(
            set.intersection(*(set(counts[p]) for p in parts)) & set(population.index.dropna().astype(int))
        )
        chosen = _nearest(common, year)
        if chosen is None:
            continue
        items = [counts[p][chosen] for p in parts]
        vehicles = sum(float(r["value"]) * _COUNT_UNITS[r["unit"]] for r in items)
        pop = float(population.loc[chosen, "value"])
        flags = [str(r["flag"]) for r in items] + (["derived"] if len(items) > 1 else [])
        flag = max(flags, key=lambda f: FLAG_ORDER.index(f) if f in FLAG_ORDER else len(FLAG_ORDER))
        notes = "; ".join(dict.fromkeys(str(r["note"]) for r in items if r["note"]))
        return {
            "year": chosen,
            "vehicles": vehicles,
            "population": pop,
            "per_1000": 1000.0 * vehicles / pop,
            "flag": flag,
            "series": " + ".join(str(r["series"]) for r in items),
            "sources": ";".join(
                dict.fromkeys(
                    [i for r in items for i in str(r["source_id"]).split(";")]
                    + str(population.loc[chosen, "source_id"]).split(";")
                )
            ),
            "note": notes,
        }
    return None


def _rate_row(rates: dict[int, dict[str, object]], year: int) -> dict[str, object] | None:
    chosen = _nearest(sorted(rates), year)
    if chosen is None:
        return None
    r = rates[chosen]
    return {
        "year": chosen,
        "vehicles": None,
        "population": None,
        "per_1000": float(r["value"]),
        "flag": r["flag"],
        "series": r["series"],
        "sources": r["source_id"],
        "note": r["note"],
    }
