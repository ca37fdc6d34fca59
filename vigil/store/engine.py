"""Engines for the two databases vigil supports, set up so transactions mean what they say.

SQLite needs three things the driver does not do by default: foreign keys
switched on, a busy timeout (a web server and a CLI may share one file), and
real transactions. Python's sqlite3 module only opens a transaction before
INSERT/UPDATE/DELETE, so DDL and reads would run outside it; following
SQLAlchemy's documented recipe, the driver's own handling is switched off and
the engine emits BEGIN itself — BEGIN IMMEDIATE for the transactions that
write (`for_writing`), so that concurrent writers queue instead of failing. That is what makes "one document, one
transaction" and an all-or-nothing migration true on SQLite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from vigil.errors import StoreError

__all__ = ["SQLITE_BUSY_TIMEOUT_MS", "WRITE_OPTION", "for_writing", "make_engine", "masked", "parse_url"]

# The execution option that marks a transaction as a writer (see `_on_begin`).
WRITE_OPTION = "vigil_write"

# How long a writer waits for another writer's lock before giving up. Long enough
# for a document transaction of the CLI to finish while the web app writes a review.
SQLITE_BUSY_TIMEOUT_MS = 30_000

# A PostgreSQL server that does not answer within this many seconds is reported
# as unreachable rather than left hanging.
CONNECT_TIMEOUT_S = 10


def masked(url: str | URL) -> str:
    """The URL with its password hidden, safe to print in an error message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def parse_url(url: str) -> URL:
    """The URL parsed, or StoreError naming it (masked) when it is not a database URL."""
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(masked(url), f"not a database URL: {exc}") from None


def make_engine(url: str) -> Engine:
    """An engine for `url`, with the SQLite file's folder created if missing."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(masked(parsed), f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    elif backend == "postgresql":
        kwargs["pool_pre_ping"] = True
        if parsed.get_driver_name() in ("psycopg", "psycopg2"):
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(masked(parsed), f"cannot use this database: {exc}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the engine, not the driver, opens transactions
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            # WAL lets readers (the web app) go on while a batch writes.
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write transaction takes the write lock at BEGIN, waiting up to the busy
        # timeout. Deferred, it would take a read snapshot first (FTS5's trigger
        # reads its config before writing) and SQLite refuses to upgrade a stale
        # snapshot at once, without waiting: "database is locked".
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def for_writing(engine: Engine) -> Engine:
    """The same engine (same pool), marked so its transactions begin as writers."""
    return engine.execution_options(**{WRITE_OPTION: True})
