"""Run a scenario: data in, a labelled :class:`xarray.Dataset` out.

For each segment the pipeline

1. rebuilds the fleet in use at the end of the base year from the sales history
   (:mod:`motorisasi.scenario.history`) and calibrates the register beside it: vehicles out of
   use but still registered, removed at a rate fitted to the register's single-basis history
   (:mod:`motorisasi.scenario.register`);
2. projects total sales from the segment's demand (for an ownership path or target, the sales
   that bring the *register* to it);
3. splits new sales by powertrain (:mod:`motorisasi.model.adoption`) and the base fleet by the
   powertrain history the data give;
4. computes distance, energy by fuel and CO2 by cohort (:mod:`motorisasi.model.energy`).

The result has dimensions ``year``, ``segment``, ``powertrain`` and ``fuel``; every variable has
``units`` and ``long_name``; the dataset's attributes hold the scenario (as JSON) and the
sources of every data series used. Mass balance, share sums and non-negative stocks are
checked at the end; a violation raises :class:`RunCheckError`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from motorisasi import __version__
from motorisasi.data.schema import MAX_PERSONS
from motorisasi.errors import MotorisasiError
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.model.adoption import (
    absolute_to_share,
    bass_share,
    complete_shares,
    interpolate_path,
    logistic_share,
)
from motorisasi.model.energy import (
    MJ_PER_PJ,
    co2_electricity,
    co2_tank_to_wheel,
    fleet_energy,
    grid_electricity_kwh,
    intensity_by_cohort,
    km_by_age,
)
from motorisasi.model.register import register_inflow, register_survival, unremoved_pool
from motorisasi.model.targets import required_sales
from motorisasi.scenario.fuel_calibration import (
    FUELS_CALIBRATED,
    calibrate_fuel_use,
    factor_bounds,
    reference_energy,
    split_factor,
)
from motorisasi.scenario.history import passenger_share, spin_up
from motorisasi.scenario.register import Layers, calibrate, register_history
from motorisasi.scenario.schema import (
    Bass,
    Logistic,
    OwnershipModel,
    OwnershipPath,
    OwnershipTarget,
    SalesGrowth,
    SalesPath,
    Scenario,
    ScenarioError,
    Segment,
    SharePath,
    UnitsPath,
    load_scenario,
)

FUELS = ("gasoline", "diesel", "electricity")
EMISSION_FACTORS = {
    "gasoline": "ipcc_fuel__co2_ef_motor_gasoline",
    "diesel": "ipcc_fuel__co2_ef_gas_diesel_oil",
}
CALORIFIC_VALUES = {"gasoline": "ipcc_fuel__ncv_motor_gasoline", "diesel": "ipcc_fuel__ncv_gas_diesel_oil"}


class RunCheckError(RuntimeError):
    """A model invariant (mass balance, share sums, non-negative stocks) failed."""


@dataclass
class _Sources:
    """The data series a run used and the citations of their sources."""

    series: set[str] = field(default_factory=set)
    citations: dict[str, str] = field(default_factory=dict)

    def add(self, values) -> None:
        self.series.add(values.series)
        self.citations.update(values.sources)


@dataclass
class _SegmentResult:
    registered: np.ndarray  # (Y,) history then projection
    in_use: np.ndarray  # (Y,) modelled fleet in use (history rebuilt from sales)
    removals: np.ndarray  # (Y,) removals from the register (NaN in history)
    layers: Layers
    sales_total: np.ndarray  # (Y,)
    stock: np.ndarray  # (P, Y) modelled fleet by powertrain (NaN in history)
    sales: np.ndarray  # (P, Y)
    retirements: np.ndarray  # (P, Y)
    share: np.ndarray  # (P, Y)
    distance: np.ndarray  # (P, Y) vehicle-km
    energy: np.ndarray  # (F, Y) MJ by fuel
    average_age: np.ndarray  # (Y,)
    by_age: np.ndarray  # (P, N, A) modelled fleet by age in the projection years
    stock_pt: np.ndarray  # (P, N, N) new cohorts by powertrain, [year, cohort]
    init_pt: np.ndarray  # (P, N, A0) base fleet by powertrain, [year, age at the start]
    start_cohorts: np.ndarray  # (A0,) sales year of each age of the base fleet
    scaled_years: list[int]
    over_years: list[int]
    clipped_years: list[int] = field(default_factory=list)
    departures: list[dict] = field(default_factory=list)


def _values(name: str, country: str, sources: _Sources, data_dir, **kw):
    from motorisasi.data.store import DataRowError, series_values

    try:
        values = series_values(name, country, data_dir=data_dir, **kw)
    except DataRowError:
        raise  # it names the data row at fault, not the scenario
    except MotorisasiError as exc:
        raise ScenarioError(f"data: {exc}") from None
    sources.add(values)
    return values


def _constant(name: str, country: str, sources: _Sources, data_dir) -> float:
    from motorisasi.data.store import constant_value

    try:
        values = constant_value(name, country, data_dir)
    except MotorisasiError as exc:
        raise ScenarioError(f"data: {exc}") from None
    sources.add(values)
    return float(values.values[0])


def _span(values, start: int, end: int, what: str) -> np.ndarray:
    try:
        i, j = values.index_of(start), values.index_of(end)
    except KeyError as exc:
        raise ScenarioError(
            f"data: {values.series} ({what}) has no value for {exc.args[0]}; it covers "
            f"{values.years.min()}-{values.years.max()}"
        ) from None
    if j - i != end - start:
        raise ScenarioError(f"data: {values.series} has gaps between {start} and {end}")
    return values.values[i : j + 1]


def _passenger_share(country: str, data_dir) -> float:
    try:
        return passenger_share(country, data_dir)[0]
    except MotorisasiError as exc:
        raise ScenarioError(f"data: {exc}") from None


def _survival(seg: Segment, n_ages: int) -> np.ndarray:
    lt = seg.lifetime
    if lt.distribution == "fixed":
        return survival_curve("fixed", n_ages, lifetime=lt.mean_years)
    if lt.distribution == "weibull":
        return survival_curve(
            "weibull", n_ages, shape=(lt.mean_years / lt.std_years) ** 1.086, mean=lt.mean_years
        )
    return survival_curve(lt.distribution, n_ages, mean=lt.mean_years, std=lt.std_years)


def _adoption(spec, years: np.ndarray, total_sales: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of new sales by year, and the years where an absolute target exceeds total sales."""
    none = np.zeros(len(years), dtype=bool)
    if isinstance(spec, Logistic):
        return logistic_share(
            years, spec.midpoint_year, spec.steepness_per_year, spec.ceiling, spec.floor
        ), none
    if isinstance(spec, Bass):
        return bass_share(years, spec.start_year, spec.p, spec.q, spec.ceiling), none
    if isinstance(spec, SharePath):
        return interpolate_path(years, sorted(spec.share), [spec.share[y] for y in sorted(spec.share)]), none
    if isinstance(spec, UnitsPath):
        units = interpolate_path(years, sorted(spec.units), [spec.units[y] for y in sorted(spec.units)])
        return absolute_to_share(units, total_sales)
    raise TypeError(spec)  # pragma: no cover


#: The series whose segment may use the default ownership model (fitted to passenger cars).
PASSENGER_CAR_SERIES = ["passenger_cars_registered"]


def _after_target(
    name: str, seg: Segment, sc: Scenario, path_sales, proj_years, income, data_dir, to_register
) -> np.ndarray:
    """Sales in every projection year: the path to the target, then what the scenario names after it."""
    demand = seg.demand
    k = len(path_sales)
    rest = len(proj_years) - k
    if demand.after in ("hold_sales", "sales_growth"):
        growth = demand.after_growth_pct / 100 if demand.after == "sales_growth" else 0.0
        return np.concatenate([path_sales, path_sales[-1] * (1 + growth) ** np.arange(1, rest + 1)])
    if demand.after == "hold_ownership":
        per_1000 = np.full(len(proj_years), demand.per_1000)
    else:
        model = demand.after_model
        if model is None:
            if seg.stock_series != PASSENGER_CAR_SERIES:
                raise ScenarioError(
                    f"segments.{name}.demand.after_model: the default ownership model is fitted to passenger "
                    "cars; give after_model (definition and countries) or choose another 'after'"
                )
            model = OwnershipModel(type="ownership_model")
        later = _modelled_ownership(model, sc, demand.per_1000, income[k:], data_dir)
        per_1000 = np.concatenate([np.full(k, demand.per_1000), later])
    return to_register(per_1000, fixed=path_sales)


def _ownership_fit(demand: OwnershipModel, sc: Scenario, data_dir):
    from motorisasi.scenario.ownership import fit_panel

    countries = tuple(dict.fromkeys([sc.country, *demand.countries]))
    try:
        fit, _ = fit_panel(
            countries,
            demand.definition,
            data_dir=data_dir,
            saturation=demand.saturation,
            **({"substitution": True} if demand.substitution else {}),
        )
    except MotorisasiError as exc:
        raise ScenarioError(f"demand (ownership_model): {exc}") from None
    return fit


def _modelled_ownership(
    demand: OwnershipModel,
    sc: Scenario,
    start: float,
    income: np.ndarray,
    data_dir,
    substitute: np.ndarray | None = None,
):
    """Ownership per 1,000 on the projection years from the fitted model, starting from ``start``;
    with substitution, ``substitute`` is the four-wheel ownership of those years (per 1,000)."""
    from motorisasi.model.ownership import gompertz, partial_adjustment

    fit = _ownership_fit(demand, sc, data_dir)
    rise, _ = fit.theta()  # the scenario's fit has one speed (not asymmetric)
    star = gompertz(income / 1000.0, fit.saturation(sc.country), fit.value("alpha"), fit.beta(sc.country))
    if demand.substitution:
        star = np.maximum(star - fit.value("substitution") * substitute, 0.0)
    return partial_adjustment(star, start, rise)


def modelled_ownership_draws(
    demand: OwnershipModel,
    sc: Scenario,
    start: float,
    income: np.ndarray,
    n: int,
    seed: int = 0,
    data_dir=None,
    substitute: np.ndarray | None = None,
) -> np.ndarray:
    """``(n, T)`` draws of :func:`_modelled_ownership`'s path: the fitted parameters drawn from their
    asymptotic distribution (Krinsky-Robb, :func:`~motorisasi.model.ownership_fit.parameter_draws`),
    every draw simulated at once. ``income`` is the projection years' GDP per capita ($); with
    substitution, ``substitute`` is the four-wheel ownership of those years."""
    from motorisasi.model.ownership_fit import parameter_draws, simulate_draws

    fit = _ownership_fit(demand, sc, data_dir)
    try:
        d = parameter_draws(fit, n, seed=seed)
    except MotorisasiError as exc:
        raise ScenarioError(f"demand (ownership_model): {exc}") from None
    beta = d.get(f"beta[{sc.country}]", d.get("beta"))
    g = np.asarray(income, dtype=float) / 1000.0
    # One adjustment speed: the income of the year before the first does not choose a speed.
    sub = None if substitute is None else np.concatenate([substitute[:1], substitute])
    paths = simulate_draws(
        fit, d, np.concatenate([g[:1], g]), start, beta=beta, saturation=d["saturation"], substitute=sub
    )
    return paths[:, 1:]


@dataclass(frozen=True)
class SegmentHistory:
    """A segment's past as the model sees it: data, the fleet in use rebuilt, the register calibrated."""

    stock_parts: list
    sales_series: object
    share: float
    first: int  # first year of the sales history
    sales: np.ndarray  # the segment's sales, first .. base (vehicles/yr)
    registered: dict[int, float]  # registered fleet by year, up to the base year
    survival: np.ndarray  # in-use survival curve
    spun: object  # motorisasi.scenario.history.SpinUp
    history: object  # motorisasi.scenario.register.RegisterHistory
    layers: Layers


def segment_history(name: str, seg: Segment, sc: Scenario, sources: _Sources, data_dir) -> SegmentHistory:
    """Read a segment's data, rebuild its fleet in use and calibrate its register (base year resolved)."""
    base, end, start = sc.years.base, sc.years.end, sc.years.history_start
    country = sc.country
    stock_parts = [_values(s, country, sources, data_dir) for s in seg.stock_series]
    sales_series = _values(seg.sales_series, country, sources, data_dir)
    first = int(sales_series.years.min())
    share = seg.sales_share
    if share == "passenger_categories":
        share = _passenger_share(country, data_dir)
    elif share == "commercial_categories":
        share = 1.0 - _passenger_share(country, data_dir)
    sales_hist = _span(sales_series, first, base, "sales") * float(share)
    stock_from = min(first - 1, start)
    registered_hist = sum(_span(p, stock_from, base, "registered fleet") for p in stock_parts)
    reg = dict(zip(range(stock_from, base + 1), registered_hist, strict=True))

    n_ages = (base - first + 1) + (end - base) + 160
    sf = _survival(seg, n_ages)
    try:
        spun = spin_up(sales_hist, first, reg[first - 1], reg[base], sf)
    except MotorisasiError as exc:
        raise ScenarioError(f"segments.{name}.lifetime: {exc}") from None

    # The register: in use + out of use but still registered + the basis level.
    history = register_history(stock_parts, sales_hist, first, base, country, data_dir)
    spec = seg.register_removal
    try:
        layers = calibrate(
            history,
            spun.in_use,
            spun.left_use,
            model=spec.model,
            rate=spec.rate_per_year,
            fit_from=spec.fit_from,
        )
    except MotorisasiError as exc:
        raise ScenarioError(f"segments.{name}.register_removal: {exc}") from None
    return SegmentHistory(
        stock_parts, sales_series, float(share), first, sales_hist, reg, sf, spun, history, layers
    )


def _segment(
    name: str,
    seg: Segment,
    sc: Scenario,
    years: np.ndarray,
    pop: np.ndarray,
    income: np.ndarray,
    sources: _Sources,
    data_dir,
    substitute: np.ndarray | None = None,
) -> _SegmentResult:
    base, end = sc.years.base, sc.years.end
    country = sc.country
    n_years = len(years)
    future = years > base
    proj_years = years[future]

    past = segment_history(name, seg, sc, sources, data_dir)
    stock_parts, sales_series, share = past.stock_parts, past.sales_series, past.share
    first, sales_hist, reg, sf, spun, layers = (
        past.first,
        past.sales,
        past.registered,
        past.survival,
        past.spun,
        past.layers,
    )
    n_ages = len(sf)
    rate = layers.rate
    q = register_survival(sf, rate)

    def register_of(result) -> tuple[np.ndarray, np.ndarray]:
        pool, removals = unremoved_pool(result.outflow, rate, layers.unremoved)
        return result.stock + pool + layers.level, removals

    n_proj = end - base
    pop_future = pop[future]
    demand = seg.demand
    initial = {"initial": spun.fleet_by_age, "initial_survival": sf, "by_cohort": True}
    kept, _ = register_of(inflow_driven(np.zeros(n_proj), sf, initial=spun.fleet_by_age, initial_survival=sf))
    clipped = np.zeros(n_proj)

    def to_register(per_1000: np.ndarray, fixed: np.ndarray | None = None) -> np.ndarray:
        nonlocal clipped
        sales, clipped = register_inflow(per_1000 * pop_future / 1000.0 - kept, q, fixed)
        return sales

    if isinstance(demand, SalesGrowth):
        total = sales_hist[-1] * (1 + demand.growth_pct / 100) ** np.arange(1, n_proj + 1)
    elif isinstance(demand, SalesPath):
        points = {base: float(sales_hist[-1]), **demand.sales}
        xs = sorted(points)
        total = interpolate_path(proj_years, xs, [points[x] for x in xs])
    elif isinstance(demand, OwnershipPath):
        points = {base: 1000.0 * reg[base] / pop[~future][-1], **demand.per_1000}
        xs = sorted(points)
        total = to_register(interpolate_path(proj_years, xs, [points[x] for x in xs]))
    elif isinstance(demand, OwnershipTarget):
        k = demand.by - base
        goal = demand.per_1000 * pop_future[k - 1] / 1000.0 - kept[k - 1]
        path = required_sales(
            goal,
            q,
            base_sales=sales_hist[-1],
            n_years=k,
            shape=demand.path,
            max_growth=demand.max_growth_pct / 100,
        )
        if not path.feasible:
            raise ScenarioError(
                f"segments.{name}.demand: {demand.per_1000:g} per 1,000 by {demand.by}: {path.reason}"
            )
        total = _after_target(name, seg, sc, path.sales, proj_years, income[future], data_dir, to_register)
    elif isinstance(demand, OwnershipModel):
        per_1000 = _modelled_ownership(
            demand,
            sc,
            1000.0 * reg[base] / pop[~future][-1],
            income[future],
            data_dir,
            None if substitute is None else substitute[future],
        )
        total = to_register(per_1000)
    else:  # pragma: no cover
        raise TypeError(demand)
    run = inflow_driven(total, sf, **initial)
    registered_future, removals = register_of(run)
    total_sales = run.inflow

    # Powertrain shares of new sales, the residual first.
    names = [seg.residual_powertrain, *seg.powertrains]
    alternatives, over = [], np.zeros(n_proj, dtype=bool)
    for pt in seg.powertrains:
        s, o = _adoption(seg.powertrains[pt], proj_years, total_sales)
        alternatives.append(s)
        over |= o
    if alternatives:
        shares, scaled = complete_shares(np.stack(alternatives), axis=0)
    else:
        shares, scaled = np.ones((1, n_proj)), np.zeros(n_proj, dtype=bool)

    # The base fleet's mix: a powertrain's share of each past cohort from its sales history.
    hist_share = np.zeros((len(names), len(spun.fleet_by_age)))
    observed_pt: dict[int, dict[int, float]] = {}  # powertrain index -> {year: sales}
    for i, pt in enumerate(names[1:], start=1):
        ref = seg.history_sales_series.get(pt)
        if not ref:
            continue
        series, _, category = ref.partition("/")
        past = _values(series, country, sources, data_dir, category=category)
        observed_pt[i] = {int(y): float(v) for y, v in zip(past.years, past.values, strict=True)}
        for year, value in zip(past.years, past.values, strict=True):
            a = base - int(year)
            if 0 <= a < len(spun.fleet_by_age) and year >= first:
                total = sales_hist[int(year) - first]
                # A year with no sales at all has no mix to take a share of.
                hist_share[i, a] = min(1.0, value / total) if total > 0 else 0.0
    rest = 1.0 - hist_share.sum(axis=0)
    if np.any(rest < -1e-9):
        raise ScenarioError(
            f"segments.{name}.history_sales_series: past sales of the powertrains exceed total sales"
        )
    hist_share[names.index(seg.base_fleet_powertrain or seg.residual_powertrain)] += rest

    # Past sales by powertrain, in the years every other powertrain's sales were observed.
    past_years = years[~future]
    sales_pt_past = np.full((len(names), len(past_years)), np.nan)
    if len(names) > 1 and len(observed_pt) == len(names) - 1:
        for j, year in enumerate(past_years):
            if year >= first and all(int(year) in observed_pt[i] for i in observed_pt):
                sales_pt_past[:, j] = hist_share[:, base - int(year)] * sales_hist[int(year) - first]
    elif len(names) == 1:
        sales_pt_past[0] = _on(sales_hist, first, past_years)
    departures = _departures(
        name,
        seg,
        names,
        sales_series,
        stock_parts,
        observed_pt,
        float(share),
        proj_years,
        total_sales,
        registered_future,
        shares,
        sales_hist[-1],
        base,
    )

    stock_pt = run.stock_by_cohort[None, :, :] * shares[:, None, :]  # (P, T, C)
    init_pt = run.initial_stock_by_age[None, :, :] * hist_share[:, None, :]  # (P, T, A0)
    stock = stock_pt.sum(axis=-1) + init_pt.sum(axis=-1)  # (P, T)
    sales = total_sales[None, :] * shares
    before = spun.fleet_by_age[None, :] * hist_share
    previous = np.concatenate([before.sum(axis=-1)[:, None], stock[:, :-1]], axis=-1)
    retirements = previous + sales - stock

    # Energy: per powertrain, by cohort, then by fuel; in the projection and over the sales history.
    km = km_by_age(seg.km_per_year, seg.km_decline_pct / 100, n_ages)
    start_cohorts = spun.cohort_years
    distance, energy = _energy(name, seg, names, stock_pt, init_pt, proj_years, start_cohorts, base, km)
    past_run = spun.history
    n_hist = base - first + 1
    by_cohort_share = hist_share[:, base - np.arange(first, base + 1)]  # (P, Th)
    initial_share = hist_share[:, n_hist:]  # (P, A0): the fleet sold before the sales history
    distance_past, energy_past = _energy(
        name,
        seg,
        names,
        past_run.stock_by_cohort[None, :, :] * by_cohort_share[:, None, :],
        past_run.initial_stock_by_age[None, :, :] * initial_share[:, None, :],
        np.arange(first, base + 1),
        first - 1 - np.arange(initial_share.shape[-1]),
        base,
        km,
    )

    # Average age of the modelled fleet (years since sale, at the end of the year).
    t_idx, c_idx = np.indices(run.stock_by_cohort.shape)
    age_sum = np.sum(run.stock_by_cohort * np.clip(t_idx - c_idx, 0, None), axis=-1)
    age_sum += np.sum(
        run.initial_stock_by_age
        * (np.arange(n_proj)[:, None] + 1 + np.arange(run.initial_stock_by_age.shape[-1])[None, :]),
        axis=-1,
    )
    avg_age = age_sum / np.where(run.stock > 0, run.stock, np.nan)

    def full(future_part: np.ndarray, past: np.ndarray | float = np.nan) -> np.ndarray:
        out = np.full(future_part.shape[:-1] + (n_years,), np.nan)
        out[..., future] = future_part
        if not np.isscalar(past):
            out[..., ~future] = past
        return out

    reg_past = np.array([reg[y] for y in years[~future]])
    sales_past = _on(sales_hist, first, years[~future])
    in_use_past = _on(spun.in_use, first - 1, years[~future])
    return _SegmentResult(
        registered=full(registered_future, reg_past),
        in_use=full(run.stock, in_use_past),
        removals=full(removals),
        layers=layers,
        sales_total=full(total_sales, sales_past),
        stock=full(stock),
        sales=full(sales, sales_pt_past),
        retirements=full(retirements),
        share=full(
            shares, sales_pt_past / np.where(sales_pt_past.sum(axis=0) > 0, sales_pt_past.sum(axis=0), np.nan)
        ),
        distance=full(distance, _on(distance_past, first, years[~future])),
        energy=full(energy, _on(energy_past, first, years[~future])),
        average_age=full(avg_age),
        by_age=_by_age(stock_pt, init_pt),
        stock_pt=stock_pt,
        init_pt=init_pt,
        start_cohorts=start_cohorts,
        departures=departures,
        scaled_years=[int(y) for y in proj_years[scaled]],
        clipped_years=[int(y) for y in proj_years[clipped > 1e-6]],
        over_years=[int(y) for y in proj_years[over]],
    )


#: Tolerances for "equals the observation": vehicles (relative) and shares (absolute).
OBSERVED_RTOL = 0.005
OBSERVED_SHARE_ATOL = 0.0005


def _departures(
    name,
    seg,
    names,
    sales_series,
    stock_parts,
    observed_pt,
    share,
    proj_years,
    total_sales,
    registered,
    shares,
    base_sales,
    base,
) -> list[dict]:
    """Where the scenario contradicts an observation: projected years with data, paths at observed years.

    Each entry names the field, the year, the scenario's value and the observed one.
    """
    out: list[dict] = []

    def differs(model: float, seen: float) -> bool:
        return abs(model - seen) > OBSERVED_RTOL * max(abs(seen), 1.0)

    for k, year in enumerate(proj_years):
        year = int(year)
        if year in sales_series.years and differs(total_sales[k], sales_series.at(year) * share):
            out.append(
                {
                    "field": f"segments.{name}.demand",
                    "variable": "sales_total",
                    "year": year,
                    "scenario": float(total_sales[k]),
                    "observed": sales_series.at(year) * share,
                }
            )
        if all(year in p.years for p in stock_parts):
            seen = sum(p.at(year) for p in stock_parts)
            if differs(registered[k], seen):
                out.append(
                    {
                        "field": f"segments.{name}",
                        "variable": "registered_stock",
                        "year": year,
                        "scenario": float(registered[k]),
                        "observed": float(seen),
                    }
                )
        for i, past in observed_pt.items():
            if year in past and differs(total_sales[k] * shares[i, k], past[year]):
                out.append(
                    {
                        "field": f"segments.{name}.powertrains.{names[i]}",
                        "variable": "sales",
                        "year": year,
                        "scenario": float(total_sales[k] * shares[i, k]),
                        "observed": past[year],
                    }
                )
    # A powertrain path's points at or before the base year should be what was observed then.
    for i, pt in enumerate(names[1:], start=1):
        spec = seg.powertrains[pt]
        points = getattr(spec, "share", None) or getattr(spec, "units", None) or {}
        for year, value in points.items():
            if year > base or i not in observed_pt or year not in observed_pt[i]:
                continue
            if year not in sales_series.years:
                continue
            seen = observed_pt[i][year]
            total = sales_series.at(year) * share
            if isinstance(spec, SharePath):
                if total > 0 and abs(value - seen / total) > OBSERVED_SHARE_ATOL:
                    out.append(
                        {
                            "field": f"segments.{name}.powertrains.{pt}.share",
                            "variable": "sales_share",
                            "year": int(year),
                            "scenario": float(value),
                            "observed": seen / total,
                        }
                    )
            elif differs(value, seen):
                out.append(
                    {
                        "field": f"segments.{name}.powertrains.{pt}.units",
                        "variable": "sales",
                        "year": int(year),
                        "scenario": float(value),
                        "observed": seen,
                    }
                )
    return out


def _on(values: np.ndarray, first: int, years: np.ndarray) -> np.ndarray:
    """Values for years ``first ..`` placed on ``years`` (NaN before ``first``)."""
    out = np.full(values.shape[:-1] + (len(years),), np.nan)
    inside = years >= first
    out[..., inside] = values[..., years[inside] - first]
    return out


def _energy(name, seg, names, stock_pt, init_pt, cohort_years, start_cohorts, base, km):
    """Distance (P, T) and energy by fuel (F, T, MJ) of a fleet by powertrain and cohort."""
    n = stock_pt.shape[-1]
    energy = np.zeros((len(FUELS), n))
    distance = np.zeros((len(names), n))
    for i, pt in enumerate(names):
        spec = seg.energy[pt]
        new_i = intensity_by_cohort(spec.intensity_mj_per_km, spec.improvement_pct / 100, cohort_years, base)
        old_i = intensity_by_cohort(spec.intensity_mj_per_km, spec.improvement_pct / 100, start_cohorts, base)
        dist, mj = fleet_energy(
            stock_pt[i], km, new_i, initial_stock_by_age=init_pt[i], initial_intensity=old_i
        )
        distance[i] = dist
        if spec.electric_share > 0:
            bev = seg.energy.get("BEV")
            if bev is None or bev.fuel != "electricity":
                raise ScenarioError(
                    f"segments.{name}.energy.{pt}: electric_share needs a 'BEV' entry using electricity"
                )
            e_new = intensity_by_cohort(
                bev.intensity_mj_per_km, bev.improvement_pct / 100, cohort_years, base
            )
            e_old = intensity_by_cohort(
                bev.intensity_mj_per_km, bev.improvement_pct / 100, start_cohorts, base
            )
            _, mj_e = fleet_energy(
                stock_pt[i], km, e_new, initial_stock_by_age=init_pt[i], initial_intensity=e_old
            )
            energy[FUELS.index("electricity")] += spec.electric_share * mj_e
            mj = (1 - spec.electric_share) * mj
        energy[FUELS.index(spec.fuel)] += mj
    return distance, energy


def _fuel_calibration(sc: Scenario, results: dict, segments: list[str], years, sources: _Sources, data_dir):
    """Distance factors by segment that reconcile road energy with the energy balance."""
    cal = sc.energy.calibration
    group = {n: sc.segments[n].energy[sc.segments[n].residual_powertrain].fuel for n in segments}
    bounds = {
        n: factor_bounds(
            sc.segments[n].km_per_year, sc.segments[n].km_range, sc.segments[n].on_road_gap_range
        )
        for n in segments
    }
    for fuel in FUELS_CALIBRATED:
        limited = [n for n in segments if group[n] == fuel and bounds[n] is not None]
        if limited and max(bounds[n][0] for n in limited) > min(bounds[n][1] for n in limited):
            ranges = "; ".join(
                f"segments.{n}.km_range {sc.segments[n].km_range} (assumed {sc.segments[n].km_per_year:g} km)"
                for n in limited
            )
            raise ScenarioError(
                f"{ranges}: no single factor on the distance of the {fuel} segments keeps each inside its "
                "range (one range, over its assumed distance, lies wholly above another's)"
            )
    reference, series, ids = {}, {}, {}
    for fuel in FUELS_CALIBRATED:
        names = list(cal.references.get(fuel, []))
        total, used = reference_energy(names, sc.country, years, data_dir)
        for values in used:
            sources.add(values)
        reference[fuel], series[fuel] = total, tuple(names)
        ids[fuel] = tuple(sorted({i for v in used for found in v.source_ids for i in str(found).split(";")}))
    energy_pj = np.stack([results[n].energy for n in segments]) / MJ_PER_PJ
    fit_to = cal.fit_to if cal.fit_to is not None else sc.years.base
    out = calibrate_fuel_use(
        energy_pj,
        segments,
        group,
        years,
        reference,
        series,
        bounds,
        cal.model,
        cal.fit_from,
        fit_to,
        tuple(cal.exclude),
        cal.unexplained_after,
        sc.years.base,
        ids,
    )
    for fuel, fit in out.fuels.items():
        if fit.status == "too_few_years":
            have = years[np.isfinite(reference[fuel])]
            raise ScenarioError(
                f"energy.calibration: the window {cal.fit_from}-{fit_to}"
                + (f" without {', '.join(str(y) for y in cal.exclude)}" if cal.exclude else "")
                + f" leaves fewer than 2 years of the {fuel} reference ({' + '.join(series[fuel])}: "
                f"{int(have.min())}-{int(have.max())}); widen fit_from/fit_to/exclude or set model: none"
            )
    return out


MAX_AGE = 60  # the last age bin holds this age and older


def _by_age(stock_pt: np.ndarray, init_pt: np.ndarray) -> np.ndarray:
    """Fleet by powertrain, year and age (0 .. MAX_AGE, the last bin open) from cohort arrays."""
    n_pt, n, _ = stock_pt.shape
    bins = MAX_AGE + 1
    t, c = np.indices((n, n))
    alive = t >= c
    # New cohorts: year t, cohort c is aged t - c; base-fleet age a0 is a0 + 1 + t in year t.
    new_cells = t[alive] * bins + np.minimum(t[alive] - c[alive], MAX_AGE)
    years, a0 = np.indices((n, init_pt.shape[-1]))
    old_cells = (years * bins + np.minimum(years + 1 + a0, MAX_AGE)).ravel()
    out = np.empty((n_pt, n, bins))
    for p in range(n_pt):  # a handful of powertrains
        out[p] = (
            np.bincount(new_cells, weights=stock_pt[p][alive], minlength=n * bins)
            + np.bincount(old_cells, weights=init_pt[p].ravel(), minlength=n * bins)
        ).reshape(n, bins)
    return out


def _grid_intensity(sc: Scenario, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    hist = _values(sc.energy.grid_series, sc.country, sources, data_dir)
    last = int(hist.years.max())
    points = {
        last: float(hist.values[-1]),
        **{int(y): v for y, v in sc.energy.grid_intensity_g_per_kwh.items()},
    }
    xs = sorted(points)
    out = interpolate_path(years, xs, [points[x] for x in xs])
    known = np.isin(years, hist.years)
    out[known] = [hist.at(int(y)) for y in years[known]]
    return out


def _blend(sc: Scenario, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    """Biodiesel share of diesel by year: the mandates (a step path: each value holds from its
    year on), replaced up to the base year by the observed share where the data give it."""
    points = sc.energy.biodiesel_blend_pct
    out = np.zeros(len(years))
    for year in sorted(points):
        out[years >= year] = points[year] / 100.0
    names = sc.energy.biodiesel_observed
    if names:
        parts = []
        for name in names:
            values, used = reference_energy([name], sc.country, years, data_dir)
            for v in used:
                sources.add(v)
            parts.append(values)
        total = np.sum(parts, axis=0)
        seen = (years <= sc.years.base) & np.isfinite(total) & (total > 0)
        if np.any(seen & (parts[0] < 0)):
            raise ScenarioError(f"energy.biodiesel_observed: {names[0]!r} has a negative value")
        out[seen] = np.clip(parts[0][seen] / total[seen], 0.0, 1.0)
    return out


def run(
    scenario: Scenario | str | Path = "baseline", data_dir: str | Path | None = None, by_age: bool = False
):
    """Run a scenario (an object, a file, or a shipped scenario's name) and return an xarray Dataset.

    With ``by_age=True`` the result also has ``stock_by_age`` with an ``age`` dimension (years
    since sale at the end of the year; the last bin holds older vehicles too).
    """
    from motorisasi.data.store import merged
    from motorisasi.data.validate import DataError

    merged(data_dir)  # a broken data folder is reported as such, naming its own file, row and column
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    try:
        # A floating-point warning means an input outside what the model can handle: an error.
        with np.errstate(all="raise", under="ignore"):
            return _run(resolve_base(sc, data_dir), data_dir, by_age)
    except ScenarioError as exc:
        raise ScenarioError(f"{_where(sc)}: {exc}") from None
    except DataError:
        raise  # it names its own file and row
    except MotorisasiError as exc:  # a model's own check of values from the scenario or the data
        raise ScenarioError(f"{_where(sc)}: {exc}{_data_folder(data_dir)}") from None
    except (FloatingPointError, OverflowError) as exc:
        raise ScenarioError(
            f"{_where(sc)}: the inputs lead to a numerical error ({exc}); check the values of the "
            f"scenario and of the data it uses{_data_folder(data_dir)}"
        ) from None


def resolve_base(sc: Scenario, data_dir=None) -> Scenario:
    """The scenario with ``years.base: latest`` replaced by the latest year of data.

    That is the latest year in which every segment's registered-fleet and sales series have a
    value, so a new year of data moves the base year without editing the scenario. The
    scenario is validated again with that year (paths must lie after it).
    """
    if sc.years.base != "latest":
        return sc
    from pydantic import ValidationError

    from motorisasi.data.store import DataRowError, series_values
    from motorisasi.scenario.schema import validation_message

    _check_series(sc, data_dir)
    latest = []
    for name, seg in sc.segments.items():
        for series in [*seg.stock_series, seg.sales_series]:
            try:
                latest.append(int(series_values(series, sc.country, data_dir=data_dir).years.max()))
            except DataRowError:
                raise
            except MotorisasiError as exc:
                raise ScenarioError(f"segments.{name}: data: {exc}") from None
    if sc.years.end <= min(latest):
        raise ScenarioError(
            f"years.end: {sc.years.end} must be after the base year {min(latest)} (the latest year of data)"
        )
    content = sc.model_dump()
    content["years"]["base"] = min(latest)
    try:
        resolved = Scenario.model_validate(content)
    except ValidationError as exc:
        raise ScenarioError(
            f"{validation_message(exc)} (the base year is {min(latest)}, the latest year of data)"
        ) from None
    resolved._source = sc.source
    return resolved


def _data_folder(data_dir) -> str:
    from motorisasi.data.store import merged

    folder = merged(data_dir).user_dir
    return f" (with the data folder {folder})" if folder is not None else ""


def _where(sc: Scenario) -> str:
    return str(sc.source) if sc.source is not None else f"scenario {sc.name!r}"


#: The units a scenario's series fields accept (the model reads each in that unit).
SERIES_UNITS = {
    "population_series": ("persons",),
    "income_series": ("constant 2021 international $",),
    "stock_series": ("vehicles",),
    "sales_series": ("vehicles", "vehicles per year"),
    "history_sales_series": ("vehicles", "vehicles per year"),
    "grid_series": ("gCO2 per kWh",),
    "production_series": ("vehicles", "vehicles per year"),
    "exports_series": ("vehicles", "vehicles per year"),
    "imports_series": ("vehicles", "vehicles per year"),
    "origin_series": ("percent",),
    "references": ("PJ",),
    "biodiesel_observed": ("PJ",),
}


def _check_series(sc: Scenario, data_dir) -> None:
    """Every data series the scenario names exists, in the unit its field needs, for its country.

    A ``series/category`` reference needs that category in the data. The error names the
    field that names the series. The walk follows the schema's fields, so a user's key that
    happens to be spelt like a field (a group called ``exports_series``) is not taken for one.
    """
    from pydantic import BaseModel

    from motorisasi.data.store import _unknown, merged

    data = merged(data_dir)
    known = data.series

    def check(reference: str, where: str, field_name: str) -> None:
        series, slash, category = reference.partition("/")
        if series not in known:
            raise ScenarioError(f"{where}: {_unknown(series, list(known), 'series')}")
        unit, expected = known[series]["unit"], SERIES_UNITS[field_name]
        if unit not in expected:
            raise ScenarioError(
                f"{where}: series {series!r} is in {unit!r}; this field needs "
                + " or ".join(repr(u) for u in expected)
            )
        if slash:
            categories = {
                str(r["category"]) for r in data.by_series.get(series, []) if r["country"] == sc.country
            }
            if category not in categories - {""}:
                shown = ", ".join(sorted(categories - {""})) or "none"
                raise ScenarioError(
                    f"{where}: series {series!r} has no category {category!r} for {sc.country} "
                    f"(it has: {shown})"
                )

    def walk(model: BaseModel, where: str) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            path = f"{where}.{name}" if where else name
            if name in SERIES_UNITS:
                items = (
                    value.items()
                    if isinstance(value, dict)
                    else enumerate(value)
                    if isinstance(value, list)
                    else [(None, value)]
                )
                for key, reference in items:
                    where_ = path if key is None else f"{path}.{key}"
                    for one in reference if isinstance(reference, list) else [reference]:
                        if isinstance(one, str):
                            check(one, where_, name)
            elif isinstance(value, BaseModel):
                walk(value, path)
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, BaseModel):
                        walk(item, f"{path}.{key}")

    walk(sc, "")


def _run(sc: Scenario, data_dir, by_age: bool):
    import xarray as xr

    _check_series(sc, data_dir)
    sources = _Sources()
    years = np.arange(sc.years.history_start, sc.years.end + 1)
    future = years > sc.years.base
    population = _values(sc.drivers.population_series, sc.country, sources, data_dir)
    base = sc.years.base
    if sc.drivers.population_path:
        pop = _span(population, int(years[0]), base, "population")
        points = {base: float(pop[-1]), **sc.drivers.population_path}
        xs = sorted(points)
        pop = np.concatenate([pop, interpolate_path(years[years > base], xs, [points[x] for x in xs])])
    else:
        pop = _span(population, int(years[0]), int(years[-1]), "population")
    income_series = _values(sc.drivers.income_series, sc.country, sources, data_dir)
    last = int(income_series.years.max())
    inc_known = _span(income_series, int(years[0]), min(last, int(years[-1])), "income")
    later = np.arange(last + 1, int(years[-1]) + 1)
    if sc.drivers.income_path:
        points = {last: float(inc_known[-1]), **sc.drivers.income_path}
        xs = sorted(points)
        extension = interpolate_path(later, xs, [points[x] for x in xs]) if len(later) else np.array([])
    else:
        extension = inc_known[-1] * (1 + sc.drivers.income_growth_pct / 100) ** np.arange(1, len(later) + 1)
    income = np.concatenate([inc_known, extension])[: len(years)]
    _require_range(
        population, pop, years, "a population", 999, MAX_PERSONS, data_dir, "drivers.population_path"
    )
    _require_range(
        income_series,
        income,
        years,
        "GDP per capita ($)",
        0,
        1e6,
        data_dir,
        "drivers.income_growth_pct" if not sc.drivers.income_path else "drivers.income_path",
    )

    grid = _grid_intensity(sc, years, sources, data_dir)
    blend = _blend(sc, years, sources, data_dir)
    ef = {f: _constant(EMISSION_FACTORS[f], sc.country, sources, data_dir) for f in EMISSION_FACTORS}
    ncv = {f: _constant(CALORIFIC_VALUES[f], sc.country, sources, data_dir) for f in CALORIFIC_VALUES}

    segments = list(sc.segments)
    powertrains: list[str] = []
    for seg in sc.segments.values():
        for pt in [seg.residual_powertrain, *seg.powertrains]:
            if pt not in powertrains:
                powertrains.append(pt)
    # A motorcycle segment with substitution runs after the others: their registered fleet
    # per 1,000 is the four-wheel ownership its motorcycles give way to.
    later = [n for n, seg in sc.segments.items() if getattr(seg.demand, "substitution", False)]
    results = {
        name: _segment(name, seg, sc, years, pop, income, sources, data_dir)
        for name, seg in sc.segments.items()
        if name not in later
    }
    if later:
        if not results:
            raise ScenarioError(
                f"segments.{later[0]}.demand.substitution: no other segment gives the four-wheel ownership"
            )
        four_wheel = 1000.0 * sum(r.registered for r in results.values()) / pop
        for name in later:
            results[name] = _segment(
                name, sc.segments[name], sc, years, pop, income, sources, data_dir, four_wheel
            )
        results = {name: results[name] for name in sc.segments}

    def by_pt(attr: str) -> np.ndarray:
        out = np.full((len(segments), len(powertrains), len(years)), np.nan)
        for i, name in enumerate(segments):
            seg = sc.segments[name]
            for j, pt in enumerate([seg.residual_powertrain, *seg.powertrains]):
                out[i, powertrains.index(pt)] = getattr(results[name], attr)[j]
            for k, pt in enumerate(powertrains):  # powertrains the segment does not have: zero in projection
                if pt not in [seg.residual_powertrain, *seg.powertrains]:
                    out[i, k, future] = 0.0
        return out

    calibration = _fuel_calibration(sc, results, segments, years, sources, data_dir)
    use_factor = np.array([calibration.segment_factor[n] for n in segments])
    km_factor = np.array(
        [
            split_factor(calibration.segment_factor[n], sc.segments[n].km_per_year, sc.segments[n].km_range)[
                0
            ]
            for n in segments
        ]
    )
    # Energy is linear in distance: the calibrated distance scales every fuel of the segment.
    energy = np.stack([results[n].energy for n in segments]) * use_factor[:, None, None]  # (S, F, Y) MJ
    fossil = np.ones((len(FUELS), len(years)))
    fossil[FUELS.index("diesel")] = 1 - blend
    ttw = sum(
        co2_tank_to_wheel(energy[:, FUELS.index(f)], ef[f], fossil[FUELS.index(f)]) for f in EMISSION_FACTORS
    )
    grid_kwh = grid_electricity_kwh(energy[:, FUELS.index("electricity")], sc.energy.charging_loss)
    wtw = ttw + co2_electricity(grid_kwh, grid / 1000.0)
    mass_kt = np.stack(
        [energy[:, FUELS.index(f)] / ncv[f] / 1e6 for f in ("gasoline", "diesel")], axis=1
    )  # MJ / (MJ/kg) = kg; / 1e6 = kt

    unexplained = np.stack(
        [calibration.unexplained.get(f, np.full(len(years), np.nan)) for f in FUELS]
    )  # (F, Y) PJ; NaN for a fuel without a reference (electricity)
    parts = np.stack(
        [
            co2_tank_to_wheel(
                np.nan_to_num(unexplained[FUELS.index(f)]) * MJ_PER_PJ, ef[f], fossil[FUELS.index(f)]
            )
            for f in EMISSION_FACTORS
        ]
    )
    known = np.stack([np.isfinite(unexplained[FUELS.index(f)]) for f in EMISSION_FACTORS])
    co2_unexplained = np.where(known.any(axis=0), parts.sum(axis=0), np.nan)  # kg; NaN: no line at all
    coords = {"year": years, "segment": segments, "powertrain": powertrains, "fuel": list(FUELS)}
    registered = np.stack([results[n].registered for n in segments])
    in_use = np.stack([results[n].in_use for n in segments])

    def var(dims, data, units, long_name):
        return xr.Variable(dims, np.asarray(data, dtype=float), {"units": units, "long_name": long_name})

    ds = xr.Dataset(
        {
            "population": var(("year",), pop, "persons", "Population"),
            "gdp_per_capita": var(("year",), income, "constant 2021 international $ (PPP)", "GDP per capita"),
            "registered_stock": var(
                ("segment", "year"),
                registered,
                "vehicles",
                "Registered fleet (observed to the base year; then in use + out of use but still "
                "registered + the base year's basis level)",
            ),
            "ownership_per_1000": var(
                ("segment", "year"),
                1000 * registered / pop,
                "vehicles per 1000 persons",
                "Registered vehicles per 1,000 people",
            ),
            "in_use_stock": var(
                ("segment", "year"),
                in_use,
                "vehicles",
                "Modelled fleet in use (sales through the lifetime; history rebuilt from sales)",
            ),
            "in_use_per_1000": var(
                ("segment", "year"),
                1000 * in_use / pop,
                "vehicles per 1000 persons",
                "Modelled vehicles in use per 1,000 people",
            ),
            "unremoved_registrations": var(
                ("segment", "year"),
                registered - in_use,
                "vehicles",
                "Registered vehicles not in use (registered fleet minus the modelled fleet in use)",
            ),
            "register_removals": var(
                ("segment", "year"),
                np.stack([results[n].removals for n in segments]),
                "vehicles per year",
                "Vehicles removed from the register",
            ),
            "sales_total": var(
                ("segment", "year"),
                np.stack([results[n].sales_total for n in segments]),
                "vehicles per year",
                "New vehicle sales",
            ),
            "stock": var(
                ("segment", "powertrain", "year"), by_pt("stock"), "vehicles", "Modelled fleet in use"
            ),
            "sales": var(
                ("segment", "powertrain", "year"),
                by_pt("sales"),
                "vehicles per year",
                "New vehicle sales by powertrain",
            ),
            "retirements": var(
                ("segment", "powertrain", "year"),
                by_pt("retirements"),
                "vehicles per year",
                "Vehicles leaving the modelled fleet",
            ),
            "sales_share": var(
                ("segment", "powertrain", "year"), by_pt("share"), "1", "Share of new sales by powertrain"
            ),
            "average_fleet_age": var(
                ("segment", "year"),
                np.stack([results[n].average_age for n in segments]),
                "years",
                "Average age of the modelled fleet",
            ),
            "vkt": var(
                ("segment", "powertrain", "year"),
                by_pt("distance") * km_factor[:, None, None] / 1e9,
                "billion vehicle-km per year",
                "Distance driven",
            ),
            "energy": var(("segment", "fuel", "year"), energy / MJ_PER_PJ, "PJ per year", "Final energy use"),
            "fuel_mass": var(
                ("segment", "fuel", "year"),
                np.concatenate([mass_kt, np.full((len(segments), 1, len(years)), np.nan)], axis=1),
                "kt per year",
                "Liquid fuel use by mass (net calorific values, IPCC 2006)",
            ),
            "electricity": var(
                ("segment", "year"),
                grid_kwh / 1e6,
                "GWh per year",
                "Grid electricity for charging, including charging losses",
            ),
            "co2_ttw": var(
                ("segment", "year"),
                ttw / 1e9,
                "Mt CO2 per year",
                "Tank-to-wheel CO2 (fossil share of fuels; biodiesel counts zero)",
            ),
            "co2_wtw": var(
                ("segment", "year"),
                wtw / 1e9,
                "Mt CO2 per year",
                "Tank-to-wheel CO2 of fuels plus the grid CO2 of charging electricity",
            ),
            "km_factor": var(
                ("segment",),
                km_factor,
                "1",
                "Calibration factor on the distance driven (within its published range)",
            ),
            "intensity_factor": var(
                ("segment",),
                use_factor / km_factor,
                "1",
                "Calibration factor on energy use per km (what the distance range leaves)",
            ),
            "energy_reference": var(
                ("fuel", "year"),
                np.stack([calibration.reference.get(f, np.full(len(years), np.nan)) for f in FUELS]),
                "PJ per year",
                "Road energy use in the energy balance (the calibration's reference)",
            ),
            "energy_unexplained": var(
                ("fuel", "year"),
                unexplained,
                "PJ per year",
                "Road fuel in the reference that the modelled fleet does not account for: the reference "
                "minus the model (negative: the fleet burns more than the reference); in years without a "
                "reference, its calibration-years mean where a published bound binds and "
                "unexplained_after is hold, else zero",
            ),
            "co2_unexplained": var(
                ("year",),
                co2_unexplained / 1e9,
                "Mt CO2 per year",
                "Tank-to-wheel CO2 of the unexplained fuel",
            ),
            "grid_intensity": var(("year",), grid, "g CO2 per kWh", "CO2 intensity of grid electricity"),
            "biodiesel_share": var(
                ("year",),
                blend,
                "1",
                "Biodiesel (FAME) share of diesel energy (observed in history years where the data give it)",
            ),
        },
        coords=coords,
    )
    for name in ("stock", "retirements", "average_fleet_age"):
        ds[name] = ds[name].where(ds["year"] > sc.years.base)
    if by_age:
        ages = np.arange(MAX_AGE + 1)
        data = np.full((len(segments), len(powertrains), len(years), len(ages)), np.nan)
        for i, name in enumerate(segments):
            seg = sc.segments[name]
            data[i, :, future, :] = 0.0
            for j, pt in enumerate([seg.residual_powertrain, *seg.powertrains]):
                data[i, powertrains.index(pt), future, :] = results[name].by_age[j]
        ds["stock_by_age"] = xr.Variable(
            ("segment", "powertrain", "year", "age"),
            data,
            {
                "units": "vehicles",
                "long_name": f"Modelled fleet by age (years since sale; {MAX_AGE} = {MAX_AGE} or more)",
            },
        )
        ds = ds.assign_coords(age=ages)
    ds.attrs = {
        "title": f"motorisasi scenario {sc.name}",
        "scenario_name": sc.name,
        "scenario": json.dumps(sc.model_dump(mode="json"), sort_keys=True, ensure_ascii=False),
        "country": sc.country,
        "base_year": sc.years.base,
        "motorisasi_version": __version__,
        "data_series": json.dumps(sorted(sources.series)),
        "sources": json.dumps(dict(sorted(sources.citations.items())), ensure_ascii=False),
        "register": json.dumps({n: results[n].layers.summary() for n in segments}),
        "energy_calibration": json.dumps(calibration.summary()),
        "notes": json.dumps(
            {
                n: {
                    "shares_scaled_down": results[n].scaled_years,
                    "units_target_above_sales": results[n].over_years,
                    "sales_clipped_to_zero": results[n].clipped_years,
                    "departs_from_observations": results[n].departures,
                }
                for n in segments
            }
        ),
    }
    industry = sc.industry
    if (
        industry.groups
        or industry.batteries.pack_kwh
        or industry.fiscal.fuels
        or industry.fiscal.tax_forgone_idr
    ):
        ds = _industry(sc, ds, results, years, sources, data_dir, ncv)
        ds.attrs["sources"] = json.dumps(dict(sorted(sources.citations.items())), ensure_ascii=False)
        ds.attrs["data_series"] = json.dumps(sorted(sources.series))
    _plausible(ds)
    check(ds)
    return ds


def _require_range(
    values, used: np.ndarray, years: np.ndarray, what: str, low: float, high: float, data_dir, field: str
):
    """Refuse a driver outside ``(low, high]`` in a year the run uses.

    The error names the data row when the year is in the data, else the scenario's ``field``.
    """
    from motorisasi.data.store import DataRowError, located, merged

    bad = np.nonzero(~((used > low) & (used <= high)))[0]
    if not len(bad):
        return
    year = int(years[bad[0]])
    data = merged(data_dir)
    row = next(
        (
            r
            for r in data.rows
            if r["series"] == values.series and r["country"] == values.country and r["year"] == year
        ),
        None,
    )
    found = f"{used[bad[0]]:g} for {values.series} of {values.country} in {year}"
    rule = f"{what} must be more than {low:,.0f} and at most {high:,.0f}"
    if row is None:  # a year the scenario projects
        raise ScenarioError(f"{field}: {what} reaches {used[bad[0]]:g} in {year}; {rule}")
    raise DataRowError(f"{located(row)}: {found}; {rule}")


def _plausible(ds) -> None:
    """Refuse results no country could show: they come from inputs that compound beyond reason.

    Each input is inside its own range, but a growth rate held for decades can still carry
    sales past :data:`~motorisasi.data.schema.MAX_VEHICLES` a year, or ownership past
    :data:`~motorisasi.data.schema.MAX_PER_1000`; the error names the input to change.
    """
    from motorisasi.data.schema import MAX_PER_1000, MAX_VEHICLES

    years = ds["year"].values

    def first_above(values: np.ndarray) -> str | None:
        """'X vehicles in YEAR' for the first year above the limit (NaN counts as none)."""
        over = np.flatnonzero(~(np.nan_to_num(values) <= MAX_VEHICLES))
        return f"{values[over[0]]:.3g} vehicles in {years[over[0]]}" if len(over) else None

    for seg in ds["segment"].values:
        found = first_above(ds["sales_total"].sel(segment=seg).values)
        if found:
            raise ScenarioError(
                f"segments.{seg}.demand: sales reach {found}, more than {MAX_VEHICLES:.0e} a year (ten "
                "times the world's production); lower the growth or end the scenario earlier"
            )
    per_1000 = 1000 * ds["registered_stock"].sum("segment").values / ds["population"].values
    over = np.nonzero(~(per_1000 <= MAX_PER_1000))[0]
    if len(over):
        year = int(years[over[0]])
        where = (
            "segments: the registered-fleet and population data (stock_series, drivers.population_series)"
            if year <= int(ds.attrs["base_year"])
            else "segments: the demand (or drivers.population_path)"
        )
        raise ScenarioError(
            f"{where} give {per_1000[over[0]]:,.0f} registered vehicles per 1,000 people in {year}, "
            f"more than {MAX_PER_1000:,.0f} (two per person)"
        )
    for group in ds["industry_group"].values if "exports" in ds else []:
        found = first_above(ds["exports"].sel(industry_group=group).values)
        if found:
            raise ScenarioError(
                f"industry.groups.{group}.exports_growth_pct: exports reach {found}, more than "
                f"{MAX_VEHICLES:.0e} a year"
            )


def _path(points: dict[int, float], years: np.ndarray, default: float) -> np.ndarray:
    if not points:
        return np.full(len(years), default)
    xs = sorted(points)
    return interpolate_path(years, xs, [points[x] for x in xs])


def _history(name: str | None, country: str, years: np.ndarray, sources: _Sources, data_dir) -> np.ndarray:
    """A national series on ``years``: NaN where it has no value; the first report where it has several."""
    from motorisasi.data.store import merged

    out = np.full(len(years), np.nan)
    if name is None:
        return out
    data = merged(data_dir)
    if name not in data.series:
        raise ScenarioError(f"data: unknown series {name!r}")
    index = {int(y): i for i, y in enumerate(years)}
    for r in data.by_series.get(name, []):
        if (
            r["country"] == country
            and r["region"] == ""
            and r["category"] == ""
            and r["year"] is not None
            and int(r["year"]) in index
            and np.isnan(out[index[int(r["year"])]])
        ):
            out[index[int(r["year"])]] = float(r["value"])
            sources.citations.update({i: data.sources[i]["citation"] for i in str(r["source_id"]).split(";")})
    sources.series.add(name)
    return out


def _category_history(series: str, country: str, sources: _Sources, data_dir) -> dict[str, dict[int, float]]:
    """A series given in percent by category (e.g. sales shares by maker origin), as shares by year."""
    from motorisasi.data.store import merged

    data = merged(data_dir)
    if series not in data.series:
        raise ScenarioError(f"data: unknown series {series!r}")
    out: dict[str, dict[int, float]] = {}
    for r in data.by_series.get(series, []):
        if r["country"] == country and r["year"] is not None:
            if not 0 <= float(r["value"]) <= 100:
                from motorisasi.data.store import DataRowError, located

                raise DataRowError(f"{located(r)}: {r['value']:g} is not a share in percent (0-100)")
            out.setdefault(str(r["category"]), {})[int(r["year"])] = float(r["value"]) / 100.0
            sources.citations.update({i: data.sources[i]["citation"] for i in str(r["source_id"]).split(";")})
    sources.series.add(series)
    return out


def _industry(sc: Scenario, ds, results: dict, years: np.ndarray, sources: _Sources, data_dir, ncv: dict):
    """Supply balance, maker origins, jobs by industry group; batteries by segment."""
    import xarray as xr

    from motorisasi.model.fiscal import economic_price, fuel_support, tax_forgone
    from motorisasi.model.industry import (
        battery_gwh,
        nickel_tonnes,
        supply_balance,
        utilisation,
        workforce,
    )

    base = sc.years.base
    future = years > base
    proj = years[future]
    groups = list(sc.industry.groups)
    n_g, n_y = len(groups), len(years)
    prod, exp, imp, local, util = (np.full((n_g, n_y), np.nan) for _ in range(5))
    jobs, new, train = (np.full((n_g, n_y), np.nan) for _ in range(3))
    local_value, sme_value = np.full((n_g, n_y), np.nan), np.full((n_g, n_y), np.nan)
    powertrains = list(ds["powertrain"].values)
    origins: list[str] = []
    origin_rows: dict[str, dict[str, np.ndarray]] = {}
    over_capacity: dict[str, list[int]] = {}
    for g, name in enumerate(groups):
        spec = sc.industry.groups[name]
        domestic = ds["sales_total"].sel(segment=spec.segments).sum("segment").values
        prod[g] = _history(spec.production_series, sc.country, years, sources, data_dir)
        exp[g] = _history(spec.exports_series, sc.country, years, sources, data_dir)
        imp[g] = _history(spec.imports_series, sc.country, years, sources, data_dir)
        past = ~future
        local[g, past] = domestic[past] - imp[g, past]
        base_i = list(years).index(base)
        share_base = imp[g, base_i] / domestic[base_i] if np.isfinite(imp[g, base_i]) else 0.0
        if not 0 <= share_base <= 1:
            raise ScenarioError(
                f"industry.groups.{name}.imports_series: imports of {imp[g, base_i]:,.0f} in {base} are "
                f"{share_base:.3g} times the domestic sales of the group's segments "
                f"({domestic[base_i]:,.0f}); check the imports and sales data"
            )
        share = _path({int(y): v for y, v in spec.import_share.items()}, proj, float(share_base))
        known = np.isfinite(exp[g, : base_i + 1])
        exports_base = (
            float(exp[g, : base_i + 1][known][-1]) if known.any() else 0.0
        )  # latest at or before base
        exports = exports_base * (1 + spec.exports_growth_pct / 100) ** np.arange(1, len(proj) + 1)
        lo, im, pr = supply_balance(domestic[future], share, exports)
        local[g, future], imp[g, future], exp[g, future], prod[g, future] = lo, im, exports, pr
        if spec.capacity_vehicles:
            have = np.isfinite(prod[g])
            util[g, have] = utilisation(prod[g, have], spec.capacity_vehicles)[0]
            ratio = util[g]
            over_capacity[name] = [int(y) for y in years[np.nan_to_num(ratio) > 1]]
        if spec.workers_per_1000:
            per_vehicle = spec.workers_per_1000 / 1000
            jobs[g] = prod[g] * per_vehicle  # NaN where production is unknown
            before = jobs[g, base_i] if np.isfinite(jobs[g, base_i]) else None
            j, n, t = workforce(
                prod[g, future],
                per_vehicle,
                sc.industry.workforce.attrition_pct / 100,
                sc.industry.workforce.training_share,
                jobs_before=before,
            )
            jobs[g, future], new[g, future], train[g, future] = j, n, t
        if spec.local_content is not None:
            lc = spec.local_content
            sales_pt = ds["sales"].sel(segment=spec.segments).sum("segment").values[:, future]  # (P, N)
            total = sales_pt.sum(axis=0)
            mix = np.divide(sales_pt, total, out=np.zeros_like(sales_pt), where=total > 0)
            value = np.zeros(len(proj))
            group_pts = {
                p
                for seg in spec.segments
                for p in [sc.segments[seg].residual_powertrain, *sc.segments[seg].powertrains]
            }
            for pt, points in lc.share.items():
                if pt not in group_pts:
                    raise ScenarioError(
                        f"industry.groups.{name}.local_content.share: {pt!r} is not a powertrain "
                        "of its segments"
                    )
                if pt not in lc.vehicle_value_idr:
                    raise ScenarioError(
                        f"industry.groups.{name}.local_content.vehicle_value_idr: no value for {pt!r}"
                    )
                k = powertrains.index(pt)
                share = _path({int(y): v for y, v in points.items()}, proj, 0.0)
                value += local[g, future] * mix[k] * lc.vehicle_value_idr[pt] * share
            local_value[g, future] = value
            sme_value[g, future] = value * lc.sme_share
        # Maker origins: history from the data, then held (or the scenario's paths); "Other" the rest.
        rows: dict[str, np.ndarray] = {}
        if spec.origin_series:
            for origin, points in _category_history(
                spec.origin_series, sc.country, sources, data_dir
            ).items():
                given = {int(y): v for y, v in spec.origin_shares.get(origin, {}).items()}
                merged_points = {**points, **given}
                xs = sorted(merged_points)
                path = interpolate_path(years, xs, [merged_points[x] for x in xs])
                rows[origin] = np.where(years < min(points), np.nan, path)
        for origin, points in spec.origin_shares.items():
            if origin not in rows:
                rows[origin] = _path({int(y): v for y, v in points.items()}, years, 0.0)
        if rows:
            total = np.nansum(np.stack(list(rows.values())), axis=0)
            if np.any(total > 1 + 1e-9):
                year = int(years[np.argmax(total > 1 + 1e-9)])
                raise ScenarioError(
                    f"industry.groups.{name}.origin_shares: the shares by maker origin add up to "
                    f"{100 * float(total.max()):.1f} % in {year} (from origin_shares and the data series "
                    f"{spec.origin_series!r})"
                )
            rows["Other"] = 1.0 - total
            for origin in rows:
                if origin not in origins:
                    origins.append(origin)
        origin_rows[name] = rows

    # Batteries by segment and powertrain: new packs, nickel, and the packs in the fleet.
    segments = list(ds["segment"].values)
    powertrains = list(ds["powertrain"].values)
    gwh = np.full((len(segments), len(powertrains), n_y), np.nan)
    fleet_gwh = np.full((len(segments), n_y), np.nan)
    for i, seg_name in enumerate(segments):
        packs = sc.industry.batteries.pack_kwh.get(seg_name, {})
        gwh[i, :, future] = 0.0
        fleet_gwh[i, future] = 0.0
        seg = sc.segments[seg_name]
        names = [seg.residual_powertrain, *seg.powertrains]
        res = results[seg_name]
        for pt, points in packs.items():
            if pt not in names:
                raise ScenarioError(
                    f"industry.batteries.pack_kwh.{seg_name}: {pt!r} is not a powertrain of it"
                )
            j = names.index(pt)
            pack_new = _path({int(y): v for y, v in points.items()}, proj, 0.0)
            pack_old = _path({int(y): v for y, v in points.items()}, res.start_cohorts, 0.0)
            gwh[i, powertrains.index(pt), future] = battery_gwh(
                ds["sales"].sel(segment=seg_name, powertrain=pt).values[future], pack_new
            )
            in_fleet = res.stock_pt[j] @ pack_new + res.init_pt[j] @ pack_old  # kWh
            fleet_gwh[i, future] += in_fleet / 1e6
    batteries = sc.industry.batteries
    ni_share = _path({int(y): v for y, v in batteries.nickel_based_share.items()}, years, 0.0)
    nickel = nickel_tonnes(np.nansum(gwh, axis=(0, 1)), ni_share, batteries.nickel_kg_per_kwh)
    nickel[~future] = np.nan

    # Fiscal: subsidy and compensation on litres of the subsidised grade, tax forgone on vehicles.
    fiscal = sc.industry.fiscal
    fuels = list(ds["fuel"].values)
    fx = np.full(n_y, np.nan)
    fx_points = fiscal.idr_per_usd if isinstance(fiscal.idr_per_usd, dict) else {base: fiscal.idr_per_usd}
    fx[future] = _path({int(y): v for y, v in fx_points.items()}, proj, 0.0)
    crude = np.full(n_y, np.nan)
    if fiscal.crude_usd_per_bbl:
        crude[future] = _path({int(y): v for y, v in fiscal.crude_usd_per_bbl.items()}, proj, 0.0)
    subsidy, compensation, economic, retail = (np.full((len(fuels), n_y), np.nan) for _ in range(4))
    for fuel, price in fiscal.fuels.items():
        f = fuels.index(fuel)
        # Road fuel as the subsidised share is defined: the fleet's plus the fuel it does not explain.
        road = ds["energy"].sel(fuel=fuel).sum("segment").values[future]
        if "energy_unexplained" in ds:
            road = np.maximum(
                road + np.nan_to_num(ds["energy_unexplained"].sel(fuel=fuel).values[future]), 0.0
            )
        litres = road * MJ_PER_PJ / (ncv[fuel] * price.density_kg_per_l)
        retail[f, future] = _path({int(y): v for y, v in price.retail_idr_per_l.items()}, proj, 0.0)
        where = f"industry.fiscal.fuels.{fuel}"
        if price.price_formula is not None:
            pf = price.price_formula
            product = crude[future] + pf.spread_usd_per_bbl
            i = int(np.argmin(product))
            if product[i] < 0:
                raise ScenarioError(
                    f"{where}.price_formula.spread_usd_per_bbl: {pf.spread_usd_per_bbl:g} with the crude "
                    f"price {crude[future][i]:g} US$/bbl in {int(proj[i])} gives a negative product price"
                )
            price_f = economic_price(
                crude[future],
                fx[future],
                pf.spread_usd_per_bbl,
                pf.index_share,
                pf.constant_idr_per_l,
                pf.tax_pct / 100,
            )
            i = int(np.argmin(price_f))
            if price_f[i] < 0:
                raise ScenarioError(
                    f"{where}.price_formula.constant_idr_per_l: {pf.constant_idr_per_l:g} makes the economic "
                    f"price {price_f[i]:,.0f} rupiah per litre in {int(proj[i])}; it must not be negative"
                )
            economic[f, future] = price_f
        else:
            economic[f, future] = _path({int(y): v for y, v in price.market_idr_per_l.items()}, proj, 0.0)
        fixed = _path({int(y): v for y, v in price.fixed_subsidy_idr_per_l.items()}, proj, 0.0)
        subsidy[f, future], compensation[f, future] = fuel_support(
            litres * price.subsidised_share, economic[f, future], retail[f, future], fixed
        )
    forgone = np.full((len(segments), n_y), np.nan)
    for seg_name, per_pt in fiscal.tax_forgone_idr.items():
        if seg_name not in segments:
            raise ScenarioError(f"industry.fiscal.tax_forgone_idr: {seg_name!r} is not a segment")
        i = segments.index(seg_name)
        forgone[i, future] = 0.0
        for pt, points in per_pt.items():
            seg = sc.segments[seg_name]
            if pt not in [seg.residual_powertrain, *seg.powertrains]:
                raise ScenarioError(
                    f"industry.fiscal.tax_forgone_idr.{seg_name}: {pt!r} is not a powertrain of this segment"
                )
            per_vehicle = _path({int(y): v for y, v in points.items()}, proj, 0.0)
            forgone[i, future] += tax_forgone(
                ds["sales"].sel(segment=seg_name, powertrain=pt).values[future], per_vehicle
            )

    def var(dims, data, units, long_name):
        return xr.Variable(dims, np.asarray(data, dtype=float), {"units": units, "long_name": long_name})

    new_vars = {
        "battery_gwh": var(
            ("segment", "powertrain", "year"), gwh, "GWh per year", "Battery capacity in new vehicles"
        ),
        "battery_fleet_gwh": var(
            ("segment", "year"), fleet_gwh, "GWh", "Battery capacity in the modelled fleet"
        ),
        "nickel": var(("year",), nickel, "t per year", "Nickel in new nickel-based batteries"),
    }
    new_vars["exchange_rate"] = var(("year",), fx, "IDR per USD", "Exchange rate (scenario assumption)")
    if fiscal.crude_usd_per_bbl:
        new_vars["crude_price"] = var(
            ("year",), crude, "USD per barrel", "Crude oil price (scenario assumption)"
        )
    if fiscal.fuels:
        new_vars["fuel_retail_price"] = var(
            ("fuel", "year"), retail, "IDR per litre", "Retail price of the subsidised grade"
        )
        new_vars["fuel_economic_price"] = var(
            ("fuel", "year"), economic, "IDR per litre", "Economic price of the subsidised grade"
        )
        new_vars["fuel_subsidy"] = var(
            ("fuel", "year"),
            subsidy / 1e12,
            "IDR trillion per year",
            "Fuel subsidy: litres of the subsidised grade x the fixed subsidy per litre (paid on every "
            "litre, as budgeted, even when the retail price covers the economic price)",
        )
        new_vars["fuel_compensation"] = var(
            ("fuel", "year"),
            compensation / 1e12,
            "IDR trillion per year",
            "Fuel compensation: litres of the subsidised grade x (economic - retail price - subsidy)",
        )
        new_vars["fuel_support_usd"] = var(
            ("fuel", "year"),
            (subsidy + compensation) / fx / 1e9,
            "billion USD per year",
            "Fuel subsidy and compensation, in US dollars",
        )
    if fiscal.tax_forgone_idr:
        new_vars["tax_forgone"] = var(
            ("segment", "year"),
            forgone / 1e12,
            "IDR trillion per year",
            "Tax revenue forgone on incentivised vehicles",
        )
    coords = {}
    if groups:
        coords["industry_group"] = groups
        new_vars.update(
            {
                "production": var(
                    ("industry_group", "year"),
                    prod,
                    "vehicles per year",
                    "Production (history: data; projection: local assembly + exports)",
                ),
                "exports": var(
                    ("industry_group", "year"), exp, "vehicles per year", "Exports of built-up vehicles"
                ),
                "imports": var(
                    ("industry_group", "year"), imp, "vehicles per year", "Imports of built-up vehicles"
                ),
                "local_assembly": var(
                    ("industry_group", "year"),
                    local,
                    "vehicles per year",
                    "Domestic sales assembled in the country",
                ),
                "capacity_utilisation": var(
                    ("industry_group", "year"), util, "1", "Production over capacity"
                ),
                "jobs": var(("industry_group", "year"), jobs, "persons", "Direct jobs in vehicle assembly"),
                "new_workers": var(
                    ("industry_group", "year"),
                    new,
                    "persons per year",
                    "New workers needed (growth plus attrition)",
                ),
                "workers_to_train": var(
                    ("industry_group", "year"),
                    train,
                    "persons per year",
                    "New workers in the training programme",
                ),
            }
        )
        if np.isfinite(local_value).any():
            new_vars["local_content_value"] = var(
                ("industry_group", "year"),
                local_value / 1e12,
                "IDR trillion per year",
                "Local content of vehicles assembled for the domestic market (exports not included)",
            )
            new_vars["local_content_value_usd"] = var(
                ("industry_group", "year"),
                local_value / fx / 1e9,
                "billion USD per year",
                "Local content of vehicles assembled for the domestic market, in US dollars",
            )
            new_vars["local_content_sme"] = var(
                ("industry_group", "year"),
                sme_value / 1e12,
                "IDR trillion per year",
                "Local content supplied by small and medium firms",
            )
        if origins:
            coords["origin"] = origins
            data = np.full((n_g, len(origins), n_y), np.nan)
            for g, name in enumerate(groups):
                domestic = (
                    ds["sales_total"].sel(segment=sc.industry.groups[name].segments).sum("segment").values
                )
                for o, origin in enumerate(origins):
                    if origin in origin_rows[name]:
                        data[g, o] = domestic * origin_rows[name][origin]
            new_vars["sales_by_origin"] = var(
                ("industry_group", "origin", "year"),
                data,
                "vehicles per year",
                "Domestic sales by maker origin",
            )
    out = ds.assign_coords(coords).assign(new_vars)
    notes = json.loads(out.attrs["notes"])
    notes["over_capacity"] = over_capacity
    out.attrs["notes"] = json.dumps(notes)
    return out


def check(ds, rtol: float = 1e-9) -> None:
    """Mass balance, share sums and non-negative stocks; raises :class:`RunCheckError`.

    On the arrays themselves (numpy, not xarray selections): the checks run after every run.
    """
    base = int(ds.attrs["base_year"])
    years = ds["year"].values
    future = years > base
    at_base = np.nonzero(years == base)[0]

    def values(name: str, *dims: str) -> np.ndarray:
        return ds[name].transpose(*dims).values

    def before(series: np.ndarray, start: np.ndarray) -> np.ndarray:
        # The series one year later, starting with the base year's value.
        return np.concatenate([start[..., None], series[..., :-1]], axis=-1)

    seg_pt = ("segment", "powertrain", "year")
    registered_all = values("registered_stock", "segment", "year")
    in_use_all = values("in_use_stock", "segment", "year")
    registered, in_use = registered_all[:, future], in_use_all[:, future]
    scale = np.maximum(np.abs(registered), 1.0)
    stock_pt = values("stock", *seg_pt)[..., future]
    flows = np.nansum(values("sales", *seg_pt)[..., future], axis=1) - np.nansum(
        values("retirements", *seg_pt)[..., future], axis=1
    )
    gap = np.abs(in_use - before(in_use, in_use_all[:, at_base[0]]) - flows)
    if (gap > rtol * scale).any():
        raise RunCheckError(
            f"mass balance of the fleet in use fails by up to {float(np.nanmax(gap)):.3g} vehicles"
        )
    sales_total = values("sales_total", "segment", "year")[:, future]
    removals = values("register_removals", "segment", "year")[:, future]
    gap = np.abs(registered - before(registered, registered_all[:, at_base[0]]) - sales_total + removals)
    if (gap > rtol * scale).any():
        raise RunCheckError(
            f"mass balance of the register fails by up to {float(np.nanmax(gap)):.3g} vehicles"
        )
    if (np.abs(np.nansum(stock_pt, axis=1) - in_use) > rtol * scale).any():
        raise RunCheckError("the fleet by powertrain does not add up to the fleet in use")
    if (removals < -1e-6 * scale).any():
        raise RunCheckError("negative removals from the register")
    if "energy_unexplained" in ds:
        # Road energy of the fleet plus the unexplained energy is the reference, wherever there is one.
        fuel_names = list(ds["fuel"].values)
        rows = [fuel_names.index(f) for f in ("gasoline", "diesel") if f in fuel_names]
        past = ~future
        reference = values("energy_reference", "fuel", "year")[rows][:, past]
        energy = np.nansum(values("energy", "segment", "fuel", "year")[:, rows][..., past], axis=0)
        total = energy + values("energy_unexplained", "fuel", "year")[rows][:, past]
        known = np.isfinite(reference)
        gap = np.where(known, np.abs(total - reference), 0.0)
        if (gap > 1e-9 * np.maximum(np.abs(np.where(known, reference, 0.0)), 1.0)).any():
            raise RunCheckError("road energy plus the unexplained energy differs from the reference")
    total = np.nansum(values("sales_share", *seg_pt)[..., future], axis=1)
    if (np.abs(total - 1) > 1e-9).any():
        raise RunCheckError("sales shares do not sum to one")
    if (stock_pt < -1e-6 * scale[:, None, :]).any():
        raise RunCheckError("negative stock")
    if "production" in ds:
        groups = json.loads(ds.attrs["scenario"])["industry"]["groups"]
        segments = list(ds["segment"].values)
        group_names = list(ds["industry_group"].values)
        flows_by = {
            f: values(f, "industry_group", "year")[:, future]
            for f in ("production", "exports", "imports", "local_assembly")
        }
        for name, spec in groups.items():
            g = group_names.index(name)
            domestic = np.nansum(sales_total[[segments.index(n) for n in spec["segments"]]], axis=0)
            size = np.maximum(np.abs(domestic), 1.0)
            part = {f: v[g] for f, v in flows_by.items()}
            if (np.abs(part["local_assembly"] + part["imports"] - domestic) > rtol * size).any():
                raise RunCheckError(f"{name}: domestic sales differ from local assembly + imports")
            if (np.abs(part["production"] - part["local_assembly"] - part["exports"]) > rtol * size).any():
                raise RunCheckError(f"{name}: production differs from local assembly + exports")
            for flow in ("production", "exports", "imports", "local_assembly"):
                if (part[flow] < -1e-6 * size).any():
                    raise RunCheckError(f"{name}: negative {flow}")
