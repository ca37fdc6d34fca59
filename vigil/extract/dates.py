"""Time expressions in English and Russian, found and resolved to ISO 8601.

A figure's `when` and an event's `date` come from here. Every mention keeps the
exact characters it was read from, and is resolved at the precision the text
gives: "in 2024" is `2024`, "by 9 March" (published 2025-05-02) is the day
`2025-03-09`, "first half of 2024" is `2024-01-01/2024-06-30`.

How a text is read, step by step:

  1. One main pattern finds dates with what leads into them ("by", "as at",
     "since", "between … and …", "по состоянию на", "с … по …") and ranges
     ("May 4-10", "January–October 2021", "2021–2022").
  2. Smaller patterns find what the main one cannot: parts of a year ("first half
     of 2024", "в первом квартале"), US fiscal years, "year ending September 2019",
     named days ("New Year's Eve"), relative phrases ("last year", "текущего года")
     and "the same period last year".
  3. Overlapping finds are settled longest first; a year in a list ("in 2012, 2014
     and 2015") is then picked up after the year before it.

Dates without a year take the latest such date on or before the publication date;
with no publication date they are dropped (a null `when` beats a wrong one), unless a
year is written elsewhere in the same sentence. Invalid dates ("31 February") are
skipped, never raised. Word lists are data, in `lexicons/<lang>/dates.toml`; the
patterns are built from them once per process.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from vigil.extract.lexicon import load

__all__ = ["DateMention", "KINDS", "find_dates"]

KINDS: tuple[str, ...] = ("point", "stock", "interval", "relative")

# How far before a prefix we look for a word that makes the number a count
# ("a total of 2019"): one or two words is all that matters.
_LOOKBACK_CHARS = 30
# "the same period last year" reuses the period named shortly before it: within a
# paragraph or so, beyond which the period it means is no longer clear.
_SAME_PERIOD_REACH = 600
# With no publication date, a yearless date may take a year written in its own
# sentence; a sentence rarely runs longer than this either side.
_SENTENCE_REACH = 300
# A range of years written short ("2012-18") or long ("2012–2018") spans at most this
# many years; anything wider is more likely two counts or an identifier.
_MAX_YEAR_RANGE = 50
# "last week" covers any reading of the week before publication: days 1 to 13 back.
_LAST_WEEK_DAYS = (13, 1)

_YEAR4 = r"(?:19|20)\d\d"
# Patterns run only near a word they cannot match without (a year or a month name for
# the main one, "half"/"quarter" for parts of a year, …): these are how far before
# and after that word an expression may reach. The longest leads are phrases such as
# "по состоянию на двадцать первое января" (38 characters before the month).
_BACK_MAIN = 50
_BACK_PERIOD = 40
_BACK_SHORT = 25
_FORWARD = 80
# What a prefix does to the date after it (lexicons: [prefixes]).
_ROLES = frozenset({"point", "stock", "end_stock", "start_stock", "since", "until", "vague", "between"})
_DASH = r"\s*[-–—]\s*"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression: where it stands, what it resolves to, and what kind it is."""

    start: int
    end: int
    when: str
    kind: str
    text: str


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class _Part:
    """A date as written: any of year, month and day may be missing.

    `rel` is a year given relative to publication ("this year" 0, "last year" -1).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel: int | None = None

    @property
    def precision(self) -> int:
        return 3 if self.day is not None else 2 if self.month is not None else 1


@dataclass(frozen=True, slots=True)
class _Atom:
    part: _Part
    abbreviated: bool = False  # month written short ("Jan"): needs a day or a year
    month_word: str = ""
    year_word: bool = False  # Russian "год"/"г." or "2019-м" after the year


@dataclass(frozen=True, slots=True)
class _Pub:
    year: int
    month: int | None
    day: int | None

    def as_part(self) -> _Part:
        return _Part(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    when: str | None  # None: a span that blocks others but is not reported
    kind: str
    priority: int = 5
    # For a date written without its year: the candidate again, given a year taken
    # from its sentence (see _apply_year_hints).
    redo: Callable[[int], _Cand | None] | None = None


_Handler = Callable[[re.Match[str], "_Grammar", "_Ctx"], "_Cand | None"]
# A secondary pattern: (pattern, handler, gate or None, how far before the gate it may start).
_Rule = tuple[re.Pattern[str], _Handler, "re.Pattern[str] | None", int]


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    if not 1 <= y <= 9999:
        return False
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _last_day(y: int, m: int) -> int:
    return ((date(y + m // 12, m % 12 + 1, 1)) - timedelta(days=1)).day


def _iso(p: _Part) -> str | None:
    """`p` as YYYY, YYYY-MM or YYYY-MM-DD; None when incomplete or not a real date."""
    if p.year is None or not _valid(p.year, p.month or 1, p.day or 1):
        return None
    if p.day is not None and p.month is None:
        return None
    if p.month is None:
        return f"{p.year:04d}"
    if p.day is None:
        return f"{p.year:04d}-{p.month:02d}"
    return f"{p.year:04d}-{p.month:02d}-{p.day:02d}"


def _first(p: _Part, precision: int) -> _Part:
    """The start of `p` at a finer precision ("2020" at day precision is 2020-01-01)."""
    month = p.month if p.month is not None else (1 if precision >= 2 else None)
    day = p.day if p.day is not None else (1 if precision >= 3 else None)
    return replace(p, month=month, day=day)


def _last(p: _Part, precision: int) -> _Part:
    """The end of `p` at a finer precision ("2022" at day precision is 2022-12-31)."""
    if p.year is None:
        return p
    month = p.month if p.month is not None else (12 if precision >= 2 else None)
    day = p.day
    if day is None and precision >= 3 and month is not None:
        day = _last_day(p.year, month)
    return replace(p, month=month, day=day)


def _key(p: _Part) -> tuple[int, int, int]:
    return (p.year or 0, p.month or 0, p.day or 0)


def _parse_pub(published: str | None) -> _Pub | None:
    """The publication date, or None when absent or not YYYY[-MM[-DD]] (never raises)."""
    if not published:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", published)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    month = int(mo) if mo else None
    day = int(d) if d else None
    if not _valid(y, month or 1, day or 1):
        return None
    return _Pub(y, month, day)


def _complete(p: _Part, pub: _Pub | None, mode: str = "before") -> _Part | None:
    """`p` with its year filled in, or None when it cannot be.

    mode "before": the latest such date on or before publication (a report speaks of
    the past); "closest": the one nearest publication (deadlines: "до 10 сентября").
    """
    if p.year is not None:
        return p
    if p.rel is not None:
        return replace(p, year=pub.year + p.rel, rel=None) if pub else None
    if pub is None or p.month is None:
        return None
    if mode == "closest" and pub.month is not None:
        ref = date(pub.year, pub.month, pub.day or 15)
        options = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _valid(y, p.month, p.day or 1)]
        if not options:
            return None
        best = min(options, key=lambda y: abs((date(y, p.month or 1, p.day or 15) - ref).days))
        return replace(p, year=best)
    year = pub.year
    if pub.month is not None and (p.month, p.day or 0) > (pub.month, pub.day or 31):
        year -= 1
    for y in range(year, year - 8, -1):  # 29 February: back to the last leap year
        if _valid(y, p.month, p.day or 1):
            return replace(p, year=y)
    return None


def _interval(a: _Part, b: _Part, pub: _Pub | None) -> str | None:
    """Two ends of a range as an ISO interval, each end filled from the other."""
    if a.month is None and a.day is not None:  # "4-10 May": the start takes the month
        a = replace(a, month=b.month, year=b.year, rel=b.rel)
    if b.month is None and b.day is not None:  # "May 4-10": the end takes the month
        b = replace(b, month=a.month, year=a.year, rel=a.rel)
    if a.month is None and a.year is None and a.rel is None:
        return None
    a_has = a.year is not None or a.rel is not None
    b_has = b.year is not None or b.rel is not None
    if b_has and not a_has:
        b2 = _complete(b, pub)
        if b2 is None or b2.year is None or a.month is None:
            return None
        late = (a.month, a.day or 1) > (b2.month or 12, b2.day or 31)
        a, b = replace(a, year=b2.year - late), b2
    elif a_has and not b_has:
        a2 = _complete(a, pub)
        if a2 is None or a2.year is None or b.month is None:
            return None
        early = (b.month, b.day or 31) < (a2.month or 1, a2.day or 1)
        a, b = a2, replace(b, year=a2.year + early)
    elif not a_has and not b_has:
        b2 = _complete(b, pub)
        if b2 is None or b2.year is None or a.month is None:
            return None
        late = (a.month, a.day or 1) > (b2.month or 12, b2.day or 31)
        a, b = replace(a, year=b2.year - late), b2
    else:
        a2, b2 = _complete(a, pub), _complete(b, pub)
        if a2 is None or b2 is None:
            return None
        a, b = a2, b2
    precision = max(a.precision, b.precision)
    start, end = _first(a, precision), _last(b, precision)
    s, e = _iso(start), _iso(end)
    if s is None or e is None or _iso(a) is None or _iso(b) is None:
        return None
    if _key(_first(a, 3)) > _key(_first(b, 3)) or s == e:
        return None
    return f"{s}/{e}"


def _since(start: _Part, pub: _Pub | None) -> tuple[str, str] | None:
    """"since X": X to publication at the coarser of the two precisions."""
    s = _iso(start)
    if s is None:
        return None
    if pub is None:
        return s, "point"
    precision = min(start.precision, 3 if pub.day else 2 if pub.month else 1)
    end = _iso(_Part(pub.year, pub.month if precision >= 2 else None, pub.day if precision >= 3 else None))
    s_cut = s[: {1: 4, 2: 7, 3: 10}[precision]]
    if end is None or end <= s_cut:
        return s, "point"
    return f"{s}/{end}", "interval"


def _period(y: int, m1: int, m2: int) -> str | None:
    if not _valid(y, m1) or not _valid(y, m2):
        return None
    return f"{y:04d}-{m1:02d}-01/{y:04d}-{m2:02d}-{_last_day(y, m2):02d}"


def _period_year(pub: _Pub | None, first_month: int) -> int | None:
    """A part of a year named without its year: the latest one begun by publication."""
    if pub is None:
        return None
    if pub.month is not None and first_month > pub.month:
        return pub.year - 1
    return pub.year


# --------------------------------------------------------------------------- patterns


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("ё", "е").replace("’", "'").split())


def _trie(words: Iterable[str], yo: bool = False) -> str:
    """A regex alternation for `words`, factored as a trie (much faster than a|b|c)."""
    root: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if yo and ch in "её":
            return "[её]"
        if ch in "'’":
            return "['’]"
        return re.escape(ch)

    def emit(node: dict[str, Any]) -> str:
        branches = [esc(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return "(?:" + emit(root) + ")" if root else "(?!)"


def _gate(words: Iterable[str], yo: bool, lead: str = "") -> re.Pattern[str]:
    """A pattern for `words` in lower, Capitalised and UPPER case.

    Spelling the cases out is several times faster than re.IGNORECASE, and a gate
    runs over every character of the text.
    """
    variants: set[str] = set()
    for w in words:
        titled = " ".join(x[:1].upper() + x[1:] for x in w.split(" "))
        variants |= {w, w.lower(), w[:1].upper() + w[1:], titled, w.upper()}
    return re.compile(lead + _trie(variants, yo))


def _strip_names(src: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", src)


@dataclass(frozen=True, slots=True)
class _Grammar:
    language: str
    main: re.Pattern[str]
    gate: re.Pattern[str]
    single: re.Pattern[str]
    atom: re.Pattern[str]
    rules: tuple[_Rule, ...]
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
def _grammar(language: str) -> _Grammar:
    """Compile every pattern for `language` from its word lists, once per process."""
    lex = load(language, "dates") or load("en", "dates")
    sensitive = bool(lex.get("case_sensitive_months", False))
    yo = language == "ru"

    def ci(src: str) -> str:  # case-insensitive part of a case-sensitive pattern
        return f"(?i:{src})" if sensitive else src

    def alt(words: Iterable[str]) -> str:
        return ci(_trie((_norm(w) if not sensitive else w.lower()) for w in words))

    months: dict[str, tuple[int, bool]] = {}
    all_forms: list[str] = []
    for i, forms in enumerate(lex.get("months", []), start=1):
        abbreviated = False
        for j, form in enumerate(forms):
            if form == "|":
                abbreviated = True
                continue
            abbr = abbreviated or (sensitive and j > 0)
            months[_norm(form)] = (i, abbr)
            variants = [form, form.upper()] if sensitive else [_norm(form)]
            if abbr:
                variants += [v + "." for v in variants]
            all_forms += variants
    month_src = _trie(all_forms, yo) + r"(?![\w])"

    day_words: dict[str, int] = {}
    for i, w in enumerate(lex.get("day_words", []), start=1):
        w = _norm(w)
        stem_soft = w.endswith("ье")
        base = w[:-2]
        for ending in (("ье", "ьего", "ьему", "ьим") if stem_soft else ("ое", "ого", "ому", "ым")):
            day_words[base + ending] = i
    day_word_src = r"(?<![\w])" + _trie(day_words, yo) + r"(?![\w])" if day_words else "(?!)"

    suffix = r"(?:st|nd|rd|th)?" if sensitive else r"(?:-(?:го|е|ое|му|м))?"
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
        year_src = r"(?<![\w.,])" + _YEAR4 + r"(?![\w]|[.,]\d)"
    else:
        # not "2010-х" (a decade), but "2019-м" and "2019-го" (a year)
        year_src = r"(?<![\w.,])" + _YEAR4 + rf"(?!\d|[.,]\d|-(?!(?:{ending_words})(?![\w-]))[^\W\d])"
    rel_year = {_norm(k): int(v) for k, v in lex.get("relative_year", {}).items()}
    relyear_src = alt(rel_year) + r"(?![\w])" if rel_year else "(?!)"
    of = ci(r"(?:of\s+)?") if sensitive else ""

    def yp(n: str) -> str:
        y = f"(?P<y{n}>{year_src})" + (f"(?:{ending_src})?(?:\\s*{yw_src})?" if not sensitive else "")
        return rf"(?:,?\s+{of}(?:{y}|(?P<r{n}>{relyear_src})))?"

    day_any = f"(?:{day_src}|{day_word_src})" if day_words else day_src
    num = (
        r"(?P<nd>(?<![\w.,])(?:3[01]|[12]\d|0?[1-9]))[./](?P<nm>1[0-2]|0?[1-9])[./](?P<ny>" + _YEAR4 + r")(?![\w]|[.,]\d)"
        r"|(?P<iy>(?<![\w.,])" + _YEAR4 + r")-(?P<im>1[0-2]|0[1-9])-(?P<id>3[01]|[12]\d|0[1-9])(?![\w]|[.,]\d)"
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
            roles.setdefault(_norm(w), role)
    seasons = _words(lex, "seasons", "words")
    for s in seasons:  # "in the spring of 2024", "early summer 2023"
        for lead in ("", "in ", "during ", "early ", "late ", "in early ", "in late "):
            for the in ("", "the "):
                for tail in ("", " of"):
                    roles.setdefault(_norm(lead + the + s + tail), "vague")
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
    main_parts.append(rf"(?:(?P<pre>{pre_src})(?:\s+|(?<=-)))?(?:" + "|".join(ranges) + ")")
    main = re.compile(r"(?<![\w])(?:" + "|".join(main_parts) + ")", 0 if sensitive else re.IGNORECASE)
    gate = _gate(all_forms if sensitive else months, yo, rf"(?<!\d){_YEAR4}(?!\d)|(?<![\w])")
    single = re.compile(rf"(?:(?P<pre>{pre_src})(?:\s+|(?<=-)))?(?P<s>{atom_src})", 0 if sensitive else re.IGNORECASE)
    atom = re.compile(atom_named, 0 if sensitive else re.IGNORECASE)

    flags = 0 if sensitive else re.IGNORECASE
    rules: list[_Rule] = []
    y_or_rel = rf"(?:(?P<y>{year_src})(?:{ending_src})?(?:\s*{yw_src})?|(?P<r>{relyear_src}))"

    # Parts of a year.
    periods: dict[str, tuple[int, int]] = {}
    ordinals: dict[str, int] = {}
    pp_src = alt(_words(lex, "period_prefixes", "words") + [w for w, r in roles.items() if r == "end_stock"])
    if sensitive:
        for name, (m1, m2) in lex.get("periods", {}).items():
            periods[_norm(name)] = (int(m1), int(m2))
        upper = [n for n in lex.get("periods", {}) if re.fullmatch(r"[QH]\d", n)]
        named_p = [n for n in lex.get("periods", {}) if n not in upper]
        per_src = f"(?:{alt(named_p)}|{_trie(upper)})"
        rules.append((re.compile(
            rf"(?<![\w])(?:(?P<pre>{pp_src})\s+)?(?:{ci('the')}\s+)?(?P<per>{per_src})(?:\s+{ci('(?:of|in)')}\s+|,?\s+|\s*-\s*){y_or_rel}",
            flags), _on_period, _gate({n.split()[-1] for n in periods}, yo), _BACK_PERIOD))
    else:
        lexp = lex.get("periods", {})
        for i, forms in enumerate(lexp.get("ordinals", []), start=1):
            for f in forms:
                ordinals[_norm(f)] = i
        if ordinals:
            ord_src = r"(?<![\w])" + _trie(ordinals, yo) + r"(?![\w])"
            rules.append((re.compile(
                rf"(?<![\w])(?:(?P<pre>{pp_src})\s+)?(?P<ord>{ord_src})\s+(?:(?P<h>{_trie(map(_norm, lexp.get('half', [])), yo)})"
                rf"|(?P<q>{_trie(map(_norm, lexp.get('quarter', [])), yo)})|(?P<hy>{_trie(map(_norm, lexp.get('half_with_year', [])), yo)})(?=\s+(?:{_strip_names(y_or_rel)})))"
                rf"(?![\w])(?:\s+{y_or_rel})?", flags), _on_period,
                _gate(lexp.get("half", []) + lexp.get("quarter", []) + lexp.get("half_with_year", []), yo), _BACK_PERIOD))
    # The first n months of a year.
    pw = lex.get("period_words", {})
    counts = {_norm(w): i for i, w in enumerate(pw.get("counts", []), start=1)}
    if counts:
        first = alt(pw.get("first", ["first"]))
        the = ci(r"(?:the\s+)?")
        ofin = ci(r"(?:of|in)\s+") if sensitive else ""
        yr_req = rf"(?:(?P<y>{year_src})" + ("" if sensitive else rf"\s*{yw_src}") + rf"|(?P<r>{relyear_src}))"
        rules.append((re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(pw.get('prefixes', []))})\s+)?{the}(?:{first}\s+)?(?P<n>{alt(counts)}|\d{{1,2}})\s+{alt(pw.get('months', []))}(?![\w])\s+{ofin}{yr_req}",
            flags), _on_n_months, _gate(pw.get("months", []), yo), _BACK_PERIOD))
    # US fiscal years.
    fiscal = lex.get("fiscal", {})
    if fiscal:
        words = alt(fiscal.get("words", []))
        abbrs = _trie(fiscal.get("abbreviations", []))
        rules.append((re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(fiscal.get('prefixes', []))})\s+)?(?:{words}\s+|{abbrs}\s*['’]?)(?P<fy>\d{{4}}|\d{{2}})(?![\w]|[.,]\d|\s*[-–—/]\s*\d)",
            flags), _on_fiscal, _gate(fiscal.get("words", []) + fiscal.get("abbreviations", []), yo), _BACK_SHORT))
    # The twelve months ending with a month.
    ye = lex.get("year_ending", {})
    if ye.get("phrases"):
        rules.append((re.compile(
            rf"(?<![\w])(?:(?P<pre>{alt(ye.get('prefixes', []))})\s+)?{alt(ye['phrases'])}\s+(?P<a>{atom_src})",
            flags), _on_year_ending, _gate(ye["phrases"], yo), _BACK_SHORT))
    # Named days.
    named = {_norm(k): (int(v[0]), int(v[1])) for k, v in lex.get("named_days", {}).items()}
    if named:
        lead = alt(_words(lex, "named_day_prefixes", "words"))
        tail = rf"(?:,?\s+{y_or_rel})?" if sensitive else ""
        rules.append((re.compile(rf"(?<![\w])(?:{lead}\s+)?(?P<n>{alt(named)})(?![\w]){tail}", flags), _on_named,
                      _gate(named, yo), _BACK_SHORT))
    relative = {_norm(k): (str(v[0]), int(v[1])) for k, v in lex.get("relative", {}).items()}
    if relative:
        rules.append((re.compile(rf"(?<![\w])(?P<ph>{alt(relative)})(?![\w-])", flags), _on_relative, None, 0))
    same = _words(lex, "same_period", "phrases")
    if same:
        rules.append((re.compile(rf"(?<![\w])(?P<sp>{alt(same)})(?![\w])", flags), _on_same_period, None, 0))

    joiner = alt(_words(lex, "ranges", "list_words"))
    year_list = re.compile(
        rf"\s*(?:,\s*|\s+{joiner}\s+|\s*,\s*{joiner}\s+)(?P<y>{year_src})(?P<ys>{ending_src})?(?P<yw>\s*{yw_src})?" if not sensitive
        else rf"(?:\s*,\s*|\s+{joiner}\s+|\s*,\s*{joiner}\s+)(?P<y>{year_src})",
        flags)
    year_anchor = re.compile(
        rf"(?P<dm>{dm_src}|(?:{month_src}),?\s+(?:{year_src})|{_strip_names(num)})|(?<![\w]){pre_src}\s+{year_src}", flags)

    return _Grammar(
        language=language, main=main, gate=gate, single=single, atom=atom, rules=tuple(rules),
        year_list=year_list, year_anchor=year_anchor, months=months, day_words=day_words, roles=roles,
        strong=frozenset(map(_norm, _words(lex, "years", "strong_prefixes"))),
        followers=frozenset(map(_norm, _words(lex, "years", "followers"))),
        count_before=frozenset(map(_norm, _words(lex, "years", "count_words_before"))),
        identifiers=frozenset(map(_norm, _words(lex, "years", "identifier_words"))),
        bare_month=frozenset(map(_norm, _words(lex, "bare_month_prefixes"))),
        bare_may=frozenset(map(_norm, _words(lex, "bare_may_prefixes"))),
        range_word_prefixes=frozenset(map(_norm, _words(lex, "ranges", "word_prefixes"))),
        stock_year_point=frozenset(map(_norm, _words(lex, "years", "stock_is_point"))),
        relative=relative, relative_year=rel_year,
        relative_blockers=tuple(_norm(w) for w in _words(lex, "relative_blockers", "words")),
        periods=periods, ordinals=ordinals, counts=counts, named=named,
    )


# --------------------------------------------------------------------------- reading


class _Ctx:
    """One call's text and publication date."""

    __slots__ = ("text", "pub", "grammar")

    def __init__(self, text: str, pub: _Pub | None, grammar: _Grammar) -> None:
        self.text = text
        self.pub = pub
        self.grammar = grammar

    def pub_for(self, pos: int) -> _Pub | None:
        """The publication date; without one, a year written in the same sentence."""
        if self.pub is not None:
            return self.pub
        year = self.sentence_year(pos, before_only=False)
        return _Pub(year, None, None) if year else None

    def sentence_year(self, pos: int, before_only: bool) -> int | None:
        """The year of the nearest dated expression in the sentence around `pos`.

        With `before_only`, only a full date or a month with its year before `pos`
        counts ("on 1 April 2024 and 2 May": the second date is in 2024 too).
        """
        text = self.text
        lo = max(0, pos - _SENTENCE_REACH)
        ends = list(_SENTENCE_END.finditer(text, lo, pos))
        if ends:
            lo = ends[-1].end()
        hi = pos
        if not before_only:
            tail = _SENTENCE_END.search(text, pos, pos + _SENTENCE_REACH)
            hi = tail.start() if tail else min(len(text), pos + _SENTENCE_REACH)
        best: tuple[int, int] | None = None
        for m in self.grammar.year_anchor.finditer(text, lo, hi):
            if before_only and (m.group("dm") is None or m.end() > pos):
                continue
            years = _YEAR_IN.findall(m.group(0))
            if years and (m.start() >= pos or m.end() <= pos):
                distance = min(abs(m.start() - pos), abs(pos - m.end()))
                if best is None or distance < best[0]:
                    best = (distance, int(years[-1]))
        return best[1] if best else None


_SPACE = re.compile(r"\s")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_YEAR_IN = re.compile(r"(?<!\d)" + _YEAR4 + r"(?!\d)")


def _parse(g: _Grammar, s: str | None) -> _Atom | None:
    """A matched atom ("9 March 2025", "в 2024 году", "March") as a partial date."""
    if s is None:
        return None
    m = g.atom.fullmatch(s)
    if m is None:
        return None
    gd = m.groupdict()
    if gd.get("nd"):
        return _Atom(_Part(int(gd["ny"]), int(gd["nm"]), int(gd["nd"])))
    if gd.get("iy"):
        return _Atom(_Part(int(gd["iy"]), int(gd["im"]), int(gd["id"])))
    if gd.get("y4"):
        return _Atom(_Part(int(gd["y4"])), year_word=bool(gd.get("ys4") or gd.get("yw4")))
    day_text = gd.get("d1") or gd.get("d2")
    month_text = gd.get("m1") or gd.get("m2") or gd.get("m3") or ""
    year_text = gd.get("y1") or gd.get("y2") or gd.get("y3")
    rel_text = gd.get("r1") or gd.get("r2") or gd.get("r3")
    month, abbr = g.months.get(_norm(month_text).rstrip("."), (0, False))
    if not month:
        return None
    day = None
    if day_text:
        digits = re.match(r"\d+", day_text)
        day = int(digits.group(0)) if digits else g.day_words.get(_norm(day_text))
        if day is None:
            return None
    rel = g.relative_year.get(_norm(rel_text)) if rel_text else None
    year = int(year_text) if year_text else None
    return _Atom(_Part(year, month, day, rel), abbreviated=abbr, month_word=_norm(month_text).rstrip("."))


def _day_or_atom(g: _Grammar, s: str | None) -> _Atom | None:
    if s is not None and s.isdigit() and len(s) <= 2:
        return _Atom(_Part(day=int(s)))
    return _parse(g, s)


def _prev_word(text: str, pos: int) -> str:
    words = re.findall(r"[\w.#№]+", text[max(0, pos - _LOOKBACK_CHARS) : pos])
    return _norm(words[-1]).rstrip(".") if words else ""


_RANGE_AFTER = re.compile(r"\s*(?:[-–—/]|(?:to|до|по)\s)\s*\d|\s*%", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _year_ok(g: _Grammar, text: str, lead: int, end: int, prefix: str, year_word: bool) -> bool:
    """Whether a bare year reads as a year and not as a count or an identifier.

    `lead` is where the expression starts (its prefix), `end` where the year ends.
    """
    prev = _prev_word(text, lead)
    if prev in g.identifiers or prev + "." in g.identifiers:
        return False
    if prefix not in g.strong and not year_word and prev in g.count_before:
        return False
    if _RANGE_AFTER.match(text, end):
        return False  # "from 2000 to 3000": counts whose range did not read as years
    if year_word or prefix in g.strong:
        return True
    nxt = _NEXT_WORD.match(text, end)
    return not (nxt and nxt.group(1)[0].islower() and _norm(nxt.group(1)) not in g.followers)


def _is_bare_year(a: _Atom) -> bool:
    return a.part.month is None and a.part.day is None


def _rel_or_year(g: _Grammar, s: str) -> _Part:
    digits = re.search(r"(?<!\d)" + _YEAR4 + r"(?!\d)", s)
    if digits:
        return _Part(year=int(digits.group(0)))
    return _Part(rel=g.relative_year.get(_norm(s.strip(" ,")).removeprefix("of ")))


def _on_main(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    text, start, end = ctx.text, m.start(), m.end()
    gd: dict[str, str] = {k: v for k, v in m.groupdict().items() if v is not None}
    if "btw" in gd:
        a, b = _day_or_atom(g, gd.get("ba")), _parse(g, gd.get("bb"))
        if a is None or b is None:
            return None
        if _is_bare_year(b) and not _year_ok(g, text, start, end, "", b.year_word):
            return None
        when = _interval(a.part, b.part, ctx.pub_for(start))
        return _Cand(start, end, when, "interval") if when else None
    pre = _norm(gd.get("pre", ""))
    words_ok = not g.range_word_prefixes or pre in g.range_word_prefixes
    if "r1a" in gd:
        a = _parse(g, gd.get("r1a"))
        if a is None:
            return None
        y = _rel_or_year(g, gd["r1y"]) if gd.get("r1y") else _Part()
        pa = replace(a.part, year=y.year, rel=y.rel) if gd.get("r1y") else a.part
        pb = replace(pa, day=int(gd["r1b"]))
        when = _interval(pa, pb, ctx.pub_for(start))
    elif "r2a" in gd:
        b = _parse(g, gd.get("r2b"))
        if b is None or (gd.get("r2w") and not words_ok):
            return None
        when = _interval(_Part(day=int(gd["r2a"])), b.part, ctx.pub_for(start))
    elif "r3a" in gd:
        a, b = _parse(g, gd.get("r3a")), _parse(g, gd.get("r3b"))
        if a is None or b is None or (gd.get("r3w") and not words_ok):
            return None
        if _is_bare_year(b) and not _year_ok(g, text, start, end, pre, b.year_word):
            return None
        if _is_bare_year(a) and _prev_word(text, start) in g.identifiers:
            return None
        if (a.abbreviated and a.part.day is None and a.part.year is None) and b.part.year is None:
            return None
        when = _interval(a.part, b.part, ctx.pub_for(start))
    elif "r4a" in gd:
        y1 = int(gd["r4a"])
        y2 = y1 // 100 * 100 + int(gd["r4b"])
        if not 0 < y2 - y1 <= _MAX_YEAR_RANGE or not _year_ok(g, text, start, end, pre, False):
            return None
        when = f"{y1:04d}/{y2:04d}"
    else:
        return _on_single(m, g, ctx)
    return _Cand(start, end, when, "interval") if when else None


def _on_single(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    atom = _parse(g, m.group("s"))
    if atom is None:
        return None
    pre = _norm(m.group("pre")) if m.group("pre") else ""
    role = g.roles.get(pre) if pre else None
    p = atom.part
    if _is_bare_year(atom):
        if not pre and not atom.year_word:
            return None
        if not _year_ok(g, ctx.text, m.start(), m.end(), pre, atom.year_word):
            return None
    elif p.day is None and p.year is None and p.rel is None:  # a month on its own
        if atom.abbreviated or pre not in g.bare_month:
            return None
        if g.bare_may and atom.month_word == "may" and pre not in g.bare_may:
            return None
    start, end = m.start(), m.end()

    def build(hint: int | None) -> _Cand | None:
        full = replace(p, year=hint) if hint is not None else _complete(p, ctx.pub, "closest" if role == "until" else "before")
        if full is None:
            return None
        if _iso(full) is None:  # "31 February 2024": not a date, and no part of it is one either
            return _Cand(start, end, None, "invalid")
        if hint is not None and ctx.pub is not None and _key(full) > _key(ctx.pub.as_part()):
            return None  # a year borrowed from the sentence may not make a date after publication
        kind = "point"
        if role == "since":
            since = _since(full, ctx.pub)
            if since is None:
                return None
            when: str | None = since[0]
            kind = since[1]
        elif role in ("end_stock", "start_stock"):
            when, kind = _iso(_last(full, 3) if role == "end_stock" else _first(full, 3)), "stock"
        else:
            when = _iso(full)
            if role == "stock" and not (full.precision == 1 and pre in g.stock_year_point):
                kind = "stock"
            elif p.rel is not None:
                kind = "relative"
        return _Cand(start, end, when, kind) if when else None

    if p.year is None and p.rel is None:
        # The year may yet come from the sentence (see _apply_year_hints).
        default = build(None)
        return _Cand(start, end, default.when if default else None, default.kind if default else "pending", redo=build)
    return build(None)


def _year_of(g: _Grammar, m: re.Match[str], ctx: _Ctx) -> int | None:
    """The year of a pattern with groups `y` (written) and `r` (relative)."""
    if m.group("y"):
        return int(m.group("y"))
    if m.group("r"):
        rel = g.relative_year.get(_norm(m.group("r")))
        return ctx.pub.year + rel if ctx.pub and rel is not None else None
    return None


def _on_period(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    gd = m.groupdict()
    if gd.get("per"):
        months = g.periods.get(_norm(gd["per"]))
    else:
        n = g.ordinals.get(_norm(gd.get("ord") or ""), 0)
        if gd.get("q"):
            months = ((n - 1) * 3 + 1, n * 3) if 1 <= n <= 4 else None
        else:
            months = (1, 6) if n == 1 else (7, 12) if n == 2 else None
    if months is None:
        return None
    year = _year_of(g, m, ctx) if (gd.get("y") or gd.get("r")) else _period_year(ctx.pub, months[0])
    if year is None:
        return None
    pre = g.roles.get(_norm(gd["pre"])) if gd.get("pre") else None
    if pre == "end_stock":
        return _Cand(m.start(), m.end(), _iso(_Part(year, months[1], _last_day(year, months[1]))), "stock", 2)
    return _Cand(m.start(), m.end(), _period(year, *months), "interval", 2)


def _on_n_months(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    n_text = _norm(m.group("n"))
    n = int(n_text) if n_text.isdigit() else g.counts.get(n_text, 0)
    year = _year_of(g, m, ctx)
    if not 1 <= n <= 12 or year is None:
        return None
    return _Cand(m.start(), m.end(), _period(year, 1, n), "interval", 2)


def _on_fiscal(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    fy = int(m.group("fy"))
    if len(m.group("fy")) == 2:
        fy += 2000 if fy < 70 else 1900  # FY18 is 2018; FY98 is 1998
    if not 1901 <= fy <= 2099:
        return None
    return _Cand(m.start(), m.end(), f"{fy - 1:04d}-10-01/{fy:04d}-09-30", "interval", 2)


def _on_year_ending(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    atom = _parse(g, m.group("a"))
    if atom is None or atom.part.month is None:
        return None
    full = _complete(atom.part, ctx.pub_for(m.start()))
    if full is None or full.year is None or full.month is None:
        return None
    last = _last(full, 3)
    if _iso(last) is None or last.year is None or last.month is None or last.day is None:
        return None
    end = date(last.year, last.month, last.day)
    if end.year < 2:
        return None
    begin = date(end.year - 1, end.month, min(end.day, _last_day(end.year - 1, end.month))) + timedelta(days=1)
    return _Cand(m.start(), m.end(), f"{begin.isoformat()}/{end.isoformat()}", "interval", 2)


def _on_named(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    month, day = g.named.get(_norm(m.group("n")), (0, 0))
    if not month:
        return None
    gd = m.groupdict()
    year = _year_of(g, m, ctx) if (gd.get("y") or gd.get("r")) else None
    full = _Part(year, month, day) if year else _complete(_Part(None, month, day), ctx.pub_for(m.start()))
    when = _iso(full) if full else None
    return _Cand(m.start(), m.end(), when, "point", 3) if when else None


def _on_relative(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    unit, offset = g.relative.get(_norm(m.group("ph")), ("", 0))
    pub = ctx.pub
    before = _norm(ctx.text[max(0, m.start() - _LOOKBACK_CHARS) : m.start()])
    if pub is None or any(before == b or before.endswith(" " + b) for b in g.relative_blockers):
        return None
    when: str | None = None
    if unit == "year":
        when = _iso(_Part(pub.year + offset))
    elif unit in ("year_end", "year_start"):
        y = pub.year + offset
        when = _iso(_Part(y, 12, 31) if unit == "year_end" else _Part(y, 1, 1))
        return _Cand(m.start(), m.end(), when, "stock", 4) if when else None
    elif unit == "month" and pub.month is not None:
        index = pub.year * 12 + pub.month - 1 + offset
        when = _iso(_Part(index // 12, index % 12 + 1))
    elif unit in ("week", "day") and pub.month is not None and pub.day is not None:
        ref = date(pub.year, pub.month, pub.day)
        if unit == "day":
            when = (ref + timedelta(days=offset)).isoformat()
        else:
            far, near = _LAST_WEEK_DAYS if offset < 0 else (6, 0)
            a, b = ref - timedelta(days=far), ref - timedelta(days=near)
            when = a.isoformat()[:7] if a.month == b.month and a.year == b.year else str(a.year) if a.year == b.year else None
    return _Cand(m.start(), m.end(), when, "relative", 4) if when else None


def _on_same_period(m: re.Match[str], g: _Grammar, ctx: _Ctx) -> _Cand | None:
    # Resolved after selection, from the period named before it (see _resolve_same_period).
    return _Cand(m.start(), m.end(), None, "same_period", 1)


# --------------------------------------------------------------------------- assembly


def _scan(pattern: re.Pattern[str], handler: _Handler, g: _Grammar, ctx: _Ctx,
          gate: re.Pattern[str] | None = None, back: int = 0, fallback: re.Pattern[str] | None = None) -> list[_Cand]:
    """Every candidate `pattern` yields, searched only near the hits of `gate`.

    Every expression a gated pattern matches contains a hit of its gate, so looking
    `back` characters before each hit (and _FORWARD after) finds them all while
    leaving most of the text unread. A rejected range falls back to its first date.
    """
    out: list[_Cand] = []
    text, n = ctx.text, len(ctx.text)
    hits: Iterable[tuple[int, int]] = ((k.start(), k.end()) for k in gate.finditer(text)) if gate else ((0, n),)
    done = 0  # everything before `done` has been read
    for k_start, k_end in hits:
        if k_end <= done:
            continue
        lo = max(done, k_start - back)
        hi = n if gate is None else _cut(text, k_end + _FORWARD)
        while lo < hi:
            m = pattern.search(text, lo, hi)
            if m is None or m.start() > k_end:
                break
            cand = _safely(handler, m, g, ctx)
            if cand is None and fallback is not None and m.groupdict().get("s") is None:
                m2 = fallback.match(text, m.start(), hi)
                if m2 is not None:
                    cand = _safely(_on_single, m2, g, ctx)
            if cand is not None:
                out.append(cand)
                lo = max(cand.end, m.start() + 1)
                done = max(done, cand.end)
            else:
                lo = m.start() + 1
        done = max(done, min(lo, k_end))
    return out


def _cut(text: str, pos: int) -> int:
    """An end for a search window at a space near `pos`, so no word is cut in two."""
    if pos >= len(text):
        return len(text)
    space = _SPACE.search(text, pos, pos + _FORWARD // 2)
    return space.start() if space else pos


def _safely(handler: Callable[[re.Match[str], _Grammar, _Ctx], _Cand | None], m: re.Match[str],
            g: _Grammar, ctx: _Ctx) -> _Cand | None:
    try:
        return handler(m, g, ctx)
    except (ValueError, OverflowError):  # dates at the edge of the calendar: skip, never raise
        return None


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first (a longer reading holds more of the date).

    Candidates are settled one cluster of overlapping spans at a time, so the cost
    stays linear in a text full of dates.
    """
    chosen: list[_Cand] = []
    cluster: list[_Cand] = []
    reach = -1
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        if cluster and c.start >= reach:
            chosen += _settle(cluster)
            cluster = []
        cluster.append(c)
        reach = max(reach, c.end) if len(cluster) > 1 else c.end
    if cluster:
        chosen += _settle(cluster)
    return chosen


def _settle(cluster: list[_Cand]) -> list[_Cand]:
    if len(cluster) == 1:
        return cluster
    taken: list[_Cand] = []
    for c in sorted(cluster, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _extend_year_lists(chosen: list[_Cand], g: _Grammar, ctx: _Ctx) -> list[_Cand]:
    """Years listed after a year ("in 2012, 2014 and 2015"; "в 2019 и 2020 годах")."""
    out: list[_Cand] = []
    for i, c in enumerate(chosen):
        out.append(c)
        if c.kind != "point" or c.when is None or len(c.when) != 4:
            continue
        limit = chosen[i + 1].start if i + 1 < len(chosen) else len(ctx.text)
        end = c.end
        while True:
            m = g.year_list.match(ctx.text, end)
            if m is None or m.end() > limit:
                break
            gd = m.groupdict()
            year_word = bool(gd.get("ys") or gd.get("yw"))
            if not _year_ok(g, ctx.text, m.start("y"), m.end(), "", year_word):
                break
            out.append(_Cand(m.start("y"), m.end(), m.group("y"), "point"))
            end = m.end()
    return out


def _apply_year_hints(chosen: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """Dates written without a year take one from their sentence.

    With a publication date, only a month or a day written with its year, earlier in
    the same sentence, lends it ("on 1 April 2024 and 2 May"), and only when the date
    it makes is not after publication. Without one, the nearest dated expression on
    either side does (a year alone counts too); otherwise the date is left out.
    """
    text = ctx.text
    anchors = [(c.start, c.end, int(y.group(0))) for c in chosen
               if c.when and c.redo is None and (y := _YEAR_IN.search(text, c.start, c.end))
               and (ctx.pub is None or len(c.when.split("/")[0]) >= 7)]
    if not anchors:
        return chosen
    ends = [a[1] for a in anchors]
    out: list[_Cand] = []
    for c in chosen:
        if c.redo is None:
            out.append(c)
            continue
        i = bisect_right(ends, c.start)
        options = []
        if i > 0 and c.start - anchors[i - 1][1] <= _SENTENCE_REACH and not _SENTENCE_END.search(text, anchors[i - 1][1], c.start):
            options.append((c.start - anchors[i - 1][1], anchors[i - 1][2]))
        if ctx.pub is None and i < len(anchors):
            a = anchors[i]
            if a[0] >= c.end and a[0] - c.end <= _SENTENCE_REACH and not _SENTENCE_END.search(text, c.end, a[0]):
                options.append((a[0] - c.end, a[2]))
        redone = c.redo(min(options)[1]) if options else None
        out.append(redone if redone is not None and redone.when else c)
    return out


def _shift(when: str, years: int) -> str | None:
    parts = []
    for side in when.split("/"):
        y = int(side[:4]) + years
        rest = side[4:]
        if rest == "-02-29":
            rest = "-02-28"
        if not 1 <= y <= 9999:
            return None
        parts.append(f"{y:04d}{rest}")
    return "/".join(parts)


def _resolve_same_period(chosen: list[_Cand]) -> list[_Cand]:
    """"the same period last year": the period named just before, one year back."""
    out: list[_Cand] = []
    for c in chosen:
        if c.kind != "same_period":
            out.append(c)
            continue
        earlier = [p for p in out if p.when and p.end <= c.start and c.start - p.end <= _SAME_PERIOD_REACH
                   and p.kind in ("point", "interval") and len({s[:4] for s in p.when.split("/")}) == 1]
        when = _shift(earlier[-1].when, -1) if earlier and earlier[-1].when else None
        if when:
            out.append(_Cand(c.start, c.end, when, "interval" if "/" in when else "point"))
    return out


def find_dates(text: str, language: str, published: str | None) -> list[DateMention]:
    """Every time expression in `text`, resolved to ISO 8601, sorted by start.

    `published` (YYYY, YYYY-MM or YYYY-MM-DD) resolves dates without a year and
    relative ones ("last year"); without it those are left out. Never raises.
    """
    if not text:
        return []
    g = _grammar(language if language in ("en", "ru") else "en")
    ctx = _Ctx(text, _parse_pub(published), g)
    cands = _scan(g.main, _on_main, g, ctx, g.gate, _BACK_MAIN, g.single)
    for pattern, handler, gate, back in g.rules:
        cands += _scan(pattern, handler, g, ctx, gate, back)
    chosen = _resolve_same_period(_apply_year_hints(_select(cands), ctx))
    chosen = _extend_year_lists(chosen, g, ctx)
    return [DateMention(c.start, c.end, c.when, c.kind, text[c.start : c.end]) for c in chosen if c.when]
