"""The checks step: mass balance, shares summing to one, non-negative stocks and flows, the
energy reconciliation and plausible ranges, run after every scenario run.
"""

from __future__ import annotations

import json

import numpy as np

from motorisasi.errors import Said
from motorisasi.scenario.schema import ScenarioError


class RunCheckError(RuntimeError):
    """A model invariant (mass balance, share sums, non-negative stocks) failed."""


#: The drivers :func:`_require_range` is given (by their English name), said by the catalogue.
_DRIVERS = {
    "a population": Said("steps.checks.what.population", {}, "a population"),
    "GDP per capita ($)": Said("steps.checks.what.income", {}, "GDP per capita ($)"),
}


def _require_range(
    values, used: np.ndarray, years: np.ndarray, what: str, low: float, high: float, data_dir, field: str
):
    """Refuse a driver outside ``(low, high]`` in a year the run uses.

    The error names the data row when the year is in the data, else the scenario's ``field``.
    """
    from motorisasi.data.store import DataRowError, located, merged

    ok = np.asarray((used > low) & (used <= high))
    flat_ok = ok.reshape(-1, ok.shape[-1])  # (draws or 1, years)
    bad_years = np.nonzero(~flat_ok.all(axis=0))[0]
    if not len(bad_years):
        return
    t = int(bad_years[0])
    failing = np.nonzero(~flat_ok[:, t])[0]
    value = float(np.asarray(used).reshape(-1, ok.shape[-1])[failing[0], t])
    in_draws: Said | str = ""
    if ok.ndim > 1:
        n, of = len(failing), flat_ok.shape[0]
        in_draws = Said("steps.checks.in_draws", {"n": n, "of": of}, f" (in {n} of {of} draws)")
    year = int(years[t])
    data = merged(data_dir)
    row = next(
        (
            r
            for r in data.by_series.get(values.series, [])
            if r["country"] == values.country and r["year"] == year
        ),
        None,
    )
    said_what = _DRIVERS.get(what, what)
    rule = Said(
        "steps.checks.rule",
        {"what": said_what, "low": low, "high": high},
        f"{what} must be more than {low:,.0f} and at most {high:,.0f}",
    )
    if row is None:  # a year the scenario projects
        raise ScenarioError(
            code="steps.checks.driver_reaches",
            field=field,
            what=said_what,
            value=value,
            year=year,
            in_draws=in_draws,
            rule=rule,
        )
    raise DataRowError(
        code="steps.checks.driver_row",
        where=located(row),
        value=value,
        series=values.series,
        country=values.country,
        year=year,
        rule=rule,
    )


def _plausible(ds) -> None:
    """Refuse results no country could show: they come from inputs that compound beyond reason.

    Each input is inside its own range, but a growth rate held for decades can still carry
    sales past :data:`~motorisasi.data.schema.MAX_VEHICLES` a year, or ownership past
    :data:`~motorisasi.data.schema.MAX_PER_1000`; the error names the input to change.
    """
    from motorisasi.data.schema import MAX_PER_1000, MAX_VEHICLES
    from motorisasi.model.checks import shown

    years = ds["year"].values

    def highest(values: np.ndarray) -> np.ndarray:
        """By year, the highest value over the draws (NaN counts as none)."""
        v = np.nan_to_num(values)
        return v.reshape(-1, v.shape[-1]).max(axis=0) if v.ndim > 1 else v

    def first_above(values: np.ndarray) -> Said | None:
        """'X vehicles in YEAR' for the first year above the limit (NaN counts as none), said."""
        values = highest(values)
        over = np.flatnonzero(~(values <= MAX_VEHICLES))
        if not len(over):
            return None
        value, year = float(values[over[0]]), int(years[over[0]])
        return Said(
            "steps.checks.vehicles_in",
            {"n": shown(value, ".3g"), "year": year},
            f"{value:.3g} vehicles in {year}",
        )

    sales = ds["sales_total"].transpose(..., "segment", "year").values
    for i, seg in enumerate(ds["segment"].values):
        found = first_above(sales[..., i, :])
        if found:
            raise ScenarioError(
                code="steps.checks.sales_reach", segment=str(seg), found=found, limit=MAX_VEHICLES
            )
    registered = ds["registered_stock"].transpose(..., "segment", "year").values
    per_1000 = highest(1000 * np.nansum(registered, axis=-2) / ds["population"].values)
    over = np.nonzero(~(per_1000 <= MAX_PER_1000))[0]
    if len(over):
        year = int(years[over[0]])
        where = (
            Said(
                "steps.checks.where.data",
                {},
                "segments: the registered-fleet and population data "
                "(stock_series, drivers.population_series)",
            )
            if year <= int(ds.attrs["base_year"])
            else Said("steps.checks.where.demand", {}, "segments: the demand (or drivers.population_path)")
        )
        raise ScenarioError(
            code="steps.checks.per_1000_over",
            where=where,
            per_1000=float(per_1000[over[0]]),
            year=year,
            limit=MAX_PER_1000,
        )
    exports = ds["exports"].transpose(..., "industry_group", "year").values if "exports" in ds else None
    for g, group in enumerate(ds["industry_group"].values if exports is not None else []):
        found = first_above(exports[..., g, :])
        if found:
            raise ScenarioError(
                code="steps.checks.exports_reach", group=str(group), found=found, limit=MAX_VEHICLES
            )


def check(ds, rtol: float = 1e-9) -> None:
    """Mass balance, share sums and non-negative stocks; raises :class:`RunCheckError`.

    On the arrays themselves (numpy, not xarray selections): the checks run after every run.
    """
    base = int(ds.attrs["base_year"])
    years = ds["year"].values
    future = years > base
    at_base = np.nonzero(years == base)[0]

    def values(name: str, *dims: str) -> np.ndarray:
        # Draws, when there are any, come first: every axis below counts from the end.
        return ds[name].transpose(..., *dims).values

    if "region" in ds.dims:
        _regions_add_up(ds, rtol)

    def before(series: np.ndarray, start: np.ndarray) -> np.ndarray:
        # The series one year later, starting with the base year's value.
        return np.concatenate([start[..., None], series[..., :-1]], axis=-1)

    seg_pt = ("segment", "powertrain", "year")
    registered_all = values("registered_stock", "segment", "year")
    in_use_all = values("in_use_stock", "segment", "year")
    registered, in_use = registered_all[..., future], in_use_all[..., future]
    scale = np.maximum(np.abs(registered), 1.0)
    stock_pt = values("stock", *seg_pt)[..., future]
    flows = np.nansum(values("sales", *seg_pt)[..., future], axis=-2) - np.nansum(
        values("retirements", *seg_pt)[..., future], axis=-2
    )
    gap = np.abs(in_use - before(in_use, in_use_all[..., at_base[0]]) - flows)
    if (gap > rtol * scale).any():
        raise RunCheckError(
            f"mass balance of the fleet in use fails by up to {float(np.nanmax(gap)):.3g} vehicles"
        )
    sales_total = values("sales_total", "segment", "year")[..., future]
    removals = values("register_removals", "segment", "year")[..., future]
    gap = np.abs(registered - before(registered, registered_all[..., at_base[0]]) - sales_total + removals)
    if (gap > rtol * scale).any():
        raise RunCheckError(
            f"mass balance of the register fails by up to {float(np.nanmax(gap)):.3g} vehicles"
        )
    if (np.abs(np.nansum(stock_pt, axis=-2) - in_use) > rtol * scale).any():
        raise RunCheckError("the fleet by powertrain does not add up to the fleet in use")
    if (removals < -1e-6 * scale).any():
        raise RunCheckError("negative removals from the register")
    if "energy_unexplained" in ds:
        # Road energy of the fleet plus the unexplained energy is the reference, wherever there is one.
        fuel_names = list(ds["fuel"].values)
        rows = [fuel_names.index(f) for f in ("gasoline", "diesel") if f in fuel_names]
        past = ~future
        reference = values("energy_reference", "fuel", "year")[..., rows, :][..., past]
        energy = np.nansum(values("energy", "segment", "fuel", "year")[..., rows, :][..., past], axis=-3)
        total = energy + values("energy_unexplained", "fuel", "year")[..., rows, :][..., past]
        known = np.isfinite(reference)
        gap = np.where(known, np.abs(total - reference), 0.0)
        if (gap > 1e-9 * np.maximum(np.abs(np.where(known, reference, 0.0)), 1.0)).any():
            raise RunCheckError("road energy plus the unexplained energy differs from the reference")
    total = np.nansum(values("sales_share", *seg_pt)[..., future], axis=-2)
    if (np.abs(total - 1) > 1e-9).any():
        raise RunCheckError("sales shares do not sum to one")
    if (stock_pt < -1e-6 * scale[..., None, :]).any():
        raise RunCheckError("negative stock")
    if "production" in ds:
        groups = json.loads(ds.attrs["scenario"])["industry"]["groups"]
        segments = list(ds["segment"].values)
        group_names = list(ds["industry_group"].values)
        flows_by = {
            f: values(f, "industry_group", "year")[..., future]
            for f in ("production", "exports", "imports", "local_assembly")
        }
        for name, spec in groups.items():
            g = group_names.index(name)
            domestic = np.nansum(sales_total[..., [segments.index(n) for n in spec["segments"]], :], axis=-2)
            size = np.maximum(np.abs(domestic), 1.0)
            part = {f: v[..., g, :] for f, v in flows_by.items()}
            if (np.abs(part["local_assembly"] + part["imports"] - domestic) > rtol * size).any():
                raise RunCheckError(f"{name}: domestic sales differ from local assembly + imports")
            if (np.abs(part["production"] - part["local_assembly"] - part["exports"]) > rtol * size).any():
                raise RunCheckError(f"{name}: production differs from local assembly + exports")
            for flow in ("production", "exports", "imports", "local_assembly"):
                if (part[flow] < -1e-6 * size).any():
                    raise RunCheckError(f"{name}: negative {flow}")


def _regions_add_up(ds, rtol: float) -> None:
    """Every regional variable adds up to its national one wherever the provinces have values
    (from the first provincial year, where no province may lack one), no province has a negative
    fleet, sales or removals, and each keeps its register's books after the base year."""
    from motorisasi.scenario.steps.regions import ADDS_UP, NON_NEGATIVE

    first = int(json.loads(ds.attrs.get("regions", "{}")).get("first_year", ds["year"].values[0]))
    since = ds["year"].values >= first
    for name, national in ADDS_UP.items():
        if name not in ds:
            continue
        regional = ds[name]
        # Provinces have values in the same years (NaN before the provincial data): a plain sum.
        total = np.sum(regional.values, axis=regional.dims.index("region"))
        nat = ds[national].transpose(*(d for d in regional.dims if d != "region")).values
        lost = np.isnan(total) & np.isfinite(nat) & since
        if lost.any():
            raise RunCheckError(f"a province has no {national} where the nation has one")
        known = np.isfinite(total)
        scale = np.maximum(np.abs(nat[known]), 1.0)
        gap = np.abs(total[known] - nat[known])
        if (gap > rtol * scale).any():
            raise RunCheckError(
                f"the provinces' {national} do not add up to the national figure (by up to "
                f"{float(np.nanmax(gap)):.3g})"
            )
    for name in (*NON_NEGATIVE, "region_stock"):
        if name in ds and (ds[name].values < -rtol * np.nanmax(np.abs(ds[name].values))).any():
            raise RunCheckError(f"{name} is negative in a province")
    future = ds["year"].values > int(ds.attrs["base_year"])
    reg = ds["region_registered_stock"].values
    change = np.diff(reg, axis=-1)[..., future[1:]]
    flows = (ds["region_sales_total"].values - ds["region_register_removals"].values)[..., future]
    if (np.abs(change - flows) > rtol * np.maximum(np.abs(reg[..., future]), 1.0)).any():
        raise RunCheckError("a province's register does not keep its books (sales and removals)")
