"""A page's local part: a control and the panel it shapes, rerun alone when the control changes.

The map's colouring, a per-capita switch, the trend's split: each changes one panel, so the
panel and its control are a `st.fragment`, and changing the control reruns that part, not the
page with its cards, headline and other charts. The link follows at once (`url_widgets` writes
a view parameter from a fragment's rerun), and what the part adds to the page's briefing (its
table and chart, for the briefing and the deck of this view) takes the place of what its
previous run added, so the exports show the panel as it is now.

A part that holds something whose choice narrows the whole page (a chart's selection, a
scorecard row picked: `narrowing`, the session keys that hold the choice) reruns the whole page
when that choice changes: a fragment alone would redraw only itself.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

from components.context import PageContext

_SLOTS_KEY = "_local_slots"  # {part: (briefing's id, tables' start and count, charts' ...)}


def _in_fragment_rerun() -> bool:
    run = get_script_run_ctx()
    return bool(run is not None and run.fragment_ids_this_run)


def _place(ctx: PageContext, part: str, tables_before: int, charts_before: int) -> None:
    """Keeps what this run of `part` added to the briefing where its page run put it."""
    shown = ctx.briefing
    slots = st.session_state.setdefault(_SLOTS_KEY, {})
    added_tables = shown.tables[tables_before:]
    added_charts = shown.charts[charts_before:]
    slot = slots.get(part)
    if _in_fragment_rerun() and slot is not None and slot[0] == id(shown):
        _, tables_at, tables_count, charts_at, charts_count = slot
        del shown.tables[tables_before:]
        del shown.charts[charts_before:]
        shown.tables[tables_at : tables_at + tables_count] = added_tables
        shown.charts[charts_at : charts_at + charts_count] = added_charts
        slots[part] = (id(shown), tables_at, len(added_tables), charts_at, len(added_charts))
        return
    slots[part] = (id(shown), tables_before, len(added_tables), charts_before, len(added_charts))


def fragment_id(part: str) -> str | None:
    """The id Streamlit gave the fragment of `part` in this session (a browser rerunning the
    part sends it; a test does the same)."""
    return st.session_state.get(f"_local_{part}_fragment")


def _chosen(key: str) -> object:
    """A choice as kept between runs: none and an empty pick alike, a list as a copy."""
    value = st.session_state.get(key) or None
    return tuple(value) if isinstance(value, list) else value


def _run(ctx: PageContext, part: str, body: Callable[[], None], watched: tuple) -> None:
    st.session_state[f"_local_{part}_fragment"] = ThreadState.get().fragment_id
    # The choice's callback has run before this rerun: a new choice (on a chart, in a table)
    # narrows the whole page, so the page reruns at once, without drawing this part first.
    now = tuple(_chosen(key) for key in watched)
    if not _in_fragment_rerun():
        st.session_state[f"_local_{part}_picked"] = now
    elif now != st.session_state.get(f"_local_{part}_picked", ()):
        st.rerun(scope="app")
    tables_before, charts_before = len(ctx.briefing.tables), len(ctx.briefing.charts)
    body()
    _place(ctx, part, tables_before, charts_before)


_fragment = st.fragment(_run)


def part(
    ctx: PageContext, name: str, body: Callable[[], None], narrowing: tuple[str, ...] = ()
) -> None:
    """Runs `body()` (which draws a control and the panel it shapes) as a fragment named
    `name`. `narrowing`: the session keys of the choices in it that narrow the whole page.
    In presenter mode nothing is local: the story draws no page controls."""
    if ctx.presenting:
        body()
        return
    _fragment(ctx, name, body, tuple(narrowing))
