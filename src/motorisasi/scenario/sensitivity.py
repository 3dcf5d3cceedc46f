"""Variance-based sensitivity: which uncertain input drives an output (Sobol indices).

The first-order index ``S1`` of an input is the share of the output's variance explained by
that input alone; the total-order index ``ST`` adds its interactions with every other input
(Sobol, I. M., "Global sensitivity indices for nonlinear mathematical models and their Monte
Carlo estimates", *Mathematics and Computers in Simulation* 55, 2001, 271-280; estimators of
Saltelli, A. et al., "Variance based sensitivity analysis of model output", *Computer Physics
Communications* 181, 2010, 259-270). Sampling and analysis are SALib's (Herman, J. and Usher,
W., *Journal of Open Source Software* 2(9), 2017): ``N (K + 2)`` model runs for ``K`` inputs and
``N`` base samples, with bootstrap confidence intervals.

:func:`sobol_indices` works on any vectorised function of the inputs' values;
:func:`scenario_sensitivity` makes that function one output of the batched scenario run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from motorisasi.errors import ParameterError
from motorisasi.model.checks import shown as shown_number

#: Largest base sample: 16,384 x (inputs + 2) model runs.
MAX_BASE = 2**14


@dataclass(frozen=True)
class SobolIndices:
    """First- and total-order indices with the half-widths of their confidence intervals."""

    names: tuple[str, ...]
    first: NDArray[np.float64]
    first_conf: NDArray[np.float64]
    total: NDArray[np.float64]
    total_conf: NDArray[np.float64]
    runs: int
    conf_level: float
    output_mean: float
    output_sd: float

    def ranked(self) -> list[int]:
        """Input positions by total-order index, largest first."""
        return [int(i) for i in np.argsort(-self.total, kind="stable")]

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "conf_level": self.conf_level,
            "output_mean": self.output_mean,
            "output_sd": self.output_sd,
            "inputs": [
                {
                    "input": self.names[i],
                    "first_order": float(self.first[i]),
                    "first_order_conf": float(self.first_conf[i]),
                    "total_order": float(self.total[i]),
                    "total_order_conf": float(self.total_conf[i]),
                }
                for i in self.ranked()
            ],
        }


def sobol_indices(
    func: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    distributions: Sequence[Any],
    names: Sequence[str],
    n_base: int = 1024,
    seed: int = 0,
    conf_level: float = 0.95,
    groups: Sequence[str] | None = None,
) -> SobolIndices:
    """Sobol indices of ``func`` over independent inputs (or groups of them).

    Parameters
    ----------
    func
        Maps an ``(M, K)`` array of input values to ``(M,)`` outputs (all rows at once).
    distributions
        ``K`` frozen :mod:`scipy.stats` distributions (anything with ``ppf``).
    names
        ``K`` input names.
    n_base
        SALib's base sample size ``N`` (a power of two); the model runs ``N (G + 2)`` times for
        ``G`` inputs or groups.
    seed
        Seed of the scrambled Sobol sample and of the bootstrap.
    groups
        The group of each input (None: each input its own): the indices are then those of the
        groups, e.g. the parameters of one fitted model taken together.

    The uniform sample is kept within ``[EPS, 1 - EPS]`` (:mod:`motorisasi.scenario.uncertainty`)
    so that unbounded distributions stay finite.
    """
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    from motorisasi.scenario.uncertainty import EPS, check_seed

    k = len(names)
    if k < 1:
        raise ParameterError(code="scenario.sensitivity.no_inputs")
    check_seed(seed)
    if n_base < 2 or n_base > MAX_BASE or n_base & (n_base - 1):
        raise ParameterError(code="scenario.sensitivity.base_samples", high=MAX_BASE, got=n_base)
    problem = {"num_vars": k, "names": list(names), "bounds": [[0.0, 1.0]] * k}
    if groups is not None and len(set(groups)) < k:
        problem["groups"] = list(groups)
    u = np.clip(sample.sample(problem, n_base, calc_second_order=False, seed=seed), EPS, 1 - EPS)
    x = np.column_stack([d.ppf(u[:, i]) for i, d in enumerate(distributions)])
    y = np.asarray(func(x), dtype=float)
    if y.shape != (len(x),):
        raise ParameterError(code="scenario.sensitivity.outputs_shape", shape=y.shape, runs=len(x))
    if not np.all(np.isfinite(y)):
        raise ParameterError(code="scenario.sensitivity.not_finite")
    if np.ptp(y) == 0:
        raise ParameterError(code="scenario.sensitivity.constant", value=shown_number(float(y[0])))
    # SALib leaves its bootstrap unseeded for a seed of 0: seed + 1 keeps every seed reproducible.
    result = analyze.analyze(problem, y, calc_second_order=False, conf_level=conf_level, seed=seed + 1)
    shown = list(dict.fromkeys(groups)) if "groups" in problem else list(names)
    return SobolIndices(
        names=tuple(shown),
        first=np.asarray(result["S1"], dtype=float),
        first_conf=np.asarray(result["S1_conf"], dtype=float),
        total=np.asarray(result["ST"], dtype=float),
        total_conf=np.asarray(result["ST_conf"], dtype=float),
        runs=len(x),
        conf_level=conf_level,
        output_mean=float(np.mean(y)),
        output_sd=float(np.std(y)),
    )


def output_of(ds, variable: str, year: int, select: Mapping[str, str] | None = None) -> NDArray[np.float64]:
    """One number per draw: ``variable`` in ``year`` at ``select`` (e.g. a segment), summed over
    the dimensions left (segments, powertrains or fuels)."""
    from motorisasi.scenario.schema import ScenarioError

    if variable not in ds:
        raise ScenarioError(code="scenario.sensitivity.not_a_variable", variable=variable)
    da = ds[variable]
    if "year" not in da.dims:
        raise ScenarioError(code="scenario.sensitivity.no_year", variable=variable)
    if year not in ds["year"].values:
        raise ScenarioError(
            code="scenario.sensitivity.year_outside",
            year=year,
            first=int(ds["year"].values[0]),
            last=int(ds["year"].values[-1]),
        )
    for dim, value in (select or {}).items():
        if dim not in da.dims:
            raise ScenarioError(code="scenario.sensitivity.no_dim", dim=dim, variable=variable)
        if value not in da[dim].values:
            raise ScenarioError(
                code="scenario.sensitivity.not_one_of",
                dim=dim,
                value=value,
                known=", ".join(map(str, da[dim].values)),
            )
    if "draw" not in da.dims:
        raise ScenarioError(code="scenario.sensitivity.not_uncertain", variable=variable)
    da = da.sel(year=year, **(select or {}))
    rest = [d for d in da.dims if d != "draw"]
    values = da.sum(rest, min_count=1) if rest else da
    return np.asarray(values.transpose("draw", ...).values if "draw" in values.dims else values.values, float)


def scenario_sensitivity(
    sc,
    variable: str,
    year: int,
    select: Mapping[str, str] | None = None,
    n_base: int = 1024,
    seed: int = 0,
    data_dir=None,
    chunk: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
) -> SobolIndices:
    """Sobol indices of one output of a scenario over its ``uncertainty`` section."""
    from motorisasi.scenario.ensemble import DEFAULT_CHUNK, run_chunks
    from motorisasi.scenario.schema import ScenarioError
    from motorisasi.scenario.uncertainty import distribution

    if not sc.uncertainty:
        raise ScenarioError(code="scenario.sensitivity.no_uncertainty", name=sc.name)
    from scipy import stats

    from motorisasi.model.ownership_fit import parameters_from_normals
    from motorisasi.scenario.steps.demand import _ownership_fit
    from motorisasi.scenario.uncertainty import ownership_model_at

    # One column per number; a fitted model's parameters are one group of standard normals,
    # turned into parameters jointly (their correlations kept) inside the model.
    columns: list[tuple[str, str, Any]] = []
    fits: dict[str, Any] = {}
    for path, spec in sc.uncertainty.items():
        if spec.distribution == "fitted":
            fits[path] = _ownership_fit(ownership_model_at(sc, path), sc, data_dir)
            columns += [(path, f"{path}.{name}", stats.norm()) for name in fits[path].params]
        else:
            columns.append((path, path, distribution(spec)))
    groups = [group for group, _, _ in columns]

    def model(x: NDArray[np.float64]) -> NDArray[np.float64]:
        draws: dict[str, Any] = {}
        for path in dict.fromkeys(groups):
            mine = [i for i, g in enumerate(groups) if g == path]
            if path in fits:
                draws[path] = parameters_from_normals(fits[path], x[:, mine])
            else:
                draws[path] = x[:, mine[0]]
        parts = [
            output_of(ds, variable, year, select)
            for ds in run_chunks(sc, draws, data_dir, chunk or DEFAULT_CHUNK, progress, client)
        ]
        return np.concatenate(parts)

    return sobol_indices(
        model, [d for _, _, d in columns], [n for _, n, _ in columns], n_base, seed, groups=groups
    )
