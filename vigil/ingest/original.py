"""`Original`: one source's bytes as they came, before any reader has looked at them.

Keeping the bytes apart from the text read out of them is what lets vigil archive
the evidence unchanged and read it again later with a better reader.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_BYTES", "Original"]

# 50 MB: the largest NGO and UN reports we have seen are ~20 MB PDFs; anything much
# bigger is a scan, a dump or a mistake, and would be read whole into memory.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Original:
    """One original as it came (a file's or a response's bytes), with what is known of it."""

    data: bytes
    source: str  # the path or URL it was read from
    url: str | None  # the URL it was finally served from (after redirects), if any
    media_type: str | None  # from the extension or the HTTP Content-Type, without parameters
    title: str | None = None  # e.g. from a feed entry
    published: str | None = None  # e.g. from a feed entry, YYYY[-MM[-DD]]
    publisher: str | None = None  # e.g. the feed's own title
    charset: str | None = None  # the HTTP Content-Type charset, if the server declared one
    retrieved_at: str | None = None  # when it was fetched (UTC, ISO 8601), for URLs

    def __repr__(self) -> str:  # the bytes would flood a traceback
        return f"Original(source={self.source!r}, media_type={self.media_type!r}, {len(self.data)} bytes)"
