"""Where a figure happened: the country that acted, and the city or region named.

A report names many places, and most are not where the counted thing happened:
"migrants from Tajikistan" (an origin), "deported to Uzbekistan" (a destination),
"Honduras (97,968)" (a nationality breakdown), "Cairo:" (a dateline), "the Dublin
Regulation" (a treaty), "Tajik migrants" (a nationality). `acting_countries` reads
each place mention in its context once and keeps the country only where the mention
says where things happened; `choose_place` then takes the nearest such mention to a
number, in its clause, its sentence, the lines before it, or the document as a whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from vigil.extract.alternation import guarded
from vigil.extract.attribution import agency_countries
from vigil.extract.places import PlaceMention

__all__ = ["acting_countries", "main_country", "choose_place", "SCENE_REACH"]

# How far back (characters) a country named earlier still sets the scene for a number.
SCENE_REACH = 700
# How far before a mention its context is read.
CONTEXT_CHARS = 48

_I = re.IGNORECASE
_ORIGIN = guarded(
    r"(?:\b(?:from|of|nationals?\s+of|citizens?\s+of)\s+(?:the\s+)?|\bиз\s+|\bуроженц\w*\s+|\bграждан\w*\s+|\bподданн\w*\s+"
    r"|\b(?:live|lives|living|lived|жить|живут|живет|живёт|жили)\s+(?:in\s+(?:the\s+)?|в\s+))$",  # where people live is not where it happened
    _I,
)
_DESTINATION = guarded(
    r"(?:\b(?:to|into|towards|toward)\s+(?:the\s+)?|\b(?:border\s+with|borders?\s+of|neighbouring|neighboring)\s+(?:the\s+)?"
    r"|\b(?:embassy|consulate|mission)\s+(?:in|of|to)\s+(?:the\s+)?|\bпосольств\w*\s+в\s+)$",
    _I,
)
# "deported from Russia", "выдворены из России": here "from" names the acting country.
_ACTION_FROM = guarded(
    r"(?:deport|expel|remov|sent|flown|forced|pushed|kicked|transferr|out|выдвор|депорт|высл|высыл)\w*\s+(?:out\s+)?"
    r"(?:\w+\s+){0,2}?(?:of\s+|from\s+|из\s+)(?:the\s+)?$",
    _I,
)
# "из России выдворили": the act comes after the place it was done from.
_ACTION_AFTER = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:выдвор|депорт|высл|высыл|deport|expel|remov)\w*", _I)
# Russian "в Украину", "в Россию": a direction (accusative), not a location.
_RU_DIRECTION = guarded(r"\b(?:в|во|на)\s+$", _I)
_RU_ACCUSATIVE_END = re.compile(r"(?:у|ю)$")
_AUTHORITY_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?:authorities|police|government|officials|regime|border|immigration|interior|security|courts?|ministry"
    r"|власти|полиция|полицейские|силовики|суд\w*|ведомств\w*|правительств\w*|МВД)\b",
    _I,
)
_BREAKDOWN_AFTER = re.compile(r"^\s*\(\s*[\d~≈]")  # "Honduras (97,968)"
# "the Dublin Regulation", "Syracuse University": a place's name inside another name.
_TREATY_AFTER = re.compile(
    r"^\s+(?:Regulation|Convention|Agreement|Accord|Protocol|cases?|transfers?|procedure|system|rules|University|College"
    r"|Institute|School|Forum|Declaration|Process|Principles)\b"
)
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*(?:[:–—-]|,\s*[A-Z][a-z]+\.?\s+\d)")
# "… from Russia", "… из России", read with what follows: "из России выдворили".
_FROM_BEFORE = re.compile(r"\b(?:из|from)\s+(?:the\s+)?$", _I)
# Names of mentions joined into one list: a role given to the first holds for the rest.
_LIST_GAP = re.compile(r"^\s*(?:,|\band\b|\bor\b|\bи\b|\bили\b)\s*(?:the\s+)?$", _I)


def _role(text: str, mention: PlaceMention, paragraph_starts: Sequence[int]) -> str:
    """One of "acting", "authority", "origin", "destination", "nationality", "dateline", "treaty", "none"."""
    before = text[max(0, mention.start - CONTEXT_CHARS) : mention.start]
    after = text[mention.end : mention.end + 40]
    if mention.kind == "demonym":
        return "authority" if mention.country and _AUTHORITY_AFTER.match(after) else "nationality"
    if mention.country is None:
        return "none"
    if after.startswith(("’s", "'s")) and _AUTHORITY_AFTER.match(after):
        return "authority"
    if _DATELINE_AFTER.match(after) and not text[text.rfind("\n", 0, mention.start) + 1 : mention.start].strip():
        return "dateline"
    if mention.kind == "city" and _TREATY_AFTER.match(after):
        return "treaty"
    # The patterns read before the mention end at its start and span a few words (see
    # _tail): each is searched from where those words begin, not across all of `before`.
    last_six, last_three = _tail(before, 6), _tail(before, 3)
    if _ACTION_FROM.search(before, last_six) or (_FROM_BEFORE.search(before, last_three) and _ACTION_AFTER.match(after)):
        return "acting"
    if _DESTINATION.search(before, last_three):
        return "destination"
    if mention.kind == "country":
        if _ORIGIN.search(before, last_three) or _BREAKDOWN_AFTER.match(after):
            return "origin"
        if _RU_DIRECTION.search(before, last_three) and _RU_ACCUSATIVE_END.search(mention.text):
            return "destination"
    return "acting"


def _tail(before: str, words: int) -> int:
    """A position in `before` at or before the start of its last `words` words (runs of non-space).

    The patterns searched in `before` end at its end (`$`) and are made of pieces that
    each take a word, or the end of one, and all the white space after it: _ACTION_FROM
    has six at most (a verb, "out", two words, "of", "the"), the others three
    ("nationals of the", "embassy in the") or fewer. So a match begins within the last
    words of `before`, and a search from this position finds what a search of the whole
    finds. `str.split` and `\\s` agree on what white space is.
    """
    parts = before.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


def acting_countries(text: str, places: Sequence[PlaceMention]) -> tuple[str | None, ...]:
    """For each mention, the country it says things happened in, or None."""
    roles: list[str] = []
    for i, mention in enumerate(places):
        role = _role(text, mention, ())
        if i and role == "acting" and mention.kind == "country":
            prev = places[i - 1]
            if roles[-1] in ("origin", "destination", "nationality") and _LIST_GAP.match(text[prev.end : mention.start]):
                role = roles[-1]
        roles.append(role)
    return tuple(m.country if r in ("acting", "authority") else None for m, r in zip(places, roles))


def main_country(
    text: str, language: str, places: Sequence[PlaceMention], acting: Sequence[str | None], title_end: int
) -> str | None:
    """The country a document is mostly about: acting places and agencies, the title counting thrice."""
    votes: Counter[str] = Counter()
    for mention, country in zip(places, acting):
        if country:
            votes[country] += 3 if mention.start < title_end else 1
    for _, country in agency_countries(text, language, 0, len(text)):
        votes[country] += 1
    if not votes:
        nationalities = Counter(m.country for m in places if m.kind == "demonym" and m.country)
        return nationalities.most_common(1)[0][0] if nationalities else None
    return votes.most_common(1)[0][0]


def choose_place(
    text: str,
    language: str,
    places: Sequence[PlaceMention],
    acting: Sequence[str | None],
    main: str | None,
    *,
    number: tuple[int, int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> tuple[str | None, str | None]:
    """(country, place) for a number: the nearest acting mention in its clause, its sentence,
    the text just before it, else the document's main country."""
    n_start, n_end = number

    def pick(lo: int, hi: int, countries_only: bool = False) -> tuple[str | None, str | None] | None:
        best: tuple[int, str, str | None] | None = None
        for mention, country in zip(places, acting):
            if not country or mention.start < lo or mention.end > hi:
                continue
            if countries_only and mention.kind != "country":
                continue
            distance = min(abs(mention.start - n_end), abs(n_start - mention.end))
            place = mention.place if mention.kind in ("city", "region") else None
            if best is None or distance < best[0]:
                best = (distance, country, place)
        for offset, country in agency_countries(text, language, lo, hi) if not countries_only else ():
            distance = abs(offset - n_start) + 20  # a place named beats an agency at the same distance
            if best is None or distance < best[0]:
                best = (distance, country, None)
        return (best[1], best[2]) if best else None

    found = pick(*clause) or pick(*sentence)
    if found:
        return found
    # Only a country named just before sets the scene: a city there is often where
    # a meeting was held or a statement made ("said … in Geneva").
    scene = pick(max(0, sentence[0] - SCENE_REACH), sentence[0], countries_only=True)
    if scene:
        return scene[0], None
    return main, None
