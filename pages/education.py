"""Education: culture workshops, language learning, exchanges, exhibitions, hubs, mentorships."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import briefing, context, projection_view, reality, url_widgets
from components.chart_panel import chart_panel
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import codes, facets, figures, filters, measures, panels, points, theme
from kpop_explorer.headlines import education_headline
from kpop_explorer.panels import Panel, chart
from kpop_explorer.schemas import REFERENCE_EDUCATION
from kpop_explorer.view_params import ViewParam

MAP_COLUMNS = [  # what a map point stands for and its size first: they show in a half-width panel
    "name", "city", "participants_actual", "participants_target", "program_type", "country",
    "institution", "start_date", "end_date", "status", "audience", "language", "satisfaction",
    "initiative_name", "program_id",
]  # fmt: skip

FACETS = filters.PAGE_FACETS["education"]  # type, running or planned, audience, language


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    initiatives, programs = context.require(ctx, "initiatives", "education_programs")
    reference = ctx.frame("reference_education")
    unfaceted = filters.filter_programs(
        programs, initiatives, facets.without_facets(ctx.state, FACETS)
    )
    choices = offered(ctx, unfaceted, FACETS)

    st.title(t("page.education"))
    briefing.offer(ctx, t("page.education"))
    st.caption(t("page.education.lede", as_of=t.date(ctx.as_of)))
    rows_of = partial(filters.filter_programs, programs, initiatives)
    stop_if_filtered_out(ctx, rows_of, "empty.what.programs")

    type_column, state_column = st.columns([3, 2])
    control(ctx, choices, "program_types", type_column)
    control(ctx, choices, "program_statuses", state_column)
    audience_column, language_column = st.columns(2)
    control(ctx, choices, "audiences", audience_column)
    control(ctx, choices, "languages", language_column)
    show_reference = url_widgets.widget(
        st.toggle, ViewParam("places", flag=True, default=reference is not None),
        t("education.reference_toggle"), key="reference_places", disabled=reference is None,
    )  # fmt: skip
    state = ctx.state
    stop_if_empty(ctx, unfaceted, FACETS)
    selection = measures.select(
        {"initiatives": initiatives, "education_programs": programs}, state, ctx.as_of
    )
    chosen = selection.frames["education_programs"]
    by_type = measures.participants_by_type(selection)  # the chart that chooses: not narrowed
    # Programme types picked on that chart narrow the whole page, its cards and headline first.
    picked = picked_ids("education_types", by_type["program_type"])
    if picked:
        selection_note(ctx, [t.label("program_type", p) for p in picked], "education_types")
        chosen = chosen[chosen["program_type"].isin(picked)]
        selection = selection.narrowed(education_programs=chosen)

    kpi_row(ctx, selection.results(measures.EDUCATION_KPIS))
    headline(ctx, education_headline(selection, t))
    place = projection_view.place_name(ctx, [t.label("program_type", p) for p in picked])
    projection_view.render(
        ctx, selection, ("participants", "programs", "hubs"), "participants", place, "education",
        (state, tuple(picked)),
    )  # fmt: skip

    left, right = st.columns(2)
    with left:
        chart_panel(ctx, *panels.participants_by_type(by_type, t), selectable=True)
    with right:
        chart_panel(
            ctx, *panels.participants_by_quarter(measures.participants_by_quarter(selection), t)
        )
    marks = points.program_points(chosen, t)
    layers = panels.layers(marks, "program_type", codes.PROGRAM_TYPES, t)
    map_column, satisfaction_column = st.columns([1.1, 1])
    with map_column:
        places = None
        if show_reference and reference is not None:
            places = points.reference_place_points(reference, t)
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
                else t(
                    "education.reference_source", n=len(places), source=REFERENCE_EDUCATION.source
                ),
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
        satisfaction = measures.satisfaction_by_type(selection)
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
            table = measures.breakdown(selection, by)
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

    reality.education(ctx, chosen, reference)


run_page(render)
