"""The energy step: distance and energy by fuel per cohort, the calibration to the energy
balance, the grid's carbon intensity and the biodiesel blend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from motorisasi.model.adoption import interpolate_path
from motorisasi.model.energy import (
    MJ_PER_PJ,
    co2_electricity,
    co2_tank_to_wheel,
    grid_electricity_kwh,
    intensity_by_cohort,
    weighted_fleet_sums,
)
from motorisasi.scenario.fuel_calibration import (
    FUELS_CALIBRATED,
    calibrate_fuel_use,
    factor_bounds,
    reference_energy,
    split_factor,
)
from motorisasi.scenario.schema import (
    Scenario,
    ScenarioError,
)
from motorisasi.scenario.steps.batch import col, path_values
from motorisasi.scenario.steps.inputs import _Sources, _values

FUELS = ("gasoline", "diesel", "electricity")

EMISSION_FACTORS = {
    "gasoline": "ipcc_fuel__co2_ef_motor_gasoline",
    "diesel": "ipcc_fuel__co2_ef_gas_diesel_oil",
}

CALORIFIC_VALUES = {"gasoline": "ipcc_fuel__ncv_motor_gasoline", "diesel": "ipcc_fuel__ncv_gas_diesel_oil"}
#: The IPCC 2006 default emission factors and calorific values hold for every country; the data
#: hold them once, under this country. A country's own value, where given, comes first.
IPCC_DEFAULTS_STORED_AS = "IDN"


def _energy(name, seg, names, by_cohort, shares, init, init_shares, cohort_years, start_cohorts, base, km):
    """Distance (..., P, T) and energy by fuel (..., F, T; MJ) of a fleet: ``by_cohort`` (..., T, C)
    and ``init`` (..., T, A0) are the vehicles of each cohort and of the base fleet by age at the
    start, ``shares`` (..., P, C) and ``init_shares`` (P, A0) each powertrain's share of them."""
    rows, init_rows, where = [], [], {}
    for i, pt in enumerate(names):
        spec = seg.energy[pt]
        improvement = spec.improvement_pct / 100
        new_i = intensity_by_cohort(spec.intensity_mj_per_km, improvement, cohort_years, base)
        old_i = intensity_by_cohort(spec.intensity_mj_per_km, improvement, start_cohorts, base)
        share, share0 = shares[..., i, :], init_shares[..., i, :]
        where[pt] = len(rows)
        rows += [share, share * new_i]
        init_rows += [share0, share0 * old_i]
        if spec.electric_share > 0:
            bev = seg.energy.get("BEV")
            if bev is None or bev.fuel != "electricity":
                raise ScenarioError(code="scenario.energy.electric_share_bev", segment=name, powertrain=pt)
            gain = bev.improvement_pct / 100
            rows.append(share * intensity_by_cohort(bev.intensity_mj_per_km, gain, cohort_years, base))
            init_rows.append(share0 * intensity_by_cohort(bev.intensity_mj_per_km, gain, start_cohorts, base))
    sums = weighted_fleet_sums(
        by_cohort,
        km,
        np.stack(np.broadcast_arrays(*rows), axis=-2),
        initial_stock_by_age=init,
        initial_weights=np.stack(np.broadcast_arrays(*init_rows), axis=-2),
    )
    n = by_cohort.shape[-1]
    energy = np.zeros(sums.shape[:-2] + (len(FUELS), n))
    distance = np.zeros(sums.shape[:-2] + (len(names), n))
    for i, pt in enumerate(names):
        spec = seg.energy[pt]
        k = where[pt]
        distance[..., i, :] = sums[..., k, :]
        mj = sums[..., k + 1, :]
        if spec.electric_share > 0:
            energy[..., FUELS.index("electricity"), :] += col(spec.electric_share) * sums[..., k + 2, :]
            mj = (1 - col(spec.electric_share)) * mj
        energy[..., FUELS.index(spec.fuel), :] += mj
    return distance, energy


def _fuel_calibration(
    sc: Scenario, energy_mj: np.ndarray, segments: list[str], years, sources: _Sources, data_dir
):
    """Distance factors by segment that reconcile road energy with the energy balance; ``energy_mj``
    is the segments' energy at the assumed distances, ``(..., S, F, Y)`` (draws first)."""
    cal = sc.energy.calibration
    group = {n: sc.segments[n].energy[sc.segments[n].residual_powertrain].fuel for n in segments}
    bounds = {
        n: factor_bounds(
            sc.segments[n].km_per_year, sc.segments[n].km_range, sc.segments[n].on_road_gap_range
        )
        for n in segments
    }
    for fuel in FUELS_CALIBRATED:
        limited = [n for n in segments if group[n] == fuel and bounds[n] is not None]
        lows = [np.asarray(bounds[n][0]) for n in limited]
        highs = [np.asarray(bounds[n][1]) for n in limited]
        if limited and np.any(
            np.max(np.broadcast_arrays(*lows), axis=0) > np.min(np.broadcast_arrays(*highs), axis=0)
        ):
            ranges = "; ".join(
                f"segments.{n}.km_range {sc.segments[n].km_range} (assumed {_km(sc.segments[n].km_per_year)})"
                for n in limited
            )
            raise ScenarioError(code="scenario.energy.no_common_factor", ranges=ranges, fuel=fuel)
    reference, series, ids = {}, {}, {}
    for fuel in FUELS_CALIBRATED:
        names = list(cal.references.get(fuel, []))
        total, used = reference_energy(names, sc.country, years, data_dir)
        for values in used:
            sources.add(values)
        reference[fuel], series[fuel] = total, tuple(names)
        ids[fuel] = tuple(sorted({i for v in used for found in v.source_ids for i in str(found).split(";")}))
    energy_pj = energy_mj / MJ_PER_PJ
    fit_to = cal.fit_to if cal.fit_to is not None else sc.years.base
    out = calibrate_fuel_use(
        energy_pj,
        segments,
        group,
        years,
        reference,
        series,
        bounds,
        cal.model,
        cal.fit_from,
        fit_to,
        tuple(cal.exclude),
        cal.unexplained_after,
        sc.years.base,
        ids,
    )
    for fuel, fit in out.fuels.items():
        if fit.status == "too_few_years":
            have = years[np.isfinite(reference[fuel])]
            raise ScenarioError(
                f"energy.calibration: the window {cal.fit_from}-{fit_to}"
                + (f" without {', '.join(str(y) for y in cal.exclude)}" if cal.exclude else "")
                + f" leaves fewer than 2 years of the {fuel} reference ({' + '.join(series[fuel])}: "
                f"{int(have.min())}-{int(have.max())}); widen fit_from/fit_to/exclude or set model: none"
            )
    return out


def _km(value) -> str:
    """An assumed distance for a message: the number, or the range of its draws."""
    v = np.asarray(value, dtype=float)
    return f"{float(v):g} km" if v.ndim == 0 else f"{v.min():g}-{v.max():g} km in the draws"


def _grid_intensity(sc: Scenario, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    hist = _values(sc.energy.grid_series, sc.country, sources, data_dir)
    last = int(hist.years.max())
    points = {
        last: float(hist.values[-1]),
        **{int(y): v for y, v in sc.energy.grid_intensity_g_per_kwh.items()},
    }
    xs = sorted(points)
    out = interpolate_path(years, xs, path_values(points, xs))
    known = np.isin(years, hist.years)
    out[..., known] = [hist.at(int(y)) for y in years[known]]
    return out


def _blend(sc: Scenario, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    """Biodiesel share of diesel by year: the mandates (a step path: each value holds from its
    year on), replaced up to the base year by the observed share where the data give it."""
    points = sc.energy.biodiesel_blend_pct
    out = np.zeros(len(years))
    for year in sorted(points):
        out[years >= year] = points[year] / 100.0
    names = sc.energy.biodiesel_observed
    if names:
        parts = []
        for name in names:
            values, used = reference_energy([name], sc.country, years, data_dir)
            for v in used:
                sources.add(v)
            parts.append(values)
        total = np.sum(parts, axis=0)
        seen = (years <= sc.years.base) & np.isfinite(total) & (total > 0)
        if np.any(seen & (parts[0] < 0)):
            raise ScenarioError(code="scenario.energy.biodiesel_negative", series=names[0])
        out[seen] = np.clip(parts[0][seen] / total[seen], 0.0, 1.0)
    return out


@dataclass(frozen=True)
class RoadEnergy:
    """The segments' road energy calibrated to the energy balance, and its CO2 (draws first).

    ``energy`` (..., S, F, Y) MJ; ``ttw``/``wtw`` (..., S, Y) kg CO2; ``grid_kwh`` (..., S, Y);
    ``mass_kt`` (..., S, 2, Y) gasoline and diesel by mass; ``unexplained`` (..., F, Y) PJ and
    ``co2_unexplained`` (..., Y) kg; the calibration and its factors by segment."""

    calibration: Any
    use_factor: np.ndarray
    km_factor: np.ndarray
    energy: np.ndarray
    ttw: np.ndarray
    wtw: np.ndarray
    grid_kwh: np.ndarray
    mass_kt: np.ndarray
    unexplained: np.ndarray
    co2_unexplained: np.ndarray


def road_energy(sc, assumed, segments, years, sources, data_dir, grid, blend, ef, ncv) -> RoadEnergy:
    """Calibrate ``assumed`` (the segments' energy at the assumed distances, (..., S, F, Y) MJ) to
    the energy balance, and compute CO2 tank-to-wheel (the fossil share of fuels, biodiesel
    ``blend`` counting zero), of charging electricity (``grid`` g/kWh) and of the unexplained fuel."""
    calibration = _fuel_calibration(sc, assumed, segments, years, sources, data_dir)
    factors = (np.asarray(calibration.segment_factor[n], dtype=float) for n in segments)
    use_factor = np.stack(np.broadcast_arrays(*factors), axis=-1)
    km_factor = np.stack(
        np.broadcast_arrays(
            *(
                np.asarray(
                    split_factor(
                        calibration.segment_factor[n], sc.segments[n].km_per_year, sc.segments[n].km_range
                    )[0],
                    dtype=float,
                )
                for n in segments
            )
        ),
        axis=-1,
    )
    # Energy is linear in distance: the calibrated distance scales every fuel of the segment.
    energy = assumed * use_factor[..., :, None, None]  # (..., S, F, Y) MJ
    fossil = np.ones((len(FUELS), len(years)))
    fossil[FUELS.index("diesel")] = 1 - blend
    ttw = sum(
        co2_tank_to_wheel(energy[..., FUELS.index(f), :], ef[f], fossil[FUELS.index(f)])
        for f in EMISSION_FACTORS
    )
    loss = np.asarray(sc.energy.charging_loss, dtype=float)[..., None, None]
    grid_kwh = grid_electricity_kwh(energy[..., FUELS.index("electricity"), :], loss)
    wtw = ttw + co2_electricity(grid_kwh, grid[..., None, :] / 1000.0)
    mass_kt = np.stack(
        [energy[..., FUELS.index(f), :] / ncv[f] / 1e6 for f in ("gasoline", "diesel")], axis=-2
    )  # MJ / (MJ/kg) = kg; / 1e6 = kt

    unexplained = np.stack(
        np.broadcast_arrays(*(calibration.unexplained.get(f, np.full(len(years), np.nan)) for f in FUELS)),
        axis=-2,
    )  # (..., F, Y) PJ; NaN for a fuel without a reference (electricity)
    parts = np.stack(
        [
            co2_tank_to_wheel(
                np.nan_to_num(unexplained[..., FUELS.index(f), :]) * MJ_PER_PJ, ef[f], fossil[FUELS.index(f)]
            )
            for f in EMISSION_FACTORS
        ]
    )
    known = np.stack([np.isfinite(unexplained[..., FUELS.index(f), :]) for f in EMISSION_FACTORS])
    co2_unexplained = np.where(known.any(axis=0), parts.sum(axis=0), np.nan)  # kg; NaN: no line at all
    return RoadEnergy(
        calibration, use_factor, km_factor, energy, ttw, wtw, grid_kwh, mass_kt, unexplained, co2_unexplained
    )
