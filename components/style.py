"""The app's own CSS, on every page: rules Streamlit's theme options cannot express."""

from __future__ import annotations

import streamlit as st

# Static CSS only: no text from data, files or links ever reaches this markup.
# A KPI card's label wraps onto a second line instead of being cut ("Virtual-concert vi…"):
# French and Korean labels run longer than English ones.
_STYLE = """
<style>
[data-testid="stMetricLabel"] { height: auto; min-height: 1.5rem; }
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
</style>
"""


def apply() -> None:
    st.html(_STYLE)
