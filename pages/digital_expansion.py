"""Digital expansion: streams, listeners, virtual concerts, language apps and followers."""

from __future__ import annotations

import streamlit as st

from components import briefing, context
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from components.selection import selected_ids, selection_note
from kpop_explorer import aggregates, figures, filters
from kpop_explorer.filters import URL_KEYS
from kpop_explorer.headlines import digital_headline

TOP_SERIES = 6  # lines beyond this stop being readable

ctx = context.current()
t = ctx.t
initiatives, metrics = context.require(ctx, "initiatives", "digital_metrics")

st.title(t("page.digital"))
briefing.offer(ctx, t("page.digital"))
st.caption(t("page.digital.lede", as_of=t.date(ctx.as_of)))

metric = st.segmented_control(
    t("facet.metric"),
    ctx.options.metrics,
    format_func=t.labels("metric"),
    required=True,
    key=URL_KEYS["metric"],
)
st.pills(
    t("facet.platform"),
    ctx.options.platforms,
    selection_mode="multi",
    format_func=t.labels("platform"),
    key=URL_KEYS["platforms"],
)
state = ctx.state
metric_label = t.label("metric", metric)

everything = filters.filter_metrics(metrics, initiatives, state)
kpi_row(ctx, aggregates.digital_kpis(everything))
chosen = everything[everything["metric"] == metric]
headline(ctx, digital_headline(chosen, metric_label, t))

growth = aggregates.growth_by_country(chosen)
left, right = st.columns(2)
with left:
    ranking = chart_panel(
        ctx,
        Panel(
            key="digital_growth",
            title=t("digital.growth.title", metric=metric_label),
            subtitle=t("digital.growth.subtitle"),
            table=growth,
            alt=t("digital.growth.alt", n=len(growth), metric=metric_label),
        ),
        chart(
            figures.ranking_bars,
            growth,
            "country",
            "growth",
            t,
            axis_title=t("digital.growth.axis"),
            percent=True,
        ),
        selectable=True,
    )
picked = selected_ids(ranking)
if picked:
    chosen = chosen[chosen["country"].isin(picked)]

with right:
    mix = aggregates.attainment_by(chosen, "platform")
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
            mix, "platform", "actual", t, vocabulary="platform", plan="target",
            axis_title=metric_label,
        ),
    )  # fmt: skip

if picked:
    selection_note(ctx, [t.country(c) for c in picked], "digital_growth")

split = st.segmented_control(
    t("digital.trend.split"),
    ["total", "country", "platform"],
    format_func=t.keyed("digital.trend.split_{}"),
    default="total",
    required=True,
    key="digital_split",
)
by = None if split == "total" else split
series = aggregates.monthly(chosen, by)
if by is not None:
    series = series[series[by].isin(aggregates.top_categories(series, by, "target", TOP_SERIES))]
chart_panel(
    ctx,
    Panel(
        key="digital_trend",
        title=t("digital.trend.title", metric=metric_label),
        subtitle=t("digital.trend.subtitle", metric=metric_label),
        table=series,
        alt=t("digital.trend.alt", metric=metric_label),
    ),
    chart(figures.plan_actual_lines, series, t, by=by, vocabulary="platform", y_title=metric_label),
)

left, right = st.columns(2)
with left:
    viewers = filters.filter_metrics(metrics, initiatives, state, metric="virtual_concert_viewers")
    by_month = aggregates.monthly(viewers)
    chart_panel(
        ctx,
        Panel(
            key="digital_virtual",
            title=t("digital.virtual.title"),
            subtitle=t("digital.virtual.subtitle"),
            table=by_month,
            alt=t("digital.virtual.alt", total=t.number(by_month["actual"].sum())),
        ),
        chart(
            figures.grouped_bars_over_time,
            by_month, "month", "actual", "target", t, stack_by=None, vocabulary=None,
            colors={}, y_title=t.label("metric", "virtual_concert_viewers"),
        ),
    )  # fmt: skip
with right:
    downloads = aggregates.totals_by_country(
        filters.filter_metrics(metrics, initiatives, state, metric="app_downloads")
    )
    chart_panel(
        ctx,
        Panel(
            key="digital_downloads",
            title=t("digital.downloads.title"),
            subtitle=t("digital.downloads.subtitle"),
            table=downloads,
            alt=t("digital.downloads.alt", n=len(downloads),
                  total=t.number(downloads["actual"].sum())),
        ),
        chart(
            figures.country_choropleth,
            downloads, "actual", t, dark=ctx.dark, value_label=t.label("metric", "app_downloads"),
            hover_columns=("target",),
        ),
    )  # fmt: skip
