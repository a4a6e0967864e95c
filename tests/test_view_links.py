"""A link carries the view, and a chart selection narrows the whole page (AppTest).

Expected figures are summed here from the shipped rows, filtered by hand."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from tests.conftest import REPO
from tests.elements import arguments, charts, open_page, opened_menu

APP = str(REPO / "app.py")
t = Translator("en")


def cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def deltas(at: AppTest) -> dict[str, str]:
    return {m.label: m.proto.delta for m in at.metric}


def in_order(at: AppTest) -> list:
    """Every element of the main area, top to bottom."""
    found = []

    def walk(node):
        children = getattr(node, "children", None)
        if not children:
            found.append(node)
            return
        for index in sorted(children):
            walk(children[index])

    walk(at.main)
    return found


def france_by_hand(shipped) -> dict[str, float]:
    programs = shipped["education_programs"]
    metrics = shipped["digital_metrics"]
    streams = metrics[(metrics["country"] == "FR") & (metrics["metric"] == "streams")]
    return {
        "participants": programs.loc[programs["country"] == "FR", "participants_actual"].sum(),
        "streams": streams["actual"].sum(),
    }


def test_a_map_selection_in_the_link_narrows_the_cards_and_headline(shipped):
    at = open_page("overview", {"selected": "FR"})
    expected = france_by_hand(shipped)
    shown = cards(at)
    assert shown[t("kpi.participants")] == t.compact(expected["participants"])
    assert shown[t("kpi.streams")] == t.compact(expected["streams"])
    assert shown[t("kpi.countries")] == "1"  # France, of France
    # The headline says what the participants card says, of the same selection.
    share = re.match(r"(\S+%) of", deltas(at)[t("kpi.participants")]).group(1)
    headline = at.markdown[0].value.replace("\\", "")
    assert f"participants stand at {share} of what was due" in headline
    assert "France leads" in headline
    # The note sits above everything it narrows, the headline first.
    elements = in_order(at)
    note = next(i for i, e in enumerate(elements) if e.type == "info" and "France" in e.value)
    title = next(i for i, e in enumerate(elements) if e.type == "markdown")
    first_card = next(i for i, e in enumerate(elements) if e.type == "metric")
    assert note < title < first_card
    assert at.query_params["selected"] == "FR"
    # The map shows France as picked, as a click would have left it.
    shading = next(arguments(c) for c in charts(at) if c.key.startswith("overview_map"))
    trace = shading["figure"]["data"][0]
    assert [trace["locations"][i] for i in trace["selectedpoints"]] == ["FRA"]


def test_without_a_selection_the_cards_count_every_country(shipped):
    at = open_page("overview", {})
    programs = shipped["education_programs"]
    assert cards(at)[t("kpi.participants")] == t.compact(programs["participants_actual"].sum())
    assert not [a for a in at.info if a.value.startswith("Filtered")]


def test_a_selection_the_filters_leave_out_is_dropped_quietly(shipped):
    """FR picked, then the sidebar keeps only Poland: the page shows Poland, no error."""
    at = open_page("overview", {"selected": "FR"})
    next(w for w in at.multiselect if w.key == "country").set_value(["PL"]).run()
    assert not at.exception
    programs = shipped["education_programs"]
    expected = programs.loc[programs["country"] == "PL", "participants_actual"].sum()
    assert cards(at)[t("kpi.participants")] == t.compact(expected)
    assert not [a for a in at.info if a.value.startswith("Filtered")]
    assert "selected" not in at.query_params


def test_unknown_ids_in_the_link_are_ignored_and_said_so():
    at = open_page("overview", {"selected": ["XX", "FR"]})
    assert at.session_state["overview_map_picked"] == ["FR"]
    notice = next(c.value for c in at.sidebar.caption if "ignored" in c.value)
    assert "selected=XX" in notice


def test_split_by_country_from_the_link_draws_one_line_per_country():
    at = open_page("digital", {"split": "country"})
    trend = next(c for c in charts(at) if c.key.startswith("digital_trend"))
    names = {trace.get("name") for trace in arguments(trend)["figure"]["data"]}
    assert t.country("FR") in names
    assert at.query_params["split"] == "country"
    plain = open_page("digital", {})
    trend = next(c for c in charts(plain) if c.key.startswith("digital_trend"))
    assert t.country("FR") not in {d.get("name") for d in arguments(trend)["figure"]["data"]}
    assert "split" not in plain.query_params


def test_the_real_past_events_switch_and_a_table_panel_come_from_the_link():
    at = open_page("live_events", {"past": "0", "live_map": "table"})
    assert next(w for w in at.toggle if w.key == "reference").value is False
    assert not [c for c in charts(at) if c.key.startswith("live_map")]  # shown as its table
    assert (at.query_params["past"], at.query_params["live_map"]) == ("0", "table")
    shown = open_page("live_events", {})
    assert next(w for w in shown.toggle if w.key == "reference").value is True
    assert [c for c in charts(shown) if c.key.startswith("live_map")]


def test_the_map_colour_per_capita_and_scorecard_scope_travel_in_the_link():
    at = open_page("overview", {"colour": "standing", "scorecard": "initiative_id"})
    assert next(w for w in at.button_group if w.key == "overview_map_colour").value == "standing"
    assert next(w for w in at.button_group if w.key == "scorecard_scope").value == "initiative_id"
    assert dict(at.query_params) == {"colour": "standing", "scorecard": "initiative_id"}
    at = open_page("overview", {"per_capita": "1"})
    assert next(w for w in at.toggle if w.key == "overview_per_capita").value is True


def test_page_parameters_are_written_only_on_their_page():
    at = open_page("overview", {"colour": "standing"})
    at.switch_page(site.page("digital").script).run()
    assert "colour" not in at.query_params
    next(w for w in at.button_group if w.key == "digital_split").set_value("platform").run()
    assert at.query_params["split"] == "platform"
    share = next(c.value for c in opened_menu(at).main.code)
    assert "split=platform" in share
    at.switch_page(site.page("overview").script).run()
    assert "split" not in at.query_params


def test_a_selection_on_a_page_narrows_its_cards(shipped):
    """Education: programme types picked on its chart (as the chart's callback stores them)."""
    at = open_page("education", {})
    at.session_state["education_types_picked"] = ["language_course"]
    at.run()
    programs = shipped["education_programs"]
    kept = programs[programs["program_type"] == "language_course"]
    assert cards(at)[t("kpi.participants")] == t.compact(kept["participants_actual"].sum())
    started = kept["participants_actual"].notna().sum()  # a programme counts once it has run
    assert cards(at)[t("kpi.programs")] == t.number(started)
    assert at.query_params["selected"] == "language_course"
