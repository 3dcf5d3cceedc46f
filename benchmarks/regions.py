"""A run with 38 (or 34) provinces against the national run, warm, alternating in one process.

    python benchmarks/regions.py [--repeats 30]

The provinces are one batched pass over a ``region`` axis (no loop over provinces); the target
is under 2x the national run's time. Runs alternate (national, provinces, provinces-34) so that
the machine's noise falls on all of them alike; the table gives medians and ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time

from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario, with_regions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--scenario", default="baseline")
    args = parser.parse_args()
    national = load_scenario(args.scenario)
    cases = {
        "national": national,
        "38 provinces": with_regions(national, "provinces"),
        "34 provinces": with_regions(national, "provinces-34"),
    }
    for sc in cases.values():  # warm: data read, fits and region data cached
        run(sc)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeats):
        for name, sc in cases.items():
            start = time.perf_counter()
            run(sc)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["national"])
    print(f"{args.scenario}, warm runs, median of {args.repeats} (alternating)")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:14s} {median * 1000:7.1f} ms   {median / base:4.2f}x the national run")


if __name__ == "__main__":
    main()
