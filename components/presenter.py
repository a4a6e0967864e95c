"""Presenter mode: no sidebar or chrome, larger type, a story stepped through by keyboard."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.url_state import PRESENT_KEY, STEP_KEY

# Static CSS only: no text from data, files or links ever reaches this markup.
_STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 0.6rem 2.4rem 0.6rem; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
/* A step fits 1920x1080 with its charts above the fold: a tighter title, nothing below. */
[data-testid="stMainBlockContainer"] h1 { font-size: 2.3rem; padding: 0.1rem 0 0.3rem; }
.st-key-headline h2 { padding: 0.2rem 0; }
/* KPI cards' deltas wrap in French and Korean (components/style.py): tighter gaps keep the
   step within 1080 px in every language (tests/browser/test_charts_read_right.py). */
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
</style>
"""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY))


def apply_style() -> None:
    st.html(_STYLE)


def step_index(count: int) -> int:
    """The current step, kept within the story even if the link named one past its end."""
    step = st.session_state.get(STEP_KEY, 0)
    step = min(max(int(step), 0), count - 1)
    st.session_state[STEP_KEY] = step
    return step


def _move(by: int, count: int) -> None:
    st.session_state[STEP_KEY] = min(max(st.session_state.get(STEP_KEY, 0) + by, 0), count - 1)


def _leave() -> None:
    st.session_state[PRESENT_KEY] = False


def controls(t, step: int, count: int, extra: Callable[[], None] | None = None) -> None:
    """Previous, the step counter, Next; `extra` (the deck download) sits before Leave."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            t("present.previous"), on_click=_move, args=(-1, count), disabled=step == 0,
            shortcut="Left", icon=":material/arrow_back:", key="present_previous",
        )  # fmt: skip
        st.markdown(t("present.counter", step=step + 1, count=count))
        st.button(
            t("present.next"), on_click=_move, args=(1, count), disabled=step == count - 1,
            shortcut="Right", type="primary", icon=":material/arrow_forward:",
            icon_position="right", key="present_next",
        )  # fmt: skip
        st.space("stretch")
        if extra is not None:
            extra()
        st.button(
            t("present.exit"), on_click=_leave, shortcut="Esc", icon=":material/close:",
            key="present_exit",
        )  # fmt: skip
