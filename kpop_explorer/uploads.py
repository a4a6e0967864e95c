"""Read an uploaded CSV or Excel file and bring its cells to the forms the validator expects.

Two pure steps feed `validation.validate`:

- `read_table` turns the bytes of a .csv/.txt/.xlsx file into a frame of text cells. It refuses
  a file that cannot be a table at all (empty, binary, too big, wrong kind) with an `UploadError`
  whose message says what is wrong and how to fix it.
- `normalise` rewrites what people commonly type into the canonical forms (ISO dates, '.'
  decimals, ISO-2 country codes, codes instead of labels) and says in plain words what it
  converted. A value it cannot read with confidence is left exactly as written, so the validator
  reports it with the value the person typed. It never drops, adds or reorders rows.

The frame `read_table` returns is indexed by the row number in the file (the header is the first
non-blank row), and carries notes about how the file was read in `frame.attrs["notes"]`, which
`normalise` passes on. Nothing here evaluates or unpickles the content: CSV goes through the
`csv` module and workbooks through openpyxl with cached values only (no formulas are computed).

Refusals and notes are message keys with their values (`UploadError`, `Note`), so that people
read them in their language (`locales/*.json`, keys `upload_error.*` and `upload_note.*`);
`str()` of either gives the English text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache, lru_cache
from pathlib import PurePath

import pandas as pd
import pycountry
from babel import Locale
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.schemas import Column, Schema
from kpop_explorer.tables import CODE_COLUMNS
from kpop_explorer.validation import DataError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # same as maxUploadSize = 20 in .streamlit/config.toml
MAX_UNPACKED_BYTES = 160 * 1024 * 1024  # a workbook's XML once unzipped (guards zip bombs)
CSV_EXTENSIONS = (".csv", ".txt")
EXCEL_EXTENSIONS = (".xlsx",)

_SAMPLE_CHARS = 65_536
_SEPARATORS = (",", ";", "\t")
_SEPARATOR_NOTES = {";": "upload_note.semicolons", "\t": "upload_note.tabs"}
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060"
_MOJIBAKE_BOM = "ï»¿"  # a UTF-8 byte order mark read as Windows-1252


class UploadError(DataError):
    """The uploaded file as a whole cannot be read; the message says why and what to do.

    Raised with a key `upload_error.*` and its values; a value may be a `Note` (a phrase that is
    translated in turn).
    """


_ENGLISH = Translator("en")


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, eq=False)
class Note:
    """What reading or normalising a file did: a message key and the values it names.

    The key is `upload_note.*`, or that of a phrase used inside a message (the kind of file in
    `upload_error.not_a_table`, for instance). A value may itself be a `Note` or `Joined`.

    `str()` gives the English text, and a note equals that text, so `"Left out 1 blank row(s)."
    in notes` holds. `text(t, escape)` gives it in the viewer's language; `escape` is applied to
    every text value (names and values from the file) but not to the message around them.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, t: Translator, escape: Callable[[str], str] = _same) -> str:
        return t(self.key, **shown_params(self.params, t, escape))

    def __str__(self) -> str:
        return self.text(_ENGLISH)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Note):
            return (self.key, dict(self.params)) == (other.key, dict(other.params))
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))  # equal notes, and a note and its English text, hash alike


@dataclass(frozen=True)
class Joined:
    """Phrases shown one after the other, with the separator message `separator` between them."""

    separator: str  # a message key: the separator differs by language ("; " is " ; " in French)
    items: tuple[Note, ...]

    def text(self, t: Translator, escape: Callable[[str], str] = _same) -> str:
        return t(self.separator).join(item.text(t, escape) for item in self.items)

    def __str__(self) -> str:
        return self.text(_ENGLISH)


def shown_params(
    params: Mapping[str, object], t: Translator, escape: Callable[[str], str] = _same
) -> dict[str, object]:
    """The values of a message as shown in `t`'s language.

    Notes and joined phrases are translated, a float (a size in MB) gets one decimal in the
    locale's format, and texts go through `escape` (for instance Markdown escaping).
    """
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Note | Joined):
            shown[name] = value.text(t, escape)
        elif isinstance(value, float):
            shown[name] = t.number(value, 1)
        elif isinstance(value, str):
            shown[name] = escape(value)
        else:
            shown[name] = value
    return shown


def _in_megabytes(size: int) -> float:
    return round(size / 1024 / 1024, 1)


# ---------------------------------------------------------------------------------------------
# Reading


def read_table(file_name: str, data: bytes, sheet: str | None = None) -> pd.DataFrame:
    """The table in an uploaded file, every cell as text ('' for blanks).

    The header is the first non-blank row (title rows above it holding a single cell are
    skipped), header cells are stripped of spaces and byte-order marks, fully blank rows and
    unnamed empty columns are dropped. The index holds each row's number in the file, as a
    spreadsheet shows it. `sheet` picks a worksheet of a workbook (default: the first).
    """
    extension = _check_file(file_name, data)
    if extension in EXCEL_EXTENSIONS:
        rows, notes = _excel_rows(data, sheet)
    else:
        rows, notes = _csv_rows(data)
    return _frame(rows, notes)


def excel_sheets(data: bytes) -> list[str]:
    """Names of the worksheets of an .xlsx workbook, in order (chart sheets left out)."""
    _check_size(data)
    workbook = _open_workbook(data)
    try:
        return [ws.title for ws in workbook.worksheets]
    finally:
        workbook.close()


def _check_size(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        limit = round(MAX_UPLOAD_BYTES / 1024 / 1024)
        raise UploadError("upload_error.too_big", size=_in_megabytes(len(data)), limit=limit)


def _check_file(file_name: str, data: bytes) -> str:
    extension = PurePath(file_name or "").suffix.lower()
    if extension == ".xls":
        raise UploadError("upload_error.old_xls")
    if extension not in CSV_EXTENSIONS + EXCEL_EXTENSIONS:
        if extension:
            raise UploadError("upload_error.wrong_extension", extension=extension)
        raise UploadError("upload_error.no_extension")
    _check_size(data)
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise UploadError("upload_error.empty")
    kind = _binary_kind(data)
    if extension in EXCEL_EXTENSIONS:
        if kind == "zip":
            return extension
        if kind == "ole":
            raise UploadError("upload_error.xlsx_old_or_locked")
        raise UploadError("upload_error.xlsx_not_a_workbook")
    if kind == "zip":
        raise UploadError("upload_error.workbook_misnamed", extension=extension)
    if kind == "ole":
        raise UploadError("upload_error.old_office_file")
    if kind is not None:
        raise UploadError("upload_error.not_a_table", kind=Note(kind))
    return extension


_SIGNATURES = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"%PDF", "upload_error.kind_pdf"),
    (b"\x89PNG", "upload_error.kind_png"),
    (b"\xff\xd8\xff", "upload_error.kind_jpeg"),
    (b"GIF8", "upload_error.kind_gif"),
    (b"RIFF", "upload_error.kind_media"),
    (b"\x1f\x8b", "upload_error.kind_gzip"),
    (b"7z\xbc\xaf", "upload_error.kind_7zip"),
    (b"Rar!", "upload_error.kind_rar"),
    (b"\x7fELF", "upload_error.kind_program"),
    (b"MZ", "upload_error.kind_program"),
    (b"\x80\x04", "upload_error.kind_pickle"),
    (b"{\\rtf", "upload_error.kind_rtf"),
)


def _binary_kind(data: bytes) -> str | None:
    """The message key naming a known non-text format, "zip"/"ole" for Office containers."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    head = data[:512].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "upload_error.kind_html"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise UploadError("upload_error.damaged_utf16") from exc
    if b"\x00" in data:
        raise UploadError("upload_error.binary")
    for encoding, label in (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise UploadError("upload_error.unknown_encoding")


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f") or ch == "\x7f")
    return controls > 8 and controls * 200 > len(sample)


def _csv_rows(data: bytes) -> tuple[list[tuple[int, list[str]]], list[Note]]:
    text, encoding = _decode(data)
    text = text.removeprefix("\ufeff").rstrip("\x1a")  # a BOM left by UTF-16, a DOS end mark
    if not text.strip():
        raise UploadError("upload_error.empty")
    if _looks_binary(text):
        raise UploadError("upload_error.binary")
    if not text.strip(" \t\r\n,;\"'"):
        raise UploadError("upload_error.empty")
    separator = _detect_separator(text)
    notes = []
    if encoding not in ("UTF-8",):
        notes.append(Note("upload_note.encoding", {"encoding": encoding}))
    if separator != ",":
        notes.append(Note(_SEPARATOR_NOTES[separator]))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            rows.append((number, record))
    except csv.Error as exc:
        raise UploadError("upload_error.bad_quotes", row=len(rows) + 1, detail=str(exc)) from exc
    return rows, notes


def _detect_separator(text: str) -> str:
    """The separator that splits the first rows into the most consistent number of cells.

    A correct separator gives every row of a CSV export the same number of cells; a wrong one
    gives a single cell, or counts that vary with the content (decimal commas, commas in text).
    """
    sample = text[:_SAMPLE_CHARS]
    truncated = len(text) > len(sample)
    best, best_score = ",", (False, 0.0, 0)
    for separator in _SEPARATORS:
        try:
            records = list(csv.reader(io.StringIO(sample, newline=""), delimiter=separator))
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records = records[:-1]  # the sample may cut the last record short
        widths = [len(r) for r in records if any(c.strip() for c in r)][:200]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (width >= 2, count / len(widths), width)
        if score > best_score:
            best, best_score = separator, score
    return best


def _open_workbook(data: bytes) -> Workbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError("upload_error.damaged_workbook") from exc
    with archive:
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    if "xl/workbook.xml" not in names:
        raise UploadError("upload_error.archive_not_workbook")
    if unpacked > MAX_UNPACKED_BYTES:
        size, limit = round(unpacked / 1024 / 1024), round(MAX_UNPACKED_BYTES / 1024 / 1024)
        raise UploadError("upload_error.unpacked_too_big", size=size, limit=limit)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed input
        raise UploadError("upload_error.unreadable_workbook", detail=type(exc).__name__) from exc


def _excel_rows(data: bytes, sheet: str | None) -> tuple[list[tuple[int, list[str]]], list[Note]]:
    workbook = _open_workbook(data)
    try:
        names = [ws.title for ws in workbook.worksheets]
        if not names:
            raise UploadError("upload_error.no_worksheet")
        if sheet is None:  # the first sheet a person sees
            visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
            sheet = (visible or names)[0]
        elif sheet not in names:
            raise UploadError("upload_error.no_such_sheet", sheet=sheet, sheets=", ".join(names))
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()  # some writers record wrong dimensions; read every row
        try:
            rows = [
                (number, [_excel_text(v) for v in values])
                for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
            ]
        except Exception as exc:  # malformed sheet XML
            raise UploadError(
                "upload_error.unreadable_sheet", sheet=sheet, detail=type(exc).__name__
            ) from exc
    finally:
        workbook.close()
    if not any(any(cell.strip() for cell in row) for _, row in rows):
        if len(names) > 1:
            raise UploadError("upload_error.empty_sheet", sheet=sheet, sheets=", ".join(names))
        raise UploadError("upload_error.empty_only_sheet", sheet=sheet)
    notes = [Note("upload_note.sheet", {"sheet": sheet})] if len(names) > 1 else []
    return rows, notes


def _excel_text(value: object) -> str:
    """A workbook cell as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def _clean_header(value: str) -> str:
    text = value.strip().removeprefix(_MOJIBAKE_BOM)
    return text.strip().strip(_INVISIBLE).strip()


def _frame(rows: list[tuple[int, list[str]]], notes: list[Note]) -> pd.DataFrame:
    """Header, data rows, columns: the table of the file's (row number, cells) records."""
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise UploadError("upload_error.empty")
    # Skip title rows (a single filled cell) above a header that has several.
    start = 0
    counts = [sum(1 for c in cells if c.strip()) for _, cells in filled[:20]]
    if counts[0] <= 1 and max(counts) >= 2:
        start = next(i for i, count in enumerate(counts) if count >= 2)
        notes.append(Note("upload_note.title_rows", {"n": start}))
    header_row, header_cells = filled[start]
    data = filled[start + 1 :]
    width = max([len(header_cells)] + [len(cells) for _, cells in data])
    header = [_clean_header(c) for c in header_cells] + [""] * (width - len(header_cells))
    columns: dict[str, list[str]] = {}
    seen: Counter[str] = Counter()
    renamed: list[Note] = []
    for position, name in enumerate(header):
        values = [cells[position] if position < len(cells) else "" for _, cells in data]
        if not name:
            if not any(v.strip() for v in values):
                continue  # an empty column past the table, or a spacer column
            name = f"column_{get_column_letter(position + 1)}"
            renamed.append(Note("upload_note.unnamed_column", {"name": name}))
        seen[name] += 1
        if seen[name] > 1:
            unique = f"{name} ({seen[name]})"
            renamed.append(Note("upload_note.second_column", {"name": name, "unique": unique}))
            name = unique
        columns[name] = values
    last_row = data[-1][0] if data else header_row
    skipped = last_row - header_row - len(data)  # blank rows between header and last row
    if skipped > 0:
        notes.append(Note("upload_note.blank_rows", {"n": skipped}))
    if renamed:
        named = Joined("upload_note.join_semicolon", tuple(renamed))
        notes.append(Note("upload_note.named_columns", {"columns": named}))
    index = pd.Index([n for n, _ in data], name="file_row", dtype="int64")
    frame = pd.DataFrame(
        {name: pd.Series(values, index=index, dtype="str") for name, values in columns.items()},
        index=index,
    )
    frame.attrs["notes"] = notes
    return frame


# ---------------------------------------------------------------------------------------------
# Normalising


def normalise(raw: pd.DataFrame, schema: Schema) -> tuple[pd.DataFrame, list[Note]]:
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
    texts = {name: [_cell_text(v) for v in frame.iloc[:, pos]] for name, pos in positions.items()}
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


def _match_headers(frame: pd.DataFrame, schema: Schema) -> list[Note]:
    """Renames the headers of `frame` in place to the schema names they stand for."""
    wanted = schema.column_names
    labels = list(frame.columns)
    claimed: dict[str, int] = {}
    # Exact names first, then the same names with stray spaces, then loose and label matches.
    for position, label in enumerate(labels):
        if isinstance(label, str) and label in wanted and label not in claimed:
            claimed[label] = position
    for position, label in enumerate(labels):
        stripped = _clean_header(str(label))
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
            matched.append(Note("upload_note.header_as", {"label": str(label), "name": name}))
    for name, position in claimed.items():
        labels[position] = name
    notes = []
    if matched:
        headers = Joined("upload_note.join_comma", tuple(matched))
        notes.append(Note("upload_note.headers", {"headers": headers}))
    # Two columns with one name would make the table ambiguous: number the later ones.
    seen: Counter[object] = Counter()
    doubled = []
    for position, label in enumerate(labels):
        seen[label] += 1
        if seen[label] > 1:
            labels[position] = f"{label} ({seen[label]})"
            doubled.append(str(labels[position]))
    if doubled:
        notes.append(Note("upload_note.repeated_columns", {"columns": ", ".join(doubled)}))
    frame.columns = labels
    return notes


def _quoted(names: Sequence[str]) -> Joined:
    """'a', 'b': column names in the quotes of the viewer's language."""
    return Joined(
        "upload_note.join_comma", tuple(Note("upload_note.quoted", {"name": n}) for n in names)
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
) -> list[Note]:
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
        Note(key, {"n": sum(c.values()), "sep": separator, "columns": _quoted(list(c))})
        for (key, separator), c in counts.items()
    ]
    if ambiguous:
        left = {"n": sum(ambiguous.values()), "columns": _quoted(list(ambiguous))}
        notes.append(Note("upload_note.dates_ambiguous", left))
    return notes


# Numbers -------------------------------------------------------------------------------------

_GROUP_MARKS = " \u00a0\u202f\u2009\u2007'’"  # thousands marks that are never decimal marks
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
) -> list[Note]:
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
            notes += [Note(key, {"column": column.name}) for key in _NUMBER_NOTES if did[key]]
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
) -> list[Note]:
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
            notes.append(Note("upload_note.country_names", {"n": names, "column": column.name}))
        if cased:
            notes.append(Note("upload_note.country_case", {"n": cased, "column": column.name}))
        if not names and not cased:
            notes.append(Note("upload_note.country_lists", {"column": column.name}))
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
) -> list[Note]:
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
    return [Note("upload_note.codes", {"n": changed, "column": column.name})]


# ---------------------------------------------------------------------------------------------
# Templates

KIND_WORDS = {
    "text": "Text",
    "int": "Whole number",
    "float": "Number (decimal point)",
    "date": "Date (YYYY-MM-DD)",
    "code": "One of the allowed values",
    "country": "Country code (ISO 3166-1 alpha-2)",
    "country_list": "Country codes separated by ';'",
    "url": "Web address(es), separated by ' | '",
}
_EXAMPLES = {
    "name": "K-pop Festival Paris 2026",
    "event_name": "K-pop Festival Paris 2026",
    "action_plan": "Joint K-pop festival in Europe",
    "objective": "Bring Korean and European acts to one stage",
    "target_audience": "K-pop fans in Europe",
    "expected_outcome": "Stronger fan engagement",
    "korean_partner": "Korean entertainment agency",
    "european_partner": "Paris concert promoter",
    "kpi_name": "Festival attendance",
    "city": "Paris",
    "venue": "Accor Arena",
    "lineup": "Korean girl group; European DJ",
    "artist_or_lineup": "Korean girl group",
    "partners": "Korean entertainment agency; local promoter",
    "institution": "Municipal library network, Paris",
    "host_institution": "Korean Cultural Centre",
    "venue_capacity_or_attendance": "20,000 seats",
    "category": "korean_cultural_centre",
    "indicator": "Hallyu fan club members",
    "region_or_country": "Europe",
    "value": "350000",
    "unit": "members",
    "note": "Confidence: high.",
    "initiative_id": "INI-001",
    "event_id": "EVT-0001",
    "program_id": "EDU-0001",
    "latitude": "48.8566",
    "longitude": "2.3522",
    "month": "2025-03-01",
    "satisfaction": "4.3",
    "opening_year": "2012",
    "reference_year": "2024",
    "year": "2024",
}
_KIND_EXAMPLES = {
    "text": "Text",
    "int": "1200",
    "float": "2500.5",
    "date": "2025-03-01",
    "country": "FR",
    "country_list": "FR;DE",
    "url": "https://example.org/source",
}


def column_example(column: Column) -> str:
    """A value that passes the column's checks, for templates and the data dictionary."""
    if column.name in _EXAMPLES:
        return _EXAMPLES[column.name]
    if column.allowed:
        example = column.allowed[0]
        return f"{example};{column.allowed[1]}" if column.kind == "country_list" else example
    example = _KIND_EXAMPLES.get(column.kind, "")
    if column.kind in ("int", "float") and column.min is not None and float(example) < column.min:
        return f"{column.min:g}"
    return example


def template_csv(schema: Schema) -> bytes:
    """A CSV file with the schema's header row, in UTF-8 with a BOM so that Excel reads it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(schema.column_names)
    return buffer.getvalue().encode("utf-8-sig")


def _limit(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _rules(column: Column, schema: Schema) -> str:
    rules = []
    if column.unique:
        rules.append("unique in the file")
    if column.references:
        dataset, name = column.references.split(".")
        rules.append(f"must exist as {name} in {dataset}")
    for rule in schema.row_rules:
        if column.name == rule.left:
            rules.append(f"on or after {rule.right}")
    if schema.key and column.name in schema.key:
        rules.append(f"{', '.join(schema.key)} together unique")
    return "; ".join(rules)


def template_xlsx(schema: Schema) -> bytes:
    """A workbook: the dataset's header row to fill in, and a "Columns" sheet explaining it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = schema.name[:31]
    bold = Font(bold=True)
    sheet.append(list(schema.column_names))
    for position, column in enumerate(schema.columns, start=1):
        letter = get_column_letter(position)
        sheet[f"{letter}1"].font = bold
        width = max(len(column.name), len(column_example(column))) + 4
        sheet.column_dimensions[letter].width = min(max(width, 12), 50)
        if column.kind == "date":
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        if column.kind in ("code", "country") and column.allowed:
            choices = ",".join(column.allowed)
            if len(choices) <= 255:  # Excel's limit for an inline list
                check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
                check.errorStyle = "warning"
                check.add(f"{letter}2:{letter}5000")
                sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("Columns")
    guide.append(
        [
            "Column",
            "Type",
            "Required",
            "Allowed values",
            "Minimum",
            "Maximum",
            "Rules",
            "Description",
            "Example",
        ]
    )
    for column in schema.columns:
        guide.append(
            [
                column.name,
                KIND_WORDS[column.kind],
                "no" if column.nullable else "yes",
                ", ".join(column.allowed) if column.allowed else "",
                _limit(column.min),
                _limit(column.max),
                _rules(column, schema),
                column.description,
                column_example(column),
            ]
        )
    for cell in guide[1]:
        cell.font = bold
    for letter, width in zip("ABCDEFGHI", (24, 30, 10, 40, 10, 10, 30, 70, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
