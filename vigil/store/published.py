"""Read queries for publishing: only what an audience may see, filtered in SQL.

Profiles, the site and exports (vigil.publish) read through these functions. Each
takes the set of confidentiality levels the audience may see and filters on the
document's level inside the query itself, so a figure, event or source of a
restricted or confidential document never leaves the database for a public output —
not even as a count.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select, union

from vigil.model import ReviewStatus
from vigil.store import convert
from vigil.store.rows import StoredEvent, StoredFigure
from vigil.store.store import Store
from vigil.store.tables import DocumentRecord, EventRecord, FigureRecord

__all__ = ["SourceRow", "visible_countries", "visible_events", "visible_figures", "visible_sources"]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A document's metadata without its text: what a sources list or an export cites."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    language: str | None
    confidentiality: str
    media_type: str | None
    archive_path: str | None


def _levels(levels: Collection[str]) -> list[str]:
    return sorted({str(level) for level in levels})


def visible_sources(store: Store, *, levels: Collection[str]) -> list[SourceRow]:
    """The documents of these confidentiality levels, newest publication first."""
    statement = (
        select(DocumentRecord)
        .where(DocumentRecord.confidentiality.in_(_levels(levels)))
        .order_by(DocumentRecord.published.desc().nulls_last(), DocumentRecord.id)
    )
    with store._read("sources") as session:  # noqa: SLF001 - the store package's own door
        return [
            SourceRow(
                id=r.id,
                title=r.title,
                url=r.url,
                publisher=r.publisher,
                published=r.published,
                language=r.language,
                confidentiality=r.confidentiality,
                media_type=r.media_type,
                archive_path=r.archive_path,
            )
            for r in session.scalars(statement)
        ]


def visible_figures(
    store: Store,
    *,
    levels: Collection[str],
    country: str | None = None,
    indicator: str | None = None,
) -> list[StoredFigure]:
    """Figures of documents of these levels, newest documents first, in text order within one."""
    return store.figures(levels=levels, country=country, indicator=indicator)


def visible_events(store: Store, *, levels: Collection[str], country: str | None = None) -> list[StoredEvent]:
    """Events of documents of these levels, in date order (undated last)."""
    statement = (
        select(EventRecord, DocumentRecord.title, DocumentRecord.published)
        .join(DocumentRecord, EventRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(_levels(levels)))
        .order_by(EventRecord.date.asc().nulls_last(), EventRecord.document_id, EventRecord.span_start, EventRecord.id)
    )
    if country is not None:
        statement = statement.where(EventRecord.country == country.strip().upper())
    with store._read("events") as session:  # noqa: SLF001
        return [
            StoredEvent(
                event=convert.event_from_record(record),
                status=ReviewStatus(record.status),
                document_title=title,
                published=published,
            )
            for record, title, published in session.execute(statement).all()
        ]


def visible_countries(store: Store, *, levels: Collection[str]) -> list[str]:
    """The countries (ISO alpha-2, sorted) that figures or events of these levels are about."""
    wanted = _levels(levels)
    figure_countries = (
        select(FigureRecord.country.label("country"))
        .join(DocumentRecord, FigureRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(wanted), FigureRecord.country.is_not(None))
    )
    event_countries = (
        select(EventRecord.country.label("country"))
        .join(DocumentRecord, EventRecord.document_id == DocumentRecord.id)
        .where(DocumentRecord.confidentiality.in_(wanted), EventRecord.country.is_not(None))
    )
    query = union(figure_countries, event_countries).subquery()
    with store._read("countries") as session:  # noqa: SLF001
        found = session.scalars(select(query.c.country).distinct()).all()
    return sorted({str(c).upper() for c in found if c})
