"""Read and validate a data folder.

Every problem names the file, the row (the line number in the file; the header is row 1)
and the column, so that a user can fix a folder of their own CSV files without reading code.
A problem is a code with parameters (catalogue key ``error.data.CODE``), worded in English
by ``str()`` and in the reader's language by :meth:`Problem.located`.
The reader uses only the standard library so that validation is fast and the line numbers
are exact.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from motorisasi.data import schema
from motorisasi.errors import MotorisasiError, Said


class DataError(MotorisasiError):
    """A data folder breaks the format (the message names file, row and column)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data folder: where it is, and what (``code`` and its parameters,
    worded from the catalogue's ``error.data.CODE``)."""

    file: str
    row: int | None
    column: str | None
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return self.located()

    @property
    def said(self) -> Said:
        """What is wrong, as a code with parameters."""
        return Said(f"error.data.{self.code}", self.params, self.code)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.worded("en")

    def worded(self, lang: str = "en") -> str:
        """What is wrong, in ``lang``."""
        from motorisasi.outputs.messages import said

        return said(self.said, lang)

    def where(self, folder: str | Path | None = None) -> Said:
        """File, row and column as a code with parameters; with ``folder``, a CSV file's name is
        given with its folder."""
        file = (
            str(Path(folder) / self.file) if folder is not None and self.file.endswith(".csv") else self.file
        )
        code = (
            "error.data.at"
            + ("_row" if self.row is not None else "")
            + ("_column" if self.column is not None else "")
        )
        return Said(code, {"file": file, "row": self.row, "column": self.column})

    def located(self, folder: str | Path | None = None, lang: str = "en") -> str:
        """The problem as one line in ``lang``; with ``folder``, file names are given with their folder."""
        from motorisasi.outputs.messages import said

        return f"{said(self.where(folder), lang)}: {self.worded(lang)}"


@dataclass
class Folder:
    """The parsed content of a data folder (rows as dictionaries of strings, plus parsed fields)."""

    path: Path
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    series: dict[str, dict[str, str]] = field(default_factory=dict)
    brands: dict[str, str] = field(default_factory=dict)
    registers: dict[str, dict[str, str]] = field(default_factory=dict)
    values: list[dict[str, object]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


#: Largest CSV file read from a data folder (the largest embedded one is well under 1 MB).
MAX_CSV_BYTES = 200_000_000
_COUNTRY = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
# Control characters (tab excepted): invisible, and no spreadsheet or XML file can hold most of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _read_csv(path: Path, columns: Iterable[str], required: Iterable[str], problems: list[Problem]):
    """Yield (line number, row) of a CSV file after checking its header."""
    name = path.name
    if not path.is_file():  # a pipe or a device could be endless
        problems.append(Problem(name, None, None, "not_regular_file"))
        return
    if path.stat().st_size > MAX_CSV_BYTES:
        problems.append(Problem(name, None, None, "too_large", {"limit": MAX_CSV_BYTES}))
        return
    try:
        # utf-8-sig: a file saved by Excel as "CSV UTF-8" starts with a byte-order mark.
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        problems.append(Problem(name, None, None, "unreadable", {"reason": str(exc.strerror)}))
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            problems.append(Problem(name, None, None, "empty_file"))
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(Problem(name, 1, None, "not_utf8_csv", {"reason": str(exc)}))
            return
        header = [h.strip() for h in header]
        twice = [h for i, h in enumerate(header) if h in header[:i]]
        if twice:
            problems.append(Problem(name, 1, twice[0], "column_twice"))
            return
        missing = [c for c in required if c not in header]
        if missing:
            problems.append(Problem(name, 1, missing[0], "column_missing", {"header": ", ".join(header)}))
            return
        known = set(columns)
        for column in header:
            if column not in known:
                problems.append(Problem(name, 1, column, "unknown_column", {"known": ", ".join(columns)}))
        index = {c: header.index(c) for c in columns if c in header}
        try:
            for line, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(header):
                    counts = {"cells": len(cells), "header": len(header)}
                    problems.append(Problem(name, line, None, "cell_count", counts))
                    continue
                row = {c: cells[i].strip() for c, i in index.items()}
                bad = next((c for c, v in row.items() if _CONTROL.search(v)), None)
                if bad is not None:
                    char = _CONTROL.search(row[bad]).group()  # type: ignore[union-attr]
                    problems.append(
                        Problem(name, line, bad, "control_character", {"char": f"U+{ord(char):04X}"})
                    )
                    continue
                yield line, row
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(Problem(name, None, None, "not_utf8_csv", {"reason": str(exc)}))


def read_folder(path: str | Path, reference: Folder | None = None) -> tuple[Folder, list[Problem]]:
    """Parse and check a data folder; return its content and every problem found.

    ``reference`` is the folder a user folder is laid over (the embedded data): source ids
    and series may then resolve there, and ``sources.csv`` / ``series.csv`` are optional.
    """
    folder = Folder(Path(path))
    problems: list[Problem] = []
    if not folder.path.is_dir():
        return folder, [Problem(str(path), None, None, "not_folder")]

    def meta(name: str, columns, required) -> Iterable[tuple[int, dict[str, str]]]:
        file = folder.path / name
        if not file.exists():
            if reference is None and name not in (schema.BRAND_ORIGIN_FILE, schema.REGISTER_DEFINITIONS_FILE):
                problems.append(Problem(name, None, None, "file_missing"))
            return ()
        folder.files.append(name)
        return _read_csv(file, columns, required, problems)

    for line, row in meta(schema.SOURCES_FILE, schema.SOURCE_COLUMNS, schema.SOURCE_REQUIRED):
        sid = row["source_id"]
        for column in schema.SOURCE_REQUIRED:
            if not row[column]:
                problems.append(Problem(schema.SOURCES_FILE, line, column, "empty"))
        if sid in folder.sources:
            problems.append(
                Problem(schema.SOURCES_FILE, line, "source_id", "duplicate_source", {"source_id": sid})
            )
        if row["accessed"] and not _DATE.fullmatch(row["accessed"]):
            problems.append(
                Problem(schema.SOURCES_FILE, line, "accessed", "not_date", {"text": row["accessed"]})
            )
        if sid:
            folder.sources[sid] = row

    for line, row in meta(schema.SERIES_FILE, schema.SERIES_COLUMNS, schema.SERIES_REQUIRED):
        name = row["series"]
        for column in schema.SERIES_REQUIRED:
            if not row[column]:
                problems.append(Problem(schema.SERIES_FILE, line, column, "empty"))
        if name in folder.series:
            problems.append(Problem(schema.SERIES_FILE, line, "series", "duplicate_series", {"series": name}))
        if row["kind"] and row["kind"] not in schema.KINDS:
            known = ", ".join(schema.KINDS)
            problems.append(
                Problem(
                    schema.SERIES_FILE, line, "kind", "unknown_kind", {"kind": row["kind"], "known": known}
                )
            )
        if row["unit"] and row["unit"] not in schema.UNITS:
            problems.append(
                Problem(schema.SERIES_FILE, line, "unit", "unknown_unit", _unknown_unit(row["unit"]))
            )
        if name:
            folder.series[name] = row

    for _line, row in meta(schema.BRAND_ORIGIN_FILE, schema.BRAND_COLUMNS, schema.BRAND_COLUMNS):
        folder.brands[row["brand"]] = row["origin"]

    sources = dict(reference.sources) if reference else {}
    sources.update(folder.sources)
    reg_file = schema.REGISTER_DEFINITIONS_FILE
    for line, row in meta(reg_file, schema.REGISTER_COLUMNS, schema.REGISTER_REQUIRED):
        for column in schema.REGISTER_REQUIRED:
            if not row[column]:
                problems.append(Problem(reg_file, line, column, "empty"))
        country, definition = row["country"], row["definition"]
        if country and not _COUNTRY.fullmatch(country):
            problems.append(Problem(reg_file, line, "country", "not_alpha3", {"country": country}))
        elif country in folder.registers:
            problems.append(Problem(reg_file, line, "country", "duplicate_country", {"country": country}))
        if definition and definition not in schema.REGISTER_DEFINITIONS:
            params = {"definition": definition, "known": ", ".join(schema.REGISTER_DEFINITIONS)}
            problems.append(Problem(reg_file, line, "definition", "unknown_definition", params))
        for sid in filter(None, row["source_id"].split(";")):
            if sid not in sources:
                problems.append(Problem(reg_file, line, "source_id", "unknown_source", {"source_id": sid}))
        for year in filter(None, row.get("break_years", "").split(";")):
            if not year.strip().isdigit() or not schema.YEAR_MIN <= int(year) <= schema.YEAR_MAX:
                problems.append(Problem(reg_file, line, "break_years", "not_year", {"text": year}))
        if country:
            folder.registers[country] = row
    catalogue = dict(reference.series) if reference else {}
    catalogue.update(folder.series)

    value_files = sorted(p for p in folder.path.glob("*.csv") if p.name not in schema.META_FILES)
    if not value_files and reference is None:
        problems.append(Problem(str(folder.path), None, None, "no_value_files"))
    seen: dict[tuple, tuple[str, int]] = {}
    for file in value_files:
        folder.files.append(file.name)
        for line, row in _read_csv(file, schema.VALUE_COLUMNS, schema.VALUE_REQUIRED, problems):
            parsed = _check_value_row(file.name, line, row, sources, catalogue, problems)
            if parsed is None:
                continue
            key = tuple(parsed[c] for c in schema.VALUE_KEY)
            if key in seen:
                first = seen[key]
                params = {"file": first[0], "row": first[1]}
                problems.append(Problem(file.name, line, "year", "duplicate_row", params))
                continue
            seen[key] = (file.name, line)
            folder.values.append(parsed)

    problems.extend(_check_harmonised(folder.values, catalogue))
    return folder, problems


def _unknown_unit(unit: str) -> dict[str, object]:
    return {"unit": unit, "known": ", ".join(schema.UNITS)}


def _check_value_row(file, line, row, sources, catalogue, problems) -> dict[str, object] | None:
    ok = True

    def bad(column: str, code: str, **params: object) -> None:
        nonlocal ok
        ok = False
        problems.append(Problem(file, line, column, code, params))

    for column in schema.VALUE_REQUIRED:
        if column != "year" and not row.get(column):
            bad(column, "empty")
    if not ok:
        return None
    if not _COUNTRY.fullmatch(row["country"]):
        bad("country", "not_country_code", country=row["country"])
    series = row["series"]
    entry = catalogue.get(series)
    if entry is None:
        bad("series", "unknown_series", series=series, file=schema.SERIES_FILE)
    year: int | None = None
    if row["year"]:
        try:
            year = int(row["year"])
        except ValueError:
            bad("year", "not_whole_year", text=row["year"])
        else:
            if not schema.YEAR_MIN <= year <= schema.YEAR_MAX:
                bad("year", "year_outside", year=year, first=schema.YEAR_MIN, last=schema.YEAR_MAX)
    try:
        # float() would accept "1_000"; a data file should not.
        value = float(row["value"].replace("_", "x"))
    except ValueError:
        bad("value", "not_number", text=row["value"])
        value = math.nan
    else:
        if not math.isfinite(value):
            bad("value", "not_finite", text=row["value"])
    unit = row["unit"]
    if unit not in schema.UNITS:
        bad("unit", "unknown_unit", **_unknown_unit(unit))
    else:
        if entry is not None and entry.get("unit") and unit != entry["unit"]:
            bad(
                "unit",
                "unit_differs",
                unit=unit,
                series=series,
                file=schema.SERIES_FILE,
                expected=entry["unit"],
            )
        if not schema.UNITS[unit] and value < 0:
            bad("value", "negative", text=row["value"], unit=unit)
        elif value > schema.UNIT_MAX.get(unit, math.inf):
            # The limit as Python's shortest form (1e+10, 150000), as the English has always shown it.
            bad("value", "too_big", text=row["value"], unit=unit, limit=f"{schema.UNIT_MAX[unit]:g}")
    ids = [s.strip() for s in row["source_id"].split(";")]
    for sid in ids:
        if sid not in sources:
            bad("source_id", "source_not_listed", source_id=sid, file=schema.SOURCES_FILE)
    flag = row.get("flag") or "observed"
    if flag not in schema.FLAGS:
        bad("flag", "unknown_flag", flag=flag, known=", ".join(schema.FLAGS))
    if not ok:
        return None
    return {
        "country": row["country"],
        "region": row.get("region", ""),
        "series": series,
        "category": row.get("category", ""),
        "year": year,
        "value": value,
        "unit": unit,
        "source_id": ";".join(ids),
        "flag": flag,
        "note": row.get("note", ""),
        "_file": file,
        "_row": line,
    }


def _check_harmonised(values, catalogue) -> list[Problem]:
    """Harmonised series: one value per year, no gap, the whole history window, allowed flags."""
    problems: list[Problem] = []
    groups: dict[tuple, list[dict[str, object]]] = defaultdict(list)
    for row in values:
        if catalogue.get(row["series"], {}).get("kind") == "harmonised":
            groups[(row["country"], row["series"], row["region"], row["category"])].append(row)
    end = schema.HISTORY_WINDOW[1]
    for (country, series, region, category), rows in groups.items():
        where = (f" {region}" if region else "") + (f" ({category})" if category else "")
        label = Said("error.data.harmonised", {"series": series, "country": country, "where": where})
        by_year: dict[int, dict[str, object]] = {}
        for row in rows:
            if row["flag"] not in schema.HARMONISED_FLAGS:
                params = {"flag": row["flag"], "series": label}
                problems.append(
                    Problem(str(row["_file"]), int(row["_row"]), "flag", "flag_not_allowed", params)
                )
            year = row["year"]
            if year is None:
                problems.append(
                    Problem(str(row["_file"]), int(row["_row"]), "year", "needs_year", {"series": label})
                )
            elif year in by_year:
                params = {"series": label, "year": year}
                problems.append(Problem(str(row["_file"]), int(row["_row"]), "year", "two_values", params))
            else:
                by_year[year] = row  # type: ignore[index]
        if not by_year:
            continue
        first, last = min(by_year), max(by_year)
        gaps = [y for y in range(first, last + 1) if y not in by_year]
        anchor = rows[0]
        file, line = str(anchor["_file"]), int(anchor["_row"])
        if gaps:
            problems.append(Problem(file, line, "year", "gaps", {"series": label, "years": _years(gaps)}))
        # A run starts each segment's history at the first year of its sales, so a series may
        # begin late; it must reach the window's end, which the base year builds on.
        if last < end:
            params = {"series": label, "first": first, "last": last, "end": end}
            problems.append(Problem(file, line, "year", "short_window", params))
    return problems


def _years(years: list[int]) -> str | Said:
    shown = ", ".join(str(y) for y in years[:6])
    if len(years) <= 6:
        return shown
    return Said("error.data.years_more", {"years": shown, "more": len(years) - 6})


def check_folder(path: str | Path, reference: Folder | None = None) -> Folder:
    """Read a folder and raise :class:`DataError` naming the first problem (and how many there are)."""
    folder, problems = read_folder(path, reference)
    if problems:
        first = {"where": problems[0].where(path), "problem": problems[0].said}
        if len(problems) > 1:
            raise DataError(code="data.problems", **first, more=len(problems) - 1, folder=str(path))
        raise DataError(code="data.problem", **first)
    return folder
