"""Generate the K-pop Europe Explorer datasets.

Two kinds of files are written:

* Illustrative tables (initiatives, digital metrics, live events, education programmes). The
  initiatives, their objectives, audiences and expected outcomes are the plan terms reported from
  the meeting between SM Entertainment's founder and the French President; every figure, date,
  venue booking and partner role is synthetic, drawn from a seeded random generator. The plans
  themselves (initiatives, the events, series and programmes planned for each) are data, in
  `scripts/plan.json`; this file holds only how they become rows.
* Reference tables: real, sourced facts read from the shared reference-data folder, with
  checked city coordinates and a parsed attendance figure added. When that folder is absent
  (e.g. in CI) the reference files already in the output folder are left untouched.

Usage:
    python scripts/generate_data.py
    python scripts/generate_data.py --scale 10 --out /tmp/kpop-data-10x
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a file: the app's package sits beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kpop_explorer.datasets import geo

SEED = 20250611
AS_OF = date(2026, 10, 31)  # actuals exist only up to this date
FIRST_MONTH = date(2024, 1, 1)
N_MONTHS = 48  # 2024-01 .. 2027-12
FAR_FUTURE = date(2028, 1, 1)  # rows starting on or after this are still only proposed

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEFAULT_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference-data"
REFERENCE_FILES = ("reference_live_events.csv", "reference_education.csv", "reference_hallyu.csv")
PLAN = json.loads((Path(__file__).with_name("plan.json")).read_text(encoding="utf-8"))


def _plan(name: str, *fields: str) -> tuple[tuple, ...]:
    """The records of one of plan.json's lists, as tuples of the fields named, in that order."""
    return tuple(tuple(record[field] for field in fields) for record in PLAN[name])


COUNTRIES = (
    "FR",
    "DE",
    "GB",
    "ES",
    "IT",
    "NL",
    "BE",
    "PL",
    "SE",
    "AT",
    "PT",
    "CH",
    "DK",
    "CZ",
    "IE",
)
# Relative size of each market for K-pop (France = 1, weighted most).
MARKET_WEIGHT = {
    "FR": 1.00, "DE": 0.92, "GB": 0.90, "ES": 0.58, "IT": 0.49, "NL": 0.29, "BE": 0.19,
    "PL": 0.34, "SE": 0.18, "AT": 0.12, "PT": 0.12, "CH": 0.13, "DK": 0.085, "CZ": 0.10,
    "IE": 0.075,
}  # fmt: skip
NATIONALITY = {
    "FR": "French", "DE": "German", "GB": "British", "ES": "Spanish", "IT": "Italian",
    "NL": "Dutch", "BE": "Belgian", "PL": "Polish", "SE": "Swedish", "AT": "Austrian",
    "PT": "Portuguese", "CH": "Swiss", "DK": "Danish", "CZ": "Czech", "IE": "Irish",
}  # fmt: skip
LANGUAGE = {
    "FR": "fr", "DE": "de", "GB": "en", "ES": "es", "IT": "it", "NL": "nl", "BE": "nl",
    "PL": "pl", "SE": "sv", "AT": "de", "PT": "pt", "CH": "de", "DK": "da", "CZ": "cs",
    "IE": "en",
}  # fmt: skip
CITY_LANGUAGE = {"Brussels": "fr", "Liège": "fr", "Geneva": "fr"}
CAPITAL = {
    "FR": "Paris", "DE": "Berlin", "GB": "London", "ES": "Madrid", "IT": "Rome",
    "NL": "Amsterdam", "BE": "Brussels", "PL": "Warsaw", "SE": "Stockholm", "AT": "Vienna",
    "PT": "Lisbon", "CH": "Bern", "DK": "Copenhagen", "CZ": "Prague", "IE": "Dublin",
}  # fmt: skip

# The cities of the illustrative and the reference tables, with their country; coordinates come
# from GeoNames (kpop_explorer.datasets.geo), so none is typed in by hand.
CITIES: dict[str, str] = {
    "Paris": "FR",
    "Saint-Denis": "FR",
    "Nanterre": "FR",
    "Lyon": "FR",
    "Marseille": "FR",
    "Lille": "FR",
    "Bordeaux": "FR",
    "Nantes": "FR",
    "Toulouse": "FR",
    "Strasbourg": "FR",
    "Montpellier": "FR",
    "Rennes": "FR",
    "La Rochelle": "FR",
    "Quimper": "FR",
    "Berlin": "DE",
    "Frankfurt am Main": "DE",
    "Cologne": "DE",
    "Hamburg": "DE",
    "Munich": "DE",
    "Düsseldorf": "DE",
    "Würzburg": "DE",
    "London": "GB",
    "Manchester": "GB",
    "Birmingham": "GB",
    "Glasgow": "GB",
    "Madrid": "ES",
    "Barcelona": "ES",
    "Valencia": "ES",
    "Las Palmas de Gran Canaria": "ES",
    "Milan": "IT",
    "Rome": "IT",
    "Bologna": "IT",
    "Turin": "IT",
    "Amsterdam": "NL",
    "Rotterdam": "NL",
    "Utrecht": "NL",
    "Brussels": "BE",
    "Antwerp": "BE",
    "Ghent": "BE",
    "Liège": "BE",
    "Warsaw": "PL",
    "Kraków": "PL",
    "Katowice": "PL",
    "Łódź": "PL",
    "Wrocław": "PL",
    "Stockholm": "SE",
    "Gothenburg": "SE",
    "Vienna": "AT",
    "Graz": "AT",
    "Lisbon": "PT",
    "Porto": "PT",
    "Zurich": "CH",
    "Geneva": "CH",
    "Bern": "CH",
    "Copenhagen": "DK",
    "Aarhus": "DK",
    "Prague": "CZ",
    "Brno": "CZ",
    "Dublin": "IE",
    "Cork": "IE",
    # Cities that appear only in the reference data.
    "Moscow": "RU",
    "Astrakhan": "RU",
    "Budapest": "HU",
    "Ankara": "TR",
    "Turku": "FI",
    "Riga": "LV",
    "Vilnius": "LT",
}


# --- Initiatives ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Initiative:
    """One plan item. `key` is internal; ids are assigned in list order."""

    key: str
    name: str
    focus_area: str
    action_plan: str
    objective: str
    target_audience: str
    expected_outcome: str
    korean_partner: str
    european_partner: str
    start: str
    end: str
    status: str
    budget: int  # planning figure before jitter
    kpi_name: str
    kpi_unit: str
    kpi_target: int = 0  # only for initiatives whose KPI is not derived from child rows
    countries: str = ""  # only for initiatives without child rows
    lead_country: str = "FR"


INITIATIVES = tuple(Initiative(**row) for row in PLAN["initiatives"])


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _ids(prefix: str, n: int, width: int = 4) -> list[str]:
    return [f"{prefix}-{i:0{width}d}" for i in range(1, n + 1)]


def initiative_ids() -> dict[str, str]:
    """Internal key -> INI-nnn id."""
    return {ini.key: f"INI-{i:03d}" for i, ini in enumerate(INITIATIVES, start=1)}


def status_for(start: date, end: date) -> str:
    """Status of an event or programme run from its dates."""
    if end <= AS_OF:
        return "completed"
    if start <= AS_OF:
        return "in_progress"
    return "proposed" if start >= FAR_FUTURE else "planned"


def _city(name: str) -> tuple[str, float, float]:
    """Country, latitude and longitude of a city of the plans."""
    country = CITIES[name]
    return (country, *geo.city_coordinates(name, country))


# --- Time helpers -----------------------------------------------------------------------------


def month_index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - 1


def month_start(index: int) -> date:
    year, month = divmod(index, 12)
    return date(FIRST_MONTH.year + year, month + 1, 1)


AS_OF_INDEX = month_index(AS_OF)


def pick_day(
    rng: np.random.Generator, year: int, month: int, weekdays: tuple[int, ...], days: int = 1
) -> date:
    """A random day of the month falling on one of `weekdays` (Mon=0) with room for `days`."""
    last = calendar.monthrange(year, month)[1]
    options = [d for d in range(1, last - days + 2) if date(year, month, d).weekday() in weekdays]
    return date(year, month, int(rng.choice(options)))


def random_date(rng: np.random.Generator, lo: date, hi: date, weekday: int | None = None) -> date:
    """A random day in [lo, hi], moved forward to the next `weekday` (Mon=0) if given."""
    day = lo + timedelta(days=int(rng.integers(0, (hi - lo).days + 1)))
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    return day


# --- Live events ------------------------------------------------------------------------------

EVENT_PLAN = _plan(
    "events", "initiative", "event_type", "city", "venue", "capacity_per_day", "year", "month",
    "days",
)  # fmt: skip

VIRTUAL_PLAN = _plan("virtual_concerts", "initiative", "year", "month", "studio_city")

KOREAN_ACTS = (
    "Korean boy group", "Korean girl group", "Korean solo vocalist", "Korean hip-hop duo",
    "Korean co-ed dance unit", "Korean indie band", "Korean R&B singer",
)  # fmt: skip
EUROPEAN_ACTS = (
    "electro-pop duo", "DJ/producer", "singer-songwriter", "urban-pop artist", "pop band",
    "string ensemble", "rapper",
)  # fmt: skip


def _label(city: str) -> str:
    """City name used in event titles (suburban arenas carry the metropolis' name)."""
    return "Paris" if city in ("Nanterre", "Saint-Denis") else city


def _lineup(rng: np.random.Generator, event_type: str, key: str, country: str) -> str:
    nat = NATIONALITY[country]
    eu = f"{nat} {rng.choice(EUROPEAN_ACTS)} (TBA)"
    a_eu = ("an " if nat[0] in "AEIOU" else "a ") + eu
    kr = list(rng.choice(KOREAN_ACTS, size=2, replace=False))
    if event_type == "festival":
        return (
            f"{int(rng.integers(7, 11))} Korean acts incl. two headlining groups (TBA); "
            f"{int(rng.integers(3, 6))} European acts incl. {a_eu}"
        )
    if event_type == "showcase":
        return f"{int(rng.integers(2, 5))} debut-year Korean acts; {nat} newcomer (TBA)"
    if event_type == "fan_meeting":
        return f"{kr[0]} (talk, games and hi-touch session)"
    if key == "intl_collabs":
        return f"{kr[0]} with {a_eu}: joint set; {kr[1]} (support)"
    if key == "collab_projects":
        return f"{kr[0]} and {a_eu}: new joint stage work"
    return f"Two rookie Korean acts; {eu} (opening)"


def _partners(event_type: str, country: str, city: str) -> str:
    nat = NATIONALITY[country]
    if event_type == "festival":
        promoter = (
            "Paris concert promoter" if _label(city) == "Paris" else f"{nat} concert promoter"
        )
        return f"Korean entertainment agency; {promoter}; European public broadcaster (stream)"
    if event_type == "showcase":
        return "Korean entertainment agency; host live-music venue"
    if event_type == "fan_meeting":
        return "Korean entertainment agency; local fan-event organiser"
    return f"Korean entertainment agency; {nat} concert promoter"


def build_events(rng: np.random.Generator, ids: dict[str, str]) -> list[dict]:
    """All planned and held events, numbered in date order."""
    rows = []
    for key, etype, city, venue, cap_day, year, month, days in EVENT_PLAN:
        weekdays = {
            "festival": (4,) if days == 3 else (5,),
            "showcase": (3, 4, 5),
            "fan_meeting": (5, 6),
        }.get(etype, (1, 2, 3, 4, 5))
        start = pick_day(rng, year, month, weekdays, days)
        end = start + timedelta(days=days - 1)
        country, lat, lon = _city(city)
        capacity = cap_day * days
        status = status_for(start, end)
        planned_fill = rng.uniform(0.82, 0.96)
        expected = min(capacity, round(float(capacity * planned_fill)))
        attendance = online = None
        if status == "completed":
            fill = rng.uniform(0.9, 1.0) if rng.random() < 0.55 else rng.uniform(0.7, 0.93)
            attendance = min(capacity, round(float(capacity * fill)))
        if etype == "festival":
            price = float(
                rng.choice(
                    [149.0, 159.0, 169.0, 179.0, 189.0]
                    if days == 3
                    else [119.0, 129.0, 139.0, 149.0]
                )
            )
            if status == "completed":
                online = int(rng.integers(240_000, 900_000))
        elif etype == "showcase":
            price = 0.0 if rng.random() < 0.4 else float(rng.choice([25.0, 29.0, 35.0, 39.0, 45.0]))
            if status == "completed" and rng.random() < 0.6:
                online = int(rng.integers(14_000, 95_000))
        elif etype == "fan_meeting":
            price = float(rng.choice([39.0, 49.0, 59.0, 69.0, 79.0, 89.0]))
        else:
            price = float(rng.choice([59.0, 69.0, 79.5, 89.0, 99.0, 109.0, 119.0, 129.0]))
        rows.append(
            {
                "key": key,
                "name": "",
                "event_type": etype,
                "initiative_id": ids[key],
                "city": city,
                "country": country,
                "latitude": lat,
                "longitude": lon,
                "venue": venue,
                "start": start,
                "end": end,
                "capacity": capacity,
                "expected_attendance": expected,
                "attendance": attendance,
                "online_viewers": online,
                "ticket_price_eur": price,
                "lineup": _lineup(rng, etype, key, country),
                "partners": _partners(etype, country, city),
                "status": status,
            }
        )
    for row in rows:
        label, year = _label(row["city"]), row["start"].year
        row["name"] = {
            "festival": f"Joint K-pop Festival Europe {year} - {label}",
            "showcase": f"K-pop Rising Showcase {year} - {label}",
            "fan_meeting": f"K-pop Fan Meeting {year} - {label}",
        }.get(row["event_type"], "")
        if not row["name"]:
            title = {
                "intl_collabs": "Seoul x Europe Live",
                "collab_projects": "Crossover Sessions Live",
                "emerging_talent": "New Wave K-pop Tour",
            }
            row["name"] = f"{title[row['key']]} {year} - {label}"

    counters = {"virtual_concerts": 0, "vr_concerts": 0}
    for key, year, month, studio in VIRTUAL_PLAN:
        counters[key] += 1
        start = pick_day(rng, year, month, (5,))
        country, lat, lon = _city(studio)
        if key == "virtual_concerts":
            name = f"K-pop Virtual Concert Vol. {counters[key]}"
            lineup = (
                f"{rng.choice(KOREAN_ACTS)} (interactive set with live fan chat and "
                f"voting); guest European DJ (TBA)"
            )
            price = float(rng.choice([19.9, 24.9, 29.9]))
            partners = "Korean music-tech firm; European streaming production studio"
        else:
            name = f"VR Concert Experience Vol. {counters[key]}"
            lineup = f"{rng.choice(KOREAN_ACTS)} (360-degree VR stage); European visual artists"
            price = float(rng.choice([14.9, 19.9, 24.9]))
            partners = "Korean music-tech firm; European VR production studio"
        rows.append(
            {
                "key": key,
                "name": name,
                "event_type": "virtual_concert",
                "initiative_id": ids[key],
                "city": studio,
                "country": country,
                "latitude": lat,
                "longitude": lon,
                "venue": f"Online (streamed from {studio})",
                "start": start,
                "end": start,
                "capacity": None,
                "expected_attendance": 0,  # set with the viewer series (build_digital)
                "attendance": None,
                "online_viewers": None,
                "ticket_price_eur": price,
                "lineup": lineup,
                "partners": partners,
                "status": status_for(start, start),
            }
        )
    rows.sort(key=lambda r: (r["start"], r["event_type"], r["city"]))
    for row, event_id in zip(rows, _ids("EVT", len(rows)), strict=True):
        row["event_id"] = event_id
    return rows


# --- Digital metrics --------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One (initiative, platform, metric) family of monthly series, one per country."""

    key: str
    platform: str
    metric: str
    kind: str  # flow (monthly count), stock (running total) or event (concert-driven)
    base: float  # France's first-month level; for events, the Europe-wide audience per concert
    growth: float  # continuous annual growth rate of the plan
    comeback: float  # sensitivity to comeback months
    noise: float  # sd of the log noise on actuals


SERIES = tuple(Series(**row) for row in PLAN["digital_series"])

# Month-of-year factors (Jan..Dec): summer and December peaks for listening, January and
# back-to-school peaks for language apps.
SEASON = {
    "listening": np.array([0.96, 0.94, 0.98, 0.99, 1.00, 1.05, 1.09, 1.07, 0.97, 0.99, 1.01, 1.11]),
    "learning": np.array([1.22, 1.02, 0.95, 0.92, 0.90, 0.84, 0.80, 0.86, 1.25, 1.06, 0.98, 0.96]),
    "social": np.array([0.95, 0.93, 1.00, 1.00, 1.02, 1.08, 1.12, 1.05, 0.95, 0.98, 1.00, 1.12]),
}
REPLAY_SHARE = 0.11  # on-demand replays between concerts, as a share of one concert's audience


def _season(series: Series) -> np.ndarray:
    name = {"app_downloads": "learning", "followers": "social"}.get(series.metric, "listening")
    factors = SEASON[name] / SEASON[name].mean()
    return np.array([factors[month_start(m).month - 1] for m in range(N_MONTHS)])


def _market_state(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Per-country performance against plan over time, and the comeback factor per month."""
    n = len(COUNTRIES)
    p0 = rng.normal(1.0, 0.08, n)
    slope = rng.normal(0.0, 0.05, n)
    walk = np.cumsum(rng.normal(0.0, 0.008, (n, N_MONTHS)), axis=1)
    years = np.arange(N_MONTHS) / 12
    perf = np.clip(p0[:, None] + slope[:, None] * years[None, :] + walk, 0.6, 1.5)
    comeback = np.ones(N_MONTHS)
    for year in range(N_MONTHS // 12):
        months = rng.choice(12, size=3, replace=False)
        comeback[year * 12 + months] = rng.uniform(1.05, 1.16, 3)
    return perf, comeback


def build_digital(rng: np.random.Generator, ids: dict[str, str], events: list[dict]) -> list[dict]:
    """Monthly target/actual rows; also fills `online_viewers` of the held virtual concerts."""
    perf, comeback = _market_state(rng)
    by_key = {ini.key: ini for ini in INITIATIVES}
    weights = np.array([MARKET_WEIGHT[c] for c in COUNTRIES])
    rows = []
    for series in SERIES:
        ini = by_key[series.key]
        m0 = month_index(_d(ini.start))
        m1 = min(month_index(_d(ini.end)), N_MONTHS - 1)
        months = np.arange(m0, m1 + 1)
        years = (months - m0) / 12
        tilt = rng.uniform(0.85, 1.12, len(COUNTRIES))
        tilt[0] = 1.1  # France stays the largest market
        w = weights * tilt
        own = np.exp(rng.normal(0.0, 0.05, len(COUNTRIES)))[:, None]
        perf_s = np.clip(perf[:, months] * own, 0.55, 1.6)
        season = _season(series)[months]
        lift = comeback[months] ** series.comeback
        noise = np.exp(rng.normal(0.0, series.noise, (len(COUNTRIES), len(months))))
        measured = months <= AS_OF_INDEX
        if series.kind == "flow":
            ramp = 1 - 0.45 * np.exp(-(months - m0) / 3) if series.metric == "app_downloads" else 1
            target = series.base * w[:, None] * np.exp(series.growth * years) * ramp
            actual = target * perf_s * season * lift * noise
        elif series.kind == "stock":
            target = series.base * w[:, None] * np.exp(series.growth * years)
            adds = np.diff(target, axis=1) * perf_s[:, 1:] * season[1:] * lift[1:] * noise[:, 1:]
            first = target[:, :1] * rng.uniform(0.97, 1.03, (len(COUNTRIES), 1))
            actual = np.concatenate([first, first + np.cumsum(np.maximum(adds, 0), axis=1)], 1)
        else:
            actual, target = _event_series(rng, series, events, months, w, perf_s, season, noise)
        target = np.rint(target).astype(np.int64)
        actual = np.rint(actual).astype(np.int64)
        for ci, country in enumerate(COUNTRIES):
            for mi, m in enumerate(months):
                rows.append(
                    {
                        "month": month_start(int(m)).isoformat(),
                        "country": country,
                        "platform": series.platform,
                        "initiative_id": ids[series.key],
                        "metric": series.metric,
                        "target": int(target[ci, mi]),
                        "actual": int(actual[ci, mi]) if measured[mi] else None,
                    }
                )
    return rows


def _event_series(rng, series, events, months, w, perf_s, season, noise):
    """Concert-driven viewers: replays every month plus a spike in each concert month."""
    share = w / w.sum()
    years = (months - months[0]) / 12
    audience = series.base * np.exp(series.growth * years)  # Europe-wide viewers per concert
    own = [e for e in events if e["key"] == series.key]
    rate = len(own) / len(months)
    target = share[:, None] * audience[None, :] * (rate + REPLAY_SHARE)
    actual = share[:, None] * audience[None, :] * REPLAY_SHARE * perf_s * season * noise
    for event in own:
        mi = month_index(event["start"]) - months[0]
        boost = rng.uniform(0.75, 1.35)
        spread = np.exp(rng.normal(0.0, series.noise, len(share)))
        per_country = np.rint(share * perf_s[:, mi] * audience[mi] * boost * spread)
        event["expected_attendance"] = round(float(audience[mi] * rng.uniform(0.9, 1.05)))
        if event["status"] == "completed":
            actual[:, mi] += per_country
            event["online_viewers"] = int(per_country.sum())
    return actual, target


# --- Education programmes ---------------------------------------------------------------------

WORKSHOP_CITIES = tuple(PLAN["workshops"]["cities"])
WORKSHOP_TOPICS = tuple(PLAN["workshops"]["topics"])
WORKSHOP_HOSTS = tuple(PLAN["workshops"]["hosts"])
COURSE_PLAN = _plan("courses", "city", "initiative")
EXCHANGE_PLAN = _plan("exchanges", "name", "city")
TANDEM_CITIES = tuple(PLAN["tandem_cities"])
EXHIBITION_PLAN = _plan("exhibitions", "title", "city", "visitors")
HUB_PLAN = _plan("hubs", "city", "opening", "visitors_per_year")
MENTORSHIP_PLAN = _plan("mentorships", "city", "year", "month")


def _language(city: str) -> str:
    return CITY_LANGUAGE.get(city, LANGUAGE[_city(city)[0]])


def _programme(
    ids, key, ptype, name, city, institution, start, end, sessions, target, audience, language
) -> dict:
    """One programme run, clipped to its initiative's end date."""
    country, lat, lon = _city(city)
    end = min(end, _d(next(i.end for i in INITIATIVES if i.key == key)))
    return {
        "name": name,
        "program_type": ptype,
        "initiative_id": ids[key],
        "city": city,
        "country": country,
        "latitude": lat,
        "longitude": lon,
        "institution": institution,
        "start": start,
        "end": end,
        "sessions": int(sessions),
        "participants_target": int(target),
        "participants_actual": None,
        "audience": audience,
        "language": language,
        "satisfaction": None,
        "status": status_for(start, end),
    }


def build_education(rng: np.random.Generator, ids: dict[str, str]) -> list[dict]:
    rows = []
    window = (_d("2024-09-16"), _d("2027-01-29"))
    for i, city in enumerate(WORKSHOP_CITIES):
        start = random_date(rng, *window, weekday=2)
        end = min(start + timedelta(days=int(rng.integers(45, 240))), _d("2027-06-30"))
        sessions = int(rng.integers(6, 25))
        topic = WORKSHOP_TOPICS[i % len(WORKSHOP_TOPICS)]
        host = WORKSHOP_HOSTS[int(rng.integers(len(WORKSHOP_HOSTS)))].format(city=city)
        audience = str(
            rng.choice(
                ["students", "general_public_tourists", "young_adults_music_fans"],
                p=[0.45, 0.35, 0.2],
            )
        )
        rows.append(
            _programme(
                ids,
                "workshops",
                "culture_workshop",
                f"Korean culture workshops: {topic} - {city}",
                city,
                host,
                start,
                end,
                sessions,
                sessions * rng.integers(12, 28),
                audience,
                _language(city),
            )
        )
    for city, key in COURSE_PLAN:
        start = random_date(rng, _d("2024-10-07"), _d("2027-03-01"), weekday=0)
        weeks = int(rng.integers(12, 30))
        blended = key == "language_apps"
        name = (
            "Blended Korean course (app + classroom), A1"
            if blended
            else "Korean for beginners (A1), evening course"
        )
        host = f"Adult education centre, {city}" if blended else f"Partner university ({city})"
        rows.append(
            _programme(
                ids,
                key,
                "language_course",
                f"{name} - {city}",
                city,
                host,
                start,
                start + timedelta(weeks=weeks),
                weeks,
                rng.integers(18, 90),
                "students",
                "ko" if rng.random() < 0.3 else _language(city),
            )
        )
    for country in COUNTRIES:
        city = CAPITAL[country]
        start = random_date(rng, _d("2024-09-02"), _d("2026-06-29"), weekday=0)
        end = start + timedelta(days=int(rng.integers(180, 320)))
        learners = 26_000 * MARKET_WEIGHT[country] * rng.uniform(0.8, 1.25)
        rows.append(
            _programme(
                ids,
                "language_apps",
                "language_app",
                f"Guided Korean A1 track in the app - {NATIONALITY[country]} edition",
                city,
                "Online (app, national edition)",
                start,
                end,
                rng.integers(30, 61),
                round(learners, -1),
                str(rng.choice(["young_adults_music_fans", "students"])),
                LANGUAGE[country] if country != "BE" else "fr",
            )
        )
    for title, city in EXCHANGE_PLAN:
        start = random_date(rng, _d("2024-10-14"), _d("2027-05-31"), weekday=0)
        end = start + timedelta(days=int(rng.integers(21, 120)))
        rows.append(
            _programme(
                ids,
                "exchange",
                "exchange_programme",
                f"{title}: Seoul - {city}",
                city,
                f"Partner arts school ({city})",
                start,
                end,
                rng.integers(4, 21),
                rng.integers(10, 61),
                "artists_educators",
                "en" if rng.random() < 0.6 else _language(city),
            )
        )
    for city in TANDEM_CITIES:
        start = random_date(rng, _d("2027-01-11"), _d("2028-01-31"), weekday=0)
        end = min(start + timedelta(weeks=int(rng.integers(10, 16))), _d("2028-06-30"))
        rows.append(
            _programme(
                ids,
                "language_exchange",
                "exchange_programme",
                f"Korean language tandem - {city}",
                city,
                f"Partner university ({city})",
                start,
                end,
                rng.integers(10, 16),
                rng.integers(60, 201),
                "students",
                "ko",
            )
        )
    for title, city, visitors in EXHIBITION_PLAN:
        start = random_date(rng, _d("2025-04-04"), _d("2027-05-28"), weekday=4)
        days = int(rng.integers(75, 150))
        end = min(start + timedelta(days=days), _d("2027-10-31"))
        open_days = int((end - start).days * 6 / 7)
        rows.append(
            _programme(
                ids,
                "exhibitions",
                "exhibition",
                f"Joint exhibition: {title} - {city}",
                city,
                f"Partner museum ({city})",
                start,
                end,
                open_days,
                round(visitors * rng.uniform(0.85, 1.15), -2),
                "general_public_tourists",
                _language(city),
            )
        )
    for city, opening, per_year in HUB_PLAN:
        start, year_no = _d(opening), 1
        while start < _d("2028-12-31"):
            end = min(
                date(start.year + 1, start.month, start.day) - timedelta(days=1), _d("2028-12-31")
            )
            share = ((end - start).days + 1) / 365
            ramp = 0.75 if year_no == 1 else 1.0 + 0.06 * (year_no - 2)
            rows.append(
                _programme(
                    ids,
                    "hubs",
                    "kculture_hub",
                    f"K-culture Experience Hub {city}: year {year_no}",
                    city,
                    f"K-culture Experience Hub ({city})",
                    start,
                    end,
                    round(share * rng.integers(180, 320)),
                    round(per_year * share * ramp * rng.uniform(0.9, 1.1), -2),
                    "general_public_tourists",
                    _language(city),
                )
            )
            start, year_no = end + timedelta(days=1), year_no + 1
    for cohort, (city, year, month) in enumerate(MENTORSHIP_PLAN, start=1):
        start = pick_day(rng, year, month, (0,))
        end = start + timedelta(weeks=int(rng.integers(14, 22)))
        rows.append(
            _programme(
                ids,
                "mentorship",
                "mentorship",
                f"Producer-artist mentorship, cohort {cohort} - {city}",
                city,
                f"Partner recording studio ({city})",
                start,
                end,
                rng.integers(10, 17),
                rng.integers(8, 17),
                str(rng.choice(["industry_professionals", "artists_educators"])),
                "en" if rng.random() < 0.7 else "ko",
            )
        )
    _record_participation(rng, rows)
    for row, program_id in zip(rows, _ids("EDU", len(rows)), strict=True):
        row["program_id"] = program_id
    return rows


COHORT_TYPES = ("language_course", "exchange_programme", "mentorship")


def _record_participation(rng: np.random.Generator, rows: list[dict]) -> None:
    """Fill actual participants and satisfaction for runs that have started by AS_OF."""
    paused = [
        r for r in rows if r["status"] == "in_progress" and r["program_type"] == "culture_workshop"
    ]
    for row in paused[:1]:
        row["status"] = "on_hold"  # host venue closed for works; resumes later
    for row in rows:
        if row["start"] > AS_OF:
            continue
        span = max((row["end"] - row["start"]).days, 1)
        elapsed = min((AS_OF - row["start"]).days / span, 1.0)
        if row["program_type"] in COHORT_TYPES:
            elapsed = 1.0  # the whole cohort enrols on the first day
        result = row["participants_target"] * elapsed * rng.uniform(0.72, 1.12)
        if row["status"] == "on_hold":
            result *= 0.6
        row["participants_actual"] = round(float(result))
        if row["status"] in ("completed", "in_progress"):
            row["satisfaction"] = round(float(np.clip(rng.normal(4.2, 0.3), 3.1, 4.9)), 1)


# --- Initiatives table ------------------------------------------------------------------------


def build_initiatives(
    rng: np.random.Generator,
    ids: dict[str, str],
    digital: pd.DataFrame,
    events: pd.DataFrame,
    programs: pd.DataFrame,
) -> list[dict]:
    """One row per initiative; KPIs are derived from the child tables where they exist."""
    as_of_month = month_start(AS_OF_INDEX).isoformat()
    rows = []
    for ini in INITIATIVES:
        iid = ids[ini.key]
        dm = digital[digital["initiative_id"] == iid]
        ev = events[events["initiative_id"] == iid]
        ed = programs[programs["initiative_id"] == iid]
        countries = set(dm["country"]) | set(ev["country"]) | set(ed["country"])
        country_list = ";".join(c for c in COUNTRIES if c in countries) or ini.countries
        target, actual = _kpi(rng, ini, dm, ev, ed, as_of_month)
        budget = int(round(float(ini.budget * rng.uniform(0.9, 1.1)), -2))
        rows.append(
            {
                "initiative_id": iid,
                "name": ini.name,
                "focus_area": ini.focus_area,
                "action_plan": ini.action_plan,
                "objective": ini.objective,
                "target_audience": ini.target_audience,
                "expected_outcome": ini.expected_outcome,
                "korean_partner": ini.korean_partner,
                "european_partner": ini.european_partner,
                "lead_country": ini.lead_country,
                "countries": country_list,
                "start_date": ini.start,
                "end_date": ini.end,
                "status": ini.status,
                "budget_eur": budget,
                "kpi_name": ini.kpi_name,
                "kpi_unit": ini.kpi_unit,
                "kpi_target": target,
                "kpi_actual": None if _d(ini.start) > AS_OF else actual,
            }
        )
    return rows


def _kpi(rng, ini: Initiative, dm, ev, ed, as_of_month: str) -> tuple[int, int]:
    """(target by the end date, value reached by AS_OF)."""
    if ini.kpi_target:  # a KPI the child tables do not measure
        return _manual_kpi(rng, ini)
    if not dm.empty:
        if ini.kpi_name.startswith("Cumulative"):
            return int(dm["target"].sum()), int(dm["actual"].sum())
        last = dm["month"].max()
        return (
            int(dm.loc[dm["month"] == last, "target"].sum()),
            int(dm.loc[dm["month"] == as_of_month, "actual"].sum()),
        )
    if not ev.empty:
        return int(ev["expected_attendance"].sum()), int(ev["attendance"].sum())
    if not ed.empty:
        return int(ed["participants_target"].sum()), int(ed["participants_actual"].sum())
    raise ValueError(f"{ini.name}: no child rows and no kpi_target")


def _manual_kpi(rng: np.random.Generator, ini: Initiative) -> tuple[int, int]:
    """Target from the plan; value reached grows with the share of the run elapsed."""
    start, end = _d(ini.start), _d(ini.end)
    elapsed = min(max((AS_OF - start).days / (end - start).days, 0.0), 1.0)
    reached = ini.kpi_target * elapsed**1.1 * rng.uniform(0.75, 1.12)
    if ini.status == "on_hold":
        reached *= 0.55
    return ini.kpi_target, round(float(reached))


# --- Assembly and output ----------------------------------------------------------------------

INITIATIVE_COLUMNS = (
    "initiative_id", "name", "focus_area", "action_plan", "objective", "target_audience",
    "expected_outcome", "korean_partner", "european_partner", "lead_country", "countries",
    "start_date", "end_date", "status", "budget_eur", "kpi_name", "kpi_unit", "kpi_target",
    "kpi_actual",
)  # fmt: skip
DIGITAL_COLUMNS = ("month", "country", "platform", "initiative_id", "metric", "target", "actual")
EVENT_COLUMNS = (
    "event_id", "name", "event_type", "initiative_id", "city", "country", "latitude",
    "longitude", "venue", "start_date", "end_date", "capacity", "expected_attendance",
    "attendance", "online_viewers", "ticket_price_eur", "lineup", "partners", "status",
)  # fmt: skip
EDUCATION_COLUMNS = (
    "program_id", "name", "program_type", "initiative_id", "city", "country", "latitude",
    "longitude", "institution", "start_date", "end_date", "sessions", "participants_target",
    "participants_actual", "audience", "language", "satisfaction", "status",
)  # fmt: skip
INT_COLUMNS = (
    "budget_eur", "kpi_target", "kpi_actual", "target", "actual", "capacity",
    "expected_attendance", "attendance", "online_viewers", "sessions", "participants_target",
    "participants_actual",
)  # fmt: skip


def _frame(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in ("start", "end"):
        if col in frame:
            frame[f"{col}_date"] = [d.isoformat() for d in frame[col]]
    frame = frame[list(columns)].copy()
    for col in columns:
        if col in INT_COLUMNS:
            frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame


def build_tables() -> dict[str, pd.DataFrame]:
    """The four illustrative tables at scale 1."""
    rng = np.random.default_rng(SEED)
    ids = initiative_ids()
    event_rows = build_events(rng, ids)
    digital = _frame(build_digital(rng, ids, event_rows), DIGITAL_COLUMNS)
    events = _frame(event_rows, EVENT_COLUMNS)
    programs = _frame(build_education(rng, ids), EDUCATION_COLUMNS)
    initiatives = _frame(build_initiatives(rng, ids, digital, events, programs), INITIATIVE_COLUMNS)
    return {
        "initiatives": initiatives,
        "digital_metrics": digital,
        "live_events": events,
        "education_programs": programs,
    }


def _scaled_int(values: pd.Series, factor: np.ndarray, cap: pd.Series | None = None) -> pd.Series:
    """Multiply nullable integers by per-row factors, keeping blanks blank."""
    scaled = (values.astype("Float64") * factor).round()
    if cap is not None:
        over = (scaled > cap.astype("Float64")).fillna(False).astype(bool)
        scaled = scaled.mask(over, cap.astype("Float64"))
    return scaled.astype("Int64")


def scale_tables(tables: dict[str, pd.DataFrame], scale: int) -> dict[str, pd.DataFrame]:
    """Copy every initiative (and its child rows) `scale` times with perturbed numbers."""
    if scale == 1:
        return tables
    rng = np.random.default_rng([SEED, scale])
    width = max(2, len(str(scale)))
    parts: dict[str, list[pd.DataFrame]] = {name: [t] for name, t in tables.items()}
    base = tables["initiatives"]
    for copy in range(2, scale + 1):
        suffix = f"-x{copy:0{width}d}"
        f_ini = dict(
            zip(base["initiative_id"], np.exp(rng.normal(0, 0.08, len(base))), strict=True)
        )

        def factors(frame: pd.DataFrame, sd: float, f_ini=f_ini) -> np.ndarray:
            own = frame["initiative_id"].map(f_ini).to_numpy(dtype=float)
            return own * np.exp(rng.normal(0, sd, len(frame)))

        ini = base.copy()
        f = factors(ini, 0.0)
        ini["name"] = ini["name"] + f" (copy {copy})"
        ini["budget_eur"] = (_scaled_int(ini["budget_eur"], f) // 100 * 100).astype("Int64")
        ini["kpi_target"] = _scaled_int(ini["kpi_target"], f)
        ini["kpi_actual"] = _scaled_int(ini["kpi_actual"], f * np.exp(rng.normal(0, 0.03, len(f))))
        parts["initiatives"].append(ini)

        dm = tables["digital_metrics"].copy()
        country_f = dict(zip(COUNTRIES, np.exp(rng.normal(0, 0.05, len(COUNTRIES))), strict=True))
        f = factors(dm, 0.0) * dm["country"].map(country_f).to_numpy(dtype=float)
        dm["target"] = _scaled_int(dm["target"], f)
        dm["actual"] = _scaled_int(dm["actual"], f * np.exp(rng.normal(0, 0.01, len(f))))
        parts["digital_metrics"].append(dm)

        ev = tables["live_events"].copy()
        f = np.minimum(factors(ev, 0.04), 1.1)
        ev["expected_attendance"] = _scaled_int(ev["expected_attendance"], f, ev["capacity"])
        ev["attendance"] = _scaled_int(ev["attendance"], f, ev["capacity"])
        ev["online_viewers"] = _scaled_int(ev["online_viewers"], f)
        parts["live_events"].append(ev)

        ed = tables["education_programs"].copy()
        f = factors(ed, 0.05)
        ed["participants_target"] = _scaled_int(ed["participants_target"], f)
        ed["participants_actual"] = _scaled_int(ed["participants_actual"], f)
        ed["satisfaction"] = (ed["satisfaction"] + rng.normal(0, 0.15, len(ed))).clip(1, 5).round(1)
        parts["education_programs"].append(ed)

        for name in ("initiatives", "digital_metrics", "live_events", "education_programs"):
            parts[name][-1]["initiative_id"] = parts[name][-1]["initiative_id"] + suffix

    out = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    for name, column, prefix in (
        ("live_events", "event_id", "EVT"),
        ("education_programs", "program_id", "EDU"),
    ):
        n = len(out[name])
        out[name][column] = _ids(prefix, n, max(4, len(str(n))))
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {path} ({len(frame)} rows)")


# --- Reference tables -------------------------------------------------------------------------

_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+)|(\d+(?:\.\d+)?)\s?M\b")
_NOT_AUDIENCE = re.compile(r"capacity|\bmax\b|configured", re.IGNORECASE)


def parse_attendance(text: str) -> int | None:
    """First audience figure in the sourced wording; capacity figures are not audiences.

    The text is split into clauses at ';' and parentheses; a clause that speaks of capacity is
    skipped, and in the others the first number written with thousands separators (or in
    millions, '4.1M') is taken: '14,000 audience' -> 14000, '>20,000' -> 20000.
    """
    for clause in re.split(r"[;()]", text):
        if _NOT_AUDIENCE.search(clause):
            continue
        match = _NUMBER.search(clause)
        if match:
            if match.group(1):
                return int(match.group(1).replace(",", ""))
            return round(float(match.group(2)) * 1_000_000)
    return None


def reference_coordinates(city: str, country: str) -> tuple[str, str]:
    """'lat', 'lon' text for a reference city cell (the first city of a list, no suffix), from
    GeoNames; an empty cell has none."""
    if not city.strip():
        return "", ""
    lat, lon = geo.city_coordinates(city, country)
    return f"{lat:.4f}", f"{lon:.4f}"


def _read_text(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def build_reference(source: Path, out: Path) -> None:
    """Write reference_*.csv into `out` from the shared reference-data folder."""
    events = _read_text(source / "live_events_reference.csv")
    coords = [
        reference_coordinates(c, k) for c, k in zip(events["city"], events["country"], strict=True)
    ]
    events["latitude"] = [lat for lat, _ in coords]
    events["longitude"] = [lon for _, lon in coords]
    parsed = [parse_attendance(t) for t in events["venue_capacity_or_attendance"]]
    events["attendance_reported"] = ["" if n is None else str(n) for n in parsed]
    write_csv(events, out / "reference_live_events.csv")

    education = _read_text(source / "education_reference.csv")
    coords = [
        reference_coordinates(c, k)
        for c, k in zip(education["city"], education["country"], strict=True)
    ]
    education["latitude"] = [lat for lat, _ in coords]
    education["longitude"] = [lon for _, lon in coords]
    write_csv(education, out / "reference_education.csv")

    shutil.copyfile(source / "hallyu_indicators.csv", out / "reference_hallyu.csv")
    print(f"wrote {out / 'reference_hallyu.csv'} (copied unchanged)")


def write_reference(source: Path, out: Path) -> None:
    """Rebuild the reference files when the source exists; else copy or keep committed ones."""
    if source.is_dir():
        build_reference(source, out)
        return
    if out.resolve() == DATA_DIR.resolve():
        print(f"{source} not found: keeping the committed reference files in {out}")
        return
    for name in REFERENCE_FILES:
        if (DATA_DIR / name).exists():
            shutil.copyfile(DATA_DIR / name, out / name)
            print(f"copied {DATA_DIR / name} -> {out / name}")
        else:
            print(f"warning: {name} is neither in {source} nor in {DATA_DIR}; not written")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=1, help="copies of every initiative and its rows (default 1)"
    )
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR, help="output folder (default: the repository's data/)"
    )
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=DEFAULT_REFERENCE_DIR,
        help="folder holding the sourced reference CSVs",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    tables = scale_tables(build_tables(), args.scale)
    for name, frame in tables.items():
        write_csv(frame, args.out / f"{name}.csv")
    write_reference(args.reference_dir, args.out)


if __name__ == "__main__":
    main()
