"""The ownership gap: what reaching a target such as 150 vehicles per 1,000 people by a year takes.

A query over the scenario pipeline, not a model beside it: the definition asked for (four-wheel
or passenger cars, with its lifetime and register model) is one segment of the fleet step,
which rebuilds the fleet's age structure from the sales history and calibrates the register
(:func:`~motorisasi.scenario.steps.fleet.segment_history`) and gives the register ahead for any
sales (:func:`~motorisasi.scenario.steps.fleet.register_ahead`); the sales path that reaches the
target is the demand step's inversion of the stock model for an ownership target
(:func:`~motorisasi.scenario.steps.demand.sales_to_target`), and the industry figures use the
industry step's supply balance. Every number it returns names its definition and sources, and
every assumption has a name, a unit and a reason.

How the registered fleet is modelled
------------------------------------
Registration statistics count vehicles that are no longer on the road: Indonesia's
registered four-wheel fleet grew by 5.3 million from 2015 to 2021 while 5.7 million were
sold, so little leaves the register. The register is modelled in two layers, as in a
scenario run (:mod:`motorisasi.scenario.register`):

- the fleet *in use*: the registered fleet of the year before the sales history starts
  (with a steady-state age profile) plus every year's sales since, each surviving by the
  lifetime assumption; and
- vehicles *out of use but still registered*, removed from the register at a yearly rate
  fitted to the register's year-on-year changes within one statistical basis
  (``register="calibrated"``, the default), never (``"none"``) or as soon as they leave use
  (``"in_use"``); what neither layer explains in the base year (a level that differs between
  statistical bases) is held constant.

Targets are on the registered basis, as the official "99 per 1,000" is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from motorisasi.errors import MotorisasiError, Said
from motorisasi.model.checks import shown
from motorisasi.model.targets import first_year_reaching, sales_per_point
from motorisasi.scenario.history import passenger_share
from motorisasi.scenario.register import REGISTER_MODELS, calibrate
from motorisasi.scenario.steps.demand import sales_to_target
from motorisasi.scenario.steps.fleet import RegisterAhead, register_ahead

#: Definitions ``gap`` supports: stock series, sales series, label.
GAP_SERIES = {
    "four_wheel": (
        "four_wheel_registered",
        "car_sales",
        "four-wheel-plus vehicles (cars, buses, trucks), registered",
    ),
    "passenger_cars": ("passenger_cars_registered", "car_sales", "passenger cars, registered"),
}


class GapError(MotorisasiError):
    """The question cannot be answered as asked (the message says why)."""


@dataclass(frozen=True)
class Assumption:
    """A named assumption with its unit; its reason is the message ``assumption.NAME``, which
    ``params`` fill (the outputs layer words it in the reader's language)."""

    name: str
    value: float | str
    unit: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class GapResult:
    """The answer to "what does TARGET per 1,000 by YEAR take?", with its provenance."""

    country: str
    definition: str
    definition_label: str
    target: float
    by: int
    base_year: int
    latest_ownership: float
    latest_stock: float
    latest_flag: str
    latest_sources: list[str]
    population_base: float
    population_target: float
    stock_needed: float
    extra_vehicles: float
    unremoved_registrations: float
    modelled_fleet: float
    register: dict[str, object]
    baseline_sales: float
    baseline_year_reached: float
    baseline_horizon: int
    baseline_ownership_at_target: float
    feasible: bool  # within the growth bound (the path shown may exceed it when not)
    reason: str  # "" where feasible, else a code: message ``gap.reason.CODE`` filled by reason_params
    reason_params: dict[str, float]
    needed_growth: float
    years: list[int]
    sales: list[float]
    removals: list[float]  # vehicles removed from the register each year
    stock: list[float]
    ownership: list[float]
    cumulative_sales: float
    cumulative_extra_sales: float
    sales_per_point: float
    path_shape: str
    income: dict[str, object] | None = None
    industry: dict[str, object] | None = None
    assumptions: list[Assumption] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain types only (for JSON)."""
        return json_ready(asdict(self))


def ownership_gap(
    target: float = 150.0,
    by: int = 2030,
    *,
    country: str = "IDN",
    definition: str = "four_wheel",
    lifetime: float = 20.0,
    lifetime_std: float = 6.0,
    max_growth: float = 0.25,
    baseline_growth: float = 0.0,
    shape: str = "growth",
    income: bool = False,
    register: str = "calibrated",
    fit_from: int | str | None = "baseline",
    data_dir: str | Path | None = None,
) -> GapResult:
    """What reaching ``target`` vehicles per 1,000 people by ``by`` takes (see the module docs).

    With ``income=True`` it also fits the ownership-income model to a panel (the country
    with the rest of :data:`~motorisasi.scenario.ownership_histories.DEFAULT_PANEL`) and reports the
    constant growth of GDP per capita
    under which the model's ownership reaches the target by ``by``.

    ``register`` names the register model (``calibrated``, ``none``, ``in_use``); the
    calibration uses the register's changes from ``fit_from`` on (``"baseline"``: as the
    shipped baseline scenario does).
    """
    from motorisasi.data.store import series_values

    _check_options(target, definition, lifetime, lifetime_std, max_growth, baseline_growth, register)
    if fit_from == "baseline":
        fit_from = _baseline().segments["cars"].register_removal.fit_from
    stock_name, sales_name, label = GAP_SERIES[definition]
    try:
        stock = series_values(stock_name, country, data_dir=data_dir)
        sales = series_values(sales_name, country, data_dir=data_dir)
        population = series_values("population", country, data_dir=data_dir)
    except MotorisasiError as exc:
        raise GapError(code="scenario.gap.country", country=country, problem=exc) from None
    assumptions: list[Assumption] = []
    sales_values = sales.values
    if definition == "passenger_cars":
        try:
            share, years_used = passenger_share(country, data_dir)
        except MotorisasiError as exc:
            raise GapError(code="scenario.again", problem=exc) from None
        sales_values = sales_values * share
        assumptions.append(
            Assumption(
                "passenger_share_of_sales",
                round(100 * share, 1),
                "% of 4+ wheel sales",
                {"years": years_used},
            )
        )

    base = int(min(stock.years.max(), sales.years.max()))
    if by <= base:
        raise GapError(code="scenario.gap.by_not_after", by=by, base=base)
    horizon = int(population.years.max())
    if by > horizon:
        raise GapError(code="scenario.gap.by_after_horizon", by=by, horizon=horizon)
    first = int(sales.years.min())
    if first - 1 not in stock.years:
        raise GapError(code="scenario.gap.no_fleet_before_sales", series=stock_name, year=first - 1)
    if not np.array_equal(population.years, np.arange(population.years[0], horizon + 1)):
        raise GapError(code="scenario.gap.population_gaps")

    def pop(year: int) -> float:
        return population.at(year)

    def pops(start: int, end: int) -> np.ndarray:
        i = population.index_of(start)
        return population.values[i : i + end - start + 1]

    latest_stock = stock.at(base)
    latest_ownership = 1000.0 * latest_stock / pop(base)
    if latest_ownership >= target:
        raise GapError(
            code="scenario.gap.target_not_above",
            target=shown(target),
            today=shown(latest_ownership, ".1f"),
            base=base,
            label=Said(f"scenario.gap.label.{definition}", {}, label),
        )

    assumptions += _stated(lifetime, lifetime_std, max_growth, baseline_growth, base)

    # The fleet step of a scenario run, on a segment of this definition: the past rebuilt and the
    # register calibrated (segment_history), and the register ahead for any sales (register_ahead).
    past = _past(
        definition,
        stock_name,
        label,
        lifetime,
        lifetime_std,
        register,
        fit_from,
        country,
        base,
        horizon,
        data_dir,
    )
    ahead = register_ahead(past, horizon - base)
    history, sf, layers, modelled = past.sales, past.survival, past.layers, float(past.spun.modelled)
    unremoved = latest_stock - modelled  # out of use but registered, and the basis level
    q = ahead.curve

    def registered_with(future_sales: np.ndarray, these: RegisterAhead = ahead) -> np.ndarray:
        """The register in the years after the base year with these sales (and the fleet of today)."""
        return these.with_sales(future_sales)[1]

    kept = ahead.kept  # with no more sales
    assumptions.append(_register_assumption(layers, register, fit_from))

    n_years = by - base
    stock_needed = target / 1000.0 * pop(by)
    base_sales = float(history[-1])
    projected_population = pops(base + 1, horizon)

    def to_target(shape: str, bound: float):
        # The demand step's inversion for an ownership target, on the same register.
        return sales_to_target(target, n_years, projected_population, kept, q, base_sales, shape, bound)

    path = to_target(shape, max_growth)
    within_bounds = bool(path.feasible)
    bounds = {"upper": 100 * path.bounds[0], "lower": 100 * path.bounds[1]}
    if not within_bounds and np.isfinite(path.needed_growth) and path.needed_growth > max_growth:
        # Show what the target would take at the constant growth it needs, beyond the bound.
        path = to_target("growth", float(path.needed_growth) * (1 + 1e-9) + 1e-12)
        shape = "growth"  # the path shown is the constant-growth one

    n_future = horizon - base
    held = _held(ahead, base_sales, baseline_growth, target, base, projected_population)
    baseline_ownership, reached = held
    register_block: dict[str, object] = {**layers.summary(), "baseline_year_reached": json_ready(reached)}
    if layers.fit is not None:
        # The same baseline at both ends of the removal rate's interval: how far the answer moves.
        for end, rate_end in (("low", layers.fit.low), ("high", layers.fit.high)):
            other = calibrate(past.history, past.spun.in_use, past.spun.left_use, model="rate", rate=rate_end)
            at_end = register_ahead(past, n_future, other)
            _, year = _held(at_end, base_sales, baseline_growth, target, base, projected_population)
            register_block[f"baseline_year_reached_at_{end}_rate"] = json_ready(year)
    register_block["backtest"] = _backtest_figure(definition, country, lifetime, lifetime_std, data_dir)

    reason, reason_params = "", {}
    if not within_bounds:
        if path.feasible:  # the constant-growth path shown, beyond the bound
            reason, reason_params = "growth_bound", {"growth": 100 * float(path.needed_growth)}
        else:
            reason = str(path.reason) or _first_reason(stock_needed, kept[n_years - 1])
            reason_params = {"growth": 100 * float(path.reason_growth)}
        reason_params |= bounds
    years = list(range(base + 1, by + 1))
    padded = np.concatenate([path.sales, np.zeros(n_future - n_years)])
    registered = registered_with(padded)[:n_years] if np.all(np.isfinite(path.sales)) else path.stock
    removals = np.concatenate([[latest_stock], registered[:-1]]) + path.sales - registered
    ownership_path = 1000.0 * registered / pops(base + 1, by)
    baseline_cumulative = float(np.sum(base_sales * (1 + baseline_growth) ** np.arange(1, n_years + 1)))
    cumulative = float(np.sum(path.sales)) if path.feasible else float("nan")

    income_block = _income_needed(country, definition, target, by, data_dir) if income else None
    if income_block and income_block.get("available"):
        assumptions += _ownership_assumptions(income_block, definition, data_dir)
    industry_block = _industry_needed(country, base, by, base_sales, float(path.sales[-1]), data_dir)
    return GapResult(
        income=income_block,
        industry=industry_block,
        country=country,
        definition=definition,
        definition_label=label,
        target=float(target),
        by=int(by),
        base_year=base,
        latest_ownership=float(latest_ownership),
        latest_stock=latest_stock,
        latest_flag=stock.flags[stock.index_of(base)],
        latest_sources=stock.source_ids[stock.index_of(base)].split(";"),
        population_base=pop(base),
        population_target=pop(by),
        stock_needed=float(stock_needed),
        extra_vehicles=float(stock_needed - latest_stock),
        unremoved_registrations=unremoved,
        modelled_fleet=modelled,
        register=register_block,
        baseline_sales=base_sales,
        baseline_year_reached=reached,
        baseline_horizon=horizon,
        baseline_ownership_at_target=float(baseline_ownership[by - base - 1]),
        feasible=within_bounds,
        reason=reason,
        reason_params=reason_params,
        needed_growth=float(path.needed_growth),
        years=years,
        sales=[float(x) for x in path.sales],
        removals=[float(x) for x in removals],
        stock=[float(x) for x in registered],
        ownership=[float(x) for x in ownership_path],
        cumulative_sales=cumulative,
        cumulative_extra_sales=cumulative - baseline_cumulative,
        sales_per_point=float(sales_per_point(pop(by), sf[0])),
        path_shape=shape,
        assumptions=assumptions,
        sources=_cited(stock, sales, population, first, base, by),
    )


def _held(ahead: RegisterAhead, base_sales: float, growth: float, target: float, base: int, population):
    """Ownership per 1,000 with sales from the base year growing at ``growth`` (held when 0) to
    the population's horizon, and the first year it reaches ``target`` (NaN: not by then)."""
    from motorisasi.data.schema import MAX_VEHICLES

    sales = base_sales * (1 + growth) ** np.arange(1, len(population) + 1)
    if sales.max() > MAX_VEHICLES:  # a rate held to the horizon compounds past any market
        year = base + 1 + int(np.argmax(sales > MAX_VEHICLES))
        raise GapError(
            code="scenario.gap.baseline_growth_past",
            growth=shown(100 * growth),
            limit=MAX_VEHICLES,
            year=year,
        )
    ownership = 1000.0 * ahead.with_sales(sales)[1] / population
    years = np.arange(base + 1, base + 1 + len(population))
    return ownership, float(first_year_reaching(ownership, target, years))


def _cited(stock, sales, population, first: int, base: int, by: int) -> dict[str, str]:
    """The sources of the values the answer used, by id."""
    used = {stock.source_ids[stock.index_of(y)] for y in (first - 1, base)}
    used |= {sales.source_ids[i] for i in range(sales.index_of(first), sales.index_of(base) + 1)}
    used |= {population.source_ids[i] for i in range(population.index_of(base), population.index_of(by) + 1)}
    ids = sorted({i for group in used for i in group.split(";")})
    citations = {**stock.sources, **sales.sources, **population.sources}
    return {i: citations[i] for i in ids if i in citations}


def _check_options(
    target: float,
    definition: str,
    lifetime: float,
    lifetime_std: float,
    max_growth: float,
    baseline_growth: float,
    register: str,
) -> None:
    """Each option within what the model can answer, or one line naming it."""
    if definition not in GAP_SERIES:
        raise GapError(code="definition_unknown", definition=definition, known=tuple(GAP_SERIES))
    from motorisasi.data.schema import MAX_PER_1000
    from motorisasi.scenario.schema import LIFETIME_MAX, LIFETIME_STD_MAX, LIFETIME_STD_MIN

    if not (np.isfinite(target) and 1 <= target <= MAX_PER_1000):
        raise GapError(code="scenario.gap.target_range", high=MAX_PER_1000, got=shown(target, ".12g"))
    if not (np.isfinite(lifetime) and 1 <= lifetime <= LIFETIME_MAX):
        raise GapError(code="scenario.gap.lifetime_range", high=LIFETIME_MAX, got=shown(lifetime))
    if not (np.isfinite(lifetime_std) and LIFETIME_STD_MIN <= lifetime_std <= LIFETIME_STD_MAX):
        raise GapError(
            code="scenario.gap.lifetime_std_range",
            low=LIFETIME_STD_MIN,
            high=LIFETIME_STD_MAX,
            got=shown(lifetime_std, ".12g"),
        )
    if not (np.isfinite(max_growth) and 0 < max_growth <= 5):
        raise GapError(code="scenario.gap.max_growth_range", got=shown(100 * max_growth))
    if not (np.isfinite(baseline_growth) and -1 < baseline_growth <= 5):
        raise GapError(code="scenario.gap.baseline_growth_range", got=shown(100 * baseline_growth))
    if register not in REGISTER_MODELS or register == "rate":
        raise GapError(code="scenario.gap.register_unknown", register=register)


def _stated(lifetime: float, lifetime_std: float, max_growth: float, baseline_growth: float, base: int):
    """The assumptions given as options, with their units and reasons."""
    return [
        Assumption("lifetime_mean", lifetime, "years"),
        Assumption("lifetime_std", lifetime_std, "years"),
        Assumption("max_sales_growth", round(100 * max_growth, 1), "%/yr"),
        Assumption("baseline_sales_growth", round(100 * baseline_growth, 1), "%/yr", {"year": base}),
        Assumption("population", "World Bank to 2024, UN WPP 2024 medium variant after", "persons"),
    ]


def _past(
    definition: str,
    stock_name: str,
    label: str,
    lifetime: float,
    lifetime_std: float,
    register: str,
    fit_from: int | None,
    country: str,
    base: int,
    horizon: int,
    data_dir,
):
    """The segment's past as a scenario run rebuilds it (the options were checked by the caller)."""
    from motorisasi.scenario.schema import Lifetime, RegisterRemoval, Scenario, ScenarioError, Segment, Years
    from motorisasi.scenario.steps.fleet import segment_history
    from motorisasi.scenario.steps.inputs import _Sources

    segment = Segment.model_construct(
        label=label,
        stock_series=[stock_name],
        sales_series=GAP_SERIES[definition][1],
        sales_share="passenger_categories" if definition == "passenger_cars" else 1.0,
        lifetime=Lifetime.model_construct(distribution="normal", mean_years=lifetime, std_years=lifetime_std),
        register_removal=RegisterRemoval.model_construct(
            model=register, rate_per_year=None, fit_from=fit_from
        ),
    )
    scenario = Scenario.model_construct(
        country=country, years=Years.model_construct(history_start=base, base=base, end=horizon)
    )
    try:
        return segment_history(definition, segment, scenario, _Sources(), data_dir)
    except ScenarioError as exc:
        text = str(exc).removeprefix(f"segments.{definition}.")
        if text.startswith("lifetime:"):
            raise GapError(code="scenario.gap.lifetime_too_short", lifetime=shown(lifetime)) from None
        raise GapError(f"{stock_name}: {text.removeprefix('register_removal: ')}") from None


def _industry_needed(
    country: str, base: int, by: int, sales_base: float, sales_by: float, data_dir
) -> dict | None:
    """What the sales path means for industry at the target year, with the baseline scenario's assumptions.

    Production = sales x (1 - import share) + exports (held at the base year; the supply balance
    of :func:`motorisasi.model.industry.supply_balance`, as in a scenario run); Japanese-brand
    sales use the latest share of Japanese brands; battery packs use the latest electric share
    of car sales and the baseline's pack size; jobs use the baseline's jobs per vehicle made.
    """
    # The shipped baseline is read as plain YAML (it is validated by the tests); building the
    # scenario schema would add a third of a second to every 'gap'.
    from pathlib import Path

    import yaml

    from motorisasi.data.store import merged
    from motorisasi.model.industry import supply_balance

    path = Path(__file__).resolve().parent.parent / "scenarios" / "baseline.yaml"
    try:
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        group = scenario["industry"]["groups"]["four_wheel"]
        cars = scenario["segments"]["cars"]
        packs = scenario["industry"]["batteries"]["pack_kwh"]["cars"]["BEV"]
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return None
    if country != scenario.get("country") or not np.isfinite(sales_by):
        return None
    rows = [r for r in merged(data_dir).rows if r["country"] == country and r["region"] == ""]

    def value(series: str | None, year: int, category: str = "") -> float | None:
        hit = [
            float(r["value"])
            for r in rows
            if r["series"] == series and r["category"] == category and r["year"] == year
        ]
        return hit[0] if hit else None

    imports = value(group.get("imports_series"), base)
    exports = value(group.get("exports_series"), base) if group.get("exports_series") else 0.0
    wholesale = value("wholesales_gaikindo", base)
    if imports is None or exports is None or not wholesale:
        return None
    import_share = imports / wholesale
    japan = [r for r in rows if r["series"] == group.get("origin_series") and r["category"] == "Japan"]
    japan_share = float(max(japan, key=lambda r: int(r["year"]))["value"]) / 100 if japan else float("nan")
    bev = cars.get("powertrains", {}).get("BEV", {})
    bev_share = float(bev["share"][max(bev["share"])]) if "share" in bev else 0.0
    pack = float(packs[max(packs)])
    workers = float(group.get("workers_per_1000", 0.0))

    def at(sales: float) -> dict[str, float]:
        # The supply balance of a scenario run's industry step.
        production = float(supply_balance(sales, import_share, exports)[2])
        return {
            "sales": sales,
            "production": production,
            "exports": exports,
            "japanese_brand_sales": sales * japan_share,
            "battery_gwh": sales * bev_share * pack / 1e6,
            "jobs": production * workers / 1000,
        }

    return {
        "base_year": base,
        "today": at(sales_base),
        "target_year": at(sales_by),
        "assumptions": {
            "import_share": import_share,
            "exports": exports,
            "japanese_brand_share": japan_share,
            "electric_share_of_car_sales": bev_share,
            "pack_kwh": pack,
            "jobs_per_1000": workers,
        },
        "note": "with the baseline scenario's industry assumptions, held at their latest values",
    }


def json_ready(value):
    """Plain Python values for JSON, recursively: numpy scalars as Python numbers, tuples as lists,
    keys as strings, and floats that are not finite as None (JSON has no NaN)."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


INCOME_DRAWS = 1000


def _income_needed(country: str, definition: str, target: float, by: int, data_dir) -> dict[str, object]:
    """The GDP-per-capita growth the fitted ownership model needs for the target (or why not)."""
    from motorisasi.model.ownership_fit import IdentificationError, fit_ownership
    from motorisasi.model.targets import required_income_growth
    from motorisasi.scenario.ownership_histories import DEFAULT_PANEL, panel_histories

    panel = (country, *[c for c in DEFAULT_PANEL if c != country])
    try:
        histories, _ = panel_histories(panel, definition, data_dir)
        fit = fit_ownership(histories)
    except (IdentificationError, MotorisasiError) as exc:
        return {"available": False, "reason": str(exc)}
    history = histories[country]
    year = int(history.years[-1])
    rise, fall = fit.theta()
    from motorisasi.scenario.ownership_cv import panel_incomes, validate_histories

    try:
        cv = validate_histories(histories, panel_incomes(panel, data_dir), definition, 5, full=fit)
        skill = {
            e: {k: cv.headline(e)[k] for k in ("mae", "best_benchmark", "model_at_least_as_good", "horizons")}
            for e in ("rolling", "loco_own_beta")
        }
    except MotorisasiError as exc:
        skill = {"unavailable": str(exc)}
    out = required_income_growth(
        target,
        n_years=by - year,
        base_income=history.income[-1],
        base_ownership=history.ownership[-1],
        saturation=fit.value("saturation"),
        alpha=fit.value("alpha"),
        beta=fit.beta(country),
        theta_rise=rise,
        theta_fall=fall,
    )
    # Parameter uncertainty (Krinsky-Robb draws of the fit) carried into the required growth.
    from motorisasi.model.ownership_fit import parameter_draws

    try:
        draws = parameter_draws(fit, INCOME_DRAWS, seed=0)
        beta_key = f"beta[{country}]" if f"beta[{country}]" in draws else "beta"
        rises = draws.get("theta_rise", draws.get("theta", np.ones(INCOME_DRAWS)))
        falls = draws.get("theta_fall", rises)
        spread = required_income_growth(
            np.full(INCOME_DRAWS, target),
            n_years=by - year,
            base_income=history.income[-1],
            base_ownership=history.ownership[-1],
            saturation=draws["saturation"],
            alpha=draws["alpha"],
            beta=draws[beta_key],
            theta_rise=rises,
            theta_fall=falls,
        )
        ok = np.asarray(spread.feasible, dtype=bool) & np.isfinite(spread.growth)
        low, high = (
            (float(np.percentile(spread.growth[ok], 5)), float(np.percentile(spread.growth[ok], 95)))
            if ok.any()
            else (float("nan"), float("nan"))
        )
        growth_range = {
            "low": low,
            "high": high,
            "level": 0.9,
            "draws": INCOME_DRAWS,
            "infeasible_share": float(1 - ok.mean()),
            "method": "Krinsky-Robb draws from the fit's asymptotic normal distribution",
        }
    except MotorisasiError as exc:
        growth_range = {"unavailable": str(exc)}
    return {
        "available": True,
        "growth_range": growth_range,
        "base_year": year,
        "base_income": float(history.income[-1]) * 1000.0,
        "base_ownership": float(history.ownership[-1]),
        "growth": float(out.growth),
        "income_at_target": float(out.income[-1]) * 1000.0 if out.feasible else float("nan"),
        "feasible": bool(out.feasible),
        "reason": str(out.reason),  # code: message gap.income.reason.CODE
        "max_growth": 100 * out.max_growth,
        "unit": "constant 2021 international $ per person (PPP)",
        "model": {
            "countries": list(panel),
            "saturation": fit.value("saturation"),
            "alpha": fit.value("alpha"),
            "beta": fit.beta(country),
            "theta": rise,
            "r_squared": fit.r_squared,
            "excluded_flags": ["filled", "adjusted"],
        },
        "skill": skill,
    }


def _ownership_assumptions(block: dict, definition: str, data_dir) -> list[Assumption]:
    """The ownership model behind ``--income`` as assumptions: panel, definition, skill."""
    from motorisasi.data.store import register_definition

    model = block["model"]
    kinds = ", ".join(f"{c} {register_definition(c, data_dir)['definition']}" for c in model["countries"])
    out = [
        Assumption(
            "ownership_panel",
            ", ".join(model["countries"]),
            "countries",
            {"saturation": model["saturation"], "theta": model["theta"]},
        ),
        Assumption(
            "ownership_definition",
            definition,
            "per 1,000 people",
            {"kinds": kinds},
        ),
    ]
    skill = block.get("skill", {})
    if "rolling" in skill and "loco_own_beta" in skill:
        roll, loco = skill["rolling"], skill["loco_own_beta"]
        out.append(
            Assumption(
                "ownership_cv_mae",
                float(roll["mae"]["ownership_model"]),
                "per 1,000",
                {
                    "horizons": roll["horizons"],
                    "roll": roll["mae"]["ownership_model"],
                    "roll_best": roll["mae"][roll["best_benchmark"]],
                    "loco": loco["mae"]["ownership_model"],
                    "loco_best": loco["mae"][loco["best_benchmark"]],
                },
            )
        )
    return out


def _first_reason(stock_needed: float, kept: float) -> str:
    return "unreachable" if stock_needed > kept else "no_sales_needed"


def _baseline():
    from motorisasi.scenario.schema import load_scenario

    return load_scenario("baseline")


def _backtest_figure(
    definition: str, country: str, lifetime: float, lifetime_std: float, data_dir
) -> dict[str, object] | None:
    """The backtest of the register models with this lifetime, on the current statistical method.

    The shipped baseline's segments (cars, and commercial vehicles for four-wheelers) with the
    lifetime asked for; None when the baseline is for another country.
    """
    from motorisasi.scenario.backtest import BacktestError, backtest

    sc = _baseline()
    if sc.country != country:
        return None
    target = "four_wheel" if definition == "four_wheel" else "cars"
    segments = dict(sc.segments)
    for name in ("cars", "commercial") if target == "four_wheel" else ("cars",):
        life = segments[name].lifetime.model_copy(update={"mean_years": lifetime, "std_years": lifetime_std})
        segments[name] = segments[name].model_copy(update={"lifetime": life})
    since = segments["cars"].register_removal.fit_from
    try:
        result = backtest(
            sc.model_copy(update={"segments": segments}),
            horizons=5,
            data_dir=data_dir,
            origins_from=since,
            targets=(target,),
        )
    except (BacktestError, MotorisasiError):
        return None  # the data cannot support it: the answer says nothing rather than something wrong
    head = result.headline(target, "registered", result.current_from)
    return {
        "target": target,
        "origins_from": result.current_from,
        "horizons": head["horizons"],
        "forecasts": head["forecasts"],
        "mape_pct": head["mape"],
        "best_benchmark": head["best_benchmark"],
        "calibrated_at_least_as_good": head["calibrated_at_least_as_good"],
    }


def _register_assumption(layers, model: str, fit_from: int | None) -> Assumption:
    """The register model as an assumption, with the rate and the years it was fitted to."""
    fit = layers.fit
    params: dict[str, object] = {"model": model, "rate": 100 * layers.rate}
    if fit is not None:
        params.update(
            {
                "low": 100 * fit.low,
                "high": 100 * fit.high,
                "years": f"{fit.years[0]}-{fit.years[-1]}",
                "n": len(fit.years),
            }
        )
    if model == "calibrated" and fit is not None:
        name = "register_removal_rate"
    elif model == "in_use":
        name = "register_in_use"
    else:
        name = "register_no_removals"
    return Assumption(name, round(100 * layers.rate, 2), "%/yr", params)
