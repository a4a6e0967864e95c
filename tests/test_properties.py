"""Properties: whatever is uploaded or put in a link, nothing crashes and nothing valid is lost."""

from __future__ import annotations

import functools
from dataclasses import fields

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpop_explorer.datasets.loading import REPO_DATA_DIR, read_text_table
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import SchemaError, validate
from kpop_explorer.i18n import LANGUAGES, Translator
from kpop_explorer.i18n.messages import Message
from kpop_explorer.links.filters import URL_KEYS, FilterState
from kpop_explorer.uploads import normalise

FAST = settings(
    max_examples=100,  # the link properties: a few ms an example
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A table property validates a few rows, about 0.1-0.2 s of pandas work an example: 40 examples
# draw every dataset several times over (seven datasets), at two fifths of the time of 100.
TABLES = settings(FAST, max_examples=40)
RAW = {name: read_text_table(REPO_DATA_DIR / schema.file) for name, schema in SCHEMAS.items()}
KNOWN = {"initiatives.initiative_id": set(RAW["initiatives"]["initiative_id"])}

# Text people paste into spreadsheets, on purpose or not.
TRICKY = [
    "",
    " ",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "=1+2",
    '=HYPERLINK("http://x","y")',
    "+33",
    "-1",
    "@SUM(A1)",
    "\t=cmd",
    "\r\n",
    "NaN",
    "null",
    "None",
    "inf",
    "-inf",
    "1e400",
    "12345678901234567890",
    "1,5",
    "1.234,5",
    "1 234,5",
    "1\u202f234",
    "12,345",
    "€ 12",
    "31/02/2025",
    "01/02/2025",
    "12/31/2025",
    "2025-13-01",
    "2025-01-01 00:00:00",
    "France",
    "Allemagne",
    "영국",
    "fr; de",
    "In progress",
    "En cours",
    "FR;;",
    ";",
    "'",
    '"',
    "💜",
    "Ω≈ç√",
    "\u200b",
    "\ufeff",
]
cell = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))
# 'row' and 'problems' are left out: validate() writes those columns into `rejected` (see the
# strict xfail in test_uploads.py).
extra_name = st.text(min_size=1, max_size=12).filter(lambda n: n.strip() not in ("row", "problems"))


def plausible(name: str, column: str) -> st.SearchStrategy[str]:
    """Values from the shipped column (so junk often looks right) or tricky text."""
    values = RAW[name][column].drop_duplicates().head(40).tolist()
    return st.one_of(st.sampled_from(values), cell)


@TABLES
@given(data=st.data())
def test_random_tables_never_crash_and_account_for_every_row(data):
    name = data.draw(st.sampled_from(list(SCHEMAS)), label="dataset")
    schema = SCHEMAS[name]
    columns = data.draw(
        st.lists(st.sampled_from(schema.column_names), unique=True, min_size=0), label="columns"
    )
    if data.draw(st.booleans(), label="all columns"):
        columns = list(schema.column_names)
    extras = data.draw(st.lists(extra_name, unique=True, max_size=2), label="extras")
    extras = [e for e in extras if e not in columns]
    rows = data.draw(st.integers(min_value=0, max_value=6), label="rows")
    table = pd.DataFrame(
        {
            c: [data.draw(plausible(name, c) if c in columns else cell) for _ in range(rows)]
            for c in columns + extras
        },
        index=range(rows),
    )
    normalised, notes = normalise(table, schema)
    assert len(normalised) == len(table)
    assert normalised.index.tolist() == table.index.tolist()
    assert all(isinstance(n, Message) and str(n) for n in notes)
    assert all(n.text(Translator(lang)) for n in notes for lang in LANGUAGES)  # no missing value
    try:
        result = validate(normalised, schema, KNOWN)
    except SchemaError:
        missing = set(schema.column_names) - set(normalised.columns)
        assert missing or rows == 0
        return
    assert result.rows_read == rows == len(result.frame) + len(result.rejected)


def in_microseconds(frame: pd.DataFrame) -> pd.DataFrame:
    """validate() types an all-empty date column as datetime64[s], others as [us]."""
    dates = frame.select_dtypes("datetime").columns
    return frame.astype({c: "datetime64[us]" for c in dates})


def values_of(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows' values: a categorical column's category list also holds the codes of the other
    rows, and junk that happens to be valid (a second metric, say) adds to it."""
    categorical = frame.select_dtypes("category").columns
    plain = frame.astype({c: frame[c].cat.categories.dtype for c in categorical})
    return in_microseconds(plain)


@functools.cache
def shipped_rows(name: str) -> pd.DataFrame:
    """A shipped file, validated once: each of its rows as `validate` makes it. (A valid row
    comes out of a check of the whole file as of a check of it alone: one rule at a time.)"""
    return validate(RAW[name], SCHEMAS[name], KNOWN).frame


@TABLES
@given(data=st.data())
def test_valid_rows_survive_whatever_junk_follows(data):
    name = data.draw(st.sampled_from(list(SCHEMAS)), label="dataset")
    schema = SCHEMAS[name]
    raw = RAW[name]
    picks = data.draw(
        st.lists(st.integers(0, len(raw) - 1), unique=True, min_size=1, max_size=5),
        label="valid rows",
    )
    valid = raw.iloc[picks].reset_index(drop=True)
    junk_count = data.draw(st.integers(min_value=0, max_value=5), label="junk rows")
    junk = pd.DataFrame(
        [
            {c: data.draw(plausible(name, c)) for c in schema.column_names}
            for _ in range(junk_count)
        ],
        columns=list(schema.column_names),
    )
    table = pd.concat([valid, junk], ignore_index=True)

    normalised, _ = normalise(table, schema)
    result = validate(normalised, schema, KNOWN)

    expected = shipped_rows(name).iloc[picks].reset_index(drop=True)
    assert len(shipped_rows(name)) == len(raw)  # every shipped row is valid
    got = result.frame.head(len(valid))
    pd.testing.assert_frame_equal(values_of(got), values_of(expected))
    assert result.rows_read == len(table) == len(result.frame) + len(result.rejected)
    # Only junk rows (file rows after the valid ones) are ever set aside.
    assert all(row > len(valid) + 1 for row in result.rejected.get("row", []))
    assert set(result.problems["row"]) == set(result.rejected.get("row", []))


GLOBAL_KEYS = sorted(set(URL_KEYS.values()))
url_value = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["FR", "DE", "fr", "streams", "completed", "2024", "2031", "1999", "-1", ""]),
    st.integers(min_value=-10, max_value=3000).map(str),
)
safe_year = url_value


@FAST
@given(
    params=st.dictionaries(
        keys=st.one_of(st.sampled_from(GLOBAL_KEYS), st.text(max_size=8)),
        values=st.lists(url_value, max_size=60),
        max_size=8,
    ),
    years=st.lists(safe_year, max_size=4),
)
def test_any_query_params_give_a_state_of_allowed_values(params, years, options):
    params = {k: v for k, v in params.items() if k != "year"}
    if years:
        params["year"] = years
    state, ignored = FilterState.from_query_params(params, options)

    allowed = {
        "countries": options.countries,
        "focus_areas": options.focus_areas,
        "statuses": options.statuses,
        "platforms": options.platforms,
        "event_types": options.event_types,
        "cities": options.cities,
        "program_types": options.program_types,
        "audiences": options.audiences,
        "languages": options.languages,
    }
    for f in fields(state):
        value = getattr(state, f.name)
        if f.name in allowed:
            assert set(value) <= set(allowed[f.name]), f.name
            assert len(value) == len(set(value))
    assert state.metric in options.metrics
    assert options.year_min <= state.year_from <= state.year_to <= options.year_max
    assert all(key in params and value in map(str, params[key]) for key, value in ignored)


@pytest.mark.parametrize("year", ["²", "9" * 5000])
def test_a_strange_year_in_a_link_is_ignored(year, options):
    state, ignored = FilterState.from_query_params({"year": [year]}, options)
    assert state == FilterState.default(options)
    assert ignored == [("year", year)]
