"""The global filters, shared by every page and kept in the URL."""

from __future__ import annotations

import streamlit as st

from components.context import LANG_KEY, state_from_session, translator
from kpop_explorer.filters import URL_KEYS, FilterOptions, FilterState
from kpop_explorer.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from kpop_explorer.text import plain

_CHECKED_KEY = "_url_checked"
_IGNORED_KEY = "_url_ignored"


def note_ignored_url_values(options: FilterOptions) -> None:
    """On a session's first run, remember which values of the link were not valid options.

    Streamlit drops them from bound widgets silently; this keeps a list to tell the viewer.
    """
    if _CHECKED_KEY in st.session_state:
        return
    st.session_state[_CHECKED_KEY] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    _, ignored = FilterState.from_query_params(params, options)
    ignored += [(LANG_KEY, v) for v in params.get(LANG_KEY, []) if v not in LANGUAGES]
    st.session_state[_IGNORED_KEY] = ignored


def _reset(options: FilterOptions) -> None:
    default = FilterState.default(options)
    st.session_state[URL_KEYS["countries"]] = []
    st.session_state[URL_KEYS["year_from"]] = (default.year_from, default.year_to)
    st.session_state[URL_KEYS["focus_areas"]] = []
    st.session_state[URL_KEYS["statuses"]] = []


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


def language_selector() -> Translator:
    st.sidebar.selectbox(
        "Language · Langue · 언어",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        key=LANG_KEY,
        bind="query-params",
    )
    return translator()


def render(options: FilterOptions, t: Translator) -> FilterState:
    with st.sidebar:
        st.header(t("filter.title"))
        st.multiselect(
            t("filter.countries"),
            options.countries,
            format_func=t.country,
            key=URL_KEYS["countries"],
            bind="query-params",
            placeholder=t("filter.all_countries"),
        )
        st.slider(
            t("filter.period"),
            min_value=options.year_min,
            max_value=options.year_max,
            value=(options.year_min, options.year_max),
            step=1,
            key=URL_KEYS["year_from"],
            bind="query-params",
        )
        st.multiselect(
            t("filter.focus"),
            options.focus_areas,
            format_func=lambda code: t.label("focus", code),
            key=URL_KEYS["focus_areas"],
            bind="query-params",
            placeholder=t("filter.all_focus"),
        )
        st.multiselect(
            t("filter.status"),
            options.statuses,
            format_func=lambda code: t.label("status", code),
            key=URL_KEYS["statuses"],
            bind="query-params",
            placeholder=t("filter.all_statuses"),
        )
        state = state_from_session(options)
        st.caption(summary(state, options, t))
        st.button(
            t("filter.reset"),
            on_click=_reset,
            args=(options,),
            disabled=state.is_default(options),
            icon=":material/filter_alt_off:",
        )
        ignored = st.session_state.get(_IGNORED_KEY)
        if ignored:
            values = ", ".join(f"{key}={plain(value)[:40]}" for key, value in ignored[:8])
            st.caption(t("filter.ignored", values=values))
    return state
