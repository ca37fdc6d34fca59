"""`read_document`: one Original in, one Document out, with no disk writes and no network."""

from __future__ import annotations

import datetime as dt
import re

from vigil.errors import CorruptDocument, ConfigError, DateError, EmptyDocument
from vigil.ingest.extracted import normalise_text
from vigil.ingest.formats import choose_reader
from vigil.ingest.language import detect_language
from vigil.ingest.original import Original
from vigil.model import Confidentiality, Document, document_id, parse_partial_date

__all__ = ["read_document"]

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


# No report has a line (a paragraph, once PDFs are reflowed) of a million characters; such
# a line is data or a dump, and reading it as prose would keep the extractor busy for
# minutes on one input of a batch.
MAX_LINE_CHARS = 1_000_000


def read_document(
    original: Original,
    *,
    published: str | None = None,
    language: str | None = None,
    confidentiality: Confidentiality | str = "public",
    retrieved_at: str | None = None,
) -> Document:
    """The Document an original holds: its text read once, its metadata, its content-hash id.

    What the caller says wins over what the original says about itself: `published`
    and `language` given here beat the feed entry's and the page's own metadata,
    and the feed entry (written by the publisher for exactly this) beats metadata
    found inside the page. Raises InputError subclasses naming `original.source`,
    DateError for a bad `published`, ConfigError for a bad `language` or
    `confidentiality`.
    """
    level = _confidentiality(confidentiality)
    if published is not None:
        try:
            published = parse_partial_date(published)
        except ValueError as exc:
            raise DateError(published, str(exc)) from None
    if language is not None:
        language = language.strip().lower()
        if not _LANGUAGE_CODE.match(language):
            raise ConfigError(language, "a language is an ISO 639-1 code such as 'en' or 'ru'")
    media_type, reader = choose_reader(original)
    extracted = reader(original)
    text = normalise_text(extracted.text)  # readers normalise already; this keeps it a guarantee
    if not text.strip():
        raise EmptyDocument(original.source, "no text")
    longest = max(map(len, text.split("\n")))
    if longest > MAX_LINE_CHARS:
        raise CorruptDocument(
            original.source, f"a single line of {longest:,} characters is not a readable report (minified data or a dump?)"
        )
    return Document(
        id=document_id(original.data),
        text=text,
        title=original.title or extracted.title,
        url=original.url,
        publisher=original.publisher or extracted.publisher,
        published=published or original.published or extracted.published,
        language=language or detect_language(text),
        retrieved_at=retrieved_at or original.retrieved_at or _now(),
        confidentiality=level,
        source=original.source,
        media_type=media_type,
    )


def _confidentiality(value: Confidentiality | str) -> Confidentiality:
    try:
        return Confidentiality(value)
    except ValueError:
        choices = ", ".join(level.value for level in Confidentiality)
        raise ConfigError(str(value), f"confidentiality must be one of {choices}") from None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
