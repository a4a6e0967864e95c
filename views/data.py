"""Data & sources: every dataset, its provenance, its data dictionary and a download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context
from kpop_explorer.i18n import Translator
from kpop_explorer.loading import data_dir
from kpop_explorer.schemas import Schema
from kpop_explorer.text import plain


def dictionary(schema: Schema, t: Translator) -> pd.DataFrame:
    """The schema as a table a person reads: one row per column."""
    rows = []
    for column in schema.columns:
        rules = []
        if column.allowed and len(column.allowed) <= 12:
            rules.append(t("data.rule.allowed", values=", ".join(column.allowed)))
        elif column.allowed:
            rules.append(t("data.rule.allowed_many", n=len(column.allowed)))
        if column.min is not None:
            rules.append(t("data.rule.min", value=f"{column.min:g}"))
        if column.max is not None:
            rules.append(t("data.rule.max", value=f"{column.max:g}"))
        if column.unique:
            rules.append(t("data.rule.unique"))
        if column.references:
            rules.append(t("data.rule.references", target=column.references))
        rows.append(
            {
                t("data.dict.column"): column.name,
                t("data.dict.type"): t(f"data.kind.{column.kind}"),
                t("data.dict.required"): t("data.no") if column.nullable else t("data.yes"),
                t("data.dict.description"): column.description,
                t("data.dict.rules"): "; ".join(rules),
            }
        )
    return pd.DataFrame(rows)


ctx = context.current()
t = ctx.t
st.title(t("page.data"))
st.caption(t("page.data.lede", folder=str(data_dir().name)))

summary = pd.DataFrame(
    [
        {
            t("data.summary.dataset"): d.schema.title,
            t("data.summary.file"): d.schema.file,
            t("data.summary.kind"): t(f"data.provenance.{d.schema.provenance}"),
            t("data.summary.rows"): 0 if d.frame is None else len(d.frame),
            t("data.summary.state"): d.error
            or (
                t("data.state.skipped", n=d.rows_skipped) if d.rows_skipped else t("data.state.ok")
            ),
        }
        for d in ctx.data.values()
    ]
)
st.dataframe(summary, hide_index=True)

for name, dataset in ctx.data.items():
    schema = dataset.schema
    badge = ":orange-badge" if schema.provenance == "illustrative" else ":gray-badge"
    with st.expander(f"{schema.title} · {schema.file}", expanded=False):
        st.markdown(
            f"{badge}[{t(f'data.provenance.{schema.provenance}')}] {plain(schema.description)}"
        )
        st.caption(f"{t('chart.source')}: {plain(schema.source)}")
        if dataset.error:
            st.error(t("data.unreadable", reason=dataset.error))
        elif dataset.rows_skipped:
            st.warning(t("data.skipped_rows", n=dataset.rows_skipped))
            st.dataframe(dataset.problems.head(200), hide_index=True)
        st.markdown(f"**{t('data.dictionary')}**")
        st.dataframe(dictionary(schema, t), hide_index=True)
        path = data_dir() / schema.file
        if path.exists():
            st.download_button(
                t("data.download", file=schema.file),
                data=path.read_bytes(),
                file_name=schema.file,
                mime="text/csv",
                key=f"download_{name}",
                icon=":material/download:",
                on_click="ignore",
            )
