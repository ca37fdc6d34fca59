"""Backups round-trip a store and its archive, and a damaged backup is refused."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from vigil.errors import CorruptDocument, StoreError
from vigil.ingest import Archive
from vigil.pipeline import ingest
from vigil.store import Store
from vigil.store.backup import backup, restore, verify_backup

REPORTS = {
    "a.txt": "In 2024 the bailiffs deported 51,000 foreigners from Russia, the service said.\n",
    "b.txt": "По данным МВД, к 1 марта в реестр контролируемых лиц внесли 300 тыс. иностранцев.\n",
}


def _fill(tmp_path: Path, url: str) -> tuple[Store, Path]:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store.open(url)
    archive = tmp_path / "archive"
    ingest([str(tmp_path / n) for n in REPORTS], store=store, archive=Archive(archive), published="2025-04-01")
    store.record_failure("broken.pdf", "truncated")
    return store, archive


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def test_round_trip_keeps_every_row_and_file(tmp_path: Path, db_url: str, sqlite_url: str) -> None:
    store, archive = _fill(tmp_path, db_url)
    with store:
        summary = backup(store, archive, tmp_path / "b.zip")
        before = store.counts()
        figures_before = sorted((f.figure.id, f.figure.quote) for f in store.figures())
    assert summary.rows["documents"] == 2 and summary.files == 2
    target_archive = tmp_path / "restored-archive"
    with Store.open(sqlite_url.replace(".db", "-restored.db")) as fresh:
        restored = restore(tmp_path / "b.zip", fresh, target_archive)
        assert fresh.counts() == before
        assert sorted((f.figure.id, f.figure.quote) for f in fresh.figures()) == figures_before
        assert restored.rows == summary.rows
        assert fresh.search("реестр")  # the full-text index is rebuilt
    assert _files(target_archive) == _files(archive)


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path: Path, sqlite_url: str) -> None:
    store, archive = _fill(tmp_path, sqlite_url)
    with store:
        backup(store, archive, tmp_path / "b.zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(tmp_path / "b.zip") as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "tables/figures.jsonl":
                data = data.replace(b"51000", b"91000")
            dst.writestr(item, data)
    with pytest.raises(CorruptDocument, match="checksum"):
        verify_backup(damaged)
    with Store.open(sqlite_url.replace(".db", "-x.db")) as fresh:
        with pytest.raises(CorruptDocument):
            restore(damaged, fresh, tmp_path / "x")
        assert fresh.counts()["documents"] == 0


def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path, sqlite_url: str) -> None:
    store, archive = _fill(tmp_path, sqlite_url)
    with store:
        backup(store, archive, tmp_path / "b.zip")
        with pytest.raises(StoreError, match="not empty"):
            restore(tmp_path / "b.zip", store, archive)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_junk_is_not_a_backup(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "j.zip").write_bytes(content)
    with pytest.raises(CorruptDocument):
        verify_backup(tmp_path / "j.zip")
