"""Aggregates agree with straightforward pandas arithmetic on the same rows."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from kpop_explorer import aggregates, filters


@pytest.fixture(scope="module")
def as_of(shipped):
    return aggregates.as_of(shipped["digital_metrics"])


def test_as_of_is_the_end_of_the_last_measured_month(shipped, as_of):
    last = shipped["digital_metrics"].dropna(subset=["actual"])["month"].max()
    assert as_of == last + pd.offsets.MonthEnd(0)
    assert as_of.day >= 28


def test_overview_kpis(shipped, everything):
    initiatives, events = shipped["initiatives"], shipped["live_events"]
    programs, metrics = shipped["education_programs"], shipped["digital_metrics"]
    streams = metrics[metrics["metric"] == "streams"]
    kpis = {k.key: k for k in aggregates.overview_kpis(initiatives, events, programs, streams)}
    assert kpis["initiatives"].target == len(initiatives)
    assert (
        kpis["initiatives"].value == initiatives["status"].isin(["in_progress", "completed"]).sum()
    )
    assert kpis["budget"].value == pytest.approx(initiatives["budget_eur"].sum())
    assert kpis["events"].value == (events["status"] == "completed").sum()
    assert kpis["participants"].value == programs["participants_actual"].sum()
    measured = streams.dropna(subset=["actual"])
    assert kpis["streams"].progress == pytest.approx(
        measured["actual"].sum() / measured["target"].sum()
    )


def test_overview_kpis_follow_a_country_filter(shipped, everything):
    state = replace(everything, countries=("IE",))
    events = filters.filter_events(shipped["live_events"], shipped["initiatives"], state)
    programs = filters.filter_programs(shipped["education_programs"], shipped["initiatives"], state)
    chosen = filters.filter_initiatives(shipped["initiatives"], state)
    streams = filters.filter_metrics(
        shipped["digital_metrics"], shipped["initiatives"], state, metric="streams"
    )
    kpis = {k.key: k for k in aggregates.overview_kpis(chosen, events, programs, streams)}
    assert kpis["events"].target == len(events) < len(shipped["live_events"])
    ie = shipped["digital_metrics"]
    ie = ie[(ie["country"] == "IE") & (ie["metric"] == "streams")].dropna(subset=["actual"])
    assert kpis["streams"].value == pytest.approx(ie["actual"].sum())


def test_activity_by_country_counts(shipped):
    table = aggregates.activity_by_country(
        shipped["live_events"], shipped["education_programs"], shipped["initiatives"]
    ).set_index("country")
    fr_events = (shipped["live_events"]["country"] == "FR").sum()
    fr_programs = (shipped["education_programs"]["country"] == "FR").sum()
    assert table.loc["FR", "events"] == fr_events
    assert table.loc["FR", "activities"] == fr_events + fr_programs
    assert table["activities"].is_monotonic_decreasing


def test_growth_by_country(shipped):
    streams = shipped["digital_metrics"]
    streams = streams[streams["metric"] == "streams"]
    table = aggregates.growth_by_country(streams).set_index("country")
    measured = streams.dropna(subset=["actual"])
    last = measured["month"].max()
    fr = measured[measured["country"] == "FR"]
    recent = fr[fr["month"] > last - pd.DateOffset(months=12)]["actual"].sum()
    previous = fr[
        (fr["month"] <= last - pd.DateOffset(months=12))
        & (fr["month"] > last - pd.DateOffset(months=24))
    ]["actual"].sum()
    assert table.loc["FR", "growth"] == pytest.approx(recent / previous - 1)


def test_utilisation_by_city(shipped):
    table = aggregates.utilisation_by_city(shipped["live_events"]).set_index("city")
    e = shipped["live_events"]
    paris = e[(e["city"] == "Paris") & e["attendance"].notna() & e["capacity"].notna()]
    assert table.loc["Paris", "utilisation"] == pytest.approx(
        paris["attendance"].sum() / paris["capacity"].sum()
    )
    assert (table["utilisation"] <= 1).all()


def test_education_aggregates(shipped):
    programs = shipped["education_programs"]
    by_type = aggregates.target_vs_actual_by_type(programs).set_index("program_type")
    started = programs.dropna(subset=["participants_actual"])
    hubs = started[started["program_type"] == "kculture_hub"]
    assert by_type.loc["kculture_hub", "participants_actual"] == hubs["participants_actual"].sum()
    quarters = aggregates.participants_by_quarter(programs)
    assert quarters["participants_target"].sum() == programs["participants_target"].sum()
    audiences = aggregates.breakdown(programs, "audience")
    assert audiences["runs"].sum() == len(programs)


def test_kpi_progress_by_focus_is_pro_rata(shipped, as_of):
    table = aggregates.kpi_progress_by_focus(shipped["initiatives"], as_of)
    assert set(table["focus_area"]) <= set(shipped["initiatives"]["focus_area"])
    assert (table["progress"] > 0).all()
    assert table["progress"].is_monotonic_increasing


def test_digital_kpis_use_latest_month_for_audiences(shipped):
    metrics = shipped["digital_metrics"]
    cards = {k.key: k for k in aggregates.digital_kpis(metrics)}
    listeners = metrics[(metrics["metric"] == "monthly_listeners")].dropna(subset=["actual"])
    latest = listeners[listeners["month"] == listeners["month"].max()]
    assert cards["monthly_listeners"].value == pytest.approx(latest["actual"].sum())


def test_empty_selection_gives_empty_tables(shipped):
    none = shipped["live_events"].iloc[0:0]
    assert aggregates.utilisation_by_city(none).empty
    assert aggregates.audience_by_country(none).empty
    kpis = {k.key: k for k in aggregates.live_kpis(none)}
    assert kpis["events_held"].value == 0


def test_portfolio_summary_keeps_the_largest_and_sums_the_rest(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    summary = aggregates.portfolio_summary(table, n=10)
    individual = summary[summary["status"] != aggregates.OTHERS]
    others = summary[summary["status"] == aggregates.OTHERS]
    assert len(individual) == 10
    assert set(individual["initiative_id"]) == set(
        table.nlargest(10, "budget_eur")["initiative_id"]
    )
    assert summary["budget_eur"].sum() == pytest.approx(table["budget_eur"].sum())
    assert others["count"].sum() == len(table) - 10
    assert aggregates.portfolio_summary(table, n=100)["count"].eq(1).all()


def test_largest_keeps_order(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    drawn = aggregates.largest(table, 5)
    assert len(drawn) == 5
    assert list(drawn.index) == sorted(drawn.index, key=list(table.index).index)
