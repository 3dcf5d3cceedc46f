"""Ownership projected for any country with an income path: the fitted model or the rule.

A country in the fitted panel keeps its own parameters. Any other country with GDP per capita
in the data (or a ``--data`` folder) gets the rule of
:func:`motorisasi.model.ownership_fit.new_country`: the saturation level of the panel, shifted
by its characteristics when the fit has them, and an income response fitted to its own
observed years when it has at least two consecutive ones, else the panel's median. The path
starts from the country's latest observed ownership; without any, it is the long-run curve
(ownership in equilibrium with income, which a growing market lags).

The range is the 5th-95th percentile over draws of the fitted parameters (Krinsky-Robb, as in
:func:`~motorisasi.model.ownership_fit.parameter_draws`); under the panel rule each draw also
takes the income response of a randomly chosen panel country, so the spread between countries
enters. Income itself is a given path (observed, then constant growth), not a draw.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from motorisasi.data.schema import YEAR_MAX
from motorisasi.errors import MotorisasiError
from motorisasi.model.checks import shown
from motorisasi.model.ownership import gompertz
from motorisasi.model.ownership_fit import (
    new_country,
    own_beta,
    parameter_draws,
    saturation_draws,
    simulate,
    simulate_draws,
)
from motorisasi.scenario.ownership_histories import (
    DEFAULT_PANEL,
    INCOME_SERIES,
    HistoryError,
    characteristics,
    first_series,
    fit_panel,
)

#: Years of observed income whose mean growth carries the path on when no growth is given.
RECENT_YEARS = 10
DRAWS = 1000


@dataclass(frozen=True)
class OwnershipProjection:
    """Ownership per 1,000 by year with its 90 % range, and where each parameter came from."""

    country: str
    definition: str
    years: np.ndarray
    income: np.ndarray  # thousand constant 2021 $ (PPP) per person
    income_observed_to: int
    growth: float  # income growth after the data, per year
    growth_source: str  # "given" or "recent" (mean of the last RECENT_YEARS observed years)
    central: np.ndarray
    low: np.ndarray
    high: np.ndarray
    start: tuple[int, float] | None  # latest observed ownership; None: the long-run curve
    panel: tuple[str, ...]
    saturation: float
    saturation_source: str  # "fit" (a panel country), "panel" or "characteristics"
    beta: float
    beta_source: str  # "fit", "own" or "panel"
    beta_range: tuple[float, float]
    draws: int
    characteristics: dict[str, float]

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "definition": self.definition,
            "years": self.years.tolist(),
            "income": (1000 * self.income).tolist(),
            "income_unit": "constant 2021 international $ per person (PPP)",
            "income_observed_to": self.income_observed_to,
            "growth": self.growth,
            "growth_source": self.growth_source,
            "ownership": self.central.tolist(),
            "low": self.low.tolist(),
            "high": self.high.tolist(),
            "range": "5th-95th percentile over parameter draws",
            "start": list(self.start) if self.start else None,
            "panel": list(self.panel),
            "saturation": self.saturation,
            "saturation_source": self.saturation_source,
            "beta": self.beta,
            "beta_source": self.beta_source,
            "beta_range": list(self.beta_range),
            "draws": self.draws,
            "characteristics": self.characteristics,
        }


def project_ownership(
    country: str,
    to: int,
    *,
    growth: float | None = None,
    definition: str = "four_wheel",
    panel: tuple[str, ...] = DEFAULT_PANEL,
    with_characteristics: tuple[str, ...] = (),
    draws: int = DRAWS,
    seed: int = 0,
    data_dir: str | Path | None = None,
) -> OwnershipProjection:
    """Project ``country``'s ownership to ``to`` (see the module docs)."""

    try:
        gdp, _ = first_series(INCOME_SERIES, country, data_dir)
    except MotorisasiError as exc:
        raise HistoryError(code="at", where="country", problem=exc) from None
    known = {int(y): float(v) / 1000.0 for y, v in zip(gdp.years, gdp.values, strict=True)}
    last = max(known)
    if to <= last:
        raise HistoryError(code="scenario.projection.to_not_after", to=to, last=last)
    if to > YEAR_MAX:
        raise HistoryError(code="scenario.projection.to_after_max", to=to, last=YEAR_MAX)
    if not panel:
        raise HistoryError(code="scenario.projection.no_panel")
    if growth is None:
        span = [y for y in range(last - RECENT_YEARS, last + 1) if y in known]
        if len(span) < 3:
            raise HistoryError(code="scenario.projection.few_recent", country=country)
        growth = float(np.exp(np.log(known[span[-1]] / known[span[0]]) / (span[-1] - span[0])) - 1)
        source = "recent"
    else:
        source = "given"
    if not -0.5 < growth < 1.0:
        raise HistoryError(code="scenario.projection.growth_range", growth=shown(100 * growth))

    from motorisasi.scenario.ownership_histories import ownership_history

    try:
        history, _ = ownership_history(country, definition, data_dir)
    except HistoryError:
        history = None
    names = tuple(dict.fromkeys(with_characteristics))
    everyone = tuple(dict.fromkeys((*panel, country)))
    covariates = characteristics(everyone, names, data_dir=data_dir) if names else None
    options = {"covariates": {k: {c: v[c] for c in panel} for k, v in covariates.items()}} if names else {}
    fit, _ = fit_panel(panel, definition, data_dir=data_dir, **options)
    values = {k: v[country] for k, v in covariates.items()} if covariates else {}

    first = int(history.years[-1]) if history is not None else last
    years = np.arange(first, to + 1)
    income = np.array([known[y] if y in known and y <= last else np.nan for y in years])
    observed = np.isfinite(income)
    if not observed[0]:
        raise HistoryError(code="scenario.projection.no_income", country=country, year=first)
    tail = years > last
    income[tail] = known[last] * (1 + growth) ** (years[tail] - last)
    gaps = ~np.isfinite(income)
    income[gaps] = np.interp(years[gaps], years[~gaps], income[~gaps])

    sample = parameter_draws(fit, draws, seed=seed)
    sat_draws = saturation_draws(fit, sample, values)
    rng = np.random.default_rng(seed + 1)
    if country in fit.countries:
        saturation, beta, beta_source = fit.saturation(country), fit.beta(country), "fit"
        beta_draws = sample[f"beta[{country}]"] if f"beta[{country}]" in sample else sample["beta"]
        saturation_source, span = "fit", (beta, beta)
    else:
        grid_years, grid_income, grid_own = _grid(history, known)
        rule = new_country(fit, values or None, grid_income, grid_own)
        saturation, beta, beta_source, span = rule.saturation, rule.beta, rule.beta_source, rule.beta_range
        saturation_source = "characteristics" if fit.covariates else "panel"
        if beta_source == "own":
            beta_draws = np.array(
                [
                    own_beta(_at(fit, sample, i), grid_income, grid_own, len(grid_years) - 1, sat_draws[i])
                    for i in range(draws)
                ]
            )
        else:
            keys = [f"beta[{c}]" for c in fit.countries if f"beta[{c}]" in sample] or ["beta"]
            pick = rng.integers(len(keys), size=draws)
            beta_draws = np.stack([sample[k] for k in keys])[pick, np.arange(draws)]
    if history is not None:
        start = (first, float(history.ownership[-1]))
        central = simulate(fit, None, income, start[1], beta=beta, saturation=saturation)
        paths = simulate_draws(fit, sample, income, start[1], beta=beta_draws, saturation=sat_draws)
    else:
        start = None
        central = gompertz(income, saturation, fit.value("alpha"), beta)
        paths = gompertz(income[None, :], sat_draws[:, None], sample["alpha"][:, None], beta_draws[:, None])
    low, high = np.percentile(paths, [5, 95], axis=0)
    return OwnershipProjection(
        country=country,
        definition=definition,
        years=years,
        income=income,
        income_observed_to=last,
        growth=growth,
        growth_source=source,
        central=np.asarray(central, dtype=float),
        low=low,
        high=high,
        start=start,
        panel=tuple(fit.countries),
        saturation=float(saturation),
        saturation_source=saturation_source,
        beta=float(beta),
        beta_source=beta_source,
        beta_range=(float(span[0]), float(span[1])),
        draws=draws,
        characteristics=values,
    )


def _grid(history, known: dict[int, float]):
    """Yearly grid of the country's observed years (NaN where not observed); empty without history."""
    if history is None:
        return np.zeros(0, dtype=int), np.zeros(0), np.zeros(0)
    from motorisasi.scenario.ownership_cv import history_grid

    return history_grid(history, known)


def _at(fit, sample: dict[str, np.ndarray], i: int):
    """The fit with draw ``i``'s parameters (for refitting a country's own income response)."""
    return replace(fit, params={**fit.params, **{k: float(sample[k][i]) for k in fit.params}})
