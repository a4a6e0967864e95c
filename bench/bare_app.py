"""The bare reference for `bench/run.py`: one slider and one 100-point Plotly line.

`?charts=N` (1-8) draws N such lines, all moved by the slider: the floor for a page that redraws
N charts on each input, beside which the explorer's filter change is also set.

It is the floor Streamlit itself costs on this machine (server, websocket, frontend, Plotly), so
the explorer's figures are read as ratios to it rather than as absolute numbers. Run it with the
same `streamlit run` flags and from the repository root, so the same `.streamlit/config.toml`
applies to both.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import streamlit as st

POINTS = 100

MAX_CHARTS = 8

try:
    charts = min(max(int(st.query_params.get("charts", "1")), 1), MAX_CHARTS)
except ValueError:
    charts = 1
frequency = st.slider("Frequency", min_value=0, max_value=1000, value=0, step=1)
x = list(range(POINTS))
for chart in range(charts):
    y = [math.sin((i + frequency) / 8) + chart for i in x]  # every step moves every line
    figure = go.Figure(go.Scatter(x=x, y=y, mode="lines", name="signal"))
    figure.update_layout(height=420, margin=dict(l=40, r=20, t=30, b=40))
    st.plotly_chart(figure, width="stretch", key=f"line{chart}")
