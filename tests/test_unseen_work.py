"""Work nobody sees is not done (issue 30): the "Share and export" menu makes its link and its
downloads only once opened (the history page's lists of sources: tests/test_history_page.py)."""

from __future__ import annotations

from components import share_menu
from tests.elements import open_page, opened_menu


def test_the_menu_makes_its_link_and_downloads_only_once_opened(monkeypatch):
    made = []
    link_of = share_menu.view_link
    monkeypatch.setattr(share_menu, "view_link", lambda *args: made.append(args) or link_of(*args))
    at = open_page("overview", {"country": "FR"})
    assert made == []  # closed: nothing made
    assert [c.value for c in at.main.code] == []  # nor sent
    assert [
        b.key for b in at.get("download_button") if "deck" in b.key or "briefing" in b.key
    ] == []
    opened_menu(at)
    assert len(made) == 1
    assert [c.value for c in at.main.code] == ["http://localhost:8501/?country=FR"]
    assert [b.key for b in at.get("download_button") if "deck" in b.key or "briefing" in b.key] == [
        "briefing_download",
        "deck_view_download",
        "deck_story_download",
    ]
