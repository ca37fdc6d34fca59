"""Long alternations of patterns, rewritten so that a regex scan tries few of them per position.

Python's regex engine tries the branches of `(?:a|b|c|…)` one after another at every
position of a text. Word lists of a few hundred entries (event triggers, indicator
cues, Russian words with all their case forms) made those scans most of the
extractor's time: at each word start, hundreds of branches failed on their first
character.

`dispatch` groups the branches by the characters they can start with and puts a
one-character look-ahead before each group, `(?=[dD])(?:detained|deported|…)`, so a
position tries only the branches that can start there. The rewrite keeps what the
pattern matches exactly, match for match:

* a branch that matches at a position starts with a character of its *first set*
  (computed from the parsed pattern, a superset is fine), so the group for that
  character holds every branch that could match there;
* the groups' look-ahead classes are disjoint (characters that are equal ignoring
  case, in Python's own sense, always share a group), so a position enters at most one group;
* within a group the branches keep their order, so the branch Python would have
  picked first is still picked first.

A branch whose first character cannot be bounded (it may start with `\\w` or match
the empty string) is put into every group and into a last group for the other
characters. Groups are never read from these patterns (only whole matches), and a
list with a branch that refers to a group is left as it was.

`guarded` puts the same kind of look-ahead before any pattern, so a search skips the
positions where it cannot start. `PatternSet` searches many patterns (the indicator
cues, the event triggers) with one scan of their joint alternation, and tries each
pattern only where the scan found that one of them matches.

The rewrites matter: they took the English extractor from about 35,000 to about 50,000
words a second (bench/RESULTS.md), with the same output on every text measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# The private modules behind `re` are the only reliable way to see a pattern the way
# the engine does (3.11+: re._parser, re._constants, re._casefix).
from re import _casefix as _cf  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _sp  # type: ignore[attr-defined]

import _sre

__all__ = ["PatternSet", "char_trie", "dispatch", "first_keys", "guarded", "pattern_set", "starts", "trie_pattern"]

# The key of every decimal digit (`\d`, which is Unicode-wide): one group for all digits.
DIGIT = "\\d"
# The key of every white-space character (`\s`): one group for all of them.
SPACE = "\\s"
# A character range in a class is enumerated up to this size; a wider one counts as unbounded.
MAX_RANGE = 64
# Characters whose candidate patterns a PatternSet remembers: enough for every letter of
# two alphabets and punctuation, and a bound on what an odd text can make it hold.
MAX_CACHED_CHARS = 4096
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REFERENCES = (_c.GROUPREF, _c.GROUPREF_EXISTS)
# Classes kept whole as one key: no letter is a digit or a space, so their groups stay apart.
_CATEGORIES = {_c.CATEGORY_DIGIT: DIGIT, _c.CATEGORY_SPACE: SPACE}
_WHITE = re.compile(r"\s")


class _Unbounded(Exception):
    """A branch may start with any character (or with none)."""


def _key(code: int) -> str:
    """A character's group key: its lower case as the engine folds it, or DIGIT, or SPACE."""
    ch = chr(code)
    if ch.isdecimal():
        return DIGIT
    if _WHITE.match(ch):
        return SPACE
    return chr(_sre.unicode_tolower(code))


def _first_of_items(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The keys a sequence of parsed items can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, av in items:
        keys, nullable = _first_of_item(op, av)
        out |= keys
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {_key(av)}, False
    if op in _ZERO_WIDTH:
        return set(), True  # look-arounds only narrow where a branch matches
    if op is _c.SUBPATTERN:
        return _first_of_items(av[3])
    if op is _c.ATOMIC_GROUP:
        return _first_of_items(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            keys, empty = _first_of_items(branch)
            out |= keys
            nullable = nullable or empty
        return out, nullable
    if op in _REPEATS:
        low, _, sub = av
        keys, empty = _first_of_items(sub)
        return keys, empty or low == 0
    if op is _c.IN:
        return _first_of_class(av), False
    if op is _c.CATEGORY and av in _CATEGORIES:
        return {_CATEGORIES[av]}, False
    raise _Unbounded


def _first_of_class(items: Sequence[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(_key(av))
        elif op is _c.RANGE and av[1] - av[0] <= MAX_RANGE:
            out.update(_key(code) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            raise _Unbounded  # a negated class, \w, \s, a wide range
    return out


def _refers_to_groups(items: Iterable[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in _REFERENCES:
            return True
        subs: list[Any] = []
        if op in (_c.SUBPATTERN,):
            subs = [av[3]]
        elif op is _c.ATOMIC_GROUP:
            subs = [av]
        elif op is _c.BRANCH:
            subs = list(av[1])
        elif op in _REPEATS:
            subs = [av[2]]
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            subs = [av[1]]
        if any(_refers_to_groups(s) for s in subs):
            return True
    return False


@lru_cache(maxsize=None)
def first_keys(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters (lower case; `DIGIT`, `SPACE` for any digit or space) a match of `pattern` can start with.

    None when that cannot be bounded: the pattern may match the empty string or start
    with a class such as `\\w`. The set may be larger than needed, never smaller.
    """
    parsed = _sp.parse(pattern, flags)
    try:
        keys, nullable = _first_of_items(parsed.data)
    except _Unbounded:
        return None
    return None if nullable else frozenset(keys)


@lru_cache(maxsize=None)
def _has_references(pattern: str, flags: int) -> bool:
    return _refers_to_groups(_sp.parse(pattern, flags).data)


def _merge_case_variants(keys: set[str]) -> dict[str, frozenset[str]]:
    """Each key's class: keys Python treats as equal ignoring case ("s", "ſ") share one."""
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for k in keys:
        if k in (DIGIT, SPACE):
            continue
        for other in _cf._EXTRA_CASES.get(ord(k), ()):
            o = _key(other)
            if o in parent and root(o) != root(k):
                parent[root(o)] = root(k)
    classes: dict[str, set[str]] = {}
    for k in keys:
        classes.setdefault(root(k), set()).add(k)
    return {k: frozenset(classes[root(k)]) for k in keys}


def _class(keys: Iterable[str]) -> str:
    return "(?i:[" + "".join(k if k in (DIGIT, SPACE) else re.escape(k) for k in sorted(keys)) + "])"


def dispatch(alternatives: Sequence[str], flags: int = re.IGNORECASE) -> str:
    """A regex matching exactly what `(?:a1)|(?:a2)|…` matches, trying only the branches that
    can start with the character at hand (see the module docstring).

    `flags` are those the result will be compiled with (they decide how each branch parses).
    """
    branches = [f"(?:{a})" for a in alternatives]
    if not branches:
        return r"(?!x)x"
    if len(branches) == 1 or any(_has_references(b, flags) for b in branches):
        return "|".join(branches)
    firsts = [first_keys(b, flags) for b in branches]
    keys: set[str] = set()
    for f in firsts:
        keys |= f or set()
    merged = _merge_case_variants(keys)
    # Keys whose characters could start the same branches share a group.
    groups: dict[tuple[int, ...], set[str]] = {}
    for cls in set(merged.values()):
        members = tuple(i for i, f in enumerate(firsts) if f is None or f & cls)
        groups.setdefault(members, set()).update(cls)
    parts = [
        f"(?={_class(chars)})(?:{'|'.join(branches[i] for i in members)})"
        for members, chars in sorted(groups.items(), key=lambda g: (-len(g[0]), sorted(g[1])))
    ]
    unbounded = [branches[i] for i, f in enumerate(firsts) if f is None]
    if unbounded:
        guard = f"(?!{_class(keys)})" if keys else ""
        parts.append(guard + "(?:" + "|".join(unbounded) + ")")
    return "|".join(parts)


@lru_cache(maxsize=None)
def starts(alternatives: tuple[str, ...], flags: int = re.IGNORECASE) -> str:
    """A look-ahead on the characters any of `alternatives` can start with ("" when unbounded).

    Put before a pattern, it lets a scan skip at once the positions where nothing can start.
    """
    keys: set[str] = set()
    for a in alternatives:
        f = first_keys(f"(?:{a})", flags)
        if f is None:
            return ""
        keys |= f
    return f"(?={_class(keys)})" if keys else ""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled with a look-ahead on the characters its matches can start with.

    The same matches; a search skips at once the positions where the pattern cannot
    start, instead of entering it there (most positions, for a pattern that starts
    with punctuation or a few words).
    """
    return re.compile(starts((pattern,), flags) + f"(?:{pattern})", flags)


@dataclass(frozen=True, slots=True)
class PatternSet:
    """Several patterns searched together: one scan of a text finds where any of them matches.

    Built by `pattern_set` from patterns made by `word_pattern`-style compilers; `scan`
    matches at exactly the positions where one of `patterns` matches (it is their
    alternation), so only there is each pattern tried, and only the patterns that can
    start with the character found there.
    """

    patterns: tuple[re.Pattern[str], ...]
    scan: re.Pattern[str]
    heads: tuple[re.Pattern[str] | None, ...]  # each pattern's first-character class; None: any
    # Per character, the patterns that can start with it: a cache (of a pure function).
    _by_char: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def at(self, ch: str) -> tuple[int, ...]:
        """Indices of the patterns that can start with `ch`, in order."""
        found = self._by_char.get(ch)
        if found is None:
            # The engine itself decides whether `ch` can start a pattern: its head class is
            # the one its own look-ahead uses, so no case rule is guessed here.
            found = tuple(i for i, head in enumerate(self.heads) if head is None or head.match(ch))
            if len(self._by_char) < MAX_CACHED_CHARS:
                self._by_char[ch] = found
        return found

    def _at(self, text: str, position: int, end: int) -> Sequence[int]:
        # At the end only a pattern that matches nothing can match, and any might.
        return self.at(text[position]) if position < end else range(len(self.patterns))

    def matches_at(
        self, text: str, position: int, end: int, admit: Callable[[int], bool] | None = None
    ) -> list[tuple[int, re.Match[str]]]:
        """(index, match) for each pattern that matches `text` at `position` (text ending at `end`).

        `admit`, when given, is asked first whether pattern `i` may match here at all (a
        caller's cheaper test, such as an anchor): a pattern it turns down is not tried.
        """
        out = []
        end = min(end, len(text))
        for i in self._at(text, position, end):
            if admit is not None and not admit(i):
                continue
            m = self.patterns[i].match(text, position, end)
            if m is not None:
                out.append((i, m))
        return out

    def finditer_each(self, text: str, start: int, end: int) -> tuple[tuple[re.Match[str], ...], ...]:
        """For each pattern, `tuple(pattern.finditer(text, start, end))`, from one scan.

        `finditer` goes from match to match: after a match it looks on from the match's
        end. So a pattern is tried at a position where some pattern matches, if its
        previous match has ended there; an empty match (none of the word lists has one)
        sends that pattern back to `finditer` itself, to keep its exact rules.
        """
        end = min(end, len(text))  # as the engine clamps them
        start = min(start, len(text))
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        free = [start] * len(self.patterns)  # where each pattern's next match may start
        exact: set[int] = set()
        pos = start
        while (hit := self.scan.search(text, pos, end)) is not None:
            p = hit.start()
            for i in self._at(text, p, end):
                if p < free[i] or i in exact:
                    continue
                m = self.patterns[i].match(text, p, end)
                if m is None:
                    continue
                if m.end() == p:
                    exact.add(i)
                    continue
                found[i].append(m)
                free[i] = m.end()
            if p >= end:
                break  # the engine would find the same empty match at the end again
            pos = p + 1
        for i in exact:
            found[i] = list(self.patterns[i].finditer(text, start, end))
        return tuple(tuple(f) for f in found)


def pattern_set(patterns: Sequence[re.Pattern[str]], alternatives: Sequence[Sequence[str]], scan: re.Pattern[str]) -> PatternSet:
    """A `PatternSet` of `patterns`, each compiled from its `alternatives`, and their joint `scan`."""
    heads: list[re.Pattern[str] | None] = []
    for alts, pattern in zip(alternatives, patterns):
        head = starts(tuple(alts), pattern.flags)
        heads.append(re.compile(head, pattern.flags) if head else None)
    return PatternSet(tuple(patterns), scan, tuple(heads))


def char_trie(words: Iterable[str]) -> dict[str, Any]:
    """`words` as a character trie: a dict per node, the key "" marking where a word ends."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def trie_pattern(node: Mapping[str, Any], char: Callable[[str], str] = re.escape) -> str:
    """The alternation a `char_trie` node stands for, each character written by `char`.

    Factored as the trie is ("de(?:port(?:ed|ation)|tained)"), a scan fails on a word's
    second or third character instead of trying every word in turn. Empty for a node
    with no children; not wrapped in a group when it is a single branch.
    """
    branches = [char(ch) + trie_pattern(child, char) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: what follows is optional
        return body + "?" if len(branches) > 1 or len(body) == 1 else "(?:" + body + ")?"
    return body
