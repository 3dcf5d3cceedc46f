"""Messages in English and Bahasa Indonesia, and numbers formatted per language.

One catalogue, kept in data files (``locales/en/*.yaml``, ``locales/id/*.yaml``), for every text the
outputs print in more than one language: labels, sentences, the reasons and codes the model and
scenario layers return, and the errors they raise. A key missing in one language is a test
failure, and so is a placeholder that differs between the two texts of a key. Numbers follow the
language's CLDR rules through Babel.
"""

from __future__ import annotations

import math
import numbers
import os
import re
import string
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, cached_property
from pathlib import Path

LANGUAGES = ("en", "id")

LOCALES = Path(__file__).with_name("locales")
"""Folder of the catalogue: a folder per language (``en``, ``id``) of YAML files, ``key: text``;
a key is defined once per language, whichever file holds it."""


def _read(lang: str) -> dict[str, str]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.yaml")):
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        twice = sorted(set(texts) & set(content))
        if twice:
            raise RuntimeError(f"{path}: {twice[0]} is defined in another file of the catalogue too")
        texts.update(content)
    return texts


def _catalogue() -> dict[str, dict[str, str]]:
    """Every key with its text in each language that has it."""
    texts = {lang: _read(lang) for lang in LANGUAGES}
    keys = dict.fromkeys(key for lang in LANGUAGES for key in texts[lang])
    return {key: {lang: texts[lang][key] for lang in LANGUAGES if key in texts[lang]} for key in keys}


class _Lazy(Mapping[str, dict[str, str]]):
    """The catalogue, read from its files on first use (``motorisasi --help`` never reads it)."""

    @cached_property
    def _texts(self) -> dict[str, dict[str, str]]:
        return _catalogue()

    def __getitem__(self, key: str) -> dict[str, str]:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


#: Every key with its text in each language that has it.
MESSAGES: Mapping[str, dict[str, str]] = _Lazy()


_CURRENT: list[str] = []


def language(choice: str | None = None) -> str:
    """The language to use: the choice, else the environment's locale (LC_ALL, LANG), else English.

    The answer is also the language errors are printed in from then on (:func:`current`).
    """
    if choice:
        choice = choice.lower()
        if choice not in LANGUAGES:
            from motorisasi.errors import MotorisasiError

            raise MotorisasiError(code="lang.unknown", choice=choice, known=LANGUAGES)
        _CURRENT[:] = [choice]
        return choice
    found = "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            found = "id" if value.lower().startswith(("id", "in_")) else "en"
            break
    _CURRENT[:] = [found]
    return found


def current() -> str:
    """The language last chosen with :func:`language`, else the environment's."""
    return _CURRENT[0] if _CURRENT else language()


class _Localised(string.Formatter):
    """``str.format`` whose fixed-point and general number fields follow the language's rules.

    As in ``str.format``, ``{x:.1f}`` gives 1234.5 and ``{x:,.1f}`` 1,234.5 in English; in
    Indonesian they give 1234,5 and 1.234,5. ``{x:+.0f}`` keeps the sign, and ``{x:g}`` or
    ``{x:,}`` show as many decimals as the number needs (up to 6). Numbers too small or too
    large for that, and other fields, are formatted as by ``str.format``. ``{x:or}`` joins a
    list as the language does ("a, b, or c"; "a, b, atau c").
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "or" and isinstance(value, list | tuple):  # "a, b or c" in the language
            from babel.lists import format_list

            return format_list([str(v) for v in value], style="or", locale=self.lang)
        spec = _NUMBER_SPEC.fullmatch(format_spec) if format_spec else None
        if spec is None or isinstance(value, bool) or not isinstance(value, numbers.Real):
            return super().format_field(value, format_spec)
        sign, group, decimals, kind = spec.groups()
        shown = float(value)
        if decimals is None and kind != "f":  # g (6 significant digits), d or ",": as many as needed
            text = f"{shown:g}" if kind == "g" else repr(shown)
            if "e" in text or abs(shown) >= 1e15:  # as str.format would show it
                return super().format_field(value, format_spec)
            decimals = str(min(6, len(text.split(".")[1].rstrip("0")) if "." in text else 0))
            shown = float(text)  # the digits str.format shows, not rounded a second time
        text = number(shown, self.lang, int(decimals or 6), group=bool(group))
        return "+" + text if sign and not text.startswith(("-", "+")) else text


# A precision only with f (".3g" counts significant digits: left to str.format).
_NUMBER_SPEC = re.compile(r"([+])?(,)?(?:\.(\d)(?=f))?([fgd])?")


def message(key: str, lang: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English where ``lang`` lacks it) with ``values`` filled in.

    Number fields with a format (``{x:.1f}``) follow the language's rules.
    """
    texts = MESSAGES[key]
    return _Localised(lang).format(texts.get(lang, texts["en"]), **values)


def message_or(key: str, lang: str, fallback: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang``, or ``fallback`` where the catalogue has no such key.

    For texts that depend on the data or the scenario file (a segment named there, a flag the
    catalogue does not know): those are shown as written.
    """
    return message(key, lang, **values) if key in MESSAGES else fallback


def said(what: object, lang: str) -> str:
    """What the domain said, in ``lang``, worded from the catalogue: a
    :class:`~motorisasi.errors.Said` by its key, an error raised with a code by ``error.CODE``
    (parameters that are themselves said are worded first). An error with a message, or a key
    the catalogue lacks, is given as written."""
    from motorisasi.errors import MotorisasiError, Said

    if isinstance(what, MotorisasiError):
        if not what.coded:
            return Exception.__str__(what)
        key, params = f"error.{what.code}", what.params
        fallback = f"{what.code} {params}" if params else what.code
    elif isinstance(what, Said):
        key, params, fallback = what.code, what.params, what.text or what.code
    else:
        return str(what)
    if key not in MESSAGES:
        return fallback
    values = {k: said(v, lang) if isinstance(v, Said | MotorisasiError) else v for k, v in params.items()}
    try:
        return message(key, lang, **values)
    except (KeyError, IndexError, ValueError, TypeError):  # the text wants what the domain did not give
        return fallback


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """The one line the command line prints for ``exc``, in ``lang`` (default: the language in use)."""
    return said(exc, lang or current())


def display_name(kind: str, value: object, lang: str) -> str:
    """The name of a segment, fuel, industry group or country in ``lang`` (``name.KIND.VALUE``).

    Names a scenario file defines and the catalogue does not know are given as written.
    """
    return message_or(f"name.{kind}.{value}", lang, str(value))


@cache
def _pattern(decimals: int, lang: str, group: bool = True):
    from babel import Locale
    from babel.numbers import parse_pattern

    whole = "#,##0" if group else "0"
    return parse_pattern(whole + ("." + "0" * decimals if decimals > 0 else "")), Locale.parse(lang)


def number(value: float | None, lang: str, decimals: int = 0, group: bool = True) -> str:
    """A number by the language's rules (Babel, CLDR): 1,234.5 (en) or 1.234,5 (id); '-' if missing.

    Rounded half to even on the value's shortest decimal form; a value that rounds to zero is
    shown without a sign. ``group=False`` leaves out the thousands separator.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    pattern, locale = _pattern(decimals, lang, group)
    exact = Decimal(repr(float(value))) if not isinstance(value, int) else Decimal(value)
    if exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN).is_zero():
        exact = Decimal(0)
    return pattern.apply(exact, locale)


def day(text: str, lang: str) -> str:
    """An ISO date (2025-06-01, or a month 2025-06) by the language's rules (Babel, CLDR medium
    format): 'Jun 1, 2025' or '1 Jun 2025'; anything else as written."""
    import datetime

    from babel.dates import format_date, format_skeleton

    try:
        if len(text) == 7:
            return format_skeleton("yMMM", datetime.date.fromisoformat(text + "-01"), locale=lang)
        return format_date(datetime.date.fromisoformat(text), format="medium", locale=lang)
    except (TypeError, ValueError):
        return text


def plain(value: float, lang: str) -> str:
    """A number with as many decimals as it needs (up to 2): 150, 97.25 (en) or 97,25 (id)."""
    from babel.numbers import get_decimal_symbol

    text = number(value, lang, 2, group=False)
    separator = get_decimal_symbol(lang)
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return text


def millions(value: float, lang: str, decimals: int = 2) -> str:
    """A count in millions: '27.69 M' (en) or '27,69 juta' (id)."""
    return f"{number(value / 1e6, lang, decimals)} {'juta' if lang == 'id' else 'M'}"
