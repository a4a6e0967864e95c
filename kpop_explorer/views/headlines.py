"""One-sentence answers for the top of each page, from the same catalogue results as its cards.

A headline takes the `Result`s the page's KPI cards show (never its own arithmetic), so the share
a sentence quotes is the share on the card beside it.
"""

from __future__ import annotations

import pandas as pd

from kpop_explorer import measures
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.i18n import Translator
from kpop_explorer.measures import Result, Selection, history, projection


def judged(result: Result, t: Translator) -> str:
    """The share of what was due and its standing, in words: "95% of what was due (behind)"."""
    return t(
        "headline.judged",
        share=attainment_text(result.progress, t),
        standing=t(f"headline.standing.{result.standing}"),
    )


def _leaders(t: Translator, key: str, names: list[str]) -> str:
    """`key.one` or `key.other` by how many lead: "France leads", "France and Germany lead"."""
    return t.plural(key, len(names), leaders=t.join(names))


def overview_headline(selection: Selection, activity: pd.DataFrame, t: Translator) -> str:
    """`activity` is `measures.activity_by_country` of the same selection."""
    initiatives = selection.frames["initiatives"]
    budget = selection.result("budget")
    parts = [t.plural("headline.overview.portfolio", len(initiatives), n=t.number(len(initiatives)),
                      budget=t.money(budget.value, compact=True))]  # fmt: skip
    for key in ("participants", "streams"):
        result = selection.result(key)
        if result.progress is not None:
            parts.append(t(f"headline.overview.{key}", judged=judged(result, t)))
    sentence = t("headline.join").join(parts)
    top = measures.leaders(activity[activity["activities"] > 0], "activities", "country")
    if top:
        leaders = _leaders(t, "headline.overview.leaders", [t.country(c) for c in top])
        return sentence + t("headline.overview.lead_sentence", leaders=leaders)
    return sentence + "."


def digital_headline(selection: Selection, metric: str, metric_label: str, t: Translator) -> str:
    result = selection.result(metric)
    if result.progress is None:
        return t("headline.digital.none", metric=metric_label)
    sentence = t(
        "headline.digital.share",
        metric=metric_label,
        value=t.compact(result.value),
        judged=judged(result, t),
    )
    growth = measures.growth(metric, selection.frame(metric), "country")
    if growth.empty:
        return sentence + "."
    best = growth.iloc[-1]
    return sentence + t(
        "headline.digital.growth", country=t.country(best["country"]),
        growth=t.percent(best["growth"]),
    )  # fmt: skip


def live_headline(selection: Selection, t: Translator) -> str:
    events = selection.result("events_held")
    if not events.target:
        return t("headline.live.empty")
    if not events.value:
        return t.plural("headline.live.none", events.target, n=t.number(events.target))
    held = t.plural("headline.live.held", events.value, held=t.number(events.value),
                    due=t.number(events.due))  # fmt: skip
    attendance = selection.result("attendance")
    if attendance.progress is None:
        return held + "."
    top = measures.leaders(selection.table("attendance", "city"), "actual", "city")
    return t(
        "headline.live.share",
        held=held,
        judged=judged(attendance, t),
        leaders=_leaders(t, "headline.live.leaders", [t.city(c) for c in top]),
    )


def education_headline(selection: Selection, t: Translator) -> str:
    runs = selection.result("programs")
    if not runs.target:
        return t("headline.education.empty")
    participants = selection.result("participants")
    if not runs.value or participants.progress is None:
        return t.plural("headline.education.none", runs.target, n=t.number(runs.target))
    by_type = selection.table("participants", "program_type").dropna(subset=["attainment"])
    best = by_type.sort_values("attainment", kind="stable").iloc[-1]
    return t(
        "headline.education.share",
        participants=t.number(participants.value),
        judged=judged(participants, t),
        best=t.label("program_type", best["program_type"]),
        best_share=t.percent(best["attainment"]),
    )


def projection_headline(
    found: projection.Projection | None, measure_label: str, place: str, t: Translator
) -> str:
    """Where a measure lands at the end of its plan at this pace, in one sentence: "At this
    pace, France reaches 91% of its Streams plan by the end of 2027 (likely 86% to 96%: behind
    plan)."; or that there is too little history to say."""
    if found is None or found.attainment is None:
        return t("headline.projection.none", measure=measure_label)
    return t(
        "headline.projection",
        place=place,
        share=t.percent(found.attainment),
        measure=measure_label,
        year=found.end.year if found.end is not None and not pd.isna(found.end) else "–",
        low=t.percent(found.low / found.target),
        high=t.percent(found.high / found.target),
        standing=t(f"headline.standing.{found.standing}"),
    )


def history_headline(events: pd.DataFrame, t: Translator) -> str | None:
    """How many real events, since when, the largest audience and where; None when none held."""
    facts = history.headline_facts(events)
    if facts is None:
        return None
    text = t(
        "history.headline",
        n=t.number(facts.events),
        first=facts.first_year,
        countries=t.number(facts.countries),
    )
    if facts.largest is not None:
        text += " " + t(
            "history.headline_largest",
            name=facts.largest["event_name"],
            city=t.city(facts.largest["city"], facts.largest["country"]),
            value=t.number(facts.largest["attendance_reported"]),
        )
    return text
