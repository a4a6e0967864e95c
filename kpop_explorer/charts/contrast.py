"""Contrast checks (WCAG 2.1) and the outlines that keep light marks visible on a light page.

WCAG asks 4.5:1 for text and 3:1 for the graphics needed to read a chart (1.4.11). Some
colour-blind-safe hues (orange, sky blue, sand) are too light against white on their own, so in
the light theme every such mark gets a dark outline, which carries the contrast instead.
"""

from __future__ import annotations

import plotly.graph_objects as go

LIGHT_BACKGROUND = "#FFFFFF"  # the themes' backgroundColor in .streamlit/config.toml
DARK_BACKGROUND = "#10161F"
OUTLINE = {"light": "#3D4451", "dark": "#E3E8EF"}
GRAPHICS_MINIMUM = 3.0
TEXT_MINIMUM = 4.5
# Streamlit fades a caption (source lines, ledes, notes) to 60% of the text colour: 4.1-4.2:1 in
# the light theme. The app's CSS (components/style.py) keeps 70%, which reads 5.6:1 or more.
CAPTION_OPACITY = 0.7
# Streamlit's data grid writes a pill's label in black on a fill whose luminance is above this,
# in white otherwise (its MultiselectColumn draw); `pill_text` follows the same rule.
PILL_DARK_TEXT_ABOVE = 0.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(color: str, background: str, opacity: float) -> str:
    """The opaque colour a `color` drawn at `opacity` over `background` shows."""
    front, back = (
        [int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] for c in (color, background)
    )
    mixed = (round(opacity * f + (1 - opacity) * b) for f, b in zip(front, back, strict=True))
    return "#" + "".join(f"{v:02X}" for v in mixed)


def pill_text(fill: str) -> str:
    """The label colour Streamlit's grid gives a pill of this fill."""
    return "#000000" if luminance(fill) > PILL_DARK_TEXT_ABOVE else "#FFFFFF"


def _solid_colors(value: object) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, str) and v.startswith("#") and len(v) == 7]


def outline_weak_marks(figure: go.Figure, dark: bool) -> go.Figure:
    """Give a contrasting outline to bars and markers whose fill is too close to the page."""
    background = DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    outline = OUTLINE["dark" if dark else "light"]
    for trace in figure.data:
        marker = getattr(trace, "marker", None)
        if marker is None or trace.type not in ("bar", "scatter", "scattergeo", "treemap"):
            continue
        colors = _solid_colors(marker.colors if trace.type == "treemap" else marker.color)
        if any(contrast(c, background) < GRAPHICS_MINIMUM for c in colors):
            marker.line.color = outline
            marker.line.width = max(marker.line.width or 0, 1)
    return figure
