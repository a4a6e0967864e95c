"""A shared link is often the first request a server sees: it must still get the whole frame."""

from __future__ import annotations

import pytest

from kpop_explorer import site
from kpop_explorer.i18n import Translator
from tests.browser.conftest import running_app
from tests.browser.helpers import exceptions, settle

pytestmark = pytest.mark.browser
fr = Translator("fr")


@pytest.mark.parametrize("spec", [p for p in site.PAGES if p.url_path], ids=lambda p: p.key)
def test_a_fresh_servers_first_visit_to_a_sub_page_gets_the_frame(page, spec):
    with running_app(f"streamlit-fresh-{spec.key}.log") as url:
        page.goto(f"{url}/{spec.url_path}?lang=fr")
        # Until the first run sends st.navigation, Streamlit may list the app's files; the frame
        # must replace that. Served in the old folder mode, the listing would stay.
        page.wait_for_function(
            """([title, filters]) => {
                const sidebar = document.querySelector('[data-testid="stSidebar"]');
                const nav = sidebar?.querySelector('[data-testid="stSidebarNav"]');
                return nav?.innerText.includes(title) && sidebar.innerText.includes(filters);
            }""",
            arg=[fr("page.overview"), fr("filter.countries")],
            timeout=90_000,  # a fresh server imports and checks everything first
        )
        settle(page, timeout=90_000)
        # With a pages/ folder, the old folder mode also raises "Page not found" over the page.
        assert page.locator('[role="dialog"]').all_inner_texts() == []
        sidebar = page.locator('[data-testid="stSidebar"]')
        navigation = sidebar.locator('[data-testid="stSidebarNav"]').inner_text()
        for other in site.PAGES:  # the frame's navigation, in French
            assert fr(f"page.{other.key}") in navigation
        assert fr("filter.countries") in sidebar.inner_text()  # the frame's filters
        assert page.locator("h1").first.inner_text().strip() in (
            fr(f"page.{spec.key}"),
            fr(f"page.{spec.key}.title"),
        )
        assert page.url.split("?")[0].endswith(f"/{spec.url_path}")
        assert exceptions(page) == []
