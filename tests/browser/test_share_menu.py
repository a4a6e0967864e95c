"""The "Share and export" menu on the first screen of every page, at a laptop's 1440x900 and a
phone's 390x844: reached by keyboard, holding every action, and its downloads real files."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from tests.browser.helpers import axe_findings, exceptions, open_menu, relook, settle, shoot

pytestmark = pytest.mark.browser
t = Translator("en")
BUTTONS = ("briefing.button", "deck.view_button", "deck.story_button", "present.toggle")


def first_screen(page, width: int, height: int) -> None:
    """The menu's button lies wholly within the viewport, and nothing was scrolled."""
    box = page.get_by_role("button", name=t("menu.button")).bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0


@pytest.mark.parametrize(
    "page", [{"width": 1440, "height": 900}, {"width": 390, "height": 844}], indirect=True
)
def test_every_page_has_the_menu_on_its_first_screen_with_every_action(server, page, shipped):
    size = page.viewport_size
    for spec in site.PAGES:
        page.goto(f"{server}/{spec.url_path}")
        settle(page, timeout=90_000)
        first_screen(page, size["width"], size["height"])
        page.get_by_role("button", name=t("menu.button")).focus()  # by keyboard
        page.keyboard.press("Enter")
        body = page.locator('[data-testid="stPopoverBody"]')
        body.locator("code").wait_for(timeout=20_000)
        assert body.locator("code").inner_text().strip().startswith(f"{server}/{spec.url_path}")
        assert body.get_by_text(t("share.button"), exact=True).is_visible()  # over the link
        for key in BUTTONS:
            assert body.get_by_role("button", name=t(key)).is_visible(), (spec.key, key)
        assert exceptions(page) == []
        if spec.key == "data":  # the briefing of the page: a sheet of the datasets it lists
            with page.expect_download(timeout=60_000) as download:
                body.get_by_role("button", name=t("briefing.button")).click()
            path = io.BytesIO(Path(download.value.path()).read_bytes())
            book = load_workbook(path, read_only=True)
            assert book.sheetnames == [t("briefing.summary"), t("data.datasets")]
            sheet = pd.read_excel(path, sheet_name=t("data.datasets"))
            rows = dict(zip(sheet[t("data.summary.dataset")], sheet[t("data.summary.rows")],
                            strict=True))  # fmt: skip
            assert rows == {t(f"schema.{name}.title"): len(frame)
                            for name, frame in shipped.items()}  # fmt: skip
        shoot(page, f"share-menu-{spec.key}-{size['width']}")
        page.keyboard.press("Escape")


def test_the_open_menu_reads_in_both_themes_and_its_deck_is_a_real_file(server, page):
    page.goto(f"{server}/history")
    settle(page, timeout=90_000)
    body = open_menu(page, t("menu.button"))
    assert axe_findings(page) == []
    with page.expect_download(timeout=60_000) as download:
        body.get_by_role("button", name=t("deck.view_button")).click()
    assert download.value.suggested_filename.endswith(".pptx")
    titles = [s.shapes.title.text for s in Presentation(download.value.path()).slides]
    assert titles[0] == t("page.history")
    relook(page, 1440, "dark")
    assert axe_findings(page, ["color-contrast"]) == []
    relook(page, 390, "dark")
    assert axe_findings(page, ["color-contrast"]) == []
