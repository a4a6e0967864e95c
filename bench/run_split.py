"""Where a filter change goes: the server's own script run against what the browser sees.

`bench/run.py` times a change from inside the page: until the run's first message, the run's
first to last message as the page receives them, and the drawing after. The page receives a
message only when its main thread is free, so "the run" there also holds the browser building
the elements the run sends. This script starts the explorer with each script run timed inside
the server (a `sitecustomize` wraps Streamlit's `ScriptRunner._run_script`, in this bench's
server only), then makes the sidebar's country changes of `run.py` on each chart page, so the
server's share and the browser's share of the same changes can be told apart:

    .venv/bin/python bench/run_split.py [--changes 8] [--pages ,digital,live-events,education]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
from pathlib import Path

from run import (
    REPO,
    WARMUP_CHANGES,
    Target,
    change_country,
    chromium,
    close,
    drawn_page,
    probe,
    running,
    settle,
    settled_change,
)

MARK = "KPOP-RUN-MS"
TIMER = f"""import sys, time
from streamlit.runtime.scriptrunner import script_runner

_run = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):
    started = time.perf_counter()
    try:
        return _run(self, rerun_data)
    finally:
        print("{MARK}", round((time.perf_counter() - started) * 1000, 1), flush=True)


script_runner.ScriptRunner._run_script = _timed
"""


def server_runs(log: Path, since: int) -> tuple[list[float], int]:
    """The run times logged after byte `since` of the server's log, and where the log ends."""
    text = log.read_bytes()
    runs = [float(line.split()[1]) for line in text[since:].decode().splitlines()
            if line.startswith(MARK)]  # fmt: skip
    return runs, len(text)


async def measure(pages: list[str], changes: int, folder: Path) -> dict[str, list[dict]]:
    (folder / "sitecustomize.py").write_text(TIMER)
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    target = Target("1x", "app.py", REPO, 1, env=(("PYTHONPATH", path),))
    taken: dict[str, list[dict]] = {page: [] for page in pages}
    async with chromium() as browser, running(target, "split") as server:
        await probe(browser, f"{server.url}/", cold=True)  # warms the server up
        for page_path in pages:
            url = f"{server.url}/{page_path}"
            want = await probe(browser, url)
            if page_path:  # a country may empty a chart; the Overview's always have some
                want = {**want, "plots": 0, "frames": 0}
            context, page, frames = await drawn_page(browser, url, want)
            for step in range(WARMUP_CHANGES + changes):
                _, mark = server_runs(server.log_path, 0)
                before = len(frames)
                goal = await change_country(page, step)
                result = await settle(page, {**want, **goal, "since": None})
                await asyncio.sleep(0.3)  # the log line follows the run's last message
                runs, _ = server_runs(server.log_path, mark)
                if step >= WARMUP_CHANGES:
                    sample = settled_change(result, frames, before)
                    taken[page_path].append({**sample, "server_ms": sum(runs)})
            await close(context)
    return taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=8)
    parser.add_argument("--pages", default=",digital,live-events,education")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        taken = asyncio.run(measure(args.pages.split(","), args.changes, Path(folder)))
    print(f"{args.changes} changes a page, load {load:.1f} before and "
          f"{os.getloadavg()[0]:.1f} after (medians)\n")  # fmt: skip
    print("| Page | Change | Until run | Run, as the page sees it | Server's run | Rest of the "
          "run (sending, building) | Draw |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for page, samples in taken.items():
        med = {k: statistics.median(s[k] for s in samples)
               for k in ("ms", "to_run_start_ms", "run_ms", "server_ms", "draw_ms")}  # fmt: skip
        rest = statistics.median(s["run_ms"] - s["server_ms"] for s in samples)
        print(f"| /{page} | {med['ms']:.0f} ms | {med['to_run_start_ms']:.0f} ms "
              f"| {med['run_ms']:.0f} ms | {med['server_ms']:.0f} ms | {rest:.0f} ms "
              f"| {med['draw_ms']:.0f} ms |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
