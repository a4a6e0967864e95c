"""Clicking or lasso-selecting marks on a chart filters the rest of the page.

A chart's marks carry their id (a country code, an event id...) first in `customdata`; the ids
picked are read back from the chart's selection state. Clearing bumps a generation number that
is part of the chart's key, which gives Plotly a fresh chart with nothing selected.
"""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from kpop_explorer.text import plain


def chart_key(key: str) -> str:
    return f"{key}_{st.session_state.get(f'{key}_generation', 0)}"


def _clear(key: str) -> None:
    st.session_state[f"{key}_generation"] = st.session_state.get(f"{key}_generation", 0) + 1


def selected_ids(selection) -> list[str]:
    """The ids of the marks selected on a chart, in order, without repeats."""
    if not selection:
        return []
    points = selection.get("selection", {}).get("points", [])
    ids = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if data is not None:
            ids.append(str(data))
    return list(dict.fromkeys(ids))


def selection_note(ctx: PageContext, labels: list[str], key: str) -> None:
    """Says what the selection keeps, with a button that clears it; the briefing records it."""
    t = ctx.t
    ctx.briefing.selections.append(list(labels))
    shown = ", ".join(plain(label) for label in labels[:6])
    more = f" +{len(labels) - 6}" if len(labels) > 6 else ""
    note, button = st.columns([5, 1.2], vertical_alignment="center")
    note.info(t("selection.active", items=shown + more), icon=":material/ads_click:")
    button.button(
        t("selection.clear"), key=f"{key}_clear", on_click=_clear, args=(key,),
        icon=":material/close:",
    )  # fmt: skip
