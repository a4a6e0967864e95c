"""Contrast in both themes meets WCAG AA; every chart mark stays visible; charts have alt text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from components import style
from kpop_explorer import measures
from kpop_explorer.charts import figures, theme
from kpop_explorer.charts.contrast import (
    CAPTION_OPACITY,
    DARK_BACKGROUND,
    GRAPHICS_MINIMUM,
    LIGHT_BACKGROUND,
    TEXT_MINIMUM,
    blend,
    contrast,
    outline_weak_marks,
    pill_text,
)
from kpop_explorer.links import site
from kpop_explorer.measures import aggregates

REPO = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_theme_text_meets_aa(name):
    palette = CONFIG["theme"][name]
    assert contrast(palette["textColor"], palette["backgroundColor"]) >= TEXT_MINIMUM
    assert contrast(palette["textColor"], palette["secondaryBackgroundColor"]) >= TEXT_MINIMUM
    assert contrast(palette["linkColor"], palette["backgroundColor"]) >= TEXT_MINIMUM
    assert contrast(palette["primaryColor"], palette["backgroundColor"]) >= GRAPHICS_MINIMUM


def test_blend_and_pill_text_by_hand():
    assert blend("#000000", "#FFFFFF", 0.5) == "#808080"  # 127.5 rounds to 128
    assert blend("#1B2430", "#FFFFFF", 1.0) == "#1B2430"
    assert blend("#FF0000", "#0000FF", 0.25) == "#4000BF"  # 63.75 -> 64, 191.25 -> 191
    assert pill_text("#FFFFFF") == "#000000"
    assert pill_text("#000000") == "#FFFFFF"
    assert pill_text("#808080") == "#FFFFFF"  # luminance 0.216: Streamlit writes white on it


@pytest.mark.parametrize("name", ["light", "dark"])
def test_captions_meet_aa_on_the_page_and_the_sidebar(name):
    """Source lines, ledes and notes: Streamlit's 60% opacity gave 4.21:1 on white and 4.11:1
    on the sidebar; the app's CSS keeps CAPTION_OPACITY of the text colour."""
    palette = CONFIG["theme"][name]
    for background in (palette["backgroundColor"], palette["secondaryBackgroundColor"]):
        shown = blend(palette["textColor"], background, CAPTION_OPACITY)
        assert contrast(shown, background) >= TEXT_MINIMUM, (name, background)
    assert f"currentColor {round(CAPTION_OPACITY * 100)}%, transparent" in style._STYLE


@pytest.mark.parametrize("code", list(theme.STANDING_COLORS))
def test_standing_pills_and_map_colours_read_in_both_themes(code):
    """A scorecard pill's label (white or black, as Streamlit's grid picks it) reads 4.5:1 on its
    fill; the same colour on a map stands 3:1 against either theme's page."""
    fill = theme.STANDING_COLORS[code]
    assert contrast(pill_text(fill), fill) >= TEXT_MINIMUM
    for name in ("light", "dark"):
        palette = CONFIG["theme"][name]
        assert contrast(fill, palette["backgroundColor"]) >= GRAPHICS_MINIMUM, name


def test_contrast_module_uses_the_configured_backgrounds():
    assert CONFIG["theme"]["light"]["backgroundColor"] == LIGHT_BACKGROUND
    assert CONFIG["theme"]["dark"]["backgroundColor"] == DARK_BACKGROUND


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_palettes_are_distinct_within_each_meaning():
    for palette in (theme.FOCUS_COLORS, theme.STATUS_COLORS, theme.EVENT_TYPE_COLORS,
                    theme.PROGRAM_TYPE_COLORS):  # fmt: skip
        assert len(set(palette.values())) == len(palette)


@pytest.mark.parametrize("dark", [False, True])
def test_every_mark_is_visible_against_the_page(shipped, selection, t, dark):
    background = DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    built = [
        figures.portfolio_treemap(aggregates.portfolio(shipped["initiatives"]), t),
        figures.progress_bars(
            measures.progress_by_focus(
                selection.summary("initiative_id"), selection.frames["initiatives"]
            ),
            "focus_area", "focus", t, colors=theme.FOCUS_COLORS, axis_title="x",
        ),
        figures.ranking_bars(
            measures.participants_by_type(selection), "program_type", "actual", t,
            axis_title="x", color=theme.FOCUS_COLORS["music_innovation"],
        ),
    ]  # fmt: skip
    for figure in built:
        outline_weak_marks(figure, dark)
        for trace in figure.data:
            fill = trace.marker.colors if trace.type == "treemap" else trace.marker.color
            fills = fill if isinstance(fill, list | tuple) else [fill]
            weak = [c for c in fills if isinstance(c, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", c)
                    and contrast(c, background) < GRAPHICS_MINIMUM]  # fmt: skip
            if weak:
                assert contrast(trace.marker.line.color, background) >= GRAPHICS_MINIMUM


def test_every_chart_on_every_page_has_alt_text():
    for page in (REPO / site.PAGES_FOLDER).glob("*.py"):
        source = page.read_text(encoding="utf-8")
        panels = source.count("Panel(")
        assert source.count("alt=") + source.count('.alt"') >= panels, page.name
