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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vigil.extract.dates import DateMention
from vigil.extract.event_lexicon import EventLexicon
from vigil.extract.sentences import Sentence

__all__ = ["Deadline", "collapse", "dateline", "find_deadlines", "mention_date", "precision"]

# A dateline is a date alone on the first line, perhaps with a clock time after it.
_DATELINE_REST = re.compile(r"^[\s,.\-–—|]*(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|MSK|UTC|GMT))?)?[\s,.\-–—|]*$", re.IGNORECASE)
# How far before the first date of a deadline its obligation word may stand in the clause.
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
) -> str | None:
    """The date of the happening a trigger reports, or None where the text gives no time.

    `skip` holds the start offsets of date mentions that are deadlines: the day a
    decree falls due is not the day it was signed.
    """
    sentence = sentences[sentence_index]
    t_start, t_end = trigger
    in_sentence = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end and d.start not in skip]

    def nearest(found: Iterable[DateMention]) -> DateMention | None:
        return min(found, key=lambda d: min(abs(d.start - t_end), abs(t_start - d.end)), default=None)

    chosen = nearest(d for d in in_sentence if clause[0] <= d.start and d.end <= clause[1])
    if chosen is None and not text[t_end : clause[1]].strip(" ,") and lex.relative.match(text[clause[1] : sentence.end].lstrip(" ,")):
        end = _clause_end(text, clause[1], sentence.end)
        chosen = nearest(d for d in in_sentence if clause[1] <= d.start and d.end <= end)
    if chosen is None:
        earlier = [d for d in in_sentence if d.end <= clause[0]]
        chosen = earlier[-1] if earlier else None
    if chosen is not None:
        return collapse(chosen.when)
    clause_text = text[clause[0] : clause[1]]
    next_day = lex.next_day.search(clause_text) is not None
    if (next_day or lex.same_time.search(clause_text)) and sentence_index > 0:
        before = sentences[sentence_index - 1]
        previous = [d for d in dates if before.start <= d.start and d.end <= before.end and d.start not in skip]
        if previous:
            date = collapse(previous[-1].when)
            return _next_day(date) if next_day and date else date
    return None


_CLAUSE_STOP = re.compile(r"[,;:]\s|\s[–—-]\s")


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where a relative clause opening at `start` ends: the next comma, semicolon or dash."""
    m = _CLAUSE_STOP.search(text, start + 2, limit)
    return m.start() if m else limit


def dateline(text: str, dates: Sequence[DateMention]) -> str | None:
    """The date a news item is filed under: a date alone on its first line, else None."""
    if not dates:
        return None
    first = dates[0]
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    if first.end > line_end or text[:first.start].strip():
        return None
    if not _DATELINE_REST.match(text[first.end : line_end]):
        return None
    return collapse(first.when)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date by which people must act: the date mention, and where its obligation begins."""

    date: DateMention
    due: str
    obligation_start: int  # where the quote of the deadline starts


def find_deadlines(
    text: str, lex: EventLexicon, dates: Sequence[DateMention], clause_of: dict[int, tuple[int, int]]
) -> list[Deadline]:
    """Dates introduced by "by", "until", "до" in a clause that says someone must act.

    `clause_of` maps a date mention's start to the clause holding it. "By 9 March
    685,000 had been added" is a stock, not a deadline: its clause has no obligation.
    """
    out: list[Deadline] = []
    for d in dates:
        due = collapse(d.when)
        if due is None or "/" in d.when:
            continue
        lead = text[max(0, d.start - 15) : d.start]
        if not (lex.deadline_prefix.search(d.text[:15]) or lex.deadline_prefix.search(lead)):
            continue
        c_start, c_end = clause_of[d.start]
        window_start = max(c_start, d.start - DEADLINE_REACH_CHARS)
        before = [m for m in lex.obligation.finditer(text, window_start, d.start)]
        after = lex.obligation.search(text, d.end, c_end)
        if not before and after is None:
            continue
        out.append(Deadline(date=d, due=due, obligation_start=before[0].start() if before else c_start))
    return out
