"""Targets: when a path reaches a level, and what it takes to reach a level by a given year.

All functions broadcast over leading batch axes (countries, scenario draws, ...) with years on
the last axis, like the stock engine, and solve every batch member at once (vectorised
bisection on monotone functions, no loop over series).

- :func:`first_year_reaching`: the first year a projected path reaches a target.
- :func:`required_sales`: the sales path that brings the fleet to a target stock in a target
  year, by inverting the inflow-driven stock model, either at a constant growth rate from the
  latest sales (``shape="growth"``) or as the smoothest path (least sum of squared year-on-year
  changes, ``shape="smooth"``), with year-on-year growth bounds and the retirements it implies.
- :func:`sales_per_point`: extra sales in a year per extra vehicle per 1,000 people that year.
- :func:`required_income_growth`: the constant growth of income per capita under which the
  ownership model reaches a target ownership in the target year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown
from motorisasi.model.ownership import gompertz, partial_adjustment
from motorisasi.model.stock import inflow_driven

Array = NDArray[np.float64]


def first_year_reaching(path: ArrayLike, target: ArrayLike, years: ArrayLike) -> Array:
    """The first year in which ``path >= target``; NaN where it never does.

    ``path`` has years on the last axis (labelled by ``years``); ``target`` broadcasts
    against the batch shape.

    >>> first_year_reaching([[90, 120, 160], [90, 95, 99]], 150, [2025, 2030, 2035]).tolist()
    [2035.0, nan]
    """
    p = np.asarray(path, dtype=float)
    y = np.asarray(years, dtype=float)
    if p.shape[-1] != y.shape[-1]:
        raise ParameterError(code="model.targets.path_years", path=p.shape[-1], years=y.shape[-1])
    reached = p >= np.asarray(target, dtype=float)[..., None]
    first = np.argmax(reached, axis=-1)
    return np.where(reached.any(axis=-1), y[first], np.nan)


def _bisect(
    func: Callable[[Array], Array], goal: Array, lo: Array, hi: Array, iterations: int = 200
) -> Array:
    """x in [lo, hi] with func(x) = goal for an increasing func, elementwise (bracket assumed)."""
    lo, hi = np.array(lo, dtype=float), np.array(hi, dtype=float)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        below = func(mid) < goal
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
        if np.all(hi - lo <= 4 * np.finfo(float).eps * np.maximum(1.0, np.abs(mid))):
            break
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class RequiredSales:
    """A sales path to a target stock; arrays have the batch shape (+ years).

    Attributes
    ----------
    sales, stock, retirements
        Vehicles/yr, vehicles (end of year) and vehicles/yr for the years after the base
        year up to the target year, shape ``batch + (N,)``; NaN where infeasible.
    growth
        Year-on-year growth of sales: constant for ``shape="growth"``, the largest for
        ``shape="smooth"``; fraction per year, shape ``batch``.

    For a single series (batch shape ``()``) ``growth``, ``needed_growth``, ``feasible`` and
    ``reason`` are plain Python numbers, bool and str.
    needed_growth
        The constant growth rate the target needs, even when it is outside the bounds
        (NaN if not even unbounded growth reaches it); shape ``batch``.
    feasible
        Whether the path respects the bounds and has no negative sales, shape ``batch``.
    reason
        Why a path is infeasible, as a code ("" where feasible), shape ``batch``:
        ``no_sales_needed`` (the fleet left from today already reaches the target),
        ``unreachable`` (no sales growth reaches it), ``beyond_bounds`` (the smooth path cannot
        stay within the bounds; ``reason_growth`` is the constant rate it would take),
        ``above_bound`` or ``below_bound`` (``reason_growth`` is the growth that breaks the bound).
    reason_growth
        The growth rate the reason quotes, fraction per year (NaN where none), shape ``batch``.
    bounds
        The (upper, lower) bounds on year-on-year growth the path was asked to respect.
    """

    sales: Array
    stock: Array
    retirements: Array
    growth: Array | float
    needed_growth: Array | float
    feasible: NDArray[np.bool_] | bool
    reason: NDArray[np.object_] | str
    reason_growth: Array | float
    bounds: tuple[float, float]


def _weights(survival: Array, n_years: int) -> Array:
    """w[..., t]: share of the sales of year t (0-based after the base year) left in year N-1."""
    if survival.shape[-1] < n_years:
        pad = np.zeros((*survival.shape[:-1], n_years - survival.shape[-1]))
        survival = np.concatenate([survival, pad], axis=-1)
    return survival[..., :n_years][..., ::-1]


def required_sales(
    target_stock: ArrayLike,
    survival: ArrayLike,
    *,
    base_sales: ArrayLike,
    n_years: int,
    initial: ArrayLike | None = None,
    initial_survival: ArrayLike | None = None,
    shape: Literal["growth", "smooth"] = "growth",
    max_growth: float = 0.25,
    min_growth: float = -0.25,
) -> RequiredSales:
    """Sales for the ``n_years`` after the base year that bring the fleet to ``target_stock``.

    Parameters
    ----------
    target_stock
        Fleet wanted at the end of the last year (vehicles), shape ``batch``.
    survival
        Survival curve of new sales (shares by age), shape ``(A,)`` or ``batch + (A,)``.
    base_sales
        Sales in the base year (vehicles/yr), the start of the path; shape ``batch``.
    n_years
        Years from the base year to the target year (>= 1).
    initial, initial_survival
        The fleet at the end of the base year by age (``initial[..., a]`` sold ``a`` years
        before the base year ... see :func:`~motorisasi.model.stock.inflow_driven`) and its
        survival curve. Without ``initial`` the fleet starts empty.
    shape
        ``"growth"``: sales grow at one constant rate from ``base_sales``. ``"smooth"``: the
        path with the least sum of squared year-on-year changes (starting from ``base_sales``)
        that reaches the target exactly.
    max_growth, min_growth
        Bounds on year-on-year growth of sales, fractions per year.

    Returns
    -------
    RequiredSales
        Feeding ``sales`` through :func:`~motorisasi.model.stock.inflow_driven` with the same
        ``initial`` reproduces ``stock``, whose last value is ``target_stock``.
    """
    if n_years < 1:
        raise ParameterError(code="model.targets.n_years", got=n_years)
    if not min_growth < 0 < max_growth:
        raise ParameterError(
            code="model.targets.growth_bounds", low=shown(min_growth, "r"), high=shown(max_growth, "r")
        )
    if shape not in ("growth", "smooth"):
        raise ParameterError(code="model.targets.shape", got=repr(shape))
    target = np.asarray(target_stock, dtype=float)
    base = np.asarray(base_sales, dtype=float)
    sf = np.asarray(survival, dtype=float)
    if np.any(base <= 0):
        raise ParameterError(code="model.targets.base_sales")
    shapes = [target.shape, base.shape, sf.shape[:-1]]
    shapes += [np.shape(x)[:-1] for x in (initial, initial_survival) if x is not None]
    try:
        batch = np.broadcast_shapes(*shapes)
    except ValueError:
        raise ParameterError(code="model.targets.batch_shapes", shapes=str(shapes)) from None
    target = np.broadcast_to(target, batch)
    base = np.broadcast_to(base, batch)

    zero = np.zeros((*batch, n_years))
    if initial is not None:
        left = inflow_driven(zero, sf, initial=initial, initial_survival=initial_survival).stock[..., -1]
    else:
        left = zero[..., -1]
    left = np.broadcast_to(left, batch)
    w = np.broadcast_to(_weights(sf, n_years), (*batch, n_years))
    gap = target - left  # vehicles that the new sales must leave in the fleet
    steps = np.arange(1, n_years + 1)

    def reach(g: Array) -> Array:
        return base * np.sum((1.0 + g[..., None]) ** steps * w, axis=-1)

    # The constant-growth rate the target needs (reach() is increasing in g); widen the bracket
    # until it holds the target, up to an absurd million-fold yearly growth.
    lo, hi = np.full(batch, -1.0 + 1e-9), np.full(batch, 10.0)
    for _ in range(20):
        short = (gap > 0) & (reach(hi) < gap)
        if not short.any():
            break
        hi = np.where(short, hi * 2.0 + 1.0, hi)
    attainable = (gap > 0) & (reach(hi) >= gap)
    needed = np.where(attainable, _bisect(reach, gap, lo, hi), np.nan)
    reason = np.full(batch, "", dtype=object)
    reason[gap <= 0] = "no_sales_needed"
    reason[(gap > 0) & ~attainable] = "unreachable"
    quoted = np.full(batch, np.nan)

    if shape == "growth":
        g = needed
        sales = base[..., None] * (1.0 + g[..., None]) ** steps
        growth = g
    else:
        sales, within = _smooth(base, w, gap, max_growth, min_growth)
        beyond = ~within & (gap > 0) & (reason == "")
        reason[beyond] = "beyond_bounds"
        quoted = np.where(beyond, needed, quoted)
        previous = np.concatenate([base[..., None], sales[..., :-1]], axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            yoy = sales / previous - 1.0
        up = gap >= base * w.sum(axis=-1)
        growth = np.where(up, np.nanmax(yoy, axis=-1), np.nanmin(yoy, axis=-1))
        sales = np.where((gap > 0)[..., None], sales, np.nan)

    with np.errstate(invalid="ignore"):
        too_fast = growth > max_growth + 1e-12
        too_slow = growth < min_growth - 1e-12
    for mask, code in ((too_fast, "above_bound"), (too_slow, "below_bound")):
        pick = mask & (reason == "")
        reason[pick] = code
        quoted = np.where(pick, growth, quoted)
    feasible = reason == ""
    sales = np.where(feasible[..., None], sales, np.nan)
    run = inflow_driven(np.nan_to_num(sales), sf, initial=initial, initial_survival=initial_survival)
    stock = np.where(feasible[..., None], run.stock, np.nan)
    retirements = np.where(feasible[..., None], run.outflow, np.nan)
    return RequiredSales(
        sales=sales,
        stock=stock,
        retirements=retirements,
        growth=_scalar(np.where(feasible, growth, np.nan)),
        needed_growth=_scalar(needed),
        feasible=_scalar(np.asarray(feasible, dtype=bool)),
        reason=_scalar(reason),
        reason_growth=_scalar(np.asarray(quoted, dtype=float)),
        bounds=(float(max_growth), float(min_growth)),
    )


def _scalar(arr: np.ndarray):
    """0-d results as Python scalars, so that one series gives plain numbers and strings."""
    return arr.item() if arr.ndim == 0 else arr


def _smooth(base: Array, w: Array, gap: Array, max_growth: float, min_growth: float) -> tuple[Array, Array]:
    """The path with the least sum of squared year-on-year changes that meets sum(w * s) = gap.

    Without bounds the increments are proportional to ``c_j = sum_{t >= j} w_t``: largest
    first. When that path breaks a growth bound, the path grows (or falls) at the bound for
    the first ``k`` years and follows the unbounded optimum from there on, with the smallest
    ``k`` that keeps every year within the bounds (tests check the result against a general
    quadratic-programming solver). If even
    ``k = N`` (growth at the bound throughout) misses the target, the second result is False.
    """
    n = w.shape[-1]
    c = np.cumsum(w[..., ::-1], axis=-1)[..., ::-1]
    up = gap >= base * w.sum(axis=-1)
    cap = np.where(up, max_growth, min_growth)
    capped = base[..., None] * (1.0 + cap[..., None]) ** np.arange(1, n + 1)
    best = capped.copy()
    done = np.zeros(gap.shape, dtype=bool)
    for k in range(n):
        start = base if k == 0 else capped[..., k - 1]
        rest = gap - np.sum(w[..., :k] * capped[..., :k], axis=-1) - start * c[..., k]
        ck = c[..., k:]
        x = ck * (rest / np.sum(ck * ck, axis=-1))[..., None]
        full = np.concatenate([capped[..., :k], start[..., None] + np.cumsum(x, axis=-1)], axis=-1)
        previous = np.concatenate([base[..., None], full[..., :-1]], axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            yoy = full / previous - 1.0
        within = np.all((yoy <= max_growth + 1e-12) & (yoy >= min_growth - 1e-12), axis=-1)
        ok = ~done & within
        best[ok] = full[ok]
        done |= ok
    return best, done


def sales_per_point(population: ArrayLike, survival_first_year: ArrayLike = 1.0) -> Array:
    """Extra sales in a year that raise ownership that year by one vehicle per 1,000 people.

    One point is ``population / 1000`` vehicles; of the vehicles sold in a year the share
    ``survival_first_year`` (the survival curve at age 0, below 1 when vehicles enter during
    the year) is still in the fleet at its end.

    >>> float(sales_per_point(280e6))
    280000.0
    """
    pop = np.asarray(population, dtype=float)
    s0 = np.asarray(survival_first_year, dtype=float)
    if np.any(pop <= 0) or np.any((s0 <= 0) | (s0 > 1)):
        raise ParameterError(code="model.targets.population")
    return pop / 1000.0 / s0


@dataclass(frozen=True)
class RequiredIncome:
    """Constant income growth under which modelled ownership reaches a target."""

    growth: Array | float
    income: Array
    ownership: Array
    feasible: NDArray[np.bool_] | bool
    reason: NDArray[np.object_] | str  # "" where feasible, else "saturates" or "falls"
    max_growth: float = 0.5  # the largest income growth tried, fraction per year


def _last(value: ArrayLike) -> Array:
    return np.asarray(value, dtype=float)[..., None]


def required_income_growth(
    target_ownership: ArrayLike,
    *,
    n_years: int,
    base_income: ArrayLike,
    base_ownership: ArrayLike,
    saturation: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    theta_rise: ArrayLike = 1.0,
    theta_fall: ArrayLike | None = None,
    max_growth: float = 0.5,
) -> RequiredIncome:
    """The constant growth of income per capita that brings ownership to a target.

    Income grows as ``base_income * (1 + g) ** t`` for ``t = 1 .. n_years``; ownership follows
    the Gompertz curve with partial adjustment from ``base_ownership`` (see
    :mod:`motorisasi.model.ownership`). Returns ``g`` with the income and ownership paths;
    infeasible where the target is above what the model can reach (near saturation, or
    faster than ``max_growth`` allows) or where ownership already exceeds it. With different
    rising and falling speeds, ownership at the end can jump at ``g = 0`` and two growth rates
    may reach the target; the rising one is returned.
    """
    if n_years < 1:
        raise ParameterError(code="model.targets.n_years", got=n_years)
    target = np.asarray(target_ownership, dtype=float)
    y0 = np.asarray(base_income, dtype=float)
    v0 = np.asarray(base_ownership, dtype=float)
    batch = np.broadcast_shapes(
        target.shape,
        y0.shape,
        v0.shape,
        np.shape(saturation),
        np.shape(alpha),
        np.shape(beta),
        np.shape(theta_rise),
    )
    steps = np.arange(1, n_years + 1)

    def path(g: Array) -> tuple[Array, Array]:
        g = np.asarray(g, dtype=float)
        income = y0[..., None] * (1.0 + g[..., None]) ** steps
        star = gompertz(income, _last(saturation), _last(alpha), _last(beta))
        # Income moves one way throughout: rising for g > 0, otherwise falling (as in
        # partial_adjustment, where a year without a rise counts as falling).
        fall = theta_rise if theta_fall is None else theta_fall
        theta = np.where(g > 0, theta_rise, fall)
        return income, partial_adjustment(star, v0, theta)

    def final(g: Array) -> Array:
        return path(g)[1][..., -1]

    # final() increases with g on each side of 0; with different speeds it can jump at 0, so
    # each side is solved on its own and a rise in income is preferred when both reach the target.
    goal = np.broadcast_to(target, batch)
    tiny = 1e-12
    sides = [(np.full(batch, tiny), np.full(batch, max_growth)), (np.full(batch, -0.5), np.full(batch, 0.0))]
    g = np.full(batch, np.nan)
    for lo, hi in sides:
        inside = np.isnan(g) & (goal >= final(lo)) & (goal <= final(hi))
        if inside.any():
            g = np.where(inside, _bisect(final, goal, lo, hi), g)
    ok = ~np.isnan(g)
    reason = np.full(batch, "", dtype=object)
    # Codes: "saturates" (not reached even with income growing max_growth a year: the model
    # saturates or adjusts too slowly), "falls" (reached even if income falls 50 %/yr).
    reason[~ok & (goal > final(np.full(batch, max_growth)))] = "saturates"
    reason[~ok & (reason == "")] = "falls"
    income, ownership = path(np.nan_to_num(g))
    feasible = ok
    return RequiredIncome(
        growth=_scalar(np.asarray(g)),
        income=np.where(feasible[..., None], income, np.nan),
        ownership=np.where(feasible[..., None], ownership, np.nan),
        feasible=_scalar(np.asarray(feasible, dtype=bool)),
        reason=_scalar(reason),
        max_growth=float(max_growth),
    )
