"""Projections to the end of the plan, on small hand-built series, each expected value worked out
by hand in the test (issue 32)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpop_explorer import measures
from kpop_explorer.charts import figures, panels
from kpop_explorer.i18n import Translator
from kpop_explorer.measures import FLOW, LEVEL, projection
from kpop_explorer.views import headlines

T = pd.Timestamp
AS_OF = T("2026-06-30")
END = T("2026-12-01")


def series(values, start="2026-01-01"):
    months = pd.date_range(start, periods=len(values), freq="MS")
    return pd.Series(months), pd.Series(values, dtype=float)


def test_a_constant_flow_projects_linearly():
    months, actual = series([10] * 6)
    found = projection.project_series(months, actual, FLOW, AS_OF, END, target=100.0)
    # 60 so far, and six more months (July to December) of 10 each: 120, with no scatter at all.
    assert found.actual == 60
    assert found.value == pytest.approx(120)
    assert (found.low, found.high) == pytest.approx((120, 120))
    assert found.months == tuple(pd.date_range("2026-07-01", "2026-12-01", freq="MS"))
    assert found.monthly == pytest.approx((10,) * 6)
    assert found.attainment == pytest.approx(1.2)
    assert found.standing == "ahead"


def test_a_rising_flow_keeps_its_trend():
    months, actual = series([1, 2, 3, 4, 5, 6])
    found = projection.project_series(months, actual, FLOW, AS_OF, END, target=100.0)
    # 21 so far; the line goes on 7, 8, ... 12 (57): 78, which is 78% of 100: behind.
    assert found.value == pytest.approx(78)
    assert found.monthly == pytest.approx((7, 8, 9, 10, 11, 12))
    assert found.standing == "behind"


def test_a_level_projects_its_level():
    months, actual = series([100] * 6)
    found = projection.project_series(months, actual, LEVEL, AS_OF, END, target=102.0)
    # A level is never summed: it stays at 100 in December, 98% of 102 (within 5%: on track).
    assert (found.actual, found.value) == (100, pytest.approx(100))
    assert found.attainment == pytest.approx(100 / 102)
    assert found.standing == "on_track"
    months, actual = series([100, 110, 120, 130, 140, 150])
    found = projection.project_series(months, actual, LEVEL, AS_OF, END, target=200.0)
    assert found.actual == 150
    assert found.value == pytest.approx(210)  # six more months of +10


def test_noise_widens_the_band_as_the_prediction_interval_says():
    # No trend (the ups and downs cancel), residuals 1, -1, 0, 0, -1, 1: sigma = sqrt(4 / 4) = 1.
    months, actual = series([11, 9, 10, 10, 9, 11])
    one = T("2026-07-01")
    found = projection.project_series(months, actual, LEVEL, AS_OF, one)
    # x = 0..5, mean 2.5, Sxx = 17.5; July is x = 6: 1 + 1/6 + 3.5^2 / 17.5 = 1.8667.
    half = 1.645 * math.sqrt(1 + 1 / 6 + 12.25 / 17.5)
    assert found.value == pytest.approx(10)
    assert (found.low, found.high) == pytest.approx((10 - half, 10 + half))
    # Twice the noise, twice the band.
    months, actual = series([12, 8, 10, 10, 8, 12])
    wider = projection.project_series(months, actual, LEVEL, AS_OF, one)
    assert wider.high - wider.low == pytest.approx(4 * half)


def test_a_flows_band_adds_up_its_months():
    months, actual = series([11, 9, 10, 10, 9, 11])
    found = projection.project_series(months, actual, FLOW, AS_OF, T("2026-08-01"))
    # Two months (x = 6, 7): 2 new points' scatter, 2^2/6 of the mean's, (3.5 + 4.5)^2 / 17.5 of
    # the slope's.
    half = 1.645 * math.sqrt(2 + 4 / 6 + 64 / 17.5)
    assert found.value == pytest.approx(80)
    assert (found.low, found.high) == pytest.approx((80 - half, 80 + half))


def test_the_line_is_fitted_to_the_last_year_only():
    # 12 months of 0 and then 12 of 10: the last year's line is flat at 10.
    months, actual = series([0] * 12 + [10] * 12, start="2024-07-01")
    found = projection.project_series(months, actual, LEVEL, AS_OF, END)
    assert found.value == pytest.approx(10)
    assert found.points == 12


def test_too_little_history_gets_no_projection():
    months, actual = series([10] * 5)
    assert projection.project_series(months, actual, FLOW, AS_OF, END) is None
    # Months not measured do not count: six rows, one of them missing.
    months, actual = series([10, 10, None, 10, 10, 10])
    assert projection.project_series(months, actual, FLOW, AS_OF, END) is None


def test_months_after_the_as_of_date_are_never_read():
    months, actual = series([1, 2, 3, 4, 5, 6])
    before = projection.project_series(months, actual, FLOW, AS_OF, END)
    later_months, later = series([1, 2, 3, 4, 5, 6, 1000, -50, 7000])
    after = projection.project_series(later_months, later, FLOW, AS_OF, END)
    assert after == before


# --- On a selection -----------------------------------------------------------------------------


def metrics(values: dict[str, list[float | None]], metric="streams", start="2026-01-01"):
    """Monthly rows per country with a plan of 10 a month up to December 2026."""
    rows = []
    months = pd.date_range(start, "2026-12-01", freq="MS")
    for country, actuals in values.items():
        for i, month in enumerate(months):
            value = actuals[i] if i < len(actuals) else None
            rows.append(dict(month=month, country=country, platform="music_streaming",
                             initiative_id="INI-1", metric=metric, target=10.0,
                             actual=value))  # fmt: skip
    return pd.DataFrame(rows)


def chosen(frame, as_of=AS_OF, dataset="digital_metrics"):
    return measures.Selection({dataset: frame}, as_of)


def test_per_country_and_in_total():
    # BE's plan starts in March: four months measured by June.
    frame = pd.concat([metrics({"FR": [10] * 6, "DE": [1, 2, 3, 4, 5, 6]}),
                       metrics({"BE": [5] * 4}, start="2026-03-01")])  # fmt: skip
    table = projection.project(chosen(frame), "streams", "country").set_index("country")
    # FR: 60 + 60 = 120 of a plan of 12 x 10; DE: 21 + 57 = 78; BE has 4 months: none.
    assert table.loc["FR", "projected"] == pytest.approx(120)
    assert table.loc["FR", "target"] == 120
    assert table.loc["FR", "standing"] == "on_track"
    assert table.loc["DE", "projected"] == pytest.approx(78)
    assert table.loc["DE", "standing"] == "behind"
    assert np.isnan(table.loc["BE", "projected"]) and table.loc["BE", "points"] == 0
    assert table.loc["BE", "target"] == 100
    # The total sums the countries month by month: 11, 12, 18, 19, 20, 21: 101 so far. Around
    # x = 0..5 (mean 2.5, Sxx 17.5), sum((x - 2.5) * y) = 37.5: a slope of 15/7, so the six
    # months to come (x = 6..11, 36 past the mean in all) sum to 101 + 36 * 15/7.
    total = projection.project(chosen(frame), "streams")
    assert total.loc[0, "actual"] == 101
    assert total.loc[0, "projected"] == pytest.approx(101 + 101 + 36 * 15 / 7)
    assert total.loc[0, "target"] == 340


def test_each_country_is_carried_to_the_end_of_its_own_plan():
    # FR's plan stops in September, DE's runs to December: FR lands after three more months.
    short = metrics({"FR": [10] * 6})
    short = short[short["month"] <= T("2026-09-01")]
    frame = pd.concat([short, metrics({"DE": [10] * 6})])
    table = projection.project(chosen(frame), "streams", "country").set_index("country")
    assert table.loc["FR", "projected"] == pytest.approx(60 + 30)
    assert table.loc["FR", "target"] == 90
    assert table.loc["DE", "projected"] == pytest.approx(120)


def test_a_selection_ignores_rows_after_the_as_of_date():
    frame = metrics({"FR": [1, 2, 3, 4, 5, 6]})
    later = metrics({"FR": [1, 2, 3, 4, 5, 6, 900, 0, 5000]})
    assert projection.project(chosen(later), "streams").equals(
        projection.project(chosen(frame), "streams")
    )


def events(attendance: list[float | None], expected: list[float], dates: list[str]):
    n = len(attendance)
    return pd.DataFrame({
        "event_id": [f"E{i}" for i in range(n)], "event_type": "concert", "country": "FR",
        "city": "Paris", "start_date": pd.to_datetime(dates), "end_date": pd.to_datetime(dates),
        "capacity": 5000.0, "expected_attendance": expected, "attendance": attendance,
        "online_viewers": None, "status": ["completed" if a else "planned" for a in attendance],
        "initiative_id": "INI-2",
    })  # fmt: skip


def test_events_land_at_the_pace_so_far():
    frame = events([90, 110, 100, None], [100, 100, 100, 200],
                   ["2026-01-10", "2026-02-10", "2026-03-10", "2026-09-10"])  # fmt: skip
    found = projection.projection(chosen(frame, dataset="live_events"), "attendance")
    # 300 of 300 due: a pace of 1, so the September event's 200 lands whole: 500 of 500.
    # Shares 0.9, 1.1, 1.0: standard deviation 0.1; 200 to come in one event.
    half = 1.645 * 0.1 * math.sqrt(200**2 / 3 + 200**2)
    assert found.method == "pace"
    assert found.value == pytest.approx(500)
    assert (found.low, found.high) == pytest.approx((500 - half, 500 + half))
    assert found.standing == "on_track"
    slow = events([45, 55, 50, None], [100, 100, 100, 200],
                  ["2026-01-10", "2026-02-10", "2026-03-10", "2026-09-10"])  # fmt: skip
    found = projection.projection(chosen(slow, dataset="live_events"), "attendance")
    assert found.value == pytest.approx(150 + 100)  # half the pace, half of the 200 to come
    assert found.attainment == pytest.approx(0.5)


def test_a_result_filed_for_an_event_not_yet_due_is_not_read():
    dates = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-09-10"]
    frame = events([90, 110, 100, None], [100, 100, 100, 200], dates)
    leaked = events([90, 110, 100, 5000], [100, 100, 100, 200], dates)
    before = projection.projection(chosen(frame, dataset="live_events"), "attendance")
    assert projection.projection(chosen(leaked, dataset="live_events"), "attendance") == before


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=8))
def test_no_month_after_the_as_of_date_changes_a_projection(later):
    months, actual = series([3, 5, 4, 8, 6, 9, 7, 10])  # January to August 2026
    as_of = T("2026-08-31")
    before = projection.project_series(months, actual, FLOW, as_of, END)
    months, actual = series([3, 5, 4, 8, 6, 9, 7, 10, *later])
    assert projection.project_series(months, actual, FLOW, as_of, END) == before


def test_two_events_are_too_few_for_a_pace():
    frame = events([90, 110, None], [100, 100, 200], ["2026-01-10", "2026-02-10", "2026-09-10"])
    assert projection.projection(chosen(frame, dataset="live_events"), "attendance") is None
    table = projection.project(chosen(frame, dataset="live_events"), "attendance")
    assert table.loc[0, "points"] == 0 and np.isnan(table.loc[0, "projected"])


def test_the_backtest_projects_the_held_out_months_from_before_them():
    # A flat year of 10 a month, then six months of 12 up to the as-of date.
    frame = metrics({"FR": [10] * 12 + [12] * 6}, start="2025-01-01")
    table = projection.backtest(chosen(frame), ["streams"]).set_index("measure")
    # Stopped at December 2025, the line says 10 a month: 60 against the 72 that came.
    assert table.loc["streams", "projected"] == pytest.approx(60)
    assert table.loc["streams", "actual"] == 72
    assert table.loc["streams", "error"] == pytest.approx(60 / 72 - 1)
    assert table.loc["streams", "naive_error"] == pytest.approx(60 / 72 - 1)
    assert not table.loc["streams", "inside"]  # no scatter before: a band of width 0
    # A level: the line's value in June (10) against June's 12.
    level = metrics({"FR": [10] * 12 + [12] * 6}, metric="followers", start="2025-01-01")
    table = projection.backtest(chosen(level), ["followers"]).set_index("measure")
    assert table.loc["followers", "error"] == pytest.approx(10 / 12 - 1)


def test_the_backtest_needs_history_before_its_cut():
    frame = metrics({"FR": [10] * 8}, start="2025-11-01")  # 2 months before the cut
    assert projection.backtest(chosen(frame), ["streams"]).empty


def test_mean_absolute_error():
    table = pd.DataFrame({"error": [0.1, -0.3, None]})
    assert projection.mean_absolute_error(table) == pytest.approx(0.2)
    assert projection.mean_absolute_error(table.iloc[2:]) is None


def test_the_shipped_data_projects_every_planned_measure(selection):
    found = projection.projections(selection)
    assert set(found) == set(projection.PROJECTED)
    streams = found["streams"]
    # What it stands on is what the card shows.
    assert streams.actual == selection.result("streams").value
    assert streams.target == selection.result("streams").target
    assert streams.low <= streams.value <= streams.high


def test_the_flat_rival_is_the_last_years_mean_month():
    # Before the cut: six months of 4, then six of 16 (a mean month of 10); then six of 12.
    frame = metrics({"FR": [4] * 6 + [16] * 6 + [12] * 6}, start="2025-01-01")
    table = projection.backtest(chosen(frame), ["streams"]).set_index("measure")
    assert table.loc["streams", "naive_error"] == pytest.approx(60 / 72 - 1)


def test_the_pace_backtest_uses_what_had_ended_by_the_cut():
    # Three events by the cut (December 2025) at 90%, 110% and 100%: a pace of 1. In the six
    # months held out, one event expected 100 drew 150; the September one is not due yet.
    frame = events(
        [90, 110, 100, 150, None], [100, 100, 100, 100, 500],
        ["2025-10-10", "2025-11-10", "2025-12-10", "2026-03-10", "2026-09-10"],
    )  # fmt: skip
    table = projection.backtest(chosen(frame, dataset="live_events"), ["attendance"])
    row = table.set_index("measure").loc["attendance"]
    assert (row["projected"], row["actual"]) == (pytest.approx(100), 150)
    assert row["error"] == pytest.approx(100 / 150 - 1)
    # Shares 0.9, 1.1, 1.0 (sd 0.1), 100 to foresee: 1.645 * 0.1 * sqrt(100^2 / 3 + 100^2) = 19.
    assert not row["inside"]


# --- Where it shows -----------------------------------------------------------------------------


def test_monthly_lines_continue_each_line_and_its_table():
    frame = metrics({"FR": [10] * 6, "DE": [1, 2, 3, 4, 5, 6]})
    series = measures.monthly(chosen(frame), "streams", "country")
    lines = projection.monthly_lines(series, "streams", "country", AS_OF)
    de = lines[lines["country"] == "DE"]
    assert list(de["month"]) == list(pd.date_range("2026-07-01", "2026-12-01", freq="MS"))
    assert list(de["projected"]) == pytest.approx([7, 8, 9, 10, 11, 12])
    assert list(lines[lines["country"] == "FR"]["projected"]) == pytest.approx([10] * 6)
    # The panel's table holds the projected months beside the plan.
    shown = panels.digital_trend(series, Translator("en"), "Streams", "country", projected=lines)
    table = shown.panel.table.set_index(["country", "month"])
    assert table.loc[("DE", T("2026-12-01")), "projected"] == pytest.approx(12)
    assert np.isnan(table.loc[("DE", T("2026-06-01")), "projected"])


def test_the_trend_chart_draws_the_projection_dotted_in_its_band():
    frame = metrics({"FR": [1, 2, 3, 4, 5, 6]})
    series = measures.monthly(chosen(frame), "streams", None)
    lines = projection.monthly_lines(series, "streams", None, AS_OF)
    figure = figures.plan_actual_lines(series, Translator("en"), by=None, vocabulary=None,
                                       y_title="Streams", projected=lines)  # fmt: skip
    dotted = [trace for trace in figure.data if trace.name == "Total (projected)"]
    assert len(dotted) == 1 and dotted[0].line.dash == "dot"
    # From June's 6 (the last measured month) on along the line: 7 ... 12.
    assert list(dotted[0].y) == pytest.approx([6, 7, 8, 9, 10, 11, 12])
    assert pd.Timestamp(dotted[0].x[0]) == T("2026-06-01")
    band = [trace for trace in figure.data if trace.fill == "toself"]
    # An exact line has no scatter: the band closes on the line itself, there and back.
    assert list(band[0].y) == pytest.approx([7, 8, 9, 10, 11, 12, 12, 11, 10, 9, 8, 7])
    without = figures.plan_actual_lines(series, Translator("en"), by=None, vocabulary=None,
                                        y_title="Streams")  # fmt: skip
    assert len(without.data) == len(figure.data) - 2


def test_the_headline_says_where_it_lands_and_how_sure():
    found = projection.Projection("streams", "trend", 50.0, 91.0, 86.0, 96.0, 100.0, 12,
                                  end=T("2027-12-01"))  # fmt: skip
    assert headlines.projection_headline(found, "Streams", "France", Translator("en")) == (
        "At this pace, France reaches 91% of its Streams plan by the end of 2027 "
        "(likely 86% to 96%: behind plan)."
    )
    assert "2027" in headlines.projection_headline(found, "Streams", "France", Translator("fr"))
    assert headlines.projection_headline(None, "Streams", "France", Translator("en")) == (
        "Streams: too little history yet to say where it lands at the end of the plan."
    )


def test_the_summary_keeps_a_measure_without_history_with_its_plan():
    frame = metrics({"FR": [10] * 6})
    found = {"streams": projection.projection(chosen(frame), "streams"), "followers": None}
    table = projection.summary(found, {"streams": 120.0, "followers": 50.0}).set_index("measure")
    assert table.loc["streams", "projected"] == pytest.approx(120)
    assert table.loc["streams", "projected_standing"] == "on_track"
    assert table.loc["followers", "target"] == 50 and table.loc["followers", "points"] == 0
    assert np.isnan(table.loc["followers", "projected"])


def test_the_backtest_scores_compare_like_with_like():
    table = pd.DataFrame({
        "measure": ["streams", "followers", "attendance"], "method": ["trend", "trend", "pace"],
        "projected": 1.0, "actual": 1.0, "error": [0.1, -0.3, 0.05],
        "inside": [True, False, True], "naive_error": [0.2, 0.4, np.nan],
    })  # fmt: skip
    score = projection.scores(table)
    assert score.measures == 3 and score.error == pytest.approx(0.15)  # (0.1 + 0.3 + 0.05) / 3
    assert score.trend_measures == 2 and score.trend_error == pytest.approx(0.2)
    assert score.naive_error == pytest.approx(0.3)
    assert score.inside == 2
