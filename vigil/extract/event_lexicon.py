"""The event word lists of a language, compiled once: triggers, hedges, time words, actors.

The words are data (`lexicons/<lang>/events.toml`); this module only turns them into
regular expressions, expanding Russian `{lemma}` placeholders into every inflected form
through `indicators.compile_patterns`, so matching at run time is one regex pass per
trigger over the text.

Case-insensitive patterns are slow to search: the engine enters them at every position
and tries their branches one by one. So each is given case-sensitive helpers, read off
its parsed form and searched in the lower-cased text (see "anchors and needles" below):
an `Anchor` finds where the triggers' joint pattern may start, a `Needle` where an actor
may be named, a `Reach` how far a count ("87 have been deported") holds its verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# The private modules behind `re` show a pattern the way the engine reads it (as in
# alternation.py): its parsed items, and the characters it treats as equal ignoring case.
from re import _casefix as _cf  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _sp  # type: ignore[attr-defined]
from typing import Any

import _sre

from vigil.extract import lexicon
from vigil.extract.alternation import PatternSet, guarded
from vigil.extract.indicators import compile_pattern_set, compile_patterns
from vigil.model import EVENT_SUBTYPES, EventType

__all__ = ["Anchor", "CountAnchors", "EventLexicon", "Lowered", "Needle", "Reach", "Trigger", "anchor", "count_anchors", "event_lexicon", "lower", "needle", "reach", "trigger_anchors"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that report one kind of happening."""

    event_type: EventType
    subtype: str
    pattern: re.Pattern[str]
    rank: int  # order in the lexicon: within a type, the lower rank wins a clause
    summary_before: bool  # the object stands before the trigger ("legislation came into force")
    routine: bool  # a count of routine enforcement: an event only when not dated to a whole period


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """A language's compiled event table."""

    triggers: tuple[Trigger, ...]
    trigger_set: PatternSet  # the triggers' patterns, in order: one pass finds where triggers start
    trigger_anchor: Anchor | None  # where in the lower-cased text a trigger may start (None: anywhere)
    trigger_heads: tuple[Anchor | None, ...]  # per trigger, a shorter anchor: whether it may start here
    # The counts ("87 have been deported"): triggers that start only with a digit and hold
    # a needle within reach. Numbers are most of the places the joint anchor finds, and a
    # count is found only near its needle: so the anchor of the other triggers runs over
    # the whole text, and the counts' own anchor only before their needles (events.py).
    counts: CountAnchors | None
    hedge: re.Pattern[str]  # searched in the words just before a trigger
    next_day: re.Pattern[str]
    same_time: re.Pattern[str]
    deadline_prefix: re.Pattern[str]  # matched at the start of a date mention, or just before it
    deadline_needle: Needle | None
    obligation: re.Pattern[str]
    obligation_anchor: Anchor | None
    relative: re.Pattern[str]  # a clause opening that describes the word before it
    subordinate: re.Pattern[str]  # a clause opening whose date is its own ("while …, …")
    since: re.Pattern[str]  # a period opening that dates an event by its start ("since 5 February")
    nationwide: re.Pattern[str]  # a happening that covered the whole country
    nationwide_anchor: Anchor | None
    context_types: frozenset[EventType]  # types whose triggers need migration words nearby
    context: re.Pattern[str]
    context_anchor: Anchor | None
    actors: tuple[tuple[str, re.Pattern[str]], ...]
    actor_needles: tuple[Needle | None, ...]  # per actor: what its every match holds, for a quick "not here"
    # Per trigger, its reach, worked out when first asked (few triggers ever are): a cache.
    _reaches: dict[int, Reach | None] = field(default_factory=dict, compare=False, repr=False)

    def trigger_reach(self, index: int) -> Reach | None:
        """How far from its start trigger `index` holds its needle (None: it cannot be told)."""
        if index not in self._reaches:
            self._reaches[index] = reach(self.triggers[index].pattern)
        return self._reaches[index]


_NEVER = re.compile(r"(?!x)x")


@lru_cache(maxsize=None)
def event_lexicon(language: str) -> EventLexicon:
    """The compiled event table for `language` (English rules for a language without one)."""
    lang = language if lexicon.load(language, "events") else "en"
    data: dict[str, Any] = lexicon.load(lang, "events")
    triggers = []
    entries = list(data.get("trigger", []))
    trigger_set = compile_pattern_set([list(entry["patterns"]) for entry in entries], lang)
    actors = tuple(
        (name, compile_patterns(list(patterns), lang)) for name, patterns in data.get("actors", {}).items()
    )
    for rank, (entry, pattern) in enumerate(zip(entries, trigger_set.patterns)):
        event_type = EventType(entry["type"])
        subtype = str(entry["subtype"])
        if subtype not in EVENT_SUBTYPES[event_type]:
            raise ValueError(f"lexicons/{lang}/events.toml: {subtype!r} is not a subtype of {event_type.value!r}")
        triggers.append(
            Trigger(
                event_type=event_type,
                subtype=subtype,
                pattern=pattern,
                rank=rank,
                summary_before=entry.get("summary") == "before",
                routine=bool(entry.get("routine", False)),
            )
        )
    hedges = list(data.get("hedge", {}).get("before", []))
    hedge = guarded("|".join(f"(?:{h})" for h in hedges), re.IGNORECASE) if hedges else _NEVER
    anaphora: dict[str, list[str]] = data.get("anaphora", {})
    deadline: dict[str, list[str]] = data.get("deadline", {})
    prefixes = "|".join(re.escape(p) for p in sorted(deadline.get("prefixes", []), key=len, reverse=True))
    actor_needles = tuple(needle(pattern) for _, pattern in actors)
    deadline_prefix = (
        guarded(rf"(?<![^\W_])(?:{prefixes})\s*$|^\s*(?:{prefixes})(?![^\W_])", re.IGNORECASE) if prefixes else _NEVER
    )
    context = compile_patterns(list(data.get("context", {}).get("words", [])), lang)
    joint_anchor, trigger_heads = trigger_anchors(trigger_set.patterns)
    obligation = compile_patterns(list(deadline.get("obligation", [])), lang)
    nationwide = compile_patterns(list(data.get("scope", {}).get("nationwide", [])), lang)
    return EventLexicon(
        triggers=tuple(triggers),
        trigger_set=trigger_set,
        # The joint pattern matches where one of the triggers does: its anchor is theirs together.
        trigger_anchor=joint_anchor,
        trigger_heads=trigger_heads,
        counts=count_anchors(trigger_set.patterns) if joint_anchor is not None else None,
        hedge=hedge,
        next_day=compile_patterns(list(anaphora.get("next_day", [])), lang),
        same_time=compile_patterns(list(anaphora.get("same_time", [])), lang),
        deadline_prefix=deadline_prefix,
        deadline_needle=needle(deadline_prefix),
        obligation=obligation,
        obligation_anchor=anchor(obligation),
        relative=_opening(list(data.get("clause", {}).get("relative", []))),
        subordinate=_opening(list(data.get("clause", {}).get("subordinate", []))),
        since=_opening(list(data.get("time", {}).get("since", []))),
        nationwide=nationwide,
        nationwide_anchor=anchor(nationwide),
        context_types=frozenset(EventType(t) for t in data.get("context", {}).get("types", [])),
        context=context,
        context_anchor=anchor(context),
        actors=actors,
        actor_needles=actor_needles,
    )


def _opening(words: list[str]) -> re.Pattern[str]:
    """A pattern matching any of `words` at the start of a string (after spaces and "and")."""
    if not words:
        return _NEVER
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^[\s,]*(?:(?:and|и|а)\s+)?(?:{body})(?![^\W_])", re.IGNORECASE)


# ---------------------------------------------------------------- anchors and needles
#
# A case-insensitive search is slow: the engine enters the pattern at every position of
# the text and tries its branches one by one (a literal prefix it could look for fast is
# lost to IGNORECASE). An anchor and a needle are case-sensitive patterns read off such a
# pattern and searched in the lower-cased text, where the engine is quick: an anchor
# finds where a match may start, a needle where a match may lie. Each admits every real
# match and some more, so the real pattern, tried only there, finds what it found before.
#
# Why the lower-cased text admits every match:
#   * the engine matches a character case-insensitively by its simple lower case
#     (`_sre.unicode_tolower`) and the letters `re._casefix` pairs with it ("i" and "ı",
#     "с" and "ᲃ"); an atom, one character of an anchor or needle, holds all of those;
#   * `str.lower` writes each character as that simple lower case, except "İ", which it
#     lengthens (`lower` refuses a text whose offsets would move), and a final "Σ", which
#     it writes "ς", paired with "σ" in every atom;
#   * `str.lower` keeps digits and spaces, and never turns a character that is not a
#     letter or digit into one or back (checked over all of Unicode), so `\d`, `\s`, `\w`
#     and a word-start guard `(?<![^\W_])` read the same in both texts.
# A text without the rare paired letters (`_RARE`) is searched with atoms left without
# them ("i" rather than "[iı]"), which the engine looks for faster.

# How many characters of a match an anchor reads: enough to set the lexicon's words apart
# from most words of a text, few enough to keep its pattern small.
ANCHOR_CHARS = 12
# How many characters of a trigger its own anchor reads, where several may start: enough
# to tell them apart, and a small pattern for each.
HEAD_CHARS = 4
# A pattern with more distinct prefixes than this gets no anchor (it is scanned everywhere).
MAX_PREFIXES = 50000
# A character class wider than this is not enumerated: a prefix or run ends before it.
MAX_CLASS_CHARS = 256
# Classes that stand for themselves among the characters of an atom (`\w`, which holds
# nearly every character of a text, ends a prefix or run instead).
_CATEGORY_ATOMS = {_c.CATEGORY_DIGIT: "\\d", _c.CATEGORY_SPACE: "\\s"}
# A run of this many letters is rare enough in text: a longer one is not worth more searches.
ENOUGH_LETTERS = 4
# A count reading at most this many spaces is looked for only before its needle (events.py).
COUNT_SPACES = 10
# A reach's needle runs are cut to this many characters: a reach looks for them all
# through the text, and fewer runs are fewer searches.
REACH_RUN_CHARS = 4
# Characters a reach counts spaces in first, per space it allows: a few words' worth.
SPACE_CHARS = 12
# A run followed by an alternation of more branches than this is not continued into them.
MAX_BRANCH_RUNS = 64
# An atom of at most this many characters and no class is a letter (with its case
# partners): what makes a run of a needle rare in text.
LETTER_ATOM_CHARS = 3
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
# What `(?<![^\W_])`, the word-start guard of `indicators.compile_patterns`, looks behind for.
_WORD_CHAR = list(_sp.parse(r"[^\W_]"))
# The letters `re._casefix` pairs with others, but for the Latin and Cyrillic ones of
# ordinary text: "ı", "ſ", "µ", Greek, "ᲀ"… A text holding none is searched with plain atoms.
_RARE = frozenset(
    chr(c)
    for key, values in _cf._EXTRA_CASES.items()
    for c in (key, *values)
    if not ("a" <= chr(c) <= "z" or "а" <= chr(c) <= "я")
)
_HAS_RARE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_RARE)) + "]")

# One character of a prefix or run: the lower-cased characters a text may have there.
_Atom = frozenset[str]
_Prefix = tuple[_Atom, ...]


@dataclass(frozen=True, slots=True)
class Lowered:
    """A text lower-cased offset for offset, and whether it holds a rare paired letter."""

    text: str
    rare: bool


def lower(text: str) -> Lowered | None:
    """`text` lower-cased; None when lower-casing would move its offsets (an "İ")."""
    low = text.lower()
    if len(low) != len(text):
        return None
    return Lowered(low, not low.isascii() and _HAS_RARE.search(low) is not None)


@dataclass(frozen=True, slots=True)
class _Pair:
    """A case-sensitive pattern in two versions: with full atoms, and without rare letters."""

    full: re.Pattern[str]
    plain: re.Pattern[str]

    def get(self, lowered: Lowered) -> re.Pattern[str]:
        return self.full if lowered.rare else self.plain


class _Unanchored(Exception):
    """A pattern has too many prefixes for an anchor to pay."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a case-insensitive pattern may match: a superset of the offsets where it does.

    Its pattern matches the first characters (at most ANCHOR_CHARS) a match can begin
    with, as a trie; a pattern that starts only at the start of a word is looked for after
    a non-word character, a class the engine skips to without entering the pattern.
    """

    head: _Pair  # a look-ahead for the prefixes
    after_break: _Pair | None  # for word-start patterns: a non-word character, then `head`

    def positions(self, lowered: Lowered, lo: int = 0, hi: int | None = None) -> Iterator[int]:
        """The offsets in `[lo, hi)` where the pattern may match (the text ending at `hi`), in order."""
        text = lowered.text
        hi = len(text) if hi is None else hi
        if self.after_break is None:
            yield from (m.start() for m in self.head.get(lowered).finditer(text, lo, hi))
            return
        if lo == 0 and self.head.get(lowered).match(text, 0, hi):
            yield 0
        # From the character before `lo`: it is the non-word character before a start at `lo`.
        yield from (m.end() for m in self.after_break.get(lowered).finditer(text, max(lo - 1, 0), hi))

    def search(self, pattern: re.Pattern[str], text: str, lowered: Lowered, lo: int, hi: int) -> bool:
        """Whether `pattern.search(text, lo, hi)` finds a match (`pattern` is this anchor's),
        the pattern tried only where the anchor admits a match."""
        return any(pattern.match(text, position, hi) for position in self.positions(lowered, lo, hi))


def anchor(pattern: re.Pattern[str]) -> Anchor | None:
    """The anchor of `pattern`, or None where some match may begin with any character."""
    found = _starts_of(pattern, ANCHOR_CHARS)
    return _anchor(*found) if found is not None else None


def trigger_anchors(patterns: Sequence[re.Pattern[str]]) -> tuple[Anchor | None, tuple[Anchor | None, ...]]:
    """An anchor of all of `patterns` together (where one of them may match), and one of
    each, of its first HEAD_CHARS characters (whether it may match where one of them does)."""
    each = [_starts_of(pattern, ANCHOR_CHARS) for pattern in patterns]
    # A head is matched where the joint pattern is: it needs no look-out for word starts.
    heads = tuple(_anchor({p[:HEAD_CHARS] for p in e[0]}, word_start=False) if e is not None else None for e in each)
    found = [e for e in each if e is not None]
    if len(found) < len(each):
        return None, heads
    return _anchor(set().union(*(prefixes for prefixes, _ in found)), all(word for _, word in found)), heads


@dataclass(frozen=True, slots=True)
class CountAnchors:
    """The joint anchor of a lexicon's triggers split in two: the counts' and the others'.

    Together they find the joint anchor's positions where a trigger matches: a position
    where only the counts' prefixes match is one where only a count may start, and a count
    only starts where its reach admits it, which `events._count_windows` bounds.
    """

    counts: tuple[int, ...]  # the counts: they start only with a digit and have a reach
    counted: Anchor  # the counts' prefixes
    others: Anchor  # the other triggers' prefixes


def count_anchors(patterns: Sequence[re.Pattern[str]]) -> CountAnchors | None:
    """The anchors of the counts among `patterns` and of the others (None: no counts, or
    some pattern unanchored)."""
    each = [_starts_of(pattern, ANCHOR_CHARS) for pattern in patterns]
    found = [e for e in each if e is not None]
    if len(found) < len(each):
        return None
    digit = frozenset({_CATEGORY_ATOMS[_c.CATEGORY_DIGIT]})
    counts = tuple(
        i
        for i, (prefixes, _) in enumerate(found)
        if all(p[0] == digit for p in prefixes) and _few_spaces(reach(patterns[i]))
    )
    others = [e for i, e in enumerate(found) if i not in counts]
    if not counts or not others:
        return None

    def joint(group: list[tuple[set[_Prefix], bool]]) -> Anchor:
        return _anchor(set().union(*(prefixes for prefixes, _ in group)), all(word for _, word in group))

    return CountAnchors(counts, joint([found[i] for i in counts]), joint(others))


def _few_spaces(found: Reach | None) -> bool:
    """Whether a count with this reach is worth looking for only before its needle: its
    windows (a few words each) then leave out most numbers of a text. A count reading many
    spaces ("1 200 человек были депортированы", up to 20) has windows covering a third of
    a text: they cost more than the numbers they leave out."""
    return found is not None and found.spaces <= COUNT_SPACES


# The lexicon's joint anchor and the counts' split (`count_anchors`) read the same
# patterns' prefixes: worked out once. The sets returned are shared, so never changed.
@lru_cache(maxsize=256)
def _starts_of(pattern: re.Pattern[str], chars: int) -> tuple[set[_Prefix], bool] | None:
    """The prefixes (at most `chars` characters) of `pattern`'s matches, and whether it
    starts only at the start of a word; None where a match may begin with any character."""
    parsed = _sp.parse(pattern.pattern, pattern.flags)
    try:
        ended, opened = _prefixes(parsed, chars)
    except _Unanchored:
        return None
    prefixes = ended | opened
    if not prefixes or () in prefixes:
        return None
    return prefixes, _word_start(parsed)


def _anchor(prefixes: set[_Prefix], word_start: bool) -> Anchor:
    full, plain = _trie_pattern(prefixes, plain=False), _trie_pattern(prefixes, plain=True)

    def compiled(before: str) -> _Pair:
        return _Pair(re.compile(f"{before}(?={full})"), re.compile(f"{before}(?={plain})"))

    return Anchor(head=compiled(""), after_break=compiled(_break_class()) if word_start else None)


@lru_cache(maxsize=1)
def _break_class() -> str:
    """`[\\W_]` written out: every character of the Basic Multilingual Plane it holds, and
    every character past it (more than it holds: a few more positions only).

    The engine tests `\\W` by looking up each character's Unicode category; a class of
    ranges it compiles to a bitmap it tests faster, and it tests every character of the text.
    """
    breaks = re.compile(r"[\W_]")
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if breaks.match(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return f"[{body}\U00010000-\U0010ffff]"


@dataclass(frozen=True, slots=True)
class Needle:
    """Runs of characters one of which every match of a case-insensitive pattern holds.

    Where a stretch of text holds none, the pattern has no match inside it. Each run is
    searched on its own (an alternation of them is slower to search): as a string with
    `str.find` where it is letters, else as a case-sensitive pattern.
    """

    runs: tuple[_Pair, ...]
    literals: tuple[str, ...] | None  # the plain runs as strings, where every one is letters

    def absent(self, lowered: Lowered, lo: int, hi: int) -> bool:
        """Whether no match of the pattern can lie inside `[lo, hi)` of the text."""
        text = lowered.text
        if self.literals is not None and not lowered.rare:
            find = text.find
            for literal in self.literals:
                if find(literal, lo, hi) >= 0:
                    return False
            return True
        return all(run.get(lowered).search(text, lo, hi) is None for run in self.runs)

    def starts(self, lowered: Lowered) -> list[int]:
        """Where a run starts in the text, every place, in order."""
        text = lowered.text
        found: list[int] = []
        if self.literals is not None and not lowered.rare:
            for literal in self.literals:
                at = text.find(literal)
                while at >= 0:
                    found.append(at)
                    at = text.find(literal, at + 1)
        else:
            for run in self.runs:
                pattern = run.get(lowered)
                m = pattern.search(text)
                while m is not None:
                    found.append(m.start())
                    m = pattern.search(text, m.start() + 1)
        return sorted(found)


@dataclass(frozen=True, slots=True)
class Reach:
    """How far from where it starts a match of a pattern holds its needle: a match reads at
    most `spaces` white-space characters, so a run it holds starts before more than that
    many spaces have passed ("87 foreigners have been deported": " been " within 3 words).
    """

    needle: Needle
    spaces: int

    def admits(self, lowered: str, starts: list[int], position: int) -> bool:
        """Whether a match may start at `position` of the lower-cased text, where the needle's
        runs start at `starts` (`needle.starts`).

        The first run from `position` on is the one fewest spaces away (counting only " "
        among the white space undercounts them, so no match is ruled out wrongly)."""
        i = bisect_left(starts, position)
        if i == len(starts):
            return False
        end = starts[i]
        # A far run is mostly ruled out by the spaces of a short stretch, counted first.
        near = position + SPACE_CHARS * (self.spaces + 1)
        if end > near and lowered.count(" ", position, near) > self.spaces:
            return False
        return lowered.count(" ", position, end) <= self.spaces


def reach(pattern: re.Pattern[str]) -> Reach | None:
    """The reach of `pattern`, or None where it holds no needle or may read any number of spaces."""
    parsed = _sp.parse(pattern.pattern, pattern.flags)
    spaces = _spaces(parsed)
    found = _needle(parsed, REACH_RUN_CHARS) if spaces is not None else None
    return Reach(found, spaces) if found is not None and spaces is not None else None


def _spaces(items: Iterable[tuple[Any, Any]]) -> int | None:
    """The most white-space characters the sequence `items` reads (None: no bound)."""
    total = 0
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a look-around reads, but not as part of the match
        if op is _c.LITERAL:
            count: int | None = 1 if chr(av).isspace() else 0
        elif op is _c.IN:
            count = 1 if _may_be_space(av) else 0
        elif op is _c.SUBPATTERN:
            count = _spaces(av[3])
        elif op is _c.ATOMIC_GROUP:
            count = _spaces(av)
        elif op is _c.BRANCH:
            counts = [_spaces(branch) for branch in av[1]]
            count = None if None in counts else max(c for c in counts if c is not None)
        elif op in _REPEATS:
            sub = _spaces(av[2])
            count = None if sub is None or (sub and av[1] == _c.MAXREPEAT) else av[1] * sub
        else:
            count = None  # any character, a back-reference …
        if count is None:
            return None
        total += count
    return total


def _may_be_space(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a character class may match white space (where unsure, it may)."""
    for op, av in items:
        if op is _c.LITERAL:
            if chr(av).isspace():
                return True
        elif op is _c.RANGE:
            if av[1] > 0xFFFF or any(av[0] <= ord(ch) <= av[1] for ch in _white_space()):
                return True
        elif not (op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_WORD)):
            return True  # \s, a negated class …
    return False


@lru_cache(maxsize=1)
def _white_space() -> str:
    """The white-space characters of the Basic Multilingual Plane (Unicode has none past
    it; a class reaching past it is taken to hold some all the same)."""
    return "".join(chr(c) for c in range(0x10000) if chr(c).isspace())


def needle(pattern: re.Pattern[str]) -> Needle | None:
    """The needle of `pattern`, or None where no run of characters is in every match."""
    return _needle(_sp.parse(pattern.pattern, pattern.flags), None)


def _needle(parsed: Iterable[tuple[Any, Any]], longest: int | None) -> Needle | None:
    """The needle of a parsed pattern, its runs cut to their first `longest` characters:
    fewer runs (a run's start is in every stretch the run is in), for a needle whose every
    run is looked for through a whole text."""
    found = _required(parsed)
    if not found or () in found:
        return None
    if longest is not None:
        found = {run[:longest] for run in found}
    # A run holding another is redundant: a text with it holds the other.
    runs = sorted((r for r in found if not any(o != r and _holds(r, o) for o in found)), key=_run_key)
    literals = [_literal(run) for run in runs]
    return Needle(
        tuple(_Pair(re.compile(_run_pattern(run, plain=False)), re.compile(_run_pattern(run, plain=True))) for run in runs),
        tuple(lit for lit in literals if lit is not None) if None not in literals else None,
    )


def _run_key(run: _Prefix) -> list[list[str]]:
    return [sorted(atom) for atom in run]


def _literal(run: _Prefix) -> str | None:
    """A plain run as a string, where each of its atoms is one letter."""
    plain = [sorted(atom - _RARE) for atom in run]
    return "".join(a[0] for a in plain) if all(len(a) == 1 and len(a[0]) == 1 for a in plain) else None


def _holds(run: _Prefix, other: _Prefix) -> bool:
    """Whether every stretch matching `run` holds a stretch matching `other`."""
    n = len(other)
    return any(all(run[i + j] <= other[j] for j in range(n)) for i in range(len(run) - n + 1))


def _word_start(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether the pattern opens with the word-start guard, before it reads any character."""
    for op, av in items:
        if op not in _ZERO_WIDTH:
            return False
        if op is _c.ASSERT_NOT and av[0] == -1 and list(av[1]) == _WORD_CHAR:
            return True
    return False


@lru_cache(maxsize=4096)
def _case_class(code: int) -> _Atom:
    """The lower-cased characters of a text where the engine matches character `code`, in
    or out of IGNORECASE: its simple lower case and those `re._casefix` pairs with it."""
    lower = _sre.unicode_tolower(code)
    return frozenset(chr(c) for c in (lower, *_cf._EXTRA_CASES.get(lower, ())))


def _class_atom(items: Iterable[tuple[Any, Any]]) -> _Atom | None:
    """The atom of a character class, or None where it is too wide or negated."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out |= _case_class(av)
        elif op is _c.RANGE and av[1] - av[0] < MAX_CLASS_CHARS:
            for code in range(av[0], av[1] + 1):
                out |= _case_class(code)
        elif op is _c.CATEGORY and av in _CATEGORY_ATOMS:
            out.add(_CATEGORY_ATOMS[av])
        else:
            return None
    return frozenset(out)


def _prefixes(items: Iterable[tuple[Any, Any]], room: int) -> tuple[set[_Prefix], set[_Prefix]]:
    """The prefixes, of at most `room` characters, of what the sequence `items` matches:
    those that end (`room` is read, or what follows cannot be told), and those that go on
    into what follows the sequence. Ending a prefix early only admits more positions."""
    if room <= 0:
        return {()}, set()
    ended: set[_Prefix] = set()
    opened: set[_Prefix] = {()}
    for op, av in items:
        following: set[_Prefix] = set()
        for head in opened:
            tails_ended, tails_open = _item_prefixes(op, av, room - len(head))
            ended.update(head + t for t in tails_ended)
            for t in tails_open:
                (ended if len(head) + len(t) >= room else following).add(head + t)
        opened = following
        if len(ended) + len(opened) > MAX_PREFIXES:
            raise _Unanchored
        if not opened:
            break
    return ended, opened


def _item_prefixes(op: Any, av: Any, room: int) -> tuple[set[_Prefix], set[_Prefix]]:
    if room <= 0:
        return {()}, set()
    if op is _c.LITERAL:
        return set(), {(_case_class(av),)}
    if op is _c.IN:
        atom = _class_atom(av)
        return ({()}, set()) if atom is None else (set(), {(atom,)})
    if op in _ZERO_WIDTH:
        return set(), {()}  # a look-around only narrows where a match is
    if op is _c.SUBPATTERN:
        return _prefixes(av[3], room)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(av, room)
    if op is _c.BRANCH:
        ended: set[_Prefix] = set()
        opened: set[_Prefix] = set()
        for branch in av[1]:
            e, o = _prefixes(branch, room)
            ended |= e
            opened |= o
        return ended, opened
    if op in _REPEATS:
        return _repeat_prefixes(av[0], av[1], av[2], room)
    return {()}, set()  # any character, a back-reference …: the prefix ends here


def _repeat_prefixes(low: int, high: int, sub: Iterable[tuple[Any, Any]], room: int) -> tuple[set[_Prefix], set[_Prefix]]:
    """Prefixes of `sub` repeated `low` to `high` times: unrolled while there is room."""
    ended: set[_Prefix] = set()
    opened: set[_Prefix] = {()} if low == 0 else set()
    current: set[_Prefix] = {()}
    done = 0
    while current and done < high and done < room:
        following: set[_Prefix] = set()
        for head in current:
            tails_ended, tails_open = _prefixes(sub, room - len(head))
            ended.update(head + t for t in tails_ended)
            for t in tails_open:
                (ended if len(head) + len(t) >= room else following).add(head + t)
        done += 1
        if done >= low:
            opened |= following
        current = following
        if len(ended) + len(opened) + len(current) > MAX_PREFIXES:
            raise _Unanchored
    if done < high:
        ended |= current  # more repeats could follow, unread: these prefixes end here
    return ended, opened


def _required(items: Iterable[tuple[Any, Any]]) -> set[_Prefix] | None:
    """Runs of characters one of which every match of the sequence `items` holds, or None.

    A run is characters the sequence reads one after another (look-arounds between them
    read nothing, a group's items are read in the sequence); an alternation requires one
    of its branches' runs, a repeat at least once the runs of what it repeats. Of the
    sequence's requirements the rarest (`_rarity`) is kept.
    """
    options: list[set[_Prefix]] = []
    run: list[_Atom] = []

    def close() -> None:
        if run:
            options.append({tuple(run)})
            run.clear()

    def walk(seq: Iterable[tuple[Any, Any]]) -> None:
        for op, av in seq:
            if op is _c.LITERAL:
                run.append(_case_class(av))
            elif op is _c.IN and (atom := _class_atom(av)) is not None:
                run.append(atom)
            elif op in _ZERO_WIDTH:
                continue
            elif op is _c.SUBPATTERN:
                walk(av[3])
            elif op is _c.ATOMIC_GROUP:
                walk(av)
            else:
                if op is _c.BRANCH and run:
                    # The run goes on into each branch: "вы" + "шли" | "слан" (a start the
                    # parser took out of the branches) is rarer than "шли" | "слан".
                    leads = [_leading(branch) for branch in av[1]]
                    if all(leads) and len(leads) <= MAX_BRANCH_RUNS:
                        options.append({tuple(run) + lead for lead in leads})
                close()
                found = _item_required(op, av)
                if found:
                    options.append(found)

    walk(items)
    close()
    if not options:
        return None
    return max(options, key=_rarity)


def _rarity(runs: set[_Prefix]) -> tuple[int, int, int]:
    """How few stretches of text a requirement lets through: runs of more letters are
    rarer, up to a few; past that, fewer runs are fewer searches."""
    letters = min(map(_letters, runs))
    return min(letters, ENOUGH_LETTERS), -len(runs), letters


def _letters(run: _Prefix) -> int:
    return sum(1 for atom in run if len(atom) <= LETTER_ATOM_CHARS and all(len(ch) == 1 for ch in atom))


def _leading(items: Iterable[tuple[Any, Any]]) -> _Prefix:
    """The characters a sequence reads first, one after another (none where it opens otherwise)."""
    out: list[_Atom] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(_case_class(av))
        elif op is _c.IN and (atom := _class_atom(av)) is not None:
            out.append(atom)
        elif op not in _ZERO_WIDTH:
            break
    return tuple(out)


def _item_required(op: Any, av: Any) -> set[_Prefix] | None:
    if op is _c.BRANCH:
        out: set[_Prefix] = set()
        for branch in av[1]:
            found = _required(branch)
            if not found:
                return None
            out |= found
        return out
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2])
    return None


def _trie_pattern(prefixes: Iterable[_Prefix], plain: bool) -> str:
    """A regex matching where a text starts with one of `prefixes`, as a trie."""
    trie: dict[str | None, Any] = {}
    for prefix in sorted(prefixes, key=len):  # a shorter prefix makes the longer ones it opens redundant
        node = trie
        atoms = [_atom_pattern(atom, plain) for atom in prefix]
        if None in atoms:
            continue  # a character the text cannot hold
        for atom in atoms:
            if None in node:
                break
            node = node.setdefault(atom, {})
        else:
            node.clear()
            node[None] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str | None, Any]) -> str:
    if None in node:
        return ""
    parts = sorted(atom + _trie_node(child) for atom, child in node.items() if atom is not None)
    if not parts:
        return "(?!)"
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _run_pattern(run: _Prefix, plain: bool) -> str:
    atoms = [_atom_pattern(atom, plain) for atom in run]
    return "".join(a for a in atoms if a is not None) if None not in atoms else "(?!)"


@lru_cache(maxsize=4096)  # a lexicon's atoms are few, and its prefixes hold them many times over
def _atom_pattern(atom: _Atom, plain: bool) -> str | None:
    """An atom as a regex: a character or a class; None when a plain text cannot hold it."""
    chars = sorted(ch for ch in atom if len(ch) == 1 and not (plain and ch in _RARE))
    categories = sorted(ch for ch in atom if len(ch) > 1)
    if len(chars) == 1 and not categories:
        return re.escape(chars[0])
    if not chars and not categories:
        return None
    return "[" + "".join(re.escape(ch) for ch in chars) + "".join(categories) + "]"
