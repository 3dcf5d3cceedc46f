"""The industry and fiscal step: production, trade, assembly, jobs, battery demand, local
content and the fuel subsidy, from the fleet and the scenario's industry assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from motorisasi.model.adoption import interpolate_path
from motorisasi.model.energy import MJ_PER_PJ
from motorisasi.scenario.schema import (
    Scenario,
    ScenarioError,
)
from motorisasi.scenario.steps.batch import col, in_any_draw
from motorisasi.scenario.steps.inputs import _category_history, _history, _path, _Sources
from motorisasi.scenario.variables import labelled


@dataclass(frozen=True)
class _Context:
    """What every part of the industry step reads: the scenario, its years, and the run's sales
    (axes in the registry's order, draws first when there are any)."""

    sc: Scenario
    years: np.ndarray
    future: np.ndarray
    lead: tuple
    segments: list
    powertrains: list
    sales: np.ndarray  # (..., S, P, Y)
    sales_total: np.ndarray  # (..., S, Y)

    @property
    def proj(self) -> np.ndarray:
        return self.years[self.future]

    def over_segments(self, arr: np.ndarray, names, axis: int) -> np.ndarray:
        """The sum over the named segments (on ``axis``), NaN counting as zero (as xarray's sum does)."""
        return np.nansum(np.take(arr, [self.segments.index(n) for n in names], axis=axis), axis=axis)

    def sales_of(self, segment: str, powertrain: str) -> np.ndarray:
        return self.sales[..., self.segments.index(segment), self.powertrains.index(powertrain), :]


def _industry(
    sc: Scenario,
    run: dict,
    coords: dict,
    results: dict,
    years: np.ndarray,
    sources: _Sources,
    data_dir,
    ncv: dict,
):
    """Supply balance, maker origins, jobs by industry group; batteries by segment; the fuel subsidy.

    ``run`` holds the run's variables so far (labelled from the registry, so their axes are in
    the registry's order) and ``coords`` its coordinates. Returns the new variables, their new
    coordinates, and the years production exceeds capacity by industry group.
    """
    sales = run["sales"].values
    c = _Context(
        sc,
        years,
        years > sc.years.base,
        sales.shape[: sales.ndim - 3],
        [str(s) for s in coords["segment"]],
        [str(p) for p in coords["powertrain"]],
        sales,
        run["sales_total"].values,
    )
    groups = list(sc.industry.groups)
    n_g, n_y, lead = len(groups), len(years), c.lead
    over_segments, sales_total_arr = c.over_segments, c.sales_total
    flows, origins, origin_rows, over_capacity = _groups(c, sources, data_dir)
    prod, exp, imp, local, util, jobs, new, train, local_value, sme_value = flows
    gwh, fleet_gwh, nickel = _batteries(c, results)
    fiscal = sc.industry.fiscal
    fx, crude, retail, economic, subsidy, compensation, forgone = _fiscal(c, run, coords, ncv)

    new_vars = {
        "battery_gwh": labelled("battery_gwh", gwh),
        "battery_fleet_gwh": labelled("battery_fleet_gwh", fleet_gwh),
        "nickel": labelled("nickel", nickel),
    }
    new_vars["exchange_rate"] = labelled("exchange_rate", fx)
    if fiscal.crude_usd_per_bbl:
        new_vars["crude_price"] = labelled("crude_price", crude)
    if fiscal.fuels:
        new_vars["fuel_retail_price"] = labelled("fuel_retail_price", retail)
        new_vars["fuel_economic_price"] = labelled("fuel_economic_price", economic)
        new_vars["fuel_subsidy"] = labelled("fuel_subsidy", subsidy / 1e12)
        new_vars["fuel_compensation"] = labelled("fuel_compensation", compensation / 1e12)
        new_vars["fuel_support_usd"] = labelled(
            "fuel_support_usd", (subsidy + compensation) / fx[..., None, :] / 1e9
        )
    if fiscal.tax_forgone_idr:
        new_vars["tax_forgone"] = labelled("tax_forgone", forgone / 1e12)
    new_coords: dict = {}
    if groups:
        new_coords["industry_group"] = groups
        new_vars.update(
            {
                "production": labelled("production", prod),
                "exports": labelled("exports", exp),
                "imports": labelled("imports", imp),
                "local_assembly": labelled("local_assembly", local),
                "capacity_utilisation": labelled("capacity_utilisation", util),
                "jobs": labelled("jobs", jobs),
                "new_workers": labelled("new_workers", new),
                "workers_to_train": labelled("workers_to_train", train),
            }
        )
        if np.isfinite(local_value).any():
            new_vars["local_content_value"] = labelled("local_content_value", local_value / 1e12)
            new_vars["local_content_value_usd"] = labelled(
                "local_content_value_usd", local_value / fx[..., None, :] / 1e9
            )
            new_vars["local_content_sme"] = labelled("local_content_sme", sme_value / 1e12)
        if origins:
            new_coords["origin"] = origins
            data = np.full(lead + (n_g, len(origins), n_y), np.nan)
            for g, name in enumerate(groups):
                domestic = over_segments(sales_total_arr, sc.industry.groups[name].segments, -2)
                for o, origin in enumerate(origins):
                    if origin in origin_rows[name]:
                        data[..., g, o, :] = domestic * origin_rows[name][origin]
            new_vars["sales_by_origin"] = labelled("sales_by_origin", data)
    return new_vars, new_coords, over_capacity


def _groups(c: _Context, sources: _Sources, data_dir):
    """Production, trade, capacity, jobs and local content by industry group, and maker origins."""
    from motorisasi.model.industry import supply_balance, utilisation, workforce

    sc, years, future, proj, lead = c.sc, c.years, c.future, c.proj, c.lead
    powertrains, over_segments = c.powertrains, c.over_segments
    base = sc.years.base
    groups = list(sc.industry.groups)
    n_g, n_y = len(groups), len(years)
    sales_arr, sales_total_arr = c.sales, c.sales_total
    prod, exp, imp, local, util = (np.full(lead + (n_g, n_y), np.nan) for _ in range(5))
    jobs, new, train = (np.full(lead + (n_g, n_y), np.nan) for _ in range(3))
    local_value, sme_value = np.full(lead + (n_g, n_y), np.nan), np.full(lead + (n_g, n_y), np.nan)
    origins: list[str] = []
    origin_rows: dict[str, dict[str, np.ndarray]] = {}
    over_capacity: dict[str, list[int]] = {}
    for g, name in enumerate(groups):
        spec = sc.industry.groups[name]
        domestic = over_segments(sales_total_arr, spec.segments, -2)  # (..., Y)
        prod[..., g, :] = _history(spec.production_series, sc.country, years, sources, data_dir)
        exp[..., g, :] = _history(spec.exports_series, sc.country, years, sources, data_dir)
        imp[..., g, :] = _history(spec.imports_series, sc.country, years, sources, data_dir)
        past = ~future
        local[..., g, past] = domestic[..., past] - imp[..., g, past]
        base_i = list(years).index(base)
        # The base year is observed: its sales and imports are the same in every draw.
        imports_base = float(imp[..., g, base_i].ravel()[0])
        domestic_base = float(domestic[..., base_i].ravel()[0])
        share_base = imports_base / domestic_base if np.isfinite(imports_base) else 0.0
        if not 0 <= share_base <= 1:
            raise ScenarioError(
                code="scenario.industry.imports_share",
                group=name,
                imports=imports_base,
                year=base,
                share=f"{share_base:.3g}",
                domestic=domestic_base,
            )
        share = _path({int(y): v for y, v in spec.import_share.items()}, proj, float(share_base))
        exports_past = exp.reshape(-1, n_g, n_y)[0, g, : base_i + 1]
        known = np.isfinite(exports_past)
        exports_base = float(exports_past[known][-1]) if known.any() else 0.0  # latest at or before base
        exports = exports_base * (1 + col(spec.exports_growth_pct) / 100) ** np.arange(1, len(proj) + 1)
        lo, im, pr = supply_balance(domestic[..., future], share, exports)
        local[..., g, future], imp[..., g, future], prod[..., g, future] = lo, im, pr
        exp[..., g, future] = exports
        if spec.capacity_vehicles:
            made = prod[..., g, :]
            have = np.isfinite(made)
            ratio = utilisation(np.where(have, made, 0.0), spec.capacity_vehicles)[0]
            util[..., g, :] = np.where(have, ratio, np.nan)
            over_capacity[name] = [int(y) for y in years[in_any_draw(np.nan_to_num(util[..., g, :]) > 1)]]
        if spec.workers_per_1000:
            per_vehicle = spec.workers_per_1000 / 1000
            jobs[..., g, :] = prod[..., g, :] * per_vehicle  # NaN where production is unknown
            before = jobs[..., g, base_i]
            j, n, t = workforce(
                prod[..., g, future],
                per_vehicle,
                sc.industry.workforce.attrition_pct / 100,
                sc.industry.workforce.training_share,
                jobs_before=before if np.all(np.isfinite(before)) else None,
            )
            jobs[..., g, future], new[..., g, future], train[..., g, future] = j, n, t
        if spec.local_content is not None:
            lc = spec.local_content
            sales_pt = over_segments(sales_arr, spec.segments, -3)[..., future]  # (..., P, N)
            total = sales_pt.sum(axis=-2, keepdims=True)
            mix = np.divide(sales_pt, total, out=np.zeros_like(sales_pt), where=total > 0)
            value = np.zeros(lead + (len(proj),))
            group_pts = {
                p
                for seg in spec.segments
                for p in [sc.segments[seg].residual_powertrain, *sc.segments[seg].powertrains]
            }
            for pt, points in lc.share.items():
                if pt not in group_pts:
                    raise ScenarioError(
                        code="scenario.industry.not_group_powertrain", group=name, powertrain=pt
                    )
                if pt not in lc.vehicle_value_idr:
                    raise ScenarioError(code="scenario.industry.no_vehicle_value", group=name, powertrain=pt)
                k = powertrains.index(pt)
                share = _path({int(y): v for y, v in points.items()}, proj, 0.0)
                value += local[..., g, future] * mix[..., k, :] * lc.vehicle_value_idr[pt] * share
            local_value[..., g, future] = value
            sme_value[..., g, future] = value * lc.sme_share
        # Maker origins: history from the data, then held (or the scenario's paths); "Other" the rest.
        rows: dict[str, np.ndarray] = {}
        if spec.origin_series:
            for origin, points in _category_history(
                spec.origin_series, sc.country, sources, data_dir
            ).items():
                given = {int(y): v for y, v in spec.origin_shares.get(origin, {}).items()}
                merged_points = {**points, **given}
                xs = sorted(merged_points)
                path = interpolate_path(years, xs, [merged_points[x] for x in xs])
                rows[origin] = np.where(years < min(points), np.nan, path)
        for origin, points in spec.origin_shares.items():
            if origin not in rows:
                rows[origin] = _path({int(y): v for y, v in points.items()}, years, 0.0)
        if rows:
            total = np.nansum(np.stack(list(rows.values())), axis=0)
            if np.any(total > 1 + 1e-9):
                year = int(years[np.argmax(total > 1 + 1e-9)])
                raise ScenarioError(
                    code="scenario.industry.origin_shares_over",
                    group=name,
                    percent=100 * float(total.max()),
                    year=year,
                    series=spec.origin_series,
                )
            rows["Other"] = 1.0 - total
            for origin in rows:
                if origin not in origins:
                    origins.append(origin)
        origin_rows[name] = rows
    flows = (prod, exp, imp, local, util, jobs, new, train, local_value, sme_value)
    return flows, origins, origin_rows, over_capacity


def _batteries(c: _Context, results: dict):
    """New battery capacity by segment and powertrain, the packs in the fleet, and nickel."""
    from motorisasi.model.industry import battery_gwh, nickel_tonnes

    sc, years, future, proj, lead = c.sc, c.years, c.future, c.proj, c.lead
    powertrains, sales_of = c.powertrains, c.sales_of
    n_y = len(years)
    # Batteries by segment and powertrain: new packs, nickel, and the packs in the fleet.
    segments = c.segments
    gwh = np.full(lead + (len(segments), len(powertrains), n_y), np.nan)
    fleet_gwh = np.full(lead + (len(segments), n_y), np.nan)
    for i, seg_name in enumerate(segments):
        packs = sc.industry.batteries.pack_kwh.get(seg_name, {})
        gwh[..., i, :, future] = 0.0
        fleet_gwh[..., i, future] = 0.0
        seg = sc.segments[seg_name]
        names = [seg.residual_powertrain, *seg.powertrains]
        res = results[seg_name]
        for pt, points in packs.items():
            if pt not in names:
                raise ScenarioError(
                    code="scenario.industry.pack_not_powertrain", segment=seg_name, powertrain=pt
                )
            j = names.index(pt)
            pack_new = _path({int(y): v for y, v in points.items()}, proj, 0.0)
            pack_old = _path({int(y): v for y, v in points.items()}, res.start_cohorts, 0.0)
            gwh[..., i, powertrains.index(pt), future] = battery_gwh(
                sales_of(seg_name, pt)[..., future], pack_new
            )
            # Packs in the fleet: each cohort's vehicles of this powertrain x its pack size (kWh).
            new_packs = np.einsum("...tc,...c->...t", res.by_cohort, res.new_shares[..., j, :] * pack_new)
            old_packs = np.einsum("...ta,...a->...t", res.init_by_age, res.init_shares[j] * pack_old)
            fleet_gwh[..., i, future] += (new_packs + old_packs) / 1e6
    batteries = sc.industry.batteries
    ni_share = _path({int(y): v for y, v in batteries.nickel_based_share.items()}, years, 0.0)
    nickel = nickel_tonnes(np.nansum(gwh, axis=(-3, -2)), ni_share, batteries.nickel_kg_per_kwh)
    nickel[..., ~future] = np.nan
    return gwh, fleet_gwh, nickel


def _fiscal(c: _Context, run: dict, coords: dict, ncv: dict):
    """Exchange rate, crude and fuel prices, the fuel subsidy and compensation, and tax forgone."""
    from motorisasi.model.fiscal import economic_price, fuel_support, tax_forgone

    sc, years, future, proj, lead = c.sc, c.years, c.future, c.proj, c.lead
    sales_of = c.sales_of
    base, n_y, segments = sc.years.base, len(years), c.segments
    # Fiscal: subsidy and compensation on litres of the subsidised grade, tax forgone on vehicles.
    fiscal = sc.industry.fiscal
    fuels = list(coords["fuel"])
    fx_points = fiscal.idr_per_usd if isinstance(fiscal.idr_per_usd, dict) else {base: fiscal.idr_per_usd}
    fx = _projected(_path({int(y): v for y, v in fx_points.items()}, proj, 0.0), future)
    crude_points = {int(y): v for y, v in fiscal.crude_usd_per_bbl.items()}
    crude = _projected(_path(crude_points, proj, np.nan), future)
    # Prices may vary by draw (drawn crude prices, exchange rates or price paths).
    price_lead = np.broadcast_shapes(lead, fx.shape[:-1], crude.shape[:-1])
    subsidy, compensation, economic, retail = (
        np.full(price_lead + (len(fuels), n_y), np.nan) for _ in range(4)
    )
    energy_arr = run["energy"].values  # (..., S, F, Y)
    if "energy_unexplained" in run:
        unexplained_arr = run["energy_unexplained"].values  # (..., F, Y)
    for fuel, price in fiscal.fuels.items():
        f = fuels.index(fuel)
        # Road fuel as the subsidised share is defined: the fleet's plus the fuel it does not explain.
        road = np.nansum(energy_arr[..., f, :], axis=-2)[..., future]
        if "energy_unexplained" in run:
            road = np.maximum(road + np.nan_to_num(unexplained_arr[..., f, future]), 0.0)
        litres = road * MJ_PER_PJ / (ncv[fuel] * price.density_kg_per_l)
        retail[..., f, future] = _path({int(y): v for y, v in price.retail_idr_per_l.items()}, proj, 0.0)
        if price.price_formula is not None:
            pf = price.price_formula
            product = crude[..., future] + pf.spread_usd_per_bbl
            if np.any(product < 0):
                at = tuple(np.argwhere(product < 0)[0])
                raise ScenarioError(
                    code="scenario.industry.spread_negative",
                    fuel=fuel,
                    spread=float(pf.spread_usd_per_bbl),
                    crude=float(crude[..., future][at]),
                    year=int(proj[at[-1]]),
                )
            price_f = economic_price(
                crude[..., future],
                fx[..., future],
                pf.spread_usd_per_bbl,
                pf.index_share,
                pf.constant_idr_per_l,
                pf.tax_pct / 100,
            )
            if np.any(price_f < 0):
                at = tuple(np.argwhere(price_f < 0)[0])
                raise ScenarioError(
                    code="scenario.industry.constant_negative",
                    fuel=fuel,
                    constant=float(pf.constant_idr_per_l),
                    price=float(price_f[at]),
                    year=int(proj[at[-1]]),
                )
            economic[..., f, future] = price_f
        else:
            market = {int(y): v for y, v in price.market_idr_per_l.items()}
            economic[..., f, future] = _path(market, proj, 0.0)
        fixed = _path({int(y): v for y, v in price.fixed_subsidy_idr_per_l.items()}, proj, 0.0)
        subsidy[..., f, future], compensation[..., f, future] = fuel_support(
            litres * price.subsidised_share, economic[..., f, future], retail[..., f, future], fixed
        )
    forgone = np.full(lead + (len(segments), n_y), np.nan)
    for seg_name, per_pt in fiscal.tax_forgone_idr.items():
        if seg_name not in segments:
            raise ScenarioError(code="scenario.industry.forgone_not_segment", segment=seg_name)
        i = segments.index(seg_name)
        forgone[..., i, future] = 0.0
        for pt, points in per_pt.items():
            seg = sc.segments[seg_name]
            if pt not in [seg.residual_powertrain, *seg.powertrains]:
                raise ScenarioError(
                    code="scenario.industry.forgone_not_powertrain", segment=seg_name, powertrain=pt
                )
            per_vehicle = _path({int(y): v for y, v in points.items()}, proj, 0.0)
            forgone[..., i, future] += tax_forgone(sales_of(seg_name, pt)[..., future], per_vehicle)
    return fx, crude, retail, economic, subsidy, compensation, forgone


def _projected(values: np.ndarray, future: np.ndarray) -> np.ndarray:
    """Values of the projection years on all years (NaN before), draws first where they vary."""
    out = np.full(values.shape[:-1] + future.shape, np.nan)
    out[..., future] = values
    return out
