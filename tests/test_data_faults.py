"""A data file fails alone, in words, and nothing is left out unsaid (issue 26).

Each fault a data folder can hold (a folder or a pipe in a file's place, a file cut inside a
quoted cell, another encoding, wrong columns, a row of too many cells) on each dataset file:
that dataset alone fails, with a message naming the file by its name, never the server's path.
Rows of other datasets that lose their initiative are counted apart and said on the pages.
"""

from __future__ import annotations

import os
import re
import shutil

import pandas as pd
import pytest

from kpop_explorer.datasets import loading
from kpop_explorer.datasets.loading import DATA_DIR_ENV, REPO_DATA_DIR, load_all, load_dataset
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import PARENT_SET_ASIDE
from kpop_explorer.formats.tables import failure_text
from kpop_explorer.i18n import Translator
from tests.elements import open_page


def _folder(path):
    path.mkdir()
    (path / "inside.csv").write_text("a\n1\n")


def _pipe(path):
    os.mkfifo(path)  # reading it would wait for a writer for ever


def _cut_in_a_quote(path):
    header = (REPO_DATA_DIR / path.name).read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f'{header}\n{",".join(["x"] * header.count(","))},"cut here\n')


def _latin1(path):
    path.write_bytes("name\nCaf\xe9 cr\xe8me\n".encode("latin-1"))


def _wrong_columns(path):
    path.write_text("id,title\n1,x\n")


def _too_many_cells(path):
    header = (REPO_DATA_DIR / path.name).read_text(encoding="utf-8").splitlines()[0]
    fitting = ",".join(["x"] * (header.count(",") + 1))
    path.write_text(f"{header}\n{fitting}\n{fitting},x,x\n")


# The fault, and what its message must say (English), worked out from the fault itself.
FAULTS = {
    "folder": (_folder, "is a folder, not a file"),
    "pipe": (_pipe, "is not an ordinary file"),
    "cut": (_cut_in_a_quote, "a quote opened on line 2 is never closed"),
    "latin1": (_latin1, "is not valid UTF-8"),
    "columns": (_wrong_columns, "lacks required column(s)"),
    "cells": (_too_many_cells, "cells where the header has"),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("name", SCHEMAS)
def test_each_fault_of_each_file_is_said_by_name_alone(tmp_path, name, fault):
    schema = SCHEMAS[name]
    make, words = FAULTS[fault]
    make(tmp_path / schema.file)
    dataset = load_dataset(schema, tmp_path)
    assert dataset.frame is None
    assert words in dataset.error, dataset.error
    for lang in ("en", "fr", "ko"):
        shown = failure_text(dataset.failure, Translator(lang))
        assert str(tmp_path) not in shown and "{" not in shown
        assert schema.file in shown or fault == "columns"  # the page adds "data/<file>"


def test_a_quote_cut_short_and_a_long_row_give_their_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,2\n3,4\n5,"never\nclosed\n')
    with pytest.raises(loading.DataFileError) as cut:
        loading.read_text_table(path)
    assert "a quote opened on line 4 is never closed" in str(cut.value)  # line 4 holds `5,"`
    path.write_text("a,b\n1,2\n3,4,5,6\n")
    with pytest.raises(loading.DataFileError) as long_row:
        loading.read_text_table(path)
    assert "line 3 has 4 cells where the header has 2" in str(long_row.value)


def test_a_missing_file_names_no_server_path(tmp_path):
    dataset = load_dataset(SCHEMAS["reference_education"], tmp_path)
    for lang in ("en", "fr", "ko"):
        shown = failure_text(dataset.failure, Translator(lang))
        assert "reference_education.csv" in shown and str(tmp_path) not in shown
    assert dataset.error == "The file reference_education.csv is missing from the data folder."


def test_an_unforeseen_fault_stops_its_dataset_only(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(loading, "validate", broken)
    (tmp_path / "initiatives.csv").write_text("a\n1\n")
    dataset = load_dataset(SCHEMAS["initiatives"], tmp_path)
    assert dataset.frame is None and "(KeyError)" in dataset.error


# --- Rows that lose their initiative -------------------------------------------------------


@pytest.fixture(scope="module")
def bad_initiatives(tmp_path_factory):
    """The shipped data with the initiatives of the first event, programme and digital row
    broken: a budget "lots", a country "Narnia", a start "yesterday"."""
    target = tmp_path_factory.mktemp("cascade") / "data"
    shutil.copytree(REPO_DATA_DIR, target)
    raw = pd.read_csv(target / "initiatives.csv", dtype=str, keep_default_na=False)
    faults = [("budget_eur", "lots"), ("lead_country", "Narnia"), ("start_date", "yesterday")]
    gone = set()
    for name, (column, value) in zip(("live_events", "education_programs", "digital_metrics"),
                                     faults, strict=True):  # fmt: skip
        child = pd.read_csv(target / SCHEMAS[name].file, dtype=str, nrows=1)
        initiative = child.loc[0, "initiative_id"]
        raw.loc[raw["initiative_id"] == initiative, column] = value
        gone.add(initiative)
    raw.to_csv(target / "initiatives.csv", index=False)
    return target, gone


def test_rows_of_a_left_out_initiative_are_counted_apart(bad_initiatives):
    target, gone = bad_initiatives
    loaded = load_all(target)
    assert loaded["initiatives"].set_aside_ids == gone
    assert loaded["initiatives"].rows_skipped == len(gone)
    for name in ("digital_metrics", "live_events", "education_programs"):
        raw = pd.read_csv(REPO_DATA_DIR / SCHEMAS[name].file, dtype=str)
        orphans = int(raw["initiative_id"].isin(gone).sum())
        assert orphans > 0
        dataset = loaded[name]
        assert (dataset.rows_skipped, dataset.rows_orphaned) == (orphans, orphans)
        assert {r.key for r in dataset.problems["reason"]} == {PARENT_SET_ASIDE}
        message = loading.left_out_message(dataset)
        total = len(raw)
        title = Translator("en")(f"schema.{name}.title")
        assert str(message) == (
            f"{orphans} of {total} rows of {title} are left out here, {orphans} of them "
            "because their initiative was left out."
        ).replace(f" {total} ", f" {total:,} " if total >= 10_000 else f" {total} ")


def test_an_id_that_never_existed_is_not_counted_as_left_out(tmp_path):
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "live_events.csv"
    shutil.copy(REPO_DATA_DIR / "live_events.csv", path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw.loc[0, "initiative_id"] = "INI-999"
    raw.to_csv(path, index=False)
    initiatives = pd.read_csv(REPO_DATA_DIR / "initiatives.csv", dtype=str)
    known = {"initiatives.initiative_id": set(initiatives["initiative_id"])}
    events = load_dataset(SCHEMAS["live_events"], tmp_path / "data", known, {})
    assert (events.rows_skipped, events.rows_orphaned) == (1, 0)
    assert str(loading.left_out_message(events)) == (
        f"1 of {len(raw)} rows of Live events are left out here because they break the "
        "data's rules."
    )


# --- Every page with broken files (AppTest) ------------------------------------------------


@pytest.fixture
def broken_folder(tmp_path, monkeypatch):
    """Every reference file broken a different way, and live events cut inside a quote."""
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA_DIR, target)
    for name, fault in [("reference_hallyu", "folder"), ("reference_live_events", "pipe"),
                        ("reference_education", "latin1"), ("live_events", "cut")]:  # fmt: skip
        (target / SCHEMAS[name].file).unlink()
        FAULTS[fault][0](target / SCHEMAS[name].file)
    monkeypatch.setenv(DATA_DIR_ENV, str(target))
    return target


NEEDS = {  # which broken file each page must name; the others must work
    "overview": ["live_events.csv"],
    "digital": [],
    "live_events": ["live_events.csv"],
    "education": [],
    "history": ["reference_live_events.csv", "reference_education.csv", "reference_hallyu.csv"],
    "initiatives": ["live_events.csv"],
    "data": [],
}


@pytest.mark.parametrize("page", NEEDS)
def test_every_page_with_broken_files_names_only_what_it_needs(broken_folder, page):
    at = open_page(page)  # asserts no exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert str(broken_folder) not in errors
    files = ["live_events.csv", *(f"reference_{n}.csv" for n in ("live_events", "education",
                                                                   "hallyu"))]  # fmt: skip
    named = sorted(f for f in files if re.search(rf"(?<!\w){re.escape(f)}", errors))
    if page == "data":
        assert not at.error or all("data/" not in e.value for e in at.error)
    else:
        assert named == sorted(NEEDS[page])


def test_the_overview_says_what_each_dataset_left_out(bad_initiatives, monkeypatch):
    target, gone = bad_initiatives
    monkeypatch.setenv(DATA_DIR_ENV, str(target))
    at = open_page("overview")
    shown = [w.value.replace("\\", "") for w in at.warning]
    t = Translator("en")
    initiatives = len(pd.read_csv(REPO_DATA_DIR / "initiatives.csv"))
    expected = [f"{len(gone)} of {initiatives} rows of Initiatives are left out here because "
                "they break the data's rules."]  # fmt: skip
    for name in ("live_events", "education_programs", "digital_metrics"):
        raw = pd.read_csv(REPO_DATA_DIR / SCHEMAS[name].file, dtype=str)
        n = int(raw["initiative_id"].isin(gone).sum())
        expected.append(f"{n} of {len(raw)} rows of {t(f'schema.{name}.title')} are left out "
                        f"here, {n} of them because their initiative was left out.")  # fmt: skip
    assert sorted(s for s in shown if "left out here" in s) == sorted(expected)
    links = [p for p in at.get("page_link") if "Data page" in p.proto.label]
    assert len(links) == 4
