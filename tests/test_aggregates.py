"""The tables that are not measures: the as-of date, the portfolio as charts draw it, marker
sizes and time elapsed, on small hand-built frames and on the shipped data."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer.measures import aggregates

T = pd.Timestamp
FOCUS = ["digital_expansion", "education", "live_events", "talent_development"]


def initiatives() -> pd.DataFrame:
    """Six initiatives in three focus areas (a fourth area is a category none uses, as after a
    focus filter); budgets chosen so the three largest are one per area."""
    rows = [
        ("I1", "Streams", "digital_expansion", "in_progress", 500.0, "2026-01-01", "2026-12-31"),
        ("I2", "App", "digital_expansion", "planned", 100.0, "2026-03-01", "2026-06-30"),
        ("I3", "Clips", "digital_expansion", "completed", 50.0, "2025-06-01", "2026-02-28"),
        ("I4", "Festival", "live_events", "in_progress", 400.0, "2026-05-01", "2026-05-31"),
        ("I5", "Pop-up", "live_events", "planned", 20.0, "2026-09-01", "2027-01-31"),
        ("I6", "Hubs", "education", "in_progress", 300.0, "2026-01-01", "2027-12-31"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=aggregates.PORTFOLIO_COLUMNS)
    return frame.assign(
        focus_area=pd.Categorical(frame["focus_area"], categories=FOCUS),
        start_date=pd.to_datetime(frame["start_date"]),
        end_date=pd.to_datetime(frame["end_date"]),
        countries="FR",  # a column the portfolio does not draw
    )


# --- The as-of date -----------------------------------------------------------------------------


def test_as_of_is_the_end_of_the_last_month_with_a_measured_value():
    metrics = pd.DataFrame(
        {"month": [T("2026-01-01"), T("2026-02-01"), T("2026-03-01")],
         "actual": [5.0, 7.0, None]}  # March is planned, not measured yet
    )  # fmt: skip
    assert aggregates.as_of(metrics) == T("2026-02-28")


def test_as_of_a_month_dated_on_its_last_day_stays_in_that_month():
    metrics = pd.DataFrame({"month": [T("2026-03-31")], "actual": [1.0]})
    assert aggregates.as_of(metrics) == T("2026-03-31")  # not the end of April


def test_as_of_is_today_when_nothing_is_measured_or_loaded():
    today = pd.Timestamp.today().normalize()
    nothing = pd.DataFrame({"month": [T("2026-01-01")], "actual": [None]}, dtype=object)
    assert aggregates.as_of(nothing) == today
    assert aggregates.as_of(None) == today


def test_as_of_of_the_shipped_data(shipped, as_of):
    last = shipped["digital_metrics"].dropna(subset=["actual"])["month"].max()
    assert as_of == last + pd.offsets.MonthEnd(0)
    assert as_of.day >= 28


# --- The portfolio ------------------------------------------------------------------------------


def test_portfolio_is_by_focus_area_then_largest_budget_first():
    table = aggregates.portfolio(initiatives())
    assert table["initiative_id"].tolist() == ["I1", "I2", "I3", "I6", "I4", "I5"]
    assert list(table.columns) == aggregates.PORTFOLIO_COLUMNS


def test_portfolio_summary_sums_the_smallest_per_focus_area():
    summary = aggregates.portfolio_summary(aggregates.portfolio(initiatives()), n=3)
    # Kept: I1 (500), I4 (400), I6 (300). The rest: I2 + I3 in digital, I5 in live events;
    # education keeps all of its one and the unused area gets no empty tile.
    rows = [
        (r.initiative_id, r.name, r.status, r.budget_eur, r.count, r.start_date, r.end_date)
        for r in summary.itertuples()
    ]
    assert rows == [
        ("I1", "Streams", "in_progress", 500.0, 1, T("2026-01-01"), T("2026-12-31")),
        ("others:digital_expansion", "", "others", 150.0, 2, T("2025-06-01"), T("2026-06-30")),
        ("I6", "Hubs", "in_progress", 300.0, 1, T("2026-01-01"), T("2027-12-31")),
        ("I4", "Festival", "in_progress", 400.0, 1, T("2026-05-01"), T("2026-05-31")),
        ("others:live_events", "", "others", 20.0, 1, T("2026-09-01"), T("2027-01-31")),
    ]  # fmt: skip
    assert summary.index.is_unique  # a tile is one row, whichever way a chart looks it up


def test_portfolio_summary_of_few_initiatives_keeps_each_one():
    table = aggregates.portfolio(initiatives())
    summary = aggregates.portfolio_summary(table, n=6)
    assert summary["initiative_id"].tolist() == table["initiative_id"].tolist()
    assert summary["count"].eq(1).all()


def test_portfolio_summary_of_the_shipped_data_adds_up(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    summary = aggregates.portfolio_summary(table, n=10)
    individual = summary[summary["status"] != aggregates.OTHERS]
    others = summary[summary["status"] == aggregates.OTHERS]
    assert set(individual["initiative_id"]) == set(
        table.nlargest(10, "budget_eur")["initiative_id"]
    )
    assert summary["budget_eur"].sum() == pytest.approx(table["budget_eur"].sum())
    assert others["count"].sum() == len(table) - 10


@pytest.mark.parametrize(
    ("n", "expected"),
    [(2, ["I1", "I4"]), (3, ["I1", "I6", "I4"]), (6, ["I1", "I2", "I3", "I6", "I4", "I5"])],
)
def test_largest_keeps_the_n_largest_in_the_tables_order(n, expected):
    table = aggregates.portfolio(initiatives())
    assert aggregates.largest(table, n)["initiative_id"].tolist() == expected


# --- Markers and time -----------------------------------------------------------------------------


def test_an_event_marker_is_its_attendance_else_what_was_expected():
    events = pd.DataFrame(
        {"attendance": pd.array([900, None, 0], dtype="Int64"),
         "expected_attendance": pd.array([800, 1600, 500], dtype="Int64")}
    )  # fmt: skip
    sizes = aggregates.event_sizes(events)
    assert sizes.tolist() == [900.0, 1600.0, 0.0]  # a counted 0 stays 0
    assert sizes.dtype == "float64"


def test_time_elapsed_is_the_share_of_each_run_passed():
    frame = initiatives()
    elapsed = aggregates.with_time_elapsed(frame, T("2026-03-31"))
    share = elapsed.set_index("initiative_id")["time_elapsed"]
    assert share["I1"] == pytest.approx(89 / 364)  # 1 Jan to 31 Mar of 1 Jan to 31 Dec
    assert share["I3"] == 1  # ended in February
    assert share["I4"] == 0  # starts in May
    assert list(elapsed.columns) == [*frame.columns, "time_elapsed"]
