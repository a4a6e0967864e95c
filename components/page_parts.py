"""The page-local parts of the chart pages: a control and the panel it shapes, each drawn by
`components.local.part` as a fragment, so that changing the control reruns the part alone.

They live here, not in the page files: a fragment keeps its function for the session, and a
function of a page file would keep that page's namespace alive after the viewer left the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from components import cached, per_capita, url_widgets
from components.chart_panel import chart_panel
from components.context import PageContext
from kpop_explorer.charts.panels import ChartPanel
from kpop_explorer.links.view_params import ViewParam
from kpop_explorer.measures import Selection
from kpop_explorer.views import page_views


def overview_map(ctx: PageContext, base: page_views.Base, colours: ViewParam) -> None:
    """The map with its colouring and per-capita switch: changing either reruns this alone."""
    t = ctx.t
    colour = url_widgets.widget(
        st.segmented_control, colours, t("overview.map.colour"), colours.allowed,
        format_func=t.keyed("overview.map.colour_{}"), required=True, key="overview_map_colour",
    )  # fmt: skip
    per_million = False
    if colour == "activity":
        per_million = per_capita.switch(t, "overview_per_capita").per_million
    shown = cached.view(
        "overview/map",
        ctx,
        {"colour": colour, "per_million": per_million},
        partial(page_views.overview_map, base, t, ctx.as_of, ctx.dark, colour, per_million),
    )
    chart_panel(ctx, *shown, selectable=True)


def digital_trend(
    ctx: PageContext, selection: Selection, metric: str, choice: dict, splits: ViewParam
) -> None:
    """The trend with its split: changing the split reruns this alone."""
    t = ctx.t
    split = url_widgets.widget(
        st.segmented_control, splits, t("digital.trend.split"), splits.allowed,
        format_func=t.keyed("digital.trend.split_{}"), required=True, key="digital_split",
    )  # fmt: skip
    shown = cached.view(
        "digital/trend",
        ctx,
        {**choice, "split": split},
        partial(page_views.digital_trend, selection, metric, t, split),
    )
    chart_panel(ctx, *shown)


def digital_downloads(ctx: PageContext, selection: Selection, choice: dict) -> None:
    """App downloads with their per-capita switch: switching reruns this alone."""
    build = partial(page_views.digital_downloads, selection, ctx.t, ctx.dark)
    _per_capita_panel(ctx, "digital/downloads", "digital_per_capita", choice, build)


def live_audience(ctx: PageContext, selection: Selection, choice: dict) -> None:
    """Live events' audience with its per-capita switch: switching reruns this alone."""
    build = partial(page_views.live_audience, selection, ctx.t)
    _per_capita_panel(ctx, "live-events/audience", "live_per_capita", choice, build)


def live_map(ctx: PageContext, base: page_views.Base, reference: pd.DataFrame | None) -> None:
    """The event map under its past-events switch: switching reruns this alone (a pick on the
    map narrows the page, which `local.part` reruns whole)."""
    t = ctx.t
    past = _reference_switch(
        reference, "past", t("live.reference_toggle"), "reference", help=t("live.reference_help")
    )
    shown = cached.view(
        "live-events/map",
        ctx,
        {"past": past},
        partial(page_views.live_map, base, ctx.state, t, ctx.dark, reference if past else None),
    )
    chart_panel(ctx, *shown, selectable=True)


def education_map(
    ctx: PageContext, chosen: pd.DataFrame, reference: pd.DataFrame | None, choice: dict
) -> None:
    """The programme map under its cultural-centres switch: switching reruns this alone."""
    t = ctx.t
    places = _reference_switch(
        reference, "places", t("education.reference_toggle"), "reference_places"
    )
    shown = cached.view(
        "education/map",
        ctx,
        {**choice, "places": places},
        partial(page_views.education_map, chosen, ctx.state, t, ctx.dark,
                reference if places else None),
    )  # fmt: skip
    chart_panel(ctx, *shown)


def _reference_switch(
    reference: pd.DataFrame | None, param: str, label: str, key: str, **kwargs
) -> bool:
    """A map's switch of its real-data layer, tied to the link parameter `param`: on by
    default, off and disabled when the reference data could not be loaded."""
    shown = url_widgets.widget(
        st.toggle, ViewParam(param, flag=True, default=reference is not None), label, key=key,
        disabled=reference is None, **kwargs,
    )  # fmt: skip
    return bool(shown and reference is not None)


def _per_capita_panel(
    ctx: PageContext, page: str, switch_key: str, choice: dict, build: Callable[[bool], ChartPanel]
) -> None:
    """A panel under its per-capita switch; `build(per_million)` computes its view."""
    per_million = per_capita.switch(ctx.t, switch_key).per_million
    shown = cached.view(page, ctx, {**choice, "per_million": per_million},
                        partial(build, per_million))  # fmt: skip
    chart_panel(ctx, *shown)
