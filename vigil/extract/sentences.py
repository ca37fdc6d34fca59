"""Paragraphs, sentences and clauses as character offsets into one text.

A figure's indicator is decided within its clause, its date within the clause,
then the sentence, then the paragraph; so all three are needed as offsets into the
same immutable text. The splitter is rule-based (no model to download) and fast:
one regex pass for paragraphs, one for sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigil.extract import lexicon
from vigil.extract.alternation import guarded

__all__ = ["Sentence", "split_sentences", "clause_bounds"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: `[start, end)` in the text, and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int  # index of the paragraph, counted from 0
    paragraph_start: int
    paragraph_end: int


# A paragraph ends at a blank line, or at a line break after which a new line
# starts: reports pasted from the web often put one paragraph per line.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")

# A sentence ends at . ! ? … (possibly followed by closing quotes or brackets),
# then white space, then something that can start a sentence. A sentence also
# ends where a full stop is glued to a capital ("ТАСС.Как") — common in scraped text.
_SENTENCE_END = re.compile(
    r"""(?<=[.!?…])["'”»)\]]*\s+(?=["'“«(\[]?[A-ZА-ЯЁ0-9])"""
    r"""|(?<=[^\W\d_»”)][.!?])(?=[A-ZА-ЯЁ][a-zа-яё])"""
)

_ABBREV_TAIL = re.compile(r"(\b[\w]{1,6}\.)\s*$")
# Both branches of _SENTENCE_END can only match right after one of these characters (their
# look-behinds say so). `re` cannot skip ahead on a look-behind, so `_sentence_ends` finds
# these characters first (a fast class search) and tries the pattern only after them.
_END_MARK = re.compile(r"[.!?…]")


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`[m.span() for m in _SENTENCE_END.finditer(text, start, end)]`, trying only after end marks.

    finditer tries every position from the end of its last match (one past it after an
    empty match); every match starts right after an end mark, so trying those positions
    in order, from the same place, finds the same matches.
    """
    out: list[tuple[int, int]] = []
    free = start  # the first position finditer would try next
    for mark in _END_MARK.finditer(text, max(0, start - 1), end):
        q = mark.end()
        if q < free:
            continue
        m = _SENTENCE_END.match(text, q, end)
        if m is None:
            continue
        out.append(m.span())
        free = m.end() if m.end() > q else q + 1
    return out


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    words: set[str] = set()
    for language in lexicon.LANGUAGES:
        words.update(w.lower() for w in lexicon.load(language, "sentences").get("abbreviations", []))
    return frozenset(words)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A "sentence" longer than this is a table or a list whose line breaks were lost; it is
# read in pieces of about PIECE_CHARS, cut at a comma or a space, so that the work
# per number stays bounded and a 10 MB line takes linear time. Real sentences are far
# shorter (the longest in the development set is under 600 characters).
MAX_SENTENCE_CHARS = 2000
PIECE_CHARS = 1000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long sentence cut into pieces of about PIECE_CHARS at a comma, semicolon or space."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > MAX_SENTENCE_CHARS:
        limit = pos + PIECE_CHARS
        cut = max(text.rfind(",", pos + PIECE_CHARS // 2, limit), text.rfind(";", pos + PIECE_CHARS // 2, limit))
        if cut == -1:
            cut = text.rfind(" ", pos + PIECE_CHARS // 2, limit)
        cut = limit if cut == -1 else cut + 1
        s, e = _trim(text, pos, cut)
        if s < e:
            out.append((s, e))
        pos = cut
    s, e = _trim(text, pos, end)
    if s < e:
        out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, each trimmed of surrounding white space."""
    out: list[Sentence] = []
    for sentence in _split(text):
        if sentence.end - sentence.start <= MAX_SENTENCE_CHARS:
            out.append(sentence)
            continue
        for s, e in _pieces(text, sentence.start, sentence.end):
            out.append(Sentence(s, e, sentence.paragraph, sentence.paragraph_start, sentence.paragraph_end))
    return out


def _split(text: str) -> list[Sentence]:
    """The sentences of `text` in order, each trimmed of surrounding white space."""
    abbreviations = _abbreviations()
    out: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(_paragraphs(text)):
        pos = p_start
        for m_start, m_end in _sentence_ends(text, p_start, p_end):
            before = text[max(pos, m_start - 8) : m_start]
            tail = _ABBREV_TAIL.search(before)
            if tail and tail.group(1).lower() in abbreviations:
                continue
            s, e = _trim(text, pos, m_start)
            if s < e:
                out.append(Sentence(s, e, index, p_start, p_end))
            pos = m_end
        s, e = _trim(text, pos, p_end)
        if s < e:
            out.append(Sentence(s, e, index, p_start, p_end))
    return out


# Clause boundaries inside a sentence: semicolons, dashes between words, colons,
# and a comma before a conjunction that opens a new clause.
_CLAUSE_BREAK = guarded(
    r";|:\s|\s[–—-]\s|(?<=\w)[–—](?=\w)"
    r"|,\s+(?=(?:while|whereas|but|although|though|which|when|where|whose|а|но|однако|когда|которые|который|которых|которым|которой|которого|которую|где|куда|что|тогда как|при этом)\b)"
    r"|\s+(?=(?:while|whereas|but)\s)"
    r"|,\s+(?=[\w.,]+\s+(?:из которых|из них|of whom|of which|of them)\b)",
    re.IGNORECASE,
)


# Every number of a sentence (for figures and again for events) asks for its clause, so
# a sentence's clause breaks are found once. Its numbers come one after another, so a
# few entries suffice; keeping few also keeps few texts alive.
SENTENCE_BREAK_CACHE = 8


@lru_cache(maxsize=SENTENCE_BREAK_CACHE)
def _clause_breaks(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The `[start, end)` of each clause break in `text[start:end]`, in order."""
    return tuple([m.span() for m in _CLAUSE_BREAK.finditer(text, start, end)])


def clause_bounds(text: str, sentence: Sentence, position: int) -> tuple[int, int]:
    """The `[start, end)` of the clause of `sentence` that holds character `position`."""
    start, end = sentence.start, sentence.end
    for break_start, break_end in _clause_breaks(text, sentence.start, sentence.end):
        if break_end <= position:
            start = break_end
        elif break_start >= position:
            end = break_start
            break
    return _trim(text, start, end)
