"""Every number a text states as a quantity, in English and Russian, with its span.

`find_numbers(text, language)` is the first step of figure extraction: it finds
"87,000", "87 тыс.", "1.2 million", "fifty-six percent", "полторы тысячи",
"140+", reads their values, and says how the text hedges each one ("more than
500" → `more_than`). It leaves out what only looks like a quantity: years and
dates, clock times, ordinals, identifiers ("Article 18.8", "COVID-19", "[12]"),
ages, vague words ("thousands") and multipliers in words ("twice", "в два раза").

The cascade, step by step. Each step is a precompiled regex; Python runs once per
candidate, never once per word, which keeps a pass above 2 MB of text a second.

1. Candidates. One regex finds digit groups ("87,000", "10 775", "54,4") and
   swallows dates, clock times and phone numbers so they never become numbers;
   another finds runs of number words from the lexicon (Russian case forms are
   generated with pymorphy3 at load time; the scan runs on a lower-cased copy,
   see `numpatterns.LowerRuns`), which a small grammar reads (`numwords.parse_run`).
   The words next to numbers recur, so what each one gives is remembered
   (`numpatterns.WordReading`).
2. Right context. A scale word or abbreviation extends the number ("1.2
   million", "87 тыс."), then "+" and "%"/"percent"; the next word gives the unit
   hint (duration, money, times) or disqualifies it (a month, "years old", "a.m.").
3. Left context. Glued letters ("G7", "COVID-19"), footnote marks, identifier
   words, age words and month names disqualify; a qualifier phrase right before
   the number sets `qualifier`.
4. Years. A bare 1900–2099 is a year unless a qualifier, a scale, "%" or a
   counted noun ("2000 people") makes it a count.
5. Ranges. Neighbours joined by a dash, "to", "and" (after "between") or "до"
   (after "от") are a range: the high end's scale is shared ("2–3 тысячи"), and
   qualifiers follow ../shared/spec/figures.md ("Ranges").

Word lists are data, in `lexicons/<lang>/numbers.toml`; compiled patterns live in
`numpatterns.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vigil.extract.numpatterns import DIGITS, LowerRuns, Patterns, WordReading, patterns
from vigil.extract.numwords import parse_run
from vigil.model import Qualifier

__all__ = ["NumberMention", "find_numbers"]

# A count longer than this many digits is an identifier or junk (an account
# number, a 5,000-digit string); skipping it keeps every value a finite float.
MAX_DIGITS = 15
# How far left to look for a qualifier, identifier or age phrase ("under the age of ").
LEFT_WINDOW = 48
# How far right to read the words after a number ("percentage points", "years of age").
RIGHT_WINDOW = 40
# How many distinct words next to numbers each language remembers the reading of (see
# `WordReading`); a few thousand cover a batch of reports, each entry is some 300 bytes.
WORD_MEMO_SIZE = 20_000
# How many digit strings `_DECIMALS` remembers the value of (bounded like the words).
DECIMAL_MEMO_SIZE = 20_000
# Only a number up to 31 can be a day of the month next to a month name.
MAX_DAY = 31
# Ages and age bands ("between the ages of 0 and 17") stay below this.
MAX_AGE = 120
# A bare integer in this span with no separator is read as a year (step 4).
YEAR_MIN, YEAR_MAX = 1900, 2099
# A qualifier that can make a bare 1900-2099 a count ("около 2000"); "до 2025" stays a year.
_COUNT_QUALIFIERS = frozenset({"about", "more_than", "almost", "at_least", "less_than"})
# Exclusions that spread across a range to a small plain partner ("May 4-10", "aged 18-25").
_SPREADING = frozenset({"date", "age", "identifier", "year"})

_FOOTNOTE_PUNCT = frozenset(".,;:!?)\"”’»")
_HYPHENS = frozenset("-\u2010\u2011")
# Words around a number; dashes and slashes split them ("removed—approximately 55", "27-May 3").
_LEFT_TOKEN = re.compile(r"[^\s\-\u2010-\u2015/]+")
# The same left words read right to left: matched in the reversed text at the mirror of
# an offset, the token just before it is one prefix match (no scan of the whole window),
# and reading stops as soon as a phrase can grow no longer.
_LEFT_TOKEN_BACK = re.compile(r"[\s\-\u2010-\u2015/]*+([^\s\-\u2010-\u2015/]++)")
_RIGHT_TOKEN = re.compile(r"[^\s\u2012-\u2015/]+")
# The next `_RIGHT_TOKEN` word (group 1) and the first character of the one after it (group
# 2), if any, in one match: whether a word is the last in the window decides if it is read.
_RIGHT_WORD = re.compile(
    r"[\s\u2012-\u2015/]*+([^\s\u2012-\u2015/]++)(?:[\s\u2012-\u2015/]*+([^\s\u2012-\u2015/]))?"
)
_OPENERS = "([{\"'«“‘„"
_CLOSERS = ",;:!?)]}»\"'”’"
_SECTION_NUMBER = re.compile(r"[.)][ \t]+[^\W\d_]")
_ONE = Decimal(1)
# Hoisted: an enum member's `.value` is a descriptor call, and these are read per candidate.
_EXACT = Qualifier.EXACT.value
_MORE_THAN = Qualifier.MORE_THAN.value


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number expression in a text: its value, hedge, unit hint and span.

    `start:end` covers the number itself with its scale word and percent sign
    ("1.2 million", "87 тыс.", "40%", "a dozen", "140+"); `qualifier_start` is where
    the hedging phrase begins ("more than 500"), equal to `start` when there is none.
    """

    start: int
    end: int
    value: int | float
    qualifier: str
    qualifier_start: int
    unit_hint: str | None
    range_role: str | None
    text: str


class _Cand:
    """A candidate number while its context is read (internal, mutable)."""

    __slots__ = (
        "start", "end", "raw", "scale", "is_word", "percent", "plus", "plain", "qualifier",
        "qstart", "unit", "excluded", "role", "bare", "singular", "maybe_singular", "counted",
        "trailing", "money_start",
    )

    # Positional parameters: keywords would cost more than the rest of this call, made per digit group.
    def __init__(self, start: int, end: int, raw: Decimal, scale: Decimal, is_word: bool, plain: bool) -> None:
        self.start = start
        self.end = end
        self.raw = raw  # the number before its scale: "3" of "3 тысячи"
        self.scale = scale
        self.is_word = is_word
        self.percent = False
        self.plus = False
        self.plain = plain  # digits only: no separator, decimal or scale
        self.qualifier = _EXACT
        self.qstart = start
        self.unit: str | None = None
        self.excluded: str | None = None
        self.role: str | None = None
        self.bare = False  # a scale word with no number before it ("тысяча", "a million")
        self.singular = False
        self.maybe_singular = False
        self.counted = False  # a counted noun follows ("2000 people")
        self.trailing: str | None = None  # "or more" → at_least
        self.money_start = start

    @property
    def value(self) -> Decimal:
        return self.raw * self.scale


def find_numbers(text: str, language: str) -> list[NumberMention]:
    """Every number expression in `text`, sorted by start; `language` "en" or "ru" (else English rules)."""
    if not text:
        return []
    pat = patterns(language if language == "ru" else "en")
    rev = text[::-1]  # for reading words leftwards (`_left_hits`); one copy per text
    cands = _digit_candidates(text, rev, pat)
    words = _word_candidates(text, rev, pat)
    if words:  # digit candidates come in order, with distinct starts
        cands += words
        cands.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    _ranges(text, rev, kept, pat)
    out: list[NumberMention] = []
    for c in kept:
        if c.excluded is None:  # tested here, not in `_mention`: most candidates are years and dates
            m = _mention(text, c)
            if m is not None:
                out.append(m)
    return out


def _mention(text: str, c: _Cand) -> NumberMention | None:
    """The mention of a candidate that is not excluded; None if its value is not finite."""
    value = c.value
    if not value.is_finite():
        return None
    qualifier, qstart = c.qualifier, c.qstart
    if qualifier == _EXACT:
        qstart = c.start
        if c.trailing is not None and c.trailing != _EXACT:
            qualifier = c.trailing  # "87,000 or more"
        elif c.plus:
            qualifier = _MORE_THAN  # "140+"
    number: int | float = int(value) if value == value.to_integral_value() else float(value)
    # Positional (start, end, value, qualifier, qualifier_start, unit_hint, range_role, text):
    # keyword arguments make this call, once per number found, a third slower.
    return NumberMention(
        c.start, c.end, number, qualifier, min(qstart, c.start), c.unit, c.role, text[c.start : c.end]
    )


# Digit strings read so far and their values: years, days and round counts recur, and a
# look-up costs a fraction of parsing a Decimal (immutable, so one object serves them all).
# `_digit_candidates` looks here first; `_decimal` parses and adds.
_DECIMALS: dict[str, Decimal] = {}


def _decimal(digits: str) -> Decimal | None:
    try:
        value = Decimal(digits)
    except (InvalidOperation, ValueError):
        return None
    if len(_DECIMALS) >= DECIMAL_MEMO_SIZE:
        _DECIMALS.clear()  # a bound, not an eviction policy
    _DECIMALS[digits] = value
    return value


def _digit_candidates(text: str, rev: str, pat: Patterns) -> list[_Cand]:
    out: list[_Cand] = []
    n = len(text)
    pos = 0
    while (m := DIGITS.search(text, pos)) is not None:
        # One `groups()` call instead of one `group(name)` per field: this loop runs per digit group.
        _, skip, int_text, sep, dec, frac = m.groups()
        start, end = m.span("number")
        pos = end  # the next search starts where this match ends, as `finditer` would
        if skip is not None:
            continue
        # DIGITS repeats the first separator, so it is the only one in `int_text`.
        digits = int_text if sep is None else int_text.replace(sep, "")
        if len(digits) > MAX_DIGITS or (frac is not None and len(frac) > MAX_DIGITS):
            continue
        if end + 1 < n and text[end] in ".," and text[end + 1].isdigit():
            continue  # "1.2.3", "18.8.1": a dotted identifier
        number = digits
        if dec is not None:
            if dec == "," and not pat.decimal_comma and not _scale_follows(text, end, pat):
                end = m.start("dec")  # "1,5" in English without a scale word: keep "1"
            else:
                number = digits + "." + frac
        elif sep == "," and pat.decimal_comma and int_text.count(",") == 1 and _scale_follows(text, end, pat):
            number = int_text.replace(",", ".")  # "1,200 млн" in Russian is 1.2 million
        raw = _DECIMALS.get(number)
        if raw is None:
            raw = _decimal(number)
            if raw is None:
                continue
        c = _Cand(start, end, raw, _ONE, False, sep is None and dec is None)  # is_word, plain
        _left_glue(text, c, pat)
        if c.excluded is None:
            _right(text, c, pat)
        if c.excluded is None:
            _left(text, rev, c, pat)
        if c.excluded is None or c.excluded in _SPREADING:
            if c.plain:  # `_year` looks at plain numbers only
                _year(c)
            out.append(c)
    return out


def _scale_follows(text: str, pos: int, pat: Patterns) -> bool:
    if _scale_after(text, pos, pat) is not None:
        return True
    glued = pat.glued_abbrev.match(text, pos)
    return glued is not None and glued.group("abbr").lower() in pat.abbreviations


def _right_hits(
    text: str, pos: int, pat: Patterns, *, scale: bool = False
) -> tuple[dict[str, tuple[int, str]], tuple[Decimal, int] | None]:
    """Roles of the phrases that start right after `pos`: role -> (end offset, payload); longest wins.

    The words read are those of the `RIGHT_WINDOW` characters after `pos`, less the last
    one when the window cuts it (the character at the window's end is not a space).
    They are matched one at a time, as most reading stops at the first word.

    With `scale`, also what `_scale_after(text, pos, pat)` gives: it reads this same first
    word (the only one in the window is the last one), so the digits' next word is read once.
    """
    n = len(text)
    end = pos + RIGHT_WINDOW  # not min(): a builtin call costs more than the test, here per number
    if end > n:
        end = n
    cut = end < n and not text[end].isspace()
    hits: dict[str, tuple[int, str]] = {}
    m = _RIGHT_WORD.match(text, pos, end)
    if m is None or cut and m.lastindex == 1:
        return hits, None  # no word, or only one, cut by the window
    start, after = m.span(1)
    tok = text[start:after]
    word = pat.right_words.get(tok) or _read_right_word(tok, pat)
    for role, payload, length in word.hits:
        hits[role] = (start + length, payload)
    found: tuple[Decimal, int] | None = None
    if scale and word.scale is not None and start - pos <= 3:
        found = word.scale, start + word.scale_end
    if word.month >= 0:
        hits["month"] = (start + word.month, "")
    if word.stem:
        _right_phrases(text, after, end, cut, word.phrase, hits, pat)
    return hits, found


def _read_right_word(tok: str, pat: Patterns) -> WordReading:
    """What `tok` gives as the first word after a number, its offsets counted from its start."""
    core = tok.rstrip(_CLOSERS)
    phrase = core.lower().replace("ё", "е")
    nodot = phrase.rstrip(".")
    hits = [(role, payload, len(core)) for role, payload in pat.right_phrases.get(phrase, ())]
    if nodot != phrase:
        hits += [(role, payload, len(core.rstrip("."))) for role, payload in pat.right_phrases.get(nodot, ())]
    scale, scale_end = pat.right_scales.get(phrase), len(core)
    if scale is None:
        scale, scale_end = pat.right_scales.get(nodot), len(core.rstrip("."))
    month = len(core) if pat.months_cased and core.rstrip(".") in pat.months_cased else -1
    word = WordReading(phrase, tuple(hits), month, phrase in pat.right_stems, scale, scale_end)
    _remember(pat.right_words, tok, word)
    return word


def _right_phrases(
    text: str, after: int, end: int, cut: bool, phrase: str, hits: dict[str, tuple[int, str]], pat: Patterns
) -> None:
    """Grow the first word's `phrase` with the next words (up to `end`) into `hits`: "per cent", "or more"."""
    table = pat.right_phrases
    for _ in range(1, pat.max_words):
        m = _RIGHT_WORD.match(text, after, end)
        if m is None:
            break
        if cut and m.lastindex == 1:
            break  # the last word in the window, cut by it
        start, after = m.span(1)
        core = text[start:after].rstrip(_CLOSERS)
        phrase = phrase + " " + core.lower().replace("ё", "е")
        nodot = phrase.rstrip(".")
        for role, payload in table.get(phrase, ()):
            hits[role] = (start + len(core), payload)
        if nodot != phrase:
            for role, payload in table.get(nodot, ()):
                hits[role] = (start + len(core.rstrip(".")), payload)
        if phrase not in pat.right_stems:
            break  # every longer phrase starts with this one and a space: none is in the table


def _left_hits(text: str, rev: str, end: int, pat: Patterns) -> dict[str, tuple[int, str]]:
    """Roles of the phrases that end right before `end`: role -> (start offset, payload); longest wins.

    The words read are those of the `LEFT_WINDOW` characters before `end`, less the first
    one when the window cuts it. They are matched one at a time leftwards in `rev` (the
    reversed text), where offset `p` of `text` is `len(text) - p`.
    """
    n = len(text)
    lo = end - LEFT_WINDOW  # not max(), as in `_right_hits`
    if lo < 0:
        lo = 0
    hits: dict[str, tuple[int, str]] = {}
    stop = n - lo
    m = _LEFT_TOKEN_BACK.match(rev, n - end, stop)
    if m is None:
        return hits
    rstart, p = m.span(1)
    start = n - p
    if start == lo and lo > 0 and _LEFT_TOKEN.match(text, lo - 1, lo) is not None:
        return hits  # the only word in the window, cut by it
    tok = text[start : n - rstart]
    word = pat.left_words.get(tok) or _read_left_word(tok, pat)
    for role, payload, opened in word.hits:
        hits[role] = (start + opened, payload)
    if word.stem:
        _left_phrases(text, rev, p, lo, word.phrase, hits, pat)
    if word.month >= 0:
        hits["month"] = (start, "")  # set after the phrases, so that it wins over theirs
    return hits


def _read_left_word(tok: str, pat: Patterns) -> WordReading:
    """What `tok` gives as the last word before a number, its offsets counted from its start."""
    phrase = tok.lower().replace("ё", "е")
    opened = len(tok) - len(tok.lstrip(_OPENERS))
    hits = tuple((role, payload, opened) for role, payload in pat.left_phrases.get(phrase[opened:], ()))
    month = 0 if not pat.decimal_comma and tok.rstrip(".,") in pat.months_cased else -1
    word = WordReading(phrase, hits, month, phrase in pat.left_stems, None, 0)
    _remember(pat.left_words, tok, word)
    return word


def _left_phrases(
    text: str, rev: str, p: int, lo: int, phrase: str, hits: dict[str, tuple[int, str]], pat: Patterns
) -> None:
    """Grow the last word's `phrase` with the words before it (from `rev` offset `p`, down to `lo`)."""
    n = len(text)
    table = pat.left_phrases
    for _ in range(1, pat.max_words):
        m = _LEFT_TOKEN_BACK.match(rev, p, n - lo)
        if m is None:
            break
        rstart, p = m.span(1)
        start = n - p
        if start == lo and lo > 0 and _LEFT_TOKEN.match(text, lo - 1, lo) is not None:
            break  # the first word in the window, cut by it
        tok = text[start : n - rstart]
        phrase = tok.lower().replace("ё", "е") + " " + phrase
        opened = len(tok) - len(tok.lstrip(_OPENERS))
        for role, payload in table.get(phrase[opened:], ()):
            hits[role] = (start + opened, payload)
        if phrase not in pat.left_stems:
            break  # every longer phrase ends with a space and this one: none is in the table


def _remember(memo: dict[str, WordReading], tok: str, word: WordReading) -> None:
    if len(memo) >= WORD_MEMO_SIZE:
        memo.clear()  # a bound, not an eviction policy: words next to numbers repeat within a batch
    memo[tok] = word


def _scale_after(text: str, pos: int, pat: Patterns) -> tuple[Decimal, int] | None:
    """A scale word or abbreviation after digits ("1.2 million", "87 тыс."): (scale, end)."""
    # Only the first word `_right_hits` reads is looked at: the first within 3 characters.
    end = min(len(text), pos + RIGHT_WINDOW)
    first = _RIGHT_TOKEN.search(text, pos, end)
    if first is None or first.start() - pos > 3:
        return None
    if end < len(text) and not text[end].isspace() and _RIGHT_TOKEN.search(text, first.end(), end) is None:
        return None  # the only word, dropped as cut by the window
    tok = first.group()
    word = pat.right_words.get(tok) or _read_right_word(tok, pat)
    return None if word.scale is None else (word.scale, first.start() + word.scale_end)


def _word_runs(text: str, pat: Patterns) -> list[tuple[int, int]]:
    """The spans of `pat.word_run.finditer(text)`, found in a lower-cased copy where it can."""
    low = text.lower()
    if len(low) == len(text):  # no character became two ("İ"): offsets agree
        spans = _lower_runs(low, pat.lower_runs)
        if spans is not None:
            return spans
    return [m.span() for m in pat.word_run.finditer(text)]


def _lower_runs(low: str, scans: LowerRuns) -> list[tuple[int, int]] | None:
    """The runs of number words in the lower-cased text `low`; None if it holds an unsafe character.

    A run starts at 0, after a space, or after another character that is neither a word
    character nor a hyphen, so the three scans together find every start that a scan of
    the whole text finds, and more: a start inside another run ("thousand" of "two
    thousand") is found too. Such a run ends where the run around it ends, so keeping, in
    order, only the runs that start where the last kept one has ended gives what
    `finditer` gives.
    """
    others: list[tuple[int, int]] = []
    for m in scans.after_other.finditer(low):
        if m.lastindex is None:
            return None
        others.append(m.span(1))
    first = scans.at_start.match(low)
    if first is not None:
        others.append(first.span())
    runs = [m.span(1) for m in scans.after_space.finditer(low)]
    if others:
        runs += others
        runs.sort()
    kept: list[tuple[int, int]] = []
    last_end = 0
    for start, end in runs:
        if start >= last_end:
            kept.append((start, end))
            last_end = end
    return kept


def _word_candidates(text: str, rev: str, pat: Patterns) -> list[_Cand]:
    out: list[_Cand] = []
    for run_start, run_end in _word_runs(text, pat):
        for seg in parse_run(text, run_start, run_end, pat.words):
            if seg.only_one:
                continue  # "one migrant told", "один из них": a pronoun, not a count
            value, scale = seg.value / seg.tail_scale, Decimal(seg.tail_scale)
            c = _Cand(seg.start, seg.end, value, scale, True, False)  # is_word, plain
            c.bare, c.singular, c.maybe_singular = seg.bare, seg.singular, seg.maybe_singular
            if seg.bare:
                article = _left_hits(text, rev, c.start, pat).get("article")
                if article is not None:
                    c.start = c.qstart = c.money_start = article[0]
                    c.bare = False
            _right(text, c, pat)
            if c.excluded is None:
                _left(text, rev, c, pat)
            if c.bare and not (c.singular or (c.maybe_singular and c.qualifier != _EXACT)):
                continue  # "тысячи мигрантов", bare "million": vague, not a count
            if c.excluded is None or c.excluded in _SPREADING:
                out.append(c)
    return out


def _left_glue(text: str, c: _Cand, pat: Patterns) -> None:
    """Disqualify digits glued to what comes before: "G7", "COVID-19", "[12]", "detention.12"."""
    s = c.start
    if s == 0:
        return
    prev = text[s - 1]
    if prev == " ":  # the usual case, where only the "]" test below can apply
        if c.end < len(text) and text[c.end] == "]":
            c.excluded = "footnote"
        return
    if prev.isalpha():
        letters = pat.letters_before.search(text, max(0, s - 8), s)
        if letters is not None and letters.group().lower() in pat.money_codes:
            c.unit, c.money_start = "money", letters.start()  # "SR1 million"
        else:
            c.excluded = "glued"
    elif prev in _HYPHENS and s >= 2 and text[s - 2].isalpha():
        c.excluded = "glued"  # "COVID-19", "Su-35", "ФЗ-115"
    elif prev in "=/#_\\" or (prev in "\"'”″“" and s >= 2 and text[s - 2] == "="):
        c.excluded = "identifier"  # 'id="7906"', "ref=12", "#5"
    elif prev == "[" or (c.end < len(text) and text[c.end] == "]"):
        c.excluded = "footnote"
    elif prev in _FOOTNOTE_PUNCT and s >= 2 and (text[s - 2].isalpha() or text[s - 2] in _FOOTNOTE_PUNCT):
        c.excluded = "footnote"  # "detention.12 The", "said.”3"


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].strip() == ""


def _right(text: str, c: _Cand, pat: Patterns) -> None:
    """Read scale, "+", percent and the next words; extend `c.end` or disqualify."""
    n = len(text)
    pos = c.end
    hits: dict[str, tuple[int, str]] | None = None
    if not c.is_word and pos < n and text[pos].isalpha():
        glued = pat.glued_abbrev.match(text, pos)
        word = glued.group("abbr").lower() if glued is not None else ""
        if glued is not None and word in pat.abbreviations:
            c.scale, pos = pat.abbreviations[word], glued.end()
        elif glued is not None and word in pat.money_abbreviations and c.unit == "money":
            c.scale, pos = pat.money_abbreviations[word], glued.end()
        else:
            c.excluded = "glued"  # "12th", "3D", "1e309", "9am", "5km"
            return
    elif not c.is_word:
        hits, scale = _right_hits(text, pos, pat, scale=True)
        if scale is not None:
            c.scale, pos = scale
            hits = None
    if pos < n and text[pos] == "+" and not (pos + 1 < n and text[pos + 1].isdigit()):
        c.plus, pos = True, pos + 1
        hits = None
    if hits is None:  # not read yet, or read from an offset now passed
        hits = _right_hits(text, pos, pat)[0]
    if "percent" in hits and hits["percent"][0] - pos <= RIGHT_WINDOW:
        c.percent, c.unit, pos = True, "percent", hits["percent"][0]
        hits = _right_hits(text, pos, pat)[0]
    c.end = pos
    if c.plain and c.scale != 1:  # tested on plain numbers only: a Decimal comparison is not free
        c.plain = False
    if pos < n and text[pos] in _HYPHENS:
        _hyphen_word(text, c, pat)
        if c.excluded is not None:
            return
    if not hits:
        return
    if "clock" in hits and not c.percent:
        c.excluded = "clock"
    elif "age" in hits:
        c.excluded = "age"
    elif "month" in hits and c.plain and c.raw <= MAX_DAY:
        c.excluded = "date"
    elif "year" in hits and c.plain and YEAR_MIN <= c.raw <= YEAR_MAX:
        c.excluded = "year"
    elif "duration" in hits and c.unit is None:
        c.unit = "duration"
    elif "times" in hits:
        if c.is_word:
            c.excluded = "times"  # "three times", "в два раза": multipliers in words
        else:
            c.unit = "times"
    elif "money" in hits and c.unit is None:
        c.unit = "money"
    if "trailing" in hits:
        c.trailing = hits["trailing"][1]  # "87,000 or more"
    if "counted" in hits:
        c.counted = True


def _hyphen_word(text: str, c: _Cand, pat: Patterns) -> None:
    """A number glued by a hyphen to a word: "two-thirds", "2-й", "five-year", "300-strong"."""
    m = pat.hyphen_word.match(text, c.end)
    if m is None:
        return
    word = m.group("w").lower().replace("ё", "е")
    if word in pat.fractions or word.endswith("th") and c.is_word:
        c.excluded = "fraction"
    elif not c.is_word and pat.decimal_comma and len(word) <= 3:
        c.excluded = "ordinal"  # "2-й", "3-го", "90-х"
    elif word.startswith(("летн", "year-old")):
        c.excluded = "age"
    elif word in pat.duration_words or word.startswith(("year", "month", "week", "day", "hour")):
        c.unit = "duration"
    elif word in pat.times_words or word.startswith("кратн"):
        if c.is_word:
            c.excluded = "times"
        else:
            c.unit = "times"


def _left(text: str, rev: str, c: _Cand, pat: Patterns) -> None:
    """Read what stands before the number: identifiers, ages, months, money, qualifiers."""
    hits = _left_hits(text, rev, c.start, pat)
    if "money" in hits and c.unit != "money":
        c.unit, c.money_start = "money", hits["money"][0]
    if c.money_start != c.start:
        hits = _left_hits(text, rev, c.money_start, pat)  # the qualifier stands before "$"
    if "identifier" in hits:
        c.excluded = "identifier"
    elif "age" in hits and c.value <= MAX_AGE and not c.percent:
        c.excluded = "age"
    elif "month" in hits and c.plain and c.raw <= MAX_DAY:
        c.excluded = "date"
    elif "qualifier" in hits:
        c.qstart, c.qualifier = hits["qualifier"]
    if c.plain and not c.is_word and _SECTION_NUMBER.match(text, c.end) and _at_line_start(text, c.start):
        c.excluded = "identifier"  # "1. Immigration detention": a heading number


def _year(c: _Cand) -> None:
    """Step 4: a bare 1900-2099 is a year unless its context makes it a count."""
    if c.excluded is not None or not c.plain or c.percent or c.plus or not (YEAR_MIN <= c.raw <= YEAR_MAX):
        return
    if c.counted or c.qualifier in _COUNT_QUALIFIERS or c.unit == "money":
        return
    c.excluded = "year"


def _ranges(text: str, rev: str, cands: list[_Cand], pat: Patterns) -> None:
    """Step 5: pair neighbours that form a range; share scale, units and qualifiers."""
    i = 0
    while i + 1 < len(cands):
        a, b = cands[i], cands[i + 1]
        kind = _range_kind(text, rev, a, b, pat)
        if kind is None:
            i += 1
            continue
        if kind == "change":
            if b.qualifier == Qualifier.UP_TO.value and b.qstart >= a.end:
                b.qualifier, b.qstart = Qualifier.EXACT.value, b.start  # "с 5 до 10": "до" is not a cap
            i += 2
            continue
        if kind == "spread":
            for c in (a, b):
                if c.excluded is None and c.value <= MAX_AGE and not c.percent and c.scale == 1:
                    c.excluded = a.excluded or b.excluded
            i += 2
            continue
        if a.excluded is not None or b.excluded is not None:
            i += 1
            continue
        low = a.value
        if a.scale == 1 and b.scale != 1 and a.raw < b.raw:
            low = a.raw * b.scale  # "2–3 тысячи": the scale belongs to both ends
        if not low < b.value:
            i += 1
            continue
        if low != a.value:
            a.scale = b.scale
        if a.unit is None and b.unit is not None:
            a.unit = b.unit  # "10 to 15 percent"
        if b.unit is None and a.unit is not None:
            b.unit = a.unit  # "$5 to 10 million"
        _range_qualifiers(a, b, own_high=kind == "own")
        i += 2


def _range_kind(text: str, rev: str, a: _Cand, b: _Cand, pat: Patterns) -> str | None:
    """"range", "own" (a range whose high end has its own qualifier), "change", or None."""
    if a.role is not None:
        return None
    gap = text[a.end : b.start]
    own = False
    sep = pat.range_gap.fullmatch(gap)
    if sep is None and b.qstart < b.start and b.qstart >= a.end:
        sep = pat.range_gap.fullmatch(text[a.end : b.qstart])  # "5,000 to over 15,000"
        own = sep is not None
    if sep is None:
        return None
    word = (sep.group("w") or "").lower()
    hits = _left_hits(text, rev, a.qstart, pat)
    if "change" in hits:
        return "change"  # "rose from 3,000 to 5,000", "fell by 3% to 24,441", "с 5 до 10 тысяч"
    if a.excluded in _SPREADING or b.excluded in _SPREADING:
        return "spread"  # "May 4-10", "between the ages of 0 and 17", "2023-24"
    if word in pat.range_needs_between and "between" not in hits:
        return None  # "300 and 400" without "between" are two figures
    if word in pat.range_needs_from and "from" not in hits:
        return None  # "2 до 3" without "от"
    if a.unit != b.unit and a.unit is not None and b.unit is not None:
        return None
    if (a.unit == "percent") != (b.unit == "percent") and (a.unit is not None and b.unit is not None or a.percent):
        return None  # "3% to 24,441"
    return "own" if own else "range"


def _range_qualifiers(a: _Cand, b: _Cand, *, own_high: bool) -> None:
    """Qualifiers of a range (spec, "Ranges"): about spreads; otherwise low hedged, high up_to."""
    a.role, b.role = "low", "high"
    q = a.qualifier
    if not own_high:
        b.qstart = a.qstart if q != Qualifier.EXACT.value else a.start
        if q == Qualifier.ABOUT.value:
            b.qualifier = Qualifier.ABOUT.value
        else:
            b.qualifier = Qualifier.UP_TO.value
    if q == Qualifier.EXACT.value:
        a.qualifier = Qualifier.AT_LEAST.value
        a.qstart = a.start
