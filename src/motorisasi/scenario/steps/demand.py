"""The demand step: the sales a segment's demand asks for (a growth rate or path of sales, an
ownership path, an ownership target reached by inverting the stock model, or the fitted ownership
model and its parameter draws).

Each demand ``type`` of the scenario schema has its model in :data:`DEMANDS`, chosen by
:func:`projected_sales`; a new type is a new entry, not a new branch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from motorisasi.errors import MotorisasiError, Said
from motorisasi.model.adoption import interpolate_path
from motorisasi.model.targets import required_sales
from motorisasi.scenario.schema import (
    OwnershipModel,
    Scenario,
    ScenarioError,
    Segment,
)
from motorisasi.scenario.steps.batch import cat, col, path_values, typical

#: The series whose segment may use the default ownership model (fitted to passenger cars).
PASSENGER_CAR_SERIES = ["passenger_cars_registered"]


def _after_target(
    name: str, seg: Segment, sc: Scenario, path_sales, proj_years, income, data_dir, to_register
) -> np.ndarray:
    """Sales in every projection year: the path to the target, then what the scenario names after it."""
    demand = seg.demand
    k = np.shape(path_sales)[-1]
    rest = len(proj_years) - k
    if rest == 0:  # the target is reached in the last year: nothing comes after it
        return path_sales
    if demand.after in ("hold_sales", "sales_growth"):
        growth = col(demand.after_growth_pct) / 100 if demand.after == "sales_growth" else 0.0
        return cat(path_sales, path_sales[..., -1:] * (1 + growth) ** np.arange(1, rest + 1))
    if demand.after == "hold_ownership":
        per_1000 = col(demand.per_1000) * np.ones(len(proj_years))
    else:
        model = demand.after_model
        if model is None:
            if seg.stock_series != PASSENGER_CAR_SERIES:
                raise ScenarioError(code="scenario.demand.after_model_default", segment=name)
            model = OwnershipModel(type="ownership_model")
        later = _modelled_ownership(model, sc, demand.per_1000, income[..., k:], data_dir)
        per_1000 = cat(col(demand.per_1000) * np.ones(k), later)
    return to_register(per_1000, fixed=path_sales)


def _ownership_fit(demand: OwnershipModel, sc: Scenario, data_dir):
    from motorisasi.scenario.ownership_histories import fit_panel

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
        raise ScenarioError(code="at", where="demand (ownership_model)", problem=exc) from None
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
        raise ScenarioError(code="at", where="demand (ownership_model)", problem=exc) from None
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
        raise ScenarioError(code="at", where="demand (ownership_model)", problem=exc) from None


@dataclass(frozen=True)
class DemandInputs:
    """What a demand model needs of its segment, on the projection years (draws first where the
    inputs vary): the base year's sales and ownership, population and income, the register the
    existing fleet keeps without new sales (``kept``, vehicles) and the register survival of new
    sales (``register_curve``), and ``to_register`` (ownership per 1,000 -> the sales that bring
    the register to it)."""

    name: str
    seg: Segment
    sc: Scenario
    years: np.ndarray
    base_sales: float
    start_per_1000: float
    population: np.ndarray
    income: np.ndarray
    substitute: np.ndarray | None
    kept: np.ndarray
    register_curve: np.ndarray
    to_register: Callable[..., np.ndarray]
    data_dir: Any


#: The model of each demand type: (demand, inputs) -> sales on the projection years (vehicles/yr).
DEMANDS: dict[str, Callable[[Any, DemandInputs], np.ndarray]] = {}


def _model_of(kind: str):
    def register(func):
        DEMANDS[kind] = func
        return func

    return register


def projected_sales(demand, inputs: DemandInputs) -> np.ndarray:
    """The sales a segment's demand asks for, by the model of its ``type``."""
    return DEMANDS[demand.type](demand, inputs)


@_model_of("sales_growth")
def _sales_growth(demand, x: DemandInputs) -> np.ndarray:
    return x.base_sales * (1 + col(demand.growth_pct) / 100) ** np.arange(1, len(x.years) + 1)


@_model_of("sales_path")
def _sales_path(demand, x: DemandInputs) -> np.ndarray:
    points = {x.sc.years.base: x.base_sales, **demand.sales}
    xs = sorted(points)
    return interpolate_path(x.years, xs, path_values(points, xs))


@_model_of("ownership_path")
def _ownership_path(demand, x: DemandInputs) -> np.ndarray:
    points = {x.sc.years.base: x.start_per_1000, **demand.per_1000}
    xs = sorted(points)
    return x.to_register(interpolate_path(x.years, xs, path_values(points, xs)))


def sales_to_target(
    per_1000, k: int, population, kept, register_curve, base_sales, shape: str, max_growth: float
):
    """The sales path over the ``k`` years after the base year that brings the register to
    ``per_1000`` vehicles per 1,000 people in the last of them: the stock model inverted
    (:func:`~motorisasi.model.targets.required_sales`) for the vehicles the fleet of the base year
    does not keep (``kept``, the register with no more sales, on the projection years)."""
    goal = per_1000 * population[k - 1] / 1000.0 - kept[..., k - 1]
    return required_sales(
        goal, register_curve, base_sales=base_sales, n_years=k, shape=shape, max_growth=max_growth
    )


@_model_of("ownership_target")
def _ownership_target(demand, x: DemandInputs) -> np.ndarray:
    path = sales_to_target(
        demand.per_1000,
        demand.by - x.sc.years.base,
        x.population,
        x.kept,
        x.register_curve,
        x.base_sales,
        demand.path,
        demand.max_growth_pct / 100,
    )
    if not np.all(path.feasible):
        upper, lower = path.bounds
        if np.ndim(path.feasible) == 0:
            why = Said(
                f"gap.reason.{path.reason}",
                {
                    "growth": 100 * float(path.reason_growth),
                    "upper": 100 * upper,
                    "lower": 100 * lower,
                    "what": Said(f"gap.reason.what.{demand.path}"),
                },
            )
        else:
            why = Said("error.scenario.target_draws", {"n": int(np.sum(~path.feasible))})
        raise ScenarioError(
            code="scenario.target_unreachable",
            segment=x.name,
            per_1000=typical(demand.per_1000),
            by=demand.by,
            why=why,
        )
    return _after_target(x.name, x.seg, x.sc, path.sales, x.years, x.income, x.data_dir, x.to_register)


@_model_of("ownership_model")
def _ownership_model(demand, x: DemandInputs) -> np.ndarray:
    per_1000 = _modelled_ownership(demand, x.sc, x.start_per_1000, x.income, x.data_dir, x.substitute)
    return x.to_register(per_1000)
