"""Embedded default data (tidy CSV files with a sources table), their loader and validator.

>>> from motorisasi import data
>>> data.load("four_wheel_registered").attrs["unit"]
'vehicles'

The public functions are imported lazily so that importing :mod:`motorisasi.data.validate`
(or the command line) does not import pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "EMBEDDED",
    "HISTORY_WINDOW",
    "DataError",
    "catalog",
    "load",
    "open_data",
    "ownership_by_definition",
    "sources",
]

_WHERE = {
    "EMBEDDED": "motorisasi.data.store",
    "catalog": "motorisasi.data.store",
    "load": "motorisasi.data.store",
    "open_data": "motorisasi.data.store",
    "sources": "motorisasi.data.store",
    "DataError": "motorisasi.data.validate",
    "HISTORY_WINDOW": "motorisasi.data.schema",
    "ownership_by_definition": "motorisasi.data.definitions",
}

if TYPE_CHECKING:
    from motorisasi.data.definitions import ownership_by_definition
    from motorisasi.data.schema import HISTORY_WINDOW
    from motorisasi.data.store import EMBEDDED, catalog, load, open_data, sources
    from motorisasi.data.validate import DataError


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'motorisasi.data' has no attribute {name!r}")
