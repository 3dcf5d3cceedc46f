"""The model layer's and the data store's errors: codes worded in English and Bahasa Indonesia."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import numpy as np
import pytest

from motorisasi.data.harmonise import HarmonisationError, fill_gaps, from_reports
from motorisasi.data.store import load
from motorisasi.data.validate import DataError
from motorisasi.errors import MotorisasiError, ParameterError
from motorisasi.model.checks import shown
from motorisasi.model.ownership_fit import CountryHistory, IdentificationError, fit_ownership
from motorisasi.model.stock import inflow_driven
from motorisasi.model.survival import survival_curve, validate_survival
from motorisasi.model.targets import required_sales
from motorisasi.outputs.messages import LANGUAGES, MESSAGES, error_text

SRC = Path(__file__).resolve().parents[1] / "src" / "motorisasi"
CONVERTED = [*sorted((SRC / "model").glob("*.py")), SRC / "data" / "store.py", SRC / "data" / "harmonise.py"]


NUMBER_KEYS = {"model.number.g", "model.number.r", "model.number.1f"}  # the keys of checks.shown


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _codes_and_keys() -> tuple[set[str], set[str]]:
    """Every ``code="..."`` and every ``Said("key", ...)`` written in the converted files."""
    codes, keys = set(), set()
    for path in CONVERTED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg == "code":
                    values = (
                        [kw.value.body, kw.value.orelse] if isinstance(kw.value, ast.IfExp) else [kw.value]
                    )
                    for value in values:
                        assert isinstance(value, ast.Constant), f"{path.name}: {ast.unparse(kw)}"
                        codes.add(value.value)
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Said" and isinstance(node.args[0], ast.Constant):  # checks.shown: its keys below
                keys.add(node.args[0].value)
    return codes, keys


def test_every_code_and_said_key_is_worded_in_both_languages_with_the_same_placeholders():
    codes, keys = _codes_and_keys()
    assert len(codes) >= 100 and len(keys) >= 6  # the scan finds them
    keys |= NUMBER_KEYS
    for key in sorted({f"error.{c}" for c in codes} | keys):
        texts = MESSAGES.get(key, {})
        assert set(texts) == set(LANGUAGES), key
        assert _fields(texts["en"]) == _fields(texts["id"]), key
    # And the new catalogue file holds nothing unused.
    model_yaml = SRC / "outputs" / "locales" / "en" / "model.yaml"
    import yaml

    written = set(yaml.safe_load(model_yaml.read_text(encoding="utf-8")))
    assert written == {f"error.{c}" for c in codes} | keys


def test_the_converted_files_raise_no_english_sentences():
    """Every error built in the converted files is a code with parameters, never a message."""
    for path in CONVERTED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error"):
                if node.func.id == "KeyError":
                    continue
                assert not node.args, f"{path.name}: {ast.unparse(node)}"
                assert any(kw.arg == "code" for kw in node.keywords), f"{path.name}: {ast.unparse(node)}"


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
        "series 'car_sales' has no values for country 'XYZ' (it has: IDN)",
        "seri 'car_sales' tidak memiliki nilai untuk negara 'XYZ' (yang ada: IDN)",
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
    # Forms the catalogue's English would change are given as written.
    assert shown(1e-7) == "1e-07" and shown(1234.5) == "1234.5" and shown(float("nan")) == "nan"
    assert shown(3, "r") == "3" and shown(np.array([0.5, 2.0]), "r") == repr(np.array([0.5, 2.0]))
