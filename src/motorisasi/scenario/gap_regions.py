"""Where the vehicles of an ownership target would be: ``gap`` by province.

The national register path that :func:`motorisasi.scenario.gap.ownership_gap` finds is shared
out to the provinces by the regions step's own allocation
(:func:`motorisasi.scenario.steps.regions.register_shares`): the same query over the same
pipeline, not a second model. For each province: its ownership on the national path, the
vehicles it adds from the base year to the target year, and the year (if any) it passes the
target itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from motorisasi.model.checks import shown
from motorisasi.scenario.regions import CEILINGS, REGION_SETS, region_data
from motorisasi.scenario.schema import ScenarioError

#: The national register series a ``gap`` definition counts.
COMPONENTS = {
    "four_wheel": ("passenger_cars_registered", "buses_registered", "trucks_registered"),
    "passenger_cars": ("passenger_cars_registered",),
}


@dataclass(frozen=True)
class RegionalGap:
    """The national target path, province by province (provinces in ``names`` order)."""

    region_set: str
    names: list[str]
    definition: str
    target: float
    base_year: int
    by: int
    years: list[int]  # the base year to ``by``
    registered: list[list[float]]  # vehicles, per province and year
    ownership: list[list[float]]  # per 1,000 people, per province and year
    additional: list[float]  # vehicles added from the base year to ``by``
    reached: list[int | None]  # first year at or above the target (None: not by ``by``)
    ceiling: list[float]  # per 1,000 people
    saturation: float
    saturation_reason: str
    income_weight: float
    density_weight: float
    model: str

    def to_dict(self) -> dict:
        return asdict(self)

    def one(self, i: int) -> dict:
        """Province ``i`` alone (its lists of values, and the settings), as plain types."""
        full = self.to_dict()
        per_province = ("names", "registered", "ownership", "additional", "reached", "ceiling")
        return {k: (v[i] if k in per_province else v) for k, v in full.items()} | {"name": self.names[i]}

    def index(self, name: str) -> int:
        """The position of province ``name`` (any case); a one-line error lists the names."""
        lowered = {n.lower(): i for i, n in enumerate(self.names)}
        if name.lower() not in lowered:
            raise ScenarioError(
                code="scenario.regions.unknown_province", name=name, known=", ".join(self.names)
            )
        return lowered[name.lower()]


def regional_gap(
    result,
    region_set: str = "provinces",
    *,
    saturation: float | None = None,
    income_weight: float = 0.2,
    density_weight: float = 0.1,
    model: str = "logistic",
    data_dir: str | Path | None = None,
) -> RegionalGap:
    """``result`` (a :class:`~motorisasi.scenario.gap.GapResult`) province by province, with the
    allocation ``model`` of the regions step (:data:`~motorisasi.scenario.steps.regions.ALLOCATIONS`)."""
    from motorisasi.data.store import series_values
    from motorisasi.scenario.steps.regions import checked_base, observed_register, register_shares

    if region_set not in REGION_SETS:
        raise ScenarioError(
            code="scenario.regions.unknown_set", region_set=region_set, known=", ".join(REGION_SETS)
        )
    if result.definition not in COMPONENTS:
        raise ScenarioError(code="scenario.regions.no_register", definition=result.definition)
    data = region_data(region_set, result.country, data_dir)
    base, by = int(result.base_year), int(result.by)
    checked_base(data, base)
    series = COMPONENTS[result.definition]
    default, reason = CEILINGS[series]
    gamma = float(saturation) if saturation is not None else default
    if saturation is not None:
        if not 0 < float(saturation) <= 3000:
            raise ScenarioError(code="scenario.regions.saturation_range", saturation=shown(saturation))
        reason = "given with --saturation"
    observed = observed_register(data, {result.definition: series}, "definition")
    years = np.arange(base, by + 1)
    population = series_values("population", result.country, data_dir=data_dir)
    pop = np.array([population.at(int(y)) for y in years])
    national = np.array([result.latest_stock, *result.stock])[None, :]  # (S=1, T)
    try:
        share, ceiling = register_shares(
            data,
            observed,
            years,
            base,
            pop,
            national,
            np.array([gamma]),
            income_weight,
            density_weight,
            [result.definition],
            model,
        )
    except ScenarioError as exc:  # gap names its own option, not a scenario's field
        field = f"regions.saturation_per_1000.{result.definition}"
        raise ScenarioError(str(exc).replace(field, "--saturation")) from None
    registered = share[:, 0, :] * national  # (R, T)
    ownership = 1000.0 * registered / (data.population_shares_for(years) * pop)
    above = ownership >= result.target
    reached = [int(years[np.argmax(row)]) if row.any() else None for row in above]
    return RegionalGap(
        region_set=region_set,
        names=list(data.names),
        definition=result.definition,
        target=float(result.target),
        base_year=base,
        by=by,
        years=[int(y) for y in years],
        registered=registered.tolist(),
        ownership=ownership.tolist(),
        additional=(registered[:, -1] - registered[:, 0]).tolist(),
        reached=reached,
        ceiling=ceiling[0].tolist(),
        saturation=gamma,
        saturation_reason=reason,
        income_weight=income_weight,
        density_weight=density_weight,
        model=model,
    )
