"""Initiatives: the whole portfolio as a table; a selected row opens the initiative's card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import briefing, context, url_state
from components.chart_panel import (
    PAGE_ROWS,
    paged_dataframe,
    ready_made,
    source_line,
    table_downloads,
)
from kpop_explorer import aggregates, filters
from kpop_explorer.i18n import Translator
from kpop_explorer.tables import for_display
from kpop_explorer.text import plain

TABLE_COLUMNS = [
    "initiative_id", "name", "focus_area", "status", "lead_country", "start_date", "end_date",
    "budget_eur", "kpi_name", "kpi_progress",
]  # fmt: skip


def _card(row: pd.Series, events: pd.DataFrame, programs: pd.DataFrame, t: Translator) -> None:
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
        countries = ", ".join(t.country(c) for c in str(row["countries"]).split(";"))
        st.markdown(f"**{t('column.countries')}**  \n{countries}")
        budget, kpi, elapsed = st.columns(3)
        budget.metric(t("column.budget_eur"), t.money(row["budget_eur"]))
        unit = t.label("kpi_unit", row["kpi_unit"])
        actual = row["kpi_actual"]
        kpi.metric(
            plain(row["kpi_name"]),
            t("initiatives.kpi_value", value=t.compact(actual), unit=unit)
            if pd.notna(actual) else t("initiatives.not_started"),
            delta=t("kpi.of_target", share=t.percent(row["kpi_progress"]),
                    target=t.compact(row["kpi_target"])) if pd.notna(actual) else None,
            delta_arrow="off", delta_color="off",
        )  # fmt: skip
        elapsed.metric(t("column.time_elapsed"), t.percent(row["time_elapsed"]))
        if pd.notna(row["kpi_progress"]):
            st.progress(
                min(float(row["kpi_progress"]), 1.0),
                text=t("initiatives.progress_text", kpi=t.percent(row["kpi_progress"]),
                       time=t.percent(row["time_elapsed"])),
            )  # fmt: skip
        own_events = events[events["initiative_id"] == row["initiative_id"]]
        own_programs = programs[programs["initiative_id"] == row["initiative_id"]]
        st.markdown(f"**{t('initiatives.events', n=len(own_events))}**")
        if not own_events.empty:
            paged_dataframe(
                for_display(own_events[["name", "event_type", "city", "country", "start_date",
                                        "status", "expected_attendance", "attendance"]], t),
                "card_events_page",
                t,
            )  # fmt: skip
        st.markdown(f"**{t('initiatives.programs', n=len(own_programs))}**")
        if not own_programs.empty:
            paged_dataframe(
                for_display(own_programs[["name", "program_type", "city", "country",
                                          "start_date", "status", "participants_target",
                                          "participants_actual"]], t),
                "card_programs_page",
                t,
            )  # fmt: skip


ctx = context.current()
t = ctx.t
initiatives, events, programs = context.require(
    ctx, "initiatives", "live_events", "education_programs"
)

st.title(t("page.initiatives"))
briefing.offer(ctx, t("page.initiatives"))
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
rows = aggregates.initiative_progress(chosen, ctx.as_of).sort_values(["focus_area", "start_date"])

if rows.empty:
    st.info(t("empty.initiatives"), icon=":material/filter_alt_off:")
    st.stop()

shown = for_display(rows[TABLE_COLUMNS], t)
progress_label = t("column.kpi_progress")
selection, first_row = paged_dataframe(
    shown,
    "initiatives_page",
    t,
    on_select="rerun",
    selection_mode="single-row",
    key="initiatives_table",
    column_config={
        progress_label: st.column_config.ProgressColumn(
            progress_label, min_value=0.0, max_value=1.0, format="percent"
        ),
    },
    height=min(560, 38 + 35 * min(len(shown), PAGE_ROWS)),
)
ctx.briefing.tables.append((t("page.initiatives"), ready_made(shown)))
source_line(ctx, t("source.illustrative"), illustrative=True)
with st.container(horizontal=True, horizontal_alignment="right"):
    table_downloads(ctx, t("page.initiatives"), ready_made(shown), "initiatives_table")

picked = selection.selection.rows if selection else []
if picked:
    chosen_id = rows.iloc[first_row + picked[0]]["initiative_id"]
    st.query_params[url_state.CARD_KEY] = chosen_id
else:
    chosen_id = st.query_params.get(url_state.CARD_KEY)
match = rows[rows["initiative_id"] == chosen_id]
if not match.empty:
    _card(match.iloc[0], events, programs, t)
else:
    st.info(t("initiatives.pick_hint"), icon=":material/touch_app:")
