"""Time of one scenario run in a warm process (what goal-seeking and a dashboard would pay).

    python benchmarks/scenario_run.py [--repeats 20]

Reports the median of repeated runs of the shipped scenarios, against one call of the stock
engine on the same problem size in the same process, since machines here are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from motorisasi.model import inflow_driven, survival_curve
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario


def timed(func, repeats: int) -> float:
    func()  # warm up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    sf = survival_curve("normal", 200, mean=20.0, std=6.0)
    engine = timed(lambda: inflow_driven(np.full((3, 36), 1e6), sf, by_cohort=True), args.repeats)
    print(f"{'what':40} {'median ms':>10} {'x engine':>9}")
    print(f"{'stock engine, 3 segments x 36 years':40} {1000 * engine:10.2f} {1.0:9.1f}")
    for name in ("baseline", "target-150", "ev-roadmap"):
        scenario = load_scenario(name)
        t = timed(lambda s=scenario: run(s), args.repeats)
        print(f"{'run(' + name + ')':40} {1000 * t:10.2f} {t / engine:9.1f}")


if __name__ == "__main__":
    main()
