"""Time expressions: what is found, where it stands, and what it resolves to.

The sentences here were written for these tests; they mimic the language of
detention reports and news in English and Russian.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract.dates import KINDS, DateMention, find_dates

PUB = "2025-05-02"


def _one(text: str, language: str, published: str | None, span: str) -> DateMention:
    """The single mention whose text is `span`."""
    found = find_dates(text, language, published)
    hits = [d for d in found if d.text == span]
    assert hits, f"{span!r} not found in {[(d.text, d.when) for d in found]}"
    return hits[0]


# (language, published, sentence, the expression as found, when, kind)
RESOLVED = [
    # years
    ("en", PUB, "Some 87,000 foreigners were expelled in 2024, the service said.", "in 2024", "2024", "point"),
    ("en", PUB, "In 2023, the ministry opened two new centres.", "In 2023", "2023", "point"),
    ("en", None, "The centre was built in 2019 and closed later.", "in 2019", "2019", "point"),
    ("en", PUB, "The totals of 2005, when raids peaked, were higher.", "of 2005", "2005", "point"),
    ("en", PUB, "Arrests exceeded those of all of 2020, when 8,000 were held.", "all of 2020", "2020", "point"),
    ("ru", PUB, "В 2024 году из страны выдворили 87 тыс. человек.", "В 2024 году", "2024", "point"),
    ("ru", PUB, "Всего за 2019 год было выдворено 37 тыс. иностранцев.", "за 2019 год", "2019", "point"),
    ("ru", PUB, "В 2019-м число выдворенных было втрое больше.", "В 2019-м", "2019", "point"),
    ("ru", PUB, "Отчет за 2018 г. опубликован позже.", "за 2018 г.", "2018", "point"),
    ("ru", PUB, "Данные 2020 года показывают рост.", "2020 года", "2020", "point"),
    # months
    ("en", PUB, "The raids began in March 2024 after the attack.", "in March 2024", "2024-03", "point"),
    ("en", PUB, "The March 2024 attack led to a wave of raids.", "March 2024", "2024-03", "point"),
    ("ru", PUB, "Рейды начались в марте 2024 года.", "в марте 2024 года", "2024-03", "point"),
    ("en", PUB, "In February, the new regime came into force.", "In February", "2025-02", "point"),
    ("en", "2025-05", "The decree was signed in December.", "in December", "2024-12", "point"),
    ("en", "2025-05-02", "The law was amended in May.", "in May", "2025-05", "point"),
    ("ru", "2025-05-02", "В апреле прошли массовые проверки.", "В апреле", "2025-04", "point"),
    ("ru", "2025-05-02", "В ноябре прошли массовые проверки.", "В ноябре", "2024-11", "point"),
    # days
    ("en", PUB, "It came into effect on 9 March 2025.", "on 9 March 2025", "2025-03-09", "point"),
    ("en", PUB, "It came into effect on March 9, 2025.", "on March 9, 2025", "2025-03-09", "point"),
    ("en", PUB, "It came into effect on the 9th of March 2025.", "9th of March 2025", "2025-03-09", "point"),
    ("ru", PUB, "Указ вступил в силу 9 марта 2025 года.", "9 марта 2025 года", "2025-03-09", "point"),
    ("ru", PUB, "Указ вступил в силу 9 марта 2025 г.", "9 марта 2025 г.", "2025-03-09", "point"),
    ("en", PUB, "Report dated 09.03.2025 by the ombudsman.", "09.03.2025", "2025-03-09", "point"),
    ("ru", PUB, "Сообщение от 09.03.2025 опубликовано на сайте.", "09.03.2025", "2025-03-09", "point"),
    ("en", PUB, "Filed 2024-11-05 with the court.", "2024-11-05", "2024-11-05", "point"),
    ("en", PUB, "Published 6 June 2014, 06:30 by the agency.", "6 June 2014", "2014-06-06", "point"),
    ("ru", PUB, "6 июня 2014, 06:30\nВ ходе рейда задержали 400 человек.", "6 июня 2014", "2014-06-06", "point"),
    ("ru", PUB, "Первого января 2024 года закон вступил в силу.", "Первого января 2024 года", "2024-01-01", "point"),
    ("ru", "2025-06-12", "28 апреля президент продлил срок.", "28 апреля", "2025-04-28", "point"),
    # yearless days resolve to the latest such day by publication
    ("en", "2025-05-02", "by 9 March 685,000 foreigners had been added", "by 9 March", "2025-03-09", "stock"),
    ("en", "2025-05-02", "Hearings resumed on 20 May.", "on 20 May", "2024-05-20", "point"),
    ("en", "2021-12-05", "in fiscal year 2021, which ended on September 30.", "on September 30", "2021-09-30", "point"),
    # stocks
    ("en", "2019-11-28", "As at 30 September 2019, there were 1,826 people in detention.", "As at 30 September 2019", "2019-09-30", "stock"),
    ("en", "2024", "As of June 30, 2024, 226,882 people were subject to deportation.", "As of June 30, 2024", "2024-06-30", "stock"),
    ("en", "2022-07-20", "as of July 12 this year, the total number of detainees was 17,703", "as of July 12 this year", "2022-07-12", "stock"),
    ("en", PUB, "At the end of 2023, 4,000 people were held.", "At the end of 2023", "2023-12-31", "stock"),
    ("en", PUB, "By the end of March 2024 the centres were full.", "By the end of March 2024", "2024-03-31", "stock"),
    ("ru", "2025-06-12", "Реестр по состоянию на 3 июня содержит данные о 772 тыс. человек.", "по состоянию на 3 июня", "2025-06-03", "stock"),
    ("ru", "2024-12-20", "На 1 декабря в центрах содержались 500 человек.", "На 1 декабря", "2024-12-01", "stock"),
    ("ru", "2021-02-11", "На первое января текущего года выдворению подлежали 2,4 тыс. человек.", "На первое января текущего года", "2021-01-01", "stock"),
    ("ru", PUB, "На конец 2023 года в реестре было 500 тыс. человек.", "На конец 2023 года", "2023-12-31", "stock"),
    # intervals
    ("en", PUB, "Deaths recorded between 5 February and 9 March were investigated.", "between 5 February and 9 March", "2025-02-05/2025-03-09", "interval"),
    ("en", PUB, "between 5 February and 9 March 2024", "between 5 February and 9 March 2024", "2024-02-05/2024-03-09", "interval"),
    ("en", PUB, "They intercepted 228,115 migrants from January to October 2021.", "from January to October 2021", "2021-01/2021-10", "interval"),
    ("en", PUB, "Arrests in January–October 2021 rose sharply.", "in January–October 2021", "2021-01/2021-10", "interval"),
    ("en", PUB, "over 9,500 people were deported in the first half of 2024", "in the first half of 2024", "2024-01-01/2024-06-30", "interval"),
    ("en", PUB, "the second half of 2023 saw fewer removals", "the second half of 2023", "2023-07-01/2023-12-31", "interval"),
    ("en", PUB, "in the third quarter of 2024 arrests fell", "in the third quarter of 2024", "2024-07-01/2024-09-30", "interval"),
    ("en", PUB, "Removals in Q1 2024 reached a record.", "in Q1 2024", "2024-01-01/2024-03-31", "interval"),
    ("en", PUB, "in the first nine months of 2024", "in the first nine months of 2024", "2024-01-01/2024-09-30", "interval"),
    ("ru", PUB, "В первом полугодии 2024 года выдворены 9 тыс. человек.", "В первом полугодии 2024 года", "2024-01-01/2024-06-30", "interval"),
    ("ru", "2024-08-15", "В первом квартале задержаны 3 тыс. мигрантов.", "В первом квартале", "2024-01-01/2024-03-31", "interval"),
    ("ru", "2024-08-15", "За первое полугодие выдворены 9 тыс. человек.", "За первое полугодие", "2024-01-01/2024-06-30", "interval"),
    ("ru", PUB, "За 9 месяцев 2024 года задержаны 30 тыс. человек.", "За 9 месяцев 2024 года", "2024-01-01/2024-09-30", "interval"),
    ("ru", PUB, "в январе-октябре 2021 года задержаны 228 тыс. мигрантов", "в январе-октябре 2021 года", "2021-01/2021-10", "interval"),
    ("ru", PUB, "с января по октябрь 2021 года задержаны 228 тыс. мигрантов", "с января по октябрь 2021 года", "2021-01/2021-10", "interval"),
    ("ru", "2025-05-02", "с 5 по 10 февраля задержаны 300 человек", "с 5 по 10 февраля", "2025-02-05/2025-02-10", "interval"),
    ("en", PUB, "149 deaths over 18 months between 2021 and 2022", "between 2021 and 2022", "2021/2022", "interval"),
    ("en", PUB, "detainees in 2021–2022 faced overcrowding", "in 2021–2022", "2021/2022", "interval"),
    ("en", PUB, "revocations in 2012-18 numbered 743", "in 2012-18", "2012/2018", "interval"),
    ("ru", PUB, "В 2019–2020 годах выдворения сократились.", "В 2019–2020 годах", "2019/2020", "interval"),
    ("ru", PUB, "между 2020 и 2022 годами число задержанных выросло", "между 2020 и 2022 годами", "2020/2022", "interval"),
    ("en", "2022-07-20", "298 deaths nationwide between 2020 and July 12, 2022", "between 2020 and July 12, 2022", "2020-01-01/2022-07-12", "interval"),
    ("en", "2023-05-14", "The arrests, made over the period of May 4-10, included", "of May 4-10", "2023-05-04/2023-05-10", "interval"),
    ("en", "2023-05-14", "during a April 27-May 3 swoop nationwide", "April 27-May 3", "2023-04-27/2023-05-03", "interval"),
    ("en", "2023-05-14", "raids on 4-10 May 2023 across the country", "on 4-10 May 2023", "2023-05-04/2023-05-10", "interval"),
    ("en", "2018-09-29", "deprived of their citizenship since 2012 has reached 743", "since 2012", "2012/2018", "interval"),
    ("en", None, "deprived of their citizenship since 2012 has reached 743", "since 2012", "2012", "point"),
    ("ru", "2018-09-29", "С 2012 года гражданства лишены 743 человека.", "С 2012 года", "2012/2018", "interval"),
    ("en", "2025-05-02", "Since 5 February, 300 people were listed.", "Since 5 February", "2025-02-05/2025-05-02", "interval"),
    ("en", "2025-05", "Since 5 February, 300 people were listed.", "Since 5 February", "2025-02-05/2025-05", "interval"),
    ("ru", "2025-05-02", "С 5 февраля в реестр внесены 300 человек.", "С 5 февраля", "2025-02-05/2025-05-02", "interval"),
    ("en", "2019-11-28", "fell by 3% to 24,441 in the year ending September 2019", "in the year ending September 2019", "2018-10-01/2019-09-30", "interval"),
    ("en", "2024-08-01", "in the year ended 30 June 2024", "in the year ended 30 June 2024", "2023-07-01/2024-06-30", "interval"),
    ("en", PUB, "ICE detained 396,448 people in FY 2018.", "in FY 2018", "2017-10-01/2018-09-30", "interval"),
    ("en", PUB, "Fiscal year 2018 saw 256,085 removals.", "Fiscal year 2018", "2017-10-01/2018-09-30", "interval"),
    ("en", PUB, "Removals rose in FY18 and again later.", "in FY18", "2017-10-01/2018-09-30", "interval"),
    ("en", PUB, "Removals rose in FY2018 and again later.", "in FY2018", "2017-10-01/2018-09-30", "interval"),
    ("en", PUB, "compared with 59 percent in FY 15", "in FY 15", "2014-10-01/2015-09-30", "interval"),
    # named days
    ("en", PUB, "the mass arrest of 3,000 migrants on New Years Eve 2023", "on New Years Eve 2023", "2023-12-31", "point"),
    ("en", PUB, "the mass arrest on New Year’s Eve 2023 in Moscow", "on New Year’s Eve 2023", "2023-12-31", "point"),
    ("en", PUB, "a raid on New Year's Eve left 500 detained", "on New Year's Eve", "2024-12-31", "point"),
    ("en", PUB, "Christmas Day 2024 brought no respite.", "Christmas Day 2024", "2024-12-25", "point"),
    ("ru", "2024-02-01", "В новогоднюю ночь задержаны 3 тыс. мигрантов.", "В новогоднюю ночь", "2023-12-31", "point"),
    # relative
    ("en", "2021-02-11", "Last year the service expelled 11,200 people.", "Last year", "2020", "relative"),
    ("ru", "2021-02-11", "В прошлом году число выдворенных сократилось.", "В прошлом году", "2020", "relative"),
    ("ru", "2021-02-11", "За прошлый год выдворены 11 тыс. человек.", "За прошлый год", "2020", "relative"),
    ("en", "2017-12", "which claimed 2,803 lives this year alone", "this year alone", "2017", "relative"),
    ("en", "2017-12", "It has brought home 14,007 migrants so far this year.", "so far this year", "2017", "relative"),
    ("en", "2017-12", "It has brought home 14,007 migrants so far in 2017.", "so far in 2017", "2017", "point"),
    ("ru", "2021-02-11", "С начала текущего года выдворены 300 человек.", "С начала текущего года", "2021", "relative"),
    ("ru", "2021-02-11", "в этом году задержаны 300 человек", "в этом году", "2021", "relative"),
    ("en", "2025-05-02", "Last month, 300 people were detained.", "Last month", "2025-04", "relative"),
    ("en", "2025-01-10", "Last month, 300 people were detained.", "Last month", "2024-12", "relative"),
    ("en", "2023-05-14", "Last week, authorities announced arrests.", "Last week", "2023-05", "relative"),
    ("en", "2025-05-02", "Yesterday, 40 people were detained.", "Yesterday", "2025-05-01", "relative"),
    ("en", "2024", "Compared to the first half of 2024 and the same period last year", "the same period last year", "2023-01-01/2023-06-30", "interval"),
    ("en", PUB, "Levada found in early 2025 that 56 percent agreed.", "in early 2025", "2025", "point"),
    ("en", PUB, "Raids intensified in late 2024.", "in late 2024", "2024", "point"),
    ("en", PUB, "Raids intensified in the spring of 2024.", "in the spring of 2024", "2024", "point"),
    ("en", PUB, "Raids intensified in mid-2024.", "in mid-2024", "2024", "point"),
    ("ru", "2014-06-06", "после массовой драки, которая произошла около стройки в конце мая", "в конце мая", "2014-05", "point"),
    ("ru", PUB, "Весной 2024 года рейды участились.", "Весной 2024 года", "2024", "point"),
    ("ru", "2025-06-12", "они должны были до 30 апреля легализовать свое положение", "до 30 апреля", "2025-04-30", "point"),
    ("ru", "2025-06-12", "продлил этот срок до 10 сентября", "до 10 сентября", "2025-09-10", "point"),
    ("en", "2025-06-12", "extended the deadline until 10 September", "until 10 September", "2025-09-10", "point"),
    ("ru", "2021-02-11", "в марте прошлого года задержаны 300 человек", "в марте прошлого года", "2020-03", "relative"),
    ("en", "2025-05-02", "At the end of last year 300 people were held.", "At the end of last year", "2024-12-31", "stock"),
    ("ru", "2025-05-02", "На начало 2024 года в реестре было 300 человек.", "На начало 2024 года", "2024-01-01", "stock"),
    ("ru", "2025-05-02", "На конец прошлого года в центрах было 300 человек.", "На конец прошлого года", "2024-12-31", "stock"),
    ("ru", PUB, "Во II квартале 2024 г. выдворены 3 тыс. человек.", "Во II квартале 2024 г.", "2024-04-01/2024-06-30", "interval"),
    ("ru", PUB, "В первой половине 2024 года выдворены 9 тыс. человек.", "В первой половине 2024 года", "2024-01-01/2024-06-30", "interval"),
    ("ru", PUB, "Закон вступил в силу 1-го марта 2024 года.", "1-го марта 2024 года", "2024-03-01", "point"),
    ("ru", PUB, "За январь–октябрь 2021 года задержаны 228 тыс. человек.", "За январь–октябрь 2021 года", "2021-01/2021-10", "interval"),
    ("ru", PUB, "Сообщение в янв. 2024 г. вызвало споры.", "в янв. 2024 г.", "2024-01", "point"),
    ("en", "2018-09-29", "revoked since early 2011, the group said", "since early 2011", "2011/2018", "interval"),
    ("en", PUB, "Removals fell in the year to March 2024.", "in the year to March 2024", "2023-04-01/2024-03-31", "interval"),
    ("en", PUB, "in the fourth quarter of last year", "in the fourth quarter of last year", "2024-10-01/2024-12-31", "interval"),
    ("en", PUB, "Arrests rose between January 2024 and March 2025.", "between January 2024 and March 2025", "2024-01/2025-03", "interval"),
    ("en", PUB, "The JANUARY 2024 REPORT", "JANUARY 2024", "2024-01", "point"),
    ("en", PUB, "Detained on Sept. 5, 2024 at the border.", "on Sept. 5, 2024", "2024-09-05", "point"),
    # a year written earlier in the sentence beats the publication date
    ("en", "2025-05-02", "On 1 April 2024 and 2 May police raided the market.", "2 May", "2024-05-02", "point"),
    # a year in the same sentence stands in for a missing publication date
    ("en", None, "The decree of 5 February 2025 was extended on 28 April.", "on 28 April", "2025-04-28", "point"),
    ("ru", None, "Указ от 5 февраля 2025 года продлен 28 апреля.", "28 апреля", "2025-04-28", "point"),
]


@pytest.mark.parametrize(("language", "published", "text", "span", "when", "kind"), RESOLVED)
def test_resolves(language: str, published: str | None, text: str, span: str, when: str, kind: str) -> None:
    found = _one(text, language, published, span)
    assert (found.when, found.kind) == (when, kind)
    assert text[found.start : found.end] == span


# (language, published, sentence, a substring that must not be read as a date)
NOT_DATES = [
    ("en", PUB, "Some 2000 people were detained at the border.", "2000"),
    ("en", PUB, "A total of 2019 migrants were returned.", "2019"),
    ("en", PUB, "The number rose by 2000 over the year.", "2000"),
    ("en", PUB, "Detention rose from 2000 to 3000 places.", "2000"),
    ("en", PUB, "Under Law No. 2019-1 foreigners may be expelled.", "2019"),
    ("en", PUB, "The flight left at 10:30 with 87,000 on the list.", "10:30"),
    ("en", PUB, "Of the 1,431 people held, 87,000 were counted twice.", "1,431"),
    ("en", PUB, "A boy aged 17 was among 2,000 detainees.", "17"),
    ("en", PUB, "Theresa May said the policy would stay.", "May"),
    ("en", PUB, "The march on the ministry drew 2,000 people.", "march"),
    ("en", PUB, "UN envoy Jan Egeland visited the camp.", "Jan"),
    ("en", PUB, "The minister may decide by May 2 whether to act.", "may decide"),
    ("en", PUB, "Numbers rose over the last year.", "last year"),
    ("en", PUB, "In the 2010s detention tripled.", "2010"),
    ("en", PUB, "The event drew 2021-2022 participants.", "2021"),
    ("en", PUB, "31 February 2024 is not a day.", "31 February"),
    ("en", PUB, "The form says 9999-99-99 and 0000.", "9999"),
    ("ru", PUB, "До 2000 человек содержались в центре.", "2000"),
    ("ru", PUB, "Число выросло на 2019 человек.", "2019"),
    ("ru", PUB, "В 2010-х годах задержания выросли.", "2010"),
    ("ru", PUB, "Закон № 2019 принят давно.", "2019"),
    ("ru", PUB, "Задержаны 2024 мигранта.", "2024"),
    ("en", PUB, "Removals in 2019/20 rose.", "2019"),
    ("en", PUB, "In the 1990s and early 2000s detention grew.", "2000"),
    ("en", PUB, "A fall of 2019 detainees was recorded.", "2019"),
    ("en", PUB, "The figure was first half of the total.", "first half"),
    ("ru", PUB, "В первой половине дня прошли проверки.", "первой половине"),
    ("ru", PUB, "В 2000 человек оценивают число задержанных.", "2000"),
]


@pytest.mark.parametrize(("language", "published", "text", "fragment"), NOT_DATES)
def test_not_dates(language: str, published: str | None, text: str, fragment: str) -> None:
    at = text.index(fragment)
    for d in find_dates(text, language, published):
        assert not (d.start < at + len(fragment) and at < d.end), (d.text, d.when)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "By 9 March 685,000 foreigners had been added to the registry."),
        ("en", "In February, legislation came into force."),
        ("en", "Last year 300 people were deported."),
        ("ru", "По состоянию на 3 июня в реестре 772 тыс. человек."),
        ("ru", "В прошлом году выдворены 11 тыс. человек."),
    ],
)
def test_yearless_dates_need_a_publication_date(language: str, text: str) -> None:
    assert find_dates(text, language, None) == []


def test_mentions_sorted_and_sliced() -> None:
    text = "In 2023 raids began; by 9 March 2025 the registry held 685,000, up from 2024 levels in 2024."
    found = find_dates(text, "en", PUB)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(text[d.start : d.end] == d.text for d in found)
    assert [d.when for d in found] == ["2023", "2025-03-09", "2024"]


def test_year_lists() -> None:
    text = "31 citizens lost nationality in 2012, 2014 and 2015, and 90 in 2016."
    assert [d.when for d in find_dates(text, "en", PUB)] == ["2012", "2014", "2015", "2016"]
    ru = "В 2019 и 2020 годах выдворения сократились."
    assert [d.when for d in find_dates(ru, "ru", PUB)] == ["2019", "2020"]


# Every character there is, to find those that re.IGNORECASE takes for a given letter.
_EVERY_CHARACTER = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))


@pytest.mark.parametrize(
    ("language", "text", "span", "letter"),
    [
        ("en", "Detained {}n 2024, they were held.", "{}n 2024", "i"),
        ("en", "Held {}ince 2019 in the centre.", "{}ince 2019", "s"),
        ("ru", "Задержаны {} 2024 году.", "{} 2024 году", "в"),
        ("ru", "Срок продлен {}о 2025 года.", "{}о 2025 года", "д"),
    ],
)
def test_words_are_read_in_every_case(language: str, text: str, span: str, letter: str) -> None:
    """A prefix is read in any case re.IGNORECASE allows: "In", "IN", "ın", "ſince", "ᲀ"."""
    cases = re.findall(letter, _EVERY_CHARACTER, re.IGNORECASE)
    assert len(cases) > 2
    for ch in cases:
        assert [d.text for d in find_dates(text.format(ch), language, PUB)] == [span.format(ch)], ch


@pytest.mark.parametrize(
    ("language", "text", "found"),
    [
        ("en", "Arrests rose LAST\n   YEAR to 87,000, and this year, (last year) and 2024-last year.",
         [("LAST\n   YEAR", "2024"), ("this year", "2025"), ("last year", "2024"), ("last year", "2024")]),
        ("en", "In the first half of 2024 arrests rose against the same period a year ago.",
         [("In the first half of 2024", "2024-01-01/2024-06-30"), ("the same period a year ago", "2023-01-01/2023-06-30")]),
        ("ru", "В прошлом\nгоду и в текущем году, а также в ПРОШЛОМ   ГОДУ выдворили больше.",
         [("В прошлом\nгоду", "2024"), ("в текущем году", "2025"), ("в ПРОШЛОМ   ГОДУ", "2024")]),
        # a letter that lower() does not make the one re.IGNORECASE takes it for (ı, ᲀ)
        ("en", "Arrests rose last year (ıt was said), more than this year.", [("last year", "2024"), ("this year", "2025")]),
        ("ru", "В прошлом году выдворили больше (ᲀ отчете).", [("В прошлом году", "2024")]),
    ],
)
def test_phrases_across_lines_and_in_capitals(language: str, text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.text, d.when) for d in find_dates(text, language, PUB)] == found


@pytest.mark.parametrize(
    ("language", "text", "found"),
    [
        ("en", "Between 4 and 10 May 2024, and again in 2025, raids took place.",
         [("Between 4 and 10 May 2024", "2024-05-04/2024-05-10"), ("in 2025", "2025")]),
        ("en", "Held by the end of March 2020, and as of the beginning of  June 2021 fewer.",
         [("by the end of March 2020", "2020-03-31"), ("as of the beginning of  June 2021", "2021-06-01")]),
        ("en", "The 9th of March 2025 and 1 to 5 May, from January to October 2021, mid-2024, 09.03.2025.",
         [("9th of March 2025", "2025-03-09"), ("1 to 5 May", "2024-05-01/2024-05-05"),
          ("from January to October 2021", "2021-01/2021-10"), ("mid-2024", "2024"), ("09.03.2025", "2025-03-09")]),
        ("ru", "С 1 по 10 мая и в период с 2019 по 2021 год, по состоянию на 1 января 2024 года, между 4 и 10 мая.",
         [("С 1 по 10 мая", "2024-05-01/2024-05-10"), ("в период с 2019 по 2021 год", "2019/2021"),
          ("по состоянию на 1 января 2024 года", "2024-01-01"), ("между 4 и 10 мая", "2024-05-04/2024-05-10")]),
    ],
)
def test_what_leads_into_a_date_is_read_with_it(language: str, text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.text, d.when) for d in find_dates(text, language, PUB)] == found


def test_same_period_without_a_period_before_it_is_left_out() -> None:
    found = find_dates("Compared to the same period last year, arrests rose.", "en", PUB)
    assert found == []


def test_bad_publication_date_is_ignored() -> None:
    assert [d.when for d in find_dates("in 2024 and last year", "en", "not a date")] == ["2024"]


@pytest.mark.parametrize(
    "text",
    ["", "\x00" * 50, "9999-99-99", "31 February 2024", "0000", "29 February 2023", "FY 00", "\x00in 2024\x00"],
)
def test_odd_input_does_not_raise(text: str) -> None:
    for published in (None, "2025", "2025-05", "2025-05-02", "0001-01-01", "9999-12-31"):
        for language in ("en", "ru", "xx"):
            for d in find_dates(text, language, published):
                assert text[d.start : d.end] == d.text


def test_large_single_line() -> None:
    text = ("x" * 997 + " in 2024 ") * 10_000  # 10 MB, one line
    found = find_dates(text, "en", PUB)
    assert len(found) == 10_000


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_ok(side: str) -> bool:
    m = _ISO.fullmatch(side)
    if m is None:
        return False
    y, mo, d = m.groups()
    date(int(y), int(mo or 1), int(d or 1))
    return True


_ALPHABET = st.sampled_from(
    list("0123456789 ,.-–/:\n") + ["in ", "by ", "as of ", "since ", "between ", " and ", "FY", "Q1 ", "first half of ",
     "March ", "May ", "June 30, ", "2024", "1999", "2012-18", "year ending ", "last year", "New Years Eve ",
     "в ", "году", "года", "марта ", "мае ", "на ", "по состоянию на ", "с ", " по ", "первое января ", "текущего года",
     "квартале ", "первом ", "прошлом году", "г.", "\x00", "ё", "Ж"]
)


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.one_of(_ALPHABET, st.text(max_size=8)), max_size=40),
    published=st.sampled_from([None, "2025", "2025-05", "2025-05-02"]),
    language=st.sampled_from(["en", "ru"]),
)
def test_property_offsets_and_iso(parts: list[str], published: str | None, language: str) -> None:
    text = "".join(parts)
    for d in find_dates(text, language, published):
        assert text[d.start : d.end] == d.text
        assert d.kind in KINDS
        assert all(_iso_ok(side) for side in d.when.split("/")), d.when
        assert d.when.count("/") <= 1


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.one_of(_ALPHABET, st.sampled_from(["Q3 ", "q4", "QUARTER", "quarterly ", "H2 ", "half", "Qatar"]),
                                st.text(max_size=8)), max_size=40),
       language=st.sampled_from(["en", "ru"]))
def test_property_gates_find_what_their_pattern_finds(parts: list[str], language: str) -> None:
    """Gate.hits, by str.find of a few beginnings ("q" alone for "q1"…"quarter"), is finditer."""
    from vigil.extract.datepatterns import grammar, lowered_text

    text = "".join(parts)
    low = lowered_text(text)
    folded = low.replace("ё", "е") if low is not None else None
    g = grammar(language)
    for gate in [g.gate, *(r.gate for r in g.rules if r.gate is not None)]:
        assert gate.hits(text, folded) == [m.span() for m in gate.pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.one_of(_ALPHABET, st.text(max_size=8)), max_size=30), language=st.sampled_from(["en", "ru"]))
def test_property_no_match_begins_inside_letters_and_digits(parts: list[str], language: str) -> None:
    """What lets _scan skip _next_match: where text[a-1:k] is all letters and digits, the
    main pattern's opening (hence the pattern) begins nowhere in a..k."""
    from vigil.extract.datepatterns import grammar

    text = "".join(parts)
    opening = grammar(language).opening
    assert opening is not None
    for a in range(1, len(text)):
        k = a
        while k < len(text) and text[a - 1 : k + 1].isalnum():
            k += 1
        if text[a - 1 : k].isalnum():
            assert all(s.start() > k for s in opening.starts.finditer(text, a, min(len(text), k + 1 + opening.reach)))
