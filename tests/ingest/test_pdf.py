"""PDF: text of every page; scans, encryption and truncation refused with a reason."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
import pytest

from vigil.errors import CorruptDocument, EmptyDocument
from vigil.ingest import Original, read_document

PAGE_ONE = "The inspectorate counted 412 people in the detention centre in March 2024, against 300 places."
PAGE_TWO = "Thirty-seven of them were children held with their parents."


def pdf(data: bytes, name: str = "report.pdf") -> Original:
    return Original(data=data, source=name, url=None, media_type="application/pdf")


def encrypt(data: bytes, *, user_password: str, algorithm: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_text_of_every_page(make_pdf: Callable[..., bytes]) -> None:
    document = read_document(pdf(make_pdf(PAGE_ONE, PAGE_TWO, title="Inspection of the centre")))
    assert "412 people" in document.text
    assert "Thirty-seven of them" in document.text
    assert document.text.index("412 people") < document.text.index("Thirty-seven")
    assert document.title == "Inspection of the centre"
    assert document.media_type == "application/pdf"
    assert document.language == "en"


def test_pdf_bytes_are_read_as_pdf_whatever_the_name(make_pdf: Callable[..., bytes]) -> None:
    original = Original(data=make_pdf(PAGE_ONE), source="download", url=None, media_type=None)
    assert "412 people" in read_document(original).text


def test_a_page_with_no_text_is_empty(make_pdf: Callable[..., bytes]) -> None:
    with pytest.raises(EmptyDocument) as caught:
        read_document(pdf(make_pdf(""), "blank.pdf"))
    assert "no text layer" in caught.value.reason


def test_image_only_pdf_has_no_text_layer(image_only_pdf: bytes) -> None:
    with pytest.raises(EmptyDocument) as caught:
        read_document(pdf(image_only_pdf, "scan.pdf"))
    assert caught.value.input == "scan.pdf"
    assert "no text layer" in caught.value.reason and "scanned" in caught.value.reason


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_encrypted_pdf_needing_a_password_is_refused(make_pdf: Callable[..., bytes], algorithm: str) -> None:
    data = encrypt(make_pdf(PAGE_ONE), user_password="let-me-in", algorithm=algorithm)
    with pytest.raises(CorruptDocument) as caught:
        read_document(pdf(data, "locked.pdf"))
    assert "encrypted" in caught.value.reason and "password" in caught.value.reason


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_pdf_with_an_empty_user_password_is_read(make_pdf: Callable[..., bytes], algorithm: str) -> None:
    data = encrypt(make_pdf(PAGE_ONE), user_password="", algorithm=algorithm)
    assert "412 people" in read_document(pdf(data)).text


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_corrupt(make_pdf: Callable[..., bytes], keep: float) -> None:
    data = make_pdf(PAGE_ONE, PAGE_TWO)
    with pytest.raises(CorruptDocument) as caught:
        read_document(pdf(data[: int(len(data) * keep)], "cut.pdf"))
    assert caught.value.input == "cut.pdf"
    assert "truncated" in caught.value.reason or "broken" in caught.value.reason


@pytest.mark.parametrize(
    "data",
    [b"<html><body>Not found</body></html>", b"%PDF-1.7\n garbage garbage\n%%EOF\n", b"PK\x03\x04 not a pdf"],
    ids=["html-error-page", "header-only", "zip"],
)
def test_not_really_a_pdf_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptDocument):
        read_document(pdf(data, "fake.pdf"))
