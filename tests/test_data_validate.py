"""The validator passes on good folders and names file, row and column on broken ones."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from motorisasi.data import schema
from motorisasi.data.store import EMBEDDED, _embedded, load, open_data
from motorisasi.data.validate import DataError, check_folder, read_folder
from motorisasi.outputs.cli import app

runner = CliRunner()

SOURCES = [
    {
        "source_id": "src-1",
        "publisher": "Statistics Office",
        "citation": "Statistical Yearbook, table 1",
        "url": "https://example.org/t1",
        "table": "table 1",
        "accessed": "2026-01-31",
        "licence": "CC BY 4.0",
    },
]
SERIES = [
    {
        "series": "cars",
        "kind": "raw",
        "unit": "vehicles",
        "vehicle_type": "passenger_cars",
        "basis": "registered_bps",
        "description": "Registered cars",
    },
    {
        "series": "cars_h",
        "kind": "harmonised",
        "unit": "vehicles",
        "vehicle_type": "passenger_cars",
        "basis": "harmonised",
        "description": "Registered cars, harmonised",
    },
]


def _values(years=range(2000, 2025)) -> list[dict[str, str]]:
    rows = [
        {
            "country": "XYZ",
            "region": "",
            "series": "cars",
            "category": "",
            "year": "2020",
            "value": "100",
            "unit": "vehicles",
            "source_id": "src-1",
            "flag": "observed",
            "note": "",
        },
    ]
    rows += [
        {
            "country": "XYZ",
            "region": "",
            "series": "cars_h",
            "category": "",
            "year": str(y),
            "value": str(10 * (y - 1990)),
            "unit": "vehicles",
            "source_id": "src-1",
            "flag": "observed",
            "note": "",
        }
        for y in years
    ]
    return rows


def _write(path: Path, rows: list[dict[str, str]], columns=None) -> None:
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def make_folder(root: Path, values=None, sources=None, series=None, value_columns=None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    _write(root / "sources.csv", sources if sources is not None else SOURCES, list(schema.SOURCE_COLUMNS))
    _write(root / "series.csv", series if series is not None else SERIES, list(schema.SERIES_COLUMNS))
    _write(
        root / "values.csv",
        values if values is not None else _values(),
        value_columns or list(schema.VALUE_COLUMNS),
    )
    return root


def test_a_good_folder_passes(tmp_path):
    folder, problems = read_folder(make_folder(tmp_path / "good"))
    assert problems == []
    assert len(folder.values) == 26


def _with(row_index: int, **changes):
    rows = _values()
    rows[row_index] = {**rows[row_index], **changes}
    return rows


# (description, values rows, expected file, row, column, words in the message)
BROKEN = [
    ("unknown unit", _with(0, unit="cars"), "values.csv", 2, "unit", "unknown unit 'cars'"),
    ("unit differs from catalogue", _with(0, unit="thousand vehicles"), "values.csv", 2, "unit", "differs"),
    ("year out of range", _with(0, year="1850"), "values.csv", 2, "year", "outside"),
    ("year not a whole number", _with(0, year="2020.5"), "values.csv", 2, "year", "not a whole year"),
    ("value not a number", _with(0, value="12,000"), "values.csv", 2, "value", "not a number"),
    ("value not finite", _with(0, value="inf"), "values.csv", 2, "value", "not a finite number"),
    ("negative count", _with(0, value="-5"), "values.csv", 2, "value", "negative"),
    ("unknown source id", _with(0, source_id="src-9"), "values.csv", 2, "source_id", "'src-9'"),
    (
        "one of several source ids unknown",
        _with(0, source_id="src-1;nope"),
        "values.csv",
        2,
        "source_id",
        "'nope'",
    ),
    ("unknown flag", _with(0, flag="guessed"), "values.csv", 2, "flag", "unknown flag 'guessed'"),
    ("unknown series", _with(0, series="carz"), "values.csv", 2, "series", "unknown series 'carz'"),
    ("bad country code", _with(0, country="Indonesia"), "values.csv", 2, "country", "alpha-3"),
    ("empty required cell", _with(0, source_id=""), "values.csv", 2, "source_id", "is empty"),
    ("duplicate key", _values() + [_values()[0]], "values.csv", 28, "year", "duplicate of values.csv row 2"),
    (
        "harmonised gap",
        [r for r in _values() if r["year"] != "2010" or r["series"] != "cars_h"],
        "values.csv",
        3,
        "year",
        "gaps in 2010",
    ),
    (
        "harmonised short of the window",
        _values(years=range(2005, 2021)),
        "values.csv",
        3,
        "year",
        "must reach 2024",
    ),
    ("harmonised with a target flag", _with(5, flag="target"), "values.csv", 7, "flag", "not allowed"),
]


@pytest.mark.parametrize(
    ("what", "rows", "file", "row", "column", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_values_are_named_by_file_row_and_column(tmp_path, what, rows, file, row, column, words):
    root = make_folder(tmp_path / "broken", values=rows)
    _, problems = read_folder(root)
    assert problems, what
    first = problems[0]
    assert (first.file, first.row, first.column) == (file, row, column), str(first)
    assert words in first.message
    with pytest.raises(DataError) as info:
        check_folder(root)
    message = str(info.value)
    assert "\n" not in message
    assert f"values.csv, row {row}, column '{column}'" in message


def test_missing_column_is_named(tmp_path):
    columns = [c for c in schema.VALUE_COLUMNS if c != "unit"]
    _, problems = read_folder(make_folder(tmp_path / "f", value_columns=columns))
    assert (problems[0].file, problems[0].row, problems[0].column) == ("values.csv", 1, "unit")
    assert "required column is missing" in problems[0].message


def test_unknown_column_is_named(tmp_path):
    root = make_folder(tmp_path / "f")
    rows = [{**r, "comment": "x"} for r in _values()]
    _write(root / "values.csv", rows, [*schema.VALUE_COLUMNS, "comment"])
    _, problems = read_folder(root)
    assert [(p.file, p.row, p.column) for p in problems] == [("values.csv", 1, "comment")]


def test_ragged_row_is_named(tmp_path):
    root = make_folder(tmp_path / "f")
    with (root / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write("XYZ,,cars,,2021,100\n")
    _, problems = read_folder(root)
    assert (problems[0].file, problems[0].row) == ("values.csv", 28)
    assert "cells" in problems[0].message


@pytest.mark.parametrize(
    ("sources", "column", "words"),
    [
        ([{**SOURCES[0], "accessed": "last year"}], "accessed", "not a date"),
        ([{**SOURCES[0], "publisher": ""}], "publisher", "is empty"),
        (SOURCES + SOURCES, "source_id", "duplicate source id"),
    ],
)
def test_broken_sources_are_named(tmp_path, sources, column, words):
    _, problems = read_folder(make_folder(tmp_path / "f", sources=sources))
    assert problems[0].file == "sources.csv"
    assert problems[0].column == column
    assert words in problems[0].message


def test_broken_series_catalogue_is_named(tmp_path):
    series = [{**SERIES[0], "unit": "cars"}, SERIES[1]]
    _, problems = read_folder(make_folder(tmp_path / "f", series=series))
    assert (problems[0].file, problems[0].row, problems[0].column) == ("series.csv", 2, "unit")


def test_missing_metadata_files_are_named(tmp_path):
    root = make_folder(tmp_path / "f")
    (root / "sources.csv").unlink()
    _, problems = read_folder(root)
    assert any(p.file == "sources.csv" and "missing" in p.message for p in problems)


def test_not_a_folder(tmp_path):
    _, problems = read_folder(tmp_path / "nowhere")
    assert "is not a folder" in problems[0].message


# --- the embedded data ------------------------------------------------------------------


def test_the_embedded_data_pass_the_validator():
    _, problems = read_folder(EMBEDDED)
    assert problems == [], "\n".join(str(p) for p in problems[:10])


def test_every_source_id_in_the_embedded_data_resolves():
    """Read the CSV files directly (not through the validator) and resolve every id."""
    root = _embedded().path
    with (root / "sources.csv").open(encoding="utf-8") as handle:
        known = {row["source_id"] for row in csv.DictReader(handle)}
    files = [p for p in root.glob("*.csv") if p.name not in schema.META_FILES]
    assert len(files) >= 8
    count = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                ids = row["source_id"].split(";")
                assert all(i in known for i in ids), f"{path.name} row {line}: {row['source_id']}"
                count += 1
    assert count > 2500


def test_every_source_has_publisher_citation_and_access_date():
    table = open_data().sources
    assert not table.empty
    for column in ("publisher", "citation", "accessed"):
        assert (table[column].str.len() > 0).all(), column
    used = {i for ids in open_data().values["source_id"] for i in ids.split(";")}
    used |= {i for row in open_data().registers.values() for i in row["source_id"].split(";")}
    assert used == set(table.index), "sources.csv lists sources that no value uses"


def test_register_definitions_are_checked_and_default_to_unknown(tmp_path):
    from motorisasi.data.store import register_definition

    assert register_definition("JPN")["definition"] == "active"
    assert register_definition("MYS")["definition"] == "cumulative"
    assert register_definition("ZZZ")["definition"] == "unknown"
    root = make_folder(tmp_path / "defs", values=[])
    sid = SOURCES[0]["source_id"]
    rows = [
        {"country": "IDN", "definition": "net", "mechanism": "", "breaks": "", "source_id": sid},
        {"country": "THA", "definition": "active", "mechanism": "", "breaks": "", "source_id": "nowhere-1"},
        {"country": "THA", "definition": "active", "mechanism": "", "breaks": "", "source_id": sid},
    ]
    _write(root / schema.REGISTER_DEFINITIONS_FILE, rows, list(schema.REGISTER_COLUMNS))
    problems = [str(p) for p in read_folder(root)[1]]
    name = schema.REGISTER_DEFINITIONS_FILE
    assert f"{name}, row 2, column 'definition': unknown definition 'net'" in "\n".join(problems)
    assert f"{name}, row 3, column 'source_id': unknown source 'nowhere-1'" in "\n".join(problems)
    assert f"{name}, row 4, column 'country': duplicate country 'THA'" in "\n".join(problems)


# --- user folders -------------------------------------------------------------------------


def _user_population(root: Path, value: str = "300000000") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    _write(root / "sources.csv", [{**SOURCES[0], "source_id": "my-census"}], list(schema.SOURCE_COLUMNS))
    rows = [
        {
            "country": "IDN",
            "region": "",
            "series": "population",
            "category": "",
            "year": str(y),
            "value": value,
            "unit": "persons",
            "source_id": "my-census",
            "flag": "projected",
            "note": "my projection",
        }
        for y in range(1990, 2061)
    ]
    _write(root / "population.csv", rows, list(schema.VALUE_COLUMNS))
    return root


def test_a_user_folder_replaces_one_series(tmp_path):
    root = _user_population(tmp_path / "mine")
    mine = load("population", data_dir=root)
    assert (mine["value"] == 300_000_000).all()
    assert mine.attrs["sources"] == {"my-census": SOURCES[0]["citation"]}
    # Other series still come from the embedded data.
    assert load("car_sales", data_dir=root).loc[2024, "value"] == load("car_sales").loc[2024, "value"]


def test_a_user_folder_adds_a_country(tmp_path):
    root = make_folder(tmp_path / "xyz")
    assert load("cars_h", "XYZ", data_dir=root).loc[2024, "value"] == 340


def test_a_broken_user_folder_is_refused_with_one_line(tmp_path):
    root = _user_population(tmp_path / "bad", value="-1")
    result = runner.invoke(app, ["data", "show", "population", "--data", str(root)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("error: ")
    assert "population.csv, row 2, column 'value'" in result.output


def test_data_check_lists_every_problem(tmp_path):
    rows = _values()
    rows[0] = {**rows[0], "unit": "cars"}
    rows.append({**rows[1], "series": "cars", "year": "20x0"})
    root = make_folder(tmp_path / "two", values=rows)
    result = runner.invoke(app, ["data", "check", str(root), "--standalone"])
    assert result.exit_code == 1
    assert "values.csv, row 2, column 'unit'" in result.output
    assert "values.csv, row 28, column 'year'" in result.output
    assert "2 problems" in result.output


def test_data_check_passes_a_good_folder(tmp_path):
    result = runner.invoke(app, ["data", "check", str(make_folder(tmp_path / "ok")), "--standalone"])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_data_check_passes_the_embedded_folder():
    result = runner.invoke(app, ["data", "check", str(_embedded().path), "--standalone"])
    assert result.exit_code == 0, result.output


def test_the_environment_variable_points_at_a_user_folder(tmp_path, monkeypatch):
    root = _user_population(tmp_path / "env", value="123")
    monkeypatch.setenv("MOTORISASI_DATA", str(root))
    assert (load("population")["value"] == 123).all()
    monkeypatch.setenv("MOTORISASI_DATA", str(tmp_path / "missing"))
    with pytest.raises(DataError, match=r"\$MOTORISASI_DATA: .* is not a folder"):
        load("population")
    monkeypatch.delenv("MOTORISASI_DATA")
    assert load("population")["value"].min() > 1e8
