"""The caches shared by sessions: equal inputs reuse one figure or scorecard, any other input
builds again."""

from __future__ import annotations

import pandas as pd
import pytest

from components import cached
from kpop_explorer.charts import figures
from kpop_explorer.charts.panels import chart
from kpop_explorer.i18n import Translator


def ranking(table: pd.DataFrame, lang: str = "en", *, dark: bool = False, font_size=None):
    spec = chart(figures.ranking_bars, table, "country", "value", Translator(lang),
                 axis_title="Streams")  # fmt: skip
    return cached.figure(
        "kpop_explorer.charts.figures.ranking_bars",
        spec.args,
        spec.kwargs,
        dark=dark,
        font_size=font_size,
        _build=spec.build,
    )


@pytest.fixture
def table():
    return pd.DataFrame({"country": ["DE", "FR", "PL"], "value": [30.0, 20.0, 10.0]})


def bar_values(figure) -> list[float]:
    return sorted(float(v) for v in figure.data[-1].x)


def test_equal_inputs_share_one_figure(table):
    assert ranking(table) is ranking(table.copy())


def test_a_changed_value_builds_a_new_figure(table):
    before = ranking(table)
    changed = table.assign(value=[30.0, 20.0, 99.0])
    after = ranking(changed)
    assert after is not before
    assert bar_values(after) == [20.0, 30.0, 99.0]
    assert bar_values(ranking(table)) == [10.0, 20.0, 30.0]  # the first is still right


def test_language_theme_and_presenter_size_are_part_of_the_key(table):
    english = ranking(table)
    french = ranking(table, "fr")
    assert "Allemagne" in list(french.data[-1].y)
    assert "Germany" in list(english.data[-1].y)
    dark = ranking(table, dark=True)
    assert dark is not english
    large = ranking(table, font_size=20)
    assert large.layout.font.size == 20
    assert english.layout.font.size != 20


def test_fingerprint_follows_content_not_identity(table):
    same = pd.DataFrame({"country": ["DE", "FR", "PL"], "value": [30.0, 20.0, 10.0]})
    assert cached.content_fingerprint(same) == cached.content_fingerprint(table)
    changes = [
        table.assign(value=[30.0, 20.0, 10.5]),
        table.iloc[[1, 0, 2]],
        table.rename(columns={"value": "streams"}),
        table.astype({"country": "category"}),
        table.set_axis([5, 6, 7]),
    ]
    prints = {cached.content_fingerprint(frame) for frame in changes}
    assert len(prints) == len(changes)
    assert cached.content_fingerprint(table) not in prints


def test_a_table_that_cannot_be_pickled_still_gets_a_content_key(table):
    odd = table.copy()
    odd.attrs["formatter"] = lambda v: v  # a lambda does not pickle
    changed = odd.assign(value=[30.0, 20.0, 11.0])
    changed.attrs["formatter"] = odd.attrs["formatter"]
    assert cached.content_fingerprint(odd) == cached.content_fingerprint(odd.copy())
    assert cached.content_fingerprint(odd) != cached.content_fingerprint(changed)
    assert ranking(odd) is ranking(odd.copy())  # and the figure cache takes it


# The scorecards of the shipped data, shared by sessions the same way.


AS_OF = pd.Timestamp("2026-06-01")
SCOPES = ("country", "initiative_id")


def test_a_shared_figures_json_is_made_once_and_a_highlighted_copy_gets_its_own(table):
    import plotly.io as pio

    from components import plotly_element
    from kpop_explorer.charts.picks import highlighted

    shared = ranking(table)
    first = plotly_element._figure_json(shared)
    assert first == pio.to_json(shared, validate=False).encode()
    assert plotly_element._figure_json(ranking(table.copy())) is first  # not serialised again
    marked = highlighted(shared, ["FR"])
    assert marked is not shared
    assert b'"selectedpoints":[1]' in plotly_element._figure_json(marked)
    assert b"selectedpoints" not in first
