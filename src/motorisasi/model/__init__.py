"""Pure numerical models, one concern per module.

- :mod:`motorisasi.model.survival` — lifetime distributions and survival curves;
- :mod:`motorisasi.model.stock` — vintage stock turnover (inflow- and stock-driven).
"""

from motorisasi.model.stock import StockResult, inflow_driven, stock_driven
from motorisasi.model.survival import DISTRIBUTIONS, ENTRY_OFFSETS, survival_curve

__all__ = [
    "DISTRIBUTIONS",
    "ENTRY_OFFSETS",
    "StockResult",
    "inflow_driven",
    "stock_driven",
    "survival_curve",
]
