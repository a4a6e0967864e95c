"""Every cached loader of the app, in one module: the datasets, the finished figures and each
page's computed view.

Frames are cached with `st.cache_resource`: one copy shared by all sessions and never mutated
(filters and aggregates always return new frames), so ten viewers cost one dataset in memory.
The cache key includes each file's modification time and size, so replacing a data file is
picked up on the next rerun without restarting the server. A database source
(`kpop_explorer/datasets/database.py`) is read through `st.connection` and kept by a
`Refresher`: read again after its time to live, and kept, marked stale, while the database is down.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import plotly_element
from kpop_explorer.charts.contrast import outline_weak_marks
from kpop_explorer.charts.figures import enlarge
from kpop_explorer.datasets import database
from kpop_explorer.datasets.loading import LoadedDataset, data_dir, files_signature, load_all
from kpop_explorer.measures import Selection, history, projection
from kpop_explorer.views.view_cache import ViewCache

if TYPE_CHECKING:
    from components.context import PageContext

FIGURES_KEPT = 192  # 40-100 KB each in memory (measured): at most about 20 MB
PROJECTIONS_KEPT = 128  # a view's projections are a few KB


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(directory: str, signature: tuple) -> dict[str, LoadedDataset]:
    return load_all(Path(directory))


def database_source() -> database.DatabaseSource | None:
    """The database in `[connections.kpop]` of the secrets or `$KPOP_DATABASE_URL`, if any."""
    section = None
    if st.secrets.load_if_toml_exists():  # False without a secrets file, never raises
        connections = st.secrets.get("connections")
        if connections is not None and hasattr(connections, "get"):
            found = connections.get(database.SECRETS_SECTION)
            section = found.to_dict() if hasattr(found, "to_dict") else found
    return database.source_from(section, os.environ)


READ_BOUND = 10  # a whole read (every table) is given up on after this many query timeouts


@st.cache_resource(show_spinner=False, max_entries=4)
def _refresher(source: database.DatabaseSource) -> database.Refresher:
    """One refresher per database, shared by every session; its engine from `st.connection`."""
    connection = st.connection(
        database.SECRETS_SECTION,
        type="sql",
        url=database.engine_url(source),
        **database.engine_options(source),
    )

    def load() -> dict[str, LoadedDataset]:
        engine = connection.engine
        database.prepare_engine(engine)
        return database.load_database(source, engine)

    return database.Refresher(
        load=load, ttl=source.ttl, retry_after=source.retry_after,
        timeout=source.timeout * READ_BOUND,
    )  # fmt: skip


def refresher() -> database.Refresher | None:
    """The database's refresher, or None when the data comes from the folder."""
    source = database_source()
    if source is None:
        return None
    try:
        return _refresher(source)
    except Exception:  # a URL that cannot be read: the pages say the data cannot be shown
        return None


_READ_KEY = "_database_read"  # the database's data this session's rerun uses, and when read


def datasets() -> dict[str, LoadedDataset]:
    source = database_source()
    if source is not None:
        try:
            read = _refresher(source).current_read()
        except Exception:  # e.g. a malformed URL: a message on the pages, never a traceback
            read = None
        st.session_state[_READ_KEY] = read
        return read[0] if read is not None else database.unavailable(source)
    directory = data_dir()
    return _load(str(directory), files_signature(directory))


@st.cache_resource(show_spinner=False, max_entries=PROJECTIONS_KEPT)
def _shipped_projections(
    view: tuple,
    as_of: pd.Timestamp,
    keys: tuple[str, ...],
    directory: str,
    signature: tuple,
    _selection: Selection,
) -> dict:
    return projection.projections(_selection, keys)


def shipped_projections(
    view: tuple, as_of: pd.Timestamp, keys: tuple[str, ...], selection: Selection
) -> dict:
    """The projections of a view of the data folder's files, shared by every session (each is a
    fit per measure); a database's data is projected on each run. `view` must tell this view's
    selection from every other: the page, its filter state and what is picked on it."""
    if database_source() is not None:
        return projection.projections(selection, keys)
    directory = data_dir()
    return _shipped_projections(
        view, as_of, keys, str(directory), files_signature(directory), selection
    )


def content_fingerprint(data: pd.DataFrame | pd.Series) -> bytes:
    """A table's pickle, as its cache key: equal bytes can only come from equal content.

    Streamlit's own hashing of a small frame costs several times a pickle, and a page hashes
    every chart's tables each rerun (docs/performance.md). Only hashed here, never
    unpickled.
    """
    try:
        return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):  # e.g. a function in `.attrs`
        names = list(data.columns) if isinstance(data, pd.DataFrame) else [data.name]
        rows = pd.util.hash_pandas_object(data, index=True).to_numpy().tobytes()
        return rows + repr((names, str(data.dtypes))).encode()


@st.cache_resource(
    show_spinner=False,
    max_entries=FIGURES_KEPT,
    hash_funcs={pd.DataFrame: content_fingerprint, pd.Series: content_fingerprint},
)
def figure(
    builder: str,
    args: tuple,
    kwargs: dict,
    *,
    dark: bool,
    font_size: int | None,
    _build: Callable[..., go.Figure],
) -> go.Figure:
    """A finished figure, shared by every session that asks for equal inputs.

    Building a Plotly figure costs far more than hashing the small, aggregated tables it draws
    (frames are keyed by content), so a view seen before, by anyone, skips the build.
    The figure is shared, so it is serialised here, once, and never changed after this returns
    (a change would not reach the browser: `plotly_element.frozen`).
    """
    built = outline_weak_marks(_build(*args, **kwargs), dark)
    if font_size:
        enlarge(built, font_size)
    return plotly_element.frozen(built)


REFERENCE_HALVES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "festivals": history.real_festivals,
    "learners": history.real_learners,
    "cities": history.real_cities,
    "fans": history.fan_series,
}


@st.cache_resource(
    show_spinner=False, max_entries=16, hash_funcs={pd.DataFrame: content_fingerprint}
)
def reference_half(name: str, reference: pd.DataFrame) -> pd.DataFrame:
    """The real half of a reality check (`REFERENCE_HALVES`), computed once per reference table.

    It depends on the reference alone, never on the filters, yet took a large share of a rerun
    (parsing notes and values row by row); the table is keyed by content, so an uploaded
    reference gets its own entry. Shared: callers only filter and concatenate it, never change it.
    """
    return REFERENCE_HALVES[name](reference)


# A page's computed view, shared by every session that asks for the same one
# (docs/performance.md). On the shipped data a page's base and view together estimate at
# 0.15-0.6 MB (measured: the filtered frames and their memoised tables), so the shared store's
# 64 MB hold a hundred or more views; at 100x a base is about a hundred times larger, and one
# larger than the whole store is served without being kept.
VIEWS_KEPT = 160
VIEW_BYTES = 64 * 2**20
VIEW_TTL_SECONDS = 30 * 60  # a data file replaced on disk changes the key; this frees the old
SESSION_VIEWS_KEPT = 6  # views of a session's own uploaded data, kept in that session alone
SESSION_VIEW_BYTES = 16 * 2**20
_SESSION_VIEWS_KEY = "_own_views"
_UPLOAD_PRINTS_KEY = "_upload_prints"

View = TypeVar("View")


@st.cache_resource(show_spinner=False)
def shared_views() -> ViewCache:
    """The one store of views of the shipped data, for every session of this server."""
    return ViewCache(VIEWS_KEPT, VIEW_BYTES, VIEW_TTL_SECONDS)


def session_views() -> ViewCache:
    """This session's own store, for views of its uploaded data: never seen by another session."""
    store = st.session_state.get(_SESSION_VIEWS_KEY)
    if store is None:
        store = st.session_state[_SESSION_VIEWS_KEY] = ViewCache(
            SESSION_VIEWS_KEPT, SESSION_VIEW_BYTES, VIEW_TTL_SECONDS
        )
    return store


def _digest(frame: pd.DataFrame | None) -> str:
    if frame is None:
        return "unreadable"
    return hashlib.blake2b(content_fingerprint(frame), digest_size=16).hexdigest()


def data_version(uploads: Mapping[str, LoadedDataset]) -> tuple:
    """What the data of a view is: the shipped files' signature (or the database and when this
    rerun's read of it was made), and each uploaded dataset's content (hashed once per upload:
    the session keeps the digest beside the frame)."""
    source = database_source()
    if source is not None:
        read = st.session_state.get(_READ_KEY)
        origin = ("database", source.where(), read[1] if read is not None else None)
    else:
        origin = ("shipped", files_signature(data_dir()))
    if not uploads:
        return origin
    prints = st.session_state.setdefault(_UPLOAD_PRINTS_KEY, {})
    version = []
    for name in sorted(uploads):
        frame = uploads[name].frame
        known = prints.get(name)
        if known is None or known[0] is not frame:
            known = prints[name] = (frame, _digest(frame))
        version.append((name, known[1]))
    return (*origin, "uploaded", tuple(version))


def _hashable(value: object) -> Hashable:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = tuple(_hashable(v) for v in value)
        return tuple(sorted(items, key=repr)) if isinstance(value, set | frozenset) else items
    return value


def view_key(page: str, ctx: PageContext, params: Mapping[str, object], uploads) -> tuple:
    """Everything a page's view depends on: the data's version, the filters, the page's own
    view parameters, the language, the theme, the dates and whether it is presented."""
    return (
        page,
        data_version(uploads),
        ctx.state,
        _hashable(params),
        ctx.t.lang,
        ctx.dark,
        ctx.presenting,
        ctx.as_of,
        ctx.today,
    )


def view(
    page: str, ctx: PageContext, params: Mapping[str, object], build: Callable[[], View]
) -> View:
    """The view `build()` computes for this page, filters, view parameters, language and theme:
    computed once and shared by every session that asks for it, or, when this session has
    uploaded data, kept in this session alone (keyed by the upload's content). Shared: callers
    draw it and never change it."""
    from components.context import UPLOADS_KEY  # context imports this module

    uploads = st.session_state.get(UPLOADS_KEY) or {}
    store = session_views() if uploads else shared_views()
    return store.get(view_key(page, ctx, params, uploads), build)
