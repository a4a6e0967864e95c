"""Every number the explorer shows, decided once.

- `catalogue`: the measures (what each counts, how it adds up, what was due by now), their
  `Result` and standing.
- `engine`: a measure evaluated over any grouping (`table`, `total`, `growth`), and the
  `Selection`, the filtered frames every page reads, which keeps each table it works out.
- `scorecards`: each measure per country or initiative, and their summary.
- `page_tables`: the tables pages draw (activity by country, monthly series, breakdowns).
- `aggregates`: tables that are not measures (the as-of date, the portfolio, marker sizes).
- `projection`: where each measure lands at the end of its plan, and how sure that is.
- `history`: what has really happened, from the reference datasets.

The API of the first four is re-exported here, so a caller writes `measures.table(...)` or
`measures.CATALOGUE`; `aggregates`, `projection` and `history` are imported by their own name.
"""

from kpop_explorer.measures.catalogue import (
    ATTAINMENT_CAP,
    CATALOGUE,
    COUNT,
    DIGITAL,
    DISTINCT,
    FLOW,
    LEVEL,
    MEAN,
    ON_TRACK_BAND,
    PLAN,
    RATIO,
    RUN,
    SCHEDULE,
    STANDINGS,
    UNDER_WAY,
    Measure,
    Result,
    standing,
)
from kpop_explorer.measures.engine import (
    TABLE_COLUMNS,
    Selection,
    elapsed_share,
    growth,
    leaders,
    places,
    result_of,
    select,
    table,
    total,
)
from kpop_explorer.measures.page_tables import (
    EDUCATION_KPIS,
    LIVE_KPIS,
    OVERVIEW_KPIS,
    TOP_SERIES,
    activity_by_country,
    audience_by_country,
    breakdown,
    digital_kpis,
    monthly,
    participants_by_quarter,
    participants_by_type,
    satisfaction_by_type,
    utilisation_by_city,
)
from kpop_explorer.measures.scorecards import (
    SCORECARD_COLUMNS,
    SCORED,
    SUMMARY_COLUMNS,
    progress_by_focus,
    results_of,
    scorecard,
    scorecard_summary,
)

__all__ = [
    "ATTAINMENT_CAP",
    "CATALOGUE",
    "COUNT",
    "DIGITAL",
    "DISTINCT",
    "EDUCATION_KPIS",
    "FLOW",
    "LEVEL",
    "LIVE_KPIS",
    "MEAN",
    "ON_TRACK_BAND",
    "OVERVIEW_KPIS",
    "PLAN",
    "RATIO",
    "RUN",
    "SCHEDULE",
    "SCORECARD_COLUMNS",
    "SCORED",
    "STANDINGS",
    "SUMMARY_COLUMNS",
    "TABLE_COLUMNS",
    "TOP_SERIES",
    "UNDER_WAY",
    "Measure",
    "Result",
    "Selection",
    "activity_by_country",
    "audience_by_country",
    "breakdown",
    "digital_kpis",
    "elapsed_share",
    "growth",
    "leaders",
    "monthly",
    "participants_by_quarter",
    "participants_by_type",
    "places",
    "progress_by_focus",
    "result_of",
    "results_of",
    "satisfaction_by_type",
    "scorecard",
    "scorecard_summary",
    "select",
    "standing",
    "table",
    "total",
    "utilisation_by_city",
]
