"""Text from data, files or links never becomes Markdown: no image, link, code, HTML, maths or
icon is made from it, on any page (AppTest over a data folder whose every text cell is hostile).

The page test parses every Markdown string the app sends, the way Streamlit's renderer does
(CommonMark, GFM tables, strikethrough and autolinks, dollar maths) and looks for anything but
text. `plain` itself is checked the same way on any text, and in Chromium by
tests/browser/test_hostile_text.py.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import unquote

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from streamlit.testing.v1 import AppTest

from kpop_explorer.datasets.loading import DATA_DIR_ENV, REPO_DATA_DIR, load_all
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.i18n.text import WORD_JOINER, plain
from kpop_explorer.links import site
from tests.conftest import REPO
from tests.elements import open_expanders

MARKDOWN = (
    MarkdownIt("commonmark", {"linkify": True})
    .enable(["linkify", "table", "strikethrough"])
    .use(dollarmath_plugin)
)
TEXT_TOKENS = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
               "heading_open", "heading_close", "strong_open", "strong_close"}  # fmt: skip
# What Streamlit's renderer would make of HOSTILE's text once Markdown has undone the escapes
# (the app's own badges and icons use other names).
STREAMLIT_TEXT_SYNTAX = re.compile(r":material/skull:|:smile:|:red\[|:primary-badge\[")

# One cell that tries everything: images, links, autolinks, HTML, code, icons, colours, maths,
# emphasis, a heading and an indented code block on a new line.
HOSTILE = (
    "![img](http://127.0.0.1:9/x.png) [link](http://127.0.0.1:9/) www.evil.example "
    "someone@evil.example <img src=x onerror=alert(1)> <b>bold</b> `code` :material/skull: "
    ":red[red] :primary-badge[badge] $x^2$ **strong** ~~gone~~ :smile: &lt;i&gt; # title"
    "\n\n    indented code\n| a | b |"
)
HOSTILE_ID = "![i](http://127.0.0.1:9/i.png) `id` :material/skull: <b>id</b>"
# A source address the validator accepts (each ' | '-separated part starts with http(s)://) that
# tries to end its link early, open another, and carry HTML, code, icons and maths.
HOSTILE_URL = (
    "https://evil.example/{i})](javascript:alert(1))<b>x</b>`c`:material/skull:$x^2$"
    "?q=![i](http://127.0.0.1:9/i.png) | http://127.0.0.1:9/{i}/a)[b](http://127.0.0.1:9/c)"
)


LIST_TOKENS = {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}


def _links_to(tokens, sources: frozenset[str]) -> bool:
    """Whether `tokens` are a link to one of `sources` with a label of plain text."""
    return (
        len(tokens) >= 2
        and tokens[0].type == "link_open"
        and unquote(str(tokens[0].attrs.get("href"))) in sources
        and tokens[-1].type == "link_close"
        and all(tok.type == "text" for tok in tokens[1:-1])
    )


def elements(markdown: str, sources: frozenset[str] = frozenset()) -> list[str]:
    """The kinds of element `markdown` makes, besides plain text. A link is text too when it
    goes to exactly one of `sources` (the data's validated source addresses) with a plain label,
    and so is a list when each of its items is such a link and nothing else."""
    made = []
    parsed = MARKDOWN.parse(markdown)
    inlines = [token.children or [] for token in parsed if token.type == "inline"]
    source_list = any(token.type in LIST_TOKENS for token in parsed) and all(
        _links_to(children, sources) for children in inlines
    )
    for token in parsed:
        children = token.children or []
        if _links_to(children, sources):
            children = children[1:-1]  # the label's text is still checked below
        for tok in [token, *children]:
            if source_list and tok.type in LIST_TOKENS:
                continue
            if tok.type not in TEXT_TOKENS:
                made.append(tok.type)
            elif tok.type == "text" and STREAMLIT_TEXT_SYNTAX.search(tok.content):
                made.append(f"streamlit:{STREAMLIT_TEXT_SYNTAX.search(tok.content).group()}")
    return made


def test_the_hostile_cell_would_make_elements_unescaped():
    """The test's own yardstick: without `plain`, the cell makes every kind it tries."""
    made = set(elements(HOSTILE))
    assert {"image", "link_open", "code_inline", "html_inline", "math_inline", "s_open",
            "code_block", "streamlit::material/skull:"} <= made  # fmt: skip


def test_only_a_plain_link_to_a_rows_own_source_counts_as_text():
    """The yardstick's one exception: the app's list of a chart's sources."""
    own = frozenset({"https://ok.example/a"})
    assert elements("- [x](https://ok.example/a)\n- [y](https://ok.example/a)", own) == []
    assert "link_open" in elements("- [x](https://ok.example/a)\n- [y](https://evil.example)", own)
    assert "bullet_list_open" in elements("- [x](https://ok.example/a)\n- text", own)
    assert "code_inline" in elements("[`x`](https://ok.example/a)", own)
    assert "link_open" in elements("[x](https://ok.example/a/b)", own)


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_plain_text_makes_no_element_and_reads_the_same(text):
    escaped = plain(text)
    assert elements(escaped) == []
    shown = "".join(
        child.content
        for token in MARKDOWN.parse(escaped)
        for child in token.children or []
        if child.type == "text"
    )
    expected = re.sub(r"\s*[\r\n\v\f\x85\u2028\u2029]\s*", " ", text).strip()
    assert shown.replace(WORD_JOINER, "").strip() == expected  # the same words, at most trimmed


def test_plain_leaves_ordinary_text_readable():
    assert plain("Paris 2026") == "Paris 2026"
    assert plain("Kraków") == "Kraków"


# --- Every page from a hostile data folder ---------------------------------------------------


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    """The shipped data with every free-text cell (names, cities, venues, partners, notes,
    ids...) replaced by HOSTILE and its row number; ids stay consistent across files."""
    target = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO_DATA_DIR, target, dirs_exist_ok=True)
    initiative_ids: dict[str, str] = {}
    for name in ["initiatives", *[n for n in SCHEMAS if n != "initiatives"]]:
        schema = SCHEMAS[name]
        frame = pd.read_csv(target / schema.file, dtype=str, keep_default_na=False)
        for column in schema.columns:
            if column.name not in frame:
                continue
            if column.kind == "url":
                frame[column.name] = [HOSTILE_URL.format(i=i) for i in range(len(frame))]
                continue
            if column.kind != "text":
                continue
            if column.references == "initiatives.initiative_id":
                frame[column.name] = frame[column.name].map(initiative_ids)
                continue
            hostile = [f"{HOSTILE} {i}" for i in range(len(frame))]
            if column.unique:  # ids go in links, which carry at most 100 characters a value
                hostile = [f"{HOSTILE_ID} {i}" for i in range(len(frame))]
            if name == "initiatives" and column.name == "initiative_id":
                initiative_ids = dict(zip(frame[column.name], hostile, strict=True))
            frame[column.name] = hostile
        frame.to_csv(target / schema.file, index=False)
    loaded = load_all(target)
    for name, dataset in loaded.items():  # else the pages would show empty states, not text
        assert dataset.frame is not None and len(dataset.frame) == dataset.rows_read, name
    return target


def markdown_bodies(node) -> list[str]:
    """Every string of the run that Streamlit renders as Markdown: bodies and labels."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and proto.DESCRIPTOR.name != "Html":  # st.html: the app's own CSS
        for field in ("body", "label", "help", "placeholder"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                found.append(value)
    for child in getattr(node, "children", {}).values():
        found += markdown_bodies(child)
    return found


# Pages that show names from the data in Markdown (the others show only codes as words).
SHOWS_DATA_TEXT = ("live_events", "initiatives")
# Pages that link the reference data's sources (a link to each row's `source_url`).
LINKS_SOURCES = ("live_events", "history")


def source_addresses(folder) -> frozenset[str]:
    """Every address the folder's rows hold in a web-address column: a link's only targets."""
    found = set()
    for schema in SCHEMAS.values():
        for column in schema.columns:
            if column.kind == "url":
                cells = pd.read_csv(folder / schema.file, dtype=str)[column.name].dropna()
                found |= {part.strip() for cell in cells for part in cell.split(" | ")}
    return frozenset(found)


@pytest.mark.parametrize("page", [spec.key for spec in site.PAGES] + ["present"])
def test_no_page_makes_an_element_from_hostile_text(page, hostile_data, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(hostile_data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if page == "present":
        at.query_params["present"] = "1"
    at.run()
    if page not in ("overview", "present"):
        at.switch_page(site.page(page).script).run()
    if page == "initiatives":  # the card of the first initiative, all of it from the file
        at.query_params["initiative"] = f"{HOSTILE_ID} 0"
        at.run()
    if page == "live_events":
        at.session_state["live_table_open"] = True
        at.run()
    if page in LINKS_SOURCES:  # a panel's list of sources is sent once opened
        open_expanders(at, "_sources")
    assert not at.exception, at.exception
    bodies = markdown_bodies(at._tree)
    if page in SHOWS_DATA_TEXT:
        assert any("skull" in body for body in bodies), "no hostile text reached the page"
    sources = source_addresses(hostile_data)
    made = {body: elements(body, sources) for body in bodies}
    assert {body: kinds for body, kinds in made.items() if kinds} == {}
    if page in LINKS_SOURCES:  # the rows' own addresses, exactly, and nothing else
        hrefs = {unquote(str(tok.attrs["href"])) for body in bodies
                 for token in MARKDOWN.parse(body) for tok in token.children or []
                 if tok.type == "link_open"}  # fmt: skip
        assert hrefs and hrefs <= sources
        assert HOSTILE_URL.format(i=0).split(" | ")[0] in hrefs


def test_a_file_is_named_after_its_title_in_any_script():
    from kpop_explorer.i18n.text import file_stem

    assert (
        file_stem("Plan vs actual: Live events (2026)!", "chart")
        == "plan-vs-actual-live-events-2026"
    )
    assert file_stem("계획 대비 실적", "chart") == "계획-대비-실적"
    assert file_stem("Écoles & ateliers", "view") == "écoles-ateliers"
    assert file_stem("?!", "view") == "view"
    assert file_stem("a " * 40, "chart") == "a-" * 30  # cut at 60 characters
