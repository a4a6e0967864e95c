"""Which projection method to ship (issue 32): each candidate stopped `HOLDOUT` months before the
as-of date and projected to it, on every digital measure's monthly series, in total and per
country, against what then happened.

    .venv/bin/python bench/forecast_backtest.py [DATA_DIR]

Candidates: the shipped trend (`projection.project_series`: a least-squares line through the last
12 months), a flat run rate (the last 12 months' mean month of a flow, the last month of a
level), and, when statsmodels can be imported, Holt's linear exponential smoothing
(`statsmodels.tsa.holtwinters.ExponentialSmoothing(trend="add")`, fitted by its own optimiser).
statsmodels is not a dependency of the app: put it on PYTHONPATH to compare (docs/forecast.md).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kpop_explorer import measures
from kpop_explorer.datasets import loading
from kpop_explorer.links.filters import FilterState, options_from_data
from kpop_explorer.measures import aggregates, projection

try:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
except ImportError:  # the comparison runs without it
    ExponentialSmoothing = None


def holt(history: np.ndarray, steps: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = ExponentialSmoothing(history, trend="add", initialization_method="estimated").fit()
    return np.clip(fitted.forecast(steps), 0, None)


def errors(months: pd.Series, actual: pd.Series, aggregation: str, as_of: pd.Timestamp) -> dict:
    """Each method's error (projected / actual - 1) over the held-out months of one series."""
    known = pd.DataFrame({"month": months, "actual": actual})
    known = known[(known["month"] <= as_of) & known["actual"].notna()].sort_values("month")
    cut = projection._cut(as_of)
    before, after = known[known["month"] <= cut], known[known["month"] > cut]
    if len(before) < projection.MIN_POINTS or after.empty:
        return {}
    flow = aggregation == measures.FLOW
    truth = float(after["actual"].sum()) if flow else float(after["actual"].iloc[-1])
    if not truth:
        return {}
    found = projection.project_series(
        known["month"], known["actual"], aggregation, cut, after["month"].max()
    )
    trend = found.value - found.actual if flow else found.value
    flat = (
        float(before["actual"].tail(projection.WINDOW).mean()) * len(after)
        if flow
        else float(before["actual"].iloc[-1])
    )
    result = {"trend": trend / truth - 1, "flat": flat / truth - 1}
    if ExponentialSmoothing is not None:
        path = holt(before["actual"].to_numpy(float), len(after))
        result["holt"] = (path.sum() if flow else path[-1]) / truth - 1
    return result


def main(directory: Path) -> None:
    data = {name: d.frame for name, d in loading.load_all(directory).items()}
    options = options_from_data(
        data["initiatives"], data["live_events"], data["education_programs"],
        data["digital_metrics"],
    )  # fmt: skip
    as_of = aggregates.as_of(data["digital_metrics"])
    selection = measures.select(data, FilterState.default(options), as_of)
    rows = []
    for key in measures.DIGITAL:
        aggregation = measures.CATALOGUE[key].aggregation
        total = selection.table(key, ["month"])
        rows.append({"measure": key, "series": "total",
                     **errors(total["month"], total["actual"], aggregation, as_of)})  # fmt: skip
        per_country = selection.table(key, ["month", "country"])
        for country, part in per_country.groupby("country", observed=True):
            found = errors(part["month"], part["actual"], aggregation, as_of)
            if found:
                rows.append({"measure": key, "series": str(country), **found})
    table = pd.DataFrame(rows)
    methods = [c for c in ("trend", "flat", "holt") if c in table]
    size = table[methods].abs()
    print(f"as of {as_of.date()}, held out {projection.HOLDOUT} months, {len(table)} series")
    summary = size.groupby(table["measure"]).mean()
    summary.loc["all series"] = size.mean()
    print("Mean absolute error (projected / actual - 1):")
    print(summary.map(lambda v: f"{v:.1%}").to_string())
    totals = table[table["series"] == "total"].set_index("measure")[methods]
    print("Totals (the figure the Data page reports):")
    print(totals.map(lambda v: f"{v:+.1%}").to_string())
    best = size.idxmin(axis=1).value_counts()
    print("Series where each method was closest:", best.to_dict())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else loading.data_dir())
