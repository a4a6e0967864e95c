"""Reading a chart selection: the ids of the marks picked, from the state Streamlit returns."""

from __future__ import annotations

import pytest

from kpop_explorer.charts.picks import MAX_LABELS_NAMED, highlighted, named_labels, selected_ids


def state(*points: dict) -> dict:
    """A selection as `st.plotly_chart(on_select=...)` returns it."""
    return {"selection": {"points": list(points), "point_indices": [], "box": [], "lasso": []}}


def test_the_id_is_the_first_item_of_each_marks_customdata():
    picked = state(
        {"point_index": 3, "customdata": ["DE", "12 events"]},
        {"point_index": 0, "customdata": ["FR", "40 events"]},
    )
    assert selected_ids(picked) == ["DE", "FR"]  # in the order picked, not sorted


def test_a_mark_whose_customdata_is_a_single_value_or_a_tuple():
    assert selected_ids(state({"customdata": "EV-0007"}, {"customdata": ("EV-0002", 5)})) == [
        "EV-0007",
        "EV-0002",
    ]


def test_ids_picked_twice_count_once():
    picked = state({"customdata": ["FR"]}, {"customdata": ["DE"]}, {"customdata": ["FR"]})
    assert selected_ids(picked) == ["FR", "DE"]


def test_numbers_are_read_as_text():
    assert selected_ids(state({"customdata": [2026]}, {"customdata": 7})) == ["2026", "7"]


def test_marks_without_an_id_are_skipped():
    picked = state({"x": 1}, {"customdata": []}, {"customdata": None}, {"customdata": ["IT"]})
    assert selected_ids(picked) == ["IT"]


@pytest.mark.parametrize(
    "nothing",
    [None, {}, {"selection": {}}, state(), {"selection": {"points": []}}, {"other": [1]}],
)
def test_no_selection_picks_nothing(nothing):
    assert selected_ids(nothing) == []


def test_a_zero_id_is_still_an_id():
    assert selected_ids(state({"customdata": [0]}, {"customdata": 0.0})) == ["0", "0.0"]


def test_the_note_names_the_first_marks_and_counts_the_rest():
    assert MAX_LABELS_NAMED == 6
    assert named_labels(["France"]) == "France"
    assert named_labels(["France", "Germany"]) == "France, Germany"
    six = ["A", "B", "C", "D", "E", "F"]
    assert named_labels(six) == "A, B, C, D, E, F"
    assert named_labels([*six, "G"]) == "A, B, C, D, E, F +1"
    assert named_labels([*six, "G", "H", "I"]) == "A, B, C, D, E, F +3"
    assert named_labels([]) == ""


# --- A selection drawn as selected (a link's selection looks like a click's) ----------------


def map_figure():
    import plotly.graph_objects as go

    return go.Figure(
        [
            go.Choropleth(locations=["FRA", "DEU", "POL"], z=[1, 2, 3],
                          customdata=[["FR", 10], ["DE", 20], ["PL", 30]]),
            go.Scattergeo(lon=[2.3, 13.4], lat=[48.9, 52.5], customdata=["place:Paris", "BER"]),
        ]
    )  # fmt: skip


def test_the_marks_picked_are_drawn_selected_in_every_trace():
    figure = map_figure()
    marked = highlighted(figure, ["PL", "FR", "BER"])
    assert list(marked.data[0].selectedpoints) == [0, 2]
    assert list(marked.data[1].selectedpoints) == [1]


def test_a_trace_with_none_picked_is_drawn_unselected_beside_one_with_some():
    marked = highlighted(map_figure(), ["DE"])
    assert list(marked.data[0].selectedpoints) == [1]
    assert list(marked.data[1].selectedpoints) == []  # dimmed, as Plotly dims a click's others


def test_the_shared_figure_is_never_changed():
    figure = map_figure()
    highlighted(figure, ["DE"])
    assert figure.data[0].selectedpoints is None and figure.data[1].selectedpoints is None


@pytest.mark.parametrize("ids", [[], ["XX"]])
def test_nothing_picked_or_nothing_drawn_leaves_the_figure_as_it_is(ids):
    figure = map_figure()
    assert highlighted(figure, ids) is figure
