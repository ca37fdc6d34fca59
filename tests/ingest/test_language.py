"""Language detection among vigil's candidate languages."""

from __future__ import annotations

import pytest

from vigil.ingest import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Inspectors who visited the holding centre in February counted 212 people in rooms built for 120, "
         "and eleven of them were children waiting for a hearing.", "en"),
        ("По данным уполномоченного, в центре временного содержания иностранных граждан в феврале находились "
         "146 человек, из них девять детей, ожидающих решения суда.", "ru"),
        ("Уповноважений повідомив, що у пункті тимчасового перебування утримували 58 іноземців, "
         "які чекали на рішення суду про видворення.", "uk"),
        ("Nach Angaben des Flüchtlingsrats wurden im vergangenen Jahr 312 Menschen in Abschiebungshaft "
         "genommen, darunter mehrere Familien mit Kindern.", "de"),
    ],
    ids=["en", "ru", "uk", "de"],
)
def test_detects_the_language_of_a_paragraph(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "2024", "212 / 120", "OK", "12.03.2024 — 15:00"])
def test_short_or_letterless_text_is_undecided(text: str) -> None:
    assert detect_language(text) is None
