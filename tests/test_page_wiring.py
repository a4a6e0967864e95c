"""What a page shows is the measure its facets and selection ask for: read off the page (AppTest)
and worked out here with plain pandas on the shipped rows, not through `measures`."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest

from kpop_explorer.i18n import Translator
from kpop_explorer.links import filters
from tests.elements import arguments, charts, open_page

t = Translator("en")


def bar_values(trace: dict) -> list[float]:
    """A bar trace's lengths: Plotly's JSON packs float arrays as base64 ('bdata')."""
    x = trace["x"]
    if isinstance(x, dict):
        return np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).tolist()
    return [float(v) for v in x]


def shown_bars(at, key: str) -> dict[str, dict[str, float]]:
    """Each named bar trace of the panel `key`'s chart: {trace name: {label: value}}."""
    chart = next(c for c in charts(at) if c.key and c.key.startswith(key))
    return {
        trace["name"]: dict(zip(trace["y"], bar_values(trace), strict=True))
        for trace in arguments(chart)["figure"]["data"]
        if trace.get("type") == "bar" and trace.get("name")
    }


def programmes(shipped, options, **facets) -> pd.DataFrame:
    state = filters.FilterState.default(options)
    for name, values in facets.items():
        state = filters.replace(state, **{name: values})
    return filters.filter_programs(shipped["education_programs"], shipped["initiatives"], state)


def test_education_type_bars_draw_what_was_due_of_the_audience_chosen(shipped, options, as_of):
    rows = programmes(shipped, options, audiences=("students",))
    counted = rows[rows["participants_actual"].notna()]
    actual = counted.groupby("program_type", observed=True)["participants_actual"].sum()
    # Due pro rata: the share of each run's days gone by the as-of date, 0 to 1.
    run = (rows["end_date"] - rows["start_date"]).dt.days.clip(lower=1)
    gone = ((as_of - rows["start_date"]).dt.days / run).clip(0, 1)
    due = (rows["participants_target"] * gone).groupby(rows["program_type"], observed=True).sum()

    drawn = due.index  # exchanges all start after the as-of date: drawn as 0 due, 0 achieved
    assert (due == 0).any() and (due > 0).sum() >= 2

    at = open_page("education", {"audience": "students"})
    bars = shown_bars(at, "education_types")
    assert bars[t("chart.plan")] == approx({t.label("program_type", k): due[k] for k in drawn})
    assert bars[t("chart.actual")] == approx(
        {t.label("program_type", k): actual.get(k, 0.0) for k in drawn}
    )


def approx(expected: dict[str, float]):
    return pytest.approx(expected, rel=1e-9)
