"""Read the data folder into validated frames, one result per dataset.

A dataset that cannot be read carries an error message instead of a frame, so a broken file
stops only the pages that need it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpop_explorer.schemas import SCHEMAS, Schema
from kpop_explorer.validation import DataError, SchemaError, validate

DATA_DIR_ENV = "KPOP_DATA_DIR"
REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """The data folder: `$KPOP_DATA_DIR` when set, else the repository's `data/`."""
    return Path(os.environ.get(DATA_DIR_ENV) or REPO_DATA_DIR)


class DataFileError(DataError):
    """A data file that cannot be used at all."""


@dataclass(frozen=True)
class LoadedDataset:
    schema: Schema
    frame: pd.DataFrame | None
    problems: pd.DataFrame | None = None
    failure: DataError | None = None
    rows_read: int = 0
    source_file: str | None = None  # the uploaded file's name; None for the shipped file
    table: str | None = None  # the database table it was read from; None for a file

    @property
    def error(self) -> str | None:
        """The failure in English, for logs; pages show `failure` in the viewer's language."""
        return None if self.failure is None else str(self.failure)

    @property
    def rows_skipped(self) -> int:
        return 0 if self.frame is None else self.rows_read - len(self.frame)


def read_text_table(path: Path) -> pd.DataFrame:
    """Every cell as text; blank cells as empty strings."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise DataFileError("error.file_missing", file=path.name, folder=path.parent) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError("error.file_not_utf8", file=path.name) from exc
    except pd.errors.EmptyDataError as exc:
        raise DataFileError("error.file_empty", file=path.name) from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataFileError("error.file_not_csv", file=path.name, detail=str(exc)[:200]) from exc


def load_dataset(
    schema: Schema,
    directory: Path | Callable[[Schema], pd.DataFrame],
    known_ids: dict[str, set[str]] | None = None,
) -> LoadedDataset:
    """One dataset from `directory`'s file, or from `directory(schema)`: a table of text cells
    (a database table, `kpop_explorer.database`), validated the same way."""
    read = directory if callable(directory) else lambda s: read_text_table(directory / s.file)
    try:
        checked = validate(read(schema), schema, known_ids)
    except (DataFileError, SchemaError) as exc:
        return LoadedDataset(schema=schema, frame=None, failure=exc)
    return LoadedDataset(
        schema=schema, frame=checked.frame, problems=checked.problems, rows_read=checked.rows_read
    )


def load_all(directory: Path | Callable[[Schema], pd.DataFrame]) -> dict[str, LoadedDataset]:
    """Load every dataset (from a folder or a reader, see `load_dataset`); child tables are
    checked against the initiatives that loaded."""
    initiatives = load_dataset(SCHEMAS["initiatives"], directory)
    known = (
        {"initiatives.initiative_id": set(initiatives.frame["initiative_id"])}
        if initiatives.frame is not None
        else None
    )
    loaded = {"initiatives": initiatives}
    for name, schema in SCHEMAS.items():
        if name != "initiatives":
            loaded[name] = load_dataset(schema, directory, known)
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
