"""Errors in a scenario file are codes worded by the catalogue: English as before, and Indonesian."""

from __future__ import annotations

import math

import pytest
from typer.testing import CliRunner

from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import error_text
from motorisasi.scenario.levers import apply_levers
from motorisasi.scenario.schema import ScenarioError, load_scenario, scenario_from_text

# (what the file says after `extends: baseline` and `name: x`, the English line after the file
# name as it was before the catalogue, words of the Indonesian line)
CASES = [
    (
        "years: {base: 2024, end: 2020}\n",
        "years: end (2020) must be after base (2024)",
        "harus setelah base",
    ),
    (
        "segments: {cars: {stock_series: [a, a]}}\n",
        "segments.cars.stock_series: 'a' is listed twice (the series are summed)",
        "tercantum dua kali",
    ),
    (
        "segments: {cars: {powertrains: {ICE: {type: path, share: {2030: 0.1}}}}}\n",
        "segments.cars: powertrains: 'ICE' is the residual powertrain (it takes what the others leave); "
        "do not list it",
        "jenis penggerak residual",
    ),
    (
        "segments: {cars: {sales_share: 1.5}}\n",
        "segments.cars.sales_share: a share must be in (0, 1], got 1.5 (got 1.5)",
        "pangsa harus dalam (0, 1], diberikan 1,5",
    ),
    (
        "segments: {cars: {demand: {type: sales_path, sales: {2070: 100}}}}\n",
        "segments.cars.demand: year 2070 is outside the projection (after the base year, to 2060)",
        "tahun 2070 berada di luar proyeksi (setelah tahun dasar, hingga 2060)",
    ),
    (
        "industry: {groups: {motorcycles: {segments: [motorcycles, cars]}}}\n",
        "industry.groups.motorcycles.segments: 'cars' is already supplied by group 'four_wheel' "
        "(it would be counted twice)",
        "sudah dipasok oleh kelompok 'four_wheel'",
    ),
    (
        "uncertainty:\n  drivers.income_growth_pct: {distribution: uniform, low: 3, high: 2.5, reason: x}\n",
        "uncertainty.drivers.income_growth_pct: low (3) must be below high (2.5)",
        "low (3) harus lebih kecil dari high (2,5)",
    ),
    (
        "uncertainty:\n  segments.cars.lifetime.mean_years:"
        " {distribution: normal, mean: 20, sd: 10, reason: x}\n",
        "uncertainty.segments.cars.lifetime.mean_years: its lowest draws (-27.5342) are outside what the "
        "field allows (Input should be greater than or equal to 1); narrow or truncate the distribution",
        "undian terendah (-27,5342) berada di luar batas yang diizinkan field (Nilai harus lebih besar",
    ),
    (
        "uncertainty:\n  segments.bikes.km_per_year: {distribution: uniform, low: 1, high: 2, reason: x}\n",
        "uncertainty.segments.bikes.km_per_year: no 'bikes' here (there are: cars, commercial, motorcycles)"
        "; an entry inherited from the scenario this one extends is dropped with "
        "'segments.bikes.km_per_year: null'",
        "tidak ada 'bikes' di sini (yang ada: cars, commercial, motorcycles); entri yang diwarisi",
    ),
    (
        "uncertainty:\n  segments.nosuch.x: null\n",
        "uncertainty.'segments.nosuch.x': null drops an inherited entry, and baseline has none there",
        "null menghapus entri warisan, dan baseline tidak memiliki entri di sana",
    ),
]


def _english_words(english: str) -> str:
    """The start of the sentence of an English line (after the field it names first)."""
    return english.split(": ", 1)[-1][:25]


@pytest.mark.parametrize(("body", "english", "indonesian"), CASES)
def test_a_broken_scenario_reads_as_before_in_english_and_in_indonesian(tmp_path, body, english, indonesian):
    path = tmp_path / "broken.yaml"
    path.write_text(f"extends: baseline\nname: x\n{body}", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == f"{path}: {english}"
    line = error_text(caught.value, "id")
    assert line.startswith(f"{path}: ") and indonesian in line and "\n" not in line, line
    assert _english_words(english) not in line, line


@pytest.mark.parametrize(("body", "english", "indonesian"), [CASES[0], CASES[7]])
def test_the_command_line_prints_the_error_in_the_chosen_language(tmp_path, body, english, indonesian):
    path = tmp_path / "broken.yaml"
    path.write_text(f"extends: baseline\nname: x\n{body}", encoding="utf-8")
    runner = CliRunner()
    for lang, words in (("en", english), ("id", indonesian)):
        out = runner.invoke(app, ["run", str(path), "--no-files", "--lang", lang])
        assert out.exit_code == 2, out.output
        line = " ".join(out.output.split())  # the terminal may wrap a long line
        assert line.startswith("error:") and " ".join(words.split()) in line, line
    assert _english_words(english) not in line


def test_a_scenario_sent_through_the_page_is_refused_in_both_languages():
    with pytest.raises(ScenarioError) as caught:
        scenario_from_text("extends: nope\nname: x\n", "a/b.yaml")
    assert str(caught.value) == (
        "b.yaml: extends: 'nope' is not a shipped scenario (baseline, ev-roadmap, target-150, "
        "thailand-baseline); a scenario sent through the page may extend only those"
    )
    assert "bukan skenario bawaan" in error_text(caught.value, "id")
    with pytest.raises(ScenarioError) as caught:
        scenario_from_text("a" * 300_000)
    assert str(caught.value) == "upload.yaml: 300,000 bytes, more than 200,000 for a scenario"
    assert (
        error_text(caught.value, "id")
        == "upload.yaml: 300.000 bita, lebih dari 200.000 untuk sebuah skenario"
    )


@pytest.mark.parametrize(
    ("values", "english", "indonesian"),
    [
        (
            {"cars_sales_growth": 31.0},
            "lever 'cars_sales_growth': 31 %/yr is outside -10-30",
            "31 %/tahun berada di luar -10-30",
        ),
        (
            {"cars_lifetime": 7.5},
            "lever 'cars_lifetime': 7.5 years is outside 8-35",
            "7,5 tahun berada di luar 8-35",
        ),
        (
            {"cars_sales_growth": math.nan},
            "lever 'cars_sales_growth': nan %/yr is outside -10-30",
            "nan %/tahun",
        ),
        (
            {"cars_target": 150.0},
            "lever 'cars_target': does not apply to scenario 'baseline'",
            "tidak berlaku",
        ),
        ({"income_growth": "5"}, "lever 'income_growth': a number is needed, got '5'", "diperlukan bilangan"),
    ],
)
def test_a_refused_lever_reads_as_before_in_english_and_in_indonesian(values, english, indonesian):
    with pytest.raises(ScenarioError) as caught:
        apply_levers(load_scenario("baseline"), values)
    assert str(caught.value) == english
    line = error_text(caught.value, "id")
    assert indonesian in line and _english_words(english) not in line, line
