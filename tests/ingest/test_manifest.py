"""A manifest carries what a team knows of its sources into ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.errors import CorruptDocument, EmptyDocument, InputError
from vigil.ingest.manifest import ManifestEntry, read_manifest


def test_jsonl_rows_resolve_files_against_the_manifest_folder(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text(
        '{"file": "a.txt", "published": "2024-03", "language": "ru", "title": "A", "team_note": "x"}\n'
        "\n"
        '{"url": "https://example.org/r", "confidentiality": "restricted"}\n',
        encoding="utf-8",
    )
    first, second = read_manifest(tmp_path / "m.jsonl")
    assert first == ManifestEntry(str(tmp_path / "a.txt"), "2024-03", "ru", "A", None, None, 1)
    assert isinstance(second, ManifestEntry)
    assert (second.source, second.confidentiality, second.row) == ("https://example.org/r", "restricted", 3)


def test_csv_with_a_header_row(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("file,published,publisher\nr.pdf,2023-11-02,Memorial\n", encoding="utf-8")
    (entry,) = read_manifest(tmp_path / "m.csv")
    assert isinstance(entry, ManifestEntry)
    assert (entry.source, entry.published, entry.publisher, entry.row) == (str(tmp_path / "r.pdf"), "2023-11-02", "Memorial", 2)


@pytest.mark.parametrize(
    "line, reason",
    [("not json", "not a JSON object"), ('["a list"]', "must be a JSON object"), ('{"title": "no source"}', "needs a 'file' or a 'url'")],
)
def test_a_bad_row_is_an_error_in_its_place(tmp_path: Path, line: str, reason: str) -> None:
    (tmp_path / "m.jsonl").write_text(line + '\n{"file": "ok.txt"}\n', encoding="utf-8")
    bad, good = read_manifest(tmp_path / "m.jsonl")
    assert isinstance(bad, InputError) and reason in bad.reason and "m.jsonl:1" in bad.input
    assert isinstance(good, ManifestEntry)


def test_a_missing_manifest_names_itself(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocument, match="no such manifest"):
        read_manifest(tmp_path / "nowhere.jsonl")


def test_a_binary_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_bytes(b"\xff\xfe\x00\x81junk")
    with pytest.raises(CorruptDocument):
        read_manifest(tmp_path / "m.jsonl")
