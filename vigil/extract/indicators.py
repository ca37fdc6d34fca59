"""What a number counts: the indicator, read from the words around it.

The cascade, in order (each step documented where it is coded):
  1. durations, money and multipliers are `other`;
  2. a number that states a change ("fell by 3%", "11% fewer") is `other`;
  3. cue words in the sentence vote, each weighted by its strength, its distance
     in words from the number, and whether it stands in the number's own clause;
  4. blockers in the clause (plans, "subject to deportation", crimes, polls) make it `other`
     unless a decisive cue (strength >= 5) is there;
  5. deaths, children and asylum seekers refine a detention count;
  6. with no cue at all, a list item ("Honduras (97,968)") takes the indicator of the
     figure before it; anything else is `other`.

Cues are data (lexicons/<lang>/indicators.toml); Russian patterns may name lemmas in
braces, `{выдворить}`, which are expanded into every inflected form at load time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vigil.extract import lexicon
from vigil.extract.alternation import PatternSet, dispatch, guarded, pattern_set, starts
from vigil.model import Indicator

__all__ = ["TIME_KINDS", "Cues", "Reading", "classify", "compile_pattern_set", "compile_patterns", "counted_words", "cues_for", "refine", "time_words"]

# Decay of a cue's weight with distance: at 4 words away it counts half.
DISTANCE_HALF_WEIGHT = 4.0
# A cue outside the number's clause still counts, at this share: more before the number
# (the clause is often a relative one, "…the arrests of 2020, when there were 82,379")
# than after it (a new clause, "…, while deportations rose").
OTHER_CLAUSE_SHARE = 0.45
OTHER_CLAUSE_AFTER_SHARE = 0.2
# A counted noun right after the number ("87,000 foreigners", "four centres") is the
# strongest evidence of what is counted, so a strong cue there counts this much more.
COUNTED_NOUN_BONUS = 2.0
# Below this score no cue is believed.
MIN_SCORE = 0.25
# A death word this close before the number (or in its counted noun) makes it a death count.
DEATH_WINDOW_CHARS = 40
# Cues this strong survive blockers ("sentenced ... to deprivation of nationality").
DECISIVE_STRENGTH = 5
# A blocker this close before the nearest cue governs it ("plans to deport", "will be expelled").
MODAL_REACH_CHARS = 12
# "Of those detained, 27 were ordered to be expelled": the opening names the whole, the
# number's own words say what happened to its part, so a cue in the opening counts less.
PARTITIVE_SHARE = 0.5
_PARTITIVE = re.compile(r"\s*(?:of|among|из|среди)\s+(?:those|these|the|них|этих|тех)\b[^,;]{0,60},", re.IGNORECASE)
# No cue seen yet: farther than any real distance.
NO_DISTANCE = 10**6
_ONE_IN = guarded(r"\b(?:one|1|один|одна)\s+(?:in|out of|из)\s+$", re.IGNORECASE)
# How many words after the number still name what is counted.
COUNTED_NOUN_WORDS = 6

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Cue:
    indicator: Indicator
    strength: float
    pattern: re.Pattern[str]
    where: str  # "any", or "after": only as the counted noun right after the number
    noun: bool  # names the count itself ("deportations"), so it weighs more as the counted noun


@dataclass(frozen=True, slots=True)
class Cues:
    """A language's compiled cue table."""

    cues: tuple[Cue, ...]
    cue_set: PatternSet  # the cues' patterns in order, then block and block_near: one scan for all
    deaths: re.Pattern[str]
    detention_context: re.Pattern[str]
    children: re.Pattern[str]
    asylum_seekers: re.Pattern[str]
    block: re.Pattern[str]
    block_near: re.Pattern[str]
    people: re.Pattern[str]
    change_before: re.Pattern[str]
    change_words: re.Pattern[str]
    change_after: re.Pattern[str]
    per_day: re.Pattern[str]
    measure: re.Pattern[str]
    units: tuple[tuple[str, re.Pattern[str]], ...]
    counted_stop: frozenset[str]


def _expand(pattern: str, language: str) -> str:
    """Replace `{lemma}` with an alternation of all its inflected forms (Russian)."""
    if "{" not in pattern or language != "ru":
        return pattern
    from vigil.extract.morph import forms

    def sub(m: re.Match[str]) -> str:
        words = sorted(forms(m.group(1)), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    return re.sub(r"\{([^\W\d_][^{}]*)\}", sub, pattern)  # {лемма}, not a {0,3} quantifier


def compile_patterns(patterns: list[str], language: str) -> re.Pattern[str]:
    """One case-insensitive regex matching any of `patterns` at word boundaries."""
    return _word_pattern(tuple(_expand(p, language) for p in patterns))


def _word_pattern(expanded: tuple[str, ...]) -> re.Pattern[str]:
    if not expanded:
        return re.compile(r"(?!x)x")
    # Word lists of hundreds of branches: `dispatch` tries only those that can start at
    # a position, `starts` skips positions where none can (alternation.py; same matches).
    return re.compile(rf"{starts(expanded)}(?<![^\W_])(?:{dispatch(expanded)})(?![^\W_])", re.IGNORECASE)


def compile_pattern_set(groups: list[list[str]], language: str) -> PatternSet:
    """`compile_patterns` of each group, and one scan for all of them (alternation.PatternSet)."""
    expanded = [tuple(_expand(p, language) for p in group) for group in groups]
    return pattern_set(
        [_word_pattern(e) for e in expanded], expanded, _word_pattern(tuple(p for e in expanded for p in e))
    )


# Time words that are not dates but still decide a figure's `when` (lexicons/<lang>/when.toml;
# figures.py says what each kind does).
TIME_KINDS = ("now", "recent", "same_period_last_year", "latest_period")


def _time_groups(language: str) -> list[list[str]]:
    """Each kind's words as literal patterns, longest first (English words for a language without them)."""
    data = lexicon.load(language, "when") or lexicon.load("en", "when")
    return [[re.escape(w) for w in sorted(data.get(kind, []), key=len, reverse=True)] for kind in TIME_KINDS]


@lru_cache(maxsize=None)
def cues_for(language: str) -> Cues:
    """The compiled cue table for `language` (English rules for unknown languages)."""
    data: dict[str, Any] = lexicon.load(language, "indicators") or lexicon.load("en", "indicators")
    if not data:
        raise RuntimeError(f"no indicator lexicon for {language!r}")
    lang = language if lexicon.load(language, "indicators") else "en"
    entries = list(data.get("cue", []))
    # The blockers and the time words are scanned with the cues: every number of a
    # sentence asks for all three.
    blockers = [list(data.get(name, {}).get("patterns", [])) for name in ("block", "block_near")]
    cue_set = compile_pattern_set([list(entry["patterns"]) for entry in entries] + blockers + _time_groups(language), lang)
    block, block_near = cue_set.patterns[len(entries) : len(entries) + 2]
    cues = tuple(
        Cue(
            indicator=Indicator(entry["indicator"]),
            strength=float(entry["strength"]),
            pattern=pattern,
            where=str(entry.get("where", "any")),
            noun=bool(entry.get("noun", False)),
        )
        for entry, pattern in zip(entries, cue_set.patterns)
    )

    def section(name: str) -> re.Pattern[str]:
        return compile_patterns(list(data.get(name, {}).get("patterns", [])), lang)

    flags = re.IGNORECASE
    never = r"(?!x)x"
    change: dict[str, str] = data.get("change", {})
    return Cues(
        cues=cues,
        cue_set=cue_set,
        deaths=section("deaths"),
        detention_context=section("detention_context"),
        children=section("children"),
        asylum_seekers=section("asylum_seekers"),
        block=block,
        block_near=block_near,
        people=section("people"),
        change_before=guarded(str(change.get("before", never)), flags),
        change_words=guarded(rf"(?<![^\W_]){change.get('words', never)}(?![^\W_])", flags),
        change_after=re.compile(str(change.get("after", never)), flags),
        per_day=re.compile(str(data.get("per_day", {}).get("pattern", never)), flags),
        measure=re.compile(str(data.get("measure", {}).get("pattern", never)), flags),
        units=tuple((unit, re.compile(p, flags)) for unit, p in data.get("units", {}).items()),
        counted_stop=frozenset(w.lower() for w in data.get("counted", {}).get("stop", [])),
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """What the classifier decided for one number, and why."""

    indicator: Indicator
    unit: str
    score: float
    reason: str = "cue"  # "unit", "change", "blocked", "no_cue" or "cue": why this indicator


def _words_between(text: str, a: int, b: int, starts: tuple[int, ...] | None = None) -> int:
    """How many words stand in `text[a:b]`; with `starts` (word starts, sorted), by bisection."""
    if b <= a:
        return 0
    if starts is None:
        return len(_WORD.findall(text, a, b))
    count = bisect.bisect_left(starts, b) - bisect.bisect_left(starts, a)
    # `a` falls inside a word (findall would count its tail) exactly when the characters on
    # both sides of it are letters or digits: `[^\W_]` is `str.isalnum`, and a word
    # matched from `a - 1` then runs on past `a`.
    if a > 0 and text[a].isalnum() and text[a - 1].isalnum():
        count += 1
    return count


@lru_cache(maxsize=8)
def _word_starts(text: str, lo: int, hi: int) -> tuple[int, ...]:
    """Where each word of `text[lo:hi]` starts: distances by bisection, once per sentence."""
    return tuple([m.start() for m in _WORD.finditer(text, lo, hi)])


# A comma between a cue and the number loosens their tie as much as this many words.
COMMA_WORDS = 2


def _distance(
    text: str, m_start: int, m_end: int, n_start: int, n_end: int, commas: bool = False, starts: tuple[int, ...] | None = None
) -> tuple[int, bool]:
    """Words between a match and the number (with `commas`, a comma counts as two more), and whether it comes after."""
    lo, hi, is_after = (n_end, m_start, True) if m_start >= n_end else (m_end, n_start, False)
    return _words_between(text, lo, hi, starts) + (COMMA_WORDS * text.count(",", lo, hi) if commas else 0), is_after


def _duration_unit(after: str) -> str:
    m = re.match(r"\s*([^\W\d_]+)", after)
    word = m.group(1).lower() if m else ""
    for unit in ("day", "week", "month", "year", "hour", "дн", "недел", "месяц", "год", "лет", "час"):
        if word.startswith(unit):
            return {"дн": "days", "недел": "weeks", "месяц": "months", "год": "years", "лет": "years", "час": "hours"}.get(
                unit, unit + "s"
            )
    return "people"


@dataclass(frozen=True, slots=True)
class _SentenceView:
    """What a sentence says whatever number in it is read: its cues, blockers and time words."""

    hits: tuple[tuple[Cue, int, int], ...]  # (cue, start, end) of every cue match, cue by cue in table order
    block: tuple[tuple[int, int], ...]  # spans of `Cues.block` matches, in order
    block_near: tuple[tuple[int, int], ...]  # spans of `Cues.block_near` matches, in order
    time_words: dict[str, tuple[tuple[int, int], ...]]  # TIME_KINDS → spans of their words, in order


# The numbers of one sentence share what it says (its cue matches above all: the scans
# are most of the classifier's time), so a sentence is read once rather than once per
# number. A sentence's numbers come one after another, so a few entries suffice; keeping
# few also keeps few texts alive.
SENTENCE_CUE_CACHE = 8


@lru_cache(maxsize=SENTENCE_CUE_CACHE)
def _sentence_view(text: str, s_start: int, s_end: int, language: str) -> _SentenceView:
    table = cues_for(language)
    found = table.cue_set.finditer_each(text, s_start, s_end)
    n = len(table.cues)
    hits = tuple((cue, m.start(), m.end()) for cue, matches in zip(table.cues, found[:n]) for m in matches)
    block, block_near = (tuple(m.span() for m in matches) for matches in found[n : n + 2])
    time_words = {kind: tuple(m.span() for m in matches) for kind, matches in zip(TIME_KINDS, found[n + 2 :])}
    return _SentenceView(hits, block, block_near, time_words)


def time_words(text: str, s_start: int, s_end: int, language: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """The time words of each kind (TIME_KINDS) in the sentence `text[s_start:s_end]`, as spans in order.

    Found by the scan that finds the sentence's cues, which its numbers need anyway.
    """
    return _sentence_view(text, s_start, s_end, language).time_words


def classify(
    text: str,
    *,
    start: int,
    end: int,
    qualifier_start: int,
    unit_hint: str | None,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    language: str,
) -> Reading:
    """Decide the indicator and unit of the number at `[start, end)` from its sentence."""
    cues = cues_for(language)
    s_start, s_end = sentence
    c_start, c_end = clause
    after = text[end:c_end]
    before = text[c_start:qualifier_start]

    # 1. Not counts of people.
    if unit_hint == "duration":
        return Reading(Indicator.OTHER, _duration_unit(after), 0.0, "unit")
    if unit_hint == "money":
        return Reading(Indicator.OTHER, "people", 0.0, "unit")
    if unit_hint == "times":
        return Reading(Indicator.OTHER, "times", 0.0, "unit")
    measure = cues.measure.match(after)
    if measure:
        return Reading(Indicator.OTHER, " ".join(measure.group(0).split()), 0.0, "unit")
    percent = unit_hint == "percent"
    if _ONE_IN.search(before):
        return Reading(Indicator.OTHER, "fraction", 0.0, "unit")  # "one in four"

    # 2. A change, not a count.
    if cues.change_before.search(before) or cues.change_after.match(after):
        return Reading(Indicator.OTHER, "percent" if percent else "people", 0.0, "change")
    if percent and cues.change_words.search(before[-60:]):
        return Reading(Indicator.OTHER, "percent", 0.0, "change")

    # 3. Cues vote.
    scores: dict[Indicator, float] = {}
    decisive = False
    nearest_cue = NO_DISTANCE  # words to the nearest cue in the clause
    nearest_cue_start = -1
    after_limit = _counted_noun_end(text, end, c_end)
    person = cues.people.search(text, end, after_limit)
    noun_limit = person.start() if person else after_limit  # "987 people in detention facilities"
    partitive = _PARTITIVE.match(text, c_start, qualifier_start)
    view = _sentence_view(text, s_start, s_end, language)
    word_starts = _word_starts(text, s_start, s_end)
    for cue, m_start, m_end in view.hits:
        if m_start >= start and m_end <= end:
            continue  # the cue is the number itself ("a dozen")
        words, is_after = _distance(text, m_start, m_end, start, end, starts=word_starts)
        in_counted_noun = is_after and m_start <= after_limit
        if cue.where == "after" and not (is_after and m_start < noun_limit):
            continue
        weight = cue.strength / (1.0 + words / DISTANCE_HALF_WEIGHT)
        if partitive is not None and partitive.start() <= m_start < partitive.end():
            weight *= PARTITIVE_SHARE
        if in_counted_noun and cue.noun:
            weight *= COUNTED_NOUN_BONUS
        inside = c_start <= m_start and m_end <= c_end
        if not inside:
            weight *= OTHER_CLAUSE_AFTER_SHARE if is_after else OTHER_CLAUSE_SHARE
        else:
            tie = _distance(text, m_start, m_end, start, end, commas=True, starts=word_starts)[0]
            # A bare "migrants" governs nothing, and the counted noun itself ("100 detainees
            # face deportation") says who they are, not what happened to them.
            counted_noun = is_after and words <= 1
            if tie < nearest_cue and cue.strength >= 2 and not counted_noun:
                nearest_cue, nearest_cue_start = tie, m_start
            decisive = decisive or cue.strength >= DECISIVE_STRENGTH
        if weight > scores.get(cue.indicator, 0.0):
            scores[cue.indicator] = weight

    # 4. Blockers: anywhere in the clause, or nearer to the number than any cue.
    if not decisive:
        # The sentence's blocker matches that lie in the clause: the clause's own matches, as
        # clause breaks fall between words and no blocker phrase spans one.
        blocked = any(c_start <= b_start and b_end <= c_end for b_start, b_end in view.block)
        for b_start, b_end in view.block_near:
            if b_start < c_start or b_end > c_end or (b_start >= start and b_end <= end):
                continue
            governs_cue = 0 <= nearest_cue_start - b_end <= MODAL_REACH_CHARS  # "plans to deport"
            if governs_cue or _distance(text, b_start, b_end, start, end, commas=True, starts=word_starts)[0] <= nearest_cue:
                blocked = True
                break
        if blocked:
            return Reading(Indicator.OTHER, "percent" if percent else "people", 0.0, "blocked")

    best = max(scores.items(), key=lambda kv: kv[1]) if scores else None

    # 5. A count of deaths (the word near the number) in a detention setting.
    if _death_count(cues, text, start, end, qualifier_start, c_start, c_end):
        if cues.detention_context.search(text[s_start:s_end]):
            return Reading(Indicator.DEATHS_IN_DETENTION, "percent" if percent else "people", 1.0)
        return Reading(Indicator.OTHER, "people", 0.0, "blocked")
    if best is None or best[1] < MIN_SCORE:
        return Reading(Indicator.OTHER, "percent" if percent else "people", best[1] if best else 0.0, "no_cue")
    indicator = best[0]
    if indicator is Indicator.APPREHENDED and Indicator.CONSCRIPTED in scores:
        # Naturalised migrants caught for not registering with the military are
        # `conscripted` (spec, "Indicator boundaries"), whatever the verb says.
        indicator = Indicator.CONSCRIPTED
    indicator = refine(text, indicator, end=end, sentence=sentence, clause=clause, language=language)
    return Reading(indicator, _unit(cues, indicator, percent, after), best[1])


_DIGIT = re.compile(r"\d")
_NUMBER_BEFORE = guarded(r"\d[\d,.]*\s+(?:[^\W\d_]+\s+){0,2}$")
_AMONG_BEFORE = guarded(r"\b(?:among|of|из|среди)(?:\s+the)?\s*$", re.IGNORECASE)


def _death_count(cues: Cues, text: str, start: int, end: int, qualifier_start: int, c_start: int, c_end: int) -> bool:
    """Whether the number counts deaths: a death word in its counted noun ("298 deaths"), one
    that heads the enumeration it is in ("fatalities included 258 … and 34 …"), or the deaths
    it is part of ("six children among the 298 deaths")."""
    after = text[end : min(c_end, end + 2 * DEATH_WINDOW_CHARS)]
    digit = _DIGIT.search(after)
    if digit and not _AMONG_BEFORE.search(after[: digit.start()]):
        after = after[: digit.start()]
    if cues.deaths.search(after):
        return True
    for m in cues.deaths.finditer(text, max(c_start, qualifier_start - 3 * DEATH_WINDOW_CHARS), qualifier_start):
        if not _NUMBER_BEFORE.search(text[max(c_start, m.start() - 30) : m.start()]):
            return True
    return False


# The indicators `refine` can narrow (to detained children or detained asylum seekers).
_REFINABLE = frozenset({Indicator.DETAINED, Indicator.DETENTION_FACILITIES, Indicator.MIGRANTS, Indicator.REFUGEES})


def refine(
    text: str, indicator: Indicator, *, end: int, sentence: tuple[int, int], clause: tuple[int, int], language: str
) -> Indicator:
    """Children and asylum seekers named as the counted noun narrow a detention count."""
    if indicator not in _REFINABLE:
        return indicator  # nothing below can change it: spare the sentence scan
    cues = cues_for(language)
    noun = text[end : _counted_noun_end(text, end, clause[1])]
    detention = indicator in (Indicator.DETAINED, Indicator.DETENTION_FACILITIES) or (
        indicator is not Indicator.APPREHENDED and cues.detention_context.search(text, sentence[0], sentence[1]) is not None
    )
    if not detention:
        return indicator
    if cues.children.search(noun) and indicator in (Indicator.DETAINED, Indicator.DETENTION_FACILITIES, Indicator.MIGRANTS):
        return Indicator.DETAINED_CHILDREN
    if cues.asylum_seekers.search(noun) and indicator in (Indicator.DETAINED, Indicator.MIGRANTS, Indicator.REFUGEES):
        return Indicator.DETAINED_ASYLUM_SEEKERS
    return indicator


# Up to COUNTED_NOUN_WORDS words (`_WORD`), each after a gap of characters that are not
# letters or digits (what `_WORD.finditer` skips) and hold no ",;:()." — one match in
# place of a loop over words. The atomic group keeps each word whole, as finditer does.
_COUNTED_NOUN = re.compile(
    rf"(?:(?>(?:_|[^\w,;:().])*[^\W_]+(?:[-'’][^\W_]+)*)){{0,{COUNTED_NOUN_WORDS}}}", re.UNICODE
)


def _counted_noun_end(text: str, end: int, limit: int) -> int:
    """Where the counted noun phrase after a number ends (a few words at most)."""
    m = _COUNTED_NOUN.match(text, end, limit)
    return m.end() if m else end


def _unit(cues: Cues, indicator: Indicator, percent: bool, after: str) -> str:
    if percent:
        return "percent"
    if indicator is Indicator.DETENTION_FACILITIES:
        return "facilities"
    if indicator is Indicator.DETENTION_CAPACITY:
        return "places"
    if indicator is Indicator.ASYLUM_APPLICATIONS:
        return "cases"
    for unit, pattern in cues.units:
        if pattern.match(after):
            return unit
    if cues.per_day.match(after):
        return "people per day"
    return "people"


def counted_words(text: str, end: int, limit: int, language: str) -> str | None:
    """The words after a number that name who is counted ("foreigners", "Central Asian migrants")."""
    stop = cues_for(language).counted_stop
    words: list[tuple[int, int]] = []
    pos = end
    for m in _WORD.finditer(text, end, limit):
        gap = text[pos : m.start()]
        if words and any(ch in gap for ch in ",;:()."):
            break
        if not words and any(ch in gap for ch in ",;:"):
            break
        if m.group(0).lower() in stop or m.group(0)[0].isdigit():
            break
        words.append((m.start(), m.end()))
        pos = m.end()
        if len(words) >= 6:
            break
    if not words:
        return None
    return text[words[0][0] : words[-1][1]]
