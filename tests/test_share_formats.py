"""Share columns keep their percent format under every filter (issue 26).

Under `focus=education` or `country=BE` the scorecard's columns turned to text (a measure with
no rows in the view came as an untyped empty table), and a table's percent format only applies
to numbers: the shares showed as 0.853, 1.1634 and 1.
"""

from __future__ import annotations

import dataclasses

import pytest

from kpop_explorer import measures
from kpop_explorer.formats.tables import for_display, number_formats
from kpop_explorer.i18n import Translator

STATES = [
    {"focus_areas": ("education",)},
    {"focus_areas": ("live_events",)},
    {"focus_areas": ("digital_expansion",)},
    {"countries": ("BE",)},
    {"countries": ("FR", "IE")},
    {},
]


@pytest.mark.parametrize("change", STATES)
@pytest.mark.parametrize("scope", ["country", "initiative_id"])
def test_scorecard_shares_are_numbers_formatted_as_percent(shipped, everything, as_of, change,
                                                           scope):  # fmt: skip
    t = Translator("en")
    selection = measures.select(shipped, dataclasses.replace(everything, **change), as_of)
    long = selection.scorecard(scope)
    assert len(long) > 0
    for column in ("actual", "due", "target", "attainment"):
        assert long[column].dtype == "float64", column
    summary = for_display(selection.summary(scope), t)
    detail = for_display(long, t)
    assert number_formats(summary, t)["Share of what was due"] == "percent"
    assert number_formats(summary, t)["Weakest, share of what was due"] == "percent"
    assert number_formats(detail, t)["Share of what was due"] == "percent"
