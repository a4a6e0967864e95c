"""Exports: no cell can run as a formula, numbers stay numbers, files read back exactly."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kpop_explorer.exports.spreadsheets import (
    FORMULA_PREFIXES,
    clean_sheet_names,
    neutralise_formulas,
    to_csv_bytes,
    to_excel_bytes,
)

CONTROL = "".join(map(chr, range(32))) + "\x7f"
PLAIN = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")  # a number, not a formula
DANGEROUS = [
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=cmd", "'\t=cmd"),
    ("\r=cmd", "'\r=cmd"),
    (" =1", "' =1"),  # a reader may trim the space
    ("{=1+2}", "'{=1+2}"),  # an array formula to XlsxWriter
]
HARMLESS = ["Paris", "", "K-pop", "1-2", "a=b", "'=already quoted", "<script>x</script>"]


@pytest.mark.parametrize(("text", "expected"), DANGEROUS)
def test_each_dangerous_prefix_gets_a_quote(text, expected):
    frame = pd.DataFrame({"note": [text, "safe"]})
    assert neutralise_formulas(frame)["note"].tolist() == [expected, "safe"]


def test_harmless_text_is_unchanged():
    frame = pd.DataFrame({"note": HARMLESS})
    assert neutralise_formulas(frame)["note"].tolist() == HARMLESS


def test_numbers_dates_and_missing_values_are_untouched():
    frame = pd.DataFrame(
        {
            "int": [-5, 3, 0],
            "float": [-0.5, float("nan"), 1.0],
            "nullable": pd.array([-7, None, 1], dtype="Int64"),
            "when": pd.to_datetime(["2025-01-01", None, None]),
            "flag": [True, False, True],
            "mixed": [-1, "-1", "-2+3"],  # an object column: numbers stay, a sum is quoted
        }
    )
    out = neutralise_formulas(frame)
    pd.testing.assert_frame_equal(out.drop(columns="mixed"), frame.drop(columns="mixed"))
    assert out["mixed"].tolist() == [-1, "-1", "'-2+3"]


def test_headers_and_categories_are_neutralised_and_the_input_is_not_changed():
    frame = pd.DataFrame({"=cmd": ["x"], "kind": pd.Categorical(["@home"])})
    out = neutralise_formulas(frame)
    assert list(out.columns) == ["'=cmd", "kind"]
    assert out["kind"].tolist() == ["'@home"]
    assert list(frame.columns) == ["=cmd", "kind"]
    assert frame["kind"].tolist() == ["@home"]


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Élysée Montmartre", "=1+2", "@evil", "서울"],
            "attendance": pd.array([1230, None, -4, 0], dtype="Int64"),
            "price": [89.0, -0.5, float("nan"), 29.9],
            "start_date": pd.to_datetime(["2024-05-19", "2025-01-01", None, "2026-12-31"]),
        }
    )


def test_csv_is_utf8_with_bom_neutralised_and_reads_back():
    data = to_csv_bytes(sample())
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Élysée Montmartre".encode() in data and "서울".encode() in data
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.values.tolist() == [
        ["Élysée Montmartre", "1230", "89.0", "2024-05-19"],
        ["'=1+2", "", "-0.5", "2025-01-01"],
        ["'@evil", "-4", "", ""],
        ["서울", "0", "29.9", "2026-12-31"],
    ]


def test_excel_holds_exactly_the_rows_typed_and_neutralised():
    sheets = {"Live events": sample(), "Data / 2025 [draft]": sample().head(1)}
    data = to_excel_bytes(sheets)

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Live events", "Data - 2025 (draft)"]
    sheet = book["Live events"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("name", "attendance", "price", "start_date")
    assert [r[0] for r in rows[1:]] == ["Élysée Montmartre", "'=1+2", "'@evil", "서울"]
    assert [r[1] for r in rows[1:]] == [1230, None, -4, 0]
    assert [r[2] for r in rows[1:]] == [89.0, -0.5, None, 29.9]
    assert sheet["D2"].is_date and sheet["D2"].number_format == "yyyy-mm-dd"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert all(cell.font.b and cell.font.name == "Calibri" for cell in sheet[1])
    assert sheet.freeze_panes == "A2"

    back = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(back) == ["Live events", "Data - 2025 (draft)"]
    first = back["Live events"]
    assert len(first) == 4
    assert first["name"].tolist() == ["Élysée Montmartre", "'=1+2", "'@evil", "서울"]
    assert first["start_date"].dt.strftime("%Y-%m-%d").fillna("").tolist() == [
        "2024-05-19",
        "2025-01-01",
        "",
        "2026-12-31",
    ]
    assert len(back["Data - 2025 (draft)"]) == 1


def test_excel_cells_keep_what_a_worksheet_can_hold():
    frame = pd.DataFrame({"text": ["bell\x07 and\r\nbreak", "x" * 40_000, "\r=1"]})
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"t": frame})))
    values = [row[0] for row in book["t"].iter_rows(min_row=2, values_only=True)]
    assert values == ["bell and\nbreak", "x" * 32_767, "'\n=1"]


def test_an_empty_table_still_gives_its_header():
    frame = pd.DataFrame({"a": pd.Series(dtype="str"), "b": pd.Series(dtype="float")})
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"empty": frame})))
    assert list(book["empty"].iter_rows(values_only=True)) == [("a", "b")]
    with pytest.raises(ValueError, match="no table"):
        to_excel_bytes({})


def test_sheet_names_follow_excel_rules():
    names = clean_sheet_names(
        [
            "a/b",
            "A/B",
            "x" * 40,
            "x" * 40,
            "'quoted'",
            "",
            "History",
            "What?*:[]\\",
            "Streams growth by country, first to last month",
            "Streams growth by country, first to last year",
        ]
    )
    assert names == [
        "a-b",
        "A-B (2)",
        "x" * 30 + "…",
        "x" * 26 + "… (2)",
        "quoted",
        "Sheet",
        "History_",
        "What -()-",
        "Streams growth by country…",
        "Streams growth by country… (2)",
    ]
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)


# Text built like a formula hidden from a naive guard: control characters (which a worksheet
# drops or keeps), then a formula prefix, then anything; mixed with any text at all.
_CONTROLS = st.text(alphabet=st.sampled_from([*CONTROL, " ", "'"]), max_size=3)
# Any character a table can hold: pandas' string columns refuse lone surrogates outright.
_ANY = st.characters(exclude_categories=("Cs",))
_TAIL = st.text(alphabet=st.one_of(st.sampled_from(list("=+-@1.,e'\t\r")), _ANY),
                max_size=8)  # fmt: skip
HOSTILE_TEXT = st.one_of(
    st.builds(lambda lead, prefix, tail: lead + prefix + tail,
              _CONTROLS, st.sampled_from(["", *FORMULA_PREFIXES]), _TAIL),
    st.text(alphabet=_ANY, max_size=12),
)  # fmt: skip


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


# Writing and reading a workbook is most of an example's cost, so each holds more texts: 40
# examples of up to 20 cells check as many hostile texts as 100 of up to 6 did.
@settings(max_examples=40, deadline=None)
@given(cells=st.lists(HOSTILE_TEXT, min_size=1, max_size=20), header=HOSTILE_TEXT)
def test_no_hostile_text_becomes_a_formula_in_a_written_file(cells, header):
    frame = pd.DataFrame({header: cells, "n": [-5] * len(cells)}) if header != "n" else None
    assume(frame is not None)
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"hostile": frame})))
    written = [cell for row in book["hostile"].iter_rows() for cell in row]
    assert [c.data_type for c in written if c.data_type == "f"] == []
    assert [c.value for c in written if c.column == 2][1:] == [-5] * len(cells)
    texts = [c.value for c in written if isinstance(c.value, str)]
    for value in texts + _csv_cells(to_csv_bytes(frame)):
        text = value.lstrip(CONTROL)
        assert not text.startswith(FORMULA_PREFIXES) or PLAIN.fullmatch(text), repr(value)


def test_a_control_character_before_a_formula_cannot_hide_it():
    frame = pd.DataFrame({"\x01=cmd": ["\x01=1+1", "\x00\x1b@SUM(A1)", "\x08+1", "-5", "5"]})
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"s": frame})))
    values = [cell.value for row in book["s"].iter_rows() for cell in row]
    assert values == ["'=cmd", "'=1+1", "'@SUM(A1)", "+1", "-5", "5"]
    assert all(cell.data_type != "f" for row in book["s"].iter_rows() for cell in row)
    assert _csv_cells(to_csv_bytes(frame)) == [
        "'\x01=cmd", "'\x01=1+1", "'\x00\x1b@SUM(A1)", "\x08+1", "-5", "5"
    ]  # fmt: skip


# --- Workbook cells: types, number formats, widths ------------------------------------------------


def test_number_formats_follow_the_column_or_each_row_and_only_touch_numbers():
    frame = pd.DataFrame(
        {"share": [0.25, 0.5, None], "mixed": [0.9, 1234.0, 7.0], "label": ["a", "b", "c"],
         "flag": [True, False, True]}
    )  # fmt: skip
    formats = {"Data / x": {"share": "0%", "mixed": ["0%", "#,##0", "0.0"], "flag": "0%",
                            "label": "0%"}}  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"Data / x": frame}, formats)))
    sheet = book["Data - x"]  # the sheet's name is cleaned, its formats found by its key
    assert [sheet[f"A{r}"].number_format for r in (2, 3)] == ["0%", "0%"]
    assert sheet["A4"].value is None
    assert [sheet[f"B{r}"].number_format for r in (2, 3, 4)] == ["0%", "#,##0", "0.0"]
    assert sheet["C2"].number_format == "General"  # text is not a number to format
    assert (sheet["D2"].value, sheet["D2"].number_format) == (True, "General")
    unformatted = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"Data / x": frame})))
    assert unformatted["Data - x"]["A2"].number_format == "General"


def test_cells_take_the_excel_type_of_their_value():
    frame = pd.DataFrame(
        {
            "when": [pd.Timestamp("2026-01-01 10:30", tz="Europe/Paris"),
                     pd.Timestamp("2026-01-02"), None],
            "any": [np.int64(3), np.float64("nan"), float("inf")],
            "day": [date(2026, 3, 1), datetime(2026, 3, 2, 0, 0), Decimal("1.5")],
        }
    )  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"t": frame})))
    sheet = book["t"]
    assert sheet["A2"].value == datetime(2026, 1, 1, 10, 30)  # the wall time, no zone
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["A3"].number_format == "yyyy-mm-dd"  # midnight: a day
    assert sheet["A4"].value is None
    assert [sheet[f"B{r}"].value for r in (2, 3, 4)] == [3, None, "inf"]
    assert sheet["B2"].data_type == "n"
    assert sheet["C2"].is_date and sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["C3"].value == datetime(2026, 3, 2) and sheet["C3"].number_format == "yyyy-mm-dd"
    assert sheet["C4"].value == "1.5"  # anything else is written as its text


def test_columns_are_as_wide_as_their_longest_of_the_first_500_cells_within_8_to_60():
    frame = pd.DataFrame(
        {
            "a": ["x"] * 501,  # short: at least 8
            "a_header_of_18_chr": ["x"] * 501,  # the bold header is the longest: 18 * 1.1 + 2
            "c": ["Élysée Montmartre"] + ["x"] * 500,  # 17 + 2
            "d": ["y" * 100] + ["x"] * 500,  # at most 60
            "e": ["x"] * 500 + ["z" * 40],  # the 501st cell is not looked at
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"t": frame})))["t"]
    widths = [sheet.column_dimensions[c].width for c in "ABCDE"]
    assert widths == [8, 22, 19, 60, 8]
    assert sheet.auto_filter.ref == "A1:E502"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x" * 31, "x" * 31),  # exactly the limit: kept whole
        ("abcdefghijklmnop qrstuvwxyz0123456789", "abcdefghijklmnop…"),  # the cut word dropped
        ("abcdefghijklmnopqrstuvwxyz012345 6789", "abcdefghijklmnopqrstuvwxyz0123…"),  # no space
        # A space in the first half only: the word is cut rather than leave half a name.
        ("abcdefghij klmnopqrstuvwxyz0123 456789", "abcdefghij klmnopqrstuvwxyz012…"),
        # The cut falls at a word's end: the whole word stays.
        ("a" * 17 + " " + "b" * 12 + " ccccc", "a" * 17 + " " + "b" * 12 + "…"),
        # A space just at half the limit (15) counts; the dash before it goes with it.
        ("abcdefghijklm - opqrstuvwxyz012 3456789", "abcdefghijklm…"),
        ("abcdefghijklmnopqrstuvw - xyz0123456789", "abcdefghijklmnopqrstuvw…"),
    ],
)
def test_a_long_sheet_name_is_cut_after_a_whole_word(name, expected):
    assert clean_sheet_names([name]) == [expected]


def test_sheet_names_lose_control_characters_and_outer_quotes():
    assert clean_sheet_names(["a\x01b", " 'x' ", "history", "''"]) == ["ab", "x", "History_",
                                                                        "Sheet"]  # fmt: skip


def test_a_timedelta_column_is_left_alone_and_harmless_categories_unchanged():
    frame = pd.DataFrame({"gap": pd.to_timedelta(["-1 days", "2 days"]),
                          "kind": pd.Categorical(["a", "b"])})  # fmt: skip
    out = neutralise_formulas(frame)
    pd.testing.assert_frame_equal(out, frame)
