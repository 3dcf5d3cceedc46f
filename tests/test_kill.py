"""Runs killed with SIGKILL leave the complete previous set or the complete new one, and no junk.

Two scenarios with the same name but different numbers write different bytes to the same
four files, so after a kill the folder can be checked file by file: every file must belong to
one version. A kill after the set was committed (its manifest written) but before all files
were renamed is finished by the next command that writes into the folder (the journal is
rolled forward); that command also removes every staging folder a kill left.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motorisasi.outputs.files import MANIFEST, STAGING_PREFIX, OutputSet
from motorisasi.scenario.schema import LIBRARY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

BASE = (LIBRARY / "baseline.yaml").as_posix()
NAMES = ("kill.csv", "kill_iamc.csv", "kill.xlsx", "kill.nc")
SEED = int(os.environ.get("MOTORISASI_KILL_SEED", "20261202"))


def scenarios(folder: Path) -> list[Path]:
    """Two versions of one scenario (same name, different sales growth): different bytes."""
    paths = []
    for i, growth in enumerate((0, 3)):
        path = folder / f"v{i}.yaml"
        path.write_text(
            f"extends: {BASE}\nname: kill\nsegments: {{cars: {{demand: {{type: sales_growth, "
            f"growth_pct: {growth}}}}}}}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from motorisasi.outputs.cli import main; main()", *args]


def final_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def version_of(files: dict[str, bytes], versions: list[dict[str, bytes]], names) -> int:
    """Which complete version the files are (index into ``versions``); fails on a mixture."""
    assert set(files) == set(names), sorted(files)
    for i, version in enumerate(versions):
        if all(files[n] == version[n] for n in names):
            return i
    mixed = {n: [i for i, v in enumerate(versions) if v[n] == files[n]] for n in names}
    raise AssertionError(f"a mixture of versions (file -> versions it equals): {mixed}")


def finish(folder: Path) -> None:
    """What the next command does first: take the lock and finish or discard what was left."""
    with OutputSet(folder):
        pass


def complete_versions(tmp_path: Path, cmd, names) -> tuple[list[dict[str, bytes]], list[float]]:
    """Run each version to completion once: the bytes of each version and the time taken."""
    versions, times = [], []
    for i, args in enumerate(cmd):
        out = tmp_path / f"complete{i}"
        start = time.perf_counter()
        subprocess.run(command(*args(out)), check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        versions.append(final_files(out))
        assert set(versions[-1]) == set(names)
    assert versions[0] != versions[1]
    return versions, times


def put(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def run_versions(tmp_path_factory):
    """The two scenario files and the complete outputs of each, with their run times."""
    folder = tmp_path_factory.mktemp("versions")
    paths = scenarios(folder)
    cmd = [lambda out, p=p: ("run", str(p), "--out", str(out)) for p in paths]
    versions, times = complete_versions(folder, cmd, NAMES)
    return cmd, versions, times


def kill_loop(out: Path, cmd, names, versions, times, rounds: int) -> dict[str, int]:
    """Kill ``rounds`` runs at random moments; returns how often each state was seen."""
    put(out, versions[0])
    current = 0
    seen = {"untouched": 0, "staging": 0, "committed": 0}
    rng = random.Random(SEED)
    for _ in range(rounds):
        following = 1 - current
        # Most kills land while the files are drawn and written, at the end of the run.
        delay = rng.uniform(0.55, 1.1) * times[following]
        child = subprocess.Popen(
            command(*cmd[following](out)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        staged = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
        committed = any((p / MANIFEST).exists() for p in staged)
        seen["committed" if committed else "staging" if staged else "untouched"] += 1
        if not committed:
            assert version_of(final_files(out), versions, names) in (current, following)
        finish(out)  # the next command: rolls a committed set forward, removes staging folders
        current = version_of(final_files(out), versions, names)
        assert sorted(p.name for p in out.iterdir()) == sorted(names)  # no stray files
        if committed:
            assert current == following
    return seen


@pytest.mark.slow
def test_killed_runs_leave_one_complete_set(tmp_path, run_versions):
    cmd, versions, times = run_versions
    seen = kill_loop(tmp_path / "out", cmd, NAMES, versions, times, rounds=5)
    assert seen["staging"] > 0  # some kills landed while the files were being written


@pytest.mark.slow
def test_killed_pdf_reports_leave_one_complete_set(tmp_path):
    paths = scenarios(tmp_path)
    cmd = [lambda out, p=p: ("report", str(p), "--out", str(out / "report.html"), "--pdf") for p in paths]
    names = ("report.html", "report.pdf")
    versions, times = complete_versions(tmp_path, cmd, names)
    seen = kill_loop(tmp_path / "out", cmd, names, versions, times, rounds=3)
    assert seen["staging"] > 0


CRASH = """
import os, signal, sys
from motorisasi.outputs import files

real, count = os.replace, [0]

def replace(src, dst):
    if count[0] == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)
    count[0] += 1
    real(src, dst)

files.os.replace = replace
from motorisasi.outputs.cli import main
main(sys.argv[2:])
"""


@pytest.mark.parametrize("at", range(5))
def test_a_kill_at_each_step_of_the_commit_is_finished_or_undone(tmp_path, run_versions, at):
    """Renames in a commit: the manifest first (step 0), then the four files (steps 1-4)."""
    cmd, versions, _ = run_versions
    out = tmp_path / "out"
    put(out, versions[0])
    killed = subprocess.run([sys.executable, "-c", CRASH, str(at), *cmd[1](out)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    if at == 0:  # killed before the manifest was in place: the old set, untouched
        assert version_of(final_files(out), versions, NAMES) == 0
    else:  # killed after it: some files are new, some old, until the next command finishes them
        assert {n for n, d in final_files(out).items() if d == versions[1][n]} == set(NAMES[: at - 1])
    finish(out)
    assert version_of(final_files(out), versions, NAMES) == (0 if at == 0 else 1)
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
