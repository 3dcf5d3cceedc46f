"""Speed and memory of the stock-turnover engine, against the machine's BLAS and against flodym.

Run from the repository root::

    python benchmarks/stock_engine.py            # N = 1, 1,000, 10,000, 100,000 series x 60 years
    python benchmarks/stock_engine.py --quick    # N = 1, 1,000

For each batch size N it times, in the same process, inflow-driven and stock-driven runs with
one normal lifetime shared by all series and with one normal lifetime per series. Each timing
includes building the survival curves and is the best of several repeats. It prints

- series-years per second (N x 60 / time);
- the engine's arithmetic rate (T (T + 1) flops per series: the multiply-adds of the
  cohort sum) as a fraction of the machine's float64 matrix-multiply rate, measured here;
- with flodym installed (``pip install ".[benchmark]"``), flodym's time on the same batch,
  the ratio, and the largest relative difference between the two results;
- the peak memory (tracemalloc) of both at N = 10,000 with one lifetime per series.

flodym keeps four dense T x T x N arrays, so it is skipped above ``--flodym-max`` series
(default 10,000; 100,000 would need about 12 GB).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.flodym_runner import peak_memory

from motorisasi.model.stock import inflow_driven, stock_driven
from motorisasi.model.survival import survival_curve

T = 60
ENTRY = "middle"


def best_time(func: Callable[[], object], repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def matmul_flops(repeats: int = 5) -> float:
    """float64 matrix-multiply rate of this machine, flop/s (n = 1,000)."""
    n = 1000
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    seconds, _ = best_time(lambda: a @ b, repeats)
    return 2 * n**3 / seconds


def engine(mode: str, series: np.ndarray, mean: np.ndarray, std: np.ndarray):
    survival = survival_curve("normal", T, entry=ENTRY, truncate=False, mean=mean, std=std)
    run = inflow_driven if mode == "inflow" else stock_driven
    result = run(series, survival)
    return result.stock if mode == "inflow" else result.inflow, result.outflow


def flodym(mode: str, series: np.ndarray, mean: np.ndarray, std: np.ndarray):
    from tests.flodym_runner import flodym_run

    n = series.shape[0]
    out = flodym_run(
        mode, series, "normal", ENTRY, mean=np.broadcast_to(mean, (n,)), std=np.broadcast_to(std, (n,))
    )
    return (out["stock"] if mode == "inflow" else out["inflow"]), out["outflow"]


def relative_difference(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> float:
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        scale = np.maximum(np.abs(y).max(axis=-1, keepdims=True), 1e-300)
        worst = max(worst, float((np.abs(x - y) / scale).max()))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only N = 1 and 1,000")
    parser.add_argument("--flodym-max", type=int, default=10_000, help="largest N run through flodym")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    try:
        import flodym as _  # noqa: F401

        have_flodym = True
    except ImportError:
        have_flodym = False

    sizes = [1, 1_000] if args.quick else [1, 1_000, 10_000, 100_000]
    gemm = matmul_flops()
    print(f"float64 matrix multiply (n = 1,000): {gemm / 1e9:.1f} GFLOP/s")
    print(f"T = {T} years, entry = {ENTRY!r}, plain normal lifetimes; times include the survival curves\n")
    header = (
        f"{'mode':<7}{'survival':<11}{'N':>8}{'time ms':>10}{'series-yr/s':>13}{'of GEMM':>9}"
        f"{'flodym ms':>11}{'speed-up':>10}{'max rel diff':>14}"
    )
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(42)
    for n in sizes:
        series = np.cumsum(rng.uniform(0, 1000, (n, T)), axis=-1)
        per_series = (rng.uniform(10, 20, n), rng.uniform(2, 6, n))
        shared = (np.array(15.0), np.array(5.0))
        for mode in ("inflow", "stock"):
            for label, (mean, std) in (("shared", shared), ("per-series", per_series)):
                repeats = args.repeats if n <= 10_000 else max(1, args.repeats - 1)
                seconds, ours = best_time(lambda m=mode, x=series, a=mean, s=std: engine(m, x, a, s), repeats)
                rate = n * T / seconds
                fraction = n * T * (T + 1) / seconds / gemm
                line = f"{mode:<7}{label:<11}{n:>8,}{seconds * 1e3:>10.2f}{rate:>13.3g}{fraction:>9.1%}"
                if have_flodym and n <= args.flodym_max:
                    theirs_s, theirs = best_time(
                        lambda m=mode, x=series, a=mean, s=std: flodym(m, x, a, s), min(repeats, 2)
                    )
                    diff = relative_difference(ours, theirs)  # type: ignore[arg-type]
                    line += f"{theirs_s * 1e3:>11.1f}{theirs_s / seconds:>9.1f}x{diff:>14.1e}"
                print(line, flush=True)

    if have_flodym and not args.quick:
        n = 10_000
        series = np.cumsum(rng.uniform(0, 1000, (n, T)), axis=-1)
        mean, std = rng.uniform(10, 20, n), rng.uniform(2, 6, n)
        print(f"\nPeak memory (tracemalloc), N = {n:,}, one normal lifetime per series:")
        for mode in ("inflow", "stock"):
            ours = peak_memory(lambda m=mode: engine(m, series, mean, std))
            theirs = peak_memory(lambda m=mode: flodym(m, series, mean, std))
            print(
                f"  {mode}-driven: motorisasi {ours / 2**20:8.1f} MiB, flodym {theirs / 2**20:8.1f} MiB "
                f"({theirs / ours:.0f}x)"
            )
    elif not have_flodym:
        print('\nflodym is not installed: pip install ".[benchmark]" to compare with it.')


if __name__ == "__main__":
    main()
