"""The core types of vigil: documents, spans, figures, events, extractions.

Every value here is a frozen dataclass. A figure or an event can only be made by
`make_figure` / `make_event`, which slice the quote out of the document text
themselves, so `text[span.start:span.end] == quote` holds by construction: no
number ever loses its footnote. Ids are content hashes, so doing the same work
twice yields the same ids (DESIGN: "Ids are content hashes").

This module imports nothing of vigil.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "Confidentiality",
    "Document",
    "Event",
    "EventType",
    "EVENT_SUBTYPES",
    "Extraction",
    "Figure",
    "Indicator",
    "Qualifier",
    "ReviewStatus",
    "Span",
    "UNITS",
    "document_id",
    "make_event",
    "make_figure",
    "parse_partial_date",
    # detention sites (issue 10)
    "EntryStatus",
    "Site",
    "SiteAttribute",
    "SiteObservation",
    "SiteStatus",
    "SiteType",
    "make_site_observation",
    "observation_id",
    "site_id",
]


class Confidentiality(StrEnum):
    """Who may see a document and everything drawn from it."""

    PUBLIC = "public"
    RESTRICTED = "restricted"  # analysts and above
    CONFIDENTIAL = "confidential"  # editors and admins only


class Indicator(StrEnum):
    """What a figure counts (../shared/spec/figures.md, "Indicator vocabulary")."""

    DETAINED = "detained"
    APPREHENDED = "apprehended"
    DEPORTED = "deported"
    RETURNED_VOLUNTARILY = "returned_voluntarily"
    DETENTION_CAPACITY = "detention_capacity"
    DETENTION_FACILITIES = "detention_facilities"
    DETAINED_CHILDREN = "detained_children"
    DETAINED_ASYLUM_SEEKERS = "detained_asylum_seekers"
    DEATHS_IN_DETENTION = "deaths_in_detention"
    ASYLUM_APPLICATIONS = "asylum_applications"
    REFUGEES = "refugees"
    MIGRANTS = "migrants"
    REGISTRY_LISTED = "registry_listed"
    CITIZENSHIP_REVOKED = "citizenship_revoked"
    CONSCRIPTED = "conscripted"
    OTHER = "other"


class Qualifier(StrEnum):
    """How the text hedges a number ("about 3,000", "more than 500")."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ALMOST = "almost"
    UP_TO = "up_to"
    LESS_THAN = "less_than"


# The spec's units; `other` figures may also measure time ("days", "years") or money.
UNITS: tuple[str, ...] = (
    "people",
    "people per day",
    "percent",
    "orders",
    "facilities",
    "places",
    "cases",
    "applications",
    "fraction",
    "times",
)


class ReviewStatus(StrEnum):
    """Where a figure or event stands in the verification workflow."""

    EXTRACTED = "extracted"
    VERIFIED = "verified"
    CORRECTED = "corrected"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


class EventType(StrEnum):
    """Event types of the codebook (../shared/spec/events.md)."""

    LAW = "law"
    RAID = "raid"
    DEPORTATION = "deportation"
    DETENTION = "detention"
    COURT = "court"
    CITIZENSHIP = "citizenship"
    RECRUITMENT = "recruitment"
    REGISTRY = "registry"
    RESTRICTION = "restriction"
    VIOLENCE = "violence"
    DEADLINE = "deadline"


EVENT_SUBTYPES: dict[EventType, tuple[str, ...]] = {
    EventType.LAW: ("adopted", "signed", "in_force", "amended", "proposed", "struck_down"),
    EventType.RAID: ("raid", "mass_arrest", "checkpoint"),
    EventType.DEPORTATION: ("operation", "order", "flight", "pushback"),
    EventType.DETENTION: (
        "overcrowding", "food", "medical", "violence", "sanitation", "death", "hunger_strike", "other",
    ),
    EventType.COURT: ("sentence", "ruling", "appeal"),
    EventType.CITIZENSHIP: ("revoked", "conditioned", "forced"),
    EventType.RECRUITMENT: ("coercion", "enlistment"),
    EventType.REGISTRY: ("listing", "restriction"),
    EventType.RESTRICTION: ("employment", "movement", "other"),
    EventType.VIOLENCE: ("hate_crime", "attack"),
    EventType.DEADLINE: ("deadline",),
}

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> str:
    """Check a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date and return it unchanged.

    Publication dates are often known only to the year or month; keeping the
    precision the source gives (rather than inventing a day) is what lets
    "last year" resolve correctly. Raises ValueError naming the value.
    """
    import datetime as _dt

    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    return value.strip()


def _hash(*parts: object) -> str:
    # Each part's repr followed by a unit separator, hashed in one call (ids are
    # stored: the bytes hashed must never change).
    return hashlib.sha256("".join(f"{part!r}\x1f" for part in parts).encode("utf-8")).hexdigest()


def document_id(original: bytes) -> str:
    """The id of a document: `sha256:` and the hex digest of its original bytes."""
    return "sha256:" + hashlib.sha256(original).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets `[start, end)` into one document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end}]")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One archived source: its text, where it came from, and who may see it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    retrieved_at: str | None = None
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    source: str | None = None  # the path or URL it was read from
    media_type: str | None = None  # "text/plain", "text/html", "application/pdf", ...
    archive_path: str | None = None  # where the original bytes are kept, relative to the data folder


@dataclass(frozen=True, slots=True)
class Figure:
    """One number a document states, with what it counts and the exact quote."""

    document: str
    span: Span
    quote: str
    indicator: Indicator
    value: float | int
    qualifier: Qualifier = Qualifier.EXACT
    unit: str = "people"
    country: str | None = None
    place: str | None = None
    when: str | None = None
    counted: str | None = None
    attributed_to: str | None = None

    @property
    def id(self) -> str:
        """A content hash of (document, span, indicator, value): same work, same id."""
        return "fig:" + _hash(self.document, self.span.start, self.span.end, str(self.indicator), self.value)[:32]

    def to_dict(self) -> dict[str, Any]:
        """The figure in the spec's JSON shape (../shared/spec/figures.md)."""
        return {
            "kind": "figure",
            "indicator": str(self.indicator),
            "value": self.value,
            "qualifier": str(self.qualifier),
            "unit": self.unit,
            "country": self.country,
            "place": self.place,
            "when": self.when,
            "counted": self.counted,
            "attributed_to": self.attributed_to,
            "quote": self.quote,
            "span": [self.span.start, self.span.end],
            "document": self.document,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening a document reports, with the exact quote."""

    document: str
    span: Span
    quote: str
    event_type: EventType
    subtype: str
    date: str | None = None
    country: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    summary: str = ""
    attributed_to: str | None = None
    due: str | None = None  # for deadlines: the day it falls due, beside `date`

    @property
    def id(self) -> str:
        """A content hash of (document, span, type, subtype, date)."""
        return "evt:" + _hash(
            self.document, self.span.start, self.span.end, str(self.event_type), self.subtype, self.date
        )[:32]

    def to_dict(self) -> dict[str, Any]:
        """The event in the codebook's JSON shape (../shared/spec/events.md)."""
        out: dict[str, Any] = {
            "kind": "event",
            "event_type": str(self.event_type),
            "subtype": self.subtype,
            "date": self.date,
            "country": self.country,
            "place": self.place,
            "actors": list(self.actors),
            "summary": self.summary,
            "attributed_to": self.attributed_to,
            "quote": self.quote,
            "span": [self.span.start, self.span.end],
            "document": self.document,
        }
        if self.due is not None:
            out["due"] = self.due
        return out


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor found in one text."""

    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dicts(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.figures] + [e.to_dict() for e in self.events]


def _checked_span(text: str, start: int, end: int) -> tuple[Span, str]:
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span [{start}, {end}] does not fit a text of {len(text)} characters")
    return Span(start, end), text[start:end]


def make_figure(
    text: str,
    document: str,
    start: int,
    end: int,
    *,
    indicator: Indicator | str,
    value: float | int,
    qualifier: Qualifier | str = Qualifier.EXACT,
    unit: str = "people",
    country: str | None = None,
    place: str | None = None,
    when: str | None = None,
    counted: str | None = None,
    attributed_to: str | None = None,
) -> Figure:
    """The only way to make a Figure: the quote is sliced from `text`, never passed in."""
    span, quote = _checked_span(text, start, end)
    if not unit:
        raise ValueError("a figure needs a unit")
    return Figure(
        document=document,
        span=span,
        quote=quote,
        indicator=Indicator(indicator),
        value=value,
        qualifier=Qualifier(qualifier),
        unit=unit,
        country=country,
        place=place,
        when=when,
        counted=counted,
        attributed_to=attributed_to,
    )


def make_event(
    text: str,
    document: str,
    start: int,
    end: int,
    *,
    event_type: EventType | str,
    subtype: str,
    date: str | None = None,
    country: str | None = None,
    place: str | None = None,
    actors: tuple[str, ...] = (),
    summary: str = "",
    attributed_to: str | None = None,
    due: str | None = None,
) -> Event:
    """The only way to make an Event: the quote is sliced from `text`, never passed in."""
    span, quote = _checked_span(text, start, end)
    etype = EventType(event_type)
    if subtype not in EVENT_SUBTYPES[etype]:
        raise ValueError(f"{subtype!r} is not a subtype of {etype.value!r}")
    return Event(
        document=document,
        span=span,
        quote=quote,
        event_type=etype,
        subtype=subtype,
        date=date,
        country=country,
        place=place,
        actors=tuple(actors),
        summary=summary,
        attributed_to=attributed_to,
        due=due,
    )


def as_plain(obj: Any) -> Any:
    """A dataclass as plain dict (for debugging and tests)."""
    return asdict(obj)



# -- detention sites (issue 10) --------------------------------------------------------
#
# A site is a registry entry: a name, a country, a place, coordinates when known.
# Everything a report says about it — another name, its type, who runs it, how many it
# holds, what detainees report — is a `SiteObservation` with a date and a source, never
# a bare value on the site.


class SiteType(StrEnum):
    """What kind of place holds people."""

    IMMIGRATION_CENTRE = "immigration_centre"  # a dedicated centre: TsVSIG, IRC, detention centre
    POLICE_OR_JAIL = "police_or_jail"  # police station, special detention centre, jail, prison
    TRANSIT_ZONE = "transit_zone"
    BORDER_POST = "border_post"
    OTHER = "other"


class SiteStatus(StrEnum):
    """Whether a site holds people, no longer does, or will."""

    OPEN = "open"
    CLOSED = "closed"
    PLANNED = "planned"


class SiteAttribute(StrEnum):
    """What one observation of a site says."""

    NAME = "name"  # the site is named so (an alias, in any script)
    TYPE = "type"  # a SiteType
    AUTHORITY = "authority"  # who holds people there
    CAPACITY = "capacity"  # places (from a `detention_capacity` figure)
    POPULATION = "population"  # people held on a date (`detained`, `detained_children`, ...)
    STATUS = "status"  # a SiteStatus
    CONDITION = "condition"  # a `detention` event subtype: overcrowding, food, medical, ...


class EntryStatus(StrEnum):
    """Where a registry entry stands: proposed by vigil, accepted or rejected by a reviewer, merged."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"


@dataclass(frozen=True, slots=True)
class Site:
    """One detention site of the registry."""

    id: str
    name: str
    country: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    status: EntryStatus = EntryStatus.PROPOSED
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class SiteObservation:
    """One thing a source says about a site, with its quote (or, for an imported list, its citation)."""

    id: str
    site: str
    attribute: SiteAttribute
    value: str
    number: float | int | None = None
    unit: str | None = None
    indicator: str | None = None  # the figure's indicator, for capacity and population
    when: str | None = None
    document: str | None = None
    span: Span | None = None
    quote: str | None = None
    source: str | None = None  # the citation of an imported row ("team spreadsheet, 2025")
    figure: str | None = None
    event: str | None = None
    key: str | None = None  # for names: what registry matching compares


def site_id(country: str | None, key: str) -> str:
    """A site's id: a hash of its country and the key of the name it was first known by."""
    return "site:" + _hash(country or "", key)[:16]


def observation_id(document: str | None, start: int | None, end: int | None, attribute: str, value: str,
                   source: str | None = None) -> str:
    """An observation's id: a hash of where it was read and what it says (not of its site, which a merge changes)."""
    return "obs:" + _hash(document, start, end, attribute, value, source)[:32]


def make_site_observation(
    text: str | None,
    document: str | None,
    start: int | None,
    end: int | None,
    *,
    site: str,
    attribute: SiteAttribute | str,
    value: str,
    number: float | int | None = None,
    unit: str | None = None,
    indicator: str | None = None,
    when: str | None = None,
    source: str | None = None,
    figure: str | None = None,
    event: str | None = None,
    key: str | None = None,
) -> SiteObservation:
    """The only way to make a SiteObservation: from a text, the quote is sliced here; without one, a source is required."""
    attr = SiteAttribute(attribute)
    if attr is SiteAttribute.TYPE:
        value = SiteType(value).value
    elif attr is SiteAttribute.STATUS:
        value = SiteStatus(value).value
    elif attr is SiteAttribute.CONDITION and value not in EVENT_SUBTYPES[EventType.DETENTION]:
        raise ValueError(f"{value!r} is not a detention condition ({', '.join(EVENT_SUBTYPES[EventType.DETENTION])})")
    if not value:
        raise ValueError("an observation needs a value")
    span: Span | None = None
    quote: str | None = None
    if text is not None and document is not None and start is not None and end is not None:
        span, quote = _checked_span(text, start, end)
    elif not (source or "").strip():
        raise ValueError("an observation without a quote needs a source")
    # Read from a text, an observation is the same whichever site it is filed under (merges move it);
    # from an imported list, the row's site is part of what it says.
    oid = observation_id(document if span else None, span.start if span else None, span.end if span else None,
                         attr.value, value, None if span else f"{site}\x1f{source}")
    return SiteObservation(
        id=oid, site=site, attribute=attr, value=value, number=number, unit=unit, indicator=indicator, when=when,
        document=document if span else None, span=span, quote=quote, source=source, figure=figure, event=event,
        key=key,
    )
