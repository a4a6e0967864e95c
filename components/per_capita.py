"""The "per million inhabitants" switch of a country ranking or map.

The division itself is `geo.per_million` (pure, tested); this draws the switch and says where
the populations come from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import url_widgets
from kpop_explorer import geo
from kpop_explorer.i18n import Translator
from kpop_explorer.view_params import ViewParam


@dataclass(frozen=True)
class Scale:
    """Absolute counts, or counts per million inhabitants."""

    per_million: bool
    t: Translator

    def apply(self, table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        return geo.per_million(table, columns) if self.per_million else table

    def label(self, measure: str) -> str:
        return self.t("per_capita.label", measure=measure) if self.per_million else measure

    @property
    def digits(self) -> int:
        """Per-million figures are often below one: they keep two decimals."""
        return 2 if self.per_million else 0

    @property
    def subtitle_note(self) -> str:
        """Said after a chart's subtitle when populations are used: where they come from."""
        if not self.per_million:
            return ""
        return " " + self.t("per_capita.source", source=geo.POPULATION_SOURCE)


PARAM = ViewParam("per_capita", flag=True, default=False)  # `?per_capita=1`, on the page drawing it


def switch(t: Translator, key: str) -> Scale:
    on = url_widgets.widget(st.toggle, PARAM, t("per_capita.toggle"), key=key,
                            help=t("per_capita.help"))  # fmt: skip
    return Scale(per_million=on, t=t)
