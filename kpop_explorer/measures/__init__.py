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
"""
