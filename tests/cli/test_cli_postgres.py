"""The same commands on PostgreSQL, by `--db` and by `VIGIL_DB` (skipped when no server answers)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cli_support import EXAMPLES, VigilRunner, archive_files, ids_of

pytestmark = pytest.mark.postgres

SOURCES = (EXAMPLES / "russia-expulsions-2024.txt", EXAMPLES / "rossiya-vydvorenie-2024.txt")


def test_ingest_documents_search_round_trip_on_postgresql(
    vigil: VigilRunner, tmp_path: Path, postgres_url: str
) -> None:
    data = str(tmp_path / "data")
    first = vigil("ingest", *(str(p) for p in SOURCES), "--data", data, "--db", postgres_url)
    assert first.returncode == 0, first.explain()
    assert "archived 2, already known 0, failed 0" in first.stdout
    again = vigil("ingest", *(str(p) for p in SOURCES), "--data", data, "--db", postgres_url)
    assert "archived 0, already known 2, failed 0" in again.stdout, again.explain()

    assert not (tmp_path / "data" / "vigil.db").exists(), "with --db no SQLite file is made"
    assert len(archive_files(tmp_path / "data")) == 2, "the originals are still archived in the data folder"

    listed = vigil("documents", "--db", postgres_url, "--data", data)
    expected = {"sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in SOURCES}
    assert set(ids_of(listed.lines)) == expected, listed.explain()

    for query, marked in (("deported", "[deported]"), ("выдворили", "[выдворили]")):
        found = vigil("search", query, env={"VIGIL_DB": postgres_url, "VIGIL_DATA": data})
        assert found.returncode == 0, found.explain()
        assert marked in found.stdout.lower(), found.explain()

    figures = vigil("figures", "--country", "RU", "--indicator", "deported", "--db", postgres_url)
    assert "87,000" in figures.stdout, figures.explain()
