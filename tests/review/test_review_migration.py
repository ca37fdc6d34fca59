"""Migration 0002: a database made by 0001 upgrades without losing a row, and the audit guards come and go with it."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from review_samples import seed
from vigil.store import Store, migrate
from vigil.store.engine import make_engine

REVIEW_TABLES = {"users", "sessions", "login_failures", "reviews", "audit_log"}


def test_upgrade_from_0001_keeps_everything(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine, "0001")
        assert not REVIEW_TABLES & set(inspect(engine).get_table_names())
        store = Store(engine)  # a store on the old schema: documents can be written already
        seed(store)
        before = store.counts()
        migrate.upgrade(engine, "0002")
        assert migrate.current_revision(engine) == "0002"
        assert REVIEW_TABLES <= set(inspect(engine).get_table_names())
        assert store.counts() == before
        migrate.downgrade(engine, "0001")
        assert not REVIEW_TABLES & set(inspect(engine).get_table_names())
        assert store.counts() == before
        migrate.upgrade(engine, "0002")  # and up again: the trigger function is recreated cleanly
        with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO audit_log (seq, at, actor, action, target, prev_hash, hash) "
                "VALUES (1, CURRENT_TIMESTAMP, 'a', 'b', 'c', 'x', 'y')"
            ))
            connection.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()
