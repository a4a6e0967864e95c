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


_JSON = "_kpop_json"  # the attribute `frozen` sets on a figure that will not change again


def frozen(figure: go.Figure) -> go.Figure:
    """`figure`, serialised now and for good: for a figure nobody changes after this, such as
    the shared ones of `cached.figure`, so every rerun that redraws it sends the same JSON.
    The JSON is kept on the figure itself, so it lives and dies with it (no table by `id()`)."""
    setattr(figure, _JSON, pio.to_json(figure, validate=False).encode())
    return figure


def _figure_json(figure: go.Figure) -> bytes:
    """The JSON `frozen` made, or, for a figure of one run (a selection's highlighted copy,
    which `go.Figure(...)` makes without it), its JSON now."""
    made = getattr(figure, _JSON, None)
    return made if made is not None else pio.to_json(figure, validate=False).encode()


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
