"""The fleet in use at the base year, rebuilt from the sales history.

The modelled fleet starts from the registered fleet of the year before the sales history
begins, with the age profile of steady past sales, and adds every year's sales; vehicles
leave use by the survival curve. What the register holds beyond this fleet (vehicles out of
use but still registered, and a level that differs between statistical bases) is calibrated
in :mod:`motorisasi.scenario.register`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from motorisasi.errors import MotorisasiError
from motorisasi.model import inflow_driven
from motorisasi.scenario.steps.batch import cat, one_or_draws

#: Ages of the steady-state profile given to the fleet before the sales history.
START_AGES = 100


@dataclass(frozen=True)
class SpinUp:
    """The modelled fleet at the end of the base year."""

    fleet_by_age: NDArray[np.float64]  # [a]: vehicles sold a years before the base year (age 0 = base year)
    modelled: float
    unremoved: float
    first_year: int  # first year of the sales history
    cohort_years: NDArray[np.int64]  # sales year of each entry of fleet_by_age
    in_use: NDArray[np.float64]  # modelled fleet at the end of each year, first_year - 1 .. base
    left_use: NDArray[np.float64]  # vehicles leaving it each year, same years (0 in the first)
    history: object = None  # the stock run over the sales history, by cohort (StockResult)


def spin_up(
    sales: NDArray[np.float64], first_year: int, start_stock: float, registered_base: float, survival: NDArray
) -> SpinUp:
    """Rebuild the fleet at the end of the last year of ``sales`` (years ``first_year`` ...).

    ``start_stock`` is the registered fleet at the end of ``first_year - 1``; ``survival`` a
    survival curve long enough for the history and the projection after it, or one per draw
    ``(draws, A)`` (the arrays of the result then have the draws first).
    """
    survival = np.asarray(survival, dtype=float)
    profile = survival[..., :START_AGES]
    if np.any(survival[..., 0] <= 0) or np.any(profile.sum(axis=-1) <= 0):
        raise MotorisasiError(code="scenario.history.lifetime_short")
    # With steady past sales, the vehicles sold a + 1 years before the run are the survivors at age a.
    start_fleet = start_stock * profile / profile.sum(axis=-1, keepdims=True)
    run = inflow_driven(np.asarray(sales, dtype=float), survival, initial=start_fleet, by_cohort=True)
    by_age_sales = run.stock_by_cohort[..., -1, ::-1]  # age 0 = sold in the base year
    by_age_start = run.initial_stock_by_age[..., -1, :]  # sold before the history began
    fleet = np.concatenate([by_age_sales, by_age_start], axis=-1)
    base = first_year + len(sales) - 1
    modelled = one_or_draws(run.stock[..., -1])
    return SpinUp(
        fleet_by_age=fleet,
        modelled=modelled,
        unremoved=float(registered_base) - modelled,
        first_year=first_year,
        cohort_years=base - np.arange(fleet.shape[-1]),
        in_use=cat([float(start_stock)], run.stock),
        left_use=cat([0.0], run.outflow),
        history=run,
    )


#: GAIKINDO categories counted as passenger cars (the rest are commercial vehicles).
PASSENGER_CATEGORIES = ("sedan", "4x2_non_lcgc", "4x4", "lcgc_affordable_energy_saving_4x2")


def passenger_share(country: str = "IDN", data_dir=None) -> tuple[float, str]:
    """Mean share of passenger categories in GAIKINDO wholesales, and the years it averages (derived)."""
    from motorisasi.data.store import merged

    by_year: dict[int, dict[str, float]] = {}
    for r in merged(data_dir).by_series.get("wholesales_gaikindo", []):
        if r["country"] == country and r["region"] == "":
            by_year.setdefault(int(r["year"]), {}).setdefault(str(r["category"]), float(r["value"]))
    years = sorted(
        y for y, cats in by_year.items() if "" in cats and all(c in cats for c in PASSENGER_CATEGORIES)
    )
    if not years:
        raise MotorisasiError(code="scenario.history.no_passenger_years")
    shares = [sum(by_year[y][c] for c in PASSENGER_CATEGORIES) / by_year[y][""] for y in years]
    return float(np.mean(shares)), f"{years[0]}-{years[-1]}"
