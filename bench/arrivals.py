"""A room opening one link: N sessions arriving within a few seconds, each then changing a filter.

    .venv/bin/python bench/arrivals.py [--sessions 50] [--within 10] [--changes 3]

Protocol-level clients, not browsers: each speaks Streamlit's own websocket protocol
(`/_stcore/stream`, the BackMsg and ForwardMsg protobufs), as a browser tab does, but draws
nothing, so fifty of them fit on a 2-core machine beside the server. A session opens the shared
link (the Overview with `country=FR`), waits for its run to finish, then adds Poland to the
sidebar's Countries filter and removes it again (`--changes` times in all), each timed from
the request to the run's end as the client receives it. Before the room arrives, one session
alone does the same changes: the idle figure. Errors: an exception element in a run, a run that
ends in error, a run that takes longer than 120 s, a closed socket.

The server's resident memory (VmRSS) is taken before, sampled during, and polled after the
sessions close; the server runs with `server.disconnectedSessionTTL` = 5 s, so a closed
session's state goes after 5 s instead of Streamlit's default 120 s. Only loopback traffic.
Prints one JSON object and writes it to bench/results/arrivals-latest.json.

`--diagnose` also asks the server, through a `sitecustomize` loaded by this bench's server
only, what holds its memory at the baseline and after the sessions closed: Python's allocated
blocks and live objects, and glibc's heap (bytes in use, bytes free but kept) by `mallinfo2`,
as found, after Streamlit's store of closed sessions drops the expired ones, after a full
collection and after `malloc_trim`, so that memory kept by objects can
be told from garbage nobody collected and from memory freed but not returned to the system.
The report collects and trims, so the figures after it are taken after that, by design.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import local_server  # noqa: E402

RESULTS = REPO / "bench" / "results"
RUN_TIMEOUT_S = 120
LINK = "country=FR"
ADDED = "Poland"


HEAP_REPORT = """import collections, ctypes, gc, json, os, signal, sys


class _Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks",
                "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))


def _heap():
    info = _libc.mallinfo2()
    mb = 1024 * 1024
    sessions = sum(type(o).__name__ == "AppSession" for o in gc.get_objects())
    return {"rss_mb": round(_rss_mb(), 1), "app_sessions": sessions,
            "python_blocks": sys.getallocatedblocks(),
            "objects": len(gc.get_objects()), "heap_in_use_mb": round(info.uordblks / mb, 1),
            "heap_free_kept_mb": round(info.fordblks / mb, 1)}


def _report(*_):
    # As found; then after a full collection (garbage in cycles that nobody collected yet);
    # then after glibc hands its free pages back (malloc_trim): what each would release.
    out = {"found": _heap(), "threads": len(os.listdir("/proc/self/task"))}
    kinds = collections.Counter(
        f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    out["kinds"] = dict(kinds.most_common(400))
    from streamlit import runtime

    # Streamlit keeps a closed session for its TTL in a cache that drops expired entries only
    # when written to or counted (streamlit/runtime/caching/ttl_cache.py): count it.
    len(runtime.get_instance()._session_mgr._session_storage._cache)
    out["reaped"] = _heap()
    gc.collect()
    out["collected"] = _heap()
    _libc.malloc_trim(0)
    out["trimmed"] = _heap()
    with open(os.environ["KPOP_HEAP_REPORT"], "a") as report:
        report.write(json.dumps(out) + "\\n")


_libc = ctypes.CDLL("libc.so.6")
_libc.mallinfo2.restype = _Info
signal.signal(signal.SIGUSR1, _report)
"""


async def heap_report(pid: int, path: Path) -> dict | None:
    """What the server's heap holds now (`--diagnose`): the line its SIGUSR1 handler writes."""
    before = path.read_text().count("\n") if path.exists() else 0
    os.kill(pid, signal.SIGUSR1)
    for _ in range(50):  # the handler runs when the server's main thread next runs Python
        await asyncio.sleep(0.1)
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) > before:
            return json.loads(lines[-1])
    return None


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


class Client:
    """One session: a websocket, the widgets it has seen, and its runs."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = None
        self.countries_id: str | None = None
        self.countries_options: list[str] = []
        self.chosen: list[str] = []
        self.errors: list[str] = []

    async def open(self, query: str) -> float:
        self.socket = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S
        )
        return await self.run(query_string=query)

    async def run(self, **client_state) -> float:
        """Asks for a run; returns the time until the run's end reached this client."""
        message = BackMsg()
        for name, value in client_state.items():
            if name == "widgets":
                message.rerun_script.widget_states.widgets.extend(value)
            else:
                setattr(message.rerun_script, name, value)
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        deadline = started + RUN_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                self.errors.append("run timed out")
                return float("nan")
            raw = await asyncio.wait_for(self.socket.recv(), left)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._read(msg.delta)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.errors.append("compile error")
                if msg.script_finished in (
                    ForwardMsg.FINISHED_SUCCESSFULLY,
                    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
                ):
                    return (time.perf_counter() - started) * 1000
                # FINISHED_EARLY_FOR_RERUN, FINISHED_FRAGMENT_RUN_SUCCESSFULLY: keep reading

    def _read(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"exception: {element.exception.message[:120]}")
        elif kind == "multiselect" and element.multiselect.id.endswith("-country"):
            self.countries_id = element.multiselect.id
            self.countries_options = list(element.multiselect.options)

    async def toggle_country(self) -> float:
        """Adds Poland to the Countries filter, or removes it."""
        if self.countries_id is None:
            self.errors.append("no Countries filter seen")
            return float("nan")
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        self.chosen = [] if self.chosen else [ADDED]
        state = WidgetState(id=self.countries_id)
        state.string_array_value.data.extend(["France", *self.chosen])
        return await self.run(widgets=[state])

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


async def session(url: str, delay: float, changes: int, out: list) -> None:
    await asyncio.sleep(delay)
    client = Client(url)
    record = {"open_ms": None, "changes_ms": [], "errors": client.errors}
    try:
        record["open_ms"] = await client.open(LINK)
        for _ in range(changes):
            record["changes_ms"].append(await client.toggle_country())
    except (TimeoutError, OSError, websockets.WebSocketException) as error:
        client.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await client.close()
    out.append(record)


async def sample_memory(pid: int, samples: list, stop: asyncio.Event) -> None:
    while not stop.is_set():
        value = rss_mb(pid)
        if value is not None:
            samples.append(value)
        await asyncio.sleep(0.2)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v == v]
    return statistics.median(values) if values else None


async def measure(args: argparse.Namespace) -> dict:
    port = local_server.free_port()
    url = f"http://127.0.0.1:{port}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "5", **dict(args.env)}
    hooks = tempfile.TemporaryDirectory()
    heap = Path(hooks.name) / "heap.jsonl"
    if args.diagnose:
        (Path(hooks.name) / "sitecustomize.py").write_text(HEAP_REPORT)
        env |= {"PYTHONPATH": hooks.name, "KPOP_HEAP_REPORT": str(heap)}
    with open(RESULTS / "arrivals-server.log", "w") as log:
        process = local_server.start("app.py", port, cwd=REPO, log=log, env=env)
    try:
        deadline = time.monotonic() + 120
        while not local_server.answers(url, timeout=1):
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the server did not start; see bench/results/arrivals-server.log")
            await asyncio.sleep(0.5)
        warm: list = []
        await session(url, 0, 2, warm)  # the first visit imports and checks the data
        await asyncio.sleep(6)
        baseline = rss_mb(process.pid)
        heap_before = await heap_report(process.pid, heap) if args.diagnose else None
        idle: list = []
        await session(url, 0, args.changes + 1, idle)  # alone: the idle figure
        await asyncio.sleep(6)
        samples: list[float] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_memory(process.pid, samples, stop))
        room: list = []
        started = time.perf_counter()
        delays = sorted(random.uniform(0, args.within) for _ in range(args.sessions))
        await asyncio.gather(*(session(url, d, args.changes, room) for d in delays))
        room_s = time.perf_counter() - started
        after = []
        for _ in range(args.after):
            await asyncio.sleep(1)
            after.append(rss_mb(process.pid))
        stop.set()
        await sampler
        heap_after = await heap_report(process.pid, heap) if args.diagnose else None
        again = []  # more rooms on the same server: does each leave more behind, or reuse it?
        for _ in range(args.rooms - 1):
            delays = sorted(random.uniform(0, args.within) for _ in range(args.sessions))
            await asyncio.gather(*(session(url, d, args.changes, room) for d in delays))
            await asyncio.sleep(args.after)
            again.append(rss_mb(process.pid))
        idle_changes = idle[0]["changes_ms"][1:]  # the first change of a session pays its own
        room_changes = [ms for r in room for ms in r["changes_ms"]]
        errors = [e for r in [*warm, *idle, *room] for e in r["errors"]]
        result = {
            "sessions": args.sessions,
            "within_s": args.within,
            "changes_per_session": args.changes,
            "room_s": round(room_s, 1),
            "errors": len(errors),
            "error_kinds": sorted(set(errors))[:10],
            "idle_change_ms": median(idle_changes),
            "room_change_ms": median(room_changes),
            "room_change_p90_ms": (
                sorted(room_changes)[int(0.9 * (len(room_changes) - 1))] if room_changes else None
            ),
            "idle_open_ms": idle[0]["open_ms"],
            "room_open_ms": median([r["open_ms"] for r in room if r["open_ms"] is not None]),
            "memory_baseline_mb": baseline,
            "memory_peak_mb": max(samples) if samples else None,
            "memory_after_mb": after[-1] if after else None,
            "memory_after_s": args.after,
            "memory_after_next_rooms_mb": again,
            "load": os.getloadavg(),
            "env": dict(args.env),
        }
        if args.diagnose:  # and which kinds of object grew most, to find what holds them
            grown = {k: n - heap_before["kinds"].get(k, 0) for k, n in heap_after["kinds"].items()}
            result["grown_kinds"] = dict(sorted(grown.items(), key=lambda kv: -kv[1])[:25])
            for heap in (heap_before, heap_after):
                del heap["kinds"]
            result["heap_before"], result["heap_after"] = heap_before, heap_after
        if result["idle_change_ms"] and result["room_change_ms"]:
            result["change_vs_idle"] = result["room_change_ms"] / result["idle_change_ms"]
        if baseline and result["memory_after_mb"]:
            result["after_vs_baseline"] = result["memory_after_mb"] / baseline
        return result
    finally:
        hooks.cleanup()
        process.terminate()
        try:
            process.wait(10)
        except Exception:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--within", type=float, default=10.0, help="seconds the arrivals span")
    parser.add_argument("--changes", type=int, default=3, help="filter changes per session")
    parser.add_argument("--after", type=int, default=20, help="seconds polled after they close")
    parser.add_argument("--rooms", type=int, default=1, help="rooms in turn, memory after each")
    parser.add_argument("--diagnose", action="store_true", help="what the heap holds, by kind")
    parser.add_argument("--env", action="append", default=[], type=lambda v: v.split("=", 1),
                        help="NAME=VALUE for the server, e.g. MALLOC_ARENA_MAX=2")  # fmt: skip
    args = parser.parse_args(argv)
    result = asyncio.run(measure(args))
    text = json.dumps(result, indent=1)
    (RESULTS / "arrivals-latest.json").write_text(text + "\n")
    print(text)
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
