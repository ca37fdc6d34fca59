"""Checkpoints: one small file per finished partition, written atomically by the driver.

Why files and not a table: a table would need a migration of the shared schema
for what is bookkeeping of one run; a file per partition needs no lock, no
schema, and survives a database restore being mixed up with it — and it is only
a shortcut. The truth of "done" is the documents themselves: a worker looks up
its partition's content-hash ids before extracting and skips the ones stored,
and every write is an idempotent upsert. So:

- the checkpoint is written *after* the partition's transactions commit; a crash
  between the two re-reads one partition, finds its documents present, and
  writes nothing again;
- a lost or deleted checkpoint folder costs a re-read of the corpus and one id
  look-up per batch, never a duplicate.

Layout: `<root>/<run>/<partition key>.json`, where `<run>` hashes the corpus path
and the database URL, so runs of two corpora, or of one corpus into two
databases, never take each other's checkpoints. A file appears whole or not at
all (written beside, fsynced, then `os.replace`d).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from vigil.errors import ConfigError

__all__ = ["Checkpoints"]


class Checkpoints:
    """The finished partitions of one run (one corpus into one database)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def for_run(cls, root: Path, corpus: str | Path, db_url: str) -> Checkpoints:
        """The checkpoints of `corpus` going into `db_url`, under `root`."""
        run = hashlib.sha256(f"{Path(corpus).resolve()}\x00{db_url}".encode("utf-8", "surrogateescape"))
        return cls(Path(root) / run.hexdigest()[:24])

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def done(self, key: str) -> bool:
        """Whether the partition with this key finished in an earlier (or this) run."""
        return self._path(key).is_file()

    def mark(self, key: str, summary: Mapping[str, object]) -> None:
        """Record the partition as finished, with what it did; atomic."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(dict(summary), handle, ensure_ascii=False, sort_keys=True)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temporary, self._path(key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise ConfigError(str(self.folder), f"cannot write a checkpoint ({exc.strerror or exc})") from None

    def count(self) -> int:
        """How many partitions are checkpointed."""
        return sum(1 for _ in self.folder.glob("*.json")) if self.folder.is_dir() else 0
