"""Bringing the cells of an uploaded table to the forms the validator expects.

`normalise` rewrites what people commonly type into the canonical forms (ISO dates, '.'
decimals, ISO-2 country codes, codes instead of labels) and says in plain words what it
converted. A value it cannot read with confidence is left exactly as written, so the validator
reports it with the value the person typed. It never drops, adds or reorders rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache

import pandas as pd
import pycountry
from babel import Locale

from kpop_explorer.datasets.schemas import Column, Schema
from kpop_explorer.formats.tables import CODE_COLUMNS
from kpop_explorer.i18n import LANGUAGES, catalog
from kpop_explorer.i18n.messages import Joined, Message
from kpop_explorer.uploads.table import clean_header


def normalise(raw: pd.DataFrame, schema: Schema) -> tuple[pd.DataFrame, list[Message]]:
    """`raw` with its schema columns in canonical text form, and notes on what was converted.

    Headers are matched to the schema's column names ignoring case, spaces and punctuation, or
    by their display labels in English, French or Korean. Other columns are kept untouched.
    Values already valid are never changed; values that cannot be read with confidence are left
    as written so that the validator reports them.
    """
    notes = list(raw.attrs.get("notes", ()))
    frame = raw.copy()
    frame.attrs = {}
    header_notes = _match_headers(frame, schema)
    notes += header_notes
    positions = {}
    for position, label in enumerate(frame.columns):
        if isinstance(label, str) and label in schema.column_names:
            positions.setdefault(label, position)
    texts = {
        name: [_cell_text(v) for v in frame.iloc[:, pos].tolist()]  # tolist: not Arrow's iterator
        for name, pos in positions.items()
    }
    columns = [schema.column(name) for name in schema.column_names if name in positions]
    converted: dict[str, list[str]] = {}
    notes += _normalise_dates([c for c in columns if c.kind == "date"], texts, converted)
    notes += _normalise_numbers(
        [c for c in columns if c.kind in ("int", "float")], texts, converted
    )
    for column in columns:
        if column.kind in ("country", "country_list"):
            notes += _normalise_countries(column, texts[column.name], converted)
        elif column.kind == "code":
            notes += _normalise_codes(column, texts[column.name], converted)
    for name, values in converted.items():
        frame.isetitem(positions[name], pd.Series(values, index=frame.index, dtype="str"))
    return frame, notes


def _cell_text(value: object) -> str:
    if type(value) is str:
        return value
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if value is pd.NaT:
        return ""
    return str(value)


@lru_cache(maxsize=65_536)
def _key(text: str) -> str:
    """A form for loose matching: no accents, case or punctuation; '&' reads as 'and'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFC", bare).casefold().replace("&", " and ")
    return " ".join(re.findall(r"[^\W_]+", folded))


def _unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A key -> target map, leaving out keys that point to more than one target."""
    targets: dict[str, set[str]] = defaultdict(set)
    for key, target in pairs:
        if key:
            targets[key].add(target)
    return {key: next(iter(found)) for key, found in targets.items() if len(found) == 1}


def _match_headers(frame: pd.DataFrame, schema: Schema) -> list[Message]:
    """Renames the headers of `frame` in place to the schema names they stand for."""
    wanted = schema.column_names
    labels = list(frame.columns)
    claimed: dict[str, int] = {}
    # Exact names first, then the same names with stray spaces, then loose and label matches.
    for position, label in enumerate(labels):
        if isinstance(label, str) and label in wanted and label not in claimed:
            claimed[label] = position
    for position, label in enumerate(labels):
        stripped = clean_header(str(label))
        if position not in claimed.values() and stripped in wanted and stripped not in claimed:
            claimed[stripped] = position
    loose = _unambiguous(
        [(_key(name), name) for name in wanted]
        + [
            (_key(catalog(lang)[f"column.{name}"]), name)
            for lang in LANGUAGES
            for name in wanted
            if f"column.{name}" in catalog(lang)
        ]
    )
    matched = []
    for position, label in enumerate(labels):
        if position in claimed.values():
            continue
        name = loose.get(_key(str(label)))
        if name is not None and name not in claimed:
            claimed[name] = position
            matched.append(Message("upload_note.header_as", {"label": str(label), "name": name}))
    for name, position in claimed.items():
        labels[position] = name
    notes = []
    if matched:
        headers = Joined("upload_note.join_comma", tuple(matched))
        notes.append(Message("upload_note.headers", {"headers": headers}))
    # Two columns with one name would make the table ambiguous: number the later ones.
    seen: Counter[object] = Counter()
    doubled = []
    for position, label in enumerate(labels):
        seen[label] += 1
        if seen[label] > 1:
            labels[position] = f"{label} ({seen[label]})"
            doubled.append(str(labels[position]))
    if doubled:
        notes.append(Message("upload_note.repeated_columns", {"columns": ", ".join(doubled)}))
    frame.columns = labels
    return notes


def _quoted(names: Sequence[str]) -> Joined:
    """'a', 'b': column names in the quotes of the viewer's language."""
    return Joined(
        "upload_note.join_comma", tuple(Message("upload_note.quoted", {"name": n}) for n in names)
    )


# Dates ---------------------------------------------------------------------------------------

_MIDNIGHT = r"(?:[ T]00:00(?::00(?:\.0+)?)?)?"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT + "$", re.ASCII)
_YEAR_FIRST = re.compile(
    r"^(\d{4})\s*([/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?" + _MIDNIGHT + "$", re.ASCII
)
_DAY_FIRST = re.compile(
    r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})" + _MIDNIGHT + "$", re.ASCII
)


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _normalise_dates(
    columns: list[Column], texts: dict[str, list[str]], converted: dict[str, list[str]]
) -> list[Message]:
    """Dates to YYYY-MM-DD. Day-first unless the whole file shows month-first (US) order."""
    slashed = [
        (int(m[1]), int(m[3]))
        for column in columns
        for value in texts[column.name]
        if (m := _DAY_FIRST.match(value.strip())) and m[2] == "/"
    ]
    day_first_seen = any(first > 12 for first, _ in slashed)
    month_first_seen = any(second > 12 for _, second in slashed)
    # Without a part above 12, monthly figures that all fall on the 1st tell the order.
    us_monthly = (
        bool(slashed)
        and all(second == 1 for _, second in slashed)
        and not all(first == 1 for first, _ in slashed)
    )
    if day_first_seen and month_first_seen:
        order = "either"
    elif month_first_seen or (us_monthly and not day_first_seen):
        order = "month"
    else:
        order = "day"  # the European default

    # (message key, separator) of the form read -> column -> count
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    ambiguous: Counter[str] = Counter()
    for column in columns:
        values = texts[column.name]
        out = list(values)
        for i, value in enumerate(values):
            text = value.strip()
            if not text:
                continue
            form, result = None, None
            if m := _ISO_DATE.match(text):
                result = _iso(m[1], m[2], m[3])
                if result is not None and result != text:
                    timed = len(text) > 10
                    key = "upload_note.dates_with_time" if timed else "upload_note.dates_short_iso"
                    form = (key, "-")
            elif m := _YEAR_FIRST.match(text):
                result, form = _iso(m[1], m[3], m[4]), ("upload_note.dates_year_first", m[2])
            elif m := _DAY_FIRST.match(text):
                first, separator, second, year = m[1], m[2], m[3], m[4]
                reading = order if separator == "/" else "day"
                if reading == "either":
                    if int(first) > 12:
                        reading = "day"
                    elif int(second) > 12:
                        reading = "month"
                    else:
                        ambiguous[column.name] += 1
                        continue
                if reading == "day":
                    result = _iso(year, second, first)
                    form = ("upload_note.dates_day_first", separator)
                else:
                    result, form = _iso(year, first, second), ("upload_note.dates_us", "/")
            if result is not None and form is not None:
                out[i] = result
                counts[form][column.name] += 1
        if out != values:
            converted[column.name] = out
    notes = [
        Message(key, {"n": sum(c.values()), "sep": separator, "columns": _quoted(list(c))})
        for (key, separator), c in counts.items()
    ]
    if ambiguous:
        left = {"n": sum(ambiguous.values()), "columns": _quoted(list(ambiguous))}
        notes.append(Message("upload_note.dates_ambiguous", left))
    return notes


# Numbers -------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"^(?:€|eur\b)\s*|\s*(?:€|\beur)$", re.IGNORECASE | re.ASCII)
_CANONICAL_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_GROUPED = re.compile(r"^(\d{1,3})((?:([ \u00a0\u202f\u2009\u2007'’.,])\d{3})(?:\3\d{3})*)"
                      r"(?:([.,])(\d+))?$", re.ASCII)  # fmt: skip
_NUMBER_NOTES = (
    "upload_note.decimal_commas",
    "upload_note.thousands_separators",
    "upload_note.currency_signs",
)
_PLAIN = re.compile(r"^(\d*)(?:([.,])(\d+))?$", re.ASCII)


def _split_number(text: str) -> tuple[str, str, str, str | None, str | None, bool] | None:
    """(sign, integer digits, fraction digits, decimal mark, group mark, currency removed).

    The decimal mark is None for whole numbers; a lone ',' or '.' followed by exactly three
    digits ("1,234") is returned with decimal mark "?" since it can be either.
    """
    text = text.strip()
    if text.isascii() and text.isdigit():
        return "", text, "", None, None, False  # the common case, without the patterns below
    body = _CURRENCY.sub("", text, count=1).strip()  # "€ -5", "5 €", "EUR 5"
    currency = body != text
    sign = ""
    if body[:1] and body[0] in "+-\u2212":
        sign = "-" if body[0] != "+" else ""
        rest = body[1:].strip()
        body = _CURRENCY.sub("", rest, count=1).strip()  # "-€5"
        currency |= body != rest
    if not body:
        return None
    if m := _GROUPED.match(body):
        lead, groups, mark, decimal, fraction = m[1], m[2], m[3], m[4], m[5] or ""
        digits = lead + re.sub(r"\D", "", groups)
        if decimal == mark:
            return None  # "1,234,5": a grouping mark cannot also be the decimal mark
        single = groups.count(mark) == 1 and decimal is None
        if mark in ".," and single:
            if lead == "0":  # "0,123" is never grouped
                return sign, "0", groups[1:], mark, None, currency
            return sign, lead, groups[1:], "?" + mark, None, currency
        return sign, digits, fraction, decimal, mark, currency
    if m := _PLAIN.match(body):
        whole, decimal, fraction = m[1], m[2], m[3] or ""
        if not whole and not decimal:
            return None
        return sign, whole or "0", fraction, decimal, None, currency
    return None


def _normalise_numbers(
    columns: list[Column], texts: dict[str, list[str]], converted: dict[str, list[str]]
) -> list[Message]:
    """Numbers to plain digits with a '.' decimal mark.

    Which of ',' and '.' is the decimal mark is read from the values that show it (a mark
    followed by other than three digits, or both marks in one number), per column and then for
    the whole file. "1,234" follows that evidence; without any, it is a thousands group in a
    whole-number column and is left as written in a decimal one.
    """
    parsed = {c.name: [_split_number(v) for v in texts[c.name]] for c in columns}
    evidence: dict[str, set[str]] = {}
    for name, values in parsed.items():
        marks = set()
        for item in values:
            if item is None:
                continue
            _, _, _, decimal, group, _ = item
            if decimal in (",", "."):
                marks.add(decimal)
            if group in (",", "."):
                marks.add("," if group == "." else ".")
        evidence[name] = marks
    file_marks = set().union(*evidence.values()) if evidence else set()

    notes = []
    for column in columns:
        marks = evidence[column.name] if len(evidence[column.name]) == 1 else file_marks
        decimal_mark = next(iter(marks)) if len(marks) == 1 else None
        values = texts[column.name]
        out = list(values)
        did: Counter[str] = Counter()
        for i, (value, item) in enumerate(zip(values, parsed[column.name], strict=True)):
            text = value.strip()
            if item is None or not text:
                continue
            sign, whole, fraction, decimal, group, currency = item
            if decimal is not None and decimal.startswith("?"):
                mark = decimal[1]
                if decimal_mark == mark or (decimal_mark is None and column.kind == "float"):
                    if decimal_mark is None:
                        continue  # "1,234" with nothing to tell: left for the validator
                    decimal, group = mark, None
                else:
                    whole, fraction, decimal, group = whole + fraction, "", None, mark
            if _CANONICAL_NUMBER.match(text) and not (
                column.kind == "int" and group == "." and decimal_mark == ","
            ):
                continue  # already what the validator reads; never reinterpreted
            result = sign + whole + ("." + fraction if fraction else "")
            if result == text:
                continue
            out[i] = result
            if decimal == ",":
                did["upload_note.decimal_commas"] += 1
            if group is not None:
                did["upload_note.thousands_separators"] += 1
            if currency:
                did["upload_note.currency_signs"] += 1
        if out != values:
            converted[column.name] = out
            notes += [Message(key, {"column": column.name}) for key in _NUMBER_NOTES if did[key]]
    return notes


# Countries -----------------------------------------------------------------------------------

_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
_COUNTRY_ALIASES = {
    "UK": "GB",
    "EL": "GR",  # the EU's code for Greece
    "XKX": "XK",
    "Great Britain": "GB",
    "Grande-Bretagne": "GB",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "République tchèque": "CZ",
    "Holland": "NL",
    "Macedonia": "MK",
    "Vatican": "VA",
}


@cache
def _country_lookup() -> dict[str, str]:
    """Loose key of a code or name (en, fr, ko, ISO-3, official) -> ISO-2 code."""
    pairs: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        for text in (code, country.alpha_3, country.name):
            pairs.append((_key(text), code))
        for attribute in ("official_name", "common_name"):
            if getattr(country, attribute, None):
                pairs.append((_key(getattr(country, attribute)), code))
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                pairs += [(_key(code), code), (_key(name), code)]
    pairs += [(_key(alias), code) for alias, code in _COUNTRY_ALIASES.items()]
    return _unambiguous(pairs)


@lru_cache(maxsize=8_192)
def country_code(text: str) -> str | None:
    """The ISO-2 code for a country code or name (en, fr, ko), or None."""
    key = _key(text)
    lookup = _country_lookup()
    found = lookup.get(key)
    if found is None and key.startswith(("the ", "la ", "le ", "les ", "l ")):
        found = lookup.get(key.split(" ", 1)[1])
    return found


def _normalise_countries(
    column: Column, values: list[str], converted: dict[str, list[str]]
) -> list[Message]:
    allowed = set(column.allowed) if column.allowed is not None else None
    out = list(values)
    names = cased = 0

    def one(item: str) -> str | None:
        code = country_code(item)
        return code if code is not None and (allowed is None or code in allowed) else None

    for i, value in enumerate(values):
        text = value.strip()
        if not text:
            continue
        if column.kind == "country":
            if allowed is not None and text in allowed:
                continue
            parts = [text]
        else:
            items = [p.strip() for p in text.split(";")]
            if allowed is not None and all(p in allowed for p in items):
                continue
            parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
            if not all(one(p) for p in parts):
                parts = [p for p in items if p]  # names with commas: split on ';' only
        codes_ = [one(p) for p in parts]
        if not parts or not all(codes_):
            continue  # left as written; the validator names the unknown country
        out[i] = ";".join(c for c in codes_ if c)
        for part, code in zip(parts, codes_, strict=True):
            if part.upper() == code:
                cased += part != code
            elif part != code:
                names += 1
    notes = []
    if out != values:
        converted[column.name] = out
        if names:
            notes.append(Message("upload_note.country_names", {"n": names, "column": column.name}))
        if cased:
            notes.append(Message("upload_note.country_case", {"n": cased, "column": column.name}))
        if not names and not cased:
            notes.append(Message("upload_note.country_lists", {"column": column.name}))
    return notes


# Codes ---------------------------------------------------------------------------------------


@cache
def _code_lookup(column_name: str, allowed: tuple[str, ...]) -> dict[str, str]:
    """Loose key of a code or its label (en, fr, ko) -> code, for one column."""
    vocabulary = CODE_COLUMNS.get(column_name)
    pairs = [(_key(code), code) for code in allowed]
    if vocabulary is not None:
        for lang in LANGUAGES:
            messages = catalog(lang)
            pairs += [
                (_key(messages[f"{vocabulary}.{code}"]), code)
                for code in allowed
                if f"{vocabulary}.{code}" in messages
            ]
    return _unambiguous(pairs)


def _normalise_codes(
    column: Column, values: list[str], converted: dict[str, list[str]]
) -> list[Message]:
    if column.allowed is None:
        return []
    allowed = set(column.allowed)
    lookup = _code_lookup(column.name, column.allowed)
    out = list(values)
    for i, value in enumerate(values):
        text = value.strip()
        if not text or text in allowed:
            continue
        code = lookup.get(_key(text))
        if code is not None:
            out[i] = code
    if out == values:
        return []
    converted[column.name] = out
    changed = sum(a != b for a, b in zip(out, values, strict=True))
    return [Message("upload_note.codes", {"n": changed, "column": column.name})]
