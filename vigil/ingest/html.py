"""HTML pages: the article text and its metadata, by trafilatura.

trafilatura finds the main text (dropping menus, footers, scripts and comments)
and, through htmldate, the publication date from the page's own metadata. We ask
htmldate not to search the body text or the URL for dates: a date guessed from
prose is worse than none, since the extractor resolves "last year" against it.

trafilatura falls back to whatever text a page has when it finds no article, so a
page of menus comes back as a list of link labels; `_looks_like_navigation` turns
that into EmptyDocument.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from vigil.errors import CorruptDocument, EmptyDocument
from vigil.ingest.dates import normalise_date
from vigil.ingest.extracted import Extracted, clean_title, normalise_text
from vigil.ingest.original import Original

__all__ = ["read_html"]

_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}

# A line of prose has at least this many words; menu items, breadcrumbs and
# button labels have one to four. A page with no such line has no article.
MIN_SENTENCE_WORDS = 8


def read_html(original: Original) -> Extracted:
    """The article text, title, site name and publication date of an HTML original."""
    content: bytes | str = original.data
    if original.charset:
        try:
            content = original.data.decode(original.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declared charset: let trafilatura sniff the bytes
    try:
        result = trafilatura.bare_extraction(
            content,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on malformed input
        raise CorruptDocument(original.source, f"not readable as HTML ({type(exc).__name__}: {exc})") from None
    if result is None or isinstance(result, dict):
        raise EmptyDocument(original.source, "no article text in this HTML page")
    text = normalise_text(result.text or "")
    if not text.strip():
        raise EmptyDocument(original.source, "no article text in this HTML page")
    if _looks_like_navigation(text):
        raise EmptyDocument(original.source, "no article text: the page is only navigation or short labels")
    return Extracted(
        text=text,
        title=clean_title(result.title),
        publisher=clean_title(result.sitename),
        published=normalise_date(result.date),
    )


def _looks_like_navigation(text: str) -> bool:
    return all(len(line.split()) < MIN_SENTENCE_WORDS for line in text.split("\n"))
