"""Clicking or lasso-selecting marks on a chart filters the rest of the page.

Reading the ids picked is pure (`kpop_explorer.selection`); this module keys the charts and
shows what a selection keeps. Clearing bumps a generation number that is part of the chart's
key, which gives Plotly a fresh chart with nothing selected.
"""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from kpop_explorer.selection import named_labels
from kpop_explorer.selection import selected_ids as selected_ids  # the pages read it from here
from kpop_explorer.text import plain


def chart_key(key: str) -> str:
    return f"{key}_{st.session_state.get(f'{key}_generation', 0)}"


def _clear(key: str) -> None:
    st.session_state[f"{key}_generation"] = st.session_state.get(f"{key}_generation", 0) + 1


def selection_note(ctx: PageContext, labels: list[str], key: str) -> None:
    """Says what the selection keeps, with a button that clears it; the briefing records it."""
    t = ctx.t
    ctx.briefing.selections.append(list(labels))
    note, button = st.columns([5, 1.2], vertical_alignment="center")
    items = named_labels([plain(label) for label in labels])
    note.info(t("selection.active", items=items), icon=":material/ads_click:")
    button.button(
        t("selection.clear"), key=f"{key}_clear", on_click=_clear, args=(key,),
        icon=":material/close:",
    )  # fmt: skip
