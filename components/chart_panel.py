"""A chart with its title, its data as a table, a download and its source line.

Every chart on every page goes through `chart_panel`, so each one has the same chart/table
switch, the same download of exactly the rows it draws, and the same "illustrative" mark.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from components import cached, plotly_element, selection, url_widgets
from components.context import TOPOJSON_URL, PageContext
from components.selection import chart_key, picked_key
from components.sources import source_links
from kpop_explorer.charts import theme
from kpop_explorer.charts.panels import Chart, Panel
from kpop_explorer.charts.picks import highlighted
from kpop_explorer.exports.briefing import ChartRecord
from kpop_explorer.exports.spreadsheets import EXCEL_MIME, to_csv_bytes, to_excel_bytes
from kpop_explorer.formats.columns import csv_frame, excel_formats
from kpop_explorer.formats.tables import (
    for_display,
    number_formats,
    number_steps,
    only_used_categories,
)
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import file_stem, plain
from kpop_explorer.links.view_params import ViewParam

PRESENTER_FONT_SIZE = 20  # chart text readable from the back of a room
VIEWS = ("chart", "table")


def _view_param(panel_key: str) -> ViewParam:
    """A panel shown as its table: `?overview_progress=table` (the chart is the default)."""
    return ViewParam(panel_key, VIEWS, default="chart")


PAGE_ROWS = 30  # a browser table is sent one screenful-and-a-bit at a time, whatever the data size


def paged_dataframe(table: pd.DataFrame, page_key: str, t: Translator, **options):
    """A `for_display` table sent one page at a time, its numbers formatted for reading;
    returns (the dataframe's state, the first row shown)."""
    pages = max(1, -(-len(table) // PAGE_ROWS))
    page = st.pagination(pages, key=page_key) if pages > 1 else 1
    first = (min(page, pages) - 1) * PAGE_ROWS
    shown = only_used_categories(table.iloc[first : first + PAGE_ROWS])
    options.setdefault("height", min(420, 38 + 35 * len(shown)))
    steps = number_steps(shown)
    options["column_config"] = {
        **{
            c: st.column_config.NumberColumn(format=f, step=steps[c])
            for c, f in number_formats(shown, t).items()
        },
        **options.get("column_config", {}),
    }
    return st.dataframe(shown, hide_index=True, **options), first


@st.fragment
def table_on_demand(
    ctx: PageContext, label: str, table: Callable[[], pd.DataFrame], key: str
) -> None:
    """A long list behind an expander, made and sent only once opened, and then one page at a
    time. Streamlit's data grid brings a large JavaScript bundle that would otherwise compile
    beside Plotly.js on every first visit of the page (docs/performance.md).
    A fragment: opening it, or paging, reruns the list alone, not the page's charts."""
    expander = st.expander(label, key=f"{key}_open", on_change="rerun", icon=":material/list:")
    if expander.open:
        with expander:
            paged_dataframe(table(), f"{key}_page", ctx.t, height=420)


def ready_made(table: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    """An already built table, for a lazy download or the briefing.

    Not a lambda in the page: Streamlit keeps download callables for the whole session, and a
    lambda written in a page holds every variable of that page's run for as long.
    """
    return lambda: table


def table_downloads(
    ctx: PageContext, title: str, table: Callable[[], pd.DataFrame], key: str
) -> None:
    """CSV and Excel of exactly the table `table()` makes, built only when clicked, each number
    written as its column's declared kind says (`kpop_explorer.formats.columns`)."""
    stem, t = file_stem(title, "chart"), ctx.t
    st.download_button(
        ctx.t("chart.download_csv"), data=lambda: to_csv_bytes(csv_frame(table(), t)),
        file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv",
        icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    st.download_button(
        ctx.t("chart.download_excel"), data=lambda: _workbook(title, table(), t),
        file_name=f"{stem}.xlsx", mime=EXCEL_MIME, key=f"{key}_xlsx",
        icon=":material/table:", on_click="ignore",
    )  # fmt: skip


def _workbook(title: str, shown: pd.DataFrame, t: Translator) -> bytes:
    return to_excel_bytes({title: shown}, {title: excel_formats(shown, t)})


def source_line(
    ctx: PageContext, source: str, illustrative: bool, reference_note: str | None = None
) -> None:
    """Where the figures come from; uploaded data is named as such, never called illustrative.
    The source of a real-data layer drawn with the chart (`reference_note`) goes on a second
    line of the same caption: one element, not two."""
    t = ctx.t
    if ctx.uploaded_files:
        files = plain(", ".join(ctx.uploaded_files))
        uploaded = t("source.uploaded", files=files)
        line = f":violet-badge[{t('chart.uploaded')}] " + t("chart.source_line", source=uploaded)
    else:
        mark = f":orange-badge[{t('chart.illustrative')}] " if illustrative else ""
        line = mark + t("chart.source_line", source=plain(source))
    if reference_note:
        line += f"  \n:gray-badge[{t('chart.reference')}] {plain(reference_note)}"
    st.caption(line)


def _source(ctx: PageContext, panel: Panel) -> tuple[str, bool]:
    """The panel's source as plain text, and whether its figures are illustrative."""
    t = ctx.t
    if ctx.uploaded_files:
        return t("source.uploaded", files=", ".join(ctx.uploaded_files)), False
    return panel.source or t("source.illustrative"), panel.illustrative


def _record(ctx: PageContext, panel: Panel, figure: Chart) -> ChartRecord:
    """The chart for the deck, with the source line its panel shows."""
    source, illustrative = _source(ctx, panel)
    return ChartRecord(panel.title, panel.subtitle, panel.table, figure.build, figure.args,
                       figure.kwargs, source, illustrative)  # fmt: skip


def image_export(ctx: PageContext, panel: Panel) -> dict:
    """What a saved chart image carries around the chart, as plain translated text (never
    Markdown: the browser writes it into the image as text): the panel's title and subtitle,
    its source line with the mark its caption shows, the reference note, the file name and the
    titles of the modebar's PNG and SVG buttons."""
    t = ctx.t
    source, illustrative = _source(ctx, panel)
    mark = t("chart.uploaded") if ctx.uploaded_files else t("chart.illustrative")
    notes = [f"{t('chart.reference')}: {panel.reference_note}"] if panel.reference_note else []
    return {
        "title": panel.title,
        "subtitle": panel.subtitle,
        "source": t("chart.source_line", source=source),
        "illustrative": illustrative,
        "uploaded": bool(ctx.uploaded_files),
        "mark": mark if illustrative or ctx.uploaded_files else None,
        "notes": notes,
        "filename": file_stem(panel.title, "chart"),
        "labels": {"png": t("chart.image_png"), "svg": t("chart.image_svg")},
    }


def chart_panel(
    ctx: PageContext,
    panel: Panel,
    figure: Chart,
    *,
    selectable: bool = False,
):
    """Draws the panel; returns the chart's selection state when `selectable`, else None.

    A panel whose chart selects nothing is a fragment: switching it between chart and table, or
    paging its table, reruns that panel alone, not the page with all its other charts. A
    selectable chart's selection changes the rest of the page, so it reruns the page.
    """
    table = panel.table[
        [*panel.key_columns, *(c for c in panel.table.columns if c not in panel.key_columns)]
    ]
    shown = partial(for_display, table, ctx.t)  # made when someone looks or downloads
    if not panel.table.empty:  # once a page run, not per panel rerun
        ctx.briefing.tables.append((panel.title, shown))
        ctx.briefing.charts.append(_record(ctx, panel, figure))
    if selectable:
        return _panel(ctx, panel, figure, shown, selectable=True)
    _panel_fragment(ctx, panel, figure, shown)
    return None


def _panel(
    ctx: PageContext,
    panel: Panel,
    figure: Chart,
    shown: Callable[[], pd.DataFrame],
    *,
    selectable: bool = False,
):
    t = ctx.t
    with st.container(border=True):
        # Titles and subtitles are plain text (data, labels, sentences): escaped here, where
        # Streamlit draws them as Markdown, and nowhere else (images and decks take them as is).
        title = f"**{plain(panel.title)}**"
        subtitle = " ".join(x for x in (panel.subtitle, panel.hint) if x)
        st.markdown(f"{title}  \n{plain(subtitle)}" if subtitle else title)
        view = url_widgets.declare(_view_param(panel.key), f"{panel.key}_view")
        picked = None
        if panel.table.empty:
            st.info(t("chart.no_data"), icon=":material/filter_alt_off:")
            return None
        if view == "table":
            paged_dataframe(shown(), f"{panel.key}_page", t)
        else:
            drawn = cached.figure(
                f"{figure.build.__module__}.{figure.build.__qualname__}",
                figure.args,
                figure.kwargs,
                dark=ctx.dark,
                font_size=PRESENTER_FONT_SIZE if ctx.presenting else None,
                _build=figure.build,
            )
            if selectable:  # what is picked shows as picked, from a click or from a link
                drawn = highlighted(drawn, st.session_state.get(picked_key(panel.key), ()))
            picked = plotly_element.chart(
                drawn,
                key=chart_key(panel.key),
                selectable=selectable,
                on_select=partial(selection.store, panel.key) if selectable else None,
                config=theme.plotly_config(TOPOJSON_URL, t),
                alt=panel.alt,
                export=image_export(ctx, panel),
            )
        if ctx.presenting:  # on a projector: the chart alone; the story has one source line
            return picked if selectable else None
        source_line(
            ctx, panel.source or t("source.illustrative"), panel.illustrative, panel.reference_note
        )
        if panel.links:
            source_links(t, panel.links, f"{panel.key}_sources")
        with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
            st.segmented_control(  # tied to the link by the `declare` above
                t("chart.view"),
                VIEWS,
                format_func=t.keyed("chart.view_{}"),
                required=True,
                key=f"{panel.key}_view",
                label_visibility="collapsed",
            )
            table_downloads(ctx, panel.title, shown, panel.key)
    return picked if selectable else None


_panel_fragment = st.fragment(_panel)
