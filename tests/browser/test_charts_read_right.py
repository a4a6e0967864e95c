"""Charts read right in the browser: French month names, presenter steps that fit a projector,
and a phone's chart toolbar that never sits on a legend (issue 16)."""

from __future__ import annotations

import pytest

from kpop_explorer.i18n import Translator
from kpop_explorer.views.story import load_story
from tests.browser.helpers import (
    axis_titles_on_ticks,
    exceptions,
    settle,
    shoot,
    texts_on_texts,
    texts_outside_charts,
)

pytestmark = pytest.mark.browser
SLOW = 90_000  # ms: a shared machine's first renders can take this long

FRENCH_MONTHS = ("janv.", "avr.", "juil.", "oct.", "mars", "mai", "sept.", "nov.")
ENGLISH_MONTHS = ("Jan", "Apr", "Jul", "Oct", "Mar", "May", "Sep", "Nov")


def test_a_french_page_names_its_months_in_french(server, page):
    page.goto(f"{server}/digital?lang=fr")
    settle(page, 1, timeout=SLOW)
    trend = page.locator(".st-key-digital_trend_0 .js-plotly-plot")
    trend.scroll_into_view_if_needed(timeout=SLOW)
    trend.locator(".xtick text").first.wait_for(timeout=SLOW)
    ticks = trend.locator(".xaxislayer-above .xtick text").all_text_contents()  # "janv.2024"
    assert any(tick.startswith(FRENCH_MONTHS) for tick in ticks), ticks
    assert not any(tick.startswith(ENGLISH_MONTHS) for tick in ticks), ticks


# A KPI card's text boxes whose words run past their box (cut, or hidden by an ellipsis).
CUT_CARD_TEXT = """() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
    .map(e => e.textContent)"""


@pytest.mark.parametrize("page", [{"width": 1920, "height": 1080}], indirect=True)
@pytest.mark.parametrize("lang", ["fr", "ko"])  # the longer words; English is shorter than both
def test_every_presenter_step_fits_a_1080_screen(server, page, lang):
    steps = len(load_story().steps)
    for number in range(1, steps + 1):
        page.goto(f"{server}/?present=1&step={number}&lang={lang}")
        settle(page, 1, timeout=SLOW)  # the history step draws its one map
        assert exceptions(page) == []
        assert page.evaluate(CUT_CARD_TEXT) == [], number  # "… · Dans les t…" was cut
        assert axis_titles_on_ticks(page) == [], number
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        bottoms = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(p => p.offsetParent !== null)
                .map(p => p.getBoundingClientRect().bottom)"""
        )
        assert height <= 1080, (number, height)
        assert bottoms and max(bottoms) <= 1080, (number, bottoms)  # charts above the fold
        if number == 1:
            shoot(page, f"present-step1-{lang}-1920")


def _overlaps(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"] or b["right"] <= a["left"]
        or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    )  # fmt: skip


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
@pytest.mark.parametrize(
    "path", ["digital?lang=fr", "education?lang=ko", "live-events", "history?lang=fr"]
)
def test_on_a_phone_the_chart_toolbar_never_sits_on_a_legend(server, page, path):
    page.goto(f"{server}/{path}")
    settle(page, 2, timeout=SLOW)
    boxes = []
    for chart in page.locator(".js-plotly-plot").all():
        chart.scroll_into_view_if_needed()
        chart.hover()  # the toolbars show on hover, or on a tap on a phone
        page.wait_for_timeout(150)
        legend = chart.locator(".legend")
        toolbars = [chart.locator(".modebar")] + [
            toolbar for toolbar in page.locator('[data-testid="stElementToolbar"]').all()
            if toolbar.is_visible()
        ]  # fmt: skip
        if not legend.count():
            continue
        legend_box = legend.first.bounding_box()
        for toolbar in toolbars:
            box = toolbar.bounding_box() if toolbar.count() else None
            if box and legend_box:
                edges = dict(left=box["x"], top=box["y"], right=box["x"] + box["width"],
                             bottom=box["y"] + box["height"])  # fmt: skip
                legend_edges = dict(
                    left=legend_box["x"], top=legend_box["y"],
                    right=legend_box["x"] + legend_box["width"],
                    bottom=legend_box["y"] + legend_box["height"],
                )  # fmt: skip
                boxes.append((edges, legend_edges))
    assert boxes  # else the test measured nothing
    assert not [pair for pair in boxes if _overlaps(*pair)]
    assert axis_titles_on_ticks(page) == []  # "Streams" sat on "400m"
    assert texts_outside_charts(page) == []  # a bar's value cut at the chart's edge
    # every pill of a facet on screen: Streamlit scrolled them sideways, cutting "교류 프로그"
    off_screen = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stButtonGroup"] button')].filter(b => {
            const box = b.getBoundingClientRect();
            return box.left < 0 || box.right > window.innerWidth;
        }).map(b => b.innerText)""")
    assert off_screen == []
    assert texts_on_texts(page) == []  # the learner counts' three-line names ran together


# The timeline's boxes as drawn: the chart, its plot area (where the bars are), the as-of note,
# the initiatives' names and the toolbar.
TIMELINE_BOXES = """(note) => {
    const plot = document.querySelector('.st-key-overview_timeline_0 .js-plotly-plot');
    const box = (e) => { const b = e.getBoundingClientRect();
                         return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
    const notes = [...plot.querySelectorAll('.annotation')]
        .filter(a => a.textContent.includes(note));
    return {
        chart: box(plot), plot: box(plot.querySelector('.nsewdrag')),
        notes: notes.map(box),
        names: [...plot.querySelectorAll('.annotation')].filter(a => !notes.includes(a)).map(box),
        toolbar: box(plot.querySelector('.modebar')),
    };
}"""


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"] - 1 and inner["right"] <= outer["right"] + 1
        and inner["top"] >= outer["top"] - 1 and inner["bottom"] <= outer["bottom"] + 1
    )  # fmt: skip


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_on_a_phone_the_timeline_keeps_its_bars_wide_and_every_text_whole(server, page, lang):
    """Names beside the bars left them a 60 px strip, the note ran 18 px past the chart and
    the toolbar covered it: names go above the bars, the note into the axis' wider side."""
    page.goto(f"{server}/?lang={lang}")
    settle(page, 3, timeout=SLOW)
    timeline = page.locator(".st-key-overview_timeline_0 .js-plotly-plot")
    timeline.scroll_into_view_if_needed(timeout=SLOW)
    timeline.hover(position={"x": 20, "y": 10})  # the toolbar shows, as after a tap
    page.wait_for_timeout(300)
    note = Translator(lang)("chart.as_of", date="").strip()  # "Données au", "기준 데이터"
    boxes = page.evaluate(TIMELINE_BOXES, note)
    chart, plot = boxes["chart"], boxes["plot"]
    assert plot["right"] - plot["left"] >= 0.9 * (chart["right"] - chart["left"])  # the bars' width
    assert len(boxes["notes"]) == 1 and _inside(boxes["notes"][0], chart)
    assert not _overlaps(boxes["notes"][0], boxes["toolbar"])
    assert len(boxes["names"]) >= 10 and all(_inside(name, chart) for name in boxes["names"])
    assert texts_outside_charts(page) == []
    assert texts_on_texts(page) == []
    shoot(page, f"overview-timeline-390-{lang}")
