"""How fast `extract` reads, per core, and how much memory it needs (`make bench`).

    python bench/extract_bench.py            full run, recorded in bench/RESULTS.md
    python bench/extract_bench.py --quick    a small run, printed only
    python bench/extract_bench.py --profile ru   cProfile of the quick Russian corpus

The corpus (bench/corpus.py) is built from the examples once per language and written
to a temporary file; each language is then measured in a fresh process that imports
only `vigil.extract`, so its peak memory (`ru_maxrss`) is the extractor's own: the
import, the lexicons, pymorphy3's dictionaries, and the work, and nothing of the other
language or of ingest. The first call (which loads and compiles the lexicons) is timed
apart from the steady state that follows; words per second is steady-state words
over steady-state CPU seconds of that one single-threaded process, i.e. per core.

Targets (issues 3 and 4): 100,000 words/s per core in English, Russian at least half
of English, under 300 MB peak. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import SEED, build_corpus, word_count  # noqa: E402  (bench/ is not a package)

RESULTS = HERE / "RESULTS.md"
LANGUAGES = ("en", "ru")
# Several thousand reports a language (about a million words each): long enough that
# the first call's lexicon load is a small share and the per-word caches see new words.
FULL_REPORTS = 3000
QUICK_REPORTS = 300
# The targets, for the table's verdict column (issues 3 and 4).
TARGET_WORDS_PER_SECOND = 100_000
TARGET_PEAK_MB = 300
TARGET_RU_SHARE = 0.5
PROFILE_LINES = 30


@dataclass(frozen=True, slots=True)
class Measurement:
    """One language's run in its own process."""

    language: str
    reports: int
    words: int
    figures: int
    import_seconds: float
    first_call_seconds: float
    steady_words: int
    steady_cpu_seconds: float
    steady_wall_seconds: float
    import_rss_mb: float
    peak_rss_mb: float

    @property
    def words_per_second(self) -> float:
        """Steady-state words per CPU second: the per-core rate."""
        return self.steady_words / self.steady_cpu_seconds if self.steady_cpu_seconds else 0.0


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _read_corpus(path: Path) -> Iterator[tuple[str, str, str | None]]:
    """The reports of a corpus file one at a time, so the corpus never sits in memory whole."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            report = json.loads(line)
            yield report["text"], report["language"], report["published"]


def worker(path: Path) -> Measurement:
    """Measure `extract` over the corpus file `path`, in this (fresh) process."""
    started = time.perf_counter()
    from vigil.extract import extract

    import_seconds = time.perf_counter() - started
    import_rss = _peak_rss_mb()
    reports = _read_corpus(path)

    text, language, published = next(reports)
    started = time.perf_counter()
    figures = len(extract(text, language, published, "bench").figures)
    first_call = time.perf_counter() - started
    first_words = word_count(text)

    count = 1
    steady_words = 0
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    for text, language, published in reports:
        figures += len(extract(text, language, published, "bench").figures)
        steady_words += word_count(text)
        count += 1
    cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
    return Measurement(
        language=language,
        reports=count,
        words=first_words + steady_words,
        figures=figures,
        import_seconds=import_seconds,
        first_call_seconds=first_call,
        steady_words=steady_words,
        steady_cpu_seconds=cpu,
        steady_wall_seconds=wall,
        import_rss_mb=import_rss,
        peak_rss_mb=_peak_rss_mb(),
    )


def write_corpus(language: str, reports: int, seed: int, folder: Path) -> Path:
    """The corpus of one language as JSON lines in `folder`."""
    path = folder / f"corpus-{language}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for report in build_corpus(language, reports, seed):
            fh.write(json.dumps({"text": report.text, "language": report.language, "published": report.published}) + "\n")
    return path


def measure(language: str, reports: int, seed: int) -> Measurement:
    """Build one language's corpus and measure it in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as folder:
        path = write_corpus(language, reports, seed, Path(folder))
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(path)],
            check=True, capture_output=True, text=True,
        )
    return Measurement(**json.loads(done.stdout.strip().splitlines()[-1]))


def profile(language: str, reports: int, seed: int) -> None:
    """Print where `extract` spends its time on `language` (cProfile, by own time)."""
    import cProfile
    import pstats

    from vigil.extract import extract

    corpus = list(build_corpus(language, reports, seed))
    extract(corpus[0].text, language, corpus[0].published)  # lexicons loaded outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for report in corpus[1:]:
        extract(report.text, language, report.published)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(PROFILE_LINES)
    stats.sort_stats("cumulative").print_stats(PROFILE_LINES)


@dataclass(frozen=True, slots=True)
class Machine:
    cpu: str
    cores: int
    python: str
    system: str


def machine() -> Machine:
    """The CPU model (from /proc/cpuinfo), cores available, Python and OS of this run."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return Machine(cpu, cores, platform.python_version(), f"{platform.system()} {platform.release()}")


def _commit() -> str:
    """The commit measured, with "+" when the package differs from it (uncommitted work)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True)
        dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "vigil"], cwd=HERE.parent, capture_output=True)
    except OSError:
        return "?"
    return (head.stdout.strip() or "?") + ("+" if dirty.returncode == 1 else "")


def print_table(results: dict[str, Measurement], host: Machine) -> None:
    print(f"machine: {host.cpu}, {host.cores} cores, Python {host.python}, {host.system}")
    header = (
        f"{'lang':<5}{'reports':>8}{'words':>10}{'figures':>9}{'import s':>10}{'1st call s':>11}"
        f"{'words/s/core':>14}{'wall words/s':>14}{'peak MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for m in results.values():
        wall = m.steady_words / m.steady_wall_seconds if m.steady_wall_seconds else 0.0
        print(
            f"{m.language:<5}{m.reports:>8}{m.words:>10,}{m.figures:>9,}{m.import_seconds:>10.2f}"
            f"{m.first_call_seconds:>11.2f}{m.words_per_second:>14,.0f}{wall:>14,.0f}{m.peak_rss_mb:>9.0f}"
        )
    en, ru = results.get("en"), results.get("ru")
    if en and ru and en.words_per_second:
        print(f"ru/en throughput: {ru.words_per_second / en.words_per_second:.2f} (target >= {TARGET_RU_SHARE})")
    print(
        f"targets: >= {TARGET_WORDS_PER_SECOND:,} words/s/core (en), ru >= {TARGET_RU_SHARE:.0%} of en, "
        f"< {TARGET_PEAK_MB} MB peak"
    )


_RUNS_HEADING = "## Runs"
_RUNS_HEADER = (
    "| date | commit | machine | Python | corpus (reports / words) en · ru | en words/s/core | ru words/s/core "
    "| ru/en | peak RSS en · ru | first call en · ru |\n"
    "|---|---|---|---|---|---:|---:|---:|---|---|\n"
)
_RESULTS_INTRO = """# Extractor benchmark results

`make bench` (bench/extract_bench.py) measures `vigil.extract.extract` on a corpus
recombined from the examples (bench/corpus.py: blocks of the example reports of one
language, shuffled, with numbers and years changed, from a fixed seed). Each language
runs in a fresh single-threaded process; words/s/core is steady-state words (white-space
tokens) over CPU seconds after the first call; the first call (lexicon load) is shown
apart; peak RSS is that process's `ru_maxrss`, import and lexicons included.

Targets: >= 100,000 words/s/core in English, Russian >= half of English, < 300 MB peak.
"""


def record(results: dict[str, Measurement], host: Machine, path: Path = RESULTS) -> None:
    """Append this run as a row of the runs table in RESULTS.md (made if missing)."""
    existing = path.read_text(encoding="utf-8") if path.exists() else _RESULTS_INTRO
    if _RUNS_HEADING not in existing:
        existing = existing.rstrip("\n") + f"\n\n{_RUNS_HEADING}\n\n{_RUNS_HEADER}"
    en, ru = results["en"], results["ru"]
    ratio = ru.words_per_second / en.words_per_second if en.words_per_second else 0.0
    row = (
        f"| {dt.date.today().isoformat()} | {_commit()} | {host.cpu}, {host.cores} cores | {host.python} "
        f"| {en.reports:,} / {en.words:,} · {ru.reports:,} / {ru.words:,} "
        f"| {en.words_per_second:,.0f} | {ru.words_per_second:,.0f} | {ratio:.2f} "
        f"| {en.peak_rss_mb:.0f} MB · {ru.peak_rss_mb:.0f} MB | {en.first_call_seconds:.2f} s · {ru.first_call_seconds:.2f} s |\n"
    )
    path.write_text(_insert_row(existing, row), encoding="utf-8")


def _insert_row(existing: str, row: str) -> str:
    """`existing` with `row` after the last row of the runs table (other sections may follow it)."""
    lines = existing.splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.strip() == _RUNS_HEADING.strip())
    end = heading + 1
    while end < len(lines) and not lines[end].startswith("|"):
        end += 1  # the blank line between the heading and the table
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end] + [row] + lines[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPORTS} reports a language, not recorded")
    parser.add_argument("--reports", type=int, help=f"reports a language (default {FULL_REPORTS})")
    parser.add_argument("--seed", type=int, default=SEED, help="corpus seed (the default is what RESULTS.md uses)")
    parser.add_argument("--no-record", action="store_true", help="do not add the run to bench/RESULTS.md")
    parser.add_argument("--profile", choices=LANGUAGES, help="print a cProfile of one language instead")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(asdict(worker(args.worker))))
        return 0
    reports = args.reports or (QUICK_REPORTS if args.quick or args.profile else FULL_REPORTS)
    if args.profile:
        profile(args.profile, reports, args.seed)
        return 0
    results = {language: measure(language, reports, args.seed) for language in LANGUAGES}
    host = machine()
    print_table(results, host)
    if not (args.quick or args.no_record or args.reports or args.seed != SEED):
        record(results, host)
        print(f"recorded in {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
