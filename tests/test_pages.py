"""Every page renders on the shipped data, and its numbers follow the filters (AppTest)."""

from __future__ import annotations

import base64
import gc
import json
import re
import shutil

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components.chart_panel import PAGE_ROWS
from kpop_explorer.charts import figures as figures_module
from kpop_explorer.charts import theme
from kpop_explorer.datasets.loading import DATA_DIR_ENV, REPO_DATA_DIR
from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from tests.conftest import REPO
from tests.elements import arguments, charts, figures, open_page, seen_page

APP = str(REPO / "app.py")
PAGES = [spec.key for spec in site.PAGES]
t = Translator("en")


def widget(at: AppTest, kind: str, key: str):
    return next(w for w in getattr(at, kind) if w.key == key)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def filter_summary(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith("Showing"))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = seen_page(page)
    assert at.title[0].value
    assert not at.error


def test_overview_kpis_match_the_data(shipped):
    at = seen_page("overview")
    kpis = metrics(at)
    initiatives = shipped["initiatives"]
    under_way = initiatives["status"].isin(["in_progress", "completed"]).sum()
    assert kpis["Initiatives started"] == t.compact(under_way)  # in progress or completed
    assert kpis["Events held"] == t.compact((shipped["live_events"]["status"] == "completed").sum())
    assert kpis["Budget"] == t.money(initiatives["budget_eur"].sum(), compact=True)
    assert len(figures(at)) == 4


def test_overview_follows_the_country_filter(shipped):
    at = open_page("overview")
    before = metrics(at)["Events held"]
    widget(at, "multiselect", "country").set_value(["IE"]).run()
    events = shipped["live_events"]
    held_in_ireland = ((events["country"] == "IE") & (events["status"] == "completed")).sum()
    after = metrics(at)["Events held"]
    assert after == t.compact(held_in_ireland)
    assert after != before
    choropleth = figures(at)[0]["data"][0]
    assert choropleth["locations"] == ["IRL"]
    assert "Ireland" in filter_summary(at)  # the one-line filter summary


def deltas(at: AppTest) -> dict[str, str]:
    return {m.label: m.proto.delta for m in at.metric}


def headline_text(at: AppTest) -> str:
    """The headline as a reader sees it: plain()'s escapes and invisible joiners undone."""
    markdown = next(m.value for m in at.markdown if m.value.startswith("## "))
    return re.sub(r"\\(.)", r"\1", markdown.removeprefix("## ")).replace("\u2060", "")


def test_cards_agree_across_pages():
    """One measure, one number: the Overview's cards and each page's say the same."""
    overview = seen_page("overview")
    pages = {page: seen_page(page) for page in ("live_events", "education", "digital")}
    assert deltas(overview)["Events held"] == "100% of 57 due · On track"  # not "of 82"
    for page, label in (("live_events", "Events held"), ("education", "Participants"),
                        ("digital", "Streams")):  # fmt: skip
        assert metrics(pages[page])[label] == metrics(overview)[label], label
        assert deltas(pages[page])[label] == deltas(overview)[label], label
    listeners = deltas(pages["digital"])["Monthly listeners"]
    # the latest month, not summed; 94.7% is behind, so never rounded to "95%"
    assert listeners.startswith("94.7% of 16.4m due · Behind")
    headline = headline_text(pages["digital"])
    assert "100% of what was due (on track)" in headline  # streams, the card's share


def test_countries_reached_out_of_the_countries_chosen():
    at = open_page("overview")
    widget(at, "multiselect", "country").set_value(["FR", "DE"]).run()
    assert metrics(at)["Countries reached"] == "2"
    assert deltas(at)["Countries reached"] == "100% of 2 due · On track"  # not "13% of 15"
    headline = headline_text(at)
    assert headline.endswith("France and Germany lead on activity.")
    widget(at, "multiselect", "country").set_value(["FR"]).run()
    headline = headline_text(at)
    assert headline.endswith("France leads on activity.")


def test_scorecard_lists_countries_worst_first_and_the_map_colours_by_standing(selection):
    at = open_page("overview")
    table = at.dataframe[0].value
    expected = selection.summary("country")
    assert table[t("column.country")].tolist()[:3] == [
        t.country(c) for c in expected["country"].head(3)
    ]
    assert table[t("column.standing")].tolist()[0] == [t.label("standing", "behind")]
    widget(at, "button_group", "overview_map_colour").set_value("standing").run()
    # the countries' shapes; the key's markers carry the same names (tests/test_legible.py)
    traces = [trace for trace in figures(at)[0]["data"] if trace["type"] == "choropleth"]
    by_name = {trace["name"]: trace for trace in traces}
    behind = expected[expected["standing"] == "behind"]["country"]
    assert sorted(by_name[t.label("standing", "behind")]["locations"]) == sorted(
        figures_module.iso3(c) for c in behind
    )
    colours = {trace["name"]: trace["colorscale"][0][1] for trace in traces}
    assert colours[t.label("standing", "behind")] == theme.STANDING_COLORS["behind"]
    widget(at, "button_group", "scorecard_scope").set_value("initiative_id").run()
    initiatives = at.dataframe[0].value
    assert len(initiatives) == len(selection.summary("initiative_id"))


def test_overview_charts_keep_their_elements_while_their_figures_change():
    """Each chart element is keyed by its panel alone, so a filter change sends the same
    element new data (the browser applies it with Plotly.react) instead of a new element."""
    at = open_page("overview")
    before = {chart.key: arguments(chart) for chart in charts(at)}
    assert list(before) == [
        "overview_map_0", "overview_progress_0", "overview_portfolio_0", "overview_timeline_0",
    ]  # fmt: skip
    everywhere = before["overview_map_0"]["figure"]["data"][0]["locations"]
    assert "IRL" in everywhere and len(everywhere) > 1
    widget(at, "multiselect", "country").set_value(["IE"]).run()
    after = {chart.key: arguments(chart) for chart in charts(at)}
    assert list(after) == list(before)
    assert after["overview_map_0"]["figure"]["data"][0]["locations"] == ["IRL"]
    assert all(after[key]["figure"] != before[key]["figure"] for key in before)


def test_chart_element_arguments():
    """Selections only where a page reads them; image files named after the panel; offline
    map shapes and our bundle from static/; the alt text the panel wrote."""
    at = seen_page("overview")
    given = {chart.key: arguments(chart) for chart in charts(at)}
    assert given["overview_map_0"]["modes"] == ["points", "box", "lasso"]
    assert all(given[k]["modes"] == [] for k in given if k != "overview_map_0")
    config = given["overview_progress_0"]["config"]
    assert given["overview_progress_0"]["export"]["filename"] == "plan-vs-actual-by-focus-area"
    assert config["topojsonURL"] == "app/static/topojson/"
    bundle = given["overview_map_0"]["bundle"]
    assert (REPO / bundle.split("?")[0].replace("app/", "", 1)).is_file()
    shading = given["overview_map_0"]["figure"]["data"][0]  # the alt text says what is drawn
    z = shading["z"]  # a typed array, as plotly.py sends numbers: base64 of the raw values
    z = np.frombuffer(base64.b64decode(z["bdata"]), z["dtype"]).tolist() if "bdata" in z else z
    top = shading["customdata"][z.index(max(z))][0]
    expected = t("overview.map.alt", n=len(shading["locations"]), top=t.country(top))
    assert given["overview_map_0"]["alt"] == expected


def test_overview_reset_clears_filters():
    at = open_page("overview")
    widget(at, "multiselect", "focus").set_value(["education"]).run()
    assert "Education" in filter_summary(at)
    next(b for b in at.sidebar.button if b.label == "Reset filters").click().run()
    assert widget(at, "multiselect", "focus").value == []
    assert filter_summary(at) == t("filter.summary_none")


def test_period_with_no_initiative_shows_a_friendly_note(shipped):
    at = open_page("overview")
    widget(at, "multiselect", "status").set_value(["on_hold"]).run()
    widget(at, "multiselect", "focus").set_value(["education"]).run()
    expected = shipped["initiatives"]
    expected = expected[(expected["status"] == "on_hold") & (expected["focus_area"] == "education")]
    on_hold = shipped["initiatives"][shipped["initiatives"]["status"] == "on_hold"]
    if expected.empty and not on_hold.empty:  # without the focus, the on-hold one is back
        what = t("empty.what.initiatives")
        assert at.info[0].value == t("empty.filtered_out", what=what, filter=t("filter.focus"))
    else:
        assert metrics(at)["Initiatives started"] == "0"


def test_digital_metric_facet_changes_the_headline(shipped):
    at = open_page("digital")
    assert at.markdown[0].value.startswith("## Streams")
    widget(at, "button_group", "metric").set_value("followers").run()
    headline = headline_text(at)
    assert headline.startswith("Followers")
    trend = next(f for f in figures(at) if f["data"][0].get("mode") == "lines")
    measured = shipped["digital_metrics"]
    measured = measured[measured["metric"] == "followers"].dropna(subset=["actual"])
    assert len(trend["data"][0]["x"]) == measured["month"].nunique()


def open_event_list(at: AppTest) -> AppTest:
    at.session_state["live_table_open"] = True  # what a click on the expander sets
    return at.run()


def test_live_events_type_facet(shipped):
    at = open_page("live_events")
    widget(at, "button_group", "type").set_value(["festival"]).run()
    events = shipped["live_events"]
    festivals = events[events["event_type"] == "festival"]
    assert metrics(at)["Events held"] == t.compact((festivals["status"] == "completed").sum())
    assert metrics(at)["Attendance"] == t.compact(festivals["attendance"].sum())
    assert at.subheader[-1].value == f"All events in the selection ({len(festivals)})"
    table = open_event_list(at).dataframe[-1].value
    assert len(table) == min(len(festivals), PAGE_ROWS)


def test_live_events_list_is_sent_only_once_opened(shipped):
    at = open_page("live_events")
    assert not at.dataframe  # the data grid's code and rows wait for a click
    assert at.expander[-1].label == "Event list"
    assert len(open_event_list(at).dataframe) == 1


def test_live_events_table_is_sent_one_page_at_a_time(shipped):
    at = open_event_list(open_page("live_events"))
    events = shipped["live_events"]
    assert len(events) > PAGE_ROWS  # else this test shows nothing
    table = at.dataframe[-1].value
    assert len(table) == PAGE_ROWS
    assert set(table[t("column.name")]) <= set(events["name"])
    columns = json.loads(at.dataframe[-1].proto.columns)  # attendance reads "49,280", not 49280
    assert columns[t("column.attendance")]["type_config"]["format"] == "localized"
    assert columns[t("column.capacity")]["type_config"]["format"] == "localized"


def test_education_audience_facet(shipped):
    at = open_page("education")
    widget(at, "multiselect", "audience").set_value(["students"]).run()
    programs = shipped["education_programs"]
    students = programs[programs["audience"] == "students"]
    started = students.dropna(subset=["participants_actual"])
    assert metrics(at)["Participants"] == t.compact(started["participants_actual"].sum())


def test_initiative_card_opens_from_the_link(shipped):
    row = shipped["initiatives"].iloc[3]
    at = open_page("initiatives")
    assert at.info[0].value == t("initiatives.pick_hint")
    at.query_params["initiative"] = row["initiative_id"]
    at.run()
    assert row["name"] in [h.value.replace("\\", "") for h in at.subheader]
    assert any(row["objective"] in m.value.replace("\\", "") for m in at.markdown)


def test_the_festivals_card_says_what_live_events_says():
    """Issue 12 saw "5 held, 45% of 11", "105% of 521.6k" and "48% of 1.1m" for one festival."""
    live = open_page("live_events")
    widget(live, "button_group", "type").set_value(["festival"]).run()
    card = open_page("initiatives")
    card.query_params["initiative"] = "INI-002"
    card.run()
    for label in ("Events held", "Attendance"):
        assert metrics(card)[label] == metrics(live)[label], label
        assert deltas(card)[label] == deltas(live)[label], label
    assert deltas(card)["Attendance"] == "105% of 521.6k due · Ahead"


def test_initiatives_table_follows_filters(shipped):
    at = open_page("initiatives")
    assert len(at.dataframe[0].value) == len(shipped["initiatives"])
    at.session_state["focus"] = ["education"]  # the sidebar belongs to app.py, not this page
    at.run()
    expected = (shipped["initiatives"]["focus_area"] == "education").sum()
    assert len(at.dataframe[0].value) == expected


def namespaces_of(page: str) -> list[dict]:
    """The globals of runs of the page's file that are still alive."""
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, dict) and str(o.get("__file__", "")).endswith(site.page(page).script)
    ]


@pytest.mark.parametrize("page", ["digital", "live_events", "education", "initiatives"])
def test_a_page_keeps_nothing_of_its_run_once_left(page):
    """Widgets and downloads outlive a run; they must not hold the page's frames with them."""
    at = open_page(page)
    at.switch_page(site.page("data").script).run()
    gc.collect()
    assert namespaces_of(page) == []


def test_data_page_lists_every_dataset_with_rows():
    at = seen_page("data")
    summary = at.dataframe[0].value
    assert len(summary) == 7
    assert set(summary["Kind"]) == {"Illustrative", "Reference (real, sourced)"}
    assert (summary["Rows"] > 0).all()


@pytest.fixture
def broken_events(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA_DIR, target)
    (target / "live_events.csv").write_text("not,a,valid\nfile,at,all\n")
    monkeypatch.setenv(DATA_DIR_ENV, str(target))


@pytest.mark.usefixtures("broken_events")
def test_a_broken_file_stops_only_the_pages_that_need_it():
    at = open_page("live_events")
    assert "lacks required column(s)" in at.error[0].value.replace("\\", "")  # escaped text
    assert not charts(at)
    digital = open_page("digital")
    assert not digital.error
    assert len(charts(digital)) >= 3
