"""Reading a CSV file: its encoding, its separator, and its records with their row numbers.

The `csv` module reads the cells; nothing is evaluated. A cell may be as long as the file (the
module's own limit of 131,072 characters is lifted), because a long cell is a problem of its row,
which validation lists, not of the whole file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

import numpy as np
from charset_normalizer import from_bytes

from kpop_explorer.i18n.messages import Message
from kpop_explorer.uploads.files import MAX_UPLOAD_BYTES, Budget, UploadError

csv.field_size_limit(MAX_UPLOAD_BYTES)  # a cell can never be longer than the file

Rows = list[tuple[int, list[str]]]

_SAMPLE_CHARS = 65_536
_SEPARATORS = (",", ";", "\t")
_SEPARATOR_NOTES = {";": "upload_note.semicolons", "\t": "upload_note.tabs"}
_BINARY_CONTROLS = 8  # more control characters than this, and over 1 in 200, is not text
_SINGLE_BYTE = {"cp1252": "Windows-1252", "cp1250": "Windows-1250"}

# Letters of the languages each code page is written for; a byte that one page reads as such a
# letter and the other as a rarer one (or a symbol) tells them apart. Rare letters weigh less.
_LETTERS = {
    "cp1252": dict.fromkeys("àâäçèéêëîïôöùûüÿœæñáíóúãßåøÀÂÄÇÈÉÊËÎÏÔÖÙÛÜŸŒÆÑÁÍÓÚÃÅØ", 1.0)
    | dict.fromkeys("ìòõþÌÒÕÞ", 0.5),
    "cp1250": dict.fromkeys(
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻčďěňřšťůžČĎĚŇŘŠŤŮŽáéíóöőúüűÁÉÍÓÖŐÚÜŰľĽôäÔÄâîşţÂÎŞŢ", 1.0
    )
    | dict.fromkeys("ăĂ", 0.5)
    | dict.fromkeys("ĺŕĹŔ", 0.25),
}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of the encoding it was read with.

    UTF-16 (with its byte-order mark) and UTF-8 are recognised by their own rules. Otherwise
    charset-normalizer rules out the code pages the bytes cannot be in; between Windows-1252
    (Western Europe) and Windows-1250 (Central Europe), which it scores alike on short files,
    the letters on which the two differ decide, and Windows-1252 when they say nothing.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise UploadError("upload_error.damaged_utf16") from exc
    if b"\x00" in data:
        raise UploadError("upload_error.binary")
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data, cp_isolation=list(_SINGLE_BYTE))
    candidates = {name for match in matches for name in match.could_be_from_charset}
    candidates &= set(_SINGLE_BYTE)  # a match names every code page that reads it the same
    if not candidates:
        raise UploadError("upload_error.unknown_encoding")
    counts = np.bincount(np.frombuffer(data, dtype=np.uint8), minlength=256)
    high = [byte for byte in range(128, 256) if counts[byte]]

    def letters(encoding: str) -> float:
        weights = _LETTERS[encoding]
        return sum(
            counts[b] * weights.get(bytes([b]).decode(encoding, errors="ignore"), 0) for b in high
        )

    encoding = max(sorted(candidates, reverse=True), key=letters)  # cp1252 first on a tie
    return data.decode(encoding), _SINGLE_BYTE[encoding]


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f") or ch == "\x7f")
    return controls > _BINARY_CONTROLS and controls * 200 > len(sample)


def csv_rows(data: bytes, budget: Budget) -> tuple[Rows, list[Message]]:
    """The file's records numbered from 1, and notes on its encoding and separator."""
    text, encoding = decode(data)
    text = text.removeprefix("\ufeff").rstrip("\x1a")  # a BOM left by UTF-16, a DOS end mark
    if not text.strip():
        raise UploadError("upload_error.empty")
    if _looks_binary(text):
        raise UploadError("upload_error.binary")
    if not text.strip(" \t\r\n,;\"'"):
        raise UploadError("upload_error.empty")
    separator = _detect_separator(text)
    notes = [Message("upload_note.encoding", {"encoding": encoding})]
    if separator != ",":
        notes.append(Message(_SEPARATOR_NOTES[separator]))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: Rows = []
    try:
        for number, record in enumerate(reader, start=1):
            budget.spend(len(record) + 1)
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
