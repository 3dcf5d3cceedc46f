"""motorisasi: a scenario model of a country's road-vehicle market and fleet.

The package is laid out in the order data flows through it:

- :mod:`motorisasi.data` — embedded data and their loader;
- :mod:`motorisasi.model` — pure numerical models (survival curves, stock turnover, ...);
- :mod:`motorisasi.scenario` — scenario files and the pipeline that runs them;
- :mod:`motorisasi.outputs` — the command line, exports, charts and reports.
"""

from __future__ import annotations

# The single place the version is set; pyproject.toml reads it from here.
__version__ = "0.1.0"

__all__ = ["__version__"]
