"""Each filter is declared once (`filters.FILTERS`): these tests state by hand what the registry
must hold, and check that every part of the app that names a filter reads it from there."""

from __future__ import annotations

from dataclasses import fields

import pytest

from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.links import facets, filters
from kpop_explorer.links.filters import BY_NAME, FILTERS, FilterOptions, FilterState

# The link parameters in use before the registry, by field: links made then must keep working.
LINK_KEYS = {
    "countries": "country", "focus_areas": "focus", "statuses": "status",
    "platforms": "platform", "metric": "metric", "event_types": "type", "cities": "city",
    "program_types": "programme", "audiences": "audience", "languages": "language",
    # an event's and a run's own state: page facets, not the sidebar's Status
    "event_statuses": "event_status", "program_statuses": "programme_status",
}  # fmt: skip
SIDEBAR = ("countries", "focus_areas", "statuses")
FACETS = {
    "digital": ("platforms", "metric"),
    "live-events": ("event_types", "event_statuses", "cities"),
    "education": ("program_types", "program_statuses", "audiences", "languages"),
}
OPTIONS = FilterOptions(countries=("DE", "FR"), year_min=2024, year_max=2026, cities=("Paris",))


def test_every_field_of_the_state_is_declared_once():
    declared = [f.name for f in FILTERS]
    assert len(declared) == len(set(declared))
    state_fields = {f.name for f in fields(FilterState)} - {"year_from", "year_to"}
    assert set(declared) == state_fields


def test_link_keys_are_the_ones_links_already_carry():
    assert {f.name: f.key for f in FILTERS} == LINK_KEYS
    assert len(set(LINK_KEYS.values()) | {"year"}) == len(LINK_KEYS) + 1  # no two alike
    assert filters.URL_KEYS["year_from"] == filters.URL_KEYS["year_to"] == "year"


def test_sidebar_filters_select_initiatives_and_facets_sit_on_their_page():
    assert tuple(f.name for f in FILTERS if f.is_sidebar) == SIDEBAR
    assert filters.PAGE_FACETS == FACETS
    for name in SIDEBAR:  # read on the initiatives themselves
        assert "initiatives" in filters.BY_NAME[name].columns
    assert filters.BY_NAME["statuses"].columns == {"initiatives": "status"}


@pytest.mark.parametrize("spec", FILTERS, ids=lambda f: f.name)
def test_each_filter_cuts_columns_that_exist(spec):
    for dataset, column in spec.columns.items():
        assert column in {c.name for c in SCHEMAS[dataset].columns}, (dataset, column)
    assert isinstance(getattr(OPTIONS, spec.options), tuple)


@pytest.mark.parametrize("spec", FILTERS, ids=lambda f: f.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_filter_has_its_words_in_every_language(spec, lang):
    words = catalog(lang)
    assert spec.label in words
    if spec.placeholder:
        assert spec.placeholder in words
    if spec.vocabulary:
        for code in getattr(OPTIONS, spec.options):
            assert f"{spec.vocabulary}.{code}" in words, code


def test_the_other_modules_read_the_registry():
    assert facets.COLUMNS == {
        "platforms": "platform", "metric": "metric", "event_types": "event_type",
        "event_statuses": "status", "cities": "city", "program_types": "program_type",
        "program_statuses": "status", "audiences": "audience", "languages": "language",
    }  # fmt: skip


def test_each_filter_words_its_values_in_the_viewers_language():
    ko = Translator("ko")
    assert BY_NAME["statuses"].words(ko)("on_hold") == "보류"
    assert BY_NAME["event_statuses"].words(ko)("completed") == "개최됨"  # its own vocabulary
    assert BY_NAME["countries"].words(ko)("DE") == "독일"
    assert BY_NAME["cities"].words(ko)("Cologne") == "쾰른"  # GeoNames' Hangul name of Köln
    assert BY_NAME["cities"].words(Translator("fr"))("Cologne") == "Cologne"  # as recorded


def test_a_link_reads_an_events_own_state_apart_from_the_status():
    state, ignored = FilterState.from_query_params(
        {"status": ["in_progress"], "event_status": ["completed", "nope"]}, OPTIONS
    )
    assert state.statuses == ("in_progress",)
    assert state.event_statuses == ("completed",)
    assert ignored == [("event_status", "nope")]
    assert state.to_query_params(OPTIONS, facets=("event_statuses",)) == {
        "status": ["in_progress"], "event_status": ["completed"],
    }  # fmt: skip
    assert state.to_query_params(OPTIONS, facets=()) == {"status": ["in_progress"]}
