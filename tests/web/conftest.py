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

from web_support import CHEAP_HASHER, ROLES, login  # noqa: E402,F401 - helpers live in a module of their own


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


@pytest.fixture
def client_as(app: FastAPI) -> Callable[[str | None], tuple[TestClient, str]]:
    """A fresh client logged in as a role (None: anonymous) and its CSRF token."""

    def make(role: str | None) -> tuple[TestClient, str]:
        client = TestClient(app)
        return client, (login(client, role) if role else "")

    return make
