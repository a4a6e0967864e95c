"""The history page in Chromium with the network closed: its map plays the years, offline."""

from __future__ import annotations

import pytest

from tests.browser.helpers import exceptions, settle, shoot

pytestmark = pytest.mark.browser

HISTORY_CHARTS = 10
MARKERS = """(plot) => [...plot.querySelectorAll('.trace.scattergeo')].map(
    trace => [...trace.querySelectorAll('path.point')].map(p => p.getAttribute('transform')))"""


def open_history(page, url: str) -> None:
    page.goto(url)
    settle(page, HISTORY_CHARTS, timeout=90_000)
    dialog = page.locator('[role="dialog"]')
    if dialog.count():  # a fresh server's first sub-page visit says "Page not found" (not ours)
        dialog.locator('button[aria-label="Close"]').click()
        dialog.wait_for(state="detached")


def history_map(page):
    return page.locator(".js-plotly-plot", has=page.locator(".updatemenu-button")).first


def test_the_map_plays_the_years_offline(server, page):
    open_history(page, f"{server}/history")
    assert exceptions(page) == []
    plot = history_map(page)
    plot.scroll_into_view_if_needed()
    before = plot.evaluate(MARKERS)
    assert len(before) == 2 and len(before[0]) > 10  # earlier years, and the last year's events
    assert (
        plot.evaluate("(plot) => plot._fullLayout.sliders[0].active")
        == len(plot.evaluate("(plot) => plot._transitionData._frames")) - 1
    )  # it opens on the last year: everything so far
    plot.locator(".updatemenu-button", has_text="Play").dispatch_event("click")
    page.wait_for_timeout(1500)  # the first frames: 2011, then 2012
    during = plot.evaluate(MARKERS)
    assert during != before, "a frame change must move the markers"
    assert len(during[0]) < len(before[0])  # fewer earlier events: the story restarted in 2011
    assert plot.evaluate("(plot) => plot._fullLayout.sliders[0].active") <= 3  # 2011-2014
    assert not [u for u in page.blocked_requests if "topojson" in u or "plot.ly" in u]


@pytest.mark.parametrize(
    "page",
    [
        {"width": 1440, "scheme": "light"},
        {"width": 1440, "scheme": "dark"},
        {"width": 390, "height": 844, "scheme": "light"},
    ],
    indirect=True,
    ids=["light-1440", "dark-1440", "phone-390"],
)
@pytest.mark.parametrize("lang", ["en", "fr", "ko"])
def test_history_page_in_every_language_theme_and_width(server, page, lang, request):
    open_history(page, f"{server}/history?lang={lang}")
    assert exceptions(page) == []
    width = page.viewport_size["width"]
    overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert overflow <= width + 1, "the page scrolls sideways"
    look = request.node.callspec.params["page"]
    shoot(page, f"page-history-{lang}-{look['width']}-{look['scheme']}")
