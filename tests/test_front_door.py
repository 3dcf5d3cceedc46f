"""The front door: ``import motorisasi as m`` and ``m.run``, ``m.gap``, ... work, lazily."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import motorisasi as m


def test_importing_the_package_loads_no_numerical_library():
    code = (
        "import sys, motorisasi; print(sorted(k for k in ('numpy', 'xarray', 'pandas') if k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_front_door_lists_and_gives_the_project_functions():
    from motorisasi.scenario.gap import ownership_gap
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import load_scenario

    assert {"run", "load_scenario", "gap", "ensemble", "fit_ownership", "data"} <= set(dir(m))
    assert m.run is run and m.gap is ownership_gap and m.load_scenario is load_scenario
    assert m.data.load("population").attrs["unit"] == "persons"
    with pytest.raises(AttributeError, match="no attribute 'runn'"):
        m.runn  # noqa: B018


def test_the_readme_line_works():
    # python -c "import motorisasi as m; print(m.run('baseline').ownership_per_1000.sel(year=2030))"
    code = (
        "import motorisasi as m; print(m.run('baseline').ownership_per_1000.sel(year=2030).values.tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    direct = m.run("baseline").ownership_per_1000.sel(year=2030).values
    np.testing.assert_allclose(eval(out.stdout), direct, rtol=1e-12)


def test_the_readme_python_section_runs():
    from pathlib import Path

    text = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = text.split("### In Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert float(namespace["ds"].ownership_per_1000.sel(segment="cars", year=2030)) > 0
    assert namespace["answer"].target == 150


def test_piped_listings_round_trip_through_pandas():
    import io
    import json

    import pandas as pd

    from motorisasi.data import catalog

    def listed(*args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "motorisasi", *args], capture_output=True, text=True, check=True
        )
        return out.stdout

    table = pd.read_csv(io.StringIO(listed("data", "list", "--format", "csv")))
    assert len(table) == len(catalog()) and "passenger_cars_registered" in set(table["series"])
    assert not table["series"].str.contains("\n").any()  # whole names, not wrapped pieces
    records = json.loads(listed("data", "sources", "--format", "json"))
    sources = pd.read_csv(io.StringIO(listed("data", "sources", "--format", "csv")))
    assert len(records) == len(sources) and records[0]["source_id"] == sources["source_id"][0]
    bad = subprocess.run(
        [sys.executable, "-m", "motorisasi", "data", "list", "--format", "xml"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--format: unknown format 'xml'" in bad.stderr + bad.stdout


def test_help_shows_no_bool_type_on_flags_and_keeps_value_types():
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    for command in (["gap"], ["run"], ["report"], ["data", "list"], ["backtest"]):
        text = CliRunner().invoke(app, [*command, "--help"], terminal_width=120).output
        assert "<bool>" not in text, command
    assert "<float>" in CliRunner().invoke(app, ["gap", "--help"], terminal_width=120).output


def test_compare_chooses_indicators_and_years_and_writes_csv():
    import io

    import pandas as pd
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    args = ["compare", "baseline", "target-150", "--indicators", "per 1,000", "--years", "2030,2045"]
    out = CliRunner().invoke(app, [*args, "--format", "csv"])
    assert out.exit_code == 0, out.output
    table = pd.read_csv(io.StringIO(out.output))
    assert set(table["year"]) == {2030, 2045} and table["indicator"].str.contains("per 1,000").all()
    target = table[(table.scenario == "target-150") & (table.year == 2030)]["value"].iloc[0]
    assert target == pytest.approx(150.0, abs=0.05)  # the target scenario reaches 150 in 2030
    for bad, says in (
        (["--years", "1800"], "--years: 1800"),
        (["--indicators", "zzz"], "--indicators: nothing"),
    ):
        result = CliRunner().invoke(app, ["compare", "baseline", "target-150", *bad])
        assert result.exit_code == 2 and says in result.output


def test_workbook_topic_sheets_have_only_the_columns_that_apply():
    import io

    import pandas as pd

    from motorisasi.outputs.export import _excel_bytes

    book = pd.read_excel(io.BytesIO(_excel_bytes(m.run("baseline"))), sheet_name=None)
    assert list(book["drivers"].columns) == ["variable", "year", "value", "unit"]
    assert "fuel" not in book["fleet"].columns and "powertrain" in book["fleet"].columns
    for name, sheet in book.items():
        for column in sheet.columns:
            assert not sheet[column].isna().all(), (name, column)


def test_the_counts_of_the_data_agree_across_check_list_and_readme():
    import re
    from pathlib import Path

    from typer.testing import CliRunner

    from motorisasi.data import catalog, sources
    from motorisasi.data.store import EMBEDDED
    from motorisasi.outputs.cli import app

    table = catalog()
    values, series, n_sources = int(table["values"].sum()), table["series"].nunique(), len(sources())
    check = CliRunner().invoke(app, ["data", "check", str(EMBEDDED)], terminal_width=200).output
    assert f"{values:,} values, {n_sources:,} sources, {series:,} series" in check
    listed = CliRunner().invoke(app, ["data", "list"], terminal_width=200).output
    assert listed.splitlines()[0].startswith(f"{series:,} series ({len(table):,} rows")
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    said = re.search(r"([\d,]+) values in ([\d,]+) series from ([\d,]+) sources", readme)
    assert said is not None
    assert [int(x.replace(",", "")) for x in said.groups()] == [values, series, n_sources]


@pytest.mark.parametrize(
    "args, first",
    [
        (["backtest"], "origins"),
        (["ownership", "fit"], "parameter"),
        (["backtest", "--regions", "provinces-34"], "model"),
    ],
)
def test_scores_and_fits_as_csv_for_pipes(args, first):
    import io

    import pandas as pd
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    out = CliRunner().invoke(app, [*args, "--format", "csv"])
    assert out.exit_code == 0, out.output
    table = pd.read_csv(io.StringIO(out.output))
    assert table.columns[0] == first and len(table) > 3
