"""Datasets read from the team's own SQL database, checked by the same schemas as the files.

The shipped CSV folder stays the default. A database is chosen by the `[connections.kpop]`
section of `.streamlit/secrets.toml` (a SQLAlchemy `url`, as Community Cloud's secrets expect)
or by `$KPOP_DATABASE_URL`; each dataset is one table or view, named after the dataset unless
`tables` says otherwise. Every cell is read as text, then goes through `validation.validate`
like a file's: a bad row is set aside with its reason, a missing or misshapen table fails only
its dataset. Reads are read-only, bounded in rows and in time.

No Streamlit here: `components/cached.py` keeps the last good read for its time to live and
through an outage (`Refresher`).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kpop_explorer.datasets.loading import DataFileError, LoadedDataset, SourceUnavailable, load_all
from kpop_explorer.datasets.schemas import SCHEMAS, Schema
from kpop_explorer.i18n.messages import Message

URL_ENV = "KPOP_DATABASE_URL"
TTL_ENV = "KPOP_DATABASE_TTL"
SECRETS_SECTION = "kpop"  # [connections.kpop]
DEFAULT_TTL = 600.0  # seconds: ten minutes between reads
DEFAULT_TIMEOUT = 10.0  # seconds: to connect, and for each query
DEFAULT_MAX_ROWS = 2_000_000  # per table; ten times the largest benchmark data (610,000 rows)
RETRY_AFTER = 30.0  # seconds between attempts while the database is down
log = logging.getLogger(__name__)


class DatabaseUnavailable(SourceUnavailable):
    """The database as a whole cannot be read now (down, unreachable, too slow)."""


@dataclass(frozen=True)
class DatabaseSource:
    url: str
    tables: tuple[tuple[str, str], ...] = ()  # (dataset, table) where not the dataset's name
    ttl: float = DEFAULT_TTL
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    retry_after: float = RETRY_AFTER

    def table(self, dataset: str) -> str:
        return dict(self.tables).get(dataset, dataset)

    def where(self) -> str:
        """Where the data comes from, for people: kind, host and database, never credentials."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(self.url)
        except (ArgumentError, ValueError):  # not a URL at all: say so, and show none of it
            return "URL not readable"
        kind = url.get_backend_name()
        if kind == "sqlite":
            return f"SQLite {Path(url.database or ':memory:').name}"
        place = url.host or "localhost"
        if url.port:
            place += f":{url.port}"
        label = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mssql": "SQL Server"}
        return f"{label.get(kind, kind)} {url.database or ''} @ {place}".replace("  ", " ")


def _number(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) and number > 0 else default


def source_from(
    secrets: Mapping[str, object] | None, environ: Mapping[str, str]
) -> DatabaseSource | None:
    """The database to read, or None for the data folder.

    `secrets` is the `[connections.kpop]` section; it wins over `$KPOP_DATABASE_URL`.
    Keys: `url`, `ttl` and `timeout` (seconds), `max_rows`, and `tables` (dataset -> table).
    """
    section = dict(secrets) if isinstance(secrets, Mapping) else {}
    url = str(section.get("url") or environ.get(URL_ENV) or "").strip()
    if not url:
        return None
    tables = section.get("tables")
    tables = dict(tables) if isinstance(tables, Mapping) else {}
    mapping = tuple(sorted((str(k), str(v)) for k, v in tables.items() if k in SCHEMAS and str(v)))
    ttl = section.get("ttl", environ.get(TTL_ENV))
    return DatabaseSource(
        url=url,
        tables=mapping,
        ttl=_number(ttl, DEFAULT_TTL),
        timeout=_number(section.get("timeout"), DEFAULT_TIMEOUT),
        max_rows=int(_number(section.get("max_rows"), DEFAULT_MAX_ROWS)),
    )


def engine_options(source: DatabaseSource) -> dict[str, object]:
    """`create_engine` arguments that bound connecting and each query in time, read-only."""
    from sqlalchemy.engine import make_url

    backend = make_url(source.url).get_backend_name()
    seconds = max(1, math.ceil(source.timeout))
    if backend == "postgresql":
        options = f"-c statement_timeout={seconds * 1000} -c default_transaction_read_only=on"
        connect_args: dict[str, object] = {"connect_timeout": seconds, "options": options}
    elif backend == "mysql":
        connect_args = {"connect_timeout": seconds, "read_timeout": seconds}
    elif backend == "sqlite":
        connect_args = {"timeout": seconds}
    else:
        connect_args = {}
    return {"connect_args": connect_args, "pool_pre_ping": True, "pool_recycle": 1800}


def engine_url(source: DatabaseSource) -> str:
    """The URL to connect with: a SQLite file is opened read-only, so a file that has gone
    is an outage (the last good data stays), not a new empty database without tables."""
    from sqlalchemy.engine import make_url

    url = make_url(source.url)
    path = url.database or ""
    if url.get_backend_name() != "sqlite" or not path or path == ":memory:" or url.query:
        return source.url
    read_only = url.set(database=f"file:{path}", query={"mode": "ro", "uri": "true"})
    return read_only.render_as_string(hide_password=False)


def create_engine(source: DatabaseSource):
    import sqlalchemy

    engine = sqlalchemy.create_engine(engine_url(source), **engine_options(source))
    return prepare_engine(engine)


def prepare_engine(engine):
    """Make an engine's SQLite connections read-only (PostgreSQL's are, by `engine_options`)."""
    import sqlalchemy

    if engine.dialect.name == "sqlite" and not sqlalchemy.event.contains(
        engine, "connect", _sqlite_read_only
    ):
        sqlalchemy.event.listen(engine, "connect", _sqlite_read_only)
    return engine


def _sqlite_read_only(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def as_text(value: object) -> str:
    """A database value as the text a CSV file would hold, for the same validation."""
    kind = type(value)
    if value is None:
        return ""
    if kind is float:
        return "" if math.isnan(value) else repr(value)  # type: ignore[arg-type]
    if kind is int:
        return str(value)
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):  # a float subclass, such as numpy's float64
        return "" if math.isnan(value) else repr(float(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _table_ref(name: str):
    import sqlalchemy

    schema, _, table = name.rpartition(".")
    return sqlalchemy.table(table, schema=schema or None)


def read_table(connection, schema: Schema, table: str, max_rows: int) -> pd.DataFrame:
    """Every cell of `table` as text, at most `max_rows` rows.

    A missing table, or one with more rows than `max_rows`, raises `DataFileError` (its dataset
    only); a dead connection raises `DatabaseUnavailable` (the whole read).
    """
    import sqlalchemy
    from sqlalchemy import exc

    try:
        if not sqlalchemy.inspect(connection).has_table(
            table.rpartition(".")[2], schema=table.rpartition(".")[0] or None
        ):
            raise DataFileError("error.table_missing", table=table, dataset=schema.name)
        query = sqlalchemy.select(sqlalchemy.text("*")).select_from(_table_ref(table))
        result = connection.execute(query.limit(max_rows + 1))
        columns = list(result.keys())
        rows = result.fetchall()
    except exc.DBAPIError as error:
        if error.connection_invalidated or _timed_out(error) or not _alive(connection):
            raise DatabaseUnavailable(type(error.orig).__name__) from error
        raise DataFileError(  # the database answers: this table is the problem
            "error.table_unreadable", table=table, detail=str(error.orig)[:200]
        ) from error
    if len(rows) > max_rows:
        raise DataFileError("error.table_too_large", table=table, limit=max_rows)
    return in_order(as_text_table(rows, columns), schema)


def in_order(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The rows sorted by the dataset's key (else its id, else every column): a database keeps
    no row order, and the same rows must give the same pages whatever order they come in."""
    unique = [c.name for c in schema.columns if c.unique]
    order = [c for c in (schema.key or unique or schema.column_names) if c in frame.columns]
    return frame.sort_values(order, kind="stable").reset_index(drop=True) if order else frame


def _timed_out(error) -> bool:
    """A query stopped by the statement timeout: the database is slow, not the table wrong."""
    return getattr(error.orig, "sqlstate", None) == "57014" or "timeout" in str(error.orig)


def _alive(connection) -> bool:
    import sqlalchemy
    from sqlalchemy import exc

    try:
        connection.rollback()
        connection.execute(sqlalchemy.select(1))
    except exc.SQLAlchemyError:
        return False
    return True


def as_text_table(rows, columns: list[str]) -> pd.DataFrame:
    """Rows of database values as a table of text cells (`as_text`), column by column."""
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame(
        {
            position: [v if type(v) is str else as_text(v) for v in column]
            for position, column in enumerate(values)
        },
        dtype=object,
    ).set_axis(columns, axis=1)


def load_database(source: DatabaseSource, engine=None) -> dict[str, LoadedDataset]:
    """Every dataset from the database, validated; `DatabaseUnavailable` if it cannot be read."""
    from sqlalchemy import exc

    try:
        engine = engine if engine is not None else create_engine(source)
        with engine.connect() as connection:

            def read(schema: Schema) -> pd.DataFrame:
                return read_table(connection, schema, source.table(schema.name), source.max_rows)

            loaded = load_all(read)
    except exc.SQLAlchemyError as error:
        raise DatabaseUnavailable(type(error).__name__) from error
    return {name: _with_table(dataset, source.table(name)) for name, dataset in loaded.items()}


def _with_table(dataset: LoadedDataset, table: str) -> LoadedDataset:
    from dataclasses import replace

    return replace(dataset, table=table)


@dataclass
class Refresher:
    """The last good read of a source, read again once its time to live has passed.

    When a read fails the last good data stays, marked stale since the first failure, and the
    next attempt waits `retry_after` seconds, so an outage does not make every rerun wait for a
    timeout. A read that takes longer than `timeout` is given up on and counts as a failure
    (its thread finishes in the background; the database's own timeouts bound it).
    """

    load: Callable[[], dict[str, LoadedDataset]]
    ttl: float
    retry_after: float = RETRY_AFTER
    timeout: float | None = None
    clock: Callable[[], float] = time.time
    good: tuple[dict[str, LoadedDataset], float] | None = None  # the last good read, and when
    stale_since: float | None = None  # the first failed attempt since the last good read
    failure: str | None = None  # why, in English, for the logs; never credentials
    _next_attempt: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def data(self) -> dict[str, LoadedDataset] | None:
        return None if self.good is None else self.good[0]

    @property
    def read_at(self) -> float | None:
        return None if self.good is None else self.good[1]

    def current(self) -> dict[str, LoadedDataset] | None:
        read = self.current_read()
        return None if read is None else read[0]

    def current_read(self) -> tuple[dict[str, LoadedDataset], float] | None:
        """The data and when it was read, as one pair: another session's refresh can land
        between two separate looks at `data` and `read_at`."""
        now = self.clock()
        if now >= self._next_attempt and self._lock.acquire(blocking=self.good is None):
            try:
                if self.clock() >= self._next_attempt:  # another thread may just have read
                    self._attempt()
            finally:
                self._lock.release()
        return self.good

    def _attempt(self) -> None:
        started = self.clock()
        try:
            data = self._run()
        except DatabaseUnavailable as error:
            self.stale_since = self.stale_since or started
            self.failure = str(error) or type(error).__name__
            self._next_attempt = self.clock() + min(self.retry_after, self.ttl)
            return
        self.good, self.stale_since, self.failure = (data, started), None, None
        self._next_attempt = started + self.ttl

    def _run(self) -> dict[str, LoadedDataset]:
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["data"] = self.load()
            except DatabaseUnavailable as error:
                log.warning("Database read failed: %s", error.__cause__ or error)
                outcome["error"] = error
            except Exception as error:  # a bug or a driver's surprise: logged, kept off screen
                log.exception("Database read failed")
                outcome["error"] = DatabaseUnavailable(type(error).__name__)

        worker = threading.Thread(target=work, daemon=True, name="kpop-database-read")
        worker.start()
        worker.join(self.timeout)  # None: as long as the database's own timeouts allow
        if "data" in outcome:
            return outcome["data"]  # type: ignore[return-value]
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        raise DatabaseUnavailable("timeout")


def unavailable(source: DatabaseSource) -> dict[str, LoadedDataset]:
    """Every dataset failed with the same message: no good read yet and the database down."""
    return {
        name: LoadedDataset(
            schema=schema,
            frame=None,
            failure=DataFileError("error.database_down", where=source.where()),
            table=source.table(name),
        )
        for name, schema in SCHEMAS.items()
    }


def table_for(schema: Schema, metadata, name: str | None = None):
    """The SQL table of a dataset: one column per schema column, typed, with its keys."""
    import sqlalchemy as sa

    types = {"int": sa.BigInteger, "float": sa.Float(53), "date": sa.Date}
    columns = [
        sa.Column(
            c.name,
            types.get(c.kind, sa.Text),
            nullable=c.nullable,
            unique=c.unique or None,
            comment=c.description,
        )
        for c in schema.columns
    ]
    keys = [sa.UniqueConstraint(*schema.key)] if schema.key else []
    table_schema, _, table = (name or schema.name).rpartition(".")
    return sa.Table(table, metadata, *columns, *keys, schema=table_schema or None,
                    comment=schema.title)  # fmt: skip


def ddl(dialect: str = "postgresql") -> str:
    """`CREATE TABLE` statements of every dataset, for `dialect`."""
    import sqlalchemy as sa
    from sqlalchemy.schema import CreateTable

    dialects = {"postgresql": "postgresql", "sqlite": "sqlite"}
    module = __import__(f"sqlalchemy.dialects.{dialects[dialect]}", fromlist=["dialect"])
    metadata = sa.MetaData()
    statements = [
        str(CreateTable(table_for(schema, metadata)).compile(dialect=module.dialect()))
        for schema in SCHEMAS.values()
    ]
    statements = ["\n".join(line.rstrip() for line in s.strip().splitlines()) for s in statements]
    return ";\n\n".join(statements) + ";\n"


def _records(frame: pd.DataFrame, schema: Schema) -> list[dict[str, object]]:
    out = {}
    for column in schema.columns:
        values = frame[column.name]
        if column.kind == "date":
            values = values.dt.date
        out[column.name] = values.astype(object).where(values.notna(), None)
    return pd.DataFrame(out).to_dict("records")


def load_files(url: str, loaded: Mapping[str, LoadedDataset], tables=None) -> dict[str, int]:
    """Write validated datasets to the database at `url`, each table dropped and created anew
    (`tables`: dataset -> table name). Returns the rows written per table."""
    import sqlalchemy as sa

    names = dict(tables or {})
    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    written = {}
    try:
        with engine.begin() as connection:
            for dataset_name, dataset in loaded.items():
                if dataset.frame is None:
                    continue
                table = table_for(dataset.schema, metadata, names.get(dataset_name))
                table.drop(connection, checkfirst=True)
                table.create(connection)
                records = _records(dataset.frame, dataset.schema)
                if records:
                    connection.execute(table.insert(), records)
                written[table.fullname] = len(records)
    finally:
        engine.dispose()
    return written


def _when(moment: float) -> dict[str, str]:
    stamp = datetime.fromtimestamp(moment, tz=UTC)
    return {"date": stamp.date().isoformat(), "time": f"{stamp:%H:%M}"}


def freshness(refresher: Refresher) -> tuple[str, Message]:
    """How fresh the data is, for people: ("info", when it was read) or ("warning", stale since
    when, and the data of when), or ("error", never read). Times in UTC; no credentials."""
    retry = round(min(refresher.retry_after, refresher.ttl))
    if refresher.read_at is None:
        return "error", Message("data.database.never_read", {"seconds": retry})
    read = _when(refresher.read_at)
    if refresher.stale_since is None:
        return "info", Message("data.database.read_at", read)
    since = _when(refresher.stale_since)
    since_text = f"{since['date']} {since['time']}"
    return "warning", Message("data.database.stale", {**read, "since": since_text,
                                                      "seconds": retry})  # fmt: skip
