"""Write a run's result: tidy CSV, an Excel workbook, NetCDF and the IAMC format.

The four files of a run are one set (:class:`motorisasi.outputs.files.OutputSet`): written
whole into a staging folder, then put in place together; their names come from the scenario's
name made safe (:func:`~motorisasi.outputs.files.safe_stem`), always inside the output folder.
Files are reproducible: the same result gives the same bytes (the workbook's timestamps are
fixed to the epoch of the ZIP format and its entries are written in a fixed order).

Text is written as text, never as a formula (OWASP, "CSV Injection"): a workbook cell that
starts with ``=``, ``+``, ``-`` or ``@`` is stored as a string with Excel's quote prefix, and in
the CSV files such a text cell gets a leading ``'``; characters a workbook cannot hold (control
characters) are replaced by U+FFFD.

The IAMC format is the one the integrated-assessment community exchanges and ``pyam`` reads:
columns ``model, scenario, region, variable, unit`` and one column per year, variables named
with ``|`` between levels (``Stocks|Transportation|Light-Duty Vehicle|Two-Wheeler|Battery-Electric``),
by the IAMC common definitions where they have one
(:data:`motorisasi.scenario.variables.COMMON_DEFINITIONS`).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np

from motorisasi.outputs.files import OutputSet, safe_stem, writing
from motorisasi.scenario.variables import IAMC, TOPICS  # the one registry of variables

IAMC_COLUMNS = ("model", "scenario", "region", "variable", "unit")
MODEL = "motorisasi"
SEGMENT_LABELS = {"cars": "Passenger cars", "commercial": "Commercial vehicles", "motorcycles": "Motorcycles"}
#: IAMC common definitions (IAMconsortium/common-definitions, commit d877b5f5, definitions/variable/
#: transport/tag_vehicle-type.yaml and tag_drive-types.yaml): the {Vehicle Type} of a segment and the
#: {Drive Type} of a powertrain. A segment or powertrain not listed keeps its own label.
VEHICLE_TYPES = {"motorcycles": "Light-Duty Vehicle|Two-Wheeler"}
DRIVE_TYPES = {"PHEV": "Plug-in Hybrid", "BEV": "Battery-Electric", "FCEV": "Fuel-Cell-Electric"}
#: The powertrains of the definitions' "Internal Combustion" drive ("internal combustion engine drive
#: not including plug-in hybrids"); HEV is also written alone as its sub-level.
INTERNAL_COMBUSTION = ("ICE", "HEV")
#: IAMC variables of the common definitions whose next level is a {Vehicle Type} (then a {Drive Type}).
BY_VEHICLE_TYPE = (
    "Stocks|Transportation",
    "Sales|Transportation",
    "Emissions|CO2|Energy|Demand|Transportation",
)
#: Final energy of road transport (the variable ``energy``, with the grid's electricity from ``electricity``).
ROAD_FINAL_ENERGY = "Final Energy|Transportation|Road"
DIMS = (
    "draw",
    "quantile",
    "region",
    "segment",
    "industry_group",
    "origin",
    "powertrain",
    "fuel",
    "year",
    "age",
)


def tidy(ds):
    """The result as one long table: variable, the dimensions it has (segment, ..., year), value, unit."""
    import pandas as pd

    frames = []
    present = [d for d in DIMS if any(d in da.dims for da in ds.data_vars.values())]
    for name, da in ds.data_vars.items():
        frame = da.to_dataframe(name="value").reset_index()
        frame = frame.dropna(subset=["value"])
        for dim in present:
            if dim not in frame.columns:
                frame[dim] = ""
        frame["variable"] = name
        frame["unit"] = da.attrs.get("units", "")
        frames.append(frame[["variable", *present, "value", "unit"]])
    out = pd.concat(frames, ignore_index=True)
    for dim in present:
        if dim in ("year", "age"):  # numbers (blank where a variable has no such dimension)
            out[dim] = pd.to_numeric(out[dim].replace("", None)).astype("Int64")
        else:
            out[dim] = out[dim].astype(str)
    return out


def iamc(ds, region: str | None = None):
    """The result in the IAMC wide format (one row per variable, one column per year).

    Vehicle stocks, sales and tank-to-wheel CO2 are written by {Vehicle Type} and {Drive Type} of
    the IAMC common definitions (:data:`VEHICLE_TYPES`, :data:`DRIVE_TYPES`; ``Internal
    Combustion`` is ICE + HEV, and HEV alone is its sub-level ``Internal Combustion|HEV``). Road
    final energy is written in total, by fuel (``Liquids``, its ``Oil`` and ``Biomass`` parts by the
    biodiesel share, ``Electricity``) and by segment and fuel; its electricity is the electricity
    drawn from the grid (``electricity``, charging losses included), not the energy at the battery.
    """
    import pandas as pd

    scenario = ds.attrs.get("scenario_name", "scenario")
    region = region or ds.attrs.get("country", "World")
    years = [int(y) for y in ds["year"].values]
    rows = []

    def add(variable: str, unit: str, values, where: str) -> None:
        values = np.asarray(values, dtype=float)
        if np.all(np.isnan(values)):
            return
        rows.append([MODEL, scenario, where, variable, unit, *values.tolist()])

    def add_by_vehicle_type(da, label: str, unit: str, scale: float, where: str) -> None:
        values = da.transpose("segment", ..., "year").values * scale
        powertrains = [str(pt) for pt in da["powertrain"].values] if "powertrain" in da.dims else []
        for seg, part in zip(da["segment"].values, values, strict=True):
            vehicle = f"{label}|{VEHICLE_TYPES.get(str(seg), SEGMENT_LABELS.get(str(seg), str(seg)))}"
            if not powertrains:
                add(vehicle, unit, part, where)
                continue
            by = dict(zip(powertrains, part, strict=True))
            burning = [by[pt] for pt in INTERNAL_COMBUSTION if pt in by]
            if burning:  # a sum with a missing year is missing
                add(f"{vehicle}|Internal Combustion", unit, np.sum(burning, axis=0), where)
            if "HEV" in by:
                add(f"{vehicle}|Internal Combustion|HEV", unit, by["HEV"], where)
            for pt in powertrains:
                if pt not in INTERNAL_COMBUSTION:
                    add(f"{vehicle}|{DRIVE_TYPES.get(pt, pt)}", unit, by[pt], where)

    def add_road_energy(energy, grid, unit: str, scale: float, grid_scale: float, where: str) -> None:
        segments = energy["segment"].values
        fuels = [str(f) for f in energy["fuel"].values]
        liquids = [f for f in fuels if f != "electricity"]  # the battery's electricity is not final energy
        use = energy.transpose("segment", "fuel", "year").values * scale  # (S, F, Y)
        liquid = use[:, [fuels.index(f) for f in liquids], :]
        total_liquids = liquid.sum(axis=(0, 1))  # a sum with a missing year is missing
        drawn = None
        if grid is not None:
            drawn = grid.sel(segment=segments).transpose("segment", "year").values * grid_scale
            add(ROAD_FINAL_ENERGY, unit, total_liquids + drawn.sum(axis=0), where)
        add(f"{ROAD_FINAL_ENERGY}|Liquids", unit, total_liquids, where)
        if "diesel" in liquids and "biodiesel_share" in ds:  # biodiesel is the only biofuel modelled
            biomass = use[:, fuels.index("diesel"), :].sum(axis=0) * ds["biodiesel_share"].values
            add(f"{ROAD_FINAL_ENERGY}|Liquids|Oil", unit, total_liquids - biomass, where)
            add(f"{ROAD_FINAL_ENERGY}|Liquids|Biomass", unit, biomass, where)
        if drawn is not None:
            add(f"{ROAD_FINAL_ENERGY}|Electricity", unit, drawn.sum(axis=0), where)
        for i, seg in enumerate(segments):
            seg_label = f"{ROAD_FINAL_ENERGY}|{SEGMENT_LABELS.get(str(seg), str(seg))}"
            for fuel in liquids:
                add(f"{seg_label}|{fuel.capitalize()}", unit, use[i, fuels.index(fuel)], where)
            if drawn is not None:
                add(f"{seg_label}|Electricity", unit, drawn[i], where)

    def add_variable(da, label: str, unit: str, scale: float, where: str) -> None:
        if label in BY_VEHICLE_TYPE and "segment" in da.dims:
            add_by_vehicle_type(da, label, unit, scale, where)
            return
        if "industry_group" in da.dims:
            for group in ds["industry_group"].values:
                add(
                    f"{label}|{str(group).replace('_', ' ').capitalize()}",
                    unit,
                    da.sel(industry_group=group).values * scale,
                    where,
                )
            return
        if da.dims == ("year",):
            add(label, unit, da.values * scale, where)
            return
        if "fuel" in da.dims and "segment" not in da.dims:
            for fuel in ds["fuel"].values:
                add(f"{label}|{str(fuel).capitalize()}", unit, da.sel(fuel=fuel).values * scale, where)
            return
        if "segment" not in da.dims:
            return
        for seg in ds["segment"].values:
            part = da.sel(segment=seg)
            seg_label = SEGMENT_LABELS.get(str(seg), str(seg))
            if "powertrain" in part.dims:
                for pt in ds["powertrain"].values:
                    add(f"{label}|{seg_label}|{pt}", unit, part.sel(powertrain=pt).values * scale, where)
            elif "fuel" in part.dims:
                for fuel in ds["fuel"].values:
                    add(
                        f"{label}|{seg_label}|{str(fuel).capitalize()}",
                        unit,
                        part.sel(fuel=fuel).values * scale,
                        where,
                    )
            else:
                add(f"{label}|{seg_label}", unit, part.values * scale, where)

    for name, (label, unit, scale) in IAMC.items():
        if name not in ds or label == f"{ROAD_FINAL_ENERGY}|Electricity":
            continue  # the grid's electricity is written with the road's final energy
        da = ds[name]
        road = label == ROAD_FINAL_ENERGY
        grid_name = name.replace("energy", "electricity")  # region_energy: region_electricity
        grid = ds[grid_name] if road and grid_name in ds else None
        places = [str(p) for p in ds["region"].values] if "region" in da.dims else [None]
        for place in places:  # a province's rows name it in the region column
            part = da if place is None else da.sel(region=place)
            where = region if place is None else place
            if road:
                grid_part = grid if grid is None or place is None else grid.sel(region=place)
                grid_scale = IAMC[grid_name][2] if grid is not None else 1.0
                add_road_energy(part, grid_part, unit, scale, grid_scale, where)
            else:
                add_variable(part, label, unit, scale, where)
    return pd.DataFrame(rows, columns=[*IAMC_COLUMNS, *years])


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an XML workbook cannot hold


def defused(text: str) -> str:
    """``text`` made safe for a CSV cell: a leading ``'`` where a spreadsheet would see a formula.

    >>> defused("=1+1"), defused("cars"), defused("-")
    ("'=1+1", 'cars', "'-")
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _is_text(column) -> bool:
    """A column that may hold text: ``object`` (pandas 2) or a string dtype (pandas 3)."""
    import pandas as pd

    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def _map_text(frame, func):
    """A copy of ``frame`` with ``func`` applied to every text cell."""
    frame = frame.copy()
    for column in frame.columns:
        if _is_text(frame[column]):
            frame[column] = frame[column].map(lambda v: func(v) if isinstance(v, str) else v)
    return frame


def csv_bytes(frame) -> bytes:
    """A table as UTF-8 CSV bytes, text cells defused (:func:`defused`), numbers to 10 digits."""
    frame = _map_text(frame, defused)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%.10g")
    return buffer.getvalue().encode("utf-8")


def _excel_safe(frame):
    """``frame`` with the characters a workbook cannot hold replaced by U+FFFD in its text cells."""
    return _map_text(frame, lambda text: _ILLEGAL.sub("\ufffd", text))


def _text_as_text(book) -> None:
    """Store every text cell as text, never as a formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (
                    cell.data_type == "f" or cell.value.startswith(FORMULA_START)
                ):
                    cell.data_type = "s"
                    cell.quotePrefix = True  # as Excel stores text typed after an apostrophe


def _blank(column) -> bool:
    """A column with nothing in it: every cell empty text or missing."""
    return bool((column.isna() | (column.astype(str) == "")).all())


def _wide(part):
    """Long rows (one a year) as one row per variable and label, a column per year."""
    keys = [c for c in part.columns if c not in ("year", "value") and (part[c] != "").any()]
    wide = part.pivot_table(index=keys, columns="year", values="value", aggfunc="first", sort=False)
    wide.columns = [int(y) for y in wide.columns]
    return wide.reset_index()


def _excel_bytes(ds) -> bytes:
    import pandas as pd

    table = tidy(ds)
    scenario = json.loads(ds.attrs["scenario"])
    sources = json.loads(ds.attrs["sources"])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for topic, names in TOPICS.items():
            part = table[table["variable"].isin(names)]
            if len(part) and topic == "regions":  # provinces: one column a year keeps the sheet small
                fixed = part[part["year"].isna()]  # the ceilings, which have no year
                if len(fixed):
                    keys = [c for c in fixed.columns if c != "year" and (fixed[c] != "").any()]
                    fixed[keys].to_excel(writer, sheet_name="region_ceilings", index=False)
                part = _wide(part[part["year"].notna()])
            if len(part):
                # Only the columns that apply to the topic's variables (no blank dimension columns).
                part = part[[c for c in part.columns if not _blank(part[c])]]
                part.to_excel(writer, sheet_name=topic, index=False)
        listed = {name for names in TOPICS.values() for name in names}
        rest = table[~table["variable"].isin(listed)]
        if len(rest):  # variables no topic lists (e.g. the fleet by age) still go in the workbook
            rest.to_excel(writer, sheet_name="other", index=False)
        # Free text (the scenario's reasons, the sources' citations) may hold anything.
        _excel_safe(_assumptions(scenario)).to_excel(writer, sheet_name="assumptions", index=False)
        _excel_safe(pd.DataFrame(sorted(sources.items()), columns=["source_id", "citation"])).to_excel(
            writer, sheet_name="sources", index=False
        )
        book = writer.book
        _text_as_text(book)
        from datetime import datetime

        fixed = datetime(1980, 1, 1)
        book.properties.created = fixed
        book.properties.modified = fixed
        book.properties.creator = MODEL
    return _normalise_zip(buffer.getvalue())


def _assumptions(scenario: dict):
    """Every leaf of the scenario as (field, value) rows, reasons next to their numbers."""
    import pandas as pd

    rows = []

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key in sorted(value, key=str):
                walk(f"{prefix}.{key}" if prefix else str(key), value[key])
        else:
            rows.append((prefix, json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value))

    walk("", scenario)
    return pd.DataFrame(rows, columns=["field", "value"])


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps and order, so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = src.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>1980-01-01T00:00:00Z", content)
            dst.writestr(info, content)
    return out.getvalue()


#: Each variable unit (pint, see motorisasi.scenario.units) as UDUNITS writes it for CF: counts of
#: vehicles and people and sums of money are numbers ("1", with a factor for a prefix), what they
#: count stays in long_name and the pint unit in the attribute ``units_pint``.
CF_UNITS = {
    "1": "1",
    "a": "a",
    "vehicle": "1",
    "vehicle / a": "a-1",
    "vehicle / kiloperson": "1e-3",
    "person": "1",
    "person / a": "a-1",
    "intl_dollar_2021 / person": "1",
    "IDR / USD": "1",
    "IDR / L": "L-1",
    "TIDR / a": "1e12 a-1",
    "GUSD / a": "1e9 a-1",
    "USD / oil_barrel": "barrel-1",
    "GWh": "GW h",
    "GWh / a": "GW h a-1",
    "Gvkm / a": "1e9 km a-1",
    "PJ / a": "PJ a-1",
    "Mt / a": "Mt a-1",
    "kt / a": "kt a-1",
    "t / a": "t a-1",
    "g / kWh": "g kW-1 h-1",
}

_COORDINATES = {
    "year": "calendar year (values at the end of the year; flows over the year)",
    "segment": "vehicle segment",
    "powertrain": "powertrain",
    "fuel": "fuel or energy carrier",
    "region": "province",
    "industry_group": "industry group",
    "origin": "maker origin",
    "age": "age in years at the end of the year",
    "draw": "draw of the uncertain inputs",
    "quantile": "quantile over the draws",
}


def _netcdf_bytes(ds) -> bytes:
    """The run as a CF-1.8 NetCDF (classic 64-bit format): UDUNITS units, described coordinates,
    and the global attributes CF asks for."""
    from motorisasi import __version__

    clean = ds.copy()
    for name in ("segment", "powertrain", "fuel", "region", "industry_group", "origin"):
        if name in clean.coords:
            clean[name] = clean[name].astype(str)
    for name, text in _COORDINATES.items():
        if name in clean.coords:
            clean[name].attrs = {**clean[name].attrs, "long_name": text}
    for name, da in clean.data_vars.items():
        unit = da.attrs.get("units")
        if unit is not None and unit in CF_UNITS:
            clean[name].attrs = {**da.attrs, "units": CF_UNITS[unit], "units_pint": unit}
    sources = json.loads(ds.attrs.get("sources", "{}"))
    clean.attrs = {
        "Conventions": "CF-1.8",
        "title": ds.attrs.get("title", "motorisasi results"),
        "institution": "motorisasi (open-source scenario model)",
        "source": f"motorisasi {__version__}, scenario {ds.attrs.get('scenario_name', '')}",
        "history": f"written by motorisasi {__version__}",
        "references": "; ".join(f"{k}: {v}" for k, v in sorted(sources.items()))[:60000],
        **ds.attrs,
    }
    # CF names are letters, digits and underscores: a drawn input's dotted place becomes underscores
    # (kept in full in the attribute ``scenario_field``).
    renamed = {n: re.sub(r"[^A-Za-z0-9_]", "_", n) for n in clean.data_vars if re.search(r"[^A-Za-z0-9_]", n)}
    for old in renamed:
        clean[old].attrs = {**clean[old].attrs, "scenario_field": old.removeprefix("input__")}
    clean = clean.rename(renamed)
    # A coordinate has no missing values, so no fill value (CF 2.5.1).
    encoding = {name: {"_FillValue": None} for name in clean.coords}
    data = clean.to_netcdf(path=None, engine="scipy", format="NETCDF3_64BIT", encoding=encoding)
    return bytes(data) if not isinstance(data, bytes) else data


def file_names(stem: str) -> dict[str, str]:
    """The names of a run's files by format, from a stem already made safe."""
    return {"csv": f"{stem}.csv", "iamc": f"{stem}_iamc.csv", "xlsx": f"{stem}.xlsx", "netcdf": f"{stem}.nc"}


def write_all(ds, out: str | Path | OutputSet, stem: str | None = None) -> dict[str, Path]:
    """Write the four formats into a folder (or an open :class:`OutputSet`), as one set.

    Returns the paths by format. The files are all new or, on an error, all as before.
    """
    names = file_names(safe_stem(str(stem or ds.attrs.get("scenario_name", "scenario"))))
    contents = {
        "csv": lambda: csv_bytes(tidy(ds)),
        "iamc": lambda: csv_bytes(iamc(ds)),
        "xlsx": lambda: _excel_bytes(ds),
        "netcdf": lambda: _netcdf_bytes(ds),
    }
    outset = out if isinstance(out, OutputSet) else None
    folder = outset.folder if outset is not None else Path(out)  # type: ignore[arg-type]
    with writing(folder, names.values(), outset=outset) as files:
        return {key: files.write(names[key], make()) for key, make in contents.items()}
