"""Users, their sessions and failed logins, as the store keeps them.

The store holds no policy: `vigil.review.accounts` decides who may log in, how
passwords are hashed and when a name is locked out. Here are only the rows and
the transactions, each change to a user written together with its audit entry.
No function returns a password hash except `credentials`, which login needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from vigil.errors import Conflict, NotFound, StoreError
from vigil.store import audit
from vigil.store.store import Store
from vigil.store.tables import LoginFailureRecord, SessionRecord, UserRecord
from vigil.store.types import utc_now

__all__ = [
    "SessionRow",
    "UserRow",
    "clear_login_failures",
    "count_login_failures",
    "create_session",
    "create_user",
    "credentials",
    "delete_session",
    "get_user",
    "list_users",
    "record_login_failure",
    "session_user",
    "update_user",
]


@dataclass(frozen=True, slots=True)
class UserRow:
    """A user as the rest of vigil sees one: never with the password hash."""

    id: str
    name: str
    role: str
    active: bool
    must_change_password: bool
    created_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A live session: whose it is, its CSRF token, when it ends."""

    user: UserRow
    csrf_token: str
    expires_at: datetime


def _row(record: UserRecord) -> UserRow:
    return UserRow(
        id=record.id,
        name=record.name,
        role=record.role,
        active=record.active,
        must_change_password=record.must_change_password,
        created_at=record.created_at,
        version=record.version,
    )


def _public(record: UserRecord) -> dict[str, object]:
    """What the audit log may say about a user: never the hash."""
    return {"name": record.name, "role": record.role, "active": record.active}


def create_user(
    store: Store, *, user_id: str, name: str, role: str, password_hash: str, must_change_password: bool, actor: str
) -> UserRow:
    """Add a user (StoreError when the name is taken), with its audit entry."""
    try:
        with store._write(name) as session:
            if session.scalar(select(UserRecord.id).where(UserRecord.name == name)) is not None:
                raise StoreError(name, "a user of that name already exists")
            record = UserRecord(
                id=user_id, name=name, role=role, password_hash=password_hash,
                must_change_password=must_change_password, active=True,
            )
            session.add(record)
            session.flush()
            audit.append(session, actor=actor, action="user.create", target=f"user:{name}", after=_public(record))
            return _row(record)
    except IntegrityError:
        raise StoreError(name, "a user of that name already exists") from None


def credentials(store: Store, name: str) -> tuple[UserRow, str] | None:
    """The user of that name and their password hash, or None."""
    with store._read(name) as session:
        record = session.scalar(select(UserRecord).where(UserRecord.name == name))
        return None if record is None else (_row(record), record.password_hash)


def get_user(store: Store, user_id: str) -> UserRow:
    """The user with this id (NotFound otherwise)."""
    with store._read(user_id) as session:
        record = session.get(UserRecord, user_id)
        if record is None:
            raise NotFound(user_id, "no such user")
        return _row(record)


def list_users(store: Store) -> list[UserRow]:
    """Every user, by name."""
    with store._read("users") as session:
        return [_row(r) for r in session.scalars(select(UserRecord).order_by(UserRecord.name))]


def update_user(
    store: Store,
    user_id: str,
    *,
    actor: str,
    action: str,
    expected_version: int | None = None,
    role: str | None = None,
    active: bool | None = None,
    password_hash: str | None = None,
    must_change_password: bool | None = None,
    reason: str | None = None,
    end_sessions: bool = False,
) -> UserRow:
    """Change a user's role, state or password in one transaction with its audit entry.

    `end_sessions` logs the user out everywhere (after a password change, a
    deactivation or a role change, so old rights do not linger in a browser).
    """
    with store._write(user_id) as session:
        audit.lock(session)
        record = session.get(UserRecord, user_id)
        if record is None:
            raise NotFound(user_id, "no such user")
        if expected_version is not None and record.version != expected_version:
            raise Conflict(record.name, "this user was changed by someone else; reload and try again")
        before = _public(record)
        if role is not None:
            record.role = role
        if active is not None:
            record.active = active
        if password_hash is not None:
            record.password_hash = password_hash
        if must_change_password is not None:
            record.must_change_password = must_change_password
        session.flush()
        after = _public(record)
        if password_hash is not None:
            after = {**after, "password": "changed"}  # that it changed, never what to
        if end_sessions:
            session.execute(delete(SessionRecord).where(SessionRecord.user_id == user_id))
        audit.append(
            session, actor=actor, action=action, target=f"user:{record.name}", before=before, after=after, reason=reason
        )
        return _row(record)


def create_session(
    store: Store, *, user_id: str, token_hash: str, csrf_token: str, expires_at: datetime, replaces: str | None
) -> None:
    """Store a new session, deleting the one it replaces (rotation at login)."""
    with store._write("session") as session:
        if replaces is not None:
            session.execute(delete(SessionRecord).where(SessionRecord.token_hash == replaces))
        # Expired sessions are swept here rather than by a scheduler: logins are rare enough.
        session.execute(delete(SessionRecord).where(SessionRecord.expires_at < utc_now()))
        session.add(SessionRecord(token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, expires_at=expires_at))


def session_user(store: Store, token_hash: str) -> SessionRow | None:
    """The live session with this token hash and its active user, or None."""
    with store._read("session") as session:
        found = session.execute(
            select(SessionRecord, UserRecord)
            .join(UserRecord, SessionRecord.user_id == UserRecord.id)
            .where(SessionRecord.token_hash == token_hash)
        ).first()
        if found is None:
            return None
        record, user = found
        if record.expires_at <= utc_now() or not user.active:
            return None
        return SessionRow(user=_row(user), csrf_token=record.csrf_token, expires_at=record.expires_at)


def delete_session(store: Store, token_hash: str) -> None:
    """End a session (logout): its cookie opens nothing afterwards."""
    with store._write("session") as session:
        session.execute(delete(SessionRecord).where(SessionRecord.token_hash == token_hash))


def record_login_failure(store: Store, keys: list[str]) -> None:
    """Count one failed login against each key (hashed name, hashed client)."""
    with store._write("login") as session:
        session.add_all([LoginFailureRecord(key=key) for key in keys])


def count_login_failures(store: Store, key: str, since: datetime) -> int:
    """How many failed logins this key has had since then."""
    with store._read("login") as session:
        return int(
            session.scalar(
                select(func.count()).select_from(LoginFailureRecord)
                .where(LoginFailureRecord.key == key, LoginFailureRecord.at >= since)
            )
            or 0
        )


def clear_login_failures(store: Store, key: str) -> None:
    """Forget a key's failures (after a successful login)."""
    with store._write("login") as session:
        session.execute(delete(LoginFailureRecord).where(LoginFailureRecord.key == key))
