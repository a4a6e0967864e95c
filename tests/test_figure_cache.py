"""The caches shared by sessions: equal inputs reuse one figure or scorecard, any other input
builds again."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from components import cached
from kpop_explorer import figures, measures
from kpop_explorer.filters import FilterState
from kpop_explorer.i18n import Translator
from kpop_explorer.loading import DATA_DIR_ENV, REPO_DATA_DIR
from kpop_explorer.panels import chart


def ranking(table: pd.DataFrame, lang: str = "en", *, dark: bool = False, font_size=None):
    spec = chart(figures.ranking_bars, table, "country", "value", Translator(lang),
                 axis_title="Streams")  # fmt: skip
    return cached.figure(
        "kpop_explorer.figures.ranking_bars",
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


@pytest.fixture
def judged(monkeypatch):
    """The scopes `measures.scorecard` is really asked to judge, in order."""
    calls = []
    real = measures.scorecard

    def counting(selection, by):
        calls.append(by)
        return real(selection, by)

    cached._shipped_scorecards.clear()
    monkeypatch.setattr(measures, "scorecard", counting)
    return calls


def test_a_second_session_with_the_same_view_reuses_the_scorecards(judged):
    state = FilterState(2024, 2027, countries=("FR", "DE"))
    first = cached.shipped_scorecards(state, AS_OF, SCOPES)
    second = cached.shipped_scorecards(state, AS_OF, SCOPES)
    assert judged == ["country", "initiative_id"]
    assert second["country"] is first["country"]
    assert set(first["country"]["country"]) == {"FR", "DE"}


def test_other_filters_or_another_date_are_judged_again(judged):
    france = FilterState(2024, 2027, countries=("FR",))
    spain = FilterState(2024, 2027, countries=("ES",))
    assert set(cached.shipped_scorecards(france, AS_OF, SCOPES)
               ["country"]["country"]) == {"FR"}  # fmt: skip
    assert set(cached.shipped_scorecards(spain, AS_OF, SCOPES)
               ["country"]["country"]) == {"ES"}  # fmt: skip
    later = AS_OF + pd.DateOffset(months=6)
    cached.shipped_scorecards(france, later, SCOPES)
    assert judged == ["country", "initiative_id"] * 3


def test_a_changed_data_file_is_judged_again(judged, monkeypatch, tmp_path):
    state = FilterState(2024, 2027)
    cached.shipped_scorecards(state, AS_OF, SCOPES)
    copy = tmp_path / "data"
    shutil.copytree(REPO_DATA_DIR, copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(copy))
    cached.shipped_scorecards(state, AS_OF, SCOPES)
    assert judged == ["country", "initiative_id"] * 2  # another folder is judged from its files
    cached.shipped_scorecards(state, AS_OF, SCOPES)
    assert judged == ["country", "initiative_id"] * 2  # the same files: the same signature
    events = copy / "live_events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cached.shipped_scorecards(state, AS_OF, SCOPES)
    assert judged == ["country", "initiative_id"] * 3


def test_a_shared_figures_json_is_made_once_and_a_highlighted_copy_gets_its_own(table):
    import plotly.io as pio

    from components import plotly_element
    from kpop_explorer.selection import highlighted

    shared = ranking(table)
    first = plotly_element._figure_json(shared)
    assert first == pio.to_json(shared, validate=False).encode()
    assert plotly_element._figure_json(ranking(table.copy())) is first  # not serialised again
    marked = highlighted(shared, ["FR"])
    assert marked is not shared
    assert b'"selectedpoints":[1]' in plotly_element._figure_json(marked)
    assert b"selectedpoints" not in first


def test_the_shipped_scorecards_are_those_of_the_view_they_are_keyed_by(judged):
    spain = FilterState(2024, 2027, countries=("ES",))
    frames = {name: loaded.frame for name, loaded in cached.datasets().items()}
    own = measures.select(frames, spain, AS_OF).scorecard("country")
    shared = cached.shipped_scorecards(spain, AS_OF, SCOPES)["country"]
    pd.testing.assert_frame_equal(shared, own)
    assert set(shared["country"]) == {"ES"}
