"""Check a table of raw text cells against a schema and type the rows that pass.

Cells are read as text on purpose: a problem is then reported with the value exactly as the
file had it, its row number in the file and the column, which is what a person fixing the file
needs. Whole-file problems (no rows, missing columns) raise `SchemaError`; row problems never
raise, they are listed and the row is set aside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpop_explorer.codes import split_countries
from kpop_explorer.i18n import Translator
from kpop_explorer.schemas import Column, Schema

HEADER_ROWS = 1  # file row number = frame position + HEADER_ROWS + 1
MAX_NUMBER = 2.0**53  # beyond this a float no longer holds every whole number
PROBLEM_COLUMNS = ("row", "column", "value", "reason")


class DataError(ValueError):
    """A problem for people: a message key and its values, shown in their language.

    `str()` gives the English text, so logs and tests read naturally.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(Translator("en")(key, **params))


class SchemaError(DataError):
    """The table as a whole cannot be used for this dataset."""


# Row problems are stored in English; these patterns give each its message key for translation.
_REASON_KEYS = (
    (re.compile(r"a value is required"), "reason.required"),
    (re.compile(r"not a number"), "reason.not_number"),
    (re.compile(r"not a whole number"), "reason.not_integer"),
    (re.compile(r"not a date in the form YYYY-MM-DD"), "reason.not_date"),
    (re.compile(r"contains an unknown country code"), "reason.unknown_country_in_list"),
    (re.compile(r"unknown country code"), "reason.unknown_country"),
    (re.compile(r"not an allowed value"), "reason.not_allowed"),
    (re.compile(r"below the minimum (?P<limit>.+)"), "reason.below_min"),
    (re.compile(r"above the maximum (?P<limit>.+)"), "reason.above_max"),
    (re.compile(r"duplicate identifier"), "reason.duplicate_id"),
    (re.compile(r"refers to an unknown id"), "reason.unknown_id"),
    (re.compile(r"end date is before start date"), "reason.end_before_start"),
    (re.compile(r"attendance is above the venue capacity"), "reason.above_capacity"),
    (re.compile(r"duplicate row for (?P<columns>.+)"), "reason.duplicate_key"),
    (re.compile(r"not a web address \(http:// or https://\)"), "reason.not_url"),
)


def reason_in(t: Translator, reason: str) -> str:
    """A row problem's reason in the viewer's language (unknown reasons stay as they are)."""
    for pattern, key in _REASON_KEYS:
        match = pattern.fullmatch(reason)
        if match:
            return t(key, **match.groupdict())
    return reason


@dataclass(frozen=True)
class Validated:
    frame: pd.DataFrame  # the rows that passed, typed
    problems: pd.DataFrame  # one row per problem: row, column, value, reason
    rejected: pd.DataFrame  # the raw rows that failed, with their reasons
    rows_read: int

    @property
    def ok(self) -> bool:
        return self.problems.empty


def _blank(raw: pd.Series) -> pd.Series:
    return raw.eq("") | raw.isna()


def _parse(raw: pd.Series, column: Column) -> tuple[pd.Series, list[tuple[pd.Series, str]]]:
    """Typed values of one column and the (mask, reason) pairs of its bad cells."""
    blank = _blank(raw)
    issues: list[tuple[pd.Series, str]] = []
    if not column.nullable:
        issues.append((blank, "a value is required"))
    kind = column.kind
    if kind in ("int", "float"):
        typed = pd.to_numeric(raw.where(~blank), errors="coerce").astype("float64")
        # Infinity and numbers past float precision are not figures anyone meant.
        typed = typed.where(np.isfinite(typed) & (typed.abs() < MAX_NUMBER))
        issues.append((~blank & typed.isna(), "not a number"))
        if kind == "int":
            fractional = typed.notna() & (typed != np.floor(typed))
            issues.append((fractional, "not a whole number"))
            typed = typed.where(~fractional).astype("Int64")
        else:
            typed = typed.astype("float64")
    elif kind == "date":
        typed = pd.to_datetime(raw.where(~blank), format="%Y-%m-%d", errors="coerce")
        issues.append((~blank & typed.isna(), "not a date in the form YYYY-MM-DD"))
    elif kind == "url":
        typed = raw.where(~blank)
        parts = raw.str.split(" | ", regex=False)
        web = parts.map(
            lambda urls: all(u.strip().startswith(("https://", "http://")) for u in urls)
        )
        issues.append((~blank & ~web.astype(bool), "not a web address (http:// or https://)"))
    elif kind == "country_list":
        typed = raw.where(~blank)
        if column.allowed is not None:
            allowed = set(column.allowed)
            bad = raw.map(lambda v: any(p not in allowed for p in split_countries(str(v))))
            issues.append((~blank & bad.astype(bool), "contains an unknown country code"))
    else:
        typed = raw.where(~blank)
        if column.allowed is not None:
            reason = "unknown country code" if kind == "country" else "not an allowed value"
            issues.append((~blank & ~raw.isin(column.allowed), reason))
    if column.min is not None:
        issues.append((typed.notna() & (typed < column.min), f"below the minimum {column.min:g}"))
    if column.max is not None:
        issues.append((typed.notna() & (typed > column.max), f"above the maximum {column.max:g}"))
    return typed, issues


def _free_name(frame: pd.DataFrame, name: str) -> str:
    """`name`, or a variant not already a column of the user's file."""
    while name in frame.columns:
        name = f"{name} (check)"
    return name


def validate(
    raw: pd.DataFrame,
    schema: Schema,
    known_ids: Mapping[str, set[str]] | None = None,
    row_numbers: Sequence[int] | None = None,
) -> Validated:
    """Validate `raw` (text cells) against `schema`.

    `known_ids` maps "dataset.column" to the ids a foreign key may point to; keys that are absent
    are not checked, so a dataset can be validated on its own. `row_numbers` gives each row's
    number in its file when it is not simply its position after one header row (an upload whose
    blank or title rows were skipped).
    """
    if raw.empty:
        raise SchemaError("error.no_rows", title=schema.title, dataset=schema.name)
    raw = raw.copy()
    raw.columns = [str(c).strip() for c in raw.columns]
    repeated = sorted({c for c in raw.columns if list(raw.columns).count(c) > 1})
    if repeated:
        raise SchemaError("error.repeated_columns", title=schema.title, dataset=schema.name,
                          columns=", ".join(repeated))  # fmt: skip
    missing = [c for c in schema.column_names if c not in raw.columns]
    if missing:
        raise SchemaError(
            "error.missing_columns", title=schema.title, dataset=schema.name,
            columns=", ".join(missing),
        )  # fmt: skip
    raw = raw.reset_index(drop=True)
    file_rows = (
        np.asarray(row_numbers, dtype=int)
        if row_numbers is not None
        else np.arange(len(raw)) + HEADER_ROWS + 1
    )
    for name in schema.column_names:
        raw[name] = raw[name].astype("string").str.strip().fillna("")
    typed = raw.copy()
    issues: list[tuple[pd.Series, str, str]] = []
    for column in schema.columns:
        values, column_issues = _parse(raw[column.name], column)
        typed[column.name] = values
        issues += [(mask, column.name, reason) for mask, reason in column_issues]
        if column.unique:
            dup = raw[column.name].duplicated(keep="first") & ~_blank(raw[column.name])
            issues.append((dup, column.name, "duplicate identifier"))
        if column.references and known_ids and column.references in known_ids:
            dangling = ~raw[column.name].isin(known_ids[column.references])
            issues.append(
                (dangling & ~_blank(raw[column.name]), column.name, "refers to an unknown id")
            )
    for rule in schema.row_rules:
        left, right = typed[rule.left], typed[rule.right]
        issues.append(((left.notna() & right.notna() & (left < right)).fillna(False), rule.left,
                       rule.reason))  # fmt: skip
    if schema.key:
        dup = raw.duplicated(subset=list(schema.key), keep="first")
        issues.append((dup, schema.key[0], "duplicate row for " + ", ".join(schema.key)))

    problem_parts = []
    bad_rows = pd.Series(False, index=raw.index)
    for mask, column_name, reason in issues:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            continue
        bad_rows |= mask
        problem_parts.append(
            pd.DataFrame(
                {
                    "row": file_rows[mask.to_numpy()],
                    "column": column_name,
                    "value": raw.loc[mask, column_name].to_numpy(),
                    "reason": reason,
                }
            )
        )
    problems = (
        pd.concat(problem_parts, ignore_index=True).sort_values(["row", "column"], kind="stable")
        if problem_parts
        else pd.DataFrame({c: pd.Series(dtype="object") for c in PROBLEM_COLUMNS})
    ).reset_index(drop=True)
    rejected = raw[bad_rows].copy()
    if not rejected.empty:
        reasons = problems.assign(text=problems["column"] + ": " + problems["reason"])
        joined = reasons.groupby("row")["text"].agg("; ".join)
        row_column, problems_column = _free_name(raw, "row"), _free_name(raw, "problems")
        rejected.insert(0, row_column, file_rows[bad_rows.to_numpy()])
        rejected[problems_column] = rejected[row_column].map(joined)
    frame = typed[~bad_rows].reset_index(drop=True)
    for column in schema.columns:  # repeated codes cost a byte each, and filter faster
        if column.kind in ("code", "country") or column.references:
            frame[column.name] = frame[column.name].astype("category")
    return Validated(
        frame=frame,
        problems=problems,
        rejected=rejected.reset_index(drop=True),
        rows_read=len(raw),
    )
