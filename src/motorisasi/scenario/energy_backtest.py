"""Rolling-origin hindcasts of road energy by fuel and road CO2: the fleet model against trends.

For every origin year ``o`` with a reference value and every horizon ``h`` with one in
``o + h``, the fleet model forecasts road energy of ``o + h`` from the fleet in use rebuilt from
the actual sales (as the register backtest does) and the distance factor fitted on the
reference up to ``o`` only (:func:`motorisasi.scenario.fuel_calibration.calibrate_fuel_use`
with ``fit_to=o``; an origin with fewer than two usable years since ``fit_from`` uses every
earlier year). Road CO2 is the same forecast's tank-to-wheel CO2, scored against an
independent road inventory (``road_transport_co2_ceds``). The sceptic's benchmarks extrapolate
the reference itself: last value plus the mean of its last three changes
(``random_walk_drift``) and the mean growth rate of its last four (``log_linear_trend``).

Scores per target and horizon: forecasts, MAPE and bias (positive: too high), as in
:mod:`motorisasi.scenario.backtest` (Hyndman and Athanasopoulos, *Forecasting: Principles and
Practice*, 3rd ed., sec. 5.10).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from motorisasi.scenario.backtest import BENCHMARKS, BacktestError, _trend_forecasts
from motorisasi.scenario.gap import json_ready

TARGETS = ("road_gasoline", "road_diesel", "road_co2")
MODELS = ("fleet", *BENCHMARKS)
CO2_INVENTORY = "road_transport_co2_ceds"
UNITS = {"road_gasoline": "PJ", "road_diesel": "PJ", "road_co2": "Mt CO2"}


@dataclass
class EnergyForecast:
    target: str
    model: str
    origin: int
    horizon: int
    forecast: float
    observed: float


@dataclass
class EnergyBacktest:
    scenario: str
    horizons: int
    forecasts: list[EnergyForecast] = field(default_factory=list)
    factors: dict[str, dict[int, float]] = field(default_factory=dict)  # fuel -> origin -> factor
    current_from: int | None = None  # first origin fitted on the calibration window alone

    def scores(self, target: str, since: int | None = None) -> dict[str, dict[str, list[float]]]:
        """Per model: horizon, n, mape, bias by horizon (``since`` keeps origins from that year)."""
        from motorisasi.scenario.scores import PERCENT, by_horizon

        return {
            model: by_horizon(
                (
                    f
                    for f in self.forecasts
                    if (f.target, f.model) == (target, model) and (since is None or f.origin >= since)
                ),
                self.horizons,
                PERCENT,
            )
            for model in MODELS
        }

    def headline(self, target: str, since: int | None = None, up_to: int = 5) -> dict[str, object]:
        """Mean absolute percentage error over horizons 1..``up_to`` per model."""
        from motorisasi.scenario.scores import PERCENT, lowest, over_horizons

        mape = {
            model: over_horizons(
                (
                    f
                    for f in self.forecasts
                    if (f.target, f.model) == (target, model) and (since is None or f.origin >= since)
                ),
                up_to,
                PERCENT["mape"],
            )
            for model in MODELS
        }
        best = lowest(BENCHMARKS, mape)
        return {
            "target": target,
            "unit": UNITS[target],
            "origins_from": since,
            "horizons": f"1-{min(up_to, self.horizons)}",
            "mape": mape,
            "best_benchmark": best,
            "fleet_at_least_as_good": bool(mape["fleet"] <= mape[best] + 1e-12),
        }

    def to_dict(self) -> dict:
        return json_ready(
            {
                "scenario": self.scenario,
                "horizons": self.horizons,
                "models": list(MODELS),
                "current_method_from": self.current_from,
                "scores": {t: self.scores(t) for t in TARGETS},
                "scores_current_method": {t: self.scores(t, self.current_from) for t in TARGETS},
                "headline": {t: self.headline(t) for t in TARGETS},
                "headline_current_method": {t: self.headline(t, self.current_from) for t in TARGETS},
                "factors": {f: {str(o): v for o, v in by.items()} for f, by in self.factors.items()},
            }
        )


def energy_backtest(scenario="baseline", *, horizons: int = 5, data_dir=None) -> EnergyBacktest:
    """Rolling-origin hindcasts of road energy by fuel and road CO2 (see the module docs)."""
    from motorisasi.data.store import merged, series_values
    from motorisasi.scenario.fuel_calibration import (
        FUELS_CALIBRATED,
        MIN_YEARS,
        calibrate_fuel_use,
        factor_bounds,
    )
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import Scenario, ScenarioError, load_scenario
    from motorisasi.scenario.steps.energy import FUELS
    from motorisasi.scenario.steps.inputs import _where, resolve_base

    if not 1 <= horizons <= 30:
        raise BacktestError(code="scenario.cv.horizons", got=horizons)
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    try:
        sc = resolve_base(sc, data_dir)
    except ScenarioError as exc:
        raise BacktestError(code="at", where=_where(sc), problem=exc) from None
    cal = sc.energy.calibration
    if cal.model == "none":
        raise BacktestError(code="scenario.backtest.no_calibration", name=sc.name)
    # One run at the assumed distances: the fleet in use of every history year, from actual sales.
    plain = sc.model_copy(
        update={
            "energy": sc.energy.model_copy(update={"calibration": cal.model_copy(update={"model": "none"})})
        }
    )
    ds = run(plain, data_dir=data_dir)
    years = np.asarray(ds["year"].values, dtype=int)
    segments = [str(s) for s in ds["segment"].values]
    energy = ds["energy"].values  # (S, F, Y) PJ at factor 1
    co2 = ds["co2_ttw"].values  # (S, Y) Mt at factor 1
    reference = {f: ds["energy_reference"].sel(fuel=f).values for f in FUELS_CALIBRATED}
    if not all(np.isfinite(reference[f]).any() for f in FUELS_CALIBRATED):
        raise BacktestError(code="scenario.backtest.no_reference", name=sc.name, country=sc.country)
    group = {n: sc.segments[n].energy[sc.segments[n].residual_powertrain].fuel for n in segments}
    bounds = {
        n: factor_bounds(
            sc.segments[n].km_per_year, sc.segments[n].km_range, sc.segments[n].on_road_gap_range
        )
        for n in segments
    }
    inventory = np.full(len(years), np.nan)
    if any(r["country"] == sc.country for r in merged(data_dir).by_series.get(CO2_INVENTORY, [])):
        values = series_values(CO2_INVENTORY, sc.country, data_dir=data_dir)
        found = dict(zip(values.years.tolist(), values.values.tolist(), strict=True))
        inventory = np.array([found.get(int(y), np.nan) for y in years])
    truth = {
        "road_gasoline": reference["gasoline"],
        "road_diesel": reference["diesel"],
        "road_co2": inventory,
    }
    assert FUELS[: len(FUELS_CALIBRATED)] == FUELS_CALIBRATED
    result = EnergyBacktest(sc.name, horizons, factors={f: {} for f in FUELS_CALIBRATED})
    flat = np.zeros(len(years))  # one statistical basis: the benchmarks may use every change
    early: set[int] = set()
    ref_years = years[np.isfinite(reference["gasoline"]) & np.isfinite(reference["diesel"])]
    for o in ref_years[:-1]:
        window_from = cal.fit_from
        usable = [y for y in ref_years if window_from <= y <= o and y not in cal.exclude]
        if len(usable) < MIN_YEARS:
            window_from, early_origin = int(ref_years[0]), True
            usable = [y for y in ref_years if y <= o and y not in cal.exclude]
            if len(usable) < MIN_YEARS:
                continue
        else:
            early_origin = False
        fitted = calibrate_fuel_use(
            energy,
            segments,
            group,
            years,
            reference,
            {},
            bounds,
            "calibrated",
            window_from,
            int(o),
            tuple(cal.exclude),
        )
        if early_origin:
            early.add(int(o))
        factor = np.array([fitted.segment_factor[n] for n in segments])
        for fuel in FUELS_CALIBRATED:
            result.factors[fuel][int(o)] = fitted.fuels[fuel].factor
        model = {
            "road_gasoline": (energy[:, 0] * factor[:, None]).sum(axis=0),
            "road_diesel": (energy[:, 1] * factor[:, None]).sum(axis=0),
            "road_co2": (co2 * factor[:, None]).sum(axis=0),
        }
        i = int(np.nonzero(years == o)[0][0])
        for target in TARGETS:
            seen = truth[target]
            # A year without a positive observation is not scored (nothing to take a percentage of).
            ahead = [k for k in range(1, horizons + 1) if i + k < len(years) and seen[i + k] > 0]
            if not ahead or not seen[i] > 0:
                continue
            trends = _trend_forecasts(years, np.nan_to_num(seen, nan=-1.0), flat, i, ahead)
            if trends is None:
                continue
            for j, k in enumerate(ahead):
                result.forecasts.append(
                    EnergyForecast(
                        target, "fleet", int(o), k, float(model[target][i + k]), float(seen[i + k])
                    )
                )
                for name in BENCHMARKS:
                    result.forecasts.append(
                        EnergyForecast(target, name, int(o), k, float(trends[name][j]), float(seen[i + k]))
                    )
    later = [int(o) for o in ref_years if o >= cal.fit_from and int(o) not in early and o < ref_years[-1]]
    result.current_from = min(later) if later else None
    if not result.forecasts:
        raise BacktestError(code="scenario.backtest.no_later_reference", name=sc.name)
    return result
