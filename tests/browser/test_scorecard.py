"""The scorecard as a ministry uses it: which countries are behind, one click to focus on one."""

from __future__ import annotations

import pytest

from kpop_explorer.i18n import Translator
from tests.browser.helpers import exceptions, kpis, open_menu, settle, shoot

pytestmark = pytest.mark.browser
t = Translator("en")
ROW_HEIGHT, HEADER_HEIGHT = 35, 35  # Streamlit's data grid


def test_a_scorecard_row_focuses_the_page_and_the_map_colours_by_standing(
    server, page, selection, browser
):
    page.goto(server)
    settle(page, 4)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    worst = selection.summary("country").iloc[0]["country"]
    page.mouse.click(box["x"] + 15, box["y"] + HEADER_HEIGHT + ROW_HEIGHT / 2)  # its checkbox
    name = t.country(worst)
    heading = page.get_by_text(t("scorecard.detail", name=name))
    heading.wait_for(timeout=30_000)
    settle(page, 4)
    assert page.locator('[data-testid="stDataFrame"]').count() == 2  # the row's measures
    # The row narrows the whole page, its cards too, under a note above them.
    page.get_by_text(t("selection.active_scorecard", items=name)).wait_for(timeout=15_000)
    assert kpis(page)[t("kpi.countries")] == "1"
    page.get_by_text(t("overview.map.colour_standing"), exact=True).last.click()
    page.get_by_text(t("overview.map.standing_title")).wait_for(timeout=30_000)
    settle(page, 4)
    legend = page.eval_on_selector_all(
        ".js-plotly-plot .legendtext", "marks => marks.map(m => m.textContent)"
    )
    assert t.label("standing", "behind") in legend
    assert exceptions(page) == []
    shoot(page, "overview-scorecard-focused")
    # The link is the view: the row travels in it and a fresh browser shows the same cards.
    focused = kpis(page)
    link = open_menu(page, t("menu.button")).locator("code").inner_text().strip()
    assert f"scorecard_row={worst}" in link, link
    page.keyboard.press("Escape")
    fresh = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = fresh.new_page()
    try:
        other.goto(link)
        settle(other, 4, timeout=90_000)
        other.get_by_text(t("selection.active_scorecard", items=name)).wait_for(timeout=15_000)
        assert kpis(other) == focused
        assert exceptions(other) == []
    finally:
        fresh.close()
    # Reset filters clears the row picked, as it clears a filter.
    page.locator('[data-testid="stSidebar"]').get_by_text(t("filter.reset")).click()
    page.wait_for_function("() => !location.search.includes('scorecard_row')", timeout=15_000)
    settle(page, 4)
    assert page.get_by_text(t("selection.active_scorecard", items=name)).count() == 0
    assert kpis(page)[t("kpi.countries")] != "1"


@pytest.mark.parametrize("page", [{"width": 390, "height": 900}], indirect=True)
def test_the_scorecard_reads_at_phone_width_in_korean(server, page):
    page.goto(f"{server}/?lang=ko")
    settle(page, 4)
    assert page.get_by_text(Translator("ko")("scorecard.title")).count() == 1
    overflow = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
        " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
    )
    assert overflow <= 1  # nothing scrolls sideways
    assert exceptions(page) == []
    shoot(page, "overview-scorecard-390-ko")
