"""Planning and reading corpora: JSON Lines, WARC and folders, by position, errors in line."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_corpus import reports, write_folder, write_jsonl, write_warc

from vigil.batch import CorpusItem, PartitionKind, plan, read_partition
from vigil.errors import InputError, UnsupportedFormat


def _sources(corpus: Path, size: int) -> list[str]:
    out: list[str] = []
    for partition in plan(corpus, size):
        for item in read_partition(partition):
            out.append(item.original.source if isinstance(item, CorpusItem) else f"error {item.input}")
    return out


@pytest.mark.parametrize("size", [1, 7, 50, 1000])
def test_jsonl_partitions_cover_every_line_once(tmp_path: Path, size: int) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", list(reports(40)))
    partitions = plan(path, size)
    assert sum(p.count for p in partitions) == 40
    assert all(p.kind is PartitionKind.JSONL for p in partitions)
    assert _sources(path, size) == [f"{path}:{n}" for n in range(1, 41)]


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    items = list(reports(5))
    path = write_jsonl(tmp_path / "news.jsonl", items, {1: "{not json", 3: '{"text": 5}', 5: "", 7: '["a list"]'})
    read = [item for p in plan(path, 3) for item in read_partition(p)]
    errors = {item.input: item.reason for item in read if isinstance(item, InputError)}
    assert errors == {
        f"{path}:2": errors[f"{path}:2"],
        f"{path}:4": "no 'text' field holding a string",
        f"{path}:8": "a JSON line must be an object with a 'text' field",
    }
    assert errors[f"{path}:2"].startswith("not a JSON line")
    good = [item for item in read if isinstance(item, CorpusItem)]
    assert [g.original.data.decode() for g in good] == [r.text for r in items]
    assert (good[0].language, good[0].published, good[0].original.url) == (items[0].language, items[0].published, items[0].url)


def test_warc_reads_responses_only_and_seeks_to_its_records(tmp_path: Path) -> None:
    items = list(reports(30))
    path = write_warc(tmp_path / "crawl.warc.gz", items)
    partitions = plan(path, 8)
    assert [p.count for p in partitions] == [8, 8, 8, 6]  # requests and 404s are not documents
    read = [item for p in partitions for item in read_partition(p)]
    assert all(isinstance(item, CorpusItem) for item in read)
    originals = [item.original for item in read if isinstance(item, CorpusItem)]
    assert [o.url for o in originals] == [f"https://news.example/article/{n}" for n in range(1, 31)]
    assert all(o.media_type == "text/html" and o.charset == "utf-8" and o.retrieved_at for o in originals)
    assert len({o.data for o in originals}) == 30
    assert originals[3].data.decode().count("<p>") >= 2
    assert len({o.source for o in originals}) == 30


def test_folder_lists_documents_and_corpus_files(tmp_path: Path) -> None:
    items = list(reports(12))
    write_folder(tmp_path / "corpus" / "texts", items[:6])
    write_jsonl(tmp_path / "corpus" / "lines.jsonl", items[6:])
    (tmp_path / "corpus" / "texts" / ".hidden.txt").write_text("not me", encoding="utf-8")
    (tmp_path / "corpus" / "texts" / "picture.png").write_bytes(b"\x89PNG")
    partitions = plan(tmp_path / "corpus", 4)
    assert [p.kind for p in partitions] == [PartitionKind.FILES, PartitionKind.FILES, PartitionKind.JSONL, PartitionKind.JSONL]
    assert sum(p.count for p in partitions) == 12


def test_plans_are_stable_and_keys_change_with_the_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", list(reports(10)))
    first = [p.key for p in plan(path, 4)]
    assert first == [p.key for p in plan(path, 4)]
    assert len(set(first)) == 3
    write_jsonl(path, list(reports(11)))
    assert not set(first) & {p.key for p in plan(path, 4)}


@pytest.mark.parametrize("name, error", [("notes.csv", UnsupportedFormat), ("missing.jsonl", InputError)])
def test_what_is_not_a_corpus(tmp_path: Path, name: str, error: type[Exception]) -> None:
    if name.endswith(".csv"):
        (tmp_path / name).write_text("a,b\n", encoding="utf-8")
    with pytest.raises(error):
        plan(tmp_path / name)
