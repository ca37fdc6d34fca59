"""A list of sources with what a team already knows of each: date, language, title.

Teams keep their sources in a spreadsheet: which report, where it came from, when it
was published. A manifest (JSON Lines, or CSV with a header row) lets `vigil ingest`
take that knowledge along, so a plain-text file or a PDF without metadata still gets
its publication date — and with it, "last year" resolves to the right year.

One row per source; `file` (relative to the manifest's folder) or `url` is required;
`published`, `language`, `title`, `publisher` and `confidentiality` are optional.
Other columns are kept out of the way (a team's own notes).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vigil.errors import CorruptDocument, EmptyDocument, InputError

__all__ = ["ManifestEntry", "read_manifest"]


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One source of a manifest, or the reason its row cannot be used."""

    source: str  # a path (resolved against the manifest's folder) or a URL
    published: str | None = None
    language: str | None = None
    title: str | None = None
    publisher: str | None = None
    confidentiality: str | None = None
    row: int = 0  # the row number in the manifest, for messages


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _rows(path: Path, data: str) -> Iterator[tuple[int, dict[str, object] | InputError]]:
    if path.suffix.lower() == ".csv":
        for n, row in enumerate(csv.DictReader(io.StringIO(data)), 2):
            yield n, dict(row)
        return
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, CorruptDocument(f"{path}:{n}", f"not a JSON object: {exc.msg}")
            continue
        if not isinstance(row, dict):
            yield n, CorruptDocument(f"{path}:{n}", "a manifest line must be a JSON object")
            continue
        yield n, row


def read_manifest(path: str | Path) -> list[ManifestEntry | InputError]:
    """The entries of a manifest file, in order; a bad row is an InputError in its place."""
    path = Path(path)
    try:
        data = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EmptyDocument(str(path), "no such manifest file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorruptDocument(str(path), f"cannot read the manifest: {exc}") from None
    out: list[ManifestEntry | InputError] = []
    for n, row in _rows(path, data):
        if isinstance(row, InputError):
            out.append(row)
            continue
        url, file = _text(row.get("url")), _text(row.get("file"))
        if file:
            source = str((path.parent / file)) if not Path(file).is_absolute() else file
        elif url:
            source = url
        else:
            out.append(CorruptDocument(f"{path}:{n}", "a row needs a 'file' or a 'url'"))
            continue
        out.append(
            ManifestEntry(
                source=source,
                published=_text(row.get("published")),
                language=_text(row.get("language")),
                title=_text(row.get("title")),
                publisher=_text(row.get("publisher")),
                confidentiality=_text(row.get("confidentiality")),
                row=n,
            )
        )
    return out
