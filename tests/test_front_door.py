"""The front door: ``import motorisasi as m`` and ``m.run``, ``m.gap``, ... work, lazily."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import motorisasi as m


def test_importing_the_package_loads_no_numerical_library():
    code = (
        "import sys, motorisasi; print(sorted(k for k in ('numpy', 'xarray', 'pandas') if k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_front_door_lists_and_gives_the_project_functions():
    from motorisasi.scenario.gap import ownership_gap
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import load_scenario

    assert {"run", "load_scenario", "gap", "ensemble", "fit_ownership", "data"} <= set(dir(m))
    assert m.run is run and m.gap is ownership_gap and m.load_scenario is load_scenario
    assert m.data.load("population").attrs["unit"] == "persons"
    with pytest.raises(AttributeError, match="no attribute 'runn'"):
        m.runn  # noqa: B018


def test_the_readme_line_works():
    # python -c "import motorisasi as m; print(m.run('baseline').ownership_per_1000.sel(year=2030))"
    code = (
        "import motorisasi as m; print(m.run('baseline').ownership_per_1000.sel(year=2030).values.tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    direct = m.run("baseline").ownership_per_1000.sel(year=2030).values
    np.testing.assert_allclose(eval(out.stdout), direct, rtol=1e-12)
