"""A chart image saved from the modebar stands alone: title, subtitle, source line and the
illustrative mark around the chart, in the page's language, PNG at 1920x1080 and SVG."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from kpop_explorer.i18n import Translator, catalog
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import exceptions, settle

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, the first after the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def own_text(svg: bytes) -> str:
    """The text written around the chart (not the chart's own labels), in reading order."""
    root = ET.fromstring(svg)
    return words(" ".join(node.text or "" for node in root.findall(f"{SVG}text")))


def save(page, plot, title: str, name: str):
    plot.hover()
    with page.expect_download(timeout=60_000) as download:
        plot.locator(f'.modebar-btn[data-title="{title}"]').click()
    path = download.value.path()
    ARTIFACTS.mkdir(exist_ok=True)
    download.value.save_as(ARTIFACTS / name)
    return download.value.suggested_filename, path.read_bytes()


@pytest.mark.parametrize(
    "lang, page, theme",
    [("fr", {"scheme": "light"}, "light"), ("en", {"scheme": "dark"}, "dark")],
    indirect=["page"],
    ids=["fr-light", "en-dark"],
)
def test_saved_images_carry_title_subtitle_source_and_mark(server, page, lang, theme):
    t = Translator(lang)
    page.goto(f"{server}/?lang={lang}")
    settle(page, 4, timeout=90_000)
    plot = page.locator(".kpop-plot").nth(1)  # plan vs actual by focus area
    title = t("overview.progress.title")
    stem = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    # Plotly's camera is gone: our two buttons, titled in the page's language
    plot.hover()
    assert plot.locator('.modebar-btn[data-title="Download plot as a PNG"]').count() == 0

    name, png = save(page, plot, t("chart.image_png"), f"chart-export-{lang}-{theme}.png")
    assert name == f"{stem}.png"
    assert png_size(png) == (1920, 1080)

    name, svg = save(page, plot, t("chart.image_svg"), f"chart-export-{lang}-{theme}.svg")
    assert name == f"{stem}.svg"
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    text = own_text(svg)
    before, after = catalog(lang)["overview.progress.subtitle"].split("{as_of}")
    assert text.startswith(words(f"{title} {before}"))
    assert words(after) in text
    line = t("chart.source_line", source=t("source.illustrative"))
    assert words(f"{t('chart.illustrative')} {line}") in text
    assert root.find(f"{SVG}svg") is not None  # the chart itself, with its own labels
    chart = words(" ".join(root.find(f"{SVG}svg").itertext()))  # a long axis title on two lines
    assert words(t("overview.progress.axis")) in chart
    assert exceptions(page) == []
