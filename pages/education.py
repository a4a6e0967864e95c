"""Education: culture workshops, language learning, exchanges, exhibitions, hubs, mentorships."""

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
from components.chart_panel import chart_panel
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer.links import facets, filters
from kpop_explorer.views import page_views

FACETS = filters.PAGE_FACETS["education"]  # type, running or planned, audience, language


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.education"))
    initiatives, programs = context.require(ctx, "initiatives", "education_programs")
    reference = ctx.frame("reference_education")
    unfaceted = filters.filter_programs(
        programs, initiatives, facets.without_facets(ctx.state, FACETS)
    )
    choices = offered(ctx, unfaceted, FACETS)

    st.caption(t("page.education.lede", as_of=t.date(ctx.as_of)))
    rows_of = partial(filters.filter_programs, programs, initiatives)
    stop_if_filtered_out(ctx, rows_of, "empty.what.programs")

    type_column, state_column = st.columns([3, 2])
    control(ctx, choices, "program_types", type_column)
    control(ctx, choices, "program_statuses", state_column)
    audience_column, language_column = st.columns(2)
    control(ctx, choices, "audiences", audience_column)
    control(ctx, choices, "languages", language_column)
    state = ctx.state
    stop_if_empty(ctx, unfaceted, FACETS)
    data = {"initiatives": initiatives, "education_programs": programs}
    # Computed once per view for every session (components/cached.view).
    base = cached.view(
        "education", ctx, {}, partial(page_views.education_base, data, state, ctx.as_of)
    )
    # Programme types picked on that chart narrow the whole page, its cards and headline first.
    picked = tuple(picked_ids("education_types", base.ids))
    if picked:
        selection_note(ctx, [t.label("program_type", p) for p in picked], "education_types")
    view = cached.view(
        "education/view",
        ctx,
        {"picked": picked},
        partial(page_views.education, base, t, ctx.dark, picked=picked),
    )
    chosen = view.tables["chosen"]
    kpi_row(ctx, view.kpis)
    headline(ctx, view.headline)
    place = projection_view.place_name(ctx, [t.label("program_type", p) for p in picked])
    projection_view.render(
        ctx, view.selection, ("participants", "programs", "hubs"), "participants", place,
        "education", (state, tuple(picked)),
    )  # fmt: skip

    for pair in (("types", "quarters"), ("map", "satisfaction"), ("audience", "language")):
        widths = [1.1, 1] if pair[0] == "map" else 2
        for column, name in zip(st.columns(widths), pair, strict=True):
            with column:
                if name == "map":  # its cultural-centres switch is local
                    map_part = partial(page_parts.education_map, ctx, chosen, reference,
                                       {"picked": picked})  # fmt: skip
                    local.part(ctx, "education_map", map_part)
                else:
                    chart_panel(ctx, *view.panels[name], selectable=name == "types")

    reality.education(ctx, chosen, reference)


run_page(render)
