"""The powertrain step: each powertrain's share of new sales by its adoption model, and the
powertrain mix of the base fleet and of past sales from the sales history by powertrain.

Each adoption ``type`` of the scenario schema has its model in :data:`ADOPTIONS` (logistic and
Bass curves, share paths, absolute numbers of vehicles), chosen by :func:`share_of_sales`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from motorisasi.model.adoption import (
    absolute_to_share,
    bass_share,
    complete_shares,
    interpolate_path,
    logistic_share,
)
from motorisasi.scenario.schema import ScenarioError
from motorisasi.scenario.steps.batch import path_values
from motorisasi.scenario.steps.inputs import _on, _values

#: The model of each adoption type: (spec, years, total sales) -> (share, years over total sales).
ADOPTIONS: dict[str, Callable[[Any, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]] = {}


def _model_of(kind: str):
    def register(func):
        ADOPTIONS[kind] = func
        return func

    return register


def share_of_sales(spec, years: np.ndarray, total_sales: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A powertrain's share of new sales by year, and the years where an absolute target
    exceeds total sales (always False for the share models)."""
    return ADOPTIONS[spec.type](spec, years, total_sales)


def _none(years: np.ndarray) -> np.ndarray:
    return np.zeros(len(years), dtype=bool)


@_model_of("logistic")
def _logistic(spec, years, total_sales):
    share = logistic_share(years, spec.midpoint_year, spec.steepness_per_year, spec.ceiling, spec.floor)
    return share, _none(years)


@_model_of("bass")
def _bass(spec, years, total_sales):
    return bass_share(years, spec.start_year, spec.p, spec.q, spec.ceiling), _none(years)


@_model_of("path")
def _path(spec, years, total_sales):
    xs = sorted(spec.share)
    return interpolate_path(years, xs, path_values(spec.share, xs)), _none(years)


@_model_of("units")
def _units(spec, years, total_sales):
    xs = sorted(spec.units)
    return absolute_to_share(interpolate_path(years, xs, path_values(spec.units, xs)), total_sales)


def sales_shares(seg, years: np.ndarray, total_sales: np.ndarray):
    """The segment's powertrains (the residual first), their shares of new sales ``(..., P, T)``,
    the years where the alternatives were scaled down to fit under one, and the years where an
    absolute target exceeded total sales."""
    names = [seg.residual_powertrain, *seg.powertrains]
    alternatives, over = [], np.zeros(len(years), dtype=bool)
    for pt in seg.powertrains:
        share, above = share_of_sales(seg.powertrains[pt], years, total_sales)
        alternatives.append(share)
        over = over | above
    if alternatives:
        shares, scaled = complete_shares(np.stack(np.broadcast_arrays(*alternatives), axis=-2), axis=-2)
    else:
        shares, scaled = np.ones(total_sales.shape[:-1] + (1, len(years))), np.zeros(len(years), dtype=bool)
    return names, shares, scaled, over


def base_fleet_mix(name, seg, names, n_ages, sales_hist, first, base, country, sources, data_dir):
    """Each powertrain's share of the base fleet by age ``(P, A0)`` from its past sales (the rest
    to the base-fleet powertrain), and the observed past sales: powertrain index -> {year: sales}."""
    mix = np.zeros((len(names), n_ages))
    observed: dict[int, dict[int, float]] = {}
    for i, pt in enumerate(names[1:], start=1):
        ref = seg.history_sales_series.get(pt)
        if not ref:
            continue
        series, _, category = ref.partition("/")
        past = _values(series, country, sources, data_dir, category=category)
        observed[i] = {int(y): float(v) for y, v in zip(past.years, past.values, strict=True)}
        for year, value in zip(past.years, past.values, strict=True):
            a = base - int(year)
            if 0 <= a < n_ages and year >= first:
                total = sales_hist[int(year) - first]
                # A year with no sales at all has no mix to take a share of.
                mix[i, a] = min(1.0, value / total) if total > 0 else 0.0
    rest = 1.0 - mix.sum(axis=0)
    if np.any(rest < -1e-9):
        raise ScenarioError(code="scenario.powertrains.past_exceeds", segment=name)
    mix[names.index(seg.base_fleet_powertrain or seg.residual_powertrain)] += rest
    return mix, observed


def past_sales_by_powertrain(names, observed, mix, sales_hist, first, base, past_years) -> np.ndarray:
    """Past sales by powertrain ``(P, Y)``, in the years every other powertrain's sales were
    observed (NaN in the others)."""
    out = np.full((len(names), len(past_years)), np.nan)
    if len(names) > 1 and len(observed) == len(names) - 1:
        for j, year in enumerate(past_years):
            if year >= first and all(int(year) in observed[i] for i in observed):
                out[:, j] = mix[:, base - int(year)] * sales_hist[int(year) - first]
    elif len(names) == 1:
        out[0] = _on(sales_hist, first, past_years)
    return out
