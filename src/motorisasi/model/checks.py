"""Argument checks shared by the model functions, and the numbers their errors show."""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError, Said

# The catalogue's key for a number shown as Python shows it with a format: ``r`` (repr), ``.1f``, or
# anything else (``g``, ``.4g``), which is shown as ``{value:g}`` of the number as rounded.
_NUMBER_KEYS = {"r": "model.number.r", ".1f": "model.number.1f"}


def shown(value: object, spec: str = "g") -> Said | str:
    """``value`` as ``format(value, spec)`` (``spec="r"``: its ``repr``) writes it, to be a
    parameter of an error: said by the catalogue (so an Indonesian reader sees 1,5 for 1.5) where
    the catalogue's English is exactly that text, else the text itself (``nan``, ``inf``).

    Only for the error path: it reads the catalogue.

    >>> shown(1.5).text, shown(float("nan")), shown(1e-7).text
    ('1.5', 'nan', '1e-07')
    """
    if spec == "r" and not isinstance(value, float):
        integral = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        return str(int(value)) if integral else repr(value)  # type: ignore[call-overload]
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return repr(value) if spec == "r" else format(value, spec)
    text = repr(number) if spec == "r" else format(number, spec)
    if not math.isfinite(number):
        return text
    key = _NUMBER_KEYS.get(spec, "model.number.g")
    said = Said(key, {"value": number if spec in _NUMBER_KEYS else float(text)}, text)
    from motorisasi.outputs.messages import said as word

    return said if word(said, "en") == text else text


def non_negative(name: str, value: ArrayLike) -> NDArray[np.float64]:
    """``value`` as a float array, refused unless every element is finite and >= 0.

    >>> non_negative("km", [0, 2]).tolist()
    [0.0, 2.0]
    """
    arr = np.asarray(value, dtype=float)
    # Two reductions without temporaries: NaN or +inf shows in the maximum, -inf in the minimum.
    if arr.size and not (np.isfinite(arr.max()) and arr.min() >= 0):
        raise ParameterError(code="model.not_finite_non_negative", name=name)
    return arr
