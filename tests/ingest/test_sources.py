"""iter_originals on files and folders: order, skipping, missing paths, size caps, feed files."""

from __future__ import annotations

import pathlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ingest_server import Server
from ingest_samples import rss_feed

from vigil.errors import EmptyDocument, FetchError, InputError, TooLarge, UnsupportedFormat
from vigil.ingest import Fetcher, Original, iter_originals, read_document

PARAGRAPH = "The ombudsman found 58 foreign nationals held at the temporary detention centre in May."


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_folder_with_mixed_files(tmp_path: Path, make_pdf: Callable[..., bytes], make_docx: Callable[..., bytes]) -> None:
    write(tmp_path / "b-report.txt", PARAGRAPH)
    write(tmp_path / "a-brief.md", "# Brief\n\n" + PARAGRAPH)
    write(tmp_path / "c-page.HTML", f"<html><body><p>{PARAGRAPH}</p></body></html>")
    write(tmp_path / "sub" / "d-report.pdf", make_pdf(PARAGRAPH))
    write(tmp_path / "sub" / "e-brief.docx", make_docx(before=(PARAGRAPH,)))
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0 not read")
    write(tmp_path / "data.csv", "a,b\n1,2\n")
    write(tmp_path / "sitemap.xml", "<urlset/>")
    write(tmp_path / ".hidden.txt", PARAGRAPH)
    write(tmp_path / ".git" / "notes.txt", PARAGRAPH)
    write(tmp_path / "~$e-brief.docx", b"lock")

    first = list(iter_originals([str(tmp_path)]))
    second = list(iter_originals([str(tmp_path)]))
    names = [Path(item.source).relative_to(tmp_path).as_posix() for item in first if isinstance(item, Original)]
    assert names == ["a-brief.md", "b-report.txt", "c-page.HTML", "sub/d-report.pdf", "sub/e-brief.docx"]
    assert [item.source for item in first] == [item.source for item in second]  # type: ignore[union-attr]
    assert all(isinstance(item, Original) for item in first)
    documents = [read_document(item) for item in first if isinstance(item, Original)]
    assert all("58 foreign nationals" in document.text for document in documents)
    assert [document.media_type for document in documents] == [
        "text/markdown", "text/plain", "text/html", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]


def test_missing_path_is_an_error_naming_it_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", PARAGRAPH)
    missing = tmp_path / "no-such-report.pdf"
    items = list(iter_originals([str(missing), str(good)]))
    assert isinstance(items[0], InputError)
    assert items[0].input == str(missing)
    assert "no such file" in items[0].reason
    assert isinstance(items[1], Original) and items[1].source == str(good)


def test_file_over_the_cap_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk and no time
    opened: list[Path] = []
    real_open = pathlib.Path.open

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy_open)
    started = time.monotonic()
    [item] = list(iter_originals([str(huge)]))
    assert time.monotonic() - started < 1.0
    assert isinstance(item, TooLarge)
    assert item.input == str(huge)
    assert "200 MB" in item.reason and "50 MB" in item.reason
    assert huge not in opened


def test_max_bytes_can_be_lowered(tmp_path: Path) -> None:
    path = write(tmp_path / "report.txt", PARAGRAPH)
    [item] = list(iter_originals([str(path)], max_bytes=10))
    assert isinstance(item, TooLarge)


@pytest.mark.parametrize("source", ["ftp://example.org/report.pdf", "file:///etc/passwd"])
def test_other_url_schemes_are_unsupported(source: str) -> None:
    [item] = list(iter_originals([source]))
    assert isinstance(item, UnsupportedFormat)
    assert item.input == source


def test_an_explicit_file_with_an_unknown_extension_is_passed_on_and_refused_by_the_reader(tmp_path: Path) -> None:
    path = write(tmp_path / "figures.csv", "year,held\n2024,212\n")
    [item] = list(iter_originals([str(path)]))
    assert isinstance(item, Original) and item.media_type is None
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(item)
    assert caught.value.input == str(path)


def test_feed_file_fetches_each_entry_and_a_broken_entry_does_not_stop_the_rest(
    tmp_path: Path, http_server: Server
) -> None:
    feed = write(tmp_path / "watch.rss", rss_feed(http_server.base))
    with Fetcher(timeout=5.0) as fetcher:
        items = list(iter_originals([str(feed)], fetcher=fetcher))
    assert len(items) == 3
    first, broken, third = items
    assert isinstance(first, Original) and first.source == http_server.url("/article")
    assert first.title == "Holding centre over capacity"
    assert first.published == "2024-03-12"
    assert first.publisher == "Border Watch Weekly"
    assert isinstance(broken, FetchError) and broken.input == http_server.url("/missing")
    assert "404" in broken.reason
    assert isinstance(third, Original) and third.title == "Court orders release"
    assert third.source == http_server.url("/second")  # relative: resolved against the feed's site link


def test_feed_file_with_a_relative_link_and_no_base(tmp_path: Path) -> None:
    feed = write(tmp_path / "watch.atom", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Watch</title>
<entry><title>Relative</title><link href="/only-a-path"/><updated>2024-01-02T00:00:00Z</updated></entry>
<entry><title>No link at all</title><updated>2024-01-03T00:00:00Z</updated></entry>
</feed>""")
    items = list(iter_originals([str(feed)]))
    assert [type(item) for item in items] == [UnsupportedFormat, InputError]
    assert "entry 1" in items[0].input and "not an http(s) URL" in items[0].reason  # type: ignore[union-attr]
    assert "entry 2" in items[1].input and "no link" in items[1].reason  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', EmptyDocument),
        ("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.test/</loc></url></urlset>', UnsupportedFormat),
    ],
)
def test_feed_files_that_hold_no_entries(tmp_path: Path, name: str, content: str, error: type[InputError]) -> None:
    [item] = list(iter_originals([str(write(tmp_path / name, content))]))
    assert type(item) is error
