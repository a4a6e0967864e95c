"""Numbers, money, dates and messages as shown on screen, in each language.

Every expected text is written out by hand (CLDR's conventions: "1.2m" in British English,
"1,2 M" in French, "120만" in Korean), so a moved threshold or a lost fallback fails here.
"""

from __future__ import annotations

import datetime

import pytest

from kpop_explorer import i18n
from kpop_explorer.i18n import Translator

EN, FR, KO = Translator("en"), Translator("fr"), Translator("ko")
NBSP, NNBSP = "\xa0", "\u202f"  # French separates thousands with a narrow no-break space


@pytest.mark.parametrize(
    ("t", "value", "shown"),
    [
        (EN, 0, "0"),
        (EN, 9_999, "9,999"),  # below ten thousand, in full
        (EN, -9_999, "-9,999"),
        (EN, 10_000, "10k"),
        (EN, -10_000, "-10k"),
        (EN, 12_345, "12.3k"),
        (EN, 1_234_567, "1.2m"),
        (EN, 3_000_000_000, "3bn"),
        (FR, 9_999, f"9{NNBSP}999"),
        (FR, 1_234_567, f"1,2{NBSP}M"),
        (KO, 9_999, "9,999"),
        (KO, 12_345, "1.2만"),
        (KO, 1_200_000, "120만"),
        (EN, float("nan"), "–"),
        (EN, None, "–"),
    ],
)
def test_compact_numbers_on_cards(t, value, shown):
    assert t.compact(value) == shown


@pytest.mark.parametrize(
    ("t", "value", "compact", "shown"),
    [
        (EN, 1_500, False, "€1,500"),
        (EN, 1_500, True, "€1,500"),  # small amounts stay in full
        (EN, 9_999, True, "€9,999"),
        (EN, 10_000, True, "€10k"),
        (EN, -10_000, True, "€-10k"),
        (EN, 14_800_000, True, "€14.8m"),
        (EN, 14_800_000, False, "€14,800,000"),
        (EN, 1_500.6, False, "€1,501"),  # budgets are whole euros
        (FR, 1_500, False, f"1{NNBSP}500{NBSP}€"),
        (FR, 14_800_000, True, f"14,8{NBSP}M €"),
        (KO, 15_222_000, False, "€15,222,000"),
        (KO, 15_222_000, True, "€1522.2만"),
        (EN, float("nan"), True, "–"),
        (EN, None, False, "–"),
    ],
)
def test_money(t, value, compact, shown):
    assert t.money(value, compact=compact) == shown


def test_money_is_in_full_unless_asked():
    assert EN.money(14_800_000) == "€14,800,000"


def test_numbers_with_and_without_decimals():
    assert EN.number(1_234.6) == "1,235"
    assert EN.number(1_234.5, 1) == "1,234.5"
    assert EN.number(1_234.5, 2) == "1,234.50"
    assert EN.number(-3_000) == "-3,000"
    assert FR.number(1_234_567.5, 1) == f"1{NNBSP}234{NNBSP}567,5"
    assert KO.number(1_234_567) == "1,234,567"
    assert EN.number(None) == EN.number(float("nan")) == "–"


def test_percentages():
    assert EN.percent(0.846) == "85%"
    assert EN.percent(1.2) == "120%"
    assert FR.percent(0.84) == f"84{NBSP}%"
    assert KO.percent(0.5) == "50%"
    assert EN.percent(float("nan")) == EN.percent(None) == "–"


def test_dates_and_months():
    day = datetime.date(2026, 5, 30)
    assert EN.date(day) == "30 May 2026"
    assert EN.date(day, "short") == "30/05/2026"
    assert FR.date(day) == "30 mai 2026"
    assert KO.date(day) == "2026. 5. 30."
    assert EN.date(None) == "–"
    assert EN.month(day) == "May 2026"
    assert FR.month(day) == "mai 2026"
    assert KO.month(day) == "5월 2026"
    # the calendar year, not the ISO week's: 30 December 2024 falls in week 1 of 2025
    assert EN.month(datetime.date(2024, 12, 30)) == "Dec 2024"


def test_country_names_and_unknown_codes():
    assert (EN.country("DE"), FR.country("DE"), KO.country("DE")) == (
        "Germany",
        "Allemagne",
        "독일",
    )
    assert EN.country("GB") == "United Kingdom"
    assert EN.country("Q1") == "Q1"  # not a territory: the code itself


def test_locales_per_language():
    assert (EN.locale, FR.locale, KO.locale) == ("en_GB", "fr_FR", "ko_KR")


@pytest.fixture
def catalogues(monkeypatch):
    """Small hand-written catalogues in place of the locale files."""
    fake = {
        "en": {"greet": "Hello {name}", "only.en": "English only", "status.on_hold": "On hold"},
        "fr": {"greet": "Bonjour {name}", "status.on_hold": "En pause", "empty": ""},
    }
    monkeypatch.setattr(i18n, "catalog", lambda lang: fake[lang])
    return fake


def test_messages_fall_back_to_english_then_to_the_key(catalogues):
    assert FR("greet", name="Ana") == "Bonjour Ana"
    assert FR("only.en") == "English only"
    assert FR("nowhere") == "nowhere"
    assert FR("empty") == "empty"  # a blank translation is as good as none
    assert EN("greet", name="Jin") == "Hello Jin"


def test_a_message_without_values_keeps_its_braces(catalogues):
    assert EN("greet") == "Hello {name}"


def test_labels_of_codes_and_their_format_funcs(catalogues):
    assert FR.label("status", "on_hold") == "En pause"
    assert FR.label("status", "someday") == "someday"  # no label: the code
    assert FR.labels("status")("on_hold") == "En pause"
    assert EN.labels("status")("on_hold") == "On hold"
    assert FR.keyed("{}")("greet") == "Bonjour {name}"
    assert EN.keyed("status.{}")("on_hold") == "On hold"
