"""Fixtures for the review tests: a cheap password hasher, a seeded store, users of every role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from review_samples import Corpus, make_users, seed
from vigil.review import accounts
from vigil.store import Store
from vigil.store.users import UserRow

# argon2's floor: one pass over 8 KiB. Tests only; production keeps the library's defaults.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_passwords() -> Iterator[None]:
    accounts.use_hasher(CHEAP_HASHER)
    yield
    accounts.use_hasher(PasswordHasher())


@pytest.fixture
def corpus(store: Store) -> Corpus:
    return seed(store)


@pytest.fixture
def users(store: Store) -> dict[str, UserRow]:
    return make_users(store)
