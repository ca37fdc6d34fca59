"""The extractor: a pure function from (text, language, publication date) to figures and events.

No database, no network, no state that a call changes: the same input always gives
the same output, which makes extraction testable, cacheable and parallel (DESIGN).
"""

from __future__ import annotations

from vigil.extract.events import extract_events
from vigil.extract.figures import analyse, extract_figures
from vigil.extract.lexicon import LANGUAGES
from vigil.model import Extraction

__all__ = ["extract", "LANGUAGES"]


def extract(text: str, language: str | None = "en", published: str | None = None, document: str = "") -> Extraction:
    """Every figure (and event) `text` states, each pinned to its exact quote and span.

    `language` is "en" or "ru" (anything else is read with the English rules);
    `published` (YYYY, YYYY-MM or YYYY-MM-DD) resolves "last year" and dates
    without a year; `document` is the id the figures point to.
    """
    lang = language if language in LANGUAGES else "en"
    ctx = analyse(text, lang, published)
    return Extraction(figures=tuple(extract_figures(ctx, document)), events=tuple(extract_events(ctx, document)))
