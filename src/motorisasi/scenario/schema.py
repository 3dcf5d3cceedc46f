"""Scenario files: a pydantic schema, loaded from YAML, with ``extends`` for variants.

A scenario names its country and years, how the population and income develop, and for each
vehicle segment the registered-fleet and sales series it starts from, the lifetime of its
vehicles, how demand develops (a sales growth rate, an ownership path, or an ownership target
reached by inverting the stock model), the powertrain mix of new sales, and the energy use of
each powertrain. Every number has its unit in its name and a ``reason`` next to it where it is
an assumption. ``extends: other.yaml`` starts from another file (relative to this one) and
overrides only the keys given (dictionaries merge, everything else replaces).

Scenario files come from other people, so reading one is defensive: a file must be UTF-8 text
(a byte-order mark is accepted) of at most :data:`MAX_FILE_BYTES`; YAML keys may not repeat and
aliases may not expand beyond :data:`MAX_NODES` values; ``extends`` may only name a shipped
scenario or a file in the folder of the scenario being run (or below it). Types are strict (a
YAML ``yes`` is not the number 1, ``"20"`` is not 20), numbers must be finite and inside the
physical range each field documents, names and keys are plain identifiers (they become file
names and column labels), and text holds no control characters.

Errors name the file, the field and the value, on one line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from motorisasi.data.schema import MAX_PER_1000, MAX_PERSONS, MAX_VEHICLES
from motorisasi.errors import MotorisasiError, Said

LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"
YEAR_MIN, YEAR_MAX = 1990, 2100
#: Largest scenario file read, bytes (the shipped ones are about 10 kB).
MAX_FILE_BYTES = 1_000_000
#: Most values (mapping entries, list items, scalars) a file may expand to through YAML aliases.
MAX_NODES = 100_000
#: Longest mean lifetime, years (200 stands for "almost none retire"), and its largest spread.
LIFETIME_MAX, LIFETIME_STD_MIN, LIFETIME_STD_MAX = 200.0, 0.1, 50.0


class ScenarioError(MotorisasiError):
    """A scenario file is malformed (the message names file, field and value)."""


class Strict(BaseModel):
    # strict: no coercion (a YAML boolean is not a number, a string is not a number);
    # allow_inf_nan=False: .nan and .inf are refused wherever a number is expected.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def refused(code: str, **params: object) -> PydanticCustomError:
    """A validator's refusal as a code of the message catalogue (``error.CODE``, filled with
    ``params``): raise it where a validator would raise ``ValueError`` with a sentence.

    Its message (``str()`` of the validation error, as a model built in Python shows it) is the
    English text; :func:`validation_said` words it in the reader's language from the code."""
    from motorisasi.outputs.messages import said

    english = said(Said(f"error.{code}", params, code), "en")
    return PydanticCustomError("motorisasi", english, {"code": code, **params})


def _no_control_characters(text: str) -> str:
    for char in text:
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise refused("scenario.control_character", char=f"U+{ord(char):04X}")
    return text


_NAME = re.compile(r"[^\W_][\w .-]{0,79}")
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
#: Names Windows reserves for devices, with or without an extension (no file may take one).
RESERVED_NAMES = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


def _plain_name(name: str) -> str:
    if (
        not _NAME.fullmatch(name)
        or name.endswith((" ", "."))
        or RESERVED_NAMES.fullmatch(name)
        or len(name.encode("utf-8")) > 200  # file systems allow 255 bytes, with a suffix
    ):
        raise refused("scenario.name_plain")
    return name


def _plain_key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise refused("scenario.key_plain")
    return key


#: Free text (descriptions, reasons, labels): no control characters, bounded length.
Text = Annotated[str, Field(max_length=5000), AfterValidator(_no_control_characters)]
#: A scenario's name: it becomes the stem of the output files.
Name = Annotated[str, AfterValidator(_plain_name)]
#: A key chosen by the user (segment, powertrain, industry group): a plain identifier.
Key = Annotated[str, AfterValidator(_plain_key)]
#: The name of a data series (looked up in the data, never used as a path).
SeriesName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_control_characters)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Vehicles = Annotated[float, Field(ge=0, le=MAX_VEHICLES)]


def _base_year(value: object) -> int | str:
    if value == "latest":
        return "latest"
    if isinstance(value, bool) or not isinstance(value, int):
        raise refused("scenario.base_year_type")
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise refused("scenario.base_year_range", low=YEAR_MIN, high=YEAR_MAX)
    return value


BaseYear = Annotated[int | Literal["latest"], PlainValidator(_base_year)]


class Years(Strict):
    history_start: Year = Field(2000, description="First year of history shown in the results")
    base: BaseYear = Field(
        "latest",
        description="Last year of history; the projection starts the year after ('latest': the "
        "latest year with registered-fleet and sales data for every segment)",
    )
    end: Year = Field(2060, description="Last projected year")

    @model_validator(mode="after")
    def _order(self) -> Years:
        if self.base == "latest":
            if self.history_start >= self.end:
                raise refused("scenario.years_start_end", start=self.history_start, end=self.end)
            return self
        if self.end <= self.base:
            raise refused("scenario.years_end_base", end=self.end, base=self.base)
        if self.history_start > self.base:
            raise refused("scenario.years_start_base", start=self.history_start, base=self.base)
        return self


class Drivers(Strict):
    population_series: SeriesName = Field("population", description="Harmonised population series (persons)")
    income_series: SeriesName = Field(
        "gdp_per_capita_ppp", description="GDP per capita series (constant 2021 $ PPP)"
    )
    income_growth_pct: float = Field(
        4.0, ge=-10, le=20, description="GDP per capita growth after the last data year, %/yr"
    )
    income_growth_reason: Text = Field(
        "assumption: near the recent trend of real GDP per capita growth (2010-2024 in the embedded data)",
        description="Why this growth",
    )
    income_path: dict[Year, Annotated[float, Field(gt=0, le=1e6)]] = Field(
        default_factory=dict,
        description="GDP per capita at some future years, constant 2021 $ PPP, at most 1,000,000 "
        "(linear in between; replaces the growth rate where given)",
    )
    population_path: dict[Year, Annotated[float, Field(ge=1000, le=MAX_PERSONS)]] = Field(
        default_factory=dict,
        description="Population at some future years, persons, 1,000 to 10 billion (linear in between; "
        "replaces the series there)",
    )


class Lifetime(Strict):
    distribution: Literal["normal", "lognormal", "weibull", "gamma", "fixed"] = "normal"
    mean_years: float = Field(
        20.0, ge=1, le=LIFETIME_MAX, description="Mean lifetime, years (1-200; 200 means almost none retire)"
    )
    std_years: float = Field(
        6.0,
        ge=LIFETIME_STD_MIN,
        le=LIFETIME_STD_MAX,
        description="Standard deviation of the lifetime, years (0.1-50; 'fixed' ignores it)",
    )
    reason: Text = (
        "no Indonesian survival data were found; Held et al. (2021) measured mean car lifespans of 8-35 "
        "years in 31 European countries"
    )


class RegisterRemoval(Strict):
    """How vehicles leave the register (see :mod:`motorisasi.scenario.register`)."""

    model: Literal["calibrated", "none", "in_use", "rate"] = Field(
        "calibrated",
        description="calibrated: the removal rate fitted to the register history; none: never removed; "
        "in_use: removed when they leave use; rate: the rate given",
    )
    rate_per_year: float | None = Field(
        None, ge=0, le=1, description="Share of out-of-use registered vehicles removed each year (0-1)"
    )
    fit_from: Year | None = Field(
        None,
        description="First year of the register history the calibration uses (default: all "
        "single-basis years)",
    )
    reason: Text = "the removal rate that best reproduces the register's single-basis changes"

    @model_validator(mode="after")
    def _rate_given(self) -> RegisterRemoval:
        if self.model == "rate" and self.rate_per_year is None:
            raise refused("scenario.removal_needs_rate")
        if self.model != "rate" and self.rate_per_year is not None:
            raise refused("scenario.removal_rate_unused", model=self.model)
        return self


class SalesPath(Strict):
    type: Literal["sales_path"]
    sales: dict[Year, Vehicles] = Field(
        min_length=1,
        description="Sales at some years, vehicles/yr, at most 1e9 (linear in between, flat after the last)",
    )
    reason: Text = "assumption"


class SalesGrowth(Strict):
    type: Literal["sales_growth"]
    growth_pct: float = Field(0.0, ge=-50, le=100, description="Sales growth from the base year, %/yr")
    reason: Text = "assumption"


class OwnershipPath(Strict):
    type: Literal["ownership_path"]
    per_1000: dict[Year, Annotated[float, Field(ge=0, le=MAX_PER_1000)]] = Field(
        description="Registered vehicles per 1,000 people at some years, 0-2,000 (linear in between)"
    )
    reason: Text = "assumption"

    @field_validator("per_1000")
    @classmethod
    def _not_empty(cls, value: dict[int, float]) -> dict[int, float]:
        if not value:
            raise refused("scenario.no_year")
        return value


class OwnershipModel(Strict):
    type: Literal["ownership_model"]
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        default_factory=lambda: ["IDN", "JPN", "THA", "MYS", "KOR", "PHL", "IND", "VNM"],
        description="Panel the model is fitted to",
    )
    definition: Literal["four_wheel", "passenger_cars", "two_wheel"] = "passenger_cars"
    saturation: float | None = Field(None, gt=0, le=1500, description="Fixed saturation, vehicles per 1,000")
    substitution: bool = Field(
        False,
        description="two_wheel only: motorcycles give way to four-wheelers (the registered fleet of the "
        "scenario's other segments per 1,000), with the fitted number given up per four-wheeler",
    )
    reason: Text = (
        "Gompertz ownership with partial adjustment, fitted to the panel (Dargay, Gately & Sommer 2007)"
    )
    # Draws of the fitted parameters (name -> (draws,)) in an ensemble; None: the fitted values.
    _draws: dict | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _substitution_needs_two_wheel(self) -> OwnershipModel:
        if self.substitution and self.definition != "two_wheel":
            raise refused("scenario.substitution_two_wheel", definition=self.definition)
        return self


class OwnershipTarget(Strict):
    type: Literal["ownership_target"]
    per_1000: float = Field(
        gt=0, le=MAX_PER_1000, description="Target registered vehicles per 1,000 people (at most 2,000)"
    )
    by: Year
    path: Literal["growth", "smooth"] = "growth"
    max_growth_pct: float = Field(25.0, gt=0, le=500, description="Bound on year-on-year sales growth, %/yr")
    after: Literal["ownership_model", "hold_ownership", "hold_sales", "sales_growth"] = Field(
        "ownership_model",
        description="After the target year: ownership follows the fitted ownership model from the "
        "level reached, is held, sales are held, or sales grow at after_growth_pct",
    )
    after_growth_pct: float = Field(
        0.0, ge=-50, le=100, description="Sales growth after the target year, %/yr (after: sales_growth)"
    )
    after_model: OwnershipModel | None = Field(
        None,
        description="The ownership model after the target year (after: ownership_model; default: the "
        "panel fit for passenger cars, which only a passenger-car segment may use)",
    )
    reason: Text = "target"

    @model_validator(mode="after")
    def _after_fields_used(self) -> OwnershipTarget:
        if self.after_growth_pct != 0 and self.after != "sales_growth":
            raise refused("scenario.after_growth_unused", after=self.after)
        if self.after_model is not None and self.after != "ownership_model":
            raise refused("scenario.after_model_unused", after=self.after)
        if self.after_model is not None and self.after_model.substitution:
            raise refused("scenario.after_model_substitution")
        return self


Demand = Annotated[
    SalesGrowth | SalesPath | OwnershipPath | OwnershipTarget | OwnershipModel, Field(discriminator="type")
]


class Logistic(Strict):
    type: Literal["logistic"]
    midpoint_year: float = Field(ge=YEAR_MIN, le=YEAR_MAX)
    steepness_per_year: float = Field(gt=0, le=5)
    ceiling: Share = 1.0
    floor: Share = 0.0
    reason: Text = "assumption"


class Bass(Strict):
    type: Literal["bass"]
    start_year: Year
    p: float = Field(gt=0, le=1, description="Coefficient of innovation, per year")
    q: float = Field(ge=0, le=2, description="Coefficient of imitation, per year")
    ceiling: Share = 1.0
    reason: Text = "assumption"


class SharePath(Strict):
    type: Literal["path"]
    share: dict[Year, Share] = Field(
        min_length=1, description="Share of new sales at some years (linear in between)"
    )
    reason: Text = "assumption"


class UnitsPath(Strict):
    type: Literal["units"]
    units: dict[Year, Vehicles] = Field(min_length=1, description="Vehicles sold at some years (at most 1e9)")
    reason: Text = "target"


Adoption = Annotated[Logistic | Bass | SharePath | UnitsPath, Field(discriminator="type")]


class PowertrainEnergy(Strict):
    fuel: Literal["gasoline", "diesel", "electricity"]
    intensity_mj_per_km: float = Field(
        gt=0, le=100, description="Energy use of a new vehicle in the base year, MJ/km"
    )
    improvement_pct: float = Field(0.0, ge=-10, le=20, description="Yearly gain of new vehicles, %/yr")
    electric_share: Share = Field(0.0, description="PHEV: share of distance driven on electricity")
    reason: Text = "assumption"


class Segment(Strict):
    label: Text
    stock_series: list[SeriesName] = Field(
        min_length=1, max_length=20, description="Registered-fleet series, summed (vehicles; each once)"
    )
    sales_series: SeriesName = Field(description="Sales series (vehicles/yr)")
    sales_share: float | Literal["passenger_categories", "commercial_categories"] = Field(
        1.0,
        description="Share of the sales series in this segment (or a split by GAIKINDO categories)",
    )
    lifetime: Lifetime = Lifetime()
    register_removal: RegisterRemoval = RegisterRemoval()
    demand: Demand
    km_per_year: float = Field(gt=0, le=500_000, description="Distance per vehicle in its first year, km/yr")
    km_decline_pct: float = Field(0.0, ge=0, lt=100, description="Fall in distance per year of age, %")
    km_reason: Text = "assumption"
    km_range: (
        Annotated[list[Annotated[float, Field(gt=0, le=500_000)]], Field(min_length=2, max_length=2)] | None
    ) = Field(
        None,
        description="Published range of the distance per vehicle, km/yr: the bounds of the energy "
        "calibration (none: unbounded)",
    )
    km_range_reason: Text = ""
    on_road_gap_range: (
        Annotated[list[Annotated[float, Field(gt=0, le=20)]], Field(min_length=2, max_length=2)] | None
    ) = Field(
        None,
        description="Published range of the fleet's real energy use per km over the assumed "
        "intensities (the on-road gap and the fleet mix): bounds of the energy calibration beyond "
        "the distance range (none: 1, the intensities as given)",
    )
    on_road_gap_reason: Text = ""
    residual_powertrain: Key = Field(
        "ICE", description="The powertrain that takes the share the others leave"
    )
    powertrains: dict[Key, Adoption] = Field(
        default_factory=dict, max_length=20, description="Adoption of the other powertrains"
    )
    base_fleet_powertrain: Key | None = Field(
        None,
        description="Powertrain of the base fleet not covered by the history series (default: the residual)",
    )
    history_sales_series: dict[Key, SeriesName] = Field(
        default_factory=dict,
        description="Series of past sales by powertrain (to start the fleet's powertrain mix)",
    )
    energy: dict[Key, PowertrainEnergy]

    @field_validator("stock_series")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        twice = [s for i, s in enumerate(value) if s in value[:i]]
        if twice:
            raise refused("scenario.series_twice", series=_shown(twice[0]))
        return value

    @field_validator("sales_share")
    @classmethod
    def _share(cls, value):
        if isinstance(value, float) and not 0 < value <= 1:
            raise refused("scenario.sales_share_range", value=value)
        return value

    @model_validator(mode="after")
    def _energy_for_every_powertrain(self) -> Segment:
        if self.residual_powertrain in self.powertrains:
            raise refused("scenario.residual_listed", powertrain=_shown(self.residual_powertrain))
        unknown = [p for p in self.history_sales_series if p not in self.powertrains]
        if unknown:
            raise refused("scenario.history_sales_unknown", powertrain=_shown(unknown[0]))
        if self.base_fleet_powertrain is not None and self.base_fleet_powertrain not in [
            self.residual_powertrain,
            *self.powertrains,
        ]:
            raise refused("scenario.base_fleet_unknown", powertrain=_shown(self.base_fleet_powertrain))
        if self.on_road_gap_range is not None and self.km_range is None:
            raise refused("scenario.gap_range_needs_km_range")
        for name in ("km_range", "on_road_gap_range"):
            pair = getattr(self, name)
            if pair is not None and pair[0] > pair[1]:
                raise refused("scenario.range_reversed", field=name, low=pair[0], high=pair[1])
        names = [self.residual_powertrain, *self.powertrains]
        missing = [p for p in names if p not in self.energy]
        if missing:
            raise refused("scenario.energy_missing", powertrain=_shown(missing[0]))
        extra = [p for p in self.energy if p not in names]
        if extra:
            raise refused("scenario.energy_extra", powertrain=_shown(extra[0]), known=", ".join(names))
        return self


class EnergyCalibration(Strict):
    """Distance driven scaled so that the fleet's road fuel use matches the fuel sold for road use.

    One factor per fuel scales the distance of every segment whose residual powertrain burns it,
    within the segments' ``km_range``; see :mod:`motorisasi.model.fuel_balance`.
    """

    model: Literal["calibrated", "none"] = Field(
        "calibrated", description="calibrated: fit to the reference series; none: the distances as given"
    )
    references: dict[Literal["gasoline", "diesel"], list[SeriesName]] = Field(
        default_factory=lambda: {
            "gasoline": ["road_motor_gasoline_consumption_esto"],
            "diesel": ["road_gas_diesel_oil_consumption_esto", "road_biodiesel_consumption_esto"],
        },
        description="Series of road energy use by fuel (PJ), summed per year",
    )
    fit_from: Year = Field(2015, description="First calibration year")
    fit_to: Year | None = Field(None, description="Last calibration year (default: the base year)")
    exclude: list[Year] = Field(
        default_factory=list, max_length=50, description="Years left out of the fit (e.g. a pandemic)"
    )
    unexplained_after: Literal["hold", "none"] = Field(
        "hold",
        description="Fuel the fleet cannot explain at any published distance: held at its mean "
        "over the calibration years in the projection (hold), or dropped (none)",
    )
    reason: Text = "assumption"

    @model_validator(mode="after")
    def _window(self) -> EnergyCalibration:
        if self.fit_to is not None and self.fit_to < self.fit_from:
            raise refused("scenario.fit_window", fit_to=self.fit_to, fit_from=self.fit_from)
        seen: dict[str, str] = {}
        for fuel, series in self.references.items():
            if not series:
                raise refused("scenario.references_empty", fuel=fuel)
            for name in series:
                if name in seen:
                    if seen[name] == fuel:
                        raise refused("scenario.references_twice", fuel=fuel, series=_shown(name))
                    raise refused(
                        "scenario.references_under", fuel=fuel, series=_shown(name), other=seen[name]
                    )
                seen[name] = fuel
        return self


class Energy(Strict):
    grid_series: SeriesName = Field(
        "electricity_carbon_intensity_ember", description="Grid CO2 intensity history (g/kWh)"
    )
    grid_intensity_g_per_kwh: dict[Year, Annotated[float, Field(ge=0, le=2000)]] = Field(
        default_factory=dict,
        description="Future grid CO2 intensity at some years, g/kWh, 0-2,000 (lignite plants emit about "
        "1,100; flat after the last)",
    )
    grid_reason: Text = "assumption: held at the last observed level (no official projection was found)"
    charging_loss: Share = Field(0.12, description="Share of grid electricity lost in charging")
    charging_loss_reason: Text = "tests of electric cars found 11.6-16 % (see energy.csv)"
    biodiesel_blend_pct: dict[Year, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="Biodiesel (FAME) share of diesel from each year on, % (counts as zero CO2)",
    )
    biodiesel_reason: Text = "blending mandates (see energy.csv)"
    biodiesel_observed: list[SeriesName] = Field(
        default_factory=lambda: ["road_biodiesel_consumption_esto", "road_gas_diesel_oil_consumption_esto"],
        max_length=10,
        description="Energy series (PJ): the first over the sum of all is the observed biodiesel share "
        "of diesel, used instead of the mandates up to the base year where all have values (empty: "
        "mandates only)",
    )
    biodiesel_observed_reason: Text = (
        "the energy balance's road biodiesel over road diesel plus biodiesel (aperc-01): the mandates were "
        "met late (15 % of road diesel energy in 2016-2017 under the B20 mandate)"
    )
    calibration: EnergyCalibration = EnergyCalibration()


ORIGINS = ("Japan", "China", "South Korea", "Europe", "USA", "India", "Vietnam", "Indonesia")


class IndustryGroup(Strict):
    """Production and trade of a group of segments (the data report them together)."""

    segments: list[Key] = Field(min_length=1, description="Segments whose sales this group supplies")
    production_series: SeriesName | None = Field(None, description="History of production (vehicles/yr)")
    exports_series: SeriesName | None = Field(
        None, description="History of exports of built-up vehicles (vehicles/yr)"
    )
    imports_series: SeriesName | None = Field(
        None, description="History of imports of built-up vehicles (vehicles/yr)"
    )
    import_share: dict[Year, Share] = Field(
        default_factory=dict,
        description="Share of domestic sales imported built-up at some years (default: the base year's)",
    )
    exports_growth_pct: float = Field(
        0.0, ge=-50, le=100, description="Growth of exports from the base year, %/yr"
    )
    exports_reason: Text = "assumption"
    capacity_vehicles: float | None = Field(
        None, gt=0, le=MAX_VEHICLES, description="Production capacity, vehicles/yr (at most 1e9)"
    )
    capacity_reason: Text = ""
    workers_per_1000: float = Field(0.0, ge=0, le=1000, description="Direct jobs per 1,000 vehicles produced")
    workers_reason: Text = "assumption"
    origin_series: SeriesName | None = Field(None, description="History of sales shares by maker origin (%)")
    origin_shares: dict[str, dict[Year, Share]] = Field(
        default_factory=dict,
        description="Shares of sales by maker origin at some years (the rest is 'Other')",
    )
    origin_reason: Text = "held at the last observed shares"
    local_content: LocalContent | None = None

    @field_validator("origin_shares")
    @classmethod
    def _known_origins(cls, value: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
        for origin in value:
            if origin not in ORIGINS:
                raise refused("scenario.origin_unknown", origin=_shown(origin), known=", ".join(ORIGINS))
        return value


class LocalContent(Strict):
    """Domestic component value of locally assembled vehicles (local content, TKDN)."""

    vehicle_value_idr: dict[Key, Annotated[float, Field(gt=0, le=1e11)]] = Field(
        description="Value of a vehicle by powertrain, rupiah (at most 100 billion)"
    )
    share: dict[Key, dict[Year, Share]] = Field(description="Local content share by powertrain at some years")
    sme_share: Share = Field(0.0, description="Share of the local content supplied by small and medium firms")
    reason: Text = "assumption"


class Batteries(Strict):
    pack_kwh: dict[Key, dict[Key, dict[Year, Annotated[float, Field(ge=0, le=500)]]]] = Field(
        default_factory=dict,
        description="Battery size of new vehicles, kWh: segment -> powertrain -> year -> kWh",
    )
    pack_reason: Text = "assumption"
    nickel_based_share: dict[Year, Share] = Field(
        default_factory=dict, description="Share of nickel-based packs"
    )
    nickel_kg_per_kwh: float = Field(0.0, ge=0, le=5, description="Nickel in nickel-based packs, kg/kWh")
    nickel_reason: Text = "assumption"


class Workforce(Strict):
    attrition_pct: float = Field(5.0, ge=0, le=100, description="Share of workers leaving each year, %")
    training_share: Share = Field(
        0.0, description="Share of new workers trained in a programme (e.g. in Japan)"
    )
    reason: Text = "assumption"


class PriceFormula(Strict):
    """The economic price of a fuel from the crude price (see :mod:`motorisasi.model.fiscal`)."""

    spread_usd_per_bbl: float = Field(
        ge=-200, le=500, description="Product quotation (MOPS) minus the crude price, US$ per barrel"
    )
    index_share: float = Field(
        1.0, gt=0, le=2, description="Share of the product quotation in the basic price"
    )
    constant_idr_per_l: float = Field(
        0.0, ge=-1e5, le=1e5, description="Distribution cost and margin, rupiah per litre"
    )
    tax_pct: float = Field(
        0.0, ge=0, le=100, description="Value-added plus regional fuel tax on the basic price, %"
    )
    reason: Text = "assumption"


IdrPerLitre = Annotated[float, Field(ge=0, le=1e6)]


class FuelPrice(Strict):
    retail_idr_per_l: dict[Year, IdrPerLitre] = Field(
        min_length=1, description="Subsidised retail price, rupiah per litre (at most 1,000,000)"
    )
    market_idr_per_l: dict[Year, IdrPerLitre] = Field(
        default_factory=dict,
        description="Economic (keekonomian) price given directly, rupiah per litre (at most 1,000,000); "
        "or give price_formula",
    )
    price_formula: PriceFormula | None = Field(
        None, description="Economic price from the crude price and the exchange rate"
    )
    fixed_subsidy_idr_per_l: dict[Year, IdrPerLitre] = Field(
        default_factory=dict,
        description="Subsidy paid on every litre of the subsidised grade, rupiah per litre (none if empty)",
    )
    density_kg_per_l: float = Field(gt=0.5, lt=1.2, description="Fuel density, kg per litre")
    subsidised_share: Share = Field(description="Share of the fuel sold as the subsidised grade")
    reason: Text = "assumption"

    @model_validator(mode="after")
    def _one_economic_price(self) -> FuelPrice:
        if bool(self.market_idr_per_l) == (self.price_formula is not None):
            raise refused("scenario.economic_price_one")
        return self


IdrPerUsd = Annotated[float, Field(ge=1, le=1e6)]


class Fiscal(Strict):
    fuels: dict[Literal["gasoline", "diesel"], FuelPrice] = Field(default_factory=dict)
    tax_forgone_idr: dict[Key, dict[Key, dict[Year, Annotated[float, Field(ge=0, le=1e11)]]]] = Field(
        default_factory=dict,
        description="Tax forgone per vehicle sold: segment -> powertrain -> year -> rupiah (at most 1e11)",
    )
    tax_reason: Text = "assumption"
    crude_usd_per_bbl: dict[Year, Annotated[float, Field(gt=0, le=1000)]] = Field(
        default_factory=dict,
        description="Crude oil price by year (linear in between, flat before the first and after the last), "
        "US$ per barrel",
    )
    crude_reason: Text = "assumption"
    idr_per_usd: IdrPerUsd | dict[Year, IdrPerUsd] = Field(
        15_255.0,
        description="Exchange rate, rupiah per US dollar: one value, or values by year (linear in "
        "between, flat before the first and after the last)",
    )
    idr_per_usd_reason: Text = "2023 realised average (Kemenkeu, industry.csv)"

    @model_validator(mode="after")
    def _crude_price_for_formulas(self) -> Fiscal:
        uses = [f for f, p in self.fuels.items() if p.price_formula is not None]
        if uses and not self.crude_usd_per_bbl:
            raise refused("scenario.formula_needs_crude", fuel=uses[0])
        if isinstance(self.idr_per_usd, dict) and not self.idr_per_usd:
            raise refused("scenario.idr_per_usd_empty")
        return self


class Industry(Strict):
    groups: dict[Key, IndustryGroup] = Field(default_factory=dict, max_length=20)
    batteries: Batteries = Batteries()
    workforce: Workforce = Workforce()
    fiscal: Fiscal = Fiscal()


#: Distributions an uncertain parameter may take, and the fields each needs.
DISTRIBUTIONS = {
    "normal": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "beta": ("a", "b", "low", "high"),
    "fitted": (),
}


class Uncertain(Strict):
    """A distribution for one number of the scenario, for ensembles and sensitivity analysis.

    ``normal``: ``mean`` and ``sd``, truncated to ``low``/``high`` where given; ``lognormal``:
    the ``mean`` and ``sd`` of the value itself (not of its logarithm); ``uniform``: ``low`` to
    ``high``; ``triangular``: ``low``, ``mode``, ``high``; ``beta``: shapes ``a`` and ``b`` on
    ``low`` to ``high``. Units are those of the field it replaces. ``fitted`` (for a demand that
    uses the ownership model) draws the model's parameters jointly from their estimated
    covariance (Krinsky-Robb), so that their correlations are kept.
    """

    distribution: Literal["normal", "lognormal", "uniform", "triangular", "beta", "fitted"]
    mean: float | None = None
    sd: float | None = Field(None, gt=0)
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    a: float | None = Field(None, gt=0)
    b: float | None = Field(None, gt=0)
    reason: Text = Field(
        min_length=1, pattern=r"\S", description="Why this distribution (a source, or why it is assumed)"
    )

    @model_validator(mode="after")
    def _fields_of_the_distribution(self) -> Uncertain:
        needed = DISTRIBUTIONS[self.distribution]
        allowed = set(needed) | ({"low", "high"} if self.distribution == "normal" else set())
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise refused(
                "scenario.uncertain_missing",
                distribution=self.distribution,
                needed=", ".join(needed),
                missing=missing[0],
            )
        extra = [k for k in ("mean", "sd", "low", "high", "mode", "a", "b") if k not in allowed]
        extra = [k for k in extra if getattr(self, k) is not None]
        if extra:
            raise refused("scenario.uncertain_unused", field=extra[0], distribution=self.distribution)
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise refused("scenario.uncertain_low_high", low=self.low, high=self.high)
        if self.mode is not None and not self.low <= self.mode <= self.high:  # type: ignore[operator]
            raise refused("scenario.uncertain_mode", mode=self.mode)
        if self.distribution == "lognormal" and self.mean <= 0:  # type: ignore[operator]
            raise refused("scenario.uncertain_lognormal_mean", mean=self.mean)
        if self.distribution == "normal" and self.low is not None and self.mean < self.low:  # type: ignore[operator]
            raise refused("scenario.uncertain_mean_below", mean=self.mean, low=self.low)
        if self.distribution == "normal" and self.high is not None and self.mean > self.high:  # type: ignore[operator]
            raise refused("scenario.uncertain_mean_above", mean=self.mean, high=self.high)
        return self


class Regions(Strict):
    """The scenario's regions: the national results shared out to provinces (top-down)."""

    set: Literal["provinces", "provinces-34"] = Field(
        "provinces",
        description="'provinces': the 38 provinces of today (Papua split in 2022); 'provinces-34': the "
        "34 of before, with the new Papua provinces counted in Papua and Papua Barat",
    )
    drive: Literal["top_down", "bottom_up"] = Field(
        "top_down",
        description="'top_down': the national run drives the provinces (its demand as written); "
        "'bottom_up': each province closes its headroom as its income grows and the nation is their "
        "sum (the segments' demand sections are then replaced by the provinces' ownership path)",
    )
    income_response: dict[Key, Annotated[float, Field(gt=0, le=10)]] = Field(
        default_factory=dict,
        description="bottom_up: by segment, the share of the headroom closed per unit of log income, "
        "as -ln(h) / ln(y / y_base) (default: fitted to the national register since 2010)",
    )
    model: Literal["logistic", "headroom", "same_ownership", "same_shares"] = Field(
        "logistic",
        description="How the provinces share the national register after the base year: 'logistic' "
        "(each moves up its own S-curve towards a ceiling set by its income and density, all by the "
        "same step), 'headroom' (each closes the same fraction of the way to its ceiling), "
        "'same_ownership' (each province's ownership moves in proportion to the nation's) or "
        "'same_shares' (each keeps its base-year share); 'motorisasi backtest --regions' compares them",
    )
    saturation_per_1000: dict[Key, Annotated[float, Field(gt=0, le=3000)]] = Field(
        default_factory=dict,
        description="National ceiling of registered vehicles per 1,000 people, by segment (default: "
        "by the segment's register series, see motorisasi.scenario.regions.CEILINGS)",
    )
    saturation_reason: Text = ""
    income_weight: float = Field(
        0.2,
        ge=0.0,
        le=1.0,
        description="How much a province's ceiling rises per unit of log relative income (GRDP per capita)",
    )
    density_weight: float = Field(
        0.1,
        ge=0.0,
        le=0.3,
        description="How much a province's ceiling falls per unit of log relative population density",
    )
    weights_reason: Text = Field(
        "assumed: Dargay, Gately & Sommer (2007) let saturation fall with density, but their estimates "
        "could not be confirmed. With these weights Jakarta's car ceiling is 473 per 1,000 against "
        "the national 490 (its density outweighs its income); mining provinces, whose GRDP per "
        "person overstates what households earn, get the highest (Kalimantan Utara 762, Papua Barat 753, "
        "Kalimantan Timur 741)",
    )


class Scenario(Strict):
    name: Name
    description: Text = ""
    description_id: Text = Field(
        "", description="The description in Bahasa Indonesia, for reports in Indonesian"
    )
    country: str = Field("IDN", pattern=r"^[A-Z]{3}$")
    years: Years = Years()
    drivers: Drivers = Drivers()
    segments: dict[Key, Segment] = Field(min_length=1, max_length=20)
    energy: Energy = Energy()
    industry: Industry = Industry()
    regions: Regions | None = Field(
        None, description="Provinces: the national results shared out top-down (motorisasi run --regions)"
    )
    uncertainty: dict[
        Annotated[str, Field(max_length=200, pattern=r"^[A-Za-z][A-Za-z0-9_.]*$")], Uncertain
    ] = Field(
        default_factory=dict,
        max_length=50,
        description="Distributions of some of the scenario's numbers, by their place in the file "
        "(e.g. segments.cars.lifetime.mean_years): used by ensembles (run --draws) and sensitivity; "
        "a single run takes the numbers as written",
    )
    _source: Path | None = PrivateAttr(None)
    # (the data store, id of the scenario, it with its base year resolved): see steps.inputs.resolve_base.
    _resolved: tuple | None = PrivateAttr(None)

    @property
    def source(self) -> Path | None:
        """The file the scenario was read from (None when it was made in Python)."""
        return self._source

    @model_validator(mode="after")
    def _years_inside_horizon(self) -> Scenario:
        # With base 'latest' the base year is known only with the data: checked again at run time.
        latest = self.years.base == "latest"
        first = YEAR_MIN - 1 if latest else self.years.base
        end = self.years.end
        for name, seg in self.segments.items():
            d = seg.demand
            years = (
                list(d.sales)
                if isinstance(d, SalesPath)
                else list(d.per_1000)
                if isinstance(d, OwnershipPath)
                else [d.by]
                if isinstance(d, OwnershipTarget)
                else []
            )
            for year in years:
                if not first < year <= end:
                    if latest:
                        raise refused("scenario.demand_year_latest", segment=name, year=year, end=end)
                    raise refused("scenario.demand_year", segment=name, year=year, base=first, end=end)
        for field_name, path in (
            ("drivers.income_path", self.drivers.income_path),
            ("drivers.population_path", self.drivers.population_path),
        ):
            for year in path:
                if not first < year <= end:
                    raise refused("scenario.year_outside", field=field_name, year=year)
        supplied: dict[str, str] = {}
        for group, spec in self.industry.groups.items():
            unknown = [s for s in spec.segments if s not in self.segments]
            if unknown:
                field_name = f"industry.groups.{group}.segments"
                raise refused("scenario.not_a_segment", field=field_name, segment=_shown(unknown[0]))
            for seg in spec.segments:
                if seg in supplied:
                    raise refused(
                        "scenario.segment_supplied_twice",
                        group=group,
                        segment=_shown(seg),
                        other=_shown(supplied[seg]),
                    )
                supplied[seg] = group
            for year in spec.import_share:
                if not first <= year <= end:
                    if latest:
                        raise refused("scenario.import_share_year_latest", group=group, year=year, end=end)
                    raise refused("scenario.import_share_year", group=group, year=year, base=first, end=end)
        for seg in self.industry.batteries.pack_kwh:
            if seg not in self.segments:
                field_name = "industry.batteries.pack_kwh"
                raise refused("scenario.not_a_segment", field=field_name, segment=_shown(seg))
        if self.regions is not None:
            for field_name in ("saturation_per_1000", "income_response"):
                for seg in getattr(self.regions, field_name):
                    if seg not in self.segments:
                        where = f"regions.{field_name}"
                        raise refused("scenario.not_a_segment", field=where, segment=_shown(seg))
        for year in self.energy.grid_intensity_g_per_kwh:
            if not first < year <= end:
                raise refused("scenario.year_outside", field="energy.grid_intensity_g_per_kwh", year=year)
        if self.uncertainty:
            from motorisasi.scenario.uncertainty import check_uncertainty

            check_uncertainty(self)
        return self


def _merge(base: Any, override: Any) -> Any:
    """Merge ``override`` into ``base``: mappings key by key, anything else replaced.

    A mapping whose ``type`` changes (say a demand from sales_growth to ownership_path) is
    replaced whole, since the fields of one type mean nothing to another.
    """
    if isinstance(base, dict) and isinstance(override, dict):
        if "type" in override and override.get("type") != base.get("type"):
            return override
        out = dict(base)
        for key, value in override.items():
            out[key] = _merge(base[key], value) if key in base else value
        # A reason no longer explains numbers changed without a new reason: say so.
        changed = [str(k) for k in override if not str(k).endswith("reason") and override[k] != base.get(k)]
        for key in [k for k in base if str(k).endswith("reason") and k not in override]:
            explained = [c for c in changed if c in _REASON_FIELDS.get(str(key), (c,))]
            if explained and isinstance(base[key], str):
                out[key] = f"changed by the extending scenario ({', '.join(explained)}); was: {base[key]}"
        return out
    return override


#: Reasons that explain only some fields of their mapping (any other reason explains them all).
_REASON_FIELDS = {
    "saturation_reason": ("saturation_per_1000",),
    "weights_reason": ("income_weight", "density_weight"),
}


def _read_text(path: Path, where: str) -> str:
    """The text of a scenario file: a regular file of at most :data:`MAX_FILE_BYTES`, in UTF-8."""
    import codecs

    try:
        if not path.exists():
            raise ScenarioError(code="scenario.missing", where=where, path=str(path), **_suggest(path))
        if path.is_dir():
            raise ScenarioError(code="scenario.folder", path=path)
        if not path.is_file():  # a device or a pipe could be endless
            raise ScenarioError(code="scenario.not_regular", path=path)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(code="scenario.unreadable", path=path, why=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(code="scenario.too_large", path=path, limit=MAX_FILE_BYTES)
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32")) + (
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise ScenarioError(code="scenario.encoding", path=path, encoding=encoding)
    if b"\x00" in data:
        raise ScenarioError(code="scenario.nul", path=path)
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError(
            code="scenario.not_utf8", path=path, line=line, byte=f"0x{data[exc.start]:02X}"
        ) from None


_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
#: Most files one scenario may extend through (a chain of ``extends``).
MAX_EXTENDS = 20


@functools.cache
def _yaml_loader() -> type:
    """A SafeLoader that refuses repeated keys and reads numbers as YAML 1.2 does (built once)."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:  # unhashable: the base class says so
                    break
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    # Numbers as YAML 1.2 reads them: 1e6 is a number (YAML 1.1 would read the text "1e6"),
    # while 010600 (octal in YAML 1.1) and 33:44 (base 60) are text, so strict types refuse them.
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        _INT, re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F][0-9a-fA-F_]*)$"), list("-+0123456789")
    )
    exponent = r"(?:[eE][-+]?[0-9]+)"
    Loader.add_implicit_resolver(
        _FLOAT,
        re.compile(  # every form has a digit: 1. 1.5 .5 1e6 1.5e6, and the infinities and NaN
            rf"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*{exponent}?|[-+]?\.[0-9][0-9_]*{exponent}?"
            rf"|[-+]?[0-9][0-9_]*{exponent}|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+0123456789."),
    )
    return Loader


def _load_yaml(text: str, path: Path) -> Any:
    """Parse YAML safely: no repeated keys, no alias expansion beyond :data:`MAX_NODES` values."""
    import yaml

    Loader = _yaml_loader()
    try:
        content = yaml.load(text, Loader=Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            raise ScenarioError(
                code="scenario.yaml_at", path=path, line=mark.line + 1, problem=problem
            ) from None
        raise ScenarioError(code="scenario.yaml", path=path, problem=problem) from None
    except RecursionError:
        raise ScenarioError(code="scenario.yaml_deep", path=path) from None
    except (ValueError, OverflowError) as exc:  # a scalar that looked like a number but is not one
        raise ScenarioError(code="scenario.yaml", path=path, problem=str(exc)) from None
    _count_values(content, path)
    return content


def _count_values(content: Any, path: Path) -> None:
    """Refuse content that expands (through YAML aliases) to more than :data:`MAX_NODES` values."""
    stack, count = [content], 0
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise ScenarioError(code="scenario.too_many_values", path=path, limit=MAX_NODES)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _read_yaml(path: Path, chain: tuple[Path, ...] = (), root: Path | None = None) -> dict[str, Any]:
    """Read a scenario file and the files it extends; ``root`` is the folder ``extends`` may use."""
    if path in chain:
        raise ScenarioError(
            code="scenario.extends_circular", path=path, chain=" -> ".join(map(str, (*chain, path)))
        )
    if len(chain) >= MAX_EXTENDS:  # this file would be the 21st
        raise ScenarioError(code="scenario.extends_chain", path=chain[0], limit=MAX_EXTENDS)
    where = f"{chain[-1]}: extends" if chain else "scenario"
    content = _load_yaml(_read_text(path, where), path)
    if not isinstance(content, dict):
        raise ScenarioError(code="scenario.not_mapping", path=path, got=type(content).__name__)
    parent = content.pop("extends", None)
    if parent is None:
        return content
    if not isinstance(parent, str) or not parent.strip():
        raise ScenarioError(code="scenario.extends_name", path=path, got=_shown(parent))
    if "name" not in content:
        raise ScenarioError(code="scenario.extends_needs_name", path=path)
    root = root if root is not None else path.parent
    found = resolve(parent, path.parent)
    if found.suffix.lower() not in (".yaml", ".yml"):
        raise ScenarioError(code="scenario.extends_not_yaml", path=path, parent=parent)
    if found.exists() and not (found.is_relative_to(root) or found.is_relative_to(LIBRARY)):
        raise ScenarioError(code="scenario.extends_outside", path=path, parent=parent, root=root)
    return _extended(_read_yaml(found, (*chain, path), root), content, path, parent)


def _extended(base: dict[str, Any], content: dict[str, Any], path: Path, parent: str) -> dict[str, Any]:
    """A scenario's content laid over the content of the scenario it extends."""
    merged = _merge(base, {k: v for k, v in content.items() if k != "uncertainty"})
    if "uncertainty" in content:
        merged["uncertainty"] = _merge_uncertainty(
            base.get("uncertainty"), content["uncertainty"], path, parent
        )
    if "description" in content and "description_id" not in content:
        merged.pop("description_id", None)  # the parent's translation no longer says what this one is
    return merged


#: Largest scenario text taken from a web page (the shipped baseline is about 20 kB).
MAX_UPLOAD_BYTES = 200_000


def scenario_from_text(text: str | bytes, label: str = "upload.yaml") -> Scenario:
    """A scenario from the text of a file sent through a web page: read and validated as a file
    is, with its errors in one line naming ``label``; it may extend only a shipped scenario (no
    name it gives reaches the file system)."""
    # The name a browser sent: its last part, on one line, as the errors name it.
    label = "".join(ch for ch in str(label).replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable())
    label = label.strip() or "upload.yaml"
    where = Path(label)
    size = len(text if isinstance(text, bytes) else text.encode("utf-8", "replace"))
    if size > MAX_UPLOAD_BYTES:
        raise ScenarioError(code="scenario.upload_too_large", label=label, size=size, limit=MAX_UPLOAD_BYTES)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError(code="scenario.upload_not_utf8", label=label) from None
    content = _load_yaml(text, where)
    if not isinstance(content, dict):
        raise ScenarioError(code="scenario.not_mapping", path=label, got=type(content).__name__)
    parent = content.pop("extends", None)
    if parent is not None:
        shipped = library()
        stem = parent.removesuffix(".yaml").removesuffix(".yml") if isinstance(parent, str) else None
        if stem not in shipped:
            raise ScenarioError(
                code="scenario.upload_extends", label=label, parent=_shown(parent), shipped=", ".join(shipped)
            )
        if "name" not in content:
            raise ScenarioError(code="scenario.extends_needs_name", path=label)
        content = _extended(_read_yaml(LIBRARY / f"{stem}.yaml"), content, where, parent)
    try:
        scenario = Scenario.model_validate(content)
    except ValidationError as exc:
        raise invalid(label, exc) from None
    return scenario


def _merge_uncertainty(base: Any, override: Any, path: Path, parent: str) -> Any:
    """The uncertainty section of a scenario that extends another: entries are added or replaced
    whole (a distribution is one unit), an entry set to null is dropped (it must be one the
    parent has), and an empty section (``uncertainty: {}``) drops every inherited entry."""
    if not isinstance(override, dict):
        return override
    if not override:
        return {}
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in override.items():
        if value is None:
            if key not in out:
                raise ScenarioError(
                    code="scenario.uncertainty_null", path=path, entry=_shown(key), parent=parent
                )
            out.pop(key)
        else:
            out[key] = value
    return out


def _shown(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _suggest(path: Path) -> dict[str, object]:
    """The shipped scenarios, and the closest to a name that is not a file (a guess, or "")."""
    import difflib

    shipped = library()
    close = difflib.get_close_matches(path.stem, shipped, n=1)
    guess = Said("error.scenario.guess", {"name": close[0]}) if close else ""
    return {"shipped": ", ".join(shipped), "guess": guess}


def resolve(name: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario path: as given, relative to ``relative_to``, or a name in the shipped library."""
    try:
        path = Path(name)
        candidates = [path] if path.is_absolute() else [(relative_to or Path.cwd()) / path]
        if len(path.parts) == 1:  # a bare name may be a shipped scenario; a path must exist as given
            candidates.append(LIBRARY / (path.name if path.suffix else f"{path.name}.yaml"))
        for candidate in candidates:
            if candidate.exists():
                return candidate.resolve()
    except (OSError, ValueError) as exc:  # a name too long, or with a NUL character
        raise ScenarioError(code="scenario.unusable_name", name=_shown(str(name)), why=str(exc)) from None
    return candidates[0]


def load_scenario(name: str | Path = "baseline") -> Scenario:
    """Read, merge (``extends``) and validate a scenario file; errors are one line."""
    path = resolve(name)
    content = _read_yaml(path)
    try:
        scenario = Scenario.model_validate(content)
    except ValidationError as exc:
        raise invalid(path, exc) from None
    scenario._source = path
    return scenario


def problem_said(error: Any) -> Said | str:
    """What one error of a validation (an item of ``ValidationError.errors()``) says, as a code:
    this schema's own refusal (:func:`refused`) or an error raised with a code inside a validator
    by its code, pydantic's error type as ``error.pydantic.TYPE`` with its context; else (a check
    that raised a sentence) its English message."""
    text = error["msg"].removeprefix("Value error, ")
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, MotorisasiError) and cause.coded:
        return Said(f"error.{cause.code}", dict(cause.params), text)
    context = {k: _bound(v) for k, v in (error.get("ctx") or {}).items()}
    if error["type"] == "motorisasi":  # this schema's own refusal (refused())
        code = str(context.pop("code"))
        return Said(f"error.{code}", context, text)
    if error["type"] != "value_error":
        return Said(f"error.pydantic.{error['type']}", context, text)
    return text


def _bound(value: object) -> object:
    """A context value of a pydantic error: a whole float bound as pydantic writes it ("less than or
    equal to 1000000"), other numbers as they are, anything else as text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int | float) else str(value)


def validation_said(exc: ValidationError) -> Said:
    """The first error of a validation as ``field: message (got value)``, on one line, as a code:
    pydantic's error type (``error.pydantic.TYPE`` with its context), or its English message
    where the catalogue has no such type or the check is one of this schema's own."""
    error = exc.errors()[0]
    # A key from the file may hold anything: shown escaped when it would not print as itself.
    field = ".".join(str(p) if str(p).isprintable() else _shown(str(p)) for p in error["loc"])
    problem = problem_said(error)
    value = error.get("input")
    shown = (
        "" if isinstance(value, dict | list) or value is None else Said("error.got", {"value": _shown(value)})
    )
    more = Said("error.more", {"n": exc.error_count() - 1}) if exc.error_count() > 1 else ""
    # A check of the whole scenario names its fields in its message.
    key = "error.field" if field else "error.problem"
    return Said(key, {"field": field, "problem": problem, "shown": shown, "more": more})


def validation_message(exc: ValidationError) -> str:
    """:func:`validation_said` in English."""
    from motorisasi.outputs.messages import said

    return said(validation_said(exc), "en")


def invalid(where: object, exc: ValidationError) -> ScenarioError:
    """The error for a scenario that fails validation: ``WHERE: field: problem (got value)``."""
    return ScenarioError(code="scenario.invalid", where=where, problem=validation_said(exc))


def library() -> list[str]:
    """Names of the shipped scenarios."""
    return sorted(p.stem for p in LIBRARY.glob("*.yaml"))


def baseline_for(country: str) -> str:
    """The shipped baseline scenario of a country (``baseline`` or ``<country>-baseline``)."""
    countries: dict[str, str] = {}
    for name in library():
        if name == "baseline" or name.endswith("-baseline"):
            countries.setdefault(load_scenario(name).country, name)
    if country.upper() not in countries:
        raise ScenarioError(code="scenario.no_baseline", country=country, known=sorted(countries))
    return countries[country.upper()]


def needs_scenario(country: str, scenario: str | None) -> str:
    """The scenario whose needs a country's data are checked against: the one named, else the
    country's shipped baseline, else Indonesia's (a new country's checklist)."""
    if scenario is not None:
        return scenario
    try:
        return baseline_for(country)
    except ScenarioError:
        return "baseline"


def with_regions(sc: Scenario, region_set: str) -> Scenario:
    """``sc`` with its results shared out to ``region_set`` ('provinces' or 'provinces-34'),
    keeping the scenario's own regional ceilings and weights."""
    current = sc.regions.model_dump() if sc.regions is not None else {}
    try:
        spec = Regions.model_validate({**current, "set": region_set})
    except ValidationError:
        raise ScenarioError(code="scenario.region_set", value=_shown(region_set)) from None
    return sc.model_copy(update={"regions": spec})
