"""Starts the browser loading Plotly.js while the server is still busy with its first run.

The chart element (components/plotly_element.py) fetches and compiles our Plotly.js bundle
(1.5 MB) only when the first chart arrives. On a server's first visit that is after pandas is
imported and the datasets are checked, about half a second later, so the two waits added up.
A hidden element that only loads the bundle, sent before any of that, lets them overlap (with
Streamlit's own 4.7 MB Plotly.js, a fresh server's first page was drawn about 0.6 s sooner).
Once the server is warm, a page's first chart comes within a tenth of a second anyway, so only
sessions that open while the server is still cold get it, on every run (their elements keep
their places).

Imports nothing heavy: `app.py` calls it before the modules that bring in pandas, and holds
`PANDAS_IMPORT` while importing them. Plotly looks pandas up in `sys.modules` without
importing it, so a chart serialised while another session is half-way through importing
pandas fails on the half-made module (seen when six sessions opened a fresh server at once).
"""

from __future__ import annotations

import threading

import streamlit as st

from components import plotly_element, startup

KEY = "plotly_preload"
_SESSION_FLAG = "_opened_on_a_cold_server"
# Static CSS only: nothing from data, files or links reaches this markup.
_HIDE = (  # the container and the wrapper Streamlit puts around it, which would leave a gap
    f"<style>.st-key-{KEY}, [data-testid='stLayoutWrapper']:has(> .st-key-{KEY})"
    " { display: none; }</style>"
)
CHARTLESS_PAGES = ("initiatives", "data")  # tables only: Plotly.js would only slow them
PANDAS_IMPORT = threading.Lock()  # held by the frame's imports; after the first, a no-op wait


def plotly_js() -> None:
    """The hidden loader, hidden from screen readers as from eyes, on pages that draw charts."""
    cold = st.session_state.setdefault(_SESSION_FLAG, not startup.settled())
    path = (st.context.url or "").rstrip("/")
    if not cold or path.endswith(tuple(f"/{p}" for p in CHARTLESS_PAGES)):
        return
    st.html(_HIDE)
    with st.container(key=KEY), PANDAS_IMPORT:
        plotly_element.preload()
