"""Fetching URLs with httpx: timeouts, a size cap, redirects, and errors that say what went wrong.

The body is streamed and dropped as soon as it passes the cap, so a huge or endless
response costs at most `max_bytes` of memory. Content-Encoding (gzip, br) is undone
by httpx before counting, so a compressed bomb is capped too.
"""

from __future__ import annotations

import datetime as dt
import time
from types import TracebackType

import httpx

from vigil import __version__
from vigil.errors import FetchError, TooLarge
from vigil.ingest.original import MAX_BYTES, Original

__all__ = ["DEFAULT_TIMEOUT", "Fetcher", "USER_AGENT"]

USER_AGENT = f"vigil/{__version__} (archives public reports on immigration detention; python-httpx)"
# 10 s to connect, 30 s between two reads: generous for slow government sites,
# short enough that one dead host does not stall a batch for minutes.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
# A server that trickles a byte every 29 s never trips the read timeout; this does.
MAX_SECONDS = 300.0
MAX_REDIRECTS = 10
_ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"
)


class Fetcher:
    """Fetches URLs into Originals; one client (and its connection pool) for a whole batch."""

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_bytes: int = MAX_BYTES,
        max_seconds: float = MAX_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        self._client = httpx.Client(
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            transport=transport,
        )

    def fetch(self, url: str) -> Original:
        """The body of `url` as an Original; raises FetchError or TooLarge naming the URL and the reason."""
        started = time.monotonic()
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLarge(url, f"{_mb(int(declared))} is over the {_mb(self.max_bytes)} limit; not fetched")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLarge(url, f"more than the {_mb(self.max_bytes)} limit; fetch stopped")
                    if time.monotonic() - started > self.max_seconds:
                        raise FetchError(url, f"still downloading after {self.max_seconds:.0f} s; gave up")
                    chunks.append(chunk)
                media_type, charset = _content_type(response.headers.get("content-type"))
                final_url = str(response.url)
        except httpx.ConnectTimeout:
            raise FetchError(url, f"timed out connecting (after {self._timeout('connect')})") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out waiting for the server (after {self._timeout('read')})") from None
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL):
            raise FetchError(url, "not a valid http(s) URL") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"could not connect ({exc or 'connection refused'})") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
        return Original(
            data=b"".join(chunks),
            source=url,
            url=final_url,
            media_type=media_type,
            charset=charset,
            retrieved_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _timeout(self, kind: str) -> str:
        seconds = getattr(self._client.timeout, kind)
        return "no limit" if seconds is None else f"{seconds:g} s"


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a Content-Type header, lower-cased; None for what is absent."""
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower() or None, charset


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"
