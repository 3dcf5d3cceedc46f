"""Target analysis: inverted sales paths checked by forward simulation, a QP solver and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import LinearConstraint, minimize

from motorisasi.errors import ParameterError
from motorisasi.model import inflow_driven, survival_curve
from motorisasi.model.ownership import gompertz, partial_adjustment
from motorisasi.model.targets import (
    first_year_reaching,
    required_income_growth,
    required_sales,
    sales_per_point,
)


def test_first_year_reaching():
    years = np.arange(2025, 2031)
    paths = np.array(
        [[90, 100, 120, 150, 160, 170], [90, 91, 92, 93, 94, 95], [150, 151, 152, 153, 154, 155]]
    )
    np.testing.assert_array_equal(first_year_reaching(paths, 150, years), [2028, np.nan, 2025])
    np.testing.assert_array_equal(first_year_reaching(paths, [95, 95, 200], years), [2026, 2030, np.nan])


def _fleet(mean: float, n_initial: int = 30, base: float = 800e3):
    sf = survival_curve("normal", 120, mean=mean, std=0.3 * mean)
    initial = base * sf[:n_initial]  # steady sales of `base` in the past (survivors at age a)
    return sf, initial


@given(
    mean=st.floats(min_value=8, max_value=30),
    n_years=st.integers(min_value=1, max_value=25),
    factor=st.floats(min_value=0.3, max_value=4.0),
    shape=st.sampled_from(["growth", "smooth"]),
)
def test_required_sales_reach_the_target_in_a_forward_run(mean, n_years, factor, shape):
    """Feeding the path through the inflow-driven engine hits the target to 1e-6, within bounds."""
    sf, initial = _fleet(mean)
    today = float(initial.sum())
    target = factor * today
    path = required_sales(target, sf, base_sales=800e3, n_years=n_years, initial=initial, shape=shape)
    if not path.feasible:
        assert path.reason != ""
        assert np.isnan(path.sales).all()
        return
    assert path.reason == ""
    forward = inflow_driven(path.sales, sf, initial=initial)
    assert forward.stock[-1] == pytest.approx(target, rel=1e-6)
    np.testing.assert_allclose(path.stock, forward.stock, rtol=1e-12)
    np.testing.assert_allclose(path.retirements, forward.outflow, rtol=1e-12, atol=1e-6)
    assert (path.sales >= 0).all()
    yoy = path.sales / np.concatenate([[800e3], path.sales[:-1]]) - 1
    assert yoy.max() <= 0.25 + 1e-9
    assert yoy.min() >= -0.25 - 1e-9


def test_required_sales_batch_equals_one_by_one():
    sf = survival_curve("normal", 80, mean=[12.0, 18.0, 25.0], std=5.0)
    initial = 500e3 * sf[:, 1:31]
    targets = np.array([20e6, 25e6, 30e6])
    batch = required_sales(targets, sf, base_sales=[600e3, 700e3, 800e3], n_years=8, initial=initial)
    for i in range(3):
        one = required_sales(
            targets[i], sf[i], base_sales=[600e3, 700e3, 800e3][i], n_years=8, initial=initial[i]
        )
        np.testing.assert_allclose(batch.sales[i], one.sales, rtol=1e-12, equal_nan=True)
        assert batch.reason[i] == one.reason


def _qp(w, gap, base, hi=0.25, lo=-0.25):
    """The same smoothest path from a general solver (scipy trust-constr), in millions."""
    n = len(w)
    d = np.eye(n) - np.eye(n, k=-1)
    first = np.r_[base, np.zeros(n - 1)]

    def objective(s):
        return float(np.sum((d @ s - first) ** 2))

    def gradient(s):
        return 2 * d.T @ (d @ s - first)

    up, down = d.copy(), d.copy()
    up[np.arange(1, n), np.arange(n - 1)] = -(1 + hi)
    down[np.arange(1, n), np.arange(n - 1)] = -(1 + lo)
    constraints = [
        LinearConstraint(up, -np.inf, np.r_[(1 + hi) * base, np.zeros(n - 1)]),
        LinearConstraint(down, np.r_[(1 + lo) * base, np.zeros(n - 1)], np.inf),
        LinearConstraint(w[None, :], gap, gap),
    ]
    result = minimize(
        objective,
        np.full(n, base),
        jac=gradient,
        constraints=constraints,
        method="trust-constr",
        options={"xtol": 1e-12, "gtol": 1e-12, "maxiter": 5000},
    )
    return result.x


@pytest.mark.parametrize("target", [30e6, 25e6, 20e6, 12e6])
def test_smooth_path_is_the_least_squares_path_a_qp_solver_finds(target):
    sf, initial = _fleet(20.0)
    n = 10
    path = required_sales(target, sf, base_sales=800e3, n_years=n, initial=initial, shape="smooth")
    assert path.feasible
    left = inflow_driven(np.zeros(n), sf, initial=initial).stock[-1]
    weights = sf[:n][::-1]
    reference = _qp(weights, (target - left) / 1e6, 0.8)
    np.testing.assert_allclose(path.sales / 1e6, reference, atol=1e-5)


def test_growth_path_is_constant_growth_from_the_base_year():
    sf, initial = _fleet(15.0)
    path = required_sales(1.5 * initial.sum(), sf, base_sales=800e3, n_years=6, initial=initial)
    ratios = path.sales / np.concatenate([[800e3], path.sales[:-1]])
    np.testing.assert_allclose(ratios, 1 + path.growth, rtol=1e-12)


def test_infeasible_targets_are_explained():
    sf, initial = _fleet(20.0)
    today = initial.sum()
    fast = required_sales(5 * today, sf, base_sales=800e3, n_years=5, initial=initial)
    assert not fast.feasible
    assert fast.reason == "above_bound" and fast.bounds == (0.25, -0.25)
    assert fast.needed_growth > 0.25 and fast.reason_growth == fast.needed_growth
    low = required_sales(0.1 * today, sf, base_sales=800e3, n_years=5, initial=initial)
    assert low.reason == "no_sales_needed" and np.isnan(low.reason_growth)
    smooth = required_sales(5 * today, sf, base_sales=800e3, n_years=5, initial=initial, shape="smooth")
    assert smooth.reason == "beyond_bounds" and smooth.reason_growth == pytest.approx(fast.needed_growth)
    # The outputs layer words the codes; the numbers are the path's, in the reader's format.
    from motorisasi.outputs.messages import message

    params = {"growth": 100 * smooth.reason_growth, "upper": 25.0, "lower": -25.0}
    assert "beyond the +25/-25 %/yr bounds" in message("gap.reason.beyond_bounds", "en", **params)
    what = message("gap.reason.what.growth", "id")
    text = message("gap.reason.above_bound", "id", growth=100 * fast.reason_growth, upper=25.0, what=what)
    assert f"{100 * fast.reason_growth:.1f}".replace(".", ",") in text and "+25 %/tahun" in text


def test_constant_growth_closed_form_with_a_fixed_lifetime():
    """With a fixed lifetime of L years and no initial fleet, stock = sum of the last L years' sales."""
    sf = survival_curve("fixed", 50, entry="end", lifetime=30)
    path = required_sales(20e6, sf, base_sales=1e6, n_years=10)
    g = float(path.growth)
    assert sum(1e6 * (1 + g) ** t for t in range(1, 11)) == pytest.approx(20e6, rel=1e-9)


def test_sales_per_point():
    assert sales_per_point(280e6) == pytest.approx(280_000)
    sf = survival_curve("normal", 5, mean=15.0, std=5.0)  # entry mid-year: sf[0] < 1
    assert sales_per_point(280e6, sf[0]) == pytest.approx(280_000 / sf[0])
    with pytest.raises(ParameterError):
        sales_per_point(-1.0)


def test_required_income_growth_reaches_the_target():
    params = {"saturation": 650.0, "alpha": -6.0, "beta": -0.1}
    out = required_income_growth(
        150.0, n_years=10, base_income=14.5, base_ownership=95.0, theta_rise=0.3, **params
    )
    assert out.feasible
    income = 14.5 * (1 + out.growth) ** np.arange(1, 11)
    check = partial_adjustment(gompertz(income, **params), 95.0, 0.3)
    assert check[-1] == pytest.approx(150.0, rel=1e-9)
    np.testing.assert_allclose(out.ownership, check)
    above = required_income_growth(700.0, n_years=10, base_income=14.5, base_ownership=95.0, **params)
    assert not above.feasible and above.reason == "saturates"


def test_required_sales_takes_the_batch_from_the_initial_fleet():
    sf = survival_curve("normal", 40, mean=15.0, std=5.0)
    path = required_sales(500.0, sf, base_sales=10.0, n_years=5, initial=np.ones((2, 3)))
    assert path.sales.shape == (2, 5)
    with pytest.raises(ParameterError, match="broadcast"):
        required_sales([500.0, 600.0, 700.0], sf, base_sales=10.0, n_years=5, initial=np.ones((2, 3)))


def test_required_income_growth_prefers_the_rising_solution_when_speeds_differ():
    """Ownership above its long-run level (V* ~ 95): both directions of income can end at 105."""
    params = {"saturation": 650.0, "alpha": -6.0, "beta": -0.1}
    base = 11.378  # gompertz(11.378) is about 95 per 1,000
    kwargs = {"n_years": 10, "base_income": base, "base_ownership": 120.0, **params}
    out = required_income_growth(105.0, theta_rise=0.3, theta_fall=0.05, **kwargs)
    assert out.feasible and out.growth > 0
    income = base * (1 + out.growth) ** np.arange(1, 11)
    assert partial_adjustment(gompertz(income, **params), 120.0, 0.3)[-1] == pytest.approx(105.0, rel=1e-9)
    flat = np.full(10, base)  # with income just falling, ownership stays above 105: a second solution
    assert partial_adjustment(gompertz(flat, **params), 120.0, 0.05)[-1] > 105.0
