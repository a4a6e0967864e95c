"""What every page starts from: the words, the filter state, the data and the theme.

The sidebar's widgets keep their values in `st.session_state` under the URL parameter names, so a
page rebuilds the same `FilterState` the sidebar shows without any global variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd
import streamlit as st

from components import cached, url_state, url_widgets
from kpop_explorer.datasets.loading import LoadedDataset, left_out_message
from kpop_explorer.exports.briefing import Briefing
from kpop_explorer.formats.tables import failure_text
from kpop_explorer.i18n import LANGUAGES, Translator
from kpop_explorer.i18n.text import plain
from kpop_explorer.links import site
from kpop_explorer.links.filters import FilterOptions, FilterState, options_from_data
from kpop_explorer.measures import aggregates

T = TypeVar("T")
TOPOJSON_URL = "app/static/topojson/"  # relative, so it also works under a base URL path


@dataclass(frozen=True)
class PageContext:
    t: Translator
    state: FilterState
    options: FilterOptions
    data: dict[str, LoadedDataset]
    dark: bool
    as_of: pd.Timestamp
    today: pd.Timestamp
    presenting: bool = False
    page_path: str = ""  # the page's URL path; its facets shape the view
    briefing: Briefing = field(default_factory=Briefing)  # what the page showed, for exports

    @property
    def uploaded_files(self) -> list[str]:
        return [d.source_file for d in self.data.values() if d.source_file]

    def frame(self, name: str) -> pd.DataFrame | None:
        return self.data[name].frame


_PAGE_KEY = "_page_path"


def set_page(page_path: str) -> None:
    """Called by the frame before the page runs, so the page's context knows which it is."""
    st.session_state[_PAGE_KEY] = page_path
    url_widgets.begin_page(page_path)


UPLOADS_KEY = "uploaded_datasets"  # this session's own data: never shared with another session


def session_data() -> dict[str, LoadedDataset]:
    """The shipped datasets, with this session's uploads in place of the ones it replaced."""
    return {**cached.datasets(), **st.session_state.get(UPLOADS_KEY, {})}


def reset_to_shipped() -> None:
    st.session_state.pop(UPLOADS_KEY, None)


def uploaded_names() -> list[str]:
    return list(st.session_state.get(UPLOADS_KEY, {}))


def translator() -> Translator:
    lang = st.session_state.get(url_state.LANG_KEY, "en")
    return Translator(lang if lang in LANGUAGES else "en")


def kept_for(key: str, view: tuple, frames: tuple, make: Callable[[], T]) -> T:
    """`make()`, kept in this session while the view is equal and the frames are the very same
    objects (compared with `is`: an `id()` could be reused by a frame made after one is freed).
    The frames are kept with the value, so they stay alive as long as it does."""
    kept = st.session_state.get(key)
    if (
        kept is None
        or kept[0] != view
        or len(kept[1]) != len(frames)
        or any(a is not b for a, b in zip(kept[1], frames, strict=True))
    ):
        kept = (view, frames, make())
        st.session_state[key] = kept
    return kept[2]


def filter_options(data: dict[str, LoadedDataset]) -> FilterOptions:
    """The filters' allowed values, recomputed only when this session's datasets change."""
    frames = tuple(data[n].frame for n in ("initiatives", "live_events", "education_programs",
                                           "digital_metrics"))  # fmt: skip
    return kept_for("_filter_options", (), frames, lambda: options_from_data(*frames))


def current() -> PageContext:
    data = session_data()
    options = filter_options(data)
    theme = st.context.theme.type if st.context.theme else None
    return PageContext(
        t=translator(),
        state=url_state.current(options),
        options=options,
        data=data,
        dark=theme == "dark",
        as_of=aggregates.as_of(data["digital_metrics"].frame),
        today=pd.Timestamp.today().normalize(),
        presenting=bool(st.session_state.get(url_state.PRESENT_KEY)),
        page_path=st.session_state.get(_PAGE_KEY, ""),
    )


def require(ctx: PageContext, *names: str) -> list[pd.DataFrame]:
    """The frames a page needs; if one could not be loaded, say so and stop this page only."""
    broken = [ctx.data[n] for n in names if ctx.data[n].frame is None]
    for dataset in broken:
        title = ctx.t(f"schema.{dataset.schema.name}.title")
        reason = plain(failure_text(dataset.failure, ctx.t))
        if dataset.table is not None:  # read from the team's database (docs/database.md)
            from components.data_source import period

            source = cached.database_source()
            again = period(ctx.t, source.ttl if source else 600)
            st.error(ctx.t("error.dataset_unavailable_table", title=title, reason=reason,
                           table=plain(dataset.table), period=again))  # fmt: skip
        else:
            st.error(ctx.t("error.dataset_unavailable", title=title, file=dataset.schema.file,
                           reason=reason))  # fmt: skip
    if broken:
        st.info(ctx.t("error.other_pages_work"))
        st.stop()
    for name in names:
        left_out_notice(ctx, ctx.data[name])
    return [ctx.data[n].frame for n in names]


def left_out_notice(ctx: PageContext, dataset: LoadedDataset) -> None:
    """Rows of the dataset left out, said on every page that shows it, with the way to the Data
    page's report of which rows and why: nothing leaves the screen unsaid."""
    message = left_out_message(dataset)
    if message is None:
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.warning(message.text(ctx.t, plain), icon=":material/filter_alt_off:")
        st.page_link(site.page("data").script, label=ctx.t("data.left_out_link"),
                     icon=":material/table_view:")  # fmt: skip
