"""Keeps Python's cycle collector off the server's long-lived heap.

Imports, datasets and Plotly's validators make millions of objects that live as long as the
server. Left to the collector, they cost three full collections of 70-90 ms during a server's
first run, then one of 90-110 ms after almost every rerun, inside the time a filter change takes
(measured with `gc.callbacks` on this app). So the first import of this module, which `app.py`
makes before anything else of ours, pauses the collector; at the end of that first run
`settle()` collects once, moves every object then alive out of its reach for good and turns it
back on. Only what later runs create is ever scanned again.
"""

from __future__ import annotations

import gc

gc.disable()


def settle() -> None:
    if gc.get_freeze_count() == 0:
        gc.collect()  # once: the first run's own garbage must not be kept for good
        gc.freeze()
    gc.enable()
