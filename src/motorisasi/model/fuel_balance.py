"""The fleet's fuel use reconciled with the fuel sold: one scale factor per fuel, within bounds.

The fleet model gives road fuel use ``M[t]`` (vehicles in use x km x energy per km); the
national statistics give the fuel sold for road use ``R[t]``. Distance driven is the least
known factor of the product (surveys of the same vehicles differ by a factor of up to three),
and fuel use is linear in it, so the reconciliation scales the distance driven of every segment
burning the fuel by one factor ``k``, chosen to minimise the squared log ratios over the
calibration years:

    k* = exp( mean_t log(R[t] / M[t]) )                (the geometric mean of the ratios)

and held within the bounds the published distances allow, ``low <= k <= high``. When the
bound binds, the fleet cannot explain the fuel sold at any published distance: the remainder
``R[t] - k M[t]`` is reported as an unexplained volume (diesel burnt off the road, fuel sold
but not to the fleet modelled) rather than hidden in a distance outside its evidence.

A multiplicative factor in log space is the usual choice for positive quantities whose error
grows with their level; see Hyndman, R. J. and Athanasopoulos, G., *Forecasting: Principles and
Practice* (3rd ed., OTexts 2021), sec. 5.8 (scale-free errors), and Tarantola, A., *Inverse
Problem Theory* (SIAM 2005), ch. 1 (log parameters for positive quantities).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown

Array = NDArray[np.float64]


@dataclass(frozen=True)
class ScaleFit:
    """A fitted scale factor and what it leaves unexplained (plain numbers, years in order).

    ``factor`` is the one applied (within ``[low, high]``); ``unbounded`` the best one without
    bounds; ``bound`` is ``"low"``/``"high"`` when a bound binds, else ``None``. ``ratio`` is
    ``factor x modelled / reference`` per calibration year and ``unexplained`` the reference
    minus the scaled model (positive: fuel sold that the fleet does not burn).
    """

    factor: float
    unbounded: float
    low: float
    high: float
    bound: str | None
    years: tuple[int, ...]
    ratio: tuple[float, ...]
    unexplained: tuple[float, ...]

    @property
    def max_abs_error_pct(self) -> float:
        return float(max(abs(r - 1) for r in self.ratio) * 100) if self.ratio else float("nan")


def fit_scale(
    modelled: ArrayLike,
    reference: ArrayLike,
    years: ArrayLike,
    low: float = 0.0,
    high: float = np.inf,
) -> ScaleFit:
    """The factor ``k`` that best matches ``k x modelled`` to ``reference`` in log space, bounded.

    Parameters
    ----------
    modelled, reference
        Positive values for the same years (any unit, the same for both).
    years
        The calibration years, for the record.
    low, high
        Bounds of the factor (``0 <= low <= high``), e.g. the published range of the distance
        driven over the assumed distance.

    >>> fit = fit_scale([10.0, 20.0], [12.0, 24.0], [2019, 2020])
    >>> round(fit.factor, 12), fit.bound
    (1.2, None)
    >>> fit = fit_scale([10.0, 20.0], [12.0, 24.0], [2019, 2020], high=1.1)
    >>> fit.factor, fit.bound, [round(u, 9) for u in fit.unexplained]
    (1.1, 'high', [1.0, 2.0])
    """
    m = np.asarray(modelled, dtype=float)
    r = np.asarray(reference, dtype=float)
    y = tuple(int(v) for v in np.asarray(years).ravel())
    if m.shape != r.shape or m.ndim != 1 or len(y) != m.size:
        raise ParameterError(code="model.fuel_balance.shapes")
    if m.size == 0:
        raise ParameterError(code="model.fuel_balance.empty")
    if not (np.all(np.isfinite(m)) and np.all(np.isfinite(r)) and np.all(m > 0) and np.all(r > 0)):
        raise ParameterError(code="model.fuel_balance.values")
    if not (0 <= low <= high) or not np.isfinite(low) or np.isnan(high):
        raise ParameterError(code="model.fuel_balance.bounds", low=shown(low), high=shown(high))
    factor, unbounded = (float(v) for v in scale_factors(m, r, low, high))
    bound = "low" if unbounded < low else "high" if unbounded > high else None
    return ScaleFit(
        factor=factor,
        unbounded=unbounded,
        low=float(low),
        high=float(high),
        bound=bound,
        years=y,
        ratio=tuple(float(v) for v in factor * m / r),
        unexplained=tuple(float(v) for v in r - factor * m),
    )


def scale_factors(modelled: ArrayLike, reference: ArrayLike, low: ArrayLike = 0.0, high: ArrayLike = np.inf):
    """:func:`fit_scale`'s factor and its unbounded value for many series at once: the years on
    the last axis of ``modelled`` and ``reference`` (positive; not checked here), any leading
    axes (draws) kept; returns ``(factor, unbounded)``, each of the leading shape."""
    m = np.asarray(modelled, dtype=float)
    r = np.asarray(reference, dtype=float)
    unbounded = np.exp(np.mean(np.log(r / m), axis=-1))
    return np.minimum(np.maximum(unbounded, low), high), unbounded


def common_bounds(nominal: ArrayLike, low: ArrayLike, high: ArrayLike) -> tuple[float, float]:
    """Bounds of one factor applied to several assumed values, each with a published range.

    The factor must keep every scaled value inside its own range: the tightest of
    ``low / nominal`` and ``high / nominal`` over the values.

    >>> [round(b, 6) for b in common_bounds([10_600, 9_510], [10_600, 9_510], [21_347, 27_092])]
    [1.0, 2.013868]
    """
    n = np.asarray(nominal, dtype=float)
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    if n.size == 0 or np.any(n <= 0) or np.any(lo < 0) or np.any(hi < lo):
        raise ParameterError(code="model.fuel_balance.ranges")
    a, b = float(np.max(lo / n)), float(np.min(hi / n))
    if a > b:
        raise ParameterError(code="model.fuel_balance.no_common_factor")
    return a, b
