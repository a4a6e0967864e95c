"""The explorer on a real PostgreSQL server and on SQLite: the pages show the numbers they show
on the CSV folder, and a server stopped in the middle of a session costs freshness, not the app.

The server is Debian's `postgresql` (installed by `./dev test`), on a temporary directory and a
free loopback port, started once for this module and stopped after.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest
import sqlalchemy

from components import cached
from kpop_explorer.datasets import database
from kpop_explorer.i18n import Translator
from kpop_explorer.links import site
from scripts.load_database import main as load_main
from tests.elements import open_page
from tests.postgres_server import PostgresServer, binaries

t = Translator("en")


@pytest.fixture(scope="module")
def postgres():
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: ./dev test installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (./dev test installs it)")
    server = PostgresServer(bin_dir)
    server.init()
    server.start()
    try:
        assert load_main([server.url]) == 0  # the shipped CSV files, by the ./dev db script
        yield server
    finally:
        server.stop()
        server.remove()


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'kpop.db'}"
    assert load_main([url]) == 0
    return url


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame in one row order, for comparing reads that came in different orders."""
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def seen(markdown: str) -> str:
    """Text as a reader sees it: plain()'s escapes and invisible joiners undone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def captions(at) -> str:
    """Every caption of the run as a reader sees it, wherever it sits (the Share and export menu
    draws its own first)."""
    return "\n".join(seen(caption.value) for caption in at.caption)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_postgres_reads_the_same_frames_as_the_files(postgres, shipped):
    from_db = database.load_database(database.DatabaseSource(url=postgres.url))
    for name, dataset in from_db.items():
        assert dataset.failure is None, name
        pd.testing.assert_frame_equal(canonical(dataset.frame), canonical(shipped[name]))


def test_postgres_sessions_are_read_only(postgres):
    engine = database.create_engine(database.DatabaseSource(url=postgres.url))
    with engine.connect() as connection, pytest.raises(sqlalchemy.exc.InternalError) as error:
        connection.execute(sqlalchemy.text("DELETE FROM initiatives"))
    engine.dispose()
    assert "read-only transaction" in str(error.value)


def test_a_query_slower_than_the_timeout_is_an_outage(postgres):
    writer = sqlalchemy.create_engine(postgres.url)
    with writer.begin() as connection:
        connection.execute(sqlalchemy.text(
            "CREATE OR REPLACE VIEW slow_hallyu AS "
            "SELECT h.* FROM reference_hallyu h, pg_sleep(5) AS pause"))  # fmt: skip
    writer.dispose()
    source = database.DatabaseSource(
        url=postgres.url, tables=(("reference_hallyu", "slow_hallyu"),), timeout=1
    )
    with pytest.raises(database.DatabaseUnavailable, match="QueryCanceled"):
        database.load_database(source)


CHART_PAGES = ("overview", "digital", "live_events", "education")


def numbers_on_every_page(at) -> dict[str, dict[str, str]]:
    """The KPI cards and headline of each chart page, in one session (the data loads once)."""
    seen_pages = {}
    for page in CHART_PAGES:
        if page != "overview":
            at.switch_page(site.page(page).script).run()
        assert not at.exception and not at.error, page
        headline = [m.value for m in at.markdown if m.value.startswith("## ")]
        seen_pages[page] = {**metrics(at), "headline": headline}
    return seen_pages


def test_pages_show_the_same_numbers_on_files_sqlite_and_postgresql(
    postgres, sqlite_url, monkeypatch, shipped
):
    monkeypatch.delenv(database.URL_ENV, raising=False)
    on_files = numbers_on_every_page(open_page("overview"))
    assert all(len(cards) >= 4 for cards in on_files.values())  # 3 or more cards and a headline
    # Worked out from the shipped frames, as tests/test_pages.py does.
    budget = shipped["initiatives"]["budget_eur"].sum()
    assert on_files["overview"]["Budget"] == t.money(budget, compact=True)
    # Trust authentication ignores the password: it is here to show it is never shown.
    with_password = postgres.url.replace("kpop@", "kpop:s3cret-pw@")
    for url in (sqlite_url, with_password):
        monkeypatch.setenv(database.URL_ENV, url)
        at = open_page("overview")
        assert numbers_on_every_page(at) == on_files, url
    # The Data page names the database, its host and when it was read; never the credentials.
    at.switch_page(site.page("data").script).run()
    assert not at.exception and not at.error
    lede = captions(at)
    assert f"from the database PostgreSQL postgres @ 127.0.0.1:{postgres.port}," in lede
    assert "Read from the database on " in lede
    shown = seen(" ".join(e.value for e in [*at.caption, *at.markdown, *at.info, *at.warning]))
    assert "s3cret-pw" not in shown and "kpop:" not in shown


def test_an_outage_keeps_the_last_good_data_and_fresh_data_follows(postgres, monkeypatch, shipped):
    url = postgres.create_database("outage")  # its own copy: this test changes a budget
    assert load_main([url]) == 0
    monkeypatch.setenv(database.URL_ENV, url)
    monkeypatch.setenv(database.TTL_ENV, "600")
    at = open_page("overview")
    before = metrics(at)
    weakest = at.dataframe[0].value.set_index("Country").loc["Netherlands"].iloc[-1]
    assert weakest != t.percent(0)  # the Netherlands' weakest measure before the change
    refresher = cached.refresher()
    now = [refresher.read_at]
    refresher.clock = lambda: now[0]  # the test moves time, instead of waiting ten minutes
    try:
        postgres.stop()
        now[0] += 600  # the time to live has passed and the server is down
        at.run()
        assert not at.exception
        assert metrics(at) == before  # the last good data stays
        stale = [w.value for w in at.warning if w.value.startswith("Stale since")]
        assert len(stale) == 1 and "the database cannot be reached" in stale[0]
        assert refresher.stale_since == now[0] and refresher.read_at == now[0] - 600
        postgres.start()
        # The server is back, with a budget and the Netherlands' digital results changed
        # meanwhile (all measured as 0); the next attempt is 30 s later.
        first = shipped["initiatives"]["initiative_id"].iloc[0]
        writer = sqlalchemy.create_engine(url)
        with writer.begin() as connection:
            connection.execute(
                sqlalchemy.text("UPDATE initiatives SET budget_eur = budget_eur + 1e9 "
                                "WHERE initiative_id = :id"), {"id": first},
            )  # fmt: skip
            connection.execute(sqlalchemy.text(
                "UPDATE digital_metrics SET actual = 0 WHERE country = 'NL' AND actual IS NOT NULL"
            ))  # fmt: skip
        writer.dispose()
        now[0] += 29
        at.run()
        assert metrics(at) == before and refresher.stale_since is not None  # not yet
        now[0] += 1
        at.run()
        assert not at.exception
        assert (refresher.read_at, refresher.stale_since) == (now[0], None)
        budget = shipped["initiatives"]["budget_eur"].sum() + 1e9
        assert metrics(at)["Budget"] == t.money(budget, compact=True)
        # The shared scorecard follows the new read too: a measure at 0 is the weakest, at 0%.
        scorecard = at.dataframe[0].value.set_index("Country")
        assert scorecard.loc["Netherlands", "Weakest, share of what was due"] == t.percent(0)
        assert not [w for w in at.warning if w.value.startswith("Stale since")]
    finally:
        postgres.start()  # for the other tests, if this one failed with the server down
        cached._refresher.clear()
