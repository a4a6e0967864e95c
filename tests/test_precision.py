"""A share beside its standing is never rounded into the next band (94.6%, not 95%, beside
Behind); worked out by hand from the band: on track is from 95% to under 105% of what was due."""

from __future__ import annotations

import pytest

from kpop_explorer.formats.precision import attainment_text, standing_digits
from kpop_explorer.i18n import Translator

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("ratio", "digits", "en", "fr"),
    [
        (0.84, 0, "84%", f"84{NBSP}%"),  # far from a band's edge: whole percents
        (0.946, 1, "94.6%", f"94,6{NBSP}%"),  # 95% would read on track; it is behind
        (0.9496, 2, "94.96%", f"94,96{NBSP}%"),  # 95.0% (one decimal) would still read on track
        (0.95, 0, "95%", f"95{NBSP}%"),  # on the edge: on track, and 95% says so
        (1.046, 1, "104.6%", f"104,6{NBSP}%"),  # on track; 105% would read ahead
        (1.05, 0, "105%", f"105{NBSP}%"),  # ahead
        (0.7976, 0, "80%", f"80{NBSP}%"),  # the scorecard's 79.76%: behind either way
    ],
)
def test_the_fewest_decimals_that_keep_the_standing(ratio, digits, en, fr):
    assert standing_digits(ratio) == digits
    assert attainment_text(ratio, Translator("en")) == en
    assert attainment_text(ratio, Translator("fr")) == fr


def test_korean_and_missing_values():
    assert attainment_text(0.946, Translator("ko")) == "94.6%"
    assert attainment_text(None, Translator("en")) == "–"
    assert standing_digits(float("nan")) == 0


def test_the_plan_vs_actual_bars_label_a_share_as_its_standing_needs():
    import pandas as pd

    from kpop_explorer.charts import figures, theme

    table = pd.DataFrame({"focus_area": ["education", "live_events"], "progress": [0.946, 0.81]})
    figure = figures.progress_bars(
        table, "focus_area", "focus", Translator("en"), colors=theme.FOCUS_COLORS, axis_title="x"
    )
    assert list(figure.data[1].text) == ["94.6%", "81%"]  # not "95%" for an area behind
