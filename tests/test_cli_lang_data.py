"""``motorisasi data ...``, ``ownership fit`` and ``demo`` in English and Bahasa Indonesia (``--lang``)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from motorisasi.data import catalog
from motorisasi.data.definitions import BASES, DEFINITIONS
from motorisasi.data.store import _embedded, open_data
from motorisasi.outputs.cli import app
from motorisasi.outputs.cli_data import flag_name, kind_name
from motorisasi.outputs.messages import MESSAGES

runner = CliRunner()
WIDE = {"COLUMNS": "240"}
# 1.151.291 (id) or 1,151,291 (en): at least one thousands separator.
ID_THOUSANDS = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b(?![,.]\d)")
EN_THOUSANDS = re.compile(r"\b\d{1,3}(?:,\d{3})+\b(?![,.]\d)")


def _invoke(args, env=None, code=0):
    result = runner.invoke(app, args, env={**WIDE, **(env or {})})
    assert result.exit_code == code, result.output
    return result.output


def _words(output: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z.\-]*", output))


def _header(output: str, first: str) -> list[str]:
    """The cells of the header line whose first cell is ``first`` (boxed or simple tables)."""
    for line in output.splitlines():
        cells = [c.strip() for c in re.split(r"[┃│]|\s{2,}", line) if c.strip()]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no header starting {first!r} in:\n{output}")


def _no_leak(output: str, english: list[str]) -> None:
    leaked = [w for w in english if re.search(rf"(?<![\w_-]){re.escape(w)}(?![\w_-])", output)]
    assert not leaked, f"English interface text in the Indonesian output: {leaked}\n{output}"


# --- data list ----------------------------------------------------------------------------------


def test_data_list_in_indonesian_names_columns_kinds_and_undated_series():
    out = _invoke(["data", "list", "--lang", "id"])
    rows = f"{len(catalog()):,}".replace(",", ".")  # Indonesian groups thousands with a point
    assert f"{catalog()['series'].nunique()} seri ({rows} baris" in out
    assert _header(out, "seri") == [
        "seri",
        "negara",
        "jenis",
        "satuan",
        "cakupan",
        "jumlah nilai",
        "keterangan",
    ]
    assert "tanpa tahun" in out and "undated" not in out
    kinds = {line.split("│")[3].strip() for line in out.splitlines() if line.count("│") > 7}
    assert {"mentah", "turunan", "harmonisasi", "regulasi"} <= kinds
    assert not kinds & {"raw", "derived", "harmonised", "regulation", "statement"}


def test_data_list_kind_filter_takes_the_stored_or_the_indonesian_name():
    stored = _invoke(["data", "list", "--kind", "derived", "--lang", "id"])
    named = _invoke(["data", "list", "--kind", "turunan", "--lang", "id"])
    assert stored == named
    n = int(catalog().loc[catalog()["kind"] == "derived", "series"].nunique())
    assert n > 0 and f"{n} seri" in named


def test_data_list_in_english_is_unchanged():
    out = _invoke(["data", "list", "--kind", "harmonised", "--lang", "en"])
    assert f"{catalog().loc[catalog()['kind'] == 'harmonised', 'series'].nunique()} series" in out
    assert _header(out, "series") == ["series", "country", "kind", "unit", "years", "values", "description"]


# --- data show ----------------------------------------------------------------------------------


def _row(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.strip().startswith(start))


def test_data_show_in_indonesian():
    out = _invoke(["data", "show", "car_sales", "--lang", "id"])
    assert out.splitlines()[0].strip() == "car_sales (IDN), vehicles — harmonisasi"  # unit stays as stored
    assert _header(out, "tahun") == ["tahun", "nilai", "penanda", "sumber", "catatan"]
    assert "1.151.291" in _row(out, "2018") and "1,151,291" not in out
    assert "teramati" in _row(out, "1997")
    assert "diisi" in _row(out, "2002")
    # The note is the data's own text and stays as it is.
    assert "observed: wholesales_gaikindo" in _row(out, "1997")
    assert "\nSumber:\n" in out and "jakartapost-01:" in out
    _no_leak(out, ["Sources:", "value", "flag", "note"])
    assert ID_THOUSANDS.search(out) and not EN_THOUSANDS.search(out)


def test_data_show_decimals_follow_the_language():
    series = "bev_battery_capacity"
    out_id = _invoke(["data", "show", series, "--lang", "id"])
    out_en = _invoke(["data", "show", series, "--lang", "en"])
    assert _header(out_id, "kategori")[:3] == ["kategori", "tahun", "nilai"]
    assert _header(out_en, "category")[:3] == ["category", "year", "value"]
    assert "49,92" in out_id and "49.92" in out_en


def test_data_show_in_english_is_unchanged():
    out = _invoke(["data", "show", "car_sales", "--lang", "en"])
    assert _header(out, "year") == ["year", "value", "flag", "source", "note"]
    assert "filled" in _row(out, "2002") and "386,691" in _row(out, "1997")
    assert "\nSources:\n" in out


# --- data sources -------------------------------------------------------------------------------


def test_data_sources_in_indonesian_keeps_the_citation():
    out = _invoke(["data", "sources", "bps-02", "--lang", "id"])
    assert out.splitlines()[0].strip() == "1 sumber"
    assert _header(out, "id") == ["id", "penerbit", "kutipan", "url", "diakses", "lisensi"]
    assert "BPS-Statistics Indonesia" in out and "Perkembangan Jumlah" in out
    _no_leak(out, ["sources", "publisher", "citation", "accessed", "licence"])
    en = _invoke(["data", "sources", "bps-02", "--lang", "en"])
    assert "1 sources" in en
    assert _header(en, "id") == ["id", "publisher", "citation", "url", "accessed", "licence"]


# --- data ownership -----------------------------------------------------------------------------

ROW = re.compile(r"^\s*(\d+)\s{2,}(.+?)\s{2,}(.+?)\s{2,}(\d{4})\s+(?:([\d.,]+)\s+)?([\d.,]+)\s{2,}(\S+)\s*$")


def _ownership_rows(output: str) -> dict[int, tuple[str, ...]]:
    return {int(m.group(1)): m.groups()[1:] for line in output.splitlines() if (m := ROW.match(line))}


@pytest.fixture(scope="module")
def ownership_id():
    return _invoke(["data", "ownership", "--year", "2024", "--lang", "id"])


@pytest.fixture(scope="module")
def ownership_en():
    return _invoke(["data", "ownership", "--year", "2024", "--lang", "en"])


def test_data_ownership_in_indonesian(ownership_id):
    out = ownership_id
    assert "Kendaraan per 1.000 penduduk, IDN, 2024" in out
    assert _header(out, "#") == [
        "#",
        "yang dihitung",
        "sumber",
        "tahun",
        "juta kendaraan",
        "per 1.000",
        "penanda",
    ]
    rows = _ownership_rows(out)
    assert ("mobil penumpang", "BPS", "2024", "20,4", "72,1", "teramati") in rows.values()
    assert ("mobil+bus+truk", "kepolisian", "2024", "26,6", "93,8", "turunan") in rows.values()
    assert ("tidak disebutkan", "pernyataan", "2024", None, "99,0", "pernyataan") in rows.values()
    assert "1. passenger_cars_registered, penduduk 283,49 juta [bps-02, worldbank-01]" in out
    assert "\nSumber:\n" in out
    assert "  kepolisian: terdaftar, catatan Korlantas Polri" in out
    assert "paling jauh 5 tahun" in out
    _no_leak(
        out,
        [
            "Vehicles",
            "what is counted",
            "passenger cars",
            "police",
            "population",
            "observed",
            "derived",
            "not stated",
            "Sources:",
            "M = million",
            "registered,",
            "Rows:",
        ],
    )


def test_data_ownership_gives_the_same_numbers_in_both_languages(ownership_id, ownership_en):
    rows_id, rows_en = _ownership_rows(ownership_id), _ownership_rows(ownership_en)
    assert len(rows_id) == len(rows_en) >= 10

    def as_en(text):
        return None if text is None else text.replace(".", "").replace(",", ".")

    for i, row in rows_en.items():
        # year, vehicles (million) and per 1,000 agree once the separators are swapped back
        assert (row[2], row[3], row[4]) == (rows_id[i][2], as_en(rows_id[i][3]), as_en(rows_id[i][4]))
    assert "Vehicles per 1,000 people, IDN, 2024" in ownership_en
    assert "passenger_cars_registered, population 283.49 M [bps-02, worldbank-01]" in ownership_en
    assert "M = million" in ownership_en and "\nSources:\n" in ownership_en


def test_data_ownership_without_data_says_so_in_the_language():
    out = _invoke(["data", "ownership", "--year", "1900", "--lang", "id"], code=2)
    expected = "error: Tidak ada data armada atau penduduk untuk IDN dalam rentang 5 tahun dari 1900."
    assert out.strip() == expected


# --- data check ---------------------------------------------------------------------------------


def test_data_check_in_indonesian(tmp_path):
    from tests.test_data_validate import _values, make_folder

    good = _invoke(["data", "check", str(make_folder(tmp_path / "ok")), "--standalone", "--lang", "id"])
    assert re.search(r": lolos pemeriksaan \(\d+ berkas, \d+ nilai, \d+ sumber, \d+ seri\)", good), good
    embedded = _invoke(["data", "check", str(_embedded().path), "--standalone", "--lang", "id"])
    assert re.search(r"\(\d+ berkas, \d{1,3}(?:\.\d{3})+ nilai,", embedded), embedded
    rows = _values()
    rows[0] = {**rows[0], "unit": "cars"}
    rows.append({**rows[1], "series": "cars", "year": "20x0"})
    bad = make_folder(tmp_path / "two", values=rows)
    out = _invoke(["data", "check", str(bad), "--standalone", "--lang", "id"], code=1)
    assert "2 masalah di " in out and "problems" not in out


# --- ownership fit ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fit_id():
    return _invoke(["ownership", "fit", "--lang", "id"])


def test_ownership_fit_in_indonesian(fit_id):
    out = fit_id
    panel = "IDN, JPN, THA, MYS, KOR, PHL, IND, VNM"
    assert f"Model kepemilikan (penyesuaian parsial), four_wheel, {panel}" in out
    assert _header(out, "parameter") == ["parameter", "estimasi", "galat baku", "selang 95 %", "satuan"]
    saturation = _row(out, "saturasi")
    assert re.search(r"\d+(,\d+)? hingga \d+(,\d+)?\s+kendaraan per 1\.000 penduduk$", saturation.rstrip()), (
        saturation
    )
    assert _row(out, "theta").rstrip().endswith("per tahun")
    assert _row(out, "beta[IDN]").rstrip().endswith("per ribu $")
    flat = " ".join(out.split())
    assert re.search(
        r"\d+ observasi; satu langkah ke depan .*: RMSE \d+,\d\d per 1\.000, R² 0,\d{4}", flat
    ), out
    assert re.search(
        r"IDN: RMSE satu langkah \d+,\d\d per 1\.000, \d{4}-\d{4}; disimulasikan dari \d{4} .*MAE \d+,\d\d",
        flat,
    )
    assert "seri: four_wheel_registered" in flat
    _no_leak(
        out, ["Ownership model", "estimate", "std. error", "interval", "saturation", "to", "observations"]
    )
    _no_leak(out, ["per year", "per thousand", "series:", "vehicles per 1,000"])


def test_ownership_fit_in_english_and_json_is_the_same_in_both_languages():
    out = _invoke(["ownership", "fit", "--lang", "en"])
    assert "Ownership model (partial adjustment), four_wheel" in out
    assert _header(out, "parameter") == ["parameter", "estimate", "std. error", "95 % interval", "unit"]
    assert re.search(r"\d+(\.\d+)? to \d+(\.\d+)?\s+vehicles per 1,000$", _row(out, "saturation").rstrip())
    as_json = [_invoke(["ownership", "fit", "--json", "--lang", lang]) for lang in ("en", "id")]
    assert as_json[0] == as_json[1]
    assert "saturation" in json.loads(as_json[1])["params"]


# --- demo ---------------------------------------------------------------------------------------

DEMO = ["demo", "--years", "30", "--sales", "1000000", "--growth", "0.04", "--every", "29"]


def _demo_rows(output: str) -> list[list[str]]:
    cells = [[c.strip() for c in line.strip().strip("│").split("│")] for line in output.splitlines()]
    return [row for row in cells if row[0].isdigit()]


def test_demo_in_indonesian():
    out = _invoke([*DEMO, "--lang", "id"])
    assert "Masukan ilustratif (asumsi, bukan data)" in out
    assert _header(out, "nama") == ["nama", "nilai", "satuan", "alasan"]
    assert "Perputaran stok armada" in out
    assert _header(out, "tahun") == [
        "tahun",
        "penjualan",
        "kendaraan keluar",
        "armada",
        "umur rata-rata (tahun)",
        "penjualan, berbasis stok",
    ]
    inputs = {row[0]: row[1:] for row in (_demo_row_cells(line) for line in out.splitlines()) if row}
    assert inputs["penjualan tahun ke-1"] == ["1.000.000", "kendaraan/tahun", "ilustratif"]
    assert inputs["pertumbuhan penjualan"] == ["4,0%", "per tahun", "ilustratif"]
    assert inputs["distribusi umur pakai"][0] == "normal (rata-rata 15, simpangan baku 5)"
    assert inputs["waktu masuk dalam tahun penjualan"][-1] == "konvensi: kendaraan masuk pada 1 Juli"
    rows = _demo_rows(out)
    assert [row[0] for row in rows] == ["1", "30"]
    assert rows[0][1] == rows[0][-1] == "1.000.000"
    assert re.fullmatch(r"\d+,\d", rows[1][4]) and ID_THOUSANDS.fullmatch(rows[1][3])
    assert re.search(r"Sisa neraca massa terbesar: \d,\de-\d+ kendaraan;", out.replace("\n", " "))
    _no_leak(
        out,
        ["Illustrative", "Stock turnover", "sales", "retirements", "fleet", "illustrative", "convention"],
    )
    _no_leak(out, ["vehicles", "per year", "mean", "std", "Largest"])


def _demo_row_cells(line: str) -> list[str]:
    if not line.startswith("│"):
        return []
    return [c.strip() for c in line.strip().strip("│").split("│")]


def test_demo_in_english_is_unchanged():
    out = _invoke([*DEMO, "--lang", "en"])
    assert "Illustrative inputs (assumptions, not data)" in out
    assert "normal (mean 15, std 5)" in out and "4.0%" in out
    assert "convention: vehicles enter on 1 July" in out
    rows = _demo_rows(out)
    assert rows[0][1] == rows[0][-1] == "1,000,000"
    assert "Largest mass-balance residual" in out


def test_the_language_defaults_from_the_locale():
    env = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "id_ID.UTF-8"}
    assert "Masukan ilustratif" in _invoke(DEMO, env=env)
    assert "1 sumber" in _invoke(["data", "sources", "bps-02"], env=env)
    env["LANG"] = "en_US.UTF-8"
    assert "Illustrative inputs" in _invoke(DEMO, env=env)


@pytest.mark.parametrize(
    "args", [["data", "list"], ["data", "show", "car_sales"], ["ownership", "fit"], ["demo"]]
)
def test_an_unknown_language_is_one_error_line(args):
    result = runner.invoke(app, [*args, "--lang", "fr"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: --lang: unknown language 'fr'")
    assert len(result.output.strip().splitlines()) == 1


# --- the catalogue covers every label these commands name ------------------------------------


def test_every_definition_count_kind_and_flag_has_both_languages():
    for key, text in DEFINITIONS.items():
        assert MESSAGES[f"data.definition.{key}"]["en"] == text
    for key, (text, meaning) in BASES.items():
        assert MESSAGES[f"data.basis.{key}"]["en"] == text
        assert MESSAGES[f"data.basis.{key}.meaning"]["en"] == meaning
    store = open_data()
    for kind in set(store.series["kind"]):
        assert f"data.kind.{kind}" in MESSAGES, kind
    for flag in set(store.values["flag"]):
        assert f"flag.{flag}" in MESSAGES or f"data.flag.{flag}" in MESSAGES, flag
    assert kind_name("harmonised", "id") == "harmonisasi"
    assert flag_name("filled", "id") == "diisi" and flag_name("statement", "id") == "pernyataan"


def test_an_unknown_kind_is_an_error_not_an_empty_list():
    from typer.testing import CliRunner

    from motorisasi.outputs.cli import app

    result = CliRunner().invoke(app, ["data", "list", "--kind", "foo"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: --kind: unknown kind 'foo' (use ")
    assert "harmonised" in result.output
