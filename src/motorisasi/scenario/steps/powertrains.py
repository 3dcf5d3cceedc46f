"""The powertrain step: each powertrain's share of new sales by its adoption model.

Each adoption ``type`` of the scenario schema has its model in :data:`ADOPTIONS` (logistic and
Bass curves, share paths, absolute numbers of vehicles), chosen by :func:`share_of_sales`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from motorisasi.model.adoption import absolute_to_share, bass_share, interpolate_path, logistic_share
from motorisasi.scenario.steps.batch import path_values

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
