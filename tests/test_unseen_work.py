"""Work nobody sees is not done (issue 30): the sidebar's share link is made and sent only once
its popover is opened (the history page's lists of sources: tests/test_history_page.py)."""

from __future__ import annotations

from components import sidebar
from tests.elements import open_page


def test_the_share_link_is_made_only_once_its_popover_opens(monkeypatch):
    made = []
    link_of = sidebar.view_link
    monkeypatch.setattr(sidebar, "view_link", lambda *args: made.append(args) or link_of(*args))
    at = open_page("overview", {"country": "FR"})
    assert made == []  # closed: nothing made
    assert [c.value for c in at.sidebar.code] == []  # nor sent
    at.session_state["share_open"] = True  # as the browser reports the popover opened
    at.run()
    assert len(made) == 1
    assert [c.value for c in at.sidebar.code] == ["http://localhost:8501/?country=FR"]
