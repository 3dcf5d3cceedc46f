"""The one registry of variables: every variable a run gives is labelled from it, and the
exports read their Excel topics and IAMC names from it."""

from __future__ import annotations

import pytest

from motorisasi.outputs import export
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario, with_regions
from motorisasi.scenario.variables import IAMC, TOPICS, VARIABLES


@pytest.fixture(scope="module")
def runs():
    shipped = [run(name, by_age=True) for name in ("baseline", "target-150", "ev-roadmap")]
    return [*shipped, run(with_regions(load_scenario("baseline"), "provinces"))]


def test_every_variable_of_every_shipped_run_comes_from_the_registry(runs):
    seen = set()
    for ds in runs:
        for name, da in ds.data_vars.items():
            spec = VARIABLES[name]
            assert da.dims == spec.dims, name
            assert da.attrs == {"units": spec.units, "long_name": spec.long_name}, name
            seen.add(name)
    assert seen == set(VARIABLES)  # and no entry that no run gives


def test_topics_and_iamc_names_are_the_registrys():
    assert export.TOPICS is TOPICS and export.IAMC is IAMC
    assert set(TOPICS) == {
        "fleet",
        "sales",
        "energy",
        "emissions",
        "drivers",
        "industry",
        "fiscal",
        "regions",
    }
    listed = [n for names in TOPICS.values() for n in names]
    assert len(listed) == len(set(listed))
    assert all(VARIABLES[n].topic == t for t, names in TOPICS.items() for n in names)
    assert IAMC["energy"][0] == "Final Energy|Transportation|Road"
    assert all(scale > 0 for _, _, scale in IAMC.values())
