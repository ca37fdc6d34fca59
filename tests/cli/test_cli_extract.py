"""`vigil extract`: what one file states, without a database (issue 3, spec/figures.md).

`--format jsonl` prints one JSON object a line in the spec's shape, each pinned to
characters of the document text; `--format table` a readable table with quotes.
Bad option values exit 2 with a message naming the option.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from cli_support import EXAMPLES, VigilRunner, example_files, write_files

from vigil.ingest import iter_originals, read_document
from vigil.model import EVENT_SUBTYPES, EventType, Indicator, Qualifier

# The fields of one figure, spec/figures.md "One figure as JSON", in its order.
FIGURE_FIELDS = (
    "kind", "indicator", "value", "qualifier", "unit", "country", "place", "when",
    "counted", "attributed_to", "quote", "span", "document",
)
EVENT_FIELDS = frozenset(
    {"kind", "event_type", "subtype", "date", "country", "place", "actors", "summary", "attributed_to", "quote",
     "span", "document"}
)
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_iso_when(value: str) -> bool:
    """A year, month, day, or an interval of two of them (spec: `when`)."""
    sides = value.split("/")
    if len(sides) > 2 or not all(PARTIAL_DATE.match(side) for side in sides):
        return False
    for side in sides:
        parts = [int(p) for p in side.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            return False
    return len(sides) == 1 or sides[0] <= sides[1]


def document_text(path: Path) -> str:
    """The document text vigil extracts from, read through the library (the oracle for spans)."""
    (original,) = list(iter_originals([str(path)]))
    assert not isinstance(original, Exception), original
    return read_document(original).text


def rows_of(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def check_figure_row(row: dict[str, Any], text: str, doc_id: str) -> None:
    assert tuple(row) == FIGURE_FIELDS, f"fields differ from the spec: {list(row)}"
    assert row["indicator"] in {i.value for i in Indicator}
    assert row["qualifier"] in {q.value for q in Qualifier}
    assert isinstance(row["value"], (int, float)) and not isinstance(row["value"], bool)
    assert math.isfinite(row["value"])
    assert isinstance(row["unit"], str) and row["unit"]
    assert row["country"] is None or re.fullmatch(r"[A-Z]{2}", row["country"]), row["country"]
    assert row["when"] is None or is_iso_when(row["when"]), row["when"]
    for name in ("place", "counted", "attributed_to"):
        assert row[name] is None or (isinstance(row[name], str) and row[name].strip()), (name, row[name])
    start, end = row["span"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    assert text[start:end] == row["quote"], f"span {row['span']} is {text[start:end]!r}, quote {row['quote']!r}"
    assert row["document"] == doc_id


def check_event_row(row: dict[str, Any], text: str, doc_id: str) -> None:
    assert set(row) - {"due"} == EVENT_FIELDS, list(row)
    assert row["subtype"] in EVENT_SUBTYPES[EventType(row["event_type"])]
    assert row["date"] is None or is_iso_when(row["date"]), row["date"]
    start, end = row["span"]
    assert text[start:end] == row["quote"]
    assert row["document"] == doc_id


def test_jsonl_of_the_expulsions_report_follows_the_spec(vigil: VigilRunner) -> None:
    path = EXAMPLES / "russia-expulsions-2024.txt"
    run = vigil("extract", str(path), "--format", "jsonl")
    assert run.returncode == 0, run.explain()
    rows = rows_of(run.stdout)
    text, doc_id = document_text(path), "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    figures = [r for r in rows if r["kind"] == "figure"]
    assert figures, run.explain()
    for row in rows:
        assert row["kind"] in ("figure", "event")
        (check_figure_row if row["kind"] == "figure" else check_event_row)(row, text, doc_id)
    headline = [r for r in figures if r["indicator"] == "deported" and r["value"] == 87000]
    assert headline, "the 87,000 deported are the report's headline figure"
    assert any(r["country"] == "RU" and r["when"] == "2024" for r in headline), headline


def test_jsonl_spans_hold_for_every_example(vigil: VigilRunner) -> None:
    paths = example_files()
    run = vigil("extract", *(str(p) for p in paths), "--format", "jsonl")
    assert run.returncode == 0, run.explain()
    by_id = {"sha256:" + hashlib.sha256(p.read_bytes()).hexdigest(): p for p in paths}
    rows = rows_of(run.stdout)
    assert {r["document"] for r in rows} == set(by_id), "every example states at least one figure"
    texts = {doc_id: document_text(path) for doc_id, path in by_id.items()}
    for row in rows:
        text = texts[row["document"]]
        (check_figure_row if row["kind"] == "figure" else check_event_row)(row, text, row["document"])


def test_published_flag_resolves_relative_dates(vigil: VigilRunner, tmp_path: Path) -> None:
    (path,) = write_files(tmp_path, {"note.txt": "Last year the bailiffs deported 5,300 foreigners from Kazan.\n"})
    rows = rows_of(vigil("extract", str(path), "--format", "jsonl", "--published", "2025-02-10").stdout)
    assert [(r["indicator"], r["value"], r["when"]) for r in rows if r["kind"] == "figure"] == [
        ("deported", 5300, "2024")
    ]


def test_language_flag_reads_russian(vigil: VigilRunner, tmp_path: Path) -> None:
    (path,) = write_files(tmp_path, {"zametka.txt": "В 2024 году из России выдворили 87 тыс. иностранцев.\n"})
    rows = rows_of(vigil("extract", str(path), "--format", "jsonl", "--language", "ru").stdout)
    assert ("deported", 87000) in {(r["indicator"], r["value"]) for r in rows}, rows


def test_table_format_prints_a_readable_table(vigil: VigilRunner) -> None:
    path = EXAMPLES / "russia-expulsions-2024.txt"
    for args in ((), ("--format", "table")):
        run = vigil("extract", str(path), *args)
        assert run.returncode == 0, run.explain()
        header = next((line for line in run.stdout.splitlines() if "indicator" in line), "")
        for column in ("indicator", "value", "when", "quote"):
            assert column in header, run.explain()
        assert "deported" in run.stdout and "87,000" in run.stdout
        assert "Russia expelled 87,000 foreigners in 2024" in run.stdout
        assert not run.stdout.lstrip().startswith("{"), "the default format is the table"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--published", "2025-13-01"), "--published"),
        (("--published", "2025-02-30"), "--published"),
        (("--published", "last spring"), "--published"),
        (("--language", "xx"), "--language"),
        (("--format", "xml"), "--format"),
    ],
)
def test_bad_option_values_exit_2_naming_the_option(vigil: VigilRunner, args: tuple[str, ...], option: str) -> None:
    run = vigil("extract", str(EXAMPLES / "russia-expulsions-2024.txt"), *args)
    assert run.returncode == 2, run.explain()
    assert option in run.stderr and args[1] in run.stderr, run.explain()
    assert run.stdout.strip() == "", "nothing is extracted with a bad option"


@pytest.mark.parametrize(("args", "option"), [(("--published", "2025-13-01"), "--published"),
                                             (("--language", "xx"), "--language")])
def test_ingest_rejects_bad_options_before_touching_the_data_folder(
    vigil: VigilRunner, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    run = vigil("ingest", str(EXAMPLES / "us-ice-fy2024.txt"), "--data", str(tmp_path / "data"), *args)
    assert run.returncode == 2, run.explain()
    assert option in run.stderr, run.explain()
    assert not (tmp_path / "data").exists()


def test_extract_names_each_bad_file_and_goes_on(vigil: VigilRunner, tmp_path: Path) -> None:
    good, empty = write_files(
        tmp_path, {"good.txt": "Police detained 75 migrants in a raid on a market in Novosibirsk in May 2024.\n",
                   "empty.txt": b""},
    )
    missing = tmp_path / "missing.pdf"
    run = vigil("extract", str(empty), str(good), str(missing), "--format", "jsonl")
    assert run.returncode != 0, run.explain()
    assert str(empty) in run.stderr and str(missing) in run.stderr, run.explain()
    assert "Traceback" not in run.stderr
    assert any(r["value"] == 75 for r in rows_of(run.stdout)), "the good file is still read"
