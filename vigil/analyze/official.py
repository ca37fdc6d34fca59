"""Official sources: whether a figure is attributed to a state body.

The best-value rule (facts.py) prefers an official source, because a ministry's or a
service's own count is what researchers cite and what other reports repeat. Whether a
source is official is read from the words naming it (the figure's `attributed_to`, else
the document's publisher) against a word list kept as data in `official.toml`.
A person's name alone ("Аристов") is not recognised: the rule errs towards "not
official", which only costs a tie-break, never a figure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["is_official"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: tuple[str, ...]


@cache
def _vocabulary() -> _Vocabulary:
    raw = tomllib.loads(resources.files("vigil.analyze").joinpath("official.toml").read_text(encoding="utf-8"))
    entries = [str(e).casefold().strip() for e in raw["words"]]
    return _Vocabulary(
        words=frozenset(e for e in entries if " " not in e and not e.endswith("*")),
        stems=tuple(e[:-1] for e in entries if e.endswith("*")),
        phrases=tuple(e for e in entries if " " in e),
    )


def is_official(*names: str | None) -> bool:
    """Whether any of these source names (attribution, publisher) names a state body."""
    vocabulary = _vocabulary()
    for name in names:
        if not name:
            continue
        tokens = _WORD.findall(name.casefold())
        if any(t in vocabulary.words or t.startswith(vocabulary.stems) for t in tokens):
            return True
        joined = f" {' '.join(tokens)} "
        if any(f" {phrase} " in joined for phrase in vocabulary.phrases):
            return True
    return False
