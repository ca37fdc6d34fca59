"""Language detection with lingua, restricted to the languages vigil's sources come in.

A closed candidate set makes lingua both faster and surer: with every language it
knows in play, a short Russian paragraph can come out as Bulgarian or Macedonian.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["CANDIDATES", "detect_language"]

CANDIDATES: tuple[Language, ...] = (
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.KAZAKH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ARABIC,
    Language.TURKISH,
    Language.CHINESE,
)
# Fewer letters than this and any answer is a guess (a title, a table of numbers).
MIN_LETTERS = 20
# The opening of a report decides its language; reading all of a long one costs
# seconds and changes nothing.
SAMPLE_CHARS = 5000
# How far ahead the best language must be of the next; below, we say "undecided".
MIN_RELATIVE_DISTANCE = 0.1


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*CANDIDATES)
        .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
        .build()
    )


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code ("en", "ru") of the text's language, or None if too short or undecidable."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
