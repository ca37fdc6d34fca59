"""Which registry entry a facility mention names, and which figures and events name a facility.

Two pure decisions the registry makes for every document (`vigil.store.site_linking`
applies them in one transaction):

**Matching a mention to a site.** A mention's key (`facilities.name_key`: the folded,
transliterated proper name, place and number) is compared with the key of every name
the site is known by, with rapidfuzz's token-sort ratio, among sites of the same
country (or of none) whose type observations allow the mention's kind. A number must
agree exactly on both sides: "No. 1" is not "No. 2", and a numbered centre is not the
unnumbered one of the same city. The best score at or above `LINK_SCORE` links;
otherwise the mention proposes a new entry for review.

**What names a site.** A figure counting people held (`detained`, `detention_capacity`,
`detained_children`, `detained_asylum_seekers`, `deaths_in_detention`) or a `detention`
event names the facility mentioned in its own sentence, the nearest one when there are
several; a figure whose own place is another place is left alone. A definite generic
mention ("the centre", "в этом центре") stands for the nearest specific mention of the
same kind before it, within `REFERENCE_REACH` characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from vigil.extract.facilities import FacilityMention, place_key
from vigil.extract.sentences import Sentence, split_sentences
from vigil.model import Event, EventType, Figure, Indicator

__all__ = [
    "LINK_SCORE",
    "REFERENCE_REACH",
    "SITE_INDICATORS",
    "Candidate",
    "Match",
    "attach",
    "best_match",
    "referents",
    "score",
]

# Two spellings of one name that differ by a letter or two ("Korolev", "Korolyov") score
# above 85; two different places of similar length ("Egoryevsk", "Elektrostal") score
# well below 60. Below this, a mention proposes a new entry rather than guess.
LINK_SCORE = 85.0
# A definite "the centre" refers to a facility named at most this far before it: about a
# paragraph. Farther, the reader has likely met other places since.
REFERENCE_REACH = 700

SITE_INDICATORS: frozenset[Indicator] = frozenset({
    Indicator.DETAINED,
    Indicator.DETENTION_CAPACITY,
    Indicator.DETAINED_CHILDREN,
    Indicator.DETAINED_ASYLUM_SEEKERS,
    Indicator.DEATHS_IN_DETENTION,
})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registry entry as matching sees it: country, the kinds it was observed as, the keys of its names."""

    site: str
    country: str | None
    kinds: frozenset[str]
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """The site a mention names, and how sure the match is (0–100)."""

    site: str
    score: float


def score(a: str, b: str) -> float:
    """How alike two name keys are, 0–100; 0 when their numbers differ or one has only a number."""
    a_numbers = {t for t in a.split() if t.startswith("n") and t[1:].isdigit()}
    b_numbers = {t for t in b.split() if t.startswith("n") and t[1:].isdigit()}
    if a_numbers != b_numbers:
        return 0.0
    a_words = " ".join(t for t in a.split() if t not in a_numbers)
    b_words = " ".join(t for t in b.split() if t not in b_numbers)
    if not a_words or not b_words:
        return 100.0 if a == b and a else 0.0
    return float(fuzz.token_sort_ratio(a_words, b_words))


def best_match(mention: FacilityMention, country: str | None, candidates: Sequence[Candidate]) -> Match | None:
    """The registry entry a specific mention names, or None when no entry scores `LINK_SCORE`."""
    if not mention.key:
        return None
    best: Match | None = None
    for candidate in candidates:
        if country and candidate.country and candidate.country != country:
            continue
        if mention.kind_known and candidate.kinds and mention.kind not in candidate.kinds:
            continue
        for key in candidate.keys:
            value = score(mention.key, key)
            if value >= LINK_SCORE and (best is None or value > best.score):
                best = Match(candidate.site, value)
    return best


def referents(mentions: Sequence[FacilityMention]) -> list[int | None]:
    """For each mention, the index of the specific mention it stands for (itself, one before it, or None)."""
    out: list[int | None] = []
    for i, mention in enumerate(mentions):
        if mention.specific:
            out.append(i)
            continue
        found: int | None = None
        if mention.definite:
            for j in range(i - 1, -1, -1):
                earlier = mentions[j]
                if mention.start - earlier.end > REFERENCE_REACH:
                    break
                if earlier.specific and (earlier.kind == mention.kind or not mention.kind_known):
                    found = j
                    break
        out.append(found)
    return out


def attach(
    text: str, mentions: Sequence[FacilityMention], figures: Sequence[Figure], events: Sequence[Event]
) -> list[tuple[Figure | Event, int]]:
    """Each figure or detention event that names a facility, with the index of the specific mention it names."""
    refs = referents(mentions)
    usable = [(i, m, refs[i]) for i, m in enumerate(mentions) if refs[i] is not None]
    if not usable:
        return []
    sentences = split_sentences(text)
    out: list[tuple[Figure | Event, int]] = []
    items: list[Figure | Event] = [f for f in figures if f.indicator in SITE_INDICATORS]
    items += [e for e in events if e.event_type is EventType.DETENTION]
    for item in items:
        bounds = _sentence(sentences, item.span.start, item.span.end)
        best: tuple[int, int] | None = None  # (distance, referent)
        for _, mention, ref in usable:
            if mention.end <= bounds[0] or mention.start >= bounds[1]:
                continue
            assert ref is not None
            target = mentions[ref]
            place = item.place
            if place and target.place and place_key(place) != place_key(target.place) and not _within(mention, item):
                continue  # the figure says it is about another place
            if _place_between(text, mention, item):
                continue  # "… in the Sakharovo centre, 678; in Yekaterinburg, 180": 180 is Yekaterinburg's
            distance = max(0, mention.start - item.span.end, item.span.start - mention.end)
            if best is None or distance < best[0]:
                best = (distance, ref)
        if best is not None:
            out.append((item, best[1]))
    return out


_PLACE_PHRASE = re.compile(r"(?<![^\W_])(?:в|во|in|at)\s+((?-i:[A-ZА-ЯЁ])[\w\-]*)", re.IGNORECASE)
# Capitalised words after "in" that are times, not places ("in March 2025").
_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter".split()
)


def _place_between(text: str, mention: FacilityMention, item: Figure | Event) -> bool:
    """Whether another place is named between a mention and a figure (or event) that follows or precedes it."""
    if item.span.start >= mention.end:
        gap = text[mention.end : _number_start(text, item)]
    elif mention.start >= item.span.end:
        gap = text[item.span.end : mention.start]
    else:
        return False
    return any(m.group(1) not in _NOT_PLACES for m in _PLACE_PHRASE.finditer(gap))


def _number_start(text: str, item: Figure | Event) -> int:
    digit = re.search(r"\d", text[item.span.start : item.span.end])
    return item.span.start + digit.start() if digit else item.span.start


def _within(mention: FacilityMention, item: Figure | Event) -> bool:
    return item.span.start <= mention.start and mention.end <= item.span.end


def _sentence(sentences: Sequence[Sentence], start: int, end: int) -> tuple[int, int]:
    for sentence in sentences:
        if sentence.start <= start < sentence.end or sentence.start < end <= sentence.end:
            return sentence.start, sentence.end
    return start, end
