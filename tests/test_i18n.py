"""Every message exists in English, French and Korean, and numbers follow the locale."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from kpop_explorer import codes, history, measures, site
from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.tables import CODE_COLUMNS

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    p for folder in ("app.py", site.PAGES_FOLDER, "components", "kpop_explorer")
    for p in ([REPO / folder] if folder.endswith(".py") else (REPO / folder).rglob("*.py"))
]  # fmt: skip
VOCABULARIES = {
    "focus": codes.FOCUS_AREAS, "status": codes.STATUSES, "event_type": codes.EVENT_TYPES,
    "program_type": codes.PROGRAM_TYPES, "platform": codes.PLATFORMS, "metric": codes.METRICS,
    "audience": codes.AUDIENCES, "language": codes.PROGRAM_LANGUAGES, "kpi_unit": codes.KPI_UNITS,
    "standing": measures.STANDINGS, "kpi": (*measures.CATALOGUE, "members", "clubs"),
    "reference": history.NETWORK_CATEGORIES,
    "history.region": tuple(r.lower() for r in history.FAN_REGIONS),
}  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def keys_used_in_code() -> set[str]:
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_key_used_in_code_exists_in_english():
    missing = sorted(keys_used_in_code() - set(catalog("en")))
    assert missing == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_message_is_translated(lang):
    english, other = catalog("en"), catalog(lang)
    assert sorted(set(english) - set(other)) == [], f"untranslated in {lang}"
    assert sorted(set(other) - set(english)) == [], f"stale keys in {lang}"
    for key, text in english.items():
        assert other[key].strip(), f"{lang}:{key} is empty"
        assert placeholders(other[key]) == placeholders(text), f"{lang}:{key} placeholders"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_has_a_label(lang):
    t = Translator(lang)
    for vocabulary, values in VOCABULARIES.items():
        for code in values:
            assert f"{vocabulary}.{code}" in catalog(lang), f"{lang}: {vocabulary}.{code}"
            assert t.label(vocabulary, code).strip()
    assert set(CODE_COLUMNS.values()) <= set(VOCABULARIES)


def test_catalogues_are_valid_json_files():
    for lang in LANGUAGES:
        path = REPO / "kpop_explorer" / "locales" / f"{lang}.json"
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_english_data_dictionary_matches_the_schemas():
    """The Data page shows schema texts through the catalogue: they must not drift apart."""
    from kpop_explorer.schemas import SCHEMAS

    english = catalog("en")
    for schema in SCHEMAS.values():
        assert english[f"schema.{schema.name}.title"] == schema.title
        assert english[f"schema.{schema.name}.description"] == schema.description
        for column in schema.columns:
            assert english[f"schema.{schema.name}.{column.name}"] == column.description


def test_countries_sort_by_their_name_in_the_viewer_language():
    fr = Translator("fr")
    codes = ["AT", "DE", "EE", "ES", "CZ"]
    assert [fr.country(c) for c in sorted(codes, key=fr.country_sort_key)] == [
        "Allemagne", "Autriche", "Espagne", "Estonie", "Tchéquie",
    ]  # fmt: skip
    assert sorted(["GB", "DE"], key=Translator("ko").country_sort_key) == ["DE", "GB"]  # 독일, 영국
