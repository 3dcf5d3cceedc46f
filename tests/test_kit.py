"""The country kit: what a run needs from a country's data, checked and templated."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from motorisasi.data.schema import HISTORY_WINDOW, VALUE_COLUMNS
from motorisasi.data.store import merged
from motorisasi.outputs.cli import app
from motorisasi.scenario.kit import REQUIRED_FIELDS, coverage, needs
from motorisasi.scenario.schema import load_scenario

BASELINE = load_scenario("baseline")
WINDOW = (HISTORY_WINDOW[0], HISTORY_WINDOW[1] + 1)
SOURCE = "bps-01"  # an embedded source: a folder laid over the embedded data may cite it


def _values(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(VALUE_COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({"flag": "observed", "source_id": SOURCE, **row})
    return folder


def _row(series: str, year: int, value: float, unit: str = "vehicles", country: str = "XXA") -> dict:
    return {"country": country, "series": series, "year": year, "value": value, "unit": unit}


def test_the_needs_are_the_series_the_scenario_names():
    found = needs(BASELINE)
    assert {n.series for n in found} >= {"population", "car_sales", "motorcycles_registered"}
    required = {n.where for n in found if n.required}
    # Every segment's fleet and sales, both drivers and the grid are required; nothing else is.
    expected = {"drivers.population_series", "drivers.income_series", "energy.grid_series"}
    for name, seg in BASELINE.segments.items():
        expected |= {f"segments.{name}.sales_series"}
        expected |= {f"segments.{name}.stock_series.{i}" for i in range(len(seg.stock_series))}
    assert required == expected
    assert all(n.field in REQUIRED_FIELDS for n in found if n.required)


def test_indonesia_has_every_need_and_a_new_country_none():
    assert {c.status for c in coverage(BASELINE, "IDN")} == {"present"}
    assert {c.status for c in coverage(BASELINE, "XXA")} == {"missing"}


def test_data_check_names_each_missing_required_series_in_one_line(tmp_path):
    # A harmonised series covers the whole history window (the format check asks it).
    people = [_row("population", y, 5e6, unit="persons") for y in range(*WINDOW)]
    folder = _values(tmp_path / "xxa", people)
    out = CliRunner().invoke(app, ["data", "check", str(folder), "--country", "XXA"], terminal_width=200)
    assert out.exit_code == 1, out.output
    lines = [line for line in out.output.splitlines() if line.endswith("(required)")]
    missing = {n.where for n in needs(BASELINE) if n.required} - {"drivers.population_series"}
    assert len(lines) == len(missing)  # one line each, the population found
    for where in missing:
        assert sum(line.startswith(f"{where}: series ") for line in lines) == 1, where
    assert "drivers.population_series: " not in "\n".join(lines)


def test_a_fleet_smaller_than_a_decade_of_sales_is_inconsistent(tmp_path):
    # 100,000 motorcycles sold a year, 600,000 registered: no register keeps fewer than a decade's.
    sales = [_row("motorcycle_sales", y, 100_000) for y in range(*WINDOW)]
    fleet_rows = [_row("motorcycles_registered", y, 600_000) for y in range(*WINDOW)]
    folder = _values(tmp_path / "xxa", sales + fleet_rows)
    found = {c.need.where: c for c in coverage(BASELINE, "XXA", folder)}
    fleet = found["segments.motorcycles.stock_series.0"]
    assert fleet.status == "inconsistent"
    last = WINDOW[1] - 1
    assert fleet.detail == {"year": last, "stock": 600_000.0, "sales": 1_000_000.0}
    # With a fleet larger than the decade's sales the same data are consistent.
    fleet_rows = [_row("motorcycles_registered", y, 1_500_000) for y in range(*WINDOW)]
    folder = _values(tmp_path / "xxb", sales + fleet_rows)
    found = {c.need.where: c for c in coverage(BASELINE, "XXA", folder)}
    assert found["segments.motorcycles.stock_series.0"].status == "present"


def test_the_template_holds_what_the_data_hold_and_passes_the_check(tmp_path):
    out = tmp_path / "idn"
    result = CliRunner().invoke(app, ["data", "template", "--country", "IDN", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "values.csv").open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    data = merged(None)
    wanted = {n.series for n in needs(BASELINE)}
    expected = sum(
        1
        for series in wanted
        for r in data.by_series.get(series, [])
        if r["country"] == "IDN" and not r.get("region")
    )
    assert len(written) == expected > 100
    assert {r["series"] for r in written} == wanted
    assert "| drivers.population_series |" in (out / "needs.md").read_text(encoding="utf-8")
    check = CliRunner().invoke(app, ["data", "check", str(out), "--country", "IDN"])
    assert check.exit_code == 0, check.output


def test_the_checklist_says_what_a_run_does_without_each_series(tmp_path):
    out = tmp_path / "xxa"
    result = CliRunner().invoke(app, ["data", "template", "--country", "XXA", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split(" | ") for line in (out / "needs.md").read_text(encoding="utf-8").splitlines()]
    by_where = {r[0].lstrip("| "): r[-1].rstrip(" |") for r in rows if len(r) == 7}
    assert by_where["drivers.population_series"] == "the run stops"
    assert by_where["energy.grid_series"] == "the run stops"
    assert by_where["segments.cars.history_sales_series.BEV"].startswith("the run stops: leave the field out")
    assert by_where["energy.calibration.references.gasoline"].startswith("that fuel is not calibrated")
    assert by_where["industry.groups.four_wheel.exports_series"].startswith("no exports")
    # Every need says something, and only the required ones stop the run outright.
    for need in needs(BASELINE):
        assert (by_where[need.where] == "the run stops") == need.required, need.where


def test_a_country_code_that_is_not_one_is_refused_in_one_line(tmp_path):
    out = CliRunner().invoke(app, ["data", "template", "--country", "Thai", "--out", str(tmp_path / "t")])
    assert out.exit_code == 2 and "not an ISO 3166 alpha-3 code" in out.output
    assert not (tmp_path / "t").exists()


def test_province_rows_do_not_cover_a_national_need(tmp_path):
    # Sales for one province only: a run reads national values, so the need is still missing.
    rows = [{**_row("car_sales", y, 50_000), "region": "Bangkok"} for y in range(*WINDOW)]
    folder = _values(tmp_path / "xxa", rows)
    found = {c.need.where: c for c in coverage(BASELINE, "XXA", folder)}
    assert found["segments.cars.sales_series"].status == "missing"


def test_segments_sharing_their_sales_are_judged_together(tmp_path):
    # Cars and commercial vehicles split one sales series: their fleets together against it.
    sales = [_row("car_sales", y, 1_000_000) for y in range(*WINDOW)]
    fleets = [
        _row(series, y, value)
        for series, value in (
            ("passenger_cars_registered", 6_000_000),
            ("buses_registered", 1_000_000),
            ("trucks_registered", 2_000_000),
        )
        for y in range(*WINDOW)
    ]
    found = {c.need.where: c for c in coverage(BASELINE, "XXA", _values(tmp_path / "a", sales + fleets))}
    judged = [w for w, c in found.items() if c.status == "inconsistent"]
    assert sorted(judged) == [
        "segments.cars.stock_series.0",
        "segments.commercial.stock_series.0",
        "segments.commercial.stock_series.1",
    ]
    assert found["segments.cars.stock_series.0"].detail["stock"] == 9_000_000.0  # 6 + 1 + 2 million
    assert found["segments.cars.stock_series.0"].detail["sales"] == 10_000_000.0
    # 12 million registered against 10 million sold in ten years is possible.
    fleets = [{**r, "value": 9_000_000} if r["series"] == "passenger_cars_registered" else r for r in fleets]
    found = coverage(BASELINE, "XXA", _values(tmp_path / "b", sales + fleets))
    assert "inconsistent" not in {c.status for c in found}
