"""Ingest: bytes in, `Document` out, and the archive that keeps the bytes.

    iter_originals(sources)  files, folders, URLs, feeds → Original | InputError, one at a time
    read_document(original)  Original → Document (pure: no disk writes, no network)
    Archive(root).put(bytes) the original kept once, under its sha256

One module per format (`text`, `html`, `pdf`, `docx`), `feeds`, `fetch`, `language`;
`formats` holds the media type → reader table. No database here.
"""

from __future__ import annotations

from vigil.ingest.archive import Archive
from vigil.ingest.document import read_document
from vigil.ingest.fetch import Fetcher
from vigil.ingest.formats import DOCUMENT_EXTENSIONS, FEED_EXTENSIONS, READERS, choose_reader, extension_of
from vigil.ingest.language import detect_language
from vigil.ingest.original import MAX_BYTES, Original
from vigil.ingest.sources import FOLDER_EXTENSIONS, iter_originals

__all__ = [
    "Archive",
    "DOCUMENT_EXTENSIONS",
    "FEED_EXTENSIONS",
    "FOLDER_EXTENSIONS",
    "Fetcher",
    "MAX_BYTES",
    "Original",
    "READERS",
    "archive_suffix",
    "choose_reader",
    "detect_language",
    "extension_of",
    "iter_originals",
    "read_document",
]


def archive_suffix(original: Original, media_type: str | None = None) -> str:
    """The suffix to archive an original under (".pdf", ".html", ...; "" if unknown).

    Its own extension when that names the format it was read as; otherwise the usual
    extension of `media_type` (what `read_document` found, `Document.media_type`) or
    of the declared media type.
    """
    media_type = media_type or original.media_type
    own = extension_of(original.url or original.source)
    if own in DOCUMENT_EXTENSIONS and (media_type is None or DOCUMENT_EXTENSIONS[own] == media_type):
        return own
    for extension, known in DOCUMENT_EXTENSIONS.items():
        if known == media_type:
            return extension
    return ""
