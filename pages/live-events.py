"""Live events: festivals, concerts, showcases, virtual concerts and fan meetings."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import (
    cached,
    context,
    local,
    page_parts,
    projection_view,
    reality,
    share_menu,
)
from components.chart_panel import chart_panel, source_line, table_downloads, table_on_demand
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import picked_key, selection_note
from kpop_explorer.charts import panels
from kpop_explorer.formats.tables import for_display
from kpop_explorer.links import facets, filters
from kpop_explorer.views import page_views

TABLE_COLUMNS = list(panels.EVENT_COLUMNS)

FACETS = filters.PAGE_FACETS["live-events"]  # type, held or planned, city


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.live_events"))
    initiatives, events = context.require(ctx, "initiatives", "live_events")
    reference = ctx.frame("reference_live_events")
    unfaceted = filters.filter_events(events, initiatives, facets.without_facets(ctx.state, FACETS))
    choices = offered(ctx, unfaceted, FACETS)

    st.caption(t("page.live_events.lede", as_of=t.date(ctx.as_of)))
    stop_if_filtered_out(
        ctx, partial(filters.filter_events, events, initiatives), "empty.what.events"
    )

    type_column, state_column = st.columns([3, 2])
    control(ctx, choices, "event_types", type_column)
    control(ctx, choices, "event_statuses", state_column)
    city_column, _ = st.columns([3, 2])  # as wide as the event types above it
    control(ctx, choices, "cities", city_column)
    state = ctx.state
    stop_if_empty(ctx, unfaceted, FACETS)
    data = {"initiatives": initiatives, "live_events": events}
    # Computed once per view for every session (components/cached.view).
    base = cached.view(
        "live-events", ctx, {}, partial(page_views.live_base, data, state, ctx.as_of, t)
    )
    # Events (or places) picked on the map narrow the whole page, its cards and headline first.
    picked = tuple(picked_ids("live_map", base.ids))
    view = cached.view(
        "live-events/view",
        ctx,
        {"picked": picked},
        partial(page_views.live_events, base, t, ctx.as_of, picked=picked),
    )
    chosen = view.tables["chosen"]
    if picked:
        selection_note(ctx, chosen["name"].tolist(), "live_map")

    kpi_row(ctx, view.kpis)
    headline(ctx, view.headline)
    place = projection_view.place_name(ctx)
    projection_view.render(
        ctx, view.selection, ("events_held", "attendance"), "attendance", place, "live",
        (state, tuple(picked)),
    )  # fmt: skip

    map_column, audience_column = st.columns([1.1, 1])
    with map_column:  # its past-events switch is local; a pick on it narrows the whole page
        local.part(ctx, "live_map", partial(page_parts.live_map, ctx, base, reference),
                   narrowing=(picked_key("live_map"),))  # fmt: skip
    with audience_column:
        choice = {"picked": picked}
        local.part(ctx, "live_audience", partial(page_parts.live_audience, ctx, view.selection,
                                                 choice))  # fmt: skip
    chart_panel(ctx, *view.panels["calendar"])
    chart_panel(ctx, *view.panels["utilisation"])

    reality.live_events(ctx, chosen, reference)

    st.subheader(f"{t('live.table.title')} ({t.number(len(chosen))})")
    if chosen.empty:
        st.info(t("chart.no_data"), icon=":material/filter_alt_off:")
    else:
        table = partial(for_display, chosen[TABLE_COLUMNS].sort_values("start_date"), t)
        table_on_demand(ctx, t("live.table.list"), table, "live_table")  # a label that stays put,
        # or the expander would close when a filter changes the count
        ctx.briefing.tables.append((t("live.table.title"), table))
        source_line(ctx, t("source.illustrative"), illustrative=True)
        with st.container(horizontal=True, horizontal_alignment="right"):
            table_downloads(ctx, t("live.table.title"), table, "live_table")


run_page(render)
