"""Every surface says what the screen says: for each page (and a few languages and filters), each
table a panel shows is read back from its CSV, its Excel download, the briefing and the view
deck, and their numbers agree to the precision the screen shows; the KPI cards read the same on
screen, in the briefing and on the deck; and no exported text holds a Markdown escape, a raw
code or a True/False.

The page runs in AppTest; what it collected for its exports (`ctx.briefing`) is caught as the
frame hands the page its context. Numbers are parsed back from each file's text by hand here,
in the file's language, never by the code that wrote them.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

from components import briefing as exports
from components import context as page_context
from components.chart_panel import _workbook
from kpop_explorer.exports.spreadsheets import to_csv_bytes
from kpop_explorer.formats import columns
from kpop_explorer.formats.columns import csv_frame, shown_kinds
from kpop_explorer.formats.tables import CODE_COLUMNS
from tests.elements import open_page
from tests.test_pages import metrics

CASES = [  # each page once; three languages; no filter, one country, two
    ("digital", "en", {}),
    ("live_events", "en", {"country": "FR"}),
    ("education", "fr", {}),
    ("history", "en", {}),
    ("initiatives", "en", {}),
    ("overview", "ko", {"country": ["DE", "FR"]}),
]
ESCAPE = re.compile(r"\\[-.()!#*_\[\]`+|<>{}]")
# Codes of every vocabulary a table shows in words: none may reach a file.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b")


def run(page: str, lang: str, query: dict, monkeypatch) -> tuple:
    seen = []
    real = page_context.current

    def recording():
        ctx = real()
        seen.append(ctx)
        return ctx

    monkeypatch.setattr(page_context, "current", recording)
    at = open_page(page, {"lang": lang, **query})
    return at, seen[-1]


def number(text: str, lang: str) -> float | None:
    """A number as a reader of `lang` reads it: "19 102 000", "99,2 %", "€1,000", "4.2"."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    share = text.endswith("%")
    text = text.rstrip("%")
    text = text.replace(",", ".") if lang == "fr" else text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value / 100 if share else value


def shown_decimals(text: str, lang: str) -> int:
    """Decimals a written number shows: "99,2 %" in French 1, "1,000" in English 0."""
    found = re.search(r"\d([.,])(\d+)\D*$", text)
    if found is None or found.group(1) != ("," if lang == "fr" else "."):
        return 0
    return len(found.group(2))


def decimals(number_format: str) -> int:
    """Decimals an Excel number format shows: "0.0%" 1, "#,##0" 0."""
    found = re.search(r"0\.(0+)", number_format)
    return len(found.group(1)) if found else 0


def deck_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Each table on the deck's slides by its slide title (continuations joined), with header."""
    found: dict[str, list[list[str]]] = {}
    for slide in Presentation(io.BytesIO(data)).slides:
        title = re.sub(r" \((continued|suite|계속)\)$", "", slide.shapes.title.text)
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[c.text for c in row.cells] for row in shape.table.rows]
                found.setdefault(title, rows[:1]).extend(rows[1:])
    return found


def texts(data: bytes) -> str:
    words = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                words.append(shape.text_frame.text)
            if shape.has_table:
                words += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart:
                words += [str(c) for c in shape.chart.plots[0].categories]
                words += [s.name for s in shape.chart.series]
    return "\n".join(words)


@pytest.mark.parametrize(("page", "lang", "query"), CASES)
def test_every_surface_says_what_the_screen_says(page, lang, query, monkeypatch):
    at, ctx = run(page, lang, query, monkeypatch)
    shown = ctx.briefing
    deck = exports.view_deck(ctx, "View")
    on_slides = deck_tables(deck)
    if "View" in on_slides and shown.tables:  # the first slide is titled after the view
        on_slides[shown.tables[0][0]] = on_slides.pop("View")
    checked = 0
    words = texts(deck)
    assert ESCAPE.search(words) is None, ESCAPE.search(words)
    assert not re.search(r"\b(True|False)\b", words)
    raw = {m for m in RAW.findall(words) if m in _codes()}
    assert not raw, raw

    # The cards: on screen, in the briefing's "as shown", on the deck's first slide.
    screen = metrics(at)
    for kpi in shown.kpis:
        assert screen[kpi.label] == kpi.value_text
        assert kpi.value_text in words

    for name, make in shown.tables:
        table = make()
        kinds = shown_kinds(table, ctx.t)
        book = openpyxl.load_workbook(io.BytesIO(_workbook(name, table, ctx.t))).active
        excel = {cell.value: cell.column for cell in book[1]}
        rows = list(
            csv.reader(io.StringIO(to_csv_bytes(csv_frame(table, ctx.t)).decode("utf-8-sig")))
        )
        slide = on_slides.get(name)
        for position, column in enumerate(table.columns):
            kind = kinds[column]
            values = table[column]
            if not kind.numeric:
                continue
            cells = [book.cell(r + 2, excel[column]) for r in range(len(table))]
            for row, (value, cell) in enumerate(zip(values, cells, strict=True)):
                if pd.isna(value):
                    assert cell.value is None
                    continue
                places = decimals(cell.number_format) + (2 if "%" in cell.number_format else 0)
                shown_value = round(float(value), places)
                assert round(float(cell.value), places) == shown_value, (name, column)
                written = rows[row + 1][position]
                assert float(written) == pytest.approx(float(value), abs=10**-places / 2 + 1e-9)
                if kind.name in (columns.COUNT, columns.MONEY) and places == 0:
                    assert re.fullmatch(r"-?\d+", written), (name, column, written)
                if slide is not None:
                    header = slide[0]
                    if column in header:
                        text = slide[row + 1][header.index(column)]
                        checked += 1
                        parsed = number(text, lang)
                        assert parsed is not None, (name, column, text)
                        assert parsed == pytest.approx(shown_value, abs=10**-places / 2 + 1e-9)
                        # the same precision: as many decimals on the slide as in the workbook
                        assert shown_decimals(text, lang) == decimals(cell.number_format), (
                            name, column, text, cell.number_format
                        )  # fmt: skip
            if kind.name == columns.SHARE:
                assert "fraction" in rows[0][position] or "비율" in rows[0][position]
    if page in ("initiatives", "history", "overview"):  # pages with tables on their slides
        assert checked, "no slide table was compared"


def _codes() -> set[str]:
    from tests.test_i18n import VOCABULARIES

    found = set()
    for values in VOCABULARIES.values():
        found |= {str(v) for v in values if "_" in str(v)}
    return found | set(CODE_COLUMNS)
