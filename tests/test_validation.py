"""Each validation rule on a tiny schema of one column per kind: a good row and one bad row, so
a rule that stopped firing, or fired on the good row, shows as a wrong problems table."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer.datasets.schemas import Column, RowRule, Schema
from kpop_explorer.datasets.validation import PROBLEM_COLUMNS, SchemaError, reason_text, validate
from kpop_explorer.i18n import Translator

EN, FR = Translator("en"), Translator("fr")
SCHEMA = Schema(
    name="tiny", file="tiny.csv", title="Tiny", description="One column per kind.",
    provenance="illustrative", source="tests",
    columns=(
        Column("id", "text", "An id.", unique=True),
        Column("parent", "text", "A parent id.", references="parents.id"),
        Column("n", "int", "A count.", min=0, max=100),
        Column("x", "float", "A figure.", nullable=True),
        Column("day", "date", "A day."),
        Column("month", "date", "A month.", nullable=True, first_of_month=True),
        Column("kind", "code", "A code.", allowed=("a", "b")),
        Column("country", "country", "A country.", allowed=("FR", "DE")),
        Column("countries", "country_list", "Countries.", nullable=True, allowed=("FR", "DE")),
        Column("url", "url", "Sources.", nullable=True),
        Column("end", "date", "The last day.", nullable=True),
    ),
    row_rules=(RowRule("end", "day", "reason.end_before_start"),),
    key=("country", "day"),
)  # fmt: skip
KNOWN = {"parents.id": {"P1"}}
GOOD = dict(id="A", parent="P1", n="5", x="1.5", day="2026-01-15", month="2026-01-01", kind="a",
            country="FR", countries="FR;DE", url="https://a.example | http://b.example",
            end="2026-01-20")  # fmt: skip
OTHER = dict(id="B", parent="P1", n="7", x="", day="2026-02-01", month="", kind="b",
             country="DE", countries="", url="", end="")  # fmt: skip


def table(**second: str) -> pd.DataFrame:
    """The good row, then the other row with `second`'s cells changed."""
    return pd.DataFrame([GOOD, {**OTHER, **second}])


def problems_of(raw: pd.DataFrame, **kwargs) -> list[tuple[int, str, str, str]]:
    problems = validate(raw, SCHEMA, KNOWN, **kwargs).problems
    return [(r.row, r.column, r.value, reason_text(r.reason, EN)) for r in problems.itertuples()]


def test_the_good_rows_pass_and_are_typed():
    checked = validate(table(), SCHEMA, KNOWN)
    assert checked.ok and checked.rows_read == 2 and checked.rejected.empty
    frame = checked.frame
    assert frame["n"].dtype == "Int64" and frame["n"].tolist() == [5, 7]
    assert frame["x"].dtype == "float64" and frame["x"].iloc[0] == 1.5
    assert pd.isna(frame["x"].iloc[1])  # a blank in a nullable column is missing, not wrong
    assert frame["day"].tolist() == [pd.Timestamp("2026-01-15"), pd.Timestamp("2026-02-01")]
    for coded in ("kind", "country", "parent"):  # codes and references are categories
        assert isinstance(frame[coded].dtype, pd.CategoricalDtype), coded
    assert frame["id"].tolist() == ["A", "B"] and frame["id"].dtype != "category"


# One bad row per rule: (cells of row 3 changed, the column named, the reason in English).
RULES = [
    (dict(n="lots"), "n", "not a number"),
    (dict(n="1.5"), "n", "not a whole number"),
    (dict(n="-1"), "n", "below the minimum 0"),
    (dict(n="101"), "n", "above the maximum 100"),
    (dict(n=""), "n", "a value is required"),
    (dict(x="inf"), "x", "not a number"),
    (dict(x="nan"), "x", "not a number"),
    (dict(x="9007199254740992"), "x", "not a number"),  # 2**53: past a float's whole numbers
    (dict(day="2026-02-30"), "day", "no such date"),
    (dict(day="30/02/2026"), "day", "no such date"),
    (dict(day="31/12/2025"), "day", "not a date in the form YYYY-MM-DD"),  # a real day
    (dict(day="12/31/2025"), "day", "not a date in the form YYYY-MM-DD"),  # month first
    (dict(day="next week"), "day", "not a date in the form YYYY-MM-DD"),
    (dict(day="1899-12-31"), "day", "a date outside 1900-01-01 to 2099-12-31"),
    (dict(day="2100-01-01"), "day", "a date outside 1900-01-01 to 2099-12-31"),
    (dict(month="2026-02-15"), "month", "not the first day of a month (YYYY-MM-01)"),
    (dict(kind="c"), "kind", "not an allowed value"),
    (dict(country="XX"), "country", "unknown country code"),
    (dict(countries="FR;XX"), "countries", "contains an unknown country code"),
    (dict(url="ftp://a.example"), "url", "not a web address (http:// or https://)"),
    (dict(url="https://a.example | www.b.example"), "url",
     "not a web address (http:// or https://)"),
    (dict(id="A"), "id", "duplicate identifier"),
    (dict(parent="P9"), "parent", "refers to an unknown id"),
    (dict(end="2026-01-31"), "end", "end date is before start date"),
    (dict(country="FR", day="2026-01-15"), "country", "duplicate row for country, day"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "column", "reason"), RULES)
def test_each_rule_sets_aside_only_its_bad_row(cells, column, reason):
    raw = table(**cells)
    checked = validate(raw, SCHEMA, KNOWN)
    value = raw.loc[1, column]
    assert problems_of(raw) == [(3, column, value, reason)]  # row 3: the header is row 1
    assert checked.frame["id"].tolist() == ["A"]
    assert checked.rejected["row"].tolist() == [3]
    assert checked.rejected["problems"].tolist() == [f"{column}: {reason}"]


@pytest.mark.parametrize(
    "cells",
    [dict(day="1900-01-01", end="2099-12-31"), dict(day="2099-12-31"), dict(n="0"),
     dict(n="100"), dict(x="9007199254740991"), dict(x="-2.5e3"), dict(end="2026-02-01"),
     dict(n=" 7 ", kind=" b "), dict(parent="P1", url="http://c.example")],
)  # fmt: skip
def test_values_on_the_limits_pass(cells):
    assert problems_of(table(**cells)) == []


def test_a_foreign_key_is_checked_only_against_known_ids():
    assert validate(table(parent="P9"), SCHEMA).ok  # no ids given: not checked
    assert validate(table(parent="P9"), SCHEMA, {"other.id": {"P1"}}).ok


def test_a_too_long_cell_gets_one_reason_and_is_shown_cut():
    long = "x" * 32_768
    assert problems_of(table(n=long)) == [
        (3, "n", "x" * 80 + "…", "a cell longer than 32,767 characters (Excel's limit); a quote "
         'mark (") that opens a cell and is never closed does this')
    ]  # fmt: skip
    assert problems_of(table(id="x" * 32_767)) == []  # exactly the limit is fine


def test_several_problems_of_a_row_are_listed_by_column_and_joined():
    raw = table(n="-1", kind="c")
    assert problems_of(raw) == [
        (3, "kind", "c", "not an allowed value"), (3, "n", "-1", "below the minimum 0"),
    ]  # fmt: skip
    checked = validate(raw, SCHEMA, KNOWN)
    assert checked.rejected["problems"].tolist() == [
        "kind: not an allowed value; n: below the minimum 0"
    ]
    french = checked.rejected_in(FR)["problems"].tolist()
    assert french == [f"kind: {FR('reason.not_allowed')}; n: {FR('reason.below_min', limit='0')}"]
    assert french != checked.rejected["problems"].tolist()


def test_row_numbers_of_the_file_are_reported_when_given():
    assert problems_of(table(kind="c"), row_numbers=[5, 9]) == [
        (9, "kind", "c", "not an allowed value")
    ]


def test_the_rejected_rows_keep_a_files_own_row_and_problems_columns():
    raw = table(kind="c").assign(row="mine", problems="also mine")
    rejected = validate(raw, SCHEMA, KNOWN).rejected
    assert list(rejected.columns) == ["row (check)", *raw.columns, "problems (check)"]
    assert rejected[["row (check)", "row", "problems"]].values.tolist() == [
        [3, "mine", "also mine"]
    ]
    assert rejected["problems (check)"].tolist() == ["kind: not an allowed value"]


def test_headers_are_read_without_their_spaces():
    raw = table().rename(columns={"kind": "  kind "})
    assert validate(raw, SCHEMA, KNOWN).ok


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (table().iloc[0:0], "no data rows"),
        (table().drop(columns=["url", "kind"]), "kind, url"),
        (table().rename(columns={"x": "n"}), "n"),
    ],
)
def test_whole_file_problems_refuse_the_file(raw, message):
    with pytest.raises(SchemaError, match=message):
        validate(raw, SCHEMA, KNOWN)


def test_a_whole_file_problem_names_the_dataset_and_the_columns():
    doubled = pd.concat([table(), table()[["n"]]], axis=1)  # "n" twice, every other column once
    with pytest.raises(SchemaError) as raised:
        validate(doubled, SCHEMA, KNOWN)
    assert str(raised.value) == EN("error.repeated_columns", title="Tiny", columns="n")
    assert raised.value.params["dataset"] == "tiny"  # the upload report's dataset
    with pytest.raises(SchemaError) as raised:
        validate(table().drop(columns=["url", "kind"]), SCHEMA, KNOWN)
    assert str(raised.value) == EN("error.missing_columns", title="Tiny", columns="kind, url")
    assert raised.value.params["dataset"] == "tiny"
    with pytest.raises(SchemaError) as raised:
        validate(table().iloc[0:0], SCHEMA, KNOWN)
    assert str(raised.value) == EN("error.no_rows", title="Tiny")


def test_a_messages_values_pass_through_the_escape_and_plain_reasons_read_as_written():
    error = SchemaError("error.missing_columns", title="Tiny", columns="kind_x")
    assert error.text(FR, escape=str.upper) == FR("error.missing_columns", title="TINY",
                                                   columns="KIND_X")  # fmt: skip
    assert reason_text("written by hand", FR) == "written by hand"


NOT_ISO = "not a date in the form YYYY-MM-DD"


@pytest.mark.parametrize(
    ("day", "reason"),
    [("2026-02-29", "no such date"), ("29/02/2026", "no such date"),
     ("02/29/2024", NOT_ISO), ("26-01-05", NOT_ISO), ("24-02-29", NOT_ISO)],  # 24: a leap year
)  # fmt: skip
def test_a_date_that_cannot_be_is_told_from_one_written_otherwise(day, reason):
    assert problems_of(table(day=day)) == [(3, "day", day, reason)]


def test_bad_rows_of_different_rules_are_all_set_aside_and_the_rest_renumbered():
    raw = pd.DataFrame(
        [{**OTHER, "id": "C", "kind": "c"}, GOOD, {**OTHER, "n": "-1", "day": "2026-03-02"}]
    )
    checked = validate(raw, SCHEMA, KNOWN)
    assert checked.frame["id"].tolist() == ["A"]
    assert list(checked.frame.index) == [0] and "index" not in checked.frame
    assert checked.rejected["row"].tolist() == [2, 4]
    problems = checked.problems
    assert list(problems.columns) == list(PROBLEM_COLUMNS) and list(problems.index) == [0, 1]
    assert problems["row"].dtype.kind == "i"


def test_a_valid_file_has_an_empty_problems_table_with_its_columns():
    problems = validate(table(), SCHEMA, KNOWN).problems
    assert problems.empty and list(problems.columns) == list(PROBLEM_COLUMNS)


def test_text_lists_and_links_are_kept_as_written_and_missing_cells_stay_missing():
    raw = table()
    raw.loc[1, ["x", "url", "countries"]] = None  # as a spreadsheet's empty cells are read
    frame = validate(raw, SCHEMA, KNOWN).frame
    assert frame.loc[0, "url"] == GOOD["url"] and frame.loc[0, "countries"] == "FR;DE"
    assert frame.loc[0, "id"] == "A"
    assert frame.loc[1, ["x", "url", "countries"]].isna().all()


def test_file_row_numbers_given_as_floats_are_reported_as_whole_numbers():
    problems = validate(table(kind="c"), SCHEMA, KNOWN, row_numbers=[5.0, 9.0]).problems
    assert problems["row"].tolist() == [9] and problems["row"].dtype.kind == "i"
