"""Vintage (cohort) stock turnover: fleets from sales, and sales from fleets.

Conventions
-----------
Years are indexed ``t = 0 .. T-1`` on the **last axis** of every array; all leading axes are
a batch (scenario draw, region, segment, powertrain, ...) and broadcast against each other.
The stock is counted at the **end** of each year and the sales (inflow) of year ``t`` count
in the stock of year ``t``. With ``S[c, a]`` the survival curve of cohort ``c`` (the share of
the vehicles sold in year ``c`` still in the fleet at the end of year ``c + a``; see
:mod:`motorisasi.model.survival` for when in the year they enter)::

    stock_by_cohort[t, c]  = inflow[c] * S[c, t - c]                       (t >= c)
    stock[t]               = initial_stock[t] + sum_{c <= t} stock_by_cohort[t, c]
    outflow[t]             = stock[t - 1] + inflow[t] - stock[t]           (stock[-1] = initial fleet)

so the mass balance ``stock[t] = stock[t-1] + inflow[t] - outflow[t]`` holds by construction,
and the outflow of a cohort is ``inflow[c] * (1 - S[c, 0])`` in its sales year and
``inflow[c] * (S[c, a-1] - S[c, a])`` at age ``a`` after. The vehicles of an initial fleet of
age ``a`` at the start (the end of year -1) were sold in year ``-1 - a`` and retire with their
conditional survival ``S0[a + 1 + t] / S0[a]``.

Worked example (fixed lifetime of 2 years, vehicles entering at the end of the year, so
``S = [1, 1, 0, ...]``)::

    year          0    1    2    3
    inflow       10   20   30   40
    stock        10   30   50   70      (the last two years' sales)
    outflow       0    0   10   20      (the sales of two years before)

>>> import numpy as np
>>> from motorisasi.model.survival import survival_curve
>>> s = survival_curve("fixed", 4, entry="end", lifetime=2)
>>> r = inflow_driven([10.0, 20, 30, 40], s)
>>> r.stock.tolist(), r.outflow.tolist()
([10.0, 30.0, 50.0, 70.0], [0.0, 0.0, 10.0, 20.0])
>>> stock_driven(r.stock, s).inflow.tolist()
[10.0, 20.0, 30.0, 40.0]

Algorithms
----------
With one survival curve shared by every series, the stock is a product with a T x T
lower-triangular matrix (Toeplitz when the curve is the same for every cohort) and the
stock-driven inflow is a triangular solve: both run as single BLAS/LAPACK calls over all
series at once. With a curve per series, each cohort's contribution is added to all later
years in one vectorised step over the whole batch (``T`` steps in all), so memory stays at
a few ``T x N`` arrays; ``T x T x N`` arrays are built only when by-cohort results are asked
for. The ``"clip"`` mode of :func:`stock_driven` steps through the years, tracking every
cohort of every series, because an early retirement changes all later years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown
from motorisasi.model.survival import at_index, validate_survival

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class StockResult:
    """Result of a stock-turnover run; every array has the batch shape plus a year axis.

    Attributes
    ----------
    inflow, stock, outflow
        Sales (vehicles/yr), fleet at the end of each year (vehicles) and retirements
        (vehicles/yr), shape ``batch + (T,)``.
    stock_start
        Fleet before the first year (the initial fleet; zero without one), shape ``batch``.
    initial_stock
        Part of ``stock`` that belongs to the initial fleet, shape ``batch + (T,)``.
    clipped_inflow, early_retirement
        :func:`stock_driven` with ``negative_inflow="clip"`` only: the negative inflow set to
        zero (reported as a positive number) and the vehicles retired early, oldest first, to
        follow the stock path; ``None`` otherwise.
    stock_by_cohort, outflow_by_cohort
        With ``by_cohort=True``: shape ``batch + (T, T)``, indexed ``[..., year, cohort]``.
    initial_stock_by_age, initial_outflow_by_age
        With ``by_cohort=True`` and an initial fleet: shape ``batch + (T, A0)``, indexed
        ``[..., year, age at the start]``.
    """

    inflow: Array
    stock: Array
    outflow: Array
    stock_start: Array
    initial_stock: Array
    clipped_inflow: Array | None = None
    early_retirement: Array | None = None
    stock_by_cohort: Array | None = None
    initial_stock_by_age: Array | None = None
    initial_fleet: Array | None = None  # the initial fleet by age, batch + (A0,)

    @property
    def outflow_by_cohort(self) -> Array | None:
        """Retirements by year and cohort, derived when asked from ``stock_by_cohort``.

        What a cohort had a year before (or its sales, in its first year) minus what is left.
        """
        if self.stock_by_cohort is None:
            return None
        held = self.stock_by_cohort
        previous = np.zeros_like(held)
        previous[..., 1:, :] = held[..., :-1, :]
        diagonal = np.arange(held.shape[-1])
        previous[..., diagonal, diagonal] = self.inflow
        return previous - held

    @property
    def initial_outflow_by_age(self) -> Array | None:
        """Retirements of the initial fleet by year and age at the start, derived when asked."""
        if self.initial_stock_by_age is None or self.initial_fleet is None:
            return None
        held = self.initial_stock_by_age
        previous = np.concatenate([self.initial_fleet[..., None, :], held[..., :-1, :]], axis=-2)
        return previous - held

    def balance_residual(self) -> Array:
        """``stock[t] - stock[t-1] - inflow[t] + outflow[t]``: zero up to rounding."""
        previous = np.concatenate([self.stock_start[..., np.newaxis], self.stock[..., :-1]], axis=-1)
        return self.stock - previous - self.inflow + self.outflow


def _curve_of(survival: Array, c: int) -> Array:
    """Cohort c's curve from a (C, T, N) survival array with C = 1 (shared) or one per cohort."""
    return survival[c if survival.shape[0] > 1 else 0]


@dataclass
class _Run:
    """Inputs reshaped to a time-major layout: series on the last axis, N of them."""

    batch: tuple[int, ...]
    n_years: int
    series: Array  # (T, N): the inflow or the stock path
    survival: Array  # (C, T, N') with C in {1, T} cohorts and N' in {1, N}
    initial: Array | None  # (A0, N) initial fleet by age at the start
    initial_survival: Array | None  # (A0 + T, N')

    @property
    def n_series(self) -> int:
        return self.series.shape[1]

    def cohort_curve(self, c: int) -> Array:
        """Survival curve of cohort ``c``, shape (T, N')."""
        return _curve_of(self.survival, c)

    def matrix(self) -> Array:
        """The T x T lower-triangular matrix M[t, c] = S[c, t - c] of a shared survival."""
        t, c = np.tril_indices(self.n_years)
        m = np.zeros((self.n_years, self.n_years))
        cohort = c if self.survival.shape[0] > 1 else 0
        m[t, c] = self.survival[cohort, t - c, 0]
        return m

    def to_batch(self, arr: Array) -> Array:
        """Time-major (T, ..., N) -> batch + (T, ...)."""
        moved = np.moveaxis(arr, -1, 0)
        return np.ascontiguousarray(moved).reshape(self.batch + arr.shape[:-1])

    def series_to_batch(self, arr: Array) -> Array:
        """Series-first (N, ...) -> batch + (...)."""
        return np.ascontiguousarray(arr).reshape(self.batch + arr.shape[1:])


def _array(where: str, name: str, value: ArrayLike, *, min_ndim: int = 1) -> Array:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(
            code="model.stock.not_numbers", where=where, name=name, value=repr(value)
        ) from None
    if arr.ndim < min_ndim:
        if min_ndim == 1:
            raise ParameterError(code="model.stock.no_year_axis", where=where, name=name, shape=arr.shape)
        raise ParameterError(code="model.stock.no_cohort_axes", where=where, name=name, shape=arr.shape)
    if arr.shape[-1] == 0:
        raise ParameterError(code="model.stock.empty", where=where, name=name, shape=arr.shape)
    bad = ~np.isfinite(arr)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ParameterError(code="model.not_finite", where=where, name=name, got=at_index(arr[index], index))
    return arr


def _non_negative(where: str, name: str, arr: Array) -> None:
    bad = arr < 0
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ParameterError(
            code="model.stock.negative", where=where, name=name, got=at_index(arr[index], index)
        )


def _fit_ages(where: str, name: str, curve: Array, n_ages: int) -> Array:
    """Cut or extend (with zeros, only where the curve has reached zero) to n_ages ages."""
    have = curve.shape[-1]
    if have >= n_ages:
        return curve[..., :n_ages]
    if (curve[..., -1] > 0).any():
        raise ParameterError(
            code="model.stock.too_few_ages",
            where=where,
            name=name,
            have=have,
            n_ages=n_ages,
            last=shown(float(curve[..., -1].max())),
        )
    pad = np.zeros((*curve.shape[:-1], n_ages - have))
    return np.concatenate([curve, pad], axis=-1)


def _series_layout(curve: Array, batch: tuple[int, ...], core_ndim: int) -> Array:
    """Move the batch of a curve array to the last axis: (core..., 1) if shared, else (core..., N)."""
    curve_batch = curve.shape[: curve.ndim - core_ndim]
    core = curve.shape[curve.ndim - core_ndim :]
    if int(np.prod(curve_batch)) == 1:
        return curve.reshape((*core, 1))
    full = np.broadcast_to(curve, batch + core).reshape((-1, *core))
    return np.ascontiguousarray(np.moveaxis(full, 0, -1))


def _prepare(
    where: str,
    name: str,
    series: ArrayLike,
    survival: ArrayLike,
    cohort_survival: bool,
    initial: ArrayLike | None,
    initial_survival: ArrayLike | None,
    *,
    non_negative: bool = False,
) -> _Run:
    path = _array(where, name, series)
    if non_negative:
        _non_negative(where, name, path)
    n_years = path.shape[-1]
    curve = validate_survival(survival, name="survival", where=where)
    core_ndim = 2 if cohort_survival else 1
    if cohort_survival and (curve.ndim < 2 or curve.shape[-2] != n_years):
        raise ParameterError(code="model.stock.cohort_shape", where=where, n_years=n_years, shape=curve.shape)
    shapes = {name: path.shape[:-1], "survival": curve.shape[: curve.ndim - core_ndim]}
    fleet = None
    fleet_curve = None
    if initial is not None:
        fleet = _array(where, "initial", initial)
        _non_negative(where, "initial", fleet)
        shapes["initial"] = fleet.shape[:-1]
        if initial_survival is None:
            fleet_curve = curve[..., 0, :] if cohort_survival else curve
        else:
            fleet_curve = validate_survival(initial_survival, name="initial_survival", where=where)
            shapes["initial_survival"] = fleet_curve.shape[:-1]
    elif initial_survival is not None:
        raise ParameterError(code="model.stock.initial_survival_alone", where=where)
    try:
        batch = np.broadcast_shapes(*shapes.values())
    except ValueError:
        listed = ", ".join(f"{k} {v}" for k, v in shapes.items())
        raise ParameterError(code="model.stock.batch_shapes", where=where, listed=listed) from None

    n = int(np.prod(batch))
    time_major = np.ascontiguousarray(np.broadcast_to(path, (*batch, n_years)).reshape(n, n_years).T)
    curve = _fit_ages(where, "survival", curve, n_years)
    layout = _series_layout(curve, batch, core_ndim)
    if not cohort_survival:
        layout = layout[np.newaxis]
    run = _Run(batch, n_years, time_major, layout, None, None)
    if fleet is not None and fleet_curve is not None:
        n_start = fleet.shape[-1]
        run.initial = np.ascontiguousarray(np.broadcast_to(fleet, (*batch, n_start)).reshape(n, n_start).T)
        fitted = _fit_ages(where, "initial_survival", fleet_curve, n_start + n_years)
        run.initial_survival = _series_layout(fitted, batch, 1)
    return run


# Series per block in the per-series loops: a few (T, block) arrays stay in the CPU cache.
_BLOCK = 4096


def _blocks(n: int) -> list[slice]:
    return [slice(start, min(start + _BLOCK, n)) for start in range(0, n, _BLOCK)]


def _push(run: _Run, weights: Array) -> Array:
    """sum_c weights[c] * S[c, t - c]: every cohort's survivors added to later years."""
    n_years = run.n_years
    out = np.zeros((n_years, run.n_series))
    for cols in _blocks(run.n_series):
        shared = run.survival.shape[-1] == 1  # one curve broadcast over the series
        part, w = out[:, cols], weights[:, cols]
        curves = run.survival if shared else run.survival[..., cols]
        scratch = np.empty_like(part)
        for c in range(n_years):
            span = n_years - c
            np.multiply(_curve_of(curves, c)[:span], w[c], out=scratch[:span])
            part[c:] += scratch[:span]
    return out


def _convolve(run: _Run, inflow: Array) -> Array:
    # Elementwise, never a matrix product: a series' result is then the same to the last bit
    # whatever the batch around it (an ensemble's chunk size, one draw or many).
    return _push(run, inflow)


def _require_entry_survival(where: str, run: _Run) -> None:
    first = run.survival[:, 0, :]
    if (first <= 0).any():
        raise ParameterError(code="model.stock.zero_at_entry", where=where)


def _deconvolve(run: _Run, stock: Array) -> Array:
    """Forward substitution: the inflows whose survivors make up ``stock``."""
    if run.survival.shape[-1] == 1:
        # Imported here: only stock-driven runs need it, and scipy.linalg is slow to import.
        from scipy.linalg import solve_triangular

        return solve_triangular(run.matrix(), stock, lower=True, check_finite=False)
    n_years = run.n_years
    inflow = np.empty_like(stock)
    for cols in _blocks(run.n_series):
        part, curves, target = inflow[:, cols], run.survival[..., cols], stock[:, cols]
        survivors = np.zeros_like(target)
        scratch = np.empty_like(target)
        for t in range(n_years):
            curve = _curve_of(curves, t)
            part[t] = (target[t] - survivors[t]) / curve[0]
            span = n_years - t - 1
            if span:
                np.multiply(curve[1 : span + 1], part[t], out=scratch[:span])
                survivors[t + 1 :] += scratch[:span]
    return inflow


def _initial_weights(run: _Run) -> tuple[Array, Array]:
    """Initial fleet per unit of survival (the original cohort size), and its survival rows."""
    assert run.initial is not None and run.initial_survival is not None
    n_start = run.initial.shape[0]
    at_start = run.initial_survival[:n_start]
    # Vehicles that the curve says are already gone (S = 0) retire in the first year.
    weights = np.divide(run.initial, at_start, out=np.zeros(run.initial.shape), where=at_start > 0)
    return weights, run.initial_survival


def _initial_stock(run: _Run) -> tuple[Array | None, Array | None]:
    """The initial fleet's stock by year, (T, N), and by series, year and age, (N, T, A0)."""
    if run.initial is None:
        return None, None
    by_age = _initial_by_age(run)
    # Summed along its contiguous age axis, so each series adds up the same way whatever the batch.
    return by_age.sum(axis=-1).T, by_age


def _cohort_arrays(run: _Run, inflow: Array) -> Array:
    """Stock by series, year and cohort, (N, T, T), from the inflows (no early retirement).

    Built series-first, the layout the results are returned in, so no transposed copy is made.
    """
    n_years = run.n_years
    t, c = np.tril_indices(n_years)
    cohort = c if run.survival.shape[0] > 1 else np.zeros_like(c)
    by_cohort = np.zeros((run.n_series, n_years, n_years))
    by_cohort[:, t, c] = (inflow[c] * run.survival[cohort, t - c]).T
    return by_cohort


def _initial_by_age(run: _Run) -> Array:
    """The initial fleet by series, year and age at the start, (N, T, A0):
    ``weights[a] * S0[a + 1 + t]``."""
    from numpy.lib.stride_tricks import sliding_window_view

    weights, curve = _initial_weights(run)
    n_start = weights.shape[0]
    # Year t reads the curve's ages t + 1 .. t + A0: a window onto the curve, not a gathered copy.
    windows = sliding_window_view(curve, n_start, axis=0)[1 : 1 + run.n_years]  # (T, N', A0)
    out = np.empty((run.n_series, run.n_years, n_start))
    return np.multiply(weights.T[:, np.newaxis, :], windows.transpose(1, 0, 2), out=out)


def _finish(
    run: _Run,
    inflow: Array,
    stock: Array,
    initial_stock: Array | None,
    by_cohort: bool,
    cohorts: Array | None = None,
    initial_by_age: Array | None = None,
    clipped: tuple[Array, Array] | None = None,
) -> StockResult:
    # Summed along a contiguous axis, so each series adds up the same way whatever the batch.
    start = (
        np.ascontiguousarray(run.initial.T).sum(axis=-1)
        if run.initial is not None
        else np.zeros(run.n_series)
    )
    outflow = inflow - stock
    outflow[0] += start
    outflow[1:] += stock[:-1]
    extra: dict[str, Array | None] = {}
    if clipped is not None:
        extra["clipped_inflow"] = run.to_batch(clipped[0])
        extra["early_retirement"] = run.to_batch(clipped[1])
    if by_cohort:
        # The outflows by cohort and age are derived from these when asked (StockResult).
        stock_c = cohorts if cohorts is not None else _cohort_arrays(run, inflow)
        extra["stock_by_cohort"] = run.series_to_batch(stock_c)
        if run.initial is not None:
            stock_a = initial_by_age if initial_by_age is not None else _initial_by_age(run)
            extra["initial_stock_by_age"] = run.series_to_batch(stock_a)
            extra["initial_fleet"] = run.to_batch(run.initial)
    return StockResult(
        inflow=run.to_batch(inflow),
        stock=run.to_batch(stock),
        outflow=run.to_batch(outflow),
        stock_start=start.reshape(run.batch),
        initial_stock=(
            np.zeros(run.batch + (run.n_years,)) if initial_stock is None else run.to_batch(initial_stock)
        ),
        **extra,
    )


def inflow_driven(
    inflow: ArrayLike,
    survival: ArrayLike,
    *,
    initial: ArrayLike | None = None,
    initial_survival: ArrayLike | None = None,
    cohort_survival: bool = False,
    by_cohort: bool = False,
) -> StockResult:
    """Fleet and retirements from sales (inflow-driven stock model).

    Parameters
    ----------
    inflow
        Sales, vehicles/yr, shape ``(..., T)``. Negative values (which :func:`stock_driven`
        can return) are taken as given.
    survival
        Survival curve(s), shares by age (last axis, at least ``T`` ages, or fewer if the
        curve reaches zero), e.g. from :func:`~motorisasi.model.survival.survival_curve`.
        Shape ``(A,)`` for one curve shared by every series, ``(..., A)`` for one per
        series, or with ``cohort_survival=True`` ``(..., T, A)`` for one per cohort.
    initial
        Fleet before the first year by age, vehicles, shape ``(..., A0)``: ``initial[..., a]``
        are the vehicles sold ``a + 1`` years before the first year (for a fleet given by
        sales year, oldest first, pass it reversed along the last axis). It retires with
        its conditional survival ``S0[a + 1 + t] / S0[a]``.
    initial_survival
        Survival curve(s) of the initial fleet, shape ``(..., A)`` with ``A >= A0 + T``
        (or reaching zero); defaults to ``survival`` (to its first cohort's curve with
        ``cohort_survival=True``).
    cohort_survival
        Whether ``survival`` has a cohort axis before the age axis.
    by_cohort
        Also return stock and outflow by year and cohort (``T x T`` per series).

    Returns
    -------
    StockResult
        ``stock[t] = initial_stock[t] + sum_{c <= t} inflow[c] * S[c, t - c]`` and
        ``outflow[t] = stock[t-1] + inflow[t] - stock[t]``.
    """
    where = "inflow_driven"
    run = _prepare(where, "inflow", inflow, survival, cohort_survival, initial, initial_survival)
    flows = run.series
    initial_stock, initial_by_age = _initial_stock(run)
    stock = _convolve(run, flows)
    if initial_stock is not None:
        stock += initial_stock
    return _finish(run, flows, stock, initial_stock, by_cohort, initial_by_age=initial_by_age)


def stock_driven(
    stock: ArrayLike,
    survival: ArrayLike,
    *,
    initial: ArrayLike | None = None,
    initial_survival: ArrayLike | None = None,
    cohort_survival: bool = False,
    negative_inflow: Literal["allow", "clip"] = "allow",
    by_cohort: bool = False,
) -> StockResult:
    """Sales and retirements needed for a fleet path (stock-driven stock model).

    The inflow of year ``t`` is what the stock needs beyond the survivors of earlier
    cohorts (and of the initial fleet): ``inflow[t] = (stock[t] - survivors[t]) / S[t, 0]``.

    Without ``initial``, the model has no fleet before the first year, so the **whole
    first-year stock enters as one cohort** (``inflow[0] = stock[0] / S[0]``): the first
    year's inflow is the size of the fleet, the next years' inflows are small, and the
    single cohort's retirement makes an echo of high inflows about one lifetime later.
    Give the fleet by age at the start through ``initial`` (or start the run earlier,
    from sales history) to avoid it.

    Parameters
    ----------
    stock
        Fleet at the end of each year, vehicles, shape ``(..., T)``, non-negative.
    survival, initial, initial_survival, cohort_survival, by_cohort
        As in :func:`inflow_driven`. Survival at age 0 must be positive.
    negative_inflow
        When the stock falls faster than the fleet retires, the needed inflow is negative.
        ``"allow"`` (default) returns it. ``"clip"`` sets it to zero and retires the surplus
        vehicles early, oldest first (the initial fleet before the first cohorts), so the
        stock path and the mass balance still hold; the result then reports
        ``clipped_inflow`` and ``early_retirement`` by year.

    Returns
    -------
    StockResult
    """
    where = "stock_driven"
    if negative_inflow not in ("allow", "clip"):
        raise ParameterError(code="model.stock.negative_inflow", where=where, got=repr(negative_inflow))
    run = _prepare(
        where, "stock", stock, survival, cohort_survival, initial, initial_survival, non_negative=True
    )
    _require_entry_survival(where, run)
    target = run.series
    if negative_inflow == "clip":
        return _clip(run, target, by_cohort)
    initial_stock, initial_by_age = _initial_stock(run)
    inflow = _deconvolve(run, target if initial_stock is None else target - initial_stock)
    return _finish(run, inflow, target, initial_stock, by_cohort, initial_by_age=initial_by_age)


def _clip(run: _Run, target: Array, by_cohort: bool) -> StockResult:
    """Year-by-year stock-driven run that retires surplus vehicles early, oldest first.

    Each cohort is tracked by its effective size ``e`` (stock = e * S[age]); an early
    retirement of ``r`` vehicles at age ``a`` lowers ``e`` by ``r / S[a]``, so the remaining
    vehicles keep the cohort's conditional survival.
    """
    n_years, n = run.n_years, run.n_series
    size = np.zeros((n_years, n))
    inflow = np.zeros((n_years, n))
    clipped = np.zeros((n_years, n))
    early = np.zeros((n_years, n))
    initial_stock = np.zeros((n_years, n))
    if run.initial is not None:
        start_size, start_curve = _initial_weights(run)
        n_start = start_size.shape[0]
    else:
        start_size, start_curve, n_start = np.zeros((0, n)), np.zeros((n_years + 1, 1)), 0
    record = by_cohort
    stock_c = np.zeros((n_years, n_years, n)) if record else None
    stock_a = np.zeros((n_years, n_start, n)) if record else None
    cohorts = np.arange(n_years)
    shared_curve = run.survival.shape[0] == 1
    for t in range(n_years):
        # Survival of cohorts 0 .. t-1, now aged t .. 1.
        rate_run = run.survival[0, t:0:-1] if shared_curve else run.survival[cohorts[:t], t - cohorts[:t]]
        rate_start = start_curve[1 + t : 1 + t + n_start]
        alive_run = size[:t] * rate_run
        alive_start = start_size * rate_start
        survivors = alive_run.sum(axis=0) + alive_start.sum(axis=0)
        need = target[t] - survivors
        entry_rate = run.cohort_curve(t)[0]
        new = need / entry_rate
        short = new < 0
        if short.any():
            clipped[t] = np.where(short, -new, 0.0)
            new = np.where(short, 0.0, new)
            surplus = np.where(short, -need, 0.0)
            # Oldest first: initial fleet from its oldest age down, then cohorts 0, 1, ...
            alive = np.concatenate([alive_start[::-1], alive_run])
            before = np.cumsum(alive, axis=0) - alive
            removed = np.minimum(alive, np.maximum(surplus - before, 0.0))
            gone = removed >= alive
            early[t] = removed.sum(axis=0)
            removed_start = removed[:n_start][::-1]
            removed_run = removed[n_start:]
            with np.errstate(divide="ignore", invalid="ignore"):
                start_size = np.where(gone[:n_start][::-1], 0.0, start_size - removed_start / rate_start)
                size[:t] = np.where(gone[n_start:], 0.0, size[:t] - removed_run / rate_run)
            alive_start = alive_start - removed_start
            alive_run = alive_run - removed_run
        size[t] = new
        inflow[t] = new
        initial_stock[t] = alive_start.sum(axis=0)
        if stock_c is not None and stock_a is not None:
            stock_c[t, :t] = alive_run
            stock_c[t, t] = new * entry_rate
            stock_a[t] = alive_start
    cohorts_out = None
    by_age = None
    if stock_c is not None and stock_a is not None:
        cohorts_out = np.moveaxis(stock_c, -1, 0)
        if run.initial is not None:
            by_age = np.moveaxis(stock_a, -1, 0)
    return _finish(
        run, inflow, target, initial_stock, by_cohort, cohorts_out, by_age, clipped=(clipped, early)
    )
