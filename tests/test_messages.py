"""The message catalogue: codes from the domain, words in the outputs, numbers by Babel."""

from __future__ import annotations

import pickle
import string

import pytest
from typer.testing import CliRunner

from motorisasi.errors import MotorisasiError, Said
from motorisasi.model.survival import survival_curve
from motorisasi.model.targets import required_sales
from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import LANGUAGES, LOCALES, MESSAGES, error_text, message, number, said
from tests.catalogue_keys import SRC, sentences_raised, used_keys

REASONS = {"no_sales_needed", "unreachable", "beyond_bounds", "above_bound", "below_bound"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_the_source_names_is_worded_in_both_languages_with_the_same_placeholders():
    used = {path: used_keys(path) for path in SRC.rglob("*.py")}
    # The scan finds each layer's codes (a scan that finds nothing would pass).
    for layer, least in (("model", 90), ("data", 50), ("scenario", 200), ("outputs", 30)):
        assert sum(len(k) for p, k in used.items() if p.relative_to(SRC).parts[0] == layer) >= least, layer
    for path, keys in used.items():
        for key in keys:
            texts = MESSAGES.get(key, {})
            assert set(texts) == set(LANGUAGES), f"{path.relative_to(SRC)}: {key}"
            assert _fields(texts["en"]) == _fields(texts["id"]), key


#: Files that still raise some errors as English sentences, and how many: the number may only fall.
SENTENCES_LEFT = {
    "scenario/gap.py": 1,
    "scenario/schema.py": 1,
}


def test_errors_are_raised_as_codes_not_sentences():
    found = {str(p.relative_to(SRC)): len(sentences_raised(p)) for p in SRC.rglob("*.py")}
    found = {name: n for name, n in found.items() if n}
    for name, n in found.items():
        assert n <= SENTENCES_LEFT.get(name, 0), f"{name}: {n} errors raised as sentences"


def test_the_domain_returns_codes_that_the_catalogue_words():
    sf = survival_curve("normal", 60, mean=15.0, std=5.0)
    initial = 1e6 * sf[:30] / sf[:30].sum()  # about 0.6 M of it is left after 5 years without sales
    cases = {
        (1e5, "growth"): "no_sales_needed",  # below what is left of today's fleet
        (7e5, "growth"): "below_bound",  # sales must fall faster than 25 %/yr
        (5e7, "growth"): "above_bound",  # fifty-fold: sales must grow faster than 25 %/yr
        (5e7, "smooth"): "beyond_bounds",
        (9e5, "growth"): "",  # within the bounds
    }
    for (target, shape), code in cases.items():
        path = required_sales(target, sf, base_sales=1e5, n_years=5, initial=initial, shape=shape)
        assert path.reason == code, (target, shape)
        assert bool(path.feasible) == (code == "")
        if not code:
            continue
        assert set(REASONS) >= {code}
        for lang in LANGUAGES:
            rate = 100 * path.reason_growth
            what = message(f"gap.reason.what.{shape}", lang)
            text = message(f"gap.reason.{code}", lang, growth=rate, upper=25, lower=-25, what=what)
            assert text and "{" not in text
    below = required_sales(7e5, sf, base_sales=1e5, n_years=5, initial=initial)
    text = message(
        "gap.reason.below_bound",
        "en",
        growth=100 * below.reason_growth,
        upper=25,
        lower=-25,
        what=message("gap.reason.what.growth", "en"),
    )
    assert (
        text
        == f"needs constant sales growth of {100 * below.reason_growth:.1f} %/yr, below the -25 %/yr bound"
    )


def test_an_error_raised_as_a_code_reads_in_english_and_prints_in_the_readers_language():
    exc = MotorisasiError(code="scenario.too_large", path="big.yaml", limit=1_000_000)
    assert str(exc) == "big.yaml: is larger than 1,000,000 bytes; a scenario file is a few kB"
    assert (
        error_text(exc, "id")
        == "big.yaml: lebih besar dari 1.000.000 bita; berkas skenario hanya beberapa kB"
    )
    again = pickle.loads(pickle.dumps(exc))  # across processes, as in a parallel ensemble
    assert type(again) is MotorisasiError and str(again) == str(exc)
    # A message given as written stays as written; a key the catalogue lacks falls back to its text.
    assert error_text(MotorisasiError("as written"), "id") == "as written"
    assert said(Said("no.such.key", {}, "fallback"), "id") == "fallback"
    # Nested: a parameter that is itself said is worded in the same language.
    nested = MotorisasiError(code="scenario.segment_data", segment="cars", problem=exc)
    assert error_text(nested, "id").endswith(
        "lebih besar dari 1.000.000 bita; berkas skenario hanya beberapa kB"
    )


@pytest.mark.parametrize(
    ("content", "english", "indonesian"),
    [
        ("segments:\n  cars:\n    lifetime: {mean_years: -1}\n", "Field required", "Field wajib diisi"),
        (
            "extends: baseline\nname: x\nfoo: 1\n",
            "Extra inputs are not permitted",
            "Field tambahan tidak diizinkan",
        ),
        ("a: [1, 2\n", "not valid YAML", "bukan YAML yang sah"),
    ],
)
def test_a_bad_scenario_file_is_one_line_in_the_chosen_language(tmp_path, content, english, indonesian):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    runner = CliRunner()
    for lang, words in (("en", english), ("id", indonesian)):
        out = runner.invoke(app, ["run", str(path), "--no-files", "--lang", lang])
        assert out.exit_code == 2
        line = out.output.strip()
        assert line.startswith("error:") and words in line and "\n" not in line, line
    english_line = runner.invoke(app, ["run", str(path), "--no-files", "--lang", "en"]).output
    assert indonesian not in english_line


def test_numbers_follow_cldr_through_babel():
    # CLDR: Indonesian groups with "." and separates decimals with ","; English the other way round.
    assert number(1234567.25, "id", 2) == "1.234.567,25"
    assert number(1234567.25, "en", 2) == "1,234,567.25"
    assert number(-0.004, "id", 2) == "0,00"  # rounds to zero: no sign
    assert number(2.5, "en", 0) == "2"  # half to even
    # A precision counted in significant digits is str.format's, in both languages.
    from motorisasi.outputs.messages import _Localised

    assert _Localised("id").format("{x:.3g}", x=1234.5678) == format(1234.5678, ".3g")
    assert message("gap.reason.growth_bound", "id", growth=53.749, upper=25.0) == (
        "membutuhkan pertumbuhan penjualan konstan 53,7 %/tahun, di atas batas 25 %/tahun"
    )


def test_the_catalogue_is_data_files_with_each_key_once_per_language():
    for lang in LANGUAGES:
        files = sorted((LOCALES / lang).glob("*.yaml"))
        assert files, lang
        import yaml

        keys = [k for f in files for k in yaml.safe_load(f.read_text(encoding="utf-8"))]
        assert len(keys) == len(set(keys)), lang
        assert set(keys) == {k for k, texts in MESSAGES.items() if lang in texts}


def test_dates_follow_cldr_through_babel():
    from motorisasi.outputs.messages import day

    assert day("2025-06-01", "en") == "Jun 1, 2025"
    assert day("2025-06-01", "id") == "1 Jun 2025"
    assert day("not a date", "id") == "not a date"


def test_an_error_raised_during_a_run_reaches_the_reader_in_their_language(tmp_path):
    # The demand step's refusal is wrapped by the run (naming the file): the code survives.
    path = tmp_path / "hard.yaml"
    path.write_text(
        "extends: baseline\nname: hard\nsegments:\n  cars:\n"
        "    demand: {type: ownership_target, per_1000: 600, by: 2030}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    english = runner.invoke(app, ["run", str(path), "--no-files", "--lang", "en"]).output.strip()
    indonesian = runner.invoke(app, ["run", str(path), "--no-files", "--lang", "id"]).output.strip()
    assert english.startswith(f"error: {path}: segments.cars.demand: 600 per 1,000 by 2030: needs constant")
    assert english.endswith("%/yr, above the +25 %/yr bound")
    assert indonesian.startswith(f"error: {path}: segments.cars.demand: 600 per 1.000 pada 2030: membutuhkan")
    assert "pertumbuhan penjualan konstan" in indonesian and "needs" not in indonesian
