"""A story step draws the page's own charts: the presenter's figures hold the same data as the
page opened with the step's filters (AppTest, both as a viewer would open them)."""

from __future__ import annotations

import json

import pytest

from kpop_explorer.views.story import load_story
from tests.conftest import REPO
from tests.elements import arguments, charts, open_page

STEPS = json.loads((REPO / "stories" / "default.json").read_text())["steps"]
PAGES = {"overview": "overview", "digital": "digital", "live-events": "live_events",
         "education": "education", "history": "history"}  # fmt: skip
# The presenter's chart -> the page's. The story splits the digital trend by country when the
# step names countries (the page starts with the total): that pair is compared only without.
SAME_CHART = {"present_map": "overview_map", "present_progress": "overview_progress",
              "present_trend": "digital_trend", "present_growth": "digital_growth",
              "present_events_map": "live_map", "present_audience": "live_audience",
              "present_types": "education_types", "present_quarters": "education_quarters",
              "history_map": "history_map"}  # fmt: skip
DATA_KEYS = ("type", "name", "x", "y", "z", "locations", "lat", "lon", "labels", "values")


def traces(figure: dict) -> list[dict]:
    """What a figure draws: an animated one's every frame (the history map opens on the busiest
    year in the story, on the last on the page: the same frames either way), else its data."""
    frames = figure.get("frames")
    return [t for frame in frames for t in frame["data"]] if frames else figure["data"]


def drawn(at) -> dict[str, list[dict]]:
    """Each chart's traces by panel key, only what they draw (not fonts or sizes)."""
    return {
        chart.key.rsplit("_", 1)[0]: [
            {k: trace[k] for k in DATA_KEYS if k in trace}
            for trace in traces(arguments(chart)["figure"])
        ]
        for chart in charts(at)
    }


def query(step: dict) -> dict:
    """The step's link parameters; on Live events, without the real past events' layer, which
    the page adds to its map and the story leaves out."""
    return {**step["params"], **({"past": "0"} if step["view"] == "live-events" else {})}


@pytest.mark.parametrize("number", range(len(STEPS)))
def test_a_story_step_draws_what_its_page_draws(number):
    step = STEPS[number]
    assert len(load_story().steps) == len(STEPS)
    page = drawn(open_page(PAGES[step["view"]], query(step)))
    present = drawn(open_page("overview", {"present": "1", "step": str(number + 1)}))
    pairs = [(ours, SAME_CHART[ours]) for ours in present]
    if "country" in step["params"]:
        pairs = [pair for pair in pairs if pair[0] != "present_trend"]
    assert pairs, present.keys()
    for ours, theirs in pairs:
        assert present[ours] == page[theirs], (ours, theirs)
        assert any(trace.get(k) for trace in present[ours] for k in DATA_KEYS[2:]), ours
