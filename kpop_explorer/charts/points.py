"""Map and calendar points: one row per mark, with its id, hover text, colour and size.

Kept apart from `figures`, which draws them: a page picks rows back from these ids
(`select_rows`), so the points and the selection rules live in one place. Many rows are grouped
by place (or by month, on the calendar): a map cannot show thousands of marks.
"""

from __future__ import annotations

import pandas as pd

from kpop_explorer.charts import theme
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import chart_text as escape
from kpop_explorer.measures.aggregates import event_sizes

MAX_POINTS = 400  # beyond this, points are grouped: a map cannot show thousands of marks
PLACE_PREFIX = "place:"


def place_id(city: str, country: str, kind: str) -> str:
    return f"{PLACE_PREFIX}{city}|{country}|{kind}"


def _grouped_places(
    rows: pd.DataFrame,
    kind_column: str,
    size: pd.Series,
    vocabulary: str,
    count_key: str,
    colors: dict[str, str],
    t: Translator,
) -> pd.DataFrame:
    """One point per city and kind, sized by the sum: for selections too large to draw singly."""
    groups = (
        rows.assign(size=size)
        .groupby(["city", "country", kind_column], as_index=False)
        .agg(latitude=("latitude", "mean"), longitude=("longitude", "mean"),
             size=("size", "sum"), count=("size", "size"), start_date=("start_date", "min"))
    )  # fmt: skip
    groups["id"] = [
        place_id(city, country, kind)
        for city, country, kind in zip(
            groups["city"], groups["country"], groups[kind_column], strict=True
        )
    ]
    groups["hover"] = [
        f"<b>{escape(t.place(city, country))}</b><br>"
        f"{t.label(vocabulary, kind)}: {t(count_key, n=t.number(n))}<br>"
        f"{t('hover.total', value=t.number(total))}"
        for city, country, kind, n, total in zip(
            groups["city"], groups["country"], groups[kind_column], groups["count"],
            groups["size"], strict=True,
        )
    ]  # fmt: skip
    groups["color"] = groups[kind_column].map(colors).fillna("#999")
    return groups


def select_rows(
    rows: pd.DataFrame, ids: list[str], id_column: str, kind_column: str
) -> pd.DataFrame:
    """The rows behind the marks picked on a map: single rows by id, grouped ones by place."""
    places = {
        tuple(i[len(PLACE_PREFIX) :].split("|", 2)) for i in ids if i.startswith(PLACE_PREFIX)
    }
    keys = zip(rows["city"], rows["country"], rows[kind_column], strict=True)
    in_place = pd.Series([key in places for key in keys], index=rows.index, dtype=bool)
    return rows[rows[id_column].isin(ids) | in_place]


def event_points(events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Events as map/calendar points: id, hover text, colour and marker size."""
    if len(events) > MAX_POINTS:
        return _grouped_places(events, "event_type", event_sizes(events), "event_type",
                               "hover.events", theme.EVENT_TYPE_COLORS, t)  # fmt: skip
    hover = [
        "<br>".join(
            [
                f"<b>{escape(name)}</b>",
                f"{t.label('event_type', kind)} · {t.label('status', status)}",
                f"{escape(venue)}, {escape(t.place(city, country))}",
                t.date(start),
                t("hover.attendance", value=t.number(size)),
            ]
        )
        for name, kind, status, venue, city, country, start, size in zip(
            events["name"], events["event_type"], events["status"], events["venue"],
            events["city"], events["country"], events["start_date"], event_sizes(events),
            strict=True,
        )
    ]  # fmt: skip
    return events.assign(
        id=events["event_id"],
        hover=hover,
        color=events["event_type"].map(theme.EVENT_TYPE_COLORS).fillna("#999"),
        size=event_sizes(events),
    )


def reference_event_points(reference: pd.DataFrame, t: Translator) -> pd.DataFrame:
    hover = [
        f"<b>{escape(name)}</b><br>{escape(venue)}, {escape(t.city(city, country))}"
        f"<br>{t.date(start)}<br>{escape(audience)}"
        f"<br><i>{t('chart.reference')}</i>"
        for name, venue, city, country, start, audience in zip(
            reference["event_name"], reference["venue"].fillna(""), reference["city"],
            reference["country"], reference["date_start"],
            reference["venue_capacity_or_attendance"].fillna(""), strict=True,
        )
    ]  # fmt: skip
    return reference.assign(id="ref:" + reference.index.astype(str), hover=hover)


def program_points(programs: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Programme runs as map points, sized by participants (counted, else targeted)."""
    size = programs["participants_actual"].fillna(programs["participants_target"]).astype(float)
    if len(programs) > MAX_POINTS:
        return _grouped_places(programs, "program_type", size, "program_type", "hover.runs",
                               theme.PROGRAM_TYPE_COLORS, t)  # fmt: skip
    hover = [
        f"<b>{escape(name)}</b><br>{t.label('program_type', kind)} · {t.label('status', status)}"
        f"<br>{escape(institution)}, {escape(t.place(city, country))}"
        f"<br>{t('hover.participants', value=t.number(value))}"
        for name, kind, status, institution, city, country, value in zip(
            programs["name"], programs["program_type"], programs["status"],
            programs["institution"], programs["city"], programs["country"], size, strict=True,
        )
    ]  # fmt: skip
    return programs.assign(
        id=programs["program_id"],
        hover=hover,
        color=programs["program_type"].map(theme.PROGRAM_TYPE_COLORS).fillna("#999"),
        size=size,
    )


REFERENCE_PLACE_CATEGORIES = ("korean_cultural_centre", "king_sejong_institute")


def reference_place_points(reference: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Korean Cultural Centres and King Sejong Institutes that have coordinates."""
    places = reference[
        reference["category"].isin(REFERENCE_PLACE_CATEGORIES) & reference["latitude"].notna()
    ]
    hover = [
        f"<b>{escape(name)}</b><br>{t(f'reference.{category}')} · "
        f"{escape(t.city(city, country))}"
        + (f"<br>{t('hover.opened', year=int(year))}" if pd.notna(year) else "")
        + f"<br><i>{t('chart.reference')}</i>"
        for name, category, city, country, year in zip(
            places["name"], places["category"], places["city"], places["country"],
            places["opening_year"], strict=True,
        )
    ]  # fmt: skip
    return places.assign(id="ref:" + places.index.astype(str), hover=hover)


def calendar_points(events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Events for the calendar; many events are grouped by month and type."""
    if len(events) <= MAX_POINTS:
        return event_points(events, t)
    month = events["start_date"].dt.to_period("M").dt.start_time
    groups = (
        events.assign(size=event_sizes(events), month=month)
        .groupby(["month", "event_type"], as_index=False)
        .agg(size=("size", "sum"), count=("size", "size"))
        .rename(columns={"month": "start_date"})
    )
    groups["id"] = (
        "month:" + groups["start_date"].dt.strftime("%Y-%m") + "|"
        + groups["event_type"].astype(str)
    )  # fmt: skip
    groups["hover"] = [
        f"<b>{t.month(month)}</b><br>{t.label('event_type', kind)}: "
        f"{t('hover.events', n=t.number(n))}<br>{t('hover.total', value=t.number(total))}"
        for month, kind, n, total in zip(
            groups["start_date"], groups["event_type"], groups["count"], groups["size"],
            strict=True,
        )
    ]  # fmt: skip
    groups["color"] = groups["event_type"].map(theme.EVENT_TYPE_COLORS).fillna("#999")
    return groups
