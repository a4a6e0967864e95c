"""Keeps the filter widgets and the URL in step, through `FilterState`'s one URL mapping.

Streamlit's own `bind="query-params"` writes an option's displayed label into the URL, so a link
made in French would carry "Allemagne" and mean nothing in English. Links here carry codes
(ISO-2 countries, focus-area codes...) in every language: the URL is read once when a session
starts, checked against the allowed values, and rewritten after every run.
"""

from __future__ import annotations

import streamlit as st

from kpop_explorer import link_values, site
from kpop_explorer.filters import PAGE_FACETS, FilterOptions, FilterState
from kpop_explorer.i18n import LANGUAGES

LANG_KEY = "lang"
CARD_KEY = "initiative"  # the Initiatives page's open card: a page parameter, kept as is
PRESENT_KEY = "present"  # presenter mode, and the story step it shows (1-based in the URL)
STEP_KEY = "step"
PRESENT_PAGE = site.PRESENT.url_path
_RESTORED_KEY = "_url_restored"
IGNORED_KEY = "_url_ignored"


def restore(options: FilterOptions) -> None:
    """On a session's first run, set the widgets from the link and note what was not valid."""
    if _RESTORED_KEY in st.session_state:
        return
    st.session_state[_RESTORED_KEY] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    state, ignored = FilterState.from_query_params(params, options)
    st.session_state.update(state.widget_values())
    languages = params.get(LANG_KEY, [])
    valid = [lang for lang in languages if link_values.read_choice(lang, LANGUAGES)]
    st.session_state[LANG_KEY] = valid[-1] if valid else "en"
    ignored += [(LANG_KEY, lang) for lang in languages if lang not in valid]
    st.session_state[PRESENT_KEY] = link_values.read_flag(params.get(PRESENT_KEY, ["0"])[-1])
    step = params.get(STEP_KEY, ["1"])[-1]
    st.session_state[STEP_KEY] = (link_values.read_positive(step) or 1) - 1
    st.session_state[IGNORED_KEY] = ignored


def ensure_defaults(options: FilterOptions) -> None:
    """Widgets take their value from the session, so every key needs one before it is drawn."""
    st.session_state.setdefault(LANG_KEY, "en")
    st.session_state.setdefault(PRESENT_KEY, False)
    st.session_state.setdefault(STEP_KEY, 0)
    for key, value in FilterState.default(options).widget_values().items():
        st.session_state.setdefault(key, value)


def current(options: FilterOptions) -> FilterState:
    return FilterState.from_widget_values(st.session_state, options)


def write(options: FilterOptions, page_path: str) -> None:
    """Rewrite the URL to the view on screen: filters, this page's facets and the language."""
    if page_path == PRESENT_PAGE:
        params = {PRESENT_KEY: ["1"], STEP_KEY: [str(st.session_state.get(STEP_KEY, 0) + 1)]}
    else:
        params = current(options).to_query_params(options, facets=PAGE_FACETS.get(page_path, ()))
    if st.session_state.get(LANG_KEY, "en") != "en":
        params[LANG_KEY] = [st.session_state[LANG_KEY]]
    card = st.query_params.get(CARD_KEY)
    if page_path == "initiatives" and card:
        params[CARD_KEY] = [card]
    if params != {key: st.query_params.get_all(key) for key in st.query_params}:
        st.query_params.from_dict(params)
