"""Data & sources: every dataset, its provenance, dictionary and download; and your own data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context, data_source, projection_view, share_menu
from components.frame import run_page
from components.upload import upload_panel
from kpop_explorer.datasets.dictionary import data_dictionary
from kpop_explorer.datasets.loading import LoadedDataset, data_dir
from kpop_explorer.exports.spreadsheets import to_csv_bytes
from kpop_explorer.formats.tables import failure_text, only_used_categories, problems_for_display
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain

REFERENCE_PREVIEW = 200


def state_text(dataset: LoadedDataset, t: Translator) -> str:
    if dataset.failure is not None:
        return failure_text(dataset.failure, t)
    if dataset.rows_skipped:
        return t("data.state.skipped", n=dataset.rows_skipped)
    return t("data.state.ok")


def reference_rows(dataset: LoadedDataset, t: Translator) -> None:
    """Real rows with a clickable first source, the full source list and the caveats."""
    frame = only_used_categories(dataset.frame.head(REFERENCE_PREVIEW))
    shown = frame.assign(source=frame["source_url"].str.split(" | ", regex=False).str[0])
    st.markdown(f"**{t('data.reference_rows')}**")
    st.dataframe(
        shown,
        hide_index=True,
        column_order=["source", *[c for c in frame.columns if c != "source_url"], "source_url"],
        column_config={
            "source": st.column_config.LinkColumn(t("data.first_source")),
            "source_url": st.column_config.TextColumn(t("data.all_sources")),
            "note": st.column_config.TextColumn(t("data.note"), width="large"),
        },
        height=360,
    )


def render(ctx: context.PageContext) -> None:
    t = ctx.t
    share_menu.heading(ctx, t("page.data"))
    st.caption(data_source.lede(t, data_dir().name))
    data_source.freshness(t)

    summary = pd.DataFrame(
        [
            {
                t("data.summary.dataset"): t(f"schema.{name}.title"),
                t("data.summary.file"): d.source_file or d.table or d.schema.file,
                t("data.summary.kind"): t("data.provenance.uploaded")
                if d.source_file
                else t(f"data.provenance.{d.schema.provenance}"),
                t("data.summary.rows"): 0 if d.frame is None else len(d.frame),
                t("data.summary.state"): state_text(d, t),
            }
            for name, d in ctx.data.items()
        ]
    )
    st.dataframe(summary, hide_index=True)
    ctx.briefing.tables.append((t("data.datasets"), lambda: summary))  # the briefing's sheet
    with st.expander(t("upload.title"), expanded=True, icon=":material/upload:"):
        upload_panel(ctx)

    st.header(t("data.datasets"))  # h2: the page has no headline between it and the h1
    name = st.selectbox(
        t("data.choose"), list(ctx.data), format_func=t.keyed("schema.{}.title"),
        key="data_dataset",
    )  # fmt: skip
    dataset = ctx.data[name]
    schema = dataset.schema
    kind = "uploaded" if dataset.source_file else schema.provenance
    badge = {"illustrative": ":orange-badge", "reference": ":gray-badge"}.get(kind, ":violet-badge")
    with st.container(border=True):
        st.markdown(
            f"**{t(f'schema.{name}.title')}** · "
            f"{plain(dataset.source_file or dataset.table or schema.file)}"
        )
        st.markdown(f"{badge}[{t(f'data.provenance.{kind}')}] "
                    f"{plain(t(f'schema.{name}.description'))}")  # fmt: skip
        st.caption(t("chart.source_line", source=plain(t(f"schema.{name}.source"))))
        if dataset.failure is not None:
            st.error(t("data.unreadable", reason=plain(failure_text(dataset.failure, t))))
        elif dataset.rows_skipped:
            st.warning(t("data.skipped_rows", n=dataset.rows_skipped))
            st.dataframe(problems_for_display(dataset.problems.head(200), t), hide_index=True)
        st.markdown(f"**{t('data.dictionary')}**")
        st.dataframe(data_dictionary(schema, t), hide_index=True)
        if schema.provenance == "reference" and dataset.frame is not None:
            reference_rows(dataset, t)
        path = data_dir() / schema.file
        if dataset.table is not None and dataset.frame is not None:  # the rows as read
            st.download_button(
                t("data.download_table", table=plain(dataset.table)),
                data=lambda: to_csv_bytes(dataset.frame),  # formulas neutralised
                file_name=f"{name}.csv",
                mime="text/csv",
                key=f"download_{name}",
                icon=":material/download:",
                on_click="ignore",
            )
        elif path.exists() and not dataset.source_file and dataset.table is None:
            st.download_button(
                t("data.download", file=schema.file),
                data=path.read_bytes,
                file_name=schema.file,
                mime="text/csv",
                key=f"download_{name}",
                icon=":material/download:",
                on_click="ignore",
            )

    projection_view.method_note(ctx)


run_page(render)
