"""Estimate the ownership-income model from a country's history or a panel of countries.

Bounded nonlinear least squares (:func:`scipy.optimize.least_squares`) on either

- the static curve, ``V_t = gamma * exp(alpha * exp(beta_c * y_t))``, or
- the dynamic form of Dargay, Gately & Sommer (2007), where each year's ownership is
  predicted from the year before: ``V_t = theta * V*_t + (1 - theta) * V_{t-1}`` with
  ``V*_t`` the Gompertz curve and ``theta`` split into rising- and falling-income speeds
  when asked.

With a substitute (``substitution=True``), ``V*`` loses ``sigma`` vehicles per vehicle of
the substitute per 1,000, ``V* = gamma * exp(alpha * exp(beta * y)) - sigma * S``, floored at
zero: motorcycles give way to cars as car ownership rises.

In a panel the saturation level, ``alpha`` and ``theta`` are shared and each country has its
own ``beta_c`` (as in Dargay, Gately & Sommer). Country characteristics can shift the
saturation level, ``gamma_c = gamma * exp(sum_k s_k x_ck)``: Dargay, Gately & Sommer let it
fall with population density and urbanisation (their eq. 4 is linear in the two; the
exponential keeps every country's level positive), and a 0/1 characteristic is a level factor,
e.g. for vehicle counts kept under another definition. Standard errors come from the Jacobian at the
optimum, ``cov = s^2 (J'J)^-1`` with ``s^2 = SSR / (n - p)``; intervals use Student's t.

A free saturation level is only identified when some country in the data has come close to
it. The fit refuses (:class:`IdentificationError`) when it is not: one country far below any
plausible saturation, an estimate at its bound, or a standard error as large as half the
estimate. Fix the saturation, or fit a panel that includes countries near saturation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from motorisasi.errors import MotorisasiError, ParameterError
from motorisasi.model.checks import shown
from motorisasi.model.ownership import gompertz, saturation_level


class IdentificationError(MotorisasiError):
    """The data cannot identify a parameter of the model (the message says which and what to do)."""


@dataclass(frozen=True)
class CountryHistory:
    """One country's history: years, income (thousand $ per person) and ownership (per 1,000),
    with the ownership of a substitute (per 1,000; e.g. four-wheelers for motorcycles) if any."""

    years: NDArray[np.int64]
    income: NDArray[np.float64]
    ownership: NDArray[np.float64]
    substitute: NDArray[np.float64] | None = None

    @classmethod
    def of(
        cls, years: ArrayLike, income: ArrayLike, ownership: ArrayLike, substitute: ArrayLike | None = None
    ) -> CountryHistory:
        y = np.asarray(years, dtype=np.int64)
        g = np.asarray(income, dtype=float)
        v = np.asarray(ownership, dtype=float)
        s = None if substitute is None else np.asarray(substitute, dtype=float)
        if not (y.shape == g.shape == v.shape) or y.ndim != 1 or (s is not None and s.shape != y.shape):
            if s is None:
                raise ParameterError(
                    code="model.ownership_fit.history_shapes",
                    years=y.shape,
                    income=g.shape,
                    ownership=v.shape,
                )
            raise ParameterError(
                code="model.ownership_fit.history_shapes_substitute",
                years=y.shape,
                income=g.shape,
                ownership=v.shape,
                substitute=s.shape,
            )
        keep = np.isfinite(g) & np.isfinite(v) & (np.isfinite(s) if s is not None else True)
        if np.any(v[keep] < 0) or np.any(g[keep] <= 0) or (s is not None and np.any(s[keep] < 0)):
            raise ParameterError(code="model.ownership_fit.history_values")
        order = np.argsort(y[keep])
        sub = None if s is None else s[keep][order]
        return cls(y[keep][order], g[keep][order], v[keep][order], sub)


@dataclass(frozen=True)
class OwnershipFit:
    """Estimated parameters with standard errors, 95 % intervals and fit statistics."""

    params: dict[str, float]
    stderr: dict[str, float]
    interval: dict[str, tuple[float, float]]
    fixed: dict[str, float]
    countries: tuple[str, ...]
    dynamic: bool
    asymmetric: bool
    residuals: dict[str, NDArray[np.float64]]
    fitted: dict[str, NDArray[np.float64]]
    years: dict[str, NDArray[np.int64]]
    n_obs: int
    rmse: float
    r_squared: float
    covariance: NDArray[np.float64] = field(repr=False)
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)  # as fitted
    #: characteristic -> country -> value, as fitted (empty: one saturation level for all)
    covariates: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    def value(self, name: str) -> float:
        """A parameter, estimated or fixed."""
        if name in self.params:
            return self.params[name]
        if name in self.fixed:
            return self.fixed[name]
        raise KeyError(name)

    def beta(self, country: str) -> float:
        return self.value(f"beta[{country}]") if f"beta[{country}]" in self.params else self.value("beta")

    def saturation(self, country: str | None = None, values: Mapping[str, float] | None = None) -> float:
        """Saturation level (per 1,000) of a fitted ``country``, or of one with characteristics
        ``values`` (every fitted characteristic needed); the base level when neither is given."""
        if not self.covariates:
            return self.value("saturation")
        if values is None and country is not None:
            values = {k: v[country] for k, v in self.covariates.items()}
        shifts, x = _shift_vector(self.params, self.covariates, values)
        return float(saturation_level(self.value("saturation"), shifts, x))

    def long_run(self, country: str, income: ArrayLike) -> NDArray[np.float64]:
        """The fitted long-run ownership curve ``V*`` for ``country`` at ``income``."""
        return gompertz(income, self.saturation(country), self.value("alpha"), self.beta(country))

    def theta(self) -> tuple[float, float]:
        """(rising, falling) adjustment speeds; (1, 1) for a static fit."""
        if not self.dynamic:
            return 1.0, 1.0
        if self.asymmetric:
            return self.value("theta_rise"), self.value("theta_fall")
        return self.value("theta"), self.value("theta")


_BOUNDS = {
    "saturation": (50.0, 1500.0),
    "alpha": (-50.0, -1e-3),
    "beta": (-5.0, -1e-4),
    "theta": (1e-3, 1.0),
    "theta_rise": (1e-3, 1.0),
    "theta_fall": (1e-3, 1.0),
    "shift": (-10.0, 10.0),
    "substitution": (-5.0, 5.0),
}


def _shift_vector(params, covariates: Mapping[str, Mapping[str, float]], values):
    """(shifts, characteristics) on the last axis, in the fit's order of characteristics."""
    if values is None:
        raise ParameterError(code="model.ownership_fit.characteristics_needed")
    missing = [k for k in covariates if k not in values or not np.isfinite(values[k])]
    if missing:
        raise ParameterError(code="model.ownership_fit.characteristics_missing", missing=", ".join(missing))
    shifts = np.stack([np.asarray(params[f"shift[{k}]"], dtype=float) for k in covariates], axis=-1)
    return shifts, np.array([float(values[k]) for k in covariates])


def fit_ownership(
    history: Mapping[str, CountryHistory],
    *,
    dynamic: bool = True,
    asymmetric: bool = False,
    saturation: float | None = None,
    country_beta: bool = True,
    saturation_bounds: tuple[float, float] | None = None,
    covariates: Mapping[str, Mapping[str, float]] | None = None,
    substitution: bool = False,
) -> OwnershipFit:
    """Fit the Gompertz ownership model to one or more countries' histories.

    Parameters
    ----------
    history : mapping of country code to :class:`CountryHistory`
        Income in thousand constant $ per person, ownership in vehicles per 1,000 people.
    dynamic : bool
        Fit the partial-adjustment form (each year predicted from the year before; needs
        consecutive years) rather than the static curve.
    asymmetric : bool
        Separate adjustment speeds for rising and falling income (dynamic fits only).
    saturation : float, optional
        Fix the saturation level (vehicles per 1,000) instead of estimating it.
    country_beta : bool
        Each country its own ``beta`` (default) or one shared ``beta``.
    saturation_bounds : (float, float), optional
        Bounds for a free saturation level (default 50-1,500).
    covariates : mapping of name to (mapping of country to value), optional
        Characteristics that shift each country's saturation level, ``gamma * exp(sum s_k x_ck)``
        (one coefficient ``shift[name]`` each); ``saturation`` is then the level at ``x = 0``, so
        centre continuous characteristics on a reference. Every country needs every value.
    substitution : bool
        Estimate ``sigma``, the vehicles given up per vehicle of the substitute (every history
        needs its ``substitute``).
    """
    if not history:
        raise ParameterError(code="model.ownership_fit.no_history")
    if asymmetric and not dynamic:
        raise ParameterError(code="model.ownership_fit.asymmetric_static")
    countries = tuple(history)
    names: list[str] = []
    if saturation is None:
        names.append("saturation")
    names.append("alpha")
    names += [f"beta[{c}]" for c in countries] if country_beta else ["beta"]
    shifts = _covariates(covariates, countries)
    names += [f"shift[{k}]" for k in shifts]
    if substitution:
        lacking = [c for c, h in history.items() if h.substitute is None]
        if lacking:
            raise ParameterError(code="model.ownership_fit.no_substitute", countries=", ".join(lacking))
        names.append("substitution")
    if dynamic:
        names += ["theta_rise", "theta_fall"] if asymmetric else ["theta"]
    fixed = {} if saturation is None else {"saturation": float(_check_saturation(saturation))}

    rows = _design(history, dynamic)
    n_obs = sum(len(r[0]) for r in rows.values())
    if n_obs <= len(names):
        raise IdentificationError(
            code="model.ownership_fit.too_few_observations", n_obs=n_obs, n=len(names), names=", ".join(names)
        )
    if saturation is None:
        _refuse_unidentified_saturation(history)
    if asymmetric and not any(np.any(r[1] <= r[4]) for r in rows.values()):
        raise IdentificationError(code="model.ownership_fit.no_falling_income")

    lower, upper = [], []
    for name in names:
        base = name.split("[")[0]
        lo, hi = saturation_bounds if (base == "saturation" and saturation_bounds) else _BOUNDS[base]
        lower.append(lo)
        upper.append(hi)
    x0 = _start(history, names, fixed, np.array(lower), np.array(upper))

    def unpack(x: NDArray[np.float64]) -> dict[str, float]:
        return {**fixed, **dict(zip(names, x, strict=True))}

    def residuals(x: NDArray[np.float64]) -> NDArray[np.float64]:
        p = unpack(x)
        return np.concatenate(
            [_predict(p, c, r, dynamic, asymmetric, country_beta, shifts) - r[2] for c, r in rows.items()]
        )

    from scipy.optimize import least_squares
    from scipy.special import stdtrit  # Student's t quantile (scipy.stats is slow to import)

    result = least_squares(
        residuals,
        x0,
        bounds=(lower, upper),
        x_scale="jac",
        method="trf",
        ftol=1e-12,
        xtol=1e-12,
        gtol=1e-12,
        max_nfev=20_000,
    )
    resid = result.fun
    dof = n_obs - len(names)
    s2 = float(resid @ resid) / dof
    jac = result.jac
    try:
        cov = np.linalg.inv(jac.T @ jac) * s2
    except np.linalg.LinAlgError:
        cov = np.full((len(names), len(names)), np.inf)
    se = np.sqrt(np.clip(np.diag(cov), 0, np.inf))
    q = float(stdtrit(dof, 0.975))
    estimated = {n: float(v) for n, v in zip(names, result.x, strict=True)}
    stderr = {n: float(s) for n, s in zip(names, se, strict=True)}
    interval = {n: (v - q * stderr[n], v + q * stderr[n]) for n, v in estimated.items()}

    _refuse_unidentified(estimated, stderr, names, lower, upper, saturation is None)

    observed = np.concatenate([r[2] for r in rows.values()])
    total = float(((observed - observed.mean()) ** 2).sum())
    split = np.cumsum([len(r[2]) for r in rows.values()])[:-1]
    per_country = dict(zip(countries, np.split(resid, split), strict=True))
    return OwnershipFit(
        params=estimated,
        stderr=stderr,
        interval=interval,
        fixed=fixed,
        countries=countries,
        dynamic=dynamic,
        asymmetric=asymmetric,
        residuals=per_country,
        fitted={c: rows[c][2] + per_country[c] for c in countries},
        years={c: rows[c][0] for c in countries},
        n_obs=n_obs,
        rmse=float(np.sqrt(resid @ resid / n_obs)),
        r_squared=1.0 - float(resid @ resid) / total if total > 0 else float("nan"),
        covariance=cov,
        bounds={n: (float(lo), float(hi)) for n, lo, hi in zip(names, lower, upper, strict=True)},
        covariates=shifts,
    )


def _covariates(covariates, countries) -> dict[str, dict[str, float]]:
    """The characteristics as name -> country -> value, checked: all countries, finite, varying."""
    out: dict[str, dict[str, float]] = {}
    for name, values in (covariates or {}).items():
        missing = [c for c in countries if c not in values or not np.isfinite(float(values[c]))]
        if missing:
            raise ParameterError(
                code="model.ownership_fit.covariate_missing", name=name, missing=", ".join(missing)
            )
        out[name] = {c: float(values[c]) for c in countries}
        if np.ptp(list(out[name].values())) == 0:
            raise IdentificationError(code="model.ownership_fit.covariate_constant", name=name)
    return out


def _refuse_unidentified(estimated, stderr, names, lower, upper, free_saturation) -> None:
    """Refuse estimates stuck at a bound or with a standard error above half their size."""
    for name, lo, hi in zip(names, lower, upper, strict=True):
        value, sd = estimated[name], stderr[name]
        at_bound = np.isclose(value, lo, rtol=1e-4, atol=1e-9) or (
            np.isclose(value, hi, rtol=1e-4, atol=1e-9) and not name.startswith("theta")
        )
        # A characteristic's effect may truly be near zero: only a bound or no finite error refuses it.
        vague = sd > 0.5 * abs(value) and not name.startswith(("shift", "substitution"))
        if at_bound or not np.isfinite(sd) or vague:
            raise IdentificationError(
                code=(
                    "model.ownership_fit.unidentified_free_saturation"
                    if free_saturation
                    else "model.ownership_fit.unidentified"
                ),
                name=name,
                estimate=shown(value, ".4g"),
                stderr=shown(sd, ".3g"),
                low=shown(lo),
                high=shown(hi),
            )


def _check_saturation(value: float) -> float:
    if not np.isfinite(value) or value <= 0:
        raise ParameterError(code="model.ownership_fit.saturation", got=shown(value, "r"))
    return value


def _design(history: Mapping[str, CountryHistory], dynamic: bool) -> dict[str, tuple]:
    """Per country: (years, income, observed ownership, previous ownership, previous income,
    substitute ownership or None)."""
    rows = {}
    for country, h in history.items():
        if dynamic:
            consecutive = np.diff(h.years) == 1
            idx = np.nonzero(consecutive)[0] + 1
            rows[country] = (
                h.years[idx],
                h.income[idx],
                h.ownership[idx],
                h.ownership[idx - 1],
                h.income[idx - 1],
                None if h.substitute is None else h.substitute[idx],
            )
        else:
            rows[country] = (h.years, h.income, h.ownership, None, None, h.substitute)
        if len(rows[country][0]) == 0:
            if dynamic:
                raise ParameterError(code="model.ownership_fit.no_consecutive_years", country=country)
            raise ParameterError(code="model.ownership_fit.no_years", country=country)
    return rows


def _predict(p, country, rows, dynamic, asymmetric, country_beta, shifts) -> NDArray[np.float64]:
    _, income, _, previous, previous_income, substitute = rows
    beta = p[f"beta[{country}]"] if country_beta else p["beta"]
    gamma = saturation_level(
        p["saturation"], [p[f"shift[{k}]"] for k in shifts], [v[country] for v in shifts.values()]
    )
    target = _substituted(
        gamma * np.exp(p["alpha"] * np.exp(beta * income)), p.get("substitution"), substitute
    )
    if not dynamic:
        return target
    # A rising-income year adjusts at theta_rise, a falling one at theta_fall.
    theta = np.where(income > previous_income, p["theta_rise"], p["theta_fall"]) if asymmetric else p["theta"]
    return theta * target + (1.0 - theta) * previous


def _refuse_unidentified_saturation(history: Mapping[str, CountryHistory]) -> None:
    """Refuse before fitting when no country's data bend towards saturation."""
    if len(history) > 1:
        return
    ((country, h),) = history.items()
    growth = np.diff(h.ownership) / np.maximum(h.ownership[:-1], 1e-9)
    still_fast = len(growth) < 10 or np.median(growth[-10:]) > 0.02
    if len(h.years) < 30 or still_fast:
        rate = 100 * np.median(growth[-10:]) if len(growth) else float("nan")
        raise IdentificationError(
            code="model.ownership_fit.still_growing", country=country, n=len(h.years), rate=shown(rate, ".1f")
        )


def _start(history, names, fixed, lower, upper) -> NDArray[np.float64]:
    top = max(float(h.ownership.max()) for h in history.values())
    gamma = fixed.get("saturation", min(max(1.3 * top, 100.0), 1000.0))
    alpha = -5.0
    x = []
    for name in names:
        if name == "saturation":
            x.append(gamma)
        elif name == "alpha":
            x.append(alpha)
        elif name.startswith("beta"):
            hs = [history[name[5:-1]]] if "[" in name else list(history.values())
            y = np.median(np.concatenate([h.income for h in hs]))
            v = np.median(np.concatenate([h.ownership for h in hs]))
            ratio = np.clip(v / gamma, 1e-6, 0.99)
            b = np.log(np.log(ratio) / alpha) / y if y > 0 else -0.1
            x.append(float(b) if np.isfinite(b) and b < 0 else -0.1)
        elif name.startswith(("shift", "substitution")):
            x.append(0.0)
        else:
            x.append(0.2)
    return np.clip(np.array(x), lower + 1e-9 * np.abs(lower), upper - 1e-9 * np.abs(upper))


def simulate(
    fit: OwnershipFit,
    country: str | None,
    income: ArrayLike,
    start: float,
    beta: float | None = None,
    saturation: float | None = None,
    substitute: ArrayLike | None = None,
):
    """Ownership simulated forward from ``start`` with the given income path (multi-step).

    ``income[0]`` is the year of ``start``; each later year follows the fitted partial
    adjustment from the *simulated* year before (never an observed one):
    ``V_t = theta * V*(income_t) + (1 - theta) * V_{t-1}``, with the rising or falling speed
    by the income change. ``beta`` and ``saturation`` override the country's income response
    and saturation level (for a country outside the fit; without ``saturation`` such a country
    gets the base level, which needs a fit without characteristics). A static fit returns the
    long-run curve. A fit with substitution needs the ``substitute``'s ownership on the same
    years (per 1,000). Returns ``(T,)`` per 1,000.

    >>> fit = OwnershipFit({"theta": 0.5}, {}, {}, {"saturation": 600.0, "alpha": -5.0, "beta": -0.1},
    ...                    (), True, False, {}, {}, {}, 0, 0.0, 0.0, np.zeros((1, 1)))
    >>> path = simulate(fit, None, [10.0, 10.0], 100.0)
    >>> bool(np.isclose(path[1], 0.5 * 600 * np.exp(-5 * np.exp(-1.0)) + 0.5 * 100.0))
    True
    """
    b = beta if beta is not None else (fit.beta(country) if country is not None else fit.value("beta"))
    gamma = saturation if saturation is not None else fit.saturation(country)
    # One draw: the fitted values themselves, through the same loop as every draw.
    point = {k: np.array([fit.value(k)]) for k in (*fit.params, *fit.fixed)}
    paths = simulate_draws(fit, point, income, start, beta=b, saturation=gamma, substitute=substitute)
    return paths[0] if np.ndim(income) == 1 else paths


def parameter_draws(fit: OwnershipFit, n: int, seed: int = 0) -> dict[str, NDArray[np.float64]]:
    """Draws of the estimated parameters from their asymptotic normal distribution, within bounds.

    The Krinsky-Robb method (Krinsky, I. and Robb, A. L., "On approximating the statistical
    properties of elasticities", *Review of Economics and Statistics* 68(4), 1986, 715-719):
    ``n`` vectors from N(estimate, covariance) of the least-squares fit, truncated to the bounds
    the fit used (a draw outside them is discarded and drawn again, so near a bound the draws'
    mean moves away from it), so that any function of the parameters (a required income growth,
    a forecast) gets a distribution. Fixed parameters are repeated. Returns name -> (n,).

    >>> fit = OwnershipFit({"beta": -0.1}, {"beta": 0.01}, {}, {"saturation": 600.0, "alpha": -5.0},
    ...                    (), False, False, {}, {}, {}, 10, 1.0, 0.9, np.array([[1e-4]]))
    >>> draws = parameter_draws(fit, 20_000)
    >>> beta = draws["beta"]
    >>> round(float(beta.mean()), 2), round(float(beta.std()), 2), float(draws["saturation"][0])
    (-0.1, 0.01, 600.0)
    """
    if n < 1:
        raise ParameterError(code="model.ownership_fit.n_draws", got=n)
    names, mean, cov, lower, upper = _normal_of(fit)
    rng = np.random.default_rng(seed)
    out = np.empty((0, len(names)))
    for _ in range(100):
        batch = rng.multivariate_normal(mean, cov, size=2 * n, method="eigh")
        batch = batch[np.all((batch >= lower) & (batch <= upper), axis=1)]
        out = np.vstack([out, batch])
        if len(out) >= n:
            break
    if len(out) < n:
        raise IdentificationError(code="model.ownership_fit.outside_bounds")
    draws = {k: out[:n, i] for i, k in enumerate(names)}
    draws.update({k: np.full(n, v) for k, v in fit.fixed.items()})
    return draws


def _normal_of(fit: OwnershipFit):
    """The estimated parameters' names, mean, covariance and bounds (the fit's normal approximation)."""
    names = list(fit.params)
    mean = np.array([fit.params[k] for k in names])
    cov = np.asarray(fit.covariance, dtype=float)
    if not np.all(np.isfinite(cov)):
        raise IdentificationError(code="model.ownership_fit.covariance_not_finite")
    lower = np.array([fit.bounds.get(k, _BOUNDS[k.split("[")[0]])[0] for k in names])
    upper = np.array([fit.bounds.get(k, _BOUNDS[k.split("[")[0]])[1] for k in names])
    eigen = np.linalg.eigvalsh((cov + cov.T) / 2) if cov.size else np.zeros(0)
    if eigen.size and eigen.min() < -1e-9 * max(abs(eigen.max()), 1e-300):
        raise IdentificationError(code="model.ownership_fit.covariance_not_psd")
    return names, mean, cov, lower, upper


def parameters_from_normals(fit: OwnershipFit, z: ArrayLike) -> dict[str, NDArray[np.float64]]:
    """Parameters from independent standard normals ``z`` of shape ``(n, K)`` (``K`` estimated
    parameters, in the fit's order): ``estimate + A z`` with ``A A' = covariance`` (its symmetric
    square root), clipped to the fit's bounds; fixed parameters repeated. The deterministic
    counterpart of :func:`parameter_draws`, for quasi-random or variance-based designs (a draw
    outside the bounds is moved onto them rather than drawn again). Returns name -> ``(n,)``.

    >>> fit = OwnershipFit({"beta": -0.1}, {"beta": 0.01}, {}, {"saturation": 600.0, "alpha": -5.0},
    ...                    (), False, False, {}, {}, {}, 10, 1.0, 0.9, np.array([[1e-4]]))
    >>> [round(float(v), 6) for v in parameters_from_normals(fit, [[0.0], [2.0]])["beta"]]
    [-0.1, -0.08]
    """
    names, mean, cov, lower, upper = _normal_of(fit)
    z = np.atleast_2d(np.asarray(z, dtype=float))
    if z.shape[-1] != len(names):
        raise ParameterError(code="model.ownership_fit.z_columns", need=len(names), got=z.shape[-1])
    w, v = np.linalg.eigh((cov + cov.T) / 2)
    root = v @ np.diag(np.sqrt(np.clip(w, 0.0, None))) @ v.T
    values = np.clip(mean + z @ root.T, lower, upper)
    out = {k: values[:, i] for i, k in enumerate(names)}
    out.update({k: np.full(len(z), v) for k, v in fit.fixed.items()})
    return out


def own_beta(
    fit: OwnershipFit,
    income: NDArray[np.float64],
    ownership: NDArray[np.float64],
    upto: int,
    saturation: float | None = None,
    substitute: NDArray[np.float64] | None = None,
) -> float | None:
    """A country's income response from its own years, the other parameters as in ``fit``.

    One-step least squares over the consecutive pairs ``(t-1, t)``, ``t <= upto``, of a yearly
    grid (``income`` in thousand $, ``ownership`` per 1,000, NaN where not observed), with the
    fit's ``alpha`` and adjustment speeds and the given ``saturation`` (default: the fit's base
    level). Returns None with fewer than two pairs.
    """
    from scipy.optimize import minimize_scalar

    t = np.array(
        [k for k in range(1, upto + 1) if np.isfinite(ownership[k]) and np.isfinite(ownership[k - 1])]
    )
    if len(t) < 2 or not np.all(np.isfinite(income[t])) or not np.all(np.isfinite(income[t - 1])):
        return None
    rise, fall = fit.theta()
    theta = np.where(income[t] > income[t - 1], rise, fall)
    gamma = fit.value("saturation") if saturation is None else saturation
    alpha = fit.value("alpha")

    sigma = fit.params.get("substitution")
    s = None if sigma is None else _needed(fit, substitute, income)[t]

    def sse(b: float) -> float:
        star = _substituted(gompertz(income[t], gamma, alpha, b), sigma, s)
        step = theta * star + (1 - theta) * ownership[t - 1]
        return float(np.sum((step - ownership[t]) ** 2))

    lo, hi = _BOUNDS["beta"]
    return float(minimize_scalar(sse, bounds=(lo, hi), method="bounded", options={"xatol": 1e-8}).x)


@dataclass(frozen=True)
class NewCountry:
    """The rule's parameters for a country outside the fit (see :func:`new_country`)."""

    saturation: float
    beta: float
    beta_source: str  # "own" (fitted to the country's years) or "panel" (the panel's median)
    beta_range: tuple[float, float]  # the panel's lowest and highest income response


def new_country(
    fit: OwnershipFit,
    values: Mapping[str, float] | None = None,
    income: ArrayLike | None = None,
    ownership: ArrayLike | None = None,
) -> NewCountry:
    """Saturation and income response for a country the panel was not fitted to.

    The saturation level follows from the country's characteristics ``values`` through the
    fitted shifts (Dargay, Gately & Sommer 2007, sec. 3: saturation falls with density and
    urbanisation); without characteristics in the fit it is the panel's. The income response
    is fitted to the country's own consecutive years when ``income`` and ``ownership`` (a yearly
    grid, NaN where not observed) give at least two (:func:`own_beta`), else it is the median
    of the panel's, whose range goes with it.

    >>> fit = OwnershipFit({"beta[A]": -0.1, "beta[B]": -0.3, "shift[d]": -0.5, "theta": 0.4}, {}, {},
    ...                    {"saturation": 600.0, "alpha": -5.0}, ("A", "B"), True, False, {}, {}, {},
    ...                    0, 0.0, 0.0, np.zeros((1, 1)), covariates={"d": {"A": 0.0, "B": 1.0}})
    >>> rule = new_country(fit, {"d": 2.0})
    >>> round(rule.saturation, 1), rule.beta, rule.beta_source
    (220.7, -0.2, 'panel')
    """
    gamma = fit.saturation(values=values) if fit.covariates else fit.value("saturation")
    betas = np.array([fit.beta(c) for c in fit.countries]) if fit.countries else np.array([fit.value("beta")])
    span = (float(betas.min()), float(betas.max()))
    if income is not None and ownership is not None:
        g, v = np.asarray(income, dtype=float), np.asarray(ownership, dtype=float)
        b = own_beta(fit, g, v, len(g) - 1, saturation=gamma)
        if b is not None:
            return NewCountry(gamma, b, "own", span)
    return NewCountry(gamma, float(np.median(betas)), "panel", span)


def saturation_draws(
    fit: OwnershipFit, draws: Mapping[str, NDArray[np.float64]], values: Mapping[str, float] | None = None
) -> NDArray[np.float64]:
    """The saturation level of each draw for a country with characteristics ``values`` (the base
    level's draws when the fit has no characteristics): :func:`saturation_level` per draw."""
    if not fit.covariates:
        return np.asarray(draws["saturation"], dtype=float)
    shifts, x = _shift_vector(draws, fit.covariates, values)
    return saturation_level(draws["saturation"], shifts, x)


def simulate_draws(
    fit: OwnershipFit,
    draws: Mapping[str, NDArray[np.float64]],
    income: ArrayLike,
    start: float,
    *,
    beta: ArrayLike,
    saturation: ArrayLike,
    substitute: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """:func:`simulate` for every draw of the parameters at once: ``(n, T)`` per 1,000.

    ``draws`` are :func:`parameter_draws` of ``fit`` (``alpha`` and the adjustment speeds are
    read from them); ``beta`` and ``saturation`` are the country's, one per draw (``(n,)``) or
    one for all. ``income[0]`` is the year of ``start``, as in :func:`simulate`; ``income`` is
    one path ``(T,)`` for every draw or one per draw ``(n, T)`` (with one parameter draw, ``n``
    income paths give ``n`` rows). The loop runs over years only.
    """
    g = np.atleast_2d(np.asarray(income, dtype=float))  # (1, T), or one income path per draw
    alpha = np.asarray(draws["alpha"], dtype=float)
    n = len(alpha)
    b = np.broadcast_to(np.asarray(beta, dtype=float), (n,))
    gamma = np.broadcast_to(np.asarray(saturation, dtype=float), (n,))
    target = gompertz(g, gamma[:, None], alpha[:, None], b[:, None])
    if "substitution" in fit.params:
        sigma = np.asarray(draws["substitution"], dtype=float)[:, None]
        needed = _needed(fit, substitute, np.asarray(income))
        target = _substituted(target, sigma, np.atleast_2d(needed))
    if not fit.dynamic:
        return np.asarray(target, dtype=float)
    if fit.asymmetric:
        rise, fall = draws["theta_rise"], draws["theta_fall"]
    else:
        rise = fall = draws["theta"]
    rising = g[:, 1:] > g[:, :-1]
    out = np.empty(target.shape)
    out[:, 0] = start
    for t in range(1, target.shape[-1]):
        theta = np.where(rising[:, t - 1], rise, fall)
        out[:, t] = theta * target[:, t] + (1.0 - theta) * out[:, t - 1]
    return out


def _substituted(target, sigma, substitute):
    """The long-run level less ``sigma`` per unit of the substitute, floored at zero."""
    if sigma is None:
        return target
    return np.maximum(target - sigma * substitute, 0.0)


def _needed(fit: OwnershipFit, substitute, like) -> NDArray[np.float64] | None:
    """The substitute's path, required (and of the income's length) when the fit has substitution."""
    if "substitution" not in fit.params:
        return None
    if substitute is None:
        raise ParameterError(code="model.ownership_fit.substitute_needed")
    s = np.asarray(substitute, dtype=float)
    if s.shape != np.shape(like):
        raise ParameterError(
            code="model.ownership_fit.substitute_shape", shape=s.shape, income=np.shape(like)
        )
    return s
