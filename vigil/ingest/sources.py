"""`iter_originals`: files, folders, URLs and feeds expanded into Originals, one at a time.

Failures are yielded as InputError values rather than raised, so one bad source
never stops a batch; the caller reports each and goes on. Nothing here reads a file
before checking its size, so a 200 MB file costs one `stat`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from vigil.errors import EmptyDocument, InputError, TooLarge, UnsupportedFormat
from vigil.ingest.feeds import FEED_MEDIA_TYPES, Feed, looks_like_feed, parse_feed
from vigil.ingest.fetch import Fetcher
from vigil.ingest.formats import DOCUMENT_EXTENSIONS, FEED_EXTENSIONS, extension_of, media_type_for
from vigil.ingest.original import MAX_BYTES, Original

__all__ = ["FOLDER_EXTENSIONS", "iter_originals"]

# What a folder walk picks up. ".xml" is left out: in a folder of reports it is far
# more often a sitemap or an export than a feed. A feed saved as .xml can still be
# named on the command line.
FOLDER_EXTENSIONS = frozenset(DOCUMENT_EXTENSIONS) | {".rss", ".atom"}


def iter_originals(
    sources: Sequence[str], *, fetcher: Fetcher | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Original | InputError]:
    """Each original the sources hold, in order, or the InputError that stopped one of them."""
    lazy = _LazyFetcher(fetcher, max_bytes)
    try:
        for source in sources:
            if _is_url(source):
                yield from _from_url(source, lazy)
            elif "://" in source:
                yield UnsupportedFormat(source, "only http:// and https:// URLs can be fetched")
            else:
                yield from _from_path(source, lazy, max_bytes)
    finally:
        lazy.close()


class _LazyFetcher:
    """A Fetcher made on first use (a batch of files needs none), and closed only if made here."""

    def __init__(self, given: Fetcher | None, max_bytes: int) -> None:
        self._fetcher = given
        self._own = given is None
        self._max_bytes = max_bytes

    def get(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(max_bytes=self._max_bytes)
        return self._fetcher

    def close(self) -> None:
        if self._own and self._fetcher is not None:
            self._fetcher.close()


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _from_url(url: str, fetcher: _LazyFetcher) -> Iterator[Original | InputError]:
    try:
        original = fetcher.get().fetch(url)
    except InputError as exc:
        yield exc
        return
    if original.media_type in FEED_MEDIA_TYPES or looks_like_feed(original.data):
        feed = parse_feed(original.data, base_url=original.url or url)
        if feed is not None:
            yield from _from_feed(feed, url, fetcher)
            return
    yield original


def _from_path(source: str, fetcher: _LazyFetcher, max_bytes: int) -> Iterator[Original | InputError]:
    path = Path(source)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    if not exists:
        yield InputError(source, "no such file or folder")
    elif is_dir:
        for item in _walk(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _from_file(item, fetcher, max_bytes)
    else:
        yield from _from_file(path, fetcher, max_bytes)


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Supported files under `root`, depth first, each folder's files before its subfolders, sorted by name."""
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        while errors:
            error = errors.pop(0)
            yield InputError(str(error.filename or folder), f"folder cannot be read ({error.strerror or error})")
        subfolders[:] = sorted(name for name in subfolders if not _hidden(name))
        for name in sorted(files):
            if not _hidden(name) and extension_of(name) in FOLDER_EXTENSIONS:
                yield Path(folder) / name
    for error in errors:
        yield InputError(str(error.filename or root), f"folder cannot be read ({error.strerror or error})")


def _hidden(name: str) -> bool:
    # "~$report.docx" is the lock file Word leaves beside an open document.
    return name.startswith((".", "~$"))


def _from_file(path: Path, fetcher: _LazyFetcher, max_bytes: int) -> Iterator[Original | InputError]:
    source = str(path)
    try:
        data = _read_capped(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    extension = extension_of(source)
    if extension in FEED_EXTENSIONS or (extension not in DOCUMENT_EXTENSIONS and looks_like_feed(data)):
        feed = parse_feed(data)
        if feed is not None:
            yield from _from_feed(feed, source, fetcher)
            return
        if extension in FEED_EXTENSIONS:
            yield UnsupportedFormat(source, "not an RSS or Atom feed")
            return
    yield Original(data=data, source=source, url=None, media_type=media_type_for(source))


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused by size before any is read; raises InputError naming the path."""
    source = str(path)
    try:
        info = path.stat()
        if not path.is_file():
            raise InputError(source, "not a regular file")
        if info.st_size > max_bytes:
            raise TooLarge(source, f"{_mb(info.st_size)} is over the {_mb(max_bytes)} limit; not read")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since the stat
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise TooLarge(source, f"over the {_mb(max_bytes)} limit; not read")
    return data


def _from_feed(feed: Feed, source: str, fetcher: _LazyFetcher) -> Iterator[Original | InputError]:
    if not feed.entries:
        yield EmptyDocument(source, "a feed with no entries")
        return
    for number, entry in enumerate(feed.entries, 1):
        label = f"{source} (entry {number}{': ' + entry.title if entry.title else ''})"
        if not entry.link:
            yield InputError(label, "feed entry has no link")
            continue
        if not _is_url(entry.link):
            yield UnsupportedFormat(label, f"feed entry link {entry.link!r} is not an http(s) URL")
            continue
        try:
            original = fetcher.get().fetch(entry.link)
        except InputError as exc:
            yield exc
            continue
        yield dataclasses.replace(
            original,
            title=entry.title or original.title,
            published=entry.published or original.published,
            publisher=feed.title or original.publisher,
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
