"""The bare reference for `bench/run.py`: one slider and one 100-point Plotly line.

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

frequency = st.slider("Frequency", min_value=0, max_value=1000, value=0, step=1)
x = list(range(POINTS))
y = [math.sin((i + frequency) / 8) for i in x]  # every slider step moves the whole line
figure = go.Figure(go.Scatter(x=x, y=y, mode="lines", name="signal"))
figure.update_layout(height=420, margin=dict(l=40, r=20, t=30, b=40))
st.plotly_chart(figure, width="stretch", key="line")
