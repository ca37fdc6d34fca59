"""Exports: CSV, HXL, JSON and SQLite hold figures and facts with their sources (issue 7)."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path

import pytest

from publish_samples import fill
from vigil.errors import ConfigError
from vigil.publish.exports import FACT_COLUMNS, FIGURE_COLUMNS, export, facts_path
from vigil.store import Store

# An HXL hashtag: `#tag` then `+attribute`s, lower case (HXL 1.1 standard).
HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_figures_with_sources_and_facts_beside(store: Store, tmp_path: Path) -> None:
    fill(store, tmp_path / "archive")
    written = export(store, "csv", tmp_path / "vigil.csv")
    assert written == [tmp_path / "vigil.csv", tmp_path / "vigil-facts.csv"] == [tmp_path / "vigil.csv", facts_path(tmp_path / "vigil.csv")]
    figures = list(csv.DictReader((tmp_path / "vigil.csv").open(encoding="utf-8")))
    assert [name for name, _ in FIGURE_COLUMNS] == list(figures[0])
    assert len(figures) == 3  # public documents only
    first = next(f for f in figures if f["value"] == "87000" and f["qualifier"] == "exact")
    assert first["document_title"] == "Russia expelled 87,000 foreigners in 2024"
    assert first["quote"] == "Russia expelled 87,000 foreigners in 2024"
    assert first["status"] == "extracted" and first["verified"] == "false"
    assert first["country_iso3"] == "RUS" and first["period_start"] == "2024-01-01"
    facts = list(csv.DictReader((tmp_path / "vigil-facts.csv").open(encoding="utf-8")))
    (fact,) = facts
    assert (fact["value"], fact["period"], fact["corroboration"], fact["conflicts"]) == ("87000", "2024", "2", "1")
    assert fact["id"] == first["fact_id"]


def test_hxl_has_a_hashtag_row_under_the_header(store: Store, tmp_path: Path) -> None:
    fill(store, tmp_path / "archive")
    figures, facts = export(store, "hxl", tmp_path / "vigil-hxl.csv")
    for path, columns in ((figures, FIGURE_COLUMNS), (facts, FACT_COLUMNS)):
        rows = _rows(path)
        assert rows[0] == [name for name, _ in columns]
        assert all(HXL_TAG.match(tag) for tag in rows[1]), rows[1]
        for required in ("#country+code", "#indicator+code", "#date", "#affected+num", "#meta+source"):
            assert required in rows[1]
        assert len(rows) > 2


def test_json_links_facts_to_figures_and_conflicts(store: Store, tmp_path: Path) -> None:
    fill(store, tmp_path / "archive")
    export(store, "json", tmp_path / "vigil.json")
    data = json.loads((tmp_path / "vigil.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in data["figures"]}
    (fact,) = data["facts"]
    assert set(fact["figure_ids"]) <= ids and len(fact["figure_ids"]) == 3
    (pair,) = fact["conflict_pairs"]
    assert {pair["first"], pair["second"]} <= ids and "no value fits both" in pair["explanation"]
    assert {s["title"] for s in data["sources"]} == {
        "Russia expelled 87,000 foreigners in 2024",
        "Bailiffs: more than 87,000 removed",
    }


def test_sqlite_is_ready_for_datasette(store: Store, tmp_path: Path) -> None:
    fill(store, tmp_path / "archive")
    export(store, "sqlite", tmp_path / "vigil.db")
    with sqlite3.connect(tmp_path / "vigil.db") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"figures", "facts", "sources", "fact_figures", "conflicts", "figures_fts"} <= tables
        fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(figures)")}
        assert ("sources", "document_id") in fks
        assert db.execute("SELECT count(*) FROM figures").fetchone() == (3,)
        assert db.execute("SELECT typeof(value) FROM facts").fetchone() == ("real",)
        hits = db.execute("SELECT rowid FROM figures_fts WHERE figures_fts MATCH 'Tajik'").fetchall()
        assert len(hits) == 1
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_empty_store_exports_empty_tables(store: Store, tmp_path: Path) -> None:
    export(store, "sqlite", tmp_path / "empty.db")
    with sqlite3.connect(tmp_path / "empty.db") as db:
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (0,)


def test_an_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="xlsx"):
        export(store, "xlsx", tmp_path / "vigil.xlsx")
