"""Keeps the filter widgets and the URL in step, through `FilterState`'s one URL mapping.

Streamlit's own `bind="query-params"` writes an option's displayed label into the URL, so a link
made in French would carry "Allemagne" and mean nothing in English. Links here carry codes
(ISO-2 countries, focus-area codes...) in every language: the URL is read once when a session
starts, checked against the allowed values, and rewritten after every run.
"""

from __future__ import annotations

import streamlit as st

from components import url_widgets
from kpop_explorer.i18n import LANGUAGES
from kpop_explorer.links import links, site
from kpop_explorer.links.filters import PAGE_FACETS, FilterOptions, FilterState
from kpop_explorer.links.links import LANG_KEY, PRESENT_KEY, STEP_KEY

CARD_KEY = "initiative"  # the Initiatives page's open card: a page parameter, kept as is
PRESENT_PAGE = site.PRESENT.url_path
_RESTORED_KEY = "_url_restored"
IGNORED_KEY = url_widgets.IGNORED_KEY


def restore(options: FilterOptions) -> None:
    """On a session's first run, set the widgets from the link and note what was not valid."""
    if _RESTORED_KEY in st.session_state:
        return
    st.session_state[_RESTORED_KEY] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    url_widgets.remember_link(params)  # each page reads its view parameters where it draws them
    state, ignored = FilterState.from_query_params(params, options)
    st.session_state.update(state.widget_values())
    for key, read in (
        (LANG_KEY, lambda values: links.read_language(values, LANGUAGES)),
        (PRESENT_KEY, links.read_presenting),
        (STEP_KEY, links.read_step),
    ):
        st.session_state[key], wrong = read(params.get(key, []))
        ignored += [(key, value) for value in wrong]
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


def view_params(options: FilterOptions, page_path: str) -> dict[str, list[str]]:
    """The link of the view on screen: filters, this page's facets, the view settings its
    widgets declared (`url_widgets`) and the language."""
    if page_path == PRESENT_PAGE:
        params = links.presenter_params(st.session_state.get(STEP_KEY, 0))
    else:
        params = current(options).to_query_params(options, facets=PAGE_FACETS.get(page_path, ()))
        params |= url_widgets.link_params()
    params |= links.language_param(st.session_state.get(LANG_KEY, links.DEFAULT_LANGUAGE))
    return params


def write(options: FilterOptions, page_path: str) -> None:
    """Rewrite the URL to the view on screen (the whole query string, so other pages' view
    parameters go)."""
    params = view_params(options, page_path)
    card = st.query_params.get(CARD_KEY)
    if page_path == "initiatives" and card:
        params[CARD_KEY] = [card]
    if params != {key: st.query_params.get_all(key) for key in st.query_params}:
        st.query_params.from_dict(params)
