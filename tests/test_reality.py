"""The reality checks' sentences, worked out by hand from small benchmark tables."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.i18n import Translator
from kpop_explorer.views import reality

en = Translator("en")


def benchmark(*rows: tuple[str, str, float, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kind", "label", "value", "country"])


def test_the_learner_sentence_compares_the_largest_plan_with_its_own_countrys_real_count():
    table = benchmark(
        ("plan", "France", 12_000.0, "FR"),
        ("plan", "Germany", 3_000.0, "DE"),
        ("real", "Learners 2023", 4_000.0, "FR"),
        ("real", "Applicants 2024", 6_000.0, "FR"),
        ("real", "Learners 2022", 90_000.0, "DE"),  # larger, but another country's
    )
    # France plans the most (12,000); France's largest real count is 6,000: 2 times fewer.
    assert reality.learner_sentence(table, en) == (
        "The plan targets 12,000 language learners in France over its whole run; the largest "
        "real count on record there is 6,000 (Applicants 2024) in one year, 2 times fewer."
    )


def test_each_sentence_says_when_there_is_nothing_to_compare():
    only_plan = benchmark(("plan", "2026", 5.0, "FR"))
    only_real = benchmark(("real", "2019", 5.0, "FR"))
    for table in (only_plan, only_real):
        assert reality.learner_sentence(table, en) == en("reality.learners.none")
        assert reality.festival_sentence(table, en) == en("reality.festival.none")
        assert reality.followers_sentence(table, en) == en("reality.followers.none")
    cities = pd.DataFrame({"city": ["Lyon"], "planned_events": [0], "real_events": [2],
                           "real_attendance": [9_000.0]})  # fmt: skip
    assert reality.city_sentence(cities, en) == en("reality.cities.none")


def test_the_city_sentence_leaves_out_the_crowd_when_no_city_reported_one():
    cities = pd.DataFrame({"city": ["Lyon", "Nice"], "planned_events": [2, 1],
                           "real_events": [1, 0], "real_attendance": [None, None]})  # fmt: skip
    assert reality.city_sentence(cities, en) == (
        "1 of the 2 planned event cities have hosted real K-pop events on record."
    )


def test_the_followers_sentence_names_the_latest_real_count_and_its_year():
    table = benchmark(
        ("plan", "2026-10", 6_600_000.0, ""),
        ("real", "2021", 10_000_000.0, ""),
        ("real", "2022", 13_200_000.0, ""),  # the latest edition: 6.6 of 13.2 million is 50%
    )
    assert reality.followers_sentence(table, en) == (
        "The plan's followers target for 2026-10 (6,600,000) equals 50% of the 13,200,000 "
        "members of Hallyu fan communities the Korea Foundation counted in Europe in 2022; a "
        "follower is not a club member, so read it as an order of magnitude."
    )


def test_the_largest_crowd_counts_even_where_another_column_is_empty():
    cities = pd.DataFrame({"city": ["Lyon", "Paris"], "planned_events": [1, 2],
                           "real_events": [1, 3], "real_attendance": [9_000.0, 40_000.0],
                           "country": ["FR", None]})  # fmt: skip
    assert reality.city_sentence(cities, en).endswith(
        "The largest reported crowds were in Paris (40,000); events planned there: 2."
    )
