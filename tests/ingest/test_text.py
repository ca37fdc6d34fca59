"""Plain text: encodings, line ends, junk and emptiness."""

from __future__ import annotations

import codecs
import os

import pytest

from vigil.errors import CorruptDocument, EmptyDocument
from vigil.ingest import Original, read_document
from vigil.ingest.extracted import normalise_text
from vigil.ingest.text import decode_text

RUSSIAN = (
    "В 2024 году из страны выдворили почти вдвое больше иностранцев, чем годом ранее. "
    "Правозащитники пишут о «переполненных» центрах временного содержания: ёмкость их не выросла."
)
ENGLISH = "The ministry reported that 1,240 people were held at the end of February, up from 980 a year earlier."
FRENCH = "Le préfet a confirmé que 37 personnes étaient retenues au centre de rétention, dont sept mineurs."
UKRAINIAN = "Уповноважений повідомив, що у пункті тимчасового перебування утримували 58 іноземців; їхні скарги розглянуть."


def text_original(data: bytes, name: str = "report.txt") -> Original:
    return Original(data=data, source=name, url=None, media_type="text/plain")


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        (ENGLISH, ENGLISH.encode("utf-8")),
        (RUSSIAN, RUSSIAN.encode("utf-8")),
        (RUSSIAN, codecs.BOM_UTF8 + RUSSIAN.encode("utf-8")),
        (RUSSIAN, RUSSIAN.encode("utf-16")),  # Python writes a BOM
        (RUSSIAN, codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be")),
        (RUSSIAN, RUSSIAN.encode("cp1251")),
        (RUSSIAN.replace("«", '"').replace("»", '"'), RUSSIAN.replace("«", '"').replace("»", '"').encode("koi8_r")),
        (FRENCH, FRENCH.encode("cp1252")),
        (UKRAINIAN, UKRAINIAN.encode("cp1251")),
    ],
    ids=["en-utf8", "ru-utf8", "ru-utf8-bom", "ru-utf16le-bom", "ru-utf16be-bom", "ru-cp1251", "ru-koi8r",
         "fr-cp1252", "uk-cp1251"],
)
def test_encodings_decode_to_the_same_text(text: str, encoded: bytes) -> None:
    assert decode_text(encoded, "report.txt").lstrip("\ufeff") == text
    assert read_document(text_original(encoded)).text == text


def test_text_file_in_cp1251_on_disk_reads_as_russian(tmp_path: os.PathLike[str]) -> None:
    from pathlib import Path

    from vigil.ingest import iter_originals

    path = Path(tmp_path) / "otchet.txt"
    path.write_bytes((RUSSIAN + "\r\n\r\n" + RUSSIAN).encode("cp1251"))
    [original] = list(iter_originals([str(path)]))
    assert isinstance(original, Original)
    document = read_document(original)
    assert document.text == RUSSIAN + "\n\n" + RUSSIAN
    assert document.language == "ru"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\r\n\r\ntwo\n", "one\n\ntwo\n"),
        ("nul\x00here", "nulhere"),
        ("tabs\tand  spaces stay", "tabs\tand  spaces stay"),
    ],
)
def test_normalise_text_changes_line_ends_and_nuls_only(raw: str, normal: str) -> None:
    assert normalise_text(raw) == normal


def test_crlf_file_gives_lf_text() -> None:
    document = read_document(text_original(f"{ENGLISH}\r\n{ENGLISH}\r\n".encode()))
    assert document.text == f"{ENGLISH}\n{ENGLISH}\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"   \n\t\r\n  ", "whitespace"), ("\n\u00a0\u2003\n".encode(), "whitespace")],
    ids=["empty", "ascii-whitespace", "unicode-whitespace"],
)
def test_empty_text_is_an_empty_document(data: bytes, reason: str) -> None:
    with pytest.raises(EmptyDocument) as caught:
        read_document(text_original(data, "notes.txt"))
    assert caught.value.input == "notes.txt"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096) + b"\x00",
        bytes(range(1, 32)) * 200,  # control characters only, no NUL
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    ],
    ids=["random", "controls", "png-header"],
)
def test_binary_junk_named_txt_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptDocument) as caught:
        read_document(text_original(data, "junk.txt"))
    assert caught.value.input == "junk.txt"
    assert "binary" in caught.value.reason or "not text" in caught.value.reason


def test_mixed_encodings_are_refused_with_the_line() -> None:
    data = (RUSSIAN + "\n" + ENGLISH + "\n").encode("utf-8") + RUSSIAN.encode("cp1251") + b"\n"
    with pytest.raises(CorruptDocument) as caught:
        read_document(text_original(data, "mixed.txt"))
    assert "mixed encodings" in caught.value.reason
    assert "line 3" in caught.value.reason


def test_a_few_stray_controls_do_not_make_text_junk() -> None:
    data = (ENGLISH + "\x1b" + ENGLISH + "\x0c" + ENGLISH).encode()
    assert "\x1b" in read_document(text_original(data)).text


def test_declared_charset_is_used_when_it_fits() -> None:
    original = Original(data=RUSSIAN.encode("koi8_r", errors="replace"), source="http://x.test/a.txt",
                        url=None, media_type="text/plain", charset="koi8-r")
    assert "выдворили" in read_document(original).text


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        ("brief.md", "# Detention in 2024\n\nSome 400 people were held.", "Detention in 2024"),
        ("brief.md", "Intro line\n\n## Figures at a glance ##\n\nText.", "Figures at a glance"),
        ("brief.txt", "Detention in 2024\n\nSome 400 people were held in the year.", "Detention in 2024"),
        ("brief.txt", "Some 400 people were held in the year.\nAnd more text follows.", None),
    ],
)
def test_titles_of_text_files(name: str, text: str, title: str | None) -> None:
    media = "text/markdown" if name.endswith(".md") else "text/plain"
    original = Original(data=text.encode(), source=name, url=None, media_type=media)
    assert read_document(original).title == title
