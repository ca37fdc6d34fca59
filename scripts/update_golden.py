"""Rewrite the golden files: what `extract` finds in each bundled example (tests/golden/*.jsonl).

The golden files pin the extractor's output on the examples, figure by figure and
event by event (STYLE habit 8); tests/extract/test_golden.py compares a run with
them field by field. When a change to the extractor is meant to change that output,
run this, read the diff of tests/golden/ as a reviewer would (every changed line is
a figure that now reads differently), and commit it with the change:

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "extract"))

from golden_support import GOLDEN, examples, golden_lines  # noqa: E402  (tests/ is not a package)


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = set()
    for name, document in examples():
        path = GOLDEN / f"{name}.jsonl"
        path.write_text("".join(line + "\n" for line in golden_lines(document)), encoding="utf-8")
        written.add(path)
        print(f"{path.relative_to(ROOT)}: {len(path.read_text(encoding='utf-8').splitlines())} items")
    for stale in set(GOLDEN.glob("*.jsonl")) - written:
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)} (no such example)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
