"""The reliability ledger: tests record what they tried, and `make test` ends with the sums.

Issue 9 asks for figures, not just green ticks: how many inputs were tried, how many
responses and files were scanned for canaries and how many hits there were, how many
route × role cells were checked and how many allowed what they should not, crashes,
hangs, partial writes, lost updates. Tests add to these counters through the
`reliability` fixture; `pytest_terminal_summary` in conftest.py prints them. The "bad"
counters must stay at zero — the tests that record them also assert it.
"""

from __future__ import annotations

from collections import Counter

__all__ = ["BAD", "GOOD", "LEDGER", "record"]

# Counters that measure how much was tried.
GOOD = ("inputs tried", "responses and files scanned", "route-role cells checked", "concurrent edits tried")
# Counters that must stay at zero.
BAD = ("uncaught exceptions", "hangs over 10 s", "partial writes", "canary hits", "unexpected allows", "lost updates")

LEDGER: Counter[str] = Counter({name: 0 for name in GOOD + BAD})


def record(name: str, amount: int = 1) -> None:
    """Add `amount` to a counter of the ledger (names as in GOOD and BAD)."""
    if name not in GOOD + BAD:
        raise KeyError(f"unknown reliability counter {name!r}")
    LEDGER[name] += amount
