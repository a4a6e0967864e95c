"""Load the data folder's CSV files into a database, one table per dataset: `./dev db URL`.

Each table is dropped and created anew (the definitions in docs/database.md), then filled with
the rows that pass the schemas; rows that do not are listed and left out. Then point the
explorer at the database (`KPOP_DATABASE_URL=URL ./dev run`, or `[connections.kpop]` in
`.streamlit/secrets.toml`).

Usage:
    python scripts/load_database.py sqlite:////tmp/kpop.db
    python scripts/load_database.py postgresql+psycopg://user@host:5432/kpop --data /tmp/kpop-10x
    python scripts/load_database.py --ddl            # print the CREATE TABLE statements
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kpop_explorer.datasets import database
from kpop_explorer.datasets.loading import data_dir, load_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", help="SQLAlchemy URL of the database to fill")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    parser.add_argument(
        "--ddl", choices=("postgresql", "sqlite"), nargs="?", const="postgresql",
        help="print the CREATE TABLE statements for this dialect and stop",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.ddl:
        print(database.ddl(args.ddl), end="")
        return 0
    if not args.url:
        parser.error("give the database URL, or --ddl")
    loaded = load_all(args.data or data_dir())
    for name, dataset in loaded.items():
        if dataset.failure is not None:
            print(f"{name}: not loaded: {dataset.error}", file=sys.stderr)
        elif dataset.rows_skipped:
            print(f"{name}: {dataset.rows_skipped} invalid rows left out", file=sys.stderr)
    written = database.load_files(args.url, loaded)
    for table, rows in written.items():
        print(f"{table}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
