"""Reality checks: beside a plan's figures, the real benchmark they should be read against,
drawn in the reference style, with one computed sentence saying what the comparison shows
(worded in kpop_explorer/views/reality.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cached
from components.chart_panel import chart_panel
from components.context import PageContext
from kpop_explorer.charts import history_figures
from kpop_explorer.charts.panels import Panel, chart
from kpop_explorer.datasets.schemas import (
    REFERENCE_EDUCATION,
    REFERENCE_HALLYU,
    REFERENCE_LIVE_EVENTS,
)
from kpop_explorer.measures import history
from kpop_explorer.views.reality import (
    city_sentence,
    festival_sentence,
    followers_sentence,
    learner_sentence,
)

CITY_ROWS = 12  # cities drawn: the real record's leaders first, then the plan's busiest


def _panel(ctx: PageContext, key: str, table: pd.DataFrame, source: str, sentence: str) -> Panel:
    t = ctx.t
    return Panel(
        key=f"reality_{key}",
        title=t(f"reality.{key}.title"),
        subtitle=sentence,  # plain text: escaped where Streamlit draws it
        table=table.assign(
            kind=table["kind"].map(
                {"plan": t("chart.plan"), "actual": t("chart.actual"), "real": t("chart.reference")}
            )
        )
        if "kind" in table
        else table,
        alt=sentence,
        source=t("reality.source", source=source),
        illustrative=True,  # the plan half is illustrative; the real half names its sources
        links=tuple(history.source_urls(table["source_url"])),
    )


def digital(ctx: PageContext, metrics: pd.DataFrame, hallyu: pd.DataFrame | None):
    """The plan's followers against the fan communities the Korea Foundation counts in Europe."""
    if hallyu is None:
        return
    t = ctx.t
    st.subheader(t("reality.heading"))
    table = history.followers_benchmark(metrics, hallyu, cached.reference_half("fans", hallyu))
    chart_panel(
        ctx,
        _panel(
            ctx, "followers", table, REFERENCE_HALLYU.source_in(t), followers_sentence(table, t)
        ),
        chart(
            history_figures.benchmark_bars,
            table,
            t,
            axis_title=t("reality.followers.axis"),
            chronological=True,
        ),  # the fan counts by year, 2016 to the latest
    )


def live_events(ctx: PageContext, plan_events: pd.DataFrame, reference: pd.DataFrame | None):
    """The festival editions against the largest real events; planned cities against the real
    record. Nothing when the reference could not be loaded (the Data page says why)."""
    if reference is None:
        return
    t = ctx.t
    st.subheader(t("reality.heading"))
    left, right = st.columns(2)
    with left:
        festival = history.festival_benchmark(
            plan_events, reference, real=cached.reference_half("festivals", reference), t=t
        )
        chart_panel(
            ctx,
            _panel(ctx, "festival", festival, REFERENCE_LIVE_EVENTS.source_in(t),
                   festival_sentence(festival, t)),
            chart(history_figures.benchmark_bars, festival, t,
                  axis_title=t("reality.festival.axis")),
        )  # fmt: skip
    with right:
        cities = history.city_benchmark(
            plan_events, reference, real=cached.reference_half("cities", reference)
        )
        shown = cities.head(CITY_ROWS)
        chart_panel(
            ctx,
            _panel(
                ctx, "cities", shown, REFERENCE_LIVE_EVENTS.source_in(t), city_sentence(cities, t)
            ),
            chart(history_figures.city_benchmark, shown, t),
        )


def education(ctx: PageContext, programs: pd.DataFrame, reference: pd.DataFrame | None):
    """Planned language learners against the real learner and applicant counts."""
    if reference is None:
        return
    t = ctx.t
    st.subheader(t("reality.heading"))
    table = history.learner_benchmark(
        programs, reference, real=cached.reference_half("learners", reference)
    )
    table["label"] = [
        t.country(label) if kind == "plan" else label
        for label, kind in zip(table["label"], table["kind"], strict=True)
    ]
    chart_panel(
        ctx,
        _panel(
            ctx, "learners", table, REFERENCE_EDUCATION.source_in(t), learner_sentence(table, t)
        ),
        chart(history_figures.benchmark_bars, table, t, axis_title=t("reality.learners.axis"),
              log=True),
    )  # fmt: skip
