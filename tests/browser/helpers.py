"""Waiting for Streamlit to settle, and reading what a person sees."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from tests.browser.conftest import ARTIFACTS


def settle(page: Page, charts: int = 0, timeout: float = 30_000) -> None:
    """Wait until the script run is over and at least `charts` Plotly charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """(charts) => {
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            const drawn = [...document.querySelectorAll('.js-plotly-plot')]  // seen ones
                .filter(p => p.offsetParent !== null && p.querySelector('.main-svg')).length;
            const stale = document.querySelectorAll('[data-stale="true"]').length;
            return !running && drawn >= charts && stale === 0
                && document.querySelector('[data-testid="stMain"]');
        }""",
        arg=charts,
        timeout=timeout,
    )
    page.wait_for_timeout(400)


def shoot(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the viewport is stretched."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 12_000)})
    page.wait_for_timeout(800)  # charts re-lay out to the new size
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)


def exceptions(page: Page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def kpis(page: Page) -> dict[str, str]:
    cards = {}
    for card in page.locator('[data-testid="stMetric"]').all():
        label = card.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        cards[label] = card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return cards


def pick_country(page: Page, name: str, code: str, charts: int) -> None:
    """Choose a country in the sidebar filter as a person types it, and wait for the rerun."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        "(code) => location.search.includes('country=' + code)", arg=code, timeout=15_000
    )
    settle(page, charts)


def query(page: Page) -> str:
    return page.url.split("?", 1)[1] if "?" in page.url else ""


AXE = ARTIFACTS.parent / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
# What axe-core may report on Streamlit's own chrome, and why it is left (none so far).
STREAMLIT_CHROME: dict[str, str] = {}
AXE_RUN = """async ([rules, exclude]) => {
    const options = {resultTypes: ['violations']};
    if (rules) options.runOnly = {type: 'rule', values: rules};
    const result = await axe.run({include: [['body']], exclude}, options);
    return result.violations.map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n')[1]),
    }));
}"""


def axe_findings(page: Page, rules: list[str] | None = None) -> list[dict]:
    """axe-core 4 (vendored, no network) on the page as shown: its serious and critical
    violations, and headings out of order (moderate in axe, but the app's own). `rules` limits
    the run, as a second look at the same page in another theme or width needs only contrast."""
    settle(page)  # no element half faded in, or stale from a rerun, when axe reads colours
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        page.add_style_tag(content=NO_TRANSITIONS)
    found = page.evaluate(AXE_RUN, [rules, [[".js-plotly-plot"]]])
    return [
        v for v in found
        if (v["impact"] in ("serious", "critical") or v["id"] == "heading-order")
        and v["id"] not in STREAMLIT_CHROME
    ]  # fmt: skip


NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)


def relook(page: Page, width: int, scheme: str) -> None:
    """The loaded page at another width and colour scheme: Streamlit follows the system's
    scheme as it changes, so no reload. Transitions are switched off, or a box could be
    caught halfway between its two themes' colours."""
    page.add_style_tag(content=NO_TRANSITIONS)
    page.set_viewport_size({"width": width, "height": 844 if width < 400 else 1000})
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function(
        "(dark) => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]'))"
        ".backgroundColor === (dark ? 'rgb(16, 22, 31)' : 'rgb(255, 255, 255)')",
        arg=scheme == "dark",
    )
    page.wait_for_timeout(200)  # charts and grids re-lay out to the new width


# Charts whose axis title covers one of its tick labels ("Streams" on "400m"), by their key.
AXIS_TITLES_ON_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(plot => plot.offsetParent !== null).flatMap(plot => {
    const boxes = (selector) => [...plot.querySelectorAll(selector)]
      .map(e => e.getBoundingClientRect()).filter(b => b.width > 0);
    const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
      && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    const key = [...(plot.closest('[class*="st-key-"]')?.classList ?? [])]
      .find(c => c.startsWith('st-key-')) ?? '?';
    return ['x', 'y'].filter(axis => boxes(`.g-${axis}title text`).some(title =>
        boxes(`.${axis}axislayer-above .${axis}tick text`).some(tick => hit(title, tick))))
      .map(axis => `${key} ${axis}`);
  })"""


def axis_titles_on_ticks(page: Page) -> list[str]:
    return page.evaluate(AXIS_TITLES_ON_TICKS)


def plotly_js_requests(page: Page) -> int:
    """How many times the page fetched our Plotly.js bundle."""
    return page.evaluate(
        "performance.getEntriesByType('resource').filter(r => /plotly-kpop/.test(r.name)).length"
    )


# Chart texts drawn past their chart's edge ("320.2" cut to "320."), by the chart's key.
TEXTS_OUTSIDE_CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(plot => plot.offsetParent !== null).flatMap(plot => {
    const box = plot.getBoundingClientRect();
    const key = [...(plot.closest('[class*="st-key-"]')?.classList ?? [])]
      .find(c => c.startsWith('st-key-')) ?? '?';
    return [...plot.querySelectorAll('text')]  // not a hover's tooltip, which may overflow
      .filter(t => t.textContent.trim() && !t.closest('.hoverlayer'))
      .filter(t => { const b = t.getBoundingClientRect();
                     return b.width > 0 && (b.right > box.right + 1 || b.left < box.left - 1); })
      .map(t => `${key}: ${t.textContent}`);
  })"""


def texts_outside_charts(page: Page) -> list[str]:
    return page.evaluate(TEXTS_OUTSIDE_CHARTS)


# Pairs of chart texts drawn on each other (a name on a tick, a note on a legend), by the
# chart's key. Texts in one text element (a wrapped name's lines) are one box.
TEXTS_ON_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(plot => plot.offsetParent !== null).flatMap(plot => {
    const key = [...(plot.closest('[class*="st-key-"]')?.classList ?? [])]
      .find(c => c.startsWith('st-key-')) ?? '?';
    const texts = [...plot.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && !t.closest('.hoverlayer'))
      .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}))
      .filter(t => t.box.width > 0);
    const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
      && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    return texts.flatMap((a, i) => texts.slice(i + 1).filter(b => hit(a.box, b.box))
      .map(b => `${key}: ${a.text} / ${b.text}`));
  })"""


def texts_on_texts(page: Page) -> list[str]:
    return page.evaluate(TEXTS_ON_TEXTS)


def open_menu(page: Page, label: str) -> Locator:
    """Open the "Share and export" menu beside the page's title (its button's accessible name
    is `label`) and wait for its link; returns the menu's body."""
    page.get_by_role("button", name=label).click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.locator("code").wait_for(timeout=20_000)
    return body
