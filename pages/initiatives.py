"""Initiatives: the whole portfolio as a table; a selected row opens the initiative's card."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components import context, share_menu, url_state
from components.chart_panel import (
    PAGE_ROWS,
    paged_dataframe,
    ready_made,
    source_line,
    table_downloads,
)
from components.facets import stop_if_filtered_out
from components.frame import run_page
from components.kpis import delta_color, delta_text, format_value
from components.scorecard import standing_column
from kpop_explorer import measures
from kpop_explorer.datasets.codes import split_countries
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain
from kpop_explorer.links import filters, link_values
from kpop_explorer.measures import aggregates

# Key columns first, so that they show at 1440 px; the name pinned and wrapping on a phone.
TABLE_COLUMNS = [
    "name", "focus_area", "status", "start_date", "end_date", "attainment", "standing",
    "budget_eur", "kpi_name", "lead_country", "initiative_id",
]  # fmt: skip
NAME_WIDTH = 240  # px: the longest names wrap onto two lines
WRAPPING_ROW_HEIGHT = 66  # px: Streamlit's grid wraps text only in rows taller than 4 rem


def _card(
    row: pd.Series,
    judged: pd.DataFrame,
    events: pd.DataFrame,
    programs: pd.DataFrame,
    t: Translator,
) -> None:
    """`judged`: the initiative's rows of the scorecard, its measures against what was due."""
    with st.container(border=True):
        st.subheader(plain(row["name"]))
        st.markdown(
            f":blue-badge[{t.label('focus', row['focus_area'])}] "
            f":gray-badge[{t.label('status', row['status'])}] "
            f":gray-badge[{t.date(row['start_date'])} – {t.date(row['end_date'])}]"
        )
        left, right = st.columns(2)
        for column, fields in (
            (left, ("objective", "target_audience", "expected_outcome")),
            (right, ("action_plan", "korean_partner", "european_partner")),
        ):
            with column:
                for name in fields:
                    st.markdown(f"**{t('column.' + name)}**  \n{plain(row[name])}")
        countries = ", ".join(t.country(c) for c in split_countries(str(row["countries"])))
        st.markdown(f"**{t('column.countries')}**  \n{countries}")
        with st.grid(3, min_column_width=170, gap="small"):
            st.metric(t("column.budget_eur"), t.money(row["budget_eur"]), border=True)
            st.metric(t("column.time_elapsed"), t.percent(row["time_elapsed"]), border=True)
            for kpi in measures.results_of(judged):
                own = kpi.key == "plan_kpi"
                st.metric(
                    plain(row["kpi_name"]) if own else t(f"kpi.{kpi.key}"),
                    t("initiatives.kpi_value", value=t.compact(kpi.value),
                      unit=t.label("kpi_unit", row["kpi_unit"])) if own
                    else format_value(kpi, t),
                    delta=delta_text(kpi, t), delta_color=delta_color(kpi), delta_arrow="off",
                    border=True,
                )  # fmt: skip
        if judged.empty:
            st.caption(t("initiatives.nothing_due"))
        own_events = events[events["initiative_id"] == row["initiative_id"]]
        own_programs = programs[programs["initiative_id"] == row["initiative_id"]]
        st.markdown(f"**{t('initiatives.events', n=len(own_events))}**")
        if not own_events.empty:
            paged_dataframe(
                for_display(own_events[["name", "start_date", "expected_attendance",
                                        "attendance", "event_type", "city", "country",
                                        "status"]], t),
                "card_events_page",
                t,
            )  # fmt: skip
        st.markdown(f"**{t('initiatives.programs', n=len(own_programs))}**")
        if not own_programs.empty:
            paged_dataframe(
                for_display(own_programs[["name", "start_date", "participants_target",
                                          "participants_actual", "program_type", "city",
                                          "country", "status"]], t),
                "card_programs_page",
                t,
            )  # fmt: skip


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.initiatives"))
    initiatives, events, programs = context.require(
        ctx, "initiatives", "live_events", "education_programs"
    )

    st.caption(t("page.initiatives.lede"))

    search = st.text_input(
        t("initiatives.search"), placeholder=t("initiatives.search_placeholder"), max_chars=80
    )
    chosen = filters.filter_initiatives(initiatives, ctx.state)
    if search.strip():
        text = chosen[["name", "objective", "action_plan", "target_audience", "expected_outcome"]]
        hit = text.apply(lambda col: col.str.contains(search.strip(), case=False, regex=False))
        chosen = chosen[hit.any(axis=1)]
        ctx.briefing.narrowed.append((t("initiatives.search"), search.strip()))
    selection = measures.select(
        {"initiatives": initiatives, "live_events": events, "education_programs": programs,
         "digital_metrics": ctx.frame("digital_metrics")}, ctx.state, ctx.as_of,
    )  # fmt: skip
    judged = selection.summary("initiative_id")[["initiative_id", "attainment", "standing"]]
    rows = aggregates.with_time_elapsed(chosen, ctx.as_of).merge(
        judged, on="initiative_id", how="left"
    )
    rows = rows.sort_values(["focus_area", "start_date"])

    if rows.empty:
        rows_of = partial(filters.filter_initiatives, initiatives)
        stop_if_filtered_out(ctx, rows_of, "empty.what.initiatives")  # names the filter
        st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
        st.stop()

    shown = for_display(rows[TABLE_COLUMNS], t)
    progress_label = t("column.attainment")
    listed, standing_config = standing_column(shown, t)
    table_state, first_row = paged_dataframe(
        listed,
        "initiatives_page",
        t,
        on_select="rerun",
        selection_mode="single-row",
        key="initiatives_table",
        column_config={
            t("column.name"): st.column_config.TextColumn(width=NAME_WIDTH, pinned=True),
            progress_label: st.column_config.ProgressColumn(
                progress_label, min_value=0.0, max_value=1.0, format="percent"
            ),
            **standing_config,
        },
        row_height=WRAPPING_ROW_HEIGHT,
        height=min(640, 38 + WRAPPING_ROW_HEIGHT * min(len(shown), PAGE_ROWS)),
    )
    ctx.briefing.tables.append((t("page.initiatives"), ready_made(shown)))
    source_line(ctx, t("source.illustrative"), illustrative=True)
    with st.container(horizontal=True, horizontal_alignment="right"):
        table_downloads(ctx, t("page.initiatives"), ready_made(shown), "initiatives_table")

    picked = table_state.selection.rows if table_state else []
    if picked:
        chosen_id = rows.iloc[first_row + picked[0]]["initiative_id"]
        st.query_params[url_state.CARD_KEY] = chosen_id
    else:
        chosen_id = link_values.read_choice(
            st.query_params.get(url_state.CARD_KEY, ""), set(rows["initiative_id"])
        )
    match = rows[rows["initiative_id"] == chosen_id]
    if not match.empty:
        scored = selection.scorecard("initiative_id")
        _card(match.iloc[0], scored[scored["initiative_id"] == chosen_id], events, programs, t)
    else:
        st.info(t("initiatives.pick_hint"), icon=":material/touch_app:")


run_page(render)
