"""Filters on tiny hand-built tables, whose answers are worked out here by reading the rows.

Every expected value below is a list of row ids picked by hand from the frames in this file,
never computed with the code under test (or with a re-implementation of it).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import validate
from kpop_explorer.links import filters
from kpop_explorer.links.filters import PAGE_FACETS, FilterOptions, FilterState

OPTIONS = FilterOptions(countries=("DE", "ES", "FR"), year_min=2024, year_max=2027)
ALL = FilterState.default(OPTIONS)
YEAR_2025 = replace(ALL, year_from=2025, year_to=2025)


def dates(*texts: str | None) -> pd.Series:
    return pd.to_datetime(pd.Series(texts, dtype="object"))


# Two initiatives: one per focus area and status, so a focus or status filter keeps one.
INITIATIVES = pd.DataFrame(
    {
        "initiative_id": ["INI-1", "INI-2"],
        "name": ["Festival", "Workshops"],
        "focus_area": ["live_events", "education"],
        "status": ["in_progress", "planned"],
        "countries": ["FR;DE", "ES"],
        "start_date": dates("2024-01-01", "2025-01-01"),
        "end_date": dates("2027-12-31", "2026-12-31"),
    }
)

# Runs placed around 2025: the id says where each one lies against 2025's first and last day.
RUNS = {
    "ends-day-before": ("2024-03-01", "2024-12-31"),
    "ends-first-day": ("2024-03-01", "2025-01-01"),
    "starts-mid-period": ("2025-06-15", "2027-02-01"),
    "starts-last-day": ("2025-12-31", "2026-01-10"),
    "starts-day-after": ("2026-01-01", "2026-01-10"),
    "spans-the-year": ("2024-06-01", "2026-06-01"),
    "open-ended-before": ("2024-12-31", None),  # no end date: a one-day run
    "open-ended-within": ("2025-03-01", None),
}
IN_2025 = ["ends-first-day", "starts-mid-period", "starts-last-day", "spans-the-year",
           "open-ended-within"]  # fmt: skip


def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4"],
            "initiative_id": ["INI-1", "INI-1", "INI-2", "INI-2"],
            "event_type": ["festival", "concert", "festival", "showcase"],
            "city": ["Paris", "Berlin", "Madrid", "Paris"],
            "country": ["FR", "DE", "ES", "FR"],
            "status": ["completed", "planned", "planned", "in_progress"],
            "start_date": dates("2025-07-01", "2025-09-01", "2026-05-01", "2025-10-01"),
            "end_date": dates("2025-07-03", "2025-09-01", "2026-05-02", "2025-10-01"),
        }
    )


def programs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "program_id": ["P1", "P2", "P3", "P4"],
            "initiative_id": ["INI-2", "INI-2", "INI-1", "INI-2"],
            "program_type": [
                "language_course",
                "culture_workshop",
                "language_course",
                "exhibition",
            ],
            "audience": ["students", "general_public_tourists", "students", "students"],
            "language": ["fr", "de", "ko", "fr"],
            "country": ["FR", "DE", "FR", "ES"],
            "status": ["in_progress", "planned", "completed", "planned"],
            "start_date": dates("2025-01-01", "2025-02-01", "2024-02-01", "2026-03-01"),
            "end_date": dates("2025-06-30", "2025-03-01", "2024-05-01", "2026-04-01"),
        }
    )


def metrics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": ["M1", "M2", "M3", "M4", "M5", "M6"],
            "month": dates(
                "2024-12-01", "2025-01-01", "2025-12-01", "2026-01-01", "2025-06-01", "2025-06-01"
            ),
            "country": ["FR", "FR", "DE", "FR", "ES", "FR"],
            "platform": [
                "music_streaming",
                "music_streaming",
                "short_video",
                "music_streaming",
                "social_media",
                "short_video",
            ],
            "initiative_id": ["INI-1", "INI-1", "INI-1", "INI-1", "INI-2", "INI-2"],
            "metric": ["streams", "streams", "followers", "streams", "followers", "streams"],
        }
    )


def runs(id_column: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            id_column: list(RUNS),
            "start_date": dates(*(start for start, _ in RUNS.values())),
            "end_date": dates(*(end for _, end in RUNS.values())),
        }
    )


def test_the_period_keeps_runs_touching_its_first_or_last_day():
    initiatives = runs("initiative_id").assign(
        name="x", focus_area="education", status="planned", countries="FR"
    )
    kept = filters.filter_initiatives(initiatives, YEAR_2025)
    assert kept["initiative_id"].tolist() == IN_2025


def test_events_and_programmes_use_the_same_period():
    rows = runs("row").assign(
        initiative_id="INI-1", country="FR", status="planned", event_type="festival",
        city="Paris", program_type="exhibition", audience="students", language="fr",
    )  # fmt: skip
    assert filters.filter_events(rows, INITIATIVES, YEAR_2025)["row"].tolist() == IN_2025
    assert filters.filter_programs(rows, INITIATIVES, YEAR_2025)["row"].tolist() == IN_2025


def test_a_period_of_several_years_runs_from_the_first_to_the_last():
    state = replace(ALL, year_from=2025, year_to=2026)
    assert state.period == (pd.Timestamp("2025-01-01"), pd.Timestamp("2026-12-31"))
    kept = filters.filter_metrics(metrics(), INITIATIVES, state)
    assert kept["row"].tolist() == ["M2", "M3", "M4", "M5", "M6"]


def test_months_of_the_period_are_kept_from_january_to_december():
    kept = filters.filter_metrics(metrics(), INITIATIVES, YEAR_2025)
    assert kept["row"].tolist() == ["M2", "M3", "M5", "M6"]  # not Dec 2024, not Jan 2026


def test_the_default_state_keeps_every_row():
    assert filters.filter_initiatives(INITIATIVES, ALL)["initiative_id"].tolist() == [
        "INI-1", "INI-2"
    ]  # fmt: skip
    assert filters.filter_events(events(), INITIATIVES, ALL)["event_id"].tolist() == [
        "E1", "E2", "E3", "E4"
    ]  # fmt: skip
    assert len(filters.filter_programs(programs(), INITIATIVES, ALL)) == 4
    assert len(filters.filter_metrics(metrics(), INITIATIVES, ALL)) == 6


def test_child_rows_carry_their_initiatives_focus_and_name():
    kept = filters.filter_events(events(), INITIATIVES, ALL)
    assert kept["focus_area"].tolist() == ["live_events", "live_events", "education", "education"]
    assert kept["initiative_name"].tolist() == ["Festival", "Festival", "Workshops", "Workshops"]


@pytest.mark.parametrize(
    ("change", "initiatives", "event_ids", "program_ids", "metric_rows"),
    [
        # INI-1 names FR and DE; P2 lies in DE but belongs to INI-2 (ES only): not selected
        ({"countries": ("DE",)}, ["INI-1"], ["E2"], [], ["M3"]),
        ({"countries": ("FR", "ES")}, ["INI-1", "INI-2"], ["E1", "E3", "E4"], ["P1", "P3", "P4"],
         ["M1", "M2", "M4", "M5", "M6"]),
        ({"focus_areas": ("education",)}, ["INI-2"], ["E3", "E4"], ["P1", "P2", "P4"],
         ["M5", "M6"]),
        # INI-2 is planned: all its rows, whatever their own state (E4 is under way, P1 running)
        ({"statuses": ("planned",)}, ["INI-2"], ["E3", "E4"], ["P1", "P2", "P4"], ["M5", "M6"]),
        ({"statuses": ("in_progress",)}, ["INI-1"], ["E1", "E2"], ["P3"], ["M1", "M2", "M3", "M4"]),
        ({"statuses": ("in_progress",), "focus_areas": ("education",)}, [], [], [], []),
    ],
)  # fmt: skip
def test_global_filters_cut_every_table(change, initiatives, event_ids, program_ids, metric_rows):
    """Every sidebar filter selects initiatives, and every table keeps the rows of the
    initiatives selected (and, for countries, in a chosen country): Status is the initiative's
    status on every page, never an event's or a programme's own."""
    state = replace(ALL, **change)
    assert filters.filter_initiatives(INITIATIVES, state)["initiative_id"].tolist() == initiatives
    assert filters.filter_events(events(), INITIATIVES, state)["event_id"].tolist() == event_ids
    assert filters.filter_programs(programs(), INITIATIVES, state)["program_id"].tolist() == (
        program_ids
    )
    assert filters.filter_metrics(metrics(), INITIATIVES, state)["row"].tolist() == metric_rows


# Each facet a page declares, one choice on it, and the rows of that page's table it keeps.
FACET_CASES = {
    ("digital", "platforms"): (("short_video",), ["M3", "M6"]),
    ("digital", "metric"): ("followers", ["M3", "M5"]),
    ("live-events", "event_types"): (("festival",), ["E1", "E3"]),
    ("live-events", "cities"): (("Paris",), ["E1", "E4"]),
    ("live-events", "event_statuses"): (("planned",), ["E2", "E3"]),
    ("education", "program_statuses"): (("planned",), ["P2", "P4"]),
    ("education", "program_types"): (("language_course",), ["P1", "P3"]),
    ("education", "audiences"): (("students",), ["P1", "P3", "P4"]),
    ("education", "languages"): (("fr",), ["P1", "P4"]),
}


def test_every_facet_the_pages_declare_has_a_case():
    assert set(FACET_CASES) == {(page, f) for page, facets in PAGE_FACETS.items() for f in facets}


@pytest.mark.parametrize(("page", "facet"), sorted(FACET_CASES))
def test_each_page_facet_keeps_only_its_rows(page, facet):
    value, expected = FACET_CASES[page, facet]
    state = replace(ALL, **{facet: value})
    if facet == "metric":
        kept = filters.filter_metrics(metrics(), INITIATIVES, state, metric=state.metric)
        assert kept["row"].tolist() == expected
        return
    kept = {
        "digital": lambda: filters.filter_metrics(metrics(), INITIATIVES, state)["row"],
        "live-events": lambda: filters.filter_events(events(), INITIATIVES, state)["event_id"],
        "education": lambda: filters.filter_programs(programs(), INITIATIVES, state)["program_id"],
    }[page]()
    assert kept.tolist() == expected


def test_a_facet_of_one_page_leaves_the_other_pages_tables_alone():
    state = replace(ALL, event_types=("showcase",), platforms=("social_media",))
    assert len(filters.filter_programs(programs(), INITIATIVES, state)) == 4
    assert filters.filter_events(events(), INITIATIVES, state)["event_id"].tolist() == ["E4"]
    assert filters.filter_metrics(metrics(), INITIATIVES, state)["row"].tolist() == ["M5"]


def test_without_a_metric_every_measure_is_kept():
    state = replace(ALL, metric="followers")  # the page's facet, not passed on
    assert len(filters.filter_metrics(metrics(), INITIATIVES, state)) == 6


def test_reference_events_follow_the_countries_only():
    reference = pd.DataFrame({"country": ["FR", "DE", "GB"], "year": [2012, 2019, 2024]})
    state = replace(YEAR_2025, countries=("DE", "GB"), statuses=("planned",))
    assert filters.filter_reference_events(reference, state)["year"].tolist() == [2019, 2024]
    assert filters.filter_reference_events(reference, ALL)["year"].tolist() == [2012, 2019, 2024]


def test_options_list_the_countries_years_and_cities_in_the_data():
    found = filters.options_from_data(INITIATIVES, events(), programs(), metrics())
    assert found.countries == ("DE", "ES", "FR")
    assert (found.year_min, found.year_max) == (2024, 2027)
    assert found.cities == ("Berlin", "Madrid", "Paris")


def test_options_take_years_from_whatever_dataset_loaded():
    only_metrics = filters.options_from_data(None, None, None, metrics())
    assert (only_metrics.year_min, only_metrics.year_max) == (2024, 2026)
    assert only_metrics.countries == ("DE", "ES", "FR")
    assert only_metrics.cities == ()
    early = programs().assign(start_date=dates("2023-05-01", None, None, None))
    assert filters.options_from_data(None, None, early, None).year_min == 2023


def test_options_without_data_fall_back_to_this_year():
    """The period slider needs two ends, so it runs from this year to the next."""
    empty = filters.options_from_data(None, None, None, None)
    this_year = pd.Timestamp.today().year
    assert (empty.countries, empty.year_min, empty.year_max) == ((), this_year, this_year + 1)


# --- `countries` written with spaces ------------------------------------------------------------


def spaced_initiatives() -> pd.DataFrame:
    """A file whose `countries` cell reads "FR; DE", checked as any loaded file is."""
    raw = pd.DataFrame(
        {
            "initiative_id": ["INI-001"],
            "name": ["Festival"],
            "focus_area": ["live_events"],
            "action_plan": ["Joint festival"],
            "objective": ["Shared stages"],
            "target_audience": ["Fans"],
            "expected_outcome": ["Engagement"],
            "korean_partner": ["Agency"],
            "european_partner": ["Promoter"],
            "lead_country": ["FR"],
            "countries": ["FR; DE"],
            "start_date": ["2025-03-01"],
            "end_date": ["2026-09-30"],
            "status": ["planned"],
            "budget_eur": ["1000000"],
            "kpi_name": ["Attendance"],
            "kpi_unit": ["attendees"],
            "kpi_target": ["1000"],
            "kpi_actual": [""],
        }
    )
    schema = SCHEMAS["initiatives"]
    raw = raw.reindex(columns=schema.column_names, fill_value="")
    result = validate(raw, schema, {})
    assert len(result.frame) == 1, result.rejected  # "FR; DE" is a valid cell
    return result.frame


def test_spaces_after_the_separator_are_not_part_of_a_country():
    frame = spaced_initiatives()
    found = filters.options_from_data(frame, None, None, None)
    assert found.countries == ("DE", "FR")  # not " DE"
    germany = replace(FilterState.default(found), countries=("DE",))
    assert filters.filter_initiatives(frame, germany)["initiative_id"].tolist() == ["INI-001"]


# --- The state in a link and in the widgets -----------------------------------------------------

URL_OPTIONS = FilterOptions(countries=("DE", "FR"), year_min=2024, year_max=2028, cities=("Paris",))


@pytest.mark.parametrize(
    ("years", "period", "ignored"),
    [
        (["2025"], (2025, 2025), []),  # a lone year is that year only
        (["2025", "2027"], (2025, 2027), []),
        (["2027", "2025"], (2025, 2027), []),
        (["2024", "2028"], (2024, 2028), []),  # the data's first and last years are allowed
        (["2023", "2026"], (2024, 2026), []),  # out of the data's range: moved to its edge
        (["2026", "2029"], (2026, 2028), []),
        (["1990", "2027"], (2024, 2027), []),
        (["20250"], (2024, 2028), ["20250"]),
        (["²⁰²⁵"], (2024, 2028), ["²⁰²⁵"]),
        ([" 2026 "], (2024, 2028), [" 2026 "]),  # exactly four ASCII digits, nothing around
        (["x", "2026"], (2026, 2026), ["x"]),
    ],
)
def test_years_in_a_link(years, period, ignored):
    state, wrong = FilterState.from_query_params({"year": years}, URL_OPTIONS)
    assert (state.year_from, state.year_to) == period
    assert wrong == [("year", y) for y in ignored]


def test_a_link_with_every_kind_of_value():
    params = {
        "country": ["FR", "DE", "FR", "XX"],
        "focus": ["education"],
        "metric": ["followers", "streams"],
        "city": ["Paris"],
        "language": ["ko"],
    }
    state, ignored = FilterState.from_query_params(params, URL_OPTIONS)
    assert state == FilterState(
        year_from=2024, year_to=2028, countries=("FR", "DE"), focus_areas=("education",),
        metric="streams", cities=("Paris",), languages=("ko",),
    )  # fmt: skip
    assert ignored == [("country", "XX")]


def test_a_wrong_metric_keeps_the_default_one():
    state, ignored = FilterState.from_query_params({"metric": ["bogus"]}, URL_OPTIONS)
    assert state.metric == "streams"
    assert ignored == [("metric", "bogus")]


def test_links_leave_defaults_out_and_name_the_rest():
    state = FilterState(
        year_from=2025, year_to=2025, countries=("DE",), statuses=("planned",),
        platforms=("short_video",), metric="followers", cities=("Paris",),
    )  # fmt: skip
    assert state.to_query_params(URL_OPTIONS) == {
        "country": ["DE"], "status": ["planned"], "platform": ["short_video"],
        "metric": ["followers"], "city": ["Paris"], "year": ["2025", "2025"],
    }  # fmt: skip
    # a page's link carries the global filters and that page's facets only
    assert state.to_query_params(URL_OPTIONS, facets=("platforms", "metric")) == {
        "country": ["DE"], "status": ["planned"], "platform": ["short_video"],
        "metric": ["followers"], "year": ["2025", "2025"],
    }  # fmt: skip
    assert state.to_query_params(URL_OPTIONS, facets=()) == {
        "country": ["DE"], "status": ["planned"], "year": ["2025", "2025"],
    }  # fmt: skip


def test_only_a_changed_end_year_still_names_the_period():
    state = replace(FilterState.default(URL_OPTIONS), year_to=2026)
    assert state.to_query_params(URL_OPTIONS) == {"year": ["2024", "2026"]}
    state = replace(FilterState.default(URL_OPTIONS), year_from=2025)
    assert state.to_query_params(URL_OPTIONS) == {"year": ["2025", "2028"]}


def test_the_default_state():
    default = FilterState.default(URL_OPTIONS)
    assert (default.year_from, default.year_to, default.metric) == (2024, 2028, "streams")
    assert default.is_default(URL_OPTIONS)
    assert not replace(default, year_to=2027).is_default(URL_OPTIONS)
    assert not replace(default, cities=("Paris",)).is_default(URL_OPTIONS)
    assert default.to_query_params(URL_OPTIONS) == {}


def test_widgets_show_the_state_keyed_by_url_parameter():
    state = FilterState(
        year_from=2025, year_to=2026, countries=("FR",), metric="followers",
        languages=("fr", "ko"),
    )  # fmt: skip
    assert state.widget_values() == {
        "year": (2025, 2026), "country": ["FR"], "focus": [], "status": [], "platform": [],
        "metric": "followers", "type": [], "city": [], "programme": [], "audience": [],
        "language": ["fr", "ko"], "event_status": [], "programme_status": [],
    }  # fmt: skip


def test_the_state_read_back_from_the_widgets():
    values = {"year": (2025, 2026), "country": ["FR"], "metric": "followers", "language": []}
    assert FilterState.from_widget_values(values, URL_OPTIONS) == FilterState(
        year_from=2025, year_to=2026, countries=("FR",), metric="followers"
    )


def test_widgets_not_drawn_yet_count_as_their_default():
    assert FilterState.from_widget_values({}, URL_OPTIONS) == FilterState.default(URL_OPTIONS)
    cleared = {"year": None, "metric": None, "country": None}
    assert FilterState.from_widget_values(cleared, URL_OPTIONS) == FilterState.default(URL_OPTIONS)


def test_a_third_year_in_a_link_is_not_read():
    state, _ = FilterState.from_query_params({"year": ["2025", "2026", "2027"]}, URL_OPTIONS)
    assert (state.year_from, state.year_to) == (2025, 2026)


def test_a_year_is_four_digits_at_most():
    state, ignored = FilterState.from_query_params({"year": ["02025"]}, URL_OPTIONS)
    assert (state.year_from, state.year_to) == (2024, 2028)
    assert ignored == [("year", "02025")]


def test_wrong_years_and_wrong_values_are_all_reported():
    _, ignored = FilterState.from_query_params({"country": ["XX"], "year": ["abc"]}, URL_OPTIONS)
    assert ignored == [("country", "XX"), ("year", "abc")]


def test_a_pages_facet_declared_after_another_is_kept_in_its_links():
    state = replace(FilterState.default(URL_OPTIONS), platforms=("short_video",), cities=("Paris",))
    assert state.to_query_params(URL_OPTIONS, facets=("cities",)) == {"city": ["Paris"]}


def test_options_gather_countries_from_every_dataset():
    found = filters.options_from_data(
        INITIATIVES.assign(countries=["IT;FR", "IT"]),
        events().assign(country="PT"),
        programs().assign(country="NL"),
        metrics().assign(country="BE"),
    )
    assert found.countries == ("BE", "FR", "IT", "NL", "PT")


def test_every_filter_applies_together_with_the_period():
    year_2024 = replace(ALL, year_from=2024, year_to=2024)
    spain_2024 = replace(year_2024, countries=("ES",))
    assert filters.filter_initiatives(INITIATIVES, spain_2024).empty  # INI-2 starts in 2025
    live_2025 = replace(YEAR_2025, focus_areas=("live_events",))
    assert filters.filter_metrics(metrics(), INITIATIVES, live_2025)["row"].tolist() == ["M2", "M3"]
    streams = filters.filter_metrics(metrics(), INITIATIVES, YEAR_2025, metric="streams")
    assert streams["row"].tolist() == ["M2", "M6"]


def test_an_initiative_without_countries_is_left_out_by_a_country_filter():
    unplaced = INITIATIVES.assign(countries=[None, "ES"])
    spain = replace(ALL, countries=("ES",))
    assert filters.filter_initiatives(unplaced, spain)["initiative_id"].tolist() == ["INI-2"]
    assert len(filters.filter_initiatives(unplaced, ALL)) == 2


def metric_rows(state: FilterState) -> pd.DataFrame:
    return filters.filter_metrics(metrics(), INITIATIVES, state)


def test_an_empty_page_names_the_sidebar_filter_that_emptied_it():
    # No initiative is in digital expansion: the focus, not "nothing measured yet"
    assert filters.emptied_by(
        metric_rows, replace(ALL, focus_areas=("digital_expansion",)), OPTIONS
    ) == ("focus_areas")
    # Spain has a figure in 2025 only (M5): in 2024 the period empties it (checked first)...
    only_2024 = replace(ALL, year_from=2024, year_to=2024)
    assert filters.emptied_by(metric_rows, replace(only_2024, countries=("ES",)), OPTIONS) == (
        filters.PERIOD
    )
    # ...and Germany with "planned": DE's one row (M3) is INI-1's, in progress; clearing either
    # brings rows back (M3, or INI-2's M5 and M6), and the first in the sidebar is named
    state = replace(ALL, countries=("DE",), statuses=("planned",))
    assert filters.emptied_by(metric_rows, state, OPTIONS) == "countries"
    # France, education and "in progress": clearing France leaves education (INI-2, planned)
    # against "in progress" (INI-1), still nothing; clearing the focus keeps INI-1's French rows
    state = replace(ALL, countries=("FR",), focus_areas=("education",), statuses=("in_progress",))
    assert filters.emptied_by(metric_rows, state, OPTIONS) == "focus_areas"


def test_when_no_single_filter_is_to_blame_the_first_chosen_is_named():
    # Spain (INI-2 only), live events (INI-1) and "completed" (neither): clearing any one of
    # the three still leaves two that no initiative meets
    state = replace(ALL, countries=("ES",), focus_areas=("live_events",), statuses=("completed",))
    assert filters.emptied_by(metric_rows, state, OPTIONS) == "countries"


def test_clearing_the_period_clears_both_its_years():
    # Spain's one figure is of June 2025 (M5): 2026 alone misses it, and only the whole period
    # (from 2024, not just to 2027) brings it back
    state = replace(ALL, year_from=2026, year_to=2026, countries=("ES",))
    assert filters.emptied_by(metric_rows, state, OPTIONS) == filters.PERIOD
    state = replace(state, focus_areas=("education",))  # INI-2's focus: still the period
    assert filters.emptied_by(metric_rows, state, OPTIONS) == filters.PERIOD


def test_no_culprit_when_rows_are_left_or_nothing_is_chosen():
    assert filters.emptied_by(metric_rows, replace(ALL, countries=("FR",)), OPTIONS) is None
    nothing = metrics().iloc[0:0]
    rows_of = lambda state: filters.filter_metrics(nothing, INITIATIVES, state)  # noqa: E731
    assert filters.emptied_by(rows_of, ALL, OPTIONS) is None
