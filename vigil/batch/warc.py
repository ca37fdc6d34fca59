"""WARC corpora (web crawls): each successful response or resource record is a document.

Read with warcio. A record's payload (de-chunked, de-compressed) is the original,
its `WARC-Target-URI` the URL, its HTTP `Content-Type` the media type, its
`WARC-Date` when it was retrieved, and its source `crawl.warc.gz@OFFSET`: with the
offset, `warcio extract` gives back the exact bytes any figure came from.

Records that are not documents are passed over without a word: requests,
metadata, redirects and errors (non-2xx), and responses of a type vigil does not
read (images, scripts, style sheets) — in a crawl they outnumber the pages, and
listing each as a failure would bury the real ones.

Planning walks the record headers once and cuts the file at every `size`-th
document record; a gzip WARC is one gzip member per record, so a worker can seek
to a record's offset and read from there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from vigil.batch.partition import CorpusItem, Partition, PartitionKind, fingerprint
from vigil.errors import InputError, TooLarge
from vigil.ingest.formats import READERS
from vigil.ingest.original import MAX_BYTES, Original

__all__ = ["WARC_EXTENSIONS", "is_document_record", "plan_warc", "read_warc"]

WARC_EXTENSIONS = (".warc", ".warc.gz")
_DOCUMENT_RECORDS = ("response", "resource")
# Media types sent for anything: the reader is chosen by sniffing the bytes instead.
_UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def _media_type(record: ArcWarcRecord) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = (headers.get_header("Content-Type") if headers is not None else None) or ""
    return str(value).split(";", 1)[0].strip().lower()


def _charset(record: ArcWarcRecord) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = str((headers.get_header("Content-Type") if headers is not None else None) or "")
    for parameter in value.split(";")[1:]:
        name, _, charset = parameter.partition("=")
        if name.strip().lower() == "charset" and charset.strip():
            return charset.strip().strip("\"'")
    return None


def is_document_record(record: ArcWarcRecord) -> bool:
    """Whether a record holds a document vigil reads: a 2xx response or a resource, of a readable type."""
    if record.rec_type not in _DOCUMENT_RECORDS:
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = str(record.http_headers.get_statuscode() or "")
        if not status.startswith("2"):
            return False
    media_type = _media_type(record)
    return media_type in READERS or media_type in _UNDECLARED


def plan_warc(path: Path, size: int) -> list[Partition]:
    """Partitions of `size` document records each, cut at record offsets."""
    stamp = fingerprint(path)
    total = path.stat().st_size
    starts: list[int] = []
    documents = 0
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if not is_document_record(record):
                continue
            if documents % size == 0:
                starts.append(records.get_record_offset())
            documents += 1
    partitions: list[Partition] = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else total
        count = size if index + 1 < len(starts) else documents - size * index
        partitions.append(Partition(PartitionKind.WARC, str(path), start, stop, 1, (), count, stamp))
    return partitions


def read_warc(partition: Partition) -> Iterator[CorpusItem | InputError]:
    """The document records whose offsets fall in the partition's byte range."""
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        records = ArchiveIterator(handle)
        for record in records:
            # The payload is read before the offset is asked for: warcio finds a
            # record's offset by reading it to its end, after which it is gone.
            data = record.content_stream().read(MAX_BYTES + 1) if is_document_record(record) else None
            offset = records.get_record_offset()  # from the file's start: warcio asks the file where it is
            if offset >= partition.stop:
                break
            if data is not None:
                yield _item(record, data, f"{partition.path}@{offset}")


def _item(record: ArcWarcRecord, data: bytes, source: str) -> CorpusItem | InputError:
    if len(data) > MAX_BYTES:
        return TooLarge(source, "the record's payload is over the limit for one document")
    media_type = _media_type(record)
    url = record.rec_headers.get_header("WARC-Target-URI")
    retrieved = record.rec_headers.get_header("WARC-Date")
    original = Original(
        data=data,
        source=source,
        url=str(url) if url else None,
        media_type=None if media_type in _UNDECLARED else media_type,
        charset=_charset(record),
        retrieved_at=str(retrieved) if retrieved else None,
    )
    return CorpusItem(original)
