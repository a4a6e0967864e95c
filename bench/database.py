"""What reading the datasets costs from the CSV folder, SQLite and PostgreSQL (issue 31).

    .venv/bin/python bench/database.py                 # the shipped data
    .venv/bin/python bench/database.py /tmp/kpop-10x   # ./dev data --scale 10 --out /tmp/kpop-10x

Loads the folder into a SQLite file and into a throwaway PostgreSQL server (tests/postgres_server),
then times a full read with validation (what a refresh costs the server) from each, and the
reading alone (database to text table, before validation). Medians of --samples runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kpop_explorer.datasets import database
from kpop_explorer.datasets.loading import REPO_DATA_DIR, load_all
from kpop_explorer.datasets.schemas import SCHEMAS
from tests.postgres_server import PostgresServer, binaries


def median_ms(run, samples: int) -> float:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def read_only(source: database.DatabaseSource) -> None:
    engine = database.create_engine(source)
    with engine.connect() as connection:
        for schema in SCHEMAS.values():
            database.read_table(connection, schema, schema.name, source.max_rows)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", type=Path, default=REPO_DATA_DIR)
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()
    loaded = load_all(args.data)
    rows = sum(len(d.frame) for d in loaded.values() if d.frame is not None)
    print(f"{args.data}: {rows:,} rows in {len(loaded)} datasets")
    sqlite_url = f"sqlite:///{tempfile.mkdtemp(prefix='kpop-bench-')}/kpop.db"
    server = PostgresServer(binaries())
    server.init()
    server.start()
    try:
        sources = {"SQLite": sqlite_url, "PostgreSQL": server.url}
        for url in sources.values():
            database.load_files(url, loaded)
        print(f"| Source | Read and validate (median of {args.samples}) | Read alone |")
        print("| --- | --- | --- |")
        files = median_ms(lambda: load_all(args.data), args.samples)
        print(f"| CSV folder | {files:,.0f} ms | |")
        for name, url in sources.items():
            source = database.DatabaseSource(url=url)
            full = median_ms(lambda s=source: database.load_database(s), args.samples)
            alone = median_ms(lambda s=source: read_only(s), args.samples)
            print(f"| {name} | {full:,.0f} ms | {alone:,.0f} ms |")
    finally:
        server.stop()
        server.remove()


if __name__ == "__main__":
    main()
