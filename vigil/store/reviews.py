"""Figures and events under review: visibility-filtered reads and versioned saves.

Every read here takes `levels`, the confidentiality levels the caller may see,
and filters in SQL: a figure of a confidential document is not fetched and then
hidden, it is never fetched at all, so no count, page or error can reveal it.
An item the caller may not see is `NotFound`, exactly like one that does not exist.

Saves are optimistic: the caller says which version it read; a save over a
newer version raises `Conflict` instead of overwriting it. The check is made
twice — against the version read in the transaction, and by SQLAlchemy's
`version_id_col` in the UPDATE itself (`StaleDataError`), which catches a writer
that committed in between on PostgreSQL. The change, its review row and its
audit entry commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vigil.errors import Conflict, NotFound
from vigil.model import Event, Figure, ReviewStatus
from vigil.store import audit, convert
from vigil.store.store import Store
from vigil.store.tables import DocumentRecord, EventRecord, FigureRecord, ReviewRecord

__all__ = [
    "ReviewRow",
    "ReviewedEvent",
    "ReviewedFigure",
    "count_figures",
    "events",
    "figures",
    "get_event",
    "get_figure",
    "reviews",
    "save_event",
    "save_figure",
]


@dataclass(frozen=True, slots=True)
class ReviewedFigure:
    """A stored figure with its row id (kept when a correction changes its content), status and version."""

    row_id: str
    figure: Figure
    status: ReviewStatus
    version: int
    document_title: str | None
    published: str | None
    confidentiality: str


@dataclass(frozen=True, slots=True)
class ReviewedEvent:
    """A stored event with its row id, status and version."""

    row_id: str
    event: Event
    status: ReviewStatus
    version: int
    document_title: str | None
    published: str | None
    confidentiality: str


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One review decision."""

    id: int
    kind: str
    item_id: str
    document_id: str
    action: str
    status: str
    reviewer: str
    reason: str | None
    duplicate_of: str | None
    at: datetime


def _figure(record: FigureRecord, title: str | None, published: str | None, level: str) -> ReviewedFigure:
    return ReviewedFigure(
        row_id=record.id,
        figure=convert.figure_from_record(record),
        status=ReviewStatus(record.status),
        version=record.version,
        document_title=title,
        published=published,
        confidentiality=level,
    )


def _event(record: EventRecord, title: str | None, published: str | None, level: str) -> ReviewedEvent:
    return ReviewedEvent(
        row_id=record.id,
        event=convert.event_from_record(record),
        status=ReviewStatus(record.status),
        version=record.version,
        document_title=title,
        published=published,
        confidentiality=level,
    )


def _figure_query(levels: Collection[str]) -> Any:
    return (
        select(FigureRecord, DocumentRecord.title, DocumentRecord.published, DocumentRecord.confidentiality)
        .join(DocumentRecord, FigureRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(list(levels)))
    )


def _event_query(levels: Collection[str]) -> Any:
    return (
        select(EventRecord, DocumentRecord.title, DocumentRecord.published, DocumentRecord.confidentiality)
        .join(DocumentRecord, EventRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(list(levels)))
    )


def get_figure(store: Store, row_id: str, levels: Collection[str]) -> ReviewedFigure:
    """The figure with this row id, if the levels allow (NotFound otherwise, whatever the cause)."""
    with store._read(row_id) as session:
        found = session.execute(_figure_query(levels).where(FigureRecord.id == row_id)).first()
        if found is None:
            raise NotFound(row_id, "no such figure")
        return _figure(*found)


def get_event(store: Store, row_id: str, levels: Collection[str]) -> ReviewedEvent:
    """The event with this row id, if the levels allow (NotFound otherwise)."""
    with store._read(row_id) as session:
        found = session.execute(_event_query(levels).where(EventRecord.id == row_id)).first()
        if found is None:
            raise NotFound(row_id, "no such event")
        return _event(*found)


def _figure_filters(
    statement: Select[Any],
    *,
    status: str | None,
    document: str | None,
    country: str | None,
    indicator: str | None,
) -> Select[Any]:
    if status is not None:
        statement = statement.where(FigureRecord.status == status)
    if document is not None:
        statement = statement.where(FigureRecord.document_id == document)
    if country is not None:
        statement = statement.where(FigureRecord.country == country.strip().upper())
    if indicator is not None:
        statement = statement.where(FigureRecord.indicator == indicator)
    return statement


def figures(
    store: Store,
    levels: Collection[str],
    *,
    status: str | None = None,
    document: str | None = None,
    country: str | None = None,
    indicator: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ReviewedFigure]:
    """Visible figures, most recent documents first (publication date, then when stored), in text order.

    With `status="extracted"` this is the review queue.
    """
    statement = _figure_filters(
        _figure_query(levels), status=status, document=document, country=country, indicator=indicator
    ).order_by(
        DocumentRecord.published.desc().nulls_last(),
        DocumentRecord.stored_at.desc(),
        FigureRecord.document_id,
        FigureRecord.span_start,
        FigureRecord.span_end,
        FigureRecord.id,
    )
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with store._read("figures") as session:
        return [_figure(*row) for row in session.execute(statement).all()]


def count_figures(
    store: Store,
    levels: Collection[str],
    *,
    status: str | None = None,
    document: str | None = None,
    country: str | None = None,
    indicator: str | None = None,
) -> int:
    """How many visible figures match: the same filter as `figures`, so counts never include hidden rows."""
    statement = _figure_filters(
        select(func.count(FigureRecord.id))
        .join(DocumentRecord, FigureRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(list(levels))),
        status=status, document=document, country=country, indicator=indicator,
    )
    with store._read("figures") as session:
        return int(session.scalar(statement) or 0)


def events(
    store: Store,
    levels: Collection[str],
    *,
    status: str | None = None,
    document: str | None = None,
    country: str | None = None,
    event_type: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ReviewedEvent]:
    """Visible events in date order (undated last), then text order."""
    statement = _event_query(levels).order_by(
        EventRecord.date.asc().nulls_last(), EventRecord.document_id, EventRecord.span_start, EventRecord.id
    )
    if status is not None:
        statement = statement.where(EventRecord.status == status)
    if document is not None:
        statement = statement.where(EventRecord.document_id == document)
    if country is not None:
        statement = statement.where(EventRecord.country == country.strip().upper())
    if event_type is not None:
        statement = statement.where(EventRecord.event_type == event_type)
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with store._read("events") as session:
        return [_event(*row) for row in session.execute(statement).all()]


def _flush(session: Session, what: str) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(what, "someone else saved this item first; your change was not saved") from None


def save_figure(
    store: Store,
    row_id: str,
    *,
    levels: Collection[str],
    expected_version: int,
    status: ReviewStatus,
    action: str,
    reviewer: str,
    reason: str | None = None,
    duplicate_of: str | None = None,
    new: Figure | None = None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> ReviewedFigure:
    """Apply one review to a figure: new status (and new content when corrected), its review row and audit entry.

    Raises NotFound when the figure is not visible to `levels`, Conflict when it
    is no longer at `expected_version`.
    """
    with store._write(row_id) as session:
        audit.lock(session)
        found = session.execute(_figure_query(levels).where(FigureRecord.id == row_id)).first()
        if found is None:
            raise NotFound(row_id, "no such figure")
        record, title, published, level = found
        _check_version("figure", record, expected_version)
        if new is not None:
            fresh = convert.figure_record(new)
            for name in (
                "span_start", "span_end", "quote", "indicator", "value", "value_is_int", "qualifier", "unit",
                "country", "place", "when_", "counted", "attributed_to",
            ):
                setattr(record, name, getattr(fresh, name))
        _record_review(
            session, "figure", record, status=status, action=action, reviewer=reviewer, reason=reason,
            duplicate_of=duplicate_of, before=before, after=after,
        )
        return _figure(record, title, published, level)


def save_event(
    store: Store,
    row_id: str,
    *,
    levels: Collection[str],
    expected_version: int,
    status: ReviewStatus,
    action: str,
    reviewer: str,
    reason: str | None = None,
    duplicate_of: str | None = None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> ReviewedEvent:
    """Apply one review to an event (status only), with its review row and audit entry."""
    with store._write(row_id) as session:
        audit.lock(session)
        found = session.execute(_event_query(levels).where(EventRecord.id == row_id)).first()
        if found is None:
            raise NotFound(row_id, "no such event")
        record, title, published, level = found
        _check_version("event", record, expected_version)
        _record_review(
            session, "event", record, status=status, action=action, reviewer=reviewer, reason=reason,
            duplicate_of=duplicate_of, before=before, after=after,
        )
        return _event(record, title, published, level)


def _check_version(kind: str, record: FigureRecord | EventRecord, expected_version: int) -> None:
    """Conflict unless the item is still at the version the reviewer saw (optimistic locking)."""
    if record.version != expected_version:
        raise Conflict(
            record.id,
            f"someone else saved this {kind} first (you had version {expected_version}, it is now at "
            f"version {record.version}); your change was not saved",
        )


def _record_review(
    session: Session,
    kind: str,
    record: FigureRecord | EventRecord,
    *,
    status: ReviewStatus,
    action: str,
    reviewer: str,
    reason: str | None,
    duplicate_of: str | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> None:
    """Set the item's status and write, in the same transaction, its review row and its audit entry."""
    record.status = str(status)
    _flush(session, record.id)
    session.add(
        ReviewRecord(
            kind=kind, item_id=record.id, document_id=record.document_id, action=action, status=str(status),
            reviewer=reviewer, reason=reason, duplicate_of=duplicate_of,
        )
    )
    audit.append(
        session, actor=reviewer, action=f"{kind}.{action}", target=f"{kind}:{record.id}",
        document_id=record.document_id, before=before, after=after, reason=reason,
    )


def reviews(
    store: Store,
    levels: Collection[str],
    *,
    item_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ReviewRow]:
    """Review decisions on visible items, newest first."""
    statement = (
        select(ReviewRecord)
        .join(DocumentRecord, ReviewRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(list(levels)))
        .order_by(ReviewRecord.at.desc(), ReviewRecord.id.desc())
    )
    if item_id is not None:
        statement = statement.where(ReviewRecord.item_id == item_id)
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with store._read("reviews") as session:
        return [
            ReviewRow(
                id=r.id, kind=r.kind, item_id=r.item_id, document_id=r.document_id, action=r.action,
                status=r.status, reviewer=r.reviewer, reason=r.reason, duplicate_of=r.duplicate_of, at=r.at,
            )
            for r in session.scalars(statement)
        ]
