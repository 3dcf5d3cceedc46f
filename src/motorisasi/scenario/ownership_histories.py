"""Ownership histories from the data, and the ownership model fitted to them.

``four_wheel`` ownership is registered vehicles other than two- and three-wheelers per
1,000 people: for Indonesia the harmonised cars + buses + trucks (BPS revised basis), for
other countries the ATO compilation's total minus motorcycles and three-wheelers (which
includes their "other" vehicles). ``passenger_cars`` uses the harmonised Indonesian series
and the ATO passenger-car series elsewhere. ``two_wheel`` is motorcycles per 1,000 (the
harmonised Indonesian series, the ATO's elsewhere), with ``four_wheel`` ownership of the same
years as its substitute. Income is GDP per capita, PPP, constant 2021
international $ (World Bank), in thousands; population is the World Bank's (for Indonesia
the harmonised series, which is the World Bank's to 2024).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np

from motorisasi.errors import MotorisasiError
from motorisasi.model.ownership_fit import CountryHistory, OwnershipFit, fit_ownership

#: The default panel: the Asian economies whose histories the model can fit with breaks left
#: out (Australia and New Zealand saturate much higher and pull the shared level up; Hong Kong
#: and Singapore ration cars; the least motorised countries sit below the curve's floor).
DEFAULT_PANEL = ("IDN", "JPN", "THA", "MYS", "KOR", "PHL", "IND", "VNM")
#: What an ownership history counts (see the module docs).
OWNERSHIP_DEFINITIONS = ("four_wheel", "passenger_cars", "two_wheel")
#: Income and population series, the first one a country has (the World Bank's, else a derived
#: or national series for an economy it does not cover, such as Taiwan).
INCOME_SERIES = ("gdp_per_capita_ppp_worldbank", "gdp_per_capita_ppp_derived")
POPULATION_SERIES = ("population_worldbank", "population_national")


def first_series(names: tuple[str, ...], country: str, data_dir=None):
    """``(values, name)`` of the first of ``names`` with values for ``country`` (else the first error)."""
    from motorisasi.data.store import series_values

    first: MotorisasiError | None = None
    for name in names:
        try:
            return series_values(name, country, data_dir=data_dir), name
        except MotorisasiError as exc:
            first = first or exc
    assert first is not None
    raise first


class HistoryError(MotorisasiError):
    """A country's ownership history cannot be built from the data."""


def _aligned(*series):
    years = series[0].years
    for s in series[1:]:
        years = np.intersect1d(years, s.years)
    return years, [np.array([s.at(int(y)) for y in years]) for s in series]


#: Flags of years that are not observations of the series' own definition: a gap filled by
#: interpolation, or a value moved from another statistical basis (harmonise.py).
NOT_OBSERVED = ("filled", "adjusted")


def ownership_history(
    country: str,
    definition: str = "four_wheel",
    data_dir: str | Path | None = None,
    exclude_flags: tuple[str, ...] = NOT_OBSERVED,
) -> tuple[CountryHistory, list[str]]:
    """The country's ownership (per 1,000) and income (thousand $) by year, with the series used.

    Years whose vehicle count carries a flag in ``exclude_flags`` are left out, so that the
    fit never takes a filled or basis-adjusted value for an observation (a dynamic fit pairs
    consecutive years only, so no change across the gap is used either), and so are the
    country's documented break years (``break_years`` in ``register_definitions.csv``).
    """
    from motorisasi.data.store import series_values

    try:
        income, income_name = first_series(INCOME_SERIES, country, data_dir)
        if definition == "two_wheel":
            return _two_wheel_history(country, data_dir, exclude_flags)
        if country == "IDN":
            name = {"four_wheel": "four_wheel_registered", "passenger_cars": "passenger_cars_registered"}[
                definition
            ]
            population = series_values("population", country, data_dir=data_dir)
            parts = [series_values(name, country, data_dir=data_dir)]
            used = [name, "population"]
        elif definition == "four_wheel":
            population, people = first_series(POPULATION_SERIES, country, data_dir)
            total = series_values("total_motor_vehicles_registered_ato", country, data_dir=data_dir)
            two = series_values("motorcycles_registered_ato", country, data_dir=data_dir)
            parts = [total, two]
            used = [
                "total_motor_vehicles_registered_ato",
                "motorcycles_registered_ato",
                people,
            ]
        elif definition == "passenger_cars":
            population, people = first_series(POPULATION_SERIES, country, data_dir)
            parts = [series_values("passenger_cars_registered_ato", country, data_dir=data_dir)]
            used = ["passenger_cars_registered_ato", people]
        else:
            raise KeyError(definition)
    except KeyError:
        raise HistoryError(
            code="definition_unknown_of", definition=definition, known=", ".join(OWNERSHIP_DEFINITIONS)
        ) from None
    except MotorisasiError as exc:
        raise HistoryError(code="at", where=country, problem=exc) from None
    years, (inc, pop, *counts) = _aligned(income, population, *parts)
    vehicles = counts[0] if len(counts) == 1 else counts[0] - counts[1]
    if country != "IDN" and definition == "four_wheel":
        try:
            three = series_values("three_wheelers_registered_ato", country, data_dir=data_dir)
        except MotorisasiError:
            three = None
        if three is not None:
            extra = np.array([three.at(int(y)) if y in three.years else 0.0 for y in years])
            vehicles = vehicles - extra
            used.append("three_wheelers_registered_ato")
    used.append(income_name)
    flagged = {
        int(y) for part in parts for y, f in zip(part.years, part.flags, strict=True) if f in exclude_flags
    }
    # A documented break (a change of source or a purge): the year after it is left out, so no
    # change across it is taken for a flow of vehicles.
    from motorisasi.data.store import break_years

    flagged |= break_years(country, data_dir)
    if flagged:
        keep = np.array([int(y) not in flagged for y in years])
        years, inc, pop, vehicles = years[keep], inc[keep], pop[keep], vehicles[keep]
    if len(years) < 3:
        raise HistoryError(code="scenario.histories.few_years", country=country)
    return CountryHistory.of(years, inc / 1000.0, 1000.0 * vehicles / pop), used


#: Country characteristics that may shift the saturation level: the data series and how it
#: enters (``density``: ln(persons per km2 / 100), so its shift is the elasticity of the
#: saturation level to density; ``urban``: (urban share % - 50) / 100).
CHARACTERISTICS = {
    "density": ("population_density_worldbank", lambda v: np.log(v / 100.0)),
    "urban": ("urban_population_share_worldbank", lambda v: (v - 50.0) / 100.0),
}
#: Register definitions that enter as a level factor (1 for a country whose count is of that
#: kind, else 0; ``register_definitions.csv``), relative to an active register with removals.
DEFINITION_FACTORS = ("cumulative", "mixed")
#: The year of the characteristics (the latest with population density for every economy); a
#: country without it takes its latest earlier value. They change slowly; a backtest from an
#: earlier origin uses them as they are now.
CHARACTERISTICS_YEAR = 2023


def characteristics(
    countries: tuple[str, ...] | list[str],
    names: tuple[str, ...] = tuple(CHARACTERISTICS),
    year: int = CHARACTERISTICS_YEAR,
    data_dir: str | Path | None = None,
) -> dict[str, dict[str, float]]:
    """Each country's characteristics as they enter the saturation level (:data:`CHARACTERISTICS`;
    ``cumulative`` and ``mixed`` are 0/1 by the country's register definition)."""
    from motorisasi.data.store import register_definition, series_values

    out: dict[str, dict[str, float]] = {}
    for name in names:
        if name in DEFINITION_FACTORS:
            kinds = {c: register_definition(c, data_dir)["definition"] for c in countries}
            out[name] = {c: float(kinds[c] == name) for c in countries}
            continue
        if name not in CHARACTERISTICS:
            known = ", ".join((*CHARACTERISTICS, *DEFINITION_FACTORS))
            raise HistoryError(code="scenario.histories.unknown_characteristic", name=name, known=known)
        series, transform = CHARACTERISTICS[name]
        out[name] = {}
        for country in countries:
            try:
                values = series_values(series, country, data_dir=data_dir)
            except MotorisasiError as exc:
                raise HistoryError(code="at", where=country, problem=exc) from None
            known = [int(y) for y in values.years if y <= year]
            if not known:
                raise HistoryError(
                    code="scenario.histories.none_by", country=country, series=series, year=year
                )
            out[name][country] = float(transform(values.at(max(known))))
    return out


def _two_wheel_history(country: str, data_dir, exclude_flags) -> tuple[CountryHistory, list[str]]:
    """Motorcycles per 1,000 with four-wheel ownership of the same (observed) years as substitute."""
    from motorisasi.data.store import series_values

    cars, used = ownership_history(country, "four_wheel", data_dir, exclude_flags)
    try:
        income, _ = first_series(INCOME_SERIES, country, data_dir)
        name = "motorcycles_registered" if country == "IDN" else "motorcycles_registered_ato"
        two = series_values(name, country, data_dir=data_dir)
        people_series = ("population",) if country == "IDN" else POPULATION_SERIES
        population, people = first_series(people_series, country, data_dir)
    except MotorisasiError as exc:
        raise HistoryError(code="at", where=country, problem=exc) from None
    flagged = {int(y) for y, f in zip(two.years, two.flags, strict=True) if f in exclude_flags}
    years = [int(y) for y in cars.years if y in two.years and y in population.years and int(y) not in flagged]
    if len(years) < 3:
        raise HistoryError(code="scenario.histories.few_two_wheel_years", country=country)
    at = {int(y): i for i, y in enumerate(cars.years)}
    history = CountryHistory.of(
        years,
        [income.at(y) / 1000.0 for y in years],
        [1000.0 * two.at(y) / population.at(y) for y in years],
        [cars.ownership[at[y]] for y in years],
    )
    return history, [name, people, *used]


def fit_panel(
    countries: tuple[str, ...] = DEFAULT_PANEL,
    definition: str = "four_wheel",
    *,
    data_dir: str | Path | None = None,
    **options,
) -> tuple[OwnershipFit, dict[str, list[str]]]:
    """Fit :func:`~motorisasi.model.ownership_fit.fit_ownership` to the countries' histories.

    The same panel, definition and options on the same data give the fit kept from before (a
    scenario run again, or every chunk of an ensemble, fits once); treat it as read-only.
    """
    from motorisasi.data.store import remember

    def make():
        histories, used = panel_histories(countries, definition, data_dir)
        return fit_ownership(histories, **options), used

    key = (tuple(countries), definition, tuple(sorted(options.items())))
    return remember(_FITS, data_dir, key, make, 16)


#: Recent panel fits, by data and (countries, definition, options): see data.store.remember.
_FITS: OrderedDict = OrderedDict()


def panel_histories(
    countries: tuple[str, ...], definition: str = "four_wheel", data_dir: str | Path | None = None
) -> tuple[dict[str, CountryHistory], dict[str, list[str]]]:
    """Each country's :func:`ownership_history` and the series it used, read once."""
    histories, used = {}, {}
    for country in countries:
        histories[country], used[country] = ownership_history(country, definition, data_dir)
    return histories, used
