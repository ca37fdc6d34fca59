"""Reading and checking the audit log: the history of one item, the whole log, the chain.

Writing happens only inside the store transactions that make each change
(`vigil.store.audit.append`); here the log is read through a role's eyes and
its hash chain is verified.
"""

from __future__ import annotations

from datetime import datetime

from vigil.review.roles import Permission, require, visible_levels
from vigil.store import Store
from vigil.store import audit as audit_store
from vigil.store import reviews as review_store
from vigil.store.audit import AuditEntry, ChainReport
from vigil.store.users import UserRow

__all__ = ["AuditEntry", "ChainReport", "event_history", "figure_history", "log", "record_action", "verify"]


def record_action(store: Store, *, actor: str, action: str, target: str, details: dict[str, object] | None = None) -> AuditEntry:
    """Append one entry for an act that changes no row but must be on record: a publish, an export."""
    return audit_store.append_entry(store, actor=actor, action=action, target=target, after=details)


def verify(store: Store) -> ChainReport:
    """Walk the hash chain; `ok` is False, with the first bad entry named, when a row was altered or removed."""
    return audit_store.verify_chain(store)


def figure_history(store: Store, user: UserRow, figure_id: str) -> list[AuditEntry]:
    """Every audit entry about a figure the user may see, oldest first (NotFound when it is hidden)."""
    require(user.role, Permission.READ, figure_id)
    levels = visible_levels(user.role)
    review_store.get_figure(store, figure_id, levels)
    return audit_store.entries(store, levels=levels, target=f"figure:{figure_id}")


def event_history(store: Store, user: UserRow, event_id: str) -> list[AuditEntry]:
    """Every audit entry about an event the user may see, oldest first."""
    require(user.role, Permission.READ, event_id)
    levels = visible_levels(user.role)
    review_store.get_event(store, event_id, levels)
    return audit_store.entries(store, levels=levels, target=f"event:{event_id}")


def log(store: Store, user: UserRow | None, *, since: datetime | None = None, limit: int | None = None) -> list[AuditEntry]:
    """The audit log, newest first, for a user who may read it; `user=None` is the command line (everything)."""
    if user is None:
        levels = frozenset({"public", "restricted", "confidential"})
        return audit_store.entries(store, levels=levels, since=since, limit=limit)
    require(user.role, Permission.READ_AUDIT, "audit")
    return audit_store.entries(store, levels=visible_levels(user.role), since=since, limit=limit, newest_first=True)
