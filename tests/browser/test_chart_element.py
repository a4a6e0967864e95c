"""Our chart element in Chromium: charts stay mounted, selections cross-filter, all offline."""

from __future__ import annotations

import pytest

from kpop_explorer.i18n import Translator
from tests.browser.helpers import exceptions, pick_country, settle

pytestmark = pytest.mark.browser
t = Translator("en")

MAP = ".kpop-plot"  # the Overview's first chart is its map
LOCATIONS = "(plot) => [...plot.data[0].locations]"


def test_a_chart_keeps_its_node_while_its_data_changes(server, page):
    page.goto(server)
    settle(page, 4, timeout=90_000)
    # Lost if the chart were mounted anew, or drawn again from scratch (Plotly.newPlot).
    page.eval_on_selector(MAP, "(plot) => { plot.querySelector('.main-svg').__kept = true; }")
    everywhere = page.eval_on_selector(MAP, LOCATIONS)
    assert "POL" in everywhere and len(everywhere) > 1
    pick_country(page, "Poland", "PL", 4)
    page.wait_for_function(
        f"() => document.querySelector('{MAP}').data[0].locations.join() === 'POL'",
        timeout=15_000,
    )
    assert page.eval_on_selector(MAP, "(plot) => plot.querySelector('.main-svg').__kept === true")
    assert page.locator(".kpop-plot").count() == 4
    assert page.locator(".js-plotly-plot .choroplethlocation").count() == 1


def country_centre(page, iso3: str) -> tuple[float, float]:
    """Where a country's shape is drawn on the map, in page pixels."""
    box = page.evaluate(
        """([selector, iso3]) => {
            const plot = document.querySelector(selector);
            const index = plot.data[0].locations.indexOf(iso3);
            const shape = plot.querySelectorAll('.choroplethlocation')[index];
            const r = shape.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2];
        }""",
        [MAP, iso3],
    )
    return box[0], box[1]


def select_around(page, tool: str, iso3: str, r: float = 12) -> None:
    """Choose a modebar tool on the map, then drag it around a country's centre."""
    plot = page.locator(MAP).first
    plot.hover()  # shows the modebar; may scroll, so the country is found after it
    plot.locator(f'.modebar-btn[data-title="{tool}"]').click()
    x, y = country_centre(page, iso3)
    corners = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r), (x - r, y - r)]
    path = [corners[0], corners[2]] if tool == "Box Select" else corners
    page.mouse.move(*path[0])
    page.mouse.down()
    for point in path[1:]:
        page.mouse.move(*point, steps=4)
    page.mouse.up()


@pytest.mark.parametrize("tool", ["Box Select", "Lasso Select"])
def test_box_and_lasso_selections_filter_the_page(server, page, tool):
    page.goto(server)
    settle(page, 4, timeout=90_000)
    timeline = "[...document.querySelectorAll('.kpop-plot')][3]"
    before = page.evaluate(f"() => {timeline}.data.map(d => d.y.length).reduce((a, b) => a + b)")
    select_around(page, tool, "POL")  # well inside Poland, away from its neighbours' centres
    note = page.get_by_text(t("selection.active", items="Poland"))
    note.wait_for(timeout=30_000)
    settle(page, 4, timeout=90_000)
    assert exceptions(page) == []
    after = page.evaluate(f"() => {timeline}.data.map(d => d.y.length).reduce((a, b) => a + b)")
    assert 0 < after < before  # the timeline keeps only initiatives active in Poland
    page.get_by_role("button", name=t("selection.clear")).click()
    note.wait_for(state="detached", timeout=30_000)
    settle(page, 4, timeout=90_000)
    assert page.evaluate(f"() => {timeline}.data.map(d => d.y.length).reduce((a, b) => a + b)") == (
        before
    )


CHART_PAGES = [("", 4), ("digital", 5), ("live-events", 4), ("education", 6)]


def test_no_request_leaves_the_machine_and_plotly_js_is_ours(server, page):
    """Every chart page, in one session: nothing is asked of another host, Streamlit's own
    4.7 MB Plotly.js is never fetched, and our bundle is fetched once."""
    page.goto(server)
    for path, charts in CHART_PAGES:
        if path:
            page.locator('[data-testid="stSidebarNav"] a[href$="/' + path + '"]').click()
        settle(page, charts, timeout=90_000)
        assert exceptions(page) == []
    assert page.blocked_requests == []
    names = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not any("PlotlyChart" in name for name in names)
    assert sum("/app/static/plotly/plotly-kpop.min.js" in name for name in names) == 1
