"""The explorer's pages: which file draws each one, at which URL path, under which title.

One list for the frame, the tests and the benchmarks. The rule: a page file's name is its URL
path (`pages/live-events.py` serves `/live-events`; the default page, at `/`, is named after its
key). Streamlit 1.67 serves a fresh server's first session in its old folder mode, which runs
the page file named like the requested path on its own; with any other name it shows a "Page
not found" dialog. Each page file ends with `run_page(render)`, which then starts the frame
around it (components/frame.py). Checked by tests/test_site.py and
tests/browser/test_fresh_server.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGES_FOLDER = "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str  # the page's name in code, translations (`page.<key>`) and tests
    url_path: str  # what links in the wild use: never change one
    icon: str

    @property
    def file(self) -> str:
        return f"{self.url_path or self.key}.py"

    @property
    def script(self) -> str:
        return f"{PAGES_FOLDER}/{self.file}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "", ":material/dashboard:"),
    PageSpec("digital", "digital", ":material/smartphone:"),
    PageSpec("live_events", "live-events", ":material/stadium:"),
    PageSpec("education", "education", ":material/school:"),
    PageSpec("history", "history", ":material/history:"),
    PageSpec("initiatives", "initiatives", ":material/list_alt:"),
    PageSpec("data", "data", ":material/table_view:"),
)
PRESENT = PageSpec("present", "present", ":material/slideshow:")
URL_PATHS: tuple[str, ...] = tuple(p.url_path for p in PAGES)


def page(key: str) -> PageSpec:
    return next(p for p in (*PAGES, PRESENT) if p.key == key)


NOT_FOUND_KEY = "not_found"  # the page at an address the app has no page for (`page.not_found`)
_STRAY = re.compile(r"[A-Za-z0-9_.~-]{1,80}")  # what may serve as a page's url_path


def stray_path(requested: str | None) -> str | None:
    """An address that names no page, as a url_path to serve "no such page" at; None for the
    app's own pages, the root, and addresses that cannot be a url_path (nested or odd)."""
    name = (requested or "").strip("/")
    if not name or name in URL_PATHS or name == PRESENT.url_path:
        return None
    return name if _STRAY.fullmatch(name) else None


def meant(requested: str) -> PageSpec | None:
    """The page an address most likely meant: the same path in other case or with "_" for
    "-" (`/DIGITAL`, `/Live_Events`), or a page's key (`/overview`)."""
    name = requested.strip("/").casefold().replace("_", "-")
    if not name:
        return None
    for spec in PAGES:
        if name in (spec.url_path, spec.key.replace("_", "-")):
            return spec
    return None
