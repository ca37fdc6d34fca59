"""Fetching from a real local HTTP server: success, HTTP errors, timeouts, redirects, caps, feeds."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
from ingest_server import Route, Server

from vigil.errors import FetchError, InputError, TooLarge
from vigil.ingest import Fetcher, Original, iter_originals, read_document
from vigil.ingest.fetch import USER_AGENT


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(timeout=0.5)


def test_200_gives_an_original_with_type_and_charset(http_server: Server, fetcher: Fetcher) -> None:
    original = fetcher.fetch(http_server.url("/article"))
    assert original.source == original.url == http_server.url("/article")
    assert original.media_type == "text/html" and original.charset == "utf-8"
    assert original.retrieved_at is not None
    document = read_document(original)
    assert "212 people" in document.text and document.url == http_server.url("/article")


def test_user_agent_names_vigil(http_server: Server, fetcher: Fetcher) -> None:
    fetcher.fetch(http_server.url("/article"))
    assert http_server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("vigil/")


@pytest.mark.parametrize("path", ["/gone", "/never-existed"])
def test_404_is_a_fetch_error(http_server: Server, fetcher: Fetcher, path: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url(path))
    assert caught.value.input == http_server.url(path)
    assert caught.value.reason == "HTTP 404 Not Found"


def test_500_is_a_fetch_error(http_server: Server, fetcher: Fetcher) -> None:
    http_server.routes["/broken"] = Route(b"oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500"):
        fetcher.fetch(http_server.url("/broken"))


def test_slow_server_times_out(http_server: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(http_server.url("/slow"))
    assert "timed out" in caught.value.reason


def test_redirect_is_followed_and_the_final_url_kept(http_server: Server, fetcher: Fetcher) -> None:
    original = fetcher.fetch(http_server.url("/moved"))
    assert original.source == http_server.url("/moved")
    assert original.url == http_server.url("/article")
    assert b"212 people" in original.data


def test_redirect_loop_is_a_fetch_error(http_server: Server, fetcher: Fetcher) -> None:
    http_server.routes["/loop"] = Route(status=302, location="/loop")
    with pytest.raises(FetchError, match="redirects"):
        fetcher.fetch(http_server.url("/loop"))


def test_refused_connection_is_a_fetch_error(fetcher: Fetcher) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(f"http://127.0.0.1:{port}/report.pdf")
    assert "could not connect" in caught.value.reason


def test_body_over_the_cap_is_too_large(http_server: Server) -> None:
    http_server.routes["/big"] = Route(b"x" * 5000, content_type="text/plain")
    with Fetcher(max_bytes=1000) as small:
        with pytest.raises(TooLarge) as caught:
            small.fetch(http_server.url("/big"))
    assert caught.value.input == http_server.url("/big")


def test_streamed_body_without_length_is_stopped_at_the_cap(http_server: Server) -> None:
    # No Content-Length to refuse up front: counting the bytes as they come is what stops it.
    http_server.routes["/stream"] = Route(b"y" * 5000, content_type="text/plain", chunked=True)
    with Fetcher(max_bytes=1000) as small:
        with pytest.raises(TooLarge, match="fetch stopped"):
            small.fetch(http_server.url("/stream"))


def test_feed_url_yields_each_entry_and_the_broken_one_as_an_error(http_server: Server) -> None:
    with Fetcher(timeout=5.0) as fetcher:
        items = list(iter_originals([http_server.url("/feed.xml")], fetcher=fetcher))
    assert [type(item) for item in items] == [Original, FetchError, Original]
    first, broken, third = items
    assert isinstance(first, Original) and isinstance(third, Original) and isinstance(broken, InputError)
    assert third.source == http_server.url("/second")  # relative link resolved against the feed URL
    assert broken.input == http_server.url("/missing")
    documents = [read_document(first), read_document(third)]
    assert documents[0].title == "Holding centre over capacity"  # the feed's title for the entry
    assert documents[0].published == "2024-03-12"
    assert documents[1].published == "2024-03-15"
    assert "34 asylum seekers" in documents[1].text
    assert {document.publisher for document in documents} == {"Border Watch Weekly"}


def test_urls_in_a_batch_go_on_after_failures(http_server: Server) -> None:
    sources = [http_server.url("/gone"), http_server.url("/slow"), http_server.url("/article"), http_server.url("/nav")]
    with Fetcher(timeout=0.5) as fetcher:
        items = list(iter_originals(sources, fetcher=fetcher))
    assert [type(item) for item in items] == [FetchError, FetchError, Original, Original]


def test_pdf_served_as_octet_stream_is_read_by_extension_or_magic(
    http_server: Server, make_pdf: Callable[..., bytes]
) -> None:
    data = make_pdf("The centre held 75 people on the day of the visit by the monitors.")
    http_server.routes["/files/report.pdf"] = Route(data, content_type="application/octet-stream")
    http_server.routes["/download?id=7"] = Route(data, content_type="application/octet-stream")
    with Fetcher(timeout=5.0) as fetcher:
        for path in ("/files/report.pdf", "/download?id=7"):
            document = read_document(fetcher.fetch(http_server.url(path)))
            assert document.media_type == "application/pdf" and "75 people" in document.text
