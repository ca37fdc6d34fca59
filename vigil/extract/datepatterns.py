"""The compiled patterns behind `dates.find_dates`, built once per language from TOML.

Word lists are data (`lexicons/<lang>/dates.toml`); `grammar` turns them into regexes
once per process. What makes the patterns quick to run, not only right:

  - lists of words become character tries (`_trie`), so a pattern tries a few
    characters at a place rather than every word in turn;
  - each pattern runs only near a word it cannot match without, its gate (`Gate`):
    a year or a month name for the main pattern, "half" or "quarter" for parts of
    a year, and so on; a gate spells the cases out instead of using re.IGNORECASE,
    and is looked for with str.find where its words are few;
  - where a match of the main pattern may begin, and what may stand before its first
    month or year, have patterns of their own (`Opening`);
  - the phrases of the rules without a gate ("last year", "текущего года") are
    looked for in the lower-cased text, only around the words they hold (`Lowered`).

Each of these finds exactly what the plain pattern would; dates.py says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vigil.extract.alternation import char_trie, trie_pattern
from vigil.extract.lexicon import load

__all__ = ["BACK_MAIN", "YEAR4", "Gate", "Grammar", "Lowered", "Opening", "Rule", "grammar", "lowered_text", "norm"]

YEAR4 = r"(?:19|20)\d\d"
# Patterns run only near a word they cannot match without (a year or a month name for
# the main one, "half"/"quarter" for parts of a year, …): these are how far before
# that word an expression may begin. The longest leads are phrases such as
# "по состоянию на двадцать первое января" (38 characters before the month).
BACK_MAIN = 50
_BACK_PERIOD = 40
_BACK_SHORT = 25
# What a prefix does to the date after it (lexicons: [prefixes]).
_ROLES = frozenset({"point", "stock", "end_stock", "start_stock", "since", "until", "vague", "between"})
_DASH = r"\s*[-–—]\s*"


@dataclass(frozen=True, slots=True)
class Opening:
    """Where a match of the main pattern may begin, found quicker than by searching.

    `starts` is the main pattern's opening lookahead alone, which reads no further than
    `reach` characters from where it matches (see dates._next_match). `lead`, matched
    on the reversed text from a month or year backwards, reads back over all that may
    stand before the first month or year of a date: prefixes, "between", "and", "to",
    "of", day numbers and day words, and what joins them (see dates._scan). It is set only where
    month names are matched in the cases the gate spells out, so that every match
    holds a hit of the gate.
    """

    starts: re.Pattern[str]
    reach: int
    lead: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Lowered:
    """A rule's phrases, looked for in the lower-cased text (see dates._scan_lowered)."""

    pattern: re.Pattern[str]  # the rule's pattern, case-sensitive, in lower case
    anchors: tuple[str, ...]  # every phrase holds one of these words
    outside: re.Pattern[str]  # a character that no phrase holds


@dataclass(frozen=True, slots=True)
class Rule:
    """A secondary pattern, and the name of what reads its matches.

    `gate` finds the words it cannot match without, `back` is how far before such a
    word a match may start. A rule with no gate reads the whole text; `lowered` is
    then its phrases, for the lower-cased text.
    """

    pattern: re.Pattern[str]
    reads: str  # which reader in dates.py reads its matches
    gate: Gate | None = None
    back: int = 0
    lowered: Lowered | None = None


@lru_cache(maxsize=4096)
def norm(s: str) -> str:
    # Cached: the same few words (prefixes, month names) come back at every date.
    return " ".join(s.lower().replace("ё", "е").replace("’", "'").split())


def _trie(words: Iterable[str], yo: bool = False, word_start: bool = False) -> str:
    """A regex alternation for `words`, factored as a trie (much faster than a|b|c).

    With `word_start`, a word matches only where no word character comes before it,
    and the alternation is left bare, one branch per first character, for _gate.
    """
    root = char_trie(w for w in set(words) if w)

    def esc(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if yo and ch in "её":
            return "[её]"
        if ch in "'’":
            return "['’]"
        return re.escape(ch)

    def emit(node: dict[str, Any]) -> str:
        return trie_pattern(node, esc)

    if word_start and root:
        # The check that no word character comes before is made after the first
        # character, not before it ("J(?<![\w]J)an…", not "(?<![\w])Jan…"): every
        # branch then opens with a plain character, so re skips ahead to the next of
        # those first characters instead of trying the pattern at each position.
        return "|".join(f"{esc(ch)}(?<![\\w]{esc(ch)}){emit(child)}" for ch, child in sorted(root.items()))
    return "(?:" + emit(root) + ")" if root else "(?!)"


# Characters that re.IGNORECASE takes for a letter other than their upper, lower and
# title case (see _cased): İ and ı for i, ſ for s, the Kelvin and Ångström signs for k
# and å, the old forms ᲀ-ᲈ of в, д, о, с, т, ъ, ѣ, ꙋ.
_CASE_EXTRA = "\u0130\u0131\u017f\u212a\u212b" + "".join(map(chr, range(0x1C80, 0x1C89)))


def _cased(ch: str, yo: bool = False) -> list[str]:
    """Every character that re.IGNORECASE matches with `ch` (е and ё as one when `yo`)."""
    src = "[её]" if yo and ch in "её" else re.escape(ch)
    pool = {ch, ch.upper(), ch.lower(), ch.title(), *_CASE_EXTRA, *("еёЕЁ" if yo else "")}
    return sorted(c for c in pool if len(c) == 1 and re.fullmatch(src, c, re.IGNORECASE))


def _ci_trie(words: Iterable[str], yo: bool = False) -> str:
    """f"(?i:{_trie(words, yo)})", with the first letter spelled out in each of its cases.

    The same words in any case; but in a case-sensitive pattern each branch opens
    with a plain character, which re checks at a glance, where (?i:…) makes it enter
    every branch to compare a letter. Meant for `(?-i:…)` in a case-insensitive one.
    """
    tails: dict[str, set[str]] = {}
    for w in set(words):
        if w:
            tails.setdefault(w[0], set()).add(w[1:])
    branches = []
    for first, rest in sorted(tails.items()):  # in _trie's order, so the same word wins
        if first in " '’":  # _trie writes these its own way
            branches.append(f"(?i:{_trie({first + r for r in rest}, yo)})")
            continue
        tail = f"(?i:{_trie(rest, yo)})" + ("?" if "" in rest else "") if rest - {""} else ""
        branches += [re.escape(c) + tail for c in _cased(first, yo)]
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


# The most words a gate looks for with str.find, and their longest beginning (see _gate).
_GATE_FINDS = 5
_GATE_FIND_LEN = 6
# Letters seldom seen in running text, in either language: a beginning that opens
# with one is looked for as that letter alone, one str.find for many words ("q" for
# "q1"…"q4" and "quarter": four finds in place of eight, and under _GATE_FINDS).
_RARE_FIRST = frozenset("q")
# A year standing alone, (?<!\d)(?:19|20)\d\d(?!\d), with the check before it moved
# after its first digit so that the pattern opens with a plain character (see _trie).
_GATE_YEAR = r"1(?<!\d1)9\d\d(?!\d)|2(?<!\d2)0\d\d(?!\d)"


@dataclass(frozen=True, slots=True)
class Gate:
    """The words a pattern cannot match without, and how to find them fast.

    `pattern` finds them. When `starts` is set, every match of `pattern` begins where
    one of `starts` (lower-case beginnings of its forms, ё written е) stands in the
    lower-cased text, or where `others` finds one (forms that begin with a capital,
    and years).
    """

    pattern: re.Pattern[str]
    starts: tuple[str, ...] | None = None
    others: re.Pattern[str] | None = None

    def hits(self, text: str, folded: str | None) -> list[tuple[int, int]]:
        """Where `pattern` matches, as pattern.finditer(text) finds it.

        `folded` is the text in lower case with ё written е, character for character
        (see dates._Ctx), or None. str.find looks for a few words much faster than a pattern
        is tried at every character (most of all in Cyrillic, where re looks each
        character up in a table of two-byte characters); a pattern for capitals and
        digits alone is quick too, as re skips to those few characters. Where either
        finds something, pattern.match, skipping what an earlier match covers, is what
        finditer does at that character.
        """
        if self.starts is None or folded is None:
            return [m.span() for m in self.pattern.finditer(text)]
        found = [m.start() for m in self.others.finditer(text)] if self.others is not None else []
        for word in self.starts:
            i = folded.find(word)
            while i >= 0:
                found.append(i)
                i = folded.find(word, i + 1)
        found.sort()
        out: list[tuple[int, int]] = []
        end = 0
        match = self.pattern.match
        for i in found:
            if i >= end and (m := match(text, i)) is not None:
                out.append(m.span())
                end = m.end()
        return out


def _gate(words: Iterable[str], yo: bool, years: bool = False) -> Gate:
    """A gate for `words` in lower, Capitalised and UPPER case.

    Spelling the cases out is several times faster than re.IGNORECASE. With `years`,
    the gate also finds a year standing alone, and takes a word only where no word
    character comes before it.
    """
    variants: set[str] = set()
    for w in words:
        titled = " ".join(x[:1].upper() + x[1:] for x in w.split(" "))
        variants |= {w, w.lower(), w[:1].upper() + w[1:], titled, w.upper()}
    if years:
        gate = re.compile(_GATE_YEAR + "|" + _trie(variants, yo, word_start=True))
        # Years and names that begin with a capital from one pattern, the others by
        # str.find. A name of one word matches only where a word begins, and a year is
        # digits: no match begins inside another, so finditer on the first pattern,
        # skipping only what its own matches cover, misses none that begins there.
        small = {v for v in variants if v[:1].islower()}
        if any(re.search(r"\W\w", v) for v in variants):
            return Gate(gate)
        return Gate(gate, _beginnings(small) or None, re.compile(_GATE_YEAR + "|" + _trie(variants - small, yo, word_start=True)))
    starts = _beginnings(variants)
    # Each str.find reads the whole text, quickly; a pattern tried at every character
    # is quicker than more than a handful of them, or than the many matches of a
    # one-letter word ("в").
    few = 0 < len(starts) <= _GATE_FINDS and all(len(k) > 1 or k in _RARE_FIRST for k in starts)
    return Gate(re.compile(_trie(variants, yo)), starts if few else None)


def _first_run(word: str) -> str:
    """The run of word characters `word` begins with ("" when it begins with none)."""
    run = re.match(r"\w+", word)
    return run.group(0) if run is not None else ""


def _beginnings(words: Iterable[str]) -> tuple[str, ...]:
    """What every one of `words` begins with in lower case (ё written е), for str.find.

    The first run of word characters of each, and of that no more than _GATE_FIND_LEN
    characters: six letters say "квартал" as well as "кварталом" do. A beginning that
    another one begins with adds nothing (str.find of the shorter finds it too). Empty
    when a word does not begin with a word character. One that opens with a letter of
    _RARE_FIRST is that letter alone (finding more places, each then tried by the
    gate's pattern, as any other).
    """
    runs = {_first_run(w.lower().replace("ё", "е"))[:_GATE_FIND_LEN] for w in words}
    if "" in runs:
        return ()
    runs = {r[0] if r[0] in _RARE_FIRST else r for r in runs}
    kept: list[str] = []
    for run in sorted(runs, key=len):
        if not any(run.startswith(k) for k in kept):
            kept.append(run)
    return tuple(kept)


def _anchors(phrases: list[str]) -> tuple[str, ...]:
    """A few words, one of which every phrase holds: the one most of them hold, and so on.

    A word here is a run of word characters; held as written, it stands unchanged in
    whatever the phrase matches ("year" in "last  year", "год" in "в прошлом году").
    """
    words = sorted({w for p in phrases for w in re.findall(r"\w+", p)})
    chosen: list[str] = []
    left = list(phrases)
    while left and words:
        best = max(words, key=lambda w: (sum(w in p for p in left), len(w)))
        chosen.append(best)
        left = [p for p in left if best not in p]
    return tuple(chosen)


def _strip_names(src: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", src)


@dataclass(frozen=True, slots=True)
class Grammar:
    language: str
    main: re.Pattern[str]
    opening: Opening | None
    gate: Gate
    single: re.Pattern[str]
    atom: re.Pattern[str]
    rules: tuple[Rule, ...]
    year_list: re.Pattern[str]
    year_anchor: re.Pattern[str]
    months: dict[str, tuple[int, bool]]
    day_words: dict[str, int]
    roles: dict[str, str]
    strong: frozenset[str]
    followers: frozenset[str]
    count_before: frozenset[str]
    identifiers: frozenset[str]
    bare_month: frozenset[str]
    bare_may: frozenset[str]
    range_word_prefixes: frozenset[str]
    stock_year_point: frozenset[str]
    relative: dict[str, tuple[str, int]]
    relative_year: dict[str, int]
    relative_blockers: tuple[str, ...]
    periods: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    counts: dict[str, int]
    named: dict[str, tuple[int, int]]


def _words(lex: dict[str, Any], *path: str) -> list[str]:
    node: Any = lex
    for p in path:
        node = node.get(p, {}) if isinstance(node, dict) else {}
    return [str(w) for w in node] if isinstance(node, list) else []


@lru_cache(maxsize=None)
def grammar(language: str) -> Grammar:
    """Compile every pattern for `language` from its word lists, once per process."""
    lex = load(language, "dates") or load("en", "dates")
    sensitive = bool(lex.get("case_sensitive_months", False))
    yo = language == "ru"

    def ci(src: str) -> str:  # case-insensitive part of a case-sensitive pattern
        return f"(?i:{src})" if sensitive else src

    def lower(w: str) -> str:
        return norm(w) if not sensitive else w.lower()

    def alt(words: Iterable[str]) -> str:
        return ci(_trie(map(lower, words)))

    def lowered(phrases: Iterable[str], after: str) -> Lowered:
        r"""rf"(?<![\w]){alt(phrases)}{after}" for the lower-cased text: case-sensitive,
        and opening with a plain character (see _trie), so re skips ahead fast."""
        words = sorted(set(map(lower, phrases)))
        held = {ch for w in words for ch in w if ch != " "} | ({"'", "’"} if any(c in "'’" for w in words for c in w) else set())
        return Lowered(re.compile(f"(?:{_trie(words, word_start=True)}){after}"), _anchors(words),
                        re.compile(f"[^\\s{re.escape(''.join(sorted(held)))}]"))

    months: dict[str, tuple[int, bool]] = {}
    all_forms: list[str] = []
    for i, forms in enumerate(lex.get("months", []), start=1):
        abbreviated = False
        for j, form in enumerate(forms):
            if form == "|":
                abbreviated = True
                continue
            abbr = abbreviated or (sensitive and j > 0)
            months[norm(form)] = (i, abbr)
            variants = [form, form.upper()] if sensitive else [norm(form)]
            if abbr:
                variants += [v + "." for v in variants]
            all_forms += variants
    month_src = _trie(all_forms, yo) + r"(?![\w])"

    day_words: dict[str, int] = {}
    for i, w in enumerate(lex.get("day_words", []), start=1):
        w = norm(w)
        stem_soft = w.endswith("ье")
        base = w[:-2]
        for ending in (("ье", "ьего", "ьему", "ьим") if stem_soft else ("ое", "ого", "ому", "ым")):
            day_words[base + ending] = i
    day_word_src = r"(?<![\w])" + _trie(day_words, yo) + r"(?![\w])" if day_words else "(?!)"

    suffixes = ["st", "nd", "rd", "th"] if sensitive else ["го", "е", "ое", "му", "м"]
    suffix = rf"(?:{'|'.join(suffixes)})?" if sensitive else rf"(?:-(?:{'|'.join(suffixes)}))?"
    day_src = r"(?<![\w.,])(?:3[01]|[12]\d|0?[1-9])" + suffix + r"(?![\w]|[.,:]\d)"
    dayn_src = r"(?<![\w.,])(?:3[01]|[12]\d|0?[1-9])(?![\w]|[.,:]\d)"
    year_words = _words(lex, "years", "words")
    endings = _words(lex, "years", "endings")
    if year_words:
        dotted = [w for w in year_words if w.endswith(".")]  # "г.", "гг.": the dot is part of the word
        plain = [w for w in year_words if not w.endswith(".")]
        yw_src = rf"(?:{_trie(dotted, yo)}|{_trie(plain, yo)}(?![\w]))"
    else:
        yw_src = "(?!)"
    ending_words = "|".join(map(re.escape, endings)) or "(?!)"
    ending_src = rf"(?:-(?:{ending_words})(?![\w-]))"
    if sensitive:
        year_src = r"(?<![\w.,])" + YEAR4 + r"(?![\w]|[.,]\d)"
    else:
        # not "2010-х" (a decade), but "2019-м" and "2019-го" (a year)
        year_src = r"(?<![\w.,])" + YEAR4 + rf"(?!\d|[.,]\d|-(?!(?:{ending_words})(?![\w-]))[^\W\d])"
    rel_year = {norm(k): int(v) for k, v in lex.get("relative_year", {}).items()}
    relyear_src = alt(rel_year) + r"(?![\w])" if rel_year else "(?!)"
    of = ci(r"(?:of\s+)?") if sensitive else ""

    def yp(n: str) -> str:
        y = f"(?P<y{n}>{year_src})" + (f"(?:{ending_src})?(?:\\s*{yw_src})?" if not sensitive else "")
        return rf"(?:,?\s+{of}(?:{y}|(?P<r{n}>{relyear_src})))?"

    day_any = f"(?:{day_src}|{day_word_src})" if day_words else day_src
    num = (
        r"(?P<nd>(?<![\w.,])(?:3[01]|[12]\d|0?[1-9]))[./](?P<nm>1[0-2]|0?[1-9])[./](?P<ny>" + YEAR4 + r")(?![\w]|[.,]\d)"
        r"|(?P<iy>(?<![\w.,])" + YEAR4 + r")-(?P<im>1[0-2]|0[1-9])-(?P<id>3[01]|[12]\d|0[1-9])(?![\w]|[.,]\d)"
    )
    atom_parts = [num, f"(?P<d1>{day_any})\\s+{of}(?P<m1>{month_src}){yp('1')}"]
    if sensitive:
        atom_parts.append(f"(?P<m2>{month_src})\\s+(?P<d2>{day_src}){yp('2')}")
    atom_parts.append(f"(?P<m3>{month_src}){yp('3')}")
    atom_parts.append(f"(?P<y4>{year_src})" + ("" if sensitive else f"(?P<ys4>{ending_src})?(?P<yw4>\\s*{yw_src})?"))
    atom_named = "(?:" + "|".join(atom_parts) + ")"
    atom_src = _strip_names(atom_named)
    dm_src = _strip_names(f"(?:{day_any})\\s+{of}(?:{month_src}){yp('x')}")

    roles: dict[str, str] = {}
    for role, words in lex.get("prefixes", {}).items():
        if role not in _ROLES:
            continue
        for w in words:
            roles.setdefault(norm(w), role)
    seasons = _words(lex, "seasons", "words")
    for s in seasons:  # "in the spring of 2024", "early summer 2023"
        for lead in ("", "in ", "during ", "early ", "late ", "in early ", "in late "):
            for the in ("", "the "):
                for tail in ("", " of"):
                    roles.setdefault(norm(lead + the + s + tail), "vague")
    range_words = _words(lex, "ranges", "words")
    and_words = _words(lex, "ranges", "and_words")
    between_words = [w for w, r in roles.items() if r == "between"]
    single_prefixes = [w for w, r in roles.items() if r not in ("between",)]
    pre_src = alt(single_prefixes)
    range_alt = alt(range_words)

    def sep_word(name: str) -> str:  # a dash, or a word such as "to" / "по" captured as `name`
        return rf"(?:{_DASH}|\s+(?P<{name}>{range_alt})\s+)"

    main_parts = [
        rf"(?P<btw>{alt(between_words)})\s+(?P<ba>{atom_src}|{dayn_src})\s+{alt(and_words)}\s+(?P<bb>{atom_src})",
    ]
    ranges = []
    if sensitive:
        ranges.append(rf"(?P<r1a>(?:{month_src})\s+(?:{day_src})){_DASH}(?P<r1b>{dayn_src})(?P<r1y>{_strip_names(yp('z'))})")
    ranges.append(rf"(?P<r2a>{dayn_src}){sep_word('r2w')}(?P<r2b>{dm_src})")
    ranges.append(rf"(?P<r3a>{atom_src}){sep_word('r3w')}(?P<r3b>{atom_src})")
    ranges.append(rf"(?P<r4a>{year_src}){_DASH}(?P<r4b>\d\d)(?![\w]|[.,]\d)")
    ranges.append(rf"(?P<s>{atom_src})")
    # Lookaheads that only restate what the alternatives after them begin with: every
    # range or single date begins with a digit, a month or a day word, and every match
    # with one of those, a prefix or "between", that is, with a digit or with the first
    # word of one of those followed by something not part of a word. They change no
    # match (a lookahead neither consumes nor captures); they make the many attempts at
    # ordinary words ("the", "people") fail at once, after one look-up in one trie,
    # instead of trying each alternative in turn.
    atom_first = rf"\d|{month_src}|{day_word_src}"
    first_words = {_first_run(w.lower()) for w in [*roles, *all_forms, *day_words]}
    opens = rf"(?=\d|(?-i:{_ci_trie(first_words, yo)})(?![\w]))"
    # What may stand in a date before its first month or year (see Opening), words
    # and marks, read backwards; a day number is a run of word characters that begins
    # with a digit ("9", "1st").
    lead_words = {run.lower()[::-1] for w in [*roles, *and_words, *range_words, *day_words, *suffixes]
                  for run in re.findall(r"\w+", w)} | ({"fo"} if sensitive else set())
    lead_marks = {ch for w in [*roles, *and_words, *range_words, *day_words] for ch in w if not (ch.isalnum() or ch.isspace())}
    lead_src = rf"(?:[\s{re.escape(''.join(sorted(lead_marks | set('-–—./'))))}]*(?:\w*\d|(?i:{_trie(lead_words, yo)}))(?![\w]))*"
    # (Case-insensitive month names may be written in a case the gate does not find,
    # "мАрта": a match need not hold a hit, and `lead` is not used.)
    opening: Opening | None = Opening(re.compile(r"(?<![\w])" + opens, 0 if sensitive else re.IGNORECASE),
                                      max(map(len, first_words)) + 1, re.compile(lead_src) if sensitive else None)
    if "" in first_words:  # a word that does not begin with a word character
        opens = rf"(?={atom_first}|{alt(between_words)}\s|{pre_src}(?:\s|(?<=-)))"
        opening = None
    main_parts.append(rf"(?:(?P<pre>{pre_src})(?:\s+|(?<=-)))?(?={atom_first})(?:" + "|".join(ranges) + ")")
    main = re.compile(r"(?<![\w])" + opens + "(?:" + "|".join(main_parts) + ")", 0 if sensitive else re.IGNORECASE)
    gate = _gate(all_forms if sensitive else months, yo, years=True)
    single = re.compile(rf"(?:(?P<pre>{pre_src})(?:\s+|(?<=-)))?(?P<s>{atom_src})", 0 if sensitive else re.IGNORECASE)
    atom = re.compile(atom_named, 0 if sensitive else re.IGNORECASE)

    flags = 0 if sensitive else re.IGNORECASE
    rules: list[Rule] = []
    y_or_rel = rf"(?:(?P<y>{year_src})(?:{ending_src})?(?:\s*{yw_src})?|(?P<r>{relyear_src}))"

    # Parts of a year.
    periods: dict[str, tuple[int, int]] = {}
    ordinals: dict[str, int] = {}
    pp_src = alt(_words(lex, "period_prefixes", "words") + [w for w, r in roles.items() if r == "end_stock"])
    if sensitive:
        for name, (m1, m2) in lex.get("periods", {}).items():
            periods[norm(name)] = (int(m1), int(m2))
        upper = [n for n in lex.get("periods", {}) if re.fullmatch(r"[QH]\d", n)]
        named_p = [n for n in lex.get("periods", {}) if n not in upper]
        per_src = f"(?:{alt(named_p)}|{_trie(upper)})"
        rules.append(Rule(re.compile(
            rf"(?<![\w])(?:(?P<pre>{pp_src})\s+)?(?:{ci('the')}\s+)?(?P<per>{per_src})(?:\s+{ci('(?:of|in)')}\s+|,?\s+|\s*-\s*){y_or_rel}",
            flags), "period", _gate({n.split()[-1] for n in periods}, yo), _BACK_PERIOD))
    else:
        lexp = lex.get("periods", {})
        for i, forms in enumerate(lexp.get("ordinals", []), start=1):
            for f in forms:
                ordinals[norm(f)] = i
        if ordinals:
            ord_src = r"(?<![\w])" + _trie(ordinals, yo) + r"(?![\w])"
            rules.append(Rule(re.compile(
                rf"(?<![\w])(?:(?P<pre>{pp_src})\s+)?(?P<ord>{ord_src})\s+(?:(?P<h>{_trie(map(norm, lexp.get('half', [])), yo)})"
                rf"|(?P<q>{_trie(map(norm, lexp.get('quarter', [])), yo)})|(?P<hy>{_trie(map(norm, lexp.get('half_with_year', [])), yo)})(?=\s+(?:{_strip_names(y_or_rel)})))"
                rf"(?![\w])(?:\s+{y_or_rel})?", flags), "period",
                _gate(lexp.get("half", []) + lexp.get("quarter", []) + lexp.get("half_with_year", []), yo), _BACK_PERIOD))
    # The first n months of a year.
    pw = lex.get("period_words", {})
    counts = {norm(w): i for i, w in enumerate(pw.get("counts", []), start=1)}
    if counts:
        first = alt(pw.get("first", ["first"]))
        the = ci(r"(?:the\s+)?")
        ofin = ci(r"(?:of|in)\s+") if sensitive else ""
        yr_req = rf"(?:(?P<y>{year_src})" + ("" if sensitive else rf"\s*{yw_src}") + rf"|(?P<r>{relyear_src}))"
        rules.append(Rule(re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(pw.get('prefixes', []))})\s+)?{the}(?:{first}\s+)?(?P<n>{alt(counts)}|\d{{1,2}})\s+{alt(pw.get('months', []))}(?![\w])\s+{ofin}{yr_req}",
            flags), "n_months", _gate(pw.get("months", []), yo), _BACK_PERIOD))
    # US fiscal years.
    fiscal = lex.get("fiscal", {})
    if fiscal:
        words = alt(fiscal.get("words", []))
        abbrs = _trie(fiscal.get("abbreviations", []))
        rules.append(Rule(re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(fiscal.get('prefixes', []))})\s+)?(?:{words}\s+|{abbrs}\s*['’]?)(?P<fy>\d{{4}}|\d{{2}})(?![\w]|[.,]\d|\s*[-–—/]\s*\d)",
            flags), "fiscal", _gate(fiscal.get("words", []) + fiscal.get("abbreviations", []), yo), _BACK_SHORT))
    # The twelve months ending with a month.
    ye = lex.get("year_ending", {})
    if ye.get("phrases"):
        rules.append(Rule(re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(ye.get('prefixes', []))})\s+)?{alt(ye['phrases'])}\s+(?P<a>{atom_src})",
            flags), "year_ending", _gate(ye["phrases"], yo), _BACK_SHORT))
    # Named days.
    named = {norm(k): (int(v[0]), int(v[1])) for k, v in lex.get("named_days", {}).items()}
    if named:
        lead = alt(_words(lex, "named_day_prefixes", "words"))
        tail = rf"(?:,?\s+{y_or_rel})?" if sensitive else ""
        rules.append(Rule(re.compile(rf"(?<![\w])(?:{lead}\s+)?(?P<n>{alt(named)})(?![\w]){tail}", flags), "named",
                      _gate(named, yo), _BACK_SHORT))
    relative = {norm(k): (str(v[0]), int(v[1])) for k, v in lex.get("relative", {}).items()}
    if relative:
        rules.append(Rule(re.compile(rf"(?<![\w])(?P<ph>{alt(relative)})(?![\w-])", flags), "relative",
                           lowered=lowered(relative, r"(?![\w-])")))
    same = _words(lex, "same_period", "phrases")
    if same:
        rules.append(Rule(re.compile(rf"(?<![\w])(?P<sp>{alt(same)})(?![\w])", flags), "same_period",
                           lowered=lowered(same, r"(?![\w])")))

    joiner = alt(_words(lex, "ranges", "list_words"))
    year_list = re.compile(
        rf"\s*(?:,\s*|\s+{joiner}\s+|\s*,\s*{joiner}\s+)(?P<y>{year_src})(?P<ys>{ending_src})?(?P<yw>\s*{yw_src})?" if not sensitive
        else rf"(?:\s*,\s*|\s+{joiner}\s+|\s*,\s*{joiner}\s+)(?P<y>{year_src})",
        flags)
    year_anchor = re.compile(
        rf"(?P<dm>{dm_src}|(?:{month_src}),?\s+(?:{year_src})|{_strip_names(num)})|(?<![\w]){pre_src}\s+{year_src}", flags)

    return Grammar(
        language=language, main=main, opening=opening, gate=gate, single=single, atom=atom, rules=tuple(rules),
        year_list=year_list, year_anchor=year_anchor, months=months, day_words=day_words, roles=roles,
        strong=frozenset(map(norm, _words(lex, "years", "strong_prefixes"))),
        followers=frozenset(map(norm, _words(lex, "years", "followers"))),
        count_before=frozenset(map(norm, _words(lex, "years", "count_words_before"))),
        identifiers=frozenset(map(norm, _words(lex, "years", "identifier_words"))),
        bare_month=frozenset(map(norm, _words(lex, "bare_month_prefixes"))),
        bare_may=frozenset(map(norm, _words(lex, "bare_may_prefixes"))),
        range_word_prefixes=frozenset(map(norm, _words(lex, "ranges", "word_prefixes"))),
        stock_year_point=frozenset(map(norm, _words(lex, "years", "stock_is_point"))),
        relative=relative, relative_year=rel_year,
        relative_blockers=tuple(norm(w) for w in _words(lex, "relative_blockers", "words")),
        periods=periods, ordinals=ordinals, counts=counts, named=named,
    )


# Lower-case characters that re.IGNORECASE takes for another letter (ı for i, ſ for s,
# the old forms ᲀ-ᲈ of в, д, о, с, т, ъ, ѣ, ꙋ). İ, also taken for i, is the one
# character whose lower case is two characters long.
_FOLD_UNSAFE = "\u0131\u017f" + "".join(map(chr, range(0x1C80, 0x1C89)))


def lowered_text(text: str) -> str | None:
    """`text` in lower case, character for character; None when it holds İ, ı, ſ or ᲀ-ᲈ.

    On it, a case-sensitive pattern of lower-case words matches where the same
    pattern with re.IGNORECASE matches in `text`, at the same positions: lower() turns
    each character into one, keeps it a word character or not and a space a space,
    and makes every other character that re.IGNORECASE takes for a letter that letter.
    """
    low = text.lower()
    if len(low) != len(text) or any(ch in low for ch in _FOLD_UNSAFE):  # str.find: quicker than re
        return None
    return low
