"""Bulk writes for large corpora: many documents per transaction, still all-or-nothing.

`Store.add` writes one document per transaction, which is right for the CLI and
the web app but costs a round trip and a commit per document: on a corpus of
millions that is most of the time spent outside the extractor. `BulkStore`
writes a batch of documents with their figures and events in one transaction,
with multi-row `INSERT … ON CONFLICT (id) DO NOTHING` on both PostgreSQL and
SQLite (SQLite's spelling of `INSERT OR IGNORE` for a primary key), so:

- a batch lands whole or not at all: a reader never sees a document without its
  figures, and a crash mid-batch leaves nothing half-written;
- writing the same batch twice (a retried Dask task, a resumed run, two workers
  racing on one document) writes nothing the second time: ids are content
  hashes, and only the documents this transaction actually inserted (`RETURNING`)
  get their figures and events written;
- one document the database refuses does not sink the others: when a batch
  fails, it is written again one document per transaction, and only the
  document that still fails is given back as rejected.

`BulkStore` does not migrate: the batch driver opens a `Store` first (which
migrates), then workers open `BulkStore`s on the ready schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.dml import Insert

from vigil.errors import SpanError, StoreError, VigilError
from vigil.model import Document, Event, Extraction, Figure, ReviewStatus
from vigil.store import audit
from vigil.store.convert import stored_value
from vigil.store.engine import for_writing, make_engine, masked
from vigil.store.store import _reason
from vigil.store.tables import DocumentRecord, EventRecord, FailureRecord, FigureRecord
from vigil.store.types import utc_now

__all__ = ["ID_QUERY_CHUNK", "BulkOutcome", "BulkStore", "Rejected", "document_values", "event_values", "figure_values"]

# Ids per `IN (…)` look-up: SQLite allows 32,766 bound parameters and PostgreSQL
# 65,535; 500 keeps each statement small and well under both.
ID_QUERY_CHUNK = 500

# Columns the ORM fills on flush that a Core insert must fill itself: a new row
# starts at review version 1 (the `version_id_col` of figures and events).
_FIRST_VERSION = 1

# What the database says about a row (a constraint, a value it cannot hold) rather
# than about itself: only these make a document "rejected". A lost connection or a
# full disk is the batch's failure, raised, so the partition is retried and reported.
_REFUSALS = (IntegrityError, DataError)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document the store would not take, with the reason (for the quarantine list)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    """What one `add_many` did: which ids it stored, which were already there, which it refused."""

    stored: tuple[str, ...]
    known: tuple[str, ...]
    rejected: tuple[Rejected, ...]
    figures: int
    events: int


class BulkStore:
    """Batch writes onto a migrated vigil database. Use `BulkStore.open(url)`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = for_writing(engine)
        self.url = masked(engine.url)

    @classmethod
    def open(cls, url: str) -> BulkStore:
        """A bulk writer on `url`; the schema must already be migrated (`Store.open` does it)."""
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def close(self) -> None:
        """Release every connection."""
        self._engine.dispose()

    def __enter__(self) -> BulkStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already (one query per 500 ids)."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        try:
            with self._engine.connect() as connection:
                for start in range(0, len(wanted), ID_QUERY_CHUNK):
                    chunk = wanted[start : start + ID_QUERY_CHUNK]
                    found.update(connection.scalars(select(DocumentRecord.id).where(DocumentRecord.id.in_(chunk))))
        except SQLAlchemyError as exc:
            raise _store_error("documents", exc) from None
        return found

    # -- writing ---------------------------------------------------------------

    def add_many(self, items: Sequence[tuple[Document, Extraction]], *, actor: str | None = None) -> BulkOutcome:
        """Store documents with their figures and events, one transaction for the lot.

        With `actor`, the same transaction appends a "document.ingest" audit entry
        for each document it stores, as `Store.add` does for one: a document never
        exists without the record of who added it.

        A document whose extraction does not fit it (a span off its text, a
        figure of another document) is rejected before anything is written; if
        the database refuses the batch, each document is tried in its own
        transaction so only the guilty ones are rejected.
        """
        rows: list[_DocumentRows] = []
        rejected: list[Rejected] = []
        seen: set[str] = set()
        for document, extraction in items:
            if document.id in seen:
                continue  # the same bytes twice in one batch: one document
            seen.add(document.id)
            try:
                rows.append(_rows(document, extraction))
            except VigilError as exc:
                rejected.append(Rejected(document.source or document.id, exc.reason))
        try:
            stored, figures, events = self._write(rows, actor)
        except _REFUSALS:
            return self._one_by_one(rows, rejected, actor)
        except SQLAlchemyError as exc:
            raise _store_error(rows[0].source, exc) from None
        known = tuple(r.id for r in rows if r.id not in stored)
        return BulkOutcome(tuple(r.id for r in rows if r.id in stored), known, tuple(rejected), figures, events)

    def record_failures(self, failures: Sequence[Rejected]) -> int:
        """Add inputs to the quarantine list, skipping any (source, reason) it already holds.

        A resumed batch reads again the partitions it had not checkpointed, and
        finds their bad documents again: listing them twice would make the
        quarantine list lie about how many inputs failed. Returns how many were added.
        """
        if not failures:
            return 0
        unique = list(dict.fromkeys((f.source, f.reason) for f in failures))
        try:
            with self._writer.begin() as connection:
                present: set[tuple[str, str]] = set()
                sources = sorted({source for source, _ in unique})
                for start in range(0, len(sources), ID_QUERY_CHUNK):
                    chunk = sources[start : start + ID_QUERY_CHUNK]
                    statement = select(FailureRecord.source, FailureRecord.reason).where(
                        FailureRecord.source.in_(chunk)
                    )
                    present.update((source, reason) for source, reason in connection.execute(statement))
                new = [
                    {"source": source, "reason": reason, "at": utc_now()}
                    for source, reason in unique
                    if (source, reason) not in present
                ]
                if new:
                    connection.execute(_table(FailureRecord).insert(), new)
        except SQLAlchemyError as exc:
            raise _store_error("failures", exc) from None
        return len(new)

    # -- inside ----------------------------------------------------------------

    def _write(self, rows: Sequence[_DocumentRows], actor: str | None) -> tuple[set[str], int, int]:
        """Insert the batch in one transaction; the ids this transaction inserted, figure and event counts."""
        if not rows:
            return set(), 0, 0
        documents = _table(DocumentRecord)
        with self._writer.begin() as connection:
            statement = self._insert(documents).returning(documents.c.id)
            stored = set(connection.scalars(statement, [r.document for r in rows]))
            figures = [f for r in rows if r.id in stored for f in r.figures]
            events = [e for r in rows if r.id in stored for e in r.events]
            self._insert_rows(connection, _table(FigureRecord), figures)
            self._insert_rows(connection, _table(EventRecord), events)
            if actor is not None:
                # Last, so the audit log's lock is held only from here to the commit.
                audit.append_many(connection, [_ingest_entry(r, actor) for r in rows if r.id in stored])
        return stored, len(figures), len(events)

    def _insert_rows(self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert the figure or event rows of documents this transaction has just inserted; COPY on PostgreSQL.

        No `ON CONFLICT` is needed: an item's id hashes its document's id, and only
        documents this very transaction inserted get their items written (a racing
        writer of the same document waits on its primary key, then inserts nothing),
        so no other row can hold these ids. Should one anyway, COPY fails, the batch
        is refused and retried one document at a time, like any refused batch.
        A batch holds thousands of rows: COPY sends them in a few round trips where
        executemany sends a statement each (bench/RESULTS.md, batch).
        """
        if not rows:
            return
        if self.dialect != "postgresql":
            connection.execute(self._insert(table), rows)
            return
        columns = list(rows[0])
        binds = [table.c[name].type.bind_processor(connection.dialect) for name in columns]
        names = ", ".join(f'"{name}"' for name in columns)
        statement = f"COPY {table.name} ({names}) FROM STDIN"
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row([bind(row[name]) if bind else row[name] for name, bind in zip(columns, binds)])
        except psycopg.Error as exc:
            # The driver's own cursor raises the driver's errors: give them SQLAlchemy's
            # classes, as every other statement here does, so a row the database refuses
            # (IntegrityError, DataError) rejects its document, not the whole partition.
            raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc
        finally:
            cursor.close()

    def _one_by_one(self, rows: Sequence[_DocumentRows], rejected: list[Rejected], actor: str | None) -> BulkOutcome:
        stored: list[str] = []
        known: list[str] = []
        figures = events = 0
        for row in rows:
            try:
                inserted, row_figures, row_events = self._write([row], actor)
            except _REFUSALS as exc:
                rejected.append(Rejected(row.source, f"the database refused the document: {_reason(exc)}"))
                continue
            except SQLAlchemyError as exc:
                raise _store_error(row.source, exc) from None
            (stored if row.id in inserted else known).append(row.id)
            figures += row_figures
            events += row_events
        return BulkOutcome(tuple(stored), tuple(known), tuple(rejected), figures, events)

    def _insert(self, table: Table) -> Insert:
        """`INSERT … ON CONFLICT (id) DO NOTHING` in this database's dialect."""
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])
        raise StoreError(self.url, f"bulk writes support PostgreSQL and SQLite, not {self.dialect}")


@dataclass(frozen=True, slots=True)
class _DocumentRows:
    """One document's rows as column → value mappings, ready for a multi-row insert."""

    id: str
    source: str
    document: dict[str, Any]
    figures: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    ingested: dict[str, Any]  # the "document.ingest" audit entry's `after` (`audit.ingest_details`)


def _ingest_entry(rows: _DocumentRows, actor: str) -> audit.NewEntry:
    return audit.NewEntry(actor, "document.ingest", f"document:{rows.id}", rows.id, after=rows.ingested)


def _rows(document: Document, extraction: Extraction) -> _DocumentRows:
    """The document's rows, checked exactly as `Store.add` checks them, as plain column values.

    The checks and the values are `Store.add`'s (`store._records`, `convert`),
    built straight from the model rather than through ORM objects, which cost a
    fifth of a worker's time on figure-dense documents. Tests hold the two equal.
    An item's id is a hash of its content (`Figure.id`): computed once here and
    handed on, not once per use.
    """
    ids = _check(document, extraction)
    now = utc_now()
    figures: dict[str, dict[str, Any]] = {}
    events: dict[str, dict[str, Any]] = {}
    for figure, figure_id in zip(extraction.figures, ids):
        if figure_id not in figures:
            figures[figure_id] = figure_values(figure, now, figure_id=figure_id)
    for event, event_id in zip(extraction.events, ids[len(extraction.figures) :]):
        if event_id not in events:
            events[event_id] = event_values(event, now, event_id=event_id)
    return _DocumentRows(
        document.id,
        document.source or document.id,
        document_values(document, now),
        tuple(figures.values()),
        tuple(events.values()),
        audit.ingest_details(document, extraction),
    )


def _check(document: Document, extraction: Extraction) -> list[str]:
    """Raise SpanError / StoreError where `Store.add` would (`store._records`), without making ORM objects.

    Returns the ids of the extraction's figures, then its events, in order.
    """
    seen: dict[str, Figure | Event] = {}
    ids: list[str] = []
    items: list[Figure | Event] = [*extraction.figures, *extraction.events]
    for item in items:
        kind = "figure" if isinstance(item, Figure) else "event"
        if item.document != document.id:
            raise StoreError(document.id, f"a {kind} at {item.span.start}-{item.span.end} belongs to {item.document}")
        if item.span.end > len(document.text) or document.text[item.span.start : item.span.end] != item.quote:
            raise SpanError(
                document.id, f"the {kind} quote does not match the text at [{item.span.start}, {item.span.end}]"
            )
        item_id = item.id
        ids.append(item_id)
        previous = seen.setdefault(item_id, item)
        if previous is not item and previous != item:
            raise StoreError(document.id, f"two different {kind}s share the id {item_id}")
        if isinstance(item, Figure):
            try:
                stored_value(item.value)
            except ValueError as exc:
                raise StoreError(document.id, str(exc)) from None
    return ids


def document_values(document: Document, now: datetime) -> dict[str, Any]:
    """A document's row, as `convert.document_record` makes it."""
    return {
        "id": document.id,
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher,
        "published": document.published,
        "language": document.language,
        "retrieved_at": document.retrieved_at,
        "confidentiality": str(document.confidentiality),
        "source": document.source,
        "media_type": document.media_type,
        "archive_path": document.archive_path,
        "text": document.text,
        "stored_at": now,
    }


def figure_values(
    figure: Figure, now: datetime, status: ReviewStatus = ReviewStatus.EXTRACTED, *, figure_id: str | None = None
) -> dict[str, Any]:
    """A figure's row, as `convert.figure_record` makes it; `figure_id` is `figure.id` when the caller has it."""
    return {
        "id": figure_id or figure.id,
        "document_id": figure.document,
        "span_start": figure.span.start,
        "span_end": figure.span.end,
        "quote": figure.quote,
        "indicator": str(figure.indicator),
        "value": stored_value(figure.value),
        "value_is_int": isinstance(figure.value, int),
        "qualifier": str(figure.qualifier),
        "unit": figure.unit,
        "country": figure.country,
        "place": figure.place,
        "when_": figure.when,
        "counted": figure.counted,
        "attributed_to": figure.attributed_to,
        "status": str(status),
        "version": _FIRST_VERSION,
        "created_at": now,
    }


def event_values(
    event: Event, now: datetime, status: ReviewStatus = ReviewStatus.EXTRACTED, *, event_id: str | None = None
) -> dict[str, Any]:
    """An event's row, as `convert.event_record` makes it; `event_id` is `event.id` when the caller has it."""
    return {
        "id": event_id or event.id,
        "document_id": event.document,
        "span_start": event.span.start,
        "span_end": event.span.end,
        "quote": event.quote,
        "event_type": str(event.event_type),
        "subtype": event.subtype,
        "date": event.date,
        "due": event.due,
        "country": event.country,
        "place": event.place,
        "actors": tuple(event.actors),
        "summary": event.summary,
        "attributed_to": event.attributed_to,
        "status": str(status),
        "version": _FIRST_VERSION,
        "created_at": now,
    }


def _table(record_class: type[DeclarativeBase]) -> Table:
    table = record_class.__table__
    assert isinstance(table, Table)
    return table


def _store_error(about: str, exc: SQLAlchemyError) -> StoreError:
    return StoreError(about, f"the database refused: {_reason(exc)}")
