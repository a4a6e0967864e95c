"""What a saved chart image carries around the chart: the panel's title, subtitle, source line
and mark, in the page's language, handed to the chart element (static/plotly/kpop-chart.js
draws them into the PNG and SVG; tests/browser/test_chart_images.py looks at the files)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.chart_panel import image_export
from kpop_explorer.charts.panels import Panel
from kpop_explorer.datasets.schemas import REFERENCE_LIVE_EVENTS
from kpop_explorer.i18n import Translator, catalog
from kpop_explorer.links import site
from tests.conftest import REPO
from tests.elements import arguments, charts

APP = str(REPO / "app.py")
fr = Translator("fr")


def given(lang: str, page: str = "overview") -> dict[str, dict]:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(site.page(page).script).run()
    assert not at.exception, at.exception
    return {chart.key: arguments(chart) for chart in charts(at)}


def test_a_french_page_hands_its_charts_french_titles_sources_and_the_mark():
    export = given("fr")["overview_progress_0"]["export"]
    assert export["title"] == "Prévu et réalisé par domaine d'action"
    before, after = catalog("fr")["overview.progress.subtitle"].split("{as_of}")
    assert export["subtitle"].startswith(before) and export["subtitle"].endswith(after)
    assert len(export["subtitle"]) > len(before) + len(after)  # the date is filled in
    assert export["source"] == fr(
        "chart.source_line", source=fr("source.illustrative")
    )  # as the caption
    assert export["illustrative"] is True and export["uploaded"] is False
    assert export["mark"] == "Données illustratives"
    assert export["notes"] == []
    assert export["filename"] == "prévu-et-réalisé-par-domaine-d-action"
    assert export["labels"] == {"png": "Télécharger en PNG", "svg": "Télécharger en SVG"}


def test_every_chart_of_a_page_carries_its_panel_text():
    exports = {key: value["export"] for key, value in given("en").items()}
    assert len(exports) == 4
    assert all(e["title"] and e["source"].startswith("Source: ") for e in exports.values())
    assert len({e["title"] for e in exports.values()}) == 4


def test_real_data_is_not_marked_illustrative():
    export = given("en", "history")["history_events_0"]["export"]
    assert export["source"] == f"Source: {REFERENCE_LIVE_EVENTS.source}"
    assert export["illustrative"] is False and export["mark"] is None


def panel(**changes) -> Panel:
    fields = dict(key="k", title="Événements <b>&</b>", subtitle="", table=pd.DataFrame(),
                  alt="")  # fmt: skip
    return Panel(**(fields | changes))


def context(lang: str = "en", uploaded: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(t=Translator(lang), uploaded_files=list(uploaded))


def test_uploaded_data_is_named_and_never_called_illustrative():
    export = image_export(context("ko", ("a.csv", "b.xlsx")), panel())
    ko = Translator("ko")
    uploaded = ko("source.uploaded", files="a.csv, b.xlsx")
    assert export["source"] == ko("chart.source_line", source=uploaded)
    assert export["mark"] == ko("chart.uploaded") and export["uploaded"] is True
    assert export["illustrative"] is False


def test_text_stays_as_written_and_the_reference_note_follows_the_source():
    export = image_export(context(), panel(source="KOCIS <2024>", reference_note="past events"))
    assert export["title"] == "Événements <b>&</b>"  # no Markdown escapes: the browser writes text
    assert export["source"] == "Source: KOCIS <2024>"
    assert export["mark"] == "Illustrative data"
    assert export["notes"] == ["Reference data: past events"]
    assert export["filename"] == "événements-b-b"
    assert image_export(context(), panel(illustrative=False))["mark"] is None


ESCAPED = ("\\(", "\\)", "\\.", "\\-", "\\!")


def test_an_image_holds_plain_text_and_no_instruction_meant_for_the_screen():
    t = Translator("en")
    overview = given("en")["overview_map_0"]["export"]
    assert overview["subtitle"] == "Events and education programmes per country."
    assert "lasso" not in overview["subtitle"]  # the screen's instruction stays on the screen
    live = given("en", "live_events")
    festival = live["reality_festival_0"]["export"]
    # The computed sentence as written: "(2026, ...) is 2.7 times ... K-pop", never escaped
    assert not [e for e in ESCAPED if e in festival["subtitle"]]
    assert "K-pop" in festival["subtitle"] and "." in festival["subtitle"]
    assert not any(e in x["export"]["subtitle"] for x in live.values() for e in ESCAPED)
    assert t("overview.map.hint") == "Click or lasso countries to focus the charts below."
