"""Stock-turnover engine: analytic cases, naive reference, round trips, invariants, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from motorisasi.errors import ParameterError
from motorisasi.model.stock import inflow_driven, stock_driven
from motorisasi.model.survival import survival_curve
from tests.reference import naive_inflow_driven, naive_stock_driven_clip

RTOL = 1e-9


def assert_close(actual, expected, rtol=RTOL, scale=None):
    """Relative to the size of each series (values near zero get the series' scale).

    ``scale`` overrides that size, e.g. with the initial fleet where it dwarfs the stock.
    """
    actual, expected = np.asarray(actual), np.asarray(expected)
    if expected.size == 0:
        assert actual.shape == expected.shape
        return
    if scale is None:
        scale = np.maximum(np.abs(expected).max(axis=-1, keepdims=True), 1.0)
    assert actual.shape == expected.shape
    assert np.all(np.abs(actual - expected) <= rtol * scale), np.abs(actual - expected).max()


def assert_balanced(result):
    """Mass balance to rounding, relative to the size of the fleet and flows of each series."""
    size = np.maximum.reduce(
        [
            np.abs(result.stock).max(-1),
            np.abs(result.inflow).max(-1),
            np.abs(result.stock_start),
            np.ones(result.stock_start.shape),
        ]
    )
    assert np.all(np.abs(result.balance_residual()).max(-1) <= 1e-12 * size)


# --- analytic cases -------------------------------------------------------------------------


@given(lifetime=st.integers(1, 20), seed=st.integers(0, 2**32 - 1))
def test_fixed_lifetime_stock_is_the_sum_of_the_last_sales(lifetime, seed):
    inflow = np.random.default_rng(seed).uniform(0, 1000, 30)
    result = inflow_driven(inflow, survival_curve("fixed", 30, entry="end", lifetime=lifetime))
    expected = [inflow[max(0, t - lifetime + 1) : t + 1].sum() for t in range(30)]
    assert_close(result.stock, expected)
    # Vehicles leave exactly `lifetime` years after their sale.
    assert_close(result.outflow, [inflow[t - lifetime] if t >= lifetime else 0.0 for t in range(30)])


def test_geometric_survival_with_constant_inflow_reaches_the_closed_form_steady_state():
    q, inflow = 0.9, 250.0
    survival = q ** np.arange(400)
    result = inflow_driven(np.full(400, inflow), survival)
    t = np.arange(400)
    assert_close(result.stock, inflow * (1 - q ** (t + 1)) / (1 - q))
    assert result.stock[-1] == pytest.approx(inflow / (1 - q), rel=1e-12)
    # In steady state retirements equal sales.
    assert result.outflow[-1] == pytest.approx(inflow, rel=1e-12)


def test_initial_fleet_retires_on_schedule():
    # Fixed 4-year life entering at year end: a vehicle of age a at the start leaves in year 3 - a.
    survival = survival_curve("fixed", 20, entry="end", lifetime=4)
    result = inflow_driven(np.zeros(5), survival, initial=[10.0, 20.0, 30.0, 40.0], by_cohort=True)
    assert result.stock_start == 100
    assert result.outflow.tolist() == [40.0, 30.0, 20.0, 10.0, 0.0]
    assert result.stock.tolist() == [60.0, 30.0, 10.0, 0.0, 0.0]
    assert result.initial_stock_by_age[0].tolist() == [10.0, 20.0, 30.0, 0.0]


def test_stock_driven_without_initial_fleet_enters_the_first_stock_as_one_cohort():
    survival = survival_curve("normal", 60, mean=15, std=5, truncate=False)
    result = stock_driven(np.full(60, 1000.0), survival)
    assert result.inflow[0] == pytest.approx(1000.0 / survival[0])
    # The echo: replacement of that single cohort peaks about one lifetime later.
    assert 13 <= int(np.argmax(result.inflow[1:40])) + 1 <= 17


# --- against the naive reference ------------------------------------------------------------

series_shapes = st.sampled_from([(), (3,), (2, 3), (2, 1, 3)])


@given(
    batch=series_shapes,
    n_years=st.integers(1, 25),
    kind=st.sampled_from(["shared", "per_series", "per_cohort", "per_cohort_series"]),
    with_initial=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_inflow_driven_matches_the_naive_reference(batch, n_years, kind, with_initial, seed):
    rng = np.random.default_rng(seed)
    inflow = rng.uniform(0, 100, batch + (n_years,))
    n_start = 6
    ages = n_years + n_start + 1
    cohort = kind.startswith("per_cohort")
    mean_shape = {
        "shared": (),
        "per_series": batch,
        "per_cohort": (n_years,),
        "per_cohort_series": batch + (n_years,),
    }
    mean = rng.uniform(2, 20, mean_shape[kind])
    survival = survival_curve("weibull", ages, shape=2.0, mean=mean)
    initial = rng.uniform(0, 50, batch + (n_start,)) if with_initial else None
    initial_survival = survival_curve("normal", ages, mean=8.0, std=3.0) if with_initial else None
    result = inflow_driven(
        inflow,
        survival,
        cohort_survival=cohort,
        initial=initial,
        initial_survival=initial_survival,
        by_cohort=True,
    )
    full_survival = np.broadcast_to(survival, batch + survival.shape[-2 if cohort else -1 :])
    for index in np.ndindex(*batch):
        stock, outflow, by_cohort = naive_inflow_driven(
            inflow[index],
            full_survival[index],
            initial=None if initial is None else initial[index],
            initial_survival=initial_survival,
            cohort_survival=cohort,
        )
        assert_close(result.stock[index], stock)
        assert_close(result.outflow[index], outflow)
        assert_close(result.stock_by_cohort[index], by_cohort)
    assert result.stock.shape == batch + (n_years,)
    assert_balanced(result)
    # By-cohort arrays add up to the totals.
    from_initial = 0 if initial is None else result.initial_stock_by_age.sum(-1)
    assert_close(result.stock_by_cohort.sum(-1) + from_initial, result.stock)
    out_initial = 0 if initial is None else result.initial_outflow_by_age.sum(-1)
    assert_close(result.outflow_by_cohort.sum(-1) + out_initial, result.outflow)


# --- round trips and invariants on random batches -------------------------------------------


@st.composite
def cases(draw):
    batch = draw(series_shapes)
    n_years = draw(st.integers(1, 60))
    per_series = draw(st.booleans())
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    distribution = draw(st.sampled_from(["normal", "lognormal", "weibull", "gamma"]))
    mean = rng.uniform(3, 30, batch if per_series else ())
    params = {"shape": 2.5, "mean": mean} if distribution == "weibull" else {"mean": mean, "std": 0.4 * mean}
    entry = draw(st.sampled_from(["end", "middle", "start", "uniform"]))
    survival = survival_curve(distribution, n_years + 30, entry=entry, **params)
    initial = rng.uniform(0, 1e5, batch + (30,)) if draw(st.booleans()) else None
    scale = 10 ** draw(st.integers(0, 7))
    return batch, n_years, survival, initial, scale, rng


@given(cases())
def test_inflow_then_stock_driven_gives_back_the_inflows(case):
    batch, n_years, survival, initial, scale, rng = case
    inflow = scale * rng.uniform(0, 1, batch + (n_years,))
    forward = inflow_driven(inflow, survival, initial=initial)
    back = stock_driven(forward.stock, survival, initial=initial)
    assert_close(back.inflow, inflow)
    # Retirements are differences of stock-sized numbers: their rounding is relative to the stock.
    size = np.maximum(np.abs(forward.stock).max(axis=-1, keepdims=True), 1.0)
    assert_close(
        back.outflow, forward.outflow, scale=np.maximum(size, np.abs(forward.outflow).max(-1, keepdims=True))
    )
    assert_balanced(forward)
    assert_balanced(back)


@given(cases())
def test_stock_then_inflow_driven_gives_back_the_stock(case):
    batch, n_years, survival, initial, scale, rng = case
    stock = scale * np.cumsum(rng.uniform(0, 1, batch + (n_years,)), axis=-1)
    back = stock_driven(stock, survival, initial=initial)
    forward = inflow_driven(back.inflow, survival, initial=initial)
    assert_close(forward.stock, stock)
    assert_balanced(back)


@given(cases(), st.floats(0.05, 0.6))
def test_clipping_keeps_the_stock_path_the_balance_and_non_negative_inflows(case, fall):
    batch, n_years, survival, initial, scale, rng = case
    # Growth, then a contraction of `fall` per year in the second half.
    growth = scale * np.cumsum(rng.uniform(0, 1, batch + (n_years,)), axis=-1)
    half = max(1, n_years // 2)
    stock = growth.copy()
    stock[..., half:] = growth[..., half - 1 : half] * (1 - fall) ** np.arange(1, n_years - half + 1)
    result = stock_driven(stock, survival, initial=initial, negative_inflow="clip", by_cohort=True)
    # Early retirement of a large initial fleet cancels large numbers: compare at the fleet's size.
    size = np.maximum(np.abs(stock).max(-1), np.maximum(result.stock_start, 1.0))[..., np.newaxis]
    assert np.all(result.inflow >= 0)
    assert np.all(result.stock_by_cohort >= -1e-9 * size[..., np.newaxis])
    assert_close(result.stock, stock)
    assert_balanced(result)
    from_initial = 0 if initial is None else result.initial_stock_by_age.sum(-1)
    assert_close(result.stock_by_cohort.sum(-1) + from_initial, stock, scale=size)
    assert np.all(result.outflow >= -1e-9 * size)
    allowed = stock_driven(stock, survival, initial=initial)
    # Where no inflow had to be clipped the two modes agree up to the first clipped year.
    first = np.argmax(allowed.inflow < 0, axis=-1)
    never = ~np.any(allowed.inflow < 0, axis=-1)
    assert np.all(result.clipped_inflow[never] == 0)
    for index in np.ndindex(*batch):
        stop = n_years if never[index] else first[index]
        assert_close(result.inflow[index][:stop], allowed.inflow[index][:stop], scale=size[index])
        if not never[index]:
            assert result.clipped_inflow[index][stop] == pytest.approx(
                -allowed.inflow[index][stop], rel=1e-9, abs=1e-9 * size[index][0]
            )


def test_clipping_retires_the_oldest_vehicles_first_like_the_naive_reference():
    survival = survival_curve("normal", 90, mean=15, std=5, truncate=False)
    stock = np.concatenate([np.linspace(100, 300, 30), 300 * 0.6 ** np.arange(1, 31)])
    initial = np.linspace(10, 1, 30)
    result = stock_driven(stock, survival, initial=initial, negative_inflow="clip", by_cohort=True)
    inflow, early = naive_stock_driven_clip(stock, survival, initial=initial)
    assert_close(result.inflow, inflow)
    assert_close(result.early_retirement, early)
    assert result.clipped_inflow.sum() > 0
    assert_close(result.clipped_inflow * survival[0], result.early_retirement)
    # In the first year with early retirement, the initial fleet is emptied before cohort 0 is touched.
    year = int(np.argmax(result.early_retirement > 0))
    assert result.initial_stock[year] == 0 or result.stock_by_cohort[year, 0] == pytest.approx(
        result.stock_by_cohort[year - 1, 0] * survival[year] / survival[year - 1]
    )


def test_cohort_dependent_survival_differs_from_shared_survival():
    inflow = np.full(40, 100.0)
    longer = survival_curve("normal", 40, mean=10 + 0.5 * np.arange(40), std=3)
    shared = survival_curve("normal", 40, mean=10.0, std=3)
    by_cohort = inflow_driven(inflow, longer, cohort_survival=True)
    assert np.all(by_cohort.stock[12:] > inflow_driven(inflow, shared).stock[12:])
    back = stock_driven(by_cohort.stock, longer, cohort_survival=True)
    assert_close(back.inflow, inflow)


@pytest.mark.parametrize("batch", [(), (4,), (2, 3, 4)])
def test_batch_shapes_and_broadcasting(batch):
    rng = np.random.default_rng(0)
    inflow = rng.uniform(0, 10, batch + (12,))
    survival = survival_curve("lognormal", 12, mean=rng.uniform(5, 15, batch[-1:]), std=3)
    result = inflow_driven(inflow, survival, by_cohort=True)
    assert result.stock.shape == result.outflow.shape == batch + (12,)
    assert result.stock_by_cohort.shape == batch + (12, 12)
    assert result.stock_start.shape == batch
    # One shared inflow path with several survival curves broadcasts too.
    spread = inflow_driven(inflow[(0,) * len(batch)], survival)
    assert spread.stock.shape == (survival.shape[:-1] + (12,))


# --- errors ---------------------------------------------------------------------------------

S = survival_curve("normal", 10, mean=5, std=2)


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: inflow_driven(5.0, S), "inflow must have a year axis"),
        (lambda: inflow_driven(np.ones((2, 0)), S), "inflow must not be empty"),
        (
            lambda: inflow_driven(np.ones((3, 10)), np.ones((2, 10))),
            "batch shapes do not broadcast: inflow (3,)",
        ),
        (lambda: inflow_driven([1.0, np.inf], S), "inflow must be finite, got inf at index (1,)"),
        (lambda: inflow_driven(np.ones(10), [1.0, 0.5, 0.7]), "survival must not increase with age"),
        (lambda: inflow_driven(np.ones(10), [1.0, 1.2]), "survival must be within [0, 1], got 1.2"),
        (lambda: inflow_driven(np.ones(20), S), "survival has 10 ages but the run needs 20"),
        (lambda: inflow_driven(np.ones(10), S, initial=[-1.0]), "initial must be >= 0, got -1.0"),
        (lambda: inflow_driven(np.ones(5), S, initial_survival=S), "initial_survival is given without"),
        (lambda: inflow_driven(np.ones(4), np.ones((3, 4)), cohort_survival=True), "(..., 4, ages)"),
        (lambda: stock_driven([1.0, -2.0], S), "stock must be >= 0, got -2.0 at index (1,)"),
        (
            lambda: stock_driven(np.ones(3), S, negative_inflow="zero"),
            "negative_inflow must be 'allow' or 'clip'",
        ),
        (lambda: stock_driven(np.ones(3), [0.0, 0.0, 0.0]), "survival at age 0 is 0"),
    ],
)
def test_bad_inputs_give_one_line_errors(call, message):
    with pytest.raises(ParameterError) as info:
        call()
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_curve_that_reaches_zero_may_be_shorter_than_the_run():
    short = survival_curve("fixed", 5, entry="end", lifetime=3)
    result = inflow_driven(np.ones(12), short)
    assert result.stock[-1] == 3.0


@given(hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(0, 1e6)))
def test_inflow_driven_stock_is_non_negative_for_non_negative_sales(inflow):
    result = inflow_driven(inflow, survival_curve("gamma", inflow.size, mean=8, std=4))
    assert np.all(result.stock >= 0)
    assert np.all(result.outflow >= -1e-9 * max(inflow.max(), 1))
    assert_balanced(result)
