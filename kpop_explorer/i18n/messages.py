"""Messages for people stored as a key and its values, and put into words only when shown.

Row problems, upload notes and refusals are kept as `Message`s, never as English text: each is
read in the viewer's language from `locales/*.json` when it is shown, and a key missing from a
catalogue is found by a test instead of staying English by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kpop_explorer.i18n import Translator

_ENGLISH = Translator("en")


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, eq=False)
class Message:
    """A message key and the values it names.

    A value may itself be a `Message` or `Joined` (a phrase translated in turn). `str()` gives
    the English text, and a message equals that text, so `"Left out 1 blank row(s)." in notes`
    holds. `text(t, escape)` gives it in the viewer's language; `escape` is applied to every text
    value (names and values from a file) but not to the message around them.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, t: Translator, escape: Callable[[str], str] = _same) -> str:
        return t(self.key, **shown_params(self.params, t, escape))

    def __str__(self) -> str:
        return self.text(_ENGLISH)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.key, dict(self.params)) == (other.key, dict(other.params))
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))  # equal messages, and a message and its English text, hash alike


@dataclass(frozen=True)
class Joined:
    """Phrases shown one after the other, with the separator message `separator` between them."""

    separator: str  # a message key: the separator differs by language ("; " is " ; " in French)
    items: tuple[Message, ...]

    def text(self, t: Translator, escape: Callable[[str], str] = _same) -> str:
        return t(self.separator).join(item.text(t, escape) for item in self.items)

    def __str__(self) -> str:
        return self.text(_ENGLISH)


def shown_params(
    params: Mapping[str, object], t: Translator, escape: Callable[[str], str] = _same
) -> dict[str, object]:
    """The values of a message as shown in `t`'s language.

    Messages and joined phrases are translated, a float (a size in MB) gets one decimal and an
    int its thousands separators in the locale's format, and texts go through `escape` (for
    instance Markdown escaping).
    """
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Message | Joined):
            shown[name] = value.text(t, escape)
        elif isinstance(value, float):
            shown[name] = t.number(value, 1)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            shown[name] = t.number(value)
        elif isinstance(value, str):
            shown[name] = escape(value)
        else:
            shown[name] = value
    return shown
