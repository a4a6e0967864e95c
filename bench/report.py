"""Budgets, tables and files for bench/run.py's measurements.

Kept apart from the measuring so the budgets read as one list, in one place. Units are decimal
(1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes), which makes the size budgets slightly stricter.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import platform
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PAGE_NAMES = {"": "Overview", "digital": "Digital", "live-events": "Live events",
              "education": "Education", "history": "History", "initiatives": "Initiatives",
              "data": "Data"}  # fmt: skip

# The budgets. Ratios are to the bare app ("bare") or to the explorer's own 1x figure ("1x").
# Issue 19: first render at most the bare one-chart page's, warm and cold; a filter change at
# most 1.6x the bare one-chart step. Issue 30: a filter change at most 1.5x the bare app
# redrawing as many charts, the same change in a second session (a cache hit) 1.0x, and a
# page-local control 1.0x the one-chart step. The rest: issue 6.
RENDER_VS_BARE = 1.0
COLD_RENDER_VS_BARE = 1.0
INTERACTION_VS_SAME_CHARTS = 1.5  # issue 30 (issue 19 had 1.0)
CACHE_HIT_VS_SAME_CHARTS = 1.0  # issue 30: a second session's same filter change
LOCAL_CONTROL_VS_BARE = 1.0  # issue 30: a page-local control against the one-chart step
# The page-local controls the bench drives: the result's key and the row's name.
LOCAL_CONTROLS = (
    ("local_control", "Digital trend split"),
    ("scope_control", "Overview scorecard scope"),
)
INTERACTION_VS_BARE = 1.6
INTERACTION_100X_VS_1X = 1.3
PAYLOAD_100X_VS_1X = 1.2
PAYLOAD_MAX_KB = 500
MEMORY_TEN_MAX_MB = 600
COLD_VS_BARE = 1.3

MEMORY_ROWS = [("idle_mb", "idle"), ("one_mb", "1 session"), ("ten_mb", "10 sessions"),
               ("peak_mb", "peak"), ("after_close_mb", "10 s after close")]  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _messages(frames: list[bytes | str]):
    """(kind, element id, size) of each websocket frame; kind is the element type for new
    elements, else the delta or message type."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # heavy import, only when needed

    for frame in frames:
        data = frame if isinstance(frame, bytes) else frame.encode()
        try:
            message = ForwardMsg.FromString(data)
        except Exception:  # a frame that is not a ForwardMsg still counts, as "other"
            yield "other", "", len(data)
            continue
        kind = message.WhichOneof("type") or "other"
        label = ""
        if kind == "delta":
            kind = message.delta.WhichOneof("type") or "delta"
            if kind == "new_element":
                element = message.delta.new_element
                kind = element.WhichOneof("type") or "element"
                label = getattr(getattr(element, kind, None), "id", "").rsplit("-", 1)[-1]
        yield kind, label, len(data)


def element_counts(frames: list[bytes | str]) -> dict[str, int]:
    """How many elements of each type the frames carry (the last run's, when several ran)."""
    counts: dict[str, int] = defaultdict(int)
    for kind, _, _ in _messages(frames):
        if kind == "new_session":
            counts.clear()
        counts[kind] += 1
    return dict(counts)


def payload_breakdown(frames: list[bytes | str]) -> dict:
    """Bytes by message kind (element type for new elements), and the largest messages."""
    by_kind: dict[str, int] = defaultdict(int)
    largest = []
    for kind, label, size in _messages(frames):
        by_kind[kind] += size
        largest.append({"kind": kind, "id": label, "bytes": size})
    largest.sort(key=lambda item: -item["bytes"])
    return {
        "by_kind": dict(sorted(by_kind.items(), key=lambda item: -item[1])),
        "messages": len(frames),
        "largest": largest[:6],
    }


@dataclass
class Check:
    budget: str
    ok: bool
    over: float  # value / limit - 1; negative is headroom


@dataclass
class Row:
    metric: str
    page: str
    scale: str
    value: float
    unit: str
    bare: float | None = None
    one_x: float | None = None
    checks: list[Check] = field(default_factory=list)

    def ratio(self, other: float | None) -> float | None:
        return self.value / other if other else None

    def as_dict(self) -> dict:
        return {
            "metric": self.metric,
            "page": self.page,
            "scale": self.scale,
            "value": self.value,
            "unit": self.unit,
            "bare": self.bare,
            "vs_bare": self.ratio(self.bare),
            "one_x": self.one_x,
            "vs_1x": self.ratio(self.one_x),
            "checks": [{"budget": c.budget, "pass": c.ok, "over": c.over} for c in self.checks],
        }

    def limit_bare(self, factor: float) -> None:
        if self.bare:
            self.checks.append(self._check(f"≤ {factor}× bare", self.bare * factor))

    def limit_1x(self, factor: float) -> None:
        if self.one_x:
            self.checks.append(self._check(f"≤ {factor}× 1x", self.one_x * factor))

    def limit(self, ceiling: float) -> None:
        self.checks.append(self._check(f"≤ {ceiling:g} {self.unit}", ceiling))

    def _check(self, budget: str, limit: float) -> Check:
        return Check(budget, self.value <= limit, self.value / limit - 1)


def _get(results: dict, *keys):
    for key in keys:
        if not isinstance(results, dict) or key not in results:
            return None
        results = results[key]
    return results


def budgets(row: Row) -> None:
    """The budgets, all of them: which figure must stay under what."""
    if row.metric == "First render":
        row.limit_bare(RENDER_VS_BARE)
    elif row.metric == "First render, cold server":
        row.limit_bare(COLD_RENDER_VS_BARE)
    elif row.metric == "Payload":
        row.limit(PAYLOAD_MAX_KB)
        if row.scale == "100x":
            row.limit_1x(PAYLOAD_100X_VS_1X)
    elif row.metric == "Interaction median" and row.page.startswith("filter change"):
        row.limit_bare(INTERACTION_VS_BARE)
        if row.scale == "100x" and row.page == "filter change":  # the Overview's
            row.limit_1x(INTERACTION_100X_VS_1X)
    elif row.metric == "Interaction median" and row.page.startswith("second session"):
        row.limit_bare(CACHE_HIT_VS_SAME_CHARTS)
    elif row.metric == "Interaction median":  # beside the bare app drawing as many charts
        row.limit_bare(INTERACTION_VS_SAME_CHARTS)
    elif row.metric == "Local control median":
        row.limit_bare(LOCAL_CONTROL_VS_BARE)
    elif row.metric == "Server memory" and row.page == "10 sessions":
        row.limit(MEMORY_TEN_MAX_MB)
    elif row.metric == "Cold start":
        row.limit_bare(COLD_VS_BARE)


def rows(targets: dict) -> list[Row]:
    """One row per figure and scale, with its bare and 1x counterparts and its budgets."""
    bare, one_x = targets.get("bare", {}), targets.get("1x", {})
    scales = [name for name in targets if name != "bare"]
    pages = next((list(targets[s]["render"]) for s in scales if "render" in targets[s]), [])
    specs = []  # metric, page, unit, where the explorer's figure is, where the bare one is
    for path in pages:
        specs.append(("First render", PAGE_NAMES.get(path, path), "ms",
                      ("render", path, "median_ms"), ("render", "", "median_ms")))  # fmt: skip
    for path in pages:
        specs.append(("Payload", PAGE_NAMES.get(path, path), "KB",
                      ("render", path, "payload_kb"), ("render", "", "payload_kb")))  # fmt: skip
    for key, label in (("median_ms", "Interaction median"), ("p90_ms", "Interaction p90")):
        specs.append((label, "filter change", "ms", ("interaction", key), ("interaction", key)))
    changed = next((targets[s]["interaction_pages"] for s in scales
                    if "interaction_pages" in targets[s]), {})  # fmt: skip
    for path, figures in changed.items():
        name, charts = PAGE_NAMES.get(path, path), figures["charts"]
        if path:
            specs.append(("Interaction median", f"filter change, {name}", "ms",
                          ("interaction_pages", path, "median_ms"),
                          ("interaction", "median_ms")))  # fmt: skip
        same = (
            ("interaction", "median_ms")
            if charts == 1
            else ("interaction_charts", str(charts), "median_ms")
        )
        specs.append(("Interaction median", f"{name} ÷ bare with {charts} charts", "ms",
                      ("interaction_pages", path, "median_ms"), same))  # fmt: skip
    for charts in sorted({f["charts"] for f in changed.values()} - {1}):
        specs.append(("Bare median", f"{charts} charts ÷ 1 chart", "ms",
                      ("bare", "interaction_charts", str(charts), "median_ms"),
                      ("interaction", "median_ms")))  # fmt: skip
    for key, label in (("median_ms", "Panel switch median"), ("p90_ms", "Panel switch p90")):
        specs.append((label, "chart/table", "ms", ("panel_switch", key), ("interaction", key)))
    hit = next((targets[s]["cache_hit"] for s in scales if targets[s].get("cache_hit")), None)
    if hit:
        charts = hit["charts"]
        same = ("interaction", "median_ms") if charts == 1 else (
            "interaction_charts", str(charts), "median_ms")  # fmt: skip
        specs.append(("Interaction median", f"second session (cache hit) ÷ bare with {charts} "
                      "charts", "ms", ("cache_hit", "median_ms"), same))  # fmt: skip
    for control, name in LOCAL_CONTROLS:
        for key, label in (("median_ms", "Local control median"), ("p90_ms", "Local control p90")):
            specs.append((label, name, "ms", (control, key), ("interaction", key)))
    specs.append(("Page switch median", "Overview ↔ Digital ÷ bare first render", "ms",
                  ("page_switch", "median_ms"), ("render", "", "median_ms")))  # fmt: skip
    for key, label in MEMORY_ROWS:
        specs.append(("Server memory", label, "MB", ("memory", key), ("memory", key)))
    specs.append(("Cold start", "Overview", "s", ("cold", "median_s"), ("cold", "median_s")))
    for path in pages:
        specs.append(("First render, cold server", PAGE_NAMES.get(path, path), "ms",
                      ("cold_pages", path, "render_ms"), ("cold", "render_ms")))  # fmt: skip
    for path in pages:  # what a cold visitor waits for once the script is done (no budget)
        specs.append(("Charts after the run, cold server", PAGE_NAMES.get(path, path), "ms",
                      ("cold_pages", path, "after_run_ms"), ("cold", "after_run_ms")))  # fmt: skip
    out = []
    for metric, page, unit, path, bare_path in specs:
        for scale in scales:
            value = _get(targets[scale], *path)
            if value is None:
                continue
            # The bare figure measured alongside this scale, else the one measured once.
            paired = _get(targets[scale], "bare", *bare_path)
            row = Row(metric, page, scale, value, unit, bare=paired or _get(bare, *bare_path))
            if scale != "1x":
                row.one_x = _get(one_x, *path)
            budgets(row)
            out.append(row)
    return out


def _machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = int(line.split()[1]) * 1024
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram_gb": round(ram / 1e9, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def assemble(measured: dict, args, seconds: float) -> dict:
    """Everything in one JSON-ready dict: machine, options, figures and budget checks."""
    import streamlit

    targets = measured["targets"]
    table = rows(targets)
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        # Other work on the machine skews the figures: the load before the run tells of it.
        "machine": {
            **_machine(),
            "load_before": [round(x, 2) for x in measured["load"][0]],
            "load_after": [round(x, 2) for x in measured["load"][1]],
        },
        "software": {"streamlit": streamlit.__version__, "chromium": measured["chromium"]},
        "code": measured["code"],
        "options": {
            "scales": args.scales,
            "samples": args.samples,
            "interactions": args.interactions,
            "cold_samples": args.cold_samples,
            "phases": sorted(args.phases),
            "quick": args.quick,
        },
        "duration_s": round(seconds, 1),
        "targets": targets,
        "rows": [row.as_dict() for row in table],
        "failed": sum(not c.ok for r in table for c in r.checks),
        "errors": {
            f"{name} /{path}": contents["errors"]
            for name, target in targets.items()
            for path, contents in target.get("contents", {}).items()
            if contents.get("errors")
        },
    }


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "KB":
        return f"{value:,.1f} KB"
    return f"{value:,.0f} {unit}"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


HEADER = ["Metric", "Page", "Scale", "Explorer", "Bare", "÷ bare", "÷ 1x", "Budget", "Verdict"]


def _cells(row: dict) -> list[str]:
    return [
        row["metric"], row["page"], row["scale"], _number(row["value"], row["unit"]),
        _number(row["bare"], row["unit"]), _ratio(row["vs_bare"]), _ratio(row["vs_1x"]),
        "; ".join(c["budget"] for c in row["checks"]) or "–",
        "; ".join("PASS" if c["pass"] else f"FAIL +{c['over']:.0%}" for c in row["checks"])
        or "–",
    ]  # fmt: skip


def _sides(results: dict):
    """(app label, page label, figures) for each explorer scale and its paired bare app."""
    for name, target in results["targets"].items():
        if name == "bare":
            continue
        for label, side in ((name, target), (f"{name} bare", target.get("bare", {}))):
            for path, page in (side.get("render") or {}).items():
                yield label, PAGE_NAMES.get(path, path) if side is target else "bare page", page
            interaction = side.get("interaction")
            if interaction:
                yield label, "filter change" if side is target else "slider step", interaction
            for path, figures in (side.get("interaction_pages") or {}).items():
                if path:
                    yield label, f"filter change, {PAGE_NAMES.get(path, path)}", figures
            for charts, figures in (side.get("interaction_charts") or {}).items():
                yield label, f"slider step, {charts} charts", figures
            if side.get("panel_switch"):
                yield label, "panel switch", side["panel_switch"]
            if side.get("cache_hit"):
                yield label, "filter change, second session", side["cache_hit"]
            for control, name in LOCAL_CONTROLS:
                if side.get(control):
                    yield label, f"local control ({name})", side[control]
            if side.get("page_switch"):
                yield label, "page switch (Overview ↔ Digital)", side["page_switch"]


def _phases(results: dict) -> list[list[str]]:
    """Where the time goes: until the run starts, the script run, drawing."""
    lines = []
    for app, page, figures in _sides(results):
        if "payload" in figures:
            until = figures["connect_ms"]
            parts = ", ".join(
                f"{k} {v / 1000:,.1f}" for k, v in list(figures["payload"]["by_kind"].items())[:3]
            )
        else:
            until = figures["to_run_start_ms"]
            parts = f"{figures['bytes'] / 1000:,.1f} KB per change, {figures['extra_runs']} reruns"
        times = [until, figures["run_ms"], figures["draw_ms"], figures["median_ms"]]
        lines.append([app, page, *(f"{t:,.0f}" for t in times), parts])
    return lines


PHASE_HEADER = ["App", "Page", "Until run ms", "Script run ms", "Draw ms", "Total ms",
                "Largest payload parts (KB)"]  # fmt: skip


def _largest(results: dict) -> list[list[str]]:
    return [
        [
            app,
            page,
            str(figures["payload"]["messages"]),
            ", ".join(
                f"{m['kind']} {m['id']}".strip() + f": {m['bytes'] / 1000:,.1f}"
                for m in figures["payload"]["largest"][:4]
            ),
        ]
        for app, page, figures in _sides(results)
        if "payload" in figures
    ]


def _grid(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *body, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*header), line.format(*("-" * w for w in widths))]
    previous = None
    for cells in body:
        if previous is not None and cells[0] != previous:
            out.append("")
        previous = cells[0]
        out.append(line.format(*cells).rstrip())
    return "\n".join(out)


def _machine_line(results: dict) -> str:
    m = results["machine"]
    return (
        f"{m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, Linux {m['kernel']}, "
        f"Python {m['python']}, Streamlit {results['software']['streamlit']}, "
        f"Chromium {results['software']['chromium']}"
    )


def _run_line(results: dict) -> str:
    m, o, c = results["machine"], results["options"], results["code"]
    dirty = " + uncommitted changes" if c["uncommitted_changes"] else ""
    return (
        f"App: {c['app']} at {c['commit']}{dirty}. {o['samples']} samples per page, "
        f"{o['interactions']} changes, {o['cold_samples']} cold starts; took "
        f"{results['duration_s']:.0f} s; load average before/after "
        f"{m['load_before'][0]:.1f}/{m['load_after'][0]:.1f} (others' work makes timings noisy)."
    )


LEGEND = (
    "Bare: the same figure for bench/bare_app.py, measured in turns with each scale (for the "
    "interaction and the panel switch: a slider step). Bare with N charts: the bare app "
    "drawing as many charts as an explorer page, all redrawn by each slider step; its own row "
    "sets it beside the one-chart page (no budget). First render: navigation start to every "
    "chart drawn; on a cold server, the first page a fresh server serves (each page on a "
    "server of its own). Interaction: a sidebar country change to every chart redrawn, on "
    "every chart page. Panel switch: "
    "one Overview panel's chart/table control to that panel redrawn (it reruns only its panel; "
    "no budget). Payload: websocket bytes to render the page. "
    "1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes."
)


def _failures(results: dict) -> list[str]:
    lines = []
    for row in results["rows"]:
        for check in row["checks"]:
            if not check["pass"]:
                lines.append(
                    f"FAIL {row['metric']} · {row['page']} · {row['scale']}: "
                    f"{_number(row['value'], row['unit'])}, budget {check['budget']} "
                    f"({check['over']:.0%} over)"
                )
    return lines or ["All budgets pass."]


def _warnings(results: dict) -> list[str]:
    return [
        f"WARNING {page} showed {count} exception(s): its figures do not measure the real page"
        for page, count in results["errors"].items()
    ]


def text(results: dict) -> str:
    body = [_cells(row) for row in results["rows"]]
    return "\n".join([
        f"{results['date']} · {_machine_line(results)}", _run_line(results), *_warnings(results),
        "", _grid(HEADER, body), "", LEGEND, "",
        "Where the time goes (medians; until run + script run + draw ≈ total)", "",
        _grid(PHASE_HEADER, _phases(results)), "",
        *_failures(results),
    ])  # fmt: skip


def _markdown_table(header: list[str], body: list[list[str]]) -> str:
    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, body)])


def markdown(results: dict) -> str:
    return "\n".join([
        f"# Benchmark, {results['date']}", "",
        f"Machine: {_machine_line(results)}.  ", _run_line(results), "",
        *[f"**{line}**  \n" for line in _warnings(results)],
        _markdown_table(HEADER, [_cells(row) for row in results["rows"]]), "",
        LEGEND, "",
        "## Where the time goes", "",
        "Medians. Until run: from navigation start (HTML, JavaScript, websocket) or from the "
        "input to the run's first message. Script run: its first to its last message, as the "
        "page receives them. Draw: the last message to the last chart drawn. Medians of parts "
        "need not add up to the median total.", "",
        _markdown_table(PHASE_HEADER, _phases(results)), "",
        "## Largest messages (first sample of each page)", "",
        _markdown_table(["App", "Page", "Messages", "Largest (element id: KB)"], _largest(results)),
        "",
        "## Verdict", "",
        *[f"- {line}" for line in _failures(results)], "",
    ])  # fmt: skip


def write(results: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (folder / "latest.md").write_text(markdown(results), encoding="utf-8")
