"""Model values to ORM rows and back, so a value read equals the value written.

A figure's value is kept as a float (for sorting and arithmetic in SQL) with a
flag saying whether it was an int: an int comes back an int, a float a float.
The flag matters beyond looks: `Figure.id` hashes the value's repr, so
87000 and 87000.0 are different ids, and a figure read back must keep its id.
"""

from __future__ import annotations

import math

from vigil.model import (
    Confidentiality,
    Document,
    Event,
    EventType,
    Figure,
    Indicator,
    Qualifier,
    ReviewStatus,
    Span,
)
from vigil.store.tables import DocumentRecord, EventRecord, FigureRecord

__all__ = [
    "document_from_record",
    "document_record",
    "event_from_record",
    "event_record",
    "figure_from_record",
    "figure_record",
    "stored_value",
    "value_from_store",
]

# Integers beyond 2**53 cannot all be represented by a double: they would come
# back as a neighbouring number, so the store refuses them rather than alter them.
MAX_EXACT_INTEGER = 2**53


def stored_value(value: float | int) -> float:
    """The figure value as a finite float; ValueError when it cannot be stored faithfully."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"figure value {value!r} is not a number")
    if isinstance(value, int) and abs(value) > MAX_EXACT_INTEGER:
        raise ValueError(f"figure value {value} is too large to store exactly")
    as_float = float(value)
    if not math.isfinite(as_float):
        raise ValueError(f"figure value {value!r} is not a finite number")
    return as_float


def value_from_store(value: float, is_int: bool) -> float | int:
    """A stored float back as the model wrote it: int when it was an int."""
    return int(value) if is_int else float(value)


def document_record(document: Document) -> DocumentRecord:
    return DocumentRecord(
        id=document.id,
        title=document.title,
        url=document.url,
        publisher=document.publisher,
        published=document.published,
        language=document.language,
        retrieved_at=document.retrieved_at,
        confidentiality=str(document.confidentiality),
        source=document.source,
        media_type=document.media_type,
        archive_path=document.archive_path,
        text=document.text,
    )


def document_from_record(record: DocumentRecord) -> Document:
    return Document(
        id=record.id,
        text=record.text,
        title=record.title,
        url=record.url,
        publisher=record.publisher,
        published=record.published,
        language=record.language,
        retrieved_at=record.retrieved_at,
        confidentiality=Confidentiality(record.confidentiality),
        source=record.source,
        media_type=record.media_type,
        archive_path=record.archive_path,
    )


def figure_record(figure: Figure, status: ReviewStatus = ReviewStatus.EXTRACTED) -> FigureRecord:
    return FigureRecord(
        id=figure.id,
        document_id=figure.document,
        span_start=figure.span.start,
        span_end=figure.span.end,
        quote=figure.quote,
        indicator=str(figure.indicator),
        value=stored_value(figure.value),
        value_is_int=isinstance(figure.value, int),
        qualifier=str(figure.qualifier),
        unit=figure.unit,
        country=figure.country,
        place=figure.place,
        when_=figure.when,
        counted=figure.counted,
        attributed_to=figure.attributed_to,
        status=str(status),
    )


def figure_from_record(record: FigureRecord) -> Figure:
    return Figure(
        document=record.document_id,
        span=Span(record.span_start, record.span_end),
        quote=record.quote,
        indicator=Indicator(record.indicator),
        value=value_from_store(record.value, record.value_is_int),
        qualifier=Qualifier(record.qualifier),
        unit=record.unit,
        country=record.country,
        place=record.place,
        when=record.when_,
        counted=record.counted,
        attributed_to=record.attributed_to,
    )


def event_record(event: Event, status: ReviewStatus = ReviewStatus.EXTRACTED) -> EventRecord:
    return EventRecord(
        id=event.id,
        document_id=event.document,
        span_start=event.span.start,
        span_end=event.span.end,
        quote=event.quote,
        event_type=str(event.event_type),
        subtype=event.subtype,
        date=event.date,
        due=event.due,
        country=event.country,
        place=event.place,
        actors=tuple(event.actors),
        summary=event.summary,
        attributed_to=event.attributed_to,
        status=str(status),
    )


def event_from_record(record: EventRecord) -> Event:
    return Event(
        document=record.document_id,
        span=Span(record.span_start, record.span_end),
        quote=record.quote,
        event_type=EventType(record.event_type),
        subtype=record.subtype,
        date=record.date,
        country=record.country,
        place=record.place,
        actors=record.actors,
        summary=record.summary,
        attributed_to=record.attributed_to,
        due=record.due,
    )
