"""The "per million inhabitants" switch of a country ranking or map.

What it does to a table, a label and a subtitle is `geo.Scale` (pure, tested); this draws the
switch and keeps it in the link.
"""

from __future__ import annotations

import streamlit as st

from components import url_widgets
from kpop_explorer.datasets.geo import Scale
from kpop_explorer.i18n import Translator
from kpop_explorer.links.view_params import ViewParam

PARAM = ViewParam("per_capita", flag=True, default=False)  # `?per_capita=1`, on the page drawing it


def switch(t: Translator, key: str) -> Scale:
    on = url_widgets.widget(st.toggle, PARAM, t("per_capita.toggle"), key=key,
                            help=t("per_capita.help"))  # fmt: skip
    return Scale(per_million=on, t=t)
