"""Each chart page's view, computed from the data alone: its headline, KPI cards and panels.

A page computes its view in two steps, each a pure function of plain inputs, so that
`components.cached.view` computes each once and shares it with every session that asks for the
same (README, "Performance and load"):

- the *base* of a page: the filtered `Selection` (its measures and scorecards memoised inside)
  and the table of the chart that chooses, whose marks the page's selection is read against;
- the *view*: what the page draws for a choice on that chart and its own view parameters
  (map colouring, per capita, split), headline and cards included.

The widgets stay in the page; what they hold comes in here as values. Nothing here changes what
it is given, and what it returns is shared: callers draw it and never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from kpop_explorer import measures
from kpop_explorer.charts import figures, panels, points, theme
from kpop_explorer.charts.panels import ChartPanel, Panel, chart
from kpop_explorer.datasets import codes
from kpop_explorer.datasets.geo import Scale
from kpop_explorer.datasets.schemas import REFERENCE_EDUCATION
from kpop_explorer.i18n import Translator
from kpop_explorer.links import filters
from kpop_explorer.links.filters import FilterState
from kpop_explorer.measures import Result, Selection, aggregates, history, projection
from kpop_explorer.views import headlines

Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Base:
    """A page's filtered data before any choice on its chart."""

    selection: Selection
    chooser: pd.DataFrame | None = None  # the table of the chart whose marks narrow the page
    ids: tuple[str, ...] = ()  # the ids that chart can pick
    empty: bool = False  # nothing to show: the page says so and draws no charts


@dataclass(frozen=True)
class PageView:
    headline: str
    kpis: list[Result]
    panels: dict[str, ChartPanel]  # by name, in the order the page draws them
    selection: Selection  # the page's selection narrowed by the choice on its chart
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # the page's other tables


def overview_base(frames: Frames, state: FilterState, as_of) -> Base:
    selection = measures.select(frames, state, as_of)
    if selection.frames["initiatives"].empty:
        return Base(selection, empty=True)
    by_country = measures.activity_by_country(selection)
    for scope in ("country", "initiative_id"):  # judged once per view, for every session
        selection.summary(scope)
    drawn = (*by_country["country"], *selection.summary("country")["country"])
    return Base(selection, by_country, tuple(str(c) for c in dict.fromkeys(drawn)))


def overview(
    base: Base,
    frames: Frames,
    state: FilterState,
    t: Translator,
    as_of,
    dark: bool,
    *,
    countries: tuple[str, ...] = (),
    initiative: str | None = None,
) -> PageView:
    """The Overview for the countries picked (on the map or a scorecard row) and the initiative
    picked on the scorecard; its map is `overview_map`, drawn in a part of its own."""
    selection, by_country = base.selection, base.chooser
    focused = selection
    if countries:
        focused = measures.select(frames, replace(state, countries=tuple(countries)), as_of)
    if initiative is not None:
        focused = focused.of_initiatives([initiative])
    focused_by_country = (
        by_country if focused is selection else measures.activity_by_country(focused)
    )
    by_initiative = selection.summary("initiative_id")  # each initiative judged as a whole
    chosen = focused.frames["initiatives"]
    progress = measures.progress_by_focus(
        by_initiative[by_initiative["initiative_id"].isin(chosen["initiative_id"])], chosen
    )
    table = aggregates.portfolio(chosen)
    drawn = aggregates.largest(table)
    capped = (
        t("overview.capped", n=len(drawn), total=t.number(len(table)))
        if len(drawn) < len(table)
        else ""
    )
    portfolio = ChartPanel(
        Panel(
            key="overview_portfolio",
            title=t("overview.portfolio.title"),
            subtitle=t("overview.portfolio.subtitle") + capped,
            table=table,
            alt=t(
                "overview.portfolio.alt",
                n=len(table),
                budget=t.money(measures.total("budget", chosen, as_of).value),
            ),
        ),
        chart(figures.portfolio_treemap, aggregates.portfolio_summary(table), t),
    )
    timeline = ChartPanel(
        Panel(
            key="overview_timeline",
            title=t("overview.timeline.title"),
            subtitle=t("overview.timeline.subtitle") + capped,
            table=table,
            alt=t("overview.timeline.alt", n=len(drawn)),
        ),
        chart(figures.initiative_timeline, drawn, t, as_of),
    )
    return PageView(
        headlines.overview_headline(focused, focused_by_country, t),
        focused.results(measures.OVERVIEW_KPIS),
        {
            "progress": panels.focus_progress(progress, t, as_of),
            "portfolio": portfolio,
            "timeline": timeline,
        },
        focused,
    )


def overview_map(
    base: Base, t: Translator, as_of, dark: bool, colour: str, per_million: bool
) -> ChartPanel:
    """The Overview's map of the whole selection, coloured by activity (per million
    inhabitants or not) or by standing against plan."""
    if colour == "standing":
        return panels.standing_map(base.selection.summary("country"), t, as_of, dark)
    return panels.activity_map(base.chooser, t, Scale(per_million=per_million, t=t), dark)


def digital_base(frames: Frames, state: FilterState, as_of, metric: str) -> Base:
    selection = measures.select(frames, state, as_of)
    everything = selection.frames["digital_metrics"]  # every metric, before a chart selection
    growth = measures.growth(metric, everything, "country")
    return Base(selection, growth, tuple(str(c) for c in growth["country"]))


def digital(
    base: Base,
    metric: str,
    t: Translator,
    dark: bool,
    *,
    picked: tuple[str, ...] = (),
) -> PageView:
    """The Digital page of `metric` for the countries picked on its growth ranking; its trend
    and its app downloads are `digital_trend` and `digital_downloads`, each in a part of its
    own."""
    selection = base.selection
    metric_label = t.label("metric", metric)
    everything = selection.frames["digital_metrics"]
    if picked:
        selection = selection.narrowed(
            digital_metrics=everything[everything["country"].isin(picked)]
        )
    mix = selection.table(metric, "platform").sort_values("actual", kind="stable")
    by_month = selection.table("virtual_concert_viewers", "month").sort_values("month")
    viewers = selection.result("virtual_concert_viewers")
    shown = {
        "growth": panels.digital_growth(base.chooser, t, metric_label),
        "mix": ChartPanel(
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
        ),
        "virtual": ChartPanel(
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
        ),
    }  # fmt: skip
    return PageView(
        headlines.digital_headline(selection, metric, metric_label, t),
        measures.digital_kpis(selection),
        shown,
        selection,
        {"everything": everything},
    )


def digital_trend(selection: Selection, metric: str, t: Translator, split: str) -> ChartPanel:
    """Digital's monthly trend of `metric`, in total or one line per country or platform."""
    metric_label = t.label("metric", metric)
    by = None if split == "total" else split
    series = measures.monthly(selection, metric, by)
    top_note = ""
    if by is not None:
        total_series = len(selection.table(metric, by))  # one row per country or platform
        if total_series > measures.TOP_SERIES:  # say that the lines drawn are not all there are
            top_note = t(f"digital.trend.top_{by}", n=measures.TOP_SERIES, total=total_series)
    projected = projection.monthly_lines(series, metric, by, selection.as_of)
    return panels.digital_trend(series, t, metric_label, by, top_note, projected)


def digital_downloads(
    selection: Selection, t: Translator, dark: bool, per_million: bool
) -> ChartPanel:
    """Digital's app downloads per country, per million inhabitants or not."""
    scale = Scale(per_million=per_million, t=t)
    counted = selection.table("app_downloads", "country").dropna(subset=["actual"])
    downloads = scale.apply(counted, ("actual", "due", "target"))
    return ChartPanel(
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
            downloads, "actual", t, dark=dark,
            value_label=scale.label(t.label("metric", "app_downloads")),
            hover_columns=("due",), number_digits=scale.digits,
        ),
    )  # fmt: skip


def live_base(frames: Frames, state: FilterState, as_of, t: Translator) -> Base:
    selection = measures.select(frames, state, as_of)
    everywhere = selection.frames["live_events"]  # what the map draws, whatever is picked on it
    marks = points.event_points(everywhere, t)
    return Base(selection, marks, tuple(str(i) for i in marks["id"]))


LIVE_TABLE_COLUMNS = list(panels.EVENT_COLUMNS)


def live_events(base: Base, t: Translator, as_of, *, picked: tuple[str, ...] = ()) -> PageView:
    """Live events for the events or places picked on its map; the map (`live_map`) and the
    audience (`live_audience`) are drawn in parts of their own."""
    selection = base.selection
    chosen = selection.frames["live_events"]
    if picked:
        chosen = points.select_rows(chosen, list(picked), "event_id", "event_type")
        selection = selection.narrowed(live_events=chosen)
    utilisation = measures.utilisation_by_city(selection)
    shown = {
        "calendar": ChartPanel(
            Panel(
                key="live_calendar",
                title=t("live.calendar.title"),
                subtitle=t("live.calendar.subtitle"),
                table=chosen[LIVE_TABLE_COLUMNS],
                alt=t("live.calendar.alt", n=len(chosen)),
            ),
            chart(figures.events_calendar, points.calendar_points(chosen, t), t, as_of),
        ),
        "utilisation": ChartPanel(
            Panel(
                key="live_utilisation",
                title=t("live.utilisation.title"),
                subtitle=t("live.utilisation.subtitle"),
                table=utilisation,
                alt=t("live.utilisation.alt", n=len(utilisation)),
            ),
            chart(
                figures.ranking_bars,
                utilisation, "city", "utilisation", t, percent=True,
                axis_title=t("live.utilisation.axis"),
            ),
        ),
    }  # fmt: skip
    return PageView(
        headlines.live_headline(selection, t),
        selection.results(measures.LIVE_KPIS),
        shown,
        selection,
        {"chosen": chosen},
    )


def live_map(
    base: Base, state: FilterState, t: Translator, dark: bool, reference: pd.DataFrame | None
) -> ChartPanel:
    """Live events' map of every event, whatever is picked on it, with the real past events of
    `reference` (None: without them) as a layer."""
    everywhere = base.selection.frames["live_events"]
    countries = base.selection.result("event_countries").value  # where the map's points are
    past = None
    if reference is not None:
        held = history.held_events(filters.filter_reference_events(reference, state))
        past = points.reference_event_points(held, t)  # the History page's events, counted alike
    return panels.events_map(everywhere, base.chooser, t, dark, countries, past)


def live_audience(selection: Selection, t: Translator, per_million: bool) -> ChartPanel:
    """Live events' audience per country, per million inhabitants or not."""
    scale = Scale(per_million=per_million, t=t)
    return panels.audience(measures.audience_by_country(selection), t, scale)


# What an education map point stands for and its size first: they show in a half-width panel.
EDUCATION_MAP_COLUMNS = [
    "name", "city", "participants_actual", "participants_target", "program_type", "country",
    "institution", "start_date", "end_date", "status", "audience", "language", "satisfaction",
    "initiative_name", "program_id",
]  # fmt: skip


def education_base(frames: Frames, state: FilterState, as_of) -> Base:
    selection = measures.select(frames, state, as_of)
    by_type = measures.participants_by_type(selection)  # the chart that chooses: not narrowed
    return Base(selection, by_type, tuple(str(p) for p in by_type["program_type"]))


def education(base: Base, t: Translator, dark: bool, *, picked: tuple[str, ...] = ()) -> PageView:
    """Education for the programme types picked on its participants chart; its map
    (`education_map`) is drawn in a part of its own."""
    selection = base.selection
    chosen = selection.frames["education_programs"]
    if picked:
        chosen = chosen[chosen["program_type"].isin(picked)]
        selection = selection.narrowed(education_programs=chosen)
    satisfaction = measures.satisfaction_by_type(selection)
    shown = {
        "types": panels.participants_by_type(base.chooser, t),
        "quarters": panels.participants_by_quarter(
            measures.participants_by_quarter(selection), t
        ),
        "satisfaction": ChartPanel(
            Panel(
                key="education_satisfaction",
                title=t("education.satisfaction.title"),
                subtitle=t("education.satisfaction.subtitle"),
                table=satisfaction,
                alt=t("education.satisfaction.alt", n=len(satisfaction)),
            ),
            chart(
                figures.ranking_bars,
                satisfaction, "program_type", "satisfaction", t, vocabulary="program_type",
                axis_title=t("education.satisfaction.axis"),
                color=theme.FOCUS_COLORS["education"], number_digits=1, axis_range=(1, 5),
            ),
        ),
    }  # fmt: skip
    for by in ("audience", "language"):
        table = measures.breakdown(selection, by)
        shown[by] = ChartPanel(
            Panel(
                key=f"education_{by}",
                title=t(f"education.{by}.title"),
                subtitle=t("education.breakdown.subtitle"),
                table=table,
                alt=t(f"education.{by}.alt", n=len(table)),
            ),
            chart(
                figures.ranking_bars,
                table, by, "participants_actual", t, vocabulary=by,
                plan="participants_target", axis_title=t("column.participants"),
                color=theme.FOCUS_COLORS["education"],
            ),
        )  # fmt: skip
    return PageView(
        headlines.education_headline(selection, t),
        selection.results(measures.EDUCATION_KPIS),
        shown,
        selection,
        {"chosen": chosen},
    )


def education_map(
    chosen: pd.DataFrame,
    state: FilterState,
    t: Translator,
    dark: bool,
    reference: pd.DataFrame | None,
) -> ChartPanel:
    """Education's map of the programmes `chosen`, with the real places of `reference`
    (None: without them) in the countries filtered as a layer."""
    marks = points.program_points(chosen, t)
    places = None
    if reference is not None:
        places = points.reference_place_points(reference, t)
        if state.countries:
            places = places[places["country"].isin(state.countries)]
    return ChartPanel(
        Panel(
            key="education_map",
            title=t("education.map.title"),
            subtitle=t("education.map.subtitle"),
            table=chosen[EDUCATION_MAP_COLUMNS],
            alt=t("education.map.alt", n=len(chosen)),
            reference_note=None
            if places is None
            else t("education.reference_source", n=len(places),
                   source=REFERENCE_EDUCATION.source),
        ),
        chart(
            figures.places_map,
            panels.layers(marks, "program_type", codes.PROGRAM_TYPES, t),
            t, dark=dark, reference=places, reference_name=t("education.reference_layer"),
        ),
    )  # fmt: skip
