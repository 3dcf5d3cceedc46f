"""Rolling-origin hindcasts of the registered fleet: the register model against a sceptic's benchmarks.

For every origin year ``o`` on a statistical basis and every horizon ``h`` such that ``o + h``
is observed on the same basis (a forecast across a documented break would score the break,
not the model), each model forecasts the registered fleet of ``o + h`` from what was known
in ``o`` plus the *actual* sales and population of the years in between:

``calibrated``
    the calibrated register with the scenario's lifetimes and calibration window: the fleet in
    use rebuilt from the sales history, and the removal rate fitted to the single-basis changes
    up to ``o`` only (:func:`motorisasi.scenario.register.calibrate` with ``upto=o``; an origin
    with fewer than two changes in the window since ``fit_from`` uses every earlier change); the
    forecast is ``R[o] + sum(sales - removals)``. Its interval is the same forecast at the two
    ends of the removal rate's interval (parameter uncertainty only).
``no_removals``
    last register + cumulative sales (nothing ever leaves the register);
``in_use``
    the register moves with the fleet in use (every vehicle leaving use is removed at once);
``random_walk_drift``
    last value + ``h`` x the mean of the last (up to) three single-basis changes;
``log_linear_trend``
    last value growing at the mean growth rate of the last (up to) four single-basis changes
    (a log-linear trend through the break-free changes, from the last value).

Ownership per 1,000 is scored the same way: the register models divide their forecast by the
actual population; the two trend benchmarks are applied to the ownership series itself.
Scores per horizon: the number of forecasts, mean absolute percentage error (MAPE), bias
(mean signed percentage error: positive = too high), mean absolute error, and for
``calibrated`` the share of outcomes inside its interval. Only origins where every model can
forecast are scored, so the models are compared on the same cases.

See Hyndman, R. J. and Athanasopoulos, G., *Forecasting: Principles and Practice* (3rd ed.,
OTexts 2021), sec. 5.10 (time-series cross-validation, "evaluation on a rolling forecasting
origin") and sec. 5.2 (the drift method).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model.register import single_basis_pairs, unremoved_pool
from motorisasi.scenario.gap import json_ready

REGISTER_MODELS = ("calibrated", "no_removals", "in_use")
BENCHMARKS = ("random_walk_drift", "log_linear_trend")
MODELS = REGISTER_MODELS + BENCHMARKS
#: Fleets scored, by the scenario segments they add up (the shipped Indonesian scenarios'; see
#: :func:`targets_for` for another set of segments).
TARGETS = {"cars": ("cars",), "four_wheel": ("cars", "commercial"), "motorcycles": ("motorcycles",)}


def targets_for(segments) -> dict[str, tuple[str, ...]]:
    """The fleets a scenario's segments let the backtest score: cars, all four-wheelers (every
    segment but motorcycles) and motorcycles, those the segments have."""
    names = list(segments)
    four = tuple(n for n in names if n != "motorcycles")
    # Cars alone only where they are not already all the four-wheelers.
    out = {"cars": ("cars",) if "cars" in names and four != ("cars",) else (), "four_wheel": four}
    out["motorcycles"] = ("motorcycles",) if "motorcycles" in names else ()
    return {t: segs for t, segs in out.items() if segs}


MEASURES = ("registered", "per_1000")
DRIFT_CHANGES = 3
TREND_POINTS = 5
#: Horizons the headline comparison averages over.
HEADLINE_HORIZONS = 5


class BacktestError(MotorisasiError):
    """The backtest cannot run as asked (the message says why)."""


def _coverage(cases) -> float:
    """Share of the observed values inside the forecasts' intervals (NaN without intervals)."""
    obs = np.array([c.observed for c in cases])
    lo = np.array([c.low for c in cases])
    hi = np.array([c.high for c in cases])
    if not np.all(np.isfinite(lo)):
        return float("nan")
    return float(np.mean((obs >= lo - 1e-9 * np.abs(obs)) & (obs <= hi + 1e-9 * np.abs(obs))))


@dataclass
class Forecast:
    target: str
    measure: str
    model: str
    origin: int
    horizon: int
    forecast: float
    observed: float
    low: float = float("nan")
    high: float = float("nan")


@dataclass
class Backtest:
    """The forecasts and their scores; plain numbers (see :meth:`to_dict`)."""

    scenario: str
    horizons: int
    forecasts: list[Forecast] = field(default_factory=list)
    rates: dict[str, dict[int, list[float]]] = field(
        default_factory=dict
    )  # segment -> origin -> [rate, low, high]
    observed: dict[str, dict[str, list]] = field(default_factory=dict)  # target -> years, values, basis
    targets: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(TARGETS))  # fleets scored

    # The first origin whose removal rates are fitted on the calibration window (``fit_from``)
    # alone: the statistical method the projection continues.
    current_from: int | None = None

    def _rows(self, target: str, measure: str, model: str, since: int | None) -> list[Forecast]:
        return [
            f
            for f in self.forecasts
            if (f.target, f.measure, f.model) == (target, measure, model)
            and (since is None or f.origin >= since)
        ]

    def scores(
        self, target: str, measure: str, since: int | None = None
    ) -> dict[str, dict[str, list[float]]]:
        """Per model: horizon, n, mape, bias, mae (and coverage for ``calibrated``), by horizon.

        ``since`` keeps the origins from that year on.
        """
        from motorisasi.scenario.scores import ABSOLUTE, PERCENT, by_horizon

        measures = {**PERCENT, "mae": ABSOLUTE["mae"], "coverage": _coverage}
        return {
            model: by_horizon(self._rows(target, measure, model, since), self.horizons, measures)
            for model in MODELS
        }

    def headline(
        self, target: str = "four_wheel", measure: str = "registered", since: int | None = None
    ) -> dict[str, object]:
        """Mean MAPE over horizons 1-5 per model, the best register model and the best benchmark."""
        from motorisasi.scenario.scores import PERCENT, over_horizons

        mean: dict[str, float] = {}
        count = 0
        for model in MODELS:
            rows = self._rows(target, measure, model, since)
            mean[model] = over_horizons(rows, HEADLINE_HORIZONS, PERCENT["mape"])
            count = sum(f.horizon <= HEADLINE_HORIZONS for f in rows)
        register = min(REGISTER_MODELS, key=lambda m: (np.nan_to_num(mean[m], nan=np.inf), m))
        benchmark = min(("no_removals", *BENCHMARKS), key=lambda m: (np.nan_to_num(mean[m], nan=np.inf), m))
        return {
            "target": target,
            "measure": measure,
            "origins_from": since,
            "forecasts": count,
            "horizons": f"1-{min(HEADLINE_HORIZONS, self.horizons)}",
            "mape": mean,
            "best_register_model": register,
            "best_benchmark": benchmark,
            "calibrated_at_least_as_good": bool(mean["calibrated"] <= mean[benchmark] + 1e-12),
        }

    def to_dict(self) -> dict:
        return json_ready(
            {
                "scenario": self.scenario,
                "horizons": self.horizons,
                "models": list(MODELS),
                "current_method_from": self.current_from,
                "scores": {t: {m: self.scores(t, m) for m in MEASURES} for t in self.targets},
                "scores_current_method": {
                    t: {m: self.scores(t, m, self.current_from) for m in MEASURES} for t in self.targets
                },
                "headline": {t: self.headline(t) for t in self.targets},
                "headline_current_method": {
                    t: self.headline(t, since=self.current_from) for t in self.targets
                },
                "removal_rates": {seg: {str(o): v for o, v in by.items()} for seg, by in self.rates.items()},
                "observed": self.observed,
            }
        )


def _trend_forecasts(years, values, basis, o_index: int, horizons: list[int]) -> dict[str, np.ndarray] | None:
    """Random walk with drift and log-linear trend from the history up to ``o_index``.

    Both use the latest single-basis year-on-year changes up to the origin, from whichever basis
    (a change across a break is a change of definition and is skipped), so they can forecast
    from the first year of a basis too: the drift is the mean of the last three changes, the
    trend the mean growth rate of the last four, compounded from the origin's value.
    """
    pairs = single_basis_pairs(basis, values)
    steps = [t for t in range(1, o_index + 1) if pairs[t] and years[t] - years[t - 1] == 1]
    recent = steps[-TREND_POINTS + 1 :]
    if not steps or values[o_index] <= 0 or np.any(values[[t - 1 for t in recent]] <= 0):
        return None
    drift = float(np.mean([values[t] - values[t - 1] for t in steps[-DRIFT_CHANGES:]]))
    growth = float(np.mean([np.log(values[t] / values[t - 1]) for t in recent]))
    h = np.asarray(horizons, dtype=float)
    return {
        "random_walk_drift": values[o_index] + drift * h,
        "log_linear_trend": values[o_index] * np.exp(growth * h),
    }


def backtest(
    scenario="baseline",
    *,
    horizons: int = 10,
    data_dir=None,
    origins_from: int | None = None,
    targets: tuple[str, ...] | None = None,
) -> Backtest:
    """Rolling-origin hindcasts for the fleets in :data:`TARGETS` (see the module docs).

    ``scenario`` (a name, file or object) gives the segments, lifetimes and register settings;
    its base year is the last year of history used. ``origins_from`` skips earlier origins and
    ``targets`` keeps some of the fleets (both only to save time).
    """
    from motorisasi.data.store import series_values
    from motorisasi.scenario.register import RegisterError, calibrate
    from motorisasi.scenario.schema import Scenario, ScenarioError, load_scenario
    from motorisasi.scenario.steps.fleet import segment_history
    from motorisasi.scenario.steps.inputs import _Sources, _where, resolve_base

    if not 1 <= horizons <= 30:
        raise BacktestError(code="scenario.cv.horizons", got=horizons)
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    try:
        sc = resolve_base(sc, data_dir)
    except ScenarioError as exc:
        raise BacktestError(code="at", where=_where(sc), problem=exc) from None
    scored = targets_for(sc.segments)
    wanted = {t: scored.get(t, TARGETS[t]) for t in (targets or tuple(scored))}
    missing = sorted({s for segs in wanted.values() for s in segs} - set(sc.segments))
    if missing:
        raise BacktestError(
            code="scenario.backtest.needs_segments", name=sc.name, segments=", ".join(missing)
        )
    sources = _Sources()
    past = {}
    for name in sorted({s for segs in wanted.values() for s in segs}):
        try:
            past[name] = segment_history(name, sc.segments[name], sc, sources, data_dir)
        except ScenarioError as exc:
            raise BacktestError(code="at", where=_where(sc), problem=exc) from None
    # The segments of one fleet must share their years (a sum); fleets may start apart.
    for segs in wanted.values():
        first = past[segs[0]].history.years
        for name in segs[1:]:
            if not np.array_equal(past[name].history.years, first):
                raise BacktestError(code="scenario.backtest.start_apart", segment=name)
    pop_series = series_values(sc.drivers.population_series, sc.country, data_dir=data_dir)

    def people(years) -> np.ndarray:
        return np.array([pop_series.at(int(y)) if int(y) in pop_series.years else np.nan for y in years])

    # Per segment and origin: the register forecast of every register model (and the interval).
    early: set[int] = set()
    froms = [sc.segments[s].register_removal.fit_from for s in past]
    result = Backtest(
        scenario=sc.name,
        horizons=horizons,
        current_from=max(froms) if all(f is not None for f in froms) else None,
        targets=wanted,
    )
    seg_fc: dict[tuple[str, int], dict[str, np.ndarray]] = {}
    for name, p in past.items():
        h = p.history
        left = np.asarray(p.spun.left_use, dtype=float).copy()
        left[0] = 0.0
        spec = sc.segments[name].register_removal
        result.rates[name] = {}
        years = h.years
        for i in range(1, len(years) - 1):
            if not np.isfinite(h.observed[i]) or (origins_from is not None and years[i] < origins_from):
                continue
            try:
                fit = calibrate(h, p.spun.in_use, left, fit_from=spec.fit_from, upto=int(years[i])).fit
            except RegisterError:
                # Too few changes since fit_from at this origin: every earlier change is used, and
                # the origin is not counted as one on the current method.
                try:
                    fit = calibrate(
                        h, p.spun.in_use, left, fit_from=spec.fit_from, upto=int(years[i]), fallback=True
                    ).fit
                except RegisterError:
                    continue
                early.add(int(years[i]))
            assert fit is not None
            result.rates[name][int(years[i])] = [fit.rate, fit.low, fit.high]
            out = {}
            for label, rate in (
                ("calibrated", fit.rate),
                ("low", fit.low),
                ("high", fit.high),
                ("no_removals", 0.0),
                ("in_use", 1.0),
            ):
                _, removals = unremoved_pool(left, rate)
                flows = np.cumsum(h.sales[i + 1 :] - removals[i + 1 :])
                out[label] = h.observed[i] + flows
            seg_fc[(name, i)] = out

    for target, segs in wanted.items():
        years = past[segs[0]].history.years
        n, pop = len(years), people(years)
        observed = sum(past[s].history.observed for s in segs)
        basis = past[segs[0]].history.basis.copy()
        for s in segs[1:]:
            basis = np.where(past[s].history.basis == basis, basis, np.nan)
        result.observed[target] = {
            "years": [int(y) for y in years],
            "registered": [float(v) for v in observed],
            "per_1000": [float(v) for v in 1000 * observed / pop],
            "basis": [float(v) for v in basis],
        }
        for i in range(1, n - 1):
            if not (np.isfinite(observed[i]) and np.isfinite(basis[i])):
                continue
            ahead = [
                k
                for k in range(1, horizons + 1)
                if i + k < n and basis[i + k] == basis[i] and np.isfinite(observed[i + k])
            ]
            if not ahead or any((s, i) not in seg_fc for s in segs):
                continue
            register = {
                m: sum(seg_fc[(s, i)][m] for s in segs)
                for m in ("calibrated", "low", "high", "no_removals", "in_use")
            }
            trends = {
                "registered": _trend_forecasts(years, observed, basis, i, ahead),
                "per_1000": _trend_forecasts(years, 1000 * observed / pop, basis, i, ahead),
            }
            if trends["registered"] is None or trends["per_1000"] is None:
                continue
            for j, k in enumerate(ahead):
                for measure in MEASURES:
                    scale = 1000 / pop[i + k] if measure == "per_1000" else 1.0
                    truth = observed[i + k] * scale
                    lo, hi = sorted((register["low"][k - 1], register["high"][k - 1]))
                    for model in REGISTER_MODELS:
                        value = register[model][k - 1] * scale
                        band = (
                            min(lo, register["calibrated"][k - 1]) * scale,
                            max(hi, register["calibrated"][k - 1]) * scale,
                        )
                        result.forecasts.append(
                            Forecast(
                                target,
                                measure,
                                model,
                                int(years[i]),
                                k,
                                float(value),
                                float(truth),
                                *(band if model == "calibrated" else (float("nan"), float("nan"))),
                            )
                        )
                    for model in BENCHMARKS:
                        result.forecasts.append(
                            Forecast(
                                target,
                                measure,
                                model,
                                int(years[i]),
                                k,
                                float(trends[measure][model][j]),
                                float(truth),
                            )
                        )
    froms = [sc.segments[s].register_removal.fit_from for s in past]
    if all(f is not None for f in froms):
        # The first origin from which every segment's rate is fitted on its calibration window alone.
        every = sorted({int(y) for p in past.values() for y in p.history.years})
        later = [y for y in every if y >= max(froms) and y not in early]
        result.current_from = min(later) if later else None
    if not result.forecasts:
        raise BacktestError(code="scenario.backtest.no_same_basis", name=sc.name)
    return result
