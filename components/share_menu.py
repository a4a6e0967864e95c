"""The "Share and export" menu beside every page's title: the link to this view, the briefing,
the decks and the way into presenter mode. The sidebar, which held them, starts with the filters,
so they fell below the first screen of a laptop and were hidden on a phone.

A page draws its title with `heading`; the frame fills the menu in once the page has run, so its
link holds the view settings the page declared and its exports what the page showed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import briefing, context, url_state
from components.context import PageContext
from kpop_explorer.links.links import app_base, view_link

_run = threading.local()  # each session's script runs in its own thread


@dataclass(frozen=True)
class _Heading:
    ctx: PageContext
    title: str
    slot: DeltaGenerator


def heading(ctx: PageContext, title: str) -> None:
    """The page's h1 with the menu's place on its right (on a phone, the menu wraps below it)."""
    with st.container(horizontal=True, vertical_alignment="center", key="page_heading"):
        st.title(title)
        _run.heading = _Heading(ctx, title, st.container(width="content"))


def finish(page_paths: list[str]) -> None:
    """After the page has run: the menu in the place its heading kept, if it drew one."""
    shown, _run.heading = getattr(_run, "heading", None), None
    if shown is not None:
        with shown.slot:
            _menu(shown.ctx, shown.title, page_paths)


@st.fragment
def _menu(ctx: PageContext, title: str, page_paths: list[str]) -> None:
    """Opening the menu reruns it alone, so its link also holds what a panel's own rerun
    changed (a table shown); while it is closed, nothing in it is made or sent."""
    t = ctx.t
    menu = st.popover(t("menu.button"), icon=":material/ios_share:", key="share_open",
                      on_change="rerun")  # fmt: skip
    if not menu.open:
        return
    with menu:
        _link(ctx, page_paths)
        briefing.offer(ctx, title)
        if st.button(t("present.toggle"), help=t("present.help"), icon=":material/co_present:",
                     width="stretch", key="present_start"):  # fmt: skip
            st.session_state[url_state.PRESENT_KEY] = True
            st.rerun()  # the whole app, not this fragment: the story takes the page's place


def _link(ctx: PageContext, page_paths: list[str]) -> None:
    """A link to exactly this view, ready to copy (the code block has a copy button): the same
    parameters as the URL, with the view settings the page declared as it ran."""
    t = ctx.t
    st.caption(f"**{t('share.button')}**  \n{t('share.help')}")
    uploaded = context.uploaded_names()
    if uploaded:  # the upload stays in this browser session: the link cannot carry it
        names = ", ".join(t(f"schema.{name}.title") for name in uploaded)
        st.warning(t("share.uploaded", datasets=names), icon=":material/upload_file:")
    base = app_base(st.context.url or "http://localhost:8501", tuple(page_paths))
    params = url_state.view_params(ctx.options, ctx.page_path)
    st.code(view_link(base, ctx.page_path, params), language=None, wrap_lines=True)
