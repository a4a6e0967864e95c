"""Figures draw exactly the rows of their tables, with words, colours and offline maps."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

from kpop_explorer import aggregates, figures, theme
from kpop_explorer.codes import EUROPEAN_COUNTRIES
from kpop_explorer.i18n import Translator


def test_treemap_sums_budgets_by_focus_area(shipped, t):
    table = aggregates.portfolio(shipped["initiatives"])
    figure = figures.portfolio_treemap(table, t)
    trace = figure.data[0]
    n_focus = table["focus_area"].nunique()
    assert len(trace.ids) == n_focus + len(table)
    assert sum(trace.values[:n_focus]) == pytest.approx(table["budget_eur"].sum())
    assert "Digital Expansion" in trace.labels
    assert theme.STATUS_COLORS["in_progress"] in trace.marker.colors


def test_timeline_has_one_bar_per_initiative_and_today(shipped, t):
    table = aggregates.portfolio(shipped["initiatives"])
    today = pd.Timestamp("2026-11-26")
    figure = figures.initiative_timeline(table, t, today)
    assert sum(len(trace.y) for trace in figure.data) == len(table)
    assert figure.layout.shapes[0].x0 == today


def test_choropleth_uses_iso3_and_country_ids(shipped, t):
    table = aggregates.activity_by_country(
        shipped["live_events"], shipped["education_programs"], shipped["initiatives"]
    )
    figure = figures.country_choropleth(
        table, "activities", t, dark=False, value_label="Activities"
    )
    trace = figure.data[0]
    assert "FRA" in trace.locations and "DEU" in trace.locations
    assert list(trace.z) == table["activities"].tolist()
    assert trace.customdata[0][0] == table["country"].iloc[0]  # selection reads the ISO-2 id
    assert figure.layout.geo.scope == "europe"


def test_iso3_table_agrees_with_pycountry_for_every_european_code():
    for code in EUROPEAN_COUNTRIES:
        country = pycountry.countries.get(alpha_2=code)
        assert figures.iso3(code) == (country.alpha_3 if country else code), code
    assert figures.iso3("XK") == "XK"  # no ISO code: passed through, drawn as no shape


def test_places_map_traces_and_reference_layer(shipped, t):
    points = figures.event_points(shipped["live_events"], t)
    layers = [(kind, rows) for kind, rows in points.groupby("event_type")]
    reference = figures.reference_event_points(shipped["reference_live_events"], t)
    figure = figures.places_map(layers, t, dark=True, reference=reference, reference_name="Past")
    assert len(figure.data) == len(layers) + 1
    assert sum(len(trace.lat) for trace in figure.data[:-1]) == len(shipped["live_events"])
    past = figure.data[-1]
    assert past.marker.symbol == theme.REFERENCE_SYMBOL
    assert past.marker.color == theme.REFERENCE_COLOR
    assert figure.layout.geo.landcolor == "#3A3F4B"  # dark base map


def test_hover_text_escapes_markup(shipped, t):
    events = shipped["live_events"].head(1).copy()
    events["name"] = "<script>alert(1)</script>"
    hover = figures.event_points(events, t)["hover"].iloc[0]
    assert "<script>" not in hover
    assert "&lt;script&gt;" in hover


def test_plan_is_dashed_and_actual_solid(shipped, t):
    streams = shipped["digital_metrics"]
    streams = streams[streams["metric"] == "streams"]
    series = aggregates.monthly(streams)
    figure = figures.plan_actual_lines(series, t, by=None, vocabulary=None, y_title="Streams")
    actual, plan = figure.data
    assert actual.line.dash is None and plan.line.dash == theme.PLAN_DASH
    assert len(actual.x) == series["actual"].notna().sum()
    assert list(plan.y) == series["target"].tolist()


def test_ranking_bars_carry_codes_and_translated_labels(shipped):
    table = aggregates.breakdown(shipped["education_programs"], "audience")
    figure = figures.ranking_bars(
        table, "audience", "participants_actual", Translator("fr"), vocabulary="audience",
        plan="participants_target", axis_title="Participants",
    )  # fmt: skip
    plan, actual = figure.data
    assert [row[0] for row in actual.customdata] == table["audience"].tolist()
    assert plan.marker.color == "rgba(0,0,0,0)"  # the plan is an outline


def test_french_figures_use_french_separators(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    figure = figures.portfolio_treemap(table, Translator("fr"))
    assert figure.layout.separators == ", "


def test_plotly_config_serves_map_shapes_locally():
    config = theme.plotly_config("chart", "app/static/topojson/")
    assert config["topojsonURL"] == "app/static/topojson/"
    assert config["toImageButtonOptions"]["scale"] >= 2
    assert config["displaylogo"] is False
    assert "locale" not in config  # English is Plotly's own


def test_plotly_modebar_speaks_the_viewers_language():
    config = theme.plotly_config("실적", "app/static/topojson/", Translator("ko"))
    assert config["locale"] == "ko"
    words = config["locales"]["ko"]["dictionary"]
    assert words["Download plot as a PNG"] == "차트를 PNG로 다운로드"
    assert set(words) == set(theme.MODEBAR_WORDS)
    assert config["toImageButtonOptions"]["filename"] == "실적"


def many_events(shipped, copies: int = 6) -> pd.DataFrame:
    events = shipped["live_events"]
    return pd.concat(
        [events.assign(event_id=events["event_id"] + f"-{n}") for n in range(copies)],
        ignore_index=True,
    )


def test_large_selections_are_grouped_by_place(shipped, t):
    events = many_events(shipped)
    assert len(events) > figures.MAX_POINTS
    points = figures.event_points(events, t)
    places = events.groupby(["city", "country", "event_type"]).size()
    assert len(points) == len(places) < figures.MAX_POINTS
    paris = points[(points["city"] == "Paris") & (points["event_type"] == "concert")].iloc[0]
    concerts = events[(events["city"] == "Paris") & (events["event_type"] == "concert")]
    expected = aggregates.event_sizes(concerts).sum()
    assert paris["size"] == pytest.approx(expected)
    picked = figures.select_rows(events, [paris["id"]], "event_id", "event_type")
    assert len(picked) == places[("Paris", "FR", "concert")]
    assert set(picked["city"]) == {"Paris"}


def test_small_selections_keep_one_point_per_event(shipped, t):
    events = shipped["live_events"]
    points = figures.event_points(events, t)
    assert points["id"].tolist() == events["event_id"].tolist()
    picked = figures.select_rows(events, points["id"].head(3).tolist(), "event_id", "event_type")
    assert len(picked) == 3


def test_calendar_groups_by_month_when_large(shipped, t):
    events = many_events(shipped)
    points = figures.calendar_points(events, t)
    months = events["start_date"].dt.to_period("M").astype(str) + events["event_type"].astype(str)
    assert len(points) == months.nunique()
    assert points["count"].sum() == len(events)
