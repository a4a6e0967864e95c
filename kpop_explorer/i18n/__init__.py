"""Words and number formats in the viewer's language (English, French, Korean).

Messages live in `locales/<lang>.json`, keyed by a dotted id; codes from the data are labelled
with the key `<vocabulary>.<code>`. Numbers, money and dates go through Babel and country names
come from Babel's CLDR territory names, so no locale rule is written by hand here.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent

LANGUAGES = ("en", "fr", "ko")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ko": "한국어"}
LOCALES = {"en": "en_GB", "fr": "fr_FR", "ko": "ko_KR"}
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
COMPACT_FROM = 10_000  # numbers and amounts below this are shown in full, even on cards


@cache
def catalog(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Translator:
    lang: str = "en"

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        """The message for `key`, falling back to English, then to the key itself."""
        text = catalog(self.lang).get(key) or catalog("en").get(key) or key
        return text.format(**values) if values else text

    def plural(self, key: str, count: float, **values: object) -> str:
        """The message for `count` things: `<key>.one` or `<key>.other`, by the language's CLDR
        plural rule (French counts 0 and 1 as one; Korean has one form)."""
        form = Locale.parse(self.locale).plural_form(abs(count))
        chosen = f"{key}.{form}"
        if chosen not in catalog(self.lang) and chosen not in catalog("en"):
            chosen = f"{key}.other"
        return self(chosen, **values)

    def join(self, items: list[str]) -> str:
        """Names as a list in the language: "France", "France and Germany", "A, B and C"."""
        return format_list(list(items), locale=self.locale) if items else ""

    def label(self, vocabulary: str, code: str) -> str:
        """A data code in words: `label("status", "on_hold")` -> "On hold". A value recorded as
        free text ("fan convention") finds the key its words make ("fan_convention")."""
        key = (
            f"{vocabulary}.{code.replace(' ', '_').replace('-', '_')}"
            if isinstance(code, str)
            else code
        )
        return self(key) if key in catalog("en") else code

    def labels(self, vocabulary: str) -> Callable[[str], str]:
        """A widget's `format_func` for codes of `vocabulary`.

        Not a lambda in the page: Streamlit keeps a widget's format_func for the whole session,
        and a lambda written in a page holds every variable of that page's run (the Digital
        page's metric rows, among them) for as long.
        """
        return partial(self.label, vocabulary)

    def keyed(self, template: str) -> Callable[[str], str]:
        """`keyed("schema.{}.title")`: a `format_func` that shows that message for each code."""
        return partial(self._keyed, template)

    def _keyed(self, template: str, code: str) -> str:
        return self(template.format(code))

    def country(self, code: str) -> str:
        return _territories(self.locale).get(code, code)

    def city(self, name: str, country: str = "") -> str:
        """A city in this language, from CLDR or GeoNames (`geo.local_city`)."""
        from kpop_explorer.datasets import (
            geo,  # geo needs pandas and GeoNames: loaded when first asked
        )

        return (
            name
            if self.lang == "en" or not isinstance(name, str)
            else geo.local_city(name, self.lang, country if isinstance(country, str) else "")
        )

    def place(self, city: str, country: str) -> str:
        """A city and its country, as hovers and chart labels name a place: "Cologne
        (Allemagne)", "쾰른 (독일)"."""
        return f"{self.city(city, country)} ({self.country(country)})"

    def country_sort_key(self, code: str) -> str:
        """Sorts countries by their name in this language, accents aside ("Écosse" by E)."""
        name = unicodedata.normalize("NFKD", self.country(code))
        return "".join(c for c in name if not unicodedata.combining(c)).casefold()

    def number(self, value: float | None, digits: int = 0) -> str:
        if _missing(value):
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def compact(self, value: float | None) -> str:
        """Short form for KPI cards: 1.2m (British English), 1,2 M, 120만."""
        if _missing(value):
            return "–"
        if abs(value) < COMPACT_FROM:
            return self.number(value)
        return format_compact_decimal(value, locale=self.locale, fraction_digits=1)

    def money(self, value: float | None, compact: bool = False) -> str:
        if _missing(value):
            return "–"
        if compact and abs(value) >= COMPACT_FROM:
            return self("format.money_compact", amount=self.compact(value))
        return format_currency(
            value, "EUR", format=_whole_currency_pattern(self.locale), locale=self.locale,
            currency_digits=False,
        )  # fmt: skip

    def percent(self, ratio: float | None, digits: int = 0) -> str:
        """84%, 84 %, 84%; `digits` decimals where a whole percent would mislead (94.6%)."""
        if _missing(ratio):
            return "–"
        if not digits:
            return format_percent(ratio, locale=self.locale)
        return format_percent(
            ratio, format=_percent_pattern(self.locale, digits), locale=self.locale
        )

    def month(self, value: date) -> str:
        return format_date(value, format="MMM y", locale=self.locale)

    def date(self, value: date | None, style: str = "medium") -> str:
        if _missing(value):
            return "–"
        return format_date(value, format=style, locale=self.locale)


@cache
def _whole_currency_pattern(locale: str) -> str:
    """The locale's currency pattern without cents: budgets are whole euros."""
    return Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")


@cache
def _percent_pattern(locale: str, digits: int) -> str:
    """The locale's percent pattern with `digits` decimals ("#,##0.0 %" in French)."""
    pattern = Locale.parse(locale).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0." + "0" * digits, 1)


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN and NaT are the values unequal to themselves


@cache
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)
