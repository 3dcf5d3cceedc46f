"""Hostile and broken input: each defect found by trying the tool as a careful tester would.

Every test here failed before the fix it guards (a path outside the output folder, a live
formula in a workbook, a traceback, a silent wrong result, junk after a kill, a mixed set of
files after a full disk, an error pointing at the wrong file, sources missing from a report,
SVG charts that differ between runs, two runs racing in one folder).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from motorisasi.data import schema as data_schema
from motorisasi.data.store import load
from motorisasi.outputs import files as output_files
from motorisasi.outputs.cli import app
from motorisasi.outputs.export import FORMULA_START, write_all
from motorisasi.outputs.files import STAGING_PREFIX, OutputSet, safe_stem
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import LIBRARY, ScenarioError, load_scenario

runner = CliRunner()
BASE = (LIBRARY / "baseline.yaml").as_posix()
EVIL = "=cmd|' /C calc'!A0"
RUN_FILES = ("baseline.csv", "baseline_iamc.csv", "baseline.xlsx", "baseline.nc")


def one_error_line(result) -> str:
    """The single ``error:`` line of a failed command (and no traceback)."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ") and "Traceback" not in result.output
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes), hidden files included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def scenario_file(folder: Path, text: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. path traversal through the scenario name --------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../../victim", "/tmp/victim", "''", "a/b", "..", ".hidden", "CON", "x\\\\y", "'a '"]
)
def test_a_scenario_name_cannot_lead_outside_the_output_folder(tmp_path, name):
    victim = tmp_path / "victim.csv"
    victim.write_text("precious")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    path = scenario_file(work, f"extends: {BASE}\nname: {name}\n")
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["run", str(path), "--out", str(work / "results")])
    line = one_error_line(result)
    assert str(path) in line and "name:" in line
    assert snapshot(tmp_path) == before


def test_output_names_are_made_safe_even_from_python(tmp_path):
    ds = run("baseline")
    ds.attrs["scenario_name"] = "../../victim"
    paths = write_all(ds, tmp_path / "out")
    assert {p.name for p in paths.values()} == {
        "victim.csv",
        "victim_iamc.csv",
        "victim.xlsx",
        "victim.nc",
    }
    assert all(p.resolve().parent == (tmp_path / "out").resolve() for p in paths.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("name", "stem"),
    [("../../victim", "victim"), ("a b/c", "a_b_c"), ("nul.txt", "nul.txt_"), ("", "scenario"), ("é", "é")],
)
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem


@pytest.mark.parametrize("name", ["../x.csv", "a/b.csv", "", "..", f"{STAGING_PREFIX}x"])
def test_an_output_set_refuses_names_that_are_not_plain(tmp_path, name):
    with OutputSet(tmp_path / "out") as outset, pytest.raises(output_files.OutputError):
        outset.write(name, b"x")
    assert not (tmp_path / "x.csv").exists()


# --- 2. text is never a formula -------------------------------------------------------------------


def copy_series(path: Path, series: str, change=None, extra=()) -> Path:
    """Write the embedded IDN rows of ``series`` to ``path``; ``change(row)`` may alter each row
    (a dict of the value columns), ``extra`` rows are added at the end."""
    table = load(series, "IDN")
    unit = table.attrs["unit"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data_schema.VALUE_COLUMNS))
        writer.writeheader()
        for row in table.reset_index().itertuples():
            out = {
                "country": "IDN",
                "series": series,
                "category": getattr(row, "category", ""),
                "year": "" if pd.isna(row.year) else row.year,
                "value": row.value,
                "unit": unit,
                "source_id": row.source_id,
                "flag": row.flag,
            }
            writer.writerow(change(out) if change else out)
        for row in extra:
            writer.writerow({"country": "IDN", "series": series, "unit": unit, "flag": "observed", **row})
    return path


def evil_data(root: Path) -> Path:
    """A data folder whose population rows cite a source with formula-like text everywhere."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data_schema.SOURCE_COLUMNS))
        writer.writeheader()
        writer.writerow(
            {
                "source_id": "evil-1",
                "publisher": "+Evil Statistics Office",
                "citation": EVIL,
                "url": "@https://example.org",
                "table": "-Table 1",
                "accessed": "2026-01-01",
                "licence": "=CC-BY-4.0",
            }
        )
    copy_series(root / "population.csv", "population", lambda r: {**r, "source_id": "evil-1", "note": "=1+1"})
    # Sales shares by maker origin with a category that looks like a formula: it becomes a label.
    origins = load("wholesales_share_by_brand_origin_derived", "IDN").reset_index()
    korea = origins[origins["category"] == "South Korea"]
    copy_series(
        root / "origins.csv",
        "wholesales_share_by_brand_origin_derived",
        extra=[{"category": EVIL, "year": y, "value": 0.001, "source_id": "evil-1"} for y in korea["year"]],
    )
    return root


def evil_scenario(folder: Path) -> Path:
    """The baseline with every text input starting with '='."""
    content = load_scenario("baseline").model_dump(mode="python")

    def poison(value, key=""):
        if isinstance(value, dict):
            return {k: poison(v, str(k)) for k, v in value.items()}
        if isinstance(value, str) and (
            key.endswith("reason") or key in ("description", "description_id", "label")
        ):
            return EVIL
        return value

    content = poison(content)
    path = folder / "evil.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path


def test_the_workbook_holds_no_formula_even_when_every_text_starts_with_equals(tmp_path):
    data = evil_data(tmp_path / "data")
    path = evil_scenario(tmp_path)
    result = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "out"), "--data", str(data)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "out" / "baseline.xlsx")
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert EVIL in texts  # kept as text, not dropped
    assert sum(t == EVIL for t in texts) > 10  # reasons, descriptions, the citation, origin labels
    assert "'" + EVIL in (tmp_path / "out" / "baseline.csv").read_text(encoding="utf-8")
    for name in ("baseline.csv", "baseline_iamc.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.startswith(FORMULA_START) or _is_number(cell), (name, cell)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_cell_a_workbook_cannot_hold_is_replaced_not_a_crash(tmp_path):
    ds = run("baseline")
    scenario = json.loads(ds.attrs["scenario"])
    scenario["description"] = "bell\x07 and escape\x1b"
    ds.attrs["scenario"] = json.dumps(scenario)
    paths = write_all(ds, tmp_path)
    book = openpyxl.load_workbook(paths["xlsx"])
    values = [c.value for row in book["assumptions"].iter_rows() for c in row]
    assert "bell\ufffd and escape\ufffd" in values


def test_scenario_text_with_control_characters_is_refused(tmp_path):
    path = scenario_file(tmp_path, f'extends: {BASE}\nname: x\ndescription: "ring \\x07"\n')
    with pytest.raises(ScenarioError, match=r"description: .*control character U\+0007"):
        load_scenario(path)


def test_a_device_or_pipe_is_never_replaced_by_an_output_file(tmp_path):
    # A named pipe stands for /dev/null and friends (a failing test must not break the machine).
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    line = one_error_line(runner.invoke(app, ["compare", "baseline", "target-150", "--out", str(pipe)]))
    assert line.startswith(f"error: {pipe}: is not a regular file")
    assert pipe.is_fifo()


def test_control_characters_in_a_data_folder_are_named(tmp_path):
    data = evil_data(tmp_path / "data")
    text = (data / "sources.csv").read_text(encoding="utf-8").replace("+Evil", "+Ev\x1bil")
    (data / "sources.csv").write_text(text, encoding="utf-8")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert line.startswith(
        f"error: {data / 'sources.csv'}, row 2, column 'publisher': holds the control character U+001B"
    )


# --- 3. encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (f"extends: {BASE}\nname: caf\xe9\n".encode("latin-1"), "line 2: is not UTF-8 text (byte 0xE9"),
        (f"extends: {BASE}\nname: x\n".encode("utf-16"), "is UTF-16 text; save it as UTF-8"),
        (f"extends: {BASE}\nname: x\n".encode("utf-32"), "is UTF-32 text; save it as UTF-8"),
        (bytes(range(256)) * 4, "is not a text file"),
        (b"name: \xfe\xfd garbage", "line 1: is not UTF-8 text (byte 0xFE"),
    ],
    ids=["latin-1", "utf-16", "utf-32", "binary", "bad-utf-8"],
)
def test_files_that_are_not_utf8_give_one_line(tmp_path, content, words):
    path = tmp_path / "s.yaml"
    path.write_bytes(content)
    line = one_error_line(runner.invoke(app, ["run", str(path), "--no-files"]))
    assert str(path) in line and words in line


def test_a_byte_order_mark_is_accepted_in_scenarios_and_data(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + f"extends: {BASE}\nname: bom\n".encode())
    assert load_scenario(path).name == "bom"
    data = evil_data(tmp_path / "data")
    for name in ("sources.csv", "population.csv"):
        file = data / name
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())  # as Excel's "CSV UTF-8" saves it
    result = runner.invoke(app, ["data", "check", str(data)])
    assert result.exit_code == 0, result.output


def test_a_huge_file_a_device_and_a_folder_are_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("name: x\n" + "# padding\n" * 200_000)
    with pytest.raises(ScenarioError, match="larger than 1,000,000 bytes"):
        load_scenario(big)
    with pytest.raises(ScenarioError, match="is not a regular file"):
        load_scenario("/dev/zero")
    with pytest.raises(ScenarioError, match="is a folder"):
        load_scenario(tmp_path)


def test_yaml_alias_bombs_and_deep_nesting_are_refused(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    path = scenario_file(tmp_path, "\n".join(bomb) + "\nname: x\n")
    with pytest.raises(ScenarioError, match="more than 100,000 values"):
        load_scenario(path)
    deep = scenario_file(tmp_path, "name: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep.yaml")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        load_scenario(deep)
    recursive = scenario_file(tmp_path, "name: &a [*a]\n", "rec.yaml")
    with pytest.raises(ScenarioError):
        load_scenario(recursive)


def test_a_repeated_key_is_an_error_not_a_silent_override(tmp_path):
    path = scenario_file(
        tmp_path,
        f"extends: {BASE}\nname: x\nsegments:\n  cars:\n    lifetime: {{mean_years: 12, mean_years: 30}}\n",
    )
    with pytest.raises(ScenarioError, match=r"line 5: not valid YAML \(key 'mean_years' is given twice\)"):
        load_scenario(path)


# --- 4. strict types and physical ranges ----------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("segments: {cars: {lifetime: {mean_years: yes}}}", "mean_years: Input should be a valid number"),
        ("segments: {cars: {lifetime: {mean_years: '20'}}}", "mean_years: Input should be a valid number"),
        ("segments: {cars: {lifetime: {mean_years: .nan}}}", "mean_years: Input should be a finite number"),
        ("segments: {cars: {km_per_year: .inf}}", "km_per_year: Input should be a finite number"),
        ("segments: {cars: {demand: {type: sales_path, sales: {2030: 1e300}}}}", "less than or equal to 1"),
        ("segments: {cars: {demand: {type: sales_path, sales: {2030: 1.0e+300}}}}", "got 1e+300"),
        ("drivers: {population_path: {2030: 0}}", "population_path.2030: Input should be greater than"),
        ("segments: {cars: {demand: {type: ownership_target, per_1000: 1e9, by: 2030}}}", "per_1000"),
        ("industry: {fiscal: {idr_per_usd: 0}}", "idr_per_usd"),
        ("energy: {grid_intensity_g_per_kwh: {2030: 1e9}}", "grid_intensity_g_per_kwh.2030"),
        ("segments: {cars: {label: null}}", "label: Input should be a valid string"),
        ("segments: {cars: {label: 12}}", "label: Input should be a valid string"),
        ("segments: {'=evil': {label: x}}", "a key must be 1-40 letters"),
        ("years: {end: 2060.5}", "years.end: Input should be a valid integer"),
        ("segments: {cars: {powertrains: {BEV: {type: path, share: {'2030': 0.5}}}}}", "valid integer"),
    ],
)
def test_wrong_types_and_numbers_outside_their_range_are_refused(tmp_path, override, words):
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\n{override}\n")
    line = one_error_line(runner.invoke(app, ["run", str(path), "--no-files"]))
    assert str(path) in line and words in line


def test_numbers_written_as_1e6_are_numbers(tmp_path):
    demand = "{cars: {demand: {type: sales_path, sales: {2030: 1e6}}}}"
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\nsegments: {demand}\n")
    assert load_scenario(path).segments["cars"].demand.sales == {2030: 1e6}


def test_a_population_of_zero_in_a_data_folder_is_named_by_file_row_and_column(tmp_path):
    data = evil_data(tmp_path / "data")
    rows = list(csv.DictReader((data / "population.csv").open(encoding="utf-8")))
    line_of_2030 = next(i for i, r in enumerate(rows, start=2) if r["year"] == "2030")
    rows[line_of_2030 - 2]["value"] = "0"
    with (data / "population.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data_schema.VALUE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert line.startswith(f"error: {data / 'population.csv'}, row {line_of_2030}, column 'value': 0 ")
    assert "baseline.yaml" not in line


def test_a_floating_point_error_in_a_run_is_an_error_not_a_warning(monkeypatch):
    import motorisasi.scenario.run as run_module

    def broken_blend(sc, years, *_):
        return np.ones(len(years)) / np.zeros(len(years))

    monkeypatch.setattr(run_module, "_blend", broken_blend)
    with pytest.raises(ScenarioError, match=r"baseline.yaml: the inputs lead to a numerical error \(divide"):
        run("baseline")


def test_a_runtime_warning_in_a_command_ends_as_one_line():
    import warnings

    import typer

    from motorisasi.outputs.errors import user_errors_as_one_line

    probe = typer.Typer()

    @probe.command()
    @user_errors_as_one_line
    def noisy() -> None:
        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=1)

    line = one_error_line(runner.invoke(probe, []))
    assert "numerical error (overflow encountered in exp)" in line


def test_a_defect_is_one_line_with_its_own_status(monkeypatch):
    import motorisasi.scenario.run as run_module

    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(run_module, "run", broken)
    monkeypatch.delenv("MOTORISASI_DEBUG", raising=False)
    result = runner.invoke(app, ["run", "--no-files"])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        "error: internal error (KeyError: 'surprise'); please report it with the command you ran (set "
        "MOTORISASI_DEBUG=1 to see the traceback)"
    ]


def test_command_line_mistakes_are_one_line(capsys):
    from motorisasi.outputs.cli import main

    for argv, words in [
        (["gap", "--by", "abc"], "Invalid value for '--by'"),
        (["run", "--nope"], "No such option: --nope"),
        (["nosuch"], "No such command 'nosuch'"),
    ]:
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: ") and words in err[0], err


# --- 5 and 6. killed runs and full disks (see also test_kill.py) ---------------------------------


def test_temporary_files_an_earlier_version_left_are_removed(tmp_path):
    (tmp_path / ".report.pdf.abc123.tmp").write_bytes(b"%PDF-trunc")
    (tmp_path / ".baseline.csv.x.tmp").write_bytes(b"part")
    (tmp_path / f"{STAGING_PREFIX}old").mkdir()  # a killed run's staging folder (with its marker)
    (tmp_path / f"{STAGING_PREFIX}old" / output_files.MARKER).write_text("")
    (tmp_path / f"{STAGING_PREFIX}old" / "baseline.csv").write_bytes(b"half")
    (tmp_path / "notes.tmp").write_text("mine")  # not ours: kept
    with OutputSet(tmp_path, ["report.pdf", "baseline.csv"]) as outset:
        outset.write("report.pdf", b"%PDF")
        outset.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.tmp", "report.pdf"]


def test_a_full_disk_leaves_the_previous_set_and_names_the_file(tmp_path, monkeypatch):
    out = tmp_path / "results"
    assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
    before = snapshot(out)
    real = Path.write_bytes

    def full(self, data):
        if self.name == "baseline.xlsx":
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    line = one_error_line(runner.invoke(app, ["run", "--out", str(out)]))
    assert line == (
        f"error: {out / 'baseline.xlsx'}: cannot be written (No space left on device); nothing was "
        "written and the previous files are unchanged"
    )
    assert snapshot(out) == before  # no staging folder either


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path("/tmp") / f"motorisasi-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
    if ok.returncode == 0:
        subprocess.run(["umount", str(probe)], capture_output=True)
    probe.rmdir()
    return ok.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and tmpfs to fill a real file system")
def test_a_really_full_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2000k", "tmpfs", str(disk)], check=True)
    try:
        out = disk / "results"
        assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
        before = snapshot(out)
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * max(0, free - 200_000))  # room for the CSV, not the rest
        line = one_error_line(runner.invoke(app, ["run", "--out", str(out)]))
        assert (
            "No space left on device" in line and str(out) in line and "previous files are unchanged" in line
        )
        assert snapshot(out) == before
        (disk / "filler").unlink()
        assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
        assert sorted(p.name for p in out.iterdir()) == sorted(RUN_FILES)
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# --- 7. errors that point the right way, and early ------------------------------------------------


def test_an_unusable_output_folder_is_reported_before_the_work(tmp_path, monkeypatch):
    import motorisasi.scenario.run as run_module

    def never(*args, **kwargs):
        raise AssertionError("the scenario ran before the output folder was checked")

    monkeypatch.setattr(run_module, "run", never)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = one_error_line(runner.invoke(app, ["run", "--out", str(blocker / "results")]))
    assert line == f"error: {blocker}: is a file, not a folder; choose another output folder"
    (tmp_path / "out" / "baseline.nc").mkdir(parents=True)
    line = one_error_line(runner.invoke(app, ["run", "--out", str(tmp_path / "out")]))
    assert line.startswith(f"error: {tmp_path / 'out' / 'baseline.nc'}: is a folder")
    line = one_error_line(
        runner.invoke(app, ["compare", "baseline", "target-150", "--out", str(blocker / "c.csv")])
    )
    assert str(blocker) in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "out"]  # no folder left behind


def test_a_broken_data_folder_is_named_not_the_shipped_scenario(tmp_path):
    data = evil_data(tmp_path / "data")
    with (data / "population.csv").open("a", encoding="utf-8") as handle:
        handle.write("IDN,,population,,2070,many,persons,evil-1,observed,\n")
    for command in (
        ["run", "--no-files"],
        ["report", "--out", str(tmp_path / "r.html")],
        ["compare", "baseline", "target-150"],
    ):
        line = one_error_line(runner.invoke(app, [*command, "--data", str(data)]))
        assert line.startswith(f"error: {data / 'population.csv'}, row "), line
        assert "column 'value'" in line and "baseline.yaml" not in line


@pytest.mark.parametrize("folder", ["~0nobody", "a" * 5000, "missing"])
def test_an_unusable_data_folder_name_is_one_line(folder):
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", folder]))
    assert line.startswith("error: --data: '")


# --- 8. the user's sources in the report ----------------------------------------------------------


def test_the_report_describes_sources_from_the_users_data_folder(tmp_path):
    from motorisasi.report.document import _source_rows

    data = evil_data(tmp_path / "data")
    ds = run("baseline", data_dir=data)
    rows = {row[0]: row for row in _source_rows([ds], data)}
    assert rows["evil-1"] == [
        "evil-1",
        "+Evil Statistics Office",
        EVIL,
        "-Table 1",
        "2026-01-01",
        "=CC-BY-4.0",
    ]


# --- 9. reproducible SVG charts -------------------------------------------------------------------


def test_svg_charts_are_the_same_bytes_in_every_run():
    from motorisasi.report import charts

    ds = run("baseline")
    drawn = []
    for _ in range(2):
        buffer = io.BytesIO()
        charts._savefig(charts.ownership(ds), buffer, "svg")
        drawn.append(buffer.getvalue())
    assert drawn[0] == drawn[1]
    assert b'id="' in drawn[0]  # the ids that used to be random are there


# --- 10. one writer per folder --------------------------------------------------------------------


def test_a_second_command_writing_into_a_locked_folder_is_refused(tmp_path):
    out = tmp_path / "results"
    assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
    before = snapshot(out)
    with OutputSet(out, ["other.csv"]):
        line = one_error_line(runner.invoke(app, ["run", "--out", str(out)]))
        assert line == (
            f"error: {out}: another motorisasi command is writing into this folder; wait for it to finish "
            "or choose another output folder"
        )
        assert {k: v for k, v in snapshot(out).items() if not k.startswith(STAGING_PREFIX)} == before
    assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
    assert snapshot(out) == before  # the same bytes again, and nothing left over


def test_the_lock_is_released_when_its_process_dies(tmp_path):
    import sys

    out = tmp_path / "results"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from motorisasi.outputs.files import OutputSet; "
            f"s = OutputSet({str(out)!r}); s.open(); print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(output_files.OutputError, match="another motorisasi command"):
            OutputSet(out).open()
    finally:
        child.kill()
        child.wait()
    with OutputSet(out) as outset:  # free again, and the dead run's staging folder is cleared
        outset.write("x.csv", b"1")
        outset.commit()
    assert sorted(p.name for p in out.iterdir()) == ["x.csv"]


# --- found by a hostile review after the fixes above ----------------------------------------------


@pytest.mark.parametrize(
    ("override", "words"),
    [
        (
            "segments: {cars: {lifetime: {distribution: weibull, mean_years: 1, std_years: 1.0e-300}}}",
            "segments.cars.lifetime.std_years: Input should be greater than or equal to 0.1",
        ),
        (
            "segments: {cars: {km_per_year: 010600}}",
            "km_per_year: Input should be a valid number (got '010600')",
        ),
        ("years: {base: 33:44}", "years.base: must be a year or 'latest' (got '33:44')"),
        ("segments: {cars: {km_per_year: 2:56:40}}", "km_per_year: Input should be a valid number"),
        (
            "segments: {cars: {stock_series: [passenger_cars_registered, passenger_cars_registered]}}",
            "stock_series: Value error, 'passenger_cars_registered' is listed twice",
        ),
        (
            "industry: {groups: {extra: {segments: [cars]}}}",
            "industry.groups.extra.segments: 'cars' is already supplied by group 'four_wheel'",
        ),
        (
            "industry: {groups: {four_wheel: {import_share: {1990: 0.5}}}}",
            "industry.groups.four_wheel.import_share: year 1990 is outside 2025-2060",
        ),
        ("name: " + "\U00010348" * 80, "name: must be 1-80 letters"),
    ],
)
def test_more_inputs_that_used_to_pass_silently(tmp_path, override, words):
    path = scenario_file(
        tmp_path, f"extends: {BASE}\n{'' if override.startswith('name') else 'name: x'}\n{override}\n"
    )
    line = one_error_line(runner.invoke(app, ["run", str(path), "--no-files"]))
    assert str(path) in line and words.replace("Value error, ", "") in line, line


@pytest.mark.parametrize(
    ("override", "words"),
    [
        (
            "segments: {cars: {stock_series: [population]}}",
            "segments.cars.stock_series.0: series 'population' is in 'persons'",
        ),
        (
            "segments: {cars: {demand: {type: sales_growth, growth_pct: 100}}}",
            "segments.cars.demand: sales reach",
        ),
        (
            "years: {end: 2100}\ndrivers: {population_path: {2100: 1000}}",
            "registered vehicles per 1,000 people in 2",
        ),
        (
            "industry: {groups: {four_wheel: {exports_growth_pct: 100}}}",
            "industry.groups.four_wheel.exports_growth_pct: exports reach",
        ),
    ],
)
def test_results_no_country_could_show_are_refused(tmp_path, override, words):
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\n{override}\n")
    line = one_error_line(runner.invoke(app, ["run", str(path), "--no-files"]))
    assert str(path) in line and words in line, line


def test_an_overflow_in_a_run_is_an_error(monkeypatch):
    import motorisasi.scenario.steps.fleet as run_module

    def overflow(seg, n_ages):
        return 10.0**400  # a Python float overflows with OverflowError, not a numpy warning

    monkeypatch.setattr(run_module, "_survival", overflow)
    monkeypatch.setattr(run_module, "_HISTORIES", type(run_module._HISTORIES)())  # nothing kept
    with pytest.raises(ScenarioError, match="numerical error"):
        run("baseline")


def test_a_terminal_that_cannot_show_a_name_gets_escapes_not_a_crash(tmp_path):
    import sys

    path = scenario_file(tmp_path, f'extends: {BASE}\nname: "\u0661\u0662"\n')
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from motorisasi.outputs.cli import main; main()",
            "run",
            str(path),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert b"\\u0661\\u0662" in result.stdout


def _data_with(tmp_path: Path, series: str, value) -> tuple[Path, int]:
    """A data folder whose ``series`` rows (copied from the embedded data) hold ``value``."""
    data = evil_data(tmp_path / "data")
    copy_series(data / f"{series}.csv", series, lambda r: {**r, "value": value, "source_id": "evil-1"})
    return data, 2


def test_a_value_no_country_could_have_is_refused_where_it_is_written(tmp_path):
    data, row = _data_with(tmp_path, "car_sales", "1e200")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert line.startswith(f"error: {data / 'car_sales.csv'}, row {row}, column 'value': 1e200 is more than")


def test_a_negative_share_in_percent_is_named(tmp_path):
    data, _ = _data_with(tmp_path, "wholesales_share_by_brand_origin_derived", "-500")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert str(data / "wholesales_share_by_brand_origin_derived.csv") in line
    assert "-500 is not a share in percent (0-100)" in line


def test_a_pipe_or_a_duplicate_column_in_a_data_folder_is_named(tmp_path):
    data = evil_data(tmp_path / "data")
    os.mkfifo(data / "pipe.csv")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert line.startswith(f"error: {data / 'pipe.csv'}: is not a regular file")
    (data / "pipe.csv").unlink()
    (data / "twice.csv").write_text("country,series,year,value,unit,source_id,value\n", encoding="utf-8")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert line.startswith(f"error: {data / 'twice.csv'}, row 1, column 'value': column appears twice")


def test_results_are_not_written_into_the_data_folder(tmp_path):
    data = evil_data(tmp_path / "data")
    before = snapshot(data)
    line = one_error_line(runner.invoke(app, ["run", "--data", str(data), "--out", str(data)]))
    assert "is a data folder" in line
    assert snapshot(data) == before
    from motorisasi.data.store import EMBEDDED

    shipped = snapshot(EMBEDDED)
    for args in (["run", "--out"], ["backtest", "--out"], ["report", "--charts"]):
        line = one_error_line(runner.invoke(app, [*args, str(EMBEDDED)]))
        assert "is a data folder" in line, args
    assert snapshot(EMBEDDED) == shipped


def test_a_commit_that_fails_halfway_puts_the_previous_files_back(tmp_path, monkeypatch):
    out = tmp_path / "results"
    assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
    before = snapshot(out)
    demand = "{cars: {demand: {type: sales_growth, growth_pct: 5}}}"
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: baseline\nsegments: {demand}\n")
    real = os.replace

    def refuse(src, dst):
        if Path(dst).name == "baseline.xlsx" and STAGING_PREFIX in str(src):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(dst))
        return real(src, dst)

    monkeypatch.setattr(output_files.os, "replace", refuse)
    line = one_error_line(runner.invoke(app, ["run", str(path), "--out", str(out)]))
    assert line == (
        f"error: {out / 'baseline.xlsx'}: cannot be put in place (Operation not permitted); nothing was "
        "changed and the previous files are as they were"
    )
    assert snapshot(out) == before


def test_two_folders_of_one_command_share_a_symlink_and_leave_nothing_on_failure(tmp_path):
    from motorisasi.outputs.files import OutputSets

    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with OutputSets() as sets:
        assert sets.folder(tmp_path / "real", ["r.html"]) is sets.folder(tmp_path / "link", ["x.png"])
    with pytest.raises(RuntimeError), OutputSets() as sets:
        sets.folder(tmp_path / "new" / "a" / "b", ["r.html"])
        sets.folder(tmp_path / "new" / "c" / "d")
        raise RuntimeError("the work failed")
    assert not (tmp_path / "new").exists()


def test_one_set_never_writes_a_name_twice(tmp_path):
    with OutputSet(tmp_path) as outset:
        outset.write("a.png", b"1")
        with pytest.raises(RuntimeError, match="written twice"):
            outset.write("a.png", b"2")


def test_an_extends_chain_has_a_limit(tmp_path):
    # s0 extends s1 ... s18 extends s19, which extends the shipped baseline: 21 files in all.
    for i in range(19):
        scenario_file(tmp_path, f"extends: s{i + 1}.yaml\nname: x{i}\n", f"s{i}.yaml")
    scenario_file(tmp_path, f"extends: {BASE}\nname: last\n", "s19.yaml")
    with pytest.raises(ScenarioError, match=r"s0.yaml: extends: a chain of more than 20 files"):
        load_scenario(tmp_path / "s0.yaml")
    assert load_scenario(tmp_path / "s1.yaml").name == "x1"  # 20 files: allowed


# --- found by a second hostile review ---------------------------------------------------------------


def test_scalars_that_only_look_like_numbers_are_text(tmp_path):
    from motorisasi.scenario.schema import _load_yaml

    text = "a: .\nb: -.\nc: ._\nd: .e5\ne: 0x_\nf: +.\ng: 1.\nh: .5\ni: 0x1F\n"
    assert _load_yaml(text, tmp_path / "x.yaml") == {
        "a": ".",
        "b": "-.",
        "c": "._",
        "d": ".e5",
        "e": "0x_",
        "f": "+.",
        "g": 1.0,
        "h": 0.5,
        "i": 31,
    }
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\ndescription: .\n")
    assert load_scenario(path).description == "."


def test_chart_names_keep_clear_of_the_reports_own_files():
    from motorisasi.outputs.cli_report import chart_file_stems

    stems = chart_file_stems(["compare", "baseline_ownership"], reserved=["compare.png", "report.html"])
    assert stems == ["compare_2", "baseline_ownership"]


def test_two_reports_of_one_year_in_a_data_folder_are_named(tmp_path):
    data = evil_data(tmp_path / "data")
    table = load("electricity_carbon_intensity_ember", "IDN").reset_index()
    latest = int(table.year.max())
    copy_series(
        data / "grid.csv",
        "electricity_carbon_intensity_ember",
        extra=[{"year": latest, "value": 700, "source_id": "evil-1"}],
    )
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    last = len(table) + 2
    assert line.startswith(f"error: {data / 'grid.csv'}, row {last}, column 'value': series ")
    assert f"has another value for {latest} ({data / 'grid.csv'}, row {last - 1}" in line
    assert "baseline.yaml" not in line


@pytest.mark.parametrize(
    ("series", "value", "words"),
    [
        (
            "imports_cbu_gaikindo",
            "900000000",
            "industry.groups.four_wheel.imports_series: imports of 900,000,000",
        ),
        ("ipcc_fuel__co2_ef_motor_gasoline", "1e15", "is more than a value in 'kg CO2 per TJ' can be"),
        ("electricity_carbon_intensity_ember", "1e12", "is more than a value in 'gCO2 per kWh' can be"),
        ("passenger_cars_registered", "9e9", "the registered-fleet and population data"),
    ],
)
def test_data_that_passes_the_format_but_not_the_model_is_explained(tmp_path, series, value, words):
    data, _ = _data_with(tmp_path, series, value)
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert words in line, line


def test_origin_shares_over_one_say_where_they_come_from(tmp_path):
    data, _ = _data_with(tmp_path, "wholesales_share_by_brand_origin_derived", "90")
    line = one_error_line(runner.invoke(app, ["run", "--no-files", "--data", str(data)]))
    assert "industry.groups.four_wheel.origin_shares: the shares by maker origin add up to" in line
    assert "'wholesales_share_by_brand_origin_derived'" in line


def test_a_category_that_is_not_in_the_data_is_refused(tmp_path):
    demand = "{cars: {history_sales_series: {HEV: wholesales_by_powertrain_reported/HEVV}}}"
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\nsegments: {demand}\n")
    line = one_error_line(runner.invoke(app, ["run", str(path), "--no-files"]))
    assert (
        "segments.cars.history_sales_series.HEV: series 'wholesales_by_powertrain_reported' has no " in line
    )
    assert "category 'HEVV' for IDN (it has: BEV, HEV, PHEV" in line


def test_a_user_key_spelt_like_a_series_field_is_a_key(tmp_path):
    groups = "{exports_series: {segments: [motorcycles]}, two_wheel: {segments: [commercial]}}"
    path = scenario_file(tmp_path, f"extends: {BASE}\nname: x\nindustry: {{groups: {groups}}}\n")
    result = runner.invoke(app, ["run", str(path), "--no-files"])
    assert "unknown series" not in result.output


def test_staging_names_are_not_output_folders_and_foreign_ones_are_left_alone(tmp_path):
    line = one_error_line(runner.invoke(app, ["run", "--out", str(tmp_path / f"{STAGING_PREFIX}q")]))
    assert "folders named .motorisasi-staging-* are where this program prepares its files" in line
    foreign = tmp_path / "out" / f"{STAGING_PREFIX}someone"
    foreign.mkdir(parents=True)
    (foreign / "notes.txt").write_text("mine")
    with OutputSet(tmp_path / "out", ["a.csv"]) as outset:
        outset.write("a.csv", b"1")
        outset.commit()
    assert (foreign / "notes.txt").read_text() == "mine"


def test_dot_dot_in_an_output_path_makes_no_folder_on_the_way(tmp_path):
    out = tmp_path / "ghost" / ".." / "real"
    assert runner.invoke(app, ["run", "--out", str(out)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real"]


def test_a_journal_that_cannot_be_finished_is_undone(tmp_path):
    from motorisasi.outputs.files import MANIFEST, MARKER, recover

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_text("old a")
    (folder / "b.csv").mkdir()  # a folder where the journal wants a file: the rename fails
    staging = folder / f"{STAGING_PREFIX}x"
    kept = staging / output_files.KEPT
    kept.mkdir(parents=True)
    (staging / MARKER).write_text("")
    (kept / "a.csv").write_text("old a")
    (staging / "a.csv").write_text("new a")
    (staging / "b.csv").write_text("new b")
    (staging / MANIFEST).write_text(json.dumps(["a.csv", "b.csv"]))
    assert recover(folder) == []
    assert (folder / "a.csv").read_text() == "old a"
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["gap", "--lifetime-std", "0.001"], "lifetime-std: must be 0.1 to 50 years, got 0.001"),
        (["report", "--target", "2000.0001"], "got 2000.0001"),
        (["report", "--out", "x.pdf", "--pdf"], "--out: x.pdf does not end in .html"),
        (["demo", "--years", "200", "--growth", "1"], "pass 1e+09 a year in year 11"),
    ],
)
def test_option_values_at_the_edges(args, words):
    line = one_error_line(runner.invoke(app, args))
    assert words in line, line


def test_charts_into_the_data_folder_are_refused_by_their_own_name(tmp_path):
    data = evil_data(tmp_path / "data")
    out = tmp_path / "r.html"
    line = one_error_line(
        runner.invoke(app, ["report", "--out", str(out), "--charts", str(data), "--data", str(data)])
    )
    assert line.startswith(f"error: --charts: {data} is a data folder")
