"""The scorecard: which countries and initiatives are ahead of plan, on track or behind.

One row per country or initiative, worst first, from `measures.scorecard_summary`; a click on a
row focuses the page on it and lists its measures against what was due.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cached
from components.chart_panel import paged_dataframe, ready_made, source_line, table_downloads
from components.context import PageContext
from kpop_explorer import measures, theme
from kpop_explorer.measures import Selection
from kpop_explorer.tables import for_display

SCOPES = ("country", "initiative_id")


@dataclass(frozen=True)
class Focus:
    """What a click on a scorecard row picked: a country code or an initiative id."""

    scope: str
    key: str
    label: str


def _names(table: pd.DataFrame, scope: str, selection: Selection) -> pd.DataFrame:
    """Initiatives by their name (codes are for links, not for reading)."""
    if scope != "initiative_id":
        return table
    names = selection.frames["initiatives"].set_index("initiative_id")["name"].astype(str)
    return table.assign(initiative_id=table["initiative_id"].map(names).fillna(table[scope]))


def standing_column(shown: pd.DataFrame, t) -> tuple[pd.DataFrame, dict]:
    """The standing as a coloured label: Streamlit draws a list cell as coloured pills."""
    title = t("column.standing")
    labels = [t.label("standing", code) for code in theme.STANDING_COLORS]
    shown = shown.assign(**{title: [[v] if isinstance(v, str) else [] for v in shown[title]]})
    config = st.column_config.MultiselectColumn(
        title, options=labels, color=list(theme.STANDING_COLORS.values())
    )
    return shown, {title: config}


def _table(ctx: PageContext, table: pd.DataFrame, page_key: str, **options):
    shown, config = standing_column(table, ctx.t)
    return paged_dataframe(shown, page_key, ctx.t, column_config=config, **options)


_CACHE_KEY = "_scorecards"


def remember(ctx: PageContext, selection: Selection) -> None:
    """Judge every measure once per view: on the shipped data, once for every session; on
    uploads, once per session (a click on a row or on the map's colouring reruns the page with
    the same filters and data)."""
    if not ctx.uploaded_files:
        selection.adopt(cached.shipped_scorecards(ctx.state, ctx.as_of, SCOPES, selection))
        return
    view = (ctx.state, ctx.as_of, tuple(id(d.frame) for d in ctx.data.values()))
    kept = st.session_state.get(_CACHE_KEY)
    if kept is not None and kept[0] == view:
        selection.adopt(kept[1])
    else:
        st.session_state[_CACHE_KEY] = (view, {s: selection.scorecard(s) for s in SCOPES})


def render(ctx: PageContext, selection: Selection) -> Focus | None:
    """The scorecard section; returns the row clicked, if any."""
    t = ctx.t
    st.subheader(t("scorecard.title"))
    st.caption(
        t("scorecard.subtitle", as_of=t.date(ctx.as_of), band=t.percent(measures.ON_TRACK_BAND))
    )
    scope = st.segmented_control(
        t("scorecard.scope"), SCOPES, format_func=t.keyed("scorecard.scope_{}"),
        default="country", required=True, key="scorecard_scope",
    )  # fmt: skip
    long = selection.scorecard(scope)
    summary = selection.summary(scope)
    if summary.empty:
        st.info(t("scorecard.empty"), icon=":material/filter_alt_off:")
        return None
    shown = for_display(_names(summary, scope, selection), t)
    state, first = _table(
        ctx, shown, f"scorecard_{scope}_page", on_select="rerun",
        selection_mode="single-row", key=f"scorecard_{scope}",
    )  # fmt: skip
    title = t("scorecard.title")
    ctx.briefing.tables.append((title, ready_made(shown)))
    source_line(ctx, t("source.illustrative"), illustrative=True)
    with st.container(horizontal=True, horizontal_alignment="right"):
        table_downloads(ctx, title, ready_made(shown), f"scorecard_{scope}")
    rows = state.selection.rows if state else []
    if not rows:
        st.caption(t("scorecard.hint"))
        return None
    picked = summary.iloc[first + rows[0]][scope]
    label = t.country(picked) if scope == "country" else str(shown.iloc[first + rows[0], 0])
    detail = for_display(long[long[scope] == picked].drop(columns=[scope]), t)
    st.markdown(f"**{t('scorecard.detail', name=label)}**")
    _table(ctx, detail, "scorecard_detail_page", key="scorecard_detail")
    return Focus(scope, picked, label)
