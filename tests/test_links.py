"""Share links point at the page on screen with exactly its parameters, and the parameters that
are not filters (language, presenter mode, story step) are read strictly but forgivingly."""

from __future__ import annotations

import pytest

from kpop_explorer.links import site
from kpop_explorer.links.links import (
    app_base,
    language_param,
    presenter_params,
    read_language,
    read_presenting,
    read_step,
    view_link,
)

PAGES = site.URL_PATHS
LANGUAGES = ("en", "fr", "ko")


@pytest.mark.parametrize(
    ("address", "base"),
    [
        ("http://localhost:8501/live-events", "http://localhost:8501"),
        ("http://localhost:8501/live-events/", "http://localhost:8501"),
        ("http://localhost:8501/", "http://localhost:8501"),
        ("https://x.streamlit.app/", "https://x.streamlit.app"),
        ("https://host/sub/path/digital", "https://host/sub/path"),
        ("https://host/sub/path/digital?country=FR#top", "https://host/sub/path"),
        ("https://host/sub/education", "https://host/sub"),
        # a path that only ends like a page is not that page
        ("https://host/my-data", "https://host/my-data"),
        ("https://host/data/initiatives", "https://host/data"),
        ("https://host/boX/", "https://host/boX"),  # only slashes are trimmed
    ],
)
def test_base_is_found_from_any_page(address, base):
    assert app_base(address, PAGES) == base


def test_the_longest_page_path_that_ends_the_address_is_taken_off():
    assert app_base("http://h/app/events/live-events", ("events", "live-events")) == (
        "http://h/app/events"
    )
    assert app_base("http://h/app/a/b", ("b", "a/b")) == "http://h/app"


def test_link_carries_repeated_parameters():
    link = view_link("http://h", "live-events", {"country": ["FR", "DE"], "lang": ["ko"]})
    assert link == "http://h/live-events?country=FR&country=DE&lang=ko"
    assert view_link("http://h", "", {}) == "http://h/"
    assert view_link("http://h/", "digital", {}) == "http://h/digital"
    assert view_link("http://h/boX", "digital", {}) == "http://h/boX/digital"
    assert view_link("/app", "digital", {}) == "/app/digital"


def test_link_values_are_escaped():
    link = view_link("http://h", "data", {"city": ["Łódź", "a&b=c"]})
    assert link == "http://h/data?city=%C5%81%C3%B3d%C5%BA&city=a%26b%3Dc"


@pytest.mark.parametrize(
    ("values", "lang", "ignored"),
    [
        ([], "en", []),
        (["fr"], "fr", []),
        (["ko", "fr"], "fr", []),  # the last one wins
        (["de"], "en", ["de"]),
        (["fr", "xx"], "fr", ["xx"]),
        (["FR"], "en", ["FR"]),  # codes are exact
    ],
)
def test_the_language_of_a_link(values, lang, ignored):
    assert read_language(values, LANGUAGES) == (lang, ignored)


@pytest.mark.parametrize(
    ("values", "presenting", "ignored"),
    [
        ([], False, []),
        (["1"], True, []),
        (["true"], True, []),
        (["yes"], True, []),
        (["True"], True, []),
        (["0"], False, []),
        (["no"], False, []),
        (["false"], False, []),
        (["1", "0"], False, []),  # the last one wins
        (["0", "1"], True, []),
        (["maybe"], False, ["maybe"]),
        (["1", "maybe"], True, ["maybe"]),
        (["2"], False, ["2"]),
    ],
)
def test_presenter_mode_from_a_link(values, presenting, ignored):
    assert read_presenting(values) == (presenting, ignored)


@pytest.mark.parametrize(
    ("values", "step", "ignored"),
    [
        ([], 0, []),
        (["1"], 0, []),
        (["3"], 2, []),
        ([" 4 "], 3, []),
        (["999"], 998, []),
        (["2", "5"], 4, []),  # the last one wins
        (["0"], 0, ["0"]),  # steps count from 1
        (["1000"], 0, ["1000"]),
        (["-2"], 0, ["-2"]),
        (["²"], 0, ["²"]),  # a digit to Python, not a number
        (["2.5"], 0, ["2.5"]),
        (["3", "x"], 2, ["x"]),
    ],
)
def test_the_story_step_of_a_link(values, step, ignored):
    assert read_step(values) == (step, ignored)


def test_links_leave_english_out_and_name_other_languages():
    assert language_param("en") == {}
    assert language_param("ko") == {"lang": ["ko"]}


def test_presenter_links_count_steps_from_one():
    assert presenter_params(0) == {"present": ["1"], "step": ["1"]}
    assert presenter_params(4) == {"present": ["1"], "step": ["5"]}


def test_a_presenter_link_reads_back_to_the_same_step():
    params = presenter_params(6)
    assert read_presenting(params["present"]) == (True, [])
    assert read_step(params["step"]) == (6, [])
