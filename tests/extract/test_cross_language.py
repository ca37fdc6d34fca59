"""A Russian and an English report of the same figure end up as the same figure (issue 4)."""

from __future__ import annotations

import pytest

from vigil.extract import extract
from vigil.model import Indicator

PAIRS = [
    (
        "According to the bailiffs, 64,000 foreigners were expelled from Russia in 2023.",
        "По данным приставов, в 2023 году из России выдворили 64 тыс. иностранцев.",
        (Indicator.DEPORTED, 64000, "RU", "2023"),
    ),
    (
        "By 1 April, 700,000 foreigners in Russia had been placed on the controlled persons registry.",
        "К 1 апреля в России в реестр контролируемых лиц внесли 700 тысяч иностранцев.",
        (Indicator.REGISTRY_LISTED, 700000, "RU", "2025-04-01"),
    ),
    (
        "Police in Moscow detained about 2,000 migrants during raids on New Year's Eve 2023.",
        "В новогоднюю ночь, 31 декабря 2023 года, полиция в Москве задержала около двух тысяч мигрантов в ходе рейдов.",
        (Indicator.APPREHENDED, 2000, "RU", "2023-12-31"),
    ),
    (
        "In Russia, at least 15 naturalised citizens were stripped of their citizenship last year.",
        "В прошлом году в России не менее 15 натурализованных граждан лишили гражданства.",
        (Indicator.CITIZENSHIP_REVOKED, 15, "RU", "2024"),
    ),
]


@pytest.mark.parametrize("english, russian, expected", PAIRS, ids=[p[2][0].value for p in PAIRS])
def test_same_figure_in_both_languages(english: str, russian: str, expected: tuple[Indicator, int, str, str]) -> None:
    def key(text: str, language: str) -> set[tuple[Indicator, float, str | None, str | None]]:
        return {
            (f.indicator, float(f.value), f.country, f.when)
            for f in extract(text, language, "2025-05-01").figures
            if f.indicator != Indicator.OTHER
        }

    indicator, value, country, when = expected
    assert (indicator, float(value), country, when) in key(english, "en")
    assert (indicator, float(value), country, when) in key(russian, "ru")
