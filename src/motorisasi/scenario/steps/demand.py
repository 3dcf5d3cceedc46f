"""The demand step: sales or ownership a segment's demand asks for (paths, targets, the fitted
ownership model and its parameter draws).
"""

from __future__ import annotations

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.scenario.schema import (
    OwnershipModel,
    Scenario,
    ScenarioError,
    Segment,
)
from motorisasi.scenario.steps.batch import cat, col

#: The series whose segment may use the default ownership model (fitted to passenger cars).
PASSENGER_CAR_SERIES = ["passenger_cars_registered"]


def _after_target(
    name: str, seg: Segment, sc: Scenario, path_sales, proj_years, income, data_dir, to_register
) -> np.ndarray:
    """Sales in every projection year: the path to the target, then what the scenario names after it."""
    demand = seg.demand
    k = np.shape(path_sales)[-1]
    rest = len(proj_years) - k
    if demand.after in ("hold_sales", "sales_growth"):
        growth = col(demand.after_growth_pct) / 100 if demand.after == "sales_growth" else 0.0
        return cat(path_sales, path_sales[..., -1:] * (1 + growth) ** np.arange(1, rest + 1))
    if demand.after == "hold_ownership":
        per_1000 = col(demand.per_1000) * np.ones(len(proj_years))
    else:
        model = demand.after_model
        if model is None:
            if seg.stock_series != PASSENGER_CAR_SERIES:
                raise ScenarioError(
                    f"segments.{name}.demand.after_model: the default ownership model is fitted to passenger "
                    "cars; give after_model (definition and countries) or choose another 'after'"
                )
            model = OwnershipModel(type="ownership_model")
        later = _modelled_ownership(model, sc, demand.per_1000, income[..., k:], data_dir)
        per_1000 = cat(col(demand.per_1000) * np.ones(k), later)
    return to_register(per_1000, fixed=path_sales)


def _ownership_fit(demand: OwnershipModel, sc: Scenario, data_dir):
    from motorisasi.scenario.ownership import fit_panel

    countries = tuple(dict.fromkeys([sc.country, *demand.countries]))
    try:
        fit, _ = fit_panel(
            countries,
            demand.definition,
            data_dir=data_dir,
            saturation=demand.saturation,
            **({"substitution": True} if demand.substitution else {}),
        )
    except MotorisasiError as exc:
        raise ScenarioError(f"demand (ownership_model): {exc}") from None
    return fit


def _modelled_ownership(
    demand: OwnershipModel,
    sc: Scenario,
    start: float,
    income: np.ndarray,
    data_dir,
    substitute: np.ndarray | None = None,
):
    """Ownership per 1,000 on the projection years from the fitted model, starting from ``start``;
    with substitution, ``substitute`` is the four-wheel ownership of those years (per 1,000)."""
    from motorisasi.model.ownership_fit import simulate

    fit = _ownership_fit(demand, sc, data_dir)
    g, sub = _from_start(income / 1000.0), None if substitute is None else _from_start(substitute)
    if demand._draws is not None:  # an ensemble drawing the fitted parameters: one set per draw
        return _drawn_paths(fit, demand._draws, sc.country, g, start, sub)[:, 1:]
    return simulate(fit, sc.country, g, start, substitute=sub)[..., 1:]


def _drawn_paths(fit, draws, country: str, income, start, substitute):
    """Ownership paths (per 1,000) for draws of the fitted parameters, one per draw."""
    from motorisasi.model.ownership_fit import saturation_draws, simulate_draws

    values = {k: v[country] for k, v in fit.covariates.items()} if fit.covariates else None
    beta = draws.get(f"beta[{country}]", draws.get("beta"))
    saturation = saturation_draws(fit, draws, values)
    return simulate_draws(fit, draws, income, start, beta=beta, saturation=saturation, substitute=substitute)


def _from_start(path: np.ndarray) -> np.ndarray:
    """A projection-year path with its first value repeated for the year of the start: the
    simulation's first year is the start's, and the scenario's fit has one adjustment speed, so
    that year's income chooses nothing."""
    path = np.asarray(path, dtype=float)
    return np.concatenate([path[..., :1], path], axis=-1)


def modelled_ownership_draws(
    demand: OwnershipModel,
    sc: Scenario,
    start: float,
    income: np.ndarray,
    n: int,
    seed: int = 0,
    data_dir=None,
    substitute: np.ndarray | None = None,
) -> np.ndarray:
    """``(n, T)`` draws of :func:`_modelled_ownership`'s path: the fitted parameters drawn from their
    asymptotic distribution (Krinsky-Robb, :func:`~motorisasi.model.ownership_fit.parameter_draws`),
    every draw simulated at once. ``income`` is the projection years' GDP per capita ($); with
    substitution, ``substitute`` is the four-wheel ownership of those years."""
    from motorisasi.model.ownership_fit import parameter_draws

    fit = _ownership_fit(demand, sc, data_dir)
    try:
        d = parameter_draws(fit, n, seed=seed)
    except MotorisasiError as exc:
        raise ScenarioError(f"demand (ownership_model): {exc}") from None
    g, sub = _from_start(income / 1000.0), None if substitute is None else _from_start(substitute)
    return _drawn_paths(fit, d, sc.country, g, start, sub)[:, 1:]


def fitted_draws(
    demand: OwnershipModel, sc: Scenario, n: int, seed: int, data_dir=None
) -> dict[str, np.ndarray]:
    """``n`` joint draws of the parameters of a demand's ownership model (Krinsky-Robb, from the
    fit's covariance): name -> ``(n,)``."""
    from motorisasi.model.ownership_fit import parameter_draws

    fit = _ownership_fit(demand, sc, data_dir)
    try:
        return parameter_draws(fit, n, seed=seed)
    except MotorisasiError as exc:
        raise ScenarioError(f"demand (ownership_model): {exc}") from None
