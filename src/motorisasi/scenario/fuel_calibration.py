"""The fleet's road energy calibrated to the energy balance: one distance factor per fuel.

Each segment belongs to the fuel of its residual powertrain (cars and motorcycles: gasoline;
commercial vehicles: diesel). The distance driven of every segment of a fuel is scaled by one
factor, fitted to the reference series of road energy use of that fuel over the calibration
years and bounded by the segments' published distance ranges (``km_range``), as
:func:`motorisasi.model.fuel_balance.fit_scale` describes. A fuel burnt by segments of another
fuel (a diesel car in a gasoline segment) enters that fuel's fit as an offset scaled by its own
segment's factor; the factors are found by repeating the fits until they settle.

Fuel the fleet cannot explain at any published distance (a bound binds) is the
*unexplained* energy: reference minus calibrated model in the years with a reference, and in
the projection its mean over the calibration years (``unexplained_after: hold``) or zero.
The domain returns numbers and codes (``status``); the outputs layer writes the words.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model.fuel_balance import ScaleFit, common_bounds, fit_scale, scale_factors
from motorisasi.scenario.steps.batch import col, plain

FUELS_CALIBRATED = ("gasoline", "diesel")
#: Statuses of a fuel's calibration (the outputs put them into words).
STATUSES = ("calibrated", "bound", "no_reference", "too_few_years", "not_burnt", "off")
MIN_YEARS = 2
ITERATIONS = 200


@dataclass
class FuelFit:
    fuel: str
    status: str
    series: tuple[str, ...]
    segments: tuple[str, ...]
    factor: float = 1.0
    fit: ScaleFit | None = None
    sources: tuple[str, ...] = ()

    def summary(self) -> dict:
        out = {
            "status": self.status,
            "factor": plain(self.factor),
            "series": list(self.series),
            "segments": list(self.segments),
            "sources": list(self.sources),
        }
        if self.fit is not None:
            out.update({k: v for k, v in asdict(self.fit).items() if k != "factor"})
            out["years"] = list(self.fit.years)
            out["ratio"] = list(self.fit.ratio)
            out["unexplained"] = list(self.fit.unexplained)
            out["high"] = self.fit.high if np.isfinite(self.fit.high) else None
        return out


@dataclass
class FuelCalibration:
    """Factors by segment, fits by fuel, and the reference and unexplained energy (PJ) by year."""

    model: str
    fuels: dict[str, FuelFit]
    segment_factor: dict[str, float]
    reference: dict[str, np.ndarray]  # fuel -> (Y,) PJ, NaN where there is none
    unexplained: dict[str, np.ndarray] = field(default_factory=dict)  # fuel -> (Y,) PJ

    def summary(self) -> dict:
        return {"model": self.model, "fuels": {f: fit.summary() for f, fit in self.fuels.items()}}


def reference_energy(series: list[str], country: str, years: np.ndarray, data_dir) -> tuple[np.ndarray, list]:
    """The summed reference (PJ) on ``years`` (NaN in a year any series lacks) and the series used.

    A country without values of a series, or no series, has no reference (all NaN, no series
    used); a year whose values sum to zero or less counts as missing.
    """
    from motorisasi.data.store import merged, series_values

    data = merged(data_dir)
    if not series:
        return np.full(len(years), np.nan), []
    total = np.zeros(len(years))
    used = []
    for name in series:
        if not any(r["country"] == country for r in data.by_series.get(name, [])):
            return np.full(len(years), np.nan), []
        values = series_values(name, country, data_dir=data_dir)
        by_year = {int(y): float(v) for y, v in zip(values.years, values.values, strict=True)}
        total += np.array([by_year.get(int(y), np.nan) for y in years])
        used.append(values)
    # No road fuel at all is no measurement of it: a year summing to zero counts as missing.
    return np.where(total > 0, total, np.nan), used


def calibrate_fuel_use(
    energy_pj: np.ndarray,
    segments: list[str],
    group: dict[str, str],
    years: np.ndarray,
    reference: dict[str, np.ndarray],
    series: dict[str, tuple[str, ...]],
    bounds: dict[str, tuple[float, float] | None],
    model: str,
    fit_from: int,
    fit_to: int,
    exclude: tuple[int, ...] = (),
    unexplained_after: str = "hold",
    base: int | None = None,
    sources: dict[str, tuple[str, ...]] | None = None,
) -> FuelCalibration:
    """Fit one distance factor per fuel; see the module docstring.

    Parameters
    ----------
    energy_pj
        Modelled energy at the assumed distances, ``(S, F, Y)`` in PJ, fuels in the order of
        ``FUELS_CALIBRATED`` followed by any others (only the first two are calibrated); with
        draws ``(D, S, F, Y)``, every draw fitted at once (the factors are then ``(D,)`` arrays and
        the fits' details are not kept).
    group
        The fuel of each segment (of its residual powertrain).
    reference
        Reference road energy by fuel on ``years`` (PJ; NaN where there is none).
    bounds
        Each segment's factor bounds (published range / assumed distance), or None (unbounded).
    """
    n_y = len(years)
    fuels: dict[str, FuelFit] = {}
    factor = dict.fromkeys(segments, 1.0)
    sources = sources or {}
    window = (years >= fit_from) & (years <= fit_to) & ~np.isin(years, list(exclude))
    plans = {}
    for f, fuel in enumerate(FUELS_CALIBRATED):
        members = tuple(s for s in segments if group[s] == fuel)
        ref = reference.get(fuel, np.full(n_y, np.nan))
        if model == "none":
            fuels[fuel] = FuelFit(fuel, "off", series.get(fuel, ()), members)
            continue
        if not members:
            fuels[fuel] = FuelFit(fuel, "not_burnt", series.get(fuel, ()), members)
            continue
        if not np.isfinite(ref).any():
            fuels[fuel] = FuelFit(fuel, "no_reference", series.get(fuel, ()), members, sources=())
            continue
        used = window & np.isfinite(ref) & (ref > 0)
        if used.sum() < MIN_YEARS:
            fuels[fuel] = FuelFit(
                fuel, "too_few_years", series.get(fuel, ()), members, sources=sources.get(fuel, ())
            )
            continue
        limits = [bounds[s] for s in members if bounds.get(s) is not None]
        low, high = (0.0, np.inf)
        if limits:  # the tightest pair (per draw where the distances are drawn)
            low = functools.reduce(np.maximum, [lo for lo, _ in limits])
            high = functools.reduce(np.minimum, [hi for _, hi in limits])
        if np.any(low > high):
            raise MotorisasiError(
                code="scenario.fuel_calibration.no_common_factor", segments=", ".join(members), fuel=fuel
            )
        plans[fuel] = (f, members, ref, used, low, high)

    fits: dict[str, ScaleFit] = {}
    batched = energy_pj.ndim > 3  # draws first
    found: dict[str, tuple] = {}  # fuel -> (factor, unbounded, unexplained in the calibration years)
    for _ in range(ITERATIONS):
        before = dict(factor)
        for fuel, (f, members, ref, used, low, high) in plans.items():
            own = sum(energy_pj[..., segments.index(s), f, :] for s in members)
            others = sum(
                energy_pj[..., segments.index(s), f, :] * col(factor[s]) for s in segments if s not in members
            )
            target = ref - others
            if np.any(target[..., used] <= 0) or np.any(own[..., used] <= 0):
                raise MotorisasiError(code="scenario.fuel_calibration.reference_not_above", fuel=fuel)
            if batched:
                k, free = scale_factors(own[..., used], target[..., used], low, high)
                found[fuel] = (k, free, target[..., used] - k[..., None] * own[..., used])
            else:
                fits[fuel] = fit_scale(own[used], target[used], years[used], low, high)
                k = fits[fuel].factor
                found[fuel] = (k, fits[fuel].unbounded, np.asarray(fits[fuel].unexplained))
            for s in members:
                factor[s] = k
        if all(np.all(np.abs(factor[s] - before[s]) <= 1e-12 * np.maximum(1.0, before[s])) for s in segments):
            break
    else:
        if len(plans) > 1:
            raise MotorisasiError(
                "energy calibration: the factors of "
                + " and ".join(plans)
                + " do not settle (each fuel is burnt in large amounts by the other's segments); "
                "give the segments their own fuel or set energy.calibration.model: none"
            )
    bound: dict[str, np.ndarray] = {}
    for fuel, (_f, members, _ref, _used, low, high) in plans.items():
        k, free, _ = found[fuel]
        bound[fuel] = (np.asarray(free) < low) | (np.asarray(free) > high)
        fuels[fuel] = FuelFit(
            fuel,
            "bound" if np.any(bound[fuel]) else "calibrated",
            series.get(fuel, ()),
            members,
            k,
            fits.get(fuel),
            sources.get(fuel, ()),
        )

    out = FuelCalibration(model, fuels, factor, {k: np.asarray(v, float) for k, v in reference.items()})
    future = years > (base if base is not None else fit_to)
    for f, fuel in enumerate(FUELS_CALIBRATED):
        ref = reference.get(fuel, np.full(n_y, np.nan))
        scaled = sum(energy_pj[..., i, f, :] * col(factor[s]) for i, s in enumerate(segments))
        if fuel in found and unexplained_after == "hold":
            held = np.where(bound[fuel], np.mean(found[fuel][2], axis=-1), 0.0)[..., None]
        else:
            held = 0.0
        if not np.isfinite(ref).any():  # no reference, no line
            out.unexplained[fuel] = np.full(n_y, np.nan)
            continue
        # Years with a reference: reference minus model; the others (the projection, and history
        # after the last reference) carry the held value.
        out.unexplained[fuel] = np.where(np.isfinite(ref) & ~future, ref - scaled, held)
    return out


def factor_bounds(
    nominal_km: float, km_range: tuple[float, float] | None, gap_range: tuple[float, float] | None
) -> tuple[float, float] | None:
    """A segment's bounds on its energy per vehicle: distance range / assumed distance x gap range.

    No distance range leaves the segment unbounded; no gap range keeps the intensities as given.
    """
    if km_range is None:
        return None
    if np.ndim(nominal_km):  # draws of the assumed distance: a pair of bounds per draw
        low, high = (
            km_range[0] / np.asarray(nominal_km, dtype=float),
            km_range[1] / np.asarray(nominal_km, dtype=float),
        )
    else:
        low, high = common_bounds([nominal_km], [km_range[0]], [km_range[1]])
    g_low, g_high = gap_range if gap_range is not None else (1.0, 1.0)
    return low * g_low, high * g_high


def split_factor(
    factor: float, nominal_km: float, km_range: tuple[float, float] | None
) -> tuple[float, float]:
    """The factor as (distance, intensity): distance takes what its published range allows.

    The fuel balance identifies only their product; the rule puts as much of it on the distance
    driven (the least known of the two) as that range allows, the rest on energy per km.
    """
    if km_range is None:
        return factor, 1.0
    distance = np.minimum(np.maximum(factor, km_range[0] / nominal_km), km_range[1] / nominal_km)
    if np.ndim(distance) == 0:
        distance = float(distance)
    return distance, factor / distance


#: Fossil fuels burnt on the road in the APEC energy balance, with the IPCC default emission
#: factor each takes (series of kg CO2 per TJ; natural gas's, 56,100, is in the data as well).
ROAD_FOSSIL = {
    "road_motor_gasoline_consumption_esto": "ipcc_fuel__co2_ef_motor_gasoline",
    "road_gas_diesel_oil_consumption_esto": "ipcc_fuel__co2_ef_gas_diesel_oil",
    "road_natural_gas_consumption_esto": "ipcc_fuel__co2_ef_natural_gas",
}


def observed_road_co2(country: str, data_dir=None) -> tuple[int, float] | None:
    """Road CO2 of the latest year the energy balance covers, Mt: the fossil gasoline, diesel
    and natural gas of ``15.02 Road`` (all road vehicles; biofuels count zero, LPG is left out
    because the data hold no road LPG series) times the IPCC 2006 default factors. None when
    the country lacks one of the fuels."""
    from motorisasi.data.store import constant_value, series_values
    from motorisasi.errors import MotorisasiError
    from motorisasi.scenario.steps.energy import IPCC_DEFAULTS_STORED_AS

    try:
        used = {s: series_values(s, country, data_dir=data_dir) for s in ROAD_FOSSIL}
        factors = {
            s: float(constant_value(f, country, data_dir, IPCC_DEFAULTS_STORED_AS).values[0])
            for s, f in ROAD_FOSSIL.items()
        }
    except MotorisasiError:
        return None
    year = int(min(v.years.max() for v in used.values()))
    # PJ x kg/TJ = 1e3 TJ x kg/TJ = t ... 1 PJ at 1 kg/TJ is 1 t; Mt = 1e-6 t.
    return year, sum(used[s].at(year) * factors[s] for s in ROAD_FOSSIL) / 1e6
