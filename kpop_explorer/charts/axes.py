"""Axis ticks written by Babel, so a chart's dates and numbers read in the viewer's language.

Plotly.js names months in English and writes 2M or 2B unless a locale bundle is fetched from a
CDN, which the app must not need. So the ticks are computed here: their positions, and their
labels in the same words and units as the labels on the marks and the KPI cards (janv., 1월,
1,5 M, 150만). One chart uses one number format for its ticks, labels and colour bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal

from kpop_explorer.i18n import Translator

MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)
COMPACT_FROM = 10_000  # from here on a chart's numbers are written short (12k, 1,2 M, 120만)
# The month in a unified hover's header, which Plotly writes itself: numbers only, or English.
HOVER_MONTH = {"en": "%b %Y", "fr": "%m/%Y", "ko": "%Y년 %-m월"}


def date_ticks(
    start: pd.Timestamp, end: pd.Timestamp, t: Translator, most: int = 8
) -> tuple[list[pd.Timestamp], list[str]]:
    """Ticks on the first of a month from `start` to `end`, at most `most` of them.

    Each reads as the month's short name, with the year under it where the year changes
    ("Jan<br>2025", "Apr", ...); ticks a year or more apart read as the year alone.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if pd.isna(start) or pd.isna(end) or end < start:
        return [], []
    span = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in MONTH_STEPS if span / s <= most), MONTH_STEPS[-1])
    months = start.year * 12 + start.month - 1
    first = -(-months // step) * step  # the first month at or after `start` on the step's grid
    if start.day > 1 and first == months:
        first += step
    ticks = [
        pd.Timestamp(month // 12, month % 12 + 1, 1)
        for month in range(first, end.year * 12 + end.month, step)
    ]
    if step >= 12:
        return ticks, [format_skeleton("y", tick, locale=t.locale) for tick in ticks]
    labels, year = [], None
    for tick in ticks:
        month = format_skeleton("MMM", tick, locale=t.locale)
        labels.append(month if tick.year == year else f"{month}<br>{_year(tick, t)}")
        year = tick.year
    return ticks, labels


def _year(value: pd.Timestamp, t: Translator) -> str:
    return format_skeleton("y", value, locale=t.locale)


def number_format(
    values: Iterable[float], t: Translator, *, percent: bool = False, digits: int = 0
) -> Callable[[float], str]:
    """How every number of one chart is written, chosen once from the largest of `values`."""
    if percent:
        return t.percent
    largest = max((abs(v) for v in values if v == v), default=0.0)
    if largest >= COMPACT_FROM:
        return lambda value: format_compact_decimal(value, locale=t.locale, fraction_digits=1)
    return lambda value: t.number(value, digits)


def value_ticks(
    low: float, high: float, written: Callable[[float], str], most: int = 6
) -> tuple[list[float], list[str]]:
    """Round tick positions from `low` to `high` (1, 2 or 5 times a power of ten apart)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low], [written(low)] if math.isfinite(low) else []
    rough = (high - low) / most
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    first = math.ceil(low / step - 1e-9)
    ticks = [round(i * step, 12) for i in range(first, math.floor(high / step + 1e-9) + 1)]
    return ticks, [written(tick) for tick in ticks]


def axis_ticks(
    low: float, high: float, written: Callable[[float], str], most: int = 6
) -> dict[str, object]:
    """`update_xaxes(**axis_ticks(...))`: the ticks as fixed positions with Babel's labels."""
    values, labels = value_ticks(low, high, written, most)
    return dict(tickmode="array", tickvals=values, ticktext=labels)


def date_axis(dates: Iterable[pd.Timestamp], t: Translator, most: int = 8) -> dict[str, object]:
    """`update_xaxes(**date_axis(...))` for an axis spanning `dates`."""
    series = pd.Series(list(dates), dtype="datetime64[ns]").dropna()
    if series.empty:
        return dict(type="date")
    values, labels = date_ticks(series.min(), series.max(), t, most)
    return dict(
        type="date", tickmode="array", tickvals=values, ticktext=labels,
        hoverformat=HOVER_MONTH.get(t.lang, HOVER_MONTH["en"]),
    )  # fmt: skip
