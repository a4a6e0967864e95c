"""A shared link is often the first request a server sees: it must still get the whole frame.

A fresh server serves its first session in Streamlit's old folder mode (there is a `pages/`
folder); the page files are named as their URL paths and start the frame around themselves
(components/frame.py), so that first visit gets the frame, its language and no dialog.
"""

from __future__ import annotations

import pytest

from components import preload
from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from tests.browser.conftest import running_app
from tests.browser.helpers import exceptions, plotly_js_requests, settle

pytestmark = pytest.mark.browser
fr = Translator("fr")
# One fresh server each (the slowest browser tests): Digital and Education are the pair's below.
FIRST_VISITS = [p for p in site.PAGES if p.url_path and p.key not in ("digital", "education")]
FILTERED = {"live_events": "ES"}  # a country in the link: the frame's filter shows it
TABLES_ONLY = ("initiatives", "data")  # pages without a chart


def wait_for_frame(page, t: Translator) -> None:
    # Until the first run sends st.navigation, Streamlit may list the app's files; the frame
    # must replace that. Served without the frame, the listing would stay.
    page.wait_for_function(
        """([title, filters]) => {
            const sidebar = document.querySelector('[data-testid="stSidebar"]');
            const nav = sidebar?.querySelector('[data-testid="stSidebarNav"]');
            return nav?.innerText.includes(title) && sidebar.innerText.includes(filters);
        }""",
        arg=[t("page.overview"), t("filter.countries")],
        timeout=90_000,  # a fresh server imports and checks everything first
    )
    settle(page, timeout=90_000)


def assert_framed(page, spec, t: Translator) -> None:
    """The frame's navigation and filters in the link's language, the page's own title, no
    "Page not found" dialog, no exception."""
    assert page.locator('[role="dialog"]').all_inner_texts() == []
    sidebar = page.locator('[data-testid="stSidebar"]')
    navigation = sidebar.locator('[data-testid="stSidebarNav"]').inner_text()
    for other in site.PAGES:
        assert t(f"page.{other.key}") in navigation
    assert t("filter.countries") in sidebar.inner_text()
    assert page.locator("h1").first.inner_text().strip() in (
        t(f"page.{spec.key}"),
        t(f"page.{spec.key}.title"),
    )
    assert page.url.split("?")[0].endswith(f"/{spec.url_path}")
    assert exceptions(page) == []


@pytest.mark.parametrize("spec", FIRST_VISITS, ids=lambda p: p.key)
def test_a_fresh_servers_first_visit_to_a_sub_page_gets_the_frame(page, spec):
    country = FILTERED.get(spec.key)
    with running_app(f"streamlit-fresh-{spec.key}.log") as url:
        page.goto(f"{url}/{spec.url_path}?lang=fr" + (f"&country={country}" if country else ""))
        wait_for_frame(page, fr)
        assert_framed(page, spec, fr)
        if country:
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert fr.country(country) in sidebar  # "Espagne"
        if spec.key in TABLES_ONLY:  # no Plotly.js, even for a cold server's first visitor
            assert page.locator(f".st-key-{preload.KEY}").count() == 0
            assert plotly_js_requests(page) == 0


def test_two_first_visits_at_once_to_two_sub_pages_both_get_the_frame(browser):
    """Each session's script runs in its own thread: one's frame must not leak to the other."""
    ko = Translator("ko")
    digital, education = site.page("digital"), site.page("education")
    with running_app("streamlit-fresh-pair.log") as url:
        first, second = browser.new_page(), browser.new_page()
        try:
            first.goto(f"{url}/{digital.url_path}?lang=fr", wait_until="commit")
            second.goto(f"{url}/{education.url_path}?lang=ko", wait_until="commit")
            wait_for_frame(first, fr)
            wait_for_frame(second, ko)
            assert_framed(first, digital, fr)
            assert_framed(second, education, ko)
        finally:
            first.close()
            second.close()


def test_a_presenter_link_first_on_a_fresh_server_opens_the_story(page):
    with running_app("streamlit-fresh-present.log") as url:
        page.goto(f"{url}/initiatives?present=1&step=2&lang=fr")
        page.wait_for_function("() => document.querySelector('h1') !== null", timeout=90_000)
        settle(page, timeout=90_000)
        assert page.locator('[role="dialog"]').all_inner_texts() == []
        assert fr("present.next") in page.locator("body").inner_text()
        assert exceptions(page) == []
