"""Users, passwords, logins and sessions.

- Passwords are hashed with argon2id (argon2-cffi's defaults, about 130 ms here);
  tests lower the cost with `use_hasher`, production never does.
- `add_user` makes a random one-time password: the user must choose their own
  at first login. There is no default account and no default password.
- `login` gives the same `AuthError` for an unknown name, a wrong password, a
  disabled account and a locked-out name, and spends the same argon2 time on
  each, so neither the answer nor its timing says which names exist.
- Sessions are random 256-bit tokens; the store keeps only their sha256, so a
  copy of the database opens no session. A login always makes a new session
  (rotation) and drops the one the browser had; logout deletes it.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from vigil.errors import AuthError, ReviewError
from vigil.review.roles import Permission, Role, require
from vigil.store import Store
from vigil.store import audit as audit_store
from vigil.store import users as user_store
from vigil.store.types import utc_now
from vigil.store.users import UserRow

__all__ = [
    "LOCKOUT_FAILURES",
    "LOCKOUT_WINDOW",
    "LOGIN_REFUSED",
    "MIN_PASSWORD_LENGTH",
    "SESSION_LIFETIME",
    "Session",
    "add_user",
    "change_password",
    "current_session",
    "login",
    "logout",
    "normalise_name",
    "set_active",
    "set_role",
    "use_hasher",
]

# Five wrong passwords for one name within fifteen minutes lock that name for the
# rest of the window: enough for typos, far too few to guess a password.
LOCKOUT_FAILURES = 5
# One client may fail this often across all names in the window (spraying one password over many names).
CLIENT_FAILURES = 30
LOCKOUT_WINDOW = timedelta(minutes=15)
# A working day and some: a session left open overnight has to log in again.
SESSION_LIFETIME = timedelta(hours=12)
# NIST SP 800-63B's floor for user-chosen passwords.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 accepts more; nobody types more, and it bounds the work per attempt
MAX_NAME_LENGTH = 64
# One-time passwords: 18 random bytes, 24 URL-safe characters (144 bits).
ONE_TIME_PASSWORD_BYTES = 18

LOGIN_REFUSED = "Login failed: wrong name or password, or too many attempts. Wait a few minutes and try again."

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def use_hasher(hasher: PasswordHasher) -> None:
    """Replace the password hasher (tests use a cheap one; never lower the cost in production)."""
    global _hasher, _dummy_hash
    _hasher, _dummy_hash = hasher, None


def _dummy() -> str:
    """A hash to verify against when the name is unknown, so that case takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hash


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode("utf-8")).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_name(name: str) -> str:
    """A user name as stored and compared: NFKC, trimmed, lower case."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _check_name(name: str) -> str:
    clean = normalise_name(name)
    if not clean or len(clean) > MAX_NAME_LENGTH or not all(ch.isalnum() or ch in "._-@" for ch in clean):
        raise ReviewError(name, f"a user name is 1 to {MAX_NAME_LENGTH} letters, digits or . _ - @")
    return clean


def _check_password(password: str, name: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ReviewError(name, f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ReviewError(name, f"a password may not exceed {MAX_PASSWORD_LENGTH} characters")


def add_user(
    store: Store, name: str, role: Role | str, *, actor: str, password: str | None = None
) -> tuple[UserRow, str]:
    """Create a user; returns the user and the password, a one-time one when none is given.

    With a generated password the user must change it at first login.
    `actor` is who did it ("cli" for `vigil user add`).
    """
    clean = _check_name(name)
    role = Role(role)
    one_time = password is None
    secret = secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES) if password is None else password
    _check_password(secret, clean)
    user = user_store.create_user(
        store, user_id="usr_" + secrets.token_hex(12), name=clean, role=str(role),
        password_hash=_hasher.hash(secret), must_change_password=one_time, actor=actor,
    )
    return user, secret


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in user: the cookie token (to hand to the browser once), the CSRF token, the user."""

    token: str
    csrf_token: str
    user: UserRow


def login(store: Store, name: str, password: str, *, client: str = "", replaces: str | None = None) -> Session:
    """Check a name and password and open a new session, or raise AuthError(LOGIN_REFUSED).

    `client` (an address) is rate-limited as well as the name. `replaces` is
    the token of the session the browser had, which is ended (rotation).
    """
    clean = normalise_name(name)[: MAX_NAME_LENGTH * 4]
    name_key, client_key = _key("name", clean), _key("client", client)
    since = utc_now() - LOCKOUT_WINDOW
    locked = (
        user_store.count_login_failures(store, name_key, since) >= LOCKOUT_FAILURES
        or (bool(client) and user_store.count_login_failures(store, client_key, since) >= CLIENT_FAILURES)
    )
    found = user_store.credentials(store, clean)
    password = password[:MAX_PASSWORD_LENGTH]
    verified = False
    try:
        verified = _hasher.verify(found[1] if found else _dummy(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        verified = False
    if locked or found is None or not verified or not found[0].active:
        user_store.record_login_failure(store, [name_key] + ([client_key] if client else []))
        audit_store.append_entry(
            store, actor=clean if found else "anonymous", action="login.failed",
            target=f"user:{clean}" if found else "user:?",
            reason="locked out" if locked else None,
        )
        raise AuthError(clean, LOGIN_REFUSED)
    user = found[0]
    if _hasher.check_needs_rehash(found[1]):
        user = user_store.update_user(store, user.id, actor=user.name, action="user.rehash", password_hash=_hasher.hash(password))
    user_store.clear_login_failures(store, name_key)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    user_store.create_session(
        store, user_id=user.id, token_hash=_token_hash(token), csrf_token=csrf,
        expires_at=utc_now() + SESSION_LIFETIME, replaces=_token_hash(replaces) if replaces else None,
    )
    audit_store.append_entry(store, actor=user.name, action="login", target=f"user:{user.name}")
    return Session(token=token, csrf_token=csrf, user=user)


def current_session(store: Store, token: str | None) -> Session | None:
    """The live session this cookie token opens, or None (expired, logged out, user disabled)."""
    if not token:
        return None
    found = user_store.session_user(store, _token_hash(token))
    if found is None:
        return None
    return Session(token=token, csrf_token=found.csrf_token, user=found.user)


def logout(store: Store, token: str, *, actor: str) -> None:
    """End the session: the cookie opens nothing afterwards."""
    user_store.delete_session(store, _token_hash(token))
    audit_store.append_entry(store, actor=actor, action="logout", target=f"user:{actor}")


def change_password(store: Store, user: UserRow, current: str, new: str, *, keep: str | None = None) -> Session | None:
    """Change one's own password (checking the current one); every other session of the user ends.

    Returns a fresh session when `keep` (the caller's token) is given, so the
    browser that changed the password stays logged in with a new cookie.
    """
    found = user_store.credentials(store, user.name)
    try:
        ok = found is not None and _hasher.verify(found[1], current[:MAX_PASSWORD_LENGTH])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        raise ReviewError(user.name, "the current password is not right")
    if new == current:
        raise ReviewError(user.name, "choose a password different from the current one")
    _check_password(new, user.name)
    updated = user_store.update_user(
        store, user.id, actor=user.name, action="user.password", password_hash=_hasher.hash(new),
        must_change_password=False, end_sessions=True,
    )
    if keep is None:
        return None
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    user_store.create_session(
        store, user_id=updated.id, token_hash=_token_hash(token), csrf_token=csrf,
        expires_at=utc_now() + SESSION_LIFETIME, replaces=None,
    )
    return Session(token=token, csrf_token=csrf, user=updated)


def set_role(store: Store, admin: UserRow, user_id: str, role: Role | str, *, reason: str | None = None) -> UserRow:
    """Give a user another role (admins only); their sessions end so the old rights do not linger."""
    require(admin.role, Permission.MANAGE_USERS, user_id)
    return user_store.update_user(
        store, user_id, actor=admin.name, action="user.role", role=str(Role(role)), reason=reason, end_sessions=True
    )


def set_active(store: Store, admin: UserRow, user_id: str, active: bool, *, reason: str | None = None) -> UserRow:
    """Disable or re-enable a user (admins only); disabling ends their sessions. Users are never deleted."""
    require(admin.role, Permission.MANAGE_USERS, user_id)
    if user_id == admin.id and not active:
        raise ReviewError(admin.name, "you cannot disable your own account")
    return user_store.update_user(
        store, user_id, actor=admin.name, action="user.enable" if active else "user.disable",
        active=active, reason=reason, end_sessions=not active,
    )
