"""Every cached loader of the app, in one module: the datasets and the finished figures.

Frames are cached with `st.cache_resource`: one copy shared by all sessions and never mutated
(filters and aggregates always return new frames), so ten viewers cost one dataset in memory.
The cache key includes each file's modification time and size, so replacing a data file is
picked up on the next rerun without restarting the server.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kpop_explorer import history, projection
from kpop_explorer.contrast import outline_weak_marks
from kpop_explorer.figures import enlarge
from kpop_explorer.filters import FilterState
from kpop_explorer.loading import LoadedDataset, data_dir, files_signature, load_all
from kpop_explorer.measures import Selection

FIGURES_KEPT = 192  # 40-100 KB each in memory (measured): at most about 20 MB
SCORECARDS_KEPT = 64  # a view's two scorecards are 10-30 KB
PROJECTIONS_KEPT = 128  # a view's projections are a few KB


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(directory: str, signature: tuple) -> dict[str, LoadedDataset]:
    return load_all(Path(directory))


def datasets() -> dict[str, LoadedDataset]:
    directory = data_dir()
    return _load(str(directory), files_signature(directory))


@st.cache_resource(show_spinner=False, max_entries=SCORECARDS_KEPT)
def _shipped_scorecards(
    state: FilterState,
    as_of: pd.Timestamp,
    scopes: tuple[str, ...],
    signature: tuple,
    _selection: Selection,
) -> dict[str, pd.DataFrame]:
    return {scope: _selection.scorecard(scope) for scope in scopes}


def shipped_scorecards(
    state: FilterState, as_of: pd.Timestamp, scopes: tuple[str, ...], selection: Selection
) -> dict[str, pd.DataFrame]:
    """The scorecards of a view of the shipped data, shared by every session: judging every
    measure per country and per initiative costs several times the rest of a rerun. Keyed on
    the filters and the data files' signature; `selection` must be that view's."""
    directory = data_dir()
    return _shipped_scorecards(state, as_of, scopes, files_signature(directory), selection)


@st.cache_resource(show_spinner=False, max_entries=PROJECTIONS_KEPT)
def _shipped_projections(
    view: tuple, as_of: pd.Timestamp, keys: tuple[str, ...], signature: tuple, _selection: Selection
) -> dict:
    return projection.projections(_selection, keys)


def shipped_projections(
    view: tuple, as_of: pd.Timestamp, keys: tuple[str, ...], selection: Selection
) -> dict:
    """The projections of a view of the shipped data, shared by every session (each is a fit per
    measure). `view` must tell this view's selection from every other: the page, its filter
    state and what is picked on it."""
    return _shipped_projections(view, as_of, keys, files_signature(data_dir()), selection)


def content_fingerprint(data: pd.DataFrame | pd.Series) -> bytes:
    """A table's pickle, as its cache key: equal bytes can only come from equal content.

    Streamlit's own hashing of a small frame costs several times a pickle, and a page hashes
    every chart's tables each rerun (README, "Performance and load"). Only hashed here, never
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
    The figure is shared: it is only ever serialised, never changed after this returns.
    """
    built = outline_weak_marks(_build(*args, **kwargs), dark)
    if font_size:
        enlarge(built, font_size)
    return built


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
