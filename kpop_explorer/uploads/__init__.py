"""Read an uploaded CSV or Excel file and bring its cells to the forms the validator expects.

One module per job, feeding `validation.validate`:

- `files`: what kind of file it is, and the limits (size, cells, time, unpacked workbook) every
  upload is read within; `UploadError`, the refusal of a whole file.
- `csv_files` and `workbooks`: the records of a CSV file (its encoding and separator found) or
  of one worksheet, read as a stream and counted against the limits.
- `table`: the records as a frame of text cells with a header, indexed by each row's number in
  the file, with notes on how it was read in `frame.attrs["notes"]`; whatever a reader raises
  becomes an `UploadError` here.
- `normalising`: common ways of writing dates, numbers, countries and codes made canonical.
- `templates`: blank CSV and Excel files to fill in, the latter with the data dictionary.

Refusals and notes are `Message`s (a key and its values, `locales/*.json`: `upload_error.*`,
`upload_note.*`), read in the viewer's language; `str()` gives the English text. Nothing here
evaluates or unpickles content: CSV goes through the `csv` module, workbooks through the stdlib
XML parser reading cached values only.
"""

from kpop_explorer.uploads.files import (
    EXCEL_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    UploadError,
)
from kpop_explorer.uploads.normalising import country_code, normalise
from kpop_explorer.uploads.table import excel_sheets, read_table
from kpop_explorer.uploads.templates import template_csv, template_xlsx

__all__ = [
    "EXCEL_EXTENSIONS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_MB",
    "UploadError",
    "country_code",
    "excel_sheets",
    "normalise",
    "read_table",
    "template_csv",
    "template_xlsx",
]
