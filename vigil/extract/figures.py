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
from collections import Counter
from dataclasses import dataclass, replace

from vigil.extract.attribution import Attribution, agency_countries, find_attributions
from vigil.extract.dates import DateMention, find_dates
from vigil.extract.indicators import Reading, classify, counted_words
from vigil.extract.numbers import NumberMention, find_numbers
from vigil.extract.places import PlaceMention, find_places
from vigil.extract.sentences import Sentence, clause_bounds, split_sentences
from vigil.model import Figure, Indicator, make_figure

__all__ = ["Context", "analyse", "extract_figures"]

# A quote shorter than this is widened from the clause to the sentence, so that it
# says what is counted ("7,848 people" alone does not).
MIN_QUOTE_CHARS = 40
# A label line under a number on its own line (a data card) has at most this many words.
CARD_LABEL_WORDS = 8
# How far back (characters) a country named earlier still sets the scene for a number.
SCENE_REACH = 700

_DESTINATION = re.compile(r"(?:\b(?:to|into|towards|toward|for|in)\s+(?:the\s+)?|\bв\s+|\bна\s+)$", re.IGNORECASE)
_ORIGIN = re.compile(
    r"(?:\b(?:from|of|nationals?\s+of|citizens?\s+of)\s+(?:the\s+)?|\bиз\s+|\bуроженц\w*\s+|\bграждан\w*\s+)$", re.IGNORECASE
)
_ACTION_FROM = re.compile(
    r"(?:deport|expel|remov|sent|flown|forced|pushed|kicked|transferr|out|выдвор|депорт|выслан|высыла|выдвиг)\w*\s+(?:out\s+)?(?:of\s+|from\s+|из\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
_AUTHORITY_AFTER = re.compile(
    r"^\s+(?:authorities|police|government|officials|border|immigration|interior|security|courts?|власти|полиция|полицейские|силовики|суд\w*|ведомств\w*)\b",
    re.IGNORECASE,
)
_RECENT = re.compile(r"\b(?:in recent (?:weeks|days|months)|this week|this month|в последние (?:недели|дни|месяцы))\b", re.IGNORECASE)
_SAME_PERIOD_LAST_YEAR = re.compile(
    r"\b(?:the same period (?:of )?(?:last|the previous) year|аналогичн\w+ период\w* прошлого года)\b", re.IGNORECASE
)


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
    main_country: str | None
    lead_when: str | None  # the period the document is about, for figures that name none

    def sentence_at(self, position: int) -> int:
        """Index of the sentence holding `position` (or the one just before it)."""
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)


def analyse(text: str, language: str, published: str | None) -> Context:
    """Split the text and find numbers, dates, places and sources in it, once."""
    sentences = tuple(split_sentences(text))
    places = tuple(find_places(text, language))
    dates = tuple(find_dates(text, language, published))
    return Context(
        text=text,
        language=language,
        published=published,
        sentences=sentences,
        sentence_starts=tuple(s.start for s in sentences),
        numbers=tuple(find_numbers(text, language)),
        dates=dates,
        places=places,
        attributions=tuple(find_attributions(text, language)),
        main_country=_main_country(text, language, places, sentences),
        lead_when=_lead_when(text, dates),
    )


_DATELINE = re.compile(r"(?:published|updated|posted|modified|опубликовано|обновлено)\W*$", re.IGNORECASE)


def _lead_when(text: str, dates: tuple[DateMention, ...]) -> str | None:
    """The period a document reports on: its first period named, else its first date.

    A report's lead usually names the period its figures cover ("from January to October
    2021", "in the year ending September 2019"); later sentences leave it implied. The
    date a page was published on is not that period.
    """
    candidates = [d for d in dates if not _DATELINE.search(text[max(0, d.start - 20) : d.start])]
    for d in candidates:
        if d.kind == "interval":
            return d.when
    return candidates[0].when if candidates else None


def _acting_country(text: str, mention: PlaceMention) -> str | None:
    """The country a place mention says the counted thing happened in, or None.

    "deported from Russia" and "in Moscow" name where it happened; "migrants from
    Tajikistan" and "deported to Uzbekistan" name origins and destinations; a demonym
    names a nationality unless it qualifies an authority ("Mexican authorities").
    """
    before = text[max(0, mention.start - 40) : mention.start]
    if mention.kind == "demonym":
        if mention.country and _AUTHORITY_AFTER.match(text[mention.end : mention.end + 30]):
            return mention.country
        return None
    if mention.country is None:
        return None
    if _ACTION_FROM.search(before):
        return mention.country
    if mention.kind == "country" and (_ORIGIN.search(before) or re.search(r"\b(?:to|into|towards)\s+(?:the\s+)?$", before, re.I)):
        return None
    if mention.kind != "country" and re.search(r"\b(?:to|into)\s+(?:the\s+)?$", before, re.I):
        return None
    return mention.country


def _main_country(text: str, language: str, places: tuple[PlaceMention, ...], sentences: tuple[Sentence, ...]) -> str | None:
    """The country the document is mostly about: acting places and agencies, the title counting thrice."""
    votes: Counter[str] = Counter()
    title_end = sentences[0].end if sentences else 0
    for mention in places:
        country = _acting_country(text, mention)
        if country:
            votes[country] += 3 if mention.start < title_end else 1
        elif mention.kind == "demonym" and mention.country:
            votes[mention.country] += 0.25  # type: ignore[assignment]
    for _, country in agency_countries(text, language, 0, len(text)):
        votes[country] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _choose_when(ctx: Context, number: NumberMention, sentence: Sentence, clause: tuple[int, int]) -> str | None:
    """The date of a figure: the clause, then the sentence, then the paragraph before it."""
    def nearest(candidates: list[DateMention]) -> DateMention | None:
        if not candidates:
            return None
        return min(candidates, key=lambda d: min(abs(d.start - number.end), abs(number.start - d.end)))

    in_sentence = [d for d in ctx.dates if sentence.start <= d.start and d.end <= sentence.end]
    in_clause = [d for d in in_sentence if clause[0] <= d.start and d.end <= clause[1]]
    # Outside its clause, a period named in the sentence ("Fiscal year 2018, which ran
    # from October 1, 2017 …, saw 396,448") says more than a passing day.
    periods = [d for d in in_sentence if d.kind == "interval"]
    chosen = nearest(in_clause) or nearest(periods) or nearest(in_sentence)
    if chosen is None:
        sentence_text = ctx.text[sentence.start : sentence.end]
        if _SAME_PERIOD_LAST_YEAR.search(sentence_text):
            earlier = [d for d in ctx.dates if d.end <= sentence.start and d.start >= sentence.paragraph_start - SCENE_REACH]
            if earlier:
                return _shift_year(earlier[-1].when, -1)
        if _RECENT.search(sentence_text) and ctx.published:
            return ctx.published[:4]
        earlier = [d for d in ctx.dates if sentence.paragraph_start <= d.start and d.end <= sentence.start]
        chosen = earlier[-1] if earlier else None
        if chosen is None:
            return ctx.lead_when
    return chosen.when if chosen else None


def _shift_year(when: str, years: int) -> str:
    def shift(part: str) -> str:
        return str(int(part[:4]) + years) + part[4:] if part[:4].isdigit() else part

    return "/".join(shift(p) for p in when.split("/"))


def _choose_place(ctx: Context, number: NumberMention, sentence: Sentence, clause: tuple[int, int]) -> tuple[str | None, str | None]:
    """(country, place) for a figure, from the nearest acting place or agency."""
    text = ctx.text

    def pick(lo: int, hi: int) -> tuple[str | None, str | None] | None:
        best: tuple[int, str, str | None] | None = None
        for mention in ctx.places:
            if mention.start < lo or mention.end > hi:
                continue
            country = _acting_country(text, mention)
            if not country:
                continue
            distance = min(abs(mention.start - number.end), abs(number.start - mention.end))
            place = mention.place if mention.kind in ("city", "region") else None
            if best is None or distance < best[0]:
                best = (distance, country, place)
        for offset, country in agency_countries(text, ctx.language, lo, hi):
            distance = abs(offset - number.start) + 20  # a place named beats an agency at the same distance
            if best is None or distance < best[0]:
                best = (distance, country, None)
        return (best[1], best[2]) if best else None

    found = pick(*clause) or pick(sentence.start, sentence.end)
    if found:
        return found
    scene = pick(max(sentence.paragraph_start, sentence.start - SCENE_REACH), sentence.start)
    if scene:
        return scene[0], None
    if ctx.main_country:
        return ctx.main_country, None
    scene = pick(max(0, sentence.start - SCENE_REACH), sentence.start)
    return (scene[0], None) if scene else (None, None)


def _choose_source(ctx: Context, sentence_index: int) -> str | None:
    """The source named in the figure's sentence, or in a neighbour in its paragraph."""
    sentence = ctx.sentences[sentence_index]

    def named_in(s: Sentence) -> str | None:
        for a in ctx.attributions:
            if s.start <= a.start < s.end:
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
    if sentence.paragraph == 0 and ctx.attributions:
        return ctx.attributions[0].source  # a headline takes the source the body names
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


def extract_figures(ctx: Context, document: str) -> list[Figure]:
    """Every figure in the analysed text, in document order."""
    text = ctx.text
    figures: list[Figure] = []
    last_counted: tuple[Indicator, int] | None = None  # (indicator, paragraph) of the last scored figure
    for number in ctx.numbers:
        if any(d.start <= number.start and number.end <= d.end for d in ctx.dates):
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
            and _is_list_item(text, number, sentence)
        ):
            indicator = last_counted[0]
            unit = "percent" if number.unit_hint == "percent" else unit
        if indicator is not Indicator.OTHER:
            last_counted = (indicator, sentence.paragraph)
        q_start, q_end = clause
        if q_end - q_start < MIN_QUOTE_CHARS:
            q_start, q_end = span_sentence.start, span_sentence.end
        q_start = min(q_start, number.qualifier_start)
        q_end = max(q_end, number.end)
        country, place = _choose_place(ctx, number, sentence, clause)
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
                when=_choose_when(ctx, number, sentence, clause),
                counted=counted,
                attributed_to=_choose_source(ctx, index),
            )
        )
    return _lend_repeated(figures)


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
