"""The model layer's and the data store's errors: codes worded in English and Bahasa Indonesia."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import yaml

from motorisasi.data.harmonise import HarmonisationError, fill_gaps, from_reports
from motorisasi.data.store import load
from motorisasi.data.validate import DataError
from motorisasi.errors import MotorisasiError, ParameterError
from motorisasi.model.checks import shown
from motorisasi.model.ownership_fit import CountryHistory, IdentificationError, fit_ownership
from motorisasi.model.stock import inflow_driven
from motorisasi.model.survival import survival_curve, validate_survival
from motorisasi.model.targets import required_sales
from motorisasi.outputs.messages import LOCALES, MESSAGES, error_text, said
from tests.catalogue_keys import SRC, used_keys

CONVERTED = [*sorted((SRC / "model").glob("*.py")), SRC / "data" / "store.py", SRC / "data" / "harmonise.py"]


NUMBER_KEYS = {"model.number.g", "model.number.r", "model.number.1f"}  # the keys of checks.shown


def test_the_model_catalogue_holds_what_the_model_and_store_name_and_nothing_else():
    # Both languages and their placeholders are checked for every file in test_messages.
    used = set().union(*(used_keys(path) for path in CONVERTED)) | NUMBER_KEYS
    assert len(used) >= 100  # the scan finds them
    written = set(yaml.safe_load((LOCALES / "en" / "model.yaml").read_text(encoding="utf-8")))
    assert written <= used
    assert all(key in MESSAGES for key in used)


def _raised(call, kind=MotorisasiError) -> MotorisasiError:
    with pytest.raises(kind) as info:
        call()
    return info.value


def _history(n: int = 12) -> CountryHistory:
    years = np.arange(2000, 2000 + n)
    return CountryHistory.of(years, 2.0 * 1.05 ** np.arange(n), 50.0 * 1.1 ** np.arange(n))


# (call, error class, English as before the catalogue, Indonesian)
CASES = [
    (
        lambda: survival_curve("normal", 30, mean=-1.5, std=4.0),
        ParameterError,
        "survival_curve('normal'): mean must be > 0, got -1.5",
        "survival_curve('normal'): mean harus > 0, diberikan -1,5",
    ),
    (
        lambda: survival_curve("lognormal", 30, mean=[12.0, float("nan")], std=4.0),
        ParameterError,
        "survival_curve('lognormal'): mean must be finite, got nan at index (1,)",
        "survival_curve('lognormal'): mean harus berhingga, diberikan nan pada indeks (1,)",
    ),
    (
        lambda: survival_curve("weibull", 30, mean=12.0),
        ParameterError,
        "survival_curve('weibull'): expects parameters (scale, shape) or (mean, shape), got (mean)",
        "survival_curve('weibull'): memerlukan parameter (scale, shape) atau (mean, shape), diberikan (mean)",
    ),
    (
        lambda: survival_curve("empirical", 30, ages=[5.0, 10.0], survival=[0.75, 0.25]),
        ParameterError,
        "survival_curve('empirical'): the table ends at age 10 with survival 0.25 > 0 but ages up to 29.5 "
        "are needed; extend it to zero survival",
        "survival_curve('empirical'): tabel berakhir pada umur 10 dengan survival 0,25 > 0, padahal umur "
        "sampai 29,5 diperlukan; perpanjang tabel hingga survival nol",
    ),
    (
        lambda: validate_survival([[1.0, 0.5, 0.75]]),
        ParameterError,
        "survival: survival must not increase with age, but it rises from 0.5 to 0.75 at index (0, 2)",
        "survival: survival tidak boleh naik seiring umur, tetapi naik dari 0,5 ke 0,75 pada indeks (0, 2)",
    ),
    (
        lambda: inflow_driven(np.ones(5), np.linspace(1.0, 0.0, 40), cohort_survival=True),
        ParameterError,
        "inflow_driven: with cohort_survival=True, survival must have shape (..., 5, ages) "
        "(one curve per cohort of the 5 years), got (40,)",
        "inflow_driven: dengan cohort_survival=True, survival harus berbentuk (..., 5, umur) "
        "(satu kurva per kohort dari 5 tahun), diberikan (40,)",
    ),
    (
        lambda: inflow_driven(np.ones(6), [1.0, 0.75, 0.5]),
        ParameterError,
        "inflow_driven: survival has 3 ages but the run needs 6 and the curve has not reached zero "
        "(last value 0.5); evaluate it for more ages",
        "inflow_driven: survival memiliki 3 umur, padahal perhitungan memerlukan 6 dan kurvanya belum "
        "mencapai nol (nilai terakhir 0,5); hitung kurva untuk lebih banyak umur",
    ),
    (
        lambda: required_sales(1e6, np.linspace(1.0, 0.0, 30), base_sales=1e5, n_years=0),
        ParameterError,
        "n_years must be at least 1, got 0",
        "n_years harus sedikitnya 1, diberikan 0",
    ),
    (
        lambda: fit_ownership({"IDN": _history()}, saturation=-2.5),
        ParameterError,
        "saturation must be a positive number of vehicles per 1,000, got -2.5",
        "saturation harus berupa bilangan positif kendaraan per 1.000 penduduk, diberikan -2,5",
    ),
    (
        lambda: fit_ownership({"IDN": _history()}),
        IdentificationError,
        "IDN: 12 years of ownership still growing 10.0 %/yr cannot identify a saturation level; fix the "
        "saturation (e.g. from comparable countries) or fit a panel that includes countries near saturation",
        "IDN: 12 tahun kepemilikan yang masih tumbuh 10,0 %/tahun tidak dapat mengidentifikasi tingkat "
        "saturasi; tetapkan saturasinya (misalnya dari negara yang sebanding) atau estimasi panel yang "
        "mencakup negara yang mendekati saturasi",
    ),
    (
        lambda: load("car_salez"),
        DataError,
        "unknown series 'car_salez'; did you mean 'car_sales'?",
        "seri 'car_salez' tidak dikenal; maksud Anda 'car_sales'?",
    ),
    (
        lambda: load("car_sales", "XYZ"),
        DataError,
        "series 'car_sales' has no values for country 'XYZ' (it has: IDN, THA)",
        "seri 'car_sales' tidak memiliki nilai untuk negara 'XYZ' (yang ada: IDN, THA)",
    ),
    (
        lambda: fill_gaps(from_reports(_reports()), method="cubic"),
        HarmonisationError,
        "unknown fill method 'cubic' (use 'log-linear' or 'linear')",
        "metode pengisian 'cubic' tidak dikenal (gunakan 'log-linear' atau 'linear')",
    ),
    (
        lambda: fill_gaps(from_reports(_reports(-1.0))),
        HarmonisationError,
        "log-linear fill needs positive values around 2010-2013",
        "pengisian log-linear memerlukan nilai positif di sekitar 2010-2013",
    ),
]


def _reports(first: float = 1.0):
    import pandas as pd

    return pd.DataFrame({"year": [2010, 2013], "value": [first, 2.0], "source_id": ["a", "b"]})


@pytest.mark.parametrize(("call", "kind", "english", "indonesian"), CASES)
def test_an_error_reads_as_before_in_english_and_in_indonesian_with_its_numbers(
    call, kind, english, indonesian
):
    exc = _raised(call, kind)
    assert exc.code is not None
    assert str(exc) == english
    assert error_text(exc, "en") == english
    assert error_text(exc, "id") == indonesian
    again = pickle.loads(pickle.dumps(exc))  # across processes, as in a parallel ensemble
    assert type(again) is type(exc) and str(again) == english and error_text(again, "id") == indonesian


def test_a_number_is_localised_only_where_english_keeps_pythons_text():
    assert shown(0.25).text == "0.25" and shown(-1.0, "r").text == "-1.0"
    assert shown(12.34, ".1f").text == "12.3"
    # The English is Python's text in every case; what the catalogue cannot word is given as written.
    for value, text in ((1e-7, "1e-07"), (1234.5, "1234.5"), (float("nan"), "nan")):
        assert said(shown(value), "en") == text
    assert said(shown(1234.5), "id") == "1234,5" and shown(float("nan")) == "nan"
    assert shown(3, "r") == "3" and shown(np.array([0.5, 2.0]), "r") == repr(np.array([0.5, 2.0]))
