"""Ensembles and sensitivity: time per draw in one batched pass against looping single runs.

    python benchmarks/ensemble.py [--draws 10000] [--loop 20] [--sobol 1024] [--big] [--dask]
                                  [--dask-draws 100000]

Everything is measured in one process, in one run, as ratios where it can be (machines here are
noisy), the batched draws on one thread and on every core (the default): the baseline's
uncertainty section (five inputs; every segment's register and distance
calibrated again in each draw); ``--big`` adds 100,000 draws with the peak memory; ``--dask``
compares a local Dask cluster of two processes with one (on 100,000 draws).
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from motorisasi.scenario.ensemble import ensemble, local_cluster, usable_cores
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import Uncertain, load_scenario
from motorisasi.scenario.sensitivity import scenario_sensitivity
from motorisasi.scenario.uncertainty import sample

#: Five more inputs for a ten-input sensitivity analysis (benchmark only).
MORE = {
    "segments.commercial.lifetime.std_years": Uncertain(
        distribution="uniform", low=5, high=11, reason="bench"
    ),
    "segments.motorcycles.lifetime.std_years": Uncertain(
        distribution="uniform", low=3, high=7, reason="bench"
    ),
    "energy.charging_loss": Uncertain(distribution="uniform", low=0.1, high=0.16, reason="bench"),
    "segments.cars.energy.BEV.intensity_mj_per_km": Uncertain(
        distribution="uniform", low=0.5, high=0.7, reason="bench"
    ),
    "segments.cars.energy.ICE.improvement_pct": Uncertain(
        distribution="uniform", low=0, high=1, reason="bench"
    ),
}


def seconds(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--loop", type=int, default=20, help="single runs looped for the comparison")
    parser.add_argument("--sobol", type=int, default=1024, help="SALib base sample N (10 inputs)")
    parser.add_argument("--big", action="store_true", help="also 100,000 draws")
    parser.add_argument("--dask", action="store_true", help="also a 2-process Dask cluster against 1")
    parser.add_argument("--dask-draws", type=int, default=100_000, help="draws of the Dask comparison")
    args = parser.parse_args()

    sc = load_scenario("baseline")
    run(sc)  # warm: data read, imports
    single = min(seconds(lambda: run(sc)) for _ in range(5))
    draws = sample(sc.uncertainty, args.loop, seed=1)
    looped = seconds(
        lambda: [run(sc, draws={k: v[i : i + 1] for k, v in draws.items()}) for i in range(args.loop)]
    )
    per_loop = looped / args.loop
    ensemble(sc, 64)
    one = seconds(lambda: ensemble(sc, args.draws, seed=1, threads=1))
    cores = usable_cores()
    batched = seconds(lambda: ensemble(sc, args.draws, seed=1))
    per_one, per_batched = one / args.draws, batched / args.draws
    print(f"{'what':56} {'seconds':>9} {'ms/draw':>9}")
    print(f"{'one warm run of the baseline':56} {single:9.3f} {1000 * single:9.2f}")
    print(f"{f'{args.loop} draws as single runs in a loop':56} {looped:9.3f} {1000 * per_loop:9.2f}")
    print(f"{f'{args.draws:,} draws, batched, one thread':56} {one:9.3f} {1000 * per_one:9.2f}")
    print(
        f"{f'{args.draws:,} draws, batched, {cores} threads (the default)':56} "
        f"{batched:9.3f} {1000 * per_batched:9.2f}"
    )
    print(
        f"per draw, batched is {per_loop / per_one:.0f}x faster than looping single runs on one "
        f"thread, {per_loop / per_batched:.0f}x on {cores}"
    )
    print(f"peak memory so far: {peak_mib():,.0f} MiB")

    wide = sc.model_copy(update={"uncertainty": {**sc.uncertainty, **MORE}})
    runs = args.sobol * (len(wide.uncertainty) + 2)
    took = seconds(lambda: scenario_sensitivity(wide, "co2_wtw", 2040, n_base=args.sobol, seed=1))
    print(f"Sobol indices, 10 inputs, N = {args.sobol} ({runs:,} runs): {took:.1f} s")

    if args.big:
        took = seconds(lambda: ensemble(sc, 100_000, seed=1))
        print(f"100,000 draws: {took:.1f} s, peak memory {peak_mib():,.0f} MiB")

    if args.dask:
        from dask.distributed import Client

        n = args.dask_draws
        times = {}
        for workers in (1, 2):
            cluster = local_cluster(workers)
            with cluster, Client(cluster) as client:
                ensemble(sc, 64, client=client)  # warm the workers
                times[workers] = seconds(lambda c=client: ensemble(sc, n, seed=1, client=c))
        print(
            f"Dask, {n:,} draws: 1 worker {times[1]:.1f} s, 2 workers {times[2]:.1f} s "
            f"({times[1] / times[2]:.2f}x)"
        )
    print(f"(numpy {np.__version__})")


if __name__ == "__main__":
    main()
