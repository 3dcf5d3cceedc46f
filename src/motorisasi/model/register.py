"""The register beside the fleet in use: vehicles that left the road but are still registered.

Registration statistics count vehicles until their registration is removed, which happens
late or never for many vehicles that are scrapped, exported or simply abandoned. The
register is therefore modelled as two layers on the same sales:

- **in use** ``U``: sales through the survival curve ``S`` of the vehicles' lifetime on the
  road (:mod:`motorisasi.model.stock`);
- **unremoved** ``G``: vehicles that left use but are still registered. Every year a share
  ``rho`` (the *removal rate*, 1/yr) of those vehicles, including the ones that left use that
  year, is removed from the register::

      removals[t] = rho * (G[t-1] + left_use[t])
      G[t]        = (1 - rho) * (G[t-1] + left_use[t])

The registered fleet is ``U + G`` (plus, in the data, a level that differs between
statistical bases), so it changes by ``sales - removals``. ``rho = 1`` removes every vehicle
in the year it leaves use (the register *is* the fleet in use); ``rho = 0`` never removes
any (the register grows by every sale). The mean time from leaving use to removal is
``(1 - rho) / rho`` years.

Because the layer is linear in the sales, a cohort's share still registered at age ``a`` is
a survival curve of its own, :func:`register_survival`: ``Q = S + D`` with
``D[a] = (1 - rho) * (D[a-1] + S[a-1] - S[a])`` (``S[-1] = 1``, ``D[-1] = 0``), so the
stock engine and the target inversions work on the register unchanged.

:func:`fit_removal_rate` estimates ``rho`` by least squares on the register's year-on-year
changes *within one statistical basis* (a change across a documented break is a change of
definition, not a flow of vehicles, and is never fitted), with a profile-likelihood
interval (Bates, D. M. and Watts, D. G., *Nonlinear Regression Analysis and Its
Applications*, Wiley 1988, sec. 6.1).

Worked example (every vehicle leaves use after one year, removal rate 0.5)::

    year            0     1     2     3
    sales         100   100     0     0
    in use        100   100     0     0
    left use        0   100   100     0
    removals        0    50    75    37.5
    unremoved       0    50    75    37.5
    registered    100   150    75    37.5

>>> import numpy as np
>>> pool, removals = unremoved_pool([0.0, 100, 100, 0], 0.5)
>>> pool.tolist(), removals.tolist()
([0.0, 50.0, 75.0, 37.5], [0.0, 50.0, 75.0, 37.5])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown

Array = NDArray[np.float64]

#: Rates whose residual sum of squares marks the profile-likelihood interval (1/yr).
RATE_GRID = np.concatenate([np.linspace(0.0, 0.2, 2001), np.linspace(0.2, 1.0, 801)[1:]])


def _rate(removal_rate: ArrayLike) -> Array:
    rate = np.asarray(removal_rate, dtype=float)
    if not np.all(np.isfinite(rate)) or np.any((rate < 0) | (rate > 1)):
        raise ParameterError(code="model.register.removal_rate", got=shown(removal_rate, "r"))
    return rate


def unremoved_pool(
    left_use: ArrayLike, removal_rate: ArrayLike, start: ArrayLike = 0.0
) -> tuple[Array, Array]:
    """Vehicles out of use but still registered, and removals from the register, by year.

    Parameters
    ----------
    left_use
        Vehicles leaving use each year (the stock model's outflow), vehicles/yr, shape
        ``(..., T)`` with years on the last axis.
    removal_rate
        Share of the unremoved vehicles removed from the register each year, 1/yr, in
        [0, 1]; broadcasts against the batch shape of ``left_use``.
    start
        Unremoved vehicles before the first year (vehicles), broadcasting like the batch.

    Returns
    -------
    pool, removals
        ``G[t]`` (vehicles, end of year) and ``removals[t]`` (vehicles/yr), shape
        ``broadcast batch + (T,)``.
    """
    flows = np.asarray(left_use, dtype=float)
    rate = _rate(removal_rate)
    batch = np.broadcast_shapes(flows.shape[:-1], rate.shape, np.shape(start))
    flows = np.broadcast_to(flows, batch + flows.shape[-1:])
    keep = 1.0 - rate
    # Years first while stepping, so that every step writes one contiguous block (large batches,
    # e.g. a grid of rates for every draw, are otherwise slowed by strided writes).
    n_years = flows.shape[-1]
    pool = np.empty((n_years, *batch))
    removals = np.empty((n_years, *batch))
    held = np.empty(batch)
    previous = np.broadcast_to(np.asarray(start, dtype=float), batch)
    for t in range(n_years):
        np.add(previous, flows[..., t], out=held)
        np.multiply(rate, held, out=removals[t, ...])
        np.multiply(keep, held, out=pool[t, ...])
        previous = pool[t, ...]
    return np.moveaxis(pool, 0, -1), np.moveaxis(removals, 0, -1)


def register_survival(survival: ArrayLike, removal_rate: ArrayLike) -> Array:
    """Share of a sales cohort still *registered* at each age: ``Q = S + D`` (module docs).

    ``survival`` is the in-use survival curve ``S`` (ages on the last axis); ``removal_rate``
    broadcasts against its batch shape. ``Q`` is non-increasing, ``S <= Q <= 1``, ``Q = S``
    for ``rho = 1`` and ``Q = 1`` for ``rho = 0``.

    >>> register_survival([1.0, 0.5, 0.0, 0.0], 0.5).tolist()
    [1.0, 0.75, 0.375, 0.1875]
    """
    s = np.asarray(survival, dtype=float)
    left = -np.diff(s, axis=-1, prepend=1.0)
    unremoved, _ = unremoved_pool(left, removal_rate)
    return s + unremoved


@dataclass(frozen=True)
class RemovalFit:
    """The removal rate fitted to a register history.

    Attributes
    ----------
    rate, low, high
        Best estimate and the profile-likelihood interval at ``level`` (1/yr).
    level
        Confidence level of the interval.
    years
        The years whose change from the year before was fitted (single-basis pairs).
    observed, fitted
        Register change minus sales in those years: observed, and ``-removals`` of the fit
        (vehicles/yr); their difference is the residual.
    rss
        Residual sum of squares at ``rate`` (vehicles^2).
    at_bound
        Whether the estimate sits on 0 or 1 (the data would push it further).
    """

    rate: float
    low: float
    high: float
    level: float
    years: list[int]
    observed: list[float]
    fitted: list[float]
    rss: float
    at_bound: bool

    @property
    def residuals(self) -> list[float]:
        """Observed minus fitted register change, vehicles/yr."""
        return [o - f for o, f in zip(self.observed, self.fitted, strict=True)]

    @property
    def mean_lag_years(self) -> float:
        """Mean years from leaving use to removal, ``(1 - rho) / rho`` (inf when rho = 0)."""
        return (1.0 - self.rate) / self.rate if self.rate > 0 else float("inf")


def single_basis_pairs(basis: ArrayLike, observed: ArrayLike) -> NDArray[np.bool_]:
    """Years whose change from the year before is a flow: both years observed, on one basis.

    ``basis`` labels each year's statistical basis (NaN: the year is on none, e.g. filled);
    ``observed`` is the register, NaN where not observed. Returns a boolean mask per year.
    """
    b = np.asarray(basis, dtype=float)
    r = np.asarray(observed, dtype=float)
    ok = np.zeros(b.shape, dtype=bool)
    ok[1:] = np.isfinite(b[1:]) & (b[1:] == b[:-1]) & np.isfinite(r[1:]) & np.isfinite(r[:-1])
    return ok


def _refine(rss, lo: Array, hi: Array, levels: int = 12, points: int = 11) -> Array:
    """Minimum of ``rss`` (a function of rates ``(..., K)`` returning ``(..., K)``) on ``[lo, hi]``
    (shape ``(...)``) by nested grids: each level evaluates ``points`` rates at once and keeps the
    two cells around the best, so twelve levels of 11 narrow the bracket by 5**12 (to about 2e-11
    of a coarse step of 0.002, below the rounding noise of a flat minimum) in 132 evaluations."""
    a, b = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    best = 0.5 * (a + b)
    for _ in range(levels):
        grid = np.linspace(a, b, points, axis=-1)
        i = np.argmin(rss(grid), axis=-1)[..., None]
        best = np.take_along_axis(grid, i, axis=-1)[..., 0]
        a = np.take_along_axis(grid, np.maximum(i - 1, 0), axis=-1)[..., 0]
        b = np.take_along_axis(grid, np.minimum(i + 1, points - 1), axis=-1)[..., 0]
    return best


def residual_sum(
    y: Array, pairs: NDArray[np.bool_], left: ArrayLike, rates: ArrayLike, start: ArrayLike = 0.0
) -> Array:
    """Residual sum of squares of the register changes at each of ``rates``.

    ``left`` is the in-use outflow ``(..., T)``; ``rates`` ``(..., K)`` broadcasts against its
    batch; ``y`` holds the observed register change minus sales in the years ``pairs`` marks.
    The removals are stepped year by year as in :func:`unremoved_pool`, keeping one year in
    memory (a grid of rates for thousands of draws fits in a few megabytes), and the squares
    are added in year order. Returns ``(..., K)`` (vehicles^2).
    """
    flows = np.asarray(left, dtype=float)[..., None, :]
    rates = np.asarray(rates, dtype=float)
    batch = np.broadcast_shapes(flows.shape[:-1], rates.shape)
    keep = 1.0 - rates
    pool = np.array(np.broadcast_to(np.asarray(start, dtype=float), batch))
    held, removed, total = np.empty(batch), np.empty(batch), np.zeros(batch)
    k = 0
    for t in range(flows.shape[-1]):
        np.add(pool, flows[..., t], out=held)
        if pairs[t]:
            np.multiply(rates, held, out=removed)
            removed += y[k]
            removed *= removed
            total += removed
            k += 1
        np.multiply(keep, held, out=pool)
    return total


#: The rates every fit starts from (every 0.002 to 0.2, then every 0.02), before nested grids.
COARSE_GRID = np.concatenate([np.linspace(0.0, 0.2, 101), np.linspace(0.2, 1.0, 41)[1:]])


def best_rates(
    y: Array, pairs: NDArray[np.bool_], left: ArrayLike, start: ArrayLike = 0.0
) -> tuple[Array, Array]:
    """Least-squares removal rates for in-use outflows ``left`` of shape ``(..., T)`` at once.

    ``y`` holds the observed register change minus sales in the years ``pairs`` marks. Each
    batch member is fitted the same way (and to the same bits) as one alone: the best rate of
    :data:`COARSE_GRID`, then nested grids between its neighbours (:func:`_refine`). Returns the
    rates ``(...)`` and their residual sums of squares ``(...)``.
    """

    def rss(rates: ArrayLike) -> Array:
        return residual_sum(y, pairs, left, rates, start)

    i = np.argmin(rss(COARSE_GRID), axis=-1)
    lo = COARSE_GRID[np.maximum(i - 1, 0)]
    hi = COARSE_GRID[np.minimum(i + 1, len(COARSE_GRID) - 1)]
    best = _refine(rss, lo, hi)
    return best, rss(best[..., None])[..., 0]


def register_flows(
    observed: ArrayLike,
    basis: ArrayLike,
    sales: ArrayLike,
    years: ArrayLike,
    *,
    min_flows: int = 2,
    exclude: tuple[int, ...] = (),
) -> tuple[Array, NDArray[np.bool_]]:
    """The register changes a removal rate is fitted to: observed change minus sales in the
    single-basis years (``y``), and the mask of those years (``pairs``); see
    :func:`fit_removal_rate` for the arguments."""
    r = np.asarray(observed, dtype=float)
    s = np.asarray(sales, dtype=float)
    pairs = single_basis_pairs(basis, r) & ~np.isin(np.asarray(years), exclude)
    n = int(pairs.sum())
    if n < max(1, min_flows):
        raise ParameterError(code="model.register.too_few_changes", n=n, need=min_flows)
    return (r[1:] - r[:-1] - s[1:])[pairs[1:]], pairs


def fit_removal_rate(
    observed: ArrayLike,
    basis: ArrayLike,
    sales: ArrayLike,
    left_use: ArrayLike,
    *,
    years: ArrayLike,
    start: float = 0.0,
    level: float = 0.9,
    min_flows: int = 2,
    exclude: tuple[int, ...] = (),
) -> RemovalFit:
    """Least-squares removal rate from the register's single-basis changes.

    Parameters
    ----------
    observed
        Registered fleet at the end of each year (vehicles), NaN where not observed.
    basis
        Statistical basis of each year (any number, e.g. its first year; NaN for none).
    sales, left_use
        Sales and the in-use model's outflow in the same years (vehicles/yr).
    years
        Calendar year of each entry (for the report).
    start
        Unremoved vehicles before the first year.
    level
        Confidence level of the interval: rates whose residual sum of squares is at most
        ``RSS_min * (1 + F(level; 1, n - 1) / (n - 1))`` (profile likelihood).
    min_flows
        Fewest single-basis changes needed.
    exclude
        Years whose change is left out (e.g. to see how much one year moves the estimate).

    Returns
    -------
    RemovalFit
    """
    from scipy.special import fdtri  # the F quantile, without importing scipy.stats

    left = np.asarray(left_use, dtype=float)
    yrs = np.asarray(years)
    y, pairs = register_flows(observed, basis, sales, years, min_flows=min_flows, exclude=exclude)
    n = int(pairs.sum())
    if left.ndim > 1:
        raise ParameterError(code="model.register.one_series")
    rates, rss_at = best_rates(y, pairs, left, start)
    best, best_rss = float(rates), float(rss_at)
    grid_rss = residual_sum(y, pairs, left, RATE_GRID, start)  # for the interval
    dof = max(n - 1, 1)
    limit = best_rss * (1.0 + fdtri(1, dof, level) / dof)
    inside = RATE_GRID[grid_rss <= limit]
    low = float(min(inside.min(), best)) if inside.size else best
    high = float(max(inside.max(), best)) if inside.size else best
    _, removals = unremoved_pool(left, best, start)
    return RemovalFit(
        rate=float(best),
        low=low,
        high=high,
        level=level,
        years=[int(v) for v in yrs[pairs]],
        observed=[float(v) for v in y],
        fitted=[float(v) for v in -removals[pairs]],
        rss=best_rss,
        at_bound=bool(best == 0.0 or best >= 1.0 - 1e-9),
    )


def register_inflow(
    target: ArrayLike, register_curve: ArrayLike, fixed: ArrayLike | None = None
) -> tuple[Array, Array]:
    """Sales that bring the register of *new* cohorts to ``target``, year by year, never negative.

    ``target`` (vehicles, years on the last axis) is the register wanted minus what the
    existing register keeps without further sales; ``register_curve`` is the cohorts' register
    survival (:func:`register_survival`, ages on the last axis, at least ``T`` ages, positive
    at age 0). ``fixed`` gives the sales of the first years (shape ``(..., M)``, ``M <= T``),
    which are taken as they are. A year whose target needs negative sales gets none (the
    register then stays above the target), and the shortfall is returned.

    Returns
    -------
    sales, clipped
        Vehicles/yr, and the negative sales set to zero (as positive numbers), ``(..., T)``.

    >>> s, c = register_inflow([10.0, 25.0, 10.0], [1.0, 0.5, 0.25])
    >>> s.tolist(), c.tolist()
    ([10.0, 20.0, 0.0], [0.0, 0.0, 2.5])
    """
    goal = np.asarray(target, dtype=float)
    q = np.asarray(register_curve, dtype=float)
    n = goal.shape[-1]
    if q.shape[-1] < n:
        raise ParameterError(code="model.register.curve_ages", have=q.shape[-1], need=n)
    if np.any(q[..., 0] <= 0):
        raise ParameterError(code="model.register.curve_at_entry")
    batch = np.broadcast_shapes(goal.shape[:-1], q.shape[:-1])
    goal = np.broadcast_to(goal, batch + (n,))
    q = np.broadcast_to(q, batch + q.shape[-1:])
    given = (
        np.zeros(batch + (0,))
        if fixed is None
        else np.broadcast_to(np.asarray(fixed, float), batch + np.shape(fixed)[-1:])
    )
    sales = np.zeros(batch + (n,))
    clipped = np.zeros(batch + (n,))
    for t in range(n):
        # Register of the earlier new cohorts in year t: sum_c sales[c] * Q[t - c].
        kept = np.sum(sales[..., :t] * q[..., t:0:-1], axis=-1) if t else np.zeros(batch)
        if t < given.shape[-1]:
            sales[..., t] = given[..., t]
            continue
        need = (goal[..., t] - kept) / q[..., 0]
        sales[..., t] = np.maximum(need, 0.0)
        clipped[..., t] = np.maximum(-need, 0.0)
    return sales, clipped
