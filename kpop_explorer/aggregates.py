"""The numbers pages show, computed from filtered frames.

Every chart is drawn from one of these small tables, and the same table is what the viewer sees
in the table view and downloads, so the figure and its data cannot disagree. Tables are
aggregated before plotting: their size depends on the categories shown, not on the raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpop_explorer import codes


@dataclass(frozen=True)
class Kpi:
    """A headline figure; `target` is what the plan expects by now, None where nothing does."""

    key: str
    value: float
    target: float | None = None
    unit: str = "count"  # count | money | percent | rating

    @property
    def progress(self) -> float | None:
        if self.target is None or self.target == 0 or np.isnan(self.target):
            return None
        return self.value / self.target


def as_of(metrics: pd.DataFrame | None, fallback: pd.Timestamp | None = None) -> pd.Timestamp:
    """The date the data runs to: the end of the last month with a measured value."""
    if metrics is not None and metrics["actual"].notna().any():
        last = metrics.loc[metrics["actual"].notna(), "month"].max()
        return last + pd.offsets.MonthEnd(0)
    return fallback if fallback is not None else pd.Timestamp.today().normalize()


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else float("nan")


def _elapsed_share(start: pd.Series, end: pd.Series, when: pd.Timestamp) -> pd.Series:
    """How much of each row's run has passed by `when`, from 0 to 1."""
    span = (end - start).dt.days.clip(lower=1)
    return ((when - start).dt.days / span).clip(0, 1)


# --- Overview ---------------------------------------------------------------------------------


def overview_kpis(
    initiatives: pd.DataFrame,
    events: pd.DataFrame,
    programs: pd.DataFrame,
    streams: pd.DataFrame,
) -> list[Kpi]:
    under_way = initiatives["status"].isin(["in_progress", "completed"]).sum()
    reached = set(events.loc[events["attendance"].notna(), "country"]) | set(
        programs.loc[programs["participants_actual"].notna(), "country"]
    )
    planned = {c for cell in initiatives["countries"].dropna() for c in codes.split_countries(cell)}
    measured = streams[streams["actual"].notna()]
    started = programs[programs["participants_actual"].notna()]
    return [
        Kpi("initiatives", float(under_way), float(len(initiatives))),
        Kpi("budget", float(initiatives["budget_eur"].sum()), unit="money"),
        Kpi("countries", float(len(reached)), float(len(planned | reached))),
        Kpi("events", float(events["status"].eq("completed").sum()), float(len(events))),
        Kpi(
            "participants",
            float(started["participants_actual"].sum()),
            float(started["participants_target"].sum()),
        ),
        Kpi("streams", float(measured["actual"].sum()), float(measured["target"].sum())),
    ]


PORTFOLIO_COLUMNS = [
    "initiative_id", "name", "focus_area", "status", "budget_eur", "start_date", "end_date",
]  # fmt: skip
MAX_DRAWN_INITIATIVES = 40  # a treemap or timeline of more cannot be read


def portfolio(initiatives: pd.DataFrame) -> pd.DataFrame:
    return initiatives[PORTFOLIO_COLUMNS].sort_values(
        ["focus_area", "budget_eur"], ascending=[True, False]
    )


OTHERS = "others"


def portfolio_summary(table: pd.DataFrame, n: int = MAX_DRAWN_INITIATIVES) -> pd.DataFrame:
    """The `n` largest initiatives, the rest summed per focus area (status "others").

    Budgets still add up to the portfolio's; only the smallest lose their own tile.
    """
    kept = largest(table, n).assign(count=1)
    rest = table[~table.index.isin(kept.index)]
    if rest.empty:
        return kept
    others = (
        rest.groupby("focus_area", as_index=False, observed=True)
        .agg(budget_eur=("budget_eur", "sum"), count=("initiative_id", "size"),
             start_date=("start_date", "min"), end_date=("end_date", "max"))
        .assign(status=OTHERS, name="")
    )  # fmt: skip
    others["initiative_id"] = OTHERS + ":" + others["focus_area"].astype(str)
    combined = pd.concat([kept, others[kept.columns]], ignore_index=True)
    return combined.sort_values(["focus_area", "budget_eur"], ascending=[True, False])


def largest(table: pd.DataFrame, n: int = MAX_DRAWN_INITIATIVES) -> pd.DataFrame:
    """The `n` largest initiatives by budget, in the table's order: what a chart can show."""
    if len(table) <= n:
        return table
    keep = table["budget_eur"].nlargest(n).index
    return table[table.index.isin(keep)]


def activity_by_country(
    events: pd.DataFrame,
    programs: pd.DataFrame,
    initiatives: pd.DataFrame,
    countries: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Events, programmes and initiatives per country: what the Overview map shades.

    An initiative spans several countries; with a country filter only those countries count.
    """
    initiative_countries = initiatives["countries"].dropna().map(codes.split_countries).explode()
    initiative_countries = initiative_countries.value_counts()
    table = pd.DataFrame(
        {
            "events": events.groupby("country").size(),
            "programs": programs.groupby("country").size(),
            "initiatives": initiative_countries,
            "attendance": events.groupby("country")["attendance"].sum(min_count=1),
            "participants": programs.groupby("country")["participants_actual"].sum(min_count=1),
        }
    )
    table[["events", "programs", "initiatives"]] = (
        table[["events", "programs", "initiatives"]].fillna(0).astype(int)
    )
    table["activities"] = table["events"] + table["programs"]
    table.index.name = "country"
    if countries:
        table = table[table.index.isin(countries)]
    return table.reset_index().sort_values("activities", ascending=False, kind="stable")


def kpi_progress_by_focus(initiatives: pd.DataFrame, when: pd.Timestamp) -> pd.DataFrame:
    """Per focus area: KPI reached against the share of the target due by `when` (pro rata)."""
    started = initiatives[initiatives["kpi_actual"].notna() & (initiatives["start_date"] <= when)]
    if started.empty:
        return pd.DataFrame(columns=["focus_area", "initiatives", "progress"])
    due = started["kpi_target"] * _elapsed_share(started["start_date"], started["end_date"], when)
    rows = started.assign(progress=(started["kpi_actual"] / due.replace(0, np.nan)).clip(upper=3))
    table = (
        rows.groupby("focus_area")
        .agg(initiatives=("initiative_id", "size"), progress=("progress", "mean"))
        .reset_index()
    )
    return table.sort_values("progress", kind="stable")


# --- Digital ----------------------------------------------------------------------------------


def monthly(metrics: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Actual and target per month (and per `by`), actual left empty where not yet measured."""
    keys = ["month"] + ([by] if by else [])
    table = (
        metrics.groupby(keys, observed=True)
        .agg(actual=("actual", lambda s: s.sum(min_count=1)), target=("target", "sum"))
        .reset_index()
    )
    return table


def top_categories(table: pd.DataFrame, by: str, value: str, n: int) -> list[str]:
    return table.groupby(by)[value].sum().nlargest(n).index.tolist()


def growth_by_country(metrics: pd.DataFrame, months: int = 12) -> pd.DataFrame:
    """Growth of the last `months` measured months over the `months` before them, per country."""
    measured = metrics[metrics["actual"].notna()]
    if measured.empty:
        return pd.DataFrame(columns=["country", "recent", "previous", "growth"])
    last = measured["month"].max()
    recent_start = last - pd.DateOffset(months=months - 1)
    previous_start = recent_start - pd.DateOffset(months=months)
    recent = measured[measured["month"] >= recent_start].groupby("country")["actual"].sum()
    previous = (
        measured[measured["month"].between(previous_start, recent_start - pd.DateOffset(days=1))]
        .groupby("country")["actual"]
        .sum()
    )
    table = pd.DataFrame({"recent": recent, "previous": previous}).dropna()
    table = table[table["previous"] > 0]
    table["growth"] = table["recent"] / table["previous"] - 1
    table.index.name = "country"
    return table.reset_index().sort_values("growth", kind="stable")


def attainment_by(metrics: pd.DataFrame, by: str) -> pd.DataFrame:
    """Measured total against the plan for the same months, per `by`."""
    measured = metrics[metrics["actual"].notna()]
    table = measured.groupby(by, observed=True).agg(
        actual=("actual", "sum"), target=("target", "sum")
    )
    table["attainment"] = table["actual"] / table["target"].replace(0, np.nan)
    return table.reset_index().sort_values("actual", kind="stable")


def totals_by_country(metrics: pd.DataFrame) -> pd.DataFrame:
    measured = metrics[metrics["actual"].notna()]
    table = measured.groupby("country").agg(actual=("actual", "sum"), target=("target", "sum"))
    return table.reset_index()


def digital_kpis(metrics: pd.DataFrame) -> list[Kpi]:
    """One card per metric present: measured total (or latest month for audiences) vs plan."""
    cards = []
    measured = metrics[metrics["actual"].notna()]
    for metric in codes.METRICS:
        rows = measured[measured["metric"] == metric]
        if rows.empty:
            continue
        if metric in ("monthly_listeners", "followers"):  # audiences: the latest month counts
            rows = rows[rows["month"] == rows["month"].max()]
        cards.append(Kpi(metric, float(rows["actual"].sum()), float(rows["target"].sum())))
    return cards


# --- Live events ------------------------------------------------------------------------------


def live_kpis(events: pd.DataFrame) -> list[Kpi]:
    held = events[events["attendance"].notna()]
    in_venue = held[held["capacity"].notna() & (held["capacity"] > 0)]
    return [
        Kpi("events_held", float(len(held)), float(len(events))),
        Kpi(
            "attendance",
            float(held["attendance"].sum()),
            float(held["expected_attendance"].sum()),
        ),
        Kpi(
            "utilisation",
            _ratio(in_venue["attendance"].sum(), in_venue["capacity"].sum()),
            unit="percent",
        ),
        Kpi("online_viewers", float(events["online_viewers"].sum())),
        Kpi("event_countries", float(events["country"].nunique())),
    ]


def event_sizes(events: pd.DataFrame) -> pd.Series:
    """Attendance where counted, else what the plan expects: the size of a marker on the map."""
    return events["attendance"].fillna(events["expected_attendance"]).astype(float)


def utilisation_by_city(events: pd.DataFrame) -> pd.DataFrame:
    held = events[events["attendance"].notna() & events["capacity"].notna()]
    held = held[held["capacity"] > 0]
    table = held.groupby(["city", "country"]).agg(
        events=("event_id", "size"), attendance=("attendance", "sum"), capacity=("capacity", "sum")
    )
    table["utilisation"] = table["attendance"] / table["capacity"]
    return table.reset_index().sort_values("utilisation", kind="stable")


def audience_by_country(events: pd.DataFrame) -> pd.DataFrame:
    table = events.groupby("country").agg(
        attendance=("attendance", lambda s: s.sum(min_count=1)),
        expected_attendance=("expected_attendance", "sum"),
        online_viewers=("online_viewers", lambda s: s.sum(min_count=1)),
        events=("event_id", "size"),
    )
    table = table.fillna(0)
    return table.reset_index().sort_values("expected_attendance", kind="stable")


# --- Education --------------------------------------------------------------------------------


def education_kpis(programs: pd.DataFrame) -> list[Kpi]:
    started = programs[programs["participants_actual"].notna()]
    rated = programs["satisfaction"].dropna()
    hubs = programs[(programs["program_type"] == "kculture_hub")]
    return [
        Kpi("programs", float(len(started)), float(len(programs))),
        Kpi(
            "participants",
            float(started["participants_actual"].sum()),
            float(started["participants_target"].sum()),
        ),
        Kpi("satisfaction", float(rated.mean()) if len(rated) else float("nan"), unit="rating"),
        Kpi("hubs", float(hubs["status"].isin(["in_progress", "completed"]).sum()),
            float(len(hubs))),
        Kpi("program_countries", float(programs["country"].nunique())),
    ]  # fmt: skip


def participants_by_quarter(programs: pd.DataFrame) -> pd.DataFrame:
    """Participants by the quarter a run starts, per programme type, actual beside target."""
    rows = programs.assign(quarter=programs["start_date"].dt.to_period("Q").dt.start_time)
    table = rows.groupby(["quarter", "program_type"]).agg(
        participants_actual=("participants_actual", lambda s: s.sum(min_count=1)),
        participants_target=("participants_target", "sum"),
    )
    return table.reset_index()


def target_vs_actual_by_type(programs: pd.DataFrame) -> pd.DataFrame:
    started = programs[programs["participants_actual"].notna()]
    table = started.groupby("program_type").agg(
        runs=("program_id", "size"),
        participants_actual=("participants_actual", "sum"),
        participants_target=("participants_target", "sum"),
    )
    table["attainment"] = table["participants_actual"] / table["participants_target"]
    return table.reset_index().sort_values("participants_actual", kind="stable")


def breakdown(programs: pd.DataFrame, by: str) -> pd.DataFrame:
    """Programme runs and participants per audience or language."""
    table = programs.groupby(by).agg(
        runs=("program_id", "size"),
        participants_actual=("participants_actual", lambda s: s.sum(min_count=1)),
        participants_target=("participants_target", "sum"),
    )
    return table.fillna(0).reset_index().sort_values("participants_target", kind="stable")


def satisfaction_by_type(programs: pd.DataFrame) -> pd.DataFrame:
    rated = programs[programs["satisfaction"].notna()]
    table = rated.groupby("program_type").agg(
        satisfaction=("satisfaction", "mean"),
        runs=("program_id", "size"),
        participants=("participants_actual", "sum"),
    )
    return table.reset_index().sort_values("satisfaction", kind="stable")


# --- Initiatives ------------------------------------------------------------------------------


def initiative_progress(initiatives: pd.DataFrame, when: pd.Timestamp) -> pd.DataFrame:
    """Each initiative with its KPI share reached and the share of its run that has passed."""
    rows = initiatives.copy()
    rows["kpi_progress"] = rows["kpi_actual"] / rows["kpi_target"].replace(0, np.nan)
    rows["time_elapsed"] = _elapsed_share(rows["start_date"], rows["end_date"], when)
    return rows
