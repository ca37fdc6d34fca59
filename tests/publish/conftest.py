"""The bundled examples, ingested once per session into SQLite, and their site written once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil.ingest import Archive
from vigil.pipeline import ingest
from vigil.publish.site import SiteResult, write_site
from vigil.store import Store

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "examples" / "manifest.jsonl"


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """A store holding every example of the manifest, and its archive folder."""
    data = tmp_path_factory.mktemp("examples-data")
    store = Store.open(f"sqlite:///{(data / 'vigil.db').as_posix()}")
    summary = ingest([], store=store, archive=Archive(data / "archive"), manifest=str(MANIFEST))
    assert summary.failed == 0, [o.reason for o in summary.outcomes if o.status == "failed"]
    try:
        yield store, data / "archive"
    finally:
        store.close()


@pytest.fixture(scope="session")
def examples_site(examples_store: tuple[Store, Path], tmp_path_factory: pytest.TempPathFactory) -> SiteResult:
    """The public site of the examples, written once."""
    store, archive = examples_store
    return write_site(store, tmp_path_factory.mktemp("site"), archive=Archive(archive))
