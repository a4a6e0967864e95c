"""The cycle collector is paused while the app loads, then kept off the frozen startup heap."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import gc
import components.startup as startup
paused = gc.isenabled()
kept = [object() for _ in range(1000)]
startup.settle()
frozen = gc.get_freeze_count()
later = [[] for _ in range(1000)]
startup.settle()
print(paused, gc.isenabled(), frozen > 1000, gc.get_freeze_count() == frozen)
"""


def test_first_settle_freezes_the_heap_once_and_turns_collection_back_on():
    # A fresh interpreter: the test process has long since imported the module.
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.split() == ["False", "True", "True", "True"]
