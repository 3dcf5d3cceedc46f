"""Powertrain shares of new sales: S-curves, Bass diffusion, explicit paths and absolute targets.

Every function works on years on the last axis and broadcasts over leading batch axes
(segments, scenario draws). Shares are fractions of a year's new sales.

- :func:`logistic_share`: ``floor + (ceiling - floor) / (1 + exp(-steepness * (year - midpoint)))``.
- :func:`bass_share`: the Bass (1969) diffusion curve, ``ceiling * F(year - start)`` with
  ``F(t) = (1 - exp(-(p + q) t)) / (1 + (q / p) exp(-(p + q) t))`` for ``t >= 0`` (0 before
  ``start``), where ``p`` is the coefficient of innovation and ``q`` of imitation (per year).
- :func:`interpolate_path`: a share (or a number of vehicles) given at some years, linear in
  between and flat outside.
- :func:`absolute_to_share`: vehicles of one powertrain (e.g. a production target) as a share
  of each year's total sales, flagged where the target exceeds total sales.
- :func:`complete_shares`: the shares of all powertrains from those of the alternatives, the
  residual (usually ICE) taking what is left; where the alternatives add up to more than one
  they are scaled down to one and the years are flagged.

References
----------
Bass, F. M. (1969). A new product growth for model consumer durables. *Management Science*
15(5), 215-227.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown

Array = NDArray[np.float64]


def _share_param(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    if not np.all((arr >= 0) & (arr <= 1)):
        raise ParameterError(
            code="model.adoption.share", name=name, low=shown(arr.min()), high=shown(arr.max())
        )
    return arr


def logistic_share(
    years: ArrayLike,
    midpoint: ArrayLike,
    steepness: ArrayLike,
    ceiling: ArrayLike = 1.0,
    floor: ArrayLike = 0.0,
) -> Array:
    """A logistic S-curve of the share of sales, from ``floor`` to ``ceiling``.

    ``midpoint`` is the year of half-way adoption, ``steepness`` per year (> 0).

    >>> logistic_share([2030], midpoint=2030, steepness=0.5, ceiling=0.8).tolist()
    [0.4]
    """
    k = np.asarray(steepness, dtype=float)
    if np.any(k <= 0):
        raise ParameterError(code="model.adoption.steepness", got=shown(k.min()))
    top = _share_param("ceiling", ceiling)
    bottom = _share_param("floor", floor)
    t = np.asarray(years, dtype=float)
    m = np.asarray(midpoint, dtype=float)[..., None]
    return bottom[..., None] + (top - bottom)[..., None] / (1.0 + np.exp(-k[..., None] * (t - m)))


def bass_share(
    years: ArrayLike, start: ArrayLike, p: ArrayLike, q: ArrayLike, ceiling: ArrayLike = 1.0
) -> Array:
    """The Bass diffusion curve as a share of sales: ``ceiling * F(year - start)``.

    By hand: exp(-0.43 * 10) = 0.013569, so F = (1 - 0.013569) / (1 + 13.333 * 0.013569) = 0.83531.

    >>> round(float(bass_share([2030], start=2020, p=0.03, q=0.4)[0]), 5)
    0.83531
    """
    pp = np.asarray(p, dtype=float)
    qq = np.asarray(q, dtype=float)
    if np.any(pp <= 0) or np.any(qq < 0):
        raise ParameterError(code="model.adoption.bass", p=shown(pp.min()), q=shown(qq.min()))
    top = _share_param("ceiling", ceiling)
    t = np.asarray(years, dtype=float) - np.asarray(start, dtype=float)[..., None]
    rate = (pp + qq)[..., None]
    decay = np.exp(-rate * np.clip(t, 0, None))
    f = (1.0 - decay) / (1.0 + (qq / pp)[..., None] * decay)
    return top[..., None] * np.where(t > 0, f, 0.0)


def interpolate_path(years: ArrayLike, at_years: ArrayLike, values: ArrayLike) -> Array:
    """Values given at ``at_years`` (increasing), linear in between, flat before and after.

    >>> interpolate_path([2024, 2025, 2027, 2031], [2025, 2030], [0.1, 0.6]).round(12).tolist()
    [0.1, 0.1, 0.3, 0.6]
    """
    x = np.asarray(at_years, dtype=float)
    v = np.asarray(values, dtype=float)
    if x.ndim != 1 or len(x) == 0 or np.any(np.diff(x) <= 0):
        raise ParameterError(code="model.adoption.path_years")
    if v.shape[-1] != len(x):
        raise ParameterError(code="model.adoption.path_values", years=len(x), values=v.shape[-1])
    t = np.asarray(years, dtype=float)
    flat = v.reshape(-1, len(x))
    out = np.stack([np.interp(t, x, row) for row in flat])
    return out.reshape(v.shape[:-1] + t.shape)


def absolute_to_share(units: ArrayLike, total_sales: ArrayLike) -> tuple[Array, NDArray[np.bool_]]:
    """Vehicles of one powertrain as a share of total sales; share capped at 1, flagged where capped.

    >>> share, over = absolute_to_share([50.0, 150.0], [100.0, 100.0])
    >>> share.tolist(), over.tolist()
    ([0.5, 1.0], [False, True])
    """
    u = np.asarray(units, dtype=float)
    total = np.asarray(total_sales, dtype=float)
    if np.any(u < 0) or np.any(total < 0):
        raise ParameterError(code="model.adoption.units_negative")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, u / total, 0.0)
    over = share > 1.0
    return np.minimum(share, 1.0), over


def complete_shares(alternatives: ArrayLike, axis: int = -2) -> tuple[Array, NDArray[np.bool_]]:
    """All shares from the alternatives' shares: the residual first, then the alternatives.

    ``alternatives`` has the alternatives (e.g. HEV, PHEV, BEV) on ``axis`` and years last.
    Returns shares with the residual (ICE) inserted at index 0 of ``axis``, summing to one
    along it, and a mask (batch + years) of years where the alternatives exceeded one and
    were scaled down.

    >>> shares, scaled = complete_shares([[0.2, 0.7], [0.1, 0.5]])
    >>> shares.round(6).tolist(), scaled.tolist()
    ([[0.7, 0.0], [0.2, 0.583333], [0.1, 0.416667]], [False, True])
    """
    alt = np.asarray(alternatives, dtype=float)
    if np.any(alt < 0):
        raise ParameterError(code="model.adoption.shares_negative")
    axis = axis % alt.ndim
    total = alt.sum(axis=axis, keepdims=True)
    scaled = np.squeeze(total > 1.0, axis=axis)
    alt = np.where(total > 1.0, alt / np.where(total > 0, total, 1.0), alt)
    residual = 1.0 - alt.sum(axis=axis, keepdims=True)
    return np.concatenate([np.clip(residual, 0.0, None), alt], axis=axis), scaled
