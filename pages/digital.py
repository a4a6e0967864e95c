"""Digital expansion: streams, listeners, virtual concerts, language apps and followers."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import briefing, context, per_capita, projection_view, reality, url_widgets
from components.chart_panel import chart_panel
from components.facets import control, offered, stop_if_empty, stop_if_filtered_out
from components.frame import run_page
from components.kpis import headline, kpi_row
from components.selection import picked as picked_ids
from components.selection import selection_note
from kpop_explorer import facets, figures, filters, measures, panels, projection
from kpop_explorer.filters import URL_KEYS
from kpop_explorer.headlines import digital_headline
from kpop_explorer.panels import Panel, chart
from kpop_explorer.view_params import ViewParam

FACETS = filters.PAGE_FACETS["digital"]
SPLIT = ViewParam("split", ("total", "country", "platform"), default="total")  # the trend's lines


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    initiatives, metrics = context.require(ctx, "initiatives", "digital_metrics")

    st.title(t("page.digital"))
    briefing.offer(ctx, t("page.digital"))
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
    metric_label = t.label("metric", metric)

    selection = measures.select(
        {"initiatives": initiatives, "digital_metrics": metrics}, state, ctx.as_of
    )
    everything = selection.frames["digital_metrics"]  # every metric, before a chart selection
    growth = measures.growth(metric, everything, "country")
    # Countries picked on the growth ranking narrow the whole page, its cards and headline first.
    picked = picked_ids("digital_growth", growth["country"])
    if picked:
        selection_note(ctx, [t.country(c) for c in picked], "digital_growth")
        selection = selection.narrowed(
            digital_metrics=everything[everything["country"].isin(picked)]
        )
    kpi_row(ctx, measures.digital_kpis(selection))
    headline(ctx, digital_headline(selection, metric, metric_label, t))
    place = projection_view.place_name(ctx, [t.country(c) for c in picked])
    present = set(selection.frames["digital_metrics"]["metric"].astype(str))
    projection_view.render(
        ctx, selection, [k for k in measures.DIGITAL if k in present], metric, place, "digital",
        (state, tuple(picked)),
    )  # fmt: skip

    left, right = st.columns(2)
    with left:
        chart_panel(ctx, *panels.digital_growth(growth, t, metric_label), selectable=True)

    with right:
        mix = selection.table(metric, "platform").sort_values("actual", kind="stable")
        chart_panel(
            ctx,
            Panel(
                key="digital_mix",
                title=t("digital.mix.title", metric=metric_label),
                subtitle=t("digital.mix.subtitle", metric=metric_label),
                table=mix,
                alt=t("digital.mix.alt", n=len(mix), metric=metric_label),
            ),
            chart(
                figures.ranking_bars,
                mix, "platform", "actual", t, vocabulary="platform", plan="due",
                axis_title=metric_label,
            ),
        )  # fmt: skip

    split = url_widgets.widget(
        st.segmented_control, SPLIT, t("digital.trend.split"), SPLIT.allowed,
        format_func=t.keyed("digital.trend.split_{}"), required=True, key="digital_split",
    )  # fmt: skip
    by = None if split == "total" else split
    series = measures.monthly(selection, metric, by)
    top_note = ""
    if by is not None:
        total_series = len(selection.table(metric, by))  # one row per country or platform
        if total_series > measures.TOP_SERIES:  # say that the lines drawn are not all there are
            top_note = t(f"digital.trend.top_{by}", n=measures.TOP_SERIES, total=total_series)
    projected = projection.monthly_lines(series, metric, by, ctx.as_of)
    chart_panel(ctx, *panels.digital_trend(series, t, metric_label, by, top_note, projected))

    left, right = st.columns(2)
    with left:
        by_month = selection.table("virtual_concert_viewers", "month").sort_values("month")
        viewers = selection.result("virtual_concert_viewers")
        chart_panel(
            ctx,
            Panel(
                key="digital_virtual",
                title=t("digital.virtual.title"),
                subtitle=t("digital.virtual.subtitle"),
                table=by_month,
                alt=t("digital.virtual.alt", total=t.number(viewers.value)),
            ),
            chart(
                figures.grouped_bars_over_time,
                by_month, "month", "actual", "target", t, stack_by=None, vocabulary=None,
                colors={}, y_title=t.label("metric", "virtual_concert_viewers"),
            ),
        )  # fmt: skip
    with right:
        scale = per_capita.switch(t, "digital_per_capita")
        counted = selection.table("app_downloads", "country").dropna(subset=["actual"])
        downloads = scale.apply(counted, ("actual", "due", "target"))
        chart_panel(
            ctx,
            Panel(
                key="digital_downloads",
                title=t("digital.downloads.title"),
                subtitle=t("digital.downloads.subtitle") + scale.subtitle_note,
                table=downloads,
                key_columns=("country", "actual"),
                alt=t("digital.downloads.alt", n=len(downloads),
                      total=t.number(selection.result("app_downloads").value)),
            ),
            chart(
                figures.country_choropleth,
                downloads, "actual", t, dark=ctx.dark,
                value_label=scale.label(t.label("metric", "app_downloads")),
                hover_columns=("due",), number_digits=scale.digits,
            ),
        )  # fmt: skip

    reality.digital(ctx, everything, ctx.frame("reference_hallyu"))


run_page(render)
