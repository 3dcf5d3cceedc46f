"""How well the provincial allocations forecast the provincial register, out of sample.

From each origin year of the provincial register on today's boundaries (2023 on), every
allocation of :data:`motorisasi.scenario.steps.regions.ALLOCATIONS` shares out the *observed*
national register of each later year (so only the allocation is scored, not the national
model), with the scenario's ceilings and weights; the forecast is compared with the observed
provincial register. Scores per segment and horizon: the mean absolute percentage error of the
provinces' registers and the mean absolute error of their shares (percentage points).
``same_shares`` and ``same_ownership`` are the naive benchmarks.

On 34 provinces by default: on 38, the register before 2025 exists only as the 34-province
values of Papua and Papua Barat split by their 2025 shares, which would leak the outcome into
the origin. Income is the latest GRDP per capita in the data (2024), which may be after an origin.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from motorisasi.scenario.regions import region_data
from motorisasi.scenario.schema import Scenario, ScenarioError, load_scenario, with_regions


@dataclass(frozen=True)
class RegionsBacktest:
    """Scores by model, segment and horizon (years ahead), with the forecasts behind them."""

    region_set: str
    origins: list[int]
    models: list[str]
    segments: list[str]
    #: model -> segment -> horizon -> value
    mape: dict[str, dict[str, dict[int, float]]]
    share_error: dict[str, dict[str, dict[int, float]]]
    n: dict[int, int]  # forecasts (origins) per horizon

    def to_dict(self) -> dict:
        return asdict(self)

    def best(self, segment: str, horizon: int) -> str:
        """The model with the lowest MAPE for ``segment`` at ``horizon``."""
        return min(self.models, key=lambda m: self.mape[m][segment][horizon])


def regions_backtest(
    scenario: Scenario | str = "baseline",
    region_set: str = "provinces-34",
    data_dir: str | Path | None = None,
) -> RegionsBacktest:
    """Score every allocation on the provincial register's history (see the module's notes)."""
    from motorisasi.data.store import series_values
    from motorisasi.scenario.steps.regions import (
        ALLOCATIONS,
        ceiling_of,
        observed_register,
        register_shares,
    )

    sc = with_regions(scenario if isinstance(scenario, Scenario) else load_scenario(scenario), region_set)
    spec = sc.regions
    assert spec is not None
    data = region_data(region_set, sc.country, data_dir)
    segments = list(sc.segments)
    observed = observed_register(data, {n: tuple(sc.segments[n].stock_series) for n in segments})
    years = data.register_years
    if len(years) < 2:
        raise ScenarioError(code="scenario.regions.one_year")
    population = series_values(sc.drivers.population_series, sc.country, data_dir=data_dir)
    saturation = np.array([ceiling_of(sc, n) for n in segments])
    models = list(ALLOCATIONS)
    errors: dict[str, dict[str, dict[int, list[float]]]] = {m: {s: {} for s in segments} for m in models}
    shares: dict[str, dict[str, dict[int, list[float]]]] = {m: {s: {} for s in segments} for m in models}
    for origin in years[:-1]:
        yrs = years[years >= origin]
        national = observed[:, :, yrs - years[0]].sum(axis=0)  # (S, T): the observed national register
        pop = np.array([population.at(int(y)) for y in yrs])
        for model in models:
            share, _ = register_shares(
                data,
                observed,
                yrs,
                int(origin),
                pop,
                national,
                saturation,
                spec.income_weight,
                spec.density_weight,
                segments,
                model,
            )
            for j, year in enumerate(yrs[1:], start=1):
                horizon = int(year - origin)
                actual = observed[:, :, year - years[0]]  # (R, S)
                forecast = share[:, :, j] * national[:, j]
                for k, name in enumerate(segments):
                    ape = np.abs(forecast[:, k] - actual[:, k]) / actual[:, k]
                    errors[model][name].setdefault(horizon, []).append(float(100 * np.mean(ape)))
                    gap = np.abs(share[:, k, j] - actual[:, k] / actual[:, k].sum())
                    shares[model][name].setdefault(horizon, []).append(float(100 * np.mean(gap)))
    horizons = sorted({h for m in errors.values() for s in m.values() for h in s})
    n = {h: len(errors[models[0]][segments[0]][h]) for h in horizons}

    def mean(table):
        return {
            m: {s: {h: float(np.mean(v)) for h, v in by.items()} for s, by in seg.items()}
            for m, seg in table.items()
        }

    return RegionsBacktest(
        region_set=region_set,
        origins=[int(y) for y in years[:-1]],
        models=models,
        segments=segments,
        mape=mean(errors),
        share_error=mean(shares),
        n=n,
    )
