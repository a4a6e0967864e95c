"""The presenter's guided story: a sequence of views, each with its filters, read from a file.

A story is JSON so a presenter can write their own (see `stories/default.json`): a title and a
list of steps, each naming a view, a title per language and the URL parameters of its filters.
Steps are checked like a link is: unknown values are dropped and reported, never fatal.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from kpop_explorer.datasets.validation import DataError
from kpop_explorer.i18n.messages import Message
from kpop_explorer.links.filters import FilterOptions, FilterState

STORY_ENV = "KPOP_STORY"
DEFAULT_STORY = Path(__file__).resolve().parents[2] / "stories" / "default.json"
VIEWS = ("overview", "digital", "live-events", "education", "history")
MAX_STEPS = 40


class StoryError(DataError):
    """The story file cannot be used; the message (`story_error.*`) says what to fix."""


@dataclass(frozen=True)
class Step:
    view: str
    titles: dict[str, str]
    params: dict[str, list[str]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or next(iter(self.titles.values()))

    def state(self, options: FilterOptions) -> tuple[FilterState, list[tuple[str, str]]]:
        return FilterState.from_query_params(self.params, options)


@dataclass(frozen=True)
class Story:
    titles: dict[str, str]
    steps: tuple[Step, ...]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en", "")


def story_path() -> Path:
    return Path(os.environ.get(STORY_ENV) or DEFAULT_STORY)


def _titles(value: object, where: Message) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    raise StoryError("story_error.title", where=where)


def parse_story(text: str) -> Story:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoryError("story_error.not_json", line=exc.lineno, detail=exc.msg) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("steps"), list) or not raw["steps"]:
        raise StoryError("story_error.no_steps")
    steps = []
    for number, item in enumerate(raw["steps"][:MAX_STEPS], start=1):
        where = Message("story_error.step", {"n": number})
        if not isinstance(item, dict) or item.get("view") not in VIEWS:
            raise StoryError("story_error.view", where=where, views=", ".join(VIEWS))
        params = item.get("params", {})
        if not isinstance(params, dict):
            raise StoryError("story_error.params", where=where)
        clean = {
            str(key): [str(v) for v in (values if isinstance(values, list) else [values])]
            for key, values in params.items()
        }
        steps.append(Step(view=item["view"], titles=_titles(item.get("title"), where),
                          params=clean))  # fmt: skip
    return Story(
        titles=_titles(raw.get("title", "Story"), Message("story_error.story")), steps=tuple(steps)
    )


def load_story(path: Path | None = None) -> Story:
    path = path or story_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoryError("story_error.unreadable", file=path.name) from exc
    return parse_story(text)
