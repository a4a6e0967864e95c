"""A page's view settings in its link (`kpop_explorer.links.view_params`): only allowed codes are
read, everything else is reported; the default is left out of links. Expectations worked by hand."""

from __future__ import annotations

import pytest

from kpop_explorer.links import view_params
from kpop_explorer.links.view_params import ViewParam

SPLIT = ViewParam("split", ("total", "country", "platform"), default="total")
PAST = ViewParam("past", flag=True, default=True)
PICKED = ViewParam("selected", ("FR", "DE", "PL"), default=(), multi=True)


@pytest.mark.parametrize(
    ("values", "expected", "ignored"),
    [
        ([], "total", []),
        (["country"], "country", []),
        (["platform", "country"], "country", []),  # repeated: the last valid one decides
        (["country", "nonsense"], "country", ["nonsense"]),
        (["Country"], "total", ["Country"]),  # compared as is: no case folding
        ([" country"], "total", [" country"]),  # nor trimming
        (["ｃｏｕｎｔｒｙ"], "total", ["ｃｏｕｎｔｒｙ"]),  # full-width letters, not ASCII
        (["countrý"], "total", ["countrý"]),
        (["country" * 20], "total", ["country" * 20]),  # 140 characters: over the cap
        (["__import__('os')"], "total", ["__import__('os')"]),
    ],
)
def test_a_choice_is_one_of_its_codes_or_the_default(values, expected, ignored):
    value, wrong = SPLIT.read(values)
    assert value == expected
    assert wrong == [("split", v) for v in ignored]


@pytest.mark.parametrize(
    ("values", "expected", "ignored"),
    [
        ([], True, []),
        (["0"], False, []),
        (["1"], True, []),
        (["0", "1"], True, []),
        (["1", "0"], False, []),
        (["true"], True, ["true"]),  # a switch is written 1 or 0, nothing else
        (["٠"], True, ["٠"]),  # Arabic-Indic zero
        (["no"], True, ["no"]),
    ],
)
def test_a_switch_is_one_or_zero(values, expected, ignored):
    value, wrong = PAST.read(values)
    assert value is expected
    assert wrong == [("past", v) for v in ignored]


def test_ids_picked_keep_their_order_without_repeats_or_unknown_ids():
    value, wrong = PICKED.read(["DE", "XX", "FR", "DE", "fr", "ＦＲ"])
    assert value == ["DE", "FR"]
    assert wrong == [("selected", "XX"), ("selected", "fr"), ("selected", "ＦＲ")]


def test_a_long_list_is_cut_after_fifty_values():
    values = ["FR"] * 49 + ["DE", "PL", "XX"]  # 52 values: the 51st and 52nd are not read
    value, wrong = PICKED.read(values)
    assert value == ["FR", "DE"]
    assert wrong == [("selected", "PL"), ("selected", "XX")]
    assert view_params.MAX_VALUES == 50


def test_defaults_are_left_out_of_links():
    assert SPLIT.write("total") == []
    assert SPLIT.write("country") == ["country"]
    assert SPLIT.write("other") == []  # never written: it could not be read back
    assert PAST.write(True) == []
    assert PAST.write(False) == ["0"]
    assert ViewParam("per_capita", flag=True, default=False).write(True) == ["1"]
    assert PICKED.write([]) == []
    assert PICKED.write(["PL", "XX", "FR"]) == ["PL", "FR"]


def test_what_is_written_reads_back_the_same():
    for spec, value in ((SPLIT, "platform"), (PAST, False), (PICKED, ["PL", "DE"])):
        assert spec.read(spec.write(value)) == (value, [])


def test_a_value_no_longer_allowed_falls_back():
    assert SPLIT.kept("gone") == "total"
    assert SPLIT.kept("country") == "country"
    assert PICKED.kept(["FR", "IT", "PL"]) == ["FR", "PL"]  # IT left the chart
    assert PICKED.kept(None) == []
    assert PAST.kept(0) is False
