"""K-pop Europe Explorer: the frame every page runs in.

Sets the page up, draws the language switch and the global filters in the sidebar, and routes to
the pages in `views/` with `st.navigation`. Pages read the filter state back from the session.
In presenter mode the frame hides itself and routes every address to the guided story.

The pages live in `views/`, not `pages/` (`kpop_explorer/site.py` lists them and says why): with
a `pages/` folder beside this script, Streamlit 1.67 runs a fresh server's first session in its
old folder mode, which shows a shared link's page without this frame or under a "Page not
found" dialog.
"""

from __future__ import annotations

import streamlit as st

import components.startup  # first: it pauses the cycle collector while the app loads
from components import preload

st.set_page_config(
    page_title="K-pop Europe Explorer",
    page_icon="static/favicon.png",  # a local file: a Material icon would be fetched online
    layout="wide",
    initial_sidebar_state="auto",
)
preload.plotly_js()  # before pandas and the datasets load: the browser fetches Plotly.js meanwhile

with preload.PANDAS_IMPORT:  # after the preload, which must not see pandas half-imported
    from components import context, presenter, sidebar, style, url_state
    from kpop_explorer import site

try:
    data = context.session_data()
    options = context.filter_options(data)
    url_state.restore(options)
    url_state.ensure_defaults(options)
    t = context.translator()

    PAGES = [
        st.Page(spec.script, title=t(f"page.{spec.key}"), icon=spec.icon, url_path=spec.url_path,
                default=spec.url_path == "")
        for spec in site.PAGES
    ]  # fmt: skip

    style.apply()
    if presenter.presenting():
        presenter.apply_style()
        story = st.Page(site.PRESENT.script, title=t("page.present"),
                        url_path=site.PRESENT.url_path, default=True)  # fmt: skip
        page = st.navigation([story], position="hidden")  # every address shows the story
        page_path = url_state.PRESENT_PAGE
        slots = None
    else:
        page = st.navigation(PAGES, position="sidebar", expanded=True)
        page_path = page.url_path
        slots = sidebar.render(options, t, page_path, [p.url_path for p in PAGES])
        uploaded = context.uploaded_names()
        if uploaded:
            names = ", ".join(t(f"schema.{name}.title") for name in uploaded)
            with st.container(horizontal=True, vertical_alignment="center"):
                st.info(t("upload.banner", datasets=names), icon=":material/upload_file:")
                st.button(t("upload.reset"), on_click=context.reset_to_shipped,
                          icon=":material/restart_alt:", key="banner_reset")  # fmt: skip
    context.set_page(page_path)
    try:
        page.run()
    finally:  # also when a page stops early: the link must still match what is on screen
        url_state.write(options, page_path)
        if slots is not None:
            sidebar.finish(slots, options, t, page_path, [p.url_path for p in PAGES])
finally:  # even after a failed first run, or the collector would stay off for good
    components.startup.settle()
