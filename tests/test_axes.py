"""Ticks written by Babel: dates and numbers on the axes read in the viewer's language."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.charts import axes
from kpop_explorer.i18n import Translator


def test_a_year_of_months_reads_in_french_with_the_year_once():
    ticks, labels = axes.date_ticks(
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-01"), Translator("fr")
    )
    assert ticks == [pd.Timestamp(2024, m, 1) for m in (1, 3, 5, 7, 9, 11)]  # 12 months, <= 8
    assert labels == ["janv.<br>2024", "mars", "mai", "juil.", "sept.", "nov."]


def test_korean_months_and_years_carry_their_units():
    _, labels = axes.date_ticks(
        pd.Timestamp("2024-11-01"), pd.Timestamp("2025-02-01"), Translator("ko")
    )
    assert labels == ["11월<br>2024년", "12월", "1월<br>2025년", "2월"]


def test_years_apart_read_as_years_and_start_in_january():
    ticks, labels = axes.date_ticks(
        pd.Timestamp("2024-03-15"), pd.Timestamp("2030-06-01"), Translator("ko")
    )
    assert ticks == [pd.Timestamp(y, 1, 1) for y in range(2025, 2031)]
    assert labels[0] == "2025년"


def test_a_tick_never_falls_before_the_first_date():
    ticks, _ = axes.date_ticks(pd.Timestamp("2024-03-15"), pd.Timestamp("2024-06-30"), Translator())
    assert ticks == [pd.Timestamp(2024, m, 1) for m in (4, 5, 6)]


def test_korean_value_ticks_use_man_like_the_kpi_cards():
    written = axes.number_format([1_800_000], Translator("ko"))
    values, labels = axes.value_ticks(0, 1_800_000, written)
    assert values == [0, 500_000, 1_000_000, 1_500_000]
    assert labels == ["0", "50만", "100만", "150만"]


def test_one_format_per_chart_small_values_beside_large_ones_too():
    written = axes.number_format([5_000, 250_000], Translator("fr"))
    assert written(5_000) == "5\xa0k"  # not "5 000" beside "250 k"
    assert axes.number_format([950], Translator("fr"))(950) == "950"


def test_percent_ticks_in_french_spacing():
    values, labels = axes.value_ticks(0, 1.2, Translator("fr").percent)
    assert values == [0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]
    assert labels[:3] == ["0\xa0%", "20\xa0%", "40\xa0%"]
