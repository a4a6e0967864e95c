"""`streamlit run` on a free loopback port, started the same way by the benchmark, the load test
and the browser tests: headless, unbuffered, logged to a file, ready once its health check
answers. Each caller keeps its own waiting loop (asyncio or not) and its own way of stopping.
The Chromium that drives it is launched with the same flags by all three.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import IO

# Debian's Chromium, headless in a container: no sandbox, no GPU, no background requests; and
# no name but loopback resolves, so no request can leave the machine (without routing every
# request through Playwright, which would slow page loads).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    script: str,
    port: int,
    *,
    cwd: Path,
    log: IO,
    env: dict[str, str | None] | None = None,
    **popen,
) -> subprocess.Popen:
    """The server process; `env` adds variables to this one's, and None removes one."""
    variables = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name, value in (env or {}).items():
        if value is None:
            variables.pop(name, None)
        else:
            variables[name] = value
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=cwd, env=variables, stdout=log, stderr=subprocess.STDOUT, **popen,
    )  # fmt: skip


def answers(url: str, timeout: float = 2) -> bool:
    """True once the server at `url` says it is healthy."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False
