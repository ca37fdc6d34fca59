"""The sources folder of a site: archived originals, and each text with its quotes marked.

A footnote must lead to evidence that works opened from disk, so every cited document
gets two files in `<site>/sources/`:

  - `<sha256><ext>`: a copy of the archived original, byte for byte, checked against its
    hash on the way (`Archive.read`) — the document as it was collected;
  - `<sha256>.html`: the text vigil read from it, with each cited quote marked and
    anchored (`#q-<figure or event id hash>`), so "where does this number come from" is one
    click and shows the exact characters the span points to.

A public site copies no original of a document with private names marked in it (the
original would show them); its text page shows the text with the names withheld.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import Markup, escape

from vigil.errors import VigilError
from vigil.ingest import Archive
from vigil.model import Span
from vigil.publish.private_names import PrivateNames
from vigil.publish.render import render
from vigil.store import Store
from vigil.store.published import SourceRow

__all__ = ["SOURCES_DIR", "SourceFiles", "anchor", "marked_text", "write_sources"]

SOURCES_DIR = "sources"


@dataclass(frozen=True, slots=True)
class SourceFiles:
    """Where a cited document's files are, relative to the site root (None when not written)."""

    original: str | None
    text: str | None


def anchor(item_id: str) -> str:
    """The HTML id of a quote in a text page: `q-` and the id's hash part."""
    return "q-" + item_id.split(":", 1)[-1]


def _digest(document_id: str) -> str:
    return document_id.split(":", 1)[-1]


def marked_text(text: str, quotes: Iterable[tuple[str, Span]]) -> Markup:
    """The text escaped, each quote wrapped in `<mark id=…>`; overlapping quotes get an anchor only."""
    spans = sorted(quotes, key=lambda q: (q[1].start, -q[1].end, q[0]))
    parts: list[str] = []
    position = 0
    open_until = -1
    for item_id, span in spans:
        if span.start < position or span.start < open_until:
            continue  # inside a quote already marked; its anchor is that quote's
        parts.append(str(escape(text[position : span.start])))
        parts.append(f'<mark id="{anchor(item_id)}">{escape(text[span.start : span.end])}</mark>')
        position = span.end
        open_until = span.end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))


def _aliases(quotes: list[tuple[str, Span]]) -> dict[str, str]:
    """For quotes that share or sit inside another's span: the anchor of the quote that is marked."""
    aliases: dict[str, str] = {}
    marked: list[tuple[str, Span]] = []
    for item_id, span in sorted(quotes, key=lambda q: (q[1].start, -q[1].end, q[0])):
        host = next((m for m in reversed(marked) if m[1].start <= span.start < m[1].end), None)
        if host is None:
            marked.append((item_id, span))
        else:
            aliases[item_id] = anchor(host[0])
    return aliases


def write_sources(
    store: Store,
    sources: Iterable[SourceRow],
    quotes: dict[str, list[tuple[str, Span]]],
    out: Path,
    *,
    archive: Archive | None,
    private: PrivateNames,
) -> tuple[dict[str, SourceFiles], dict[str, str]]:
    """Write each source's original and text page under `out/sources/`.

    `quotes` maps a document id to the (figure or event id, span) of each quote cited
    from it. Returns the files per document id, and for each cited item the href of
    its quote in context (`sources/<sha>.html#q-…`).
    """
    folder = out / SOURCES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, SourceFiles] = {}
    hrefs: dict[str, str] = {}
    for source in sources:
        digest = _digest(source.id)
        original = _copy_original(source, folder, digest, archive, private)
        document = store.get_document(source.id)
        cited = quotes.get(source.id, [])
        text = private.redact(source.id, document.text) if private.has_names(source.id) else document.text
        if private.has_names(source.id):
            # Redaction changes lengths, so spans no longer fit: show the text without marks.
            body = Markup(escape(text))
        else:
            body = marked_text(text, cited)
        page = f"{digest}.text.html"  # never the name of an archived HTML original (`<sha>.html`)
        (folder / page).write_text(
            render("source.html", source=source, body=body, original=original, root="../"), encoding="utf-8"
        )
        aliases = _aliases(cited)
        for item_id, _span in cited:
            target = aliases.get(item_id, anchor(item_id))
            hrefs[item_id] = f"{SOURCES_DIR}/{page}#{target}"
        files[source.id] = SourceFiles(
            original=f"{SOURCES_DIR}/{original}" if original else None, text=f"{SOURCES_DIR}/{page}"
        )
    return files, hrefs


def _copy_original(
    source: SourceRow, folder: Path, digest: str, archive: Archive | None, private: PrivateNames
) -> str | None:
    """Copy the archived original into the sources folder; its file name there, or None."""
    if archive is None or not source.archive_path or private.has_names(source.id):
        return None
    suffix = PurePosixPath(source.archive_path).suffix.lower()
    name = f"{digest}{suffix}"
    target = folder / name
    if target.is_file() and target.stat().st_size > 0:
        return name
    try:
        data = archive.read(source.archive_path)  # checks the bytes against their hash
    except VigilError:
        return None  # a missing or altered original is not copied; the text page still shows what was read
    temporary = target.with_suffix(target.suffix + ".part")
    temporary.write_bytes(data)
    shutil.move(temporary, target)
    return name
