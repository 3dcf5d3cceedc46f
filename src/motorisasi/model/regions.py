"""The nation's fleet shared out to its regions (provinces), top-down.

Each region ``r`` has a ceiling of registered vehicles per 1,000 people, higher where people are
richer and lower where they live more densely (as Dargay, Gately & Sommer (2007) let a country's
saturation level fall with density):

    gamma_r = gamma * (1 + a * ln(y_r / y_bar) - d * ln(D_r / D_bar))

with ``gamma`` the national ceiling, ``y_r`` income per person, ``D_r`` population density, and
``y_bar``, ``D_bar`` their population-weighted geometric means over the regions (the income and
density of the nation as its people live it; so the regions' population-weighted mean ceiling is
``gamma``). Two ways take every region from its base-year ownership ``v_r(b)`` towards its
ceiling, each adding up to the nation: :func:`logistic` (an S-curve per region, all moved by one
step a year; the default of a scenario's ``regions.model``) and :func:`headroom`, in which every
region closes the same fraction of the way to its ceiling:

    v_r(t) = gamma_r - (gamma_r - v_r(b)) * h(t)

and the one number ``h(t)`` per year is the one at which the regions' vehicles add up to the
nation's register ``V(t)``: with population shares ``p_r(t)`` and national ownership
``V(t) / P(t)``,

    h(t) = (sum_r p_r gamma_r - 1000 V / P) / sum_r p_r (gamma_r - v_r(b)).

So with :func:`headroom` a region far below its ceiling gains more vehicles per person than one
close to it, and a region with the nation's income, density and ownership follows the national
path (exactly, while the population shares stay those of the base year); with either, the regions
add up to the nation by construction. Units: ownership and ceilings in vehicles per 1,000
people; income and density in any unit (only ratios enter). Functions broadcast over leading
batch axes (draws) and put regions before years.

References
----------
Dargay, J., Gately, D. & Sommer, M. (2007). Vehicle ownership and income growth, worldwide:
1960-2030. *The Energy Journal* 28(4), 143-170.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError


def centred_log(values: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """``ln(x_r / x_bar)`` with ``x_bar`` the ``weights``-weighted geometric mean of ``values``
    (regions on the last axis; weights need not sum to one).

    >>> [round(float(v), 6) for v in centred_log([1.0, 4.0], [1.0, 1.0])]  # geometric mean 2
    [-0.693147, 0.693147]
    """
    x = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    if not np.all(np.isfinite(x)) or np.any(x <= 0):
        raise ParameterError(code="model.regions.geometric_mean")
    logs = np.log(x)
    return logs - np.sum(w * logs, axis=-1, keepdims=True) / np.sum(w, axis=-1, keepdims=True)


def ceilings(
    saturation: ArrayLike,
    income_log: ArrayLike,
    density_log: ArrayLike,
    income_weight: ArrayLike,
    density_weight: ArrayLike,
) -> NDArray[np.float64]:
    """Each region's ceiling ``saturation * (1 + a * income_log - d * density_log)``.

    Parameters
    ----------
    saturation : array_like
        The national ceiling ``gamma``, vehicles per 1,000 people (> 0).
    income_log, density_log : array_like
        ``ln(y_r / y_bar)`` and ``ln(D_r / D_bar)`` (:func:`centred_log`), regions on the last axis.
    income_weight, density_weight : array_like
        ``a`` and ``d`` (>= 0): how much a region's ceiling rises with its relative income and
        falls with its relative density, per unit of log.

    Returns
    -------
    numpy.ndarray
        Ceilings, vehicles per 1,000 people; regions on the last axis.

    >>> [round(float(c), 3) for c in ceilings(500.0, [0.0, 0.5], [0.0, 1.0], 0.2, 0.1)]
    [500.0, 500.0]
    """
    gamma = np.asarray(saturation, dtype=float)
    a = np.asarray(income_weight, dtype=float)
    d = np.asarray(density_weight, dtype=float)
    if not np.all(np.isfinite(gamma)) or np.any(gamma <= 0):
        raise ParameterError(code="model.regions.ceiling")
    if np.any(a < 0) or np.any(d < 0) or not np.all(np.isfinite(a)) or not np.all(np.isfinite(d)):
        raise ParameterError(code="model.regions.weights")
    return gamma[..., None] * (
        1.0 + a[..., None] * np.asarray(income_log, dtype=float) - d[..., None] * np.asarray(density_log)
    )


def headroom(
    national: ArrayLike, shares: ArrayLike, base: ArrayLike, ceiling: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each region's ownership when every region closes the same fraction of its headroom.

    Parameters
    ----------
    national : array_like
        National ownership ``1000 V(t) / P(t)``, vehicles per 1,000 people, shape ``(..., T)``.
    shares : array_like
        Population shares ``p_r(t)``, shape ``(..., R, T)``, summing to one over regions.
    base : array_like
        Base-year ownership ``v_r(b)``, vehicles per 1,000 people, shape ``(..., R)``.
    ceiling : array_like
        Ceilings ``gamma_r`` (:func:`ceilings`), shape ``(..., R)``, above ``base``.

    Returns
    -------
    ownership : numpy.ndarray
        ``v_r(t)``, shape ``(..., R, T)``; ``sum_r p_r v_r = national`` to rounding.
    h : numpy.ndarray
        The remaining fraction of the headroom, shape ``(..., T)``: 1 in the base year, falling
        while national ownership rises.

    Two regions of equal population, at 50 and 150 per 1,000 under a ceiling of 400; the nation
    goes from 100 to 150: h = (400 - 150) / (0.5 * 350 + 0.5 * 250) = 5/6, and the region with
    more headroom gains more (58.3 against 41.7 per 1,000).

    >>> v, h = headroom([100.0, 150.0], [[0.5, 0.5], [0.5, 0.5]], [50.0, 150.0], [400.0, 400.0])
    >>> v.round(6).tolist(), h.round(6).tolist()
    ([[50.0, 108.333333], [150.0, 191.666667]], [1.0, 0.833333])
    """
    o = np.asarray(national, dtype=float)
    p = np.asarray(shares, dtype=float)
    b = np.asarray(base, dtype=float)[..., None]
    g = np.asarray(ceiling, dtype=float)[..., None]
    room = np.sum(p * (g - b), axis=-2)
    h = (np.sum(p * g, axis=-2) - o) / room
    return g - (g - b) * h[..., None, :], h


def logistic(
    national: ArrayLike, shares: ArrayLike, base: ArrayLike, ceiling: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each region's ownership on its own S-curve, all moved by one common step a year.

    Every region's ownership follows a logistic curve towards its ceiling, from its base-year
    level, ``v_r(t) = gamma_r / (1 + (gamma_r / v_r(b) - 1) * exp(-s(t)))``, with one ``s(t)`` for
    all regions: the one at which they add up to national ownership,
    ``sum_r p_r v_r = national``. Far below its ceiling a region grows at about the same rate in
    per cent as every other (as ``same_ownership`` would have it); close to it, it slows down;
    when national ownership falls, every region falls along its curve and none below zero.
    ``s`` is found by safeguarded Newton steps (bisection where a step leaves the bracket), to a
    relative tolerance of 1e-13.

    Parameters
    ----------
    national : array_like
        National ownership, vehicles per 1,000 people, shape ``(..., T)``, between zero and the
        population-weighted mean of the ceilings.
    shares : array_like
        Population shares ``p_r(t)``, shape ``(..., R, T)``.
    base : array_like
        Base-year ownership ``v_r(b)`` (> 0), shape ``(..., R)``.
    ceiling : array_like
        Ceilings ``gamma_r`` (above ``base``), shape ``(..., R)``.

    Returns
    -------
    ownership : numpy.ndarray
        ``v_r(t)``, shape ``(..., R, T)``.
    s : numpy.ndarray
        The common step, shape ``(..., T)``: 0 in the base year.

    Two regions of equal population at 50 and 150 per 1,000 under a ceiling of 400 (so at
    log-odds ``ln(50/350)`` and ``ln(150/250)``); the nation goes from 100 to 150. Both move up
    their curves by the same ``s``, and the low region gains more in per cent:

    >>> v, s = logistic([100.0, 150.0], [[0.5, 0.5], [0.5, 0.5]], [50.0, 150.0], [400.0, 400.0])
    >>> round(float(v[:, 1].mean()), 9), bool(v[0, 1] / 50 > v[1, 1] / 150)
    (150.0, True)
    """
    o = np.asarray(national, dtype=float)
    p = np.asarray(shares, dtype=float)
    g = np.asarray(ceiling, dtype=float)[..., None]
    b = np.asarray(base, dtype=float)[..., None]
    odds = (g - b) / b  # (..., R, 1)
    shape = np.broadcast_shapes(o.shape, p.shape[:-2] + p.shape[-1:], odds.shape[:-2] + (1,))
    lo, hi = np.full(shape, -60.0), np.full(shape, 60.0)
    s = np.zeros(shape)
    for _ in range(200):
        e = np.exp(-s)[..., None, :]
        v = g / (1.0 + odds * e)
        f = np.sum(p * v, axis=-2) - o
        slope = np.sum(p * v * (1.0 - v / g), axis=-2)
        lo, hi = np.where(f < 0, s, lo), np.where(f > 0, s, hi)
        step = s - f / slope
        inside = (step > lo) & (step < hi) & np.isfinite(step)
        new = np.where(inside, step, 0.5 * (lo + hi))
        if np.all(np.abs(new - s) <= 1e-13 * np.maximum(1.0, np.abs(s))):
            s = new
            break
        s = new
    return g / (1.0 + odds * np.exp(-s)[..., None, :]), s


def shares_of(weights: ArrayLike) -> NDArray[np.float64]:
    """Weights as shares over regions (the second-last axis): each region's part of a total.

    >>> shares_of([[1.0], [3.0]]).ravel().tolist()
    [0.25, 0.75]
    """
    w = np.asarray(weights, dtype=float)
    return w / np.sum(w, axis=-2, keepdims=True)


def books(
    registered: ArrayLike,
    in_use_base: ArrayLike,
    sales: ArrayLike,
    removals: ArrayLike,
    retirements: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Each region's share of the year's sales and removals, and its fleet in use, that keep its books.

    A region's register holds its fleet in use and its vehicles out of use but still registered.
    Vehicles leave its roads in proportion to its share of the fleet in use a year before, and
    leave its register in proportion to its share of the vehicles out of use (the same age
    profile everywhere); its sales are what its register's change then requires,
    ``V_r(t) - V_r(t-1) + removals_r(t)`` (zero where that is negative), taken as a share of the
    national sales so that regions add up exactly; its removals are then what keeps its
    register's books, and its fleet in use follows from its sales and retirements.

    Parameters
    ----------
    registered : array_like
        Regional register, ``(..., R, T)``, the base year first.
    in_use_base : array_like
        Regional fleet in use in the base year, ``(..., R)``, at most the register.
    sales, removals, retirements : array_like
        National sales, removals from the register and from use, ``(..., T)``, vehicles per
        year (the base year's are not used).

    Returns
    -------
    sales_share : numpy.ndarray
        ``(..., R, T)``: each region's share of the year's sales (NaN in the base year).
    in_use : numpy.ndarray
        ``(..., R, T)``: the regional fleet in use.
    removal_share : numpy.ndarray
        ``(..., R, T)``: each region's share of the year's removals (NaN in the base year).

    Two regions with 100 registered and 90 in use each; one's register grows to 104. Of the
    nation's 6 removals each has 3 (equal vehicles out of use), so the first needs 4 + 3 = 7 of
    the 10 sales; each retires 2.5 of 5 (equal fleets in use):

    >>> register = [[100.0, 104.0], [100.0, 100.0]]
    >>> share, used, _ = books(register, [90.0, 90.0], [10.0, 10.0], [6.0, 6.0], [5.0, 5.0])
    >>> share[:, 1].round(12).tolist(), used[:, 1].round(12).tolist()
    ([0.7, 0.3], [94.5, 90.5])
    """
    reg = np.asarray(registered, dtype=float)
    sold_nat = np.asarray(sales, dtype=float)
    removed_nat = np.asarray(removals, dtype=float)
    retired_nat = np.asarray(retirements, dtype=float)
    shape = np.broadcast_shapes(reg.shape, sold_nat.shape[:-1] + (1, reg.shape[-1]))
    share = np.full(shape, np.nan)
    out_share = np.full(shape, np.nan)
    in_use = np.empty(shape)
    in_use[..., 0] = in_use_base
    for t in range(1, shape[-1]):  # a year depends on the year before: a short loop over years
        used, out = in_use[..., t - 1], reg[..., t - 1] - in_use[..., t - 1]
        removed = out / np.sum(out, axis=-1, keepdims=True) * removed_nat[..., t, None]
        retired = used / np.sum(used, axis=-1, keepdims=True) * retired_nat[..., t, None]
        # A register falling faster than its removals sells nothing; the rest leave its register.
        needed = np.maximum(reg[..., t] - reg[..., t - 1] + removed, 0.0)
        total = np.sum(needed, axis=-1, keepdims=True)
        share[..., t] = np.divide(needed, total, out=np.zeros_like(needed), where=total > 0)
        sold = share[..., t] * sold_nat[..., t, None]
        left = reg[..., t - 1] - reg[..., t] + sold
        out_share[..., t] = left / np.sum(left, axis=-1, keepdims=True)
        in_use[..., t] = used + sold - retired
    return share, in_use, out_share
