"""The page at an address the app has no page for: it says so, and offers the way back.

Streamlit would run the default page under a "Page not found" dialog; the frame serves this
page at the stray address instead (kpop_explorer/links/site.py: `stray_path`, `meant`).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kpop_explorer.i18n.text import plain
from kpop_explorer.links import site

_STRAY_KEY = "_stray_path"  # the session's stray address, kept so its reruns still find it


def requested_path() -> str | None:
    """The address the browser asked for when it named no page by hash (a first visit)."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or manager.intended_page_script_hash:
        return None
    return manager.intended_page_name


def stray() -> str | None:
    """This run's stray address, if the browser asked for one; remembered for its reruns."""
    found = site.stray_path(requested_path())
    if found:
        st.session_state[_STRAY_KEY] = found
    return found or st.session_state.get(_STRAY_KEY)


def render() -> None:
    from components import context

    t = context.translator()
    path = st.session_state.get(_STRAY_KEY, "")
    st.title(t("page.not_found"))
    st.write(t("not_found.body", path=plain(f"/{path}")))
    target = site.meant(path) or site.page("overview")
    label = t("not_found.meant" if site.meant(path) else "not_found.back",
              page=t(f"page.{target.key}"))  # fmt: skip
    st.page_link(target.script, label=label, icon=target.icon)
