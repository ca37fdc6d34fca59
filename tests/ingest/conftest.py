"""Fixtures for the ingest tests: real files in real formats, made here, and a local web server."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import docx
import pytest
from fpdf import FPDF
from ingest_server import Server, serve
from PIL import Image


@pytest.fixture
def http_server() -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 in a thread, with routes a test may add to."""
    with serve() as server:
        yield server


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    """PDF bytes with one page per string, written by fpdf2 (Latin-1 core font)."""

    def make(*pages: str, title: str | None = None) -> bytes:
        pdf = FPDF()
        if title:
            pdf.set_title(title)
        pdf.set_font("helvetica", size=12)
        for page in pages:
            pdf.add_page()
            pdf.multi_cell(0, 8, page)
        return bytes(pdf.output())

    return make


@pytest.fixture
def image_only_pdf() -> bytes:
    """A one-page PDF holding only a picture, as a scanner makes: no text layer."""
    picture = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        picture.putpixel((x, 50), (0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    """DOCX bytes from python-docx: paragraphs, then an optional table, then more paragraphs."""

    def make(
        before: tuple[str, ...] = (),
        table: tuple[tuple[str, ...], ...] = (),
        after: tuple[str, ...] = (),
        title: str | None = None,
    ) -> bytes:
        document = docx.Document()
        if title:
            document.core_properties.title = title
        for text in before:
            document.add_paragraph(text)
        if table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
        for text in after:
            document.add_paragraph(text)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    return make
