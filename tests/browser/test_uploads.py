"""Bring your own data in a browser: checked, applied to this session only, never executed."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from kpop_explorer.datasets.loading import REPO_DATA_DIR
from kpop_explorer.i18n import Translator
from tests.browser.helpers import exceptions, kpis, settle, shoot

pytestmark = pytest.mark.browser
EN, FR = Translator("en"), Translator("fr")
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
MARKUP = '<img src=x onerror="alert(1)">Gala <script>alert(2)</script>'


def french_ticketing_export() -> tuple[bytes, pd.DataFrame]:
    """Twelve events as French Excel saves them, with markup and two broken rows."""
    events = pd.read_csv(REPO_DATA_DIR / "live_events.csv", dtype=str, keep_default_na=False)
    events = events.head(12).copy()
    events.loc[0, "name"] = MARKUP
    events.loc[1, "country"] = "Allemagne"
    events.loc[2, "capacity"] = "-5"  # file row 4
    events.loc[3, ["start_date", "end_date"]] = "31/12/2025"
    events.loc[4, "initiative_id"] = "INI-999"  # file row 6
    valid = events.drop(index=[2, 4])
    return events.to_csv(index=False, sep=";").encode("cp1252", errors="replace"), valid


def open_upload(page, server, dataset: str, t: Translator = EN) -> None:
    page.goto(f"{server}/data" + ("" if t.lang == "en" else f"?lang={t.lang}"))
    settle(page)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("upload.dataset"))
    picker.locator("input").click()
    page.keyboard.type(dataset)
    # Enter before the filtered list is drawn picks nothing, so the option is clicked once shown
    page.get_by_role("option", name=dataset, exact=True).click(timeout=30_000)
    expect(picker.locator("input")).to_have_value(dataset, timeout=30_000)
    settle(page)


def upload(page, name: str, data: bytes, outcome: str) -> None:
    """Send the file and wait for the check's `outcome` text: the run starts only once the file
    has reached the server, which a loaded machine may delay past any fixed wait."""
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_text(outcome).first.wait_for(timeout=60_000)
    settle(page)


def test_upload_is_checked_applied_and_stays_in_its_session(server, page, browser):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    data, valid = french_ticketing_export()
    open_upload(page, server, "Live events")
    upload(page, "billetterie.csv", data, "10 rows are valid")
    body = page.inner_text("body")
    assert "10 rows are valid and 2 rows have problems" in body
    problems = page.locator('[data-testid="stDataFrame"]').nth(1)
    assert problems.is_visible()
    assert "Read 2 date(s) written DD/MM/YYYY" in body
    shoot(page, "upload-report")
    page.get_by_role("button", name="Use the 10 valid rows in this session").click()
    settle(page)
    assert "now replaces Live events for this session (10 rows)" in page.inner_text("body")

    page.locator('[data-testid="stSidebarNav"] a', has_text="Live events").click()
    page.wait_for_url("**/live-events**")
    settle(page, 3)
    held = (valid["status"] == "completed").sum()  # held: the event took place (virtual too)
    assert kpis(page)["Events held"] == str(held)
    assert "You are viewing your uploaded data for: Live events" in page.inner_text("body")
    assert "Uploaded data" in page.inner_text("body")
    assert "Illustrative data" not in page.inner_text('[data-testid="stMain"]')
    assert page.locator("img[src=x]").count() == 0  # the markup is text, never an element
    assert dialogs == []
    assert exceptions(page) == []
    shoot(page, "upload-applied-live-events")

    other = browser.new_context().new_page()  # another viewer on the same server
    other.goto(f"{server}/live-events")
    settle(other, 3)
    assert "uploaded data" not in other.inner_text("body")
    assert kpis(other)["Events held"] != kpis(page)["Events held"]
    other.context.close()

    page.get_by_role("button", name="Back to the shipped data").click()
    settle(page, 3)
    assert "You are viewing your uploaded data" not in page.inner_text("body")


def test_unusable_file_is_refused_and_nothing_is_lost(server, page):
    open_upload(page, server, "Education programmes")
    upload(page, "attendance.csv", PNG_BYTES, "This file cannot be used")
    body = page.inner_text("body")
    assert "This file cannot be used" in body
    assert "Nothing was changed" in body
    assert exceptions(page) == []
    assert "You are viewing your uploaded data" not in body  # the shipped data stays active


def test_a_polish_partner_s_file_is_read_in_french_with_its_problems_named(server, page):
    """Windows-1250, a day that does not exist and a cell longer than Excel allows, in French."""
    events = pd.read_csv(REPO_DATA_DIR / "live_events.csv", dtype=str, keep_default_na=False)
    events = events.head(6).copy()
    events.loc[0, ["city", "country"]] = ["Łódź", "PL"]
    events.loc[1, "start_date"] = "31/02/2025"  # file row 3
    events.loc[2, "venue"] = "x" * 40_000  # file row 4
    data = events.to_csv(index=False, sep=";").encode("cp1250", errors="replace")
    open_upload(page, server, FR("schema.live_events.title"), FR)
    upload(page, "partenaire-lodz.csv", data, "Fichier lu comme texte Windows-1250.")
    body = page.inner_text("body")
    assert FR("upload.some_rejected", valid=4, rejected=2) in body
    assert exceptions(page) == []
    shoot(page, "upload-report-fr")
