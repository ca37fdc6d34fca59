"""When an event happened, and which dates are deadlines.

An event's `date` is one ISO date at the precision the text gives; unlike a figure's
`when` it is never an interval ("May 4-10" is `2023-05`, "April 27-May 3" is `2023`,
a range across years has no date). The date mentions themselves come from `dates.py`;
this module only decides which of them belongs to a trigger:

  1. the nearest date in the trigger's own clause (deadline dates left out);
  2. a date in a relative clause that opens right after the trigger ("a brawl, which
     broke out in late May");
  3. the nearest date in an earlier clause of the sentence ("In November 2024, when a
     court sentenced …"); later clauses usually describe something else;
  4. "then", "the following morning": the last date of the sentence before (a day on);
  5. otherwise none. `dateline` gives the date a news item is filed under, for events
     the item reports without a time of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from vigil.extract.dates import DateMention
from vigil.extract.event_lexicon import EventLexicon, Lowered
from vigil.extract.sentences import Sentence

__all__ = ["Deadline", "collapse", "dateline", "find_deadlines", "mention_date", "precision"]

# A dateline is a date alone on the first line, perhaps with a clock time after it.
_DATELINE_REST = re.compile(r"^[\s,.\-–—|]*(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|MSK|UTC|GMT))?)?[\s,.\-–—|]*$", re.IGNORECASE)
# A place before a dateline's date: "Moscow, ", "CAIRO — ".
_DATELINE_PLACE = re.compile(r"^\s*(?:[A-ZА-ЯЁ][\w.'’-]*(?:\s+[A-ZА-ЯЁ][\w.'’-]*){0,3}\s*[,:–—-]\s*)?$")
# A dateline stands among the first lines of a text: the title, a byline, the date.
DATELINE_PARAGRAPHS = 3
# A relative clause describes the trigger when at most this many words stand between
# them ("a mass brawl among migrant workers, which broke out in late May").
RELATIVE_GAP_WORDS = 4
# A subordinate clause has words of its own besides its conjunction and its date.
SUBORDINATE_MIN_WORDS = 2
# How many characters before a date (and of the date) are read for its "by", "до".
PREFIX_CHARS = 15
# How far before a deadline's date its obligation word may stand in the sentence.
DEADLINE_REACH_CHARS = 160


def precision(date: str | None) -> int:
    """0 for no date, 1 for a year, 2 for a month, 3 for a day."""
    return 0 if not date else date.count("-") + 1


def collapse(when: str | None) -> str | None:
    """A date or interval as one date, at the precision both ends of an interval share."""
    if not when:
        return None
    if "/" not in when:
        return when
    a, b = when.split("/", 1)
    shared: list[str] = []
    for x, y in zip(a.split("-"), b.split("-")):
        if x != y:
            break
        shared.append(x)
    return "-".join(shared) or None


def _next_day(date: str) -> str:
    if precision(date) != 3:
        return date
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def mention_date(
    text: str,
    lex: EventLexicon,
    dates: Sequence[DateMention],
    sentences: Sequence[Sentence],
    sentence_index: int,
    clause: tuple[int, int],
    trigger: tuple[int, int],
    skip: frozenset[int] = frozenset(),
    others: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The date of the happening a trigger reports, or None where the text gives no time.

    `skip` holds the start offsets of date mentions that are deadlines: the day a
    decree falls due is not the day it was signed. `others` are the other triggers of
    the clause: a date standing nearer one of them is that happening's date ("since the
    attack in March 2024, …, leading to raids" does not date the raids).
    """
    sentence = sentences[sentence_index]
    t_start, t_end = trigger
    in_sentence = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end and d.start not in skip]

    def gap(d: DateMention, span: tuple[int, int]) -> int:
        return max(0, d.start - span[1], span[0] - d.end)

    def nearest(found: Iterable[DateMention]) -> DateMention | None:
        return min(found, key=lambda d: gap(d, trigger), default=None)

    def own(d: DateMention) -> bool:
        if any(gap(d, o) < gap(d, trigger) for o in others):
            return False
        segment = _subordinate_segment(text, lex, clause, d)
        return segment is None or segment[0] <= t_start < segment[1]

    chosen = nearest(d for d in in_sentence if clause[0] <= d.start and d.end <= clause[1] and own(d))
    tail = text[t_end : clause[1]]
    if (
        chosen is None
        and len(tail.split()) <= RELATIVE_GAP_WORDS
        and not any(ch in tail for ch in ",;:()")
        and lex.relative.match(text[clause[1] : sentence.end].lstrip(" ,"))
    ):
        end = _clause_end(text, clause[1], sentence.end)
        chosen = nearest(d for d in in_sentence if clause[1] <= d.start and d.end <= end)
    if chosen is None:
        earlier = [d for d in in_sentence if d.end <= clause[0]]
        chosen = earlier[-1] if earlier else None
    if chosen is not None:
        start = chosen.when.split("/", 1)[0]
        if "/" in chosen.when and precision(start) == 3 and lex.since.match(chosen.text):
            # "since 5 February 2025": it began that day ("since 2012" opens a period of counts)
            return start
        return collapse(chosen.when)
    if sentence_index == 0:
        return None
    # The sentence before is read for a date first: without one, "then" dates nothing.
    before = sentences[sentence_index - 1]
    previous = [d for d in dates if before.start <= d.start and d.end <= before.end and d.start not in skip]
    if not previous:
        return None
    clause_text = text[clause[0] : clause[1]]
    next_day = lex.next_day.search(clause_text) is not None
    if next_day or lex.same_time.search(clause_text):
        date = collapse(previous[-1].when)
        return _next_day(date) if next_day and date else date
    return None


_CLAUSE_STOP = re.compile(r"[,;:]\s|\s[–—-]\s")


def _subordinate_segment(text: str, lex: EventLexicon, clause: tuple[int, int], date: DateMention) -> tuple[int, int] | None:
    """The comma-delimited part of the clause holding `date`, when it opens with "while", "хотя" …"""
    start = text.rfind(",", clause[0], date.start)
    start = clause[0] if start < 0 else start + 1
    if not lex.subordinate.match(text[start : date.start]):
        return None
    # "Since 5 February 2025, …" is a fronted date, not a clause: it dates the main clause.
    comma = text.find(",", date.end, clause[1])
    rest = text[start : date.start] + text[date.end : clause[1] if comma < 0 else comma]
    if len(rest.split()) <= SUBORDINATE_MIN_WORDS:
        return None
    return start, clause[1] if comma < 0 else comma


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where a relative clause opening at `start` ends: the next comma, semicolon or dash."""
    m = _CLAUSE_STOP.search(text, start + 2, limit)
    return m.start() if m else limit


def dateline(text: str, dates: Sequence[DateMention], sentences: Sequence[Sentence]) -> tuple[str, int] | None:
    """The date a news item is filed under, and the paragraph it stands in, or None.

    A dateline is a line near the head of the text holding only a date, perhaps after
    a place ("Moscow, 20 February 2025") and before a clock time ("6 июня 2014, 06:30").
    """
    starts = [d.start for d in dates]
    ordered = starts == sorted(starts)  # as the context keeps them: then a line's dates are found by bisection
    for sentence in sentences:
        if sentence.paragraph >= DATELINE_PARAGRAPHS:
            break
        if sentence.start != sentence.paragraph_start:
            continue
        line_end = text.find("\n", sentence.start)
        line_end = len(text) if line_end < 0 else line_end
        for d in dates[bisect_left(starts, sentence.start) :] if ordered else dates:
            if ordered and d.start > line_end:
                break  # the dates after it start later still
            if d.start < sentence.start or d.end > line_end:
                continue
            if _DATELINE_PLACE.match(text[sentence.start : d.start]) and _DATELINE_REST.match(text[d.end : line_end]):
                date = collapse(d.when)
                if date is not None:
                    return date, sentence.paragraph
    return None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date by which people must act: the date mention, and where its obligation begins."""

    date: DateMention
    due: str
    obligation_start: int  # where the quote of the deadline starts


def find_deadlines(
    text: str,
    lex: EventLexicon,
    dates: Sequence[DateMention],
    clause_of: Callable[[int], tuple[int, int]],
    sentence_of: Callable[[int], int],
    lowered: Lowered | None = None,
) -> list[Deadline]:
    """Dates introduced by "by", "until", "до" where the words before them in the sentence
    (or after them in the clause) say someone must act.

    `clause_of` and `sentence_of` give the clause of an offset and the start of its
    sentence; they are asked only about the dates "by", "до" introduce. "By 9 March
    685,000 had been added" is a stock, not a deadline: nothing says anyone must act.
    `lowered` is `text` lower-cased (event_lexicon.lower): where the prefixes' needle is
    not in it around a date, the prefix patterns are not tried there.
    """
    out: list[Deadline] = []
    for d in _near_prefixes(text, lex, dates, lowered):
        due = collapse(d.when)
        if due is None or "/" in d.when:
            continue
        lo = max(0, d.start - PREFIX_CHARS)
        if not (lex.deadline_prefix.search(d.text[:PREFIX_CHARS]) or lex.deadline_prefix.search(text[lo : d.start])):
            continue
        window_start = max(sentence_of(d.start), d.start - DEADLINE_REACH_CHARS)
        before = _last_match(lex, text, lowered, window_start, d.start)
        if before is not None:
            out.append(Deadline(date=d, due=due, obligation_start=before))
            continue
        c_start, c_end = clause_of(d.start)  # only an obligation after the date needs its clause
        if lex.obligation.search(text, d.end, c_end) is not None:
            out.append(Deadline(date=d, due=due, obligation_start=c_start))
    return out


def _near_prefixes(
    text: str, lex: EventLexicon, dates: Sequence[DateMention], lowered: Lowered | None
) -> Sequence[DateMention]:
    """The dates (in order) the prefix patterns may find a "by", "до" for: those with a run
    of the prefixes' needle in the stretches the patterns read, before the date and in
    its first characters, or all of them where that cannot be told.

    Found from the runs, of which a text has few, rather than date by date. A date's
    first characters are read in `lowered` only where they are the text's own there.
    """
    if lex.deadline_needle is None or lowered is None:
        return dates
    if not all(text.startswith(d.text[:PREFIX_CHARS], d.start) for d in dates):
        return dates
    starts = [d.start for d in dates]
    if starts != sorted(starts):  # the context keeps them by start; bisection needs that
        return dates
    near: set[int] = set()
    for run in lex.deadline_needle.starts(lowered):
        # A run starting at `run` lies in the stretches of the dates starting within PREFIX_CHARS of it.
        near.update(range(bisect_right(starts, run - PREFIX_CHARS), bisect_right(starts, run + PREFIX_CHARS)))
    return [dates[i] for i in sorted(near)]


def _last_match(lex: EventLexicon, text: str, lowered: Lowered | None, lo: int, hi: int) -> int | None:
    """Where the last of `lex.obligation.finditer(text, lo, hi)` starts (None: there is none).

    With an anchor, the pattern is tried only where the anchor admits it: `finditer` goes
    from match to match, trying the positions from each match's end on, and so does this.
    """
    anchor = lex.obligation_anchor
    if anchor is None or lowered is None:
        last = None
        for found in lex.obligation.finditer(text, lo, hi):
            last = found.start()
        return last
    last, free = None, lo
    for position in anchor.positions(lowered, lo, hi):
        if position < free:
            continue
        m = lex.obligation.match(text, position, hi)
        if m is not None:
            last, free = position, m.end()
    return last
