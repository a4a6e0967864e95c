"""Blank files to fill in for a dataset: a CSV header row, or a workbook that explains itself."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kpop_explorer.datasets.dictionary import column_example, data_dictionary
from kpop_explorer.datasets.schemas import Schema
from kpop_explorer.i18n import Translator

_EXCEL_LIST_CHARS = 255  # Excel's limit for an inline list of allowed values
_CHECKED_ROWS = 5_000  # rows of the data sheet that carry the lists of allowed values
_MIN_WIDTH, _MAX_WIDTH = 12, 50
_GUIDE_WIDTHS = (24, 30, 10, 40, 10, 10, 30, 70, 24)  # the dictionary's columns, in characters


def template_csv(schema: Schema) -> bytes:
    """A CSV file with the schema's header row, in UTF-8 with a BOM so that Excel reads it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(schema.column_names)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(schema: Schema, t: Translator) -> bytes:
    """A workbook: the dataset's header row to fill in, and a sheet explaining each column in
    the viewer's language (the Data page's data dictionary)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = schema.name[:31]
    bold = Font(bold=True)
    sheet.append(list(schema.column_names))
    for position, column in enumerate(schema.columns, start=1):
        letter = get_column_letter(position)
        sheet[f"{letter}1"].font = bold
        width = max(len(column.name), len(column_example(column))) + 4
        sheet.column_dimensions[letter].width = min(max(width, _MIN_WIDTH), _MAX_WIDTH)
        if column.kind == "date":
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        if column.kind in ("code", "country") and column.allowed:
            choices = ",".join(column.allowed)
            if len(choices) <= _EXCEL_LIST_CHARS:
                check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
                check.errorStyle = "warning"
                check.add(f"{letter}2:{letter}{_CHECKED_ROWS}")
                sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(t("template.guide_sheet")[:31])
    dictionary = data_dictionary(schema, t)
    guide.append(list(dictionary.columns))
    for row in dictionary.itertuples(index=False):
        guide.append(list(row))
    for cell in guide[1]:
        cell.font = bold
    for position, width in enumerate(_GUIDE_WIDTHS, start=1):
        guide.column_dimensions[get_column_letter(position)].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
