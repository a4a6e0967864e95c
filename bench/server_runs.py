"""What a sidebar filter change costs the server, per chart page (AppTest, no browser).

Each chart page is opened in AppTest as the tests open it (the Overview is the app's frame; the
others are switched to), then the sidebar's country filter is changed and the page rerun, cycling
through PL, ES, IT, DE, SE, PT and none. Each rerun is timed from the change to the end of the
script run, as AppTest waits for it: the server's share of a filter change, without the browser.
The bare reference app (`bench/bare_app.py?charts=N`) is timed the same way for a slider step,
with as many charts as the page redraws.

    .venv/bin/python bench/server_runs.py [--runs 21] [--pages overview digital ...]
    .venv/bin/python bench/server_runs.py --profile overview   # where a page's reruns go

`--profile` runs cProfile inside the script thread (a profiler in the main thread does not see
it: AppTest runs the page in a thread of its own) and prints the functions with the most
cumulative time over the timed reruns. Not run in CI.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from components import plotly_element  # noqa: E402
from kpop_explorer.links import site  # noqa: E402

APP = str(REPO / "app.py")
BARE = str(REPO / "bench" / "bare_app.py")
CHART_PAGES = ("overview", "digital", "live_events", "education")
COUNTRIES = (["PL"], ["ES"], ["IT"], ["DE"], ["SE"], ["PT"], [])


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page != "overview":
        at.switch_page(site.page(page).script).run()
    if at.exception:
        raise SystemExit(f"{page}: {at.exception}")
    return at


def chart_count(at: AppTest) -> int:
    return sum(1 for c in at.get("bidi_component") if c.key != plotly_element.PRELOAD_KEY)


def _country(at: AppTest):
    return next(w for w in at.multiselect if w.key == "country")


def time_page(page: str, runs: int, warmup: int) -> tuple[list[float], int]:
    """Milliseconds of each timed rerun after a country change, and the charts drawn."""
    at = open_page(page)
    charts = chart_count(at)
    times = []
    for i in range(warmup + runs):
        _country(at).set_value(COUNTRIES[i % len(COUNTRIES)])
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        if i >= warmup:
            times.append(elapsed)
    return times, charts


def time_bare(charts: int, runs: int, warmup: int) -> list[float]:
    at = AppTest.from_file(BARE, default_timeout=120)
    at.query_params["charts"] = str(charts)
    at.run()
    times = []
    for i in range(warmup + runs):
        at.slider[0].set_value((i * 37) % 1000 + 1)
        start = time.perf_counter()
        at.run()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


class ThreadProfiler:
    """cProfile in every thread started while active (AppTest's script threads), merged."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []

    def _start(self, frame, event, arg) -> None:
        sys.setprofile(None)
        profile = cProfile.Profile()
        self.profiles.append(profile)
        profile.enable()

    def __enter__(self) -> ThreadProfiler:
        threading.setprofile(self._start)
        return self

    def __exit__(self, *exc) -> None:
        threading.setprofile(None)

    def report(self, limit: int = 45) -> str:
        out = io.StringIO()
        stats = None
        for profile in self.profiles:
            profile.create_stats()
            if not profile.stats:
                continue
            if stats is None:
                stats = pstats.Stats(profile, stream=out)
            else:
                stats.add(profile)
        if stats is None:
            return "no profile collected"
        stats.sort_stats("cumulative").print_stats(limit)
        return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="timed reruns per page")
    parser.add_argument("--warmup", type=int, default=7, help="untimed reruns first (one cycle)")
    parser.add_argument("--pages", nargs="+", default=list(CHART_PAGES), choices=CHART_PAGES)
    parser.add_argument("--profile", choices=CHART_PAGES, help="profile one page's reruns")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare reference app")
    args = parser.parse_args()

    if args.profile:
        at = open_page(args.profile)
        for i in range(args.warmup):
            _country(at).set_value(COUNTRIES[i % len(COUNTRIES)])
            at.run()
        with ThreadProfiler() as profiler:
            for i in range(args.runs):
                _country(at).set_value(COUNTRIES[i % len(COUNTRIES)])
                at.run()
        print(profiler.report())
        return

    print(f"{args.runs} reruns a page after a country change ({args.warmup} untimed first)")
    print(f"{'page':<14}{'charts':>7}{'median ms':>11}{'p90 ms':>9}")
    counts = set()
    for page in args.pages:
        times, charts = time_page(page, args.runs, args.warmup)
        counts.add(charts)
        print(f"{page:<14}{charts:>7}{statistics.median(times):>11.1f}{p90(times):>9.1f}")
    if not args.no_bare:
        for charts in sorted(counts):
            times = time_bare(charts, args.runs, args.warmup)
            name = f"bare, {charts}"
            print(f"{name:<14}{charts:>7}{statistics.median(times):>11.1f}{p90(times):>9.1f}")


if __name__ == "__main__":
    main()
