"""Vehicle ownership as a function of income.

The long-run ("desired") ownership level follows a Gompertz curve in income per capita, as in
Dargay & Gately (1999) and Dargay, Gately & Sommer (2007):

    V*(t) = gamma * exp(alpha * exp(beta * y(t)))

with ``V`` vehicles per 1,000 people, ``y`` GDP per capita, ``gamma`` the saturation level,
``alpha < 0`` and ``beta < 0`` the shape of the curve. Actual ownership adjusts towards it
with a lag (partial adjustment),

    V(t) = V(t-1) + theta * (V*(t) - V(t-1)),

where ``theta`` may differ between years of rising and of falling income (Dargay & Gately
found ownership falls more slowly than it rises). Dargay, Gately & Sommer let the saturation
level of each country fall with population density and urbanisation
(:func:`saturation_level`).

The paper's parameter estimates could not be confirmed from accessible copies, so motorisasi
does not ship them as defaults: parameters are estimated from data with
:mod:`motorisasi.model.ownership_fit`, and any value a user fixes is his assumption.

Units: ownership in vehicles per 1,000 people; income in thousands of constant 2021
international dollars (PPP) per person, so ``beta`` is per thousand dollars. All functions
broadcast over leading batch axes and put years on the last axis.

References
----------
Dargay, J. & Gately, D. (1999). Income's effect on car and vehicle ownership, worldwide:
1960-2015. *Transportation Research Part A* 33(2), 101-138.

Dargay, J., Gately, D. & Sommer, M. (2007). Vehicle ownership and income growth, worldwide:
1960-2030. *The Energy Journal* 28(4), 143-170.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError, Said
from motorisasi.model.checks import shown


def _positive(name: str, value: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError(code="model.ownership.positive", name=name, got=_show(arr))
    return arr


def _negative(name: str, value: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr >= 0):
        raise ParameterError(code="model.ownership.negative", name=name, got=_show(arr))
    return arr


def _show(arr: NDArray[np.float64]) -> Said | str:
    """The value of ``arr``, or the range of its values, as a parameter of an error."""
    if arr.size == 1:
        return shown(arr.item())
    low, high = np.nanmin(arr), np.nanmax(arr)
    text = f"values from {low:g} to {high:g}"
    return Said("model.values_from_to", {"low": shown(low), "high": shown(high)}, text)


def gompertz(
    income: ArrayLike, saturation: ArrayLike, alpha: ArrayLike, beta: ArrayLike
) -> NDArray[np.float64]:
    """Long-run ownership ``saturation * exp(alpha * exp(beta * income))``.

    Parameters
    ----------
    income : array_like
        GDP per capita, thousand constant 2021 international $ per person.
    saturation : array_like
        Saturation level ``gamma``, vehicles per 1,000 people (> 0).
    alpha : array_like
        Curvature ``alpha`` (< 0): at zero income ownership is ``saturation * exp(alpha)``.
    beta : array_like
        Income response ``beta`` (< 0), per thousand $.

    Returns
    -------
    numpy.ndarray
        Vehicles per 1,000 people, broadcast over the inputs.

    Examples
    --------
    >>> round(float(gompertz(10.0, 600.0, -5.0, -0.1)), 3)
    95.348
    """
    gamma = _positive("saturation", saturation)
    a = _negative("alpha", alpha)
    b = _negative("beta", beta)
    y = np.asarray(income, dtype=float)
    return gamma * np.exp(a * np.exp(b * y))


def gompertz_income(
    ownership: ArrayLike, saturation: ArrayLike, alpha: ArrayLike, beta: ArrayLike
) -> NDArray:
    """The income at which :func:`gompertz` gives ``ownership`` (its inverse).

    ``ownership`` must lie strictly between ``saturation * exp(alpha)`` (the level at zero
    income) and ``saturation``; outside that range the result is NaN.

    >>> round(float(gompertz_income(gompertz(12.5, 600.0, -5.0, -0.1), 600.0, -5.0, -0.1)), 9)
    12.5
    """
    gamma = _positive("saturation", saturation)
    a = _negative("alpha", alpha)
    b = _negative("beta", beta)
    v = np.asarray(ownership, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.log(v / gamma) / a
        y = np.log(inner) / b
    ok = (v > gamma * np.exp(a)) & (v < gamma)
    return np.where(ok, y, np.nan)


def logistic(income: ArrayLike, saturation: ArrayLike, midpoint: ArrayLike, steepness: ArrayLike) -> NDArray:
    """Long-run ownership ``saturation / (1 + exp(-steepness * (income - midpoint)))``.

    A symmetric S-curve: half the saturation level at ``midpoint`` (thousand $ per person),
    ``steepness`` per thousand $ (> 0).

    >>> float(logistic(20.0, 500.0, 20.0, 0.3))
    250.0
    """
    gamma = _positive("saturation", saturation)
    k = _positive("steepness", steepness)
    m = np.asarray(midpoint, dtype=float)
    y = np.asarray(income, dtype=float)
    return gamma / (1.0 + np.exp(-k * (y - m)))


def saturation_level(
    saturation: ArrayLike, shifts: ArrayLike = (), characteristics: ArrayLike = ()
) -> NDArray[np.float64]:
    """A country's saturation level ``saturation * exp(sum_k shifts_k * characteristics_k)``.

    Dargay, Gately & Sommer (2007) let the level fall with population density and urbanisation
    (linearly; the exponential keeps it positive for any characteristics, and makes a 0/1
    characteristic a level factor, e.g. for counts kept under another definition). ``shifts`` and
    ``characteristics`` have the characteristics on their last axis and broadcast over leading
    batch axes (draws); ``saturation`` broadcasts against the rest. Units: per 1,000 people.

    >>> round(float(saturation_level(800.0, [-0.5, 0.2], [1.0, 0.0])), 4)  # 800 * exp(-0.5)
    485.2245
    """
    level = np.asarray(saturation, dtype=float)
    s = np.asarray(shifts, dtype=float)
    if s.size:
        level = level * np.exp(np.sum(s * np.asarray(characteristics, dtype=float), axis=-1))
    return _positive("saturation level", level)


def partial_adjustment(
    target: ArrayLike,
    initial: ArrayLike,
    theta_rise: ArrayLike,
    theta_fall: ArrayLike | None = None,
    income: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Ownership that moves a share ``theta`` of the way to ``target`` each year.

    ``V[t] = V[t-1] + theta[t] * (target[t] - V[t-1])`` with ``V[-1] = initial``, for every
    year of ``target`` (years on the last axis). ``theta`` is ``theta_rise`` in years whose
    income is above the year before and ``theta_fall`` otherwise (both in (0, 1]); without
    ``income`` or ``theta_fall``, ``theta_rise`` is used throughout. The first year counts as
    rising.

    The loop runs over years only; every batch (countries, scenario draws) moves at once.

    >>> partial_adjustment([100.0, 100.0], initial=50.0, theta_rise=0.5).tolist()
    [75.0, 87.5]
    """
    v_star = np.asarray(target, dtype=float)
    if v_star.ndim == 0:
        raise ParameterError(code="model.ownership.target_axis")
    rise = np.asarray(theta_rise, dtype=float)
    fall = rise if theta_fall is None else np.asarray(theta_fall, dtype=float)
    for name, th in (("theta_rise", rise), ("theta_fall", fall)):
        if not np.all((th > 0) & (th <= 1)):
            raise ParameterError(code="model.ownership.speed", name=name, got=_show(th))
    rise_t = rise[..., None] if rise.ndim else rise
    fall_t = fall[..., None] if fall.ndim else fall
    if income is None or theta_fall is None:
        theta = rise_t
    else:
        y = np.asarray(income, dtype=float)
        up = np.concatenate([np.ones_like(y[..., :1], dtype=bool), np.diff(y, axis=-1) > 0], axis=-1)
        theta = np.where(up, rise_t, fall_t)
    try:
        shape = np.broadcast_shapes(v_star.shape, np.shape(theta), np.shape(initial) + (1,))
    except ValueError:
        raise ParameterError(
            code="model.ownership.shapes",
            target=v_star.shape,
            speeds=np.shape(theta),
            initial=np.shape(initial),
        ) from None
    v_star = np.broadcast_to(v_star, shape)
    theta = np.broadcast_to(theta, shape)
    out = np.empty(shape)
    previous = np.broadcast_to(np.asarray(initial, dtype=float), shape[:-1]).copy()
    for t in range(shape[-1]):
        previous = previous + theta[..., t] * (v_star[..., t] - previous)
        out[..., t] = previous
    return out
