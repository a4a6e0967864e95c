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

# European countries (ISO 3166-1 alpha-2) a row may name; wider than the shipped data so that
# partners can upload their own figures for any European market.
EUROPEAN_COUNTRIES = (
    "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FR", "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME",
    "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "SM", "TR", "UA",
    "VA", "XK",
)  # fmt: skip
