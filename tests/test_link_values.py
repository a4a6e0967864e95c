"""The one parser of link values: exactly the documented ASCII forms, nothing that only looks
like them; years out of the data's range are moved to its edge, not dropped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpop_explorer.links import link_values
from kpop_explorer.links.filters import FilterOptions, FilterState


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", 2025),
        ("2024", 2024),
        ("1990", 2024),  # before the data: its first year
        ("9999", 2029),  # after the data: its last year
        ("²⁰²⁵", None),  # superscript digits: str.isdigit() says yes, int() says no
        ("٢٠٢٥", None),  # Arabic-Indic digits: int() reads them, the form is not ASCII
        ("２０２５", None),  # full-width digits
        (" 2025", None),
        ("2025 ", None),
        ("+2025", None),
        ("-2025", None),
        ("20250", None),
        ("202", None),
        ("2025\n", None),
        ("", None),
    ],
)
def test_a_year_is_four_ascii_digits_clamped_to_the_data(text, expected):
    assert link_values.read_year(text, 2024, 2029) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("12", 12), ("999", 999), ("0", None), ("01", None), ("1000", None),
     ("²", None), ("٣", None), ("-1", None), ("1.0", None), (" 1", None), ("", None)],
)  # fmt: skip
def test_a_step_is_a_count_from_1_to_999(text, expected):
    assert link_values.read_positive(text) == expected


def test_a_choice_is_compared_as_is():
    assert link_values.read_choice("FR", ("FR", "DE")) == "FR"
    assert link_values.read_choice("fr", ("FR", "DE")) is None
    assert link_values.read_choice(" FR", ("FR", "DE")) is None


OPTIONS = FilterOptions(countries=("DE", "FR"), year_min=2024, year_max=2029)


@pytest.mark.parametrize(
    ("years", "period", "ignored"),
    [
        (["1990", "2027"], (2024, 2027), []),  # clamped, not collapsed to one year
        (["2027", "1990"], (2024, 2027), []),
        (["1990", "3000"], (2024, 2029), []),
        (["3000"], (2029, 2029), []),
        (["2026"], (2026, 2026), []),
        (["²⁰²⁶", "2026"], (2026, 2026), ["²⁰²⁶"]),
        (["2025", "2026", "2027"], (2025, 2026), ["2027"]),
        (["x", "y"], (2024, 2029), ["x", "y"]),
    ],
)
def test_the_period_of_a_link(years, period, ignored):
    state, dropped = FilterState.from_query_params({"year": years}, OPTIONS)
    assert (state.year_from, state.year_to) == period
    assert dropped == [("year", v) for v in ignored]


@given(st.dictionaries(st.sampled_from(["year", "country", "metric", "x"]),
                       st.lists(st.text(max_size=8), max_size=4)))  # fmt: skip
def test_any_link_gives_a_state_within_the_options(params):
    state, _ = FilterState.from_query_params(params, OPTIONS)
    assert OPTIONS.year_min <= state.year_from <= state.year_to <= OPTIONS.year_max
    assert set(state.countries) <= set(OPTIONS.countries)
    assert state.metric in OPTIONS.metrics
