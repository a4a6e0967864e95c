"""The page facets' shared behaviour: what each offers, and the note when a choice empties all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.context import PageContext
from kpop_explorer.links import facets
from kpop_explorer.links.filters import BY_NAME, PERIOD, PERIOD_KEY, PILLS, emptied_by


def offered(
    ctx: PageContext, rows: pd.DataFrame, names: tuple[str, ...], *, unnarrowing=()
) -> dict[str, tuple[str, ...]]:
    """Each facet's values given the others' choices; a single choice no longer offered moves
    to the first that is, before its widget is drawn."""
    choices = facets.page_options(rows, ctx.state, ctx.options, names, unnarrowing=unnarrowing)
    for name in names:
        if BY_NAME[name].single:
            key = BY_NAME[name].key
            st.session_state[key] = facets.single_choice(st.session_state[key], choices[name])
    return choices


def control(ctx: PageContext, choices: dict[str, tuple[str, ...]], name: str, where=st) -> None:
    """The widget of the page facet `name`, tied to its URL key, in `where` (a column), drawn
    as its registry entry says: pills for a short list of codes, a multiselect (with what an
    empty one means as its placeholder) for a long one, each value worded as `Filter.words`
    says (a city by its name in the viewer's language)."""
    t, spec = ctx.t, BY_NAME[name]
    label, words = t(spec.label), spec.words(t)
    if spec.widget == PILLS:
        where.pills(label, choices[name], selection_mode="multi", key=spec.key, format_func=words)
    else:
        where.multiselect(
            label, choices[name], key=spec.key, placeholder=t(spec.placeholder), format_func=words
        )


def stop_if_empty(ctx: PageContext, rows: pd.DataFrame, names: tuple[str, ...]) -> None:
    """When the facets' choices leave nothing, say which facet to clear and draw no empty
    charts. `rows` are the rows before the facets."""
    name = facets.empty_facet(rows, ctx.state, names)
    if name is not None:
        facet = ctx.t(BY_NAME[name].label)
        st.info(ctx.t("facet.empty", facet=facet), icon=":material/filter_alt_off:")
        st.button(
            ctx.t("facet.clear", facet=facet), on_click=clear, args=(name,),
            icon=":material/filter_alt_off:", key=f"clear_{name}",
        )  # fmt: skip
        st.stop()


def clear(name: str) -> None:
    """A facet back to no restriction: the one-click way out of an empty page."""
    st.session_state[BY_NAME[name].key] = []


def stop_if_filtered_out(ctx: PageContext, rows_of, what: str) -> None:
    """When the sidebar's filters leave this page nothing, name the filter that did it (not
    "nothing measured yet"), with a button that clears it, and draw no empty charts.
    `rows_of(state)` gives the page's rows for a state; `what` is the message key of its rows."""
    name = emptied_by(rows_of, facets.without_facets(ctx.state, tuple(facets.COLUMNS)), ctx.options)
    if name is None:
        return
    t = ctx.t
    label = t("filter.period") if name == PERIOD else t(BY_NAME[name].label)
    st.info(t("empty.filtered_out", what=t(what), filter=label), icon=":material/filter_alt_off:")
    st.button(
        t("facet.clear", facet=label), on_click=_clear_filter, args=(name, ctx.options),
        icon=":material/filter_alt_off:", key=f"clear_filter_{name}",
    )  # fmt: skip
    st.stop()


def _clear_filter(name: str, options) -> None:
    if name == PERIOD:
        st.session_state[PERIOD_KEY] = (options.year_min, options.year_max)
    else:
        st.session_state[BY_NAME[name].key] = []
