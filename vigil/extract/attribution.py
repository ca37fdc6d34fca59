"""Who a figure is attributed to: reporting clauses ("according to …", "… said").

A researcher cites a figure by its source, so the extractor names the body a text
credits. Where an official is named together with the body they speak for
("Dmitry Aristov, the Director of the Federal Bailiff Service"), the body is given,
as the spec's own example does. The phrases are data (lexicons/<lang>/attribution.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigil.extract import lexicon
from vigil.extract.alternation import dispatch, starts

__all__ = ["Attribution", "find_attributions", "agency_countries"]

# An English name: capitalised words or acronyms, with small joining words inside.
_CAP = r"(?:[A-Z][\w'’.&-]*[\w.]|[A-Z]|\([A-Z][A-Za-z]{1,7}\))"
_NAME_EN = rf"{_CAP}(?:[ \t]+(?:(?:of|the|and|for|on|de|to|in)[ \t]+)*{_CAP})*"
_CAP_RU = r"(?:[А-ЯЁA-Z][\wё'’.«»\"-]*[\wё»\"]|[А-ЯЁA-Z]{2,})"
_NAME_RU = rf"{_CAP_RU}(?:[ \t]+(?:(?:по|в)[ \t]+)?(?:{_CAP_RU}|(?:вопросам|миграции|внутренних|дел|специального|назначения))){{0,6}}"
# "the Tajik news agency Asia-Plus", "the extremism monitor Sova Research Center": the name
# after a lower-case description is the source.
_DESCRIBED = re.compile(
    r"[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:news agency|agency|newspaper|paper|outlet|website|site|channel|monitor|group"
    r"|organi[sz]ation|ngo|daily|weekly|broadcaster|service|издание|агентство|газета|портал|сайт|канал)[ \t]+"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause: where it stands and the source it names."""

    start: int
    end: int
    source: str


@dataclass(frozen=True, slots=True)
class _Table:
    before: re.Pattern[str]
    after_verb: re.Pattern[str]
    verb_then_name: re.Pattern[str]
    appositive: re.Pattern[str]
    body_words: frozenset[str]


def _alternation(words: list[str]) -> str:
    """`words` as one alternation, longest first, its branches grouped by first character
    so a scan tries only the words that can start where it stands (alternation.dispatch)."""
    ordered = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return dispatch(ordered) if ordered else ""


def _first_chars(words: list[str]) -> str | None:
    """A case-insensitive class of the characters `words` start with (None if one is empty).

    A look at this class before an alternation of words spares trying every word at
    every position of a text; it skips only positions where no word starts, so what
    the pattern matches is unchanged, and the scan runs two to three times faster.
    """
    if not words or not all(words):
        return None
    return "(?i:[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


@lru_cache(maxsize=None)
def _table(language: str) -> _Table:
    data = lexicon.load(language, "attribution") or lexicon.load("en", "attribution")
    name = _NAME_RU if language == "ru" else _NAME_EN
    verbs = _alternation(list(data.get("verbs", [])))
    before = _alternation(list(data.get("before", [])))
    generic = _alternation(list(data.get("generic", [])))
    the = r"(?:(?i:the|a|an)\s+)?(?:[\w’']+(?:’s|'s)\s+)?"
    before_first = _first_chars(list(data.get("before", [])))
    verb_first = _first_chars(list(data.get("verbs", [])))
    before_guard = f"(?={before_first})" if before_first else ""
    verb_guard = rf"(?=,|\b[ \t]*{verb_first})" if verb_first else ""
    return _Table(
        before=re.compile(rf"{before_guard}(?i:{before})\s+(?i:data\s+from\s+)?{the}(?P<name>{name}|(?i:{generic}))"),
        after_verb=re.compile(rf"(?<![\w])(?P<name>{name}|(?i:{generic}))\s*(?:,[^,]{{1,60}},\s*)?(?:{verbs})\b"),
        verb_then_name=re.compile(rf"{verb_guard}(?:,|\b)[ \t]*(?i:{verbs})[ \t]+(?P<name>{name})"),
        appositive=re.compile(rf"^,?\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,3}}?(?:of|at|for)\s+(?:the\s+)?(?P<name>{name})"),
        body_words=frozenset(w.lower() for w in data.get("body_words", [])),
    )


def _is_body(name: str, body_words: frozenset[str]) -> bool:
    return any(w.lower().strip("()") in body_words for w in name.split())


_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _clean(name: str) -> str:
    name = re.split(r"\.(?=[A-ZА-ЯЁ])", name)[0]  # "ТАСС.Как": a sentence glued to the name
    name = name.strip(" ,.;:")
    return _LEADING_THE.sub("", name) if name[:4].lower() == "the " and name[4:5].isupper() else name


def find_attributions(text: str, language: str, start: int = 0, end: int | None = None) -> list[Attribution]:
    """Reporting clauses in `text[start:end]`, in order, each with the source it names."""
    table = _table(language)
    end = len(text) if end is None else end
    found: list[Attribution] = []
    for pattern in (table.before, table.after_verb, table.verb_then_name):
        for m in pattern.finditer(text, start, end):
            name = m.group("name")
            name_end = m.end("name")
            described = _DESCRIBED.match(text, name_end, min(end, name_end + 60))
            if described:
                further = re.match(_NAME_RU if language == "ru" else _NAME_EN, text[described.end() : min(end, described.end() + 80)])
                if further:
                    name, name_end = further.group(0), described.end() + further.end()
            if not _is_body(name, table.body_words):
                apposition = table.appositive.match(text[name_end : min(end, name_end + 120)])
                if apposition and _is_body(apposition.group("name"), table.body_words):
                    name = apposition.group("name")
            source = _clean(name)
            if len(source) < 2 or source.lower() in {"it", "he", "she", "they", "we", "this"}:
                continue
            found.append(Attribution(m.start(), m.end(), source))
    found.sort(key=lambda a: a.start)
    return found


@lru_cache(maxsize=None)
def _agencies(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for lang in (language, "en"):
        for name, code in lexicon.load(lang, "attribution").get("agencies", {}).items():
            table.setdefault(name.lower(), str(code))
    if not table:
        return re.compile(r"(?!x)x"), table
    names = tuple(re.escape(w) for w in table)
    pattern = re.compile(rf"{starts(names)}(?<![\w])(?:{_alternation(list(table))})(?![\w])", re.IGNORECASE)
    return pattern, table


def agency_countries(text: str, language: str, start: int, end: int) -> list[tuple[int, str]]:
    """Agencies named in `text[start:end]` whose name tells the acting country: (offset, ISO code)."""
    return list(_agency_countries(text, language, start, end))


# Every number looks for agencies in its clause and its sentence, and the numbers of
# a sentence share it, so each span is scanned once. A few entries suffice; keeping
# few also keeps few texts alive.
AGENCY_SPAN_CACHE = 16


@lru_cache(maxsize=AGENCY_SPAN_CACHE)
def _agency_countries(text: str, language: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    pattern, table = _agencies(language)
    out = []
    for m in pattern.finditer(text, start, end):
        word = m.group(0)
        if word.isupper() or word[0].isupper():
            out.append((m.start(), table[word.lower()]))
    return tuple(out)
