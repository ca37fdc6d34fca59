"""Users, logins and sessions: one-time passwords, the same refusal for every failure, lockout, rotation."""

from __future__ import annotations

import pytest

from review_samples import PASSWORD
from vigil.errors import AccessDenied, AuthError, ReviewError, StoreError
from vigil.review import accounts
from vigil.store import Store
from vigil.store import users as user_store
from vigil.store.users import UserRow


def test_a_new_user_gets_a_one_time_password(store: Store) -> None:
    user, secret = accounts.add_user(store, "  Dilnoza ", "analyst", actor="cli")
    assert user.name == "dilnoza" and user.must_change_password
    assert len(secret) >= accounts.MIN_PASSWORD_LENGTH
    _, stored_hash = user_store.credentials(store, "dilnoza")  # type: ignore[misc]
    assert stored_hash.startswith("$argon2id$") and secret not in stored_hash
    session = accounts.login(store, "DILNOZA", secret)
    assert session.user.must_change_password
    accounts.change_password(store, session.user, secret, "my own long passphrase")
    assert accounts.current_session(store, session.token) is None  # every session ends on a password change
    assert not accounts.login(store, "dilnoza", "my own long passphrase").user.must_change_password


@pytest.mark.parametrize(
    ("name", "role", "password", "error"),
    [
        ("", "analyst", None, ReviewError),
        ("a b", "analyst", None, ReviewError),
        ("x" * 65, "analyst", None, ReviewError),
        ("ok", "analyst", "short", ReviewError),
        ("ok", "superuser", None, ValueError),
    ],
)
def test_bad_users_are_refused(store: Store, name: str, role: str, password: str | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        accounts.add_user(store, name, role, actor="cli", password=password)


def test_names_are_unique(store: Store, users: dict[str, UserRow]) -> None:
    with pytest.raises(StoreError, match="already exists"):
        accounts.add_user(store, "Analyst", "viewer", actor="cli")


def test_unknown_name_and_wrong_password_get_the_same_answer(store: Store, users: dict[str, UserRow]) -> None:
    with pytest.raises(AuthError) as unknown:
        accounts.login(store, "nobody", PASSWORD)
    with pytest.raises(AuthError) as wrong:
        accounts.login(store, "analyst", "not the password at all")
    assert unknown.value.reason == wrong.value.reason == accounts.LOGIN_REFUSED


def test_repeated_failures_lock_the_name(store: Store, users: dict[str, UserRow]) -> None:
    for _ in range(accounts.LOCKOUT_FAILURES):
        with pytest.raises(AuthError):
            accounts.login(store, "editor", "guess guess guess")
    with pytest.raises(AuthError) as locked:
        accounts.login(store, "editor", PASSWORD)  # the right password, but locked for the window
    assert locked.value.reason == accounts.LOGIN_REFUSED
    assert accounts.login(store, "viewer", PASSWORD)  # other names are not affected


def test_a_client_spraying_many_names_is_locked(store: Store, users: dict[str, UserRow]) -> None:
    for n in range(accounts.CLIENT_FAILURES):
        with pytest.raises(AuthError):
            accounts.login(store, f"name{n}", "password123456", client="203.0.113.9")
    with pytest.raises(AuthError):
        accounts.login(store, "analyst", PASSWORD, client="203.0.113.9")
    assert accounts.login(store, "analyst", PASSWORD, client="198.51.100.4")


def test_login_rotates_and_logout_ends_the_session(store: Store, users: dict[str, UserRow]) -> None:
    first = accounts.login(store, "analyst", PASSWORD)
    second = accounts.login(store, "analyst", PASSWORD, replaces=first.token)
    assert second.token != first.token and second.csrf_token != first.csrf_token
    assert accounts.current_session(store, first.token) is None
    assert accounts.current_session(store, second.token) is not None
    accounts.logout(store, second.token, actor="analyst")
    assert accounts.current_session(store, second.token) is None
    assert accounts.current_session(store, "made-up") is None and accounts.current_session(store, None) is None


def test_admins_change_roles_and_disable_users(store: Store, users: dict[str, UserRow]) -> None:
    session = accounts.login(store, "viewer", PASSWORD)
    with pytest.raises(AccessDenied):
        accounts.set_role(store, users["editor"], users["viewer"].id, "admin")
    promoted = accounts.set_role(store, users["admin"], users["viewer"].id, "analyst", reason="joined the team")
    assert promoted.role == "analyst"
    assert accounts.current_session(store, session.token) is None  # old rights end with the old session
    accounts.set_active(store, users["admin"], users["viewer"].id, False)
    with pytest.raises(AuthError):
        accounts.login(store, "viewer", PASSWORD)
    with pytest.raises(ReviewError):
        accounts.set_active(store, users["admin"], users["admin"].id, False)
