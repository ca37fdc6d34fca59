"""The compiled patterns behind `numbers.find_numbers`, built once per language from TOML.

Word lists are data (`lexicons/<lang>/numbers.toml`); this module turns them into
regexes once per process (`patterns` is cached). Russian lemmas are expanded into
every case form with pymorphy3 here, at load time, so that matching at run time
is pure regex work. Number words go into a character trie, so the scan over the
whole text tries a handful of characters per position rather than hundreds of words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from vigil.extract import morph
from vigil.extract.alternation import char_trie, trie_pattern
from vigil.extract.lexicon import load
from vigil.extract.numwords import (
    COLLECTIVE, DOZEN, FIXED, FRACTIONAL, HALF, HUNDRED, HUNDREDS, SCALE, TEEN, TENS, UNIT, WordLexicon,
)

__all__ = ["DIGITS", "Patterns", "WordReading", "patterns"]

# Digit groups, and the digit shapes that are never quantities (swallowed whole so
# their parts are not read as numbers). Possessive quantifiers keep the scan linear
# on adversarial input such as a 10 MB line of "1,000,000,...".
_DIGITS_BODY = r"""
    (?<![0-9])
    (?:
      (?P<skip>
          [0-9]{1,2}(?:\.[0-9]{1,2}\.|/[0-9]{1,2}/)(?:[0-9]{4}|[0-9]{2})(?![0-9])  # 12.03.2024, 9/3/25
        | [0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])                                      # 2024-03-09
        | [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])                               # 10:30
        | \+[0-9](?:[\ ()\-]?[0-9]){7,14}(?![0-9])                                 # +7 495 123-45-67
        | (?:[0-9]{1,4}[\ \-])?\(?[0-9]{3,4}\)?[\ \-][0-9]{2,3}[\ \-][0-9]{2}[\ \-][0-9]{2}(?![0-9])  # 8 495 123-45-67
      )
      | (?P<int>[0-9]{1,3}(?=(?P<sep>[,\u00a0\u202f\u2009\ ]))  # 87,000 and 10 775: one separator throughout
                (?:,[0-9]{3}(?![0-9])(?:,[0-9]{3}(?![0-9]))*+
                  |\u00a0[0-9]{3}(?![0-9])(?:\u00a0[0-9]{3}(?![0-9]))*+
                  |\u202f[0-9]{3}(?![0-9])(?:\u202f[0-9]{3}(?![0-9]))*+
                  |\u2009[0-9]{3}(?![0-9])(?:\u2009[0-9]{3}(?![0-9]))*+
                  |\ [0-9]{3}(?![0-9])(?:\ [0-9]{3}(?![0-9]))*+)
              | [0-9]++)
        (?:(?P<dec>[.,])(?P<frac>[0-9]++))?
    )
"""
# `_DIGITS_BODY` found by `DIGITS.search(text, pos)`: group "number" is the match of the
# body at the leftmost offset from `pos` where it matches, the other groups are the body's.
# A pattern that starts with an assertion gets no fast search: the engine tries it at every
# offset. This one starts with the class every number starts with, which the engine skips
# to in C, and then steps back over that character to match the body from it (inside a
# lookbehind, which is why the body holds no backreference). Searching again from the end
# of group "number" gives what `finditer` over the body gives, in linear time; `finditer`
# over DIGITS would not: its matches are one character wide.
DIGITS = re.compile(rf"[0-9+(](?<=(?=(?P<number>{_DIGITS_BODY}))[0-9+(])", re.X)

_WS = r"[\s\u00a0\u202f\u2009]"
_FLAGS = re.IGNORECASE
# The characters for which matching a lower-cased text case-sensitively tests exactly what
# IGNORECASE tests on the original (`LowerRuns`): Latin, Cyrillic, combining marks and
# common punctuation, less "ı" and "ſ", which IGNORECASE takes for "i" and "s" though they
# lower-case to themselves. Greek is left out: "Σ" lower-cases by context. Every code point
# is checked against this in tests/extract/test_numbers.py.
LOWER_SAFE = r"\x00-\u0130\u0132-\u017e\u0180-\u036f\u0400-\u052f\u2000-\u206f\u20a0-\u20cf"


Hit = tuple[str, str]  # (role, payload): ("qualifier", "about"), ("scale", "1000"), ("age", "")


@dataclass(frozen=True, slots=True)
class WordReading:
    """What one word right after (or right before) a number gives on its own, wherever it stands.

    `numbers.py` reads the word next to every number; the same few hundred words ("people",
    "in", "than", "человек") come back again and again, so their reading (case folding, the
    table look-ups) is done once and remembered in `Patterns.right_words` / `left_words`.
    Offsets are counted from the word's start.
    """

    phrase: str  # the word folded (lower case, ё as е): where a longer phrase starts from
    hits: tuple[tuple[str, str, int], ...]  # (role, payload, offset), applied in order: a later one wins
    month: int  # offset of an English month hit ("May"), or -1
    stem: bool  # a longer phrase in the table begins (after) or ends (before) with this word
    scale: Decimal | None  # after digits: the scale it gives ("million"), if any
    scale_end: int  # ... and where that scale word ends


@dataclass(frozen=True, slots=True)
class LowerRuns:
    """`Patterns.word_run` as three case-sensitive scans of the lower-cased text.

    `word_run` ignores case, and a pattern that does gets no fast search: the scan tries
    it at every position. On a lower-cased copy the same pattern needs no IGNORECASE,
    and a run is looked for only after what can stand before one: a space (a literal,
    which the engine finds fast), any other character that is neither a word character
    nor a hyphen, or the start of the text. `after_other` also stops at any character
    outside `LOWER_SAFE` (group 1 unset): there the lower-cased text would not tell
    what IGNORECASE tells, and `numbers._word_runs` scans the original instead.
    """

    at_start: re.Pattern[str]  # a run at offset 0
    after_space: re.Pattern[str]  # group 1: a run after a space
    after_other: re.Pattern[str]  # group 1: a run after another character; unset: an unsafe character


@dataclass(frozen=True, slots=True)
class Patterns:
    """Everything `find_numbers` needs for one language, compiled.

    The words around a number are looked up, not searched for: `left_phrases` and
    `right_phrases` map a phrase (lower case, ё folded, words joined by one space)
    to the roles it plays, and `numbers.py` looks up the last (or next) one to
    `max_words` words. A dictionary look-up per phrase length is what keeps the
    context step cheap on number-dense reports.
    """

    decimal_comma: bool
    words: WordLexicon
    word_run: re.Pattern[str]
    lower_runs: LowerRuns
    left_phrases: dict[str, tuple[Hit, ...]]
    right_phrases: dict[str, tuple[Hit, ...]]
    # The scale each right phrase gives, if any (its first "scale" hit), read as a Decimal
    # once here rather than per number.
    right_scales: dict[str, Decimal]
    max_words: int
    # What a phrase can still grow into: the words a right phrase begins with (before its
    # last space), the words a left phrase ends with (after its first). A phrase read so
    # far that is in neither stops the reading, as no longer phrase can be in the table.
    right_stems: frozenset[str]
    left_stems: frozenset[str]
    months_cased: frozenset[str]  # English month names, matched case-sensitively ("may" is a verb)
    abbreviations: dict[str, Decimal]  # glued after digits: "4mn", "10k"
    money_abbreviations: dict[str, Decimal]  # glued after a currency: "$2.5m"
    money_codes: frozenset[str]  # letters that may be glued before digits: "SR1 million"
    glued_abbrev: re.Pattern[str]
    letters_before: re.Pattern[str]
    hyphen_word: re.Pattern[str]
    fractions: frozenset[str]
    duration_words: frozenset[str]
    times_words: frozenset[str]
    range_gap: re.Pattern[str]
    range_needs_between: frozenset[str]
    range_needs_from: frozenset[str]
    # Readings of the words seen next to numbers, by the word as written (bounded: see
    # `numbers.WORD_MEMO_SIZE`). Only these two fields change after `patterns` builds this.
    right_words: dict[str, WordReading]
    left_words: dict[str, WordReading]


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().replace("ё", "е").split())


def _char(ch: str) -> str:
    return "[её]" if ch == "е" else re.escape(ch)


def _phrase(p: str, *, keep_case: bool = False) -> str:
    """One phrase as a regex: words joined by any whitespace, word edges guarded."""
    words = p.split() if keep_case else _norm(p).split()
    body = (_WS + "+").join("".join(_char(c) for c in w) for w in words)
    if p[:1].isalnum():
        body = r"(?<![\w])" + body
    if p[-1:].isalnum():
        body += r"(?![\w])"
    return body


def _alt(phrases: Any) -> str:
    """An alternation of phrases, longest first so that "no more than" beats "more than"."""
    items = sorted({_norm(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase(p) for p in items) + ")" if items else "(?!)"


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of `words`, as a character trie (fast to scan)."""
    return trie_pattern(char_trie(words), _char)


def _lemma_forms(lemma: str) -> set[str]:
    """The case forms pymorphy3 reads as `lemma` ("три" → "трех", "тремя"; not "тру" of "тереть")."""
    analyzer = morph.analyzer()
    lemma = _norm(lemma)
    if not lemma.isalpha():
        return {lemma}
    norms = {p.normal_form.replace("ё", "е") for p in analyzer.parse(lemma)}
    own = {n for n in norms if n == lemma}
    keep = own or norms
    out = {lemma}
    for form in morph.forms(lemma):
        if any(p.normal_form.replace("ё", "е") in keep for p in analyzer.parse(form)):
            out.add(form)
    return out


def _expand(items: Any, russian: bool) -> set[str]:
    out: set[str] = set()
    for item in items:
        out |= _lemma_forms(item) if russian and " " not in item.strip() else {_norm(item)}
    return out


def _scale_number(forms: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Split scale forms into singular-only ("тысяча") and possibly-singular ("тысячи")."""
    analyzer = morph.analyzer()
    singular, maybe = set(), set()
    for form in forms:
        numbers = {p.tag.number for p in analyzer.parse(form) if p.tag.POS == "NOUN"}
        if numbers == {"sing"}:
            singular.add(form)
        elif "sing" in numbers:
            maybe.add(form)
    return frozenset(singular), frozenset(maybe)


def _word_kinds(lex: dict[str, Any], russian: bool) -> tuple[dict[str, tuple[str, Decimal]], set[str]]:
    kinds: dict[str, tuple[str, Decimal]] = {}
    one_forms: set[str] = set()

    def put(lemma: str, kind: str, value: Any) -> None:
        forms = _expand([lemma], russian)
        for form in forms:
            kinds.setdefault(form, (kind, Decimal(str(value))))
        if value == 1 and kind == UNIT:
            one_forms.update(forms)

    for lemma, value in lex.get("words", {}).items():
        v = int(value)
        kind = UNIT if v < 10 else TEEN if v < 20 else TENS if v < 100 else HUNDREDS
        put(lemma, kind, v)
    for lemma, value in lex.get("scales", {}).items():
        put(lemma, HUNDRED if int(value) == 100 else SCALE, value)
    for table, kind in (("dozens", DOZEN), ("halves", HALF), ("fractional", FRACTIONAL),
                        ("collective", COLLECTIVE), ("fixed", FIXED)):
        for lemma, value in lex.get(table, {}).items():
            put(lemma, kind, value)
    return kinds, one_forms


def _table(entries: list[tuple[Any, str, str]]) -> dict[str, tuple[Hit, ...]]:
    table: dict[str, list[Hit]] = {}
    for phrases, role, payload in entries:
        for phrase in phrases:
            key = _norm(phrase)
            if key and (role, payload) not in table.setdefault(key, []):
                table[key].append((role, payload))
    return {k: tuple(v) for k, v in table.items()}


def _scales(table: dict[str, tuple[Hit, ...]]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key, hits in table.items():
        payload = next((p for role, p in hits if role == "scale"), None)
        if payload is not None:
            out[key] = Decimal(payload)
    return out


@lru_cache(maxsize=None)
def patterns(language: str) -> Patterns:
    """The compiled patterns for `language` ("en" or "ru"), built on first use."""
    lex = load(language, "numbers")
    ru = language == "ru"
    ctx: dict[str, Any] = lex.get("context", {})
    units: dict[str, Any] = lex.get("units", {})

    kinds, one_forms = _word_kinds(lex, ru)
    scale_forms = {f for f, (k, _) in kinds.items() if k == SCALE}
    singular, maybe = _scale_number(scale_forms) if ru else (frozenset(), frozenset())
    word = "(?:" + _trie(sorted(kinds)) + r")(?![\w])"
    initials = {f[0] for f in kinds} | ({"ё"} if any(f[0] == "е" for f in kinds) else set())
    first_letter = "[" + re.escape("".join(sorted(initials))) + "]"
    joiner = rf"(?:{_WS}+and{_WS}+a{_WS}+|{_WS}+and{_WS}+|{_WS}+a{_WS}+|-|{_WS}+)" if not ru else rf"{_WS}+"
    words = WordLexicon(
        kinds=kinds, one_forms=frozenset(one_forms), singular_scales=singular, maybe_singular_scales=maybe,
        token=re.compile(r"(?<![\w])" + word, _FLAGS),
    )
    first = rf"(?={first_letter})(?<![\w\-])"
    body = rf"{word}(?:{joiner}{word})*+"
    word_run = re.compile(first + body, _FLAGS)
    lower_runs = LowerRuns(
        at_start=re.compile(first + body),
        after_space=re.compile(rf" (?={first_letter})({body})"),  # a space is no word character
        after_other=re.compile(rf"[^a-z0-9а-яё\- ](?:(?<=[^{LOWER_SAFE}])|{first}({body}))"),
    )

    abbreviations = {_norm(k).rstrip("."): Decimal(str(v)) for k, v in lex.get("abbreviations", {}).items()}
    money_abbreviations = {_norm(k): Decimal(str(v)) for k, v in lex.get("money_abbreviations", {}).items()}
    percent = lex.get("percent", {})
    qualifiers = lex.get("qualifiers", {})
    trailing = lex.get("trailing_qualifiers", {})
    months = _expand(ctx.get("months", []), ru) | set(ctx.get("month_abbreviations", []))
    duration_words = _expand(units.get("duration", []), ru)
    times_words = _expand(units.get("times", []), ru)
    change = list(ctx.get("change_words", []))
    change += [f"{w} {f}" for w in change for f in ctx.get("range_from", [])]

    right: list[tuple[Any, str, str]] = [
        ([f], "scale", str(v)) for f, (k, v) in kinds.items() if k in (SCALE, HUNDRED)
    ]
    right += [([a], "scale", str(v)) for a, v in abbreviations.items() if len(a) > 1]
    right += [([a + "."], "scale", str(v)) for a, v in abbreviations.items() if len(a) > 1]
    right += [
        (["%", "٪"] + list(percent.get("words", [])) + sorted(_expand(percent.get("lemmas", []), ru)), "percent", ""),
        (ctx.get("clock_after", []), "clock", ""),
        (list(ctx.get("age_after", [])) + ["years old", "year old", "years of age"], "age", ""),
        (months if ru else [], "month", ""),
        (_expand(ctx.get("year_words", []), ru), "year", ""),
        (duration_words, "duration", ""),
        (times_words, "times", ""),
        (_expand(units.get("money_after", []), ru), "money", ""),
        (_expand(ctx.get("counted_nouns", []), ru), "counted", ""),
    ]
    right += [(phrases, "trailing", q) for q, phrases in trailing.items()]
    left: list[tuple[Any, str, str]] = [
        (ctx.get("identifiers", []), "identifier", ""),
        (ctx.get("age_before", []), "age", ""),
        (months if ru else [], "month", ""),
        (units.get("money_before", []), "money", ""),
        (change + list(ctx.get("range_change", [])), "change", ""),
        (ctx.get("range_between", []), "between", ""),
        (ctx.get("range_from", []), "from", ""),
        (["a", "an"] if not ru else [], "article", ""),
    ]
    left += [(phrases, "qualifier", q) for q, phrases in qualifiers.items()]
    left_table, right_table = _table(left), _table(right)
    longest = max(len(k.split()) for k in list(left_table) + list(right_table))
    right_stems = frozenset(k[:i] for k in right_table for i, ch in enumerate(k) if ch == " ")
    left_stems = frozenset(k[i + 1 :] for k in left_table for i, ch in enumerate(k) if ch == " ")

    range_to = [w for w in ctx.get("range_to", []) if w not in ("or", "или")]
    return Patterns(
        decimal_comma=ru,
        words=words,
        word_run=word_run,
        lower_runs=lower_runs,
        left_phrases=left_table,
        right_phrases=right_table,
        right_scales=_scales(right_table),
        max_words=longest,
        right_stems=right_stems,
        left_stems=left_stems,
        months_cased=frozenset() if ru else frozenset(ctx.get("months", [])),
        abbreviations=abbreviations,
        money_abbreviations=money_abbreviations,
        money_codes=frozenset(_norm(m) for m in units.get("money_before", []) if m.isalpha()),
        glued_abbrev=re.compile(r"(?P<abbr>[^\W\d_]+)"),
        letters_before=re.compile(r"(?<![\w])[^\W\d_]+\Z"),
        hyphen_word=re.compile(r"[-\u2010\u2011](?P<w>[^\W\d_]+(?:-[^\W\d_]+)*)"),
        fractions=frozenset(_expand(ctx.get("fractions", []), ru)),
        duration_words=frozenset(duration_words),
        times_words=frozenset(times_words),
        range_gap=re.compile(
            rf"{_WS}*(?:[-\u2010\u2011\u2012\u2013\u2014]|(?<=\s)(?P<w>{_alt(range_to)})(?=\s)){_WS}*", _FLAGS
        ),
        range_needs_between=frozenset({"and", "и"} & set(range_to)),
        range_needs_from=frozenset({"до"} & set(range_to)),
        right_words={},
        left_words={},
    )
