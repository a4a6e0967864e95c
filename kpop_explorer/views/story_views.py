"""What each kind of story step shows: its headline, KPIs and charts, from the data alone.

Presenter mode draws these and the story deck writes them to slides, so a step on screen and its
slide come from one computation. Its headline, cards and charts are the page's own: the same
measures, the same headline functions and the same `panels`, drawn from the step's filters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from kpop_explorer import measures
from kpop_explorer.charts import panels, points
from kpop_explorer.charts.panels import ChartPanel
from kpop_explorer.datasets.geo import Scale
from kpop_explorer.datasets.schemas import REFERENCE_LIVE_EVENTS
from kpop_explorer.i18n import Translator
from kpop_explorer.links import filters
from kpop_explorer.links.filters import FilterState
from kpop_explorer.measures import Result, history, projection
from kpop_explorer.views import headlines


@dataclass(frozen=True)
class StepView:
    headline: str
    kpis: list[Result] | None  # None: a step without KPI cards (the real history)
    panels: tuple[ChartPanel, ...]  # the first is the step's main chart
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
# What a map's table keeps on a slide, where the page's full table (venues, notes, links) would
# not read.
SLIDE_COLUMNS = {
    "live_map": ("name", "city", "country", "start_date"),
    "history_map": ("event_name", "city", "country", "date_start", "attendance_reported"),
}


def _presented(shown: ChartPanel, key: str, subtitle: bool = False) -> ChartPanel:
    """A page's panel in the story: keyed apart from the page's own (its widgets and link
    parameters stay the page's), with a map's table cut to what reads on a slide, and without
    the page's subtitle unless asked (a step fits one 1080-pixel screen in large type)."""
    table = shown.panel.table
    columns = SLIDE_COLUMNS.get(shown.panel.key)
    if columns is not None:
        table = table[list(columns)]
    text = shown.panel.subtitle if subtitle else ""
    hint = shown.panel.hint if subtitle else ""
    return ChartPanel(
        replace(shown.panel, key=key, table=table, subtitle=text, hint=hint), shown.chart
    )


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
            _presented(panels.activity_map(by_country, t, Scale(False, t), dark), "present_map"),
            _presented(panels.focus_progress(progress, t, as_of), "present_progress"),
        ),
    )


def digital(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    label = t.label("metric", state.metric)
    by = "country" if state.countries else None
    series = measures.monthly(selection, state.metric, by)
    projected = projection.monthly_lines(series, state.metric, by, as_of)  # as the page draws
    growth = measures.growth(state.metric, selection.frames["digital_metrics"], "country")
    return StepView(
        headlines.digital_headline(selection, state.metric, label, t),
        measures.digital_kpis(selection),
        (
            _presented(
                panels.digital_trend(series, t, label, by, projected=projected), "present_trend"
            ),
            _presented(panels.digital_growth(growth, t, label), "present_growth"),
        ),
        widths=(1.4, 1),
    )


def live_events(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    chosen = selection.frames["live_events"]
    countries = selection.result("event_countries").value
    events_map = panels.events_map(chosen, points.event_points(chosen, t), t, dark, countries)
    audience = measures.audience_by_country(selection)
    return StepView(
        headlines.live_headline(selection, t),
        selection.results(measures.LIVE_KPIS),
        (
            _presented(events_map, "present_events_map"),
            _presented(panels.audience(audience, t, Scale(False, t)), "present_audience"),
        ),
        widths=(1.1, 1),
    )


def education(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    selection = measures.select(frames, state, as_of)
    by_type = measures.participants_by_type(selection)
    quarterly = measures.participants_by_quarter(selection)
    return StepView(
        headlines.education_headline(selection, t),
        selection.results(measures.EDUCATION_KPIS),
        (
            _presented(panels.participants_by_type(by_type, t), "present_types"),
            _presented(panels.participants_by_quarter(quarterly, t), "present_quarters"),
        ),
    )


def real_history(frames: Frames, state: FilterState, t: Translator, as_of, dark: bool) -> StepView:
    """The real reference events on a map by year, as the history page draws them (no KPIs)."""
    events = filters.filter_reference_events(frames["reference_live_events"], state)
    return StepView(
        headlines.history_headline(events, t) or t("history.no_events"),
        None,
        (  # a projector's map opens on the year with the most events, not on the last one
            _presented(
                panels.history_map(
                    events, t, dark, history.busiest_year(history.event_map_rows(events))
                ),
                "history_map",
                subtitle=True,
            ),
        ),
        widths=(1,),
        source=REFERENCE_LIVE_EVENTS.source_in(t),
        illustrative=False,
    )


VIEWS = {"overview": overview, "digital": digital, "live-events": live_events,
         "education": education, "history": real_history}  # fmt: skip
