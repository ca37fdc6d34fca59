"""`Extracted`: what a format reader gives back, and the one text normalisation.

Every figure's offsets index `Document.text`, so the text is normalised exactly once,
here, and in as few ways as possible: line ends unified and NUL characters removed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["Extracted", "clean_title", "normalise_text"]

# A title longer than this is a paragraph that was mistaken for a title.
MAX_TITLE_CHARS = 300

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text and metadata read out of one original by a format reader."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY[-MM[-DD]], already checked


def normalise_text(text: str) -> str:
    """The text offsets will index: `\\r\\n` and `\\r` become `\\n`, NULs go, nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def clean_title(raw: str | None) -> str | None:
    """A title as plain text: scripts dropped with their content, tags and entities undone.

    Titles are shown in listings and web pages; markup inside one (`<title>` is raw
    text in HTML, so `<script>` there survives parsing) must never reach them as markup.
    """
    if raw is None:
        return None
    text = _SCRIPT_OR_STYLE.sub(" ", raw)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _TAG.sub(" ", text)  # entities may have spelled out more tags
    text = text.replace("<", " ").replace(">", " ")
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return None
    return text[:MAX_TITLE_CHARS]
