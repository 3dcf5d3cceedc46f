"""The drivers step: population and GDP per capita by year, from the data and then the scenario's
paths or growth rate (draws first when the growth is drawn)."""

from __future__ import annotations

import numpy as np

from motorisasi.data.schema import MAX_PERSONS
from motorisasi.model.adoption import interpolate_path
from motorisasi.scenario.schema import Scenario
from motorisasi.scenario.steps.batch import cat, col, path_values
from motorisasi.scenario.steps.checks import _require_range
from motorisasi.scenario.steps.inputs import _Sources, _span, _values


def drivers(sc: Scenario, years: np.ndarray, sources: _Sources, data_dir) -> tuple[np.ndarray, np.ndarray]:
    """Population (persons) and GDP per capita (constant 2021 international $, PPP) on ``years``:
    the data to the base year (population) or the last data year (income), then the scenario's
    population path, income path or income growth; each checked against its physical range."""
    population = _values(sc.drivers.population_series, sc.country, sources, data_dir)
    base = sc.years.base
    if sc.drivers.population_path:
        pop = _span(population, int(years[0]), base, "population")
        points = {base: float(pop[-1]), **sc.drivers.population_path}
        xs = sorted(points)
        pop = np.concatenate([pop, interpolate_path(years[years > base], xs, path_values(points, xs))])
    else:
        pop = _span(population, int(years[0]), int(years[-1]), "population")
    income_series = _values(sc.drivers.income_series, sc.country, sources, data_dir)
    last = int(income_series.years.max())
    inc_known = _span(income_series, int(years[0]), min(last, int(years[-1])), "income")
    later = np.arange(last + 1, int(years[-1]) + 1)
    if sc.drivers.income_path:
        points = {last: float(inc_known[-1]), **sc.drivers.income_path}
        xs = sorted(points)
        extension = interpolate_path(later, xs, path_values(points, xs)) if len(later) else np.array([])
    else:
        growth = col(sc.drivers.income_growth_pct) / 100
        extension = inc_known[-1] * (1 + growth) ** np.arange(1, len(later) + 1)
    income = cat(inc_known, extension)[..., : len(years)]
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

    return pop, income
