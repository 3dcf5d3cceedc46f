"""How the harmonised Indonesian series are built from the raw ones.

Run ``python -m motorisasi.data.recipes`` to rebuild ``embedded/harmonised.csv`` from the raw
series in the embedded data; a test checks that the stored file equals a fresh build. Each
recipe is a short chain of the steps in :mod:`motorisasi.data.harmonise`, and the catalogue
(``series.csv``) describes each harmonised series with its method.

Fleet (``*_registered``): on the basis of BPS's revised method (2017, back-cast to 2015).
BPS revised values (2015-2020, 2024, 2025) come first, then BPS figures quoted in the press,
then the ATO copy of BPS for 2017-2021 (the revised method: it equals the revised series
wherever both exist, which the recipe checks). Before 2015 the ATO copy is on the old
method; it is moved onto the revised basis by the mean ratio revised/old over 2015-2016.
Remaining gaps (2022-2023) are interpolated log-linearly. Caveat: the rise from 2022 to
2024 is larger than sales allow, which suggests a further change of basis that no overlap
year lets us measure; the filled years carry that uncertainty.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from motorisasi.data import harmonise as hz
from motorisasi.data.store import EMBEDDED, DataStore, open_data

HARMONISED_FILE = "harmonised.csv"
COUNTRY = "IDN"


def _reports(
    store: DataStore, series: str, category: str = "", years: range | None = None, country: str = COUNTRY
) -> pd.DataFrame:
    v = store.values
    rows = v[
        (v["series"] == series)
        & (v["country"] == country)
        & (v["region"] == "")
        & (v["category"] == category)
    ]
    rows = rows[["year", "value", "source_id", "flag"]].astype({"year": "int64"})
    if years is not None:
        rows = rows[rows["year"].between(years.start, years.stop - 1)]
    return rows.reset_index(drop=True)


def _reports_of(
    store: DataStore, names: Sequence[str], years: range | None = None, country: str = COUNTRY
) -> pd.DataFrame:
    """The reports of several series of one quantity, in the order of ``names``."""
    return pd.concat([_reports(store, s, years=years, country=country) for s in names], ignore_index=True)


def _raw(
    store: DataStore,
    series: str,
    years: range | None = None,
    note: str = "",
    country: str = COUNTRY,
    exclude: Sequence[tuple[int, str]] = (),
) -> hz.Harmonised:
    """One series as published (``exclude``: (year, source_id) reports known to be wrong)."""
    rows = _reports(store, series, years=years, country=country)
    if exclude:
        rows = hz.pick_reports(rows, exclude=exclude)
    flags = set(rows["flag"])
    flag = "derived" if flags == {"derived"} else "observed"
    return hz.from_reports(rows, flag=flag, note=note or f"{flag}: {series}")


def _registered(store: DataStore, kind: str) -> hz.Harmonised:
    """Registered stock of one vehicle type on the BPS revised basis, 1990-2025."""
    revised = _raw(store, f"{kind}_registered_bps_revised")
    ato = _raw(store, f"{kind}_registered_ato")
    same_basis = [y for y in revised.years if y >= 2017 and y in ato.years]
    if not np.allclose(revised.value[same_basis], ato.value[same_basis], rtol=1e-9):
        raise hz.HarmonisationError(code="harmonise.ato_not_bps", kind=kind)
    h = revised
    press = f"{kind}_registered_bps_press"
    if (store.values["series"] == press).any():
        h = hz.overlay(h, _raw(store, press))
    h = hz.overlay(h, ato, years=range(2017, 2100))
    h, _ = hz.ratio_splice(
        h, ato, overlap=[2015, 2016], years=range(1990, 2015), label="BPS old-method (ATO)"
    )
    return hz.fill_gaps(h, "log-linear")


def _sales(
    store: DataStore,
    series: str | tuple[str, ...],
    years: range,
    exclude=(),
    country: str = COUNTRY,
    note: str = "",
) -> hz.Harmonised:
    """One report per year from one or several series (the medoid where several; a year whose
    report is not ``observed`` is ``derived``), gaps filled log-linearly."""
    reports = _reports_of(store, (series,) if isinstance(series, str) else series, years, country)
    # Observed figures before figures derived from them, so a tie goes to the published one.
    reports = reports.sort_values("flag", key=lambda f: f.ne("observed"), kind="stable")
    picked = hz.pick_reports(reports, exclude=exclude)
    rivals = reports.groupby("year").size()
    h = hz.from_reports(picked, note=note or f"observed: {series}")
    notes = h.note.copy()
    for year in h.years:
        if rivals.get(year, 1) > 1:
            notes[year] += f" ({rivals[year]} reports for this year; the medoid report is used)"
    published = picked.set_index(picked["year"].astype(int))["flag"] == "observed"
    flags = h.flag.where(published.reindex(h.years, fill_value=True).to_numpy(), "derived")
    return hz.fill_gaps(hz.Harmonised(h.value, flags, h.source_id, notes), "log-linear")


def build(store: DataStore | None = None) -> dict[str, hz.Harmonised]:
    """All harmonised Indonesian series, built from the raw series of ``store``."""
    store = store or open_data()
    out: dict[str, hz.Harmonised] = {}
    wb = _raw(store, "population_worldbank", note="observed: World Bank mid-year population")
    un = _raw(store, "population_un_wpp2024")
    un = hz.Harmonised(un.value, un.flag.where(un.years < 2024, "projected"), un.source_id, un.note)
    out["population"] = hz.extend_with_growth(wb, un, years=range(2025, 2061))
    out["gdp_per_capita_ppp"] = _raw(store, "gdp_per_capita_ppp_worldbank", note="observed: World Bank")
    for kind in ("passenger_cars", "buses", "trucks", "motorcycles"):
        out[f"{kind}_registered"] = _registered(store, kind)
    out["four_wheel_registered"] = hz.add(
        [out["passenger_cars_registered"], out["buses_registered"], out["trucks_registered"]],
        label="harmonised passenger cars, buses and trucks",
    )
    # 1994 is only a threshold ("passed 300,000"); exact annual reports start in 1997.
    out["car_sales"] = _sales(store, "wholesales_gaikindo", range(1997, 2026))
    wrong_2015 = store.values[
        (store.values["series"] == "motorcycle_sales_aisi")
        & (store.values["year"] == 2015)
        & store.values["note"].str.contains("ERRONEOUS")
    ]
    out["motorcycle_sales"] = _sales(
        store,
        "motorcycle_sales_aisi",
        range(1997, 2026),
        exclude=[(2015, s) for s in wrong_2015["source_id"]],
    )
    # 2022: the exact AISI figure (17,198) rather than the rounded "17 ribu" of the same source.
    out["e_motorcycle_sales"] = _sales(
        store, "emoto_sales__e_motorcycle_sales", range(2021, 2026), exclude=[(2022, "aisi-22")]
    )
    return out


#: Thai four-wheel domestic sales: Toyota Motor Thailand's yearly market summary first, then the
#: Federation of Thai Industries, then focus2move (in that order of preference on ties).
THA_SALES = (
    "vehicle_sales_total_tha_tmt",
    "vehicle_sales_total_tha_fti",
    "vehicle_sales_total_tha_focus2move",
)
#: ATO's 2016 motorcycle count exceeds the DLT's own 2016 count by 1.79 million (8.7 %) while the
#: two agree exactly in 2017-2021: a wrong figure in the copy, not a change in the register.
THA_ATO_WRONG = [(2016, "ato-01")]


def build_tha(store: DataStore | None = None) -> dict[str, hz.Harmonised]:
    """All harmonised Thai series, built from the raw series of ``store``.

    Registers: the Department of Land Transport's cumulative registered vehicles (MOT open data,
    2016-2025), before 2016 the ATO copy of the same statistics, moved onto the DLT classes by
    the mean ratio of the years both have (2016-2021 for cars, pick-ups and vans; 2017-2021 for
    motorcycles, where the two are equal). Sales: four-wheel domestic sales as the industry
    reports them (Toyota Motor Thailand, FTI, focus2move; the medoid report where several).
    """
    store = store or open_data()
    tha = "THA"
    out: dict[str, hz.Harmonised] = {}
    wb = _raw(store, "population_worldbank", note="observed: World Bank mid-year population", country=tha)
    un = _raw(store, "population_un_wpp2024", country=tha)
    un = hz.Harmonised(un.value, un.flag.where(un.years < 2024, "projected"), un.source_id, un.note)
    out["population"] = hz.extend_with_growth(wb, un, years=range(2025, 2061))
    out["gdp_per_capita_ppp"] = _raw(
        store, "gdp_per_capita_ppp_worldbank", note="observed: World Bank", country=tha
    )

    dlt_light = _raw(store, "light_vehicles_registered_tha_dlt", country=tha)
    ato_light = _raw(store, "passenger_cars_registered_ato", country=tha)
    light, _ = hz.ratio_splice(
        dlt_light,
        ato_light,
        overlap=range(2016, 2022),
        years=range(1990, 2016),
        label="ATO light-duty vehicles",
    )
    out["light_vehicles_registered"] = hz.fill_gaps(light, "log-linear")
    dlt_moto = _raw(store, "motorcycles_registered_tha_dlt", country=tha)
    ato_moto = _raw(store, "motorcycles_registered_ato", country=tha, exclude=THA_ATO_WRONG)
    moto, _ = hz.ratio_splice(
        dlt_moto, ato_moto, overlap=range(2017, 2022), years=range(1990, 2016), label="ATO"
    )
    out["motorcycles_registered"] = hz.fill_gaps(moto, "log-linear")

    out["car_sales"] = _sales(
        store, THA_SALES, range(2012, 2026), country=tha, note="observed: four-wheel domestic sales"
    )
    out["motorcycle_sales"] = _tha_motorcycles(store)
    return out


#: Thai motorcycle sales as the industry reports them (FTI, makers, trade press).
THA_MOTORCYCLE_SALES = (
    "motorcycle_sales_tha_fti",
    "motorcycle_sales_tha_ashu",
    "motorcycle_sales_tha_honda",
    "motorcycle_sales_tha_fourin",
    "motorcycle_sales_tha_motorcyclesdata",
)


def _tha_motorcycles(store: DataStore) -> hz.Harmonised:
    """Thai motorcycles entering the register: the DLT's first registrations (RY12+RY17) for
    2022-2025; for 2019-2021 the industry's sales (the medoid report) moved onto them by the mean
    ratio of 2022-2023 (first registrations count imports and big bikes that member makers' sales
    leave out). Check: 2020 comes to 1.66 million against 1.68 million DLT registrations in the
    press (motorcycle_new_registrations_tha_dlt_press)."""
    tha = "THA"
    first = _raw(store, "motorcycle_new_registrations_tha_dlt", country=tha)
    reports = _reports_of(store, THA_MOTORCYCLE_SALES, range(2019, 2024), tha)
    reports = reports[reports["flag"] == "observed"]
    industry = hz.from_reports(hz.pick_reports(reports), note="observed: industry motorcycle sales")
    spliced, _ = hz.ratio_splice(
        first, industry, overlap=[2022, 2023], years=range(2019, 2022), label="industry sales"
    )
    return spliced


#: The countries with harmonised series: the recipe and the file each is stored in.
RECIPES = {"IDN": (build, HARMONISED_FILE), "THA": (build_tha, "harmonised_tha.csv")}


def to_rows(
    series: dict[str, hz.Harmonised], store: DataStore | None = None, country: str = COUNTRY
) -> pd.DataFrame:
    """The harmonised series as rows of a value file."""
    store = store or open_data()
    frames = []
    for name, h in series.items():
        frame = h.to_frame()
        frame.insert(0, "country", country)
        frame.insert(1, "region", "")
        frame.insert(2, "series", name)
        frame.insert(3, "category", "")
        frame.insert(6, "unit", store.series.loc[name, "unit"])
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[
        ["country", "region", "series", "category", "year", "value", "unit", "source_id", "flag", "note"]
    ]
    counts = rows["unit"].isin(["vehicles", "persons"])
    rows["value"] = rows["value"].map(lambda x: float(f"{x:.10g}")).astype(object)
    rows.loc[counts, "value"] = rows.loc[counts, "value"].map(round)
    return rows


def write(country: str = COUNTRY, folder: Path = EMBEDDED) -> Path:
    """Rebuild a country's harmonised series from the raw ones and write them (atomically)."""
    recipe, name = RECIPES[country]
    raw_only = _raw_store()
    rows = to_rows(recipe(raw_only), raw_only, country)
    path = folder / name
    tmp = path.with_suffix(".tmp")
    rows.to_csv(tmp, index=False)
    tmp.replace(path)
    return path


def _raw_store() -> DataStore:
    """The embedded data without the harmonised series (so a build never reads its own output)."""
    store = open_data()
    kinds = store.series["kind"]
    keep = ~store.values["series"].map(kinds).eq("harmonised")
    return DataStore(
        store.values[keep].reset_index(drop=True), store.sources, store.series, store.brands, None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild the embedded harmonised series from the raw ones.")
    parser.parse_args()
    for country in RECIPES:
        print(f"wrote {write(country)}")


if __name__ == "__main__":
    main()
