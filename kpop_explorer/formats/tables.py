"""Tables as people read them: codes in words, countries by name, columns with plain titles."""

from __future__ import annotations

from functools import partial

import pandas as pd

from kpop_explorer.datasets.validation import DataError, reason_text
from kpop_explorer.formats import columns
from kpop_explorer.formats.columns import KINDS, KINDS_ATTR, kind_of, shown_kinds
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.messages import shown_params

# Columns holding codes, and the vocabulary their labels come from (declared in `columns`).
CODE_COLUMNS = {c: k.vocabulary for c, k in KINDS.items() if k.name == columns.CODE}
INTERNAL_COLUMNS = ("id", "hover", "color", "size")
# Fractions of a whole (0.84 is 84%): shown as percentages.
SHARE_COLUMNS = tuple(c for c, k in KINDS.items() if k.name == columns.SHARE)


def problems_for_display(problems: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Row problems with their reasons in the viewer's language."""
    shown = problems.assign(reason=[reason_text(r, t) for r in problems["reason"]])
    return shown.rename(columns=lambda c: t(f"column.{c}"))


def failure_text(failure: DataError, t: Translator) -> str:
    """A whole-file problem in the viewer's language, with the dataset's translated title."""
    params = dict(failure.params)
    if "dataset" in params:
        params["title"] = t(f"schema.{params['dataset']}.title")
    return t(failure.key, **shown_params(params, t))  # a detail may be a message in turn


def for_display(table: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The table as people read it: codes, countries and yes/no in words, cities by their name
    in the viewer's language (read with the row's country), years as years, dates as dates,
    columns under their titles. Each shown column's kind (`columns`) rides
    along in `attrs`, so every surface that writes the table formats it the same way."""
    shown = table.drop(columns=[c for c in INTERNAL_COLUMNS if c in table.columns])
    shown = shown.copy()
    kinds = {}
    for column in shown.columns:
        kind = kind_of(column, shown[column])
        values = shown[column]
        if kind.name == columns.CODE:
            shown[column] = values.map(partial(columns.label, kind, t=t))
        elif kind.name == columns.COUNTRY:
            shown[column] = values.map(t.country)
        elif kind.name == columns.CITY:
            countries = table["country"] if "country" in table else [""] * len(table)
            shown[column] = [t.city(c, k) for c, k in zip(values, countries, strict=True)]
        elif kind.name == columns.FLAG:
            shown[column] = [columns.text(v, kind, t) for v in values]
            kind = columns.Kind(columns.TEXT)
        elif kind.name == columns.YEAR and pd.api.types.is_numeric_dtype(values):
            shown[column] = values.astype(float).round().astype("Int64")
        elif pd.api.types.is_datetime64_any_dtype(values):  # dates, months, quarters
            shown[column] = values.dt.date
        kinds[t(f"column.{column}")] = kind
    shown = shown.rename(columns=lambda c: t(f"column.{c}"))
    shown.attrs[KINDS_ATTR] = {title: [k.name, k.vocabulary] for title, k in kinds.items()}
    return shown


def number_formats(shown: pd.DataFrame, t: Translator) -> dict[str, str]:
    """How a browser table formats each number column of a `for_display` table, by its shown
    title, from the column's declared kind: shares as percentages, amounts in euros, years
    without separators, every other number with the browser's thousands separators ("49,280",
    "49 280"), which Streamlit leaves out unless told."""
    return {column: spec[0] for column, spec in _browser(shown).items()}


def number_steps(shown: pd.DataFrame) -> dict[str, float]:
    """The step of each number column: Streamlit shows as many decimals as it has."""
    return {column: spec[1] for column, spec in _browser(shown).items()}


def _browser(shown: pd.DataFrame) -> dict[str, tuple[str, float]]:
    found = {}
    for column, kind in shown_kinds(shown).items():
        values = shown[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        spec = columns.browser_format(kind, columns.digits(kind, values))
        if spec is not None:
            found[column] = spec
    return found


def only_used_categories(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows to send to a browser table: a categorical column would otherwise carry every
    category of the whole dataset (every initiative id, for a page of a few rows)."""
    categorical = [c for c in rows.columns if isinstance(rows[c].dtype, pd.CategoricalDtype)]
    return rows.assign(**{c: rows[c].cat.remove_unused_categories() for c in categorical})
