"""Row problems: dates the app cannot draw, impossible days, months not on the 1st; reasons as
message keys that every catalogue translates; files in Central European encodings; stories."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from kpop_explorer.datasets.intake import check_upload
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import validate
from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.i18n.messages import Message
from kpop_explorer.uploads import read_table
from kpop_explorer.views.story import StoryError, parse_story

ROOT = Path(__file__).resolve().parents[1]
FR, KO, EN = Translator("fr"), Translator("ko"), Translator("en")
METRICS = SCHEMAS["digital_metrics"]


def metrics_rows(months: list[str]) -> pd.DataFrame:
    """One valid metrics row per month (distinct countries keep the key unique)."""
    countries = ["FR", "DE", "ES", "IT", "NL", "BE", "PL", "CZ", "HU", "AT", "PT", "SE"]
    return pd.DataFrame(
        {
            "month": months,
            "country": countries[: len(months)],
            "platform": "music_streaming",
            "initiative_id": "INI-001",
            "metric": "streams",
            "target": "100",
            "actual": "90",
        }
    )


def reasons(months: list[str]) -> dict[str, str]:
    """month as written -> the English reason given for it ('' when the row is valid)."""
    checked = validate(metrics_rows(months), METRICS)
    pairs = zip(checked.problems["row"], checked.problems["reason"], strict=True)
    by_row = {row: str(reason) for row, reason in pairs}
    return {month: by_row.get(position + 2, "") for position, month in enumerate(months)}


def test_dates_outside_what_the_app_draws_are_refused_with_the_range():
    out = "a date outside 1900-01-01 to 2099-12-31"
    assert reasons(
        ["0000-01-01", "1899-12-01", "1900-01-01", "2099-12-01", "2100-01-01", "9999-12-01"]
    ) == {
        "0000-01-01": out,
        "1899-12-01": out,
        "1900-01-01": "",
        "2099-12-01": "",
        "2100-01-01": out,
        "9999-12-01": out,
    }


def test_the_last_drawable_day_is_kept_in_a_daily_column():
    events = SCHEMAS["reference_live_events"]
    frame = pd.DataFrame({c: [""] for c in events.column_names})
    assert events.column("date_end").kind == "date"
    for name, value in (("date_start", "2099-12-31"), ("date_end", "2100-01-01")):
        frame[name] = value
    problems = validate(frame, events).problems
    dates = problems[problems["column"].isin(["date_start", "date_end"])]
    assert dates[["column", "reason"]].astype(str).values.tolist() == [
        ["date_end", "a date outside 1900-01-01 to 2099-12-31"]
    ]


def test_a_day_that_does_not_exist_is_no_such_date_in_any_form():
    """31/02/2025 is a date's shape with no such day: not 'not YYYY-MM-DD'."""
    data = "\n".join(["month,country,platform,initiative_id,metric,target,actual"] + [
        f"{month},{country},music_streaming,INI-001,streams,100,90"
        for month, country in (("31/02/2025", "FR"), ("2025-02-30", "DE"), ("2025-13-01", "ES"),
                               ("01/03/2025", "IT"), ("soon", "NL"), ("2025-3", "BE"))
    ]).encode()  # fmt: skip
    check = check_upload("m.csv", data, METRICS)
    shown = dict(zip(check.validated.problems["value"], check.validated.problems["reason"],
                     strict=True))  # fmt: skip
    assert {value: str(reason) for value, reason in shown.items()} == {
        "31/02/2025": "no such date",
        "2025-02-30": "no such date",
        "2025-13-01": "no such date",
        "soon": "not a date in the form YYYY-MM-DD",
        "2025-3": "not a date in the form YYYY-MM-DD",
    }
    assert check.rows_valid == 1  # 01/03/2025, read as 1 March
    assert shown["31/02/2025"].text(FR) == "cette date n'existe pas"


def test_a_month_must_be_its_first_day():
    assert reasons(["2025-03-15", "2025-03-01", "2025-04-30"]) == {
        "2025-03-15": "not the first day of a month (YYYY-MM-01)",
        "2025-03-01": "",
        "2025-04-30": "not the first day of a month (YYYY-MM-01)",
    }
    # Daily columns keep any day.
    initiatives = SCHEMAS["initiatives"]
    assert not initiatives.column("start_date").first_of_month


# --- reasons are keys, and every key is translated

REASON_KEY = re.compile(r'"(reason\.[a-z_]+)"')


def reason_keys_in_code() -> set[str]:
    datasets = ROOT / "kpop_explorer" / "datasets"
    sources = [datasets / "validation.py", datasets / "schemas.py"]
    return {key for path in sources for key in REASON_KEY.findall(path.read_text())}


def test_every_reason_key_in_the_code_is_in_every_catalogue():
    used = reason_keys_in_code()
    assert {"reason.no_such_date", "reason.too_long", "reason.end_before_start"} <= used
    for lang in LANGUAGES:
        assert sorted(used - set(catalog(lang))) == [], lang
    unused = {key for key in catalog("en") if key.startswith("reason.")} - used
    assert sorted(unused) == []


def test_every_rule_broken_at_once_gives_keyed_reasons_read_in_each_language():
    """A row breaking every rule of live_events: each reason is a key, none is English text
    carried through, and the French and Korean texts are the catalogues' own."""
    events = SCHEMAS["live_events"]
    good = {c.name: "" for c in events.columns}
    bad = dict.fromkeys(events.column_names, "?")
    bad.update({"start_date": "2025-05-02", "end_date": "2025-05-01", "capacity": "10",
                "attendance": "-5", "latitude": "91", "source_url": "ftp://x"})  # fmt: skip
    frame = pd.DataFrame([bad, bad, good])
    problems = validate(frame, events, {"initiatives.initiative_id": {"INI-001"}}).problems
    keys = {reason.key for reason in problems["reason"]}
    assert all(isinstance(reason, Message) for reason in problems["reason"])
    assert {"reason.required", "reason.not_number", "reason.not_allowed", "reason.above_max",
            "reason.below_min", "reason.duplicate_id", "reason.unknown_id",
            "reason.end_before_start", "reason.unknown_country"} <= keys  # fmt: skip
    for reason in problems["reason"]:
        for t in (FR, KO):
            assert reason.text(t) == t(reason.key, **reason.params)
            assert reason.key not in reason.text(t)  # the key was found in the catalogue


def test_the_rejected_rows_download_in_the_viewer_s_language():
    checked = validate(metrics_rows(["2025-03-15", "2025-04-01"]), METRICS)
    french = checked.rejected_in(FR)
    assert french["row"].tolist() == [2]
    assert french["problems"].tolist() == ["month: pas le premier jour d'un mois (AAAA-MM-01)"]
    assert checked.rejected["problems"].tolist() == [
        "month: not the first day of a month (YYYY-MM-01)"
    ]


# --- Central European files

CENTRAL = [
    ("Polish", "Festiwal K-pop w Łodzi", "Łódź"),
    ("Czech", "Týden korejské kultury v Brně", "Plzeň"),
    ("Hungarian", "K-pop fesztivál Győrben", "Győr"),
]


@pytest.mark.parametrize(("language", "name", "city"), CENTRAL)
def test_windows_1250_files_keep_their_names_and_say_so(language, name, city):
    data = f"event_id;name;city\r\nEVT-1;{name};{city}\r\nEVT-2;Koncert;Pécs\r\n"
    table = read_table("partner.csv", data.encode("cp1250"))
    assert table["name"].tolist() == [name, "Koncert"], language
    assert table["city"].tolist() == [city, "Pécs"]
    assert table.attrs["notes"][0] == "Read the file as Windows-1250 text."
    assert table.attrs["notes"][0].text(FR) == "Fichier lu comme texte Windows-1250."


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        ("nom;ville\r\nFête de la K-pop à Orléans;Besançon\r\n", "cp1252", "Windows-1252"),
        ("Name;Stadt\r\nK-Pop in Köln;München\r\n", "cp1252", "Windows-1252"),
        ("name;city\r\nMúsica coreana;A Coruña\r\n", "cp1252", "Windows-1252"),
        ("name;city\r\nŁódź;Győr\r\n", "utf-8", "UTF-8"),
    ],
)
def test_western_and_utf8_files_are_read_as_before(text, encoding, label):
    table = read_table("a.csv", text.encode(encoding))
    assert table.iloc[0].tolist() == text.split("\r\n")[1].split(";")
    assert table.attrs["notes"][0] == f"Read the file as {label} text."


# --- the presenter's story file


def test_story_errors_read_in_each_language():
    with pytest.raises(StoryError) as broken:
        parse_story('{"steps": [{"view": "nowhere"}]}')
    assert str(broken.value) == (
        "Step 1: 'view' must be one of overview, digital, live-events, education, history."
    )
    assert broken.value.text(FR) == (
        "Étape 1 : « view » doit valoir l'une des vues overview, digital, live-events, education, "
        "history."
    )
    assert broken.value.text(KO).startswith("1단계: 'view'는 ")
    with pytest.raises(StoryError) as not_json:
        parse_story("{")
    assert not_json.value.key == "story_error.not_json"
    assert not_json.value.text(FR).startswith("Le parcours n'est pas un JSON valide (ligne 1 : ")
    with pytest.raises(StoryError) as no_steps:
        parse_story('{"steps": []}')
    assert no_steps.value.text(KO) == "스토리에는 비어 있지 않은 'steps' 목록이 있어야 합니다."
