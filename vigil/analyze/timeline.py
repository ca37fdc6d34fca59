"""Timelines: events in date order, one entry per happening however many report it.

A monitor reads a country's enforcement as a sequence: the amendment, the mass arrest,
the attack and the raids after it, the decree and its deadline. Several documents
often report one happening; a timeline shows it once, with every source that reports
it, each with its quote. Two reports are taken for one happening when they agree on:

  - the event type and subtype, and the country (a report that names none may join);
  - the date, to the coarser precision of the two ("2025-02" and "2025-02-05" agree;
    two undated reports agree; an undated and a dated one do not);
  - what happened: both dated to the same day, or summaries alike (rapidfuzz), since
    one month can hold two decrees but rarely two decrees signed the same day.

Two events of one document are never merged: the extractor has already decided they
are distinct. This is a pure function over values; `Store.events` supplies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from vigil.errors import DateError
from vigil.model import Event, EventType, ReviewStatus, Span, parse_partial_date
from vigil.store.rows import StoredEvent

__all__ = ["Source", "TimelineEntry", "timeline"]

# Summaries at least this alike (rapidfuzz token_set_ratio, 0-100) name one happening:
# "decree requiring Ukrainians to obtain citizenship" and "signed a decree requiring all
# Ukrainian citizens" score above it, "amended the Code" and "passed the Bill" far below.
SUMMARY_SIMILARITY = 60
# Reviewers' verdicts that take an event off the record.
_DROPPED = frozenset({ReviewStatus.REJECTED, ReviewStatus.DUPLICATE})


@dataclass(frozen=True, slots=True)
class Source:
    """One report of a happening: which document, and the exact words it uses."""

    event_id: str
    document: str
    title: str | None
    published: str | None
    quote: str
    span: Span
    date: str | None  # the date this document gives


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One happening: its date at the finest precision any source gives, and its sources."""

    date: str | None
    event_type: EventType
    subtype: str
    country: str | None
    place: str | None
    summary: str
    actors: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(slots=True)
class _Draft:
    events: list[tuple[Event, str | None, str | None]] = field(default_factory=list)

    @property
    def lead(self) -> Event:
        """The report with the finest date: it dates and names the entry."""
        return max((e for e, _, _ in self.events), key=lambda e: _precision(e.date))

    @property
    def documents(self) -> set[str]:
        return {e.document for e, _, _ in self.events}


def _precision(date: str | None) -> int:
    return 0 if not date else date.count("-") + 1


def _dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _same_happening(draft: _Draft, event: Event) -> bool:
    if event.document in draft.documents:
        return False
    for other, _, _ in draft.events:
        if not _dates_agree(other.date, event.date):
            return False
        if other.country and event.country and other.country != event.country:
            return False
    lead = draft.lead
    if _precision(lead.date) == 3 and lead.date == event.date:
        return True
    return any(
        fuzz.token_set_ratio(other.summary.lower(), event.summary.lower()) >= SUMMARY_SIMILARITY
        for other, _, _ in draft.events
    )


def _unpack(item: StoredEvent | Event) -> tuple[Event, str | None, str | None] | None:
    if isinstance(item, StoredEvent):
        if item.status in _DROPPED:
            return None
        return item.event, item.document_title, item.published
    return item, None, None


def timeline(
    events: Iterable[StoredEvent | Event],
    *,
    country: str | None = None,
    since: str | None = None,
    event_type: EventType | str | None = None,
) -> list[TimelineEntry]:
    """The happening these events report, one entry each, in date order (undated last).

    `country` keeps one country (ISO alpha-2), taken from the reports that name one;
    `since` (YYYY[-MM[-DD]]) keeps the
    entries dated then or later, comparing as text, so a year-only date is not taken to
    fall after a month of that year (the store's rule); `event_type` keeps one type.
    Rejected events and reviewed duplicates are left out. Raises DateError for a bad `since`.
    """
    if since is not None:
        try:
            since = parse_partial_date(since)
        except ValueError as exc:
            raise DateError(since, str(exc)) from None
    wanted_type = EventType(event_type) if event_type is not None else None
    wanted_country = country.strip().upper() if country else None
    groups: dict[tuple[EventType, str], list[_Draft]] = {}
    # The finest dates first, so a coarse report joins the happening it belongs to.
    items = [u for u in map(_unpack, events) if u is not None]
    items.sort(key=lambda u: (-_precision(u[0].date), u[0].date or "", u[0].document, u[0].span.start))
    for item in items:
        event = item[0]
        if wanted_type is not None and event.event_type != wanted_type:
            continue
        drafts = groups.setdefault((event.event_type, event.subtype), [])
        draft = next((d for d in drafts if _same_happening(d, event)), None)
        if draft is None:
            draft = _Draft()
            drafts.append(draft)
        draft.events.append(item)
    entries = [_entry(d) for drafts in groups.values() for d in drafts]
    if wanted_country is not None:
        entries = [e for e in entries if (e.country or "").upper() == wanted_country]
    if since is not None:
        entries = [e for e in entries if e.date is not None and e.date >= since]
    entries.sort(key=_order)
    return entries


def _entry(draft: _Draft) -> TimelineEntry:
    lead = draft.lead
    reports: Sequence[tuple[Event, str | None, str | None]] = sorted(
        draft.events, key=lambda r: (-_precision(r[0].date), r[2] or "", r[0].document, r[0].span.start)
    )
    actors: list[str] = []
    for event, _, _ in reports:
        actors.extend(a for a in event.actors if a not in actors)
    return TimelineEntry(
        date=lead.date,
        event_type=lead.event_type,
        subtype=lead.subtype,
        country=lead.country or next((e.country for e, _, _ in reports if e.country), None),
        place=lead.place or next((e.place for e, _, _ in reports if e.place), None),
        summary=lead.summary,
        actors=tuple(actors),
        sources=tuple(
            Source(
                event_id=event.id,
                document=event.document,
                title=title,
                published=published,
                quote=event.quote,
                span=event.span,
                date=event.date,
            )
            for event, title, published in reports
        ),
    )


def _order(entry: TimelineEntry) -> tuple[int, str, str, str]:
    """Date order, undated last; a year-only date before the months of that year."""
    return (entry.date is None, entry.date or "", str(entry.event_type), entry.summary)
