"""The data-folder validator speaks in codes; ``data check --lang id`` words them in Indonesian."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from motorisasi.data import schema, validate
from motorisasi.data.validate import DataError, Problem, check_folder, read_folder
from motorisasi.errors import Said
from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import LANGUAGES, MESSAGES
from tests.catalogue_keys import used_keys
from tests.test_data_validate import SERIES, SOURCES, _values, _write, make_folder

runner = CliRunner()

# Every place a problem can be: the four combinations of row and column.
WHERE = ["error.data.at", "error.data.at_row", "error.data.at_column", "error.data.at_row_column"]


#: The catalogue keys validate.py names (its Problems, bad() calls, Said fragments and DataErrors).
CODES = used_keys(Path(validate.__file__))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_validator_holds_no_english_sentences():
    """Problems are built from codes: no f-string or sentence is passed to Problem or bad."""
    tree = ast.parse(Path(validate.__file__).read_text(encoding="utf-8"))
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("Problem", "bad")
    ]
    assert len(calls) > 30
    for call in calls:
        code = call.args[3] if call.func.id == "Problem" else call.args[1]
        if isinstance(code, ast.Name) and code.id == "code":  # inside bad(), which takes the code
            continue
        assert isinstance(code, ast.Constant) and re.fullmatch(r"[a-z0-9_]+", code.value), ast.unparse(call)


def test_every_code_of_the_validator_is_in_both_languages_with_the_same_placeholders():
    assert len(CODES) > 40
    for key in sorted(CODES | set(WHERE)):
        assert key in MESSAGES, key
        texts = MESSAGES[key]
        assert set(texts) == set(LANGUAGES), key
        assert _fields(texts["en"]) == _fields(texts["id"]), key
    # And the catalogue file of the validator holds nothing else.
    data_keys = {k for k in MESSAGES if k.startswith("error.data.")}
    assert data_keys == CODES | set(WHERE)


# --- a battery of broken folders ------------------------------------------------------------------


def _with(index: int, **changes) -> list[dict[str, str]]:
    rows = _values()
    rows[index] = {**rows[index], **changes}
    return rows


def _registers(root: Path, rows: list[dict[str, str]]) -> Path:
    _write(root / schema.REGISTER_DEFINITIONS_FILE, rows, list(schema.REGISTER_COLUMNS))
    return root


def _battery(tmp: Path, monkeypatch) -> dict[str, list[Problem]]:
    """Broken folders, by what is wrong with them, and the problems found in each."""
    folders: dict[str, Path] = {}

    def case(name: str, **kwargs) -> Path:
        folders[name] = make_folder(tmp / name, **kwargs)
        return folders[name]

    folders["not a folder"] = tmp / "nowhere"
    (case("not a regular file") / "more.csv").mkdir()
    root = case("empty file")
    (root / "values.csv").write_text("", encoding="utf-8")
    root = case("not utf-8 in the header")
    (root / "values.csv").write_bytes("pa\xeds\n".encode("latin-1"))
    root = case("not utf-8 in a row", values=_with(0, note="long " * 3000))  # past the first read
    with (root / "values.csv").open("ab") as handle:
        handle.write("XYZ,,cars,,2021,100,vehicles,src-1,observed,caf\xe9\n".encode("latin-1"))
    root = case("column twice")
    _write(root / "values.csv", _values(), [*schema.VALUE_COLUMNS, "unit"])
    case("column missing", value_columns=[c for c in schema.VALUE_COLUMNS if c != "unit"])
    root = case("unknown column")
    _write(
        root / "values.csv", [{**r, "comment": "x"} for r in _values()], [*schema.VALUE_COLUMNS, "comment"]
    )
    root = case("cell count")
    with (root / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write("XYZ,,cars,,2021,100\n")
    case("control character", sources=[{**SOURCES[0], "publisher": "Ev\x1bil"}])
    (case("file missing") / "series.csv").unlink()
    root = case("no value files")
    (root / "values.csv").unlink()
    case("empty source cell", sources=[{**SOURCES[0], "citation": ""}])
    case("duplicate source", sources=SOURCES + SOURCES)
    case("not a date", sources=[{**SOURCES[0], "accessed": "last year"}])
    case("empty series cell", series=[{**SERIES[0], "description": ""}, SERIES[1]])
    case("duplicate series", series=[SERIES[0], SERIES[0], SERIES[1]])
    case("unknown kind", series=[{**SERIES[0], "kind": "guess"}, SERIES[1]])
    case("unknown unit in series.csv", series=[{**SERIES[0], "unit": "cars"}, SERIES[1]])
    sid = SOURCES[0]["source_id"]
    register = {"country": "IDN", "definition": "active", "mechanism": "", "breaks": "", "source_id": sid}
    _registers(
        case("register definitions", values=[]),
        [
            {**register, "country": "Indonesia", "definition": "net", "source_id": "nowhere-1"},
            {**register, "country": "THA", "break_years": "2010;soon"},
            {**register, "country": "THA"},
            {**register, "definition": ""},
        ],
    )
    case("duplicate row", values=_values() + [_values()[0]])
    for name, index, changes in [
        ("empty value cell", 0, {"source_id": ""}),
        ("not a country code", 0, {"country": "Indonesia"}),
        ("unknown series", 0, {"series": "carz"}),
        ("not a whole year", 0, {"year": "2020.5"}),
        ("year outside", 0, {"year": "1850"}),
        ("not a number", 0, {"value": "12,000"}),
        ("not finite", 0, {"value": "inf"}),
        ("unknown unit", 0, {"unit": "cars"}),
        ("unit differs", 0, {"unit": "thousand vehicles"}),
        ("negative", 0, {"value": "-5"}),
        ("too big", 0, {"value": "2e10"}),
        ("source not listed", 0, {"source_id": "src-1;nope"}),
        ("unknown flag", 0, {"flag": "guessed"}),
        ("flag not allowed", 5, {"flag": "target"}),
        ("needs a year", 5, {"year": ""}),
    ]:
        case(name, values=_with(index, **changes))
    second = {**_values()[5], "source_id": "src-2"}
    case("two values", values=[*_values(), second], sources=[*SOURCES, {**SOURCES[0], "source_id": "src-2"}])
    gaps = [
        r
        for r in _values()
        if r["series"] != "cars_h" or r["year"] not in {str(y) for y in range(2005, 2013)}
    ]
    case("gaps", values=gaps)
    regional = [{**r, "region": "Jawa", "category": "private"} for r in _values(years=range(2005, 2021))]
    case("short window", values=regional)

    problems = {name: read_folder(path)[1] for name, path in folders.items()}
    monkeypatch.setattr(validate, "MAX_CSV_BYTES", 1234)
    problems["too large"] = read_folder(make_folder(tmp / "too large"))[1]
    return problems


@pytest.fixture(scope="module")
def battery(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _battery(tmp_path_factory.mktemp("battery"), monkeypatch)


def _keys(problem: Problem) -> set[str]:
    keys = {problem.said.code}
    keys |= {v.code for v in problem.params.values() if isinstance(v, Said)}
    for value in problem.params.values():
        if isinstance(value, Said):
            keys |= {v.code for v in value.params.values() if isinstance(v, Said)}
    return keys


def test_the_battery_meets_every_code_of_the_validator(battery):
    for name, problems in battery.items():
        assert problems, name
    met = {key for problems in battery.values() for p in problems for key in _keys(p)}
    met |= {p.where().code for problems in battery.values() for p in problems}
    # A file that cannot be opened is not made by a test run as root; DataError's codes are below.
    left = CODES - met - {"error.data.unreadable", "error.data.problem", "error.data.problems"}
    assert not left


def test_every_problem_is_worded_in_both_languages(battery):
    for name, problems in battery.items():
        for problem in problems:
            en, id_ = problem.located(lang="en"), problem.located(lang="id")
            assert en == str(problem), name
            assert en != id_, name
            assert problem.code not in (problem.worded("en"), problem.worded("id")), name
            for line in (en, id_):
                assert "error.data" not in line, (name, line)
                assert "{" not in line.replace("{file}", ""), (name, line)


# (what is broken, the English line, the Indonesian line)
LINES = {
    "unknown unit": (
        "values.csv, row 2, column 'unit': unknown unit 'cars' (known: vehicles, ",
        "values.csv, baris 2, kolom 'unit': satuan 'cars' tidak dikenal (yang dikenal: vehicles, ",
    ),
    "not a date": (
        "sources.csv, row 2, column 'accessed': 'last year' is not a date (YYYY-MM-DD)",
        "sources.csv, baris 2, kolom 'accessed': 'last year' bukan tanggal (YYYY-MM-DD)",
    ),
    "column missing": (
        "values.csv, row 1, column 'unit': required column is missing (the header has: country, region,",
        "values.csv, baris 1, kolom 'unit': kolom wajib tidak ada (baris judul berisi: country, region,",
    ),
    "not a regular file": ("more.csv: is not a regular file", "more.csv: bukan berkas biasa"),
    "too large": ("values.csv: is larger than 1,234 bytes", "values.csv: lebih besar dari 1.234 byte"),
    "cell count": (
        "values.csv, row 28: has 6 cells but the header has 10",
        "values.csv, baris 28: berisi 6 sel, padahal baris judul berisi 10",
    ),
    "register definitions": (
        "register_definitions.csv, row 2, column 'source_id': unknown source 'nowhere-1'",
        "register_definitions.csv, baris 2, kolom 'source_id': sumber 'nowhere-1' tidak dikenal",
    ),
    "duplicate row": (
        "values.csv, row 28, column 'year': duplicate of values.csv row 2 "
        "(same country, region, series, category, year and source_id)",
        "values.csv, baris 28, kolom 'year': duplikat dari values.csv baris 2 "
        "(negara, wilayah, seri, kategori, tahun, dan source_id sama)",
    ),
    "too big": (
        "values.csv, row 2, column 'value': 2e10 is more than a value in 'vehicles' can be (1e+10)",
        "values.csv, baris 2, kolom 'value': 2e10 melebihi nilai terbesar yang mungkin dalam "
        "'vehicles' (1e+10)",
    ),
    "gaps": (
        "values.csv, row 3, column 'year': harmonised series 'cars_h' for XYZ has gaps in "
        "2005, 2006, 2007, 2008, 2009, 2010 and 2 more (fill them and flag them 'filled')",
        "values.csv, baris 3, kolom 'year': seri harmonisasi 'cars_h' untuk XYZ memiliki celah pada "
        "2005, 2006, 2007, 2008, 2009, 2010 dan 2 lainnya (isi celah itu dan beri penanda 'filled')",
    ),
    "short window": (
        "values.csv, row 3, column 'year': harmonised series 'cars_h' for XYZ Jawa (private) covers "
        "2005-2020 but must reach 2024, the end of the history window",
        "values.csv, baris 3, kolom 'year': seri harmonisasi 'cars_h' untuk XYZ Jawa (private) mencakup "
        "2005-2020, padahal harus sampai 2024, akhir jendela riwayat",
    ),
}


@pytest.mark.parametrize("what", list(LINES))
def test_a_broken_folder_in_english_and_indonesian(battery, what):
    english, indonesian = LINES[what]
    problems = battery[what]
    assert any(str(p).startswith(english) for p in problems), [str(p) for p in problems]
    assert any(p.located(lang="id").startswith(indonesian) for p in problems), [
        p.located(lang="id") for p in problems
    ]


def test_a_file_unreadable_past_its_first_lines_is_named_without_a_row(battery):
    (problem,) = [p for p in battery["not utf-8 in a row"] if p.code == "not_utf8_csv"]
    assert problem.row is None
    assert str(problem).startswith("values.csv: is not a readable UTF-8 CSV file ('utf-8' codec")
    assert problem.located(lang="id").startswith("values.csv: bukan berkas CSV UTF-8 yang dapat dibaca (")


def test_located_gives_the_folder_and_the_language(battery, tmp_path):
    problem = battery["not a date"][0]
    folder = tmp_path / "somewhere"
    assert problem.located(folder) == f"{folder / 'sources.csv'}, {LINES['not a date'][0].split(', ', 1)[1]}"
    assert problem.located(folder, "id").startswith(f"{folder / 'sources.csv'}, baris 2, kolom 'accessed': ")
    # A folder's own problem is named by the folder, not a file in it.
    (nowhere,) = battery["not a folder"]
    assert nowhere.located(lang="id") == f"{nowhere.file}: bukan folder" and nowhere.file.endswith("nowhere")
    assert nowhere.message == "is not a folder" and nowhere.worded("id") == "bukan folder"


def test_the_data_error_is_the_english_line_and_can_be_worded_in_indonesian(tmp_path):
    from motorisasi.outputs.messages import error_text

    one = make_folder(tmp_path / "one", values=_with(0, unit="cars"))
    with pytest.raises(DataError) as info:
        check_folder(one)
    assert str(info.value) == read_folder(one)[1][0].located(one)
    assert error_text(info.value, "id").startswith(
        f"{one / 'values.csv'}, baris 2, kolom 'unit': satuan 'cars'"
    )
    rows = _with(0, unit="cars")
    rows.append({**rows[1], "series": "cars", "year": "20x0"})
    two = make_folder(tmp_path / "two", values=rows)
    with pytest.raises(DataError) as info:
        check_folder(two)
    first = read_folder(two)[1][0].located(two)
    assert str(info.value) == f"{first} (and 1 more; see 'motorisasi data check {two}')"
    assert error_text(info.value, "id").endswith(f"(dan 1 masalah lain; lihat 'motorisasi data check {two}')")
    assert " tidak dikenal " in error_text(info.value, "id")


# --- the command line -----------------------------------------------------------------------------


def test_data_check_prints_its_problems_in_indonesian(tmp_path):
    rows = _with(0, unit="cars")
    rows.append({**rows[1], "series": "cars", "year": "20x0"})
    root = make_folder(tmp_path / "two", values=rows)
    _write(root / "sources.csv", [{**SOURCES[0], "accessed": "kemarin"}], list(schema.SOURCE_COLUMNS))
    result = runner.invoke(
        app, ["data", "check", str(root), "--standalone", "--lang", "id"], env={"COLUMNS": "240"}
    )
    assert result.exit_code == 1, result.output
    out = result.output
    assert f"{root / 'sources.csv'}, baris 2, kolom 'accessed': 'kemarin' bukan tanggal (YYYY-MM-DD)" in out
    assert f"{root / 'values.csv'}, baris 2, kolom 'unit': satuan 'cars' tidak dikenal (yang dikenal: " in out
    assert f"{root / 'values.csv'}, baris 28, kolom 'year': '20x0' bukan tahun berupa bilangan bulat" in out
    assert "3 masalah di " in out
    for english in ("row", "column", "unknown", "is not"):
        assert not re.search(rf"\b{english}\b", out), english
    # And in English, as before.
    result = runner.invoke(
        app, ["data", "check", str(root), "--standalone", "--lang", "en"], env={"COLUMNS": "240"}
    )
    assert result.exit_code == 1
    assert f"{root / 'values.csv'}, row 28, column 'year': '20x0' is not a whole year" in result.output


def test_a_broken_data_folder_is_one_indonesian_error_line_elsewhere(tmp_path):
    root = make_folder(tmp_path / "bad", values=_with(0, value="-5"))
    result = runner.invoke(app, ["data", "show", "cars", "--data", str(root), "--lang", "id"])
    assert result.exit_code == 2, result.output
    line = " ".join(result.output.split())
    assert line.startswith(f"error: {root / 'values.csv'}, baris 2, kolom 'value': -5 negatif; "), line
