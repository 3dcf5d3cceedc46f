"""The variables of a run: one registry of their dimensions, units, names, Excel topic and IAMC
variable, which the run, the exports and the charts all read.

Each entry is a :class:`Variable`; :func:`labelled` makes the xarray variable of a run from it
(with a leading ``draw`` dimension when the data carry draws).

IAMC names and units follow the IAMC common definitions (github.com/IAMconsortium/
common-definitions, commit d877b5f56386317b66214bdb8cc694befda5596c, folder
``definitions/variable``) where this model's quantity has a definition there; those variables are
listed in :data:`COMMON_DEFINITIONS`. The rest keep this model's own names. The definitions used:

- ``population/population.yaml``: ``Population`` (million);
- ``transport/stocks-sales.yaml``: ``Stocks|Transportation|{Vehicle Type}[|{Drive Type}]`` and
  ``Sales|Transportation|{Vehicle Type}[|{Drive Type}]`` (million), with the tags of
  ``transport/tag_vehicle-type.yaml`` (motorcycles: ``Light-Duty Vehicle|Two-Wheeler``) and
  ``transport/tag_drive-types.yaml`` (``Internal Combustion`` = ICE + HEV, ``Plug-in Hybrid``,
  ``Battery-Electric``);
- ``energy/final-energy.yaml``: ``Final Energy|{Sector}``, ``Final Energy|{Sector}|Electricity``
  and ``Final Energy|{Sector}|{Secondary Fuel Level 2}`` (EJ/yr), with the sector
  ``Transportation|Road`` (``energy/tag_all_sectors.yaml``) and the fuels ``Liquids``,
  ``Liquids|Oil``, ``Liquids|Biomass`` (``energy/tag_secondary_energy_carriers_level-2.yaml``);
- ``emissions/emissions.yaml``: ``Emissions|{Level-2 Species}|Energy|Demand|Transportation|
  {Vehicle Type}``, CO2 in Mt CO2/yr (``emissions/tag_level-2-species.yaml``).

The definitions have no vehicle type for passenger cars or for commercial vehicles (pick-ups,
trucks and buses together), no drive type for HEV alone and no road total of emissions: those rows
are this model's sub-levels under the defined variable (``Stocks|Transportation|Passenger cars``,
``...|Internal Combustion|HEV``). No definition matches GDP per capita in 2021 international
dollars (``GDP|PPP`` is a total in billion USD_2010/yr), the registered fleet, ownership, register
removals, retirements, distance in vehicle-km (``Energy Service|Transportation|...`` is in pkm or
tkm), CO2 including electricity, the unexplained fuel, nickel, prices (the definitions' are in
USD_2010/GJ), fiscal, trade, production, employment or local content.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The last age of the fleet by age (its bin holds older vehicles too).
MAX_AGE = 60


@dataclass(frozen=True)
class Variable:
    """A run's variable: ``dims`` (without draws), ``units``, ``long_name``, the Excel ``topic``
    sheet it goes on (None: the workbook's sheet of other variables) and its IAMC variable,
    unit and the scale from ``units`` to that unit (None: not in the IAMC file)."""

    dims: tuple[str, ...]
    units: str
    long_name: str
    topic: str | None = None
    iamc: tuple[str, str, float] | None = None


#: Every variable a run can give, in the order of the Dataset.
VARIABLES: dict[str, Variable] = {
    "population": Variable(
        ("year",), "person", "Population", topic="drivers", iamc=("Population", "million", 1e-06)
    ),
    "gdp_per_capita": Variable(
        ("year",),
        "intl_dollar_2021 / person",
        "GDP per capita, constant 2021 international $ (PPP)",
        topic="drivers",
        iamc=("GDP per capita|PPP", "2021 int$/person", 1.0),
    ),
    "registered_stock": Variable(
        ("segment", "year"),
        "vehicle",
        "Registered fleet (observed to the base year; then in use + out of use but still registered +"
        " the base year's basis level)",
        topic="fleet",
        iamc=("Registered Stock", "million vehicles", 1e-06),
    ),
    "ownership_per_1000": Variable(
        ("segment", "year"),
        "vehicle / kiloperson",
        "Registered vehicles per 1,000 people",
        topic="fleet",
        iamc=("Ownership", "vehicles/1000 persons", 1.0),
    ),
    "in_use_stock": Variable(
        ("segment", "year"),
        "vehicle",
        "Modelled fleet in use (sales through the lifetime; history rebuilt from sales)",
        topic="fleet",
        iamc=("Stocks|Transportation", "million", 1e-06),
    ),
    "in_use_per_1000": Variable(
        ("segment", "year"),
        "vehicle / kiloperson",
        "Modelled vehicles in use per 1,000 people",
        topic="fleet",
        iamc=("Ownership|In Use", "vehicles/1000 persons", 1.0),
    ),
    "unremoved_registrations": Variable(
        ("segment", "year"),
        "vehicle",
        "Registered vehicles not in use (registered fleet minus the modelled fleet in use)",
        topic="fleet",
    ),
    "register_removals": Variable(
        ("segment", "year"),
        "vehicle / a",
        "Vehicles removed from the register",
        topic="sales",
        iamc=("Register Removals", "million vehicles/yr", 1e-06),
    ),
    "sales_total": Variable(
        ("segment", "year"),
        "vehicle / a",
        "New vehicle sales",
        topic="sales",
        iamc=("Sales|Transportation", "million", 1e-06),
    ),
    "stock": Variable(
        ("segment", "powertrain", "year"),
        "vehicle",
        "Modelled fleet in use",
        topic="fleet",
        iamc=("Stocks|Transportation", "million", 1e-06),
    ),
    "sales": Variable(
        ("segment", "powertrain", "year"),
        "vehicle / a",
        "New vehicle sales by powertrain",
        topic="sales",
        iamc=("Sales|Transportation", "million", 1e-06),
    ),
    "retirements": Variable(
        ("segment", "powertrain", "year"),
        "vehicle / a",
        "Vehicles leaving the modelled fleet",
        topic="sales",
        iamc=("Retirements", "million vehicles/yr", 1e-06),
    ),
    "sales_share": Variable(
        ("segment", "powertrain", "year"), "1", "Share of new sales by powertrain", topic="sales"
    ),
    "average_fleet_age": Variable(
        ("segment", "year"), "a", "Average age of the modelled fleet", topic="fleet"
    ),
    "vkt": Variable(
        ("segment", "powertrain", "year"),
        "Gvkm / a",
        "Distance driven",
        topic="energy",
        iamc=("Activity|Distance", "bn vkm/yr", 1.0),
    ),
    "energy": Variable(
        ("segment", "fuel", "year"),
        "PJ / a",
        "Final energy use",
        topic="energy",
        iamc=("Final Energy|Transportation|Road", "EJ/yr", 0.001),
    ),
    "fuel_mass": Variable(
        ("segment", "fuel", "year"),
        "kt / a",
        "Liquid fuel use by mass (net calorific values, IPCC 2006)",
        topic="energy",
    ),
    "electricity": Variable(
        ("segment", "year"),
        "GWh / a",
        "Grid electricity for charging, including charging losses",
        topic="energy",
        iamc=("Final Energy|Transportation|Road|Electricity", "EJ/yr", 3.6e-06),
    ),
    "co2_ttw": Variable(
        ("segment", "year"),
        "Mt / a",
        "Tank-to-wheel CO2 (fossil share of fuels; biodiesel counts zero)",
        topic="emissions",
        iamc=("Emissions|CO2|Energy|Demand|Transportation", "Mt CO2/yr", 1.0),
    ),
    "co2_wtw": Variable(
        ("segment", "year"),
        "Mt / a",
        "Tank-to-wheel CO2 of fuels plus the grid CO2 of charging electricity",
        topic="emissions",
        iamc=("Emissions|CO2|Transportation|Road|Including electricity", "Mt CO2/yr", 1.0),
    ),
    "km_factor": Variable(
        ("segment",),
        "1",
        "Calibration factor on the distance driven (within its published range)",
        topic="energy",
    ),
    "intensity_factor": Variable(
        ("segment",),
        "1",
        "Calibration factor on energy use per km (what the distance range leaves)",
        topic="energy",
    ),
    "energy_reference": Variable(
        ("fuel", "year"),
        "PJ / a",
        "Road energy use in the energy balance (the calibration's reference)",
        topic="energy",
    ),
    "energy_unexplained": Variable(
        ("fuel", "year"),
        "PJ / a",
        "Road fuel in the reference that the modelled fleet does not account for: the reference minus"
        " the model (negative: the fleet burns more than the reference); in years without a "
        "reference, its calibration-years mean where a published bound binds and unexplained_after is"
        " hold, else zero",
        topic="energy",
        iamc=("Final Energy|Transportation|Road Fuel Unexplained by the Fleet", "EJ/yr", 0.001),
    ),
    "co2_unexplained": Variable(
        ("year",),
        "Mt / a",
        "Tank-to-wheel CO2 of the unexplained fuel",
        topic="emissions",
        iamc=("Emissions|CO2|Transportation|Road Fuel Unexplained by the Fleet", "Mt CO2/yr", 1.0),
    ),
    "grid_intensity": Variable(("year",), "g / kWh", "CO2 intensity of grid electricity", topic="emissions"),
    "biodiesel_share": Variable(
        ("year",),
        "1",
        "Biodiesel (FAME) share of diesel energy (observed in history years where the data give it)",
        topic="emissions",
    ),
    "stock_by_age": Variable(
        ("segment", "powertrain", "year", "age"),
        "vehicle",
        f"Modelled fleet by age (years since sale; {MAX_AGE} = {MAX_AGE} or more)",
    ),
    "battery_gwh": Variable(
        ("segment", "powertrain", "year"),
        "GWh / a",
        "Battery capacity in new vehicles",
        topic="industry",
    ),
    "battery_fleet_gwh": Variable(
        ("segment", "year"), "GWh", "Battery capacity in the modelled fleet", topic="industry"
    ),
    "nickel": Variable(
        ("year",),
        "t / a",
        "Nickel in new nickel-based batteries",
        topic="industry",
        iamc=("Nickel demand|Batteries", "kt/yr", 0.001),
    ),
    "exchange_rate": Variable(
        ("year",),
        "IDR / USD",
        "Exchange rate (scenario assumption)",
        topic="fiscal",
        iamc=("Price|Exchange Rate", "IDR/US$", 1.0),
    ),
    "crude_price": Variable(
        ("year",),
        "USD / oil_barrel",
        "Crude oil price (scenario assumption)",
        topic="fiscal",
        iamc=("Price|Crude Oil", "US$/bbl", 1.0),
    ),
    "fuel_retail_price": Variable(
        ("fuel", "year"),
        "IDR / L",
        "Retail price of the subsidised grade",
        topic="fiscal",
        iamc=("Price|Fuel|Retail", "IDR/l", 1.0),
    ),
    "fuel_economic_price": Variable(
        ("fuel", "year"),
        "IDR / L",
        "Economic price of the subsidised grade",
        topic="fiscal",
        iamc=("Price|Fuel|Economic", "IDR/l", 1.0),
    ),
    "fuel_subsidy": Variable(
        ("fuel", "year"),
        "TIDR / a",
        "Fuel subsidy: litres of the subsidised grade x the fixed subsidy per litre (paid on every "
        "litre, as budgeted, even when the retail price covers the economic price)",
        topic="fiscal",
        iamc=("Fiscal|Fuel subsidy", "IDR trillion/yr", 1.0),
    ),
    "fuel_compensation": Variable(
        ("fuel", "year"),
        "TIDR / a",
        "Fuel compensation: litres of the subsidised grade x (economic - retail price - subsidy)",
        topic="fiscal",
        iamc=("Fiscal|Fuel compensation", "IDR trillion/yr", 1.0),
    ),
    "fuel_support_usd": Variable(
        ("fuel", "year"),
        "GUSD / a",
        "Fuel subsidy and compensation, in US dollars",
        topic="fiscal",
        iamc=("Fiscal|Fuel subsidy and compensation", "billion US$/yr", 1.0),
    ),
    "tax_forgone": Variable(
        ("segment", "year"),
        "TIDR / a",
        "Tax revenue forgone on incentivised vehicles",
        topic="fiscal",
        iamc=("Fiscal|Tax forgone", "IDR trillion/yr", 1.0),
    ),
    "production": Variable(
        ("industry_group", "year"),
        "vehicle / a",
        "Production (history: data; projection: local assembly + exports)",
        topic="industry",
        iamc=("Production", "million vehicles/yr", 1e-06),
    ),
    "exports": Variable(
        ("industry_group", "year"),
        "vehicle / a",
        "Exports of built-up vehicles",
        topic="industry",
        iamc=("Exports", "million vehicles/yr", 1e-06),
    ),
    "imports": Variable(
        ("industry_group", "year"),
        "vehicle / a",
        "Imports of built-up vehicles",
        topic="industry",
        iamc=("Imports", "million vehicles/yr", 1e-06),
    ),
    "local_assembly": Variable(
        ("industry_group", "year"),
        "vehicle / a",
        "Domestic sales assembled in the country",
        topic="industry",
    ),
    "capacity_utilisation": Variable(
        ("industry_group", "year"), "1", "Production over capacity", topic="industry"
    ),
    "jobs": Variable(
        ("industry_group", "year"),
        "person",
        "Direct jobs in vehicle assembly",
        topic="industry",
        iamc=("Employment|Vehicle assembly", "thousand persons", 0.001),
    ),
    "new_workers": Variable(
        ("industry_group", "year"),
        "person / a",
        "New workers needed (growth plus attrition)",
        topic="industry",
    ),
    "workers_to_train": Variable(
        ("industry_group", "year"),
        "person / a",
        "New workers in the training programme",
        topic="industry",
    ),
    "local_content_value": Variable(
        ("industry_group", "year"),
        "TIDR / a",
        "Local content of vehicles assembled for the domestic market (exports not included)",
        topic="industry",
        iamc=("Industry|Local Content Value", "IDR trillion/yr", 1.0),
    ),
    "local_content_value_usd": Variable(
        ("industry_group", "year"),
        "GUSD / a",
        "Local content of vehicles assembled for the domestic market, in US dollars",
        topic="industry",
    ),
    "local_content_sme": Variable(
        ("industry_group", "year"),
        "TIDR / a",
        "Local content supplied by small and medium firms",
        topic="industry",
    ),
    "sales_by_origin": Variable(
        ("industry_group", "origin", "year"),
        "vehicle / a",
        "Domestic sales by maker origin",
        topic="industry",
    ),
}


def _regional(name: str, dims: tuple[str, ...], long_name: str) -> Variable:
    """The regional counterpart of a national variable: ``region`` first, the same units and IAMC
    variable (the IAMC file names the province in its region column)."""
    national = VARIABLES[name]
    return Variable(("region", *dims), national.units, f"{long_name}, by province", "regions", national.iamc)


VARIABLES.update(
    {
        f"region_{name}": _regional(name, VARIABLES[name].dims, VARIABLES[name].long_name)
        for name in (
            "population",
            "registered_stock",
            "ownership_per_1000",
            "in_use_stock",
            "unremoved_registrations",
            "sales_total",
            "register_removals",
            "stock",
            "sales",
            "retirements",
            "vkt",
            "energy",
            "fuel_mass",
            "electricity",
            "co2_ttw",
            "co2_wtw",
        )
    }
)
VARIABLES["region_ceiling"] = Variable(
    ("region", "segment"),
    "vehicle / kiloperson",
    "Ceiling of registered vehicles per 1,000 people, by province (regions.saturation_per_1000 "
    "scaled by relative income and density)",
    topic="regions",
)

#: The Excel topic sheets and their variables, in the registry's order.
TOPICS: dict[str, tuple[str, ...]] = {}
for _name, _var in VARIABLES.items():
    if _var.topic is not None:
        TOPICS[_var.topic] = (*TOPICS.get(_var.topic, ()), _name)

#: IAMC variable, unit and scale by variable.
IAMC: dict[str, tuple[str, str, float]] = {n: v.iamc for n, v in VARIABLES.items() if v.iamc is not None}

#: The variables whose IAMC variable and unit are those of the IAMC common definitions (see the
#: module's docstring for the files and the commit); every other entry of :data:`IAMC` is this
#: model's own.
COMMON_DEFINITIONS: frozenset[str] = frozenset(
    name
    for national in (
        "population",
        "in_use_stock",
        "stock",
        "sales_total",
        "sales",
        "energy",
        "electricity",
        "co2_ttw",
    )
    for name in (national, f"region_{national}")
    if name in VARIABLES
)


def labelled(name: str, data):
    """The xarray variable ``name`` of a run, labelled from the registry: a leading ``draw``
    dimension when ``data`` has one axis more than the variable's dimensions."""
    import xarray as xr

    spec = VARIABLES[name]
    values = np.asarray(data, dtype=float)
    dims = ("draw", *spec.dims) if values.ndim == len(spec.dims) + 1 else spec.dims
    return xr.Variable(dims, values, {"units": spec.units, "long_name": spec.long_name})
