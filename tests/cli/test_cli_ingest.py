"""`vigil ingest`, `vigil documents` and `vigil show` on the bundled examples, as a user runs them.

Issue 2: every original is archived once under its sha256, a second run over the
same folder stores nothing new and says so, `documents` lists one line a document
beginning with its id, `show` prints metadata and text, and settings come from
`--data` / `VIGIL_DATA` (default `./vigil-data`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cli_support import EXAMPLES, IngestedExamples, VigilRunner, archive_files, example_files, ids_of

DOCUMENT_LINE = re.compile(r"^sha256:[0-9a-f]{64}\s")
SUMMARY = re.compile(r"archived (\d+), already known (\d+), failed (\d+)")


def sha256_id(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def summary_of(output: str) -> tuple[int, int, int]:
    found = SUMMARY.findall(output)
    assert found, f"no summary line in:\n{output}"
    archived, known, failed = found[-1]
    return int(archived), int(known), int(failed)


EXPECTED_IDS = {sha256_id(path): path for path in example_files()}


def test_examples_folder_holds_the_reports_issue_2_asks_for() -> None:
    # At least eight reports, several formats, so the end-to-end tests mean something.
    assert len(EXPECTED_IDS) >= 8
    assert {p.suffix for p in EXPECTED_IDS.values()} >= {".txt", ".html", ".pdf", ".docx"}


def test_first_ingest_stores_every_example_and_exits_zero(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.first
    assert summary_of(run.stdout) == (len(EXPECTED_IDS), 0, 0), run.explain()
    assert run.returncode == 0, run.explain()


def test_first_ingest_prints_one_line_per_stored_document(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.first
    stored = [line for line in run.lines if line.startswith("stored")]
    for doc_id, path in EXPECTED_IDS.items():
        mentioning = [line for line in stored if doc_id in line]
        assert len(mentioning) == 1, f"{path.name} ({doc_id}) should have one 'stored' line\n{run.explain()}"
        assert path.name in mentioning[0]
    assert len(stored) == len(EXPECTED_IDS), run.explain()


def test_second_ingest_finds_every_example_already_known(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.second
    assert summary_of(run.stdout) == (0, len(EXPECTED_IDS), 0), run.explain()
    assert run.returncode == 0, run.explain()
    known = [line for line in run.lines if line.startswith("known")]
    assert sorted(doc_id for doc_id in EXPECTED_IDS if any(doc_id in line for line in known)) == sorted(EXPECTED_IDS)
    assert not any(line.startswith("stored") for line in run.lines), run.explain()


def test_documents_lists_each_original_once_by_its_content_hash(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.vigil("documents")
    assert run.returncode == 0, run.explain()
    for line in run.lines:
        assert DOCUMENT_LINE.match(line), f"not an id-first line: {line!r}"
    ids = ids_of(run.lines)
    assert len(ids) == len(set(ids)), "a document is listed twice"
    assert set(ids) == set(EXPECTED_IDS), run.explain()


def test_archive_keeps_one_file_per_original_named_by_its_hash(ingested_examples: IngestedExamples) -> None:
    files = archive_files(ingested_examples.data)
    hashes = sorted("sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in files)
    assert hashes == sorted(EXPECTED_IDS), [str(p) for p in files]
    for path in files:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in path.name


def test_show_accepts_a_prefix_with_or_without_the_scheme_and_the_full_id(ingested_examples: IngestedExamples) -> None:
    doc_id = sha256_id(EXAMPLES / "russia-expulsions-2024.txt")
    hexdigest = doc_id.removeprefix("sha256:")
    for handle in (hexdigest[:12], "sha256:" + hexdigest[:12], doc_id):
        run = ingested_examples.vigil("show", handle)
        assert run.returncode == 0, run.explain()
        assert re.search(rf"^id:\s+{re.escape(doc_id)}$", run.stdout, re.M), run.explain()


@pytest.mark.parametrize(
    ("example", "says"),
    [
        ("russia-expulsions-2024.txt", "87,000 foreign nationals"),
        ("rossiya-vydvorenie-2024.txt", "выдворили"),
        ("germany-deportations-2024.html", "20,084"),
        ("uk-detention-2024.pdf", "detention"),
        ("russia-citizenship-revocation.docx", "citizenship"),
    ],
)
def test_show_prints_metadata_then_text(ingested_examples: IngestedExamples, example: str, says: str) -> None:
    doc_id = sha256_id(EXAMPLES / example)
    run = ingested_examples.vigil("show", doc_id.removeprefix("sha256:")[:10])
    assert run.returncode == 0, run.explain()
    metadata, _, text = run.stdout.partition("\n\n")
    assert re.search(rf"^id:\s+{re.escape(doc_id)}$", metadata, re.M), run.explain()
    assert re.search(r"^title:\s+\S", metadata, re.M), run.explain()
    assert re.search(r"^language:\s+(en|ru)$", metadata, re.M), run.explain()
    assert re.search(rf"^source:\s+.*{re.escape(example)}$", metadata, re.M), run.explain()
    assert re.search(r"^archive_path:\s+\S", metadata, re.M), run.explain()
    assert says in text, run.explain()


@pytest.mark.parametrize("unknown", ["0000000000", "sha256:" + "0" * 64, "not-an-id"])
def test_show_unknown_id_fails_with_a_clear_message(ingested_examples: IngestedExamples, unknown: str) -> None:
    run = ingested_examples.vigil("show", unknown)
    assert run.returncode != 0, run.explain()
    assert unknown in run.stderr, run.explain()
    assert "Traceback" not in run.stderr
    assert run.stdout.strip() == ""


def test_data_folder_comes_from_vigil_data_then_defaults_to_vigil_data(vigil: VigilRunner, tmp_path: Path) -> None:
    source = EXAMPLES / "russia-expulsions-2024.txt"
    from_env = vigil("ingest", str(source), env={"VIGIL_DATA": str(tmp_path / "from-env")})
    assert from_env.returncode == 0, from_env.explain()
    assert (tmp_path / "from-env" / "vigil.db").is_file()
    assert len(archive_files(tmp_path / "from-env")) == 1

    default = vigil("ingest", str(source))
    assert default.returncode == 0, default.explain()
    assert (tmp_path / "vigil-data" / "vigil.db").is_file(), "the default data folder is ./vigil-data"

    listed = vigil("documents", env={"VIGIL_DATA": str(tmp_path / "from-env")})
    assert ids_of(listed.lines) == [sha256_id(source)], listed.explain()


def test_data_flag_wins_over_vigil_data(vigil: VigilRunner, tmp_path: Path) -> None:
    source = EXAMPLES / "us-ice-fy2024.txt"
    run = vigil("ingest", str(source), "--data", str(tmp_path / "flag"), env={"VIGIL_DATA": str(tmp_path / "env")})
    assert run.returncode == 0, run.explain()
    assert (tmp_path / "flag" / "vigil.db").is_file()
    assert not (tmp_path / "env").exists()


def test_documents_on_an_empty_store_says_so_and_exits_zero(vigil: VigilRunner, tmp_path: Path) -> None:
    run = vigil("documents", "--data", str(tmp_path / "empty"))
    assert run.returncode == 0, run.explain()
    assert run.lines == []
    assert "vigil ingest" in run.stderr


def test_ingest_with_language_and_published_flags_records_them(vigil: VigilRunner, tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text(
        "Border guards detained 140 people at the northern crossing in March, the monitors said. "
        "Most were held for two days before being released to shelters.\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "data")
    run = vigil("ingest", str(source), "--data", data, "--published", "2024-04", "--language", "en",
                "--confidentiality", "restricted")
    assert run.returncode == 0, run.explain()
    shown = vigil("show", sha256_id(source), "--data", data)
    assert re.search(r"^published:\s+2024-04$", shown.stdout, re.M), shown.explain()
    assert re.search(r"^confidentiality:\s+restricted$", shown.stdout, re.M), shown.explain()
    assert re.search(r"^language:\s+en$", shown.stdout, re.M), shown.explain()
