"""Charts of a scenario result: one function per chart, each returning a matplotlib Figure.

House style: the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
Design"), units on every axis, a source line under every chart, every text in English or
Bahasa Indonesia from the message catalogue. Each plotted series carries a ``gid`` naming what
it shows, and stacked areas also draw the top of each layer as a thin line, so that what a chart
shows can be read back (and tested) from its lines.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import numpy as np

from motorisasi.outputs.messages import display_name, message, number
from motorisasi.outputs.summary import countries, four_wheel_segments

#: Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
POWERTRAIN_COLOURS = {"ICE": "#999999", "HEV": "#E69F00", "PHEV": "#56B4E9", "BEV": "#009E73"}
FUEL_COLOURS = {"gasoline": "#D55E00", "diesel": "#000000", "electricity": "#0072B2"}

#: Dots per inch of the PNG files written for people to use (pasted into slides, enlarged).
PNG_DPI = 200
#: Dots per inch of the PNG images the HTML report embeds (:func:`png_bytes`'s default). At 200
#: the report of two scenarios takes about 40 % longer to draw and its file doubles (2.6 to 5.5 MB).
REPORT_DPI = 100
#: The size (points) and colour of the source line under a chart.
NOTE_FONTSIZE = 7
NOTE_COLOUR = "#555555"


def _new_figure(**kw):
    # A Figure outside pyplot: no global registry to fill up, no backend to choose, no window.
    from matplotlib.figure import Figure

    return Figure(**kw)


def _style(ax, title: str, ylabel: str, xlabel: str, lang: str = "en") -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.set_title(title, loc="left", fontsize=11)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))  # years: no thousands separator
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _, ax=ax: _tick(y, ax, lang)))
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _tick(value: float, ax, lang: str) -> str:
    """A value-axis label in the language's number format, with as many decimals as the tick step has."""
    ticks = ax.yaxis.get_majorticklocs()
    step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
    return number(value, lang, _decimals(step))


def _decimals(step: float) -> int:
    """The fewest decimals that write ``step`` exactly: 0 for 2, 1 for 2.5, 3 for 0.025."""
    for decimals in range(7):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, scaled):
            return decimals
    return 6


def _figure(title: str, ylabel: str, ds, lang: str, xlabel: str | None = None):
    fig = _new_figure(figsize=(8, 4.5), dpi=100)
    ax = fig.subplots()
    _style(ax, title, ylabel, xlabel or message("chart.year", lang), lang)
    fig.subplots_adjust(bottom=0.2, left=0.1, right=0.78)
    _source(fig, [ds], lang)
    return fig, ax


def _source(fig, results: list, lang: str):
    """The source line at the bottom of a chart (:func:`source_line`, see :func:`footnote`)."""
    return footnote(fig, source_line(results, lang), gid="source")


def footnote(fig, text: str, gid: str = "source"):
    """Write ``text`` at the bottom left of a figure, wrapped to the figure's width, and raise the
    axes by what the lines after the first take, so that nothing is cut or overlaps it.

    Call it when the axes are in place (after ``subplots_adjust`` or ``tight_layout``).
    Returns the :class:`~matplotlib.text.Text`.
    """
    note = fig.text(
        0.01,
        0.01,
        text,
        fontsize=NOTE_FONTSIZE,
        color=NOTE_COLOUR,
        ha="left",
        va="bottom",
        gid=gid,
        parse_math=False,  # a "$" in a name is a dollar sign
    )
    renderer = _measure(fig.dpi)
    # 1 % of the width left free on either side
    lines = _wrapped(text, note.get_fontproperties().copy(), 0.98 * fig.get_figwidth(), fig.dpi)
    note.set_text(lines[0])
    one = note.get_window_extent(renderer).height
    note.set_text("\n".join(lines))
    extra = (note.get_window_extent(renderer).height - one) / fig.bbox.height
    if extra > 0:
        _raise_axes(fig, extra, top=note.get_window_extent(renderer).y1 / fig.bbox.height)
    return note


@functools.lru_cache(maxsize=8)
def _measure(dpi: float):
    """A renderer to measure text with, at ``dpi``: Agg's, on one pixel (a figure's own canvas
    would keep a buffer the size of the figure for as long as the figure lives). One per dpi:
    matplotlib caches text sizes by renderer."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


@functools.lru_cache(maxsize=64)
def _wrapped(text: str, prop, inches: float, dpi: float) -> tuple[str, ...]:
    """:func:`_wrap` in a font (a FontProperties) to a width in inches, at the figure's ``dpi``
    and at :data:`PNG_DPI` (glyphs fitted to pixels are not quite as wide at every resolution).
    Every chart of a result has the same source line: it is measured once."""
    renderers = [_measure(d) for d in {dpi, PNG_DPI}]

    def width(line: str) -> float:
        return max(r.get_text_width_height_descent(line, prop, ismath=False)[0] / r.dpi for r in renderers)

    return tuple(_wrap(text, width, inches))


def _wrap(text: str, width: Callable[[str], float], room: float) -> list[str]:
    """``text`` in lines at most ``room`` wide (``width(line)``): words stay whole unless one alone
    is wider, and each line of ``text`` starts a new line.

    A line's width is estimated as the sum of its words' and spaces' (measuring every candidate
    line is slow); each line made is then measured, and if one is wider, all is made again
    narrower.
    """
    words: dict[str, float] = {}

    def word(w: str) -> float:
        if w not in words:
            words[w] = width(w)
        return words[w]

    space = width("x x") - width("xx")
    target = room
    for _ in range(5):
        lines = [line for paragraph in text.split("\n") for line in _greedy(paragraph, word, space, target)]
        over = max(width(line) for line in lines) - room
        if over <= 0:
            break
        target -= over + space
    return lines


def _greedy(paragraph: str, word: Callable[[str], float], space: float, room: float) -> list[str]:
    lines, line, used = [], [], 0.0
    for w in paragraph.split(" "):
        while word(w) > room and len(w) > 1:  # a word longer than a line: cut it
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            cut = _longest_fit(w, word, room)
            lines.append(w[:cut])
            w = w[cut:]
        needed = word(w) + (space if line else 0.0)
        if line and used + needed > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
            needed = word(w)
        line.append(w)
        used += needed
    lines.append(" ".join(line))
    return lines


def _longest_fit(text: str, width: Callable[[str], float], room: float) -> int:
    """The length of the longest start of ``text`` that fits (at least one character)."""
    low, high = 1, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if width(text[:middle]) <= room else (low, middle - 1)
    return low


def _raise_axes(fig, extra: float, top: float) -> None:
    """Lift the axes of a figure by ``extra`` (a fraction of its height) from below: subplots by
    their bottom margin, other axes starting below ``top`` by their own bottom."""
    subplots = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    if subplots:
        pars = fig.subplotpars
        fig.subplots_adjust(bottom=max(pars.bottom, min(pars.bottom + extra, pars.top - 0.05)))
    for ax in fig.axes:
        if ax.get_subplotspec() is None:
            x0, y0, w, h = ax.get_position(original=True).bounds
            if y0 < top:
                lift = min(extra, h / 2)
                ax.set_position((x0, y0 + lift, w, h - lift))


def source_line(results, lang: str) -> str:
    """The line under a chart: model version, scenario(s) and the data's publishers."""
    from motorisasi.data.store import merged

    results = results if isinstance(results, list | tuple) else [results]
    sources = merged().sources
    ids = {i for ds in results for i in json.loads(ds.attrs.get("sources", "{}"))}
    publishers = sorted({_publisher(sources[i]["publisher"]) for i in ids if i in sources})
    shown = ", ".join(publishers[:7]) + (", ..." if len(publishers) > 7 else "")
    return message(
        "chart.source",
        lang,
        version=results[0].attrs.get("motorisasi_version", ""),
        scenario=", ".join(str(ds.attrs.get("scenario_name", "")) for ds in results),
        publishers=shown,
    )


def _publisher(name: str) -> str:
    """The short name of a publisher: 'GAIKINDO (Association of ...)' -> 'GAIKINDO'."""
    return name.split(" (")[0].split(",")[0].strip()


def _legend(ax) -> None:
    """Finish an axis: a legend when something is labelled, and the value axis starting at zero."""
    from matplotlib.collections import PolyCollection

    handles, labels = ax.get_legend_handles_labels()
    if handles:
        if any(isinstance(h, PolyCollection) for h in handles):  # stacked: the top layer first
            handles, labels = handles[::-1], labels[::-1]
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_ylim(bottom=0)


def _projected(da, ds):
    """The part of a variable after the base year (what the model computes)."""
    return da.sel(year=da["year"] > int(ds.attrs["base_year"]))


def _stack(ax, years, layers: dict[str, np.ndarray], colours: dict[str, str], labels: dict[str, str]) -> None:
    names = [n for n in layers if np.nansum(layers[n]) > 0]
    values = [np.nan_to_num(layers[n]) for n in names]
    if not names:
        return
    colour = [colours.get(n, PALETTE[i % len(PALETTE)]) for i, n in enumerate(names)]
    ax.stackplot(years, values, labels=[labels.get(n, n) for n in names], colors=colour, alpha=0.85)
    top = np.zeros(len(years))
    for name, v in zip(names, values, strict=True):
        top = top + v
        ax.plot(years, top, color="white", linewidth=0.6, gid=f"top:{name}")


def _line(ax, years, values, gid: str, label: str, colour: str, **kw) -> None:
    ax.plot(years, values, color=colour, linewidth=kw.pop("linewidth", 2), gid=gid, label=label, **kw)


def _dots(ax, ds, years, values, colour: str) -> None:
    """Mark the observed years too: a year between two gaps in the data draws no line."""
    history = years <= int(ds.attrs["base_year"])
    ax.plot(years[history], values[history], linestyle="none", marker="o", markersize=3, color=colour)


def four_wheel_per_1000(ds) -> np.ndarray:
    """Registered vehicles other than motorcycles per 1,000 people, by year."""
    four = four_wheel_segments(ds)
    return ds["ownership_per_1000"].sel(segment=four).sum("segment").values


def ownership(
    ds, lang: str = "en", target: float | None = None, comparison: dict[str, tuple[int, float]] | None = None
):
    """Registered four-wheel-plus vehicles per 1,000 people, with a target and other countries' levels.

    ``comparison`` maps a country code to (year, vehicles per 1,000) on the same definition
    (see :func:`comparison_levels`).
    """
    fig, ax = _figure(message("chart.ownership.title", lang), message("chart.per_1000", lang), ds, lang)
    years = ds["year"].values
    _line(
        ax,
        years,
        four_wheel_per_1000(ds),
        "four_wheel_per_1000",
        message("chart.four_wheel", lang),
        PALETTE[0],
    )
    if "in_use_per_1000" in ds:
        four = four_wheel_segments(ds)
        _line(
            ax,
            years,
            ds["in_use_per_1000"].sel(segment=four).sum("segment").values,
            "four_wheel_in_use_per_1000",
            message("chart.four_wheel_in_use", lang),
            PALETTE[4],
            linestyle="--",
        )
    if target is not None:
        ax.axhline(
            target,
            color=PALETTE[3],
            linestyle="--",
            linewidth=1.2,
            gid="target",
            label=message("chart.target", lang, value=number(target, lang)),
        )
    styles = (":", "-.", (0, (5, 2, 1, 2)), (0, (1, 3)))
    for i, (country, (year, level)) in enumerate(sorted((comparison or {}).items())):
        ax.axhline(
            level,
            color=("#CC79A7", "#000000", "#009E73", "#56B4E9")[i % 4],
            linestyle=styles[i % len(styles)],
            linewidth=1,
            gid=f"comparison:{country}",
            label=f"{display_name('country', country, lang)} {year}: {number(level, lang)}",
        )
    ax.axvline(int(ds.attrs["base_year"]), color="#777777", linewidth=0.8)
    _legend(ax)
    return fig


def region_four_wheel_per_1000(ds):
    """Registered vehicles other than motorcycles per 1,000 people, by province and year."""
    four = four_wheel_segments(ds)
    return ds["region_registered_stock"].sel(segment=four).sum("segment") / ds["region_population"] * 1000.0


def tile_map(values: dict[str, float], title: str, label: str, lang: str = "en", diverging: bool = False):
    """A tile-grid map of the provinces (one square each, roughly where it lies), coloured by
    ``values`` (province -> number) and labelled with its ISO 3166-2 code and value.

    Each tile is a rectangle with ``gid`` ``tile:PROVINCE``, so the map can be read back.
    """
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    from motorisasi.scenario.regions import ISO_CODES, TILES

    fig = _new_figure(figsize=(9.0, 5.0), dpi=100)
    ax = fig.add_axes((0.01, 0.02, 0.86, 0.86))
    shown = {k: v for k, v in values.items() if k in TILES and np.isfinite(v)}
    low, high = min(shown.values()), max(shown.values())
    norm = Normalize(vmin=min(low, 0.0) if diverging else low, vmax=high)
    cmap = colormaps["viridis" if not diverging else "cividis"]
    for name, value in shown.items():
        row, col = TILES[name]
        colour = cmap(norm(value))
        ax.add_patch(
            Rectangle((col, -row), 0.94, 0.94, facecolor=colour, edgecolor="white", gid=f"tile:{name}")
        )
        dark = sum(colour[:3]) < 1.5
        ax.text(
            col + 0.47,
            -row + 0.62,
            ISO_CODES.get(name, name[:2]),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="white" if dark else "black",
        )
        ax.text(
            col + 0.47,
            -row + 0.3,
            number(value, lang, 0),
            ha="center",
            va="center",
            fontsize=7.5,
            color="white" if dark else "black",
        )
    ax.set_xlim(-0.1, 12.1)
    ax.set_ylim(-5.2, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.suptitle(title, x=0.02, ha="left", fontsize=11, fontweight="bold")
    bar = fig.add_axes((0.89, 0.15, 0.02, 0.6))
    from matplotlib.cm import ScalarMappable

    fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=bar, label=label)
    return fig


def comparison_levels(countries=("JPN", "THA", "MYS"), data_dir=None) -> dict[str, tuple[int, float]]:
    """Each country's latest registered four-wheel-plus vehicles per 1,000 people in the data."""
    from motorisasi.errors import MotorisasiError
    from motorisasi.scenario.ownership_histories import ownership_history

    levels = {}
    for country in countries:
        try:
            history, _ = ownership_history(country, "four_wheel", data_dir=data_dir)
        except MotorisasiError:
            continue
        levels[country] = (int(history.years[-1]), float(history.ownership[-1]))
    return levels


def by_powertrain(ds, lang: str = "en", segment: str = "cars", variable: str = "stock"):
    """The modelled fleet (``stock``) or sales (``sales``) of a segment by powertrain, stacked."""
    key = "chart.fleet.title" if variable == "stock" else "chart.sales.title"
    unit = "chart.million_vehicles" if variable == "stock" else "chart.million_per_year"
    fig, ax = _figure(
        message(key, lang, segment=display_name("segment", segment, lang)), message(unit, lang), ds, lang
    )
    part = _projected(ds[variable].sel(segment=segment), ds)
    layers = {str(p): part.sel(powertrain=p).values / 1e6 for p in ds["powertrain"].values}
    _stack(ax, part["year"].values, layers, POWERTRAIN_COLOURS, {})
    _legend(ax)
    return fig


def age_structure(ds, lang: str = "en", segment: str = "cars", years: list[int] | None = None):
    """The modelled fleet of a segment by age at a few years (thousand vehicles per year of age).

    Needs a result run with ``by_age=True``.
    """
    fig, ax = _figure(
        message("chart.age.title", lang, segment=display_name("segment", segment, lang)),
        message("chart.thousand_per_age", lang),
        ds,
        lang,
        message("chart.age", lang),
    )
    by_age = ds["stock_by_age"].sel(segment=segment).sum("powertrain", min_count=1)
    for i, year in enumerate(years or _milestones(ds)):
        _line(
            ax,
            ds["age"].values,
            by_age.sel(year=year).values / 1e3,
            f"age:{year}",
            str(year),
            PALETTE[i % len(PALETTE)],
            linewidth=1.5,
            linestyle=("-", "--", "-.", ":", (0, (5, 1)))[i % 5],
        )
    _legend(ax)
    return fig


def _milestones(ds) -> list[int]:
    """The first projected year, then the milestone years (the base year has no modelled fleet)."""
    from motorisasi.outputs.summary import milestones

    return [int(ds.attrs["base_year"]) + 1, *milestones(ds)[1:]]


def energy_by_fuel(ds, lang: str = "en"):
    """Final energy use by fuel, all segments, stacked (PJ per year)."""
    fig, ax = _figure(message("chart.energy.title", lang), message("chart.pj", lang), ds, lang)
    part = _projected(ds["energy"].sum("segment", min_count=1), ds)
    layers = {str(f): part.sel(fuel=f).values for f in ds["fuel"].values}
    _stack(ax, part["year"].values, layers, FUEL_COLOURS, {f: display_name("fuel", f, lang) for f in layers})
    _legend(ax)
    return fig


def co2(ds, lang: str = "en"):
    """CO2 tank-to-wheel and including the grid CO2 of charging electricity (Mt per year)."""
    fig, ax = _figure(message("chart.co2.title", lang), message("chart.mt_co2", lang), ds, lang)
    years = ds["year"].values
    _line(
        ax,
        years,
        ds["co2_ttw"].sum("segment", min_count=1).values,
        "co2_ttw",
        message("chart.co2.ttw", lang),
        PALETTE[3],
    )
    _line(
        ax,
        years,
        ds["co2_wtw"].sum("segment", min_count=1).values,
        "co2_wtw",
        message("chart.co2.wtw", lang),
        PALETTE[0],
        linestyle="--",
    )
    _legend(ax)
    return fig


def trade(ds, lang: str = "en", group: str = "four_wheel"):
    """Production, exports and imports of an industry group (million vehicles per year)."""
    fig, ax = _figure(
        message("chart.trade.title", lang, group=display_name("group", group, lang)),
        message("chart.million_per_year", lang),
        ds,
        lang,
    )
    years = ds["year"].values
    for i, name in enumerate(("production", "exports", "imports")):
        values = ds[name].sel(industry_group=group).values / 1e6
        _line(
            ax, years, values, name, message(f"chart.{name}", lang), PALETTE[i], linestyle=("-", "--", ":")[i]
        )
        _dots(ax, ds, years, values, PALETTE[i])
    _legend(ax)
    return fig


def batteries(ds, lang: str = "en"):
    """Battery capacity in new vehicles by segment and powertrain, stacked (GWh per year)."""
    fig, ax = _figure(message("chart.batteries.title", lang), message("chart.gwh_per_year", lang), ds, lang)
    part = _projected(ds["battery_gwh"], ds)
    layers, labels = {}, {}
    for s in ds["segment"].values:
        for p in ds["powertrain"].values:
            layers[f"{s} {p}"] = part.sel(segment=s, powertrain=p).values
            labels[f"{s} {p}"] = f"{display_name('segment', str(s), lang)} {p}"
    _stack(ax, part["year"].values, layers, {}, labels)
    _legend(ax)
    return fig


def jobs(ds, lang: str = "en"):
    """Direct jobs in vehicle assembly by industry group (thousand persons)."""
    fig, ax = _figure(message("chart.jobs.title", lang), message("chart.thousand_persons", lang), ds, lang)
    years = ds["year"].values
    for i, group in enumerate(ds["industry_group"].values):
        values = ds["jobs"].sel(industry_group=group).values / 1e3
        colour = PALETTE[i % len(PALETTE)]
        _line(ax, years, values, f"jobs:{group}", display_name("group", str(group), lang), colour)
        _dots(ax, ds, years, values, colour)
    _legend(ax)
    return fig


#: Indicators for comparing scenarios: name -> (title key, unit key, function of a result by year).
INDICATORS: dict[str, tuple[str, str, Callable]] = {
    "ownership": ("chart.ownership.short", "chart.per_1000", four_wheel_per_1000),
    "registered": (
        "chart.registered.title",
        "chart.million_vehicles",
        lambda ds: ds["registered_stock"].sum("segment").values / 1e6,
    ),
    "sales": (
        "chart.sales_total.title",
        "chart.million_per_year",
        lambda ds: ds["sales_total"].sum("segment").values / 1e6,
    ),
    "bev_cars": (
        "chart.bev_share.title",
        "chart.percent",
        lambda ds: (
            100
            * (
                ds["sales"].sel(segment="cars", powertrain="BEV")
                / ds["sales"].sel(segment="cars").sum("powertrain", min_count=1)
            ).values
        ),
    ),
    "energy": (
        "chart.energy_total.title",
        "chart.pj",
        lambda ds: ds["energy"].sum(["segment", "fuel"], min_count=1).values,
    ),
    "co2": ("chart.co2.wtw", "chart.mt_co2", lambda ds: ds["co2_wtw"].sum("segment", min_count=1).values),
    "production": (
        "chart.production_4w.title",
        "chart.million_per_year",
        lambda ds: ds["production"].sel(industry_group="four_wheel").values / 1e6,
    ),
    "batteries": (
        "chart.batteries.title",
        "chart.gwh_per_year",
        lambda ds: ds["battery_gwh"].sum(["segment", "powertrain"], min_count=1).values,
    ),
    "jobs": (
        "chart.jobs.title",
        "chart.thousand_persons",
        lambda ds: ds["jobs"].sum("industry_group", min_count=1).values / 1e3,
    ),
}


def _plug_in_share(ds, segments: list[str]) -> np.ndarray:
    """Battery-electric and plug-in hybrid sales as a share of the sales of ``segments``, %."""
    sales = ds["sales"].sel(segment=segments).sum("segment", min_count=1)
    plug_in = [p for p in ("BEV", "PHEV") if p in ds["powertrain"].values]
    return (
        100 * sales.sel(powertrain=plug_in).sum("powertrain") / sales.sum("powertrain", min_count=1)
    ).values


#: Indicators for comparing scenarios of different countries, on definitions the countries share:
#: per person, the fleets in use (the same survival model on each country's sales) beside each
#: register's own count, plug-in shares of all four-wheel-plus sales (what "cars" covers differs).
COUNTRY_INDICATORS: dict[str, tuple[str, str, Callable]] = {
    "in_use": (
        "chart.countries.in_use",
        "chart.per_1000",
        lambda ds: (
            1000
            * ds["in_use_stock"].sel(segment=four_wheel_segments(ds)).sum("segment").values
            / ds["population"].values
        ),
    ),
    "ownership": ("chart.countries.registered", "chart.per_1000", four_wheel_per_1000),
    "motorcycles_in_use": (
        "chart.countries.motorcycles_in_use",
        "chart.per_1000",
        lambda ds: 1000 * ds["in_use_stock"].sel(segment="motorcycles").values / ds["population"].values,
    ),
    "sales_per_1000": (
        "chart.countries.sales",
        "chart.countries.per_1000_year",
        lambda ds: 1000 * ds["sales_total"].sum("segment").values / ds["population"].values,
    ),
    "plug_in_four_wheel": (
        "chart.countries.plug_in_four_wheel",
        "chart.percent",
        lambda ds: _plug_in_share(ds, four_wheel_segments(ds)),
    ),
    "plug_in_motorcycles": (
        "chart.countries.plug_in_motorcycles",
        "chart.percent",
        lambda ds: _plug_in_share(ds, ["motorcycles"]),
    ),
    "production": INDICATORS["production"],
    "exports": (
        "chart.countries.exports",
        "chart.million_per_year",
        lambda ds: ds["exports"].sel(industry_group="four_wheel").values / 1e6,
    ),
    "co2_per_person": (
        "chart.countries.co2",
        "chart.countries.t_per_person",
        lambda ds: 1e6 * ds["co2_wtw"].sum("segment", min_count=1).values / ds["population"].values,
    ),
}


def _has(ds, name: str) -> bool:
    """Whether a result has what an indicator needs (industry and batteries are optional)."""
    segments = ds["segment"].values
    if name == "bev_cars":
        return "cars" in segments and "BEV" in ds["powertrain"].values
    if name in ("production", "exports"):
        return name in ds and "four_wheel" in ds["industry_group"].values
    if name in ("in_use", "plug_in_four_wheel"):
        return "in_use_stock" in ds and bool(four_wheel_segments(ds))
    if name in ("motorcycles_in_use", "plug_in_motorcycles"):
        return "in_use_stock" in ds and "motorcycles" in segments
    return {"batteries": "battery_gwh", "jobs": "jobs"}.get(name, "population") in ds


def compare(results: list, lang: str = "en", names: list[str] | None = None):
    """One panel per indicator, one line per scenario.

    Scenarios of different countries are compared on :data:`COUNTRY_INDICATORS` (per person,
    and on definitions the countries share) instead of :data:`INDICATORS`.
    """
    table = COUNTRY_INDICATORS if len(countries(results)) > 1 else INDICATORS
    shown = [k for k in table if all(_has(ds, k) for ds in results)]
    columns = 3
    rows = -(-len(shown) // columns)
    fig = _new_figure(figsize=(12, 3.2 * rows + 0.6), dpi=100)
    axes = fig.subplots(rows, columns, squeeze=False)
    if names is None:
        from motorisasi.outputs.summary import unique_names

        names = unique_names(results)
    for ax, key in zip(axes.flat, shown, strict=False):
        title, unit, values = table[key]
        _style(ax, message(title, lang), message(unit, lang), message("chart.year", lang), lang)
        ax.title.set_fontsize(9)
        ax.xaxis.get_major_locator().set_params(nbins=5)
        for i, (ds, name) in enumerate(zip(results, names, strict=True)):
            _line(
                ax,
                ds["year"].values,
                values(ds),
                f"{key}:{name}",
                name,
                PALETTE[i % len(PALETTE)],
                linewidth=1.5,
                linestyle=("-", "--", "-.", ":")[i % 4],
            )
        ax.set_ylim(bottom=0)
    for ax in list(axes.flat)[len(shown) :]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=min(len(labels), 4), frameon=False, fontsize=9)
    fig.tight_layout(rect=(0, 0.04, 1, 1 - 0.5 / (3.2 * rows + 0.6)))
    _source(fig, results, lang)
    return fig


def all_charts(
    ds, lang: str = "en", target: float | None = None, comparison: dict[str, tuple[int, float]] | None = None
) -> dict:
    """Every chart the result allows, by name, in reading order."""
    charts = {"ownership": ownership(ds, lang, target, comparison)}
    for segment in ds["segment"].values:
        charts[f"sales_{segment}"] = by_powertrain(ds, lang, str(segment), "sales")
        charts[f"fleet_{segment}"] = by_powertrain(ds, lang, str(segment), "stock")
    if "stock_by_age" in ds:
        for segment in ds["segment"].values:
            charts[f"age_{segment}"] = age_structure(ds, lang, str(segment))
    charts["energy"] = energy_by_fuel(ds, lang)
    charts["co2"] = co2(ds, lang)
    if "production" in ds:
        for group in ds["industry_group"].values:
            charts[f"trade_{group}"] = trade(ds, lang, str(group))
        charts["jobs"] = jobs(ds, lang)
    if "battery_gwh" in ds:
        charts["batteries"] = batteries(ds, lang)
    return charts


def save(fig, path_stem, formats=("png", "svg"), png: bytes | None = None, outset=None) -> list:
    """Write a figure as PNG (at :data:`PNG_DPI`) and SVG next to each other.

    ``png`` is the figure already drawn as PNG (:func:`png_bytes`), to save drawing it again; it
    is used only when drawn at :data:`PNG_DPI` (the report's images are drawn at
    :data:`REPORT_DPI`). ``outset`` is an open :class:`~motorisasi.outputs.files.OutputSet` of the
    folder, committed by the caller; without it the files are committed here, as one set.
    """
    import io
    from pathlib import Path

    from motorisasi.outputs.files import writing

    stem = Path(path_stem)
    paths = []
    with writing(stem.parent, [f"{stem.name}.{fmt}" for fmt in formats], outset=outset) as files:
        for fmt in formats:
            if fmt == "png" and png is not None and png_dpi(png) == PNG_DPI:
                data = png
            else:
                buffer = io.BytesIO()
                _savefig(fig, buffer, fmt)
                data = buffer.getvalue()
            paths.append(files.write(f"{stem.name}.{fmt}", data))
    return paths


def _savefig(fig, buffer, fmt: str, dpi: float = PNG_DPI) -> None:
    """Draw ``fig`` into ``buffer`` as ``fmt``; ``dpi`` is for PNG (SVG and PDF keep the figure's)."""
    import matplotlib

    # Tight bounding box: legends outside the axes are never cut off. A fixed hash salt makes
    # the SVG's element ids (random by default) the same in every run.
    kw = {"dpi": dpi} if fmt == "png" else {}
    with matplotlib.rc_context({"svg.hashsalt": "motorisasi"}):
        fig.savefig(buffer, format=fmt, metadata=_metadata(fmt), bbox_inches="tight", pad_inches=0.15, **kw)


def _metadata(fmt: str) -> dict:
    # No creation dates, so the same result gives the same bytes.
    return {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt, {})


def png_bytes(fig, dpi: float = REPORT_DPI) -> bytes:
    """The figure as PNG: by default at :data:`REPORT_DPI`, for the HTML report; files for people
    to use are drawn at :data:`PNG_DPI` (``png_bytes(fig, PNG_DPI)``, :func:`save`)."""
    import io

    buffer = io.BytesIO()
    _savefig(fig, buffer, "png", dpi)
    return buffer.getvalue()


def png_dpi(png: bytes) -> float | None:
    """The resolution a PNG says it has (dots per inch, rounded), or None if it says none."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        dpi = image.info.get("dpi")
    return round(float(dpi[0])) if dpi else None


def backtest_fans(result: dict, lang: str = "en", measure: str = "registered"):
    """Hindcasts of the calibrated register model from every origin against the observed register.

    ``result`` is :meth:`motorisasi.scenario.backtest.Backtest.to_dict` plus its ``forecasts``
    rows (as from :func:`motorisasi.outputs.cli_backtest.forecast_rows`). One panel per fleet;
    observed years are dots, coloured by statistical basis; each origin's forecast is a line.
    """
    targets = list(result["observed"])
    fig = _new_figure(figsize=(4.2 * len(targets), 4.2), dpi=100)
    axes = fig.subplots(1, len(targets), squeeze=False)[0]
    unit = message(
        "chart.backtest.unit.per_1000" if measure == "per_1000" else "chart.backtest.unit.millions", lang
    )
    scale = 1.0 if measure == "per_1000" else 1e-6
    for ax, target in zip(axes, targets, strict=True):
        seen = result["observed"][target]
        years = np.array(seen["years"], dtype=float)
        values = np.array([np.nan if v is None else v for v in seen[measure]], dtype=float) * scale
        basis = np.array([np.nan if v is None else v for v in seen["basis"]], dtype=float)
        _style(ax, display_name("backtest_target", target, lang), unit, message("chart.year", lang), lang)
        for k, b in enumerate(sorted({float(v) for v in basis if np.isfinite(v)})):
            mask = basis == b
            ax.plot(
                years[mask],
                values[mask],
                "o",
                ms=3.5,
                color=PALETTE[(k + 3) % len(PALETTE)],
                gid=f"observed-{b:.0f}",
            )
        rows = [
            r
            for r in result["forecasts"]
            if r["target"] == target and r["measure"] == measure and r["model"] == "calibrated"
        ]
        for origin in sorted({r["origin"] for r in rows}):
            mine = sorted((r for r in rows if r["origin"] == origin), key=lambda r: r["horizon"])
            xs = [origin] + [origin + r["horizon"] for r in mine]
            start = values[list(years).index(origin)]
            ax.plot(
                xs, [start] + [r["forecast"] * scale for r in mine], "-", lw=1, color=PALETTE[0], alpha=0.8
            )
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    fig.subplots_adjust(bottom=0.2, wspace=0.3)
    footnote(fig, message("chart.backtest.note", lang), gid="note")
    return fig


def fan(ds, name: str, title: str, ylabel: str, lang: str = "en", colour: str = PALETTE[0]):
    """A fan chart of an ensemble's variable ``name`` with a ``quantile`` and a ``year``
    dimension (and no other): the median as a line, the 25-75 % and 5-95 % ranges as bands.
    Each band and the line carry a ``gid`` (``median``, ``q25-q75``, ``q05-q95``)."""
    da = ds[name].transpose("quantile", "year")
    years = ds["year"].values.astype(float)
    q = {round(float(v), 2): da.sel(quantile=v).values for v in ds["quantile"].values}
    fig, ax = _figure(title, ylabel, ds, lang)
    for low, high, alpha in ((0.05, 0.95, 0.2), (0.25, 0.75, 0.4)):
        ax.fill_between(
            years,
            q[low],
            q[high],
            color=colour,
            alpha=alpha,
            lw=0,
            gid=f"q{round(100 * low):02d}-q{round(100 * high):02d}",
            label=message("chart.fan.range", lang, low=round(100 * low), high=round(100 * high)),
        )
    _line(ax, years, q[0.5], "median", message("chart.fan.median", lang), colour)
    _legend(ax)
    return fig
