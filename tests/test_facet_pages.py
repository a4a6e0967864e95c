"""Facets narrow each other on the pages, name the facet that empties one, and reset (AppTest)."""

from __future__ import annotations

from kpop_explorer.i18n import Translator
from tests.elements import charts
from tests.test_pages import open_page, widget

t = Translator("en")


def test_a_platform_choice_leaves_only_its_metrics(shipped):
    at = open_page("digital")
    widget(at, "button_group", "platform").set_value(["language_app"]).run()
    rows = shipped["digital_metrics"]
    expected = sorted(rows.loc[rows["platform"] == "language_app", "metric"].unique())
    metric = widget(at, "button_group", "metric")
    assert sorted(metric.options) == sorted(t.label("metric", m) for m in expected)
    assert metric.value == expected[0]  # "streams" is not offered any more: the first one is
    assert not at.exception


def test_an_empty_combination_names_the_facet_to_clear(shipped):
    programs = shipped["education_programs"]
    counts = programs.groupby(["program_type", "audience"]).size()
    kind, audience = next(
        (k, a)
        for k in programs["program_type"].unique()
        for a in programs["audience"].unique()
        if (k, a) not in counts.index
    )
    at = open_page("education", {"programme": kind, "audience": audience})
    notes = [info.value for info in at.info]
    assert t("facet.empty", facet=t("facet.program_type")) in notes
    assert not [c for c in charts(at) if c.key and c.key.startswith("education")]


def test_reset_filters_clears_the_page_facets_too():
    at = open_page("digital")
    widget(at, "button_group", "platform").set_value(["music_streaming"]).run()
    widget(at, "button_group", "metric").set_value("monthly_listeners").run()
    next(b for b in at.sidebar.button if b.label == t("filter.reset")).click().run()
    assert widget(at, "button_group", "platform").value == []
    assert widget(at, "button_group", "metric").value == "streams"


def test_split_by_country_says_it_draws_the_top_n_of_m(shipped):
    at = open_page("digital")
    widget(at, "button_group", "digital_split").set_value("country").run()
    rows = shipped["digital_metrics"]
    total = rows.loc[rows["metric"] == "streams", "country"].nunique()
    assert total > 6  # else the note would rightly be absent
    note = t("digital.trend.top_country", n=6, total=total)
    assert any(note in m.value for m in at.markdown)
