"""Bring your own data: upload a file for a dataset, see it checked, apply it to this session.

Uploaded rows live in this session's state only (never in a cache or a module variable), so no
other viewer can reach them; "back to shipped data" simply forgets them. A file that cannot be
used leaves whatever data the session had untouched.
"""

from __future__ import annotations

import streamlit as st

from components.context import UPLOADS_KEY, PageContext
from kpop_explorer.datasets.intake import (
    UploadCheck,
    check_upload,
    check_workbook,
    children_with_unknown_initiatives,
)
from kpop_explorer.datasets.loading import LoadedDataset
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import DataError
from kpop_explorer.exports.spreadsheets import to_csv_bytes
from kpop_explorer.formats.tables import failure_text, only_used_categories, problems_for_display
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.messages import shown_params
from kpop_explorer.i18n.text import plain
from kpop_explorer.uploads import (
    EXCEL_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    excel_sheets,
    template_csv,
    template_xlsx,
)

UPLOAD_TYPES = ["csv", "txt", "xlsx", "xls"]  # .xls is accepted to be refused with advice
WHOLE_SET = "*"  # the dataset choice meaning "a workbook with a sheet per dataset"
PREVIEW_ROWS = 50
_FILE_KEY = "upload_file"


def _known_ids(ctx: PageContext) -> dict[str, set[str]] | None:
    initiatives = ctx.frame("initiatives")
    if initiatives is None:
        return None
    return {"initiatives.initiative_id": set(initiatives["initiative_id"])}


def _apply(checks: dict[str, UploadCheck], file_name: str) -> None:
    uploads = dict(st.session_state.get(UPLOADS_KEY, {}))
    for name, check in checks.items():
        if check.rows_valid:
            uploads[name] = LoadedDataset(
                schema=check.schema,
                frame=check.validated.frame,
                problems=check.validated.problems,
                rows_read=check.validated.rows_read,
                source_file=file_name,
            )
    st.session_state[UPLOADS_KEY] = uploads
    st.session_state["upload_applied"] = [
        (name, file_name, check.rows_valid) for name, check in checks.items() if check.rows_valid
    ]
    st.session_state[_FILE_KEY + "_generation"] = (
        st.session_state.get(_FILE_KEY + "_generation", 0) + 1
    )  # a fresh, empty uploader


def templates(ctx: PageContext, name: str) -> None:
    t, schema = ctx.t, SCHEMAS[name]
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            t("upload.template_csv"), data=lambda: template_csv(schema),
            file_name=f"{name}-template.csv", mime="text/csv", on_click="ignore",
            icon=":material/description:", key=f"template_csv_{name}",
        )  # fmt: skip
        st.download_button(
            t("upload.template_xlsx"), data=lambda: template_xlsx(schema, t),
            file_name=f"{name}-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore", icon=":material/table:", key=f"template_xlsx_{name}",
        )  # fmt: skip


def _refusal(failure: DataError, t: Translator) -> str:
    """Why a file is refused (`UploadError` or `SchemaError`), in the viewer's language.

    Names and values from the file (sheet, column and file names, cells) are escaped for
    Markdown; the dataset id stays as it is, since `failure_text` looks its title up with it.
    """
    params = shown_params(failure.params, t, escape=plain)
    if "dataset" in failure.params:
        params["dataset"] = failure.params["dataset"]
    return failure_text(DataError(failure.key, **params), t)


def _report(
    ctx: PageContext, name: str, check: UploadCheck, file_name: str, offer_apply: bool = True
) -> None:
    t = ctx.t
    valid, rejected = check.rows_valid, check.rows_rejected
    for note in check.notes:
        st.caption(f":material/info: {note.text(t, escape=plain)}")
    if check.extra_columns:
        st.caption(t("upload.extra_columns", columns=plain(", ".join(check.extra_columns))))
    if rejected:
        st.warning(t("upload.some_rejected", valid=valid, rejected=rejected))
        st.dataframe(
            problems_for_display(check.validated.problems.head(500), t), hide_index=True,
            height=min(400, 38 + 35 * min(len(check.validated.problems), 500)),
        )  # fmt: skip
        st.download_button(
            t("upload.download_rejected", n=rejected),
            data=lambda: to_csv_bytes(check.validated.rejected_in(t)),
            file_name=f"{name}-rejected-rows.csv", mime="text/csv", on_click="ignore",
            icon=":material/download:", key=f"download_rejected_{name}",
        )  # fmt: skip
    else:
        st.success(t("upload.all_valid", valid=valid))
    if valid:
        st.markdown(f"**{t('upload.preview', n=min(valid, PREVIEW_ROWS), total=valid)}**")
        st.dataframe(
            only_used_categories(check.validated.frame.head(PREVIEW_ROWS)),
            hide_index=True,
            height=300,
        )
        if not offer_apply:
            return
        label = t("upload.apply_valid", n=valid) if rejected else t("upload.apply", n=valid)
        st.button(label, type="primary", on_click=_apply, args=({name: check}, file_name),
                  icon=":material/check:", key="apply_upload")  # fmt: skip
    else:
        st.error(t("upload.nothing_valid"))


def upload_panel(ctx: PageContext) -> None:
    t = ctx.t
    for name, file_name, rows in st.session_state.pop("upload_applied", []):
        st.success(t("upload.applied", dataset=t(f"schema.{name}.title"),
                     file=plain(file_name), n=rows))  # fmt: skip
    name = st.selectbox(
        t("upload.dataset"), [WHOLE_SET, *SCHEMAS],
        format_func=lambda n: t("upload.whole_set") if n == WHOLE_SET else t(f"schema.{n}.title"),
        index=1, key="upload_dataset",
    )  # fmt: skip
    st.caption(t("upload.how", limit=MAX_UPLOAD_MB, bytes=t.number(MAX_UPLOAD_BYTES)))
    if name == WHOLE_SET:
        st.caption(t("upload.whole_set_how", names=", ".join(SCHEMAS)))
    else:
        templates(ctx, name)
    generation = st.session_state.get(_FILE_KEY + "_generation", 0)
    uploaded = st.file_uploader(
        t("upload.file"), type=UPLOAD_TYPES, key=f"{_FILE_KEY}_{generation}",
        max_upload_size=MAX_UPLOAD_MB,
    )  # fmt: skip
    if uploaded is None:
        return
    data = uploaded.getvalue()
    if name == WHOLE_SET:
        _whole_set(ctx, uploaded.name, data)
        return
    sheet = None
    try:
        if uploaded.name.lower().endswith(EXCEL_EXTENSIONS):
            sheets = excel_sheets(data)
            if len(sheets) > 1:
                sheet = st.selectbox(t("upload.sheet"), sheets, key="upload_sheet")
        check = check_upload(uploaded.name, data, SCHEMAS[name], _known_ids(ctx), sheet)
    except DataError as exc:  # an UploadError (the file) or a SchemaError (its columns)
        st.error(t("upload.refused", reason=_refusal(exc, t)), icon=":material/block:")
        st.caption(t("upload.nothing_changed"))
        return
    _report(ctx, name, check, uploaded.name)
    if name == "initiatives" and check.rows_valid:
        dangling = children_with_unknown_initiatives(
            check.validated.frame,
            {n: ctx.frame(n) for n in ("live_events", "education_programs", "digital_metrics")},
        )
        for child, count in dangling.items():
            st.caption(t("upload.dangling_children", n=count,
                         dataset=t(f"schema.{child}.title")))  # fmt: skip


def _whole_set(ctx: PageContext, file_name: str, data: bytes) -> None:
    """A workbook with one sheet per dataset: each checked, all valid rows applied together."""
    t = ctx.t
    try:
        checks = check_workbook(file_name, data, SCHEMAS, _known_ids(ctx))
    except DataError as exc:
        st.error(t("upload.refused", reason=_refusal(exc, t)), icon=":material/block:")
        st.caption(t("upload.nothing_changed"))
        return
    for name, check in checks.items():
        label = t("upload.sheet_summary", dataset=t(f"schema.{name}.title"),
                  valid=check.rows_valid, rejected=check.rows_rejected)  # fmt: skip
        with st.expander(label, expanded=bool(check.rows_rejected)):
            _report(ctx, name, check, file_name, offer_apply=False)
    usable = {name: check for name, check in checks.items() if check.rows_valid}
    if usable:
        st.button(
            t("upload.apply_set", n=len(usable)), type="primary", on_click=_apply,
            args=(usable, file_name), icon=":material/check:", key="apply_upload_set",
        )  # fmt: skip
