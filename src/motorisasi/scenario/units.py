"""The units of a run's variables, as pint parses them.

Every variable's ``units`` attribute (:mod:`motorisasi.scenario.variables`) is a unit expression
that `pint <https://pint.readthedocs.io>`_ parses with the few definitions in ``units.txt``
(vehicles, persons, rupiah, US dollars, 2021 international dollars); the wording for people stays
in ``long_name``. Years are ``a`` (annum), a trillion rupiah ``TIDR``, a billion vehicle-km
``Gvkm``, vehicles per 1,000 people ``vehicle / kiloperson``.

>>> ureg = registry()
>>> ureg.Quantity(1, "vehicle / kiloperson").to("vehicle / person").magnitude
0.001
"""

from __future__ import annotations

from pathlib import Path

from motorisasi.errors import MotorisasiError

UNITS_FILE = Path(__file__).with_name("units.txt")


def registry():
    """A pint ``UnitRegistry`` with motorisasi's definitions (``pip install pint``)."""
    try:
        import pint
    except ImportError:
        raise MotorisasiError(code="scenario.units.no_pint") from None
    ureg = pint.UnitRegistry()
    ureg.load_definitions(str(UNITS_FILE))
    return ureg
