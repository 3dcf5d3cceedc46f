"""Helpers for values that may carry a leading ``draw`` axis (an ensemble) or not (one run).

A scenario's uncertain numbers become arrays of shape ``(draws,)``
(:func:`motorisasi.scenario.uncertainty.with_values`); every step computes with them as with
plain numbers, keeping the draws on the first axis and the years on the last.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def col(value: ArrayLike) -> Array:
    """A number or a ``(draws,)`` array with a trailing axis, to broadcast against years."""
    return np.asarray(value, dtype=float)[..., None]


def path_values(points: Mapping[int, ArrayLike], xs: list[int]) -> Array:
    """The values of a path at its years ``xs``, shape ``(..., len(xs))`` (draws first)."""
    return np.stack(np.broadcast_arrays(*(np.asarray(points[x], dtype=float) for x in xs)), axis=-1)


def cat(*parts: ArrayLike) -> Array:
    """Concatenate along the last axis (years), broadcasting the leading (draw) axes."""
    arrays = [np.asarray(p, dtype=float) for p in parts]
    lead = np.broadcast_shapes(*(a.shape[:-1] for a in arrays))
    return np.concatenate([np.broadcast_to(a, lead + a.shape[-1:]) for a in arrays], axis=-1)


def one_or_draws(value: ArrayLike) -> float | Array:
    """A float for one value, the array for draws."""
    v = np.asarray(value, dtype=float)
    return float(v) if v.ndim == 0 else v


def in_any_draw(mask: ArrayLike) -> NDArray[np.bool_]:
    """Whether a year's flag is set in any draw: ``(..., T)`` -> ``(T,)``."""
    m = np.asarray(mask, dtype=bool)
    return m.reshape(-1, m.shape[-1]).any(axis=0) if m.ndim > 1 else m


def typical(value: ArrayLike) -> float:
    """One number for a value that may vary by draw: itself, or the median of the draws."""
    v = np.asarray(value, dtype=float)
    return float(v) if v.ndim == 0 else float(np.median(v))


def plain(value: ArrayLike) -> float | dict[str, float]:
    """A number for JSON: itself, or for draws their median and 5-95 % range."""
    v = np.asarray(value, dtype=float)
    if v.ndim == 0:
        return float(value)  # type: ignore[arg-type]
    low, median, high = np.quantile(v, [0.05, 0.5, 0.95])
    return {"median": float(median), "p5": float(low), "p95": float(high)}
