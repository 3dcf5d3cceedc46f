"""The engine agrees with flodym (an independent open-source stock model) under the same conventions."""

from __future__ import annotations

import numpy as np
import pytest

from motorisasi.model.stock import inflow_driven, stock_driven
from motorisasi.model.survival import survival_curve

pytest.importorskip("flodym")

from tests.flodym_runner import flodym_run, peak_memory

N, T = 6, 60
rng = np.random.default_rng(2024)
PARAMS = {
    "normal": {"mean": rng.uniform(8, 20, N), "std": rng.uniform(1, 6, N)},
    "lognormal": {"mean": rng.uniform(8, 20, N), "std": rng.uniform(1, 8, N)},
    "weibull": {"shape": rng.uniform(1, 4, N), "scale": rng.uniform(8, 20, N)},
    "fixed": {"lifetime": rng.integers(3, 30, N).astype(float)},
}


def relative_error(ours: np.ndarray, theirs: np.ndarray) -> float:
    scale = np.maximum(np.abs(theirs).max(axis=-1, keepdims=True), 1e-300)
    return float((np.abs(ours - theirs) / scale).max())


def curves(distribution: str, entry: str, shared: bool) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    params = {k: (v[:1] if shared else v) for k, v in PARAMS[distribution].items()}
    options = {"truncate": False} if distribution == "normal" else {}
    survival = survival_curve(distribution, T, entry=entry, **options, **params)
    return (survival[0] if shared else survival), params


@pytest.mark.parametrize("shared", [True, False], ids=["shared-curve", "curve-per-series"])
@pytest.mark.parametrize("entry", ["end", "middle", "start"])
@pytest.mark.parametrize("distribution", sorted(PARAMS))
def test_inflow_and_stock_driven_agree_with_flodym(distribution, entry, shared):
    survival, params = curves(distribution, entry, shared)
    inflow = rng.uniform(0, 1e6, (N, T))
    ours = inflow_driven(inflow, survival)
    theirs = flodym_run("inflow", inflow, distribution, entry, **params)
    assert relative_error(ours.stock, theirs["stock"]) < 1e-9
    assert relative_error(ours.outflow, theirs["outflow"]) < 1e-9

    stock = np.cumsum(rng.uniform(0, 1e6, (N, T)), axis=-1)
    ours = stock_driven(stock, survival)
    theirs = flodym_run("stock", stock, distribution, entry, **params)
    assert relative_error(ours.inflow, theirs["inflow"]) < 1e-9
    assert relative_error(ours.outflow, theirs["outflow"]) < 1e-9


@pytest.mark.parametrize("mode", ["inflow", "stock"])
def test_uses_less_memory_than_flodym(mode):
    n = 1000
    mean, std = rng.uniform(10, 20, n), rng.uniform(2, 6, n)
    series = np.cumsum(rng.uniform(0, 1, (n, T)), axis=-1)

    def ours() -> None:
        survival = survival_curve("normal", T, truncate=False, mean=mean, std=std)
        (inflow_driven if mode == "inflow" else stock_driven)(series, survival)

    ours_peak = peak_memory(ours)
    theirs_peak = peak_memory(lambda: flodym_run(mode, series, "normal", "middle", mean=mean, std=std))
    assert ours_peak < theirs_peak / 10
