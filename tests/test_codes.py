"""The one reading of a `countries` cell, and the code tables the maps rely on."""

from __future__ import annotations

import pytest

from kpop_explorer.datasets.codes import EUROPEAN_COUNTRIES, ISO3, split_countries


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("FR", ["FR"]),
        ("FR;DE", ["FR", "DE"]),
        ("FR; DE", ["FR", "DE"]),
        (" FR ;\tDE ", ["FR", "DE"]),
        ("FR;;", ["FR", "", ""]),  # empty parts stay, for validation to refuse
        ("FR,DE", ["FR,DE"]),  # a comma is not the separator
    ],
)
def test_a_countries_cell_is_split_on_semicolons_and_stripped(cell, codes):
    assert split_countries(cell) == codes


def test_every_mapped_country_is_european_and_only_kosovo_has_no_iso3():
    assert set(ISO3) == set(EUROPEAN_COUNTRIES) - {"XK"}
