"""Wall time of command-line calls, against a bare Python start-up in the same run.

    python benchmarks/cli_latency.py [--repeats 5]

Each command runs in a fresh process (as a user would run it); the table gives the median
and the ratio to ``python -c pass`` measured alongside, since machines here are noisy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "motorisasi --help": ["motorisasi", "--help"],
    "motorisasi gap --target 150 --by 2030": ["motorisasi", "gap", "--target", "150", "--by", "2030"],
    "motorisasi gap --target 150 --by 2035 --lang id": [
        "motorisasi",
        "gap",
        "--target",
        "150",
        "--by",
        "2035",
        "--lang",
        "id",
    ],
    "motorisasi gap --json": ["motorisasi", "gap", "--json"],
    "motorisasi data ownership --year 2024": ["motorisasi", "data", "ownership", "--year", "2024"],
    "motorisasi run --no-files": ["motorisasi", "run", "--no-files"],
}
OUT = Path(tempfile.mkdtemp(prefix="motorisasi-bench-"))
COMMANDS["motorisasi report"] = ["motorisasi", "report", "--out", str(OUT / "r.html")]
COMMANDS["motorisasi report --pdf --lang id"] = [
    "motorisasi",
    "report",
    "--pdf",
    "--lang",
    "id",
    "--out",
    str(OUT / "l.html"),
]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("motorisasi") is None:
        sys.exit("motorisasi is not installed (pip install .)")
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeats):  # interleaved, so that load changes hit every command alike
        for name, command in COMMANDS.items():
            times[name].append(wall(command))
    bare = statistics.median(times["python -c pass"])
    print(f"{'command':50} {'median s':>9} {'max s':>7} {'x bare':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:50} {median:9.2f} {max(values):7.2f} {median / bare:7.1f}")
    shutil.rmtree(OUT, ignore_errors=True)


if __name__ == "__main__":
    main()
