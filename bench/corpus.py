"""A benchmark corpus: thousands of reports recombined from the bundled examples.

Timing `extract` on the same dozen examples over and over would flatter every cache
in the extractor (word look-ups, place look-ups), and a real batch never repeats
itself like that. So each benchmark report is put together from blocks of several
example reports of one language, in a shuffled order, with their numbers changed,
deterministically from a fixed seed: the same seed always gives the same corpus,
so runs on different days and machines measure the same work.

A block is a run of lines that ends with a line closing a sentence: a paragraph of
a web page or a text file, or the hard-wrapped lines of one paragraph of a PDF, kept
wrapped as the extractor meets them in real PDFs.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vigil.ingest import iter_originals, read_document

__all__ = ["Block", "Report", "SEED", "build_corpus", "example_blocks", "word_count"]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The one seed every run uses, so the corpus is the same from run to run.
SEED = 20250601
# Blocks a report holds: a report of a few hundred words (the examples have 250-400;
# recombined ones average about 600 in English, 450 in Russian).
MIN_BLOCKS = 5
MAX_BLOCKS = 14
# Years are moved together within a report (so its dates still agree with each other
# and with its publication date), by at most this many years either way.
MAX_YEAR_SHIFT = 3
# Digit runs this long or longer (that are not years) get new digits; shorter ones are
# left alone, since they are mostly days of the month and small counts whose words
# ("3 тысячи", "2 days") the examples already vary.
MIN_VARIED_DIGITS = 3

_SENTENCE_CLOSE = re.compile(r"""[.!?…:;"'”»)\]]\s*$""")
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Report:
    """One benchmark report: its text, language and publication date."""

    text: str
    language: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of one example report (its lines as they were) and that report's date."""

    text: str
    published: str | None


def word_count(text: str) -> int:
    """Words as the benchmark counts them: white-space separated tokens."""
    return len(text.split())


def _blocks(text: str) -> list[str]:
    out: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        lines.append(line)
        if _SENTENCE_CLOSE.search(line):
            out.append("\n".join(lines))
            lines = []
    if lines:
        out.append("\n".join(lines))
    return out


def example_blocks(examples: Path = EXAMPLES) -> dict[str, list[Block]]:
    """The blocks of every example report, by language, read as `vigil ingest` reads them."""
    manifest = {}
    for line in (examples / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            manifest[entry["file"]] = entry
    by_language: dict[str, list[Block]] = {}
    for original in iter_originals([str(examples)]):
        if isinstance(original, Exception):
            raise original
        entry = manifest.get(Path(original.source).name)
        if entry is None:
            continue
        document = read_document(original, language=entry["language"], published=entry["published"])
        blocks = by_language.setdefault(str(document.language), [])
        blocks.extend(Block(text, document.published) for text in _blocks(document.text))
    return by_language


def _vary_numbers(text: str, rng: random.Random, year_shift: int) -> str:
    def new_digits(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and _YEAR.fullmatch(digits):
            return str(int(digits) + year_shift)
        if len(digits) < MIN_VARIED_DIGITS:
            return digits
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return _DIGITS.sub(new_digits, text)


def _shift_published(published: str | None, year_shift: int) -> str | None:
    if not published:
        return published
    return str(int(published[:4]) + year_shift) + published[4:]


def build_corpus(language: str, reports: int, seed: int = SEED, examples: Path = EXAMPLES) -> Iterator[Report]:
    """`reports` reports in `language`, the same ones for the same seed."""
    blocks = example_blocks(examples).get(language, [])
    if not blocks:
        raise ValueError(f"no example reports in {language!r} under {examples}")
    rng = random.Random(f"{seed}:{language}")
    for _ in range(reports):
        chosen = rng.sample(blocks, min(len(blocks), rng.randint(MIN_BLOCKS, MAX_BLOCKS)))
        year_shift = rng.randint(-MAX_YEAR_SHIFT, MAX_YEAR_SHIFT)
        text = "\n".join(_vary_numbers(b.text, rng, year_shift) for b in chosen)
        yield Report(text, language, _shift_published(chosen[0].published, year_shift))
