"""Tables as people read them: codes in words, countries by name, columns with plain titles."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.i18n import Translator
from kpop_explorer.messages import shown_params
from kpop_explorer.validation import DataError, reason_text

# Columns holding codes, and the vocabulary their labels come from.
CODE_COLUMNS = {
    "focus_area": "focus",
    "status": "status",
    "event_type": "event_type",
    "program_type": "program_type",
    "platform": "platform",
    "metric": "metric",
    "audience": "audience",
    "language": "language",
    "kpi_unit": "kpi_unit",
    "standing": "standing",  # ahead / on track / behind (`measures.standing`)
    "measure": "kpi",
    "weakest": "kpi",
    "projected_standing": "standing",  # at the end of the plan (`projection`)
    "method": "method",  # how a projection was made: trend or pace
}
COUNTRY_COLUMNS = ("country", "lead_country")
INTERNAL_COLUMNS = ("id", "hover", "color", "size")
# Fractions of a whole (0.84 is 84%): shown as percentages.
SHARE_COLUMNS = (
    "progress", "kpi_progress", "time_elapsed", "attainment", "growth", "utilisation",
    "weakest_attainment", "projected_attainment", "error", "naive_error",
)  # fmt: skip


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
    shown = table.drop(columns=[c for c in INTERNAL_COLUMNS if c in table.columns])
    shown = shown.copy()
    for column, vocabulary in CODE_COLUMNS.items():
        if column in shown:
            shown[column] = shown[column].map(lambda code, v=vocabulary: t.label(v, code))
    for column in COUNTRY_COLUMNS:
        if column in shown:
            shown[column] = shown[column].map(t.country)
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.date
    return shown.rename(columns=lambda c: t(f"column.{c}"))


def number_formats(shown: pd.DataFrame, t: Translator) -> dict[str, str]:
    """How a browser table formats each number column of a `for_display` table, by its shown
    title: shares as percentages, every other number with the viewer's thousands separators
    ("49,280", "49 280"), which Streamlit leaves out unless told."""
    shares = {t(f"column.{column}") for column in SHARE_COLUMNS}
    return {
        column: "percent" if column in shares else "localized"
        for column in shown.columns
        if pd.api.types.is_numeric_dtype(shown[column])
        and not pd.api.types.is_bool_dtype(shown[column])
    }


def only_used_categories(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows to send to a browser table: a categorical column would otherwise carry every
    category of the whole dataset (every initiative id, for a page of a few rows)."""
    categorical = [c for c in rows.columns if isinstance(rows[c].dtype, pd.CategoricalDtype)]
    return rows.assign(**{c: rows[c].cat.remove_unused_categories() for c in categorical})
