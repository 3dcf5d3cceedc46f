"""What the dashboard shows, without the web page: runs with levers, the headline, the key
figures, the charts' tables and the downloads. The page (:mod:`motorisasi.outputs.dashboard_app`)
only lays these out, so they are tested without a browser.
"""

from __future__ import annotations

import functools
from typing import Any

#: The year of the figure the page puts first.
FIRST_FIGURE_YEAR = 2030


def scenario(name: str | None = None, upload: bytes | None = None, label: str = "upload.yaml"):
    """A shipped scenario by name (read once), or one sent through the page (read as a file is)."""
    from motorisasi.scenario.schema import scenario_from_text

    if upload is not None:
        return scenario_from_text(upload, label)
    return _shipped(name or "baseline")


@functools.lru_cache(maxsize=16)
def _shipped(name: str):
    from motorisasi.scenario.schema import load_scenario

    return load_scenario(name)


@functools.lru_cache(maxsize=64)
def _run(content: str, data_dir: str | None):
    from motorisasi.scenario.run import run
    from motorisasi.scenario.schema import Scenario

    return run(Scenario.model_validate_json(content), data_dir=data_dir)


def run_with(sc, levers: dict[str, float], data_dir: str | None = None):
    """The scenario with its levers set, and its run: runs are kept for the same scenario and
    levers (a page redrawn, a lever moved back), so only a new combination costs a run."""
    from motorisasi.scenario.levers import apply_levers

    moved = apply_levers(sc, levers) if levers else sc
    return moved, _run(moved.model_dump_json(), data_dir)


def four_wheel_per_1000(ds) -> Any:
    """Registered four-wheel-plus vehicles per 1,000 people by year (a pandas Series)."""
    from motorisasi.report.charts import four_wheel_per_1000 as per_1000

    return _series(ds["year"].values, per_1000(ds))


def _series(years, values):
    import pandas as pd

    return pd.Series(values, index=pd.Index([int(y) for y in years], name="year"))


def ownership_at(ds, year: int = FIRST_FIGURE_YEAR) -> float:
    """Four-wheel ownership per 1,000 in ``year``."""
    return float(four_wheel_per_1000(ds).loc[year])


def first_year(ds) -> int:
    """The year of the page's first figure: 2030, or the run's last year if it ends sooner."""
    return min(FIRST_FIGURE_YEAR, int(ds["year"].values[-1]))


def car_segment(ds) -> str | None:
    """The segment whose sales the page splits by powertrain: passenger cars, or else the first
    segment with more than one powertrain (None: no such segment)."""
    names = [str(s) for s in ds["segment"].values]
    if "cars" in names:
        return "cars"
    several = ds["sales"].sel(year=ds["year"] > int(ds.attrs["base_year"])).fillna(0).sum("year") > 0
    counts = several.sum("powertrain")
    return next((n for n, c in zip(names, counts.values, strict=True) if c > 1), None)


def lever_key(sc, key: str) -> str:
    """The page's key of a lever for a scenario: its content's, so that another file, even of
    the same name, starts from its own values."""
    import hashlib

    digest = hashlib.sha256(sc.model_dump_json().encode("utf-8")).hexdigest()[:16]
    return f"lever-{digest}-{key}"


def headline(ds, sc, target: float, by: int, lang: str, data_dir: str | None = None) -> list[str]:
    """The report's headline sentences for this run and target."""
    from motorisasi.report.document import headline as answer
    from motorisasi.report.document import headline_text

    return headline_text(answer(ds, sc, target, by, data_dir, gap=_gap), lang)


@functools.lru_cache(maxsize=128)
def _gap(target, by, **options):
    """The gap analysis, kept for the same question (it does not depend on the levers but the
    lifetime)."""
    from motorisasi.scenario.gap import ownership_gap

    return ownership_gap(target, by, **options)


_FIGURES: dict = {}


def key_figures(ds, lang: str):
    """The headline table of ``motorisasi run``: a DataFrame of indicators by milestone year,
    numbers formatted for ``lang`` (kept for the same scenario as run and language)."""
    key = (ds.attrs["scenario"], ds.attrs.get("data_series"), lang)
    if key not in _FIGURES:
        if len(_FIGURES) > 64:
            _FIGURES.clear()
        _FIGURES[key] = _key_figures(ds, lang)
    return _FIGURES[key]


def _key_figures(ds, lang: str):
    import pandas as pd

    from motorisasi.outputs.summary import _cells, indicators, milestone_years

    years = milestone_years(int(ds.attrs["base_year"]), int(ds["year"].values[-1]))
    rows = {
        label: _cells(decimals, values, lang)
        for label, (decimals, values) in indicators(ds, years, lang).items()
    }
    return pd.DataFrame(rows, index=[str(y) for y in years]).T


def ownership_chart(ds, target: float, lang: str):
    """Four-wheel ownership and the target by year, for a line chart."""
    import pandas as pd

    from motorisasi.outputs.messages import message

    own = four_wheel_per_1000(ds)
    return pd.DataFrame(
        {message("dash.series.ownership", lang): own, message("dash.series.target", lang): target}
    )


def peers(lang: str, data_dir: str | None = None) -> str:
    """The latest four-wheel ownership of peer countries (Japan, Thailand, Malaysia, as in the
    report), as one line: on the chart they would flatten Indonesia's path."""
    from motorisasi.outputs.messages import display_name, message, number

    found = [
        message(
            "dash.series.peer", lang, country=display_name("country", c, lang), year=y, level=number(v, lang)
        )
        for c, (y, v) in _peers(data_dir).items()
    ]
    return message("dash.peers", lang, peers="; ".join(found))


@functools.lru_cache(maxsize=8)
def _peers(data_dir: str | None) -> dict[str, tuple[int, float]]:
    from motorisasi.report.charts import comparison_levels

    return comparison_levels(data_dir=data_dir)


def sales_chart(ds, lang: str, segment: str = "cars"):
    """A segment's sales by powertrain (vehicles/yr) from the base year on, for a stacked chart
    (as in the report: the data split sales by powertrain only in recent years)."""
    recent = ds.sel(segment=segment, year=ds["year"] >= int(ds.attrs["base_year"]))
    return by_year(recent, "sales", "powertrain", lang)


def co2_chart(ds, lang: str):
    """Road CO2 including electricity by segment and year (Mt/yr)."""
    return by_year(ds, "co2_wtw", "segment", lang)


def results_csv(ds) -> bytes:
    """The run as the tidy CSV ``motorisasi run`` writes."""
    from motorisasi.outputs.export import csv_bytes, tidy

    return csv_bytes(tidy(ds))


def scenario_yaml(sc, ds) -> bytes:
    """The scenario as run (its base year pinned to the run's), as a file ``motorisasi run``
    reads to give the same results."""
    import yaml

    def years_as_numbers(node):
        # JSON keeps years as text keys; the scenario file has them as numbers.
        if isinstance(node, dict):
            return {
                int(k) if isinstance(k, str) and k.isdigit() else k: years_as_numbers(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [years_as_numbers(v) for v in node]
        return node

    content = years_as_numbers(sc.model_dump(mode="json"))
    content["years"]["base"] = int(ds.attrs["base_year"])
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode("utf-8")


#: The charts under the first three: name -> (variable, the dimension of its series).
MORE_CHARTS = {
    "fleet": ("stock", "powertrain"),
    "energy": ("energy", "fuel"),
    "subsidy": ("fuel_support_usd", "fuel"),
    "production": ("production", "industry_group"),
    "exports": ("exports", "industry_group"),
    "batteries": ("battery_gwh", "segment"),
    "jobs": ("jobs", "industry_group"),
}


def by_year(ds, variable: str, series: str, lang: str):
    """A variable by year with one column per value of ``series`` (the other dimensions added
    up), named in ``lang``; None when the run has no such variable."""
    from motorisasi.outputs.messages import display_name

    if variable not in ds:
        return None
    da = ds[variable]
    other = [dim for dim in da.dims if dim not in ("year", series)]
    table = da.sum(other, min_count=1).transpose("year", series).to_pandas()
    table.index = table.index.astype(int)
    kind = {"industry_group": "group"}.get(series, series)
    return table.rename(columns=lambda v: display_name(kind, v, lang)).dropna(how="all")


def comparison(runs: dict[str, Any]):
    """Four-wheel ownership per 1,000 of several runs (name -> Dataset), side by side."""
    import pandas as pd

    return pd.DataFrame({name: four_wheel_per_1000(ds) for name, ds in runs.items()})


def excel(ds) -> bytes:
    """The run as the workbook ``motorisasi run`` writes (text as text, never a formula)."""
    from motorisasi.outputs.export import _excel_bytes

    return _excel_bytes(ds)


def netcdf(ds) -> bytes:
    """The run as the NetCDF file ``motorisasi run`` writes."""
    from motorisasi.outputs.export import _netcdf_bytes

    return _netcdf_bytes(ds)


def iamc_csv(ds) -> bytes:
    """The run in the IAMC format, as ``motorisasi run`` writes it."""
    from motorisasi.outputs.export import csv_bytes, iamc

    return csv_bytes(iamc(ds))


def report_html(sc, target: float, by: int, lang: str, data_dir: str | None = None) -> bytes:
    """The HTML report of the scenario on screen (its levers set), as ``motorisasi report``
    writes it, one self-contained file."""
    from motorisasi.report.document import build, to_html

    report = build([sc], lang, target, by, data_dir)
    try:
        return to_html(report, lang).encode("utf-8")
    finally:
        report.close()


#: Draws behind the dashboard's ranges (about half a second on two cores).
FAN_DRAWS = 500


def fan(sc, draws: int = FAN_DRAWS, seed: int = 0, data_dir: str | None = None):
    """Four-wheel ownership per 1,000 over draws of the scenario's uncertain inputs: a DataFrame
    by year with the 5, 25, 50, 75 and 95 % quantiles (columns p5 ... p95); None when the
    scenario has no uncertainty section."""
    if not sc.uncertainty:
        return None
    return _fan(sc.model_dump_json(), draws, seed, data_dir)


@functools.lru_cache(maxsize=16)
def _fan(content: str, draws: int, seed: int, data_dir: str | None):
    import pandas as pd

    from motorisasi.outputs.summary import fan_series
    from motorisasi.scenario.ensemble import ensemble
    from motorisasi.scenario.schema import Scenario

    found = ensemble(
        Scenario.model_validate_json(content), draws, seed=seed, data_dir=data_dir, derived=fan_series
    )
    quantiles = found["fan_ownership"].transpose("year", "quantile")
    columns = [f"p{round(100 * q)}" for q in quantiles["quantile"].values]
    return pd.DataFrame(quantiles.values, index=[int(y) for y in found["year"].values], columns=columns)


def vega_lite(frame, mark: str = "line") -> tuple[Any, dict]:
    """A table by year (one column a series) as long-form data and a Vega-Lite spec of lines or
    stacked areas with values on hover: drawn straight by the page, without building a chart
    object first (which takes longer than the run)."""
    long = frame.rename_axis("year").reset_index().melt("year", var_name="series", value_name="value")
    spec = {
        "mark": {"type": mark, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None}},
            "y": {"field": "value", "type": "quantitative", "title": None, "stack": mark == "area" or None},
            "color": {"field": "series", "type": "nominal", "title": None, "sort": list(frame.columns)},
        },
    }
    return long.dropna(), spec


def provinces(ds, year: int, lang: str):
    """Four-wheel-plus ownership by province in the base year and ``year`` (from a run with
    provinces), the change, and the additional four-wheel vehicles, with each province's place on
    the tile-grid map; the most additional vehicles first."""
    import pandas as pd

    from motorisasi.outputs.summary import four_wheel_segments
    from motorisasi.report.charts import region_four_wheel_per_1000
    from motorisasi.scenario.regions import ISO_CODES, TILES

    base = int(ds.attrs["base_year"])
    own = region_four_wheel_per_1000(ds)
    fleet = ds["region_registered_stock"].sel(segment=four_wheel_segments(ds)).sum("segment")
    names = [str(n) for n in ds["region"].values]
    frame = pd.DataFrame(
        {
            "province": names,
            "code": [ISO_CODES[n] for n in names],
            "row": [TILES[n][0] for n in names],
            "column": [TILES[n][1] for n in names],
            "base": own.sel(year=base).values.round(1),
            "per_1000": own.sel(year=year).values.round(1),
            "change": (own.sel(year=year) - own.sel(year=base)).values.round(1),
            "additional": (fleet.sel(year=year) - fleet.sel(year=base)).values.round(0),
        }
    )
    return frame.sort_values("additional", ascending=False, ignore_index=True)


def tile_spec(frame, title: str, field: str = "per_1000") -> dict:
    """A Vega-Lite tile-grid map: a square per province, coloured by ``field``, with its code."""
    return {
        "title": title,
        "layer": [
            {
                "mark": {"type": "rect", "tooltip": True, "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "x": {"field": "column", "type": "ordinal", "axis": None},
                    "y": {"field": "row", "type": "ordinal", "axis": None},
                    "color": {
                        "field": field,
                        "type": "quantitative",
                        "scale": {"scheme": "viridis"},
                        "title": None,
                    },
                    "tooltip": [{"field": "province"}, {"field": field}],
                },
            },
            {
                "mark": {"type": "text", "fontWeight": "bold"},
                "encoding": {
                    "x": {"field": "column", "type": "ordinal"},
                    "y": {"field": "row", "type": "ordinal"},
                    "text": {"field": "code"},
                    "color": {"value": "white"},
                },
            },
        ],
    }
