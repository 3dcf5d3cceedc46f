"""Argument checks shared by the model functions."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError


def non_negative(name: str, value: ArrayLike) -> NDArray[np.float64]:
    """``value`` as a float array, refused unless every element is finite and >= 0.

    >>> non_negative("km", [0, 2]).tolist()
    [0.0, 2.0]
    """
    arr = np.asarray(value, dtype=float)
    # Two reductions without temporaries: NaN or +inf shows in the maximum, -inf in the minimum.
    if arr.size and not (np.isfinite(arr.max()) and arr.min() >= 0):
        raise ParameterError(f"{name} must be finite and >= 0")
    return arr
