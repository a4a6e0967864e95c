"""The catalogue of measures on small hand-built frames, each expected value worked out by hand,
and on the shipped data for the contradictions issue 12 found."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from components.kpis import briefing_rows, delta_text, format_value
from kpop_explorer import measures
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.i18n import Translator
from kpop_explorer.links import filters
from kpop_explorer.views import headlines

AS_OF = pd.Timestamp("2026-03-31")
T = pd.Timestamp


def metrics_frame() -> pd.DataFrame:
    """Two countries, four months (the last one after the as-of date), one level, one flow."""
    rows = []
    for metric, values in (
        ("monthly_listeners", {"FR": [100, 110, 120, 130], "DE": [50, 60, 70, 80]}),
        ("streams", {"FR": [10, 20, 30, 40], "DE": [1, 2, 3, 4]}),
    ):
        for country, actuals in values.items():
            for i, actual in enumerate(actuals):
                month = T(2026, 1 + i, 1)
                rows.append(dict(month=month, country=country, platform="music_streaming",
                                 initiative_id="INI-1", metric=metric, target=actual + 10.0,
                                 actual=float(actual) if month <= AS_OF else None))  # fmt: skip
    return pd.DataFrame(rows)


def events_frame() -> pd.DataFrame:
    columns = ["event_id", "event_type", "country", "city", "start_date", "capacity",
               "expected_attendance", "attendance", "online_viewers", "status"]  # fmt: skip
    rows = [
        ("E1", "concert", "FR", "Paris", T("2026-01-10"), 1000, 800, 900, None, "completed"),
        ("E2", "virtual_concert", "FR", "Paris", T("2026-02-10"), None, 50_000, None, 40_000,
         "completed"),
        ("E3", "festival", "DE", "Berlin", T("2026-03-01"), 2000, 1500, 1200, 300, "completed"),
        ("E4", "festival", "DE", "Berlin", T("2026-09-01"), 2000, 1600, None, None, "planned"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(end_date=frame["start_date"], initiative_id="INI-2")


def programs_frame() -> pd.DataFrame:
    columns = ["program_id", "program_type", "country", "start_date", "end_date",
               "participants_target", "participants_actual", "satisfaction", "status"]  # fmt: skip
    rows = [
        ("P1", "culture_workshop", "FR", T("2025-10-01"), T("2025-12-31"), 100, 90, 4.0,
         "completed"),
        # Starts mid-period: 59 of its 119 days have passed by the as-of date.
        ("P2", "kculture_hub", "FR", T("2026-02-01"), T("2026-05-31"), 1190, 300, None,
         "in_progress"),
        ("P3", "language_course", "DE", T("2026-06-01"), T("2026-08-31"), 50, None, None,
         "planned"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(initiative_id="INI-3", audience="students", language="fr")


def initiatives_frame() -> pd.DataFrame:
    columns = ["initiative_id", "name", "focus_area", "countries", "start_date", "end_date",
               "status", "budget_eur", "kpi_target", "kpi_actual"]  # fmt: skip
    rows = [
        ("INI-1", "Streaming", "digital_expansion", "FR;DE", T("2026-01-01"), T("2026-12-31"),
         "in_progress", 1000.0, 100.0, 50.0),
        ("INI-2", "Festival", "live_events", "FR;DE;IT", T("2026-01-01"), T("2026-12-31"),
         "in_progress", 2000.0, 10.0, 4.0),
        # Starts mid-period: 90 of its 365 days have passed by the as-of date.
        ("INI-3", "Hubs", "education", "FR;DE", T("2026-01-01"), T("2027-01-01"),
         "in_progress", 500.0, 365.0, 30.0),
        ("INI-4", "Later", "talent_development", "ES", T("2026-07-01"), T("2027-06-30"),
         "planned", 700.0, 20.0, None),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def small_selection(**state) -> measures.Selection:
    data = {"initiatives": initiatives_frame(), "live_events": events_frame(),
            "education_programs": programs_frame(), "digital_metrics": metrics_frame()}  # fmt: skip
    return measures.select(data, filters.FilterState(2025, 2027, **state), AS_OF)


# --- Each aggregation rule, by hand -------------------------------------------------------------


def test_a_level_is_the_latest_measured_month_never_the_sum():
    result = measures.total("monthly_listeners", metrics_frame(), AS_OF)
    assert result.value == 120 + 70  # March, the last month measured by the as-of date
    assert result.due == 130 + 80  # March's plan
    assert result.target == 140 + 90  # the plan's last month (April)
    by_country = measures.table("monthly_listeners", metrics_frame(), AS_OF, "country")
    assert by_country.set_index("country")["actual"].to_dict() == {"FR": 120, "DE": 70}
    by_platform = measures.table("monthly_listeners", metrics_frame(), AS_OF, "platform")
    assert by_platform["actual"].tolist() == [190]  # not 100+110+120+50+60+70 = 510


def test_a_level_month_by_month_keeps_each_month():
    series = measures.table("monthly_listeners", metrics_frame(), AS_OF, "month")
    series = series.set_index("month")
    assert series.loc[T("2026-01-01"), "actual"] == 150
    assert series.loc[T("2026-04-01"), "target"] == 140 + 90
    assert pd.isna(series.loc[T("2026-04-01"), "actual"])  # not measured yet: not a zero


def test_a_flow_is_summed_and_its_due_target_stops_at_the_as_of_date():
    result = measures.total("streams", metrics_frame(), AS_OF)
    assert result.value == 10 + 20 + 30 + 1 + 2 + 3
    assert result.due == (20 + 30 + 40) + (11 + 12 + 13)  # January to March only
    assert result.target == (20 + 30 + 40 + 50) + (11 + 12 + 13 + 14)
    assert result.progress == pytest.approx(66 / 126)
    assert result.standing == "behind"


def test_events_due_are_those_whose_date_has_passed():
    result = measures.total("events_held", events_frame(), AS_OF)
    assert (result.value, result.due, result.target) == (3, 3, 4)  # E4 is not due yet
    assert result.standing == "on_track"


def test_attendance_counts_venues_only_and_only_events_due():
    result = measures.total("attendance", events_frame(), AS_OF)
    assert result.value == 900 + 1200  # the virtual concert's audience is online, not attendance
    assert result.due == 800 + 1500  # E4 is in the future; E2's 50,000 is an online audience
    assert result.target == 800 + 1500 + 1600
    online = measures.total("online_viewers", events_frame(), AS_OF)
    assert online.value == 40_000 + 300 and online.due is None


def test_capacity_used_is_a_ratio_of_sums():
    result = measures.total("utilisation", events_frame(), AS_OF)
    assert result.value == pytest.approx((900 + 1200) / (1000 + 2000))


def test_participants_are_due_pro_rata_over_a_run_that_starts_mid_period():
    result = measures.total("participants", programs_frame(), AS_OF)
    assert result.value == 90 + 300
    assert result.due == pytest.approx(100 + 1190 * 58 / 119)  # P3 has not started: 0 due
    assert result.target == 100 + 1190 + 50
    runs = measures.total("programs", programs_frame(), AS_OF)
    assert (runs.value, runs.due, runs.target) == (2, 2, 3)


def test_an_initiative_kpi_is_due_pro_rata_over_its_run():
    table = measures.table("plan_kpi", initiatives_frame(), AS_OF, "initiative_id")
    due = table.set_index("initiative_id")["due"]
    assert due["INI-3"] == pytest.approx(365 * 89 / 365)  # 1 Jan to 31 Mar: 89 days passed
    assert due["INI-4"] == 0  # starts after the as-of date: nothing due yet
    assert pd.isna(table.set_index("initiative_id").loc["INI-4", "standing"])


def test_a_mean_is_an_average_of_rated_rows():
    assert measures.total("satisfaction", programs_frame(), AS_OF).value == 4.0


@pytest.mark.parametrize(
    ("attainment", "expected"),
    [(0.9499, "behind"), (0.95, "on_track"), (1.0, "on_track"), (1.0499, "on_track"),
     (1.05, "ahead"), (float("nan"), None)],
)  # fmt: skip
def test_one_threshold_rule_for_every_standing(attainment, expected):
    assert measures.standing(attainment) == expected


def test_countries_reached_are_out_of_the_countries_chosen():
    everything = small_selection().result("countries")
    # Reached: FR (E1, P1) and DE (E3); due: FR, DE and IT (INI-2 has started); ES starts later.
    assert (everything.value, everything.due, everything.target) == (2, 3, 4)
    chosen = small_selection(countries=("FR", "DE")).result("countries")
    assert (chosen.value, chosen.due, chosen.target) == (2, 2, 2)


def test_a_table_by_place_adds_up_to_the_total_for_additive_measures():
    selection = small_selection()
    for key in measures.SCORED:
        by_country = selection.table(key, "country")
        if by_country.empty:  # no followers in this small frame
            continue
        assert by_country["actual"].sum() == pytest.approx(selection.result(key).value), key
        assert by_country["due"].sum() == pytest.approx(selection.result(key).due), key


def test_scorecard_judges_each_country_against_what_was_due():
    selection = small_selection()
    card = selection.scorecard("country")
    fr = card[card["country"] == "FR"].set_index("measure")
    assert fr.loc["attendance", "actual"] == 900 and fr.loc["attendance", "due"] == 800
    assert fr.loc["attendance", "standing"] == "ahead"  # 900 / 800 = 112.5%
    assert fr.loc["monthly_listeners", "actual"] == 120  # the latest month, not a sum
    assert card["attainment"].is_monotonic_increasing  # worst first
    summary = selection.summary("country").set_index("country")
    expected = fr["attainment"].clip(upper=measures.ATTAINMENT_CAP).mean()
    assert summary.loc["FR", "attainment"] == pytest.approx(expected)
    assert summary.loc["FR", "behind"] == (fr["standing"] == "behind").sum()


def test_scorecard_by_initiative_uses_an_initiatives_own_kpi_only_without_measures():
    card = small_selection().scorecard("initiative_id")
    measured = card.groupby("initiative_id")["measure"].apply(set).to_dict()
    assert "plan_kpi" not in measured["INI-2"]  # judged on its events
    assert measured["INI-2"] >= {"events_held", "attendance"}
    assert "INI-4" not in measured  # nothing due yet


# --- Words: one or many -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "France leads on activity", "France and Germany lead on activity"),
        ("fr", "France arrive en tête de l'activité",
         "France et Allemagne arrivent en tête de l'activité"),
        ("ko", "활동 상위 국가: 프랑스", "활동 상위 국가: 프랑스 및 독일"),
    ],
)  # fmt: skip
def test_lists_and_plurals_follow_the_language(lang, one, two):
    t = Translator(lang)
    names = [t.country("FR"), t.country("DE")]
    assert t.plural("headline.overview.leaders", 1, leaders=t.join(names[:1])) == one
    assert t.plural("headline.overview.leaders", 2, leaders=t.join(names)) == two
    assert t.join([]) == ""


def test_plural_forms_follow_cldr():
    assert (
        Translator("en")
        .plural("headline.live.held", 1, held="1", due="1")
        .startswith("1 event held")
    )
    assert (
        Translator("en")
        .plural("headline.live.held", 0, held="0", due="1")
        .startswith("0 events held")
    )
    assert "événement organisé" in Translator("fr").plural("headline.live.held", 0, held="0",
                                                           due="1")  # fmt: skip


# --- The shipped data: the cases issue 12 saw -----------------------------------------------------


def shipped_selection(shipped, everything, as_of, **state) -> measures.Selection:
    return measures.select(shipped, replace(everything, **state), as_of)


def test_shipped_live_outline_is_the_attendance_due_not_online_or_future(shipped, selection):
    events = shipped["live_events"]
    fr = events[(events["country"] == "FR") & (events["event_type"] != "virtual_concert")]
    due = fr[fr["start_date"] <= selection.as_of]["expected_attendance"].sum()
    row = measures.audience_by_country(selection).set_index("country").loc["FR"]
    assert row["attendance"] == 288_080
    assert row["expected_attendance"] == due < 1_944_941 / 5  # was 1,944,941 with online/future
    assert row["attendance"] / row["expected_attendance"] > 1  # it reads as ahead, as it is
    assert (
        measures.audience_by_country(selection)["attendance"].sum()
        == selection.result("attendance").value
    )


def test_shipped_platform_mix_of_a_level_matches_its_card(shipped, selection):
    listeners = shipped["digital_metrics"]
    listeners = listeners[listeners["metric"] == "monthly_listeners"].dropna(subset=["actual"])
    latest = listeners[listeners["month"] == listeners["month"].max()]["actual"].sum()
    mix = selection.table("monthly_listeners", "platform")
    assert mix["actual"].sum() == latest == selection.result("monthly_listeners").value
    assert latest == pytest.approx(15.58e6, rel=1e-3)  # not 467.3m


def test_shipped_headline_share_is_the_cards_share(selection, t):
    for metric in measures.DIGITAL:
        result = selection.result(metric)
        text = headlines.digital_headline(selection, metric, t.label("metric", metric), t)
        assert attainment_text(result.progress, t) in text
        assert attainment_text(result.progress, t) in delta_text(result, t)
    # 15,578,514 of 16,444,172 due is 94.74%: behind, so the card says 94.7%, never "95%"
    listeners = selection.result("monthly_listeners")
    assert (listeners.value, listeners.due) == (15_578_514, 16_444_172)
    assert delta_text(listeners, t).startswith("94.7% of ")
    assert delta_text(listeners, t).endswith("Behind")


def test_shipped_events_held_are_judged_against_events_due(shipped, selection, t):
    events = shipped["live_events"]
    result = selection.result("events_held")
    assert result.value == (events["status"] == "completed").sum() == 57
    assert result.due == (events["start_date"] <= selection.as_of).sum() == 57
    assert result.target == len(events) == 82
    assert result.standing == "on_track"
    assert delta_text(result, t) == "100% of 57 due · On track"


def test_shipped_festival_figures_agree(shipped, everything, as_of, t):
    festival = shipped_selection(shipped, everything, as_of, event_types=("festival",))
    held, attendance = festival.result("events_held"), festival.result("attendance")
    assert (held.value, held.due) == (5, 5)
    assert (attendance.value, attendance.due) == (549_665, 521_602)
    card = festival.scorecard("initiative_id").set_index(["initiative_id", "measure"])
    assert card.loc[("INI-002", "attendance"), "actual"] == attendance.value
    assert card.loc[("INI-002", "attendance"), "due"] == attendance.due
    text = headlines.live_headline(festival, t)
    assert text.startswith("5 events held of 5 due") and t.percent(attendance.progress) in text


def test_shipped_countries_reached_follow_the_country_filter(shipped, everything, as_of, t):
    chosen = shipped_selection(shipped, everything, as_of, countries=("FR", "DE"))
    result = chosen.result("countries")
    assert (result.value, result.due, result.target) == (2, 2, 2)
    assert delta_text(result, t) == "100% of 2 due · On track"


def test_shipped_one_country_headline_says_leads(shipped, everything, as_of, t):
    france = shipped_selection(shipped, everything, as_of, countries=("FR",))
    text = headlines.overview_headline(france, measures.activity_by_country(france), t)
    assert text.endswith("France leads on activity.")
    both = shipped_selection(shipped, everything, as_of, countries=("FR", "DE"))
    text = headlines.overview_headline(both, measures.activity_by_country(both), t)
    assert text.endswith("France and Germany lead on activity.")


def test_briefing_rows_are_the_cards(selection, t):
    results = selection.results(measures.OVERVIEW_KPIS)
    rows = briefing_rows(results, t)
    assert [r["value"] for r in rows] == [format_value(k, t) for k in results]
    assert [r["target"] for r in rows] == [delta_text(k, t) or "" for k in results]


def test_a_selection_cut_to_one_initiative_keeps_only_its_rows(shipped, selection):
    """A scorecard row of an initiative narrows every dataset to that initiative's rows."""
    one = selection.of_initiatives(["INI-001"])
    for name in ("initiatives", "live_events", "education_programs", "digital_metrics"):
        assert set(one.frames[name]["initiative_id"]) <= {"INI-001"}, name
    metrics = shipped["digital_metrics"]
    streams = metrics[(metrics["initiative_id"] == "INI-001") & (metrics["metric"] == "streams")]
    assert one.result("streams").value == streams["actual"].sum()
    assert len(one.frames["initiatives"]) == 1


# --- Growth and leaders -------------------------------------------------------------------------


def growth_frame(metric: str) -> pd.DataFrame:
    """Months around the two 12-month windows before March 2026, the last month measured."""
    rows = [  # country, month, actual
        ("FR", "2024-03-01", 1000.0),  # before both windows
        ("FR", "2024-04-01", 10.0), ("FR", "2025-03-01", 20.0),  # the year before
        ("FR", "2025-04-01", 30.0), ("FR", "2026-03-01", 60.0),  # the last 12 months
        ("FR", "2026-04-01", None),  # not measured yet: March stays the last month
        ("DE", "2025-03-01", 200.0), ("DE", "2026-03-01", 100.0),
        ("IT", "2025-05-01", 5.0),  # nothing the year before: no growth
        ("ES", "2025-03-01", 0.0), ("ES", "2026-03-01", 9.0),  # growth from 0 is not a share
        ("NL", "2025-03-01", 1.0), ("NL", "2026-03-01", 2.0),  # from 1: a growth like any
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["country", "month", "actual"])
    return frame.assign(month=pd.to_datetime(frame["month"]), metric=metric, target=1.0)


def test_growth_of_a_flow_compares_the_sums_of_two_12_month_windows():
    growth = measures.growth("streams", growth_frame("streams"), "country")
    # France: 30 + 60 = 90 against 10 + 20 = 30, tripled; Germany: 100 against 200.
    assert growth[["country", "recent", "previous"]].values.tolist() == [
        ["DE", 100.0, 200.0], ["NL", 2.0, 1.0], ["FR", 90.0, 30.0],
    ]  # fmt: skip
    assert growth["growth"].tolist() == pytest.approx([-0.5, 1.0, 2.0])  # slowest first


def test_growth_of_a_level_compares_the_last_month_with_the_same_month_a_year_before():
    growth = measures.growth("monthly_listeners", growth_frame("monthly_listeners"), "country")
    # France: March 2026 (60) against March 2025 (20); Germany 100 against 200.
    assert growth[["country", "recent", "previous"]].values.tolist() == [
        ["DE", 100.0, 200.0], ["NL", 2.0, 1.0], ["FR", 60.0, 20.0],
    ]  # fmt: skip
    assert growth["growth"].tolist() == pytest.approx([-0.5, 1.0, 2.0])


def test_growth_of_nothing_measured_is_an_empty_table():
    frame = growth_frame("streams").assign(actual=None)
    growth = measures.growth("streams", frame, "country")
    assert growth.empty and list(growth.columns) == ["country", "recent", "previous", "growth"]


def test_leaders_are_the_largest_first_ties_in_table_order():
    frame = pd.DataFrame(
        {
            "city": ["a", "b", "c", "d"],
            "value": [3.0, None, 5.0, 3.0],
            "other": [1.0, 1.0, None, 1.0],
        }
    )  # only `value` must be known
    assert measures.leaders(frame, "value", "city") == ["c", "a"]
    assert measures.leaders(frame, "value", "city", n=3) == ["c", "a", "d"]


# --- Edge cases of a result ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "due"), [(5.0, 0.0), (5.0, None), (float("nan"), 10.0), (5.0, float("nan"))]
)
def test_progress_is_unknown_when_nothing_was_due_or_measured(value, due):
    result = measures.Result("streams", value, due, 10.0)
    assert result.progress is None and result.standing is None


def test_an_empty_selection_counts_zero_and_measures_nothing():
    empty = events_frame().iloc[0:0]
    held = measures.total("events_held", empty, AS_OF)
    assert (held.value, held.due, held.target) == (0.0, 0.0, 0.0)
    attendance = measures.total("attendance", empty, AS_OF)
    assert pd.isna(attendance.value) and (attendance.due, attendance.target) == (0.0, 0.0)
    online = measures.total("online_viewers", empty, AS_OF)
    assert pd.isna(online.value) and online.due is None and online.target is None


def test_a_run_of_one_day_is_all_passed_the_day_it_ends():
    runs = pd.DataFrame(
        {
            "start_date": [T("2026-03-30"), T("2026-03-31"), T("2026-01-01")],
            "end_date": [T("2026-03-31"), T("2026-03-31"), T("2026-01-11")],
        }
    )
    # One day of one; the same day (a span of 0 counts as 1): none passed; 10 days of 10.
    assert measures.elapsed_share(runs, AS_OF).tolist() == [1.0, 0.0, 1.0]


# --- The tables pages draw ----------------------------------------------------------------------


def test_activity_by_country_counts_events_runs_and_initiatives_per_country():
    table = measures.activity_by_country(small_selection())
    # France: E1, E2 and P1, P2; INI-1, -2, -3 name it. Germany: E3, E4 and P3. Italy (INI-2)
    # and Spain (INI-4) have plans only. Most active first, then by code.
    # A country with plans only has no attendance or participants to tell: empty, not 0.
    assert table.fillna(-1).values.tolist() == [
        ["FR", 2, 2, 3, 900.0, 390.0, 4],
        ["DE", 2, 1, 3, 1200.0, 0.0, 3],
        ["ES", 0, 0, 1, -1, -1, 0],
        ["IT", 0, 0, 1, -1, -1, 0],
    ]
    assert (table[["events", "programs", "initiatives", "activities"]].dtypes == "int64").all()
    chosen = measures.activity_by_country(small_selection(countries=("FR", "IT")))
    assert chosen["country"].tolist() == ["FR", "IT"]


def test_audience_by_country_is_attendance_beside_what_was_due():
    table = measures.audience_by_country(small_selection())
    # France: E1's 900 of 800 due, E2's 40,000 online; Germany: E3's 1,200 of 1,500 (E4 is
    # later) and 300 online. Least expected first.
    assert table[["country", "attendance", "expected_attendance", "online_viewers",
                  "events"]].values.tolist() == [
        ["FR", 900.0, 800.0, 40_000.0, 2.0], ["DE", 1200.0, 1500.0, 300.0, 2.0],
    ]  # fmt: skip


def test_capacity_used_by_city_leaves_out_cities_without_a_measure():
    table = measures.utilisation_by_city(small_selection())
    # Berlin: 1,200 of E3's 2,000 seats (E4 not held); Paris: 900 of E1's 1,000 (E2 is online).
    assert table[["city", "country", "events", "attendance"]].values.tolist() == [
        ["Berlin", "DE", 1.0, 1200.0], ["Paris", "FR", 2.0, 900.0],
    ]  # fmt: skip
    assert table["utilisation"].tolist() == pytest.approx([0.6, 0.9])


def test_participants_by_type_are_actual_beside_due_fewest_first():
    table = measures.participants_by_type(small_selection())
    # The language course has not started: 0 runs, 0 of 0 due.
    assert table[["program_type", "runs", "actual", "due"]].values.tolist() == [
        ["language_course", 0.0, 0.0, 0.0], ["culture_workshop", 1.0, 90.0, 100.0],
        ["kculture_hub", 1.0, 300.0, 580.0],
    ]  # fmt: skip
    assert table["attainment"].tolist() == pytest.approx([0.0, 0.9, 300 / 580])


def test_participants_by_quarter_date_a_run_by_the_quarter_it_starts():
    table = measures.participants_by_quarter(small_selection())
    assert table[["quarter", "program_type", "participants_actual",
                  "participants_target"]].values.tolist() == [
        [T("2025-10-01"), "culture_workshop", 90.0, 100.0],
        [T("2026-01-01"), "kculture_hub", 300.0, 1190.0],
        [T("2026-04-01"), "language_course", 0.0, 50.0],
    ]  # fmt: skip


def test_satisfaction_by_type_shows_only_rated_types():
    table = measures.satisfaction_by_type(small_selection())
    assert table[["program_type", "satisfaction", "participants"]].values.tolist() == [
        ["culture_workshop", 4.0, 90.0]
    ]


def test_breakdown_by_audience_is_runs_and_participants_beside_what_was_due():
    table = measures.breakdown(small_selection(), "audience")
    assert table[
        ["audience", "runs", "participants_actual", "participants_target"]
    ].values.tolist() == [["students", 3.0, 390.0, 680.0]]


def test_monthly_keeps_the_largest_series_by_plan():
    selection = small_selection()
    # Plans: France 20 + 30 + 40 + 50 = 140, Germany 11 + 12 + 13 + 14 = 50.
    top = measures.monthly(selection, "streams", "country", top=1)
    assert set(top["country"]) == {"FR"} and top["month"].is_monotonic_increasing
    assert top["actual"].tolist()[:3] == [10.0, 20.0, 30.0]
    both = measures.monthly(selection, "streams", "country")
    assert set(both["country"]) == {"FR", "DE"} and len(both) == 8
    total = measures.monthly(selection, "streams", None)
    assert total["actual"].tolist()[:3] == [11.0, 22.0, 33.0]


def test_digital_kpis_are_the_measures_the_selection_has_in_catalogue_order():
    keys = [r.key for r in measures.digital_kpis(small_selection())]
    assert keys == ["streams", "monthly_listeners"]


# --- The scorecard, by hand ---------------------------------------------------------------------


def test_scorecard_summary_caps_each_measure_and_names_the_weakest():
    long = pd.DataFrame(
        {"country": ["FR", "FR", "DE"], "measure": ["attendance", "streams", "streams"],
         "attainment": [2.0, 0.5, 1.0], "standing": ["ahead", "behind", "on_track"]}
    )  # fmt: skip
    summary = measures.scorecard_summary(long, "country")
    # France: (1.5, capped, + 0.5) / 2 = 1.0, one behind, weakest streams. Germany: 1.0.
    assert summary.values.tolist() == [
        ["DE", 1.0, "on_track", 1, 0, "streams", 1.0],
        ["FR", 1.0, "on_track", 2, 1, "streams", 0.5],
    ]
    empty = measures.scorecard_summary(long.iloc[0:0], "country")
    assert empty.empty and list(empty.columns) == ["country", *measures.SUMMARY_COLUMNS]


def test_progress_by_focus_is_the_mean_of_its_initiatives():
    summary = pd.DataFrame({"initiative_id": ["INI-1", "INI-2", "INI-3"],
                            "attainment": [0.5, 1.0, 1.2]})  # fmt: skip
    initiatives = initiatives_frame().assign(focus_area="digital_expansion")
    initiatives.loc[2, "focus_area"] = "education"  # INI-3
    table = measures.progress_by_focus(summary, initiatives)
    assert list(table.columns) == ["focus_area", "initiatives", "progress", "standing"]
    assert table.values.tolist() == [
        ["digital_expansion", 2, 0.75, "behind"], ["education", 1, 1.2, "ahead"],
    ]  # fmt: skip


def test_a_countrys_scorecard_rows_become_its_cards():
    card = small_selection().scorecard("country")
    fr = card[card["country"] == "FR"]
    results = measures.results_of(fr[fr["measure"] == "attendance"])
    assert results == [measures.Result("attendance", 900.0, 800.0, 800.0, "count")]


def test_a_country_filter_keeps_the_scorecard_to_the_countries_chosen():
    card = small_selection(countries=("FR",)).scorecard("country")
    assert set(card["country"]) == {"FR"}


def test_a_narrowed_selection_keeps_its_date_and_countries():
    selection = small_selection(countries=("FR",))
    events = selection.frames["live_events"]
    narrowed = selection.narrowed(live_events=events[events["event_id"] == "E1"])
    assert (narrowed.as_of, narrowed.countries) == (AS_OF, ("FR",))
    assert narrowed.result("events_held").value == 1
    assert selection.result("events_held").value == 2  # the original is not changed
    assert narrowed.frames["initiatives"] is selection.frames["initiatives"]


def test_a_selection_uses_scorecards_already_worked_out():
    selection = small_selection()
    card = pd.DataFrame({"country": ["FR"], "measure": ["streams"], "actual": [1.0],
                         "due": [2.0], "target": [3.0], "attainment": [0.5],
                         "standing": ["behind"]})  # fmt: skip
    selection.adopt({"country": card})
    assert selection.scorecard("country") is card
    assert selection.summary("country")["weakest_attainment"].tolist() == [0.5]


def test_capacity_used_counts_only_events_with_a_known_capacity():
    events = events_frame()
    extra = events.iloc[[0, 0]].assign(
        event_id=["E5", "E6"], capacity=[None, 1], attendance=[500, 1], city="Lyon"
    )
    frame = pd.concat([events, extra], ignore_index=True)
    result = measures.total("utilisation", frame, AS_OF)
    # E5 has no capacity: its 500 cannot be set against seats. E6: 1 seat, 1 there.
    assert result.value == pytest.approx((900 + 1200 + 1) / (1000 + 2000 + 1))


def test_capacity_used_by_city_leaves_out_a_city_with_only_planned_events():
    events = events_frame()
    munich = events.iloc[[3]].assign(event_id="E7", city="Munich")  # planned, like E4
    selection = measures.Selection({"live_events": pd.concat([events, munich])}, AS_OF)
    assert measures.utilisation_by_city(selection)["city"].tolist() == ["Berlin", "Paris"]


def test_satisfaction_by_type_keeps_the_lowest_rating():
    programs = programs_frame()
    programs.loc[1, "satisfaction"] = 1.0  # the hub, rated 1 of 5
    selection = measures.Selection({"education_programs": programs}, AS_OF)
    table = measures.satisfaction_by_type(selection)
    assert table[["program_type", "satisfaction"]].values.tolist() == [
        ["kculture_hub", 1.0], ["culture_workshop", 4.0],
    ]  # fmt: skip


# --- Ties keep the table's order ----------------------------------------------------------------
# Forty groups, the first twenty with a larger figure than the last twenty: a sort that is not
# stable (numpy's default quicksort, on more than 16 rows) shuffles each tied half, and charts
# and downloads would change order from one change of the data to the next.

HALF = 20
NAMES = [f"{i:02d}" for i in range(2 * HALF)]
LOW_FIRST = NAMES[HALF:] + NAMES[:HALF]  # ascending: the smaller half first, each in order


def two_levels(large: float, small: float) -> list[float]:
    return [large] * HALF + [small] * HALF


def tied_programs() -> pd.DataFrame:
    """Forty one-month runs alike but for their type, audience and size."""
    size = two_levels(20.0, 10.0)
    return pd.DataFrame(
        {
            "program_id": NAMES, "program_type": NAMES, "audience": NAMES, "country": "FR",
            "start_date": T("2026-01-01"), "end_date": T("2026-01-31"),
            "participants_target": size, "participants_actual": size,
            "satisfaction": two_levels(5.0, 4.0), "status": "completed",
            "quarter": [T("2026-01-01")] * HALF + [T("2025-10-01")] * HALF,
        }
    )  # fmt: skip


def test_tied_programme_tables_keep_the_order_of_the_rows():
    selection = measures.Selection({"education_programs": tied_programs()}, AS_OF)
    assert measures.participants_by_type(selection)["program_type"].tolist() == LOW_FIRST
    assert measures.satisfaction_by_type(selection)["program_type"].tolist() == LOW_FIRST
    assert measures.participants_by_quarter(selection)["program_type"].tolist() == LOW_FIRST
    assert measures.breakdown(selection, "audience")["audience"].tolist() == LOW_FIRST


def test_tied_cities_growth_and_leaders_keep_the_order_of_the_rows():
    events = pd.DataFrame(
        {"event_id": NAMES, "event_type": "concert", "city": NAMES, "country": "FR",
         "start_date": T("2026-01-10"), "capacity": 100, "expected_attendance": 80,
         "attendance": two_levels(60, 50), "online_viewers": None, "status": "completed"}
    )  # fmt: skip
    selection = measures.Selection({"live_events": events}, AS_OF)
    assert measures.utilisation_by_city(selection)["city"].tolist() == LOW_FIRST
    assert measures.leaders(events, "attendance", "city", n=2 * HALF) == NAMES  # largest first
    metrics = pd.DataFrame(
        {"country": NAMES * 2, "metric": "streams", "target": 1.0,
         "month": [T("2025-03-01")] * 2 * HALF + [T("2026-03-01")] * 2 * HALF,
         "actual": [1.0] * 2 * HALF + two_levels(3.0, 2.0)}
    )  # fmt: skip
    assert measures.growth("streams", metrics, "country")["country"].tolist() == LOW_FIRST


def test_tied_focus_areas_and_weakest_measures_keep_the_order_of_the_rows():
    initiatives = pd.DataFrame({"initiative_id": NAMES, "focus_area": NAMES})
    summary = pd.DataFrame({"initiative_id": NAMES, "attainment": two_levels(0.6, 0.5)})
    table = measures.progress_by_focus(summary, initiatives)
    assert table["focus_area"].tolist() == LOW_FIRST
    long = pd.DataFrame({"country": "FR", "measure": NAMES, "attainment": two_levels(0.6, 0.5),
                         "standing": "behind"})  # fmt: skip
    assert measures.scorecard_summary(long, "country")["weakest"].tolist() == [NAMES[HALF]]


# --- The scorecard and the places, by hand ------------------------------------------------------


def test_hubs_count_the_hubs_under_way():
    result = measures.total("hubs", programs_frame(), AS_OF)
    assert (result.value, result.due, result.target) == (1, 1, 1)  # P2, started in February


def test_a_result_keeps_its_key_and_unit():
    budget = measures.total("budget", initiatives_frame(), AS_OF)
    assert budget == measures.Result("budget", 4200.0, None, None, "money")
    empty = measures.total("budget", initiatives_frame().iloc[0:0], AS_OF)
    assert (empty.key, empty.unit, empty.due) == ("budget", "money", None)
    assert pd.isna(empty.value)


def test_scorecard_of_one_dataset_judges_its_measures_even_one_due():
    selection = measures.Selection({"live_events": events_frame()}, AS_OF)
    card = selection.scorecard("country").set_index(["country", "measure"])
    # Germany had one event due (E3), France two; attendance as in the totals.
    assert card.loc[("DE", "events_held"), "due"] == 1
    assert card.loc[("FR", "events_held"), "due"] == 2
    assert card.loc[("DE", "attendance"), "actual"] == 1200
    assert card.reset_index().index.is_unique
    nothing = measures.Selection({}, AS_OF).scorecard("country")
    assert nothing.empty and list(nothing.columns) == ["country", *measures.SCORECARD_COLUMNS]


def test_initiatives_without_catalogue_measures_are_judged_on_their_own_kpi():
    card = measures.Selection({"initiatives": initiatives_frame()}, AS_OF).scorecard(
        "initiative_id"
    )
    # 89 of 364 days passed for INI-1, -2 (of 365 for INI-3); INI-4 has not started.
    # INI-3: 30 of 89 due; INI-2: 4 of 2.4; INI-1: 50 of 24.5.
    assert card["initiative_id"].tolist() == ["INI-3", "INI-2", "INI-1"]
    assert set(card["measure"]) == {"plan_kpi"}
    assert card["due"].tolist() == pytest.approx([89.0, 10 * 89 / 364, 100 * 89 / 364])


def test_places_are_each_country_an_event_run_or_plan_names():
    rows = measures.places(events_frame(), programs_frame(), initiatives_frame())
    reached = rows.assign(reached=rows["reached"].fillna(0)).values.tolist()
    # Events (held: reached), then runs (counted: reached), then each country a plan names.
    assert reached == [
        ["FR", T("2026-01-10"), 1.0], ["FR", T("2026-02-10"), 1.0], ["DE", T("2026-03-01"), 1.0],
        ["DE", T("2026-09-01"), 0.0],
        ["FR", T("2025-10-01"), 1.0], ["FR", T("2026-02-01"), 1.0], ["DE", T("2026-06-01"), 0.0],
        ["FR", T("2026-01-01"), 0.0], ["DE", T("2026-01-01"), 0.0],
        ["FR", T("2026-01-01"), 0.0], ["DE", T("2026-01-01"), 0.0], ["IT", T("2026-01-01"), 0.0],
        ["FR", T("2026-01-01"), 0.0], ["DE", T("2026-01-01"), 0.0],
        ["ES", T("2026-07-01"), 0.0],
    ]  # fmt: skip
    chosen = measures.places(events_frame(), programs_frame(), initiatives_frame(), ("ES",))
    assert chosen["country"].tolist() == ["ES"]


# --- A selection's frames, by hand --------------------------------------------------------------


def test_a_selection_cut_to_initiatives_counts_only_their_places():
    # INI-3's programmes: P1 and P2 in France (started, with participants), P3 in Germany (not
    # started); its plan names France and Germany from 2026-01-01. Reached: France; due: both.
    one = small_selection().of_initiatives(["INI-3"]).result("countries")
    assert (one.value, one.due, one.target) == (1, 2, 2)
    in_france = small_selection(countries=("FR",)).of_initiatives(["INI-3"]).result("countries")
    assert (in_france.value, in_france.due, in_france.target) == (1, 1, 1)


def test_without_initiatives_a_selection_has_no_frames_but_keeps_its_date_and_countries():
    empty = measures.select({}, filters.FilterState(2025, 2027, countries=("FR",)), AS_OF)
    assert (empty.frames, empty.as_of, empty.countries) == ({}, AS_OF, ("FR",))


def test_places_need_both_events_and_programmes():
    data = {"initiatives": initiatives_frame(), "live_events": events_frame()}
    frames = measures.select(data, filters.FilterState(2025, 2027), AS_OF).frames
    assert set(frames) == {"initiatives", "live_events"}


def test_digital_rows_follow_the_initiatives_focus_filter():
    # The metrics all belong to INI-1 (digital expansion): a live-events focus keeps none.
    assert small_selection(focus_areas=("live_events",)).frames["digital_metrics"].empty
    kept = small_selection(focus_areas=("digital_expansion",)).frames["digital_metrics"]
    assert len(kept) == len(metrics_frame())


def test_an_initiatives_own_kpi_counts_once_anything_is_due_even_less_than_one():
    initiatives = pd.concat([initiatives_frame(), pd.DataFrame([dict(
        initiative_id="INI-5", name="Small", focus_area="talent_development", countries="FR",
        start_date=T("2026-01-01"), end_date=T("2026-12-31"), status="in_progress",
        budget_eur=10.0, kpi_target=2.0, kpi_actual=1.0)])], ignore_index=True)  # fmt: skip
    data = {"initiatives": initiatives, "live_events": events_frame(),
            "education_programs": programs_frame(), "digital_metrics": metrics_frame()}  # fmt: skip
    card = measures.select(data, filters.FilterState(2025, 2027), AS_OF).scorecard("initiative_id")
    own = card[card["initiative_id"] == "INI-5"]
    # 89 of its 364 days have passed by 2026-03-31: 2 x 89/364 = 0.49 due, 1 done.
    assert own["measure"].tolist() == ["plan_kpi"]
    assert own["due"].iloc[0] == pytest.approx(2 * 89 / 364, rel=0.02)
    assert card.index.is_unique


def test_a_card_and_a_chart_give_each_standing_one_colour():
    """By hand: 120 of 100 due is ahead (blue), 100 on track (green), 50 behind (orange);
    Streamlit draws its named colours blue, green and orange as these hues."""
    from components.kpis import delta_color
    from kpop_explorer.charts import theme

    cards = {v: delta_color(measures.Result("streams", v, due=100.0, target=200.0))
             for v in (120.0, 100.0, 50.0)}  # fmt: skip
    assert cards == {120.0: "blue", 100.0: "green", 50.0: "orange"}
    # The charts draw darker shades of the same hues (WCAG contrast): blue, green, orange.
    rgb = {code: tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5))
           for code, hex_ in theme.STANDING_COLORS.items()}  # fmt: skip
    red, green, blue = rgb["ahead"]
    assert blue > max(red, green)
    red, green, blue = rgb["on_track"]
    assert green > max(red, blue)
    red, green, blue = rgb["behind"]
    assert red > green > blue


def test_a_country_filter_keeps_every_dataset_and_so_the_scorecard_to_its_countries(
    shipped, options, as_of
):
    """The scorecard does not cut by country itself: every dataset it reads is cut already, for
    each country alone and for pairs of them."""
    chosen = [(country,) for country in options.countries]
    chosen += list(zip(options.countries[::2], options.countries[1::2], strict=False))
    for countries in chosen:
        state = replace(filters.FilterState.default(options), countries=countries)
        card = measures.select(shipped, state, as_of).scorecard("country")
        assert set(card["country"]) <= set(countries), countries
