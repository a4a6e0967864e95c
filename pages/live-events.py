"""Live events: festivals, concerts, showcases, virtual concerts and fan meetings."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import briefing, context, per_capita, projection_view, reality, url_widgets
from components.chart_panel import chart_panel, source_line, table_downloads, table_on_demand
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import facets, figures, filters, history, measures, panels, points
from kpop_explorer.headlines import live_headline
from kpop_explorer.panels import Panel, chart
from kpop_explorer.tables import for_display
from kpop_explorer.view_params import ViewParam

TABLE_COLUMNS = list(panels.EVENT_COLUMNS)

FACETS = filters.PAGE_FACETS["live-events"]  # type, held or planned, city


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    initiatives, events = context.require(ctx, "initiatives", "live_events")
    reference = ctx.frame("reference_live_events")
    unfaceted = filters.filter_events(events, initiatives, facets.without_facets(ctx.state, FACETS))
    choices = offered(ctx, unfaceted, FACETS)

    st.title(t("page.live_events"))
    briefing.offer(ctx, t("page.live_events"))
    st.caption(t("page.live_events.lede", as_of=t.date(ctx.as_of)))
    stop_if_filtered_out(
        ctx, partial(filters.filter_events, events, initiatives), "empty.what.events"
    )

    type_column, state_column = st.columns([3, 2])
    control(ctx, choices, "event_types", type_column)
    control(ctx, choices, "event_statuses", state_column)
    city_column, toggle_column = st.columns([3, 2], vertical_alignment="bottom")
    control(ctx, choices, "cities", city_column)
    show_reference = url_widgets.widget(
        toggle_column.toggle, ViewParam("past", flag=True, default=reference is not None),
        t("live.reference_toggle"), key="reference", disabled=reference is None,
        help=t("live.reference_help"),
    )  # fmt: skip
    state = ctx.state
    stop_if_empty(ctx, unfaceted, FACETS)
    selection = measures.select(
        {"initiatives": initiatives, "live_events": events}, state, ctx.as_of
    )
    everywhere = selection.frames["live_events"]  # what the map draws, whatever is picked on it
    marks = points.event_points(everywhere, t)
    # Events (or places) picked on the map narrow the whole page, its cards and headline first.
    picked = picked_ids("live_map", marks["id"])
    chosen, unpicked = everywhere, selection
    if picked:
        chosen = points.select_rows(everywhere, picked, "event_id", "event_type")
        selection_note(ctx, chosen["name"].tolist(), "live_map")
        selection = selection.narrowed(live_events=chosen)

    kpi_row(ctx, selection.results(measures.LIVE_KPIS))
    headline(ctx, live_headline(selection, t))
    place = projection_view.place_name(ctx)
    projection_view.render(
        ctx, selection, ("events_held", "attendance"), "attendance", place, "live",
        (state, tuple(picked)),
    )  # fmt: skip

    past = None
    if show_reference and reference is not None:
        held = history.held_events(filters.filter_reference_events(reference, state))
        past = points.reference_event_points(held, t)  # the History page's events, counted alike
    map_column, audience_column = st.columns([1.1, 1])
    with map_column:
        countries = unpicked.result("event_countries").value  # where the map's points are
        shown = panels.events_map(everywhere, marks, t, ctx.dark, countries, past)
        chart_panel(ctx, *shown, selectable=True)

    with audience_column:
        scale = per_capita.switch(t, "live_per_capita")
        chart_panel(ctx, *panels.audience(measures.audience_by_country(selection), t, scale))
    chart_panel(
        ctx,
        Panel(
            key="live_calendar",
            title=t("live.calendar.title"),
            subtitle=t("live.calendar.subtitle"),
            table=chosen[TABLE_COLUMNS],
            alt=t("live.calendar.alt", n=len(chosen)),
        ),
        chart(figures.events_calendar, points.calendar_points(chosen, t), t, ctx.as_of),
    )

    utilisation = measures.utilisation_by_city(selection)
    chart_panel(
        ctx,
        Panel(
            key="live_utilisation",
            title=t("live.utilisation.title"),
            subtitle=t("live.utilisation.subtitle"),
            table=utilisation,
            alt=t("live.utilisation.alt", n=len(utilisation)),
        ),
        chart(
            figures.ranking_bars,
            utilisation, "city", "utilisation", t, percent=True,
            axis_title=t("live.utilisation.axis"),
        ),
    )  # fmt: skip

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
