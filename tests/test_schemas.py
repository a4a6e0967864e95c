"""Each schema accepts the shipped files and names the column and row of every violation."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer.datasets.loading import REPO_DATA_DIR, read_text_table
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import SchemaError, validate


def raw(name: str) -> pd.DataFrame:
    return read_text_table(REPO_DATA_DIR / SCHEMAS[name].file)


def known_ids() -> dict[str, set[str]]:
    return {"initiatives.initiative_id": set(raw("initiatives")["initiative_id"])}


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_shipped_files_pass_their_schema(name):
    checked = validate(raw(name), SCHEMAS[name], known_ids())
    allowed_gaps = 0
    assert len(checked.problems) == allowed_gaps, checked.problems.head().to_string()
    assert len(checked.frame) == checked.rows_read == len(raw(name))


def test_shipped_files_are_typed():
    events = validate(raw("live_events"), SCHEMAS["live_events"]).frame
    assert pd.api.types.is_datetime64_any_dtype(events["start_date"])
    assert str(events["capacity"].dtype) == "Int64"
    assert events["latitude"].dtype == "float64"


def test_every_column_is_described():
    for schema in SCHEMAS.values():
        for column in schema.columns:
            assert len(column.description) > 8, (schema.name, column.name)


# One broken cell per case: (dataset, row position, column, new value, expected reason)
VIOLATIONS = [
    ("live_events", 3, "capacity", "lots", "not a number"),
    ("live_events", 4, "capacity", "1200.5", "not a whole number"),
    ("live_events", 5, "start_date", "31/12/2025", "not a date in the form YYYY-MM-DD"),
    ("live_events", 6, "event_type", "rave", "not an allowed value"),
    ("live_events", 7, "country", "XX", "unknown country code"),
    ("live_events", 8, "expected_attendance", "-5", "below the minimum 0"),
    ("live_events", 9, "latitude", "123", "above the maximum 90"),
    ("live_events", 10, "name", "", "a value is required"),
    ("live_events", 11, "initiative_id", "INI-999", "refers to an unknown id"),
    ("live_events", 12, "end_date", "2020-01-01", "end date is before start date"),
    ("initiatives", 2, "countries", "FR;ZZ", "contains an unknown country code"),
    ("education_programs", 5, "satisfaction", "7", "above the maximum 5"),
]


@pytest.mark.parametrize(("name", "position", "column", "value", "reason"), VIOLATIONS)
def test_each_violation_is_reported_with_row_and_column(name, position, column, value, reason):
    table = raw(name)
    table.loc[position, column] = value
    checked = validate(table, SCHEMAS[name], known_ids())
    file_row = position + 2  # header is row 1
    hits = checked.problems[
        (checked.problems["row"] == file_row) & (checked.problems["column"] == column)
    ]
    assert reason in hits["reason"].tolist(), checked.problems.to_string()
    assert hits["value"].iloc[0] == value
    assert len(checked.frame) == len(table) - 1  # only the broken row is set aside
    assert checked.rejected["row"].tolist() == [file_row]
    assert column in checked.rejected["problems"].iloc[0]


def test_duplicate_id_names_the_second_row():
    table = raw("initiatives")
    table.loc[5, "initiative_id"] = table.loc[4, "initiative_id"]
    problems = validate(table, SCHEMAS["initiatives"]).problems
    assert problems[["row", "column", "reason"]].values.tolist() == [
        [7, "initiative_id", "duplicate identifier"]
    ]


def test_duplicate_key_in_digital_metrics_is_reported():
    table = raw("digital_metrics")
    table = pd.concat([table, table.iloc[[10]]], ignore_index=True)
    problems = validate(table, SCHEMAS["digital_metrics"]).problems
    assert problems["row"].tolist() == [len(table) + 1]
    assert problems["reason"].iloc[0].key == "reason.duplicate_key"
    assert str(problems["reason"].iloc[0]).startswith("duplicate row for month")


def test_missing_columns_refuse_the_whole_file():
    table = raw("live_events").drop(columns=["venue", "city"])
    with pytest.raises(SchemaError, match="lacks required column\\(s\\): city, venue"):
        validate(table, SCHEMAS["live_events"])


def test_empty_table_is_refused():
    with pytest.raises(SchemaError, match="no data rows"):
        validate(raw("live_events").iloc[0:0], SCHEMAS["live_events"])


def test_extra_columns_are_kept():
    table = raw("initiatives").assign(internal_note="keep me")
    checked = validate(table, SCHEMAS["initiatives"])
    assert checked.ok
    assert (checked.frame["internal_note"] == "keep me").all()
