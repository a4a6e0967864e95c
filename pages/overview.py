"""Overview: the whole portfolio at a glance."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from components import briefing, context, per_capita, projection_view, scorecard, url_widgets
from components.chart_panel import chart_panel
from components.facets import stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import aggregates, figures, filters, measures, panels, projection
from kpop_explorer.headlines import overview_headline
from kpop_explorer.panels import Panel, chart
from kpop_explorer.view_params import ViewParam

COLOUR = ViewParam("colour", ("activity", "standing"), default="activity")  # the map's colouring


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    initiatives, events, programs, metrics = context.require(
        ctx, "initiatives", "live_events", "education_programs", "digital_metrics"
    )

    st.title(t("page.overview.title"))
    briefing.offer(ctx, t("page.overview.title"))
    st.caption(t("page.overview.lede", as_of=t.date(ctx.as_of)))

    state = ctx.state
    data = {"initiatives": initiatives, "live_events": events, "education_programs": programs,
            "digital_metrics": metrics}  # fmt: skip
    selection = measures.select(data, state, ctx.as_of)

    if selection.frames["initiatives"].empty:
        rows_of = partial(filters.filter_initiatives, initiatives)
        stop_if_filtered_out(ctx, rows_of, "empty.what.initiatives")  # names the filter
        st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
        st.stop()

    by_country = measures.activity_by_country(selection)
    scorecard.remember(ctx, selection)
    # The map and the scorecard choose; what they pick narrows the whole page below the note, the
    # headline and KPI cards included, through the same measures as the sidebar's country filter.
    drawn = [*by_country["country"], *selection.summary("country")["country"]]  # either colouring
    picked = picked_ids("overview_map", drawn)
    focus = scorecard.focus(ctx, selection)
    focused = selection
    if focus is not None and focus.scope == "country":
        focused = measures.select(data, replace(state, countries=(focus.key,)), ctx.as_of)
        selection_note(
            ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard"
        )
    elif picked:
        focused = measures.select(data, replace(state, countries=tuple(picked)), ctx.as_of)
        selection_note(ctx, [t.country(c) for c in picked], "overview_map")
    if focus is not None and focus.scope == "initiative_id":
        focused = focused.of_initiatives([focus.key])
        selection_note(
            ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard"
        )

    focused_by_country = (
        by_country if focused is selection else measures.activity_by_country(focused)
    )
    headline(ctx, overview_headline(focused, focused_by_country, t))
    chosen_names = [focus.label] if focus is not None else [t.country(c) for c in picked]
    place = projection_view.place_name(ctx, chosen_names)
    view = (state, (focus.scope, focus.key) if focus is not None else None, tuple(picked))
    projection_view.render(ctx, focused, measures.SCORED, "streams", place, "overview", view)
    kpi_row(ctx, focused.results(measures.OVERVIEW_KPIS))

    ends = projection.selection_summary(focused, measures.SCORED) if focus is not None else None
    scorecard.render(ctx, selection, focus, ends)
    by_initiative = selection.summary("initiative_id")  # each initiative judged as a whole
    chosen = focused.frames["initiatives"]

    map_column, progress_column = st.columns([1.15, 1])
    with map_column:
        colour = url_widgets.widget(
            st.segmented_control, COLOUR, t("overview.map.colour"), COLOUR.allowed,
            format_func=t.keyed("overview.map.colour_{}"), required=True, key="overview_map_colour",
        )  # fmt: skip
        if colour == "standing":
            shown = panels.standing_map(selection.summary("country"), t, ctx.as_of, ctx.dark)
        else:
            scale = per_capita.switch(t, "overview_per_capita")
            shown = panels.activity_map(by_country, t, scale, ctx.dark)
        chart_panel(ctx, *shown, selectable=True)

    with progress_column:
        progress = measures.progress_by_focus(
            by_initiative[by_initiative["initiative_id"].isin(chosen["initiative_id"])], chosen
        )
        chart_panel(ctx, *panels.focus_progress(progress, t, ctx.as_of))

    table = aggregates.portfolio(chosen)
    drawn = aggregates.largest(table)
    capped = (
        t("overview.capped", n=len(drawn), total=t.number(len(table)))
        if len(drawn) < len(table)
        else ""
    )
    chart_panel(
        ctx,
        Panel(
            key="overview_portfolio",
            title=t("overview.portfolio.title"),
            subtitle=t("overview.portfolio.subtitle") + capped,
            table=table,
            alt=t(
                "overview.portfolio.alt",
                n=len(table),
                budget=t.money(measures.total("budget", chosen, ctx.as_of).value),
            ),
        ),
        chart(figures.portfolio_treemap, aggregates.portfolio_summary(table), t),
    )

    chart_panel(
        ctx,
        Panel(
            key="overview_timeline",
            title=t("overview.timeline.title"),
            subtitle=t("overview.timeline.subtitle") + capped,
            table=table,
            alt=t("overview.timeline.alt", n=len(drawn)),
        ),
        chart(figures.initiative_timeline, drawn, t, ctx.as_of),
    )


run_page(render)
