"""The global filters, shared by every page and kept in the URL (see `url_state`)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import url_state
from kpop_explorer.filters import URL_KEYS, FilterOptions, FilterState
from kpop_explorer.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from kpop_explorer.links import app_base, view_link
from kpop_explorer.text import plain


def _reset(options: FilterOptions) -> None:
    """Every filter back to its default: the sidebar's and the page facets (platform, city...)."""
    st.session_state.update(FilterState.default(options).widget_values())


def summary(state: FilterState, options: FilterOptions, t: Translator) -> str:
    """One line that says what is filtered, in words."""
    parts = []
    if state.countries:
        names = [t.country(c) for c in state.countries]
        parts.append(", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else ""))
    if (state.year_from, state.year_to) != (options.year_min, options.year_max):
        parts.append(
            str(state.year_from)
            if state.year_from == state.year_to
            else f"{state.year_from}–{state.year_to}"
        )
    parts += [t.label("focus", f) for f in state.focus_areas]
    parts += [t.label("status", s) for s in state.statuses]
    return t("filter.summary", filters=" · ".join(parts)) if parts else t("filter.summary_none")


@st.fragment
def _share(options: FilterOptions, t: Translator, page_path: str, page_paths: list[str]) -> None:
    """A link to exactly this view, ready to copy (the code block has a copy button): the same
    parameters as the URL, with the view settings the page declared as it ran. Opening it
    reruns it alone, so it also holds what a panel's own rerun changed (a table shown)."""
    base = app_base(st.context.url or "http://localhost:8501", tuple(page_paths))
    with st.popover(t("share.button"), icon=":material/link:", width="stretch",
                    key="share_open", on_change="rerun"):  # fmt: skip
        st.caption(t("share.help"))
        params = url_state.view_params(options, page_path)
        st.code(view_link(base, page_path, params), language=None, wrap_lines=True)


@dataclass
class Slots:
    """Places in the sidebar filled once the page has run: the share link holds the page's
    view settings, and the notice lists what the link carried that the page found not valid."""

    share: DeltaGenerator
    ignored: DeltaGenerator


def finish(
    slots: Slots, options: FilterOptions, t: Translator, page_path: str, page_paths: list[str]
) -> None:
    with slots.share.container():
        _share(options, t, page_path, page_paths)
    ignored = st.session_state.get(url_state.IGNORED_KEY)
    if ignored:
        values = ", ".join(f"{plain(k[:20])}={plain(v[:40])}" for k, v in ignored[:8])
        slots.ignored.caption(t("filter.ignored", values=values))
    with st.sidebar:  # last, below the page's exports: what the app is, for a first visit
        st.caption(t("app.tagline"))


def render(options: FilterOptions, t: Translator, page_path: str, page_paths: list[str]) -> Slots:
    with st.sidebar:
        st.selectbox(
            "Language · Langue · 언어",
            LANGUAGES,
            format_func=LANGUAGE_NAMES.get,
            key=url_state.LANG_KEY,
        )
        st.toggle(t("present.toggle"), key=url_state.PRESENT_KEY, help=t("present.help"))
        share = st.empty()
        # The heading and Reset on one line, the tagline last: on a 900 px laptop screen the
        # filters, Reset and the exports below them start within the first screen.
        state = url_state.current(options)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.header(t("filter.title"), width="content")
            st.space("stretch")
            st.button(
                t("filter.reset"),
                on_click=_reset,
                args=(options,),
                disabled=state.is_default(options),
                icon=":material/filter_alt_off:",
                key="filter_reset",
            )
        st.multiselect(
            t("filter.countries"),
            sorted(options.countries, key=t.country_sort_key),  # as the viewer's alphabet runs
            format_func=t.country,
            key=URL_KEYS["countries"],
            placeholder=t("filter.all_countries"),
        )
        st.slider(
            t("filter.period"),
            min_value=options.year_min,
            max_value=options.year_max,
            step=1,
            key=URL_KEYS["year_from"],
        )
        st.multiselect(
            t("filter.focus"),
            options.focus_areas,
            format_func=t.labels("focus"),
            key=URL_KEYS["focus_areas"],
            placeholder=t("filter.all_focus"),
        )
        st.multiselect(
            t("filter.status"),
            options.statuses,
            format_func=t.labels("status"),
            key=URL_KEYS["statuses"],
            placeholder=t("filter.all_statuses"),
        )
        st.caption(summary(url_state.current(options), options, t))
        return Slots(share, st.empty())
