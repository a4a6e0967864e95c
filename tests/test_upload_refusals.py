"""Refusals a person can act on, and no refusal of what can be read (issue 26)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from components.upload import UPLOAD_TYPES
from kpop_explorer.datasets.intake import check_upload, check_workbook
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.uploads import UploadError, read_table

HEADER = list(SCHEMAS["reference_hallyu"].column_names)
ROW = ["Fan clubs", "FR", "2024", "100", "members", "https://example.org/a", "high"]


def saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_formula_without_a_stored_value_reads_as_empty():
    """openpyxl writes formulas with no computed result (`<v></v>`): such a cell is empty."""
    book = openpyxl.Workbook()
    book.active.append(["name", "total"])
    book.active.append(["A", "=1+2"])
    book.active.append(["B", 7])
    table = read_table("book.xlsx", saved(book))
    assert table.values.tolist() == [["A", ""], ["B", "7"]]


def test_the_sheet_holding_the_dataset_s_columns_is_picked_among_many():
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active["A1"] = "Read me"
    for number in range(2, 40):
        book.create_sheet(f"S{number}")["A1"] = "notes"
    data = book.create_sheet("Indicators")
    data.append(HEADER)
    data.append(ROW)
    for number in range(41, 60):
        book.create_sheet(f"S{number}")
    check = check_upload("book.xlsx", saved(book), SCHEMAS["reference_hallyu"])
    assert "Read the sheet 'Indicators'." in check.notes
    assert check.validated.frame["indicator"].tolist() == ["Fan clubs"]


def test_a_refusal_lists_ten_sheets_and_how_many_there_are():
    book = openpyxl.Workbook()
    for number in range(2, 16):
        book.create_sheet(f"S{number}")
    names = ", ".join(["Sheet"] + [f"S{n}" for n in range(2, 11)])
    with pytest.raises(UploadError) as refused:
        read_table("book.xlsx", saved(book))
    assert str(refused.value) == (
        f"The sheet 'Sheet' is empty. Pick the sheet that holds the table (the workbook has: "
        f"{names}, … (15))."
    )


def test_an_old_xls_gets_the_app_s_advice_wherever_it_is_uploaded():
    assert "xls" in UPLOAD_TYPES  # else the uploader refuses it first, in its own words
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    advice = "Old Excel files (.xls) cannot be read. Open the file in Excel and save it as"
    with pytest.raises(UploadError, match=re.escape(advice)):
        check_upload("old.xls", old, SCHEMAS["initiatives"])
    with pytest.raises(UploadError, match=re.escape(advice)):
        check_workbook("old.XLS", old, SCHEMAS)
