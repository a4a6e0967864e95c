"""The catalogue of measures: what each number counts, how it adds up, and what was due by now.

Modelled on the semantic layers of dbt (MetricFlow), LookML and Cube: each measure is declared
once, with the rows it counts, how it aggregates over time (a flow is summed; a level such as
monthly listeners takes the latest period, never the sum) and over places, its unit and its
target, and the part of that target due by the as-of date. KPI cards, headlines, chart tables,
downloads, the briefing and the scorecard all ask this package for their numbers; no page adds
up a measure column itself, so two places that show the same measure cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

# How a measure aggregates over time and over places.
FLOW = "flow"  # summed over months and places: streams, attendance
LEVEL = "level"  # the latest period, summed over places: monthly listeners, followers
COUNT = "count"  # rows that count: events held, programme runs
MEAN = "mean"  # an average of the rows, additive nowhere: satisfaction
RATIO = "ratio"  # a sum over a sum, additive nowhere: capacity used
DISTINCT = "distinct"  # distinct countries: countries reached

# How the target due by the as-of date is found.
PLAN = "plan"  # the dataset's own month-by-month plan, up to the as-of month
SCHEDULE = "schedule"  # the rows dated on or before the as-of date: an event due has happened
RUN = "run"  # pro rata over the initiative's run

# Progress is judged against what was due, with one rule everywhere: within 5% of what was due
# is on track, more is ahead, less is behind.
ON_TRACK_BAND = 0.05
STANDINGS = ("ahead", "on_track", "behind")
ATTAINMENT_CAP = 1.5  # one measure far ahead must not hide others behind in an average

UNDER_WAY = ("in_progress", "completed")


def _metric(key: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda rows: rows["metric"].eq(key)


def _in_venue(events: pd.DataFrame) -> pd.Series:
    """Events with an audience in a venue: a virtual concert's expected audience is online."""
    return events["event_type"].ne("virtual_concert")


def _with_capacity(events: pd.DataFrame) -> pd.Series:
    return _in_venue(events) & events["capacity"].fillna(0).gt(0)


def _held(events: pd.DataFrame) -> pd.Series:
    return events["status"].eq("completed")


def _counted(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda rows: rows[column].notna()


def _under_way(rows: pd.DataFrame) -> pd.Series:
    return rows["status"].isin(UNDER_WAY)


def _hubs(programs: pd.DataFrame) -> pd.Series:
    return programs["program_type"].eq("kculture_hub")


@dataclass(frozen=True)
class Measure:
    """One declared measure. `scope` picks the rows it counts at all, `done` those achieved
    (measured, held, started); `target` is a column, or None where the plan sets none."""

    key: str
    dataset: str  # the frame of `Selection.frames` it reads
    aggregation: str
    unit: str = "count"  # count | money | percent | rating
    value: str | None = None  # the column aggregated; None counts rows
    denominator: str | None = None  # RATIO only
    target: str | None = None  # the target column; "rows" when the target is a count of rows
    due: str | None = None  # PLAN | SCHEDULE | RUN; None: no target
    date: str = "start_date"  # what dates a row on the schedule
    scope: Callable[[pd.DataFrame], pd.Series] | None = None
    done: Callable[[pd.DataFrame], pd.Series] | None = None
    additive_over_places: bool = True  # False: a country's share of it cannot be told

    @property
    def has_target(self) -> bool:
        return self.due is not None


CATALOGUE: dict[str, Measure] = {
    m.key: m
    for m in (
        # Digital: monthly rows with their own plan; flows summed, audiences at the latest month.
        Measure("streams", "digital_metrics", FLOW, value="actual", target="target", due=PLAN,
                date="month", scope=_metric("streams"), done=_counted("actual")),
        Measure("monthly_listeners", "digital_metrics", LEVEL, value="actual", target="target",
                due=PLAN, date="month", scope=_metric("monthly_listeners"),
                done=_counted("actual")),
        Measure("followers", "digital_metrics", LEVEL, value="actual", target="target", due=PLAN,
                date="month", scope=_metric("followers"), done=_counted("actual")),
        Measure("app_downloads", "digital_metrics", FLOW, value="actual", target="target",
                due=PLAN, date="month", scope=_metric("app_downloads"), done=_counted("actual")),
        Measure("virtual_concert_viewers", "digital_metrics", FLOW, value="actual",
                target="target", due=PLAN, date="month",
                scope=_metric("virtual_concert_viewers"), done=_counted("actual")),
        # Live events: the schedule says what was due; an event due is one whose date has passed.
        Measure("events_held", "live_events", COUNT, target="rows", due=SCHEDULE, done=_held),
        Measure("attendance", "live_events", FLOW, value="attendance",
                target="expected_attendance", due=SCHEDULE, scope=_in_venue,
                done=_counted("attendance")),
        Measure("online_viewers", "live_events", FLOW, value="online_viewers",
                done=_counted("online_viewers")),
        Measure("utilisation", "live_events", RATIO, unit="percent", value="attendance",
                denominator="capacity", scope=_with_capacity, done=_counted("attendance"),
                additive_over_places=False),
        Measure("event_countries", "live_events", DISTINCT, value="country",
                additive_over_places=False),
        # Education: a run's participants come over its run, so its target is due pro rata.
        Measure("participants", "education_programs", FLOW, value="participants_actual",
                target="participants_target", due=RUN, done=_counted("participants_actual")),
        Measure("programs", "education_programs", COUNT, target="rows", due=SCHEDULE,
                done=_counted("participants_actual")),
        Measure("satisfaction", "education_programs", MEAN, unit="rating", value="satisfaction",
                done=_counted("satisfaction"), additive_over_places=False),
        Measure("hubs", "education_programs", COUNT, target="rows", due=SCHEDULE, scope=_hubs,
                done=_under_way),
        Measure("program_countries", "education_programs", DISTINCT, value="country",
                additive_over_places=False),
        # The portfolio.
        Measure("initiatives", "initiatives", COUNT, target="rows", due=SCHEDULE,
                done=_under_way, additive_over_places=False),
        Measure("budget", "initiatives", FLOW, unit="money", value="budget_eur",
                additive_over_places=False),
        Measure("countries", "places", DISTINCT, value="country", target="rows", due=SCHEDULE,
                done=_counted("reached"), additive_over_places=False),
        # An initiative's own KPI, in its own unit: comparable only with itself.
        Measure("plan_kpi", "initiatives", FLOW, value="kpi_actual", target="kpi_target",
                due=RUN, done=_counted("kpi_actual"), additive_over_places=False),
    )
}  # fmt: skip
DIGITAL = tuple(k for k, m in CATALOGUE.items() if m.dataset == "digital_metrics")


def standing(attainment: float | None) -> str | None:
    """ahead / on track / behind against what was due; None where nothing is judged."""
    if attainment is None or np.isnan(attainment):
        return None
    if attainment >= 1 + ON_TRACK_BAND:
        return "ahead"
    if attainment >= 1 - ON_TRACK_BAND:
        return "on_track"
    return "behind"


@dataclass(frozen=True)
class Result:
    """A measure's value for a selection, the target due by the as-of date and the whole plan."""

    key: str
    value: float
    due: float | None = None
    target: float | None = None
    unit: str = "count"

    @property
    def progress(self) -> float | None:
        """The value against what was due; None where the plan sets no target or nothing is due."""
        return _attainment(self.value, self.due)

    @property
    def standing(self) -> str | None:
        return standing(self.progress)


def _attainment(value: float | None, due: float | None) -> float | None:
    if due is None or value is None or np.isnan(due) or due == 0 or np.isnan(value):
        return None
    return float(value / due)
