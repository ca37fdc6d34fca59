"""From number mentions to figures: indicator, date, place, source and quote.

The steps, each a function below:
  1. every number mention (numbers.py) gets its sentence and clause (sentences.py);
  2. its indicator and unit come from the words around it (indicators.py);
  3. `when` from the clause, then the sentence, then the paragraph (dates.py);
  4. `country` and `place` from the clause, the sentence, the paragraph, and at last
     the country the whole document is about (places.py, agencies);
  5. `attributed_to` from reporting clauses (attribution.py);
  6. a figure stated twice lends its date and source to the mention that lacks them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import accumulate
from dataclasses import dataclass, replace

from vigil.extract.alternation import guarded
from vigil.extract.attribution import Attribution, find_attributions
from vigil.extract.dates import DateMention, find_dates
from vigil.extract.indicators import Reading, classify, counted_words, refine, time_words
from vigil.extract.numbers import NumberMention, find_numbers
from vigil.extract.places import PlaceMention, find_places
from vigil.extract.scene import SCENE_REACH, acting_countries, choose_place, main_country
from vigil.extract.sentences import Sentence, clause_bounds, split_sentences
from vigil.model import Figure, Indicator, make_figure

__all__ = ["Context", "analyse", "choose_source", "extract_figures"]

# A quote shorter than this is widened from the clause to the sentence, so that it
# says what is counted ("7,848 people" alone does not).
MIN_QUOTE_CHARS = 40
# A period named in the first sentences of a text is its lead even for figures stated before it.
LEAD_SENTENCES = 2
# A label line under a number on its own line (a data card) has at most this many words.
CARD_LABEL_WORDS = 8

@dataclass(frozen=True, slots=True)
class Context:
    """What the whole text offers every figure: its parts, found once."""

    text: str
    language: str
    published: str | None
    sentences: tuple[Sentence, ...]
    sentence_starts: tuple[int, ...]
    numbers: tuple[NumberMention, ...]
    dates: tuple[DateMention, ...]
    places: tuple[PlaceMention, ...]
    attributions: tuple[Attribution, ...]
    acting: tuple[str | None, ...]  # per place mention: the country it says things happened in
    main_country: str | None
    place_names: frozenset[str]  # what the gazetteer knows as places: never a figure's source
    date_starts: tuple[int, ...]  # offsets for bisection: per-number work stays local
    place_starts: tuple[int, ...]
    attribution_starts: tuple[int, ...]
    lead: DateMention | None  # the period the document is about, for figures that name none

    def dates_between(self, lo: int, hi: int) -> list[DateMention]:
        """The date mentions inside `[lo, hi)`, found by bisection (no scan of every date)."""
        i = bisect.bisect_left(self.date_starts, lo)
        j = bisect.bisect_left(self.date_starts, hi)
        return [d for d in self.dates[i:j] if d.end <= hi]

    def places_between(self, lo: int, hi: int) -> tuple[tuple[PlaceMention, ...], tuple[str | None, ...]]:
        """The place mentions starting inside `[lo, hi)`, with their acting countries."""
        i = bisect.bisect_left(self.place_starts, lo)
        j = bisect.bisect_left(self.place_starts, hi)
        return self.places[i:j], self.acting[i:j]

    def attributions_between(self, lo: int, hi: int) -> tuple[Attribution, ...]:
        """The reporting clauses starting inside `[lo, hi)`."""
        i = bisect.bisect_left(self.attribution_starts, lo)
        j = bisect.bisect_left(self.attribution_starts, hi)
        return self.attributions[i:j]

    def sentence_at(self, position: int) -> int:
        """Index of the sentence holding `position` (or the one just before it)."""
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)


def analyse(text: str, language: str, published: str | None) -> Context:
    """Split the text and find numbers, dates, places and sources in it, once."""
    sentences = tuple(split_sentences(text))
    places = tuple(find_places(text, language))
    dates = tuple(find_dates(text, language, published))
    attributions = tuple(find_attributions(text, language))
    acting = acting_countries(text, places)
    return Context(
        text=text,
        language=language,
        published=published,
        sentences=sentences,
        sentence_starts=tuple(s.start for s in sentences),
        numbers=tuple(find_numbers(text, language)),
        dates=dates,
        places=places,
        attributions=attributions,
        acting=acting,
        main_country=main_country(text, language, places, acting, sentences[0].end if sentences else 0),
        lead=_lead(text, dates),
        place_names=frozenset(p.text for p in places),
        date_starts=tuple(d.start for d in dates),
        place_starts=tuple(p.start for p in places),
        attribution_starts=tuple(a.start for a in attributions),
    )


_DATELINE = guarded(r"(?:published|updated|posted|modified|опубликовано|обновлено)\W*$", re.IGNORECASE)


def _lead(text: str, dates: tuple[DateMention, ...]) -> DateMention | None:
    """The period a document reports on: its first period named, else its first date.

    A report's lead usually names the period its figures cover ("from January to October
    2021", "in the year ending September 2019"); later sentences leave it implied. The
    date a page was published on is not that period.
    """
    candidates = [d for d in dates if not _DATELINE.search(text[max(0, d.start - 20) : d.start])]
    for d in candidates:
        if d.kind == "interval":
            return d
    return candidates[0] if candidates else None


def _choose_when(
    ctx: Context, number: NumberMention, sentence: Sentence, clause: tuple[int, int], previous: str | None
) -> str | None:
    """The date of a figure: its clause, its sentence, then what the text around it implies.

    In order: a date in the clause (the nearest); a period named in the sentence, then any
    date in it; "the same period last year" (the last period, a year back); "in recent
    weeks" (the publication year); "the latest year" (the document's lead period); "now",
    "to date", "уже" (null: the spec keeps such stocks undated); the date of the figure
    before it in the paragraph, a date earlier in the paragraph; the lead period.
    """

    def nearest(candidates: list[DateMention]) -> DateMention | None:
        if not candidates:
            return None
        return min(candidates, key=lambda d: min(abs(d.start - number.end), abs(number.start - d.end)))

    in_sentence = ctx.dates_between(sentence.start, sentence.end)
    in_clause = [d for d in in_sentence if clause[0] <= d.start and d.end <= clause[1]]
    # Outside its clause, a period named in the sentence ("Fiscal year 2018, which ran
    # from October 1, 2017 …, saw 396,448") says more than a passing day.
    periods = [d for d in in_sentence if d.kind == "interval"]
    chosen = nearest(in_clause)
    # The lead period holds only for figures stated after it.
    lead_when = (
        ctx.lead.when
        if ctx.lead is not None and (ctx.lead.start < number.start or ctx.sentence_at(ctx.lead.start) <= LEAD_SENTENCES)
        else None
    )
    # The sentence's time words (its "latest year" ones that lie in the clause: a clause break
    # falls between words).
    said = time_words(ctx.text, sentence.start, sentence.end, ctx.language)
    for m_start, m_end in said["latest_period"]:
        if m_start < clause[0] or m_end > clause[1]:
            continue
        if chosen is None or _gap(m_start, m_end, number) < _gap(chosen.start, chosen.end, number):
            return lead_when
    chosen = chosen or nearest(periods) or nearest(in_sentence)
    if chosen is not None:
        return chosen.when
    if said["same_period_last_year"]:
        earlier = ctx.dates_between(sentence.paragraph_start - SCENE_REACH, sentence.start)
        if earlier:
            return _shift_year(earlier[-1].when, -1)
    if said["recent"] and ctx.published:
        return ctx.published[:4]
    if said["latest_period"]:
        return lead_when
    if said["now"]:
        return None
    if previous is not None:
        return previous
    i = bisect.bisect_left(ctx.date_starts, sentence.start) - 1
    while i >= 0 and ctx.dates[i].start >= sentence.paragraph_start:
        if ctx.dates[i].end <= sentence.start:
            return ctx.dates[i].when  # the last date earlier in the paragraph
        i -= 1
    return lead_when


def _gap(start: int, end: int, number: NumberMention) -> int:
    return min(abs(start - number.end), abs(number.start - end))


def _shift_year(when: str, years: int) -> str:
    def shift(part: str) -> str:
        return str(int(part[:4]) + years) + part[4:] if part[:4].isdigit() else part

    return "/".join(shift(p) for p in when.split("/"))


def choose_source(ctx: Context, sentence_index: int) -> str | None:
    """The source named in the sentence, or in a neighbour in its paragraph.

    Figures and events (`events.py`) take their `attributed_to` this one way, so a
    figure and the event told in the same sentence never name different sources.
    """
    sentence = ctx.sentences[sentence_index]

    def named_in(s: Sentence) -> str | None:
        for a in ctx.attributions_between(s.start, s.end):
            if a.source not in ctx.place_names:
                return a.source
        return None

    found = named_in(sentence)
    if found:
        return found
    for j in (sentence_index - 1, sentence_index + 1):
        if 0 <= j < len(ctx.sentences) and ctx.sentences[j].paragraph == sentence.paragraph:
            found = named_in(ctx.sentences[j])
            if found:
                return found
    if sentence.paragraph == 0:
        for a in ctx.attributions:  # a headline takes the source the body names
            if a.source not in ctx.place_names:
                return a.source
    return None


def _card_label(ctx: Context, index: int) -> Sentence | None:
    """A number alone on its line with a short label line under it (a data card)."""
    if index + 1 >= len(ctx.sentences):
        return None
    label = ctx.sentences[index + 1]
    words = ctx.text[label.start : label.end].split()
    if len(words) > CARD_LABEL_WORDS or any(ch.isdigit() for ch in ctx.text[label.start : label.end]):
        return None
    return label


def _is_list_item(text: str, number: NumberMention, sentence: Sentence) -> bool:
    """ "Honduras (97,968)", "21 in 2014", "This was followed by …": a list continuing the last figure."""
    before = text[max(sentence.start, number.qualifier_start - 40) : number.qualifier_start]
    after = text[number.end : min(sentence.end, number.end + 20)]
    if re.search(r"[A-ZА-ЯЁ][\w.' -]*\(\s*$", before) and re.match(r"\s*(?:\)|or\b|или\b)", after):
        return True
    if re.search(r"(?:^|,|\band\b|\bи\b)\s*$", before) and re.match(r"\s+(?:in|в)\s+(?:FY\s*)?\d{2,4}\b", after):
        return True
    opening = text[sentence.start : sentence.start + 40].lower()
    return bool(re.match(r"(?:this was |they are |it was |these were )?followed by|next (?:came|were)", opening))


# Two numbers this close, joined by a comma or "and", are items of one enumeration.
ENUMERATION_GAP_CHARS = 48
_ENUMERATION_GAP = re.compile(r"^[^.;:!?]*?(?:,|\band\b|\bor\b|\bи\b|\bили\b)\s*$", re.IGNORECASE)


def _enumerated(text: str, number: NumberMention, previous: NumberMention | None) -> bool:
    """ "12,722 adult males, 3,217 adult females, 996 male children": one enumeration."""
    if previous is None or number.qualifier_start - previous.end > ENUMERATION_GAP_CHARS:
        return False
    return bool(_ENUMERATION_GAP.match(text[previous.end : number.qualifier_start]))


class _Covers:
    """Whether some span of a set covers `[start, end)`.

    A bisect and a running maximum of ends, instead of a look at every date for every
    number (which grew with the square of a text's length).
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


def extract_figures(ctx: Context, document: str) -> list[Figure]:
    """Every figure in the analysed text, in document order."""
    text = ctx.text
    figures: list[Figure] = []
    last_counted: tuple[Indicator, int] | None = None  # (indicator, paragraph) of the last scored figure
    last_when: tuple[str | None, int] | None = None  # (when, paragraph) of the last scored figure
    previous_number: NumberMention | None = None
    quoted: set[tuple[int, int, Indicator, float]] = set()
    in_date = _Covers((d.start, d.end) for d in ctx.dates)
    for number in ctx.numbers:
        if in_date(number.start, number.end):
            continue  # a date, not a count
        index = ctx.sentence_at(number.start)
        sentence = ctx.sentences[index]
        if not (sentence.start <= number.start < sentence.end):
            continue
        span_sentence = sentence
        if text[sentence.start : sentence.end].strip() == text[number.qualifier_start : number.end].strip():
            label = _card_label(ctx, index)
            if label is not None:
                span_sentence = Sentence(sentence.start, label.end, sentence.paragraph, sentence.paragraph_start, label.paragraph_end)
        clause = clause_bounds(text, span_sentence, number.start) if span_sentence is sentence else (span_sentence.start, span_sentence.end)
        reading: Reading = classify(
            text,
            start=number.start,
            end=number.end,
            qualifier_start=number.qualifier_start,
            unit_hint=number.unit_hint,
            sentence=(span_sentence.start, span_sentence.end),
            clause=clause,
            language=ctx.language,
        )
        indicator, unit = reading.indicator, reading.unit
        if (
            indicator is Indicator.OTHER
            and reading.reason == "no_cue"
            and last_counted is not None
            and last_counted[1] >= sentence.paragraph - 1
            and (_is_list_item(text, number, sentence) or _enumerated(text, number, previous_number))
        ):
            indicator = refine(
                text, last_counted[0], end=number.end, sentence=(sentence.start, sentence.end), clause=clause,
                language=ctx.language,
            )
            unit = "percent" if number.unit_hint == "percent" else unit
        previous_when = last_when[0] if last_when and last_when[1] == sentence.paragraph else None
        when = _choose_when(ctx, number, sentence, clause, previous_when)
        previous_number = number
        if indicator is not Indicator.OTHER:
            last_counted = (indicator, sentence.paragraph)
            last_when = (when, sentence.paragraph)
        q_start, q_end = clause
        if q_end - q_start < MIN_QUOTE_CHARS:
            q_start, q_end = span_sentence.start, span_sentence.end
        q_start = min(q_start, number.qualifier_start)
        q_end = max(q_end, number.end)
        key = (q_start, q_end, indicator, float(number.value))
        if key in quoted:
            # The same value twice in one clause ("двоих оштрафовал, ещё двоих отпустил"):
            # two figures, so each keeps a quote of its own, the comma-bounded part around it.
            q_start, q_end = _segment(text, number, (q_start, q_end))
            key = (q_start, q_end, indicator, float(number.value))
            if key in quoted:
                q_start, q_end = number.qualifier_start, number.end
                key = (q_start, q_end, indicator, float(number.value))
        quoted.add(key)
        nearby_places, nearby_acting = ctx.places_between(max(0, sentence.start - SCENE_REACH), sentence.end)
        country, place = choose_place(
            text, ctx.language, nearby_places, nearby_acting, ctx.main_country,
            number=(number.start, number.end), clause=clause, sentence=(sentence.start, sentence.end),
        )
        counted = counted_words(text, number.end, clause[1], ctx.language)
        figures.append(
            make_figure(
                text,
                document,
                q_start,
                q_end,
                indicator=indicator,
                value=number.value,
                qualifier=number.qualifier,
                unit=unit,
                country=country,
                place=place,
                when=when,
                counted=counted,
                attributed_to=choose_source(ctx, index),
            )
        )
    return _lend_repeated(figures)


def _segment(text: str, number: NumberMention, bounds: tuple[int, int]) -> tuple[int, int]:
    """The comma-bounded part of `bounds` that holds the number."""
    start = max(bounds[0], text.rfind(",", bounds[0], number.qualifier_start) + 1)
    comma = text.find(",", number.end, bounds[1])
    end = comma if comma != -1 else bounds[1]
    while start < number.qualifier_start and text[start].isspace():
        start += 1
    return start, max(end, number.end)


def _lend_repeated(figures: list[Figure]) -> list[Figure]:
    """A figure stated twice (headline and body) lends its date and source to the bare mention."""
    known: dict[tuple[Indicator, float], Figure] = {}
    for f in figures:
        if f.indicator is not Indicator.OTHER and f.when and (f.indicator, float(f.value)) not in known:
            known[(f.indicator, float(f.value))] = f
    out = []
    for f in figures:
        donor = known.get((f.indicator, float(f.value)))
        if donor is not None and donor is not f and f.when is None:
            f = replace(f, when=donor.when, attributed_to=f.attributed_to or donor.attributed_to)
        out.append(f)
    return out
