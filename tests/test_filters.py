"""The URL mapping is strict but forgiving. (How filters cut tables: tests/test_filter_cases.py.)"""

from __future__ import annotations

import pytest

from kpop_explorer.links.filters import FilterState
from kpop_explorer.links.view_params import MAX_VALUES


def test_url_round_trip(options):
    state = FilterState(
        year_from=2025, year_to=2026, countries=("FR", "DE"), focus_areas=("education",),
        statuses=("completed",), metric="followers", event_types=("concert",),
    )  # fmt: skip
    params = state.to_query_params(options)
    assert params["country"] == ["FR", "DE"]
    assert params["year"] == ["2025", "2026"]
    assert "platform" not in params  # defaults are left out
    back, ignored = FilterState.from_query_params(params, options)
    assert back == state
    assert ignored == []


def test_default_state_has_an_empty_url(options, everything):
    assert everything.to_query_params(options) == {}


@pytest.mark.parametrize(
    ("params", "expected_ignored"),
    [
        ({"country": ["FR", "XX", "<script>alert(1)</script>"]},
         [("country", "XX"), ("country", "<script>alert(1)</script>")]),
        ({"focus": ["nope"]}, [("focus", "nope")]),
        ({"year": ["abc", "2025"]}, [("year", "abc")]),
        ({"year": ["²⁰²⁵", "2025"]}, [("year", "²⁰²⁵")]),
        ({"metric": ["bogus"]}, [("metric", "bogus")]),
    ],
)  # fmt: skip
def test_invalid_url_values_are_ignored(options, params, expected_ignored):
    state, ignored = FilterState.from_query_params(params, options)
    assert ignored == expected_ignored
    assert "XX" not in state.countries
    assert state.metric in options.metrics


def test_reversed_years_are_read_the_right_way_round(options):
    state, _ = FilterState.from_query_params({"year": ["2026", "2024"]}, options)
    assert (state.year_from, state.year_to) == (2024, 2026)


def test_absurdly_long_lists_are_cut(options):
    state, ignored = FilterState.from_query_params({"country": ["FR"] * 5000}, options)
    assert state.countries == ("FR",)
    assert len(ignored) == 5000 - MAX_VALUES


def test_years_beyond_the_first_two_valid_ones_are_reported_as_ignored(options):
    low = str(options.year_min)
    raw = ["20x4", low, "1990", "9999"]  # 1990 and 9999 are read (moved to the data's edges)
    state, ignored = FilterState.from_query_params({"year": raw}, options)
    assert (state.year_from, state.year_to) == (options.year_min, options.year_min)
    assert ignored == [("year", "20x4"), ("year", "9999")]
