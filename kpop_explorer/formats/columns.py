"""What kind of value each column holds, declared once, and how every surface writes it.

A column is a count, an amount of money, a share of a whole, a rating, a plain number, a year, a
date, a month, a quarter, a code shown as its label, a country, a city, a yes/no flag or text.
Columns that are measures take their kind from the measures catalogue (`measures.CATALOGUE`'s
units); the rest are declared here. Browser tables, chart downloads (CSV and Excel), the
briefing, deck tables and deck charts all format from the kind, so a figure reads the same on
each. Countries and cities are written in words there too, in the viewer's language: a download
holds the table as it was read (the Data page's dataset downloads keep the recorded codes).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

import pandas as pd
from babel.dates import format_skeleton

from kpop_explorer.i18n import Translator

COUNT = "count"  # people, events, streams: whole numbers with separators
MONEY = "money"  # whole euros
SHARE = "share"  # a fraction of a whole, shown as a percentage
RATING = "rating"  # a mean rating on a 1-5 scale
NUMBER = "number"  # a figure of no fixed unit (sourced values, an initiative's own KPI)
YEAR = "year"
DATE = "date"
MONTH = "month"
QUARTER = "quarter"
CODE = "code"  # a data code, shown as its label in the viewer's language
COUNTRY = "country"
CITY = "city"  # a place as recorded, shown by its name in the viewer's language (`Translator.city`)
FLAG = "flag"  # yes or no
TEXT = "text"

SHARE_DIGITS = 1  # 79.8 %: a share of the plan near the standing's 95 % line needs its tenth
RATING_DIGITS = 1  # 4.2 / 5
NUMBER_DIGITS = 2  # the most a plain number keeps
SMALL = 100  # a count below this that is not whole (per million inhabitants) keeps decimals


@dataclass(frozen=True)
class Kind:
    name: str
    vocabulary: str | None = None  # CODE: the messages' prefix of its labels

    @property
    def numeric(self) -> bool:
        return self.name in (COUNT, MONEY, SHARE, RATING, NUMBER)


UNITS = {"count": COUNT, "money": MONEY, "percent": SHARE, "rating": RATING}


def _catalogue() -> dict[str, Kind]:
    """The measures' own columns: each measure's key and the column it aggregates, by unit."""
    from kpop_explorer.measures import CATALOGUE, DISTINCT, RATIO

    kinds = {}
    for measure in CATALOGUE.values():
        if measure.aggregation == DISTINCT or measure.key == "plan_kpi":
            continue
        kinds[measure.key] = Kind(UNITS[measure.unit])
        if measure.value is not None and measure.aggregation != RATIO:  # a ratio's numerator
            kinds[measure.value] = Kind(UNITS[measure.unit])
    return kinds


_CODES = {
    "focus_area": "focus", "status": "status", "event_type": "event_type",
    "program_type": "program_type", "platform": "platform", "metric": "metric",
    "audience": "audience", "language": "language", "kpi_unit": "kpi_unit",
    "standing": "standing", "measure": "kpi", "weakest": "kpi", "category": "reference",
    "region": "history.region", "projected_standing": "standing", "method": "method",
}  # fmt: skip
_DECLARED = {
    **{c: Kind(CODE, v) for c, v in _CODES.items()},
    **{c: Kind(COUNTRY) for c in ("country", "lead_country")},
    "city": Kind(CITY),
    **{c: Kind(SHARE) for c in ("progress", "kpi_progress", "time_elapsed", "attainment",
                                "growth", "weakest_attainment", "projected_attainment",
                                "error", "naive_error")},
    **{c: Kind(COUNT) for c in (
        "events", "programs", "initiatives", "activities", "expected_attendance", "capacity",
        "sessions", "participants_target", "runs", "actual", "due", "target", "measures",
        "behind", "planned_events", "planned_attendance", "real_events", "real_attendance",
        "largest_attendance", "attendance_reported", "with_figure", "countries",
        "countries_surveyed", "population", "recent", "previous", "number", "rank",
        "projected", "projected_low", "projected_high", "points",
    )},
    **{c: Kind(MONEY) for c in ("budget_eur", "ticket_price_eur")},
    **{c: Kind(NUMBER) for c in ("kpi_target", "kpi_actual")},
    **{c: Kind(YEAR) for c in ("year", "opening_year", "reference_year")},
    **{c: Kind(DATE) for c in ("start_date", "end_date", "date_start", "date_end")},
    "month": Kind(MONTH),
    "quarter": Kind(QUARTER),
    "lower_bound": Kind(FLAG),
    "inside": Kind(FLAG),
}  # fmt: skip
# The catalogue first: a measure's kind is the catalogue's, whatever is declared beside it.
KINDS: dict[str, Kind] = {**_DECLARED, **_catalogue()}


def kind_of(column: str, values: pd.Series | None = None) -> Kind:
    """The declared kind of `column`; a column declared nowhere is judged by its values."""
    if column in KINDS:
        return KINDS[column]
    if values is None:
        return Kind(TEXT)
    if pd.api.types.is_bool_dtype(values):
        return Kind(FLAG)
    if pd.api.types.is_datetime64_any_dtype(values):
        return Kind(DATE)
    if pd.api.types.is_numeric_dtype(values):
        return Kind(NUMBER)
    return Kind(TEXT)


def digits(kind: Kind, values: pd.Series | None = None) -> int:
    """Decimals a column needs: a count none (unless small and fractional, as per million
    inhabitants), a share and a rating their declared tenth, a plain number what it has."""
    if kind.name == SHARE:
        return SHARE_DIGITS
    if kind.name == RATING:
        return RATING_DIGITS
    if kind.name not in (COUNT, NUMBER) or values is None:
        return 0
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").dropna().astype(float)
    numbers = numbers[numbers.map(math.isfinite)]
    if numbers.empty or (numbers == numbers.round()).all():
        return 0
    if kind.name == COUNT and numbers.abs().max() >= SMALL:
        return 0
    return NUMBER_DIGITS


# --- Words ------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def text(value: object, kind: Kind, t: Translator, places: int = 0) -> str:
    """`value` as the viewer reads it, in their language: "19 102 000", "79,8 %", "2011",
    "4.2", "Korean Cultural Centre", "yes". `places`: the column's `digits`."""
    if _missing(value):
        return "–"
    name = kind.name
    if name == CODE:
        return label(kind, value, t)
    if name == COUNTRY:
        return t.country(str(value))
    if name == FLAG:
        return t("format.yes") if bool(value) else t("format.no")
    if name in (DATE, MONTH, QUARTER) and hasattr(value, "year") and hasattr(value, "month"):
        stamp = pd.Timestamp(value)
        if name == MONTH:
            return format_skeleton("yMMM", stamp, locale=t.locale)
        if name == QUARTER:
            return format_skeleton("yQQQ", stamp, locale=t.locale)
        return t.date(stamp.date())
    if isinstance(value, bool):
        return t("format.yes") if value else t("format.no")
    if name == YEAR:
        try:
            return str(int(float(value)))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        number = float(value)
        if not math.isfinite(number):
            return "–"
        if name == SHARE:
            return _percent(number, t)
        if name == MONEY:
            return t.money(number)
        if name == RATING:
            return t.number(number, RATING_DIGITS)
        return t.number(number, places)
    if isinstance(value, datetime | date):
        return t.date(value if not isinstance(value, datetime) else value.date())
    return str(value)


def label(kind: Kind, code: object, t: Translator) -> str:
    """A code in words, matched as written or in lower case ("Europe": `history.region.europe`);
    a code without a label stays as it is."""
    code = str(code)
    found = t.label(kind.vocabulary or "", code)
    if found == code:
        lower = t.label(kind.vocabulary or "", code.lower())
        found = code if lower == code.lower() else lower
    return found


def category_words(
    codes: Iterable[object],
    column: str,
    t: Translator,
    vocabulary: str | None = None,
    countries: Iterable[str] | None = None,
) -> list[str]:
    """A chart's categories as its table shows them, plain: countries by name, cities in the
    viewer's language (with their rows' `countries`), codes by their labels."""
    codes = list(codes)
    name = kind_of(column).name
    if name == COUNTRY:
        return [t.country(c) for c in codes]
    if name == CITY:
        places = list(countries) if countries is not None else [""] * len(codes)
        return [t.city(c, k) for c, k in zip(codes, places, strict=True)]
    return [t.label(vocabulary or column, c) for c in codes]


def _percent(ratio: float, t: Translator) -> str:
    """A share to its declared tenth, in the language's own percent pattern ("99,2 %")."""
    from babel.numbers import format_percent

    return format_percent(ratio, format=_percent_pattern(t.locale), locale=t.locale)


@cache
def _percent_pattern(locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(locale).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0." + "0" * SHARE_DIGITS, 1)


# --- Number formats of each surface -----------------------------------------------------------


def excel_format(kind: Kind, places: int = 0) -> str | None:
    """The Excel number format of a column: the same precision the screen shows."""
    decimals = "." + "0" * places if places else ""
    return {
        COUNT: "#,##0" + decimals,
        NUMBER: "#,##0" + decimals,
        MONEY: '#,##0 "€"',
        SHARE: "0." + "0" * SHARE_DIGITS + "%",
        RATING: "0." + "0" * RATING_DIGITS,
        YEAR: "0",
    }.get(kind.name)


def browser_format(kind: Kind, places: int = 0) -> tuple[str, float] | None:
    """(format, step) of a browser table's `NumberColumn`: Streamlit shows as many decimals as
    the step has, in the browser's own number format ("localized")."""
    if kind.name in (COUNT, NUMBER):
        return "localized", 10.0**-places
    if kind.name == MONEY:
        return "euro", 1.0
    if kind.name == SHARE:
        return "percent", 10.0 ** -(SHARE_DIGITS + 2)
    if kind.name == RATING:
        return "localized", 10.0**-RATING_DIGITS
    if kind.name == YEAR:
        return "%d", 1.0
    return None


def chart_format(kind: Kind, places: int = 0) -> str:
    """The number format of a native deck chart's labels and value axis."""
    if kind.name == SHARE:
        return "0%"
    if kind.name == MONEY:
        return '#,##0 "€"'
    if kind.name == RATING:
        return "0." + "0" * RATING_DIGITS
    return "#,##0" + ("." + "0" * places if places else "")


# --- Tables as shown --------------------------------------------------------------------------

# A shown table's `attrs`: each shown column's kind as [name, vocabulary], by its shown title
# (plain values: Streamlit writes a table's attrs into what it sends the browser).
KINDS_ATTR = "kinds"


def shown_kinds(shown: pd.DataFrame, t: Translator | None = None) -> dict[str, Kind]:
    """The kinds of a `tables.for_display` table's columns, by title (from its `attrs`, else,
    given `t`, by the column whose title it is); other columns are judged by their values."""
    declared = {c: Kind(*k) for c, k in shown.attrs.get(KINDS_ATTR, {}).items()}
    if t is not None:
        titles = {t(f"column.{c}"): k for c, k in KINDS.items()}
        declared = {c: declared.get(c) or titles.get(c) for c in shown.columns}
    return {c: declared.get(c) or kind_of("", shown[c]) for c in shown.columns}


def csv_frame(shown: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """A shown table as a CSV should hold it: whole numbers as whole numbers (no "5.0"), shares
    as fractions under a header that says so, amounts whole, dates in ISO form."""
    kinds = shown_kinds(shown, t)
    out = shown.copy()
    names = {}
    for column, kind in kinds.items():
        values = out[column]
        if kind.numeric and pd.api.types.is_numeric_dtype(values):
            places = digits(kind, values)
            if kind.name in (COUNT, MONEY, NUMBER) and places == 0:
                out[column] = values.astype(float).round().astype("Int64")
            elif kind.name == RATING:
                out[column] = values.astype(float).round(RATING_DIGITS)
            elif kind.name == SHARE:
                out[column] = values.astype(float).round(SHARE_DIGITS + 2)
                names[column] = t("format.share_header", name=column)
        elif kind.name == YEAR and pd.api.types.is_numeric_dtype(values):
            out[column] = values.astype(float).round().astype("Int64")
        elif kind.name in (DATE, MONTH, QUARTER):
            out[column] = [_iso(v) for v in values]
    return out.rename(columns=names)


def _iso(value: object) -> object:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        value = pd.Timestamp(value)
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def excel_formats(shown: pd.DataFrame, t: Translator | None = None) -> dict[str, str]:
    """Each number column's Excel format, by its shown title."""
    formats = {}
    for column, kind in shown_kinds(shown, t).items():
        fmt = excel_format(kind, digits(kind, shown[column]))
        if fmt is not None and pd.api.types.is_numeric_dtype(shown[column]):
            formats[column] = fmt
    return formats
