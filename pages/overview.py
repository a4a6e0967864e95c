"""Overview: the whole portfolio at a glance."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import cached, context, local, page_parts, projection_view, scorecard, share_menu
from components.chart_panel import chart_panel
from components.facets import stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import picked_key, selection_note
from kpop_explorer import measures
from kpop_explorer.links import filters
from kpop_explorer.links.view_params import ViewParam
from kpop_explorer.measures import projection
from kpop_explorer.views import page_views

COLOUR = ViewParam("colour", ("activity", "standing"), default="activity")  # the map's colouring


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.overview.title"))
    initiatives, events, programs, metrics = context.require(
        ctx, "initiatives", "live_events", "education_programs", "digital_metrics"
    )

    st.caption(t("page.overview.lede", as_of=t.date(ctx.as_of)))

    state = ctx.state
    data = {"initiatives": initiatives, "live_events": events, "education_programs": programs,
            "digital_metrics": metrics}  # fmt: skip
    # Computed once per view for every session (components/cached.view): the selection and its
    # scorecards, then the headline, cards and panels for what is picked.
    base = cached.view(
        "overview", ctx, {}, partial(page_views.overview_base, data, state, ctx.as_of)
    )
    if base.empty:
        rows_of = partial(filters.filter_initiatives, initiatives)
        stop_if_filtered_out(ctx, rows_of, "empty.what.initiatives")  # names the filter
        st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
        st.stop()

    # The map and the scorecard choose; what they pick narrows the whole page below the note, the
    # headline and KPI cards included, through the same measures as the sidebar's country filter.
    picked = picked_ids("overview_map", base.ids)  # of either colouring
    focus = scorecard.focus(ctx, base.selection)
    countries, initiative = (), None
    if focus is not None and focus.scope == "country":
        countries = (focus.key,)
        selection_note(
            ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard"
        )
    elif picked:
        countries = tuple(picked)
        selection_note(ctx, [t.country(c) for c in picked], "overview_map")
    if focus is not None and focus.scope == "initiative_id":
        initiative = focus.key
        selection_note(
            ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard"
        )
    view = cached.view(
        "overview/view",
        ctx,
        {"countries": countries, "initiative": initiative},
        partial(page_views.overview, base, data, state, t, ctx.as_of, ctx.dark,
                countries=countries, initiative=initiative),
    )  # fmt: skip
    headline(ctx, view.headline)
    focused = view.selection
    chosen_names = [focus.label] if focus is not None else [t.country(c) for c in picked]
    place = projection_view.place_name(ctx, chosen_names)
    shown = (state, (focus.scope, focus.key) if focus is not None else None, tuple(picked))
    projection_view.render(ctx, focused, measures.SCORED, "streams", place, "overview", shown)
    kpi_row(ctx, view.kpis)

    ends = projection.selection_summary(focused, measures.SCORED) if focus is not None else None
    # Its scope is local; a row picked in it narrows the whole page.
    local.part(ctx, "scorecard", partial(scorecard.render, ctx, base.selection, focus, ends),
               narrowing=(scorecard.ROW_KEY,))  # fmt: skip

    map_column, progress_column = st.columns([1.15, 1])
    with map_column:
        local.part(
            ctx,
            "overview_map",
            partial(page_parts.overview_map, ctx, base, COLOUR),
            narrowing=(picked_key("overview_map"),),
        )
    with progress_column:
        chart_panel(ctx, *view.panels["progress"])
    chart_panel(ctx, *view.panels["portfolio"])
    chart_panel(ctx, *view.panels["timeline"])


run_page(render)
