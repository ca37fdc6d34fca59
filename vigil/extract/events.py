"""From trigger words to events: one event per distinct happening, dated, placed, quoted.

The steps, each a function below:
  1. every trigger of the language's lexicon (event_lexicon.py) is found in one regex
     pass over the lower-cased text, for the places where one may start, and the
     triggers tried there; triggers hedged by "may", "could", "if", "не" are dropped;
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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import islice
from dataclasses import dataclass, field
from functools import lru_cache

from vigil.extract.dates import DateMention
from vigil.extract.event_dates import Deadline, dateline, find_deadlines, mention_date, precision
from vigil.extract.event_lexicon import (
    ANCHOR_CHARS, Anchor, EventLexicon, Lowered, Needle, Reach, Trigger, event_lexicon, lower,
)
from vigil.extract.figures import Context, choose_source
from vigil.extract.scene import choose_place
from vigil.extract.sentences import clause_bounds
from vigil.model import Event, EventType, make_event

__all__ = ["ABSORBS", "extract_events"]

# In one clause, the type on the left stands for the types on the right: what a law
# provides for is not a happening of its own; a sentence "to deprivation of
# nationality" is the revocation; a returned fighter's sentencing is the court event,
# not a recruitment; people "apprehended during raids" and then summoned are recruited;
# a man who "agreed to go to war to obtain citizenship" enlisted (the promise is not an act).
ABSORBS: dict[EventType, frozenset[EventType]] = {
    EventType.LAW: frozenset(
        {EventType.CITIZENSHIP, EventType.REGISTRY, EventType.RESTRICTION, EventType.DEPORTATION, EventType.RECRUITMENT}
    ),
    EventType.CITIZENSHIP: frozenset({EventType.COURT}),
    EventType.COURT: frozenset({EventType.RECRUITMENT}),
    EventType.RECRUITMENT: frozenset({EventType.RAID, EventType.DEPORTATION, EventType.CITIZENSHIP}),
}
# Conditions listed in one clause ("beatings, overcrowding, no medical care") are one
# report; other types may report two acts in a clause ("passed on 31 July and signed on 8 August").
ONE_PER_CLAUSE = frozenset({EventType.DETENTION})
# How many words before a trigger are read for a hedge ("could be", "если бы").
HEDGE_CHARS = 60
# An undated mention joins a dated mention of the same happening at most this many
# paragraphs away: a headline and the lead under it, "this attack" after "the March
# attack". Farther apart, an undated mention is more often the general practice.
NEAR_PARAGRAPHS = 1
# Under a dateline, the headline and this many paragraphs after the dateline are the
# lead: what the item reports as news, dated by the dateline when it says no more.
LEAD_PARAGRAPHS = 2
# Where at most this many triggers can start with a position's character, their reaches
# are checked before the joint pattern is tried there: cheaper than it, unlike many reaches.
FEW_TRIGGERS = 2
# A quote shorter than this is widened from the clause to the sentence.
MIN_QUOTE_CHARS = 30
# Words of a summary besides the trigger: enough to name the object, no more.
SUMMARY_WORDS_AFTER = 5
SUMMARY_WORDS_BEFORE = 3
# A deadline's summary: what must be done by when, its last words up to the date.
DEADLINE_SUMMARY_WORDS = 8
# A routine count is not an event when the text dates it to a whole year or longer.
ROUTINE_MIN_PRECISION = 2
# A clause naming this many years is a breakdown by year ("31 in 2012, 21 in 2014, 208 in
# 2015"): statistics of a happening reported elsewhere, figures rather than events.
BREAKDOWN_YEARS = 3

_WORD = re.compile(r"[^\s]+")
_EDGE_PUNCT = " \t\n,.;:!?“”\"«»()[]'’–—-"


class _View:
    """The dates and places of one text, found by offset with bisect rather than by scanning."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.date_starts = [d.start for d in ctx.dates]
        self.place_starts = [p.start for p in ctx.places]

    def dates(self, lo: int, hi: int) -> list[DateMention]:
        """The date mentions lying inside `[lo, hi)`."""
        i, j = bisect_left(self.date_starts, lo), bisect_left(self.date_starts, hi)
        return [d for d in self.ctx.dates[i:j] if d.end <= hi]

    def place(self, start: int, end: int, clause: tuple[int, int], sentence: tuple[int, int]) -> tuple[str | None, str | None]:
        """`scene.choose_place` within the sentence, else the document's main country.

        A figure may take its country from the lines before it; an event reported
        after a list of the migrants' home countries would take one of them ("the
        attack on Crocus City Hall" after "from Tajikistan, Moldova"), so it does not.
        """
        lo = sentence[0]
        i, j = bisect_left(self.place_starts, lo), bisect_right(self.place_starts, sentence[1])
        ctx = self.ctx
        return choose_place(
            ctx.text, ctx.language, ctx.places[i:j], ctx.acting[i:j], ctx.main_country,
            number=(start, end), clause=clause, sentence=sentence,
        )


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
    scope: str | None  # the place, or NATIONWIDE, or None where the text names neither


NATIONWIDE = "*nationwide"


@dataclass(slots=True)
class _Happening:
    """Mentions of one happening, with the finest date and the first place they give."""

    mentions: list[_Mention] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    scope: str | None = None

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        if precision(mention.date) > precision(self.date):
            self.date = mention.date
        self.place = self.place or mention.place
        self.scope = self.scope or mention.scope

    def best(self) -> _Mention:
        """The most specific mention: the finest date, a place named, not the headline."""
        return max(self.mentions, key=lambda m: (precision(m.date), m.paragraph > 0, m.place is not None, -m.start))


def extract_events(ctx: Context, document: str) -> list[Event]:
    """Every event the analysed text reports, in document order, each with its quote."""
    text = ctx.text
    if not ctx.sentences:
        return []
    lex = event_lexicon(ctx.language)
    # ё is read as е: the same length, so offsets stay those of the text.
    folded = text.replace("ё", "е").replace("Ё", "Е")
    lowered = lower(text)  # for the anchors and needles (event_lexicon.py)
    # `folded` lower-cased: "Ё" and "ё" lower-case to "ё", which is read as "е" too.
    lowered_folded = lowered if lowered is None or folded is text else Lowered(lowered.text.replace("ё", "е"), lowered.rare)
    # A date's clause is asked for only where "by", "до" opens the date: a few dates a text.
    deadlines = _unique_deadlines(
        find_deadlines(
            folded, lex, ctx.dates,
            clause_of=lambda position: _clause_at(ctx, position),
            sentence_of=lambda position: ctx.sentences[ctx.sentence_at(position)].start,
            lowered=lowered_folded,
        )
    )
    skip = frozenset(d.date.start for d in deadlines)
    view = _View(ctx)
    mentions = [m for m in _mentions(view, folded, lowered_folded, lowered, lex, skip) if m is not None]
    filed = dateline(text, ctx.dates, ctx.sentences)
    actors = _Actors(text, lowered, ctx.language)
    events: list[Event] = []
    for happening in _merge(mentions):
        best = happening.best()
        date = happening.date
        if date is None and filed is not None and any(m.paragraph <= filed[1] + LEAD_PARAGRAPHS for m in happening.mentions):
            date = filed[0][:7]  # a filing date bounds what the lead reports to its month, not its day
        events.append(_event(ctx, document, lex, best, date, happening.place, actors))
    for deadline in deadlines:
        events.append(_deadline_event(view, document, deadline))
    events.sort(key=lambda e: (e.span.start, e.span.end))
    return events


def _clause_at(ctx: Context, position: int) -> tuple[int, int]:
    sentence = ctx.sentences[ctx.sentence_at(position)]
    if not (sentence.start <= position < sentence.end):
        return (position, position)
    return clause_bounds(ctx.text, sentence, position)


def _trigger_matches(folded: str, lowered: Lowered | None, lex: EventLexicon) -> list[tuple[re.Match[str], Trigger]]:
    """Every trigger match: the joint pattern finds where triggers start, and only there is
    each trigger tried (a fifth of the time of one pass per trigger).

    The joint pattern is case-insensitive, so a scan with it enters it at every position;
    the anchor (event_lexicon.Anchor) finds, in the lower-cased text, the few positions
    where a trigger may start, a superset of those where one does, and the joint pattern is
    matched only there: the same positions, in the same order, as its scan would find.
    Where only a few triggers can start (a number starts only the counts "87 have been
    deported"), their reaches (event_lexicon.Reach) rule out most positions faster still;
    the counts are looked for at all only before their needles (`_positions`).
    `lowered` is `folded` lower-cased (None where that would move offsets: no anchor then).
    """
    if lex.trigger_anchor is None or lowered is None:
        return _scanned_matches(folded, lex)
    found: list[tuple[re.Match[str], Trigger]] = []
    scan = lex.trigger_set.scan
    # Per character, the reaches of the few triggers that can start with it, with where their
    # needles' runs start (None: many triggers, or one without a reach): found when first asked.
    plans: dict[str, tuple[tuple[Reach, list[int]], ...] | None] = {}
    needles: dict[int, list[int]] = {}  # per trigger
    for position in _positions(lex, lex.trigger_anchor, lowered, needles):
        ch = folded[position]
        plan = plans[ch] if ch in plans else plans.setdefault(ch, _plan(lex, lowered, ch, needles))
        if plan is not None and not _in_reach(plan, lowered.text, position):
            continue
        if scan.match(folded, position) is not None:
            found.extend(_matches_at(lex, folded, lowered, position))
    return found


def _positions(lex: EventLexicon, joint: Anchor, lowered: Lowered, needles: dict[int, list[int]]) -> Iterable[int]:
    """In order, the positions of `joint.positions(lowered)` where a trigger may match: those
    of the other triggers' anchor, and those of the counts' anchor before their needles.

    A position of the joint anchor left out is one where only a count's prefix matches, so
    only a count may start there, and a count starts only where its reach admits it: within
    a window before one of its needle's runs (`_count_windows`). The positions kept are
    the joint anchor's own (each of the two anchors holds a part of its prefixes), and
    they are tried as before. Numbers are most of the joint anchor's positions, and few
    stand before "have been deported": most are never reached. `needles` gets the
    counts' needle runs, as `_plan` keeps them.
    """
    split = lex.counts
    if split is None:
        return joint.positions(lowered)
    counted: set[int] = set()
    for i in split.counts:
        reach = lex.trigger_reach(i)
        assert reach is not None  # a count has a reach (event_lexicon.count_anchors)
        if i not in needles:
            needles[i] = reach.needle.starts(lowered)
        for lo, hi in _count_windows(lowered.text, needles[i], reach.spaces):
            counted.update(split.counted.positions(lowered, lo, hi))
    if not counted:
        return split.others.positions(lowered)
    return sorted(counted.union(split.others.positions(lowered)))


def _count_windows(text: str, starts: list[int], spaces: int) -> list[tuple[int, int]]:
    """Where a match reading at most `spaces` spaces (" ") before a run at `starts` may start,
    as the bounds (`lo`, `hi`) to give `Anchor.positions`: from just after the (`spaces`+1)th
    space before the run to the run, and on as far as an anchor reads (ANCHOR_CHARS), so
    that a prefix starting at the run is read whole. Overlapping windows are joined.

    `Reach.admits(…, position)` holds where the first run from `position` on has at most
    `spaces` spaces between: `position` lies in the window of that run."""
    windows: list[tuple[int, int]] = []
    rfind, end = text.rfind, len(text)
    for start in starts:
        hi = min(start + ANCHOR_CHARS + 1, end)
        # The window reaches back to the last one's end where at most `spaces` spaces lie
        # between: one count rather than a step back over each space.
        if windows and text.count(" ", windows[-1][1], start) <= spaces:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            continue
        lo = start
        for _ in range(spaces + 1):
            lo = rfind(" ", 0, lo)
            if lo < 0:
                break
        windows.append((lo + 1, hi))  # just after that space, or 0 where there are fewer spaces before the run
    return windows


def _scanned_matches(folded: str, lex: EventLexicon) -> list[tuple[re.Match[str], Trigger]]:
    """Every trigger match, the joint pattern scanning the whole text (where there is no anchor)."""
    found: list[tuple[re.Match[str], Trigger]] = []
    triggers, end, pos = lex.trigger_set, len(folded), 0
    while (hit := triggers.scan.search(folded, pos)) is not None:
        found.extend((m, lex.triggers[i]) for i, m in triggers.matches_at(folded, hit.start(), end))
        pos = hit.start() + 1
    return found


def _matches_at(lex: EventLexicon, folded: str, lowered: Lowered, position: int) -> list[tuple[re.Match[str], Trigger]]:
    """`lex.trigger_set.matches_at(folded, position, len(folded))`, with their triggers: a
    trigger is tried only if its own anchor admits the place."""
    heads, text = lex.trigger_heads, lowered.text

    def admit(i: int) -> bool:
        head = heads[i]
        return head is None or head.head.get(lowered).match(text, position) is not None

    return [(m, lex.triggers[i]) for i, m in lex.trigger_set.matches_at(folded, position, len(folded), admit)]


def _in_reach(plan: tuple[tuple[Reach, list[int]], ...], lowered: str, position: int) -> bool:
    """Whether one of the triggers of `plan` (those that can start at `position`) holds its needle within its reach."""
    for reach, starts in plan:
        if reach.admits(lowered, starts, position):
            return True
    return False


def _plan(
    lex: EventLexicon, lowered: Lowered, ch: str, needles: dict[int, list[int]]
) -> tuple[tuple[Reach, list[int]], ...] | None:
    """The reaches of the triggers that can start with `ch` and where their needles' runs
    start in the text (kept in `needles` by trigger), if those triggers are few and all
    have a reach."""
    few = lex.trigger_set.at(ch)
    if len(few) > FEW_TRIGGERS:
        return None
    plan = []
    for i in few:
        reach = lex.trigger_reach(i)
        if reach is None:
            return None
        if i not in needles:
            needles[i] = reach.needle.starts(lowered)
        plan.append((reach, needles[i]))
    return tuple(plan)


def _mentions(
    view: _View, folded: str, lowered: Lowered | None, text_lowered: Lowered | None, lex: EventLexicon, skip: frozenset[int]
) -> list[_Mention | None]:
    """One mention per clause and event type, the hedged and the absorbed left out.

    `lowered` is `folded` lower-cased, `text_lowered` the text (event_lexicon.lower)."""
    ctx = view.ctx
    by_clause: dict[tuple[int, int], dict[tuple[EventType, str], tuple[int, int, Trigger]]] = {}
    for m, trigger in _trigger_matches(folded, lowered, lex):
        index = ctx.sentence_at(m.start())
        sentence = ctx.sentences[index]
        if not (sentence.start <= m.start() < sentence.end):
            continue
        clause = clause_bounds(ctx.text, sentence, m.start())
        if lex.hedge.search(folded, max(clause[0], m.start() - HEDGE_CHARS), m.start()):
            continue
        kept = by_clause.setdefault(clause, {})
        key = (trigger.event_type, "" if trigger.event_type in ONE_PER_CLAUSE else trigger.subtype)
        held = kept.get(key)
        if held is None or trigger.rank < held[2].rank:
            kept[key] = (m.start(), min(m.end(), sentence.end), trigger)
    out: list[_Mention | None] = []
    on_topic: dict[int, bool] = {}
    for clause, kept in by_clause.items():
        types = {t for t, _ in kept}
        chosen = [
            (start, end, trigger)
            for (event_type, _), (start, end, trigger) in kept.items()
            if not any(event_type in ABSORBS.get(other, frozenset()) for other in types if other is not event_type)
        ]
        if _breakdown(view, clause):
            continue
        for start, end, trigger in chosen:
            if trigger.event_type in lex.context_types and not _about_migration(ctx, folded, lowered, lex, start, on_topic):
                continue
            others = [(s, e) for s, e, t in chosen if s != start]
            out.append(_mention(view, lex, text_lowered, clause, start, end, trigger, skip, others))
    out.sort(key=lambda m: m.start if m else -1)
    return out


def _about_migration(
    ctx: Context, folded: str, lowered: Lowered | None, lex: EventLexicon, position: int, cache: dict[int, bool]
) -> bool:
    """Whether the paragraph holding `position` speaks of migration (checked once a paragraph)."""
    sentence = ctx.sentences[ctx.sentence_at(position)]
    if sentence.paragraph not in cache:
        lo, hi = sentence.paragraph_start, sentence.paragraph_end
        if lex.context_anchor is not None and lowered is not None:
            cache[sentence.paragraph] = lex.context_anchor.search(lex.context, folded, lowered, lo, hi)
        else:
            cache[sentence.paragraph] = lex.context.search(folded, lo, hi) is not None
    return cache[sentence.paragraph]


def _breakdown(view: _View, clause: tuple[int, int]) -> bool:
    years = {d.when for d in view.dates(*clause) if precision(d.when) == 1}
    return len(years) >= BREAKDOWN_YEARS


def _mention(
    view: _View,
    lex: EventLexicon,
    lowered: Lowered | None,
    clause: tuple[int, int],
    start: int,
    end: int,
    trigger: Trigger,
    skip: frozenset[int],
    others: Sequence[tuple[int, int]],
) -> _Mention | None:
    ctx = view.ctx
    index = ctx.sentence_at(start)
    sentence = ctx.sentences[index]
    reach = ctx.sentences[index - 1].start if index else sentence.start  # "then" reads the sentence before
    dates = view.dates(reach, sentence.end)
    date = mention_date(ctx.text, lex, dates, ctx.sentences, index, clause, (start, end), skip, others)
    if trigger.routine and (date is None or precision(date) < ROUTINE_MIN_PRECISION) and _dated_to_period(view, clause):
        return None
    country, place = view.place(start, end, clause, (sentence.start, sentence.end))
    scope = place or (NATIONWIDE if _nationwide(ctx.text, lowered, lex, clause) else None)
    return _Mention(trigger, start, end, index, sentence.paragraph, clause, date, country, place, scope)


def _nationwide(text: str, lowered: Lowered | None, lex: EventLexicon, clause: tuple[int, int]) -> bool:
    """Whether `lex.nationwide` finds a match in the clause: tried only where its anchor admits one."""
    if lex.nationwide_anchor is None or lowered is None:
        return lex.nationwide.search(text, clause[0], clause[1]) is not None
    return lex.nationwide_anchor.search(lex.nationwide, text, lowered, clause[0], clause[1])


def _dated_to_period(view: _View, clause: tuple[int, int]) -> bool:
    """Whether the clause names a year or a longer period: a routine count over it is a figure."""
    return any("/" in d.when or precision(d.when) == 1 for d in view.dates(*clause))


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
    """Within `paragraphs` of a mention of the happening; a headline reaches the whole text."""
    if mention.paragraph == 0 or any(m.paragraph == 0 for m in happening.mentions):
        return True
    return any(abs(m.paragraph - mention.paragraph) <= paragraphs for m in happening.mentions)


def _places_agree(happening: _Happening, mention: _Mention) -> bool:
    """No two different places (a nationwide count and a regional one are two happenings)."""
    scope = happening.scope
    return scope is None or mention.scope is None or scope == mention.scope


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
        found.add(m)
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
        found.add(m)
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
        words = list(islice(_WORD.finditer(text, mention.end, c_end), SUMMARY_WORDS_AFTER))
        end = words[-1].end() if words else mention.end
        for w in words:  # stop at the end of a phrase
            if w.group(0)[-1] in ",;:.!?)»”":
                end = w.end()
                break
    return " ".join(text[start:end].split()).strip(_EDGE_PUNCT)


@dataclass(frozen=True, slots=True)
class _Actor:
    """An actor of the lexicon, with what each of its matches holds."""

    name: str
    pattern: re.Pattern[str]
    needle: Needle | None
    literals: tuple[str, ...] | None  # the needle's runs as strings, for a text without rare letters


class _Actors:
    """The actors of the lexicon, searched for clause by clause.

    An actor is searched for (case-insensitively, slow) only where the lower-cased text
    holds its needle (event_lexicon.Needle), without which it has no match: a sentence
    names few of the lexicon's actors, mostly none.
    """

    def __init__(self, text: str, lowered: Lowered | None, language: str) -> None:
        self.text = text
        self.lowered = lowered
        self.actors = list(_actor_table(language, plain=lowered is not None and not lowered.rare))
        # Per sentence, the actors it may name: the mentions of a sentence share them.
        self._in_sentence: dict[tuple[int, int], list[_Actor]] = {}

    def in_sentence(self, lo: int, hi: int) -> list[_Actor]:
        """`within(self.actors, lo, hi)` for the sentence `[lo, hi)`, found once a sentence."""
        found = self._in_sentence.get((lo, hi))
        if found is None:
            found = self._in_sentence[lo, hi] = self.within(self.actors, lo, hi)
        return found

    def within(self, actors: list[_Actor], lo: int, hi: int) -> list[_Actor]:
        """Those of `actors` that may be named inside `[lo, hi)`, and so inside any part of it."""
        lowered = self.lowered
        if lowered is None:
            return actors
        find = lowered.text.find
        out = []
        for actor in actors:
            if actor.literals is None:
                if actor.needle is None or not actor.needle.absent(lowered, lo, hi):
                    out.append(actor)
                continue
            for literal in actor.literals:  # `Needle.absent`, written out: it runs for every clause
                if find(literal, lo, hi) >= 0:
                    out.append(actor)
                    break
        return out

    def named(self, actors: list[_Actor], lo: int, hi: int) -> list[tuple[int, str]]:
        """(start, name) of each of `actors` found in `text[lo:hi]`, as `pattern.search(text, lo, hi)` finds it."""
        found: list[tuple[int, str]] = []
        for actor in actors:
            m = actor.pattern.search(self.text, lo, hi)
            if m:
                found.append((m.start(), actor.name))
        return found


@lru_cache(maxsize=8)
def _actor_table(language: str, plain: bool) -> tuple[_Actor, ...]:
    """The language's actors with their needles; their runs as strings for a `plain` text."""
    lex = event_lexicon(language)
    return tuple(
        _Actor(name, pattern, needle, needle.literals if needle is not None and plain else None)
        for (name, pattern), needle in zip(lex.actors, lex.actor_needles)
    )


def _actors(ctx: Context, actors: _Actors, mention: _Mention) -> tuple[str, ...]:
    """The bodies the clause (else the sentence) names as doing it, in order of mention."""
    sentence = ctx.sentences[mention.sentence]
    (c_lo, c_hi), s_lo, s_hi = mention.clause, sentence.start, sentence.end
    in_sentence = actors.in_sentence(s_lo, s_hi)
    # An actor the sentence cannot name, its clause cannot either.
    in_clause = actors.within(in_sentence if s_lo <= c_lo and c_hi <= s_hi else actors.actors, c_lo, c_hi)
    found = actors.named(in_clause, c_lo, c_hi) or actors.named(in_sentence, s_lo, s_hi)
    return tuple(name for _, name in sorted(found))


def _event(
    ctx: Context,
    document: str,
    lex: EventLexicon,
    mention: _Mention,
    date: str | None,
    place: str | None,
    actors: _Actors,
) -> Event:
    start, end = _quote_bounds(ctx, mention)
    return make_event(
        ctx.text, document, start, end,
        event_type=mention.trigger.event_type,
        subtype=mention.trigger.subtype,
        date=date,
        country=mention.country,
        place=mention.place or place,
        actors=_actors(ctx, actors, mention),
        summary=_summary(ctx.text, mention),
        attributed_to=choose_source(ctx, mention.sentence),
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


def _deadline_event(view: _View, document: str, deadline: Deadline) -> Event:
    """A deadline is dated to the day it falls due (the codebook's and the gold's choice)."""
    ctx = view.ctx
    d = deadline.date
    c_start, c_end = _clause_at(ctx, d.start)
    start = min(deadline.obligation_start, d.start)
    end = max(d.end, c_end)
    index = ctx.sentence_at(d.start)
    sentence = ctx.sentences[index]
    country, place = view.place(d.start, d.end, (c_start, c_end), (sentence.start, sentence.end))
    words = list(_WORD.finditer(ctx.text, start, d.end))[-DEADLINE_SUMMARY_WORDS:]
    summary = " ".join(ctx.text[words[0].start() if words else start : d.end].split()).strip(_EDGE_PUNCT)
    return make_event(
        ctx.text, document, start, end,
        event_type=EventType.DEADLINE,
        subtype="deadline",
        date=deadline.due,
        country=country,
        place=place,
        summary=summary,
        attributed_to=choose_source(ctx, index),
        due=deadline.due,
    )
