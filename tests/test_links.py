"""Share links point at the page on screen with exactly its parameters."""

from __future__ import annotations

from kpop_explorer import site
from kpop_explorer.links import app_base, view_link

PAGES = site.URL_PATHS


def test_base_is_found_from_any_page():
    assert app_base("http://localhost:8501/live-events", PAGES) == "http://localhost:8501"
    assert app_base("https://x.streamlit.app/", PAGES) == "https://x.streamlit.app"
    assert app_base("https://host/sub/path/digital", PAGES) == "https://host/sub/path"


def test_link_carries_repeated_parameters():
    link = view_link("http://h", "live-events", {"country": ["FR", "DE"], "lang": ["ko"]})
    assert link == "http://h/live-events?country=FR&country=DE&lang=ko"
    assert view_link("http://h", "", {}) == "http://h/"
