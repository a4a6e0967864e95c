"""Reading a chart selection: which marks did the viewer click or lasso?

A chart's marks carry their id (a country code, an event id...) first in `customdata`, so the
ids picked can be read back from the selection state Streamlit returns, with no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping


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


MAX_LABELS_NAMED = 6  # a selection's note names this many of the marks picked, then says "+N"


def named_labels(labels: list[str]) -> str:
    """What a selection keeps, in a few words: "France, Germany +3"."""
    shown = ", ".join(labels[:MAX_LABELS_NAMED])
    extra = len(labels) - MAX_LABELS_NAMED
    return shown + (f" +{extra}" if extra > 0 else "")
