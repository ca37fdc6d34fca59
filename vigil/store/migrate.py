"""Run vigil's Alembic migrations from code, with no alembic.ini in sight.

`Store.open` calls `upgrade` every time: on a database already at head it reads
one row of `alembic_version` and does nothing, so opening is always safe.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from vigil.store.engine import for_writing

__all__ = ["MIGRATIONS", "alembic_config", "current_revision", "downgrade", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).parent / "migrations"

# Alembic's `context` is one global per process, so two threads migrating at once
# would trample each other; across processes the database's own locks serialise
# them (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL: see env.py).
_ALEMBIC_LOCK = threading.Lock()


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        # Percent signs in a URL would be read as interpolation by configparser.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (head by default), in one transaction where the database allows."""
    config = alembic_config(engine)
    with _ALEMBIC_LOCK, for_writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` ("base" empties it): for tests and developers."""
    config = alembic_config(engine)
    with _ALEMBIC_LOCK, for_writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this version of vigil."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
