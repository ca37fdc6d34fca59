"""A database made by the first migration upgrades to the latest and loses nothing (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from vigil.ingest import Archive
from vigil.pipeline import ingest
from vigil.store import Store
from vigil.store import migrate
from vigil.store.engine import make_engine

REPORT = (
    "In 2024 the bailiffs deported 61,000 foreigners from Russia, the service said. "
    "По данным МВД, к 1 марта в реестр контролируемых лиц внесли 300 тыс. иностранцев.\n"
)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def test_first_schema_upgrades_to_head_with_every_row(tmp_path: Path, db_url: str, engine: Engine) -> None:
    migrate.upgrade(engine, "0001")
    assert migrate.current_revision(engine) == "0001"
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    old = Store(engine)  # the store's own writes, on the first schema
    ingest([str(tmp_path / "r.txt")], store=old, archive=Archive(tmp_path / "a"), published="2025-04-01")
    old.record_failure("broken.pdf", "truncated")
    before = old.counts()
    figures = sorted((f.figure.id, f.figure.quote, f.figure.value) for f in old.figures())
    documents = [(d.id, d.title) for d in old.documents()]

    with Store.open(db_url) as store:  # opening upgrades to head
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert store.counts() == before
        assert sorted((f.figure.id, f.figure.quote, f.figure.value) for f in store.figures()) == figures
        assert [(d.id, d.title) for d in store.documents()] == documents
        assert store.search("bailiffs")
