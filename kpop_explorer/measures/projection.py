"""Where each measure lands at the end of its plan, at the pace so far, and how sure that is.

Two explainable models, one per kind of plan in the catalogue (`measures`):

- **Trend** (digital measures, which have a month-by-month plan): an ordinary least-squares line
  through the last `WINDOW` measured months, carried on to the plan's last month. A flow (streams)
  lands at what it has summed so far plus the line's months still to come; a level (monthly
  listeners) at the line's value in the plan's last month. The band is the line's 90%
  prediction interval: from the scatter of the past months around the line (its past errors)
  and from how far the line is carried, so a noisy series gets a wider band.
- **Pace** (events on a schedule, programmes pro rata over their runs): each event or programme
  due so far achieved some share of what was due; the rest of the plan lands at the same pace
  (the sum achieved over the sum due). The band comes from how much that share varied from one
  event or programme to the next.

Only what was known at the as-of date is used: months after it, and rows not yet due, never
enter a fit. A measure with fewer than `MIN_POINTS` months (or `MIN_ROWS` events or programmes
due) gets no projection and says so. `backtest` measures the method on the past: it stops the
data `HOLDOUT` months before the as-of date, projects to the as-of date and compares with what
happened.

Pure: no Streamlit. The words and the drawing are in `headlines`, `figures` and the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpop_explorer import measures
from kpop_explorer.measures import CATALOGUE, FLOW, PLAN, Selection

WINDOW = 12  # the trend is fitted to the last year of measured months
MIN_POINTS = 6  # fewer measured months than this: no trend
MIN_ROWS = 3  # fewer events or programmes due than this: no pace
HOLDOUT = 6  # the backtest stops the data this many months before the as-of date
Z = 1.645  # a 90% two-sided band, in standard errors

TREND = "trend"
PACE = "pace"
METHODS = (TREND, PACE)
# The id column of each dataset's rows, for the pace model (one event, one programme...).
ROW_IDS = {"live_events": "event_id", "education_programs": "program_id",
           "initiatives": "initiative_id"}  # fmt: skip
# The measures that get a projection: those judged against a plan, additive over places.
PROJECTED = measures.SCORED

COLUMNS = ["actual", "projected", "low", "high", "target", "attainment", "standing", "method",
           "points"]  # fmt: skip


def method_of(key: str) -> str:
    return TREND if CATALOGUE[key].due == PLAN else PACE


@dataclass(frozen=True)
class Projection:
    """A measure at the end of its plan. `months`, `monthly`, `monthly_low`, `monthly_high`: the
    trend's months to come and its line and band in each (empty for the pace model)."""

    key: str
    method: str
    actual: float  # achieved by the as-of date (a level: its latest month)
    value: float  # projected at the end of the plan
    low: float
    high: float
    target: float  # the whole plan
    points: int  # months or rows the projection stands on
    months: tuple[pd.Timestamp, ...] = ()
    monthly: tuple[float, ...] = ()
    monthly_low: tuple[float, ...] = ()
    monthly_high: tuple[float, ...] = ()
    end: pd.Timestamp | None = None  # the plan's last month, or its last row's date

    @property
    def attainment(self) -> float | None:
        """The projected end value against the whole plan; None where the plan is 0."""
        if not self.target or np.isnan(self.target):
            return None
        return float(self.value / self.target)

    @property
    def standing(self) -> str | None:
        """ahead / on track / behind at the end of the plan, by the catalogue's one rule."""
        return measures.standing(self.attainment)


def _month_number(months: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    months = pd.DatetimeIndex(months)
    return np.asarray(months.year * 12 + months.month - 1, dtype=float)


@dataclass(frozen=True)
class Line:
    """An ordinary least-squares line through (x, y), with what its prediction interval needs."""

    intercept: float
    slope: float
    sigma: float  # the standard deviation of the points around the line
    n: int
    x_mean: float
    sxx: float

    def at(self, x: np.ndarray) -> np.ndarray:
        return self.intercept + self.slope * np.asarray(x, dtype=float)

    def half_width(self, x: np.ndarray) -> np.ndarray:
        """Half the 90% prediction interval of a new point at each x."""
        x = np.asarray(x, dtype=float)
        spread = 1 + 1 / self.n + (x - self.x_mean) ** 2 / self.sxx
        return Z * self.sigma * np.sqrt(spread)

    def sum_half_width(self, x: np.ndarray) -> float:
        """Half the 90% prediction interval of the sum of new points at x: each point's own
        scatter, plus the line's uncertainty carried to all of them together."""
        x = np.asarray(x, dtype=float)
        h = len(x)
        spread = h + h * h / self.n + float(np.sum(x - self.x_mean)) ** 2 / self.sxx
        return Z * self.sigma * np.sqrt(spread)


def fit_line(x: np.ndarray, y: np.ndarray) -> Line:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    x_mean, y_mean = x.mean(), y.mean()
    sxx = float(np.sum((x - x_mean) ** 2))
    slope = float(np.sum((x - x_mean) * (y - y_mean)) / sxx) if sxx else 0.0
    intercept = float(y_mean - slope * x_mean)
    residuals = y - (intercept + slope * x)
    sigma = float(np.sqrt(np.sum(residuals**2) / (n - 2))) if n > 2 else 0.0
    return Line(intercept, slope, sigma, n, float(x_mean), sxx or 1.0)


def project_series(
    months: pd.Series,
    actual: pd.Series,
    aggregation: str,
    as_of: pd.Timestamp,
    end: pd.Timestamp,
    target: float = float("nan"),
    key: str = "",
) -> Projection | None:
    """The trend model on one monthly series (`months` beside their `actual`, missing where not
    measured) from `as_of` to the month of `end`. None with fewer than `MIN_POINTS` measured
    months on or before `as_of`; months after `as_of` are never read."""
    stamps = pd.DatetimeIndex(months)
    values = np.asarray(actual, dtype=float)
    known = np.asarray(stamps <= as_of) & ~np.isnan(values)
    if known.sum() < MIN_POINTS:
        return None
    order = np.argsort(stamps[known].asi8, kind="stable")
    x_known, y_known = _month_number(stamps[known])[order], values[known][order]
    line = fit_line(x_known[-WINDOW:], y_known[-WINDOW:])
    first = (as_of + pd.offsets.MonthBegin(1)).normalize()
    ahead = pd.date_range(first, end, freq="MS") if end >= first else pd.DatetimeIndex([])
    x = _month_number(ahead)
    predicted = np.clip(line.at(x), 0, None)
    half = line.half_width(x)
    low, high = np.clip(predicted - half, 0, None), predicted + half
    if aggregation == FLOW:
        so_far = float(y_known.sum())
        spread = line.sum_half_width(x) if len(x) else 0.0
        value = so_far + float(predicted.sum())
        value_low, value_high = max(so_far, value - spread), value + spread
    else:  # a level lands where the line is in the plan's last month
        so_far = float(y_known[-1])
        value = float(predicted[-1]) if len(x) else so_far
        value_low = float(low[-1]) if len(x) else so_far
        value_high = float(high[-1]) if len(x) else so_far
    return Projection(
        key, TREND, so_far, value, value_low, value_high, float(target), len(x_known[-WINDOW:]),
        tuple(ahead), tuple(predicted), tuple(low), tuple(high), pd.Timestamp(end),
    )  # fmt: skip


def project_pace(
    rows: pd.DataFrame, key: str = "", end: pd.Timestamp | None = None
) -> Projection | None:
    """The pace model on one measure's table per row (`actual`, `due`, `target` per event or
    programme): the rest of the plan lands at the share achieved of what was due so far. None
    with fewer than `MIN_ROWS` rows due."""
    rows = rows[rows["target"].notna()]
    due = rows[rows["due"] > 0]
    if len(due) < MIN_ROWS:
        return None
    # Only rows due by the as-of date count: a result filed for a row not yet due is not read.
    achieved = float(due["actual"].fillna(0).sum())
    pace = float(due["actual"].fillna(0).sum() / due["due"].sum())
    remaining = (rows["target"] - rows["due"]).clip(lower=0).to_numpy(float)
    value = achieved + pace * float(remaining.sum())
    shares = (due["actual"].fillna(0) / due["due"]).to_numpy(float)
    scatter = float(np.std(shares, ddof=1))
    # The pace itself is uncertain (its standard error over the rows due), and each row to come
    # scatters around it on its own.
    spread = Z * scatter * np.sqrt(remaining.sum() ** 2 / len(due) + np.sum(remaining**2))
    return Projection(
        key, PACE, achieved, value, max(achieved, value - spread), value + spread,
        float(rows["target"].sum()), len(due), end=end,
    )  # fmt: skip


def project(selection: Selection, key: str, by: str | None = None) -> pd.DataFrame:
    """The measure projected to the end of its plan, per group of `by` (None: the total), in
    `COLUMNS`. A group with too little history has no projection (missing values, `points` 0)."""
    measure = CATALOGUE[key]
    groups = [by] if by else []
    empty = pd.DataFrame(columns=[*groups, *COLUMNS])
    if measure.dataset not in selection.frames:
        return empty
    records = []
    for group, result in _projections(selection, key, by):
        if isinstance(result, Projection):
            record = {name: getattr(result, name) for name in ("actual", "low", "high", "target",
                      "attainment", "standing", "method", "points")}  # fmt: skip
            record["projected"] = result.value
        else:  # too little history: the plan, and no projection
            record = dict(actual=np.nan, projected=np.nan, low=np.nan, high=np.nan,
                          target=result, attainment=None, standing=None,
                          method=method_of(key), points=0)  # fmt: skip
        if by:
            record[by] = group
        records.append(record)
    if not records:
        return empty
    return pd.DataFrame(records, columns=[*groups, *COLUMNS])


def _projections(selection: Selection, key: str, by: str | None):
    """(group, Projection) pairs, or (group, target) where there is too little to project."""
    measure = CATALOGUE[key]
    totals = selection.table(key, [by] if by else [])
    if totals.empty:
        return
    if method_of(key) == TREND:
        series = selection.table(key, ["month", *([by] if by else [])])
        parts = [(None, series)] if by is None else series.groupby(by, sort=False)
        target_of = totals.set_index(by)["target"] if by else None
        for group, part in parts:
            target = float(totals["target"].iloc[0]) if by is None else float(target_of[group])
            # Each line to the end of its own plan: a country's plan may stop before another's.
            found = project_series(part["month"], part["actual"], measure.aggregation,
                                   selection.as_of, part["month"].max(), target, key)  # fmt: skip
            yield group, found if found is not None else target
        return
    ids = ROW_IDS[measure.dataset]
    rows = selection.table(key, [ids, *([by] if by else [])])
    if ("projection_ends", measure.dataset) not in selection._cache:
        frame = selection.frame(key).drop_duplicates(ids).set_index(ids)
        ends = frame["end_date"] if "end_date" in frame else frame[measure.date]
        selection._cache["projection_ends", measure.dataset] = ends
    last = selection._cache["projection_ends", measure.dataset]
    parts = [(None, rows)] if by is None else rows.groupby(by, sort=False)
    for group, part in parts:
        found = project_pace(part, key, part[ids].map(last).max())
        yield group, found if found is not None else float(part["target"].sum())


def projection(selection: Selection, key: str) -> Projection | None:
    """The total's projection, or None where there is too little history or no plan; worked
    out once per selection."""
    if ("projection", key) not in selection._cache:
        found = next(iter(_projections(selection, key, None)), (None, None))[1]
        selection._cache["projection", key] = found if isinstance(found, Projection) else None
    return selection._cache["projection", key]


def adopt(selection: Selection, found: dict[str, Projection | None]) -> None:
    """Use projections already worked out for this very selection (same filters and data)."""
    selection._cache.update({("projection", key): value for key, value in found.items()})


def projections(selection: Selection, keys=PROJECTED) -> dict[str, Projection | None]:
    """Each measure's total projected, where the selection has its dataset and a plan for it."""
    found = {}
    for key in keys:
        if CATALOGUE[key].dataset in selection.frames and not selection.table(key).empty:
            target = selection.result(key).target
            if target:
                found[key] = projection(selection, key)
    return found


# Where it lands first: a narrow screen shows the share and the standing without scrolling.
SUMMARY_COLUMNS = [
    "measure", "projected_attainment", "projected_standing", "projected", "projected_low",
    "projected_high", "target", "actual", "method", "points",
]  # fmt: skip


def summary(found: dict[str, Projection | None], targets: dict[str, float]) -> pd.DataFrame:
    """One row per measure of `projections`: where it lands, its band, the plan, the share of the
    plan and its standing; a measure with too little history keeps its plan and no projection.
    What it lands at is rounded to whole units: a projection has no decimals to give."""
    rows = []
    for key, result in found.items():
        if result is None:
            rows.append(dict(measure=key, target=targets.get(key, np.nan), method=method_of(key),
                             points=0))  # fmt: skip
            continue
        rows.append(dict(
            measure=key, actual=result.actual, projected=round(result.value),
            projected_low=round(result.low), projected_high=round(result.high),
            target=result.target,
            projected_attainment=result.attainment, projected_standing=result.standing,
            method=result.method, points=result.points,
        ))  # fmt: skip
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def selection_summary(selection: Selection, keys=PROJECTED) -> pd.DataFrame:
    """`summary` of the selection's `projections`, worked out once per selection."""
    cache_key = ("projection_summary", tuple(keys))
    if cache_key not in selection._cache:
        found = projections(selection, keys)
        targets = {key: selection.result(key).target for key in found}
        selection._cache[cache_key] = summary(found, targets)
    return selection._cache[cache_key]


LINE_COLUMNS = ["month", "projected", "projected_low", "projected_high"]


def monthly_lines(
    series: pd.DataFrame, key: str, by: str | None, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The trend's months to come per line of a monthly table (`measures.monthly`): where a
    chart continues each line, and its band. Lines with too little history get none."""
    columns = [*([by] if by else []), *LINE_COLUMNS]
    if method_of(key) != TREND or series.empty:
        return pd.DataFrame(columns=columns)
    aggregation = CATALOGUE[key].aggregation
    parts = [(None, series)] if by is None else series.groupby(by, sort=False, observed=True)
    frames = []
    for group, part in parts:
        found = project_series(part["month"], part["actual"], aggregation, as_of,
                               part["month"].max(), key=key)  # fmt: skip
        if found is None or not found.months:
            continue
        frame = pd.DataFrame({"month": list(found.months), "projected": found.monthly,
                              "projected_low": found.monthly_low,
                              "projected_high": found.monthly_high})  # fmt: skip
        if by:
            frame.insert(0, by, group)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


# --- The backtest -----------------------------------------------------------------------------


BACKTEST_COLUMNS = ["measure", "method", "projected", "actual", "error", "inside", "naive_error"]


def _cut(as_of: pd.Timestamp, months: int = HOLDOUT) -> pd.Timestamp:
    """The end of the month `months` before the as-of date's month."""
    return (as_of - pd.offsets.MonthBegin(1) - pd.DateOffset(months=months)).normalize() + (
        pd.offsets.MonthEnd(0)
    )


def backtest_one(selection: Selection, key: str) -> dict | None:
    """The method stopped `HOLDOUT` months before the as-of date and projected to it, against
    what then happened: the error is projected / actual - 1. `naive_error` is the same for the
    flat alternative (the last year's mean month of a flow, the last month of a level; the pace
    model has no simpler rival). None with too little history before the cut."""
    measure = CATALOGUE[key]
    as_of = selection.as_of
    cut = _cut(as_of)
    if method_of(key) == TREND:
        series = selection.table(key, ["month"]).sort_values("month")
        known = series[(series["month"] <= as_of) & series["actual"].notna()]
        found = project_series(known["month"], known["actual"], measure.aggregation, cut,
                               known["month"].max(), key=key)  # fmt: skip
        if found is None:
            return None
        held_out = known[known["month"] > cut]
        before = known[known["month"] <= cut]
        if measure.aggregation == FLOW:
            actual = float(held_out["actual"].sum())
            projected = found.value - found.actual
            low, high = found.low - found.actual, found.high - found.actual
            naive = float(before["actual"].tail(WINDOW).mean()) * len(held_out)
        else:
            actual = float(held_out["actual"].iloc[-1])
            projected, low, high = found.value, found.low, found.high
            naive = float(before["actual"].iloc[-1])
    else:
        ids = ROW_IDS[measure.dataset]
        rows = selection.table(key, ids)
        frame = selection.frame(key).drop_duplicates(ids).set_index(ids)
        start = rows[ids].map(frame[measure.date])
        finished = rows[ids].map(frame["end_date"]) if "end_date" in frame else start
        # Rows finished by the cut were known then; those due between the cut and the as-of date
        # are what the pace at the cut is asked to foresee.
        known_then = rows[(finished <= cut) & (rows["due"] > 0)]
        window = rows[(start > cut) & (start <= as_of) & (rows["due"] > 0)]
        if len(known_then) < MIN_ROWS or window.empty:
            return None
        pace = float(known_then["actual"].fillna(0).sum() / known_then["due"].sum())
        shares = (known_then["actual"].fillna(0) / known_then["due"]).to_numpy(float)
        due = window["due"].to_numpy(float)
        spread = (
            Z
            * float(np.std(shares, ddof=1))
            * np.sqrt(due.sum() ** 2 / len(known_then) + np.sum(due**2))
        )
        actual = float(window["actual"].fillna(0).sum())
        projected = pace * float(due.sum())
        low, high = projected - spread, projected + spread
        naive = np.nan
    if not actual:
        return None
    return dict(
        measure=key, method=method_of(key), projected=projected, actual=actual,
        error=projected / actual - 1, inside=bool(low <= actual <= high),
        naive_error=naive / actual - 1 if naive == naive else np.nan,
    )  # fmt: skip


def backtest(selection: Selection, keys=PROJECTED) -> pd.DataFrame:
    """`backtest_one` of each measure the selection can test, in `BACKTEST_COLUMNS`."""
    rows = []
    for key in keys:
        if CATALOGUE[key].dataset not in selection.frames or selection.table(key).empty:
            continue
        found = backtest_one(selection, key)
        if found is not None:
            rows.append(found)
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


@dataclass(frozen=True)
class Scores:
    """What the backtest says in a sentence: the mean error over every measure tested, the
    trend's and a flat run rate's on the measures both project, and how often the band held."""

    measures: int
    error: float | None
    trend_measures: int
    trend_error: float | None
    naive_error: float | None
    inside: int


def scores(table: pd.DataFrame) -> Scores:
    """`Scores` of a `backtest` table."""
    trend = table[table["method"] == TREND]
    return Scores(
        len(table), mean_absolute_error(table), len(trend), mean_absolute_error(trend),
        mean_absolute_error(trend, "naive_error"), int(table["inside"].astype(bool).sum()),
    )  # fmt: skip


def mean_absolute_error(table: pd.DataFrame, column: str = "error") -> float | None:
    """The mean of the errors' sizes over the measures tested (0.08: 8% off on average)."""
    values = table[column].dropna().abs()
    return float(values.mean()) if len(values) else None
