"""Out-of-sample skill of the ownership model: multi-step errors, rolling origins, held-out countries.

Three measures, each on observed years only (filled and basis-adjusted years are left out,
:data:`motorisasi.scenario.ownership_histories.NOT_OBSERVED`):

``multi_step``
    the fitted model simulated from each country's first year with its actual income, every
    later year from the *simulated* year before: in sample, but it shows drift that the
    one-step fit statistics hide.
``rolling``
    rolling origin: the panel is refitted on every country's data up to the origin ``o`` only;
    each country is simulated ``h`` years ahead from its observed ``V_o`` with its actual income.
``loco``
    leave one country out: the panel is fitted without the country; its income response is the
    median of the other countries', and it is simulated from each of its observed years ``h``
    years ahead;
``loco_own_beta``
    as ``loco``, but the country's income response is fitted to its own observed years up to the
    origin (one-step least squares, at least two year-on-year pairs) with saturation, ``alpha``
    and the adjustment speed of the other countries: the rule for a country outside the panel
    that has a few years of data.

The forecasts are conditional on the actual income after the origin (as a scenario is on its
income path); with ``income="extrapolated"`` they are ex ante: income after the origin carried
on at its growth over the last three years. Leave-one-country-out fits use the other
countries' whole histories (only the held-out country's later years are unseen). The three
evaluations score different sets of cases (each compares the model and the benchmarks on the
same ones).

Benchmarks at the same origins and horizons (Hyndman and Athanasopoulos, *Forecasting:
Principles and Practice*, 3rd ed., secs. 5.2 and 5.10): last value plus the mean of the last
three year-on-year changes (``random_walk_drift``) and the mean growth of the last four
(``log_linear_trend``), from the country's own observed history up to the origin.
Errors are in vehicles per 1,000: mean absolute error (MAE) and bias (mean signed error,
positive = too high).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model.ownership_fit import CountryHistory, OwnershipFit, fit_ownership, own_beta, simulate
from motorisasi.scenario.backtest import _trend_forecasts

EVALUATIONS = ("rolling", "loco", "loco_own_beta")
MODELS = ("ownership_model", "random_walk_drift", "log_linear_trend")
BENCHMARKS = MODELS[1:]
MIN_FIT_YEARS = 5  # a country enters a rolling-origin fit with at least this many observed years
HEADLINE_HORIZONS = 5


@dataclass
class Forecast:
    evaluation: str
    country: str
    model: str
    origin: int
    horizon: int
    forecast: float
    observed: float

    @property
    def error(self) -> float:
        return self.forecast - self.observed


@dataclass
class CrossValidation:
    countries: tuple[str, ...]
    definition: str
    horizons: int
    income: str = "actual"  # the income after each origin: actual (conditional) or extrapolated (ex ante)
    forecasts: list[Forecast] = field(default_factory=list)
    multi_step: dict[str, dict[str, float]] = field(default_factory=dict)  # country -> mae, bias, rmse
    one_step: dict[str, float] = field(default_factory=dict)  # country -> rmse
    skipped: dict[str, str] = field(default_factory=dict)  # "loco:JPN" -> reason

    def scores(self, evaluation: str, country: str | None = None) -> dict[str, dict[str, list[float]]]:
        """Per model: horizon, n, mae, bias (on the cases every model forecasts)."""
        from motorisasi.scenario.scores import ABSOLUTE, by_horizon

        return {
            model: by_horizon(
                (
                    f
                    for f in self.forecasts
                    if (f.evaluation, f.model) == (evaluation, model)
                    and (country is None or f.country == country)
                ),
                self.horizons,
                ABSOLUTE,
            )
            for model in MODELS
        }

    def headline(self, evaluation: str, country: str | None = None) -> dict[str, object]:
        """MAE over horizons 1-5 per model, and whether the model is as good as the best benchmark."""
        from motorisasi.scenario.scores import ABSOLUTE, lowest, over_horizons

        mae = {
            model: over_horizons(
                (
                    f
                    for f in self.forecasts
                    if (f.evaluation, f.model) == (evaluation, model)
                    and (country is None or f.country == country)
                ),
                HEADLINE_HORIZONS,
                ABSOLUTE["mae"],
            )
            for model in MODELS
        }
        best = lowest(BENCHMARKS, mae)
        return {
            "evaluation": evaluation,
            "country": country,
            "horizons": f"1-{min(HEADLINE_HORIZONS, self.horizons)}",
            "mae": mae,
            "best_benchmark": best,
            "model_at_least_as_good": bool(mae["ownership_model"] <= mae[best] + 1e-12),
        }

    def to_dict(self) -> dict:
        from motorisasi.scenario.gap import json_ready

        return json_ready(
            {
                "countries": list(self.countries),
                "definition": self.definition,
                "horizons": self.horizons,
                "income_after_origin": self.income,
                "one_step_rmse": self.one_step,
                "multi_step": self.multi_step,
                "scores": {e: self.scores(e) for e in EVALUATIONS},
                "headline": {e: self.headline(e) for e in EVALUATIONS},
                "by_country": {e: {c: self.headline(e, c) for c in self.countries} for e in EVALUATIONS},
                "skipped": self.skipped,
            }
        )


def history_grid(h: CountryHistory, income: dict[int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Years first..last with income (all years the data give it) and ownership (NaN where left out)."""
    years = np.arange(int(h.years[0]), int(h.years[-1]) + 1)
    inc = np.array([income.get(int(y), np.nan) for y in years])
    own = np.full(len(years), np.nan)
    inc[h.years - years[0]] = h.income
    own[h.years - years[0]] = h.ownership
    return years, inc, own


def substitute_grid(h: CountryHistory, years: np.ndarray) -> np.ndarray | None:
    """The substitute's ownership on the grid ``years`` (None without one); a year between two
    observed ones is bridged linearly, as the simulation needs every year."""
    if h.substitute is None:
        return None
    return np.interp(years, h.years, h.substitute)


def _truncate(h: CountryHistory, last: int) -> CountryHistory | None:
    keep = h.years <= last
    if keep.sum() < MIN_FIT_YEARS:
        return None
    sub = None if h.substitute is None else h.substitute[keep]
    return CountryHistory(h.years[keep], h.income[keep], h.ownership[keep], sub)


def _forecast_country(
    result: CrossValidation,
    evaluation,
    country,
    fit,
    h,
    income,
    origins,
    horizons,
    beta=None,
    saturation=None,
) -> None:
    years, inc, own = history_grid(h, income)
    sub = substitute_grid(h, years)
    flat = np.zeros(len(years))
    for o in origins:
        i = int(o - years[0])
        if i < 0 or i >= len(years) or not np.isfinite(own[i]):
            continue
        b = beta(inc, own, i) if callable(beta) else beta
        if callable(beta) and b is None:
            continue
        ahead = [k for k in range(1, horizons + 1) if i + k < len(years) and np.isfinite(own[i + k])]
        if not ahead:
            continue
        span = inc[i : i + max(ahead) + 1]
        if not np.all(np.isfinite(span)):
            continue
        if result.income == "extrapolated":
            # Ex ante: income after the origin unknown too, carried on at its last three years' growth.
            steps = [
                np.log(inc[t] / inc[t - 1]) for t in range(max(i - 2, 1), i + 1) if np.isfinite(inc[t - 1])
            ]
            if not steps:
                continue
            span = inc[i] * np.exp(float(np.mean(steps)) * np.arange(len(span)))
        path = simulate(
            fit,
            country if b is None else None,
            span,
            float(own[i]),
            beta=b,
            saturation=saturation,
            substitute=None if sub is None else sub[i : i + len(span)],
        )
        trends = _trend_forecasts(years, own, flat, i, ahead)
        if trends is None:
            continue
        for j, k in enumerate(ahead):
            truth = float(own[i + k])
            result.forecasts.append(
                Forecast(evaluation, country, "ownership_model", int(o), k, float(path[k]), truth)
            )
            for name in BENCHMARKS:
                result.forecasts.append(
                    Forecast(evaluation, country, name, int(o), k, float(trends[name][j]), truth)
                )


def panel_incomes(countries, data_dir) -> dict[str, dict[int, float]]:
    """Income of every year the data give, also those whose ownership is left out (thousand $)."""
    from motorisasi.scenario.ownership_histories import INCOME_SERIES, first_series

    out = {}
    for c in countries:
        values, _ = first_series(INCOME_SERIES, c, data_dir)
        out[c] = {int(y): float(v) / 1000.0 for y, v in zip(values.years, values.values, strict=True)}
    return out


def multi_step_errors(fit, histories: dict[str, CountryHistory], incomes) -> dict[str, dict]:
    """Per country: the fit simulated from its first year with the actual income, against the data."""
    out = {}
    for c, h in histories.items():
        years, inc, own = history_grid(h, incomes[c])
        known = np.isfinite(inc)  # a year the data lack is bridged linearly
        g = np.interp(years, years[known], inc[known])
        path = simulate(fit, c, g, float(own[0]), substitute=substitute_grid(h, years))
        seen = np.isfinite(own)
        err = path[seen][1:] - own[seen][1:]
        out[c] = {
            "mae": float(np.mean(np.abs(err))),
            "bias": float(np.mean(err)),
            "rmse": float(np.sqrt(np.mean(err**2))),
            "one_step_rmse": float(np.sqrt(np.mean(fit.residuals[c] ** 2))),
            "first": int(years[0]),
            "last": int(years[-1]),
        }
    return out


def cross_validate(
    countries: tuple[str, ...],
    definition: str = "four_wheel",
    *,
    horizons: int = 8,
    data_dir=None,
    income: str = "actual",
    **options,
) -> CrossValidation:
    """Multi-step, rolling-origin and leave-one-country-out errors (see the module docs)."""
    from motorisasi.scenario.ownership_histories import panel_histories

    histories, _ = panel_histories(countries, definition, data_dir)
    return validate_histories(
        histories, panel_incomes(countries, data_dir), definition, horizons, income, **options
    )


def validate_histories(
    histories: dict[str, CountryHistory],
    incomes: dict[str, dict[int, float]],
    definition: str = "four_wheel",
    horizons: int = 8,
    income: str = "actual",
    *,
    full: OwnershipFit | None = None,
    **options,
) -> CrossValidation:
    """:func:`cross_validate` on histories given directly (income of every year in ``incomes``);
    ``full`` is the fit to the whole histories with ``options`` when the caller has it already."""
    from motorisasi.model.ownership_fit import IdentificationError

    if not 1 <= horizons <= 30:
        raise MotorisasiError(code="scenario.cv.horizons", got=horizons)
    if income not in ("actual", "extrapolated"):
        raise MotorisasiError(code="scenario.cv.income", income=income)
    countries = tuple(histories)
    full = full if full is not None else fit_ownership(histories, **options)
    result = CrossValidation(countries, definition, horizons, income)
    result.multi_step = multi_step_errors(full, histories, incomes)
    result.one_step = {c: v["one_step_rmse"] for c, v in result.multi_step.items()}

    # Rolling origin: the panel refitted on the data up to each origin.
    first = min(int(h.years[0]) for h in histories.values())
    last = max(int(h.years[-1]) for h in histories.values())
    for o in range(first + MIN_FIT_YEARS - 1, last):
        part = {c: t for c, h in histories.items() if (t := _truncate(h, o)) is not None}
        if not part:
            continue
        try:
            fit = fit_ownership(part, **options)
        except MotorisasiError as exc:
            result.skipped[f"rolling:{o}"] = str(exc)
            continue
        for c in part:
            _forecast_country(result, "rolling", c, fit, histories[c], incomes[c], [o], horizons)

    # Leave one country out: shared parameters from the others, the median of their betas.
    for c in countries:
        others = {k: h for k, h in histories.items() if k != c}
        if not others:
            result.skipped[f"loco:{c}"] = "no other country to fit"
            continue
        try:
            fit = fit_ownership(others, **options)
        except (IdentificationError, MotorisasiError) as exc:
            result.skipped[f"loco:{c}"] = str(exc)
            continue
        betas = [fit.beta(k) for k in others]
        h = histories[c]
        sub = substitute_grid(h, history_grid(h, incomes[c])[0])
        # The held-out country's saturation from its characteristics (the rule for a new country).
        given = options.get("covariates") or {}
        gamma = fit.saturation(values={k: given[k][c] for k in fit.covariates}) if fit.covariates else None
        _forecast_country(
            result,
            "loco",
            c,
            fit,
            h,
            incomes[c],
            range(int(h.years[0]), int(h.years[-1])),
            horizons,
            float(np.median(betas)),
            gamma,
        )
        _forecast_country(
            result,
            "loco_own_beta",
            c,
            fit,
            h,
            incomes[c],
            range(int(h.years[0]), int(h.years[-1])),
            horizons,
            lambda g, v, i, fit=fit, gamma=gamma, sub=sub: own_beta(
                fit, g, v, i, saturation=gamma, substitute=sub
            ),
            gamma,
        )
    return result
