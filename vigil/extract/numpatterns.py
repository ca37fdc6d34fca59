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
from decimal import Decimal
from functools import lru_cache
from typing import Any

from vigil.extract import morph
from vigil.extract.lexicon import load
from vigil.extract.numwords import (
    COLLECTIVE, DOZEN, FIXED, FRACTIONAL, HALF, HUNDRED, HUNDREDS, SCALE, TEEN, TENS, UNIT, WordLexicon,
)

__all__ = ["DIGITS", "Patterns", "patterns"]

# Digit groups, and the digit shapes that are never quantities (swallowed whole so
# their parts are not read as numbers). Possessive quantifiers keep the scan linear
# on adversarial input such as a 10 MB line of "1,000,000,...".
DIGITS = re.compile(
    r"""
    (?=[0-9+(])(?<![0-9])   # the lookahead first lets the scanner skip non-digits fast
    (?:
      (?P<skip>
          [0-9]{1,2}(?P<dsep>[./])[0-9]{1,2}(?P=dsep)(?:[0-9]{4}|[0-9]{2})(?![0-9])  # 12.03.2024, 9/3/25
        | [0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])                                        # 2024-03-09
        | [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])                                 # 10:30
        | \+[0-9](?:[\ ()\-]?[0-9]){7,14}(?![0-9])                                   # +7 495 123-45-67
        | (?:[0-9]{1,4}[\ \-])?\(?[0-9]{3,4}\)?[\ \-][0-9]{2,3}[\ \-][0-9]{2}[\ \-][0-9]{2}(?![0-9])  # 8 495 123-45-67
      )
      | (?P<int>[0-9]{1,3}(?P<sep>[,\u00a0\u202f\u2009\ ])[0-9]{3}(?![0-9])(?:(?P=sep)[0-9]{3}(?![0-9]))*+
              | [0-9]++)
        (?:(?P<dec>[.,])(?P<frac>[0-9]++))?
    )
    """,
    re.X,
)

_WS = r"[\s\u00a0\u202f\u2009]"
_FLAGS = re.IGNORECASE


Hit = tuple[str, str]  # (role, payload): ("qualifier", "about"), ("scale", "1000"), ("age", "")


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
    left_phrases: dict[str, tuple[Hit, ...]]
    right_phrases: dict[str, tuple[Hit, ...]]
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


def _trie(words: Any) -> str:
    """A regex matching any of `words`, as a character trie (fast to scan)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return emit(root)


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
    word_run = re.compile(rf"(?={first_letter})(?<![\w\-]){word}(?:{joiner}{word})*+", _FLAGS)

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
        left_phrases=left_table,
        right_phrases=right_table,
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
    )
