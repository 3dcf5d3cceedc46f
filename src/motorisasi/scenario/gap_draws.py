"""The ownership gap over the draws of a scenario's uncertain inputs, through the scenario run.

Two questions, answered for every draw of the scenario's ``uncertainty`` section at once
(:mod:`motorisasi.scenario.ensemble`), so the answer comes with its range:

1. **When** does four-wheel-plus ownership (the registered fleet of every segment but
   motorcycles, per 1,000 people) reach the target, with the scenario's own demand (the
   baseline: sales held at the base year's level)? The first year per draw; draws that do not
   reach it by the scenario's last year are counted apart.
2. **What would it take** to reach it by a year? The same draws with the passenger-car demand
   replaced by an ownership target, the cars' share of the target being the target minus the
   other four-wheel segments' ownership in that year *in the same draw*; the constant growth of
   car sales from the base year that the stock model's inversion finds, per draw.

Both runs use the same draws (the same seed and sampler), so the two answers of a draw belong
together. The domain returns numbers; the outputs layer writes the sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from motorisasi.scenario.ensemble import DEFAULT_CHUNK, draws_for, run_chunks

#: The quantiles reported (the "90 % range" and the median).
LEVELS = (0.05, 0.5, 0.95)


def _four_wheel_per_1000(ds) -> np.ndarray:
    """(draws, years) registered four-wheel-plus vehicles per 1,000 people."""
    segments = [s for s in ds["segment"].values if s != "motorcycles"]
    reg = ds["registered_stock"].sel(segment=segments).sum("segment").transpose("draw", "year")
    return 1000.0 * reg.values / ds["population"].values


def _summary(values: np.ndarray) -> dict[str, float]:
    finite = values[np.isfinite(values)]
    if not finite.size:
        return {f"p{round(100 * q)}": float("nan") for q in LEVELS}
    return {f"p{round(100 * q)}": float(v) for q, v in zip(LEVELS, np.quantile(finite, LEVELS), strict=True)}


def gap_draws(
    sc,
    target: float,
    by: int,
    n: int,
    seed: int = 0,
    sampler: str = "sobol",
    segment: str = "cars",
    data_dir=None,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
) -> dict[str, Any]:
    """When ``target`` four-wheel vehicles per 1,000 are reached, and the sales growth of
    ``segment`` that reaches them by ``by``, over ``n`` draws (see the module docs).

    Returns plain numbers: the quantiles (``p5``, ``p50``, ``p95``) of the year reached (over the
    draws that reach it), the share of draws that do not reach it by the last year, the
    ownership in ``by`` with the scenario's demand, and the needed growth (%/yr) and sales in
    ``by`` (vehicles/yr).
    """
    from motorisasi.data.schema import MAX_PER_1000
    from motorisasi.errors import Said
    from motorisasi.model.checks import shown
    from motorisasi.model.targets import first_year_reaching
    from motorisasi.scenario.schema import OwnershipTarget, ScenarioError
    from motorisasi.scenario.steps.inputs import resolve_base

    if not (np.isfinite(target) and 1 <= target <= MAX_PER_1000):
        raise ScenarioError(code="scenario.gap.target_range", high=MAX_PER_1000, got=shown(target, ".12g"))
    sc = resolve_base(sc, data_dir)
    base, end = int(sc.years.base), int(sc.years.end)
    if not base < by <= end:
        raise ScenarioError(code="scenario.draws.by_range", by=by, base=base, end=end)
    if segment not in sc.segments or segment == "motorcycles":
        raise ScenarioError(code="scenario.draws.not_four_wheel", segment=segment, name=sc.name)
    draws = draws_for(sc, n, seed, sampler, data_dir)
    total = 2 * n

    def step(offset: int):
        return None if progress is None else (lambda done, _n: progress(offset + done, total))

    years, reached, at_by, other_at_by, at_base = None, [], [], [], []
    for ds in run_chunks(sc, draws, data_dir, chunk, step(0), client):
        years = ds["year"].values
        own = _four_wheel_per_1000(ds)
        later = years > base
        reached.append(first_year_reaching(own[:, later], target, years[later]))
        k = int(np.nonzero(years == by)[0][0])
        at_by.append(own[:, k])
        at_base.append(own[:, int(np.nonzero(years == base)[0][0])])
        others = [s for s in ds["segment"].values if s not in ("motorcycles", segment)]
        reg = ds["registered_stock"].sel(segment=others, year=by).sum("segment").transpose("draw").values
        other_at_by.append(1000.0 * reg / float(ds["population"].sel(year=by)))
    reached_all = np.concatenate(reached)
    others_all = np.concatenate(other_at_by)
    now = float(np.concatenate(at_base).max())
    if target <= now:
        raise ScenarioError(
            code="scenario.gap.target_not_above",
            target=shown(target),
            today=shown(now, ".1f"),
            base=base,
            label=Said("scenario.gap.label.four_wheel_plus", {}, "four-wheel-plus"),
        )
    own_target = target - others_all
    if np.any(own_target <= 0):
        raise ScenarioError(
            code="scenario.draws.others_give",
            segment=segment,
            value=shown(float(others_all.max()), ".1f"),
            by=by,
        )
    demand = OwnershipTarget(
        type="ownership_target",
        per_1000=float(np.median(own_target)),
        by=by,
        path="growth",
        max_growth_pct=500,
        after="hold_sales",
        reason=f"gap: {target:g} per 1,000 four-wheel-plus by {by}",
    )
    segments = dict(sc.segments)
    segments[segment] = segments[segment].model_copy(update={"demand": demand})
    asked = sc.model_copy(update={"segments": segments, "name": f"{sc.name} with the target"})
    asked._source = None  # its errors are about the target asked, not the scenario file
    # The segment's own demand is replaced by the target, so draws of its old demand go.
    kept = {k: v for k, v in draws.items() if not k.startswith(f"segments.{segment}.demand")}
    with_target = {**kept, f"segments.{segment}.demand.per_1000": own_target}
    growth, sales_by = [], []
    for ds in run_chunks(asked, with_target, data_dir, chunk, step(n), client):
        sales = ds["sales_total"].sel(segment=segment).transpose("draw", "year")
        first, last = sales.sel(year=base).values, sales.sel(year=by).values
        growth.append(100.0 * ((last / first) ** (1.0 / (by - base)) - 1.0))
        sales_by.append(last)
    never = ~np.isfinite(reached_all)
    return {
        "scenario": sc.name,
        "target": float(target),
        "by": int(by),
        "base_year": base,
        "end_year": end,
        "segment": segment,
        "draws": int(n),
        "seed": int(seed),
        "sampler": sampler,
        "inputs": list(sc.uncertainty),
        "year_reached": _summary(reached_all),
        "share_not_reached": float(np.mean(never)),
        "ownership_at_by": _summary(np.concatenate(at_by)),
        "needed_growth_pct": _summary(np.concatenate(growth)),
        "needed_sales_at_by": _summary(np.concatenate(sales_by)),
        "other_segments_at_by": _summary(others_all),
    }
