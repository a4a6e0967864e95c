"""From the records of a CSV file or a worksheet to a table of text cells with a header.

Whatever a file makes a reader raise ends here as an `UploadError`: a damaged or hostile file
is refused with a message, never shown as a traceback.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import ParseError

import pandas as pd
from openpyxl.utils import get_column_letter

from kpop_explorer.i18n.messages import Joined, Message
from kpop_explorer.uploads.csv_files import Rows, csv_rows
from kpop_explorer.uploads.files import EXCEL_EXTENSIONS, Budget, UploadError, check_file
from kpop_explorer.uploads.workbooks import excel_rows, workbook_sheets

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060"
_MOJIBAKE_BOM = "ï»¿"  # a UTF-8 byte order mark read as Windows-1252
_TITLE_ROWS_SEEN = 20  # rows looked at for title rows above the header


def read_table(
    file_name: str, data: bytes, sheet: str | None = None, columns: Collection[str] = ()
) -> pd.DataFrame:
    """The table in an uploaded file, every cell as text ('' for blanks).

    The header is the first non-blank row (title rows above it holding a single cell are
    skipped), header cells are stripped of spaces and byte-order marks, fully blank rows and
    unnamed empty columns are dropped. The index holds each row's number in the file, as a
    spreadsheet shows it. `sheet` picks a worksheet of a workbook (default: the one whose first
    rows name the most of `columns`, else the first).
    """
    extension = check_file(file_name, data)
    budget = Budget()
    with _refusing(extension in EXCEL_EXTENSIONS):
        if extension in EXCEL_EXTENSIONS:
            rows, notes = excel_rows(data, sheet, budget, columns)
        else:
            rows, notes = csv_rows(data, budget)
        return _frame(rows, notes)


def excel_sheets(data: bytes) -> list[str]:
    """Names of the worksheets of an .xlsx workbook, in order (chart sheets left out)."""
    with _refusing(workbook=True):
        return workbook_sheets(data)


@contextmanager
def _refusing(workbook: bool) -> Iterator[None]:
    """Turns whatever a damaged or hostile file makes a reader raise into a refusal."""
    try:
        yield
    except UploadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ParseError, EOFError) as exc:
        raise UploadError("upload_error.damaged_workbook") from exc
    except Exception as exc:  # NotImplementedError, UnicodeDecodeError, MemoryError...
        key = "upload_error.unreadable_workbook" if workbook else "upload_error.unreadable_file"
        raise UploadError(key, detail=type(exc).__name__) from exc


def clean_header(value: str) -> str:
    text = value.strip().removeprefix(_MOJIBAKE_BOM)
    return text.strip().strip(_INVISIBLE).strip()


def _frame(rows: Rows, notes: list[Message]) -> pd.DataFrame:
    """Header, data rows, columns: the table of the file's (row number, cells) records."""
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise UploadError("upload_error.empty")
    # Skip title rows (a single filled cell) above a header that has several.
    start = 0
    counts = [sum(1 for c in cells if c.strip()) for _, cells in filled[:_TITLE_ROWS_SEEN]]
    if counts[0] <= 1 and max(counts) >= 2:
        start = next(i for i, count in enumerate(counts) if count >= 2)
        notes.append(Message("upload_note.title_rows", {"n": start}))
    header_row, header_cells = filled[start]
    data = filled[start + 1 :]
    width = max([len(header_cells)] + [len(cells) for _, cells in data])
    header = [clean_header(c) for c in header_cells] + [""] * (width - len(header_cells))
    columns: dict[str, list[str]] = {}
    seen: Counter[str] = Counter()
    renamed: list[Message] = []
    for position, name in enumerate(header):
        values = [cells[position] if position < len(cells) else "" for _, cells in data]
        if not name:
            if not any(v.strip() for v in values):
                continue  # an empty column past the table, or a spacer column
            name = f"column_{get_column_letter(position + 1)}"
            renamed.append(Message("upload_note.unnamed_column", {"name": name}))
        seen[name] += 1
        if seen[name] > 1:
            unique = f"{name} ({seen[name]})"
            renamed.append(Message("upload_note.second_column", {"name": name, "unique": unique}))
            name = unique
        columns[name] = values
    last_row = data[-1][0] if data else header_row
    skipped = last_row - header_row - len(data)  # blank rows between header and last row
    if skipped > 0:
        notes.append(Message("upload_note.blank_rows", {"n": skipped}))
    if renamed:
        named = Joined("upload_note.join_semicolon", tuple(renamed))
        notes.append(Message("upload_note.named_columns", {"columns": named}))
    index = pd.Index([n for n, _ in data], name="file_row", dtype="int64")
    frame = pd.DataFrame(
        {name: pd.Series(values, index=index, dtype="str") for name, values in columns.items()},
        index=index,
    )
    frame.attrs["notes"] = notes
    return frame
