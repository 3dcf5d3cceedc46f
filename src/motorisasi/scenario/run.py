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

The steps live in :mod:`motorisasi.scenario.steps`: ``inputs`` (the scenario resolved against the
data, and the lookups), ``drivers`` (population and income), ``demand`` and ``powertrains`` (the
models of each demand and adoption type, chosen through registries), ``fleet`` (per segment,
items 1-3), ``energy`` (item 4 and the calibration to the energy balance), ``industry`` (with the
fuel subsidy) and ``checks``; this module assembles them and labels the result once from the
variables registry (:mod:`motorisasi.scenario.variables`).

The result has dimensions ``year``, ``segment``, ``powertrain`` and ``fuel``; every variable has
``units`` and ``long_name``; the dataset's attributes hold the scenario (as JSON) and the
sources of every data series used. Mass balance, share sums and non-negative stocks are
checked at the end; a violation raises :class:`RunCheckError`.

Draws of uncertain inputs (``draws``; :mod:`motorisasi.scenario.ensemble`) run in the same pass:
every step keeps them on a leading axis, and each draw's result is, to the bit, that of a run
with its values alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from motorisasi import __version__
from motorisasi.errors import MotorisasiError
from motorisasi.model.energy import (
    MJ_PER_PJ,
)
from motorisasi.scenario.schema import (
    Scenario,
    ScenarioError,
    load_scenario,
)
from motorisasi.scenario.steps.checks import RunCheckError, _plausible, check
from motorisasi.scenario.steps.demand import modelled_ownership_draws
from motorisasi.scenario.steps.drivers import drivers
from motorisasi.scenario.steps.energy import (
    CALORIFIC_VALUES,
    EMISSION_FACTORS,
    FUELS,
    IPCC_DEFAULTS_STORED_AS,
    _blend,
    _grid_intensity,
    road_energy,
)
from motorisasi.scenario.steps.fleet import MAX_AGE, _by_age, _segment, segment_history
from motorisasi.scenario.steps.industry import _industry
from motorisasi.scenario.steps.inputs import (
    _check_series,
    _constant,
    _data_folder,
    _Sources,
    _where,
    resolve_base,
)
from motorisasi.scenario.variables import labelled

#: The run and what other modules take from its steps.
__all__ = ["RunCheckError", "check", "modelled_ownership_draws", "resolve_base", "run", "segment_history"]


def run(
    scenario: Scenario | str | Path = "baseline",
    data_dir: str | Path | None = None,
    by_age: bool = False,
    draws: Mapping[str, np.ndarray] | None = None,
):
    """Run a scenario (an object, a file, or a shipped scenario's name) and return an xarray Dataset.

    With ``by_age=True`` the result also has ``stock_by_age`` with an ``age`` dimension (years
    since sale at the end of the year; the last bin holds older vehicles too).

    ``draws`` maps places in the scenario (paths of its ``uncertainty`` section) to arrays of
    ``(n,)`` values (:func:`motorisasi.scenario.uncertainty.sample`): all ``n`` draws run at once
    and every variable that depends on them gains a leading ``draw`` dimension
    (:mod:`motorisasi.scenario.ensemble` summarises them).
    """
    from motorisasi.data.store import merged
    from motorisasi.data.validate import DataError

    merged(data_dir)  # a broken data folder is reported as such, naming its own file, row and column
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    try:
        # A floating-point warning means an input outside what the model can handle: an error.
        with np.errstate(all="raise", under="ignore"):
            resolved = resolve_base(sc, data_dir)
            if not draws:
                return _run(resolved, data_dir, by_age)
            from motorisasi.scenario.uncertainty import with_values

            return _run(with_values(resolved, draws), data_dir, by_age, written=resolved)
    except ScenarioError as exc:
        raise ScenarioError(code="at", where=_where(sc), problem=exc) from None
    except DataError:
        raise  # it names its own file and row
    except MotorisasiError as exc:  # a model's own check of values from the scenario or the data
        raise ScenarioError(code="at_data", where=_where(sc), problem=exc, **_data_folder(data_dir)) from None
    except (FloatingPointError, OverflowError) as exc:
        raise ScenarioError(
            code="scenario.numerical", where=_where(sc), problem=str(exc), **_data_folder(data_dir)
        ) from None


def _run(sc: Scenario, data_dir, by_age: bool, written: Scenario | None = None):
    """The run; ``written`` is the scenario as written when ``sc`` holds arrays of draws."""
    import xarray as xr

    from motorisasi.scenario.lazy_dask import defer

    defer()
    _check_series(sc, data_dir)
    sources = _Sources()
    years = np.arange(sc.years.history_start, sc.years.end + 1)
    pop, income = drivers(sc, years, sources, data_dir)
    drive_notes = None
    if sc.regions is not None and sc.regions.drive == "bottom_up":
        from motorisasi.scenario.steps.regions import bottom_up

        written = written or sc
        sc, drive_notes = bottom_up(sc, years, pop, income, data_dir)
    grid = _grid_intensity(sc, years, sources, data_dir)
    blend = _blend(sc, years, sources, data_dir)
    ipcc = IPCC_DEFAULTS_STORED_AS
    ef = {f: _constant(EMISSION_FACTORS[f], sc.country, sources, data_dir, ipcc) for f in EMISSION_FACTORS}
    ncv = {f: _constant(CALORIFIC_VALUES[f], sc.country, sources, data_dir, ipcc) for f in CALORIFIC_VALUES}
    results = _fleet(sc, years, pop, income, sources, data_dir)
    # Draws (an ensemble) come first in every array that depends on an uncertain input.
    lead = np.broadcast_shapes(
        income.shape[:-1],
        grid.shape[:-1],
        np.shape(sc.energy.charging_loss),
        *(r.registered.shape[:-1] for r in results.values()),
        *(r.energy.shape[:-2] for r in results.values()),
        *(r.sales.shape[:-2] for r in results.values()),
    )
    if lead and by_age:
        raise ScenarioError(code="scenario.run.by_age_ensemble")
    stack = _Stack(sc, results, lead, years)
    assumed = stack.by_seg("energy", 2)  # (..., S, F, Y) MJ at the assumed distances
    road = road_energy(sc, assumed, stack.segments, years, sources, data_dir, grid, blend, ef, ncv)
    coords = {"year": years, "segment": stack.segments, "powertrain": stack.powertrains, "fuel": list(FUELS)}
    core = _core(stack, road, pop, income, grid, blend)
    if by_age:
        core["stock_by_age"] = _stock_by_age(stack)
        coords["age"] = np.arange(MAX_AGE + 1)
    industry = sc.industry
    extra, extra_coords, over_capacity = {}, {}, None
    if (
        industry.groups
        or industry.batteries.pack_kwh
        or industry.fiscal.fuels
        or industry.fiscal.tax_forgone_idr
    ):
        extra, extra_coords, over_capacity = _industry(
            sc, core, coords, results, years, sources, data_dir, ncv
        )
    regions, region_notes = {}, None
    if sc.regions is not None:
        from motorisasi.scenario.steps.regions import regional

        regions, region_coords, region_notes = regional(sc, core, years, data_dir)
        coords.update(region_coords)
        sources.add_ids(region_notes["series"], region_notes["ids"], data_dir)
    # Labelled once, with every step's variables.
    ds = xr.Dataset({**core, **extra, **regions}, coords={**coords, **extra_coords})
    ds.attrs = _attributes(written or sc, sc, results, sources, road, lead, over_capacity)
    if region_notes is not None:
        ds.attrs["regions"] = json.dumps({**region_notes["notes"], **(drive_notes or {})})
    _plausible(ds)
    check(ds)
    return ds


def _fleet(sc: Scenario, years, pop, income, sources: _Sources, data_dir) -> dict:
    """The fleet step of every segment, in the scenario's order. A motorcycle segment with
    substitution runs after the others: their registered fleet per 1,000 is the four-wheel
    ownership its motorcycles give way to."""
    later = [n for n, seg in sc.segments.items() if getattr(seg.demand, "substitution", False)]
    results = {
        name: _segment(name, seg, sc, years, pop, income, sources, data_dir)
        for name, seg in sc.segments.items()
        if name not in later
    }
    if later:
        if not results:
            raise ScenarioError(code="scenario.run.substitution_alone", segment=later[0])
        four_wheel = 1000.0 * sum(r.registered for r in results.values()) / pop
        for name in later:
            results[name] = _segment(
                name, sc.segments[name], sc, years, pop, income, sources, data_dir, four_wheel
            )
        results = {name: results[name] for name in sc.segments}
    return results


class _Stack:
    """The segments' results stacked into the run's arrays (draws first, then segment)."""

    def __init__(self, sc: Scenario, results: dict, lead: tuple[int, ...], years: np.ndarray) -> None:
        self.sc, self.results, self.lead, self.years = sc, results, lead, years
        self.future = years > sc.years.base
        self.segments = list(sc.segments)
        self.powertrains: list[str] = []
        for seg in sc.segments.values():
            for pt in [seg.residual_powertrain, *seg.powertrains]:
                if pt not in self.powertrains:
                    self.powertrains.append(pt)

    def by_seg(self, attr: str, ndim: int = 1) -> np.ndarray:
        """A segment attribute with ``ndim`` axes of its own, stacked over segments: (draws..., S, ...)."""
        arrays = [getattr(self.results[n], attr) for n in self.segments]
        lead = self.lead
        return np.stack([np.broadcast_to(a, lead + a.shape[a.ndim - ndim :]) for a in arrays], axis=len(lead))

    def by_pt(self, attr: str) -> np.ndarray:
        """A segment attribute by powertrain on the run's powertrains: (draws..., S, P, Y); zero in
        the projection for powertrains a segment does not have."""
        out = np.full(self.lead + (len(self.segments), len(self.powertrains), len(self.years)), np.nan)
        for i, name in enumerate(self.segments):
            seg = self.sc.segments[name]
            own = [seg.residual_powertrain, *seg.powertrains]
            for j, pt in enumerate(own):
                out[..., i, self.powertrains.index(pt), :] = getattr(self.results[name], attr)[..., j, :]
            for k, pt in enumerate(self.powertrains):
                if pt not in own:
                    out[..., i, k, self.future] = 0.0
        return out


def _core(stack: _Stack, road, pop, income, grid, blend) -> dict:
    """The labelled variables of the drivers, fleet, energy and emissions."""
    years = stack.years
    registered, in_use = stack.by_seg("registered"), stack.by_seg("in_use")
    mass_kt = road.mass_kt
    return {
        "population": labelled("population", pop),
        "gdp_per_capita": labelled("gdp_per_capita", income),
        "registered_stock": labelled("registered_stock", registered),
        "ownership_per_1000": labelled("ownership_per_1000", 1000 * registered / pop),
        "in_use_stock": labelled("in_use_stock", in_use),
        "in_use_per_1000": labelled("in_use_per_1000", 1000 * in_use / pop),
        "unremoved_registrations": labelled("unremoved_registrations", registered - in_use),
        "register_removals": labelled("register_removals", stack.by_seg("removals")),
        "sales_total": labelled("sales_total", stack.by_seg("sales_total")),
        "stock": labelled("stock", stack.by_pt("stock")),
        "sales": labelled("sales", stack.by_pt("sales")),
        "retirements": labelled("retirements", stack.by_pt("retirements")),
        "sales_share": labelled("sales_share", stack.by_pt("share")),
        "average_fleet_age": labelled("average_fleet_age", stack.by_seg("average_age")),
        "vkt": labelled("vkt", stack.by_pt("distance") * road.km_factor[..., :, None, None] / 1e9),
        "energy": labelled("energy", road.energy / MJ_PER_PJ),
        "fuel_mass": labelled(
            "fuel_mass",
            np.concatenate([mass_kt, np.full(mass_kt.shape[:-2] + (1, len(years)), np.nan)], axis=-2),
        ),
        "electricity": labelled("electricity", road.grid_kwh / 1e6),
        "co2_ttw": labelled("co2_ttw", road.ttw / 1e9),
        "co2_wtw": labelled("co2_wtw", road.wtw / 1e9),
        "km_factor": labelled("km_factor", road.km_factor),
        "intensity_factor": labelled("intensity_factor", road.use_factor / road.km_factor),
        "energy_reference": labelled(
            "energy_reference",
            np.stack([road.calibration.reference.get(f, np.full(len(years), np.nan)) for f in FUELS]),
        ),
        "energy_unexplained": labelled("energy_unexplained", road.unexplained),
        "co2_unexplained": labelled("co2_unexplained", road.co2_unexplained / 1e9),
        "grid_intensity": labelled("grid_intensity", grid),
        "biodiesel_share": labelled("biodiesel_share", blend),
    }


def _stock_by_age(stack: _Stack):
    """The fleet by segment, powertrain, year and age (single runs)."""
    ages = np.arange(MAX_AGE + 1)
    data = np.full((len(stack.segments), len(stack.powertrains), len(stack.years), len(ages)), np.nan)
    future = stack.future
    for i, name in enumerate(stack.segments):
        seg = stack.sc.segments[name]
        data[i, :, future, :] = 0.0
        by_age_of = _by_age(stack.results[name].stock_pt, stack.results[name].init_pt)
        for j, pt in enumerate([seg.residual_powertrain, *seg.powertrains]):
            data[i, stack.powertrains.index(pt), future, :] = by_age_of[j]
    return labelled("stock_by_age", data)


def _attributes(written: Scenario, sc: Scenario, results: dict, sources: _Sources, road, lead, over_capacity):
    """The run's attributes: the scenario as written, its data and sources, the calibrations and notes."""
    segments = list(sc.segments)
    notes = {
        n: {
            "shares_scaled_down": results[n].scaled_years,
            "units_target_above_sales": results[n].over_years,
            "sales_clipped_to_zero": results[n].clipped_years,
            "departs_from_observations": results[n].departures,
        }
        for n in segments
    }
    if over_capacity is not None:
        notes["over_capacity"] = over_capacity
    return {
        "title": f"motorisasi scenario {sc.name}",
        "scenario_name": sc.name,
        "scenario": json.dumps(written.model_dump(mode="json"), sort_keys=True, ensure_ascii=False),
        "country": sc.country,
        "base_year": sc.years.base,
        "motorisasi_version": __version__,
        "data_series": json.dumps(sorted(sources.series)),
        "sources": json.dumps(dict(sorted(sources.citations.items())), ensure_ascii=False),
        "register": json.dumps({n: results[n].layers.summary() for n in segments}),
        **({"draws": int(np.prod(lead))} if lead else {}),
        "energy_calibration": json.dumps(road.calibration.summary()),
        "notes": json.dumps(notes),
    }
