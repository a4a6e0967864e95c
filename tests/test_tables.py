"""Tables as people read them, and what the browser's tables are sent.

Expected texts are copied by hand from the locale files; frames are built here.
"""

from __future__ import annotations

import datetime

import pandas as pd

from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import DataError, validate
from kpop_explorer.formats.tables import (
    failure_text,
    for_display,
    number_formats,
    number_steps,
    only_used_categories,
    problems_for_display,
)
from kpop_explorer.i18n import Translator

FRENCH = Translator("fr")


def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["E1", "E2"],  # a chart's internal columns, never shown
            "hover": ["<b>x</b>", "<b>y</b>"],
            "color": ["#fff", "#000"],
            "size": [3, 4],
            "name": ["Summer festival", "Autumn showcase"],
            "event_type": ["festival", "showcase"],
            "status": ["on_hold", "completed"],
            "focus_area": ["live_events", "education"],
            "country": ["DE", "FR"],
            "lead_country": ["FR", "XK"],
            "start_date": pd.to_datetime(["2025-07-01", "2026-10-03"]),
            "capacity": [40000, 1985],
            "utilisation": [0.5, 0.75],
            "sold_out": [False, True],
        }
    )


def test_codes_become_words_and_columns_get_titles(t):
    shown = for_display(events(), t)
    assert list(shown.columns) == [
        "Name", "Type", "Status", "Focus area", "Country", "Lead country", "Start", "Capacity",
        "Capacity used", "column.sold_out",
    ]  # fmt: skip
    assert shown["Type"].tolist() == ["Festival", "Showcase"]
    assert shown["Status"].tolist() == ["On hold", "Completed"]
    assert shown["Focus area"].tolist() == ["Live Events", "Education"]
    assert shown["Country"].tolist() == ["Germany", "France"]
    assert shown["Lead country"].tolist() == ["France", "Kosovo"]
    assert shown["Start"].tolist() == [datetime.date(2025, 7, 1), datetime.date(2026, 10, 3)]
    assert shown["Capacity"].tolist() == [40000, 1985]
    assert shown["Name"].tolist() == ["Summer festival", "Autumn showcase"]


def test_tables_follow_the_language():
    shown = for_display(events(), FRENCH)
    assert shown["Statut"].tolist() == ["En pause", "Terminé"]
    assert shown["Pays"].tolist() == ["Allemagne", "France"]
    assert shown["Début"].tolist() == [datetime.date(2025, 7, 1), datetime.date(2026, 10, 3)]


def test_a_code_without_a_label_is_shown_as_it_is(t):
    shown = for_display(pd.DataFrame({"status": ["someday"], "country": ["Q1"]}), t)
    assert shown.iloc[0].tolist() == ["someday", "Q1"]


def test_the_table_given_is_left_as_it_was(t):
    table = events()
    for_display(table, t)
    assert table["status"].tolist() == ["on_hold", "completed"]
    assert list(table.columns)[:4] == ["id", "hover", "color", "size"]


def test_numbers_get_thousands_separators_and_shares_percentages(t):
    shown = for_display(events(), t)
    assert number_formats(shown, t) == {
        "Capacity": "localized",
        "Capacity used": "percent",
    }  # text, dates and the yes/no column are left to the grid


def test_number_formats_follow_the_language():
    shown = for_display(events(), FRENCH)
    assert number_formats(shown, FRENCH) == {
        "Capacité": "localized",
        "Taux de remplissage": "percent",
    }


def test_every_share_column_is_a_percentage(t):
    shares = pd.DataFrame(
        {c: [0.5] for c in ("progress", "kpi_progress", "time_elapsed", "attainment", "growth")}
    )
    assert set(number_formats(for_display(shares, t), t).values()) == {"percent"}


def test_a_whole_file_problem_names_the_dataset_in_the_viewers_language():
    failure = DataError("error.no_rows", title="Live events", dataset="live_events")
    assert failure_text(failure, Translator("en")) == "The file for Live events has no data rows."
    assert failure_text(failure, FRENCH) == (
        "Le fichier des données « Événements live » ne contient aucune ligne de données."
    )


def test_a_problem_without_a_dataset_keeps_its_own_values(t):
    failure = DataError("error.no_rows", title="my upload")
    assert failure_text(failure, t) == "The file for my upload has no data rows."


def test_row_problems_are_listed_in_the_viewers_language():
    schema = SCHEMAS["digital_metrics"]
    raw = pd.DataFrame(
        {
            "month": ["2025-01-01", "janvier"],
            "country": ["FR; QQ", "FR"],
            "platform": ["music_streaming", "music_streaming"],
            "initiative_id": ["INI-001", "INI-001"],
            "metric": ["streams", "streams"],
            "target": ["10", "10"],
            "actual": ["", ""],
        }
    ).reindex(columns=schema.column_names, fill_value="")
    problems = validate(raw, schema, {"initiatives.initiative_id": {"INI-001"}}).problems
    shown = problems_for_display(problems, FRENCH)
    assert {"Ligne", "Colonne", "Valeur", "Problème"} <= set(shown.columns)
    by_value = dict(zip(shown["Valeur"], shown["Problème"], strict=True))
    assert by_value["janvier"] == "pas une date au format YYYY-MM-DD"
    assert by_value["FR; QQ"] == "code pays inconnu"


def test_a_page_of_rows_carries_only_its_own_categories():
    rows = pd.DataFrame(
        {
            "n": [1, 2, 3],
            "code": pd.Categorical(["a", "b", "a"], categories=list("abcd")),
            "other": pd.Categorical(["x", "x", "y"], categories=list("xyz")),
        }
    )
    page = only_used_categories(rows.head(2))
    assert page["n"].tolist() == [1, 2]
    assert list(page["code"].cat.categories) == ["a", "b"]
    assert list(page["other"].cat.categories) == ["x"]
    assert page["code"].tolist() == ["a", "b"]


def test_each_column_is_shown_as_its_declared_kind(t):
    table = pd.DataFrame(
        {
            "opening_year": [2011.0, None],  # a year, not "2,011"
            "lower_bound": [True, False],  # a flag, in words
            "category": ["king_sejong_institute", "korean_cultural_centre"],  # a code, in words
            "month": pd.to_datetime(["2024-01-01", "2024-02-01"]),  # a month, a date
            "due": [45_035.8, 12.0],  # a count: no decimals on screen
            "satisfaction": [4.2, 4.38],  # a rating: one decimal
        }
    )
    shown = for_display(table, t)
    assert shown["Opened"].tolist()[0] == 2011 and pd.isna(shown["Opened"].tolist()[1])
    assert shown["Lower bound only"].tolist() == ["yes", "no"]
    assert shown["Kind"].tolist() == ["King Sejong Institute", "Korean Cultural Centre"]
    assert shown["Month"].tolist() == [datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)]
    assert number_formats(shown, t) == {
        "Opened": "%d", "Due by now": "localized", "Satisfaction (1–5)": "localized",
    }  # fmt: skip
    assert number_steps(shown) == {"Opened": 1.0, "Due by now": 1.0, "Satisfaction (1–5)": 0.1}
