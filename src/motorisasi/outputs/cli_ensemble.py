"""``motorisasi run --draws`` and ``motorisasi sensitivity``: answers with their uncertainty.

The draws of a scenario's ``uncertainty`` section run through the batched pipeline
(:mod:`motorisasi.scenario.ensemble`); the headline table gives each indicator's median and 90 %
range over the draws, computed from every draw's own indicator (a total's range is not the sum of
its parts' ranges). ``sensitivity`` gives Sobol indices of one output
(:mod:`motorisasi.scenario.sensitivity`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from motorisasi.outputs.errors import user_errors_as_one_line
from motorisasi.outputs.options import DataDir, Lang, check_output_folder
from motorisasi.outputs.summary import FANS, fan_series

SAMPLERS = ("sobol", "lhs", "random")


def check_draw_options(
    *,
    draws: int | None = None,
    chunk: int | None = None,
    sampler: str | None = None,
    seed: int | None = None,
    base_samples: int | None = None,
    threads: int | None = None,
    none_allowed: bool = False,
) -> None:
    """The options of ensembles, checked before any work, each error naming its option
    (``none_allowed``: ``--draws 0`` means no ensemble)."""
    from motorisasi.errors import MotorisasiError
    from motorisasi.scenario.ensemble import MAX_DRAWS
    from motorisasi.scenario.sensitivity import MAX_BASE
    from motorisasi.scenario.uncertainty import MAX_SEED

    if draws is not None and none_allowed and not 0 <= draws <= MAX_DRAWS:
        raise MotorisasiError(code="cli.draws_range", most=MAX_DRAWS, draws=draws)
    if draws is not None and not none_allowed and draws < 1:
        raise MotorisasiError(code="cli.draws_min", draws=draws)
    if base_samples is not None and (
        base_samples < 2 or base_samples > MAX_BASE or base_samples & (base_samples - 1)
    ):
        raise MotorisasiError(code="cli.base_samples", most=MAX_BASE, value=base_samples)
    if chunk is not None and chunk < 1:
        raise MotorisasiError(code="cli.chunk", value=chunk)
    if threads is not None and not 1 <= threads <= 256:
        raise MotorisasiError(code="cli.threads", value=threads)
    if sampler is not None and sampler not in SAMPLERS:
        raise MotorisasiError(code="cli.sampler", value=sampler, known=", ".join(SAMPLERS))
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise MotorisasiError(code="cli.seed", most=MAX_SEED, value=seed)


def ensemble_file_names(stem: str) -> dict[str, str]:
    """The files of an ensemble: its tidy quantiles (or draws), the NetCDF and two fan charts."""
    return {
        "csv": f"{stem}_ensemble.csv",
        "netcdf": f"{stem}_ensemble.nc",
        "fan_ownership": f"{stem}_ensemble_ownership.png",
        "fan_co2": f"{stem}_ensemble_co2.png",
    }


@contextmanager
def dask_client(workers: int | None, scheduler: str | None, console, lang: str) -> Iterator[Any]:
    """A Dask client for ``--workers`` (a local cluster) or ``--scheduler`` (an existing one); None
    without either (the draws then run in this process with numpy)."""
    from motorisasi.errors import MotorisasiError
    from motorisasi.outputs.messages import message

    if workers is None and scheduler is None:
        yield None
        return
    if workers is not None and scheduler is not None:
        raise MotorisasiError(code="cli.workers_and_scheduler")
    try:
        from dask.distributed import Client

        from motorisasi.scenario.ensemble import local_cluster
    except ImportError:
        raise MotorisasiError(code="cli.dask_missing") from None
    if workers is not None:
        if workers < 1:
            raise MotorisasiError(code="cli.workers", value=workers)
        cluster = local_cluster(workers)
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(scheduler, timeout="5s")
        except (OSError, TimeoutError) as exc:
            raise MotorisasiError(code="cli.scheduler", scheduler=scheduler, why=str(exc)) from None
    try:
        if client.dashboard_link:
            console.print(message("ensemble.dask", lang, link=client.dashboard_link), markup=False)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def progress_bar(total: int, label: str, console) -> Iterator[Any]:
    """A rich progress bar that a callback ``(done, total)`` moves."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, _total: bar.update(task, completed=done)


def run_ensemble(
    sc,
    *,
    draws: int,
    seed: int,
    sampler: str,
    keep_draws: bool,
    chunk: int,
    workers: int | None,
    scheduler: str | None,
    out: Path,
    threads: int | None = None,
    files: bool,
    lang: str,
    data,
    console,
) -> None:
    """``run --draws``: the ensemble, its files, and the headline with ranges."""
    import numpy as np
    import xarray as xr

    from motorisasi.outputs.export import _netcdf_bytes, csv_bytes, tidy
    from motorisasi.outputs.files import OutputSet, safe_stem
    from motorisasi.outputs.messages import message, number
    from motorisasi.outputs.summary import indicators, milestone_years
    from motorisasi.scenario.ensemble import ensemble
    from motorisasi.scenario.steps.inputs import resolve_base

    check_draw_options(draws=draws, chunk=chunk, sampler=sampler, seed=seed, threads=threads)
    base = resolve_base(sc, data).years.base
    years = milestone_years(base, sc.years.end)[1:]
    labels: dict[str, tuple[str, int]] = {}

    def derived(ds):
        found = dict(fan_series(ds))
        for i, (label, (decimals, values)) in enumerate(indicators(ds, years, lang).items()):
            name = f"headline_{i}"
            labels[name] = (label, decimals)
            da = values if isinstance(values, xr.DataArray) else xr.DataArray(np.asarray(values))
            found[name] = da.rename({d: f"headline_{d}" for d in da.dims if d not in ("draw",)})
        return found

    names = ensemble_file_names(safe_stem(sc.name))
    check_output_folder(out, data)
    outset = OutputSet(out, names.values(), lang) if files else nullcontext()
    started = time.perf_counter()
    with outset, dask_client(workers, scheduler, console, lang) as client:
        with progress_bar(
            draws, message("ensemble.status", lang, draws=number(draws, lang)), console
        ) as moved:
            result = ensemble(
                sc,
                draws,
                seed=seed,
                sampler=sampler,
                data_dir=data,
                chunk=chunk,
                keep_draws=keep_draws,
                progress=moved,
                client=client,
                derived=derived,
                threads=threads,
            )
        took = time.perf_counter() - started
        summary = result[[n for n in labels if n in result]]
        fans = result[list(FANS)]
        result = result.drop_vars([*labels, *FANS])
        if isinstance(outset, OutputSet):
            outset.write(names["csv"], csv_bytes(tidy(result)))
            outset.write(names["netcdf"], _netcdf_bytes(result))
            if not keep_draws:
                _write_fans(fans, names, outset, lang)
            paths = outset.commit()
    _headline(summary, labels, years, result, console, lang, keep_draws)
    console.print(message("ensemble.took", lang, draws=number(draws, lang), seconds=number(took, lang, 1)))
    if files:
        console.print(
            message("run.wrote", lang, paths=", ".join(str(p) for p in paths)), soft_wrap=True, markup=False
        )


def _headline(summary, labels, years, result, console, lang: str, keep_draws: bool) -> None:
    import numpy as np

    from motorisasi.outputs.cli_run import year_table
    from motorisasi.outputs.messages import message, number

    title = message(
        "ensemble.title",
        lang,
        name=result.attrs["scenario_name"],
        country=result.attrs["country"],
        draws=number(result.attrs["draws"], lang),
        sampler=result.attrs["sampler"],
        seed=result.attrs["seed"],
    )
    table = year_table(title, years)
    for name, (label, decimals) in labels.items():
        da = summary[name]
        if keep_draws:
            low, mid, high = (da.quantile(q, dim="draw").values for q in (0.05, 0.5, 0.95))
        else:
            low, mid, high = (da.sel(quantile=q).values for q in (0.05, 0.5, 0.95))
        cells = []
        for a, b, c in zip(np.atleast_1d(low), np.atleast_1d(mid), np.atleast_1d(high), strict=True):
            if not np.isfinite(b):
                cells.append("-")
            else:
                cells.append(
                    f"{number(b, lang, decimals)}\n({number(a, lang, decimals)}-{number(c, lang, decimals)})"
                )
        table.add_row(label, *cells)
    console.print(table)
    inputs = ", ".join(json_keys(result.attrs["uncertainty"]))
    console.print(message("ensemble.read", lang, inputs=inputs), markup=False)


def json_keys(text: str) -> list[str]:
    import json

    return list(json.loads(text))


@user_errors_as_one_line
def sensitivity(
    scenario: Annotated[str, typer.Argument(help="Scenario file with an 'uncertainty' section.")],
    output: Annotated[
        str, typer.Option("--output", help="Variable of the run, e.g. ownership_per_1000, co2_ttw, energy.")
    ] = "ownership_per_1000",
    year: Annotated[int, typer.Option(help="Year of the output.")] = 2040,
    segment: Annotated[str | None, typer.Option(help="Only this segment (default: the sum).")] = None,
    powertrain: Annotated[str | None, typer.Option(help="Only this powertrain (default: the sum).")] = None,
    fuel: Annotated[str | None, typer.Option(help="Only this fuel (default: the sum).")] = None,
    base_samples: Annotated[
        int,
        typer.Option(help="SALib's base sample N (a power of two); the model runs N x (inputs + 2) times."),
    ] = 1024,
    seed: Annotated[int, typer.Option(help="Seed of the sample and of the bootstrap.")] = 0,
    chunk: Annotated[int, typer.Option(help="Draws run in one vectorised pass.")] = 500,
    json_out: Annotated[bool, typer.Option("--json", help="Print the indices as JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option(help="Write a bar chart of the indices (PNG) to this file.")
    ] = None,
    lang: Lang = None,
    data: DataDir = None,
) -> None:
    """Sobol indices: which uncertain input drives an output in a year (SALib)."""
    import json

    from rich.console import Console

    from motorisasi.outputs.cli_run import _inputs
    from motorisasi.outputs.files import OutputSet
    from motorisasi.outputs.messages import language, message, number
    from motorisasi.scenario.sensitivity import scenario_sensitivity

    lang = language(lang)
    console = Console(highlight=False)
    sc = _inputs(scenario, data)
    check_draw_options(base_samples=base_samples, chunk=chunk, seed=seed)
    select = {k: v for k, v in (("segment", segment), ("powertrain", powertrain), ("fuel", fuel)) if v}
    runs = base_samples * (len(sc.uncertainty) + 2)
    label = message("sensitivity.status", lang, runs=number(runs, lang))
    folder = (chart.parent if str(chart.parent) else Path(".")) if chart is not None else None
    if folder is not None:
        check_output_folder(folder, data, "--chart")
    # The chart's folder is opened (checked and locked) first, so that a bad --chart fails at once.
    charts = OutputSet(folder, [chart.name], lang) if chart is not None else nullcontext()
    with charts:
        with progress_bar(runs, label, console) as moved:
            found = scenario_sensitivity(sc, output, year, select, base_samples, seed, data, chunk, moved)
        if json_out:
            print(json.dumps({"output": output, "year": year, "select": select, **found.as_dict()}, indent=2))
        else:
            _indices_table(found, output, year, select, console, lang)
        if isinstance(charts, OutputSet):
            charts.write(chart.name, _bar_chart(found, output, year, lang))
            charts.commit()


def _indices_table(found, output: str, year: int, select: dict, console, lang: str) -> None:
    from rich.table import Table

    from motorisasi.outputs.messages import message, number

    where = "".join(f", {v}" for v in select.values())
    table = Table(
        title=message(
            "sensitivity.title",
            lang,
            output=output,
            year=year,
            where=where,
            runs=number(found.runs, lang),
            mean=number(found.output_mean, lang, 3),
            sd=number(found.output_sd, lang, 3),
        ),
        title_justify="left",
    )
    table.add_column(message("sensitivity.input", lang))
    table.add_column(message("sensitivity.first", lang), justify="right")
    table.add_column(message("sensitivity.total", lang), justify="right")
    for i in found.ranked():
        table.add_row(
            found.names[i],
            f"{number(found.first[i], lang, 3)} +/- {number(found.first_conf[i], lang, 3)}",
            f"{number(found.total[i], lang, 3)} +/- {number(found.total_conf[i], lang, 3)}",
        )
    console.print(table)
    console.print(message("sensitivity.read", lang, level=round(100 * found.conf_level)), markup=False)


def _bar_chart(found, output: str, year: int, lang: str) -> bytes:
    """First- and total-order indices as horizontal bars (PNG bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from motorisasi.outputs.messages import message

    order = found.ranked()[::-1]
    y = np.arange(len(order))
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(order) + 1.5), dpi=200)
    ax.barh(
        y + 0.2,
        found.first[order],
        0.4,
        xerr=found.first_conf[order],
        label=message("sensitivity.first", lang),
    )
    ax.barh(
        y - 0.2,
        found.total[order],
        0.4,
        xerr=found.total_conf[order],
        label=message("sensitivity.total", lang),
    )
    ax.set_yticks(y, [found.names[i] for i in order])
    ax.set_xlim(0, 1.05)
    ax.set_title(f"{output} {year}")
    ax.legend(loc="lower right")
    fig.tight_layout()
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _write_fans(fans, names: dict[str, str], outset, lang: str) -> None:
    """The fan charts of the ensemble's quantiles, as PNG files in the output set."""
    from motorisasi.outputs.messages import message, number
    from motorisasi.report.charts import PNG_DPI, fan, png_bytes

    draws = number(fans.attrs["draws"], lang)
    for key, (title, unit) in FANS.items():
        fig = fan(fans, key, message(title, lang, draws=draws), message(unit, lang), lang)
        outset.write(names[key], png_bytes(fig, PNG_DPI))
