"""The JSON API under /api/: documents, figures, events, reviews, and one review action.

The same gate and the same visibility-filtered reads as the pages; the
OpenAPI description is served at /api/openapi.json. Writes (POST) need the
session's CSRF token in the `X-CSRF-Token` header, which `/api/me` returns.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from vigil.model import Confidentiality, parse_partial_date
from vigil.review import workflow
from vigil.review import audit as review_audit
from vigil.review.roles import visible_levels
from vigil.store import Store
from vigil.store import browse
from vigil.store import reviews as review_store
from vigil.store.audit import AuditEntry
from vigil.store.reviews import ReviewedEvent, ReviewedFigure
from vigil.web.auth import session_of

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
# Query strings: no NUL (PostgreSQL text cannot hold it), bounded length.
NO_NUL = r"^[^\x00]*$"
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Short = Annotated[str | None, Query(max_length=64, pattern=NO_NUL)]
Identifier = Annotated[str, Field(max_length=200)]


class Me(BaseModel):
    name: str
    role: str
    csrf_token: str


class DocumentOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    confidentiality: str
    figure_count: int
    event_count: int


class DocumentList(BaseModel):
    total: int
    items: list[DocumentOut]


class DocumentDetail(BaseModel):
    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    language: str | None
    confidentiality: str
    media_type: str | None
    text: str


class FigureOut(BaseModel):
    id: str
    document: str
    status: str
    version: int
    indicator: str
    value: int | float
    qualifier: str
    unit: str
    country: str | None
    place: str | None
    when: str | None
    counted: str | None
    attributed_to: str | None
    quote: str
    span: list[int]
    document_title: str | None
    published: str | None


class FigureList(BaseModel):
    total: int
    items: list[FigureOut]


class EventOut(BaseModel):
    id: str
    document: str
    status: str
    version: int
    event_type: str
    subtype: str
    date: str | None
    due: str | None
    country: str | None
    place: str | None
    actors: list[str]
    summary: str
    attributed_to: str | None
    quote: str
    span: list[int]


class EventList(BaseModel):
    items: list[EventOut]


class ReviewOut(BaseModel):
    id: int
    kind: str
    item_id: str
    document: str
    action: str
    status: str
    reviewer: str
    reason: str | None
    duplicate_of: str | None
    at: datetime


class ReviewList(BaseModel):
    items: list[ReviewOut]


class AuditOut(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    before: Any
    after: Any
    reason: str | None


# The fields a correction may change (the same as `workflow.CORRECTABLE`; a test checks it).
CorrectableField = Literal[
    "indicator", "value", "qualifier", "unit", "country", "place", "when", "counted", "attributed_to", "start", "end"
]


class ReviewIn(BaseModel):
    """One review action. `version` is the figure version you read; a stale one gets 409."""

    action: Literal["accept", "correct", "reject", "duplicate"]
    version: int = Field(ge=0, le=2**31)
    reason: str | None = Field(default=None, max_length=workflow.MAX_REASON_LENGTH)
    duplicate_of: Identifier | None = None
    changes: dict[CorrectableField, Annotated[str, Field(max_length=500)] | None] | None = None


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _levels(request: Request) -> frozenset[str]:
    return visible_levels(session_of(request).user.role)


def _figure(item: ReviewedFigure) -> FigureOut:
    f = item.figure
    return FigureOut(
        id=item.row_id, document=f.document, status=str(item.status), version=item.version,
        indicator=str(f.indicator), value=f.value, qualifier=str(f.qualifier), unit=f.unit, country=f.country,
        place=f.place, when=f.when, counted=f.counted, attributed_to=f.attributed_to, quote=f.quote,
        span=[f.span.start, f.span.end], document_title=item.document_title, published=item.published,
    )


def _event(item: ReviewedEvent) -> EventOut:
    e = item.event
    return EventOut(
        id=item.row_id, document=e.document, status=str(item.status), version=item.version,
        event_type=str(e.event_type), subtype=e.subtype, date=e.date, due=e.due, country=e.country, place=e.place,
        actors=list(e.actors), summary=e.summary, attributed_to=e.attributed_to, quote=e.quote,
        span=[e.span.start, e.span.end],
    )


def _audit(entry: AuditEntry) -> AuditOut:
    return AuditOut(
        seq=entry.seq, at=entry.at, actor=entry.actor, action=entry.action, target=entry.target,
        before=entry.before, after=entry.after, reason=entry.reason,
    )


@router.get("/me", response_model=Me)
def me(request: Request) -> Me:
    """Who is logged in, and the CSRF token to send with POST requests."""
    session = session_of(request)
    return Me(name=session.user.name, role=session.user.role, csrf_token=session.csrf_token)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_partial_date(value)
    except ValueError:
        return None


@router.get("/documents", response_model=DocumentList)
def list_documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, pattern=NO_NUL)] = None,
    language: Short = None,
    country: Short = None,
    confidentiality: Annotated[Confidentiality | None, Query()] = None,
    since: Short = None,
    until: Short = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentList:
    """Documents you may see, newest first; `q` is a full-text query."""
    store, levels = _store(request), _levels(request)
    where = browse.DocumentFilter(
        language=language or None, country=country or None,
        confidentiality=confidentiality.value if confidentiality else None, since=_date(since), until=_date(until),
    )
    if q and q.strip():
        hits = browse.search(store, q, levels, limit=MAX_LIMIT)
        where = browse.DocumentFilter(
            language=where.language, country=where.country, confidentiality=where.confidentiality,
            since=where.since, until=where.until, ids=tuple(hit.document_id for hit in hits),
        )
    rows = browse.list_documents(store, levels, where, limit=limit, offset=offset)
    return DocumentList(
        total=browse.count_documents(store, levels, where),
        items=[
            DocumentOut(id=r.id, title=r.title, url=r.url, published=r.published, language=r.language,
                        confidentiality=r.confidentiality, figure_count=r.figure_count, event_count=r.event_count)
            for r in rows
        ],
    )


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def get_document(request: Request, doc_id: str) -> DocumentDetail:
    """One document with its text (404 when it does not exist or you may not see it)."""
    doc = browse.get_document(_store(request), doc_id, _levels(request))
    return DocumentDetail(
        id=doc.id, title=doc.title, url=doc.url, publisher=doc.publisher, published=doc.published,
        language=doc.language, confidentiality=str(doc.confidentiality), media_type=doc.media_type, text=doc.text,
    )


@router.get("/figures", response_model=FigureList)
def list_figures(
    request: Request,
    status: Short = None,
    document: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    country: Short = None,
    indicator: Short = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> FigureList:
    """Figures you may see, most recent documents first; `status=extracted` is the review queue."""
    store, levels = _store(request), _levels(request)
    filters = {"status": status or None, "document": document or None, "country": country or None,
               "indicator": indicator or None}
    items = review_store.figures(store, levels, limit=limit, offset=offset, **filters)
    return FigureList(total=review_store.count_figures(store, levels, **filters), items=[_figure(i) for i in items])


@router.get("/figures/{figure_id}", response_model=FigureOut)
def get_figure(request: Request, figure_id: str) -> FigureOut:
    """One figure with its status and version."""
    return _figure(review_store.get_figure(_store(request), figure_id, _levels(request)))


@router.get("/figures/{figure_id}/history", response_model=list[AuditOut])
def figure_history(request: Request, figure_id: str) -> list[AuditOut]:
    """Every audit entry about one figure, oldest first."""
    session = session_of(request)
    return [_audit(e) for e in review_audit.figure_history(_store(request), session.user, figure_id)]


@router.post(
    "/figures/{figure_id}/review",
    response_model=FigureOut,
    responses={409: {"description": "someone else saved the figure first"}, 422: {"description": "not applicable"}},
)
def review_figure(request: Request, figure_id: str, body: ReviewIn) -> FigureOut:
    """Accept, correct, reject (reason required) or mark a duplicate; send the version you read."""
    user, store = session_of(request).user, _store(request)
    if body.action == "accept":
        item = workflow.accept(store, user, figure_id, body.version, reason=body.reason)
    elif body.action == "reject":
        item = workflow.reject(store, user, figure_id, body.version, reason=body.reason or "")
    elif body.action == "duplicate":
        item = workflow.mark_duplicate(
            store, user, figure_id, body.version, duplicate_of=body.duplicate_of or "", reason=body.reason
        )
    else:
        changes: dict[str, str | None] = {str(k): v for k, v in (body.changes or {}).items()}
        item = workflow.correct(store, user, figure_id, body.version, changes, reason=body.reason)
    return _figure(item)


@router.get("/events", response_model=EventList)
def list_events(
    request: Request,
    status: Short = None,
    document: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    country: Short = None,
    event_type: Short = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventList:
    """Events you may see, in date order."""
    items = review_store.events(
        _store(request), _levels(request), status=status or None, document=document or None,
        country=country or None, event_type=event_type or None, limit=limit, offset=offset,
    )
    return EventList(items=[_event(i) for i in items])


@router.get("/events/{event_id}", response_model=EventOut)
def get_event(request: Request, event_id: str) -> EventOut:
    """One event with its status and version."""
    return _event(review_store.get_event(_store(request), event_id, _levels(request)))


@router.get("/reviews", response_model=ReviewList)
def list_reviews(
    request: Request,
    item: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ReviewList:
    """Review decisions on items you may see, newest first."""
    rows = review_store.reviews(_store(request), _levels(request), item_id=item or None, limit=limit, offset=offset)
    return ReviewList(
        items=[
            ReviewOut(id=r.id, kind=r.kind, item_id=r.item_id, document=r.document_id, action=r.action,
                      status=r.status, reviewer=r.reviewer, reason=r.reason, duplicate_of=r.duplicate_of, at=r.at)
            for r in rows
        ]
    )
