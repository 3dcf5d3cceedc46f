"""Energy and emissions: hand calculations and a naive reference for the cohort sums."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from motorisasi.errors import ParameterError
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.model.energy import (
    co2_electricity,
    co2_tank_to_wheel,
    fleet_energy,
    fuel_volume,
    grid_electricity_kwh,
    intensity_by_cohort,
    km_by_age,
)


def naive(stock, km, intensity, init=None, init_intensity=None):
    n = stock.shape[-1]
    distance, energy = np.zeros(n), np.zeros(n)
    for t in range(n):
        for c in range(t + 1):
            distance[t] += stock[t, c] * km[t - c]
            energy[t] += stock[t, c] * km[t - c] * intensity[c]
        if init is not None:
            for a0 in range(init.shape[-1]):
                distance[t] += init[t, a0] * km[t + 1 + a0]
                energy[t] += init[t, a0] * km[t + 1 + a0] * init_intensity[a0]
    return distance, energy


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=5), st.integers(0, 10_000))
def test_fleet_energy_equals_a_naive_double_loop(n, a0, seed):
    rng = np.random.default_rng(seed)
    stock = np.tril(rng.uniform(0, 1000, (n, n)))
    km = rng.uniform(5000, 20000, n + a0 + 2)
    intensity = rng.uniform(1, 3, n)
    init = rng.uniform(0, 500, (n, a0)) if a0 else None
    init_i = rng.uniform(1, 3, a0) if a0 else None
    distance, energy = fleet_energy(stock, km, intensity, initial_stock_by_age=init, initial_intensity=init_i)
    ref_d, ref_e = naive(stock, km, intensity, init, init_i)
    np.testing.assert_allclose(distance, ref_d, rtol=1e-12)
    np.testing.assert_allclose(energy, ref_e, rtol=1e-12)


def test_constant_fleet_by_hand():
    """1,000 cars, 10,000 km/yr, 2 MJ/km of gasoline: 20 TJ, 1,386 t CO2, litres by NCV and density."""
    n = 5
    sf = survival_curve("fixed", 50, entry="end", lifetime=40)
    run = inflow_driven(np.r_[1000.0, np.zeros(n - 1)], sf, by_cohort=True)
    distance, energy = fleet_energy(run.stock_by_cohort, km_by_age(10_000, 0.0, n), np.full(n, 2.0))
    np.testing.assert_allclose(distance, 1e7)
    np.testing.assert_allclose(energy, 2e7)  # MJ = 20 TJ = 0.02 PJ
    np.testing.assert_allclose(co2_tank_to_wheel(energy, 69_300), 20 * 69_300)
    litres = fuel_volume(energy, 44.3, 0.74)
    np.testing.assert_allclose(litres, 2e7 / (44.3 * 0.74))


def test_electricity_by_hand():
    kwh = grid_electricity_kwh(3.6e6, charging_loss=0.1)  # 1 GWh at the battery
    assert kwh == pytest.approx(1e6 / 0.9)
    assert co2_electricity(kwh, 0.7) == pytest.approx(0.7e6 / 0.9)


def test_biofuel_share_does_not_count():
    assert co2_tank_to_wheel(1e6, 74_100, fossil_share=0.6) == pytest.approx(0.6 * 74_100)


def test_profiles():
    np.testing.assert_allclose(km_by_age(12_000, 0.1, 3), [12_000, 10_800, 9_720])
    # A negative improvement (heavier cars) raises use by 1 %/yr.
    np.testing.assert_allclose(
        intensity_by_cohort(2.0, -0.01, [2023, 2024, 2025], 2024), [2.0 / 1.01, 2.0, 2.02]
    )


def test_bad_inputs():
    with pytest.raises(ParameterError, match="decline"):
        km_by_age(10_000, 1.0, 3)
    with pytest.raises(ParameterError, match="ages"):
        fleet_energy(np.ones((3, 3)), np.ones(2), np.ones(3))
    with pytest.raises(ParameterError, match="charging_loss"):
        grid_electricity_kwh(1.0, 1.0)
