"""The presenter's story file: the shipped one is valid, a broken one says what to fix."""

from __future__ import annotations

import json

import pytest

from kpop_explorer.views.story import VIEWS, StoryError, load_story, parse_story


def test_shipped_story_is_valid_and_fully_translated(options):
    story = load_story()
    assert len(story.steps) >= 5
    assert {step.view for step in story.steps} == set(VIEWS)
    for step in story.steps:
        assert set(step.titles) == {"en", "fr", "ko"}
        _, ignored = step.state(options)
        assert ignored == [], (step.titles["en"], ignored)
    digital = next(s for s in story.steps if s.view == "digital")
    assert digital.state(options)[0].countries == ("FR", "DE", "GB")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"steps": []}', "non-empty list of 'steps'"),
        ('{"steps": [{"view": "nowhere", "title": "x"}]}', "Step 1: 'view' must be one of"),
        ('{"steps": [{"view": "digital", "title": 5}]}', "Step 1: 'title' must be"),
        ('{"steps": [{"view": "digital", "title": "x", "params": [1]}]}', "'params' must map"),
    ],
)
def test_broken_stories_are_explained(text, message):
    with pytest.raises(StoryError, match=message):
        parse_story(text)


def test_unknown_filter_values_in_a_step_are_ignored(options):
    story = parse_story(json.dumps(
        {"steps": [{"view": "overview", "title": "x", "params": {"country": ["FR", "ZZ"]}}]}
    ))  # fmt: skip
    state, ignored = story.steps[0].state(options)
    assert state.countries == ("FR",)
    assert ignored == [("country", "ZZ")]
    assert story.steps[0].title("ko") == "x"  # falls back to the text it has
