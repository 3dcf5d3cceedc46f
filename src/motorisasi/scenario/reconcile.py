"""The fleet's modelled fuel use and CO2 next to what was sold and inventoried, year by year.

A run models road energy from the fleet in use (vehicles x km x energy per km, by cohort),
for the history years too, with the distance calibrated to the energy balance
(:mod:`motorisasi.scenario.fuel_calibration`). This module puts it beside the reference series:

- **road_gasoline**, **road_diesel**: the energy balance's road energy by fuel (the calibration's
  own reference; years outside the fit are out of sample), in PJ;
- **road_co2**: road CO2 of independent inventories (EDGAR 2024, Climate TRACE, CEDS; EDGAR
  v4.3.2 to 2012), which are
  built from energy statistics and emission factors of their own, not from the fleet; and of
  Indonesia's own inventory (BTR1), whose transport CO2 less EDGAR's non-road modes stands in
  for its road row;
- **gasoline**: the volume of the assigned grades distributed (Premium and Pertalite, from BPH
  Migas and the energy ministry; a year counts only when every assigned grade sold that year
  is reported, and the fuller of two such references is kept). They are part of
  all gasoline sold (Pertamax and other grades come on top), so the reference is a lower bound;
- **diesel**: subsidised Solar distributed (BPH Migas), which includes non-road use (fishing
  boats, small industry) and leaves out the unsubsidised grades;
- **CO2**: transport CO2 of all modes (Climate Watch), against the model's road CO2.

Volumes of the model are its fuel mass (net calorific values, IPCC 2006) over the UNSD
conversion densities (``fuel_density_unsd__*``). The ratio modelled / reference says how much
of the reference the fleet explains; the domain returns numbers, the command line words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: (quantity, reference series whose values are added up per year, what the reference covers).
REFERENCES = (
    (
        "gasoline",
        ("jbkp_premium_realised_volume_bphmigas", "pertalite_national_consumption_esdm"),
        "lower_bound",
    ),
    ("gasoline", ("premium_consumption_esdm", "pertalite_consumption_bphmigas"), "lower_bound"),
    (
        "gasoline",
        ("jbkp_premium_realised_volume_bphmigas", "jbkp_pertalite_realised_volume_bphmigas"),
        "lower_bound",
    ),
    ("diesel", ("jbt_solar_realised_volume_bphmigas",), "subsidised_incl_non_road"),
    ("co2", ("transport_co2_climatewatch",), "all_transport_modes"),
)
#: Road CO2 inventories (IPCC 1.A.3.b), compared with the modelled tank-to-wheel CO2.
INVENTORIES = (
    ("road_co2", ("road_transport_co2_edgar2024",), "road_inventory"),
    ("road_co2", ("road_transport_co2_climatetrace",), "road_inventory"),
    ("road_co2", ("road_transport_co2_ceds",), "road_inventory"),
    ("road_co2", ("road_transport_co2_edgar",), "road_inventory"),
    ("road_co2", ("road_transport_co2_national_inventory_derived",), "road_national_inventory"),
)
#: Years an assigned gasoline grade was sold: Pertalite from 2015 (the first reports), Premium
#: until 2021 (from 2022 the assigned-grade quotas are Pertalite only; jbkp_*_quota_bphmigas).
GRADE_YEARS = {"premium": (None, 2021), "pertalite": (2015, None)}
DENSITY_SERIES = {
    "gasoline": "fuel_density_unsd__motor_gasoline",
    "diesel": "fuel_density_unsd__gas_diesel_oil",
}


@dataclass(frozen=True)
class Comparison:
    quantity: str  # gasoline, diesel (million kL) or co2 (Mt)
    year: int
    modelled: float
    reference: float
    unit: str
    coverage: str  # what the reference covers (a code the outputs put into words)
    series: tuple[str, ...]
    sources: tuple[str, ...]
    in_fit: bool = False  # a year the energy calibration was fitted on

    @property
    def ratio(self) -> float:
        return self.modelled / self.reference


def _yearly(series: str, country: str, data_dir) -> dict[int, tuple[float, str]]:
    """One value a year from the observed (or derived) reports: the one nearest their median."""
    from motorisasi.data.store import merged

    reports: dict[int, list[tuple[float, str]]] = {}
    for r in merged(data_dir).by_series.get(series, []):
        if (
            r["country"] == country
            and r["region"] == ""
            and r["category"] == ""
            and r["year"] is not None
            and r["flag"] in ("observed", "derived")
        ):
            reports.setdefault(int(r["year"]), []).append((float(r["value"]), str(r["source_id"])))
    out = {}
    for year, found in reports.items():
        middle = float(np.median([v for v, _ in found]))
        out[year] = min(found, key=lambda item: abs(item[0] - middle))
    return out


def _constant(series: str, country: str, data_dir) -> float | None:
    """The country's own value, else Indonesia's (the conversion densities are international averages)."""
    from motorisasi.data.store import merged

    rows = [r for r in merged(data_dir).by_series.get(series, []) if r["region"] == ""]
    for wanted in (country, "IDN"):
        hits = [float(r["value"]) for r in rows if r["country"] == wanted]
        if hits:
            return hits[0]
    return None


def _sold(series: str, year: int) -> bool:
    """Whether the grade a reference series counts was sold in ``year`` (other series: always)."""
    for grade, (first, last) in GRADE_YEARS.items():
        if grade in series:
            return (first is None or year >= first) and (last is None or year <= last)
    return True


def fuel_reconciliation(ds, data_dir=None) -> list[Comparison]:
    """Modelled road energy, fuel volumes and CO2 beside the reference series, for the years both exist."""
    import json

    country = str(ds.attrs["country"])
    base = int(ds.attrs["base_year"])
    years = [int(y) for y in ds["year"].values if y <= base]
    calibration = json.loads(ds.attrs.get("energy_calibration", "{}")).get("fuels", {})
    out: list[Comparison] = []
    for fuel, fit in calibration.items():
        if "energy_reference" not in ds:
            break
        fitted = set(fit.get("years", []))
        modelled = ds["energy"].sel(fuel=fuel).sum("segment", skipna=False)
        for year in years:
            value, reference = (
                float(modelled.sel(year=year)),
                float(ds["energy_reference"].sel(fuel=fuel, year=year)),
            )
            if np.isfinite(value) and np.isfinite(reference) and reference > 0:
                out.append(
                    Comparison(
                        f"road_{fuel}",
                        year,
                        value,
                        reference,
                        "PJ",
                        "road_energy_balance",
                        tuple(fit.get("series", ())),
                        tuple(fit.get("sources", ())),
                        year in fitted,
                    )
                )
    for quantity, series, coverage in (*REFERENCES, *INVENTORIES):
        parts = [_yearly(s, country, data_dir) for s in series]
        if quantity in ("co2", "road_co2"):
            modelled = ds["co2_ttw"].sum("segment", skipna=False)  # a missing segment is no zero
            unit = "Mt CO2"
        else:
            density = _constant(DENSITY_SERIES[quantity], country, data_dir)
            if density is None:
                continue
            # kt / (kg/m3) = thousand m3 x 1,000 ... : kt x 1e6 kg / density = m3; / 1e6 = million kL.
            modelled = ds["fuel_mass"].sel(fuel=quantity).sum("segment", skipna=False) / density
            unit = "million kL"
        fitted: set[int] = set()  # the calibration fits the road energy references only
        for year in years:
            # Every grade sold that year must be in the reference, or the comparison would mislead.
            needed = [p for s, p in zip(series, parts, strict=True) if _sold(s, year)]
            if not needed or any(year not in p for p in needed):
                continue
            present = [p[year] for p in needed]
            value = float(modelled.sel(year=year))
            if not np.isfinite(value) or sum(v for v, _ in present) <= 0:
                continue
            out.append(
                Comparison(
                    quantity,
                    year,
                    value,
                    float(sum(v for v, _ in present)),
                    unit,
                    coverage,
                    tuple(s for s in series if _sold(s, year)),
                    tuple(sorted({i for _, ids in present for i in ids.split(";")})),
                    year in fitted,
                )
            )
    # A year given by two references of the assigned gasoline grades keeps the fuller one.
    best: dict[tuple, Comparison] = {}
    for c in out:
        key = (c.quantity, c.year) if c.quantity == "gasoline" else (c.quantity, c.series, c.year)
        if key not in best or c.reference > best[key].reference:
            best[key] = c
    order = {"road_gasoline": 0, "road_diesel": 1, "road_co2": 2}
    return sorted(best.values(), key=lambda c: (order.get(c.quantity, 9), c.quantity, c.series, c.year))
