"""Where each measure lands at the end of its plan (`kpop_explorer.measures.projection`): one
sentence for the page's main measure under its headline, the table of the measures the page
judges, and, on the Data page, the method with its backtest."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components import cached
from components.chart_panel import paged_dataframe, ready_made, source_line, table_downloads
from components.context import PageContext
from components.scorecard import standing_column
from kpop_explorer import measures
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n.text import plain
from kpop_explorer.links.filters import FilterState
from kpop_explorer.measures import Selection, projection
from kpop_explorer.views import headlines


def place_name(ctx: PageContext, chosen: Sequence[str] = ()) -> str:
    """Who the sentence is about: the one country or initiative picked, else the selection."""
    if len(chosen) == 1:
        return chosen[0]
    if len(ctx.state.countries) == 1 and not chosen:
        return ctx.t.country(ctx.state.countries[0])
    return ctx.t("headline.projection.selection")


def sentence(ctx: PageContext, selection: Selection, key: str, place: str) -> str:
    found = projection.projection(selection, key)
    return headlines.projection_headline(found, ctx.t.label("kpi", key), place, ctx.t)


def render(
    ctx: PageContext,
    selection: Selection,
    keys: Sequence[str],
    main: str,
    place: str,
    page_key: str,
    view: tuple = (),
) -> None:
    """The main measure's sentence, and every measure of `keys` projected, behind an expander.
    `view` (the filter state and what is picked on the page) shares the shipped data's
    projections between sessions; without it they are worked out on each run."""
    t = ctx.t
    keys = [k for k in keys if measures.CATALOGUE[k].dataset in selection.frames]
    if view and not ctx.uploaded_files:
        shared = cached.shipped_projections((page_key, *view), ctx.as_of, tuple(keys), selection)
        projection.adopt(selection, shared)
    table = projection.selection_summary(selection, tuple(keys))
    if table.empty:
        return
    if main in set(table["measure"]):
        if ctx.uploaded_files:
            badge = f":violet-badge[{t('projection.badge_uploaded')}]"
        else:
            badge = f":orange-badge[{t('projection.badge')}]"
        st.markdown(f"{plain(sentence(ctx, selection, main, place))} {badge}")
    title = t("projection.title")
    shown = for_display(table, t)
    ctx.briefing.tables.append((title, ready_made(shown)))
    _table(ctx, shown, title, page_key)


@st.fragment
def _table(ctx: PageContext, shown: pd.DataFrame, title: str, page_key: str) -> None:
    """The table behind an expander, sent only once opened: the data grid's code would otherwise
    load beside Plotly.js on every first visit (as `chart_panel.table_on_demand`). A fragment:
    opening it reruns it alone."""
    t = ctx.t
    expander = st.expander(
        title, key=f"{page_key}_projection", on_change="rerun", icon=":material/trending_up:"
    )
    if not expander.open:
        return
    with expander:
        st.caption(t("projection.subtitle", as_of=t.date(ctx.as_of)))
        styled, config = standing_column(shown, t, "projected_standing")
        paged_dataframe(styled, f"{page_key}_projection_page", t, column_config=config)
        if not ctx.uploaded_files:
            st.caption(f":orange-badge[{t('chart.illustrative')}] {t('projection.illustrative')}")
        st.caption(t("projection.method", months=projection.MIN_POINTS, rows=projection.MIN_ROWS))
        source_line(ctx, t("source.illustrative"), illustrative=True)
        with st.container(horizontal=True, horizontal_alignment="right"):
            table_downloads(ctx, title, ready_made(shown), f"{page_key}_projection")


def backtest_sentence(ctx: PageContext, found: pd.DataFrame) -> str:
    """The backtest in one sentence, from `projection.backtest`'s table: the mean error over
    every measure tested, and the trend against a flat run rate on the measures both project."""
    t = ctx.t
    if found.empty:
        return t("projection.backtest.none")
    score = projection.scores(found)

    def share(value: float | None) -> str:
        return "–" if value is None else t.percent(value)

    return t(
        "projection.backtest.sentence",
        months=projection.HOLDOUT,
        as_of=t.date(ctx.as_of),
        error=share(score.error),
        n=score.measures,
        trend_n=score.trend_measures,
        trend=share(score.trend_error),
        naive=share(score.naive_error),
        inside=score.inside,
    )


_BACKTEST_KEY = "_projection_backtest"


def backtest(ctx: PageContext):
    """`projection.backtest` of all the data loaded, unfiltered: once per session and data."""
    names = ("initiatives", "live_events", "education_programs", "digital_metrics")
    frames = {name: ctx.frame(name) for name in names}
    identity = (ctx.as_of, tuple(id(frame) for frame in frames.values()))
    kept = st.session_state.get(_BACKTEST_KEY)
    if kept is None or kept[0] != identity:
        everything = FilterState.default(ctx.options)
        kept = (identity, projection.backtest(measures.select(frames, everything, ctx.as_of)))
        st.session_state[_BACKTEST_KEY] = kept
    return kept[1]


def method_note(ctx: PageContext) -> None:
    """The Data page's method note: how projections are made, and how they did on the past."""
    t = ctx.t
    st.subheader(t("projection.backtest.title"))
    st.caption(t("projection.method", months=projection.MIN_POINTS, rows=projection.MIN_ROWS))
    found = backtest(ctx)
    st.markdown(plain(backtest_sentence(ctx, found)))
    if not found.empty:
        paged_dataframe(for_display(found, t), "data_backtest_page", t)
