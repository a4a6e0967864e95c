"""Keeps Python's cycle collector off the server's long-lived heap.

Imports, datasets and Plotly's validators make hundreds of thousands of objects that live as
long as the server. Left to the collector, they cost several full collections during a
server's first run, then one after almost every rerun, inside the time a filter change takes
(measured with `gc.callbacks`; docs/performance.md). So the first import of
this module, which `app.py` makes before anything else of ours, pauses the collector; at the
end of that first run `settle()` moves every object then alive out of its reach for good and
turns it back on. Only what later runs create is ever scanned again.

No collection comes before the freeze: it found little garbage (no change in resident memory)
and held the first visitor's page back while it ran.
"""

from __future__ import annotations

import gc

gc.disable()
_frozen = False  # gc.get_freeze_count() would walk the whole frozen heap on every run


def settled() -> bool:
    """Whether the server's first run is over: imports made, datasets loaded, heap frozen."""
    return _frozen


def settle() -> None:
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
    gc.enable()
