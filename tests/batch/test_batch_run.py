"""The batch path end to end on a 2-worker Dask cluster: every document once, failures reported.

The cluster is shared (tests/batch/conftest.py); each test gets its own database
(SQLite file or PostgreSQL schema) and checkpoint folder.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from batch_corpus import Report, reports, write_folder, write_jsonl, write_warc
from distributed import Client

from vigil.batch import BatchProgress, Checkpoints, Partition, PartitionKind, WorkOptions, run_batch, run_partitions
from vigil.extract import extract
from vigil.model import Confidentiality
from vigil.store import Store, audit


def _expected(items: list[Report]) -> tuple[set[str], int]:
    """The ids a clean run stores for JSON Lines reports, and how many figures they hold."""
    figures = sum(len(extract(r.text, r.language, r.published, r.id).figures) for r in items)
    return {r.id for r in items}, figures


def _stored_ids(url: str) -> set[str]:
    with Store.open(url) as store:
        return {row.id for row in store.documents()}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def batch_db(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))


def test_a_mixed_corpus_goes_in_whole(tmp_path: Path, batch_db: str, dask_scheduler: str) -> None:
    items = list(reports(420))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "lines.jsonl", items[:300])
    write_folder(corpus / "texts", items[300:360])
    write_warc(corpus / "crawl.warc.gz", items[360:])
    updates: list[BatchProgress] = []
    report = run_batch(
        corpus, db_url=batch_db, checkpoint_root=tmp_path / "checkpoints", scheduler=dask_scheduler,
        partition_size=40, on_progress=updates.append, actor="cli:monitor",
    )
    assert report.ok and report.partitions == 8 + 2 + 2
    assert (report.documents, report.stored, report.known, report.errors) == (420, 420, 0, 0)
    with Store.open(batch_db) as store:
        counts = store.counts()
    assert counts == {"documents": 420, "figures": report.figures, "events": report.events, "failures": 0}
    ids, figures = _expected(items[:300])
    assert ids <= _stored_ids(batch_db)
    assert report.figures > figures  # the folder's and the crawl's documents add theirs
    assert [u.finished for u in updates] == list(range(0, 13))
    assert updates[-1].scheduler == dask_scheduler

    again = run_batch(corpus, db_url=batch_db, checkpoint_root=tmp_path / "checkpoints", scheduler=dask_scheduler,
                      partition_size=40)
    assert (again.checkpointed, again.done, again.documents) == (12, 0, 0)

    elsewhere = run_batch(corpus, db_url=batch_db, checkpoint_root=tmp_path / "other", scheduler=dask_scheduler,
                          partition_size=40, actor="cli:monitor")
    assert (elsewhere.documents, elsewhere.stored, elsewhere.known) == (420, 0, 420)  # no checkpoints: ids decide
    with Store.open(batch_db) as store:
        assert store.counts() == counts
        # Every stored document has one audit entry naming who ran the batch, written by
        # two workers into one unbroken chain; the second run, storing nothing, added none.
        log = audit.entries(store, levels=[level.value for level in Confidentiality])
        assert audit.verify_chain(store).ok
    assert [e.seq for e in log] == list(range(1, 421))
    assert {e.document_id for e in log} == _stored_ids(batch_db)
    assert {(e.actor, e.action) for e in log} == {("cli:monitor", "document.ingest")}


def test_bad_documents_are_quarantined_and_a_lost_partition_reported(
    tmp_path: Path, sqlite_url: str, dask_scheduler: str
) -> None:
    items = list(reports(120, seed=21))
    path = write_jsonl(tmp_path / "news.jsonl", items, {10: "{broken", 50: '{"text": "   "}',
                                                        70: '{"text": "A text.", "published": "last spring"}'})
    Store.open(sqlite_url).close()
    missing = Partition(PartitionKind.JSONL, str(tmp_path / "gone.jsonl"), 0, 100, 1, (), 3, "0:0")
    from vigil.batch import plan

    with Client(dask_scheduler) as client:
        report = run_partitions(
            [*plan(path, 40), missing], client=client, options=WorkOptions(db_url=sqlite_url),
            checkpoints=Checkpoints(tmp_path / "checkpoints"), retries=1,
        )
    assert report.done == 4 and [f.label for f in report.failed] == [missing.label]
    assert "gone.jsonl" in report.failed[0].reason
    assert not report.ok
    with Store.open(sqlite_url) as store:
        assert store.counts()["documents"] == 120
        sources = sorted(f.source for f in store.failures())
    assert sources == sorted([f"{path}:11", f"{path}:51", f"{path}:71", missing.label])
    assert not Checkpoints(tmp_path / "checkpoints").done(missing.key)


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(tmp_path: Path, postgres_url: str, dask_scheduler: str) -> None:
    items = list(reports(600, seed=5))
    path = write_jsonl(tmp_path / "news.jsonl", items)
    with Client(dask_scheduler) as client:
        pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_once(progress: BatchProgress) -> None:
        if progress.done >= 2 and not killed:
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)  # a worker this test's cluster started

    report = run_batch(path, db_url=postgres_url, checkpoint_root=tmp_path / "checkpoints", scheduler=dask_scheduler,
                       partition_size=25, on_progress=kill_once)
    assert killed and report.ok
    ids, figures = _expected(items)
    assert _stored_ids(postgres_url) == ids
    with Store.open(postgres_url) as store:
        assert store.counts()["figures"] == figures
