"""History aggregates, checked against values counted by hand from the reference rows."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer.datasets import geo
from kpop_explorer.measures import history


def events_frame(rows: list[tuple]) -> pd.DataFrame:
    """(name, country, date, attendance, note) rows shaped like the validated reference file."""
    frame = pd.DataFrame(rows, columns=["event_name", "country", "date_start",
                                        "attendance_reported", "note"])  # fmt: skip
    return frame.assign(
        date_start=pd.to_datetime(frame["date_start"]),
        attendance_reported=frame["attendance_reported"].astype("Int64"),
        city=frame["country"].map({"FR": "Paris", "GB": "London", "DE": "Berlin"}),
        venue="", event_type="concert", venue_capacity_or_attendance="",
        source_url="https://a.example/1 | https://b.example/2", latitude=48.9, longitude=2.3,
    )  # fmt: skip


SMALL = events_frame(
    [
        ("A", "FR", "2011-06-10", 14000, "Confidence: high."),
        ("B", "GB", "2011-12-05", 3500, "Confidence: medium."),
        ("C", "FR", "2013-02-08", None, None),
        ("D", "GB", "2013-09-22", None, "STATUS = CANCELLED (13 Sep 2023)."),
        ("E", "DE", None, 9000, "Known from a caption only."),
        ("F", "DE", "2013-05-01", 44000, "LOW CONFIDENCE: a mirror site."),
    ]
)


def test_events_per_year_count_held_dated_events_and_fill_empty_years():
    table = history.events_by_year(SMALL).set_index("year")
    assert table["events"].to_dict() == {2011: 2, 2012: 0, 2013: 2}  # D cancelled, E undated
    assert table.loc[2011, "attendance"] == 14000 + 3500
    assert table.loc[2013, "attendance"] == 44000  # C reports nothing: not counted as zero
    assert table.loc[2013, "with_figure"] == 1
    assert table.loc[2011, "largest_event"] == "A"
    assert pd.isna(table.loc[2012, "attendance"])


def test_events_by_country_and_the_largest_events():
    by_country = history.events_by_country(SMALL).set_index("country")
    assert by_country["events"].to_dict() == {"FR": 2, "GB": 1, "DE": 1}
    assert by_country.loc["FR", "attendance"] == 14000
    assert history.largest_events(SMALL, n=2)["event_name"].tolist() == ["F", "A"]


def test_confidence_is_read_from_the_note():
    assert history.confidence("Reported. Confidence: high (dates/venue), medium.") == (
        "high (dates/venue), medium"
    )
    assert history.confidence("LOW CONFIDENCE; see the row above.") == "low"
    assert history.confidence(None) == ""
    assert history.confidence("No word on it.") == ""


def test_source_urls_are_split_deduplicated_and_only_web_addresses():
    cells = pd.Series(["https://a.example/1 | http://b.example/2", "https://a.example/1", None,
                       "javascript:alert(1) | ftp://c.example"])  # fmt: skip
    assert history.source_urls(cells) == ["https://a.example/1", "http://b.example/2"]


def test_events_per_year_in_the_reference(shipped):
    """Counted by hand in reference_live_events.csv: 2011 has SMTOWN Paris, United Cube London,
    JYJ Berlin and JYJ Barcelona; 2023 has eight rows, one of them the cancelled KPOP LUX London.
    """
    table = history.events_by_year(shipped["reference_live_events"]).set_index("year")
    assert table.loc[2011, "events"] == 4
    assert table.loc[2023, "events"] == 7
    assert table.loc[2011, "attendance"] == 14000 + 3500  # SMTOWN Paris, United Cube London
    assert table.loc[2025, "largest_event"] == "Stray Kids World Tour 'dominATE' – Paris"
    assert table["events"].sum() == 45 - 1 - 1  # 45 rows, one cancelled, one undated


def test_cumulative_openings_in_the_reference(shipped):
    """By hand: centres opened 1980 Paris, 1994 Berlin, 2008 London, 2010 Warsaw, 2011 Madrid,
    2012 Budapest, 2013 Brussels, 2023 Stockholm and Vienna (Moscow, Rome, Ankara: year
    unknown); institutes 2015 La Rochelle, 2017 Barcelona and Astrakhan, 2018 Turku, 2020
    Quimper, 2021 KSIC France and London, 2024 Berlin & Würzburg and Katowice."""
    table = history.cumulative_openings(shipped["reference_education"])
    total = table.set_index(["category", "year"])["cumulative"]
    assert total["korean_cultural_centre", 2012] == 6
    assert total["korean_cultural_centre", 2022] == 7
    assert total["korean_cultural_centre", 2024] == 9
    assert total["king_sejong_institute", 2017] == 3
    assert total["king_sejong_institute", 2021] == 7
    assert total["king_sejong_institute", 2024] == 9
    assert table["year"].min() == 1980 and table["year"].max() == 2024
    undated = history.network(shipped["reference_education"])["opening_year"].isna()
    assert undated.sum() == 3 + 9  # left out of the openings above


def test_korea_foundation_breaks_in_the_reference(shipped):
    """By hand from the notes: the world editions state 98 (2013), 88 (2016), 113 (2018), 98
    (2020), 116 (2021) and 118 (2022) countries; 2012's note quotes MOFA's 73, not KF's.
    Europe has editions 2012, 2013, 2016 (a lower bound), 2018, 2020, 2021, 2022."""
    series = history.fan_series(shipped["reference_hallyu"])
    breaks = history.series_breaks(series)
    found = {(m, r, y): reasons for m, r, y, reasons in
             zip(breaks["measure"], breaks["region"], breaks["year"], breaks["reasons"],
                 strict=True)}  # fmt: skip
    assert found == {
        ("members", "World", 2016): "gap,coverage",
        ("members", "World", 2018): "coverage",
        ("members", "World", 2020): "coverage",
        ("members", "World", 2021): "coverage",
        ("members", "World", 2022): "coverage",
        ("members", "Europe", 2016): "gap,lower_bound",
        ("members", "Europe", 2018): "gap,lower_bound",
        ("members", "Europe", 2020): "gap",
        ("clubs", "Europe", 2018): "gap",
    }
    world = series[(series["measure"] == "members") & (series["region"] == "World")]
    assert world.set_index("year")["value"][2022] == 178_000_000
    assert pd.isna(world.set_index("year")["countries_surveyed"][2012])


def test_a_break_needs_a_stated_change():
    series = pd.DataFrame(
        {"measure": "members", "region": "Europe", "year": [2012, 2013, 2014, 2015],
         "lower_bound": False, "countries_surveyed": [90, None, 90, 95]}
    )  # fmt: skip
    breaks = history.series_breaks(series)
    assert breaks[["year_before", "year", "reasons"]].values.tolist() == [[2014, 2015, "coverage"]]


def test_learner_counts_parse_the_sourced_wording(shipped):
    table = history.learner_counts(shipped["reference_education"])
    by_value = dict(zip(table["value"], table["number"], strict=True))
    assert by_value[">900"] == 900 and by_value["25-30"] == 25 and by_value["1014"] == 1014
    assert "universities" not in set(table["metric"])  # a count of places, not of people


def test_album_export_ranks_carry_country_codes(shipped):
    table = history.album_export_ranks(shipped["reference_hallyu"])
    assert table[["country", "rank"]].values.tolist() == [
        ["DE", 4], ["NL", 7], ["GB", 9], ["FR", 10],
    ]  # fmt: skip


@pytest.mark.parametrize(("code", "name"), [("GB", "United Kingdom"), ("DE", "Germany")])
def test_country_codes_by_english_name(code, name):
    assert geo.country_code(name) == code


def plan_events(rows: list[tuple]) -> pd.DataFrame:
    """(id, type, city, country, start, expected attendance) rows of the plan's events."""
    frame = pd.DataFrame(rows, columns=["event_id", "event_type", "city", "country",
                                        "start_date", "expected_attendance"])  # fmt: skip
    return frame.assign(start_date=pd.to_datetime(frame["start_date"]))


PLAN = plan_events(
    [
        ("E1", "festival", "Paris", "FR", "2026-06-01", 50_000),
        ("E2", "festival", "Berlin", "DE", "2026-07-01", 30_000),
        ("E3", "festival", "Paris", "FR", "2027-06-01", 60_000),
        ("E4", "concert", "Lyon", "FR", "2026-03-01", 9_000),
    ]
)


def test_planned_festivals_one_event_each_beside_the_largest_real_events():
    """Like with like: 2026's Paris and Berlin festivals are two events, never 80,000 in one."""
    table = history.festival_benchmark(PLAN, SMALL, n=2)
    plan = table[table["kind"] == "plan"]
    assert plan["label"].tolist() == ["Paris 2027", "Paris 2026"]  # the two largest
    assert plan["value"].tolist() == [60_000, 50_000]  # the concert is not a festival
    real = table[table["kind"] == "real"]
    assert real["value"].tolist() == [44_000, 14_000]
    assert real["confidence"].tolist() == ["low", "high"]


def test_cities_count_planned_and_real_events_side_by_side():
    table = history.city_benchmark(PLAN, SMALL).set_index("city")
    assert table.loc["Paris", ["planned_events", "real_events"]].tolist() == [2, 2]  # A, C
    assert table.loc["Paris", "real_attendance"] == 14000  # C reports no figure
    assert table.loc["Berlin", ["planned_events", "real_events"]].tolist() == [1, 1]  # F; E undated
    assert table.loc["London", "planned_events"] == 0  # real only: B
    assert table.loc["Lyon", ["planned_events", "real_events"]].tolist() == [1, 0]


def test_a_suburb_venue_has_the_same_name_on_both_reality_charts():
    """The Stade de France (Saint-Denis) and the festival's arena (Nanterre) are Paris on the
    festival chart and on the city chart alike."""
    plan = plan_events([("E9", "festival", "Nanterre", "FR", "2026-07-10", 120_000)])
    reference = events_frame([("Stadium", "FR", "2019-06-07", 80_000, None)]).assign(
        city="Saint-Denis (Paris)"
    )
    festivals = history.festival_benchmark(plan, reference, n=1)
    assert festivals["label"].tolist() == ["Paris 2026", "Stadium (2019)"]
    cities = history.city_benchmark(plan, reference).set_index("city")
    assert cities.index.tolist() == ["Paris"]
    assert cities.loc["Paris", ["planned_events", "real_events"]].tolist() == [1, 1]
    assert geo.metro_area("Nanterre (Paris area)", "FR") == "Paris"
    assert geo.metro_area("Berlin; Würzburg", "DE") == "Berlin"


def test_the_city_sentence_is_computed_in_each_language():
    from kpop_explorer.i18n import Translator
    from kpop_explorer.views import reality

    table = history.city_benchmark(PLAN, SMALL)
    assert reality.city_sentence(table, Translator("en")).startswith(
        "2 of the 3 planned event cities have hosted real K-pop events on record. The largest "
        "reported crowds were in Berlin (44,000); events planned there: 1."
    )
    assert "2 des 3 villes" in reality.city_sentence(table, Translator("fr"))
    assert "도시 3곳 중 2곳" in reality.city_sentence(table, Translator("ko"))


def test_the_festival_sentence_says_how_many_times_the_largest_real_event():
    from kpop_explorer.i18n import Translator
    from kpop_explorer.views import reality

    table = history.festival_benchmark(PLAN, SMALL, n=2)
    sentence = reality.festival_sentence(table, Translator("en"))
    assert "(Paris 2027, 60,000 expected)" in sentence
    assert "is 1.4 times" in sentence  # 60,000 / 44,000 = 1.36
    assert "F (2013), with 44,000" in sentence


def test_followers_are_set_against_the_fan_communities_in_europe(shipped):
    from kpop_explorer.i18n import Translator
    from kpop_explorer.views import reality

    metrics = pd.DataFrame(
        {"month": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-10-01", "2026-11-01"]),
         "metric": "followers", "target": [1.0, 4_000_000, 2_600_000, 9e9],
         "actual": [1.0, 3_000_000, 2_000_000, None]}
    )  # fmt: skip
    table = history.followers_benchmark(metrics, shipped["reference_hallyu"])
    plan = table[table["kind"] != "real"].set_index("kind")["value"].to_dict()
    assert plan == {"plan": 6_600_000, "actual": 5_000_000}  # October: the last measured month
    real = table[table["kind"] == "real"].set_index("label")["value"]
    assert real["2022"] == 13_200_000 and len(real) == 7  # Europe's seven editions
    sentence = reality.followers_sentence(table, Translator("en"))
    assert "2026-10 (6,600,000) equals 50% of the 13,200,000 members" in sentence


def test_an_event_type_from_the_data_is_shown_as_text():
    from kpop_explorer.charts import history_figures
    from kpop_explorer.i18n import Translator

    table = pd.DataFrame({"year": [2024], "event_type": ["<b>%{y}</b>"], "events": [2]})
    figure = history_figures.events_per_year(table, Translator("en"))
    assert figure.data[0].name == "&lt;b&gt;%{y}&lt;/b&gt;"
    assert "%{y}</b>" not in figure.data[0].hovertemplate


def test_benchmark_labels_that_look_like_years_stay_labels(shipped):
    from kpop_explorer.charts import history_figures
    from kpop_explorer.i18n import Translator

    table = pd.DataFrame({"label": ["2026-10", "2022"], "kind": ["plan", "real"],
                          "value": [5.0, 7.0], "confidence": "", "note": ""})  # fmt: skip
    figure = history_figures.benchmark_bars(table, Translator("en"), axis_title="People")
    assert figure.layout.yaxis.type == "category"  # else Plotly would drop "Plan: 2026-10"
    assert list(figure.data[0].y) == ["2022", "Plan: 2026-10"]
