"""Tables that are not measures: the data's as-of date, the portfolio as charts draw it, marker
sizes. Every measure (a KPI, a headline's figure, a chart's totals) comes from `measures`."""

from __future__ import annotations

import pandas as pd

from kpop_explorer import measures


def as_of(metrics: pd.DataFrame | None) -> pd.Timestamp:
    """The date the data runs to: the end of the last month with a measured value; today when
    nothing is measured yet."""
    if metrics is not None and metrics["actual"].notna().any():
        last = metrics.loc[metrics["actual"].notna(), "month"].max()
        return last + pd.offsets.MonthEnd(0)
    return pd.Timestamp.today().normalize()


# --- Overview ---------------------------------------------------------------------------------


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
    keep = table["budget_eur"].nlargest(n).index
    return table[table.index.isin(keep)]


# --- Live events ------------------------------------------------------------------------------


def event_sizes(events: pd.DataFrame) -> pd.Series:
    """Attendance where counted, else what the plan expects: the size of a marker on the map."""
    return events["attendance"].fillna(events["expected_attendance"]).astype(float)


# --- Initiatives ------------------------------------------------------------------------------


def with_time_elapsed(initiatives: pd.DataFrame, when: pd.Timestamp) -> pd.DataFrame:
    """Each initiative with the share of its run that has passed by `when`."""
    return initiatives.assign(time_elapsed=measures.elapsed_share(initiatives, when))
