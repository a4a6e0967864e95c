"""The decks as a real office suite draws them: LibreOffice Impress renders each to PDF, and
poppler's `pdftotext -bbox-layout` says where every block of text landed. No text may lie
outside its page, and no two text blocks may overlap. One PNG per deck goes to
`test-artifacts/` to be looked at.

All decks go through one soffice run (it takes seconds to start), with its own profile so that
parallel workers do not share one. The decks: the story in three languages, and per language a
deck of every story step's panels as their pages draw them, with the Education page's ratings
and a long reference table.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from components import briefing as exports
from components.context import PageContext
from components.kpis import shown_kpis
from kpop_explorer import aggregates, figures, history, measures, story_views
from kpop_explorer.briefing import Briefing, ChartRecord
from kpop_explorer.filters import FilterState
from kpop_explorer.i18n import Translator
from kpop_explorer.loading import REPO_DATA_DIR, load_all
from kpop_explorer.story import load_story
from kpop_explorer.tables import for_display
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
LANGS = ("en", "fr", "ko")
ESCAPE = re.compile(r"\\[-.()!#*_\[\]`+]")
SLACK = 1.0  # points: a glyph's bounding box may touch its neighbour's
BARS = (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED)
INK_TRIM = 0.2  # of a word box's height, off its top and its bottom


def _view_records(loaded, options, t: Translator) -> PageContext:
    """A view deck holding every story step's panels, the Education page's satisfaction
    ranking and the history page's long table of cultural centres and institutes."""
    frames = {name: dataset.frame for name, dataset in loaded.items()}
    as_of = aggregates.as_of(frames["digital_metrics"])
    state = FilterState.default(options)
    shown = Briefing()
    for step in load_story().steps:
        step_state, _ = step.state(options)
        needed = {n: frames[n] for n in story_views.NEEDS[step.view]}
        view = story_views.VIEWS[step.view](needed, step_state, t, as_of, False)
        if not shown.headline:
            shown.headline, shown.kpis = view.headline, shown_kpis(view.kpis or [], t)
        for panel, drawn in ((p.panel, p.chart) for p in view.panels):
            record = ChartRecord(panel.title, panel.subtitle, panel.table, drawn.build,
                                 drawn.args, drawn.kwargs, "illustrative", True)  # fmt: skip
            shown.charts.append(record)
    selection = measures.select(
        {"initiatives": frames["initiatives"], "education_programs": frames["education_programs"]},
        state,
        as_of,
    )
    ratings = measures.satisfaction_by_type(selection)
    shown.charts.append(
        ChartRecord(
            t("education.satisfaction.title"),
            t("education.satisfaction.subtitle"),
            ratings,
            figures.ranking_bars,
            (ratings, "program_type", "satisfaction", t),
            {
                "vocabulary": "program_type",
                "axis_title": "x",
                "number_digits": 1,
                "axis_range": (1, 5),
            },
            "illustrative",
            True,
        )
    )
    places = history.network(frames["reference_education"])
    table = places[["category", "name", "city", "country", "opening_year", "source_url"]]
    shown.charts.append(
        ChartRecord(
            t("history.openings.title"), "", table, history.network, (), {}, "reference", False
        )
    )
    shown.tables.append((t("page.initiatives"), lambda: for_display(frames["initiatives"], t)))
    return PageContext(t, state, options, loaded, False, as_of, pd.Timestamp("2026-12-01"),
                       page_path="overview", briefing=shown)  # fmt: skip


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, options):
    """{deck name: its pages' text blocks} of every deck, drawn by LibreOffice."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are installed by ./dev test")
    return render(tmp_path_factory.mktemp("decks"), options)


def render(folder: Path, options) -> dict[str, dict]:
    """{deck name: {"pages": each page's words, "pptx": the deck as written}}."""
    loaded = load_all(REPO_DATA_DIR)
    decks = {}
    for lang in LANGS:
        t = Translator(lang)
        ctx = _view_records(loaded, options, t)
        decks[f"story-{lang}"] = exports.story_deck(ctx, load_story())
        decks[f"view-{lang}"] = exports.view_deck(ctx, t("page.overview"))
    paths = []
    for name, data in decks.items():
        path = folder / f"{name}.pptx"
        path.write_bytes(data)
        paths.append(str(path))
    profile = folder / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for name in decks:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not render {name}"
        xml = folder / f"{name}.html"
        subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(xml)], check=True, timeout=120)
        # The first content slide, small, to look at.
        subprocess.run(
            ["pdftoppm", "-png", "-r", "48", "-f", "2", "-l", "2", "-singlefile", str(pdf),
             str(ARTIFACTS / f"deck-{name}")],
            check=True, timeout=120,
        )  # fmt: skip
        found[name] = {"pages": _pages(xml), "pptx": decks[name]}
    return found


def _pages(path: Path) -> list[dict]:
    """Per page: its size and its words as (x0, y0, x1, y1, text); pdftotext's blocks would
    join an axis's label and a value label beside it into one box that overlaps others."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text).replace("&nbsp;", " ")
    root = ET.fromstring(text)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        blocks = []
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            blocks.append((*box, word.text or ""))
        pages.append(
            {
                "width": float(page.get("width")),
                "height": float(page.get("height")),
                "blocks": blocks,
            }
        )
    return pages


def _inked(box) -> tuple[float, float, float, float]:
    """A word's box without its font's generous ascent and descent (a CJK face's box is half
    as tall again as its line), where the glyphs' ink is."""
    x0, y0, x1, y1 = box[:4]
    trim = (y1 - y0) * INK_TRIM
    return x0, y0 + trim, x1, y1 - trim


def _overlap(a, b) -> bool:
    a, b = _inked(a), _inked(b)
    return min(a[2], b[2]) - max(a[0], b[0]) > SLACK and min(a[3], b[3]) - max(a[1], b[1]) > SLACK


def test_every_deck_fits_its_slides_in_libreoffice(rendered):
    assert misfits(rendered) == []


def misfits(rendered) -> list[str]:
    problems = []
    for name, deck in rendered.items():
        for number, page in enumerate(deck["pages"], 1):
            blocks = page["blocks"]
            for x0, y0, x1, y1, words in blocks:
                if (
                    x0 < -SLACK
                    or y0 < -SLACK
                    or x1 > page["width"] + SLACK
                    or (y1 > page["height"] + SLACK)
                ):
                    problems.append(f"{name} slide {number}: off the page: {words!r}")
            for i, a in enumerate(blocks):
                for b in blocks[i + 1 :]:
                    if _overlap(a, b):
                        problems.append(f"{name} slide {number}: {a[4]!r} overlaps {b[4]!r}")
    return problems


def test_no_rendered_text_holds_an_escape_or_a_raw_code(rendered):
    codes = ("korean_cultural_centre", "king_sejong_institute", "language_course", "True",
             "False")  # fmt: skip
    for name, deck in rendered.items():
        words = " ".join(b[4] for page in deck["pages"] for b in page["blocks"])
        assert ESCAPE.search(words) is None, name
        assert not [c for c in codes if re.search(rf"\b{c}\b", words)], name


def test_years_are_years_and_numbers_read_in_the_decks_language(rendered):
    view = " ".join(b[4] for page in rendered["view-en"]["pages"] for b in page["blocks"])
    assert re.search(r"\b1980\b", view) and "1,980" not in view  # Paris's centre opened 1980
    french = " ".join(b[4] for page in rendered["view-fr"]["pages"] for b in page["blocks"])
    assert not re.search(r"\d,\d{3}\b", french)  # French groups thousands with a space


def test_every_category_of_a_chart_is_labelled_on_its_slide(rendered):
    """LibreOffice drops every other label of a crowded axis: each category the deck holds
    must be drawn, in every language (Korean lines stand tallest)."""
    for name, deck in rendered.items():
        opened = Presentation(io.BytesIO(deck["pptx"]))
        for number, slide in enumerate(opened.slides):
            words = {b[4] for b in deck["pages"][number]["blocks"]}
            for shape in slide.shapes:
                if not shape.has_chart or shape.chart.chart_type not in BARS:
                    continue
                for category in shape.chart.plots[0].categories:
                    # pdftotext parts Latin from Hangul: "K-컬처" is "K-" and "컬처"
                    pieces = re.findall(r"[\uac00-\ud7a3]+|[^\s\uac00-\ud7a3]+", str(category))
                    missing = [w for w in pieces if w not in words]
                    assert not missing, f"{name} slide {number + 1}: {category!r} not drawn"
