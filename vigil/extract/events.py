"""From trigger words to events: one event per distinct happening, dated, placed, quoted.

The steps, each a function below:
  1. every trigger of the language's lexicon (event_lexicon.py) is found in one regex
     pass over the text; triggers hedged by "may", "could", "if", "не" are dropped;
  2. in each clause one trigger per event type is kept (the first-listed subtype wins),
     and a type that another one in the clause stands for is dropped: a court sentencing
     someone "to deprivation of nationality" is a citizenship event, a decree "requiring
     citizens to obtain citizenship" is a law (`ABSORBS`);
  3. each mention gets a date (event_dates.py), a place (scene.choose_place) and a source;
  4. mentions of one happening are merged (`_merge`): the same type and subtype, dates
     that agree, places that agree; an undated mention joins a dated one nearby (a
     headline and its body, "this attack"), else the other undated mentions, so a
     general practice stays apart from its dated instances;
  5. each happening becomes one event quoted at its most specific mention;
  6. dates introduced by "by", "до" in a clause with an obligation are deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vigil.extract.event_dates import Deadline, dateline, find_deadlines, mention_date, precision
from vigil.extract.event_lexicon import EventLexicon, Trigger, event_lexicon
from vigil.extract.figures import Context, _choose_source
from vigil.extract.scene import choose_place
from vigil.extract.sentences import clause_bounds
from vigil.model import Event, EventType, make_event

__all__ = ["ABSORBS", "extract_events"]

# In one clause, the type on the left stands for the types on the right: what a law
# provides for is not a happening of its own; a sentence "to deprivation of
# nationality" is the revocation; a returned fighter's sentencing is the court event,
# not a recruitment; people "apprehended during raids" and then summoned are recruited.
ABSORBS: dict[EventType, frozenset[EventType]] = {
    EventType.LAW: frozenset(
        {EventType.CITIZENSHIP, EventType.REGISTRY, EventType.RESTRICTION, EventType.DEPORTATION, EventType.RECRUITMENT}
    ),
    EventType.CITIZENSHIP: frozenset({EventType.COURT}),
    EventType.COURT: frozenset({EventType.RECRUITMENT}),
    EventType.RECRUITMENT: frozenset({EventType.RAID, EventType.DEPORTATION}),
}
# How many words before a trigger are read for a hedge ("could be", "если бы").
HEDGE_CHARS = 60
# An undated mention joins a dated mention of the same happening at most this many
# paragraphs away: a headline and the lead under it, "this attack" after "the March
# attack". Farther apart, an undated mention is more often the general practice.
NEAR_PARAGRAPHS = 1
# A quote shorter than this is widened from the clause to the sentence.
MIN_QUOTE_CHARS = 30
# Words of a summary besides the trigger: enough to name the object, no more.
SUMMARY_WORDS_AFTER = 5
SUMMARY_WORDS_BEFORE = 3
# A routine count is not an event when the text dates it to a whole year or longer.
ROUTINE_MIN_PRECISION = 2

_WORD = re.compile(r"[^\s]+")
_EDGE_PUNCT = " \t\n,.;:!?“”\"«»()[]'’–—-"


@dataclass(frozen=True, slots=True)
class _Mention:
    trigger: Trigger
    start: int
    end: int
    sentence: int
    paragraph: int
    clause: tuple[int, int]
    date: str | None
    country: str | None
    place: str | None


@dataclass(slots=True)
class _Happening:
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        return max((m.date for m in self.mentions), key=precision, default=None)

    @property
    def place(self) -> str | None:
        return next((m.place for m in self.mentions if m.place), None)

    def best(self) -> _Mention:
        """The most specific mention: the finest date, a place named, not the headline."""
        return max(self.mentions, key=lambda m: (precision(m.date), m.place is not None, m.paragraph > 0, -m.start))


def extract_events(ctx: Context, document: str) -> list[Event]:
    """Every event the analysed text reports, in document order, each with its quote."""
    text = ctx.text
    if not ctx.sentences:
        return []
    lex = event_lexicon(ctx.language)
    # ё is read as е: the same length, so offsets stay those of the text.
    folded = text.replace("ё", "е").replace("Ё", "Е")
    clause_of_date = {d.start: _clause_at(ctx, d.start) for d in ctx.dates}
    deadlines = _unique_deadlines(find_deadlines(folded, lex, ctx.dates, clause_of_date))
    skip = frozenset(d.date.start for d in deadlines)
    mentions = [m for m in _mentions(ctx, folded, lex, skip) if m is not None]
    filed = dateline(text, ctx.dates)
    filed = filed[:7] if filed else None  # a filing date bounds the happening to its month, not its day
    events: list[Event] = []
    for happening in _merge(mentions):
        best = happening.best()
        date = happening.date or filed
        events.append(_event(ctx, document, lex, best, date, happening.place))
    for deadline in deadlines:
        events.append(_deadline_event(ctx, document, deadline))
    events.sort(key=lambda e: (e.span.start, e.span.end))
    return events


def _clause_at(ctx: Context, position: int) -> tuple[int, int]:
    sentence = ctx.sentences[ctx.sentence_at(position)]
    if not (sentence.start <= position < sentence.end):
        return (position, position)
    return clause_bounds(ctx.text, sentence, position)


def _mentions(ctx: Context, folded: str, lex: EventLexicon, skip: frozenset[int]) -> list[_Mention | None]:
    """One mention per clause and event type, the hedged and the absorbed left out."""
    by_clause: dict[tuple[int, int], dict[EventType, tuple[int, int, Trigger]]] = {}
    for trigger in lex.triggers:
        for m in trigger.pattern.finditer(folded):
            index = ctx.sentence_at(m.start())
            sentence = ctx.sentences[index]
            if not (sentence.start <= m.start() < sentence.end):
                continue
            clause = clause_bounds(ctx.text, sentence, m.start())
            if lex.hedge.search(folded, max(clause[0], m.start() - HEDGE_CHARS), m.start()):
                continue
            kept = by_clause.setdefault(clause, {})
            held = kept.get(trigger.event_type)
            if held is None or trigger.rank < held[2].rank:
                kept[trigger.event_type] = (m.start(), min(m.end(), sentence.end), trigger)
    out: list[_Mention | None] = []
    for clause, kept in by_clause.items():
        for event_type, (start, end, trigger) in kept.items():
            if any(event_type in ABSORBS.get(other, frozenset()) for other in kept if other is not event_type):
                continue
            out.append(_mention(ctx, lex, clause, start, end, trigger, skip))
    out.sort(key=lambda m: m.start if m else -1)
    return out


def _mention(
    ctx: Context, lex: EventLexicon, clause: tuple[int, int], start: int, end: int, trigger: Trigger, skip: frozenset[int]
) -> _Mention | None:
    index = ctx.sentence_at(start)
    sentence = ctx.sentences[index]
    date = mention_date(ctx.text, lex, ctx.dates, ctx.sentences, index, clause, (start, end), skip)
    if trigger.routine and (date is None or precision(date) < ROUTINE_MIN_PRECISION) and _dated_to_period(ctx, clause):
        return None
    country, place = choose_place(
        ctx.text, ctx.language, ctx.places, ctx.acting, ctx.main_country,
        number=(start, end), clause=clause, sentence=(sentence.start, sentence.end),
    )
    return _Mention(trigger, start, end, index, sentence.paragraph, clause, date, country, place)


def _dated_to_period(ctx: Context, clause: tuple[int, int]) -> bool:
    """Whether the clause names a year or a longer period: a routine count over it is a figure."""
    for d in ctx.dates:
        if clause[0] <= d.start and d.end <= clause[1]:
            if "/" in d.when or precision(d.when) == 1:
                return True
    return False


def _dates_agree(a: str, b: str) -> bool:
    """Two dates of one happening: equal, or a month and a day in it ("In February", "5 February").

    A year and a month in it are not enough: a report's "in 2023" and "in May 2023" are
    as often two sweeps as one.
    """
    if a == b:
        return True
    if min(precision(a), precision(b)) < 2:
        return False
    short, long = sorted((a, b), key=len)
    return long.startswith(short)


def _near(happening: _Happening, mention: _Mention, paragraphs: int) -> bool:
    return any(abs(m.paragraph - mention.paragraph) <= paragraphs for m in happening.mentions)


def _places_agree(happening: _Happening, mention: _Mention) -> bool:
    """The same place, or a place named beside a general statement in the same paragraph."""
    place = happening.place
    if place == mention.place:
        return True
    if place is not None and mention.place is not None:
        return False
    return _near(happening, mention, 0)


def _merge(mentions: Sequence[_Mention]) -> list[_Happening]:
    """Mentions of one happening together: dated ones by date, then undated ones."""
    happenings: list[_Happening] = []
    keyed: dict[tuple[EventType, str], list[_Happening]] = {}
    for m in mentions:
        if m.date is None:
            continue
        group = keyed.setdefault((m.trigger.event_type, m.trigger.subtype), [])
        found = next(
            (h for h in group if h.date is not None and _dates_agree(h.date, m.date) and _places_agree(h, m)), None
        )
        if found is None:
            found = _Happening()
            group.append(found)
            happenings.append(found)
        found.mentions.append(m)
    for m in mentions:
        if m.date is not None:
            continue
        group = keyed.setdefault((m.trigger.event_type, m.trigger.subtype), [])
        near = [h for h in group if h.date is not None and _near(h, m, NEAR_PARAGRAPHS) and _places_agree(h, m)]
        found = min(near, key=lambda h: min(abs(x.paragraph - m.paragraph) for x in h.mentions), default=None)
        if found is None:
            found = next((h for h in group if h.date is None and _places_agree(h, m)), None)
        if found is None:
            found = _Happening()
            group.append(found)
            happenings.append(found)
        found.mentions.append(m)
    return happenings


def _quote_bounds(ctx: Context, mention: _Mention) -> tuple[int, int]:
    start, end = mention.clause
    if end - start < MIN_QUOTE_CHARS:
        sentence = ctx.sentences[mention.sentence]
        start, end = sentence.start, sentence.end
    return min(start, mention.start), max(end, mention.end)


def _summary(text: str, mention: _Mention) -> str:
    """A few words of the quote: the trigger and the object it names."""
    c_start, c_end = mention.clause
    if mention.trigger.summary_before:
        words = list(_WORD.finditer(text, c_start, mention.start))[-SUMMARY_WORDS_BEFORE:]
        start = words[0].start() if words else mention.start
        end = mention.end
    else:
        start = mention.start
        words = list(_WORD.finditer(text, mention.end, c_end))[:SUMMARY_WORDS_AFTER]
        end = words[-1].end() if words else mention.end
        for w in words:  # stop at the end of a phrase
            if w.group(0)[-1] in ",;:.!?)»”":
                end = w.end()
                break
    return " ".join(text[start:end].split()).strip(_EDGE_PUNCT)


def _actors(ctx: Context, lex: EventLexicon, mention: _Mention) -> tuple[str, ...]:
    """The bodies the clause (else the sentence) names as doing it, in order of mention."""
    sentence = ctx.sentences[mention.sentence]
    for lo, hi in (mention.clause, (sentence.start, sentence.end)):
        found: list[tuple[int, str]] = []
        for name, pattern in lex.actors:
            m = pattern.search(ctx.text, lo, hi)
            if m:
                found.append((m.start(), name))
        if found:
            return tuple(name for _, name in sorted(found))
    return ()


def _event(
    ctx: Context, document: str, lex: EventLexicon, mention: _Mention, date: str | None, place: str | None
) -> Event:
    start, end = _quote_bounds(ctx, mention)
    return make_event(
        ctx.text, document, start, end,
        event_type=mention.trigger.event_type,
        subtype=mention.trigger.subtype,
        date=date,
        country=mention.country,
        place=mention.place or place,
        actors=_actors(ctx, lex, mention),
        summary=_summary(ctx.text, mention),
        attributed_to=_choose_source(ctx, mention.sentence),
    )


def _unique_deadlines(deadlines: list[Deadline]) -> list[Deadline]:
    """One deadline a day: the same due date said twice is one deadline."""
    seen: set[str] = set()
    out = []
    for d in deadlines:
        if d.due not in seen:
            seen.add(d.due)
            out.append(d)
    return out


def _deadline_event(ctx: Context, document: str, deadline: Deadline) -> Event:
    """A deadline is dated to the day it falls due (the codebook's and the gold's choice)."""
    d = deadline.date
    c_start, c_end = _clause_at(ctx, d.start)
    start = min(deadline.obligation_start, d.start)
    end = max(d.end, c_end)
    index = ctx.sentence_at(d.start)
    sentence = ctx.sentences[index]
    country, place = choose_place(
        ctx.text, ctx.language, ctx.places, ctx.acting, ctx.main_country,
        number=(d.start, d.end), clause=(c_start, c_end), sentence=(sentence.start, sentence.end),
    )
    summary = " ".join(ctx.text[start : d.end].split()).strip(_EDGE_PUNCT)
    return make_event(
        ctx.text, document, start, end,
        event_type=EventType.DEADLINE,
        subtype="deadline",
        date=deadline.due,
        country=country,
        place=place,
        summary=summary,
        attributed_to=_choose_source(ctx, index),
        due=deadline.due,
    )
