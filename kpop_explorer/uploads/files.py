"""What kind of file an upload is, and the limits every upload is read within.

The limits come from what a real file of 20 MB of data needs: `bench/uploads.py` measures a
legitimate 20 MB CSV and workbook and hostile ones, and docs/uploads.md gives the figures. Readers
count as they go and stop at the first limit passed, so a hostile file costs at most what the
largest legitimate one costs, and usually far less.
"""

from __future__ import annotations

import codecs
import time
from pathlib import PurePath

from kpop_explorer.datasets.validation import DataError
from kpop_explorer.i18n.messages import Message

MAX_UPLOAD_MB = 20  # the widget's limit and `maxUploadSize` in .streamlit/config.toml
# Streamlit's widget counts a MB as 1,000,000 bytes (1,048,576 on Windows): the strict reading.
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
MAX_CELLS = 3_000_000  # a row counts as one more; a 20 MB CSV of the metrics makes 2.5 million
MAX_UNPACKED_BYTES = 140_000_000  # a workbook's parts once unzipped: 122 MB for 20 MB of data
MAX_PACKING_RATIO = 100  # unpacked / packed size of one part; real sheets pack 5-20 times
MAX_PARTS = 1_000  # files inside a workbook archive; Excel writes about ten per sheet
MAX_SECONDS = 60.0  # processor time to read one upload: about twice the 20 MB workbook

CSV_EXTENSIONS = (".csv", ".txt")
EXCEL_EXTENSIONS = (".xlsx",)


class UploadError(DataError):
    """The uploaded file as a whole cannot be read; the message says why and what to do.

    Raised with a key `upload_error.*` and its values; a value may be a `Message` (a phrase that
    is translated in turn).
    """


def in_megabytes(size: int) -> float:
    return round(size / 1_000_000, 1)


class Budget:
    """The cells and the time one upload may still use; reading stops as soon as either ends.

    A row counts as one cell more than it holds, since a row costs about as much memory as a
    cell, so a file of a million rows of one cell is bounded like a wide one. Time is this
    thread's processor time (a session's script runs in its own thread), so other sessions
    keeping the server busy do not make a legitimate upload run out of time.
    """

    def __init__(self) -> None:
        self.cells = 0
        self.deadline = time.thread_time() + MAX_SECONDS

    def spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise UploadError("upload_error.too_many_cells", limit=MAX_CELLS)
        if time.thread_time() > self.deadline:
            raise UploadError("upload_error.too_slow", seconds=round(MAX_SECONDS))


def check_size(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("upload_error.too_big", size=in_megabytes(len(data)), limit=MAX_UPLOAD_MB)


def check_file(file_name: str, data: bytes) -> str:
    """The file's extension, once its name, size and first bytes say it can be a table."""
    extension = PurePath(file_name or "").suffix.lower()
    if extension == ".xls":
        raise UploadError("upload_error.old_xls")
    if extension not in CSV_EXTENSIONS + EXCEL_EXTENSIONS:
        if extension:
            raise UploadError("upload_error.wrong_extension", extension=extension)
        raise UploadError("upload_error.no_extension")
    check_size(data)
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
        raise UploadError("upload_error.not_a_table", kind=Message(kind))
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
