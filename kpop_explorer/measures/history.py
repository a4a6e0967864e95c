"""What has really happened: aggregates of the three reference datasets for the history page.

Every table keeps the rows' `source_url` and their caveats (`note`, and the confidence the note
states), so a chart drawn from it can name its sources and show its doubts. Nothing here is
estimated: a value the sources do not give stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kpop_explorer.datasets import geo
from kpop_explorer.i18n import Translator

# --- Caveats -----------------------------------------------------------------------------------

_CONFIDENCE = re.compile(r"confidence:\s*([^.]+)", re.IGNORECASE)
_LOW_CONFIDENCE = re.compile(r"\bLOW CONFIDENCE\b")


def confidence(note: object) -> str:
    """The confidence a row's note states ("high", "medium (attendance)"...), else ""."""
    if not isinstance(note, str):
        return ""
    if _LOW_CONFIDENCE.search(note):
        return "low"
    match = _CONFIDENCE.search(note)
    return match.group(1).strip() if match else ""


def source_urls(values: pd.Series) -> list[str]:
    """Every distinct web address in a `source_url` column (cells hold several, split by ' | ')."""
    seen: dict[str, None] = {}
    for cell in values.dropna():
        for url in str(cell).split("|"):
            url = url.strip()
            if url.startswith(("http://", "https://")):
                seen.setdefault(url, None)
    return list(seen)


def with_caveats(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(confidence=[confidence(n) for n in rows["note"]])


def _number(text: object) -> float | None:
    """The figure in a sourced value: '1014' -> 1014, '>1000' -> 1000, '25-30' -> 25."""
    if not isinstance(text, str):
        return None
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return float(match.group(0).replace(",", "")) if match else None


# --- Events ------------------------------------------------------------------------------------

CANCELLED_MARK = "status = cancelled"


def held_events(events: pd.DataFrame) -> pd.DataFrame:
    """Dated reference events that took place (a cancelled show is flagged in its note), with
    their year, reported attendance and confidence."""
    cancelled = events["note"].fillna("").str.lower().str.contains(CANCELLED_MARK, regex=False)
    held = events[~cancelled & events["date_start"].notna()]
    return with_caveats(held).assign(
        year=held["date_start"].dt.year.astype(int),
        attendance_reported=held["attendance_reported"].astype(float),  # NaN, not NA, for sums
    )


def events_by_year(events: pd.DataFrame) -> pd.DataFrame:
    """Per year: events held, the audience the sources report, how many events report one, and
    the largest event by reported audience, named."""
    held = held_events(events)
    if held.empty:
        return pd.DataFrame(
            columns=[
                "year",
                "events",
                "attendance",
                "with_figure",
                "largest_event",
                "largest_attendance",
                "source_url",
            ]
        )
    ranked = held.sort_values("attendance_reported", ascending=False, na_position="last")
    largest = ranked.groupby("year").first()
    table = held.groupby("year").agg(
        events=("event_name", "size"),
        attendance=("attendance_reported", lambda s: s.sum(min_count=1)),
        with_figure=("attendance_reported", "count"),
    )
    table["largest_event"] = largest["event_name"].where(largest["attendance_reported"].notna())
    table["largest_attendance"] = largest["attendance_reported"]
    table["source_url"] = held.groupby("year")["source_url"].agg(" | ".join)
    years = range(int(table.index.min()), int(table.index.max()) + 1)
    table = table.reindex(years)  # a year without events is a zero, not a missing bar
    table["events"] = table["events"].fillna(0).astype(int)
    table["with_figure"] = table["with_figure"].fillna(0).astype(int)
    table.index.name = "year"
    return table.reset_index()


def events_by_year_and_type(events: pd.DataFrame) -> pd.DataFrame:
    held = held_events(events)
    return (
        held.groupby(["year", "event_type"], as_index=False)
        .agg(events=("event_name", "size"), source_url=("source_url", " | ".join))
        .sort_values(["year", "event_type"], ignore_index=True)
    )


def events_by_country(events: pd.DataFrame) -> pd.DataFrame:
    """Events held and reported audience per country, most events first."""
    held = held_events(events)
    table = (
        held.groupby("country", observed=True)
        .agg(
            events=("event_name", "size"),
            attendance=("attendance_reported", lambda s: s.sum(min_count=1)),
            source_url=("source_url", " | ".join),
        )
        .reset_index()
    )
    table["country"] = table["country"].astype(str)
    return table.sort_values(["events", "attendance"], ascending=False, ignore_index=True)


EVENT_COLUMNS = [
    "event_name",
    "city",
    "country",
    "venue",
    "date_start",
    "event_type",
    "attendance_reported",
    "venue_capacity_or_attendance",
    "confidence",
    "note",
    "source_url",
]


def largest_events(events: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The `n` events with the largest reported audience, largest first."""
    held = held_events(events)
    counted = held[held["attendance_reported"].notna()]
    return counted.nlargest(n, "attendance_reported")[EVENT_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class HeadlineFacts:
    events: int
    first_year: int
    countries: int
    largest: pd.Series | None  # the event with the largest reported audience, if any reports one


def headline_facts(events: pd.DataFrame) -> HeadlineFacts | None:
    """What the history headline says of the held events; None when none was held."""
    held = held_events(events)
    if held.empty:
        return None
    largest = largest_events(events, n=1)
    return HeadlineFacts(
        len(held),
        int(held["year"].min()),
        int(held["country"].nunique()),
        None if largest.empty else largest.iloc[0],
    )


def event_map_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Held events with coordinates, oldest first: what the map plays, one year a frame."""
    held = held_events(events)
    placed = held[held["latitude"].notna() & held["longitude"].notna()]
    return placed.sort_values("date_start", ignore_index=True)


def busiest_year(placed: pd.DataFrame) -> int | None:
    """The year with the most events on the map (the later of equals): where a projector's map
    opens, on a year that tells the story rather than the last one, which may hold one event."""
    if placed.empty:
        return None
    counts = placed["year"].astype(int).value_counts()
    return int(max(counts.index, key=lambda year: (counts[year], year)))


# --- Hallyu fan communities (Korea Foundation) -------------------------------------------------

FAN_MEMBERS = "Hallyu fan club members"
FAN_CLUBS = "Hallyu fan clubs (number)"
FAN_REGIONS = ("Europe", "World")
_COUNTRIES_SURVEYED = re.compile(r"\b(\d+) countries")


def countries_surveyed(note: object) -> int | None:
    """How many countries an edition covered, as its note says; another survey's count quoted
    for comparison (MOFA's) is not this edition's."""
    if not isinstance(note, str):
        return None
    for sentence in re.split(r"(?<=[.;])\s+", note):
        if "MOFA" in sentence:
            continue
        match = _COUNTRIES_SURVEYED.search(sentence)
        if match:
            return int(match.group(1))
    return None


def fan_series(hallyu: pd.DataFrame) -> pd.DataFrame:
    """Fan-community members and clubs in Europe and the world, one row per edition."""
    rows = hallyu[
        hallyu["indicator"].isin([FAN_MEMBERS, FAN_CLUBS])
        & hallyu["region_or_country"].isin(FAN_REGIONS)
        & hallyu["year"].str.fullmatch(r"\d{4}").fillna(False)
    ]
    table = with_caveats(rows).assign(
        measure=rows["indicator"].map({FAN_MEMBERS: "members", FAN_CLUBS: "clubs"}),
        region=rows["region_or_country"],
        year=rows["year"].astype(int),
        value=[_number(v) for v in rows["value"]],
        lower_bound=rows["unit"].fillna("").str.contains("lower bound", regex=False),
        countries_surveyed=[countries_surveyed(n) for n in rows["note"]],
    )
    columns = [
        "measure",
        "region",
        "year",
        "value",
        "unit",
        "lower_bound",
        "countries_surveyed",
        "confidence",
        "note",
        "source_url",
    ]
    return table[columns].sort_values(["measure", "region", "year"], ignore_index=True)


BREAK_REASONS = ("gap", "coverage", "lower_bound")


def series_breaks(series: pd.DataFrame) -> pd.DataFrame:
    """Where one edition cannot be read straight against the one before it, per series:

    - gap: editions are missing between the two years (the reference has none for them);
    - coverage: the two editions state different numbers of countries surveyed;
    - lower_bound: either edition gives only a lower bound.

    One row per (measure, region, year) with a break before that year, its reasons joined.
    """
    found = []
    for (measure, region), rows in series.groupby(["measure", "region"], sort=False):
        rows = rows.sort_values("year")
        last_count = None
        previous = None
        for row in rows.itertuples():
            if previous is not None:
                reasons = []
                if row.year - previous.year > 1:
                    reasons.append("gap")
                count = row.countries_surveyed
                if pd.notna(count) and last_count is not None and count != last_count:
                    reasons.append("coverage")
                if row.lower_bound or previous.lower_bound:
                    reasons.append("lower_bound")
                if reasons:
                    found.append((measure, region, previous.year, row.year, ",".join(reasons)))
            if pd.notna(row.countries_surveyed):
                last_count = int(row.countries_surveyed)
            previous = row
    return pd.DataFrame(found, columns=["measure", "region", "year_before", "year", "reasons"])


# --- Korean Cultural Centres and King Sejong Institutes ----------------------------------------

NETWORK_CATEGORIES = ("korean_cultural_centre", "king_sejong_institute")


def network(education: pd.DataFrame) -> pd.DataFrame:
    """The centres and institutes, with their caveats."""
    rows = education[education["category"].isin(NETWORK_CATEGORIES)]
    return with_caveats(rows).reset_index(drop=True)


def cumulative_openings(education: pd.DataFrame, until: int | None = None) -> pd.DataFrame:
    """Per category and year, from the first opening to `until` (default: the last): openings
    that year and the running total. Places whose opening year is not known are not counted."""
    places = network(education)
    dated = places[places["opening_year"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["category", "year", "opened", "cumulative"])
    first = int(dated["opening_year"].min())
    last = max(int(dated["opening_year"].max()), until or 0)
    frames = []
    for category in NETWORK_CATEGORIES:
        opened = (
            dated[dated["category"] == category]["opening_year"]
            .astype(int)
            .value_counts()
            .reindex(range(first, last + 1), fill_value=0)
        )
        frames.append(
            pd.DataFrame(
                {
                    "category": category,
                    "year": opened.index,
                    "opened": opened.values,
                    "cumulative": opened.cumsum().values,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# --- Learners and university programmes (France and Europe) ------------------------------------

LEARNER_CATEGORIES = ("university_programme", "learners")


def learner_counts(education: pd.DataFrame) -> pd.DataFrame:
    """University programmes and learner counts with a number and a year, by what they count."""
    rows = education[education["category"].isin(LEARNER_CATEGORIES)]
    table = with_caveats(rows).assign(number=[_number(v) for v in rows["value"]])
    people = table["metric"] != "universities"  # the one count of places among them
    table = table[table["number"].notna() & table["reference_year"].notna() & people]
    columns = [
        "name",
        "city",
        "country",
        "metric",
        "value",
        "number",
        "reference_year",
        "confidence",
        "note",
        "source_url",
    ]
    return table[columns].sort_values(["metric", "number"], ignore_index=True)


# --- Album exports and other indicators --------------------------------------------------------

EXPORT_RANK = "Rank among destinations for Korean album exports"


def album_export_ranks(hallyu: pd.DataFrame) -> pd.DataFrame:
    """European destinations' rank among Korea's album-export markets (1 = largest)."""
    rows = hallyu[hallyu["indicator"] == EXPORT_RANK]
    table = with_caveats(rows).assign(
        country=[geo.country_code(n) or n for n in rows["region_or_country"]],
        rank=[_number(v) for v in rows["value"]],
    )
    columns = ["country", "year", "rank", "confidence", "note", "source_url"]
    return table[columns].sort_values("rank", ignore_index=True)


def other_indicators(hallyu: pd.DataFrame) -> pd.DataFrame:
    """Every indicator not charted above, as sourced: a table, because units and periods differ
    from row to row and one axis would mislead. The value and its unit come right after the
    indicator's name, so a phone shows them without scrolling the table sideways."""
    charted = (
        hallyu["indicator"].isin([FAN_MEMBERS, FAN_CLUBS])
        & hallyu["region_or_country"].isin(FAN_REGIONS)
    ) | (hallyu["indicator"] == EXPORT_RANK)
    rows = with_caveats(hallyu[~charted])
    columns = [
        "indicator",
        "value",
        "unit",
        "year",
        "region_or_country",
        "confidence",
        "note",
        "source_url",
    ]
    return rows[columns].reset_index(drop=True)


# --- Benchmarks for the plan pages -------------------------------------------------------------

ENGLISH = Translator()  # the language of a benchmark's labels when none is asked
BENCHMARK_COLUMNS = ["label", "kind", "value", "confidence", "note", "source_url"]


def festival_benchmark(
    plan_events: pd.DataFrame,
    reference: pd.DataFrame,
    n: int = 5,
    real: pd.DataFrame | None = None,
    t: Translator = ENGLISH,
):
    """Like with like: the plan's `n` largest festivals, one event each (named by its metro area,
    in `t`'s language, and year), by expected attendance, set against the `n` largest real K-pop
    events in Europe by reported audience (`real`, when given, is `real_festivals(reference, n)`
    computed before). A year's festivals in several cities are several events, never one sum."""
    festivals = plan_events[plan_events["event_type"] == "festival"]
    festivals = festivals[festivals["expected_attendance"].notna()]
    largest = festivals.sort_values("start_date", kind="stable").nlargest(
        n, "expected_attendance", keep="first"
    )
    plan = pd.DataFrame(
        {
            "label": [
                f"{t.city(geo.metro_area(city, country), country)} {date.year}"
                for city, country, date in zip(
                    largest["city"], largest["country"], largest["start_date"], strict=True
                )
            ],
            "kind": "plan",
            "value": largest["expected_attendance"].astype(float).to_numpy(),
        }
    )
    real_rows = real_festivals(reference, n) if real is None else real
    return pd.concat([plan, real_rows], ignore_index=True).reindex(columns=BENCHMARK_COLUMNS)


def real_festivals(reference: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The real half of `festival_benchmark`: it depends on the reference alone, so it can be
    computed once per reference table."""
    real = largest_events(reference, n)
    return pd.DataFrame(
        {
            "label": [
                f"{name} ({date.year})"
                for name, date in zip(real["event_name"], real["date_start"], strict=True)
            ],
            "kind": "real",
            "value": real["attendance_reported"].astype(float),
            "confidence": real["confidence"],
            "note": real["note"],
            "source_url": real["source_url"],
        }
    )


LANGUAGE_PROGRAMMES = ("language_course", "language_app")


def learner_benchmark(
    plan_programs: pd.DataFrame, education: pd.DataFrame, real: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The plan's targeted language learners per country against the real learner and
    applicant counts the reference holds for those countries (`real`, when given, is
    `real_learners(education)` computed before)."""
    language = plan_programs[plan_programs["program_type"].isin(LANGUAGE_PROGRAMMES)]
    planned = language.groupby("country", observed=True)["participants_target"].sum()
    planned = planned[planned > 0]
    plan = pd.DataFrame(
        {
            "label": planned.index.astype(str),
            "kind": "plan",
            "value": planned.values.astype(float),
            "country": planned.index.astype(str),
        }
    )
    real = real_learners(education) if real is None else real
    real = real[real["country"].isin(plan["country"])]
    plan = plan[plan["country"].isin(real["country"])]  # only where a real count exists
    return pd.concat([plan, real], ignore_index=True).reindex(
        columns=[*BENCHMARK_COLUMNS, "country"]
    )


def real_learners(education: pd.DataFrame) -> pd.DataFrame:
    """The real half of `learner_benchmark`, for every country: it depends on the reference
    alone, so it can be computed once per reference table."""
    counts = learner_counts(education)
    return pd.DataFrame(
        {
            "label": [
                f"{name} ({int(year)})"
                for name, year in zip(counts["name"], counts["reference_year"], strict=True)
            ],
            "kind": "real",
            "value": counts["number"],
            "country": counts["country"],
            "confidence": counts["confidence"],
            "note": counts["note"],
            "source_url": counts["source_url"],
        }
    )


def city_benchmark(
    plan_events: pd.DataFrame, reference: pd.DataFrame, real: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per city with planned or real events: events and expected audience planned there, and
    the real events held there with their reported audience, both halves by metro area (the
    Stade de France, in Saint-Denis, and the festival's arena in Nanterre count under Paris, as
    the festival chart names them). `real`, when given, is `real_cities(reference)` computed
    before."""
    real = real_cities(reference) if real is None else real
    country = plan_events["country"].astype(str)
    planned = (
        plan_events.assign(
            city=[geo.metro_area(c, k) for c, k in zip(plan_events["city"], country, strict=True)],
            country=country,
        )
        .groupby(["city", "country"])
        .agg(planned_events=("event_id", "size"), planned_attendance=("expected_attendance", "sum"))
    )
    table = planned.join(real, how="outer").reset_index()
    table["real_events"] = table["real_events"].fillna(0).astype(int)
    table["planned_events"] = table["planned_events"].fillna(0).astype(int)
    return table.sort_values(
        ["real_events", "real_attendance", "planned_events"], ascending=False, ignore_index=True
    )


def real_cities(reference: pd.DataFrame) -> pd.DataFrame:
    """The real half of `city_benchmark`, indexed by city and country: it depends on the
    reference alone, so it can be computed once per reference table."""
    held = held_events(reference)
    country = held["country"].astype(str)
    held = held.assign(
        city=[geo.metro_area(c, k) for c, k in zip(held["city"], country, strict=True)],
        country=country,
    )
    real = held.groupby(["city", "country"]).agg(
        real_events=("event_name", "size"),
        real_attendance=("attendance_reported", lambda s: s.sum(min_count=1)),
        source_url=("source_url", " | ".join),
    )
    return real


def followers_benchmark(
    metrics: pd.DataFrame, hallyu: pd.DataFrame, series: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The plan's followers in its last measured month (its target beside what was measured)
    against the members of Hallyu fan communities the Korea Foundation counted in Europe.
    `series`, when given, is `fan_series(hallyu)` computed before."""
    followers = metrics[(metrics["metric"] == "followers") & metrics["actual"].notna()]
    rows = []
    if not followers.empty:
        month = followers["month"].max()
        latest = followers[followers["month"] == month]
        rows = [
            {"label": f"{month:%Y-%m}", "kind": "plan", "value": float(latest["target"].sum())},
            {"label": f"{month:%Y-%m}", "kind": "actual", "value": float(latest["actual"].sum())},
        ]
    series = fan_series(hallyu) if series is None else series
    members = series[(series["measure"] == "members") & (series["region"] == "Europe")]
    real = pd.DataFrame(
        {"label": members["year"].astype(str), "kind": "real", "value": members["value"],
         "confidence": members["confidence"], "note": members["note"],
         "source_url": members["source_url"]}
    )  # fmt: skip
    return pd.concat([pd.DataFrame(rows), real], ignore_index=True).reindex(
        columns=BENCHMARK_COLUMNS
    )
