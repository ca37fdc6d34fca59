"""What a worker does with one partition: read, skip the stored, extract, write in batches.

`process_partition` is the Dask task. It runs in a worker process that imports
vigil once: the extractor's lexicons are `lru_cache`d module globals, and the
database writer is cached here per URL, so a worker pays for both on its first
partition (or at `warm_up`) and never again.

A bad document — unreadable, undecodable, a bad date, a span that does not fit —
goes to the quarantine list with its reason and the partition goes on. Only
what stops the whole partition (the corpus file gone, the database down) raises,
so Dask retries the task and the driver reports it if it keeps failing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TypeVar

from vigil.batch.partition import CorpusItem, Partition
from vigil.batch.plan import read_partition
from vigil.errors import InputError, VigilError
from vigil.extract import extract
from vigil.ingest import Archive, archive_suffix, read_document
from vigil.model import Confidentiality, Document, Extraction, document_id
from vigil.store.bulk import BulkOutcome, BulkStore, Rejected

__all__ = ["DEFAULT_BATCH_SIZE", "PartitionResult", "WorkOptions", "batches", "process_partition", "warm_up"]

T = TypeVar("T")

# Documents per write transaction. Each batch is extracted, then written in one
# transaction: a few hundred rows per table per commit take the per-commit cost
# (a WAL flush) off each document, while a kill loses at most one batch of work.
DEFAULT_BATCH_SIZE = 50

# The last batch of a partition is written in pieces of this fraction of a batch (see `batches`).
TAIL_FRACTION = 5

# Writes queued behind the one being written before extraction waits: two, so a
# full batch's write and the small ones after it (`batches`) queue up rather than
# hold extraction back.
WRITES_IN_FLIGHT = 2

# Writers cached per worker process: one engine (and connection pool) per database.
WRITER_CACHE = 4


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """What every partition of a run shares: where to write and the run's defaults."""

    db_url: str
    archive: str | None = None  # archive originals under this folder (shared by all workers), or not
    published: str | None = None
    language: str | None = None
    confidentiality: str = Confidentiality.PUBLIC.value
    batch_size: int = DEFAULT_BATCH_SIZE
    actor: str | None = None  # who runs the batch: each stored document gets an audit entry naming them


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition did; `known` counts documents stored before (this or another run)."""

    key: str
    documents: int = 0
    stored: int = 0
    known: int = 0
    failed: int = 0
    figures: int = 0
    events: int = 0

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@lru_cache(maxsize=WRITER_CACHE)
def _writer(db_url: str) -> BulkStore:
    return BulkStore.open(db_url)


def warm_up() -> int:
    """Load the lexicons of both languages in this process now; returns its pid (for `Client.run`)."""
    import os

    extract("In 2024, 1,200 people were detained.", "en", "2024-05-01")
    extract("В 2024 году задержали 1200 мигрантов.", "ru", "2024-05-01")
    return os.getpid()


def process_partition(partition: Partition, options: WorkOptions) -> PartitionResult:
    """Store every document of the partition not stored yet; bad documents go to the quarantine list.

    Batches are written, in order, by a thread of its own while the next ones are
    extracted: the write mostly waits on the database (psycopg lets go of the GIL
    meanwhile), so the wait overlaps extraction instead of adding to it. At most
    `WRITES_IN_FLIGHT` writes are queued, so memory holds a few batches at most, and
    the partition returns only after its last write has committed — the driver's
    checkpoint never runs ahead of the database. That last write is small
    (`batches`), so the wait for it is short.
    """
    writer = _writer(options.db_url)
    archive = Archive(Path(options.archive)) if options.archive else None
    totals = PartitionResult(partition.key)
    failures: list[Rejected] = []
    seen: set[str] = set()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vigil-writer") as pool:
        pending: deque[Future[_Written]] = deque()
        for batch in batches(read_partition(partition), options.batch_size):
            ready, known = _prepare(batch, writer, options, archive, seen, failures)
            if len(pending) == WRITES_IN_FLIGHT:
                totals = _add(totals, pending.popleft().result(), failures)  # a failed write raises here: Dask retries
            pending.append(pool.submit(_write, writer, ready, len(batch), known, options.actor))
        while pending:
            totals = _add(totals, pending.popleft().result(), failures)
    writer.record_failures(failures)
    return dataclasses.replace(totals, failed=len(failures))


def _prepare(
    batch: list[CorpusItem | InputError],
    writer: BulkStore,
    options: WorkOptions,
    archive: Archive | None,
    seen: set[str],
    failures: list[Rejected],
) -> tuple[list[tuple[Document, Extraction]], int]:
    """The batch's new documents extracted, and how many it held that were stored already.

    Unreadable entries and documents that fail to extract join `failures`; ids go
    into `seen`, so a document repeated within the partition is extracted once.
    """
    items: list[CorpusItem] = []
    for entry in batch:
        if isinstance(entry, InputError):
            failures.append(Rejected(entry.input, entry.reason))
        else:
            items.append(entry)
    ids = [document_id(item.original.data) for item in items]
    stored_before = writer.known(ids)
    ready: list[tuple[Document, Extraction]] = []
    known = 0
    for item, doc_id in zip(items, ids):
        if doc_id in stored_before or doc_id in seen:
            known += 1
            continue
        seen.add(doc_id)
        try:
            ready.append(_extract(item, options, archive))
        except VigilError as exc:
            failures.append(Rejected(item.original.source, exc.reason))
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not sink the partition
            failures.append(Rejected(item.original.source, f"internal error: {type(exc).__name__}: {exc}"))
    return ready, known


@dataclass(frozen=True, slots=True)
class _Written:
    """One batch after its write: how many documents were read and already known, and the outcome."""

    read: int
    known: int
    outcome: BulkOutcome


def _write(
    writer: BulkStore, ready: list[tuple[Document, Extraction]], read: int, known: int, actor: str | None
) -> _Written:
    return _Written(read, known, writer.add_many(ready, actor=actor))


def _add(totals: PartitionResult, written: _Written, failures: list[Rejected]) -> PartitionResult:
    """`totals` with a written batch counted in; its rejected documents join `failures`."""
    outcome = written.outcome
    failures.extend(outcome.rejected)
    return dataclasses.replace(
        totals,
        documents=totals.documents + written.read,
        stored=totals.stored + len(outcome.stored),
        known=totals.known + written.known + len(outcome.known),
        figures=totals.figures + outcome.figures,
        events=totals.events + outcome.events,
    )


def _extract(item: CorpusItem, options: WorkOptions, archive: Archive | None) -> tuple[Document, Extraction]:
    document = read_document(
        item.original,
        published=item.published or options.published,
        language=item.language or options.language,
        confidentiality=options.confidentiality,
        retrieved_at=item.original.retrieved_at or _now(),
    )
    if archive is not None:
        path = archive.put(item.original.data, archive_suffix(item.original, document.media_type))
        document = dataclasses.replace(document, archive_path=path)
    return document, extract(document.text, document.language, document.published, document.id)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in batches of `size`, except the last `size` items, which come in batches a fifth that size.

    Each batch's write overlaps the next batch's extraction, but the partition's
    last write overlaps nothing: the worker waits for it before it can report the
    partition done. Small batches at the end make that wait short. Reads one batch
    ahead to know where the end is (items are small until extracted).
    """
    if size < 1:
        raise ValueError(f"a batch holds at least one item, not {size}")
    tail = max(1, size // TAIL_FRACTION)
    iterator = iter(items)
    batch = list(islice(iterator, size))
    while batch:
        following = list(islice(iterator, size))
        if len(following) == size:
            yield batch
            batch = following
            continue
        rest = batch + following  # all that is left
        head = len(rest) - size
        if head > 0:
            yield rest[:head]
        for start in range(max(head, 0), len(rest), tail):
            yield rest[start : start + tail]
        return


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
