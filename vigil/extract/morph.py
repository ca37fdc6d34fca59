"""Russian morphology through pymorphy3, whose dictionaries ship inside the package.

Lexicons list lemmas; `forms()` expands a lemma into every inflected form once, at
load time, so matching at run time is a dictionary look-up and not a parse per word
(parsing every word would cost more than the whole English extractor).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["analyzer", "forms", "lemma"]


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The shared MorphAnalyzer (about 100 ms and 15 MB to load, so once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=4096)
def forms(word: str) -> frozenset[str]:
    """Every inflected form (lower case) of each reading of `word`, `word` itself included."""
    word = word.lower().replace("ё", "е")
    out = {word}
    for parse in analyzer().parse(word):
        for form in parse.lexeme:
            out.add(form.word.replace("ё", "е"))
    return frozenset(out)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The most likely dictionary form of `word`, lower case, ё folded to е."""
    parses = analyzer().parse(word.lower())
    return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")
