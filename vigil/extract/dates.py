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
patterns are built from them once per process, in `datepatterns.py`.

The patterns run only where they may match, and the places are found with cheaper
patterns and with str.find (see datepatterns.py); each shortcut finds exactly what
the plain search would, as the functions that take it (_scan, _next_match,
_scan_lowered, Gate.hits) explain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from vigil.extract.datepatterns import (
    BACK_MAIN, YEAR4, Gate, Grammar, Lowered, Opening, Rule, grammar, lowered_text, norm,
)

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

# Patterns run only near a word they cannot match without (see datepatterns): this is
# how far after that word an expression may reach.
_FORWARD = 80


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


_Handler = Callable[[re.Match[str], "Grammar", "_Ctx"], "_Cand | None"]


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
    return None if p.year is None else _iso_of(p.year, p.month, p.day)


@lru_cache(maxsize=4096)
def _iso_of(year: int, month: int | None, day: int | None) -> str | None:
    # Cached: the same few years and dates come back at every mention of them.
    if not _valid(year, month or 1, day or 1):
        return None
    if day is not None and month is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


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


# --------------------------------------------------------------------------- reading


class _Ctx:
    """One call's text and publication date."""

    __slots__ = ("text", "pub", "grammar", "low", "folded")

    def __init__(self, text: str, pub: _Pub | None, grammar: Grammar) -> None:
        self.text = text
        self.pub = pub
        self.grammar = grammar
        self.low = lowered_text(text)  # for _scan_lowered
        self.folded = self.low.replace("ё", "е") if self.low is not None else None  # for Gate.hits

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
_YEAR_IN = re.compile(r"(?<!\d)" + YEAR4 + r"(?!\d)")


def _parse(g: Grammar, s: str | None) -> _Atom | None:
    """A matched atom ("9 March 2025", "в 2024 году", "March") as a partial date."""
    return None if s is None else _parse_atom(g.language, s)


@lru_cache(maxsize=4096)
def _parse_atom(language: str, s: str) -> _Atom | None:
    # Cached: an atom is read from its own characters only, and the same ones ("2024",
    # "в 2023 году", "March") come back many times in a text and across texts.
    g = grammar(language)
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
    month, abbr = g.months.get(norm(month_text).rstrip("."), (0, False))
    if not month:
        return None
    day = None
    if day_text:
        digits = _DIGITS.match(day_text)
        day = int(digits.group(0)) if digits else g.day_words.get(norm(day_text))
        if day is None:
            return None
    rel = g.relative_year.get(norm(rel_text)) if rel_text else None
    year = int(year_text) if year_text else None
    return _Atom(_Part(year, month, day, rel), abbreviated=abbr, month_word=norm(month_text).rstrip("."))


def _day_or_atom(g: Grammar, s: str | None) -> _Atom | None:
    if s is not None and s.isdigit() and len(s) <= 2:
        return _Atom(_Part(day=int(s)))
    return _parse(g, s)


_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[\w.#№]+")


def _prev_word(text: str, pos: int) -> str:
    words = _WORD.findall(text, max(0, pos - _LOOKBACK_CHARS), pos)
    return norm(words[-1]).rstrip(".") if words else ""


_RANGE_AFTER = re.compile(r"\s*(?:[-–—/]|(?:to|до|по)\s)\s*\d|\s*%", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _year_ok(g: Grammar, text: str, lead: int, end: int, prefix: str, year_word: bool) -> bool:
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
    return not (nxt and nxt.group(1)[0].islower() and norm(nxt.group(1)) not in g.followers)


def _is_bare_year(a: _Atom) -> bool:
    return a.part.month is None and a.part.day is None


def _rel_or_year(g: Grammar, s: str) -> _Part:
    digits = re.search(r"(?<!\d)" + YEAR4 + r"(?!\d)", s)
    if digits:
        return _Part(year=int(digits.group(0)))
    return _Part(rel=g.relative_year.get(norm(s.strip(" ,")).removeprefix("of ")))


def _on_main(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    if m.group("s") is not None:  # a single date, by far the commonest: no range to read
        return _on_single(m, g, ctx)
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
    pre = norm(gd.get("pre", ""))
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


def _on_single(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    atom = _parse(g, m.group("s"))
    if atom is None:
        return None
    pre = norm(m.group("pre")) if m.group("pre") else ""
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
        iso = _iso(full)
        if iso is None:  # "31 February 2024": not a date, and no part of it is one either
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
            when = iso
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


def _year_of(g: Grammar, m: re.Match[str], ctx: _Ctx) -> int | None:
    """The year of a pattern with groups `y` (written) and `r` (relative)."""
    if m.group("y"):
        return int(m.group("y"))
    if m.group("r"):
        rel = g.relative_year.get(norm(m.group("r")))
        return ctx.pub.year + rel if ctx.pub and rel is not None else None
    return None


def _on_period(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    gd = m.groupdict()
    if gd.get("per"):
        months = g.periods.get(norm(gd["per"]))
    else:
        n = g.ordinals.get(norm(gd.get("ord") or ""), 0)
        if gd.get("q"):
            months = ((n - 1) * 3 + 1, n * 3) if 1 <= n <= 4 else None
        else:
            months = (1, 6) if n == 1 else (7, 12) if n == 2 else None
    if months is None:
        return None
    year = _year_of(g, m, ctx) if (gd.get("y") or gd.get("r")) else _period_year(ctx.pub, months[0])
    if year is None:
        return None
    pre = g.roles.get(norm(gd["pre"])) if gd.get("pre") else None
    if pre == "end_stock":
        return _Cand(m.start(), m.end(), _iso(_Part(year, months[1], _last_day(year, months[1]))), "stock", 2)
    return _Cand(m.start(), m.end(), _period(year, *months), "interval", 2)


def _on_n_months(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    n_text = norm(m.group("n"))
    n = int(n_text) if n_text.isdigit() else g.counts.get(n_text, 0)
    year = _year_of(g, m, ctx)
    if not 1 <= n <= 12 or year is None:
        return None
    return _Cand(m.start(), m.end(), _period(year, 1, n), "interval", 2)


def _on_fiscal(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    fy = int(m.group("fy"))
    if len(m.group("fy")) == 2:
        fy += 2000 if fy < 70 else 1900  # FY18 is 2018; FY98 is 1998
    if not 1901 <= fy <= 2099:
        return None
    return _Cand(m.start(), m.end(), f"{fy - 1:04d}-10-01/{fy:04d}-09-30", "interval", 2)


def _on_year_ending(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
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


def _on_named(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    month, day = g.named.get(norm(m.group("n")), (0, 0))
    if not month:
        return None
    gd = m.groupdict()
    year = _year_of(g, m, ctx) if (gd.get("y") or gd.get("r")) else None
    full = _Part(year, month, day) if year else _complete(_Part(None, month, day), ctx.pub_for(m.start()))
    when = _iso(full) if full else None
    return _Cand(m.start(), m.end(), when, "point", 3) if when else None


def _on_relative(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    unit, offset = g.relative.get(norm(m.group("ph")), ("", 0))
    pub = ctx.pub
    before = norm(ctx.text[max(0, m.start() - _LOOKBACK_CHARS) : m.start()])
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


def _on_same_period(m: re.Match[str], g: Grammar, ctx: _Ctx) -> _Cand | None:
    # Resolved after selection, from the period named before it (see _resolve_same_period).
    return _Cand(m.start(), m.end(), None, "same_period", 1)


# What reads the matches of each secondary pattern (datepatterns.Rule.reads).
_READERS: dict[str, _Handler] = {
    "period": _on_period, "n_months": _on_n_months, "fiscal": _on_fiscal, "year_ending": _on_year_ending,
    "named": _on_named, "relative": _on_relative, "same_period": _on_same_period,
}


# --------------------------------------------------------------------------- assembly


def _scan(pattern: re.Pattern[str], handler: _Handler, g: Grammar, ctx: _Ctx,
          gate: Gate | None = None, back: int = 0, fallback: re.Pattern[str] | None = None,
          opening: Opening | None = None) -> list[_Cand]:
    """Every candidate `pattern` yields, searched only near the hits of `gate`.

    Every expression a gated pattern matches contains a hit of its gate, so looking
    `back` characters before each hit (and _FORWARD after) finds them all while
    leaving most of the text unread. A rejected range falls back to its first date.
    With `opening` (the main pattern's), a match is looked for by _next_match, and
    from where `opening.lead` shows one may begin; it is the same match.
    """
    out: list[_Cand] = []
    text, n = ctx.text, len(ctx.text)
    hits = gate.hits(text, ctx.folded) if gate is not None else [(0, n)]
    search = pattern.search
    lead = opening.lead if opening is not None else None
    backwards = text[::-1] if lead is not None else ""
    done = 0  # everything before `done` has been read
    prev = -1  # where the hit before this one begins
    for k_start, k_end in hits:
        if k_end <= done:
            prev = k_start
            continue
        lo = max(done, k_start - back)
        # With no hit between `lo` and this one, a match that begins before it reaches
        # into it (every match holds a hit: see Opening); what stands before the hit
        # in it is all of words and marks `lead` reads back over. No match begins
        # before `first`, then: the search may begin there.
        first = lo
        if lead is not None and prev < lo < k_start:
            walk = lead.match(backwards, n - k_start, n - lo)  # never None: it may read nothing
            first = n - walk.end() if walk is not None else lo
        prev = k_start
        hi = n if gate is None else _cut(text, k_end + _FORWARD)
        # A match that begins after the hit is no concern of this one: stop there (a
        # search would go on to `hi` for nothing, or find the next hit's match early).
        while lo < hi and lo <= k_end:
            if opening is not None:
                a = max(lo, first)
                # `starts` opens with (?<![\w]): no match begins right after a letter or
                # digit. When all of text[a-1:k_end] is letters and digits (the rest of a
                # year or word just read, as after a bare year turned down), none begins
                # at a..k_end, and _next_match would return None: skip its finditer.
                # (str.isalnum implies \w, which is isalnum or "_".)
                if a > k_end or (a > 0 and text[a - 1 : k_end].isalnum()):
                    break
                m = _next_match(pattern, opening.starts, text, a, k_end, hi, min(hi, k_end + 1 + opening.reach))
            else:
                m = search(text, lo, hi)
            if m is None:
                break
            m_start = m.start()
            if m_start > k_end:
                break
            cand = _safely(handler, m, g, ctx)
            if cand is None and fallback is not None and m.group("s") is None:
                m2 = fallback.match(text, m_start, hi)
                if m2 is not None:
                    cand = _safely(_on_single, m2, g, ctx)
            if cand is not None:
                out.append(cand)
                lo = max(cand.end, m_start + 1)
                done = max(done, cand.end)
            else:
                lo = m_start + 1
        done = max(done, min(lo, k_end))
    return out


def _next_match(pattern: re.Pattern[str], starts: re.Pattern[str], text: str, lo: int, last: int,
                hi: int, stop: int) -> re.Match[str] | None:
    """pattern.search(text, lo, hi), when it finds a match that begins by `last`; else None.

    `starts` is the opening lookahead of `pattern` alone: every match of `pattern`
    begins where `starts` matches, so trying `pattern` there, in order, finds what the
    search finds. A search that finds nothing by `last` reads on to `hi`, or to the next
    match, through every character; `starts`, searched only up to `stop` (far enough
    for it to read every word it may begin at up to `last`), stops short of that.
    """
    for s in starts.finditer(text, lo, stop):
        pos = s.start()
        if pos > last:
            break
        m = pattern.match(text, pos, hi)
        if m is not None:
            return m
    return None


def _scan_lowered(rule: Rule, lowered: Lowered, handler: _Handler, g: Grammar, ctx: _Ctx, low: str) -> list[_Cand]:
    """What _scan(rule.pattern, handler, g, ctx) finds with no gate, found in `low`.

    `low` is the text in lower case (see lowered_text) and `lowered.pattern` the rule's
    pattern for it, so a search in `low` stops where a search in the text would: the
    matches are the same, in the same order, and each is then taken from the text for
    its handler. A match holds one of `lowered.anchors`, and lies within a stretch of
    the text with none of the `lowered.outside` characters in it; so only the
    stretches around those words are searched (each up to the character after it,
    for the pattern's closing lookahead), in order, and the rest of the text is not
    read at all.
    """
    spots = sorted(i for word in lowered.anchors for i in _find_all(low, word))
    if not spots:
        return []
    out: list[_Cand] = []
    text, n = ctx.text, len(low)
    backwards = low[::-1]
    lo = 0  # where _scan would search from next
    end = -1  # where the stretch last read ends
    for spot in spots:
        if spot < end:
            continue
        before = lowered.outside.search(backwards, n - spot)
        after = lowered.outside.search(low, spot)
        lo = max(lo, n - before.start() if before is not None else 0)
        end = after.start() if after is not None else n
        while (found := lowered.pattern.search(low, lo, end + 1)) is not None:
            m = rule.pattern.match(text, found.start())
            if m is None:  # never so (the two patterns agree); read on as _scan would
                lo = found.start() + 1
                continue
            cand = _safely(handler, m, g, ctx)
            if cand is not None:
                out.append(cand)
                lo = max(cand.end, m.start() + 1)
            else:
                lo = m.start() + 1
    return out


def _find_all(text: str, word: str) -> list[int]:
    """Where `word` stands in `text`, by str.find."""
    found: list[int] = []
    i = text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def _cut(text: str, pos: int) -> int:
    """An end for a search window at a space near `pos`, so no word is cut in two."""
    if pos >= len(text):
        return len(text)
    space = _SPACE.search(text, pos, pos + _FORWARD // 2)
    return space.start() if space else pos


def _safely(handler: Callable[[re.Match[str], Grammar, _Ctx], _Cand | None], m: re.Match[str],
            g: Grammar, ctx: _Ctx) -> _Cand | None:
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


def _extend_year_lists(chosen: list[_Cand], g: Grammar, ctx: _Ctx) -> list[_Cand]:
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
    if all(c.redo is None for c in chosen):
        return chosen  # every date has its year: nothing to lend
    text = ctx.text
    anchors = [(c.start, c.end, int(y.group(0))) for c in chosen
               if c.when and c.redo is None and (ctx.pub is None or len(c.when.split("/")[0]) >= 7)
               and (y := _YEAR_IN.search(text, c.start, c.end))]
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
    g = grammar(language if language in ("en", "ru") else "en")
    ctx = _Ctx(text, _parse_pub(published), g)
    cands = _scan(g.main, _on_main, g, ctx, g.gate, BACK_MAIN, g.single, g.opening)
    for rule in g.rules:
        handler = _READERS[rule.reads]
        if rule.lowered is not None and ctx.low is not None:
            cands += _scan_lowered(rule, rule.lowered, handler, g, ctx, ctx.low)
        else:
            cands += _scan(rule.pattern, handler, g, ctx, rule.gate, rule.back)
    chosen = _resolve_same_period(_apply_year_hints(_select(cands), ctx))
    chosen = _extend_year_lists(chosen, g, ctx)
    return [DateMention(c.start, c.end, c.when, c.kind, text[c.start : c.end]) for c in chosen if c.when]
