"""The audit log: append-only and hash-chained, so history can be trusted.

Every entry stores the sha256 of the entry before it (`prev_hash`) and its own
hash over its sequence number, time, actor, action, target, before, after and
reason. Rewriting one row by hand breaks its hash; deleting one breaks the next
row's link; `verify_chain` walks the log and names the first entry that does
not fit. The database refuses UPDATE and DELETE on the table itself (triggers,
migration 0002), and this module offers no way to do either.

Appends are serialised — BEGIN IMMEDIATE on SQLite, an advisory transaction lock
on PostgreSQL — so two writers can never both extend the chain from the same
entry and fork it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Table, or_, select, text
from sqlalchemy.orm import Session

from vigil.model import Document, Extraction
from vigil.store.store import Store
from vigil.store.tables import AuditRecord, DocumentRecord
from vigil.store.types import utc_now

__all__ = [
    "AUDIT_LOCK_KEY",
    "GENESIS",
    "AuditEntry",
    "ChainReport",
    "NewEntry",
    "append",
    "append_entry",
    "append_many",
    "canonical_json",
    "entries",
    "entry_hash",
    "ingest_details",
    "lock",
    "verify_chain",
]

# The prev_hash of the first entry: a chain must start somewhere known.
GENESIS = "0" * 64

# PostgreSQL advisory lock key for appends ("vaud"); distinct from the migration lock.
AUDIT_LOCK_KEY = 0x76617564


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit entry as read back: who did what to which thing, when (UTC), and why."""

    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    document_id: str | None
    before: Any
    after: Any
    reason: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of walking the chain: ok, how many entries, and the first that breaks it."""

    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to append: who did what to which thing (and on which document), and why."""

    actor: str
    action: str
    target: str
    document_id: str | None = None
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    reason: str | None = None


def canonical_json(value: Any) -> str | None:
    """The one JSON spelling of a value that the hash covers (sorted keys, no spaces)."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _timestamp(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def entry_hash(
    *,
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    target: str,
    document_id: str | None,
    before: str | None,
    after: str | None,
    reason: str | None,
) -> str:
    """The sha256 of an entry's fields and its predecessor's hash, as stored (JSON text)."""
    payload = json.dumps(
        [prev_hash, seq, _timestamp(at), actor, action, target, document_id, before, after, reason],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def lock(session: Session | Connection) -> None:
    """Serialise audit appends on PostgreSQL (SQLite writers already hold the write lock)."""
    bind = session if isinstance(session, Connection) else session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})


def _chained(session: Session | Connection, new: Iterable[NewEntry]) -> list[dict[str, Any]]:
    """The entries as rows continuing the chain: locked, then each hashed over its predecessor."""
    lock(session)
    last = session.execute(select(AuditRecord.seq, AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)).first()
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    at = utc_now()
    rows: list[dict[str, Any]] = []
    for entry in new:
        before, after = canonical_json(entry.before), canonical_json(entry.after)
        fields: dict[str, Any] = {
            "seq": seq, "at": at, "actor": entry.actor, "action": entry.action, "target": entry.target,
            "document_id": entry.document_id, "before": before, "after": after, "reason": entry.reason,
        }
        digest = entry_hash(prev_hash=prev, **fields)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        seq, prev = seq + 1, digest
    return rows


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    target: str,
    document_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> AuditRecord:
    """Add one entry inside the caller's write transaction, so it commits with the change it records."""
    (row,) = _chained(session, [NewEntry(actor, action, target, document_id, before, after, reason)])
    record = AuditRecord(**row)
    session.add(record)
    session.flush()
    return record


def append_many(connection: Connection, new: Collection[NewEntry]) -> int:
    """Append entries, in order, inside the caller's transaction on a Core connection (bulk writes).

    The same chain as `append`, with one look-up of the chain's end and one insert
    for the lot, so a batch of documents costs one round trip, not one per entry.
    On SQLite the caller's transaction must hold the write lock (BEGIN IMMEDIATE),
    as the bulk writer's does.
    """
    if not new:
        return 0
    table = AuditRecord.__table__
    assert isinstance(table, Table)
    connection.execute(table.insert(), _chained(connection, new))
    return len(new)


def ingest_details(document: Document, extraction: Extraction) -> dict[str, Any]:
    """The `after` of a "document.ingest" entry: what was added, as `Store.add` and bulk writes both record it."""
    return {
        "title": document.title, "source": document.source, "figures": len(extraction.figures),
        "events": len(extraction.events), "confidentiality": str(document.confidentiality),
    }


def append_entry(
    store: Store,
    *,
    actor: str,
    action: str,
    target: str,
    document_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """Append one entry in a transaction of its own (logins, failed logins, exports)."""
    with store._write(target) as session:
        record = append(
            session, actor=actor, action=action, target=target, document_id=document_id,
            before=before, after=after, reason=reason,
        )
        return _entry(record)


def _entry(record: AuditRecord) -> AuditEntry:
    return AuditEntry(
        seq=record.seq,
        at=record.at,
        actor=record.actor,
        action=record.action,
        target=record.target,
        document_id=record.document_id,
        before=json.loads(record.before) if record.before is not None else None,
        after=json.loads(record.after) if record.after is not None else None,
        reason=record.reason,
        prev_hash=record.prev_hash,
        hash=record.hash,
    )


def entries(
    store: Store,
    *,
    levels: Collection[str],
    since: datetime | None = None,
    target: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[AuditEntry]:
    """Audit entries the given confidentiality levels may see, oldest first unless asked otherwise.

    An entry about a document (or something drawn from one) is shown only when
    that document's level is in `levels`; entries about no document (users,
    logins) are shown to whoever may read the log at all.
    """
    visible = select(DocumentRecord.id).where(DocumentRecord.confidentiality.in_(list(levels)))
    order = AuditRecord.seq.desc() if newest_first else AuditRecord.seq
    statement = (
        select(AuditRecord)
        .where(or_(AuditRecord.document_id.is_(None), AuditRecord.document_id.in_(visible)))
        .order_by(order)
    )
    if since is not None:
        statement = statement.where(AuditRecord.at >= since)
    if target is not None:
        statement = statement.where(AuditRecord.target == target)
    if limit is not None:
        statement = statement.limit(limit)
    with store._read("audit") as session:
        return [_entry(record) for record in session.scalars(statement)]


# Entries are checked in pages of this many, so a long log never sits in memory whole.
_VERIFY_PAGE = 1000


def verify_chain(store: Store) -> ChainReport:
    """Walk the whole log in order and report the first entry whose hash or link does not fit."""
    checked, prev, expected_seq = 0, GENESIS, 1
    with store._read("audit") as session:
        while True:
            page = list(
                session.scalars(
                    select(AuditRecord).where(AuditRecord.seq >= expected_seq).order_by(AuditRecord.seq).limit(_VERIFY_PAGE)
                )
            )
            if not page:
                return ChainReport(ok=True, checked=checked)
            for record in page:
                if record.seq != expected_seq:
                    return ChainReport(False, checked, record.seq, f"entry {expected_seq} is missing")
                if record.prev_hash != prev:
                    return ChainReport(False, checked, record.seq, "its link to the previous entry does not match")
                recomputed = entry_hash(
                    prev_hash=record.prev_hash, seq=record.seq, at=record.at, actor=record.actor,
                    action=record.action, target=record.target, document_id=record.document_id,
                    before=record.before, after=record.after, reason=record.reason,
                )
                if recomputed != record.hash:
                    return ChainReport(False, checked, record.seq, "its content does not match its hash")
                checked += 1
                prev, expected_seq = record.hash, record.seq + 1
