"""Which reader reads an original: a name → function table, filled by the built-in readers.

The choice, in order: PDF bytes are read as PDF whatever they are called (the magic
`%PDF-` is unambiguous); then the declared media type (HTTP Content-Type, or the
extension's); then the extension of the path or URL; then a sniff of the first bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from vigil.errors import UnsupportedFormat
from vigil.ingest.docx import read_docx
from vigil.ingest.extracted import Extracted
from vigil.ingest.html import read_html
from vigil.ingest.original import Original
from vigil.ingest.pdf import read_pdf
from vigil.ingest.text import read_text

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "FEED_EXTENSIONS",
    "READERS",
    "Reader",
    "choose_reader",
    "extension_of",
    "media_type_for",
]

Reader = Callable[[Original], Extracted]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

READERS: dict[str, Reader] = {
    "text/plain": read_text,
    "text/markdown": read_text,
    "text/x-markdown": read_text,
    "text/html": read_html,
    "application/xhtml+xml": read_html,
    "application/pdf": read_pdf,
    DOCX: read_docx,
}

DOCUMENT_EXTENSIONS: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
    ".docx": DOCX,
}
FEED_EXTENSIONS: dict[str, str] = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
}

# Types that say nothing about the content: servers send them for any download.
_UNINFORMATIVE = frozenset(
    {"application/octet-stream", "binary/octet-stream", "application/download", "application/force-download",
     "application/x-download", "application/unknown"}
)
SNIFF_BYTES = 1024
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


def extension_of(source: str) -> str:
    """The lower-cased extension of a path or of a URL's path ("" if none)."""
    path = urlsplit(source).path if source.startswith(("http://", "https://")) else source
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


def media_type_for(source: str) -> str | None:
    """The media type an extension stands for, or None if vigil does not know it."""
    ext = extension_of(source)
    return DOCUMENT_EXTENSIONS.get(ext) or FEED_EXTENSIONS.get(ext)


def choose_reader(original: Original) -> tuple[str, Reader]:
    """(media type, reader) for an original; raises UnsupportedFormat naming its source."""
    if b"%PDF-" in original.data[:SNIFF_BYTES]:
        return "application/pdf", READERS["application/pdf"]
    declared = (original.media_type or "").lower()
    if declared in READERS:
        return declared, READERS[declared]
    by_extension = DOCUMENT_EXTENSIONS.get(extension_of(original.url or original.source))
    by_extension = by_extension or DOCUMENT_EXTENSIONS.get(extension_of(original.source))
    if by_extension and (not declared or declared in _UNINFORMATIVE):
        return by_extension, READERS[by_extension]
    sniffed = _sniff(original.data)
    if sniffed:
        return sniffed, READERS[sniffed]
    if declared.startswith("text/") and declared not in ("text/xml",):
        return "text/plain", READERS["text/plain"]
    what = declared or extension_of(original.source) or "no extension"
    raise UnsupportedFormat(
        original.source, f"not a format vigil reads ({what}); it reads {', '.join(DOCUMENT_EXTENSIONS)}"
    )


def _sniff(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"pk\x03\x04") and b"word/" in data[: 64 * 1024]:
        return DOCX
    if any(marker in head for marker in _HTML_MARKERS):
        return "text/html"
    return None
