"""Run the same stock-turnover cases through flodym, the independent model we cross-check against.

flodym (https://pypi.org/project/flodym/) evaluates survival at age ``t - c + d`` with
``d = 0, 0.5, 1`` for ``inflow_at = "end", "middle", "start"``, which is our ``entry``
convention; its normal lifetime is the plain (untruncated) normal.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

FLODYM_LIFETIMES = {
    # our distribution -> (flodym class name, our parameter -> flodym parameter)
    "normal": ("NormalLifetime", {"mean": "mean", "std": "std"}),
    "lognormal": ("LogNormalLifetime", {"mean": "mean", "std": "std"}),
    "weibull": ("WeibullLifetime", {"shape": "weibull_shape", "scale": "weibull_scale"}),
    "fixed": ("FixedLifetime", {"lifetime": "mean"}),
}


def flodym_run(
    mode: str, series: np.ndarray, distribution: str, entry: str, **params: Any
) -> dict[str, np.ndarray]:
    """Inflow-driven (``mode="inflow"``) or stock-driven (``"stock"``) run of N x T series.

    ``params`` are scalars or arrays of shape (N,). Returns inflow, stock and outflow, (N, T).
    """
    import flodym as fd

    n, n_years = series.shape
    dims = fd.DimensionSet(
        dim_list=[
            fd.Dimension(name="time", letter="t", items=list(range(n_years))),
            fd.Dimension(name="series", letter="r", items=list(range(n))),
        ]
    )
    class_name, names = FLODYM_LIFETIMES[distribution]
    values = {names[k]: np.broadcast_to(np.asarray(v, float), (n_years, n)).copy() for k, v in params.items()}
    lifetime = getattr(fd, class_name)(dims=dims, inflow_at=entry, **values)
    if mode == "inflow":
        model = fd.InflowDrivenDSM(dims=dims, lifetime_model=lifetime)
        model.inflow[...] = series.T
    else:
        model = fd.StockDrivenDSM(dims=dims, lifetime_model=lifetime)
        model.stock[...] = series.T
    model.compute()
    return {k: getattr(model, k).values.T.copy() for k in ("inflow", "stock", "outflow")}


def peak_memory(func: Callable[[], object]) -> int:
    """Peak bytes that numpy and Python allocate while ``func`` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak
