"""The command line: version, help, the demo, and one-line errors for user mistakes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from motorisasi import __version__
from motorisasi.outputs.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"motorisasi {__version__}"


def test_help_lists_the_commands_without_importing_numerical_libraries():
    code = (
        "import sys; from motorisasi.outputs.cli import main; sys.argv = ['motorisasi', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('numpy' in sys.modules, 'scipy' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "demo" in out
    assert "data" in out
    assert out.strip().splitlines()[-1] == "False False False"


def test_a_run_does_not_import_dask_arrays_and_xarray_still_knows_them():
    pytest.importorskip("dask.array")
    code = (
        "import sys\n"
        "from motorisasi.scenario.run import run\n"
        "run('baseline')\n"
        "print('dask.array' in sys.modules)\n"
        "import dask.array as da, xarray as xr\n"
        "v = xr.DataArray(da.ones((3, 4), chunks=2), dims=('a', 'b'))\n"
        "print(type(v.data).__module__, v.chunks)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["False", "dask.array.core ((2, 1), (2, 2))"]


def test_demo_prints_a_consistent_table():
    result = runner.invoke(
        app, ["demo", "--years", "30", "--sales", "1000", "--growth", "0", "--every", "29"]
    )
    assert result.exit_code == 0, result.output
    assert "Illustrative inputs" in result.output
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in result.output.splitlines()]
    rows = [row for row in cells if row[0].isdigit()]
    # Year 1 and year 30 rows: sales 1,000, and the stock-driven column gives the same sales back.
    assert [row[0] for row in rows] == ["1", "30"]
    assert all(row[1] == "1,000" and row[-1] == "1,000" for row in rows)


def test_user_mistakes_give_one_error_line_and_exit_code_2():
    for args, needle in [
        (["demo", "--lifetime", "-3"], "mean must be > 0, got -3.0"),
        (["demo", "--distribution", "exponential"], "distribution must be one of"),
        (["demo", "--entry", "later"], "entry must be"),
        (["demo", "--growth", "-2"], "growth must be above -1"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert needle in result.output
        assert "Traceback" not in result.output
        assert len([line for line in result.output.splitlines() if line.strip()]) == 1
