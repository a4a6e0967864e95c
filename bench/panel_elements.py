"""What each element of a chart panel costs a slider step, in the bare app (issue 30).

The explorer's panels draw, around each chart, a bordered box, a title, a source line, a
chart/table switch and two downloads (components/chart_panel.py). `bench/bare_app.py?panel=`
draws the same elements around its charts; this script opens one session per variant, four
charts each, and steps every slider in turns (after two unmeasured steps), so each element's
cost is the difference to the variant without it, measured in the same spell of the machine:

    .venv/bin/python bench/panel_elements.py [--steps 10] [--charts 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys

from run import (
    REPO,
    Target,
    chromium,
    close,
    drawn_page,
    move_slider,
    probe,
    running,
    settle,
    settled_change,
)

# Each variant adds one thing to the one before it in the table's reading (see `main`).
VARIANTS = {
    "chart alone": "",
    "+ border": "box",
    "+ title": "box,title",
    "+ source line": "box,source",
    "+ switch": "box,switch",
    "+ one download": "box,download",
    "+ two downloads": "box,downloads",
    "panel as drawn": "all",
    "folded (switch, one download)": "box,switch,download",
}
WARMUP = 2


async def measure(steps: int, charts: int) -> dict[str, list[dict]]:
    target = Target("bare", str(REPO / "bench" / "bare_app.py"), REPO)
    async with chromium() as browser, running(target, "panel-elements") as server:
        sides = []
        for name, panel in VARIANTS.items():
            url = f"{server.url}/?charts={charts}&panel={panel}"
            want = {**await probe(browser, url), "plots": charts}
            context, page, frames = await drawn_page(browser, url, want)
            sides.append((name, want, context, page, frames))
        taken: dict[str, list[dict]] = {name: [] for name in VARIANTS}
        for step in range(WARMUP + steps):
            for name, want, _, page, frames in sides:
                before = len(frames)
                goal = await move_slider(page, step)
                result = await settle(page, {**want, **goal, "since": None})
                if step >= WARMUP:
                    taken[name].append(settled_change(result, frames, before))
            print(f"  step {step + 1}/{WARMUP + steps}", file=sys.stderr, flush=True)
        for _, _, context, _, _ in sides:
            await close(context)
    return taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--charts", type=int, default=4)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    taken = asyncio.run(measure(args.steps, args.charts))
    print(f"{args.charts} charts, {args.steps} steps a variant, load {load:.1f} before and "
          f"{os.getloadavg()[0]:.1f} after\n")  # fmt: skip
    print("| Variant | Step | Script run | Draw | Sent | Against the chart alone |")
    print("| --- | --- | --- | --- | --- | --- |")
    alone = statistics.median(s["ms"] for s in taken["chart alone"])
    for name, samples in taken.items():
        ms = statistics.median(s["ms"] for s in samples)
        run = statistics.median(s["run_ms"] for s in samples)
        draw = statistics.median(s["draw_ms"] for s in samples)
        sent = statistics.median(s["bytes"] for s in samples) / 1000
        print(f"| {name} | {ms:.0f} ms | {run:.0f} ms | {draw:.0f} ms | {sent:.1f} KB "
              f"| {ms - alone:+.0f} ms ({ms / alone:.2f}×) |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
