"""motorisasi: a scenario model of a country's road-vehicle market and fleet.

The package is laid out in the order data flows through it:

- :mod:`motorisasi.data` — embedded data and their loader;
- :mod:`motorisasi.model` — pure numerical models (survival curves, stock turnover, ...);
- :mod:`motorisasi.scenario` — scenario files and the pipeline that runs them;
- :mod:`motorisasi.outputs` — the command line, exports, charts and reports.

The front door (:mod:`motorisasi.api`), imported only when first used so that the command line
starts fast::

    >>> import motorisasi as m
    >>> ds = m.run("baseline")                       # an xarray.Dataset
    >>> round(float(ds.ownership_per_1000.sel(segment="cars", year=2025)), 1)
    73.2
    >>> answer = m.gap(target=150, by=2030)          # what 150 per 1,000 by 2030 takes
    >>> answer.feasible
    False
    >>> sc = m.load_scenario("target-150")            # a shipped scenario, or a file
    >>> m.data.load("population").attrs["unit"]       # the embedded data
    'persons'
"""

from __future__ import annotations

# The single place the version is set; pyproject.toml reads it from here.
__version__ = "0.1.0"

#: Names of the front door and where they live.
_FRONT = {
    "run": "motorisasi.api",
    "load_scenario": "motorisasi.api",
    "gap": "motorisasi.api",
    "ensemble": "motorisasi.api",
    "fit_ownership": "motorisasi.api",
    "data": None,  # the subpackage itself
}

__all__ = ["__version__", *_FRONT]


def __getattr__(name: str):
    # Imported on first use: ``import motorisasi`` (and ``motorisasi --help``) stays light.
    if name not in _FRONT:
        raise AttributeError(f"module 'motorisasi' has no attribute {name!r}")
    import importlib

    where = _FRONT[name]
    value = (
        importlib.import_module(f"motorisasi.{name}")
        if where is None
        else getattr(importlib.import_module(where), name)
    )
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*(n for n in globals() if n.startswith("__")), *__all__})
