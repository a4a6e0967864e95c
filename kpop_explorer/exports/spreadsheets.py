"""Tables as downloadable files: CSV for any tool, Excel with one sheet per table.

Exported cells may hold text that came from an upload, so every text cell that a spreadsheet
would read as a formula is neutralised, as the OWASP guidance on CSV injection advises: a cell
starting with '=', '+', '-', '@', '{=' (an array formula to XlsxWriter, which writes the decks'
chart sheets), their full-width forms, a tab or a carriage return, even behind control
characters, spaces or invisible characters (which a worksheet drops or a reader trims), gets a
leading single quote. `cell_text` is the one guard every written file passes through: CSV,
Excel, the briefing, the deck (its text, tables and the workbooks embedded in its charts). It
runs last, after every other cleaning of the cell, so nothing done after it can uncover a
formula. Numbers are left alone: numeric columns, and text that is just a number ("-5"), which
no spreadsheet reads as a formula. No writer makes a link of text: openpyxl and CSV never do,
and the decks' chart sheets are written with XlsxWriter's URL and formula detection off
(`deck.py`).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

# Control characters a worksheet cannot hold (the same set as openpyxl's ILLEGAL_CHARACTERS_RE;
# openpyxl itself is imported only when a workbook is written, to keep page loads light).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_PREFIXES = ("=", "+", "-", "@", "{=", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What a reader may drop or trim before the first character it parses: control characters,
# any space (Unicode's too), zero-width characters and the byte-order mark.
_LEADING = re.compile(r"[\x00-\x20\x7f-\xa0\s\u200b-\u200f\u2060\ufeff]*")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_MAX_SHEET_NAME = 31
HEADER_FONT = "Calibri"  # the workbook's own body font
EXCEL_MAX_CELL_CHARS = 32_767
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# What a character Excel refuses in a sheet name becomes, so the name still reads as a phrase
# ("Platform mix - Streams", "Ahead or behind plan"), never "Platform mix_ Streams".
_SHEET_NAME_READABLE = {":": " -", "/": "-", "\\": "-", "[": "(", "]": ")", "?": "", "*": ""}


def _formula_like(value: object) -> bool:
    if not isinstance(value, str) or not value:
        return False
    if value[0] in "\t\r":
        return True
    text = value[_LEADING.match(value).end() :]
    if text.startswith("{"):  # "{ =1+2}" as "{=1+2}"
        text = "{" + text[_LEADING.match(text, 1).end() :]
    return text.startswith(FORMULA_PREFIXES) and _PLAIN_NUMBER.fullmatch(text.strip()) is None


def _neutral(value: object) -> object:
    return "'" + value if _formula_like(value) else value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and headers cannot start a spreadsheet formula.

    Columns of a numeric, boolean or date type are left untouched: their values are numbers
    and dates, not text, whatever their sign.
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        dtype = column.dtype
        if (
            pd.api.types.is_numeric_dtype(dtype)
            or pd.api.types.is_bool_dtype(dtype)
            or pd.api.types.is_datetime64_any_dtype(dtype)
            or pd.api.types.is_timedelta64_dtype(dtype)
        ):
            continue
        if isinstance(dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if not column.map(_formula_like).any():
            continue
        out.isetitem(position, column.map(_neutral))
    out.columns = [_neutral(c) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV in UTF-8 with a byte-order mark (so Excel reads accents right)."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def clean_sheet_names(names: list[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    cleaned: list[str] = []
    taken: set[str] = set()
    for raw in names:
        name = _SHEET_NAME_FORBIDDEN.sub(_readable, ILLEGAL_CHARACTERS_RE.sub("", str(raw)))
        name = re.sub(r"\s+", " ", name).strip().strip("'").strip() or "Sheet"
        if name.casefold() == "history":  # reserved by Excel
            name = "History_"
        candidate, number = _shortened(name, EXCEL_MAX_SHEET_NAME), 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = _shortened(name, EXCEL_MAX_SHEET_NAME - len(suffix)) + suffix
        taken.add(candidate.casefold())
        cleaned.append(candidate)
    return cleaned


def _readable(match: re.Match) -> str:
    return _SHEET_NAME_READABLE[match.group()]


def _shortened(name: str, limit: int) -> str:
    """`name` within `limit` characters, cut after a whole word and marked with "…"."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    if name[len(cut)] != " " and " " in cut[limit // 2 :]:  # a word cut in two: drop it
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–·(") + "…"


def _excel_value(value: object) -> object:
    """A cell value openpyxl writes as the matching Excel type."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None) if value.tzinfo is not None else value
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
        return (
            value.date() if value == datetime.combine(value.date(), datetime.min.time()) else value
        )
    if isinstance(value, date):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if math.isfinite(value) else str(value)
    return cell_text(value if isinstance(value, str) else str(value))


def cell_text(text: str) -> str:
    """Text a worksheet can hold: no control characters, line ends as LF (XML reads a CR as LF),
    at most Excel's 32,767 characters; then, last, the formula guard."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return _neutral(text)[:EXCEL_MAX_CELL_CHARS]


def _width(values: list[object], header: str) -> float:
    """A column's width in characters: its longest text, the bold header a tenth wider."""
    longest = max(
        [math.ceil(len(str(header)) * 1.1)] + [len(str(v)) for v in values[:500] if v is not None]
    )
    return float(min(max(longest + 2, 8), 60))


ColumnFormats = Mapping[str, str | Sequence[str]]  # an Excel number format, or one per row


def to_excel_bytes(
    sheets: Mapping[str, pd.DataFrame], formats: Mapping[str, ColumnFormats] | None = None
) -> bytes:
    """A workbook with one sheet per table: bold frozen header, filters, dates as dates.

    `formats[sheet][column]` gives the number format of a column's numbers ("0%" for shares);
    a list gives one per row, for a column whose rows measure different things.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ValueError("There is no table to export.")
    workbook = Workbook(write_only=True)
    bold = Font(name=HEADER_FONT, bold=True)  # named: a reader without a default falls to serif
    for name, (key, frame) in zip(clean_sheet_names(list(sheets)), sheets.items(), strict=True):
        sheet = workbook.create_sheet(name)
        # Each cell is guarded as it is converted, after its cleaning.
        headers = [cell_text(str(c)) for c in frame.columns]
        columns = [[_excel_value(v) for v in frame.iloc[:, i]] for i in range(frame.shape[1])]
        sheet_formats = (formats or {}).get(key, {})
        column_formats = [_per_row(sheet_formats.get(c), len(frame)) for c in frame.columns]
        for position, (header, values) in enumerate(zip(headers, columns, strict=True), 1):
            sheet.column_dimensions[get_column_letter(position)].width = _width(values, header)
        sheet.freeze_panes = "A2"
        if headers:
            last = get_column_letter(len(headers))
            sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for number, row in enumerate(zip(*columns, strict=True) if columns else ()):
            sheet.append(
                [_formatted(sheet, v, f[number]) for v, f in zip(row, column_formats, strict=True)]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _per_row(spec: str | Sequence[str] | None, rows: int) -> Sequence[str | None]:
    return [spec] * rows if spec is None or isinstance(spec, str) else spec


def _formatted(sheet, value: object, number_format: str | None) -> object:
    """Dates get an ISO display format, numbers the format asked for; the rest stays as is."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime):
        number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        number_format = "yyyy-mm-dd"
    elif not (isinstance(value, int | float) and not isinstance(value, bool)):
        number_format = None
    if number_format is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell
