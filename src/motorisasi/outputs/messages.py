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
    "gap.reason.growth": {
        "en": "needs constant sales growth of {growth} %/yr, above the {bound} %/yr bound",
        "id": "membutuhkan pertumbuhan penjualan konstan {growth} %/tahun, di atas batas {bound} %/tahun",
    },
    "gap.smooth_fallback": {
        "en": "no smooth path stays within the bound; the path shown grows at the constant rate it would take",
        "id": "tidak ada jalur mulus yang tetap dalam batas; jalur yang ditampilkan tumbuh dengan laju konstan "
        "yang dibutuhkan",
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
        "en": "the ownership model reaches the target if GDP per capita grows {growth}, from ${base} ({year}) to ${final} ({by}, PPP 2021 $); {model}",
        "id": "model kepemilikan mencapai target jika PDB per kapita tumbuh {growth}, dari ${base} ({year}) menjadi ${final} ({by}, PPP $ 2021); {model}",
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
    "gap.income.rate": {"en": "{growth} %/yr", "id": "{growth} %/tahun"},
    "gap.income.range_reachable": {
        "en": "{growth} %/yr (90 % range {low}-{high} %/yr over the {share} % of parameter draws that reach the "
        "target at all)",
        "id": "{growth} %/tahun (rentang 90 % {low}-{high} %/tahun dari {share} % sampel parameter yang dapat "
        "mencapai target)",
    },
    "gap.income.range": {
        "en": "{growth} %/yr (90 % range {low}-{high} %/yr from the uncertainty of the model's parameters)",
        "id": "{growth} %/tahun (rentang 90 % {low}-{high} %/tahun dari ketidakpastian parameter model)",
    },
    "gap.income.skill": {
        "en": "cross-validated {horizons} years ahead given the actual income (ownership fit --cv): refitted up "
        "to each origin it misses by {rolling} per 1,000 (best naive benchmark {rolling_naive}); for a country "
        "left out of the fit, with its income response fitted to its own years, by {loco} ({naive} {loco_naive})",
        "id": "validasi silang {horizons} tahun ke depan dengan pendapatan aktual (ownership fit --cv): dicocokkan "
        "ulang sampai tiap titik awal meleset {rolling} per 1.000 (tolok ukur naif terbaik {rolling_naive}); "
        "untuk negara yang tidak ikut dicocokkan, dengan respons pendapatan dari tahun-tahunnya sendiri, {loco} "
        "({naive} {loco_naive})",
    },
    "gap.income.loses": {
        "en": "- the model loses to a naive benchmark there, so read the growth rate as indicative.",
        "id": "- di situ model kalah dari tolok ukur naif, jadi baca laju pertumbuhan ini sebagai indikatif.",
    },
    "gap.industry": {"en": "Industry", "id": "Industri"},
    "gap.industry.value": {
        "en": "in {by}: production {production} (today {production_now}), exports {exports}, Japanese-brand sales {japan}, battery packs {gwh} GWh, direct jobs {jobs} (today {jobs_now})",
        "id": "pada {by}: produksi {production} (saat ini {production_now}), ekspor {exports}, penjualan merek Jepang {japan}, baterai {gwh} GWh, tenaga kerja langsung {jobs} (saat ini {jobs_now})",
    },
    "gap.register": {"en": "Register", "id": "Registrasi"},
    "gap.register.value": {
        "en": "{year}: {stock} registered = {modelled} in use (modelled) + {unremoved} out of use but "
        "registered, or counted on another statistical basis",
        "id": "{year}: {stock} terdaftar = {modelled} beroperasi (model) + {unremoved} tidak beroperasi tetapi "
        "terdaftar, atau dihitung pada basis statistik lain",
    },
    "gap.register_model": {"en": "Register model", "id": "Model registrasi"},
    "gap.register_model.calibrated": {
        "en": "calibrated (the default): vehicles out of use leave the register at {rate} %/yr (90 % interval "
        "{low}-{high}), fitted to {n} single-basis changes {years}; at the interval's ends, flat sales reach "
        "the target in {low_year} and {high_year}",
        "id": "terkalibrasi (bawaan): kendaraan yang tidak beroperasi keluar dari registrasi {rate} %/thn "
        "(interval 90 % {low}-{high}), dicocokkan pada {n} perubahan satu basis {years}; pada ujung interval, "
        "penjualan tetap mencapai target pada {low_year} dan {high_year}",
    },
    "gap.register_model.backtest": {
        "en": "in backtests from {since} with this lifetime ({n} forecasts {horizons} years ahead) it missed the "
        "register by {mape} % on average, the {benchmark} by {best} %: {verdict}",
        "id": "dalam uji mundur sejak {since} dengan umur ini ({n} prakiraan {horizons} tahun ke depan) galat "
        "rata-ratanya {mape} %, {benchmark} {best} %: {verdict}",
    },
    "gap.register_model.none": {
        "en": "none: registered vehicles are never removed (the register grows by every sale); the default is "
        "--register calibrated",
        "id": "none: kendaraan terdaftar tidak pernah dihapus (registrasi bertambah dengan setiap penjualan); "
        "bawaannya --register calibrated",
    },
    "gap.register_model.in_use": {
        "en": "in_use: vehicles leave the register in the year they leave use; the default is --register "
        "calibrated",
        "id": "in_use: kendaraan keluar dari registrasi pada tahun berhenti beroperasi; bawaannya --register "
        "calibrated",
    },
    "gap.never": {"en": "not by {horizon}", "id": "tidak sebelum {horizon}"},
    "gap.col.year": {"en": "year", "id": "tahun"},
    "gap.col.sales": {"en": "sales", "id": "penjualan"},
    "gap.col.removals": {"en": "removed from register", "id": "dihapus dari registrasi"},
    "gap.col.stock": {"en": "registered fleet", "id": "armada terdaftar"},
    "gap.col.ownership": {"en": "per 1,000", "id": "per 1.000"},
    "gap.assumptions": {"en": "Assumptions", "id": "Asumsi"},
    "gap.col.name": {"en": "name", "id": "nama"},
    "gap.col.value": {"en": "value", "id": "nilai"},
    "gap.col.unit": {"en": "unit", "id": "satuan"},
    "gap.col.reason": {"en": "reason", "id": "alasan"},
    "gap.sources": {"en": "Sources", "id": "Sumber"},
    "gap.regions.title": {
        "en": "Where the additional vehicles would be: the national path to {target} per 1,000 by {by}, "
        "shared out to {count} provinces",
        "id": "Di mana tambahan kendaraan akan berada: jalur nasional menuju {target} per 1.000 pada {by}, "
        "dibagi ke {count} provinsi",
    },
    "gap.regions.col.province": {"en": "province", "id": "provinsi"},
    "gap.regions.col.now": {"en": "per 1,000 in {year}", "id": "per 1.000 pada {year}"},
    "gap.regions.col.then": {"en": "per 1,000 in {year}", "id": "per 1.000 pada {year}"},
    "gap.regions.col.additional": {"en": "additional vehicles", "id": "tambahan kendaraan"},
    "gap.regions.col.share": {"en": "% of the additional", "id": "% dari tambahan"},
    "gap.regions.col.reached": {"en": "at {target} in", "id": "mencapai {target} pada"},
    "gap.regions.how": {
        "en": "{how} (ceilings: national {saturation} per 1,000, {reason}; income weight {income}, "
        "density weight {density}); the provinces add up to the national path.",
        "id": "{how} (batas atas: nasional {saturation} per 1.000, {reason}; bobot pendapatan {income}, "
        "bobot kepadatan {density}); jumlah provinsi sama dengan jalur nasional.",
    },
    "regions.model.logistic": {
        "en": "Each province moves up its own S-curve towards a ceiling set by its income and density, "
        "all by the same step",
        "id": "Setiap provinsi bergerak naik pada kurva S-nya sendiri menuju batas atas yang ditentukan "
        "pendapatan dan kepadatannya, semuanya dengan langkah yang sama",
    },
    "regions.model.headroom": {
        "en": "Each province closes the same fraction of the way to a ceiling set by its income and density",
        "id": "Setiap provinsi menutup bagian jarak yang sama menuju batas atas yang ditentukan pendapatan "
        "dan kepadatannya",
    },
    "regions.model.same_ownership": {
        "en": "Each province's ownership moves in proportion to the nation's",
        "id": "Kepemilikan setiap provinsi bergerak sebanding dengan angka nasional",
    },
    "regions.model.same_shares": {
        "en": "Each province keeps its base-year share of the register",
        "id": "Setiap provinsi mempertahankan pangsa registrasinya pada tahun dasar",
    },
    "gap.region.title": {
        "en": "{name} on the national path to {target} per 1,000 by {by}: {reached}",
        "id": "{name} pada jalur nasional menuju {target} per 1.000 pada {by}: {reached}",
    },
    "gap.region.reached": {"en": "at the target in {year}", "id": "mencapai target pada {year}"},
    "gap.region.not_reached": {
        "en": "below {target} in {by}",
        "id": "di bawah {target} pada {by}",
    },
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
    "name.backtest_target.cars": {"en": "Passenger cars", "id": "Mobil penumpang"},
    "name.backtest_target.four_wheel": {
        "en": "Four-wheel+ (cars, buses, trucks)",
        "id": "Roda empat+ (mobil, bus, truk)",
    },
    "name.backtest_target.motorcycles": {"en": "Motorcycles", "id": "Sepeda motor"},
    "name.backtest_model.calibrated": {"en": "calibrated register", "id": "register terkalibrasi"},
    "name.backtest_model.no_removals": {"en": "last register + sales", "id": "register terakhir + penjualan"},
    "name.backtest_model.in_use": {"en": "register = in use", "id": "register = beroperasi"},
    "name.backtest_model.random_walk_drift": {
        "en": "random walk with drift",
        "id": "jalan acak dengan drift",
    },
    "name.backtest_model.log_linear_trend": {"en": "log-linear trend", "id": "tren log-linear"},
    "name.backtest_model.fleet": {
        "en": "fleet model (calibrated to the origin)",
        "id": "model armada (dikalibrasi sampai titik awal)",
    },
    "energy_backtest.road_gasoline": {
        "en": "Road gasoline energy ({unit}): mean absolute percentage error by horizon{since}",
        "id": "Energi bensin jalan raya ({unit}): rata-rata galat persentase absolut menurut horizon{since}",
    },
    "energy_backtest.road_diesel": {
        "en": "Road diesel and biodiesel energy ({unit}): mean absolute percentage error by horizon{since}",
        "id": "Energi solar dan biodiesel jalan raya ({unit}): rata-rata galat persentase absolut menurut "
        "horizon{since}",
    },
    "energy_backtest.road_co2": {
        "en": "Road CO2 ({unit}) against the CEDS inventory: mean absolute percentage error by horizon{since}",
        "id": "CO2 jalan raya ({unit}) terhadap inventaris CEDS: rata-rata galat persentase absolut menurut "
        "horizon{since}",
    },
    "energy_backtest.name.road_gasoline": {"en": "road gasoline", "id": "bensin jalan raya"},
    "energy_backtest.name.road_diesel": {"en": "road diesel", "id": "solar jalan raya"},
    "energy_backtest.name.road_co2": {"en": "road CO2", "id": "CO2 jalan raya"},
    "energy_backtest.sentence": {
        "en": "{target}: the fleet model misses by {fleet} % on average {horizons} years ahead, the best naive "
        "benchmark ({benchmark}) by {value} %{since}.",
        "id": "{target}: model armada meleset rata-rata {fleet} % untuk {horizons} tahun ke depan, tolok ukur naif "
        "terbaik ({benchmark}) {value} %{since}.",
    },
    "energy_backtest.sentence_loses": {
        "en": "{target}: the fleet model misses by {fleet} % on average {horizons} years ahead and loses to a naive "
        "benchmark ({benchmark}, {value} %){since}.",
        "id": "{target}: model armada meleset rata-rata {fleet} % untuk {horizons} tahun ke depan dan kalah dari "
        "tolok ukur naif ({benchmark}, {value} %){since}.",
    },
    "chart.backtest.unit.millions": {
        "en": "registered vehicles, millions",
        "id": "kendaraan terdaftar, juta",
    },
    "chart.backtest.unit.per_1000": {
        "en": "registered vehicles per 1,000 people",
        "id": "kendaraan terdaftar per 1.000 penduduk",
    },
    "chart.backtest.note": {
        "en": "Dots: registered fleet (colour = statistical basis). Lines: hindcasts of the calibrated register "
        "model from each origin with actual sales. Source: BPS via ATO, GAIKINDO, AISI; motorisasi backtest.",
        "id": "Titik: kendaraan terdaftar (warna = basis statistik). Garis: prakiraan mundur model register "
        "terkalibrasi dari setiap titik awal dengan penjualan aktual. Sumber: BPS melalui ATO, GAIKINDO, AISI; "
        "motorisasi backtest.",
    },
    "dash.provinces": {"en": "Provinces", "id": "Provinsi"},
    "dash.provinces.why": {
        "en": "Share the national results out to the 38 provinces (observed shares to the base year, then "
        "a ceiling by income and density); they add up to the nation.",
        "id": "Bagi hasil nasional ke 38 provinsi (pangsa teramati hingga tahun dasar, lalu batas atas "
        "menurut pendapatan dan kepadatan); jumlahnya sama dengan angka nasional.",
    },
    "dash.provinces.show": {"en": "Map", "id": "Peta"},
    "dash.provinces.show.per_1000": {"en": "per 1,000 in {year}", "id": "per 1.000 pada {year}"},
    "dash.provinces.show.change": {"en": "change {base}-{year}", "id": "perubahan {base}-{year}"},
    "dash.provinces.title.per_1000": {
        "en": "Four-wheel-plus vehicles per 1,000 people by province, {year}",
        "id": "Kendaraan roda empat atau lebih per 1.000 penduduk menurut provinsi, {year}",
    },
    "dash.provinces.title.change": {
        "en": "Change in four-wheel-plus vehicles per 1,000 people, {base}-{year}",
        "id": "Perubahan kendaraan roda empat atau lebih per 1.000 penduduk, {base}-{year}",
    },
    "dash.provinces.table": {
        "en": "Where the additional four-wheel-plus vehicles of {base}-{year} would be",
        "id": "Di mana tambahan kendaraan roda empat atau lebih {base}-{year} akan berada",
    },
    "dash.provinces.col.province": {"en": "province", "id": "provinsi"},
    "dash.provinces.col.per_1000_in": {"en": "per 1,000 in {year}", "id": "per 1.000 pada {year}"},
    "dash.provinces.col.additional": {"en": "additional vehicles", "id": "tambahan kendaraan"},
    "backtest.regions.title": {
        "en": "Provincial allocations against the provincial register, {count} origins {first}-{last}",
        "id": "Alokasi provinsi dibandingkan registrasi provinsi, {count} titik awal {first}-{last}",
    },
    "backtest.regions.col.segment": {"en": "segment", "id": "segmen"},
    "backtest.regions.col.horizon": {"en": "ahead", "id": "ke depan"},
    "backtest.regions.col.best": {"en": "best", "id": "terbaik"},
    "backtest.regions.table.mape": {
        "en": "Mean absolute percentage error of the provinces' registers, %",
        "id": "Rata-rata galat persentase absolut registrasi provinsi, %",
    },
    "backtest.regions.table.share": {
        "en": "Mean absolute error of the provinces' shares, percentage points",
        "id": "Rata-rata galat absolut pangsa provinsi, poin persentase",
    },
    "backtest.regions.model.logistic": {"en": "logistic", "id": "logistik"},
    "backtest.regions.model.headroom": {"en": "headroom", "id": "ruang"},
    "backtest.regions.model.same_ownership": {"en": "same growth", "id": "tumbuh sama"},
    "backtest.regions.model.same_shares": {"en": "same share", "id": "pangsa tetap"},
    "backtest.regions.how": {
        "en": "Each allocation shares out the observed national register ({set}). logistic: the default model (regions.model); headroom: its linear alternative; same growth: every province's ownership grows "
        "as the nation's; same shares: every province keeps its share. Few origins: read the "
        "differences as indications, not as a ranking.",
        "id": "Setiap alokasi membagi registrasi nasional teramati ({set}). "
        "logistik: model bawaan (regions.model); ruang: alternatif liniernya; tumbuh sama: kepemilikan setiap provinsi tumbuh seperti angka "
        "nasional; pangsa tetap: setiap provinsi mempertahankan pangsanya. Titik awal sedikit: baca "
        "perbedaannya sebagai petunjuk, bukan peringkat.",
    },
    "compare.region": {
        "en": "{name}: the province's share of each scenario's national results",
        "id": "{name}: bagian provinsi dari hasil nasional setiap skenario",
    },
    "report.provinces": {"en": "Provinces", "id": "Provinsi"},
    "report.provinces.unavailable": {
        "en": "Provinces: not available for this scenario ({reason})",
        "id": "Provinsi: tidak tersedia untuk skenario ini ({reason})",
    },
    "report.provinces.map": {
        "en": "Four-wheel-plus vehicles per 1,000 people by province, {year}",
        "id": "Kendaraan roda empat atau lebih per 1.000 penduduk menurut provinsi, {year}",
    },
    "report.provinces.change": {
        "en": "Change in four-wheel-plus vehicles per 1,000 people, {start}-{end}",
        "id": "Perubahan kendaraan roda empat atau lebih per 1.000 penduduk, {start}-{end}",
    },
    "report.caption.provinces_level": {
        "en": "Tile map of the provinces' ownership",
        "id": "Peta petak kepemilikan per provinsi",
    },
    "report.caption.provinces_change": {
        "en": "Tile map of the change in the provinces' ownership",
        "id": "Peta petak perubahan kepemilikan per provinsi",
    },
    "report.provinces.spread": {
        "en": "In {year}, four-wheel-plus ownership ranges from {low} per 1,000 ({low_name}) to {high} "
        "({high_name}). The provinces share out the national results: observed shares of the register "
        "to the base year, then: {how}; they add up to the nation (checked).",
        "id": "Pada {year}, kepemilikan kendaraan roda empat atau lebih berkisar dari {low} per 1.000 "
        "({low_name}) hingga {high} ({high_name}). Provinsi membagi hasil nasional: pangsa registrasi "
        "teramati hingga tahun dasar, lalu: {how}; jumlahnya sama dengan angka nasional (diperiksa).",
    },
    "report.provinces.gap": {
        "en": "On the national path to {target} per 1,000 by {by}, {first} would take the most of the "
        "additional vehicles ({first_share} %), Java with Jakarta and Banten {java} %; {reached} of "
        "{count} provinces would be at {target} or above by {by}.",
        "id": "Pada jalur nasional menuju {target} per 1.000 pada {by}, {first} akan menampung tambahan "
        "kendaraan terbanyak ({first_share} %), Jawa dengan Jakarta dan Banten {java} %; {reached} dari "
        "{count} provinsi akan berada pada {target} atau lebih pada {by}.",
    },
    "report.provinces.none": {
        "en": "Provinces: the scenario has no four-wheel segment to map",
        "id": "Provinsi: skenario tidak memiliki segmen roda empat untuk dipetakan",
    },
    "report.provinces.table": {
        "en": "Where the additional vehicles to reach {target} per 1,000 by {by} would be",
        "id": "Di mana tambahan kendaraan untuk mencapai {target} per 1.000 pada {by} akan berada",
    },
    "report.backtest": {
        "en": "How well the register model reproduces history",
        "id": "Seberapa baik model registrasi mereproduksi sejarah",
    },
    "report.backtest.intro": {
        "en": "From each past year, the register model forecasts the registered fleet up to ten years ahead on "
        "the same statistical basis, with the sales that actually happened and its removal rate fitted only "
        "to data up to that year; naive benchmarks do the same ('motorisasi backtest' gives the full tables).",
        "id": "Dari setiap tahun lampau, model registrasi memprakirakan armada terdaftar hingga sepuluh tahun ke "
        "depan pada basis statistik yang sama, dengan penjualan yang benar-benar terjadi dan laju penghapusan "
        "yang dicocokkan hanya pada data hingga tahun itu; pembanding naif melakukan hal yang sama "
        "('motorisasi backtest' memberikan tabel lengkapnya).",
    },
    "backtest.title": {
        "en": "{target}: {measure}, mean absolute percentage error by horizon (bias = mean signed error){since}",
        "id": "{target}: {measure}, rata-rata galat persentase absolut menurut horizon (bias = rata-rata galat "
        "bertanda){since}",
    },
    "backtest.since": {"en": ", origins from {year}", "id": ", titik awal sejak {year}"},
    "backtest.model": {"en": "model", "id": "model"},
    "backtest.measure.registered": {"en": "registered fleet", "id": "armada terdaftar"},
    "backtest.measure.per_1000": {"en": "per 1,000 people", "id": "per 1.000 penduduk"},
    "backtest.forecasts": {"en": "forecasts", "id": "prakiraan"},
    "backtest.coverage": {
        "en": "interval coverage (removal-rate interval only)",
        "id": "cakupan interval (hanya interval laju penghapusan)",
    },
    "backtest.verdict": {
        "en": "{target}, horizons {horizons}{since}: calibrated register {calibrated} % MAPE, best benchmark "
        "({benchmark}) {best} %: {verdict}",
        "id": "{target}, horizon {horizons}{since}: register terkalibrasi MAPE {calibrated} %, pembanding "
        "terbaik ({benchmark}) {best} %: {verdict}",
    },
    "backtest.verdict.yes": {"en": "at least as good", "id": "setidaknya sama baik"},
    "backtest.verdict.no": {"en": "worse than the benchmark", "id": "lebih buruk daripada pembanding"},
    "calibrate.title": {
        "en": "Register calibration ({scenario}, base year {base})",
        "id": "Kalibrasi register ({scenario}, tahun dasar {base})",
    },
    "calibrate.segment": {"en": "segment", "id": "segmen"},
    "calibrate.model": {"en": "register model", "id": "model register"},
    "calibrate.rate": {"en": "removal rate, %/yr", "id": "laju penghapusan, %/thn"},
    "calibrate.interval": {"en": "90 % interval", "id": "interval 90 %"},
    "calibrate.lag": {"en": "mean years to removal", "id": "rata-rata tahun sampai dihapus"},
    "calibrate.years": {"en": "changes fitted", "id": "perubahan yang dicocokkan"},
    "calibrate.rmse": {"en": "RMSE, vehicles/yr", "id": "RMSE, kendaraan/thn"},
    "energy_cal.title": {
        "en": "{scenario}: distance driven calibrated to road energy in the energy balance",
        "id": "{scenario}: jarak tempuh dikalibrasi dengan energi jalan raya dalam neraca energi",
    },
    "energy_cal.col.fuel": {"en": "fuel", "id": "bahan bakar"},
    "energy_cal.col.status": {"en": "status", "id": "status"},
    "energy_cal.col.factor": {"en": "factor", "id": "faktor"},
    "energy_cal.col.bounds": {"en": "bounds", "id": "batas"},
    "energy_cal.col.years": {"en": "years fitted", "id": "tahun kalibrasi"},
    "energy_cal.col.error": {"en": "error, %", "id": "galat, %"},
    "energy_cal.split_title": {
        "en": "The factor split into distance and energy per km, by segment",
        "id": "Faktor dipecah menjadi jarak dan energi per km, per segmen",
    },
    "energy_cal.col.segment": {"en": "segment", "id": "segmen"},
    "energy_cal.col.km_factor": {"en": "distance factor", "id": "faktor jarak"},
    "energy_cal.col.km": {"en": "km/yr", "id": "km/thn"},
    "energy_cal.col.intensity_factor": {"en": "energy/km factor", "id": "faktor energi/km"},
    "energy_cal.status.calibrated": {"en": "calibrated", "id": "terkalibrasi"},
    "energy_cal.status.bound": {"en": "at a bound", "id": "di batas"},
    "energy_cal.status.no_reference": {"en": "no reference data", "id": "tidak ada data acuan"},
    "energy_cal.status.too_few_years": {"en": "under 2 years", "id": "kurang dari 2 tahun"},
    "energy_cal.status.not_burnt": {"en": "not burnt", "id": "tidak dipakai"},
    "energy_cal.status.off": {"en": "off", "id": "nonaktif"},
    "energy_cal.note": {
        "en": "Bounds: the published ranges of distance (and energy per km) over the values assumed. Error: "
        "modelled over reference minus one, in the years fitted. The factor scales the distance driven of every segment burning the fuel (its electric "
        "vehicles too), up to the top of the published distance range; beyond it, the energy use per km "
        "(fleet mix, on-road gap). Fuel sold that the fleet cannot explain within the bounds is shown as "
        "unexplained energy (energy_unexplained), not hidden in the parameters.",
        "id": "Batas: rentang jarak (dan energi per km) terpublikasi dibagi nilai asumsi. Galat: model dibagi "
        "acuan dikurangi satu, pada tahun kalibrasi. Faktor mengalikan jarak tempuh setiap segmen yang memakai bahan bakar itu (termasuk kendaraan "
        "listriknya) sampai batas atas rentang jarak terpublikasi; selebihnya pada energi per km (komposisi "
        "armada, selisih pemakaian di jalan). Bahan bakar terjual yang tak dapat dijelaskan armada dalam "
        "batas itu ditampilkan sebagai energi tak terjelaskan (energy_unexplained), tidak disembunyikan.",
    },
    "energy_check.road_gasoline": {
        "en": "Road gasoline energy: modelled against the energy balance ({series}), {unit}; * = fitted year",
        "id": "Energi bensin jalan raya: model dibandingkan dengan neraca energi ({series}), {unit}; * = tahun kalibrasi",
    },
    "energy_check.road_diesel": {
        "en": "Road diesel energy (with biodiesel): modelled against the energy balance ({series}), {unit}; "
        "* = fitted year",
        "id": "Energi solar jalan raya (dengan biodiesel): model dibandingkan dengan neraca energi ({series}), "
        "{unit}; * = tahun kalibrasi",
    },
    "energy_check.road_co2": {
        "en": "Road CO2 (tank-to-wheel): modelled against an independent inventory ({series}), {unit}",
        "id": "CO2 jalan raya (tank-to-wheel): model dibandingkan dengan inventaris independen ({series}), {unit}",
    },
    "energy_check.col.fitted": {"en": "fit", "id": "kal."},
    "energy_check.coverage.road_energy_balance": {
        "en": "The reference is road transport in the APEC energy balance (APERC, from the energy ministry's "
        "data); years outside the fit are out of sample.",
        "id": "Acuan adalah transportasi jalan dalam neraca energi APEC (APERC, dari data Kementerian ESDM); "
        "tahun di luar kalibrasi adalah uji di luar sampel.",
    },
    "energy_check.coverage.road_inventory": {
        "en": "The reference is road transport (IPCC 1.A.3.b) in an emission inventory built from its own "
        "energy statistics and emission factors, independent of the fleet model.",
        "id": "Acuan adalah transportasi jalan (IPCC 1.A.3.b) dalam inventaris emisi yang disusun dari "
        "statistik energi dan faktor emisinya sendiri, independen dari model armada.",
    },
    "energy_check.coverage.road_national_inventory": {
        "en": "The reference is Indonesia's own inventory (BTR1, 2024): its transport CO2 (IPCC 1.A.3) less "
        "the non-road modes of EDGAR 2024 (10-13 % of transport), as its road row was not available.",
        "id": "Acuan adalah inventaris nasional Indonesia (BTR1, 2024): CO2 transportasinya (IPCC 1.A.3) "
        "dikurangi moda nonjalan dari EDGAR 2024 (10-13 % transportasi), karena baris jalan rayanya tidak "
        "tersedia.",
    },
    "energy_check.gasoline": {
        "en": "Road gasoline: modelled against the assigned grades distributed, {unit}",
        "id": "Bensin jalan raya: model dibandingkan dengan jenis penugasan yang disalurkan, {unit}",
    },
    "energy_check.diesel": {
        "en": "Road diesel: modelled against subsidised Solar distributed, {unit}",
        "id": "Solar jalan raya: model dibandingkan dengan Solar bersubsidi yang disalurkan, {unit}",
    },
    "energy_check.co2": {
        "en": "Road CO2 (tank-to-wheel): modelled against transport CO2 of all modes, {unit}",
        "id": "CO2 jalan raya (tank-to-wheel): model dibandingkan dengan CO2 seluruh moda transportasi, {unit}",
    },
    "energy_check.col.year": {"en": "year", "id": "tahun"},
    "energy_check.col.modelled": {"en": "modelled", "id": "model"},
    "energy_check.col.reference": {"en": "reference", "id": "acuan"},
    "energy_check.col.ratio": {"en": "ratio", "id": "rasio"},
    "energy_check.col.series": {"en": "reference series", "id": "seri acuan"},
    "energy_check.coverage.lower_bound": {
        "en": "The reference counts only the assigned grades (Premium, Pertalite): all gasoline sold is more, "
        "so a ratio near or above one still leaves fuel the fleet does not explain.",
        "id": "Acuan hanya menghitung jenis penugasan (Premium, Pertalite): seluruh bensin yang terjual lebih "
        "besar, sehingga rasio mendekati atau di atas satu pun masih menyisakan bahan bakar yang tidak "
        "dijelaskan armada.",
    },
    "energy_check.coverage.subsidised_incl_non_road": {
        "en": "The reference is subsidised Solar, which includes non-road use (fishing, small industry) and "
        "leaves out the unsubsidised grades.",
        "id": "Acuan adalah Solar bersubsidi, yang mencakup penggunaan di luar jalan raya (perikanan, industri "
        "kecil) dan tidak mencakup jenis nonsubsidi.",
    },
    "energy_check.coverage.all_transport_modes": {
        "en": "The reference covers all transport modes (road, rail, water, domestic air), not road alone.",
        "id": "Acuan mencakup seluruh moda transportasi (jalan, rel, air, udara domestik), bukan jalan raya saja.",
    },
    "calibrate.by_source": {
        "en": "note: {segment}: the data have no register_basis rows for its fleet series, so the register "
        "is split into bases at every change of source",
        "id": "catatan: {segment}: data tidak memuat baris register_basis untuk seri armadanya, sehingga "
        "registrasi dibagi menjadi basis pada setiap pergantian sumber",
    },
    "calibrate.loo": {"en": "rate without one year, %/yr", "id": "laju tanpa satu tahun, %/thn"},
    "calibrate.in_use": {"en": "in use, millions", "id": "beroperasi, juta"},
    "calibrate.unremoved": {
        "en": "out of use, registered, millions",
        "id": "tak beroperasi, terdaftar, juta",
    },
    "calibrate.level": {"en": "basis level, millions", "id": "selisih basis, juta"},
    "calibrate.lifetime": {
        "en": "{segment}: in-use lifetime {mean:g} years (assumption); at {low:g} and {high:g} years the fitted rate "
        "is {rate_low} and {rate_high} %/yr with RMSE {rmse_low} and {rmse_high}: the register does not identify "
        "the lifetime, only removals given it",
        "id": "{segment}: umur beroperasi {mean:g} tahun (asumsi); pada {low:g} dan {high:g} tahun laju hasil "
        "pencocokan {rate_low} dan {rate_high} %/thn dengan RMSE {rmse_low} dan {rmse_high}: register tidak "
        "mengidentifikasi umur, hanya penghapusan pada umur tersebut",
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
        "en": "{base}: observed registered fleet and sales; energy and CO2 are modelled (to {base} from the "
        "fleet in use rebuilt from past sales, projected from {next}). Units and sources are in the files "
        "('sources' sheet, NetCDF attributes).",
        "id": "{base}: armada terdaftar dan penjualan adalah data teramati; energi dan CO2 dimodelkan "
        "(hingga {base} dari armada beroperasi yang dibangun ulang dari penjualan masa lalu, proyeksi mulai "
        "{next}). Satuan dan sumber tercantum dalam berkas hasil (lembar 'sources', atribut NetCDF).",
    },
    "run.wrote": {"en": "Wrote: {paths}", "id": "Berkas tersimpan: {paths}"},
    "run.regions": {
        "en": "{count} provinces: {segment} per 1,000 people in {year} from {low} ({low_name}) to "
        "{high} ({high_name}); the provinces add up to the national figures (checked)",
        "id": "{count} provinsi: {segment} per 1.000 penduduk pada {year} dari {low} ({low_name}) "
        "hingga {high} ({high_name}); jumlah provinsi sama dengan angka nasional (diperiksa)",
    },
    "run.note.over_capacity": {
        "en": "note: {group}: production exceeds capacity in {years}",
        "id": "catatan: {group}: produksi melebihi kapasitas pada {years}",
    },
    "run.note.units_target_above_sales": {
        "en": "note: {segment}: absolute targets exceed total sales (capped at all sales) in {years}",
        "id": "catatan: {segment}: target absolut melebihi total penjualan (dibatasi sebesar seluruh "
        "penjualan) pada {years}",
    },
    "run.note.departs_from_observations": {
        "en": "note: {field}: {variable} in {year} is {scenario} in the scenario but {observed} in the data",
        "id": "catatan: {field}: {variable} pada {year} bernilai {scenario} dalam skenario tetapi "
        "{observed} dalam data",
    },
    "run.note.shares_scaled_down": {
        "en": "note: {segment}: powertrain shares add up to more than one (scaled down) in {years}",
        "id": "catatan: {segment}: jumlah pangsa jenis penggerak melebihi 100% (diperkecil secara proporsional) "
        "pada {years}",
    },
    "ensemble.status": {
        "en": "Running {draws} draws...",
        "id": "Menjalankan {draws} undian...",
    },
    "ensemble.title": {
        "en": "motorisasi scenario {name} ({country}): median and 90 % range of {draws} draws "
        "({sampler}, seed {seed})",
        "id": "Skenario motorisasi {name} ({country}): median dan rentang 90 % dari {draws} undian "
        "({sampler}, seed {seed})",
    },
    "ensemble.read": {
        "en": "Each cell: the median, and in brackets the 5 % and 95 % quantiles over the draws of the "
        "inputs in the scenario's 'uncertainty' section ({inputs}).",
        "id": "Setiap sel: median, dan dalam kurung kuantil 5 % dan 95 % atas undian masukan di bagian "
        "'uncertainty' skenario ({inputs}).",
    },
    "ensemble.took": {
        "en": "{draws} draws in {seconds} s.",
        "id": "{draws} undian dalam {seconds} detik.",
    },
    "ensemble.dask": {
        "en": "Dask dashboard: {link}",
        "id": "Dasbor Dask: {link}",
    },
    "gap.draws.title": {
        "en": "{target} per 1,000 by {by}: {draws} draws of the uncertain inputs of scenario {scenario} "
        "({sampler}, seed {seed})",
        "id": "{target} per 1.000 pada {by}: {draws} undian masukan tidak pasti skenario {scenario} "
        "({sampler}, seed {seed})",
    },
    "gap.draws.reached": {
        "en": "With the scenario's demand, {target} per 1,000 is reached in {p50} (90 % range {p5}-{p95}); "
        "{missing} % of the draws do not reach it by {end}.",
        "id": "Dengan permintaan skenario, {target} per 1.000 tercapai pada {p50} (rentang 90 % {p5}-{p95}); "
        "{missing} % undian tidak mencapainya hingga {end}.",
    },
    "gap.draws.never": {
        "en": "With the scenario's demand, {target} per 1,000 is not reached by {end} in any draw; in {by} "
        "ownership is {p50} per 1,000 (90 % range {p5}-{p95}).",
        "id": "Dengan permintaan skenario, {target} per 1.000 tidak tercapai hingga {end} pada undian mana "
        "pun; pada {by} kepemilikan {p50} per 1.000 (rentang 90 % {p5}-{p95}).",
    },
    "gap.draws.needs": {
        "en": "Reaching it by {by} takes sales of {segment} growing {p50} %/yr from {base} (90 % range "
        "{p5}-{p95}), {sales} a year in {by}, with the other four-wheel segments at {others} per 1,000.",
        "id": "Mencapainya pada {by} memerlukan penjualan {segment} tumbuh {p50} %/tahun sejak {base} "
        "(rentang 90 % {p5}-{p95}), {sales} per tahun pada {by}, dengan segmen roda empat lainnya "
        "{others} per 1.000.",
    },
    "gap.draws.inputs": {
        "en": "Uncertain inputs drawn: {inputs}. Removal rates and distance factors are fitted again in "
        "each draw.",
        "id": "Masukan tidak pasti yang diundi: {inputs}. Laju penghapusan dan faktor jarak diestimasi "
        "ulang pada setiap undian.",
    },
    "sensitivity.title": {
        "en": "Sobol sensitivity of {output} in {year}{where} ({runs} runs; mean {mean}, sd {sd})",
        "id": "Sensitivitas Sobol {output} pada {year}{where} ({runs} proses; rata-rata {mean}, sd {sd})",
    },
    "sensitivity.input": {"en": "uncertain input", "id": "masukan tidak pasti"},
    "sensitivity.first": {"en": "first order", "id": "orde pertama"},
    "sensitivity.total": {"en": "total order", "id": "orde total"},
    "sensitivity.read": {
        "en": "First order: the share of the output's variance due to the input alone; total order: "
        "with its interactions. +/- is the {level} % confidence interval (bootstrap).",
        "id": "Orde pertama: bagian varians keluaran karena masukan itu sendiri; orde total: termasuk "
        "interaksinya. +/- adalah selang kepercayaan {level} % (bootstrap).",
    },
    "sensitivity.status": {
        "en": "Running {runs} model runs for the Sobol indices...",
        "id": "Menjalankan {runs} proses model untuk indeks Sobol...",
    },
    "run.ind.four_wheel_per_1000": {
        "en": "4-wheel+ vehicles per 1,000 (registered)",
        "id": "kepemilikan roda empat+ per 1.000 penduduk (terdaftar)",
    },
    "run.ind.motorcycles_per_1000": {
        "en": "motorcycles per 1,000 (registered)",
        "id": "kepemilikan sepeda motor per 1.000 penduduk (terdaftar)",
    },
    "run.ind.fleet": {"en": "registered fleet, million", "id": "armada terdaftar, juta unit"},
    "run.ind.sales": {"en": "sales, million per year", "id": "penjualan, juta unit per tahun"},
    "run.ind.plugin_sales": {
        "en": "plug-in share of sales, {segment}, %",
        "id": "pangsa plug-in dalam penjualan {segment}, %",
    },
    "run.ind.plugin_stock": {
        "en": "plug-in share in use, {segment}, %",
        "id": "pangsa plug-in dalam armada {segment} yang beroperasi, %",
    },
    "run.ind.energy": {"en": "{fuel}, PJ", "id": "konsumsi {fuel}, PJ"},
    "run.ind.co2_ttw": {"en": "CO2 tank-to-wheel, Mt", "id": "emisi CO2 tank-to-wheel, juta ton"},
    "run.ind.co2_wtw": {
        "en": "CO2 incl. electricity, Mt",
        "id": "emisi CO2 termasuk pembangkitan listrik, juta ton",
    },
    "run.ind.production": {"en": "{group}: production, million", "id": "{group}: produksi, juta unit"},
    "run.ind.exports": {"en": "{group}: exports, million", "id": "{group}: ekspor, juta unit"},
    "run.ind.jobs": {
        "en": "{group}: direct jobs, thousand",
        "id": "{group}: tenaga kerja langsung, ribu orang",
    },
    "run.ind.local_content": {
        "en": "local content, IDR trillion",
        "id": "nilai komponen dalam negeri, Rp triliun",
    },
    "run.ind.fuel_subsidy": {"en": "{fuel} subsidy, IDR trillion", "id": "subsidi {fuel}, Rp triliun"},
    "run.note.energy_no_reference": {
        "en": "{fuel}: no road energy reference in the data, so its distances are not calibrated",
        "id": "{fuel}: tidak ada acuan energi jalan raya dalam data, sehingga jarak tempuhnya tidak dikalibrasi",
    },
    "run.note.energy_bound": {
        "en": "{fuel}: the calibration stops at a published bound (factor {factor}); the rest of the fuel "
        "sold is shown as unexplained",
        "id": "{fuel}: kalibrasi berhenti di batas terpublikasi (faktor {factor}); sisa bahan bakar terjual "
        "ditampilkan sebagai tak terjelaskan",
    },
    "run.ind.unexplained": {
        "en": "{fuel} the fleet does not explain, PJ",
        "id": "{fuel} yang tidak dijelaskan armada, PJ",
    },
    "run.ind.co2_unexplained": {
        "en": "CO2 of the fuel the fleet does not explain, Mt",
        "id": "CO2 bahan bakar yang tidak dijelaskan armada, juta ton",
    },
    "run.ind.fuel_compensation": {
        "en": "{fuel} compensation, IDR trillion",
        "id": "kompensasi {fuel}, Rp triliun",
    },
    "run.ind.fuel_support": {
        "en": "fuel subsidy and compensation, IDR trillion",
        "id": "subsidi dan kompensasi BBM, Rp triliun",
    },
    "run.ind.fuel_support_usd": {
        "en": "fuel subsidy and compensation, US$ billion",
        "id": "subsidi dan kompensasi BBM, miliar US$",
    },
    "run.ind.tax_incentives": {"en": "tax incentives, IDR trillion", "id": "insentif pajak, Rp triliun"},
    "run.ind.battery": {"en": "battery packs sold, GWh", "id": "kapasitas baterai kendaraan terjual, GWh"},
    "run.ind.nickel": {"en": "nickel in new batteries, kt", "id": "nikel dalam baterai baru, ribu ton"},
    "compare.status": {"en": "Running the scenarios...", "id": "Menjalankan semua skenario..."},
    "compare.too_few": {
        "en": "compare: give at least two scenarios",
        "id": "compare: sebutkan paling sedikit dua skenario",
    },
    "compare.col.scenario": {"en": "scenario", "id": "skenario"},
    "data.undated": {"en": "undated", "id": "tanpa tahun"},
    "data.kind.raw": {"en": "raw", "id": "mentah"},
    "data.kind.derived": {"en": "derived", "id": "turunan"},
    "data.kind.harmonised": {"en": "harmonised", "id": "harmonisasi"},
    "data.kind.statement": {"en": "statement", "id": "pernyataan"},
    "data.kind.target": {"en": "target", "id": "target"},
    "data.kind.regulation": {"en": "regulation", "id": "regulasi"},
    "data.flag.target": {"en": "target", "id": "target"},
    "data.flag.regulation": {"en": "regulation", "id": "regulasi"},
    "data.flag.statement": {"en": "statement", "id": "pernyataan"},
    "data.list.title": {
        "en": "{n} series ({rows} rows: a series by country)",
        "id": "{n} seri ({rows} baris: seri per negara)",
    },
    "data.col.series": {"en": "series", "id": "seri"},
    "data.col.country": {"en": "country", "id": "negara"},
    "data.col.kind": {"en": "kind", "id": "jenis"},
    "data.col.unit": {"en": "unit", "id": "satuan"},
    "data.col.years": {"en": "years", "id": "cakupan"},
    "data.col.values": {"en": "values", "id": "jumlah nilai"},
    "data.col.description": {"en": "description", "id": "keterangan"},
    "data.col.year": {"en": "year", "id": "tahun"},
    "data.col.region": {"en": "region", "id": "wilayah"},
    "data.col.category": {"en": "category", "id": "kategori"},
    "data.col.source_id": {"en": "source_id", "id": "sumber"},
    "data.col.value": {"en": "value", "id": "nilai"},
    "data.col.flag": {"en": "flag", "id": "penanda"},
    "data.col.source": {"en": "source", "id": "sumber"},
    "data.col.note": {"en": "note", "id": "catatan"},
    "data.col.id": {"en": "id", "id": "id"},
    "data.col.publisher": {"en": "publisher", "id": "penerbit"},
    "data.col.citation": {"en": "citation", "id": "kutipan"},
    "data.col.url": {"en": "url", "id": "url"},
    "data.col.accessed": {"en": "accessed", "id": "diakses"},
    "data.col.licence": {"en": "licence", "id": "lisensi"},
    "data.show.title": {
        "en": "{series} ({country}), {unit} — {kind}",
        "id": "{series} ({country}), {unit} — {kind}",
    },
    "data.sources.heading": {"en": "Sources:", "id": "Sumber:"},
    "data.sources.title": {"en": "{n} sources", "id": "{n} sumber"},
    "data.check.problem": {"en": "{n} problem in {folder}", "id": "{n} masalah di {folder}"},
    "data.check.problems": {"en": "{n} problems in {folder}", "id": "{n} masalah di {folder}"},
    "data.check.ok": {
        "en": "{folder}: ok ({files} files, {values} values, {sources} sources, {series} series)",
        "id": "{folder}: lolos pemeriksaan ({files} berkas, {values} nilai, {sources} sumber, {series} seri)",
    },
    "data.ownership.none": {
        "en": "No fleet or population data for {country} within {distance} years of {year}.",
        "id": "Tidak ada data armada atau penduduk untuk {country} dalam rentang {distance} tahun dari "
        "{year}.",
    },
    "data.ownership.title": {
        "en": "Vehicles per 1,000 people, {country}, {year}",
        "id": "Kendaraan per 1.000 penduduk, {country}, {year}",
    },
    "data.ownership.caption": {
        "en": "Counts are divided by the harmonised population of the same year. A source without a figure "
        "for {year} shows its nearest year (within {distance} years). M = million.",
        "id": "Jumlah kendaraan dibagi dengan jumlah penduduk hasil harmonisasi pada tahun yang sama. Sumber "
        "tanpa angka untuk {year} ditampilkan dengan tahun terdekatnya (paling jauh {distance} tahun).",
    },
    "data.ownership.col.number": {"en": "#", "id": "#"},
    "data.ownership.col.counted": {"en": "what is counted", "id": "yang dihitung"},
    "data.ownership.col.source": {"en": "source", "id": "sumber"},
    "data.ownership.col.year": {"en": "year", "id": "tahun"},
    "data.ownership.col.vehicles": {"en": "vehicles M", "id": "juta kendaraan"},
    "data.ownership.col.per_1000": {"en": "per 1,000", "id": "per 1.000"},
    "data.ownership.col.flag": {"en": "flag", "id": "penanda"},
    "data.ownership.rows": {
        "en": "Rows: series, population and sources (cite with 'motorisasi data sources ID ...'):",
        "id": "Baris: seri, penduduk dan sumber (kutip dengan 'motorisasi data sources ID ...'):",
    },
    "data.ownership.row": {"en": "{i}. {series} [{sources}]", "id": "{i}. {series} [{sources}]"},
    "data.ownership.row.population": {
        "en": "{i}. {series}, population {population} M [{sources}]",
        "id": "{i}. {series}, penduduk {population} juta [{sources}]",
    },
    "data.definition.passenger_cars": {"en": "passenger cars", "id": "mobil penumpang"},
    "data.definition.four_wheel_plus": {"en": "cars+buses+trucks", "id": "mobil+bus+truk"},
    "data.definition.all_motor_vehicles": {
        "en": "all incl. motorcycles",
        "id": "semua, termasuk sepeda motor",
    },
    "data.definition.not_stated": {"en": "not stated", "id": "tidak disebutkan"},
    "data.basis.harmonised": {"en": "harmonised", "id": "harmonisasi"},
    "data.basis.harmonised.meaning": {
        "en": "registered, motorisasi's harmonised series on the BPS revised basis",
        "id": "terdaftar, seri harmonisasi motorisasi dengan dasar metode revisi BPS",
    },
    "data.basis.registered_bps": {"en": "BPS", "id": "BPS"},
    "data.basis.registered_bps.meaning": {
        "en": "registered, BPS revised method (compiled from police records)",
        "id": "terdaftar, metode revisi BPS (dihimpun dari catatan kepolisian)",
    },
    "data.basis.registered_bps_press": {"en": "BPS (press)", "id": "BPS (media)"},
    "data.basis.registered_bps_press.meaning": {
        "en": "registered, BPS figures as quoted in the press",
        "id": "terdaftar, angka BPS sebagaimana dikutip media massa",
    },
    "data.basis.registered_bps_old": {"en": "BPS old", "id": "BPS lama"},
    "data.basis.registered_bps_old.meaning": {
        "en": "registered, BPS old method (before 2017)",
        "id": "terdaftar, metode lama BPS (sebelum 2017)",
    },
    "data.basis.registered_police": {"en": "police", "id": "kepolisian"},
    "data.basis.registered_police.meaning": {
        "en": "registered, Korlantas police records (snapshot dates in the data notes)",
        "id": "terdaftar, catatan Korlantas Polri (tanggal pencatatan tercantum dalam catatan data)",
    },
    "data.basis.registered_national": {"en": "ATO", "id": "ATO"},
    "data.basis.registered_national.meaning": {
        "en": "registered, national statistics as compiled by the Asian Transport Outlook",
        "id": "terdaftar, statistik nasional sebagaimana dihimpun oleh Asian Transport Outlook",
    },
    "data.basis.in_use_oica": {"en": "OICA in use", "id": "OICA beroperasi"},
    "data.basis.in_use_oica.meaning": {
        "en": "OICA estimate of vehicles in use",
        "id": "estimasi OICA atas kendaraan yang beroperasi",
    },
    "data.basis.registered_who": {"en": "WHO", "id": "WHO"},
    "data.basis.registered_who.meaning": {
        "en": "registered, WHO Global Health Observatory (published as a rate)",
        "id": "terdaftar, WHO Global Health Observatory (diterbitkan sebagai rasio)",
    },
    "data.basis.statement": {"en": "statement", "id": "pernyataan"},
    "data.basis.statement.meaning": {
        "en": "an official's figure for 'car ownership'; definition and population base not stated",
        "id": "angka 'kepemilikan mobil' yang disampaikan pejabat; definisi dan dasar jumlah penduduk tidak "
        "disebutkan",
    },
    "ownership.title": {
        "en": "Ownership model ({form}), {definition}, {countries}",
        "id": "Model kepemilikan ({form}), {definition}, {countries}",
    },
    "ownership.form.dynamic": {"en": "partial adjustment", "id": "penyesuaian parsial"},
    "ownership.form.static": {"en": "static curve", "id": "kurva statis"},
    "ownership.col.parameter": {"en": "parameter", "id": "parameter"},
    "ownership.col.estimate": {"en": "estimate", "id": "estimasi"},
    "ownership.col.stderr": {"en": "std. error", "id": "galat baku"},
    "ownership.col.interval": {"en": "95 % interval", "id": "selang 95 %"},
    "ownership.col.unit": {"en": "unit", "id": "satuan"},
    "ownership.param.saturation": {"en": "saturation", "id": "saturasi"},
    "ownership.param.shift": {"en": "saturation shift", "id": "geseran saturasi"},
    "ownership.registers": {
        "en": "Register definitions (register_definitions.csv; active = vehicles leave the count, cumulative = "
        "they do not, mixed = partly): {kinds}. They are pooled unless --characteristics cumulative,mixed "
        "gives each kind a level factor.",
        "id": "Definisi registrasi (register_definitions.csv; active = kendaraan keluar dari hitungan, "
        "cumulative = tidak, mixed = sebagian): {kinds}. Semuanya digabung kecuali --characteristics "
        "cumulative,mixed memberi tiap jenis faktor tingkat.",
    },
    "ownership.project.title": {
        "en": "{country}: {definition} ownership per 1,000 people to {to}, from the fitted ownership model",
        "id": "{country}: kepemilikan {definition} per 1.000 penduduk hingga {to}, dari model kepemilikan",
    },
    "ownership.project.start": {
        "en": "Start: {value} per 1,000 in {year}, the latest observed year",
        "id": "Awal: {value} per 1.000 pada {year}, tahun teramati terakhir",
    },
    "ownership.project.no_history": {
        "en": "No ownership history in the data: the path is the long-run curve (ownership in equilibrium "
        "with income, which a growing market lags)",
        "id": "Tidak ada riwayat kepemilikan dalam data: lintasan adalah kurva jangka panjang (kepemilikan "
        "seimbang dengan pendapatan, yang tertinggal di pasar yang tumbuh)",
    },
    "ownership.project.saturation.fit": {
        "en": "Saturation {value} per 1,000: fitted to the panel {panel}, which includes the country",
        "id": "Saturasi {value} per 1.000: dicocokkan pada panel {panel}, yang mencakup negara ini",
    },
    "ownership.project.saturation.panel": {
        "en": "Saturation {value} per 1,000: the level of the panel {panel} (the country is outside it)",
        "id": "Saturasi {value} per 1.000: tingkat panel {panel} (negara ini di luar panel)",
    },
    "ownership.project.saturation.characteristics": {
        "en": "Saturation {value} per 1,000: the panel's ({panel}) level shifted by the country's characteristics",
        "id": "Saturasi {value} per 1.000: tingkat panel ({panel}) yang digeser oleh karakteristik negara ini",
    },
    "ownership.project.beta.fit": {
        "en": "Income response {value} per thousand $: fitted in the panel",
        "id": "Respons pendapatan {value} per ribu $: dicocokkan dalam panel",
    },
    "ownership.project.beta.own": {
        "en": "Income response {value} per thousand $: fitted to the country's own observed years (the panel's "
        "range {low} to {high})",
        "id": "Respons pendapatan {value} per ribu $: dicocokkan pada tahun teramati negara ini sendiri "
        "(rentang panel {low} hingga {high})",
    },
    "ownership.project.beta.panel": {
        "en": "Income response {value} per thousand $: the panel's median (range {low} to {high}), as the "
        "country has under two consecutive observed years",
        "id": "Respons pendapatan {value} per ribu $: median panel (rentang {low} hingga {high}), karena "
        "negara ini memiliki kurang dari dua tahun teramati berturut-turut",
    },
    "ownership.project.income.recent": {
        "en": "Income: GDP per capita (PPP, 2021 $, World Bank) to {last}, then {growth} %/yr, its mean growth "
        "over the last 10 years (--growth to change)",
        "id": "Pendapatan: PDB per kapita (PPP, $ 2021, Bank Dunia) hingga {last}, lalu {growth} %/thn, rata-rata "
        "pertumbuhannya 10 tahun terakhir (ubah dengan --growth)",
    },
    "ownership.project.income.given": {
        "en": "Income: GDP per capita (PPP, 2021 $, World Bank) to {last}, then {growth} %/yr as given",
        "id": "Pendapatan: PDB per kapita (PPP, $ 2021, Bank Dunia) hingga {last}, lalu {growth} %/thn sesuai "
        "masukan",
    },
    "ownership.project.col.year": {"en": "year", "id": "tahun"},
    "ownership.project.col.income": {"en": "GDP per capita, $", "id": "PDB per kapita, $"},
    "ownership.project.col.ownership": {"en": "per 1,000", "id": "per 1.000"},
    "ownership.project.col.range": {"en": "90 % range", "id": "rentang 90 %"},
    "ownership.project.note": {
        "en": "The range is the 5th-95th percentile over {draws} draws of the fitted parameters (Krinsky-Robb; "
        "under the panel rule each draw takes a random panel country's income response); income is not "
        "drawn. Cross-validated skill: ownership fit --cv.",
        "id": "Rentang adalah persentil ke-5 hingga ke-95 dari {draws} tarikan parameter (Krinsky-Robb; dengan "
        "aturan panel tiap tarikan memakai respons pendapatan negara panel yang dipilih acak); pendapatan "
        "tidak ditarik. Keandalan validasi silang: ownership fit --cv.",
    },
    "ownership.saturation_by_country": {
        "en": "Saturation level by country (the base level times exp(shifts x characteristics)), per 1,000: "
        "{levels}",
        "id": "Tingkat saturasi per negara (tingkat dasar dikali exp(geseran x karakteristik)), per 1.000: "
        "{levels}",
    },
    "ownership.unit.saturation": {"en": "vehicles per 1,000", "id": "kendaraan per 1.000 penduduk"},
    "ownership.unit.alpha": {"en": "-", "id": "-"},
    "ownership.unit.beta": {"en": "per thousand $", "id": "per ribu $"},
    "ownership.unit.theta": {"en": "per year", "id": "per tahun"},
    "ownership.unit.shift": {"en": "log change per unit", "id": "perubahan log per satuan"},
    "ownership.unit.substitution": {"en": "per four-wheeler", "id": "per kendaraan roda empat"},
    "ownership.param.substitution": {"en": "substitution", "id": "substitusi"},
    "ownership.interval": {"en": "{low} to {high}", "id": "{low} hingga {high}"},
    "ownership.fixed": {"en": "fixed", "id": "tetap"},
    "ownership.summary": {
        "en": "{n} observations; one step ahead (each year from the observed year before): RMSE {rmse} per "
        "1,000, R² {r2}",
        "id": "{n} observasi; satu langkah ke depan (tiap tahun dari tahun teramati sebelumnya): RMSE {rmse} "
        "per 1.000, R² {r2}",
    },
    "ownership.country": {
        "en": "{country}: one-step RMSE {rmse} per 1,000, {first}-{last}; simulated from {first} with the actual "
        "income (multi-step): MAE {mae}, bias {bias}; series: {series}",
        "id": "{country}: RMSE satu langkah {rmse} per 1.000, {first}-{last}; disimulasikan dari {first} dengan "
        "pendapatan aktual (multi-langkah): MAE {mae}, bias {bias}; seri: {series}",
    },
    "ownership.note.excluded": {
        "en": "Years whose count is filled or moved from another statistical basis are left out (never taken "
        "for observations); one-step errors predict each year from the observed year before and measure "
        "persistence more than skill: see --cv.",
        "id": "Tahun yang jumlahnya diisi atau dipindahkan dari basis statistik lain tidak dipakai (tidak "
        "dianggap observasi); galat satu langkah memprediksi tiap tahun dari tahun teramati sebelumnya dan "
        "lebih mengukur persistensi daripada kemampuan: lihat --cv.",
    },
    "ownership.cv.title": {
        "en": "{evaluation}: mean absolute error by horizon, vehicles per 1,000 (bias = mean signed error)",
        "id": "{evaluation}: rata-rata galat absolut menurut horizon, kendaraan per 1.000 (bias = rata-rata "
        "galat bertanda)",
    },
    "ownership.cv.rolling": {
        "en": "Rolling origin (the panel refitted on the data up to each origin)",
        "id": "Titik awal bergulir (panel dicocokkan ulang dengan data sampai tiap titik awal)",
    },
    "ownership.cv.loco": {
        "en": "Leave one country out (fitted on the other countries; income response = their median)",
        "id": "Satu negara dikeluarkan (dicocokkan pada negara lain; respons pendapatan = median mereka)",
    },
    "ownership.cv.loco_own_beta": {
        "en": "Leave one country out, its income response fitted to its own years up to the origin",
        "id": "Satu negara dikeluarkan, respons pendapatannya dicocokkan pada tahun-tahunnya sendiri sampai "
        "titik awal",
    },
    "ownership.cv.country": {"en": "country", "id": "negara"},
    "ownership.cv.none": {
        "en": "{evaluation}: no forecast could be scored.",
        "id": "{evaluation}: tidak ada prakiraan yang dapat dinilai.",
    },
    "ownership.cv.income.actual": {
        "en": "Forecasts are conditional on the actual income after each origin, as a scenario is on its income "
        "path (--ex-ante: without it).",
        "id": "Prakiraan bersyarat pada pendapatan aktual setelah tiap titik awal, seperti skenario pada jalur "
        "pendapatannya (--ex-ante: tanpanya).",
    },
    "ownership.cv.income.extrapolated": {
        "en": "Ex ante: income after each origin is its growth over the last three years carried on.",
        "id": "Ex ante: pendapatan setelah tiap titik awal melanjutkan pertumbuhan tiga tahun terakhirnya.",
    },
    "ownership.cv.all": {"en": "all", "id": "semua"},
    "ownership.cv.sentence": {
        "en": "{evaluation}: the ownership model misses by {model} per 1,000 on average {horizons} years ahead, "
        "the best naive benchmark ({benchmark}) by {value}.",
        "id": "{evaluation}: model kepemilikan meleset rata-rata {model} per 1.000 untuk {horizons} tahun ke "
        "depan, tolok ukur naif terbaik ({benchmark}) {value}.",
    },
    "ownership.cv.sentence_loses": {
        "en": "{evaluation}: the ownership model misses by {model} per 1,000 on average {horizons} years ahead "
        "and loses to a naive benchmark ({benchmark}, {value}).",
        "id": "{evaluation}: model kepemilikan meleset rata-rata {model} per 1.000 untuk {horizons} tahun ke "
        "depan dan kalah dari tolok ukur naif ({benchmark}, {value}).",
    },
    "ownership.cv.skipped": {
        "en": "{n} rolling origins could not identify the panel's parameters and are not scored.",
        "id": "{n} titik awal bergulir tidak dapat mengidentifikasi parameter panel dan tidak dinilai.",
    },
    "ownership.cv.loco_skipped": {
        "en": "Without {country} the others do not identify the model ({reason}).",
        "id": "Tanpa {country} negara lain tidak mengidentifikasi model ({reason}).",
    },
    "name.backtest_model.ownership_model": {"en": "ownership model", "id": "model kepemilikan"},
    "demo.inputs.title": {
        "en": "Illustrative inputs (assumptions, not data)",
        "id": "Masukan ilustratif (asumsi, bukan data)",
    },
    "demo.col.name": {"en": "name", "id": "nama"},
    "demo.col.value": {"en": "value", "id": "nilai"},
    "demo.col.unit": {"en": "unit", "id": "satuan"},
    "demo.col.why": {"en": "why", "id": "alasan"},
    "demo.row.sales": {"en": "sales in year 1", "id": "penjualan tahun ke-1"},
    "demo.row.growth": {"en": "sales growth", "id": "pertumbuhan penjualan"},
    "demo.row.lifetime": {"en": "lifetime distribution", "id": "distribusi umur pakai"},
    "demo.row.entry": {"en": "entry in sales year", "id": "waktu masuk dalam tahun penjualan"},
    "demo.row.fleet": {"en": "fleet before year 1", "id": "armada sebelum tahun ke-1"},
    "demo.param.mean": {"en": "mean", "id": "rata-rata"},
    "demo.param.std": {"en": "std", "id": "simpangan baku"},
    "demo.param.shape": {"en": "shape", "id": "bentuk"},
    "demo.param.lifetime": {"en": "lifetime", "id": "umur"},
    "demo.unit.vehicles_per_year": {"en": "vehicles/yr", "id": "kendaraan/tahun"},
    "demo.unit.per_year": {"en": "per year", "id": "per tahun"},
    "demo.unit.years": {"en": "years", "id": "tahun"},
    "demo.unit.vehicles": {"en": "vehicles", "id": "kendaraan"},
    "demo.why.illustrative": {"en": "illustrative", "id": "ilustratif"},
    "demo.why.empty": {
        "en": "the example starts from an empty fleet",
        "id": "contoh dimulai dari armada kosong",
    },
    "demo.entry.end": {
        "en": "convention: vehicles enter on 31 December",
        "id": "konvensi: kendaraan masuk pada 31 Desember",
    },
    "demo.entry.middle": {
        "en": "convention: vehicles enter on 1 July",
        "id": "konvensi: kendaraan masuk pada 1 Juli",
    },
    "demo.entry.start": {
        "en": "convention: vehicles enter on 1 January",
        "id": "konvensi: kendaraan masuk pada 1 Januari",
    },
    "demo.entry.uniform": {
        "en": "convention: entries spread over the year",
        "id": "konvensi: kendaraan masuk tersebar sepanjang tahun",
    },
    "demo.entry.other": {"en": "convention", "id": "konvensi"},
    "demo.turnover.title": {"en": "Stock turnover", "id": "Perputaran stok armada"},
    "demo.col.year": {"en": "year", "id": "tahun"},
    "demo.col.sales": {"en": "sales", "id": "penjualan"},
    "demo.col.retirements": {"en": "retirements", "id": "kendaraan keluar"},
    "demo.col.fleet": {"en": "fleet", "id": "armada"},
    "demo.col.average_age": {"en": "average age (yr)", "id": "umur rata-rata (tahun)"},
    "demo.col.sales_back": {"en": "sales, stock-driven", "id": "penjualan, berbasis stok"},
    "demo.residuals": {
        "en": "Largest mass-balance residual: {balance} vehicles; largest difference between the given sales "
        "and the stock-driven sales: {round_trip} vehicles.",
        "id": "Sisa neraca massa terbesar: {balance} kendaraan; selisih terbesar antara penjualan masukan "
        "dan penjualan berbasis stok: {round_trip} kendaraan.",
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
    "assumption.register_removal_rate": {
        "en": "fitted to the register's {n} single-basis year-on-year changes {years} (90 % interval "
        "{low:.1f}-{high:.1f} %/yr); no change across a break between statistical bases is used",
        "id": "dicocokkan pada {n} perubahan tahunan registrasi dalam satu basis {years} (interval 90 % "
        "{low:.1f}-{high:.1f} %/thn); perubahan yang melintasi pergantian basis statistik tidak dipakai",
    },
    "assumption.register_no_removals": {
        "en": "a registered vehicle is never removed (the register grows by every sale)",
        "id": "kendaraan terdaftar tidak pernah dihapus (registrasi bertambah dengan setiap penjualan)",
    },
    "assumption.register_in_use": {
        "en": "a vehicle is removed from the register in the year it leaves use",
        "id": "kendaraan dihapus dari registrasi pada tahun kendaraan berhenti beroperasi",
    },
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
    "assumption.ownership_panel": {
        "en": "Gompertz ownership with partial adjustment fitted to these countries' observed years (filled and "
        "basis-adjusted years left out): saturation {saturation:.0f} per 1,000, adjustment {theta:.2f} per year",
        "id": "kepemilikan Gompertz dengan penyesuaian parsial yang dicocokkan pada tahun teramati negara-negara "
        "ini (tahun yang diisi atau disesuaikan basisnya tidak dipakai): saturasi {saturation:.0f} per 1.000, "
        "penyesuaian {theta:.2f} per tahun",
    },
    "assumption.ownership_definition": {
        "en": "registered counts: Indonesia BPS (revised basis), the others the Asian Transport Outlook's national "
        "statistics; register definitions {kinds} (active: vehicles leave the count; cumulative: they do not), "
        "pooled without a level factor",
        "id": "jumlah terdaftar: Indonesia BPS (basis revisi), negara lain statistik nasional dari Asian Transport "
        "Outlook; definisi registrasi {kinds} (active: kendaraan keluar dari hitungan; cumulative: tidak), "
        "digabung tanpa faktor tingkat",
    },
    "assumption.ownership_cv_mae": {
        "en": "cross-validated mean absolute error {horizons} years ahead given the actual income (ownership fit "
        "--cv): refitted up to each origin {roll:.1f} (best naive benchmark {roll_best:.1f}); a country left "
        "out, own income response, {loco:.1f} ({loco_best:.1f})",
        "id": "galat absolut rata-rata validasi silang {horizons} tahun ke depan dengan pendapatan aktual "
        "(ownership fit --cv): dicocokkan ulang hingga tiap titik awal {roll:.1f} (pembanding naif terbaik "
        "{roll_best:.1f}); satu negara dikeluarkan, respons pendapatan sendiri, {loco:.1f} ({loco_best:.1f})",
    },
    "unit.countries": {"en": "countries", "id": "negara"},
    "unit.per 1,000 people": {"en": "per 1,000 people", "id": "per 1.000 penduduk"},
    "unit.per 1,000": {"en": "per 1,000", "id": "per 1.000"},
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
    "chart.fan.median": {"en": "median", "id": "median"},
    "report.caption.fan_ownership": {
        "en": "Four-wheel ownership over the draws of the scenario's uncertain inputs: the median, and the "
        "ranges of the middle half and of 90 % of the draws",
        "id": "Kepemilikan roda empat atas undian masukan tidak pasti skenario: median, serta rentang "
        "separuh tengah dan 90 % undian",
    },
    "report.caption.fan_co2": {
        "en": "Road CO2 including electricity over the draws of the scenario's uncertain inputs",
        "id": "CO2 kendaraan bermotor termasuk listrik atas undian masukan tidak pasti skenario",
    },
    "chart.fan.range": {"en": "{low}-{high} % of draws", "id": "{low}-{high} % undian"},
    "chart.fan.ownership": {
        "en": "4-wheel+ vehicles per 1,000 people (registered): {draws} draws",
        "id": "Kendaraan roda empat+ per 1.000 penduduk (terdaftar): {draws} undian",
    },
    "chart.fan.co2": {
        "en": "CO2 of road vehicles incl. electricity: {draws} draws",
        "id": "CO2 kendaraan bermotor termasuk listrik: {draws} undian",
    },
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
    "chart.four_wheel_in_use": {
        "en": "four-wheel+ in use (modelled from sales)",
        "id": "roda empat+ yang beroperasi (model dari penjualan)",
    },
    "chart.four_wheel": {"en": "this scenario", "id": "skenario ini"},
    "chart.target": {"en": "target {value}", "id": "target {value}"},
    "chart.fleet.title": {
        "en": "Fleet in use by powertrain: {segment}",
        "id": "Armada yang beroperasi menurut jenis penggerak: {segment}",
    },
    "chart.sales.title": {
        "en": "New sales by powertrain: {segment}",
        "id": "Penjualan kendaraan baru menurut jenis penggerak: {segment}",
    },
    "chart.age.title": {
        "en": "Fleet in use by age: {segment}",
        "id": "Armada yang beroperasi menurut umur: {segment}",
    },
    "chart.registered.title": {"en": "Registered vehicles", "id": "Kendaraan terdaftar"},
    "chart.sales_total.title": {"en": "New vehicle sales", "id": "Penjualan kendaraan baru"},
    "chart.bev_share.title": {"en": "BEV share of car sales", "id": "Pangsa BEV dalam penjualan mobil"},
    "chart.production_4w.title": {
        "en": "Production of four-wheel-plus vehicles",
        "id": "Produksi kendaraan roda empat atau lebih",
    },
    "chart.energy.title": {
        "en": "Final energy use by fuel",
        "id": "Konsumsi energi final menurut bahan bakar",
    },
    "chart.co2.title": {"en": "CO2 emissions of road vehicles", "id": "Emisi CO2 kendaraan bermotor"},
    "chart.co2.ttw": {"en": "CO2 tank-to-wheel", "id": "CO2 tank-to-wheel (TTW)"},
    "chart.co2.wtw": {
        "en": "CO2 incl. electricity generation",
        "id": "CO2 termasuk emisi pembangkitan listrik",
    },
    "chart.trade.title": {
        "en": "Production, exports and imports: {group}",
        "id": "Produksi, ekspor dan impor: {group}",
    },
    "chart.production": {"en": "production", "id": "produksi"},
    "chart.exports": {"en": "exports (built up)", "id": "ekspor (CBU)"},
    "chart.imports": {"en": "imports (built up)", "id": "impor (CBU)"},
    "chart.batteries.title": {
        "en": "Battery capacity in new vehicles",
        "id": "Kapasitas baterai kendaraan baru",
    },
    "chart.jobs.title": {
        "en": "Direct jobs in vehicle assembly",
        "id": "Tenaga kerja langsung di industri perakitan kendaraan",
    },
    "chart.million_vehicles": {"en": "million vehicles", "id": "juta kendaraan"},
    "chart.million_per_year": {"en": "million vehicles per year", "id": "juta kendaraan per tahun"},
    "chart.thousand_vehicles": {"en": "thousand vehicles", "id": "ribu kendaraan"},
    "chart.thousand_persons": {"en": "thousand persons", "id": "ribu orang"},
    "chart.pj": {"en": "PJ per year", "id": "PJ per tahun"},
    "chart.mt_co2": {"en": "Mt CO2 per year", "id": "juta ton CO2 per tahun"},
    "chart.gwh_per_year": {"en": "GWh per year", "id": "GWh per tahun"},
    "chart.percent": {"en": "%", "id": "%"},
    "chart.thousand_per_age": {
        "en": "thousand vehicles per year of age",
        "id": "ribu kendaraan per tahun umur",
    },
    "chart.energy_total.title": {
        "en": "Final energy use, all fuels",
        "id": "Konsumsi energi final, semua bahan bakar",
    },
    "name.country.JPN": {"en": "Japan", "id": "Jepang"},
    "name.country.THA": {"en": "Thailand", "id": "Thailand"},
    "name.country.MYS": {"en": "Malaysia", "id": "Malaysia"},
    "name.country.IDN": {"en": "Indonesia", "id": "Indonesia"},
    "report.title": {
        "en": "motorisasi: road vehicles in {country}, scenario {scenarios}",
        "id": "motorisasi: kendaraan bermotor di {country}, skenario {scenarios}",
    },
    "report.meta": {
        "en": "Written by motorisasi {version}, an open-source scenario model of a country's road-vehicle "
        "market and fleet. Every number below comes from the scenario run and the cited data.",
        "id": "Dibuat oleh motorisasi {version}, model skenario sumber terbuka untuk pasar dan armada "
        "kendaraan bermotor suatu negara. Setiap angka di bawah berasal dari hasil skenario dan data yang "
        "dikutip.",
    },
    "report.comparison": {"en": "Scenarios compared", "id": "Perbandingan skenario"},
    "report.scenario": {"en": "Scenario {name}", "id": "Skenario {name}"},
    "report.scenario.col": {"en": "scenario", "id": "skenario"},
    "report.hash": {"en": "scenario hash (SHA-256): {hash}", "id": "hash skenario (SHA-256): {hash}"},
    "report.hash.col": {"en": "scenario hash (SHA-256)", "id": "hash skenario (SHA-256)"},
    "report.headline.already": {
        "en": "Four-wheel ownership was already {ownership} per 1,000 in {year}, at or above {target}.",
        "id": "Kepemilikan kendaraan roda empat sudah {ownership} per 1.000 penduduk pada tahun {year}, "
        "setara atau di atas {target}.",
    },
    "report.headline.reached": {
        "en": "Four-wheel ownership reaches {target} per 1,000 in {year} under this scenario.",
        "id": "Kepemilikan kendaraan roda empat mencapai {target} per 1.000 penduduk pada tahun {year} "
        "dalam skenario ini.",
    },
    "report.headline.never": {
        "en": "Four-wheel ownership does not reach {target} per 1,000 by {end} under this scenario "
        "({ownership} per 1,000 in {end}).",
        "id": "Kepemilikan kendaraan roda empat tidak mencapai {target} per 1.000 penduduk hingga tahun {end} "
        "dalam skenario ini ({ownership} per 1.000 pada tahun {end}).",
    },
    "report.headline.run_sales": {
        "en": "It gets there with {sales} four-wheel sales in {by}, {times} times the {base} of {year}.",
        "id": "Target itu dicapai dengan penjualan kendaraan roda empat {sales} unit pada tahun {by}, "
        "{times} kali penjualan tahun {year} ({base} unit).",
    },
    "report.headline.needed": {
        "en": "Reaching it in {by} needs four-wheel sales to grow {growth} % a year to {sales} in {by}, "
        "{times} times the {today} sold in {year}.",
        "id": "Untuk mencapainya pada tahun {by}, penjualan kendaraan roda empat harus tumbuh {growth}% per "
        "tahun hingga {sales} unit pada tahun {by}, {times} kali penjualan tahun {year} ({today} unit).",
    },
    "report.headline.bound": {
        "en": "That is faster than the {bound} % a year the gap analysis treats as feasible.",
        "id": "Laju itu melebihi {bound}% per tahun, batas yang dianggap layak dalam analisis kesenjangan.",
    },
    "report.headline.gap_error": {
        "en": "What reaching it in {by} would take could not be computed: {reason}.",
        "id": "Kebutuhan untuk mencapainya pada tahun {by} tidak dapat dihitung: {reason}.",
    },
    "report.error.target": {
        "en": "--target: must be 1 to 2,000 vehicles per 1,000, got {value}",
        "id": "--target: harus 1 sampai 2.000 kendaraan per 1.000, bukan {value}",
    },
    "report.error.by": {
        "en": "--by: {by} is outside the projection {first}-{end} of scenario {name}",
        "id": "--by: {by} berada di luar rentang proyeksi {first}-{end} skenario {name}",
    },
    "report.error.charts": {
        "en": "--charts: {path} is a file; give a folder",
        "id": "--charts: {path} adalah berkas; berikan sebuah folder",
    },
    "report.error.out_folder": {
        "en": "--out: {path} is a folder; give the HTML file to write",
        "id": "--out: {path} adalah folder; berikan nama berkas HTML yang akan ditulis",
    },
    "report.error.out_parent": {
        "en": "--out: {path} is a file, not a folder",
        "id": "--out: {path} adalah berkas, bukan folder",
    },
    "report.error.out_html": {
        "en": "--out: {path} does not end in .html; the report is an HTML file (the PDF goes next to it)",
        "id": "--out: {path} tidak berakhiran .html; laporan adalah berkas HTML (PDF diletakkan di sebelahnya)",
    },
    "files.error.locked": {
        "en": "{folder}: another motorisasi command is writing into this folder; wait for it to finish or "
        "choose another output folder",
        "id": "{folder}: perintah motorisasi lain sedang menulis ke folder ini; tunggu hingga selesai atau "
        "pilih folder keluaran lain",
    },
    "files.error.folder": {
        "en": "{folder}: cannot write here ({reason}); nothing was written",
        "id": "{folder}: tidak dapat menulis di sini ({reason}); tidak ada yang ditulis",
    },
    "files.error.not_folder": {
        "en": "{folder}: is a file, not a folder; choose another output folder",
        "id": "{folder}: adalah berkas, bukan folder; pilih folder keluaran lain",
    },
    "files.error.is_folder": {
        "en": "{path}: is a folder, so the file of that name cannot be written; move it or choose another "
        "output folder",
        "id": "{path}: adalah folder sehingga berkas dengan nama itu tidak dapat ditulis; pindahkan atau pilih "
        "folder keluaran lain",
    },
    "files.error.staging_name": {
        "en": "{folder}: folders named .motorisasi-staging-* are where this program prepares its files; "
        "choose another name",
        "id": "{folder}: folder bernama .motorisasi-staging-* adalah tempat program ini menyiapkan berkasnya; "
        "pilih nama lain",
    },
    "files.error.recover": {
        "en": "{folder}: an interrupted earlier command left files that can be neither finished nor put "
        "back ({reason}); check the folder's files before using them",
        "id": "{folder}: perintah sebelumnya yang terputus meninggalkan berkas yang tidak dapat diselesaikan "
        "maupun dikembalikan ({reason}); periksa berkas di folder ini sebelum memakainya",
    },
    "files.error.special": {
        "en": "{path}: is not a regular file (a device or a pipe); choose another output file",
        "id": "{path}: bukan berkas biasa (perangkat atau pipa); pilih berkas keluaran lain",
    },
    "files.error.name": {
        "en": "{name!r} is not a plain file name inside {folder}",
        "id": "{name!r} bukan nama berkas biasa di dalam {folder}",
    },
    "files.error.write": {
        "en": "{path}: cannot be written ({reason}); nothing was written and the previous files are unchanged",
        "id": "{path}: tidak dapat ditulis ({reason}); tidak ada yang ditulis dan berkas sebelumnya tidak "
        "berubah",
    },
    "files.error.rolled_back": {
        "en": "{path}: cannot be put in place ({reason}); nothing was changed and the previous files are "
        "as they were",
        "id": "{path}: tidak dapat ditempatkan ({reason}); tidak ada yang diubah dan berkas sebelumnya tetap "
        "seperti semula",
    },
    "files.error.commit": {
        "en": "{path}: cannot be put in place ({reason}); new: {written}; not written: {missing}",
        "id": "{path}: tidak dapat ditempatkan ({reason}); baru: {written}; tidak ditulis: {missing}",
    },
    "report.million": {"en": "{value} million", "id": "{value} juta"},
    "report.key_figures": {"en": "Key figures", "id": "Angka utama"},
    "report.indicator": {"en": "indicator", "id": "indikator"},
    "report.charts": {"en": "Charts", "id": "Grafik"},
    "report.assumptions": {
        "en": "Assumptions: all {n} settings of the scenario, with their reasons",
        "id": "Asumsi: seluruh {n} parameter skenario, beserta alasannya",
    },
    "report.assumptions.field": {"en": "setting", "id": "parameter"},
    "report.assumptions.value": {"en": "value", "id": "nilai"},
    "report.assumptions.meaning": {"en": "unit and meaning", "id": "satuan dan keterangan"},
    "report.assumptions.reason": {"en": "reason or source", "id": "alasan atau sumber"},
    "report.sources": {"en": "Data sources", "id": "Sumber data"},
    "report.sources.intro": {
        "en": "Every embedded data point the run used, by source; 'motorisasi data sources ID' prints one "
        "in full.",
        "id": "Setiap data bawaan yang digunakan, menurut sumbernya; 'motorisasi data sources ID' "
        "menampilkannya secara lengkap.",
    },
    "report.sources.id": {"en": "id", "id": "id"},
    "report.sources.publisher": {"en": "publisher", "id": "penerbit"},
    "report.sources.citation": {"en": "citation", "id": "rujukan"},
    "report.sources.table": {"en": "table", "id": "tabel"},
    "report.sources.accessed": {"en": "accessed", "id": "tanggal akses"},
    "report.sources.licence": {"en": "licence", "id": "lisensi"},
    "report.conventions": {"en": "Conventions", "id": "Catatan metodologi"},
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
        "beroperasi + registrasi yang belum dihapus, ditampilkan terpisah dalam hasil.",
    },
    "report.convention.years": {
        "en": "Years are calendar years. The base year is observed data; the model projects from the year "
        "after. Vehicles sold in a year enter the fleet in the middle of it and leave by a lifetime "
        "distribution.",
        "id": "Tahun adalah tahun kalender. Tahun dasar berisi data teramati; model memproyeksikan mulai tahun "
        "berikutnya. Kendaraan yang terjual masuk armada di pertengahan tahun dan keluar menurut distribusi "
        "umur pakai.",
    },
    "report.fitted": {"en": "fitted", "id": "hasil kalibrasi"},
    "report.fitted.segment": {
        "en": "{segment}: {km} km/yr, x {intensity} energy per km",
        "id": "{segment}: {km} km/thn, x {intensity} energi per km",
    },
    "report.fitted.meaning": {
        "en": "Factor on distance driven x energy per km, fitted so road energy matches the energy balance",
        "id": "Faktor jarak tempuh x energi per km, dikalibrasi agar energi jalan raya sesuai neraca energi",
    },
    "report.fitted.reason": {
        "en": "fitted to {series} in {years}; modelled minus reference {low} to {high} % in those years",
        "id": "dikalibrasi terhadap {series} pada {years}; selisih model terhadap acuan {low} hingga {high} % "
        "pada tahun-tahun itu",
    },
    "report.convention.energy": {
        "en": "Energy is final energy at the vehicle (net calorific values, IPCC 2006) in PJ; electricity "
        "includes charging losses. Distance driven is calibrated so that road energy matches the energy "
        "balance, within published ranges (the fitted rows of the assumptions; 'motorisasi calibrate "
        "--energy').",
        "id": "Energi adalah energi final di kendaraan (nilai kalor neto, IPCC 2006) dalam PJ; listrik termasuk "
        "rugi-rugi pengisian daya. Jarak tempuh dikalibrasi agar energi jalan raya sesuai neraca energi, "
        "dalam rentang terpublikasi (baris hasil kalibrasi pada asumsi; 'motorisasi calibrate --energy').",
    },
    "report.convention.co2": {
        "en": "CO2 tank-to-wheel counts fossil fuel burnt in vehicles (biodiesel counts zero); 'incl. "
        "electricity generation' adds the grid CO2 of the electricity used for charging.",
        "id": "CO2 tank-to-wheel menghitung bahan bakar fosil yang dibakar kendaraan (biodiesel dihitung "
        "nol); 'termasuk emisi pembangkitan listrik' menambahkan CO2 pembangkit untuk listrik pengisian daya.",
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
        "menghitungnya. Tidak ada angka rekaan: angka tanpa data adalah asumsi beserta alasannya.",
    },
    "report.convention.gap": {
        "en": "When a scenario falls short of the target, the headline's 'needs' comes from the gap analysis "
        "('motorisasi gap'): it starts from the latest observed year and one lifetime for all four-wheelers, "
        "so its figures differ a little from a scenario run, which starts from the base year.",
        "id": "Jika skenario tidak mencapai target, angka 'dibutuhkan' pada ringkasan berasal dari analisis "
        "kesenjangan ('motorisasi gap'): analisis ini dimulai dari tahun teramati terakhir dengan satu umur "
        "pakai untuk semua kendaraan roda empat, sehingga angkanya sedikit berbeda dari hasil skenario yang "
        "dimulai dari tahun dasar.",
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
        "id": "Penjualan kendaraan baru menurut jenis penggerak: {name}",
    },
    "report.caption.fleet": {
        "en": "Fleet in use by powertrain: {name}",
        "id": "Armada yang beroperasi menurut jenis penggerak: {name}",
    },
    "report.caption.age": {
        "en": "Fleet in use by age: {name}",
        "id": "Armada yang beroperasi menurut umur: {name}",
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
        "id": "Tenaga kerja langsung di industri perakitan kendaraan",
    },
    "report.caption.batteries": {
        "en": "Battery capacity in new vehicles",
        "id": "Kapasitas baterai kendaraan baru",
    },
    "report.progress": {
        "en": "Running and drawing {name}",
        "id": "Menjalankan skenario dan membuat grafik: {name}",
    },
    "report.wrote": {"en": "Wrote {paths}", "id": "Tersimpan: {paths}"},
    "dash.title": {
        "en": "motorisasi: Indonesia's vehicle market and fleet",
        "id": "motorisasi: pasar dan armada kendaraan Indonesia",
    },
    "dash.language": {"en": "Language", "id": "Bahasa"},
    "dash.scenario": {"en": "Scenario", "id": "Skenario"},
    "dash.upload": {
        "en": "Or your own scenario file (YAML, at most 200 kB)",
        "id": "Atau berkas skenario Anda sendiri (YAML, paling besar 200 kB)",
    },
    "dash.uploaded": {"en": "your file: {name}", "id": "berkas Anda: {name}"},
    "dash.levers": {"en": "Levers", "id": "Tuas"},
    "dash.target": {"en": "Target", "id": "Target"},
    "dash.target_per_1000": {
        "en": "Four-wheel ownership target (per 1,000 people)",
        "id": "Target kepemilikan roda empat (per 1.000 penduduk)",
    },
    "dash.target_by": {"en": "Reached by", "id": "Dicapai pada tahun"},
    "dash.headline": {"en": "The answer", "id": "Jawabannya"},
    "dash.key_figures": {"en": "Key figures", "id": "Angka utama"},
    "dash.ownership_2030": {
        "en": "Four-wheel ownership in {year} (per 1,000)",
        "id": "Kepemilikan roda empat pada {year} (per 1.000)",
    },
    "dash.chart.ownership": {
        "en": "Four-wheel vehicles per 1,000 people, and the target",
        "id": "Kendaraan roda empat per 1.000 penduduk, dan targetnya",
    },
    "dash.chart.sales": {
        "en": "Passenger-car sales by powertrain (vehicles per year)",
        "id": "Penjualan mobil penumpang menurut jenis penggerak (kendaraan per tahun)",
    },
    "dash.chart.co2": {
        "en": "Road CO2, including electricity (Mt per year)",
        "id": "CO2 jalan raya, termasuk listrik (juta ton per tahun)",
    },
    "dash.series.ownership": {"en": "this scenario", "id": "skenario ini"},
    "dash.series.target": {"en": "target", "id": "target"},
    "dash.series.peer": {"en": "{country} {level} ({year})", "id": "{country} {level} ({year})"},
    "dash.peers": {
        "en": "Registered four-wheel vehicles per 1,000 elsewhere: {peers}",
        "id": "Kendaraan roda empat terdaftar per 1.000 penduduk di negara lain: {peers}",
    },
    "dash.chart.fleet": {
        "en": "Fleet in use by powertrain, every segment (vehicles)",
        "id": "Armada yang beroperasi menurut jenis penggerak, semua segmen (kendaraan)",
    },
    "dash.chart.energy": {
        "en": "Road energy by fuel (PJ per year)",
        "id": "Energi jalan raya menurut bahan bakar (PJ per tahun)",
    },
    "dash.chart.subsidy": {
        "en": "Fuel subsidy and compensation (billion US$ per year)",
        "id": "Subsidi dan kompensasi BBM (miliar US$ per tahun)",
    },
    "dash.chart.production": {"en": "Production (vehicles per year)", "id": "Produksi (kendaraan per tahun)"},
    "dash.chart.exports": {"en": "Exports (vehicles per year)", "id": "Ekspor (kendaraan per tahun)"},
    "dash.chart.batteries": {
        "en": "Battery capacity in new vehicles (GWh per year)",
        "id": "Kapasitas baterai kendaraan baru (GWh per tahun)",
    },
    "dash.chart.jobs": {
        "en": "Direct jobs in vehicle assembly (persons)",
        "id": "Lapangan kerja langsung perakitan kendaraan (orang)",
    },
    "dash.more": {"en": "More", "id": "Lainnya"},
    "dash.compare": {"en": "Compare with", "id": "Bandingkan dengan"},
    "dash.compare.none": {"en": "(no comparison)", "id": "(tanpa perbandingan)"},
    "dash.compare.chart": {
        "en": "Four-wheel vehicles per 1,000 people: {a} and {b}",
        "id": "Kendaraan roda empat per 1.000 penduduk: {a} dan {b}",
    },
    "dash.download.xlsx": {"en": "Results (Excel)", "id": "Hasil (Excel)"},
    "dash.download.netcdf": {"en": "Results (NetCDF)", "id": "Hasil (NetCDF)"},
    "dash.download.iamc": {"en": "Results (IAMC)", "id": "Hasil (IAMC)"},
    "dash.download.report": {
        "en": "The report of this page (HTML; takes a few seconds)",
        "id": "Laporan halaman ini (HTML; perlu beberapa detik)",
    },
    "dash.ranges": {
        "en": "Show the range over {draws} draws of the uncertain inputs",
        "id": "Tampilkan rentang dari {draws} undian masukan yang tidak pasti",
    },
    "dash.ranges.why": {
        "en": "the scenario's uncertainty section: median, 25-75 % and 5-95 % of the draws",
        "id": "bagian ketidakpastian skenario: median, 25-75 % dan 5-95 % dari undian",
    },
    "dash.downloads": {"en": "Downloads", "id": "Unduhan"},
    "dash.download.csv": {"en": "Results (CSV)", "id": "Hasil (CSV)"},
    "dash.download.yaml": {
        "en": "The scenario as run (YAML: motorisasi run FILE gives the same results)",
        "id": "Skenario yang dijalankan (YAML: motorisasi run BERKAS memberi hasil yang sama)",
    },
    "dash.error": {"en": "Not run: {error}", "id": "Tidak dijalankan: {error}"},
    "lever.cars_sales_growth": {"en": "Car sales growth (%/yr)", "id": "Pertumbuhan penjualan mobil (%/thn)"},
    "lever.cars_sales_growth.why": {
        "en": "from the base year's sales, every year to the end",
        "id": "dari penjualan tahun dasar, setiap tahun sampai akhir",
    },
    "lever.cars_target": {
        "en": "Passenger-car ownership target (per 1,000)",
        "id": "Target kepemilikan mobil penumpang (per 1.000)",
    },
    "lever.cars_target.why": {
        "en": "the scenario's target for cars alone, reached by inverting the stock model",
        "id": "target skenario untuk mobil saja, dicapai dengan membalik model stok",
    },
    "lever.cars_target_by": {"en": "Year the car target is reached", "id": "Tahun target mobil dicapai"},
    "lever.cars_target_by.why": {
        "en": "after it, the scenario's demand goes on as it says (held sales, the ownership model, ...)",
        "id": "setelahnya, permintaan skenario berlanjut sesuai ketentuannya (penjualan tetap, model kepemilikan, ...)",
    },
    "lever.motorcycles_sales_growth": {
        "en": "Motorcycle sales growth (%/yr)",
        "id": "Pertumbuhan penjualan sepeda motor (%/thn)",
    },
    "lever.motorcycles_sales_growth.why": {
        "en": "from the base year's sales, every year to the end",
        "id": "dari penjualan tahun dasar, setiap tahun sampai akhir",
    },
    "lever.income_growth": {
        "en": "GDP per capita growth (%/yr)",
        "id": "Pertumbuhan PDB per kapita (%/thn)",
    },
    "lever.income_growth.why": {
        "en": "drives the ownership model where a scenario uses it; 3.6 %/yr was the 2010-2024 average",
        "id": "menggerakkan model kepemilikan bila skenario memakainya; rata-rata 2010-2024 adalah 3,6 %/thn",
    },
    "lever.cars_lifetime": {"en": "Mean car lifetime (years)", "id": "Rata-rata umur mobil (tahun)"},
    "lever.cars_lifetime.why": {
        "en": "no Indonesian survival data exist; European cars last 8-35 years (Held et al. 2021)",
        "id": "tidak ada data ketahanan kendaraan Indonesia; mobil Eropa bertahan 8-35 tahun (Held dkk. 2021)",
    },
    "lever.cars_bev_share_2030": {
        "en": "Electric share of car sales in 2030 (%)",
        "id": "Pangsa mobil listrik dalam penjualan 2030 (%)",
    },
    "lever.cars_bev_share_2030.why": {
        "en": "straight line from the latest observed share, held after 2030",
        "id": "garis lurus dari pangsa terakhir yang teramati, tetap setelah 2030",
    },
    "lever.motorcycles_bev_share_2030": {
        "en": "Electric share of motorcycle sales in 2030 (%)",
        "id": "Pangsa sepeda motor listrik dalam penjualan 2030 (%)",
    },
    "lever.motorcycles_bev_share_2030.why": {
        "en": "straight line from the latest observed share, held after 2030",
        "id": "garis lurus dari pangsa terakhir yang teramati, tetap setelah 2030",
    },
    "lever.cars_removal_rate": {
        "en": "Cars removed from the register (%/yr of those out of use)",
        "id": "Mobil yang dihapus dari registrasi (%/thn dari yang tidak beroperasi)",
    },
    "lever.cars_removal_rate.why": {
        "en": "the register keeps cars that left the road; the default is the rate its history shows",
        "id": "registrasi menyimpan mobil yang sudah tidak beroperasi; nilai awalnya laju yang ditunjukkan riwayatnya",
    },
    "lever.grid_co2_end": {
        "en": "Grid CO2 intensity in the last year (g/kWh)",
        "id": "Intensitas CO2 listrik jaringan pada tahun terakhir (g/kWh)",
    },
    "lever.grid_co2_end.why": {
        "en": "a straight line from the last observed year; the default holds the latest observation",
        "id": "garis lurus dari tahun terakhir yang teramati; nilai awalnya pengamatan terakhir",
    },
    "lever.crude_price": {"en": "Crude oil price (US$/bbl)", "id": "Harga minyak mentah (US$/barel)"},
    "lever.crude_price.why": {
        "en": "sets the fuel subsidy and compensation; the 2025 budget assumed 82",
        "id": "menentukan subsidi dan kompensasi BBM; APBN 2025 mengasumsikan 82",
    },
    "lever.exchange_rate": {"en": "Exchange rate (Rp per US$)", "id": "Kurs (Rp per US$)"},
    "lever.exchange_rate.why": {
        "en": "sets the fuel subsidy in rupiah; the 2025 budget assumed 16,000",
        "id": "menentukan subsidi BBM dalam rupiah; APBN 2025 mengasumsikan 16.000",
    },
    "report.charts.wrote": {
        "en": "Wrote {n} charts (PNG and SVG) to {folder}",
        "id": "{n} grafik (PNG dan SVG) disimpan di {folder}",
    },
}


def language(choice: str | None = None) -> str:
    """The language to use: the choice, else the environment's locale (LC_ALL, LANG), else English."""
    if choice:
        choice = choice.lower()
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


def message_or(key: str, lang: str, fallback: str, **values: object) -> str:
    """The text of ``key`` in ``lang``, or ``fallback`` where the catalogue has no such key.

    For texts that depend on the data or the scenario file (a segment named there, a flag the
    catalogue does not know): those are shown as written.
    """
    return message(key, lang, **values) if key in MESSAGES else fallback


def display_name(kind: str, value: object, lang: str) -> str:
    """The name of a segment, fuel, industry group or country in ``lang`` (``name.KIND.VALUE``).

    Names a scenario file defines and the catalogue does not know are given as written.
    """
    return message_or(f"name.{kind}.{value}", lang, str(value))


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
