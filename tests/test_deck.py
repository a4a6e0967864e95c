"""The PowerPoint decks, opened as PowerPoint would read them: slides, charts, numbers, language.

Expected values are computed here from the shipped data with plain pandas, never taken from the
code that builds the deck.
"""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn

from components import briefing as briefing_exports
from components.context import PageContext
from kpop_explorer.charts import figures
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all
from kpop_explorer.datasets.schemas import REFERENCE_LIVE_EVENTS
from kpop_explorer.exports import deck
from kpop_explorer.exports.briefing import Briefing, ChartRecord, ShownKpi
from kpop_explorer.exports.deck import MAX_BARS
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n import Translator
from kpop_explorer.links.filters import FilterState
from kpop_explorer.measures import Result, aggregates
from kpop_explorer.views.story import DEFAULT_STORY, load_story
from tests.test_pages import deltas, metrics, open_page

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def loaded():
    return load_all(REPO_DATA_DIR)


def context(loaded, options, lang: str, state: FilterState | None = None, **briefing):
    metrics = loaded["digital_metrics"].frame
    return PageContext(
        t=Translator(lang),
        state=state or FilterState.default(options),
        options=options,
        data=loaded,
        dark=False,
        as_of=aggregates.as_of(metrics),
        today=pd.Timestamp("2026-12-01"),
        page_path=briefing.pop("page_path", ""),
        briefing=Briefing(**briefing),
    )


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def texts(slide) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def words(slide) -> list[str]:
    """The deck's own words: every text but a table's data cells (its header row counts)."""
    found = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    for shape in slide.shapes:
        if shape.has_table:
            found += [cell.text for cell in shape.table.rows[0].cells]
    return found


CONTINUED = re.compile(r" \((continued|suite|계속)\)$")


def step_slides(opened) -> list:
    """The deck's slides without a long table's continuations."""
    return [s for s in opened.slides if not CONTINUED.search(s.shapes.title.text)]


def group(opened, slide) -> list:
    """A step's slide and the continuations after it (its chart, when the cards leave no room,
    or the rest of a long table)."""
    slides = list(opened.slides)
    found = [slide]
    for later in slides[slides.index(slide) + 1 :]:
        if not CONTINUED.search(later.shapes.title.text):
            break
        found.append(later)
    return found


def series_values(chart) -> dict[str, list[float | None]]:
    return {series.name: list(series.values) for series in chart.series}


@pytest.fixture(scope="module")
def story_decks(loaded, options):
    story = load_story()
    return {
        lang: open_deck(briefing_exports.story_deck(context(loaded, options, lang), story))
        for lang in ("en", "fr", "ko")
    }


def test_the_story_deck_has_a_title_slide_a_slide_per_step_and_sources(story_decks):
    raw = json.loads(DEFAULT_STORY.read_text(encoding="utf-8"))
    for lang, opened in story_decks.items():
        titles = [slide.shapes.title.text for slide in step_slides(opened)]
        expected = [raw["title"][lang]] + [step["title"][lang] for step in raw["steps"]]
        sources = {"en": "Sources", "fr": "Sources", "ko": "출처"}[lang]
        assert titles == [*expected, sources]
        assert opened.slide_width > opened.slide_height  # 16:9, for a projector
    first = texts(step_slides(story_decks["en"])[0])
    assert any("Data as of 31 Oct 2026" in text for text in first)
    assert any("Illustrative data" in text for text in first)


def test_every_step_slide_has_its_headline_kpis_chart_and_source(story_decks, loaded, options):
    opened = story_decks["en"]
    story = load_story()
    for slide, step in zip(step_slides(opened)[1:-1], story.steps, strict=True):
        words = " ".join(texts(slide))
        shown = group(opened, slide)
        if step.view == "history":  # real reference data: its own source, never "illustrative"
            assert f"Source: {REFERENCE_LIVE_EVENTS.source}" in words
            assert "Illustrative data" not in words
        else:
            assert "Source: illustrative figures" in words
            assert "Illustrative data" in words
        assert any(charts(s) or any(x.has_table for x in s.shapes) for s in shown), step.view
    overview = " ".join(texts(opened.slides[1]))
    initiatives = loaded["initiatives"].frame
    assert f"{len(initiatives)} initiatives" in overview  # the headline
    assert "Budget" in overview and "Streams" in overview  # the KPI cards


def test_the_map_step_becomes_a_ranked_bar_of_activities_and_says_so(story_decks, loaded):
    events, programs = loaded["live_events"].frame, loaded["education_programs"].frame
    activities = (
        events.groupby("country").size().add(programs.groupby("country").size(), fill_value=0)
    )
    top = activities.sort_values(ascending=False, kind="stable").head(MAX_BARS)[::-1]
    t = Translator("en")
    shown = group(story_decks["en"], step_slides(story_decks["en"])[1])
    (chart,) = [c for slide in shown for c in charts(slide)]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == [t.country(c) for c in top.index]
    assert series_values(chart) == {"Events and programmes": [float(v) for v in top]}
    assert any("the map, as a ranked bar" in text for slide in shown for text in texts(slide))


def test_the_streaming_step_is_a_line_chart_of_each_market_against_its_plan(story_decks, loaded):
    metrics = loaded["digital_metrics"].frame
    streams = metrics[
        (metrics["metric"] == "streams") & metrics["country"].isin(["FR", "DE", "GB"])
    ]
    monthly = streams.groupby(["country", "month"])[["actual", "target"]].sum(min_count=1)
    months = sorted(streams["month"].unique())
    opened = story_decks["en"]
    (chart,) = [c for s in group(opened, step_slides(opened)[2]) for c in charts(s)]
    assert chart.chart_type == XL_CHART_TYPE.LINE
    assert len(chart.plots[0].categories) == len(months)
    # A date axis: months as Excel dates, written as months in the deck's language
    serial = (pd.Timestamp(months[0]) - pd.Timestamp("1899-12-30")).days
    assert float(chart.plots[0].categories[0]) == serial
    axis = chart.category_axis._element
    assert axis.tag == qn("c:dateAx")
    assert axis.find(qn("c:numFmt")).get("formatCode") == "[$-809]mmm yyyy"
    values = series_values(chart)
    assert set(values) == {"France", "France (plan)", "France (projected)", "Germany",
                           "Germany (plan)", "Germany (projected)", "United Kingdom",
                           "United Kingdom (plan)", "United Kingdom (projected)"}  # fmt: skip
    france = monthly.loc["FR"].reindex(months)
    expected_actual = [None if pd.isna(v) else float(v) for v in france["actual"]]
    assert values["France"] == expected_actual
    assert values["France (plan)"] == [float(v) for v in france["target"]]
    # The projection (issue 32) runs on from the as-of date to the end of the plan, dotted.
    as_of = aggregates.as_of(metrics)
    projected = values["France (projected)"]
    assert [v is None for v in projected] == [pd.Timestamp(m) <= as_of for m in months]
    styles = {s.name: s.format.line.dash_style for s in chart.plots[0].series}
    assert styles["France (projected)"] == MSO_LINE_DASH_STYLE.ROUND_DOT
    assert styles["France (plan)"] == MSO_LINE_DASH_STYLE.DASH


def test_the_programme_step_is_a_ranked_bar_of_participants_against_what_was_due(
    story_decks, loaded
):
    """The plan beside each type's participants is the part due by the as-of date: a run's
    target spread evenly over its days, as the education page's chart and cards judge it."""
    programs = loaded["education_programs"].frame
    as_of = aggregates.as_of(loaded["digital_metrics"].frame)
    days = (programs["end_date"] - programs["start_date"]).dt.days.clip(lower=1)
    passed = ((as_of - programs["start_date"]).dt.days / days).clip(0, 1)
    due = (programs["participants_target"] * passed).groupby(programs["program_type"]).sum()
    actual = programs.groupby("program_type")["participants_actual"].sum()
    t = Translator("fr")
    opened = story_decks["fr"]
    (chart,) = [c for s in group(opened, step_slides(opened)[7]) for c in charts(s)]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    categories = list(chart.plots[0].categories)
    codes = {t.label("program_type", code): code for code in due.index}
    assert sorted(categories) == sorted(codes)
    values = series_values(chart)
    assert values["Réalisé"] == [actual[codes[c]] for c in categories]
    assert values["Prévu"] == pytest.approx([due[codes[c]] for c in categories])
    assert values["Prévu"] != pytest.approx(
        [programs.groupby("program_type")["participants_target"].sum()[codes[c]]
         for c in categories]
    )  # not the whole plan  # fmt: skip


def test_the_history_step_becomes_a_column_of_the_real_events_each_year(story_decks, loaded):
    events = loaded["reference_live_events"].frame
    cancelled = events["note"].fillna("").str.lower().str.contains("status = cancelled")
    placed = events[
        ~cancelled & events["date_start"].notna() & events["latitude"].notna()
        & events["longitude"].notna()
    ]  # fmt: skip
    years = placed["date_start"].dt.year
    slide = step_slides(story_decks["en"])[6]
    (chart,) = charts(slide)
    categories = list(chart.plots[0].categories)
    assert categories == [str(y) for y in range(years.min(), years.max() + 1)]  # no year skipped
    (values,) = series_values(chart).values()
    assert values == [float((years == int(y)).sum()) for y in categories]
    assert any("the events held each year" in x for x in texts(slide))
    assert any(f"{len(placed[years >= 2011])}" in x for x in texts(slide))


def table_rows(opened, title: str) -> tuple[list[str], list[list[str]]]:
    """The header and every row of a table that runs over a slide and its continuations."""
    header, rows = None, []
    for slide in opened.slides:
        if slide.shapes.title.text not in (title, f"{title} (continued)"):
            continue
        for shape in slide.shapes:
            if shape.has_table:
                found = [[cell.text for cell in row.cells] for row in shape.table.rows]
                header = header or found[0]
                assert found[0] == header  # each continuation repeats the header
                rows += found[1:]
    return header, rows


def test_the_places_map_step_becomes_a_table_of_every_event(story_decks, loaded):
    events = loaded["live_events"].frame
    held = events[(events["country"] == "FR") & (events["status"] == "completed")]
    slide = step_slides(story_decks["en"])[5]  # France first: events held so far
    header, rows = table_rows(story_decks["en"], slide.shapes.title.text)
    assert header == ["Name", "City", "Country", "Start"]
    assert [row[0] for row in rows] == held["name"].tolist()  # every row, none dropped
    assert {row[2] for row in rows} == {"France"}
    assert any(f"a table of {len(held)} rows" in x for x in texts(slide))


def test_chart_numbers_live_in_the_charts_data_sheet_as_numbers(story_decks):
    opened = story_decks["en"]
    (chart,) = [c for s in group(opened, step_slides(opened)[7]) for c in charts(s)]
    sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
    columns = list(sheet.iter_cols(min_row=2, values_only=True))
    assert list(columns[0]) == list(chart.plots[0].categories)
    # the same numbers (what was due is fractional: the cached XML and the sheet round its
    # last digit differently)
    for column, series in zip(columns[1:], chart.series, strict=True):
        assert list(column) == pytest.approx(list(series.values), rel=1e-12)
    assert all(isinstance(v, int | float) for column in columns[1:] for v in column)


def test_korean_text_is_tagged_korean_and_set_in_a_hangul_font(story_decks):
    opened = story_decks["ko"]
    runs = [
        run
        for slide in opened.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs and all(run.font._rPr.get("lang") == "ko-KR" for run in runs)
    assert {run.font._rPr.find(qn("a:ea")).get("typeface") for run in runs} == {"Malgun Gothic"}
    assert all(HANGUL.search(slide.shapes.title.text) for slide in opened.slides)
    chart_fonts = [c.font._rPr.find(qn("a:ea")).get("typeface") for s in opened.slides
                   for c in charts(s)]  # fmt: skip
    assert chart_fonts and set(chart_fonts) == {"Malgun Gothic"}
    french = story_decks["fr"]
    assert french.core_properties.language == "fr-FR"
    # No Korean word on a French slide, except quoted in the real events' own data (a table cell)
    assert not any(HANGUL.search(" ".join(words(slide))) for slide in french.slides)


def test_the_view_deck_writes_its_filters_and_draws_each_chart(loaded, options):
    t = Translator("en")
    growth = pd.DataFrame({"country": ["DE", "FR"], "growth": [-0.05, 0.25]})
    budget = pd.DataFrame({"focus_area": ["education", "live_events", "education"],
                           "name": ["a", "b", "c"], "status": ["planned"] * 3,
                           "initiative_id": ["1", "2", "3"],
                           "budget_eur": [100.0, 50.0, 200.0]})  # fmt: skip
    records = [
        ChartRecord("Growth", "last 12 months", growth, figures.ranking_bars,
                    (growth, "country", "growth", t), {"percent": True, "axis_title": "g"},
                    "illustrative", True),
        ChartRecord("Portfolio", "by budget", budget, figures.portfolio_treemap, (budget, t), {},
                    "illustrative", True),
    ]  # fmt: skip
    kpi = ShownKpi(Result("streams", 1.5e9, 2e9, 3e9), "Streams", "1.5B", "75% of 2B")
    state = FilterState(options.year_min, options.year_max, countries=("FR",), metric="followers")
    ctx = context(loaded, options, "en", state, page_path="digital", headline="Streams rose.",
                  kpis=[kpi], charts=records, selections=[["France"]])  # fmt: skip
    opened = open_deck(briefing_exports.view_deck(ctx, "Digital expansion"))
    assert [s.shapes.title.text for s in opened.slides] == [
        "Digital expansion", "Digital expansion", "Portfolio", "Sources"
    ]  # fmt: skip
    cover = " ".join(texts(opened.slides[0]))
    assert "Countries: France" in cover and "Metric: Followers" in cover
    assert "Selected on a chart: France" in cover
    first = opened.slides[1]
    assert "Streams rose." in texts(first) and any("75% of 2B" in x for x in texts(first))
    (bars,) = charts(first)
    assert list(bars.plots[0].categories) == ["Germany", "France"]
    assert series_values(bars) == {"Actual": [-0.05, 0.25]}
    assert bars.plots[0].data_labels.number_format == "[$-809]0%"  # in British English
    (treemap,) = charts(opened.slides[2])
    assert list(treemap.plots[0].categories) == ["Live Events", "Education"]  # largest on top
    assert series_values(treemap) == {"Budget (EUR)": [50.0, 300.0]}


def test_hostile_text_from_data_neither_breaks_the_deck_nor_becomes_a_formula():
    t = Translator("en")
    hostile = ['=HYPERLINK("http://x","y")', "\x01@SUM(A1)", "bell\x07", "-5"]
    table = pd.DataFrame({"city": hostile, "value": [4.0, 3.0, 2.0, 1.0]})
    axis = {"axis_title": "v"}
    record = ChartRecord("=cmd\x02", "", table, figures.ranking_bars,
                         (table, "city", "value", t), axis, "s\x00", True)  # fmt: skip
    content = deck.SlideContent("=title\x03", "head\x1f", (), "chart", deck.deck_chart(record, t),
                                "source\x0b")  # fmt: skip
    places = deck.SlideContent("table", chart=deck.as_table(table, t))
    data = deck.build(deck.Deck("t\x08", ("line\x01",), (content, places), ("s\x0c",)), t)
    opened = open_deck(data)
    (chart,) = charts(opened.slides[1])
    sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.data_type for c in cells if c.data_type == "f"] == []
    assert [c.value for c in cells[2::2]] == ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)",
                                              "bell", "-5"]  # fmt: skip
    assert opened.slides[1].shapes.title.text == "=title"
    assert "bell" in texts(opened.slides[2])


def test_a_view_of_tables_holds_each_table_with_its_source_and_the_sources(loaded, options):
    fr = Translator("fr")
    shown = for_display(
        pd.DataFrame({"name": ["Hub Paris", "Hub Lyon"], "budget_eur": [1000.0, 2500.5],
                      "kpi_progress": [0.99166, 1.0612], "focus_area": ["education"] * 2}),
        fr,
    )  # fmt: skip
    card = pd.DataFrame({"Pays": ["France"], "Mesures en retard": [2]})
    ctx = context(loaded, options, "fr", page_path="initiatives",
                  tables=[("Initiatives", lambda: shown), ("Tableau de bord", lambda: card)],
                  narrowed=[("Recherche", "Hub")])  # fmt: skip
    opened = open_deck(briefing_exports.view_deck(ctx, "Initiatives"))
    titles = [s.shapes.title.text for s in opened.slides]
    assert titles == ["Initiatives", "Initiatives", "Tableau de bord", "Sources"]
    assert "Affichage : Recherche : Hub" in texts(opened.slides[0])[1]
    (table,) = [shape.table for shape in opened.slides[1].shapes if shape.has_table]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Nom", "Budget (EUR)", "KPI atteint", "Domaine d'action"],
        # an amount in whole euros, a share to the tenth, as the screen shows them
        ["Hub Paris", "1\u202f000\xa0€", "99,2\xa0%", "Éducation"],
        ["Hub Lyon", "2\u202f500\xa0€", "106,1\xa0%", "Éducation"],
    ]
    source = fr("chart.source_line", source=fr("source.illustrative"))
    for slide in list(opened.slides)[1:3]:  # every slide its source line and mark
        assert any(source in x and "Données illustratives" in x for x in texts(slide))
    assert any(source in x for x in texts(opened.slides[3]))  # and the sources at the end


def test_a_step_slide_shows_the_cards_its_page_shows(story_decks):
    """One measure, one number: the programme step (no filter) and the Education page's cards."""
    at = open_page("education")
    cards = [
        "\n".join([label, value] + ([deltas(at)[label]] if deltas(at)[label] else []))
        for label, value in metrics(at).items()
    ]
    slide = texts(step_slides(story_decks["en"])[7])
    assert cards and all(card in slide for card in cards), (cards, slide)


def test_ratings_read_as_ratings_and_bars_start_at_zero():
    """Ratings of 4.20-4.38 on a 0-5 axis with one decimal, as the screen's 4.2 and 4.4; a
    plan-versus-actual share from 0 %, whatever its smallest bar."""
    t = Translator("en")
    ratings = pd.DataFrame({"program_type": ["language_course", "mentorship"],
                            "satisfaction": [4.2, 4.38]})  # fmt: skip
    progress = pd.DataFrame({"focus_area": ["education", "digital"], "progress": [0.86, 0.97]})
    records = [
        ChartRecord("Ratings", "", ratings, figures.ranking_bars,
                    (ratings, "program_type", "satisfaction", t),
                    {"vocabulary": "program_type", "axis_title": "x", "number_digits": 1,
                     "axis_range": (1, 5)}, "illustrative", True),
        ChartRecord("Plan vs actual", "", progress, figures.progress_bars,
                    (progress, "focus_area", "focus", t), {"colors": {}, "axis_title": "x"},
                    "illustrative", True),
    ]  # fmt: skip
    content = [deck.SlideContent(r.title, chart=deck.deck_chart(r, t)) for r in records]
    opened = open_deck(deck.build(deck.Deck("d", (), tuple(content), ()), t))
    (rated,) = charts(opened.slides[1])
    assert list(rated.plots[0].categories) == ["Language courses", "Mentorships"]
    assert rated.plots[0].data_labels.number_format == "[$-809]0.0"
    assert rated.value_axis.tick_labels.number_format == "[$-809]0.0"
    assert (rated.value_axis.minimum_scale, rated.value_axis.maximum_scale) == (0, 5)
    (shares,) = charts(opened.slides[2])
    assert shares.value_axis.minimum_scale == 0
    assert shares.plots[0].data_labels.number_format == "[$-809]0%"
