"""Every cached loader of the app, in one module.

Frames are cached with `st.cache_resource`: one copy shared by all sessions and never mutated
(filters and aggregates always return new frames), so ten viewers cost one dataset in memory.
The cache key includes each file's modification time and size, so replacing a data file is
picked up on the next rerun without restarting the server.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kpop_explorer.loading import LoadedDataset, data_dir, files_signature, load_all


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(directory: str, signature: tuple) -> dict[str, LoadedDataset]:
    return load_all(Path(directory))


def datasets() -> dict[str, LoadedDataset]:
    directory = data_dir()
    return _load(str(directory), files_signature(directory))
