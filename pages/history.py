"""What has really happened: K-pop events in Europe, fan communities, the network of Korean
cultural centres and institutes, learners and exports, each from the sourced reference data."""

from __future__ import annotations

import streamlit as st

from components import context, history_view, share_menu
from components.frame import run_page
from kpop_explorer.links import filters


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.history"))
    events, education, hallyu = context.require(
        ctx, "reference_live_events", "reference_education", "reference_hallyu"
    )
    events = filters.filter_reference_events(events, ctx.state)

    st.caption(t("page.history.lede"))
    history_view.headline(ctx, events)

    st.subheader(t("history.section.events"))
    history_view.events(ctx, events)
    history_view.events_map(ctx, events)
    history_view.largest_and_countries(ctx, events)

    st.subheader(t("history.section.fans"))
    history_view.fans(ctx, hallyu)

    st.subheader(t("history.section.network"))
    history_view.network(ctx, education)
    history_view.learners(ctx, education)

    st.subheader(t("history.section.exports"))
    history_view.exports(ctx, hallyu)


run_page(render)
