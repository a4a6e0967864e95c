"""The filter state: one typed object, its mapping to and from the URL, and how it cuts each table.

An empty selection means "everything", so a link without parameters shows the whole portfolio
and a new country in the data appears without anyone touching the filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

import pandas as pd

from kpop_explorer import codes, link_values
from kpop_explorer.view_params import ViewParam


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
            chosen[f.name] = tuple(value or ()) if f.name != "metric" else (value or default.metric)
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
            many = name != "metric"  # one metric; every other filter is a list
            allowed = _allowed(name, options)
            param = ViewParam(key, allowed, default=() if many else None, multi=many)
            value, dropped = param.read(params[key])  # the one reader of a link's codes
            ignored += dropped
            if value is not None:
                values[name] = tuple(value) if many else value
        state = replace(cls.default(options), **values)
        if "year" in params:
            state, year_ignored = _read_years(state, [str(v) for v in params["year"]], options)
            ignored += year_ignored
        return state, ignored


GLOBAL_FIELDS = ("countries", "year_from", "year_to", "focus_areas", "statuses")
# The facets each page draws above its charts, by the page's URL path.
PAGE_FACETS = {
    "digital": ("platforms", "metric"),
    "live-events": ("event_types", "cities"),
    "education": ("program_types", "audiences", "languages"),
}
URL_KEYS = {
    "countries": "country",
    "year_from": "year",
    "year_to": "year",
    "focus_areas": "focus",
    "statuses": "status",
    "platforms": "platform",
    "metric": "metric",
    "event_types": "type",
    "cities": "city",
    "program_types": "programme",
    "audiences": "audience",
    "languages": "language",
}


def _allowed(name: str, options: FilterOptions) -> tuple[str, ...]:
    return getattr(options, "metrics" if name == "metric" else name)


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
    return FilterOptions(
        countries=tuple(sorted(countries)),
        year_min=min(years, default=this_year),
        year_max=max(years, default=this_year),
        cities=tuple(sorted(cities)),
    )


def _in(series: pd.Series, selection: Iterable[str]) -> pd.Series:
    selection = tuple(selection)
    return series.isin(selection) if selection else pd.Series(True, index=series.index)


def _overlaps(start: pd.Series, end: pd.Series, state: FilterState) -> pd.Series:
    low, high = state.period
    return (start <= high) & (end.fillna(start) >= low)


def filter_initiatives(initiatives: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    keep = _overlaps(initiatives["start_date"], initiatives["end_date"], state)
    keep &= _in(initiatives["focus_area"], state.focus_areas)
    keep &= _in(initiatives["status"], state.statuses)
    if state.countries:
        wanted = set(state.countries)
        keep &= (
            initiatives["countries"]
            .fillna("")
            .map(lambda cell: bool(wanted.intersection(codes.split_countries(cell))))
        )
    return initiatives[keep]


def _initiative_attributes(rows: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Adds the focus area and initiative name to rows that point at an initiative."""
    lookup = initiatives.set_index("initiative_id")
    return rows.assign(
        focus_area=rows["initiative_id"].map(lookup["focus_area"]),
        initiative_name=rows["initiative_id"].map(lookup["name"]),
    )


def filter_events(
    events: pd.DataFrame, initiatives: pd.DataFrame, state: FilterState
) -> pd.DataFrame:
    rows = _initiative_attributes(events, initiatives)
    keep = _overlaps(rows["start_date"], rows["end_date"], state)
    keep &= _in(rows["country"], state.countries)
    keep &= _in(rows["focus_area"], state.focus_areas)
    keep &= _in(rows["status"], state.statuses)
    keep &= _in(rows["event_type"], state.event_types)
    keep &= _in(rows["city"], state.cities)
    return rows[keep]


def filter_programs(
    programs: pd.DataFrame, initiatives: pd.DataFrame, state: FilterState
) -> pd.DataFrame:
    rows = _initiative_attributes(programs, initiatives)
    keep = _overlaps(rows["start_date"], rows["end_date"], state)
    keep &= _in(rows["country"], state.countries)
    keep &= _in(rows["focus_area"], state.focus_areas)
    keep &= _in(rows["status"], state.statuses)
    keep &= _in(rows["program_type"], state.program_types)
    keep &= _in(rows["audience"], state.audiences)
    keep &= _in(rows["language"], state.languages)
    return rows[keep]


def filter_metrics(
    metrics: pd.DataFrame,
    initiatives: pd.DataFrame,
    state: FilterState,
    *,
    metric: str | None = None,
) -> pd.DataFrame:
    """Digital rows for the state; `metric` narrows to one measure (the page's facet by default)."""
    low, high = state.period
    keep = metrics["month"].between(low, high)
    keep &= _in(metrics["country"], state.countries)
    keep &= _in(metrics["platform"], state.platforms)
    if state.focus_areas or state.statuses:  # decided on the few initiatives, not the many rows
        chosen = initiatives[
            _in(initiatives["focus_area"], state.focus_areas)
            & _in(initiatives["status"], state.statuses)
        ]
        keep &= metrics["initiative_id"].isin(chosen["initiative_id"])
    if metric is not None:
        keep &= metrics["metric"].eq(metric)
    return metrics[keep]


def filter_reference_events(reference: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Real past events are history: only the countries apply, never the plan's period."""
    return reference[_in(reference["country"], state.countries)]
