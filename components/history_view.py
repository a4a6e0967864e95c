"""The history page's sections, one function each, so the presenter's story can show the same
panels: every one drawn from `history` aggregates of the reference data, with its sources."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components import cached, kpis, local, per_capita
from components.chart_panel import chart_panel, paged_dataframe, ready_made, table_downloads
from components.context import PageContext
from components.sources import source_links
from kpop_explorer.charts import figures, history_figures, panels, theme
from kpop_explorer.charts.panels import chart
from kpop_explorer.datasets.schemas import (
    REFERENCE_EDUCATION,
    REFERENCE_HALLYU,
    REFERENCE_LIVE_EVENTS,
)
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n.text import plain
from kpop_explorer.measures import history
from kpop_explorer.views import headlines


def headline(ctx: PageContext, events: pd.DataFrame) -> None:
    """The answer first: how many events, since when, the largest audience and where."""
    text = headlines.history_headline(events, ctx.t)
    if text is None:
        st.info(ctx.t("history.no_events"), icon=":material/filter_alt_off:")
        return
    kpis.headline(ctx, text)


def events(ctx: PageContext, rows: pd.DataFrame) -> None:
    t = ctx.t
    by_year = history.events_by_year(rows)
    left, right = st.columns(2)
    with left:
        by_type = history.events_by_year_and_type(rows)
        chart_panel(
            ctx,
            panels.reference_panel(
                "events", by_type, REFERENCE_LIVE_EVENTS.source_in(ctx.t), ctx.t
            ),
            chart(history_figures.events_per_year, by_type, t),
        )
    with right:
        chart_panel(
            ctx,
            panels.reference_panel(
                "attendance", by_year, REFERENCE_LIVE_EVENTS.source_in(ctx.t), ctx.t
            ),
            chart(history_figures.attendance_per_year, by_year, t),
        )


def events_map(ctx: PageContext, rows: pd.DataFrame) -> None:
    chart_panel(ctx, *panels.history_map(rows, ctx.t, ctx.dark))


def largest_and_countries(ctx: PageContext, rows: pd.DataFrame) -> None:
    t = ctx.t
    left, right = st.columns(2)
    with left:
        largest = history.largest_events(rows)
        chart_panel(
            ctx,
            panels.reference_panel(
                "largest", largest, REFERENCE_LIVE_EVENTS.source_in(ctx.t), ctx.t
            ),
            chart(history_figures.largest_events, largest, t),
        )
    with right:
        local.part(ctx, "history_countries", partial(countries, ctx, rows))


def countries(ctx: PageContext, rows: pd.DataFrame) -> None:
    """Events by country with its per-capita switch: switching reruns this alone."""
    t = ctx.t
    scale = per_capita.switch(t, "history_per_capita")
    by_country = scale.apply(history.events_by_country(rows), ("events", "attendance"))
    measure = scale.label(t("history.events.axis"))
    chart_panel(
        ctx,
        panels.reference_panel(
            "countries",
            by_country,
            REFERENCE_LIVE_EVENTS.source_in(ctx.t),
            ctx.t,
            subtitle=t("history.countries.subtitle") + scale.subtitle_note,
        ),
        chart(
            figures.ranking_bars,
            by_country.sort_values("events", ascending=True),
            "country",
            "events",
            t,
            axis_title=measure,
            number_digits=scale.digits,
            color=theme.REFERENCE_COLOR,
        ),
    )


def fans(ctx: PageContext, hallyu: pd.DataFrame) -> None:
    t = ctx.t
    series = cached.reference_half("fans", hallyu)
    breaks = history.series_breaks(series)
    table = series.merge(
        breaks[["measure", "region", "year", "reasons"]],
        how="left",
        on=["measure", "region", "year"],
    ).rename(columns={"reasons": "break_before"})
    table["break_before"] = [
        ", ".join(t(f"history.break.{r}") for r in reasons.split(","))
        if isinstance(reasons, str)
        else ""
        for reasons in table["break_before"]
    ]
    left, right = st.columns([1.4, 1])
    with left:
        members = table[table["measure"] == "members"]
        chart_panel(
            ctx,
            panels.reference_panel(
                "fans",
                members,
                REFERENCE_HALLYU.source_in(ctx.t),
                ctx.t,
                subtitle=t(
                    "history.fans.subtitle", n=t.number(len(breaks[breaks["measure"] == "members"]))
                ),
            ),
            chart(history_figures.fan_members, series, breaks, t),
        )
    with right:
        clubs = table[table["measure"] == "clubs"]
        chart_panel(
            ctx,
            panels.reference_panel(
                "clubs",
                clubs,
                REFERENCE_HALLYU.source_in(ctx.t),
                ctx.t,
                subtitle=t(
                    "history.clubs.subtitle", n=t.number(len(breaks[breaks["measure"] == "clubs"]))
                ),
            ),
            chart(history_figures.fan_clubs, series, breaks, t),
        )


REPORTED_NETWORK = "Number of Korean Cultural Centres in Europe"


def network(ctx: PageContext, education: pd.DataFrame) -> None:
    t = ctx.t
    places = history.network(education)
    if ctx.state.countries:
        places = places[places["country"].isin(ctx.state.countries)]
    openings = history.cumulative_openings(places)
    reported = education[education["name"] == REPORTED_NETWORK].assign(
        number=lambda rows: pd.to_numeric(rows["value"], errors="coerce")
    )
    undated = len(places[places["opening_year"].isna()])
    left, right = st.columns(2)
    with left:
        table = places[
            [
                "category",
                "name",
                "city",
                "country",
                "opening_year",
                "confidence",
                "note",
                "source_url",
            ]
        ]
        chart_panel(
            ctx,
            panels.reference_panel(
                "openings",
                table,
                REFERENCE_EDUCATION.source_in(ctx.t),
                ctx.t,
                subtitle=t("history.openings.subtitle", n=t.number(undated)),
            ),
            chart(
                history_figures.cumulative_openings,
                openings,
                reported[["reference_year", "number"]],
                t,
            ),
        )
    with right:
        chart_panel(
            ctx,
            panels.reference_panel("network", table, REFERENCE_EDUCATION.source_in(ctx.t), ctx.t),
            chart(history_figures.network_map, places, t, dark=ctx.dark),
        )


def learners(ctx: PageContext, education: pd.DataFrame) -> None:
    t = ctx.t
    table = history.learner_counts(education)
    chart_panel(
        ctx,
        panels.reference_panel("learners", table, REFERENCE_EDUCATION.source_in(ctx.t), ctx.t),
        chart(history_figures.learner_counts, table, t),
    )


def exports(ctx: PageContext, hallyu: pd.DataFrame) -> None:
    t = ctx.t
    ranks = history.album_export_ranks(hallyu)
    left, right = st.columns([1, 1.4])
    with left:
        chart_panel(
            ctx,
            panels.reference_panel("exports", ranks, REFERENCE_HALLYU.source_in(ctx.t), ctx.t),
            chart(history_figures.export_ranks, ranks, t),
        )
    with right:
        others = history.other_indicators(hallyu)
        with st.container(border=True):
            st.markdown(
                f"**{t('history.indicators.title')}**  \n{t('history.indicators.subtitle')}"
            )
            shown = for_display(others, t)
            paged_dataframe(shown, "history_indicators_page", t)
            st.caption(t("chart.source_line", source=plain(REFERENCE_HALLYU.source_in(ctx.t))))
            urls = tuple(history.source_urls(others["source_url"]))
            source_links(t, urls, "history_indicators_sources")
            with st.container(horizontal=True, horizontal_alignment="right"):
                title = t("history.indicators.title")
                table_downloads(ctx, title, ready_made(shown), "history_indicators")
