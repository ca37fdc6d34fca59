"""Fixtures for the web tests: a seeded store, the app over it, and logged-in clients of every role."""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

sys.path.insert(0, str(Path(__file__).parent.parent / "review"))  # the shared corpus and users

from review_samples import PASSWORD, Corpus, make_users, seed  # noqa: E402
from vigil.review import accounts  # noqa: E402
from vigil.store import Store  # noqa: E402
from vigil.store.users import UserRow  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi import FastAPI  # noqa: E402
    from fastapi.testclient import TestClient  # noqa: E402

from vigil.web import create_app  # noqa: E402

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ROLES = ("viewer", "analyst", "editor", "admin")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cheap_passwords() -> Iterator[None]:
    accounts.use_hasher(CHEAP_HASHER)
    yield
    accounts.use_hasher(PasswordHasher())


@pytest.fixture
def web_store(sqlite_url: str) -> Iterator[Store]:
    store = Store.open(sqlite_url)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def corpus(web_store: Store) -> Corpus:
    return seed(web_store)


@pytest.fixture
def users(web_store: Store) -> dict[str, UserRow]:
    return make_users(web_store)


@pytest.fixture
def app(web_store: Store, corpus: Corpus, users: dict[str, UserRow]) -> FastAPI:
    return create_app(web_store)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log the client in through the form; returns the session's CSRF token (from /api/me)."""
    page = client.get("/login")
    token = _CSRF.search(page.text)
    assert token, page.text
    response = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token.group(1)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    me = client.get("/api/me")
    return str(me.json()["csrf_token"]) if me.status_code == 200 else ""


@pytest.fixture
def client_as(app: FastAPI) -> Callable[[str | None], tuple[TestClient, str]]:
    """A fresh client logged in as a role (None: anonymous) and its CSRF token."""

    def make(role: str | None) -> tuple[TestClient, str]:
        client = TestClient(app)
        return client, (login(client, role) if role else "")

    return make
