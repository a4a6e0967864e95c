"""From an uploaded file to rows a session can use: read, normalise, validate, in one step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kpop_explorer.datasets.schemas import Schema
from kpop_explorer.datasets.validation import Validated, validate
from kpop_explorer.i18n.messages import Message
from kpop_explorer.uploads import (
    EXCEL_EXTENSIONS,
    UploadError,
    excel_sheets,
    normalise,
    read_table,
)


@dataclass(frozen=True)
class UploadCheck:
    schema: Schema
    validated: Validated
    notes: list[Message]  # how the file was read and converted; str() of each is the English
    extra_columns: list[str]

    @property
    def rows_valid(self) -> int:
        return len(self.validated.frame)

    @property
    def rows_rejected(self) -> int:
        return len(self.validated.rejected)


def check_upload(
    file_name: str,
    data: bytes,
    schema: Schema,
    known_ids: Mapping[str, set[str]] | None = None,
    sheet: str | None = None,
) -> UploadCheck:
    """Raises `UploadError` or `SchemaError` when the file as a whole cannot be used."""
    raw = read_table(file_name, data, sheet, schema.column_names)
    normalised, notes = normalise(raw, schema)
    validated = validate(normalised, schema, known_ids, row_numbers=list(raw.index))
    extra = [str(c) for c in normalised.columns if c not in schema.column_names]
    return UploadCheck(schema=schema, validated=validated, notes=notes, extra_columns=extra)


def children_with_unknown_initiatives(
    initiatives: pd.DataFrame, children: Mapping[str, pd.DataFrame | None]
) -> dict[str, int]:
    """How many rows of each child table point at an initiative that is not in `initiatives`."""
    known = set(initiatives["initiative_id"])
    counts = {}
    for name, frame in children.items():
        if frame is not None and "initiative_id" in frame:
            dangling = int((~frame["initiative_id"].isin(known)).sum())
            if dangling:
                counts[name] = dangling
    return counts


def match_sheets(sheets: list[str], schemas: Mapping[str, Schema]) -> dict[str, str]:
    """Which sheet of a workbook holds which dataset: sheets named after a dataset or its file.

    Initiatives come first, so the other datasets can be checked against the workbook's own.
    """

    def plain_name(text: str) -> str:
        return text.strip().lower().removesuffix(".csv").replace(" ", "_").replace("-", "_")

    by_name = {plain_name(sheet): sheet for sheet in sheets}
    matched = {name: by_name[name] for name in schemas if name in by_name}
    return dict(sorted(matched.items(), key=lambda item: item[0] != "initiatives"))


def check_workbook(
    file_name: str,
    data: bytes,
    schemas: Mapping[str, Schema],
    known_ids: Mapping[str, set[str]] | None = None,
) -> dict[str, UploadCheck]:
    """A whole set: each sheet named after a dataset, checked against the workbook's initiatives.

    Raises `UploadError` when the file is not a workbook or no sheet names a dataset.
    """
    if file_name.lower().endswith(".xls"):
        raise UploadError("upload_error.old_xls")
    if not file_name.lower().endswith(EXCEL_EXTENSIONS):
        raise UploadError("upload.error_whole_set_needs_workbook")
    sheets = match_sheets(excel_sheets(data), schemas)
    if not sheets:
        raise UploadError("upload.error_whole_set_no_sheets", names=", ".join(schemas))
    checks = {}
    for name, sheet in sheets.items():
        checks[name] = check_upload(file_name, data, schemas[name], known_ids, sheet)
        if name == "initiatives":
            known_ids = {"initiatives.initiative_id": set(checks[name].validated.frame[
                "initiative_id"])}  # fmt: skip
    return checks
