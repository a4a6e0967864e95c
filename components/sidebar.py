"""The global filters, shared by every page and kept in the URL (see `url_state`)."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import scorecard, selection, url_state, url_widgets
from kpop_explorer.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from kpop_explorer.i18n.text import plain
from kpop_explorer.links.filters import FILTERS, PERIOD_KEY, Filter, FilterOptions, FilterState

SIDEBAR_FILTERS = tuple(f for f in FILTERS if f.is_sidebar)


def _draw(spec: Filter, options: FilterOptions, t: Translator) -> None:
    """A sidebar filter as the registry declares it: countries as the viewer's alphabet runs."""
    values = getattr(options, spec.options)
    if spec.vocabulary is None:
        values, words = sorted(values, key=t.country_sort_key), t.country
    else:
        words = t.labels(spec.vocabulary)
    st.multiselect(
        t(spec.label), values, format_func=words, key=spec.key, placeholder=t(spec.placeholder)
    )


LINK_PICKS = (selection.PARAM, scorecard.ROW_PARAM)  # what a link may pick on a page


def _reset(options: FilterOptions) -> None:
    """Every filter back to its default: the sidebar's, the page facets (platform, city...),
    and whatever a chart or the scorecard picked, which narrows the page as a filter does."""
    st.session_state.update(FilterState.default(options).widget_values())
    selection.clear_all(LINK_PICKS)
    if st.session_state.get(scorecard.ROW_KEY) is not None:
        scorecard.clear()
    st.session_state.get(url_widgets.LINK_KEY, {}).pop(scorecard.ROW_PARAM, None)


def _picking(page_path: str) -> bool:
    """Whether a chart or the scorecard of this page narrows it now."""
    return url_widgets.holds_any(page_path, LINK_PICKS)


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
    for spec in SIDEBAR_FILTERS[1:]:  # countries are named above, three at most
        parts += [t.label(spec.vocabulary, code) for code in getattr(state, spec.name)]
    return t("filter.summary", filters=" · ".join(parts)) if parts else t("filter.summary_none")


def finish(ignored: DeltaGenerator, t: Translator) -> None:
    """Once the page has run: what the link carried that the page found not valid, then what
    the app is, for a first visit."""
    values = st.session_state.get(url_state.IGNORED_KEY)
    if values:
        shown = ", ".join(f"{plain(k[:20])}={plain(v[:40])}" for k, v in values[:8])
        ignored.caption(t("filter.ignored", values=shown))
    with st.sidebar:
        st.caption(t("app.tagline"))


def render(options: FilterOptions, t: Translator, page_path: str) -> DeltaGenerator:
    """The language, then the filters; the place of the notice on the link's values is returned
    (`finish`). Sharing and exports sit beside the page's title (`share_menu`)."""
    with st.sidebar:
        st.selectbox(
            "Language · Langue · 언어",
            LANGUAGES,
            format_func=LANGUAGE_NAMES.get,
            key=url_state.LANG_KEY,
        )
        # The heading and Reset on one line, the tagline last: on a 900 px laptop screen the
        # filters and Reset start within the first screen.
        state = url_state.current(options)
        picking = _picking(page_path)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.header(t("filter.title"), width="content")
            st.space("stretch")
            st.button(
                t("filter.reset"),
                on_click=_reset,
                args=(options,),
                disabled=state.is_default(options) and not picking,
                icon=":material/filter_alt_off:",
                key="filter_reset",
            )
        for spec in SIDEBAR_FILTERS:
            if spec.name == "focus_areas":  # the period sits between countries and the rest
                st.slider(
                    t("filter.period"),
                    min_value=options.year_min,
                    max_value=options.year_max,
                    step=1,
                    key=PERIOD_KEY,
                )
            _draw(spec, options, t)
        line = summary(url_state.current(options), options, t)
        if picking:  # a pick on the page narrows it too: "no filter" would not be true
            none = line == t("filter.summary_none")
            line = (
                t("filter.summary_none_picked")
                if none
                else t("filter.summary_picked", summary=line)
            )
        st.caption(line)
        return st.empty()
