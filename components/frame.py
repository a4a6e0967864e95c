"""The frame every page runs in: page config, language, global filters, the router.

`app.py` calls `main()`. Each file in `pages/` defines `render(ctx)` and ends with
`run_page(render)`. Inside the frame, that line draws the page; outside it, it runs the frame.

Why a page file can be run outside the frame: when a `pages/` folder sits beside the main script,
Streamlit 1.67 serves a fresh server's first session in its old folder mode, which runs the page
file whose name matches the requested URL path on its own. Each page file is therefore named
exactly as its URL path (`pages/live-events.py` for `/live-events`), so that first visit finds
its file (any other name shows a "Page not found" dialog), and `run_page` starts the frame,
whose `st.navigation` takes over and runs the same file again inside the frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

_frame = threading.local()  # each session's script runs in its own thread


def run_page(render: Callable) -> None:
    """A page file's last line: draw the page inside the frame, or start the frame around it."""
    if getattr(_frame, "running", False):
        from components import context

        render(context.current())
    else:
        main()


def main() -> None:
    _frame.running = True
    try:
        _draw()
    finally:
        _frame.running = False


def _draw() -> None:
    from components import preload, startup

    startup.begin()  # first: on a server's first run, the collector pauses while the app loads

    st.set_page_config(
        page_title="K-pop Europe Explorer",
        page_icon="static/favicon.png",  # a local file: a Material icon would be fetched online
        layout="wide",
        initial_sidebar_state="auto",
    )
    preload.plotly_js()  # before pandas and the datasets load: the browser fetches Plotly.js

    with preload.PANDAS_IMPORT:  # after the preload, which must not see pandas half-imported
        from components import (
            context,
            data_source,
            not_found,
            presenter,
            share_menu,
            sidebar,
            style,
            url_state,
        )
        from kpop_explorer.links import site

    try:
        data = context.session_data()
        options = context.filter_options(data)
        url_state.restore(options)
        url_state.ensure_defaults(options)
        t = context.translator()

        pages = [
            st.Page(spec.script, title=t(f"page.{spec.key}"), icon=spec.icon,
                    url_path=spec.url_path, default=spec.url_path == "")
            for spec in site.PAGES
        ]  # fmt: skip
        stray = not_found.stray()  # an address with no page: say so there, not in a dialog
        strays = [stray] if stray else []

        style.apply()
        if presenter.presenting():
            presenter.apply_style()
            # The story at every page's address: a presenter link may name any page.
            story = [
                st.Page(site.PRESENT.script, title=t("page.present"), url_path=path,
                        default=path == "")
                for path in (*site.URL_PATHS, site.PRESENT.url_path, *strays)
            ]  # fmt: skip
            page = st.navigation(story, position="hidden")
            page_path = url_state.PRESENT_PAGE
            ignored = None
        else:
            lost = [st.Page(not_found.render, title=t("page.not_found"), url_path=path,
                            visibility="hidden") for path in strays]  # fmt: skip
            page = st.navigation(pages + lost, position="sidebar", expanded=True)
            page_path = page.url_path
            ignored = sidebar.render(options, t, page_path)
            uploaded = context.uploaded_names()
            if uploaded:
                names = ", ".join(t(f"schema.{name}.title") for name in uploaded)
                with st.container(horizontal=True, vertical_alignment="center"):
                    st.info(t("upload.banner", datasets=names), icon=":material/upload_file:")
                    st.button(t("upload.reset"), on_click=context.reset_to_shipped,
                              icon=":material/restart_alt:", key="banner_reset")  # fmt: skip
            data_source.stale_banner(t)  # the team's database is down: the data is not fresh
        context.set_page(page_path)
        try:
            page.run()
        finally:  # also when a page stops early: the link must still match what is on screen
            url_state.write(options, page_path)
            if ignored is not None:
                sidebar.finish(ignored, t)
            share_menu.finish([p.url_path for p in pages])
    finally:  # even after a failed first run, or the collector would stay off for good
        startup.settle()
