"""RSS and Atom feeds: the entries and the links to their articles, by feedparser.

feedparser is always given the bytes in a stream: handed a string it may take it
for a URL or a file name and fetch or open it itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from vigil.ingest.dates import date_from_struct
from vigil.ingest.extracted import clean_title

__all__ = ["FEED_MEDIA_TYPES", "Feed", "FeedEntry", "looks_like_feed", "parse_feed"]

FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
# A feed names its root element in its first bytes, after the XML declaration,
# perhaps a stylesheet instruction and a comment.
SNIFF_BYTES = 2048
_ROOT_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: the article it links to, with the feed's title and date for it."""

    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its own title (the publisher, usually) and its entries in feed order."""

    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether the first bytes name an RSS, Atom or RDF root element (a cheap test before parsing)."""
    head = data[:SNIFF_BYTES].lower()
    return any(marker in head for marker in _ROOT_MARKERS)


def parse_feed(data: bytes, base_url: str | None = None) -> Feed | None:
    """The feed in `data`, or None if feedparser does not recognise an RSS or Atom feed there.

    Relative entry links are resolved against `base_url` (the URL the feed was
    fetched from) or, for a feed read from a file, against the site link it gives.
    """
    parsed: Any = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version"):
        return None
    base = base_url or parsed.feed.get("link") or None
    entries = tuple(_entry(entry, base) for entry in parsed.entries)
    return Feed(title=clean_title(parsed.feed.get("title")), entries=entries)


def _entry(entry: Any, base_url: str | None) -> FeedEntry:
    link = (entry.get("link") or "").strip() or None
    if link and base_url:
        link = urljoin(base_url, link)
    published = date_from_struct(entry.get("published_parsed") or entry.get("updated_parsed"))
    return FeedEntry(link=link, title=clean_title(entry.get("title")), published=published)
