"""The bare reference for `bench/run.py`: one slider and one 100-point Plotly line.

`?charts=N` (1-12) draws N such lines, all moved by the slider: the floor for a page that redraws
N charts on each input, beside which the explorer's filter change is also set. `?panel=` dresses
each chart with the elements of one of the explorer's panels (a comma list of `PARTS`, or `all`),
so `bench/panel_elements.py` can price each one.

It is the floor Streamlit itself costs on this machine (server, websocket, frontend, Plotly), so
the explorer's figures are read as ratios to it rather than as absolute numbers. Run it with the
same `streamlit run` flags and from the repository root, so the same `.streamlit/config.toml`
applies to both.
"""

from __future__ import annotations

import math
from contextlib import nullcontext

import plotly.graph_objects as go
import streamlit as st

POINTS = 100

MAX_CHARTS = 12  # the History page draws 11
# What a panel of the explorer draws around its chart (components/chart_panel.py), by name.
PARTS = ("box", "title", "source", "switch", "download", "downloads")

try:
    charts = min(max(int(st.query_params.get("charts", "1")), 1), MAX_CHARTS)
except ValueError:
    charts = 1
frequency = st.slider("Frequency", min_value=0, max_value=1000, value=0, step=1)
asked = st.query_params.get("panel", "")
parts = set(PARTS) - {"download"} if asked == "all" else set(asked.split(",")) & set(PARTS)
x = list(range(POINTS))
for chart in range(charts):
    y = [math.sin((i + frequency) / 8) + chart for i in x]  # every step moves every line
    figure = go.Figure(go.Scatter(x=x, y=y, mode="lines", name="signal"))
    figure.update_layout(height=420, margin=dict(l=40, r=20, t=30, b=40))
    with st.container(border=True) if "box" in parts else nullcontext():
        if "title" in parts:
            st.markdown(f"**Signal {chart + 1}**  \nA sine wave, moved by the slider")
        st.plotly_chart(figure, width="stretch", key=f"line{chart}")
        if "source" in parts:
            st.caption(":orange-badge[Illustrative data] Source: a sine wave")
        buttons = ("CSV", "Excel")[: 2 if "downloads" in parts else int("download" in parts)]
        if "switch" in parts or buttons:
            with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
                if "switch" in parts:
                    st.segmented_control(
                        "View", ("chart", "table"), default="chart", key=f"view{chart}",
                        label_visibility="collapsed",
                    )  # fmt: skip
                for kind in buttons:
                    st.download_button(
                        kind, data=lambda: b"x", file_name=f"s.{kind}", key=f"{kind}{chart}",
                        on_click="ignore",
                    )  # fmt: skip
