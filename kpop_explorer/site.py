"""The explorer's pages: which file draws each one, at which URL path, under which title.

One list for the frame, the tests and the benchmarks. Page files live in `views/`, and there
must be no `pages/` folder beside `app.py`: Streamlit 1.67 checks for one when its first session
starts and, if it exists, runs that session's first script in its old folder mode. A page file
named like the requested URL path is then served without the frame, its filters or its
language; any other name gets a "Page not found" dialog over the right page. Named files and
the dialog are both checked by tests (tests/test_site.py, tests/browser/test_fresh_server.py).
"""

from __future__ import annotations

from dataclasses import dataclass

PAGES_FOLDER = "views"  # not "pages": see above


@dataclass(frozen=True)
class PageSpec:
    key: str  # the page's name in code, translations (`page.<key>`) and tests
    file: str  # under PAGES_FOLDER
    url_path: str  # what links in the wild use: never change one
    icon: str

    @property
    def script(self) -> str:
        return f"{PAGES_FOLDER}/{self.file}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "overview_dashboard.py", "", ":material/dashboard:"),
    PageSpec("digital", "digital_expansion.py", "digital", ":material/smartphone:"),
    PageSpec("live_events", "live_event_plans.py", "live-events", ":material/stadium:"),
    PageSpec("education", "education_programmes.py", "education", ":material/school:"),
    PageSpec("history", "real_history.py", "history", ":material/history:"),
    PageSpec("initiatives", "initiative_portfolio.py", "initiatives", ":material/list_alt:"),
    PageSpec("data", "data_and_sources.py", "data", ":material/table_view:"),
)
PRESENT = PageSpec("present", "presenter_story.py", "present", ":material/slideshow:")
URL_PATHS: tuple[str, ...] = tuple(p.url_path for p in PAGES)


def page(key: str) -> PageSpec:
    return next(p for p in (*PAGES, PRESENT) if p.key == key)
