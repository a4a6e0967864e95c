"""A database as the data source (kpop_explorer/datasets/database.py), on SQLite: the same
schemas and checks as the files, a bounded read, and a refresher that survives an outage."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
import sqlalchemy

from kpop_explorer.datasets import database
from kpop_explorer.datasets.database import DatabaseSource, DatabaseUnavailable, Refresher
from kpop_explorer.datasets.loading import REPO_DATA_DIR, LoadedDataset, load_all, read_text_table
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.exports.spreadsheets import to_csv_bytes
from scripts.load_database import main as load_main


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory):
    """The shipped CSV files loaded into SQLite by the loading script."""
    path = tmp_path_factory.mktemp("db") / "kpop.db"
    assert load_main([f"sqlite:///{path}"]) == 0
    return path


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame in one row order: a database keeps none, so reads are compared sorted."""
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def test_no_setting_means_the_data_folder():
    assert database.source_from(None, {}) is None
    assert database.source_from({"url": "  "}, {}) is None


def test_secrets_win_over_the_environment_and_fill_defaults():
    env = {"KPOP_DATABASE_URL": "sqlite:///env.db", "KPOP_DATABASE_TTL": "60"}
    from_env = database.source_from(None, env)
    assert (from_env.url, from_env.ttl, from_env.timeout) == ("sqlite:///env.db", 60.0, 10.0)
    secrets = {"url": "sqlite:///secret.db", "ttl": 120, "max_rows": 500,
               "tables": {"initiatives": "plans.initiatives", "nonsense": "x"}}  # fmt: skip
    source = database.source_from(secrets, env)
    assert source.url == "sqlite:///secret.db"
    assert (source.ttl, source.max_rows) == (120.0, 500)
    assert source.table("initiatives") == "plans.initiatives"
    assert source.table("live_events") == "live_events"
    assert source.tables == (("initiatives", "plans.initiatives"),)  # unknown datasets dropped
    # A time to live that is not a positive number falls back to ten minutes.
    assert database.source_from({"url": "sqlite://", "ttl": "-5"}, {}).ttl == 600.0
    assert database.source_from({"url": "sqlite://", "ttl": "soon"}, {}).ttl == 600.0
    # A malformed section (a text where a table is expected) is ignored, never a crash.
    assert database.source_from("url=x", {}) is None
    assert database.source_from({"url": "sqlite://", "tables": "x"}, {}).tables == ()


def test_where_never_shows_credentials():
    source = DatabaseSource(url="postgresql+psycopg://alice:s3cret@db.example.org:5433/plans")
    assert source.where() == "PostgreSQL plans @ db.example.org:5433"
    assert DatabaseSource(url="sqlite:////srv/private/kpop.db").where() == "SQLite kpop.db"
    # A secret that is not a URL at all: named as such, none of it shown, an outage to read.
    broken = DatabaseSource(url="postgres is at db.example.org, password s3cret")
    assert broken.where() == "URL not readable"
    with pytest.raises(DatabaseUnavailable):
        database.load_database(broken)


def test_database_values_become_the_text_a_csv_holds():
    assert database.as_text(None) == ""
    assert database.as_text(float("nan")) == ""
    assert database.as_text(date(2026, 5, 30)) == "2026-05-30"
    assert database.as_text(datetime(2026, 5, 30)) == "2026-05-30"  # a timestamp at midnight
    assert database.as_text(datetime(2026, 5, 30, 14, 5)) == "2026-05-30 14:05:00"
    assert database.as_text(Decimal("1250000.50")) == "1250000.50"
    assert database.as_text(12.5) == "12.5"
    assert database.as_text(7) == "7"
    assert database.as_text(b"caf\xc3\xa9") == "café"
    assert database.as_text(True) == "true"
    assert database.as_text(np.float64(2.5)) == "2.5"
    assert database.as_text(np.float64("nan")) == ""


def test_the_shipped_data_reads_back_the_same_from_sqlite(shipped_db, shipped):
    source = DatabaseSource(url=f"sqlite:///{shipped_db}")
    from_db = database.load_database(source)
    assert set(from_db) == set(SCHEMAS)
    for name, dataset in from_db.items():
        assert dataset.failure is None, name
        assert dataset.table == name
        pd.testing.assert_frame_equal(canonical(dataset.frame), canonical(shipped[name]))


@pytest.mark.parametrize("options", ["", "?timeout=5"])  # with options, opened as given
def test_the_connection_is_read_only(shipped_db, options):
    engine = database.create_engine(DatabaseSource(url=f"sqlite:///{shipped_db}{options}"))
    with engine.connect() as connection, pytest.raises(sqlalchemy.exc.OperationalError):
        connection.execute(sqlalchemy.text("DELETE FROM initiatives"))
    engine.dispose()
    count = sqlite3.connect(shipped_db).execute("SELECT count(*) FROM initiatives").fetchone()
    assert count == (26,)


def _initiatives_text() -> pd.DataFrame:
    return read_text_table(REPO_DATA_DIR / "initiatives.csv").head(3)


@pytest.fixture
def hostile_db(tmp_path):
    """Initiatives with a budget of the wrong type and text with Markdown and a formula; no
    live_events table; education_programs without a column; 5 rows of reference_hallyu; a
    reference_education view over a table that does not exist."""
    path = tmp_path / "hostile.db"
    with sqlite3.connect(path) as db:
        rows = _initiatives_text()
        rows.loc[1, "budget_eur"] = "lots"  # a TEXT value in the budget column
        rows.loc[0, "name"] = '=HYPERLINK("http://x","**click**")'
        rows.loc[2, "name"] = "# Big _news_ [link](http://x)"
        rows.to_sql("initiatives", db, index=False)  # every column TEXT
        db.execute("CREATE TABLE education_programs (program_id TEXT, name TEXT)")
        db.execute("INSERT INTO education_programs VALUES ('P1', 'x')")
        hallyu = read_text_table(REPO_DATA_DIR / "reference_hallyu.csv").head(5)
        hallyu.to_sql("reference_hallyu", db, index=False)
        db.execute("CREATE VIEW reference_education AS SELECT * FROM nowhere")  # broken view
    return path


def test_hostile_tables_fail_their_own_dataset_only(hostile_db):
    source = DatabaseSource(url=f"sqlite:///{hostile_db}", max_rows=4)
    loaded = database.load_database(source)
    initiatives = loaded["initiatives"]
    # The wrong-typed budget: a row problem, the row set aside, the other two kept.
    assert initiatives.failure is None
    assert (initiatives.rows_read, len(initiatives.frame)) == (3, 2)
    problem = initiatives.problems.iloc[0]
    assert (problem["row"], problem["column"], problem["value"]) == (3, "budget_eur", "lots")
    assert problem["reason"].key == "reason.not_number"
    # Markdown and a formula stay plain text in the frame; an export neutralises the formula.
    names = list(initiatives.frame["name"])
    assert names == ['=HYPERLINK("http://x","**click**")', "# Big _news_ [link](http://x)"]
    exported = to_csv_bytes(initiatives.frame[["name"]]).decode("utf-8-sig").splitlines()
    assert exported[1] == '"\'=HYPERLINK(""http://x"",""**click**"")"'
    # A missing table, a table without the columns, a table over the row bound: each a message.
    assert loaded["live_events"].failure.key == "error.table_missing"
    assert "live_events is missing" in loaded["live_events"].error
    assert loaded["education_programs"].failure.key == "error.missing_columns"
    # A view that cannot be read, while the database answers: its dataset only, not an outage.
    assert loaded["reference_education"].failure.key == "error.table_unreadable"
    assert "no such table: main.nowhere" in loaded["reference_education"].error
    assert loaded["reference_hallyu"].failure.key == "error.table_too_large"
    assert loaded["reference_hallyu"].failure.params["limit"] == 4
    assert loaded["reference_hallyu"].table == "reference_hallyu"


def test_a_database_that_cannot_be_reached_is_an_outage(tmp_path):
    # A SQLite file in a folder that does not exist cannot even be opened.
    source = DatabaseSource(url=f"sqlite:///{tmp_path}/no/such/folder/kpop.db")
    with pytest.raises(DatabaseUnavailable):
        database.load_database(source)
    # A SQLite file that has gone is an outage too, not a new empty database without tables.
    gone = tmp_path / "gone.db"
    with pytest.raises(DatabaseUnavailable):
        database.load_database(DatabaseSource(url=f"sqlite:///{gone}"))
    assert not gone.exists()
    failed = database.unavailable(source)
    assert set(failed) == set(SCHEMAS)
    assert all(d.frame is None and d.failure.key == "error.database_down" for d in failed.values())
    assert "kpop.db" in failed["initiatives"].error


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _data(tag: str) -> dict[str, LoadedDataset]:
    frame = pd.DataFrame({"tag": [tag]})
    return {"initiatives": LoadedDataset(schema=SCHEMAS["initiatives"], frame=frame)}


def test_refresher_reads_after_its_ttl_and_keeps_the_last_good_data_through_an_outage():
    clock, calls = Clock(), []
    outcomes = [_data("A"), DatabaseUnavailable("down"), DatabaseUnavailable("down"), _data("B")]

    def load():
        outcome = outcomes[len(calls)]
        calls.append(clock.now)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    refresher = Refresher(load=load, ttl=600, retry_after=30, clock=clock)
    first = refresher.current()
    assert first["initiatives"].frame["tag"][0] == "A"
    assert (refresher.read_at, refresher.stale_since) == (1000.0, None)
    clock.now = 1599  # within the time to live: no read
    assert refresher.current() is first and calls == [1000.0]
    clock.now = 1600  # expired, the database is down: the last good data, stale since now
    assert refresher.current() is first
    assert (refresher.read_at, refresher.stale_since, refresher.failure) == (1000, 1600, "down")
    clock.now = 1629  # no new attempt before 30 s
    assert refresher.current() is first and len(calls) == 2
    clock.now = 1630  # still down: stale since the first failure
    assert refresher.current() is first and refresher.stale_since == 1600
    clock.now = 1660  # back: fresh data, no longer stale
    assert refresher.current()["initiatives"].frame["tag"][0] == "B"
    assert (refresher.read_at, refresher.stale_since, refresher.failure) == (1660, None, None)
    assert calls == [1000, 1600, 1630, 1660]


def test_refresher_without_a_good_read_has_no_data_and_never_raises():
    def broken():
        raise RuntimeError("a bug, or a driver error")

    refresher = Refresher(load=broken, ttl=600, clock=Clock())
    assert refresher.current() is None
    assert (refresher.stale_since, refresher.failure) == (1000.0, "RuntimeError")


def test_refresher_gives_up_on_a_read_that_hangs():
    release = threading.Event()

    def hangs():
        release.wait(30)
        return _data("late")

    refresher = Refresher(load=hangs, ttl=600, timeout=0.05, clock=Clock())
    try:
        assert refresher.current() is None
        assert refresher.failure == "timeout"
    finally:
        release.set()


def test_the_ddl_in_the_docs_is_the_schemas(tmp_path):
    from tests.conftest import REPO

    docs = (REPO / "docs" / "database.md").read_text(encoding="utf-8")
    assert database.ddl("postgresql") in docs
    # The DDL creates tables that the explorer reads back without a problem, once filled.
    path = tmp_path / "ddl.db"
    with sqlite3.connect(path) as db:
        db.executescript(database.ddl("sqlite"))
    loaded = database.load_database(DatabaseSource(url=f"sqlite:///{path}"))
    assert loaded["initiatives"].failure.key == "error.no_rows"  # the tables exist, empty


def test_freshness_says_when_and_how_stale_in_utc(t):
    # 2026-12-06 03:40:00 UTC is 1796528400 seconds after the epoch (20,793 days + 13,200 s).
    read_at = 20793 * 86400 + 3 * 3600 + 40 * 60
    refresher = Refresher(load=lambda: {}, ttl=600, retry_after=30)
    level, message = database.freshness(refresher)
    assert (level, str(message)) == ("error", t("data.database.never_read", seconds=30))
    refresher.good = ({}, read_at)
    level, message = database.freshness(refresher)
    assert (level, message.text(t)) == (
        "info", "Read from the database on 2026-12-06 at 03:40 UTC.")  # fmt: skip
    refresher.stale_since = read_at + 600 + 5
    level, message = database.freshness(refresher)
    assert level == "warning"
    assert message.text(t).startswith("Stale since 2026-12-06 03:50 UTC: ")
    assert "the data read on 2026-12-06 at 03:40 UTC. It tries again every 30 seconds." in str(
        message
    )


def test_the_data_page_lists_a_tables_problems_and_failures(hostile_db, monkeypatch):
    from tests.elements import open_page
    from tests.test_database_postgres import captions, seen

    monkeypatch.setenv(database.URL_ENV, f"sqlite:///{hostile_db}")
    at = open_page("data")
    assert not at.exception
    summary = at.dataframe[0].value.set_index("Dataset")
    assert summary.loc["Initiatives", "File"] == "initiatives"
    assert summary.loc["Initiatives", "Rows"] == 2  # of 3: the wrong-typed budget set aside
    assert summary.loc["Initiatives", "Check"] == "1 invalid rows left out"
    assert summary.loc["Live events", "Check"].startswith("The table live_events is missing")
    problems = at.dataframe[1].value  # the chosen dataset (initiatives): its row problems
    assert problems.iloc[0].tolist()[1:3] == ["budget_eur", "lots"]
    assert "from the database SQLite hostile.db, one table per dataset" in captions(at)
    # Other pages that need a failed table say which table, not a file to replace.
    events = open_page("live_events")
    assert "Fix the table live_events in the database" in seen(events.error[0].value)


def test_rows_come_in_the_key_order_whatever_order_the_database_gives():
    ids = pd.DataFrame({"initiative_id": ["I-3", "I-1", "I-2"], "name": ["c", "a", "b"]})
    assert list(database.in_order(ids, SCHEMAS["initiatives"])["name"]) == ["a", "b", "c"]
    # Without a key or an id column (reference tables), by every column, left to right.
    hallyu = pd.DataFrame({c.name: ["x"] * 3 for c in SCHEMAS["reference_hallyu"].columns})
    first, second = (
        SCHEMAS["reference_hallyu"].columns[0].name,
        SCHEMAS["reference_hallyu"].columns[1].name,
    )
    hallyu[first], hallyu[second] = ["b", "a", "a"], ["1", "2", "1"]
    ordered = database.in_order(hallyu, SCHEMAS["reference_hallyu"])
    assert list(zip(ordered[first], ordered[second], strict=True)) == [
        ("a", "1"),
        ("a", "2"),
        ("b", "1"),
    ]
    assert list(ordered.index) == [0, 1, 2]


@pytest.mark.parametrize(
    ("url", "named"),
    [("sqlite:///{tmp}/missing/folder/kpop.db", "SQLite kpop.db"),
     ("not a URL, password s3cret", "URL not readable")],
)  # fmt: skip
def test_a_database_never_reached_leaves_pages_with_a_message(tmp_path, monkeypatch, url, named):
    from tests.elements import open_page
    from tests.test_database_postgres import seen

    monkeypatch.setenv(database.URL_ENV, url.format(tmp=tmp_path))
    at = open_page("data")
    assert not at.exception
    summary = at.dataframe[0].value
    assert set(summary["Rows"]) == {0}
    assert summary["Check"].iloc[0].startswith(f"The database ({named}) cannot be reached")
    assert "s3cret" not in seen(" ".join(e.value for e in [*at.caption, *at.error]))
    if named.startswith("SQLite"):  # a readable URL: its refresher says when it tries again
        assert seen(at.error[0].value).startswith("The database cannot be reached and no data")


def test_the_period_has_two_ends_when_no_dataset_loaded():
    from kpop_explorer.links.filters import options_from_data

    this_year = pd.Timestamp.today().year
    options = options_from_data(None, None, None, None)
    assert (options.year_min, options.year_max) == (this_year, this_year + 1)
    one_year = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-03-01"]),
                             "country": ["FR", "DE"]})  # fmt: skip
    options = options_from_data(None, None, None, one_year)
    assert (options.year_min, options.year_max) == (2026, 2027)


def test_the_secret_of_community_cloud_chooses_the_database(shipped_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from kpop_explorer.links import site
    from tests.elements import APP
    from tests.test_database_postgres import captions

    monkeypatch.setenv(database.URL_ENV, "sqlite:////nowhere/overridden.db")  # secrets win
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["connections"] = {"kpop": {"url": f"sqlite:///{shipped_db}", "ttl": 120}}
    at.run()
    at.switch_page(site.page("data").script).run()
    assert not at.exception and not at.error
    lede = captions(at)
    assert "read from the database SQLite kpop.db, one table per dataset, again every 2 min" in lede
    assert at.dataframe[0].value["Rows"].tolist()[0] == 26  # the initiatives, from SQLite


def test_a_dataset_can_read_a_named_table_or_view_in_a_schema(hostile_db):
    with sqlite3.connect(hostile_db) as db:
        db.execute("CREATE VIEW plan_view AS SELECT * FROM initiatives WHERE budget_eur <> 'lots'")
    tables = (("initiatives", "main.plan_view"), ("live_events", "main.initiatives"))
    loaded = database.load_database(DatabaseSource(url=f"sqlite:///{hostile_db}", tables=tables))
    assert (loaded["initiatives"].rows_read, loaded["initiatives"].rows_skipped) == (2, 0)
    assert loaded["initiatives"].table == "main.plan_view"
    # A table of another dataset's shape: the missing columns named, that dataset only.
    assert loaded["live_events"].failure.key == "error.missing_columns"
    assert "event_id" in loaded["live_events"].failure.params["columns"]


def test_an_outage_in_the_middle_of_a_read_is_not_one_datasets_failure():
    def reader(schema):
        if schema.name == "live_events":  # the connection dies at the third table
            raise DatabaseUnavailable("OperationalError")
        return read_text_table(REPO_DATA_DIR / schema.file)

    with pytest.raises(DatabaseUnavailable):
        load_all(reader)
