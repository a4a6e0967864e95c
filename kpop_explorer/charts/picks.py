"""Reading a chart selection: which marks did the viewer click or lasso?

A chart's marks carry their id (a country code, an event id...) first in `customdata`, so the
ids picked can be read back from the selection state Streamlit returns, with no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import plotly.graph_objects as go


def selected_ids(selection: Mapping | None) -> list[str]:
    """The ids of the marks selected on a chart, in order, without repeats."""
    if not selection:
        return []
    points = selection.get("selection", {}).get("points", [])
    ids = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if data is not None:
            ids.append(str(data))
    return list(dict.fromkeys(ids))


def _mark_id(data) -> str | None:
    if isinstance(data, list | tuple) or getattr(data, "ndim", 0) == 1:
        data = data[0] if len(data) else None
    return None if data is None else str(data)


def highlighted(figure: go.Figure, ids: Iterable[str]) -> go.Figure:
    """`figure` with the marks of `ids` drawn as selected (Plotly's `selectedpoints`), so a
    selection that came with a link looks as one made by clicking. A copy: the figure given is
    shared by sessions (components/cached.py). Unchanged when no mark has one of the ids."""
    wanted = {str(i) for i in ids}
    if not wanted:
        return figure
    marked = go.Figure(figure)
    found = False
    for trace in marked.data:
        data = getattr(trace, "customdata", None)
        if data is None or "selectedpoints" not in trace:
            continue
        chosen = [i for i, mark in enumerate(data) if _mark_id(mark) in wanted]
        trace.selectedpoints = chosen
        found = found or bool(chosen)
    return marked if found else figure


MAX_LABELS_NAMED = 6  # a selection's note names this many of the marks picked, then says "+N"


def named_labels(labels: list[str]) -> str:
    """What a selection keeps, in a few words: "France, Germany +3"."""
    shown = ", ".join(labels[:MAX_LABELS_NAMED])
    extra = len(labels) - MAX_LABELS_NAMED
    return shown + (f" +{extra}" if extra > 0 else "")
