"""What the downloads cost the server: time and memory to build the decks and the briefing.

Each file is built as a click builds it, from the shipped data or from the folders given (e.g.
the generator's 100x copy: `./dev data --scale 100 --out /tmp/kpop-100x`):

    .venv/bin/python bench/exports.py [--samples 5] [/tmp/kpop-100x ...]

- story deck: the whole guided story, computed and written (`components.briefing.story_deck`);
- view deck and briefing: each story step's view with both its charts and their tables, as a
  page collects them, written as a deck and as a workbook;
- the largest table's Excel download (every initiative, as the Initiatives page offers it).

Time is the median of the samples; memory is the peak of Python's allocations while building
(tracemalloc, in a separate run so its overhead does not count in the time). Not run in CI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from components import briefing as exports  # noqa: E402
from components.context import PageContext  # noqa: E402
from components.kpis import shown_kpis  # noqa: E402
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all  # noqa: E402
from kpop_explorer.exports.briefing import Briefing, ChartRecord  # noqa: E402
from kpop_explorer.exports.spreadsheets import to_excel_bytes  # noqa: E402
from kpop_explorer.formats.tables import for_display  # noqa: E402
from kpop_explorer.i18n import Translator  # noqa: E402
from kpop_explorer.links.filters import FilterState, options_from_data  # noqa: E402
from kpop_explorer.measures import aggregates  # noqa: E402
from kpop_explorer.views import story_views  # noqa: E402
from kpop_explorer.views.story import load_story  # noqa: E402


def contexts(folder: Path, lang: str) -> tuple[PageContext, list[PageContext]]:
    """A context for the story, and one per story step holding what that step's page shows."""
    data = load_all(folder)
    frames = {name: dataset.frame for name, dataset in data.items()}
    names = ("initiatives", "live_events", "education_programs", "digital_metrics")
    options = options_from_data(*(frames[n] for n in names))
    t = Translator(lang)
    as_of = aggregates.as_of(frames["digital_metrics"])
    base = PageContext(t, FilterState.default(options), options, data, False, as_of,
                       pd.Timestamp.today().normalize())  # fmt: skip
    views = []
    for step in load_story().steps:
        state, _ = step.state(options)
        needed = {n: frames[n] for n in story_views.NEEDS[step.view]}
        view = story_views.VIEWS[step.view](needed, state, t, as_of, False)
        shown = Briefing(headline=view.headline, kpis=shown_kpis(view.kpis or [], t))
        for panel, drawn in ((shown_panel.panel, shown_panel.chart) for shown_panel in view.panels):
            record = ChartRecord(panel.title, panel.subtitle, panel.table, drawn.build,
                                 drawn.args, drawn.kwargs, "illustrative", True)  # fmt: skip
            shown.charts.append(record)
            shown.tables.append((panel.title, lambda table=panel.table: for_display(table, t)))
        views.append(PageContext(t, state, options, data, False, as_of, base.today,
                                 page_path=step.view, briefing=shown))  # fmt: skip
    return base, views


def measure(build, samples: int) -> tuple[float, float, int]:
    """(median seconds, peak MB of Python allocations, bytes written)."""
    times, size = [], 0
    for _ in range(samples):
        start = time.perf_counter()
        size = len(build())
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    build()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6, size


def _each(build, views: list[PageContext]) -> bytes:
    return b"".join(build(ctx, "view") for ctx in views)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="data folders besides data/")
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    print("| Data | Export | Time (median) | Peak memory | File |")
    print("| --- | --- | --- | --- | --- |")
    for folder in [REPO_DATA_DIR, *args.folders]:
        story_ctx, views = contexts(folder, args.lang)
        initiatives = for_display(story_ctx.data["initiatives"].frame, story_ctx.t)
        label = "shipped" if folder == REPO_DATA_DIR else folder.name
        steps = len(views)  # one per step of the story
        cases = {
            f"story deck ({steps} steps)": partial(exports.story_deck, story_ctx, load_story()),
            f"view decks, all {steps} steps": partial(_each, exports.view_deck, views),
            f"briefings, all {steps} steps": partial(_each, exports.workbook, views),
            f"Excel of all {len(initiatives):,} initiatives": partial(
                to_excel_bytes, {"initiatives": initiatives}
            ),
        }
        for name, build in cases.items():
            seconds, peak, size = measure(build, args.samples)
            print(f"| {label} | {name} | {seconds * 1000:,.0f} ms | {peak:,.1f} MB "
                  f"| {size / 1000:,.0f} KB |")  # fmt: skip


if __name__ == "__main__":
    main()
