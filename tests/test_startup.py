"""The cycle collector is paused while a server's first run loads the app, then kept off the
frozen startup heap; nothing happens at import, nor in a process that is not a server."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import gc, sys
if sys.argv[1] == "server":
    import streamlit.web.bootstrap  # what `streamlit run` loads
import components.startup as startup
on_import = gc.isenabled()
startup.begin()
paused = not gc.isenabled()
kept = [object() for _ in range(1000)]
startup.settle()
frozen = gc.get_freeze_count()
later = [[] for _ in range(1000)]
startup.begin()  # a later run: the collector stays on
startup.settle()
print(on_import, paused, gc.isenabled(), frozen > 1000, gc.get_freeze_count() == frozen,
      startup.settled())
"""


def probe(kind: str) -> list[str]:
    # A fresh interpreter: the test process has long since imported the module.
    done = subprocess.run([sys.executable, "-c", PROBE, kind], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.split()


def test_a_servers_first_run_pauses_the_collector_then_freezes_the_heap_once():
    assert probe("server") == ["True", "True", "True", "True", "True", "True"]


def test_elsewhere_nothing_is_paused_or_frozen():
    """Under pytest's AppTest the process is not the app's: its heap stays collectable."""
    assert probe("test") == ["True", "False", "True", "False", "True", "True"]
