"""Text from data, files or links made safe to show through Streamlit's Markdown."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^@\"'])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]\s*")
_BREAK_POINTS = re.compile(r"(?<=\\[:@])|(?<=\b[Ww]{3})(?=\\\.)")
WORD_JOINER = "\u2060"  # invisible, and breaks no line


def file_stem(title: str, fallback: str) -> str:
    """A download's file name from its title: words joined by '-', at most 60 characters."""
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-")[:60] or fallback


def plain(value: object) -> str:
    """`value` as literal text wherever Streamlit renders Markdown (headings, captions, alerts,
    badges, titles): the one escape function of the app.

    Every Markdown, HTML and Streamlit-directive character is backslash-escaped, line breaks
    become spaces and the ends are trimmed (a line starting with a tab or four spaces would be
    a code block). Streamlit finds `:material/x:` icons, and GFM finds `www.` and e-mail links,
    in the text after escapes are undone, so an invisible word joiner follows each `:` and `@`
    and splits `www.`.
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)).strip())
    return _BREAK_POINTS.sub(WORD_JOINER, text)


def chart_text(value: object) -> str:
    """`value` as literal text in a Plotly label, hover or title, and so in its PNG and SVG.

    Plotly reads a small HTML (`<b>`, `<br>`, `<a href>`) and decodes `&amp;`, `&lt;`, `&gt;` and
    numeric entities, but not `&quot;`: quotes are left as they are (they are only special
    inside a tag, and no tag can open once `<` is escaped), so a name with quotes shows its
    quotes and no text becomes a link.
    """
    return html.escape(str(value), quote=False)
