"""The store of computed views: one computation per key however many ask, bounded by entries,
memory and age; and, through `components.cached.view`, shared by sessions for the shipped data
but never for a session's upload."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kpop_explorer.views.view_cache import ViewCache, rough_size


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def store(entries=10, nbytes=1000, ttl=60.0, clock=None) -> ViewCache:
    size = lambda value: value["bytes"]  # noqa: E731
    return ViewCache(entries, nbytes, ttl, size=size, clock=clock or Clock())


def test_a_hit_returns_the_same_object_without_computing_again():
    views = store()
    made = []

    def compute():
        made.append(1)
        return {"bytes": 10, "headline": "Paris leads"}

    first = views.get(("overview", "FR"), compute)
    second = views.get(("overview", "FR"), compute)
    assert second is first
    assert made == [1]
    assert (views.stats.hits, views.stats.misses) == (1, 1)
    other = views.get(("overview", "DE"), compute)
    assert other is not first
    assert made == [1, 1]


def test_concurrent_askers_of_one_key_share_one_computation():
    views = store()
    started, release = threading.Event(), threading.Event()
    calls = []

    def compute():
        calls.append(threading.get_ident())
        started.set()
        release.wait(5)
        return {"bytes": 1}

    results = [None] * 5

    def ask(i):
        results[i] = views.get("room", compute)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(5)]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    for _ in range(500):  # until the other four wait on the first's computation (5 s at most)
        if views.stats.waits >= 4:
            break
        threading.Event().wait(0.01)
    release.set()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    assert views.stats.waits == 4


def test_an_error_reaches_every_waiter_and_is_not_kept():
    views = store()

    def broken():
        raise ValueError("no data")

    with pytest.raises(ValueError):
        views.get("k", broken)
    assert "k" not in views
    assert views.get("k", lambda: {"bytes": 1, "v": 2})["v"] == 2


def test_least_recently_used_goes_first_past_the_entry_bound():
    views = store(entries=2)
    views.get("a", lambda: {"bytes": 1})
    views.get("b", lambda: {"bytes": 1})
    views.get("a", lambda: {"bytes": 1})  # a is now the most recent
    views.get("c", lambda: {"bytes": 1})
    assert "a" in views and "c" in views
    assert "b" not in views
    assert len(views) == 2


def test_memory_bound_evicts_until_the_total_fits():
    views = store(nbytes=100)
    views.get("a", lambda: {"bytes": 40})
    views.get("b", lambda: {"bytes": 40})
    assert views.bytes == 80
    views.get("c", lambda: {"bytes": 50})  # 130 > 100: a goes, 90 left
    assert "a" not in views
    assert views.bytes == 90
    huge = views.get("d", lambda: {"bytes": 101})  # larger than the store: served, not kept
    assert huge == {"bytes": 101}
    assert "d" not in views
    assert views.bytes == 90


def test_entries_expire_after_their_time_to_live():
    clock = Clock()
    views = store(ttl=60, clock=clock)
    first = views.get("a", lambda: {"bytes": 5})
    clock.now = 60
    assert views.get("a", lambda: {"bytes": 5}) is first
    clock.now = 60.5
    again = views.get("a", lambda: {"bytes": 5})
    assert again is not first
    assert views.bytes == 5


def test_rough_size_counts_a_frame_by_its_memory():
    frame = pd.DataFrame({"country": ["DE", "FR", "PL"], "value": [30.0, 20.0, 10.0]})
    inside = frame.memory_usage(index=True, deep=True).sum()
    assert rough_size({"table": frame}) >= inside
    assert rough_size([frame, frame]) - rough_size([frame, None]) < inside  # counted once


def _session_script():
    """One session: asks `cached.view` for a view of the Overview with France picked, built
    from what this session holds (its name, its uploaded frame if any)."""
    import pandas as pd
    import streamlit as st

    from components import cached
    from components.context import UPLOADS_KEY
    from kpop_explorer.datasets.loading import LoadedDataset
    from kpop_explorer.datasets.schemas import SCHEMAS
    from kpop_explorer.i18n import Translator
    from kpop_explorer.links.filters import FilterState

    class Ctx:
        state = FilterState(year_from=2025, year_to=2027, countries=("FR",))
        t = Translator("en")
        dark = False
        presenting = False
        as_of = pd.Timestamp("2026-10-31")
        today = pd.Timestamp("2026-12-01")

    who = st.query_params.get("who", "")
    rows = st.query_params.get("rows")
    if rows and UPLOADS_KEY not in st.session_state:
        frame = pd.DataFrame({"name": [f"event {i}" for i in range(int(rows))]})
        st.session_state[UPLOADS_KEY] = {
            "live_events": LoadedDataset(SCHEMAS["live_events"], frame, source_file="own.csv")
        }
    uploads = st.session_state.get(UPLOADS_KEY, {})
    held = len(uploads["live_events"].frame) if uploads else 20

    def build():
        return {"by": who, "events": held}

    model = cached.view("test-overview", Ctx(), {"colour": "standing"}, build)
    st.write(f"{model['by']}|{model['events']}")
    st.session_state["model_id"] = id(model)


def _session(who: str, rows: int | None = None) -> AppTest:
    at = AppTest.from_function(_session_script, default_timeout=30)
    at.query_params["who"] = who
    if rows is not None:
        at.query_params["rows"] = str(rows)
    at.run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> str:
    return at.markdown[0].value


@pytest.fixture
def fresh_views():
    from components import cached

    cached.shared_views().clear()
    yield
    cached.shared_views().clear()


def test_a_second_session_gets_the_first_sessions_view(fresh_views):
    first = _session("alice")
    second = _session("bob")
    assert _shown(first) == "alice|20"
    assert _shown(second) == "alice|20"  # computed once, by the first to ask
    assert second.session_state["model_id"] == first.session_state["model_id"]


def test_an_uploaded_view_never_reaches_another_session(fresh_views):
    uploader = _session("carol", rows=3)
    assert _shown(uploader) == "carol|3"
    viewer = _session("dave")  # same filters, same page, shipped data
    assert _shown(viewer) == "dave|20"
    twin = _session("erin", rows=3)  # the same content uploaded by someone else
    assert _shown(twin) == "erin|3"
    uploader.run()  # the uploader's next run hits its own view
    assert _shown(uploader) == "carol|3"
    again = _session("frank", rows=4)  # other content: its own view
    assert _shown(again) == "frank|4"
