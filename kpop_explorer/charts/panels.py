"""The charts a page and the presenter's story share: each one's title, table, alt text and figure.

A page draws these panels, presenter mode draws the same ones in large type and the story deck
writes them to slides, so a chart never reads two ways. A `Panel` and its `Chart` are plain
data; `components.chart_panel` draws them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from kpop_explorer.charts import figures, history_figures, theme
from kpop_explorer.datasets import codes
from kpop_explorer.datasets.geo import Scale
from kpop_explorer.datasets.schemas import REFERENCE_LIVE_EVENTS
from kpop_explorer.i18n import Translator
from kpop_explorer.measures import history


@dataclass(frozen=True)
class Panel:
    key: str  # widget keys and file names derive from it
    title: str
    subtitle: str
    table: pd.DataFrame  # exactly what the chart draws
    alt: str  # a sentence for screen readers summarising the chart
    source: str | None = None  # None: the illustrative data's own source line
    illustrative: bool = True
    reference_note: str | None = None  # the source of a real-data layer drawn with the chart
    links: tuple[str, ...] = ()  # web addresses of the real data drawn, shown as links
    key_columns: tuple[str, ...] = ()  # first in the table, so a narrow panel still shows them
    hint: str = ""  # what to do with the chart on screen: never in its image or on a slide


@dataclass(frozen=True)
class Chart:
    """A figure builder and everything it draws from, so that equal inputs share one figure."""

    build: Callable[..., Any]
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


def chart(build: Callable[..., Any], *args, **kwargs) -> Chart:
    """`chart(figures.ranking_bars, table, "country", ...)`: the call, not yet made."""
    return Chart(build, args, kwargs)


class ChartPanel(NamedTuple):
    """A panel and its chart: `chart_panel(ctx, *shown)` draws it."""

    panel: Panel
    chart: Chart


# What the Live events page's map and event list show of an event: what a point stands for and
# its size first, since they show in a half-width panel.
EVENT_COLUMNS = (
    "name", "city", "start_date", "attendance", "expected_attendance", "event_type", "country",
    "venue", "status", "capacity", "online_viewers", "ticket_price_eur", "initiative_name",
    "event_id",
)  # fmt: skip
ACTIVITY_COLUMNS = ("activities", "events", "programs", "initiatives")
AUDIENCE_COLUMNS = ("expected_attendance", "attendance", "online_viewers")


def layers(
    marks: pd.DataFrame, column: str, order: Sequence[str], t: Translator
) -> list[tuple[str, pd.DataFrame]]:
    """A map's points as one named layer per code of `column`, in the vocabulary's order, so a
    kind of event keeps its colour and legend place whatever else is drawn."""
    return [
        (t.label(column, code), marks[marks[column] == code])
        for code in order
        if (marks[column] == code).any()
    ]


def activity_map(by_country: pd.DataFrame, t: Translator, scale: Scale, dark: bool) -> ChartPanel:
    """The Overview's map: activities per country, or per million inhabitants."""
    shown = scale.apply(by_country, ACTIVITY_COLUMNS)
    top = t.country(by_country["country"].iloc[0]) if len(by_country) else "–"
    return ChartPanel(
        Panel(
            key="overview_map", title=t("overview.map.title"),
            subtitle=t("overview.map.subtitle") + scale.subtitle_note, table=shown,
            alt=t("overview.map.alt", n=len(by_country), top=top),
            key_columns=("country", "activities"), hint=t("overview.map.hint"),
        ),
        chart(
            figures.country_choropleth, shown, "activities", t, dark=dark,
            value_label=scale.label(t("column.activities")), hover_columns=ACTIVITY_COLUMNS[1:],
            number_digits=scale.digits,
        ),
    )  # fmt: skip


def standing_map(by_country: pd.DataFrame, t: Translator, as_of, dark: bool) -> ChartPanel:
    """The Overview's map coloured by standing: how far each country's initiatives are along."""
    behind = t.number(len(by_country[by_country["standing"] == "behind"]))
    return ChartPanel(
        Panel(
            key="overview_map", title=t("overview.map.standing_title"),
            subtitle=t("overview.map.standing_subtitle", as_of=t.date(as_of)), table=by_country,
            alt=t("overview.map.standing_alt", n=len(by_country), behind=behind),
        ),
        chart(
            figures.standing_choropleth, by_country, t, dark=dark,
            value_label=t("column.attainment"),
        ),
    )  # fmt: skip


def focus_progress(progress: pd.DataFrame, t: Translator, as_of) -> ChartPanel:
    """The Overview's progress per focus area (`measures.progress_by_focus`)."""
    return ChartPanel(
        Panel(
            key="overview_progress", title=t("overview.progress.title"),
            subtitle=t("overview.progress.subtitle", as_of=t.date(as_of)), table=progress,
            alt=t("overview.progress.alt", n=len(progress)),
        ),
        chart(
            figures.progress_bars, progress, "focus_area", "focus", t,
            colors=theme.FOCUS_COLORS, axis_title=t("overview.progress.axis"),
        ),
    )  # fmt: skip


def digital_growth(growth: pd.DataFrame, t: Translator, metric_label: str) -> ChartPanel:
    """Digital's growth per country of one metric (`measures.growth`)."""
    return ChartPanel(
        Panel(
            key="digital_growth", title=t("digital.growth.title", metric=metric_label),
            subtitle=t("digital.growth.subtitle"), table=growth,
            alt=t("digital.growth.alt", n=len(growth), metric=metric_label),
            hint=t("digital.growth.hint"),
        ),
        chart(
            figures.ranking_bars, growth, "country", "growth", t,
            axis_title=t("digital.growth.axis"), percent=True,
        ),
    )  # fmt: skip


def digital_trend(
    series: pd.DataFrame,
    t: Translator,
    metric_label: str,
    by: str | None,
    note: str = "",
    projected: pd.DataFrame | None = None,
) -> ChartPanel:
    """Digital's monthly plan and actual of one metric, in total or one line per `by`;
    `note` says when only the largest lines are drawn. `projected` (`projection.monthly_lines`)
    carries each line on to the end of its plan, and its months join the table."""
    if projected is not None and len(projected):
        keys = ["month", *([by] if by else [])]
        series = series.merge(projected, on=keys, how="left")
        note = t("projection.chart_note") + note
    return ChartPanel(
        Panel(
            key="digital_trend", title=t("digital.trend.title", metric=metric_label),
            subtitle=t("digital.trend.subtitle", metric=metric_label) + note, table=series,
            alt=t("digital.trend.alt", metric=metric_label),
        ),
        chart(
            figures.plan_actual_lines, series, t, by=by, vocabulary="platform",
            y_title=metric_label, projected=projected,
        ),
    )  # fmt: skip


def events_map(
    events: pd.DataFrame,
    marks: pd.DataFrame,
    t: Translator,
    dark: bool,
    countries: int,
    past: pd.DataFrame | None = None,
) -> ChartPanel:
    """Live events' map: `marks` (`points.event_points` of `events`) by event type, with the
    real past events (`points.reference_event_points`) as a layer when `past` is given."""
    note = None
    if past is not None:
        note = t("live.reference_source", n=len(past), source=REFERENCE_LIVE_EVENTS.source_in(t))
    return ChartPanel(
        Panel(
            key="live_map", title=t("live.map.title"), subtitle=t("live.map.subtitle"),
            table=events[list(EVENT_COLUMNS)], reference_note=note,
            alt=t("live.map.alt", n=len(events), countries=t.number(countries)),
        ),
        chart(
            figures.places_map, layers(marks, "event_type", codes.EVENT_TYPES, t), t, dark=dark,
            reference=past, reference_name=t("live.reference_layer"),
        ),
    )  # fmt: skip


def audience(by_country: pd.DataFrame, t: Translator, scale: Scale) -> ChartPanel:
    """Live events' audience per country (`measures.audience_by_country`)."""
    shown = scale.apply(by_country, AUDIENCE_COLUMNS)
    return ChartPanel(
        Panel(
            key="live_audience", title=t("live.audience.title"),
            subtitle=t("live.audience.subtitle") + scale.subtitle_note, table=shown,
            alt=t("live.audience.alt", n=len(shown)),
        ),
        chart(figures.audience_bars, shown, t),
    )  # fmt: skip


def participants_by_type(by_type: pd.DataFrame, t: Translator) -> ChartPanel:
    """Education's participants per programme type (`measures.participants_by_type`)."""
    return ChartPanel(
        Panel(
            key="education_types", title=t("education.types.title"),
            subtitle=t("education.types.subtitle"), table=by_type,
            alt=t("education.types.alt", n=len(by_type)), hint=t("education.types.hint"),
        ),
        chart(
            figures.ranking_bars, by_type, "program_type", "actual", t, vocabulary="program_type",
            plan="due", axis_title=t("column.participants"),
            color=theme.FOCUS_COLORS["education"],
        ),
    )  # fmt: skip


def participants_by_quarter(quarterly: pd.DataFrame, t: Translator) -> ChartPanel:
    """Education's participants per quarter (`measures.participants_by_quarter`)."""
    return ChartPanel(
        Panel(
            key="education_quarters", title=t("education.quarters.title"),
            subtitle=t("education.quarters.subtitle"), table=quarterly,
            alt=t("education.quarters.alt"),
        ),
        chart(
            figures.grouped_bars_over_time, quarterly, "quarter", "participants_actual",
            "participants_target", t, stack_by="program_type", vocabulary="program_type",
            colors=theme.PROGRAM_TYPE_COLORS, y_title=t("column.participants"),
        ),
    )  # fmt: skip


def reference_panel(key: str, table: pd.DataFrame, source: str, t: Translator, **text) -> Panel:
    """A panel of real reference data: its source line, no "illustrative" mark, and every
    row's links. `text` overrides the title, subtitle or alt text of `history.<key>.*`, and
    gives the screen's hint, if any."""
    return Panel(
        key=f"history_{key}",
        title=text.get("title") or t(f"history.{key}.title"),
        subtitle=text.get("subtitle") or t(f"history.{key}.subtitle"),
        table=table,
        alt=text.get("alt") or t(f"history.{key}.alt", n=len(table)),
        source=source,
        illustrative=False,
        links=tuple(history.source_urls(table["source_url"])) if "source_url" in table else (),
        hint=text.get("hint", ""),
    )


def history_map(
    events: pd.DataFrame, t: Translator, dark: bool, opening: int | None = None
) -> ChartPanel:
    """The real reference events on a map, by year (`history.event_map_rows` places them),
    opening on the last year or on `opening`."""
    placed = history.event_map_rows(events)
    first = int(placed["year"].min()) if len(placed) else "–"
    return ChartPanel(
        reference_panel(
            "map", placed[[*history.EVENT_COLUMNS, "year"]], REFERENCE_LIVE_EVENTS.source_in(t), t,
            alt=t("history.map.alt", n=len(placed), first=first), hint=t("history.map.hint"),
        ),
        chart(history_figures.events_map_by_year, placed, t, dark=dark, opening=opening),
    )  # fmt: skip
