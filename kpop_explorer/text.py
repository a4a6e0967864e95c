"""Text from data, files or links made safe to show through Streamlit's Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(value: object) -> str:
    """`value` as literal text: Markdown and HTML characters are escaped, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
