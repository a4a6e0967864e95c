"""What the browser's tables are sent: the rows of one page, with only the categories they use."""

from __future__ import annotations

import pandas as pd

from kpop_explorer import measures
from kpop_explorer.i18n import Translator
from kpop_explorer.tables import for_display, number_formats, only_used_categories


def test_a_page_of_rows_carries_only_its_own_categories(shipped, t):
    events = shipped["live_events"]
    assert isinstance(events["initiative_id"].dtype, pd.CategoricalDtype)
    page = only_used_categories(for_display(events, t).head(5))
    for column in page.columns:
        if isinstance(page[column].dtype, pd.CategoricalDtype):
            assert set(page[column].cat.categories) == set(page[column].dropna())
    assert len(page) == 5
    assert page.astype(str).equals(for_display(events, t).head(5).astype(str))  # same values


def test_columns_that_are_not_categorical_are_left_alone():
    rows = pd.DataFrame({"n": [1, 2], "code": pd.Categorical(["a", "b"], categories=list("abcd"))})
    page = only_used_categories(rows)
    assert page["n"].tolist() == [1, 2]
    assert list(page["code"].cat.categories) == ["a", "b"]


def test_numbers_get_thousands_separators_and_shares_percentages(selection, t):
    shown = for_display(measures.utilisation_by_city(selection).assign(flag=True), t)
    formats = number_formats(shown, t)
    assert formats[t("column.events")] == "localized"
    assert formats[t("column.attendance")] == "localized"
    assert formats[t("column.utilisation")] == "percent"
    assert t("column.city") not in formats  # text
    assert "flag" not in formats  # a yes/no column is not a number to format


def test_number_formats_follow_the_language(selection):
    french = Translator("fr")
    shown = for_display(measures.utilisation_by_city(selection), french)
    assert number_formats(shown, french)[french("column.utilisation")] == "percent"
