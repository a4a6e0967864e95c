"""Overview: the whole portfolio at a glance."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import briefing, context, per_capita, scorecard, url_widgets
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import aggregates, figures, measures, theme
from kpop_explorer.headlines import overview_headline
from kpop_explorer.view_params import ViewParam

COLOUR = ViewParam("colour", ("activity", "standing"), default="activity")  # the map's colouring

ctx = context.current()
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
    selection_note(ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard")
elif picked:
    focused = measures.select(data, replace(state, countries=tuple(picked)), ctx.as_of)
    selection_note(ctx, [t.country(c) for c in picked], "overview_map")
if focus is not None and focus.scope == "initiative_id":
    focused = focused.of_initiatives([focus.key])
    selection_note(ctx, [focus.label], "scorecard", scorecard.clear, "selection.active_scorecard")

headline(ctx, overview_headline(focused, measures.activity_by_country(focused), t))
kpi_row(ctx, focused.results(measures.OVERVIEW_KPIS))

scorecard.render(ctx, selection, focus)
by_initiative = selection.summary("initiative_id")  # each initiative judged as a whole
chosen = focused.frames["initiatives"]

map_column, progress_column = st.columns([1.15, 1])
with map_column:
    colour = url_widgets.widget(
        st.segmented_control, COLOUR, t("overview.map.colour"), COLOUR.allowed,
        format_func=t.keyed("overview.map.colour_{}"), required=True, key="overview_map_colour",
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
    chart_panel(ctx, panel, map_chart, selectable=True)

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
