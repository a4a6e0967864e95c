"""The sentences of the reality checks: what a plan's figures come to beside the real record
(the largest real events, the cities where real events drew crowds, real learner counts, the
fan communities the Korea Foundation counts). Pure: each takes the benchmark table that
`history` builds (a `kind` column: plan, actual or real) and returns plain text.
"""

from __future__ import annotations

import pandas as pd

from kpop_explorer.i18n import Translator


def festival_sentence(table: pd.DataFrame, t: Translator) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.festival.none")
    edition = plan.loc[plan["value"].idxmax()]
    largest = real.loc[real["value"].idxmax()]
    return t(
        "reality.festival.sentence", festival=edition["label"], planned=t.number(edition["value"]),
        ratio=t.number(edition["value"] / largest["value"], 1), event=largest["label"],
        real=t.number(largest["value"]),
    )  # fmt: skip


def learner_sentence(table: pd.DataFrame, t: Translator) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.learners.none")
    top = plan.loc[plan["value"].idxmax()]
    same = real[real["country"] == top["country"]]
    largest = same.loc[same["value"].idxmax()]
    return t(
        "reality.learners.sentence", country=t.country(top["country"]),
        planned=t.number(top["value"]), count=largest["label"], real=t.number(largest["value"]),
        ratio=t.number(top["value"] / largest["value"]),
    )  # fmt: skip


def city_sentence(table: pd.DataFrame, t: Translator) -> str:
    planned = table[table["planned_events"] > 0]
    if planned.empty:
        return t("reality.cities.none")
    proven = len(planned[planned["real_events"] > 0])
    crowd = table.dropna(subset=["real_attendance"])
    text = t("reality.cities.sentence", proven=t.number(proven), n=t.number(len(planned)))
    if not crowd.empty:
        top = crowd.loc[crowd["real_attendance"].idxmax()]
        text += " " + t(
            "reality.cities.largest", city=t.city(top["city"], top["country"]),
            value=t.number(top["real_attendance"]), planned=t.number(top["planned_events"]),
        )  # fmt: skip
    return text


def followers_sentence(table: pd.DataFrame, t: Translator) -> str:
    plan, real = table[table["kind"] == "plan"], table[table["kind"] == "real"]
    if plan.empty or real.empty:
        return t("reality.followers.none")
    latest = real.iloc[-1]
    target = plan.iloc[0]
    return t(
        "reality.followers.sentence", month=target["label"], planned=t.number(target["value"]),
        share=t.percent(target["value"] / latest["value"]), real=t.number(latest["value"]),
        year=latest["label"],
    )  # fmt: skip
