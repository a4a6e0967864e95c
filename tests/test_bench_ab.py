"""The bench's A/B (`bench/run.py --ab`) applies issue 19's decision rule to what it measured."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import run  # bench/ is a folder of scripts, not a package


def measured(a_change: list[float], b_change: list[float], a_render: float, b_render: float):
    """An A/B result as `ab_phase` returns it, built by hand."""
    result = {"variant": "A = x, B = y", **{k: (1.0, 1.0, 1.0) for k in ("load_before", "load_mid",
                                                                   "load_after")}}  # fmt: skip
    for name, change, render in (("A", a_change, a_render), ("B", b_change, b_render)):
        renders = [{"ms": render, "bytes": 1000, "connect_ms": 1, "run_ms": 1, "draw_ms": 1,
                    "runs": 1}] * 3  # fmt: skip
        changes = [{"ms": ms, "to_run_start_ms": 1, "run_ms": 1, "draw_ms": 1, "bytes": 1,
                    "runs": 1} for ms in change]  # fmt: skip
        result[name] = {
            "render": run.summarise_renders(renders, {}),
            "change": run.summarise_changes(changes),
        }
    result["change_cut"] = (
        1 - result["B"]["change"]["median_ms"] / result["A"]["change"]["median_ms"]
    )
    result["render_cut"] = (
        1 - result["B"]["render"]["median_ms"] / result["A"]["render"]["median_ms"]
    )
    return result


A_CHANGES = [200.0, 240.0, 250.0, 260.0, 300.0]  # median 250


@pytest.mark.parametrize(
    ("b_changes", "b_render", "verdict"),
    [
        ([x * 0.7 for x in A_CHANGES], 850.0, "met"),  # 30% and 15% cuts
        ([x * 0.8 for x in A_CHANGES], 850.0, "not met"),  # the change only 20% faster
        ([x * 0.7 for x in A_CHANGES], 950.0, "not met"),  # the first render only 5% faster
    ],
)
def test_the_decision_needs_both_cuts(b_changes, b_render, verdict):
    text = run.ab_text(measured(A_CHANGES, b_changes, 1000.0, b_render))
    assert text.splitlines()[-1].endswith(f": {verdict}")
    assert "| Filter change median (n=5 each) | 250 ms |" in text


def test_the_interval_holds_the_cut_and_is_narrow_only_when_samples_agree():
    low, high = run.cut_interval([250.0] * 5, [175.0] * 5)
    assert low == pytest.approx(0.3) and high == pytest.approx(0.3)
    noisy_b = [150.0, 180.0, 175.0, 260.0, 140.0]  # median 175: a 30% cut, give or take
    low, high = run.cut_interval(A_CHANGES, noisy_b)
    assert low <= 0.3 <= high and high - low > 0.1
