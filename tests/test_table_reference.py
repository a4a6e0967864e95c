"""`measures.table` against a plain reference: the pandas filters and groupbys it was first
written with (kept here verbatim), on hand-built frames and on the shipped data, table by table
and to the last bit, dtypes and row order included. The fast path groups on integer codes and
sums with numpy; this is what says it still gives what pandas gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from kpop_explorer import measures
from kpop_explorer.links import filters
from kpop_explorer.measures import (
    CATALOGUE,
    COUNT,
    DISTINCT,
    FLOW,
    LEVEL,
    MEAN,
    PLAN,
    RATIO,
    RUN,
    Measure,
    elapsed_share,
    engine,
    standing,
)  # fmt: skip

# --- The reference: measures.table as it was before the fast path ------------------------------


def _ref_with_keys(rows: pd.DataFrame, measure: Measure, by: Sequence[str]) -> pd.DataFrame:
    """Rows with the grouping columns a table asks for, such as the `quarter` of a row's date."""
    if "quarter" in by and "quarter" not in rows:
        return rows.assign(quarter=rows[measure.date].dt.to_period("Q").dt.start_time)
    return rows


def _ref_reduce(rows: pd.DataFrame, keys: list[str], column: str | None, how: str) -> pd.Series:
    """`how` ("sum", "size", "mean", "nunique") of `column` per group of `keys`; a total (the
    one group `engine._ALL`) is reduced directly, without the cost of a groupby."""
    if keys == [engine._ALL]:
        if rows.empty:
            return pd.Series(dtype=float)
        if how == "size":
            value = len(rows)
        elif how == "sum":
            value = rows[column].sum(min_count=1)
        else:
            value = getattr(rows[column], how)()
        return pd.Series([float(value)], index=pd.Index([0], name=engine._ALL))
    grouped = rows.groupby(keys, observed=True, sort=False)
    if how == "size":
        return grouped.size().astype(float)
    if how == "sum":
        return grouped[column].sum(min_count=1).astype(float)
    return getattr(grouped[column], how)().astype(float)


def _ref_sum(rows: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    return _ref_reduce(rows, keys, column, "sum")


def _ref_columns(
    measure: Measure, rows: pd.DataFrame, keys: list[str], as_of: pd.Timestamp
) -> dict[str, pd.Series]:
    """actual, due and target per group, by the measure's declared rules."""
    done = rows[measure.done(rows)] if measure.done is not None else rows
    dated = rows.get(measure.date)
    due_rows = rows[dated <= as_of] if dated is not None else rows
    columns: dict[str, pd.Series] = {}
    if measure.aggregation == LEVEL and "month" not in keys:
        measured = done[done["month"] <= as_of]
        latest = measured["month"].max() if len(measured) else due_rows["month"].max()
        columns["actual"] = _ref_sum(measured[measured["month"] == latest], keys, measure.value)
        due_rows = rows[rows["month"] == latest]
        plan_end = rows[rows["month"] == rows["month"].max()]
        columns["due"] = _ref_sum(due_rows, keys, measure.target)
        columns["target"] = _ref_sum(plan_end, keys, measure.target)
        return columns
    if measure.aggregation in (FLOW, LEVEL):
        measured = done[done[measure.date] <= as_of] if measure.due == PLAN else done
        columns["actual"] = _ref_sum(measured, keys, measure.value)
    elif measure.aggregation == COUNT:
        columns["actual"] = _ref_reduce(done, keys, None, "size")
    elif measure.aggregation == MEAN:
        columns["actual"] = _ref_reduce(done, keys, measure.value, "mean")
    elif measure.aggregation == RATIO:
        numerator = _ref_sum(done, keys, measure.value)
        denominator = _ref_sum(done, keys, measure.denominator)
        columns["actual"] = numerator / denominator.replace(0, np.nan)
    elif measure.aggregation == DISTINCT:
        columns["actual"] = _ref_reduce(done, keys, measure.value, "nunique")
    if measure.due is None:
        return columns
    if measure.aggregation == DISTINCT:
        columns["due"] = _ref_reduce(due_rows, keys, measure.value, "nunique")
        columns["target"] = _ref_reduce(rows, keys, measure.value, "nunique")
    elif measure.target == "rows":
        columns["due"] = _ref_reduce(due_rows, keys, None, "size")
        columns["target"] = _ref_reduce(rows, keys, None, "size")
    elif measure.due == RUN:
        columns["due"] = _ref_sum(
            rows.assign(_due=rows[measure.target] * elapsed_share(rows, as_of)), keys, "_due"
        )
        columns["target"] = _ref_sum(rows, keys, measure.target)
    else:
        columns["due"] = _ref_sum(due_rows, keys, measure.target)
        columns["target"] = _ref_sum(rows, keys, measure.target)
    return columns


TABLE_COLUMNS = ["actual", "due", "target", "attainment", "standing"]
# The columns measures read: their values, targets, dates and the codes `scope` and `done` test.
_READ = {
    *(getattr(m, f) for m in CATALOGUE.values() for f in ("value", "target", "denominator")),
    "month", "country",
    "start_date", "end_date", "metric", "event_type", "capacity", "status", "program_type",
    "attendance", "participants_actual", "satisfaction", "online_viewers", "reached",
    "kpi_actual", "actual",
}  # fmt: skip


def reference_table(
    key: str, frame: pd.DataFrame, as_of: pd.Timestamp, by: str | Sequence[str] = ()
) -> pd.DataFrame:
    """The measure per group of `by` (none: the total), with what was due, the whole plan, the
    attainment against what was due and its status."""
    measure = CATALOGUE[key]
    by = [by] if isinstance(by, str) else list(by)
    frame = frame[[c for c in frame.columns if c in _READ or c in by]]  # not the long texts
    rows = frame[measure.scope(frame)] if measure.scope is not None else frame
    rows = _ref_with_keys(rows, measure, by)
    keys = by or [engine._ALL]
    columns = _ref_columns(measure, rows, keys, as_of)
    if rows.empty or all(c.empty for c in columns.values()):
        return pd.DataFrame(columns=[*by, *TABLE_COLUMNS])
    result = pd.DataFrame(columns).reindex(columns=["actual", "due", "target"])
    if measure.has_target:  # a group with nothing planned or due has 0 of it, not "unknown"
        result[["due", "target"]] = result[["due", "target"]].fillna(0.0)
    # Nothing achieved where something was due is 0; a month not measured yet stays empty.
    nothing = result["due"].gt(0) | (measure.aggregation in (COUNT, DISTINCT))
    result.loc[nothing, "actual"] = result.loc[nothing, "actual"].fillna(0.0)
    result["attainment"] = result["actual"] / result["due"].where(result["due"] > 0)
    result["standing"] = result["attainment"].map(standing)
    result.index.names = keys
    result = result.reset_index()
    return result.drop(columns=[engine._ALL]) if not by else result


# --- The fast path against it -------------------------------------------------------------------

AS_OF = pd.Timestamp("2026-03-31")
T = pd.Timestamp
BYS = {  # what each dataset's tables are grouped by on the pages, and a total
    "digital_metrics": [(), ("country",), ("month",), ("platform",), ("initiative_id",),
                        ("month", "country"), ("month", "platform")],
    "live_events": [(), ("country",), ("initiative_id",), ("city",), ("city", "country")],
    "education_programs": [(), ("country",), ("initiative_id",), ("program_type",),
                           ("audience",), ("language",), ("quarter", "program_type")],
    "initiatives": [(), ("initiative_id",)],
    "places": [(), ("country",)],
}  # fmt: skip


def same(frame: pd.DataFrame, key: str, by: Sequence[str]) -> None:
    expected = reference_table(key, frame, AS_OF, by)
    got = measures.table(key, frame, AS_OF, by)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def categorical(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.astype({c: "category" for c in columns})


def metrics() -> pd.DataFrame:
    """Groups that appear in a different order in each measure's rows, a month not measured, a
    missing country, a fractional target (summed by pandas, not numpy) and whole ones."""
    rows = []
    for i, (country, platform, metric) in enumerate([
        ("FR", "video", "streams"), ("DE", "music", "streams"), ("DE", "music", "followers"),
        ("FR", "music", "followers"), (None, "video", "streams"), ("IT", "video", "followers"),
        ("ES", "music", "streams"),  # planned, never measured
    ]):  # fmt: skip
        for m in range(4):
            month = T(2026, 1 + m, 1)
            measured = month <= AS_OF and (i + m) % 3 and country != "ES"
            target = 10.0 * i + m + (0.1 if i == 3 else 0.0)
            rows.append(dict(month=month, country=country, platform=platform,
                             initiative_id=f"INI-{i % 2}", metric=metric, target=target,
                             actual=float(10 * i + m) if measured else None))  # fmt: skip
    return categorical(pd.DataFrame(rows), "country", "platform", "initiative_id", "metric")


def events() -> pd.DataFrame:
    columns = [
        "event_id",
        "event_type",
        "country",
        "city",
        "start_date",
        "capacity",
        "expected_attendance",
        "attendance",
        "online_viewers",
        "status",
        "initiative_id",
    ]
    rows = [
        ("E1", "concert", "FR", "Paris", T("2026-05-10"), 1000, 800, None, None, "planned", "I1"),
        ("E2", "virtual_concert", "DE", "Berlin", T("2026-02-10"), None, 500, None, 400,
         "completed", "I2"),
        ("E3", "festival", "DE", "Berlin", T("2026-03-01"), 0, 300, 250, None, "completed", "I1"),
        ("E4", "concert", "FR", "Lyon", T("2026-01-05"), 2000, 1500, 1800, 20, "completed", "I2"),
        ("E5", "concert", "ES", "Madrid", T("2026-06-05"), 500, 400, None, None, "planned", "I1"),
        ("E6", "showcase", "FR", "Paris", T("2026-03-20"), 300, 200, 0, None, "completed", "I2"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype({c: "Int64" for c in columns[5:9]})
    return categorical(frame, "event_type", "country", "status", "initiative_id")


def programs() -> pd.DataFrame:
    rows = [
        ("kculture_hub", "FR", T("2025-10-01"), T("2026-09-30"), 100, 40, 4.25, "in_progress"),
        ("language_course", "DE", T("2026-01-01"), T("2026-06-30"), 30, None, None, "planned"),
        ("workshop", "FR", T("2026-02-01"), T("2026-02-02"), 20, 25, 3.5, "completed"),
        ("language_course", "FR", T("2026-05-01"), T("2026-07-30"), 50, None, None, "planned"),
        ("kculture_hub", "IT", T("2025-01-01"), T("2025-12-31"), 70, 71, 4.75, "completed"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["program_type", "country", "start_date", "end_date",
                                        "participants_target", "participants_actual",
                                        "satisfaction", "status"])  # fmt: skip
    frame = frame.astype({"participants_target": "Int64", "participants_actual": "Int64"})
    frame["audience"] = ["students", "general", "students", "general", "teachers"]
    frame["language"] = ["fr", "de", "fr", "fr", "it"]
    frame["initiative_id"] = ["I1", "I2", "I1", "I2", "I1"]
    return categorical(frame, "program_type", "country", "status", "initiative_id", "audience")


def initiatives() -> pd.DataFrame:
    frame = pd.DataFrame({
        "initiative_id": ["I1", "I2", "I3"], "status": ["in_progress", "planned", "completed"],
        "start_date": [T("2025-01-01"), T("2026-06-01"), T("2024-01-01")],
        "end_date": [T("2027-01-01"), T("2027-06-01"), T("2025-12-31")],
        "budget_eur": [1e6, 2.5e5, None], "kpi_target": [100.0, 33.3, 10.0],
        "kpi_actual": [40.5, None, 12.0], "countries": ["FR;DE", "ES", None],
    })  # fmt: skip
    return categorical(frame, "initiative_id", "status")


HAND_BUILT = {
    "digital_metrics": metrics,
    "live_events": events,
    "education_programs": programs,
    "initiatives": initiatives,
}


@pytest.mark.parametrize(
    "key, by",
    [(k, by) for k, m in CATALOGUE.items() if m.dataset in HAND_BUILT for by in BYS[m.dataset]],
)  # fmt: skip
def test_a_table_of_hand_built_rows_is_the_reference_to_the_last_bit(key, by):
    frame = HAND_BUILT[CATALOGUE[key].dataset]()
    same(frame, key, by)
    same(frame.iloc[::-1], key, by)  # the groups in the other order
    same(frame.iloc[:0], key, by)  # nothing chosen


def test_the_hand_built_rows_reach_the_cases_the_fast_path_tells_apart():
    """Sums of fractions go through pandas, whole numbers through numpy, and columns whose groups
    differ are aligned as pandas aligns them (sorted): each case is in the frames above."""
    rows = engine._Rows(metrics())
    assert not rows.values("target")[2] and rows.values("actual")[2]
    streams = engine._columns(CATALOGUE["streams"], rows, ["country"], AS_OF)
    assert not np.array_equal(streams["actual"].ids, streams["target"].ids)
    assert not engine._Rows(programs()).values("satisfaction")[2]


def shipped_states(options) -> list[filters.FilterState]:
    base = filters.FilterState.default(options)
    # Together these reach every branch of measures.py that the eight states of before reached
    # (measured with coverage's arcs; Spain, Italy and Germany alone added none to Poland's).
    states = [replace(base, countries=c) for c in (("PL",), ())]
    states.append(replace(base, countries=("FR", "DE", "SE")))
    states.append(replace(base, focus_areas=options.focus_areas[:2]))
    states.append(replace(base, year_from=base.year_to, countries=("GB",)))
    return states


def test_every_table_the_pages_draw_is_the_reference_on_the_shipped_data(shipped, options, as_of):
    data = {k: shipped[k] for k in HAND_BUILT}
    for state in shipped_states(options):
        selection = measures.select(data, state, as_of)
        for key, measure in CATALOGUE.items():
            if measure.dataset not in selection.frames:
                continue
            frame = selection.frames[measure.dataset]
            for by in BYS[measure.dataset]:
                expected = reference_table(key, frame, as_of, by)
                got = selection.table(key, by)
                pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=f"{key} {by}")
