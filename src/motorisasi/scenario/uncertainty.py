"""Uncertain inputs: distributions of a scenario's numbers, and samples of them for ensembles.

A scenario's ``uncertainty`` section maps the place of a number in the file (a dotted path such
as ``segments.cars.lifetime.mean_years`` or ``energy.grid_intensity_g_per_kwh.2040``) to a
distribution (:class:`~motorisasi.scenario.schema.Uncertain`). :func:`sample` draws ``n``
values of every such number at once, from a scrambled Sobol sequence, a Latin hypercube or plain
pseudo-random numbers (:mod:`scipy.stats.qmc`), each mapped through its distribution's quantile
function; :func:`with_values` puts the drawn arrays into the scenario in place of the numbers,
so that the run computes every draw in one pass (the model functions broadcast over a leading
``draw`` axis).

Uniform numbers are kept within ``[EPS, 1 - EPS]`` so that unbounded distributions (normal,
lognormal) stay finite; :func:`check_uncertainty` refuses a distribution whose values at those
quantiles fall outside what the field allows, so every draw is a valid scenario.

The same seed gives the same draws (scipy's generators are seeded; a Sobol sample of a size
that is not a power of two is the first ``n`` points of the next power of two).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from motorisasi.errors import ParameterError, Said
from motorisasi.scenario.schema import ScenarioError, _shown

#: Smallest and largest uniform number used (so that a normal's draws are at most ~4.75 sd out).
EPS = 1e-6
SAMPLERS = ("sobol", "lhs", "random")

#: Where a ``fitted`` entry may stand: a demand on the ownership model (or the model after a target).
FITTED = r"segments\.\w+\.demand(\.after_model)?"

#: The numbers an ensemble can vary (regular expressions over the dotted paths).
SUPPORTED = (
    r"drivers\.income_growth_pct",
    r"segments\.\w+\.lifetime\.(mean_years|std_years)",
    r"segments\.\w+\.register_removal\.rate_per_year",
    r"segments\.\w+\.demand\.(growth_pct|after_growth_pct|per_1000)",
    r"segments\.\w+\.demand\.(sales|per_1000)\.\d{4}",
    r"segments\.\w+\.powertrains\.\w+\.(midpoint_year|steepness_per_year|ceiling|floor|p|q)",
    r"segments\.\w+\.powertrains\.\w+\.(share|units)\.\d{4}",
    r"segments\.\w+\.(km_per_year|km_decline_pct)",
    r"segments\.\w+\.energy\.\w+\.(intensity_mj_per_km|improvement_pct|electric_share)",
    r"energy\.grid_intensity_g_per_kwh\.\d{4}",
    r"energy\.charging_loss",
    r"industry\.fiscal\.crude_usd_per_bbl\.\d{4}",
    r"industry\.fiscal\.idr_per_usd(\.\d{4})?",
    r"industry\.fiscal\.fuels\.\w+\.(retail_idr_per_l|market_idr_per_l|fixed_subsidy_idr_per_l)\.\d{4}",
    r"industry\.groups\.\w+\.(exports_growth_pct|import_share\.\d{4})",
    r"industry\.batteries\.(pack_kwh\.\w+\.\w+|nickel_based_share)\.\d{4}",
)


def _drop(path: str) -> Said:
    """How to drop an entry a scenario inherits but no longer has a number for."""
    return Said(
        "error.scenario.uncertainty_drop",
        {"path": path},
        f"; an entry inherited from the scenario this one extends is dropped with '{path}: null'",
    )


def _parts(path: str) -> list[str]:
    return path.split(".")


def _child(obj: Any, part: str, path: str) -> tuple[Any, Any]:
    """The child of ``obj`` named ``part`` and the key it is stored under."""
    from pydantic import BaseModel

    if isinstance(obj, BaseModel):
        if part not in type(obj).model_fields:
            raise ScenarioError(
                code="scenario.uncertainty_no_field",
                path=path,
                section=type(obj).__name__,
                part=_shown(part),
                drop=_drop(path),
            )
        return getattr(obj, part), part
    if isinstance(obj, dict):
        for key in obj:
            if str(key) == part:
                return obj[key], key
        there = ", ".join(str(k) for k in obj) or Said("error.scenario.uncertainty_none", {}, "none")
        raise ScenarioError(
            code="scenario.uncertainty_no_key", path=path, part=_shown(part), there=there, drop=_drop(path)
        )
    raise ScenarioError(code="scenario.uncertainty_inside_number", path=path, part=_shown(part))


def value_at(sc: Any, path: str) -> Any:
    """The value at a dotted path of a scenario (or of any section of it)."""
    obj = sc
    for part in _parts(path):
        obj, _ = _child(obj, part, path)
    return obj


def _replace(obj: Any, parts: list[str], value: Any, path: str) -> Any:
    from pydantic import BaseModel

    if not parts:
        return value
    child, key = _child(obj, parts[0], path)
    new = _replace(child, parts[1:], value, path)
    if isinstance(obj, BaseModel):
        return obj.model_copy(update={key: new})
    out = dict(obj)
    out[key] = new
    return out


def with_values(sc: Any, values: Mapping[str, Any]) -> Any:
    """The scenario with the numbers at the given paths replaced (e.g. by arrays of draws).

    A mapping of arrays at a ``fitted`` place is a set of draws of the ownership model's
    parameters: it is attached to that demand's model (see :func:`ownership_model_at`). The copy
    is not validated again: the values must be ones :func:`check_uncertainty` allows.
    """
    for path, value in values.items():
        if isinstance(value, Mapping):
            model = ownership_model_at(sc, path).model_copy()
            model._draws = dict(value)
            sc = _replace(sc, _parts(path), model, path)
        else:
            sc = _replace(sc, _parts(path), value, path)
    return sc


def ownership_model_at(sc: Any, path: str):
    """The ownership model a ``fitted`` entry draws: the demand itself, or the model after a
    target (its default when the scenario names none)."""
    from motorisasi.scenario.schema import OwnershipModel, OwnershipTarget

    demand = value_at(sc, path.removesuffix(".after_model"))
    if path.endswith(".after_model"):
        if not isinstance(demand, OwnershipTarget) or demand.after != "ownership_model":
            raise ScenarioError(code="scenario.uncertainty_no_after_model", path=path)
        return demand.after_model or OwnershipModel(type="ownership_model")
    if not isinstance(demand, OwnershipModel):
        raise ScenarioError(
            code="scenario.uncertainty_fitted_demand",
            path=path,
            demand=_shown(getattr(demand, "type", demand)),
        )
    return demand


def distribution(spec):
    """The frozen :mod:`scipy.stats` distribution of an :class:`Uncertain` entry."""
    from scipy import stats

    if spec.distribution == "normal":
        if spec.low is None and spec.high is None:
            return stats.norm(spec.mean, spec.sd)
        lo = -np.inf if spec.low is None else (spec.low - spec.mean) / spec.sd
        hi = np.inf if spec.high is None else (spec.high - spec.mean) / spec.sd
        return stats.truncnorm(lo, hi, loc=spec.mean, scale=spec.sd)
    if spec.distribution == "lognormal":
        sigma2 = _log_variance(spec)
        return stats.lognorm(np.sqrt(sigma2), scale=spec.mean * np.exp(-sigma2 / 2))
    if spec.distribution == "uniform":
        return stats.uniform(spec.low, spec.high - spec.low)
    if spec.distribution == "triangular":
        width = spec.high - spec.low
        return stats.triang((spec.mode - spec.low) / width, loc=spec.low, scale=width)
    return stats.beta(spec.a, spec.b, loc=spec.low, scale=spec.high - spec.low)


def _log_variance(spec) -> float:
    """The variance of the logarithm of a lognormal value with the entry's mean and sd."""
    return math.log1p((spec.sd / spec.mean) ** 2)


#: The standard normal's quantile at 1 - EPS (scipy.stats.norm.ppf(1 - 1e-6)).
Z_EXTREME = 4.753424308822899


def extremes(spec) -> tuple[float, float]:
    """Bounds of an entry's draws without scipy (read when a scenario is loaded): its quantiles
    at ``EPS`` and ``1 - EPS`` for the normal and lognormal (a truncated normal within its
    bounds), and the support itself for the bounded distributions (which holds every draw)."""
    kind = spec.distribution
    try:
        if kind == "normal":
            low, high = spec.mean - Z_EXTREME * spec.sd, spec.mean + Z_EXTREME * spec.sd
            return (
                low if spec.low is None else max(low, spec.low),
                high if spec.high is None else min(high, spec.high),
            )
        if kind == "lognormal":
            sigma2 = _log_variance(spec)
            sigma, mu = math.sqrt(sigma2), math.log(spec.mean) - sigma2 / 2
            return math.exp(mu - Z_EXTREME * sigma), math.exp(mu + Z_EXTREME * sigma)
    except (OverflowError, ValueError):
        return math.nan, math.nan
    return spec.low, spec.high


def check_uncertainty(sc: Any) -> None:
    """Refuse an uncertain entry that names no number, one ensembles cannot vary yet, or a
    distribution whose extreme draws (quantiles ``EPS`` and ``1 - EPS``) the field does not allow.

    Raises a :class:`~motorisasi.scenario.schema.ScenarioError` (a ``ValueError``) naming the
    entry, as a code (the scenario loader adds the file).
    """
    from pydantic import BaseModel, ValidationError

    from motorisasi.scenario.schema import problem_said

    for path, spec in sc.uncertainty.items():
        if spec.distribution == "fitted" or re.fullmatch(FITTED, path):
            if spec.distribution != "fitted":
                raise ScenarioError(code="scenario.uncertainty_demand_fitted", path=path)
            if not re.fullmatch(FITTED, path):
                raise ScenarioError(code="scenario.uncertainty_fitted_place", path=path)
            ownership_model_at(sc, path)
            continue
        if not any(re.fullmatch(p, path) for p in SUPPORTED):
            raise ScenarioError(code="scenario.uncertainty_unsupported", path=path)
        current = value_at(sc, path)
        if isinstance(current, bool) or not isinstance(current, (int, float)):
            raise ScenarioError(code="scenario.uncertainty_not_number", path=path, found=_shown(current))
        ends = extremes(spec)
        if not np.all(np.isfinite(ends)):
            raise ScenarioError(code="scenario.uncertainty_not_finite", path=path)
        # The nearest section that validates itself holds the field's rules.
        parts = _parts(path)
        objs = [sc]
        for part in parts[:-1]:
            objs.append(_child(objs[-1], part, path)[0])
        k = max(i for i, o in enumerate(objs) if isinstance(o, BaseModel))
        owner = objs[k]
        which = (
            Said("error.scenario.uncertainty_lowest", {}, "lowest"),
            Said("error.scenario.uncertainty_highest", {}, "highest"),
        )
        for side, end in zip(which, ends, strict=True):
            trial = _replace(owner, parts[k:], float(end), path)
            try:
                type(owner).model_validate(trial.model_dump())
            except ValidationError as exc:
                err = exc.errors()[0]
                # The field's bound as pydantic writes it (1, not 1.0).
                bounds = {name: _whole(v) for name, v in (err.get("ctx") or {}).items()}
                raise ScenarioError(
                    code="scenario.uncertainty_draws_outside",
                    path=path,
                    which=side,
                    end=float(end),
                    why=problem_said({**err, "ctx": bounds}),
                ) from None


def _whole(value: Any) -> Any:
    """A float that is a whole number as an int (as pydantic's messages write a bound)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


#: Seeds a run records (a NetCDF attribute is a 32-bit integer).
MAX_SEED = 2**31 - 1


def check_seed(seed: int) -> int:
    """A seed from 0 to :data:`MAX_SEED`, or an error naming it."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed <= MAX_SEED:
        raise ParameterError(code="scenario.uncertainty.seed_range", high=MAX_SEED, got=seed)
    return int(seed)


def check_observed_years(sc: Any, base: int) -> None:
    """Refuse an uncertain value at a year up to the base year: that year is observed, and the
    run keeps the observation there (the draws would move only the years after it)."""
    for path in sc.uncertainty:
        last = path.rsplit(".", 1)[-1]
        if last.isdigit() and len(last) == 4 and int(last) <= base:
            raise ScenarioError(
                code="scenario.uncertainty_observed_year", path=path, year=int(last), base=base
            )


def sample(
    uncertainty: Mapping[str, Any], n: int, seed: int = 0, sampler: str = "sobol"
) -> dict[str, NDArray[np.float64]]:
    """``n`` draws of every uncertain number: path -> array of shape ``(n,)``.

    ``sampler`` is ``sobol`` (scrambled Sobol points, the first ``n`` of the next power of two),
    ``lhs`` (Latin hypercube) or ``random``; the uniform numbers go through each distribution's
    quantile function, so the inputs are independent. ``fitted`` entries need the fit, so
    :func:`motorisasi.scenario.ensemble.draws_for` draws them.
    """
    if n < 1:
        raise ParameterError(code="scenario.uncertainty.draws_at_least", got=n)
    check_seed(seed)
    paths = [p for p, spec in uncertainty.items() if spec.distribution != "fitted"]
    u = uniforms(len(paths), n, seed, sampler)
    return {p: distribution(uncertainty[p]).ppf(u[:, k]) for k, p in enumerate(paths)}


def uniforms(d: int, n: int, seed: int = 0, sampler: str = "sobol") -> NDArray[np.float64]:
    """``(n, d)`` uniform numbers in ``[EPS, 1 - EPS]`` from the named sampler."""
    from scipy.stats import qmc

    if sampler not in SAMPLERS:
        raise ParameterError(
            code="scenario.uncertainty.sampler_unknown", sampler=sampler, known=", ".join(SAMPLERS)
        )
    if d == 0:
        return np.zeros((n, 0))
    if sampler == "sobol":
        m = max(int(np.ceil(np.log2(n))), 0)
        u = qmc.Sobol(d, scramble=True, seed=seed).random_base2(m)[:n]
    elif sampler == "lhs":
        u = qmc.LatinHypercube(d, seed=seed).random(n)
    else:
        u = np.random.default_rng(seed).random((n, d))
    return np.clip(u, EPS, 1 - EPS)
