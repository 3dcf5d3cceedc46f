"""The fleet step, per segment: the past (fleet in use rebuilt, register calibrated), total sales
from the demand, the fleet in use and the register, powertrain shares, and the fleet by age.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.model.energy import km_by_age
from motorisasi.model.register import register_inflow, register_survival, unremoved_pool
from motorisasi.scenario.history import spin_up
from motorisasi.scenario.register import Layers, calibrate, register_history
from motorisasi.scenario.schema import (
    Scenario,
    ScenarioError,
    Segment,
    SharePath,
)
from motorisasi.scenario.steps.batch import cat, col, in_any_draw, typical
from motorisasi.scenario.steps.demand import DemandInputs, projected_sales
from motorisasi.scenario.steps.energy import _energy
from motorisasi.scenario.steps.inputs import _on, _passenger_share, _Sources, _span, _values
from motorisasi.scenario.steps.powertrains import base_fleet_mix, past_sales_by_powertrain, sales_shares
from motorisasi.scenario.variables import MAX_AGE


@dataclass
class _SegmentResult:
    # Shapes without draws; an ensemble adds a leading draw axis to every array.
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
    by_cohort: np.ndarray  # (N, N) new cohorts, [year, cohort]
    new_shares: np.ndarray  # (P, N) powertrain shares of the new cohorts
    init_by_age: np.ndarray  # (N, A0) base fleet, [year, age at the start]
    init_shares: np.ndarray  # (P, A0) powertrain shares of the base fleet by age
    start_cohorts: np.ndarray  # (A0,) sales year of each age of the base fleet
    scaled_years: list[int]
    over_years: list[int]
    clipped_years: list[int] = field(default_factory=list)
    departures: list[dict] = field(default_factory=list)

    @property
    def stock_pt(self) -> np.ndarray:
        """New cohorts by powertrain, (..., P, N, N) [powertrain, year, cohort]."""
        return self.by_cohort[..., None, :, :] * self.new_shares[..., :, None, :]

    @property
    def init_pt(self) -> np.ndarray:
        """Base fleet by powertrain, (..., P, N, A0) [powertrain, year, age at the start]."""
        return self.init_by_age[..., None, :, :] * self.init_shares[:, None, :]


def _survival(seg: Segment, n_ages: int) -> np.ndarray:
    lt = seg.lifetime
    if lt.distribution == "fixed":
        return survival_curve("fixed", n_ages, lifetime=lt.mean_years)
    if lt.distribution == "weibull":
        return survival_curve(
            "weibull", n_ages, shape=(lt.mean_years / lt.std_years) ** 1.086, mean=lt.mean_years
        )
    return survival_curve(lt.distribution, n_ages, mean=lt.mean_years, std=lt.std_years)


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


#: Recent segment histories: a run that changes only the projection (a dashboard's lever, the
#: next draw of a sales path) reuses its segments' past. Keyed by the data store in use and every
#: input of the history; values are (history, the series used, their citations).
_HISTORIES: OrderedDict = OrderedDict()
HISTORIES_KEPT = 32


def segment_history(name: str, seg: Segment, sc: Scenario, sources: _Sources, data_dir) -> SegmentHistory:
    """Read a segment's data, rebuild its fleet in use and calibrate its register (base year
    resolved); the same inputs on the same data give the history kept from before."""
    from motorisasi.data.store import remember

    key = (
        name,
        tuple(seg.stock_series),
        seg.sales_series,
        seg.sales_share,
        seg.lifetime,
        seg.register_removal,
        sc.country,
        sc.years.history_start,
        sc.years.base,
        sc.years.end,
    )

    def make():
        own = _Sources()
        return _segment_history(name, seg, sc, own, data_dir), frozenset(own.series), dict(own.citations)

    past, series, citations = remember(_HISTORIES, data_dir, key, make, HISTORIES_KEPT)
    sources.series |= series
    sources.citations.update(citations)
    return past


def _segment_history(name: str, seg: Segment, sc: Scenario, sources: _Sources, data_dir) -> SegmentHistory:
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
        raise ScenarioError(code="at", where=f"segments.{name}.lifetime", problem=exc) from None

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
        raise ScenarioError(code="at", where=f"segments.{name}.register_removal", problem=exc) from None
    return SegmentHistory(
        stock_parts, sales_series, float(share), first, sales_hist, reg, sf, spun, history, layers
    )


@dataclass(frozen=True)
class RegisterAhead:
    """A segment's register after the base year, for any sales: the fleet in use of the base
    year retiring by its survival, new sales joining it, and vehicles out of use leaving the
    register at the calibrated rate above the basis level. The fleet step's one computation
    of the register; ``gap`` asks it the same questions."""

    past: SegmentHistory
    layers: Layers
    curve: np.ndarray  # register survival of a new sale by age (NaN-free, 1 at age 0)
    kept: np.ndarray  # (..., T) the register with no more sales, vehicles

    def registered(self, result) -> tuple[np.ndarray, np.ndarray]:
        """The register and its removals (vehicles) for a run of the fleet in use."""
        pool, removals = unremoved_pool(result.outflow, self.layers.rate, self.layers.unremoved)
        return result.stock + pool + col(self.layers.level), removals

    def with_sales(self, sales, by_cohort: bool = False):
        """The run of the fleet in use (:class:`~motorisasi.model.stock.StockResult`), the register
        and its removals with these sales after the base year (vehicles/yr, ``(..., T)``)."""
        spun, sf = self.past.spun, self.past.survival
        run = inflow_driven(sales, sf, initial=spun.fleet_by_age, initial_survival=sf, by_cohort=by_cohort)
        return (run, *self.registered(run))


def register_ahead(past: SegmentHistory, n_years: int, layers: Layers | None = None) -> RegisterAhead:
    """The register of ``n_years`` after the base year (``layers``: another calibration of it,
    e.g. at the ends of the removal rate's interval)."""
    layers = past.layers if layers is None else layers
    curve = register_survival(past.survival, layers.rate)
    ahead = RegisterAhead(past, layers, curve, np.empty(0))
    _, kept, _ = ahead.with_sales(np.zeros(n_years))
    return RegisterAhead(past, layers, curve, kept)


def _demanded(name: str, seg: Segment, sc: Scenario, past, ahead, years, pop, income, substitute, data_dir):
    """The segment's sales on the projection years by its demand's model (the demand step), and
    the sales a register target would need below zero, clipped (vehicles/yr)."""
    kept, q = ahead.kept, ahead.curve
    future = years > sc.years.base
    pop_future = pop[future]
    clipped = np.zeros(int(np.sum(future)))

    def to_register(per_1000: np.ndarray, fixed: np.ndarray | None = None) -> np.ndarray:
        nonlocal clipped
        sales, clipped = register_inflow(per_1000 * pop_future / 1000.0 - kept, q, fixed)
        return sales

    inputs = DemandInputs(
        name=name,
        seg=seg,
        sc=sc,
        years=years[future],
        base_sales=float(past.sales[-1]),
        start_per_1000=1000.0 * past.registered[sc.years.base] / pop[~future][-1],
        population=pop_future,
        income=income[..., future],
        substitute=None if substitute is None else substitute[..., future],
        kept=kept,
        register_curve=q,
        to_register=to_register,
        data_dir=data_dir,
    )
    total = projected_sales(seg.demand, inputs)
    return total, clipped


def _by_powertrain(run, shares, hist_share, fleet_by_age):
    """The fleet, sales and retirements by powertrain, (..., P, T), from a run by cohort and the
    powertrain shares of its new cohorts and of the base fleet by age."""
    stock = np.einsum("...tc,...pc->...pt", run.stock_by_cohort, shares) + np.einsum(
        "...ta,...pa->...pt", run.initial_stock_by_age, hist_share
    )
    sales = run.inflow[..., None, :] * shares
    before = fleet_by_age[..., None, :] * hist_share
    previous = cat(before.sum(axis=-1)[..., None], stock[..., :-1])
    return stock, sales, previous + sales - stock


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
    n_ages = sf.shape[-1]
    ahead = register_ahead(past, end - base)
    total, clipped = _demanded(name, seg, sc, past, ahead, years, pop, income, substitute, data_dir)
    run, registered_future, removals = ahead.with_sales(total, by_cohort=True)
    total_sales = run.inflow

    # Powertrain shares of new sales (the residual first), and of the base fleet and past sales.
    names, shares, scaled, over = sales_shares(seg, proj_years, total_sales)
    hist_share, observed_pt = base_fleet_mix(
        name, seg, names, spun.fleet_by_age.shape[-1], sales_hist, first, base, country, sources, data_dir
    )
    sales_pt_past = past_sales_by_powertrain(
        names, observed_pt, hist_share, sales_hist, first, base, years[~future]
    )
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

    by_cohort, init_by_age = run.stock_by_cohort, run.initial_stock_by_age  # (..., T, C), (..., T, A0)
    stock, sales, retirements = _by_powertrain(run, shares, hist_share, spun.fleet_by_age)

    distance, energy, distance_past, energy_past = _segment_energy(
        name, seg, names, run, spun, shares, hist_share, proj_years, first, base, n_ages
    )
    start_cohorts = spun.cohort_years
    avg_age = _average_age(run)

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
        by_cohort=by_cohort,
        new_shares=shares,
        init_by_age=init_by_age,
        init_shares=hist_share,
        start_cohorts=start_cohorts,
        departures=departures,
        scaled_years=[int(y) for y in proj_years[in_any_draw(scaled)]],
        clipped_years=[int(y) for y in proj_years[in_any_draw(clipped > 1e-6)]],
        over_years=[int(y) for y in proj_years[in_any_draw(over)]],
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

    Each entry names the field, the year, the scenario's value and the observed one (with
    draws: an entry where any draw departs, with the draws' median).
    """
    out: list[dict] = []

    def differs(model, seen: float) -> bool:  # in any draw
        return bool(np.any(np.abs(model - seen) > OBSERVED_RTOL * max(abs(seen), 1.0)))

    for k, year in enumerate(proj_years):
        year = int(year)
        if year in sales_series.years and differs(total_sales[..., k], sales_series.at(year) * share):
            out.append(
                {
                    "field": f"segments.{name}.demand",
                    "variable": "sales_total",
                    "year": year,
                    "scenario": typical(total_sales[..., k]),
                    "observed": sales_series.at(year) * share,
                }
            )
        if all(year in p.years for p in stock_parts):
            seen = sum(p.at(year) for p in stock_parts)
            if differs(registered[..., k], seen):
                out.append(
                    {
                        "field": f"segments.{name}",
                        "variable": "registered_stock",
                        "year": year,
                        "scenario": typical(registered[..., k]),
                        "observed": float(seen),
                    }
                )
        for i, past in observed_pt.items():
            if year in past and differs(total_sales[..., k] * shares[..., i, k], past[year]):
                out.append(
                    {
                        "field": f"segments.{name}.powertrains.{names[i]}",
                        "variable": "sales",
                        "year": year,
                        "scenario": typical(total_sales[..., k] * shares[..., i, k]),
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
                if total > 0 and np.any(np.abs(value - seen / total) > OBSERVED_SHARE_ATOL):
                    out.append(
                        {
                            "field": f"segments.{name}.powertrains.{pt}.share",
                            "variable": "sales_share",
                            "year": int(year),
                            "scenario": typical(value),
                            "observed": seen / total,
                        }
                    )
            elif differs(value, seen):
                out.append(
                    {
                        "field": f"segments.{name}.powertrains.{pt}.units",
                        "variable": "sales",
                        "year": int(year),
                        "scenario": typical(value),
                        "observed": seen,
                    }
                )
    return out


def _segment_energy(name, seg, names, run, spun, shares, mix, proj_years, first: int, base: int, n_ages: int):
    """Distance (..., P, T) and energy by fuel (..., F, T; MJ) of the segment's fleet by powertrain
    and cohort: in the projection (``run``, new sales split by ``shares``, the base fleet by
    ``mix``) and over the sales history (the rebuilt fleet, ``spun.history``)."""
    km = km_by_age(seg.km_per_year, seg.km_decline_pct / 100, n_ages)
    distance, energy = _energy(
        name,
        seg,
        names,
        run.stock_by_cohort,
        shares,
        run.initial_stock_by_age,
        mix,
        proj_years,
        spun.cohort_years,
        base,
        km,
    )
    past_run = spun.history
    n_hist = base - first + 1
    by_cohort_share = mix[:, base - np.arange(first, base + 1)]  # (P, Th)
    initial_share = mix[:, n_hist:]  # (P, A0): the fleet sold before the sales history
    distance_past, energy_past = _energy(
        name,
        seg,
        names,
        past_run.stock_by_cohort,
        by_cohort_share,
        past_run.initial_stock_by_age,
        initial_share,
        np.arange(first, base + 1),
        first - 1 - np.arange(initial_share.shape[-1]),
        base,
        km,
    )
    return distance, energy, distance_past, energy_past


def _average_age(run) -> np.ndarray:
    """Average age of a modelled fleet (years since sale, at the end of each year), from a run by
    cohort with an initial fleet by age."""
    t_idx, c_idx = np.indices(run.stock_by_cohort.shape[-2:])
    age_sum = np.einsum("...tc,tc->...t", run.stock_by_cohort, np.clip(t_idx - c_idx, 0, None).astype(float))
    n_years, n_start = run.initial_stock_by_age.shape[-2:]
    ages0 = np.arange(n_years)[:, None] + 1 + np.arange(n_start)[None, :]
    age_sum += np.einsum("...ta,ta->...t", run.initial_stock_by_age, ages0.astype(float))
    return age_sum / np.where(run.stock > 0, run.stock, np.nan)


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
