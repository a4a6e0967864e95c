"""The core's layering: no module of `kpop_explorer` pulls in Streamlit or the app's Streamlit
layers (`components`, `pages`), so all of it runs and is tested without a server."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import kpop_explorer

REPO = Path(__file__).resolve().parent.parent
# The modules imported in a fresh interpreter; prints the top-level packages that got loaded.
PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""
UPPER = {"streamlit", "components", "pages", "app"}


def core_modules() -> list[str]:
    walked = pkgutil.walk_packages(kpop_explorer.__path__, "kpop_explorer.")
    return ["kpop_explorer", *sorted(m.name for m in walked)]


def loaded_by(modules: list[str]) -> set[str]:
    run = [sys.executable, "-c", PROBE, *modules]
    done = subprocess.run(run, cwd=REPO, check=True, capture_output=True, text=True)
    return set(json.loads(done.stdout))


def test_the_walk_finds_every_package_and_module() -> None:
    files = {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO / "kpop_explorer").rglob("*.py")
    }
    assert set(core_modules()) == files
    assert {"kpop_explorer.measures.engine", "kpop_explorer.uploads.table"} <= files


def test_the_probe_sees_an_upper_layer_import() -> None:
    assert "streamlit" in loaded_by(["kpop_explorer.links.site", "components.selection"])


def test_no_core_module_imports_streamlit_or_the_app() -> None:
    assert UPPER & loaded_by(core_modules()) == set()
