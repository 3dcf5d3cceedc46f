"""The scenario layer's errors (gap, sensitivity, provinces, projection, run steps) as codes:
worded in both languages, the English as before."""

from __future__ import annotations

import pytest

from motorisasi.errors import MotorisasiError
from motorisasi.outputs.messages import LANGUAGES, MESSAGES, error_text


def test_the_keys_the_source_builds_are_worded_in_both_languages():
    from motorisasi.scenario.gap import GAP_SERIES

    built = [f"scenario.gap.label.{d}" for d in (*GAP_SERIES, "four_wheel_plus")]
    built += [f"scenario.inputs.what.{w}" for w in ("population", "income", "sales", "registered_fleet")]
    for key in built:
        assert set(MESSAGES.get(key, {})) == set(LANGUAGES), key


def _raised(call) -> MotorisasiError:
    with pytest.raises(MotorisasiError) as info:
        call()
    assert info.value.code is not None
    return info.value


def test_a_gap_target_year_not_after_the_data():
    from motorisasi.scenario.gap import ownership_gap

    exc = _raised(lambda: ownership_gap(150, 2020))
    assert str(exc) == "by: 2020 is not after the latest year with data (2025)"
    assert error_text(exc, "id") == "by: 2020 tidak sesudah tahun terakhir yang ada datanya (2025)"


def test_a_gap_target_below_today_keeps_its_numbers():
    from motorisasi.scenario.gap import ownership_gap

    exc = _raised(lambda: ownership_gap(5, 2035))
    assert str(exc) == (
        "target: 5 per 1,000 is not above today's 96.9 (2025, four-wheel-plus vehicles (cars, buses, "
        "trucks), registered)"
    )
    assert error_text(exc, "id") == (
        "target: 5 per 1.000 tidak di atas tingkat saat ini 96,9 (2025, kendaraan roda empat atau lebih "
        "(mobil, bus, truk), terdaftar)"
    )
    exc = _raised(lambda: ownership_gap(150, 2035, lifetime=0.5))
    assert str(exc) == "lifetime: the mean must be 1-200 years, got 0.5"
    assert error_text(exc, "id") == "lifetime: rata-rata harus 1-200 tahun, didapat 0,5"


def test_an_unknown_province():
    from motorisasi.scenario.regions import PROVINCES, province_named

    exc = _raised(lambda: province_named("Atlantis"))
    known = ", ".join(PROVINCES)
    assert str(exc) == f"--region: unknown province 'Atlantis' (known: {known})"
    assert error_text(exc, "id") == f"--region: provinsi 'Atlantis' tidak dikenal (yang dikenal: {known})"


def test_a_sensitivity_output_that_is_not_a_variable():
    import numpy as np
    import xarray as xr

    from motorisasi.scenario.sensitivity import output_of as output_values

    ds = xr.Dataset({"stock": (("draw", "year"), np.ones((2, 2)))}, coords={"year": [2025, 2026]})
    exc = _raised(lambda: output_values(ds, "sales", 2025))
    assert str(exc) == "--output: 'sales' is not a variable of the run"
    assert error_text(exc, "id") == "--output: 'sales' bukan variabel hasil jalannya"
    exc = _raised(lambda: output_values(ds, "stock", 2030))
    assert str(exc) == "--year: 2030 is outside the run's years (2025-2026)"
    assert error_text(exc, "id") == "--year: 2030 di luar tahun-tahun jalannya (2025-2026)"


def test_a_sensitivity_with_too_few_base_samples():
    from motorisasi.scenario.sensitivity import MAX_BASE, sobol_indices

    with pytest.raises(MotorisasiError) as info:
        sobol_indices(lambda x: x[:, 0], [None], ["a"], n_base=3000)
    assert str(info.value) == f"base samples: a power of two from 2 to {MAX_BASE:,}, got 3,000"
    assert error_text(info.value, "id").endswith("didapat 3.000")
