"""Every page x every class of filter state, and any link: no exception, and an empty selection
gets its empty-state message, never a blank page or a traceback (AppTest).

The classes: no country, one, many; the whole period, one year with results, one year with only
plans (2028: nothing measured yet), the last year; each focus area; each status; each value of
the page's own facets; and intersections that leave nothing. One AppTest per page is reused and
its filters reset before each state, which keeps the hundreds of runs to about a minute.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components import url_state
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import plain
from kpop_explorer.links import facets, filters, site
from kpop_explorer.links.filters import URL_KEYS, FilterOptions, FilterState
from kpop_explorer.measures import history
from tests.conftest import REPO
from tests.elements import charts as chart_elements

t = Translator("en")
PAGES = [spec.key for spec in site.PAGES]
_APPS: dict[str, AppTest] = {}


def app(page: str) -> AppTest:
    """The page's AppTest, made once; the frame runs first, as on a real first visit."""
    if page not in _APPS:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        if page == "present":
            at.query_params[url_state.PRESENT_KEY] = "1"
        at.run()
        if page not in ("overview", "present"):
            at.switch_page(site.page(page).script).run()
        _APPS[page] = at
    return _APPS[page]


PAGE_FACETS = {  # the facets each page draws, in its order (a note names the first to clear)
    "digital": ("platforms",),
    "live_events": ("event_types", "cities"),
    "education": ("program_types", "audiences", "languages"),
}
FACET_KEYS = {URL_KEYS[name] for names in PAGE_FACETS.values() for name in names} | {"metric"}


def show(page: str, state: FilterState) -> AppTest:
    """The page in `state`. A facet value set from outside that the previous run's widget did
    not offer comes back as its label (Streamlit serialises it through the old widget's
    options), so when the facets change they are cleared in one run, offering every value,
    before the new ones are set."""
    at = app(page)
    values = state.widget_values()
    if any(k in at.session_state and at.session_state[k] != values[k] for k in FACET_KEYS):
        cleared = {k: [] if isinstance(v, list) and k in FACET_KEYS else v
                   for k, v in values.items()}  # fmt: skip
        for key, value in cleared.items():
            at.session_state[key] = value
        at.run()
    for key, value in values.items():
        at.session_state[key] = value
    return at.run()


def state_classes(options) -> list[tuple[str, dict]]:
    """(name, FilterState changes): each class of each filter, and some empty intersections."""
    classes = [
        ("everything", {}),
        ("one_country", {"countries": ("CZ",)}),
        ("many_countries", {"countries": ("FR", "DE", "IT", "PL")}),
        ("one_year", {"year_from": 2025, "year_to": 2025}),
        ("plans_only_2028", {"year_from": 2028, "year_to": 2028}),
        ("from_2027", {"year_from": 2027, "year_to": options.year_max}),
        ("last_year", {"year_from": options.year_max, "year_to": options.year_max}),
        ("empty_cz_on_hold_2029", {"countries": ("CZ",), "statuses": ("on_hold",),
                                   "year_from": 2029, "year_to": 2029}),
        ("empty_all_focus_no_status", {"focus_areas": ("music_innovation",),
                                       "statuses": ("completed",), "year_from": 2029,
                                       "year_to": 2029}),
    ]  # fmt: skip
    classes += [(f"focus_{f}", {"focus_areas": (f,)}) for f in options.focus_areas]
    classes += [(f"status_{s}", {"statuses": (s,)}) for s in options.statuses]
    return classes


def facet_classes(page: str, options) -> list[tuple[str, dict]]:
    facets = {
        "digital": [("metric", m) for m in options.metrics]
        + [("platforms", (p,)) for p in options.platforms]
        + [("language_app_streams", None)],
        "live_events": [("event_types", (e,)) for e in options.event_types]
        + [("cities", ("Kraków",)), ("cities", ("Paris", "Berlin", "Lyon"))],
        "education": [("program_types", (p,)) for p in options.program_types]
        + [("audiences", (a,)) for a in options.audiences]
        # twelve languages: the first and the last alone, the others as one multiple choice
        + [("languages", (lang,)) for lang in options.languages[:: len(options.languages) - 1]]
        + [("languages", options.languages[1:-1])],
    }.get(page, [])
    classes = []
    for name, value in facets:
        if value is None:  # no streams are counted on a language app: the metric moves
            classes.append((name, {"platforms": ("language_app",), "metric": "streams"}))
        else:
            label = value if isinstance(value, str) else "+".join(value)
            classes.append((f"{name}_{label}", {name: value}))
    if page == "live_events":
        classes.append(("empty_festival_in_krakow",
                        {"event_types": ("festival",), "cities": ("Kraków",)}))  # fmt: skip
    if page == "education":
        classes.append(("empty_hub_in_czech",
                        {"program_types": ("kculture_hub",), "languages": ("cs",)}))  # fmt: skip
    return classes


def _cases():
    options = FilterOptions(countries=(), year_min=2024, year_max=2029)  # the shipped data's
    for page in PAGES:
        for name, changes in state_classes(options) + facet_classes(page, options):
            yield pytest.param(page, changes, id=f"{page}-{name}")


def narrowed_metric(data: dict, state: FilterState, options) -> str:
    """The metric Digital shows: the chosen one if the chosen platforms (after the sidebar)
    count it, else the first in the catalogue's order they do; kept when nothing is left."""
    counted = set(
        filters.filter_metrics(data["digital_metrics"], data["initiatives"], state)["metric"]
    )
    if state.metric in counted or not counted:
        return state.metric
    return next(m for m in options.metrics if m in counted)


def emptied_by_facet(page: str, data: dict, state: FilterState) -> str | None:
    """The page's first facet whose clearing alone brings rows back, when the facets (not the
    sidebar) empty the page: it then names that facet and draws nothing."""
    names = PAGE_FACETS.get(page, ())
    if page == "digital":  # the platforms empty the page whatever the metric
        state = replace(state, metric=None)
    if not names or not main_rows(page, data, state).empty:
        return None
    if main_rows(page, data, replace(state, **dict.fromkeys(names, ()))).empty:
        return None  # the sidebar's filters leave nothing: the page's own empty state
    return next(n for n in names if getattr(state, n)
                and not main_rows(page, data, replace(state, **{n: ()})).empty)  # fmt: skip


SIDEBAR_ROWS = {"overview": "initiatives", "initiatives": "initiatives", "digital": "digital",
                "live_events": "events", "education": "programs"}  # fmt: skip


def emptied_by_sidebar(page: str, data: dict, state: FilterState, options) -> str | None:
    """The sidebar filter that leaves the page's rows empty (its facets cleared), if one does."""
    ini = data["initiatives"]
    rows_of = {
        "overview": lambda s: filters.filter_initiatives(ini, s),
        "initiatives": lambda s: filters.filter_initiatives(ini, s),
        "digital": lambda s: filters.filter_metrics(data["digital_metrics"], ini, s),
        "live_events": lambda s: filters.filter_events(data["live_events"], ini, s),
        "education": lambda s: filters.filter_programs(data["education_programs"], ini, s),
    }.get(page)
    if rows_of is None:
        return None
    return filters.emptied_by(rows_of, facets.without_facets(state, tuple(facets.COLUMNS)), options)


def main_rows(page: str, data: dict, state: FilterState):
    """The rows the page is about, cut by the state: empty means the page's empty state."""
    initiatives = data["initiatives"]
    if page in ("overview", "initiatives"):
        return filters.filter_initiatives(initiatives, state)
    if page == "digital":
        return filters.filter_metrics(
            data["digital_metrics"], initiatives, state, metric=state.metric
        )
    if page == "live_events":
        return filters.filter_events(data["live_events"], initiatives, state)
    if page == "education":
        return filters.filter_programs(data["education_programs"], initiatives, state)
    return None  # the Data page lists the datasets whatever the filters


def charts(at: AppTest) -> list:
    """The page's charts of its plan data (not the reality checks, drawn from reference data)."""
    return [c for c in chart_elements(at) if not c.key.startswith("reality_")]


def reality_checks(at: AppTest) -> set[str]:
    return {c.key.rsplit("_", 1)[0] for c in chart_elements(at) if c.key.startswith("reality_")}


# The real benchmarks beside each page's plan, from the shipped reference data: drawn whatever
# the filters whenever the benchmark has rows (an empty plan is still compared with the record).
REALITY_CHECKS = {
    "live_events": {
        "reality_festival": lambda rows, data: history.festival_benchmark(
            rows, data["reference_live_events"]
        ),
        "reality_cities": lambda rows, data: history.city_benchmark(
            rows, data["reference_live_events"]
        ),
    },
    "education": {
        "reality_learners": lambda rows, data: history.learner_benchmark(
            rows, data["reference_education"]
        ),
    },
    "digital": {  # the plan's followers, whichever metric the page shows
        "reality_followers": lambda rows, data: history.followers_benchmark(
            rows, data["reference_hallyu"]
        ),
    },
}


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def expected_reality_checks(page: str, rows, data: dict) -> set[str]:
    checks = REALITY_CHECKS.get(page, {})
    return {key for key, table in checks.items() if not table(rows, data).empty}


EMPTY_HEADLINES = {
    "digital": lambda state: t("headline.digital.none", metric=t.label("metric", state.metric)),
    "live_events": lambda state: t("headline.live.empty"),
    "education": lambda state: t("headline.education.empty"),
}


@pytest.mark.parametrize(("page", "changes"), list(_cases()))
def test_every_page_in_every_filter_state(page, changes, shipped, options):
    state = replace(FilterState.default(options), **changes)
    at = show(page, state)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    if page == "digital":
        state = replace(state, metric=narrowed_metric(shipped, state, options))
        assert at.session_state[URL_KEYS["metric"]] == state.metric
        if state.platforms == ("language_app",):  # by hand: language apps count downloads only
            assert state.metric == "app_downloads"
    culprit = emptied_by_sidebar(page, shipped, state, options)
    if culprit is not None:  # the note names the sidebar filter to clear: no empty chart
        name = (
            t("filter.period") if culprit == filters.PERIOD else t(filters.BY_NAME[culprit].label)
        )
        note = t("empty.filtered_out", what=t(f"empty.what.{SIDEBAR_ROWS[page]}"), filter=name)
        assert infos(at) == [note]
        assert not charts(at) and not reality_checks(at) and not at.metric
        return
    facet = emptied_by_facet(page, shipped, state)
    if facet is not None:  # the note names the facet to clear, and no empty chart is drawn
        note = t("facet.empty", facet=t(f"facet.{facets.COLUMNS[facet]}"))
        assert note in infos(at)
        assert not charts(at) and not reality_checks(at) and not at.metric
        assert not [m for m in at.markdown if m.value.startswith("## ")]
        return
    rows = main_rows(page, shipped, state)
    if rows is None:
        assert at.dataframe  # the Data page's list of datasets
        return
    if page in ("overview", "initiatives"):
        assert (t("empty.initiatives") in infos(at)) == rows.empty
        assert bool(charts(at) or at.dataframe) != rows.empty
        return
    headlines = [m.value for m in at.markdown if m.value.startswith("## ")]
    nothing_to_say = rows.empty if page != "digital" else rows["actual"].isna().all()
    assert (headlines == [f"## {plain(EMPTY_HEADLINES[page](state))}"]) == nothing_to_say
    if rows.empty:
        assert t("chart.no_data") in infos(at)
    if page != "digital":  # Digital's last two panels draw their own metric, not the facet's
        assert bool(charts(at)) != rows.empty
    every_metric = (
        main_rows(page, shipped, replace(state, metric=None)) if page == "digital" else rows
    )
    assert reality_checks(at) == expected_reality_checks(page, every_metric, shipped)
    if not at.metric:
        assert t("kpi.none") in infos(at)


def test_digital_for_a_year_of_plans_only_says_nothing_is_measured(options):
    """The shipped metrics have actuals up to October 2026 and targets to December 2027 (by
    hand: data/digital_metrics.csv has no actual after 2026-10 and no row after 2027-12)."""
    at = show("digital", replace(FilterState.default(options), year_from=2027, year_to=2027))
    assert not at.exception
    assert at.metric and all(m.value == "–" for m in at.metric)  # planned, not measured yet
    assert all(m.proto.delta.startswith("Nothing due yet") for m in at.metric)
    assert f"## {plain(t('headline.digital.none', metric='Streams'))}" in [
        m.value for m in at.markdown
    ]


def test_digital_for_a_year_without_rows_names_the_period_not_missing_results(options):
    """2028 has no digital row at all: nothing is waiting for results, the period empties it."""
    at = show("digital", replace(FilterState.default(options), year_from=2028, year_to=2028))
    note = t("empty.filtered_out", what=t("empty.what.digital"), filter=t("filter.period"))
    assert infos(at) == [note]
    assert not at.metric


# --- Links: any text in a query string -------------------------------------------------------

KNOWN_KEYS = sorted({*URL_KEYS.values(), url_state.LANG_KEY, url_state.PRESENT_KEY,
                     url_state.STEP_KEY, url_state.CARD_KEY})  # fmt: skip
LOOKALIKES = ["²", "٣", "２０２５", "2025²", "1e3", "-1", "0", "99999999999999999999", "NaN",
              " 2025", "FR\x00", "\u202eRF", "<b>x</b>", "![x](http://e.x/i.png)", "%ff",
              "1"]  # fmt: skip
VALUE = st.one_of(st.text(max_size=12), st.sampled_from(LOOKALIKES))
PAIRS = st.lists(st.tuples(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=5)), VALUE),
                 max_size=8)  # fmt: skip
LINKS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def open_link(page: str, query: str) -> AppTest:
    """The page as a new session opening `query`: the frame reads a link on a session's first
    run only, so the test forgets that it has read one."""
    at = app(page)
    if page == "present":  # the story, whatever else the link says
        query = f"{url_state.PRESENT_KEY}=1&{query}"
    at.query_params = {k: v if len(v) > 1 else v[0]
                       for k, v in parse_qs(query, keep_blank_values=True).items()}  # fmt: skip
    del at.session_state["_url_restored"]
    return at.run()


@pytest.mark.parametrize("page", [*PAGES, "present"])
@LINKS
@given(pairs=PAIRS, raw=st.text(max_size=30))
def test_any_link_opens_every_page(page, pairs, raw):
    for query in (urlencode(pairs), raw):
        at = open_link(page, query)
        assert not at.exception, (query, at.exception)
        assert at.title, query


@pytest.mark.parametrize("page", ["overview", "digital", "present"])
@pytest.mark.parametrize(
    "query", ["year=²", "year=٣&year=2025", "step=²", "step=٣", "present=1&step=¹²",
              "lang=ｋｏ", "year=1990&year=2027", "country=" + "FR&country=" * 60 + "DE"],
)  # fmt: skip
def test_lookalike_digits_and_long_links(page, query):
    at = open_link(page, query)
    assert not at.exception, at.exception


def test_an_out_of_range_link_is_clamped_not_collapsed():
    at = open_link("overview", "year=1990&year=2027")
    assert tuple(at.session_state["year"]) == (2024, 2027)
    assert "2024–2027" in next(c.value for c in at.sidebar.caption if c.value.startswith("Showing"))
