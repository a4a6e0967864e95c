"""Where each measure lands at the end of its plan (`kpop_explorer.projection`): one sentence for
the page's main measure under its headline, the table of the measures the page judges, and, on
the Data page, the method with its backtest."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.chart_panel import paged_dataframe, ready_made, source_line, table_downloads
from components.context import PageContext
from components.scorecard import standing_column
from kpop_explorer import headlines, measures, projection
from kpop_explorer.measures import Selection
from kpop_explorer.tables import for_display
from kpop_explorer.text import plain


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
) -> None:
    """The main measure's sentence, and every measure of `keys` projected, behind an expander."""
    t = ctx.t
    keys = [k for k in keys if measures.CATALOGUE[k].dataset in selection.frames]
    table = projection.selection_summary(selection, tuple(keys))
    if table.empty:
        return
    if main in set(table["measure"]):
        st.markdown(plain(sentence(ctx, selection, main, place)))
    title = t("projection.title")
    shown = for_display(table, t)
    ctx.briefing.tables.append((title, ready_made(shown)))
    with st.expander(title, icon=":material/trending_up:", key=f"{page_key}_projection"):
        st.caption(t("projection.subtitle", as_of=t.date(ctx.as_of)))
        styled, config = standing_column(shown, t, "projected_standing")
        paged_dataframe(styled, f"{page_key}_projection_page", t, column_config=config)
        if not ctx.uploaded_files:
            st.caption(f":orange-badge[{t('chart.illustrative')}] {t('projection.illustrative')}")
        st.caption(t("projection.method", months=projection.MIN_POINTS, rows=projection.MIN_ROWS))
        source_line(ctx, t("source.illustrative"), illustrative=True)
        with st.container(horizontal=True, horizontal_alignment="right"):
            table_downloads(ctx, title, ready_made(shown), f"{page_key}_projection")


def backtest_sentence(ctx: PageContext, found) -> str:
    """The backtest in one sentence, from `projection.backtest`'s table."""
    t = ctx.t
    if found.empty:
        return t("projection.backtest.none")
    naive = projection.mean_absolute_error(found, "naive_error")
    return t(
        "projection.backtest.sentence",
        months=projection.HOLDOUT,
        as_of=t.date(ctx.as_of),
        error=t.percent(projection.mean_absolute_error(found)),
        n=len(found),
        naive=t.percent(naive) if naive is not None else "–",
        inside=int(found["inside"].sum()),
    )


def method_note(ctx: PageContext, selection: Selection) -> None:
    """The Data page's method note: how projections are made, and how they did on the past."""
    t = ctx.t
    st.subheader(t("projection.backtest.title"))
    st.caption(t("projection.method", months=projection.MIN_POINTS, rows=projection.MIN_ROWS))
    found = projection.backtest(selection)
    st.markdown(plain(backtest_sentence(ctx, found)))
    if not found.empty:
        paged_dataframe(for_display(found, t), "data_backtest_page", t)
