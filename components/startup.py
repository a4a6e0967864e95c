"""Keeps Python's cycle collector off a server's long-lived heap.

Imports, datasets and Plotly's validators make hundreds of thousands of objects that live as
long as the server. Left to the collector, they cost several full collections during a
server's first run, then one after almost every rerun, inside the time a filter change takes
(docs/performance.md). So the frame calls `begin()` first, which pauses the collector while the
server's first run loads everything, and `settle()` last, which moves every object then alive
out of the collector's reach for good (`gc.freeze`) and turns it back on. Only what later runs
create is ever scanned again. No collection comes before the freeze: it found little garbage
and held the first visitor's page back while it ran.

Nothing happens at import, and nothing outside a `streamlit run` server: the process must be
the app's own. Under AppTest it is pytest's, whose test objects would be frozen for good, so
there `begin` and `settle` only mark the first run as over.
"""

from __future__ import annotations

import gc
import sys

_frozen = False  # gc.get_freeze_count() would walk the whole frozen heap on every run


def serving() -> bool:
    """Whether this process is a `streamlit run` server (its bootstrap module is loaded)."""
    return "streamlit.web.bootstrap" in sys.modules


def settled() -> bool:
    """Whether the server's first run is over: imports made, datasets loaded, heap frozen."""
    return _frozen


def begin() -> None:
    """The start of a run: on a server's first, the collector pauses until `settle`."""
    if not _frozen and serving():
        gc.disable()


def settle() -> None:
    """The end of a run (also a failed one): the first freezes the heap; the collector runs."""
    global _frozen
    if not _frozen:
        if serving():
            gc.freeze()
        _frozen = True
    gc.enable()
