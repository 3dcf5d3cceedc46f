"""Industry accounting: supply-balance identities (hypothesis), batteries, jobs, fiscal, by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from motorisasi.errors import ParameterError
from motorisasi.model.fiscal import LITRES_PER_BARREL, economic_price, fuel_support, tax_forgone
from motorisasi.model.industry import (
    battery_gwh,
    by_share,
    nickel_tonnes,
    supply_balance,
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
    assert fuel_support(1e9, 12_000, 10_000) == pytest.approx((0.0, 2e12))
    assert fuel_support(1e9, 9_000, 10_000) == (0.0, 0.0)
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


def test_economic_price_by_hand():
    # Solar, Kepmen 439.K/2023 form: 100 % of the gasoil quotation + Rp 868/L, then 11 % VAT + 5 %
    # regional tax. Gasoil at 80 + 15 = 95 $/bbl and Rp 15,000/$: 95 x 15,000 / 158.987294928
    # = 8,962.98 Rp/L; + 868 = 9,830.98; x 1.16 = 11,403.94 Rp/L.
    assert pytest.approx(42 * 3.785411784, rel=1e-12) == LITRES_PER_BARREL
    assert economic_price(80, 15_000, 15, 1.0, 868, 0.16) == pytest.approx(11_403.937, rel=1e-6)
    # Without spread, share, constant or tax the price is the crude price per litre in rupiah.
    assert economic_price(158.987294928, 10_000) == pytest.approx(10_000.0)


def test_fuel_support_by_hand():
    # 17.5 million kL of Solar at an economic price of 11,250 and a retail price of 6,800 with a
    # Rp 1,000/L subsidy: subsidy 17.5e9 L x 1,000 = 17.5 T; compensation 17.5e9 x 3,450 = 60.375 T.
    subsidy, compensation = fuel_support(17.5e9, 11_250, 6_800, 1_000)
    assert subsidy == pytest.approx(17.5e12)
    assert compensation == pytest.approx(60.375e12)
    # The fixed subsidy is paid even when the economic price is below retail + subsidy.
    assert fuel_support(1e9, 7_000, 6_800, 1_000) == pytest.approx((1e12, 0.0))


@given(
    st.floats(1, 300),
    st.floats(1_000, 30_000),
    st.floats(-20, 60),
    st.floats(0.5, 1.5),
    st.floats(0, 3_000),
    st.floats(0, 0.3),
    st.floats(1.0, 1.5),
)
def test_economic_price_rises_with_oil_and_the_dollar(crude, fx, spread, share, constant, tax, up):
    base = economic_price(crude + 20, fx, spread, share, constant, tax)
    assert economic_price((crude + 20) * up, fx, spread, share, constant, tax) >= base
    assert economic_price(crude + 20, fx * up, spread, share, constant, tax) >= base
    # Linear in the crude price: the slope is share x fx / litres per barrel x (1 + tax).
    slope = economic_price(crude + 21, fx, spread, share, constant, tax) - base
    assert slope == pytest.approx(share * fx / LITRES_PER_BARREL * (1 + tax), rel=1e-6)


@given(st.floats(0, 1e10), st.floats(0, 30_000), st.floats(0, 30_000), st.floats(0, 5_000))
def test_fuel_support_covers_the_price_gap(litres, economic, retail, fixed):
    subsidy, compensation = fuel_support(litres, economic, retail, fixed)
    assert subsidy >= 0 and compensation >= 0
    # Together they cover at least the gap between the economic and the retail price.
    assert subsidy + compensation >= litres * (economic - retail) * (1 - 1e-12) - 1e-6
