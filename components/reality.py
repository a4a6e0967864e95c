"""Reality checks: beside a plan's figures, the real benchmark they should be read against,
drawn in the reference style, with one computed sentence saying what the comparison shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cached
from components.chart_panel import chart_panel
from components.context import PageContext
from kpop_explorer import history, history_figures
from kpop_explorer.panels import Panel, chart
from kpop_explorer.schemas import REFERENCE_EDUCATION, REFERENCE_HALLYU, REFERENCE_LIVE_EVENTS
from kpop_explorer.text import plain

CITY_ROWS = 12  # cities drawn: the real record's leaders first, then the plan's busiest


def _panel(ctx: PageContext, key: str, table: pd.DataFrame, source: str, sentence: str) -> Panel:
    t = ctx.t
    return Panel(
        key=f"reality_{key}",
        title=t(f"reality.{key}.title"),
        subtitle=plain(sentence),
        table=table.assign(
            kind=table["kind"].map(
                {"plan": t("chart.plan"), "actual": t("chart.actual"), "real": t("chart.reference")}
            )
        )
        if "kind" in table
        else table,
        alt=plain(sentence),
        source=t("reality.source", source=source),
        illustrative=True,  # the plan half is illustrative; the real half names its sources
        links=tuple(history.source_urls(table["source_url"])),
    )


def festival_sentence(table: pd.DataFrame, t) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.festival.none")
    edition = plan.loc[plan["value"].idxmax()]
    largest = real.loc[real["value"].idxmax()]
    return t(
        "reality.festival.sentence", year=edition["label"], planned=t.number(edition["value"]),
        ratio=t.number(edition["value"] / largest["value"], 1), event=largest["label"],
        real=t.number(largest["value"]),
    )  # fmt: skip


def learner_sentence(table: pd.DataFrame, t) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.learners.none")
    top = plan.loc[plan["value"].idxmax()]
    same = real[real["country"] == top["country"]]
    largest = same.loc[same["value"].idxmax()]
    return t(
        "reality.learners.sentence", country=t.country(top["country"]),
        planned=t.number(top["value"]), count=largest["label"], real=t.number(largest["value"]),
        ratio=t.number(top["value"] / largest["value"]),
    )  # fmt: skip


def city_sentence(table: pd.DataFrame, t) -> str:
    planned = table[table["planned_events"] > 0]
    if planned.empty:
        return t("reality.cities.none")
    proven = len(planned[planned["real_events"] > 0])
    crowd = table.dropna(subset=["real_attendance"])
    text = t("reality.cities.sentence", proven=t.number(proven), n=t.number(len(planned)))
    if not crowd.empty:
        top = crowd.loc[crowd["real_attendance"].idxmax()]
        text += " " + t(
            "reality.cities.largest", city=t.city(top["city"], top["country"]),
            value=t.number(top["real_attendance"]), planned=t.number(top["planned_events"]),
        )  # fmt: skip
    return text


def followers_sentence(table: pd.DataFrame, t) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.followers.none")
    latest = real.iloc[-1]
    target = plan.iloc[0]
    return t(
        "reality.followers.sentence", month=target["label"], planned=t.number(target["value"]),
        share=t.percent(target["value"] / latest["value"]), real=t.number(latest["value"]),
        year=latest["label"],
    )  # fmt: skip


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
            plan_events, reference, real=cached.reference_half("festivals", reference)
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
