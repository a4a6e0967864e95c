"""Loading: a broken or missing file yields a specific message, and only for its dataset."""

from __future__ import annotations

import shutil

import pytest

from kpop_explorer.datasets import loading
from kpop_explorer.datasets.loading import REPO_DATA_DIR, data_dir, files_signature, load_all


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA_DIR, target)
    return target


def test_shipped_data_loads_completely():
    loaded = load_all(REPO_DATA_DIR)
    assert set(loaded) == {
        "initiatives", "digital_metrics", "live_events", "education_programs",
        "reference_live_events", "reference_education", "reference_hallyu",
    }  # fmt: skip
    for dataset in loaded.values():
        assert dataset.error is None
        assert dataset.rows_skipped == 0
    assert len(loaded["initiatives"].frame) >= 24
    assert loaded["live_events"].frame["country"].nunique() >= 12
    assert len(loaded["live_events"].frame) >= 50
    assert len(loaded["education_programs"].frame) >= 80
    metrics = loaded["digital_metrics"].frame
    assert metrics["month"].nunique() >= 36
    assert metrics["country"].nunique() >= 12


def test_missing_file_breaks_only_its_dataset(data_copy):
    (data_copy / "live_events.csv").unlink()
    loaded = load_all(data_copy)
    assert loaded["live_events"].frame is None
    assert "live_events.csv is missing" in loaded["live_events"].error
    assert loaded["education_programs"].frame is not None
    assert loaded["initiatives"].error is None


def test_binary_file_is_reported_as_not_text(data_copy):
    (data_copy / "education_programs.csv").write_bytes(b"\xff\xfe\x00\x81garbage\x00")
    loaded = load_all(data_copy)
    assert "not valid UTF-8" in loaded["education_programs"].error


def test_empty_file_is_reported(data_copy):
    (data_copy / "digital_metrics.csv").write_text("")
    assert "is empty" in load_all(data_copy)["digital_metrics"].error


def test_file_with_wrong_columns_names_them(data_copy):
    (data_copy / "initiatives.csv").write_text("id,title\n1,x\n")
    loaded = load_all(data_copy)
    assert "lacks required column(s): initiative_id, name" in loaded["initiatives"].error
    # children still load, without the foreign-key check they cannot make
    assert loaded["live_events"].frame is not None


def test_bad_rows_are_skipped_and_listed(data_copy):
    path = data_copy / "live_events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("country")] = "XX"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_all(data_copy)["live_events"]
    assert dataset.rows_skipped == 1
    assert dataset.problems[["row", "column", "value"]].values.tolist() == [[2, "country", "XX"]]


def test_data_folder_is_configurable(monkeypatch, data_copy):
    monkeypatch.setenv(loading.DATA_DIR_ENV, str(data_copy))
    assert data_dir() == data_copy
    monkeypatch.delenv(loading.DATA_DIR_ENV)
    assert data_dir() == REPO_DATA_DIR


def test_signature_changes_when_a_file_changes(data_copy):
    before = files_signature(data_copy)
    with open(data_copy / "initiatives.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert files_signature(data_copy) != before
