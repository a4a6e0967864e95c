"""Filters cut each table as a person expects, and the URL mapping is strict but forgiving."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from kpop_explorer import filters
from kpop_explorer.filters import MAX_URL_VALUES, FilterState


def test_default_state_keeps_everything(shipped, everything):
    assert len(filters.filter_initiatives(shipped["initiatives"], everything)) == len(
        shipped["initiatives"]
    )
    events = filters.filter_events(shipped["live_events"], shipped["initiatives"], everything)
    assert len(events) == len(shipped["live_events"])
    assert events["focus_area"].notna().all()


def test_country_filter_on_events(shipped, everything):
    state = replace(everything, countries=("FR", "DE"))
    events = filters.filter_events(shipped["live_events"], shipped["initiatives"], state)
    expected = shipped["live_events"]["country"].isin(["FR", "DE"]).sum()
    assert len(events) == expected > 0
    assert set(events["country"]) == {"FR", "DE"}


def test_country_filter_on_initiatives_uses_the_country_list(shipped, everything):
    state = replace(everything, countries=("PL",))
    chosen = filters.filter_initiatives(shipped["initiatives"], state)
    expected = shipped["initiatives"]["countries"].str.split(";").map(lambda c: "PL" in c)
    assert len(chosen) == expected.sum()
    assert 0 < len(chosen) < len(shipped["initiatives"])


def test_period_keeps_overlapping_rows(shipped, everything):
    state = replace(everything, year_from=2025, year_to=2025)
    programs = filters.filter_programs(shipped["education_programs"], shipped["initiatives"], state)
    p = shipped["education_programs"]
    overlap = (p["start_date"] <= "2025-12-31") & (p["end_date"] >= "2025-01-01")
    assert len(programs) == overlap.sum()
    assert len(programs) < len(p)


def test_focus_and_status_filters_on_metrics(shipped, everything):
    initiatives = shipped["initiatives"]
    state = replace(everything, focus_areas=("education",))
    metrics = filters.filter_metrics(shipped["digital_metrics"], initiatives, state)
    education_ids = set(initiatives.loc[initiatives["focus_area"] == "education", "initiative_id"])
    assert set(metrics["initiative_id"]) <= education_ids
    expected = shipped["digital_metrics"]["initiative_id"].isin(education_ids).sum()
    assert len(metrics) == expected


def test_metric_and_platform_facets(shipped, everything):
    state = replace(everything, platforms=("music_streaming",))
    rows = filters.filter_metrics(
        shipped["digital_metrics"], shipped["initiatives"], state, metric="streams"
    )
    m = shipped["digital_metrics"]
    expected = ((m["platform"] == "music_streaming") & (m["metric"] == "streams")).sum()
    assert len(rows) == expected > 0


def test_event_facets(shipped, everything):
    state = replace(everything, event_types=("festival",), cities=("Paris",))
    events = filters.filter_events(shipped["live_events"], shipped["initiatives"], state)
    e = shipped["live_events"]
    assert len(events) == ((e["event_type"] == "festival") & (e["city"] == "Paris")).sum()


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
    assert len(ignored) == 5000 - MAX_URL_VALUES


def test_options_come_from_the_data(options, shipped):
    assert set(options.countries) == set(shipped["live_events"]["country"]) | {
        c for cell in shipped["initiatives"]["countries"] for c in cell.split(";")
    } | set(shipped["education_programs"]["country"]) | set(shipped["digital_metrics"]["country"])
    assert options.year_min == 2024
    assert "Paris" in options.cities


def test_reference_events_ignore_the_period(shipped, everything):
    state = replace(everything, year_from=2027, year_to=2027)
    past = filters.filter_reference_events(shipped["reference_live_events"], state)
    assert len(past) == len(shipped["reference_live_events"])
    assert isinstance(past, pd.DataFrame)
