"""Links to a view: the address of the page with the URL parameters of what is on screen,
and how the parameters that are not filters (language, presenter mode, story step) are read."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit, urlunsplit

from kpop_explorer.links.link_values import read_positive


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


# The link parameters that are not filters: the language, presenter mode and its story step.
LANG_KEY = "lang"
PRESENT_KEY = "present"
STEP_KEY = "step"  # 1-based in the link, 0-based in the session
DEFAULT_LANGUAGE = "en"  # left out of links
PRESENT_ON = ("1", "true", "yes")
PRESENT_OFF = ("0", "false", "no")


def read_language(values: Sequence[str], languages: Sequence[str]) -> tuple[str, list[str]]:
    """The language a link asks for (the last valid `lang`, else English) and the values ignored."""
    valid = [value for value in values if value in languages]
    ignored = [value for value in values if value not in languages]
    return (valid[-1] if valid else DEFAULT_LANGUAGE), ignored


def read_presenting(values: Sequence[str]) -> tuple[bool, list[str]]:
    """Whether a link opens presenter mode (the last `present` decides) and the values ignored."""
    known = [value for value in values if value.strip().lower() in PRESENT_ON + PRESENT_OFF]
    ignored = [value for value in values if value not in known]
    return bool(known) and known[-1].strip().lower() in PRESENT_ON, ignored


def read_step(values: Sequence[str]) -> tuple[int, list[str]]:
    """The 0-based story step of a link's 1-based `step` (the first step if none is valid)."""

    def step(text: str) -> int | None:
        position = read_positive(text.strip())  # ASCII digits only, 1 to 999
        return None if position is None else position - 1

    valid = [s for s in map(step, values) if s is not None]
    ignored = [value for value in values if step(value) is None]
    return (valid[-1] if valid else 0), ignored


def language_param(lang: str) -> dict[str, list[str]]:
    """The `lang` parameter of a link in `lang`: none for English, the default."""
    return {} if lang == DEFAULT_LANGUAGE else {LANG_KEY: [lang]}


def presenter_params(step: int) -> dict[str, list[str]]:
    """The link of presenter mode at the 0-based `step` of its story."""
    return {PRESENT_KEY: ["1"], STEP_KEY: [str(step + 1)]}
