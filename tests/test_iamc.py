"""The IAMC file: the names and units of the IAMC common definitions where this model's quantity
has one, scale factors that pint confirms, and a file that pyam reads."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

import motorisasi as m
from motorisasi.outputs.export import IAMC_COLUMNS, csv_bytes, iamc
from motorisasi.scenario.variables import COMMON_DEFINITIONS, IAMC, VARIABLES

# Copied from IAMconsortium/common-definitions at commit d877b5f56386317b66214bdb8cc694befda5596c,
# folder definitions/variable: the variables this model reports, with their units ...
DEFINITIONS = {
    # population/population.yaml
    "Population": "million",
    # transport/stocks-sales.yaml
    "Sales|Transportation|{Vehicle Type}": "million",
    "Sales|Transportation|{Vehicle Type}|{Drive Type}": "million",
    "Stocks|Transportation|{Vehicle Type}": "million",
    "Stocks|Transportation|{Vehicle Type}|{Drive Type}": "million",
    # energy/final-energy.yaml
    "Final Energy|{Sector}": "EJ/yr",
    "Final Energy|{Sector}|Electricity": "EJ/yr",
    "Final Energy|{Sector}|{Secondary Fuel Level 2}": "EJ/yr",
    # emissions/emissions.yaml (unit "{Level-2 Species}")
    "Emissions|{Level-2 Species}|Energy|Demand|Transportation|{Vehicle Type}": "{Level-2 Species}",
}
# ... and the tag values they are expanded with (all of a list, or its transport or liquids part).
TAGS = {
    # transport/tag_vehicle-type.yaml
    "Vehicle Type": (
        "Bus",
        "Light-Duty Vehicle",
        "Light-Duty Vehicle|Compact Car",
        "Light-Duty Vehicle|Large Car and SUV",
        "Light-Duty Vehicle|Midsize Car",
        "Light-Duty Vehicle|Subcompact Car",
        "Light-Duty Vehicle|Two-Wheeler",
        "Truck",
    ),
    # transport/tag_drive-types.yaml
    "Drive Type": ("Battery-Electric", "Fuel-Cell-Electric", "Plug-in Hybrid", "Internal Combustion"),
    # energy/tag_all_sectors.yaml (its transportation sectors)
    "Sector": (
        "Transportation",
        "Transportation (w/ bunkers)",
        "Transportation|Bus",
        "Transportation|Light-Duty Vehicle",
        "Transportation|Truck",
        "Transportation|Road",
        "Transportation|Rail",
        "Transportation|Rail|Passenger",
        "Transportation|Rail|Freight",
        "Transportation|Domestic Aviation",
        "Transportation|Domestic Shipping",
        "Transportation|Passenger",
        "Transportation|Freight",
    ),
    # energy/tag_secondary_energy_carriers_level-2.yaml (its liquids)
    "Secondary Fuel Level 2": (
        "Liquids",
        "Liquids|Biomass",
        "Liquids|Fossil",
        "Liquids|Oil",
        "Liquids|Coal",
        "Liquids|Gas",
        "Liquids|Hydrogen",
        "Liquids|Electricity",
        "Liquids|Other",
    ),
    # emissions/tag_level-2-species.yaml (CO2 and its unit)
    "Level-2 Species": ("CO2",),
}
SPECIES_UNITS = {"CO2": "Mt CO2/yr"}

#: The rows of the baseline's IAMC file that the common definitions name (national; a province's
#: rows have the same names).
EXPECTED = {
    "Population",
    *(
        f"{what}|Transportation|Light-Duty Vehicle|Two-Wheeler{drive}"
        for what in ("Stocks", "Sales")
        for drive in ("", "|Internal Combustion", "|Plug-in Hybrid", "|Battery-Electric")
    ),
    "Final Energy|Transportation|Road",
    "Final Energy|Transportation|Road|Liquids",
    "Final Energy|Transportation|Road|Liquids|Oil",
    "Final Energy|Transportation|Road|Liquids|Biomass",
    "Final Energy|Transportation|Road|Electricity",
    "Emissions|CO2|Energy|Demand|Transportation|Light-Duty Vehicle|Two-Wheeler",
}

#: The registry's IAMC variable and unit of the variables in the common definitions.
MAPPED = {
    "population": ("Population", "million"),
    "in_use_stock": ("Stocks|Transportation", "million"),
    "stock": ("Stocks|Transportation", "million"),
    "sales_total": ("Sales|Transportation", "million"),
    "sales": ("Sales|Transportation", "million"),
    "energy": ("Final Energy|Transportation|Road", "EJ/yr"),
    "electricity": ("Final Energy|Transportation|Road|Electricity", "EJ/yr"),
    "co2_ttw": ("Emissions|CO2|Energy|Demand|Transportation", "Mt CO2/yr"),
}


def defined() -> dict[str, str]:
    """Every variable name the templates above give, with its unit."""
    names = {}
    for template, unit in DEFINITIONS.items():
        tags = re.findall(r"\{([^}]+)\}", template)
        for values in itertools.product(*(TAGS[tag] for tag in tags)):
            name, name_unit = template, unit
            for tag, value in zip(tags, values, strict=True):
                name = name.replace(f"{{{tag}}}", value)
                if name_unit == f"{{{tag}}}":
                    name_unit = SPECIES_UNITS[value]
            names[name] = name_unit
    return names


@pytest.fixture(scope="module")
def baseline():
    return m.run("baseline")


@pytest.fixture(scope="module")
def table(baseline):
    return iamc(baseline)


def test_the_rows_the_common_definitions_name_have_their_units(table):
    names = defined()
    written = dict(zip(table["variable"], table["unit"], strict=True))
    named = {v for v in written if v in names}
    assert named == EXPECTED
    assert {v: written[v] for v in named} == {v: names[v] for v in named}
    # every other row is under a variable of this model's own or a sub-level of a defined one
    assert all(not name.startswith("Population|") for name in written)


def test_the_registry_says_which_variables_are_in_the_common_definitions():
    names = defined()
    national = {n for n in COMMON_DEFINITIONS if not n.startswith("region_")}
    assert national == set(MAPPED)
    assert set(IAMC) >= COMMON_DEFINITIONS
    for name in COMMON_DEFINITIONS:
        label, unit, _ = IAMC[name]
        assert (label, unit) == MAPPED[name.removeprefix("region_")], name
        assert any(d == label or d.startswith(f"{label}|") for d in names), name
        assert all(u == unit for d, u in names.items() if d == label or d.startswith(f"{label}|")), name
    for name, (label, _, _) in IAMC.items():
        if name not in COMMON_DEFINITIONS:  # this model's own: neither a defined name nor above one
            assert label not in names and not any(d.startswith(f"{label}|") for d in names), name


# IAMC unit strings as pint reads them: "million" counts the variable's thing (sales: those sold in
# the year), "Mt CO2" is a mass of CO2, "kt" a kilotonne (pint's "kt" is a knot), words are numbers.
COUNTED = {"Population": "person", "Stocks|Transportation": "vehicle", "Sales|Transportation": "vehicle / a"}
AS_PINT = {
    "2021 int$/person": "intl_dollar_2021 / person",
    "million vehicles": "1e6 vehicle",
    "million vehicles/yr": "1e6 vehicle / yr",
    "vehicles/1000 persons": "vehicle / (1000 person)",
    "bn vkm/yr": "1e9 vkm / yr",
    "Mt CO2/yr": "Mt / yr",
    "kt/yr": "kilotonne / yr",
    "IDR/US$": "IDR / USD",
    "US$/bbl": "USD / oil_barrel",
    "IDR trillion/yr": "1e12 IDR / yr",
    "billion US$/yr": "1e9 USD / yr",
    "thousand persons": "1e3 person",
}


def test_every_scale_factor_is_the_conversion_pint_gives():
    pytest.importorskip("pint")
    from motorisasi.scenario.units import registry

    ureg = registry()
    for name, (label, unit, scale) in IAMC.items():
        target = f"1e6 {COUNTED[label]}" if unit == "million" else AS_PINT.get(unit, unit)
        one = ureg.Quantity(1, VARIABLES[name].units) / ureg.Quantity(target)
        assert one.to("dimensionless").magnitude == pytest.approx(scale, rel=1e-12), (name, unit)


def test_the_aggregates_are_the_sums_of_the_run(baseline, table):
    rows = table.set_index("variable")
    year = 2040
    two = "Light-Duty Vehicle|Two-Wheeler"
    stock = baseline["stock"].sel(segment="motorcycles", year=year)
    combustion = float(stock.sel(powertrain=["ICE", "HEV"]).sum()) * 1e-6
    assert rows.loc[f"Stocks|Transportation|{two}|Internal Combustion", year] == pytest.approx(combustion)
    assert rows.loc[f"Stocks|Transportation|{two}", year] == pytest.approx(
        float(baseline["in_use_stock"].sel(segment="motorcycles", year=year)) * 1e-6
    )
    energy = baseline["energy"].sel(year=year).sum("segment")
    liquids = float(energy.sel(fuel=["gasoline", "diesel"]).sum()) * 1e-3  # PJ -> EJ
    grid = float(baseline["electricity"].sel(year=year).sum()) * 3.6e-6  # GWh -> EJ, charging losses in
    biomass = float(energy.sel(fuel="diesel") * baseline["biodiesel_share"].sel(year=year)) * 1e-3
    road = "Final Energy|Transportation|Road"
    assert rows.loc[f"{road}|Liquids", year] == pytest.approx(liquids)
    assert rows.loc[f"{road}|Electricity", year] == pytest.approx(grid)
    assert rows.loc[road, year] == pytest.approx(liquids + grid)
    assert rows.loc[f"{road}|Liquids|Biomass", year] == pytest.approx(biomass)
    assert rows.loc[f"{road}|Liquids|Oil", year] == pytest.approx(liquids - biomass)


def test_pyam_reads_the_file_the_run_writes(tmp_path, baseline, table):
    pyam = pytest.importorskip("pyam")
    path = tmp_path / "baseline_iamc.csv"
    path.write_bytes(csv_bytes(table))  # what motorisasi run writes as baseline_iamc.csv
    df = pyam.IamDataFrame(path)
    assert df.model == ["motorisasi"] and df.scenario == ["baseline"] and df.region == ["IDN"]
    assert df.time_col == "year" and df.data["year"].dtype.kind == "i"
    assert df.year == list(range(2000, 2061))
    assert set(df.variable) == set(table["variable"]) and set(df.variable) >= EXPECTED
    assert list(df.data.columns[:5]) == list(IAMC_COLUMNS)
    population = df.filter(variable="Population", year=2025)
    assert population.unit == ["million"]
    expected = float(baseline["population"].sel(year=2025)) * IAMC["population"][2]
    assert population.data["value"].iloc[0] == pytest.approx(expected, rel=1e-9)
    # pyam's units (iam-units) convert the file's EJ back to the run's PJ
    road = df.filter(variable="Final Energy|Transportation|Road|Liquids", year=2030)
    petajoules = road.convert_unit("EJ/yr", to="PJ/yr").data["value"].iloc[0]
    energy = baseline["energy"].sel(year=2030, fuel=["gasoline", "diesel"]).sum()
    assert petajoules == pytest.approx(float(energy), rel=1e-9)
    # the defined parents are the sums of their defined parts (the fleet by drive type is modelled
    # from the base year on: the years before it have the total only)
    projected = df.filter(year=range(2030, 2061))
    parts = {
        "Final Energy|Transportation|Road": ["Liquids", "Electricity"],
        "Final Energy|Transportation|Road|Liquids": ["Oil", "Biomass"],
        "Stocks|Transportation|Light-Duty Vehicle|Two-Wheeler": [
            "Internal Combustion",
            "Plug-in Hybrid",
            "Battery-Electric",
        ],
    }
    for parent, children in parts.items():
        components = [f"{parent}|{c}" for c in children]
        assert projected.check_aggregate(parent, components=components) is None, parent
    assert np.all(np.isfinite(df.data["value"]))
