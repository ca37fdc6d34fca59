"""The content-addressed archive: one copy per content, atomic writes, tamper detection."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from vigil.errors import CorruptDocument, InputError
from vigil.ingest import Archive, Original, archive_suffix

REPORT = "The centre held 212 people in rooms built for 120.\n".encode()


def test_put_stores_under_the_sha256(tmp_path: Path) -> None:
    digest = hashlib.sha256(REPORT).hexdigest()
    relative = Archive(tmp_path).put(REPORT, ".txt")
    assert relative == f"sha256/{digest[:2]}/{digest}.txt"
    assert (tmp_path / relative).read_bytes() == REPORT


def test_put_twice_gives_one_file(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = archive.put(REPORT, ".txt")
    second = archive.put(REPORT, ".txt")
    also = archive.put(REPORT, ".md")  # the same bytes under another name are the same original
    assert first == second == also
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert files == [tmp_path / first]


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    for number in range(5):
        archive.put(f"report {number}".encode(), ".txt")
    assert not [path for path in tmp_path.rglob("*") if path.name.startswith(".tmp-")]


def test_read_returns_the_bytes(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    assert archive.read(archive.put(REPORT, ".txt")) == REPORT
    assert archive.read(archive.put(b"", "")) == b""


def test_read_detects_a_tampered_file(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    relative = archive.put(REPORT, ".txt")
    archive.path(relative).write_bytes(REPORT.replace(b"212", b"112"))
    with pytest.raises(CorruptDocument) as caught:
        archive.read(relative)
    assert caught.value.input == relative
    assert "altered" in caught.value.reason


def test_read_of_a_missing_copy_says_so(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    relative = archive.put(REPORT, ".txt")
    archive.path(relative).unlink()
    with pytest.raises(InputError, match="missing"):
        archive.read(relative)


@pytest.mark.parametrize(
    "relative",
    ["../etc/passwd", "/etc/passwd", "sha256/ab/../../../etc/passwd", "sha256/zz/" + "a" * 64, "sha256/ab/" + "c" * 64],
)
def test_paths_outside_the_archive_layout_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(InputError):
        Archive(tmp_path).path(relative)


@pytest.mark.parametrize("suffix", ["pdf", "/../x", ".p d f", ".toolongextension"])
def test_bad_suffixes_are_refused(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(ValueError):
        Archive(tmp_path).put(REPORT, suffix)


@pytest.mark.parametrize(
    ("source", "media_type", "read_as", "suffix"),
    [
        ("reports/brief.PDF", "application/pdf", None, ".pdf"),
        ("https://x.test/news/item?id=4", "text/html", None, ".html"),
        ("https://x.test/files/report.pdf", "application/octet-stream", "application/pdf", ".pdf"),
        ("download", None, "application/pdf", ".pdf"),
        ("notes.htm", "text/html", None, ".htm"),
        ("figures.csv", None, None, ""),
    ],
)
def test_archive_suffix(source: str, media_type: str | None, read_as: str | None, suffix: str) -> None:
    original = Original(data=b"", source=source, url=None, media_type=media_type)
    assert archive_suffix(original, read_as) == suffix
