"""Every word on screen in the viewer's language (issue 28): cities from CLDR or GeoNames, data
values recorded as free text, the reference data's source lines, and no message left in English
in French or Korean unless it is the same word there (a cognate, a proper noun or a format)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from kpop_explorer.charts import history_figures
from kpop_explorer.datasets.schemas import (
    REFERENCE_EDUCATION,
    REFERENCE_HALLYU,
    REFERENCE_LIVE_EVENTS,
)
from kpop_explorer.i18n import LOCALE_DIR, Translator

EN, FR, KO = Translator("en"), Translator("fr"), Translator("ko")


def messages(lang: str) -> dict[str, str]:
    return json.loads((LOCALE_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def test_cities_take_their_names_from_cldr_then_geonames():
    assert FR.city("London") == "Londres"  # CLDR: the city that names Europe/London
    assert FR.city("Warsaw", "PL") == "Varsovie"
    assert KO.city("Warsaw", "PL") == "바르샤바"
    assert KO.city("Lyon", "FR") == "리옹"  # no time zone of its own: GeoNames' Hangul name
    assert FR.city("Lyon", "FR") == "Lyon"  # the proper noun as recorded
    assert EN.city("Warsaw", "PL") == "Warsaw"
    assert FR.city("Atlantis") == "Atlantis"  # unknown places are shown as recorded
    assert KO.city("Cologne", "DE") == "쾰른"  # the Hangul name of Köln, which lists "Cologne"
    assert FR.city("Cologne", "DE") == "Cologne"  # no CLDR name: as recorded (and French)
    assert KO.city("Zurich", "CH") == "취리히"  # CLDR: Europe/Zurich
    assert KO.city("Paris", "EU (Europe)") == "파리"  # a region for a country narrows nothing
    assert KO.city("Berlin; Würzburg", "DE") == "베를린; 뷔르츠부르크"  # each city of a cell
    assert KO.city("Saint-Denis (Paris)", "FR") == "생드니 (파리)"


# Cities of the shipped data that keep their recorded name in Korean: GeoNames has no Hangul
# name for them and CLDR names no time zone after them. Proper nouns, shown as recorded.
KEPT_AS_RECORDED_IN_KOREAN = {"Porto", "Nantes", "Las Palmas de Gran Canaria"}


def test_every_city_of_the_data_reads_in_hangul_unless_listed(shipped):
    places = pd.concat(
        [shipped[name][["city", "country"]] for name in
         ("live_events", "education_programs", "reference_live_events", "reference_education")]
    ).dropna().drop_duplicates()  # fmt: skip
    latin = {
        city for city, country in zip(places["city"], places["country"], strict=True)
        if any("a" <= char.lower() <= "z" for char in KO.city(city, country))
    }  # fmt: skip
    assert latin == KEPT_AS_RECORDED_IN_KOREAN


def _events() -> pd.DataFrame:
    """Two planned events, in Cologne and London, as the live-events data records them."""
    return pd.DataFrame(
        {"event_id": ["E1", "E2"], "name": ["Fest", "Show"], "event_type": "festival",
         "status": "planned", "venue": ["Arena", "Hall"], "city": ["Cologne", "London"],
         "country": ["DE", "GB"], "start_date": pd.to_datetime(["2026-07-01", "2026-08-01"]),
         "attendance": [None, None], "expected_attendance": [30_000.0, 20_000.0],
         "latitude": [50.9, 51.5], "longitude": [6.9, -0.1]}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("t", "cologne", "london"),
    [(EN, "Cologne", "London"), (FR, "Cologne", "Londres"), (KO, "쾰른", "런던")],
)
def test_every_surface_names_a_city_in_the_pages_language(t, cologne, london):
    from openpyxl import load_workbook

    from kpop_explorer.charts import figures, points
    from kpop_explorer.exports import deck
    from kpop_explorer.exports.briefing import ChartRecord
    from kpop_explorer.exports.spreadsheets import to_csv_bytes, to_excel_bytes
    from kpop_explorer.formats import columns, tables
    from kpop_explorer.measures import history

    events = _events()
    shown = tables.for_display(events[["name", "city", "country"]], t)
    assert list(shown[t("column.city")]) == [cologne, london]  # the table on screen
    csv = to_csv_bytes(columns.csv_frame(shown, t)).decode("utf-8-sig")
    assert f"Fest,{cologne}," in csv and f"Show,{london}," in csv  # its CSV download
    sheet = load_workbook(io.BytesIO(to_excel_bytes({"x": shown}))).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [cologne, london]
    slide = deck.as_table(events[["name", "city", "country"]], t)  # the deck's and briefing's
    assert [row[1] for row in slide.rows] == [cologne, london]
    hovers = points.event_points(events, t)["hover"]  # the live-events map
    assert f"Arena, {cologne} ({t.country('DE')})" in hovers[0]
    assert f"Hall, {london} ({t.country('GB')})" in hovers[1]
    used = pd.DataFrame({"city": ["Cologne", "London"], "country": ["DE", "GB"],
                         "utilisation": [0.9, 0.8]})  # fmt: skip
    bars = figures.ranking_bars(used, "city", "utilisation", t, percent=True, axis_title="%")
    assert set(bars.data[0].y) == {cologne, london}  # the capacity-used chart
    args = (used, "city", "utilisation", t)
    record = ChartRecord("", "", used, figures.ranking_bars, args, {"percent": True}, "", True)
    assert set(deck.deck_chart(record, t).categories) == {cologne, london}  # its slide
    none_real = pd.DataFrame(columns=history.BENCHMARK_COLUMNS)
    festival = history.festival_benchmark(events, pd.DataFrame(), n=2, real=none_real, t=t)
    assert list(festival["label"]) == [f"{cologne} 2026", f"{london} 2026"]  # a reality check


def test_free_text_values_find_their_words():
    assert FR.label("event_type", "fan convention") == "Convention de fans"
    assert EN.label("event_type", "fan convention") == "Fan convention"  # capitalised, as a label
    assert KO.label("event_type", "fan convention") == "팬 컨벤션"
    assert FR.label("event_type", "street party") == "street party"  # no word for it: data


@pytest.mark.parametrize("schema", [REFERENCE_LIVE_EVENTS, REFERENCE_EDUCATION, REFERENCE_HALLYU])
def test_reference_sources_are_named_in_the_viewers_language(schema):
    assert schema.source_in(EN) == schema.source
    for lang in ("fr", "ko"):
        shown = schema.source_in(Translator(lang))
        assert shown == messages(lang)[f"schema.{schema.name}.source"] != schema.source


def test_the_city_benchmark_names_cities_in_korean():
    table = pd.DataFrame(
        {"city": ["London", "Lyon"], "country": ["GB", "FR"], "planned_events": [2, 0],
         "real_events": [3, 1], "real_attendance": [90_000.0, 5_000.0]}
    )  # fmt: skip
    figure = history_figures.city_benchmark(table, KO)
    assert list(figure.data[0].y) == ["리옹 (프랑스)", "런던 (영국)"]  # the first at the top


# Messages that read the same in French (or Korean) as in English, and why. A new message that
# is left in English in either language fails the test below until it is translated or listed.
SAME_IN_FRENCH = {
    # French words spelt as the English ones
    "page.initiatives",
    "hover.budget",
    "kpi.budget",
    "kpi.participants",
    "kpi.satisfaction",
    "scorecard.scope_initiative_id",
    "event_type.festival",
    "event_type.concert",
    "column.source_url",
    "column.date_start",
    "column.programs",
    "column.initiatives",
    "column.participants",
    "column.budget_eur",
    "chart.total",
    "column.event_type",
    "column.initiative_name",
    "column.satisfaction",
    "data.dict.type",
    "data.dict.min",
    "data.dict.max",
    "data.rule.unique",
    "data.kind.code",
    "digital.trend.split_total",
    "history.map.pause",
    "history.fans.clubs_axis",
    "history.region.europe",
    "schema.initiatives.title",
    "modebar.zoom",
    "deck.sources",
    "data.first_source",
    "chart.source",
    "kpi_unit.participants",
    "empty.what.initiatives",
    "projection.badge_uploaded",
    "kpi.clubs",
    # English loanwords in French use
    "kpi.streams",
    "metric.streams",
    "kpi_unit.streams",
    "event_type.showcase",
}
SAME_EVERYWHERE = {
    "page.overview.title",  # the app's name, a proper noun
    "chart.download_csv", "chart.download_excel", "column.kpi_name",  # file formats, an acronym
    # formats with no words
    "kpi.rating", "headline.overview.lead_sentence", "initiatives.kpi_value",
    "upload_note.join_comma", "format.money_compact", "format.plotly_separators",
    "data.rule.join", "briefing.filter_item", "upload_note.quoted",
}  # fmt: skip


@pytest.mark.parametrize(("lang", "allowed"), [("fr", SAME_IN_FRENCH), ("ko", set())])
def test_no_message_is_left_in_english(lang, allowed):
    english = messages("en")
    same = {key for key, text in messages(lang).items() if english.get(key) == text}
    assert same - allowed - SAME_EVERYWHERE == set()


def test_learner_counts_say_what_they_count_in_french():
    table = pd.DataFrame(
        {"name": ["KSIC France enrolled students"], "city": ["Paris"], "country": ["FR"],
         "metric": ["students per semester"], "value": ["209"], "number": [209.0],
         "reference_year": [2022.0], "confidence": ["high"], "note": [""], "source_url": [""]}
    )  # fmt: skip
    figure = history_figures.learner_counts(table, FR)
    assert list(figure.data[0].text) == ["209"]  # the value alone past the bar: whole on a phone
    assert list(figure.data[0].y) == [
        "KSIC France enrolled students · 2022<br>étudiants par semestre"
    ]
    assert figure.layout.margin.r == history_figures.VALUE_ROOM
    assert "étudiants par semestre: 209" in figure.data[0].hovertext[0]


def test_fan_counts_read_by_year_not_by_size():
    table = pd.DataFrame(
        {"label": ["2026-10", "2026-10", "2016", "2020", "2021", "2022"],
         "kind": ["plan", "actual", "real", "real", "real", "real"],
         "value": [900.0, 800.0, 50.0, 300.0, 120.0, 700.0],
         "confidence": [None, None, "high", "high", "high", "high"], "note": [""] * 6,
         "source_url": [""] * 6}
    )  # fmt: skip
    chronological = history_figures.benchmark_bars(table, EN, axis_title="x", chronological=True)
    assert list(chronological.data[0].y[:4]) == ["2016", "2020", "2021", "2022"]  # bottom up
    assert list(chronological.data[0].x[:4]) == [50.0, 300.0, 120.0, 700.0]
    by_size = history_figures.benchmark_bars(table, EN, axis_title="x")
    assert list(by_size.data[0].y[:4]) == ["2016", "2021", "2020", "2022"]


def test_the_projectors_map_opens_on_the_busiest_year_whole_and_large():
    from kpop_explorer.charts import figures
    from kpop_explorer.measures import history

    rows = pd.DataFrame(
        {"year": [2019, 2019, 2022, 2022, 2022, 2026], "event_name": list("abcdef"),
         "city": ["Paris"] * 6, "country": ["FR"] * 6, "venue": [""] * 6,
         "date_start": pd.to_datetime(["2019-01-01"] * 2 + ["2022-01-01"] * 3 + ["2026-01-01"]),
         "event_type": ["concert"] * 6, "attendance_reported": [1000.0] * 6,
         "venue_capacity_or_attendance": [""] * 6, "note": [""] * 6, "confidence": ["high"] * 6,
         "source_url": [""] * 6, "latitude": [48.85] * 6, "longitude": [2.35] * 6}
    )  # fmt: skip
    assert history.busiest_year(rows) == 2022  # three events, against two and one
    assert history.busiest_year(rows[rows["year"] != 2022]) == 2019  # two against one
    assert history.busiest_year(rows.drop(index=4)) == 2022  # two and two: the later year
    assert history.busiest_year(rows.iloc[:0]) is None
    figure = history_figures.events_map_by_year(rows, EN, dark=False, opening=2022)
    slider = figure.layout.sliders[0]
    assert slider.steps[slider.active].label == "2022"
    assert len(figure.data[1].lon) == 3 and len(figure.data[0].lon) == 2  # 2022, and earlier
    assert slider.x + slider.len < 1  # room for the last year's label
    assert slider.currentvalue.xanchor == "right"  # on a phone its left is under the buttons
    page = history_figures.events_map_by_year(rows, EN, dark=False)
    assert page.layout.sliders[0].steps[page.layout.sliders[0].active].label == "2026"
    figures.enlarge(figure, 24)
    assert figure.layout.height == history_figures.MAP_PROJECTOR_HEIGHT > figures.PROJECTOR_HEIGHT


def test_the_against_plan_map_has_a_key_of_its_colours():
    from kpop_explorer.charts import figures, theme

    table = pd.DataFrame(
        {"country": ["FR", "DE", "SE"], "standing": ["on_track", "ahead", "behind"],
         "attainment": [1.0, 1.2, 0.7]}
    )  # fmt: skip
    figure = figures.standing_choropleth(table, FR, dark=False, value_label="x")
    keyed = [(tr.name, tr.marker.color) for tr in figure.data if tr.showlegend]
    assert keyed == [
        ("En avance", theme.STANDING_COLORS["ahead"]),
        ("Dans les temps", theme.STANDING_COLORS["on_track"]),
        ("En retard", theme.STANDING_COLORS["behind"]),
    ]
    assert figure.layout.legend.yref == "container"  # drawn on the figure, not below it
    assert figure.layout.margin.b >= 30


def test_the_cultural_centre_map_keys_its_shapes_on_the_figure():
    places = pd.DataFrame(
        {"name": ["KCC Paris", "KSI Lyon"], "city": ["Paris", "Lyon"], "country": ["FR", "FR"],
         "opening_year": [1980.0, None], "category": ["korean_cultural_centre",
         "king_sejong_institute"], "latitude": [48.85, 45.75], "longitude": [2.35, 4.85],
         "note": ["", ""], "confidence": ["high", "high"], "source_url": ["", ""]}
    )  # fmt: skip
    figure = history_figures.network_map(places, KO, dark=False)
    assert [(tr.name, tr.marker.symbol) for tr in figure.data] == [
        (KO("reference.korean_cultural_centre"), "diamond"),
        (KO("reference.king_sejong_institute"), "circle"),
    ]
    assert figure.layout.legend.yref == "container" and figure.layout.margin.b >= 30
    assert "파리 (프랑스)" in figure.data[0].hovertext[0]  # the city in the page's language
    assert "리옹 (프랑스)" in figure.data[1].hovertext[0]


def test_the_cultural_centre_map_holds_its_farthest_places_whole():
    """Astrakhan's marker sat on the map's right edge, beside the Caspian left undrawn."""
    places = pd.DataFrame(
        {"name": ["KSI Las Palmas", "KSI Astrakhan"], "city": ["Las Palmas", "Astrakhan"],
         "country": ["ES", "RU"], "opening_year": [2015.0, 2016.0],
         "category": "king_sejong_institute", "latitude": [28.1, 46.35],
         "longitude": [-15.42, 48.04], "note": "", "confidence": "high", "source_url": ""}
    )  # fmt: skip
    geo = history_figures.network_map(places, EN, dark=False).layout.geo
    assert geo.lonaxis.range[0] <= -15.42 - 2 and geo.lonaxis.range[1] >= 48.04 + 2
    assert geo.lataxis.range[0] <= 28.1 - 2
    assert geo.showlakes and geo.lakecolor == geo.oceancolor  # the Caspian drawn as water
