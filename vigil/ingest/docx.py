"""Word (.docx): paragraphs and tables in document order, by python-docx.

A .docx is a zip archive, so before python-docx inflates anything we read the zip's
directory and refuse archives whose members would inflate to absurd sizes (a "zip
bomb"): a 50 KB file can hold 50 MB of zeros, and a crafted one far more.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from vigil.errors import CorruptDocument, EmptyDocument, InputError
from vigil.ingest.extracted import Extracted, clean_title, normalise_text
from vigil.ingest.original import Original

__all__ = ["check_zip", "read_docx"]

# Inflated size of all members together. Text-heavy reports stay under 20 MB even
# with pictures; the cap bounds memory however the members are compressed.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# XML deflates 5-20x, media hardly at all; past 100x a member is padding made to
# inflate. Small members can reach high ratios innocently (a run of blank cells),
# so the ratio is only judged on members that inflate beyond RATIO_MIN_BYTES.
MAX_COMPRESSION_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000

BLOCK_SEPARATOR = "\n\n"
ROW_SEPARATOR = "\n"
CELL_SEPARATOR = "\t"


def read_docx(original: Original) -> Extracted:
    """The paragraphs and tables (in document order) and the title of a .docx original."""
    source = original.source
    check_zip(original.data, source)
    try:
        document = docx.Document(io.BytesIO(original.data))
        blocks = list(_blocks(document.iter_inner_content()))
        title = clean_title(document.core_properties.title or None)
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on broken parts
        raise CorruptDocument(source, f"broken Word document ({type(exc).__name__}: {exc})") from None
    text = normalise_text(BLOCK_SEPARATOR.join(block for block in blocks if block.strip()))
    if not text.strip():
        raise EmptyDocument(source, "no text in this Word document")
    return Extracted(text=text, title=title)


def check_zip(data: bytes, source: str) -> None:
    """Raise CorruptDocument unless `data` is a zip holding a Word document that is safe to inflate."""
    if not data.startswith(b"PK"):
        raise CorruptDocument(source, "not a Word document (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocument(source, f"not a Word document (broken zip archive: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise CorruptDocument(source, f"looks like a zip bomb ({len(members)} members)")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise CorruptDocument(
            source, f"looks like a zip bomb (would inflate to {total // (1024 * 1024)} MB)"
        )
    for member in members:
        if member.file_size > RATIO_MIN_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise CorruptDocument(
                    source, f"looks like a zip bomb ({member.filename} inflates {ratio:.0f} times)"
                )
    if "word/document.xml" not in {member.filename for member in members}:
        raise CorruptDocument(source, "a zip archive but not a Word document (no word/document.xml)")


def _blocks(content: Iterable[Any]) -> Iterator[str]:
    for block in content:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield _table_text(block)


def _table_text(table: Table) -> str:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # a merged cell repeats in every column it spans
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        rows.append(CELL_SEPARATOR.join(cells))
    return ROW_SEPARATOR.join(rows)


def _cell_text(cell: _Cell) -> str:
    # A row stays one line and its cells stay tab-separated, so the paragraphs (and
    # nested tables) inside one cell are joined by spaces.
    parts = (block.replace(CELL_SEPARATOR, " ") for block in _blocks(cell.iter_inner_content()))
    return " ".join(part.replace("\n", " ") for part in parts if part.strip())
