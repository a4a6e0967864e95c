"""The row of headline figures each page opens with."""

from __future__ import annotations

import math

import streamlit as st

from components.context import PageContext
from kpop_explorer.aggregates import Kpi
from kpop_explorer.briefing import ShownKpi
from kpop_explorer.i18n import Translator


def format_value(kpi: Kpi, t: Translator) -> str:
    if kpi.unit == "money":
        return t.money(kpi.value, compact=True)
    if kpi.unit == "percent":
        return t.percent(kpi.value)
    if kpi.unit == "rating":
        return "–" if math.isnan(kpi.value) else t("kpi.rating", value=t.number(kpi.value, 1))
    return t.compact(kpi.value)


def delta_text(kpi: Kpi, t: Translator) -> str | None:
    """'84% of 1.2M target'; None when the plan sets no target for this figure."""
    if kpi.progress is None:
        return None
    return t("kpi.of_target", share=t.percent(kpi.progress), target=t.compact(kpi.target))


def _delta_color(kpi: Kpi) -> str:
    if kpi.progress is None:
        return "off"
    return "green" if kpi.progress >= 0.95 else "orange"


def kpi_row(ctx: PageContext, kpis: list[Kpi]) -> None:
    """The figures as cards; they also go into the page's briefing export."""
    t = ctx.t
    ctx.briefing.kpis.extend(shown_kpis(kpis, t))
    # Six cards read better as two rows of three than as five and an orphan.
    columns = 3 if len(kpis) == 6 else len(kpis)
    with st.grid(columns, min_column_width=170, gap="small"):
        for kpi in kpis:
            delta = delta_text(kpi, t)
            st.metric(
                t(f"kpi.{kpi.key}"),
                format_value(kpi, t),
                delta=delta,
                delta_color=_delta_color(kpi),
                delta_arrow="off",
                help=t(f"kpi.{kpi.key}.help"),
                border=True,
            )


def shown_kpis(kpis: list[Kpi], t: Translator) -> list[ShownKpi]:
    """The KPIs with the words their cards show, for the briefing and the deck."""
    return [
        ShownKpi(k, t(f"kpi.{k.key}"), format_value(k, t), delta_text(k, t) or "") for k in kpis
    ]


def headline(ctx: PageContext, text: str) -> None:
    ctx.briefing.headline = text
    st.markdown(f"#### {text}")
