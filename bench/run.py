"""Benchmark the K-pop Europe Explorer against a bare Streamlit page, in one command.

Absolute timings depend on the machine, so every figure is set beside the same figure for
`bench/bare_app.py` (one slider, one 100-point Plotly line) measured on the same machine in the
same run, and the budgets are ratios to it. The explorer is measured on the shipped data (1x)
and on 10x and 100x copies, so growth with data size shows too.

Measured, each with a real `streamlit run` on 127.0.0.1 and headless Debian Chromium:
first render of every page, a sidebar filter change, websocket payload per page, server memory
with 1 and 10 sessions, and cold start. See `./dev bench --help`; results are printed and written
to bench/results/latest.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import local_server
import report
from playwright.async_api import Browser, BrowserContext, Error, Page, async_playwright

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
LOGS = RESULTS / "logs"
INSTRUMENT = (REPO / "bench" / "instrument.js").read_text(encoding="utf-8")

PAGES = ("", "digital", "live-events", "education", "history", "initiatives", "data")
VIEWPORT = {"width": 1440, "height": 1000}
SIDEBAR_COUNTRIES = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
COUNTRIES = [("Poland", "PL"), ("Spain", "ES"), ("Italy", "IT"), ("Germany", "DE"),
             ("Sweden", "SE"), ("Portugal", "PT")]  # fmt: skip

SESSIONS = 10
WARMUP_CHANGES = 2  # unmeasured first changes: the first rerun of a session pays one-off costs
QUIET_MS = 400  # charts still for this long count as drawn (a redraw may trail the run)
WAIT_MS = 120_000  # any single page or change; a page that takes longer is broken, not slow
CONCURRENT_WAIT_MS = 300_000
AFTER_CLOSE_S = 10
READY_TIMEOUT_S = 120
PROBE_STEADY_MS = 1500  # a page's chart count must hold this long to count as all its charts
PROBE_ROUNDS = 40

CLICK_NAV = """path => {
    const links = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')];
    const link = links.find(a => new URL(a.href).pathname.replace(/^\\/+|\\/+$/g, '') === path);
    if (link) link.click();
    return !!link;
}"""


def log(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the results."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Target:
    name: str  # "bare", "1x", "10x", ...
    script: str  # relative to `root`, or absolute
    root: Path  # the app's checkout: the server's working directory
    scale: int | None = None  # None for the bare app
    data_dir: Path | None = None  # None: the shipped data/
    env: tuple[tuple[str, str], ...] = ()  # extra environment, e.g. a variant for --ab

    @property
    def pages(self) -> tuple[str, ...]:
        return PAGES if self.scale else ("",)


class Server:
    """`streamlit run` on a free loopback port.

    Started from the app's root, so the same .streamlit/config.toml applies to the explorer and
    the bare app, and in a process group of its own, so Ctrl-C in the terminal reaches only
    this script, which then ends every server it started (see `stop_all`).
    """

    live: ClassVar[set[Server]] = set()

    def __init__(self, target: Target, label: str) -> None:
        self.target = target
        self.port = local_server.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = LOGS / f"{target.name}-{label}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        data_dir = self.target.data_dir
        LOGS.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w") as out:
            self.process = local_server.start(
                self.target.script, self.port, cwd=self.target.root, log=out,
                env={"KPOP_DATA_DIR": str(data_dir) if data_dir is not None else None,
                     **dict(self.target.env)},
                start_new_session=True,
            )  # fmt: skip
        Server.live.add(self)

    async def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log_path}")
            if local_server.answers(self.url, timeout=1):
                return
            await asyncio.sleep(0.05)
        raise RuntimeError(f"streamlit not ready after {READY_TIMEOUT_S} s; see {self.log_path}")

    def rss_bytes(self) -> int:
        """VmRSS of the server and of any process it started."""
        total, todo, seen = 0, [self.process.pid], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for children in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    todo += [int(child) for child in children.read_text().split()]
        return total

    def stop(self) -> None:
        Server.live.discard(self)
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this script created
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    @classmethod
    def stop_all(cls) -> None:
        for server in list(cls.live):
            server.stop()


@dataclass(frozen=True)
class Pair:
    """An explorer server and the bare one, measured side by side."""

    explorer: Server
    wants: dict  # what each explorer page shows when drawn (see `probe`)
    bare: Server
    bare_wants: dict


@contextlib.asynccontextmanager
async def running(target: Target, label: str):
    server = Server(target, label)
    try:
        server.start()
        await server.wait_ready()
        yield server
    finally:
        server.stop()


# ---------------------------------------------------------------------------------------------
# Pages and waiting


async def open_page(browser: Browser) -> tuple[BrowserContext, Page]:
    """A fresh context (no cache, no cookies): each one is a new visitor and a new session."""
    context = await browser.new_context(
        viewport=VIEWPORT, color_scheme="light", device_scale_factor=1
    )
    await context.add_init_script(script=INSTRUMENT)
    return context, await context.new_page()


async def drawn_page(
    browser: Browser, url: str, want: dict
) -> tuple[BrowserContext, Page, list[bytes | str]]:
    """A new visitor's page at `url`, drawn as `want` says, and every message the server sent it
    from the start (the caller closes the context)."""
    context, page = await open_page(browser)
    frames = record_frames(page)
    try:
        await page.goto(url, wait_until="commit", timeout=WAIT_MS)
        await settle(page, {**want, "since": 0})
    except BaseException:
        await close(context)
        raise
    return context, page, frames


@contextlib.asynccontextmanager
async def chromium():
    """Debian's Chromium, launched as every bench launches it, closed after."""
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not installed: ./dev bench installs it")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=local_server.CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            await close(browser)


async def close(thing: BrowserContext | Browser) -> None:
    """Closes a context or the browser; on Ctrl-C the browser may have gone already."""
    with contextlib.suppress(Error):
        await thing.close()


async def settle(page: Page, want: dict, timeout: int = WAIT_MS) -> dict:
    """Waits until the page has settled (see `watch` in instrument.js) and returns page times
    (ms since navigation start): since (navigation or input), start and end of the run(s), at
    (settled), and now. A run that starts within the quiet spell, e.g. a widget that reruns
    the app by itself, belongs to the same render and is waited for too."""
    return await page.evaluate(
        "([want, timeout, quiet]) => window.__bench.watch(want, timeout, quiet)",
        [want, timeout, QUIET_MS],
    )


async def arm(page: Page) -> None:
    await page.evaluate("() => window.__bench.arm()")


def frame_size(payload: bytes | str) -> int:
    return len(payload) if isinstance(payload, bytes) else len(payload.encode())


def record_frames(page: Page) -> list[bytes | str]:
    """Every websocket frame the server sends to this page, as Playwright sees it."""
    frames: list[bytes | str] = []

    def on_frame(payload: bytes | str) -> None:  # Playwright tags handlers: no bound builtins
        frames.append(payload)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return frames


async def probe(browser: Browser, url: str, cold: bool = False) -> dict:
    """How many charts and tables a page draws, so samples know what to wait for.

    Counted from the elements the server sends, not from the page: charts and tables load
    their code lazily, so a page can look finished for a while with none of them drawn yet.
    """
    context, page = await open_page(browser)
    frames = record_frames(page)
    try:
        await page.goto(url, wait_until="commit", timeout=WAIT_MS)
        await settle(page, {"since": 0, "plots": 0, "frames": 0})
        sent = report.element_counts(frames)
        # Charts are our element (a `bidi_component`); a cold server's first visitors also get
        # the hidden preloading one, which draws no chart (see `measure`: probed again warm).
        charts = sent.get("plotly_chart", 0) + sent.get("bidi_component", 0)
        want = {"mounted": 0 if cold else charts, "frames": sent.get("dataframe", 0)}
        await settle(page, {**want, "plots": 0, "since": 0})  # then count the charts one sees
        # Our chart element (components/plotly_element.py) is not a `plotly_chart` element and
        # mounts its charts once its module has loaded: count until the count holds, drawn.
        state, seen = await page.evaluate("() => window.__bench.state()"), None
        for _ in range(PROBE_ROUNDS):
            if state["plots"] == seen and state["drawn"] == seen:
                break
            seen = state["plots"]
            await page.wait_for_timeout(PROBE_STEADY_MS)
            state = await page.evaluate("() => window.__bench.state()")
        if state["exceptions"]:
            log(f"  WARNING: {url} shows {state['exceptions']} exception(s); see the server log")
        return {"plots": state["plots"], "frames": state["frames"], "errors": state["exceptions"]}
    finally:
        await close(context)


# ---------------------------------------------------------------------------------------------
# Measurements


async def first_render(browser: Browser, url: str, want: dict) -> tuple[dict, list]:
    """Navigation start to every chart drawn, in a fresh context; and the bytes it took."""
    context, page = await open_page(browser)
    frames = record_frames(page)
    try:
        await page.goto(url, wait_until="commit", timeout=WAIT_MS)
        result = await settle(page, {**want, "since": 0})
        payload = list(frames)
    finally:
        await close(context)
    sample = {
        "ms": result["at"],
        "bytes": sum(map(frame_size, payload)),
        "connect_ms": result["firstMessage"],  # HTML, scripts, websocket up, first message
        "run_ms": result["lastEnd"] - result["start"],  # the script run, as the page sees it
        "draw_ms": result["at"] - result["lastEnd"],  # end of the run to last chart drawn
        "runs": result["runs"],
    }
    return sample, payload


def summarise_renders(items: list[dict], payload: dict) -> dict:
    return {
        "median_ms": statistics.median(s["ms"] for s in items),
        "payload_bytes": statistics.median(s["bytes"] for s in items),
        "payload_kb": statistics.median(s["bytes"] for s in items) / 1000,
        "connect_ms": statistics.median(s["connect_ms"] for s in items),
        "run_ms": statistics.median(s["run_ms"] for s in items),
        "draw_ms": statistics.median(s["draw_ms"] for s in items),
        "samples": items,
        "payload": payload,
    }


async def render_phase(browser: Browser, pair: Pair, samples: int) -> tuple[dict, dict]:
    """Every page of the explorer and the bare page take turns, round after round, so a slow
    spell of the machine (others share it) weighs on both sides of each ratio alike."""
    turns = [(pair.bare, "")] + [(pair.explorer, path) for path in pair.wants]
    raw: dict[tuple, list[dict]] = {(s.target.name, path): [] for s, path in turns}
    breakdown: dict[tuple, dict] = {}
    for round_ in range(samples):
        for server, path in turns:
            want = (pair.wants if server is pair.explorer else pair.bare_wants)[path]
            sample, payload = await first_render(browser, f"{server.url}/{path}", want)
            key = (server.target.name, path)
            raw[key].append(sample)
            if round_ == 0:
                breakdown[key] = report.payload_breakdown(payload)
            log(f"  render {key[0]} /{path}: {sample['ms']:.0f} ms, {sample['bytes'] / 1e3:.1f} KB")
    summary = {key: summarise_renders(items, breakdown[key]) for key, items in raw.items()}
    name = pair.explorer.target.name
    return (
        {path: summary[(name, path)] for path in pair.wants},
        {"": summary[(pair.bare.target.name, "")]},
    )


async def change_country(page: Page, step: int) -> dict:
    """Even steps pick one country in the sidebar, odd steps remove it with its chip."""
    name, code = COUNTRIES[(step // 2) % len(COUNTRIES)]
    box = page.locator(SIDEBAR_COUNTRIES).first
    if step % 2 == 0:
        await box.locator("input").click()
        await page.keyboard.type(name)
        await page.get_by_role("option", name=name, exact=True).wait_for(timeout=10_000)
        await arm(page)
        await page.keyboard.press("Enter")
        await page.keyboard.press("Escape")
        return {"query": {"country": [code]}}
    await arm(page)
    await box.get_by_role("button", name=f"Remove {name}", exact=True).click()
    return {"query": {"country": []}}


async def move_slider(page: Page, step: int) -> dict:
    """One keyboard step of the bare app's slider (0 to 1000, so it never hits the end)."""
    thumb = page.get_by_role("slider").first  # the thumb's input type=range: implicit role
    await thumb.focus()
    await arm(page)
    await page.keyboard.press("ArrowRight")
    return {}


async def switch_panel(page: Page, step: int) -> dict:
    """Even steps show the Overview's last panel as a table, odd steps as its chart again: a
    control inside one panel, which reruns that panel alone (a fragment), not the page."""
    to_table = step % 2 == 0
    group = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').last
    await arm(page)
    await group.get_by_text("Table" if to_table else "Chart", exact=True).click()
    return {"frames": 1, "plots": 0} if to_table else {}  # the chart step waits for all charts


async def switch_split(page: Page, step: int) -> dict:
    """Even steps split the Digital trend by country, odd steps show its total again: a
    page-local control, which reruns its part alone (a fragment), not the page."""
    group = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').filter(
        has_text="Platform"
    )
    await arm(page)
    split = step % 2 == 0
    await group.last.get_by_text("Country" if split else "Total", exact=True).click()
    return {"query": {"split": ["country"] if split else []}}


async def switch_scope(page: Page, step: int) -> dict:
    """Even steps list the Overview's scorecard by initiative, odd steps by country again: a
    page-local control (nothing picked in it), which reruns the scorecard alone."""
    group = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').filter(
        has_text="Initiatives"
    )
    await arm(page)
    by_initiative = step % 2 == 0
    await group.first.get_by_text("Initiatives" if by_initiative else "Countries",
                                  exact=True).click()  # fmt: skip
    return {"query": {"scorecard": ["initiative_id"] if by_initiative else []}}


def page_switch(wants: dict, there: str = "digital"):
    """Even steps go from the Overview to `there` by its sidebar link, odd steps come back: a
    page switch in an open session, waited for until the page's charts are drawn."""

    async def change(page: Page, step: int) -> dict:
        path = there if step % 2 == 0 else ""
        await arm(page)
        if not await page.evaluate(CLICK_NAV, path):
            raise RuntimeError(f"no sidebar link to /{path}")
        return {**wants[path], "path": path, "query": {}}

    return change


def summarise_changes(samples: list[dict]) -> dict:
    times = [s["ms"] for s in samples]
    return {
        "median_ms": statistics.median(times),
        "p90_ms": report.percentile(times, 90),
        "to_run_start_ms": statistics.median(s["to_run_start_ms"] for s in samples),
        "run_ms": statistics.median(s["run_ms"] for s in samples),
        "draw_ms": statistics.median(s["draw_ms"] for s in samples),
        "bytes": statistics.median(s["bytes"] for s in samples),
        "extra_runs": sum(s["runs"] - 1 for s in samples),
        "samples": samples,
    }


def settled_change(result: dict, frames: list, before: int) -> dict:
    """One change's figures from `settle`'s page times and the frames it brought."""
    start = result["start"] if result["start"] is not None else result["since"]
    return {
        "ms": result["at"] - result["since"],
        "to_run_start_ms": start - result["since"],
        "run_ms": result["lastEnd"] - start,
        "draw_ms": result["at"] - result["lastEnd"],
        "bytes": sum(map(frame_size, frames[before:])),
        "runs": result["runs"],
    }


@dataclass(frozen=True)
class Side:
    """One open session of the interaction phase: which server, page, wait and input."""

    name: str
    server: Server
    path: str  # page path, or the bare app's query
    want: dict
    change: object  # async (page, step) -> goal


def interaction_sides(pair: Pair) -> list[Side]:
    """A sidebar country change on every chart page of the explorer; a slider step in the bare
    app with one chart and with as many charts as each of those pages; and the Overview's
    chart/table switch; a second session following the Overview's changes (cache hits); and
    the Digital trend's split and the Overview scorecard's scope (page-local controls); a page
    switch, Overview to Digital and back. The Overview waits for all its charts
    (its countries always have some); other pages wait for their run and a quiet spell, since
    a country may empty a chart."""
    chart_pages = [path for path, want in pair.wants.items() if want["plots"]]
    sides = [Side("explorer", pair.explorer, "", pair.wants[""], change_country)]
    # A second session making the same change right after the first: every view it asks for
    # was computed for the first (the shared cache), so it pays only for the drawing.
    sides.append(Side("hit", pair.explorer, "", pair.wants[""], change_country))
    sides += [
        Side("explorer", pair.explorer, path, {**pair.wants[path], "plots": 0, "frames": 0},
             change_country)
        for path in chart_pages if path
    ]  # fmt: skip
    sides.append(Side("bare", pair.bare, "", pair.bare_wants[""], move_slider))
    for charts in sorted({pair.wants[path]["plots"] for path in chart_pages} - {1}):
        want = {**pair.bare_wants[""], "plots": charts}
        sides.append(Side(f"bare {charts}", pair.bare, f"?charts={charts}", want, move_slider))
    sides.append(Side("panel", pair.explorer, "", pair.wants[""], switch_panel))
    scope_want = {**pair.wants[""], "plots": 0, "frames": 0}
    sides.append(Side("scope", pair.explorer, "", scope_want, switch_scope))
    if "digital" in pair.wants:
        want = {**pair.wants["digital"], "plots": 0, "frames": 0}
        sides.append(Side("local", pair.explorer, "digital", want, switch_split))
        sides.append(Side("switch", pair.explorer, "", pair.wants[""], page_switch(pair.wants)))
    return sides


async def interaction_phase(browser: Browser, pair: Pair, count: int) -> dict:
    """Input event to every chart redrawn, every side in turn, each in its own open session
    (see `interaction_sides`). Returns summaries: `pages` (explorer, by path), `bare` (one
    chart), `bare_charts` (by chart count) and `panel_switch`."""
    sides = interaction_sides(pair)
    pages, contexts, frames = [], [], []
    samples: list[list[dict]] = [[] for _ in sides]
    try:
        for side in sides:
            url = f"{side.server.url}/{side.path}"
            context, page, sent = await drawn_page(browser, url, side.want)
            contexts.append(context)
            pages.append(page)
            frames.append(sent)
        for step in range(WARMUP_CHANGES + count):
            for index, side in enumerate(sides):
                before = len(frames[index])
                goal = await side.change(pages[index], step)
                result = await settle(pages[index], {**side.want, **goal, "since": None})
                if step >= WARMUP_CHANGES:
                    samples[index].append(settled_change(result, frames[index], before))
            if step >= WARMUP_CHANGES:
                log(f"  change {step - WARMUP_CHANGES + 1}/{count}: " + ", ".join(
                    f"{s.name} /{s.path} {samples[i][-1]['ms']:.0f} ms"
                    for i, s in enumerate(sides)))  # fmt: skip
    finally:
        for context in contexts:
            await close(context)
    out: dict = {"pages": {}, "bare": None, "bare_charts": {}, "panel_switch": None,
                 "cache_hit": None, "local_control": None, "scope_control": None,
                 "page_switch": None}  # fmt: skip
    for side, taken in zip(sides, samples, strict=True):
        summary = summarise_changes(taken)
        if side.name == "explorer":
            out["pages"][side.path] = {**summary, "charts": pair.wants[side.path]["plots"]}
        elif side.name == "bare":
            out["bare"] = summary
        elif side.name == "panel":
            out["panel_switch"] = summary
        elif side.name == "hit":
            out["cache_hit"] = {**summary, "charts": pair.wants[""]["plots"]}
        elif side.name == "local":
            out["local_control"] = summary
        elif side.name == "scope":
            out["scope_control"] = summary
        elif side.name == "switch":
            out["page_switch"] = summary
        else:
            out["bare_charts"][str(side.want["plots"])] = summary
    return out


async def visit_all(page: Page, base: str, wants: dict, fresh: bool, timeout: int) -> None:
    """Every page in one session: the first by loading the app, the others from the sidebar."""
    if not fresh and len(wants) == 1:
        return  # a one-page app without navigation: this session has seen its page already
    for index, (path, want) in enumerate(wants.items()):
        if index == 0 and fresh:
            await page.goto(f"{base}/{path}", wait_until="commit", timeout=timeout)
            await settle(page, {**want, "since": 0, "path": path}, timeout)
            continue
        since = await page.evaluate("() => performance.now()")
        if not await page.evaluate(CLICK_NAV, path):
            raise RuntimeError(f"no sidebar link to /{path}")
        await settle(page, {**want, "since": since, "path": path}, timeout)


async def memory_phase(browser: Browser, target: Target, wants: dict) -> dict:
    """Server RSS on a fresh server: idle, after one session, after ten concurrent sessions
    (each visiting every page) and some seconds after they all closed."""
    mb = 1e6
    async with running(target, "memory") as server:
        idle = server.rss_bytes()
        pages = [await open_page(browser) for _ in range(SESSIONS)]
        visits = None
        try:
            await visit_all(pages[0][1], server.url, wants, fresh=True, timeout=WAIT_MS)
            one = server.rss_bytes()
            log(f"  memory: idle {idle / mb:.0f} MB, 1 session {one / mb:.0f} MB")
            peak = max(idle, one)
            started = time.monotonic()
            visits = asyncio.gather(*(
                visit_all(page, server.url, wants, fresh=i > 0, timeout=CONCURRENT_WAIT_MS)
                for i, (_, page) in enumerate(pages)
            ))  # fmt: skip
            while not visits.done():  # sample the peak while the ten sessions run
                peak = max(peak, server.rss_bytes())
                await asyncio.wait([visits], timeout=0.1)
            await visits
            concurrent_s = time.monotonic() - started
            ten = server.rss_bytes()
        finally:
            if visits is not None and not visits.done():  # one failed: stop the others
                visits.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await visits
            for context, _ in pages:
                await close(context)
        await asyncio.sleep(AFTER_CLOSE_S)
        after = server.rss_bytes()
    log(f"  memory: 10 sessions {ten / mb:.0f} MB (peak {peak / mb:.0f}), after {after / mb:.0f}")
    return {
        "idle_mb": idle / mb,
        "one_mb": one / mb,
        "ten_mb": ten / mb,
        "peak_mb": max(peak, ten) / mb,
        "after_close_mb": after / mb,
        "ten_sessions_all_pages_s": concurrent_s,
    }


async def cold_start(
    browser: Browser, target: Target, want: dict, label: str, path: str = ""
) -> dict:
    """Spawning `streamlit run` to the first page drawn in a browser (imports, data, render);
    and that page's first render alone, navigation start to drawn, on the server nobody has
    visited yet (`render_ms`), and of that how long the charts took after the script's run
    had ended (`after_run_ms`: what a visitor sees as placeholders waiting for charts)."""
    server = Server(target, label)
    context = None
    try:
        started = time.monotonic()
        server.start()
        await server.wait_ready()
        ready = time.monotonic() - started
        context, page = await open_page(browser)
        await page.goto(f"{server.url}/{path}", wait_until="commit", timeout=WAIT_MS)
        result = await settle(page, {**want, "since": 0})
        drawn = time.monotonic() - (result["now"] - result["at"]) / 1000  # not the quiet spell
        return {"s": drawn - started, "ready_s": ready, "render_ms": result["at"],
                "after_run_ms": result["at"] - result["lastEnd"]}  # fmt: skip
    finally:
        if context is not None:
            await close(context)
        server.stop()


def summarise_cold(samples: list[dict]) -> dict:
    return {
        "median_s": statistics.median(s["s"] for s in samples),
        "ready_s": statistics.median(s["ready_s"] for s in samples),
        "render_ms": statistics.median(s["render_ms"] for s in samples),
        "after_run_ms": statistics.median(s["after_run_ms"] for s in samples),
        "samples": samples,
    }


async def cold_phase(browser: Browser, pair: Pair, count: int) -> tuple[dict, dict, dict]:
    """Cold starts of the bare app and of every explorer page (each on a server of its own),
    taking turns. Returns the Overview's, the bare app's, and every page's by path."""
    pages: dict[str, list[dict]] = {path: [] for path in pair.wants}
    bare = []
    for i in range(count):
        label = f"cold-{i}"
        bare.append(await cold_start(browser, pair.bare.target, pair.bare_wants[""], label))
        for path, want in pair.wants.items():
            taken = await cold_start(browser, pair.explorer.target, want, label, path)
            pages[path].append(taken)
            log(f"  cold start {i + 1}/{count} /{path}: {taken['s']:.2f} s (health "
                f"{taken['ready_s']:.2f} s, page {taken['render_ms']:.0f} ms), "
                f"bare {bare[-1]['s']:.2f} s ({bare[-1]['render_ms']:.0f} ms)")  # fmt: skip
    summaries = {path: summarise_cold(taken) for path, taken in pages.items()}
    return summaries[""], summarise_cold(bare), summaries


@contextlib.contextmanager
def timed(result: dict, name: str):
    """Wall time of a phase, to see what makes the run long."""
    started = time.monotonic()
    yield
    result.setdefault("phase_s", {})[name] = round(time.monotonic() - started, 1)
    log(f"  ({name}: {result['phase_s'][name]:.0f} s)")


async def measure(
    browser: Browser, target: Target, bare: Server, bare_wants: dict, args: argparse.Namespace
) -> dict:
    """Every figure of one explorer scale, with the bare app's measured alongside (`bare`)."""
    log(f"[{target.name}] {target.script}" + (f" on {target.data_dir}" if target.data_dir else ""))
    result: dict = {"script": target.script, "scale": target.scale, "bare": {}}
    async with running(target, "main") as server:
        with timed(result, "probe"):  # all pages at once to warm the server up, then one by one
            await asyncio.gather(
                *(probe(browser, f"{server.url}/{p}", cold=True) for p in target.pages)
            )
            wants = {p: await probe(browser, f"{server.url}/{p}") for p in target.pages}
        result["contents"] = wants
        pair = Pair(server, wants, bare, bare_wants)
        if "render" in args.phases:
            with timed(result, "render"):
                result["render"], result["bare"]["render"] = await render_phase(
                    browser, pair, args.samples
                )
        if "interaction" in args.phases:
            with timed(result, "interaction"):
                changes = await interaction_phase(browser, pair, args.interactions)
            # The Overview's change stays `interaction`: the 100x-vs-1x budget and --ab read it.
            result["interaction"] = changes["pages"][""]
            result["interaction_pages"] = changes["pages"]
            result["panel_switch"] = changes["panel_switch"]
            result["cache_hit"] = changes["cache_hit"]
            result["local_control"] = changes["local_control"]
            result["scope_control"] = changes["scope_control"]
            result["page_switch"] = changes["page_switch"]
            result["bare"]["interaction"] = changes["bare"]
            result["bare"]["interaction_charts"] = changes["bare_charts"]
    if "memory" in args.phases:
        with timed(result, "memory"):
            result["memory"] = await memory_phase(browser, target, wants)
    if "cold" in args.phases:
        with timed(result, "cold"):
            result["cold"], result["bare"]["cold"], result["cold_pages"] = await cold_phase(
                browser, pair, args.cold_samples
            )
    return result


async def ab_phase(browser: Browser, root: Path, before: Path, args: argparse.Namespace) -> dict:
    """The Overview as it was (A, the app at `--ab REF`) and as it is (B), on the shipped data,
    in alternating turns: first renders A, B, B, A... in fresh contexts, then filter changes
    A, B, B, A... in two open sessions. Both servers run at once, so a slow spell of the
    machine weighs on both sides alike; the load average is taken before, between and after."""
    sides = {"A": Target("A", "app.py", before, 1), "B": Target("B", "app.py", root, 1)}
    result: dict = {"variant": f"A = {args.ab}, B = {args.ref or 'working tree'}",
                    "load_before": os.getloadavg()}  # fmt: skip
    async with running(sides["A"], "ab") as a, running(sides["B"], "ab") as b:
        servers = {"A": a, "B": b}
        wants = {}
        for name, server in servers.items():  # also warms each server up
            await probe(browser, f"{server.url}/", cold=True)
            wants[name] = await probe(browser, f"{server.url}/")
        result["contents"] = wants
        renders: dict[str, list[dict]] = {"A": [], "B": []}
        for round_ in range(args.samples):
            for name in ("A", "B") if round_ % 2 == 0 else ("B", "A"):
                sample, _ = await first_render(browser, f"{servers[name].url}/", wants[name])
                renders[name].append(sample)
                log(f"  ab render {name} {round_ + 1}/{args.samples}: {sample['ms']:.0f} ms")
        result["load_mid"] = os.getloadavg()
        pages, contexts, frames = {}, [], {}
        changes: dict[str, list[dict]] = {"A": [], "B": []}
        try:
            for name, server in servers.items():
                context, pages[name], frames[name] = await drawn_page(
                    browser, f"{server.url}/", wants[name]
                )
                contexts.append(context)
            for step in range(WARMUP_CHANGES + args.interactions):
                for name in ("A", "B") if step % 2 == 0 else ("B", "A"):
                    before = len(frames[name])
                    goal = await change_country(pages[name], step)
                    done = await settle(pages[name], {**wants[name], **goal, "since": None})
                    if step < WARMUP_CHANGES:
                        continue
                    changes[name].append(settled_change(done, frames[name], before))
                if step >= WARMUP_CHANGES:
                    log(
                        f"  ab change {step - WARMUP_CHANGES + 1}/{args.interactions}: "
                        f"A {changes['A'][-1]['ms']:.0f} ms, B {changes['B'][-1]['ms']:.0f} ms"
                    )
        finally:
            for context in contexts:
                await close(context)
    result["load_after"] = os.getloadavg()
    for name in ("A", "B"):
        result[name] = {
            "render": summarise_renders(renders[name], {}),
            "change": summarise_changes(changes[name]),
        }
    a_, b_ = result["A"], result["B"]
    result["change_cut"] = 1 - b_["change"]["median_ms"] / a_["change"]["median_ms"]
    result["render_cut"] = 1 - b_["render"]["median_ms"] / a_["render"]["median_ms"]
    return result


def cut_interval(a: list[float], b: list[float], rounds: int = 4000) -> tuple[float, float]:
    """A 95% bootstrap interval of 1 - median(b) / median(a): on a shared machine, how sure
    the cut is (seeded, so the same samples always give the same interval)."""
    draw = random.Random(19)
    cuts = sorted(
        1
        - statistics.median(draw.choices(b, k=len(b)))
        / statistics.median(draw.choices(a, k=len(a)))
        for _ in range(rounds)
    )
    return cuts[int(rounds * 0.025)], cuts[int(rounds * 0.975) - 1]


def ab_text(result: dict) -> str:
    """The A/B in a few lines, with the issue's decision rule (>= 25% and >= 10% cuts)."""
    load = " / ".join(f"{result[k][0]:.2f}" for k in ("load_before", "load_mid", "load_after"))
    lines = [f"A/B on the Overview, 1x data; {result['variant']}; "
             f"load average (1 min) before / mid / after: {load}",
             "| | A | B | cut (95% interval) |",
             "| --- | --- | --- | --- |"]  # fmt: skip
    for label, part, cut in (("First render median", "render", "render_cut"),
                             ("Filter change median", "change", "change_cut")):  # fmt: skip
        a, b = result["A"][part], result["B"][part]
        n = len(a["samples"])
        low, high = cut_interval([s["ms"] for s in a["samples"]], [s["ms"] for s in b["samples"]])
        lines.append(f"| {label} (n={n} each) | {a['median_ms']:.0f} ms | {b['median_ms']:.0f} ms "
                     f"| {result[cut]:.0%} ({low:.0%} to {high:.0%}) |")  # fmt: skip
    for part, keys in (
        ("render", ("connect_ms", "run_ms", "draw_ms", "payload_kb")),
        ("change", ("p90_ms", "to_run_start_ms", "run_ms", "draw_ms", "bytes")),
    ):
        for key in keys:
            lines.append(f"| {part} {key} | {result['A'][part][key]:.0f} | "
                         f"{result['B'][part][key]:.0f} | |")  # fmt: skip
    keep = result["change_cut"] >= 0.25 and result["render_cut"] >= 0.10
    lines.append(f"Decision rule (change cut >= 25% and first render cut >= 10%): "
                 f"{'met' if keep else 'not met'}")  # fmt: skip
    return "\n".join(lines)


def generate(scale: int, root: Path, workdir: Path) -> Path:
    """The app's own generator writes the larger copies, so they match its schemas."""
    out = workdir / f"scale-{scale}"
    log(f"generating {scale}x data in {out}")
    subprocess.run(
        [sys.executable, "scripts/generate_data.py", "--scale", str(scale), "--out", str(out)],
        cwd=root, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return out


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def checkout(ref: str | None, workdir: Path, folder: str = "app") -> tuple[Path, dict]:
    """The working tree, or a clean export of `ref` (others may be mid-edit in the tree); and
    which code that is, taken now: commits may land while the benchmark runs."""
    if ref is None:
        return REPO, {"app": "working tree", "commit": git("rev-parse", "--short", "HEAD"),
                      "uncommitted_changes": bool(git("status", "--porcelain"))}  # fmt: skip
    commit = git("rev-parse", "--verify", f"{ref}^{{commit}}")
    if not commit:
        raise SystemExit(f"--ref {ref}: not a commit of this repository")
    root = workdir / folder
    root.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=REPO, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    log(f"measuring {ref} ({commit[:7]}) exported to {root}")
    return root, {"app": f"git {ref}", "commit": commit[:7], "uncommitted_changes": False}


async def bench(args: argparse.Namespace, workdir: Path) -> dict:
    load_before = os.getloadavg()
    if load_before[0] > 1.5:
        log(
            f"note: load average {load_before[0]:.1f} on {os.cpu_count()} CPUs: others are busy, "
            "timings will be noisy (ratios less so: both apps are measured in turns)"
        )
    root, code = checkout(args.ref, workdir)
    # The bare app always comes from this folder, and runs from the same root as the explorer.
    targets = [Target("bare", str(REPO / "bench" / "bare_app.py"), root)]
    for scale in [] if args.ab else args.scales:  # the A/B runs on the shipped data only
        data_dir = None if scale == 1 else generate(scale, root, workdir)
        targets.append(Target(f"{scale}x", "app.py", root, scale, data_dir))
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not installed: ./dev bench installs it")
    results: dict = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=local_server.CHROMIUM_ARGS
        )
        if args.ab:
            try:
                before, _ = checkout(args.ab, workdir, "before")
                return {"ab": await ab_phase(browser, root, before, args), "code": code}
            finally:
                await close(browser)
        try:
            bare = targets[0]
            async with running(bare, "main") as bare_server:  # serves every pair's bare side
                bare_wants = {"": await probe(browser, f"{bare_server.url}/")}
                results["bare"] = {"script": bare.script, "contents": bare_wants}
                for target in targets[1:]:
                    results[target.name] = await measure(
                        browser, target, bare_server, bare_wants, args
                    )
            if "memory" in args.phases:  # not a matter of timing: measured once
                results["bare"]["memory"] = await memory_phase(browser, bare, bare_wants)
            chromium = browser.version
        finally:
            await close(browser)
    return {
        "targets": results,
        "chromium": chromium,
        "code": code,
        "load": [load_before, os.getloadavg()],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the explorer against a bare Streamlit page (see bench/run.py)."
    )
    parser.add_argument("--scales", default="1,10,100", help="data scales (default 1,10,100)")
    parser.add_argument("--samples", type=int, default=5, help="first renders per page (default 5)")
    parser.add_argument(
        "--interactions", type=int, default=12, help="filter changes, >= 10 (default 12)"
    )
    parser.add_argument(
        "--cold-samples", type=int, default=3, help="cold starts per app (default 3)"
    )
    parser.add_argument(
        "--phases",
        default="render,interaction,memory,cold",
        help="comma-separated subset of render,interaction,memory,cold",
    )
    parser.add_argument(
        "--quick", action="store_true", help="1 sample, scale 1 only, 4 changes, 1 cold start"
    )
    parser.add_argument(
        "--ab",
        metavar="REF",
        help="only the Overview, as committed at REF (A) vs as it is (B), in turns, with a 95%% "
        "interval for each cut (uses --samples and --interactions)",
    )
    parser.add_argument(
        "--ref",
        help="measure the app as committed at this git ref (exported to a temporary folder) "
        "instead of the working tree, e.g. while others are mid-edit",
    )
    args = parser.parse_args(argv)
    args.scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    args.phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    if args.quick:
        args.samples, args.scales, args.interactions, args.cold_samples = 1, [1], 4, 1
    elif args.interactions < 10:
        parser.error("--interactions must be at least 10 (a p90 needs them); or use --quick")
    unknown = args.phases - {"render", "interaction", "memory", "cold"}
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    if not 1 <= args.samples <= 50 or not 1 <= args.cold_samples <= 10 or args.interactions > 200:
        parser.error("--samples 1-50, --cold-samples 1-10, --interactions up to 200")
    if any(s < 1 for s in args.scales):
        parser.error("--scales must be positive integers")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C (even when started in the background, where SIGINT comes in ignored) and SIGTERM
    # both cancel the run through asyncio, whose `finally` blocks stop the servers.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="kpop-bench-") as workdir:
            measured = asyncio.run(bench(args, Path(workdir)))
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130
    finally:
        Server.stop_all()
    if args.ab:
        RESULTS.mkdir(parents=True, exist_ok=True)
        measured["ab"]["code"] = measured["code"]
        (RESULTS / "ab.json").write_text(json.dumps(measured["ab"], indent=1, default=str))
        (RESULTS / "ab.md").write_text(ab_text(measured["ab"]) + "\n")
        print(ab_text(measured["ab"]))
        return 0
    results = report.assemble(measured, args, time.monotonic() - started)
    report.write(results, RESULTS)
    print(report.text(results))
    log(f"written {RESULTS / 'latest.json'} and {RESULTS / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
