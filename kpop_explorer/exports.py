"""Tables as downloadable files: CSV for any tool, Excel with one sheet per table.

Exported cells may hold text that came from an upload, so every text cell that a spreadsheet
would read as a formula is neutralised first, as the OWASP guidance on CSV injection advises:
a cell starting with '=', '+', '-', '@', a tab or a carriage return gets a leading single quote.
Real numbers (numeric columns) are left alone, so a negative figure stays a number.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from datetime import date, datetime

import numpy as np
import pandas as pd

# Control characters a worksheet cannot hold (the same set as openpyxl's ILLEGAL_CHARACTERS_RE;
# openpyxl itself is imported only when a workbook is written, to keep page loads light).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_MAX_SHEET_NAME = 31
EXCEL_MAX_CELL_CHARS = 32_767
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _neutral(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
        if not column.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_PREFIXES)).any():
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
        name = _SHEET_NAME_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", str(raw)))
        name = name.strip().strip("'").strip() or "Sheet"
        if name.casefold() == "history":  # reserved by Excel
            name = "History_"
        base, candidate, number = name, name[:EXCEL_MAX_SHEET_NAME], 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: EXCEL_MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        taken.add(candidate.casefold())
        cleaned.append(candidate)
    return cleaned


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
    return _excel_text(value if isinstance(value, str) else str(value))


def _excel_text(text: str) -> str:
    """Text a worksheet can hold: no control characters, line ends as LF (XML reads a CR as LF),
    at most Excel's 32,767 characters."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return text[:EXCEL_MAX_CELL_CHARS]


def _width(values: list[object], header: str) -> float:
    longest = max([len(str(header))] + [len(str(v)) for v in values[:500] if v is not None])
    return float(min(max(longest + 2, 8), 60))


def to_excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table: bold frozen header, filters, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ValueError("There is no table to export.")
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, frame in zip(clean_sheet_names(list(sheets)), sheets.values(), strict=True):
        safe = neutralise_formulas(frame)
        sheet = workbook.create_sheet(name)
        headers = [_excel_text(str(c)) for c in safe.columns]
        columns = [[_excel_value(v) for v in safe.iloc[:, i]] for i in range(safe.shape[1])]
        for position, (header, values) in enumerate(zip(headers, columns, strict=True), 1):
            sheet.column_dimensions[get_column_letter(position)].width = _width(values, header)
        sheet.freeze_panes = "A2"
        if headers:
            last = get_column_letter(len(headers))
            sheet.auto_filter.ref = f"A1:{last}{len(safe) + 1}"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in zip(*columns, strict=True) if columns else ():
            sheet.append([_dated(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _dated(sheet, value: object) -> object:
    """Dates get an ISO display format; other values are written as they are."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
