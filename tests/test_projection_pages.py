"""Projections on the pages (issue 32, AppTest): the Data page's backtest figure is the one the
test works out from the shipped data, and the Digital page continues its trend."""

from __future__ import annotations

import base64
import re

import numpy as np
import pandas as pd
import pytest

from kpop_explorer.i18n import Translator
from kpop_explorer.measures import projection
from tests.elements import figures, open_page

t = Translator("en")


def shown(text: str) -> str:
    """Markdown as a reader sees it: plain()'s escapes and invisible joiners undone."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def values(array) -> list:
    """A trace array as Plotly.js reads it: a list, or typed bytes (`dtype`, base64 `bdata`)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def streams_by_hand(metrics: pd.DataFrame, as_of: pd.Timestamp) -> tuple[float, float]:
    """The backtest of streams worked out here: the monthly totals up to the as-of date, a
    straight line (numpy's least squares) through the 12 months before the cut, carried over
    the 6 months after it; returns (projected, actual)."""
    rows = metrics[(metrics["metric"] == "streams") & metrics["actual"].notna()]
    monthly = rows[rows["month"] <= as_of].groupby("month")["actual"].sum().sort_index()
    before, after = monthly.iloc[:-6], monthly.iloc[-6:]
    x = np.arange(len(before))[-12:]
    slope, intercept = np.polyfit(x, before.to_numpy()[-12:], 1)
    projected = sum(intercept + slope * (len(before) + i) for i in range(6))
    return projected, after.sum()


def test_the_backtest_of_streams_is_worked_out_from_the_data(shipped, selection, as_of):
    projected, actual = streams_by_hand(shipped["digital_metrics"], as_of)
    row = projection.backtest(selection, ["streams"]).set_index("measure").loc["streams"]
    assert row["projected"] == pytest.approx(projected)
    assert row["actual"] == pytest.approx(actual)
    assert row["error"] == pytest.approx(projected / actual - 1)


def test_the_data_page_shows_the_backtest_it_computes(selection, as_of):
    at = open_page("data")
    sentence = next(shown(m.value) for m in at.markdown if "months before" in m.value)
    table = projection.backtest(selection)
    # The figures the sentence must quote, averaged here from the table's rows.
    errors = table["error"].abs()
    trend = table[table["method"] == "trend"]
    assert f"off by {t.percent(errors.sum() / len(errors))} on average" in sentence
    assert f"over {len(table)} measures" in sentence
    assert f"the trend was off by {t.percent(trend['error'].abs().mean())}" in sentence
    assert f"a flat run rate was off by {t.percent(trend['naive_error'].abs().mean())}" in sentence
    assert f"before {t.date(as_of)}" in sentence


def test_the_digital_page_says_where_streams_land_and_draws_it(selection):
    at = open_page("digital")
    found = projection.projection(selection, "streams")
    sentence = next(shown(m.value) for m in at.markdown if m.value.startswith("At this pace"))
    assert sentence.startswith(
        f"At this pace, the selection reaches {t.percent(found.value / found.target)} of its "
        f"Streams plan by the end of {found.end.year}"
    )
    trend = next(f for f in figures(at) if any("(projected)" in (d.get("name") or "")
                                               for d in f["data"]))  # fmt: skip
    dotted = next(d for d in trend["data"] if d.get("name") == "Total (projected)")
    assert dotted["line"]["dash"] == "dot"
    assert values(dotted["y"])[1:] == pytest.approx(list(found.monthly))
    assert any(e.label == "Where each measure lands at the end of its plan" for e in at.expander)
    assert sentence.endswith(":orange-badge[Projection · illustrative data]")


def streams_landing(metrics: pd.DataFrame, as_of: pd.Timestamp, country: str) -> float:
    """Worked out here: a country's monthly streams, a line through its last 12 measured months
    carried to the plan's last month, added to what it has so far."""
    rows = metrics[(metrics["metric"] == "streams") & (metrics["country"] == country)]
    monthly = rows.groupby("month")["actual"].sum(min_count=1).sort_index()
    measured = monthly[(monthly.index <= as_of) & monthly.notna()]
    slope, intercept = np.polyfit(np.arange(12), measured.to_numpy()[-12:], 1)
    ahead = len(monthly[monthly.index > as_of])
    return measured.sum() + sum(intercept + slope * (12 + i) for i in range(ahead))


def test_a_scorecard_row_says_where_its_measures_land(shipped, selection, as_of):
    worst = selection.summary("country").iloc[0]["country"]
    at = open_page("overview", {"scorecard_row": worst})
    detail = at.dataframe[1].value.set_index(t("column.measure"))
    expected = streams_landing(shipped["digital_metrics"], as_of, worst)
    metrics = shipped["digital_metrics"]
    plan = metrics[(metrics["metric"] == "streams") & (metrics["country"] == worst)]["target"]
    streams = detail.loc[t.label("kpi", "streams")]
    assert streams[t("column.projected")] == pytest.approx(expected)
    assert streams[t("column.projected_attainment")] == pytest.approx(expected / plan.sum())
    sentence = next(shown(m.value) for m in at.markdown if m.value.startswith("At this pace"))
    assert sentence.startswith(f"At this pace, {t.country(worst)} reaches")


def test_a_country_filter_gets_its_own_projection(shipped, as_of):
    # Shared between sessions per view: another view must not reuse the first one's figures.
    open_page("digital")
    at = open_page("digital", {"country": "FR"})
    metrics = shipped["digital_metrics"]
    plan = metrics[(metrics["metric"] == "streams") & (metrics["country"] == "FR")]["target"]
    share = streams_landing(metrics, as_of, "FR") / plan.sum()
    sentence = next(shown(m.value) for m in at.markdown if m.value.startswith("At this pace"))
    assert sentence.startswith(f"At this pace, France reaches {t.percent(share)} of its Streams")
