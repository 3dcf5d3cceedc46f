"""The embedded data: harmonised series, cross-checks against published figures, loader and CLI."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from motorisasi.data import catalog, load, open_data, ownership_by_definition
from motorisasi.data.recipes import _raw_store, build, to_rows
from motorisasi.data.schema import HISTORY_WINDOW
from motorisasi.data.validate import DataError
from motorisasi.outputs.cli import app

runner = CliRunner()


def _raw(series: str, category: str = "") -> pd.DataFrame:
    v = open_data().values
    return v[
        (v["series"] == series) & (v["country"] == "IDN") & (v["region"] == "") & (v["category"] == category)
    ]


def test_stored_harmonised_series_equal_a_fresh_build():
    store = _raw_store()
    fresh = to_rows(build(store), store).set_index(["series", "year"]).sort_index()
    stored = open_data().values
    stored = stored[stored["_file"] == "harmonised.csv"].astype({"year": "int64"})
    stored = stored.set_index(["series", "year"]).sort_index()
    assert list(fresh.index) == list(stored.index)
    np.testing.assert_allclose(fresh["value"].astype(float), stored["value"], rtol=1e-9, atol=0.5)
    assert (fresh["flag"] == stored["flag"]).all()
    assert (fresh["source_id"] == stored["source_id"]).all()


def test_observed_harmonised_values_are_published_values():
    """Every 'observed' harmonised value equals a raw report of the same year from one of its sources."""
    v = open_data().values
    raw = v[v["_file"] != "harmonised.csv"]
    harmonised = v[(v["_file"] == "harmonised.csv") & (v["flag"] == "observed")]
    assert len(harmonised) > 150
    for row in harmonised.itertuples():
        ids = set(row.source_id.split(";"))
        same = raw[(raw["year"] == row.year) & (raw["country"] == "IDN") & raw["source_id"].isin(ids)]
        assert np.isclose(same["value"], row.value, rtol=1e-9).any(), (row.series, row.year, row.value)


def test_harmonised_series_cover_the_history_window_with_flags():
    start, end = HISTORY_WINDOW
    for name in (
        "population",
        "gdp_per_capita_ppp",
        "passenger_cars_registered",
        "buses_registered",
        "trucks_registered",
        "motorcycles_registered",
        "four_wheel_registered",
        "car_sales",
        "motorcycle_sales",
    ):
        table = load(name)
        years = table.index.to_numpy()
        assert years.min() <= start and years.max() >= end, name
        assert (np.diff(years) == 1).all(), name
        assert set(table["flag"]) <= {"observed", "derived", "adjusted", "filled", "projected"}


def test_four_wheel_is_cars_plus_buses_plus_trucks():
    parts = sum(
        load(n)["value"] for n in ("passenger_cars_registered", "buses_registered", "trucks_registered")
    )
    total = load("four_wheel_registered")["value"]
    np.testing.assert_allclose(total, parts.loc[total.index], rtol=0, atol=1.5)


def test_break_adjusted_fleet_is_continuous_across_2015():
    """After adjustment, 2014 -> 2015 growth is in line with the neighbouring years (no level jump)."""
    for name in (
        "passenger_cars_registered",
        "buses_registered",
        "trucks_registered",
        "motorcycles_registered",
    ):
        v = load(name)["value"]
        growth = v.pct_change()
        assert abs(growth[2015] - growth.loc[2012:2017].median()) < 0.08, name
    # The raw ATO bus series is ten times the revised one before 2017.
    ato = _raw("buses_registered_ato").set_index("year")["value"]
    assert ato[2016] / load("buses_registered").loc[2016, "value"] > 9


def test_population_projection_follows_un_growth():
    pop = load("population")["value"]
    un = _raw("population_un_wpp2024").set_index("year")["value"]
    np.testing.assert_allclose(pop.loc[2030:2060] / pop[2024], un.loc[2030:2060] / un[2024], rtol=1e-9)
    assert (load("population").loc[2025:, "flag"] == "projected").all()


def test_brand_tables_add_up_to_the_gaikindo_totals():
    """GAIKINDO's brand table sums to its grand total (an independent check of the transcription)."""
    v = open_data().values
    total = _raw("wholesales_gaikindo").set_index("year")["value"]
    brands = v[(v["series"] == "wholesales_by_brand")].groupby("year")["value"].sum()
    for year in range(2021, 2026):
        matches = total.loc[[year]].to_numpy()
        assert np.isclose(brands[year], matches).any(), year


def test_oica_rate_agrees_with_our_computation_from_oica_counts():
    """OICA publishes 77.7 vehicles in use per 1,000 for 2020; we divide its count by WB population."""
    table = ownership_by_definition(2020)
    ours = table[(table["basis"] == "OICA in use") & (table["definition"] == "cars+buses+trucks")]
    published = _raw("vehicles_in_use_per_1000_oica").set_index("year").loc[2020, "value"]
    assert published == pytest.approx(77.7, abs=0.05)
    assert ours["per_1000"].iloc[0] == pytest.approx(published, abs=1.5)


def test_ownership_2024_reproduces_the_published_ratios():
    table = ownership_by_definition(2024)
    bps = table[table["basis"] == "BPS"].set_index("definition")["per_1000"]
    # Independent figures from the data notes: BPS cars / WB population = 72.1, 4-wheel+ = 95.3.
    assert bps["passenger cars"] == pytest.approx(72.1, abs=0.1)
    assert bps["cars+buses+trucks"] == pytest.approx(95.3, abs=0.1)
    assert (table["per_1000"] > 0).all()
    assert table["sources"].str.len().gt(0).all()


def test_cli_ownership_2024_shows_the_acceptance_figures():
    result = runner.invoke(app, ["data", "ownership", "--year", "2024"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.output.splitlines():
        m = re.match(
            r"\s*(\d+)\s+(passenger cars|cars\+buses\+trucks|all incl\. motorcycles|not stated)\s+"
            r"(.+?)\s+(\d{4})\s+(?:([\d.,]+)\s+)?([\d.]+)\s+(\w+)",
            line,
        )
        if m:
            rows[(m.group(2), m.group(3).strip())] = float(m.group(6))
    four_wheel = [v for (d, _), v in rows.items() if d == "cars+buses+trucks" and v > 85]
    assert any(abs(v - 99) <= 5 for v in four_wheel), rows
    assert abs(rows[("passenger cars", "BPS")] - 72) <= 1
    assert rows[("not stated", "statement")] == 99
    assert "bps-02" in result.output and "worldbank-01" in result.output
    assert "Sources:" in result.output


def test_catalog_lists_every_series_with_unit_and_coverage():
    table = catalog()
    names = set(open_data().series.index)
    assert set(table["series"]) == names
    row = table[(table["series"] == "car_sales")].iloc[0]
    assert (row["unit"], row["kind"], row["start"], row["end"]) == ("vehicles", "harmonised", 1997, 2025)
    assert table["unit"].notna().all()
    assert table["sources"].str.len().gt(0).all()


def test_load_keeps_conflicting_reports_apart():
    table = load("wholesales_gaikindo", category="")
    assert table.index.names == ["year", "source_id"]
    assert sorted(table.xs(2006, level="year")["value"]) == [318_883, 318_904]


def test_load_explains_unknown_names():
    with pytest.raises(DataError, match="did you mean 'car_sales'"):
        load("car_sale")
    with pytest.raises(DataError, match="no values for country 'JPN'"):
        load("car_sales", "JPN")
    with pytest.raises(DataError, match="unknown region"):
        load("passenger_cars_registered_bps", region="Atlantis")


def test_load_reads_comparison_countries():
    japan = load("passenger_cars_registered_ato", "JPN")
    assert japan.attrs["unit"] == "vehicles"
    assert japan["value"].min() > 30_000_000
    assert set(catalog().query("series == 'gdp_per_capita_ppp_worldbank'")["country"]) >= {
        "IDN",
        "JPN",
        "MYS",
        "THA",
    }


def test_cli_list_covers_every_series_including_undated_ones():
    listed = runner.invoke(app, ["data", "list"], env={"COLUMNS": "250"})
    assert listed.exit_code == 0, listed.output
    table = catalog()
    assert f"{table['series'].nunique()} series ({len(table):,} rows" in listed.output
    assert "undated" in listed.output


def test_cli_list_show_and_sources():
    listed = runner.invoke(app, ["data", "list", "--kind", "harmonised"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "car_sales" in listed.output and "10 series" in listed.output
    shown = runner.invoke(app, ["data", "show", "car_sales"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    line_2002 = next(line for line in shown.output.splitlines() if line.strip().startswith("2002"))
    assert "filled" in line_2002
    assert "jakartapost-01:" in shown.output  # the citation list under the table
    cited = runner.invoke(app, ["data", "sources", "bps-02"], env={"COLUMNS": "200"})
    assert cited.exit_code == 0
    assert "BPS" in cited.output and "1 sources" in cited.output
    unknown = runner.invoke(app, ["data", "sources", "bps-999"])
    assert unknown.exit_code == 2
    assert unknown.output.startswith("error: unknown source id 'bps-999'")
