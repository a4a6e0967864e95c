"""Numbers that claim the same thing agree: a KPI card, the headline, the chart's table and the
briefing sheet, and one page with another, for every measure and random filter states."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.kpis import briefing_rows, delta_text, format_value
from kpop_explorer import measures
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from kpop_explorer.links.filters import FilterState
from kpop_explorer.views import headlines
from tests.conftest import REPO

PROPERTY = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
PAGE_DATASETS = {  # what each page loads, as in its `context.require`
    "overview": ("initiatives", "live_events", "education_programs", "digital_metrics"),
    "digital": ("initiatives", "digital_metrics"),
    "live-events": ("initiatives", "live_events"),
    "education": ("initiatives", "education_programs"),
}


def subsets(values) -> st.SearchStrategy[tuple]:
    return st.lists(st.sampled_from(sorted(values)), max_size=3, unique=True).map(tuple)


@st.composite
def filter_states(draw, options):
    low = draw(st.integers(options.year_min, options.year_max))
    high = draw(st.integers(low, options.year_max))
    return replace(
        FilterState.default(options),
        year_from=low, year_to=high,
        countries=draw(subsets(options.countries)),
        focus_areas=draw(subsets(options.focus_areas)),
        statuses=draw(subsets(options.statuses)),
        platforms=draw(subsets(options.platforms)),
        event_types=draw(subsets(options.event_types)),
        cities=draw(st.lists(st.sampled_from(options.cities), max_size=2, unique=True).map(tuple)),
        program_types=draw(subsets(options.program_types)),
        audiences=draw(subsets(options.audiences)),
        languages=draw(subsets(options.languages)),
        event_statuses=draw(subsets(options.event_statuses)),
        program_statuses=draw(subsets(options.program_statuses)),
        metric=draw(st.sampled_from(options.metrics)),
    )  # fmt: skip


def page_selection(shipped, state, as_of, page: str) -> measures.Selection:
    return measures.select({n: shipped[n] for n in PAGE_DATASETS[page]}, state, as_of)


def same(a: float | None, b: float | None) -> bool:
    """Equal; a chart's empty bar (0) and a card's "nothing measured" (NaN) both say none."""
    if a is None or b is None:
        return a is b
    if a != a or b != b:
        return (a != a or a == 0) and (b != b or b == 0)
    return a == pytest.approx(b)


@given(data=st.data())
@PROPERTY
def test_cards_headlines_tables_and_briefing_agree(shipped, options, as_of, data):
    state = data.draw(filter_states(options))
    lang = data.draw(st.sampled_from(("en", "fr", "ko")))
    t = Translator(lang)
    overview = page_selection(shipped, state, as_of, "overview")
    for key in measures.CATALOGUE:
        if key == "plan_kpi":
            continue
        result = overview.result(key)
        row = briefing_rows([result], t)[0]
        assert row["value"] == format_value(result, t)  # card text = briefing sheet
        assert row["target"] == (delta_text(result, t) or "")
        if measures.CATALOGUE[key].additive_over_places:  # a chart by country adds up to it
            by_country = overview.table(key, "country")
            if not by_country.empty:
                assert same(by_country["actual"].sum(min_count=1), result.value), key
                if result.due is not None:
                    assert by_country["due"].sum() == pytest.approx(result.due), key
    # The charts' tables, as the pages draw them, add up to the cards.
    audience = measures.audience_by_country(overview)
    assert same(audience["attendance"].sum(), overview.result("attendance").value)
    assert same(audience["expected_attendance"].sum(), overview.result("attendance").due)
    assert same(audience["online_viewers"].sum(), overview.result("online_viewers").value)
    participants = overview.result("participants").value
    assert same(measures.participants_by_type(overview)["actual"].sum(), participants)
    for by in ("audience", "language"):
        assert same(measures.breakdown(overview, by)["participants_actual"].sum(), participants)
    metric = state.metric
    mix = overview.table(metric, "platform")
    if not mix.empty:
        assert same(mix["actual"].sum(min_count=1), overview.result(metric).value)
    if measures.CATALOGUE[metric].aggregation == measures.FLOW:
        series = measures.monthly(overview, metric, None)
        assert same(series["actual"].sum(min_count=1), overview.result(metric).value)
    # Headlines quote the cards' shares.
    for key, text in (
        ("participants", headlines.overview_headline(
            overview, measures.activity_by_country(overview), t)),
        ("attendance", headlines.live_headline(overview, t)),
        (metric, headlines.digital_headline(overview, metric, t.label("metric", metric), t)),
    ):  # fmt: skip
        progress = overview.result(key).progress
        if progress is not None and (key != "participants" or overview.result(key).value):
            assert attainment_text(progress, t) in text, (key, text)


@given(data=st.data())
@PROPERTY
def test_pages_agree_with_each_other(shipped, options, as_of, data):
    """The Overview, loading every dataset, and each page, loading its own, say the same."""
    state = data.draw(filter_states(options))
    overview = page_selection(shipped, state, as_of, "overview")
    for page, keys in (
        ("live-events", measures.LIVE_KPIS),
        ("education", measures.EDUCATION_KPIS),
        ("digital", measures.DIGITAL),
    ):
        own = page_selection(shipped, state, as_of, page)
        for key in keys:
            a, b = overview.result(key), own.result(key)
            assert same(a.value, b.value) and same(a.due, b.due), (page, key)


@given(data=st.data())
@settings(PROPERTY, max_examples=10)  # rows kept whatever their initiative: fails at once
def test_every_page_keeps_the_rows_of_the_initiatives_the_overview_counts(
    shipped, options, as_of, data
):
    """A sidebar filter means one thing everywhere: it selects initiatives, and every page's
    rows (events, programmes, monthly figures, places) belong to the initiatives the Overview's
    "initiatives" card counts, whatever the rows' own state."""
    state = data.draw(filter_states(options))
    overview = page_selection(shipped, state, as_of, "overview")
    counted = set(overview.frames["initiatives"]["initiative_id"])
    assert overview.result("initiatives").target == len(counted)  # the whole plan: every one
    for page in PAGE_DATASETS:
        own = page_selection(shipped, state, as_of, page)
        assert set(own.frames["initiatives"]["initiative_id"]) == counted, page
        for name, frame in own.frames.items():
            if "initiative_id" in frame:
                assert set(frame["initiative_id"]) <= counted, (page, name)


# --- No view adds a measure up itself -----------------------------------------------------------

VIEWS = [*sorted((REPO / site.PAGES_FOLDER).glob("*.py")),
         *sorted((REPO / "components").glob("*.py")),
         REPO / "kpop_explorer" / "views" / "headlines.py"]  # fmt: skip
AGGREGATIONS = {"sum", "mean", "median", "agg", "aggregate", "nunique", "value_counts", "cumsum",
                "std", "prod", "count", "size", "pivot_table", "resample"}  # fmt: skip


def aggregations_in(source: str) -> list[str]:
    """Calls like `frame["attendance"].sum()` or `sum(...)`: arithmetic the catalogue owns."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in AGGREGATIONS:
            found.append(f"line {node.lineno}: .{func.attr}()")
        elif isinstance(func, ast.Name) and func.id in ("sum", "mean"):
            found.append(f"line {node.lineno}: {func.id}()")
    return found


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_no_view_sums_or_averages_a_measure(path: Path):
    assert aggregations_in(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_view_that_sums():
    planted = 'share = held["attendance"].sum() / held["expected_attendance"].sum()\n'
    assert len(aggregations_in(planted)) == 2
    assert aggregations_in("total = sum(row.value for row in rows)\n")
    assert aggregations_in('table.groupby("city").agg(n=("id", "size"))\n')
