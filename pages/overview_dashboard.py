"""Overview: the whole portfolio at a glance."""

from __future__ import annotations

import streamlit as st

from components import briefing, context
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from components.selection import selected_ids, selection_note
from kpop_explorer import aggregates, figures, filters, theme
from kpop_explorer.headlines import overview_headline

ctx = context.current()
t = ctx.t
initiatives, events, programs, metrics = context.require(
    ctx, "initiatives", "live_events", "education_programs", "digital_metrics"
)

st.title(t("page.overview.title"))
briefing.offer(ctx, t("page.overview.title"))
st.caption(t("page.overview.lede", as_of=t.date(ctx.as_of)))

state = ctx.state
chosen = filters.filter_initiatives(initiatives, state)
chosen_events = filters.filter_events(events, initiatives, state)
chosen_programs = filters.filter_programs(programs, initiatives, state)
streams = filters.filter_metrics(metrics, initiatives, state, metric="streams")

if chosen.empty:
    st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
    st.stop()

kpis = aggregates.overview_kpis(chosen, chosen_events, chosen_programs, streams)
by_country = aggregates.activity_by_country(chosen_events, chosen_programs, chosen, state.countries)
headline(ctx, overview_headline(kpis, by_country, chosen, t))
kpi_row(ctx, kpis)

map_column, progress_column = st.columns([1.15, 1])
with map_column:
    map_selection = chart_panel(
        ctx,
        Panel(
            key="overview_map",
            title=t("overview.map.title"),
            subtitle=t("overview.map.subtitle"),
            table=by_country,
            alt=t("overview.map.alt", n=len(by_country),
                  top=t.country(by_country["country"].iloc[0]) if len(by_country) else "–"),
        ),
        chart(
            figures.country_choropleth,
            by_country, "activities", t, dark=ctx.dark, value_label=t("column.activities"),
            hover_columns=("events", "programs", "initiatives"),
        ),
        selectable=True,
    )  # fmt: skip
picked = selected_ids(map_selection)
if picked:
    selection_note(ctx, [t.country(c) for c in picked], "overview_map")
    chosen = filters.filter_initiatives(
        chosen, filters.FilterState(state.year_from, state.year_to, countries=tuple(picked))
    )

with progress_column:
    progress = aggregates.kpi_progress_by_focus(chosen, ctx.as_of)
    chart_panel(
        ctx,
        Panel(
            key="overview_progress",
            title=t("overview.progress.title"),
            subtitle=t("overview.progress.subtitle", as_of=t.date(ctx.as_of)),
            table=progress,
            alt=t("overview.progress.alt", n=len(progress)),
        ),
        chart(
            figures.progress_bars,
            progress, "focus_area", "focus", t, colors=theme.FOCUS_COLORS,
            axis_title=t("overview.progress.axis"),
        ),
    )  # fmt: skip

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
        alt=t("overview.portfolio.alt", n=len(table), budget=t.money(table["budget_eur"].sum())),
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
    chart(figures.initiative_timeline, drawn, t, ctx.today),
)
