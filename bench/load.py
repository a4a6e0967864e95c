"""Load test: many concurrent viewers of one `streamlit run`, with uploads kept per session.

    .venv/bin/python bench/load.py [--sessions 20] [--seconds 60] [--uploaders 4]

Starts the app on a free 127.0.0.1 port and warms it up with one page load (which then follows
the sidebar links through every page, so the caches are filled), then takes the server's
resident memory (VmRSS) as the baseline. Then N headless Chromium sessions (one browser, one
context each, driven by async Playwright) work the app at the same time until the deadline:
each moves between pages by the sidebar links, changes the Countries filter and reads the KPI
cards. The first `--uploaders` sessions also upload a small valid Live events file of their own
(the first rows of data/live_events.csv, a different number of held events per uploader, each
event's name suffixed with the session's token, e.g. "LOADTEST-S3"), apply it to their session,
and every few rounds go back to the shipped data and upload again.

Counted per session: page loads, filter changes, uploads, errors (a shown exception, Python
traceback text on the page, any timeout or browser failure; error lines in the server log count
too) and isolation violations. Every time a session is on the Live events page its "Events held"
card must be what its own data gives (computed here with the app's own code) for its Countries
filter: the shipped figure for a session without an upload, its own upload's figure for an
uploader. On every page the upload banner must show exactly when the session has applied an
upload, the link must carry the filter the session set, and no session may see another
session's token. A mismatch counts once it is still there on a second read 1.5 s later.

The server's RSS is sampled every second during the run and polled for a while after the
sessions close. PASS when errors == 0, violations == 0 and RSS after close is within
baseline + max(60 MiB, 25% of baseline); exit code 0 on PASS, 1 otherwise. Streamlit keeps a
disconnected session for `server.disconnectedSessionTTL` (120 s by default), so the RSS after
close still holds the closed sessions. The server log goes to bench/results/load-server.log, the
figures to bench/results/load-latest.json, screenshots of errors and violations beside them.

On a small machine the browsers, not the server, use most of the CPU (the summary says how
much each used): with 20 sessions on 2 CPUs a first page load takes about a minute, so a 60 s
run does few actions; --seconds 240 gives a fuller sample.

Only loopback traffic: Chromium resolves no name but 127.0.0.1/localhost. Every wait has a
timeout, sessions start no new action after the deadline and are cut off at deadline + grace.
The server is stopped on exit, on an exception, on Ctrl-C or SIGTERM, and if this script dies.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the app's own code computes the expected KPI values

import local_server  # noqa: E402 (beside this script)

from kpop_explorer import measures  # noqa: E402
from kpop_explorer.datasets.intake import check_upload  # noqa: E402
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all  # noqa: E402
from kpop_explorer.datasets.schemas import SCHEMAS  # noqa: E402
from kpop_explorer.i18n import Translator  # noqa: E402
from kpop_explorer.links import filters  # noqa: E402
from kpop_explorer.measures import aggregates  # noqa: E402

RESULTS = REPO / "bench" / "results"
SERVER_LOG = RESULTS / "load-server.log"
RESULTS_JSON = RESULTS / "load-latest.json"
MAX_SHOTS = 6  # screenshots kept per run, of violations and of errors each

CHROMIUM_ARGS = local_server.CHROMIUM_ARGS
VIEWPORT = {"width": 1440, "height": 1000}

# sidebar link text, URL path, the page's h1
PAGES = [
    ("Overview", "", "K-pop Europe Explorer"),
    ("Digital expansion", "digital", "Digital expansion"),
    ("Live events", "live-events", "Live events"),
    ("Education", "education", "Education"),
    ("Initiatives", "initiatives", "Initiatives"),
    ("Data & sources", "data", "Data & sources"),
]
LIVE = PAGES[2]
DATA = PAGES[5]
COUNTRIES = {
    "FR": "France", "DE": "Germany", "ES": "Spain", "IT": "Italy", "PL": "Poland",
    "SE": "Sweden", "NL": "Netherlands", "GB": "United Kingdom", "PT": "Portugal",
}  # fmt: skip
HELD = "Events held"
TOKEN = "LOADTEST-S{}"
UPLOAD_ROWS = 15
RESET_EVERY = 5  # an uploader goes back to the shipped data every this many rounds, then re-uploads
CLEAR_FILTER_CHANCE = 0.3

START_TIMEOUT_S = 60
# Budgets are wide: on 2 CPUs, 20 browsers starve each other (a first load takes over a minute)
FIRST_LOAD_MS = 150_000
ACTION_MS = 90_000  # one wait of a navigation, filter change or upload; longer is an error
ATTACH_MS = 30_000  # the uploader lists an attached file by then, or it is given once more
GRACE_S = 150  # after the deadline, the action under way may finish; then sessions are cut off
RAMP_S = 0.5  # session i starts i * RAMP_S seconds after the first (--ramp)
WARMUP_SETTLE_S = 3
MIB = 1024 * 1024
THRESHOLD_FLOOR = 60 * MIB
THRESHOLD_SHARE = 0.25

SETTLE_JS = """(charts) => {
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    const drawn = [...document.querySelectorAll('.js-plotly-plot')]  // seen ones
        .filter(p => p.offsetParent !== null && p.querySelector('.main-svg')).length;
    const stale = document.querySelectorAll('[data-stale="true"]').length;
    // an element whose code the browser is still loading shows a skeleton in its place
    const loading = document.querySelectorAll(
        '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]').length;
    return !running && drawn >= charts && stale === 0 && loading === 0
        && document.querySelector('[data-testid="stMain"]');
}"""
ON_PAGE_JS = """([path, heading]) => {
    const here = location.pathname.replace(/^\\/+|\\/+$/g, '');
    const h1 = document.querySelector('h1');
    return here === path && h1 !== null && h1.innerText.trim() === heading;
}"""
COUNTRIES_ARE_JS = """(want) => JSON.stringify(new URLSearchParams(location.search)
    .getAll('country')) === JSON.stringify(want)"""
PROBE_JS = """() => {
    const text = document.body ? document.body.innerText : '';
    const kpis = {};
    for (const card of document.querySelectorAll('[data-testid="stMetric"]')) {
        const label = card.querySelector('[data-testid="stMetricLabel"]');
        const value = card.querySelector('[data-testid="stMetricValue"]');
        if (label && value) kpis[label.innerText.trim()] = value.innerText.trim();
    }
    const h1 = document.querySelector('h1');
    return {
        path: location.pathname.replace(/^\\/+|\\/+$/g, ''),
        countries: new URLSearchParams(location.search).getAll('country'),
        heading: h1 ? h1.innerText.trim() : null,
        kpis,
        exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
            .map(e => e.innerText.slice(0, 400)),
        traceback: text.includes('Traceback (most recent call last)'),
        banner: text.includes('You are viewing your uploaded data'),
        tokens: [...new Set(text.match(/LOADTEST-S\\d+/g) || [])],
    };
}"""
APPLY_BUTTON = re.compile(r"^Use (these|the) (\d+) (valid )?rows in this session")


# ---------------------------------------------------------------------------------------------
# The server and its memory


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def machine_cpu() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine since boot (all CPUs)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - idle) / hz, sum(ticks) / hz


def rss_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def stop_with_parent() -> None:
    """In the server's process: be sent SIGTERM if this script dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """`streamlit run app.py` on a free loopback port, logged to bench/results."""

    def __init__(self) -> None:
        self.port = local_server.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        self._log = open(SERVER_LOG, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.process = local_server.start(
            "app.py", self.port, cwd=REPO, log=self._log,
            start_new_session=True,  # Ctrl-C reaches this script, which stops the server itself
            preexec_fn=stop_with_parent,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited at start; see {SERVER_LOG}")
            if local_server.answers(self.url):
                return
            time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer in {START_TIMEOUT_S} s; see {SERVER_LOG}")

    def rss(self) -> int | None:
        return rss_bytes(self.process.pid) if self.process else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


def descendants(root: int, skip: int | None = None) -> list[int]:
    """Every process below `root` (the browsers this script drives), leaving out `skip`'s tree."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child != skip:
                found.append(child)
                todo.append(child)
    return found


class RssSampler(threading.Thread):
    """The server's RSS once a second, until stopped; also the CPU this script's browsers use."""

    def __init__(self, server: Server, every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.server, self.every = server, every
        self.samples: list[tuple[float, int]] = []
        self._browser_cpu: dict[int, list[float]] = {}  # pid -> [first seen, last seen]
        self._stop_event = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        first_round = True
        while not self._stop_event.is_set():
            value = self.server.rss()
            if value is not None:
                self.samples.append((round(time.monotonic() - start, 1), value))
            skip = self.server.process.pid if self.server.process else None
            for pid in [os.getpid(), *descendants(os.getpid(), skip)]:
                used = cpu_seconds(pid)
                if used is not None:  # a process born since the last round counts from zero
                    self._browser_cpu.setdefault(pid, [used if first_round else 0.0, used])
                    self._browser_cpu[pid][1] = used
            first_round = False
            self._stop_event.wait(self.every)

    @property
    def browser_cpu(self) -> float:
        """CPU seconds this script and its browsers used while sampled (to within a second)."""
        return sum(last - first for first, last in self._browser_cpu.values())

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    @property
    def peak(self) -> int | None:
        return max((value for _, value in self.samples), default=None)


# ---------------------------------------------------------------------------------------------
# What each session must see


@dataclass
class Upload:
    token: str
    file_name: str
    data: bytes
    rows: int
    held: dict[str | None, str]  # "Events held" as shown, by country filter (None: no filter)


@dataclass
class Plan:
    shipped: dict[str | None, str]
    uploads: list[Upload]
    countries: list[str]  # codes offered in every session, whatever its data


def upload_file(index: int, session: int) -> tuple[str, bytes]:
    """The first rows of the shipped events, `index` held events fewer, names tokened."""
    events = pd.read_csv(REPO_DATA_DIR / "live_events.csv", dtype=str, keep_default_na=False)
    rows = events.head(UPLOAD_ROWS).copy()
    held = rows.index[rows["attendance"] != ""]
    rows = rows.drop(index=held[len(held) - index % len(held) :] if index % len(held) else [])
    token = TOKEN.format(session)
    rows["name"] = rows["name"] + f" {token}"
    return f"loadtest-s{session}.csv", rows.to_csv(index=False).encode("utf-8")


def make_plan(uploaders: int) -> Plan:
    """Every figure a session may show, computed with the app's own code."""
    t = Translator("en")
    loaded = load_all(REPO_DATA_DIR)
    frames = {name: dataset.frame for name, dataset in loaded.items()}
    shipped_options = filters.options_from_data(
        frames["initiatives"], frames["live_events"],
        frames["education_programs"], frames["digital_metrics"],
    )  # fmt: skip
    # the year slider keeps the range the session started with, before any upload
    base = filters.FilterState.default(shipped_options)
    known = {"initiatives.initiative_id": set(frames["initiatives"]["initiative_id"])}
    as_of = aggregates.as_of(frames["digital_metrics"])

    def held(events: pd.DataFrame, codes: list[str]) -> dict[str | None, str]:
        figures = {}
        for code in [None, *codes]:
            state = replace(base, countries=(code,) if code else ())
            chosen = measures.select(
                {"initiatives": frames["initiatives"], "live_events": events}, state, as_of
            )
            figures[code] = t.compact(chosen.result("events_held").value)
        return figures

    codes = [c for c in COUNTRIES if c in shipped_options.countries]
    checked = []
    for index in range(uploaders):
        session = index + 1
        file_name, data = upload_file(index, session)
        check = check_upload(file_name, data, SCHEMAS["live_events"], known)
        if check.rows_rejected:
            raise RuntimeError(f"the upload of session {session} has rejected rows")
        events = check.validated.frame
        options = filters.options_from_data(
            frames["initiatives"], events, frames["education_programs"], frames["digital_metrics"]
        )
        codes = [c for c in codes if c in options.countries]  # offered whatever the data
        checked.append((session, file_name, data, events))
    uploads = [
        Upload(TOKEN.format(session), file_name, data, len(events), held(events, codes))
        for session, file_name, data, events in checked
    ]
    plan = Plan(shipped=held(frames["live_events"], codes), uploads=uploads, countries=codes)
    same = [u.token for u in uploads if u.held[None] == plan.shipped[None]]
    if same:
        raise RuntimeError(f"uploads of {same} would not be told apart from the shipped data")
    return plan


# ---------------------------------------------------------------------------------------------
# One session


@dataclass
class Session:
    number: int
    upload: Upload | None  # set for uploaders
    plan: Plan
    deadline: float
    rng: random.Random
    page: Page | None = None
    active: bool = False  # this session's upload is applied
    countries: list[str] = field(default_factory=list)  # the Countries filter it has set
    page_loads: int = 0
    filter_changes: int = 0
    uploads: int = 0
    resets: int = 0
    kpi_reads: int = 0
    live_checks: int = 0
    transient: list[str] = field(default_factory=list)  # gone a moment later: not counted
    own_token_seen: int = 0
    errors: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    timings: dict[str, list[float]] = field(default_factory=dict)
    cut_off: bool = False
    stage: str = ""  # the step under way, named in a timeout's report
    attach_retries: int = 0  # files given again because the uploader did not list them

    @property
    def role(self) -> str:
        return "uploader" if self.upload else "viewer"

    @property
    def actions(self) -> int:
        return self.page_loads + self.filter_changes + self.uploads + self.resets

    def error(self, kind: str, action: str, detail: str, evidence: dict | None = None) -> None:
        url = self.page.url if self.page else ""
        entry = {"session": self.number, "kind": kind, "action": action, "detail": detail}
        self.errors.append({**entry, "url": url, "at": round(time.time(), 1), **(evidence or {})})

    def violation(self, action: str, detail: str, evidence: dict) -> None:
        url = self.page.url if self.page else ""
        entry = {"session": self.number, "action": action, "detail": detail, "url": url}
        self.violations.append({**entry, "evidence": evidence})

    def timed(self, action: str, seconds: float) -> None:
        self.timings.setdefault(action, []).append(seconds)


async def settle(page: Page, timeout: float = ACTION_MS, charts: int = 0) -> None:
    """As tests/browser/helpers.settle (run over, nothing stale, charts drawn), no skeletons."""
    await page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    await page.wait_for_function(SETTLE_JS, arg=charts, timeout=timeout)
    await page.wait_for_timeout(400)


async def probe(s: Session, action: str) -> dict:
    """Read the page; count errors it shows; check what only this session may see."""
    seen = await s.page.evaluate(PROBE_JS)
    s.kpi_reads += 1
    if seen["exceptions"] or seen["traceback"]:
        evidence = await capture(s, "error", seen)
        for text in seen["exceptions"]:
            s.error("exception", action, " ".join(text.split())[:300], evidence)
        if seen["traceback"]:
            s.error("traceback", action, "Python traceback text on the page", evidence)
    own = s.upload.token if s.upload else None
    if own in seen["tokens"]:
        s.own_token_seen += 1
    problems = isolation_problems(s, seen)
    if problems:  # read again once the page is surely still: a mismatch must persist to count
        await s.page.wait_for_timeout(1500)
        await settle(s.page)
        again = await s.page.evaluate(PROBE_JS)
        still = isolation_problems(s, again)
        if still:
            evidence = await capture(s, "violation", again)
            for problem in still:
                s.violation(action, problem, evidence)
        else:
            s.transient.extend(f"after {action}: {problem}" for problem in problems)
    if seen["path"] == LIVE[1]:
        s.live_checks += 1
    return seen


def isolation_problems(s: Session, seen: dict) -> list[str]:
    """What this page shows that this session should not see, in words."""
    own = s.upload.token if s.upload else None
    problems = []
    foreign = [token for token in seen["tokens"] if token != own]
    if foreign:
        problems.append(f"sees other sessions' tokens {foreign}")
    if seen["banner"] != s.active:
        problems.append(f"upload banner shown={seen['banner']} while upload applied={s.active}")
    if seen["countries"] != s.countries:
        problems.append(f"link has countries={seen['countries']}, the session set {s.countries}")
    if seen["path"] == LIVE[1]:
        expected = expected_held(s, seen["countries"])
        if expected is not None and seen["kpis"].get(HELD) != expected:
            data = f"its upload {s.upload.token}" if s.active else "the shipped data"
            problems.append(
                f"{HELD}={seen['kpis'].get(HELD)!r}, expected {expected!r} for {data} "
                f"with countries={seen['countries']}"
            )
    return problems


async def capture(s: Session, kind: str, seen: dict | None = None) -> dict:
    """What the page showed, for the report: its figures, the start of its text, a screenshot."""
    evidence: dict = {}
    if seen is None:
        with contextlib.suppress(PlaywrightError):
            seen = await s.page.evaluate(PROBE_JS)
    if seen is not None:
        evidence = {"kpis": seen["kpis"], "heading": seen["heading"], "path": seen["path"]}
    with contextlib.suppress(PlaywrightError):
        text = await s.page.inner_text('[data-testid="stMain"]', timeout=10_000)
        evidence["main_text"] = " ".join(text.split())[:800]
    shots = sorted(RESULTS.glob(f"load-{kind}-*.png"))
    if len(shots) < MAX_SHOTS:
        path = RESULTS / f"load-{kind}-S{s.number}-{len(s.violations) + len(s.errors) + 1}.png"
        with contextlib.suppress(PlaywrightError):
            await s.page.screenshot(path=str(path), timeout=20_000)
            evidence["screenshot"] = str(path.relative_to(REPO))
    return evidence


def expected_held(s: Session, countries: list[str]) -> str | None:
    figures = s.upload.held if s.active and s.upload else s.plan.shipped
    if len(countries) > 1:
        return None  # not a state this script makes; nothing to compare with
    return figures.get(countries[0] if countries else None)


async def first_load(s: Session, base: str) -> None:
    start = time.monotonic()
    await s.page.goto(f"{base}/", timeout=FIRST_LOAD_MS, wait_until="domcontentloaded")
    await s.page.wait_for_function(ON_PAGE_JS, arg=["", PAGES[0][2]], timeout=FIRST_LOAD_MS)
    await settle(s.page, FIRST_LOAD_MS)
    s.timed("first load", time.monotonic() - start)
    s.page_loads += 1
    await probe(s, "first load")


async def go(s: Session, target: tuple[str, str, str]) -> None:
    """Follow the sidebar link to a page and read it."""
    title, path, heading = target
    s.stage = f"follow the sidebar link to {title}"
    start = time.monotonic()
    link = s.page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    await link.click(timeout=ACTION_MS)
    await s.page.wait_for_function(ON_PAGE_JS, arg=[path, heading], timeout=ACTION_MS)
    # the app rewrites the link at the end of each run: until then the filter is not in it
    await s.page.wait_for_function(COUNTRIES_ARE_JS, arg=s.countries, timeout=ACTION_MS)
    await settle(s.page)
    s.timed("page", time.monotonic() - start)
    s.page_loads += 1
    await probe(s, f"open {path or 'overview'}")


async def change_countries(s: Session) -> None:
    """Replace the Countries filter by another country (clear, then pick), or just clear it."""
    current = s.countries
    if current and s.rng.random() < CLEAR_FILTER_CHANCE:
        wanted: list[str] = []
    else:
        wanted = [s.rng.choice([c for c in s.plan.countries if [c] != current])]
    start = time.monotonic()
    s.stage = f"change Countries from {current} to {wanted}"
    box = s.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    if current:  # the widget's own "Clear all" button, then wait for the run it starts
        await box.get_by_role("button", name="Clear all").click(timeout=ACTION_MS)
        await s.page.wait_for_function(COUNTRIES_ARE_JS, arg=[], timeout=ACTION_MS)
        await settle(s.page)
        s.countries = []
    if wanted:
        await box.locator("input").click(timeout=ACTION_MS)
        await s.page.keyboard.type(COUNTRIES[wanted[0]])
        await s.page.keyboard.press("Enter")
        await s.page.keyboard.press("Escape")
        await s.page.wait_for_function(COUNTRIES_ARE_JS, arg=wanted, timeout=ACTION_MS)
        await settle(s.page)
        s.countries = wanted
    s.timed("filter", time.monotonic() - start)
    s.filter_changes += 1
    await probe(s, f"countries={wanted or 'all'}")


async def upload(s: Session) -> None:
    """On the Data page: pick Live events, upload this session's file, apply it; check it."""
    assert s.upload is not None
    await go(s, DATA)
    start = time.monotonic()
    page = s.page
    s.stage = "pick the Live events dataset"
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Dataset to replace")
    await picker.locator("input").click(timeout=ACTION_MS)
    await page.keyboard.type("Live events")
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stSelectbox"]')].some(
            box => box.innerText.includes('Dataset to replace')
                && [...box.querySelectorAll('input')].some(i => i.value === 'Live events'))""",
        timeout=ACTION_MS,
    )
    await page.wait_for_timeout(500)
    await settle(page)
    s.stage = "attach the file"
    files = [{"name": s.upload.file_name, "mimeType": "text/csv", "buffer": s.upload.data}]
    chip = page.locator('[data-testid="stFileUploader"] [data-testid="stFileChip"]').filter(
        has_text=s.upload.file_name
    )
    for tries in range(2):
        inp = page.locator('[data-testid="stFileUploader"] input[type=file]')
        await inp.set_input_files(files=files, timeout=ACTION_MS)
        try:  # the uploader lists the file once it has it
            await chip.first.wait_for(state="visible", timeout=ATTACH_MS)
            break
        except PlaywrightTimeoutError:
            if tries:
                raise
            # the file went to an input that a re-render replaced: the uploader shows nothing
            s.attach_retries += 1
            await settle(page)
    s.stage = "wait for the checked file's apply button"
    button = page.get_by_role("button", name=APPLY_BUTTON)
    await button.wait_for(state="visible", timeout=ACTION_MS)
    await settle(page)
    label = (await button.inner_text(timeout=ACTION_MS)).strip()
    if f" {s.upload.rows} " not in f" {label} ":
        s.error("upload", "check", f"the app offers {label!r}, expected {s.upload.rows} rows")
    s.stage = "apply, wait for the confirmation"
    await button.click(timeout=ACTION_MS)
    applied = f"now replaces Live events for this session ({s.upload.rows} rows)"
    await page.get_by_text(applied).first.wait_for(state="visible", timeout=ACTION_MS)
    await settle(page)
    s.active = True
    s.uploads += 1
    s.timed("upload", time.monotonic() - start)
    await probe(s, "applied upload")
    await go(s, LIVE)  # the check: "Events held" is this upload's figure


async def reset(s: Session) -> None:
    """Back to the shipped data with the banner's button; the Live events page must follow."""
    start = time.monotonic()
    s.stage = "back to the shipped data"
    page = s.page
    await page.get_by_role("button", name="Back to the shipped data").first.click(timeout=ACTION_MS)
    await page.wait_for_function(
        "() => !document.body.innerText.includes('You are viewing your uploaded data')",
        timeout=ACTION_MS,
    )
    await settle(page)
    s.active = False
    s.resets += 1
    s.timed("reset", time.monotonic() - start)
    await probe(s, "back to shipped data")
    if path_of(page) != LIVE[1]:
        await go(s, LIVE)


async def recover(s: Session, base: str) -> None:
    """After a timeout or failure: reload the page (a new server session, so no upload)."""
    url = s.page.url if s.page.url.startswith(base) else f"{base}/"
    s.active = False
    try:
        await s.page.goto(url, timeout=ACTION_MS, wait_until="domcontentloaded")
        await s.page.wait_for_selector("h1", timeout=ACTION_MS)
        await settle(s.page)
        s.countries = await s.page.evaluate(
            "() => new URLSearchParams(location.search).getAll('country')"
        )
        s.page_loads += 1
        await probe(s, "reload after error")
    except PlaywrightError as exc:  # TimeoutError is a subclass
        s.error("timeout" if isinstance(exc, PlaywrightTimeoutError) else "browser",
                "reload after error", first_line(exc))  # fmt: skip


def path_of(page: Page) -> str:
    """The page's URL path without slashes: '' for the Overview, 'live-events', …."""
    return urllib.parse.urlsplit(page.url).path.strip("/")


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


async def attempt(s: Session, base: str, action: str, step: Callable[[], Awaitable]) -> None:
    if time.monotonic() >= s.deadline:
        return
    s.stage = action
    try:
        await step()
    except PlaywrightError as exc:  # TimeoutError is a subclass
        kind = "timeout" if isinstance(exc, PlaywrightTimeoutError) else "browser"
        evidence = await capture(s, "error")
        s.error(kind, action, f"{first_line(exc)} (step: {s.stage})", evidence)
        await recover(s, base)


async def run_session(s: Session, browser: Browser, base: str, delay: float) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    try:
        s.page = await context.new_page()
        s.page.on("pageerror", lambda exc: s.js_errors.append(first_line(exc)))
        await attempt(s, base, "first load", lambda: first_load(s, base))
        rounds = 0
        others = [p for p in PAGES if p is not LIVE]
        while time.monotonic() < s.deadline:
            if s.upload and not s.active:
                await attempt(s, base, "upload", lambda: upload(s))
            elif s.upload and rounds % RESET_EVERY == RESET_EVERY - 1:
                await attempt(s, base, "reset", lambda: reset(s))
            # every other page is Live events, where the isolation check runs
            target = LIVE if rounds % 2 == 0 else s.rng.choice(others)
            if target[1] == path_of(s.page):
                target = s.rng.choice([p for p in others if p is not target])
            await attempt(s, base, f"open {target[1] or 'overview'}", lambda t=target: go(s, t))
            await attempt(s, base, "filter", lambda: change_countries(s))
            rounds += 1
    except asyncio.CancelledError:
        s.cut_off = True
        raise
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(context.close(), 30)


# ---------------------------------------------------------------------------------------------
# The run


async def warm_up(browser: Browser, base: str, plan: Plan) -> None:
    """One page load that walks every page once; also checks the expected shipped figure."""
    context = await browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    try:
        s = Session(0, None, plan, time.monotonic() + 600, random.Random(0))
        s.page = await context.new_page()
        await first_load(s, base)
        for target in PAGES[1:]:
            await go(s, target)
        await go(s, PAGES[0])
        problems = s.errors + s.violations
        if problems or s.live_checks != 1:
            raise RuntimeError(f"the warm-up did not pass its own checks: {problems}")
    finally:
        await context.close()


async def load_test(args: argparse.Namespace, server: Server, report: dict) -> list[Session]:
    plan = make_plan(args.uploaders)
    report["expected"] = {
        "shipped": plan.shipped,
        "uploads": {u.token: {"rows": u.rows, "held": u.held} for u in plan.uploads},
    }
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed (./dev test installs it)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            await warm_up(browser, server.url, plan)
            await asyncio.sleep(WARMUP_SETTLE_S)
            report["baseline_rss"] = server.rss()
            print(f"baseline RSS after warm-up: {mib(report['baseline_rss'])}", flush=True)

            sampler = RssSampler(server)
            sampler.start()
            report["loadavg_start"] = loadavg()
            cpu_start = cpu_seconds(server.process.pid)
            machine_start = machine_cpu()
            start = time.monotonic()
            deadline = start + args.seconds
            rng = random.Random(args.seed)
            sessions = [
                Session(
                    number=i + 1,
                    upload=plan.uploads[i] if i < args.uploaders else None,
                    plan=plan,
                    deadline=deadline,
                    rng=random.Random(rng.random()),
                )
                for i in range(args.sessions)
            ]
            tasks = [
                asyncio.create_task(run_session(s, browser, server.url, i * args.ramp))
                for i, s in enumerate(sessions)
            ]
            try:
                done, _ = await asyncio.wait(tasks, timeout=args.seconds + GRACE_S)
            finally:  # also on Ctrl-C: stop every session before the browser goes
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            for s, task in zip(sessions, tasks, strict=True):
                if task in done and task.exception() is not None:
                    s.error("script", "session", first_line(task.exception()))
            report["duration"] = time.monotonic() - start
            report["loadavg_end"] = loadavg()
            cpu_end = cpu_seconds(server.process.pid)
            if None not in (cpu_start, cpu_end):
                report["server_cpu_s"] = cpu_end - cpu_start
            (busy_end, total_end), (busy_start, total_start) = machine_cpu(), machine_start
            busy, total = busy_end - busy_start, total_end - total_start
            report["machine_busy_share"] = busy / total if total else None
            report["machine_busy_s"] = busy
            report["load_generator_cpu_s"] = sampler.browser_cpu
        finally:
            await browser.close()
    report["peak_rss"] = sampler.peak
    report["samples_during"] = len(sampler.samples)
    after = await asyncio.to_thread(after_close, server, args.after_close, sampler)
    report.update(after)
    sampler.stop()
    report["rss_samples"] = sampler.samples
    return sessions


def after_close(server: Server, seconds: float, sampler: RssSampler) -> dict:
    """Poll the RSS for `seconds` after every browser has gone; the last value counts."""
    polled = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = server.rss()
        if value is not None:
            polled.append(value)
        time.sleep(1)
    return {"rss_after_close": polled[-1] if polled else None,
            "rss_after_close_min": min(polled, default=None)}  # fmt: skip


def cpu_line(report: dict) -> str:
    """Who kept the CPUs busy during the run: the server, the browsers, or something else."""
    busy, server = report.get("machine_busy_s", 0), report.get("server_cpu_s", 0)
    browsers = report.get("load_generator_cpu_s", 0)
    other = max(0.0, busy - server - browsers)
    return (f"machine {100 * (report.get('machine_busy_share') or 0):.0f}% busy = "
            f"{busy:.0f} CPU-s: server {server:.0f}, browsers and this script {browsers:.0f}, "
            f"other processes {other:.0f}")  # fmt: skip


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine slows the sessions."""
    try:
        with open("/proc/loadavg", encoding="ascii") as source:
            return " ".join(source.read().split()[:3])
    except OSError:
        return "n/a"


def mib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MIB:.0f} MiB"


def server_tracebacks() -> list[str]:
    """Tracebacks and error lines the server wrote to its log."""
    try:
        lines = SERVER_LOG.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line for line in lines if re.search(r"Traceback|Error|Exception", line)]


def summarise(args: argparse.Namespace, sessions: list[Session], report: dict) -> bool:
    print()
    head = f"{'session':>7} {'role':<8} {'pages':>5} {'filters':>7} {'uploads':>7} "
    head += f"{'resets':>6} {'KPI reads':>9} {'live checks':>11} {'errors':>6} {'violations':>10}"
    print(head)
    print("-" * len(head))
    for s in sessions:
        print(f"{s.number:>7} {s.role:<8} {s.page_loads:>5} {s.filter_changes:>7} {s.uploads:>7} "
              f"{s.resets:>6} {s.kpi_reads:>9} {s.live_checks:>11} {len(s.errors):>6} "
              f"{len(s.violations):>10}{'  (cut off)' if s.cut_off else ''}")  # fmt: skip

    errors = [e for s in sessions for e in s.errors]
    violations = [v for s in sessions for v in s.violations]
    log_lines = server_tracebacks()
    if log_lines:  # a traceback the server logged is an error even if no page showed it
        detail = f"{len(log_lines)} error line(s) in {SERVER_LOG.name}"
        errors.append({"session": "-", "kind": "server log", "action": "-", "detail": detail})
    baseline, after = report.get("baseline_rss"), report.get("rss_after_close")
    threshold = None
    if baseline is not None:
        threshold = baseline + max(THRESHOLD_FLOOR, THRESHOLD_SHARE * baseline)
    memory_ok = None not in (after, threshold) and after <= threshold
    passed = not errors and not violations and memory_ok

    timings: dict[str, list[float]] = {}
    for s in sessions:
        for action, values in s.timings.items():
            timings.setdefault(action, []).extend(values)
    actions = sum(s.actions for s in sessions)
    transient = [(s.number, m) for s in sessions for m in s.transient]
    rows = [
        ("sessions", f"{len(sessions)} ({args.uploaders} uploading)"),
        ("duration", f"{report.get('duration', 0):.0f} s (deadline {args.seconds} s)"),
        ("actions done", f"{actions} = {sum(s.page_loads for s in sessions)} page loads + "
                         f"{sum(s.filter_changes for s in sessions)} filter changes + "
                         f"{sum(s.uploads for s in sessions)} uploads + "
                         f"{sum(s.resets for s in sessions)} resets"),
        ("KPI reads", f"{sum(s.kpi_reads for s in sessions)} "
                      f"({sum(s.live_checks for s in sessions)} isolation checks on Live events)"),
        ("errors", str(len(errors))),
        ("isolation violations", f"{len(violations)} "
                                 f"(+{len(transient)} transient, not counted)"),
        ("baseline RSS", mib(baseline)),
        ("peak RSS", mib(report.get("peak_rss"))),
        (f"RSS {args.after_close:.0f} s after close", f"{mib(after)} "
                                                     f"(min while polling "
                                                     f"{mib(report.get('rss_after_close_min'))})"),
        ("threshold", f"{mib(threshold)} = baseline + max(60 MiB, 25% of baseline)"),
        ("page JS errors (info)", str(sum(len(s.js_errors) for s in sessions))),
        ("files attached twice (info)", str(sum(s.attach_retries for s in sessions))),
        ("CPU (info)", cpu_line(report)),
        ("load average (info)", f"{report.get('loadavg_start')} at start, "
                                f"{report.get('loadavg_end')} at end ({os.cpu_count()} CPUs)"),
    ]  # fmt: skip
    for action, values in sorted(timings.items()):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        rows.append((f"{action} time (info)", f"median {statistics.median(values):.1f} s, "
                                              f"p95 {p95:.1f} s, max {values[-1]:.1f} s, "
                                              f"n={len(values)}"))  # fmt: skip
    rows.append(("verdict", "PASS" if passed else "FAIL"))
    print()
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    if errors:
        print("\nerrors (first 15):")
        for e in errors[:15]:
            shot = f" [{e['screenshot']}]" if e.get("screenshot") else ""
            print(f"  S{e['session']} {e['kind']} during {e['action']}: {e['detail']}{shot}")
    if log_lines:
        print(f"\nserver log ({SERVER_LOG.relative_to(REPO)}), error lines (first 15):")
        for line in log_lines[:15]:
            print(f"  {line}")
    if violations:
        print("\nisolation violations (first 15):")
        for v in violations[:15]:
            shot = v["evidence"].get("screenshot")
            print(
                f"  S{v['session']} after {v['action']}: {v['detail']}"
                + (f" [{shot}]" if shot else "")
            )
    if transient:
        print("\ntransient mismatches (first 5, gone on a second read 1.5 s later; not counted):")
        for number, message in transient[:5]:
            print(f"  S{number} {message}")
    js = [(s.number, m) for s in sessions for m in s.js_errors]
    if js:
        print("\npage JS errors (first 5, not counted):")
        for number, message in js[:5]:
            print(f"  S{number}: {message}")

    report.update(
        verdict="PASS" if passed else "FAIL",
        threshold_rss=threshold,
        errors=errors,
        violations=violations,
        sessions=[
            {"number": s.number, "role": s.role, "page_loads": s.page_loads,
             "filter_changes": s.filter_changes, "uploads": s.uploads, "resets": s.resets,
             "kpi_reads": s.kpi_reads, "live_checks": s.live_checks, "transient": s.transient,
             "own_token_seen": s.own_token_seen, "attach_retries": s.attach_retries,
             "errors": len(s.errors), "violations": len(s.violations),
             "js_errors": s.js_errors[:20], "cut_off": s.cut_off, "timings": s.timings}
            for s in sessions
        ],
    )  # fmt: skip
    RESULTS_JSON.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    print(f"\nfigures: {RESULTS_JSON.relative_to(REPO)}; server log: "
          f"{SERVER_LOG.relative_to(REPO)}")  # fmt: skip
    return passed


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--seconds", type=float, default=60, help="how long the sessions work")
    parser.add_argument(
        "--uploaders", type=int, default=4, help="sessions that upload a file (at most --sessions)"
    )
    parser.add_argument("--after-close", type=float, default=15,
                        help="seconds to poll the RSS after the sessions close")  # fmt: skip
    parser.add_argument("--ramp", type=float, default=RAMP_S,
                        help="seconds between two sessions' starts")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="random seed of the sessions' moves")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or args.uploaders < 0:
        parser.error("need sessions >= 1, seconds > 0 and uploaders >= 0")
    args.uploaders = min(args.uploaders, args.sessions)  # --sessions 3 alone: 3 uploaders
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)

    def stop(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    server = Server()
    report: dict = {"args": vars(args)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    for old in [*RESULTS.glob("load-violation-*.png"), *RESULTS.glob("load-error-*.png")]:
        old.unlink()
    try:
        server.start()
        print(f"server: {server.url} (pid {server.process.pid}), log {SERVER_LOG}", flush=True)
        print(f"{args.sessions} sessions, {args.uploaders} uploading, for {args.seconds:.0f} s…",
              flush=True)  # fmt: skip
        sessions = asyncio.run(load_test(args, server, report))
        passed = summarise(args, sessions, report)
    except KeyboardInterrupt:
        print("\ninterrupted; the server is stopped", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"load test could not run: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
