"""Every city of the data files resolves in GeoNames, and the files carry its coordinates."""

from __future__ import annotations

import pandas as pd
import pytest

from kpop_explorer.datasets import geo
from scripts.generate_data import CITIES

PLACED = ("live_events", "education_programs", "reference_live_events", "reference_education")


def test_every_city_of_the_generator_resolves():
    unresolved = []
    for city, country in CITIES.items():
        try:
            geo.city_coordinates(city, country)
        except geo.UnknownPlace:
            unresolved.append(city)
    assert unresolved == []


@pytest.mark.parametrize("name", PLACED)
def test_every_city_in_the_data_resolves_to_the_files_coordinates(shipped, name):
    rows = shipped[name]
    placed = rows[rows["city"].fillna("").str.strip() != ""]
    assert len(placed) > 0
    for city, country, lat, lon in zip(
        placed["city"], placed["country"].astype(str), placed["latitude"], placed["longitude"],
        strict=True,
    ):  # fmt: skip
        assert geo.city_coordinates(city, country) == pytest.approx((lat, lon), abs=1e-4), city


def test_a_city_list_or_a_bracketed_note_resolves_to_its_first_city():
    assert geo.city_coordinates("Berlin; Würzburg", "DE") == geo.city_coordinates("Berlin", "DE")
    assert geo.city_coordinates("Nanterre (Paris area)", "FR") == geo.city_coordinates(
        "Nanterre", "FR"
    )
    paris = geo.city_coordinates("Paris", "FR")
    assert paris == pytest.approx((48.85, 2.35), abs=0.01)  # Paris, not Paris, Texas


def test_an_unknown_place_says_what_to_do():
    with pytest.raises(geo.UnknownPlace, match="NOT_IN_GEONAMES"):
        geo.city_coordinates("Atlantis", "FR")


def test_the_hand_table_wins_for_a_place_geonames_lacks(monkeypatch):
    monkeypatch.setitem(geo.NOT_IN_GEONAMES, ("Stade Imaginaire", "FR"), (48.9245, 2.3602))
    assert geo.city_coordinates("Stade Imaginaire", "FR") == (48.9245, 2.3602)


def test_populations_come_from_geonames():
    people = geo.populations()
    assert people["FR"] > 60_000_000 and people["LU"] < 1_000_000
    assert pd.Series(people).gt(0).sum() > 200
