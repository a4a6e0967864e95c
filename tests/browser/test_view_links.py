"""A view shaped by a chart selection, a switch and a panel's table reopens from its link in a
fresh browser; the selection's note sits above the cards it narrows."""

from __future__ import annotations

import re

import pytest

from kpop_explorer.i18n import Translator
from tests.browser.helpers import exceptions, kpis, open_menu, settle, shoot
from tests.browser.test_chart_element import select_around

pytestmark = pytest.mark.browser
t = Translator("en")


def per_capita_on(page) -> bool:
    toggle = page.locator('[data-testid="stCheckbox"]', has_text=t("per_capita.toggle"))
    return toggle.locator("input").is_checked()


def test_a_selection_and_switches_reopen_from_the_link(server, page, browser):
    page.goto(server)
    settle(page, 4, timeout=90_000)
    everywhere = kpis(page)
    select_around(page, "Box Select", "POL")  # well inside Poland, away from its neighbours
    note = page.get_by_text(t("selection.active", items="Poland"))
    note.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('selected=PL')", timeout=15_000)
    settle(page, 4, timeout=90_000)
    narrowed = kpis(page)
    assert narrowed != everywhere  # the cards follow the selection
    assert narrowed[t("kpi.countries")] == "1"
    page.get_by_text(t("per_capita.toggle")).click()
    page.wait_for_function("() => location.search.includes('per_capita=1')", timeout=15_000)
    settle(page, 4, timeout=90_000)
    # The progress panel as its table: a fragment's rerun writes its own parameter.
    title = page.get_by_text(t("overview.progress.title"), exact=True)
    panel = page.locator('[data-testid="stVerticalBlock"]', has=title).last  # the innermost
    buttons = panel.locator('[data-testid="stButtonGroup"]')
    buttons.get_by_text(t("chart.view_table"), exact=True).click()
    page.wait_for_function(
        "() => location.search.includes('overview_progress=table')", timeout=15_000
    )
    settle(page, 3, timeout=90_000)
    assert exceptions(page) == []
    link = open_menu(page, t("menu.button")).locator("code").inner_text().strip()
    for part in ("selected=PL", "per_capita=1", "overview_progress=table"):
        assert part in link, link
    before = kpis(page)
    assert before == narrowed

    fresh = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = fresh.new_page()
    try:
        other.goto(link)
        settle(other, 3, timeout=90_000)
        assert exceptions(other) == []
        assert kpis(other) == before
        other.get_by_text(t("selection.active", items="Poland")).wait_for(timeout=15_000)
        assert per_capita_on(other)
        assert other.locator(".kpop-plot").count() == 3  # the progress panel shows its table
        assert re.search(r"selected=PL", other.url)
    finally:
        fresh.close()


@pytest.mark.parametrize("page", [{"width": 1440, "height": 1000}], indirect=True)
def test_overview_with_a_country_selected_in_french(server, page):
    fr = Translator("fr")
    page.goto(f"{server}/?selected=FR&lang=fr")
    settle(page, 4, timeout=90_000)
    note = page.get_by_text(fr("selection.active", items=fr.country("FR")))
    note.wait_for(timeout=15_000)
    first_card = page.locator('[data-testid="stMetric"]').first
    headline = page.locator(".st-key-headline h2").first
    assert note.bounding_box()["y"] < headline.bounding_box()["y"] < first_card.bounding_box()["y"]
    assert kpis(page)[fr("kpi.countries")] == "1"
    assert exceptions(page) == []
    shoot(page, "overview-selected-fr")
    # Reset filters clears the chart selection too: the sidebar said "no filter" beside it
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(fr("filter.summary_none_picked")).count() == 1
    sidebar.get_by_text(fr("filter.reset")).click()
    page.wait_for_function("() => !location.search.includes('selected=')", timeout=15_000)
    settle(page, 4)
    assert note.count() == 0
    assert kpis(page)[fr("kpi.countries")] != "1"
    assert sidebar.get_by_text(fr("filter.summary_none")).count() == 1
