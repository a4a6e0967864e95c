"""Mutation testing of the pure core with mutmut: which deliberate bugs do the tests let through?

Each module is mutated on its own, against only the test files that cover it, in a scratch copy
of the working tree under `.mutmut/<module>/`. mutmut keeps its verdicts there, so a second run
re-tests only the functions that changed; it would also keep a survivor's verdict after a new
test, so any change to the module's tests starts that module afresh. The score is the share
of mutants killed (a failing test or a timeout); a survivor is a change no test noticed.

    ./dev mutate                    every module below
    ./dev mutate links/filters links/links       some of them (paths under kpop_explorer/)
    ./dev mutate --show links/filters            also print the diff of every surviving mutant
    ./dev mutate --survivors measures/engine     after adding tests: re-test only the survivors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRATCH = REPO / ".mutmut"
CORE = "kpop_explorer"

MEASURES_TESTS = [
    "tests/test_measures.py",
    "tests/test_table_reference.py",
    "tests/test_catalogue_pinned.py",
]
# Module (its path under kpop_explorer/, without .py; a package for its __init__) -> the test
# files that exercise it. Browser tests never run here.
MODULES = {
    "links/filters": [
        "tests/test_filters.py",
        "tests/test_filter_cases.py",
        "tests/test_filter_registry.py",
    ],
    "formats/precision": ["tests/test_precision.py"],
    "links/links": ["tests/test_links.py"],
    "formats/tables": ["tests/test_tables.py"],
    "i18n": ["tests/test_i18n.py", "tests/test_formats.py"],
    "datasets/codes": ["tests/test_codes.py"],
    "charts/picks": ["tests/test_selection.py"],
    "measures/aggregates": ["tests/test_aggregates.py"],
    "measures/catalogue": MEASURES_TESTS,
    "measures/engine": MEASURES_TESTS,
    "measures/scorecards": MEASURES_TESTS,
    "measures/page_tables": MEASURES_TESTS,
    "views/headlines": ["tests/test_headlines.py", "tests/test_measures.py"],
    "measures/projection": ["tests/test_projection.py"],
    "views/reality": ["tests/test_reality.py", "tests/test_history.py"],
    "datasets/validation": [
        "tests/test_validation.py",
        "tests/test_schemas.py",
        "tests/test_row_reasons.py",
        "tests/test_uploads.py",
    ],
    "exports/spreadsheets": ["tests/test_exports.py"],
}
KILLED = ("killed", "timeout")


def sync(target: Path) -> None:
    """Copy the working tree's files (tracked or new, not ignored) that changed since last time."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, listed):
        source, copy = REPO / name, target / name
        if not source.is_file():
            continue
        if copy.exists() and copy.stat().st_mtime == source.stat().st_mtime:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)


def reset_if_tests_changed(target: Path, tests: list[str], keep: bool = False) -> bool:
    """mutmut re-tests a mutant when its function changes, not when the tests do. `keep` keeps
    the verdicts anyway (for `--survivors`); True when the tests changed."""
    digest = hashlib.sha256()
    for name in [*tests, "tests/conftest.py"]:
        digest.update((REPO / name).read_bytes())
    stamp = target / "tests.sha256"
    changed = not stamp.exists() or stamp.read_text() != digest.hexdigest()
    if changed and not keep:
        shutil.rmtree(target / "mutants", ignore_errors=True)
    stamp.write_text(digest.hexdigest())
    return changed


def survivors_of(target: Path) -> list[str]:
    """The mutants the last run in `target` left alive, or found no test for."""
    if not (target / "mutants").exists():
        return []
    results = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"], cwd=target, capture_output=True, text=True
    ).stdout
    alive = (": survived", ": no tests")
    return [line.split(":")[0].strip() for line in results.splitlines() if line.endswith(alive)]


def configure(target: Path, module: str, tests: list[str]) -> None:
    """mutmut reads its settings from setup.cfg when pyproject.toml has no [tool.mutmut]."""
    also_copy = sorted(p.name for p in target.iterdir() if p.name not in (CORE, "mutants", ".git"))
    lines = [
        "[mutmut]",
        f"source_paths={CORE}",
        f"only_mutate={source(module)}",
        "pytest_add_cli_args=-m\n\tnot browser\n\t-p\n\tno:cacheprovider",
        "pytest_add_cli_args_test_selection=" + "\n\t".join(tests),
        "also_copy=" + "\n\t".join(also_copy),
    ]
    (target / "setup.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")


def source(module: str) -> str:
    """The file `module` names, from the repository: `links/filters`, or a package (`i18n`)."""
    path = f"{CORE}/{module}.py"
    return path if (REPO / path).exists() else f"{CORE}/{module}/__init__.py"


def mutate(
    module: str, jobs: int, show: bool, only_survivors: bool = False
) -> dict[str, int] | None:
    tests = [t for t in MODULES[module] if (REPO / t).exists()]
    if not (REPO / source(module)).exists() or not tests:
        print(f"{module}: skipped (module or its tests not in this tree)")
        return None
    target = SCRATCH / module
    target.mkdir(parents=True, exist_ok=True)
    # A test added kills mutants, never revives one: a killed verdict can stay (`--survivors`).
    again = survivors_of(target) if only_survivors else []
    sync(target)
    reset_if_tests_changed(target, tests, keep=only_survivors)
    configure(target, module, tests)
    mutmut = [sys.executable, "-m", "mutmut"]
    runs = [[]] + ([again] if again else [])  # new or changed mutants, then the survivors
    with open(target / "mutmut.log", "w", encoding="utf-8") as log:
        for names in runs:
            run = subprocess.run(
                [*mutmut, "run", "--max-children", str(jobs), *names],
                cwd=target, stdout=log, stderr=log,
            )  # fmt: skip
            if run.returncode != 0:
                break
    if run.returncode != 0:
        print(f"{module}: mutmut failed, see {target / 'mutmut.log'}")
        return None
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=target, check=True, capture_output=True)
    stats = json.loads((target / "mutants" / "mutmut-cicd-stats.json").read_text())
    results = subprocess.run(
        [*mutmut, "results"], cwd=target, check=True, capture_output=True, text=True
    ).stdout
    survivors = [
        line.split(":")[0].strip() for line in results.splitlines() if line.endswith(": survived")
    ]
    killed = sum(stats[k] for k in KILLED)
    print(f"{module}: {killed}/{stats['total']} killed ({score(killed, stats['total'])})")
    for name in survivors:
        print(f"  survived: {name}")
        if show:
            shown = subprocess.run(
                [*mutmut, "show", name], cwd=target, capture_output=True, text=True
            ).stdout
            print("\n".join("    " + line for line in shown.splitlines()))
    if survivors and not show:
        print(f"  see one: (cd {target.relative_to(REPO)} && mutmut show NAME)")
    return {"killed": killed, "total": stats["total"]}


def score(killed: int, total: int) -> str:
    return f"{100 * killed / total:.0f}%" if total else "no mutants"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument(
        "--survivors", action="store_true",
        help="after adding tests: keep the killed verdicts and re-test only the survivors",
    )  # fmt: skip
    args = parser.parse_args()
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    scores = {m: mutate(m, args.jobs, args.show, args.survivors) for m in args.modules or MODULES}
    print("\n| Module | Killed | Score |\n| --- | --- | --- |")
    for module, result in scores.items():
        if result:
            killed, total = result["killed"], result["total"]
            print(f"| `{module}.py` | {killed}/{total} | {score(killed, total)} |")


if __name__ == "__main__":
    main()
