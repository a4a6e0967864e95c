"""Each page's headline, word for word, on the small hand-built frames of `test_measures`: the
share it quotes, who leads or grows fastest, and what it says when there is nothing to judge.
Every figure in an expected sentence is worked out in the comment above it."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer import measures
from kpop_explorer.i18n import Translator
from kpop_explorer.links import filters
from kpop_explorer.measures import Result, Selection
from kpop_explorer.views import headlines
from tests.test_measures import (
    AS_OF,
    events_frame,
    initiatives_frame,
    metrics_frame,
    programs_frame,
    small_selection,
)

T = pd.Timestamp


@pytest.fixture
def t():
    return Translator("en")


# --- The standing in words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(105, "105% of what was due (ahead of plan)"), (95, "95% of what was due (on track)"),
     (94, "94% of what was due (behind plan)")],
)  # fmt: skip
def test_judged_says_the_share_of_what_was_due_and_its_standing(t, value, expected):
    assert headlines.judged(Result("streams", value, due=100, target=200), t) == expected


# --- Overview -----------------------------------------------------------------------------------


def overview(selection: Selection, t: Translator) -> str:
    return headlines.overview_headline(selection, measures.activity_by_country(selection), t)


def test_overview_headline_quotes_the_portfolio_both_shares_and_the_two_leaders(t):
    # 4 initiatives, 1000 + 2000 + 500 + 700 = 4,200 euros. Participants 90 + 300 = 390 of
    # 100 + 1190 * 58/119 = 680 due: 57%. Streams 66 of 126 due: 52%. Activities (events and
    # programme runs): France 2 + 2, Germany 2 + 1; Italy and Spain only have plans.
    assert overview(small_selection(), t) == (
        "4 initiatives worth €4,200 in the selection; "
        "programme participants stand at 57% of what was due (behind plan); "
        "streams at 52% of what was due (behind plan). France and Germany lead on activity."
    )


def test_overview_headline_names_no_country_without_activity(t):
    # France and Italy: INI-1, -2, -3 name one of them (3,500 euros); Italy has a plan only, so
    # France leads alone. Streams in France: 10 + 20 + 30 = 60 of 20 + 30 + 40 = 90 due: 67%.
    assert overview(small_selection(countries=("FR", "IT")), t) == (
        "3 initiatives worth €3,500 in the selection; "
        "programme participants stand at 57% of what was due (behind plan); "
        "streams at 67% of what was due (behind plan). France leads on activity."
    )


def test_overview_headline_names_a_country_with_a_single_activity(t):
    # Germany, concerts only: its festivals are left out, its one programme run (P3) stays.
    # Streams in Germany: 1 + 2 + 3 = 6 of 11 + 12 + 13 = 36 due: 17%; P3 has nothing due.
    assert overview(small_selection(countries=("DE",), event_types=("concert",)), t) == (
        "3 initiatives worth €3,500 in the selection; "
        "streams at 17% of what was due (behind plan). Germany leads on activity."
    )


def test_overview_headline_gives_a_large_budget_in_short(t):
    initiatives = initiatives_frame()
    data = {"initiatives": initiatives.assign(budget_eur=initiatives["budget_eur"] * 1000),
            "live_events": events_frame(), "education_programs": programs_frame(),
            "digital_metrics": metrics_frame()}  # fmt: skip
    selection = measures.select(data, filters.FilterState(2025, 2027), AS_OF)
    assert overview(selection, t).startswith("4 initiatives worth €4.2m in the selection;")


def test_overview_headline_without_anything_due_is_the_portfolio_alone(t):
    # Spain: INI-4 alone (700 euros), nothing measured or held there.
    assert overview(small_selection(countries=("ES",)), t) == (
        "1 initiative worth €700 in the selection."
    )


# --- Digital ------------------------------------------------------------------------------------


def two_years_of_streams() -> pd.DataFrame:
    """March 2025 and March 2026 in France and Germany: the windows growth compares."""
    rows = [  # country, month, actual, target
        ("FR", "2025-03-01", 100.0, 100.0), ("FR", "2026-03-01", 200.0, 200.0),
        ("DE", "2025-03-01", 100.0, 100.0), ("DE", "2026-03-01", 150.0, 200.0),
        ("ES", "2025-03-01", 100.0, 100.0), ("ES", "2026-03-01", 110.0, 110.0),
        ("IT", "2026-03-01", 50.0, 50.0),  # no year before: no growth to tell
        ("FR", "2026-04-01", None, 300.0),  # planned, after the as-of date
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["country", "month", "actual", "target"])
    return frame.assign(month=pd.to_datetime(frame["month"]), metric="streams",
                        platform="music_streaming", initiative_id="INI-1")  # fmt: skip


def test_digital_headline_names_the_country_that_grew_fastest(t):
    # 100 + 200 + 100 + 150 + 100 + 110 + 50 = 810 of 860 due: 94%. France doubled (+100%),
    # ahead of Germany (+50%) and Spain (+10%).
    selection = Selection({"digital_metrics": two_years_of_streams()}, AS_OF)
    assert headlines.digital_headline(selection, "streams", "Streams", t) == (
        "Streams in the selection: 810, 94% of what was due (behind plan); "
        "France grew fastest over the last 12 months (100%)."
    )


def test_digital_headline_without_a_year_to_compare_ends_at_the_share(t):
    # January to March 2026 only: 66 of 126 due, 52%; no month a year before to grow from.
    assert headlines.digital_headline(small_selection(), "streams", "Streams", t) == (
        "Streams in the selection: 66, 52% of what was due (behind plan)."
    )


def test_digital_headline_with_nothing_due_says_nothing_is_measured(t):
    planned = two_years_of_streams()
    selection = Selection({"digital_metrics": planned[planned["month"] > AS_OF]}, AS_OF)
    assert headlines.digital_headline(selection, "streams", "Streams", t) == (
        "No Streams measured yet for this selection."
    )


# --- Live events --------------------------------------------------------------------------------


def live(events: pd.DataFrame, t: Translator) -> str:
    return headlines.live_headline(Selection({"live_events": events}, AS_OF), t)


def test_live_headline_quotes_events_held_attendance_and_the_two_largest_cities(t):
    # E1-E3 held of E1-E3 due (E4 is in September). Attendance in venues 900 + 1200 = 2,100 of
    # 800 + 1500 = 2,300 due: 91%. Berlin (1,200) before Paris (900).
    assert headlines.live_headline(small_selection(), t) == (
        "3 events held of 3 due; attendance at 91% of what was due (behind plan); "
        "Berlin and Paris lead."
    )


def test_live_headline_of_one_city_says_it_leads(t):
    events = events_frame()
    # Paris: the concert E1 and the virtual concert E2, both held. Attendance (E1's only) 900
    # of 800 due: 112.5%, which a percent rounds half to even.
    assert live(events[events["city"] == "Paris"], t) == (
        "2 events held of 2 due; attendance at 112% of what was due (ahead of plan); Paris leads."
    )


def test_live_headline_without_attendance_due_stops_at_events_held(t):
    events = events_frame()
    # The virtual concert alone: held, but its audience is online, not attendance.
    assert live(events[events["event_id"] == "E2"], t) == "1 event held of 1 due."


def test_live_headline_before_any_event_is_held(t):
    events = events_frame()
    assert live(events[events["event_id"] == "E4"], t) == (
        "1 event planned in the selection; it has not been held yet."
    )
    assert live(events.iloc[0:0], t) == "No event matches these filters."


# --- Education ----------------------------------------------------------------------------------


def education(programs: pd.DataFrame, t: Translator) -> str:
    return headlines.education_headline(Selection({"education_programs": programs}, AS_OF), t)


def test_education_headline_quotes_participants_and_the_type_doing_best(t):
    # 390 of 680 due: 57%. Workshops 90 of 100 due (90%) beat the hub's 300 of 580 (52%); the
    # language course has nothing due and is not judged.
    assert headlines.education_headline(small_selection(), t) == (
        "390 participants so far, 57% of what was due (behind plan); "
        "Culture workshops do best (90%)."
    )


def test_education_headline_names_the_best_of_three_types(t):
    programs = programs_frame()
    # The language course ran January to March instead: 60 of its 50 due, 120%, best of the
    # three (workshops 90%, the hub 52%). 90 + 300 + 60 = 450 of 100 + 580 + 50 = 730: 62%.
    programs.loc[2, ["start_date", "end_date", "participants_actual"]] = [
        T("2026-01-01"), T("2026-03-31"), 60,
    ]  # fmt: skip
    assert education(programs, t) == (
        "450 participants so far, 62% of what was due (behind plan); "
        "Language courses do best (120%)."
    )


def test_education_headline_before_any_run_starts(t):
    programs = programs_frame()
    assert education(programs[programs["program_id"] == "P3"], t) == (
        "1 programme run planned in the selection; it has not started yet."
    )
    # The hub has started (580 due) but has no participants counted yet: no run counts.
    uncounted = programs[programs["program_id"] == "P2"].assign(participants_actual=None)
    assert education(uncounted, t) == (
        "1 programme run planned in the selection; it has not started yet."
    )
    assert education(programs.iloc[0:0], t) == "No programme matches these filters."


# --- History ------------------------------------------------------------------------------------


def reference_events(attendance: list[float | None]) -> pd.DataFrame:
    """Three real-looking events in two countries, the last cancelled (its note says so)."""
    return pd.DataFrame(
        {
            "event_name": ["Show A", "Show B", "Show C"],
            "city": ["Paris", "London", "Berlin"],
            "country": ["FR", "GB", "DE"],
            "venue": ["Zénith", "O2", "Arena"],
            "date_start": pd.to_datetime(["2014-06-01", "2011-06-10", "2010-01-01"]),
            "event_type": ["concert"] * 3,
            "attendance_reported": pd.array(attendance, dtype="Int64"),
            "venue_capacity_or_attendance": ["", "", ""],
            "note": ["Confidence: high.", "Confidence: medium.", "status = cancelled."],
            "source_url": ["https://a.example", "https://b.example", "https://c.example"],
        }
    )


def test_history_headline_counts_events_held_and_names_the_largest(t):
    # Shows A and B held (C cancelled), since 2011, in France and Britain; A drew the most.
    assert headlines.history_headline(reference_events([14_000, 10_000, 50_000]), t) == (
        "2 K-pop events held in Europe since 2011, in 2 countries, are on record. "
        "The largest reported audience: Show A, Paris, 14,000."
    )


def test_history_headline_without_a_reported_audience_names_none(t):
    assert headlines.history_headline(reference_events([None, None, 50_000]), t) == (
        "2 K-pop events held in Europe since 2011, in 2 countries, are on record."
    )


def test_history_headline_is_none_when_nothing_was_held(t):
    events = reference_events([None, None, None])
    assert headlines.history_headline(events[events["event_name"] == "Show C"], t) is None
