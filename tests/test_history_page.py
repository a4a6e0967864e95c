"""The history page (AppTest): every chart names its sources as links, in every language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1.element_tree import Block

from components.sources import link_markdown
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import WORD_JOINER
from kpop_explorer.measures import history
from tests.elements import charts as chart_elements
from tests.elements import open_expanders, open_page


def blocks(node: Block):
    yield node
    for child in node.children.values():
        if isinstance(child, Block):
            yield from blocks(child)


def panels(at):
    """The smallest block around each chart: its panel, with the chart's source line and links."""
    found = []
    for block in blocks(at.main):
        drawn = chart_elements(block)
        inner = [b for b in block.children.values() if isinstance(b, Block)]
        if len(drawn) == 1 and not any(chart_elements(b) for b in inner):
            found.append((drawn[0].key, block))
    return found


@pytest.mark.parametrize("lang", ["en", "fr", "ko"])
def test_every_chart_on_the_history_page_links_its_sources(lang, shipped):
    t = Translator(lang)
    at = open_page("history", {"lang": lang})
    # Closed, a panel's list of sources is neither made nor sent (the map's runs to a hundred
    # links); opened, it lists them.
    assert not [m for m in at.main.get("markdown") if "](http" in m.value]
    found = panels(open_expanders(at, "_sources"))
    assert len(found) == 11  # events, audiences, map, largest, countries, members, clubs,
    # openings, network map, learners, exports
    for key, block in found:
        expanders = [e for e in block.get("expander")
                     if e.label.startswith(t("chart.sources", n="").split("(")[0])]  # fmt: skip
        assert expanders, f"{key} has no sources"
        text = "\n".join(m.value for m in expanders[0].get("markdown"))
        assert text.count("](http") >= 1, key
    every_event_url = history.source_urls(shipped["reference_live_events"]["source_url"])
    map_block = next(block for key, block in found if key.startswith("history_map"))
    links = "\n".join(m.value for m in map_block.get("markdown"))
    assert links.count("](http") == len(every_event_url) - 2  # the cancelled and undated rows


def test_a_crafted_address_cannot_break_out_of_its_link():
    link = link_markdown("https://x.example/a)](javascript:alert(1))")
    target = link[link.index("](") + 2 : -1]
    assert target == "https://x.example/a%29%5D%28javascript:alert%281%29%29"
    # the label escaped, and a word joiner after ':' so Streamlit finds no icon in it
    assert link.startswith(f"[x\\.example/a\\)\\]\\(javascript\\:{WORD_JOINER}alert\\(1\\)\\)](")
    assert link_markdown("javascript:alert(1)") == f"javascript\\:{WORD_JOINER}alert\\(1\\)"  # text


def test_other_indicators_show_their_values_first_and_download(shipped):
    at = open_page("history", {"lang": "fr"})
    downloads = [e for e in at.get("download_button") if "history_indicators" in (e.proto.id or "")]
    assert len(downloads) == 2  # CSV and Excel of the table as shown
    table = history.other_indicators(shipped["reference_hallyu"])
    assert list(table.columns[:3]) == ["indicator", "value", "unit"]  # in view on a phone
    hallyu = shipped["reference_hallyu"]
    assert len(table) == (  # by hand: every row the page's charts leave out
        ~(hallyu["indicator"].isin([history.FAN_MEMBERS, history.FAN_CLUBS])
          & hallyu["region_or_country"].isin(history.FAN_REGIONS))
        & (hallyu["indicator"] != history.EXPORT_RANK)
    ).sum()  # fmt: skip
