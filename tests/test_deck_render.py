"""The decks as a real office suite draws them: LibreOffice Impress renders each to PDF, and
poppler's `pdftotext -bbox-layout` says where every block of text landed. No text may lie
outside its page, and no two text blocks may overlap. One PNG per deck goes to
`test-artifacts/` to be looked at.

All decks go through one soffice run (it takes seconds to start), with its own profile so that
parallel workers do not share one. The decks: the story in three languages, and the view decks
of three pages (each page run in AppTest, in one of the three languages), with their long tables,
ratings and rankings.
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
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all
from kpop_explorer.i18n import Translator
from kpop_explorer.links.filters import FilterState
from kpop_explorer.measures import aggregates
from kpop_explorer.views.story import load_story
from tests.conftest import REPO
from tests.test_surfaces_agree import run

ARTIFACTS = REPO / "test-artifacts"
LANGS = ("en", "fr", "ko")
ESCAPE = re.compile(r"\\[-.()!#*_\[\]`+]")
SLACK = 1.0  # points: a glyph's bounding box may touch its neighbour's
BARS = (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED)
INK_TRIM = 0.2  # of a word box's height, off its top and its bottom


# Pages whose view decks are rendered, each in one language: its own tables and charts.
PAGE_DECKS = (("live_events", "fr"), ("education", "ko"), ("history", "ko"))


def _page_decks() -> dict[str, bytes]:
    """Each page's view deck, built from what the page recorded as it ran in AppTest."""
    decks = {}
    with pytest.MonkeyPatch.context() as patch:
        for page, lang in PAGE_DECKS:
            _, ctx = run(page, lang, {}, patch)
            decks[f"view-{page}-{lang}"] = exports.view_deck(ctx, ctx.t(f"page.{page}"))
    return decks


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, options):
    """{deck name: its pages' text blocks} of every deck, drawn by LibreOffice."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are installed by ./dev test")
    return render(tmp_path_factory.mktemp("decks"), options)


def render(folder: Path, options) -> dict[str, dict]:
    """{deck name: {"pages": each page's words, "pptx": the deck as written}}."""
    loaded = load_all(REPO_DATA_DIR)
    frames = {name: dataset.frame for name, dataset in loaded.items()}
    as_of = aggregates.as_of(frames["digital_metrics"])
    decks = {}
    for lang in LANGS:
        ctx = PageContext(Translator(lang), FilterState.default(options), options, loaded,
                          False, as_of, pd.Timestamp("2026-12-01"))  # fmt: skip
        decks[f"story-{lang}"] = exports.story_deck(ctx, load_story())
    decks.update(_page_decks())
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


def test_every_deck_fits_and_reads_right_in_libreoffice(rendered):
    """One test over the one rendering: pytest-xdist may send the tests of a file to several
    workers, and each would start its own soffice for a session fixture."""
    assert misfits(rendered) == []
    _no_escape_or_raw_code(rendered)
    _years_and_separators(rendered)
    _every_category_labelled(rendered)


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


def _no_escape_or_raw_code(rendered) -> None:
    codes = ("korean_cultural_centre", "king_sejong_institute", "language_course", "True",
             "False")  # fmt: skip
    for name, deck in rendered.items():
        words = " ".join(b[4] for page in deck["pages"] for b in page["blocks"])
        assert ESCAPE.search(words) is None, name
        assert not [c for c in codes if re.search(rf"\b{c}\b", words)], name


def _years_and_separators(rendered) -> None:
    history = " ".join(b[4] for p in rendered["view-history-ko"]["pages"] for b in p["blocks"])
    assert re.search(r"\b2011\b", history) and "2,011" not in history  # the first year on record
    french = " ".join(b[4] for p in rendered["view-live_events-fr"]["pages"] for b in p["blocks"])
    assert not re.search(r"\d,\d{3}\b", french)  # French groups thousands with a space


def _every_category_labelled(rendered) -> None:
    """LibreOffice drops every other label of a crowded axis: each category the deck holds
    must be drawn, in every language (Korean lines stand tallest)."""
    for name, deck in rendered.items():
        opened = Presentation(io.BytesIO(deck["pptx"]))
        for number, slide in enumerate(opened.slides):
            words = {b[4] for b in deck["pages"][number]["blocks"]}
            for shape in slide.shapes:
                if not shape.has_chart or shape.chart.chart_type not in BARS:
                    continue
                if shape.chart.category_axis._element.tag.endswith("dateAx"):
                    continue  # months, labelled every few
                for category in shape.chart.plots[0].categories:
                    # pdftotext parts Latin from Hangul: "K-컬처" is "K-" and "컬처"
                    pieces = re.findall(r"[\uac00-\ud7a3]+|[^\s\uac00-\ud7a3]+", str(category))
                    missing = [w for w in pieces if w not in words]
                    assert not missing, f"{name} slide {number + 1}: {category!r} not drawn"
