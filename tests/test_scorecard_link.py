"""The link is the view: a scorecard row travels in it and reopens selected, Reset clears what a
chart or the scorecard picked, and a value the viewer changes after the link set it stays
(AppTest). Expected figures are summed here from the shipped rows, filtered by hand."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.i18n import Translator
from tests.elements import arguments, charts, open_page, opened_menu

t = Translator("en")


def cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def notes(at) -> list[str]:
    return [a.value for a in at.info if a.value.startswith("Filtered")]


def by_hand(shipped, keep) -> dict[str, str]:
    """Participants and streams of the rows `keep(frame)` picks, as the cards write them."""
    programs, metrics = shipped["education_programs"], shipped["digital_metrics"]
    streams = metrics[keep(metrics) & (metrics["metric"] == "streams")]["actual"].sum()
    return {
        t("kpi.participants"): t.compact(programs[keep(programs)]["participants_actual"].sum()),
        t("kpi.streams"): t.compact(streams),
    }


def test_a_country_row_in_the_link_reopens_picked(shipped):
    at = open_page("overview", {"scorecard_row": "NL"})
    expected = by_hand(shipped, lambda rows: rows["country"] == "NL")
    shown = cards(at)
    assert {k: shown[k] for k in expected} == expected
    assert shown[t("kpi.countries")] == "1"
    assert notes(at) == [t("selection.active_scorecard", items="Netherlands")]
    assert at.query_params["scorecard_row"] == "NL"  # and the share link carries it on
    assert at.session_state["scorecard_country_0"]["selection"]["rows"] != []  # shown picked


def test_an_initiative_row_in_the_link_reopens_picked(shipped):
    at = open_page("overview", {"scorecard": "initiative_id", "scorecard_row": "INI-012"})
    programs, initiatives = shipped["education_programs"], shipped["initiatives"]
    shown = cards(at)
    participants = programs.loc[programs["initiative_id"] == "INI-012", "participants_actual"]
    assert shown[t("kpi.participants")] == t.compact(participants.sum())
    budget = initiatives.loc[initiatives["initiative_id"] == "INI-012", "budget_eur"].sum()
    assert shown[t("kpi.budget")] == t.money(budget, compact=True)
    assert shown[t("kpi.initiatives")] == "1"
    name = shipped["initiatives"].set_index("initiative_id").loc["INI-012", "name"]
    assert notes(at) == [t("selection.active_scorecard", items=name)]
    assert dict(at.query_params) == {"scorecard": "initiative_id", "scorecard_row": "INI-012"}


def test_a_row_unknown_to_the_scorecard_is_ignored_and_said_so():
    at = open_page("overview", {"scorecard_row": "ZZ"})
    assert notes(at) == []
    assert "scorecard_row" not in at.query_params
    assert ("scorecard_row", "ZZ") in at.session_state["_url_ignored"]


def test_a_row_the_viewer_unpicks_after_the_link_picked_it_stays_unpicked(shipped):
    at = open_page("overview", {"scorecard_row": "NL"})
    at.session_state["scorecard_row"] = None  # what the table's callback sets on an unclick
    at.run()
    assert notes(at) == []
    assert "scorecard_row" not in at.query_params
    at.run()  # and on the next run too: the link's value was taken once
    assert notes(at) == []
    everything = by_hand(shipped, lambda rows: rows["country"].notna())
    assert cards(at)[t("kpi.participants")] == everything[t("kpi.participants")]


def test_a_link_tied_widget_changed_after_the_link_keeps_the_viewers_value():
    at = open_page("overview", {"scorecard": "initiative_id"})
    scope = next(w for w in at.button_group if w.key == "scorecard_scope")
    scope.set_value("country").run()
    at.run()
    assert next(w for w in at.button_group if w.key == "scorecard_scope").value == "country"
    assert "scorecard" not in at.query_params


def reset(at):
    button = next(b for b in at.sidebar.button if b.label == t("filter.reset"))
    assert not button.disabled  # a pick alone is something to reset
    button.click().run()


def test_reset_clears_a_chart_selection(shipped):
    at = open_page("overview", {"selected": "FR"})
    assert notes(at)
    reset(at)
    assert notes(at) == []
    everything = by_hand(shipped, lambda rows: rows["country"].notna())
    assert cards(at)[t("kpi.streams")] == everything[t("kpi.streams")]
    assert "selected" not in at.query_params
    assert t("filter.summary_none") in [c.value for c in at.sidebar.caption]


def test_reset_clears_a_scorecard_row():
    at = open_page("overview", {"scorecard_row": "NL", "status": "in_progress"})
    assert t("filter.summary_picked", summary=t("filter.summary", filters="In progress")) in [
        c.value for c in at.sidebar.caption
    ]
    reset(at)
    assert notes(at) == []
    assert dict(at.query_params) == {}


def test_the_timeline_marks_the_datas_as_of_date_not_the_wall_clock(shipped):
    metrics = shipped["digital_metrics"]
    last = metrics.dropna(subset=["actual"])["month"].max()  # the last measured month
    as_of = last + pd.offsets.MonthEnd(0)
    assert as_of == pd.Timestamp("2026-10-31")
    at = open_page("overview", {})
    figure = next(
        arguments(c)["figure"] for c in charts(at) if c.key.startswith("overview_timeline")
    )
    assert pd.Timestamp(figure["layout"]["shapes"][0]["x0"]) == as_of
    assert figure["layout"]["annotations"][0]["text"] == "Data as of 31 Oct 2026"


def test_an_emptied_page_names_the_filter_and_clears_it_in_one_click():
    """No digital figure belongs to a live-events initiative: the Digital page says the focus
    emptied it (not "nothing measured yet") and its button clears the focus."""
    at = open_page("digital", {"focus": "live_events"})
    said = [a.value for a in at.info]
    what, name = t("empty.what.digital"), t("filter.focus")
    assert said == [t("empty.filtered_out", what=what, filter=name)]
    assert t("kpi.none") not in said
    assert not at.metric
    next(b for b in at.button if b.label == t("facet.clear", facet=name)).click().run()
    assert at.session_state["focus"] == []
    assert at.metric  # the cards are back


def test_the_scorecard_writes_shares_in_the_pages_language_beside_their_standing():
    fr = Translator("fr")
    at = open_page("overview", {"lang": "fr"})
    table = at.dataframe[0].value
    shares = table[fr("column.attainment")].tolist()
    standings = table[fr("column.standing")].tolist()
    assert shares and all(s.endswith("\u00a0%") for s in shares)  # "79,8 %", not "79.76%"
    for share, standing in zip(shares, standings, strict=True):
        number = float(share.removesuffix("\u00a0%").replace("\u202f", "").replace(",", "."))
        if standing == [fr.label("standing", "behind")]:
            assert number < 95  # never "95 %" beside "En retard"


def test_sharing_a_view_of_uploaded_data_says_what_the_link_will_show():
    from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all

    at = opened_menu(open_page("overview", {}))  # the menu holds the link and the warning
    assert not at.warning
    at.session_state["uploaded_datasets"] = {"initiatives": load_all(REPO_DATA_DIR)["initiatives"]}
    at.run()
    title = t("schema.initiatives.title")
    assert t("share.uploaded", datasets=title) in [w.value for w in at.warning]


def test_a_pick_on_the_overview_does_not_narrow_another_page_nor_its_sidebar_line():
    from kpop_explorer.links import site

    at = open_page("overview", {"selected": "FR"})
    assert t("filter.summary_none_picked") in [c.value for c in at.sidebar.caption]
    at.switch_page(site.page("digital").script).run()
    assert t("filter.summary_none") in [c.value for c in at.sidebar.caption]
    assert notes(at) == []
