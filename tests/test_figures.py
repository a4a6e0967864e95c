"""Figures draw exactly the rows of their tables, with words, colours and offline maps."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

from kpop_explorer import measures
from kpop_explorer.charts import figures, points, theme
from kpop_explorer.datasets.codes import EUROPEAN_COUNTRIES
from kpop_explorer.i18n import Translator
from kpop_explorer.measures import aggregates


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
    bars = [trace for trace in figure.data if trace.showlegend is False]
    assert sum(len(trace.y) for trace in bars) == len(table)
    swatches = [trace for trace in figure.data if trace.showlegend is not False]
    assert len(swatches) == table["focus_area"].nunique()
    assert all(not trace.marker.pattern.shape for trace in swatches)  # plain, never hatched
    assert figure.layout.shapes[0].x0 == today
    # the line is the data's as-of date, and says so: not "Today" (the wall clock runs past it)
    assert figure.layout.annotations[0].text == "Data as of 26 Nov 2026"


def test_choropleth_uses_iso3_and_country_ids(selection, t):
    table = measures.activity_by_country(selection)
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
    marks = points.event_points(shipped["live_events"], t)
    layers = [(kind, rows) for kind, rows in marks.groupby("event_type")]
    reference = points.reference_event_points(shipped["reference_live_events"], t)
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
    hover = points.event_points(events, t)["hover"].iloc[0]
    assert "<script>" not in hover
    assert "&lt;script&gt;" in hover


def test_plan_is_dashed_and_actual_solid(selection, t):
    series = measures.monthly(selection, "streams", None)
    figure = figures.plan_actual_lines(series, t, by=None, vocabulary=None, y_title="Streams")
    actual, plan = figure.data
    assert actual.line.dash is None and plan.line.dash == theme.PLAN_DASH
    assert len(actual.x) == series["actual"].notna().sum()
    assert list(plan.y) == series["target"].tolist()


def test_ranking_bars_carry_codes_and_translated_labels(selection):
    table = measures.breakdown(selection, "audience")
    figure = figures.ranking_bars(
        table, "audience", "participants_actual", Translator("fr"), vocabulary="audience",
        plan="participants_target", axis_title="Participants",
    )  # fmt: skip
    plan, actual, _labels = figure.data
    assert [row[0] for row in actual.customdata] == table["audience"].tolist()
    assert plan.marker.color == "rgba(0,0,0,0)"  # the plan is an outline


def test_french_figures_use_french_separators(shipped):
    table = aggregates.portfolio(shipped["initiatives"])
    figure = figures.portfolio_treemap(table, Translator("fr"))
    assert figure.layout.separators == ", "


def test_plotly_config_serves_map_shapes_locally():
    config = theme.plotly_config("app/static/topojson/")
    assert config["topojsonURL"] == "app/static/topojson/"
    assert config["displaylogo"] is False
    assert "locale" not in config  # English is Plotly's own


def test_plotly_modebar_speaks_the_viewers_language():
    config = theme.plotly_config("app/static/topojson/", Translator("ko"))
    assert config["locale"] == "ko"
    words = config["locales"]["ko"]["dictionary"]
    assert words["Lasso Select"] == "올가미 선택"
    assert set(words) == set(theme.MODEBAR_WORDS)


def many_events(shipped, copies: int = 6) -> pd.DataFrame:
    events = shipped["live_events"]
    return pd.concat(
        [events.assign(event_id=events["event_id"] + f"-{n}") for n in range(copies)],
        ignore_index=True,
    )


def test_large_selections_are_grouped_by_place(shipped, t):
    events = many_events(shipped)
    assert len(events) > points.MAX_POINTS
    marks = points.event_points(events, t)
    places = events.groupby(["city", "country", "event_type"]).size()
    assert len(marks) == len(places) < points.MAX_POINTS
    paris = marks[(marks["city"] == "Paris") & (marks["event_type"] == "concert")].iloc[0]
    concerts = events[(events["city"] == "Paris") & (events["event_type"] == "concert")]
    expected = aggregates.event_sizes(concerts).sum()
    assert paris["size"] == pytest.approx(expected)
    picked = points.select_rows(events, [paris["id"]], "event_id", "event_type")
    assert len(picked) == places[("Paris", "FR", "concert")]
    assert set(picked["city"]) == {"Paris"}


def test_small_selections_keep_one_point_per_event(shipped, t):
    events = shipped["live_events"]
    marks = points.event_points(events, t)
    assert marks["id"].tolist() == events["event_id"].tolist()
    picked = points.select_rows(events, marks["id"].head(3).tolist(), "event_id", "event_type")
    assert len(picked) == 3


def test_calendar_groups_by_month_when_large(shipped, t):
    events = many_events(shipped)
    marks = points.calendar_points(events, t)
    months = events["start_date"].dt.to_period("M").astype(str) + events["event_type"].astype(str)
    assert len(marks) == months.nunique()
    assert marks["count"].sum() == len(events)


# --- Charts that read right (issue 16) --------------------------------------------------------


def _months(n: int, start: str = "2024-01-01") -> pd.DataFrame:
    months = pd.date_range(start, periods=n, freq="MS")
    return pd.DataFrame({"month": months, "actual": 2_000_000.0, "target": 2_500_000.0})


def test_french_date_axis_names_months_in_french():
    figure = figures.plan_actual_lines(
        _months(12), Translator("fr"), by=None, vocabulary=None, y_title="Streams"
    )
    assert list(figure.layout.xaxis.ticktext) == [
        "janv.<br>2024", "mars", "mai", "juil.", "sept.", "nov.",
    ]  # fmt: skip
    assert figure.layout.xaxis.tickvals[1] == pd.Timestamp("2024-03-01")


def test_korean_value_axis_in_man_and_eok():
    figure = figures.plan_actual_lines(
        _months(3), Translator("ko"), by=None, vocabulary=None, y_title="x"
    )  # the highest point: the plan's 2,500,000, so the axis runs to 2,625,000
    assert list(figure.layout.yaxis.ticktext) == ["0", "50만", "100만", "150만", "200만", "250만"]


def test_actual_legend_swatch_is_neutral_not_the_first_bar():
    table = pd.DataFrame({"focus_area": ["education", "live_events"], "progress": [0.5, 0.9]})
    figure = figures.progress_bars(
        table, "focus_area", "focus", Translator(), colors=theme.FOCUS_COLORS, axis_title="x"
    )
    in_legend = [trace for trace in figure.data if trace.showlegend is not False]
    actual = [trace for trace in in_legend if trace.name == "Actual"]
    assert len(actual) == 1
    assert actual[0].marker.color == theme.ACTUAL_SWATCH
    assert theme.ACTUAL_SWATCH not in theme.FOCUS_COLORS.values()


def test_value_labels_sit_past_the_plan_outline():
    table = pd.DataFrame(
        {"audience": ["students", "general_public"], "actual": [50.0, 300.0],
         "plan": [100.0, 200.0]}
    )  # fmt: skip
    figure = figures.ranking_bars(
        table, "audience", "actual", Translator(), vocabulary="audience", plan="plan",
        axis_title="x",
    )  # fmt: skip
    labels = next(trace for trace in figure.data if trace.type == "scatter")
    assert list(labels.x) == [100.0, 300.0]  # the outline's end, or the bar's if it is longer
    assert list(labels.text) == ["50", "300"]
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert all(bar.textposition in (None, "none") for bar in bars)


def test_geo_view_holds_every_place_it_draws():
    places = pd.DataFrame(
        {"city": ["Moscow", "Astrakhan", "Las Palmas", "Ankara"],
         "latitude": [55.76, 46.35, 28.12, 39.93], "longitude": [37.62, 48.03, -15.43, 32.86],
         "id": ["a", "b", "c", "d"], "hover": "", "color": "#000", "size": 1.0}
    )  # fmt: skip
    figure = figures.places_map([("x", places)], Translator(), dark=False)
    geo = figure.layout.geo
    low_lon, high_lon = geo.lonaxis.range
    low_lat, high_lat = geo.lataxis.range
    assert low_lon <= -15.43 - 1 and high_lon >= 48.03 + 1  # with room for the markers
    assert low_lat <= 28.12 - 1 and high_lat >= 55.76 + 1
    assert geo.scope == "world"  # Las Palmas lies south of plotly's "europe" shapes


def test_geo_view_keeps_europe_scope_when_places_are_inside_it():
    places = pd.DataFrame(
        {"latitude": [48.86], "longitude": [2.35], "id": ["p"], "hover": "", "color": "#000",
         "size": 1.0}
    )  # fmt: skip
    geo = figures.places_map([("x", places)], Translator(), dark=False).layout.geo
    assert geo.scope == "europe"
    assert tuple(geo.lonaxis.range) == figures.EUROPE_LON


def test_a_monthly_plan_is_a_line_and_a_quarterly_one_dashes():
    for periods, mode in ((24, "lines"), (8, "markers")):
        figure = figures.grouped_bars_over_time(
            _months(periods), "month", "actual", "target", Translator(), stack_by=None,
            vocabulary=None, colors={}, y_title="x",
        )  # fmt: skip
        assert figure.data[-1].mode == mode


def test_status_colours_never_equal_a_focus_colour_and_the_treemap_names_them(shipped, t):
    assert not set(theme.STATUS_COLORS.values()) & set(theme.FOCUS_COLORS.values())
    table = aggregates.portfolio(shipped["initiatives"])
    figure = figures.portfolio_treemap(table, t)
    legend = [trace.name for trace in figure.data if trace.type == "scatter"]
    shown = set(table["status"])
    assert legend == [t.label("status", s) for s in theme.STATUS_COLORS if s in shown]


def test_timeline_names_sit_whole_above_their_bars():
    long_name = "Collaborative projects between Korean artists and European creatives"
    table = pd.DataFrame(
        {"name": [long_name, "Short"], "focus_area": "education", "status": "planned",
         "start_date": pd.to_datetime(["2025-01-01", "2025-03-01"]),
         "end_date": pd.Timestamp("2026-01-01")}
    )  # fmt: skip
    figure = figures.initiative_timeline(table, Translator(), pd.Timestamp("2025-06-01"))
    (bars,) = [trace for trace in figure.data if trace.showlegend is False]
    names = {a.text: a for a in figure.layout.annotations if a.xref == "paper"}
    wrapped = "Collaborative projects between Korean<br>artists and European creatives"
    assert set(names) == {wrapped, "Short"}  # on 40-character lines, a phone's width
    # The y axis counts pixels. A row: its name's lines (16 px each), 3 px, a 14 px bar, 12 px.
    long_row, short_row = 2 * 16 + 3 + 14 + 12, 1 * 16 + 3 + 14 + 12  # 61 and 45, top first
    # each bar's middle, in px above the bottom: 12 + 7 for the last row, a row higher for the first
    middles = dict(zip(bars.customdata[:, 0], bars.y, strict=True))
    assert middles == {wrapped: short_row + 12 + 7, "Short": 12 + 7}  # 64 and 19 px
    assert bars.width == 14
    for name, y in zip(bars.customdata[:, 0], bars.y, strict=True):
        assert names[name].y == y and names[name].yanchor == "bottom"  # the name over its bar
        assert names[name].yshift == 7 + 3  # from the bar's middle to 3 px above its top
    assert list(figure.layout.yaxis.range) == [0, long_row + short_row + 3]  # the top name whole
    assert figure.layout.yaxis.visible is False  # no name beside the bars: they keep the width
    assert figure.layout.height == long_row + short_row + 58 + 44 + 24  # one focus area's key


@pytest.mark.parametrize(("today", "side"), [("2025-02-01", "left"), ("2025-12-01", "right")])
def test_the_as_of_note_runs_into_the_wider_side_of_the_axis(today, side):
    """Centred on a date near the axis' end, the note ran past the chart on a phone."""
    table = pd.DataFrame(
        {"name": ["A"], "focus_area": "education", "status": "planned",
         "start_date": pd.Timestamp("2025-01-01"), "end_date": pd.Timestamp("2026-01-01")}
    )  # fmt: skip
    figure = figures.initiative_timeline(table, Translator(), pd.Timestamp(today))
    (note,) = [a for a in figure.layout.annotations if a.yref == "paper"]
    assert note.xanchor == side and note.x == pd.Timestamp(today)


def test_a_phone_keeps_bar_values_and_long_axis_titles_whole():
    """At 390 px the bars are 150 px wide: "94,6 %" past the longest needs its own room, and a
    long axis title two lines (on one, it ran past the chart's edge)."""
    table = pd.DataFrame({"focus_area": ["education", "live_events"], "progress": [0.946, 1.01]})
    figure = figures.progress_bars(
        table, "focus_area", "focus", Translator("fr"), colors={},
        axis_title="Part de l'objectif attendu à ce jour",
    )  # fmt: skip
    assert figure.layout.margin.r == 56
    assert figure.layout.xaxis.title.text == "Part de l'objectif attendu<br>à ce jour"
    labels = next(tr for tr in figure.data if tr.type == "scatter" and tr.mode == "text")
    assert list(labels.text) == ["94,6\u00a0%", "101\u00a0%"]
