"""The front door: what a Python user reaches as ``motorisasi.NAME``.

Each is the project's own function, re-exported (imports stay lazy, see ``motorisasi.__init__``):

- :func:`run` runs a scenario and returns an :class:`xarray.Dataset`;
- :func:`load_scenario` reads a scenario file (or a shipped scenario by name);
- :func:`gap` answers "what does a target of N per 1,000 by a year take?";
- :func:`ensemble` runs draws of a scenario's uncertain inputs and summarises them;
- :func:`fit_ownership` fits the ownership-income model to countries in the data;
- :mod:`motorisasi.data` reads the embedded data (``motorisasi.data.load("population")``).
"""

from __future__ import annotations

from pathlib import Path

from motorisasi.scenario.ensemble import ensemble
from motorisasi.scenario.gap import ownership_gap as gap
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario

__all__ = ["ensemble", "fit_ownership", "gap", "load_scenario", "run"]


def fit_ownership(
    countries: tuple[str, ...] | list[str] | None = None,
    definition: str = "four_wheel",
    *,
    data_dir: str | Path | None = None,
    **options,
):
    """Fit the Gompertz ownership-income model to countries' histories in the data.

    Parameters
    ----------
    countries : sequence of str, optional
        ISO 3166 alpha-3 codes (default: the panel of
        :data:`motorisasi.scenario.ownership_histories.DEFAULT_PANEL`).
    definition : str
        What is counted: ``four_wheel``, ``passenger_cars`` or ``two_wheel``.
    data_dir : path, optional
        A data folder of one's own (default: the embedded data).
    **options
        Passed to :func:`motorisasi.model.ownership_fit.fit_ownership` (``dynamic``,
        ``asymmetric``, ``saturation``, ...).

    Returns
    -------
    motorisasi.model.ownership_fit.OwnershipFit
        Parameters with standard errors, intervals and fit statistics.

    Examples
    --------
    >>> import motorisasi as m
    >>> fit = m.fit_ownership(["IDN", "THA", "MYS", "JPN"])
    >>> sorted(fit.countries)
    ['IDN', 'JPN', 'MYS', 'THA']
    >>> fit.value("saturation") > 0
    True
    """
    from motorisasi.scenario.ownership_histories import DEFAULT_PANEL, fit_panel

    chosen = tuple(countries) if countries is not None else DEFAULT_PANEL
    return fit_panel(chosen, definition, data_dir=data_dir, **options)[0]
