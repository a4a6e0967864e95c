"""What AppTest sees of a page's charts: each is our chart element (components/plotly_element)."""

from __future__ import annotations

import functools
import json

from streamlit.testing.v1 import AppTest

from components import plotly_element
from kpop_explorer.links import site
from tests.conftest import REPO

APP = str(REPO / "app.py")


def open_page(page: str, query: dict | None = None) -> AppTest:
    """The app's frame for the Overview; other pages run alone (AppTest runs one page)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(site.page(page).script).run()
    assert not at.exception, at.exception
    return at


@functools.cache
def seen_page(page: str) -> AppTest:
    """A page as a link without parameters opens it, run once per test process and shared:
    only for tests that read it, never for ones that click or type."""
    return open_page(page)


def charts(node: AppTest) -> list:
    """The chart elements under `node` (an app or a block), without the hidden preloading one."""
    return [c for c in node.get("bidi_component") if c.key != plotly_element.PRELOAD_KEY]


def arguments(chart) -> dict:
    """What a chart element was given: its figure, Plotly config, alt text, selection modes."""
    return json.loads(chart.proto.bytes)


def figures(at: AppTest) -> list[dict]:
    return [arguments(chart)["figure"] for chart in charts(at)]


def open_expanders(at: AppTest, suffix: str) -> AppTest:
    """`at` rerun with every keyed expander whose key ends with `suffix` open, as a browser
    reports it: a lazy one (`on_change="rerun"`) makes and sends what it holds only then."""
    for expander in at.get("expander"):
        key = expander.proto.id.split("-", 2)[-1]  # "$$ID-<hash>-<key>"
        if key.endswith(suffix):
            at.session_state[key] = True
    return at.run()


def opened_menu(at: AppTest) -> AppTest:
    """`at` rerun with its "Share and export" menu open, as the browser reports it: closed, the
    menu makes and sends nothing (components/share_menu.py)."""
    at.session_state["share_open"] = True
    return at.run()
