"""Messages in English and Bahasa Indonesia, and numbers formatted per language.

One catalogue for every label the command line prints in more than one language. A key
missing in one language is a test failure, and so is a placeholder that differs between the
two texts of a key.
"""

from __future__ import annotations

import math
import os

LANGUAGES = ("en", "id")

MESSAGES: dict[str, dict[str, str]] = {
    "gap.title": {
        "en": "Reaching {target} {definition} per 1,000 people by {by} ({country})",
        "id": "Mencapai {target} {definition} per 1.000 penduduk pada {by} ({country})",
    },
    "gap.today": {"en": "Today", "id": "Saat ini"},
    "gap.today.value": {
        "en": "{ownership} per 1,000 in {year}: {stock} registered / {population} people [{flag}; {sources}]",
        "id": "{ownership} per 1.000 pada {year}: {stock} terdaftar / {population} penduduk [{flag}; {sources}]",
    },
    "gap.target": {"en": "Target", "id": "Target"},
    "gap.target.value": {
        "en": "{target} per 1,000 of {population} people in {by} = {stock} vehicles ({extra} more than today)",
        "id": "{target} per 1.000 dari {population} penduduk pada {by} = {stock} kendaraan ({extra} lebih banyak "
        "dari saat ini)",
    },
    "gap.baseline": {"en": "Baseline", "id": "Skenario dasar"},
    "gap.baseline.value": {
        "en": "sales of {sales} a year from {year} (growing {growth} %/yr): {ownership} per 1,000 in {by}; "
        "{reached}",
        "id": "penjualan {sales} per tahun sejak {year} (tumbuh {growth} %/tahun): {ownership} per 1.000 pada "
        "{by}; {reached}",
    },
    "gap.baseline.reached": {"en": "{target} is reached in {year}", "id": "{target} tercapai pada {year}"},
    "gap.baseline.never": {
        "en": "{target} is not reached by {horizon}",
        "id": "{target} tidak tercapai hingga {horizon}",
    },
    "gap.needed": {"en": "Needed", "id": "Yang dibutuhkan"},
    "gap.needed.growth": {
        "en": "sales growing {growth} %/yr from {sales} in {year} to {final} in {by}",
        "id": "penjualan tumbuh {growth} %/tahun dari {sales} pada {year} menjadi {final} pada {by}",
    },
    "gap.needed.smooth": {
        "en": "the smoothest sales path from {sales} in {year} to {final} in {by} (fastest growth {growth} %/yr)",
        "id": "jalur penjualan paling mulus dari {sales} pada {year} menjadi {final} pada {by} (pertumbuhan "
        "tercepat {growth} %/tahun)",
    },
    "gap.infeasible": {
        "en": "NOT FEASIBLE within the bound: {reason}",
        "id": "TIDAK LAYAK dalam batas: {reason}",
    },
    "gap.cumulative": {"en": "Cumulative", "id": "Kumulatif"},
    "gap.cumulative.value": {
        "en": "{sales} vehicles sold {first}-{by}, {extra} more than the baseline",
        "id": "{sales} kendaraan terjual {first}-{by}, {extra} lebih banyak dari skenario dasar",
    },
    "gap.point": {"en": "One more point", "id": "Satu poin lagi"},
    "gap.point.value": {
        "en": "+1 per 1,000 in {by} takes {sales} extra sales that year",
        "id": "+1 per 1.000 pada {by} membutuhkan tambahan penjualan {sales} pada tahun itu",
    },
    "gap.income": {"en": "Income", "id": "Pendapatan"},
    "gap.income.value": {
        "en": "the ownership model reaches the target if GDP per capita grows {growth} %/yr, from ${base} ({year}) to ${final} ({by}, PPP 2021 $); {model}",
        "id": "model kepemilikan mencapai target jika PDB per kapita tumbuh {growth} %/tahun, dari ${base} ({year}) menjadi ${final} ({by}, PPP $ 2021); {model}",
    },
    "gap.income.infeasible": {
        "en": "the ownership model does not reach the target: {reason}; {model}",
        "id": "model kepemilikan tidak mencapai target: {reason}; {model}",
    },
    "gap.income.unavailable": {
        "en": "the ownership model could not be fitted: {reason}",
        "id": "model kepemilikan tidak dapat diestimasi: {reason}",
    },
    "gap.income.model": {
        "en": "Gompertz with partial adjustment fitted to {countries}: saturation {saturation} per 1,000, adjustment {theta} per year",
        "id": "Gompertz dengan penyesuaian parsial diestimasi dari {countries}: saturasi {saturation} per 1.000, penyesuaian {theta} per tahun",
    },
    "gap.industry": {"en": "Industry", "id": "Industri"},
    "gap.industry.value": {
        "en": "in {by}: production {production} (today {production_now}), exports {exports}, Japanese-brand sales {japan}, battery packs {gwh} GWh, direct jobs {jobs} (today {jobs_now})",
        "id": "pada {by}: produksi {production} (saat ini {production_now}), ekspor {exports}, penjualan merek Jepang {japan}, baterai {gwh} GWh, tenaga kerja langsung {jobs} (saat ini {jobs_now})",
    },
    "gap.register": {"en": "Register", "id": "Registrasi"},
    "gap.register.value": {
        "en": "{year}: {stock} registered = modelled fleet {modelled} + unremoved registrations {unremoved}",
        "id": "{year}: {stock} terdaftar = armada model {modelled} + registrasi yang tidak dihapus {unremoved}",
    },
    "gap.col.year": {"en": "year", "id": "tahun"},
    "gap.col.sales": {"en": "sales", "id": "penjualan"},
    "gap.col.retirements": {"en": "retirements", "id": "kendaraan keluar"},
    "gap.col.stock": {"en": "registered fleet", "id": "armada terdaftar"},
    "gap.col.ownership": {"en": "per 1,000", "id": "per 1.000"},
    "gap.assumptions": {"en": "Assumptions", "id": "Asumsi"},
    "gap.col.name": {"en": "name", "id": "nama"},
    "gap.col.value": {"en": "value", "id": "nilai"},
    "gap.col.unit": {"en": "unit", "id": "satuan"},
    "gap.col.reason": {"en": "reason", "id": "alasan"},
    "gap.sources": {"en": "Sources", "id": "Sumber"},
    "gap.cite": {
        "en": "Citations: 'motorisasi data sources ID ...'; all numbers: 'motorisasi gap --json'.",
        "id": "Kutipan: 'motorisasi data sources ID ...'; semua angka: 'motorisasi gap --json'.",
    },
    "gap.read": {
        "en": "Read: the table is the sales path that reaches the target in {by}; ownership counts registered "
        "vehicles, the basis of the official 99 per 1,000.",
        "id": "Cara membaca: tabel adalah jalur penjualan yang mencapai target pada {by}; kepemilikan menghitung "
        "kendaraan terdaftar, dasar angka resmi 99 per 1.000.",
    },
    "definition.four_wheel": {
        "en": "four-wheel-plus vehicles (cars, buses, trucks)",
        "id": "kendaraan roda empat atau lebih (mobil, bus, truk)",
    },
    "definition.passenger_cars": {"en": "passenger cars", "id": "mobil penumpang"},
    "assumption.lifetime_mean": {
        "en": "no Indonesian survival data were found; Held et al. (2021) measured mean car lifespans of 8-35 "
        "years in 31 European countries (18.1 in Western Europe); cars in Indonesia are kept long and hardly "
        "exported",
        "id": "tidak ditemukan data ketahanan kendaraan Indonesia; Held dkk. (2021) mengukur rata-rata umur mobil "
        "8-35 tahun di 31 negara Eropa (18,1 di Eropa Barat); mobil di Indonesia dipakai lama dan hampir "
        "tidak diekspor",
    },
    "assumption.lifetime_std": {
        "en": "normal distribution (truncated at zero), mid-year entry",
        "id": "distribusi normal (terpotong di nol), masuk armada di pertengahan tahun",
    },
    "assumption.unremoved_registrations": {
        "en": "registered vehicles not in the modelled fleet stay in the register (2015-2021: the register grew "
        "by about as much as sales)",
        "id": "kendaraan terdaftar di luar armada model tetap tercatat (2015-2021: jumlah terdaftar bertambah "
        "kira-kira sebanyak penjualan)",
    },
    "assumption.unremoved_registrations.value": {"en": "constant", "id": "tetap"},
    "assumption.max_sales_growth": {
        "en": "bound on year-on-year sales growth",
        "id": "batas pertumbuhan penjualan dari tahun ke tahun",
    },
    "assumption.baseline_sales_growth": {
        "en": "baseline: sales from {year} grow at this rate",
        "id": "skenario dasar: penjualan sejak {year} tumbuh dengan laju ini",
    },
    "assumption.population": {"en": "harmonised population series", "id": "seri penduduk yang diharmonisasi"},
    "assumption.population.value": {
        "en": "World Bank to 2024, UN WPP 2024 medium variant after",
        "id": "Bank Dunia hingga 2024, sesudahnya UN WPP 2024 varian menengah",
    },
    "assumption.passenger_share_of_sales": {
        "en": "mean share of sedan, 4x2, 4x4 and LCGC in GAIKINDO wholesales {years} (derived)",
        "id": "rata-rata pangsa sedan, 4x2, 4x4 dan LCGC dalam penjualan wholesales GAIKINDO {years} (turunan)",
    },
    "unit.years": {"en": "years", "id": "tahun"},
    "unit.%/yr": {"en": "%/yr", "id": "%/tahun"},
    "unit.persons": {"en": "persons", "id": "jiwa"},
    "unit.% of 4+ wheel sales": {"en": "% of 4+ wheel sales", "id": "% penjualan roda 4+"},
    "flag.observed": {"en": "observed", "id": "teramati"},
    "flag.derived": {"en": "derived", "id": "turunan"},
    "flag.adjusted": {"en": "adjusted", "id": "disesuaikan"},
    "flag.filled": {"en": "filled", "id": "diisi"},
    "flag.projected": {"en": "projected", "id": "proyeksi"},
}


def language(choice: str | None = None) -> str:
    """The language to use: the choice, else the environment's locale (LC_ALL, LANG), else English."""
    if choice:
        if choice not in LANGUAGES:
            from motorisasi.errors import MotorisasiError

            raise MotorisasiError(f"--lang: unknown language {choice!r} (use {' or '.join(LANGUAGES)})")
        return choice
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    return "en"


def message(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` with ``values`` filled in."""
    return MESSAGES[key][lang].format(**values)


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the language's separators: 1,234.5 (en) or 1.234,5 (id)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def plain(value: float, lang: str) -> str:
    """A number with as many decimals as it needs (up to 2): 150, 97.25 (en) or 97,25 (id)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def millions(value: float, lang: str, decimals: int = 2) -> str:
    """A count in millions: '27.69 M' (en) or '27,69 juta' (id)."""
    return f"{number(value / 1e6, lang, decimals)} {'juta' if lang == 'id' else 'M'}"
