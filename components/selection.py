"""Clicking or lasso-selecting marks on a chart filters the whole page, KPIs and headline too.

Reading the ids picked is pure (`kpop_explorer.charts.picks`); this module keeps them and shows
what a selection keeps. The ids live in the session under `<panel>_picked`, set by the chart's
own selection callback, which runs before the page reruns, so a page reads them (`picked`)
before it draws its KPI cards. They are a view parameter (`selected` in the link). Clearing
bumps a generation number that is part of the chart's key, which gives Plotly a fresh chart
with nothing selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import streamlit as st

from components import url_widgets
from components.context import PageContext
from kpop_explorer.charts.picks import named_labels, selected_ids
from kpop_explorer.i18n.text import plain
from kpop_explorer.links.view_params import ViewParam

PARAM = "selected"  # a page's one selectable chart: the ids picked, repeated in the link
PICKED_SUFFIX = "_picked"  # the session key of a panel's picked ids: `<panel>_picked`


def chart_key(key: str) -> str:
    return f"{key}_{st.session_state.get(f'{key}_generation', 0)}"


def picked_key(key: str) -> str:
    return f"{key}{PICKED_SUFFIX}"


def picked(key: str, allowed: Iterable[str], param: str = PARAM) -> list[str]:
    """The ids picked on the chart of panel `key`, of those it draws (`allowed`): from the
    chart, or from the link on a session's first run. Ids the chart no longer draws (after a
    filter change) are dropped, so a stale selection never empties the page."""
    spec = ViewParam(param, tuple(dict.fromkeys(str(a) for a in allowed)), default=(), multi=True)
    return list(url_widgets.declare(spec, picked_key(key)))


def store(key: str) -> None:
    """The chart's selection callback: keep the ids of the marks now selected."""
    st.session_state[picked_key(key)] = selected_ids(st.session_state.get(chart_key(key)))


def _clear(key: str) -> None:
    st.session_state[f"{key}_generation"] = st.session_state.get(f"{key}_generation", 0) + 1
    st.session_state[picked_key(key)] = []


def _picked_keys() -> list[str]:
    return [k for k in st.session_state if str(k).endswith(PICKED_SUFFIX)]


def clear_all(link_params: tuple[str, ...] = (PARAM,)) -> None:
    """Every chart selection off (Reset filters), and a link's picks no page has read yet."""
    for key in _picked_keys():
        if st.session_state[key]:
            _clear(key[: -len(PICKED_SUFFIX)])
    pending = st.session_state.get(url_widgets.LINK_KEY) or {}
    for param in link_params:
        pending.pop(param, None)


def selection_note(
    ctx: PageContext,
    labels: list[str],
    key: str,
    clear: Callable[[], None] | None = None,
    text: str = "selection.active",
) -> None:
    """Says what the selection keeps, with a button that clears it; the briefing records it.
    Drawn above everything the selection narrows (the headline and KPI cards first)."""
    t = ctx.t
    ctx.briefing.selections.append(list(labels))
    note, button = st.columns([5, 1.2], vertical_alignment="center")
    items = named_labels([plain(label) for label in labels])
    note.info(t(text, items=items), icon=":material/ads_click:")
    button.button(
        t("selection.clear"), key=f"{key}_clear", on_click=clear or partial(_clear, key),
        icon=":material/close:",
    )  # fmt: skip
