"""The regions step: the national results shared out to provinces, top-down.

Observed years (from the first year of the provincial register to the base year): each
province's share of a segment's register is the observed one; its fleet in use, sales and
removals are the national ones times that share. Projection: each province's ownership follows
the scenario's allocation (:data:`ALLOCATIONS`; by default
:func:`motorisasi.model.regions.logistic`, an S-curve towards a ceiling from its income and
density, all provinces moved by one step that makes them add up to the national register), and
its sales and fleet in use keep its books (:func:`motorisasi.model.regions.books`). The fleet by
powertrain, distance, energy, electricity and CO2 of a province are the national ones times its
share of the segment's fleet in use (every province has the segment's national powertrain mix and
use per vehicle). Every regional variable adds up to the national one (checked after each run,
:func:`motorisasi.scenario.steps.checks.check`).
"""

from __future__ import annotations

import numpy as np

from motorisasi.errors import Said
from motorisasi.model.checks import shown
from motorisasi.model.regions import books, ceilings, centred_log, headroom, logistic, shares_of
from motorisasi.scenario.regions import CEILINGS, REGISTER_SERIES, region_data
from motorisasi.scenario.schema import Scenario, ScenarioError
from motorisasi.scenario.variables import labelled

#: Regional variable -> the national variable it shares out.
ADDS_UP = {
    "region_population": "population",
    "region_registered_stock": "registered_stock",
    "region_in_use_stock": "in_use_stock",
    "region_sales_total": "sales_total",
    "region_register_removals": "register_removals",
    "region_stock": "stock",
    "region_sales": "sales",
    "region_vkt": "vkt",
    "region_energy": "energy",
    "region_fuel_mass": "fuel_mass",
    "region_retirements": "retirements",
    "region_unremoved_registrations": "unremoved_registrations",
    "region_electricity": "electricity",
    "region_co2_ttw": "co2_ttw",
    "region_co2_wtw": "co2_wtw",
}


def ceiling_of(sc: Scenario, name: str) -> float:
    """A segment's national ceiling (vehicles per 1,000 people): the scenario's, or the default
    for its register series."""
    spec = sc.regions
    assert spec is not None
    if name in spec.saturation_per_1000:
        return spec.saturation_per_1000[name]
    key = tuple(sc.segments[name].stock_series)
    if key in CEILINGS:
        return CEILINGS[key][0]
    if spec.model not in CEILING_MODELS:
        return float("nan")  # the allocation uses no ceiling
    raise ScenarioError(code="steps.regions.no_default_ceiling", name=name, series=" + ".join(key))


def observed_register(data, series_by_segment: dict[str, tuple[str, ...]], where: str = "segments"):
    """The provincial register of each segment (its national series added up): (R, S, years)."""
    provincial = []
    for name, series in series_by_segment.items():
        missing = [s for s in series if s not in REGISTER_SERIES]
        if missing:
            raise ScenarioError(
                code="steps.regions.no_provincial_series", where=where, name=name, series=missing[0]
            )
        provincial.append(sum(data.register[REGISTER_SERIES[s]] for s in series))
    return np.stack(provincial, axis=1)


def checked_base(data, base: int) -> None:
    first, last = int(data.register_years[0]), int(data.register_years[-1])
    if not first <= base <= last:
        raise ScenarioError(code="steps.regions.base_outside", first=first, last=last, base=base)


def _split(yrs: np.ndarray, base: int) -> tuple[np.ndarray, int, np.ndarray]:
    """The observed years (to ``base``), the base year's position, and the projection's years
    (from the base year, which starts it)."""
    past = yrs <= base
    b = int(np.flatnonzero(past)[-1])
    ahead = ~past
    ahead[b] = True
    return past, b, ahead


def register_shares(
    data,
    observed: np.ndarray,
    yrs: np.ndarray,
    base: int,
    pop_nat: np.ndarray,
    registered: np.ndarray,
    saturation: np.ndarray,
    income_weight: float,
    density_weight: float,
    segments: list[str],
    model: str = "logistic",
) -> tuple[np.ndarray, np.ndarray]:
    """Each province's share of each segment's register, (..., R, S, T), and the ceilings (S, R).

    ``yrs`` run from the first provincial year; shares are observed to ``base``, then follow the
    allocation ``model`` (:data:`ALLOCATIONS`) on the national ``registered`` (..., S, T) and
    population ``pop_nat`` (..., T)."""
    first = int(data.register_years[0])
    past, b, ahead = _split(yrs, base)
    pi = data.population_shares_for(yrs)  # (R, T)
    lead = registered.shape[:-2]
    reg_share = np.empty(lead + (len(data.names), len(segments), len(yrs)))
    obs = observed[:, :, yrs[past] - first]
    reg_share[..., past] = obs / obs.sum(axis=0, keepdims=True)
    pop_b = pi[:, b] * pop_nat[..., b, None]  # (..., R)
    own_b = 1000.0 * np.moveaxis(reg_share[..., b], -1, -2) * registered[..., b, None] / pop_b[..., None, :]
    ceiling = _ceilings(
        data,
        pi[:, b],
        saturation,
        income_weight,
        density_weight,
        own_b,
        segments,
        base,
        model in CEILING_MODELS,
    )  # (S, R)
    national = 1000.0 * registered[..., ahead] / pop_nat[..., None, ahead]  # (..., S, T')
    if model in CEILING_MODELS:
        mean = np.sum(pi[None, :, ahead] * ceiling[..., None], axis=-2)  # (S, T')
        over = national >= mean
        if np.any(over):
            s, t = np.argwhere(over.reshape((-1,) + over.shape[-2:]))[0][1:]
            year = int(yrs[ahead][t])
            raise ScenarioError(
                code="steps.regions.reaches_mean_ceiling",
                segment=segments[s],
                year=year,
                national=float(national.reshape((-1,) + national.shape[-2:])[0, s, t]),
                mean=float(mean[s, t]),
            )
    own = ALLOCATIONS[model](national, pi[None, :, ahead], own_b, ceiling)  # (..., S, R, T')
    reg_share[..., ahead] = np.moveaxis(shares_of(pi[None, :, ahead] * own), -2, -3)
    return reg_share, ceiling


def _logistic(national, shares, base, ceiling):
    return logistic(national, shares, base, ceiling)[0]


def _headroom(national, shares, base, ceiling):
    own = headroom(national, shares, base, ceiling)[0]
    if np.any(own < 0):  # a fall in national ownership, shared by headroom
        raise ScenarioError(code="steps.regions.headroom_below_zero")
    return own


def _same_ownership(national, shares, base, ceiling):
    # Every province's ownership moves in proportion to the nation's: its share of the register
    # changes only with its share of the population.
    return base[..., None] * (national / national[..., :1])[..., None, :]


def _same_shares(national, shares, base, ceiling):
    # Every province keeps its base-year share of the register.
    return base[..., None] * shares[..., :1] / shares


#: The allocations a scenario can choose (``regions.model``) for the years after the base year.
ALLOCATIONS = {
    "logistic": _logistic,
    "headroom": _headroom,
    "same_ownership": _same_ownership,
    "same_shares": _same_shares,
}
#: The allocations that use the provinces' ceilings.
CEILING_MODELS = ("logistic", "headroom")


def _inputs(sc: Scenario, data_dir):
    """The scenario's regions settings, the provinces' data, the base year, the segments and their
    observed provincial register (R, S, years)."""
    spec = sc.regions
    assert spec is not None
    data = region_data(spec.set, sc.country, data_dir)
    base = sc.years.base
    assert isinstance(base, int)
    checked_base(data, base)
    segments = list(sc.segments)
    observed = observed_register(data, {n: tuple(sc.segments[n].stock_series) for n in segments})
    return spec, data, base, segments, observed


def _ceilings(data, weights, saturation, income_weight, density_weight, own_b, segments, base, check=True):
    """The provinces' ceilings (S, R), refused in one line where a province is already above its own."""
    ceiling = ceilings(
        saturation,
        centred_log(data.income, weights),
        centred_log(data.density, weights),
        np.full(len(segments), income_weight),
        np.full(len(segments), density_weight),
    )
    low = (own_b >= ceiling) | (ceiling <= 0)
    if check and np.any(low):
        s, r = np.argwhere(low.reshape((-1,) + low.shape[-2:]))[0][1:]
        raise ScenarioError(
            code="steps.regions.above_ceiling",
            segment=segments[s],
            name=data.names[r],
            own=float(own_b.reshape((-1,) + own_b.shape[-2:])[0, s, r]),
            base=base,
            ceiling=float(ceiling[s, r]),
        )
    return ceiling


def regional(sc: Scenario, core: dict, years: np.ndarray, data_dir) -> tuple[dict, dict, dict]:
    """The regional variables, their coordinates and the run's notes on them."""
    spec, data, base, segments, observed = _inputs(sc, data_dir)
    first = int(data.register_years[0])
    span = years >= first
    yrs = years[span]
    n_reg = len(data.names)
    pop_nat = np.asarray(core["population"].values)[..., span]  # (..., T)
    pi = data.population_shares_for(yrs)  # (R, T)
    registered = np.asarray(core["registered_stock"].values)[..., span]  # (..., S, T)
    lead = registered.shape[:-2]  # draws
    reg_share, ceiling = register_shares(
        data,
        observed,
        yrs,
        base,
        pop_nat,
        registered,
        np.array([ceiling_of(sc, n) for n in segments]),
        spec.income_weight,
        spec.density_weight,
        segments,
        spec.model,
    )
    _, b, ahead = _split(yrs, base)
    reg = reg_share * registered[..., None, :, :]  # (..., R, S, T)
    in_use_nat = np.asarray(core["in_use_stock"].values)[..., span]
    sales_nat = np.asarray(core["sales_total"].values)[..., span]
    removals_nat = np.asarray(core["register_removals"].values)[..., span]
    retire_nat = np.nansum(np.asarray(core["retirements"].values)[..., span], axis=-2)
    in_use_share = reg_share.copy()
    sales_share = reg_share.copy()
    removal_share = reg_share.copy()
    retire_share = reg_share.copy()
    if ahead.sum() > 1:
        sold, in_use, removed = books(
            np.moveaxis(reg[..., ahead], -3, -2),
            np.moveaxis(reg_share[..., b], -2, -1) * in_use_nat[..., b, None],
            sales_nat[..., ahead],
            removals_nat[..., ahead],
            retire_nat[..., ahead],
        )  # (..., S, R, T')
        after = np.flatnonzero(ahead)[1:]
        sales_share[..., after] = np.moveaxis(sold[..., 1:], -2, -3)
        in_use_share[..., after] = np.moveaxis(shares_of(in_use[..., 1:]), -2, -3)
        retire_share[..., after] = in_use_share[..., after - 1]  # as books() retires them
        removal_share[..., after] = np.moveaxis(removed[..., 1:], -2, -3)

    def spread(share: np.ndarray, name: str, extra: int = 0) -> np.ndarray:
        """The national variable ``name`` (``extra`` axes between segment and year) times the
        regional share, NaN before the provincial data."""
        values = np.asarray(core[name].values)
        v = values[..., None, :, :, :] if extra else values[..., None, :, :]
        product = (share[..., None, :] if extra else share) * v[..., span]
        out = np.full(product.shape[:-1] + (len(years),), np.nan)
        out[..., span] = product
        return out

    pop_out = np.full(pop_nat.shape[:-1] + (n_reg, len(years)), np.nan)
    pop_out[..., span] = pi * pop_nat[..., None, :]
    variables = {
        "region_population": pop_out,
        "region_registered_stock": spread(reg_share, "registered_stock"),
        "region_in_use_stock": spread(in_use_share, "in_use_stock"),
        "region_sales_total": spread(sales_share, "sales_total"),
        "region_register_removals": spread(removal_share, "register_removals"),
        "region_electricity": spread(in_use_share, "electricity"),
        "region_co2_ttw": spread(in_use_share, "co2_ttw"),
        "region_co2_wtw": spread(in_use_share, "co2_wtw"),
    }
    if not lead:  # by powertrain and fuel for single runs; ensembles keep the segment totals
        variables.update(
            {
                "region_stock": spread(in_use_share, "stock", 1),
                "region_sales": spread(sales_share, "sales", 1),
                "region_vkt": spread(in_use_share, "vkt", 1),
                "region_energy": spread(in_use_share, "energy", 1),
                "region_fuel_mass": spread(in_use_share, "fuel_mass", 1),
                "region_retirements": spread(retire_share, "retirements", 1),
            }
        )
    variables["region_unremoved_registrations"] = (
        variables["region_registered_stock"] - variables["region_in_use_stock"]
    )
    _refuse_negative(variables, data.names, segments, years)
    with np.errstate(divide="ignore", invalid="ignore"):
        ownership = 1000.0 * variables["region_registered_stock"] / pop_out[..., None, :]
    out = {k: labelled(k, v) for k, v in variables.items()}
    out["region_ownership_per_1000"] = labelled("region_ownership_per_1000", ownership)
    out["region_ceiling"] = labelled("region_ceiling", np.moveaxis(ceiling, -1, -2))
    notes = {
        "set": spec.set,
        "first_year": first,
        "income_year": data.income_year,
        "density_year": data.density_year,
        "papua_split": spec.set == "provinces"
        and "before 2025 (register) and 2024 (population), and in the population projection, the "
        "new Papua provinces are their 34-province parent's value split by their 2025 shares",
    }
    return out, {"region": list(data.names)}, {"notes": notes, "series": data.series, "ids": data.source_ids}


#: Regional variables that cannot be negative, and what they are called in an error (said).
NON_NEGATIVE = {
    "region_registered_stock": Said("steps.regions.what.register", {}, "register"),
    "region_in_use_stock": Said("steps.regions.what.in_use", {}, "fleet in use"),
    "region_unremoved_registrations": Said(
        "steps.regions.what.unremoved", {}, "vehicles out of use but registered"
    ),
    "region_sales_total": Said("steps.regions.what.sales", {}, "sales"),
    "region_register_removals": Said("steps.regions.what.removals", {}, "removals from the register"),
}


def _refuse_negative(variables: dict, names, segments: list[str], years: np.ndarray) -> None:
    """A province whose books the national path cannot keep is one line naming it, not a failed check."""
    for name, what in NON_NEGATIVE.items():
        values = variables[name]
        scale = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 0.0
        bad = values < -1e-9 * max(scale, 1.0)
        if np.any(bad):
            r, s, t = np.argwhere(bad.reshape((-1,) + bad.shape[-3:]))[0][1:]
            raise ScenarioError(
                code="steps.regions.negative",
                name=names[r],
                segment=segments[s],
                what=what,
                year=int(years[t]),
            )


def province_view(ds, name: str):
    """The run as seen from one province: each national variable with a regional counterpart
    replaced by the province's values (for the same indicators and tables as the nation); the
    variables without one (industry, fiscal, calibration) are left out."""
    import xarray as xr

    if "region" not in ds.dims:
        raise ScenarioError(code="steps.regions.no_provinces")
    if name not in ds["region"].values:
        raise ScenarioError(code="steps.regions.not_among", name=name)
    variables = {}
    for regional, national in (*ADDS_UP.items(), ("region_ownership_per_1000", "ownership_per_1000")):
        if regional in ds:
            variables[national] = ds[regional].sel(region=name, drop=True).assign_attrs(ds[national].attrs)
    view = xr.Dataset(variables, attrs={**ds.attrs, "region": name})
    return view


#: First year of the national register history the bottom-up income response is fitted to.
RESPONSE_FROM = 2010


def bottom_up(sc: Scenario, years: np.ndarray, pop: np.ndarray, income: np.ndarray, data_dir):
    """The scenario with each segment's demand replaced by the provinces' sum (``regions.drive:
    bottom_up``), and notes on how.

    Every province moves along the curve of the scenario's allocation as income grows (provinces'
    incomes grow as the nation's), by ``lambda * ln(y(t) / y(b))``: with ``logistic`` up its
    S-curve by that step (``v = g / (1 + (g / v_b - 1) exp(-step))``), with ``headroom`` closing
    the fraction ``1 - exp(-step)`` of the way to its ceiling. ``lambda`` per segment is the
    scenario's ``income_response`` or the least-squares fit of the same relation, with the
    provinces' mean ceiling, to the national register and income since :data:`RESPONSE_FROM`
    (through the origin, the base year as reference). The national demand becomes the ownership
    path ``sum_r p_r(t) v_r(t)``; the regions step then shares the run's register out with the same
    allocation, which gives back these provinces' paths.
    """
    from motorisasi.data.store import series_values
    from motorisasi.scenario.schema import OwnershipPath

    if np.ndim(income) > 1 or np.ndim(pop) > 1:
        raise ScenarioError(code="steps.regions.bottom_up_drawn")
    spec, data, base, segments, observed = _inputs(sc, data_dir)
    if spec.model not in CEILING_MODELS:
        raise ScenarioError(code="steps.regions.bottom_up_model", model=spec.model, known=CEILING_MODELS)
    logistic_form = spec.model == "logistic"
    first = int(data.register_years[0])
    at_base = observed[:, :, base - first]  # (R, S)
    # The national register of the base year (the run's), shared by the observed provinces.
    registers = {
        s: series_values(s, sc.country, data_dir=data_dir)
        for n in segments
        for s in sc.segments[n].stock_series
    }
    national_b = np.array([sum(registers[s].at(base) for s in sc.segments[n].stock_series) for n in segments])
    ahead = years >= base
    pi = data.population_shares_for(years[ahead])  # (R, T)
    p_base = float(pop[ahead][0])
    own_b = 1000.0 * (at_base / at_base.sum(axis=0)).T * national_b[:, None] / (pi[:, 0] * p_base)  # (S, R)
    saturation = np.array([ceiling_of(sc, n) for n in segments])
    weights = pi[:, 0]
    ceiling = _ceilings(
        data, weights, saturation, spec.income_weight, spec.density_weight, own_b, segments, base
    )
    growth = np.log(income[ahead] / income[ahead][0])  # (T,)
    responses, fitted = {}, {}
    for k, name in enumerate(segments):
        if name in spec.income_response:
            responses[name] = spec.income_response[name]
            continue
        span = np.arange(max(RESPONSE_FROM, int(years[0])), base + 1)
        registered = sum(
            np.array([registers[s].at(int(y)) for y in span]) for s in sc.segments[name].stock_series
        )
        national = 1000.0 * registered / pop[np.searchsorted(years, span)]
        gamma = float(np.sum(weights * ceiling[k]))  # the national ceiling: the provinces' mean
        x = np.log(income[np.searchsorted(years, span)] / income[ahead][0])
        if logistic_form:  # the step in log-odds
            z = np.log(national / (gamma - national)) - np.log(national[-1] / (gamma - national[-1]))
        else:  # minus the log of the headroom left
            z = -np.log((gamma - national) / (gamma - national[-1]))
        value = float(np.sum(x * z) / np.sum(x * x))
        if not np.isfinite(value) or value <= 0:
            raise ScenarioError(
                code="steps.regions.no_response", name=name, first=int(span[0]), value=shown(value, ".3g")
            )
        responses[name] = value
        fitted[name] = {"value": value, "from": int(span[0]), "to": base}
    lam = np.array([responses[n] for n in segments])
    step = lam[:, None, None] * growth[None, None, :]  # (S, 1, T)
    g, b = ceiling[:, :, None], own_b[:, :, None]
    # (S, R, T): up the S-curve, or the headroom closed
    own = g / (1.0 + (g / b - 1.0) * np.exp(-step)) if logistic_form else g - (g - b) * np.exp(-step)
    national_path = np.sum(pi[None, :, :] * own, axis=1)  # (S, T)
    later = years[ahead][1:]
    replaced = {}
    for k, name in enumerate(segments):
        seg = sc.segments[name]
        demand = OwnershipPath(
            type="ownership_path",
            per_1000={int(y): float(v) for y, v in zip(later, national_path[k, 1:], strict=True)},
            reason=f"regions bottom_up: the provinces' sum (income response {responses[name]:.3f})",
        )
        replaced[name] = seg.model_copy(update={"demand": demand})
    notes = {"drive": "bottom_up", "income_response": responses, "fitted": fitted}
    return sc.model_copy(update={"segments": replaced}), notes
