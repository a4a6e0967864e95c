"""Reading an Excel workbook (.xlsx) as a stream of rows, within the limits of `files.py`.

A workbook is a ZIP archive of XML parts. Its directory is checked before anything is unpacked
(the number of parts, their unpacked size, how tightly each is packed); then the sheet's XML is
parsed as it is unzipped, one row at a time, each row counted against the upload's budget of
cells and time, so a zip bomb is refused after its first few million cells at most instead of
being expanded whole. openpyxl's reader builds an object per cell and was far too slow for a
workbook of 20 MB of data (docs/uploads.md); this one reads cached values only (no formula is
computed), with openpyxl's own rules for which number formats are dates.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from xml.etree.ElementTree import Element, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from kpop_explorer.i18n.messages import Message
from kpop_explorer.uploads.files import (
    MAX_PACKING_RATIO,
    MAX_PARTS,
    MAX_UNPACKED_BYTES,
    Budget,
    UploadError,
    check_size,
)

Rows = list[tuple[int, list[str]]]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOCUMENT_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WORKSHEET_TYPE = "/worksheet"  # the end of a worksheet relationship's type (not a chart sheet)
_RATIO_FROM_BYTES = 1_000_000  # parts smaller than this may pack as tightly as they like
_MAX_COLUMN = 16_384  # Excel's last column, XFD


@dataclass(frozen=True)
class Sheet:
    name: str
    visible: bool
    part: str  # the path of its XML inside the archive


class _Workbook:
    """The archive, its worksheets and what reading a cell needs (shared strings, date styles)."""

    def __init__(self, data: bytes) -> None:
        check_size(data)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UploadError("upload_error.damaged_workbook") from exc
        infos = self.archive.infolist()
        self.parts = {info.filename: info for info in infos}
        if "xl/workbook.xml" not in self.parts:
            raise UploadError("upload_error.archive_not_workbook")
        if len(infos) > MAX_PARTS:
            raise UploadError("upload_error.too_many_parts", n=len(infos), limit=MAX_PARTS)
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            size, limit = round(unpacked / 1_000_000), round(MAX_UNPACKED_BYTES / 1_000_000)
            raise UploadError("upload_error.unpacked_too_big", size=size, limit=limit)
        for info in infos:
            if info.file_size > _RATIO_FROM_BYTES and (
                info.file_size > MAX_PACKING_RATIO * max(info.compress_size, 1)
            ):
                ratio = round(info.file_size / max(info.compress_size, 1))
                raise UploadError("upload_error.packed_too_tightly", ratio=ratio,
                                  limit=MAX_PACKING_RATIO)  # fmt: skip
        self.sheets, self.epoch = self._sheets()
        self._strings: list[str] | None = None
        self._dates: tuple[set[int], set[int]] = (set(), set())

    def _elements(self, part: str, tag: str, parent: str) -> Iterator[Element]:
        """The `tag` elements of an XML part as each ends, dropped from their `parent` once used,
        so that reading holds one element at a time, however long the part.

        The stdlib parser (expat) resolves no external entity and refuses entity expansions
        out of proportion to the document ("billion laughs").
        """
        holder = None
        with self.archive.open(part) as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                if event == "start":
                    if element.tag == parent:
                        holder = element
                elif element.tag == tag:
                    yield element
                    if holder is not None:
                        holder.remove(element)

    def _sheets(self) -> tuple[list[Sheet], datetime]:
        targets = {}
        rels = "xl/_rels/workbook.xml.rels"
        if rels in self.parts:
            for rel in self._elements(
                rels, f"{_RELATIONSHIPS}Relationship", f"{_RELATIONSHIPS}Relationships"
            ):
                if rel.get("Type", "").endswith(_WORKSHEET_TYPE):
                    target = rel.get("Target", "")
                    path = target[1:] if target.startswith("/") else f"xl/{target}"
                    targets[rel.get("Id")] = posixpath.normpath(path)
        sheets, epoch = [], CALENDAR_WINDOWS_1900
        with self.archive.open("xl/workbook.xml") as stream:
            for _, element in iterparse(stream, events=("end",)):
                if element.tag == f"{_MAIN}workbookPr":
                    if element.get("date1904", "").lower() in ("1", "true"):
                        epoch = CALENDAR_MAC_1904
                elif element.tag == f"{_MAIN}sheet":
                    part = targets.get(element.get(f"{_DOCUMENT_RELATIONSHIPS}id"))
                    if part is not None and part in self.parts:
                        visible = element.get("state", "visible") == "visible"
                        sheets.append(Sheet(element.get("name", ""), visible, part))
        return sheets, epoch

    def shared_strings(self, budget: Budget) -> list[str]:
        part = "xl/sharedStrings.xml"
        if part not in self.parts:
            return []
        strings: list[str] = []
        same: dict[str, str] = {}  # one object per distinct text
        for item in self._elements(part, f"{_MAIN}si", f"{_MAIN}sst"):
            text = "".join(_texts(item))
            strings.append(same.setdefault(text, text))
            if len(strings) % 1_000 == 0:
                budget.spend(1_000)
        return strings

    def date_styles(self) -> tuple[set[int], set[int]]:
        """Which cell styles (by index) show a date, and which of them a duration."""
        part = "xl/styles.xml"
        if part not in self.parts:
            return set(), set()
        formats = dict(BUILTIN_FORMATS)
        styles: list[int] = []
        with self.archive.open(part) as stream:
            in_cell_styles = False
            for event, element in iterparse(stream, events=("start", "end")):
                if element.tag == f"{_MAIN}cellXfs":
                    in_cell_styles = event == "start"
                elif event == "end" and element.tag == f"{_MAIN}numFmt":
                    formats[_int(element.get("numFmtId"))] = element.get("formatCode", "")
                elif event == "end" and in_cell_styles and element.tag == f"{_MAIN}xf":
                    styles.append(_int(element.get("numFmtId")))
        dates = {i for i, f in enumerate(styles) if is_date_format(formats.get(f, "General"))}
        durations = {i for i in dates if is_timedelta_format(formats.get(styles[i], ""))}
        return dates, durations

    def rows(self, sheet: Sheet, budget: Budget, limit: int | None = None) -> Rows:
        """The sheet's rows, or its first `limit` rows."""
        if self._strings is None:  # read once, however many sheets are looked at
            self._strings, self._dates = self.shared_strings(budget), self.date_styles()
        strings, (dates, durations) = self._strings, self._dates
        rows: Rows = []
        number = 0
        for row in self._elements(sheet.part, f"{_MAIN}row", f"{_MAIN}sheetData"):
            number = _int(row.get("r"), number + 1)
            cells: list[str] = []
            for cell in row.iter(f"{_MAIN}c"):
                position = _column(cell.get("r"), len(cells))
                cells.extend([""] * (position - len(cells)))
                cells.append(self._cell(cell, strings, dates, durations))
            budget.spend(len(cells) + 1)
            rows.append((number, cells))
            if limit is not None and len(rows) >= limit:
                break
        return rows

    def _cell(self, cell: Element, strings: list[str], dates: set[int], durations: set[int]) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{_MAIN}is")
            return "" if inline is None else "".join(_texts(inline))
        value = cell.findtext(f"{_MAIN}v")
        if value is None or not value.strip():  # a formula never computed holds <v></v>
            return ""
        if kind == "s":
            index = _int(value, -1)
            return strings[index] if 0 <= index < len(strings) else ""
        if kind == "b":
            return "TRUE" if value.strip() in ("1", "true") else "FALSE"
        if kind != "n":
            return value  # text from a formula, an error such as #N/A, an ISO date
        try:
            number: float | int = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return value  # not a number after all: the text as it is
        style = _int(cell.get("s"), 0)
        if style in dates:
            try:
                return excel_text(from_excel(number, self.epoch, style in durations))
            except (OverflowError, ValueError):
                pass  # a serial beyond any date: the number is shown as it is
        return excel_text(number)


def _texts(item: Element) -> Iterator[str]:
    """The text runs of a string item, leaving out phonetic guides (<rPh>)."""
    for child in item:
        if child.tag == f"{_MAIN}t":
            yield child.text or ""
        elif child.tag == f"{_MAIN}r":
            yield from (t.text or "" for t in child.iter(f"{_MAIN}t"))


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _column(reference: str | None, following: int) -> int:
    """The 0-based column of a cell reference such as "AB12", or the next one without it."""
    letters = (reference or "").rstrip("0123456789")
    if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        return following
    position = column_index_from_string(letters.upper()) - 1
    return position if position < _MAX_COLUMN else following


def excel_text(value: object) -> str:
    """A workbook cell as the text a person would type for it."""
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


def workbook_sheets(data: bytes) -> list[str]:
    """Names of the worksheets of an .xlsx workbook, in order (chart sheets left out)."""
    return [sheet.name for sheet in _Workbook(data).sheets]


SHEETS_NAMED = 10  # a refusal lists at most this many sheet names
_HEADER_ROWS_SEEN = 20  # rows looked at for the dataset's header when picking a sheet


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:SHEETS_NAMED])
    return shown + (f", … ({len(names)})" if len(names) > SHEETS_NAMED else "")


def excel_rows(
    data: bytes, sheet: str | None, budget: Budget, columns: Collection[str] = ()
) -> tuple[Rows, list[Message]]:
    """The records of one worksheet, numbered as in Excel, and a note naming the sheet when
    the workbook has several. Without `sheet`, the sheet whose first rows hold most of
    `columns` (the dataset's), else the first one a person sees."""
    workbook = _Workbook(data)
    names = [s.name for s in workbook.sheets]
    if not names:
        raise UploadError("upload_error.no_worksheet")
    if sheet is None:
        chosen = _holding(workbook, columns, budget) or next(
            (s for s in workbook.sheets if s.visible), workbook.sheets[0]
        )
    elif sheet in names:
        chosen = workbook.sheets[names.index(sheet)]
    else:
        raise UploadError("upload_error.no_such_sheet", sheet=sheet, sheets=_listed(names))
    rows = workbook.rows(chosen, budget)
    if not any(any(cell.strip() for cell in row) for _, row in rows):
        if len(names) > 1:
            raise UploadError("upload_error.empty_sheet", sheet=chosen.name,
                              sheets=_listed(names))  # fmt: skip
        raise UploadError("upload_error.empty_only_sheet", sheet=chosen.name)
    notes = [Message("upload_note.sheet", {"sheet": chosen.name})] if len(names) > 1 else []
    return rows, notes


def _holding(workbook: _Workbook, columns: Collection[str], budget: Budget) -> Sheet | None:
    """The first sheet, visible ones first, whose first rows name the most of `columns`."""
    wanted = {c.strip().casefold() for c in columns}
    if not wanted or len(workbook.sheets) < 2:
        return None
    best, score = None, 0
    ordered = sorted(workbook.sheets, key=lambda s: not s.visible)  # stable: file order kept
    for candidate in ordered:
        found = {
            cell.strip().casefold()
            for _, cells in workbook.rows(candidate, budget, _HEADER_ROWS_SEEN)
            for cell in cells
        }
        named = len(wanted & found)
        if named > score:
            best, score = candidate, named
        if score == len(wanted):
            break
    return best
