"""Figure and event ids are stored and referred to (reviews, site observations, exports).

They are content hashes: the same finding gets the same id in every run and every
version of vigil, so a reviewed figure stays reviewed when its document is read
again. These values were computed by the first implementation of the hash; a
change that moves them orphans every stored review.
"""

from __future__ import annotations

import pytest

from vigil.model import make_event, make_figure

TEXT = "In 2024, 87,000 foreigners were deported from Russia."
DOCUMENT = "sha256:" + "ab" * 32


@pytest.mark.parametrize(
    ("value", "when", "expected"),
    [
        (87000, "2024", "fig:d8a5326bca07752549a481ac075629dc"),
        (87000.5, None, "fig:494ba12c7b8c212c7e14eb217868d40f"),
    ],
)
def test_figure_ids_never_change(value: float, when: str | None, expected: str) -> None:
    figure = make_figure(TEXT, DOCUMENT, 9, 15, indicator="deported", value=value, country="RU", when=when)
    assert figure.id == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2024", "evt:eb446c9d6b8248690325708ea98ce27d"), (None, "evt:3ce92c18bb9212adea503aa737bda478")],
)
def test_event_ids_never_change(date: str | None, expected: str) -> None:
    event = make_event(TEXT, DOCUMENT, 9, 53, event_type="deportation", subtype="order", date=date)
    assert event.id == expected


def test_the_id_depends_on_what_was_found_not_on_how_it_is_described() -> None:
    """The country and the date a figure is about are not part of its id; its value is."""
    one = make_figure(TEXT, DOCUMENT, 9, 15, indicator="deported", value=87000, country="RU")
    other = make_figure(TEXT, DOCUMENT, 9, 15, indicator="deported", value=87000, country=None, when="2024")
    assert one.id == other.id
    assert make_figure(TEXT, DOCUMENT, 9, 15, indicator="deported", value=87001).id != one.id
