"""The filter state: one typed object, its mapping to and from the URL, and how it cuts each table.

An empty selection means "everything", so a link without parameters shows the whole portfolio
and a new country in the data appears without anyone touching the filters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial

import pandas as pd

from kpop_explorer.datasets import codes
from kpop_explorer.i18n import Translator
from kpop_explorer.links import link_values
from kpop_explorer.links.view_params import ViewParam


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter may take, read from the loaded data."""

    countries: tuple[str, ...]
    year_min: int
    year_max: int
    cities: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = codes.FOCUS_AREAS
    statuses: tuple[str, ...] = codes.STATUSES
    platforms: tuple[str, ...] = codes.PLATFORMS
    metrics: tuple[str, ...] = codes.METRICS
    event_types: tuple[str, ...] = codes.EVENT_TYPES
    event_statuses: tuple[str, ...] = codes.STATUSES
    program_statuses: tuple[str, ...] = codes.STATUSES
    program_types: tuple[str, ...] = codes.PROGRAM_TYPES
    audiences: tuple[str, ...] = codes.AUDIENCES
    languages: tuple[str, ...] = codes.PROGRAM_LANGUAGES


@dataclass(frozen=True)
class FilterState:
    """What the viewer has chosen. Tuples are selections; empty means no restriction."""

    year_from: int
    year_to: int
    countries: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    metric: str = "streams"
    event_types: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    program_types: tuple[str, ...] = ()
    event_statuses: tuple[str, ...] = ()  # an event's own state (held, planned): a page facet
    program_statuses: tuple[str, ...] = ()  # a run's own state: a page facet
    audiences: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @classmethod
    def default(cls, options: FilterOptions) -> FilterState:
        return cls(year_from=options.year_min, year_to=options.year_max)

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return pd.Timestamp(self.year_from, 1, 1), pd.Timestamp(self.year_to, 12, 31)

    def is_default(self, options: FilterOptions) -> bool:
        return self == FilterState.default(options)

    def to_query_params(
        self, options: FilterOptions, facets: tuple[str, ...] | None = None
    ) -> dict[str, list[str]]:
        """The URL parameters for this state; defaults are left out to keep links short.

        `facets` names the page facets to include (all when None); global filters always are.
        """
        params: dict[str, list[str]] = {}
        default = FilterState.default(options)
        for f in fields(self):
            key, value = URL_KEYS[f.name], getattr(self, f.name)
            if f.name in ("year_from", "year_to"):
                continue
            if facets is not None and f.name not in GLOBAL_FIELDS and f.name not in facets:
                continue
            if value != getattr(default, f.name):
                params[key] = list(value) if isinstance(value, tuple) else [value]
        if (self.year_from, self.year_to) != (default.year_from, default.year_to):
            params["year"] = [str(self.year_from), str(self.year_to)]
        return params

    def widget_values(self) -> dict[str, object]:
        """The value of each filter widget, keyed by its URL parameter name."""
        values: dict[str, object] = {"year": (self.year_from, self.year_to)}
        for f in fields(self):
            if f.name not in ("year_from", "year_to"):
                value = getattr(self, f.name)
                values[URL_KEYS[f.name]] = list(value) if isinstance(value, tuple) else value
        return values

    @classmethod
    def from_widget_values(
        cls, values: Mapping[str, object], options: FilterOptions
    ) -> FilterState:
        """The state the widgets show; a widget not drawn yet counts as its default."""
        default = cls.default(options)
        year_from, year_to = values.get("year") or (default.year_from, default.year_to)
        chosen: dict[str, object] = {"year_from": int(year_from), "year_to": int(year_to)}
        for f in fields(cls):
            key = URL_KEYS[f.name]
            if f.name in ("year_from", "year_to") or key not in values:
                continue
            value = values[key]
            if BY_NAME[f.name].single:
                chosen[f.name] = value or getattr(default, f.name)
            else:
                chosen[f.name] = tuple(value or ())
        return replace(default, **chosen)

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, Sequence[str]], options: FilterOptions
    ) -> tuple[FilterState, list[tuple[str, str]]]:
        """Read a URL, keeping what is valid; returns the state and the (key, value) ignored.

        Every value goes through `link_values`; years outside the data are moved to its edge.
        """
        ignored: list[tuple[str, str]] = []
        values: dict[str, object] = {}
        for name, key in URL_KEYS.items():
            if name in ("year_from", "year_to") or key not in params:
                continue
            many = not BY_NAME[name].single  # one metric; every other filter is a list
            param = ViewParam(key, _allowed(name, options), multi=many)
            value, dropped = param.read(params[key])  # the one reader of a link's codes
            ignored += dropped
            if value is not None:  # None: nothing valid, the filter keeps its default
                values[name] = tuple(value) if many else value
        state = replace(cls.default(options), **values)
        if "year" in params:
            state, year_ignored = _read_years(state, [str(v) for v in params["year"]], options)
            ignored += year_ignored
        return state, ignored


# --- The registry: each filter declared once ---------------------------------------------------

SIDEBAR = None  # a filter's `page` when it sits in the sidebar and selects initiatives
MULTISELECT, PILLS, SELECT = "multiselect", "pills", "select"  # how a filter is drawn
INITIATIVES, EVENTS, PROGRAMS, METRICS, REFERENCE_EVENTS = (
    "initiatives", "live_events", "education_programs", "digital_metrics", "reference_live_events",
)  # fmt: skip


@dataclass(frozen=True)
class Filter:
    """One filter, declared once: everything that reads, writes, applies or words it asks here.

    A sidebar filter (`page` None) selects initiatives: `columns` names the column of the
    initiatives it is read on, and every other dataset keeps the rows of the initiatives it
    selects (and, where `columns` names one, those whose own column matches too: an event in a
    chosen country). A page facet narrows one page's rows on its own column.
    """

    name: str  # the field of `FilterState`
    key: str  # the URL parameter (and the widget's session key)
    options: str  # the field of `FilterOptions` listing its allowed values
    columns: Mapping[str, str]  # dataset -> the column its rows are cut on
    label: str  # message key of its name
    vocabulary: str | None = None  # `t.label(vocabulary, code)`; None: a country or as written
    placeholder: str | None = None  # message key of what an empty choice means
    widget: str = MULTISELECT
    page: str | None = SIDEBAR  # the URL path of the page a facet is drawn on
    single: bool = False  # one value, always chosen (the metric); applied by its page, not here

    @property
    def is_sidebar(self) -> bool:
        return self.page is SIDEBAR

    @property
    def column(self) -> str:
        """A page facet's column (it cuts one dataset)."""
        (column,) = set(self.columns.values())
        return column

    def words(self, t: Translator) -> Callable[[str], str]:
        """How its values read on its widget and in the briefing: the labels of its vocabulary,
        else a facet's cities by their names in the viewer's language, else country names."""
        if self.vocabulary is not None:
            return t.labels(self.vocabulary)
        return t.country if self.is_sidebar else t.city


FILTERS: tuple[Filter, ...] = (
    Filter("countries", "country", "countries",
           {INITIATIVES: "countries", EVENTS: "country", PROGRAMS: "country", METRICS: "country",
            REFERENCE_EVENTS: "country"},
           "filter.countries", placeholder="filter.all_countries"),
    Filter("focus_areas", "focus", "focus_areas", {INITIATIVES: "focus_area"}, "filter.focus",
           "focus", "filter.all_focus"),
    Filter("statuses", "status", "statuses", {INITIATIVES: "status"}, "filter.status", "status",
           "filter.all_statuses"),
    Filter("platforms", "platform", "platforms", {METRICS: "platform"}, "facet.platform",
           "platform", widget=PILLS, page="digital"),
    Filter("metric", "metric", "metrics", {METRICS: "metric"}, "facet.metric", "metric",
           widget=SELECT, page="digital", single=True),
    Filter("event_types", "type", "event_types", {EVENTS: "event_type"}, "facet.event_type",
           "event_type", widget=PILLS, page="live-events"),
    Filter("event_statuses", "event_status", "event_statuses", {EVENTS: "status"},
           "facet.event_status", "event_status", widget=PILLS, page="live-events"),
    Filter("cities", "city", "cities", {EVENTS: "city"}, "facet.city", None, "facet.all_cities",
           page="live-events"),
    Filter("program_types", "programme", "program_types", {PROGRAMS: "program_type"},
           "facet.program_type", "program_type", widget=PILLS, page="education"),
    Filter("program_statuses", "programme_status", "program_statuses", {PROGRAMS: "status"},
           "facet.program_status", "program_status", widget=PILLS, page="education"),
    Filter("audiences", "audience", "audiences", {PROGRAMS: "audience"}, "facet.audience",
           "audience", "facet.all_audiences", page="education"),
    Filter("languages", "language", "languages", {PROGRAMS: "language"}, "facet.language",
           "language", "facet.all_languages", page="education"),
)  # fmt: skip
BY_NAME = {f.name: f for f in FILTERS}
PERIOD_KEY = "year"  # the period: `year_from` and `year_to`, one slider, `year=2025&year=2026`

# Views of the registry, for the code that reads them by field name.
GLOBAL_FIELDS = ("year_from", "year_to", *(f.name for f in FILTERS if f.is_sidebar))
PAGE_FACETS = {
    page: tuple(f.name for f in FILTERS if f.page == page)
    for page in dict.fromkeys(f.page for f in FILTERS if not f.is_sidebar)
}
URL_KEYS = {"year_from": PERIOD_KEY, "year_to": PERIOD_KEY} | {f.name: f.key for f in FILTERS}


def _allowed(name: str, options: FilterOptions) -> tuple[str, ...]:
    return getattr(options, BY_NAME[name].options)


def _read_years(
    state: FilterState, raw: list[str], options: FilterOptions
) -> tuple[FilterState, list[tuple[str, str]]]:
    """The first two years of the link make the period (either order); one year is that year."""
    years = [link_values.read_year(v, options.year_min, options.year_max) for v in raw]
    valid = [y for y in years if y is not None]
    ignored = [("year", v) for v, y in zip(raw, years, strict=True) if y is None]
    ignored += [("year", v) for v, y in zip(raw, years, strict=True) if y is not None][2:]
    if len(valid) >= 2:
        low, high = sorted(valid[:2])
        return replace(state, year_from=low, year_to=high), ignored
    if len(valid) == 1:
        return replace(state, year_from=valid[0], year_to=valid[0]), ignored
    return state, ignored


def options_from_data(
    initiatives: pd.DataFrame | None,
    events: pd.DataFrame | None,
    programs: pd.DataFrame | None,
    metrics: pd.DataFrame | None,
) -> FilterOptions:
    """Countries, years and cities present in whatever datasets loaded."""
    countries: set[str] = set()
    years: set[int] = set()
    cities: set[str] = set()
    for frame, date_columns in (
        (initiatives, ("start_date", "end_date")),
        (events, ("start_date",)),
        (programs, ("start_date", "end_date")),
        (metrics, ("month",)),
    ):
        if frame is None or frame.empty:
            continue
        if "country" in frame:
            countries |= set(frame["country"].dropna().unique())
        if "countries" in frame:
            cells = frame["countries"].dropna().unique()
            countries |= {c for cell in cells for c in codes.split_countries(cell)}
        for column in date_columns:
            dates = frame[column].dropna()
            if not dates.empty:
                years |= {dates.min().year, dates.max().year}
    if events is not None:
        cities |= set(events["city"].dropna().unique())
    this_year = pd.Timestamp.today().year
    year_min = min(years, default=this_year)
    return FilterOptions(
        countries=tuple(sorted(countries)),
        year_min=year_min,
        # A period slider needs two ends: data of one year, or none (every dataset failed).
        year_max=max(max(years, default=this_year), year_min + 1),
        cities=tuple(sorted(cities)),
    )


def _in(series: pd.Series, selection: Iterable[str]) -> pd.Series:
    selection = tuple(selection)
    return series.isin(selection) if selection else pd.Series(True, index=series.index)


def _overlaps(start: pd.Series, end: pd.Series, state: FilterState) -> pd.Series:
    low, high = state.period
    return (start <= high) & (end.fillna(start) >= low)


def _matching(rows: pd.DataFrame, dataset: str, state: FilterState) -> pd.Series:
    """The rows of `dataset` whose own columns match every filter declared on that dataset."""
    keep = pd.Series(True, index=rows.index)
    for spec in FILTERS:
        column = spec.columns.get(dataset)
        chosen = getattr(state, spec.name)
        if column is None or spec.single or not chosen:
            continue
        if dataset == INITIATIVES and column == "countries":  # a cell lists several countries
            keep &= _names_any(rows[column], set(chosen))
        else:
            keep &= rows[column].isin(chosen)
    return keep


def _names_any(cells: pd.Series, wanted: set[str]) -> pd.Series:
    return cells.fillna("").map(lambda cell: bool(wanted.intersection(codes.split_countries(cell))))


def filter_initiatives(initiatives: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The initiatives the sidebar selects: running in the period, in a chosen country, focus
    area and status."""
    keep = _overlaps(initiatives["start_date"], initiatives["end_date"], state)
    return initiatives[keep & _matching(initiatives, INITIATIVES, state)]


def _of_selected(
    rows: pd.DataFrame, initiatives: pd.DataFrame, state: FilterState, chosen: pd.Series | None
) -> pd.Series:
    """Rows of the initiatives the sidebar selects: every sidebar filter means the same on
    every page (an event of a completed initiative is kept under "Completed", held or not).
    `chosen`: those initiatives' ids when the caller has them already."""
    if chosen is None:
        chosen = filter_initiatives(initiatives, state)["initiative_id"]
    if len(chosen) == len(initiatives):
        return pd.Series(True, index=rows.index)
    return rows["initiative_id"].isin(chosen)


def _initiative_attributes(rows: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Adds the focus area and initiative name to rows that point at an initiative."""
    lookup = initiatives.set_index("initiative_id")
    return rows.assign(
        focus_area=rows["initiative_id"].map(lookup["focus_area"]),
        initiative_name=rows["initiative_id"].map(lookup["name"]),
    )


def _filter_dated(
    rows: pd.DataFrame,
    initiatives: pd.DataFrame,
    state: FilterState,
    *,
    dataset: str,
    chosen: pd.Series | None = None,
) -> pd.DataFrame:
    """Rows with a start and an end (events, programmes) for the state: running in the period,
    matching the filters declared on `dataset`, of the selected initiatives."""
    rows = _initiative_attributes(rows, initiatives)
    keep = _overlaps(rows["start_date"], rows["end_date"], state)
    keep &= _matching(rows, dataset, state) & _of_selected(rows, initiatives, state, chosen)
    return rows[keep]


filter_events = partial(_filter_dated, dataset=EVENTS)
filter_programs = partial(_filter_dated, dataset=PROGRAMS)


def filter_metrics(
    metrics: pd.DataFrame,
    initiatives: pd.DataFrame,
    state: FilterState,
    *,
    metric: str | None = None,
    chosen: pd.Series | None = None,
) -> pd.DataFrame:
    """Digital rows for the state; `metric` narrows to one measure (the page's facet by default).
    `chosen` (every child filter): the selected initiatives' ids, when already known."""
    low, high = state.period
    keep = metrics["month"].between(low, high)
    keep &= _matching(metrics, METRICS, state) & _of_selected(metrics, initiatives, state, chosen)
    if metric is not None:
        keep &= metrics["metric"].eq(metric)
    return metrics[keep]


def filter_reference_events(reference: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Real past events are history: only the countries apply, never the plan's period."""
    return reference[_matching(reference, REFERENCE_EVENTS, state)]


PERIOD = "period"  # `emptied_by`'s name for the period (two fields, one slider)


def _cleared(state: FilterState, name: str, default: FilterState) -> FilterState:
    if name == PERIOD:
        return replace(state, year_from=default.year_from, year_to=default.year_to)
    return replace(state, **{name: getattr(default, name)})


def emptied_by(
    rows_of: Callable[[FilterState], pd.DataFrame], state: FilterState, options: FilterOptions
) -> str | None:
    """The sidebar filter (a field name, or `PERIOD`) whose choice leaves `rows_of(state)` empty:
    the first whose clearing alone brings rows back, else the first chosen. None when there are
    rows, or when no sidebar filter is chosen (the data has none)."""
    if not rows_of(state).empty:
        return None
    default = FilterState.default(options)
    chosen = [PERIOD] if state.period != default.period else []
    chosen += [f.name for f in FILTERS if f.is_sidebar and getattr(state, f.name)]
    for name in chosen:
        if not rows_of(_cleared(state, name, default)).empty:
            return name
    return chosen[0] if chosen else None
