"""The format of a motorisasi data folder: files, columns, units and flags.

A data folder (the embedded one, or a user's ``--data DIR``) holds:

``sources.csv``
    One row per source: ``source_id, publisher, citation, url, table, accessed, licence``.
``series.csv``
    The series catalogue: ``series, kind, unit, vehicle_type, basis, description``.
``brand_origin.csv`` (optional)
    ``brand, origin``: the country of origin used to group brands.
``register_definitions.csv`` (optional)
    ``country, definition, mechanism, breaks, break_years, source_id``: what a country's
    registered-vehicle count means (:data:`REGISTER_DEFINITIONS`), how vehicles leave it, its
    documented breaks, and the years (``;``-separated) whose change from the year before is a
    change of source or a purge, not a flow of vehicles.
any other ``*.csv``
    Values in the tidy format of :data:`VALUE_COLUMNS`, one value per row. Each row names
    its source (``source_id``; several ids are separated by ``;``) and a ``flag`` that says
    how the value came about (:data:`FLAGS`).
"""

from __future__ import annotations

SOURCES_FILE = "sources.csv"
SERIES_FILE = "series.csv"
BRAND_ORIGIN_FILE = "brand_origin.csv"
REGISTER_DEFINITIONS_FILE = "register_definitions.csv"
META_FILES = (SOURCES_FILE, SERIES_FILE, BRAND_ORIGIN_FILE, REGISTER_DEFINITIONS_FILE)

VALUE_COLUMNS = (
    "country",
    "region",
    "series",
    "category",
    "year",
    "value",
    "unit",
    "source_id",
    "flag",
    "note",
)
VALUE_REQUIRED = ("country", "series", "year", "value", "unit", "source_id")
SOURCE_COLUMNS = ("source_id", "publisher", "citation", "url", "table", "accessed", "licence")
SOURCE_REQUIRED = ("source_id", "publisher", "citation", "accessed")
SERIES_COLUMNS = ("series", "kind", "unit", "vehicle_type", "basis", "description")
SERIES_REQUIRED = ("series", "kind", "unit", "description")
BRAND_COLUMNS = ("brand", "origin")
REGISTER_COLUMNS = ("country", "definition", "mechanism", "breaks", "break_years", "source_id")
REGISTER_REQUIRED = ("country", "definition", "source_id")
#: What a registered-vehicle count means: how vehicles that leave use leave the count.
REGISTER_DEFINITIONS = {
    "active": "a register with removals (scrapping, export, or lapse of an annual licence or inspection)",
    "mixed": "removals only partly or late (e.g. after years of unpaid tax)",
    "cumulative": "cumulative registrations, without systematic removal",
    "unknown": "not determined from the sources found",
}

#: Rows are unique on these columns (conflicting reports of one value differ in ``source_id``).
VALUE_KEY = ("country", "region", "series", "category", "year", "source_id")

YEAR_MIN, YEAR_MAX = 1900, 2100
#: Years the model reads history for; every harmonised series must reach the end without a gap.
HISTORY_WINDOW = (2000, 2024)

FLAGS = {
    "observed": "published by the source as is",
    "derived": "computed from published figures by a method stated in the note",
    # The note of an adjusted value gives the factor.
    "adjusted": "a published figure moved onto another series' basis (break adjustment)",
    "filled": "a gap filled by a stated method (interpolation), not published",
    "projected": "a projection (by the source, or extended with a projection's growth)",
    "statement": "a figure stated by an official or association, definition often not given",
    "target": "a target, plan or forecast",
    "regulation": "a value fixed by a regulation",
}
HARMONISED_FLAGS = ("observed", "derived", "adjusted", "filled", "projected")

KINDS = {
    "raw": "as published by one source (one vintage, one definition)",
    "derived": "computed from published figures",
    "harmonised": "one consistent series built from raw ones by a documented method, with a flag per year",
    "statement": "figures stated in speeches or press releases",
    "target": "targets, plans and forecasts",
    "regulation": "values set by regulations",
}

#: Known units and whether a value in that unit can be negative.
UNITS: dict[str, bool] = {
    "vehicles": False,
    "thousand vehicles": False,
    "vehicles per year": False,
    "vehicles per 1000 persons": False,
    "persons per vehicle": False,
    "persons": False,
    "million persons": False,
    "thousand IDR per person": False,
    "km2": False,
    "CKD sets": False,
    "pieces": False,
    "constant 2021 international $": False,
    "constant 2015 US$": False,
    "2011 international $": False,
    "current US$": False,
    "IDR per litre": False,
    "IDR per kWh": False,
    "percent": True,
    "percent per year": True,
    "percentage points": True,
    "gCO2 per kWh": False,
    "kgCO2 per kWh": False,
    "Mt CO2": False,
    "PJ": False,
    "kWh": False,
    "kWh per 100 km": False,
    "km per kWh": False,
    "litres gasoline-equivalent per 100 km": True,
    "kg": False,
    "km": False,
    "km per year": False,
    "km per person per year": False,
    "year": False,
    "years": False,
    "IDR per vehicle": False,
    "MJ per kg": False,
    "kg CO2 per TJ": False,
    "kg per m3": False,
    "Mt CO2e per year": False,
    "Wh per km": False,
    "km per day": False,
    "km per litre": False,
    "litres per 100 km": False,
    "share": False,
    "applications": False,
    "firms": False,
    "vehicles per month": False,
    "kg per battery": False,
    "kg per kWh": False,
    "GWh": False,
    "IDR": False,
    "IDR per USD": False,
    "IDR trillion": False,
    "million kL": False,
    "kL": False,
    "kL per day": False,
    "thousand BOE": False,
    "US$ per barrel": False,
    "IDR per kg": False,
    "persons per 1000 vehicles": False,
    "hours per vehicle": False,
    "persons per km2": False,
    "constant 2017 international $": False,
    "THB per vehicle": False,
    "stations": False,
    "million litres per day": False,
    "locally built vehicles per imported vehicle": False,
}

#: Largest number of vehicles a year's sales, exports or a capacity may reach: ten times the
#: world's yearly vehicle production (about 93 million in 2023, OICA), so no country exceeds it.
MAX_VEHICLES = 1e9
#: Largest population: above any country (India, 1.44 billion in 2024).
MAX_PERSONS = 1e10
#: Ownership above 2,000 vehicles per 1,000 people (two per person) is beyond any country.
MAX_PER_1000 = 2000.0

#: Largest value a unit can hold in any country, so a typo (a missing decimal point, a value
#: in the wrong unit) is caught where it is made: ten times the world's vehicle fleet (about
#: 1.5 billion) or yearly production, more people than on Earth, two vehicles per person, GDP
#: per capita far above the richest country's, emission factors and energy contents beyond
#: any fuel's.
UNIT_MAX: dict[str, float] = {
    "vehicles": 1e10,
    "thousand vehicles": 1e7,
    "vehicles per year": MAX_VEHICLES,
    "vehicles per month": 1e8,
    "vehicles per 1000 persons": MAX_PER_1000,
    "persons": MAX_PERSONS,
    "million persons": 1e4,
    "thousand IDR per person": 1e8,
    "km2": 2e7,
    "constant 2021 international $": 1e6,
    "constant 2015 US$": 1e6,
    "2011 international $": 1e6,
    # Fuels and grids: the most carbon-intensive fuels emit about 110,000 kg CO2 per TJ (IPCC
    # 2006), lignite power about 1,100 g per kWh, and hydrogen, the richest fuel, 120 MJ/kg.
    "kg CO2 per TJ": 150_000.0,
    "gCO2 per kWh": 2000.0,
    "kgCO2 per kWh": 2.0,
    "MJ per kg": 150.0,
    "IDR per litre": 1e6,
    "IDR per kg": 1e7,
    "km per year": 500_000.0,
    # Oil: no crude has sold above 150 US$ a barrel (2008); the world uses about 6 billion kL of
    # oil products a year.
    "US$ per barrel": 1000.0,
    "million kL": 1e5,
    "kL": 1e11,
    "kL per day": 1e9,
    "thousand BOE": 1e9,
}
