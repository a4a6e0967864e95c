"""The catalogue of measures on small hand-built frames, each expected value worked out by hand,
and on the shipped data for the contradictions issue 12 found."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from components.kpis import briefing_rows, delta_text, format_value
from kpop_explorer import filters, headlines, measures
from kpop_explorer.i18n import Translator

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
        assert t.percent(result.progress) in text
        assert t.percent(result.progress) in delta_text(result, t)
    assert t.percent(selection.result("monthly_listeners").progress) == "95%"


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
