"""Presenter mode: the guided story, one view per step, in large type."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import context, history_view, presenter
from components.chart_panel import Panel, chart, chart_panel, source_line
from components.kpis import headline, kpi_row
from kpop_explorer import figures, filters, headlines, measures, theme
from kpop_explorer.story import StoryError, load_story
from kpop_explorer.text import plain


def _selection(ctx: context.PageContext, *names: str) -> measures.Selection:
    frames = dict(zip(names, context.require(ctx, *names), strict=True))
    return measures.select(frames, ctx.state, ctx.as_of)


def overview(ctx: context.PageContext) -> None:
    t = ctx.t
    selection = _selection(
        ctx, "initiatives", "live_events", "education_programs", "digital_metrics"
    )
    by_country = measures.activity_by_country(selection)
    headline(headlines.overview_headline(selection, by_country, t))
    kpi_row(ctx, selection.results(measures.OVERVIEW_KPIS))
    progress = measures.progress_by_focus(
        selection.summary("initiative_id"), selection.frames["initiatives"]
    )
    left, right = st.columns(2)
    with left:
        chart_panel(ctx, Panel("present_map", t("overview.map.title"), "", by_country,
                               t("overview.map.alt", n=len(by_country), top="–")),
                    chart(
                        figures.country_choropleth,
                        by_country, "activities", t, dark=ctx.dark,
                        value_label=t("column.activities")))  # fmt: skip
    with right:
        chart_panel(ctx, Panel("present_progress", t("overview.progress.title"), "", progress,
                               t("overview.progress.alt", n=len(progress))),
                    chart(
                        figures.progress_bars,
                        progress, "focus_area", "focus", t, colors=theme.FOCUS_COLORS,
                        axis_title=t("overview.progress.axis")))  # fmt: skip


def digital(ctx: context.PageContext) -> None:
    t, state = ctx.t, ctx.state
    selection = _selection(ctx, "initiatives", "digital_metrics")
    label = t.label("metric", state.metric)
    headline(headlines.digital_headline(selection, state.metric, label, t))
    kpi_row(ctx, measures.digital_kpis(selection))
    by = "country" if state.countries else None
    series = measures.monthly(selection, state.metric, by)
    growth = measures.growth(state.metric, selection.frames["digital_metrics"], "country")
    left, right = st.columns([1.4, 1])
    with left:
        chart_panel(ctx, Panel("present_trend", t("digital.trend.title", metric=label),
                               t("digital.trend.subtitle", metric=label), series,
                               t("digital.trend.alt", metric=label)),
                    chart(figures.plan_actual_lines, series, t, by=by, vocabulary="platform",
                          y_title=label))  # fmt: skip
    with right:
        chart_panel(ctx, Panel("present_growth", t("digital.growth.title", metric=label), "",
                               growth, t("digital.growth.alt", n=len(growth), metric=label)),
                    chart(figures.ranking_bars, growth, "country", "growth", t, percent=True,
                          axis_title=t("digital.growth.axis")))  # fmt: skip


def live_events(ctx: context.PageContext) -> None:
    t = ctx.t
    selection = _selection(ctx, "initiatives", "live_events")
    chosen = selection.frames["live_events"]
    headline(headlines.live_headline(selection, t))
    kpi_row(ctx, selection.results(measures.LIVE_KPIS))
    points = figures.event_points(chosen, t)
    layers = [(t.label("event_type", code), rows) for code, rows in points.groupby("event_type")]
    audience = measures.audience_by_country(selection)
    countries = selection.result("event_countries").value
    left, right = st.columns([1.1, 1])
    with left:
        chart_panel(ctx, Panel("present_events_map", t("live.map.title"), "",
                               chosen[["event_id", "name", "city", "country", "start_date"]],
                               t("live.map.alt", n=len(chosen), countries=t.number(countries))),
                    chart(figures.places_map, layers, t, dark=ctx.dark))  # fmt: skip
    with right:
        chart_panel(ctx, Panel("present_audience", t("live.audience.title"), "", audience,
                               t("live.audience.alt", n=len(audience))),
                    chart(figures.audience_bars, audience, t))  # fmt: skip


def education(ctx: context.PageContext) -> None:
    t = ctx.t
    selection = _selection(ctx, "initiatives", "education_programs")
    headline(headlines.education_headline(selection, t))
    kpi_row(ctx, selection.results(measures.EDUCATION_KPIS))
    by_type = measures.participants_by_type(selection)
    quarterly = measures.participants_by_quarter(selection)
    left, right = st.columns(2)
    with left:
        chart_panel(ctx, Panel("present_types", t("education.types.title"), "", by_type,
                               t("education.types.alt", n=len(by_type))),
                    chart(
                        figures.ranking_bars,
                        by_type, "program_type", "actual", t,
                        vocabulary="program_type", plan="due",
                        axis_title=t("column.participants"),
                        color=theme.FOCUS_COLORS["education"]))  # fmt: skip
    with right:
        chart_panel(ctx, Panel("present_quarters", t("education.quarters.title"), "", quarterly,
                               t("education.quarters.alt")),
                    chart(
                        figures.grouped_bars_over_time,
                        quarterly, "quarter", "participants_actual", "participants_target", t,
                        stack_by="program_type", vocabulary="program_type",
                        colors=theme.PROGRAM_TYPE_COLORS,
                        y_title=t("column.participants")))  # fmt: skip


def history(ctx: context.PageContext) -> None:
    (events,) = context.require(ctx, "reference_live_events")
    events = filters.filter_reference_events(events, ctx.state)
    history_view.headline(ctx, events)
    history_view.events_map(ctx, events)


VIEWS = {"overview": overview, "digital": digital, "live-events": live_events,
         "education": education, "history": history}  # fmt: skip

ctx = context.current()
t = ctx.t
try:
    story = load_story()
except StoryError as exc:
    st.error(t("present.story_error", reason=exc.text(t, escape=plain)))
    presenter.controls(t, 0, 1)
    st.stop()

step_number = presenter.step_index(len(story.steps))
step = story.steps[step_number]
state, ignored = step.state(ctx.options)
st.caption(plain(story.title(t.lang)))
st.title(plain(step.title(t.lang)))
if ignored:
    st.caption(t("present.ignored", n=len(ignored)))
presenter.controls(t, step_number, len(story.steps))
VIEWS[step.view](replace(ctx, state=state))
source_line(ctx, t("source.illustrative"), illustrative=True)  # the step's one source line
