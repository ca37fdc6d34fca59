"""Ingest → extract → store, one document at a time, on a real database and archive."""

from __future__ import annotations

from pathlib import Path

from vigil.ingest import Archive
from vigil.pipeline import ingest
from vigil.store import Store

REPORT = "In 2024 the authorities deported 12,500 foreigners, the ministry said. Last year 9,000 people were deported.\n"


def test_a_manifest_dates_a_plain_text_report(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "m.jsonl").write_text('{"file": "r.txt", "published": "2025-03-01", "language": "en", "title": "Deportations"}\n')
    with Store.open(db_url) as store:
        summary = ingest([], store=store, archive=Archive(tmp_path / "archive"), manifest=str(tmp_path / "m.jsonl"))
        assert (summary.archived, summary.failed) == (1, 0)
        (row,) = store.documents()
        assert (row.published, row.title, row.language) == ("2025-03-01", "Deportations", "en")
        whens = {f.figure.value: f.figure.when for f in store.figures(indicator="deported")}
        assert whens[12500] == "2024"
        assert whens[9000] == "2024", "'last year' resolves against the manifest's date"


def test_a_batch_goes_on_past_bad_inputs_and_records_them(tmp_path: Path, db_url: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 200)
    with Store.open(db_url) as store:
        archive = Archive(tmp_path / "archive")
        summary = ingest([str(tmp_path / "empty.txt"), str(tmp_path / "junk.txt"), str(good), str(tmp_path / "missing.pdf")],
                         store=store, archive=archive)
        assert (summary.archived, summary.failed) == (1, 3)
        assert {Path(f.source).name for f in store.failures()} == {"empty.txt", "junk.txt", "missing.pdf"}
        assert all(f.reason for f in store.failures())
        assert store.counts()["documents"] == 1
        again = ingest([str(good)], store=store, archive=archive)
        assert (again.archived, again.known) == (0, 1)
        assert len(list((tmp_path / "archive").rglob("*.txt"))) == 1
