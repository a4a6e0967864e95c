"""Digital expansion: streams, listeners, virtual concerts, language apps and followers."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import cached, context, local, page_parts, projection_view, reality, share_menu
from components.chart_panel import chart_panel
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import measures
from kpop_explorer.links import facets, filters
from kpop_explorer.links.filters import URL_KEYS
from kpop_explorer.links.view_params import ViewParam
from kpop_explorer.views import page_views

FACETS = filters.PAGE_FACETS["digital"]
SPLIT = ViewParam("split", ("total", "country", "platform"), default="total")  # the trend's lines


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.digital"))
    initiatives, metrics = context.require(ctx, "initiatives", "digital_metrics")

    st.caption(t("page.digital.lede", as_of=t.date(ctx.as_of)))
    rows_of = partial(filters.filter_metrics, metrics, initiatives)
    stop_if_filtered_out(ctx, rows_of, "empty.what.digital")  # not "nothing measured yet"

    unfaceted = filters.filter_metrics(
        metrics, initiatives, facets.without_facets(ctx.state, FACETS)
    )
    choices = offered(ctx, unfaceted, FACETS, unnarrowing=("metric",))
    metric = st.segmented_control(
        t("facet.metric"),
        choices["metric"],
        format_func=t.labels("metric"),
        required=True,
        key=URL_KEYS["metric"],
    )
    control(ctx, choices, "platforms")
    state = ctx.state
    stop_if_empty(ctx, unfaceted, ("platforms",))

    data = {"initiatives": initiatives, "digital_metrics": metrics}
    # Computed once per view for every session (components/cached.view).
    base = cached.view(
        "digital",
        ctx,
        {"metric": metric},
        partial(page_views.digital_base, data, state, ctx.as_of, metric),
    )
    # Countries picked on the growth ranking narrow the whole page, its cards and headline first.
    picked = tuple(picked_ids("digital_growth", base.ids))
    if picked:
        selection_note(ctx, [t.country(c) for c in picked], "digital_growth")
    view = cached.view(
        "digital/view",
        ctx,
        {"metric": metric, "picked": picked},
        partial(page_views.digital, base, metric, t, ctx.dark, picked=picked),
    )
    kpi_row(ctx, view.kpis)
    headline(ctx, view.headline)
    place = projection_view.place_name(ctx, [t.country(c) for c in picked])
    present = set(view.selection.frames["digital_metrics"]["metric"].astype(str))
    projection_view.render(
        ctx, view.selection, [k for k in measures.DIGITAL if k in present], metric, place,
        "digital", (state, tuple(picked)),
    )  # fmt: skip

    left, right = st.columns(2)
    with left:
        chart_panel(ctx, *view.panels["growth"], selectable=True)
    with right:
        chart_panel(ctx, *view.panels["mix"])

    choice = {"metric": metric, "picked": picked}
    local.part(
        ctx,
        "digital_trend",
        partial(page_parts.digital_trend, ctx, view.selection, metric, choice, SPLIT),
    )

    left, right = st.columns(2)
    with left:
        chart_panel(ctx, *view.panels["virtual"])
    with right:
        local.part(
            ctx,
            "digital_downloads",
            partial(page_parts.digital_downloads, ctx, view.selection, choice),
        )

    reality.digital(ctx, view.tables["everything"], ctx.frame("reference_hallyu"))


run_page(render)
