"""The bench's budget table (`bench/report.py`): issues 19's and 30's ratios, page by page, from
figures built by hand, so a budget that compares the wrong two figures fails here, not in a
report."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import report  # bench/ is a folder of scripts, not a package


def change(ms: float, charts: int | None = None) -> dict:
    return {"median_ms": ms, "p90_ms": ms * 1.2} | ({"charts": charts} if charts else {})


def measured() -> dict:
    """One scale: the Overview (4 charts) and Digital (3 charts), the bare app with 1, 3 and
    4 charts, and cold first renders."""
    return {
        "bare": {},
        "1x": {
            "render": {"": {"median_ms": 900.0, "payload_kb": 50.0},
                       "digital": {"median_ms": 1100.0, "payload_kb": 40.0}},
            "interaction": change(200.0, 4),
            "interaction_pages": {"": change(280.0, 4), "digital": change(150.0, 3)},
            "cache_hit": change(170.0, 4),
            "local_control": change(110.0),
            "scope_control": change(90.0),
            "cold": {"median_s": 3.0, "render_ms": 1000.0},
            "cold_pages": {"": {"render_ms": 1000.0}, "digital": {"render_ms": 1300.0}},
            "bare": {
                "render": {"": {"median_ms": 1000.0, "payload_kb": 10.0}},
                "interaction": change(100.0),
                "interaction_charts": {"3": change(160.0), "4": change(180.0)},
                "cold": {"median_s": 2.5, "render_ms": 1200.0},
            },
        },
    }  # fmt: skip


def verdicts() -> dict[tuple[str, str], list[tuple[str, bool]]]:
    return {
        (row.metric, row.page): [(c.budget, c.ok) for c in row.checks]
        for row in report.rows(measured())
    }


def test_each_chart_page_is_held_to_the_bare_app_with_as_many_charts():
    found = verdicts()
    # Overview 280 ms against 4 bare charts at 180 ms: over 1.5x (270). Digital 150 against 160.
    assert found["Interaction median", "Overview ÷ bare with 4 charts"] == [("≤ 1.5× bare", False)]
    assert found["Interaction median", "Digital ÷ bare with 3 charts"] == [("≤ 1.5× bare", True)]


def test_a_second_sessions_change_is_held_to_the_bare_app_with_as_many_charts():
    found = verdicts()
    # The Overview again, by a second session: 170 ms against the 4 bare charts' 180 ms.
    row = "second session (cache hit) ÷ bare with 4 charts"
    assert found["Interaction median", row] == [("≤ 1.0× bare", True)]
    slower = measured()
    slower["1x"]["cache_hit"] = change(190.0, 4)
    rows = {(r.metric, r.page): r for r in report.rows(slower)}
    assert [c.ok for c in rows["Interaction median", row].checks] == [False]


def test_a_local_control_is_held_to_the_one_chart_step():
    found = verdicts()
    # The trend's split at 110 ms against the bare one-chart step's 100 ms: over 1.0x; the
    # scorecard's scope at 90 ms: within it.
    assert found["Local control median", "Digital trend split"] == [("≤ 1.0× bare", False)]
    assert found["Local control median", "Overview scorecard scope"] == [("≤ 1.0× bare", True)]


def test_each_chart_page_is_held_to_1_6_times_the_one_chart_step():
    found = verdicts()
    # 200 ms and 150 ms against the 100 ms one-chart step: 2.0x fails, 1.5x holds.
    assert found["Interaction median", "filter change"] == [("≤ 1.6× bare", False)]
    assert found["Interaction median", "filter change, Digital"] == [("≤ 1.6× bare", True)]


def test_first_render_warm_and_cold_at_most_the_bare_page():
    found = verdicts()
    assert found["First render", "Overview"] == [("≤ 1.0× bare", True)]  # 900 against 1000
    assert found["First render", "Digital"] == [("≤ 1.0× bare", False)]  # 1100 against 1000
    cold = "First render, cold server"
    assert found[cold, "Overview"] == [("≤ 1.0× bare", True)]  # 1000 against 1200
    assert found[cold, "Digital"] == [("≤ 1.0× bare", False)]  # 1300 against 1200


def test_the_bare_floor_rows_compare_n_charts_with_one():
    rows = {(r.metric, r.page): r for r in report.rows(measured())}
    assert rows["Bare median", "3 charts ÷ 1 chart"].ratio(100.0) == 1.6
    assert rows["Bare median", "4 charts ÷ 1 chart"].value == 180.0
