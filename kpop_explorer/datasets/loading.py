"""Read the data folder into validated frames, one result per dataset.

A dataset that cannot be read carries an error message instead of a frame, so a broken file
stops only the pages that need it.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpop_explorer.datasets.schemas import SCHEMAS, Schema
from kpop_explorer.datasets.validation import (
    PARENT_SET_ASIDE,
    DataError,
    SchemaError,
    Validated,
    validate,
)
from kpop_explorer.i18n.messages import Message

logger = logging.getLogger(__name__)

DATA_DIR_ENV = "KPOP_DATA_DIR"
REPO_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The data folder: `$KPOP_DATA_DIR` when set, else the repository's `data/`."""
    return Path(os.environ.get(DATA_DIR_ENV) or REPO_DATA_DIR)


class DataFileError(DataError):
    """A data file that cannot be used at all."""


class SourceUnavailable(Exception):
    """The source as a whole cannot be read now (a database that is down): not one dataset's
    fault, so it goes up to the caller, which keeps the last good data."""


@dataclass(frozen=True)
class LoadedDataset:
    schema: Schema
    frame: pd.DataFrame | None
    problems: pd.DataFrame | None = None
    failure: DataError | None = None
    rows_read: int = 0
    source_file: str | None = None  # the uploaded file's name; None for the shipped file
    table: str | None = None  # the database table it was read from; None for a file
    set_aside_ids: frozenset[str] = frozenset()  # ids of rows left out (initiatives' own)

    @property
    def error(self) -> str | None:
        """The failure in English, for logs; pages show `failure` in the viewer's language."""
        return None if self.failure is None else str(self.failure)

    @property
    def rows_skipped(self) -> int:
        return 0 if self.frame is None else self.rows_read - len(self.frame)

    @property
    def rows_orphaned(self) -> int:
        """Rows left out because the record they belong to (their initiative) was left out."""
        if self.problems is None or self.problems.empty:
            return 0
        lost = [getattr(r, "key", None) == PARENT_SET_ASIDE for r in self.problems["reason"]]
        return self.problems.loc[lost, "row"].nunique()


def left_out_message(dataset: LoadedDataset) -> Message | None:
    """What a page showing `dataset` says when rows were left out: how many of how many, and how
    many of them only because their initiative was left out. None when nothing was."""
    if not dataset.rows_skipped:
        return None
    params = {"n": dataset.rows_skipped, "total": dataset.rows_read,
              "title": Message(f"schema.{dataset.schema.name}.title")}  # fmt: skip
    if dataset.rows_orphaned:
        return Message("data.left_out_orphans", {**params, "orphans": dataset.rows_orphaned})
    return Message("data.left_out", params)


def read_text_table(path: Path) -> pd.DataFrame:
    """Every cell as text; blank cells as empty strings.

    Any fault of the file raises `DataFileError` naming the file by its name alone (never the
    server's path to it) and what to do: missing, a folder, a pipe or device (which would block
    the read for ever), unreadable, not UTF-8, empty, or not a well-formed CSV table.
    """
    name = path.name
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise DataFileError("error.file_missing", file=name) from exc
    except OSError as exc:
        raise DataFileError("error.file_unreadable", file=name, detail=_os_reason(exc)) from exc
    if stat.S_ISDIR(mode):
        raise DataFileError("error.file_is_folder", file=name)
    if not stat.S_ISREG(mode):
        raise DataFileError("error.file_not_regular", file=name)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:  # removed after the check above
        raise DataFileError("error.file_missing", file=name) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError("error.file_not_utf8", file=name) from exc
    except pd.errors.EmptyDataError as exc:
        raise DataFileError("error.file_empty", file=name) from exc
    except OSError as exc:
        raise DataFileError("error.file_unreadable", file=name, detail=_os_reason(exc)) from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataFileError("error.file_not_csv", file=name, detail=parser_reason(exc)) from exc


def _os_reason(exc: OSError) -> str:
    """The system's reason without the path it names (`strerror`: "Permission denied")."""
    return exc.strerror or type(exc).__name__


_UNCLOSED_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
_WRONG_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def parser_reason(exc: Exception) -> Message | str:
    """pandas' CSV parser error in words a person can act on; other errors cut to 200 chars.

    pandas counts the "row" of an unclosed quote from 0 at the header, so the file's line is one
    more; its "line" of a row with too many cells is the file's line already.
    """
    text = str(exc)
    if found := _UNCLOSED_QUOTE.search(text):
        return Message("csv.unclosed_quote", {"line": int(found[1]) + 1})
    if found := _WRONG_FIELDS.search(text):
        line, expected, seen = int(found[2]), int(found[1]), int(found[3])
        return Message("csv.wrong_fields", {"line": line, "found": seen, "expected": expected})
    return text[:200]


def load_dataset(
    schema: Schema,
    directory: Path | Callable[[Schema], pd.DataFrame],
    known_ids: dict[str, set[str]] | None = None,
    set_aside_ids: dict[str, set[str]] | None = None,
) -> LoadedDataset:
    """One dataset from `directory`'s file, or from `directory(schema)`: a table of text cells
    (a database table, `kpop_explorer.datasets.database`), validated the same way."""
    read = directory if callable(directory) else lambda s: read_text_table(directory / s.file)
    try:
        raw = read(schema)
        checked = validate(raw, schema, known_ids, set_aside_ids=set_aside_ids)
    except (DataFileError, SchemaError) as exc:
        return LoadedDataset(schema=schema, frame=None, failure=exc)
    except SourceUnavailable:
        raise
    except Exception as exc:  # a fault no check foresaw stops this dataset only, never the app
        logger.exception("Data file %s could not be loaded", schema.file)
        failure = DataFileError("error.file_unreadable", file=schema.file,
                                detail=type(exc).__name__)  # fmt: skip
        return LoadedDataset(schema=schema, frame=None, failure=failure)
    return LoadedDataset(
        schema=schema,
        frame=checked.frame,
        problems=checked.problems,
        rows_read=checked.rows_read,
        set_aside_ids=_set_aside_ids(schema, checked),
    )


def _set_aside_ids(schema: Schema, checked: Validated) -> frozenset[str]:
    """The ids of the rows left out whose id no kept row has: records other tables lose."""
    ids = [c.name for c in schema.columns if c.unique]
    if not ids or checked.rejected.empty:
        return frozenset()
    kept = set(checked.frame[ids[0]].astype(str))
    return frozenset(str(v) for v in checked.rejected[ids[0]] if v and str(v) not in kept)


def load_all(directory: Path | Callable[[Schema], pd.DataFrame]) -> dict[str, LoadedDataset]:
    """Load every dataset (from a folder or a reader, see `load_dataset`); child tables are
    checked against the initiatives that loaded."""
    initiatives = load_dataset(SCHEMAS["initiatives"], directory)
    known = (
        {"initiatives.initiative_id": set(initiatives.frame["initiative_id"])}
        if initiatives.frame is not None
        else None
    )
    set_aside = {"initiatives.initiative_id": set(initiatives.set_aside_ids)}
    loaded = {"initiatives": initiatives}
    for name, schema in SCHEMAS.items():
        if name != "initiatives":
            loaded[name] = load_dataset(schema, directory, known, set_aside)
    return loaded


def files_signature(directory: Path) -> tuple[tuple[str, float, int], ...]:
    """Name, modification time and size of each data file: a cache key that changes with them."""
    signature = []
    for schema in SCHEMAS.values():
        path = directory / schema.file
        stat = path.stat() if path.exists() else None
        signature.append(
            (schema.file, stat.st_mtime if stat else 0.0, stat.st_size if stat else -1)
        )
    return tuple(signature)
