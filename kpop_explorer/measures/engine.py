"""A measure evaluated over any grouping, and the selection every page reads.

`table(key, frame, as_of, by)` groups rows with numpy on integer codes (public pandas and numpy
API only) and returns actual, due, target, attainment and standing per group. A `Selection` holds
the filtered frames and keeps each table it works out, so a page that asks twice computes once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpop_explorer.datasets import codes
from kpop_explorer.links import filters
from kpop_explorer.measures.catalogue import (
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
    Result,
    _held,
    standing,
)
from kpop_explorer.measures.scorecards import scorecard, scorecard_summary

_ALL = "_all"  # the one group of a total


def _sum(rows: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """`column` summed per group of `keys`; a group with no values is missing, not 0."""
    return rows.groupby(keys, observed=True, sort=False)[column].sum(min_count=1).astype(float)


def elapsed_share(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """How much of each row's run (an initiative, a programme) has passed by `as_of`, 0 to 1."""
    span = (rows["end_date"] - rows["start_date"]).dt.days.clip(lower=1)
    return ((as_of - rows["start_date"]).dt.days / span).clip(0, 1)


class _Rows:
    """One frame ready for many tables: what `table` reads of it, worked out once per frame and
    kept with its `Selection` (a filter change makes a new one). Each table is then a few numpy
    reductions over row masks, grouped on integer codes, instead of a dozen pandas filters and
    groupbys. Masks are over all the frame's rows; a measure's rules combine them."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame  # read only: it may be a frame shared by every session
        self.n = len(frame)
        self._cache: dict = {}
        self._derived: dict[str, pd.Series] = {}  # columns worked out here, beside the frame

    def column(self, name: str) -> pd.Series:
        return self._derived[name] if name in self._derived else self.frame[name]

    def derive(self, name: str, make: Callable[[], pd.Series]) -> str:
        """A column computed once from the frame and kept here (never added to the frame)."""
        if name not in self._derived:
            self._derived[name] = make()
        return name

    def _get(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def mask(self, measure: Measure, rule: str) -> np.ndarray:
        """`measure.scope` or `measure.done` per row (rules test one row at a time)."""

        def make():
            test = getattr(measure, rule)
            if test is None:
                return np.ones(self.n, dtype=bool)
            return np.asarray(test(self.frame).to_numpy(dtype=bool, na_value=False), dtype=bool)

        return self._get(("mask", measure.key, rule), make)

    def dated(self, column: str, as_of: pd.Timestamp) -> np.ndarray:
        return self._get(
            ("dated", column, as_of),
            lambda: (self.frame[column] <= as_of).to_numpy(dtype=bool, na_value=False),
        )

    def dates(self, column: str) -> np.ndarray:
        return self._get(("dates", column), lambda: self.frame[column].to_numpy("datetime64[ns]"))

    def values(self, column: str) -> tuple[np.ndarray, np.ndarray, bool]:
        """The column as floats, where it is missing, and whether its sums are exact in any
        order (whole numbers, small enough), so a plain numpy sum equals pandas' own."""

        def make():
            values = self.column(column).to_numpy(dtype=float, na_value=np.nan)
            missing = np.isnan(values)
            present = values[~missing]
            exact = bool(
                np.all(np.isfinite(present))
                and np.all(present == np.floor(present))
                and np.abs(present).sum() < 2.0**53
            )
            return values, missing, exact

        return self._get(("values", column), make)

    def value_codes(self, column: str) -> np.ndarray:
        return self._get(("codes", column), lambda: pd.factorize(self.column(column))[0])

    def quarters(self, date: str) -> pd.Series:
        return self._get(
            ("quarter", date), lambda: self.frame[date].dt.to_period("Q").dt.start_time
        )

    def keyed(self, measure: Measure, by: list[str]) -> pd.DataFrame:
        """The grouping columns (and `quarter` of the measure's date when asked for)."""
        if "quarter" in by and "quarter" not in self.frame:
            frame = self.frame[[c for c in by if c != "quarter"]]
            return frame.assign(quarter=self.quarters(measure.date))[by]
        return self.frame[by]

    def groups(self, measure: Measure, by: list[str]) -> tuple[np.ndarray, pd.Index]:
        """Each row's group (-1: a missing key, which groupby drops) and the groups, numbered
        as a groupby of all rows numbers them (first appearance)."""

        def make():
            if not by:
                return np.zeros(self.n, dtype=np.intp), pd.Index([0], name=_ALL)
            if len(by) == 1:  # numbered in order of appearance, as groupby(sort=False) does
                codes, uniques = pd.factorize(self.keyed(measure, by)[by[0]])
                return codes.astype(np.intp), pd.Index(uniques, name=by[0])
            grouped = self.keyed(measure, by).groupby(by, observed=True, sort=False)
            codes = grouped.ngroup().to_numpy(dtype=float, na_value=np.nan)
            codes = np.where(np.isnan(codes), -1, codes).astype(np.intp)
            return codes, grouped.size().index

        date = measure.date if "quarter" in by else None
        return self._get(("groups", tuple(by), date), make)


@dataclass
class _Column:
    """A reduced column: the groups it has (in the order a groupby of its rows gives them) and
    its value per group."""

    ids: np.ndarray
    values: np.ndarray


def _present(codes: np.ndarray) -> np.ndarray:
    """The groups among `codes`, in order of first appearance."""
    codes = codes[codes >= 0]
    groups, first = np.unique(codes, return_index=True)
    return groups[np.argsort(first, kind="stable")]


def _fast(
    prepared: _Rows, measure: Measure, by: list[str], mask: np.ndarray, column: str | None, how: str
) -> _Column:
    """`how` ("size", "nunique", "sum" or "mean") of `column` over the rows of `mask`, per
    group of `by`: the groups present, in order of first appearance, and their values."""
    codes, index = prepared.groups(measure, by)
    sub = codes[mask]
    ids = _present(sub)
    if not len(ids):
        return _Column(ids, np.empty(0))
    valid = sub >= 0
    sub = sub[valid]
    n = len(index)
    if how == "size":
        return _Column(ids, np.bincount(sub, minlength=n)[ids].astype(float))
    if how == "nunique":
        values = prepared.value_codes(column)[mask][valid]
        pairs = np.unique(sub[values >= 0] * (values.max(initial=0) + 1) + values[values >= 0])
        counts = np.bincount(pairs // (values.max(initial=0) + 1), minlength=n)
        return _Column(ids, counts[ids].astype(float))
    values, missing, exact = prepared.values(column)
    if how == "sum" and exact:
        values, missing = values[mask][valid], missing[mask][valid]
        sums = np.bincount(sub, weights=np.where(missing, 0.0, values), minlength=n)
        counted = np.bincount(sub, weights=~missing, minlength=n)
        return _Column(ids, np.where(counted[ids] > 0, sums[ids], np.nan))
    # Anything else (a mean, a sum of fractions) is reduced by pandas itself, so it is the same
    # to the last bit: its summation order is not a plain numpy sum's.
    # The same values in the same order, grouped on the codes: the same sums and means.
    chosen = prepared.column(column).take(np.flatnonzero(mask)[valid])
    if not by:
        value = chosen.sum(min_count=1) if how == "sum" else getattr(chosen, how)()
        return _Column(ids, np.array([float(value)]))
    grouped = chosen.groupby(sub, sort=False)
    reduced = grouped.sum(min_count=1) if how == "sum" else getattr(grouped, how)()
    return _Column(reduced.index.to_numpy(), reduced.to_numpy(dtype=float, na_value=np.nan))


def _columns(
    measure: Measure, prepared: _Rows, by: list[str], as_of: pd.Timestamp
) -> dict[str, _Column]:
    """actual, due and target per group, by the measure's declared rules."""
    rows = prepared.mask(measure, "scope")
    done = rows & prepared.mask(measure, "done")
    has_date = measure.date in prepared.frame
    due_rows = rows & prepared.dated(measure.date, as_of) if has_date else rows

    def reduce(mask, column, how):
        return _fast(prepared, measure, by, mask, column, how)

    columns: dict[str, _Column] = {}
    if measure.aggregation == LEVEL and "month" not in by:
        months = prepared.dates("month")
        measured = done & prepared.dated("month", as_of)
        chosen = months[measured] if measured.any() else months[due_rows]
        chosen = chosen[~np.isnat(chosen)]
        latest = chosen.max() if len(chosen) else np.datetime64("NaT")
        columns["actual"] = reduce(measured & (months == latest), measure.value, "sum")
        ends = months[rows][~np.isnat(months[rows])]
        end = ends.max() if len(ends) else np.datetime64("NaT")
        columns["due"] = reduce(rows & (months == latest), measure.target, "sum")
        columns["target"] = reduce(rows & (months == end), measure.target, "sum")
        return columns
    if measure.aggregation in (FLOW, LEVEL):
        measured = done & prepared.dated(measure.date, as_of) if measure.due == PLAN else done
        columns["actual"] = reduce(measured, measure.value, "sum")
    elif measure.aggregation == COUNT:
        columns["actual"] = reduce(done, None, "size")
    elif measure.aggregation == MEAN:
        columns["actual"] = reduce(done, measure.value, "mean")
    elif measure.aggregation == RATIO:
        numerator = reduce(done, measure.value, "sum")
        denominator = reduce(done, measure.denominator, "sum").values
        ratio = numerator.values / np.where(denominator == 0, np.nan, denominator)
        columns["actual"] = _Column(numerator.ids, ratio)
    elif measure.aggregation == DISTINCT:
        columns["actual"] = reduce(done, measure.value, "nunique")
    if measure.due is None:
        return columns
    if measure.aggregation == DISTINCT:
        columns["due"] = reduce(due_rows, measure.value, "nunique")
        columns["target"] = reduce(rows, measure.value, "nunique")
    elif measure.target == "rows":
        columns["due"] = reduce(due_rows, None, "size")
        columns["target"] = reduce(rows, None, "size")
    elif measure.due == RUN:
        column = prepared.derive(
            f"_due_{measure.target}_{as_of.value}",
            lambda: prepared.frame[measure.target] * elapsed_share(prepared.frame, as_of),
        )
        columns["due"] = reduce(rows, column, "sum")
        columns["target"] = reduce(rows, measure.target, "sum")
    else:
        columns["due"] = reduce(due_rows, measure.target, "sum")
        columns["target"] = reduce(rows, measure.target, "sum")
    return columns


TABLE_COLUMNS = ["actual", "due", "target", "attainment", "standing"]


def _groups_of(columns: dict[str, _Column], index: pd.Index, by: list[str]) -> np.ndarray:
    """The groups of the table, in the order pandas aligns the columns' own indexes: the one
    order they share, or else their union as pandas forms it."""
    first = next(iter(columns.values())).ids
    if all(np.array_equal(c.ids, first) for c in columns.values()):
        return first
    if not by:
        return np.zeros(1, dtype=np.intp)
    # A frame of the columns' own indexes is aligned exactly as pandas aligns the table's.
    aligned = pd.DataFrame({name: pd.Series(0, index=index[c.ids]) for name, c in columns.items()})
    return index.get_indexer(aligned.index)


def _table(
    key: str, prepared: _Rows, as_of: pd.Timestamp, by: str | Sequence[str] = ()
) -> pd.DataFrame:
    measure = CATALOGUE[key]
    by = [by] if isinstance(by, str) else list(by)
    keys = by or [_ALL]
    columns = _columns(measure, prepared, by, as_of)
    if not prepared.mask(measure, "scope").any() or all(not len(c.ids) for c in columns.values()):
        return pd.DataFrame(columns=[*by, *TABLE_COLUMNS])
    _, index = prepared.groups(measure, by)
    groups = _groups_of(columns, index, by)
    where = np.full(len(index), -1, dtype=np.intp)
    where[groups] = np.arange(len(groups))
    aligned = {}
    for name in ("actual", "due", "target"):
        values = np.full(len(groups), np.nan)
        if name in columns:
            values[where[columns[name].ids]] = columns[name].values
        aligned[name] = values
    actual, due, target = aligned["actual"], aligned["due"], aligned["target"]
    if measure.has_target:  # a group with nothing planned or due has 0 of it, not "unknown"
        due, target = np.nan_to_num(due, nan=0.0), np.nan_to_num(target, nan=0.0)
    # Nothing achieved where something was due is 0; a month not measured yet stays empty.
    nothing = (due > 0) | (measure.aggregation in (COUNT, DISTINCT))
    actual = np.where(nothing & np.isnan(actual), 0.0, actual)
    attainment = actual / np.where(due > 0, due, np.nan)
    values = {"actual": actual, "due": due, "target": target, "attainment": attainment}
    if not by:  # a total: one row, numbered from 0
        result = pd.DataFrame(values)
        result["standing"] = result["attainment"].map(standing)
        return result
    result = pd.DataFrame(values, index=index[groups])
    result["standing"] = result["attainment"].map(standing)
    result.index.names = keys
    return result.reset_index()


def table(
    key: str, frame: pd.DataFrame, as_of: pd.Timestamp, by: str | Sequence[str] = ()
) -> pd.DataFrame:
    """The measure per group of `by` (none: the total), with what was due, the whole plan, the
    attainment against what was due and its status."""
    return _table(key, _Rows(frame), as_of, by)


def total(key: str, frame: pd.DataFrame, as_of: pd.Timestamp) -> Result:
    """The measure over all of `frame`, with what was due and the whole plan."""
    return result_of(key, table(key, frame, as_of))


def result_of(key: str, row: pd.DataFrame) -> Result:
    """The one row of a measure's total table as a `Result`."""
    measure = CATALOGUE[key]
    if row.empty:  # nothing to count is 0; nothing measured is unknown ("–")
        empty = 0.0 if measure.aggregation in (COUNT, DISTINCT) else float("nan")
        target = 0.0 if measure.has_target else None
        return Result(key, empty, target, target, measure.unit)
    first = row.iloc[0]
    return Result(
        key,
        float(first["actual"]),
        float(first["due"]) if measure.has_target else None,
        float(first["target"]) if measure.has_target else None,
        measure.unit,
    )


def growth(key: str, frame: pd.DataFrame, by: str, months: int = 12) -> pd.DataFrame:
    """The last `months` measured months against the `months` before, per `by`: a flow compares
    the sums of the two windows, a level its value at the ends of the two windows."""
    measure = CATALOGUE[key]
    rows = frame[measure.scope(frame) & measure.done(frame)]
    if rows.empty:
        return pd.DataFrame(columns=[by, "recent", "previous", "growth"])
    last = rows["month"].max()
    recent_start = last - pd.DateOffset(months=months - 1)
    previous_start = recent_start - pd.DateOffset(months=months)
    if measure.aggregation == LEVEL:
        recent = _sum(rows[rows["month"] == last], [by], "actual")
        previous = _sum(rows[rows["month"] == last - pd.DateOffset(months=months)], [by], "actual")
    else:
        recent = _sum(rows[rows["month"] >= recent_start], [by], "actual")
        before = rows["month"].between(previous_start, recent_start, inclusive="left")
        previous = _sum(rows[before], [by], "actual")
    result = pd.DataFrame({"recent": recent, "previous": previous}).dropna()
    result = result[result["previous"] > 0]
    result["growth"] = result["recent"] / result["previous"] - 1
    result.index.name = by
    return result.reset_index().sort_values("growth", kind="stable")


def leaders(frame: pd.DataFrame, column: str, by: str, n: int = 2) -> list[str]:
    """The `n` groups of a measure's table with the largest `column`, largest first."""
    ranked = frame.dropna(subset=[column]).sort_values(column, ascending=False, kind="stable")
    return ranked[by].astype(str).head(n).tolist()


# --- A selection: the filtered frames every page reads ------------------------------------------


def places(
    events: pd.DataFrame,
    programs: pd.DataFrame,
    initiatives: pd.DataFrame,
    countries: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per country an activity or a plan names, dated, and `reached` where an event was
    held or a programme started there. Only the chosen countries count, so "countries reached"
    is out of the countries chosen."""
    planned = initiatives[["countries", "start_date"]].dropna(subset=["countries"])
    planned = planned.assign(country=planned["countries"].map(codes.split_countries)).explode(
        "country"
    )
    frames = [
        pd.DataFrame({"country": events["country"].astype(str),
                      "start_date": events["start_date"],
                      "reached": _held(events).map({True: 1.0, False: np.nan})}),
        pd.DataFrame({"country": programs["country"].astype(str),
                      "start_date": programs["start_date"],
                      "reached": programs["participants_actual"].notna()
                      .map({True: 1.0, False: np.nan})}),
        pd.DataFrame({"country": planned["country"].astype(str),
                      "start_date": planned["start_date"], "reached": np.nan}),
    ]  # fmt: skip
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["country"].ne("")]
    if countries:
        rows = rows[rows["country"].isin(countries)]
    return rows


@dataclass(frozen=True)
class Selection:
    """The frames the filters keep, by dataset name, and the date progress is judged at."""

    frames: dict[str, pd.DataFrame]
    as_of: pd.Timestamp
    countries: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def frame(self, key: str) -> pd.DataFrame:
        return self.frames[CATALOGUE[key].dataset]

    def result(self, key: str) -> Result:
        if key not in self._cache:
            self._cache[key] = result_of(key, self.table(key))
        return self._cache[key]

    def results(self, keys: Sequence[str]) -> list[Result]:
        return [self.result(k) for k in keys if CATALOGUE[k].dataset in self.frames]

    def table(self, key: str, by: str | Sequence[str] = ()) -> pd.DataFrame:
        """`table(key, ...)` of this selection, worked out once (callers do not modify it)."""
        keys = ("table", key, (by,) if isinstance(by, str) else tuple(by))
        if keys not in self._cache:
            dataset = CATALOGUE[key].dataset
            if ("rows", dataset) not in self._cache:
                self._cache["rows", dataset] = _Rows(self.frames[dataset])
            self._cache[keys] = _table(key, self._cache["rows", dataset], self.as_of, by)
        return self._cache[keys]

    def joined(self, by: str | Sequence[str], **columns: tuple[str, str]) -> pd.DataFrame:
        """Several measures side by side per group: `joined("country", attendance=("attendance",
        "actual"), events=("events_held", "target"))`. Groups a measure lacks read 0."""
        by = [by] if isinstance(by, str) else list(by)
        parts = [
            self.table(key, by).set_index(by)[column].rename(name)
            for name, (key, column) in columns.items()
        ]
        result = pd.concat(parts, axis=1) if parts else pd.DataFrame()
        result.index.names = by
        return result.fillna(0.0).reset_index()

    def scorecard(self, by: str) -> pd.DataFrame:
        """`scorecard(self, by)`, worked out once per selection."""
        if ("scorecard", by) not in self._cache:
            self._cache["scorecard", by] = scorecard(self, by)
        return self._cache["scorecard", by]

    def adopt(self, scorecards: dict[str, pd.DataFrame]) -> None:
        """Use scorecards already worked out for this very selection (same filters and data)."""
        self._cache.update({("scorecard", by): table for by, table in scorecards.items()})

    def summary(self, by: str) -> pd.DataFrame:
        """`scorecard_summary` of this selection's scorecard, worked out once (a page asks for
        it up to four times a rerun; callers do not modify it)."""
        if ("summary", by) not in self._cache:
            self._cache["summary", by] = scorecard_summary(self.scorecard(by), by)
        return self._cache["summary", by]

    def narrowed(self, **frames: pd.DataFrame) -> Selection:
        """The same selection with some frames cut further (a click on a chart)."""
        return Selection({**self.frames, **frames}, self.as_of, self.countries)

    def of_initiatives(self, ids: Sequence[str]) -> Selection:
        """The same selection cut to some initiatives: their rows in every dataset, and the
        places they name or reached (a click on an initiative's scorecard row)."""
        wanted = set(ids)
        frames = {
            name: frame[frame["initiative_id"].isin(wanted)]
            for name, frame in self.frames.items()
            if "initiative_id" in frame
        }
        if {"live_events", "education_programs"} <= frames.keys():
            frames["places"] = places(
                frames["live_events"], frames["education_programs"], frames["initiatives"],
                self.countries,
            )  # fmt: skip
        return self.narrowed(**frames)


def select(
    data: dict[str, pd.DataFrame | None], state: filters.FilterState, as_of: pd.Timestamp
) -> Selection:
    """The filtered frames of every dataset loaded, through the one set of filters."""
    initiatives = data.get("initiatives")
    frames: dict[str, pd.DataFrame] = {}
    if initiatives is None:
        return Selection(frames, as_of, state.countries)
    frames["initiatives"] = filters.filter_initiatives(initiatives, state)
    chosen = frames["initiatives"]["initiative_id"]  # every dataset keeps their rows
    if data.get("live_events") is not None:
        frames["live_events"] = filters.filter_events(
            data["live_events"], initiatives, state, chosen=chosen
        )
    if data.get("education_programs") is not None:
        frames["education_programs"] = filters.filter_programs(
            data["education_programs"], initiatives, state, chosen=chosen
        )
    if data.get("digital_metrics") is not None:
        frames["digital_metrics"] = filters.filter_metrics(
            data["digital_metrics"], initiatives, state, chosen=chosen
        )
    if "live_events" in frames and "education_programs" in frames:
        frames["places"] = places(
            frames["live_events"], frames["education_programs"], frames["initiatives"],
            state.countries,
        )  # fmt: skip
    return Selection(frames, as_of, state.countries)
