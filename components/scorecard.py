"""The scorecard: which countries and initiatives are ahead of plan, on track or behind.

One row per country or initiative, worst first, from `measures.scorecard_summary`; a click on a
row focuses the page on it and lists its measures against what was due.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from components import url_widgets
from components.chart_panel import (
    PAGE_ROWS,
    paged_dataframe,
    ready_made,
    source_line,
    table_downloads,
)
from components.context import PageContext
from kpop_explorer import measures
from kpop_explorer.charts import theme
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n.text import plain
from kpop_explorer.links.view_params import ViewParam
from kpop_explorer.measures import Selection

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


def standing_column(shown: pd.DataFrame, t, column: str = "standing") -> tuple[pd.DataFrame, dict]:
    """The standing as a coloured label: Streamlit draws a list cell as coloured pills."""
    title = t(f"column.{column}")
    labels = [t.label("standing", code) for code in theme.STANDING_COLORS]
    shown = shown.assign(**{title: [[v] if isinstance(v, str) else [] for v in shown[title]]})
    config = st.column_config.MultiselectColumn(
        title, options=labels, color=list(theme.STANDING_COLORS.values())
    )
    return shown, {title: config}


def _table(ctx: PageContext, table: pd.DataFrame, page_key: str, **options):
    shown, config = standing_column(table, ctx.t)
    return paged_dataframe(shown, page_key, ctx.t, column_config=config, **options)


SCOPE = ViewParam("scorecard", SCOPES, default="country")  # `?scorecard=initiative_id`
ROW_PARAM = "scorecard_row"  # the row picked: `?scorecard_row=NL`, `?scorecard_row=INI-003`
ROW_KEY = "scorecard_row"  # its session key: the one truth the table's selection follows


def _state_key(scope: str) -> str:
    """The table's key; a generation in it clears the row picked (see `clear`)."""
    return f"scorecard_{scope}_{st.session_state.get('scorecard_generation', 0)}"


def _page_key(scope: str) -> str:
    return f"scorecard_{scope}_page"


def clear() -> None:
    """No row picked: a fresh table (its key changes) and nothing in the link."""
    st.session_state["scorecard_generation"] = st.session_state.get("scorecard_generation", 0) + 1
    st.session_state[ROW_KEY] = None


def _clicked(scope: str, keys: tuple[str, ...]) -> None:
    """The table's selection callback: the row now selected (`keys` are the rows of the page
    shown, in order), or none when the viewer unselected it."""
    state = st.session_state.get(_state_key(scope))
    rows = list(state["selection"]["rows"]) if state else []
    st.session_state[ROW_KEY] = keys[rows[0]] if rows and rows[0] < len(keys) else None


def focus(ctx: PageContext, selection: Selection) -> Focus | None:
    """The row picked, read before the page draws its KPIs: from a click (the table's callback
    has run when the rerun starts) or from the link; None if none, or if the row is not in the
    table any more."""
    scope = url_widgets.declare(SCOPE, "scorecard_scope")
    summary = selection.summary(scope)
    keys = tuple(str(k) for k in summary[scope]) if not summary.empty else ()
    from_link = ROW_PARAM in (st.session_state.get(url_widgets.LINK_KEY) or {})
    picked = url_widgets.declare(ViewParam(ROW_PARAM, keys), ROW_KEY)
    if picked is None:
        return None
    if from_link:  # the table opens on the row's page, with the row selected
        position = keys.index(picked)
        st.session_state[_page_key(scope)] = position // PAGE_ROWS + 1
        st.session_state[_state_key(scope)] = {"selection": {"rows": [position % PAGE_ROWS]}}
    if scope == "country":
        return Focus(scope, picked, ctx.t.country(picked))
    label = _names(summary[summary[scope].astype(str) == picked], scope, selection)[scope]
    return Focus(scope, picked, str(label.iloc[0]))


def browser_shares(shown: pd.DataFrame, t) -> pd.DataFrame:
    """The scorecard's shares as the page's language writes them, as precisely as the standing
    beside them needs (79.8 % on a French page, never the browser's 79.76%)."""
    columns = {t(f"column.{c}") for c in ("attainment", "weakest_attainment")}
    return shown.assign(
        **{c: [attainment_text(v, t) for v in shown[c]] for c in columns if c in shown}
    )


def render(
    ctx: PageContext,
    selection: Selection,
    focused: Focus | None,
    projected: pd.DataFrame | None = None,
) -> None:
    """The scorecard section, with the measures of the row clicked (`focus`) below it, and where
    each lands at the end of its plan (`projected`: `projection.summary` of the row's own
    selection)."""
    t = ctx.t
    st.subheader(t("scorecard.title"))
    st.caption(
        t("scorecard.subtitle", as_of=t.date(ctx.as_of), band=t.percent(measures.ON_TRACK_BAND))
    )
    # A switch reruns the scorecard alone (it is a page's local part), unless a row was picked:
    # the row is of the other scope, so dropping it widens the page, which reruns whole.
    scope = url_widgets.widget(
        st.segmented_control, SCOPE, t("scorecard.scope"), SCOPES,
        format_func=t.keyed("scorecard.scope_{}"), required=True, key="scorecard_scope",
        on_change=clear,
    )  # fmt: skip
    long = selection.scorecard(scope)
    summary = selection.summary(scope)
    if summary.empty:
        st.info(t("scorecard.empty"), icon=":material/filter_alt_off:")
        return
    shown = for_display(_names(summary, scope, selection), t)
    page = st.session_state.get(_page_key(scope)) or 1
    first = (page - 1) * PAGE_ROWS
    keys = tuple(str(k) for k in summary[scope].iloc[first : first + PAGE_ROWS])
    _table(
        ctx, browser_shares(shown, t), _page_key(scope), on_select=partial(_clicked, scope, keys),
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
    rows = long[long[scope] == focused.key].drop(columns=[scope])
    if projected is not None and len(projected):
        ends = projected[["measure", "projected", "projected_attainment", "projected_standing"]]
        rows = rows.merge(ends, on="measure", how="left")
    detail = for_display(rows, t)
    st.markdown(f"**{t('scorecard.detail', name=plain(focused.label))}**")
    _table(ctx, browser_shares(detail, t), "scorecard_detail_page", key="scorecard_detail")
