"""Scenario files: a pydantic schema, loaded from YAML, with ``extends`` for variants.

A scenario names its country and years, how the population and income develop, and for each
vehicle segment the registered-fleet and sales series it starts from, the lifetime of its
vehicles, how demand develops (a sales growth rate, an ownership path, or an ownership target
reached by inverting the stock model), the powertrain mix of new sales, and the energy use of
each powertrain. Every number has its unit in its name and a ``reason`` next to it where it is
an assumption. ``extends: other.yaml`` starts from another file (relative to this one) and
overrides only the keys given (dictionaries merge, everything else replaces).

Errors name the file, the field and the value, on one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from motorisasi.errors import MotorisasiError

LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"
YEAR_MIN, YEAR_MAX = 1990, 2100


class ScenarioError(MotorisasiError):
    """A scenario file is malformed (the message names file, field and value)."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Share = Annotated[float, Field(ge=0.0, le=1.0)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class Years(Strict):
    history_start: Year = Field(2000, description="First year of history shown in the results")
    base: Year = Field(2024, description="Last year of history; the projection starts the year after")
    end: Year = Field(2060, description="Last projected year")

    @model_validator(mode="after")
    def _order(self) -> Years:
        if self.end <= self.base:
            raise ValueError(f"end ({self.end}) must be after base ({self.base})")
        if self.history_start > self.base:
            raise ValueError(f"history_start ({self.history_start}) must not be after base ({self.base})")
        return self


class Drivers(Strict):
    population_series: str = Field("population", description="Harmonised population series (persons)")
    income_series: str = Field(
        "gdp_per_capita_ppp", description="GDP per capita series (constant 2021 $ PPP)"
    )
    income_growth_pct: float = Field(
        4.0, ge=-10, le=20, description="GDP per capita growth after the last data year, %/yr"
    )
    income_growth_reason: str = Field(
        "assumption: near the recent trend of real GDP per capita growth (2010-2024 in the embedded data)",
        description="Why this growth",
    )
    income_path: dict[Year, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict,
        description="GDP per capita at some future years, constant 2021 $ PPP (linear in between; "
        "replaces the growth rate where given)",
    )
    population_path: dict[Year, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict,
        description="Population at some future years, persons (linear in between; replaces the series there)",
    )


class Lifetime(Strict):
    distribution: Literal["normal", "lognormal", "weibull", "gamma", "fixed"] = "normal"
    mean_years: float = Field(20.0, gt=0, le=200)
    std_years: float = Field(6.0, gt=0, le=50)
    reason: str = (
        "no Indonesian survival data were found; Held et al. (2021) measured mean car lifespans of 8-35 "
        "years in 31 European countries"
    )


class SalesPath(Strict):
    type: Literal["sales_path"]
    sales: dict[Year, Annotated[float, Field(ge=0)]] = Field(
        min_length=1, description="Sales at some years, vehicles/yr (linear in between, flat after the last)"
    )
    reason: str = "assumption"


class SalesGrowth(Strict):
    type: Literal["sales_growth"]
    growth_pct: float = Field(0.0, ge=-50, le=100, description="Sales growth from the base year, %/yr")
    reason: str = "assumption"


class OwnershipPath(Strict):
    type: Literal["ownership_path"]
    per_1000: dict[Year, Annotated[float, Field(ge=0)]] = Field(
        description="Registered vehicles per 1,000 people at some years (linear in between)"
    )
    reason: str = "assumption"

    @field_validator("per_1000")
    @classmethod
    def _not_empty(cls, value: dict[int, float]) -> dict[int, float]:
        if not value:
            raise ValueError("give at least one year")
        return value


class OwnershipTarget(Strict):
    type: Literal["ownership_target"]
    per_1000: float = Field(gt=0, description="Target registered vehicles per 1,000 people")
    by: Year
    path: Literal["growth", "smooth"] = "growth"
    max_growth_pct: float = Field(25.0, gt=0, le=500, description="Bound on year-on-year sales growth, %/yr")
    after_growth_pct: float = Field(
        0.0, ge=-50, le=100, description="Sales growth after the target year, %/yr"
    )
    reason: str = "target"


class OwnershipModel(Strict):
    type: Literal["ownership_model"]
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        default_factory=lambda: ["IDN", "JPN", "THA", "MYS"], description="Panel the model is fitted to"
    )
    definition: Literal["four_wheel", "passenger_cars"] = "passenger_cars"
    saturation: float | None = Field(None, gt=0, le=1500, description="Fixed saturation, vehicles per 1,000")
    reason: str = (
        "Gompertz ownership with partial adjustment, fitted to the panel (Dargay, Gately & Sommer 2007)"
    )


Demand = Annotated[
    SalesGrowth | SalesPath | OwnershipPath | OwnershipTarget | OwnershipModel, Field(discriminator="type")
]


class Logistic(Strict):
    type: Literal["logistic"]
    midpoint_year: float = Field(ge=YEAR_MIN, le=YEAR_MAX)
    steepness_per_year: float = Field(gt=0, le=5)
    ceiling: Share = 1.0
    floor: Share = 0.0
    reason: str = "assumption"


class Bass(Strict):
    type: Literal["bass"]
    start_year: Year
    p: float = Field(gt=0, le=1, description="Coefficient of innovation, per year")
    q: float = Field(ge=0, le=2, description="Coefficient of imitation, per year")
    ceiling: Share = 1.0
    reason: str = "assumption"


class SharePath(Strict):
    type: Literal["path"]
    share: dict[Year, Share] = Field(
        min_length=1, description="Share of new sales at some years (linear in between)"
    )
    reason: str = "assumption"


class UnitsPath(Strict):
    type: Literal["units"]
    units: dict[Year, Annotated[float, Field(ge=0)]] = Field(
        min_length=1, description="Vehicles sold at some years"
    )
    reason: str = "target"


Adoption = Annotated[Logistic | Bass | SharePath | UnitsPath, Field(discriminator="type")]


class PowertrainEnergy(Strict):
    fuel: Literal["gasoline", "diesel", "electricity"]
    intensity_mj_per_km: float = Field(
        gt=0, le=100, description="Energy use of a new vehicle in the base year, MJ/km"
    )
    improvement_pct: float = Field(0.0, ge=-10, le=20, description="Yearly gain of new vehicles, %/yr")
    electric_share: Share = Field(0.0, description="PHEV: share of distance driven on electricity")
    reason: str = "assumption"


class Segment(Strict):
    label: str
    stock_series: list[str] = Field(min_length=1, description="Registered-fleet series, summed (vehicles)")
    sales_series: str = Field(description="Sales series (vehicles/yr)")
    sales_share: float | Literal["passenger_categories", "commercial_categories"] = Field(
        1.0,
        description="Share of the sales series in this segment (or a split by GAIKINDO categories)",
    )
    lifetime: Lifetime = Lifetime()
    demand: Demand
    km_per_year: float = Field(gt=0, le=500_000, description="Distance per vehicle in its first year, km/yr")
    km_decline_pct: float = Field(0.0, ge=0, lt=100, description="Fall in distance per year of age, %")
    km_reason: str = "assumption"
    residual_powertrain: str = Field(
        "ICE", description="The powertrain that takes the share the others leave"
    )
    powertrains: dict[str, Adoption] = Field(
        default_factory=dict, description="Adoption of the other powertrains"
    )
    base_fleet_powertrain: str | None = Field(
        None,
        description="Powertrain of the base fleet not covered by the history series (default: the residual)",
    )
    history_sales_series: dict[str, str] = Field(
        default_factory=dict,
        description="Series of past sales by powertrain (to start the fleet's powertrain mix)",
    )
    energy: dict[str, PowertrainEnergy]

    @field_validator("sales_share")
    @classmethod
    def _share(cls, value):
        if isinstance(value, float) and not 0 < value <= 1:
            raise ValueError(f"a share must be in (0, 1], got {value}")
        return value

    @model_validator(mode="after")
    def _energy_for_every_powertrain(self) -> Segment:
        if self.residual_powertrain in self.powertrains:
            raise ValueError(
                f"powertrains: {self.residual_powertrain!r} is the residual powertrain (it takes what the "
                "others leave); do not list it"
            )
        unknown = [p for p in self.history_sales_series if p not in self.powertrains]
        if unknown:
            raise ValueError(
                f"history_sales_series: {unknown[0]!r} is not one of the segment's other powertrains"
            )
        if self.base_fleet_powertrain is not None and self.base_fleet_powertrain not in [
            self.residual_powertrain,
            *self.powertrains,
        ]:
            raise ValueError(
                f"base_fleet_powertrain: {self.base_fleet_powertrain!r} is not a powertrain of the segment"
            )
        names = [self.residual_powertrain, *self.powertrains]
        missing = [p for p in names if p not in self.energy]
        if missing:
            raise ValueError(f"energy: no entry for powertrain {missing[0]!r}")
        extra = [p for p in self.energy if p not in names]
        if extra:
            raise ValueError(f"energy: {extra[0]!r} is not a powertrain of this segment ({', '.join(names)})")
        return self


class Energy(Strict):
    grid_series: str = Field(
        "electricity_carbon_intensity_ember", description="Grid CO2 intensity history (g/kWh)"
    )
    grid_intensity_g_per_kwh: dict[Year, Annotated[float, Field(ge=0)]] = Field(
        default_factory=dict,
        description="Future grid CO2 intensity at some years, g/kWh (flat after the last)",
    )
    grid_reason: str = "assumption: held at the last observed level (no official projection was found)"
    charging_loss: Share = Field(0.12, description="Share of grid electricity lost in charging")
    charging_loss_reason: str = "tests of electric cars found 11.6-16 % (see energy.csv)"
    biodiesel_blend_pct: dict[Year, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="Biodiesel (FAME) share of diesel from each year on, % (counts as zero CO2)",
    )
    biodiesel_reason: str = "blending mandates (see energy.csv)"


ORIGINS = ("Japan", "China", "South Korea", "Europe", "USA", "India", "Vietnam", "Indonesia")


class IndustryGroup(Strict):
    """Production and trade of a group of segments (the data report them together)."""

    segments: list[str] = Field(min_length=1, description="Segments whose sales this group supplies")
    production_series: str | None = Field(None, description="History of production (vehicles/yr)")
    exports_series: str | None = Field(
        None, description="History of exports of built-up vehicles (vehicles/yr)"
    )
    imports_series: str | None = Field(
        None, description="History of imports of built-up vehicles (vehicles/yr)"
    )
    import_share: dict[Year, Share] = Field(
        default_factory=dict,
        description="Share of domestic sales imported built-up at some years (default: the base year's)",
    )
    exports_growth_pct: float = Field(
        0.0, ge=-50, le=100, description="Growth of exports from the base year, %/yr"
    )
    exports_reason: str = "assumption"
    capacity_vehicles: float | None = Field(None, gt=0, description="Production capacity, vehicles/yr")
    capacity_reason: str = ""
    workers_per_1000: float = Field(0.0, ge=0, le=1000, description="Direct jobs per 1,000 vehicles produced")
    workers_reason: str = "assumption"
    origin_series: str | None = Field(None, description="History of sales shares by maker origin (%)")
    origin_shares: dict[str, dict[Year, Share]] = Field(
        default_factory=dict,
        description="Shares of sales by maker origin at some years (the rest is 'Other')",
    )
    origin_reason: str = "held at the last observed shares"
    local_content: LocalContent | None = None

    @field_validator("origin_shares")
    @classmethod
    def _known_origins(cls, value: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
        for origin in value:
            if origin not in ORIGINS:
                raise ValueError(
                    f"unknown origin {origin!r} (known: {', '.join(ORIGINS)}; the rest is 'Other')"
                )
        return value


class LocalContent(Strict):
    """Domestic component value of locally assembled vehicles (local content, TKDN)."""

    vehicle_value_idr: dict[str, Annotated[float, Field(gt=0)]] = Field(
        description="Value of a vehicle by powertrain, rupiah"
    )
    share: dict[str, dict[Year, Share]] = Field(description="Local content share by powertrain at some years")
    sme_share: Share = Field(0.0, description="Share of the local content supplied by small and medium firms")
    reason: str = "assumption"


class Batteries(Strict):
    pack_kwh: dict[str, dict[str, dict[Year, Annotated[float, Field(ge=0, le=500)]]]] = Field(
        default_factory=dict,
        description="Battery size of new vehicles, kWh: segment -> powertrain -> year -> kWh",
    )
    pack_reason: str = "assumption"
    nickel_based_share: dict[Year, Share] = Field(
        default_factory=dict, description="Share of nickel-based packs"
    )
    nickel_kg_per_kwh: float = Field(0.0, ge=0, le=5, description="Nickel in nickel-based packs, kg/kWh")
    nickel_reason: str = "assumption"


class Workforce(Strict):
    attrition_pct: float = Field(5.0, ge=0, le=100, description="Share of workers leaving each year, %")
    training_share: Share = Field(
        0.0, description="Share of new workers trained in a programme (e.g. in Japan)"
    )
    reason: str = "assumption"


class FuelPrice(Strict):
    retail_idr_per_l: dict[Year, Annotated[float, Field(ge=0)]] = Field(description="Subsidised retail price")
    market_idr_per_l: dict[Year, Annotated[float, Field(ge=0)]] = Field(
        description="Market (keekonomian) price"
    )
    density_kg_per_l: float = Field(gt=0.5, lt=1.2, description="Fuel density, kg per litre")
    subsidised_share: Share = Field(description="Share of the fuel sold as the subsidised grade")
    reason: str = "assumption"


class Fiscal(Strict):
    fuels: dict[Literal["gasoline", "diesel"], FuelPrice] = Field(default_factory=dict)
    tax_forgone_idr: dict[str, dict[str, dict[Year, Annotated[float, Field(ge=0)]]]] = Field(
        default_factory=dict,
        description="Tax forgone per vehicle sold: segment -> powertrain -> year -> rupiah",
    )
    tax_reason: str = "assumption"
    idr_per_usd: float = Field(15_255, gt=0, description="Exchange rate for values in US dollars")
    idr_per_usd_reason: str = "2023 realised average (Kemenkeu, industry.csv)"


class Industry(Strict):
    groups: dict[str, IndustryGroup] = Field(default_factory=dict)
    batteries: Batteries = Batteries()
    workforce: Workforce = Workforce()
    fiscal: Fiscal = Fiscal()


class Scenario(Strict):
    name: str
    description: str = ""
    description_id: str = Field(
        "", description="The description in Bahasa Indonesia, for reports in Indonesian"
    )
    country: str = Field("IDN", pattern=r"^[A-Z]{3}$")
    years: Years = Years()
    drivers: Drivers = Drivers()
    segments: dict[str, Segment] = Field(min_length=1)
    energy: Energy = Energy()
    industry: Industry = Industry()

    @model_validator(mode="after")
    def _years_inside_horizon(self) -> Scenario:
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
                if not self.years.base < year <= self.years.end:
                    raise ValueError(
                        f"segments.{name}.demand: year {year} is outside the projection "
                        f"{self.years.base + 1}-{self.years.end}"
                    )
        for field_name, path in (
            ("drivers.income_path", self.drivers.income_path),
            ("drivers.population_path", self.drivers.population_path),
        ):
            for year in path:
                if not self.years.base < year <= self.years.end:
                    raise ValueError(f"{field_name}: year {year} is outside the projection")
        for group, spec in self.industry.groups.items():
            unknown = [s for s in spec.segments if s not in self.segments]
            if unknown:
                raise ValueError(f"industry.groups.{group}.segments: {unknown[0]!r} is not a segment")
        for seg in self.industry.batteries.pack_kwh:
            if seg not in self.segments:
                raise ValueError(f"industry.batteries.pack_kwh: {seg!r} is not a segment")
        for year in self.energy.grid_intensity_g_per_kwh:
            if not self.years.base < year <= self.years.end:
                raise ValueError(f"energy.grid_intensity_g_per_kwh: year {year} is outside the projection")
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
            if changed and isinstance(base[key], str):
                out[key] = f"changed by the extending scenario ({', '.join(changed)}); was: {base[key]}"
        return out
    return override


def _read_yaml(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    import yaml

    if path in chain:
        raise ScenarioError(f"{path}: extends: circular ({' -> '.join(str(p) for p in (*chain, path))})")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        where = f"{chain[-1]}: extends" if chain else "scenario"
        raise ScenarioError(f"{where}: file {str(path)!r} does not exist{_suggest(path)}") from None
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(f"{path}:{line}: not valid YAML ({problem})") from None
    if not isinstance(content, dict):
        raise ScenarioError(f"{path}: a scenario must be a mapping of fields, got {type(content).__name__}")
    parent = content.pop("extends", None)
    if parent is None:
        return content
    if not isinstance(parent, str):
        raise ScenarioError(f"{path}: extends: must be a file name, got {parent!r}")
    if "name" not in content:
        raise ScenarioError(f"{path}: name: a scenario that extends another needs its own name")
    base = _read_yaml(resolve(parent, path.parent), (*chain, path))
    merged = _merge(base, content)
    if "description" in content and "description_id" not in content:
        merged.pop("description_id", None)  # the parent's translation no longer says what this one is
    return merged


def _suggest(path: Path) -> str:
    """' (shipped scenarios: ...; did you mean X?)' for a name that is not a file."""
    import difflib

    shipped = library()
    close = difflib.get_close_matches(path.stem, shipped, n=1)
    guess = f"; did you mean {close[0]!r}?" if close else ""
    return f" (shipped scenarios: {', '.join(shipped)}{guess})"


def resolve(name: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario path: as given, relative to ``relative_to``, or a name in the shipped library."""
    path = Path(name)
    candidates = [path] if path.is_absolute() else [(relative_to or Path.cwd()) / path]
    if len(path.parts) == 1:  # a bare name may be a shipped scenario; a path must exist as given
        candidates.append(LIBRARY / (path.name if path.suffix else f"{path.name}.yaml"))
    for candidate in candidates:
        if candidate.exists():
            return candidate.resolve()
    return candidates[0]


def load_scenario(name: str | Path = "baseline") -> Scenario:
    """Read, merge (``extends``) and validate a scenario file; errors are one line."""
    path = resolve(name)
    content = _read_yaml(path)
    try:
        return Scenario.model_validate(content)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        value = error.get("input")
        shown = "" if isinstance(value, dict | list) or value is None else f" (got {value!r})"
        more = f"; and {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
        raise ScenarioError(f"{path}: {field}: {message}{shown}{more}") from None


def library() -> list[str]:
    """Names of the shipped scenarios."""
    return sorted(p.stem for p in LIBRARY.glob("*.yaml"))
