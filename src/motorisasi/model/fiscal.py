"""What fuel prices and vehicle tax incentives cost the budget.

Economic price of a fuel, in the form of Indonesia's basic-price formula (the energy minister's
decrees on the *harga dasar* of fuels, e.g. Kepmen ESDM 62.K/12/MEM/2020 and 245.K/MG.01/MEM.M/2022
for general fuels, 148.K/12/MEM/2020 and 439.K/MG.01/MEM.M/2023 for Solar): a share of the
market index price (*harga indeks pasar*, HIP: the Singapore product quotation, MOPS or Argus)
plus a constant for distribution and margin, plus value-added and regional fuel taxes:

    product   = crude + spread                                    (US$ per barrel)
    basic     = share x product x idr_per_usd / 158.987 + constant (rupiah per litre)
    economic  = basic x (1 + tax)                                 (rupiah per litre, retail-equivalent)

The product quotation is written as the crude price plus a refining spread so that a scenario
can move the oil price (Indonesian crude price, ICP, or Brent) and the exchange rate.

Support per litre sold at the set retail price (rupiah per litre):

    subsidy       = the fixed subsidy per litre (Solar: a budget parameter, Rp 500-2,000)
    compensation  = max(economic - retail - subsidy, 0)   (paid to the supplier for the gap)

One barrel is 158.987294928 litres (42 US gallons of 3.785411784 litres).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import non_negative as _non_negative

Array = NDArray[np.float64]
LITRES_PER_BARREL = 158.987294928


def economic_price(
    crude_usd_per_bbl: ArrayLike,
    idr_per_usd: ArrayLike,
    spread_usd_per_bbl: ArrayLike = 0.0,
    index_share: ArrayLike = 1.0,
    constant_idr_per_l: ArrayLike = 0.0,
    tax_share: ArrayLike = 0.0,
) -> Array:
    """Economic (retail-equivalent) price of a fuel, rupiah per litre, from the crude price.

    Parameters
    ----------
    crude_usd_per_bbl
        Crude oil price, US$ per barrel.
    idr_per_usd
        Exchange rate, rupiah per US dollar.
    spread_usd_per_bbl
        Product quotation minus the crude price (the refining spread), US$ per barrel; may be
        negative.
    index_share
        Share of the product quotation in the basic price (e.g. 0.9921 for RON 90 gasoline
        priced off the 92 quotation).
    constant_idr_per_l
        Distribution cost and margin added to the basic price, rupiah per litre.
    tax_share
        Value-added plus regional fuel tax on the basic price (0.16 for 11 % + 5 %).

    >>> round(float(economic_price(80, 15_000, 10, 1.0, 868, 0.16)), 6)
    10856.723666
    """
    crude = np.asarray(crude_usd_per_bbl, dtype=float)
    fx = _non_negative("idr_per_usd", idr_per_usd)
    product = crude + np.asarray(spread_usd_per_bbl, dtype=float)
    if np.any(product < 0):
        raise ParameterError(code="model.fiscal.product_price")
    basic = _non_negative("index_share", index_share) * product * fx / LITRES_PER_BARREL + np.asarray(
        constant_idr_per_l, dtype=float
    )
    return basic * (1.0 + _non_negative("tax_share", tax_share))


def fuel_support(
    litres: ArrayLike, economic: ArrayLike, retail: ArrayLike, fixed_subsidy: ArrayLike = 0.0
) -> tuple[Array, Array]:
    """Subsidy and compensation (rupiah) for litres sold at a set retail price.

    The fixed subsidy is paid on every litre; compensation covers what remains of the gap
    between the economic and the retail price, and is never negative (a retail price above
    the economic one is not refunded to the budget).

    >>> subsidy, compensation = fuel_support(1e6, 11_250, 6_800, 1_000)
    >>> float(subsidy), float(compensation)
    (1000000000.0, 3450000000.0)
    """
    vol = _non_negative("litres", litres)
    fixed = _non_negative("fixed subsidy", fixed_subsidy)
    gap = np.asarray(economic, dtype=float) - np.asarray(retail, dtype=float) - fixed
    return vol * fixed, vol * np.maximum(gap, 0.0)


def tax_forgone(vehicles: ArrayLike, per_vehicle: ArrayLike) -> Array:
    """Revenue forgone by a tax incentive: vehicles x tax forgone per vehicle (currency)."""
    return _non_negative("vehicles", vehicles) * np.asarray(per_vehicle, dtype=float)
