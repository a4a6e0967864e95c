"""The bench's bare reference draws as many charts as asked, within its bounds (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

BARE_APP = str(Path(__file__).resolve().parents[1] / "bench" / "bare_app.py")


@pytest.mark.parametrize(
    ("query", "charts"), [(None, 1), ("4", 4), ("99", 12), ("0", 1), ("four", 1)]
)
def test_bare_app_draws_the_charts_asked_for(query, charts):
    at = AppTest.from_file(BARE_APP, default_timeout=30)
    if query is not None:
        at.query_params["charts"] = query
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts


def test_a_slider_step_moves_every_chart():
    at = AppTest.from_file(BARE_APP, default_timeout=30)
    at.query_params["charts"] = "3"
    at.run()
    before = [chart.proto.spec for chart in at.get("plotly_chart")]
    at.slider[0].set_value(5).run()
    after = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert all(a != b for a, b in zip(before, after, strict=True))


@pytest.mark.parametrize(
    ("panel", "titles", "captions", "switches", "downloads"),
    [("", 0, 0, 0, 0), ("all", 3, 3, 3, 6), ("box,switch,download", 0, 0, 3, 3),
     ("title,nonsense", 3, 0, 0, 0)],
)  # fmt: skip
def test_the_panel_parts_dress_every_chart(panel, titles, captions, switches, downloads):
    at = AppTest.from_file(BARE_APP, default_timeout=30)
    at.query_params["charts"] = "3"
    at.query_params["panel"] = panel
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert len(at.markdown) == titles
    assert len(at.caption) == captions
    assert len(at.get("button_group")) == switches
    assert len(at.get("download_button")) == downloads
