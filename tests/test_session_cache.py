"""What a session keeps for itself (`context.kept_for`): reused only for the very same frames."""

from __future__ import annotations

import pandas as pd
import pytest

from components import context


@pytest.fixture
def session(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(context.st, "session_state", state)
    return state


def test_kept_while_the_view_and_the_very_same_frames_last(session):
    made = []

    def make():
        made.append(1)
        return len(made)

    frame = pd.DataFrame({"a": [1, 2]})
    assert context.kept_for("k", ("FR",), (frame,), make) == 1
    assert context.kept_for("k", ("FR",), (frame,), make) == 1  # same view, same frame: kept
    assert context.kept_for("k", ("DE",), (frame,), make) == 2  # another view
    twin = frame.copy()  # equal content, another object: an upload of the same file
    assert context.kept_for("k", ("DE",), (twin,), make) == 3
    assert context.kept_for("k", ("DE",), (twin, frame), make) == 4  # one frame more
    assert session["k"][1] == (twin, frame)  # the frames stay alive with their value
