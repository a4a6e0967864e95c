"""The page files and the URL paths they serve: a fresh server's first visitor gets the frame."""

from __future__ import annotations

import re

from kpop_explorer import site
from tests.conftest import REPO


def legacy_names(file_name: str) -> set[str]:
    """Every URL path Streamlit's old folder mode could derive from a page file's name."""
    stem = re.sub(r"^[0-9]+[_ -]*", "", file_name.removesuffix(".py"))
    forms = {stem, stem.replace("_", "-"), stem.replace("-", "_"), stem.replace("_", " ")}
    return {f.lower() for f in forms}


def test_there_is_no_pages_folder_beside_the_frame():
    """Its mere presence puts a fresh server's first session in Streamlit's old folder mode."""
    assert site.PAGES_FOLDER != "pages"
    assert not (REPO / "pages").exists()


def test_no_page_file_is_named_like_a_url_path():
    url_paths = {p.url_path.lower() for p in (*site.PAGES, site.PRESENT)}
    for path in (REPO / site.PAGES_FOLDER).glob("*.py"):
        assert not legacy_names(path.name) & url_paths, path.name


def test_the_check_catches_a_file_named_like_its_path():
    assert "live-events" in legacy_names("live_events.py")
    assert "digital" in legacy_names("3_digital.py")


def test_every_page_file_exists_and_every_file_is_a_page():
    listed = {p.file for p in (*site.PAGES, site.PRESENT)}
    on_disk = {p.name for p in (REPO / site.PAGES_FOLDER).glob("*.py")}
    assert listed == on_disk


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
