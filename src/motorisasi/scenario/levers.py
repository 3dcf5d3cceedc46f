"""Levers: the few numbers of a scenario that a user moves to see the consequence at once.

Each :class:`Lever` names a place in the scenario, its unit, its range and step, and the
message key of its label and one-line reason (the outputs layer words them). A lever applies
to a scenario only where the scenario has that kind of number (a sales growth rate only on a
segment whose demand is a growth rate, say); :func:`levers_for` lists those with their values,
and :func:`apply_levers` returns the scenario with new values, validated by the same schema as
a scenario file, so a value outside a lever's range is refused in one line. The domain returns
numbers and codes, not sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from motorisasi.errors import Said
from motorisasi.scenario.schema import Scenario, ScenarioError, _shown, invalid


@dataclass(frozen=True)
class Lever:
    """A number of the scenario a user may move, with its unit and range."""

    key: str  # message keys lever.<key> (label) and lever.<key>.why (reason)
    unit: str
    low: float
    high: float
    step: float
    read: Callable[[dict], float | None]  # the value in a scenario's content, None: does not apply
    write: Callable[[dict, float], None]  # put a value into a scenario's content
    #: The number's place, as the uncertainty section names it: a moved lever fixes the number,
    #: so draws of it (there or below it) are dropped, and ranges follow the lever.
    place: str
    reason: tuple[str, ...]  # where the value's reason is (it is rewritten with the value)
    #: The value a run follows where the scenario sets none (the data's, a fitted rate): read
    #: from that run; a lever with one applies to every scenario that has its section.
    default: Callable[[Any], float] | None = None


#: What a lever's place gives: how to read its value, how to write one, and its dotted place.
Place = tuple[Callable[[dict], float | None], Callable[[dict, float], None], str]


def _node(content: dict, path: tuple[str, ...]) -> Any:
    """What is at ``path`` in a scenario's content (None where nothing is)."""
    node: Any = content
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _put(content: dict, path: tuple[str, ...], value: Any) -> None:
    _node(content, path[:-1])[path[-1]] = value


def _demand(segment: str, kind: str, field: str, whole: bool = False) -> Place:
    """A number of a segment's demand of one ``kind`` (a year when ``whole``)."""
    path = ("segments", segment, "demand")

    def read(content: dict) -> float | None:
        demand = _node(content, path) or {}
        return float(demand[field]) if demand.get("type") == kind else None

    def write(content: dict, value: float) -> None:
        _node(content, path)[field] = round(value) if whole else value

    return read, write, ".".join((*path, field))


def _at(*path: str) -> Place:
    def read(content: dict) -> float | None:
        node = _node(content, path)
        return float(node) if isinstance(node, int | float) else None

    return read, lambda content, value: _put(content, path, value), ".".join(path)


def _level(*path: str) -> Place:
    """A path of values by year set to one level from its first year (a price, say)."""

    def read(content: dict) -> float | None:
        found = _node(content, path)
        return float(found[min(found)]) if isinstance(found, dict) and found else None

    def write(content: dict, value: float) -> None:
        _put(content, path, {min(_node(content, path)): value})

    return read, write, ".".join(path)


def _share_by(segment: str, powertrain: str, year: int) -> Place:
    """A powertrain's share of new sales in ``year`` on a share path (held after it)."""
    path = ("segments", segment, "powertrains", powertrain)

    def read(content: dict) -> float | None:
        spec = _node(content, path)
        if not spec or spec.get("type") != "path":
            return None
        shares = {int(y): float(v) for y, v in spec["share"].items()}
        before = [y for y in shares if y <= year]
        return 100 * shares[max(before)] if before else 100 * shares[min(shares)]

    def write(content: dict, value: float) -> None:
        spec = _node(content, path)
        kept = {y: v for y, v in spec["share"].items() if int(y) < year}
        spec["share"] = {**kept, year: value / 100}

    return read, write, ".".join(path)


def _grid_at_end() -> Place:
    """The grid's CO2 intensity in the scenario's last year (the path runs there in a straight
    line from the last observed year)."""
    path = ("energy", "grid_intensity_g_per_kwh")

    def read(content: dict) -> float | None:
        points, end = _node(content, path), content["years"]["end"]
        return float(points[end]) if end in points else None

    def write(content: dict, value: float) -> None:
        points, end = _node(content, path), content["years"]["end"]
        _put(content, path, {**{y: v for y, v in points.items() if y < end}, end: value})

    return read, write, ".".join(path)


def _removal_rate(segment: str) -> Place:
    """A segment's register removal rate (%/yr): a given rate, instead of the fitted one."""
    path = ("segments", segment, "register_removal")

    def read(content: dict) -> float | None:
        spec = _node(content, path)
        return 100 * float(spec["rate_per_year"]) if spec and spec["model"] == "rate" else None

    def write(content: dict, value: float) -> None:
        _node(content, path).update({"model": "rate", "rate_per_year": value / 100, "fit_from": None})

    return read, write, ".".join(path)


def _fitted_rate(segment: str) -> Callable[[Any], float]:
    import json

    return lambda ds: 100 * float(json.loads(ds.attrs["register"])[segment]["removal_rate_per_year"])


#: The levers, in the order a page shows them: key, unit, low, high, step, the number's place
#: (read, write, dotted name), where its reason is, and (where the run follows the data or a
#: fit) how its value is read from a run.
LEVERS: tuple[Lever, ...] = (
    Lever(
        "cars_sales_growth", "%/yr", -10.0, 30.0, 0.5,
        *_demand("cars", "sales_growth", "growth_pct"),
        ("segments", "cars", "demand", "reason"),
    ),
    Lever(
        "cars_target", "per 1,000", 50.0, 400.0, 5.0,
        *_demand("cars", "ownership_target", "per_1000"),
        ("segments", "cars", "demand", "reason"),
    ),
    Lever(
        "cars_target_by", "year", 2026.0, 2060.0, 1.0,
        *_demand("cars", "ownership_target", "by", whole=True),
        ("segments", "cars", "demand", "reason"),
    ),
    Lever(
        "motorcycles_sales_growth", "%/yr", -10.0, 30.0, 0.5,
        *_demand("motorcycles", "sales_growth", "growth_pct"),
        ("segments", "motorcycles", "demand", "reason"),
    ),
    Lever(
        "income_growth", "%/yr", 0.0, 8.0, 0.1,
        *_at("drivers", "income_growth_pct"),
        ("drivers", "income_growth_reason"),
    ),
    Lever(
        "cars_lifetime", "years", 8.0, 35.0, 0.5,
        *_at("segments", "cars", "lifetime", "mean_years"),
        ("segments", "cars", "lifetime", "reason"),
    ),
    Lever(
        "cars_removal_rate", "%/yr", 0.0, 10.0, 0.1,
        *_removal_rate("cars"),
        ("segments", "cars", "register_removal", "reason"),
        _fitted_rate("cars"),
    ),
    Lever(
        "cars_bev_share_2030", "%", 0.0, 100.0, 1.0,
        *_share_by("cars", "BEV", 2030),
        ("segments", "cars", "powertrains", "BEV", "reason"),
    ),
    Lever(
        "motorcycles_bev_share_2030", "%", 0.0, 100.0, 1.0,
        *_share_by("motorcycles", "BEV", 2030),
        ("segments", "motorcycles", "powertrains", "BEV", "reason"),
    ),
    Lever(
        "crude_price", "US$/bbl", 30.0, 150.0, 1.0,
        *_level("industry", "fiscal", "crude_usd_per_bbl"),
        ("industry", "fiscal", "crude_reason"),
    ),
    Lever(
        "exchange_rate", "Rp/US$", 10000.0, 25000.0, 100.0,
        *_level("industry", "fiscal", "idr_per_usd"),
        ("industry", "fiscal", "idr_per_usd_reason"),
    ),
    Lever(
        "grid_co2_end", "g/kWh", 0.0, 1200.0, 10.0,
        *_grid_at_end(),
        ("energy", "grid_reason"),
        lambda ds: float(ds["grid_intensity"].isel(year=-1)),
    ),
)  # fmt: skip

BY_KEY = {lever.key: lever for lever in LEVERS}


def _content(sc: Scenario) -> dict:
    return sc.model_dump(mode="python", exclude_none=False)


def levers_for(sc: Scenario, ds=None) -> dict[str, float]:
    """The levers that apply to the scenario, with its values (in the levers' units); with a
    run of it, also those whose value the run takes from the data or a fit."""
    content = _content(sc)
    found = {}
    for lever in LEVERS:
        value = lever.read(content)
        if value is None and lever.default is not None and ds is not None and _has(content, lever):
            value = lever.default(ds)
        if value is not None and lever.low <= value <= lever.high:  # outside: not offered
            found[lever.key] = value
    return found


def _has(content: dict, lever: Lever) -> bool:
    """Whether the scenario has the section a lever with a default writes to."""
    return _node(content, lever.reason[:-1]) is not None


def apply_levers(sc: Scenario, values: Mapping[str, float]) -> Scenario:
    """The scenario with the levers set to ``values`` (only levers that apply to it), validated
    as a scenario file is; a value outside a lever's range is refused in one line."""
    from pydantic import ValidationError

    content = _content(sc)
    reasons: dict[tuple[str, ...], list[str]] = {}
    for key, value in values.items():
        lever = BY_KEY.get(key)
        if lever is None:
            raise ScenarioError(code="scenario.lever_unknown", lever=_shown(key), known=", ".join(BY_KEY))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(code="scenario.lever_not_number", lever=_shown(key), got=repr(value)[:40])
        was = lever.read(content)
        if was is None and (lever.default is None or not _has(content, lever)):
            raise ScenarioError(
                code="scenario.lever_not_applicable", lever=_shown(key), scenario=_shown(sc.name)
            )
        number = float(value)
        if not lever.low <= number <= lever.high:  # NaN too
            # The unit in the reader's words where the catalogue has it, else as written.
            unit = Said(f"unit.{lever.unit}", {}, lever.unit)
            where = {
                "lever": _shown(key),
                "unit": unit,
                "low": lever.low,
                "high": lever.high,
            }
            if not math.isfinite(number):  # shown as written (nan, inf), not as a number
                raise ScenarioError(code="scenario.lever_outside_not_finite", value=str(number), **where)
            raise ScenarioError(code="scenario.lever_outside", value=number, **where)
        if number == was:
            continue
        lever.write(content, number)
        had = "follows the data" if was is None else f"has {was:g}"
        said = f"set with a lever to {number:g} {lever.unit} (the scenario {had})"
        reasons.setdefault(lever.reason, []).append(said)
        content["uncertainty"] = {
            where: spec
            for where, spec in content["uncertainty"].items()
            if where != lever.place and not where.startswith(lever.place + ".")
        }
    for where, said in reasons.items():  # levers that share a reason (a target and its year) both say so
        _put(content, where, "; ".join(said))
    try:
        changed = Scenario.model_validate(content)
    except ValidationError as exc:
        raise invalid(sc.name, exc) from None
    changed._source = sc.source
    return changed
