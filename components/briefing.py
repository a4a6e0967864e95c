"""The one-click exports of a view: the briefing (Excel), the deck of this view and of the story.

The buttons sit in the page's "Share and export" menu (`share_menu`); their files are built
only when clicked, from what the page collected while it rendered (`PageContext.briefing`), so
they never cost a rerun anything.
"""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.kpis import shown_kpis
from kpop_explorer.exports import briefing, deck
from kpop_explorer.exports.spreadsheets import EXCEL_MIME
from kpop_explorer.i18n.text import file_stem
from kpop_explorer.links.filters import PAGE_FACETS
from kpop_explorer.views import story_views
from kpop_explorer.views.story import Story, StoryError, load_story


def _filter_lines(ctx: PageContext) -> list[tuple[str, str]]:
    shown = ctx.briefing
    facets = PAGE_FACETS.get(ctx.page_path, ())
    return briefing.filter_lines(
        ctx.state, ctx.options, ctx.t, facets, shown.selections, shown.narrowed
    )


def _data_note(ctx: PageContext) -> str:
    """What the figures are: uploaded files are named, never called illustrative."""
    if ctx.uploaded_files:
        return ctx.t("source.uploaded", files=", ".join(ctx.uploaded_files))
    return ctx.t("deck.notice")


def workbook(ctx: PageContext, title: str) -> bytes:
    return briefing.workbook(
        ctx.briefing, title, _filter_lines(ctx), ctx.as_of, ctx.t, _data_note(ctx)
    )


def _kpi_texts(kpis: list[briefing.ShownKpi]) -> tuple[tuple[str, str, str], ...]:
    return tuple((k.label, k.value_text, k.target_text) for k in kpis)


def _source(t, record: briefing.ChartRecord) -> str:
    mark = f"{t('chart.illustrative')} · " if record.illustrative else ""
    return mark + t("chart.source_line", source=record.source)


def _deck_lines(ctx: PageContext, filters: list[str]) -> tuple[str, ...]:
    t = ctx.t
    return (t("deck.as_of", date=t.date(ctx.as_of)), *filters, _data_note(ctx))


def _sources(ctx: PageContext, sources: list[str]) -> tuple[str, ...]:
    t = ctx.t
    return (*dict.fromkeys(sources), t("deck.made", date=t.date(ctx.today)))


def _plan_source(ctx: PageContext) -> str:
    """The source line of a table of the plan (the scorecard, the portfolio), with its mark."""
    t = ctx.t
    if ctx.uploaded_files:
        return t("chart.source_line", source=_data_note(ctx))
    return f"{t('chart.illustrative')} · " + t("chart.source_line", source=t("source.illustrative"))


def view_deck(ctx: PageContext, title: str) -> bytes:
    """The page on screen, in its order: its headline, KPIs and first chart or table, then a
    slide per other chart and per table that no chart draws (the scorecard), each with its
    source line; the sources last."""
    t, shown = ctx.t, ctx.briefing
    lines = _filter_lines(ctx)
    filters = [briefing.filter_summary(lines, t)]
    charts = list(shown.charts)
    drawn = {record.title for record in charts}
    tables = [(n, table) for n, table in briefing.distinct_tables(shown) if n not in drawn]
    tables = [
        (name, table) for name, table in tables
        if not any(briefing.same_rows(table, r.table) for r in charts)
    ]  # fmt: skip
    order = [name for name, _ in shown.tables]
    order += [r.title for r in charts if r.title not in order]  # a chart recorded alone
    slides, sources, as_tables = [], [], []
    for name in order:
        record = next((r for r in charts if r.title == name), None)
        table = next((x for n, x in tables if n == name), None)
        if record is not None:
            charts.remove(record)
            drawn_as = deck.deck_chart(record, t)
            if drawn_as.kind == "table" and any(
                briefing.same_rows(record.table, other) for other in as_tables
            ):  # a calendar of the events the map's table already lists
                continue
            if drawn_as.kind == "table":
                as_tables.append(record.table)
            content = dict(chart=drawn_as, source=_source(t, record), subtitle=record.subtitle)
            sources.append(_source(t, record))
        elif table is not None:
            tables = [(n, x) for n, x in tables if n != name]
            content = dict(chart=deck.as_table(table, t, displayed=True),
                           source=_plan_source(ctx), subtitle="")  # fmt: skip
            sources.append(_plan_source(ctx))
        else:
            continue
        first = not slides
        slides.append(
            deck.SlideContent(
                title=title if first else name,
                headline=shown.headline if first else "",
                kpis=_kpi_texts(shown.kpis) if first else (),
                chart_title=name if first else content["subtitle"],
                chart=content["chart"],
                source=content["source"],
            )
        )
    if not slides:
        slides.append(
            deck.SlideContent(title, shown.headline, _kpi_texts(shown.kpis),
                              message=t("chart.no_data"), source=_plan_source(ctx))
        )  # fmt: skip
    return deck.build(
        deck.Deck(title, _deck_lines(ctx, filters), tuple(slides), _sources(ctx, sources)), t
    )


def story_deck(ctx: PageContext, story: Story) -> bytes:
    """The guided story: a slide per step with its headline, KPIs and main chart, drawn from
    the same computation presenter mode draws (`story_views`)."""
    t = ctx.t
    slides, sources = [], []
    for step in story.steps:
        state, _ = step.state(ctx.options)
        names = story_views.NEEDS[step.view]
        title = step.title(t.lang)
        missing = [t(f"schema.{n}.title") for n in names if ctx.data[n].frame is None]
        if missing:
            message = t("deck.unavailable", datasets=", ".join(missing))
            slides.append(deck.SlideContent(title, message=message))
            continue
        view = story_views.VIEWS[step.view](
            {n: ctx.data[n].frame for n in names}, state, t, ctx.as_of, False
        )
        main, drawn = view.panels[0].panel, view.panels[0].chart
        plan_source = _data_note(ctx) if ctx.uploaded_files else t("source.illustrative")
        record = briefing.ChartRecord(
            main.title, main.subtitle, main.table, drawn.build, drawn.args, drawn.kwargs,
            view.source or plan_source, view.illustrative and not ctx.uploaded_files,
        )  # fmt: skip
        lines = briefing.filter_lines(state, ctx.options, t, PAGE_FACETS.get(step.view, ()))
        source = f"{briefing.filter_summary(lines, t)}   {_source(t, record)}"
        sources.append(_source(t, record))
        slides.append(
            deck.SlideContent(
                title=title,
                headline=view.headline,
                kpis=_kpi_texts(shown_kpis(view.kpis or [], t)),
                chart_title=main.title,
                chart=None if main.table.empty else deck.deck_chart(record, t),
                source=source,
            )
        )
    return deck.build(
        deck.Deck(story.title(t.lang), _deck_lines(ctx, []), tuple(slides), _sources(ctx, sources)),
        t,
    )


def _deck_button(label: str, data, file_name: str, help: str, key: str, width="stretch"):
    st.download_button(
        label, data=data, file_name=file_name, mime=deck.PPTX_MIME, on_click="ignore",
        icon=":material/slideshow:", width=width, help=help, key=key,
    )  # fmt: skip


def offer(ctx: PageContext, title: str) -> None:
    """The briefing, the deck of this view and the deck of the story."""
    stem, day = file_stem(title, "view"), f"{ctx.as_of:%Y-%m-%d}"
    st.download_button(
        ctx.t("briefing.button"), data=lambda: workbook(ctx, title),
        file_name=f"briefing-{stem}-{day}.xlsx", mime=EXCEL_MIME,
        icon=":material/summarize:", on_click="ignore", width="stretch",
        help=ctx.t("briefing.help"), key="briefing_download",
    )  # fmt: skip
    _deck_button(
        ctx.t("deck.view_button"),
        lambda: view_deck(ctx, title),
        f"deck-{stem}-{day}.pptx",
        ctx.t("deck.view_help"),
        "deck_view_download",
    )
    try:
        story = load_story()
    except StoryError:  # presenter mode says what is wrong with the story file
        return
    offer_story(ctx, story)


def offer_story(ctx: PageContext, story: Story, width="stretch") -> None:
    _deck_button(ctx.t("deck.story_button"), lambda: story_deck(ctx, story),
                 f"story-{ctx.as_of:%Y-%m-%d}.pptx", ctx.t("deck.story_help"),
                 "deck_story_download", width)  # fmt: skip
