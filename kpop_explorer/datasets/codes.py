"""The controlled vocabularies the datasets use, in one place.

Codes are stored in the CSV files and in URLs; the words people see come from the locale
catalogues (`i18n`), so a code never changes when a label is reworded or translated.
"""

FOCUS_AREAS = (
    "digital_expansion",
    "live_events",
    "education",
    "cultural_exchange",
    "talent_development",
    "music_innovation",
)
STATUSES = ("completed", "in_progress", "planned", "proposed", "on_hold")
EVENT_TYPES = ("festival", "concert", "showcase", "virtual_concert", "fan_meeting")
PROGRAM_TYPES = (
    "culture_workshop",
    "language_course",
    "language_app",
    "exchange_programme",
    "exhibition",
    "kculture_hub",
    "mentorship",
)
PLATFORMS = (
    "music_streaming",
    "video_streaming",
    "short_video",
    "social_media",
    "virtual_concert_platform",
    "language_app",
)
METRICS = (
    "streams",
    "monthly_listeners",
    "virtual_concert_viewers",
    "app_downloads",
    "followers",
)
AUDIENCES = (
    "young_adults_music_fans",
    "artists_educators",
    "general_public_tourists",
    "students",
    "industry_professionals",
)
KPI_UNITS = (
    "streams",
    "listeners",
    "viewers",
    "downloads",
    "attendees",
    "participants",
    "artists",
    "projects",
    "visitors",
    "followers",
)
# Languages a programme can be taught in (ISO 639-1).
PROGRAM_LANGUAGES = ("fr", "de", "en", "es", "it", "nl", "pl", "sv", "pt", "ko", "cs", "da")

# A `countries` cell lists several codes: "FR;DE". People type "FR; DE" too.
COUNTRY_SEPARATOR = ";"


def split_countries(cell: str) -> list[str]:
    """The codes of a `countries` cell, each stripped: "FR; DE" -> ["FR", "DE"].

    The one reading of such a cell, for validation, filter options, filters and counts alike.
    An empty part stays (as "") so that validation can refuse "FR;;".
    """
    return [part.strip() for part in cell.split(COUNTRY_SEPARATOR)]


# European countries (ISO 3166-1 alpha-2) a row may name; wider than the shipped data so that
# partners can upload their own figures for any European market.
EUROPEAN_COUNTRIES = (
    "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FR", "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME",
    "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "SM", "TR", "UA",
    "VA", "XK",
)  # fmt: skip

# Their ISO 3166-1 alpha-3 codes, which Plotly's maps locate countries by. A table, not a
# lookup in pycountry, whose import would slow every server's first page. Kosovo (XK)
# has no ISO code and no shape on the base map. tests/test_figures.py checks it against pycountry.
ISO3 = {
    "AD": "AND", "AL": "ALB", "AT": "AUT", "BA": "BIH", "BE": "BEL", "BG": "BGR",
    "BY": "BLR", "CH": "CHE", "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK",
    "EE": "EST", "ES": "ESP", "FI": "FIN", "FR": "FRA", "GB": "GBR", "GR": "GRC",
    "HR": "HRV", "HU": "HUN", "IE": "IRL", "IS": "ISL", "IT": "ITA", "LI": "LIE",
    "LT": "LTU", "LU": "LUX", "LV": "LVA", "MC": "MCO", "MD": "MDA", "ME": "MNE",
    "MK": "MKD", "MT": "MLT", "NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT",
    "RO": "ROU", "RS": "SRB", "RU": "RUS", "SE": "SWE", "SI": "SVN", "SK": "SVK",
    "SM": "SMR", "TR": "TUR", "UA": "UKR", "VA": "VAT",
}  # fmt: skip
