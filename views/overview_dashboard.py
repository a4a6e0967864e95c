"""Overview: the whole portfolio at a glance."""

from __future__ import annotations

import streamlit as st

from components import briefing, context, per_capita, scorecard
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from components.selection import selected_ids, selection_note
from kpop_explorer import aggregates, figures, filters, measures, theme
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
selection = measures.select(
    {"initiatives": initiatives, "live_events": events, "education_programs": programs,
     "digital_metrics": metrics}, state, ctx.as_of,
)  # fmt: skip
chosen = selection.frames["initiatives"]

if chosen.empty:
    st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
    st.stop()

by_country = measures.activity_by_country(selection)
headline(ctx, overview_headline(selection, by_country, t))
kpi_row(ctx, selection.results(measures.OVERVIEW_KPIS))

scorecard.remember(ctx, selection)
focus = scorecard.render(ctx, selection)
by_initiative = selection.summary("initiative_id")

map_column, progress_column = st.columns([1.15, 1])
with map_column:
    colour = st.segmented_control(
        t("overview.map.colour"), ("activity", "standing"),
        format_func=t.keyed("overview.map.colour_{}"), default="activity", required=True,
        key="overview_map_colour",
    )  # fmt: skip
    if colour == "standing":
        by_standing = selection.summary("country")
        panel = Panel(
            key="overview_map", title=t("overview.map.standing_title"),
            subtitle=t("overview.map.standing_subtitle", as_of=t.date(ctx.as_of)),
            table=by_standing,
            alt=t("overview.map.standing_alt", n=len(by_standing),
                  behind=t.number(len(by_standing[by_standing["standing"] == "behind"]))),
        )  # fmt: skip
        map_chart = chart(
            figures.standing_choropleth, by_standing, t, dark=ctx.dark,
            value_label=t("column.attainment"),
        )  # fmt: skip
    else:
        scale = per_capita.switch(t, "overview_per_capita")
        shown = scale.apply(by_country, ("activities", "events", "programs", "initiatives"))
        panel = Panel(
            key="overview_map",
            title=t("overview.map.title"),
            subtitle=t("overview.map.subtitle") + scale.subtitle_note,
            table=shown,
            key_columns=("country", "activities"),
            alt=t("overview.map.alt", n=len(by_country),
                  top=t.country(by_country["country"].iloc[0]) if len(by_country) else "–"),
        )  # fmt: skip
        map_chart = chart(
            figures.country_choropleth,
            shown, "activities", t, dark=ctx.dark, value_label=scale.label(t("column.activities")),
            hover_columns=("events", "programs", "initiatives"), number_digits=scale.digits,
        )  # fmt: skip
    map_selection = chart_panel(ctx, panel, map_chart, selectable=True)
picked = selected_ids(map_selection)
if focus is not None and focus.scope == "country":
    picked = [focus.key]
if picked:
    if focus is None or focus.scope != "country":
        selection_note(ctx, [t.country(c) for c in picked], "overview_map")
    chosen = filters.filter_initiatives(
        chosen, filters.FilterState(state.year_from, state.year_to, countries=tuple(picked))
    )
if focus is not None and focus.scope == "initiative_id":
    chosen = chosen[chosen["initiative_id"] == focus.key]

with progress_column:
    progress = measures.progress_by_focus(
        by_initiative[by_initiative["initiative_id"].isin(chosen["initiative_id"])], chosen
    )
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
    chart(figures.initiative_timeline, drawn, t, ctx.today),
)
