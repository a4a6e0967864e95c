"""What each kind of story step shows: its headline, KPIs and two charts, from the data alone.

Presenter mode draws these and the story deck writes them to slides, so a step on screen and its
slide come from one computation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kpop_explorer import aggregates, figures, filters, headlines, theme
from kpop_explorer.aggregates import Kpi
from kpop_explorer.filters import FilterState
from kpop_explorer.i18n import Translator


@dataclass(frozen=True)
class PanelSpec:
    key: str
    title: str
    subtitle: str
    table: pd.DataFrame  # exactly what the chart draws
    alt: str
    build: Callable[..., Any]
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StepView:
    headline: str
    kpis: list[Kpi]
    panels: tuple[PanelSpec, ...]  # the first is the step's main chart
    widths: tuple[float, ...] = (1, 1)


# The datasets each view needs, in the order its function takes them.
NEEDS = {
    "overview": ("initiatives", "live_events", "education_programs", "digital_metrics"),
    "digital": ("initiatives", "digital_metrics"),
    "live-events": ("initiatives", "live_events"),
    "education": ("initiatives", "education_programs"),
}


def overview(frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    initiatives, events, programs, metrics = frames
    chosen = filters.filter_initiatives(initiatives, state)
    chosen_events = filters.filter_events(events, initiatives, state)
    chosen_programs = filters.filter_programs(programs, initiatives, state)
    streams = filters.filter_metrics(metrics, initiatives, state, metric="streams")
    kpis = aggregates.overview_kpis(chosen, chosen_events, chosen_programs, streams)
    by_country = aggregates.activity_by_country(
        chosen_events, chosen_programs, chosen, state.countries
    )
    progress = aggregates.kpi_progress_by_focus(chosen, as_of)
    return StepView(
        headlines.overview_headline(kpis, by_country, chosen, t),
        kpis,
        (
            PanelSpec("present_map", t("overview.map.title"), "", by_country,
                      t("overview.map.alt", n=len(by_country), top="–"),
                      figures.country_choropleth, (by_country, "activities", t),
                      dict(dark=dark, value_label=t("column.activities"))),
            PanelSpec("present_progress", t("overview.progress.title"), "", progress,
                      t("overview.progress.alt", n=len(progress)),
                      figures.progress_bars, (progress, "focus_area", "focus", t),
                      dict(colors=theme.FOCUS_COLORS, axis_title=t("overview.progress.axis"))),
        ),
    )  # fmt: skip


def digital(frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    initiatives, metrics = frames
    everything = filters.filter_metrics(metrics, initiatives, state)
    chosen = everything[everything["metric"] == state.metric]
    label = t.label("metric", state.metric)
    by = "country" if state.countries else None
    series = aggregates.monthly(chosen, by)
    growth = aggregates.growth_by_country(chosen)
    return StepView(
        headlines.digital_headline(chosen, label, t),
        aggregates.digital_kpis(everything),
        (
            PanelSpec("present_trend", t("digital.trend.title", metric=label),
                      t("digital.trend.subtitle", metric=label), series,
                      t("digital.trend.alt", metric=label),
                      figures.plan_actual_lines, (series, t),
                      dict(by=by, vocabulary="platform", y_title=label)),
            PanelSpec("present_growth", t("digital.growth.title", metric=label), "", growth,
                      t("digital.growth.alt", n=len(growth), metric=label),
                      figures.ranking_bars, (growth, "country", "growth", t),
                      dict(percent=True, axis_title=t("digital.growth.axis"))),
        ),
        widths=(1.4, 1),
    )  # fmt: skip


def live_events(frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    initiatives, events = frames
    chosen = filters.filter_events(events, initiatives, state)
    points = figures.event_points(chosen, t)
    layers = [(t.label("event_type", code), rows) for code, rows in points.groupby("event_type")]
    audience = aggregates.audience_by_country(chosen)
    return StepView(
        headlines.live_headline(chosen, t),
        aggregates.live_kpis(chosen),
        (
            PanelSpec("present_events_map", t("live.map.title"), "",
                      chosen[["event_id", "name", "city", "country", "start_date"]],
                      t("live.map.alt", n=len(chosen), countries=chosen["country"].nunique()),
                      figures.places_map, (layers, t), dict(dark=dark)),
            PanelSpec("present_audience", t("live.audience.title"), "", audience,
                      t("live.audience.alt", n=len(audience)),
                      figures.audience_bars, (audience, t)),
        ),
        widths=(1.1, 1),
    )  # fmt: skip


def education(frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    initiatives, programs = frames
    chosen = filters.filter_programs(programs, initiatives, state)
    by_type = aggregates.target_vs_actual_by_type(chosen)
    quarterly = aggregates.participants_by_quarter(chosen)
    return StepView(
        headlines.education_headline(chosen, t),
        aggregates.education_kpis(chosen),
        (
            PanelSpec("present_types", t("education.types.title"), "", by_type,
                      t("education.types.alt", n=len(by_type)),
                      figures.ranking_bars,
                      (by_type, "program_type", "participants_actual", t),
                      dict(vocabulary="program_type", plan="participants_target",
                           axis_title=t("column.participants"),
                           color=theme.FOCUS_COLORS["education"])),
            PanelSpec("present_quarters", t("education.quarters.title"), "", quarterly,
                      t("education.quarters.alt"),
                      figures.grouped_bars_over_time,
                      (quarterly, "quarter", "participants_actual", "participants_target", t),
                      dict(stack_by="program_type", vocabulary="program_type",
                           colors=theme.PROGRAM_TYPE_COLORS,
                           y_title=t("column.participants"))),
        ),
    )  # fmt: skip


VIEWS = {"overview": overview, "digital": digital, "live-events": live_events,
         "education": education}  # fmt: skip
