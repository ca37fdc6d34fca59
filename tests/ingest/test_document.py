"""read_document: ids, flags over metadata, validation of what the caller gives, format choice."""

from __future__ import annotations

import pytest
from ingest_samples import ARTICLE_HTML

from vigil.errors import ConfigError, DateError, UnsupportedFormat
from vigil.ingest import Original, read_document
from vigil.model import Confidentiality, document_id

TEXT = "Some 400 people were held at the airport transit zone during 2023, the border agency said."


def plain(data: bytes = TEXT.encode()) -> Original:
    return Original(data=data, source="notes.txt", url=None, media_type="text/plain")


def test_id_is_the_hash_of_the_original_bytes() -> None:
    document = read_document(plain(TEXT.replace(".", ".\r\n").encode()))
    assert document.id == document_id(TEXT.replace(".", ".\r\n").encode())
    assert "\r" not in document.text


def test_defaults() -> None:
    document = read_document(plain())
    assert document.text == TEXT
    assert document.source == "notes.txt" and document.url is None
    assert document.confidentiality is Confidentiality.PUBLIC
    assert document.language == "en"
    assert document.retrieved_at is not None and document.retrieved_at.endswith("+00:00")
    assert document.archive_path is None  # read_document writes nothing; the pipeline archives


def test_flags_win_over_metadata() -> None:
    original = Original(data=ARTICLE_HTML.encode(), source="page.html", url="https://x.test/a",
                        media_type="text/html", published="2024-03-11")
    document = read_document(original, published="2024", language="RU", confidentiality="restricted",
                             retrieved_at="2025-01-01T00:00:00+00:00")
    assert document.published == "2024"
    assert document.language == "ru"
    assert document.confidentiality is Confidentiality.RESTRICTED
    assert document.retrieved_at == "2025-01-01T00:00:00+00:00"


def test_feed_entry_metadata_wins_over_page_metadata() -> None:
    original = Original(data=ARTICLE_HTML.encode(), source="https://x.test/a", url="https://x.test/a",
                        media_type="text/html", title="Centre over capacity", published="2024-03-11",
                        publisher="Watch feed")
    document = read_document(original)
    assert (document.title, document.published, document.publisher) == ("Centre over capacity", "2024-03-11", "Watch feed")


@pytest.mark.parametrize("published", ["2024-13", "12.03.2024", "yesterday", "2024-02-30"])
def test_bad_published_flag_is_a_date_error(published: str) -> None:
    with pytest.raises(DateError) as caught:
        read_document(plain(), published=published)
    assert caught.value.input == published


@pytest.mark.parametrize(("field", "value"), [("confidentiality", "secret"), ("language", "english")])
def test_bad_flags_are_config_errors(field: str, value: str) -> None:
    with pytest.raises(ConfigError):
        read_document(plain(), **{field: value})


@pytest.mark.parametrize(
    ("source", "media_type", "data"),
    [
        ("report.doc", None, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word"),
        ("photo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://x.test/feed", "application/rss+xml", b"<rss version='2.0'></rss>"),
    ],
)
def test_formats_vigil_does_not_read(source: str, media_type: str | None, data: bytes) -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(Original(data=data, source=source, url=None, media_type=media_type))
    assert caught.value.input == source


@pytest.mark.parametrize(
    ("source", "media_type", "data", "read_as"),
    [
        ("https://x.test/item", None, ARTICLE_HTML.encode(), "text/html"),
        ("https://x.test/item", "application/octet-stream", ARTICLE_HTML.encode(), "text/html"),
        ("https://x.test/report.txt", "text/html", ARTICLE_HTML.encode(), "text/html"),  # the server's word wins
        ("https://x.test/notes", "text/csv", TEXT.encode(), "text/plain"),
    ],
)
def test_format_is_chosen_by_type_then_extension_then_sniffing(
    source: str, media_type: str | None, data: bytes, read_as: str
) -> None:
    assert read_document(Original(data=data, source=source, url=None, media_type=media_type)).media_type == read_as


def test_public_names_exist() -> None:
    import vigil.ingest

    for name in vigil.ingest.__all__:
        assert hasattr(vigil.ingest, name), name
