"""What AppTest sees of a page's charts: each is our chart element (components/plotly_element)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from components import plotly_element


def charts(node: AppTest) -> list:
    """The chart elements under `node` (an app or a block), without the hidden preloading one."""
    return [c for c in node.get("bidi_component") if c.key != plotly_element.PRELOAD_KEY]


def arguments(chart) -> dict:
    """What a chart element was given: its figure, Plotly config, alt text, selection modes."""
    return json.loads(chart.proto.bytes)


def figures(at: AppTest) -> list[dict]:
    return [arguments(chart)["figure"] for chart in charts(at)]
