"""A page's view in its link: how each view setting (a chart's colouring, a toggle, "split by",
a panel shown as a table, the marks picked on a chart) is read from a URL and written back.

Pure, no Streamlit: `components/url_widgets.py` ties each widget to its parameter where the page
draws it, through these functions. A value is kept only if it is exactly one of the allowed
codes (`link_values.read_choice`: compared as is, ASCII codes, length capped), so nothing from a
link is ever evaluated or unpickled; everything else is reported as ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kpop_explorer.links import link_values

MAX_VALUES = 50  # a list in a link is cut after this many values, as the filters' lists are
ON, OFF = "1", "0"  # a switch in a link


@dataclass(frozen=True)
class ViewParam:
    """One view setting as a link parameter: its allowed values and its default (left out).

    `multi`: a list (the ids picked on a chart), written as the parameter repeated.
    `flag`: a switch, True or False, written as 1 or 0.
    """

    name: str
    allowed: tuple[str, ...] = ()
    default: object = None
    multi: bool = False
    flag: bool = False

    def read(self, values: Sequence[str]) -> tuple[object, list[tuple[str, str]]]:
        """The value a link's `values` of this parameter give, and the (name, value) ignored.

        A single value repeated: the last valid one decides. A list: valid values in order,
        without repeats, at most `MAX_VALUES`. No valid value: the default.
        """
        raw = [str(v) for v in values]
        ignored = [(self.name, v) for v in raw[MAX_VALUES:]]
        raw = raw[:MAX_VALUES]
        allowed = (ON, OFF) if self.flag else self.allowed
        valid = [v for v in raw if link_values.read_choice(v, allowed) is not None]
        ignored += [(self.name, v) for v in raw if v not in valid]
        if self.multi:
            return (list(dict.fromkeys(valid)) if valid else _copy(self.default)), ignored
        if not valid:
            return self.default, ignored
        return (valid[-1] == ON if self.flag else valid[-1]), ignored

    def write(self, value: object) -> list[str]:
        """The link's values for `value`: none for the default or a value not allowed."""
        if self.multi:
            allowed = set(self.allowed)
            kept = [str(v) for v in (value or ()) if str(v) in allowed]
            return [] if kept == list(self.default or ()) else kept
        if self.flag:
            value = bool(value)
            return [] if value == bool(self.default) else [ON if value else OFF]
        if value == self.default or value not in self.allowed:
            return []
        return [str(value)]

    def kept(self, value: object) -> object:
        """`value` with what is not allowed (any more, e.g. after a filter change) left out."""
        if self.multi:
            allowed = set(self.allowed)
            return [v for v in (value or ()) if v in allowed]
        if self.flag:
            return bool(value)
        return value if value in self.allowed else self.default


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list | tuple) else value
