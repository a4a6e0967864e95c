"""Every file path the README and docs/ name exists, so "where to look" never points nowhere."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Folders that runs write (test-artifacts/, bench/results/) are ignored by git and may or may not
# be here, so only the committed top folders are looked in.
IGNORED = {line.strip().strip("/") for line in (REPO / ".gitignore").read_text().splitlines()}
TOP = sorted(
    p.name for p in REPO.iterdir() if p.is_dir() and p.name[0].isalpha() and p.name not in IGNORED
)
# A path from a top folder, as the docs write it: `kpop_explorer/links/site.py`, a module's name
# (`components/facets.control`: a name in components/facets.py) or a glob (`data/reference_*.csv`).
NAMED = re.compile(rf"\b(?:{'|'.join(TOP)})/[\w./*-]*\w")
WRITTEN_BY_RUNS = {"bench/results/latest.md"}  # the benchmark's report, not committed


def named_paths(text: str) -> set[str]:
    return {m.group(0) for m in NAMED.finditer(text)}


def found(path: str) -> bool:
    """A file, folder or glob of the repository, or a name in a module (`module.name`)."""
    if "*" in path:
        return any(REPO.glob(path))
    module = path.rsplit(".", 1)[0] + ".py"
    return (REPO / path).exists() or (REPO / module).is_file() or path in WRITTEN_BY_RUNS


def test_named_paths_are_read_from_text() -> None:
    text = "see `kpop_explorer/links/site.py`, tests/browser/ and data/reference_*.csv (more)."
    named = {"kpop_explorer/links/site.py", "tests/browser", "data/reference_*.csv"}
    assert named_paths(text) == named
    assert all(found(path) for path in named)
    assert found("components/facets.control")
    assert not found("kpop_explorer/facets.COLUMNS")  # the module moved to links/
    assert not found("kpop_explorer/measures.py")
    assert not found("data/nothing_*.csv")


def test_every_path_in_the_readme_and_docs_exists() -> None:
    documents = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    missing = {
        f"{doc.name}: {path}"
        for doc in documents
        for path in named_paths(doc.read_text(encoding="utf-8"))
        if not found(path)
    }
    assert not missing, sorted(missing)
