"""Throughput of `vigil batch` into PostgreSQL with 1 and 2 Dask workers (`make bench-batch`).

    python bench/batch_bench.py                  20,000 documents, recorded in bench/RESULTS.md
    python bench/batch_bench.py --documents 2000 a small run, printed only

The corpus is the extractor benchmark's (bench/corpus.py: example reports
recombined with new numbers, from a fixed seed), half English and half Russian,
written as JSON Lines with `text`, `language` and `published`. Three measurements
on the same documents:

1. the bare extractor: `extract()` on every document in this one process, after a
   warm-up call, as documents per CPU second (per core);
2. `run_batch` with a LocalCluster of 1 worker process, into a fresh PostgreSQL
   database, with an audit entry per document as `vigil batch` writes: documents over
   the run's wall seconds (planning, the workers' lexicon load, reading, extracting,
   writing and checkpointing; not the cluster start-up);
3. the same with 2 workers.

Database size: `pg_database_size` after the run less the freshly migrated empty
database, over the documents stored. Targets (issue 8): 2 workers >= 1.7x one;
1 worker >= 70 % of the bare extractor per core. A benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import build_corpus  # noqa: E402  (bench/ is not a package)

RESULTS = HERE / "RESULTS.md"
SECTION = "# Batch benchmark results"
FULL_DOCUMENTS = 20_000
ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PARTITION_SIZE = 250  # 80 partitions of 20,000: enough that two workers stay busy to the end
TARGET_SCALING = 1.7
TARGET_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class Run:
    workers: int
    documents: int
    figures: int
    seconds: float
    worker_cpu_seconds: float
    setup_seconds: float
    database_bytes: int

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Documents per CPU second of the worker processes: the batch path's cost, whatever else runs."""
        return self.documents / self.worker_cpu_seconds if self.worker_cpu_seconds else 0.0


def write_corpus(path: Path, documents: int) -> list[dict[str, str | None]]:
    half = documents // 2
    records: list[dict[str, str | None]] = []
    for language, count in (("en", half), ("ru", documents - half)):
        for report in build_corpus(language, count):
            records.append({"text": report.text, "language": report.language, "published": report.published})
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def bare_extractor(records: list[dict[str, str | None]]) -> tuple[float, int]:
    """Documents per CPU second of `extract` alone, in this process, and the figures found."""
    from vigil.batch.work import warm_up
    from vigil.extract import extract

    warm_up()
    figures = 0
    started = time.process_time()
    for record in records:
        figures += len(extract(str(record["text"]), record["language"], record["published"]).figures)
    return len(records) / (time.process_time() - started), figures


def _admin(statement: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else []


def batch_run(corpus: Path, workers: int, work: Path) -> Run:
    from vigil.batch import Checkpoints, plan, run_partitions
    from vigil.batch.driver import _client
    from vigil.batch.work import WorkOptions
    from vigil.store import Store

    name = f"vigil_bench_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE {name}")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        Store.open(url).close()
        empty = int(_admin(f"SELECT pg_database_size('{name}')")[0][0])  # type: ignore[call-overload]
        setup = time.monotonic()
        with _client(None, workers) as client:
            setup_seconds = time.monotonic() - setup
            cpu_before = sum(client.run(time.process_time).values())
            started = time.monotonic()
            report = run_partitions(
                plan(corpus, PARTITION_SIZE), client=client, options=WorkOptions(db_url=url, actor="bench"),
                checkpoints=Checkpoints(work / f"checkpoints-{workers}"),
            )
            seconds = time.monotonic() - started
            worker_cpu = sum(client.run(time.process_time).values()) - cpu_before
        size = int(_admin(f"SELECT pg_database_size('{name}')")[0][0]) - empty  # type: ignore[call-overload]
        with Store.open(url) as store:
            counts = store.counts()
        assert report.ok and counts["documents"] == report.stored, (report, counts)
        return Run(workers, counts["documents"], counts["figures"], seconds, worker_cpu, setup_seconds, size)
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def record(row: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if SECTION not in text:
        text = text.rstrip("\n") + "\n\n" + SECTION + "\n\n" + (
            "`make bench-batch` (bench/batch_bench.py): the extractor benchmark's corpus as JSON Lines, half English,\n"
            "half Russian, through `run_batch` into a fresh PostgreSQL 15 database on the same machine, with a\n"
            "LocalCluster of 1 and then 2 worker processes (partitions of 250). Bare = `extract()` alone in one\n"
            "process, documents per CPU second. Worker CPU: the worker processes' own CPU seconds (not PostgreSQL's).\n"
            "Batch rates are documents over wall seconds of the run (planning,\n"
            "lexicon load on each worker, reading, extracting, writing, checkpointing; not the cluster start-up).\n"
            "DB bytes/doc: growth of `pg_database_size` over documents stored (text, figures, events, indexes).\n"
            "Targets (issue 8): 2 workers >= 1.7x one; 1 worker >= 70 % of bare per core.\n\n"
            "| date | commit | machine | load avg before | documents | bare docs/s/core | 1 worker docs/s | 2 workers docs/s | "
            "2w/1w | 1w/bare | 1w docs/worker-CPU-s (÷ bare) | DB bytes/doc | figures/doc |\n"
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        )
    # The row goes at the end of the section's table: notes may follow it.
    lines = text.splitlines(keepends=True)
    section = next(i for i, line in enumerate(lines) if line.strip() == SECTION)
    end = next((i for i in range(section, len(lines)) if lines[i].startswith("|")), len(lines))
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    RESULTS.write_text("".join(lines[:end] + [row + "\n"] + lines[end:]), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=FULL_DOCUMENTS)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="vigil-bench-batch-") as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        records = write_corpus(corpus, args.documents)
        print(f"corpus: {len(records):,} documents, {corpus.stat().st_size / 1e6:.1f} MB", flush=True)
        bare, bare_figures = bare_extractor(records)
        print(f"bare extractor: {bare:,.1f} documents/s per core ({bare_figures:,} figures)", flush=True)
        runs = []
        for workers in (1, 2):
            run = batch_run(corpus, workers, work)
            runs.append(run)
            print(f"{workers} worker(s): {run.rate:,.1f} documents/s ({run.documents:,} in {run.seconds:.1f} s; "
                  f"cluster start {run.setup_seconds:.1f} s), {run.cpu_rate:,.1f} documents per worker CPU second, "
                  f"{run.database_bytes / run.documents:,.0f} DB bytes/doc",
                  flush=True)
    one, two = runs
    scaling, share = two.rate / one.rate, one.rate / bare
    print(f"2 workers / 1 worker = {scaling:.2f} (target {TARGET_SCALING}); "
          f"1 worker / bare = {share:.0%} (target {TARGET_SHARE:.0%}); "
          f"per CPU second, 1 worker / bare = {one.cpu_rate / bare:.0%}")
    if args.documents >= FULL_DOCUMENTS:
        record(
            f"| {dt.date.today().isoformat()} | {commit()} | {machine()} | {load:.1f} | {one.documents:,} | {bare:,.1f} | "
            f"{one.rate:,.1f} | {two.rate:,.1f} | {scaling:.2f} | {share:.0%} | {one.cpu_rate:,.1f} ({one.cpu_rate / bare:.0%}) | "
            f"{two.database_bytes / two.documents:,.0f} | {two.figures / two.documents:.1f} |"
        )


if __name__ == "__main__":
    main()
