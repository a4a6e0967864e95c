"""The row of headline figures each page opens with, each a measure of the catalogue."""

from __future__ import annotations

import math

import streamlit as st

from components.context import PageContext
from kpop_explorer.charts import theme
from kpop_explorer.exports.briefing import ShownKpi
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain
from kpop_explorer.measures import Result

HEADLINE_KEY = "headline"  # styled in components/style.py


def format_value(kpi: Result, t: Translator) -> str:
    if kpi.unit == "money":
        return t.money(kpi.value, compact=True)
    if kpi.unit == "percent":
        return t.percent(kpi.value)
    if kpi.unit == "rating":
        return "–" if math.isnan(kpi.value) else t("kpi.rating", value=t.number(kpi.value, 1))
    return t.compact(kpi.value)


def delta_text(kpi: Result, t: Translator) -> str | None:
    """'95% of 16.4M due · Behind'; None when the plan sets no target for this figure."""
    if kpi.target is None:
        return None
    if kpi.progress is None:
        return t("kpi.nothing_due", target=t.compact(kpi.target))
    return t(
        "kpi.of_due",
        share=attainment_text(kpi.progress, t),
        due=t.compact(kpi.due),
        standing=t(f"standing.{kpi.standing}"),
    )


def delta_color(kpi: Result) -> str:
    return theme.STANDING_COLOR_NAMES.get(kpi.standing, "gray")


def help_text(kpi: Result, t: Translator) -> str:
    """What the figure counts, and the whole plan beside what was due by now."""
    text = t(f"kpi.{kpi.key}.help")
    if kpi.target is None:
        return text
    return text + "\n\n" + t("kpi.plan_total", target=format_value_of(kpi, kpi.target, t))


def format_value_of(kpi: Result, value: float, t: Translator) -> str:
    return format_value(Result(kpi.key, value, unit=kpi.unit), t)


def briefing_rows(kpis: list[Result], t: Translator) -> list[dict[str, str]]:
    """The cards as the briefing's KPI sheet lists them: the same words, from the same results."""
    return [
        {"kpi": t(f"kpi.{k.key}"), "value": format_value(k, t), "target": delta_text(k, t) or ""}
        for k in kpis
    ]


def kpi_row(ctx: PageContext, kpis: list[Result]) -> None:
    """The figures as cards, drawn from the very rows the page's briefing export lists."""
    t = ctx.t
    if not kpis:  # e.g. Digital for a period with no results yet: a grid needs a column
        st.info(t("kpi.none"), icon=":material/hourglass_empty:")
        return
    rows = briefing_rows(kpis, t)
    ctx.briefing.kpis.extend(shown_kpis(kpis, t, rows))
    # Five or six cards read better in rows of three: each delta ("95% of 16.4m due · Behind")
    # keeps its words, where five in a row cut them off. A projector's 1920 px hold them in one
    # row, which leaves the step's charts room above the fold.
    columns = len(kpis) if ctx.presenting or len(kpis) < 5 else 3
    with st.grid(columns, min_column_width=240, gap="small"):  # one a row on a phone
        for kpi, row in zip(kpis, rows, strict=True):
            st.metric(
                row["kpi"],
                row["value"],
                delta=row["target"] or None,
                delta_color=delta_color(kpi),
                delta_arrow="off",
                help=help_text(kpi, t),
                border=True,
            )


def shown_kpis(
    kpis: list[Result], t: Translator, rows: list[dict[str, str]] | None = None
) -> list[ShownKpi]:
    """The KPIs with the words their cards show, for the briefing and the deck."""
    rows = rows if rows is not None else briefing_rows(kpis, t)
    return [
        ShownKpi(k, row["kpi"], row["value"], row["target"])
        for k, row in zip(kpis, rows, strict=True)
    ]


def headline(ctx: PageContext, text: str) -> None:
    """The page's answer, as its second-level heading (right after the title's h1)."""
    ctx.briefing.headline = text
    with st.container(key=HEADLINE_KEY):
        st.markdown(f"## {plain(text)}")
