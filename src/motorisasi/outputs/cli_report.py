"""``motorisasi report``: a self-contained HTML report (and PDF, and chart files) of scenario runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import DataDir, Lang


@user_errors_as_one_line
def report(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            help="Scenario files or shipped scenario names (default: baseline).", show_default=False
        ),
    ] = None,
    out: Annotated[Path, typer.Option(help="The HTML file to write.")] = Path("report.html"),
    pdf: Annotated[bool, typer.Option(help="Also write a PDF next to the HTML file.")] = False,
    charts: Annotated[
        Path | None,
        typer.Option(help="Also write every chart as PNG and SVG into this folder.", show_default=False),
    ] = None,
    target: Annotated[
        float, typer.Option(help="Ownership target for the headline, vehicles per 1,000.")
    ] = 150.0,
    by: Annotated[int, typer.Option(help="Year by which the headline asks for the target.")] = 2030,
    draws: Annotated[
        int,
        typer.Option(
            help="Also fan charts of this many draws of each scenario's uncertain inputs (0: none)."
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the draws.")] = 0,
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Write one HTML file that anyone can open offline: headline, key figures, charts, assumptions, sources.

    The headline says when four-wheel ownership reaches TARGET per 1,000 under each scenario and
    what reaching it by BY takes. With two or more scenarios the report starts with a
    comparison. The file ends with the version and scenario hashes that reproduce it.
    """
    import math

    from rich.console import Console

    from motorisasi.data.schema import MAX_PER_1000
    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.messages import language, message
    from motorisasi.report.document import check_paths
    from motorisasi.scenario.schema import load_scenario

    lang = language(lang)
    if not (math.isfinite(target) and 1 <= target <= MAX_PER_1000):
        raise MotorisasiError(message("report.error.target", lang, value=f"{target:.12g}"))
    check_paths(out, pdf, lang)
    from motorisasi.outputs.cli_ensemble import check_draw_options

    check_draw_options(draws=draws, seed=seed, none_allowed=True)
    if charts is not None and charts.exists() and not charts.is_dir():
        raise MotorisasiError(message("report.error.charts", lang, path=str(charts)))
    from motorisasi.outputs.options import check_data, check_output_folder

    check_data(data)
    check_output_folder(out.parent, data)
    if charts is not None:
        check_output_folder(charts, data, "--charts")
    from motorisasi.scenario.steps.inputs import resolve_base

    loaded = [resolve_base(load_scenario(name), data) for name in scenarios or ["baseline"]]
    for sc in loaded:
        if not sc.years.base < by <= sc.years.end:
            raise MotorisasiError(
                message(
                    "report.error.by", lang, by=by, first=sc.years.base + 1, end=sc.years.end, name=sc.name
                )
            )
    from motorisasi.outputs.files import OutputSets
    from motorisasi.report.document import file_names

    # Both folders are checked and locked before the work; the files are put in place at the end.
    with OutputSets(lang) as sets:
        report_set = sets.folder(out.parent, file_names(out, pdf))
        chart_set = sets.folder(charts) if charts is not None else None
        paths, n_charts = _build_and_write(
            loaded, lang, target, by, data, out, pdf, report_set, chart_set, draws, seed
        )
        sets.commit()
    console = Console(highlight=False, stderr=True)
    console.print(message("report.wrote", lang, paths=", ".join(str(p) for p in paths)), markup=False)
    if charts is not None:
        console.print(message("report.charts.wrote", lang, n=n_charts, folder=str(charts)), markup=False)


def _build_and_write(loaded, lang, target, by, data, out, pdf, report_set, chart_set, draws=0, seed=0):
    """Run, draw and stage the files; returns the report's paths and the number of charts."""

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from motorisasi.outputs.messages import message
    from motorisasi.report.document import build, write

    console = Console(highlight=False, stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(message("report.progress", lang, name=loaded[0].name), total=len(loaded) + 1)

        def step(sc) -> None:
            progress.advance(task)
            following = loaded[min(len(loaded) - 1, loaded.index(sc) + 1)].name
            progress.update(task, description=message("report.progress", lang, name=following))

        result = build(loaded, lang, target, by, data_dir=data, progress=step, draws=draws, seed=seed)
        paths = write(result, lang, out, pdf=pdf, outset=report_set)
        progress.advance(task)
    n = 0
    if chart_set is not None:
        from motorisasi.report.charts import save
        from motorisasi.report.document import scenario_names

        figures = [("compare", result.comparison_figure, result.comparison)] if result.comparison else []
        for name, part in zip(scenario_names(result.scenarios), result.scenarios, strict=True):
            figures += [(f"{name}_{key}", fig, part.charts[key]) for key, fig in part.figures.items()]
        figures += [(key, result.province_figures[key], png) for key, png in result.province_maps.items()]
        if result.backtest is not None:
            figures.append(("backtest", result.backtest_figure, result.backtest))
        # The report's own files may share the folder: no chart takes their names.
        reserved = {*chart_set.names, *chart_set.staged}
        names = chart_file_stems([stem for stem, _, _ in figures], reserved)
        for name, (_, fig, png) in zip(names, figures, strict=True):
            save(fig, chart_set.folder / name, png=png, outset=chart_set)
        n = len(figures)
    result.close()
    return paths, n


def chart_file_stems(stems: list[str], reserved=(), suffixes=(".png", ".svg")) -> list[str]:
    """File stems for the charts: safe on every system, distinct even where case is ignored, and
    clear of the ``reserved`` file names (the report's own files in the same folder).

    >>> chart_file_stems(["a b_ownership", "a_b_ownership", "A_B_ownership"], ["a_b_ownership_2.svg"])
    ['a_b_ownership', 'a_b_ownership_3', 'A_B_ownership_4']
    """
    from motorisasi.outputs.files import safe_stem

    taken = {name.lower() for name in reserved}
    out = []
    for stem in stems:
        name = base = safe_stem(stem)
        number = 2
        # Names that differed only in characters a file cannot hold, or in case.
        while any(f"{name}{suffix}".lower() in taken for suffix in suffixes):
            name, number = f"{base}_{number}", number + 1
        taken.update(f"{name}{suffix}".lower() for suffix in suffixes)
        out.append(name)
    return out
