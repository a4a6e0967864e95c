"""Every view widget is tied to the link where the page draws it (in the manner of OWID etl's
`url_persist`), so no setting that shapes a view can fall out of "Share this view".

`widget(st.toggle, ViewParam("past", flag=True, default=True), label, key="reference")` draws
the widget with its value from the link on the session's first visit of the link's page
(checked by `kpop_explorer.links.view_params`, the pure part), declares it for this page run,
and keeps the URL in step: `url_state.write` and the share link add every parameter declared in the
page's last full run, and a change made in a fragment (a panel's chart/table switch) writes its
own parameter at once. A parameter is declared only by the page that draws it, so it is only
ever written on that page. `declare` does the same for a state that is not a widget (the marks
picked on a chart).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kpop_explorer.links.view_params import ViewParam

LINK_KEY = "_view_link"  # the session's first link: the view parameters no page has read yet
_DECLARED_KEY = "_view_declared"  # {parameter: (ViewParam, session key)} of the page's last run
_PAGE_KEY = "_view_page"  # the page whose last full run declared them
IGNORED_KEY = "_url_ignored"  # shared with url_state: what a link carried that was not valid


def remember_link(params: Mapping[str, Sequence[str]]) -> None:
    """At a session's start (url_state.restore): the link, read as its page declares them."""
    st.session_state[LINK_KEY] = {k: list(v) for k, v in params.items()}


def begin_page(page_path: str) -> None:
    """Before each full run of a page: it declares its view parameters afresh."""
    st.session_state[_DECLARED_KEY] = {}
    st.session_state[_PAGE_KEY] = page_path


def holds_any(page_path: str, names: tuple[str, ...]) -> bool:
    """Whether one of the parameters `names` has a value on `page_path`, as its last full run
    declared them, or waits in the session's link for the page to read it. Another page's
    picks are not this page's: they come back only on their page."""
    if any(name in (st.session_state.get(LINK_KEY) or {}) for name in names):
        return True
    if st.session_state.get(_PAGE_KEY) != page_path:
        return False
    declared = st.session_state.get(_DECLARED_KEY, {})
    return any(
        spec.write(spec.kept(st.session_state.get(key)))
        for name, (spec, key) in declared.items()
        if name in names
    )


def declare(spec: ViewParam, key: str) -> object:
    """Ties `st.session_state[key]` to the parameter `spec.name`; returns its valid value.

    A link's value is taken once, by the first page that declares the parameter: the link's
    own page, which a session shows first (links only carry a page's own view parameters). A
    value no longer allowed (the data or the filters changed) falls back to what is still
    allowed, never to an error.
    """
    link = st.session_state.get(LINK_KEY) or {}
    if spec.name in link:
        value, ignored = spec.read(link.pop(spec.name))
        st.session_state[key] = value
        st.session_state.setdefault(IGNORED_KEY, []).extend(ignored)
    if key not in st.session_state:
        st.session_state[key] = spec.read([])[0]  # the default
    value = spec.kept(st.session_state[key])
    if value != st.session_state[key]:
        st.session_state[key] = value
    st.session_state.setdefault(_DECLARED_KEY, {})[spec.name] = (spec, key)
    _sync(spec, value)
    return value


def widget(draw: Callable, spec: ViewParam, *args, key: str, **kwargs):
    """`draw(*args, key=key, **kwargs)` with its value tied to the link (no `default`/`value`:
    the session holds it)."""
    declare(spec, key)
    return draw(*args, key=key, **kwargs)


def link_params() -> dict[str, list[str]]:
    """The view parameters of the page's last full run, as the session holds them now."""
    params = {}
    for spec, key in st.session_state.get(_DECLARED_KEY, {}).values():
        values = spec.write(spec.kept(st.session_state.get(key)))
        if values:
            params[spec.name] = values
    return params


def _sync(spec: ViewParam, value: object) -> None:
    """In a fragment's rerun, where `url_state.write` is not run, the URL follows at once (a
    full run rewrites it once, at its end)."""
    run = get_script_run_ctx()
    if run is None or not run.fragment_ids_this_run:
        return
    wanted = spec.write(value)
    if st.query_params.get_all(spec.name) == wanted:
        return
    if wanted:
        st.query_params[spec.name] = wanted
    else:
        del st.query_params[spec.name]
