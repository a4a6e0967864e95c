"""A PowerPoint deck of the guided story or of one view, with native, editable charts.

Each chart is redrawn from the table the page drew it from, as a PowerPoint bar, column or line
chart whose numbers live in the chart's own data sheet, so people can restyle it and edit its
figures. Maps and treemaps have no native PowerPoint form: they become a ranked bar, places a
table, and the slide says so. Text is in the viewer's language and tagged with it; Korean text
gets a font with Hangul.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pandas as pd
from babel.dates import format_skeleton

from kpop_explorer.charts import theme
from kpop_explorer.exports.briefing import ChartRecord
from kpop_explorer.exports.spreadsheets import ILLEGAL_CHARACTERS_RE, cell_text
from kpop_explorer.formats import columns
from kpop_explorer.formats.columns import Kind, chart_format, kind_of, shown_kinds
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n import Translator

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# Office's own faces: Malgun Gothic has Hangul and ships with Windows and Office for Mac.
FONTS = {"en": "Calibri", "fr": "Calibri", "ko": "Malgun Gothic"}
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "ko": "ko-KR"}
COUNT_FORMAT = chart_format(Kind(columns.COUNT))
PERCENT_FORMAT = chart_format(Kind(columns.SHARE))
MONEY_FORMAT = chart_format(Kind(columns.MONEY))
MAX_BARS = 15  # a ranked bar beyond this stops being readable on a slide
MAX_LINE_GROUPS = 6
# Months on a date axis: LibreOffice writes Korean month names in English, so Korean spells
# the month out as its own calendar does.
# (Backslashes, not quotes, mark the literal words: python-pptx writes this format into its XML
# unescaped.)
MONTH_FORMATS = {"en": "mmm yyyy", "fr": "mmm yyyy", "ko": "yyyy\\년 m\\월"}
MAX_PERIODS = 12  # month labels on a time axis; more would turn on their side and collide
MAX_LABELS = 24  # value labels beyond this crowd into each other; the axis reads them then
SLIDE_DROPPED = ("source_url",)  # links read on the sources slide, not in a table's cells
# The slide, in inches: 13.333 x 7.5, with margins of half an inch.
SLIDE_WIDTH, SLIDE_HEIGHT, MARGIN = 13.333, 7.5, 0.5
TEXT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TABLE_FONT = 11  # points
MAX_TABLE_COLUMNS = 6  # more would wrap every cell, a glyph a line
CAPTION = "Caption"  # the shape's name
BOLD = 1.1  # a bold glyph's width against a regular one
MIN_CHART = 2.5  # inches: a chart lower than this moves to a slide of its own
CARD_VALUE = {True: 24, False: 20}  # points of a card's value: a row of six cards is narrower
CARD_SPACING = 4  # points between a card's label, value and target
# The rating scale's top: a rating's axis runs from zero to it.
RATING_TOP = 5

Values = tuple[float | None, ...]


@dataclass(frozen=True)
class DeckChart:
    """A chart PowerPoint draws itself, or a table where it cannot."""

    kind: str  # bar (horizontal) | column | line | table
    categories: tuple[str, ...] = ()
    series: tuple[tuple[str, Values], ...] = ()
    number_format: str = COUNT_FORMAT
    top: float | None = None  # the value axis's end, where the scale has one (a rating's 5)
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


def _labels(
    codes: Sequence,
    column: str,
    vocabulary: str | None,
    t: Translator,
    countries: Sequence[str] | None = None,
) -> tuple:
    return tuple(columns.category_words(codes, column, t, vocabulary, countries))


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
    kind = Kind(columns.SHARE) if kwargs.get("percent") else kind_of(value, table[value])
    places = max(kwargs.get("number_digits", 0), columns.digits(kind, table[value]))
    return DeckChart(
        "bar",
        _labels(table[category], category, kwargs.get("vocabulary"), t, table.get("country")),
        tuple(series),
        chart_format(kind, places),
        plans=(t("chart.plan"),),
        top=RATING_TOP if kind.name == columns.RATING else None,
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
    categories = tuple(pd.Timestamp(m).date() for m in months)  # a date axis: months in words
    projected = "projected" in table  # `projection.monthly_lines`, joined by the panel
    drawn = ["actual", "target", *(["projected"] if projected else [])]
    if by is None:
        groups = [(t("chart.total"), table.groupby("month")[drawn].sum(min_count=1))]
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
    months = x == "month" and len(totals) > MAX_PERIODS  # a date axis, labelled every few
    return DeckChart(
        "column",
        tuple(pd.Timestamp(v).date() if months else _period(v, x, t) for v in totals.index),
        ((t("chart.actual"), _numbers(totals[actual])),
         (t("chart.plan_total"), _numbers(totals[target]))),
        COUNT_FORMAT,
        plans=(t("chart.plan_total"),),
    )  # fmt: skip


def _audience(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table = args[0]
    drawn = ("expected_attendance", "attendance", "online_viewers")
    places = max(columns.digits(Kind(columns.COUNT), table[c]) for c in drawn)
    return DeckChart(
        "bar",
        _labels(table["country"], "country", None, t),
        tuple((t(f"column.{c}"), _numbers(table[c])) for c in drawn),
        chart_format(Kind(columns.COUNT), places),
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
    kind = kind_of(value, table[value])
    places = max(kwargs.get("number_digits", 0), columns.digits(kind, table[value]))
    return _ranked(names, table[value], kwargs.get("value_label", value),
                   chart_format(kind, places),
                   t("deck.note.map_as_bar", n=min(len(table), MAX_BARS)))  # fmt: skip


def _treemap(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    budgets = args[0].groupby("focus_area", sort=False)["budget_eur"].sum()
    names = pd.Series([t.label("focus", f) for f in budgets.index])
    return _ranked(names, budgets, t("column.budget_eur"), MONEY_FORMAT,
                   t("deck.note.treemap_as_bar"))  # fmt: skip


def _years(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    """The real events' map played year by year, as the number of events each year: the
    series the frames draw, which a slide can hold."""
    counts = args[0]["year"].dropna().astype(int).value_counts().sort_index()
    years = range(int(counts.index.min()), int(counts.index.max()) + 1) if len(counts) else []
    counts = counts.reindex(years, fill_value=0)
    return DeckChart(
        "column", tuple(str(y) for y in counts.index),
        ((t("history.events.axis"), _numbers(counts)),), COUNT_FORMAT,
        note=t("deck.note.map_as_years"),
    )  # fmt: skip


# --- The history page's charts and the reality checks ------------------------------------------


def _year_range(years: pd.Series) -> list[int]:
    years = pd.to_numeric(years, errors="coerce").dropna().astype(int)
    return list(range(int(years.min()), int(years.max()) + 1)) if len(years) else []


def _events_per_year(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    """Events each year, a column per event type, every year from the first named."""
    table = args[0]
    years = _year_range(table["year"])
    pivot = table.pivot_table(index="year", columns="event_type", values="events",
                              aggfunc="sum", observed=True).reindex(years)  # fmt: skip
    series = tuple(
        (t.label("event_type", str(kind)), _numbers(pivot[kind].fillna(0))) for kind in pivot
    )
    return DeckChart("column", tuple(str(y) for y in years), series, COUNT_FORMAT)


def _attendance_per_year(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table = args[0].set_index("year")
    years = _year_range(args[0]["year"])
    values = table["attendance"].reindex(years)
    return DeckChart("column", tuple(str(y) for y in years),
                     ((t("history.attendance.axis"), _numbers(values)),), COUNT_FORMAT)  # fmt: skip


def _largest_events(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    """The largest audiences, named with their year, the largest on top."""
    table = args[0].iloc[::-1]
    names = tuple(
        f"{name} ({pd.Timestamp(day).year})"
        for name, day in zip(table["event_name"], table["date_start"], strict=True)
    )
    audience = (t("history.attendance.axis"), _numbers(table["attendance_reported"]))
    return DeckChart("bar", names, (audience,), COUNT_FORMAT)


def _fan_clubs(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    series = args[0]
    rows = series[(series["measure"] == "clubs") & (series["region"] == "Europe")]
    clubs = (t("history.region.europe"), _numbers(rows["value"]))
    return DeckChart("line", tuple(str(int(y)) for y in rows["year"]), (clubs,), COUNT_FORMAT)


def _openings(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    """Places open by each year, a line per kind of place."""
    table = args[0]
    years = _year_range(table["year"])
    series = []
    for category, rows in table.groupby("category", sort=False):
        values = rows.set_index("year")["cumulative"].reindex(years).ffill().fillna(0)
        series.append((t.label("reference", str(category)), _numbers(values)))
    return DeckChart("line", tuple(str(y) for y in years), tuple(series), COUNT_FORMAT)


def _learners(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    table = args[0].iloc[::-1]
    names = tuple(
        f"{name} · {int(year)}"
        for name, year in zip(table["name"], table["reference_year"], strict=True)
    )
    return DeckChart("bar", names, ((t("history.learners.axis"), _numbers(table["number"])),),
                     COUNT_FORMAT)  # fmt: skip


def _benchmark(args: tuple, kwargs: dict, t: Translator) -> DeckChart:
    """A reality check: the plan's figures beside the real ones, the plan on top."""
    table = args[0]
    rows = pd.concat([table[table["kind"] == k].sort_values("value")
                      for k in ("real", "actual", "plan")])  # fmt: skip
    names = tuple(
        label if kind == "real" else t(f"reality.{kind}_label", label=label)
        for label, kind in zip(rows["label"].astype(str), rows["kind"], strict=True)
    )
    return DeckChart("bar", names, ((kwargs.get("axis_title", ""), _numbers(rows["value"])),),
                     COUNT_FORMAT)  # fmt: skip


def as_table(table: pd.DataFrame, t: Translator, displayed: bool = False) -> DeckChart:
    """Every row of the panel's table as the explorer's table view shows them (`displayed`: it
    already does), each value written as its column's kind says, without the record ids and
    links, which say nothing on a slide. A table longer than a slide continues on the next."""
    if not displayed:
        dropped = [c for c in table if c.endswith("_id") or c in SLIDE_DROPPED]
        table = for_display(table.drop(columns=dropped), t)
    every = len(table.columns)
    table = table.iloc[:, :MAX_TABLE_COLUMNS]  # a panel's key columns come first
    kinds = shown_kinds(table, t)
    places = {c: columns.digits(kinds[c], table[c]) for c in table.columns}
    rows = tuple(
        tuple(
            columns.text(v, kinds[c], t, places[c]) for c, v in zip(table.columns, row, strict=True)
        )
        for row in table.itertuples(index=False)
    )
    note = t("deck.note.table", total=t.number(len(table)))
    if every > MAX_TABLE_COLUMNS:
        note = t("deck.note.table_columns", total=t.number(len(table)), n=MAX_TABLE_COLUMNS,
                 columns=every)  # fmt: skip
    return DeckChart("table", header=tuple(map(str, table.columns)), rows=rows, note=note)


CONVERTERS: dict[str, Callable[[tuple, dict, Translator], DeckChart]] = {
    "ranking_bars": _ranking,
    "progress_bars": _progress,
    "plan_actual_lines": _lines,
    "grouped_bars_over_time": _periods,
    "audience_bars": _audience,
    "country_choropleth": _choropleth,
    "portfolio_treemap": _treemap,
    "events_map_by_year": _years,
    "events_per_year": _events_per_year,
    "attendance_per_year": _attendance_per_year,
    "largest_events": _largest_events,
    "fan_clubs": _fan_clubs,
    "cumulative_openings": _openings,
    "learner_counts": _learners,
    "benchmark_bars": _benchmark,
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


def text_lines(text: str, width: float, size: float) -> int:
    """Lines `text` takes in a box `width` inches wide at `size` points, wrapped at words; a
    generous estimate (a wide glyph, Hangul or CJK, counts one em; any other, 0.6 em)."""
    usable = max(width - 0.2, 0.3) * 72  # the box's own insets
    lines = 0
    for paragraph in str(text).split("\n"):
        line, count = 0.0, 1
        for word in paragraph.split(" "):
            length = sum(size * (1.0 if ord(c) >= 0x1100 else 0.6) for c in word)
            if line and line + size * 0.3 + length > usable:
                count += 1
                line = 0.0
            line += (size * 0.3 if line else 0.0) + length
            while line > usable:
                count += 1
                line -= usable
        lines += count
    return max(lines, 1)


def _text_height(lines: Sequence[str], width: float, size: float) -> float:
    """Inches a box of these paragraphs takes, its insets included."""
    return sum(text_lines(line, width, size) for line in lines) * size * 1.2 / 72 + 0.12


def _box(
    slide, left: float, top: float, width: float, lines: Sequence[str], size: float,
    bold: bool = False,
):  # fmt: skip
    """A text box as tall as its lines need (bold glyphs a tenth wider)."""
    from pptx.util import Inches

    height = _text_height(lines, width, size * BOLD if bold else size)
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    box.text_frame.word_wrap = True
    _write_lines(box.text_frame, lines, size)
    return box, height


def _content_slide(presentation, content: SlideContent, t: Translator) -> None:
    """The slide, and as many more as a long table needs, each with its title, caption and
    source line: every shape inside the slide, each text in a box tall enough for it."""
    chart = content.chart
    slide, area = _framed_slide(presentation, content, t, first=True)
    if chart is None:
        _box(slide, MARGIN, area[0], TEXT_WIDTH, [content.message or t("chart.no_data")], 16)
        return
    if chart.kind != "table":
        if area[1] - area[0] < chart_room(chart):  # too little room under the cards: the
            for shape in list(slide.shapes):  # chart and its caption go on a slide of their own
                if shape.name == CAPTION:
                    shape._element.getparent().remove(shape._element)
            slide, area = _framed_slide(presentation, content, t, first=False)
        _native_chart(slide, chart, area, t.lang)
        return
    rows, widths = list(chart.rows), _column_widths(chart)
    while True:
        taken = _rows_that_fit(rows, widths, area[1] - area[0], chart.header)
        _table(slide, chart.header, rows[:taken], widths, area[0])
        rows = rows[taken:]
        if not rows:
            return
        slide, area = _framed_slide(presentation, content, t, first=False)


def chart_room(chart: DeckChart) -> float:
    """Inches a native chart needs: a bar chart a sixth of an inch per category, so that every
    name has the height to be drawn, and a bar of its own per value label it carries, so that
    the labels of neighbouring bars do not run into each other."""
    if chart.kind == "bar":
        labelled = len(chart.categories) * len(chart.series) <= MAX_LABELS
        bars = len(chart.categories) * (len(chart.series) if labelled else 1)
        return max(MIN_CHART, (0.18 if labelled else 0.16) * bars + 0.6)
    return MIN_CHART


def _framed_slide(presentation, content: SlideContent, t: Translator, first: bool):
    """A slide with its title, (on the first) headline and cards, caption and source line;
    returns it with the top and bottom, in inches, of the room left for the chart."""
    from pptx.util import Pt

    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    title_text = content.title if first else t("deck.continued", title=content.title)
    title_size = 30 if text_lines(title_text, TEXT_WIDTH, 30) == 1 else 24
    title_height = _text_height([title_text], TEXT_WIDTH, title_size)
    title = _place(slide.shapes.title, MARGIN, 0.25, TEXT_WIDTH, title_height)
    title.text = _text(title_text)
    title.text_frame.word_wrap = True
    title.text_frame.paragraphs[0].font.size = Pt(title_size)
    top = 0.25 + title_height + 0.05
    if first and content.headline:
        _, height = _box(slide, MARGIN, top, TEXT_WIDTH, [content.headline], 18)
        top += height + 0.05
    if first and content.kpis:
        top += _cards(slide, content.kpis, top) + 0.1
    caption = content.chart_title
    if content.chart is not None and content.chart.note:
        caption = f"{caption} — {content.chart.note}" if caption else content.chart.note
    if caption:
        box, height = _box(slide, MARGIN, top, TEXT_WIDTH, [caption], 14, bold=True)
        box.name = CAPTION
        for paragraph in box.text_frame.paragraphs:
            paragraph.font.bold = True
        top += height
    bottom = SLIDE_HEIGHT - 0.15
    if content.source:
        height = _text_height([content.source], TEXT_WIDTH, 10)
        bottom -= height
        _box(slide, MARGIN, bottom, TEXT_WIDTH, [content.source], 10)
    return slide, (top, bottom - 0.1)


def _cards(slide, kpis, top: float) -> float:
    """The KPI cards in a row, each as tall as the tallest needs; returns that height."""
    from pptx.util import Pt

    width = TEXT_WIDTH / len(kpis) - 0.15
    heights = []
    for position, (label, value, target) in enumerate(kpis):
        small = [label] + ([target] if target else [])
        spacing = CARD_SPACING * (len(small) - 1) / 72
        size = CARD_VALUE[len(kpis) <= 5]
        value_height = _text_height([value], width, size * BOLD)
        height = _text_height(small, width, 12) + value_height + spacing
        heights.append(height)
        box, _ = _box(slide, MARGIN + position * (width + 0.15), top, width, [label, value]
                      + ([target] if target else []), 12)  # fmt: skip
        box.height = Pt(height * 72)
        paragraphs = box.text_frame.paragraphs
        paragraphs[1].font.size = Pt(size)
        paragraphs[1].font.bold = True
        for paragraph in paragraphs[1:]:  # the value's tall glyphs clear the lines around it
            paragraph.space_before = Pt(CARD_SPACING)
    return max(heights)


def _column_widths(chart: DeckChart) -> list[float]:
    """Each column's share of the slide's width, by the longest of its first texts, a long
    text capped so that it wraps rather than starves the others."""
    count = max(1, len(chart.header))
    weights = []
    for number in range(count):
        texts = [chart.header[number] if number < len(chart.header) else ""]
        texts += [row[number] for row in chart.rows[:200] if number < len(row)]
        longest = max((_width_of(x) for x in texts), default=1)
        weights.append(min(max(longest, 6), 40))
    total = sum(weights)
    return [TEXT_WIDTH * w / total for w in weights]


def _width_of(text: str) -> int:
    """A text's width in narrow characters: a Hangul or CJK glyph counts two."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)


def _row_height(values: Sequence[str], widths: Sequence[float]) -> float:
    lines = max(
        (text_lines(v, w, TABLE_FONT) for v, w in zip(values, widths, strict=False)), default=1
    )
    return lines * TABLE_FONT * 1.2 / 72 + 0.1


def _rows_that_fit(rows: list, widths: list[float], room: float, header: Sequence[str]) -> int:
    """How many of `rows` fit under the header in `room` inches (at least one)."""
    used = _row_height(header, widths)
    for number, row in enumerate(rows):
        used += _row_height(row, widths)
        if used > room:
            return max(number, 1)
    return len(rows)


def _wide(texts: Sequence) -> bool:
    """Whether labels hold wide glyphs (Hangul), whose lines stand taller."""
    return any(ord(c) >= 0x1100 for text in texts for c in str(text))


def _every_category_label(drawn, step: int = 1) -> None:
    """No category label skipped (`step` 1): PowerPoint and LibreOffice otherwise drop every
    other name of a long ranking. A long run of months is labelled every `step`-th."""
    from pptx.oxml.ns import qn

    axis = drawn.category_axis._element
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = axis.makeelement(qn("c:tickLblSkip"), {})
        after = axis.find(qn("c:noMultiLvlLbl"))
        if after is not None:
            after.addprevious(skip)
        else:
            axis.append(skip)
    skip.set("val", str(step))
    if axis.tag == qn("c:dateAx"):  # months, each a bar's width; a label every `step`
        tags = [("c:baseTimeUnit", "months"), ("c:majorUnit", str(step)),
                ("c:majorTimeUnit", "months")]  # fmt: skip
        for tag, value in tags:
            element = axis.find(qn(tag))
            if element is None:
                element = axis.makeelement(qn(tag), {})
                skip.addprevious(element)
            element.set("val", value)
        skip.getparent().remove(skip)


# Windows locale ids: a number format tagged with one is written with that language's
# separators ("19 102 000" in French) whatever the computer's own locale.
LOCALE_IDS = {"en": "809", "fr": "40C", "ko": "412"}


def localised(number_format: str, lang: str) -> str:
    return f"[$-{LOCALE_IDS[lang]}]{number_format}"


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


def _native_chart(slide, chart: DeckChart, area, lang: str = "en") -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Inches, Pt

    # The chart's data sheet is a workbook: its text is guarded against formulas like any export.
    number_format = localised(chart.number_format, lang)
    data = _guarded_chart_data(number_format=number_format)
    data.categories = [c if isinstance(c, date) else cell_text(c) for c in chart.categories]
    if chart.categories and isinstance(chart.categories[0], date):
        data.categories.number_format = localised(MONTH_FORMATS[lang], lang)
    for name, values in chart.series:
        data.add_series(cell_text(name), values)
    kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
            "line": XL_CHART_TYPE.LINE}[chart.kind]  # fmt: skip
    top, bottom = area
    drawn = slide.shapes.add_chart(
        kind, Inches(MARGIN), Inches(top), Inches(TEXT_WIDTH), Inches(bottom - top), data
    ).chart
    drawn.has_title = False  # the slide's caption above names the chart
    drawn.font.size = Pt(12 if len(chart.categories) <= 10 else 10)
    if chart.kind == "bar" and len(chart.categories) > 10:  # every name fits its bar's height
        drawn.category_axis.tick_labels.font.size = Pt(8 if _wide(chart.categories) else 9)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.TOP
        drawn.legend.include_in_layout = False
    drawn.value_axis.tick_labels.number_format = number_format
    drawn.value_axis.tick_labels.number_format_is_linked = False
    drawn.value_axis.has_major_gridlines = True
    if chart.kind != "line" or chart.top is not None:  # bars and columns start at zero
        lowest = min((v for _, vs in chart.series for v in vs if v is not None), default=0.0)
        drawn.value_axis.minimum_scale = min(0.0, lowest)
    if chart.top is not None:
        drawn.value_axis.maximum_scale = chart.top
    periods = chart.kind in ("line", "column")
    _every_category_label(drawn, -(-len(chart.categories) // MAX_PERIODS) if periods else 1)
    if chart.kind != "line" and len(chart.categories) * len(chart.series) <= MAX_LABELS:
        plot = drawn.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(10)
    colors = itertools.cycle(theme.OKABE_ITO)  # a colour for each series, however many
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


def _table(slide, header, rows, widths: Sequence[float], top: float) -> None:
    from pptx.util import Inches, Pt

    heights = [_row_height(header, widths)] + [_row_height(r, widths) for r in rows]
    shape = slide.shapes.add_table(
        len(rows) + 1, max(1, len(header)), Inches(MARGIN), Inches(top), Inches(TEXT_WIDTH),
        Inches(sum(heights)),
    )  # fmt: skip
    table = shape.table
    for number, width in enumerate(widths):
        table.columns[number].width = Inches(width)
    for row_number, values in enumerate([header, *rows]):
        table.rows[row_number].height = Inches(heights[row_number])
        for column_number, value in enumerate(values):
            cell = table.cell(row_number, column_number)
            cell.text = cell_text(value)
            cell.text_frame.word_wrap = True
            cell.text_frame.paragraphs[0].font.size = Pt(TABLE_FONT)
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
