"""Reading runs of number words: "three hundred and fifty", "шести миллионов", "a dozen".

`numbers.py` finds a run of number words with one regex; `parse_run` splits it
into the numbers it holds and gives each one's value. The grammar is the usual
one for cardinals in both languages: a group below a thousand (hundreds, tens,
units) times a scale, summed over falling scales. A token that cannot continue
the number starts a new one ("five six" is two numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Segment", "WordLexicon", "parse_run"]

# Kinds of number word. "hundred" multiplies (English), "hundreds" adds (Russian "триста").
UNIT, TEEN, TENS, HUNDRED, HUNDREDS, SCALE, DOZEN, HALF, FRACTIONAL, COLLECTIVE, FIXED = (
    "unit", "teen", "tens", "hundred", "hundreds", "scale", "dozen", "half", "fractional", "collective", "fixed",
)
_CLOSING = frozenset({DOZEN, COLLECTIVE, FIXED})  # nothing may follow "a dozen", "трое", "полсотни"
# Decimals are immutable: these shared ones save building new ones per number read.
_ZERO, _ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True, slots=True)
class WordLexicon:
    """Number words of one language: each (lower-case, ё folded) form's kind and value."""

    kinds: dict[str, tuple[str, Decimal]]
    one_forms: frozenset[str]  # "one", "один", ...: alone, a pronoun
    singular_scales: frozenset[str]  # "тысяча", "тысячу": one thousand without a number
    maybe_singular_scales: frozenset[str]  # "тысячи": one thousand only after a qualifier
    token: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Segment:
    """One number read from a run of words."""

    start: int
    end: int
    value: Decimal
    tail_scale: Decimal  # the scale the number ends with ("три миллиона" → 10**6), else 1
    bare: bool  # begins with a scale, dozen or hundred and no number ("million", "dozen")
    singular: bool
    maybe_singular: bool
    only_one: bool  # just "one" / "один"


class _State:
    __slots__ = ("start", "end", "total", "group", "last", "last_scale", "closed", "tokens", "first", "bare", "tail")

    def __init__(self, start: int, first: str) -> None:
        self.start = start
        self.end = start
        self.total = _ZERO
        self.group = _ZERO
        self.last = ""
        self.last_scale: Decimal | None = None
        self.closed = False
        self.tokens = 0
        self.first = first
        self.bare = False
        self.tail = _ONE

    def add(self, kind: str, value: Decimal, joiner: str) -> bool:
        """Extend the number with one word; False when the word cannot continue it."""
        if self.closed:
            return False
        fresh = self.tokens == 0
        g = self.group
        if joiner == "-" and not (self.last == TENS and kind == UNIT):
            return False  # "twenty-three" only
        if joiner == "and" and not (self.last in (HUNDRED, SCALE) and kind in (UNIT, TEEN, TENS)):
            return False  # "three hundred and fifty", "two thousand and five"
        if joiner == "and a" and not (kind == HALF and g > 0):
            return False  # "one and a half"
        if joiner == "a" and not (self.last == HALF and kind == SCALE):
            return False  # "half a million"
        if self.last == HALF and kind != SCALE and not (joiner == "" and fresh):
            return False
        if kind == UNIT:
            if not (fresh or g % 100 == 0 or (self.last == TENS and g % 10 == 0)) or self.last == HALF:
                return False
            self.group = g + value
        elif kind in (TEEN, TENS):
            if not (fresh or g % 100 == 0) or self.last == HALF:
                return False
            self.group = g + value
        elif kind == HUNDREDS:
            if g != 0:
                return False
            self.group = value
        elif kind == HUNDRED:
            if 1 <= g < 100 and g == g.to_integral_value():
                self.group = g * value
            elif fresh:
                self.group, self.bare = value, True  # "a hundred"
            else:
                return False
        elif kind == SCALE:
            if self.last_scale is not None and value >= self.last_scale:
                return False
            if g > 0:
                self.total += g * value
            elif fresh:
                self.total, self.bare = value, True  # "a million", "тысяча"
            else:
                return False
            self.group, self.last_scale, self.tail = _ZERO, value, value
            self.last, self.tokens = kind, self.tokens + 1
            return True
        elif kind == HALF:
            if fresh:
                self.group = value  # "half a million"
            elif joiner == "and a" and g == g.to_integral_value():
                self.group = g + value  # "one and a half million"
            else:
                return False
        elif kind == FRACTIONAL:
            if g != 0 or self.total != 0:
                return False
            self.group = value  # "полторы тысячи"
        elif kind == DOZEN:
            if g > 0 and g == g.to_integral_value() and g < 100:
                self.group = g * value
            elif fresh:
                self.group, self.bare = value, True
            else:
                return False
            self.closed = True
        else:  # COLLECTIVE, FIXED stand alone
            if not fresh:
                return False
            self.group, self.closed = value, True
        self.tail = _ONE
        self.last, self.tokens = kind, self.tokens + 1
        return True


def _joiner(gap: str) -> str | None:
    words = gap.lower().split()
    if not words:
        return "-" if gap.strip() == "-" or gap == "-" else ("" if gap.strip() == "" else None)
    joined = " ".join(words)
    return joined if joined in ("and", "and a", "a", "-") else None


def parse_run(text: str, start: int, end: int, lex: WordLexicon) -> list[Segment]:
    """The numbers in the run of number words `text[start:end]`, in order."""
    out: list[Segment] = []
    state: _State | None = None
    prev_end = start
    for tm in lex.token.finditer(text, start, end):
        word = tm.group().lower().replace("ё", "е")
        entry = lex.kinds.get(word)
        if entry is None:
            continue
        kind, value = entry
        joiner = _joiner(text[prev_end : tm.start()]) if state is not None else ""
        if state is None or joiner is None or not state.add(kind, value, joiner):
            if state is not None:
                _close(state, lex, out)
            state = _State(tm.start(), word)
            if not state.add(kind, value, ""):
                state = None
                prev_end = tm.end()
                continue
        state.end = tm.end()
        prev_end = tm.end()
    if state is not None:
        _close(state, lex, out)
    return out


def _close(state: _State, lex: WordLexicon, out: list[Segment]) -> None:
    if state.last == HALF and state.total == 0:
        return  # "half", "one and a half" without a scale is a fraction, not a count
    value = state.total + state.group
    if value <= 0:
        return
    out.append(
        Segment(
            start=state.start,
            end=state.end,
            value=value,
            tail_scale=state.tail if state.tail != 0 else _ONE,
            bare=state.bare,
            singular=state.first in lex.singular_scales,
            maybe_singular=state.first in lex.maybe_singular_scales,
            only_one=state.tokens == 1 and state.first in lex.one_forms,
        )
    )
