"""The pages' views through the shared cache (components/cached.view): a second session with the
same link computes nothing again and draws the same; a session's upload stays its own; and a
page-local control reruns only its part (components/local.py)."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from components import cached
from components.context import UPLOADS_KEY
from kpop_explorer.datasets.loading import LoadedDataset
from kpop_explorer.datasets.schemas import SCHEMAS
from tests.elements import arguments, charts, figures, open_page
from tests.test_pages import headline_text, metrics, widget


@pytest.fixture
def views():
    store = cached.shared_views()
    store.clear()
    yield store
    store.clear()


def asked(store) -> int:
    return store.stats.hits + store.stats.misses + store.stats.waits


def test_a_second_session_reuses_the_first_sessions_view(views):
    first = open_page("overview", {"country": "FR"})
    made = views.stats.misses
    assert made >= 3  # the base, the view and the map
    kept = dict(views._entries)
    second = open_page("overview", {"country": "FR"})
    assert views.stats.misses == made  # nothing computed again
    assert views.stats.hits >= made
    for key, (value, _, _) in views._entries.items():
        assert value is kept[key][0]  # the very same objects
    assert headline_text(second) == headline_text(first)
    assert metrics(second) == metrics(first)
    assert figures(second) == figures(first)
    other = open_page("overview", {"country": "DE"})  # other filters: a view of their own
    assert views.stats.misses > made
    assert headline_text(other) != headline_text(first)


def _upload(rows: int) -> dict[str, LoadedDataset]:
    """A session's own Live events: the first `rows` shipped events."""
    from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all

    events = load_all(REPO_DATA_DIR)["live_events"].frame.head(rows).copy()
    return {"live_events": LoadedDataset(SCHEMAS["live_events"], events, source_file="own.csv")}


def test_an_uploaded_view_never_reaches_another_session(views):
    from streamlit.testing.v1 import AppTest

    from kpop_explorer.links import site
    from tests.elements import APP

    uploader = AppTest.from_file(APP, default_timeout=60)
    uploader.session_state[UPLOADS_KEY] = _upload(3)
    uploader.run()
    uploader.switch_page(site.page("live_events").script).run()
    assert not uploader.exception
    own = open_page("live_events")  # a viewer of the shipped data, same filters
    assert not own.exception
    shared_keys = list(views._entries)
    assert all(key[1][0] == "shipped" and len(key[1]) == 2 for key in shared_keys)
    theirs, mine = metrics(uploader), metrics(own)
    assert theirs != mine
    assert len(charts(own)) == len(charts(uploader))
    again = open_page("live_events")
    assert metrics(again) == mine


@pytest.fixture
def in_fragment(monkeypatch):
    """`rerun_part(at, part)`: the next run of `at` is the fragment rerun a browser asks for
    when a control inside that part changes (AppTest itself always reruns the whole page)."""
    from streamlit.testing.v1 import local_script_runner

    wanted = {}

    def rerun_data(**kwargs):
        # Both the runner's initial request and the run's: a whole-page request in either would
        # make the run whole.
        fragment = wanted.get("id") if not kwargs else wanted.pop("id", None)
        return RerunData(**kwargs, fragment_id=fragment)

    monkeypatch.setattr(local_script_runner, "RerunData", rerun_data)

    def rerun_part(at, part: str):
        wanted["id"] = at.session_state[f"_local_{part}_fragment"]
        return at.run()

    return rerun_part


def test_a_page_local_control_reruns_only_its_part(views, in_fragment):
    at = open_page("digital")
    before_headline = headline_text(at)
    before = figures(at)
    trend_index = next(i for i, f in enumerate(before) if f["data"][0].get("mode") == "lines")
    count = asked(views)
    widget(at, "button_group", "digital_split").set_value("platform")
    in_fragment(at, "digital_trend")
    assert not at.exception
    assert asked(views) - count == 1  # the trend's own view alone: the page did not run
    sent = figures(at)  # what this run sent: the trend alone, nothing else of the page
    assert len(sent) == 1
    assert len(sent[0]["data"]) > len(before[trend_index]["data"])  # a line per platform
    assert not at.metric
    assert not [m for m in at.markdown if m.value.startswith("####")]
    assert at.query_params.get("split") == "platform"  # the link follows at once
    at.run()  # the next whole run: the rest as it was, the trend still split
    after = figures(at)
    assert headline_text(at) == before_headline
    assert after[trend_index] == sent[0]
    untouched = [f for i, f in enumerate(after) if i != trend_index]
    assert untouched == [f for i, f in enumerate(before) if i != trend_index]


def test_a_parts_rerun_puts_its_briefing_entries_where_its_page_run_put_them(monkeypatch):
    """The briefing and the deck of this view list a part's panel as it is now, in its place."""
    from components import local
    from kpop_explorer.exports.briefing import Briefing

    session: dict = {}
    rerun = {"now": False}
    monkeypatch.setattr(local.st, "session_state", session)
    monkeypatch.setattr(local, "_in_fragment_rerun", lambda: rerun["now"])

    class Ctx:
        briefing = Briefing(tables=[("Growth", None)], charts=["growth"])

    ctx = Ctx()
    # The page run: the part adds the trend (total), then the page adds the downloads after it.
    ctx.briefing.tables.append(("Trend", "total"))
    ctx.briefing.charts.append("trend total")
    local._place(ctx, "trend", 1, 1)
    ctx.briefing.tables.append(("Downloads", None))
    ctx.briefing.charts.append("downloads")
    # The part's own rerun (split by platform) appends at the end; it must land in its slot.
    rerun["now"] = True
    ctx.briefing.tables.append(("Trend", "platform"))
    ctx.briefing.charts.append("trend platform")
    local._place(ctx, "trend", 3, 3)
    assert ctx.briefing.tables == [("Growth", None), ("Trend", "platform"), ("Downloads", None)]
    assert ctx.briefing.charts == ["growth", "trend platform", "downloads"]
    # Twice over: still one entry, in the same place.
    ctx.briefing.tables.append(("Trend", "country"))
    ctx.briefing.charts.append("trend country")
    local._place(ctx, "trend", 3, 3)
    assert ctx.briefing.tables == [("Growth", None), ("Trend", "country"), ("Downloads", None)]
    assert ctx.briefing.charts == ["growth", "trend country", "downloads"]


def test_a_choice_on_a_parts_chart_reruns_the_whole_page(views, in_fragment):
    """The Overview's map is in a part (its colouring is local), but what is picked on it
    narrows the whole page: the part's rerun becomes the page's."""
    at = open_page("overview")
    everywhere = metrics(at)
    at.session_state["overview_map_picked"] = ["PL"]  # what the map's selection callback keeps
    in_fragment(at, "overview_map")
    assert not at.exception
    assert at.metric  # the cards were drawn again: the whole page ran
    assert metrics(at) != everywhere
    assert metrics(at)["Countries reached"] == "1"


def _scorecard_names(at) -> list[str]:
    """The first column of the scorecard as the page shows it (countries or initiatives)."""
    return at.dataframe[0].value.iloc[:, 0].tolist()


def _shipped_initiative_names() -> set[str]:
    import csv

    from kpop_explorer.datasets.loading import REPO_DATA_DIR

    with open(REPO_DATA_DIR / "initiatives.csv", encoding="utf-8") as file:
        return {row["name"] for row in csv.DictReader(file)}


def test_the_scorecards_scope_reruns_only_the_scorecard(views, in_fragment, monkeypatch):
    """Countries → Initiatives reruns the scorecard alone; the link, the briefing and the deck
    of this view follow it; the next whole run keeps the rest as it was."""
    from components import briefing as exports
    from components import context as page_context
    from kpop_explorer.i18n import Translator
    from tests.test_surfaces_agree import deck_tables

    t = Translator("en")
    runs = []
    real = page_context.current
    monkeypatch.setattr(page_context, "current", lambda: runs.append(real()) or runs[-1])
    at = open_page("overview")
    ctx = runs[-1]
    before_cards, before_figures, before_headline = metrics(at), figures(at), headline_text(at)
    countries = set(t.country(code) for code in ctx.options.countries)
    assert set(_scorecard_names(at)) <= countries
    title = t("scorecard.title")
    order = [name for name, _ in ctx.briefing.tables]
    count = asked(views)

    widget(at, "button_group", "scorecard_scope").set_value("initiative_id")
    in_fragment(at, "scorecard")
    assert not at.exception
    assert len(runs) == 1  # the page did not run: no context made, no view asked for
    assert asked(views) == count
    assert not at.metric and not charts(at)  # nothing of the page was sent but the scorecard
    assert not [m for m in at.markdown if m.value.startswith("## ")]
    names = _scorecard_names(at)
    initiatives = _shipped_initiative_names()
    assert len(names) > 1 and set(names) <= initiatives
    assert at.query_params.get("scorecard") == "initiative_id"  # the link follows at once
    # What the page's exports are made from: the scorecard once, by initiative, in its place.
    assert [name for name, _ in ctx.briefing.tables] == order  # where the page put it
    listed = [make() for name, make in ctx.briefing.tables if name == title]
    assert listed[0][t("column.initiative_id")].tolist() == names
    on_slides = deck_tables(exports.view_deck(ctx, "View"))
    slide = on_slides.get(title) or on_slides["View"]  # the first slide is titled after the view
    assert slide[0][0] == t("column.initiative_id")
    assert [row[0] for row in slide[1:]] == names

    at.run()  # the next whole run: the rest as it was, the scorecard still by initiative
    assert metrics(at) == before_cards
    assert figures(at) == before_figures
    assert headline_text(at) == before_headline
    assert _scorecard_names(at) == names


def test_a_row_picked_in_the_scorecard_reruns_the_whole_page(views, in_fragment):
    """A row picked narrows the page; switching the scope drops it, which widens the page
    again: both rerun the whole page, not the scorecard alone."""
    at = open_page("overview")
    everywhere = metrics(at)
    at.session_state["scorecard_row"] = "PL"  # what the table's selection callback keeps
    in_fragment(at, "scorecard")
    assert not at.exception
    assert metrics(at) != everywhere  # the cards were drawn again, narrowed
    assert metrics(at)["Countries reached"] == "1"
    widget(at, "button_group", "scorecard_scope").set_value("initiative_id")
    in_fragment(at, "scorecard")
    assert not at.exception
    assert metrics(at) == everywhere  # the row of the other scope dropped: the whole page
    assert "scorecard_row" not in at.query_params
    assert set(_scorecard_names(at)) <= _shipped_initiative_names()


def test_the_history_pages_per_capita_switch_reruns_only_its_panel(in_fragment, monkeypatch):
    from components import context as page_context

    runs = []
    real = page_context.current
    monkeypatch.setattr(page_context, "current", lambda: runs.append(real()) or runs[-1])
    at = open_page("history")
    before = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    made = len(runs)
    widget(at, "toggle", "history_per_capita").set_value(True)
    in_fragment(at, "history_countries")
    assert not at.exception
    assert len(runs) == made  # the page did not run
    sent = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    assert list(sent) == ["history_countries_0"]  # that panel alone
    assert sent["history_countries_0"] != before["history_countries_0"]
    assert "per million" in json.dumps(sent["history_countries_0"]["layout"]).lower()
    assert at.query_params.get("per_capita") == "1"
    at.run()
    after = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    assert after == {**before, "history_countries_0": sent["history_countries_0"]}


# Each map whose real-data layer has its own switch: (page, part, switch's key, link parameter,
# the layer's name, the map's title).
MAP_SWITCHES = [
    ("live_events", "live_map", "reference", "past", "live.reference_layer", "live.map.title"),
    ("education", "education_map", "reference_places", "places", "education.reference_layer",
     "education.map.title"),
]  # fmt: skip


def _trace_names(figure: dict) -> list[str]:
    return [trace.get("name") for trace in figure["data"]]


@pytest.mark.parametrize(("page", "part", "key", "param", "layer", "title"), MAP_SWITCHES)
def test_a_maps_layer_switch_reruns_only_its_map(
    views, in_fragment, monkeypatch, page, part, key, param, layer, title
):
    """Live events' past events and Education's cultural centres: the switch beside the map
    reruns the map alone; the link and the briefing follow it; the next whole run keeps the
    rest of the page as it was."""
    from components import context as page_context
    from kpop_explorer.i18n import Translator

    t = Translator("en")
    runs = []
    real = page_context.current
    monkeypatch.setattr(page_context, "current", lambda: runs.append(real()) or runs[-1])
    at = open_page(page)
    ctx = runs[-1]
    before = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    map_key = f"{part}_0"
    drawn = _trace_names(before[map_key])
    assert drawn.count(t(layer)) == 1 and len(drawn) > 1  # the plan's layers and the real one
    cards, sentence = metrics(at), headline_text(at)
    order = [record.title for record in ctx.briefing.charts]
    made, count = len(runs), asked(views)

    widget(at, "toggle", key).set_value(False)
    in_fragment(at, part)
    assert not at.exception
    assert len(runs) == made  # the page did not run: no context made
    assert asked(views) - count == 1  # the map's own view alone, no page view
    sent = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    assert list(sent) == [map_key]  # that map alone
    assert _trace_names(sent[map_key]) == [name for name in drawn if name != t(layer)]
    assert not at.metric
    assert [(w.key, w.value) for w in at.toggle] == [(key, False)]  # the switch is in the part
    assert at.query_params.get(param) == "0"  # the link follows at once
    # The briefing and the deck of this view: the map without its layer, in its place.
    assert [record.title for record in ctx.briefing.charts] == order
    record = next(r for r in ctx.briefing.charts if r.title == t(title))
    assert record.kwargs["reference"] is None

    at.run()  # the next whole run: the rest as it was, the map still without the layer
    after = {chart.key: arguments(chart)["figure"] for chart in charts(at)}
    assert after == {**before, map_key: sent[map_key]}
    assert metrics(at) == cards
    assert headline_text(at) == sentence


@pytest.mark.parametrize(("page", "part", "key", "param", "layer", "title"), MAP_SWITCHES)
def test_a_link_with_a_maps_layer_off_opens_without_it(page, part, key, param, layer, title):
    from kpop_explorer.i18n import Translator

    t = Translator("en")
    off = open_page(page, {param: "0"})
    assert widget(off, "toggle", key).value is False
    shown = next(arguments(c)["figure"] for c in charts(off) if c.key == f"{part}_0")
    assert t(layer) not in _trace_names(shown)
    assert off.query_params.get(param) == "0"
    on = open_page(page)
    shown = next(arguments(c)["figure"] for c in charts(on) if c.key == f"{part}_0")
    assert t(layer) in _trace_names(shown)
    assert param not in on.query_params


def test_events_lassoed_on_the_live_events_map_rerun_the_whole_page(views, in_fragment):
    """The map's layer switch is local, but the events picked on it narrow the whole page."""
    at = open_page("live_events")
    everywhere = metrics(at)
    at.session_state["live_map_picked"] = ["EVT-0001"]  # a fan meeting in Paris, held
    in_fragment(at, "live_map")
    assert not at.exception
    assert metrics(at) != everywhere  # the cards were drawn again, narrowed to that event
    assert (metrics(at)["Events held"], metrics(at)["Countries"]) == ("1", "1")
