"""Presenter mode: the guided story, one view per step, in large type."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import briefing, context, presenter
from components.chart_panel import Panel, chart, chart_panel
from components.kpis import headline, kpi_row
from kpop_explorer import story_views
from kpop_explorer.story import StoryError, load_story
from kpop_explorer.text import plain


def show(ctx: context.PageContext, view: str) -> None:
    """One step: what `story_views` computes for it, drawn in two columns."""
    frames = context.require(ctx, *story_views.NEEDS[view])
    step = story_views.VIEWS[view](frames, ctx.state, ctx.t, ctx.as_of, ctx.dark)
    headline(ctx, step.headline)
    kpi_row(ctx, step.kpis)
    for column, spec in zip(st.columns(list(step.widths)), step.panels, strict=True):
        with column:
            chart_panel(ctx, Panel(spec.key, spec.title, spec.subtitle, spec.table, alt=spec.alt),
                        chart(spec.build, *spec.args, **spec.kwargs))  # fmt: skip


ctx = context.current()
t = ctx.t
try:
    story = load_story()
except StoryError as exc:
    st.error(t("present.story_error", reason=str(exc)))
    presenter.controls(t, 0, 1)
    st.stop()

step_number = presenter.step_index(len(story.steps))
step = story.steps[step_number]
state, ignored = step.state(ctx.options)
st.caption(plain(story.title(t.lang)))
st.title(plain(step.title(t.lang)))
if ignored:
    st.caption(t("present.ignored", n=len(ignored)))
presenter.controls(
    t, step_number, len(story.steps), extra=lambda: briefing.offer_story(ctx, story, "content")
)
show(replace(ctx, state=state), step.view)
