"""Lifetime distributions and the survival curves of sales cohorts.

Conventions
-----------
A vehicle's lifetime ``L`` (years, from the moment it enters the fleet until it is
scrapped or otherwise leaves) is a random variable. The survival curve handed to the
stock engine (:mod:`motorisasi.model.stock`) is, for a cohort sold in year ``c``,

.. math::  S[a] = P(L > a + d), \\qquad a = 0, 1, \\dots, n_{ages} - 1,

the share of the cohort still in the fleet at the *end* of year ``c + a``. ``d`` is the
time from the vehicles' entry to the end of their sales year and is set by ``entry``:

=============  =====  ==========================================================
``entry``      d      meaning (and the equivalent in other stock models)
=============  =====  ==========================================================
``"end"``      0      vehicles enter on 31 December (ODYM; flodym ``inflow_at="end"``)
``"middle"``   0.5    vehicles enter on 1 July (default; flodym's default)
``"start"``    1      vehicles enter on 1 January (flodym ``inflow_at="start"``)
``"uniform"``  --     entries spread evenly over the year:
                      :math:`S[a] = \\int_0^1 P(L > a + u)\\,du`, computed exactly
a number       d      any offset ``0 <= d <= 1``
=============  =====  ==========================================================

With a normal lifetime of 15 +/- 5 years, ``"middle"`` gives a fleet up to about 3 %
smaller than ``"end"``: say which convention a published figure used before comparing.

The ``"uniform"`` curve uses the identity
:math:`\\int_0^x P(L > u)\\,du = x\\,P(L > x) + E[L; L \\le x]` with the closed-form
partial expectation :math:`E[L; L \\le x]` of each distribution, so it is exact (no
quadrature) up to floating-point rounding.

Distributions and parameters (all in years, except the dimensionless shapes):

- ``"normal"``: ``mean``, ``std``; ``truncate=True`` (default) conditions on ``L > 0``
  (:math:`S(x) = \\Phi((\\mu - x)/\\sigma) / \\Phi(\\mu/\\sigma)`), ``truncate=False`` gives
  the plain normal used by ODYM and flodym, whose ``S`` is below one at age zero
  (``S(0) = 0.99865`` for 15 +/- 5): that mass never enters the fleet.
- ``"lognormal"``: ``mean`` and ``std`` of the lifetime itself (not of its logarithm);
  :math:`\\sigma^2 = \\ln(1 + s^2/m^2)`, :math:`\\mu = \\ln m - \\sigma^2/2`
  (Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions*, vol. 1, 2nd ed.,
  Wiley 1994, ch. 14).
- ``"weibull"``: ``shape`` k and either ``scale`` :math:`\\lambda` or ``mean``
  (:math:`\\lambda = m / \\Gamma(1 + 1/k)`); :math:`S(x) = \\exp(-(x/\\lambda)^k)`.
- ``"gamma"``: ``shape`` k and ``scale`` :math:`\\theta`, or ``mean`` and ``std``
  (:math:`k = m^2/s^2`, :math:`\\theta = s^2/m`).
- ``"fixed"``: ``lifetime``: every vehicle leaves at exactly that age, :math:`S(x) = [x < L]`.
- ``"empirical"``: a table of ``ages`` (increasing, years) and ``survival`` at those ages;
  linear in between, :math:`S(0) = 1` is added when the table starts after age 0. The table
  must reach zero survival if ages past its end are needed.

Parameters broadcast against each other like numpy arrays: the curves have shape
``broadcast(parameters).shape + (n_ages,)``. An array of mean lifetimes of shape ``(N,)``
gives one curve per series; a lifetime that changes with the sales year, e.g. shape
``(..., C)`` for ``C`` cohorts, gives one curve per cohort, shape ``(..., C, n_ages)``, for
:func:`motorisasi.model.stock.inflow_driven` with ``cohort_survival=True``.

References
----------
Pauliuk, S. and Heeren, N. (2020). ODYM -- An open software framework for studying dynamic
material systems: Principles, implementation, and data structures. *Journal of Industrial
Ecology* 24(3), 446-458. https://doi.org/10.1111/jiec.12952

Example
-------
>>> import numpy as np
>>> s = survival_curve("fixed", 6, entry="end", lifetime=3)
>>> s.tolist()
[1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
>>> s = survival_curve("normal", 40, mean=[12.0, 18.0], std=4.0)
>>> s.shape
(2, 40)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from motorisasi.errors import ParameterError, Said
from motorisasi.model.checks import shown

DISTRIBUTIONS = ("normal", "lognormal", "weibull", "gamma", "fixed", "empirical")
ENTRY_OFFSETS = {"end": 0.0, "middle": 0.5, "start": 1.0}

# Each parametrisation: (accepted parameter sets, function returning S and its integral).
_PARAMETER_SETS: dict[str, tuple[frozenset[str], ...]] = {
    "normal": (frozenset({"mean", "std"}),),
    "lognormal": (frozenset({"mean", "std"}),),
    "weibull": (frozenset({"shape", "scale"}), frozenset({"shape", "mean"})),
    "gamma": (frozenset({"shape", "scale"}), frozenset({"mean", "std"})),
    "fixed": (frozenset({"lifetime"}),),
    "empirical": (frozenset({"ages", "survival"}),),
}

# Rounding slack when checking user-supplied curves.
_TOLERANCE = 1e-12

Curve = NDArray[np.float64]
# Given ages x (shape (A,)): S(x), and the integral of S from 0 to x; both (..., A).
_Evaluator = tuple[Callable[[Curve], Curve], Callable[[Curve], Curve]]


def at_index(value: float, index: tuple[int, ...] | None) -> Said | str:
    """``value`` as its ``repr``, followed by ``at index (i, j)`` when ``index`` is given: a parameter
    of an error (the words are the catalogue's, ``model.value_at_index``)."""
    number = shown(float(value), "r")
    if index is None:
        return number
    text = f"{float(value)!r} at index {index}"
    return Said("model.value_at_index", {"value": number, "index": index}, text)


def _describe_bad(arr: NDArray[np.float64], bad: NDArray[np.bool_]) -> Said | str:
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    value = arr[index] if arr.ndim else arr[()]
    return at_index(value, index if arr.ndim else None)


def _either(options: list[str]) -> Said | str:
    """``a or b or c``, in the reader's language."""
    if len(options) == 1:
        return options[0]
    return Said("model.or", {"first": options[0], "second": _either(options[1:])}, " or ".join(options))


def _param(where: str, name: str, value: ArrayLike, *, positive: bool = True) -> Curve:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(
            code="model.survival.not_numbers", where=where, name=name, value=repr(value)
        ) from None
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ParameterError(code="model.not_finite", where=where, name=name, got=_describe_bad(arr, bad))
    if positive:
        bad = arr <= 0
        if bad.any():
            raise ParameterError(
                code="model.survival.not_positive", where=where, name=name, got=_describe_bad(arr, bad)
            )
    return arr


def _col(arr: Curve) -> Curve:
    """Append an age axis so a parameter broadcasts against ages of shape (A,)."""
    return arr[..., np.newaxis]


def _normal(where: str, p: dict[str, ArrayLike], truncate: bool) -> _Evaluator:
    mean = _col(_param(where, "mean", p["mean"]))
    std = _col(_param(where, "std", p["std"]))
    mass = special.ndtr(mean / std) if truncate else 1.0

    def sf(x: Curve) -> Curve:
        # In place where the shapes allow: this is the hot path of large batched runs.
        curve = np.subtract(mean, x)
        fits = np.broadcast_shapes(curve.shape, std.shape) == curve.shape
        curve = np.divide(curve, std, out=curve if fits else None)
        special.ndtr(curve, out=curve)
        if truncate:
            curve /= mass
        return curve

    def integral(x: Curve) -> Curve:
        def antiderivative(y: Curve | float) -> Curve:
            # x S(x) + E[L; L <= x] for the (untruncated) normal.
            z = (y - mean) / std
            tail = special.ndtr(-z)
            return y * tail + mean * special.ndtr(z) - std * np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)

        return (antiderivative(x) - antiderivative(0.0)) / mass

    return sf, integral


def _lognormal(where: str, p: dict[str, ArrayLike]) -> _Evaluator:
    mean = _col(_param(where, "mean", p["mean"]))
    std = _col(_param(where, "std", p["std"]))
    sigma2 = np.log1p((std / mean) ** 2)
    sigma = np.sqrt(sigma2)
    mu = np.log(mean) - sigma2 / 2

    def sf(x: Curve) -> Curve:
        with np.errstate(divide="ignore"):
            return special.ndtr((mu - np.log(x)) / sigma)

    def integral(x: Curve) -> Curve:
        with np.errstate(divide="ignore"):
            partial_mean = mean * special.ndtr((np.log(x) - mu - sigma2) / sigma)
        return x * sf(x) + partial_mean

    return sf, integral


def _weibull(where: str, p: dict[str, ArrayLike]) -> _Evaluator:
    shape = _col(_param(where, "shape", p["shape"]))
    if "scale" in p:
        scale = _col(_param(where, "scale", p["scale"]))
        mean = scale * special.gamma(1 + 1 / shape)
    else:
        mean = _col(_param(where, "mean", p["mean"]))
        scale = mean / special.gamma(1 + 1 / shape)

    def sf(x: Curve) -> Curve:
        return np.exp(-((x / scale) ** shape))

    def integral(x: Curve) -> Curve:
        return x * sf(x) + mean * special.gammainc(1 + 1 / shape, (x / scale) ** shape)

    return sf, integral


def _gamma(where: str, p: dict[str, ArrayLike]) -> _Evaluator:
    if "shape" in p:
        shape = _col(_param(where, "shape", p["shape"]))
        scale = _col(_param(where, "scale", p["scale"]))
    else:
        mean = _col(_param(where, "mean", p["mean"]))
        std = _col(_param(where, "std", p["std"]))
        shape = (mean / std) ** 2
        scale = std**2 / mean

    def sf(x: Curve) -> Curve:
        return special.gammaincc(shape, x / scale)

    def integral(x: Curve) -> Curve:
        return x * sf(x) + shape * scale * special.gammainc(shape + 1, x / scale)

    return sf, integral


def _fixed(where: str, p: dict[str, ArrayLike]) -> _Evaluator:
    lifetime = _col(_param(where, "lifetime", p["lifetime"]))

    def sf(x: Curve) -> Curve:
        return (x < lifetime).astype(float)

    def integral(x: Curve) -> Curve:
        return np.minimum(x, lifetime)

    return sf, integral


def _empirical(where: str, p: dict[str, ArrayLike]) -> _Evaluator:
    ages = _param(where, "ages", p["ages"], positive=False)
    values = _param(where, "survival", p["survival"], positive=False)
    if ages.ndim != 1 or ages.size < 1:
        raise ParameterError(code="model.survival.ages_shape", where=where, shape=ages.shape)
    if values.ndim < 1 or values.shape[-1] != ages.size:
        raise ParameterError(code="model.survival.values_shape", where=where, n=ages.size, shape=values.shape)
    if ages[0] < 0:
        raise ParameterError(code="model.survival.ages_negative", where=where, got=at_index(ages[0], None))
    steps = np.diff(ages)
    if (steps <= 0).any():
        raise ParameterError(
            code="model.survival.ages_not_increasing", where=where, got=_describe_bad(ages[1:], steps <= 0)
        )
    validate_survival(values, name="survival", where=where)
    if ages[0] > 0:
        ages = np.concatenate([[0.0], ages])
        values = np.concatenate([np.ones((*values.shape[:-1], 1)), values], axis=-1)
    # Slope of each segment (a one-point table has none: its curve is constant).
    slope = np.diff(values, axis=-1) / np.diff(ages) if ages.size > 1 else np.zeros(values.shape)
    # Cumulative integral at the knots (trapezoid is exact for piecewise-linear curves).
    knots_integral = np.concatenate(
        [
            np.zeros((*values.shape[:-1], 1)),
            np.cumsum(np.diff(ages) * (values[..., 1:] + values[..., :-1]) / 2, -1),
        ],
        axis=-1,
    )

    def locate(x: Curve) -> tuple[Curve, NDArray[np.intp], Curve]:
        end = ages[-1]
        if x.size and x.max() > end and (values[..., -1] > 0).any():
            raise ParameterError(
                code="model.survival.table_short",
                where=where,
                end=shown(end),
                last=shown(float(values[..., -1].max())),
                needed=shown(float(x.max())),
            )
        inside = np.minimum(x, end)
        k = np.clip(np.searchsorted(ages, inside, side="right") - 1, 0, max(ages.size - 2, 0))
        return inside, k, values[..., k] + slope[..., k] * (inside - ages[k])

    def sf(x: Curve) -> Curve:
        # Past the end the table is at its last value, which locate() has checked is zero.
        return locate(x)[2]

    def integral(x: Curve) -> Curve:
        inside, k, curve = locate(x)
        return knots_integral[..., k] + (inside - ages[k]) * (values[..., k] + curve) / 2

    return sf, integral


def survival_curve(
    distribution: str,
    n_ages: int,
    *,
    entry: str | float = "middle",
    truncate: bool = True,
    **params: ArrayLike,
) -> Curve:
    """Survival curve ``S[..., a] = P(lifetime > a + d)`` of a lifetime distribution.

    Parameters
    ----------
    distribution
        One of ``"normal"``, ``"lognormal"``, ``"weibull"``, ``"gamma"``, ``"fixed"``,
        ``"empirical"`` (see the module docstring for their parameters).
    n_ages
        Number of ages ``a = 0 .. n_ages - 1`` (years) to evaluate; a stock run of ``T``
        years needs at least ``T``.
    entry
        When in their sales year vehicles enter the fleet: ``"end"`` (d = 0), ``"middle"``
        (d = 0.5, default), ``"start"`` (d = 1), ``"uniform"`` (average over the year) or a
        number ``d`` in [0, 1] (years).
    truncate
        Normal distribution only: condition on a positive lifetime (default) or use the plain
        normal (``False``) as ODYM and flodym do.
    **params
        Distribution parameters in years (shapes are dimensionless); scalars or arrays that
        broadcast together.

    Returns
    -------
    numpy.ndarray
        Survival shares (dimensionless, in [0, 1], non-increasing along the last axis) of
        shape ``broadcast(params).shape + (n_ages,)``.

    Raises
    ------
    ParameterError
        On an unknown distribution, entry or parameter, a missing parameter, or a value out
        of range (non-positive mean, std, scale, shape or lifetime; a malformed table).
    """
    where = f"survival_curve({distribution!r})"
    if distribution not in _PARAMETER_SETS:
        raise ParameterError(
            code="model.survival.unknown_distribution", known=", ".join(DISTRIBUTIONS), got=repr(distribution)
        )
    given = frozenset(params)
    accepted = _PARAMETER_SETS[distribution]
    if given not in accepted:
        options = _either(["(" + ", ".join(sorted(s)) + ")" for s in accepted])
        raise ParameterError(
            code="model.survival.parameters", where=where, options=options, given=", ".join(sorted(given))
        )
    if truncate is not True and distribution != "normal":
        raise ParameterError(code="model.survival.truncate", where=where)
    if isinstance(n_ages, bool) or not isinstance(n_ages, (int, np.integer)) or n_ages < 1:
        raise ParameterError(code="model.survival.n_ages", where=where, got=repr(n_ages))

    builders: dict[str, Callable[[str, dict[str, ArrayLike]], _Evaluator]] = {
        "normal": lambda w, p: _normal(w, p, truncate),
        "lognormal": _lognormal,
        "weibull": _weibull,
        "gamma": _gamma,
        "fixed": _fixed,
        "empirical": _empirical,
    }
    sf, integral = builders[distribution](where, params)
    ages = np.arange(n_ages, dtype=float)

    if isinstance(entry, str):
        if entry == "uniform":
            curve = np.diff(integral(np.arange(n_ages + 1, dtype=float)), axis=-1)
            # Differences of nearly equal integrals can leave rounding noise in the tail.
            curve = np.minimum.accumulate(np.clip(curve, 0.0, 1.0), axis=-1)
            return curve
        if entry not in ENTRY_OFFSETS:
            raise ParameterError(code="model.survival.entry", where=where, got=repr(entry))
        offset = ENTRY_OFFSETS[entry]
    else:
        offset = float(_param(where, "entry", entry, positive=False))
        if not 0.0 <= offset <= 1.0:
            raise ParameterError(code="model.survival.entry_range", where=where, got=shown(offset, "r"))
    curve = sf(ages + offset)
    return np.clip(curve, 0.0, 1.0, out=curve)


def validate_survival(survival: ArrayLike, *, name: str = "survival", where: str = "survival") -> Curve:
    """Check that ``survival`` is a survival curve along its last axis and return it as floats.

    Values must be finite, within [0, 1] and non-increasing with age (up to 1e-12 for
    rounding). Raises :class:`~motorisasi.errors.ParameterError` naming the first bad value.
    """
    arr = _param(where, name, survival, positive=False)
    if arr.ndim < 1 or arr.shape[-1] < 1:
        raise ParameterError(code="model.survival.no_age_axis", where=where, name=name, shape=arr.shape)
    bad = (arr < -_TOLERANCE) | (arr > 1 + _TOLERANCE)
    if bad.any():
        raise ParameterError(
            code="model.survival.outside_unit", where=where, name=name, got=_describe_bad(arr, bad)
        )
    rises = np.diff(arr, axis=-1) > _TOLERANCE
    if rises.any():
        index = tuple(int(i) for i in np.argwhere(rises)[0])
        after = (*index[:-1], index[-1] + 1)
        raise ParameterError(
            code="model.survival.rises",
            where=where,
            name=name,
            before=shown(float(arr[index]), "r"),
            after=shown(float(arr[after]), "r"),
            index=after,
        )
    return arr
