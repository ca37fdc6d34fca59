"""Partitions: a corpus cut into slices a worker can read on its own, by position.

A partition names where its documents are (a byte range of a JSON Lines or WARC
file, or a list of files under a folder), never the documents themselves: the
driver ships a few hundred bytes per task, and every worker reads its slice from
the shared corpus (the same path on every node: a local disk for a LocalCluster,
a network file system or a copy per node for a multi-node cluster).

A partition's `key` hashes everything that says what it covers, including the
corpus file's size and modification time, so the checkpoint of a partition
cannot be mistaken for another's, and a changed file is read again (harmlessly:
writes are idempotent).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from vigil.ingest.original import Original

__all__ = ["CorpusItem", "Partition", "PartitionKind", "fingerprint"]


class PartitionKind(StrEnum):
    """How a partition's documents are stored."""

    JSONL = "jsonl"  # lines of a JSON Lines file: {"text", "url", "published", "language", "title"}
    WARC = "warc"  # response and resource records of a WARC file (.warc or .warc.gz)
    FILES = "files"  # document files (txt, md, html, pdf, docx) under a folder


@dataclass(frozen=True, slots=True)
class Partition:
    """One slice of a corpus: `count` documents at `[start, stop)` of `path`, or `files` under it."""

    kind: PartitionKind
    path: str  # the JSON Lines or WARC file, or the folder that `files` are relative to
    start: int = 0  # byte offset of the first line or record (JSONL, WARC)
    stop: int = 0  # byte offset just past the last line or record (JSONL, WARC)
    first_line: int = 1  # the line number at `start` (JSONL), so sources name their line
    files: tuple[str, ...] = ()  # relative paths (FILES)
    count: int = 0  # documents (lines, records, files) the partition holds
    fingerprint: str = ""  # "size:mtime_ns" of the corpus file when planned (JSONL, WARC)

    @property
    def key(self) -> str:
        """A stable name for this slice of this corpus, for its checkpoint."""
        digest = hashlib.sha256()
        for part in (self.kind, self.path, self.start, self.stop, self.first_line, self.fingerprint, *self.files):
            digest.update(str(part).encode("utf-8", "surrogateescape"))
            digest.update(b"\x00")
        return digest.hexdigest()[:32]

    @property
    def label(self) -> str:
        """What a person reads in a report: the file and the lines, records or files covered."""
        if self.kind is PartitionKind.JSONL:
            return f"{self.path} lines {self.first_line}-{self.first_line + self.count - 1}"
        if self.kind is PartitionKind.WARC:
            return f"{self.path} bytes {self.start}-{self.stop} ({self.count} records)"
        first, last = (self.files[0], self.files[-1]) if self.files else ("", "")
        return f"{self.path} files {first} … {last} ({len(self.files)})"


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One document of a corpus as read, with what the corpus says of it (wins over the run's defaults)."""

    original: Original
    published: str | None = None
    language: str | None = None


def fingerprint(path: Path) -> str:
    """The file's size and modification time: a checkpoint is only good for the file it was made on."""
    info = path.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"
