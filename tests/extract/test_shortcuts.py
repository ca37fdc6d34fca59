"""Shortcuts taken for speed (issue 3) give exactly what the plain definitions give.

Each fast path in sentences.py and indicators.py replaces a regex scan or a loop
over words; these tests hold each one equal to the plain form it replaced, on
sentences written here and on arbitrary text.
"""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract import indicators, sentences

SAMPLES = [
    "Police detained 87 people. On 1 Jan. 2024 another 1,200 were deported! Why? Nobody said…",
    "ТАСС.Как сообщили в МВД, задержаны 300 мигрантов. «Их выдворят», — сказал он.",
    "87,000 foreigners—mostly Central Asian migrants—were expelled in 2024; 685,000 added to the register.",
    "The anti-deportation group's figures: 12 in held-over cells , 4 children (aged 3-5) and 98 adults.",
    "Mr. Smith said 3.5 per cent. 'Yes.' (No.) [Maybe.] \"Quoted.\" U.S. officials agreed.",
    "a_b 12_000 people__held ... 5 . 6 ! 7 ?A ?b",
    "",
]

# Letters, digits, the marks and separators the shortcuts turn on, and a few odd characters.
ALPHABET = st.sampled_from(list("aZя Ё1٣ _-'’.,;:!?…()«»\"”\n\t") + ["\u00a0", "\u2009", "İ", "ſ"])
TEXT = st.text(ALPHABET, max_size=120)


def _plain_sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in sentences._SENTENCE_END.finditer(text, start, end)]


def _plain_counted_noun_end(text: str, end: int, limit: int) -> int:
    pos = end
    for i, m in enumerate(indicators._WORD.finditer(text, end, limit)):
        gap = text[pos : m.start()]
        if i >= indicators.COUNTED_NOUN_WORDS or any(ch in gap for ch in ",;:()."):
            break
        pos = m.end()
    return pos


def _plain_words_between(text: str, a: int, b: int, starts: tuple[int, ...]) -> int:
    """The form before the shortcut: word starts by bisection, and a regex look for a word cut at `a`."""
    if b <= a:
        return 0
    count = bisect.bisect_left(starts, b) - bisect.bisect_left(starts, a)
    word = indicators._WORD
    if a > 0 and word.match(text, a) and (cut := word.match(text, a - 1)) is not None and cut.end() > a:
        count += 1
    return count


def _all_bounds(text: str) -> list[tuple[int, int]]:
    n = len(text)
    return [(a, b) for a in range(0, n + 1, max(1, n // 7)) for b in (a, (a + n) // 2, n)]


@pytest.mark.parametrize("text", SAMPLES)
def test_sentence_ends_are_the_scans(text: str) -> None:
    for start, end in _all_bounds(text):
        assert sentences._sentence_ends(text, start, end) == _plain_sentence_ends(text, start, end)


@pytest.mark.parametrize("text", SAMPLES)
def test_counted_noun_end_is_the_word_loop(text: str) -> None:
    for start, end in _all_bounds(text):
        assert indicators._counted_noun_end(text, start, end) == _plain_counted_noun_end(text, start, end)


@pytest.mark.parametrize("text", SAMPLES)
def test_words_between_keeps_its_word_cut_rule(text: str) -> None:
    starts = tuple(m.start() for m in indicators._WORD.finditer(text))
    for a, b in _all_bounds(text):
        assert indicators._words_between(text, a, b, starts) == _plain_words_between(text, a, b, starts)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 130), st.integers(0, 130))
def test_shortcuts_on_any_text(text: str, a: int, b: int) -> None:
    a, b = min(a, len(text)), min(b, len(text))
    assert sentences._sentence_ends(text, a, b) == _plain_sentence_ends(text, a, b)
    assert indicators._counted_noun_end(text, a, b) == _plain_counted_noun_end(text, a, b)
    starts = tuple(m.start() for m in indicators._WORD.finditer(text))
    assert indicators._words_between(text, a, b, starts) == _plain_words_between(text, a, b, starts)


def test_a_break_mark_before_the_start_still_ends_a_sentence() -> None:
    # finditer from `start` sees the mark just before it through the look-behind.
    text = "First one.  Second one."
    start = text.index(".") + 1
    assert sentences._sentence_ends(text, start, len(text)) == _plain_sentence_ends(text, start, len(text)) != []


def test_counted_noun_stops_at_punctuation_and_after_six_words() -> None:
    text = "87,000 Central Asian migrant workers from Tajikistan and Uzbekistan were expelled"
    end = text.index(" ")
    assert text[end : indicators._counted_noun_end(text, end, len(text))] == " Central Asian migrant workers from Tajikistan"
    text = "300 people (mostly men) were held"
    assert text[3 : indicators._counted_noun_end(text, 3, len(text))] == " people"
    assert re.fullmatch(r"\s*", text[3 : indicators._counted_noun_end(text, 3, 3)])
