"""Industry accounting: supply-balance identities (hypothesis), batteries, jobs, fiscal, by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from motorisasi.errors import ParameterError
from motorisasi.model.industry import (
    battery_gwh,
    by_share,
    fuel_subsidy,
    nickel_tonnes,
    supply_balance,
    tax_forgone,
    utilisation,
    workforce,
)

flows = arrays(np.float64, (3, 12), elements=st.floats(0, 5e6))
shares = arrays(np.float64, (3, 12), elements=st.floats(0, 1))


@given(flows, shares, flows)
def test_supply_balance_identities_hold(sales, share, exports):
    local, imports, production = supply_balance(sales, share, exports)
    np.testing.assert_allclose(local + imports, sales, rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(production, local + exports, rtol=1e-12, atol=1e-6)
    assert (local >= -1e-6).all() and (imports >= 0).all() and (production >= 0).all()


@given(arrays(np.float64, (4, 10), elements=st.floats(0.01, 1)))
def test_split_by_shares_adds_back_to_the_total(raw):
    s = raw / raw.sum(axis=0)
    total = np.linspace(1, 10, 10)
    parts = by_share(total, s, axis=0)
    np.testing.assert_allclose(parts.sum(axis=0), total, rtol=1e-12)


def test_hand_calculations():
    assert battery_gwh(600_000, 55.0) == pytest.approx(33.0)
    # 33 GWh, 60 % nickel-based, 0.7 kg/kWh: 33e6 kWh x 0.6 x 0.7 kg = 13,860 t
    assert nickel_tonnes(33.0, 0.6, 0.7) == pytest.approx(13_860.0)
    jobs, new, train = workforce([1.2e6, 1.3e6, 1.1e6], 0.03, 0.05, 0.1, jobs_before=36_000)
    np.testing.assert_allclose(jobs, [36_000, 39_000, 33_000])
    np.testing.assert_allclose(new, [1_800, 4_800, 0.0])  # 36,000 x 5 %; +3,000 + 1,800; shrinking
    np.testing.assert_allclose(train, new * 0.1)
    assert fuel_subsidy(1e9, 12_000, 10_000) == pytest.approx(2e12)
    assert fuel_subsidy(1e9, 9_000, 10_000) == 0.0
    assert tax_forgone(50_000, 20e6) == pytest.approx(1e12)
    ratio, over = utilisation([1.19e6, 2.4e6], 2.26e6)
    assert over.tolist() == [False, True]
    assert ratio[0] == pytest.approx(1.19 / 2.26)


def test_bad_parameters():
    with pytest.raises(ParameterError, match="import share"):
        supply_balance([1.0], [1.5], [0.0])
    with pytest.raises(ParameterError, match="capacity"):
        utilisation([1.0], [0.0])
    with pytest.raises(ParameterError, match="sum to one"):
        by_share([1.0], [[0.5], [0.2]], axis=0)
    with pytest.raises(ParameterError, match="attrition"):
        workforce([1.0], 0.1, 1.5, 0.1)
