"""The app as a person uses it: in Chromium, against a real server, with the network closed."""

from __future__ import annotations

import pytest

from kpop_explorer.i18n import Translator
from tests.browser.conftest import running_app
from tests.browser.helpers import (
    axe_findings,
    exceptions,
    kpis,
    pick_country,
    plotly_js_requests,
    query,
    relook,
    settle,
    shoot,
)

pytestmark = pytest.mark.browser
t = Translator("en")

PAGES = [  # url path, charts drawn, a heading the page must show
    ("", 4, "K-pop Europe Explorer"),
    ("digital", 5, "Digital expansion"),
    ("live-events", 4, "Live events"),
    ("education", 6, "Education"),
    ("history", 11, "What really happened"),
    ("initiatives", 0, "Initiatives"),
    ("data", 0, "Data & sources"),
]


@pytest.mark.parametrize(("path", "charts", "heading"), PAGES)
def test_every_page_draws_its_charts(server, page, path, charts, heading):
    page.goto(f"{server}/{path}")
    settle(page, charts)
    assert page.locator("h1").first.inner_text().strip() == heading
    assert exceptions(page) == []
    drawn = page.locator(".js-plotly-plot .main-svg").count()
    assert drawn >= charts
    assert not any("cdn.plot.ly" in url for url in page.blocked_requests)
    shoot(page, f"page-{path or 'overview'}-1440-light")
    assert axe_findings(page) == [], "light, 1440 px"
    # The same page at phone width and in the other theme, without loading it again: a width
    # changes the layout, so every rule runs again; a theme changes only colours.
    for width, scheme, rules in [(390, "light", None), (1440, "dark", ["color-contrast"]),
                                 (390, "dark", ["color-contrast"])]:  # fmt: skip
        relook(page, width, scheme)
        assert axe_findings(page, rules) == [], f"{scheme}, {width} px"


def test_map_draws_country_shapes_offline(server, page):
    page.goto(server)
    settle(page, 4)
    shapes = page.locator(".js-plotly-plot .choroplethlocation").count()
    assert shapes >= 12  # one shaded shape per active country
    base = page.locator(".js-plotly-plot .geo .layer.bg path, .js-plotly-plot .geo path").count()
    assert base > shapes  # land, coastlines and borders come from the app's own topojson
    assert page.blocked_requests == [] or all(
        "fonts.gstatic" not in url and "cdn.plot.ly" not in url for url in page.blocked_requests
    )


def test_link_with_parameters_restores_the_view(server, page, shipped):
    page.goto(f"{server}/live-events?country=FR&country=DE&year=2025&year=2026&type=festival")
    settle(page, 3)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "France" in sidebar.inner_text() and "Germany" in sidebar.inner_text()
    events = shipped["live_events"]
    chosen = events[
        events["country"].isin(["FR", "DE"])
        & (events["event_type"] == "festival")
        & (events["start_date"] <= "2026-12-31")
        & (events["end_date"] >= "2025-01-01")
    ]
    assert kpis(page)["Events held"] == t.compact((chosen["status"] == "completed").sum())
    assert "type=festival" in query(page)


def test_invalid_link_values_get_a_quiet_notice(server, page):
    page.goto(f"{server}/?country=FR&country=XX&focus=%3Cb%3Ebold%3C%2Fb%3E&year=20x1")
    settle(page, 4)  # (a year out of the data's range is moved to its edge, not ignored)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "were not recognised" in sidebar
    assert "country=XX" in sidebar
    assert "year=20x1" in sidebar
    assert "<b>bold</b>" in sidebar  # markup is shown as text, never rendered
    assert page.locator('[data-testid="stSidebar"] b', has_text="bold").count() == 0
    assert query(page) == "country=FR"
    assert exceptions(page) == []


def test_a_cold_server_preloads_plotly_js_unseen_and_only_where_charts_are(page, browser):
    with running_app("streamlit-preload.log") as url:
        page.goto(url)
        settle(page, 4)
        hidden = page.locator(".st-key-plotly_preload")
        assert hidden.count() == 1 and not hidden.is_visible()
        wrapper = "getComputedStyle(document.querySelector('.st-key-plotly_preload').parentElement)"
        assert page.evaluate(f"{wrapper}.display") == "none"  # no empty gap above the title
        assert page.locator(".js-plotly-plot:visible").count() == 4  # only the page's own charts
        assert plotly_js_requests(page) == 1
        later = browser.new_page()  # the server is warm now: its charts come soon enough
        later.goto(url)
        settle(later, 4)
        assert later.locator(".st-key-plotly_preload").count() == 0
        later.close()
    # A cold server's pages of tables (Initiatives, Data) get no preload: test_fresh_server.py.


def test_sidebar_filter_updates_charts_and_url(server, page, shipped):
    page.goto(server)
    settle(page, 4)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for action in (sidebar.get_by_role("button", name="Reset filters"),
                   sidebar.locator('[data-testid="stMultiSelect"]').first):  # fmt: skip
        box = action.bounding_box()
        assert box["y"] + box["height"] <= 900  # within a laptop's first screen (1440x900)
    before = kpis(page)["Events held"]
    shapes_before = page.locator(".choroplethlocation").count()
    pick_country(page, "Poland", "PL", 4)
    events = shipped["live_events"]
    expected = ((events["country"] == "PL") & (events["status"] == "completed")).sum()
    assert kpis(page)["Events held"] == t.compact(expected) != before
    assert page.locator(".choroplethlocation").count() == 1 < shapes_before


COUNT_MESSAGES = """
window.__messages = 0;
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", () => { window.__messages += 1; });
  }
};
"""


def messages_for(page, action) -> int:
    """Websocket messages the server sends for one action: a measure of how much reran."""
    page.evaluate("window.__messages = 0")
    action()
    return page.evaluate("window.__messages")


def test_switching_a_panel_to_its_table_reruns_only_that_panel(server, page, shipped):
    page.add_init_script(COUNT_MESSAGES)
    page.goto(f"{server}/digital")
    settle(page, 5)
    title = page.get_by_text("Language-app downloads by country", exact=True)
    panel = page.locator('[data-testid="stVerticalBlock"]', has=title).last  # the innermost
    drawn = page.locator(".js-plotly-plot:visible").count()

    def show_table():
        panel.locator('[data-testid="stButtonGroup"]').get_by_text("Table", exact=True).click()
        panel.locator('[data-testid="stDataFrame"]').wait_for(timeout=15_000)
        settle(page, 4)

    panel_only = messages_for(page, show_table)
    assert page.locator(".js-plotly-plot:visible").count() == drawn - 1  # the others stay
    assert exceptions(page) == []
    whole_page = messages_for(page, lambda: pick_country(page, "Poland", "PL", 4))
    assert panel.locator('[data-testid="stDataFrame"]').count() == 1  # the choice is kept
    assert 0 < panel_only * 3 < whole_page


def test_the_event_list_loads_on_demand_and_reruns_only_itself(server, page):
    page.add_init_script(COUNT_MESSAGES)
    page.goto(f"{server}/live-events")
    settle(page, 4)
    grid = page.locator('[data-testid="stDataFrame"]')
    assert grid.count() == 0  # neither rows nor the grid's code until asked
    drawn = page.locator(".js-plotly-plot:visible").count()

    def open_list():
        page.get_by_text("Event list", exact=True).click()
        grid.wait_for(timeout=15_000)
        settle(page, 4)

    list_only = messages_for(page, open_list)
    assert grid.count() == 1
    assert page.locator(".js-plotly-plot:visible").count() == drawn
    assert exceptions(page) == []
    shoot(page, "live-events-event-list")
    whole_page = messages_for(page, lambda: pick_country(page, "France", "FR", 4))
    assert grid.count() == 1  # stays open through a filter change
    assert 0 < list_only * 3 < whole_page  # a fragment rerun, not the page's


def test_filters_persist_across_pages(server, page):
    page.goto(f"{server}/?focus=live_events")
    settle(page, 4)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Live events").click()
    page.wait_for_url("**/live-events**")
    settle(page, 4)
    assert "focus=live_events" in query(page)
    assert "Showing: Live Events" in page.locator('[data-testid="stSidebar"]').inner_text()


@pytest.mark.parametrize(
    "page",
    [{"width": 1440, "scheme": "dark"}, {"width": 390, "height": 844, "scheme": "light"}],
    indirect=True,
    ids=["dark-1440", "phone-390"],
)
@pytest.mark.parametrize(("path", "charts"), [("", 4), ("live-events", 4), ("education", 6)])
def test_dark_theme_and_phone_width(server, page, path, charts, request):
    page.goto(f"{server}/{path}")
    settle(page, charts)
    assert exceptions(page) == []
    width = page.viewport_size["width"]
    overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert overflow <= width + 1, "the page scrolls sideways"
    look = request.node.callspec.params["page"]
    shoot(page, f"page-{path or 'overview'}-{look['width']}-{look['scheme']}")
