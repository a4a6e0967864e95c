"""One-sentence answers computed from the filtered data, for the top of each page."""

from __future__ import annotations

import pandas as pd

from kpop_explorer import aggregates
from kpop_explorer.aggregates import Kpi
from kpop_explorer.i18n import Translator


def _kpi(kpis: list[Kpi], key: str) -> Kpi | None:
    return next((k for k in kpis if k.key == key), None)


def _leaders(t: Translator, names: list[str]) -> str:
    return t("headline.and", first=names[0], second=names[1]) if len(names) > 1 else names[0]


def overview_headline(
    kpis: list[Kpi], activity: pd.DataFrame, initiatives: pd.DataFrame, t: Translator
) -> str:
    """`activity` is `aggregates.activity_by_country` of the same selection."""
    activity = activity[activity["activities"] > 0]
    parts = [t("headline.overview.portfolio", n=len(initiatives),
               budget=t.money(initiatives["budget_eur"].sum(), compact=True))]  # fmt: skip
    participants = _kpi(kpis, "participants")
    if participants and participants.progress is not None:
        parts.append(t("headline.overview.participants", share=t.percent(participants.progress)))
    streams = _kpi(kpis, "streams")
    if streams and streams.progress is not None:
        parts.append(t("headline.overview.streams", share=t.percent(streams.progress)))
    sentence = t("headline.join").join(parts)
    if not activity.empty:
        top = [t.country(c) for c in activity["country"].head(2)]
        sentence += t("headline.overview.leaders", leaders=_leaders(t, top))
    return sentence


def digital_headline(metrics: pd.DataFrame, metric_label: str, t: Translator) -> str:
    measured = metrics[metrics["actual"].notna()]
    if measured.empty:
        return t("headline.digital.none", metric=metric_label)
    share = measured["actual"].sum() / measured["target"].sum()
    growth = aggregates.growth_by_country(metrics)
    sentence = t("headline.digital.share", metric=metric_label, share=t.percent(share))
    if not growth.empty:
        best = growth.iloc[-1]
        sentence += t(
            "headline.digital.growth", country=t.country(best["country"]),
            growth=t.percent(best["growth"]),
        )  # fmt: skip
    return sentence


def live_headline(events: pd.DataFrame, t: Translator) -> str:
    if events.empty:
        return t("headline.live.empty")
    held = events[events["attendance"].notna()]
    if held.empty:
        return t("headline.live.none", n=len(events))
    share = held["attendance"].sum() / held["expected_attendance"].sum()
    top = held.groupby("city")["attendance"].sum().nlargest(2).index.tolist()
    return t("headline.live.share", held=len(held), share=t.percent(share),
             leaders=_leaders(t, top))  # fmt: skip


def education_headline(programs: pd.DataFrame, t: Translator) -> str:
    if programs.empty:
        return t("headline.education.empty")
    started = programs[programs["participants_actual"].notna()]
    if started.empty:
        return t("headline.education.none", n=len(programs))
    share = started["participants_actual"].sum() / started["participants_target"].sum()
    by_type = aggregates.target_vs_actual_by_type(programs)
    best = by_type.sort_values("attainment").iloc[-1]
    return t(
        "headline.education.share",
        participants=t.number(started["participants_actual"].sum()),
        share=t.percent(share),
        best=t.label("program_type", best["program_type"]),
        best_share=t.percent(best["attainment"]),
    )
