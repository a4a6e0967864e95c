"""Each column's declared kind, and how a file and a slide write it: values worked out here."""

from __future__ import annotations

import datetime
import io

import pandas as pd

from kpop_explorer.exports.spreadsheets import to_csv_bytes
from kpop_explorer.formats import columns
from kpop_explorer.formats.columns import Kind, csv_frame, excel_formats, kind_of, text
from kpop_explorer.formats.tables import for_display
from kpop_explorer.i18n import Translator

en, fr, ko = Translator("en"), Translator("fr"), Translator("ko")


def test_measures_take_their_kind_from_the_catalogue():
    assert kind_of("satisfaction").name == columns.RATING  # the catalogue's "rating"
    assert kind_of("utilisation").name == columns.SHARE  # "percent"
    assert kind_of("budget_eur").name == columns.MONEY  # budget's value column
    assert kind_of("attendance").name == columns.COUNT  # a ratio's numerator stays a count
    assert kind_of("opening_year").name == columns.YEAR
    assert kind_of("unknown", pd.Series([True])).name == columns.FLAG


def shown() -> pd.DataFrame:
    return for_display(
        pd.DataFrame(
            {
                "events": [5.0, 12.0],  # whole numbers held as floats
                "due": [45_035.8, 10.2],  # a count due pro rata: shown whole
                "attainment": [0.797_6, 1.061_2],
                "budget_eur": [1_000.0, 2_500.4],
                "start_date": pd.to_datetime(["2026-05-30", "2025-01-02"]),
                "satisfaction": [4.2, 4.38],
            }
        ),
        en,
    )


def test_a_csv_writes_whole_numbers_shares_as_fractions_and_iso_dates():
    written = to_csv_bytes(csv_frame(shown(), en)).decode("utf-8-sig").splitlines()
    assert written[0] == (
        'Events,Due by now,"Share of what was due (fraction, 1 = 100%)",Budget (EUR),Start,'
        "Satisfaction (1–5)"
    )
    assert written[1] == "5,45036,0.798,1000,2026-05-30,4.2"
    assert written[2] == "12,10,1.061,2500,2025-01-02,4.4"


def test_excel_formats_show_what_the_screen_shows():
    assert excel_formats(shown(), en) == {
        "Events": "#,##0", "Due by now": "#,##0", "Share of what was due": "0.0%",
        "Budget (EUR)": '#,##0 "€"', "Satisfaction (1–5)": "0.0",
    }  # fmt: skip


def test_a_slide_writes_each_kind_in_its_language():
    share, count, rating = Kind(columns.SHARE), Kind(columns.COUNT), Kind(columns.RATING)
    assert text(0.7976, share, en) == "79.8%"
    assert text(0.7976, share, fr) == "79,8\xa0%"
    assert text(19_102_000, count, fr) == "19\u202f102\u202f000"
    assert text(19_102_000, count, ko) == "19,102,000"
    assert text(4.38, rating, fr) == "4,4"
    assert text(2011.0, Kind(columns.YEAR), en) == "2011"
    assert text(True, Kind(columns.FLAG), fr) == "oui"
    assert text("king_sejong_institute", Kind(columns.CODE, "reference"), ko) == "세종학당"
    assert text(datetime.date(2026, 5, 30), Kind(columns.DATE), en) == "30 May 2026"
    assert text(None, count, en) == "–"


def test_a_share_read_back_from_the_csv_is_the_fraction():
    back = pd.read_csv(io.BytesIO(to_csv_bytes(csv_frame(shown(), en))))
    assert back.iloc[:, 2].tolist() == [0.798, 1.061]
