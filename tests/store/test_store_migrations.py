"""Opening a store: the schema is made by Alembic, matches the models, and upgrading again changes nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from store_samples import english
from vigil.errors import StoreError
from vigil.store import Store, migrate
from vigil.store.engine import make_engine
from vigil.store.tables import Base, in_orm

TABLES = {"documents", "figures", "events", "failures"}


def _schema(engine: Engine) -> dict[str, Any]:
    """Tables, columns and indexes as the database reports them."""
    inspector = inspect(engine)
    return {
        table: (
            sorted(column["name"] for column in inspector.get_columns(table)),
            sorted(str(index["name"]) for index in inspector.get_indexes(table)),
        )
        for table in sorted(inspector.get_table_names())
    }


@pytest.fixture
def engine(db_url: str) -> Any:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def test_open_creates_the_schema_at_head(db_url: str, engine: Engine) -> None:
    Store.open(db_url).close()
    names = set(inspect(engine).get_table_names())
    assert TABLES <= names
    assert "alembic_version" in names
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_open_makes_the_full_text_index(db_url: str, engine: Engine) -> None:
    Store.open(db_url).close()
    inspector = inspect(engine)
    if engine.dialect.name == "sqlite":
        assert "documents_fts" in inspector.get_table_names()
    else:
        columns = {column["name"] for column in inspector.get_columns("documents")}
        indexes = {index["name"] for index in inspector.get_indexes("documents")}
        assert "search_vector" in columns
        assert "ix_documents_search_vector" in indexes


def test_upgrade_twice_is_a_no_op(db_url: str, engine: Engine) -> None:
    with Store.open(db_url) as store:
        sample = english()
        store.add(sample.document, sample.extraction)
        before = store.counts()
    schema = _schema(engine)
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    assert _schema(engine) == schema
    assert migrate.current_revision(engine) == migrate.head_revision()
    with Store.open(db_url) as store:  # opening again upgrades again
        assert store.counts() == before


def _ignore_search_objects(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return in_orm(name, type_)


def test_migrated_schema_matches_the_models(db_url: str, engine: Engine) -> None:
    Store.open(db_url).close()
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _ignore_search_objects}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_back(db_url: str, engine: Engine) -> None:
    Store.open(db_url).close()
    migrate.downgrade(engine, "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert TABLES <= set(inspect(engine).get_table_names())


def test_open_creates_the_sqlite_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "vigil.db"
    with Store.open(f"sqlite:///{path.as_posix()}") as store:
        assert store.counts() == {"documents": 0, "figures": 0, "events": 0, "failures": 0}
    assert path.is_file()


def test_in_memory_sqlite_works(tmp_path: Path) -> None:
    with Store.open("sqlite://") as store:
        sample = english()
        assert store.add(sample.document, sample.extraction)
        assert store.get_document(sample.document.id) == sample.document


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql+psycopg://postgres:s3cret@127.0.0.1:1/vigil", ["127.0.0.1:1", "cannot open"]),
        ("not a url at all", ["not a database URL"]),
        ("nosuchdb://somewhere/x", ["cannot use this database"]),
    ],
)
def test_unusable_url_raises_store_error_without_password(url: str, words: list[str]) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert "s3cret" not in message
    for word in words:
        assert word in message
    if "s3cret" in url:
        assert "***" in caught.value.input


def test_unwritable_sqlite_path_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open(f"sqlite:///{(blocker / 'sub' / 'vigil.db').as_posix()}")


def test_workers_opening_a_new_database_at_once_migrate_it_once(db_url: str, engine: Engine) -> None:
    """Several batch workers start together on an empty database (issue 8)."""
    workers = 4
    barrier = threading.Barrier(workers)

    def open_and_count(_: int) -> dict[str, int]:
        barrier.wait()
        with Store.open(db_url) as store:
            return store.counts()

    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(open_and_count, range(workers)))
    assert all(result["documents"] == 0 for result in results)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_processes_opening_a_new_database_at_once_migrate_it_once(db_url: str, engine: Engine) -> None:
    """The same across processes, where only the database's own locks keep order."""
    script = "import sys; from vigil.store import Store; Store.open(sys.argv[1]).close()"
    processes = [subprocess.Popen([sys.executable, "-c", script, db_url], stderr=subprocess.PIPE) for _ in range(3)]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "vigil.db"
    path.write_bytes(b"this is a text file, not SQLite\n" * 200)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(f"sqlite:///{path.as_posix()}")


def test_public_names() -> None:
    import vigil.store

    for name in vigil.store.__all__:
        assert hasattr(vigil.store, name), name
    assert set(vigil.store.__all__) >= {"Store", "DocumentRow", "SearchHit", "StoredFigure", "StoredEvent", "Failure"}
