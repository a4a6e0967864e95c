"""Facets narrow each other: what a facet offers, and which facet empties a page."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.links import facets
from kpop_explorer.links.filters import FilterState

METRICS = pd.DataFrame(
    {
        "platform": ["music_streaming", "music_streaming", "video_streaming", "language_app"],
        "metric": ["streams", "monthly_listeners", "streams", "app_downloads"],
    }
)
ORDER = {
    "platform": ("music_streaming", "video_streaming", "language_app", "social_media"),
    "metric": ("streams", "monthly_listeners", "app_downloads", "followers"),
}


def test_a_platform_leaves_only_its_metrics():
    offered = facets.options(METRICS, {"platform": ["language_app"], "metric": []}, ORDER)
    assert offered["metric"] == ("app_downloads",)
    # the platforms are narrowed by the metric only: none is chosen, so all with rows stay
    assert offered["platform"] == ("music_streaming", "video_streaming", "language_app")


def test_a_metric_leaves_only_the_platforms_that_have_it():
    offered = facets.options(METRICS, {"platform": [], "metric": ["streams"]}, ORDER)
    assert offered["platform"] == ("music_streaming", "video_streaming")
    assert offered["metric"] == ("streams", "monthly_listeners", "app_downloads")


def test_a_chosen_value_stays_offered_even_when_nothing_holds_it():
    chosen = {"platform": ["social_media"], "metric": ["streams"]}
    offered = facets.options(METRICS, chosen, ORDER)
    assert "social_media" in offered["platform"]
    assert offered["metric"] == ("streams",)  # social media has no rows: only the chosen one


def test_every_offered_combination_has_rows():
    for platform in facets.options(METRICS, {"platform": [], "metric": []}, ORDER)["platform"]:
        chosen = {"platform": [platform], "metric": []}
        for metric in facets.options(METRICS, chosen, ORDER)["metric"]:
            picked = METRICS[(METRICS["platform"] == platform) & (METRICS["metric"] == metric)]
            assert len(picked) >= 1, (platform, metric)


def test_a_single_choice_moves_to_an_offered_value():
    assert facets.single_choice("streams", ("app_downloads",)) == "app_downloads"
    assert facets.single_choice("streams", ("app_downloads", "streams")) == "streams"
    assert facets.single_choice("streams", ()) is None


def test_the_facet_that_empties_the_page_is_named():
    programs = pd.DataFrame(
        {"program_type": ["language_course", "mentorship"], "audience": ["students", "artists"],
         "language": ["fr", "en"]}
    )  # fmt: skip
    chosen = {"program_type": ["language_course"], "audience": ["artists"], "language": []}
    # clearing the type leaves the mentorship for artists; clearing the audience, the course
    assert facets.empty_because(programs, chosen) == "program_type"
    assert facets.empty_because(programs, {"program_type": ["mentorship"]}) is None
    both = {"program_type": ["language_course"], "audience": ["artists"], "language": ["en"]}
    assert facets.empty_because(programs, both) == "program_type"  # its removal alone suffices


def test_no_facet_is_blamed_when_the_sidebar_left_nothing():
    assert facets.empty_because(METRICS.iloc[0:0], {"platform": ["language_app"]}) is None


def test_narrowed_rows_are_the_rows_the_facets_choose():
    state = FilterState(2024, 2029, platforms=("music_streaming", "language_app"))
    rows = facets.narrowed(METRICS, state, ("platforms",))
    assert rows.index.tolist() == [0, 1, 3]
    assert facets.narrowed(METRICS, FilterState(2024, 2029), ("platforms",)).equals(METRICS)
