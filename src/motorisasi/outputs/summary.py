"""What a run says in numbers and short sentences: the helpers the command line, the report and
the dashboard share (milestone years, headline indicators, notes, table cells, the backtests' verdicts
and the ensembles' fan series)."""

from __future__ import annotations

import math

from motorisasi.outputs.messages import display_name

MILESTONES = (2030, 2040, 2050)


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


def notes(ds, lang: str = "en", names: bool = False) -> list[str]:
    """The run's notes as lines: targets that did not fit into sales, production above capacity.

    Segments and industry groups are named by their keys in the scenario file, so that the
    entry to change can be found there; ``names=True`` gives their names in ``lang`` instead.
    """
    import json

    from motorisasi.outputs.messages import message

    def called(kind: str, key: str) -> str:
        return display_name(kind, key, lang) if names else key

    lines = []
    notes_all = json.loads(ds.attrs.get("notes", "{}"))
    for group, years in notes_all.pop("over_capacity", {}).items():
        if years:
            lines.append(
                message("run.note.over_capacity", lang, group=called("group", group), years=_span(years))
            )
    for segment, found in notes_all.items():
        for d in found.get("departs_from_observations") or []:
            lines.append(
                message(
                    "run.note.departs_from_observations",
                    lang,
                    field=d["field"],
                    variable=d["variable"],
                    year=d["year"],
                    scenario=_amount(d["scenario"], d["variable"], lang),
                    observed=_amount(d["observed"], d["variable"], lang),
                )
            )
        for key in ("units_target_above_sales", "shares_scaled_down"):
            years = found.get(key) or []
            if years:
                lines.append(
                    message(f"run.note.{key}", lang, segment=called("segment", segment), years=_span(years))
                )
    calibration = json.loads(ds.attrs.get("energy_calibration", "{}"))
    for fuel, fit in calibration.get("fuels", {}).items():
        if calibration.get("model") == "calibrated" and fit["status"] in ("no_reference", "bound"):
            lines.append(
                message(
                    f"run.note.energy_{fit['status']}",
                    lang,
                    fuel=display_name("fuel", fuel, lang),
                    factor=f"{fit['factor']:.3g}",
                )
            )
    return lines


def _amount(value: float, variable: str, lang: str) -> str:
    from motorisasi.outputs.messages import number

    if variable == "sales_share":
        return number(100 * value, lang, 2) + " %"
    return number(value, lang, 0)


def unique_names(results) -> list[str]:
    """The results' scenario names, numbered when two are the same, and with their country,
    ``baseline (IDN)``, when the results are for more than one country."""
    names = [str(r.attrs["scenario_name"]) for r in results]
    if len(set(names)) < len(names):
        names = [f"{n} ({i + 1})" for i, n in enumerate(names)]
    if len(countries(results)) > 1:
        names = [f"{n} ({r.attrs.get('country', '')})" for n, r in zip(names, results, strict=True)]
    return names


def four_wheel_segments(ds) -> list[str]:
    """The segments other than motorcycles: cars, buses and trucks in the shipped scenarios."""
    return [str(s) for s in ds["segment"].values if s != "motorcycles"]


def milestones(ds) -> list[int]:
    """The base year, the milestone years inside the horizon, and the last year of a run."""
    return milestone_years(int(ds.attrs["base_year"]), int(ds["year"].values[-1]))


def milestone_years(base: int, end: int) -> list[int]:
    """The base year, the milestone years between it and ``end``, and ``end``."""
    return [base, *[y for y in MILESTONES if base < y < end], end]


def indicators(
    ds, years: list[int], lang: str = "en", per_person: bool = False
) -> dict[str, tuple[int, object]]:
    """Headline indicators at ``years``: label (in ``lang``) -> (decimals, values).

    ``per_person`` adds the rows that compare countries of different sizes and register
    definitions: the fleets in use per 1,000 people (one definition: the survival model on each
    country's sales), sales per 1,000 people and CO2 per person."""
    from motorisasi.outputs.messages import message as m

    sel = ds.sel(year=years)
    four_wheel = four_wheel_segments(ds)
    pop = sel["population"].values
    reg = sel["registered_stock"]
    out: dict[str, tuple[int, object]] = {
        m("run.ind.four_wheel_per_1000", lang): (1, 1000 * reg.sel(segment=four_wheel).sum("segment") / pop)
    }
    if "motorcycles" in ds["segment"].values:
        out[m("run.ind.motorcycles_per_1000", lang)] = (1, 1000 * reg.sel(segment="motorcycles") / pop)
    if per_person:
        in_use = sel["in_use_stock"]
        out[m("run.ind.four_wheel_in_use_per_1000", lang)] = (
            1,
            1000 * in_use.sel(segment=four_wheel).sum("segment") / pop,
        )
        if "motorcycles" in ds["segment"].values:
            out[m("run.ind.motorcycles_in_use_per_1000", lang)] = (
                1,
                1000 * in_use.sel(segment="motorcycles") / pop,
            )
    out[m("run.ind.fleet", lang)] = (1, reg.sum("segment") / 1e6)
    out[m("run.ind.sales", lang)] = (2, sel["sales_total"].sum("segment") / 1e6)
    if per_person:
        out[m("run.ind.sales_per_1000", lang)] = (1, 1000 * sel["sales_total"].sum("segment") / pop)
    ev = [p for p in ("BEV", "PHEV") if p in ds["powertrain"].values]
    for seg in ds["segment"].values:
        sales = sel["sales"].sel(segment=seg)
        stock = sel["stock"].sel(segment=seg)
        if float(sales.sel(powertrain=ev).sum()) > 0:
            segment = display_name("segment", seg, lang)
            out[m("run.ind.plugin_sales", lang, segment=segment)] = (
                1,
                100
                * sales.sel(powertrain=ev).sum("powertrain", min_count=1)
                / sales.sum("powertrain", min_count=1),
            )
            out[m("run.ind.plugin_stock", lang, segment=segment)] = (
                1,
                100
                * stock.sel(powertrain=ev).sum("powertrain", min_count=1)
                / stock.sum("powertrain", min_count=1),
            )
    energy = sel["energy"].sum("segment", min_count=1)
    for fuel in ds["fuel"].values:
        out[m("run.ind.energy", lang, fuel=display_name("fuel", fuel, lang))] = (1, energy.sel(fuel=fuel))
    out[m("run.ind.co2_ttw", lang)] = (1, sel["co2_ttw"].sum("segment", min_count=1))
    out[m("run.ind.co2_wtw", lang)] = (1, sel["co2_wtw"].sum("segment", min_count=1))
    if per_person:
        # Mt / persons x 1e6 = t per person.
        out[m("run.ind.co2_per_person", lang)] = (2, 1e6 * sel["co2_wtw"].sum("segment", min_count=1) / pop)
    if "energy_unexplained" in ds:
        # Fuel the fleet cannot explain is shown beside it when the projection carries any.
        future = ds["year"] > int(ds.attrs["base_year"])
        carried = ds["energy_unexplained"].where(future).fillna(0)
        for fuel in ds["fuel"].values:
            if bool((carried.sel(fuel=fuel) != 0).any()):
                out[m("run.ind.unexplained", lang, fuel=display_name("fuel", fuel, lang))] = (
                    1,
                    sel["energy_unexplained"].sel(fuel=fuel),
                )
        if bool((carried != 0).any()):
            out[m("run.ind.co2_unexplained", lang)] = (1, sel["co2_unexplained"])
    if "production" in ds:
        for group in ds["industry_group"].values:
            part = sel.sel(industry_group=group)
            label = display_name("group", group, lang)
            out[m("run.ind.production", lang, group=label)] = (2, part["production"] / 1e6)
            out[m("run.ind.exports", lang, group=label)] = (2, part["exports"] / 1e6)
            out[m("run.ind.jobs", lang, group=label)] = (1, part["jobs"] / 1e3)
    if "local_content_value" in ds:
        out[m("run.ind.local_content", lang)] = (
            1,
            sel["local_content_value"].sum("industry_group", min_count=1),
        )
    if "fuel_subsidy" in ds:
        for fuel in ds["fuel"].values:
            name = display_name("fuel", fuel, lang)
            for var in ("fuel_subsidy", "fuel_compensation"):
                values = sel[var].sel(fuel=fuel)
                if bool((values.fillna(0) != 0).any()):  # a fuel without this support has no row
                    out[m(f"run.ind.{var}", lang, fuel=name)] = (1, values)
        both = sel["fuel_subsidy"] + sel["fuel_compensation"]
        out[m("run.ind.fuel_support", lang)] = (1, both.sum("fuel", min_count=1))
        out[m("run.ind.fuel_support_usd", lang)] = (2, sel["fuel_support_usd"].sum("fuel", min_count=1))
    if "tax_forgone" in ds:
        out[m("run.ind.tax_incentives", lang)] = (1, sel["tax_forgone"].sum("segment", min_count=1))
    if "battery_gwh" in ds:
        out[m("run.ind.battery", lang)] = (1, sel["battery_gwh"].sum(["segment", "powertrain"], min_count=1))
        out[m("run.ind.nickel", lang)] = (1, sel["nickel"] / 1e3)
    return out


def countries(datasets) -> list[str]:
    """The countries of some runs, in order of first appearance."""
    return list(dict.fromkeys(str(ds.attrs.get("country", "")) for ds in datasets))


def country_notes(datasets, lang: str = "en", data_dir=None) -> list[str]:
    """What differs between the countries of some runs: per country, the segments (as the
    scenario labels them), the register's definition and how much of it the model finds out of
    use in the base year; then how the comparison reconciles them. Empty for one country."""
    import json

    from motorisasi.data.store import register_definition
    from motorisasi.outputs.messages import message as m
    from motorisasi.scenario.fuel_calibration import observed_road_co2

    if len(countries(datasets)) < 2:
        return []
    lines = [m("compare.countries", lang)]
    seen: set[str] = set()
    for ds in datasets:
        country = str(ds.attrs.get("country", ""))
        if country in seen:
            continue
        seen.add(country)
        base = int(ds.attrs["base_year"])
        spec = json.loads(ds.attrs["scenario"])
        labels = [str(seg.get("label", name)) for name, seg in spec["segments"].items()]
        at = ds.sel(year=base)
        four = four_wheel_segments(ds)
        out_of_use = {}
        for name, segs in (("four_wheel", four), ("motorcycles", ["motorcycles"])):
            segs = [s for s in segs if s in ds["segment"].values]
            if segs:
                reg = float(at["registered_stock"].sel(segment=segs).sum())
                kept = float(at["unremoved_registrations"].sel(segment=segs).sum())
                out_of_use[name] = 100 * kept / reg if reg else float("nan")
        kind = register_definition(country, data_dir)["definition"]
        lines.append(
            m(
                "compare.country",
                lang,
                country=country,
                segments="; ".join(labels),
                kind=m(f"compare.register.{kind}", lang),
                year=base,
                four=out_of_use.get("four_wheel", float("nan")),
                motorcycles=out_of_use.get("motorcycles", float("nan")),
            )
        )
        observed = observed_road_co2(country, data_dir)
        if observed is not None and observed[0] in ds["year"].values:
            year, mt = observed
            people = float(ds["population"].sel(year=year))
            lines.append(
                m("compare.country_co2", lang, country=country, year=year, t=1e6 * mt / people, mt=mt)
            )
    lines.append(m("compare.reconciled", lang))
    return lines


def _signed(value: float, lang: str, decimals: int) -> str:
    """A difference with its sign: +1,234.5 / -0.3 (en) or +1.234,5 / -0,3 (id)."""
    from motorisasi.outputs.messages import number

    text = number(value, lang, decimals)
    return text if text == "-" or text.startswith("-") else "+" + text


def _cells(decimals: int, values, lang: str, signed: bool = False) -> list[str]:
    import numpy as np

    from motorisasi.outputs.messages import number

    fmt = _signed if signed else number
    return [
        ("-" if not np.isfinite(v) else fmt(float(v), lang, decimals))
        for v in np.asarray(values, dtype=float)
    ]


def ranked_rows(g, lang: str) -> list[list[str]]:
    """The provinces, most additional vehicles first: name, ownership then and at the target
    year, additional vehicles, their share of the nation's, the year at the target ("-": not)."""
    from motorisasi.outputs.messages import number

    total = sum(g.additional)
    return [
        [
            g.names[i],
            number(g.ownership[i][0], lang, 1),
            number(g.ownership[i][-1], lang, 1),
            number(g.additional[i], lang),
            number(100 * g.additional[i] / total, lang, 1),
            str(g.reached[i]) if g.reached[i] is not None else "-",
        ]
        for i in sorted(range(len(g.names)), key=lambda k: -g.additional[k])
    ]


def forecast_rows(bt) -> list[dict]:
    """A backtest's forecasts as plain rows (one per target, model, origin and horizon, and measure
    and 90 % band where the backtest has them: the register's does, the energy's does not)."""
    rows = []
    for f in bt.forecasts:
        row: dict = {"target": f.target}
        if hasattr(f, "measure"):
            row["measure"] = f.measure
        row |= {
            "model": f.model,
            "origin": f.origin,
            "horizon": f.horizon,
            "year": f.origin + f.horizon,
            "forecast": f.forecast,
            "observed": f.observed,
            "error_pct": 100 * (f.forecast - f.observed) / f.observed,
        }
        row |= {k: getattr(f, k) for k in ("low", "high") if hasattr(f, k)}
        rows.append(row)
    return rows


def energy_backtest_sentences(bt, lang: str, since: int | None) -> list[str]:
    """One sentence per target: the fleet model's error 1-5 years ahead against the best benchmark."""
    from motorisasi.outputs.messages import display_name, message, number
    from motorisasi.scenario.energy_backtest import TARGETS

    suffix = message("backtest.since", lang, year=since) if since is not None else ""
    out = []
    for target in TARGETS:
        head = bt.headline(target, since)
        if math.isnan(head["mape"]["fleet"]):  # nothing scored
            continue
        out.append(
            message(
                "energy_backtest.sentence"
                if head["fleet_at_least_as_good"]
                else "energy_backtest.sentence_loses",
                lang,
                target=message(f"energy_backtest.name.{target}", lang),
                fleet=number(head["mape"]["fleet"], lang, 1),
                horizons=head["horizons"],
                benchmark=display_name("backtest_model", head["best_benchmark"], lang),
                value=number(head["mape"][head["best_benchmark"]], lang, 1),
                since=suffix,
            )
        )
    return out


def backtest_sentences(
    bt, lang: str, measure: str = "registered", since: int | str | None = "current"
) -> list[str]:
    """One sentence per fleet: the calibrated register's error against the best benchmark."""
    from motorisasi.outputs.messages import display_name, message, number

    if since == "current":
        since = bt.current_from
    suffix = message("backtest.since", lang, year=since) if since is not None else ""
    lines = []
    for target in bt.targets:
        head = bt.headline(target, measure, since)
        if head["forecasts"] == 0:
            continue
        best = head["best_benchmark"]
        lines.append(
            message(
                "backtest.verdict",
                lang,
                target=display_name("backtest_target", target, lang),
                horizons=head["horizons"],
                since=suffix,
                calibrated=number(head["mape"]["calibrated"], lang, 2),
                benchmark=display_name("backtest_model", best, lang),
                best=number(head["mape"][best], lang, 2),
                verdict=message(
                    "backtest.verdict.yes" if head["calibrated_at_least_as_good"] else "backtest.verdict.no",
                    lang,
                ),
            )
        )
    return lines


def year_ranges(years: list[int]) -> str:
    """Years as runs: [2015, 2016, 2017, 2022] -> '2015-2017, 2022'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


#: The fan charts: a per-draw series over all years, and its chart's title and axis keys.
FANS = {
    "fan_ownership": ("chart.fan.ownership", "chart.per_1000"),
    "fan_co2": ("chart.fan.co2", "chart.mt_co2"),
}


def fan_series(ds):
    """Per draw and year: four-wheel ownership per 1,000 and road CO2 incl. electricity."""
    reg = ds["registered_stock"].sel(segment=four_wheel_segments(ds)).sum("segment")
    return {
        "fan_ownership": (1000 * reg / ds["population"]).transpose("draw", "year"),
        "fan_co2": ds["co2_wtw"].sum("segment", min_count=1).transpose("draw", "year"),
    }
