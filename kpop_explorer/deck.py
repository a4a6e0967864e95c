"""A PowerPoint deck of the guided story or of one view, with native, editable charts.

Each chart is redrawn from the table the page drew it from, as a PowerPoint bar, column or line
chart whose numbers live in the chart's own data sheet, so people can restyle it and edit its
figures. Maps and treemaps have no native PowerPoint form: they become a ranked bar, places a
table, and the slide says so. Text is in the viewer's language and tagged with it; Korean text
gets a font with Hangul.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_skeleton

from kpop_explorer import theme
from kpop_explorer.briefing import ChartRecord
from kpop_explorer.exports import ILLEGAL_CHARACTERS_RE, cell_text
from kpop_explorer.i18n import Translator
from kpop_explorer.tables import COUNTRY_COLUMNS, for_display

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# Office's own faces: Malgun Gothic has Hangul and ships with Windows and Office for Mac.
FONTS = {"en": "Calibri", "fr": "Calibri", "ko": "Malgun Gothic"}
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "ko": "ko-KR"}
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0%"
MONEY_FORMAT = '#,##0 "€"'
MAX_BARS = 15  # a ranked bar beyond this stops being readable on a slide
MAX_TABLE_ROWS = 7  # rows of two lines each still fit above the source line
MAX_LINE_GROUPS = 6

Values = tuple[float | None, ...]


@dataclass(frozen=True)
class DeckChart:
    """A chart PowerPoint draws itself, or a table where it cannot."""

    kind: str  # bar (horizontal) | column | line | table
    categories: tuple[str, ...] = ()
    series: tuple[tuple[str, Values], ...] = ()
    number_format: str = COUNT_FORMAT
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""  # what the explorer draws instead, when the slide shows another form
    plans: tuple[str, ...] = ()  # series that are plans: grey bars, dashed lines
    projections: tuple[str, ...] = ()  # lines carried on past the as-of date: dotted


@dataclass(frozen=True)
class SlideContent:
    title: str
    headline: str = ""
    kpis: tuple[tuple[str, str, str], ...] = ()  # label, value, against plan ("" if none)
    chart_title: str = ""
    chart: DeckChart | None = None
    source: str = ""
    message: str = ""  # instead of a chart: why there is none


@dataclass(frozen=True)
class Deck:
    title: str
    lines: tuple[str, ...]  # under the title: as-of date, filters, the data's status
    slides: tuple[SlideContent, ...]
    sources: tuple[str, ...]


# --- From what the page drew to a native chart ------------------------------------------------


def _numbers(values: Sequence) -> Values:
    out = []
    for value in values:
        number = None if value is None or pd.isna(value) else float(value)
        out.append(number if number is None or math.isfinite(number) else None)
    return tuple(out)


def _labels(codes: Sequence, column: str, vocabulary: str | None, t: Translator) -> tuple:
    if column in COUNTRY_COLUMNS:
        return tuple(t.country(c) for c in codes)
    return tuple(t.label(vocabulary or column, c) for c in codes)


def _period(value: object, column: str, t: Translator) -> str:
    if isinstance(value, pd.Timestamp):
        skeleton = "yQQQ" if column == "quarter" else "yMMM"  # "2024년 1월", "janv. 2024"
        return format_skeleton(skeleton, value, locale=t.locale)
    return str(value)


def _ranking(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table, category, value = args[0], args[1], args[2]
    plan = kwargs.get("plan")
    series = [(t("chart.actual"), _numbers(table[value]))]
    if plan is not None:
        series.append((t("chart.plan"), _numbers(table[plan])))
    return DeckChart(
        "bar",
        _labels(table[category], category, kwargs.get("vocabulary"), t),
        tuple(series),
        PERCENT_FORMAT if kwargs.get("percent") else COUNT_FORMAT,
        plans=(t("chart.plan"),),
    )


def _progress(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table, category, vocabulary = args[0], args[1], args[2]
    return DeckChart(
        "bar",
        _labels(table[category], category, vocabulary, t),
        ((t("chart.actual"), _numbers(table["progress"])),),
        PERCENT_FORMAT,
    )


def _lines(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table, by = args[0], kwargs.get("by")
    months = sorted(table["month"].unique())
    categories = tuple(_period(pd.Timestamp(m), "month", t) for m in months)
    projected = "projected" in table  # `projection.monthly_lines`, joined by the panel
    columns = ["actual", "target", *(["projected"] if projected else [])]
    if by is None:
        groups = [(t("chart.total"), table.groupby("month")[columns].sum(min_count=1))]
    else:
        groups = [
            (_labels([key], by, kwargs.get("vocabulary") if by != "country" else None, t)[0],
             table[table[by] == key].set_index("month"))
            for key in list(dict.fromkeys(table[by]))[:MAX_LINE_GROUPS]
        ]  # fmt: skip
    series, plans, projections = [], [], []
    for name, rows in groups:
        rows = rows.reindex(months)
        plans.append(t("chart.plan_of", name=name))
        series += [(name, _numbers(rows["actual"])), (plans[-1], _numbers(rows["target"]))]
        if projected:
            projections.append(t("chart.projected_of", name=name))
            series.append((projections[-1], _numbers(rows["projected"])))
    return DeckChart("line", categories, tuple(series), COUNT_FORMAT, plans=tuple(plans),
                     projections=tuple(projections))  # fmt: skip


def _periods(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table, x, actual, target = args[0], args[1], args[2], args[3]
    totals = table.groupby(x, sort=True)[[actual, target]].sum(min_count=1)
    return DeckChart(
        "column",
        tuple(_period(v, x, t) for v in totals.index),
        ((t("chart.actual"), _numbers(totals[actual])),
         (t("chart.plan_total"), _numbers(totals[target]))),
        COUNT_FORMAT,
        plans=(t("chart.plan_total"),),
    )  # fmt: skip


def _audience(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table = args[0]
    columns = ("expected_attendance", "attendance", "online_viewers")
    return DeckChart(
        "bar",
        _labels(table["country"], "country", None, t),
        tuple((t(f"column.{c}"), _numbers(table[c])) for c in columns),
        COUNT_FORMAT,
        plans=(t("column.expected_attendance"),),
    )


def _ranked(names: pd.Series, values: pd.Series, label: str, fmt: str, note: str) -> DeckChart:
    """The largest values as bars, the largest on top (PowerPoint draws the first at the
    bottom)."""
    frame = pd.DataFrame({"name": list(names), "value": list(values)})
    top = frame.sort_values("value", ascending=False, kind="stable").head(MAX_BARS).iloc[::-1]
    return DeckChart("bar", tuple(top["name"]), ((label, _numbers(top["value"])),), fmt, note=note)


def _choropleth(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table, value = args[0], args[1]
    names = pd.Series([t.country(c) for c in table["country"]])
    return _ranked(names, table[value], kwargs.get("value_label", value), COUNT_FORMAT,
                   t("deck.note.map_as_bar", n=min(len(table), MAX_BARS)))  # fmt: skip


def _treemap(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    budgets = args[0].groupby("focus_area", sort=False)["budget_eur"].sum()
    names = pd.Series([t.label("focus", f) for f in budgets.index])
    return _ranked(names, budgets, t("column.budget_eur"), MONEY_FORMAT,
                   t("deck.note.treemap_as_bar"))  # fmt: skip


def _cell_text(value: object, t: Translator) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return t.number(value, 0 if value.is_integer() else 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return t.number(value)
    if hasattr(value, "year") and hasattr(value, "month"):
        return t.date(value)
    return str(value)


def as_table(table: pd.DataFrame, t: Translator, displayed: bool = False) -> DeckChart:
    """The first rows of the panel's table as the explorer's table view shows them (`displayed`:
    it already does), without the record ids, which say nothing on a slide."""
    if not displayed:
        table = for_display(table.drop(columns=[c for c in table if c.endswith("_id")]), t)
    rows = tuple(
        tuple(_cell_text(v, t) for v in row)
        for row in table.head(MAX_TABLE_ROWS).itertuples(index=False)
    )
    note = t("deck.note.as_table", n=len(rows), total=t.number(len(table)))
    return DeckChart("table", header=tuple(map(str, table.columns)), rows=rows, note=note)


CONVERTERS: dict[str, Callable[[tuple, dict, Translator], DeckChart]] = {
    "ranking_bars": _ranking,
    "progress_bars": _progress,
    "plan_actual_lines": _lines,
    "grouped_bars_over_time": _periods,
    "audience_bars": _audience,
    "country_choropleth": _choropleth,
    "portfolio_treemap": _treemap,
}


def deck_chart(record: ChartRecord, t: Translator) -> DeckChart:
    """The native form of a chart the page drew; a table for what PowerPoint cannot draw
    (places on a map, a timeline)."""
    convert = CONVERTERS.get(getattr(record.build, "__name__", ""))
    return convert(record.args, record.kwargs, t) if convert else as_table(record.table, t)


# --- Writing the file -------------------------------------------------------------------------


def build(deck: Deck, t: Translator) -> bytes:
    """The deck as a .pptx file: a title slide, the slides, and a closing slide of sources."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    presentation.core_properties.title = _text(deck.title)
    presentation.core_properties.language = LANGUAGE_TAGS[t.lang]

    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    _place(slide.shapes.title, 0.8, 1.6, 11.7, 1.8).text = _text(deck.title)
    subtitle = _place(slide.placeholders[1], 0.8, 3.6, 11.7, 3.0)
    _write_lines(subtitle.text_frame, deck.lines, 18)

    for content in deck.slides:
        _content_slide(presentation, content, t)

    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    _place(slide.shapes.title, 0.6, 0.3, 12.1, 1.0).text = t("deck.sources")
    box = slide.shapes.add_textbox(Inches(0.8), Inches(1.5), Inches(11.7), Inches(5.4))
    box.text_frame.word_wrap = True
    _write_lines(box.text_frame, deck.sources, 16)

    for slide in presentation.slides:
        _set_language(slide, t.lang)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _place(shape, left: float, top: float, width: float, height: float):
    from pptx.util import Inches

    shape.left, shape.top, shape.width, shape.height = map(Inches, (left, top, width, height))
    return shape


def _text(text: str) -> str:
    """Text XML can hold: data and uploads may carry control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _write_lines(frame, lines: Sequence[str], size: int) -> None:
    from pptx.util import Pt

    frame.clear()
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = _text(line)
        paragraph.font.size = Pt(size)


def _content_slide(presentation, content: SlideContent, t: Translator) -> None:
    from pptx.util import Inches, Pt

    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    title = _place(slide.shapes.title, 0.5, 0.25, 12.3, 0.8)
    title.text = _text(content.title)
    title.text_frame.paragraphs[0].font.size = Pt(30)
    top = 1.1
    if content.headline:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(12.3), Inches(0.7))
        box.text_frame.word_wrap = True
        _write_lines(box.text_frame, [content.headline], 18)
        top += 0.8
    if content.kpis:
        width = 12.3 / len(content.kpis)
        for position, (label, value, target) in enumerate(content.kpis):
            box = slide.shapes.add_textbox(
                Inches(0.5 + position * width), Inches(top), Inches(width - 0.15), Inches(1.0)
            )
            box.text_frame.word_wrap = True
            _write_lines(box.text_frame, [label, value] + ([target] if target else []), 12)
            box.text_frame.paragraphs[1].font.size = Pt(24)
            box.text_frame.paragraphs[1].font.bold = True
        top += 1.15
    caption = content.chart_title
    if content.chart is not None and content.chart.note:
        caption = f"{caption} — {content.chart.note}" if caption else content.chart.note
    if caption:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(12.3), Inches(0.4))
        _write_lines(box.text_frame, [caption], 14)
        box.text_frame.paragraphs[0].font.bold = True
        top += 0.45
    area = (Inches(0.5), Inches(top), Inches(12.3), Inches(6.75 - top))
    if content.chart is None:
        box = slide.shapes.add_textbox(*area)
        box.text_frame.word_wrap = True
        _write_lines(box.text_frame, [content.message or t("chart.no_data")], 16)
    elif content.chart.kind == "table":
        _table(slide, content.chart, area)
    else:
        _native_chart(slide, content.chart, area)
    if content.source:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(6.85), Inches(12.3), Inches(0.45))
        box.text_frame.word_wrap = True
        _write_lines(box.text_frame, [content.source], 10)


def _guarded_chart_data(**kwargs):
    """Chart data whose embedded workbook (XlsxWriter) keeps every text as text: XlsxWriter
    otherwise writes "=..." and "{=...}" as formulas and "http://", "mailto:", "file://" or
    "external:..." as hyperlinks. The text is guarded by `cell_text` as well."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class Writer(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, _TEXT_ONLY_WORKBOOK)
            yield workbook, workbook.add_worksheet()
            workbook.close()

    class Data(CategoryChartData):
        @property
        def _workbook_writer(self):
            return Writer(self)

    return Data(**kwargs)


_TEXT_ONLY_WORKBOOK = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def _native_chart(slide, chart: DeckChart, area) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    # The chart's data sheet is a workbook: its text is guarded against formulas like any export.
    data = _guarded_chart_data(number_format=chart.number_format)
    data.categories = [cell_text(c) for c in chart.categories]
    for name, values in chart.series:
        data.add_series(cell_text(name), values)
    kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
            "line": XL_CHART_TYPE.LINE}[chart.kind]  # fmt: skip
    drawn = slide.shapes.add_chart(kind, *area, data).chart
    drawn.has_title = False  # the slide's caption above names the chart
    drawn.font.size = Pt(12)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.TOP
        drawn.legend.include_in_layout = False
    drawn.value_axis.tick_labels.number_format = chart.number_format
    drawn.value_axis.tick_labels.number_format_is_linked = False
    drawn.value_axis.has_major_gridlines = True
    if chart.kind != "line" and len(chart.categories) <= MAX_BARS:
        plot = drawn.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = chart.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(10)
    colors = iter(theme.OKABE_ITO)
    for series in drawn.series:
        drawn_as_measured = series.name not in chart.plans + chart.projections
        if drawn_as_measured:  # the explorer's colours, a plan line in its own
            color = RGBColor.from_string(next(colors).lstrip("#"))
            if chart.kind == "line":
                series.format.line.color.rgb = color
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
            continue
        if series.name in chart.projections:  # in its line's colour, dotted
            series.format.line.color.rgb = color
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
            continue
        if chart.kind == "line":
            series.format.line.color.rgb = color
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:  # the explorer's outlined plan bar
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
            series.format.line.color.rgb = RGBColor(0x88, 0x88, 0x88)


def _table(slide, chart: DeckChart, area) -> None:
    from pptx.util import Pt

    rows, columns = len(chart.rows) + 1, max(1, len(chart.header))
    left, top, width, height = area
    table = slide.shapes.add_table(rows, columns, left, top, width, height).table
    for row_number, values in enumerate([chart.header, *chart.rows]):
        table.rows[row_number].height = min(height // rows, Pt(40))
        for column_number, value in enumerate(values):
            cell = table.cell(row_number, column_number)
            cell.text = cell_text(value)
            cell.text_frame.paragraphs[0].font.size = Pt(11)
            cell.margin_top = cell.margin_bottom = Pt(2)


def _set_language(slide, lang: str) -> None:
    """Tag every run with the language and give it the language's font, Hangul included:
    PowerPoint draws Korean with the East Asian face (`a:ea`), so both are set."""
    from pptx.oxml.ns import qn

    tag, face = LANGUAGE_TAGS[lang], FONTS[lang]
    properties = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            frames = [shape.text_frame]
        elif shape.has_table:
            frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
        else:
            frames = []
        for frame in frames:
            for paragraph in frame.paragraphs:
                properties += [run.font for run in paragraph.runs]
        if shape.has_chart:
            properties.append(shape.chart.font)
    for font in properties:
        font.name = face
        rpr = font._rPr
        rpr.set("lang", tag)
        latin = rpr.find(qn("a:latin"))
        east_asian = rpr.find(qn("a:ea"))
        if east_asian is None:
            east_asian = latin.makeelement(qn("a:ea"), {})
            latin.addnext(east_asian)
        east_asian.set("typeface", face)
