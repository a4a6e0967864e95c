"""One schema per dataset: the columns, their types, allowed values and meaning.

The same objects validate the shipped files and user uploads, and the Data page renders them as
the data dictionary, so the documentation can never drift from what is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kpop_explorer.datasets import codes

Kind = Literal["text", "int", "float", "date", "code", "country", "country_list", "url"]
Provenance = Literal["illustrative", "reference"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False
    references: str | None = None  # "dataset.column" that every value must exist in
    first_of_month: bool = False  # a date column of monthly figures: the month's first day


@dataclass(frozen=True)
class RowRule:
    """A check across columns of one row: `left` must be >= `right` where both are present."""

    left: str
    right: str
    reason: str  # a message key, `reason.*`


@dataclass(frozen=True)
class Schema:
    name: str
    file: str
    title: str
    description: str
    provenance: Provenance
    source: str
    columns: tuple[Column, ...]
    row_rules: tuple[RowRule, ...] = ()
    key: tuple[str, ...] = ()  # columns whose combination is unique

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def source_in(self, t) -> str:
        """`source` in the viewer's language (the message `schema.<name>.source`; `t` is a
        Translator), for every screen and export that names it."""
        return t(f"schema.{self.name}.source")


ILLUSTRATIVE_SOURCE = (
    "illustrative figures generated from the announced plans (scripts/generate_data.py), "
    "not real results"
)


def _id(name: str, what: str) -> Column:
    return Column(name, "text", f"Unique identifier of the {what}.", unique=True)


def _fk(name: str = "initiative_id") -> Column:
    return Column(
        name,
        "text",
        "The initiative this row belongs to (an `initiative_id` of initiatives.csv).",
        references="initiatives.initiative_id",
    )


def _country(description: str = "Country, ISO 3166-1 alpha-2 code (FR, DE, ...).") -> Column:
    return Column("country", "country", description, allowed=codes.EUROPEAN_COUNTRIES)


def _status() -> Column:
    return Column(
        "status",
        "code",
        "Where the row stands: completed, in progress, planned, proposed or on hold.",
        allowed=codes.STATUSES,
    )


def _coordinates() -> tuple[Column, Column]:
    return (
        Column("latitude", "float", "Latitude in decimal degrees (WGS 84).", min=-90, max=90),
        Column("longitude", "float", "Longitude in decimal degrees (WGS 84).", min=-180, max=180),
    )


def _dates(what: str) -> tuple[Column, Column]:
    return (
        Column("start_date", "date", f"First day of the {what} (YYYY-MM-DD)."),
        Column("end_date", "date", f"Last day of the {what} (YYYY-MM-DD), on or after the start."),
    )


_END_AFTER_START = RowRule("end_date", "start_date", "reason.end_before_start")

INITIATIVES = Schema(
    name="initiatives",
    file="initiatives.csv",
    title="Initiatives",
    description="One row per initiative named in the plans, with its partners, dates, budget "
    "and headline KPI.",
    provenance="illustrative",
    source=ILLUSTRATIVE_SOURCE,
    columns=(
        _id("initiative_id", "initiative"),
        Column("name", "text", "Name of the initiative, in the plan's own terms."),
        Column("focus_area", "code", "Focus area of the plan.", allowed=codes.FOCUS_AREAS),
        Column("action_plan", "text", "What will be done."),
        Column("objective", "text", "Main objective, in the plan's terms."),
        Column("target_audience", "text", "Who the initiative is for, in the plan's terms."),
        Column("expected_outcome", "text", "Expected outcome, in the plan's terms."),
        Column("korean_partner", "text", "Korean partner (a role, not a named firm)."),
        Column("european_partner", "text", "European partner (a role, not a named firm)."),
        Column("lead_country", "country", "Country leading the initiative (ISO-2).",
               allowed=codes.EUROPEAN_COUNTRIES),
        Column("countries", "country_list",
               "Countries where the initiative runs: ISO-2 codes separated by ';'.",
               allowed=codes.EUROPEAN_COUNTRIES),
        *_dates("initiative"),
        _status(),
        Column("budget_eur", "float", "Planned budget in euros.", min=0),
        Column("kpi_name", "text", "The headline indicator the initiative is judged on."),
        Column("kpi_unit", "code", "Unit of the KPI.", allowed=codes.KPI_UNITS),
        Column("kpi_target", "float", "Target value of the KPI by the end date.", min=0),
        Column("kpi_actual", "float", "Value of the KPI reached so far; empty before the start.",
               nullable=True, min=0),
    ),
    row_rules=(_END_AFTER_START,),
)  # fmt: skip

DIGITAL_METRICS = Schema(
    name="digital_metrics",
    file="digital_metrics.csv",
    title="Digital metrics",
    description="Monthly digital figures per country, platform, initiative and metric, with the "
    "plan's target beside the actual value.",
    provenance="illustrative",
    source=ILLUSTRATIVE_SOURCE,
    columns=(
        Column("month", "date", "First day of the month the figures cover (YYYY-MM-01).",
               first_of_month=True),
        _country(),
        Column("platform", "code", "Kind of platform.", allowed=codes.PLATFORMS),
        _fk(),
        Column("metric", "code", "What is counted: streams, monthly listeners, virtual-concert "
               "viewers, language-app downloads or followers.", allowed=codes.METRICS),
        Column("target", "float", "Planned value for the month.", min=0),
        Column("actual", "float", "Measured value for the month; empty for future months.",
               nullable=True, min=0),
    ),
    key=("month", "country", "platform", "initiative_id", "metric"),
)  # fmt: skip

LIVE_EVENTS = Schema(
    name="live_events",
    file="live_events.csv",
    title="Live events",
    description="One row per planned or held event: festivals, concerts, showcases, virtual "
    "concerts and fan meetings.",
    provenance="illustrative",
    source=ILLUSTRATIVE_SOURCE,
    columns=(
        _id("event_id", "event"),
        Column("name", "text", "Name of the event."),
        Column("event_type", "code", "Kind of event.", allowed=codes.EVENT_TYPES),
        _fk(),
        Column("city", "text", "City where the event takes place (or is streamed from)."),
        _country(),
        *_coordinates(),
        Column("venue", "text", "Venue, or 'Online' for a virtual concert."),
        *_dates("event"),
        Column("capacity", "int", "Seats or standing places; empty for online-only events.",
               nullable=True, min=0),
        Column("expected_attendance", "int", "Attendance the plan expects.", min=0),
        Column("attendance", "int", "Attendance counted; only for completed events.",
               nullable=True, min=0),
        Column("online_viewers", "int", "Viewers of the live stream, where there is one.",
               nullable=True, min=0),
        Column("ticket_price_eur", "float", "Standard ticket price in euros (0 = free).",
               nullable=True, min=0),
        Column("lineup", "text", "Who performs (illustrative descriptions, no real artists).",
               nullable=True),
        Column("partners", "text", "Organising partners (roles).", nullable=True),
        _status(),
    ),
    row_rules=(
        _END_AFTER_START,
        RowRule("capacity", "attendance", "reason.above_capacity"),
    ),
)  # fmt: skip

EDUCATION_PROGRAMS = Schema(
    name="education_programs",
    file="education_programs.csv",
    title="Education programmes",
    description="One row per programme run: culture workshops, language courses and apps, "
    "exchanges, exhibitions, K-culture hubs and mentorships.",
    provenance="illustrative",
    source=ILLUSTRATIVE_SOURCE,
    columns=(
        _id("program_id", "programme run"),
        Column("name", "text", "Name of the programme run."),
        Column("program_type", "code", "Kind of programme.", allowed=codes.PROGRAM_TYPES),
        _fk(),
        Column("city", "text", "City where it runs ('Online' for apps)."),
        _country(),
        *_coordinates(),
        Column("institution", "text", "Host institution (described, not named)."),
        *_dates("programme run"),
        Column("sessions", "int", "Number of sessions held or planned.", min=0),
        Column("participants_target", "int", "Participants the plan aims for.", min=0),
        Column("participants_actual", "int", "Participants so far; empty before the start.",
               nullable=True, min=0),
        Column("audience", "code", "Main audience.", allowed=codes.AUDIENCES),
        Column("language", "code", "Teaching language (ISO 639-1).",
               allowed=codes.PROGRAM_LANGUAGES),
        Column("satisfaction", "float", "Average participant rating from 1 to 5.",
               nullable=True, min=1, max=5),
        _status(),
    ),
    row_rules=(_END_AFTER_START,),
)  # fmt: skip

_SOURCES = Column(
    "source_url", "url", "Where the facts come from: one or more URLs separated by ' | '."
)
_NOTE = Column(
    "note", "text", "Caveats, conflicting figures and a confidence level.", nullable=True
)

REFERENCE_LIVE_EVENTS = Schema(
    name="reference_live_events",
    file="reference_live_events.csv",
    title="Past K-pop events in Europe (reference)",
    description="Real K-pop concerts, festivals and showcases held in Europe since 2011, each "
    "with its sources.",
    provenance="reference",
    source="Compiled from press, agency and venue sources listed row by row (source_url).",
    columns=(
        Column("event_name", "text", "Name of the event."),
        Column("artist_or_lineup", "text", "Who performed.", nullable=True),
        Column("city", "text", "City where it took place."),
        _country(),
        Column("venue", "text", "Venue, as the sources name it.", nullable=True),
        Column("date_start", "date", "First day (YYYY-MM-DD); empty where sources give none.",
               nullable=True),
        Column("date_end", "date", "Last day (YYYY-MM-DD).", nullable=True),
        Column("venue_capacity_or_attendance", "text", "Capacity or audience as the sources "
               "word it.", nullable=True),
        Column("event_type", "text", "Kind of event, as recorded."),
        _SOURCES,
        _NOTE,
        *_coordinates(),
        Column("attendance_reported", "int", "The audience figure read from the sourced "
               "wording, where it gives one.", nullable=True, min=0),
    ),
    row_rules=(RowRule("date_end", "date_start", "reason.end_before_start"),),
)  # fmt: skip

REFERENCE_EDUCATION = Schema(
    name="reference_education",
    file="reference_education.csv",
    title="Korean cultural centres, King Sejong Institutes and Korean studies (reference)",
    description="Korean Cultural Centres and King Sejong Institutes in Europe, French university "
    "programmes and learner counts, each with its sources.",
    provenance="reference",
    source="Compiled from KOCIS, King Sejong Institute Foundation, university and press sources "
    "listed row by row (source_url).",
    columns=(
        Column("category", "text", "Kind of row: cultural centre, King Sejong Institute, "
               "university programme, learners, statistic, policy..."),
        Column("name", "text", "Name of the place, programme or statistic."),
        Column("city", "text", "City, where the row is a place.", nullable=True),
        Column("country", "text", "Country (ISO-2) or region the row covers."),
        Column("host_institution", "text", "Who runs it.", nullable=True),
        Column("opening_year", "int", "Year it opened.", nullable=True, min=1900, max=2100),
        Column("metric", "text", "What the value counts, for statistics.", nullable=True),
        Column("value", "text", "The value as sourced.", nullable=True),
        Column("reference_year", "int", "Year the value refers to.", nullable=True,
               min=1900, max=2100),
        _SOURCES,
        _NOTE,
        Column("latitude", "float", "Latitude of the city.", nullable=True, min=-90, max=90),
        Column("longitude", "float", "Longitude of the city.", nullable=True,
               min=-180, max=180),
    ),
)  # fmt: skip

REFERENCE_HALLYU = Schema(
    name="reference_hallyu",
    file="reference_hallyu.csv",
    title="Hallyu indicators (reference)",
    description="Fan-community counts, streaming and export indicators from the Korea "
    "Foundation, Korea Customs, KOCCA and others. Definitions change between editions.",
    provenance="reference",
    source="Korea Foundation 'Global Hallyu' reports, Korea Customs Service, KOCCA and press, "
    "listed row by row (source_url).",
    columns=(
        Column("indicator", "text", "What is measured."),
        Column("region_or_country", "text", "Country or region the value covers."),
        Column("year", "text", "Year or period the value refers to."),
        Column("value", "text", "The value as sourced."),
        Column("unit", "text", "Unit of the value.", nullable=True),
        _SOURCES,
        _NOTE,
    ),
)  # fmt: skip

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        INITIATIVES,
        DIGITAL_METRICS,
        LIVE_EVENTS,
        EDUCATION_PROGRAMS,
        REFERENCE_LIVE_EVENTS,
        REFERENCE_EDUCATION,
        REFERENCE_HALLYU,
    )
}
