"""schemathesis against the app's own OpenAPI description: generated requests, no server error.

Runs in-process (ASGI) as a logged-in admin, who sees the most code paths,
with the session's CSRF token, so POST bodies reach the workflow rather than
stopping at the gate. The figure printed at the end: requests sent, 5xx seen.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings

from web_support import CHEAP_HASHER
from review_samples import PASSWORD, make_users, seed
from vigil.review import accounts
from vigil.store import Store
from vigil.web import create_app

# Examples per API operation: enough to try odd strings, limits and ids, short enough for every run.
EXAMPLES_PER_OPERATION = 40

COUNTS = {"requests": 0, "server_errors": 0}
AUTH: dict[str, Any] = {}


def _app() -> tuple[Any, Store, str]:
    """A seeded store and the app over it, built at import: schemathesis needs the schema to collect tests.

    (`schemathesis.pytest.from_fixture` would build it in a fixture, but fails on pytest 9.)
    """
    folder = tempfile.mkdtemp(prefix="vigil-fuzz-")
    accounts.use_hasher(CHEAP_HASHER)
    try:
        store = Store.open(f"sqlite:///{Path(folder) / 'vigil.db'}")
        seed(store)
        make_users(store)
        session = accounts.login(store, "admin", PASSWORD)
    finally:
        accounts.use_hasher(PasswordHasher())
    AUTH.update(cookies={"vigil_session": session.token}, headers={"x-csrf-token": session.csrf_token})
    return create_app(store), store, folder


APP, STORE, FOLDER = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    STORE.close()
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_error(case: Any) -> None:
    response = case.call(cookies=AUTH["cookies"], headers=AUTH["headers"])
    COUNTS["requests"] += 1
    if response.status_code >= 500:
        COUNTS["server_errors"] += 1
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"


def test_fuzz_tally(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\nschemathesis: {COUNTS['requests']} generated requests, {COUNTS['server_errors']} server errors (5xx)")
    assert COUNTS["server_errors"] == 0
