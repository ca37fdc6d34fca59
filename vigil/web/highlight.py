"""A document's text cut into pieces, each marked with the figures and events it belongs to.

Figures and events may overlap, so the text is cut at every span boundary and
each piece lists what covers it; the template links a piece to the first
figure covering it (else the first event). The pieces are plain strings: the
template escapes them, nothing here builds HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Mark", "Piece", "context", "pieces"]

# Characters of text shown on either side of a quote in the review queue.
CONTEXT_CHARS = 240


@dataclass(frozen=True, slots=True)
class Mark:
    """Something highlighted: its kind ("figure" or "event"), row id, status and span."""

    kind: str
    id: str
    status: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text and the marks covering it (none for plain text)."""

    text: str
    marks: tuple[Mark, ...]

    @property
    def lead(self) -> Mark | None:
        """The mark a click on this piece opens: a figure before an event."""
        figures = [m for m in self.marks if m.kind == "figure"]
        chosen = figures or list(self.marks)
        return chosen[0] if chosen else None


def pieces(text: str, marks: Sequence[Mark]) -> list[Piece]:
    """The text cut at every mark boundary, in order; joined, the pieces give the text back."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        if start == end:
            continue
        covering = tuple(m for m in marks if m.start <= start and end <= m.end)
        out.append(Piece(text[start:end], covering))
    return out


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """The text before a span, the span, and the text after, each side cut to about `chars`."""
    left = max(0, start - chars)
    right = min(len(text), end + chars)
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return before, text[start:end], after
