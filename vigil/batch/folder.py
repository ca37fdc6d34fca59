"""Folder corpora: document files under a folder, and the JSON Lines and WARC files among them.

The walk follows `vigil ingest`'s rules (sorted, depth first, hidden files and
Word lock files left out) but only lists paths: the driver never reads a
document's bytes, the worker that owns it does, through `iter_originals`, with
its size cap and its errors. Feeds are left out on purpose: reading one means
fetching every entry over the network, which a batch over an archive must not do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from vigil.batch.partition import CorpusItem, Partition, PartitionKind
from vigil.errors import InputError
from vigil.ingest import DOCUMENT_EXTENSIONS, Original, extension_of, iter_originals

__all__ = ["list_corpus_folder", "plan_files", "read_files"]


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def list_corpus_folder(root: Path) -> tuple[list[str], list[Path]]:
    """(document files relative to `root`, JSON Lines and WARC files) in walk order."""
    from vigil.batch.jsonl import JSONL_EXTENSIONS
    from vigil.batch.warc import WARC_EXTENSIONS

    documents: list[str] = []
    corpora: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not _hidden(name))
        for name in sorted(files):
            if _hidden(name):
                continue
            path = Path(folder) / name
            lowered = name.lower()
            if lowered.endswith(JSONL_EXTENSIONS) or lowered.endswith(WARC_EXTENSIONS):
                corpora.append(path)
            elif extension_of(name) in DOCUMENT_EXTENSIONS:
                documents.append(path.relative_to(root).as_posix())
    return documents, corpora


def plan_files(root: Path, files: list[str], size: int) -> list[Partition]:
    """Partitions of `size` files each."""
    return [
        Partition(PartitionKind.FILES, str(root), files=tuple(chunk), count=len(chunk))
        for chunk in (files[start : start + size] for start in range(0, len(files), size))
    ]


def read_files(partition: Partition) -> Iterator[CorpusItem | InputError]:
    """Each file's original (its language and date found in it), or the error that stopped it."""
    root = Path(partition.path)
    for relative in partition.files:
        for item in iter_originals([str(root / relative)]):
            yield CorpusItem(item) if isinstance(item, Original) else item
