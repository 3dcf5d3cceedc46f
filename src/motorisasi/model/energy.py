"""Fleet activity, energy use and CO2 from a fleet by cohort.

A vehicle of cohort ``c`` (sold in year ``c``) drives ``km[a]`` kilometres in its year of age
``a = t - c`` and uses ``intensity[c]`` megajoules per kilometre, fixed at sale; so in year
``t`` the fleet uses

    energy[t] = sum_c stock[t, c] * km[t - c] * intensity[c]          (MJ)

The vehicles of an initial fleet (by age at the start) use ``initial_intensity`` and are
``t + 1 + a0`` years old in year ``t``. Functions broadcast over leading batch axes
(segments, powertrains, scenario draws) and put years (and cohorts, ages) last.

Units: stock in vehicles; distance in km per vehicle per year; intensity in MJ per km (for
electricity too: 1 kWh = 3.6 MJ); energy in MJ; emission factors in kg CO2 per TJ (IPCC
convention) or kg CO2 per kWh (grid); CO2 in kg.

Tank-to-wheel CO2 of a fuel is its energy times its emission factor. Well-to-wheel CO2 of
electricity is the electricity drawn from the grid, including charging losses, times the grid's
CO2 intensity; fuel production upstream is not counted here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import non_negative as _non_negative
from motorisasi.model.checks import shown

Array = NDArray[np.float64]
MJ_PER_KWH = 3.6
MJ_PER_PJ = 1e9


def km_by_age(base_km: ArrayLike, decline: ArrayLike, n_ages: int) -> Array:
    """Distance per vehicle by age: ``base_km * (1 - decline) ** age`` (km per year).

    ``decline`` is the fractional fall per year of age (0 for constant use).

    >>> km_by_age(10_000, 0.05, 3).tolist()
    [10000.0, 9500.0, 9025.0]
    """
    km = _non_negative("base_km", base_km)
    d = np.asarray(decline, dtype=float)
    if np.any((d < 0) | (d >= 1)):
        raise ParameterError(code="model.energy.decline", low=shown(d.min()), high=shown(d.max()))
    return km[..., None] * (1.0 - d[..., None]) ** np.arange(n_ages)


def intensity_by_cohort(
    new_intensity: ArrayLike, improvement: ArrayLike, cohorts: ArrayLike, base_year: int
) -> Array:
    """Energy use per km of new vehicles by sales year: ``new * (1 - improvement) ** (year - base_year)``.

    ``new_intensity`` (MJ/km) is that of vehicles sold in ``base_year``; ``improvement`` the
    fractional gain per year (negative for vehicles getting heavier).

    >>> intensity_by_cohort(2.0, 0.01, [2024, 2025, 2026], 2024).round(6).tolist()
    [2.0, 1.98, 1.9602]
    """
    new = _non_negative("new_intensity", new_intensity)
    g = np.asarray(improvement, dtype=float)
    if np.any(g >= 1):
        raise ParameterError(code="model.energy.improvement")
    c = np.asarray(cohorts, dtype=float)
    return new[..., None] * (1.0 - g[..., None]) ** (c - base_year)


def fleet_energy(
    stock_by_cohort: ArrayLike,
    km: ArrayLike,
    intensity: ArrayLike,
    *,
    initial_stock_by_age: ArrayLike | None = None,
    initial_intensity: ArrayLike | None = None,
) -> tuple[Array, Array]:
    """Fleet distance (km) and energy (MJ) by year.

    Parameters
    ----------
    stock_by_cohort
        Vehicles at the end of year ``t`` sold in year ``c``, shape ``(..., T, T)``
        (``[..., year, cohort]``; zero for ``c > t``), as returned by the stock engine with
        ``by_cohort=True``.
    km
        Distance per vehicle by age (km/yr), shape ``(..., A)`` with ``A >= T`` (and
        ``A >= T + A0`` with an initial fleet).
    intensity
        Energy per km of each cohort (MJ/km), shape ``(..., T)``.
    initial_stock_by_age, initial_intensity
        The initial fleet still in use, ``(..., T, A0)`` indexed by age at the start, and its
        energy per km, ``(..., A0)`` or broadcastable.

    Returns
    -------
    (distance, energy)
        Vehicle-km and MJ per year, shape ``(..., T)``.
    """
    inten = _non_negative("intensity", intensity)
    weights = np.stack(np.broadcast_arrays(np.ones(inten.shape[-1:]), inten), axis=-2)
    initial_weights = None
    if initial_stock_by_age is not None:
        i0 = np.asarray(0.0 if initial_intensity is None else initial_intensity, dtype=float)
        a0 = np.shape(initial_stock_by_age)[-1]
        initial_weights = np.stack(np.broadcast_arrays(np.ones(a0), i0 * np.ones(a0)), axis=-2)
    sums = weighted_fleet_sums(
        stock_by_cohort,
        km,
        weights,
        initial_stock_by_age=initial_stock_by_age,
        initial_weights=initial_weights,
    )
    return sums[..., 0, :], sums[..., 1, :]


def weighted_fleet_sums(
    stock_by_cohort: ArrayLike,
    km: ArrayLike,
    weights: ArrayLike,
    *,
    initial_stock_by_age: ArrayLike | None = None,
    initial_weights: ArrayLike | None = None,
) -> Array:
    """Vehicle-km of a fleet weighted by cohort, for ``K`` weightings at once, by year.

    ``sum_c stock[t, c] * km[t - c] * weights[k, c]`` plus the initial fleet's
    ``sum_a init[t, a] * km[t + 1 + a] * initial_weights[k, a]``: with weights of one the
    distance driven, with a powertrain's share of each cohort its distance, with that share
    times the energy per km its energy (MJ). The distance of every cohort is computed once
    for all weightings.

    Parameters
    ----------
    stock_by_cohort, km, initial_stock_by_age
        As in :func:`fleet_energy`.
    weights
        ``(..., K, T)``: a weight per cohort for each of ``K`` sums.
    initial_weights
        ``(..., K, A0)``: a weight per age of the initial fleet (zero when not given).

    Returns
    -------
    ``(..., K, T)``
    """
    stock = _non_negative("stock_by_cohort", stock_by_cohort)
    if stock.ndim < 2 or stock.shape[-1] != stock.shape[-2]:
        raise ParameterError(code="model.energy.stock_shape", shape=stock.shape)
    n = stock.shape[-1]
    km_arr = _non_negative("km", km)
    need = n + (0 if initial_stock_by_age is None else np.shape(initial_stock_by_age)[-1])
    if km_arr.shape[-1] < need:
        raise ParameterError(code="model.energy.km_ages", need=need, got=km_arr.shape[-1])
    w = np.asarray(weights, dtype=float)
    t, c = np.indices((n, n))
    driven = stock * np.take(km_arr, np.clip(t - c, 0, None), axis=-1)  # (..., T, T) vehicle-km
    # einsum's own loops (never BLAS) add each draw up the same way whatever the batch.
    sums = np.einsum("...tc,...kc->...kt", driven, w)
    if initial_stock_by_age is not None and initial_weights is not None:
        init = _non_negative("initial_stock_by_age", initial_stock_by_age)
        a0 = init.shape[-1]
        age0 = np.arange(n)[:, None] + 1 + np.arange(a0)[None, :]
        driven0 = init * np.take(km_arr, age0, axis=-1)  # (..., T, A0)
        w0 = np.asarray(initial_weights, dtype=float)
        sums = sums + np.einsum("...ta,...ka->...kt", driven0, w0)
    return sums


def fuel_volume(energy_mj: ArrayLike, net_calorific_value: ArrayLike, density: ArrayLike) -> Array:
    """Litres of a liquid fuel for an energy use: ``MJ / (MJ/kg * kg/l)``.

    >>> round(float(fuel_volume(44.3 * 0.74, 44.3, 0.74)), 9)
    1.0
    """
    ncv = np.asarray(net_calorific_value, dtype=float)
    rho = np.asarray(density, dtype=float)
    if np.any(ncv <= 0) or np.any(rho <= 0):
        raise ParameterError(code="model.energy.ncv_density")
    return np.asarray(energy_mj, dtype=float) / (ncv * rho)


def co2_tank_to_wheel(
    energy_mj: ArrayLike, emission_factor_kg_per_tj: ArrayLike, fossil_share: ArrayLike = 1.0
) -> Array:
    """CO2 (kg) from burning fuel: energy x emission factor x fossil share (biofuel counts zero).

    >>> float(co2_tank_to_wheel(1e6, 69_300))
    69300.0
    """
    ef = _non_negative("emission factor", emission_factor_kg_per_tj)
    share = np.asarray(fossil_share, dtype=float)
    if np.any((share < 0) | (share > 1)):
        raise ParameterError(code="model.energy.fossil_share")
    return np.asarray(energy_mj, dtype=float) * 1e-6 * ef * share


def grid_electricity_kwh(energy_mj: ArrayLike, charging_loss: ArrayLike = 0.0) -> Array:
    """Electricity drawn from the grid (kWh) for an energy use at the wheel-side battery (MJ).

    >>> float(grid_electricity_kwh(3.6, charging_loss=0.1))
    1.1111111111111112
    """
    loss = np.asarray(charging_loss, dtype=float)
    if np.any((loss < 0) | (loss >= 1)):
        raise ParameterError(code="model.energy.charging_loss")
    return np.asarray(energy_mj, dtype=float) / MJ_PER_KWH / (1.0 - loss)


def co2_electricity(grid_kwh: ArrayLike, grid_intensity_kg_per_kwh: ArrayLike) -> Array:
    """CO2 (kg) of grid electricity: kWh x grid intensity (kg CO2 per kWh generated or supplied)."""
    return np.asarray(grid_kwh, dtype=float) * _non_negative("grid intensity", grid_intensity_kg_per_kwh)
