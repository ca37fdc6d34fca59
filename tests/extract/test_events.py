"""Events: sentences written by the project, read as a monitor would read them.

Each case is one short report; the test looks for an event of the expected type,
subtype and date among what the extractor finds (it may find more in longer texts).
"""

from __future__ import annotations

import re
import sys

import _sre
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vigil.extract import extract
from vigil.extract.event_dates import _last_match, collapse, find_deadlines
from vigil.extract.event_lexicon import Lowered, Trigger, event_lexicon, lower
from vigil.extract.events import _Actors, _count_windows, _positions, _trigger_matches
from vigil.extract.figures import analyse
from vigil.model import EVENT_SUBTYPES, Event, EventType

# (text, published, (event_type, subtype, date))
ENGLISH = [
    ("The new residence rules came into force on 1 July 2024, officials said.", "2024-08-01",
     ("law", "in_force", "2024-07-01")),
    ("In June the president signed a decree tightening the rules for migrant workers.", "2024-09-10",
     ("law", "signed", "2024-06")),
    ("In May 2023 the parliament passed a bill allowing longer detention of foreigners.", "2024-01-01",
     ("law", "adopted", "2023-05")),
    ("In 2022 the government amended the immigration act to expel migrants faster.", "2023-03-01",
     ("law", "amended", "2022")),
    ("Police carried out raids on markets where migrant workers gather.", "2024-03-01",
     ("raid", "raid", None)),
    ("Officers conducted a mass arrest of 1,200 migrants in Kazan on 14 February 2024.", "2024-03-01",
     ("raid", "mass_arrest", "2024-02-14")),
    ("A deportation flight carrying 130 people left for Dushanbe on 2 March 2024.", "2024-03-10",
     ("deportation", "flight", "2024-03-02")),
    ("Detainees said the centre was overcrowded and that guards had beaten several of them.", "2024-03-01",
     ("detention", "violence", None)),
    ("Two men died in immigration detention in March 2024, their lawyers said.", "2024-05-01",
     ("detention", "death", "2024-03")),
    ("Five detainees went on hunger strike to protest against their indefinite detention.", "2024-05-01",
     ("detention", "hunger_strike", None)),
    ("In April 2024 a court sentenced a returned migrant to six years in prison.", "2024-06-01",
     ("court", "sentence", "2024-04")),
    ("In September 2024, at least 20 naturalised migrants were stripped of their citizenship.", "2024-12-01",
     ("citizenship", "revoked", "2024-09")),
    ("Recruiters urged the detained men to join the army in exchange for their release.", "2024-03-01",
     ("recruitment", "coercion", None)),
    ("By 1 April 2025 some 500,000 foreigners had been added to the registry.", "2025-05-01",
     ("registry", "listing", "2025-04-01")),
    ("In Kaluga, migrants were banned from working as taxi drivers.", "2024-03-01",
     ("restriction", "employment", None)),
    ("After the terrorist attack in Moscow in March 2024, migrants faced a wave of violence.", "2024-06-01",
     ("violence", "attack", "2024-03")),
    ("The decree requires all residents without papers to leave the country by 1 October 2025.", "2025-05-01",
     ("deadline", "deadline", "2025-10-01")),
]

RUSSIAN = [
    ("Закон о режиме высылки вступил в силу 5 февраля 2025 года.", "2025-03-01",
     ("law", "in_force", "2025-02-05")),
    ("В марте президент подписал указ о новых правилах для мигрантов.", "2025-05-01",
     ("law", "signed", "2025-03")),
    ("В апреле 2024 года полиция провела рейд на рынке, где работают мигранты.", "2024-06-01",
     ("raid", "raid", "2024-04")),
    ("Ночью 1 января полицейские устроили облаву в общежитии мигрантов.", "2024-01-10",
     ("raid", "raid", "2024-01-01")),
    ("В Москве прошло массовое задержание мигрантов 12 марта 2024 года.", "2024-04-01",
     ("raid", "mass_arrest", "2024-03-12")),
    ("Центр временного содержания иностранцев переполнен, сообщают правозащитники.", "2024-04-01",
     ("detention", "overcrowding", None)),
    ("В мае 2024 года суд приговорил вернувшегося мигранта к пяти годам заключения.", "2024-07-01",
     ("court", "sentence", "2024-05")),
    ("В 2024 году двенадцать человек лишили гражданства за отказ встать на воинский учет.", "2025-01-10",
     ("citizenship", "revoked", "2024")),
    ("Задержанных мигрантов отправили на передовую после вручения повесток.", "2024-03-01",
     ("recruitment", "coercion", None)),
    ("По состоянию на 1 мая в реестр контролируемых лиц внесены данные о 700 тыс. человек.", "2025-06-01",
     ("registry", "listing", "2025-05-01")),
    ("В Самаре мигрантам запретили работать в торговле.", "2024-03-01",
     ("restriction", "employment", None)),
    ("После теракта в марте 2024 года мигранты столкнулись с волной насилия.", "2024-06-01",
     ("violence", "attack", "2024-03")),
    ("Они должны до 15 октября получить разрешение на работу или покинуть страну.", "2025-06-01",
     ("deadline", "deadline", "2025-10-15")),
]


def _find(events: tuple[Event, ...], expected: tuple[str, str, str | None]) -> Event | None:
    event_type, subtype, date = expected
    return next((e for e in events if e.event_type == event_type and e.subtype == subtype and e.date == date), None)


@pytest.mark.parametrize("text, published, expected", ENGLISH, ids=[f"en-{c[2][0]}-{c[2][1]}" for c in ENGLISH])
def test_english_event(text: str, published: str, expected: tuple[str, str, str | None]) -> None:
    events = extract(text, "en", published, "doc").events
    found = _find(events, expected)
    assert found is not None, [(e.event_type.value, e.subtype, e.date) for e in events]
    assert text[found.span.start : found.span.end] == found.quote
    assert found.summary and found.summary in " ".join(text.split())


@pytest.mark.parametrize("text, published, expected", RUSSIAN, ids=[f"ru-{c[2][0]}-{c[2][1]}" for c in RUSSIAN])
def test_russian_event(text: str, published: str, expected: tuple[str, str, str | None]) -> None:
    events = extract(text, "ru", published, "doc").events
    found = _find(events, expected)
    assert found is not None, [(e.event_type.value, e.subtype, e.date) for e in events]
    assert text[found.span.start : found.span.end] == found.quote


def test_every_type_is_covered_in_both_languages() -> None:
    for table in (ENGLISH, RUSSIAN):
        types = {c[2][0] for c in table}
        assert len(types) >= 9, types
    for case in ENGLISH + RUSSIAN:
        assert case[2][1] in EVENT_SUBTYPES[EventType(case[2][0])]


def test_one_happening_mentioned_twice_is_one_event_at_its_dated_mention() -> None:
    text = (
        "A new expulsion law came into force this spring.\n\n"
        "Lawyers say the law, which came into force on 5 February 2025, leaves migrants no time to appeal."
    )
    events = [e for e in extract(text, "en", "2025-05-01", "doc").events if e.event_type == "law"]
    assert len(events) == 1
    assert events[0].date == "2025-02-05"
    assert "5 February 2025" in events[0].quote


def test_headline_and_body_are_one_event() -> None:
    text = "Облава на рынке в Казани\n\nВ четверг, 14 марта 2024 года, полиция провела облаву на рынке, где работают мигранты."
    raids = [e for e in extract(text, "ru", "2024-03-20", "doc").events if e.event_type == "raid"]
    assert [e.date for e in raids] == ["2024-03-14"]


def test_a_practice_and_its_dated_instance_are_two_events() -> None:
    text = (
        "Police raids on hostels have become routine for migrant workers.\n\n"
        "On 31 December 2023, police carried out a mass arrest of 2,000 migrants in the capital."
    )
    raids = [e for e in extract(text, "en", "2024-01-15", "doc").events if e.event_type == "raid"]
    assert sorted((e.subtype, e.date) for e in raids) == [("mass_arrest", "2023-12-31"), ("raid", None)]


def test_deadline_is_dated_the_day_it_falls_due_beside_the_decree() -> None:
    text = "In March the president signed a decree ordering stateless residents to register by 10 September 2025."
    events = extract(text, "en", "2025-05-02", "doc").events
    law = [e for e in events if e.event_type == "law"]
    deadline = [e for e in events if e.event_type == "deadline"]
    assert [(e.subtype, e.date) for e in law] == [("signed", "2025-03")]
    assert [(e.date, e.due) for e in deadline] == [("2025-09-10", "2025-09-10")]
    assert "Putin" not in deadline[0].summary and deadline[0].summary.endswith("10 September 2025")


def test_a_stock_by_a_date_is_no_deadline() -> None:
    text = "By 9 March 2025, 600,000 foreigners had been added to the registry."
    assert not [e for e in extract(text, "en", "2025-05-02", "doc").events if e.event_type == "deadline"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("If they refuse, their families could be deported en masse and stripped of citizenship.", "en"),
        ("Officials fear that the raids may start again next year.", "en"),
        ("Если они откажутся, их могут лишить гражданства.", "ru"),
        ("Scores of protesters were arrested in the crackdown on the demonstrations.", "en"),
    ],
)
def test_what_may_happen_or_is_not_about_migration_is_no_event(text: str, language: str) -> None:
    assert extract(text, language, "2024-01-01", "doc").events == ()


def test_relative_clause_dates_its_noun_and_then_dates_by_the_sentence_before() -> None:
    text = (
        "The raid followed a mass brawl among migrant workers, which broke out at the site in late May. "
        "Then 300 migrants were taken to police stations after police carried out a mass arrest."
    )
    events = extract(text, "en", "2024-06-06", "doc").events
    assert ("violence", "2024-05") in {(e.event_type.value, e.date) for e in events}
    assert ("mass_arrest", "2024-05") in {(e.subtype, e.date) for e in events}


def test_a_range_gives_the_precision_both_ends_share() -> None:
    assert collapse("2023-05-04/2023-05-10") == "2023-05"
    assert collapse("2023-04-27/2023-05-03") == "2023"
    assert collapse("2021/2022") is None
    assert collapse("2024-03") == "2024-03"
    text = "Between 4 and 10 May 2023, authorities announced the arrest of 9,000 violators in a nationwide sweep of illegal workers."
    raids = [e for e in extract(text, "en", "2023-05-14", "doc").events if e.event_type == "raid"]
    assert [e.date for e in raids] == ["2023-05"]


def test_actors_and_place_are_read_from_the_clause() -> None:
    text = "In August 2024 the State Duma passed a bill tying citizenship to military registration of migrants."
    (law,) = [e for e in extract(text, "en", "2024-10-01", "doc").events if e.event_type == "law"]
    assert law.actors == ("State Duma",)
    assert law.country == "RU"


def test_a_yearly_breakdown_is_figures_not_events() -> None:
    text = (
        "The group said the courts had stripped five more citizens of their nationality.\n"
        "According to the group, 31 citizens were deprived of their nationality in 2012, 21 in 2014 and 208 in 2015."
    )
    revoked = [e for e in extract(text, "en", "2018-09-29", "doc").events if e.event_type == "citizenship"]
    assert len(revoked) == 1


ALPHABET = st.sampled_from(
    list("abc xyz.,;:–-\n\"«»“”()0123456789") + ["raids", " came into force ", " by 10 September 2025", " до 30 апреля ",
     "облава", " лишены гражданства ", "In March 2024 ", " the following morning ", "Тогда ", "ё", "Ё", "sentenced"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["en", "ru"]))
def test_every_event_span_is_its_quote_whatever_the_text(text: str, language: str) -> None:
    for event in extract(text, language, "2025-05-02", "doc").events:
        assert text[event.span.start : event.span.end] == event.quote
        assert event.subtype in EVENT_SUBTYPES[event.event_type]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "ru"]))
def test_arbitrary_text_never_crashes(text: str, language: str) -> None:
    for event in extract(text, language, None, "doc").events:
        assert text[event.span.start : event.span.end] == event.quote


# ---------------------------------------------------------------- anchors, needles, reaches
# The fast paths (event_lexicon.Anchor, Needle, Reach) must find what the slow ones find:
# each test runs both on texts that mix trigger words with case variants and the letters
# `re` pairs with others ("ı", "ſ", "K" the Kelvin sign, a final "Σ"), "İ" (which lengthens
# when lower-cased), "ё", digits and white space other than " ".

FRAGMENTS = st.sampled_from(
    [" ", "  ", "\n", "\u2028", "\u00a0", ", ", ". ", "; ", "(", "«", "»", "“", "-", "_", "0", "7", "87", "1 200", "٣",
     "came into force", "CAME INTO FORCE", "ſigned a decree", "sıgned a law", "mass deportations", "raids", "RAİDS",
     "deportation flights", "87 have been deported", "12 foreigners had been removed", "been", "the arrests",
     "police", "POLICE", "riot police", "OMON", "ICE", "ıce", "State Duma", "Kourt", "court", "Putin", "authorities",
     "migrants", "MIGRANTS", "asylum", "by", "BY", "until", "must register", "ordered to leave", "ΣΑΣ", "ς",
     "вступил в силу", "ВСТУПИЛ В СИЛУ", "облава", "депортированы", "1 200 мигрантов были выдворены",
     "500 человек депортировали", "полиция", "ОМОН", "суд", "Госдума", "мигрантов", "гражданства", "до", "ДО",
     "обязаны покинуть", "ёлка", "Ёж", "сᲃд", "nationwide", "Across the Country", "по всей стране", "ВО ВСЕХ РЕГИОНАХ"]
)
MIXED_TEXTS = st.lists(FRAGMENTS, max_size=40).map("".join)


def _match_list(found: list[tuple[re.Match[str], Trigger]]) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), trigger.rank) for m, trigger in found]


@settings(max_examples=300, deadline=None)
@given(MIXED_TEXTS, st.sampled_from(["en", "ru"]))
def test_anchored_trigger_scan_finds_what_the_full_scan_finds(text: str, language: str) -> None:
    lex = event_lexicon(language)
    folded = text.replace("ё", "е").replace("Ё", "Е")
    full = _match_list(_trigger_matches(folded, None, lex))
    assert _match_list(_trigger_matches(folded, lower(folded), lex)) == full


@settings(max_examples=300, deadline=None)
@given(MIXED_TEXTS, st.sampled_from(["en", "ru"]), st.integers(0, 400), st.integers(0, 400))
def test_needles_and_anchors_rule_out_only_stretches_without_a_match(text: str, language: str, a: int, b: int) -> None:
    lex = event_lexicon(language)
    lowered = lower(text)
    lo, hi = min(a, b, len(text)), min(max(a, b), len(text))
    actors = _Actors(text, lowered, language)
    assert sorted(actors.named(actors.within(actors.actors, lo, hi), lo, hi)) == sorted(
        (m.start(), name) for name, pattern in lex.actors if (m := pattern.search(text, lo, hi))
    )
    if lowered is None:
        return
    for pattern, anchor in (
        (lex.context, lex.context_anchor),
        (lex.obligation, lex.obligation_anchor),
        (lex.nationwide, lex.nationwide_anchor),
    ):
        assert anchor is not None
        assert anchor.search(pattern, text, lowered, lo, hi) == (pattern.search(text, lo, hi) is not None)
    last = [m.start() for m in lex.obligation.finditer(text, lo, hi)]
    assert _last_match(lex, text, lowered, lo, hi) == (last[-1] if last else None)
    for i, trigger in enumerate(lex.triggers):
        reach = lex.trigger_reach(i)
        if reach is None:
            continue
        starts = reach.needle.starts(lowered)
        for m in trigger.pattern.finditer(text):
            assert reach.admits(lowered.text, starts, m.start()), (trigger.subtype, m.group(0))


@settings(max_examples=200, deadline=None)
@given(MIXED_TEXTS, st.sampled_from(["en", "ru"]))
def test_deadlines_found_with_the_needle_are_those_found_without(text: str, language: str) -> None:
    ctx = analyse(text, language, "2025-05-02")
    lex = event_lexicon(language)

    def found(lowered: Lowered | None) -> list[tuple[int, str, int]]:
        deadlines = find_deadlines(
            text, lex, ctx.dates, lambda p: (p, len(text)), lambda p: 0, lowered
        )
        return [(d.date.start, d.due, d.obligation_start) for d in deadlines]

    assert found(lower(text)) == found(None)


def test_a_text_lower_casing_would_lengthen_is_scanned_in_full() -> None:
    text = "İstanbul: 87 migrants have been deported; police raids came into force."
    assert lower(text) is None
    events = extract(text, "en", "2025-05-02", "doc").events
    assert {e.event_type.value for e in events} >= {"raid", "law"}


def test_letters_re_pairs_with_others_are_read_as_their_pair() -> None:
    # "ſ" matches "s" and "ı" matches "i" in a case-insensitive pattern: the anchors see them too.
    lowered = lower("The president ſıgned a decree.")
    assert lowered is not None and lowered.rare
    lex = event_lexicon("en")
    assert [t.subtype for _, t in _trigger_matches("The president ſıgned a decree.", lowered, lex)] == ["signed"]


def test_lower_casing_keeps_what_anchors_and_needles_read() -> None:
    # What event_lexicon relies on, over all of Unicode: `str.lower` keeps a text's length
    # but for "İ", writes each character as the engine's simple lower case (but a final "Σ",
    # which it may write "ς"), and keeps digits, white space and word characters what they are.
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if c != 0x130)
    low = chars.lower()
    assert len(low) == len(chars)
    simple = "".join(map(chr, map(_sre.unicode_tolower, map(ord, chars))))
    assert [i for i, (x, y) in enumerate(zip(low, simple)) if x != y and chars[i] != "Σ"] == []
    for cls in (r"[^\W_]", r"\s", r"\d"):
        pattern = re.compile(cls)
        assert [m.start() for m in pattern.finditer(chars)] == [m.start() for m in pattern.finditer(low)]


@pytest.mark.parametrize("before", ["", " ", "_", "\u2028", "\U0001f4f0", "«", "\u00a0", "٣ "])
def test_a_trigger_after_any_non_word_character_is_found(before: str) -> None:
    # The anchors look for a trigger after a non-word character: "_", white space, a
    # character past the Basic Multilingual Plane, or none at the start of the text.
    lex = event_lexicon("en")
    text = before + "raids and mass deportations"
    full = _match_list(_trigger_matches(text, None, lex))
    assert full and _match_list(_trigger_matches(text, lower(text), lex)) == full


# ---------------------------------------------------------------- counts near their needles
# Numbers are tried as counts ("87 have been deported") only in windows before the
# counts' needles: texts full of numbers, words and spaces of every kind at every distance.

COUNT_FRAGMENTS = st.sampled_from(
    [" ", "  ", "\n", "\u00a0", "\t", ", ", ". ", "a ", "x y ", "и ", "0", "7", "87", "1 200", "3,400", "12.5", "٣", "_", "(",
     "foreigners", "migrants", "of them", "have", "has", "had", "been", "BEEN", "have been deported",
     "had been removed", "has been expelled", "87 have been deported", "5 foreigners had been removed",
     "были", "депортированы", "выдворены", "высланы", "1 200 мигрантов были выдворены", "500 человек депортировали",
     "тыс. ", "млн ", "человек", "депортация", "ёлка"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(COUNT_FRAGMENTS, max_size=60).map("".join), st.sampled_from(["en", "ru"]))
# A window reaches back over as many spaces as the count reads, and not one more.
@example("a b c d e f g h i j k l m 87 migrants of them all have been deported", "en")
@example("а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я 87 человек были депортированы", "ru")
def test_counts_are_looked_for_only_where_they_may_match(text: str, language: str) -> None:
    lex = event_lexicon(language)
    joint = lex.trigger_anchor
    assert joint is not None and (lex.counts is not None) == (language == "en")  # Russian counts read many spaces
    folded = text.replace("ё", "е").replace("Ё", "Е")
    lowered = lower(folded)
    if lowered is None:
        return
    every = list(joint.positions(lowered))
    kept = list(_positions(lex, joint, lowered, {}))
    # The joint anchor's positions, in order, each once ...
    assert kept == sorted(set(kept)) and set(kept) <= set(every)
    # ... with every one where a trigger matches (a count most of all).
    matched = {m.start() for pattern in lex.trigger_set.patterns for m in pattern.finditer(folded)}
    assert matched & set(every) <= set(kept)
    for i in range(len(lex.triggers)):  # the windows of any reach hold where it admits a match
        reach = lex.trigger_reach(i)
        if reach is None:
            continue
        starts = reach.needle.starts(lowered)
        windows = _count_windows(lowered.text, starts, reach.spaces)
        for position in range(len(folded) + 1):
            if reach.admits(lowered.text, starts, position):
                assert any(lo <= position < hi for lo, hi in windows), position


def test_a_count_is_found_however_many_numbers_stand_around_it() -> None:
    text = "In 2023, 12 of 30 cases: 87 migrants have been deported, 5 more since 2021 and 3 in 2022."
    lex = event_lexicon("en")
    found = _match_list(_trigger_matches(text, lower(text), lex))
    assert found == _match_list(_trigger_matches(text, None, lex))
    assert [text[start:end] for start, end, _ in found] == ["87 migrants have been deported"]
