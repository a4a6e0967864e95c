"""Education: culture workshops, language learning, exchanges, exhibitions, hubs, mentorships."""

from __future__ import annotations

import streamlit as st

from components import briefing, context
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from components.selection import selected_ids, selection_note
from kpop_explorer import aggregates, figures, filters, theme
from kpop_explorer.filters import URL_KEYS
from kpop_explorer.headlines import education_headline
from kpop_explorer.schemas import REFERENCE_EDUCATION

MAP_COLUMNS = [
    "program_id", "name", "program_type", "city", "country", "institution", "start_date",
    "end_date", "status", "participants_target", "participants_actual", "audience", "language",
    "satisfaction", "initiative_name",
]  # fmt: skip

ctx = context.current()
t = ctx.t
initiatives, programs = context.require(ctx, "initiatives", "education_programs")
reference = ctx.frame("reference_education")

st.title(t("page.education"))
briefing.offer(ctx, t("page.education"))
st.caption(t("page.education.lede", as_of=t.date(ctx.as_of)))

st.pills(
    t("facet.program_type"),
    ctx.options.program_types,
    selection_mode="multi",
    format_func=t.labels("program_type"),
    key=URL_KEYS["program_types"],
)
facets = st.columns(2)
facets[0].multiselect(
    t("facet.audience"),
    ctx.options.audiences,
    format_func=t.labels("audience"),
    key=URL_KEYS["audiences"],
    placeholder=t("facet.all_audiences"),
)
facets[1].multiselect(
    t("facet.language"),
    ctx.options.languages,
    format_func=t.labels("language"),
    key=URL_KEYS["languages"],
    placeholder=t("facet.all_languages"),
)
show_reference = st.toggle(
    t("education.reference_toggle"), value=reference is not None, key="reference_places",
    disabled=reference is None,
)  # fmt: skip
state = ctx.state
chosen = filters.filter_programs(programs, initiatives, state)

kpi_row(ctx, aggregates.education_kpis(chosen))
headline(ctx, education_headline(chosen, t))

left, right = st.columns(2)
with left:
    by_type = aggregates.target_vs_actual_by_type(chosen)
    type_selection = chart_panel(
        ctx,
        Panel(
            key="education_types",
            title=t("education.types.title"),
            subtitle=t("education.types.subtitle"),
            table=by_type,
            alt=t("education.types.alt", n=len(by_type)),
        ),
        chart(
            figures.ranking_bars,
            by_type, "program_type", "participants_actual", t, vocabulary="program_type",
            plan="participants_target", axis_title=t("column.participants"),
            color=theme.FOCUS_COLORS["education"],
        ),
        selectable=True,
    )  # fmt: skip
picked = selected_ids(type_selection)
if picked:
    chosen = chosen[chosen["program_type"].isin(picked)]

with right:
    quarterly = aggregates.participants_by_quarter(chosen)
    chart_panel(
        ctx,
        Panel(
            key="education_quarters",
            title=t("education.quarters.title"),
            subtitle=t("education.quarters.subtitle"),
            table=quarterly,
            alt=t("education.quarters.alt"),
        ),
        chart(
            figures.grouped_bars_over_time,
            quarterly, "quarter", "participants_actual", "participants_target", t,
            stack_by="program_type", vocabulary="program_type",
            colors=theme.PROGRAM_TYPE_COLORS, y_title=t("column.participants"),
        ),
    )  # fmt: skip
if picked:
    selection_note(ctx, [t.label("program_type", p) for p in picked], "education_types")

points = figures.program_points(chosen, t)
layers = [
    (t.label("program_type", code), points[points["program_type"] == code])
    for code in ctx.options.program_types
    if (points["program_type"] == code).any()
]
map_column, satisfaction_column = st.columns([1.1, 1])
with map_column:
    places = None
    if show_reference and reference is not None:
        places = figures.reference_place_points(reference, t)
        if state.countries:
            places = places[places["country"].isin(state.countries)]
    chart_panel(
        ctx,
        Panel(
            key="education_map",
            title=t("education.map.title"),
            subtitle=t("education.map.subtitle"),
            table=chosen[MAP_COLUMNS],
            alt=t("education.map.alt", n=len(chosen)),
            reference_note=None
            if places is None
            else t("education.reference_source", n=len(places), source=REFERENCE_EDUCATION.source),
        ),
        chart(
            figures.places_map,
            layers,
            t,
            dark=ctx.dark,
            reference=places,
            reference_name=t("education.reference_layer"),
        ),
    )
with satisfaction_column:
    satisfaction = aggregates.satisfaction_by_type(chosen)
    chart_panel(
        ctx,
        Panel(
            key="education_satisfaction",
            title=t("education.satisfaction.title"),
            subtitle=t("education.satisfaction.subtitle"),
            table=satisfaction,
            alt=t("education.satisfaction.alt", n=len(satisfaction)),
        ),
        chart(
            figures.ranking_bars,
            satisfaction, "program_type", "satisfaction", t, vocabulary="program_type",
            axis_title=t("education.satisfaction.axis"), color=theme.FOCUS_COLORS["education"],
            number_digits=1, axis_range=(1, 5),
        ),
    )  # fmt: skip

left, right = st.columns(2)
for column, (by, vocabulary) in zip(
    (left, right), (("audience", "audience"), ("language", "language")), strict=True
):
    with column:
        table = aggregates.breakdown(chosen, by)
        chart_panel(
            ctx,
            Panel(
                key=f"education_{by}",
                title=t(f"education.{by}.title"),
                subtitle=t("education.breakdown.subtitle"),
                table=table,
                alt=t(f"education.{by}.alt", n=len(table)),
            ),
            chart(
                figures.ranking_bars,
                table, by, "participants_actual", t, vocabulary=vocabulary,
                plan="participants_target", axis_title=t("column.participants"),
                color=theme.FOCUS_COLORS["education"],
            ),
        )  # fmt: skip
