"""The Store: the one door through which vigil reads and writes its database.

Every write is one transaction: a document arrives with its figures and events
whole or not at all. Ids are content hashes, so `add` is an idempotent upsert —
storing a document again writes nothing and says it was already known, even
when two workers race to store the same one (issue 8).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from vigil.errors import DateError, NotFound, SpanError, StoreError
from vigil.model import Document, Event, Extraction, Figure, ReviewStatus, parse_partial_date
from vigil.store import convert, migrate
from vigil.store import search as fulltext
from vigil.store.engine import for_writing, make_engine, masked
from vigil.store.rows import DocumentRow, Failure, SearchHit, StoredEvent, StoredFigure
from vigil.store.tables import DocumentRecord, EventRecord, FailureRecord, FigureRecord

__all__ = ["MIN_PREFIX", "Store"]

# An id prefix shorter than this is too likely to match by accident once a
# corpus holds thousands of documents (16**6 ≈ 17 million hex prefixes).
MIN_PREFIX = 6

_HEX = re.compile(r"^[0-9a-f]+$")
_ID_SCHEME = "sha256:"


class Store:
    """A vigil database, migrated to the current schema. Use `Store.open(url)`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(for_writing(engine), expire_on_commit=False)
        self.url = masked(engine.url)

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, url: str) -> Store:
        """A ready store: folder made (SQLite), schema migrated to head; StoreError if unreachable."""
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(masked(url), f"cannot open the database: {_reason(exc)}") from None
        except Exception:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql" (or whatever else SQLAlchemy speaks)."""
        return self._engine.dialect.name

    def close(self) -> None:
        """Release every connection the store holds."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing ---------------------------------------------------------------

    def add(self, document: Document, extraction: Extraction, *, actor: str | None = None) -> bool:
        """Store a document with its figures and events in one transaction.

        Returns True when newly stored, False when the document id was already
        there (then nothing is written). Figures and events start as "extracted".
        With `actor`, the same transaction appends a "document.ingest" entry to the
        audit log, so a document never exists without the record of who added it.
        Raises SpanError or StoreError naming the document when the extraction
        does not belong to it or the database refuses; nothing is half-written.
        """
        records = _records(document, extraction)
        if self.has_document(document.id):
            return False
        try:
            with self._write_sessions.begin() as session:
                session.add(records[0])
                session.flush()  # the document first: its figures point to it
                session.add_all(records[1:])
                if actor is not None:
                    from vigil.store import audit  # audit imports this module

                    audit.append(
                        session, actor=actor, action="document.ingest", target=f"document:{document.id}",
                        document_id=document.id, after=audit.ingest_details(document, extraction),
                    )
        except IntegrityError as exc:
            # Another writer may have stored the same document between our check
            # and our insert: that is "already known", not an error.
            if self.has_document(document.id):
                return False
            raise StoreError(document.id, f"the database refused the document: {_reason(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(document.id, f"the database refused the document: {_reason(exc)}") from None
        return True

    def record_failure(self, source: str, reason: str) -> None:
        """Put an input that failed on the quarantine list, with its reason and the time."""
        with self._write(source) as session:
            session.add(FailureRecord(source=source, reason=reason))

    # -- reading -----------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        with self._read(doc_id) as session:
            return session.get(DocumentRecord, doc_id) is not None

    def get_document(self, id_or_prefix: str) -> Document:
        """The document with this id, or with this unique hex prefix (≥ 6 characters)."""
        with self._read(id_or_prefix) as session:
            return convert.document_from_record(_resolve(session, id_or_prefix))

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one document this id or prefix names (NotFound / ambiguous otherwise)."""
        with self._read(id_or_prefix) as session:
            return _resolve(session, id_or_prefix).id

    def documents(
        self,
        *,
        language: str | None = None,
        confidentiality: str | None = None,
        limit: int | None = None,
    ) -> list[DocumentRow]:
        """Stored documents, newest publication first, with their figure and event counts."""
        figure_count = (
            select(func.count(FigureRecord.id))
            .where(FigureRecord.document_id == DocumentRecord.id)
            .correlate(DocumentRecord)
            .scalar_subquery()
        )
        event_count = (
            select(func.count(EventRecord.id))
            .where(EventRecord.document_id == DocumentRecord.id)
            .correlate(DocumentRecord)
            .scalar_subquery()
        )
        statement = select(DocumentRecord, figure_count, event_count).order_by(
            DocumentRecord.published.desc().nulls_last(),
            DocumentRecord.retrieved_at.desc().nulls_last(),
            DocumentRecord.id,
        )
        if language is not None:
            statement = statement.where(DocumentRecord.language == language)
        if confidentiality is not None:
            statement = statement.where(DocumentRecord.confidentiality == str(confidentiality))
        if limit is not None:
            statement = statement.limit(limit)
        with self._read("documents") as session:
            return [
                DocumentRow(
                    id=record.id,
                    title=record.title,
                    url=record.url,
                    published=record.published,
                    language=record.language,
                    confidentiality=record.confidentiality,
                    source=record.source,
                    media_type=record.media_type,
                    figure_count=int(figures or 0),
                    event_count=int(events or 0),
                    retrieved_at=record.retrieved_at,
                )
                for record, figures, events in session.execute(statement).all()
            ]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        confidentiality: Collection[str] | None = None,
        language: str | None = None,
    ) -> list[SearchHit]:
        """Documents matching a full-text query, best first, with `[hit]` snippets.

        `confidentiality`, when given, is the set of levels the caller may see:
        documents of any other level are left out (the web layer passes the
        levels a role may read, so nothing leaks through search).
        """
        with self._read(query) as session:
            return fulltext.search(
                session.connection(), query, limit=limit, confidentiality=confidentiality, language=language
            )

    def figures(
        self,
        *,
        country: str | None = None,
        indicator: str | None = None,
        document: str | None = None,
        status: str | None = None,
        limit: int | None = None,
        levels: Collection[str] | None = None,
    ) -> list[StoredFigure]:
        """Stored figures, newest documents first and in text order within one.

        `country` is an ISO alpha-2 code in any case; `document` an id or unique prefix;
        `levels`, when given, keeps only figures of documents of those confidentiality levels
        (the public editions filter here, in SQL, so nothing else reaches them).
        """
        statement = (
            select(FigureRecord, DocumentRecord.title, DocumentRecord.published)
            .join(DocumentRecord, FigureRecord.document_id == DocumentRecord.id)
            .order_by(
                DocumentRecord.published.desc().nulls_last(),
                FigureRecord.document_id,
                FigureRecord.span_start,
                FigureRecord.span_end,
                FigureRecord.id,
            )
        )
        if country is not None:
            statement = statement.where(FigureRecord.country == country.strip().upper())
        if indicator is not None:
            statement = statement.where(FigureRecord.indicator == str(indicator))
        if status is not None:
            statement = statement.where(FigureRecord.status == str(status))
        if levels is not None:
            statement = statement.where(DocumentRecord.confidentiality.in_(sorted({str(level) for level in levels})))
        if limit is not None:
            statement = statement.limit(limit)
        with self._read(document or "figures") as session:
            if document is not None:
                statement = statement.where(FigureRecord.document_id == _resolve(session, document).id)
            return [
                StoredFigure(
                    figure=convert.figure_from_record(record),
                    status=ReviewStatus(record.status),
                    document_title=title,
                    published=published,
                )
                for record, title, published in session.execute(statement).all()
            ]

    def events(
        self,
        *,
        country: str | None = None,
        event_type: str | None = None,
        since: str | None = None,
        document: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        """Stored events in date order (undated last), optionally from `since` (YYYY[-MM[-DD]]) on.

        Dates compare as text, which orders partial ISO dates correctly except
        that a year-only "2024" counts as before "2024-01": an event known only to
        its year is not claimed to fall after a given month.
        """
        statement = (
            select(EventRecord, DocumentRecord.title, DocumentRecord.published)
            .join(DocumentRecord, EventRecord.document_id == DocumentRecord.id)
            .order_by(
                EventRecord.date.asc().nulls_last(),
                EventRecord.document_id,
                EventRecord.span_start,
                EventRecord.id,
            )
        )
        if country is not None:
            statement = statement.where(EventRecord.country == country.strip().upper())
        if event_type is not None:
            statement = statement.where(EventRecord.event_type == str(event_type))
        if since is not None:
            try:
                since = parse_partial_date(since)
            except ValueError as exc:
                raise DateError(since, str(exc)) from None
            statement = statement.where(EventRecord.date >= since)
        if status is not None:
            statement = statement.where(EventRecord.status == str(status))
        if limit is not None:
            statement = statement.limit(limit)
        with self._read(document or "events") as session:
            if document is not None:
                statement = statement.where(EventRecord.document_id == _resolve(session, document).id)
            return [
                StoredEvent(
                    event=convert.event_from_record(record),
                    status=ReviewStatus(record.status),
                    document_title=title,
                    published=published,
                )
                for record, title, published in session.execute(statement).all()
            ]

    def failures(self) -> list[Failure]:
        """The quarantine list, oldest first."""
        statement = select(FailureRecord).order_by(FailureRecord.at, FailureRecord.id)
        with self._read("failures") as session:
            return [
                Failure(id=record.id, source=record.source, reason=record.reason, at=record.at)
                for record in session.scalars(statement)
            ]

    def counts(self) -> dict[str, int]:
        """How many documents, figures, events and failures the store holds."""
        with self._read("counts") as session:
            return {
                "documents": session.scalar(select(func.count()).select_from(DocumentRecord)) or 0,
                "figures": session.scalar(select(func.count()).select_from(FigureRecord)) or 0,
                "events": session.scalar(select(func.count()).select_from(EventRecord)) or 0,
                "failures": session.scalar(select(func.count()).select_from(FailureRecord)) or 0,
            }

    # -- sessions ------------------------------------------------------------------

    def _read(self, about: str) -> AbstractContextManager[Session]:
        return _guarded(self._sessions, about)

    def _write(self, about: str) -> AbstractContextManager[Session]:
        return _guarded(self._write_sessions, about)


@contextmanager
def _guarded(sessions: sessionmaker[Session], about: str) -> Iterator[Session]:
    """A session in a transaction, committed on success; database errors become StoreError naming `about`."""
    try:
        with sessions() as session, session.begin():
            yield session
    except SQLAlchemyError as exc:
        raise StoreError(about, f"the database refused: {_reason(exc)}") from None


def _reason(exc: SQLAlchemyError) -> str:
    """The database's own words, without SQLAlchemy's statement dump and links."""
    original = getattr(exc, "orig", None)
    message = str(original) if original is not None else str(exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__


def _records(document: Document, extraction: Extraction) -> list[DocumentRecord | FigureRecord | EventRecord]:
    """The rows for one document, checked before anything touches the database."""
    records: list[DocumentRecord | FigureRecord | EventRecord] = [convert.document_record(document)]
    seen: dict[str, Figure | Event] = {}
    items: list[Figure | Event] = [*extraction.figures, *extraction.events]
    for item in items:
        kind = "figure" if isinstance(item, Figure) else "event"
        if item.document != document.id:
            raise StoreError(document.id, f"a {kind} at {item.span.start}-{item.span.end} belongs to {item.document}")
        if item.span.end > len(document.text) or document.text[item.span.start : item.span.end] != item.quote:
            raise SpanError(
                document.id, f"the {kind} quote does not match the text at [{item.span.start}, {item.span.end}]"
            )
        previous = seen.get(item.id)
        if previous is not None:
            if previous != item:
                raise StoreError(document.id, f"two different {kind}s share the id {item.id}")
            continue  # the same finding twice: keep one (ids are content hashes)
        seen[item.id] = item
        try:
            records.append(convert.figure_record(item) if isinstance(item, Figure) else convert.event_record(item))
        except ValueError as exc:
            raise StoreError(document.id, str(exc)) from None
    return records


def _resolve(session: Session, id_or_prefix: str) -> DocumentRecord:
    """The one document a full id or a unique hex prefix names."""
    key = id_or_prefix.strip()
    record = session.get(DocumentRecord, key)
    if record is not None:
        return record
    digits = key.lower().removeprefix(_ID_SCHEME)
    if not digits or not _HEX.match(digits):
        raise NotFound(key, "no document has this id")
    if len(digits) < MIN_PREFIX:
        raise StoreError(key, f"an id prefix needs at least {MIN_PREFIX} hex characters")
    ids = session.scalars(
        select(DocumentRecord.id)
        .where(DocumentRecord.id.startswith(_ID_SCHEME + digits, autoescape=True))
        .order_by(DocumentRecord.id)
        .limit(2)
    ).all()
    if not ids:
        raise NotFound(key, "no document has this id or id prefix")
    if len(ids) > 1:
        raise StoreError(key, f"ambiguous id prefix: {ids[0]} and {ids[1]} (and maybe more) start with it")
    found = session.get(DocumentRecord, ids[0])
    assert found is not None  # just selected, in the same transaction
    return found
