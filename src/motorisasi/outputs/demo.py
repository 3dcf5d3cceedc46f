"""The illustrative example behind ``motorisasi demo``: the stock engine on made-up inputs.

The rows of assumptions are worded in English or Bahasa Indonesia (``lang``) from the message
catalogue; the option values the user gave (distribution, entry) are shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from motorisasi.errors import ParameterError
from motorisasi.model.stock import inflow_driven, stock_driven
from motorisasi.model.survival import ENTRY_OFFSETS, survival_curve
from motorisasi.outputs.messages import MESSAGES, message, number


@dataclass(frozen=True)
class DemoResult:
    assumptions: list[tuple[str, str, str, str]]
    sales: np.ndarray
    retirements: np.ndarray
    fleet: np.ndarray
    average_age: np.ndarray
    sales_back: np.ndarray
    balance_residual: float
    round_trip_error: float


def _lifetime_parameters(distribution: str, lifetime: float, std: float) -> dict[str, float]:
    if distribution == "fixed":
        return {"lifetime": lifetime}
    if distribution == "weibull":
        # Weibull shape from the coefficient of variation, by bisection on CV(k).
        from scipy.optimize import brentq
        from scipy.special import gamma

        if lifetime <= 0 or std <= 0:
            raise ParameterError(code="cli.demo_lifetime", lifetime=lifetime, std=std)
        cv = std / lifetime

        def excess(k: float) -> float:
            return float(np.sqrt(gamma(1 + 2 / k) / gamma(1 + 1 / k) ** 2 - 1) - cv)

        if not excess(0.05) > 0 > excess(100.0):
            raise ParameterError(code="cli.demo_weibull", cv=f"{cv:g}")
        return {"shape": brentq(excess, 0.05, 100.0), "mean": lifetime}
    return {"mean": lifetime, "std": std}


def run_demo(
    *,
    years: int,
    sales: float,
    growth: float,
    distribution: str,
    lifetime: float,
    std: float,
    entry: str,
    lang: str = "en",
) -> DemoResult:
    """Sales growing at ``growth`` per year through a lifetime distribution, both ways.

    The assumptions (name, value, unit, why) are worded in ``lang`` ("en" or "id").
    """
    from motorisasi.data.schema import MAX_VEHICLES

    if not -1 < growth <= 1:
        raise ParameterError(code="cli.demo_growth", growth=growth)
    if not 0 <= sales <= MAX_VEHICLES:
        raise ParameterError(code="cli.demo_sales", most=MAX_VEHICLES, sales=sales)
    params = _lifetime_parameters(distribution, lifetime, std)
    survival = survival_curve(distribution, years, entry=entry, **params)
    inflow = sales * (1 + growth) ** np.arange(years)
    if inflow.max() > MAX_VEHICLES:  # an illustration, but not of a market no country has
        raise ParameterError(
            code="cli.demo_too_many",
            sales=sales,
            growth=f"{100 * growth:g}",
            most=MAX_VEHICLES,
            year=int(np.argmax(inflow > MAX_VEHICLES)) + 1,
        )
    forward = inflow_driven(inflow, survival, by_cohort=True)
    backward = stock_driven(forward.stock, survival)

    assert forward.stock_by_cohort is not None
    offset = ENTRY_OFFSETS.get(entry, 0.5)  # "uniform": entries average half a year before year end
    t = np.arange(years)
    age = np.clip(t[:, None] - t[None, :], 0, None) + offset
    with np.errstate(invalid="ignore", divide="ignore"):
        average_age = (forward.stock_by_cohort * age).sum(-1) / forward.stock

    def m(key: str, **values: object) -> str:
        return message(f"demo.{key}", lang, **values)

    def g(value: float) -> str:
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "id" else text

    described = ", ".join(f"{m(f'param.{k}')} {g(v)}" for k, v in params.items())
    illustrative = m("why.illustrative")
    entry_key = f"demo.entry.{entry}" if f"demo.entry.{entry}" in MESSAGES else "demo.entry.other"
    assumptions = [
        (m("row.sales"), number(sales, lang), m("unit.vehicles_per_year"), illustrative),
        (m("row.growth"), f"{number(100 * growth, lang, 1)}%", m("unit.per_year"), illustrative),
        (m("row.lifetime"), f"{distribution} ({described})", m("unit.years"), illustrative),
        (m("row.entry"), entry, "-", message(entry_key, lang)),
        (m("row.fleet"), "0", m("unit.vehicles"), m("why.empty")),
    ]
    return DemoResult(
        assumptions=assumptions,
        sales=inflow,
        retirements=forward.outflow,
        fleet=forward.stock,
        average_age=average_age,
        sales_back=backward.inflow,
        balance_residual=float(np.abs(forward.balance_residual()).max()),
        round_trip_error=float(np.abs(backward.inflow - inflow).max()),
    )
