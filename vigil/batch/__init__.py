"""The Dask path for large corpora: partitions, retries, checkpoints (issue 8).

    plan(corpus, size)          a folder, JSON Lines or WARC file → partitions (by position)
    read_partition(partition)   a partition → CorpusItem | InputError, one at a time
    process_partition(p, opts)  the Dask task: skip stored ids, extract, write in batches
    run_batch(corpus, db_url=…) the whole run on a LocalCluster or an existing scheduler

Reuses `ingest` and `extract` unchanged; writes through `vigil.store.bulk`.
"""

from __future__ import annotations

from vigil.batch.checkpoint import Checkpoints
from vigil.batch.driver import DEFAULT_WORKERS, BatchProgress, PartitionFailure, run_batch, run_partitions
from vigil.batch.partition import CorpusItem, Partition, PartitionKind
from vigil.batch.plan import DEFAULT_PARTITION_SIZE, plan, read_partition
from vigil.batch.work import PartitionResult, WorkOptions, process_partition

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "DEFAULT_WORKERS",
    "BatchProgress",
    "Checkpoints",
    "CorpusItem",
    "Partition",
    "PartitionFailure",
    "PartitionKind",
    "PartitionResult",
    "WorkOptions",
    "plan",
    "process_partition",
    "read_partition",
    "run_batch",
    "run_partitions",
]
