"""The data dictionary: each column of a dataset as a person reads it, in their language.

One builder for the Data page and the template workbook's explaining sheet, both made from the
schema that validation enforces, so neither can drift from the rules.
"""

from __future__ import annotations

import pandas as pd

from kpop_explorer.datasets.schemas import Column, Schema
from kpop_explorer.datasets.validation import EARLIEST_DATE, LATEST_DATE
from kpop_explorer.i18n import Translator

_EXAMPLES = {
    "name": "K-pop Festival Paris 2026",
    "event_name": "K-pop Festival Paris 2026",
    "action_plan": "Joint K-pop festival in Europe",
    "objective": "Bring Korean and European acts to one stage",
    "target_audience": "K-pop fans in Europe",
    "expected_outcome": "Stronger fan engagement",
    "korean_partner": "Korean entertainment agency",
    "european_partner": "Paris concert promoter",
    "kpi_name": "Festival attendance",
    "city": "Paris",
    "venue": "Accor Arena",
    "lineup": "Korean girl group; European DJ",
    "artist_or_lineup": "Korean girl group",
    "partners": "Korean entertainment agency; local promoter",
    "institution": "Municipal library network, Paris",
    "host_institution": "Korean Cultural Centre",
    "venue_capacity_or_attendance": "20,000 seats",
    "category": "korean_cultural_centre",
    "indicator": "Hallyu fan club members",
    "region_or_country": "Europe",
    "value": "350000",
    "unit": "members",
    "note": "Confidence: high.",
    "initiative_id": "INI-001",
    "event_id": "EVT-0001",
    "program_id": "EDU-0001",
    "latitude": "48.8566",
    "longitude": "2.3522",
    "month": "2025-03-01",
    "satisfaction": "4.3",
    "opening_year": "2012",
    "reference_year": "2024",
    "year": "2024",
}
_KIND_EXAMPLES = {
    "text": "Text",
    "int": "1200",
    "float": "2500.5",
    "date": "2025-03-01",
    "country": "FR",
    "country_list": "FR;DE",
    "url": "https://example.org/source",
}


def column_example(column: Column) -> str:
    """A value that passes the column's checks, for templates and the data dictionary."""
    if column.name in _EXAMPLES:
        return _EXAMPLES[column.name]
    if column.allowed:
        example = column.allowed[0]
        return f"{example};{column.allowed[1]}" if column.kind == "country_list" else example
    example = _KIND_EXAMPLES.get(column.kind, "")
    if column.kind in ("int", "float") and column.min is not None and float(example) < column.min:
        return f"{column.min:g}"
    return example


def _limit(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _rules(column: Column, schema: Schema, t: Translator) -> str:
    rules = []
    if column.unique:
        rules.append(t("data.rule.unique"))
    if column.references:
        rules.append(t("data.rule.references", target=column.references))
    if column.first_of_month:
        rules.append(t("data.rule.first_of_month"))
    if column.kind == "date":
        rules.append(t("data.rule.dates", earliest=str(EARLIEST_DATE.date()),
                       latest=str(LATEST_DATE.date())))  # fmt: skip
    rules += [
        t("data.rule.after", column=rule.right)
        for rule in schema.row_rules
        if rule.left == column.name
    ]
    if schema.key and column.name in schema.key:
        rules.append(t("data.rule.key", columns=", ".join(schema.key)))
    return t("data.rule.join").join(rules)


def data_dictionary(schema: Schema, t: Translator) -> pd.DataFrame:
    """One row per column: name, type, required, allowed values, limits, rules, meaning and a
    value that passes, under headers in the viewer's language."""
    rows = [
        {
            t("data.dict.column"): column.name,
            t("data.dict.type"): t(f"data.kind.{column.kind}"),
            t("data.dict.required"): t("data.no") if column.nullable else t("data.yes"),
            t("data.dict.allowed"): ", ".join(column.allowed) if column.allowed else "",
            t("data.dict.min"): _limit(column.min),
            t("data.dict.max"): _limit(column.max),
            t("data.dict.rules"): _rules(column, schema, t),
            t("data.dict.description"): t(f"schema.{schema.name}.{column.name}"),
            t("data.dict.example"): column_example(column),
        }
        for column in schema.columns
    ]
    return pd.DataFrame(rows)
