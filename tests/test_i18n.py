"""Every message exists in English, French and Korean, and numbers follow the locale."""

from __future__ import annotations

import ast
import functools
import json
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from kpop_explorer import measures
from kpop_explorer.datasets import codes
from kpop_explorer.formats.tables import CODE_COLUMNS
from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.links import site
from kpop_explorer.measures import history, projection

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
    "event_status": codes.STATUSES, "program_status": codes.STATUSES,
    "method": projection.METHODS,
}  # fmt: skip


PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR's: `Translator.plural`


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
        path = REPO / "kpop_explorer" / "i18n" / "locales" / f"{lang}.json"
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_english_data_dictionary_matches_the_schemas():
    """The Data page shows schema texts through the catalogue: they must not drift apart."""
    from kpop_explorer.datasets.schemas import SCHEMAS

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


class _Uses(ast.NodeVisitor):
    """What the code says of message keys: every string it writes out, and every key it builds
    (f-strings, `format` templates, `label("vocabulary", code)`, `plural("key", n)`) as a
    pattern whose holes take one segment, or a dotted stem the code writes out."""

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.built: list[tuple[list[str | None], str]] = []  # (parts, None = a hole), where
        self.asked: list[tuple[list[str | None], str]] = []  # built keys passed to t(...)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.literals.add(node.value)
            if "{" in node.value:
                self.built.append((_format_parts(node.value), self.where(node)))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        parts = [str(v.value) if isinstance(v, ast.Constant) else None for v in node.values]
        self.built.append((parts, self.where(node)))
        for value in node.values:  # the code inside it; its constant parts are not keys
            if isinstance(value, ast.FormattedValue):
                self.visit(value)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            if name in ("label", "labels", "plural"):
                self.built.append(([first.value + ".", None], self.where(node)))
            if name == "keyed":
                self.asked.append((_format_parts(first.value), self.where(node)))
        if name == "t" and isinstance(first, ast.JoinedStr):
            parts = [str(v.value) if isinstance(v, ast.Constant) else None for v in first.values]
            self.asked.append((parts, self.where(node)))
        self.generic_visit(node)

    def where(self, node: ast.AST) -> str:
        return f"{self.path}:{node.lineno}"


def _format_parts(text: str) -> list[str | None]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:  # not a template
        return [text]
    parts: list[str | None] = []
    for literal, field, _, _ in parsed:
        parts += [literal] + ([None] if field is not None else [])
    return parts


@functools.cache
def uses() -> tuple[_Uses, Callable[[list[str | None]], re.Pattern]]:
    found = _Uses()
    for path in SOURCES:
        found.path = path.relative_to(REPO)
        found.visit(ast.parse(path.read_text(encoding="utf-8")))
    keys = set(catalog("en"))
    stems = sorted(
        {s for s in found.literals if "." in s and any(k.startswith(s + ".") for k in keys)},
        key=len,
        reverse=True,
    )
    hole = "(?:" + "".join(re.escape(s) + "|" for s in stems) + "[A-Za-z0-9_]+)"

    def pattern(parts: list[str | None]) -> re.Pattern:
        return re.compile("".join(hole if p is None else re.escape(p) for p in parts))

    return found, pattern


def test_every_message_is_used_where_the_code_writes_or_builds_its_key():
    """A key in the catalogues that no code writes out, and no key the code builds matches, is
    a message nobody sees: delete it, or write its key out where it is used."""
    found, pattern = uses()
    # A built key names its family first ("kpi.", "schema."): a pattern starting with a hole,
    # such as i18n's own f"{vocabulary}.{code}", would match any key (`label` calls stand in).
    built = [pattern(p) for p, _ in found.built if None in p and p[0] and "." in p[0]]
    labels = {  # `t.label(column, code)`: every code of a vocabulary
        f"{vocabulary}.{code}"
        for vocabulary, all_codes in VOCABULARIES.items()
        for code in all_codes
    }
    plurals = {f"{key}.{form}" for key in found.literals for form in PLURAL_FORMS}
    written = found.literals | labels | plurals
    unused = [
        key
        for key in sorted(catalog("en"))
        if key not in written and not any(p.fullmatch(key) for p in built)
    ]
    assert unused == []


def test_every_key_the_code_builds_for_a_message_finds_one_in_every_language():
    found, pattern = uses()
    for lang in LANGUAGES:
        keys = list(catalog(lang))
        lost = [where for parts, where in found.asked
                if not any(pattern(parts).fullmatch(k) for k in keys)]  # fmt: skip
        assert lost == [], f"{lang}: keys built here match no message"
