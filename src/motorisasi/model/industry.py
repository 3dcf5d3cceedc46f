"""Industry, trade, batteries, jobs and fiscal effects of a fleet path.

Small accounting functions; every one broadcasts over leading batch axes with years last.

Supply balance (per segment and powertrain):

    imports    = domestic sales x import share            (completely built-up vehicles)
    local      = domestic sales - imports                  (assembled in the country)
    production = local + exports

so ``domestic sales = local + imports`` and ``production = local + exports`` hold exactly.

Batteries: new packs (GWh) are sales x pack size; a nickel-based share of them needs nickel
(tonnes = GWh x 1e6 kWh/GWh x kg per kWh / 1000). Workforce: direct jobs are production x
workers per vehicle; new workers each year are the growth in jobs plus the ones replacing
those who leave (attrition x last year's jobs); a training share of them is the size of a
training programme. Fiscal effects are in :mod:`motorisasi.model.fiscal`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import non_negative as _non_negative

Array = NDArray[np.float64]


def _share(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any((arr < 0) | (arr > 1)):
        raise ParameterError(code="model.industry.share", name=name)
    return arr


def supply_balance(
    domestic_sales: ArrayLike, import_share: ArrayLike, exports: ArrayLike
) -> tuple[Array, Array, Array]:
    """(local assembly, imports, production) from domestic sales, the import share and exports.

    >>> local, imports, production = supply_balance([100.0], [0.2], [50.0])
    >>> local.tolist(), imports.tolist(), production.tolist()
    ([80.0], [20.0], [130.0])
    """
    sales = _non_negative("domestic sales", domestic_sales)
    share = _share("import share", import_share)
    out = _non_negative("exports", exports)
    imports = sales * share
    local = sales - imports
    return local, imports, local + out


def utilisation(production: ArrayLike, capacity: ArrayLike) -> tuple[Array, NDArray[np.bool_]]:
    """Production over capacity, and where production exceeds capacity.

    >>> u, over = utilisation([1.2e6, 2.5e6], 2.26e6)
    >>> u.round(3).tolist(), over.tolist()
    ([0.531, 1.106], [False, True])
    """
    cap = np.asarray(capacity, dtype=float)
    if np.any(cap <= 0):
        raise ParameterError(code="model.industry.capacity")
    ratio = _non_negative("production", production) / cap
    return ratio, ratio > 1.0


def by_share(total: ArrayLike, shares: ArrayLike, axis: int = -2) -> Array:
    """Split a total by shares along ``axis`` (shares must sum to one there).

    >>> by_share([100.0, 200.0], [[0.9, 0.5], [0.1, 0.5]]).tolist()
    [[90.0, 100.0], [10.0, 100.0]]
    """
    s = _share("shares", shares)
    if not np.allclose(s.sum(axis=axis), 1.0, atol=1e-9):
        raise ParameterError(code="model.industry.shares_sum")
    return np.expand_dims(np.asarray(total, dtype=float), axis) * s


def battery_gwh(sales: ArrayLike, pack_kwh: ArrayLike) -> Array:
    """New battery capacity (GWh): vehicles x kWh per pack / 1e6.

    >>> float(battery_gwh(100_000, 50.0))
    5.0
    """
    return _non_negative("sales", sales) * _non_negative("pack size", pack_kwh) / 1e6


def nickel_tonnes(gwh: ArrayLike, nickel_based_share: ArrayLike, kg_per_kwh: ArrayLike) -> Array:
    """Nickel in new batteries (tonnes): GWh x nickel-based share x kg per kWh x 1,000.

    >>> float(nickel_tonnes(5.0, 0.5, 0.7))
    1750.0
    """
    gwh_arr = _non_negative("GWh", gwh)
    return (
        gwh_arr
        * _share("nickel-based share", nickel_based_share)
        * _non_negative("kg per kWh", kg_per_kwh)
        * 1e3
    )


def workforce(
    production: ArrayLike,
    workers_per_vehicle: ArrayLike,
    attrition: ArrayLike,
    training_share: ArrayLike,
    jobs_before: ArrayLike | None = None,
) -> tuple[Array, Array, Array]:
    """(jobs, new workers, workers to train) by year.

    ``jobs_before`` is the number of jobs the year before the first (default: the first
    year's jobs, so the first year hires only for attrition). New workers are never negative:
    when jobs shrink, nobody is hired beyond replacing those who leave, less the shrinkage.

    >>> jobs, new, train = workforce([100.0, 120.0], 0.5, 0.1, 0.25, jobs_before=50.0)
    >>> jobs.tolist(), new.tolist(), train.tolist()
    ([50.0, 60.0], [5.0, 15.0], [1.25, 3.75])
    """
    jobs = _non_negative("production", production) * _non_negative("workers per vehicle", workers_per_vehicle)
    leave = _share("attrition", attrition)
    before = jobs[..., :1] if jobs_before is None else np.asarray(jobs_before, dtype=float)[..., None]
    previous = np.concatenate([np.broadcast_to(before, jobs[..., :1].shape), jobs[..., :-1]], axis=-1)
    new = np.maximum(0.0, jobs - previous + leave * previous)
    return jobs, new, new * _share("training share", training_share)
