"""The register of a segment, calibrated to its history: data in, the two layers out.

For a segment (one or more registered-fleet series and a sales series) this module

1. reads the registered fleet and its statistical basis by year (the ``register_basis``
   data series: a year-on-year change is a flow of vehicles only within one basis);
2. rebuilds the fleet *in use* from the sales history (:mod:`motorisasi.scenario.history`);
3. fits the removal rate of vehicles that left use but stay registered
   (:func:`motorisasi.model.register.fit_removal_rate`) to the single-basis changes, or takes
   the rate a scenario names; and
4. returns the layers at the base year: in use, unremoved, and the *basis level*, the part of
   the base year's register neither layer explains (it differs between statistical bases and
   is held constant).

Register models (``register_removal.model`` in a scenario, ``--register`` on the command line):

``calibrated``
    the removal rate fitted to the register history (default);
``none``
    nothing is ever removed: the register grows by every sale (a sceptic's benchmark,
    "last register + cumulative sales");
``in_use``
    vehicles leave the register in the year they leave use (rate 1): the register moves with
    the fleet in use;
``rate``
    a rate the scenario gives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model.register import (
    RemovalFit,
    best_rates,
    fit_removal_rate,
    register_flows,
    single_basis_pairs,
    unremoved_pool,
)
from motorisasi.scenario.steps.batch import one_or_draws, plain

#: The data series that labels each year's statistical basis (category: the fleet series).
BASIS_SERIES = "register_basis"
REGISTER_MODELS = ("calibrated", "none", "in_use", "rate")
FIXED_RATES = {"none": 0.0, "in_use": 1.0}


class RegisterError(MotorisasiError):
    """The register cannot be calibrated from the data (the message says why)."""


@dataclass(frozen=True)
class RegisterHistory:
    """A segment's registered fleet by year, with its basis and the sales in the same years.

    ``years`` run from the year before the sales history to the base year; ``sales`` is zero in
    the first of them; ``basis`` is NaN where a year is on no basis (filled, or no data).
    """

    years: np.ndarray
    observed: np.ndarray
    basis: np.ndarray
    sales: np.ndarray
    basis_source: str  # "data", or "sources" when a series has no register_basis rows


def basis_by_year(parts: list, country: str, data_dir) -> tuple[dict[int, float], str]:
    """The common basis of several fleet series by year (NaN where they differ or lack one).

    The ``register_basis`` rows of a series say which basis each year is on. A series without
    them (or whose values a user's data folder replaces while the basis rows are the embedded
    ones) is split at every change of source: a run of consecutive years flagged ``observed``
    with one source id is one basis, and every other year is on none.
    """
    from motorisasi.data.store import merged

    data = merged(data_dir)
    labels: list[dict[int, float]] = []
    source = "data"
    for part in parts:
        own = [
            r for r in data.by_series.get(part.series, []) if r["country"] == country and r["region"] == ""
        ]
        from_user = any(r.get("_folder") for r in own)
        mine = {
            int(r["year"]): float(r["value"])
            for r in data.by_series.get(BASIS_SERIES, [])
            if r["country"] == country
            and r["region"] == ""
            and r["category"] == part.series
            and r["year"] is not None
            and bool(r.get("_folder")) == from_user
        }
        if not mine:
            source = "sources"
            mine = _by_source(part)
        labels.append(mine)
    years = set.intersection(*(set(d) for d in labels)) if labels else set()
    return {y: labels[0][y] for y in years if all(d[y] == labels[0][y] for d in labels)}, source


def _by_source(part) -> dict[int, float]:
    """Years flagged ``observed``, one basis per run of consecutive years with one source."""
    out: dict[int, float] = {}
    label, previous = 0.0, None
    for year, flag, ids in zip(part.years, part.flags, part.source_ids, strict=True):
        if flag != "observed":
            previous = None
            continue
        if previous is None or previous[1] != ids or previous[0] != int(year) - 1:
            label += 1.0
        out[int(year)] = label
        previous = (int(year), ids)
    return out


def register_history(
    parts: list, sales: np.ndarray, first: int, base: int, country: str, data_dir
) -> RegisterHistory:
    """The history a calibration needs; ``parts`` are the fleet series' values (summed)."""
    years = np.arange(first - 1, base + 1)
    observed = np.full(len(years), np.nan)
    for i, year in enumerate(years):
        if all(int(year) in p.years for p in parts):
            observed[i] = sum(p.at(int(year)) for p in parts)
    labels, source = basis_by_year(parts, country, data_dir)
    basis = np.array([labels.get(int(y), np.nan) for y in years])
    return RegisterHistory(
        years=years,
        observed=observed,
        basis=basis,
        sales=np.concatenate([[0.0], np.asarray(sales, dtype=float)]),
        basis_source=source,
    )


@dataclass(frozen=True)
class Layers:
    """The register's layers at the base year and the removal rate behind them."""

    model: str
    rate: float  # floats for one run; arrays of shape (draws,) for a batch of draws
    in_use: float  # modelled fleet in use at the end of the base year
    unremoved: float  # out of use, still registered (modelled)
    level: float  # the base year's register minus both layers (held constant)
    registered: float
    fit: RemovalFit | None = None
    basis_source: str = "data"

    def summary(self) -> dict[str, object]:
        """Plain numbers for the Dataset's attributes and JSON."""
        out: dict[str, object] = {
            "model": self.model,
            "removal_rate_per_year": plain(self.rate),
            "in_use": plain(self.in_use),
            "unremoved": plain(self.unremoved),
            "basis_level": plain(self.level),
            "registered": self.registered,
            "basis_from": self.basis_source,
        }
        if self.fit is not None:
            out.update(
                {
                    "fitted_rate_per_year": self.fit.rate,
                    "interval": [self.fit.low, self.fit.high],
                    "interval_level": self.fit.level,
                    "years_fitted": self.fit.years,
                    "residuals": self.fit.residuals,
                    "rmse": float(np.sqrt(self.fit.rss / len(self.fit.years))),
                }
            )
        return out


def calibrate(
    history: RegisterHistory,
    in_use: np.ndarray,
    left_use: np.ndarray,
    *,
    model: str = "calibrated",
    rate: float | None = None,
    fit_from: int | None = None,
    upto: int | None = None,
    fallback: bool = False,
    exclude: tuple[int, ...] = (),
) -> Layers:
    """The register's layers at the last year of ``history`` under a register model.

    ``in_use`` and ``left_use`` are the in-use fleet (end of year) and its outflow over the
    same years as ``history`` (the first year's outflow is not used). The fit uses the
    single-basis changes from ``fit_from`` (all years when None) up to ``upto`` (for backtests;
    default the last year); the layers are for the last year of ``history``. Fewer than two
    changes in that window is an error, unless ``fallback`` (backtests from early origins) lets
    the fit use every earlier change instead.
    """
    if model not in REGISTER_MODELS:
        raise RegisterError(
            code="scenario.register.unknown_model", model=model, known=", ".join(REGISTER_MODELS)
        )
    if model == "rate" and rate is None:
        raise RegisterError(code="scenario.register.rate_needed")
    left = np.asarray(left_use, dtype=float).copy()
    left[..., 0] = 0.0
    fit = None
    if model == "calibrated":
        keep = history.years <= (upto if upto is not None else history.years[-1])
        basis = history.basis[keep]
        if fit_from is not None:
            late = np.where(history.years[keep] >= fit_from, basis, np.nan)
            found = int(single_basis_pairs(late, history.observed[keep]).sum())
            if found >= 2 or not fallback:
                if found < 2:
                    raise RegisterError(
                        code="scenario.register.few_changes",
                        fit_from=fit_from,
                        found=found,
                        last=int(history.years[keep][-1]),
                    )
                basis = late
        args = (history.observed[keep], basis, history.sales[keep])
        try:
            if left.ndim == 1:
                fit = fit_removal_rate(*args, left[keep], years=history.years[keep], exclude=exclude)
                chosen = fit.rate
            else:  # a batch of in-use histories (draws of the lifetime): the rates only
                y, pairs = register_flows(*args, history.years[keep], exclude=exclude)
                chosen = best_rates(y, pairs, left[..., keep])[0]
        except MotorisasiError as exc:
            raise RegisterError(code="scenario.register.cannot_calibrate", problem=exc) from None
    elif model == "rate":
        chosen = rate  # type: ignore[assignment]
    else:
        chosen = FIXED_RATES[model]
    pool, _ = unremoved_pool(left, chosen)
    registered = float(history.observed[-1])
    in_use_now = one_or_draws(np.asarray(in_use, dtype=float)[..., -1])
    pool_now = one_or_draws(pool[..., -1])
    return Layers(
        model=model,
        rate=one_or_draws(np.asarray(chosen, dtype=float)),
        in_use=in_use_now,
        unremoved=pool_now,
        level=registered - in_use_now - pool_now,
        registered=registered,
        fit=fit,
        basis_source=history.basis_source,
    )
