"""English figures end to end: sentences written by the project, what a researcher expects."""

from __future__ import annotations

import pytest

from vigil.extract import extract
from vigil.model import Indicator

# (text, published, expected: (indicator, value, qualifier, country, when))
CASES = [
    (
        "The bailiffs said 64,000 foreign nationals were expelled from Russia in 2023.",
        "2024-02-01",
        ("deported", 64000, "exact", "RU", "2023"),
    ),
    (
        "Police in Kazan arrested about 1,200 migrants during raids on markets last year.",
        "2024-06-10",
        ("apprehended", 1200, "about", "RU", "2023"),
    ),
    (
        "As of 31 March 2024, there were 1,910 people held in immigration detention in the UK.",
        "2024-05-23",
        ("detained", 1910, "exact", "GB", "2024-03-31"),
    ),
    (
        "By 9 March, more than 700,000 foreigners had been added to the registry of controlled persons in Russia.",
        "2025-05-02",
        ("registry_listed", 700000, "more_than", "RU", "2025-03-09"),
    ),
    (
        "In October 2024 at least twelve naturalised Russians were stripped of their citizenship.",
        "2025-01-15",
        ("citizenship_revoked", 12, "at_least", "RU", "2024-10"),
    ),
    (
        "Germany carried out 20,084 deportations in 2024, the interior ministry said.",
        "2025-03-01",
        ("deported", 20084, "exact", "DE", "2024"),
    ),
    (
        "Eleven people died in Malaysian immigration depots in 2023, officials said.",
        "2024-01-10",
        ("deaths_in_detention", 11, "exact", "MY", "2023"),
    ),
    (
        "The three centres in Sabah held 5,100 detainees, including 600 children, in 2022.",
        "2023-01-10",
        ("detained_children", 600, "exact", "MY", "2022"),
    ),
]


@pytest.mark.parametrize("text, published, expected", CASES, ids=[c[2][0] + str(c[2][1]) for c in CASES])
def test_figure_read_from_a_sentence(text: str, published: str, expected: tuple[str, int, str, str, str]) -> None:
    indicator, value, qualifier, country, when = expected
    figures = [f for f in extract(text, "en", published).figures if f.indicator != Indicator.OTHER]
    match = [f for f in figures if f.indicator == indicator and f.value == value]
    assert match, f"no {indicator} {value} in {[(f.indicator, f.value) for f in figures]}"
    f = match[0]
    assert (f.qualifier, f.country, f.when) == (qualifier, country, when)
    assert text[f.span.start : f.span.end] == f.quote
    assert f.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "The interior ministry plans to deport 5,000 people next year.",
        "At the end of June, 40,000 people were subject to deportation but could not be removed.",
        "The number of people entering detention fell by 4% in the year.",
        "A poll found that 60 percent of respondents favour stricter controls.",
        "He was sentenced to five years in prison after his return.",
        "Four men were arrested and charged with terrorism.",
    ],
)
def test_numbers_that_count_no_enforcement_are_other(text: str) -> None:
    figures = extract(text, "en", "2024").figures
    assert figures, "the number is still a figure"
    assert all(f.indicator == Indicator.OTHER for f in figures), [(f.indicator, f.value) for f in figures]


def test_a_list_continues_the_figure_before_it() -> None:
    text = (
        "In 2024 officials deported 9,000 people from the country. "
        "The largest groups were from Albania (1,200), Georgia (900) and Moldova (700)."
    )
    figures = extract(text, "en", "2025").figures
    values = {f.value: f.indicator for f in figures}
    assert values[1200] == values[900] == values[700] == Indicator.DEPORTED


def test_a_repeated_statement_is_two_figures() -> None:
    text = "Registry passes 500,000\n\nBy 1 April, 500,000 foreigners had been placed on the registry, the ministry said."
    figures = [f for f in extract(text, "en", "2025-05-01").figures if f.value == 500000]
    assert len(figures) == 2
    first, second = sorted(figures, key=lambda f: f.span.start)
    assert first.span.end <= text.index("\n") < second.span.start, "each mention keeps its own span"
    assert all("500,000" in f.quote for f in figures)
    assert all(f.indicator == Indicator.REGISTRY_LISTED for f in figures)
    assert all(f.when == "2025-04-01" for f in figures)


@pytest.mark.parametrize(
    "text, value, indicator",
    [
        ("At the end of May there were 990 people in immigration detention facilities in Australia.", 990, "detained"),
        ("Of those detained, 31 were ordered to be expelled, three were fined and four were released.", 31, "deported"),
        ("Of those detained, 31 were ordered to be expelled, three were fined and four were released.", 3, "other"),
        ("The removals are carried out by the sixteen federal states.", 16, "other"),
        ("Some 12,000 deportations failed last year because of missing papers.", 12000, "other"),
        ("He said 20,000 of them, one in four, had been sent to the front.", 4, "other"),
        ("Scotland's only immigration removal centre received 640 people in 2024.", 640, "detained"),
        ("The detention population stood at 38,000 in August; 7.7 million people were on the non-detained docket.", 7700000, "other"),
        ("By June, 180,000 people in Germany were required to leave the country.", 180000, "other"),
    ],
)
def test_cues_and_blockers_decide_by_their_place(text: str, value: int, indicator: str) -> None:
    figures = {f.value: f.indicator for f in extract(text, "en", "2025-01-01").figures}
    assert figures.get(value) == indicator, figures
