"""The explorer's own chart element: a Plotly chart that stays mounted across reruns.

`st.plotly_chart` in Streamlit 1.67 hashes its figure into the element id, so new data means
unmounting the chart and drawing it again from scratch (streamlit/streamlit#16052). This
element (Streamlit's components v2) is keyed by the chart alone; each rerun sends the new
figure and the browser applies it with `Plotly.react`, in place, with `uirevision` so zoom and
legend choices survive a filter change. Plotly.js is our bundle with only the traces the
explorer draws (`./dev bundle`), served from static/ and cached by the browser.

Its selection has `st.plotly_chart`'s shape ({"selection": {"points": [...], ...}}), so
`components.selection` reads it unchanged.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

STATIC = Path(__file__).resolve().parents[1] / "static" / "plotly"


def _versioned(name: str) -> str:
    """The file's address under app/static, relative so that it also works under a base path,
    with its content's hash: a browser keeps it cached until the file changes."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]
    return f"app/static/plotly/{name}?v={digest}"


BUNDLE_URL = _versioned("plotly-kpop.min.js")
MODULE_URL = _versioned("kpop-chart.js")
SELECTION_MODES = ("points", "box", "lasso")
PRELOAD_KEY = "plotly_element_preload"
_EMPTY = {"points": [], "point_indices": [], "box": [], "lasso": []}
# Only a loader goes with each chart; the module itself is fetched once and cached.
_LOADER = f"""export default async function (component) {{
  const module = await import(new URL("{MODULE_URL}", document.baseURI).href);
  return module.default(component);
}}"""

_element = st.components.v2.component(
    "kpop_plotly_chart",
    js=_LOADER,
    css=".kpop-plot { width: 100%; }",
    isolate_styles=False,  # Plotly.js puts its modebar and hover styles in the page's <head>
)


def preload() -> None:
    """Starts the browser loading the bundle, drawing nothing (see components/preload.py)."""
    _element(key=PRELOAD_KEY, data={"bundle": BUNDLE_URL}, height=0)


_serialised: dict[int, bytes] = {}  # id of a live figure -> its JSON


def _figure_json(figure: go.Figure) -> bytes:
    """The figure's JSON, made once per figure object: the cached figures (`cached.figure`) are
    shared and never changed, and a rerun that redraws a view seen before sends the same one.
    An entry goes with its figure (a selection's highlighted copy lives for one run)."""
    key = id(figure)
    found = _serialised.get(key)
    if found is None:
        found = _serialised[key] = pio.to_json(figure, validate=False).encode()
        weakref.finalize(figure, _serialised.pop, key, None)
    return found


def _no_callback() -> None:
    """A selection reruns the page by itself; the callback only declares the state."""


def chart(
    figure: go.Figure,
    *,
    key: str,
    config: dict,
    alt: str,
    selectable: bool = False,
    export: dict | None = None,
    on_select: Callable[[], None] | None = None,
) -> dict | None:
    """Draws `figure`; returns the selection state when `selectable`, else None.

    `export`: what the chart's saved images carry around it (`chart_panel.image_export`):
    title, subtitle, source line, the mark ("Illustrative data") or None, the notes under the
    source, the file name and the PNG and SVG buttons' titles, all plain translated text. With
    it, the modebar's camera gives way to a PNG and an SVG button (static/plotly/kpop-chart.js).
    `on_select` runs when the viewer changes the selection, before the page reruns (the new
    selection is then in `st.session_state[key]`).
    """
    settings = {
        "config": config,
        "alt": alt,
        "bundle": BUNDLE_URL,
        "modes": list(SELECTION_MODES) if selectable else [],
    }
    if export is not None:
        settings["export"] = export
    data = (  # one JSON document as bytes, so the figure's JSON is not escaped into a string
        b'{"figure":' + _figure_json(figure)
        + b',' + json.dumps(settings).encode()[1:]
    )  # fmt: skip
    if not selectable:
        _element(key=key, data=data)
        return None
    result = _element(key=key, data=data, on_selection_change=on_select or _no_callback)
    return {"selection": result.get("selection") or _EMPTY}
