"""The tables pages draw, each from the catalogue through a selection."""

from __future__ import annotations

import pandas as pd

from kpop_explorer.datasets import codes
from kpop_explorer.measures.catalogue import DIGITAL, Result
from kpop_explorer.measures.engine import Selection, leaders


def activity_by_country(selection: Selection) -> pd.DataFrame:
    """Events, programmes and initiatives per country, with attendance and participants: what the
    Overview map shades by activity. An initiative spans several countries; with a country filter
    only those countries count."""
    table = selection.joined(
        "country",
        events=("events_held", "target"), programs=("programs", "target"),
        attendance=("attendance", "actual"), participants=("participants", "actual"),
    )  # fmt: skip
    named = (
        selection.frames["initiatives"]["countries"].dropna().map(codes.split_countries).explode()
    )
    initiatives = named.value_counts().rename("initiatives").rename_axis("country")
    table = table.merge(initiatives.reset_index(), on="country", how="outer")
    table[["events", "programs", "initiatives"]] = (
        table[["events", "programs", "initiatives"]].fillna(0).astype(int)
    )
    table["activities"] = table["events"] + table["programs"]
    if selection.countries:
        table = table[table["country"].isin(selection.countries)]
    columns = ["country", "events", "programs", "initiatives", "attendance", "participants",
               "activities"]  # fmt: skip
    return table[columns].sort_values(["activities", "country"], ascending=[False, True])


OVERVIEW_KPIS = ("initiatives", "budget", "countries", "events_held", "participants", "streams")
LIVE_KPIS = ("events_held", "attendance", "utilisation", "online_viewers", "event_countries")
EDUCATION_KPIS = ("programs", "participants", "satisfaction", "hubs", "program_countries")


def digital_kpis(selection: Selection) -> list[Result]:
    """A card per digital measure the selection has rows for."""
    present = set(selection.frames["digital_metrics"]["metric"].astype(str))
    return selection.results([k for k in DIGITAL if k in present])


TOP_SERIES = 6  # lines beyond this stop being readable


def monthly(selection: Selection, key: str, by: str | None, top: int = TOP_SERIES) -> pd.DataFrame:
    """The measure per month (and per `by`, its `top` largest by plan), actual beside plan."""
    series = selection.table(key, ["month"] + ([by] if by else [])).sort_values("month")
    if by is None:
        return series
    largest = leaders(selection.table(key, by), "target", by, top)
    return series[series[by].astype(str).isin(largest)]


def audience_by_country(selection: Selection) -> pd.DataFrame:
    """Attendance beside what was due at the events held so far, and online viewers."""
    return selection.joined(
        "country", attendance=("attendance", "actual"), expected_attendance=("attendance", "due"),
        online_viewers=("online_viewers", "actual"), events=("events_held", "target"),
    ).sort_values(["expected_attendance", "attendance"])  # fmt: skip


def utilisation_by_city(selection: Selection) -> pd.DataFrame:
    table = selection.joined(
        ["city", "country"], utilisation=("utilisation", "actual"),
        events=("events_held", "actual"), attendance=("attendance", "actual"),
    )  # fmt: skip
    return table[table["utilisation"] > 0].sort_values("utilisation", kind="stable")


def participants_by_type(selection: Selection) -> pd.DataFrame:
    return selection.joined(
        "program_type", runs=("programs", "actual"), actual=("participants", "actual"),
        due=("participants", "due"), attainment=("participants", "attainment"),
    ).sort_values("actual", kind="stable")  # fmt: skip


def participants_by_quarter(selection: Selection) -> pd.DataFrame:
    """Participants by the quarter a run starts, per programme type, actual beside the plan."""
    return selection.joined(
        ["quarter", "program_type"], participants_actual=("participants", "actual"),
        participants_target=("participants", "target"),
    ).sort_values("quarter", kind="stable")  # fmt: skip


def satisfaction_by_type(selection: Selection) -> pd.DataFrame:
    table = selection.joined(
        "program_type", satisfaction=("satisfaction", "actual"),
        participants=("participants", "actual"),
    )  # fmt: skip
    return table[table["satisfaction"] > 0].sort_values("satisfaction", kind="stable")


def breakdown(selection: Selection, by: str) -> pd.DataFrame:
    """Programme runs and participants (beside what was due) per audience or language."""
    return selection.joined(
        by, runs=("programs", "target"), participants_actual=("participants", "actual"),
        participants_target=("participants", "due"),
    ).sort_values("participants_target", kind="stable")  # fmt: skip
