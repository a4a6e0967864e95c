"""The page facets' shared behaviour: what each offers, and the note when a choice empties all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.context import PageContext
from kpop_explorer import facets
from kpop_explorer.filters import URL_KEYS


def offered(
    ctx: PageContext, rows: pd.DataFrame, names: tuple[str, ...], *, unnarrowing=()
) -> dict[str, tuple[str, ...]]:
    """Each facet's values given the others' choices; a single choice no longer offered moves
    to the first that is, before its widget is drawn."""
    choices = facets.page_options(rows, ctx.state, ctx.options, names, unnarrowing=unnarrowing)
    if "metric" in names:
        key = URL_KEYS["metric"]
        st.session_state[key] = facets.single_choice(st.session_state[key], choices["metric"])
    return choices


# How a facet is drawn: pills for a short list of codes, a multiselect (with what an empty one
# means as its placeholder) for a long one. A city is a place name, shown as written.
PILLS = ("platforms", "event_types", "program_types")
AS_WRITTEN = ("cities",)


def control(ctx: PageContext, choices: dict[str, tuple[str, ...]], name: str, where=st) -> None:
    """The widget of the page facet `name`, tied to its URL key, in `where` (a column)."""
    t = ctx.t
    column, key = facets.COLUMNS[name], URL_KEYS[name]
    labels = {} if name in AS_WRITTEN else {"format_func": t.labels(column)}
    label = t(f"facet.{column}")
    if name in PILLS:
        where.pills(label, choices[name], selection_mode="multi", key=key, **labels)
    else:
        where.multiselect(
            label, choices[name], key=key, placeholder=t(f"facet.all_{name}"), **labels
        )


def stop_if_empty(ctx: PageContext, rows: pd.DataFrame, names: tuple[str, ...]) -> None:
    """When the facets' choices leave nothing, say which facet to clear and draw no empty
    charts. `rows` are the rows before the facets."""
    name = facets.empty_facet(rows, ctx.state, names)
    if name is not None:
        facet = ctx.t(f"facet.{facets.COLUMNS[name]}")
        st.info(ctx.t("facet.empty", facet=facet), icon=":material/filter_alt_off:")
        st.stop()
