"""The golden files' shared part: which examples, read how, written how (scripts/update_golden.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from vigil.extract import extract
from vigil.ingest import iter_originals, read_document
from vigil.ingest.manifest import ManifestEntry, read_manifest
from vigil.model import Document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"


def examples() -> Iterator[tuple[str, Document]]:
    """(file name, document) for each example, read as `make run` reads it (with the manifest's date and language)."""
    for entry in read_manifest(EXAMPLES / "manifest.jsonl"):
        assert isinstance(entry, ManifestEntry), entry
        (original,) = list(iter_originals([entry.source]))
        assert not isinstance(original, Exception), original
        document = read_document(original, published=entry.published, language=entry.language)
        yield Path(entry.source).name, document


def golden_lines(document: Document) -> list[str]:
    """The document's figures and events as golden-file lines, in document order."""
    found = extract(document.text, document.language, document.published, document.id)
    return [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in found.to_dicts()]
