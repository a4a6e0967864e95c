"""A link's language, presenter mode and story step, as the running app reads them (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def opened(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_french_presenter_link_at_step_three():
    at = opened({"lang": "fr", "present": "1", "step": "3"})
    assert at.session_state["lang"] == "fr"
    assert at.session_state["present"] is True
    assert at.session_state["step"] == 2  # 0-based in the session


def test_wrong_values_are_ignored_and_said_so():
    at = opened({"lang": "de", "present": "maybe", "step": "²"})
    assert (at.session_state["lang"], at.session_state["present"]) == ("en", False)
    assert at.session_state["step"] == 0
    notice = next(c.value for c in at.sidebar.caption if "lang=de" in c.value)
    assert "present=maybe" in notice
    assert "step=²" in notice
