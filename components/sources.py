"""The web addresses a chart's real data comes from, as links a reader can follow."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import streamlit as st

from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain

_URL_SAFE = ":/?#@!$&'*+,;=%~-._"  # brackets and parentheses are encoded: they end a Markdown link


def link_markdown(url: str) -> str:
    """`[host/path](url)` with the text escaped and the address encoded, so a crafted address
    can neither end the link early nor inject Markdown; only http(s) addresses are linked."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return plain(url[:70])
    label = plain((parts.netloc + parts.path).rstrip("/")[:70])
    return f"[{label}]({quote(url, safe=_URL_SAFE)})"


def source_links(t: Translator, urls: tuple[str, ...], key: str) -> None:
    """The addresses behind an expander, made and sent only once it is opened (a map's list
    runs to a hundred links); opening it reruns the panel around it."""
    expander = st.expander(
        t("chart.sources", n=t.number(len(urls))), key=key, on_change="rerun",
        icon=":material/link:",
    )  # fmt: skip
    if expander.open:
        expander.markdown("\n".join(f"- {link_markdown(url)}" for url in urls))
