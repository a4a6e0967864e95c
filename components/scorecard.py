"""The scorecard: which countries and initiatives are ahead of plan, on track or behind.

One row per country or initiative, worst first, from `measures.scorecard_summary`; a click on a
row focuses the page on it and lists its measures against what was due.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cached, url_widgets
from components.chart_panel import (
    PAGE_ROWS,
    paged_dataframe,
    ready_made,
    source_line,
    table_downloads,
)
from components.context import PageContext, kept_for
from kpop_explorer import measures, theme
from kpop_explorer.measures import Selection
from kpop_explorer.tables import for_display
from kpop_explorer.view_params import ViewParam

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


def remember(ctx: PageContext, selection: Selection) -> None:
    """Judge every measure once per view: on the shipped data, once for every session; on
    uploads, once per session (a click on a row or on the map's colouring reruns the page with
    the same filters and data). `selection` must be the view of `ctx`'s filters."""
    if not ctx.uploaded_files:
        selection.adopt(cached.shipped_scorecards(ctx.state, ctx.as_of, SCOPES))
        return
    frames = tuple(d.frame for d in ctx.data.values())
    view = (ctx.state, ctx.as_of)
    selection.adopt(
        kept_for("_scorecards", view, frames, lambda: {s: selection.scorecard(s) for s in SCOPES})
    )


SCOPE = ViewParam("scorecard", SCOPES, default="country")  # `?scorecard=initiative_id`


def _state_key(scope: str) -> str:
    """The table's key; a generation in it clears the row picked (see `clear`)."""
    return f"scorecard_{scope}_{st.session_state.get('scorecard_generation', 0)}"


def clear() -> None:
    st.session_state["scorecard_generation"] = st.session_state.get("scorecard_generation", 0) + 1


def focus(ctx: PageContext, selection: Selection) -> Focus | None:
    """The row clicked, read before the page draws its KPIs (a table's selection is in the
    session when the rerun starts); None if none, or if the row is not in the table any more."""
    scope = url_widgets.declare(SCOPE, "scorecard_scope")
    state = st.session_state.get(_state_key(scope))
    rows = list(state["selection"]["rows"]) if state else []
    summary = selection.summary(scope)
    page = st.session_state.get(f"scorecard_{scope}_page") or 1
    position = (page - 1) * PAGE_ROWS + rows[0] if rows else -1
    if not 0 <= position < len(summary):
        return None
    picked = str(summary.iloc[position][scope])
    if scope == "country":
        return Focus(scope, picked, ctx.t.country(picked))
    label = _names(summary.iloc[[position]], scope, selection)[scope].iloc[0]
    return Focus(scope, picked, str(label))


def render(ctx: PageContext, selection: Selection, focused: Focus | None) -> None:
    """The scorecard section, with the measures of the row clicked (`focus`) below it."""
    t = ctx.t
    st.subheader(t("scorecard.title"))
    st.caption(
        t("scorecard.subtitle", as_of=t.date(ctx.as_of), band=t.percent(measures.ON_TRACK_BAND))
    )
    scope = url_widgets.widget(
        st.segmented_control, SCOPE, t("scorecard.scope"), SCOPES,
        format_func=t.keyed("scorecard.scope_{}"), required=True, key="scorecard_scope",
    )  # fmt: skip
    long = selection.scorecard(scope)
    summary = selection.summary(scope)
    if summary.empty:
        st.info(t("scorecard.empty"), icon=":material/filter_alt_off:")
        return
    shown = for_display(_names(summary, scope, selection), t)
    _table(
        ctx, shown, f"scorecard_{scope}_page", on_select="rerun",
        selection_mode="single-row", key=_state_key(scope),
    )  # fmt: skip
    title = t("scorecard.title")
    ctx.briefing.tables.append((title, ready_made(shown)))
    source_line(ctx, t("source.illustrative"), illustrative=True)
    with st.container(horizontal=True, horizontal_alignment="right"):
        table_downloads(ctx, title, ready_made(shown), f"scorecard_{scope}")
    if focused is None or focused.scope != scope:
        st.caption(t("scorecard.hint"))
        return
    detail = for_display(long[long[scope] == focused.key].drop(columns=[scope]), t)
    st.markdown(f"**{t('scorecard.detail', name=focused.label)}**")
    _table(ctx, detail, "scorecard_detail_page", key="scorecard_detail")
