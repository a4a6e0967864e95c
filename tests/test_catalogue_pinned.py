"""The catalogue pinned by hand: how each measure adds up and what it is judged against, stated
here without reading `measures.CATALOGUE`, and a value worked out by hand for each.

Tests that take their expectations from the catalogue cannot catch a wrong declaration (a level
declared a flow sums twelve months of followers, and every table agrees with every card). These
state the declaration, then count a tiny hand-built portfolio on paper. The as-of date is
31 March 2026; one event is dated exactly on it (it is due, and held)."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer import measures
from kpop_explorer.links.filters import FilterOptions, FilterState

AS_OF = pd.Timestamp("2026-03-31")

# key: (how it adds up, what was due by the as-of date, unit). Written by hand from the
# measures' meaning: followers and monthly listeners are audiences at a moment (levels, never
# summed over months); streams, downloads, viewers, attendance and participants are flows; an
# event is due once its date has passed; a run's participants pro rata over the run.
PINNED = {
    "streams": ("flow", "plan", "count"),
    "monthly_listeners": ("level", "plan", "count"),
    "followers": ("level", "plan", "count"),
    "app_downloads": ("flow", "plan", "count"),
    "virtual_concert_viewers": ("flow", "plan", "count"),
    "events_held": ("count", "schedule", "count"),
    "attendance": ("flow", "schedule", "count"),
    "online_viewers": ("flow", None, "count"),
    "utilisation": ("ratio", None, "percent"),
    "event_countries": ("distinct", None, "count"),
    "participants": ("flow", "run", "count"),
    "programs": ("count", "schedule", "count"),
    "satisfaction": ("mean", None, "rating"),
    "hubs": ("count", "schedule", "count"),
    "program_countries": ("distinct", None, "count"),
    "initiatives": ("count", "schedule", "count"),
    "budget": ("flow", None, "money"),
    "countries": ("distinct", "schedule", "count"),
    "plan_kpi": ("flow", "run", "count"),
}


def test_every_measure_is_pinned():
    assert set(PINNED) == set(measures.CATALOGUE)


@pytest.mark.parametrize("key", sorted(PINNED))
def test_each_measure_adds_up_and_is_judged_as_pinned(key):
    measure = measures.CATALOGUE[key]
    assert (measure.aggregation, measure.due, measure.unit) == PINNED[key]


def d(text: str | None) -> pd.Timestamp:
    return pd.Timestamp(text) if text else pd.NaT


INITIATIVES = pd.DataFrame(
    {
        "initiative_id": ["I1", "I2"], "name": ["One", "Two"],
        "focus_area": ["live_events", "education"], "countries": ["FR;DE", "FR"],
        "start_date": [d("2025-01-01"), d("2026-06-01")],
        "end_date": [d("2026-12-31"), d("2027-06-30")],
        "status": ["in_progress", "planned"], "budget_eur": [1000.0, 500.0],
        "kpi_target": [100.0, 10.0], "kpi_actual": [40.0, None],
    }
)  # fmt: skip


def metric_rows() -> pd.DataFrame:
    rows = [  # (month, country, metric, actual, target)
        ("2026-02-01", "FR", "streams", 100, 110), ("2026-03-01", "FR", "streams", 200, 190),
        ("2026-02-01", "DE", "streams", 50, 60), ("2026-03-01", "DE", "streams", 70, 80),
        ("2026-04-01", "FR", "streams", None, 500),  # after the as-of month: not due
        ("2026-02-01", "FR", "followers", 1000, 1000),
        ("2026-03-01", "FR", "followers", 1200, 1100),
        ("2026-02-01", "DE", "followers", 300, 400), ("2026-03-01", "DE", "followers", 350, 300),
        ("2026-02-01", "FR", "monthly_listeners", 10, 10),
        ("2026-03-01", "FR", "monthly_listeners", 30, 20),
        ("2026-02-01", "FR", "app_downloads", 5, 4), ("2026-03-01", "FR", "app_downloads", 7, 8),
        ("2026-03-01", "DE", "virtual_concert_viewers", 9, 10),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["month", "country", "metric", "actual", "target"])
    return frame.assign(
        month=pd.to_datetime(frame["month"]), platform="music_streaming", initiative_id="I1"
    )


def event_rows() -> pd.DataFrame:
    rows = [  # (id, type, country, date, status, capacity, expected, attendance, online)
        ("E1", "festival", "FR", "2026-01-10", "completed", 1000, 900, 800, None),
        ("E2", "concert", "DE", "2026-03-31", "completed", 500, 400, 500, None),  # on the as-of
        ("E3", "virtual_concert", "FR", "2026-02-01", "completed", None, 10000, None, 7000),
        ("E4", "concert", "FR", "2026-06-01", "planned", 300, 300, None, None),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "event_type", "country", "start_date",
                                        "status", "capacity", "expected_attendance",
                                        "attendance", "online_viewers"])  # fmt: skip
    start = pd.to_datetime(frame["start_date"])
    return frame.assign(
        start_date=start, end_date=start, initiative_id="I1", city="X", name=frame["event_id"]
    )


def program_rows() -> pd.DataFrame:
    rows = [  # (id, type, country, start, end, status, target, actual, satisfaction)
        ("P1", "language_course", "FR", "2026-03-01", "2026-04-30", "in_progress", 100, 40, 4.5),
        ("P2", "kculture_hub", "DE", "2026-01-01", "2026-01-31", "completed", 20, 25, 4.0),
        ("P3", "culture_workshop", "FR", "2026-05-01", "2026-05-31", "planned", 30, None, None),
    ]
    frame = pd.DataFrame(rows, columns=["program_id", "program_type", "country", "start_date",
                                        "end_date", "status", "participants_target",
                                        "participants_actual", "satisfaction"])  # fmt: skip
    return frame.assign(
        start_date=pd.to_datetime(frame["start_date"]), end_date=pd.to_datetime(frame["end_date"]),
        initiative_id="I1", audience="students", language="fr", name=frame["program_id"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def selection() -> measures.Selection:
    options = FilterOptions(countries=("DE", "FR"), year_min=2025, year_max=2027)
    data = {"initiatives": INITIATIVES, "live_events": event_rows(),
            "education_programs": program_rows(), "digital_metrics": metric_rows()}  # fmt: skip
    return measures.select(data, FilterState.default(options), AS_OF)


# key: (value, due by 31 March 2026), counted on paper from the rows above
BY_HAND = {
    "streams": (100 + 200 + 50 + 70, 110 + 190 + 60 + 80),  # April's 500 is not due yet
    "followers": (1200 + 350, 1100 + 300),  # March, the latest month: not 2,850
    "monthly_listeners": (30, 20),  # not 40
    "app_downloads": (5 + 7, 4 + 8),
    "virtual_concert_viewers": (9, 10),
    "events_held": (3, 3),  # E1, E2 (dated on the as-of date: due) and E3; E4 is June's
    "attendance": (800 + 500, 900 + 400),  # in venues: the virtual concert's 10,000 are online
    "online_viewers": (7000, None),
    "utilisation": ((800 + 500) / (1000 + 500), None),  # at events held, in venues
    "event_countries": (2, None),
    "participants": (40 + 25, 100 * 30 / 60 + 20),  # P1 is half-way through its 60 days
    "programs": (2, 2),  # P1 and P2 started; P3 starts in May
    "satisfaction": ((4.5 + 4.0) / 2, None),
    "hubs": (1, 1),  # P2
    "program_countries": (2, None),
    "initiatives": (1, 1),  # I1 under way; I2 starts in June
    "budget": (1500, None),
    "countries": (2, 2),  # FR and DE, both due (I1 names them, activities were due) and reached
    "plan_kpi": (40, 100 * 454 / 729),  # 454 of I1's 729 days have passed
}


@pytest.mark.parametrize("key", sorted(BY_HAND))
def test_each_measure_counts_the_hand_built_portfolio_as_on_paper(selection, key):
    result = selection.result(key)
    value, due = BY_HAND[key]
    assert result.value == pytest.approx(value), key
    if due is None:
        assert result.due is None, key
    else:
        assert result.due == pytest.approx(due), key
