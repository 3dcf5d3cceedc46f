"""``motorisasi run`` and ``compare`` in English and Bahasa Indonesia (``--lang``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import message, number
from motorisasi.outputs.summary import indicators, milestones
from motorisasi.scenario.run import run as run_scenario

runner = CliRunner()
WIDE = {"COLUMNS": "240"}
# 1.277,0 (id) or 1,277.0 (en): a thousands separator and a decimal separator.
ID_NUMBER = re.compile(r"\b\d{1,3}(?:\.\d{3})+,\d+\b")
EN_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\.\d+\b")


def _invoke(args, env=None):
    result = runner.invoke(app, args, env={**WIDE, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def target():
    return run_scenario("target-150")


@pytest.fixture(scope="module")
def baseline():
    return run_scenario("baseline")


@pytest.fixture(scope="module")
def run_id():
    return _invoke(["run", "target-150", "--no-files", "--lang", "id"])


@pytest.fixture(scope="module")
def run_en():
    return _invoke(["run", "target-150", "--no-files", "--lang", "en"])


@pytest.fixture(scope="module")
def compare_id():
    return _invoke(["compare", "baseline", "target-150", "--lang", "id"])


@pytest.fixture(scope="module")
def compare_en():
    return _invoke(["compare", "baseline", "target-150", "--lang", "en"])


def _row(output: str, label: str) -> list[str]:
    """The cells of the table row that starts with ``label``."""
    for line in output.splitlines():
        if line.strip().startswith(label):
            return line.strip()[len(label) :].split()
    raise AssertionError(f"no row {label!r} in:\n{output}")


ID_LABELS = (
    "kepemilikan roda empat+ per 1.000 penduduk (terdaftar)",
    "kepemilikan sepeda motor per 1.000 penduduk (terdaftar)",
    "armada terdaftar, juta unit",
    "penjualan, juta unit per tahun",
    "pangsa plug-in dalam penjualan mobil, %",
    "konsumsi bensin, PJ",
    "konsumsi solar, PJ",
    "konsumsi listrik, PJ",
    "emisi CO2 tank-to-wheel, juta ton",
    "roda empat+: produksi, juta unit",
    "sepeda motor: ekspor, juta unit",
    "roda empat+: tenaga kerja langsung, ribu orang",
    "kompensasi bensin, Rp triliun",
    "subsidi solar, Rp triliun",
    "kompensasi solar, Rp triliun",
    "subsidi dan kompensasi BBM, Rp triliun",
    "subsidi dan kompensasi BBM, miliar US$",
    "nilai komponen dalam negeri, Rp triliun",
)


def test_indicators_keep_their_values_and_take_the_language(target):
    years = milestones(target)
    en, id_ = indicators(target, years), indicators(target, years, lang="id")
    assert len(en) == len(id_) == len(set(id_))
    assert set(ID_LABELS) <= set(id_)
    assert "4-wheel+ vehicles per 1,000 (registered)" in en
    assert "four-wheel+: production, million" in en
    for (label_en, (dec_en, v_en)), (label_id, (dec_id, v_id)) in zip(en.items(), id_.items(), strict=True):
        assert label_en != label_id
        assert isinstance(dec_en, int) and dec_en == dec_id
        np.testing.assert_array_equal(np.asarray(v_en, dtype=float), np.asarray(v_id, dtype=float))


def test_run_in_indonesian(run_id, target):
    for label in ID_LABELS:
        assert label in run_id, label
    assert "Skenario motorisasi target-150 (IDN)" in run_id
    assert "energi dan CO2 dimodelkan (hingga 2025" in " ".join(run_id.split())
    assert "catatan: four_wheel: produksi melebihi kapasitas pada 2028-2060" in run_id
    # No English label leaks into the Indonesian output.
    for label in indicators(target, milestones(target)):
        assert label not in run_id, label
    for english in ("note:", "registered", "million", "gasoline", "diesel", "subsidy", "are modelled"):
        assert english not in run_id, english
    # Numbers with Indonesian separators: the computed value, and thousands such as 1.277,0.
    years = milestones(target)
    label = message("run.ind.four_wheel_per_1000", "id")
    decimals, values = indicators(target, years, "id")[label]
    cells = _row(run_id, label)
    assert cells == [number(float(v), "id", decimals) for v in values]
    assert cells[1] == "150,0"
    assert any(ID_NUMBER.fullmatch(c) for c in _row(run_id, "konsumsi bensin, PJ"))
    assert not EN_NUMBER.search(run_id)


def test_run_in_english(run_en, target):
    for label in indicators(target, milestones(target)):
        assert label in run_en, label
    for label in ID_LABELS:
        assert label not in run_en, label
    assert "motorisasi scenario target-150 (IDN)" in run_en
    assert "note: four_wheel: production exceeds capacity in 2028-2060" in run_en
    assert "catatan" not in run_en and "juta" not in run_en
    assert _row(run_en, "4-wheel+ vehicles per 1,000 (registered)")[1] == "150.0"
    assert any(EN_NUMBER.fullmatch(c) for c in _row(run_en, "gasoline, PJ"))
    assert not ID_NUMBER.search(run_en)


def test_run_takes_the_language_from_the_locale():
    env = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "id_ID.UTF-8"}
    output = _invoke(["run", "baseline", "--no-files"], env=env)
    assert "armada terdaftar, juta unit" in output
    assert "registered fleet, million" not in output


def test_compare_in_indonesian(compare_id, baseline, target):
    for label in ("kepemilikan roda empat+ per 1.000 penduduk (terdaftar)", "konsumsi bensin, PJ"):
        assert label in compare_id
    assert " skenario " in compare_id
    for label in indicators(target, milestones(target)):
        assert label not in compare_id, label
    assert " scenario " not in compare_id
    # The signed difference from the first scenario, with Indonesian separators.
    label = message("run.ind.four_wheel_per_1000", "id")
    years = milestones(target)
    first = indicators(baseline, years, "id")[label][1]
    second = indicators(target, years, "id")[label][1]
    difference = float(np.asarray(second, dtype=float)[1] - np.asarray(first, dtype=float)[1])
    section = compare_id[compare_id.index(label) :]
    cells = _row(section, "target-150 - baseline")
    assert cells[1] == "+" + number(difference, "id", 1)
    assert re.fullmatch(r"\+\d+,\d", cells[1])
    assert cells[0] == "+0,0"
    assert not EN_NUMBER.search(compare_id)


def test_compare_in_english(compare_en):
    assert "4-wheel+ vehicles per 1,000 (registered)" in compare_en
    assert " scenario " in compare_en
    assert "kepemilikan" not in compare_en and " skenario " not in compare_en
    section = compare_en[compare_en.index("4-wheel+ vehicles per 1,000 (registered)") :]
    cells = _row(section, "target-150 - baseline")
    assert cells[0] == "+0.0"
    assert re.fullmatch(r"\+\d+\.\d", cells[1])


def test_compare_csv_names_indicators_in_the_language(tmp_path):
    path = tmp_path / "comparison.csv"
    output = _invoke(["compare", "baseline", "target-150", "--lang", "id", "--out", str(path)])
    assert f"Berkas tersimpan: {path}" in output.replace("\n", "")
    frame = pd.read_csv(path)
    assert list(frame.columns) == ["indicator", "year", "scenario", "value", "difference_from_first"]
    assert "konsumsi bensin, PJ" in set(frame["indicator"])
    assert "gasoline, PJ" not in set(frame["indicator"])
    assert frame["value"].dtype == float


def test_compare_with_one_scenario_says_so_in_the_language():
    result = runner.invoke(app, ["compare", "baseline", "--lang", "id"])
    assert result.exit_code == 2
    assert "compare: sebutkan paling sedikit dua skenario" in result.output
    result = runner.invoke(app, ["compare", "baseline", "--lang", "en"])
    assert "compare: give at least two scenarios" in result.output
    result = runner.invoke(app, ["run", "--lang", "fr", "--no-files"])
    assert result.exit_code == 2
    assert "unknown language 'fr'" in result.output


def test_the_language_code_is_case_insensitive():
    from motorisasi.outputs.messages import language

    assert language("ID") == "id" and language("En") == "en"


def test_gap_says_why_a_target_is_out_of_reach_in_indonesian():
    output = " ".join(_invoke(["gap", "--target", "150", "--by", "2030", "--lang", "id"]).split())
    assert "TIDAK LAYAK dalam batas: membutuhkan pertumbuhan penjualan konstan 53,7 %/tahun" in output
    assert "needs constant" not in output


def test_gap_says_when_a_smooth_path_is_not_possible():
    output = " ".join(_invoke(["gap", "--target", "150", "--by", "2030", "--path", "smooth"]).split())
    assert "no smooth path stays within the bound" in output
    output = " ".join(_invoke(["gap", "--target", "150", "--by", "2030"]).split())
    assert "no smooth path" not in output
