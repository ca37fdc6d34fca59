"""find_numbers: every number as people write it, in English and Russian.

Sentences here are the project's own, written to exercise one rule each.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract import numbers
from vigil.extract.numbers import NumberMention, find_numbers
from vigil.extract.numpatterns import LOWER_SAFE, patterns

# (language, text, the expected mentions as (text, value, qualifier, unit_hint, range_role))
FOUND: list[tuple[str, str, list[tuple[str, int | float, str, str | None, str | None]]]] = [
    # English digits, separators, scales
    ("en", "The agency deported 87,000 foreigners.", [("87,000", 87000, "exact", None, None)]),
    ("en", "It held 87 000 people.", [("87 000", 87000, "exact", None, None)]),
    ("en", "It held 87\u00a0000 people.", [("87\u00a0000", 87000, "exact", None, None)]),
    ("en", "It held 87\u202f000 people.", [("87\u202f000", 87000, "exact", None, None)]),
    ("en", "Some 1.2 million migrants live there.", [("1.2 million", 1200000, "about", None, None)]),
    ("en", "The fund holds 4mn dollars and 1.5bn more.", [("4mn", 4000000, "exact", "money", None), ("1.5bn", 1500000000, "exact", None, None)]),
    ("en", "The gunmen killed 140+ people.", [("140+", 140, "more_than", None, None)]),
    ("en", "Of those held, 56% were men.", [("56%", 56, "exact", "percent", None)]),
    ("en", "Of those held, 12 per cent were women.", [("12 per cent", 12, "exact", "percent", None)]),
    ("en", "A poll found fifty-six percent agree.", [("fifty-six percent", 56, "exact", "percent", None)]),
    ("en", "Four guards were suspended.", [("Four", 4, "exact", None, None)]),
    ("en", "There were twenty-three detainees.", [("twenty-three", 23, "exact", None, None)]),
    ("en", "About a dozen children were held.", [("a dozen", 12, "about", None, None)]),
    ("en", "Nearly half a million people left.", [("half a million", 500000, "almost", None, None)]),
    ("en", "A million people signed.", [("A million", 1000000, "exact", None, None)]),
    ("en", "They built three hundred and fifty beds.", [("three hundred and fifty", 350, "exact", None, None)]),
    ("en", "It costs one million euros.", [("one million", 1000000, "exact", "money", None)]),
    ("en", "The centre holds 2000 people.", [("2000", 2000, "exact", None, None)]),
    ("en", "Around 1900 migrants were held.", [("1900", 1900, "about", None, None)]),
    ("en", "List: Honduras (97,968), Guatemala (60,315).", [("97,968", 97968, "exact", None, None), ("60,315", 60315, "exact", None, None)]),
    # qualifiers
    ("en", "More than 500 were injured.", [("500", 500, "more_than", None, None)]),
    ("en", "Over 9,500 were sent back.", [("9,500", 9500, "more_than", None, None)]),
    ("en", "In excess of 300 were held.", [("300", 300, "more_than", None, None)]),
    ("en", "Approximately 55 percent were removed.", [("55 percent", 55, "about", "percent", None)]),
    ("en", "Roughly 400 arrived; an estimated 700 left.", [("400", 400, "about", None, None), ("700", 700, "about", None, None)]),
    ("en", "Just under 13,000 were sent out.", [("13,000", 13000, "almost", None, None)]),
    ("en", "Just shy of 40 were released.", [("40", 40, "almost", None, None)]),
    ("en", "At least 31 died; no fewer than 12 were children.", [("31", 31, "at_least", None, None), ("12", 12, "at_least", None, None)]),
    ("en", "The fine is up to $5,000.", [("5,000", 5000, "up_to", "money", None)]),
    ("en", "As many as 200 fled.", [("200", 200, "up_to", None, None)]),
    ("en", "Fewer than 70 were released.", [("70", 70, "less_than", None, None)]),
    ("en", "It held 87,000 or more.", [("87,000", 87000, "at_least", None, None)]),
    ("en", "Detentions more than doubled to 1,431.", [("1,431", 1431, "exact", None, None)]),
    ("en", "Some 3,000 (about 40%) were men.", [("3,000", 3000, "about", None, None), ("40%", 40, "about", "percent", None)]),
    ("en", "around 150-200 people", [("150", 150, "about", None, "low"), ("200", 200, "about", None, "high")]),
    # ranges
    ("en", "between 3,000-4,000 people", [("3,000", 3000, "at_least", None, "low"), ("4,000", 4000, "up_to", None, "high")]),
    ("en", "They hold 3,000 to 4,000 people.", [("3,000", 3000, "at_least", None, "low"), ("4,000", 4000, "up_to", None, "high")]),
    ("en", "a usual range of from 5,000 to 6,000", [("5,000", 5000, "at_least", None, "low"), ("6,000", 6000, "up_to", None, "high")]),
    ("en", "between 300 and 400 beds", [("300", 300, "at_least", None, "low"), ("400", 400, "up_to", None, "high")]),
    ("en", "from around 1,600 to 3,500", [("1,600", 1600, "about", None, "low"), ("3,500", 3500, "about", None, "high")]),
    ("en", "estimated at more than 700,000 to one million", [("700,000", 700000, "more_than", None, "low"), ("one million", 1000000, "up_to", None, "high")]),
    ("en", "10-15% of detainees", [("10", 10, "at_least", "percent", "low"), ("15%", 15, "up_to", "percent", "high")]),
    ("en", "between 5 and 10 million people", [("5", 5000000, "at_least", None, "low"), ("10 million", 10000000, "up_to", None, "high")]),
    ("en", "rose from 5,000 to 6,000 to over 15,000", [("5,000", 5000, "exact", None, None), ("6,000", 6000, "exact", None, None), ("15,000", 15000, "more_than", None, None)]),
    ("en", "fell by 3% to 24,441", [("3%", 3, "exact", "percent", None), ("24,441", 24441, "exact", None, None)]),
    # unit hints
    ("en", "He spent 18 months in detention.", [("18", 18, "exact", "duration", None)]),
    ("en", "in the first two days", [("two", 2, "exact", "duration", None)]),
    ("en", "sentenced to 10 years in prison", [("10", 10, "exact", "duration", None)]),
    ("en", "a five-year ban", [("five", 5, "exact", "duration", None)]),
    ("en", "a fine of up to SR1 million", [("1 million", 1000000, "up_to", "money", None)]),
    ("en", "The budget rose 3 times.", [("3", 3, "exact", "times", None)]),
    ("en", "A 300-strong unit raided the market.", [("300", 300, "exact", None, None)]),
    # Russian
    ("ru", "Выдворено 87 тыс. человек.", [("87 тыс.", 87000, "exact", None, None)]),
    ("ru", "Выдворено 87 000 человек.", [("87 000", 87000, "exact", None, None)]),
    ("ru", "Задержаны 10 775 мигрантов.", [("10 775", 10775, "exact", None, None)]),
    ("ru", "Задержаны 3 тысячи мигрантов.", [("3 тысячи", 3000, "exact", None, None)]),
    ("ru", "Задержаны три тысячи мигрантов.", [("три тысячи", 3000, "exact", None, None)]),
    ("ru", "Выдворены более 30 тысяч человек.", [("30 тысяч", 30000, "more_than", None, None)]),
    ("ru", "Выдворены свыше 30 000 человек.", [("30 000", 30000, "more_than", None, None)]),
    ("ru", "Задержаны около 10 тысяч человек.", [("10 тысяч", 10000, "about", None, None)]),
    ("ru", "Задержаны порядка 500 человек.", [("500", 500, "about", None, None)]),
    ("ru", "Задержаны не менее 12 человек.", [("12", 12, "at_least", None, None)]),
    ("ru", "Их почти 772 тыс.", [("772 тыс.", 772000, "almost", None, None)]),
    ("ru", "Обратились чуть больше 80 тыс. человек.", [("80 тыс.", 80000, "more_than", None, None)]),
    ("ru", "Задержано менее 40 человек.", [("40", 40, "less_than", None, None)]),
    ("ru", "В стране живут 1,2 млн мигрантов.", [("1,2 млн", 1200000, "exact", None, None)]),
    ("ru", "Выдворены более 11,2 тыс. иностранцев.", [("11,2 тыс.", 11200, "more_than", None, None)]),
    ("ru", "Их было 54,4 тысячи.", [("54,4 тысячи", 54400, "exact", None, None)]),
    ("ru", "Их было полторы тысячи.", [("полторы тысячи", 1500, "exact", None, None)]),
    ("ru", "Задержаны трое, ещё пятеро бежали.", [("трое", 3, "exact", None, None), ("пятеро", 5, "exact", None, None)]),
    ("ru", "Задержаны более полусотни мигрантов.", [("полусотни", 50, "more_than", None, None)]),
    ("ru", "Их около шести миллионов человек.", [("шести миллионов", 6000000, "about", None, None)]),
    ("ru", "Задержано двадцать пять человек.", [("двадцать пять", 25, "exact", None, None)]),
    ("ru", "Доставлено двумстам сорока мигрантам.", [("двумстам сорока", 240, "exact", None, None)]),
    ("ru", "Выдворено более тысячи человек.", [("тысячи", 1000, "more_than", None, None)]),
    ("ru", "Их 2000 мигрантов.", [("2000", 2000, "exact", None, None)]),
    ("ru", "Доля составила 56 процентов.", [("56 процентов", 56, "exact", "percent", None)]),
    ("ru", "Задержано 2–3 тысячи человек.", [("2", 2000, "at_least", None, "low"), ("3 тысячи", 3000, "up_to", None, "high")]),
    ("ru", "Задержано от 2 до 3 тысяч человек.", [("2", 2000, "at_least", None, "low"), ("3 тысяч", 3000, "up_to", None, "high")]),
    ("ru", "Задержано около 2–3 тысяч человек.", [("2", 2000, "about", None, "low"), ("3 тысяч", 3000, "about", None, "high")]),
    ("ru", "Число выросло с 5 до 10 тысяч.", [("5", 5, "exact", None, None), ("10 тысяч", 10000, "exact", None, None)]),
    ("ru", "Штраф до 5 тысяч рублей.", [("5 тысяч", 5000, "up_to", "money", None)]),
    ("ru", "Их держали 11 месяцев.", [("11", 11, "exact", "duration", None)]),
    ("ru", "Показатель в 3,3 раза меньше.", [("3,3", 3.3, "exact", "times", None)]),
    ("ru", "Выдворены 1,200 человек.", [("1,200", 1200, "exact", None, None)]),
    # number words in capitals (found in a lower-cased copy of the text)
    ("en", "Two Thousand Five Hundred people and THREE more.", [("Two Thousand Five Hundred", 2500, "exact", None, None), ("THREE", 3, "exact", None, None)]),
    ("ru", "ДВЕ ТЫСЯЧИ человек.", [("ДВЕ ТЫСЯЧИ", 2000, "exact", None, None)]),
]


@pytest.mark.parametrize(("language", "text", "expected"), FOUND)
def test_finds_numbers(language: str, text: str, expected: list[tuple[str, int | float, str, str | None, str | None]]) -> None:
    got = [(m.text, m.value, m.qualifier, m.unit_hint, m.range_role) for m in find_numbers(text, language)]
    assert got == expected


# Texts with no quantity in them (dates, ids, ordinals, ages, vague words, multipliers)
NOTHING: list[tuple[str, str]] = [
    ("en", "The law took effect in 2024."),
    ("en", "Figures for 2023–2024 and 2023-24 are final."),
    ("en", "Arrests peaked between 2020 and 2022."),
    ("en", "The raid began on 9 March."),
    ("en", "The raid began on March 9, 2025."),
    ("en", "Raids ran May 4-10 and April 27-May 3."),
    ("en", "The order is dated 12.03.2024 and 2024-03-09."),
    ("en", "They met at 10:30 and again at 9 a.m. and 5pm."),
    ("en", "It rose from 12th to 4th place; the 1st and 2nd rounds."),
    ("en", "Under Article 18.8 and Law No. 115-FZ, see Appendix 3."),
    ("en", "COVID-19, ISIS-K, the Su-35 and the G7 were discussed."),
    ("en", "Detention is harmful [12] and costly.[13]"),
    ("en", "They face detention.12 The report says so."),
    ("en", "Call +7 495 123-45-67 or 8 800 555 35 35."),
    ("en", "A boy aged 17 and a 17-year-old girl, 16 years old."),
    ("en", "Children between the ages of 0 and 17 were held."),
    ("en", "Children under the age of 18 are protected."),
    ("en", "Thousands were held, hundreds of thousands fled, tens of thousands waited."),
    ("en", "Dozens of people and scores of families."),
    ("en", "Arrests more than doubled; twice as many; half of them; a third left."),
    ("en", "Two-thirds of the detainees."),
    ("en", "One migrant told us that one of them was ill."),
    ("en", "Three times as many were held."),
    ("en", '[visualizer id="7906"]'),
    ("en", "1. Immigration detention"),
    ("en", "The value 1e309 overflows."),
    ("ru", "Закон принят в 2019 году."),
    ("ru", "Рейд прошёл 9 марта."),
    ("ru", "Рейды прошли 9-10 марта."),
    ("ru", "Постановление от 12.03.2024."),
    ("ru", "Это 2-й и 3-го числа, а также 90-х годах."),
    ("ru", "По статье 18.8 КоАП и закону № 260."),
    ("ru", "Федеральный закон 115-ФЗ."),
    ("ru", "Задержаны десятки и сотни мигрантов, тысячи ждали."),
    ("ru", "Число выросло в два раза, а вдвое меньше осталось."),
    ("ru", "Один из них рассказал."),
    ("ru", "Дети в возрасте от 14 до 18 лет."),
    ("ru", "В 2019 г. было иначе."),
]


@pytest.mark.parametrize(("language", "text"), NOTHING)
def test_not_numbers(language: str, text: str) -> None:
    assert [m.text for m in find_numbers(text, language)] == []


def test_spans_and_qualifier_start() -> None:
    text = "In 2024, more than 500 people and about 3 тыс. were held."
    [first, second] = find_numbers(text, "en")
    assert text[first.qualifier_start : first.start] == "more than "
    assert (first.start, first.end) == (text.index("500"), text.index("500") + 3)
    assert second.qualifier_start == text.index("about")


def test_range_high_end_points_back_to_the_range() -> None:
    text = "from around 1,600 to 3,500 people"
    low, high = find_numbers(text, "en")
    assert low.qualifier_start == text.index("around") == high.qualifier_start


def test_values_are_int_when_integral() -> None:
    [m] = find_numbers("about 1.5 million people", "en")
    assert m.value == 1500000 and isinstance(m.value, int)
    [m] = find_numbers("39.6 percent", "en")
    assert m.value == 39.6 and isinstance(m.value, float)


def test_unknown_language_reads_as_english() -> None:
    assert [m.value for m in find_numbers("more than 87,000 people", "de")] == [87000]


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "9" * 5000 + " people", "1e309", "1" + ",000" * 20000, "1" + " 000" * 20000, "1.2.3.4." * 1000, "İİ about 5 ß"],
)
def test_odd_input_does_not_raise(text: str) -> None:
    for language in ("en", "ru", "xx"):
        for m in find_numbers(text, language):
            _check(text, m)


def _check(text: str, m: NumberMention) -> None:
    assert text[m.start : m.end] == m.text
    assert 0 <= m.qualifier_start <= m.start < m.end <= len(text)
    assert math.isfinite(m.value)
    assert m.qualifier in {"exact", "about", "at_least", "more_than", "almost", "up_to", "less_than"}


_PIECES = st.sampled_from(
    [
        " ", "\n", "\u00a0", ",", ".", "-", "–", "%", "+", "$", "~", "0", "1", "2", "5", "9", "12", "000", "1,200",
        "2024", "3 000", "1.5", "54,4", "more than", "about", "under", "between", "and", "to", "from", "от", "до",
        "около", "более", "тыс.", "тысячи", "млн", "million", "a", "dozen", "half", "one", "twenty", "-three",
        "три", "полторы", "трое", "March", "марта", "years", "лет", "раза", "per cent", "процентов", "İ", "ß", "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30).map("".join), st.sampled_from(["en", "ru"]))
def test_offsets_hold_for_any_text(text: str, language: str) -> None:
    mentions = find_numbers(text, language)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for m in mentions:
        _check(text, m)


# The number words are found in a lower-cased copy of the text, matched case-sensitively
# (numpatterns.LowerRuns). That reads each character as IGNORECASE reads the original only
# for the characters of LOWER_SAFE, which this checks for every code point and every test
# the word patterns make of a character: their letters, the [её] class and the classes
# around words and joiners.
def test_lower_safe_characters_read_as_ignorecase_reads_them() -> None:
    letters = set("and-ё")
    for language in ("en", "ru"):
        letters |= set("".join(patterns(language).words.kinds))
    tests = [re.escape(ch) for ch in sorted(letters)] + ["[её]", r"[\w\-]", r"[\w]", r"[\s\u00a0\u202f\u2009]"]
    ignoring, keeping = [re.compile(t, re.IGNORECASE) for t in tests], [re.compile(t) for t in tests]
    safe = re.compile(f"[{LOWER_SAFE}]")
    # The characters `after_other` never stops at must be safe.
    assert re.fullmatch(f"[{LOWER_SAFE}]+", "abcdefghijklmnopqrstuvwxyz0123456789- абвгдежзийклмнопрстуфхцчшщъыьэюяё")
    for code in range(0x110000):
        original = chr(code)
        lowered = original.lower()
        if len(lowered) != 1 or safe.match(lowered) is None:
            continue  # one character that became two, or an unsafe one: the scan falls back
        for ignore, keep in zip(ignoring, keeping):
            assert (ignore.match(original) is None) == (keep.match(lowered) is None), (hex(code), keep.pattern)


_CASES = st.sampled_from(
    [
        " ", "\n", "(", "«", "-", "—", "\u00a0", "and", "a", "one", "Two", "THREE", "thouſand", "ſix", "fıve", "İ",
        "Σ", "ΣTEN", "K", "twenty", "-three", "hundred", "Million", "три", "Тысячи", "ДВЕ", "ᲀосемь", "ёлка", "сто",
        "пять", "x", "7",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CASES, max_size=20).map("".join), st.sampled_from(["en", "ru"]))
def test_number_words_found_in_lower_case_are_those_found_ignoring_case(text: str, language: str) -> None:
    pat = patterns(language)
    assert numbers._word_runs(text, pat) == [m.span() for m in pat.word_run.finditer(text)]
