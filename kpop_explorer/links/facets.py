"""Page facets that narrow each other, so no combination offered shows a page of empty charts.

A facet offers the values that the rows matching every *other* facet still hold (the sidebar's
filters already applied), plus whatever is chosen in it now: a choice never disappears from
under the viewer's finger. When a combination still comes out empty (a link, or a sidebar change
after the choice), `empty_because` names the facet to clear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from kpop_explorer.links.filters import BY_NAME, FILTERS, FilterOptions, FilterState

Choices = Mapping[str, Sequence[str]]  # column -> chosen codes (empty: no restriction)


def _matching(rows: pd.DataFrame, chosen: Choices, *, leave_out: str | None = None) -> pd.Series:
    keep = pd.Series(True, index=rows.index)
    for column, values in chosen.items():
        if column != leave_out and values:
            keep &= rows[column].isin(list(values))
    return keep


def options(
    rows: pd.DataFrame, chosen: Choices, order: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """For each facet column in `order`, its values still present given the other facets' choices,
    and its own chosen values, in the order `order` lists them."""
    offered = {}
    for column, canonical in order.items():
        present = set(rows.loc[_matching(rows, chosen, leave_out=column), column].dropna().unique())
        present |= set(chosen.get(column, ()))
        offered[column] = tuple(value for value in canonical if value in present)
    return offered


def single_choice(value: str, offered: Sequence[str]) -> str | None:
    """A required single-choice facet's value: kept if still offered, else the first offered."""
    if value in offered:
        return value
    return offered[0] if offered else None


def empty_because(rows: pd.DataFrame, chosen: Choices) -> str | None:
    """The facet column whose choice empties `rows`, or None when something matches (or when
    nothing would match even with every facet cleared: the sidebar's filters are the cause)."""
    if rows.empty or _matching(rows, chosen).any():
        return None
    for column, values in chosen.items():
        if values and _matching(rows, chosen, leave_out=column).any():
            return column
    return next((column for column, values in chosen.items() if values), None)


# A page facet's field in `FilterState` -> its column in the rows (declared in `filters.FILTERS`).
COLUMNS = {f.name: f.column for f in FILTERS if not f.is_sidebar}


def _chosen(state: FilterState, name: str) -> tuple[str, ...]:
    value = getattr(state, name)
    return value if isinstance(value, tuple) else (value,)


def without_facets(state: FilterState, names: Sequence[str]) -> FilterState:
    """The state with the page's facets cleared: the rows the facets choose from."""
    return replace(state, **{name: () for name in names if not BY_NAME[name].single})


def page_options(
    rows: pd.DataFrame,
    state: FilterState,
    allowed: FilterOptions,
    names: Sequence[str],
    *,
    unnarrowing: Sequence[str] = (),
) -> dict[str, tuple[str, ...]]:
    """Each facet's offered values, by field name. A facet in `unnarrowing` (a required single
    choice, like the metric) narrows no other: a platform with none of its metrics would
    otherwise never be offered."""
    chosen = {COLUMNS[n]: () if n in unnarrowing else _chosen(state, n) for n in names}
    order = {COLUMNS[n]: getattr(allowed, BY_NAME[n].options) for n in names}
    offered = options(rows, chosen, order)
    # nothing left to choose from (the sidebar emptied the rows): every value, as without facets
    return {name: offered[COLUMNS[name]] or tuple(order[COLUMNS[name]]) for name in names}


def empty_facet(rows: pd.DataFrame, state: FilterState, names: Sequence[str]) -> str | None:
    """The field name of the facet whose choice empties the page, if one does."""
    column = empty_because(rows, {COLUMNS[n]: _chosen(state, n) for n in names})
    return next((n for n in names if COLUMNS[n] == column), None)


def narrowed(rows: pd.DataFrame, state: FilterState, names: Sequence[str]) -> pd.DataFrame:
    """`rows` cut by the facets `names` as `state` chooses them: the page's rows from the rows
    the facets chose from, without filtering everything again."""
    return rows[_matching(rows, {COLUMNS[n]: _chosen(state, n) for n in names})]
