"""Fixtures shared by every test folder.

`db_url` runs a test twice: on a fresh SQLite file, and on PostgreSQL at
127.0.0.1:5432 (user `postgres`, trust authentication) in a database made for
the test session, inside a schema of the test's own that is dropped after it. The PostgreSQL case carries the
`postgres` marker (`pytest -m "not postgres"` leaves it out) and is skipped,
with the reason said, when the server does not answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from vigil.store import Store

POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_USER = "postgres"
POSTGRES_UNREACHABLE = f"PostgreSQL on {POSTGRES_HOST}:{POSTGRES_PORT} is not reachable"
# Long enough for a busy server, short enough that a missing one costs one pause per session.
POSTGRES_CONNECT_TIMEOUT_S = 3


def _admin_conninfo() -> str:
    return (
        f"host={POSTGRES_HOST} port={POSTGRES_PORT} user={POSTGRES_USER} dbname=postgres "
        f"connect_timeout={POSTGRES_CONNECT_TIMEOUT_S}"
    )


@pytest.fixture(scope="session")
def postgres_available() -> str | None:
    """None when the server answers, else the reason it does not (checked once a session)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return f"{POSTGRES_UNREACHABLE} (psycopg is not installed)"
    try:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"{POSTGRES_UNREACHABLE}: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc}"
    return None


@pytest.fixture(scope="session")
def postgres_database(postgres_available: str | None) -> Iterator[str]:
    """The name of a PostgreSQL database made for this test session, dropped at its end."""
    if postgres_available is not None:
        pytest.skip(postgres_available)
    import psycopg
    from psycopg import sql

    name = f"vigil_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_admin_conninfo(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as connection:
            # WITH (FORCE) (PostgreSQL 13+) ends sessions a failed test left open.
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def postgres_url(postgres_database: str) -> Iterator[str]:
    """A URL to an empty PostgreSQL namespace of its own, dropped after the test.

    Each test gets a fresh schema in the session's database, set as the
    connection's `search_path` through the URL: as empty as a new database for
    everything vigil does, at a fifth of the cost of CREATE/DROP DATABASE.
    """
    import psycopg
    from psycopg import sql

    schema = f"t_{uuid.uuid4().hex[:16]}"
    conninfo = _admin_conninfo().replace("dbname=postgres", f"dbname={postgres_database}")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield (
            f"postgresql+psycopg://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{postgres_database}"
            f"?options=-csearch_path%3D{schema}"
        )
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            # A connection a failed test left inside a transaction would block the
            # drop; give up after a while and let the session's DROP DATABASE clean up.
            connection.execute("SET lock_timeout = '5s'")
            try:
                connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
            except psycopg.errors.LockNotAvailable:
                pass


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL to a SQLite file that does not exist yet, in a folder that does not either."""
    return f"sqlite:///{(tmp_path / 'data' / 'vigil.db').as_posix()}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL: SQLite, then PostgreSQL (skipped with a reason when unreachable)."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated, empty store on each database of `db_url`, closed after the test."""
    from vigil.store import Store

    opened = Store.open(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def reliability() -> object:
    """The reliability ledger's `record` function (see tests/reliability.py)."""
    from reliability import record

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """End the run with the reliability figures of issue 9."""
    try:
        from reliability import BAD, GOOD, LEDGER
    except ImportError:  # pragma: no cover
        return
    if not any(LEDGER.values()):
        return
    terminalreporter.section("reliability")
    terminalreporter.write_line("  ".join(f"{name}: {LEDGER[name]}" for name in GOOD))
    bad = "  ".join(f"{name}: {LEDGER[name]}" for name in BAD)
    terminalreporter.write_line(bad + ("" if not any(LEDGER[n] for n in BAD) else "   <- must be 0"))
