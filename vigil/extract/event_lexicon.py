"""The event word lists of a language, compiled once: triggers, hedges, time words, actors.

The words are data (`lexicons/<lang>/events.toml`); this module only turns them into
regular expressions, expanding Russian `{lemma}` placeholders into every inflected form
through `indicators.compile_patterns`, so matching at run time is one regex pass per
trigger over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vigil.extract import lexicon
from vigil.extract.alternation import PatternSet, guarded
from vigil.extract.indicators import compile_pattern_set, compile_patterns
from vigil.model import EVENT_SUBTYPES, EventType

__all__ = ["EventLexicon", "Trigger", "event_lexicon"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that report one kind of happening."""

    event_type: EventType
    subtype: str
    pattern: re.Pattern[str]
    rank: int  # order in the lexicon: within a type, the lower rank wins a clause
    summary_before: bool  # the object stands before the trigger ("legislation came into force")
    routine: bool  # a count of routine enforcement: an event only when not dated to a whole period


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """A language's compiled event table."""

    triggers: tuple[Trigger, ...]
    trigger_set: PatternSet  # the triggers' patterns, in order: one pass finds where triggers start
    hedge: re.Pattern[str]  # searched in the words just before a trigger
    next_day: re.Pattern[str]
    same_time: re.Pattern[str]
    deadline_prefix: re.Pattern[str]  # matched at the start of a date mention, or just before it
    obligation: re.Pattern[str]
    relative: re.Pattern[str]  # a clause opening that describes the word before it
    subordinate: re.Pattern[str]  # a clause opening whose date is its own ("while …, …")
    since: re.Pattern[str]  # a period opening that dates an event by its start ("since 5 February")
    nationwide: re.Pattern[str]  # a happening that covered the whole country
    context_types: frozenset[EventType]  # types whose triggers need migration words nearby
    context: re.Pattern[str]
    actors: tuple[tuple[str, re.Pattern[str]], ...]


_NEVER = re.compile(r"(?!x)x")


@lru_cache(maxsize=None)
def event_lexicon(language: str) -> EventLexicon:
    """The compiled event table for `language` (English rules for a language without one)."""
    lang = language if lexicon.load(language, "events") else "en"
    data: dict[str, Any] = lexicon.load(lang, "events")
    triggers = []
    entries = list(data.get("trigger", []))
    trigger_set = compile_pattern_set([list(entry["patterns"]) for entry in entries], lang)
    for rank, (entry, pattern) in enumerate(zip(entries, trigger_set.patterns)):
        event_type = EventType(entry["type"])
        subtype = str(entry["subtype"])
        if subtype not in EVENT_SUBTYPES[event_type]:
            raise ValueError(f"lexicons/{lang}/events.toml: {subtype!r} is not a subtype of {event_type.value!r}")
        triggers.append(
            Trigger(
                event_type=event_type,
                subtype=subtype,
                pattern=pattern,
                rank=rank,
                summary_before=entry.get("summary") == "before",
                routine=bool(entry.get("routine", False)),
            )
        )
    hedges = list(data.get("hedge", {}).get("before", []))
    hedge = guarded("|".join(f"(?:{h})" for h in hedges), re.IGNORECASE) if hedges else _NEVER
    anaphora: dict[str, list[str]] = data.get("anaphora", {})
    deadline: dict[str, list[str]] = data.get("deadline", {})
    prefixes = "|".join(re.escape(p) for p in sorted(deadline.get("prefixes", []), key=len, reverse=True))
    return EventLexicon(
        triggers=tuple(triggers),
        trigger_set=trigger_set,
        hedge=hedge,
        next_day=compile_patterns(list(anaphora.get("next_day", [])), lang),
        same_time=compile_patterns(list(anaphora.get("same_time", [])), lang),
        deadline_prefix=guarded(rf"(?<![^\W_])(?:{prefixes})\s*$|^\s*(?:{prefixes})(?![^\W_])", re.IGNORECASE)
        if prefixes
        else _NEVER,
        obligation=compile_patterns(list(deadline.get("obligation", [])), lang),
        relative=_opening(list(data.get("clause", {}).get("relative", []))),
        subordinate=_opening(list(data.get("clause", {}).get("subordinate", []))),
        since=_opening(list(data.get("time", {}).get("since", []))),
        nationwide=compile_patterns(list(data.get("scope", {}).get("nationwide", [])), lang),
        context_types=frozenset(EventType(t) for t in data.get("context", {}).get("types", [])),
        context=compile_patterns(list(data.get("context", {}).get("words", [])), lang),
        actors=tuple(
            (name, compile_patterns(list(patterns), lang))
            for name, patterns in data.get("actors", {}).items()
        ),
    )



def _opening(words: list[str]) -> re.Pattern[str]:
    """A pattern matching any of `words` at the start of a string (after spaces and "and")."""
    if not words:
        return _NEVER
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^[\s,]*(?:(?:and|и|а)\s+)?(?:{body})(?![^\W_])", re.IGNORECASE)
