"""Which source names count as official for the best-value rule (issue 7)."""

from __future__ import annotations

import pytest

from vigil.analyze.official import is_official


@pytest.mark.parametrize(
    "name, official",
    [
        ("Federal Bailiff Service (FSSP)", True),
        ("Interior Minister Vladimir Kolokoltsev", True),
        ("the Home Office", True),
        ("U.S. Immigration and Customs Enforcement (ICE)", True),
        ("МВД России", True),
        ("Министерство внутренних дел", True),
        ("Генпрокуратура Таджикистана", True),
        ("по данным ФССП", True),
        ("Asia-Plus", False),
        ("BBC Russian Service", False),
        ("Memorial Human Rights Centre", False),
        ("Аристов", False),
        (None, False),
        ("", False),
    ],
)
def test_official_names(name: str | None, official: bool) -> None:
    assert is_official(name) is official
