"""`vigil search`: full-text search over document text, ranked, with `[hit]` snippets (issue 2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cli_support import EXAMPLES, IngestedExamples, VigilRunner, write_files


def hits(output: str) -> list[tuple[str, str]]:
    """(id line, snippet line) pairs: a hit is an id line followed by an indented snippet."""
    lines = [line for line in output.splitlines() if line.strip()]
    pairs = []
    for i, line in enumerate(lines):
        if line.startswith("sha256:"):
            snippet = lines[i + 1] if i + 1 < len(lines) and not lines[i + 1].startswith("sha256:") else ""
            pairs.append((line, snippet))
    return pairs


def sha256_id(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("query", "marked", "expected_example"),
    [
        ("deported", "[deported]", "germany-deportations-2024.html"),
        ("выдворили", "[выдворили]", "rossiya-vydvorenie-2024.txt"),
        ("Выдворение", "[выдворение]", "rossiya-vydvorenie-2024.txt"),
    ],
)
def test_search_prints_ranked_hits_with_marked_snippets(
    ingested_examples: IngestedExamples, query: str, marked: str, expected_example: str
) -> None:
    run = ingested_examples.vigil("search", query)
    assert run.returncode == 0, run.explain()
    found = hits(run.stdout)
    assert found, run.explain()
    for id_line, snippet in found:
        assert marked in snippet.lower(), f"snippet without {marked}: {snippet!r}"
    assert any(sha256_id(EXAMPLES / expected_example) in id_line for id_line, _ in found), run.explain()


def test_search_with_no_match_says_so(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.vigil("search", "xylophonist")
    assert run.returncode == 0, run.explain()
    assert hits(run.stdout) == []
    assert "xylophonist" in run.stderr


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "NEAR(", "*", "deported OR"])
def test_search_survives_query_syntax_users_type(ingested_examples: IngestedExamples, query: str) -> None:
    run = ingested_examples.vigil("search", query)
    assert "Traceback" not in run.stderr, run.explain()
    assert run.returncode in (0, 1), run.explain()
    if run.returncode:
        assert run.stderr.startswith("vigil:"), run.explain()


def test_search_query_cannot_write_to_the_store(ingested_examples: IngestedExamples) -> None:
    before = ingested_examples.vigil("documents").lines
    ingested_examples.vigil("search", "x'); DELETE FROM documents; --")
    ingested_examples.vigil("search", 'x"); DROP TABLE documents; --')
    assert ingested_examples.vigil("documents").lines == before


def test_search_ranks_the_document_that_says_it_most_first(vigil: VigilRunner, tmp_path: Path) -> None:
    often, once = write_files(
        tmp_path / "docs",
        {
            "often.txt": (
                "Officials said 300 people were deported in May. Another 120 were deported in June, "
                "and the ministry said those deported in July numbered 95.\n"
            ),
            "once.txt": (
                "The committee met in the capital to discuss the annual budget, road repairs, school meals, "
                "the new library, water prices and the harbour. In passing, a member noted that a family "
                "had been deported the year before. The rest of the session dealt with parking, the tram "
                "timetable and a dispute over market stalls near the station.\n"
            ),
        },
    )
    data = str(tmp_path / "data")
    assert vigil("ingest", str(tmp_path / "docs"), "--data", data).returncode == 0
    run = vigil("search", "deported", "--data", data)
    found = hits(run.stdout)
    assert [sha256_id(often) in found[0][0], sha256_id(once) in found[1][0]] == [True, True], run.explain()
    limited = hits(vigil("search", "deported", "--limit", "1", "--data", data).stdout)
    assert len(limited) == 1 and sha256_id(often) in limited[0][0]
