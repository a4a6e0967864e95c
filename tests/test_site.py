"""The page files and the URL paths they serve: a fresh server's first visitor gets the frame."""

from __future__ import annotations

import ast
import re

from kpop_explorer.links import site
from tests.conftest import REPO

PAGE_FILES = sorted(p for p in (REPO / "pages").glob("*.py") if p.name != "__init__.py")


def folder_mode_path(file_name: str) -> str:
    """The URL path Streamlit's old folder mode serves a page file at (source_util's rule)."""
    stem = re.fullmatch(r"([0-9]*)[_ -]*(.*)\.py", file_name).group(2)
    return re.sub(r"[_ ]+", "_", stem).strip()


def test_the_top_level_holds_the_layout_the_project_asked_for():
    for name in ("app.py", "requirements.txt", "pages", "data", "components", "tests"):
        assert (REPO / name).exists(), name
    assert not (REPO / "views").exists()
    assert site.PAGES_FOLDER == "pages"


def test_every_page_file_is_named_as_its_url_path():
    """Folder mode finds a first visit's page by file name; any other name shows a dialog."""
    served = {p.url_path or p.key for p in (*site.PAGES, site.PRESENT)}
    for path in PAGE_FILES:
        assert folder_mode_path(path.name) in served, path.name
    for spec in (*site.PAGES, site.PRESENT):
        assert folder_mode_path(spec.file) == (spec.url_path or spec.key)


def test_the_check_catches_a_file_named_unlike_its_path():
    assert folder_mode_path("live_events.py") == "live_events"
    assert folder_mode_path("3_digital.py") == "digital"
    assert folder_mode_path("live-events.py") == "live-events"


def test_every_page_file_exists_and_every_file_is_a_page():
    listed = {p.file for p in (*site.PAGES, site.PRESENT)}
    assert listed == {p.name for p in PAGE_FILES}


def test_every_page_file_is_a_render_function_and_one_run_page_line():
    for path in PAGE_FILES:
        module = ast.parse(path.read_text(encoding="utf-8"))
        functions = {n.name: n for n in module.body if isinstance(n, ast.FunctionDef)}
        assert "render" in functions, path.name
        assert [a.arg for a in functions["render"].args.args] == ["ctx"], path.name
        last = module.body[-1]
        assert ast.unparse(last) == "run_page(render)", path.name
        # Nothing else runs when the file is executed: imports, constants, functions only.
        for node in module.body[:-1]:
            assert isinstance(
                node, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.Assign | ast.Expr
            ), (path.name, ast.unparse(node)[:60])
            if isinstance(node, ast.Expr):  # only the docstring
                assert isinstance(node.value, ast.Constant), path.name


def test_url_paths_are_the_ones_links_in_the_wild_use():
    assert site.URL_PATHS == (
        "",
        "digital",
        "live-events",
        "education",
        "history",
        "initiatives",
        "data",
    )
    assert site.PRESENT.url_path == "present"
