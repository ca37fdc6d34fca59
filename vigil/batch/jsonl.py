"""JSON Lines corpora: one document a line, `{"text", "url", "published", "language", "title"}`.

Only `text` is required. The text's UTF-8 bytes are the document's original (its
id is their hash), and its source is `file.jsonl:LINE`, so every figure can be
traced to the line it came from. `published` and `language` from the line win
over the run's defaults; a bad one fails that document, not the partition.

Planning reads the file once, counting lines, and cuts it at every `size`-th
line by byte offset; a worker seeks straight to its offset.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from vigil.batch.partition import CorpusItem, Partition, PartitionKind, fingerprint
from vigil.errors import EmptyDocument, InputError
from vigil.ingest.original import MAX_BYTES, Original

__all__ = ["JSONL_EXTENSIONS", "TEXT_FIELD", "plan_jsonl", "read_jsonl"]

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
TEXT_FIELD = "text"
_OPTIONAL_FIELDS = ("url", "published", "language", "title")


def plan_jsonl(path: Path, size: int) -> list[Partition]:
    """Partitions of `size` lines each (blank lines count as lines: they are skipped when read)."""
    partitions: list[Partition] = []
    stamp = fingerprint(path)
    start = offset = 0
    first_line = line_number = 1
    lines = 0
    with path.open("rb") as handle:
        for line in handle:
            offset += len(line)
            line_number += 1
            lines += 1
            if lines == size:
                partitions.append(Partition(PartitionKind.JSONL, str(path), start, offset, first_line, (), lines, stamp))
                start, first_line, lines = offset, line_number, 0
    if lines:
        partitions.append(Partition(PartitionKind.JSONL, str(path), start, offset, first_line, (), lines, stamp))
    return partitions


def read_jsonl(partition: Partition) -> Iterator[CorpusItem | InputError]:
    """The documents of the partition's lines, or the InputError naming a bad line."""
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        offset = partition.start
        number = partition.first_line
        while offset < partition.stop:
            line = handle.readline()
            if not line:
                break
            offset += len(line)
            if line.strip():
                yield _item(line, f"{partition.path}:{number}")
            number += 1


def _item(line: bytes, source: str) -> CorpusItem | InputError:
    if len(line) > MAX_BYTES:
        return InputError(source, f"a line of {len(line)} bytes is over the limit for one document")
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return InputError(source, f"not a JSON line ({exc})")
    if not isinstance(record, dict):
        return InputError(source, "a JSON line must be an object with a 'text' field")
    text = record.get(TEXT_FIELD)
    if not isinstance(text, str):
        return InputError(source, "no 'text' field holding a string")
    if not text.strip():
        return EmptyDocument(source, "the 'text' field is empty")
    fields: dict[str, str | None] = {}
    for name in _OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(source, f"the {name!r} field must be a string")
        fields[name] = value or None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return InputError(source, "the 'text' field holds a lone surrogate, not text")
    original = Original(data=data, source=source, url=fields["url"], media_type="text/plain", title=fields["title"])
    return CorpusItem(original, fields["published"], fields["language"])
