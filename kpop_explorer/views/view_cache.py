"""A bounded, thread-safe store of computed views that computes each key once, however many ask.

A page's view (headline, cards, scorecard, each panel's table and figure) depends only on the
data's version, the filters, the page's view parameters, the language and the theme. When a room
opens one link, every session asks for the same key at the same moment: the first computes it,
the others wait for that computation instead of repeating it (one flight per key), then all get
the very same object. Entries are bounded three ways: how many, how much memory (as `size`
estimates it), and how long since they were made (time to live). The least recently used go
first. Pure: no Streamlit; `components/cached.py` holds one store for all sessions, and one per
session for views of uploaded data.

Values are shared: callers never change what `get` returns.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


@dataclass
class _Flight:
    """A computation under way: those who ask meanwhile wait for its value (or its error)."""

    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0  # computations started
    waits: int = 0  # asked while the same key was being computed, and got that value
    evictions: int = 0


def rough_size(value: Any) -> int:
    """A cheap estimate of a view's memory: pandas frames by their own count, containers and
    dataclasses followed a few levels down (a view is a few frames and texts), anything else
    (functions, figures built elsewhere) by `sys.getsizeof` alone."""
    seen: set[int] = set()

    def size(thing: Any, depth: int) -> int:
        if id(thing) in seen:
            return 0
        seen.add(id(thing))
        memory = getattr(thing, "memory_usage", None)
        if callable(memory) and hasattr(thing, "columns"):  # a DataFrame
            return int(memory(index=True, deep=True).sum())
        if callable(memory) and hasattr(thing, "dtype"):  # a Series
            return int(memory(index=True, deep=True))
        total = sys.getsizeof(thing)
        if depth <= 0:
            return total
        if isinstance(thing, dict):
            items = [*thing.keys(), *thing.values()]
        elif isinstance(thing, list | tuple | set | frozenset):
            items = list(thing)
        elif is_dataclass(thing) and not isinstance(thing, type):  # a view, a panel, a result
            items = [getattr(thing, f.name, None) for f in fields(thing)]
        else:
            items = []
        return total + sum(size(item, depth - 1) for item in items)

    return size(value, 6)


class ViewCache:
    """`get(key, compute)`: the value stored under `key`, computed by `compute()` only when
    absent or expired, once however many threads ask at the same time."""

    def __init__(
        self,
        max_entries: int,
        max_bytes: int,
        ttl_seconds: float,
        size: Callable[[Any], int] = rough_size,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.ttl_seconds = ttl_seconds
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[Any, int, float]] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self.bytes = 0
        self.stats = Stats()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return self._fresh(key) is not None

    def _fresh(self, key: Hashable):
        """The entry under `key` if it has not expired (under the lock); an expired one goes."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self._clock() - entry[2] > self.ttl_seconds:
            self._drop(key)
            return None
        return entry

    def _drop(self, key: Hashable) -> None:
        _, nbytes, _ = self._entries.pop(key)
        self.bytes -= nbytes
        self.stats.evictions += 1

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            entry = self._fresh(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.stats.hits += 1
                return entry[0]
            flight = self._flights.get(key)
            owner = flight is None
            if owner:
                flight = self._flights[key] = _Flight()
                self.stats.misses += 1
            else:
                self.stats.waits += 1
        if not owner:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            value = compute()
        except BaseException as error:
            flight.error = error
            with self._lock:
                del self._flights[key]
            flight.done.set()
            raise
        flight.value = value
        self._store(key, value)
        with self._lock:
            del self._flights[key]
        flight.done.set()
        return value

    def _store(self, key: Hashable, value: Any) -> None:
        nbytes = self._size(value)
        with self._lock:
            now = self._clock()
            for old in [
                k for k, e in self._entries.items() if k == key or now - e[2] > self.ttl_seconds
            ]:
                self._drop(old)
            if nbytes > self.max_bytes:  # larger than the whole store: served, not kept
                return
            self._entries[key] = (value, nbytes, now)
            self.bytes += nbytes
            while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        """Forgets every entry and the counts (a computation under way still finishes)."""
        with self._lock:
            self._entries.clear()
            self.bytes = 0
            self.stats = Stats()
