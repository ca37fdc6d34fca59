"""`run_batch`: a corpus into a database on dask.distributed, resumable and exactly-once.

The driver (the process that runs `vigil batch`) does the little that must happen
in one place and leaves the rest to the cluster:

1. opens the database with `Store.open`, which migrates it, before any worker writes;
2. plans the partitions (`plan`) and drops those a checkpoint says are finished;
3. connects to a scheduler — a `LocalCluster` of worker processes by default, or an
   existing cluster by address — and has every worker load the lexicons once;
4. submits one task per partition with Dask's own retries; as each finishes, writes
   its checkpoint and reports progress; a partition that still fails after its
   retries is put on the quarantine list under its label and in the report, and
   left without a checkpoint so the next run tries it again.

Exactly once: document ids are content hashes, workers skip ids already stored and
write with `ON CONFLICT DO NOTHING`, so a task Dask runs twice (a worker killed
after it wrote, a retry, a resumed run) writes nothing the second time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import dask
from distributed import Client, Future, LocalCluster, as_completed

from vigil.batch.checkpoint import Checkpoints
from vigil.batch.partition import Partition
from vigil.batch.plan import DEFAULT_PARTITION_SIZE, plan
from vigil.batch.work import DEFAULT_BATCH_SIZE, PartitionResult, WorkOptions, process_partition, warm_up
from vigil.errors import ConfigError, VigilError
from vigil.model import Confidentiality
from vigil.store import Store
from vigil.store.bulk import BulkStore, Rejected

__all__ = [
    "DEFAULT_WORKERS",
    "PARTITION_RETRIES",
    "BatchProgress",
    "PartitionFailure",
    "run_batch",
    "run_partitions",
]

# A LocalCluster of this many worker processes when neither workers nor a
# scheduler is given: one per core of a laptop that also runs the database.
DEFAULT_WORKERS = 2
# Retries of a failed partition before it is reported: enough to ride out a
# database restart or a worker killed by the OOM killer, few enough that a
# partition that fails for good (a deleted corpus file) is reported quickly.
PARTITION_RETRIES = 2
# Dask's setting for its workers' statistical profiler (see `_client`).
WORKER_PROFILER = "distributed.worker.profile.enabled"
# What a LocalCluster made by `_client` runs with. Dask's defaults suit interactive
# work watched on the dashboard; a batch is a long CPU-bound job on a small machine:
# - the profiler samples the running task's stack every 10 ms (a few per cent of a worker);
# - every scheduler, nanny and worker checks its event loop for stalls every 20 ms, and
#   each nanny and worker reads the worker's memory every 100 ms: idle, the driver
#   process (scheduler and nannies) spent 5-6 % of a core on this, and every wake-up in
#   a worker takes the GIL from the extraction. Once a second is plenty for both (a stall
#   is reported after 3 s; a worker's memory limit is still enforced);
# - the system monitor behind the dashboard's graphs samples every 2 s instead of 0.5 s.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    WORKER_PROFILER: False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
# How long to wait for a scheduler to answer before saying it is unreachable.
CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class PartitionFailure:
    """A partition that failed after its retries: what it covers and why."""

    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a run stands; the last one `run_batch` returns is its report."""

    partitions: int = 0  # in the plan
    checkpointed: int = 0  # finished in an earlier run, not read again
    done: int = 0  # finished in this run
    documents: int = 0  # read in this run
    stored: int = 0  # newly stored in this run
    known: int = 0  # already stored (earlier run, duplicate in the corpus, retried task)
    figures: int = 0
    events: int = 0
    errors: int = 0  # documents put on the quarantine list
    failed: tuple[PartitionFailure, ...] = ()
    dashboard: str | None = None  # the Dask dashboard's address, when it is served
    scheduler: str = ""
    seconds: float = 0.0

    @property
    def finished(self) -> int:
        """Partitions finished, this run or earlier."""
        return self.checkpointed + self.done

    @property
    def ok(self) -> bool:
        """True when every partition finished."""
        return not self.failed and self.finished == self.partitions


def run_batch(
    corpus: str | Path,
    *,
    db_url: str,
    checkpoint_root: Path,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    batch_size: int = DEFAULT_BATCH_SIZE,
    archive: Path | None = None,
    published: str | None = None,
    language: str | None = None,
    confidentiality: Confidentiality | str = Confidentiality.PUBLIC,
    retries: int = PARTITION_RETRIES,
    on_progress: Callable[[BatchProgress], None] | None = None,
    actor: str | None = None,
) -> BatchProgress:
    """Ingest and extract `corpus` into `db_url` on a Dask cluster; the final progress is the report.

    With `actor`, every document stored gets a "document.ingest" audit entry naming
    them, in the transaction that stores it (as `vigil ingest` writes).

    `scheduler` is the address of an existing cluster (`tcp://host:8786`); without
    it a LocalCluster of `workers` processes (default 2) is started and stopped.
    Checkpoints go under `checkpoint_root`. Raises VigilError when the corpus or
    the database cannot be opened; failures of documents and partitions are in
    the report, not raised.
    """
    if scheduler is not None and workers is not None:
        raise ConfigError(scheduler, "give a scheduler address or a number of workers, not both")
    Store.open(db_url).close()  # migrate once, here, before any worker writes
    partitions = plan(corpus, partition_size)
    checkpoints = Checkpoints.for_run(checkpoint_root, corpus, db_url)
    options = WorkOptions(
        db_url=db_url,
        archive=str(archive) if archive is not None else None,
        published=published,
        language=language,
        confidentiality=str(Confidentiality(confidentiality)),
        batch_size=batch_size,
        actor=actor,
    )
    with _client(scheduler, workers or DEFAULT_WORKERS) as client:
        return run_partitions(
            partitions, client=client, options=options, checkpoints=checkpoints, retries=retries, on_progress=on_progress
        )


def run_partitions(
    partitions: Sequence[Partition],
    *,
    client: Client,
    options: WorkOptions,
    checkpoints: Checkpoints,
    retries: int = PARTITION_RETRIES,
    on_progress: Callable[[BatchProgress], None] | None = None,
) -> BatchProgress:
    """Run the partitions not checkpointed yet on `client`'s cluster; the final progress."""
    started = time.monotonic()
    todo = [p for p in partitions if not checkpoints.done(p.key)]
    progress = BatchProgress(
        partitions=len(partitions),
        checkpointed=len(partitions) - len(todo),
        dashboard=_dashboard(client),
        scheduler=str(client.scheduler.address) if client.scheduler is not None else "",
    )

    def tell(update: BatchProgress) -> BatchProgress:
        update = replace(update, seconds=time.monotonic() - started)
        if on_progress is not None:
            on_progress(update)
        return update

    progress = tell(progress)
    if not todo:
        return progress
    client.run(warm_up)  # each worker loads the lexicons now, once, not inside the first timed task
    by_key: dict[object, Partition] = {}
    futures: list[Future[PartitionResult]] = []
    for partition in todo:
        future = client.submit(process_partition, partition, options, retries=retries, pure=False)
        by_key[future.key] = partition
        futures.append(future)
    failures: list[PartitionFailure] = []
    for future in as_completed(futures):  # type: ignore[no-untyped-call]  # dask is untyped here
        partition = by_key[future.key]
        if future.status != "finished":
            failure = PartitionFailure(partition.label, _why(future))
            failures.append(failure)
            _quarantine(options.db_url, failure)
            progress = tell(replace(progress, failed=tuple(failures)))
            continue
        result: PartitionResult = future.result()
        checkpoints.mark(partition.key, {"label": partition.label, **result.as_dict()})
        progress = tell(
            replace(
                progress,
                done=progress.done + 1,
                documents=progress.documents + result.documents,
                stored=progress.stored + result.stored,
                known=progress.known + result.known,
                figures=progress.figures + result.figures,
                events=progress.events + result.events,
                errors=progress.errors + result.failed,
            )
        )
        future.release()
    return progress


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the given scheduler, or of a LocalCluster made (and closed) here."""
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(scheduler, f"cannot reach the Dask scheduler: {exc}") from None
        with client:
            yield client
        return
    if workers < 1:
        raise ConfigError(str(workers), "a batch needs at least one worker")
    # One thread per worker process: the extractor is pure Python, so threads would
    # only contend for one GIL; processes use the cores. The workers take their
    # config from here (LOCAL_CLUSTER_CONFIG says what and why).
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.ERROR
        )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def _dashboard(client: Client) -> str | None:
    """The dashboard's address when the scheduler serves one (it needs bokeh installed)."""
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:  # noqa: BLE001 - the dashboard is a nicety; never fail a run over it
        return None
    return str(client.dashboard_link) if "dashboard" in services else None


def _why(future: Future[PartitionResult]) -> str:
    try:
        exc = future.exception()  # type: ignore[no-untyped-call]
    except Exception as lost:  # noqa: BLE001 - a cancelled future has no exception to give
        return f"{type(lost).__name__}: {lost}"
    if isinstance(exc, VigilError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if exc is not None else f"task {future.status}"


def _quarantine(db_url: str, failure: PartitionFailure) -> None:
    """Put a failed partition on the quarantine list, best effort (the report has it anyway)."""
    try:
        with BulkStore.open(db_url) as writer:
            writer.record_failures([Rejected(failure.label, f"partition failed after retries: {failure.reason}")])
    except VigilError:
        pass
