"""Presenting, sharing and exporting, as a presenter and a stakeholder do it in a browser."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import WORD_JOINER
from kpop_explorer.views.story import load_story
from tests.browser.helpers import exceptions, kpis, open_menu, pick_country, query, settle, shoot

pytestmark = pytest.mark.browser


def test_presenter_runs_the_story_by_keyboard_in_french(server, page):
    story = load_story()
    page.goto(f"{server}/?present=1&lang=fr")
    settle(page, 2)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    titles = []
    for number, step in enumerate(story.steps, start=1):
        # the title as read: `plain` puts an invisible word joiner after a colon
        heading = page.locator("h1").first.inner_text().strip().replace(WORD_JOINER, "")
        assert heading == step.title("fr")
        assert f"Étape {number} sur {len(story.steps)}" in page.inner_text("body")
        assert exceptions(page) == []
        titles.append(heading)
        if number == 2:
            shoot(page, "present-step2-fr")
        if number < len(story.steps):
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "(n) => location.search.includes('step=' + n)", arg=number + 1, timeout=20_000
            )
            settle(page, 1)
    assert len(set(titles)) == len(story.steps)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("(n) => location.search.includes('step=' + n)", arg=len(story.steps) - 1)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present')", timeout=20_000)
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=20_000)
    settle(page, 2)
    assert "present" not in query(page)


def test_korean_link_reopens_the_same_view_in_a_fresh_browser(server, page, browser):
    page.goto(f"{server}/digital?lang=ko")
    settle(page, 4)
    pick_country(page, "스페인", "ES", 4)
    link = open_menu(page, "공유 및 내보내기").locator("code").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(server)}/digital\?country=ES&lang=ko", link), link
    before = kpis(page)
    shoot(page, "share-ko")
    fresh = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = fresh.new_page()
    other.goto(link)
    settle(other, 4)
    assert kpis(other) == before
    assert "스페인" in other.locator('[data-testid="stSidebar"]').inner_text()
    fresh.close()


def test_chart_csv_holds_exactly_the_filtered_rows(server, page, shipped):
    page.goto(f"{server}/live-events?country=DE")
    settle(page, 3)
    panel = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="How full the venues were")
        .filter(has=page.get_by_role("button", name="CSV"))
        .last
    )
    with page.expect_download() as download:
        panel.get_by_role("button", name="CSV").click()
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    events = shipped["live_events"]
    held = events[(events["country"] == "DE") & events["attendance"].notna()
                  & events["capacity"].notna()]  # fmt: skip
    assert sorted(table["City"]) == sorted(held["city"].unique())
    assert table["Attendance"].sum() == held["attendance"].sum()


def test_briefing_workbook_holds_the_view(server, page):
    page.goto(f"{server}/education?focus=education&lang=fr")
    settle(page, 4)
    cards = kpis(page)
    with page.expect_download() as download:
        open_menu(page, "Partager et exporter").get_by_role(
            "button", name="Synthèse (Excel)"
        ).click()
    assert download.value.suggested_filename.startswith("briefing-")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    assert book.sheetnames[:2] == ["Synthèse", "Indicateurs"]
    indicators = pd.read_excel(download.value.path(), sheet_name="Indicateurs")
    shown = dict(zip(indicators["Indicateur"], indicators["Tel qu'affiché"], strict=True))
    assert shown == cards
    assert pd.api.types.is_numeric_dtype(indicators["Valeur"])  # numbers Excel computes with
    summary = dict(pd.read_excel(download.value.path(), sheet_name="Synthèse").values)
    assert "aucun filtre" not in summary["Filtres"] and "Domaines d'action" in summary["Filtres"]
    assert len(book.sheetnames) == len(set(book.sheetnames)) >= 6  # a sheet per distinct table


def test_presenter_mode_downloads_the_story_deck(server, page):
    story = load_story()
    page.goto(f"{server}/?present=1&step=2&lang=ko")
    settle(page, 2)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="스토리 슬라이드 (PowerPoint)").click()
    assert download.value.suggested_filename.endswith(".pptx")
    deck = Presentation(download.value.path())
    titles = [slide.shapes.title.text for slide in deck.slides]
    continued = Translator("ko")("deck.continued", title="")  # a step too long for one slide
    first_slides = [title for title in titles if not title.endswith(continued)]
    assert first_slides == [story.title("ko"), *(step.title("ko") for step in story.steps), "출처"]
    assert all(title.removesuffix(continued) in first_slides for title in titles)
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert charts and all(len(chart.plots[0].categories) for chart in charts)
    assert exceptions(page) == []
    assert "step=2" in query(page)  # the download left the presenter where they were
