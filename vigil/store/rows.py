"""The values the store hands back: frozen rows for lists, hits and the quarantine.

Callers (CLI, web, analyze) see these and the types of `vigil.model`, never an
ORM object, so nothing outside `vigil.store` can lazily load or write SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vigil.model import Event, Figure, ReviewStatus

__all__ = ["DocumentRow", "Failure", "SearchHit", "StoredEvent", "StoredFigure"]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the document list: metadata and how much was drawn from it."""

    id: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    confidentiality: str
    source: str | None
    media_type: str | None
    figure_count: int
    event_count: int
    retrieved_at: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document matching a full-text query; higher `rank` is a better match.

    `snippet` shows the matched words between `[` and `]`, on both databases.
    """

    document_id: str
    title: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class StoredFigure:
    """A figure as stored, with where it stands in review and whence it came."""

    figure: Figure
    status: ReviewStatus
    document_title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored, with where it stands in review and whence it came."""

    event: Event
    status: ReviewStatus
    document_title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that failed, kept in the quarantine list with its reason and time (UTC)."""

    id: int
    source: str
    reason: str
    at: datetime
