"""Survival curves against closed forms, scipy.stats, numerical quadrature and their invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, special, stats

from motorisasi.errors import ParameterError
from motorisasi.model.survival import survival_curve, validate_survival

A = 80
AGES = np.arange(A, dtype=float)


def test_plain_normal_loses_mass_below_age_zero():
    # P(L > 0) for 15 +/- 5 is Phi(3) = 0.998650 (standard normal table).
    s = survival_curve("normal", 3, entry="end", mean=15, std=5, truncate=False)
    assert s[0] == pytest.approx(0.9986501019683699, abs=1e-12)


def test_truncated_normal_is_conditioned_on_positive_lifetime():
    s = survival_curve("normal", A, entry="middle", mean=15, std=5)
    expected = stats.truncnorm(a=-3, b=np.inf, loc=15, scale=5).sf(AGES + 0.5)
    np.testing.assert_allclose(s, expected, rtol=1e-12, atol=1e-15)
    assert survival_curve("normal", 1, entry="end", mean=15, std=5)[0] == pytest.approx(1.0, abs=1e-15)


def test_lognormal_has_the_requested_mean_and_std_of_the_lifetime():
    m, s = 15.0, 5.0
    sigma = np.sqrt(np.log1p((s / m) ** 2))
    dist = stats.lognorm(s=sigma, scale=m / np.sqrt(1 + (s / m) ** 2))
    # The distribution we compare with really has mean 15 and std 5 (not the ODYM swap).
    assert dist.mean() == pytest.approx(m, rel=1e-12)
    assert dist.std() == pytest.approx(s, rel=1e-12)
    np.testing.assert_allclose(
        survival_curve("lognormal", A, entry="end", mean=m, std=s), dist.sf(AGES), atol=1e-14
    )


def test_weibull_by_scale_and_by_mean_agree_with_scipy():
    k, scale = 2.5, 14.0
    expected = stats.weibull_min(c=k, scale=scale).sf(AGES + 0.5)
    np.testing.assert_allclose(survival_curve("weibull", A, shape=k, scale=scale), expected, atol=1e-14)
    mean = scale * special.gamma(1 + 1 / k)
    np.testing.assert_allclose(survival_curve("weibull", A, shape=k, mean=mean), expected, atol=1e-14)


def test_gamma_by_mean_and_std_agrees_with_scipy():
    dist = stats.gamma(a=(15 / 5) ** 2, scale=25 / 15)
    assert dist.mean() == pytest.approx(15) and dist.std() == pytest.approx(5)
    np.testing.assert_allclose(
        survival_curve("gamma", A, entry="start", mean=15, std=5), dist.sf(AGES + 1), atol=1e-14
    )
    np.testing.assert_allclose(
        survival_curve("gamma", A, entry="start", shape=9, scale=25 / 15), dist.sf(AGES + 1), atol=1e-14
    )


def test_fixed_lifetime_keeps_vehicles_exactly_that_long():
    assert survival_curve("fixed", 8, entry="end", lifetime=5).tolist() == [1, 1, 1, 1, 1, 0, 0, 0]
    # Entering mid-year, a 5.5-year lifetime ends at the end of the fifth year after sale.
    assert survival_curve("fixed", 8, entry="middle", lifetime=5.5).tolist() == [1, 1, 1, 1, 1, 0, 0, 0]
    np.testing.assert_allclose(
        survival_curve("fixed", 5, entry="uniform", lifetime=2.25), [1, 1, 0.25, 0, 0], atol=1e-15
    )


@pytest.mark.parametrize("entry,offset", [("end", 0.0), ("middle", 0.5), ("start", 1.0), (0.3, 0.3)])
def test_entry_sets_the_age_offset(entry, offset):
    s = survival_curve("lognormal", A, entry=entry, mean=12, std=6)
    dist = stats.lognorm(s=np.sqrt(np.log1p(0.25)), scale=12 / np.sqrt(1.25))
    np.testing.assert_allclose(s, dist.sf(AGES + offset), atol=1e-14)


CASES = [
    ("normal", {"mean": 15.0, "std": 5.0}, {}),
    ("normal", {"mean": 4.0, "std": 3.0}, {"truncate": False}),
    ("lognormal", {"mean": 15.0, "std": 7.0}, {}),
    ("weibull", {"shape": 0.8, "scale": 10.0}, {}),
    ("weibull", {"shape": 3.5, "mean": 18.0}, {}),
    ("gamma", {"shape": 0.7, "scale": 12.0}, {}),
    ("gamma", {"mean": 12.0, "std": 3.0}, {}),
    ("fixed", {"lifetime": 7.3}, {}),
    ("empirical", {"ages": [0.0, 3.0, 10.0, 25.0], "survival": [1.0, 0.95, 0.6, 0.0]}, {}),
]


@pytest.mark.parametrize("distribution,params,options", CASES)
def test_uniform_entry_matches_numerical_quadrature(distribution, params, options):
    curve = survival_curve(distribution, 40, entry="uniform", **options, **params)

    def at(a: int, u: float) -> float:
        return float(survival_curve(distribution, a + 1, entry=u, **options, **params)[a])

    points = [7.3 - a for a in range(8) if 0 < 7.3 - a < 1] or None
    quad = [integrate.quad(lambda u, a=a: at(a, u), 0, 1, epsabs=1e-13, points=points)[0] for a in range(40)]
    np.testing.assert_allclose(curve, quad, atol=1e-10)


@pytest.mark.parametrize("distribution,params,options", CASES[2:7])
def test_uniform_curve_integrates_to_the_mean_lifetime(distribution, params, options):
    # sum_a integral_a^{a+1} S = integral_0^inf S = E[L]
    mean = {
        "lognormal": 15.0,
        "weibull": params.get("mean") or params.get("scale", 0) * special.gamma(1 + 1 / params["shape"]),
        "gamma": params.get("mean") or params.get("shape", 0) * params.get("scale", 0),
    }[distribution]
    curve = survival_curve(distribution, 2000, entry="uniform", **options, **params)
    assert curve.sum() == pytest.approx(mean, rel=1e-9)


def test_empirical_table_interpolates_linearly_and_starts_at_one():
    s = survival_curve("empirical", 6, entry="end", ages=[2, 4], survival=[0.8, 0.0])
    np.testing.assert_allclose(s, [1.0, 0.9, 0.8, 0.4, 0.0, 0.0])
    batch = survival_curve("empirical", 5, entry="end", ages=[0, 4], survival=[[1, 0], [1, 0.5]])
    # A table that does not reach zero may not be asked for ages past its end...
    with pytest.raises(ParameterError, match="extend it to zero survival"):
        survival_curve("empirical", 6, entry="end", ages=[0, 4], survival=[1, 0.5])
    np.testing.assert_allclose(batch, [[1, 0.75, 0.5, 0.25, 0], [1, 0.875, 0.75, 0.625, 0.5]])
    # ... but it can be used within its range.
    np.testing.assert_allclose(
        survival_curve("empirical", 5, entry="end", ages=[0, 4], survival=[1, 0.5]),
        [1, 0.875, 0.75, 0.625, 0.5],
    )


def test_parameters_broadcast_per_series_and_per_cohort():
    per_series = survival_curve("normal", 30, mean=np.array([10.0, 15.0, 20.0]), std=4.0)
    assert per_series.shape == (3, 30)
    np.testing.assert_allclose(per_series[1], survival_curve("normal", 30, mean=15.0, std=4.0))
    # 2 regions x 5 cohorts whose lifetime lengthens by 0.2 years per cohort.
    mean = np.array([[12.0], [16.0]]) + 0.2 * np.arange(5)
    per_cohort = survival_curve("weibull", 30, shape=3.0, mean=mean)
    assert per_cohort.shape == (2, 5, 30)
    np.testing.assert_allclose(per_cohort[1, 4], survival_curve("weibull", 30, shape=3.0, mean=16.8))


@given(
    distribution=st.sampled_from(["normal", "lognormal", "weibull", "gamma", "fixed"]),
    mean=st.floats(0.5, 60),
    cv=st.floats(0.05, 2.0),
    entry=st.sampled_from(["end", "middle", "start", "uniform"]),
    n_ages=st.integers(1, 120),
)
def test_curves_are_survival_curves(distribution, mean, cv, entry, n_ages):
    params = {
        "normal": {"mean": mean, "std": cv * mean},
        "lognormal": {"mean": mean, "std": cv * mean},
        "weibull": {"shape": 1 / cv, "mean": mean},
        "gamma": {"mean": mean, "std": cv * mean},
        "fixed": {"lifetime": mean},
    }[distribution]
    curve = survival_curve(distribution, n_ages, entry=entry, **params)
    assert curve.shape == (n_ages,)
    assert np.all((curve >= 0) & (curve <= 1))
    assert np.all(np.diff(curve) <= 0)


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: survival_curve("normal", 10, mean=-3, std=5), "mean must be > 0, got -3.0"),
        (lambda: survival_curve("normal", 10, mean=15, std=0), "std must be > 0, got 0.0"),
        (
            lambda: survival_curve("normal", 10, mean=[15, 0], std=5),
            "mean must be > 0, got 0.0 at index (1,)",
        ),
        (lambda: survival_curve("lognormal", 10, mean=15, std=np.nan), "std must be finite, got nan"),
        (lambda: survival_curve("weibull", 10, shape=-1, scale=5), "shape must be > 0, got -1.0"),
        (lambda: survival_curve("weibull", 10, shape=2, mean=5, scale=5), "expects parameters"),
        (lambda: survival_curve("gamma", 10, mean=5), "expects parameters"),
        (lambda: survival_curve("fixed", 10, lifetime=0), "lifetime must be > 0, got 0.0"),
        (lambda: survival_curve("exponential", 10, mean=5), "distribution must be one of"),
        (lambda: survival_curve("fixed", 0, lifetime=5), "n_ages must be a positive integer, got 0"),
        (lambda: survival_curve("fixed", 10, entry="later", lifetime=5), "entry must be"),
        (lambda: survival_curve("fixed", 10, entry=1.5, lifetime=5), "entry must be between 0 and 1"),
        (lambda: survival_curve("fixed", 10, truncate=False, lifetime=5), "truncate applies only"),
        (lambda: survival_curve("empirical", 10, ages=[0, 5, 3], survival=[1, 0.5, 0]), "ages must increase"),
        (
            lambda: survival_curve("empirical", 10, ages=[0, 5], survival=[0.5, 0.9]),
            "must not increase with age",
        ),
    ],
)
def test_bad_parameters_give_one_line_errors_naming_them(call, message):
    with pytest.raises(ParameterError) as info:
        call()
    text = str(info.value)
    assert message in text
    assert "\n" not in text


def test_validate_survival_names_the_bad_value():
    with pytest.raises(ParameterError, match=r"within \[0, 1\], got 1.5 at index \(1, 0\)"):
        validate_survival([[1.0, 0.5], [1.5, 0.2]])
