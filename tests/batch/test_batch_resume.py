"""Kill -9 in the middle, start again: every document stored exactly once (issue 8).

`vigil batch` runs in a subprocess with its own LocalCluster, in a session of its
own; once a few partitions are checkpointed the whole process group (driver,
scheduler, workers) gets SIGKILL — as if the machine lost power. The run is then
finished on the shared cluster and the database compared with the corpus.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpus import reports, write_jsonl

from vigil.batch import Checkpoints, run_batch
from vigil.extract import extract
from vigil.model import Confidentiality
from vigil.store import Store, audit

VIGIL = Path(sys.executable).with_name("vigil")
KILL_AFTER_PARTITIONS = 3
START_TIMEOUT_S = 120


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@pytest.mark.postgres
def test_kill_minus_nine_then_resume_stores_every_document_once(
    tmp_path: Path, postgres_url: str, dask_scheduler: str
) -> None:
    items = list(reports(800, seed=99))
    path = write_jsonl(tmp_path / "news.jsonl", items)
    data = tmp_path / "data"
    checkpoints = Checkpoints.for_run(data / "batch", path, postgres_url)
    process = subprocess.Popen(
        [str(VIGIL), "batch", str(path), "--db", postgres_url, "--data", str(data), "--workers", "2",
         "--partition-size", "20"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while checkpoints.count() < KILL_AFTER_PARTITIONS and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the process group this test started
        process.wait()
    done_at_kill = checkpoints.count()
    assert KILL_AFTER_PARTITIONS <= done_at_kill < 40, "the kill should land in the middle of the run"

    report = run_batch(path, db_url=postgres_url, checkpoint_root=data / "batch", scheduler=dask_scheduler,
                       partition_size=20, actor="cli:resume")
    assert report.ok and report.checkpointed == done_at_kill and report.errors == 0
    expected_figures = sum(len(extract(r.text, r.language, r.published, r.id).figures) for r in items)
    with Store.open(postgres_url) as store:
        assert {row.id for row in store.documents()} == {r.id for r in items}
        assert store.counts() == {"documents": 800, "figures": expected_figures,
                                  "events": store.counts()["events"], "failures": 0}
        # The audit log too: one entry per document, written with it, whichever run stored it.
        log = audit.entries(store, levels=[level.value for level in Confidentiality])
        assert audit.verify_chain(store).ok
    assert sorted(e.document_id or "" for e in log) == sorted(r.id for r in items)
    assert {e.actor for e in log} <= {"cli:resume", *(f"cli:{name}" for name in (_user(), "unknown"))}
    assert any(e.actor != "cli:resume" for e in log), "the killed run's documents are audited under its actor"
