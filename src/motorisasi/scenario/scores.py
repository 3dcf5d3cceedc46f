"""Forecast errors by horizon, one table per model, for every backtest and cross-validation.

A forecast is anything with ``horizon``, ``forecast`` and ``observed``. The measures are the
usual ones (Hyndman and Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.,
sec. 5.8): mean absolute (percentage) error and bias, the mean signed error (positive = too high).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np


def _errors(cases: Sequence) -> np.ndarray:
    return np.array([c.forecast - c.observed for c in cases], dtype=float)


def _percent(cases: Sequence) -> np.ndarray:
    return np.array([100 * (c.forecast - c.observed) / c.observed for c in cases], dtype=float)


#: Errors in percent of the observed value.
PERCENT: dict[str, Callable[[Sequence], float]] = {
    "mape": lambda cases: float(np.mean(np.abs(_percent(cases)))),
    "bias": lambda cases: float(np.mean(_percent(cases))),
}
#: Errors in the forecast's own unit.
ABSOLUTE: dict[str, Callable[[Sequence], float]] = {
    "mae": lambda cases: float(np.mean(np.abs(_errors(cases)))),
    "bias": lambda cases: float(np.mean(_errors(cases))),
}


def by_horizon(
    forecasts: Iterable, horizons: int, measures: Mapping[str, Callable[[Sequence], float]]
) -> dict[str, list[float]]:
    """``horizon``, ``n`` and each measure for horizons 1..``horizons`` that have forecasts.

    >>> from types import SimpleNamespace as F
    >>> cases = [F(horizon=1, forecast=110.0, observed=100.0), F(horizon=1, forecast=90.0, observed=100.0)]
    >>> by_horizon(cases, 2, PERCENT)
    {'horizon': [1], 'n': [2], 'mape': [10.0], 'bias': [0.0]}
    """
    cases = list(forecasts)
    table: dict[str, list[float]] = {"horizon": [], "n": [], **{k: [] for k in measures}}
    for h in range(1, horizons + 1):
        mine = [c for c in cases if c.horizon == h]
        if not mine:
            continue
        table["horizon"].append(h)
        table["n"].append(len(mine))
        for name, measure in measures.items():
            table[name].append(measure(mine))
    return table


def over_horizons(forecasts: Iterable, up_to: int, measure: Callable[[Sequence], float]) -> float:
    """``measure`` over all forecasts up to horizon ``up_to`` together (NaN without any): the
    headline error of a model."""
    cases = [c for c in forecasts if c.horizon <= up_to]
    return measure(cases) if cases else float("nan")


def lowest(models: Iterable[str], errors: Mapping[str, float]) -> str:
    """The model with the lowest error (the first of equals; NaN counts as no score)."""
    return min(models, key=lambda m: np.nan_to_num(errors[m], nan=np.inf))
