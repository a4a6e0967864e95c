"""The real halves of the reality checks, cached once per reference table: the cached half gives
the benchmark the hand-counted values, equal content reuses it, changed content recomputes it."""

from __future__ import annotations

import pandas as pd
import pytest

from components import cached
from kpop_explorer.measures import history
from tests.test_history import PLAN, SMALL


@pytest.fixture(autouse=True)
def fresh_cache():
    cached.reference_half.clear()
    yield
    cached.reference_half.clear()


def education_frame(rows: list[tuple]) -> pd.DataFrame:
    """(name, country, category, metric, value, year, note) rows like the reference file."""
    frame = pd.DataFrame(rows, columns=["name", "country", "category", "metric", "value",
                                        "reference_year", "note"])  # fmt: skip
    return frame.assign(city="", opening_year=None, source_url="https://a.example/1")


EDUCATION_ROWS = [
    ("Sorbonne", "FR", "learners", "students", "1,200", 2022, "Confidence: high."),
    ("Uni Berlin", "DE", "learners", "students", ">300", 2021, "Confidence: medium."),
    ("Uni Berlin", "DE", "university_programme", "universities", "12", 2021, None),
    ("Warsaw", "PL", "learners", "students", "500", 2023, None),
    ("Centre", "FR", "korean_cultural_centre", "centre", "1", None, None),
]
EDUCATION = education_frame(EDUCATION_ROWS)

PROGRAMS = pd.DataFrame(
    {
        "program_type": ["language_course", "language_app", "language_course", "workshop"],
        "country": ["FR", "FR", "DE", "PL"],
        "participants_target": [4_000, 1_000, 900, 700],
    }
)


def test_the_cached_half_gives_the_hand_counted_learner_benchmark():
    table = history.learner_benchmark(
        PROGRAMS, EDUCATION, real=cached.reference_half("learners", EDUCATION)
    )
    plan = table[table["kind"] == "plan"].set_index("label")["value"].to_dict()
    assert plan == {"DE": 900.0, "FR": 5_000.0}  # PL plans a workshop only: no language target
    real = table[table["kind"] == "real"]
    assert real["label"].tolist() == ["Uni Berlin (2021)", "Sorbonne (2022)"]  # by number
    assert real["value"].tolist() == [300.0, 1_200.0]
    assert real["confidence"].tolist() == ["medium", "high"]
    pd.testing.assert_frame_equal(table, history.learner_benchmark(PROGRAMS, EDUCATION))


def test_the_cached_halves_give_the_hand_counted_cities_and_festivals():
    cities = history.city_benchmark(PLAN, SMALL, real=cached.reference_half("cities", SMALL))
    table = cities.set_index("city")
    assert table.loc["Paris", ["planned_events", "real_events"]].tolist() == [2, 2]
    assert table.loc["Paris", "real_attendance"] == 14000
    assert table.loc["London", "planned_events"] == 0
    pd.testing.assert_frame_equal(cities, history.city_benchmark(PLAN, SMALL))
    festivals = history.festival_benchmark(
        PLAN, SMALL, real=cached.reference_half("festivals", SMALL)
    )
    real = festivals[festivals["kind"] == "real"]
    assert real["value"].tolist()[:2] == [44_000, 14_000]
    pd.testing.assert_frame_equal(festivals, history.festival_benchmark(PLAN, SMALL))


def test_equal_content_reuses_the_half_and_changed_content_recomputes_it():
    learners = cached.reference_half("learners", EDUCATION)
    same = education_frame(list(EDUCATION_ROWS))  # another object, equal content
    assert same is not EDUCATION
    assert cached.reference_half("learners", same) is learners  # keyed by content, not id
    first = cached.reference_half("cities", SMALL)
    changed = SMALL.copy()
    changed.loc[changed["event_name"] == "A", "attendance_reported"] = 20_000
    again = cached.reference_half("cities", changed)
    assert again.loc[("Paris", "FR"), "real_attendance"] == 20_000
    assert first.loc[("Paris", "FR"), "real_attendance"] == 14_000
    fewer = EDUCATION[EDUCATION["country"] != "FR"]
    assert cached.reference_half("learners", EDUCATION)["country"].tolist() == ["DE", "PL", "FR"]
    assert cached.reference_half("learners", fewer)["country"].tolist() == ["DE", "PL"]
