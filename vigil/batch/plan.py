"""`plan`: a corpus (a folder, a JSON Lines file or a WARC file) cut into partitions.

The plan is deterministic — the same corpus and size give the same partitions
with the same keys — which is what lets a resumed run find its checkpoints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from vigil.batch.folder import list_corpus_folder, plan_files, read_files
from vigil.batch.jsonl import JSONL_EXTENSIONS, plan_jsonl, read_jsonl
from vigil.batch.partition import CorpusItem, Partition, PartitionKind
from vigil.batch.warc import WARC_EXTENSIONS, plan_warc, read_warc
from vigil.errors import ConfigError, InputError, UnsupportedFormat

__all__ = ["DEFAULT_PARTITION_SIZE", "READERS", "plan", "read_partition"]

# Documents per partition (one Dask task). A partition of news-article-sized
# documents takes a worker a few seconds: long enough that scheduling and the
# checkpoint write are noise, short enough that a killed run loses little work
# and the progress display moves.
DEFAULT_PARTITION_SIZE = 500

READERS: dict[PartitionKind, Callable[[Partition], Iterator[CorpusItem | InputError]]] = {
    PartitionKind.JSONL: read_jsonl,
    PartitionKind.WARC: read_warc,
    PartitionKind.FILES: read_files,
}


def plan(corpus: str | Path, size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """The corpus's partitions, `size` documents each; InputError if it cannot be read."""
    if size < 1:
        raise ConfigError(str(size), "a partition holds at least one document")
    path = Path(corpus)
    try:
        if path.is_dir():
            files, corpora = list_corpus_folder(path)
            partitions = plan_files(path, files, size)
            for corpus_file in corpora:
                partitions.extend(_plan_file(corpus_file, size))
            return partitions
        if path.is_file():
            return _plan_file(path, size)
    except OSError as exc:
        raise InputError(str(corpus), f"cannot be read ({exc.strerror or exc})") from None
    raise InputError(str(corpus), "no such file or folder")


def _plan_file(path: Path, size: int) -> list[Partition]:
    name = path.name.lower()
    if name.endswith(JSONL_EXTENSIONS):
        return plan_jsonl(path, size)
    if name.endswith(WARC_EXTENSIONS):
        return plan_warc(path, size)
    raise UnsupportedFormat(
        str(path), f"a corpus is a folder, a JSON Lines file ({', '.join(JSONL_EXTENSIONS)}) "
        f"or a WARC file ({', '.join(WARC_EXTENSIONS)})"
    )


def read_partition(partition: Partition) -> Iterator[CorpusItem | InputError]:
    """The partition's documents in order, errors in line (one bad document never stops the rest)."""
    return READERS[partition.kind](partition)
