"""Detention facilities named in a text: where, what kind, and the words that name them.

Reports name one centre in many ways — "the Sakharovo centre", "ЦВСИГ в Сахарове",
"TsVSIG Sakharovo", "Special Institution for the Temporary Detention of Foreign
Citizens No. 1, Moscow". `find_facilities` finds each mention with its span and reads
it into the parts a registry can match on: the kind of place (from its *designation*,
data in `lexicons/<lang>/facilities.toml`), a proper name, a place, a number and the
custodial authority when named with it.

The cascade for one mention:
  1. a designation is found ("detention centre", "ЦВСИГ" in any case form), or a bare
     head ("centre", "центр") that counts only in step 2's company;
  2. what stands around it makes it *specific*: a proper name before it ("the Sakharovo
     centre", "Dungavel, Scotland's only immigration removal centre"), a place adjective
     ("московский ЦВСИГ"), a quoted name («Сахарово»), a number ("No. 1", "№ 1") or a
     place after it ("at Sakharovo", "в деревне Сахарово"); after a plural head or a
     colon, a list of places gives one mention per place ("три центра: в Сахарове, в
     Егорьевске и в Королёве");
  3. the authority directly after the designation ("ЦВСИГ МВД") and status words nearby
     ("the former … centre", "строящийся") are read;
  4. a generic mention with a definite marker ("the detention centre", "в этом центре")
     is kept as a possible reference back to a specific one (`facility_links`).

`name_key` turns a name into the key that registry matching compares: Cyrillic is
transliterated and spellings are folded (kh/h, ts/c, yo/o), so "Сахарове",
"Sakharovo" and "Saharovo" share the key `saharov`. Like the rest of `vigil.extract`
this module is pure: no database, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vigil.extract import lexicon, morph

__all__ = ["FacilityMention", "KINDS", "find_facilities", "fold", "name_key", "place_key"]

KINDS: tuple[str, ...] = ("immigration_centre", "police_or_jail", "transit_zone", "border_post", "other")

# How far back a proper name may begin before its head ("Brook House IRC": two words).
PROPER_WORDS = 3
# Characters searched after a head for its place ("the centre, located in the village of Sakharovo").
PLACE_REACH = 60
# After a plural head, words that may come between it and "those in X" ("centres serving the
# capital region, alongside those in Egoryevsk"); more would reach another clause.
PLURAL_GAP_CHARS = 60
# Characters around a mention searched for status words ("the former detention centre").
STATUS_WINDOW = 40
# A token of a key shorter than this keeps its final vowels: stripping them would leave too little.
MIN_STEM = 4

_CAP = r"(?-i:[A-ZА-ЯЁ][\w’'\-]*)"
_CAPSEQ = rf"{_CAP}(?:(?:\s|-){_CAP})?"
_NUMBER = r"(?:No\.?|Nr\.?|Number|number|№|#)\s*(\d{1,3})\b"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FacilityMention:
    """One facility named in a text, `[start, end)` being the words that name it."""

    start: int
    end: int
    text: str
    name: str  # a normalised name a reader can recognise ("ЦВСИГ, Сахарово")
    kind: str  # one of KINDS
    kind_known: bool  # False for a bare "centre": the kind is a guess
    designation: str  # the designation's short form ("TsVSIG", "detention centre")
    proper: str | None
    place: str | None  # as a gazetteer writes it: nominative, capitalised
    number: str | None
    authority: str | None
    status: str | None  # open, closed or planned when the text says so nearby
    specific: bool  # names one facility, not a kind of place
    plural: bool
    definite: bool  # "the centre", "в этом центре": may refer back to a specific one
    key: str  # what registry matching compares (name_key of proper, place and number)


@dataclass(frozen=True, slots=True)
class _Designation:
    kind: str
    short: str
    abbreviation: bool
    bare: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    language: str
    designations: tuple[_Designation, ...]
    blocked_before: re.Pattern[str]
    stop: frozenset[str]
    place_after: re.Pattern[str]
    place_more: re.Pattern[str]
    place_plural: re.Pattern[str]
    bare_place: re.Pattern[str]
    authorities: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[tuple[str, re.Pattern[str]], ...]
    adjectives: tuple[tuple[str, str], ...]
    exonyms: dict[str, str]


# ---------------------------------------------------------------- public API


def find_facilities(text: str, language: str) -> list[FacilityMention]:
    """Every facility mention in `text`, in text order; specific and generic alike."""
    if not text:
        return []
    rules = _rules("ru" if language == "ru" else "en")
    # ё and е are one letter for matching (lemma forms are written with е); the swap keeps every offset.
    folded = text.replace("ё", "е").replace("Ё", "Е")
    out: list[FacilityMention] = []
    for start, end, designation in _heads(folded, rules):
        out.extend(_read(text, folded, start, end, designation, rules))
    out.sort(key=lambda m: (m.start, m.end, m.name))
    return out


def fold(text: str) -> str:
    """Lower case, Latin letters, spelling variants folded: the alphabet keys are written in."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    latin = re.sub(r"['’`ʹ]", "", latin)
    for old, new in _FOLDS:
        latin = latin.replace(old, new)
    latin = latin.replace("y", "")
    latin = re.sub(r"(.)\1+", r"\1", latin)  # double letters: "Korolyovv", "Sakharovvo"
    return " ".join(_WORD.findall(latin))


def place_key(place: str, language: str = "en") -> str:  # noqa: ARG001 - exonyms of every language apply
    """The key of a place: folded, exonyms resolved ("Moscow" = "Москва"), case endings off."""
    folded = fold(place)
    folded = _exonyms().get(folded, folded)
    return " ".join(_stem(token) for token in folded.split())


def name_key(proper: str | None, place: str | None, number: str | None, language: str = "en") -> str:
    """The key registry matching compares: the distinctive words of a name, sorted."""
    tokens: set[str] = set()
    for part in (proper, place):
        if part:
            tokens.update(place_key(part, language).split())
    if number:
        tokens.add(f"n{int(number)}")
    return " ".join(sorted(t for t in tokens if t))


# ---------------------------------------------------------------- heads


def _heads(text: str, rules: _Rules) -> list[tuple[int, int, _Designation]]:
    """Designation and bare-head matches, longest first, never overlapping."""
    found: list[tuple[int, int, int, _Designation]] = []
    for order, designation in enumerate(rules.designations):
        for m in designation.pattern.finditer(text):
            found.append((m.start(), m.end(), order, designation))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0]), item[2]))
    out: list[tuple[int, int, _Designation]] = []
    taken_until = -1
    for start, end, _, designation in found:
        if start < taken_until:
            continue
        out.append((start, end, designation))
        taken_until = end
    return out


def _read(
    text: str, folded: str, start: int, end: int, designation: _Designation, rules: _Rules
) -> list[FacilityMention]:
    """The mention (or mentions, for a list of places) a head at `[start, end)` makes.

    Patterns run on `folded` (ё as е); names and quotes are read from `text`.
    """
    russian = rules.language == "ru"
    before = text[max(0, start - 80) : start]
    head = text[start:end]
    plural = _plural(head, russian)
    first = start
    proper: str | None = None
    place: str | None = None

    # Step 2: what stands before the head.
    found = _proper_before(before, rules)
    if found is not None:
        proper, offset = found
        first = start - (len(before) - offset)
    if russian:
        adjective = _adjective_before(before, rules)
        if adjective is not None:
            place, offset = adjective
            first = start - (len(before) - offset)
    if designation.bare and _blocked(before, proper, rules):
        return []

    # What follows it: an abbreviation in brackets, a number, the authority, a quoted name.
    pos = end
    m = re.compile(r"\s*\(\s*([^()]{2,14}?)\s*\)").match(text, pos)
    if m and any(d.abbreviation and d.pattern.fullmatch(folded, m.start(1), m.end(1)) for d in rules.designations):
        pos = m.end()
    number = None
    m = re.compile(_NUMBER).match(text, pos) or re.compile(r"\s+" + _NUMBER).match(text, pos)
    if m:
        number, pos = m.group(1), m.end()
    authority = None
    for name, pattern in rules.authorities:
        m = pattern.match(folded, pos)
        if m:
            authority, pos = name, m.end()
            break
    m = re.compile(r"\s*[«\"“]([^»\"”\n]{2,40})[»\"”]").match(text, pos)
    if m and proper is None:
        proper, pos = m.group(1).strip(), m.end()

    # The place after it, and after a plural head or a colon, a list of places.
    places: list[tuple[str, int]] = []
    m = rules.place_after.match(text, pos)
    if m is None and number is not None:
        m = re.compile(rf",\s*({_CAPSEQ})").match(text, pos)
    if m is None and designation.abbreviation:
        m = re.compile(rf"[ \t]+(?!(?-i:[A-ZА-ЯЁ]{{2,}}\b))({_CAPSEQ})").match(text, pos)
    if m is None and plural and not russian:
        m = rules.place_plural.match(text, pos)
    if m is not None and _usable_place(m.group(m.lastindex or 1), rules):
        places.append((m.group(m.lastindex or 1), m.end()))
        listing = plural or ":" in text[pos : m.start(m.lastindex or 1)]
        while listing:
            more = rules.place_more.match(text, places[-1][1])
            if more is None or not _usable_place(more.group(1), rules):
                break
            places.append((more.group(1), more.end()))
    if designation.bare and proper is None and not places:
        # A bare head alone is kept only as a reference back: "в этом центре", "the centre".
        definite = _DEFINITE_RU.search(before) if russian else _DEFINITE_EN.search(before)
        if not definite or plural or re.match(r"\s+(?:of|for|и|of the)\b|\s+[а-яё]+(?:а|ы|и)\b", text[pos:pos + 20]):
            return []

    status = _status(text, first, places[-1][1] if places else pos, rules)
    if not places:
        return [_mention(text, first, pos if (number or authority or proper) else end, designation, proper, place,
                         number, authority, status, plural, rules, before)]
    out = []
    listed = len(places) > 1
    for written, item_end in places:
        out.append(
            _mention(text, first, item_end, designation, proper if not listed else None, _normal_place(written, rules),
                     number, authority, status, plural and not listed, rules, before)
        )
    return out


def _mention(
    text: str, start: int, end: int, designation: _Designation, proper: str | None, place: str | None,
    number: str | None, authority: str | None, status: str | None, plural: bool, rules: _Rules, before: str,
) -> FacilityMention:
    russian = rules.language == "ru"
    specific = bool(proper or place or number) and not plural
    key = name_key(proper, place, number, rules.language)
    name = _display(designation, proper, place, number, russian)
    definite = bool(_DEFINITE_RU.search(before) if russian else _DEFINITE_EN.search(before)) and not plural
    while end > start and text[end - 1] in " ,:;":
        end -= 1
    return FacilityMention(
        start=start, end=end, text=text[start:end], name=name, kind=designation.kind,
        kind_known=not designation.bare, designation=designation.short, proper=proper, place=place, number=number,
        authority=authority, status=status, specific=specific and bool(key), plural=plural, definite=definite, key=key,
    )


def _display(designation: _Designation, proper: str | None, place: str | None, number: str | None, russian: bool) -> str:
    if proper and russian:
        name = f"{designation.short} «{proper}»"
    elif proper:
        name = f"{proper} {designation.short}"
    else:
        name = designation.short
    if number:
        name += f" № {number}" if russian else f" No. {number}"
    if place and (proper is None or place_key(place) != place_key(proper)):
        name += f", {place}"
    return name[:1].upper() + name[1:]


_DEFINITE_EN = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_DEFINITE_RU = re.compile(r"\b(?:этот|этом|этого|этому|этим|эту|эта|этой|том же|тот же|того же|данном|данный|данного)\s+$",
                          re.IGNORECASE)


_PLURAL_HEAD_EN = re.compile(
    r"\b(?:centres|centers|facilities|institutions|camps|stations|jails|prisons|zones|areas|posts|crossings|"
    r"checkpoints|IRCs|departments|precincts|lock-?ups)\b", re.IGNORECASE)


def _plural(head: str, russian: bool) -> bool:
    """Whether the head names several places: its first word in Russian (the noun or its
    agreeing adjective), its head noun in English ("Centre for … Citizens" is one)."""
    if not russian:
        return bool(_PLURAL_HEAD_EN.search(head))
    first = head.split()[0] if head.split() else head
    if first.isupper():
        return False  # abbreviations do not inflect
    parses = morph.analyzer().parse(first)
    return bool(parses) and "plur" in parses[0].tag


def _proper_before(before: str, rules: _Rules) -> tuple[str, int] | None:
    """A proper name right before the head, and where it starts in `before`."""
    if rules.language == "ru":
        return None
    m = _APPOSITION.search(before)
    if m and not _all_stop(m.group(1), rules):
        return m.group(1), m.start(1)
    m = re.search(rf"((?:{_CAP}\s+){{1,{PROPER_WORDS}}})$", before)
    if m is None:
        return None
    words = [(w.group(), m.start(1) + w.start()) for w in re.finditer(r"\S+", m.group(1))]
    while words and words[0][0] in rules.stop:
        words.pop(0)
    if not words or words[-1][0] in rules.stop:
        return None
    return " ".join(w for w, _ in words), words[0][1]


# "At Dungavel, Scotland's only immigration removal centre": the name, then the head in apposition.
_APPOSITION = re.compile(
    rf"\b(?:at|in)\s+({_CAP}(?:\s+{_CAP})?),\s+(?:(?-i:[A-Z][\w\-]*)['’]s\s+)?(?:the\s+)?"
    r"(?:only|main|largest|biggest|new|former|sole|second|first|oldest)\s+$",
    re.IGNORECASE,
)


def _all_stop(words: str, rules: _Rules) -> bool:
    return all(w in rules.stop for w in words.split())


def _adjective_before(before: str, rules: _Rules) -> tuple[str, int] | None:
    m = re.search(r"([а-яё]+)\s+$", before)
    if m is None:
        return None
    word = m.group(1).lower()
    for stem, place in rules.adjectives:
        if word.startswith(stem) and len(word) - len(stem) <= 4:
            return place, m.start(1)
    return None


def _blocked(before: str, proper: str | None, rules: _Rules) -> bool:
    """Whether the word before a bare head makes it some other kind of centre ("city centre")."""
    m = re.search(r"([\w\-]+)\s*$", before)
    if m is not None and rules.blocked_before.fullmatch(m.group(1)):
        return True
    return proper is not None and any(rules.blocked_before.fullmatch(w) for w in proper.split())


def _usable_place(written: str, rules: _Rules) -> bool:
    words = written.replace("-", " ").split()
    return bool(words) and not all(w in rules.stop for w in words) and not any(
        pattern.fullmatch(written) for _, pattern in rules.authorities
    )


def _status(text: str, start: int, end: int, rules: _Rules) -> str | None:
    left = text[max(0, start - STATUS_WINDOW) : start]
    right = text[end : end + STATUS_WINDOW]
    left = re.split(r"[.!?;\n]", left)[-1]
    right = re.split(r"[.!?;\n]", right)[0]
    for status, pattern in rules.statuses:
        if pattern.search(left) or pattern.search(right):
            return status
    return None


# ---------------------------------------------------------------- places


def _normal_place(written: str, rules: _Rules) -> str:
    """A place as a gazetteer writes it: "Сахарове" -> "Сахарово", "Новой Москвы" -> "Новая Москва"."""
    if rules.language != "ru" or not re.search(r"[а-яё]", written, re.IGNORECASE):
        return written
    words = re.split(r"(\s+|-)", written)
    nouns = [w for w in words[::2] if w]
    if len(nouns) == 1:
        return _cap(_toponym(nouns[0]))
    analyzer = morph.analyzer()
    last = analyzer.parse(nouns[-1])[0]
    noun = _toponym(nouns[-1])
    gender = analyzer.parse(noun)[0].tag.gender or last.tag.gender
    out = []
    for w in nouns[:-1]:
        parse = analyzer.parse(w)[0]
        if "ADJF" in parse.tag and gender:
            inflected = parse.inflect({"nomn", "sing", gender})
            out.append(_cap(inflected.word if inflected else parse.normal_form))
        else:
            out.append(_cap(w))
    joiner = "-" if "-" in written and " " not in written else " "
    return joiner.join(out + [_cap(noun)])


def _toponym(word: str) -> str:
    """The nominative of a Russian place name in any case, preferring the gazetteer readings."""
    analyzer = morph.analyzer()
    parses = analyzer.parse(word)
    for parse in parses:
        if "Geox" in parse.tag:
            return str(parse.normal_form)
    lower = word.lower()
    for ending, nominative in (("е", "о"), ("а", "о"), ("у", "о")):
        if lower.endswith(ending) and len(lower) > 4:
            candidate = lower[: -len(ending)] + nominative
            if any("Geox" in p.tag for p in analyzer.parse(candidate)):
                return candidate
    if lower.endswith(("ове", "еве", "ёве", "ине", "ыне")):
        return lower[:-1] + "о"  # "в Сахарове": the locative of a neuter place name in -ово
    if parses and parses[0].tag.case in ("loct", "gent", "datv") and "NOUN" in parses[0].tag:
        return str(parses[0].normal_form)
    return lower


def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _stem(token: str) -> str:
    if len(token) <= MIN_STEM:
        return token
    stripped = token.rstrip("aeiou")
    return stripped if len(stripped) >= MIN_STEM - 1 else token


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ў": "u", "ғ": "g", "қ": "k", "ң": "n",
    "ө": "o", "ү": "u", "ҳ": "h", "ә": "a",
}
# Spelling variants of one sound, folded after transliteration (order matters: "shch" first).
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sch"), ("kh", "h"), ("tz", "c"), ("ts", "c"), ("yo", "o"), ("yu", "u"), ("ya", "a"),
    ("ye", "e"), ("iy", "i"), ("ii", "i"), ("ph", "f"), ("w", "v"), ("j", ""),
)


# ---------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, str]:
    """Every language's exonyms, folded: "Moscow" is read as "Москва" whichever language writes it."""
    out: dict[str, str] = {}
    for language in lexicon.LANGUAGES:
        out.update(_rules(language).exonyms)
    return out


def _expand(pattern: str, language: str) -> str:
    """`{lemma}` -> an alternation of every inflected form (Russian; the same rule as indicators.toml)."""
    if "{" not in pattern or language != "ru":
        return pattern

    def sub(m: re.Match[str]) -> str:
        words = sorted(morph.forms(m.group(1)), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    return re.sub(r"\{([^\W\d_][^{}]*)\}", sub, pattern)


def _word_regex(patterns: Iterable[str], language: str) -> re.Pattern[str]:
    expanded = [_expand(p, language) for p in patterns]
    if not expanded:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(expanded) + r")(?![^\W_])", re.IGNORECASE)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _rules(language: str) -> _Rules:
    lex: dict[str, Any] = lexicon.load(language, "facilities")
    designations = [
        _Designation(
            kind=str(d["kind"]), short=str(d["short"]), abbreviation=bool(d.get("abbreviation", False)), bare=False,
            pattern=_word_regex(d["patterns"], language),
        )
        for d in lex.get("designation", [])
    ]
    bare = lex.get("bare", {})
    if bare:
        designations.append(
            _Designation(kind=str(bare["kind"]), short=str(bare["short"]), abbreviation=False, bare=True,
                         pattern=_word_regex(bare["patterns"], language))
        )
    proper = lex.get("proper", {})
    prepositions = _alternation(proper.get("prepositions", []))
    nouns = _alternation(proper.get("place_nouns", []))
    the = r"(?:the\s+)?" if language == "en" else ""
    place_noun = rf"(?:(?:{nouns})\s+)?" if nouns else ""
    lead = rf"(?:(?:located|situated)\s+)?(?:{prepositions})\s+{the}{place_noun}"
    place_after = re.compile(rf"\s*[,:]?\s*{lead}({_CAPSEQ})", re.IGNORECASE)
    joiner = r"(?:\s*,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+)"
    place_more = re.compile(rf"{joiner}(?:(?:{prepositions})\s+{the}{place_noun})?({_CAPSEQ})", re.IGNORECASE)
    place_plural = re.compile(rf"[^.;:!?\n]{{0,{PLURAL_GAP_CHARS}}}?\b(?:those|the ones|ones)\s+(?:{prepositions})\s+({_CAPSEQ})",
                              re.IGNORECASE)
    authorities = tuple(
        (str(name), re.compile(r"\s*(?:of the\s+|of\s+|при\s+)?(?:" + "|".join(_expand(p, language) for p in patterns)
                               + r")(?![^\W_])", re.IGNORECASE))
        for name, patterns in lex.get("authorities", {}).items()
    )
    statuses = tuple((str(name), _word_regex(patterns, language)) for name, patterns in lex.get("status", {}).items())
    exonyms = {fold(k): fold(v) for k, v in lex.get("exonyms", {}).items()}
    return _Rules(
        language=language,
        designations=tuple(designations),
        blocked_before=re.compile("|".join(_expand(p, language) for p in bare.get("blocked_before", [])) or r"(?!x)x",
                                  re.IGNORECASE),
        stop=frozenset(proper.get("stop", [])),
        place_after=place_after,
        place_more=place_more,
        place_plural=place_plural,
        bare_place=place_after,
        authorities=authorities,
        statuses=statuses,
        adjectives=tuple(sorted(((str(k), str(v)) for k, v in lex.get("place_adjectives", {}).items()),
                                key=lambda kv: -len(kv[0]))),
        exonyms=exonyms,
    )
