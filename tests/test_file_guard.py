"""No file the app writes can run a formula or open a link (issue 26).

Text cells are drawn from formula, DDE, array-formula ("{=...}") and URL payloads, behind control
characters, spaces and invisible characters, and go through every writer: the CSV and Excel
downloads, the briefing workbook and the view's PowerPoint deck, whose charts embed workbooks
of their own (written by XlsxWriter, which turns "=..." and "{=...}" into formulas and
"http://", "mailto:" or "external:" into hyperlinks unless told not to). Each file is opened
as a zip and read part by part: no formula element, no hyperlink, no external relationship,
and no text cell a spreadsheet would read as a formula.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from components import briefing as briefing_exports
from kpop_explorer.charts import figures
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all
from kpop_explorer.exports import deck
from kpop_explorer.exports.briefing import ChartRecord
from kpop_explorer.exports.spreadsheets import (
    cell_text,
    neutralise_formulas,
    to_csv_bytes,
    to_excel_bytes,
)
from kpop_explorer.i18n import Translator
from tests.test_deck import context

PAYLOADS = [
    "=1+2",
    "{=1+2}",
    "{=cmd|' /C calc'!A0}",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.example","y")',
    "@SUM(A1:A2)",
    "+1+1",
    "-1+1",
    "\uff1d1+2",  # a full-width equals sign
    "external:c:\\calc.exe",
    "http://127.0.0.1:9/phish",
    "https://x.example/a",
    "mailto:x@example.com",
    "file:///c:/calc.exe",
    "ftp://x.example",
    "internal:Sheet1!A1",
    "\t=1",
    "\r=1",
]
# What a reader may skip before it parses a cell: written out here, by hand.
LEADS = ["", " ", "  ", "\x00", "\x01", "\x1b", "\u00a0", "\u3000", "\u200b", "\ufeff", "\n"]
_SKIPPED = re.compile(r"[\x00-\x20\x7f\u00a0\u3000\u200b\ufeff]*")
_STARTS = ("=", "+", "-", "@", "{=", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")

hostile = st.builds(
    lambda lead, payload, tail: lead + payload + tail,
    st.sampled_from(LEADS),
    st.sampled_from(PAYLOADS),
    st.text(alphabet="abc=1 ", max_size=3),
)


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet could read this cell as a formula."""
    if not isinstance(value, str):
        return False
    if value[:1] in ("\t", "\r"):
        return True
    text = value[_SKIPPED.match(value).end() :]
    return text.startswith(_STARTS) and not _NUMBER.fullmatch(text.strip())


def check_csv(data: bytes) -> None:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert [cell for row in rows for cell in row if starts_formula(cell)] == []


def check_workbook(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            part = archive.read(name).decode("utf-8", "replace")
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert re.search(r"<f[\s>/]", part) is None, name
                assert "<hyperlink" not in part, name
            if name.endswith(".rels"):
                assert "hyperlink" not in part and 'TargetMode="External"' not in part, name
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f" or c.hyperlink] == []
    assert [c.value for c in cells if starts_formula(c.value)] == []


def check_deck(data: bytes) -> int:
    """The number of workbooks embedded in the deck's charts, each checked as a workbook."""
    embedded = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                check_workbook(archive.read(name))
                embedded += 1
            elif name.endswith(".rels"):
                part = archive.read(name).decode()
                assert "hyperlink" not in part and 'TargetMode="External"' not in part, name
            elif name.endswith(".xml"):
                assert "hlinkClick" not in archive.read(name).decode(), name
    return embedded


@pytest.fixture(scope="module")
def make_context(options):
    loaded = load_all(REPO_DATA_DIR)
    return lambda **briefing: context(loaded, options, "en", **briefing)


@settings(max_examples=10, deadline=None, database=None, phases=[Phase.generate])
@given(cities=st.lists(hostile, min_size=2, max_size=4, unique=True), header=hostile)
def test_no_export_of_hostile_text_holds_a_formula_or_a_link(make_context, cities, header):
    t = Translator("en")
    table = pd.DataFrame({"city": cities, "attendance": range(len(cities), 0, -1)})
    record = ChartRecord(header, "", table, figures.ranking_bars, (table, "city", "attendance", t),
                         {"axis_title": header}, header, True)  # fmt: skip
    named = table.rename(columns={"city": header})
    ctx = make_context(charts=[record], tables=[(header, lambda: named)], headline=header)
    check_csv(to_csv_bytes(named))
    check_workbook(to_excel_bytes({header: named}))
    check_workbook(briefing_exports.workbook(ctx, header))
    assert check_deck(briefing_exports.view_deck(ctx, header)) == 1  # the ranking, natively


def test_the_deck_chart_sheet_keeps_each_payload_as_quoted_text():
    """The reported case: live events whose cities are a formula, a DDE call, a file and a web
    link and an e-mail address, drawn as a native chart on a slide."""
    t = Translator("en")
    cities = ["{=1+2}", "{=cmd|' /C calc'!A0}", "external:c:\\calc.exe",
              "http://127.0.0.1:9/phish", "mailto:x@example.com"]  # fmt: skip
    table = pd.DataFrame({"city": cities, "value": [5.0, 4.0, 3.0, 2.0, 1.0]})
    record = ChartRecord("c", "", table, figures.ranking_bars, (table, "city", "value", t), {},
                         "s", True)  # fmt: skip
    slide = deck.SlideContent("Live events", chart=deck.deck_chart(record, t))
    data = deck.build(deck.Deck("t", (), (slide,), ()), t)
    assert check_deck(data) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith("ppt/embeddings/")]
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read(name))).active
    assert [sheet.cell(row, 1).value for row in range(2, 7)] == [
        "'{=1+2}",
        "'{=cmd|' /C calc'!A0}",
        "external:c:\\calc.exe",
        "http://127.0.0.1:9/phish",
        "mailto:x@example.com",
    ]  # fmt: skip  (links stay text: no formula prefix, and the workbook makes no link of them)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" =1+2", "' =1+2"),
        ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"),
        ("\u200b=1", "'\u200b=1"),
        ("\ufeff+1+1", "'\ufeff+1+1"),
        ("{=1+2}", "'{=1+2}"),
        ("{ =1+2}", "'{ =1+2}"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        (" -5 ", " -5 "),  # a number with spaces is a number
        ("{a=1}", "{a=1}"),
        ("http://x.example", "http://x.example"),  # text: no writer makes it a link
    ],
)
def test_the_guard_sees_past_spaces_and_invisible_characters(text, expected):
    assert cell_text(text) == expected
    assert neutralise_formulas(pd.DataFrame({"c": [text]}))["c"].tolist() == [expected]


def test_chart_labels_show_quotes_as_quotes_and_make_no_link():
    """What the browser draws, and so the PNG and SVG images, shows the name as typed."""
    t = Translator("en")
    names = ['Say "hi"', '<a href="http://x.example">x</a>', "Tom & Jerry's"]
    table = pd.DataFrame({"city": names, "value": [3.0, 2.0, 1.0]})
    figure = figures.ranking_bars(table, "city", "value", t, axis_title="v")
    labels = [str(v) for trace in figure.data for v in (trace.y if trace.y is not None else ())]
    assert set(labels) >= {
        'Say "hi"',
        '&lt;a href="http://x.example"&gt;x&lt;/a&gt;',  # Plotly decodes &lt; and &gt;
        "Tom &amp; Jerry's",
    }
    assert not any("&quot;" in label or "<a" in label for label in labels)


def test_a_deck_table_passes_its_cells_through_the_same_guard():
    t = Translator("en")
    table = pd.DataFrame({"name": ["{=1+2}", " @SUM(A1)", "Paris"], "budget": [1.0, 2.0, 3.0]})
    slide = deck.SlideContent("Places", chart=deck.as_table(table, t, displayed=True))
    opened = Presentation(io.BytesIO(deck.build(deck.Deck("t", (), (slide,), ()), t)))
    (shown,) = [s.table for s in opened.slides[1].shapes if s.has_table]
    assert [row.cells[0].text for row in shown.rows] == ["name", "'{=1+2}", "' @SUM(A1)", "Paris"]
