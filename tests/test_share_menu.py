"""The "Share and export" menu beside each page's title (AppTest): its link is the view on
screen, and its presenter button opens the story. Its place on the first screen, and its
downloads, are checked in a browser (tests/browser/test_share_menu.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from kpop_explorer.views.story import load_story
from tests.elements import open_page, opened_menu


def blocks(node) -> list:
    """`node` and every block within it, depth first."""
    children = getattr(node, "children", {})
    return [node, *(b for child in children.values() for b in blocks(child))]


def menu_link(at) -> str:
    codes = [c.value for c in opened_menu(at).main.code]
    assert len(codes) == 1, codes  # the menu's link, and no other code block
    return codes[0]


def test_the_menus_link_is_the_view_on_screen_not_the_default():
    at = open_page("digital", {"lang": "fr"})
    at.sidebar.multiselect(key="country").set_value(["ES", "PL"])
    at.sidebar.slider(key="year").set_value((2025, 2026))
    at.run()
    next(w for w in at.button_group if w.key == "digital_split").set_value("platform").run()
    assert not at.exception, at.exception
    # Filters in the sidebar's order, then the page's view setting, then the language.
    expected = "country=ES&country=PL&year=2025&year=2026&split=platform&lang=fr"
    assert menu_link(at) == f"http://localhost:8501/digital?{expected}"
    assert urlencode(at.query_params, doseq=True) == expected  # the address bar's link


def test_every_page_has_the_menu_beside_its_title_with_every_action():
    t = Translator("fr")
    for spec in site.PAGES:
        at = opened_menu(open_page(spec.key, {"lang": "fr"}))
        row = next(  # the row of the page's title: the title first, then the menu
            list(b.children.values()) for b in blocks(at.main)
            if any(getattr(e, "type", "") == "title" for e in b.children.values())
        )  # fmt: skip
        assert row[0].type == "title" and row[0].value == at.title[0].value, spec.key
        assert row[0].tag == "h1" and len(row) == 2
        menu = next(b for b in blocks(row[1]) if b.type == "popover")
        assert menu.type == "popover" and menu.proto.popover.label == t("menu.button")
        assert [getattr(e, "key", None) for e in menu.children.values()] == [
            None, None, "briefing_download", "deck_view_download", "deck_story_download",
            "present_start",
        ], spec.key  # fmt: skip
        assert menu.children[1].type == "code"  # the link


def test_the_presenter_button_opens_the_story_without_the_menu():
    at = opened_menu(open_page("overview", {"lang": "ko"}))
    at.button(key="present_start").click().run()
    assert not at.exception, at.exception
    story = load_story()
    assert at.title[0].value == story.steps[0].title("ko")
    assert at.query_params["present"] == "1"
    assert not at.main.code  # no menu in presenter mode: the presenter has its own controls
    assert Translator("ko")("menu.button") not in [p.proto.label for p in at.get("popover")]
