"""The briefing workbook names everything that narrowed the view; its numbers are numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from kpop_explorer.exports import briefing
from kpop_explorer.exports.briefing import Briefing, ShownKpi
from kpop_explorer.i18n import Translator
from kpop_explorer.links.filters import FilterOptions, FilterState
from kpop_explorer.measures import Result

OPTIONS = FilterOptions(countries=("DE", "FR"), year_min=2024, year_max=2027)
ALL = FilterState.default(OPTIONS)


def lines(state: FilterState, lang: str = "en", facets=(), selections=None):
    return briefing.filter_lines(state, OPTIONS, Translator(lang), facets, selections)


def test_nothing_narrowed_is_the_only_case_that_says_no_filter():
    t = Translator("en")
    assert lines(ALL) == []
    assert briefing.filter_summary([], t) == "Showing everything: no filter is active."


@pytest.mark.parametrize(
    ("state", "facets", "selections", "expected"),
    [
        (FilterState(2025, 2026), (), None, [("Period (years)", "2025–2026")]),
        (FilterState(2024, 2027, countries=("FR",)), (), None, [("Countries", "France")]),
        # A facet of the page counts; one set on another page (not in `facets`) does not.
        (FilterState(2024, 2027, platforms=("music_streaming",)), ("platforms", "metric"), None,
         [("Platform", "Music streaming"), ("Metric", "Streams")]),
        (FilterState(2024, 2027, audiences=("artists_educators",)), ("audiences",), None,
         [("Audience", "Artists & educators")]),
        # A selection on a chart narrows the view as much as a filter does.
        (ALL, (), [["France", "Germany"]], [("Selected on a chart", "France, Germany")]),
    ],
)  # fmt: skip
def test_every_filter_facet_and_selection_is_named(state, facets, selections, expected):
    assert lines(state, facets=facets, selections=selections) == expected
    summary = briefing.filter_summary(expected, Translator("en"))
    assert "no filter" not in summary
    assert all(value in summary for _, value in expected)


def test_a_facet_of_another_page_does_not_count():
    assert lines(FilterState(2024, 2027, platforms=("music_streaming",)), facets=()) == []


def test_french_names_the_filters_in_french():
    found = lines(FilterState(2024, 2027, countries=("DE",)), "fr", selections=[["Allemagne"]])
    assert found == [("Pays", "Allemagne"), ("Sélection sur un graphique", "Allemagne")]


def read(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def written():
    kpis = [
        # 82 events due by the as-of date of a plan of 120: the sheet's "plan by now" is the 82
        ShownKpi(Result("events_held", 57, due=82, target=120), "Events held", "57", "70% of 82"),
        ShownKpi(Result("budget", 138_700_000.0, unit="money"), "Budget", "€138.7m", ""),
        ShownKpi(Result("utilisation", 0.92, unit="percent"), "Capacity used", "92%", ""),
    ]
    by_country = pd.DataFrame({"Country": ["France", "Germany"], "Growth": [0.25, -0.05],
                               "Attendance": [1200, -5]})  # fmt: skip
    same_rows = by_country.copy()  # a second panel drawn from the very same rows
    cities = pd.DataFrame({"City": ["Paris"], "Capacity used": [0.875]})
    long_title = "Streams growth by country, first to last month of the period"
    shown = Briefing(
        headline="Streams rose.",
        kpis=kpis,
        tables=[(long_title, lambda: by_country), ("Timeline", lambda: same_rows),
                ("Venues", lambda: cities)],
        selections=[["France"]],
    )  # fmt: skip
    state = FilterState(2024, 2027, countries=("FR",), metric="followers")
    found = briefing.filter_lines(state, OPTIONS, Translator("en"), ("metric",), shown.selections)
    data = briefing.workbook(
        shown, "Digital expansion", found, pd.Timestamp("2026-10-31"), Translator("en"), "note"
    )
    return read(data)


def test_the_summary_records_every_filter_facet_and_selection(written):
    rows = dict(written["Summary"].iter_rows(min_row=2, values_only=True))
    assert rows["View"] == "Digital expansion"
    assert rows["Headline"] == "Streams rose."
    assert rows["Filters"] == (
        "Showing: Countries: France · Metric: Followers · Selected on a chart: France"
    )
    assert rows["  Countries"] == "France" and rows["  Metric"] == "Followers"
    assert rows["  Selected on a chart"] == "France"
    assert rows["Data as of"] == "31 Oct 2026"


def test_kpis_are_numbers_with_number_formats(written):
    sheet = written["KPIs"]
    header = [c.value for c in sheet[1]]
    assert header == ["Indicator", "Value", "Plan by now", "Share of plan", "As shown"]
    events, budget, used = list(sheet.iter_rows(min_row=2))
    assert (events[1].value, events[1].data_type, events[1].number_format) == (57, "n", "#,##0")
    assert (events[2].value, events[3].value) == (82, pytest.approx(57 / 82))
    assert events[3].number_format == "0.0%"  # the precision the screen shows
    assert budget[1].value == 138_700_000 and "€" in budget[1].number_format
    assert budget[2].value is None and budget[3].value is None
    assert (used[1].value, used[1].number_format) == (0.92, "0.0%")
    assert events[4].value == "57"


def test_one_sheet_per_distinct_table_with_readable_unique_names(written):
    assert written.sheetnames == ["Summary", "KPIs", "Streams growth by country…", "Venues"]
    assert all(len(name) <= 31 for name in written.sheetnames)
    sheet = written["Streams growth by country…"]
    growth, attendance = sheet["B2"], sheet["C3"]
    assert (growth.value, growth.data_type, growth.number_format) == (0.25, "n", "0.0%")
    assert (attendance.value, attendance.data_type) == (-5, "n")  # a negative number stays one
    assert written["Venues"]["B2"].number_format == "0.0%"
    assert attendance.number_format == "#,##0"  # a count, with separators and no decimals
    formulas = [c for ws in written for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_search_narrows_the_view_and_is_named():
    found = briefing.filter_lines(ALL, OPTIONS, Translator("en"), (), None, [("Search", "hub")])
    assert found == [("Search", "hub")]
    assert briefing.filter_summary(found, Translator("en")) == "Showing: Search: hub"


def test_the_same_rows_in_another_order_give_one_sheet():
    starts = pd.to_datetime(["2026-02-01", "2026-01-01", "2026-03-01"])
    events = pd.DataFrame({"Name": ["B", "A", "C"], "Attendance": [20, 10, 30], "Start": starts})
    by_date = events.sort_values("Start")[["Start", "Name", "Attendance"]]
    other = events.assign(Attendance=[20, 10, 31])  # one figure differs: another table
    shown = Briefing(tables=[("Where the events are", lambda: events),
                             ("All events in the selection", lambda: by_date),
                             ("Other", lambda: other)])  # fmt: skip
    assert [name for name, _ in briefing.distinct_tables(shown)] == [
        "Where the events are", "Other"
    ]  # fmt: skip


def test_sheet_names_read_as_phrases():
    one, two = pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [2]})
    shown = Briefing(
        tables=[("Ahead or behind plan?", lambda: one), ("Platform mix: Streams", lambda: two)]
    )
    data = briefing.workbook(shown, "v", [], pd.Timestamp("2026-10-31"), Translator("en"), "n")
    assert read(data).sheetnames == ["Summary", "Ahead or behind plan", "Platform mix - Streams"]
