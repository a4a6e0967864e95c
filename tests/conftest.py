"""Shared fixtures: the shipped datasets, loaded once, and a translator."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpop_explorer import measures
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all
from kpop_explorer.i18n import Translator
from kpop_explorer.links.filters import FilterState, options_from_data
from kpop_explorer.measures import aggregates

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shipped():
    """The shipped datasets, validated; name -> frame."""
    loaded = load_all(REPO_DATA_DIR)
    return {name: dataset.frame for name, dataset in loaded.items()}


@pytest.fixture(scope="session")
def options(shipped):
    return options_from_data(
        shipped["initiatives"],
        shipped["live_events"],
        shipped["education_programs"],
        shipped["digital_metrics"],
    )


@pytest.fixture(scope="session")
def everything(options):
    return FilterState.default(options)


@pytest.fixture(scope="session")
def as_of(shipped):
    return aggregates.as_of(shipped["digital_metrics"])


@pytest.fixture(scope="session")
def selection(shipped, everything, as_of):
    """The shipped data through the catalogue, no filter."""
    return measures.select(shipped, everything, as_of)


@pytest.fixture
def t():
    return Translator("en")
