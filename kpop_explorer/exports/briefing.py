"""What a view showed, collected as its page renders, and the briefing workbook made from it.

A page records its headline, KPIs, charts, tables, chart selections and facets here while it
draws; the briefing (Excel) and the deck (`deck.py`) are built from that record only when someone
clicks, so they show exactly what was on screen and cost a page run nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from kpop_explorer.exports.spreadsheets import to_excel_bytes
from kpop_explorer.formats.columns import SHARE, UNITS, Kind, excel_format, excel_formats
from kpop_explorer.i18n import Translator
from kpop_explorer.links.filters import BY_NAME, GLOBAL_FIELDS, FilterOptions, FilterState
from kpop_explorer.measures import Result

# Excel number formats of a KPI by its unit; a share of the plan is a percentage.
KPI_FORMATS = {unit: excel_format(Kind(kind)) for unit, kind in UNITS.items()}
PERCENT_FORMAT = excel_format(Kind(SHARE))
NUMBER_FORMAT = "#,##0.##"


@dataclass(frozen=True)
class ShownKpi:
    """A KPI card as the page showed it: the measure itself and its words on screen."""

    kpi: Result
    label: str
    value_text: str
    target_text: str


@dataclass(frozen=True)
class ChartRecord:
    """A chart as drawn: the figure builder and its inputs, so a deck can redraw it natively."""

    title: str
    subtitle: str
    table: pd.DataFrame
    build: Callable[..., Any]
    args: tuple
    kwargs: dict
    source: str
    illustrative: bool


@dataclass
class Briefing:
    """What the page showed, collected as it renders."""

    headline: str = ""
    kpis: list[ShownKpi] = field(default_factory=list)
    charts: list[ChartRecord] = field(default_factory=list)
    tables: list[tuple[str, Callable[[], pd.DataFrame]]] = field(default_factory=list)
    selections: list[list[str]] = field(default_factory=list)  # labels picked on a chart
    narrowed: list[tuple[str, str]] = field(default_factory=list)  # other (name, value): a search


def filter_lines(
    state: FilterState,
    options: FilterOptions,
    t: Translator,
    facets: tuple[str, ...] = (),
    selections: list[list[str]] | None = None,
    narrowed: list[tuple[str, str]] | None = None,
) -> list[tuple[str, str]]:
    """(name, values) for every filter, facet of the page, chart selection and other narrowing
    (a search) of the view; empty when the view shows everything."""
    default = FilterState.default(options)
    lines = []
    if (state.year_from, state.year_to) != (default.year_from, default.year_to):
        years = f"{state.year_from}–{state.year_to}" if state.year_to != state.year_from else ""
        lines.append((t("filter.period"), years or str(state.year_from)))
    for f in fields(state):
        if f.name not in BY_NAME or (f.name not in GLOBAL_FIELDS and f.name not in facets):
            continue
        value = getattr(state, f.name)
        if not BY_NAME[f.name].single and value == getattr(default, f.name):
            continue
        codes = value if isinstance(value, tuple) else (value,)
        words = BY_NAME[f.name].words(t)
        lines.append((t(BY_NAME[f.name].label), ", ".join(words(c) for c in codes)))
    for picked in selections or []:
        lines.append((t("briefing.selection"), ", ".join(picked)))
    return lines + list(narrowed or [])


def filter_summary(lines: list[tuple[str, str]], t: Translator) -> str:
    """The filters in one sentence; "no filter" only when nothing at all narrowed the view."""
    if not lines:
        return t("filter.summary_none")
    items = [t("briefing.filter_item", name=name, value=value) for name, value in lines]
    return t("filter.summary", filters=" · ".join(items))


def kpi_table(kpis: list[ShownKpi], t: Translator) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The KPIs as numbers a spreadsheet can compute with, and each row's number format."""
    table = pd.DataFrame(
        {
            t("briefing.kpi"): [k.label for k in kpis],
            t("briefing.value"): [k.kpi.value for k in kpis],
            t("briefing.target_value"): [k.kpi.due for k in kpis],
            t("briefing.progress"): [k.kpi.progress for k in kpis],
            t("briefing.as_shown"): [k.value_text for k in kpis],
        }
    )
    unit_formats = [KPI_FORMATS.get(k.kpi.unit, NUMBER_FORMAT) for k in kpis]
    formats = {
        t("briefing.value"): unit_formats,
        t("briefing.target_value"): unit_formats,
        t("briefing.progress"): [PERCENT_FORMAT] * len(kpis),
    }
    return table, formats


def table_formats(shown: pd.DataFrame, t: Translator) -> dict[str, str]:
    """Number formats of a `tables.for_display` table, from each column's declared kind."""
    return excel_formats(shown, t)


def distinct_tables(briefing: Briefing) -> list[tuple[str, pd.DataFrame]]:
    """Each table once: two panels drawn from the same rows (a chart and its timeline, a map
    and the list of its events in date order) give one sheet, named after the first."""
    kept: list[tuple[str, pd.DataFrame]] = []
    for name, make in briefing.tables:
        table = make()
        if not any(same_rows(table, other) for _, other in kept):
            kept.append((name, table))
    return kept


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two tables hold the same rows of the same columns, in whatever order."""
    if a.shape != b.shape or set(a.columns) != set(b.columns) or a.columns.has_duplicates:
        return False
    if a.equals(b):
        return True
    b = b[list(a.columns)]
    return _sorted_text(a).equals(_sorted_text(b))


def _sorted_text(table: pd.DataFrame) -> pd.DataFrame:
    text = table.astype(str).reset_index(drop=True)
    return text.sort_values(list(text.columns), kind="stable", ignore_index=True)


def workbook(
    briefing: Briefing,
    title: str,
    lines: list[tuple[str, str]],
    as_of: pd.Timestamp,
    t: Translator,
    source_note: str,
) -> bytes:
    """The briefing: a summary sheet (view, every filter, facet and selection, as-of date, the
    data's status), the KPIs as numbers, then one sheet per distinct table."""
    fields_ = [t("briefing.view"), t("briefing.filters")]
    values = [title, filter_summary(lines, t)]
    for name, value in lines:
        fields_.append(f"  {name}")
        values.append(value)
    fields_ += [t("briefing.data_as_of"), t("briefing.note")]
    values += [t.date(as_of), source_note]
    if briefing.headline:
        fields_.insert(1, t("briefing.headline"))
        values.insert(1, briefing.headline)
    about = pd.DataFrame({t("briefing.field"): fields_, t("briefing.value"): values})
    sheets = {t("briefing.summary"): about}
    formats: dict[str, dict] = {}
    if briefing.kpis:
        kpis, formats[t("briefing.kpis")] = kpi_table(briefing.kpis, t)
        sheets[t("briefing.kpis")] = kpis
    for name, table in distinct_tables(briefing):
        number = 1
        while (name if number == 1 else f"{name} ({number})") in sheets:
            number += 1
        name = name if number == 1 else f"{name} ({number})"
        sheets[name] = table
        formats[name] = table_formats(table, t)
    return to_excel_bytes(sheets, formats)
