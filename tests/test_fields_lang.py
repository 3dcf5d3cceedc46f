"""The meaning of each scenario setting in both languages (``field.<Model>.<field>`` in the catalogue)."""

from __future__ import annotations

import inspect

from pydantic import BaseModel

from motorisasi.outputs.messages import LANGUAGES, MESSAGES, message
from motorisasi.report.document import assumptions
from motorisasi.scenario import schema
from motorisasi.scenario.schema import load_scenario


def _described() -> dict[str, str]:
    """Every described field of every model in the scenario schema: key -> English description."""
    found = {}
    for _, cls in inspect.getmembers(schema, inspect.isclass):
        if issubclass(cls, BaseModel) and cls.__module__ == schema.__name__:
            for name, info in cls.model_fields.items():
                if info.description:
                    found[f"field.{cls.__name__}.{name}"] = info.description
    return found


def test_every_described_field_has_a_meaning_in_both_languages():
    described = _described()
    assert len(described) > 50
    for key in described:
        assert key in MESSAGES, key
        for lang in LANGUAGES:
            assert MESSAGES[key].get(lang), (key, lang)


def test_the_english_meaning_is_the_schema_description():
    for key, description in _described().items():
        assert MESSAGES[key]["en"] == description, key


def test_no_meaning_without_a_described_field():
    described = _described()
    stale = [key for key in MESSAGES if key.startswith("field.") and key not in described]
    assert not stale


def test_the_indonesian_appendix_shows_indonesian_meanings():
    rows = {r[0]: r for r in assumptions(load_scenario("baseline"), "id")}
    assert rows["years.end"][2] == message("field.Years.end", "id") == "Tahun proyeksi terakhir"
    km = rows["segments.cars.km_per_year"][2]
    assert km == message("field.Segment.km_per_year", "id") and "km/tahun" in km
    english = set(_described().values())
    assert not [r for r in rows.values() if any(text in r[2] for text in english)]
    # the English report keeps the schema's words
    rows_en = {r[0]: r for r in assumptions(load_scenario("baseline"), "en")}
    assert rows_en["years.end"][2] == schema.Years.model_fields["end"].description
