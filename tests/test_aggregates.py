"""The tables that are not measures: the as-of date and the portfolio as charts draw it."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer import aggregates


def test_as_of_is_the_end_of_the_last_measured_month(shipped, as_of):
    last = shipped["digital_metrics"].dropna(subset=["actual"])["month"].max()
    assert as_of == last + pd.offsets.MonthEnd(0)
    assert as_of.day >= 28


def test_portfolio_summary_keeps_the_largest_and_sums_the_rest(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    summary = aggregates.portfolio_summary(table, n=10)
    individual = summary[summary["status"] != aggregates.OTHERS]
    others = summary[summary["status"] == aggregates.OTHERS]
    assert len(individual) == 10
    assert set(individual["initiative_id"]) == set(
        table.nlargest(10, "budget_eur")["initiative_id"]
    )
    assert summary["budget_eur"].sum() == pytest.approx(table["budget_eur"].sum())
    assert others["count"].sum() == len(table) - 10
    assert aggregates.portfolio_summary(table, n=100)["count"].eq(1).all()


def test_largest_keeps_order(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    drawn = aggregates.largest(table, 5)
    assert len(drawn) == 5
    assert list(drawn.index) == sorted(drawn.index, key=list(table.index).index)
