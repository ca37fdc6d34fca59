"""Open data: figures and facts with their sources, as CSV, JSON, HXL or a SQLite file for Datasette.

`export(store, "csv", Path("vigil.csv"))` writes every figure (with its quote, span,
review status and source document) and every fact (best value, corroboration,
conflicts, the figures stating it). Like the site, exports are public by default:
nothing of a restricted or confidential document, and rejected or duplicate figures
left out (an internal export keeps them, with their status, for audit).

The formats, a registry of name → writer (`EXPORTERS`) that the built-ins fill:

  - `csv`: two files, FILE for figures and `<stem>-facts<suffix>` beside it for facts;
  - `hxl`: the same two CSV files with a second header row of HXL hashtags
    (Humanitarian Exchange Language: `#country+code`, `#indicator+code`, `#date`,
    `#affected+num`, `#meta+source`…), readable by HDX and libhxl;
  - `json`: one object `{"audience", "figures", "facts", "sources"}`, facts listing their
    figures and conflicts by figure id;
  - `sqlite`: tables `figures`, `facts`, `sources`, `fact_figures`, `conflicts` with primary
    and foreign keys and full-text search on quotes, built with sqlite-utils: open it
    with `datasette FILE`.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vigil.analyze.facts import VERIFIED, Fact
from vigil.analyze.periods import parse_period
from vigil.errors import ConfigError
from vigil.publish.audience import Audience
from vigil.publish.collect import Dataset, collect_dataset
from vigil.publish.labels import country_iso3
from vigil.store import Store
from vigil.store.published import SourceRow

__all__ = [
    "EXPORTERS",
    "FACT_COLUMNS",
    "FIGURE_COLUMNS",
    "HXL_TAGS",
    "SOURCE_COLUMNS",
    "export",
    "fact_rows",
    "facts_path",
    "figure_rows",
    "source_rows",
]

# Columns, in order, and the HXL hashtag each carries (https://hxlstandard.org/standard/1-1final/dictionary/).
FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#meta+id"),
    ("country", "#country+code+v_iso2"),
    ("country_iso3", "#country+code"),
    ("indicator", "#indicator+code"),
    ("value", "#affected+num"),
    ("qualifier", "#meta+qualifier"),
    ("unit", "#meta+unit"),
    ("when", "#date"),
    ("period_start", "#date+start"),
    ("period_end", "#date+end"),
    ("place", "#adm1+name"),
    ("counted", "#affected+type"),
    ("attributed_to", "#org+name+source"),
    ("status", "#status+review"),
    ("verified", "#status+verified"),
    ("quote", "#description+quote"),
    ("span_start", "#meta+span+start"),
    ("span_end", "#meta+span+end"),
    ("fact_id", "#meta+fact"),
    ("document_id", "#meta+document"),
    ("document_title", "#meta+source"),
    ("document_published", "#date+reported"),
    ("document_publisher", "#org+name+publisher"),
    ("document_url", "#meta+url"),
)
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#meta+id"),
    ("country", "#country+code+v_iso2"),
    ("country_iso3", "#country+code"),
    ("indicator", "#indicator+code"),
    ("unit", "#meta+unit"),
    ("place", "#adm1+name"),
    ("period", "#date"),
    ("period_start", "#date+start"),
    ("period_end", "#date+end"),
    ("value", "#affected+num"),
    ("qualifier", "#meta+qualifier"),
    ("status", "#status+review"),
    ("verified", "#status+verified"),
    ("corroboration", "#meta+corroboration+num"),
    ("documents", "#meta+sources+num"),
    ("conflicts", "#meta+conflicts+num"),
    ("best_figure_id", "#meta+figure"),
    ("best_quote", "#description+quote"),
    ("best_document_id", "#meta+document"),
    ("best_document_title", "#meta+source"),
    ("best_document_published", "#date+reported"),
    ("best_document_url", "#meta+url"),
    ("figure_ids", "#meta+figures+list"),
    ("document_ids", "#meta+documents+list"),
)
SOURCE_COLUMNS: tuple[str, ...] = ("id", "title", "publisher", "published", "language", "url", "media_type")
HXL_TAGS = {"figures": dict(FIGURE_COLUMNS), "facts": dict(FACT_COLUMNS)}

Exporter = Callable[[Dataset, Path], list[Path]]
# Exports are meant to be shared: readable by all, writable by the owner (like a file made under umask 022).
PUBLISHED_MODE = 0o644


def _source_cells(source: SourceRow | None, prefix: str) -> dict[str, Any]:
    return {
        f"{prefix}_title": source.title if source else None,
        f"{prefix}_published": source.published if source else None,
        f"{prefix}_url": source.url if source else None,
    }


def figure_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One dict per figure, keys in FIGURE_COLUMNS order: the figure, its fact and its source."""
    sources = {s.id: s for s in dataset.sources}
    fact_of = {s.figure.id: fact.id for fact in dataset.facts for s in fact.statements}
    rows: list[dict[str, Any]] = []
    for stored in dataset.figures:
        f = stored.figure
        period = parse_period(f.when)
        source = sources.get(f.document)
        rows.append(
            {
                "id": f.id,
                "country": f.country,
                "country_iso3": country_iso3(f.country),
                "indicator": str(f.indicator),
                "value": f.value,
                "qualifier": str(f.qualifier),
                "unit": f.unit,
                "when": f.when,
                "period_start": period.start.isoformat() if period else None,
                "period_end": period.end.isoformat() if period else None,
                "place": f.place,
                "counted": f.counted,
                "attributed_to": f.attributed_to,
                "status": str(stored.status),
                "verified": stored.status in VERIFIED,
                "quote": f.quote,
                "span_start": f.span.start,
                "span_end": f.span.end,
                "fact_id": fact_of.get(f.id),
                "document_id": f.document,
                "document_title": stored.document_title,
                "document_published": stored.published,
                "document_publisher": source.publisher if source else None,
                "document_url": source.url if source else None,
            }
        )
    return rows


def fact_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One dict per fact, keys in FACT_COLUMNS order: best value, agreement, and its best source."""
    sources = {s.id: s for s in dataset.sources}
    return [_fact_row(fact, sources) for fact in dataset.facts]


def _fact_row(fact: Fact, sources: dict[str, SourceRow]) -> dict[str, Any]:
    best = fact.best
    period = fact.key.period
    row: dict[str, Any] = {
        "id": fact.id,
        "country": fact.key.country,
        "country_iso3": country_iso3(fact.key.country),
        "indicator": str(fact.key.indicator),
        "unit": fact.key.unit,
        "place": fact.place,
        "period": period.label,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "value": best.figure.value,
        "qualifier": str(best.figure.qualifier),
        "status": str(best.status),
        "verified": fact.verified,
        "corroboration": fact.corroboration,
        "documents": len(fact.documents),
        "conflicts": len(fact.conflicts),
        "best_figure_id": best.figure.id,
        "best_quote": best.figure.quote,
        "best_document_id": best.document,
    }
    source = sources.get(best.document)
    row["best_document_title"] = best.document_title
    row.update({k: v for k, v in _source_cells(source, "best_document").items() if k != "best_document_title"})
    row["figure_ids"] = ";".join(s.figure.id for s in fact.statements)
    row["document_ids"] = ";".join(fact.documents)
    return {name: row[name] for name, _tag in FACT_COLUMNS}


def source_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One dict per source document the audience may see (metadata only, never text)."""
    return [{name: getattr(s, name) for name in SOURCE_COLUMNS} for s in dataset.sources]


def facts_path(out: Path) -> Path:
    """Where the facts table goes beside a CSV or HXL figures file: `vigil.csv` → `vigil-facts.csv`."""
    return out.with_name(f"{out.stem}-facts{out.suffix or '.csv'}")


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, moved over it only when writing succeeded (never half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, PUBLISHED_MODE)  # mkstemp makes owner-only files; exports are for sharing
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_table(path: Path, columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]], hxl: bool) -> None:
    with _replacing(path) as temporary:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([name for name, _tag in columns])
            if hxl:
                writer.writerow([tag for _name, tag in columns])
            for row in rows:
                writer.writerow([_cell(row[name]) for name, _tag in columns])


def _write_csv(dataset: Dataset, out: Path, *, hxl: bool = False) -> list[Path]:
    _write_table(out, FIGURE_COLUMNS, figure_rows(dataset), hxl)
    facts = facts_path(out)
    _write_table(facts, FACT_COLUMNS, fact_rows(dataset), hxl)
    return [out, facts]


def write_csv(dataset: Dataset, out: Path) -> list[Path]:
    """Figures to `out`, facts beside it (facts_path), plain CSV with one header row."""
    return _write_csv(dataset, out)


def write_hxl(dataset: Dataset, out: Path) -> list[Path]:
    """Like write_csv, with the HXL hashtag row under the header."""
    return _write_csv(dataset, out, hxl=True)


def write_json(dataset: Dataset, out: Path) -> list[Path]:
    """One JSON object: audience, figures, facts (with figure ids and conflicts) and sources."""
    facts = []
    for fact, row in zip(dataset.facts, fact_rows(dataset)):
        row = dict(row)
        row["figure_ids"] = [s.figure.id for s in fact.statements]
        row["document_ids"] = list(fact.documents)
        row["conflict_pairs"] = [
            {"first": c.first.figure.id, "second": c.second.figure.id, "explanation": c.explain()}
            for c in fact.conflicts
        ]
        facts.append(row)
    document = {
        "audience": str(dataset.audience),
        "figures": figure_rows(dataset),
        "facts": facts,
        "sources": source_rows(dataset),
    }
    with _replacing(out) as temporary:
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [out]


# Column types of the SQLite tables; every column not named here is text.
_SQLITE_TYPES: dict[str, type] = {
    "value": float,
    "verified": int,
    "span_start": int,
    "span_end": int,
    "corroboration": int,
    "documents": int,
    "conflicts": int,
    "rank": int,
}


def _schema(columns: tuple[str, ...]) -> dict[str, type]:
    return {name: _SQLITE_TYPES.get(name, str) for name in columns}


def write_sqlite(dataset: Dataset, out: Path) -> list[Path]:
    """A fresh SQLite file for Datasette: typed, keyed, linked tables and full-text search on quotes."""
    import sqlite_utils

    tables: list[tuple[str, tuple[str, ...], Any, list[tuple[str, str, str]], list[dict[str, Any]]]] = [
        ("sources", SOURCE_COLUMNS, "id", [], source_rows(dataset)),
        (
            "figures",
            tuple(name for name, _tag in FIGURE_COLUMNS),
            "id",
            [("document_id", "sources", "id")],
            figure_rows(dataset),
        ),
        (
            "facts",
            tuple(name for name, _tag in FACT_COLUMNS),
            "id",
            [("best_figure_id", "figures", "id"), ("best_document_id", "sources", "id")],
            fact_rows(dataset),
        ),
        (
            "fact_figures",
            ("fact_id", "figure_id", "rank"),
            ("fact_id", "figure_id"),
            [("fact_id", "facts", "id"), ("figure_id", "figures", "id")],
            [
                {"fact_id": fact.id, "figure_id": s.figure.id, "rank": rank}
                for fact in dataset.facts
                for rank, s in enumerate(fact.statements, start=1)
            ],
        ),
        (
            "conflicts",
            ("fact_id", "first_figure_id", "second_figure_id", "explanation"),
            None,
            [("fact_id", "facts", "id"), ("first_figure_id", "figures", "id"), ("second_figure_id", "figures", "id")],
            [
                {
                    "fact_id": fact.id,
                    "first_figure_id": c.first.figure.id,
                    "second_figure_id": c.second.figure.id,
                    "explanation": c.explain(),
                }
                for fact in dataset.facts
                for c in fact.conflicts
            ],
        ),
    ]
    with _replacing(out) as temporary:
        temporary.unlink()
        db = sqlite_utils.Database(temporary)
        for name, columns, pk, foreign_keys, rows in tables:
            table = db.table(name)
            table.create(_schema(columns), pk=pk, foreign_keys=foreign_keys)
            table.insert_all(rows)
        db.table("figures").enable_fts(["quote", "counted", "place", "document_title"])
        db.close()
    return [out]


EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv,
    "hxl": write_hxl,
    "json": write_json,
    "sqlite": write_sqlite,
}


def export(store: Store, fmt: str, out: Path, *, audience: Audience | str = Audience.PUBLIC) -> list[Path]:
    """Write the audience's figures and facts in format `fmt` (EXPORTERS) to `out`; the files written."""
    writer = EXPORTERS.get(fmt)
    if writer is None:
        raise ConfigError(fmt, f"not an export format ({', '.join(sorted(EXPORTERS))})")
    return writer(collect_dataset(store, audience), Path(out))
