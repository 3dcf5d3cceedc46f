"""Ensembles: many draws of a scenario's uncertain inputs through the batched run, summarised.

:func:`ensemble` samples the scenario's ``uncertainty`` section
(:mod:`motorisasi.scenario.uncertainty`), runs the draws in chunks through
:func:`motorisasi.scenario.run.run` (every chunk in one vectorised pass, the draws on the first
axis), and returns the quantiles :data:`QUANTILES` of every variable that depends on the draws
(a ``quantile`` dimension), or all the draws (a ``draw`` dimension) with ``keep_draws``.

A draw's result does not depend on the chunk it ran in: the model adds up every series the same
way whatever the batch around it, so the same seed gives the same bits with any chunk size, on
any number of threads, in one process or on a Dask cluster (:func:`run_chunks`).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Mapping
from itertools import islice
from typing import Any

import numpy as np

#: Quantiles reported for every variable (5-95 % is the "90 % range").
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Draws run in one vectorised pass (about 2 MB of working memory per draw and segment).
DEFAULT_CHUNK = 500
#: Most draws one ensemble runs (100,000 take about 3.5 GiB of results in single precision).
MAX_DRAWS = 100_000
#: Above this many bytes the draws are kept in single precision for the quantiles.
DOUBLE_LIMIT = 2 * 1024**3


def _same(flat: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Columns where every row equals ``value`` (NaN equal to NaN)."""
    # Two reductions without temporaries; a NaN anywhere makes a column's maximum and minimum NaN.
    same = (flat.max(axis=0) == value) & (flat.min(axis=0) == value)
    nan = np.isnan(value)
    if nan.any():
        same[nan] = np.all(np.isnan(flat[:, nan]), axis=0)
    return same


class _Kept:
    """One variable's draws, kept only where they differ: a column (a year, segment, ...) equal in
    every draw so far (an observed year, say) is one number, so that many draws fit in memory. A
    column that starts to differ in a later chunk is kept from then on, its earlier draws filled
    with the number they all had, so nothing is approximated."""

    def __init__(self, n: int, first: np.ndarray, dtype) -> None:
        flat = first.reshape(len(first), -1)
        self.shape, self.n, self.dtype, self.filled = first.shape[1:], n, dtype, 0
        self.value = flat[0].astype(float)  # the columns' common value where they agree
        same = _same(flat, flat[0])
        self.cols, self.steady = np.flatnonzero(~same), np.flatnonzero(same)
        self.data = np.empty((n, len(self.cols)), dtype=dtype)
        self.add(first)

    def add(self, values: np.ndarray) -> None:
        flat = values.reshape(len(values), -1)
        steady = self.steady
        moved = steady[~_same(flat, self.value)[steady]]
        if len(moved):
            cols = np.union1d(self.cols, moved)
            data = np.empty((self.n, len(cols)), dtype=self.dtype)
            data[:, np.searchsorted(cols, self.cols)] = self.data
            data[:, np.searchsorted(cols, moved)] = self.value[moved]
            self.cols, self.data = cols, data
            self.steady = np.setdiff1d(steady, moved)
        self.data[self.filled : self.filled + len(flat)] = flat[:, self.cols]
        self.filled += len(flat)

    def draws(self) -> np.ndarray:
        """Every draw, ``(n, ...)``."""
        out = np.empty((self.n, self.value.size), dtype=self.dtype)
        out[:] = self.value
        out[:, self.cols] = self.data
        return out.reshape((self.n, *self.shape))

    def quantiles(self, q: np.ndarray) -> np.ndarray:
        """``np.quantile(draws, q, axis=0)``, sorting only the columns that differ (NaN in any
        draw gives NaN)."""
        out = np.empty((len(q), self.value.size))
        out[:] = self.value
        if len(self.cols):
            out[:, self.cols] = np.quantile(self.data, q, axis=0)
        return out.reshape((len(q), *self.shape))


def _summaries(
    stored: dict[str, _Kept], q: np.ndarray, keep_draws: bool, threads: int
) -> dict[str, np.ndarray]:
    """Every variable's draws, or their quantiles: sorting releases the interpreter, so the
    variables are summarised ``threads`` at a time (the same bits as one after the other)."""
    if keep_draws:
        return {name: kept.draws() for name, kept in stored.items()}
    if threads <= 1:
        return {name: kept.quantiles(q) for name, kept in stored.items()}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads) as pool:
        return dict(zip(stored, pool.map(lambda kept: kept.quantiles(q), stored.values()), strict=True))


def _precision(ds, n: int, keep_draws: bool):
    """Double precision for the draws kept, or single above :data:`DOUBLE_LIMIT` bytes of them."""
    per_draw = sum(ds[v].size // ds.sizes["draw"] for v in ds.data_vars if "draw" in ds[v].dims)
    return np.float64 if keep_draws or n * per_draw * 8 <= DOUBLE_LIMIT else np.float32


def draws_for(sc, n: int, seed: int = 0, sampler: str = "sobol", data_dir=None) -> dict[str, Any]:
    """``n`` draws of the scenario's uncertain inputs (an error if it names none): path ->
    ``(n,)`` array, or for a ``fitted`` entry a mapping of the model's parameters to ``(n,)``
    arrays, drawn jointly (Krinsky-Robb, pseudo-random from the seed and the entry's place)."""
    from motorisasi.scenario.schema import ScenarioError
    from motorisasi.scenario.steps.demand import fitted_draws
    from motorisasi.scenario.steps.inputs import _where, resolve_base
    from motorisasi.scenario.uncertainty import check_observed_years, ownership_model_at, sample

    if not sc.uncertainty:
        raise ScenarioError(code="scenario.ensemble.no_uncertainty", where=_where(sc))
    if not 1 <= n <= MAX_DRAWS:
        raise ScenarioError(code="scenario.ensemble.draws_range", high=MAX_DRAWS, got=n)
    try:
        check_observed_years(sc, resolve_base(sc, data_dir).years.base)
        out: dict[str, Any] = dict(sample(sc.uncertainty, n, seed, sampler))
        for k, (path, spec) in enumerate(sc.uncertainty.items()):
            if spec.distribution == "fitted":
                entropy = int(np.random.SeedSequence([seed, k]).generate_state(1)[0])
                out[path] = fitted_draws(ownership_model_at(sc, path), sc, n, entropy, data_dir)
    except (ScenarioError, ValueError) as exc:
        raise ScenarioError(code="at", where=_where(sc), problem=exc) from None
    return out


def _part(value: Any, where: slice) -> Any:
    """A chunk of one input's draws (a mapping of arrays for a fitted model)."""
    return {k: v[where] for k, v in value.items()} if isinstance(value, Mapping) else value[where]


def _count(draws: Mapping[str, Any]) -> int:
    first = next(iter(draws.values()))
    return len(next(iter(first.values()))) if isinstance(first, Mapping) else len(first)


def _chunks(n: int, size: int) -> list[slice]:
    return [slice(i, min(i + size, n)) for i in range(0, n, max(size, 1))]


def run_chunk(sc, draws: Mapping[str, np.ndarray], data_dir=None):
    """One chunk of draws through the batched run (a function of plain inputs, for Dask too)."""
    from motorisasi.scenario.run import run

    return run(sc, data_dir=data_dir, draws=draws)


def run_chunk_packed(
    sc, draws: Mapping[str, np.ndarray], data_dir=None, single: bool = False
) -> dict[str, Any]:
    """:func:`run_chunk` for a Dask worker, packed for the trip back (:func:`unpack`): of each
    variable with draws only the columns (a year, a segment, ...) that differ between the chunk's
    draws travel, with one row for the rest, as plain arrays; an observed year is one number, so
    about a quarter of the bytes go over the network. With ``single`` (an ensemble that keeps its
    draws in single precision anyway) the differing columns travel in single precision; the
    common row stays double, as the ensemble keeps it."""
    ds = run_chunk(sc, draws, data_dir)
    packed = {}
    for name in [v for v in ds.data_vars if "draw" in ds[v].dims]:
        values = ds[name].values
        flat = values.reshape(len(values), -1)
        varying = np.flatnonzero(~_same(flat, flat[0]))
        data = flat[:, varying].astype(np.float32) if single else flat[:, varying]
        var = ds[name]
        packed[name] = (var.dims, dict(var.attrs), values.shape, flat[0].copy(), varying, data)
    return {"rest": ds.drop_vars(list(packed)), "order": list(ds.data_vars), "packed": packed}


def unpack(payload: dict[str, Any]):
    """The Dataset :func:`run_chunk_packed` packed, the same bits and order of variables."""
    import xarray as xr

    rest = payload["rest"]
    variables = {}
    for name in payload["order"]:
        if name not in payload["packed"]:
            variables[name] = rest[name].variable
            continue
        dims, attrs, shape, row, varying, data = payload["packed"][name]
        flat = np.empty((shape[0], row.size))
        flat[:] = row
        flat[:, varying] = data
        variables[name] = xr.Variable(dims, flat.reshape(shape), attrs)
    return xr.Dataset(variables, coords=rest.coords, attrs=rest.attrs)


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _in_threads(sc, parts: list, data_dir, threads: int):
    """Each part's run in order, ``threads`` at a time in this process; numpy lets go of the
    interpreter while it computes, so the chunks overlap. The first runs alone, so the caches
    of the data and the past that every chunk reads are filled once; at most ``threads`` chunks
    wait to be taken, so memory stays bounded."""
    from concurrent.futures import ThreadPoolExecutor

    yield run_chunk(sc, parts[0], data_dir)
    rest = iter(parts[1:])
    with ThreadPoolExecutor(threads, thread_name_prefix="motorisasi-draws") as pool:
        pending = deque(pool.submit(run_chunk, sc, part, data_dir) for part in islice(rest, threads))
        try:
            while pending:
                ds = pending.popleft().result()
                following = next(rest, None)
                if following is not None:
                    pending.append(pool.submit(run_chunk, sc, following, data_dir))
                yield ds
        finally:
            for future in pending:
                future.cancel()


#: Dask settings for the workers of a local cluster: numerical work on one thread each, memory
#: handed back to the system by the allocator's own rule (Dask's default trim threshold makes
#: every large array a fresh mapping, 40 % slower here), and no sampling profiler taking turns
#: with the computation.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
    "distributed.worker.profile.enabled": False,
}


def local_cluster(workers: int, **options):
    """A ``dask.distributed.LocalCluster`` of ``workers`` processes set up for ensembles
    (:data:`LOCAL_CLUSTER_CONFIG`); ``options`` go to the cluster."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", **options
        )


def run_chunks(
    sc,
    draws: Mapping[str, np.ndarray],
    data_dir=None,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
    threads: int | None = None,
    single: bool = False,
):
    """Yield the run of each chunk of ``draws`` in order: in this process on ``threads`` threads
    (every usable core when None), or on ``client`` (a ``dask.distributed.Client``) when one is
    given (``single``: the draws that differ travel back in single precision)."""
    n = _count(draws)
    parts = [{k: _part(v, s) for k, v in draws.items()} for s in _chunks(n, chunk)]
    done = 0
    if client is None:
        threads = min(threads or usable_cores(), len(parts))
        runs = (
            (run_chunk(sc, part, data_dir) for part in parts)
            if threads <= 1
            else _in_threads(sc, parts, data_dir, threads)
        )
        for part, ds in zip(parts, runs, strict=True):
            done += _count(part)
            if progress:
                progress(done, n)
            yield ds
        return
    # Sent once to every worker: each keeps one copy, and with it the caches of the data it reads.
    shared = client.scatter(sc, broadcast=True, hash=False)
    k = len(parts)
    futures = client.map(run_chunk_packed, [shared] * k, parts, [data_dir] * k, [single] * k, pure=False)
    for future, part in zip(futures, parts, strict=True):
        ds = unpack(future.result())
        done += _count(part)
        if progress:
            progress(done, n)
        yield ds


def ensemble(
    sc,
    n: int,
    seed: int = 0,
    sampler: str = "sobol",
    data_dir=None,
    chunk: int = DEFAULT_CHUNK,
    keep_draws: bool = False,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
    derived: Callable[[Any], Mapping[str, Any]] | None = None,
    threads: int | None = None,
):
    """Run ``n`` draws of the scenario's uncertain inputs; return their quantiles (or the draws).

    The result has the variables of a single run: those that depend on the draws with a
    ``quantile`` dimension (:data:`~motorisasi.scenario.ensemble.QUANTILES`), or with
    ``keep_draws`` a ``draw`` dimension, and
    ``input__<path>`` variables holding each input's draws. Its attributes record the draws,
    seed, sampler and the uncertainty section. The notes and calibration details of single runs
    are not kept (they would be those of the first chunk).

    ``derived`` computes further variables from each chunk's draws (a mapping of name to a
    DataArray with a ``draw`` dimension): a total or ratio must be summarised from its draws, not
    from the quantiles of its parts. ``threads`` run chunks at once in this process (every
    usable core when None; the results are the same bits on any number).
    """
    import xarray as xr

    from motorisasi.scenario.schema import Scenario, load_scenario

    if not isinstance(sc, Scenario):
        sc = load_scenario(sc)
    draws = draws_for(sc, n, seed, sampler, data_dir)
    single = False
    if client is not None and not keep_draws and derived is None and n > DEFAULT_CHUNK:
        # Known before the chunks go out (from two draws here), so that the workers send single
        # precision when the draws are to be kept in it (a derived variable is computed here
        # from the double-precision draws, so then they travel as they are).
        probe = run_chunk(sc, {k: _part(v, slice(0, 2)) for k, v in draws.items()}, data_dir)
        single = _precision(probe, n, keep_draws) == np.float32
    stored: dict[str, _Kept] = {}
    first = None
    dtype = np.float64
    for ds in run_chunks(sc, draws, data_dir, chunk, progress, client, threads, single):
        if derived is not None:
            ds = ds.assign(dict(derived(ds)))
        if first is None:
            first = ds
            dtype = _precision(ds, n, keep_draws)
            for name in ds.data_vars:
                if "draw" in ds[name].dims:
                    stored[name] = _Kept(n, ds[name].values, dtype)
            continue
        for name, kept in stored.items():
            kept.add(ds[name].values)
    assert first is not None
    out = first.drop_vars(list(stored))
    out = out.drop_vars([c for c in out.coords if str(c).startswith("headline_")])
    for key in ("register", "energy_calibration", "notes"):  # those of the first chunk only
        out.attrs.pop(key, None)
    q = np.asarray(QUANTILES)
    summaries = _summaries(stored, q, keep_draws, threads or usable_cores())
    for name, values in summaries.items():
        attrs = dict(first[name].attrs)
        dims = first[name].dims
        out[name] = xr.Variable(dims if keep_draws else ("quantile", *dims[1:]), values, attrs)
    if not keep_draws:
        out = out.assign_coords(quantile=q)
    for path, values in draws.items():
        for name, drawn in values.items() if isinstance(values, Mapping) else [("", values)]:
            label = f"{path}.{name}" if name else path
            out[f"input__{label}"] = xr.Variable(
                ("draw",), drawn, {"long_name": f"Draws of {label}, in the unit of that scenario field"}
            )
    out = out.transpose("quantile", ...) if not keep_draws else out
    out.attrs.update(
        {
            "draws": int(n),
            "seed": int(seed),
            "sampler": sampler,
            "precision": "double" if dtype == np.float64 else "single (many draws)",
            "uncertainty": json.dumps(
                {p: spec.model_dump(mode="json", exclude_none=True) for p, spec in sc.uncertainty.items()},
                ensure_ascii=False,
            ),
        }
    )
    return out
