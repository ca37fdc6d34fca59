"""Who a figure is attributed to: reporting clauses ("according to …", "… said").

A researcher cites a figure by its source, so the extractor names the body a text
credits. Where an official is named together with the body they speak for
("Dmitry Aristov, the Director of the Federal Bailiff Service"), the body is given,
as the spec's own example does. The phrases are data (lexicons/<lang>/attribution.toml).

Speed: a clause is found by three patterns, and a plain `finditer` of each tries it at
every position of a text (the name before a verb backtracks through every run of
capitalised words). A clause needs a phrase or a verb, though, and those are found
cheaply as lower-cased substrings (`_Anchors`); each pattern is then tried only at the
positions such an occurrence allows, left to right, as `finditer` would (`_leftmost`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import attrgetter

# The table of characters `re` treats as equal ignoring case beyond lower-casing ("ſ" and
# "s"): the private module is the only place it is kept (re._casefix, 3.11+).
from re import _casefix as _cf  # type: ignore[attr-defined]

from vigil.extract import lexicon
from vigil.extract.alternation import dispatch, starts

__all__ = ["Attribution", "find_attributions", "agency_countries"]

# An English name: capitalised words or acronyms, with small joining words inside.
_CAP = r"(?:[A-Z][\w'’.&-]*[\w.]|[A-Z]|\([A-Z][A-Za-z]{1,7}\))"
_NAME_EN = rf"{_CAP}(?:[ \t]+(?:(?:of|the|and|for|on|de|to|in)[ \t]+)*{_CAP})*"
_CAP_RU = r"(?:[А-ЯЁA-Z][\wё'’.«»\"-]*[\wё»\"]|[А-ЯЁA-Z]{2,})"
_NAME_RU = rf"{_CAP_RU}(?:[ \t]+(?:(?:по|в)[ \t]+)?(?:{_CAP_RU}|(?:вопросам|миграции|внутренних|дел|специального|назначения))){{0,6}}"
# Where a name can begin: the first characters of _CAP and _CAP_RU, after no word character.
_NAME_HEAD_EN = r"(?<![\w])[A-Z(]"
_NAME_HEAD_RU = r"(?<![\w])[А-ЯЁA-Z]"
# Every character a name or a generic source can hold (a superset): a name ending at some
# position begins no earlier than the run of them that ends there.
_NAME_CHARS = re.compile(r"[\w'’.&()«»\" \t-]*")
_SPACES_BACK = re.compile(r"\s*")
_BLANKS_BACK = re.compile(r"[ \t]*")
# "the Tajik news agency Asia-Plus", "the extremism monitor Sova Research Center": the name
# after a lower-case description is the source.
_DESCRIBED = re.compile(
    r"[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:news agency|agency|newspaper|paper|outlet|website|site|channel|monitor|group"
    r"|organi[sz]ation|ngo|daily|weekly|broadcaster|service|издание|агентство|газета|портал|сайт|канал)[ \t]+"
)
# A phrase is searched for by its first few characters: one substring search per distinct
# beginning ("report" for "report", "reports", "reported"), and a pattern tried at the few
# extra places where a beginning stands alone ("statement") costs less than a search.
ROOT_CHARS = 6
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "this"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause: where it stands and the source it names."""

    start: int
    end: int
    source: str


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Where phrases matched ignoring case can begin, found as substrings of the lower-cased text.

    `re` matches a letter ignoring case where the text's letter lowers to it, or to one of
    a few look-alikes ("ſ" for "s", "ı" for "i"); `str.lower` does the same but for those
    look-alikes and for letters that lower to two ("İ"). In a text with either the
    substrings may miss a place: it is not `usable`, and the patterns scan all of it.
    """

    roots: tuple[str, ...]  # lower-cased beginnings: every phrase starts with one of them
    unsafe: tuple[str, ...]  # look-alikes of the phrases' letters
    complete: bool  # False for no phrases or an empty one: a pattern might then match anywhere

    def positions(self, lowered: str, start: int, end: int) -> set[int]:
        """Every position in [start, end) where a root stands in `lowered`."""
        found: set[int] = set()
        for root in self.roots:
            at = lowered.find(root, start, end)
            while at >= 0:
                found.add(at)
                at = lowered.find(root, at + 1, end)
        return found

    def usable(self, text: str, lowered: str) -> bool:
        """Whether `positions` in `lowered` finds every place a phrase matches `text` ignoring case."""
        return self.complete and len(lowered) == len(text) and not any(ch in lowered for ch in self.unsafe)


def _anchors(phrases: Iterable[str]) -> _Anchors:
    """The roots of `phrases` (their first ROOT_CHARS characters, lower-cased, none beginning with
    another) and the look-alike letters that would hide them from a lower-cased search."""
    lowered = sorted({p.lower()[:ROOT_CHARS] for p in phrases}, key=len)
    roots: list[str] = []
    for p in lowered:
        if not any(p.startswith(r) for r in roots):
            roots.append(p)
    unsafe = {chr(c) for p in lowered for ch in p for c in _cf._EXTRA_CASES.get(ord(ch), ())}
    return _Anchors(tuple(roots), tuple(sorted(unsafe)), complete=bool(lowered) and all(lowered))


@dataclass(frozen=True, slots=True)
class _Table:
    before: re.Pattern[str]
    after_verb: re.Pattern[str]
    verb_then_name: re.Pattern[str]
    appositive: re.Pattern[str]
    body_words: frozenset[str]
    name: re.Pattern[str]
    # Where the patterns can match (see `_clause_matches`).
    before_anchors: _Anchors
    verb_anchors: _Anchors
    verb_cased: re.Pattern[str]  # a verb as `after_verb` reads it: as written, a word ending after it
    verb_any_case: re.Pattern[str]  # a verb as `verb_then_name` reads it: any case, blanks after it
    name_head: re.Pattern[str]
    generic_lengths: tuple[int, ...]


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
        name=re.compile(name),
        before_anchors=_anchors(data.get("before", [])),
        verb_anchors=_anchors(data.get("verbs", [])),
        verb_cased=re.compile(rf"(?:{verbs})\b"),
        verb_any_case=re.compile(rf"(?i:{verbs})[ \t]+"),
        name_head=re.compile(_NAME_HEAD_RU if language == "ru" else _NAME_HEAD_EN),
        generic_lengths=tuple(sorted({len(w) for w in data.get("generic", [])})),
    )


def _is_body(name: str, body_words: frozenset[str]) -> bool:
    return any(w.lower().strip("()") in body_words for w in name.split())


_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_GLUED_SENTENCE = re.compile(r"\.(?=[A-ZА-ЯЁ])")


def _clean(name: str) -> str:
    name = _GLUED_SENTENCE.split(name)[0]  # "ТАСС.Как": a sentence glued to the name
    name = name.strip(" ,.;:")
    return _LEADING_THE.sub("", name) if name[:4].lower() == "the " and name[4:5].isupper() else name


def find_attributions(text: str, language: str, start: int = 0, end: int | None = None) -> list[Attribution]:
    """Reporting clauses in `text[start:end]`, in order, each with the source it names."""
    table = _table(language)
    end = len(text) if end is None else end
    found: list[Attribution] = []
    for m in chain.from_iterable(_clause_matches(text, table, start, end)):
        name = m.group("name")
        name_end = m.end("name")
        described = _DESCRIBED.match(text, name_end, min(end, name_end + 60))
        if described:
            further = table.name.match(text[described.end() : min(end, described.end() + 80)])
            if further:
                name, name_end = further.group(0), described.end() + further.end()
        if not _is_body(name, table.body_words):
            apposition = table.appositive.match(text[name_end : min(end, name_end + 120)])
            if apposition and _is_body(apposition.group("name"), table.body_words):
                name = apposition.group("name")
        source = _clean(name)
        if len(source) < 2 or source.lower() in _PRONOUNS:
            continue
        found.append(Attribution(m.start(), m.end(), source))
    found.sort(key=attrgetter("start"))
    return found


# ---------------------------------------------------------------- where the patterns can match


def _clause_matches(text: str, table: _Table, start: int, end: int) -> tuple[list[re.Match[str]], ...]:
    """`list(p.finditer(text, start, end))` for the three patterns (before, after_verb,
    verb_then_name), each tried only where a phrase or verb lets it match (or, in a text
    the lower-cased search cannot read, the plain scans themselves)."""
    patterns = (table.before, table.after_verb, table.verb_then_name)
    lowered = text.lower()
    if not (table.before_anchors.usable(text, lowered) and table.verb_anchors.usable(text, lowered)):
        return tuple(list(p.finditer(text, start, end)) for p in patterns)
    lo, hi = _bounds(text, start, end)
    before = sorted(table.before_anchors.positions(lowered, lo, hi))
    after, then = _verb_candidates(text, table, sorted(table.verb_anchors.positions(lowered, lo, hi)), lo, hi)
    return tuple(_leftmost(p, text, c, hi) for p, c in zip(patterns, (before, after, then), strict=True))


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` and `end` as `re` clamps them to the text."""
    return min(max(start, 0), len(text)), min(max(end, 0), len(text))


def _leftmost(pattern: re.Pattern[str], text: str, candidates: Iterable[int], end: int) -> list[re.Match[str]]:
    """What `pattern.finditer(text, start, end)` finds, given (ascending) every position from
    `start` where it can match: the first match, then the first from where it ends, and so on.
    (None of the patterns matches the empty string, so a match always moves the scan on.)"""
    found: list[re.Match[str]] = []
    free = 0
    for at in candidates:
        if at >= free and (m := pattern.match(text, at, end)) is not None:
            found.append(m)
            free = m.end()
    return found


def _verb_candidates(
    text: str, table: _Table, verbs: list[int], start: int, end: int
) -> tuple[list[int], list[int]]:
    """Where `after_verb` and `verb_then_name` can match, from the positions where a verb may stand.

    `after_verb` is "name, blanks, an optional ", aside," and the verb". Read back from the
    verb, the blanks end the name, or a comma that closes the aside, which opens 2 to 61
    characters before at the comma before it; the name ends at the blanks before that.
    `verb_then_name` begins at the verb, at the blanks before it, or at a comma before those.
    """
    after: set[int] = set()
    then: set[int] = set()
    if not verbs:
        return [], []
    back = text[::-1]  # runs before a position are read forwards in the reversed text
    # Names before verbs and names before asides, each asked for in ascending order.
    before_verb, before_aside = _NameStarts(text, back, table, start), _NameStarts(text, back, table, start)
    for verb in verbs:
        if table.verb_cased.match(text, verb, end):
            close = verb - _run_back(_SPACES_BACK, back, verb)
            after.update(before_verb.ending_at(close))
            if close and text[close - 1] == ",":
                comma = text.rfind(",", max(0, close - 62), close - 1)
                if 0 <= comma <= close - 3:
                    after.update(before_aside.ending_at(comma - _run_back(_SPACES_BACK, back, comma)))
        if table.verb_any_case.match(text, verb, end):
            blanks = verb - _run_back(_BLANKS_BACK, back, verb)
            then.update(at for at in (blanks - 1, blanks, verb) if at >= start)
    return sorted(after), sorted(then)


def _run_back(pattern: re.Pattern[str], back: str, position: int) -> int:
    """How many characters before `position` `pattern` matches, read backwards (`back` is the reversed text)."""
    at = len(back) - position
    m = pattern.match(back, at)
    return m.end() - at if m else 0


class _NameStarts:
    """Where a name or a generic source ending at a given position can begin, from `start` on.

    A name lies in the run of name characters (_NAME_CHARS) that ends where it ends, and
    begins there at a capital (or a "("); a generic source begins as far back as it is
    long. The ends are asked for in ascending order, and an end in the run the last one
    was in gets only the beginnings not given yet: a long run with many verbs in it ("said
    said said …" on one line) is read once, not once per verb.
    """

    __slots__ = ("_text", "_back", "_table", "_start", "_read")

    def __init__(self, text: str, back: str, table: _Table, start: int) -> None:
        self._text, self._back, self._table, self._start = text, back, table, start
        self._read = -1  # the last run was read up to here (-1: none was)

    def ending_at(self, name_end: int) -> list[int]:
        """Positions where a name ending at `name_end` can begin (less those given for an earlier end in the run)."""
        if name_end <= self._start:
            return []
        if 0 <= self._read <= name_end and _NAME_CHARS.fullmatch(self._text, self._read, name_end):
            first = self._read  # still the last run: the part before was read
        else:
            first = name_end - _run_back(_NAME_CHARS, self._back, name_end)
        self._read = name_end
        found = [m.start() for m in self._table.name_head.finditer(self._text, max(first, self._start), name_end)]
        found.extend(name_end - n for n in self._table.generic_lengths if name_end - n >= self._start)
        return found


# ---------------------------------------------------------------- agencies


@dataclass(frozen=True, slots=True)
class _Agencies:
    pattern: re.Pattern[str]
    codes: dict[str, str]
    begins: re.Pattern[str]  # where a name begins, whatever follows it
    anchors: _Anchors


@lru_cache(maxsize=None)
def _agencies(language: str) -> _Agencies:
    table: dict[str, str] = {}
    for lang in (language, "en"):
        for name, code in lexicon.load(lang, "attribution").get("agencies", {}).items():
            table.setdefault(name.lower(), str(code))
    if not table:
        nothing = re.compile(r"(?!x)x")
        return _Agencies(nothing, table, nothing, _anchors([]))
    names = tuple(re.escape(w) for w in table)
    head = rf"{starts(names)}(?<![\w])"
    alternation = _alternation(list(table))
    return _Agencies(
        pattern=re.compile(rf"{head}(?:{alternation})(?![\w])", re.IGNORECASE),
        codes=table,
        begins=re.compile(rf"{head}(?=(?:{alternation}))", re.IGNORECASE),
        anchors=_anchors(table),
    )


def agency_countries(text: str, language: str, start: int, end: int) -> list[tuple[int, str]]:
    """Agencies named in `text[start:end]` whose name tells the acting country: (offset, ISO code)."""
    return list(_agency_countries(text, language, start, end))


# Every number looks for agencies in its clause and its sentence, and the numbers of
# a sentence share it, so each span is scanned once. A few entries suffice; keeping
# few also keeps few texts alive.
AGENCY_SPAN_CACHE = 16


@lru_cache(maxsize=AGENCY_SPAN_CACHE)
def _agency_countries(text: str, language: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    agencies = _agencies(language)
    lo, hi = _bounds(text, start, end)
    begins = _agency_begins(text, language)
    candidates = begins[bisect_left(begins, lo) : bisect_left(begins, hi)]
    out = []
    for m in _leftmost(agencies.pattern, text, candidates, hi):
        word = m.group(0)
        if word.isupper() or word[0].isupper():
            out.append((m.start(), agencies.codes[word.lower()]))
    return tuple(out)


@lru_cache(maxsize=2)
def _agency_begins(text: str, language: str) -> tuple[int, ...]:
    """Every position where an agency's name begins in `text`, whatever follows it.

    A span's matches can only start at these, so each span (a clause, a sentence, the
    text before a sentence: dozens per text) is matched there, not scanned through."""
    agencies = _agencies(language)
    lowered = text.lower()
    if not agencies.anchors.usable(text, lowered):
        return tuple(m.start() for m in agencies.begins.finditer(text))
    return tuple(at for at in sorted(agencies.anchors.positions(lowered, 0, len(text))) if agencies.begins.match(text, at))
