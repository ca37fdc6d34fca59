"""Recognising facility mentions in English and Russian (issue 10): names, places, numbers, kinds, keys."""

from __future__ import annotations

import pytest

from vigil.extract.facilities import find_facilities, fold, place_key

# (language, text, the words that name it, its place, its kind, specific?, key)
MENTIONS = [
    ("en", "Lawyers visited the Sakharovo centre in March.", "Sakharovo centre", None, "immigration_centre", True, "saharov"),
    ("en", "He was held in the centre in Sakharovo for a month.", "centre in Sakharovo", "Sakharovo", "immigration_centre", True, "saharov"),
    ("en", "TsVSIG Sakharovo was full in May.", "TsVSIG Sakharovo", "Sakharovo", "immigration_centre", True, "saharov"),
    ("en", "She spent weeks in the Centre for the Temporary Detention of Foreign Citizens at Sakharovo, near Moscow.",
     "Centre for the Temporary Detention of Foreign Citizens at Sakharovo", "Sakharovo", "immigration_centre", True, "saharov"),
    ("en", "He was taken to the Special Institution for the Temporary Detention of Foreign Citizens No. 1, Moscow, on Friday.",
     "Special Institution for the Temporary Detention of Foreign Citizens No. 1, Moscow", "Moscow", "immigration_centre", True, "moskv n1"),
    ("en", "At Dungavel, Scotland's only immigration removal centre, arrivals rose.",
     "Dungavel, Scotland's only immigration removal centre", None, "immigration_centre", True, "dungavel"),
    ("en", "Brook House IRC held 400 men.", "Brook House IRC", None, "immigration_centre", True, "brok hous"),
    ("en", "People were kept for days in the transit zone of Sheremetyevo airport.", "transit zone", None, "transit_zone", False, ""),
    ("ru", "Его поместили в центр временного содержания иностранных граждан в Сахарове.",
     "центр временного содержания иностранных граждан в Сахарове", "Сахарово", "immigration_centre", True, "saharov"),
    ("ru", "В ЦВСИГ в деревне Сахарово не хватает мест.", "ЦВСИГ в деревне Сахарово", "Сахарово", "immigration_centre", True, "saharov"),
    ("ru", "В московском ЦВСИГ на ту дату находились 678 человек.", "московском ЦВСИГ", "Москва", "immigration_centre", True, "moskv"),
    ("ru", "Задержанных отвезли в спецприёмник № 2 в Москве.", "спецприёмник № 2 в Москве", "Москва", "police_or_jail", True, "moskv n2"),
    ("ru", "Иностранцев держат в СУВСИГ МВД в Егорьевске.", "СУВСИГ МВД в Егорьевске", "Егорьевск", "immigration_centre", True, "egorevsk"),
]


@pytest.mark.parametrize("language, text, words, place, kind, specific, key", MENTIONS, ids=[m[2][:40] for m in MENTIONS])
def test_a_facility_mention_is_read(language: str, text: str, words: str, place: str | None, kind: str,
                                    specific: bool, key: str) -> None:
    found = [m for m in find_facilities(text, language) if m.text == words]
    assert found, [m.text for m in find_facilities(text, language)]
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text
    assert (mention.place, mention.kind, mention.specific) == (place, kind, specific)
    if specific:
        assert mention.key == key


@pytest.mark.parametrize("language, text", [
    ("en", "Protesters gathered in the city centre of Moscow."),
    ("en", "A poll by the Levada Centre found little support."),
    ("en", "The Centre for Human Rights published a report."),
    ("ru", "В центре Москвы прошли задержания."),
    ("ru", "Единый миграционный центр в Сахарове выдаёт патенты."),
])
def test_other_centres_are_not_facilities(language: str, text: str) -> None:
    assert [m.text for m in find_facilities(text, language) if m.specific] == []


def test_a_list_after_a_plural_head_gives_one_mention_per_place() -> None:
    text = "Москву обслуживают три центра: в деревне Сахарово, в Егорьевске и в Королёве."
    places = [m.place for m in find_facilities(text, "ru") if m.specific]
    assert places == ["Сахарово", "Егорьевск", "Королёв"]
    english = "It is one of three such centres serving the region, alongside those in Egoryevsk and Korolyov."
    assert [m.place for m in find_facilities(english, "en") if m.specific] == ["Egoryevsk", "Korolyov"]


@pytest.mark.parametrize("a, b", [
    ("Сахарово", "Sakharovo"), ("Сахарове", "Saharovo"), ("Королёв", "Korolyov"), ("Егорьевск", "Egoryevsk"),
    ("Москва", "Moscow"), ("Москве", "Moskva"),
])
def test_spellings_of_one_place_share_a_key(a: str, b: str) -> None:
    assert place_key(a, "ru") == place_key(b, "en")


def test_fold_transliterates_and_folds() -> None:
    assert fold("ЦВСИГ") == fold("TsVSIG") == "cvsig"
