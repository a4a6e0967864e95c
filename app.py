"""K-pop Europe Explorer: the frame every page runs in.

Sets the page up, draws the language switch and the global filters in the sidebar, and routes to
the pages in `pages/` with `st.navigation`. Pages read the filter state back from the session.
"""

from __future__ import annotations

import streamlit as st

from components import context, sidebar, url_state

st.set_page_config(
    page_title="K-pop Europe Explorer",
    page_icon="static/favicon.png",  # a local file: a Material icon would be fetched online
    layout="wide",
    initial_sidebar_state="auto",
)

data = context.cached.datasets()
options = context.filter_options(data)
url_state.restore(options)
url_state.ensure_defaults(options)
t = sidebar.language_selector()

PAGES = [
    st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:",
            url_path="", default=True),
    st.Page("pages/digital.py", title=t("page.digital"), icon=":material/smartphone:",
            url_path="digital"),
    st.Page("pages/live_events.py", title=t("page.live_events"), icon=":material/stadium:",
            url_path="live-events"),
    st.Page("pages/education.py", title=t("page.education"), icon=":material/school:",
            url_path="education"),
    st.Page("pages/initiatives.py", title=t("page.initiatives"), icon=":material/list_alt:",
            url_path="initiatives"),
    st.Page("pages/data.py", title=t("page.data"), icon=":material/table_view:",
            url_path="data"),
]  # fmt: skip
page = st.navigation(PAGES, position="sidebar", expanded=True)
st.sidebar.caption(t("app.tagline"))
sidebar.render(options, t)
try:
    page.run()
finally:  # also when a page stops early: the link must still match what is on screen
    url_state.write(options, page.url_path)
