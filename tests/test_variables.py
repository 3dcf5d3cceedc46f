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


def test_every_unit_parses_in_pint_with_the_dimensions_it_should_have():
    pint = pytest.importorskip("pint")
    from motorisasi.scenario.units import registry

    ureg = registry()
    for spec in VARIABLES.values():
        ureg.parse_units(spec.units)  # raises for a unit pint cannot read
    dims = {name: ureg.parse_units(spec.units).dimensionality for name, spec in VARIABLES.items()}
    assert dims["ownership_per_1000"] == ureg.parse_units("vehicle / person").dimensionality
    assert dims["energy"] == ureg.parse_units("J / s").dimensionality
    assert dims["co2_ttw"] == ureg.parse_units("kg / s").dimensionality
    assert dims["vkt"] == ureg.parse_units("vehicle * m / s").dimensionality
    assert dims["sales_share"] == pint.util.UnitsContainer()
    # A value converts as its wording says: 1 vehicle per 1,000 people is 0.001 per person.
    assert ureg.Quantity(1.0, VARIABLES["ownership_per_1000"].units).to("vehicle / person").magnitude == 0.001
    assert ureg.Quantity(1.0, VARIABLES["fuel_subsidy"].units).to("IDR / a").magnitude == 1e12


def test_every_variable_of_a_run_and_an_ensemble_carries_a_unit_pint_reads(runs):
    pytest.importorskip("pint")
    from motorisasi.scenario.ensemble import ensemble
    from motorisasi.scenario.schema import load_scenario
    from motorisasi.scenario.units import registry

    ureg = registry()
    found = ensemble(load_scenario("baseline"), 16, seed=0)
    for ds in [*runs, found]:
        for name, da in ds.data_vars.items():
            if "units" in da.attrs:
                ureg.parse_units(da.attrs["units"])
            else:
                assert name.startswith("input__"), name  # draws of inputs: the scenario field's unit


@pytest.mark.parametrize("kind", ["national", "provinces", "ensemble"])
def test_the_netcdf_passes_the_cf_checker(tmp_path, kind):
    pytest.importorskip("compliance_checker")
    import json

    from compliance_checker.runner import CheckSuite, ComplianceChecker

    from motorisasi.outputs.export import CF_UNITS, _netcdf_bytes
    from motorisasi.scenario.ensemble import ensemble
    from motorisasi.scenario.schema import load_scenario, with_regions

    baseline = load_scenario("baseline")
    ds = {
        "national": lambda: run(baseline),
        "provinces": lambda: run(with_regions(baseline, "provinces")),
        "ensemble": lambda: ensemble(baseline, 8, seed=0),
    }[kind]()
    path = tmp_path / "run.nc"
    path.write_bytes(_netcdf_bytes(ds))
    CheckSuite.load_all_available_checkers()
    report = tmp_path / "report.json"
    passed, had_errors = ComplianceChecker.run_checker(
        str(path), ["cf:1.8"], 0, "normal", output_filename=str(report), output_format="json"
    )
    found = json.loads(report.read_text(encoding="utf-8"))
    high = [m for r in found.values() for m in r.get("high_priorities", []) if m.get("msgs")]
    assert passed and not had_errors, high
    assert set(CF_UNITS) == {spec.units for spec in VARIABLES.values()}  # every unit has its CF form
