"""The scorecard: each measure that applies per country or initiative, and their summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from kpop_explorer.measures.catalogue import ATTAINMENT_CAP, CATALOGUE, Result, standing

if TYPE_CHECKING:
    from kpop_explorer.measures.engine import Selection


SCORED = tuple(
    k for k, m in CATALOGUE.items() if m.has_target and m.additive_over_places and k != "plan_kpi"
)  # the measures that can be judged per country or per initiative
SUMMARY_COLUMNS = ["attainment", "standing", "measures", "behind", "weakest", "weakest_attainment"]
SCORECARD_COLUMNS = ["measure", "actual", "due", "target", "attainment", "standing"]


def scorecard(selection: Selection, by: str) -> pd.DataFrame:
    """Per country (`by="country"`) or initiative (`"initiative_id"`): each measure that applies,
    actual against the target due by the as-of date, worst first. An initiative with none of
    the catalogue's measures is judged on its own KPI, pro rata over its run."""
    tables = []
    for key in SCORED:
        if CATALOGUE[key].dataset not in selection.frames:
            continue
        rows = selection.table(key, by)
        tables.append(rows[rows["due"] > 0].assign(measure=key))
    long = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    if by == "initiative_id":
        initiatives = selection.frames["initiatives"]
        own = selection.table("plan_kpi", "initiative_id")
        covered = set(long["initiative_id"]) if len(long) else set()
        own = own[~own["initiative_id"].isin(covered) & (own["due"] > 0)]
        long = pd.concat([long, own.assign(measure="plan_kpi")], ignore_index=True)
        long = long[long["initiative_id"].isin(initiatives["initiative_id"])]
    if long.empty:
        return pd.DataFrame(columns=[by, *SCORECARD_COLUMNS])
    long[by] = long[by].astype(str)
    # A measure with no rows in the view comes as an empty table of untyped columns, which made
    # the whole column text after the concatenation (and its shares lost their percent format).
    long = long.astype(dict.fromkeys(("actual", "due", "target", "attainment"), "float64"))
    return long[[by, *SCORECARD_COLUMNS]].sort_values(["attainment", by])


def results_of(rows: pd.DataFrame) -> list[Result]:
    """The scorecard's rows of one country or initiative as results, for cards."""
    return [
        Result(r.measure, r.actual, r.due, r.target, CATALOGUE[r.measure].unit)
        for r in rows.itertuples()
    ]


def scorecard_summary(long: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per country or initiative: the mean attainment of its measures (each capped, so
    one far ahead cannot hide one behind), how many are behind, and the weakest."""
    if long.empty:
        return pd.DataFrame(columns=[by, *SUMMARY_COLUMNS])
    capped = long.assign(capped=long["attainment"].clip(upper=ATTAINMENT_CAP))
    weakest = capped.sort_values("attainment", kind="stable").groupby(by).first()
    grouped = capped.groupby(by)
    summary = pd.DataFrame(
        {
            "attainment": grouped["capped"].mean(),
            "measures": grouped.size(),
            "behind": grouped["standing"].apply(lambda s: int((s == "behind").sum())),
            "weakest": weakest["measure"],
            "weakest_attainment": weakest["attainment"],
        }
    )
    summary["standing"] = summary["attainment"].map(standing)
    summary.index.name = by
    return summary.reset_index()[[by, *SUMMARY_COLUMNS]].sort_values(["attainment", by])


def progress_by_focus(summary: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Per focus area: the mean attainment of its initiatives against what was due, from the
    initiatives' scorecard summary."""
    focus = initiatives.set_index("initiative_id")["focus_area"].astype(str)
    rows = summary.assign(focus_area=summary["initiative_id"].map(focus))
    table = (
        rows.groupby("focus_area")
        .agg(initiatives=("initiative_id", "size"), progress=("attainment", "mean"))
        .reset_index()
    )
    table["standing"] = table["progress"].map(standing)
    return table.sort_values("progress", kind="stable")
