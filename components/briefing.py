"""The one-click briefing: the current view's KPIs and tables in one Excel workbook.

The button is drawn when the page starts, but its file is built only when clicked, from what the
page collected while it rendered (`PageContext.briefing`), so it never costs a rerun anything.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components.context import PageContext
from components.sidebar import summary
from kpop_explorer.exports import EXCEL_MIME, to_excel_bytes


def workbook(ctx: PageContext, title: str) -> bytes:
    t = ctx.t
    about = pd.DataFrame(
        {
            t("briefing.field"): [t("briefing.view"), t("briefing.filters"),
                                  t("briefing.data_as_of"), t("briefing.note")],
            t("briefing.value"): [title, summary(ctx.state, ctx.options, t),
                                  t.date(ctx.as_of), t("source.illustrative")],
        }
    )  # fmt: skip
    kpis = pd.DataFrame(ctx.briefing.kpis).rename(columns=lambda c: t(f"briefing.{c}"))
    sheets = {t("briefing.summary"): about, t("briefing.kpis"): kpis}
    for name, table in ctx.briefing.tables:
        sheets[name] = table()
    return to_excel_bytes(sheets)


def offer(ctx: PageContext, title: str) -> None:
    if ctx.presenting:
        return
    stem = re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "view"
    st.sidebar.download_button(
        ctx.t("briefing.button"),
        data=lambda: workbook(ctx, title),
        file_name=f"briefing-{stem}-{ctx.as_of:%Y-%m-%d}.xlsx",
        mime=EXCEL_MIME,
        icon=":material/summarize:",
        on_click="ignore",
        width="stretch",
        help=ctx.t("briefing.help"),
        key="briefing_download",
    )
