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
    "name.segment.cars": {"en": "cars", "id": "mobil"},
    "name.segment.commercial": {"en": "commercial vehicles", "id": "kendaraan niaga"},
    "name.segment.motorcycles": {"en": "motorcycles", "id": "sepeda motor"},
    "name.group.four_wheel": {"en": "four-wheel+", "id": "roda empat+"},
    "name.group.motorcycles": {"en": "motorcycles", "id": "sepeda motor"},
    "name.fuel.gasoline": {"en": "gasoline", "id": "bensin"},
    "name.fuel.diesel": {"en": "diesel", "id": "solar"},
    "name.fuel.electricity": {"en": "electricity", "id": "listrik"},
    "run.status": {"en": "Running the scenario...", "id": "Menjalankan skenario..."},
    "run.status.files": {"en": "Writing the result files...", "id": "Menulis berkas hasil..."},
    "run.title": {
        "en": "motorisasi scenario {name} ({country})",
        "id": "Skenario motorisasi {name} ({country})",
    },
    "run.read": {
        "en": "{base}: observed registered fleet and sales; energy and CO2 are modelled from {next}. "
        "Units and sources are in the files ('sources' sheet, NetCDF attributes).",
        "id": "{base}: armada terdaftar dan penjualan adalah data teramati; energi dan CO2 dimodelkan mulai {next}. "
        "Satuan dan sumber tercantum dalam berkas hasil (lembar 'sources', atribut NetCDF).",
    },
    "run.wrote": {"en": "Wrote: {paths}", "id": "Berkas ditulis: {paths}"},
    "run.note.over_capacity": {
        "en": "note: {group}: production exceeds capacity in {years}",
        "id": "catatan: {group}: produksi melebihi kapasitas pada {years}",
    },
    "run.note.units_target_above_sales": {
        "en": "note: {segment}: absolute targets exceed total sales (capped at all sales) in {years}",
        "id": "catatan: {segment}: target absolut melebihi total penjualan (dibatasi sebesar seluruh "
        "penjualan) pada {years}",
    },
    "run.note.shares_scaled_down": {
        "en": "note: {segment}: powertrain shares add up to more than one (scaled down) in {years}",
        "id": "catatan: {segment}: jumlah pangsa powertrain melebihi 100% (diperkecil secara proporsional) "
        "pada {years}",
    },
    "run.ind.four_wheel_per_1000": {
        "en": "4-wheel+ vehicles per 1,000 (registered)",
        "id": "kepemilikan roda empat+ per 1.000 penduduk (terdaftar)",
    },
    "run.ind.motorcycles_per_1000": {
        "en": "motorcycles per 1,000 (registered)",
        "id": "kepemilikan sepeda motor per 1.000 penduduk (terdaftar)",
    },
    "run.ind.fleet": {"en": "registered fleet, million", "id": "armada terdaftar, juta"},
    "run.ind.sales": {"en": "sales, million per year", "id": "penjualan, juta per tahun"},
    "run.ind.plugin_sales": {
        "en": "plug-in share of {segment} sales, %",
        "id": "pangsa plug-in dalam penjualan {segment}, %",
    },
    "run.ind.plugin_stock": {
        "en": "plug-in share of {segment} in use, %",
        "id": "pangsa plug-in dalam armada {segment} yang beroperasi, %",
    },
    "run.ind.energy": {"en": "{fuel}, PJ", "id": "konsumsi {fuel}, PJ"},
    "run.ind.co2_ttw": {"en": "CO2 tank-to-wheel, Mt", "id": "emisi CO2 tank-to-wheel, juta ton"},
    "run.ind.co2_wtw": {"en": "CO2 incl. electricity, Mt", "id": "emisi CO2 termasuk listrik, juta ton"},
    "run.ind.production": {"en": "{group}: production, million", "id": "{group}: produksi, juta"},
    "run.ind.exports": {"en": "{group}: exports, million", "id": "{group}: ekspor, juta"},
    "run.ind.jobs": {"en": "{group}: direct jobs, thousand", "id": "{group}: tenaga kerja langsung, ribu"},
    "run.ind.local_content": {"en": "local content, IDR trillion", "id": "nilai kandungan lokal, triliun Rp"},
    "run.ind.fuel_subsidy": {"en": "fuel subsidy, IDR trillion", "id": "subsidi BBM, triliun Rp"},
    "run.ind.tax_incentives": {"en": "tax incentives, IDR trillion", "id": "insentif pajak, triliun Rp"},
    "run.ind.battery": {"en": "battery packs sold, GWh", "id": "kapasitas baterai kendaraan terjual, GWh"},
    "run.ind.nickel": {"en": "nickel in new batteries, kt", "id": "nikel dalam baterai baru, ribu ton"},
    "compare.status": {"en": "Running the scenarios...", "id": "Menjalankan semua skenario..."},
    "compare.too_few": {
        "en": "compare: give at least two scenarios",
        "id": "compare: sebutkan paling sedikit dua skenario",
    },
    "compare.col.scenario": {"en": "scenario", "id": "skenario"},
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
    "chart.year": {"en": "year", "id": "tahun"},
    "chart.age": {"en": "age, years since sale", "id": "umur, tahun sejak dijual"},
    "chart.source": {
        "en": "Source: motorisasi {version}, scenario {scenario}; data: {publishers}",
        "id": "Sumber: motorisasi {version}, skenario {scenario}; data: {publishers}",
    },
    "chart.ownership.title": {
        "en": "Registered four-wheel-plus vehicles per 1,000 people",
        "id": "Kendaraan roda empat atau lebih terdaftar per 1.000 penduduk",
    },
    "chart.ownership.short": {
        "en": "Four-wheel-plus vehicles per 1,000",
        "id": "Roda empat+ per 1.000 penduduk",
    },
    "chart.per_1000": {"en": "vehicles per 1,000 people", "id": "kendaraan per 1.000 penduduk"},
    "chart.four_wheel": {"en": "this scenario", "id": "skenario ini"},
    "chart.target": {"en": "target {value}", "id": "target {value}"},
    "chart.fleet.title": {
        "en": "Fleet in use by powertrain: {segment}",
        "id": "Armada yang beroperasi menurut jenis penggerak: {segment}",
    },
    "chart.sales.title": {
        "en": "New sales by powertrain: {segment}",
        "id": "Penjualan baru menurut jenis penggerak: {segment}",
    },
    "chart.age.title": {
        "en": "Fleet in use by age: {segment}",
        "id": "Armada yang beroperasi menurut umur: {segment}",
    },
    "chart.registered.title": {"en": "Registered vehicles", "id": "Kendaraan terdaftar"},
    "chart.sales_total.title": {"en": "New vehicle sales", "id": "Penjualan kendaraan baru"},
    "chart.bev_share.title": {
        "en": "Battery-electric share of car sales",
        "id": "Pangsa mobil listrik baterai dalam penjualan mobil",
    },
    "chart.production_4w.title": {
        "en": "Production of four-wheel-plus vehicles",
        "id": "Produksi kendaraan roda empat atau lebih",
    },
    "chart.energy.title": {
        "en": "Final energy use by fuel",
        "id": "Konsumsi energi final menurut bahan bakar",
    },
    "chart.co2.title": {"en": "CO2 emissions of road vehicles", "id": "Emisi CO2 kendaraan jalan raya"},
    "chart.co2.ttw": {"en": "CO2 tank-to-wheel", "id": "CO2 dari tangki ke roda"},
    "chart.co2.wtw": {"en": "CO2 incl. electricity", "id": "CO2 termasuk listrik"},
    "chart.trade.title": {
        "en": "Production, exports and imports: {group}",
        "id": "Produksi, ekspor dan impor: {group}",
    },
    "chart.production": {"en": "production", "id": "produksi"},
    "chart.exports": {"en": "exports (built up)", "id": "ekspor (utuh)"},
    "chart.imports": {"en": "imports (built up)", "id": "impor (utuh)"},
    "chart.batteries.title": {
        "en": "Battery capacity in new vehicles",
        "id": "Kapasitas baterai kendaraan baru",
    },
    "chart.jobs.title": {
        "en": "Direct jobs in vehicle assembly",
        "id": "Tenaga kerja langsung perakitan kendaraan",
    },
    "chart.million_vehicles": {"en": "million vehicles", "id": "juta kendaraan"},
    "chart.million_per_year": {"en": "million vehicles per year", "id": "juta kendaraan per tahun"},
    "chart.thousand_vehicles": {"en": "thousand vehicles", "id": "ribu kendaraan"},
    "chart.thousand_persons": {"en": "thousand persons", "id": "ribu orang"},
    "chart.pj": {"en": "PJ per year", "id": "PJ per tahun"},
    "chart.mt_co2": {"en": "Mt CO2 per year", "id": "juta ton CO2 per tahun"},
    "chart.gwh_per_year": {"en": "GWh per year", "id": "GWh per tahun"},
    "chart.percent": {"en": "%", "id": "%"},
    "name.country.JPN": {"en": "Japan", "id": "Jepang"},
    "name.country.THA": {"en": "Thailand", "id": "Thailand"},
    "name.country.MYS": {"en": "Malaysia", "id": "Malaysia"},
    "name.country.IDN": {"en": "Indonesia", "id": "Indonesia"},
    "report.title": {
        "en": "motorisasi: road vehicles in {country}, scenario {scenarios}",
        "id": "motorisasi: kendaraan jalan raya di {country}, skenario {scenarios}",
    },
    "report.meta": {
        "en": "Written by motorisasi {version}, an open-source scenario model of a country's road-vehicle "
        "market and fleet. Every number below comes from the scenario run and the cited data.",
        "id": "Dibuat oleh motorisasi {version}, model skenario sumber terbuka untuk pasar dan armada "
        "kendaraan jalan raya suatu negara. Setiap angka di bawah berasal dari hasil skenario dan data yang "
        "dikutip.",
    },
    "report.comparison": {"en": "Scenarios compared", "id": "Perbandingan skenario"},
    "report.scenario": {"en": "Scenario {name}", "id": "Skenario {name}"},
    "report.scenario.col": {"en": "scenario", "id": "skenario"},
    "report.hash": {"en": "scenario hash (SHA-256): {hash}", "id": "hash skenario (SHA-256): {hash}"},
    "report.hash.col": {"en": "scenario hash (SHA-256)", "id": "hash skenario (SHA-256)"},
    "report.headline.reached": {
        "en": "Four-wheel ownership reaches {target} per 1,000 in {year} under this scenario.",
        "id": "Kepemilikan kendaraan roda empat mencapai {target} per 1.000 penduduk pada {year} dalam "
        "skenario ini.",
    },
    "report.headline.never": {
        "en": "Four-wheel ownership does not reach {target} per 1,000 by {end} under this scenario "
        "({ownership} per 1,000 in {end}).",
        "id": "Kepemilikan kendaraan roda empat tidak mencapai {target} per 1.000 penduduk hingga {end} dalam "
        "skenario ini ({ownership} per 1.000 pada {end}).",
    },
    "report.headline.needed": {
        "en": "Reaching it by {by} needs {sales} four-wheel sales a year by {by}, {times} times today's "
        "{today} ({year}).",
        "id": "Untuk mencapainya pada {by} dibutuhkan penjualan {sales} kendaraan roda empat per tahun pada "
        "{by}, {times} kali penjualan saat ini sebesar {today} ({year}).",
    },
    "report.headline.bound": {
        "en": "That takes sales growing faster than {bound} % a year.",
        "id": "Itu berarti penjualan tumbuh lebih cepat dari {bound} % per tahun.",
    },
    "report.million": {"en": "{value} million", "id": "{value} juta"},
    "report.key_figures": {"en": "Key figures", "id": "Angka utama"},
    "report.indicator": {"en": "indicator", "id": "indikator"},
    "report.charts": {"en": "Charts", "id": "Grafik"},
    "report.assumptions": {
        "en": "Assumptions: all {n} settings of the scenario, with their reasons",
        "id": "Asumsi: seluruh {n} pengaturan skenario, beserta alasannya",
    },
    "report.assumptions.field": {"en": "setting", "id": "pengaturan"},
    "report.assumptions.value": {"en": "value", "id": "nilai"},
    "report.assumptions.meaning": {"en": "unit and meaning", "id": "satuan dan arti"},
    "report.assumptions.reason": {"en": "reason or source", "id": "alasan atau sumber"},
    "report.sources": {"en": "Data sources", "id": "Sumber data"},
    "report.sources.intro": {
        "en": "Every embedded data point the run used, by source; 'motorisasi data sources ID' prints one "
        "in full.",
        "id": "Setiap titik data bawaan yang dipakai, menurut sumbernya; 'motorisasi data sources ID' "
        "menampilkannya secara lengkap.",
    },
    "report.sources.id": {"en": "id", "id": "id"},
    "report.sources.publisher": {"en": "publisher", "id": "penerbit"},
    "report.sources.citation": {"en": "citation", "id": "kutipan"},
    "report.sources.table": {"en": "table", "id": "tabel"},
    "report.sources.accessed": {"en": "accessed", "id": "diakses"},
    "report.sources.licence": {"en": "licence", "id": "lisensi"},
    "report.conventions": {"en": "Conventions", "id": "Konvensi"},
    "report.convention.ownership": {
        "en": "Ownership is registered vehicles per 1,000 people; four-wheel-plus means cars, buses and "
        "trucks (the basis of the official 99 per 1,000). Motorcycles are counted apart.",
        "id": "Kepemilikan adalah kendaraan terdaftar per 1.000 penduduk; roda empat atau lebih berarti mobil, "
        "bus dan truk (dasar angka resmi 99 per 1.000). Sepeda motor dihitung terpisah.",
    },
    "report.convention.registered": {
        "en": "The register keeps vehicles that are no longer driven: registered = modelled fleet in use + "
        "unremoved registrations, shown apart in the results.",
        "id": "Registrasi masih memuat kendaraan yang tidak lagi dipakai: terdaftar = armada model yang "
        "beroperasi + registrasi yang tidak dihapus, ditampilkan terpisah dalam hasil.",
    },
    "report.convention.years": {
        "en": "Years are calendar years. The base year is observed data; the model projects from the year "
        "after. Vehicles sold in a year enter the fleet in the middle of it and leave by a lifetime "
        "distribution.",
        "id": "Tahun adalah tahun kalender. Tahun dasar berisi data teramati; model memproyeksikan mulai tahun "
        "berikutnya. Kendaraan yang terjual masuk armada di pertengahan tahun dan keluar menurut distribusi "
        "umur pakai.",
    },
    "report.convention.energy": {
        "en": "Energy is final energy at the vehicle (net calorific values, IPCC 2006) in PJ; electricity "
        "includes charging losses.",
        "id": "Energi adalah energi final di kendaraan (nilai kalor neto, IPCC 2006) dalam PJ; listrik termasuk "
        "kehilangan saat pengisian.",
    },
    "report.convention.co2": {
        "en": "CO2 tank-to-wheel counts fossil fuel burnt in vehicles (biodiesel counts zero); 'incl. "
        "electricity' adds the grid CO2 of the electricity used for charging.",
        "id": "CO2 dari tangki ke roda menghitung bahan bakar fosil yang dibakar kendaraan (biodiesel dihitung "
        "nol); 'termasuk listrik' menambahkan CO2 pembangkit dari listrik untuk pengisian.",
    },
    "report.convention.money": {
        "en": "Money is in rupiah at the prices the scenario states, converted to US dollars at its exchange "
        "rate.",
        "id": "Nilai uang dalam rupiah pada harga yang dinyatakan skenario, dikonversi ke dolar AS dengan kurs "
        "skenario.",
    },
    "report.convention.data": {
        "en": "Data points are flagged observed, adjusted, filled or derived; a derived figure says how it "
        "was made. Nothing is invented: a number without data is an assumption with a reason.",
        "id": "Titik data ditandai teramati, disesuaikan, diisi atau turunan; angka turunan menyebutkan cara "
        "menghitungnya. Tidak ada yang dikarang: angka tanpa data adalah asumsi beserta alasannya.",
    },
    "report.reproduce": {"en": "Reproduce", "id": "Reproduksi"},
    "report.reproduce.text": {
        "en": "Run with motorisasi {version} and the scenario files below; the same version and scenario "
        "hash give the same numbers.",
        "id": "Jalankan dengan motorisasi {version} dan berkas skenario di bawah; versi dan hash skenario yang "
        "sama menghasilkan angka yang sama.",
    },
    "report.caption.ownership": {
        "en": "Registered four-wheel-plus vehicles per 1,000 people, the target and other countries' latest "
        "levels on the same basis",
        "id": "Kendaraan roda empat atau lebih terdaftar per 1.000 penduduk, target, dan tingkat terakhir "
        "negara lain dengan dasar yang sama",
    },
    "report.caption.sales": {
        "en": "New sales by powertrain: {name}",
        "id": "Penjualan baru menurut jenis penggerak: {name}",
    },
    "report.caption.fleet": {
        "en": "Fleet in use by powertrain: {name}",
        "id": "Armada beroperasi menurut jenis penggerak: {name}",
    },
    "report.caption.age": {
        "en": "Fleet in use by age: {name}",
        "id": "Armada beroperasi menurut umur: {name}",
    },
    "report.caption.trade": {
        "en": "Production, exports and imports: {name}",
        "id": "Produksi, ekspor dan impor: {name}",
    },
    "report.caption.energy": {
        "en": "Final energy use by fuel",
        "id": "Konsumsi energi final menurut bahan bakar",
    },
    "report.caption.co2": {"en": "CO2 emissions", "id": "Emisi CO2"},
    "report.caption.jobs": {
        "en": "Direct jobs in vehicle assembly",
        "id": "Tenaga kerja langsung perakitan kendaraan",
    },
    "report.caption.batteries": {
        "en": "Battery capacity in new vehicles",
        "id": "Kapasitas baterai kendaraan baru",
    },
    "report.progress": {"en": "Running and drawing {name}", "id": "Menjalankan dan menggambar {name}"},
    "report.wrote": {"en": "Wrote {paths}", "id": "Ditulis: {paths}"},
    "report.charts.wrote": {
        "en": "Wrote {n} charts (PNG and SVG) to {folder}",
        "id": "{n} grafik (PNG dan SVG) ditulis ke {folder}",
    },
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


def display_name(kind: str, value: object, lang: str) -> str:
    """The name of a segment, fuel, industry group or country in ``lang`` (``name.KIND.VALUE``).

    Names a scenario file defines and the catalogue does not know are given as written.
    """
    key = f"name.{kind}.{value}"
    return MESSAGES[key][lang] if key in MESSAGES else str(value)


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
