"""Word documents: paragraphs and tables in order; zip bombs and non-zips refused before parsing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from vigil.errors import CorruptDocument, EmptyDocument
from vigil.ingest import Original, read_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word(data: bytes, name: str = "brief.docx") -> Original:
    return Original(data=data, source=name, url=None, media_type=DOCX)


def test_paragraphs_and_table_in_document_order(make_docx: Callable[..., bytes]) -> None:
    data = make_docx(
        before=("Detention at a glance", "The figures below were given by the regional ombudsman in 2024."),
        table=(("Centre", "Places", "Held"), ("North", "120", "212"), ("South", "80", "64")),
        after=("Both centres are run by the migration police.",),
        title="Regional brief",
    )
    document = read_document(word(data))
    assert document.text == (
        "Detention at a glance\n\n"
        "The figures below were given by the regional ombudsman in 2024.\n\n"
        "Centre\tPlaces\tHeld\nNorth\t120\t212\nSouth\t80\t64\n\n"
        "Both centres are run by the migration police."
    )
    assert document.title == "Regional brief"
    assert document.media_type == DOCX


def test_merged_cells_are_read_once() -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Held at the end of the year"
    for column, value in enumerate(("2022", "2023", "2024")):
        table.cell(1, column).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_document(word(buffer.getvalue())).text
    assert text == "Held at the end of the year\n2022\t2023\t2024"


def test_empty_docx_is_empty(make_docx: Callable[..., bytes]) -> None:
    with pytest.raises(EmptyDocument):
        read_document(word(make_docx(before=("", "   "))))


def test_zip_bomb_renamed_docx_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    with pytest.raises(CorruptDocument) as caught:
        read_document(word(data, "bomb.docx"))
    assert caught.value.input == "bomb.docx"
    assert "zip bomb" in caught.value.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"This is a plain text file wearing a .docx name.", "not a zip"),
        (b"PK\x03\x04" + b"\x00" * 64, "broken zip"),
    ],
    ids=["text", "broken-zip"],
)
def test_not_a_word_document_is_corrupt(data: bytes, reason: str) -> None:
    with pytest.raises(CorruptDocument) as caught:
        read_document(word(data, "fake.docx"))
    assert reason in caught.value.reason


def test_a_zip_without_a_word_document_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "a zip of something else")
    with pytest.raises(CorruptDocument) as caught:
        read_document(word(buffer.getvalue(), "other.docx"))
    assert "no word/document.xml" in caught.value.reason
