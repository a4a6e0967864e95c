"""The shared panels: layer order, per-capita scaling and what a panel says of its rows."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.charts import panels
from kpop_explorer.datasets import codes
from kpop_explorer.datasets.geo import Scale
from kpop_explorer.i18n import Translator


def test_layers_follow_the_vocabulary_and_skip_absent_codes():
    t = Translator("en")
    last, first = codes.EVENT_TYPES[-1], codes.EVENT_TYPES[0]
    marks = pd.DataFrame({"event_type": [last, first, last], "id": ["a", "b", "c"]})
    layers = panels.layers(marks, "event_type", codes.EVENT_TYPES, t)
    assert [name for name, _ in layers] == [
        t.label("event_type", first),
        t.label("event_type", last),
    ]
    assert [rows["id"].tolist() for _, rows in layers] == [["b"], ["a", "c"]]


def test_the_activity_map_per_million_divides_and_says_so():
    t = Translator("en")
    by_country = pd.DataFrame({"country": ["FR"], "activities": [136.0], "events": [68.0],
                               "programs": [34.0], "initiatives": [34.0]})  # fmt: skip
    absolute = panels.activity_map(by_country, t, Scale(False, t), dark=False)
    scaled = panels.activity_map(by_country, t, Scale(True, t), dark=False)
    assert absolute.panel.table["activities"].tolist() == [136.0]
    population_millions = 136.0 / scaled.panel.table["activities"].iloc[0]
    assert 60 < population_millions < 70  # France: about 68 million people
    assert absolute.panel.subtitle == t("overview.map.subtitle")
    assert scaled.panel.subtitle.startswith(t("overview.map.subtitle") + " ")
    assert scaled.chart.kwargs["number_digits"] == 2 and absolute.chart.kwargs["number_digits"] == 0
    assert "France" in absolute.panel.alt


def test_the_events_map_table_holds_the_event_list_columns_in_order():
    t = Translator("en")
    events = pd.DataFrame({column: ["x"] for column in panels.EVENT_COLUMNS})
    events["event_type"] = codes.EVENT_TYPES[0]
    shown = panels.events_map(events, events.assign(id="x"), t, False, countries=1)
    assert list(shown.panel.table.columns) == list(panels.EVENT_COLUMNS)
