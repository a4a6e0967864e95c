"""Check a table of raw text cells against a schema and type the rows that pass.

Cells are read as text on purpose: a problem is then reported with the value exactly as the
file had it, its row number in the file and the column, which is what a person fixing the file
needs. Whole-file problems (no rows, missing columns) raise `SchemaError`; row problems never
raise, they are listed and the row is set aside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from kpop_explorer.datasets.codes import split_countries
from kpop_explorer.datasets.schemas import Column, Schema
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.messages import Message

HEADER_ROWS = 1  # file row number = frame position + HEADER_ROWS + 1
MAX_NUMBER = 2.0**53  # beyond this a float no longer holds every whole number
PROBLEM_COLUMNS = ("row", "column", "value", "reason")  # reason: a `Message` (`reason.*`)
# The dates the app's year filter, timelines and period arithmetic are made for; a year such as
# 0 or 9999 is a typing mistake, and once let through it broke five pages.
EARLIEST_DATE, LATEST_DATE = pd.Timestamp("1900-01-01"), pd.Timestamp("2099-12-31")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell; a longer one is usually an unclosed quote
SHOWN_VALUE_CHARS = 80  # a too-long value is shown cut to this, with an ellipsis
PARENT_SET_ASIDE = "reason.parent_set_aside"  # the row's initiative was itself left out
_ISO_SHAPE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DAY_MONTH_SHAPE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


class DataError(ValueError):
    """A problem for people: a message key and its values, shown in their language.

    `str()` gives the English text, so logs and tests read naturally.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text(Translator("en")))

    def text(self, t: Translator, escape: Callable[[str], str] | None = None) -> str:
        """The message in `t`'s language, values from files passed through `escape`."""
        message = Message(self.key, self.params)
        return message.text(t) if escape is None else message.text(t, escape)


class SchemaError(DataError):
    """The table as a whole cannot be used for this dataset."""


def reason_text(reason: Message | str, t: Translator) -> str:
    """A row problem's reason in the viewer's language."""
    return reason.text(t) if isinstance(reason, Message) else str(reason)


@dataclass(frozen=True)
class Validated:
    frame: pd.DataFrame  # the rows that passed, typed
    problems: pd.DataFrame  # one row per problem: row, column, value, reason
    rejected: pd.DataFrame  # the raw rows that failed, with their reasons in English
    rows_read: int

    @property
    def ok(self) -> bool:
        return self.problems.empty

    def rejected_in(self, t: Translator) -> pd.DataFrame:
        """The rejected rows with their reasons in the viewer's language, to download."""
        if self.rejected.empty:
            return self.rejected
        row_column, problems_column = self.rejected.columns[0], self.rejected.columns[-1]
        texts = _reasons_by_row(self.problems, t)
        return self.rejected.assign(**{problems_column: self.rejected[row_column].map(texts)})


def _blank(raw: pd.Series) -> pd.Series:
    return raw.eq("") | raw.isna()


def _reason(key: str, **params: object) -> Message:
    return Message(key, params)


def _exists(year: str, month: str, day: str) -> bool:
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _date_reason(text: str) -> Message:
    """Why a cell is not a date: no such day ("31/02/2025"), or not written as one."""
    if m := _ISO_SHAPE.fullmatch(text):
        real = _exists(m[1], m[2], m[3])
    elif m := _DAY_MONTH_SHAPE.fullmatch(text):
        real = _exists(m[3], m[2], m[1]) or _exists(m[3], m[1], m[2])
    else:
        return _reason("reason.not_date")
    return _reason("reason.not_date") if real else _reason("reason.no_such_date")


def _parse(raw: pd.Series, column: Column) -> tuple[pd.Series, list[tuple[pd.Series, object]]]:
    """Typed values of one column and the (mask, reason) pairs of its bad cells.

    A reason is a `Message`, or a series of them (one per row) where the reason depends on the
    value.
    """
    blank = _blank(raw)
    issues: list[tuple[pd.Series, object]] = []
    too_long = (raw.str.len() > MAX_CELL_CHARS).fillna(False).astype(bool)
    issues.append((too_long, _reason("reason.too_long", limit=MAX_CELL_CHARS)))
    unchecked = blank | too_long  # a too-long cell is checked no further: one reason is enough
    if not column.nullable:
        issues.append((blank, _reason("reason.required")))
    kind = column.kind
    if kind in ("int", "float"):
        typed = pd.to_numeric(raw.where(~unchecked), errors="coerce").astype("float64")
        # Infinity and numbers past float precision are not figures anyone meant.
        typed = typed.where(np.isfinite(typed) & (typed.abs() < MAX_NUMBER))
        issues.append((~unchecked & typed.isna(), _reason("reason.not_number")))
        if kind == "int":
            fractional = typed.notna() & (typed != np.floor(typed))
            issues.append((fractional, _reason("reason.not_integer")))
            typed = typed.where(~fractional).astype("Int64")
        else:
            typed = typed.astype("float64")
    elif kind == "date":
        typed = pd.to_datetime(raw.where(~unchecked), format="%Y-%m-%d", errors="coerce")
        unread = ~unchecked & typed.isna()
        issues.append((unread, raw[unread].map(_date_reason).reindex(raw.index)))
        outside = typed.notna() & ((typed < EARLIEST_DATE) | (typed > LATEST_DATE))
        issues.append((outside, _reason("reason.date_out_of_range",
                                        earliest=str(EARLIEST_DATE.date()),
                                        latest=str(LATEST_DATE.date()))))  # fmt: skip
        typed = typed.where(~outside)
        if column.first_of_month:
            issues.append((typed.notna() & (typed.dt.day != 1),
                           _reason("reason.not_first_of_month")))  # fmt: skip
    elif kind == "url":
        typed = raw.where(~unchecked)
        parts = raw.str.split(" | ", regex=False)
        web = parts.map(
            lambda urls: all(u.strip().startswith(("https://", "http://")) for u in urls)
        )
        issues.append((~unchecked & ~web.astype(bool), _reason("reason.not_url")))
    elif kind == "country_list":
        typed = raw.where(~unchecked)
        if column.allowed is not None:
            allowed = set(column.allowed)
            bad = raw.map(lambda v: any(p not in allowed for p in split_countries(str(v))))
            issues.append((~unchecked & bad.astype(bool),
                           _reason("reason.unknown_country_in_list")))  # fmt: skip
    else:
        typed = raw.where(~unchecked)
        if column.allowed is not None:
            key = "reason.unknown_country" if kind == "country" else "reason.not_allowed"
            issues.append((~unchecked & ~raw.isin(column.allowed), _reason(key)))
    if column.min is not None:
        issues.append((typed.notna() & (typed < column.min),
                       _reason("reason.below_min", limit=f"{column.min:g}")))  # fmt: skip
    if column.max is not None:
        issues.append((typed.notna() & (typed > column.max),
                       _reason("reason.above_max", limit=f"{column.max:g}")))  # fmt: skip
    return typed, issues


def _shown_value(value: str) -> str:
    if len(value) > MAX_CELL_CHARS:
        return value[:SHOWN_VALUE_CHARS] + "…"
    return value


def _reasons_by_row(problems: pd.DataFrame, t: Translator) -> pd.Series:
    """Each problem row's reasons as one text: "column: reason; column: reason"."""
    texts = problems["column"] + ": " + problems["reason"].map(lambda r: reason_text(r, t))
    return texts.groupby(problems["row"]).agg("; ".join)


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
    set_aside_ids: Mapping[str, set[str]] | None = None,
) -> Validated:
    """Validate `raw` (text cells) against `schema`.

    `known_ids` maps "dataset.column" to the ids a foreign key may point to; keys that are absent
    are not checked, so a dataset can be validated on its own. `row_numbers` gives each row's
    number in its file when it is not simply its position after one header row (an upload whose
    blank or title rows were skipped). `set_aside_ids` holds, per key of `known_ids`, the ids of
    records that were left out of their own table: a row pointing to one is left out for that
    reason (`PARENT_SET_ASIDE`), which is counted apart from an id that never existed.
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
    issues: list[tuple[pd.Series, str, object]] = []
    for column in schema.columns:
        values, column_issues = _parse(raw[column.name], column)
        typed[column.name] = values
        issues += [(mask, column.name, reason) for mask, reason in column_issues]
        if column.unique:
            dup = raw[column.name].duplicated(keep="first") & ~_blank(raw[column.name])
            issues.append((dup, column.name, _reason("reason.duplicate_id")))
        if column.references and known_ids and column.references in known_ids:
            dangling = ~raw[column.name].isin(known_ids[column.references])
            dangling &= ~_blank(raw[column.name])
            gone = (set_aside_ids or {}).get(column.references)
            if gone:
                orphaned = dangling & raw[column.name].isin(gone)
                issues.append((orphaned, column.name, _reason(PARENT_SET_ASIDE)))
                dangling &= ~orphaned
            issues.append((dangling, column.name, _reason("reason.unknown_id")))
    for rule in schema.row_rules:
        left, right = typed[rule.left], typed[rule.right]
        issues.append(((left.notna() & right.notna() & (left < right)).fillna(False), rule.left,
                       _reason(rule.reason)))  # fmt: skip
    if schema.key:
        dup = raw.duplicated(subset=list(schema.key), keep="first")
        issues.append((dup, schema.key[0],
                       _reason("reason.duplicate_key", columns=", ".join(schema.key))))  # fmt: skip

    problem_parts = []
    bad_rows = pd.Series(False, index=raw.index)
    for mask, column_name, reason in issues:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            continue
        bad_rows |= mask
        reasons = (
            reason[mask].to_numpy() if isinstance(reason, pd.Series) else [reason] * mask.sum()
        )
        problem_parts.append(
            pd.DataFrame(
                {
                    "row": file_rows[mask.to_numpy()],
                    "column": column_name,
                    "value": raw.loc[mask, column_name].map(_shown_value).to_numpy(),
                    "reason": pd.Series(list(reasons), dtype="object"),
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
        joined = _reasons_by_row(problems, Translator("en"))
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
