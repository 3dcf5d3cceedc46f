"""``motorisasi gap``: what reaching an ownership target by a given year takes."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import DataDir, Lang


@user_errors_as_one_line
def gap(
    target: Annotated[float, typer.Option(help="Target ownership, vehicles per 1,000 people.")] = 150.0,
    by: Annotated[int, typer.Option(help="Year by which to reach it.")] = 2030,
    definition: Annotated[
        str, typer.Option(help="What is counted: four_wheel (cars, buses, trucks) or passenger_cars.")
    ] = "four_wheel",
    country: Annotated[str, typer.Option("--country", "-c", help="ISO 3166 alpha-3 country code.")] = "IDN",
    lifetime: Annotated[float, typer.Option(help="Mean vehicle lifetime, years (assumption).")] = 20.0,
    lifetime_std: Annotated[float, typer.Option(help="Standard deviation of the lifetime, years.")] = 6.0,
    max_growth: Annotated[float, typer.Option(help="Bound on year-on-year sales growth, %/yr.")] = 25.0,
    baseline_growth: Annotated[float, typer.Option(help="Sales growth in the baseline, %/yr.")] = 0.0,
    path: Annotated[
        str, typer.Option(help="Shape of the sales path: growth (constant rate) or smooth.")
    ] = "growth",
    lang: Lang = None,
    income: Annotated[
        bool, typer.Option(help="Also fit the ownership model and give the income growth the target needs.")
    ] = False,
    register: Annotated[
        str,
        typer.Option(
            help="Register model: calibrated (removal rate fitted to the register history), none (never "
            "removed) or in_use (removed when they leave use)."
        ),
    ] = "calibrated",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    draws: Annotated[
        int,
        typer.Option(
            help="Answer over this many draws of a scenario's uncertain inputs, with 90 % ranges "
            "(through the scenario run; see --scenario)."
        ),
    ] = 0,
    scenario: Annotated[
        str, typer.Option(help="With --draws: the scenario whose demand and uncertainty section are used.")
    ] = "baseline",
    seed: Annotated[int, typer.Option(help="With --draws: seed of the draws.")] = 0,
    sampler: Annotated[str, typer.Option(help="With --draws: sobol, lhs or random.")] = "sobol",
    regions: Annotated[
        str | None,
        typer.Option(
            help="Also share the national path out to provinces: provinces (38) or provinces-34; a "
            "ranked table of where the additional vehicles would be.",
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="One province's path (e.g. 'Jawa Barat'; a 34-province name such as 'Papua (34-province "
            "basis)' uses that layout); implies --regions.",
            show_default=False,
        ),
    ] = None,
    saturation: Annotated[
        float | None,
        typer.Option(
            help="With --regions: the national ceiling, vehicles per 1,000 (default: 605 four-wheel, "
            "490 cars).",
            show_default=False,
        ),
    ] = None,
    data: DataDir = None,
) -> None:
    """What reaching TARGET vehicles per 1,000 people by BY takes: sales, growth, fleet.

    The answer is on the registered basis (the basis of the official "99 per 1,000"):
    latest ownership, the fleet the target needs, when a baseline with constant sales reaches
    it, and the sales path that reaches it, with every assumption listed.

    With --draws N the scenario run answers for N draws of the scenario's uncertain inputs.
    """
    from motorisasi.outputs.messages import language
    from motorisasi.outputs.options import check_data
    from motorisasi.scenario.gap import GapError, ownership_gap

    lang = language(lang)
    check_data(data)
    if draws:
        # With draws the scenario's own settings answer: options of the gap model would be ignored.
        asked = {
            "--country": country.upper() != "IDN",
            "--definition": definition != "four_wheel",
            "--lifetime": lifetime != 20.0,
            "--lifetime-std": lifetime_std != 6.0,
            "--max-growth": max_growth != 25.0,
            "--baseline-growth": baseline_growth != 0.0,
            "--path": path != "growth",
            "--income": income,
            "--register": register != "calibrated",
        }
        asked["--regions"] = regions is not None
        asked["--region"] = region is not None
        asked["--saturation"] = saturation is not None
        unused = [name for name, given in asked.items() if given]
        if unused:
            raise GapError(code="cli.gap_unused", options=", ".join(unused))
        return _gap_draws(target, by, draws, scenario, seed, sampler, as_json, lang, data)
    if path not in ("growth", "smooth"):
        raise GapError(code="cli.gap_path", value=path)
    result = ownership_gap(
        target,
        by,
        country=country.upper(),
        definition=definition,
        lifetime=lifetime,
        lifetime_std=lifetime_std,
        max_growth=max_growth / 100,
        baseline_growth=baseline_growth / 100,
        shape=path,
        income=income,
        register=register.replace("-", "_"),
        data_dir=data,
    )
    by_region, only = None, None
    if regions is not None or region is not None or saturation is not None:
        from motorisasi.scenario.gap_regions import regional_gap
        from motorisasi.scenario.regions import province_named

        region_set = regions or "provinces"
        if region is not None:
            region, named_set = province_named(region)
            region_set = regions or named_set
        by_region = regional_gap(result, region_set, saturation=saturation, data_dir=data)
        only = by_region.index(region) if region is not None else None
    if as_json:
        out = worded(result, lang)
        if by_region is not None:
            out["regions"] = by_region.to_dict() if only is None else by_region.one(only)
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    _print(result, lang, asked=path)
    if by_region is not None:
        _print_regions(by_region, lang, only)


def _print_regions(g, lang: str, only: int | None = None) -> None:
    """Where the additional vehicles would be, ranked; or one province's path."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from motorisasi.outputs.messages import message as m
    from motorisasi.outputs.messages import number, plain

    console = Console(highlight=False)
    target = plain(g.target, lang)
    if only is not None:
        reached = g.reached[only]
        console.print(
            m(
                "gap.region.title",
                lang,
                name=g.names[only],
                target=target,
                by=g.by,
                reached=m("gap.region.reached", lang, year=reached)
                if reached is not None
                else m("gap.region.not_reached", lang, target=target, by=g.by),
            ),
            style="bold",
            markup=False,
        )
        table = Table(box=box.SIMPLE)
        for key in ("gap.col.year", "gap.col.stock", "gap.col.ownership"):
            table.add_column(m(key, lang), justify="right")
        for j, year in enumerate(g.years):
            table.add_row(
                str(year), number(g.registered[only][j], lang), number(g.ownership[only][j], lang, 1)
            )
        console.print(table)
        return
    console.print(
        m("gap.regions.title", lang, target=target, by=g.by, count=len(g.names)), style="bold", markup=False
    )
    table = Table(box=box.SIMPLE)
    table.add_column(m("gap.regions.col.province", lang), no_wrap=True)
    table.add_column(m("gap.regions.col.now", lang, year=g.base_year), justify="right")
    table.add_column(m("gap.regions.col.then", lang, year=g.by), justify="right")
    table.add_column(m("gap.regions.col.additional", lang), justify="right")
    table.add_column(m("gap.regions.col.share", lang), justify="right")
    table.add_column(m("gap.regions.col.reached", lang, target=target), justify="right")
    from motorisasi.outputs.summary import ranked_rows

    for row in ranked_rows(g, lang):
        table.add_row(*row)
    console.print(table)
    console.print(
        m(
            "gap.regions.how",
            lang,
            how=m(f"regions.model.{g.model}", lang),
            saturation=number(g.saturation, lang),
            reason=g.saturation_reason,
            income=plain(g.income_weight, lang),
            density=plain(g.density_weight, lang),
        ),
        markup=False,
        soft_wrap=True,
    )


def _print(r, lang: str, asked: str = "growth") -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from motorisasi.outputs.messages import message as m
    from motorisasi.outputs.messages import message_or, millions, number, plain

    console = Console(highlight=False)
    definition = m(f"definition.{r.definition}", lang)
    console.print(
        m(
            "gap.title",
            lang,
            target=plain(r.target, lang),
            definition=definition,
            by=r.by,
            country=r.country,
        ),
        style="bold",
        markup=False,
    )
    flag = message_or(f"flag.{r.latest_flag}", lang, r.latest_flag)
    rows = [
        (
            m("gap.today", lang),
            m(
                "gap.today.value",
                lang,
                ownership=number(r.latest_ownership, lang, 1),
                year=r.base_year,
                stock=millions(r.latest_stock, lang),
                population=millions(r.population_base, lang),
                flag=flag,
                sources=", ".join(r.latest_sources),
            ),
        ),
        (
            m("gap.target", lang),
            m(
                "gap.target.value",
                lang,
                target=plain(r.target, lang),
                population=millions(r.population_target, lang),
                by=r.by,
                stock=millions(r.stock_needed, lang),
                extra=millions(r.extra_vehicles, lang),
            ),
        ),
    ]
    reached = (
        m("gap.baseline.reached", lang, target=plain(r.target, lang), year=int(r.baseline_year_reached))
        if r.baseline_year_reached == r.baseline_year_reached
        else m("gap.baseline.never", lang, target=plain(r.target, lang), horizon=r.baseline_horizon)
    )
    rows.append(
        (
            m("gap.baseline", lang),
            m(
                "gap.baseline.value",
                lang,
                sales=number(r.baseline_sales, lang),
                year=r.base_year,
                growth=number(_baseline_growth(r), lang, 1),
                ownership=number(r.baseline_ownership_at_target, lang, 1),
                by=r.by,
                reached=reached,
            ),
        )
    )
    final = r.sales[-1] if r.sales else float("nan")
    if r.path_shape == "growth" or not r.feasible:
        needed = m(
            "gap.needed.growth",
            lang,
            growth=number(100 * r.needed_growth, lang, 1),
            sales=number(r.baseline_sales, lang),
            year=r.base_year,
            final=number(final, lang),
            by=r.by,
        )
    else:
        fastest = max(b / a - 1 for a, b in zip([r.baseline_sales, *r.sales[:-1]], r.sales, strict=True))
        needed = m(
            "gap.needed.smooth",
            lang,
            growth=number(100 * fastest, lang, 1),
            sales=number(r.baseline_sales, lang),
            year=r.base_year,
            final=number(final, lang),
            by=r.by,
        )
    rows.append((m("gap.needed", lang), needed))
    if not r.feasible:
        rows.append(("", m("gap.infeasible", lang, reason=_reason(r, lang))))
        if asked == "smooth" and r.path_shape != "smooth":
            rows.append(("", m("gap.smooth_fallback", lang)))
    if r.sales:
        rows.append(
            (
                m("gap.cumulative", lang),
                m(
                    "gap.cumulative.value",
                    lang,
                    sales=millions(sum(r.sales), lang),
                    first=r.years[0],
                    by=r.by,
                    extra=millions(r.cumulative_extra_sales, lang),
                ),
            )
        )
    rows.append(
        (m("gap.point", lang), m("gap.point.value", lang, by=r.by, sales=number(r.sales_per_point, lang)))
    )
    if r.income is not None:
        rows.append((m("gap.income", lang), _income_text(r.income, r, lang)))
    if r.industry is not None:
        now, then = r.industry["today"], r.industry["target_year"]
        rows.append(
            (
                m("gap.industry", lang),
                m(
                    "gap.industry.value",
                    lang,
                    by=r.by,
                    production=millions(then["production"], lang),
                    production_now=millions(now["production"], lang),
                    exports=millions(then["exports"], lang),
                    japan=millions(then["japanese_brand_sales"], lang),
                    gwh=number(then["battery_gwh"], lang, 1),
                    jobs=number(then["jobs"], lang),
                    jobs_now=number(now["jobs"], lang),
                ),
            )
        )
    rows.append(
        (
            m("gap.register", lang),
            m(
                "gap.register.value",
                lang,
                year=r.base_year,
                stock=millions(r.latest_stock, lang),
                modelled=millions(r.modelled_fleet, lang),
                unremoved=millions(r.unremoved_registrations, lang),
            ),
        )
    )
    rows.append((m("gap.register_model", lang), _register_text(r, lang)))
    summary = Table(box=None, show_header=False, pad_edge=False)
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column(overflow="fold")
    for row in rows:
        # Texts carry data (source ids in brackets, names): print them as they are, not as markup.
        summary.add_row(*(Text(cell) for cell in row))
    console.print(summary)

    if r.sales:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for key in ("year", "sales", "removals", "stock", "ownership"):
            table.add_column(m(f"gap.col.{key}", lang), justify="right")
        for year, sales, out, stock, own in zip(
            r.years, r.sales, r.removals, r.stock, r.ownership, strict=True
        ):
            table.add_row(
                str(year), number(sales, lang), number(out, lang), number(stock, lang), number(own, lang, 1)
            )
        console.print(table)

    assumptions = Table(
        title=m("gap.assumptions", lang), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for key in ("name", "value", "unit", "reason"):
        assumptions.add_column(m(f"gap.col.{key}", lang), overflow="fold")
    for a in r.assumptions:
        value = (
            number(a.value, lang, 1)
            if isinstance(a.value, float)
            else message_or(f"assumption.{a.name}.value", lang, str(a.value))
        )
        reason = assumption_reason(a, lang)
        assumptions.add_row(
            *(Text(c) for c in (a.name, value, message_or(f"unit.{a.unit}", lang, a.unit), reason))
        )
    console.print(assumptions)
    console.print(m("gap.read", lang, by=r.by), markup=False)
    console.print(f"{m('gap.sources', lang)}: {', '.join(r.sources)}", soft_wrap=True, markup=False)
    console.print(m("gap.cite", lang), soft_wrap=True, markup=False)


def _register_text(r, lang: str) -> str:
    """Which register model the answer used, and why (the backtest's figure)."""
    from motorisasi.outputs.messages import display_name, number
    from motorisasi.outputs.messages import message as m

    block = r.register
    model = block["model"]
    if model == "calibrated" and "interval" in block:

        def year(value) -> str:
            return str(int(value)) if value is not None else m("gap.never", lang, horizon=r.baseline_horizon)

        years = block["years_fitted"]
        text = m(
            "gap.register_model.calibrated",
            lang,
            rate=number(100 * block["removal_rate_per_year"], lang, 1),
            low=number(100 * block["interval"][0], lang, 1),
            high=number(100 * block["interval"][1], lang, 1),
            n=len(years),
            years=f"{years[0]}-{years[-1]}",
            low_year=year(block.get("baseline_year_reached_at_low_rate")),
            high_year=year(block.get("baseline_year_reached_at_high_rate")),
        )
    else:
        text = m(f"gap.register_model.{model}", lang)
    test = block.get("backtest")
    if test:
        scored = {"calibrated": "calibrated", "none": "no_removals", "in_use": "in_use"}[model]
        # Another model is judged against the default; the default against the best benchmark.
        best = test["best_benchmark"] if model == "calibrated" else "calibrated"
        mine, theirs = test["mape_pct"][scored], test["mape_pct"][best]
        text += "; " + m(
            "gap.register_model.backtest",
            lang,
            since=test["origins_from"] if test["origins_from"] is not None else test["horizons"],
            horizons=test["horizons"],
            mape=number(mine, lang, 2),
            benchmark=display_name("backtest_model", best, lang),
            best=number(theirs, lang, 2),
            n=test["forecasts"],
            verdict=m("backtest.verdict.yes" if mine <= theirs + 1e-12 else "backtest.verdict.no", lang),
        )
    return text


def _income_text(block: dict, r, lang: str) -> str:
    from motorisasi.outputs.messages import message as m
    from motorisasi.outputs.messages import number

    if not block["available"]:
        return m("gap.income.unavailable", lang, reason=block["reason"])
    model = block["model"]
    fitted = m(
        "gap.income.model",
        lang,
        countries=", ".join(model["countries"]),
        saturation=number(model["saturation"], lang),
        theta=number(model["theta"], lang, 2),
    )
    skill = block.get("skill") or {}
    if "rolling" in skill:
        from motorisasi.outputs.messages import display_name

        roll, loco = skill["rolling"], skill["loco_own_beta"]
        fitted += "; " + m(
            "gap.income.skill",
            lang,
            horizons=roll["horizons"],
            rolling=number(roll["mae"]["ownership_model"], lang, 1),
            rolling_naive=number(roll["mae"][roll["best_benchmark"]], lang, 1),
            loco=number(loco["mae"]["ownership_model"], lang, 1),
            loco_naive=number(loco["mae"][loco["best_benchmark"]], lang, 1),
            naive=display_name("backtest_model", loco["best_benchmark"], lang),
        )
        if not loco["model_at_least_as_good"] or not roll["model_at_least_as_good"]:
            fitted += " " + m("gap.income.loses", lang)
    if not block["feasible"]:
        return m("gap.income.infeasible", lang, reason=_income_reason(block, lang), model=fitted)
    spread = block.get("growth_range") or {}
    growth = m("gap.income.rate", lang, growth=number(100 * block["growth"], lang, 1))
    if "low" in spread and spread["low"] == spread["low"]:  # not NaN
        reachable = 1.0 - spread["infeasible_share"]
        growth = m(
            "gap.income.range" if reachable >= 1.0 else "gap.income.range_reachable",
            lang,
            share=number(100 * reachable, lang, 0),
            growth=number(100 * block["growth"], lang, 1),
            low=number(100 * spread["low"], lang, 1),
            high=number(100 * spread["high"], lang, 1),
        )
    return m(
        "gap.income.value",
        lang,
        growth=growth,
        base=number(block["base_income"], lang),
        year=block["base_year"],
        final=number(block["income_at_target"], lang),
        by=r.by,
        model=fitted,
    )


def _reason(r, lang: str) -> str:
    """Why the target is out of reach (the result's reason code worded in ``lang``)."""
    from motorisasi.outputs.messages import message as m

    what = m(f"gap.reason.what.{r.path_shape}", lang)
    return m(f"gap.reason.{r.reason}", lang, what=what, **r.reason_params)


def assumption_reason(a, lang: str) -> str:
    """The reason of a gap assumption in ``lang`` (message ``assumption.NAME`` filled by its params)."""
    from motorisasi.outputs.messages import message as m

    return m(f"assumption.{a.name}", lang, **a.params)


def worded(result, lang: str) -> dict:
    """``result.to_dict()`` with the reason codes also worded in ``lang`` (for JSON readers)."""
    out = result.to_dict()
    if result.reason:
        out["reason_text"] = _reason(result, lang)
    for entry, a in zip(out.get("assumptions", []), result.assumptions, strict=True):
        entry["reason"] = assumption_reason(a, lang)
    income = out.get("income")
    if income and income.get("available") and income.get("reason"):
        income["reason_text"] = _income_reason(income, lang)
    return out


def _income_reason(block: dict, lang: str) -> str:
    from motorisasi.outputs.messages import message as m

    return m(f"gap.income.reason.{block['reason']}", lang, max_growth=block["max_growth"])


def _baseline_growth(r) -> float:
    for a in r.assumptions:
        if a.name == "baseline_sales_growth":
            return float(a.value)
    return 0.0


def _gap_draws(target, by, draws, scenario, seed, sampler, as_json, lang, data) -> None:
    """``gap --draws``: when the target is reached and what it takes, with 90 % ranges."""
    from rich.console import Console

    from motorisasi.outputs.cli_ensemble import check_draw_options, progress_bar
    from motorisasi.outputs.messages import display_name, millions, number, plain
    from motorisasi.outputs.messages import message as m
    from motorisasi.scenario.gap_draws import gap_draws
    from motorisasi.scenario.schema import load_scenario

    check_draw_options(draws=draws, sampler=sampler, seed=seed)
    sc = load_scenario(scenario)
    console = Console(highlight=False, stderr=as_json)
    with progress_bar(2 * draws, m("ensemble.status", lang, draws=number(draws, lang)), console) as moved:
        found = gap_draws(sc, target, by, draws, seed, sampler, data_dir=data, progress=moved)
    if as_json:
        typer.echo(json.dumps(json_ready(found), indent=2, ensure_ascii=False))
        return

    def span(block: dict, decimals: int = 0, scale=None) -> dict[str, str]:
        show = scale or (lambda v: number(v, lang, decimals))
        return {k: show(v) for k, v in block.items()}

    console.print(
        m(
            "gap.draws.title",
            lang,
            target=plain(target, lang),
            by=by,
            draws=number(draws, lang),
            scenario=found["scenario"],
            seed=seed,
            sampler=sampler,
        ),
        style="bold",
        markup=False,
    )
    years = found["year_reached"]
    share = found["share_not_reached"]
    if share >= 1:
        console.print(
            m(
                "gap.draws.never",
                lang,
                target=plain(target, lang),
                end=found["end_year"],
                **span(found["ownership_at_by"], 1),
                by=by,
            ),
            markup=False,
        )
    else:
        console.print(
            m(
                "gap.draws.reached",
                lang,
                target=plain(target, lang),
                **{k: str(round(v)) for k, v in years.items()},
                missing=number(100 * share, lang, 0),
                end=found["end_year"],
            ),
            markup=False,
        )
    console.print(
        m(
            "gap.draws.needs",
            lang,
            target=plain(target, lang),
            by=by,
            base=found["base_year"],
            segment=display_name("segment", found["segment"], lang),
            **span(found["needed_growth_pct"], 1),
            sales=millions(found["needed_sales_at_by"]["p50"], lang),
            others=number(found["other_segments_at_by"]["p50"], lang, 1),
        ),
        markup=False,
    )
    console.print(m("gap.draws.inputs", lang, inputs=", ".join(found["inputs"])), markup=False)


def json_ready(value):
    from motorisasi.scenario.gap import json_ready as ready

    return ready(value)
