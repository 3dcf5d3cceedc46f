"""Deliberately naive stock models (explicit loops over series, years and cohorts).

They follow the textbook definitions directly and share no code with the engine, so that
the engine's vectorised algorithms can be checked against them on small cases.
"""

from __future__ import annotations

import numpy as np


def curve_of(survival: np.ndarray, cohort: int, cohort_survival: bool) -> np.ndarray:
    return survival[cohort] if cohort_survival else survival


def naive_inflow_driven(inflow, survival, initial=None, initial_survival=None, cohort_survival=False):
    """One series: returns (stock, outflow, stock_by_cohort[t, c])."""
    n_years = len(inflow)
    by_cohort = np.zeros((n_years, n_years))
    for t in range(n_years):
        for c in range(t + 1):
            by_cohort[t, c] = inflow[c] * curve_of(survival, c, cohort_survival)[t - c]
    stock = by_cohort.sum(axis=1)
    start = 0.0
    if initial is not None:
        curve0 = initial_survival if initial_survival is not None else curve_of(survival, 0, cohort_survival)
        start = float(np.sum(initial))
        for t in range(n_years):
            for a, vehicles in enumerate(initial):
                if curve0[a] > 0:
                    stock[t] += vehicles * curve0[a + 1 + t] / curve0[a]
    outflow = np.empty(n_years)
    for t in range(n_years):
        # Retirements from each cohort: what it lost since last year (or since entry).
        lost = 0.0
        for c in range(t + 1):
            before = inflow[c] if c == t else by_cohort[t - 1, c]
            lost += before - by_cohort[t, c]
        outflow[t] = lost
    if initial is not None:
        previous_initial = start
        for t in range(n_years):
            now = stock[t] - by_cohort[t].sum()
            outflow[t] += previous_initial - now
            previous_initial = now
    return stock, outflow, by_cohort


def naive_stock_driven_clip(stock, survival, initial=None):
    """One series, shared survival, negative inflows clipped and the surplus retired oldest first.

    Tracks each cohort's vehicles directly and ages them with the conditional survival
    S[a] / S[a-1] (unlike the engine, which tracks effective cohort sizes).
    Returns (inflow, early_retirement).
    """
    n_years = len(stock)
    # Cohorts as [vehicles, age at end of current year]; the initial fleet first, oldest first.
    cohorts: list[list[float]] = []
    if initial is not None:
        for a in reversed(range(len(initial))):
            cohorts.append([float(initial[a]), a])
    inflow = np.zeros(n_years)
    early = np.zeros(n_years)
    for t in range(n_years):
        for cohort in cohorts:
            age = cohort[1] + 1
            prev = survival[age - 1]
            cohort[0] = cohort[0] * survival[age] / prev if prev > 0 else 0.0
            cohort[1] = age
        survivors = sum(c[0] for c in cohorts)
        new = (stock[t] - survivors) / survival[0]
        if new < 0:
            surplus = survivors - stock[t]
            early[t] = surplus
            for cohort in cohorts:
                take = min(cohort[0], surplus)
                cohort[0] -= take
                surplus -= take
            new = 0.0
        inflow[t] = new
        cohorts.append([new * survival[0], 0])
    return inflow, early
