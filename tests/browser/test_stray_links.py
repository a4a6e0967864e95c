"""Addresses the app has no page for say so on a page, with the way back, and presenter links
open the story on any address (issue 26). A few visits on the shared server."""

from __future__ import annotations

import pytest

from tests.browser.helpers import exceptions, settle

pytestmark = pytest.mark.browser


def dialog(page) -> list[str]:
    return page.locator('[role="dialog"]').all_inner_texts()


def test_a_stray_address_says_so_with_the_way_back(server, page):
    # Until a fresh server's first run has reached the frame's `st.navigation`, Streamlit
    # serves new sessions in its folder mode, which shows its own dialog for a path with no
    # page file; once the Overview is drawn, every session gets the frame's pages.
    page.goto(server)
    settle(page, charts=1, timeout=90_000)
    main = page.locator('[data-testid="stMain"]')
    for path, link in [("/nonexistent", "Back to the Overview"),
                       ("/DIGITAL", "Did you mean Digital expansion?")]:  # fmt: skip
        page.goto(f"{server}{path}")
        settle(page)
        assert dialog(page) == []
        assert page.locator("h1").first.inner_text().strip() == "Page not found"
        assert f"The explorer has no page at {path}." in main.inner_text()
        main.get_by_text(link).wait_for(timeout=20_000)
    main.get_by_text("Did you mean Digital expansion?").click()
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "Digital expansion"
    assert page.url.split("?")[0].endswith("/digital")
    assert exceptions(page) == []


def test_a_presenter_link_opens_the_story_on_any_address(server, page):
    """An address with no page and a step beyond the story: the story, no dialog."""
    page.goto(f"{server}/nonexistent?present=1&step=999")
    settle(page, charts=1, timeout=60_000)
    assert dialog(page) == []
    assert exceptions(page) == []
    assert page.get_by_role("button", name="Previous").count() == 1
