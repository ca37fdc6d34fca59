"""Russian figures end to end, with sentences the project wrote."""

from __future__ import annotations

import pytest

from vigil.extract import extract

CASES = [
    ("В 2024 году приставы выдворили из России более 80 тыс. иностранцев.", 80000, "deported", "more_than", "2024"),
    ("За прошлый год сотрудники препроводили за границу около 12 тысяч иностранцев.", 12000, "deported", "about", "2024"),
    ("В ходе рейда на рынке полицейские задержали свыше 300 мигрантов.", 300, "apprehended", "more_than", None),
    ("По состоянию на 1 мая в реестр контролируемых лиц внесены сведения о 700 тыс. иностранцев.", 700000, "registry_listed", "exact", "2025-05-01"),
    ("В ЦВСИГ в Сахарово сейчас содержатся 450 иностранных граждан.", 450, "detained", "exact", None),
    ("Здание спецприёмника рассчитано на 60 человек.", 60, "detention_capacity", "exact", None),
    ("В прошлом году гражданства лишили не менее 20 натурализованных мигрантов.", 20, "citizenship_revoked", "at_least", "2024"),
    ("По его словам, около 5 тысяч из них уже отправлены на передовую.", 5000, "conscripted", "about", None),
]


@pytest.mark.parametrize("text, value, indicator, qualifier, when", CASES, ids=[c[2] for c in CASES])
def test_russian_figure(text: str, value: int, indicator: str, qualifier: str, when: str | None) -> None:
    figures = [f for f in extract(text, "ru", "2025-06-01").figures if f.value == value]
    assert figures, f"no figure {value}"
    f = figures[0]
    assert (f.indicator, f.qualifier, f.when) == (indicator, qualifier, when)
    assert text[f.span.start : f.span.end] == f.quote


@pytest.mark.parametrize(
    "text, value",
    [
        ("Выдворить собирались более 2 тыс. мигрантов, сообщило министерство.", 2000),
        ("Свыше 100 задержанным грозит выдворение.", 100),
        ("На 1 января выдворению из России подлежали 3 тыс. человек.", 3000),
        ("Двоих суд оштрафовал, ещё троих отпустил.", 3),
        ("Количество выдворенных выросло на 37% по сравнению с прошлым годом.", 37),
        ("Выдворенных отправили в 66 государств.", 66),
    ],
)
def test_russian_numbers_that_count_no_enforcement(text: str, value: int) -> None:
    figures = {f.value: f.indicator for f in extract(text, "ru", "2025-06-01").figures}
    assert figures.get(value) == "other", figures
