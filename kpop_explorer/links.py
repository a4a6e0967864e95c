"""Links to a view: the address of the page with the URL parameters of what is on screen."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit


def app_base(current_url: str, page_paths: tuple[str, ...]) -> str:
    """The app's root address, from the address of any of its pages."""
    parts = urlsplit(current_url)
    path = parts.path.rstrip("/")
    for page in sorted((p for p in page_paths if p), key=len, reverse=True):
        if path.endswith("/" + page):
            path = path[: -len(page) - 1]
            break
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def view_link(base: str, page_path: str, params: dict[str, list[str]]) -> str:
    query = urlencode(params, doseq=True)
    address = base.rstrip("/") + "/" + page_path
    return address + ("?" + query if query else "")
