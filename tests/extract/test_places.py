"""Places: countries, demonyms, regions and cities, in English and Russian, with spans."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract import scene
from vigil.extract.places import PlaceMention, country_name, find_places, russian_forms


def _first(text: str, language: str) -> PlaceMention:
    found = find_places(text, language)
    assert found, f"nothing found in {text!r}"
    return found[0]


# (sentence, language, mention text, kind, country, place)
FOUND = [
    ("87,000 foreigners were deported from Russia in 2024", "en", "Russia", "country", "RU", None),
    ("Tajik migrants in Moscow were rounded up", "en", "Tajik", "demonym", "TJ", None),
    ("raids on markets in Moscow last week", "en", "Moscow", "city", "RU", "Moscow"),
    ("the EU returned 20,000 people", "en", "the EU", "region", None, "EU"),
    ("Member states of the European Union agreed", "en", "the European Union", "region", None, "European Union"),
    ("he was deported to Uzbekistan", "en", "Uzbekistan", "country", "UZ", None),
    ("Georgia was the top country of origin", "en", "Georgia", "country", "GE", None),
    ("the Russian Federation expelled them", "en", "the Russian Federation", "country", "RU", None),
    ("arrests across the U.S. rose", "en", "the U.S.", "country", "US", None),
    ("the US deported more", "en", "the US", "country", "US", None),
    ("detention centres in the UK held 1,600", "en", "the UK", "country", "GB", None),
    ("returns from Britain fell", "en", "Britain", "country", "GB", None),
    ("Hong Kong held 300 people", "en", "Hong Kong", "country", "HK", None),
    ("Türkiye hosts refugees", "en", "Türkiye", "country", "TR", None),
    ("Turkey hosts refugees", "en", "Turkey", "country", "TR", None),
    ("South Korea detained 40", "en", "South Korea", "country", "KR", None),
    ("Mexico apprehended 228,115 migrants", "en", "Mexico", "country", "MX", None),
    ("Kuwait deported 30,000", "en", "Kuwait", "country", "KW", None),
    ("Singapore caned two men", "en", "Singapore", "country", "SG", None),
    ("a centre in Krasnoyarsk Krai", "en", "Krasnoyarsk Krai", "region", "RU", "Krasnoyarsk Krai"),
    ("police in the Samara region", "en", "Samara region", "region", "RU", "Samara region"),
    ("Moscow Oblast courts ordered", "en", "Moscow Oblast", "region", "RU", "Moscow Oblast"),
    ("the Republic of Tatarstan said", "en", "Republic of Tatarstan", "region", "RU", "Republic of Tatarstan"),
    ("Chechnya sent recruits", "en", "Chechnya", "region", "RU", "Chechnya"),
    ("five depots in Sabah alone", "en", "Sabah", "region", "MY", "Sabah"),
    ("Chiapas (67,376)", "en", "Chiapas", "region", "MX", "Chiapas"),
    ("a raid at Moscow-City towers", "en", "Moscow-City", "city", "RU", "Moscow-City"),
    ("In Omsk, they were banned", "en", "Omsk", "city", "RU", "Omsk"),
    ("held in Kuala Lumpur", "en", "Kuala Lumpur", "city", "MY", "Kuala Lumpur"),
    ("flights from St. Petersburg", "en", "St. Petersburg", "city", "RU", "St. Petersburg"),
    ("Central Asian migrants were detained", "en", "Central Asian", "demonym", None, None),
    ("migrants from Central Asia", "en", "Central Asia", "region", None, "Central Asia"),
    ("crossings in Latin America", "en", "Latin America", "region", None, "Latin America"),
    ("thousands of Uzbeks left", "en", "Uzbeks", "demonym", "UZ", None),
    ("Pakistanis were the largest group", "en", "Pakistanis", "demonym", "PK", None),
    ("Indonesian and Filipino detainees", "en", "Indonesian", "demonym", "ID", None),
    ("England and Wales", "en", "England", "region", "GB", "England"),
    ("в Самарской области задержали", "ru", "Самарской области", "region", "RU", "Самарской области"),
    ("в Москве задержали 400 мигрантов", "ru", "Москве", "city", "RU", "Москве"),
    ("полиция Красноярского края сообщила", "ru", "Красноярского края", "region", "RU", "Красноярского края"),
    ("в красноярском приемнике-распределителе", "ru", "красноярском", "city", "RU", "красноярском"),
    ("Красноярский приемник переполнен", "ru", "Красноярский", "city", "RU", "Красноярский"),
    ("из Российской Федерации выдворены", "ru", "Российской Федерации", "country", "RU", None),
    ("МВД России сообщило", "ru", "России", "country", "RU", None),
    ("граждан РФ", "ru", "РФ", "country", "RU", None),
    ("в США депортировали", "ru", "США", "country", "US", None),
    ("в Соединенных Штатах Америки", "ru", "Соединенных Штатах Америки", "country", "US", None),
    ("выходцы из Узбекистана", "ru", "Узбекистана", "country", "UZ", None),
    ("задержаны таджики", "ru", "таджики", "demonym", "TJ", None),
    ("сотни узбеков", "ru", "узбеков", "demonym", "UZ", None),
    ("российских граждан", "ru", "российских", "demonym", "RU", None),
    ("таджикские мигранты", "ru", "таджикские", "demonym", "TJ", None),
    ("страны ЕС", "ru", "ЕС", "region", None, "ЕС"),
    ("в Евросоюзе", "ru", "Евросоюзе", "region", None, "Евросоюзе"),
    ("из Центральной Азии", "ru", "Центральной Азии", "region", None, "Центральной Азии"),
    ("в Санкт-Петербурге", "ru", "Санкт-Петербурге", "city", "RU", "Санкт-Петербурге"),
    ("в Екатеринбурге", "ru", "Екатеринбурге", "city", "RU", "Екатеринбурге"),
    ("в Нижнем Новгороде", "ru", "Нижнем Новгороде", "city", "RU", "Нижнем Новгороде"),
    ("на территории «Москва-Сити»", "ru", "Москва-Сити", "city", "RU", "Москва-Сити"),
    ("в Подмосковье", "ru", "Подмосковье", "region", "RU", "Подмосковье"),
    ("в Республике Татарстан", "ru", "Республике Татарстан", "region", "RU", "Республике Татарстан"),
    ("в Чечне", "ru", "Чечне", "region", "RU", "Чечне"),
    ("граждан Поднебесной", "ru", "Поднебесной", "country", "CN", None),
    ("в Германии", "ru", "Германии", "country", "DE", None),
    ("в Великобритании", "ru", "Великобритании", "country", "GB", None),
]


@pytest.mark.parametrize(("text", "language", "written", "kind", "country", "place"), FOUND)
def test_finds(text: str, language: str, written: str, kind: str, country: str | None, place: str | None) -> None:
    mention = _first(text, language)
    assert (mention.text, mention.kind, mention.country, mention.place) == (written, kind, country, place)
    assert text[mention.start : mention.end] == mention.text


# Words that look like places but are not, here.
NOT_FOUND = [
    ("Nice weather today", "en"),
    ("Reading the report, we found", "en"),
    ("Mobile phones were seized", "en"),
    ("Split decisions", "en"),
    ("let us know", "en"),
    ("georgia in lower case is not a name", "en"),
    ("Victoria said so", "en"),
    ("Police said", "en"),
    ("Male detainees", "en"),
    ("мир и труд", "ru"),
    ("в россии", "ru"),  # a proper name written in lower case is not the name
    ("шахты закрыты", "ru"),
]


@pytest.mark.parametrize(("text", "language"), NOT_FOUND)
def test_not_found(text: str, language: str) -> None:
    assert find_places(text, language) == []


def test_longest_match_wins() -> None:
    found = find_places("the Russian Federation and Russian police", "en")
    assert [(m.text, m.kind) for m in found] == [("the Russian Federation", "country"), ("Russian", "demonym")]


def test_america_inside_a_region_is_not_the_us() -> None:
    found = find_places("migrants from Central America and Latin America reached America", "en")
    assert [(m.text, m.country) for m in found] == [
        ("Central America", None),
        ("Latin America", None),
        ("America", "US"),
    ]


def test_sentence_period_does_not_join_names() -> None:
    found = find_places("They went to Samara. Region officials refused.", "en")
    assert [m.text for m in found] == ["Samara"]


def test_several_in_one_text_are_sorted_and_apart() -> None:
    text = "В Москве и Подмосковье задержали узбеков и таджиков из Таджикистана."
    found = find_places(text, "ru")
    assert [m.text for m in found] == ["Москве", "Подмосковье", "узбеков", "таджиков", "Таджикистана"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_unknown_language_reads_english() -> None:
    assert _first("deported from Russia", "de").country == "RU"


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [("RU", "en", "Russia"), ("RU", "ru", "Россия"), ("GB", "en", "United Kingdom"), ("US", "ru", "США"),
     ("TJ", "en", "Tajikistan"), ("DE", "ru", "Германия"), ("hk", "en", "Hong Kong"), ("ZZ", "en", "ZZ")],
)
def test_country_name(code: str, language: str, name: str) -> None:
    assert country_name(code, language) == name


@pytest.mark.parametrize(
    ("name", "form"),
    [("Российская Федерация", "Российской Федерации"), ("Самарская область", "Самарской области"),
     ("Республика Татарстан", "Республике Татарстан"), ("Москва", "Москве"), ("РФ", "РФ")],
)
def test_russian_forms(name: str, form: str) -> None:
    assert form in russian_forms(name)


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "Russia\x00Moscow", "\u200bRussia\u200d", "مرحبا Russia שלום", "U.S.", "the", "-" * 50,
     "İstanbul İİİ Moscow", "Ё" * 10, "a " * 10_000],
)
@pytest.mark.parametrize("language", ["en", "ru", ""])
def test_odd_input_never_raises(text: str, language: str) -> None:
    for mention in find_places(text, language):
        assert text[mention.start : mention.end] == mention.text


def test_ten_megabyte_line() -> None:
    text = "x" * 10_000_000 + " deported from Russia; " + "Moscow, " * 1000
    found = find_places(text, "en")
    assert len(found) == 1001
    assert (found[0].text, found[0].start) == ("Russia", 10_000_015)


_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁМРСФ.-'’,\n\u200b\u0000")
    + ["Russia", "Moscow", "the ", "EU", "U.S.", "Москве", "России", "таджиков", " region", " Krai", "Самарской", " области"]
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_ALPHABET, max_size=60).map("".join), language=st.sampled_from(["en", "ru"]))
def test_spans_are_exact_and_apart(text: str, language: str) -> None:
    found = find_places(text, language)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in ("country", "demonym", "region", "city")
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), language=st.sampled_from(["en", "ru"]))
def test_any_text(text: str, language: str) -> None:
    found = find_places(text, language)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# places._keys lowers each word alone where the words of the lowered text were taken
# before: the same keys, for these two facts about `str.lower` (and Unicode's tables).
_WORD_CHAR = re.compile(r"[^\W_]")


def test_lowering_never_makes_a_word_character_of_another_kind() -> None:
    chars = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) == 1)
    lowered = chars.lower()
    assert len(lowered) == len(chars)
    assert [m.start() for m in _WORD_CHAR.finditer(chars)] == [m.start() for m in _WORD_CHAR.finditer(lowered)]


def test_a_letter_is_lowered_alone_as_in_a_text_but_for_sigma() -> None:
    cased = [c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() != c and c != "Σ"]
    for before, after in (("A", " "), ("A", "A"), (" ", "A"), ("A", "'A"), ("Aa", ".")):
        assert [(before + c + after).lower() for c in cased] == [before.lower() + c.lower() + after.lower() for c in cased]
    assert "AΣ ".lower() != "A".lower() + "Σ".lower() + " "  # the one exception: a final sigma


def test_a_text_with_sigma_or_a_letter_that_grows_when_lowered() -> None:
    text = "ΟΔΟΣ'Α İstanbul Moscow ΣΑΣ Россия"
    assert [m.text for m in find_places(text, "en")] == ["İstanbul", "Moscow"]
    assert [m.text for m in find_places(text, "ru")] == ["Россия"]


# scene._role searches the end of the text before a mention from where its last few words
# begin (scene._tail): the same matches as a search of all of it.
_BEFORE_WORDS = st.sampled_from(
    [
        "deported", "expelled", "removed", "sent", "out", "of", "from", "the", "The", "x", "nationals", "citizen", "embassy",
        "mission", "in", "to", "into", "border", "borders", "with", "neighbouring", "living", "из", "в", "во", "на",
        "посольства", "уроженцев", "граждан", "выдворены", "FROM", "(from", "x-from", "жили", "toward", "of,", "12",
    ]
)
_BEFORE_GAPS = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", " \n ", ""])


@settings(max_examples=500, deadline=None)
@given(before=st.lists(st.tuples(_BEFORE_WORDS, _BEFORE_GAPS).map("".join), max_size=10).map("".join))
def test_role_patterns_match_the_same_from_the_last_words(before: str) -> None:
    for pattern, words in (
        (scene._ACTION_FROM, 6), (scene._FROM_BEFORE, 3), (scene._DESTINATION, 3), (scene._ORIGIN, 3), (scene._RU_DIRECTION, 3)
    ):
        whole, tail = pattern.search(before), pattern.search(before, scene._tail(before, words))
        assert (whole and whole.span()) == (tail and tail.span())
