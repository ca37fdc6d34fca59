"""Documents as a reader of the web app sees them: filtered by what their role may see.

Like `reviews.py`, every function takes `levels` (the confidentiality levels
the caller may see) and filters in SQL, so lists, counts, facets, search hits
and snippets are computed only over visible documents — a facet count is the
count of rows the caller could open (Uwazi #1163 leaked through facets).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, func, or_, select

from vigil.errors import NotFound
from vigil.model import Document
from vigil.store import convert
from vigil.store import search as fulltext
from vigil.store.rows import DocumentRow, SearchHit
from vigil.store.store import Store
from vigil.store.tables import DocumentRecord, EventRecord, FigureRecord

__all__ = ["DocumentFilter", "Facets", "count_documents", "document_facets", "get_document", "list_documents", "search"]


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """The document list's filters; None means "any"."""

    language: str | None = None
    country: str | None = None  # documents with at least one figure or event in this country
    confidentiality: str | None = None
    since: str | None = None  # publication date, compared as partial ISO text
    until: str | None = None
    ids: tuple[str, ...] | None = None  # restrict to these (full-text search results)


@dataclass(frozen=True, slots=True)
class Facets:
    """Value → count of visible documents, for the filter menus."""

    languages: tuple[tuple[str, int], ...]
    countries: tuple[tuple[str, int], ...]
    confidentiality: tuple[tuple[str, int], ...]


def _visible(levels: Collection[str]) -> Any:
    return DocumentRecord.confidentiality.in_(list(levels))


def _filtered(statement: Select[Any], levels: Collection[str], where: DocumentFilter) -> Select[Any]:
    statement = statement.where(_visible(levels))
    if where.language:
        statement = statement.where(DocumentRecord.language == where.language)
    if where.confidentiality:
        statement = statement.where(DocumentRecord.confidentiality == where.confidentiality)
    if where.since:
        statement = statement.where(DocumentRecord.published >= where.since)
    if where.until:
        # "until 2024" includes 2024-12-31: a date is in range when it sorts before or starts with the bound.
        statement = statement.where(
            or_(DocumentRecord.published <= where.until, DocumentRecord.published.startswith(where.until))
        )
    if where.country:
        code = where.country.strip().upper()
        statement = statement.where(
            or_(
                exists().where(FigureRecord.document_id == DocumentRecord.id, FigureRecord.country == code),
                exists().where(EventRecord.document_id == DocumentRecord.id, EventRecord.country == code),
            )
        )
    if where.ids is not None:
        statement = statement.where(DocumentRecord.id.in_(list(where.ids)))
    return statement


def list_documents(
    store: Store, levels: Collection[str], where: DocumentFilter = DocumentFilter(), *, limit: int = 50, offset: int = 0
) -> list[DocumentRow]:
    """Visible documents matching the filter, newest publication first, with their figure and event counts."""
    figure_count = (
        select(func.count(FigureRecord.id)).where(FigureRecord.document_id == DocumentRecord.id)
        .correlate(DocumentRecord).scalar_subquery()
    )
    event_count = (
        select(func.count(EventRecord.id)).where(EventRecord.document_id == DocumentRecord.id)
        .correlate(DocumentRecord).scalar_subquery()
    )
    statement = _filtered(select(DocumentRecord, figure_count, event_count), levels, where).order_by(
        DocumentRecord.published.desc().nulls_last(), DocumentRecord.stored_at.desc(), DocumentRecord.id
    ).limit(limit).offset(offset)
    with store._read("documents") as session:
        return [
            DocumentRow(
                id=r.id, title=r.title, url=r.url, published=r.published, language=r.language,
                confidentiality=r.confidentiality, source=r.source, media_type=r.media_type,
                figure_count=int(f or 0), event_count=int(e or 0), retrieved_at=r.retrieved_at,
            )
            for r, f, e in session.execute(statement).all()
        ]


def count_documents(store: Store, levels: Collection[str], where: DocumentFilter = DocumentFilter()) -> int:
    """How many visible documents match the filter."""
    statement = _filtered(select(func.count(DocumentRecord.id)), levels, where)
    with store._read("documents") as session:
        return int(session.scalar(statement) or 0)


def document_facets(store: Store, levels: Collection[str]) -> Facets:
    """Languages, countries and levels among visible documents, each with its count."""
    with store._read("facets") as session:
        languages = session.execute(
            select(DocumentRecord.language, func.count(DocumentRecord.id))
            .where(_visible(levels), DocumentRecord.language.is_not(None))
            .group_by(DocumentRecord.language).order_by(DocumentRecord.language)
        ).all()
        levels_seen = session.execute(
            select(DocumentRecord.confidentiality, func.count(DocumentRecord.id))
            .where(_visible(levels)).group_by(DocumentRecord.confidentiality).order_by(DocumentRecord.confidentiality)
        ).all()
        by_figure = select(FigureRecord.document_id.label("doc"), FigureRecord.country.label("country"))
        by_event = select(EventRecord.document_id.label("doc"), EventRecord.country.label("country"))
        places = by_figure.union(by_event).subquery()
        countries = session.execute(
            select(places.c.country, func.count(func.distinct(places.c.doc)))
            .join(DocumentRecord, DocumentRecord.id == places.c.doc)
            .where(_visible(levels), places.c.country.is_not(None))
            .group_by(places.c.country).order_by(places.c.country)
        ).all()
    return Facets(
        languages=tuple((str(k), int(v)) for k, v in languages),
        countries=tuple((str(k), int(v)) for k, v in countries),
        confidentiality=tuple((str(k), int(v)) for k, v in levels_seen),
    )


def get_document(store: Store, doc_id: str, levels: Collection[str]) -> Document:
    """The document with exactly this id, if visible (NotFound otherwise: absent and hidden look the same)."""
    with store._read(doc_id) as session:
        record = session.scalar(select(DocumentRecord).where(DocumentRecord.id == doc_id, _visible(levels)))
        if record is None:
            raise NotFound(doc_id, "no such document")
        return convert.document_from_record(record)


def search(store: Store, query: str, levels: Collection[str], *, limit: int = 50, language: str | None = None) -> list[SearchHit]:
    """Full-text hits among visible documents only (snippets come from them alone)."""
    if not levels:
        return []
    with store._read(query) as session:
        return fulltext.search(session.connection(), query, limit=limit, confidentiality=list(levels), language=language)
