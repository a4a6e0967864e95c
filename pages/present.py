"""Presenter mode: the guided story, one view per step, in large type."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from components import briefing, cached, context, presenter
from components.chart_panel import chart_panel, source_line
from components.frame import run_page
from components.kpis import headline, kpi_row
from kpop_explorer.i18n.text import plain
from kpop_explorer.views import story_views
from kpop_explorer.views.story import StoryError, load_story


def show(ctx: context.PageContext, view: str) -> None:
    """One step: what `story_views` computes for it, its charts side by side, one source line."""
    names = story_views.NEEDS[view]
    frames = dict(zip(names, context.require(ctx, *names), strict=True))
    step = cached.view(  # computed once per step, filters and language for every presenter
        f"present/{view}",
        ctx,
        {},
        partial(story_views.VIEWS[view], frames, ctx.state, ctx.t, ctx.as_of, ctx.dark),
    )
    headline(ctx, step.headline)
    if step.kpis is not None:
        kpi_row(ctx, step.kpis)
    for column, shown in zip(st.columns(list(step.widths)), step.panels, strict=True):
        with column:
            chart_panel(ctx, *shown)
    source_line(ctx, step.source or ctx.t("source.illustrative"), step.illustrative)


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    try:
        story = load_story()
    except StoryError as exc:
        st.error(t("present.story_error", reason=exc.text(t, escape=plain)))
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


run_page(render)
