"""The app's own CSS, on every page: rules Streamlit's theme options cannot express."""

from __future__ import annotations

import streamlit as st

from kpop_explorer.charts.contrast import CAPTION_OPACITY

# Static CSS only: no text from data, files or links ever reaches this markup.
# A KPI card's label and its delta wrap onto a second line instead of being cut
# ("Virtual-concert vi…", "… · Dans les t…"): French and Korean words run longer than English.
# Captions keep CAPTION_OPACITY of the text colour, not Streamlit's 60% (too faint for WCAG AA);
# as a colour, not an opacity, so a badge in a caption keeps its own contrast.
# The headline is the page's h2 (after its h1 title), drawn at the size of Streamlit's h4.
# Pills and segmented controls wrap onto more lines: Streamlit scrolls them sideways, which on a
# phone leaves a facet's last options off-screen behind a half-cut one ("교류 프로그").
_STYLE = f"""
<style>
[data-testid="stCaptionContainer"] {{
  opacity: 1; color: color-mix(in srgb, currentColor {CAPTION_OPACITY:.0%}, transparent);
}}
.st-key-headline h2 {{ font-size: 1.5rem; font-weight: 600; padding: 0.5rem 0 1rem; }}
[data-testid="stMetricLabel"] {{ height: auto; min-height: 1.5rem; }}
[data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; row-gap: 0.5rem; }}
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis *,
[data-testid="stMetricDelta"] .stMarkdownEllipsis,
[data-testid="stMetricDelta"] .stMarkdownEllipsis * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
</style>
"""


def apply() -> None:
    st.html(_STYLE)
