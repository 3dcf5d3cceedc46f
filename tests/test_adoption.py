"""Powertrain adoption curves: closed forms, the Bass ODE, and share completion invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.integrate import solve_ivp

from motorisasi.errors import ParameterError
from motorisasi.model.adoption import (
    absolute_to_share,
    bass_share,
    complete_shares,
    interpolate_path,
    logistic_share,
)

YEARS = np.arange(2020, 2061)


def test_logistic_share_is_symmetric_about_its_midpoint():
    s = logistic_share(YEARS, midpoint=2035, steepness=0.3, ceiling=0.9, floor=0.1)
    mid = list(YEARS).index(2035)
    assert s[mid] == pytest.approx(0.5)
    np.testing.assert_allclose(s[mid - 10] + s[mid + 10], 1.0)
    assert np.all(np.diff(s) > 0)


@pytest.mark.parametrize(("p", "q"), [(0.03, 0.38), (0.01, 0.6), (0.1, 0.0)])
def test_bass_share_solves_the_bass_equation(p, q):
    """F' = (p + q F)(1 - F), F(0) = 0, integrated numerically."""
    solution = solve_ivp(
        lambda t, f: (p + q * f) * (1 - f), (0, 40), [0.0], t_eval=np.arange(0, 41), rtol=1e-10, atol=1e-12
    )
    curve = bass_share(YEARS, start=2020, p=p, q=q)
    np.testing.assert_allclose(curve, solution.y[0], atol=1e-7)


def test_bass_share_is_zero_before_start_and_scaled_by_the_ceiling():
    curve = bass_share(YEARS, start=2030, p=0.03, q=0.4, ceiling=0.6)
    assert (curve[YEARS <= 2030] == 0).all()
    assert curve[-1] == pytest.approx(0.6 * bass_share([2060], 2030, 0.03, 0.4)[0] / 1.0, rel=1e-12)
    assert curve.max() < 0.6


def test_curves_batch_over_segments():
    batch = logistic_share(YEARS, midpoint=[2030, 2040], steepness=[0.2, 0.5], ceiling=[0.5, 0.9])
    assert batch.shape == (2, len(YEARS))
    np.testing.assert_allclose(batch[1], logistic_share(YEARS, 2040, 0.5, 0.9))


def test_interpolate_path_is_linear_between_points_and_flat_outside():
    path = interpolate_path(YEARS, [2025, 2030, 2040], [0.0, 0.2, 0.6])
    assert path[YEARS == 2022][0] == 0.0
    assert path[YEARS == 2027][0] == pytest.approx(0.08)
    assert path[YEARS == 2035][0] == pytest.approx(0.4)
    assert path[-1] == 0.6
    with pytest.raises(ParameterError, match="increasing"):
        interpolate_path(YEARS, [2030, 2025], [0.1, 0.2])


@given(arrays(np.float64, (3, 4, 6), elements=st.floats(0, 0.8)))
def test_complete_shares_sum_to_one_and_keep_proportions(alternatives):
    shares, scaled = complete_shares(alternatives, axis=1)
    assert shares.shape == (3, 5, 6)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, atol=1e-12)
    assert (shares >= 0).all()
    total = alternatives.sum(axis=1)
    np.testing.assert_array_equal(scaled, total > 1)
    keep = ~scaled
    np.testing.assert_allclose(
        shares[:, 1:, :].transpose(0, 2, 1)[keep], alternatives.transpose(0, 2, 1)[keep]
    )


def test_absolute_target_becomes_a_share_and_flags_excess():
    share, over = absolute_to_share([600_000, 1_200_000], [1_000_000, 1_000_000])
    assert share.tolist() == [0.6, 1.0]
    assert over.tolist() == [False, True]


def test_bad_parameters_are_refused():
    with pytest.raises(ParameterError, match="ceiling"):
        logistic_share(YEARS, 2030, 0.3, ceiling=1.5)
    with pytest.raises(ParameterError, match="steepness"):
        logistic_share(YEARS, 2030, -0.3)
    with pytest.raises(ParameterError, match="Bass"):
        bass_share(YEARS, 2030, p=0.0, q=0.3)
    with pytest.raises(ParameterError):
        complete_shares([[-0.1, 0.2]])
