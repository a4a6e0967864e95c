"""What each kind of story step shows: its headline, KPIs and charts, from the data alone.

Presenter mode draws these and the story deck writes them to slides, so a step on screen and its
slide come from one computation; every number in it comes from the `measures` catalogue, as on
the explorer's own pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kpop_explorer import (
    figures,
    filters,
    headlines,
    history,
    history_figures,
    measures,
    points,
    theme,
)
from kpop_explorer.filters import FilterState
from kpop_explorer.i18n import Translator
from kpop_explorer.measures import Result
from kpop_explorer.schemas import REFERENCE_LIVE_EVENTS


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
    kpis: list[Result] | None  # None: a step without KPI cards (the real history)
    panels: tuple[PanelSpec, ...]  # the first is the step's main chart
    widths: tuple[float, ...] = (1, 1)
    source: str | None = None  # None: the illustrative plan's source line
    illustrative: bool = True


# The datasets each view needs.
NEEDS = {
    "overview": ("initiatives", "live_events", "education_programs", "digital_metrics"),
    "digital": ("initiatives", "digital_metrics"),
    "live-events": ("initiatives", "live_events"),
    "education": ("initiatives", "education_programs"),
    "history": ("reference_live_events",),
}

Frames = dict[str, pd.DataFrame]
# What the history map draws of each event: a table of these reads on a slide, where the history
# page's full table (notes, caveats, links) would not.
HISTORY_MAP_COLUMNS = ("event_name", "city", "country", "date_start", "attendance_reported")


def overview(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    by_country = measures.activity_by_country(selection)
    progress = measures.progress_by_focus(
        selection.summary("initiative_id"), selection.frames["initiatives"]
    )
    return StepView(
        headlines.overview_headline(selection, by_country, t),
        selection.results(measures.OVERVIEW_KPIS),
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


def digital(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    label = t.label("metric", state.metric)
    by = "country" if state.countries else None
    series = measures.monthly(selection, state.metric, by)
    growth = measures.growth(state.metric, selection.frames["digital_metrics"], "country")
    return StepView(
        headlines.digital_headline(selection, state.metric, label, t),
        measures.digital_kpis(selection),
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


def live_events(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    chosen = selection.frames["live_events"]
    marks = points.event_points(chosen, t)
    layers = [(t.label("event_type", code), rows) for code, rows in marks.groupby("event_type")]
    audience = measures.audience_by_country(selection)
    countries = selection.result("event_countries").value
    return StepView(
        headlines.live_headline(selection, t),
        selection.results(measures.LIVE_KPIS),
        (
            PanelSpec("present_events_map", t("live.map.title"), "",
                      chosen[["event_id", "name", "city", "country", "start_date"]],
                      t("live.map.alt", n=len(chosen), countries=t.number(countries)),
                      figures.places_map, (layers, t), dict(dark=dark)),
            PanelSpec("present_audience", t("live.audience.title"), "", audience,
                      t("live.audience.alt", n=len(audience)),
                      figures.audience_bars, (audience, t)),
        ),
        widths=(1.1, 1),
    )  # fmt: skip


def education(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    by_type = measures.participants_by_type(selection)
    quarterly = measures.participants_by_quarter(selection)
    return StepView(
        headlines.education_headline(selection, t),
        selection.results(measures.EDUCATION_KPIS),
        (
            PanelSpec("present_types", t("education.types.title"), "", by_type,
                      t("education.types.alt", n=len(by_type)),
                      figures.ranking_bars, (by_type, "program_type", "actual", t),
                      dict(vocabulary="program_type", plan="due",
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


def real_history(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    """The real reference events on a map by year, as the history page draws them (no KPIs)."""
    events = filters.filter_reference_events(frames["reference_live_events"], state)
    placed = history.event_map_rows(events)
    first = int(placed["year"].min()) if len(placed) else "–"
    return StepView(
        headlines.history_headline(events, t) or t("history.no_events"),
        None,
        (
            PanelSpec("history_map", t("history.map.title"), t("history.map.subtitle"),
                      placed[list(HISTORY_MAP_COLUMNS)],
                      t("history.map.alt", n=len(placed), first=first),
                      history_figures.events_map_by_year, (placed, t), dict(dark=dark)),
        ),
        widths=(1,),
        source=REFERENCE_LIVE_EVENTS.source,
        illustrative=False,
    )  # fmt: skip


VIEWS = {"overview": overview, "digital": digital, "live-events": live_events,
         "education": education, "history": real_history}  # fmt: skip
