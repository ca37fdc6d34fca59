"""Alembic's environment for vigil: runs on the connection the store hands it.

`vigil.store.migrate.upgrade` passes an open connection in
`config.attributes["connection"]`; a developer running the `alembic` command
by hand (see `vigil/store/alembic.ini`) gets an engine built from
`sqlalchemy.url` instead. Offline (`--sql`) mode is not supported: the SQLite
full-text triggers and PostgreSQL's generated column are written per dialect.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from vigil.store.tables import Base, in_orm

# A fixed key for PostgreSQL's advisory lock, so that several workers opening the
# same database at once (issue 8) migrate it one after another, not together.
MIGRATION_LOCK_KEY = 0x76696769  # "vigi"

target_metadata = Base.metadata


def _include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return in_orm(name, type_)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_online() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("give a database: alembic -x url=URL, sqlalchemy.url in alembic.ini, or a connection")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("vigil's migrations run online only (they branch on the database dialect)")
run_migrations_online()
