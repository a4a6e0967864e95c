"""Which addresses are stray, and which page they most likely meant (issue 26)."""

from __future__ import annotations

import pytest

from kpop_explorer.links import site


@pytest.mark.parametrize(
    ("requested", "stray", "meant"),
    [
        ("", None, None),
        ("digital", None, "digital"),
        ("live-events", None, "live_events"),
        ("present", None, None),
        ("DIGITAL", "DIGITAL", "digital"),
        ("/Live_Events/", "Live_Events", "live_events"),
        ("overview", "overview", "overview"),
        ("nonexistent", "nonexistent", None),
        ("digital/extra", None, None),  # nested: no page can be served there
        ("a b", None, None),
        ("x" * 81, None, None),
    ],
)
def test_stray_paths_and_what_they_meant(requested, stray, meant):
    assert site.stray_path(requested) == stray
    found = site.meant(requested)
    assert (found.key if found else None) == meant
