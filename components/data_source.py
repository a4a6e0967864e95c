"""Where the data comes from, said on screen: the database (never its credentials), when it was
read, and a "stale since ..." notice while it cannot be reached
(kpop_explorer/datasets/database.py)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st
from babel.dates import format_timedelta

from components import cached
from kpop_explorer.datasets import database
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain

_ICONS = {"info": ":material/database:", "warning": ":material/cloud_off:",
          "error": ":material/cloud_off:"}  # fmt: skip


def lede(t: Translator, folder: str) -> str:
    """The Data page's opening sentence: the folder, or the database and its refresh period."""
    source = cached.database_source()
    if source is None:
        return t("page.data.lede", folder=plain(folder))
    return t("page.data.lede_database", where=plain(source.where()), period=period(t, source.ttl))


def period(t: Translator, seconds: float) -> str:
    """A time to live in words, in the viewer's language: "10 minutes", "10 minutes", "10분"."""
    return format_timedelta(timedelta(seconds=seconds), locale=t.locale)


def freshness(t: Translator) -> None:
    """When the database was read, or that it never was; nothing for files. While the data is
    stale, the frame's banner above the page says so (`stale_banner`)."""
    refresher = cached.refresher()
    if refresher is None:
        return
    level, message = database.freshness(refresher)
    if level == "info":
        st.caption(message.text(t, plain))
    elif level == "error":
        st.error(message.text(t, plain), icon=_ICONS[level])


def stale_banner(t: Translator) -> None:
    """Above every page while the database cannot be reached: the data shown is not fresh."""
    refresher = cached.refresher()
    if refresher is not None and refresher.stale_since is not None:
        level, message = database.freshness(refresher)
        if level == "warning":
            st.warning(message.text(t, plain), icon=_ICONS[level])
